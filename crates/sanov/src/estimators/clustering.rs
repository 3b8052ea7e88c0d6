//! Label-pair measures: conditional entropy, normalised and adjusted mutual information.

use super::counts::LabelCounts;
use super::special::ln_gamma;
use crate::error::Result;
use crate::multivariate::mutual_information_from_labels_par;
use crate::multivariate::table::pair_table;
use crate::multivariate::Labels;
use crate::par::Par;
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::check_label_pair;
use rayon::slice::ParallelSliceMut;

/// Largest label range of a dense count table (as in `multivariate::counts`).
const MAX_DIRECT_RANGE: u64 = 1 << 24;
/// Largest dense `(y, x)` table (cells) below `N` (as in `multivariate::counts`).
const MAX_DENSE_PAIRS: usize = 1 << 22;

/// How the two label entropies are averaged into the normaliser of
/// [`normalized_mutual_information`] and [`adjusted_mutual_information`] (scikit-learn's
/// `average_method`).
///
/// # Examples
/// ```
/// use sanov::estimators::AverageMethod;
/// assert_eq!(AverageMethod::default(), AverageMethod::Arithmetic);
/// assert_eq!(AverageMethod::Geometric.average(1.0, 4.0), 2.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AverageMethod {
    /// `min(H(X), H(Y))`.
    Min,
    /// `sqrt(H(X) H(Y))`.
    Geometric,
    /// `(H(X) + H(Y)) / 2` (scikit-learn's default).
    #[default]
    Arithmetic,
    /// `max(H(X), H(Y))`.
    Max,
}

impl AverageMethod {
    /// The average of `u` and `v` by this method.
    pub fn average(self, u: f64, v: f64) -> f64 {
        match self {
            Self::Min => u.min(v),
            Self::Geometric => (u * v).sqrt(),
            Self::Arithmetic => f64::midpoint(u, v),
            Self::Max => u.max(v),
        }
    }
}

/// Plug-in conditional entropy `H(X | Y)` of two integer-label columns (the empirical joint
/// distribution of the pairs `(x_s, y_s)`).
///
/// $$ \hat H(X \mid Y) = \sum_{x,y} \frac{n_{xy}}{N} \ln \frac{n_y}{n_{xy}} $$
///
/// Every term is non-negative (no cancellation of `H(X,Y) − H(Y)`); each is computed from the
/// ratio `n_y / n_xy` and summed with Neumaier compensation. The pairs are sorted
/// (`O(N log N)` time, `O(N)` memory, no `K_x × K_y` table).
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty); [`Error::LengthMismatch`](crate::Error::LengthMismatch).
///
/// # Examples
/// ```
/// use sanov::{estimators::conditional_entropy_from_labels, Base};
/// let x = [0, 1, 0, 1];
/// assert_eq!(conditional_entropy_from_labels(&x, &[0, 0, 1, 1], Base::Bits)?, 1.0);
/// assert_eq!(conditional_entropy_from_labels(&x, &x, Base::Bits)?, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn conditional_entropy_from_labels(x: &[i64], y: &[i64], base: Base) -> Result<f64> {
    conditional_entropy_from_labels_par(x, y, base, Par::Seq)
}

