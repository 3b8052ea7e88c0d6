# Stub of sanov.torch. Tensors are typed as Any here so that type-checking sanov (and
# mypy.stubtest) does not analyse PyTorch itself; the runtime module is documented in full.
from contextlib import _GeneratorContextManager
from typing import Any, Optional, Tuple, Union

Tensor = Any
Base = Union[None, float, int, str]

__all__ = [
    "force_torch_path",
    "binary_cross_entropy_with_logits",
    "donsker_varadhan",
    "entropy",
    "entropy_logits",
    "fisher_rao_regularizer",
    "gaussian_kl",
    "gaussian_kl_cholesky",
    "infonce",
    "js_divergence",
    "js_divergence_logits",
    "js_mi_lower_bound",
    "kl_divergence",
    "kl_divergence_logits",
    "nwj",
    "softmax_cross_entropy",
    "vae_kl",
]

def force_torch_path(enabled: bool = ...) -> _GeneratorContextManager[None]: ...
def softmax_cross_entropy(
    logits: Tensor,
    target: Tensor,
    *,
    reduction: str = ...,
    ignore_index: Optional[int] = ...,
    label_smoothing: float = ...,
    weight: Optional[Tensor] = ...,
    temperature: float = ...,
    base: Base = ...,
    workers: Optional[int] = ...,
) -> Tensor: ...
def kl_divergence_logits(
    p_logits: Tensor,
    q_logits: Tensor,
    *,
    temperature: float = ...,
    direction: str = ...,
    reduction: str = ...,
    base: Base = ...,
    workers: Optional[int] = ...,
) -> Tensor: ...
def js_divergence_logits(
    p_logits: Tensor,
    q_logits: Tensor,
    *,
    temperature: float = ...,
    reduction: str = ...,
    base: Base = ...,
) -> Tensor: ...
def entropy_logits(
    logits: Tensor,
    *,
    temperature: float = ...,
    reduction: str = ...,
    base: Base = ...,
    workers: Optional[int] = ...,
) -> Tensor: ...
def entropy(
    p: Tensor, *, reduction: str = ..., base: Base = ..., workers: Optional[int] = ...
) -> Tensor: ...
def kl_divergence(
    p: Tensor, q: Tensor, *, reduction: str = ..., base: Base = ..., workers: Optional[int] = ...
) -> Tensor: ...
def js_divergence(
    p: Tensor, q: Tensor, *, reduction: str = ..., base: Base = ..., workers: Optional[int] = ...
) -> Tensor: ...
def binary_cross_entropy_with_logits(
    logits: Tensor, target: Tensor, *, reduction: str = ..., base: Base = ...
) -> Tensor: ...
def vae_kl(
    mu: Tensor, log_var: Tensor, *, reduction: str = ..., workers: Optional[int] = ...
) -> Tensor: ...
def gaussian_kl(
    mu_p: Tensor,
    var_p: Tensor,
    mu_q: Tensor,
    var_q: Tensor,
    *,
    reduction: str = ...,
    base: Base = ...,
) -> Tensor: ...
def gaussian_kl_cholesky(
    mu_p: Tensor,
    scale_tril_p: Tensor,
    mu_q: Tensor,
    scale_tril_q: Tensor,
    *,
    reduction: str = ...,
    base: Base = ...,
) -> Tensor: ...
def fisher_rao_regularizer(
    theta: Union[Tensor, Tuple[Tensor, Tensor]],
    reference: Union[Tensor, Tuple[Tensor, Tensor]],
    *,
    family: str = ...,
    reduction: str = ...,
) -> Tensor: ...
def infonce(scores: Tensor, *, reduction: str = ..., base: Base = ...) -> Tensor: ...
def nwj(scores: Tensor, *, reduction: str = ..., base: Base = ...) -> Tensor: ...
def donsker_varadhan(scores: Tensor, *, reduction: str = ..., base: Base = ...) -> Tensor: ...
def js_mi_lower_bound(scores: Tensor, *, reduction: str = ..., base: Base = ...) -> Tensor: ...
