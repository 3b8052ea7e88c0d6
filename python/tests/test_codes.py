"""MDL functions against exact rationals (sum over all compositions) and hypothesis properties."""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sanov


def c_exact(k, n):
    """C(k, n) by enumerating all k^n sequences (exact rationals, 0^0 = 1)."""
    if n == 0:
        return Fraction(1)
    total = Fraction(0)
    for seq in product(range(k), repeat=n):
        p = Fraction(1)
        for j in range(k):
            h = seq.count(j)
            if h:
                p *= Fraction(h, n) ** h
        total += p
    return total


@pytest.mark.parametrize("k,n", [(1, 3), (2, 0), (2, 1), (2, 5), (3, 4), (4, 5), (5, 3)])
def test_complexity_exact(k, n):
    want = math.log(c_exact(k, n))
    assert sanov.nml_parametric_complexity(k, n) == pytest.approx(want, abs=1e-13)
    assert sanov.nml_parametric_complexity(k, n, base=2) == pytest.approx(
        want / math.log(2), abs=1e-13
    )


def test_nml_code_length():
    counts = [2, 3, 1]
    n = sum(counts)
    ml = -sum(h * math.log(h / n) for h in counts)
    want = ml + math.log(c_exact(3, n))
    assert sanov.nml_code_length(counts) == pytest.approx(want, abs=1e-12)
    assert sanov.nml_code_length(counts, base="bits") == pytest.approx(
        want / math.log(2), abs=1e-12
    )


def test_two_part_and_bpb():
    assert sanov.two_part_code_length(5.0, 3, 64, base=2) == pytest.approx(
        5.0 / math.log(2) + 9.0, abs=1e-13
    )
    assert sanov.bits_per_byte(8 * math.log(2), 4) == pytest.approx(2.0, abs=1e-15)
    assert sanov.bits_per_character(3 * math.log(2), 3) == pytest.approx(1.0, abs=1e-15)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30), st.integers(1, 300))
def test_complexity_increasing(k, n):
    c = sanov.nml_parametric_complexity(k, n)
    assert sanov.nml_parametric_complexity(k + 1, n) > c
    if k > 1:
        assert sanov.nml_parametric_complexity(k, n + 1) > c


def test_errors():
    with pytest.raises(sanov.DomainError):
        sanov.nml_parametric_complexity(0, 5)
    with pytest.raises(sanov.DomainError):
        sanov.nml_parametric_complexity(2, 10**9)
    with pytest.raises(sanov.DomainError):
        sanov.nml_parametric_complexity(-1, 5)
    with pytest.raises(sanov.SanovError):
        sanov.nml_code_length([])
    with pytest.raises(sanov.SanovError):
        sanov.nml_code_length([1, -1])
    with pytest.raises(TypeError):
        sanov.nml_parametric_complexity("2", 5)
    for bad in (float("nan"), float("inf"), -1.0):
        with pytest.raises(sanov.DomainError):
            sanov.two_part_code_length(bad, 1, 10)
        with pytest.raises(sanov.DomainError):
            sanov.bits_per_byte(bad, 10)
        with pytest.raises(sanov.DomainError):
            sanov.bits_per_character(bad, 10)
    with pytest.raises(sanov.DomainError):
        sanov.bits_per_byte(1.0, 0)
    with pytest.raises(sanov.DomainError):
        sanov.bits_per_character(1.0, 0)
    with pytest.raises(sanov.DomainError):
        sanov.two_part_code_length(1.0, 1, 0)
    with pytest.raises(TypeError):
        sanov.bits_per_byte("x", 1)


# --- bounds and the GAN value: mpmath references (50 digits) ---
mp = pytest.importorskip("mpmath")
mp.mp.dps = 50


def _kl(p, q):
    p, q = mp.mpf(p), mp.mpf(q)
    a = p * mp.log(p / q) if p > 0 else 0
    return a + (1 - p) * mp.log((1 - p) / (1 - q))