/// [`conditional_entropy_from_labels`] on at most `par.degree()` threads. When the label
/// ranges fit a dense table (as for [`mutual_information_from_labels_par`]) the pairs are
/// counted into per-thread `(y, x)` tables in one pass and the terms are visited in the same
/// order as the sorted pairs, so the result is the same bit for bit for every `par`.
///
/// # Errors
/// As [`conditional_entropy_from_labels`].
///
/// # Examples
/// ```
/// use sanov::{estimators::conditional_entropy_from_labels_par, Base, Par};
/// let x: Vec<i64> = (0..400_000).map(|i| i % 4).collect();
/// let y: Vec<i64> = (0..400_000).map(|i| i % 2).collect();
/// assert_eq!(conditional_entropy_from_labels_par(&x, &y, Base::Bits, Par::rayon(2))?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.conditional_entropy_from_labels(x, y, workers=n)`.
pub fn conditional_entropy_from_labels_par<'a>(
    x: impl Into<Labels<'a>>,
    y: impl Into<Labels<'a>>,
    base: Base,
    par: Par,
) -> Result<f64> {
    let (x, y) = (x.into(), y.into());
    check_label_pair(x.len(), y.len())?;
    let mut acc = Neumaier::default();
    if let Some(t) = pair_table(
        y,
        Some(x),
        MAX_DIRECT_RANGE,
        MAX_DENSE_PAIRS.max(x.len()),
        par,
    ) {
        // Rows by increasing y, columns by increasing x: the order of the sorted pairs.
        for row in t.cells.chunks_exact(t.ky) {
            let ny = row.iter().sum::<u64>() as f64;
            for &c in row.iter().filter(|&&c| c > 0) {
                let c = c as f64;
                acc.add(c * (ny / c).ln());
            }
        }
        return Ok(base.from_nats(acc.total() / x.len() as f64));
    }
    let (xv, yv) = (x.to_i64(), y.to_i64());
    let mut pairs: Vec<(i64, i64)> = yv.iter().copied().zip(xv.iter().copied()).collect();
    match par {
        Par::Seq => pairs.sort_unstable(),
        Par::Rayon(_) => par.install(|| pairs.par_sort_unstable()),
    }
    for group in pairs.chunk_by(|a, b| a.0 == b.0) {
        let ny = group.len() as f64;
        for run in group.chunk_by(|a, b| a.1 == b.1) {
            let c = run.len() as f64;
            acc.add(c * (ny / c).ln());
        }
    }
    Ok(base.from_nats(acc.total() / x.len() as f64))
}

/// Normalised mutual information of two labelings, scikit-learn's
/// `normalized_mutual_info_score`.
///
/// $$ \mathrm{NMI}(X, Y) = \frac{\hat I(X; Y)}{\mathrm{avg}(\hat H(X), \hat H(Y))} $$
///
/// with plug-in estimates and `avg` given by `average` ([`AverageMethod`], default
/// arithmetic). Unitless, in `[0, 1]` up to rounding. Conventions of scikit-learn: if both
/// labelings have a single class the result is `1.0`; otherwise a mutual information of
/// exactly `0.0` gives `0.0`. (scikit-learn clips its mutual information at 0; sanov's may be
/// `−1e−17` for independent labelings and is returned as computed.)
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty); [`Error::LengthMismatch`](crate::Error::LengthMismatch).
///
/// # Examples
/// ```
/// use sanov::estimators::{normalized_mutual_information, AverageMethod};
/// let x = [0, 0, 1, 1];
/// assert_eq!(normalized_mutual_information(&x, &[5, 5, 3, 3], AverageMethod::Arithmetic)?, 1.0);
/// assert_eq!(normalized_mutual_information(&x, &[0, 1, 0, 1], AverageMethod::Max)?, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn normalized_mutual_information(x: &[i64], y: &[i64], average: AverageMethod) -> Result<f64> {
    normalized_mutual_information_par(x, y, average, Par::Seq)
}

/// [`normalized_mutual_information`] on at most `par.degree()` threads (the counting passes
/// split as in [`mutual_information_from_labels_par`]); the same value for every `par`.
///
/// # Errors
/// As [`normalized_mutual_information`].
///
/// # Examples
/// ```
/// use sanov::estimators::{normalized_mutual_information_par, AverageMethod};
/// use sanov::Par;
/// let x = [0, 0, 1, 1];
/// assert_eq!(normalized_mutual_information_par(&x, &[5, 5, 3, 3], AverageMethod::Max, Par::rayon(2))?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn normalized_mutual_information_par<'a>(
    x: impl Into<Labels<'a>>,
    y: impl Into<Labels<'a>>,
    average: AverageMethod,
    par: Par,
) -> Result<f64> {
    let (x, y) = (x.into(), y.into());
    check_label_pair(x.len(), y.len())?;
    let (tx, ty) = (
        LabelCounts::from_labels_par(x, par),
        LabelCounts::from_labels_par(y, par),
    );
    if tx.distinct() == 1 && ty.distinct() == 1 {
        return Ok(1.0);
    }
    let mi = mutual_information_from_labels_par(x, y, Base::Nats, par)?;
    nmi_from_parts(&tx, &ty, mi, average)
}

