//! The Nemenman–Shafee–Bialek (NSB) entropy estimator.

use super::counts::LabelCounts;
use super::special::{digamma, ln_gamma_ratio, nsb_prior_density, trigamma};
use crate::error::{Error, Result};
use crate::iterate::StoppingRule;
use crate::units::Base;

/// Settings of the NSB estimator ([`LabelCounts::nsb_entropy`]).
///
/// Override fields on the default: `NsbOptions { alphabet_size: 26, ..Default::default() }`.
/// `alphabet_size` has no meaningful default: the default `0` is rejected when the estimator
/// runs.
///
/// The quadrature's refinement stops by [`stopping`](Self::stopping), the
/// [`StoppingRule`] shared by sanov's iterative solvers. The fields `tolerance` and
/// `max_refinements` are deprecated (0.2.0, removed in 0.3) and still honoured: a deprecated
/// field set to anything but its default (`1e-10`, `14`) takes precedence over the matching
/// field of `stopping`.
///
/// # Examples
/// ```
/// use sanov::estimators::NsbOptions;
/// use sanov::iterate::StoppingRule;
/// let p = NsbOptions { alphabet_size: 26, ..Default::default() };
/// assert_eq!(p.stopping, StoppingRule { max_iterations: 14, tolerance: 1e-10 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NsbOptions {
    /// `K`, the number of possible symbols (observed or not); must be `≥ 2` and at least the
    /// number of distinct observed labels.
    pub alphabet_size: usize,
    /// When the quadrature stops: `tolerance` is the relative change of the posterior mean and
    /// second moment when the step is halved (refinement stops at or below it, from the third
    /// halving on); `max_iterations` is the most step halvings of the trapezoidal rule (the
    /// grid starts with 32 intervals). Default `{ max_iterations: 14, tolerance: 1e-10 }`.
    pub stopping: StoppingRule,
    /// Deprecated: use `stopping.tolerance`. Honoured when it differs from its default `1e-10`.
    #[deprecated(
        since = "0.2.0",
        note = "use `stopping.tolerance`; still honoured when it differs from its default 1e-10"
    )]
    pub tolerance: f64,
    /// Deprecated: use `stopping.max_iterations`. Honoured when it differs from its default 14.
    #[deprecated(
        since = "0.2.0",
        note = "use `stopping.max_iterations`; still honoured when it differs from its default 14"
    )]
    pub max_refinements: u32,
}

/// Default relative tolerance of the NSB quadrature.
const DEFAULT_TOLERANCE: f64 = 1e-10;
/// Default most step halvings of the NSB quadrature.
const DEFAULT_MAX_REFINEMENTS: u32 = 14;

#[allow(deprecated)] // sets the deprecated fields to their defaults
impl Default for NsbOptions {
    fn default() -> Self {
        Self {
            alphabet_size: 0,
            stopping: StoppingRule {
                max_iterations: DEFAULT_MAX_REFINEMENTS as usize,
                tolerance: DEFAULT_TOLERANCE,
            },
            tolerance: DEFAULT_TOLERANCE,
            max_refinements: DEFAULT_MAX_REFINEMENTS,
        }
    }
}

impl NsbOptions {
    /// The rule in force: `stopping`, overridden field by field by a deprecated field that is
    /// not at its default.
    #[allow(deprecated)] // reads the deprecated fields, to honour them
    fn effective_stopping(&self) -> StoppingRule {
        let mut rule = self.stopping;
        if self.tolerance.to_bits() != DEFAULT_TOLERANCE.to_bits() {
            rule.tolerance = self.tolerance;
        }
        if self.max_refinements != DEFAULT_MAX_REFINEMENTS {
            rule.max_iterations = self.max_refinements as usize;
        }
        rule
    }
}

/// The old name of [`NsbOptions`] (configuration structs are `*Options`, passed by reference).
#[deprecated(since = "0.2.0", note = "renamed to `NsbOptions`")]
pub type NsbParams = NsbOptions;

/// The NSB posterior of the entropy, with quadrature diagnostics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NsbEstimate {
    /// Posterior mean of the entropy, in the requested base.
    pub mean: f64,
    /// Posterior standard deviation of the entropy, in the requested base.
    pub std: f64,
    /// The concentration `β` at which the posterior density in `ln β` peaks.
    pub beta_map: f64,
    /// Number of evaluations of the integrand.
    pub evaluations: usize,
}

/// Posterior quantities at one `β`.
struct Point {
    /// Log of the unnormalised posterior density in `t = ln β`.
    log_w: f64,
    /// `E[H | n, β]` (nats).
    m1: f64,
    /// `E[H² | n, β]` (nats²).
    m2: f64,
}

/// The count profile including the unobserved symbols (`c = 0`, multiplicity `K − m`).
struct Model {
    profile: Vec<(f64, f64)>,
    n: f64,
    k: f64,
}

