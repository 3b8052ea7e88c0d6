//! Bindings of `sanov::families`: entropies and KL divergences of parametric families, by
//! family name, with parameters as a dict or keyword arguments (docs/definitions.md names).

use ndarray::{aview1, Array2, Ix2};
use numpy::{IntoPyArray, PyArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sanov::families::{
    cross, Bernoulli, Beta, Binomial, Categorical, Dirichlet, Exponential, Gamma, Geometric,
    Laplace, Multinomial, MultivariateNormal, NegativeBinomial, Normal, Poisson, Uniform, VonMises,
};
// Continuous families with SciPy names (issue #22).
use sanov::families::{
    Cauchy, ChiSquared, Gumbel, HalfNormal, LogNormal, Pareto, StudentT, Weibull,
};
use sanov::losses::vae::{self, VaeKl};
use sanov::losses::Reduction;
use sanov::Base;

use crate::convert::{self, array64, fmt_shape, vector64, Workers};
use crate::error::{domain_error, shape_error, IntoPy};

/// A validated member of one of the families.
pub(crate) enum Member {
    Normal(Normal),
    Mvn(MultivariateNormal),
    Exponential(Exponential),
    Gamma(Gamma),
    Beta(Beta),
    Dirichlet(Dirichlet),
    Laplace(Laplace),
    Uniform(Uniform),
    VonMises(VonMises),
    Bernoulli(Bernoulli),
    Categorical(Categorical),
    Poisson(Poisson),
    Geometric(Geometric),
    // Continuous families with SciPy names (issue #22).
    StudentT(StudentT),
    LogNormal(LogNormal),
    Gumbel(Gumbel),
    Cauchy(Cauchy),
    HalfNormal(HalfNormal),
    Pareto(Pareto),
    Weibull(Weibull),
    ChiSquared(ChiSquared),
    Binomial(Binomial),
    Multinomial(Multinomial),
    NegativeBinomial(NegativeBinomial),
}

/// The parameter names of each family, in docs/definitions.md order.
const FAMILIES: &[(&str, &[&str])] = &[
    ("normal", &["loc", "scale"]),
    ("mvn", &["mean", "cov"]),
    ("exponential", &["rate"]),
    ("gamma", &["shape", "rate"]),
    ("beta", &["alpha", "beta"]),
    ("dirichlet", &["alpha"]),
    ("laplace", &["loc", "scale"]),
    ("uniform", &["low", "high"]),
    ("von_mises", &["loc", "concentration"]),
    ("bernoulli", &["p"]),
    ("categorical", &["probs"]),
    ("poisson", &["rate"]),
    ("geometric", &["p"]),
    // Continuous families with SciPy names and parameters (issue #22).
    ("t", &["df", "loc", "scale"]),
    ("lognorm", &["s", "scale"]),
    ("gumbel_r", &["loc", "scale"]),
    ("cauchy", &["loc", "scale"]),
    ("halfnorm", &["loc", "scale"]),
    ("pareto", &["b", "scale"]),
    ("weibull_min", &["c", "scale"]),
    ("chi2", &["df"]),
    ("binomial", &["n", "p"]),
    ("multinomial", &["n", "p"]),
    ("negative_binomial", &["n", "p"]),
];

fn params_of(family: &str) -> PyResult<&'static [&'static str]> {
    FAMILIES
        .iter()
        .find(|(f, _)| *f == family)
        .map(|(_, p)| *p)
        .ok_or_else(|| {
            let names: Vec<&str> = FAMILIES.iter().map(|(f, _)| *f).collect();
            domain_error(format!(
                "family = {family:?} is unknown; expected one of {}",
                names.join(", ")
            ))
        })
}

