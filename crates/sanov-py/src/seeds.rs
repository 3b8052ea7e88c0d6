//! Bindings of the seeds of issue #22 (items 2–4): the ELBO of a discrete model
//! (`sanov::losses::elbo`), the β-VAE loss (`sanov::losses::vae_loss`), the KL chain rule
//! (`sanov::divergences::kl_chain_rule`) and the rules of differential entropy
//! (`sanov::families::entropy_affine`, `sanov::families::entropic_clt`). The Cramér–Rao bound
//! and the KL Hessian, named by family, are in `geometry.rs`.

use ndarray::Ix2;
use numpy::PyUntypedArrayMethods;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use sanov::divergences;
use sanov::families;
use sanov::losses::{self, VaeLikelihood};

use crate::convert::{self, detach, floats64, fmt_shape, scalar, vector64, view_dim, Float, Int};
use crate::error::{domain_error, shape_error, IntoPy};

static ELBO: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The named tuple `sanov.Elbo(elbo, log_px, kl, residual, identity_holds)`.
fn elbo_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    convert::named_tuple(
        py,
        &ELBO,
        "Elbo",
        &["elbo", "log_px", "kl", "residual", "identity_holds"],
        "The ELBO of a discrete latent-variable model (nats): elbo, the log-evidence log_px = \
         ln p(x), kl = KL(q(z|x) || p(z|x)) against the exact posterior, residual = log_px - \
         (elbo + kl) (None when elbo = -inf and kl = inf), and identity_holds: whether \
         |residual| <= 1e-12 (1 + |log_px|).",
    )
}

/// Evidence lower bound of a discrete latent-variable model at an observation, with the
/// log-evidence and the KL to the exact posterior (nats).
///
/// ELBO = sum_z q(z) [ln p(z) + ln p(x|z) - ln q(z)], ln p(x) = ln sum_z p(z) p(x|z),
/// KL = sum_z q(z) ln(q(z) / p(z|x)) with p(z|x) = p(z) p(x|z) / p(x). The identity
/// ln p(x) = ELBO + KL is checked, not imposed: the three are computed independently and the
/// residual is returned. Terms with q(z) = 0 are 0; q(z) > 0 = p(z) p(x|z) gives ELBO = -inf
/// and KL = inf.
///
/// Parameters
/// ----------
/// prior : array_like, shape (K,)
///     p(z), a probability vector.
/// likelihood : array_like, shape (K, M)
///     p(x|z), each row a probability vector over the M values of x.
/// x : int
///     The observed value, a column index of ``likelihood``.
/// q : array_like, shape (K,)
///     The variational distribution q(z|x).
///
/// Returns
/// -------
/// Elbo
///     The named tuple (elbo, log_px, kl, residual, identity_holds).
///
/// Raises
/// ------
/// ShapeError
///     Empty inputs; likelihood not (K, M); q not of length K.
/// DomainError
///     Invalid probability vectors (NaN, negative, not summing to 1); x out of range;
///     p(x) = 0.
/// TypeError
///     x not an int.
///
/// Examples
/// --------
/// >>> r = sanov.elbo([0.5, 0.5], [[0.75, 0.25], [0.25, 0.75]], 0, [0.75, 0.25])
/// >>> round(r.log_px, 12), abs(r.kl) < 1e-15, r.identity_holds
/// (-0.69314718056, True, True)
#[pyfunction]
fn elbo<'py>(
    py: Python<'py>,
    prior: &Bound<'py, PyAny>,
    likelihood: &Bound<'py, PyAny>,
    x: Int,
    q: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let x = x.usize("x")?;
    let prior = vector64(prior, "prior")?;
    let q = vector64(q, "q")?;
    let lik = floats64(likelihood, "likelihood")?;
    let lik = view_dim::<_, Ix2>(&lik, "likelihood", "a 2-D array [K, M]")?;
    let r = detach(py, lik.len(), || losses::elbo(&prior, lik, x, &q)).py_err()?;
    elbo_type(py)?.call1((r.elbo, r.log_px, r.kl, r.residual, r.identity_holds))
}

static VAE_LOSS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The named tuple `sanov.VaeLoss(total, reconstruction, kl)`.
fn vae_loss_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    convert::named_tuple(
        py,
        &VAE_LOSS,
        "VaeLoss",
        &["total", "reconstruction", "kl"],
        "The terms of a beta-VAE loss (nats): total = reconstruction + beta * kl, the summed \
         reconstruction loss, and kl = sum over the batch of KL(N(mu, sigma^2) || N(0, I)) \
         (not multiplied by beta).",
    )
}

