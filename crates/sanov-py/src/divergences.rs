//! Bindings of `sanov::divergences`: KL, Jensen–Shannon (divergence and distance),
//! Hellinger, total variation, chi-squared; batched through `sanov::kernels`.

use ndarray::ArrayView2;
use pyo3::prelude::*;
use sanov::batch::{self, NanPolicy};
use sanov::kernels;
use sanov::{divergences, Base, Par, Real};

use crate::convert::{self, distribution, run_binary, Axis, Batch, Binary, Nan, Workers};

/// Declares a [`Binary`] quantity: `single` calls `$single`, `batch` calls `$batch` (or the
/// row loop when there is no batched kernel).
macro_rules! binary {
    ($name:ident, with base, |$p:ident, $q:ident, $b:ident, $par:ident| $single:expr, $batch:path) => {
        struct $name(Base, Par);
        impl Binary for $name {
            fn single<T: Real>(&self, $p: &[T], $q: &[T]) -> sanov::Result<f64> {
                let ($b, $par) = (self.0, self.1);
                let _ = $par;
                $single
            }
            fn batch<T: Real>(
                &self,
                out: &mut [f64],
                p: ArrayView2<'_, T>,
                q: ArrayView2<'_, T>,
                par: Par,
                nan: NanPolicy,
            ) -> sanov::Result<()> {
                $batch(out, p, q, self.0, par, nan)
            }
        }
    };
    ($name:ident, |$p:ident, $q:ident| $single:expr, $batch:path) => {
        struct $name;
        impl Binary for $name {
            fn single<T: Real>(&self, $p: &[T], $q: &[T]) -> sanov::Result<f64> {
                $single
            }
            fn batch<T: Real>(
                &self,
                out: &mut [f64],
                p: ArrayView2<'_, T>,
                q: ArrayView2<'_, T>,
                par: Par,
                nan: NanPolicy,
            ) -> sanov::Result<()> {
                $batch(out, p, q, par, nan)
            }
        }
    };
}

binary!(Kl, with base, |p, q, b, par| kernels::kl_divergence(p, q, b, par), batch::kl_divergence_into);
binary!(Js, with base, |p, q, b, par| divergences::js_divergence(p, q, b), batch::js_divergence_into);
binary!(
    Hellinger,
    |p, q| divergences::hellinger_distance(p, q),
    batch::hellinger_distance_into
);
binary!(
    TotalVariation,
    |p, q| divergences::total_variation_distance(p, q),
    batch::total_variation_distance_into
);
binary!(
    Chi2,
    |p, q| divergences::chi2_divergence(p, q),
    batch::chi2_divergence_into
);

/// Jensen–Shannon distance: no batched kernel in the core, so rows are looped here.
struct JsDistance(Base);
impl Binary for JsDistance {
    fn single<T: Real>(&self, p: &[T], q: &[T]) -> sanov::Result<f64> {
        divergences::js_distance(p, q, self.0)
    }
}

/// Common body of the divergence bindings.
fn divergence<'py, K: Binary>(
    py: Python<'py>,
    (p, q): (&Bound<'py, PyAny>, &Bound<'py, PyAny>),
    opts: Batch,
    make: impl FnOnce(Par) -> K,
) -> PyResult<Bound<'py, PyAny>> {
    let p = distribution(p, "p", &opts)?;
    let q = distribution(q, "q", &opts)?;
    run_binary(py, p, q, ("p", "q"), opts, &make(opts.par))
}

/// Declares the `#[pyfunction]` of a divergence (its docstring given first): the same
/// keyword arguments for all; `base` for those with a unit.
macro_rules! divergence_fn {
    ($(#[$doc:meta])* $name:ident, base, |$b:ident, $par:pat_param| $make:expr) => {
        $(#[$doc])*
        #[pyfunction]
        #[pyo3(
            signature = (p, q, base=None, *, axis=None, keepdims=false, normalize=false, nan_policy=Nan::RAISE, workers=None),
            text_signature = "(p, q, base=None, *, axis=None, keepdims=False, normalize=False, nan_policy='raise', workers=None)"
        )]
        #[allow(
            clippy::too_many_arguments,
            reason = "the keyword arguments of the Python API"
        )]
        fn $name<'py>(
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
            let $b = convert::base(base, "base")?;
            let opts = Batch::new(axis, keepdims, normalize, nan_policy, workers);
            divergence(py, (p, q), opts, |$par| $make)
        }
    };
    ($(#[$doc:meta])* $name:ident, |$par:pat_param| $make:expr) => {
        $(#[$doc])*
        #[pyfunction]
        #[pyo3(
            signature = (p, q, *, axis=None, keepdims=false, normalize=false, nan_policy=Nan::RAISE, workers=None),
            text_signature = "(p, q, *, axis=None, keepdims=False, normalize=False, nan_policy='raise', workers=None)"
        )]
        #[allow(
            clippy::too_many_arguments,
            reason = "the keyword arguments of the Python API"
        )]
        fn $name<'py>(
            py: Python<'py>,
            p: &Bound<'py, PyAny>,
            q: &Bound<'py, PyAny>,
            axis: Option<Axis>,
            keepdims: bool,
            normalize: bool,
            nan_policy: Nan,
            workers: Option<Workers>,
        ) -> PyResult<Bound<'py, PyAny>> {
            let opts = Batch::new(axis, keepdims, normalize, nan_policy, workers);
            divergence(py, (p, q), opts, |$par| $make)
        }
    };
}