/// A number of trials or draws: an int, or a float with an integral value (as SciPy accepts),
/// in `[0, 2**64)`; anything else is a `DomainError` (`TypeError` for non-numbers).
fn count(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<u64> {
    if let Ok(i) = obj.extract::<convert::Int>() {
        return i.get(name, "must be a nonnegative integer below 2**64");
    }
    let v = convert::scalar(obj, name)?;
    // 2**64 is exactly representable; every float below it with no fraction is a u64.
    if (0.0..18_446_744_073_709_551_616.0).contains(&v) && v.fract() == 0.0 {
        Ok(v as u64)
    } else {
        Err(domain_error(format!(
            "{name} = {v} is invalid: must be a nonnegative integer below 2**64"
        )))
    }
}

/// Builds a member from its family name and a dict of parameters (exactly the family's).
pub(crate) fn member(family: &str, params: &Bound<'_, PyDict>, arg: &str) -> PyResult<Member> {
    let names = params_of(family)?;
    for key in params.keys() {
        let k: String = key.extract()?;
        if !names.contains(&k.as_str()) {
            return Err(PyTypeError::new_err(format!(
                "{arg}: {family} has no parameter {k:?}; its parameters are {}",
                names.join(", ")
            )));
        }
    }
    let get = |name: &str| -> PyResult<Bound<'_, PyAny>> {
        params.get_item(name)?.ok_or_else(|| {
            PyTypeError::new_err(format!(
                "{arg}: {family} needs the parameter {name:?} (parameters: {})",
                names.join(", ")
            ))
        })
    };
    let num = |name: &str| -> PyResult<f64> { convert::scalar(&get(name)?, name) };
    Ok(match family {
        "normal" => Member::Normal(Normal::new(num("loc")?, num("scale")?).py_err()?),
        "mvn" => {
            let mean = vector64(&get("mean")?, "mean")?;
            let cov: Array2<f64> = array64(&get("cov")?, "cov", "a 2-D matrix")?;
            Member::Mvn(MultivariateNormal::new(aview1(&mean), cov.view()).py_err()?)
        }
        "exponential" => Member::Exponential(Exponential::new(num("rate")?).py_err()?),
        "gamma" => Member::Gamma(Gamma::new(num("shape")?, num("rate")?).py_err()?),
        "beta" => Member::Beta(Beta::new(num("alpha")?, num("beta")?).py_err()?),
        "dirichlet" => {
            let alpha = vector64(&get("alpha")?, "alpha")?;
            Member::Dirichlet(Dirichlet::new(&alpha).py_err()?)
        }
        "laplace" => Member::Laplace(Laplace::new(num("loc")?, num("scale")?).py_err()?),
        "uniform" => Member::Uniform(Uniform::new(num("low")?, num("high")?).py_err()?),
        "von_mises" => {
            Member::VonMises(VonMises::new(num("loc")?, num("concentration")?).py_err()?)
        }
        "bernoulli" => Member::Bernoulli(Bernoulli::new(num("p")?).py_err()?),
        "categorical" => {
            let probs = vector64(&get("probs")?, "probs")?;
            Member::Categorical(Categorical::new(&probs).py_err()?)
        }
        "poisson" => Member::Poisson(Poisson::new(num("rate")?).py_err()?),
        "geometric" => Member::Geometric(Geometric::new(num("p")?).py_err()?),
        // Continuous families with SciPy names (issue #22).
        "t" => Member::StudentT(StudentT::new(num("df")?, num("loc")?, num("scale")?).py_err()?),
        "lognorm" => Member::LogNormal(LogNormal::new(num("s")?, num("scale")?).py_err()?),
        "gumbel_r" => Member::Gumbel(Gumbel::new(num("loc")?, num("scale")?).py_err()?),
        "cauchy" => Member::Cauchy(Cauchy::new(num("loc")?, num("scale")?).py_err()?),
        "halfnorm" => Member::HalfNormal(HalfNormal::new(num("loc")?, num("scale")?).py_err()?),
        "pareto" => Member::Pareto(Pareto::new(num("b")?, num("scale")?).py_err()?),
        "weibull_min" => Member::Weibull(Weibull::new(num("c")?, num("scale")?).py_err()?),
        "chi2" => Member::ChiSquared(ChiSquared::new(num("df")?).py_err()?),
        "binomial" => Member::Binomial(Binomial::new(count(&get("n")?, "n")?, num("p")?).py_err()?),
        "multinomial" => {
            let probs = vector64(&get("p")?, "p")?;
            Member::Multinomial(Multinomial::new(count(&get("n")?, "n")?, &probs).py_err()?)
        }
        "negative_binomial" => {
            Member::NegativeBinomial(NegativeBinomial::new(num("n")?, num("p")?).py_err()?)
        }
        _ => return Err(domain_error(format!("family = {family:?} is unknown"))),
    })
}

/// The parameters as a dict: a positional dict, keyword arguments, or both (merged).
pub(crate) fn merged<'py>(
    py: Python<'py>,
    params: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    if let Some(p) = params {
        let p = p
            .cast::<PyDict>()
            .map_err(|_| PyTypeError::new_err("params must be a dict of parameter values"))?;
        d.update(p.as_mapping())?;
    }
    if let Some(k) = kwargs {
        d.update(k.as_mapping())?;
    }
    Ok(d)
}

fn is_discrete(m: &Member) -> bool {
    matches!(
        m,
        Member::Bernoulli(_)
            | Member::Categorical(_)
            | Member::Poisson(_)
            | Member::Geometric(_)
            | Member::Binomial(_)
            | Member::Multinomial(_)
            | Member::NegativeBinomial(_)
    )
}

