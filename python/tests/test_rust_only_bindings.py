"""The bindings of functions that were Rust-only (issue 15): coding lengths and the arithmetic
code, the method-of-types comparisons and enumeration, and power-moment MaxEnt. Each is checked
against an independent computation in plain Python (exact integers and fractions where possible).

The seeds of issue #22 items 2-4 that were Rust-only (elbo, vae_loss, cramer_rao_bound,
kl_hessian, kl_chain_rule, entropy_affine, entropic_clt) are bound now and tested in
test_seeds.py.
"""

from __future__ import annotations

import heapq
import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sanov

# Relative tolerance for values computed in floating point on both sides (a few ulps of sums
# of logs of moderate length).
REL = 1e-12


def huffman_expected_length_heapq(p: list[float]) -> float:
    """Expected length of a binary Huffman code, by merging the two lightest nodes (heapq)."""
    heap = [(w, i) for i, w in enumerate(p)]
    heapq.heapify(heap)
    total, next_id = 0.0, len(p)
    while len(heap) > 1:
        a, _ = heapq.heappop(heap)
        b, _ = heapq.heappop(heap)
        total += a + b  # every merge adds one bit to each symbol below it
        heapq.heappush(heap, (a + b, next_id))
        next_id += 1
    return total


@pytest.mark.parametrize(
    "p", [[0.5, 0.25, 0.25], [0.4, 0.3, 0.2, 0.1], [0.05, 0.05, 0.1, 0.3, 0.5], [0.25] * 4]
)
def test_huffman_code_lengths(p: list[float]) -> None:
    lengths = sanov.huffman_code_lengths(p)
    assert lengths.dtype == np.int64
    expected = huffman_expected_length_heapq(p)
    assert math.isclose(float(np.dot(p, lengths)), expected, rel_tol=REL)
    assert sum(Fraction(1, 2**int(l)) for l in lengths) == 1  # a complete prefix code


def test_shannon_code_lengths() -> None:
    p = [0.5, 0.3, 0.2, 0.0]
    got = sanov.shannon_code_lengths(p)
    assert got == [math.ceil(-math.log2(x)) if x > 0 else None for x in p] == [1, 2, 3, None]
    with pytest.raises(sanov.DomainError):
        sanov.shannon_code_lengths([0.5, 0.6])


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
@settings(max_examples=200, deadline=None)
def test_kraft_inequality_holds_is_exact(lengths: list[int]) -> None:
    exact = sum(Fraction(1, 2**l) for l in lengths) <= 1
    assert sanov.kraft_inequality_holds(lengths) is exact


def test_kraft_inequality_edges() -> None:
    assert sanov.kraft_inequality_holds([1, 2, 3, 3])
    assert not sanov.kraft_inequality_holds([1, 1, 2])
    with pytest.raises(sanov.ShapeError):
        sanov.kraft_inequality_holds(np.array([], dtype=np.int64))


@given(
    st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=200),
    st.lists(st.floats(min_value=0.05, max_value=1.0), min_size=4, max_size=4),
)
@settings(max_examples=100, deadline=None)
def test_arithmetic_code_round_trips(seq: list[int], w: list[float]) -> None:
    p = [x / sum(w) for x in w]
    code, bits = sanov.arithmetic_encode(seq, p)
    assert isinstance(code, bytes) and len(code) == (bits + 7) // 8
    ideal = -sum(math.log2(p[s]) for s in seq)
    assert ideal - 1e-9 <= bits <= ideal + 2
    assert bits == sanov.arithmetic_code_length(seq, p)
    assert sanov.arithmetic_decode(code, bits, len(seq), p).tolist() == seq


def test_arithmetic_code_errors() -> None:
    with pytest.raises(sanov.DomainError):
        sanov.arithmetic_encode([0, 1], [1.0, 0.0])  # a symbol of probability 0
    with pytest.raises(TypeError):
        sanov.arithmetic_decode("not bytes", 3, 1, [0.5, 0.5])  # type: ignore[arg-type]


def log_multinomial_exact(counts: list[int]) -> float:
    n = sum(counts)
    coeff = math.factorial(n)
    for k in counts:
        coeff //= math.factorial(k)
    return math.log(coeff)


@pytest.mark.parametrize("counts", [[500, 300, 200], [7, 0, 3], [1, 1, 1, 1], [40, 2]])
def test_multinomial_stirling_comparison(counts: list[int]) -> None:
    c = sanov.multinomial_stirling_comparison(counts)
    n = sum(counts)
    exact = log_multinomial_exact(counts)
    nh = sum(k * math.log(n / k) for k in counts if k > 0)
    stirling = nh + 0.5 * (
        math.log(2 * math.pi * n) - sum(math.log(2 * math.pi * k) for k in counts if k > 0)
    )
    assert math.isclose(c["exact"], exact, rel_tol=REL)
    assert math.isclose(c["nh"], nh, rel_tol=REL)
    assert math.isclose(c["stirling"], stirling, rel_tol=REL)
    assert math.isclose(c["relative_error_nh"], (nh - exact) / exact, rel_tol=1e-9)
    assert math.isclose(
        c["relative_error_stirling"], (stirling - exact) / exact, rel_tol=1e-6, abs_tol=1e-15
    )


@pytest.mark.parametrize(("n", "m"), [(1, 1), (2, 2), (4, 3), (5, 4)])
def test_type_classes(n: int, m: int) -> None:
    counts, log_size = sanov.type_classes(n, m)
    expected = sorted(c for c in itertools.product(range(n + 1), repeat=m) if sum(c) == n)
    assert counts.shape == (len(expected), m)
    assert [tuple(r) for r in counts.tolist()] == expected
    for row, ls in zip(expected, log_size.tolist()):
        assert math.isclose(ls, log_multinomial_exact(list(row)), rel_tol=REL, abs_tol=1e-15)
    # The class sizes add up to m**n sequences.
    assert math.isclose(float(np.exp(log_size).sum()), float(m**n), rel_tol=1e-12)


def test_type_classes_errors() -> None:
    with pytest.raises(sanov.DomainError):
        sanov.type_classes(3, 0)
    with pytest.raises(sanov.DomainError):
        sanov.type_classes(0, 2)
    with pytest.raises(sanov.SanovError):
        sanov.type_classes(10**6, 10**6)  # too many classes


def test_maxent_moments_uniform_and_against_maxent() -> None:
    r = sanov.maxent_moments([-1.0, 0.0, 1.0], [0.0, 2.0 / 3.0])
    assert np.allclose(r.distribution, [1 / 3] * 3, rtol=0, atol=1e-12)
    x = np.linspace(0.0, 1.0, 11)
    moments = [0.3, 0.15]
    m = sanov.maxent_moments(x, moments)
    f = sanov.maxent(x, np.vstack([x, x**2]), moments)
    assert np.allclose(m.distribution, f.distribution, rtol=1e-10, atol=1e-14)
    assert np.allclose(m.multipliers, f.multipliers, rtol=1e-8)
    assert math.isclose(float(np.dot(m.distribution, x)), 0.3, rel_tol=1e-10)
    assert math.isclose(float(np.dot(m.distribution, x**2)), 0.15, rel_tol=1e-10)


def test_maxent_moments_infeasible() -> None:
    with pytest.raises(sanov.InfeasibleError):
        sanov.maxent_moments([0.0, 1.0], [2.0])
