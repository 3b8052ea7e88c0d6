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

import functools as _functools
import os as _os
from types import BuiltinFunctionType as _BuiltinFunction

from . import _sanov

# Every public name of the native module is re-exported here: a binding registered in
# crates/sanov-py is public as soon as it exists (its stub goes in __init__.pyi).
_NATIVE = [name for name in dir(_sanov) if not name.startswith("_")]


def _guarded(f):
    """``f`` with a Rust panic (PyO3's ``PanicException``, a ``BaseException``) turned into a
    ``SanovError``: the last resort behind the bindings' own checks, so that a bug in sanov
    never escapes ``except Exception``. Costs nothing unless something is raised."""

    @_functools.wraps(f)
    def call(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except BaseException as e:
            if type(e).__name__ != "PanicException":
                raise
            raise _sanov.SanovError(
                f"{f.__name__}: internal error (a bug in sanov; please report it with the call "
                f"that caused it): {e}"
            ) from None

    return call


globals().update(
    {
        name: _guarded(obj) if isinstance(obj, _BuiltinFunction) else obj
        for name, obj in ((name, getattr(_sanov, name)) for name in _NATIVE)
    }
)

__version__: str = _sanov.__version__


# Fork guard (as in tokenizers): rayon's threads do not survive fork(); a child of a process
# that used them (any large input, or ``workers=`` > 1) runs every kernel sequentially instead
# of deadlocking.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_sanov._after_fork_in_child)

__all__ = sorted(set(_NATIVE) - {"__version__"}) + [
    "__version__"
]