/// The entropy of a member in nats (differential for continuous families).
fn entropy_nats(m: &Member) -> PyResult<f64> {
    Ok(match m {
        Member::Normal(d) => d.differential_entropy(),
        Member::Mvn(d) => d.differential_entropy(),
        Member::Exponential(d) => d.differential_entropy(),
        Member::Gamma(d) => d.differential_entropy(),
        Member::Beta(d) => d.differential_entropy(),
        Member::Dirichlet(d) => d.differential_entropy(),
        Member::Laplace(d) => d.differential_entropy(),
        Member::Uniform(d) => d.differential_entropy(),
        Member::VonMises(d) => d.differential_entropy(),
        Member::Bernoulli(d) => d.entropy(),
        Member::Categorical(d) => d.entropy(),
        Member::Poisson(d) => d.entropy(),
        Member::Geometric(d) => d.entropy(),
        // Continuous families with SciPy names (issue #22).
        Member::StudentT(d) => d.differential_entropy(),
        Member::LogNormal(d) => d.differential_entropy(),
        Member::Gumbel(d) => d.differential_entropy(),
        Member::Cauchy(d) => d.differential_entropy(),
        Member::HalfNormal(d) => d.differential_entropy(),
        Member::Pareto(d) => d.differential_entropy(),
        Member::Weibull(d) => d.differential_entropy(),
        Member::ChiSquared(d) => d.differential_entropy(),
        Member::Binomial(d) => d.entropy(),
        Member::Multinomial(d) => d.entropy(),
        Member::NegativeBinomial(d) => d.entropy().py_err()?,
    })
}

/// The entropy in `base` of the member `family(params, **kwargs)`, which must be discrete
/// (`entropy_parametric`) or continuous (`differential_entropy`) as `discrete` says.
fn entropy_of<'py>(
    py: Python<'py>,
    family: &str,
    params: Option<&Bound<'py, PyAny>>,
    base: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
    discrete: bool,
) -> PyResult<f64> {
    let b = convert::base(base, "base")?;
    let m = member(family, &merged(py, params, kwargs)?, "params")?;
    match (discrete, is_discrete(&m)) {
        (false, true) => Err(domain_error(format!(
            "family = {family:?} is discrete: use entropy_parametric"
        ))),
        (true, false) => Err(domain_error(format!(
            "family = {family:?} is continuous: use differential_entropy"
        ))),
        _ => Ok(b.from_nats(py.detach(|| entropy_nats(&m))?)),
    }
}

/// Differential entropy of a continuous parametric family, in closed form.
///
/// ``sanov.differential_entropy("normal", loc=0.0, scale=2.0)`` or with a dict:
/// ``sanov.differential_entropy("normal", {"loc": 0.0, "scale": 2.0})``.
///
/// Families and parameters (docs/definitions.md): normal (loc, scale = standard deviation), mvn (mean,
/// cov), exponential (rate), gamma (shape, rate; pdf b^a x^(a-1) e^(-bx) / Gamma(a)), beta
/// (alpha, beta), dirichlet (alpha), laplace (loc, scale), uniform (low, high), von_mises
/// (loc, concentration). Discrete families: see ``entropy_parametric``.
///
/// With SciPy's names and parameters (``scipy.stats.<name>``, loc 0 where none is listed): t (df,
/// loc, scale), lognorm (s, scale = exp(mu)), gumbel_r (loc, scale), cauchy (loc, scale),
/// halfnorm (loc, scale), pareto (b, scale), weibull_min (c, scale), chi2 (df).
///
/// Parameters
/// ----------
/// family : str
/// params : dict, optional
///     Parameter values; keyword arguments are merged in.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///     h(X) = -E[ln f(X)], which may be negative (e.g. a normal with small scale).
///
/// Raises
/// ------
/// DomainError
///     Unknown family, a discrete family, or an invalid parameter (scale <= 0, ...).
/// ShapeError
///     Mismatched mvn dimensions.
/// TypeError
///     A missing or unknown parameter name.
///
/// Examples
/// --------
/// >>> sanov.differential_entropy("normal", loc=0.0, scale=1.0)  # 0.5 ln(2 pi e)
/// 1.4189385332046727
#[pyfunction]
#[pyo3(signature = (family, params=None, base=None, **kwargs))]
fn differential_entropy<'py>(
    py: Python<'py>,
    family: &str,
    params: Option<&Bound<'py, PyAny>>,
    base: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<f64> {
    entropy_of(py, family, params, base, kwargs, false)
}

