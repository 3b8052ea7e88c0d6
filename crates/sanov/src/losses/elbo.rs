//! The evidence lower bound (ELBO) on a discrete latent-variable model, with the identity
//! `ln p(x) = ELBO + KL(q(z|x) ‖ p(z|x))`.

use ndarray::ArrayView2;

use crate::error::{Error, Result};
use crate::sum::Neumaier;
use crate::validate::{check_probability_vector, contiguous};

/// Absolute tolerance (nats, scaled by `1 + |ln p(x)|`) within which
/// `ln p(x) = ELBO + KL` is reported as holding by [`Elbo::identity_holds`].
pub const ELBO_IDENTITY_TOL: f64 = 1e-12;

/// The ELBO of a discrete model and its companions, in nats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Elbo {
    /// `ELBO = Σ_z q(z) [ln p(z) + ln p(x|z) − ln q(z)]` (`−∞` if `q` puts mass where
    /// `p(z) p(x|z) = 0`).
    pub elbo: f64,
    /// The log-evidence `ln p(x) = ln Σ_z p(z) p(x|z)`.
    pub log_px: f64,
    /// `KL(q(z|x) ‖ p(z|x))` against the exact posterior (`+∞` exactly when `elbo = −∞`).
    pub kl: f64,
    /// `ln p(x) − (ELBO + KL)` when both are finite; `None` when `ELBO = −∞` and `KL = +∞`
    /// (the identity then holds in the extended reals, with no finite residual).
    pub residual: Option<f64>,
    /// Whether `|residual| ≤ ELBO_IDENTITY_TOL · (1 + |ln p(x)|)` (true in the infinite case).
    pub identity_holds: bool,
}

