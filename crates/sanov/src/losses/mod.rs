//! Machine-learning losses on probability vectors: cross-entropy (log-loss, negative
//! log-likelihood), label smoothing, binary cross-entropy, perplexity; and on logit matrices:
//! softmax cross-entropy with its fused gradient, log-softmax, softmax, log-sum-exp, softmax
//! entropy and the KL divergence between softmaxes (distillation); the KL term of a variational
//! autoencoder with its gradients ([`vae`]).
//!
//! Cross-entropy loss *is* log-loss *is* negative log-likelihood: `−log q[target]`.

mod binary_cross_entropy;
mod cross_entropy_loss;
mod elbo;
mod logit_transforms;
pub(crate) mod logits;
mod perplexity;
pub mod vae;
mod vae_loss;

pub use binary_cross_entropy::{
    binary_cross_entropy, binary_cross_entropy_into, binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_into,
};
pub use cross_entropy_loss::{cross_entropy_loss, label_smoothed_cross_entropy};
pub use elbo::{elbo, Elbo, ELBO_IDENTITY_TOL};
pub use logit_transforms::{
    kl_divergence_logits_into, log_softmax_into, logsumexp_into, softmax_entropy_into, softmax_into,
};
pub use logits::{
    softmax_cross_entropy, softmax_cross_entropy_grad, softmax_cross_entropy_grad_in_place,
    softmax_cross_entropy_into, CrossEntropyOptions, Targets,
};
pub use perplexity::perplexity;
pub use vae_loss::{vae_loss, VaeLikelihood, VaeLoss};

/// How elementwise losses are reduced to one number (PyTorch's `reduction`).
///
/// For no reduction, use the `*_into` form of the loss, which writes one loss per element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reduction {
    /// The mean over elements (the default, as in PyTorch).
    #[default]
    Mean,
    /// The sum over elements.
    Sum,
}