/// Shannon entropy of a discrete parametric family.
///
/// Families: bernoulli (p = P(X=1)), categorical (probs), poisson (rate; a log-space series,
/// asymptotic expansion for rate >= 1e5), geometric (p, support k >= 1:
/// P(k) = (1-p)^(k-1) p), binomial (n, p; scipy ``binom``), multinomial (n, p: a probability
/// vector; scipy ``multinomial``), negative_binomial (n > 0 real, p; scipy ``nbinom``: the
/// failures before the n-th success). The last three have no closed form: certified series
/// in log space (see docs/definitions.md); ``n`` of binomial and multinomial is an int (or an
/// integral float).
///
/// Parameters
/// ----------
/// family : str
/// params : dict, optional
///     Parameter values; keyword arguments are merged in.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// DomainError
///     Unknown family, a continuous family, or an invalid parameter (n not a nonnegative
///     integer, p outside [0, 1], probabilities that do not sum to 1, NaN, ...).
/// ConvergenceError
///     A negative binomial whose series would need more than 2e7 terms (p < 2e-6 for n = 1).
/// TypeError
///     A missing or unknown parameter name.
///
/// Examples
/// --------
/// >>> sanov.entropy_parametric("bernoulli", p=0.5, base=2)
/// 1.0
#[pyfunction]
#[pyo3(signature = (family, params=None, base=None, **kwargs))]
fn entropy_parametric<'py>(
    py: Python<'py>,
    family: &str,
    params: Option<&Bound<'py, PyAny>>,
    base: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<f64> {
    entropy_of(py, family, params, base, kwargs, true)
}

/// KL divergence in nats between two members, of one family or of a supported cross pair.
fn kl_nats(p: &Member, q: &Member) -> PyResult<f64> {
    use Member as M;
    if let Some(d) = kl_nats_scipy_named(p, q) {
        return d;
    }
    Ok(match (p, q) {
        (M::Normal(a), M::Normal(b)) => a.kl_divergence(b),
        (M::Mvn(a), M::Mvn(b)) => a.kl_divergence(b).py_err()?,
        (M::Exponential(a), M::Exponential(b)) => a.kl_divergence(b),
        (M::Gamma(a), M::Gamma(b)) => a.kl_divergence(b),
        (M::Beta(a), M::Beta(b)) => a.kl_divergence(b),
        (M::Dirichlet(a), M::Dirichlet(b)) => a.kl_divergence(b).py_err()?,
        (M::Laplace(a), M::Laplace(b)) => a.kl_divergence(b),
        (M::Uniform(a), M::Uniform(b)) => a.kl_divergence(b),
        (M::VonMises(a), M::VonMises(b)) => a.kl_divergence(b),
        (M::Bernoulli(a), M::Bernoulli(b)) => a.kl_divergence(b),
        (M::Categorical(a), M::Categorical(b)) => a.kl_divergence(b).py_err()?,
        (M::Poisson(a), M::Poisson(b)) => a.kl_divergence(b),
        (M::Geometric(a), M::Geometric(b)) => a.kl_divergence(b),
        (M::Exponential(a), M::Gamma(b)) => cross::kl_exponential_gamma(a, b),
        (M::Gamma(a), M::Exponential(b)) => cross::kl_gamma_exponential(a, b),
        (M::Uniform(a), M::Normal(b)) => cross::kl_uniform_normal(a, b),
        (M::Normal(a), M::Uniform(b)) => cross::kl_normal_uniform(a, b),
        (M::Beta(a), M::Uniform(b)) => cross::kl_beta_uniform(a, b),
        (M::Uniform(a), M::Exponential(b)) => cross::kl_uniform_exponential(a, b),
        (M::Binomial(a), M::Binomial(b)) => a.kl_divergence(b).py_err()?,
        (M::Multinomial(a), M::Multinomial(b)) => a.kl_divergence(b).py_err()?,
        (M::NegativeBinomial(a), M::NegativeBinomial(b)) => a.kl_divergence(b).py_err()?,
        (M::Bernoulli(a), M::Poisson(b)) => cross::kl_bernoulli_poisson(a, b),
        (M::Poisson(a), M::Bernoulli(b)) => cross::kl_poisson_bernoulli(a, b),
        (M::Poisson(a), M::Binomial(b)) => cross::kl_poisson_binomial(a, b),
        (M::Exponential(a), M::Normal(b)) => cross::kl_exponential_normal(a, b),
        (M::Gamma(a), M::Normal(b)) => cross::kl_gamma_normal(a, b),
        (M::Beta(a), M::Normal(b)) => cross::kl_beta_normal(a, b),
        (M::Beta(a), M::Exponential(b)) => cross::kl_beta_exponential(a, b),
        (M::Beta(a), M::Gamma(b)) => cross::kl_beta_gamma(a, b),
        (M::Uniform(a), M::Beta(b)) => cross::kl_uniform_beta(a, b),
        (M::Uniform(a), M::Gamma(b)) => cross::kl_uniform_gamma(a, b),
        (M::Exponential(a), M::Beta(b)) => cross::kl_exponential_beta(a, b),
        (M::Exponential(a), M::Uniform(b)) => cross::kl_exponential_uniform(a, b),
        (M::Gamma(a), M::Beta(b)) => cross::kl_gamma_beta(a, b),
        (M::Gamma(a), M::Uniform(b)) => cross::kl_gamma_uniform(a, b),
        (M::Laplace(a), M::Beta(b)) => cross::kl_laplace_beta(a, b),
        (M::Laplace(a), M::Exponential(b)) => cross::kl_laplace_exponential(a, b),
        (M::Laplace(a), M::Gamma(b)) => cross::kl_laplace_gamma(a, b),
        (M::Laplace(a), M::Uniform(b)) => cross::kl_laplace_uniform(a, b),
        (M::Normal(a), M::Beta(b)) => cross::kl_normal_beta(a, b),
        (M::Normal(a), M::Exponential(b)) => cross::kl_normal_exponential(a, b),
        (M::Normal(a), M::Gamma(b)) => cross::kl_normal_gamma(a, b),
        _ => {
            return Err(domain_error(
                "no closed-form KL divergence between these two families".to_string(),
            ))
        }
    })
}

