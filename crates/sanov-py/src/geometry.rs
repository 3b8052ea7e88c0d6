//! Bindings of `sanov::geometry`: Fisher information, Fisher–Rao distances, geodesics, the
//! natural gradient and the Fisher–Rao regulariser, by family name (parameters as in
//! `differential_entropy`).

use ndarray::Array2;
use numpy::{IntoPyArray, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sanov::geometry::{
    categorical_geodesic, cramer_rao_bound as cramer_rao_bound_core, fisher_rao_regularizer,
    natural_gradient as natural_gradient_core, normal_geodesic, FisherMetric, FisherRao,
    KlCurvature, Regularizer,
};

use crate::cancel::interruptible;
use crate::convert::{self, floats64, Int};
use crate::error::{domain_error, IntoPy};
use crate::families::{member, merged, Member};

/// The member's metric as a trait object; `None` for the uniform family (not regular).
fn metric(m: &Member) -> Option<&dyn FisherMetric> {
    Some(match m {
        Member::Normal(d) => d,
        Member::Mvn(d) => d,
        Member::Exponential(d) => d,
        Member::Gamma(d) => d,
        Member::Beta(d) => d,
        Member::Dirichlet(d) => d,
        Member::Laplace(d) => d,
        Member::VonMises(d) => d,
        Member::Bernoulli(d) => d,
        Member::Categorical(d) => d,
        Member::Poisson(d) => d,
        Member::Geometric(d) => d,
        // Uniform: not regular; the SciPy-named families (issue #22): entropy and KL only; the
        // lattice families are refused by `build` before any metric is asked for.
        Member::Uniform(_)
        | Member::Binomial(_)
        | Member::Multinomial(_)
        | Member::NegativeBinomial(_)
        | Member::StudentT(_)
        | Member::LogNormal(_)
        | Member::Gumbel(_)
        | Member::Cauchy(_)
        | Member::HalfNormal(_)
        | Member::Pareto(_)
        | Member::Weibull(_)
        | Member::ChiSquared(_) => return None,
    })
}

fn not_regular(family: &str) -> PyErr {
    const NO_METRIC_YET: [&str; 8] = [
        "t",
        "lognorm",
        "gumbel_r",
        "cauchy",
        "halfnorm",
        "pareto",
        "weibull_min",
        "chi2",
    ];
    if NO_METRIC_YET.contains(&family) {
        return domain_error(format!(
            "family = {family:?} has entropy and KL divergence in sanov but no Fisher metric yet"
        ));
    }
    domain_error(format!(
        "family = {family:?} is not a regular family (its support depends on the parameters): \
         it has no Fisher information"
    ))
}

fn build<'py>(
    py: Python<'py>,
    family: &str,
    params: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
    arg: &str,
) -> PyResult<Member> {
    let m = member(family, &merged(py, params, kwargs)?, arg)?;
    if matches!(
        m,
        Member::Binomial(_) | Member::Multinomial(_) | Member::NegativeBinomial(_)
    ) {
        return Err(domain_error(format!(
            "family = {family:?} has no Fisher geometry in sanov (entropy and KL only)"
        )));
    }
    Ok(m)
}

/// The Fisher matrix of a k-variate normal has n = k + k(k+1)/2 rows (mean and covariance
/// coordinates), and the numeric Fisher–Rao distance evaluates it at every step: refuse a
/// dimension whose n × n matrix cannot be allocated (a `MemoryError` naming the size) instead
/// of aborting.
fn check_metric_size(m: &Member) -> PyResult<()> {
    if let Member::Mvn(d) = m {
        let k = d.dim();
        let n = k.saturating_add(k.saturating_mul(k.saturating_add(1)) / 2);
        drop(sanov::alloc::vec_with_capacity::<f64>("cov", n.saturating_mul(n)).py_err()?);
    }
    Ok(())
}

