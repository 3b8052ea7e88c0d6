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
import inspect as _inspect
import os as _os
from types import BuiltinFunctionType as _BuiltinFunction

from . import _sanov

# Every public name of the native module is re-exported here: a binding registered in
# crates/sanov-py is public as soon as it exists (its stub goes in __init__.pyi).
_NATIVE = [name for name in dir(_sanov) if not name.startswith("_")]


def _short(v: int) -> str:
    """An int as Python prints it, abridged when it has more than 30 digits."""
    t = str(v)
    return t if len(t) <= 30 else f"{t[:12]}...({len(t.lstrip('-'))}-digit int)"


def _overflow(f, args, kwargs, e: OverflowError):
    """The DomainError for a Python int beyond the float64 range given to a float argument
    (PyO3 raises OverflowError there, without the argument's name), or None."""
    try:
        bound = _inspect.signature(f).bind(*args, **kwargs)
    except (TypeError, ValueError):
        return None
    for name, v in bound.arguments.items():
        if isinstance(v, int) and not isinstance(v, bool) and abs(v) > _FLOAT_MAX:
            return _sanov.DomainError(f"{name} = {_short(v)} is invalid: beyond the float64 range")
    return None


_FLOAT_MAX = 1.7976931348623157e308


def _guarded(f):
    """``f`` with two last resorts behind the bindings' own checks, so that a bad call never
    escapes as anything but a typed error: a Rust panic (PyO3's ``PanicException``, a
    ``BaseException``) becomes a ``SanovError``, and an int beyond the float64 range given to a
    float argument a ``DomainError`` naming it. Costs nothing unless something is raised."""

    @_functools.wraps(f)
    def call(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except OverflowError as e:
            err = _overflow(f, args, kwargs, e)
            if err is None:
                raise
            raise err from None
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

# DataFrame columns, Series and Arrow arrays for the estimators, and the `sanov mi` ranking
# (pandas, polars, pyarrow stay optional: recognised by type, never imported here).
from . import _frames as _frames_mod  # noqa: E402
from ._mitable import mutual_info_table  # noqa: E402

_frames_mod.install(globals())


# Fork guard (as in tokenizers): rayon's threads do not survive fork(); a child of a process
# that used them (any large input, or ``workers=`` > 1) runs every kernel sequentially instead
# of deadlocking.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_sanov._after_fork_in_child)

__all__ = sorted((set(_NATIVE) | {"mutual_info_table"}) - {"__version__"}) + [
    "__version__"
]
