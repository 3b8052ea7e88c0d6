"""Information measures over Dask collections: each partition is reduced by sanov's Rust core
to a mergeable summary, the summaries are merged in a tree, and the measure is computed once.

- Discrete measures (entropy estimators, plug-in MI, conditional entropy, CMI, NMI, AMI and the
  discrete :func:`mutual_info_table`) use :class:`sanov.CountTable`, an exact joint count table:
  results equal the single-machine results bit for bit (same integer counts, same sums).
- Gaussian mutual information and total correlation of continuous columns use
  :class:`sanov.CoMoments` (count, means, co-moments; Chan et al.'s pairwise merge): equal to
  the single-machine covariance-based values to rounding (about 1e-15 relative).
- k-NN estimators (KSG, Ross, Kozachenko-Leonenko) are not mergeable: they raise
  :class:`NotMergeableError` unless ``sample=`` (a fraction) asks for them on a seeded
  ``df.sample(frac=sample, random_state=random_state)`` collected to this process.

Summaries travel between processes as their versioned byte layouts (``to_bytes``; pickle uses
it), documented in docs/definitions.md, so the same merge can run under another engine.

Inputs: a ``dask.dataframe.DataFrame`` (columns by name; string/object columns are
categorised first, ``ddf.categorize``, one extra pass, so that every partition uses the same
codes), a dask Series, or a ``dask.array`` of integer labels (1-D, or 2-D with columns by index;
blocks are re-chunked to hold whole rows). Missing values raise :class:`sanov.DomainError`
(column, partition and index label named) unless ``nan_policy="omit"``.
"""

from __future__ import annotations

import functools
import math
from typing import Any, Callable, Optional, Sequence, Union

import dask
import dask.array as da
import dask.dataframe as dd
import numpy as np

from . import _frames, _sanov  # type: ignore[attr-defined]

CountTable: Any = _sanov.CountTable
CoMoments: Any = _sanov.CoMoments

__all__ = [
    "NotMergeableError", "count_table", "comoments", "entropy", "plugin_entropy",
    "miller_madow_entropy", "grassberger_entropy", "chao_shen_entropy", "nsb_entropy",
    "mutual_information", "conditional_entropy", "conditional_mutual_information",
    "normalized_mutual_information", "adjusted_mutual_information", "mutual_info_table",
    "gaussian_mutual_information", "gaussian_total_correlation", "ksg_mutual_information",
    "ksg_mutual_information_discrete", "ksg_conditional_mutual_information",
    "kozachenko_leonenko_entropy",
]

Cols = Union[str, int, Sequence[Union[str, int]]]


class NotMergeableError(_sanov.SanovError):
    """A k-NN estimator was asked of a Dask collection: it has no mergeable summary."""


def _names(c: Cols) -> list[Any]:
    return [c] if isinstance(c, (str, int)) else list(c)


def _frame(data: Any) -> Any:
    """The collection, as a dask DataFrame or a 2-D dask array whose blocks hold whole rows."""
    if isinstance(data, dd.Series):
        return data.to_frame()
    if isinstance(data, dd.DataFrame):
        return data
    if isinstance(data, da.Array):
        if data.ndim == 1:
            data = data[:, None]
        if data.ndim != 2:
            raise _sanov.ShapeError(f"a dask array of labels must be 1-D or 2-D, got {data.ndim}-D")
        return data.rechunk({1: -1})
    raise TypeError(f"expected a dask DataFrame, Series or Array, got {type(data).__name__}")


def _prepare(data: Any, cols: list[Any]) -> Any:
    """Selects ``cols``; string columns become known categoricals (global codes)."""
    if isinstance(data, da.Array):
        return data
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise KeyError(f"no column named {missing[0]!r}; columns: {list(data.columns)}")
    sub = data[cols]
    text = [c for c in cols if sub[c].dtype == object or str(sub[c].dtype) in ("string", "str")]
    unknown = [c for c in cols if str(sub[c].dtype) == "category" and not sub[c].cat.known]
    if text or unknown:
        sub = sub.categorize(columns=text + unknown)
    return sub