/// The beta-VAE loss of a batch: summed reconstruction loss plus beta times the KL to the
/// standard normal prior (nats).
///
/// total = R + beta * KL with KL = -0.5 * sum(1 + log_var - mu**2 - exp(log_var)) over the
/// whole batch and R the Bernoulli reconstruction loss
/// ``F.binary_cross_entropy(recon, target, reduction="sum")`` or, for
/// ``likelihood="gaussian"``, the unit-variance Gaussian negative log-likelihood
/// ``F.gaussian_nll_loss(recon, target, var=1, full=False, reduction="sum")`` =
/// 0.5 * sum((target - recon)**2) (Kingma & Welling 2014; Higgins et al. 2017 for beta).
/// Unlike PyTorch, ln 0 is not clamped at -100: recon = 0 where target > 0 (or recon = 1
/// where target < 1) gives inf.
///
/// Parameters
/// ----------
/// recon, target : array_like
///     The decoder output and the data, of one shape (flattened); in [0, 1] for the
///     Bernoulli likelihood.
/// mu, log_var : array_like, shape (batch, latent)
///     The encoder's means and log-variances.
/// beta : float, default 1.0
///     The weight of the KL term, finite and >= 0.
/// likelihood : {"bernoulli", "gaussian"}, default "bernoulli"
///
/// Returns
/// -------
/// VaeLoss
///     The named tuple (total, reconstruction, kl).
///
/// Raises
/// ------
/// ShapeError
///     recon and target of different shapes, empty inputs; mu, log_var not 2-D or of
///     different shapes.
/// DomainError
///     NaN or infinite entries, recon or target outside [0, 1] (Bernoulli), beta negative or
///     not finite, an unknown likelihood.
///
/// Examples
/// --------
/// >>> l = sanov.vae_loss([0.5], [1.0], [[0.0, 1.0]], [[0.0, 0.0]])
/// >>> round(l.reconstruction, 12), l.kl
/// (0.69314718056, 0.5)
#[pyfunction]
#[pyo3(
    signature = (recon, target, mu, log_var, beta=Float(1.0), likelihood="bernoulli"),
    text_signature = "(recon, target, mu, log_var, beta=1.0, likelihood='bernoulli')"
)]
#[allow(clippy::too_many_arguments)]
fn vae_loss<'py>(
    py: Python<'py>,
    recon: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    mu: &Bound<'py, PyAny>,
    log_var: &Bound<'py, PyAny>,
    beta: Float,
    likelihood: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let lik = match likelihood {
        "bernoulli" => VaeLikelihood::Bernoulli,
        "gaussian" => VaeLikelihood::Gaussian,
        _ => {
            return Err(domain_error(format!(
                "likelihood = {likelihood:?} is invalid: use \"bernoulli\" or \"gaussian\""
            )))
        }
    };
    let (r, t) = (floats64(recon, "recon")?, floats64(target, "target")?);
    if r.shape() != t.shape() {
        return Err(shape_error(format!(
            "recon has shape {} but target has shape {}",
            fmt_shape(r.shape()),
            fmt_shape(t.shape())
        )));
    }
    let (m, lv) = (floats64(mu, "mu")?, floats64(log_var, "log_var")?);
    let (mv, lvv) = (
        view_dim::<_, Ix2>(&m, "mu", "a 2-D array [batch, latent]")?,
        view_dim::<_, Ix2>(&lv, "log_var", "a 2-D array [batch, latent]")?,
    );
    let (rf, tf) = (convert::flat(&r), convert::flat(&t));
    let n = rf.len().saturating_add(mv.len());
    let l = detach(py, n, || losses::vae_loss(&rf, &tf, mv, lvv, beta.0, lik)).py_err()?;
    vae_loss_type(py)?.call1((l.total, l.reconstruction, l.kl))
}

static KL_CHAIN_RULE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The named tuple `sanov.KlChainRule(joint, marginal, conditional, total)`.
fn kl_chain_rule_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    convert::named_tuple(
        py,
        &KL_CHAIN_RULE,
        "KlChainRule",
        &["joint", "marginal", "conditional", "total"],
        "The chain rule of relative entropy, in the unit of base: joint = D(p(x,y) || \
         q(x,y)), marginal = D(p(x) || q(x)), conditional = D(p(y|x) || q(y|x) | p(x)), and \
         total = marginal + conditional (equal to joint up to rounding).",
    )
}

