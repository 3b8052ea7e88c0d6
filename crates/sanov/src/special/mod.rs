//! Special functions used across sanov.
//!
//! Each lives in its own file and cites its source. Later modules add `ln_gamma`, `digamma`, ...

mod logsumexp;
mod xlogy;

pub use logsumexp::logsumexp;
pub use xlogy::{xlogx, xlogy};
