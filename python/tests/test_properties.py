"""Hypothesis property tests of the identities of information theory."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402


@st.composite
def pairs(draw, max_n=64):
    n = draw(st.integers(1, max_n))
    elems = st.floats(0.0, 1e3, allow_nan=False, allow_infinity=False, width=64)
    w = draw(hnp.arrays(np.float64, n, elements=elems))
    v = draw(hnp.arrays(np.float64, n, elements=st.floats(1e-3, 1e3, width=64)))
    if w.sum() <= 0:
        w[0] = 1.0
    return w / w.sum(), v / v.sum()


BASES = st.sampled_from([None, 2, 10, "bits", 3.0])


@settings(max_examples=200, deadline=None)
@given(pairs(), BASES)
def test_cross_entropy_is_entropy_plus_kl(pq, base):
    p, q = pq
    ce = sanov.cross_entropy(p, q, base=base)
    assert ce == pytest.approx(
        sanov.entropy(p, base=base) + sanov.kl_divergence(p, q, base=base), rel=1e-9, abs=1e-9
    )


@settings(max_examples=200, deadline=None)
@given(pairs(), BASES)
def test_kl_nonnegative_and_zero_on_self(pq, base):
    p, q = pq
    # KL is evaluated on the given floats, which sum to 1 only to rounding: when p and q are
    # equal to the last bit up to a common factor (1 + e), the exact value is -e, of order 1e-16.
    assert sanov.kl_divergence(p, q, base=base) >= -1e-14
    assert sanov.kl_divergence(p, p, base=base) == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(pairs())
def test_js_bounded_and_symmetric(pq):
    p, q = pq
    js = sanov.js_divergence(p, q)
    assert 0.0 <= js <= math.log(2) + 1e-12
    assert js == pytest.approx(sanov.js_divergence(q, p), rel=1e-12, abs=1e-15)
    assert sanov.js_distance(p, q) == pytest.approx(math.sqrt(js), rel=1e-12, abs=1e-12)
    assert sanov.js_divergence(p, q, base=2) <= 1.0 + 1e-12


@settings(max_examples=200, deadline=None)
@given(pairs())
def test_entropy_bounds_and_distances(pq):
    p, q = pq
    h = sanov.entropy(p)
    assert -1e-12 <= h <= math.log(len(p)) + 1e-12
    assert 0.0 <= sanov.hellinger_distance(p, q) <= 1.0
    assert 0.0 <= sanov.total_variation_distance(p, q) <= 1.0
    assert sanov.total_variation_distance(p, q) == pytest.approx(
        sanov.total_variation_distance(q, p), rel=1e-15
    )


@settings(max_examples=100, deadline=None)
@given(pairs(), st.integers(1, 5))
def test_batched_equals_rows(pq, rows):
    p, q = pq
    m = np.tile(p, (rows, 1))
    out = sanov.kl_divergence(m, q, axis=1)
    assert out.shape == (rows,)
    assert np.all(out == sanov.kl_divergence(p, q))


def test_js_tiny_mass():
    # A negligible mass next to a large one (a = (p-q)/(p+q) rounds to -1) stays finite.
    m = np.array([0.75, 0.25 + 0.5e-20])
    want = 0.5 * (np.log(1.0 / m[0]) + 1e-20 * np.log(1e-20 / m[1])) + 0.5 * (
        0.5 * np.log(0.5 / m[0]) + 0.5 * np.log(0.5 / m[1])
    )
    assert sanov.js_divergence([1.0, 1e-20], [0.5, 0.5]) == pytest.approx(want, rel=1e-14)
