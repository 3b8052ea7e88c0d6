//! The KL divergence between Gaussian mixtures by seeded Monte Carlo, with its standard error.

use rayon::prelude::*;

use super::{GaussianMixture, Scratch};
use crate::error::{Error, Result};
use crate::par::Par;
use crate::rng::SplitMix64;

/// Draws per random stream: draw `i` comes from stream `⌊i / CHUNK⌋` of the seed, so the
/// draws, and their order of summation, do not depend on the number of threads.
const CHUNK: usize = 4096;

/// A Monte Carlo estimate of `KL(f ‖ g)` in nats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonteCarloKl {
    /// The sample mean of `ln f(X) − ln g(X)` over the draws `X ~ f`.
    pub estimate: f64,
    /// Its standard error, `s / √n` with `s` the sample standard deviation (divisor `n − 1`).
    pub std_error: f64,
    /// The number of draws `n`.
    pub n_samples: usize,
}

/// Count, mean and sum of squared deviations of a run of values (Welford), mergeable (Chan,
/// Golub & LeVeque 1983).
#[derive(Debug, Clone, Copy, Default)]
struct Moments {
    n: f64,
    mean: f64,
    m2: f64,
}

impl Moments {
    fn push(&mut self, v: f64) {
        self.n += 1.0;
        let delta = v - self.mean;
        self.mean += delta / self.n;
        self.m2 += delta * (v - self.mean);
    }

    /// The moments of both runs, `self` first (an empty `self` gives `other`).
    fn merge(self, other: Self) -> Self {
        let n = self.n + other.n;
        let delta = other.mean - self.mean;
        Self {
            n,
            mean: self.mean + delta * (other.n / n),
            m2: self.m2 + other.m2 + delta * delta * (self.n * other.n / n),
        }
    }
}

impl GaussianMixture {
    /// `KL(self ‖ other)` in nats by Monte Carlo: the mean of `ln f(X_i) − ln g(X_i)` over
    /// `n_samples` draws `X_i ~ f`, with its standard error.
    ///
    /// $$ \hat D = \frac1n \sum_{i=1}^n \ln\frac{f(X_i)}{g(X_i)},\qquad
    ///    \widehat{\mathrm{se}} = \frac{s}{\sqrt n},\quad
    ///    s^2 = \frac{1}{n-1}\sum_{i=1}^n \Big(\ln\frac{f(X_i)}{g(X_i)} - \hat D\Big)^2 $$
    ///
    /// `D̂` is unbiased and, by the central limit theorem, about normal with standard deviation
    /// `se` for large `n`. Both log-densities are log-sum-exps over the components, so far draws
    /// neither underflow nor give `∞ − ∞`. A draw picks component `k` with probability `w_k`
    /// (a uniform against the cumulative weights) and sets `X = μ_k + L_k Z`, `Σ_k = L_k L_kᵀ`,
    /// `Z` standard normal by Box–Muller; the generator is splitmix64, and draw `i` comes from
    /// stream `⌊i / 4096⌋` of `seed`, so that the result depends on `seed` and `n_samples`
    /// only, not on `par`: the same bits for every thread count. The estimate is not clamped at
    /// 0 (it can be negative when `f` and `g` are close).
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] if the dimensions differ; [`Error::InvalidParameter`]
    /// (`name = "n_samples"`) for `n_samples < 2` (the standard error needs two draws).
    ///
    /// # Examples
    /// ```
    /// use sanov::{families::GaussianMixture, Par};
    /// let f = GaussianMixture::univariate(&[0.5, 0.5], &[-1.0, 1.0], &[1.0, 1.0])?;
    /// let g = GaussianMixture::univariate(&[1.0], &[0.0], &[2.0])?;
    /// let mc = f.kl_divergence_monte_carlo(&g, 100_000, 7, Par::Seq)?;
    /// let again = f.kl_divergence_monte_carlo(&g, 100_000, 7, Par::rayon(3))?;
    /// assert_eq!(mc, again);
    /// assert!(mc.std_error < 1e-3);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// J. R. Hershey & P. A. Olsen, "Approximating the Kullback Leibler divergence between
    /// Gaussian mixture models", *Proc. IEEE ICASSP 2007*, §2 (the Monte Carlo estimate).
    pub fn kl_divergence_monte_carlo(
        &self,
        other: &Self,
        n_samples: usize,
        seed: u64,
        par: Par,
    ) -> Result<MonteCarloKl> {
        self.check_same_dim(other)?;
        if n_samples < 2 {
            return Err(Error::InvalidParameter {
                name: "n_samples",
                value: n_samples as f64,
                expected: "must be >= 2 (the standard error needs two draws)",
            });
        }
        let n_chunks = n_samples.div_ceil(CHUNK);
        let chunk = |c: usize| self.log_ratio_moments(other, seed, c, n_samples);
        let parts: Vec<Moments> = match par {
            Par::Seq => (0..n_chunks).map(chunk).collect(),
            Par::Rayon(_) => par.install(|| (0..n_chunks).into_par_iter().map(chunk).collect()),
        };
        let m = parts.into_iter().fold(Moments::default(), Moments::merge);
        let n = n_samples as f64;
        Ok(MonteCarloKl {
            estimate: m.mean,
            std_error: (m.m2 / (n - 1.0) / n).sqrt(),
            n_samples,
        })
    }

    /// The moments of `ln f(X) − ln g(X)` over draws `c·CHUNK ..` (at most `CHUNK`, at most
    /// `n_samples` in all) from stream `c` of `seed`.
    fn log_ratio_moments(&self, other: &Self, seed: u64, c: usize, n_samples: usize) -> Moments {
        let d = self.dim();
        let count = CHUNK.min(n_samples - c * CHUNK);
        let mut rng = SplitMix64::stream(seed, c as u64);
        let mut cumulative = Vec::with_capacity(self.n_components());
        let mut acc = 0.0;
        for &w in &self.weights {
            acc += w;
            cumulative.push(acc);
        }
        // The last component of positive weight, for a uniform at or above the rounded total.
        let last = self.weights.iter().rposition(|&w| w > 0.0).unwrap_or(0);
        let (mut sf, mut sg) = (Scratch::default(), Scratch::default());
        let mut z = vec![0.0; d + 1];
        let mut x = vec![0.0; d];
        let mut m = Moments::default();
        for _ in 0..count {
            let u = rng.next_f64() * acc;
            let k = cumulative.iter().position(|&cw| u < cw).unwrap_or(last);
            for pair in z.chunks_exact_mut(2) {
                let (a, b) = rng.normal_pair();
                pair[0] = a;
                pair[1] = b;
            }
            let c = &self.components[k];
            let (l, mean) = (c.chol(), c.mean());
            for i in 0..d {
                let mut s = mean[i];
                for p in 0..=i {
                    s += l[[i, p]] * z[p];
                }
                x[i] = s;
            }
            m.push(self.ln_pdf_with(&x, &mut sf) - other.ln_pdf_with(&x, &mut sg));
        }
        m
    }
}
