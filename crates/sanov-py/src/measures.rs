//! Bindings of `sanov::measures` (entropy, cross-entropy, Rényi, Tsallis, binary entropy,
//! surprisal), dispatching to `sanov::kernels` for explicit parallelism and batched rows.

use ndarray::ArrayView2;
use pyo3::prelude::*;
use sanov::batch::{self, NanPolicy};
use sanov::kernels;
use sanov::{measures, Base, Par, Real};

use crate::convert::{
    self, distribution, elementwise, run_binary, run_unary, Axis, Batch, Binary, Float, Nan, Unary,
    Workers,
};

/// Entropy with the `Par` of `workers` for the 1-D kernel.
struct EntropyPar(Base, Par);

impl Unary for EntropyPar {
    fn single<T: Real>(&self, x: &[T]) -> sanov::Result<f64> {
        kernels::entropy(x, self.0, self.1)
    }
    fn batch<T: Real>(
        &self,
        out: &mut [f64],
        m: ArrayView2<'_, T>,
        par: Par,
        nan: NanPolicy,
    ) -> sanov::Result<()> {
        batch::entropy_into(out, m, self.0, par, nan)
    }
}

/// Shannon entropy H(p) = -sum_i p_i log p_i, with 0 log 0 = 0.
///
/// Parameters
/// ----------
#[doc = doc_dist!("p")]
#[doc = doc_base!()]
#[doc = doc_batch!()]
///
/// Returns
/// -------
/// float, or 1-D ndarray of float64 with ``axis``
///     The entropy in the unit of ``base`` (nats by default), between 0 and log(n).
///
#[doc = doc_errors!()]
///
/// Examples
/// --------
/// >>> sanov.entropy([0.5, 0.5], base=2)
/// 1.0
/// >>> sanov.entropy([[0.5, 0.5], [1.0, 0.0]], base="bits", axis=1)
/// array([1., 0.])
/// >>> sanov.entropy([3, 1], normalize=True)   # counts: the explicit opt-in
/// 0.5623351446188083
#[pyfunction]
#[pyo3(
    signature = (p, base=None, *, axis=None, keepdims=false, normalize=false, nan_policy=Nan::RAISE, workers=None),
    text_signature = "(p, base=None, *, axis=None, keepdims=False, normalize=False, nan_policy='raise', workers=None)"
)]
#[allow(
    clippy::too_many_arguments,
    reason = "the keyword arguments of the Python API"
)]
fn entropy<'py>(
    py: Python<'py>,
    p: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    axis: Option<Axis>,
    keepdims: bool,
    normalize: bool,
    nan_policy: Nan,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let base = convert::base(base, "base")?;
    let opts = Batch::new(axis, keepdims, normalize, nan_policy, workers);
    let p = distribution(p, "p", &opts)?;
    run_unary(py, &p, "p", opts, &EntropyPar(base, opts.par))
}

struct CrossEntropy(Base, Par);

impl Binary for CrossEntropy {
    fn single<T: Real>(&self, p: &[T], q: &[T]) -> sanov::Result<f64> {
        kernels::cross_entropy(p, q, self.0, self.1)
    }
    fn batch<T: Real>(
        &self,
        out: &mut [f64],
        p: ArrayView2<'_, T>,
        q: ArrayView2<'_, T>,
        par: Par,
        nan: NanPolicy,
    ) -> sanov::Result<()> {
        batch::cross_entropy_into(out, p, q, self.0, par, nan)
    }
}

/// Cross-entropy H(p, q) = -sum_i p_i log q_i.
///
/// 0 log q = 0 for every q; any p_i > 0 with q_i = 0 gives +inf (a value, not an error).
/// H(p, q) = H(p) + KL(p || q).
///
/// Parameters
/// ----------
#[doc = doc_dist!("p")]
/// q : array_like
///     Same rules as ``p``, same length. With ``axis``, ``p`` and ``q`` are broadcast
///     against each other as NumPy does (a 1-D one is paired with every distribution of the
///     other).
#[doc = doc_base!()]
#[doc = doc_batch!()]
///
/// Returns
/// -------
/// float, or 1-D ndarray with ``axis``
///
#[doc = doc_errors!()]
///
/// Examples
/// --------
/// >>> sanov.cross_entropy([0.5, 0.5], [0.25, 0.75], base=2)
/// 1.2075187496394222
#[pyfunction]
#[pyo3(
    signature = (p, q, base=None, *, axis=None, keepdims=false, normalize=false, nan_policy=Nan::RAISE, workers=None),
    text_signature = "(p, q, base=None, *, axis=None, keepdims=False, normalize=False, nan_policy='raise', workers=None)"
)]
#[allow(
    clippy::too_many_arguments,
    reason = "the keyword arguments of the Python API"
)]
fn cross_entropy<'py>(
    py: Python<'py>,
    p: &Bound<'py, PyAny>,
    q: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    axis: Option<Axis>,
    keepdims: bool,
    normalize: bool,
    nan_policy: Nan,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let base = convert::base(base, "base")?;
    let opts = Batch::new(axis, keepdims, normalize, nan_policy, workers);
    let p = distribution(p, "p", &opts)?;
    let q = distribution(q, "q", &opts)?;
    run_binary(py, p, q, ("p", "q"), opts, &CrossEntropy(base, opts.par))
}

struct Renyi(f64, Base);