fn matrix(py: Python<'_>, a: Array2<f64>) -> Bound<'_, PyAny> {
    a.into_pyarray(py).into_any()
}

/// Fisher information matrix I(theta) = E[score score^T], per observation.
///
/// Parameterisations (coordinates of theta): bernoulli "p" (1/(p(1-p))); categorical
/// "first_k_minus_1" (p_1..p_{K-1}; diag(1/p_i) + (1/p_K) 11^T); normal "loc_scale"
/// (diag(1/s^2, 2/s^2)) or "loc_variance" (diag(1/s^2, 1/(2 s^4))); poisson "rate" (1/rate);
/// exponential "rate" (1/rate^2); gamma "shape_rate" ([[trigamma(a), -1/b], [-1/b, a/b^2]]);
/// beta "alpha_beta"; dirichlet "alpha" (diag(trigamma(alpha_i)) - trigamma(alpha_0) 11^T);
/// laplace "loc_scale" (diag(1/b^2, 1/b^2)); von_mises "loc_concentration"
/// (diag(k A(k), A'(k)), A = I1/I0); geometric "p" (1/(p^2 (1-p))); mvn "mean_cov" (the mean,
/// then the lower triangle of cov row by row; mean block inv(cov), covariance block
/// 0.5 tr(inv(cov) dS inv(cov) dS)). The uniform family is not regular and has none.
///
/// Parameters
/// ----------
/// family : str
/// params : dict, optional
///     Parameter values; keyword arguments are merged in.
/// parameterization : str, optional
///     The coordinates; default the family's first one above.
///
/// Returns
/// -------
/// ndarray
///     The symmetric matrix (1x1 for one-parameter families); +inf entries on the boundary
///     (a zero probability).
///
/// Raises
/// ------
/// DomainError
///     Unknown family or parameterisation, uniform, invalid parameters.
/// TypeError
///     A missing or unknown parameter name.
///
/// Examples
/// --------
/// >>> sanov.fisher_information("normal", loc=0.0, scale=2.0)
/// array([[0.25, 0.  ],
///        [0.  , 0.5 ]])
#[pyfunction]
#[pyo3(signature = (family, params=None, parameterization=None, **kwargs))]
fn fisher_information<'py>(
    py: Python<'py>,
    family: &str,
    params: Option<&Bound<'py, PyAny>>,
    parameterization: Option<&str>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let m = build(py, family, params, kwargs, "params")?;
    check_metric_size(&m)?;
    let metric = metric(&m).ok_or_else(|| not_regular(family))?;
    let name = parameterization.unwrap_or(metric.parameterization());
    if let (Member::Normal(n), "loc_variance") = (&m, name) {
        return Ok(matrix(py, n.fisher_information_loc_variance()));
    }
    if name != metric.parameterization() {
        let extra = if family == "normal" {
            ", loc_variance"
        } else {
            ""
        };
        return Err(domain_error(format!(
            "parameterization = {name:?} is unknown for {family}; expected {}{extra}",
            metric.parameterization()
        )));
    }
    Ok(matrix(py, metric.fisher_information()))
}

/// The Fisher-Rao distance between two members in nats-free units, by family.
fn distance(p: &Member, q: &Member) -> PyResult<f64> {
    use Member as M;
    match (p, q) {
        (M::Normal(a), M::Normal(b)) => a.fisher_rao_distance(b),
        (M::Mvn(a), M::Mvn(b)) => a.fisher_rao_distance(b),
        (M::Exponential(a), M::Exponential(b)) => a.fisher_rao_distance(b),
        (M::Gamma(a), M::Gamma(b)) => a.fisher_rao_distance(b),
        (M::Beta(a), M::Beta(b)) => a.fisher_rao_distance(b),
        (M::Dirichlet(a), M::Dirichlet(b)) => a.fisher_rao_distance(b),
        (M::Laplace(a), M::Laplace(b)) => a.fisher_rao_distance(b),
        (M::VonMises(a), M::VonMises(b)) => a.fisher_rao_distance(b),
        (M::Bernoulli(a), M::Bernoulli(b)) => a.fisher_rao_distance(b),
        (M::Categorical(a), M::Categorical(b)) => a.fisher_rao_distance(b),
        (M::Poisson(a), M::Poisson(b)) => a.fisher_rao_distance(b),
        (M::Geometric(a), M::Geometric(b)) => a.fisher_rao_distance(b),
        _ => return Err(not_regular("uniform")),
    }
    .py_err()
}

