"""sanov.sklearn against scikit-learn: signatures, values (same random_state: same jitter,
so equal to rounding; other seeds: within scikit-learn's seed-to-seed spread), SelectKBest,
and MutualInfoSelector through check_estimator."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn")
from sklearn import feature_selection as fs  # noqa: E402
from sklearn.utils.estimator_checks import check_estimator  # noqa: E402

import sanov.sklearn as ss  # noqa: E402

# Same perturbed data, same neighbour counts; only digamma values and the order of the final
# means differ (sanov's Rust vs SciPy/NumPy).
TOL = 1e-12


def test_signatures_are_scikit_learns() -> None:
    for name in ("mutual_info_classif", "mutual_info_regression"):
        params = [inspect.signature(getattr(m, name)).parameters.values() for m in (ss, fs)]
        a, b = ([(p.name, p.kind, p.default) for p in ps] for ps in params)
        assert a == b


def _data(rng: np.random.Generator, n: int = 600):
    x = rng.normal(size=(n, 5))
    x[:, 3] = rng.integers(0, 4, n)                      # a discrete feature
    x[:, 4] = np.round(x[:, 4], 1)                       # ties: the jitter breaks them
    y_class = (x[:, 0] + 0.5 * x[:, 3] + rng.normal(size=n) > 0.8).astype(int)
    y_reg = x[:, 0] ** 2 + x[:, 1] + 0.1 * rng.normal(size=n)
    return x, y_class, y_reg


@pytest.mark.parametrize("discrete", ["auto", False, [3], np.array([False] * 3 + [True, False])])
def test_same_random_state_gives_scikit_learns_values(rng, discrete) -> None:
    x, yc, yr = _data(rng)
    for seed in (0, 7):
        a = ss.mutual_info_classif(x, yc, discrete_features=discrete, random_state=seed)
        b = fs.mutual_info_classif(x, yc, discrete_features=discrete, random_state=seed)
        np.testing.assert_allclose(a, b, rtol=TOL, atol=TOL)
        a = ss.mutual_info_regression(x, yr, discrete_features=discrete, random_state=seed,
                                      n_neighbors=5)
        b = fs.mutual_info_regression(x, yr, discrete_features=discrete, random_state=seed,
                                      n_neighbors=5)
        np.testing.assert_allclose(a, b, rtol=TOL, atol=TOL)


def test_string_targets_sparse_and_n_jobs(rng) -> None:
    x, yc, _ = _data(rng, 300)
    names = np.array(["no", "yes"])[yc]
    a = ss.mutual_info_classif(x, names, random_state=1)
    np.testing.assert_allclose(a, fs.mutual_info_classif(x, names, random_state=1), atol=TOL)
    for jobs in (1, 2, -1, None):
        np.testing.assert_array_equal(ss.mutual_info_classif(x, names, random_state=1,
                                                             n_jobs=jobs), a)
    from scipy.sparse import csr_matrix

    xs = csr_matrix(rng.integers(0, 3, (300, 4)) * (rng.random((300, 4)) < 0.5))
    np.testing.assert_allclose(ss.mutual_info_classif(xs, yc), fs.mutual_info_classif(xs, yc),
                               atol=TOL)
    with pytest.raises(ValueError, match="Sparse matrix"):
        ss.mutual_info_classif(xs, yc, discrete_features=False)
    with pytest.raises(ValueError):
        ss.mutual_info_regression(x, names)
    with pytest.raises(ValueError, match="n_neighbors"):
        ss.mutual_info_regression(x, yc, n_neighbors=0)


def test_other_seeds_stay_within_scikit_learns_spread(rng) -> None:
    x, yc, _ = _data(rng)
    ref = np.array([fs.mutual_info_classif(x, yc, random_state=s) for s in range(8)])
    lo, hi = ref.min(axis=0), ref.max(axis=0)
    slack = 1e-12 + 0.5 * (hi - lo)
    for s in (100, 101, 102):
        v = ss.mutual_info_classif(x, yc, random_state=s)
        assert np.all(v >= lo - slack) and np.all(v <= hi + slack)


def test_select_k_best_and_selector(rng) -> None:
    pd = pytest.importorskip("pandas")
    x, yc, _ = _data(rng)
    kb = fs.SelectKBest(score_func=lambda X, y: ss.mutual_info_classif(X, y, random_state=0), k=2)
    ref = fs.SelectKBest(score_func=lambda X, y: fs.mutual_info_classif(X, y, random_state=0),
                         k=2)
    np.testing.assert_array_equal(kb.fit(x, yc).get_support(), ref.fit(x, yc).get_support())
    assert fs.SelectKBest(score_func=ss.mutual_info_classif, k=3).fit(x, yc).scores_.shape == (5,)
    df = pd.DataFrame(x, columns=[f"f{i}" for i in range(5)])
    sel = ss.MutualInfoSelector(k=2, random_state=0).set_output(transform="pandas")
    out = sel.fit(df, yc).transform(df)
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == list(sel.get_feature_names_out())
    assert list(out.columns) == [f"f{i}" for i in np.flatnonzero(ref.get_support())]
    th = ss.MutualInfoSelector(threshold=0.05, random_state=0).fit(x, yc)
    np.testing.assert_array_equal(th.get_support(), th.scores_ >= 0.05)
    reg = ss.MutualInfoSelector(k=1, random_state=0).fit(x, x[:, 1] * 2.5)
    assert reg.get_support().tolist() == [False, True, False, False, False]


def test_selector_passes_check_estimator() -> None:
    check_estimator(ss.MutualInfoSelector(k=2, random_state=0))