impl Model {
    /// Log of the unnormalised posterior density of `t = ln β`:
    /// `ln[β dξ/dβ] + ln Γ(Kβ) − ln Γ(N + Kβ) + Σ_c f_c [ln Γ(c + β) − ln Γ(β)]`.
    fn log_w(&self, t: f64) -> f64 {
        let beta = t.exp();
        let mut s =
            t + nsb_prior_density(beta, self.k).ln() - ln_gamma_ratio(self.k * beta, self.n);
        for &(c, f) in &self.profile {
            s += f * ln_gamma_ratio(beta, c);
        }
        s
    }

    fn point(&self, t: f64) -> Point {
        let beta = t.exp();
        let a = self.n + self.k * beta;
        let (psi_a1, psi_a2, tri_a2) = (digamma(a + 1.0), digamma(a + 2.0), trigamma(a + 2.0));
        let (mut s_mean, mut s1, mut s2, mut sa2, mut diag) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for &(c, f) in &self.profile {
            let al = c + beta;
            let psi1 = digamma(al + 1.0);
            let u = psi1 - psi_a2;
            let w = digamma(al + 2.0) - psi_a2;
            s_mean += f * al * psi1;
            s1 += f * al * u;
            s2 += f * al * al * u * u;
            sa2 += f * al * al;
            diag += f * al * (al + 1.0) * (w * w + trigamma(al + 2.0) - tri_a2);
        }
        let m1 = psi_a1 - s_mean / a;
        let m2 = ((s1 * s1 - s2) - tri_a2 * (a * a - sa2) + diag) / (a * (a + 1.0));
        Point {
            log_w: self.log_w(t),
            m1,
            m2,
        }
    }
}

/// The NSB estimate of `t` (see [`LabelCounts::nsb_entropy`]).
pub(crate) fn nsb(t: &LabelCounts, params: &NsbOptions, base: Base) -> Result<NsbEstimate> {
    if t.is_empty() {
        return Err(Error::Empty { arg: "samples" });
    }
    let k = params.alphabet_size;
    if k < 2 || k < t.distinct() {
        return Err(Error::InvalidParameter {
            name: "alphabet_size",
            value: k as f64,
            expected: "must be >= 2 and >= the number of distinct observed labels",
        });
    }
    let rule = params.effective_stopping();
    if !(rule.tolerance > 0.0) {
        return Err(Error::InvalidParameter {
            name: "tolerance",
            value: rule.tolerance,
            expected: "must be > 0",
        });
    }
    let mut profile: Vec<(f64, f64)> = t
        .profile()
        .into_iter()
        .map(|(c, f)| (c as f64, f as f64))
        .collect();
    if k > t.distinct() {
        profile.insert(0, (0.0, (k - t.distinct()) as f64));
    }
    let model = Model {
        profile,
        n: t.total() as f64,
        k: k as f64,
    };
    let mut evaluations = 0usize;
    let mut log_w = |x: f64| {
        evaluations += 1;
        model.log_w(x)
    };

    // 1. The mode in t = ln β: scan [−40, 40] (β from 4e-18 to 2e17), then golden section.
    let mut best = (f64::NEG_INFINITY, 0.0);
    for i in -40..=40 {
        let x = f64::from(i);
        let v = log_w(x);
        if v > best.0 {
            best = (v, x);
        }
    }
    let (mut lo, mut hi) = (best.1 - 1.0, best.1 + 1.0);
    let g = 0.5 * (5f64.sqrt() - 1.0);
    let (mut x1, mut x2) = (hi - g * (hi - lo), lo + g * (hi - lo));
    let (mut f1, mut f2) = (log_w(x1), log_w(x2));
    while hi - lo > 1e-6 {
        if f1 > f2 {
            hi = x2;
            (x2, f2) = (x1, f1);
            x1 = hi - g * (hi - lo);
            f1 = log_w(x1);
        } else {
            lo = x1;
            (x1, f1) = (x2, f2);
            x2 = lo + g * (hi - lo);
            f2 = log_w(x2);
        }
    }
    let t_map = 0.5 * (lo + hi);
    let w_max = log_w(t_map).max(f1).max(f2);

    // 2. The integration range: out from the mode in doubling steps until the density is
    //    below e^-50 of its peak (the integrand decays at least like e^{-|t|} in both tails).
    let mut edge = |dir: f64| {
        let mut step = 0.125;
        loop {
            let x = t_map + dir * step;
            if log_w(x) - w_max < -50.0 || step > 200.0 {
                return x;
            }
            step *= 2.0;
        }
    };
    let (a, b) = (edge(-1.0), edge(1.0));

    // 3. Trapezoidal rule on [a, b], halving the step until mean and second moment settle
    //    (geometric convergence for this smooth, tail-negligible integrand).
    let mut sums = [0.0f64; 3];
    let add = |x: f64, weight: f64, sums: &mut [f64; 3]| {
        let p = model.point(x);
        let w = weight * (p.log_w - w_max).exp();
        sums[0] += w;
        sums[1] += w * p.m1;
        sums[2] += w * p.m2;
    };
    let mut intervals = 32usize;
    let h0 = (b - a) / intervals as f64;
    for i in 0..=intervals {
        let weight = if i == 0 || i == intervals { 0.5 } else { 1.0 };
        add(a + i as f64 * h0, weight, &mut sums);
    }
    let mut evals = evaluations + intervals + 1;
    let mut prev = (sums[1] / sums[0], sums[2] / sums[0]);
    let mut residual = f64::INFINITY;
    for level in 1..=rule.max_iterations {
        let h = (b - a) / (2 * intervals) as f64;
        for i in 0..intervals {
            add(a + (2 * i + 1) as f64 * h, 1.0, &mut sums);
        }
        evals += intervals;
        intervals *= 2;
        let cur = (sums[1] / sums[0], sums[2] / sums[0]);
        residual = ((cur.0 - prev.0).abs() / cur.0.abs().max(f64::MIN_POSITIVE))
            .max((cur.1 - prev.1).abs() / cur.1.abs().max(f64::MIN_POSITIVE));
        prev = cur;
        if level >= 3 && residual <= rule.tolerance {
            let (mean, second) = cur;
            let var = second - mean * mean;
            return Ok(NsbEstimate {
                mean: base.from_nats(mean),
                std: base.from_nats(var.max(0.0).sqrt()),
                beta_map: t_map.exp(),
                evaluations: evals,
            });
        }
    }
    Err(Error::NotConverged {
        iterations: rule.max_iterations,
        residual,
    })
}

