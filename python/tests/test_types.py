"""The method of types against Python big integers and scipy.special.gammaln formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special

import sanov


def exact_lmc(counts):
    c = math.factorial(sum(counts))
    for k in counts:
        c //= math.factorial(k)
    return math.log(c)


@pytest.mark.parametrize(
    "counts", [[2, 2], [2, 1, 1], [0, 3, 0, 4, 5], [7], [1] * 30, [400, 300, 200, 100], [2990, 7, 2, 1]]
)
def test_coefficient_matches_big_integers(counts):
    assert sanov.log_multinomial_coefficient(counts) == pytest.approx(exact_lmc(counts), rel=1e-13, abs=1e-300)


def test_coefficient_large_against_gammaln(rng):
    k = rng.multinomial(10**6, rng.dirichlet(np.ones(200)))
    want = scipy.special.gammaln(k.sum() + 1) - scipy.special.gammaln(k + 1).sum()
    # gammaln differences lose ~1e-16 * 1.3e7 absolute; sanov is the more accurate side.
    assert sanov.log_multinomial_coefficient(k) == pytest.approx(want, rel=1e-11)
    assert sanov.log_multinomial_coefficient(k.astype(np.uint32)) == sanov.log_multinomial_coefficient(k)


def test_probability_and_bounds(rng):
    k = np.array([12, 5, 0, 3])
    q = np.array([0.4, 0.3, 0.2, 0.1])
    n = k.sum()
    want = exact_lmc(k.tolist()) + sum(int(a) * math.log(b) for a, b in zip(k, q) if a > 0)
    assert sanov.log_multinomial_probability(k, q) == pytest.approx(want, rel=1e-12)
    p = k / n
    nd = n * sum(a * math.log(a / b) for a, b in zip(p, q) if a > 0)
    lo, lp, up = sanov.sanov_type_bounds(k, q)
    assert lp == pytest.approx(want, rel=1e-12)
    assert up == pytest.approx(-nd, rel=1e-12)
    assert lo == pytest.approx(-nd - len(k) * math.log(n + 1), rel=1e-12)
    assert lo <= lp <= up
    assert sanov.log_multinomial_probability([1, 1], [1.0, 0.0]) == -math.inf


def test_approximations():
    k = [500, 300, 200]
    n = sum(k)
    nh = sum(a * math.log(n / a) for a in k)
    st = nh + 0.5 * (math.log(2 * math.pi * n) - sum(math.log(2 * math.pi * a) for a in k))
    assert sanov.log_multinomial_coefficient_approx(k) == pytest.approx(nh, rel=1e-13)
    assert sanov.log_multinomial_coefficient_approx(k, "nH") == pytest.approx(nh, rel=1e-13)
    assert sanov.log_multinomial_coefficient_approx(k, method="stirling") == pytest.approx(st, rel=1e-13)
    with pytest.raises(sanov.DomainError, match="method"):
        sanov.log_multinomial_coefficient_approx(k, "laplace")


def test_figure1_series():
    s = sanov.figure1_series(d=2000, panel="uniform")
    assert s["n"].tolist() == [2000 * j for j in range(1, 21)]
    for n, exact in zip(s["n"][:3], s["exact"][:3]):
        base, extra = divmod(int(n), 2000)
        counts = [base + 1] * extra + [base] * (2000 - extra)
        assert exact == pytest.approx(exact_lmc(counts), rel=1e-12)
    assert (s["relative_error_stirling"] < s["relative_error_nh"]).all()
    a = sanov.figure1_series(d=500, n_values=[500, 5000], panel="dirichlet", seed=3)
    b = sanov.figure1_series(d=500, n_values=[500, 5000], panel="dirichlet", seed=3)
    np.testing.assert_array_equal(a["exact"], b["exact"])
    assert set(a) == {"n", "exact", "relative_error_nh", "relative_error_stirling"}
    with pytest.raises(sanov.DomainError, match="panel"):
        sanov.figure1_series(d=10, panel="gaussian")
    with pytest.raises(sanov.DomainError):
        sanov.figure1_series(d=10, n_values=[5], panel="uniform")


def test_errors():
    with pytest.raises(sanov.ShapeError):
        sanov.log_multinomial_coefficient(np.array([], dtype=np.int64))
    with pytest.raises(sanov.DomainError):
        sanov.log_multinomial_coefficient([0, 0])
    with pytest.raises(sanov.DomainError, match="negative"):
        sanov.log_multinomial_coefficient([3, -1])
    with pytest.raises(TypeError):
        sanov.log_multinomial_coefficient([1.5, 2.0])
    with pytest.raises(sanov.ShapeError):
        sanov.log_multinomial_probability([1, 2], [1.0])
    with pytest.raises(sanov.DomainError):
        sanov.sanov_type_bounds([1, 2], [0.5, 0.6])