/// KL divergence in nats for the pairs involving the SciPy-named continuous families (issue
/// #22): same-family pairs, chi2 as a gamma against any family, and the cross pairs of
/// PyTorch's KL registry with the Gumbel, Pareto and Laplace families. `None` for other pairs.
fn kl_nats_scipy_named(p: &Member, q: &Member) -> Option<PyResult<f64>> {
    use Member as M;
    Some(Ok(match (p, q) {
        (M::StudentT(a), M::StudentT(b)) => return Some(a.kl_divergence(b).py_err()),
        (M::LogNormal(a), M::LogNormal(b)) => a.kl_divergence(b),
        (M::Gumbel(a), M::Gumbel(b)) => a.kl_divergence(b),
        (M::Cauchy(a), M::Cauchy(b)) => a.kl_divergence(b),
        (M::HalfNormal(a), M::HalfNormal(b)) => a.kl_divergence(b),
        (M::Pareto(a), M::Pareto(b)) => a.kl_divergence(b),
        (M::Weibull(a), M::Weibull(b)) => a.kl_divergence(b),
        (M::ChiSquared(a), M::ChiSquared(b)) => a.kl_divergence(b),
        // chi2(df) is gamma(df/2, rate 1/2): it pairs with whatever the gamma pairs with.
        (M::ChiSquared(a), _) => return Some(kl_nats(&M::Gamma(a.as_gamma()), q)),
        (_, M::ChiSquared(b)) => return Some(kl_nats(p, &M::Gamma(b.as_gamma()))),
        (M::Normal(a), M::Gumbel(b)) => cross::kl_normal_gumbel(a, b),
        (M::Gumbel(a), M::Normal(b)) => cross::kl_gumbel_normal(a, b),
        (M::Normal(a), M::Laplace(b)) => cross::kl_normal_laplace(a, b),
        (M::Laplace(a), M::Normal(b)) => cross::kl_laplace_normal(a, b),
        (M::Uniform(a), M::Gumbel(b)) => cross::kl_uniform_gumbel(a, b),
        (M::Exponential(a), M::Gumbel(b)) => cross::kl_exponential_gumbel(a, b),
        (M::Gamma(a), M::Gumbel(b)) => cross::kl_gamma_gumbel(a, b),
        (M::Pareto(a), M::Exponential(b)) => cross::kl_pareto_exponential(a, b),
        (M::Pareto(a), M::Gamma(b)) => cross::kl_pareto_gamma(a, b),
        (M::Pareto(a), M::Normal(b)) => cross::kl_pareto_normal(a, b),
        (M::Uniform(a), M::Pareto(b)) => cross::kl_uniform_pareto(a, b),
        (M::Gumbel(a), M::Exponential(b)) => cross::kl_gumbel_exponential(a, b),
        (M::Gumbel(a), M::Gamma(b)) => cross::kl_gumbel_gamma(a, b),
        (M::Gumbel(a), M::Beta(b)) => cross::kl_gumbel_beta(a, b),
        (M::Gumbel(a), M::Uniform(b)) => cross::kl_gumbel_uniform(a, b),
        (M::Gumbel(a), M::Pareto(b)) => cross::kl_gumbel_pareto(a, b),
        (M::Normal(a), M::Pareto(b)) => cross::kl_normal_pareto(a, b),
        (M::Laplace(a), M::Pareto(b)) => cross::kl_laplace_pareto(a, b),
        (M::Exponential(a), M::Pareto(b)) => cross::kl_exponential_pareto(a, b),
        (M::Gamma(a), M::Pareto(b)) => cross::kl_gamma_pareto(a, b),
        (M::Beta(a), M::Pareto(b)) => cross::kl_beta_pareto(a, b),
        (M::Pareto(a), M::Beta(b)) => cross::kl_pareto_beta(a, b),
        (M::Pareto(a), M::Uniform(b)) => cross::kl_pareto_uniform(a, b),
        _ => return None,
    }))
}