def _part_columns(part: Any, cols: list[Any], where: str) -> list[_frames.Column]:
    if isinstance(part, np.ndarray):
        return [_frames.column(part[:, j], f"{where}[:, {j}]") for j in cols]
    return [_frames._pandas_column(part[c], str(c)) for c in cols]


def _keep(part: Any, cs: list[_frames.Column], nan_policy: str, index: int) -> Optional[np.ndarray]:
    try:
        return _frames.check_missing(cs, nan_policy)
    except _sanov.DomainError:
        c = next(c for c in cs if c.missing is not None)
        row = int(np.argmax(np.asarray(c.missing)))
        label = part.index[row] if hasattr(part, "index") else row
        raise _sanov.DomainError(
            f"column '{c.name}' has a missing value (NaN, None, NA or null) in partition "
            f"{index}, row {row} (index {label!r}); pass nan_policy='omit' to drop rows with "
            "missing values") from None


def _count_part(part: Any, cols: list[Any], groups: list[list[int]], nan_policy: str,
                index: int) -> list[Any]:
    cs = _part_columns(part, cols, "x")
    keep = _keep(part, cs, nan_policy, index)
    labels = [_frames.as_labels(c, keep) for c in cs]
    return [CountTable([labels[j] for j in g]) for g in groups]


def _moment_part(part: Any, cols: list[Any], nan_policy: str, index: int) -> Any:
    cs = _part_columns(part, cols, "x")
    keep = _keep(part, cs, nan_policy, index)
    x = np.column_stack([_frames.as_floats(c, keep) for c in cs]) if cs else np.empty((0, 0))
    return CoMoments(x.reshape(-1, len(cols)))


def _merge_lists(xs: list[list[Any]]) -> list[Any]:
    return [functools.reduce(lambda a, b: a.merge(b), col) for col in zip(*xs)]


def _tree(parts: list[Any], split_every: int) -> Any:
    if split_every < 2:
        raise _sanov.DomainError(f"split_every must be >= 2, got {split_every}")
    level = parts
    while len(level) > 1:
        level = [dask.delayed(_merge_lists)(level[i:i + split_every])
                 for i in range(0, len(level), split_every)]
    return level[0]


def _summaries(data: Any, cols: list[Any], fn: Callable[..., Any], *args: Any,
               split_every: int = 8) -> Any:
    frame = _prepare(_frame(data), cols)
    blocks = frame.to_delayed()
    if isinstance(frame, da.Array):
        blocks = list(blocks.ravel())
    parts = [dask.delayed(_call)(fn, b, cols, args, i) for i, b in enumerate(blocks)]
    return _tree(parts, split_every)


def _call(fn: Callable[..., Any], part: Any, cols: list[Any], args: tuple[Any, ...],
          index: int) -> list[Any]:
    out = fn(part, cols, *args, index)
    return out if isinstance(out, list) else [out]


def count_table(data: Any, columns: Optional[Cols] = None, *, groups: Optional[list[list[int]]] = None,
                nan_policy: str = "raise", split_every: int = 8, compute: bool = True) -> Any:
    """The merged :class:`sanov.CountTable` of ``columns`` (all columns by default) over every
    partition; with ``groups`` (lists of indices into ``columns``), one table per group.
    ``compute=False`` returns the dask Delayed."""
    cols = _columns_of(data, columns)
    g = groups if groups is not None else [list(range(len(cols)))]
    out = _summaries(data, cols, _count_part, g, nan_policy, split_every=split_every)
    out = dask.delayed(lambda ts: ts if groups is not None else ts[0])(out)
    return out.compute() if compute else out


def comoments(data: Any, columns: Optional[Cols] = None, *, nan_policy: str = "raise",
              split_every: int = 8, compute: bool = True) -> Any:
    """The merged :class:`sanov.CoMoments` of the continuous ``columns`` over every
    partition."""
    cols = _columns_of(data, columns)
    out = _summaries(data, cols, _moment_part, nan_policy, split_every=split_every)
    out = dask.delayed(lambda ts: ts[0])(out)
    return out.compute() if compute else out