/// Fisher-Rao (geodesic) distance between two members of one family.
///
/// Closed forms: categorical and bernoulli 2 arccos(sum sqrt(p q)) (evaluated as
/// 4 arcsin(||sqrt p - sqrt q|| / 2), accurate for p close to q); normal
/// sqrt(2) arccosh(1 + ((mu1-mu2)^2/2 + (s1-s2)^2)/(2 s1 s2)); laplace
/// arccosh(1 + ((mu1-mu2)^2 + (b1-b2)^2)/(2 b1 b2)); poisson 2|sqrt(l1) - sqrt(l2)|;
/// exponential |ln(l1/l2)|; geometric 2|artanh sqrt(1-p1) - artanh sqrt(1-p2)|.
/// gamma, beta, dirichlet, von_mises and mvn: a numeric geodesic (shooting) solver, accurate
/// to 1e-8 relative.
///
/// Parameters
/// ----------
/// family : str
/// p, q : dict
///     Parameter values of the two members.
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// DomainError
///     Unknown family, uniform, invalid parameters.
/// ShapeError
///     Members of different dimensions.
/// ConvergenceError
///     The numeric solver did not meet its accuracy.
///
/// Examples
/// --------
/// >>> sanov.fisher_rao_distance("poisson", {"rate": 1.0}, {"rate": 4.0})
/// 2.0
#[pyfunction]
fn fisher_rao_distance<'py>(
    py: Python<'py>,
    family: &str,
    p: &Bound<'py, PyAny>,
    q: &Bound<'py, PyAny>,
) -> PyResult<f64> {
    let pm = build(py, family, Some(p), None, "p")?;
    let qm = build(py, family, Some(q), None, "q")?;
    check_metric_size(&pm)?;
    py.detach(|| distance(&pm, &qm))
}

/// Points along the Fisher-Rao geodesic from p to q, equally spaced in arc length.
///
/// normal: rows (loc, scale) on the hyperbolic half-plane geodesic (a vertical line or a
/// half-circle in (loc/sqrt 2, scale)); categorical: rows of probabilities on the great circle
/// through sqrt(p) and sqrt(q).
///
/// Parameters
/// ----------
/// family : {"normal", "categorical"}
/// p, q : dict
/// n_points : int, default 11
///     At least 2; the first row is p, the last q.
///
/// Returns
/// -------
/// ndarray of shape (n_points, 2) or (n_points, K)
///
/// Raises
/// ------
/// DomainError
///     Another family, invalid parameters, n_points < 2.
/// ShapeError
///     Categoricals of different lengths.
///
/// Examples
/// --------
/// >>> sanov.fisher_rao_geodesic("normal", {"loc": 0, "scale": 1}, {"loc": 0, "scale": 4}, n_points=3)[1]
/// array([0., 2.])
#[pyfunction]
#[pyo3(
    signature = (family, p, q, n_points=Int::Small(11)),
    text_signature = "(family, p, q, n_points=11)"
)]
fn fisher_rao_geodesic<'py>(
    py: Python<'py>,
    family: &str,
    p: &Bound<'py, PyAny>,
    q: &Bound<'py, PyAny>,
    n_points: Int,
) -> PyResult<Bound<'py, PyAny>> {
    let n_points = n_points.usize("n_points")?;
    let pm = build(py, family, Some(p), None, "p")?;
    let qm = build(py, family, Some(q), None, "q")?;
    let path = match (&pm, &qm) {
        (Member::Normal(a), Member::Normal(b)) => normal_geodesic(a, b, n_points),
        (Member::Categorical(a), Member::Categorical(b)) => categorical_geodesic(a, b, n_points),
        _ => {
            return Err(domain_error(format!(
                "family = {family:?}: closed-form geodesic paths are for normal and categorical"
            )))
        }
    }
    .py_err()?;
    Ok(matrix(py, path))
}

/// Natural gradient I(theta)^-1 grad in the family's coordinates (those of
/// ``fisher_information`` with its default parameterisation).
///
/// Parameters
/// ----------
/// family : str
/// params : dict
/// grad : array_like
///     The Euclidean gradient, one entry per coordinate.
///
/// Returns
/// -------
/// ndarray
///
/// Raises
/// ------
/// ShapeError
///     grad of the wrong length.
/// DomainError
///     NaN in grad, a singular or unbounded I(theta) (a boundary member), uniform.
///
/// Examples
/// --------
/// >>> sanov.natural_gradient("normal", {"loc": 0.0, "scale": 2.0}, [1.0, 1.0])
/// array([4., 2.])
#[pyfunction]
fn natural_gradient<'py>(
    py: Python<'py>,
    family: &str,
    params: &Bound<'py, PyAny>,
    grad: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let m = build(py, family, Some(params), None, "params")?;
    check_metric_size(&m)?;
    let metric = metric(&m).ok_or_else(|| not_regular(family))?;
    let g = floats64(grad, "grad")?;
    if g.shape().len() != 1 {
        return Err(convert::not_1d("grad", g.shape()));
    }
    let g = convert::flat(&g).to_vec();
    let out = natural_gradient_core(metric, &g).py_err()?;
    Ok(convert::array1(py, out))
}