/// Kullback-Leibler divergence KL(P || Q) between two members of a parametric family, in
/// closed form.
///
/// ``sanov.kl_divergence_parametric("normal", {"loc": 0, "scale": 1}, {"loc": 0, "scale": 2})``
/// gives 0.318147 nats (the often-printed 0.443 is wrong). For the supported cross-family
/// pairs pass ``q_family``: exponential -> gamma, gamma -> exponential, uniform -> normal,
/// normal -> uniform (always +inf), beta -> uniform, uniform -> exponential, and the other
/// pairs of torch's KL registry: bernoulli -> poisson, exponential -> normal, gamma -> normal,
/// beta -> normal / exponential / gamma, uniform -> beta / gamma, and the pairs that are +inf
/// for every member because of the supports: poisson -> bernoulli / binomial, exponential ->
/// beta / uniform, gamma -> beta / uniform, laplace -> beta / exponential / gamma / uniform,
/// normal -> beta / exponential / gamma. binomial, multinomial and negative_binomial with
/// different n: binomial a finite sum (+inf if n_p > n_q), multinomial +inf, negative_binomial
/// a certified series.
///
/// The SciPy-named families (t, lognorm, gumbel_r, cauchy, halfnorm, pareto, weibull_min,
/// chi2) pair with themselves; t by adaptive quadrature (relative error <= 1e-12 for
/// KL >= 1e-7; absolute ~1e-20 below), the others in closed form. chi2 pairs as the gamma
/// (df/2, rate 1/2) it is. Cross pairs (PyTorch's KL registry): normal <-> gumbel_r,
/// normal <-> laplace, uniform/exponential/gamma -> gumbel_r, pareto -> exponential/gamma/normal
/// (+inf when the Pareto's mean, or for normal its variance, is infinite), uniform -> pareto;
/// +inf by the supports: gumbel_r -> exponential/gamma/beta/uniform/pareto,
/// normal/laplace/exponential/gamma/beta -> pareto, pareto -> beta/uniform.
///
/// Parameters
/// ----------
/// family : str
///     The family of P (and of Q unless ``q_family`` is given).
/// p, q : dict
///     Parameter values of P and Q (names as in ``differential_entropy``).
#[doc = doc_base!()]
/// q_family : str, optional
///     The family of Q, for cross-family pairs.
///
/// Returns
/// -------
/// float
///     KL(P || Q) >= 0; +inf where the supports demand it (e.g. uniform supports that are not
///     nested, a Bernoulli q in {0, 1}).
///
/// Raises
/// ------
/// DomainError
///     Unknown family or pair, invalid parameters.
/// ShapeError
///     Mismatched dimensions (mvn, dirichlet, categorical, multinomial); an empty ``p`` of a
///     multinomial.
/// ConvergenceError
///     binomial or negative_binomial with different n whose series would need more than 2e7
///     terms.
/// TypeError
///     A missing or unknown parameter name.
///
/// Examples
/// --------
/// >>> round(sanov.kl_divergence_parametric("normal", {"loc": 0, "scale": 2}, {"loc": 0, "scale": 1}), 6)
/// 0.806853
#[pyfunction]
#[pyo3(signature = (family, p, q, base=None, *, q_family=None))]
fn kl_divergence_parametric<'py>(
    py: Python<'py>,
    family: &str,
    p: &Bound<'py, PyAny>,
    q: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    q_family: Option<&str>,
) -> PyResult<f64> {
    let b: Base = convert::base(base, "base")?;
    let pm = member(family, &merged(py, Some(p), None)?, "p")?;
    let qm = member(q_family.unwrap_or(family), &merged(py, Some(q), None)?, "q")?;
    Ok(b.from_nats(py.detach(|| kl_nats(&pm, &qm))?))
}

/// `mu` and `log_var` as 2-D arrays of one dtype: both `float32` stay `f32`, anything else is
/// `f64`.
enum Pair<'py> {
    F64(
        numpy::PyReadonlyArrayDyn<'py, f64>,
        numpy::PyReadonlyArrayDyn<'py, f64>,
    ),
    F32(
        numpy::PyReadonlyArrayDyn<'py, f32>,
        numpy::PyReadonlyArrayDyn<'py, f32>,
    ),
}