/// NMI from the two label tables and the plug-in MI in nats (shared with
/// [`crate::summaries::CountTable`], so both give the same bits).
pub(crate) fn nmi_from_parts(
    tx: &LabelCounts,
    ty: &LabelCounts,
    mi: f64,
    average: AverageMethod,
) -> Result<f64> {
    if tx.distinct() == 1 && ty.distinct() == 1 {
        return Ok(1.0);
    }
    if mi == 0.0 {
        return Ok(0.0);
    }
    let (hx, hy) = (
        tx.plugin_entropy(Base::Nats)?,
        ty.plugin_entropy(Base::Nats)?,
    );
    Ok(mi / average.average(hx, hy))
}

/// Expected plug-in mutual information (nats) of two labelings with marginal counts `a`, `b`
/// under random permutation (the hypergeometric model of Vinh, Epps & Bailey 2010).
///
/// Grouped by distinct marginal counts: each `(a, b)` pair of values is weighted by the number
/// of rows and columns that have it.
fn expected_mutual_information(a: &LabelCounts, b: &LabelCounts) -> f64 {
    let n = a.total();
    let nf = n as f64;
    let (pa, pb) = (a.profile(), b.profile());
    let lg = |k: u64| ln_gamma(k as f64 + 1.0);
    let ln_n_fact = lg(n);
    let mut emi = Neumaier::default();
    for &(ai, fa) in &pa {
        let ga = lg(ai) + lg(n - ai);
        for &(bj, fb) in &pb {
            let gb = ga + lg(bj) + lg(n - bj) - ln_n_fact;
            let start = (ai + bj).saturating_sub(n).max(1);
            let end = ai.min(bj);
            let mut s = Neumaier::default();
            for nij in start..=end {
                let nijf = nij as f64;
                let term2 = ((nf * nijf) / (ai as f64 * bj as f64)).ln();
                let gln = gb - lg(nij) - lg(ai - nij) - lg(bj - nij) - lg(n + nij - ai - bj);
                s.add(nijf / nf * term2 * gln.exp());
            }
            emi.add((fa * fb) as f64 * s.total());
        }
    }
    emi.total()
}