def _columns_of(data: Any, columns: Optional[Cols]) -> list[Any]:
    if columns is not None:
        return _names(columns)
    f = _frame(data)
    return list(f.columns) if isinstance(f, dd.DataFrame) else list(range(f.shape[1]))


def _table_of(data: Any, groups: list[Cols], nan_policy: str, split_every: int
              ) -> tuple[Any, list[list[int]]]:
    """One count table over the union of the column groups; the groups as indices into it."""
    cols: list[Any] = []
    idx = []
    for g in groups:
        ix = []
        for c in _names(g):
            if c not in cols:
                cols.append(c)
            ix.append(cols.index(c))
        idx.append(ix)
    t = count_table(data, cols, nan_policy=nan_policy, split_every=split_every)
    return t, idx


def entropy(data: Any, column: Optional[Cols] = None, *, estimator: str = "plugin", base: Any = None,
            alphabet_size: Optional[int] = None, nan_policy: str = "raise",
            split_every: int = 8) -> float:
    """Entropy estimate of a discrete column (or the joint entropy of several): ``estimator``
    "plugin", "miller_madow", "grassberger", "chao_shen" or "nsb" (``alphabet_size``; the
    posterior mean). ``column`` may be omitted for a Series or a 1-D array."""
    cols = _columns_of(data, column)
    t = count_table(data, cols, nan_policy=nan_policy, split_every=split_every)
    return t.entropy(list(range(len(cols))), estimator, base, alphabet_size)


def _entropy_as(name: str) -> Callable[..., float]:
    def f(data: Any, column: Optional[Cols] = None, base: Any = None, **kw: Any) -> float:
        return entropy(data, column, estimator=name, base=base, **kw)

    f.__name__ = f"{name}_entropy" if name != "plugin" else "plugin_entropy"
    f.__doc__ = f"``entropy(data, column, estimator={name!r})``."
    return f


plugin_entropy = _entropy_as("plugin")
miller_madow_entropy = _entropy_as("miller_madow")
grassberger_entropy = _entropy_as("grassberger")
chao_shen_entropy = _entropy_as("chao_shen")


def nsb_entropy(data: Any, column: Optional[Cols] = None, alphabet_size: int = 0, base: Any = None,
                **kw: Any) -> float:
    """NSB posterior-mean entropy (``alphabet_size`` symbols)."""
    return entropy(data, column, estimator="nsb", alphabet_size=alphabet_size, base=base, **kw)


def mutual_information(data: Any, x: Cols, y: Cols, *, base: Any = None, nan_policy: str = "raise",
                       split_every: int = 8) -> float:
    """Plug-in ``I(X; Y)`` of discrete column groups ``x``, ``y`` (bit-for-bit
    :func:`sanov.mutual_information_from_labels` for single integer columns)."""
    t, (ix, iy) = _table_of(data, [x, y], nan_policy, split_every)
    return t.mutual_information(ix, iy, base)


def conditional_entropy(data: Any, x: Cols, y: Cols, *, base: Any = None, nan_policy: str = "raise",
                        split_every: int = 8) -> float:
    """Plug-in ``H(X | Y)`` (:func:`sanov.conditional_entropy_from_labels`)."""
    t, (ix, iy) = _table_of(data, [x, y], nan_policy, split_every)
    return t.conditional_entropy(ix, iy, base)


def conditional_mutual_information(data: Any, x: Cols, y: Cols, z: Cols, *, base: Any = None,
                                   nan_policy: str = "raise", split_every: int = 8) -> float:
    """Plug-in ``I(X; Y | Z)`` of discrete column groups."""
    t, (ix, iy, iz) = _table_of(data, [x, y, z], nan_policy, split_every)
    return t.conditional_mutual_information(ix, iy, iz, base)