fn vae_inputs<'py>(mu: &Bound<'py, PyAny>, log_var: &Bound<'py, PyAny>) -> PyResult<Pair<'py>> {
    let (m, l) = (
        convert::floats(mu, "mu")?,
        convert::floats(log_var, "log_var")?,
    );
    for (name, shape) in [("mu", m.shape()), ("log_var", l.shape())] {
        if shape.len() != 2 {
            return Err(shape_error(format!(
                "{name} must be a 2-D array [batch, latent], got shape {}",
                fmt_shape(shape)
            )));
        }
    }
    if let (convert::Floats::F32(a), convert::Floats::F32(b)) = (m, l) {
        return Ok(Pair::F32(a, b));
    }
    // Mixed or other dtypes: both as float64.
    Ok(Pair::F64(
        convert::floats64(mu, "mu")?,
        convert::floats64(log_var, "log_var")?,
    ))
}

pub(crate) fn vae_reduction(s: &str) -> PyResult<Option<Reduction>> {
    match s {
        "mean" => Ok(Some(Reduction::Mean)),
        "sum" => Ok(Some(Reduction::Sum)),
        "none" => Ok(None),
        _ => Err(domain_error(format!(
            "reduction = {s:?} is invalid: use \"mean\", \"sum\" or \"none\""
        ))),
    }
}

pub(crate) fn view2<'a, T: numpy::Element>(
    a: &'a numpy::PyReadonlyArrayDyn<'_, T>,
) -> ndarray::ArrayView2<'a, T> {
    a.as_array()
        .into_dimensionality::<Ix2>()
        .unwrap_or_else(|_| unreachable!("checked 2-D"))
}

pub(crate) fn reduced(py: Python<'_>, kl: VaeKl, red: Option<Reduction>) -> Bound<'_, PyAny> {
    match red {
        Some(Reduction::Mean) => convert::float(py, kl.mean),
        Some(Reduction::Sum) => convert::float(py, kl.sum),
        None => convert::array1(py, kl.per_row),
    }
}

/// KL(N(mu, diag exp(log_var)) || N(0, I)) of a batch: the KL term of a VAE.
///
/// KL_r = -0.5 * sum_j (1 + log_var[r, j] - mu[r, j]**2 - exp(log_var[r, j])) for each row r,
/// in one vectorised pass (SIMD exponential), accumulated in float64 (float32 inputs too).
/// float32 inputs on a CPU with AVX-512 take exp(log_var) in float32 (relative error below
/// 1.2e-7 per term), the rest in float64: each row is within 1.2e-7 * 0.5 * sum_j
/// exp(log_var[r, j]) of the float64 computation (rows with a log_var above 88 are computed in
/// float64).
///
/// Parameters
/// ----------
/// mu, log_var : array_like, shape (batch, latent)
///     float32 stays float32 when both are float32; anything else is float64.
/// reduction : {"mean", "sum", "none"}, default "mean"
///     "mean": the mean over the batch rows of the per-row KL (summed over the latent
///     dimensions); "sum": the total; "none": one value per row.
/// workers : int, optional
///     Parallelism over rows (as in ``entropy``); 1 runs on the calling thread.
///
/// Returns
/// -------
/// float, or ndarray of shape (batch,) with ``reduction="none"``
///
/// Raises
/// ------
/// ShapeError
///     Inputs that are not 2-D, of different shapes, or empty.
/// DomainError
///     NaN or infinite entries; an unknown reduction.
///
/// Examples
/// --------
/// >>> sanov.vae_kl([[0.0, 1.0]], [[0.0, 0.0]])
/// 0.5
#[pyfunction]
#[pyo3(signature = (mu, log_var, reduction="mean", workers=None))]
fn vae_kl<'py>(
    py: Python<'py>,
    mu: &Bound<'py, PyAny>,
    log_var: &Bound<'py, PyAny>,
    reduction: &str,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let red = vae_reduction(reduction)?;
    let par = convert::par(workers.map(|w| w.0));
    let kl = match vae_inputs(mu, log_var)? {
        Pair::F64(a, b) => {
            let (x, y) = (view2(&a), view2(&b));
            convert::detach(py, x.len(), || vae::vae_kl(x, y, par))
        }
        Pair::F32(a, b) => {
            let (x, y) = (view2(&a), view2(&b));
            convert::detach(py, x.len(), || vae::vae_kl(x, y, par))
        }
    }
    .py_err()?;
    Ok(reduced(py, kl, red))
}

