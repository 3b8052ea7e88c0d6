"""DataFrame, Series and Arrow inputs for sanov's estimators (pandas, polars and pyarrow are
optional: this module never imports them, it recognises their objects by type).

A column becomes either int64 labels (integer, boolean, categorical/dictionary and string
columns; strings are factorised in Rust by ``_sanov._factorize_objects``) or float64 values.
Missing values (NaN, None, ``pandas.NA``, Arrow/polars nulls) raise :class:`sanov.DomainError`
naming the column and its first missing row, unless ``nan_policy="omit"``, which drops every
row with a missing value in any column used.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable, NamedTuple, Optional

import numpy as np

from . import _sanov  # type: ignore[attr-defined]

_LIBS = ("pandas", "polars", "pyarrow")


def library(obj: Any) -> Optional[str]:
    """'pandas', 'polars' or 'pyarrow' for objects of those libraries, else None."""
    root = type(obj).__module__.split(".", 1)[0]
    return root if root in _LIBS else None


class Column(NamedTuple):
    """One column, converted."""

    name: str
    data: np.ndarray
    """int64 labels (``discrete``) or float64 values."""
    discrete: bool
    """Whether ``data`` are labels."""
    text: bool
    """Whether the column held strings or categories (always discrete)."""
    missing: Optional[np.ndarray]
    """Boolean mask of missing rows, or None when there are none."""


def _mask(m: Any) -> Optional[np.ndarray]:
    m = np.asarray(m, dtype=bool)
    return m if m.any() else None


def _objects(values: np.ndarray, name: str) -> Column:
    codes, _, first = _sanov._factorize_objects(np.ascontiguousarray(values, dtype=object), name)
    return Column(name, codes, True, True, None if first is None else codes < 0)


def _floats(values: np.ndarray, name: str, missing: Optional[np.ndarray] = None) -> Column:
    v = np.ascontiguousarray(values, dtype=np.float64)
    nan = np.isnan(v)
    m = nan if missing is None else (nan | missing)
    return Column(name, v, False, False, _mask(m))


def _ints(values: np.ndarray, name: str, missing: Optional[np.ndarray] = None) -> Column:
    return Column(name, np.ascontiguousarray(values, dtype=np.int64), True, False,
                  None if missing is None else _mask(missing))


def _numpy_column(a: np.ndarray, name: str) -> Column:
    if a.ndim != 1:
        raise TypeError(f"{name} must be 1-D, got shape {a.shape}")
    k = a.dtype.kind
    if k in "iub":
        return _ints(a, name)
    if k == "f":
        return _floats(a, name)
    if k in "OUS":
        return _objects(a.astype(object), name)
    raise TypeError(f"{name}: unsupported dtype {a.dtype}")


def _pandas_column(s: Any, name: str) -> Column:
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]  # s is a pandas object

    dt = s.dtype
    if isinstance(dt, pd.CategoricalDtype):
        codes = np.asarray(s.cat.codes, dtype=np.int64)
        return Column(name, np.ascontiguousarray(codes), True, True, _mask(codes < 0))
    na = np.asarray(s.isna(), dtype=bool)
    kind = getattr(dt, "kind", "O")
    if kind in "iub":
        if na.any():
            return _ints(s.to_numpy(dtype=np.int64, na_value=0), name, na)
        return _ints(s.to_numpy(dtype=np.int64), name)
    if kind == "f":
        return _floats(s.to_numpy(dtype=np.float64, na_value=np.nan), name, na)
    if kind in "OUS" or pd.api.types.is_string_dtype(dt):
        return _objects(s.to_numpy(dtype=object), name)
    raise TypeError(f"column '{name}': unsupported dtype {dt}")


def _polars_column(s: Any, name: str) -> Column:
    import polars as pl

    dt = s.dtype
    null = np.asarray(s.is_null().to_numpy(), dtype=bool)
    if isinstance(dt, (pl.Categorical, pl.Enum)):
        codes = s.to_physical().fill_null(0).to_numpy().astype(np.int64)
        return Column(name, codes, True, True, _mask(null))
    if dt.is_integer() or dt == pl.Boolean:
        return _ints(s.fill_null(0).to_numpy().astype(np.int64), name, null)
    if dt.is_float():
        return _floats(s.fill_null(float("nan")).to_numpy(), name, null)
    if dt in (pl.String, pl.Utf8, pl.Binary):
        return _objects(s.to_numpy(), name)
    raise TypeError(f"column '{name}': unsupported dtype {dt}")


def _arrow_column(a: Any, name: str) -> Column:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    if isinstance(a, pa.ChunkedArray):
        a = a.combine_chunks() if a.num_chunks != 1 else a.chunk(0)
    t = a.type
    null = np.asarray(a.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    if pa.types.is_dictionary(t):
        idx = a.indices.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
        return Column(name, idx, True, True, _mask(null))
    if pa.types.is_integer(t) or pa.types.is_boolean(t):
        return _ints(a.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64), name, null)
    if pa.types.is_floating(t):
        v = pc.fill_null(a, float("nan")).to_numpy(zero_copy_only=False)
        return _floats(v, name, null)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t) \
            or pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return _objects(a.to_numpy(zero_copy_only=False), name)
    raise TypeError(f"column '{name}': unsupported Arrow type {t}")


def column(obj: Any, name: str) -> Column:
    """Converts one column-like (Series, Arrow array, NumPy array, sequence)."""
    lib = library(obj)
    if lib is not None:
        n = getattr(obj, "name", None)
        label = str(n) if n is not None and n != "" else name
        if lib == "pandas":
            return _pandas_column(obj, label)
        if lib == "polars":
            return _polars_column(obj, label)
        return _arrow_column(obj, label)
    return _numpy_column(np.asarray(obj), name)


def is_table(obj: Any) -> bool:
    """A pandas/polars DataFrame or an Arrow table."""
    return type(obj).__name__ in ("DataFrame", "Table", "RecordBatch") and library(obj) is not None


def columns(obj: Any) -> list[Column]:
    """The columns of a DataFrame / Arrow table, in order."""
    lib = library(obj)
    if lib == "pandas":
        return [_pandas_column(obj.iloc[:, j], str(c)) for j, c in enumerate(obj.columns)]
    if lib == "polars":
        return [_polars_column(obj.get_column(c), c) for c in obj.columns]
    return [_arrow_column(obj.column(j), str(c)) for j, c in enumerate(obj.column_names)]


def is_frame_like(obj: Any) -> bool:
    """Whether an argument needs this module's conversion."""
    if library(obj) is not None:
        return True
    return isinstance(obj, np.ndarray) and obj.dtype.kind in "OUS"