macro_rules! doc_pair {
    () => {
        concat!(
            doc_dist!("p"),
            "
q : array_like
    Same rules as ``p``, same length. With ``axis``, ``p`` and ``q`` are broadcast against
    each other as NumPy does (a 1-D one is paired with every distribution of the other)."
        )
    };
}

divergence_fn!(
    /// Kullback–Leibler divergence KL(p || q) = sum_i p_i log(p_i / q_i).
    ///
    /// 0 log(0/q) = 0; any p_i > 0 with q_i = 0 gives +inf (a value, not an error). Equals
    /// ``scipy.stats.entropy(p, q, base)`` for normalised inputs, and
    /// ``scipy.special.rel_entr(p, q).sum()``.
    ///
    /// Parameters
    /// ----------
    #[doc = doc_pair!()]
    #[doc = doc_base!()]
    #[doc = doc_batch!()]
    ///
    /// Returns
    /// -------
    /// float (>= 0, possibly inf), or 1-D ndarray with ``axis``
    ///
    #[doc = doc_errors!()]
    ///
    /// Examples
    /// --------
    /// >>> sanov.kl_divergence([0.4, 0.4, 0.2], [0.33, 0.33, 0.34])
    /// 0.04777194...
    kl_divergence,
    base,
    |b, par| Kl(b, par)
);

divergence_fn!(
    /// Jensen–Shannon divergence JS(p, q) = KL(p || m)/2 + KL(q || m)/2 with m = (p + q)/2.
    ///
    /// Symmetric, between 0 and log 2. This is the divergence, not its square root: SciPy's
    /// ``jensenshannon`` is :func:`js_distance`.
    ///
    /// Parameters
    /// ----------
    #[doc = doc_pair!()]
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
    /// >>> sanov.js_divergence([0.5, 0.5], [0.9, 0.1])
    /// 0.10174...
    js_divergence,
    base,
    |b, par| Js(b, par)
);

divergence_fn!(
    /// Jensen–Shannon distance sqrt(JS(p, q)), a metric; equals
    /// ``scipy.spatial.distance.jensenshannon(p, q, base)`` for normalised inputs.
    ///
    /// Parameters
    /// ----------
    #[doc = doc_pair!()]
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
    /// >>> sanov.js_distance([1.0, 0.0], [0.0, 1.0], base=2)
    /// 1.0
    js_distance,
    base,
    |b, _| JsDistance(b)
);

divergence_fn!(
    /// Hellinger distance sqrt(1 - sum_i sqrt(p_i q_i)), in [0, 1]. Unitless (no ``base``).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_pair!()]
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
    /// >>> sanov.hellinger_distance([1.0, 0.0], [0.0, 1.0])
    /// 1.0
    hellinger_distance,
    |_| Hellinger
);

divergence_fn!(
    /// Total variation distance (1/2) sum_i |p_i - q_i|, in [0, 1]. Unitless (no ``base``).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_pair!()]
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
    /// >>> sanov.total_variation_distance([0.5, 0.5], [0.25, 0.75])
    /// 0.25
    total_variation_distance,
    |_| TotalVariation
);

divergence_fn!(
    /// Pearson chi-squared divergence sum_i (p_i - q_i)^2 / q_i. Unitless (no ``base``).
    ///
    /// Terms with p_i = q_i = 0 are 0; p_i > 0 = q_i gives +inf.
    ///
    /// Parameters
    /// ----------
    #[doc = doc_pair!()]
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
    /// >>> sanov.chi2_divergence([0.5, 0.5], [0.25, 0.75])
    /// 0.3333333333333333
    chi2_divergence,
    |_| Chi2
);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(kl_divergence, m)?)?;
    m.add_function(wrap_pyfunction!(js_divergence, m)?)?;
    m.add_function(wrap_pyfunction!(js_distance, m)?)?;
    m.add_function(wrap_pyfunction!(hellinger_distance, m)?)?;
    m.add_function(wrap_pyfunction!(total_variation_distance, m)?)?;
    m.add_function(wrap_pyfunction!(chi2_divergence, m)?)?;
    Ok(())
}
