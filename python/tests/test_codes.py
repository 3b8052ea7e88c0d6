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
