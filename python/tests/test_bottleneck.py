"""Information bottleneck bindings: evaluation against a NumPy computation of the
information-plane coordinates, the limits (beta < 1, beta -> inf), the exact DIB solver, the
curve, and the error paths."""

import numpy as np
import pytest

import sanov

TOL = 1e-12


def mi(pxy):
    px = pxy.sum(1, keepdims=True)
    py = pxy.sum(0, keepdims=True)
    m = pxy > 0
    return float(np.sum(pxy[m] * np.log(pxy[m] / (px * py)[m])))


def joint(seed, nx=5, ny=3):
    p = np.random.default_rng(seed).random((nx, ny)) + 0.01
    return p / p.sum()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_evaluate_matches_numpy(seed):
    p = joint(seed)
    q = np.random.default_rng(seed + 10).random((5, 4))
    q /= q.sum(1, keepdims=True)
    pxt = p.sum(1)[:, None] * q
    pty = q.T @ p
    qt = pxt.sum(0)
    ht = -float(np.sum(qt * np.log(qt)))
    r = sanov.ib_evaluate(p, q, 3.0)
    assert abs(r["i_xt"] - mi(pxt)) <= TOL
    assert abs(r["i_ty"] - mi(pty)) <= TOL
    assert abs(r["h_t"] - ht) <= TOL
    assert abs(r["lagrangian_ib"] - (mi(pxt) - 3.0 * mi(pty))) <= TOL


def test_limits_and_solvers():
    p = joint(3)
    r = sanov.information_bottleneck(p, 4, 0.5)
    assert r["i_xt"] <= 1e-7
    r = sanov.information_bottleneck(p, 5, 1e4)
    assert abs(r["i_ty"] - mi(p)) <= 1e-7
    assert r["encoder"].shape == (5, 5) and len(r["iterations"]) == 16
    ex = sanov.information_bottleneck(p, 3, 4.0, deterministic=True, exact=True)
    it = sanov.information_bottleneck(p, 3, 4.0, deterministic=True)
    assert ex["lagrangian_dib"] <= it["lagrangian_dib"] + TOL
    assert ex["iterations"] == [243]
    c = sanov.ib_curve(p, 5, list(0.5 * 1.2 ** np.arange(40)))
    assert np.all(c["i_ty"] <= c["i_xy"] + TOL) and np.all(c["i_ty"] <= c["i_xt"] + TOL)
    assert c["clusters"][0] == 1


def test_errors():
    p = joint(4)
    with pytest.raises(sanov.DomainError):
        sanov.information_bottleneck(p, 2, -1.0)
    with pytest.raises(sanov.DomainError):
        sanov.information_bottleneck(p, 0, 1.0)
    with pytest.raises(sanov.DomainError):
        sanov.information_bottleneck(p * 2, 2, 1.0)
    with pytest.raises(sanov.ShapeError):
        sanov.information_bottleneck(p.ravel(), 2, 1.0)
    with pytest.raises(sanov.ShapeError):
        sanov.ib_evaluate(p, np.full((2, 2), 0.5), 1.0)
    with pytest.raises(sanov.DomainError):
        sanov.information_bottleneck(joint(5, nx=21, ny=2), 2, 1.0, deterministic=True, exact=True)
    with pytest.raises(sanov.DomainError):
        sanov.ib_curve(p, 2, [2.0, 1.0])
