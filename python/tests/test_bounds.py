"""Variational MI bounds (sanov.info_nce, nwj, donsker_varadhan, jensen_shannon_bound) against
NumPy/SciPy implementations of their definitions (Poole et al. 2019), central finite
differences for the gradients, and the error paths. The Rust tests hold the same functions to
an mpmath table (scripts/reference/generate_bounds.py)."""

import numpy as np
import pytest
from scipy.special import logsumexp

import sanov

# float64 values of moderate scores: a few ulps of the scores' magnitude.
TOL = 1e-12
# Central differences with h = 1e-6 on smooth functions of O(1) curvature.
TOL_FD = 1e-7


def ref_info_nce(s):
    n, m = s.shape
    return np.log(m) - np.mean(logsumexp(s, axis=1) - s[np.arange(n), np.arange(n)])


def _off(s):
    n = s.shape[0]
    return s[~np.eye(n, dtype=bool)]


def ref_nwj(s):
    return np.mean(np.diag(s)) - np.exp(-1) * np.mean(np.exp(_off(s)))


def ref_dv(s):
    o = _off(s)
    return np.mean(np.diag(s)) - (logsumexp(o) - np.log(o.size))


def ref_js(s):
    return -np.mean(np.logaddexp(0, -np.diag(s))) - np.mean(np.logaddexp(0, _off(s)))


CASES = [
    (sanov.info_nce, ref_info_nce),
    (sanov.nwj, ref_nwj),
    (sanov.donsker_varadhan, ref_dv),
    (sanov.jensen_shannon_bound, ref_js),
]


def scores(n, m=None, scale=2.0, seed=0):
    rng = np.random.default_rng(seed)
    m = n if m is None else m
    s = rng.normal(0, scale, (n, m))
    s[np.arange(n), np.arange(n)] += 2.0
    return s


@pytest.mark.parametrize("f,ref", CASES)
@pytest.mark.parametrize("n", [2, 3, 8, 33])
def test_values_match_numpy(f, ref, n):
    s = scores(n)
    assert abs(f(s) - ref(s)) <= TOL * max(1.0, abs(ref(s)))


@pytest.mark.parametrize("f,ref", CASES)
def test_gradient_matches_finite_differences(f, ref):
    s = scores(4, seed=1)
    v, g = f(s, grad=True)
    assert g.shape == s.shape and g.dtype == np.float64
    assert v == f(s)
    h = 1e-6
    fd = np.zeros_like(s)
    for idx in np.ndindex(*s.shape):
        sp, sm = s.copy(), s.copy()
        sp[idx] += h
        sm[idx] -= h
        fd[idx] = (ref(sp) - ref(sm)) / (2 * h)
    np.testing.assert_allclose(g, fd, atol=TOL_FD, rtol=0)


@pytest.mark.parametrize("f,ref", CASES)
def test_float32_batch_base_workers(f, ref):
    s = np.stack([scores(5, seed=k) for k in range(3)])
    vals, g = f(s, grad=True)
    assert vals.shape == (3,) and g.shape == s.shape
    for k in range(3):
        assert abs(vals[k] - ref(s[k])) <= TOL * max(1.0, abs(ref(s[k])))
        np.testing.assert_array_equal(g[k], f(s[k], grad=True)[1])
    s32 = s.astype(np.float32)
    v32, g32 = f(s32, grad=True)
    assert g32.dtype == np.float32
    want = [ref(x.astype(np.float64)) for x in s32]
    np.testing.assert_allclose(v32, want, rtol=1e-6, atol=1e-6)
    bits = f(s[0], base=2)
    assert abs(bits * np.log(2) - f(s[0])) <= 1e-14 * max(1.0, abs(bits))
    assert abs(f(s[0], workers=1) - f(s[0], workers=4)) <= 1e-14 * max(1.0, abs(bits))


def test_info_nce_matches_cross_entropy_and_saturates():
    s = scores(16, scale=30.0)
    ce = sanov.softmax_cross_entropy(s, np.arange(16))
    assert abs(sanov.info_nce(s) - (np.log(16) - ce)) <= TOL * 30
    # Perfect critic: ln N exactly, whatever the magnitude.
    assert sanov.info_nce(np.eye(8) * 1e3) == pytest.approx(np.log(8), abs=1e-15)
    assert sanov.info_nce([[5.0]]) == 0.0


def test_rectangular_info_nce_is_clip_convention():
    s = scores(3, 7, seed=2)
    assert abs(sanov.info_nce(s) - ref_info_nce(s)) <= TOL
    assert sanov.info_nce(s) <= np.log(7)
    for f in (sanov.nwj, sanov.donsker_varadhan, sanov.jensen_shannon_bound):
        with pytest.raises(sanov.ShapeError):
            f(s)
    with pytest.raises(sanov.ShapeError):
        sanov.info_nce(s.T)


@pytest.mark.parametrize("f,ref", CASES)
def test_large_scores_do_not_overflow(f, ref):
    rng = np.random.default_rng(3)
    s = rng.uniform(-1e3, 1e3, (6, 6))
    if f is sanov.nwj:
        s = np.minimum(s, 700.0)
    v, g = f(s, grad=True)
    assert np.isfinite(v) and np.all(np.isfinite(g))
    assert abs(v - ref(s)) <= 1e-12 * (np.abs(s).max() + abs(ref(s)))


@pytest.mark.parametrize("f,ref", CASES)
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_errors(f, ref, bad):
    s = scores(3)
    s[1, 2] = bad
    with pytest.raises(sanov.DomainError, match=r"scores\[5\]"):
        f(s)
    with pytest.raises(sanov.ShapeError):
        f(np.zeros((0, 0)))
    with pytest.raises(sanov.ShapeError):
        f(np.zeros(3))
    with pytest.raises(TypeError):
        f(np.array([["a", "b"], ["c", "d"]]))
    if f is not sanov.info_nce:
        with pytest.raises(sanov.DomainError):
            f([[1.0]])
