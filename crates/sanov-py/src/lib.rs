//! Python bindings of sanov: the private native module `sanov._sanov`.
//!
//! The public Python package is `python/sanov/`, which re-exports everything defined here. The
//! files mirror the core's modules; `convert` turns array-likes into contiguous `f64`/`f32`
//! data and `error` maps [`sanov::Error`] to Python exceptions. The binding holds no maths:
//! it converts, calls the core with the GIL released, and maps errors.

// First: its docstring macros are used by the modules below.
#[macro_use]
mod convert;

mod bottleneck;
mod bounds;
mod cancel;
mod channels;
mod codes_bounds;
mod coding;
mod divergences;
mod error;
mod estimators;
mod families;
mod frames;
mod geometry;
mod logits;
mod losses;
mod maxent;
mod mdl;
mod measures;
mod mixtures;
mod multivariate;
mod pid;
// The seeds of issue #22 items 2–4 (ELBO, VAE loss, KL chain rule, entropy rules).
mod seeds;
mod special;
mod types;
mod validate;
// Time series, significance, sample divergences and spacing entropy (issue 21).
mod sample_estimators;
mod significance;
mod timeseries;

use pyo3::prelude::*;

/// The native module. Functions are documented on the Python side (`help(sanov.entropy)`).
#[pymodule]
fn _sanov(m: &Bound<'_, PyModule>) -> PyResult<()> {
    error::register(m)?;
    convert::register(m)?;
    measures::register(m)?;
    divergences::register(m)?;
    losses::register(m)?;
    logits::register(m)?;
    maxent::register(m)?;
    channels::register(m)?;
    multivariate::register(m)?;
    estimators::register(m)?;
    families::register(m)?;
    mixtures::register(m)?;
    frames::register(m)?;
    geometry::register(m)?;
    special::register(m)?;
    types::register(m)?;
    coding::register(m)?;
    mdl::register(m)?;
    codes_bounds::register(m)?;
    validate::register(m)?;
    timeseries::register(m)?;
    significance::register(m)?;
    sample_estimators::register(m)?;
    bounds::register(m)?;
    pid::register(m)?;
    bottleneck::register(m)?;
    seeds::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