/// Fisher-Rao regulariser d_FR(theta, reference)^2 and its gradient in theta.
///
/// normal: gradient in (loc, scale); categorical: gradient in all K probabilities (of the
/// extension 16 arcsin^2(||sqrt p - sqrt q||/2) to the positive orthant; -inf where
/// p_i = 0 < q_i); von_mises: gradient in (loc, concentration), d_FR by the numeric geodesic
/// (no closed form; about 1e-9 relative), gradient -2 G v from its initial velocity v.
///
/// Parameters
/// ----------
/// family : {"normal", "categorical", "von_mises"}
/// theta, reference : dict
///
/// Returns
/// -------
/// (float, ndarray)
///
/// Raises
/// ------
/// DomainError
///     Another family, invalid parameters.
/// ShapeError
///     Categoricals of different lengths.
///
/// Examples
/// --------
/// >>> sanov.fisher_rao_regularizer("normal", {"loc": 0, "scale": 1}, {"loc": 0, "scale": 1})
/// (0.0, array([0., 0.]))
#[pyfunction]
#[pyo3(name = "fisher_rao_regularizer")]
fn fisher_rao_regularizer_py<'py>(
    py: Python<'py>,
    family: &str,
    theta: &Bound<'py, PyAny>,
    reference: &Bound<'py, PyAny>,
) -> PyResult<(f64, Bound<'py, PyAny>)> {
    let tm = build(py, family, Some(theta), None, "theta")?;
    check_metric_size(&tm)?;
    let rm = build(py, family, Some(reference), None, "reference")?;
    let r: Regularizer = match (&tm, &rm) {
        (Member::Normal(a), Member::Normal(b)) => fisher_rao_regularizer(a, b),
        (Member::Categorical(a), Member::Categorical(b)) => fisher_rao_regularizer(a, b),
        (Member::VonMises(a), Member::VonMises(b)) => py.detach(|| fisher_rao_regularizer(a, b)),
        _ => {
            return Err(domain_error(format!(
                "family = {family:?}: the Fisher-Rao regularizer is for normal, categorical and \
                 von_mises"
            )))
        }
    }
    .py_err()?;
    Ok((r.value, convert::array1(py, r.gradient)))
}

/// Cramer-Rao lower bound I(theta)^-1 / n on the covariance of an unbiased estimator of theta
/// from n i.i.d. observations, in the coordinates of ``fisher_information`` (its default
/// parameterisation).
///
/// I(theta) is inverted through its Cholesky factor and the result symmetrised. E.g.
/// bernoulli p(1-p)/n; normal (loc, scale) diag(s^2, s^2/2)/n; categorical
/// "first_k_minus_1" (diag(p) - p p^T)/n over the first K-1 probabilities (the multinomial
/// covariance); poisson rate/n.
///
/// Parameters
/// ----------
/// family : str
///     Every family with a Fisher information (all but uniform).
/// params : dict, optional
///     Parameter values; keyword arguments are merged in.
/// n : int, default 1
///     The number of observations, >= 1.
///
/// Returns
/// -------
/// ndarray
///     The symmetric (d, d) bound, d the number of coordinates.
///
/// Raises
/// ------
/// DomainError
///     Unknown family, uniform, invalid parameters, n < 1, an information that is unbounded
///     (a member on the boundary, e.g. bernoulli p = 0) or singular.
/// ShapeError
///     A one-category categorical (no coordinates).
/// TypeError
///     A missing or unknown parameter name; n not an int.
///
/// Examples
/// --------
/// >>> sanov.cramer_rao_bound("normal", {"loc": 1.0, "scale": 2.0}, n=4)
/// array([[1. , 0. ],
///        [0. , 0.5]])
#[pyfunction]
#[pyo3(
    signature = (family, params=None, n=Int::Small(1), **kwargs),
    text_signature = "(family, params=None, n=1, **kwargs)"
)]
fn cramer_rao_bound<'py>(
    py: Python<'py>,
    family: &str,
    params: Option<&Bound<'py, PyAny>>,
    n: Int,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let n = n.usize("n")?;
    let m = build(py, family, params, kwargs, "params")?;
    check_metric_size(&m)?;
    let metric = metric(&m).ok_or_else(|| not_regular(family))?;
    Ok(matrix(py, cramer_rao_bound_core(metric, n).py_err()?))
}

