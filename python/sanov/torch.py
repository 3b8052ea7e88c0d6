"""sanov.torch: sanov's losses and measures on PyTorch tensors, with autograd, on any device.

An optional extra (``pip install sanov[torch]``): ``import sanov`` never imports torch; this
module does. Every function takes tensors, returns a tensor of the input's dtype and device,
and is differentiable with respect to every floating-point tensor argument (class weights
excepted, as in PyTorch).

Two paths, one semantics
------------------------
- **CPU float32/float64 tensors take the Rust kernels** of sanov (zero-copy through
  ``Tensor.numpy()``; a non-contiguous tensor is made contiguous once; the GIL is released):
  ``softmax_cross_entropy`` (forward and gradient in one fused pass, the gradient saved for
  the backward), ``kl_divergence_logits``, ``entropy_logits``, ``kl_divergence``,
  ``js_divergence``, ``entropy``, ``binary_cross_entropy_with_logits`` and ``vae_kl`` (fused
  gradient saved).
- **Every other tensor (CUDA, MPS, XPU; float16/bfloat16) takes a torch path** written with
  torch ops, with the same conventions: ``0 log 0 = 0``; ``+inf`` where ``p > 0 = q``;
  gradients 0 (not NaN) where ``p = 0``; ``-inf`` logits are classes of probability 0;
  NaN/``+inf`` logits, all ``-inf`` rows, targets out of range and invalid probabilities raise
  :class:`sanov.DomainError` / :class:`sanov.ShapeError` exactly where the Rust path does.
  The checks on this path cost one host synchronisation per call (a few scalars are read
  back), and the full input is scanned only when the result is NaN (to say why).
- ``js_divergence_logits``, ``gaussian_kl``, ``gaussian_kl_cholesky``,
  ``fisher_rao_regularizer`` and the mutual-information bounds (``infonce``, ``nwj``,
  ``donsker_varadhan``, ``js_mi_lower_bound``) are torch ops on every device for now (the MI
  bounds will take the Rust kernels of issue #20 on CPU once they land).

Conventions shared by all functions: the class / distribution dimension is the last one;
``reduction="mean"`` (default), ``"sum"`` or ``"none"`` (one value per row); ``base=None``
(nats), ``2``/``"bits"``, ``10``/``"hartleys"`` or any number > 0 and != 1.

Decision: ``softmax_cross_entropy(..., reduction="mean")`` on a batch whose every target is
ignored raises :class:`sanov.DomainError` (PyTorch returns NaN, which silently poisons a
training run); ``reduction="sum"`` returns 0 there.
"""


from __future__ import annotations

import contextlib
import math
from typing import Iterator, Optional, Tuple, Union

try:
    import torch
    import torch.nn.functional as F
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        "sanov.torch needs PyTorch: pip install 'sanov[torch]' (or pip install torch)"
    ) from e

from . import _sanov
from ._sanov import DomainError, ShapeError

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

Tensor = torch.Tensor
Base = Union[None, float, int, str]

_FORCE_TORCH_PATH = False
_RUST_DTYPES = (torch.float32, torch.float64)
_NORMALIZATION_TOLERANCE = {torch.float64: 1e-9}  # f32 and smaller floats: 1e-5


@contextlib.contextmanager
def force_torch_path(enabled: bool = True) -> Iterator[None]:
    """Within the block, CPU tensors take the torch path too (the one CUDA tensors take).

    For tests and debugging: it lets a machine without a GPU check the torch path against the
    Rust kernels. Not thread-safe (a module-level switch).
    """
    global _FORCE_TORCH_PATH
    old, _FORCE_TORCH_PATH = _FORCE_TORCH_PATH, enabled
    try:
        yield
    finally:
        _FORCE_TORCH_PATH = old


# ---------------------------------------------------------------------------------------------
# Argument handling.


def _rust(*ts: Tensor) -> bool:
    """Whether these tensors go to the Rust kernels."""
    return not _FORCE_TORCH_PATH and all(
        t.device.type == "cpu" and t.dtype in _RUST_DTYPES for t in ts
    )


def _float_tensor(x: object, name: str) -> Tensor:
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    if not x.is_floating_point():
        raise TypeError(f"{name} must be a floating-point tensor, got dtype {x.dtype}")
    return x


def _same_shape(a: Tensor, an: str, b: Tensor, bn: str) -> None:
    if a.shape != b.shape:
        raise ShapeError(f"{an} has shape {tuple(a.shape)} but {bn} has shape {tuple(b.shape)}")


def _rows(x: Tensor, name: str) -> Tensor:
    """``x`` as a contiguous ``[rows, K]`` matrix (the last dimension kept)."""
    if x.ndim < 1:
        raise ShapeError(f"{name} must have at least 1 dimension (the classes), got a scalar")
    if x.shape[-1] == 0:
        raise ShapeError(f"{name} is empty along its last dimension")
    return x.reshape(-1, x.shape[-1]).contiguous()


def _reduction(reduction: str) -> str:
    if reduction not in ("mean", "sum", "none"):
        raise DomainError(f'reduction must be "mean", "sum" or "none", got {reduction!r}')
    return reduction


def _ln_base(base: Base) -> float:
    """ln b of a ``base=`` argument (1 for nats), validated as the NumPy API does."""
    if base is None:
        return 1.0
    if isinstance(base, str):
        s = base.lower()
        if s in ("nats", "nat", "e"):
            return 1.0
        if s in ("bits", "bit", "shannons", "shannon"):
            return math.log(2.0)
        if s in ("hartleys", "hartley", "bans", "ban", "dits", "dit"):
            return math.log(10.0)
        raise DomainError(
            f'base = {base!r} is invalid: use None, "nats", "bits", "hartleys" or a number > 0 '
            "and != 1"
        )
    if isinstance(base, bool) or not isinstance(base, (int, float)):
        raise TypeError(f"base must be None, a unit name or a number, got {type(base).__name__}")
    b = float(base)
    if not math.isfinite(b) or b <= 0.0 or b == 1.0:
        raise DomainError(f"base = {b} is invalid: it must be finite, > 0 and != 1")
    return math.log(b)


def _positive_finite(v: float, name: str) -> float:
    v = float(v)
    if not math.isfinite(v) or v <= 0.0:
        raise DomainError(f"{name} = {v} is invalid: it must be finite and > 0")
    return v


