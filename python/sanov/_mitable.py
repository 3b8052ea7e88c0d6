"""``mutual_info_table``: the ``sanov mi`` command as a Python function."""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

import numpy as np

from . import _frames, _sanov  # type: ignore[attr-defined]


def _distinct_up_to(labels: np.ndarray, cap: Optional[int]) -> Optional[int]:
    if labels.size == 0:
        return 0
    d = int(np.unique(labels).size)
    return d if cap is None or d <= cap else None


def _labels_or_none(c: _frames.Column) -> Optional[np.ndarray]:
    """The CLI's ``Values::labels``: integers, string codes, or floats that are all integers of
    magnitude below 2^53."""
    if c.discrete:
        return c.data
    d = c.data
    if np.all(d == np.trunc(d)) and np.all(np.abs(d) < 2.0**53):
        return d.astype(np.int64)
    return None


def _table_columns(df: Any) -> tuple[list[_frames.Column], Optional[str]]:
    lib = _frames.library(df)
    if _frames.is_table(df):
        return _frames.columns(df), lib
    if isinstance(df, dict):
        return [_frames.column(v, str(k)) for k, v in df.items()], None
    raise TypeError(
        "df must be a pandas or polars DataFrame, a pyarrow Table, or a dict of 1-D arrays, "
        f"got {type(df).__name__}"
    )


def mutual_info_table(
    df: Any,
    target: str,
    *,
    discrete: Optional[Sequence[str]] = None,
    continuous: Optional[Sequence[str]] = None,
    k: int = 3,
    base: Any = None,
    workers: Optional[int] = None,
    random_state: int = 0,
    nan_policy: str = "raise",
) -> Any:
    """Ranks every column of ``df`` by its mutual information with the column ``target``: the
    ``sanov mi`` command as a function, with the same column typing, estimators and numbers.

    Column typing (as the CLI): a column is *discrete* when it holds strings or categories, or
    integers (or floats that are all integers) with at most ``max(20, floor(sqrt(N)))``
    distinct values; otherwise *continuous*. ``discrete`` / ``continuous`` override it.
    Discrete-discrete pairs use the plug-in estimate (and report NMI, arithmetic mean),
    continuous-continuous pairs KSG (algorithm 1, ``k`` neighbours), mixed pairs Ross's
    estimator; the k-NN estimates standardise the columns, break ties by a seeded relative
    jitter of 1e-10 (``random_state``) and clip negative estimates to 0, as scikit-learn does.

    Parameters
    ----------
    df : pandas.DataFrame, polars.DataFrame, pyarrow.Table or dict of 1-D arrays
    target : str
        The target column's name.
    discrete, continuous : list of str, optional
        Columns forced to one kind.
    k : int, default 3
        Neighbours of the k-NN estimators.
    base : None, float or str, optional
        Unit of the MI (nats by default).
    workers : int, optional
        Threads (columns run in parallel; results do not depend on it).
    random_state : int, default 0
        Seed of the jitter (the CLI uses 0).
    nan_policy : {"raise", "omit"}, default "raise"
        Missing values raise DomainError (column and row named); "omit" drops the rows with a
        missing value in any column.

    Returns
    -------
    A table with columns ``column``, ``kind``, ``distinct``, ``estimator``, ``mi``, ``nmi``
    sorted by ``mi`` (descending; ties in column order): a pandas DataFrame for pandas input,
    a polars DataFrame for polars input, otherwise a dict of NumPy arrays.

    Raises
    ------
    DomainError
        Missing values; a forced kind that the column cannot take.
    KeyError
        Unknown column names.
    """
    cols, lib = _table_columns(df)
    names = [c.name for c in cols]
    for name in [target, *(discrete or []), *(continuous or [])]:
        if name not in names:
            raise KeyError(f"no column named {name!r}; columns: {names}")
    if len(cols) < 2:
        raise _sanov.ShapeError("only the target column; nothing to rank")
    keep = _frames.check_missing(cols, nan_policy)
    if keep is not None:
        cols = [c._replace(data=c.data[keep], missing=None) for c in cols]
    n = len(cols[0].data)
    cap = max(20, math.isqrt(n))
    kinds: list[tuple[str, Optional[int], Optional[np.ndarray]]] = []
    for c in cols:
        lab = _labels_or_none(c)
        if c.text:
            kinds.append(("discrete", int(np.unique(c.data).size), lab))
            continue
        d = None if lab is None else _distinct_up_to(lab, cap)
        kinds.append(("discrete", d, lab) if d is not None else ("continuous", None, lab))
    for group, kind in ((discrete or [], "discrete"), (continuous or [], "continuous")):
        for name in group:
            j = names.index(name)
            lab = kinds[j][2]
            if kind == "discrete":
                if lab is None:
                    raise _sanov.DomainError(
                        f"column '{name}' holds non-integer numbers and cannot be discrete")
                kinds[j] = ("discrete", _distinct_up_to(lab, None), lab)
            else:
                if cols[j].text:
                    raise _sanov.DomainError(
                        f"column '{name}' holds text and cannot be continuous")
                kinds[j] = ("continuous", None, lab)

    def data(j: int) -> np.ndarray:
        if kinds[j][0] == "discrete":
            return np.ascontiguousarray(kinds[j][2], dtype=np.int64)
        return np.ascontiguousarray(cols[j].data, dtype=np.float64)

    y = names.index(target)
    others = [j for j in range(len(cols)) if j != y]
    mi = _sanov._mutual_information_per_column(
        [data(j) for j in others], data(y), k, standardize=True, clip_negative=True,
        jitter=1e-10, seed=random_state, base=base, workers=workers)
    y_kind = kinds[y][0]
    est, nmi = [], []
    for j in others:
        pair = (kinds[j][0], y_kind)
        if pair == ("discrete", "discrete"):
            est.append("plug-in")
            nmi.append(_sanov.normalized_mutual_information(data(j), data(y)))
        else:
            est.append("ksg" if pair == ("continuous", "continuous") else "ross")
            nmi.append(math.nan)
    order = sorted(range(len(others)), key=lambda i: (-mi[i], i))
    out = {
        "column": np.array([names[others[i]] for i in order], dtype=object),
        "kind": np.array([kinds[others[i]][0] for i in order], dtype=object),
        "distinct": np.array([-1 if kinds[others[i]][1] is None else kinds[others[i]][1]
                              for i in order], dtype=np.int64),
        "estimator": np.array([est[i] for i in order], dtype=object),
        "mi": np.array([mi[i] for i in order], dtype=np.float64),
        "nmi": np.array([nmi[i] for i in order], dtype=np.float64),
    }
    if lib == "pandas":
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        frame = pd.DataFrame(out)
        frame["distinct"] = pd.array(
            [None if v < 0 else int(v) for v in out["distinct"]], dtype="Int64")
        return frame
    if lib == "polars":
        import polars as pl

        return pl.DataFrame({**out, "column": list(out["column"]), "kind": list(out["kind"]),
                             "estimator": list(out["estimator"]),
                             "distinct": [None if v < 0 else int(v) for v in out["distinct"]]})
    return out
