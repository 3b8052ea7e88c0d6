//! The method of types (nats): multinomial coefficients and probabilities of type classes,
//! Sanov's bounds, the `nH` and Stirling approximations, type-class enumeration and the Figure 1
//! experiment of the primer *Entropy, concentration, and learning*.
//!
//! A *type* of a sequence of length `n` over an alphabet of size `|X|` is its vector of counts
//! `k = (k_1, …, k_|X|)`, `Σ k_i = n`; its *type class* `T(P)` (with `P = k/n`) holds
//! `n! / ∏ k_i!` sequences. Every function takes the counts as `&[u64]`.
//!
//! # References
//! T. M. Cover & J. A. Thomas, *Elements of Information Theory*, 2nd ed. (2006), ch. 11
//! (§11.1 the method of types, §11.4 Sanov's theorem).

mod enumerate;
mod figure1;
mod multinomial;

pub use enumerate::{type_classes, TypeClass, MAX_TYPE_CLASSES};
#[allow(deprecated)]
pub use figure1::{figure1_default_n_values, figure1_series, Figure1Panel, Figure1Series};
pub use multinomial::{
    log_multinomial_coefficient, log_multinomial_coefficient_approx, log_multinomial_probability,
    multinomial_stirling_comparison, sanov_type_bounds, Approximation, SanovTypeBounds,
    StirlingComparison,
};
