"""DataFrame columns, Series and Arrow arrays in the estimators; missing values; and
``sanov.mutual_info_table`` against the ``sanov mi`` command on the same CSV."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest
from scipy.stats import entropy as scipy_entropy
from sklearn.metrics import mutual_info_score, normalized_mutual_info_score

import sanov

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_import_sanov_imports_no_optional_library() -> None:
    code = (
        "import sys, sanov, sanov._frames, sanov._mitable\n"
        "bad = [m for m in ('pandas', 'polars', 'pyarrow', 'sklearn', 'dask', 'distributed')"
        " if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _words(rng: np.random.Generator, n: int) -> np.ndarray:
    vocab = np.array(["apple", "pear", "fig", "plum", "kiwi", "é-accent", "a b"], dtype=object)
    return vocab[rng.integers(0, vocab.size, n)]


def _ref_entropy(values: list) -> float:
    _, counts = np.unique(np.asarray(values, dtype=str), return_counts=True)
    return float(scipy_entropy(counts))


def test_string_and_categorical_columns_are_factorised(rng: np.random.Generator) -> None:
    w = _words(rng, 2000)
    want = _ref_entropy(list(w))
    inputs = {
        "numpy object": w,
        "numpy str": w.astype(str),
        "pandas object": pd.Series(w, dtype=object),
        "pandas str": pd.Series(w, dtype="string"),
        "pandas category": pd.Series(w).astype("category"),
        "polars str": pl.Series("w", list(w)),
        "polars categorical": pl.Series("w", list(w)).cast(pl.Categorical),
        "arrow str": pa.array(list(w)),
        "arrow large_str": pa.array(list(w), type=pa.large_string()),
        "arrow dictionary": pa.array(list(w)).dictionary_encode(),
        "arrow chunked": pa.chunked_array([list(w[:700]), list(w[700:])]),
    }
    for name, v in inputs.items():
        got = sanov.plugin_entropy(v)
        assert abs(got - want) <= 1e-13 * want, name
    y = rng.integers(0, 3, w.size)
    mi = sanov.mutual_information_from_labels(pd.Series(w), pd.Series(y))
    assert abs(mi - mutual_info_score(w.astype(str), y)) <= 1e-13
    nmi = sanov.normalized_mutual_information(pl.Series(list(w)), pa.array(y))
    assert abs(nmi - normalized_mutual_info_score(w.astype(str), y)) <= 1e-13


def test_numeric_series_equal_numpy(rng: np.random.Generator) -> None:
    x = rng.integers(-5, 5, 500)
    y = (x + rng.integers(0, 2, 500)) % 3
    for conv in (pd.Series, lambda a: pl.Series("v", a), pa.array,
                 lambda a: pd.Series(a, dtype="Int64"), lambda a: pd.Series(a).astype(float)):
        assert sanov.plugin_entropy(conv(x)) == sanov.plugin_entropy(x)
        assert sanov.miller_madow_entropy(conv(x), 2) == sanov.miller_madow_entropy(x, 2)
        assert sanov.grassberger_entropy(conv(x)) == sanov.grassberger_entropy(x)
        assert sanov.chao_shen_entropy(conv(x)) == sanov.chao_shen_entropy(x)
        assert sanov.nsb_entropy(conv(x), 12) == sanov.nsb_entropy(x, 12)
        assert sanov.mutual_information_from_labels(conv(x), conv(y)) == \
            sanov.mutual_information_from_labels(x, y)
        assert sanov.conditional_entropy_from_labels(conv(x), conv(y)) == \
            sanov.conditional_entropy_from_labels(x, y)
        assert sanov.adjusted_mutual_information(conv(x), conv(y)) == \
            sanov.adjusted_mutual_information(x, y)
    b = pd.Series(x > 0)
    assert sanov.plugin_entropy(b) == sanov.plugin_entropy((x > 0).astype(np.int64))
    df = pd.DataFrame({"x": x, "y": y})
    j1, l1 = sanov.joint_from_samples(df)
    j2, l2 = sanov.joint_from_samples(x, y)
    np.testing.assert_array_equal(j1, j2)
    j3, _ = sanov.joint_from_samples(pl.from_pandas(df))
    np.testing.assert_array_equal(j3, j2)


def test_float_columns_go_to_knn(rng: np.random.Generator) -> None:
    a = rng.normal(size=(400, 3))
    df = pd.DataFrame(a, columns=["a", "b", "c"])
    want = sanov.ksg_mutual_information(a[:, :2], a[:, 2], 3)
    assert sanov.ksg_mutual_information(df[["a", "b"]], df["c"], 3) == want
    assert sanov.ksg_mutual_information(pl.from_pandas(df).select("a", "b"),
                                        pl.Series("c", a[:, 2]), 3) == want
    assert sanov.kozachenko_leonenko_entropy(df["a"]) == sanov.kozachenko_leonenko_entropy(a[:, 0])
    lab = pd.Series(rng.integers(0, 3, 400))
    assert sanov.ksg_mutual_information_discrete(df["a"], lab) == \
        sanov.ksg_mutual_information_discrete(a[:, 0], lab.to_numpy())
    cmi = sanov.ksg_conditional_mutual_information(df["a"], df["b"], pa.array(a[:, 2]))
    assert cmi == sanov.ksg_conditional_mutual_information(a[:, 0], a[:, 1], a[:, 2])
    with pytest.raises(TypeError, match="holds text"):
        sanov.kozachenko_leonenko_entropy(pd.Series(["a", "b", "c", "d", "e"]))
    with pytest.raises(TypeError, match="non-integer"):
        sanov.plugin_entropy(df["a"])


@pytest.mark.parametrize("make", [
    lambda: pd.Series([1.0, 2.0, 2.0, np.nan, 1.0], name="a"),
    lambda: pd.Series([1, 2, 2, None, 1], dtype="Int64", name="a"),
    lambda: pd.Series(["u", "v", "v", None, "u"], name="a"),
    lambda: pd.Series(["u", "v", "v", pd.NA, "u"], dtype="string", name="a"),
    lambda: pd.Series(["u", "v", "v", None, "u"], name="a").astype("category"),
    lambda: pl.Series("a", [1, 2, 2, None, 1]),
    lambda: pl.Series("a", [1.0, 2.0, 2.0, float("nan"), 1.0]),
    lambda: pl.Series("a", ["u", "v", "v", None, "u"]),
    lambda: pa.array([1, 2, 2, None, 1]),
    lambda: pa.array(["u", "v", "v", None, "u"]).dictionary_encode(),
])
def test_missing_values_raise_naming_column_and_row(make) -> None:
    s = make()
    name = "x" if isinstance(s, (pa.Array, pa.ChunkedArray)) else "a"
    with pytest.raises(sanov.DomainError, match=rf"column '{name}'.* at row 3"):
        sanov.mutual_information_from_labels(s, [0, 1, 0, 1, 0])
    y = np.array([0, 1, 0, 1, 0])
    got = sanov.mutual_information_from_labels(s, y, nan_policy="omit")
    keep = np.array([True, True, True, False, True])
    assert got == sanov.mutual_information_from_labels(np.array([1, 2, 2, 1]), y[keep])


def test_omit_drops_rows_missing_in_any_column() -> None:
    df = pd.DataFrame({"a": [1, None, 3, 1, 2, 3], "b": ["x", "y", None, "x", "y", "y"]})
    got = sanov.mutual_information_from_labels(df["a"], df["b"], nan_policy="omit")
    assert got == sanov.mutual_information_from_labels([1, 1, 2, 3], [0, 0, 1, 1])
    with pytest.raises(sanov.DomainError, match="nan_policy"):
        sanov.plugin_entropy(df["a"], nan_policy="drop")
    with pytest.raises(sanov.DomainError, match="column 'a'"):
        sanov.joint_from_samples(df)
    j, _ = sanov.joint_from_samples(df, nan_policy="omit")
    assert j.sum() == pytest.approx(1.0)


def test_factorize_objects_follows_python_equality() -> None:
    v = np.array([1, 1.0, True, "1", b"1", 2.5, None, float("nan"), 2, ""], dtype=object)
    codes, n, first = sanov._sanov._factorize_objects(v)
    assert list(codes) == [0, 0, 0, 1, 2, 3, -1, -1, 4, 5]
    assert (n, first) == (6, 6)
    with pytest.raises(TypeError, match=r"values\[1\] is a dict"):
        sanov._sanov._factorize_objects(np.array(["a", {}], dtype=object))


# --- mutual_info_table against the CLI ---------------------------------------------------------


def _cli() -> pathlib.Path | None:
    env = os.environ.get("SANOV_CLI")
    if env:
        return pathlib.Path(env)
    for p in (ROOT / "target" / "release" / "sanov", ROOT / "target" / "debug" / "sanov"):
        if p.exists():
            return p
    return None


def _table(rng: np.random.Generator, n: int = 3000) -> pd.DataFrame:
    y = rng.integers(0, 2, n)
    return pd.DataFrame({
        "few": (y + rng.integers(0, 3, n)) % 4,                       # discrete int
        "word": _words(rng, n),                                        # strings
        "wide": rng.integers(0, 500, n) + 7 * y,                       # > sqrt(N) levels
        "real": rng.normal(size=n) + y,                                # continuous
        "halves": np.round(rng.normal(size=n), 1) * 2 + y,             # floats, ties
        "intfloat": (rng.integers(0, 5, n) + y).astype(float),         # integral floats
        "y": y,
    })


@pytest.mark.parametrize("target", ["y", "real"])
def test_mutual_info_table_matches_the_cli(tmp_path: pathlib.Path, rng: np.random.Generator,
                                           target: str) -> None:
    cli = _cli()
    if cli is None:
        pytest.skip("no sanov CLI binary (cargo build -p sanov-cli, or set SANOV_CLI)")
    df = _table(rng)
    path = tmp_path / "t.csv"
    df.to_csv(path, index=False)
    out = subprocess.run([str(cli), "mi", str(path), "--target", target, "--format", "json",
                          "--base", "2"], check=True, capture_output=True, text=True).stdout
    want = json.loads(out)["ranking"]
    read = pd.read_csv(path, keep_default_na=False)
    got = sanov.mutual_info_table(read, target, base=2)
    assert list(got["column"]) == [r["column"] for r in want]
    assert list(got["kind"]) == [r["type"] for r in want]
    assert list(got["estimator"]) == [r["method"] for r in want]
    assert [None if pd.isna(d) else int(d) for d in got["distinct"]] == \
        [r["distinct"] for r in want]
    # Same typing, same estimators, same seed: the same numbers, bit for bit.
    assert got["mi"].tolist() == [r["mutual_information"] for r in want]


def test_mutual_info_table_output_follows_input_library(rng: np.random.Generator) -> None:
    df = _table(rng, 800)
    p = sanov.mutual_info_table(df, "y", workers=1)
    assert isinstance(p, pd.DataFrame)
    assert list(p.columns) == ["column", "kind", "distinct", "estimator", "mi", "nmi"]
    assert (np.diff(p["mi"].to_numpy()) <= 0).all()
    q = sanov.mutual_info_table(pl.from_pandas(df), "y", workers=2)
    assert isinstance(q, pl.DataFrame)
    assert q["column"].to_list() == list(p["column"])
    np.testing.assert_array_equal(q["mi"].to_numpy(), p["mi"].to_numpy())
    d = sanov.mutual_info_table({c: df[c].to_numpy() for c in df.columns}, "y")
    assert isinstance(d, dict)
    np.testing.assert_array_equal(d["mi"], p["mi"].to_numpy())
    a = sanov.mutual_info_table(pa.Table.from_pandas(df), "y")
    np.testing.assert_array_equal(a["mi"], p["mi"].to_numpy())
    # NMI for discrete pairs, as scikit-learn's normalized_mutual_info_score.
    row = p[p["column"] == "few"].iloc[0]
    assert row["nmi"] == pytest.approx(normalized_mutual_info_score(df["few"], df["y"]), abs=1e-13)
    assert np.isnan(p[p["column"] == "real"].iloc[0]["nmi"])
    # Forcing kinds, and the errors.
    f = sanov.mutual_info_table(df, "y", discrete=["wide"], continuous=["few"])
    kinds = dict(zip(f["column"], f["kind"]))
    assert kinds["wide"] == "discrete" and kinds["few"] == "continuous"
    with pytest.raises(sanov.DomainError, match="holds text"):
        sanov.mutual_info_table(df, "y", continuous=["word"])
    with pytest.raises(sanov.DomainError, match="non-integer"):
        sanov.mutual_info_table(df, "y", discrete=["real"])
    with pytest.raises(KeyError, match="nope"):
        sanov.mutual_info_table(df, "nope")
    df.loc[5, "real"] = np.nan
    with pytest.raises(sanov.DomainError, match="column 'real'.* row 5"):
        sanov.mutual_info_table(df, "y")
    assert len(sanov.mutual_info_table(df, "y", nan_policy="omit")) == 6
