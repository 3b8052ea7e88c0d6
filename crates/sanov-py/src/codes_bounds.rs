//! Bindings of Fano's bound, the kl-inverse, the PAC-Bayes-kl bound, the Kelly growth rate
//! (`sanov::bounds`) and the GAN value at the optimal discriminator (`sanov::divergences`).

use pyo3::prelude::*;
use sanov::{bounds, divergences};

use crate::convert::{self, vector64, Int};
use crate::error::IntoPy;

/// Fano's lower bound on the error probability: the smallest Pe in [0, 1 - 1/alphabet_size]
/// with h(Pe) + Pe log(alphabet_size - 1) >= conditional_entropy (in ``base``, nats by
/// default); bisection to 1e-15.
///
/// Examples
/// --------
/// >>> round(sanov.fano_error_lower_bound(1.0, 2, base=2), 9)
/// 0.5
#[pyfunction]
#[pyo3(signature = (conditional_entropy, alphabet_size, base=None))]
fn fano_error_lower_bound(
    conditional_entropy: &Bound<'_, PyAny>,
    alphabet_size: Int,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let base = convert::base(base, "base")?;
    let h = convert::scalar(conditional_entropy, "conditional_entropy")?;
    bounds::fano_error_lower_bound(h, alphabet_size.usize("alphabet_size")?, base).py_err()
}

/// The upper kl-inverse: the largest q in [p_hat, 1] with kl(p_hat || q) <= c (nats);
/// bisection to 1e-15.
///
/// Examples
/// --------
/// >>> round(sanov.kl_inverse(0.0, 0.6931471805599453), 12)
/// 0.5
#[pyfunction]
fn kl_inverse(p_hat: &Bound<'_, PyAny>, c: &Bound<'_, PyAny>) -> PyResult<f64> {
    let p = convert::scalar(p_hat, "p_hat")?;
    let c = convert::scalar(c, "c")?;
    bounds::kl_inverse(p, c).py_err()
}

/// The PAC-Bayes-kl bound (Seeger 2002, Maurer 2004):
/// kl_inverse(empirical_risk, (kl_qp + ln(2 sqrt(n) / delta)) / n), kl_qp in nats.
///
/// Examples
/// --------
/// >>> 0.1 < sanov.pac_bayes_kl_bound(0.1, 5.0, 1000, 0.05) < 0.2
/// True
#[pyfunction]
fn pac_bayes_kl_bound(
    empirical_risk: &Bound<'_, PyAny>,
    kl_qp: &Bound<'_, PyAny>,
    n: Int,
    delta: &Bound<'_, PyAny>,
) -> PyResult<f64> {
    let r = convert::scalar(empirical_risk, "empirical_risk")?;
    let kl = convert::scalar(kl_qp, "kl_qp")?;
    let d = convert::scalar(delta, "delta")?;
    bounds::pac_bayes_kl_bound(r, kl, n.u64("n")?, d).py_err()
}

/// Kelly growth rate of a horse race: (W(b, p), W*) with W(b, p) = sum p_i log(b_i o_i) and
/// W* = sum p_i log o_i - H(p) (attained at b = p), in ``base`` (nats by default).
///
/// Examples
/// --------
/// >>> sanov.kelly_growth_rate([0.5, 0.5], [0.5, 0.5], [2.0, 2.0], base=2)
/// (0.0, 0.0)
#[pyfunction]
#[pyo3(signature = (p, b, odds, base=None))]
fn kelly_growth_rate(
    p: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    odds: &Bound<'_, PyAny>,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<(f64, f64)> {
    let base = convert::base(base, "base")?;
    let (p, b, o) = (
        vector64(p, "p")?,
        vector64(b, "b")?,
        vector64(odds, "odds")?,
    );
    bounds::kelly_growth_rate(&p, &b, &o, base).py_err()
}

/// The GAN value at the optimal discriminator D* = p/(p+q), computed directly; equals
/// 2 JSD(p || q) - log 4. In ``base`` (nats by default).
///
/// Examples
/// --------
/// >>> round(sanov.gan_optimal_value([0.5, 0.5], [0.5, 0.5]), 12)
/// -1.38629436112
#[pyfunction]
#[pyo3(signature = (p, q, base=None))]
fn gan_optimal_value(
    p: &Bound<'_, PyAny>,
    q: &Bound<'_, PyAny>,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let base = convert::base(base, "base")?;
    let (p, q) = (vector64(p, "p")?, vector64(q, "q")?);
    divergences::gan_optimal_value(&p, &q, base).py_err()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fano_error_lower_bound, m)?)?;
    m.add_function(wrap_pyfunction!(kl_inverse, m)?)?;
    m.add_function(wrap_pyfunction!(pac_bayes_kl_bound, m)?)?;
    m.add_function(wrap_pyfunction!(kelly_growth_rate, m)?)?;
    m.add_function(wrap_pyfunction!(gan_optimal_value, m)?)?;
    Ok(())
}