def check_missing(cols: list[Column], nan_policy: str) -> Optional[np.ndarray]:
    """Raises DomainError for a missing value (nan_policy='raise'), or returns the mask of rows
    to keep ('omit'); None when every row is kept."""
    if nan_policy not in ("raise", "omit"):
        raise _sanov.DomainError(f"nan_policy must be 'raise' or 'omit', got {nan_policy!r}")
    bad = [c for c in cols if c.missing is not None]
    if not bad:
        return None
    if nan_policy == "raise":
        c = bad[0]
        row = int(np.argmax(np.asarray(c.missing)))
        raise _sanov.DomainError(
            f"column '{c.name}' has a missing value (NaN, None, NA or null) at row {row}; "
            "pass nan_policy='omit' to drop rows with missing values"
        )
    lengths = {len(c.data) for c in cols}
    if len(lengths) != 1:
        raise _sanov.ShapeError(
            "nan_policy='omit' needs columns of equal length, got lengths "
            + ", ".join(str(len(c.data)) for c in cols)
        )
    keep = np.ones(lengths.pop(), dtype=bool)
    for c in bad:
        keep &= ~np.asarray(c.missing)
    return keep


def as_labels(c: Column, keep: Optional[np.ndarray]) -> np.ndarray:
    """The column as int64 labels (rows in ``keep``)."""
    d = c.data if keep is None else c.data[keep]
    if c.discrete:
        return np.ascontiguousarray(d)
    if np.all(np.isfinite(d)) and np.all(d == np.trunc(d)) and np.all(np.abs(d) < 2.0**53):
        return d.astype(np.int64)
    raise TypeError(
        f"column '{c.name}' holds non-integer numbers; discrete estimators need integer, "
        "boolean, categorical or string labels"
    )


def as_floats(c: Column, keep: Optional[np.ndarray]) -> np.ndarray:
    """The column as float64 values (rows in ``keep``)."""
    if c.text:
        raise TypeError(f"column '{c.name}' holds text; k-NN estimators need numbers")
    d = c.data if keep is None else c.data[keep]
    return np.ascontiguousarray(d, dtype=np.float64)


