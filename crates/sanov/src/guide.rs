//! A guide to sanov, for users coming from SciPy, scikit-learn and PyTorch (documentation only).
//!
//! # Conventions
//! - **Units.** Functions with a unit take a [`Base`](crate::Base): [`Base::Nats`](crate::Base::Nats)
//!   (natural log, the default in Python), [`Base::Bits`](crate::Base::Bits),
//!   [`Base::Hartleys`](crate::Base::Hartleys) or any `b > 0, b ≠ 1` via
//!   [`Base::new`](crate::Base::new). Tsallis entropy, Hellinger, total variation and χ² have no
//!   unit and take no base.
//! - **Zeros.** `0 · log 0 = 0` and `0 · log(0/q) = 0`. `p_i > 0 = q_i` makes KL, cross-entropy
//!   and χ² `+∞`: a value, not an error.
//! - **Validation.** A probability vector is non-empty, finite, non-negative and sums to 1 within
//!   `1e-9` (`f64`) or `1e-5` (`f32`). Anything else is a typed [`Error`](crate::Error).
//!   sanov never normalises silently: call [`normalize`](crate::validate::normalize) on counts.
//! - **Accuracy.** Sums are compensated; each term is computed in the form that avoids
//!   cancellation (`p ln(p/q)`, `ln1p`, `expm1`, series near degenerate points). Reference tests
//!   hold every function to ≤ 1e-12 relative against mpmath at 50 digits.
//! - **Parallelism.** [`Par`](crate::Par) is a value passed to the kernels, never a global.
//!
//! # sanov for SciPy / scikit-learn / PyTorch users
//!
//! | SciPy / NumPy / PyTorch | sanov (Rust) | note |
//! |---|---|---|
//! | `scipy.stats.entropy(p, base=b)` | [`measures::entropy`](crate::measures::entropy)`(p, Base::new(b)?)` | SciPy normalises `p`; sanov validates it |
//! | `scipy.stats.entropy(p, q)` | [`divergences::kl_divergence`](crate::divergences::kl_divergence) | |
//! | `scipy.special.rel_entr(p, q).sum()` | [`divergences::kl_divergence`](crate::divergences::kl_divergence) | |
//! | `scipy.spatial.distance.jensenshannon(p, q)` | [`divergences::js_distance`](crate::divergences::js_distance) | the square root of [`js_divergence`](crate::divergences::js_divergence) |
//! | `scipy.special.xlogy`, `logsumexp` | [`special::xlogy`](crate::special::xlogy), [`special::logsumexp`](crate::special::logsumexp) | |
//! | `scipy.stats.entropy(P, axis=1)` | [`batch::entropy_into`](crate::batch::entropy_into) | writes one value per row |
//! | `-torch.log(q[t])`, `F.nll_loss` on probabilities | [`losses::cross_entropy_loss`](crate::losses::cross_entropy_loss) | |
//! | `F.cross_entropy(..., label_smoothing=ε)` | [`losses::label_smoothed_cross_entropy`](crate::losses::label_smoothed_cross_entropy) | same convention: ε/K on every class |
//! | `F.binary_cross_entropy`, `..._with_logits` | [`losses::binary_cross_entropy`](crate::losses::binary_cross_entropy), [`losses::binary_cross_entropy_with_logits`](crate::losses::binary_cross_entropy_with_logits) | no clamping of logs at −100 |
//!
//! # References
//! - T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed., Wiley, 2006.
//! - C. E. Shannon, "A Mathematical Theory of Communication", Bell Syst. Tech. J. 27, 1948.
//! - A. Rényi, "On measures of entropy and information", 4th Berkeley Symposium, 1961.
//! - C. Tsallis, "Possible generalization of Boltzmann–Gibbs statistics", J. Stat. Phys. 52, 1988.
//! - J. Lin, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37, 1991.
//! - A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen",
//!   ZAMM 54, 1974.