def normalized_mutual_information(data: Any, x: Union[str, int], y: Union[str, int], *,
                                  average_method: str = "arithmetic", nan_policy: str = "raise",
                                  split_every: int = 8) -> float:
    """NMI of two discrete columns (:func:`sanov.normalized_mutual_information`)."""
    t, (ix, iy) = _table_of(data, [x, y], nan_policy, split_every)
    return t.normalized_mutual_information(ix[0], iy[0], average_method)


def adjusted_mutual_information(data: Any, x: Union[str, int], y: Union[str, int], *,
                                average_method: str = "arithmetic", nan_policy: str = "raise",
                                split_every: int = 8) -> float:
    """AMI of two discrete columns (:func:`sanov.adjusted_mutual_information`)."""
    t, (ix, iy) = _table_of(data, [x, y], nan_policy, split_every)
    return t.adjusted_mutual_information(ix[0], iy[0], average_method)


def gaussian_mutual_information(data: Any, x: Cols, y: Cols, *, base: Any = None,
                                nan_policy: str = "raise", split_every: int = 8) -> float:
    """Gaussian ``I(X; Y) = ½ log(det Σ_XX det Σ_YY / det Σ)`` of continuous column groups,
    from the merged co-moments."""
    xs, ys = _names(x), _names(y)
    m = comoments(data, xs + ys, nan_policy=nan_policy, split_every=split_every)
    return m.gaussian_mutual_information(list(range(len(xs))),
                                         list(range(len(xs), len(xs) + len(ys))), base)


def gaussian_total_correlation(data: Any, columns: Optional[Cols] = None, *, base: Any = None,
                               nan_policy: str = "raise", split_every: int = 8) -> float:
    """Gaussian total correlation ``½ (Σ log Σ_ii − log det Σ)`` of continuous columns."""
    m = comoments(data, columns, nan_policy=nan_policy, split_every=split_every)
    return m.gaussian_total_correlation(None, base)


def _refuse(name: str) -> NotMergeableError:
    return NotMergeableError(
        f"{name} is a k-nearest-neighbour estimator: it needs every sample at once and has no "
        "mergeable per-partition summary, so sanov.dask does not run it on the whole "
        f"collection. Estimate it on a seeded sample instead: {name}(..., sample=0.01, "
        "random_state=0) (that is, df.sample(frac=0.01, random_state=0) collected here), or "
        "use a discrete/Gaussian measure")


def _sampled(name: str, native: Callable[..., Any], n_args: int) -> Callable[..., Any]:
    def f(data: Any, *cols: Any, sample: Optional[float] = None, random_state: int = 0,
          **kw: Any) -> float:
        if sample is None:
            raise _refuse(name)
        if not 0 < sample <= 1:
            raise _sanov.DomainError(f"sample must be a fraction in (0, 1], got {sample}")
        groups = [_names(c) for c in cols[:n_args]]
        allc = [c for g in groups for c in g]
        frame = _frame(data)
        if isinstance(frame, da.Array):
            local = frame.compute()
            rng = np.random.default_rng(random_state)
            local = local[rng.random(local.shape[0]) < sample]
            args = [local[:, g] for g in groups]
        else:
            local = frame[list(dict.fromkeys(allc))].sample(frac=sample,
                                                           random_state=random_state).compute()
            args = [local[g] if len(g) > 1 else local[g[0]] for g in groups]
        return native(*args, *cols[n_args:], **kw)

    f.__name__ = name
    f.__doc__ = (f"{name} on a seeded sample: ``sample=`` (a fraction) is required; "
                 "without it the call raises NotMergeableError.")
    return f


def _native(name: str) -> Callable[..., Any]:
    import sanov

    return getattr(sanov, name)


ksg_mutual_information = _sampled(
    "ksg_mutual_information", lambda *a, **k: _native("ksg_mutual_information")(*a, **k), 2)
ksg_mutual_information_discrete = _sampled(
    "ksg_mutual_information_discrete",
    lambda *a, **k: _native("ksg_mutual_information_discrete")(*a, **k), 2)