def _argument(obj: Any, name: str, kind: str) -> list[Column]:
    """The columns of one argument: a table (several columns) or one column."""
    if is_table(obj):
        return columns(obj)
    if kind == "floats" and library(obj) is None:
        a = np.asarray(obj)
        if a.ndim == 2:
            return [_floats(a[:, j], f"{name}[:, {j}]") for j in range(a.shape[1])]
    return [column(obj, name)]


def _convert(obj: Any, name: str, kind: str, keep: Optional[np.ndarray], cols: list[Column]) -> np.ndarray:
    if kind == "labels":
        if len(cols) != 1:
            raise _sanov.ShapeError(f"{name} must be one column, got a table of {len(cols)}")
        return as_labels(cols[0], keep)
    data = [as_floats(c, keep) for c in cols]
    if len(data) == 1 and (library(obj) is not None or np.asarray(obj).ndim == 1):
        return data[0]
    return np.ascontiguousarray(np.column_stack(data))


def wrap(native: Callable[..., Any], kinds: tuple[str, ...], variadic: bool = False) -> Callable[..., Any]:
    """A wrapper of ``native`` whose leading array arguments (``kinds``: 'labels' or 'floats')
    also accept DataFrame columns, Series and Arrow arrays, and which takes ``nan_policy``."""
    @functools.wraps(native)
    def wrapper(*args: Any, nan_policy: str = "raise", **kwargs: Any) -> Any:
        if variadic:
            if len(args) == 1 and is_table(args[0]):
                tables = columns(args[0])
                keep = check_missing(tables, nan_policy)
                return native(*[as_labels(c, keep) for c in tables], **kwargs)
            arrays = list(args)
            spec = [("columns[%d]" % i, "labels") for i in range(len(arrays))]
        else:
            arrays = list(args[: len(kinds)])
            spec = [(n, k) for n, k in zip(_arg_names(native, len(kinds)), kinds)][: len(arrays)]
        if nan_policy == "raise" and not any(is_frame_like(a) for a in arrays):
            return native(*args, **kwargs)
        converted = [_argument(a, n, k) for a, (n, k) in zip(arrays, spec)]
        keep = check_missing([c for cs in converted for c in cs], nan_policy)
        out = [_convert(a, n, k, keep, cs) for a, (n, k), cs in zip(arrays, spec, converted)]
        rest = args[len(arrays):] if not variadic else ()
        return native(*out, *rest, **kwargs)

    try:
        sig = inspect.signature(native)
        params = list(sig.parameters.values())
        params.append(inspect.Parameter("nan_policy", inspect.Parameter.KEYWORD_ONLY,
                                        default="raise"))
        wrapper.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
    except (TypeError, ValueError):  # pragma: no cover - no text signature
        pass
    return wrapper


def _arg_names_of(sig: str, n: int) -> tuple[str, ...]:
    inner = sig.strip("()").split(",")
    names = [p.strip().split("=")[0].strip("*/ ") for p in inner]
    names = [p for p in names if p and p != "$module"]
    return tuple(names[:n]) + tuple(f"arg{i}" for i in range(len(names), n))


def _arg_names(native: Callable[..., Any], n: int) -> tuple[str, ...]:
    return _arg_names_of(getattr(native, "__text_signature__", None) or "()", n)


#: Estimators whose leading arguments become labels or floats.
WRAPPED: dict[str, tuple[str, ...]] = {
    "plugin_entropy": ("labels",),
    "miller_madow_entropy": ("labels",),
    "grassberger_entropy": ("labels",),
    "chao_shen_entropy": ("labels",),
    "nsb_entropy": ("labels",),
    "mutual_information_from_labels": ("labels", "labels"),
    "conditional_entropy_from_labels": ("labels", "labels"),
    "normalized_mutual_information": ("labels", "labels"),
    "adjusted_mutual_information": ("labels", "labels"),
    "ksg_mutual_information": ("floats", "floats"),
    "ksg_conditional_mutual_information": ("floats", "floats", "floats"),
    "ksg_mutual_information_discrete": ("floats", "labels"),
    "kozachenko_leonenko_entropy": ("floats",),
}


def install(namespace: dict[str, Any]) -> None:
    """Replaces the native estimators in ``namespace`` by their DataFrame-aware wrappers."""
    for name, kinds in WRAPPED.items():
        namespace[name] = wrap(getattr(_sanov, name), kinds)
    namespace["joint_from_samples"] = wrap(_sanov.joint_from_samples, (), variadic=True)