@pytest.mark.parametrize("h,m", [(0.1, 2), (0.3, 3), (2.0, 10)])
def test_fano_mpmath(h, m):
    def f(x):
        return -x * mp.log(x) - (1 - x) * mp.log(1 - x) + x * mp.log(m - 1) - h

    want = mp.findroot(f, (mp.mpf(10) ** -40, 1 - mp.mpf(1) / m), solver="anderson")
    assert sanov.fano_error_lower_bound(h, m) == pytest.approx(float(want), abs=1e-13)


@pytest.mark.parametrize("p,c", [(0.0, 0.01), (0.1, 0.05), (0.9, 0.1)])
def test_kl_inverse_mpmath(p, c):
    want = mp.findroot(
        lambda x: _kl(p, x) - c, (mp.mpf(p) + mp.mpf(10) ** -40, 1 - mp.mpf(10) ** -40),
        solver="anderson",
    )
    assert sanov.kl_inverse(p, c) == pytest.approx(float(want), abs=1e-13)
    n, kl, d = 1000, 5.0, 0.05
    cc = (kl + math.log(2 * math.sqrt(n) / d)) / n
    assert sanov.pac_bayes_kl_bound(p, kl, n, d) == sanov.kl_inverse(p, cc)


def test_kelly_and_gan():
    p, b, o = [0.5, 0.25, 0.25], [0.4, 0.4, 0.2], [2.0, 4.0, 6.0]
    w, ws = sanov.kelly_growth_rate(p, b, o)
    assert w == pytest.approx(sum(pi * math.log(bi * oi) for pi, bi, oi in zip(p, b, o)), abs=1e-14)
    hp = -sum(pi * math.log(pi) for pi in p)
    assert ws == pytest.approx(sum(pi * math.log(oi) for pi, oi in zip(p, o)) - hp, abs=1e-14)
    assert sanov.gan_optimal_value([0.3, 0.7], [0.3, 0.7]) == pytest.approx(-math.log(4), abs=1e-15)
    p, q = [0.5, 0.5], [0.9, 0.1]
    assert sanov.gan_optimal_value(p, q) == pytest.approx(
        2 * sanov.js_divergence(p, q) - math.log(4), abs=1e-14
    )


@settings(max_examples=50, deadline=None)
@given(st.floats(0.0, 0.99), st.floats(1e-3, 2.0))
def test_kl_inverse_property(p, c):
    q = sanov.kl_inverse(p, c)
    assert p <= q < 1 or q == 1
    assert float(_kl(p, q)) <= c + 1e-12
    if q + 2e-15 < 1:
        assert float(_kl(p, q + 2e-15)) >= c - 1e-12


def test_bounds_errors():
    for args in [(-0.1, 2), (float("nan"), 2), (0.1, 0), (0.8, 2)]:
        with pytest.raises(sanov.DomainError):
            sanov.fano_error_lower_bound(*args)
    for args in [(-0.1, 0.1), (1.1, 0.1), (0.5, -1.0), (0.5, float("nan"))]:
        with pytest.raises(sanov.DomainError):
            sanov.kl_inverse(*args)
    for args in [(1.5, 1.0, 10, 0.1), (0.5, -1.0, 10, 0.1), (0.5, 1.0, 0, 0.1), (0.5, 1.0, 10, 1.0)]:
        with pytest.raises(sanov.DomainError):
            sanov.pac_bayes_kl_bound(*args)
    with pytest.raises(sanov.SanovError):
        sanov.kelly_growth_rate([0.5, 0.5], [1.0], [2.0, 2.0])
    with pytest.raises(sanov.SanovError):
        sanov.kelly_growth_rate([0.5, 0.5], [0.5, 0.5], [2.0, 0.0])
    with pytest.raises(sanov.SanovError):
        sanov.gan_optimal_value([0.5, 0.5], [1.0])
    with pytest.raises(sanov.SanovError):
        sanov.gan_optimal_value([0.5, 0.6], [0.5, 0.5])
    with pytest.raises(TypeError):
        sanov.kl_inverse("a", 0.1)