/// The KL Hessian of a member, by family.
#[allow(clippy::match_wildcard_for_single_variants)]
fn curvature(m: &Member, family: &str) -> PyResult<sanov::Result<ndarray::Array2<f64>>> {
    Ok(match m {
        Member::Normal(d) => d.kl_hessian(),
        Member::Mvn(d) => d.kl_hessian(),
        Member::Exponential(d) => d.kl_hessian(),
        Member::Gamma(d) => d.kl_hessian(),
        Member::Beta(d) => d.kl_hessian(),
        Member::Dirichlet(d) => d.kl_hessian(),
        Member::Laplace(d) => d.kl_hessian(),
        Member::VonMises(d) => d.kl_hessian(),
        Member::Bernoulli(d) => d.kl_hessian(),
        Member::Categorical(d) => d.kl_hessian(),
        Member::Poisson(d) => d.kl_hessian(),
        Member::Geometric(d) => d.kl_hessian(),
        // uniform (refused before, by `metric`) and any family without a closed-form KL
        // curvature
        _ => {
            return Err(domain_error(format!(
                "family = {family:?}: kl_hessian is not available for this family"
            )))
        }
    })
}

/// Hessian of theta' -> KL(p_theta || p_theta') at theta' = theta, which equals the Fisher
/// information I(theta) (Kullback 1959): a numerical check of the Fisher matrix from the
/// family's closed-form KL divergence.
///
/// Coordinates as in ``fisher_information`` (its default parameterisation). Central
/// differences with steps h_i = 1e-3 |theta_i| (1e-3 where theta_i = 0) and h_i / 2, combined
/// by one Richardson step (truncation O(h^4), about 1e-9 relative; rounding about 1e-10
/// relative for parameters of order 1). The laplace KL has a |d loc|^3 term: its loc entry is
/// only O(h) accurate (about 3e-5 relative). The member must be at least 1e-3 |theta_i| inside
/// the parameter space (a categorical with a zero probability is not). Cost: 4 d^2 + 2 d
/// evaluations of the KL for d coordinates (mvn of dimension k: d = k + k(k+1)/2, about 1 s
/// at k = 15); Ctrl-C interrupts it.
///
/// Parameters
/// ----------
/// family : str
///     Every family with a Fisher information (all but uniform).
/// params : dict, optional
///     Parameter values; keyword arguments are merged in.
///
/// Returns
/// -------
/// ndarray
///     The symmetric (d, d) Hessian.
///
/// Raises
/// ------
/// DomainError
///     Unknown family, uniform, invalid parameters, a step leaving the parameter space.
/// TypeError
///     A missing or unknown parameter name.
///
/// Examples
/// --------
/// >>> h = sanov.kl_hessian("poisson", rate=4.0)  # I = 1/rate
/// >>> bool(abs(h[0, 0] - 0.25) < 1e-9)
/// True
#[pyfunction]
#[pyo3(signature = (family, params=None, **kwargs))]
fn kl_hessian<'py>(
    py: Python<'py>,
    family: &str,
    params: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let m = build(py, family, params, kwargs, "params")?;
    check_metric_size(&m)?;
    let d = metric(&m)
        .ok_or_else(|| not_regular(family))?
        .coordinates()
        .len();
    // 4d² + 2d evaluations of the KL: interruptible (Ctrl-C) when that is long.
    let evals = d.saturating_mul(d).saturating_mul(4);
    let h = interruptible(py, evals, || curvature(&m, family))??.py_err()?;
    Ok(matrix(py, h))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fisher_information, m)?)?;
    m.add_function(wrap_pyfunction!(fisher_rao_distance, m)?)?;
    m.add_function(wrap_pyfunction!(fisher_rao_geodesic, m)?)?;
    m.add_function(wrap_pyfunction!(natural_gradient, m)?)?;
    m.add_function(wrap_pyfunction!(fisher_rao_regularizer_py, m)?)?;
    m.add_function(wrap_pyfunction!(cramer_rao_bound, m)?)?;
    m.add_function(wrap_pyfunction!(kl_hessian, m)?)?;
    Ok(())
}