def _reduce(per_row: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return per_row.mean()
    if reduction == "sum":
        return per_row.sum()
    return per_row


def _raise_if(checks: list) -> None:
    """Raises the first failed check; ``checks``: (0-d bool tensor, exception, message).

    All flags are read back with one host synchronisation. A message may be a callable (run
    only on failure, to diagnose).
    """
    if not checks:
        return
    flags = torch.stack([c[0].reshape(()) for c in checks]).tolist()
    for flag, (_, exc, msg) in zip(flags, checks):
        if flag:
            raise exc(msg() if callable(msg) else msg)


def _logit_problem(x: Tensor, name: str, rows: Optional[Tensor] = None) -> str:
    """Why a logit matrix makes a NaN (the rule the Rust kernels apply), for an error."""
    xr = x if rows is None else x[rows]
    if torch.isnan(xr).any():
        i = int(torch.isnan(xr).flatten().nonzero()[0])
        return f"{name} holds NaN (first at flat index {i})"
    if torch.isposinf(xr).any():
        i = int(torch.isposinf(xr).flatten().nonzero()[0])
        return f"{name} holds +inf (first at flat index {i}): logits must be < +inf"
    if xr.numel() and torch.isneginf(xr).all(dim=-1).any():
        r = int(torch.isneginf(xr).all(dim=-1).nonzero()[0])
        return f"{name} row {r} is all -inf: its softmax is 0/0"
    return ""


def _np(t: Tensor):  # noqa: ANN202 - a NumPy array
    """The NumPy view of a CPU tensor (no copy when contiguous)."""
    return t.detach().contiguous().numpy()


def _from_np(a, like: Tensor) -> Tensor:  # noqa: ANN001
    return torch.from_numpy(a).to(dtype=like.dtype)


def _scale(go: Tensor, reduction: str, rows: int, lnb: float) -> Tensor:
    """The factor of each row's gradient: ``go`` (per row for "none"), 1/rows for a mean."""
    s = go.unsqueeze(-1) if reduction == "none" else go
    if reduction == "mean":
        s = s / rows
    return s / lnb if lnb != 1.0 else s


@torch.compiler.disable
def _apply(fn, *args):  # noqa: ANN001, ANN002, ANN202
    """``fn.apply(*args)`` for the Rust-path functions, out of ``torch.compile``'s tracing: one
    clean graph break around the native call instead of Dynamo tracing into it and giving up."""
    return fn.apply(*args)


# ---------------------------------------------------------------------------------------------
# Softmax cross-entropy.


class _SoftmaxCrossEntropy(torch.autograd.Function):
    """The Rust path: fused forward + gradient in one pass, the gradient saved."""

    @staticmethod
    def forward(ctx, x, t, weight, reduction, ignore_index, smoothing, base, workers):  # noqa: ANN001, ANN205, PLR0913
        xn, tn = _np(x), _np(t)
        wn = None if weight is None else _np(weight.to(torch.float64))
        kw = dict(
            ignore_index=ignore_index,
            label_smoothing=smoothing,
            weight=wn,
            base=base,
            workers=workers,
        )
        ctx.kw, ctx.reduction = kw, reduction
        ctx.grad = None
        if reduction != "none" and ctx.needs_input_grad[0]:
            g = torch.empty(x.shape, dtype=x.dtype)
            loss, _ = _sanov.softmax_cross_entropy_grad(
                xn, tn, reduction=reduction, out=g.numpy(), **kw
            )
            ctx.grad = g
            out = torch.tensor(loss, dtype=x.dtype)
        else:
            out = _sanov.softmax_cross_entropy(xn, tn, reduction=reduction, **kw)
            out = _from_np(out, x) if reduction == "none" else torch.tensor(out, dtype=x.dtype)
        # Saving the inputs costs nothing (no copy); they are read only by a second backward
        # through the same graph (retain_graph: the saved gradient is handed out once).
        ctx.save_for_backward(x, t)
        return out

    @staticmethod
    def backward(ctx, go):  # noqa: ANN001, ANN205
        gx = gt = None
        kw, reduction = ctx.kw, ctx.reduction
        if ctx.needs_input_grad[0]:
            if ctx.grad is not None:
                gx, ctx.grad = ctx.grad, None
                if float(go) != 1.0:
                    gx.mul_(go)
            else:
                x, t = ctx.saved_tensors
                gx = torch.empty(x.shape, dtype=x.dtype)
                # "none": the per-row gradients are those of the sum, scaled row by row.
                _sanov.softmax_cross_entropy_grad(
                    _np(x),
                    _np(t),
                    reduction="sum" if reduction == "none" else reduction,
                    out=gx.numpy(),
                    **kw,
                )
                gx.mul_(go.unsqueeze(-1) if reduction == "none" else go)
        if ctx.needs_input_grad[1]:
            x, t = ctx.saved_tensors
            logp = _from_np(_sanov.log_softmax(_np(x), workers=kw["workers"]), x)
            gt = _ce_target_grad(logp, t.to(x.dtype), kw, reduction, go)
        return gx, gt, None, None, None, None, None, None


def _smoothed(t: Tensor, eps: float) -> Tensor:
    return t if eps == 0.0 else t * (1.0 - eps) + eps / t.shape[-1]


def _ce_target_grad(logp: Tensor, t: Tensor, kw: dict, reduction: str, go: Tensor) -> Tensor:
    """d loss / d target probabilities: ``-c (1 - eps) w_k log softmax_k`` (0 where the
    smoothed target is 0 and the log-probability -inf, as ``0 log 0 = 0``)."""
    eps = kw["label_smoothing"]
    tt = _smoothed(t, eps)
    safe = torch.where((tt == 0) & torch.isinf(logp), torch.zeros_like(logp), logp)
    g = -(1.0 - eps) * safe
    if kw["weight"] is not None:
        g = g * torch.as_tensor(kw["weight"], dtype=logp.dtype, device=logp.device)
    return g * _scale(go, reduction, t.shape[0], _ln_base(kw["base"]))


def _ce_torch(x, t, weight, reduction, ignore_index, eps, base, probs):  # noqa: ANN001, ANN202, PLR0913
    """The torch path: ``F.cross_entropy``'s kernels (class indices) or composed ops
    (probabilities), with the checks of the Rust path."""
    rows, v = x.shape
    lnb = _ln_base(base)
    checks = []
    if weight is not None:
        weight = weight.to(device=x.device, dtype=x.dtype)
        checks += [
            (~torch.isfinite(weight).all(), DomainError, "weight holds NaN or ±inf"),
            ((weight < 0).any(), DomainError, "weight holds a negative entry"),
        ]
    if probs:
        t = t.to(x.dtype)
        checks += [
            (~torch.isfinite(t).all(), DomainError, "target holds NaN or ±inf"),
            ((t < 0).any(), DomainError, "target holds a negative probability"),
        ]
        logp = F.log_softmax(x, dim=-1)
        tt = _smoothed(t, eps)
        safe = torch.where((tt == 0) & torch.isinf(logp), torch.zeros_like(logp), logp)
        tw = tt if weight is None else tt * weight
        per = -(tw * safe).sum(-1)
        loss = _reduce(per, reduction)
        ignored = None
    else:
        tl = t.long()
        eff = -100 if ignore_index is None else ignore_index
        bad = (tl < 0) | (tl >= v)
        if ignore_index is not None:
            bad = bad & (tl != ignore_index)
        checks.append(
            (
                bad.any(),
                DomainError,
                lambda: f"target holds a class outside [0, {v}) that is not the ignore_index "
                f"(first: {int(tl[bad][0])})",
            )
        )
        ignored = tl == eff
        loss = F.cross_entropy(
            x,
            torch.where(bad, torch.full_like(tl, eff), tl),
            weight=weight,
            ignore_index=eff,
            reduction=reduction,
            label_smoothing=eps,
        )
        if reduction == "mean":
            checks.append(
                (
                    ignored.all(),
                    DomainError,
                    'every target is ignored: reduction="mean" has no denominator (PyTorch '
                    'returns NaN); use reduction="sum", which gives 0',
                )
            )

    def why() -> str:
        keep = None if ignored is None else ~ignored
        msg = _logit_problem(x, "logits", keep)
        return msg or "the total weight of the targets is 0: the mean is 0/0"

    checks.append((torch.isnan(loss).any(), DomainError, why))
    _raise_if(checks)
    return loss / lnb if lnb != 1.0 else loss


def softmax_cross_entropy(
    logits: Tensor,
    target: Tensor,
    *,
    reduction: str = "mean",
    ignore_index: Optional[int] = None,
    label_smoothing: float = 0.0,
    weight: Optional[Tensor] = None,
    temperature: float = 1.0,
    base: Base = None,
    workers: Optional[int] = None,
) -> Tensor:
    """Softmax cross-entropy from logits, ``torch.nn.functional.cross_entropy`` with sanov's
    checks; differentiable in ``logits`` (and in ``target`` when it holds probabilities).

    For each row i: ``-sum_k w_k t_k log softmax(logits_i / temperature)_k`` with ``t`` the
    one-hot class (or the given probabilities) smoothed to ``(1 - label_smoothing) t +
    label_smoothing / V``.

    Parameters
    ----------
    logits : Tensor, shape (..., V)
        Floating point; the classes are the **last** dimension (PyTorch's ``F.cross_entropy``
        takes them in dimension 1). ``-inf`` is a class of probability 0; NaN, ``+inf`` and a
        row of ``-inf`` raise.
    target : Tensor
        Class indices (an integer tensor of shape ``logits.shape[:-1]``), or probabilities (a
        floating tensor of the logits' shape, non-negative, rows need not sum to 1).
    reduction : {"mean", "sum", "none"}
        "mean" divides by the summed weight of the non-ignored targets (class indices) or by
        the number of rows (probabilities), as PyTorch.
    ignore_index : int, optional
        Rows whose class is this value contribute 0 (PyTorch's default is -100; here None).
    label_smoothing : float in [0, 1]
    weight : Tensor, shape (V,), optional
        Class weights, finite and non-negative (not differentiated, as in PyTorch).
    temperature : float > 0
        The logits are divided by it first (no T**2 factor).
    base : None, "bits", 2, ...
    workers : int, optional
        Threads of the Rust kernels (CPU path): None = all for large inputs, 1 = the caller's.

    Returns
    -------
    Tensor
        0-d, or ``logits.shape[:-1]`` for ``reduction="none"``; the logits' dtype and device.

    Raises
    ------
    TypeError
        Non-tensor or integer logits, a non-integer non-float target.
    ShapeError
        Mismatched shapes.
    DomainError
        Bad logits (see above), classes out of range, invalid probabilities, weights or
        options; ``reduction="mean"`` with every target ignored (PyTorch: NaN).
    """
    logits = _float_tensor(logits, "logits")
    reduction = _reduction(reduction)
    if not isinstance(target, torch.Tensor):
        raise TypeError(f"target must be a torch.Tensor, got {type(target).__name__}")
    if logits.ndim < 1 or logits.shape[-1] == 0:
        raise ShapeError(f"logits must have shape (..., V) with V >= 1, got {tuple(logits.shape)}")
    v = logits.shape[-1]
    lead = logits.shape[:-1]
    eps = float(label_smoothing)
    if not 0.0 <= eps <= 1.0:
        raise DomainError(f"label_smoothing = {eps} must be in [0, 1]")
    temperature = _positive_finite(temperature, "temperature")
    _ln_base(base)
    probs = target.is_floating_point()
    if probs:
        _same_shape(logits, "logits", target, "target")
        if ignore_index is not None:
            raise DomainError("ignore_index applies to class-index targets, not probabilities")
        t = target.reshape(-1, v)
    else:
        if target.dtype == torch.bool or target.is_complex():
            raise TypeError(f"target must hold integer classes or probabilities, got {target.dtype}")
        if target.shape != lead:
            raise ShapeError(
                f"target has shape {tuple(target.shape)}, expected {tuple(lead)} for logits "
                f"of shape {tuple(logits.shape)}"
            )
        t = target.reshape(-1)
    if weight is not None:
        weight = _float_tensor(weight, "weight")
        if weight.shape != (v,):
            raise ShapeError(f"weight has shape {tuple(weight.shape)}, expected ({v},)")
    x = logits.reshape(-1, v)
    if temperature != 1.0:
        x = x / temperature
    if _rust(x):
        if not probs:
            t = t.to(device="cpu", dtype=torch.int64)
        else:
            t = t.to(device="cpu")
        out = _apply(
            _SoftmaxCrossEntropy,
            x.contiguous(),
            t,
            weight,
            reduction,
            ignore_index,
            eps,
            base,
            workers,
        )
    else:
        out = _ce_torch(x, t.to(x.device), weight, reduction, ignore_index, eps, base, probs)
    return out.reshape(lead) if reduction == "none" else out


# ---------------------------------------------------------------------------------------------
# Logit measures.


def _check_logit_result(per: Tensor, xs: list) -> None:
    """One synchronisation: a NaN in the result means bad logits (diagnosed on failure)."""

    def why() -> str:
        for x, name in xs:
            msg = _logit_problem(x, name)
            if msg:
                return msg
        return "the result is NaN"

    _raise_if([(torch.isnan(per).any(), DomainError, why)])


class _KlLogits(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, base, workers):  # noqa: ANN001, ANN205
        an, bn = _np(a), _np(b)
        per = _from_np(_sanov.kl_divergence_logits(an, bn, base, workers=workers), a)
        ctx.save_for_backward(a, b)
        ctx.base, ctx.workers = base, workers
        return per

    @staticmethod
    def backward(ctx, go):  # noqa: ANN001, ANN205
        a, b = ctx.saved_tensors
        s = go.unsqueeze(-1) / _ln_base(ctx.base)
        pa = _from_np(_sanov.softmax(_np(a), workers=ctx.workers), a)
        ga = gb = None
        if ctx.needs_input_grad[1]:
            # d/db = rho - pi
            gb = _from_np(_sanov.softmax(_np(b), workers=ctx.workers), b).sub_(pa).mul_(s)
        if ctx.needs_input_grad[0]:
            # d/da = pi (log pi - log rho - D)
            la = _from_np(_sanov.log_softmax(_np(a), workers=ctx.workers), a)
            lb = _from_np(_sanov.log_softmax(_np(b), workers=ctx.workers), b)
            diff = torch.where(pa == 0, torch.zeros_like(la), la - lb)
            d = (pa * diff).sum(-1, keepdim=True)
            ga = pa * (diff - d) * s
        return ga, gb, None, None


def _kl_logits_torch(a: Tensor, b: Tensor) -> Tensor:
    la, lb = F.log_softmax(a, -1), F.log_softmax(b, -1)
    pa = la.exp()
    diff = torch.where(pa == 0, torch.zeros_like(la), la - lb)
    return (pa * diff).sum(-1)


def _pair_logits(p_logits: Tensor, q_logits: Tensor, temperature: float) -> Tuple[Tensor, Tensor]:
    p = _float_tensor(p_logits, "p_logits")
    q = _float_tensor(q_logits, "q_logits")
    _same_shape(p, "p_logits", q, "q_logits")
    if p.device != q.device:
        raise ValueError(f"p_logits is on {p.device} but q_logits on {q.device}")
    dtype = torch.promote_types(p.dtype, q.dtype)
    temperature = _positive_finite(temperature, "temperature")
    a, b = _rows(p, "p_logits").to(dtype), _rows(q, "q_logits").to(dtype)
    if temperature != 1.0:
        a, b = a / temperature, b / temperature
    return a, b


def kl_divergence_logits(
    p_logits: Tensor,
    q_logits: Tensor,
    *,
    temperature: float = 1.0,
    direction: str = "forward",
    reduction: str = "mean",
    base: Base = None,
    workers: Optional[int] = None,
) -> Tensor:
    """KL divergence between the softmaxes of two logit tensors (distillation).

    ``p_logits`` is the data (the teacher), ``q_logits`` the model (the student):
    ``direction="forward"`` gives ``D(softmax(p) || softmax(q))`` per row (mean-seeking,
    Hinton's distillation loss; equals ``F.kl_div(log_softmax(q), log_softmax(p),
    log_target=True, reduction="none").sum(-1)``), ``"reverse"`` gives
    ``D(softmax(q) || softmax(p))`` (mode-seeking). Both logits are divided by
    ``temperature`` first (no T**2 factor). ``+inf`` where the second distribution has a
    ``-inf`` logit under the first one's support. Gradients with respect to both arguments.

    Returns a 0-d tensor ("mean" over rows = PyTorch's "batchmean", "sum") or one value per
    row (``p_logits.shape[:-1]``, "none"). NaN/``+inf`` logits and all ``-inf`` rows raise
    :class:`sanov.DomainError`; mismatched shapes :class:`sanov.ShapeError`.
    """
    reduction = _reduction(reduction)
    if direction not in ("forward", "reverse"):
        raise DomainError(f'direction must be "forward" or "reverse", got {direction!r}')
    lnb = _ln_base(base)
    a, b = _pair_logits(p_logits, q_logits, temperature)
    if direction == "reverse":
        a, b = b, a
    if _rust(a):
        per = _apply(_KlLogits, a, b, base, workers)
    else:
        per = _kl_logits_torch(a, b)
        _check_logit_result(per, [(a, "p_logits"), (b, "q_logits")])
        per = per / lnb if lnb != 1.0 else per
    return _reduce(per.reshape(p_logits.shape[:-1]), reduction)


def js_divergence_logits(
    p_logits: Tensor,
    q_logits: Tensor,
    *,
    temperature: float = 1.0,
    reduction: str = "mean",
    base: Base = None,
) -> Tensor:
    """Jensen-Shannon divergence between the softmaxes of two logit tensors, per row:
    ``0.5 D(pi || m) + 0.5 D(rho || m)``, ``m = (pi + rho) / 2`` (the divergence, not its
    square root; at most ln 2 nats). Symmetric; torch ops on every device (no Rust kernel
    yet). Errors and reductions as :func:`kl_divergence_logits`.
    """
    reduction = _reduction(reduction)
    lnb = _ln_base(base)
    a, b = _pair_logits(p_logits, q_logits, temperature)
    la, lb = F.log_softmax(a, -1), F.log_softmax(b, -1)
    lm = torch.logaddexp(la, lb) - math.log(2.0)
    pa, pb = la.exp(), lb.exp()
    zero = torch.zeros_like(la)
    ta = pa * torch.where(pa == 0, zero, la - lm)
    tb = pb * torch.where(pb == 0, zero, lb - lm)
    per = 0.5 * (ta.sum(-1) + tb.sum(-1))
    _check_logit_result(per, [(a, "p_logits"), (b, "q_logits")])
    per = per / lnb if lnb != 1.0 else per
    return _reduce(per.reshape(p_logits.shape[:-1]), reduction)


class _EntropyLogits(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, base, workers):  # noqa: ANN001, ANN205
        per = _from_np(_sanov.softmax_entropy(_np(x), base, workers=workers), x)
        ctx.save_for_backward(x)
        ctx.base, ctx.workers = base, workers
        return per

    @staticmethod
    def backward(ctx, go):  # noqa: ANN001, ANN205
        (x,) = ctx.saved_tensors
        lp = _from_np(_sanov.log_softmax(_np(x), workers=ctx.workers), x)
        return _entropy_logits_grad(lp, go, _ln_base(ctx.base)), None, None


def _entropy_logits_grad(lp: Tensor, go: Tensor, lnb: float) -> Tensor:
    """``dH/dx_j = -pi_j (log pi_j + H)`` (0 where pi_j = 0), times ``go`` per row."""
    p = lp.exp()
    safe = torch.where(p == 0, torch.zeros_like(lp), lp)
    h = -(p * safe).sum(-1, keepdim=True)
    return -p * (safe + h) * (go.unsqueeze(-1) / lnb)


def entropy_logits(
    logits: Tensor,
    *,
    temperature: float = 1.0,
    reduction: str = "mean",
    base: Base = None,
    workers: Optional[int] = None,
) -> Tensor:
    """Entropy of the softmax of the logits, per row: ``-sum_k pi_k log pi_k``,
    ``pi = softmax(logits / temperature)`` (``0 log 0 = 0`` for ``-inf`` logits).

    Returns a 0-d tensor ("mean", "sum") or ``logits.shape[:-1]`` ("none"). NaN/``+inf``
    logits and all ``-inf`` rows raise :class:`sanov.DomainError`.
    """
    reduction = _reduction(reduction)
    lnb = _ln_base(base)
    x = _float_tensor(logits, "logits")
    temperature = _positive_finite(temperature, "temperature")
    x2 = _rows(x, "logits")
    if temperature != 1.0:
        x2 = x2 / temperature
    if _rust(x2):
        per = _apply(_EntropyLogits, x2, base, workers)
    else:
        lp = F.log_softmax(x2, -1)
        p = lp.exp()
        per = -(p * torch.where(p == 0, torch.zeros_like(lp), lp)).sum(-1)
        _check_logit_result(per, [(x2, "logits")])
        per = per / lnb if lnb != 1.0 else per
    return _reduce(per.reshape(x.shape[:-1]), reduction)


# ---------------------------------------------------------------------------------------------
# Measures of probability tensors (last dimension).


def _check_probs(p: Tensor, name: str) -> list:
    """The checks of a probability matrix (rows), as the NumPy API validates one."""
    tol = _NORMALIZATION_TOLERANCE.get(p.dtype, 1e-5)
    s = p.sum(-1, dtype=torch.float64)
    return [
        (~torch.isfinite(p).all(), DomainError, f"{name} holds NaN or ±inf"),
        ((p < 0).any(), DomainError, f"{name} holds a negative entry"),
        (
            ((s - 1.0).abs() > tol).any(),
            DomainError,
            lambda: f"{name} row {int(((s - 1.0).abs() > tol).nonzero()[0])} sums to "
            f"{float(s[((s - 1.0).abs() > tol)][0])}, not 1 (tolerance {tol})",
        ),
    ]


def _xlogy_ratio(p: Tensor, q: Tensor) -> Tensor:
    """``p log(p / q)`` with ``0 log(0 / q) = 0`` (and ``+inf`` where ``p > 0 = q``)."""
    mask = p > 0
    ratio = torch.where(mask, p / torch.where(mask, q, torch.ones_like(q)), torch.ones_like(p))
    return torch.where(mask, p * torch.log(ratio), torch.zeros_like(p))


class _ProbMeasure(torch.autograd.Function):
    """Entropy, KL or JS of probability rows: forward by Rust (CPU) or torch ops, backward by
    the formulas below on every path (gradients 0 where p = 0)."""

    @staticmethod
    def forward(ctx, kind, p, q, base, workers, rust):  # noqa: ANN001, ANN205, PLR0913
        lnb = _ln_base(base)
        if rust:
            if kind == "entropy":
                out = _sanov.entropy(_np(p), base, axis=1, workers=workers)
            elif kind == "kl":
                out = _sanov.kl_divergence(_np(p), _np(q), base, axis=1, workers=workers)
            else:
                out = _sanov.js_divergence(_np(p), _np(q), base, axis=1, workers=workers)
            per = _from_np(out, p)
        else:
            _raise_if(_check_probs(p, "p") + ([] if q is None else _check_probs(q, "q")))
            if kind == "entropy":
                per = -_xlogy_ratio(p, torch.ones_like(p)).sum(-1)
            elif kind == "kl":
                per = _xlogy_ratio(p, q).sum(-1)
            else:
                m = 0.5 * (p + q)
                per = 0.5 * (_xlogy_ratio(p, m).sum(-1) + _xlogy_ratio(q, m).sum(-1))
            per = per / lnb if lnb != 1.0 else per
        ctx.kind, ctx.lnb = kind, lnb
        ctx.save_for_backward(p, q)
        return per

    @staticmethod
    def backward(ctx, go):  # noqa: ANN001, ANN205
        p, q = ctx.saved_tensors
        s = go.unsqueeze(-1) / ctx.lnb
        zero = torch.zeros_like(p)
        gp = gq = None
        if ctx.kind == "entropy":
            gp = torch.where(p > 0, -(torch.log(p) + 1.0), zero) * s
        elif ctx.kind == "kl":
            # d/dp = log(p/q) + 1, d/dq = -p/q; 0 where p = 0.
            if ctx.needs_input_grad[1]:
                gp = torch.where(p > 0, torch.log(p) - torch.log(q) + 1.0, zero) * s
            if ctx.needs_input_grad[2]:
                gq = torch.where(p > 0, -p / q, zero) * s
        else:
            # d/dp = 0.5 log(p/m), d/dq = 0.5 log(q/m); 0 where the argument's entry is 0.
            lm = torch.log(0.5 * (p + q))
            if ctx.needs_input_grad[1]:
                gp = torch.where(p > 0, 0.5 * (torch.log(p) - lm), zero) * s
            if ctx.needs_input_grad[2]:
                gq = torch.where(q > 0, 0.5 * (torch.log(q) - lm), zero) * s
        return None, gp, gq, None, None, None


def _prob_measure(kind, p, q, reduction, base, workers):  # noqa: ANN001, ANN202, PLR0913
    reduction = _reduction(reduction)
    _ln_base(base)
    p = _float_tensor(p, "p")
    lead = p.shape[:-1]
    ps = _rows(p, "p")
    qs = None
    if q is not None:
        q = _float_tensor(q, "q")
        _same_shape(p, "p", q, "q")
        if p.device != q.device:
            raise ValueError(f"p is on {p.device} but q on {q.device}")
        dtype = torch.promote_types(p.dtype, q.dtype)
        ps, qs = ps.to(dtype), _rows(q, "q").to(dtype)
    rust = _rust(ps)
    per = _apply(_ProbMeasure, kind, ps, qs, base, workers, rust)
    return _reduce(per.reshape(lead), reduction)


def entropy(
    p: Tensor, *, reduction: str = "mean", base: Base = None, workers: Optional[int] = None
) -> Tensor:
    """Shannon entropy ``-sum p log p`` of the probability vectors along the last dimension
    (``0 log 0 = 0``; gradient ``-(log p + 1)``, 0 where p = 0).

    Each vector must be finite, non-negative and sum to 1 within 1e-9 (float64) / 1e-5
    (float32), else :class:`sanov.DomainError`. Reductions over the vectors as elsewhere.
    """
    return _prob_measure("entropy", p, None, reduction, base, workers)


def kl_divergence(
    p: Tensor,
    q: Tensor,
    *,
    reduction: str = "mean",
    base: Base = None,
    workers: Optional[int] = None,
) -> Tensor:
    """KL divergence ``sum p log(p / q)`` along the last dimension: ``0 log(0/q) = 0``,
    ``+inf`` where ``p > 0 = q``. Gradients ``log(p/q) + 1`` and ``-p/q`` (both 0 where
    p = 0). Validation as :func:`entropy`; shapes must match (:class:`sanov.ShapeError`)."""
    return _prob_measure("kl", p, q, reduction, base, workers)


def js_divergence(
    p: Tensor,
    q: Tensor,
    *,
    reduction: str = "mean",
    base: Base = None,
    workers: Optional[int] = None,
) -> Tensor:
    """Jensen-Shannon divergence ``0.5 KL(p || m) + 0.5 KL(q || m)``, ``m = (p + q) / 2``,
    along the last dimension (the divergence, not its square root). Gradients
    ``0.5 log(p/m)`` and ``0.5 log(q/m)`` (0 where the entry is 0)."""
    return _prob_measure("js", p, q, reduction, base, workers)


# ---------------------------------------------------------------------------------------------
# Binary cross-entropy from logits.


def _bce_torch(z: Tensor, y: Tensor) -> Tensor:
    """``max(z, 0) - y z + log1p(exp(-|z|))``; at ``z = +inf`` 0 if y = 1 else +inf, at
    ``z = -inf`` 0 if y = 0 else +inf (the Rust kernel's rule)."""
    inf = torch.isinf(z)
    zs = torch.where(inf, torch.zeros_like(z), z)
    finite = zs.clamp_min(0) - y * zs + torch.log1p(torch.exp(-zs.abs()))
    at_inf = torch.where(
        (z > 0) & (y == 1) | (z < 0) & (y == 0),
        torch.zeros_like(z),
        torch.full_like(z, math.inf),
    )
    return torch.where(inf, at_inf, finite)


class _Bce(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z, y, reduction, base, rust):  # noqa: ANN001, ANN205
        lnb = _ln_base(base)
        if rust:
            out = _sanov.binary_cross_entropy_with_logits(_np(y), _np(z), base, reduction=reduction)
            if reduction == "none":
                out = _from_np(out, z).reshape(z.shape)
            else:
                out = torch.tensor(out, dtype=z.dtype)
        else:
            _raise_if(
                [
                    (torch.isnan(z).any(), DomainError, "logits hold NaN"),
                    (~torch.isfinite(y).all(), DomainError, "y holds NaN or ±inf"),
                    (((y < 0) | (y > 1)).any(), DomainError, "y holds a value outside [0, 1]"),
                ]
            )
            out = _reduce(_bce_torch(z, y), reduction)
            out = out / lnb if lnb != 1.0 else out
        ctx.save_for_backward(z, y)
        ctx.reduction, ctx.lnb = reduction, lnb
        return out

    @staticmethod
    def backward(ctx, go):  # noqa: ANN001, ANN205
        z, y = ctx.saved_tensors
        s = go if ctx.reduction != "mean" else go / z.numel()
        s = s / ctx.lnb
        gz = gy = None
        if ctx.needs_input_grad[0]:
            gz = (torch.sigmoid(z) - y) * s
        if ctx.needs_input_grad[1]:
            gy = -z * s
        return gz, gy, None, None, None


def binary_cross_entropy_with_logits(
    logits: Tensor, target: Tensor, *, reduction: str = "mean", base: Base = None
) -> Tensor:
    """Binary cross-entropy from logits, ``F.binary_cross_entropy_with_logits(logits,
    target)``: ``max(z, 0) - y z + log(1 + exp(-|z|))`` elementwise, stable for any z
    (``z = ±inf`` allowed: 0 when it agrees with y in {0, 1}, else +inf).

    Arguments in PyTorch's order (logits first; the NumPy ``sanov.
    binary_cross_entropy_with_logits`` takes ``y`` first). ``target`` in [0, 1] (soft labels
    allowed), the logits' shape. Gradients ``sigmoid(z) - y`` and ``-z``. NaN logits, targets
    outside [0, 1] raise :class:`sanov.DomainError`; shapes must match.
    """
    reduction = _reduction(reduction)
    _ln_base(base)
    z = _float_tensor(logits, "logits")
    y = _float_tensor(target, "target")
    _same_shape(z, "logits", y, "target")
    if z.numel() == 0:
        raise ShapeError("logits is empty")
    dtype = torch.promote_types(z.dtype, y.dtype)
    z, y = z.to(dtype).contiguous(), y.to(dtype).contiguous()
    return _apply(_Bce, z, y, reduction, base, _rust(z))


# ---------------------------------------------------------------------------------------------
# Gaussian KL terms.


class _VaeKl(torch.autograd.Function):
    @staticmethod
    def forward(ctx, mu, lv, reduction, workers):  # noqa: ANN001, ANN205
        mn, ln = _np(mu), _np(lv)
        ctx.reduction, ctx.workers = reduction, workers
        if reduction != "none" and (ctx.needs_input_grad[0] or ctx.needs_input_grad[1]):
            g1, g2 = torch.empty(mu.shape, dtype=mu.dtype), torch.empty(mu.shape, dtype=mu.dtype)
            loss, _, _ = _sanov.vae_kl_with_grad(mn, ln, reduction, workers, out=(g1.numpy(), g2.numpy()))
            ctx.grads = (g1, g2)
            ctx.save_for_backward(mu, lv)
            return torch.tensor(loss, dtype=mu.dtype)
        ctx.grads = None
        out = _sanov.vae_kl(mn, ln, reduction, workers)
        ctx.save_for_backward(mu, lv)
        return _from_np(out, mu) if reduction == "none" else torch.tensor(out, dtype=mu.dtype)

    @staticmethod
    def backward(ctx, go):  # noqa: ANN001, ANN205
        if ctx.grads is not None:
            g1, g2 = ctx.grads
            ctx.grads = None
            if float(go) != 1.0:
                g1, g2 = g1.mul_(go), g2.mul_(go)
            return g1, g2, None, None
        mu, lv = ctx.saved_tensors
        if ctx.reduction != "none":
            # A second backward through the same graph: the kernel again (same values).
            _, g1, g2 = _sanov.vae_kl_with_grad(_np(mu), _np(lv), ctx.reduction, ctx.workers)
            return _from_np(g1, mu) * go, _from_np(g2, mu) * go, None, None
        s = go.unsqueeze(-1)
        return mu * s, 0.5 * torch.expm1(lv) * s, None, None


def vae_kl(
    mu: Tensor, log_var: Tensor, *, reduction: str = "mean", workers: Optional[int] = None
) -> Tensor:
    """The KL term of a VAE: ``KL(N(mu, diag exp(log_var)) || N(0, I))`` per row,
    ``-0.5 sum_j (1 + log_var_j - mu_j**2 - exp(log_var_j))`` (nats).

    ``mu``, ``log_var``: shape (..., latent), the same; "mean" averages over the rows.
    Gradients ``mu`` and ``0.5 (exp(log_var) - 1)`` (fused with the forward on the Rust path).
    NaN/±inf entries raise :class:`sanov.DomainError`.
    """
    reduction = _reduction(reduction)
    m = _float_tensor(mu, "mu")
    lv = _float_tensor(log_var, "log_var")
    _same_shape(m, "mu", lv, "log_var")
    lead = m.shape[:-1]
    dtype = torch.promote_types(m.dtype, lv.dtype)
    a, b = _rows(m, "mu").to(dtype), _rows(lv, "log_var").to(dtype)
    if _rust(a):
        out = _apply(_VaeKl, a, b, reduction, workers)
        return out.reshape(lead) if reduction == "none" else out
    _raise_if(
        [
            (~torch.isfinite(a).all(), DomainError, "mu holds NaN or ±inf"),
            (~torch.isfinite(b).all(), DomainError, "log_var holds NaN or ±inf"),
        ]
    )
    per = -0.5 * (1.0 + b - a * a - torch.exp(b)).sum(-1)
    return _reduce(per.reshape(lead), reduction)


def gaussian_kl(
    mu_p: Tensor,
    var_p: Tensor,
    mu_q: Tensor,
    var_q: Tensor,
    *,
    reduction: str = "mean",
    base: Base = None,
) -> Tensor:
    """KL between diagonal Gaussians, summed over the last dimension:
    ``0.5 sum_j [log(var_q/var_p) + (var_p + (mu_p - mu_q)**2) / var_q - 1]``.

    All four tensors of one shape (broadcasting is not applied); variances finite and > 0,
    means finite (else :class:`sanov.DomainError`). Torch ops on every device. Equals
    ``torch.distributions.kl_divergence(Normal(mu_p, var_p.sqrt()), Normal(mu_q,
    var_q.sqrt())).sum(-1)``.
    """
    reduction = _reduction(reduction)
    lnb = _ln_base(base)
    names = ("mu_p", "var_p", "mu_q", "var_q")
    ts = [_float_tensor(t, n) for t, n in zip((mu_p, var_p, mu_q, var_q), names)]
    for t, n in zip(ts[1:], names[1:]):
        _same_shape(ts[0], "mu_p", t, n)
    if ts[0].ndim < 1:
        raise ShapeError("mu_p must have at least 1 dimension")
    checks = [(~torch.isfinite(t).all(), DomainError, f"{n} holds NaN or ±inf") for t, n in zip(ts, names)]
    checks += [((t <= 0).any(), DomainError, f"{n} holds a variance <= 0") for t, n in ((ts[1], "var_p"), (ts[3], "var_q"))]
    _raise_if(checks)
    mp, vp, mq, vq = ts
    per = 0.5 * (torch.log(vq) - torch.log(vp) + (vp + (mp - mq) ** 2) / vq - 1.0).sum(-1)
    per = per / lnb if lnb != 1.0 else per
    return _reduce(per, reduction)


def gaussian_kl_cholesky(
    mu_p: Tensor,
    scale_tril_p: Tensor,
    mu_q: Tensor,
    scale_tril_q: Tensor,
    *,
    reduction: str = "mean",
    base: Base = None,
) -> Tensor:
    """KL between full-covariance Gaussians given by Cholesky factors ``Sigma = L L^T``:
    ``0.5 [tr(Sq^-1 Sp) + (mu_q - mu_p)^T Sq^-1 (mu_q - mu_p) - d] + sum log diag Lq -
    sum log diag Lp``, by triangular solves (no inverse is formed).

    ``mu_*``: (..., d); ``scale_tril_*``: (..., d, d) lower triangular with a positive
    diagonal (the upper triangle is ignored), else :class:`sanov.DomainError`. Equals
    ``torch.distributions.kl_divergence`` of two ``MultivariateNormal(scale_tril=...)``.
    """
    reduction = _reduction(reduction)
    lnb = _ln_base(base)
    mp = _float_tensor(mu_p, "mu_p")
    mq = _float_tensor(mu_q, "mu_q")
    lp = _float_tensor(scale_tril_p, "scale_tril_p")
    lq = _float_tensor(scale_tril_q, "scale_tril_q")
    _same_shape(mp, "mu_p", mq, "mu_q")
    _same_shape(lp, "scale_tril_p", lq, "scale_tril_q")
    if mp.ndim < 1 or lp.shape != mp.shape + mp.shape[-1:]:
        raise ShapeError(
            f"scale_tril_p has shape {tuple(lp.shape)}, expected {tuple(mp.shape + mp.shape[-1:])}"
        )
    lp, lq = torch.tril(lp), torch.tril(lq)
    dp, dq = torch.diagonal(lp, dim1=-2, dim2=-1), torch.diagonal(lq, dim1=-2, dim2=-1)
    _raise_if(
        [
            (~torch.isfinite(mp).all() | ~torch.isfinite(mq).all(), DomainError, "a mean holds NaN or ±inf"),
            (~torch.isfinite(lp).all() | ~torch.isfinite(lq).all(), DomainError, "a Cholesky factor holds NaN or ±inf"),
            ((dp <= 0).any() | (dq <= 0).any(), DomainError, "a Cholesky factor has a diagonal entry <= 0"),
        ]
    )
    d = mp.shape[-1]
    m = torch.linalg.solve_triangular(lq, lp, upper=False)
    y = torch.linalg.solve_triangular(lq, (mq - mp).unsqueeze(-1), upper=False).squeeze(-1)
    per = 0.5 * (m.pow(2).sum((-2, -1)) + y.pow(2).sum(-1) - d) + (
        torch.log(dq).sum(-1) - torch.log(dp).sum(-1)
    )
    per = per / lnb if lnb != 1.0 else per
    return _reduce(per, reduction)


# ---------------------------------------------------------------------------------------------
# Fisher-Rao regulariser.


def _sq_ratio(u: Tensor, f) -> Tensor:  # noqa: ANN001
    """``(f(sqrt u) / sqrt u)**2`` with its limit 1 at u = 0 (f = asinh or asin), so that
    ``u * _sq_ratio(u)`` is differentiable at u = 0."""
    pos = u > 0
    us = torch.where(pos, u, torch.ones_like(u))
    r = f(torch.sqrt(us)) / torch.sqrt(us)
    return torch.where(pos, r * r, torch.ones_like(u))


def fisher_rao_regularizer(
    theta: Union[Tensor, Tuple[Tensor, Tensor]],
    reference: Union[Tensor, Tuple[Tensor, Tensor]],
    *,
    family: str = "normal",
    reduction: str = "sum",
) -> Tensor:
    """Squared Fisher-Rao distance to a reference, ``d_FR(theta, reference)**2``, as a
    regulariser (differentiable at theta = reference, where its gradient is 0).

    - ``family="normal"``: ``theta = (loc, scale)``, ``reference = (loc, scale)`` (tensors
      of one shape, or floats for the reference), one univariate normal per coordinate (a
      diagonal Gaussian's coordinates, as a weight-space regulariser is used):
      ``8 asinh(s)**2``, ``s**2 = ((mu - mu_r)**2 / 2 + (sigma - sigma_r)**2) / (4 sigma
      sigma_r)`` — ``d_FR = sqrt(2) arccosh(1 + ((mu1-mu2)**2/2 + (s1-s2)**2)/(2 s1 s2))``.
    - ``family="categorical"``: ``theta`` logits (..., K), ``reference`` probabilities
      (..., K): ``(2 arccos sum_k sqrt(p_k r_k))**2 = 16 arcsin(||sqrt p - sqrt r|| / 2)**2``
      with ``p = softmax(theta)``.

    - ``family="von_mises"``: ``theta = (loc, concentration)``, ``reference = (loc,
      concentration)``, one von Mises per coordinate: ``d_FR**2`` with no closed form, by the
      Rust numeric geodesic (chart ``(kappa cos mu, kappa sin mu)``, which handles the
      wrap-around of ``mu``; about 1e-9 relative) for each coordinate, on CPU in float64 (other
      devices and float32 are copied there and back). Backward: ``-2 G v`` with ``v`` the
      geodesic's initial velocity (the first variation of its energy), so the gradient is
      that of the computed distance, not of a finite difference; for the reference, the same
      with the roles swapped (a second solve, only when the reference needs a gradient).

    ``reduction``: "sum" (default, a regulariser's total), "mean" or "none" (per coordinate /
    per distribution). Scales and concentrations must be > 0, reference probabilities valid
    (else :class:`sanov.DomainError`). Normal and categorical: torch ops on every device (the
    Rust ``sanov.fisher_rao_regularizer`` is one member at a time).
    """
    reduction = _reduction(reduction)
    if family == "normal":
        if not (isinstance(theta, (tuple, list)) and len(theta) == 2):
            raise TypeError("family='normal': theta must be a pair (loc, scale) of tensors")
        if not (isinstance(reference, (tuple, list)) and len(reference) == 2):
            raise TypeError("family='normal': reference must be a pair (loc, scale)")
        mu = _float_tensor(theta[0], "theta loc")
        sigma = _float_tensor(theta[1], "theta scale")
        _same_shape(mu, "loc", sigma, "scale")
        mr = torch.as_tensor(reference[0], dtype=mu.dtype, device=mu.device)
        sr = torch.as_tensor(reference[1], dtype=mu.dtype, device=mu.device)
        _raise_if(
            [
                (~torch.isfinite(mu).all() | ~torch.isfinite(mr).all(), DomainError, "a loc holds NaN or ±inf"),
                (~torch.isfinite(sigma).all() | ~torch.isfinite(sr).all(), DomainError, "a scale holds NaN or ±inf"),
                ((sigma <= 0).any() | (sr <= 0).any(), DomainError, "a scale is <= 0"),
            ]
        )
        u = ((mu - mr) ** 2 / 2 + (sigma - sr) ** 2) / (4 * sigma * sr)
        per = 8.0 * u * _sq_ratio(u, torch.asinh)
    elif family == "categorical":
        x = _float_tensor(theta, "theta")
        r = torch.as_tensor(reference, dtype=x.dtype, device=x.device)
        _same_shape(x, "theta", r, "reference")
        rr = _rows(r, "reference")
        _raise_if(
            [(~torch.isfinite(x).all(), DomainError, "theta (logits) holds NaN or ±inf")]
            + _check_probs(rr, "reference")
        )
        sp = torch.exp(0.5 * F.log_softmax(x, -1))
        u = ((sp - torch.sqrt(r)) ** 2).sum(-1) / 4
        per = 16.0 * u * _sq_ratio(u, torch.asin)
    elif family == "von_mises":
        if not (isinstance(theta, (tuple, list)) and len(theta) == 2):
            raise TypeError("family='von_mises': theta must be a pair (loc, concentration) of tensors")
        if not (isinstance(reference, (tuple, list)) and len(reference) == 2):
            raise TypeError("family='von_mises': reference must be a pair (loc, concentration)")
        mu = _float_tensor(theta[0], "theta loc")
        kappa = _float_tensor(theta[1], "theta concentration")
        _same_shape(mu, "loc", kappa, "concentration")
        mr = torch.as_tensor(reference[0], dtype=mu.dtype, device=mu.device)
        kr = torch.as_tensor(reference[1], dtype=mu.dtype, device=mu.device)
        mu, kappa, mr, kr = torch.broadcast_tensors(mu, kappa, mr, kr)
        _raise_if(
            [
                (~torch.isfinite(mu).all() | ~torch.isfinite(mr).all(), DomainError, "a loc holds NaN or ±inf"),
                (~torch.isfinite(kappa).all() | ~torch.isfinite(kr).all(), DomainError, "a concentration holds NaN or ±inf"),
                ((kappa <= 0).any() | (kr <= 0).any(), DomainError, "a concentration is <= 0"),
            ]
        )
        per = _VonMisesFisherRao.apply(mu, kappa, mr, kr)
    else:
        raise DomainError(f'family must be "normal", "categorical" or "von_mises", got {family!r}')
    return _reduce(per, reduction)


def _von_mises_fr(a_mu: Tensor, a_k: Tensor, b_mu: Tensor, b_k: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    """Per element: d_FR((a_mu, a_k), (b_mu, b_k))**2 and its gradient in (a_mu, a_k), by the
    Rust numeric geodesic (float64 on CPU)."""
    flat = [t.detach().to("cpu", torch.float64).reshape(-1).tolist() for t in (a_mu, a_k, b_mu, b_k)]
    n = len(flat[0])
    val = torch.empty(n, dtype=torch.float64)
    g_mu = torch.empty(n, dtype=torch.float64)
    g_k = torch.empty(n, dtype=torch.float64)
    for i in range(n):
        v, g = _sanov.fisher_rao_regularizer(
            "von_mises",
            {"loc": flat[0][i], "concentration": flat[1][i]},
            {"loc": flat[2][i], "concentration": flat[3][i]},
        )
        val[i], g_mu[i], g_k[i] = v, float(g[0]), float(g[1])
    back = lambda t: t.reshape(a_mu.shape).to(a_mu.device, a_mu.dtype)  # noqa: E731
    return back(val), back(g_mu), back(g_k)


class _VonMisesFisherRao(torch.autograd.Function):
    """d_FR**2 of von Mises members, element-wise, with the geodesic's gradient."""

    @staticmethod
    def forward(ctx, mu, kappa, mr, kr):  # type: ignore[override]
        val, g_mu, g_k = _von_mises_fr(mu, kappa, mr, kr)
        ctx.save_for_backward(mu, kappa, mr, kr, g_mu, g_k)
        return val

    @staticmethod
    def backward(ctx, grad):  # type: ignore[override]
        mu, kappa, mr, kr, g_mu, g_k = ctx.saved_tensors
        out = [None, None, None, None]
        if ctx.needs_input_grad[0]:
            out[0] = grad * g_mu
        if ctx.needs_input_grad[1]:
            out[1] = grad * g_k
        if ctx.needs_input_grad[2] or ctx.needs_input_grad[3]:
            _, r_mu, r_k = _von_mises_fr(mr, kr, mu, kappa)
            out[2] = grad * r_mu if ctx.needs_input_grad[2] else None
            out[3] = grad * r_k if ctx.needs_input_grad[3] else None
        return tuple(out)


# ---------------------------------------------------------------------------------------------
# Variational mutual-information bounds from a critic score matrix.


def _scores(scores: Tensor, min_n: int) -> Tensor:
    s = _float_tensor(scores, "scores")
    if s.ndim < 2 or s.shape[-1] != s.shape[-2]:
        raise ShapeError(f"scores must be square (..., N, N), got shape {tuple(s.shape)}")
    if s.shape[-1] < min_n:
        raise DomainError(f"scores is {s.shape[-1]} x {s.shape[-1]}: this bound needs N >= {min_n}")
    _raise_if([(~torch.isfinite(s).all(), DomainError, "scores holds NaN or ±inf")])
    return s


def _off_diagonal_logmeanexp(s: Tensor) -> Tensor:
    n = s.shape[-1]
    eye = torch.eye(n, dtype=torch.bool, device=s.device)
    return torch.logsumexp(s.masked_fill(eye, -math.inf), dim=(-2, -1)) - math.log(n * (n - 1))


def _bound(v: Tensor, reduction: str, base: Base) -> Tensor:
    lnb = _ln_base(base)
    v = v / lnb if lnb != 1.0 else v
    return _reduce(v, reduction)


def infonce(scores: Tensor, *, reduction: str = "mean", base: Base = None) -> Tensor:
    """InfoNCE lower bound on I(X; Y) from a critic score matrix ``S[i, j] = f(x_i, y_j)``
    (positive pairs on the diagonal): ``log N - (1/N) sum_i [logsumexp_j S[i, j] - S[i, i]]``
    (van den Oord et al. 2018; Poole et al. 2019). It never exceeds ``log N``; N = 1 gives 0.

    ``scores``: (..., N, N), square (rectangular CLIP-style matrices are not accepted here);
    the bound per leading index, reduced by ``reduction`` ("none": shape ``scores.shape[:-2]``).
    Stable for scores of any magnitude. Torch ops on every device (the CPU path moves to the
    Rust kernel of issue #20 when it lands).
    """
    reduction = _reduction(reduction)
    s = _scores(scores, 1)
    n = s.shape[-1]
    diag = torch.diagonal(s, dim1=-2, dim2=-1)
    v = math.log(n) - (torch.logsumexp(s, dim=-1) - diag).mean(-1)
    return _bound(v, reduction, base)


def nwj(scores: Tensor, *, reduction: str = "mean", base: Base = None) -> Tensor:
    """NWJ (f-divergence / MINE-f) lower bound: ``(1/N) sum_i S[i, i] - e**-1 mean_{i != j}
    e**S[i, j]`` (Nguyen, Wainwright & Jordan 2010; Poole et al. 2019), N >= 2; the mean of
    exponentials is taken as ``exp(logmeanexp - 1)`` (overflows only when the bound does).
    Shapes and reductions as :func:`infonce`."""
    reduction = _reduction(reduction)
    s = _scores(scores, 2)
    diag = torch.diagonal(s, dim1=-2, dim2=-1)
    v = diag.mean(-1) - torch.exp(_off_diagonal_logmeanexp(s) - 1.0)
    return _bound(v, reduction, base)


def donsker_varadhan(scores: Tensor, *, reduction: str = "mean", base: Base = None) -> Tensor:
    """Donsker-Varadhan (MINE) lower bound: ``(1/N) sum_i S[i, i] - log mean_{i != j}
    e**S[i, j]`` (Belghazi et al. 2018; Poole et al. 2019), N >= 2. Shapes and reductions as
    :func:`infonce`."""
    reduction = _reduction(reduction)
    s = _scores(scores, 2)
    diag = torch.diagonal(s, dim1=-2, dim2=-1)
    v = diag.mean(-1) - _off_diagonal_logmeanexp(s)
    return _bound(v, reduction, base)


def js_mi_lower_bound(scores: Tensor, *, reduction: str = "mean", base: Base = None) -> Tensor:
    """The Jensen-Shannon (f-GAN) bound value: ``-mean_i softplus(-S[i, i]) - mean_{i != j}
    softplus(S[i, j])`` (Nowozin et al. 2016; Hjelm et al. 2019; Poole et al. 2019), N >= 2.
    Shapes and reductions as :func:`infonce`."""
    reduction = _reduction(reduction)
    s = _scores(scores, 2)
    n = s.shape[-1]
    eye = torch.eye(n, dtype=torch.bool, device=s.device)
    diag = torch.diagonal(s, dim1=-2, dim2=-1)
    off = F.softplus(s).masked_fill(eye, 0.0).sum((-2, -1)) / (n * (n - 1))
    v = -F.softplus(-diag).mean(-1) - off
    return _bound(v, reduction, base)