/// The chain rule of relative entropy on two joint tables:
/// D(p(x,y) || q(x,y)) = D(p(x) || q(x)) + D(p(y|x) || q(y|x) | p(x)).
///
/// The conditional term is sum_x p(x) sum_y p(y|x) log(p(y|x) / q(y|x)) (Cover & Thomas,
/// Theorem 2.5.3); all three terms are computed independently and returned. Conventions as
/// for ``kl_divergence``: 0 log(0/q) = 0, p log(p/0) = inf; rows with p(x) = 0 contribute 0
/// to the conditional term, and a row with p(x) > 0 = q(x) makes it inf (the marginal and
/// joint terms are inf then too).
///
/// Parameters
/// ----------
/// p_xy, q_xy : array_like, shape (|X|, |Y|)
///     Joint distributions (rows are x), each summing to 1.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// KlChainRule
///     The named tuple (joint, marginal, conditional, total).
///
/// Raises
/// ------
/// ShapeError
///     Empty tables, tables of different shapes or not 2-D.
/// DomainError
///     NaN, negative entries, tables not summing to 1.
///
/// Examples
/// --------
/// >>> r = sanov.kl_chain_rule([[0.25, 0.25], [0.5, 0.0]], [[0.25, 0.25], [0.25, 0.25]], base=2)
/// >>> r.marginal, r.conditional, r.joint
/// (0.0, 0.5, 0.5)
#[pyfunction]
#[pyo3(signature = (p_xy, q_xy, base=None))]
fn kl_chain_rule<'py>(
    py: Python<'py>,
    p_xy: &Bound<'py, PyAny>,
    q_xy: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    let (p, q) = (floats64(p_xy, "p_xy")?, floats64(q_xy, "q_xy")?);
    let (pv, qv) = (
        view_dim::<_, Ix2>(&p, "p_xy", "a 2-D array [|X|, |Y|]")?,
        view_dim::<_, Ix2>(&q, "q_xy", "a 2-D array [|X|, |Y|]")?,
    );
    let r = detach(py, pv.len(), || divergences::kl_chain_rule(pv, qv, b)).py_err()?;
    kl_chain_rule_type(py)?.call1((r.joint, r.marginal, r.conditional, r.total))
}

/// Differential entropy after an affine map: h(AX + b) = h(X) + log|det A|.
///
/// For a random vector X of dimension d with differential entropy ``h_x`` and a square,
/// non-singular d x d matrix A (Cover & Thomas, Corollary to Theorem 8.6.4); the shift b does
/// not change the entropy. log|det A| is computed by LU factorisation with partial pivoting as
/// a sum of log|u_ii| (no overflow for large or small determinants).
///
/// Parameters
/// ----------
/// h_x : float
///     h(X), in the unit of ``base``.
/// a : array_like, shape (d, d)
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///     h(AX + b) in the unit of ``base``.
///
/// Raises
/// ------
/// ShapeError
///     A not square, not 2-D, or empty.
/// DomainError
///     h_x or an entry of A not finite; A singular (AX has no density: h = -inf).
///
/// Examples
/// --------
/// >>> h = sanov.differential_entropy("normal", loc=0.0, scale=1.0)
/// >>> sanov.entropy_affine(h, [[2.0]]) == sanov.differential_entropy("normal", loc=0.0, scale=2.0)
/// True
#[pyfunction]
#[pyo3(signature = (h_x, a, base=None))]
fn entropy_affine<'py>(
    py: Python<'py>,
    h_x: &Bound<'py, PyAny>,
    a: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<f64> {
    let b = convert::base(base, "base")?;
    let h = scalar(h_x, "h_x")?;
    let a = floats64(a, "a")?;
    let av = view_dim::<_, Ix2>(&a, "a", "a 2-D array (square)")?;
    let h = detach(py, av.len(), || families::entropy_affine(b.to_nats(h), av)).py_err()?;
    Ok(b.from_nats(h))
}

/// The entropic central limit theorem: the exact differential entropy h(Z_n) of the
/// standardised sum Z_n = (U_1 + ... + U_n - n/2) / sqrt(n/12) of n i.i.d. U(0, 1).
///
/// h(Z_n) increases with n to the normal's 0.5 ln(2 pi e) = 1.418939 nats (Barron 1986;
/// monotonicity: Artstein, Ball, Barthe & Naor 2004). Computed as -int f_n ln f_n - 0.5
/// ln(n/12) with the Irwin-Hall density f_n (a cancellation-free recurrence) by Gauss-Legendre
/// quadrature; relative accuracy 1e-13 against mpmath for n <= 10.
///
/// Parameters
/// ----------
/// n : int
///     The number of uniforms, 1 <= n <= 200.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// DomainError
///     n outside 1..200.
/// TypeError
///     n not an int.
///
/// Examples
/// --------
/// >>> round(sanov.entropic_clt(1), 12)  # ln sqrt(12)
/// 1.242453324894
#[pyfunction]
#[pyo3(signature = (n, base=None))]
fn entropic_clt<'py>(py: Python<'py>, n: Int, base: Option<&Bound<'py, PyAny>>) -> PyResult<f64> {
    let b = convert::base(base, "base")?;
    let n = n.usize("n")?;
    let h = detach(py, n.saturating_mul(n), || families::entropic_clt(n)).py_err()?;
    Ok(b.from_nats(h))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("Elbo", elbo_type(m.py())?)?;
    m.add("VaeLoss", vae_loss_type(m.py())?)?;
    m.add("KlChainRule", kl_chain_rule_type(m.py())?)?;
    m.add_function(wrap_pyfunction!(elbo, m)?)?;
    m.add_function(wrap_pyfunction!(vae_loss, m)?)?;
    m.add_function(wrap_pyfunction!(kl_chain_rule, m)?)?;
    m.add_function(wrap_pyfunction!(entropy_affine, m)?)?;
    m.add_function(wrap_pyfunction!(entropic_clt, m)?)?;
    Ok(())
}
