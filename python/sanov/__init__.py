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

# Every public name of the native module is re-exported here: a binding registered in
# crates/sanov-py is public as soon as it exists (its stub goes in __init__.pyi).
_NATIVE = [name for name in dir(_sanov) if not name.startswith("_")]
globals().update({name: getattr(_sanov, name) for name in _NATIVE})

__version__: str = _sanov.__version__

# DataFrame columns, Series and Arrow arrays for the estimators, and the `sanov mi` ranking
# (pandas, polars, pyarrow stay optional: recognised by type, never imported here).
from . import _frames as _frames_mod  # noqa: E402
from ._mitable import mutual_info_table  # noqa: E402

_frames_mod.install(globals())


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
# that used them (any large input, or ``workers=`` > 1) runs every kernel sequentially instead
# of deadlocking.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_sanov._after_fork_in_child)

__all__ = sorted(
    {*_NATIVE, "DataProcessing", "data_processing_check", "mutual_info_table"} - {"__version__"}
) + [
    "__version__"
]