/// Adjusted mutual information of two labelings, scikit-learn's `adjusted_mutual_info_score`
/// (Vinh, Epps & Bailey 2010[^vinh]).
///
/// $$ \mathrm{AMI}(X, Y) = \frac{\hat I(X;Y) - E[\hat I]}{\mathrm{avg}(\hat H(X), \hat H(Y)) - E[\hat I]} $$
///
/// $$ E[\hat I] = \sum_{i,j} \sum_{n_{ij}} \frac{n_{ij}}{N} \ln \frac{N n_{ij}}{a_i b_j}
///    \frac{a_i!\, b_j!\, (N - a_i)!\, (N - b_j)!}{N!\, n_{ij}!\, (a_i - n_{ij})!\,
///    (b_j - n_{ij})!\, (N - a_i - b_j + n_{ij})!} $$
///
/// the expected mutual information under the hypergeometric model (random labelings with the
/// observed marginal counts `a`, `b`), `n_ij` from `max(1, a_i + b_j − N)` to `min(a_i, b_j)`.
/// The factorial ratio is evaluated as `exp` of a sum of `ln Γ` (Stirling series with 7
/// Bernoulli terms above 10, exact factorials up to 20!), as scikit-learn does; the loops run
/// over *distinct* marginal count values, weighted by their multiplicities, so the cost is
/// `O(D_a D_b min(a, b))` with `D` the numbers of distinct count values.
///
/// Conventions of scikit-learn: `1.0` if both labelings have one class, `0.0` if exactly one
/// has; the numerator and denominator are each kept at least `f64::EPSILON` away from zero,
/// keeping their sign.
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty); [`Error::LengthMismatch`](crate::Error::LengthMismatch).
///
/// # Examples
/// ```
/// use sanov::estimators::{adjusted_mutual_information, AverageMethod};
/// let ami = adjusted_mutual_information(&[0, 0, 1, 1], &[1, 1, 0, 0], AverageMethod::Arithmetic)?;
/// assert!((ami - 1.0).abs() < 1e-12);
/// let ami = adjusted_mutual_information(&[0, 0, 0, 0], &[0, 1, 2, 3], AverageMethod::Arithmetic)?;
/// assert_eq!(ami, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// [^vinh]: N. X. Vinh, J. Epps and J. Bailey, "Information theoretic measures for clusterings
///     comparison", *JMLR* 11 (2010) 2837–2854.
pub fn adjusted_mutual_information(x: &[i64], y: &[i64], average: AverageMethod) -> Result<f64> {
    adjusted_mutual_information_par(x, y, average, Par::Seq)
}

/// [`adjusted_mutual_information`] on at most `par.degree()` threads (the counting passes
/// split as in [`mutual_information_from_labels_par`]; the expected mutual information runs
/// on one thread); the same value for every `par`.
///
/// # Errors
/// As [`adjusted_mutual_information`].
///
/// # Examples
/// ```
/// use sanov::estimators::{adjusted_mutual_information_par, AverageMethod};
/// use sanov::Par;
/// let ami = adjusted_mutual_information_par(&[0, 0, 1, 1], &[1, 1, 0, 0], AverageMethod::Arithmetic, Par::rayon(2))?;
/// assert!((ami - 1.0).abs() < 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.adjusted_mutual_information(x, y, workers=n)`.
pub fn adjusted_mutual_information_par<'a>(
    x: impl Into<Labels<'a>>,
    y: impl Into<Labels<'a>>,
    average: AverageMethod,
    par: Par,
) -> Result<f64> {
    let (x, y) = (x.into(), y.into());
    check_label_pair(x.len(), y.len())?;
    let (tx, ty) = (
        LabelCounts::from_labels_par(x, par),
        LabelCounts::from_labels_par(y, par),
    );
    match (tx.distinct(), ty.distinct()) {
        (1, 1) => return Ok(1.0),
        (1, _) | (_, 1) => return Ok(0.0),
        _ => {}
    }
    let mi = mutual_information_from_labels_par(x, y, Base::Nats, par)?;
    ami_from_parts(&tx, &ty, mi, average)
}

/// AMI from the two label tables and the plug-in MI in nats (shared with
/// [`crate::summaries::CountTable`], so both give the same bits).
pub(crate) fn ami_from_parts(
    tx: &LabelCounts,
    ty: &LabelCounts,
    mi: f64,
    average: AverageMethod,
) -> Result<f64> {
    match (tx.distinct(), ty.distinct()) {
        (1, 1) => return Ok(1.0),
        (1, _) | (_, 1) => return Ok(0.0),
        _ => {}
    }
    let emi = expected_mutual_information(tx, ty);
    let (hx, hy) = (
        tx.plugin_entropy(Base::Nats)?,
        ty.plugin_entropy(Base::Nats)?,
    );
    let away_from_zero = |v: f64| {
        if v < 0.0 {
            v.min(-f64::EPSILON)
        } else {
            v.max(f64::EPSILON)
        }
    };
    let denominator = away_from_zero(average.average(hx, hy) - emi);
    let numerator = away_from_zero(mi - emi);
    Ok(numerator / denominator)
}