/// The ELBO of a discrete latent-variable model at an observation `x`:
///
/// $$ \mathrm{ELBO} = \sum_z q(z)\,\big[\ln p(z) + \ln p(x\mid z) - \ln q(z)\big],\qquad
///    \ln p(x) = \mathrm{ELBO} + D\big(q(z)\,\|\,p(z\mid x)\big), $$
///
/// with `p(z|x) = p(z) p(x|z) / p(x)` and `p(x) = Σ_z p(z) p(x|z)` (Kingma & Welling 2014;
/// Bishop, *Pattern Recognition and Machine Learning*, eq. 9.70). `prior` is `p(z)` of length
/// `K`, `likelihood` is `p(x|z)` of shape `[K, M]` (each row a distribution over `M` values of
/// `x`), `x` indexes its column, `q` is `q(z|x)` of length `K`. All values are in nats.
///
/// The three numbers are computed independently (ELBO from `q`, the log-evidence by a
/// compensated sum, the KL against the exact posterior) and the identity is checked, never
/// imposed: the residual and the verdict are returned (tolerance [`ELBO_IDENTITY_TOL`]).
/// Conventions: terms with `q(z) = 0` are 0; `q(z) > 0 = p(z) p(x|z)` makes the ELBO `−∞`
/// and the KL `+∞`.
///
/// Python: `sanov.elbo(prior, likelihood, x, q)` (the named tuple `sanov.Elbo`).
///
/// # Errors
/// [`Error::Empty`] if `prior` or `q` is empty; [`Error::ShapeMismatch`] if `likelihood` is not
/// `[K, M]` with `M ≥ 1` or `q` has not length `K`; [`Error::IndexOutOfRange`] if `x ≥ M`;
/// [`Error::NonFinite`] / [`Error::NegativeProbability`] / [`Error::NotNormalized`] for
/// `prior`, a row of `likelihood` (arg `"likelihood"`, flattened index) or `q`;
/// [`Error::ZeroMass`] (arg `"p(x)"`) if the observation has probability 0.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::losses::elbo;
/// let prior = [0.5, 0.5];
/// let px_z = array![[0.75, 0.25], [0.25, 0.75]];
/// // the exact posterior at x = 0 is (3/4, 1/4): the ELBO is tight.
/// let r = elbo(&prior, px_z.view(), 0, &[0.75, 0.25])?;
/// assert!((r.log_px - 0.5f64.ln()).abs() < 1e-15);
/// assert!(r.kl.abs() < 1e-15 && r.identity_holds);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn elbo(prior: &[f64], likelihood: ArrayView2<'_, f64>, x: usize, q: &[f64]) -> Result<Elbo> {
    check_probability_vector("prior", prior)?;
    let k = prior.len();
    let (kr, m) = likelihood.dim();
    if kr != k || m == 0 {
        return Err(Error::ShapeMismatch {
            arg: "likelihood",
            expected: vec![k, m.max(1)],
            found: likelihood.shape().to_vec(),
        });
    }
    if q.is_empty() {
        return Err(Error::Empty { arg: "q" });
    }
    if q.len() != k {
        return Err(Error::ShapeMismatch {
            arg: "q",
            expected: vec![k],
            found: vec![q.len()],
        });
    }
    if x >= m {
        return Err(Error::IndexOutOfRange {
            arg: "x",
            index: x,
            len: m,
        });
    }
    let px_z = contiguous(&likelihood);
    for z in 0..k {
        check_probability_vector("likelihood", &px_z[z * m..(z + 1) * m]).map_err(|e| match e {
            Error::NonFinite { arg, index, value } => Error::NonFinite {
                arg,
                index: z * m + index,
                value,
            },
            Error::NegativeProbability { arg, index, value } => Error::NegativeProbability {
                arg,
                index: z * m + index,
                value,
            },
            Error::NotNormalized {
                arg,
                sum,
                tolerance,
                ..
            } => Error::NotNormalized {
                arg,
                sum,
                tolerance,
                row: Some(z),
            },
            other => other,
        })?;
    }
    check_probability_vector("q", q)?;

    // joint p(z, x) for the observed x
    let joint: Vec<f64> = (0..k).map(|z| prior[z] * px_z[z * m + x]).collect();
    let mut s = Neumaier::default();
    for &j in &joint {
        s.add(j);
    }
    let px = s.total();
    if px == 0.0 {
        return Err(Error::ZeroMass { arg: "p(x)" });
    }
    let log_px = px.ln();

    let mut e = Neumaier::default();
    let mut d = Neumaier::default();
    let mut infinite = false;
    for z in 0..k {
        if q[z] == 0.0 {
            continue;
        }
        if joint[z] == 0.0 {
            infinite = true;
            break;
        }
        // ELBO term q ln(p(z,x)/q); KL term q ln(q / p(z|x)) with p(z|x) = p(z,x)/p(x).
        e.add(q[z] * (joint[z] / q[z]).ln());
        d.add(q[z] * (q[z] / (joint[z] / px)).ln());
    }
    if infinite {
        return Ok(Elbo {
            elbo: f64::NEG_INFINITY,
            log_px,
            kl: f64::INFINITY,
            residual: None,
            identity_holds: true,
        });
    }
    let (elbo, kl) = (e.total(), d.total());
    let residual = log_px - (elbo + kl);
    Ok(Elbo {
        elbo,
        log_px,
        kl,
        residual: Some(residual),
        identity_holds: residual.abs() <= ELBO_IDENTITY_TOL * (1.0 + log_px.abs()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Tolerance against the hand-derived exact values below.
    const EXACT_TOL: f64 = 1e-15;

    #[test]
    fn exact_small_joint() {
        // p(z) = (1/2, 1/4, 1/4); p(x=1|z) = (1/2, 1/4, 1); p(x=1) = 1/4 + 1/16 + 1/4 = 9/16.
        // q = (1/2, 1/2, 0): ELBO = ½ ln((1/4)/(1/2)) + ½ ln((1/16)/(1/2)) = ½ ln(1/2) + ½ ln(1/8)
        //                         = −2 ln 2.
        let prior = [0.5, 0.25, 0.25];
        let px_z = array![[0.5, 0.5], [0.75, 0.25], [0.0, 1.0]];
        let r = elbo(&prior, px_z.view(), 1, &[0.5, 0.5, 0.0]).unwrap();
        assert!((r.log_px - (9.0f64 / 16.0).ln()).abs() < EXACT_TOL);
        assert!((r.elbo - (-2.0 * 2f64.ln())).abs() < EXACT_TOL);
        // KL = ln(9/16) + 2 ln 2 = ln(9/4)
        assert!((r.kl - (9.0f64 / 4.0).ln()).abs() < EXACT_TOL);
        assert!(r.identity_holds);
        assert!(r.residual.unwrap().abs() < EXACT_TOL);
    }

    #[test]
    fn infinite_when_q_leaves_the_posterior_support() {
        let prior = [0.5, 0.5];
        let px_z = array![[1.0, 0.0], [0.0, 1.0]];
        let r = elbo(&prior, px_z.view(), 0, &[0.5, 0.5]).unwrap();
        assert_eq!(r.elbo, f64::NEG_INFINITY);
        assert_eq!(r.kl, f64::INFINITY);
        assert_eq!(r.residual, None);
        assert!((r.log_px - 0.5f64.ln()).abs() < EXACT_TOL);
    }

    #[test]
    fn errors() {
        let px_z = array![[0.5, 0.5], [0.5, 0.5]];
        let ok = [0.5, 0.5];
        assert!(matches!(
            elbo(&[], px_z.view(), 0, &ok),
            Err(Error::Empty { arg: "prior" })
        ));
        assert!(matches!(
            elbo(&ok, px_z.view(), 0, &[]),
            Err(Error::Empty { arg: "q" })
        ));
        assert!(matches!(
            elbo(&ok, px_z.view(), 0, &[1.0]),
            Err(Error::ShapeMismatch { arg: "q", .. })
        ));
        assert!(matches!(
            elbo(&[1.0], px_z.view(), 0, &[1.0]),
            Err(Error::ShapeMismatch {
                arg: "likelihood",
                ..
            })
        ));
        assert!(matches!(
            elbo(&ok, px_z.view(), 2, &ok),
            Err(Error::IndexOutOfRange { arg: "x", .. })
        ));
        let bad = array![[0.5, 0.5], [0.5, 0.4]];
        assert!(matches!(
            elbo(&ok, bad.view(), 0, &ok),
            Err(Error::NotNormalized {
                arg: "likelihood",
                row: Some(1),
                ..
            })
        ));
        let nan = array![[0.5, 0.5], [f64::NAN, 0.5]];
        assert!(matches!(
            elbo(&ok, nan.view(), 0, &ok),
            Err(Error::NonFinite {
                arg: "likelihood",
                index: 2,
                ..
            })
        ));
        assert!(matches!(
            elbo(&[0.5, 0.6], px_z.view(), 0, &ok),
            Err(Error::NotNormalized { arg: "prior", .. })
        ));
        assert!(matches!(
            elbo(&ok, px_z.view(), 0, &[-0.5, 1.5]),
            Err(Error::NegativeProbability { arg: "q", .. })
        ));
        let zero = array![[1.0, 0.0], [1.0, 0.0]];
        assert!(matches!(
            elbo(&ok, zero.view(), 1, &ok),
            Err(Error::ZeroMass { arg: "p(x)" })
        ));
    }
}