impl LabelCounts {
    /// Nemenman–Shafee–Bialek (NSB) entropy estimate: the posterior mean and standard
    /// deviation of `H` under a mixture of symmetric Dirichlet priors that is flat in the prior
    /// expected entropy[^nsb].
    ///
    /// With `K` the alphabet size, `A = N + Kβ` and `αᵢ = nᵢ + β` over all `K` symbols,
    ///
    /// $$ \xi(\beta) = \psi(K\beta + 1) - \psi(\beta + 1), \qquad
    ///    p(\beta \mid n) \propto \frac{d\xi}{d\beta}\,
    ///    \frac{\Gamma(K\beta)}{\Gamma(N + K\beta)} \prod_i \frac{\Gamma(n_i + \beta)}{\Gamma(\beta)} $$
    ///
    /// $$ \hat H_{\mathrm{NSB}} = \int E[H \mid n, \beta]\, p(\beta \mid n)\, d\beta, \qquad
    ///    E[H \mid n, \beta] = \psi(A + 1) - \sum_i \frac{\alpha_i}{A} \psi(\alpha_i + 1) $$
    ///
    /// and the posterior second moment from `E[H² | n, β]` (Wolpert & Wolf 1995), giving
    /// `std = sqrt(E[H²] − E[H]²)`.
    ///
    /// **Numerics.** The integral is taken over `t = ln β`: the mode is located by a scan of
    /// `t ∈ [−40, 40]` and golden-section refinement, the range is extended from the mode
    /// until the density falls below `e^{−50}` of its peak, and the trapezoidal rule (which
    /// converges geometrically for such smooth, exponentially decaying integrands) is refined
    /// by step halving until the posterior mean and second moment change by at most
    /// `params.stopping.tolerance` relative (default `1e-10`). The log-density uses `ln Γ` differences
    /// and `dξ/dβ` forms free of cancellation for large `β`. Against a 30-digit mpmath
    /// quadrature the mean agrees to about `1e-11` relative and the standard deviation to about
    /// `1e-9` relative (it is a difference of second moments). Cost: `O(P)` special-function
    /// calls per evaluation, `P` the number of distinct count values, times a few hundred to a
    /// few thousand evaluations.
    ///
    /// # Errors
    /// - [`Error::Empty`] if the table holds no samples.
    /// - [`Error::InvalidParameter`] (`alphabet_size`) if `K < 2` or `K` is smaller than the
    ///   number of distinct observed labels; (`tolerance`) unless it is `> 0`.
    /// - [`Error::NotConverged`] if the tolerance is not met after `params.stopping.max_iterations`
    ///   halvings (`residual` is the last relative change).
    ///
    /// # Examples
    /// ```
    /// use sanov::{estimators::{LabelCounts, NsbOptions}, Base};
    /// let t = LabelCounts::from_labels(&[0, 0, 0, 1, 1, 2]);
    /// let est = t.nsb_entropy(&NsbOptions { alphabet_size: 10, ..Default::default() }, Base::Nats)?;
    /// assert!(est.mean > t.plugin_entropy(Base::Nats)? && est.std > 0.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// [^nsb]: I. Nemenman, F. Shafee and W. Bialek, "Entropy and inference, revisited", in
    ///     *Advances in Neural Information Processing Systems 14* (2002), arXiv:physics/0108025.
    pub fn nsb_entropy(&self, params: &NsbOptions, base: Base) -> Result<NsbEstimate> {
        nsb(self, params, base)
    }
}