/// ``vae_kl`` and its gradients, in the same pass.
///
/// Gradients of the reduced loss L: dL/dmu = s * mu and dL/dlog_var = s * 0.5 * (exp(log_var)
/// - 1), with s = 1/batch for "mean" and 1 for "sum".
///
/// Parameters
/// ----------
/// mu, log_var : array_like, shape (batch, latent)
/// reduction : {"mean", "sum"}, default "mean"
/// workers : int, optional
/// out : (ndarray, ndarray), optional
///     Writable (batch, latent) arrays of the computing dtype (float32 when both inputs are
///     float32, else float64) to receive the two gradients instead of new arrays (saves
///     allocating and zero-faulting two batch-sized buffers on every call).
///
/// Returns
/// -------
/// (float, ndarray, ndarray)
///     The loss and the two gradients (the dtype of the inputs; the ``out`` arrays if given).
///
/// Raises
/// ------
/// ShapeError, DomainError
///     As ``vae_kl``; ``reduction="none"`` is a DomainError; ``out`` arrays of another shape
///     are a ShapeError, and ones that are the same array or an input a DomainError.
/// TypeError
///     ``out`` not a pair of 2-D ndarrays of the computing dtype.
///
/// Examples
/// --------
/// >>> loss, g_mu, g_lv = sanov.vae_kl_with_grad([[2.0]], [[0.0]], reduction="sum")
/// >>> loss, g_mu, g_lv
/// (2.0, array([[2.]]), array([[0.]]))
#[pyfunction]
#[pyo3(signature = (mu, log_var, reduction="mean", workers=None, *, out=None))]
fn vae_kl_with_grad<'py>(
    py: Python<'py>,
    mu: &Bound<'py, PyAny>,
    log_var: &Bound<'py, PyAny>,
    reduction: &str,
    workers: Option<Workers>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let Some(red) = vae_reduction(reduction)? else {
        return Err(domain_error(
            "reduction = \"none\" has no gradient: use \"mean\" or \"sum\"".to_string(),
        ));
    };
    let par = convert::par(workers.map(|w| w.0));
    match vae_inputs(mu, log_var)? {
        Pair::F64(a, b) => vae_grad_t(py, &a, &b, red, par, out),
        Pair::F32(a, b) => vae_grad_t(py, &a, &b, red, par, out),
    }
}

/// [`vae_kl_with_grad`] for one dtype, into new arrays or the `out` pair.
fn vae_grad_t<'py, T: numpy::Element + sanov::Real>(
    py: Python<'py>,
    a: &numpy::PyReadonlyArrayDyn<'py, T>,
    b: &numpy::PyReadonlyArrayDyn<'py, T>,
    red: Reduction,
    par: sanov::Par,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let (x, y) = (view2(a), view2(b));
    let Some(out) = out else {
        let g = convert::detach(py, x.len(), || vae::vae_kl_with_grad(x, y, red, par)).py_err()?;
        return Ok((
            reduced(py, g.kl, Some(red)),
            g.grad_mu.into_pyarray(py).into_any(),
            g.grad_log_var.into_pyarray(py).into_any(),
        ));
    };
    let type_err = || {
        PyTypeError::new_err(
            "out must be a tuple (grad_mu, grad_log_var) of writable 2-D ndarrays of the \
             inputs' dtype (float32 when mu and log_var are both float32, else float64)",
        )
    };
    let (o1, o2): (Bound<'py, PyAny>, Bound<'py, PyAny>) = out.extract().map_err(|_| type_err())?;
    let g1 = o1
        .cast::<numpy::PyArray2<T>>()
        .map_err(|_| type_err())?
        .clone();
    let g2 = o2
        .cast::<numpy::PyArray2<T>>()
        .map_err(|_| type_err())?
        .clone();
    let kl = {
        let borrowed = |_| domain_error("out arrays must be distinct, writable and not inputs");
        let mut w1 = g1.try_readwrite().map_err(borrowed)?;
        let mut w2 = g2.try_readwrite().map_err(borrowed)?;
        let (v1, v2) = (w1.as_array_mut(), w2.as_array_mut());
        convert::detach(py, x.len(), || {
            vae::vae_kl_with_grad_into(x, y, v1, v2, red, par)
        })
        .py_err()?
    };
    Ok((reduced(py, kl, Some(red)), g1.into_any(), g2.into_any()))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(vae_kl, m)?)?;
    m.add_function(wrap_pyfunction!(vae_kl_with_grad, m)?)?;
    m.add_function(wrap_pyfunction!(differential_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(entropy_parametric, m)?)?;
    m.add_function(wrap_pyfunction!(kl_divergence_parametric, m)?)?;
    Ok(())
}