ksg_conditional_mutual_information = _sampled(
    "ksg_conditional_mutual_information",
    lambda *a, **k: _native("ksg_conditional_mutual_information")(*a, **k), 3)
kozachenko_leonenko_entropy = _sampled(
    "kozachenko_leonenko_entropy",
    lambda *a, **k: _native("kozachenko_leonenko_entropy")(*a, **k), 1)


def _not_mergeable_columns(cols: list[Any], why: str) -> NotMergeableError:
    return NotMergeableError(
        f"column(s) {cols} are continuous by the column typing rule ({why}): their mutual "
        "information needs a k-NN estimator, which has no mergeable summary. Pass "
        "discrete=[...] to count integer columns as labels, or sample=0.01 (with random_state) "
        "to rank every column on a seeded df.sample(frac=0.01) collected here")


def mutual_info_table(data: Any, target: Union[str, int], *, discrete: Optional[Sequence[Any]] = None,
                      base: Any = None, sample: Optional[float] = None, k: int = 3,
                      random_state: int = 0, nan_policy: str = "raise",
                      split_every: int = 8) -> Any:
    """:func:`sanov.mutual_info_table` for discrete columns, over every partition.

    The column typing rule is the CLI's, applied to the merged counts: a column of integer
    labels (or strings/categories) with at most ``max(20, floor(sqrt(N)))`` distinct values is
    discrete. Every (column, target) pair gets one count table, merged over partitions, and the
    plug-in MI and NMI come from it. A continuous column (or target) needs a k-NN estimator:
    it raises :class:`NotMergeableError` unless ``discrete=`` forces it discrete, or ``sample=``
    (a fraction) asks for :func:`sanov.mutual_info_table` on a seeded sample of the whole table.
    Returns a pandas DataFrame sorted by MI.
    """
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    frame = _frame(data)
    cols = list(frame.columns) if isinstance(frame, dd.DataFrame) else list(range(frame.shape[1]))
    if target not in cols:
        raise KeyError(f"no column named {target!r}; columns: {cols}")
    forced = set(discrete or [])
    numeric_float = [c for c in cols if isinstance(frame, dd.DataFrame)
                     and frame[c].dtype.kind == "f" and c not in forced]
    others = [c for c in cols if c != target]
    if sample is not None:
        local = frame.sample(frac=sample, random_state=random_state).compute()
        from ._mitable import mutual_info_table as local_table

        return local_table(local, target, discrete=discrete, k=k, base=base,  # type: ignore[arg-type]
                           random_state=random_state, nan_policy=nan_policy)
    if numeric_float:
        raise _not_mergeable_columns(numeric_float, "non-integer numbers")
    groups = [[cols.index(c), cols.index(target)] for c in others]
    tables = count_table(frame, cols, groups=groups, nan_policy=nan_policy,
                         split_every=split_every)
    n = tables[0].total if tables else 0
    cap = max(20, math.isqrt(n))
    is_text = {}
    if isinstance(frame, dd.DataFrame):
        is_text = {c: frame[c].dtype == object or str(frame[c].dtype) in ("string", "str",
                                                                         "category")
                   for c in cols}
    distinct = {c: t.label_counts(0)[0].size for c, t in zip(others, tables)}
    distinct[target] = tables[0].label_counts(1)[0].size if tables else 0
    continuous = [c for c in [*others, target]
                  if c not in forced and not is_text.get(c, False) and distinct[c] > cap]
    if continuous:
        raise _not_mergeable_columns(continuous, f"more than {cap} distinct values")
    mi = [t.mutual_information(0, 1, base) for t in tables]
    nmi = [t.normalized_mutual_information(0, 1) for t in tables]
    order = sorted(range(len(others)), key=lambda i: (-mi[i], i))
    return pd.DataFrame({
        "column": [others[i] for i in order],
        "kind": ["discrete"] * len(order),
        "distinct": [distinct[others[i]] for i in order],
        "estimator": ["plug-in"] * len(order),
        "mi": [mi[i] for i in order],
        "nmi": [nmi[i] for i in order],
    })
