"""sanov: information theory for machine learning (NumPy in, NumPy out).

Entropies, divergences and losses on discrete distributions, computed by the sanov Rust core
(SIMD kernels, compensated sums). Every function takes array-likes (lists, tuples, NumPy arrays
of any real dtype, any memory order) and returns a Python float, or a NumPy array for batched
(``axis=``) and elementwise forms.

Conventions
-----------
- ``base=None`` (nats), ``2``/``"bits"``, ``10``/``"hartleys"``, ``math.e``/``"nats"``, or any
  number > 0 and != 1. Unitless quantities (Tsallis, Hellinger, total variation, chi-squared)
  take no ``base``.
- ``0 log 0 = 0``; ``p_i > 0 = q_i`` makes KL, cross-entropy and chi-squared ``inf``.
- Probability vectors are validated: finite, non-negative, summing to 1 within 1e-9 (float64)
  or 1e-5 (float32). Counts are normalised only on request: ``normalize=True`` or
  :func:`normalize`.
- ``float32`` input is computed without upcasting (accumulation is in float64 either way).
- Batched forms: pass a 2-D array and ``axis`` (1: one distribution per row, 0: per column).

Errors
------
Every error on bad input is a :class:`SanovError` (a ``ValueError``): :class:`ShapeError` for
wrong lengths, shapes, dimensions and empty input; :class:`DomainError` for NaN, negative
values, wrong sums, invalid parameters and indices; :class:`ConvergenceError` and
:class:`InfeasibleError` for iterative methods. Inputs of a non-real dtype (strings, complex,
objects) raise ``TypeError``.
"""

from __future__ import annotations

import os as _os
from typing import NamedTuple as _NamedTuple

from . import _sanov
from ._sanov import (
    DEFAULT_TOLERANCE,
    ConvergenceError,
    DomainError,
    InfeasibleError,
    SanovError,
    ShapeError,
    awgn_capacity,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    binary_entropy,
    check_probability_vector,
    chi2_divergence,
    cross_entropy,
    cross_entropy_loss,
    entropy,
    joint_entropy,
    marginal_entropy,
    conditional_entropy,
    mutual_information,
    conditional_mutual_information,
    total_correlation,
    dual_total_correlation,
    co_information,
    interaction_information,
    o_information,
    chain_rule_entropy,
    chain_rule_mutual_information,
    mutual_information_from_labels,
    gaussian_mutual_information,
    gaussian_mutual_information_cov,
    hellinger_distance,
    js_distance,
    js_divergence,
    kl_divergence,
    label_smoothed_cross_entropy,
    logsumexp,
    normalize,
    perplexity,
    renyi_entropy,
    surprisal,
    total_variation_distance,
    tsallis_entropy,
    xlogx,
    xlogy,
)

__version__: str = _sanov.__version__


class DataProcessing(_NamedTuple):
    """The two sides of the data processing inequality for a Markov chain X -> Y -> Z."""

    i_xy: float
    """I(X;Y), in the unit of ``base``."""
    i_xz: float
    """I(X;Z), in the unit of ``base``."""
    holds: bool
    """Whether I(X;Z) <= I(X;Y) within 1e-12 (always, for a valid chain)."""


def data_processing_check(px, channel_xy, channel_yz, base=None) -> DataProcessing:
    return DataProcessing(*_sanov.data_processing_check(px, channel_xy, channel_yz, base))


data_processing_check.__doc__ = _sanov.data_processing_check.__doc__

# Fork guard (as in tokenizers): rayon's threads do not survive fork(); a child of a process
# that used them (``workers=``) runs every kernel sequentially instead of deadlocking.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_sanov._after_fork_in_child)

__all__ = [
    "DEFAULT_TOLERANCE",
    "ConvergenceError",
    "DomainError",
    "InfeasibleError",
    "SanovError",
    "ShapeError",
    "__version__",
    "awgn_capacity",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binary_entropy",
    "check_probability_vector",
    "chi2_divergence",
    "cross_entropy",
    "cross_entropy_loss",
    "DataProcessing",
    "data_processing_check",
    "entropy",
    "joint_entropy",
    "marginal_entropy",
    "conditional_entropy",
    "mutual_information",
    "conditional_mutual_information",
    "total_correlation",
    "dual_total_correlation",
    "co_information",
    "interaction_information",
    "o_information",
    "chain_rule_entropy",
    "chain_rule_mutual_information",
    "mutual_information_from_labels",
    "gaussian_mutual_information",
    "gaussian_mutual_information_cov",
    "hellinger_distance",
    "js_distance",
    "js_divergence",
    "kl_divergence",
    "label_smoothed_cross_entropy",
    "logsumexp",
    "normalize",
    "perplexity",
    "renyi_entropy",
    "surprisal",
    "total_variation_distance",
    "tsallis_entropy",
    "xlogx",
    "xlogy",
]