impl Unary for Renyi {
    fn single<T: Real>(&self, x: &[T]) -> sanov::Result<f64> {
        measures::renyi_entropy(x, self.0, self.1)
    }
    fn batch<T: Real>(
        &self,
        out: &mut [f64],
        m: ArrayView2<'_, T>,
        par: Par,
        nan: NanPolicy,
    ) -> sanov::Result<()> {
        batch::renyi_entropy_into(out, m, self.0, self.1, par, nan)
    }
}

/// Renyi entropy of order alpha: H_a(p) = log(sum_i p_i^a) / (1 - a).
///
/// alpha = 0 gives log |supp p| (Hartley), alpha = 1 Shannon entropy, alpha = inf the
/// min-entropy -log max p.
///
/// Parameters
/// ----------
#[doc = doc_dist!("p")]
/// alpha : float
///     The order, >= 0 (``math.inf`` allowed).
#[doc = doc_base!()]
#[doc = doc_batch!()]
///
/// Returns
/// -------
/// float, or 1-D ndarray with ``axis``
///
#[doc = doc_errors!()]
///
/// Examples
/// --------
/// >>> sanov.renyi_entropy([0.25, 0.25, 0.5], 2, base=2)
/// 1.415037499278844
#[pyfunction]
#[pyo3(
    signature = (p, alpha, base=None, *, axis=None, keepdims=false, normalize=false, nan_policy=Nan::RAISE, workers=None),
    text_signature = "(p, alpha, base=None, *, axis=None, keepdims=False, normalize=False, nan_policy='raise', workers=None)"
)]
#[allow(
    clippy::too_many_arguments,
    reason = "the keyword arguments of the Python API"
)]
fn renyi_entropy<'py>(
    py: Python<'py>,
    p: &Bound<'py, PyAny>,
    alpha: Float,
    base: Option<&Bound<'py, PyAny>>,
    axis: Option<Axis>,
    keepdims: bool,
    normalize: bool,
    nan_policy: Nan,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let base = convert::base(base, "base")?;
    let opts = Batch::new(axis, keepdims, normalize, nan_policy, workers);
    let p = distribution(p, "p", &opts)?;
    run_unary(py, &p, "p", opts, &Renyi(alpha.0, base))
}

struct Tsallis(f64);

impl Unary for Tsallis {
    fn single<T: Real>(&self, x: &[T]) -> sanov::Result<f64> {
        measures::tsallis_entropy(x, self.0)
    }
    fn batch<T: Real>(
        &self,
        out: &mut [f64],
        m: ArrayView2<'_, T>,
        par: Par,
        nan: NanPolicy,
    ) -> sanov::Result<()> {
        batch::tsallis_entropy_into(out, m, self.0, par, nan)
    }
}

/// Tsallis entropy of index q: S_q(p) = (1 - sum_{p_i > 0} p_i^q) / (q - 1), with k = 1.
///
/// Unitless (no ``base``); q = 1 gives Shannon entropy in nats.
///
/// Parameters
/// ----------
#[doc = doc_dist!("p")]
/// q : float
///     The entropic index (finite).
#[doc = doc_batch!()]
///
/// Returns
/// -------
/// float, or 1-D ndarray with ``axis``
///
#[doc = doc_errors!()]
///
/// Examples
/// --------
/// >>> sanov.tsallis_entropy([0.5, 0.5], 2)
/// 0.5
#[pyfunction]
#[pyo3(
    signature = (p, q, *, axis=None, keepdims=false, normalize=false, nan_policy=Nan::RAISE, workers=None),
    text_signature = "(p, q, *, axis=None, keepdims=False, normalize=False, nan_policy='raise', workers=None)"
)]
#[allow(
    clippy::too_many_arguments,
    reason = "the keyword arguments of the Python API"
)]
fn tsallis_entropy<'py>(
    py: Python<'py>,
    p: &Bound<'py, PyAny>,
    q: Float,
    axis: Option<Axis>,
    keepdims: bool,
    normalize: bool,
    nan_policy: Nan,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = Batch::new(axis, keepdims, normalize, nan_policy, workers);
    let p = distribution(p, "p", &opts)?;
    run_unary(py, &p, "p", opts, &Tsallis(q.0))
}

/// Binary entropy h(p) = -p log p - (1 - p) log(1 - p): the entropy of a coin with
/// P(heads) = p.
///
/// Parameters
/// ----------
/// p : float or array_like
///     Probabilities in [0, 1]; arrays are computed elementwise.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float, or ndarray of the shape of ``p``
///
/// Raises
/// ------
/// DomainError
///     p outside [0, 1] or NaN.
///
/// Examples
/// --------
/// >>> sanov.binary_entropy(0.5, base=2)
/// 1.0
#[pyfunction]
#[pyo3(signature = (p, base=None))]
fn binary_entropy<'py>(
    p: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let base = convert::base(base, "base")?;
    elementwise(p, "p", |x| measures::binary_entropy(x, base))
}

/// Surprisal (self-information) -log p of an outcome of probability p; -log 0 = +inf.
///
/// Parameters
/// ----------
/// p : float or array_like
///     Probabilities in [0, 1]; arrays are computed elementwise.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float, or ndarray of the shape of ``p``
///
/// Raises
/// ------
/// DomainError
///     p outside [0, 1] or NaN.
///
/// Examples
/// --------
/// >>> sanov.surprisal(0.25, base="bits")
/// 2.0
#[pyfunction]
#[pyo3(signature = (p, base=None))]
fn surprisal<'py>(
    p: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let base = convert::base(base, "base")?;
    elementwise(p, "p", |x| measures::surprisal(x, base))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(entropy, m)?)?;
    m.add_function(wrap_pyfunction!(cross_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(renyi_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(tsallis_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(binary_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(surprisal, m)?)?;
    Ok(())
}
