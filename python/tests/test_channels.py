"""sanov's channel capacities, named channels and binary rate-distortion."""

import math

import numpy as np
import pytest

import sanov


def h2(p):
    return 0.0 if p in (0.0, 1.0) else -p * math.log2(p) - (1 - p) * math.log2(1 - p)


@pytest.mark.parametrize("p", [0.0, 0.01, 0.11, 0.5, 0.8])
def test_bsc_closed_form(p):
    r = sanov.channel_capacity(sanov.binary_symmetric_channel(p), base=2)
    assert r.capacity == pytest.approx(1 - h2(p), abs=1e-11)
    assert r.gap <= 1e-12
    capacity, p_in, gap, iterations = r
    assert p_in.shape == (2,) and iterations >= 1


@pytest.mark.parametrize("e", [0.0, 0.25, 0.9])
def test_bec_closed_form(e):
    w = sanov.binary_erasure_channel(e)
    assert w.shape == (2, 3)
    assert sanov.channel_capacity(w, base="bits").capacity == pytest.approx(1 - e, abs=1e-11)


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
def test_z_channel_closed_form(p):
    c = math.log(1 + (1 - p) * p ** (p / (1 - p)))
    assert sanov.channel_capacity(sanov.z_channel(p)).capacity == pytest.approx(c, abs=1e-11)


def test_symmetric_and_typewriter():
    k, p = 5, 0.3
    c = math.log(k) + (1 - p) * math.log(1 - p) + p * math.log(p / (k - 1))
    r = sanov.channel_capacity(sanov.symmetric_channel(k, p))
    assert r.capacity == pytest.approx(c, abs=1e-11)
    np.testing.assert_allclose(r.input_distribution, np.full(k, 1 / k), atol=1e-9)
    r = sanov.channel_capacity(sanov.typewriter_channel(26), base=2)
    assert r.capacity == pytest.approx(math.log2(13), abs=1e-11)


def test_random_channel_kkt_and_acceleration():
    rng = np.random.default_rng(1)
    w = rng.dirichlet(np.full(12, 0.5), size=10)
    a = sanov.channel_capacity(w)
    b = sanov.channel_capacity(w, accelerate=False, max_iter=100_000)
    assert a.capacity == pytest.approx(b.capacity, abs=2e-12)
    q = a.input_distribution @ w
    d = (w * np.log(np.where(w > 0, w / q, 1.0))).sum(axis=1)
    assert np.all(d <= a.capacity + a.gap + 1e-12)
    assert 0 <= a.capacity <= math.log(10)


def test_matches_dit():
    dit_cc = pytest.importorskip("dit.algorithms.channelcapacity")
    rng = np.random.default_rng(2)
    w = rng.dirichlet(np.full(4, 1.0), size=3)
    ours = sanov.channel_capacity(w, base=2).capacity
    theirs = dit_cc.channel_capacity(w)
    theirs = theirs[0] if isinstance(theirs, tuple) else theirs
    assert ours == pytest.approx(theirs, abs=1e-6)


def test_errors():
    with pytest.raises(sanov.DomainError, match="row|sums"):
        sanov.channel_capacity([[0.5, 0.5], [0.3, 0.6]])
    with pytest.raises(sanov.DomainError):
        sanov.channel_capacity([[0.5, 0.5], [float("nan"), 0.5]])
    with pytest.raises(sanov.ShapeError):
        sanov.channel_capacity(np.zeros((0, 2)))
    with pytest.raises(sanov.ShapeError):
        sanov.channel_capacity([0.5, 0.5])
    with pytest.raises(sanov.ConvergenceError):
        sanov.channel_capacity([[0.6, 0.3, 0.1], [0.1, 0.3, 0.6], [0.34, 0.33, 0.33]], max_iter=2)
    with pytest.raises(sanov.DomainError):
        sanov.channel_capacity([[1.0]], tol=0.0)
    for f, arg in [(sanov.binary_symmetric_channel, 1.5), (sanov.binary_erasure_channel, -0.1),
                   (sanov.z_channel, float("nan"))]:
        with pytest.raises(sanov.DomainError):
            f(arg)
    with pytest.raises(sanov.DomainError):
        sanov.symmetric_channel(1, 0.1)
    with pytest.raises(sanov.DomainError):
        sanov.typewriter_channel(1)


def test_binary_rate_distortion():
    assert sanov.binary_rate_distortion(0.5, 0.11, base=2) == pytest.approx(1 - h2(0.11), abs=1e-15)
    assert sanov.binary_rate_distortion(0.2, 0.3) == 0.0
    assert sanov.binary_rate_distortion(0.5, 0.0, base=2) == 1.0
    with pytest.raises(sanov.InfeasibleError):
        sanov.binary_rate_distortion(0.5, -0.1)
    with pytest.raises(sanov.DomainError):
        sanov.binary_rate_distortion(1.5, 0.1)
    with pytest.raises(sanov.DomainError):
        sanov.binary_rate_distortion(0.5, float("nan"))


@pytest.mark.parametrize("m", [2, 3, 5])
@pytest.mark.parametrize("d", [0.0, 0.05, 0.3, 0.9])
def test_rate_distortion_uniform_hamming_closed_form(m, d):
    r = sanov.rate_distortion(np.full(m, 1.0 / m), 1 - np.eye(m), d)
    want = 0.0
    if d <= 1 - 1 / m:
        hd = 0.0 if d == 0 else -d * math.log(d) - (1 - d) * math.log(1 - d)
        want = math.log(m) - hd - d * math.log(m - 1)
    assert r.rate == pytest.approx(want, abs=2e-12)
    assert r.gap <= 1e-12
    assert r.distortion <= d + 1e-14
    np.testing.assert_allclose(r.test_channel.sum(axis=1), 1.0, atol=1e-12)
    assert isinstance(r, sanov.RateDistortionResult)


def _scipy_rate_distortion(p, dist, d):
    """min I(Q) s.t. E d <= D by SLSQP over the test channel (a float64 peer, ~1e-7)."""
    from scipy.optimize import minimize

    m, n = dist.shape

    def mi(v):
        q = np.clip(v.reshape(m, n), 1e-300, None)
        out = p @ q
        return float(np.sum(p[:, None] * q * np.log(q / out)))

    cons = [
        {"type": "eq", "fun": lambda v: v.reshape(m, n).sum(axis=1) - 1},
        {"type": "ineq", "fun": lambda v: d - float(np.sum(p[:, None] * v.reshape(m, n) * dist))},
    ]
    best = math.inf
    rng = np.random.default_rng(0)
    for _ in range(4):
        x0 = rng.dirichlet(np.ones(n), size=m).ravel()
        r = minimize(mi, x0, method="SLSQP", bounds=[(0, 1)] * (m * n), constraints=cons,
                     options={"ftol": 1e-14, "maxiter": 2000})
        if r.success:
            best = min(best, r.fun)
    return best


def test_rate_distortion_matches_scipy_optimizer():
    rng = np.random.default_rng(7)
    for _ in range(5):
        m, n = 3, 4
        p = rng.dirichlet(np.ones(m))
        dist = rng.random((m, n))
        dmin = p @ dist.min(axis=1)
        dmax = (p @ dist).min()
        for d in np.linspace(dmin, dmax, 5)[1:-1]:
            r = sanov.rate_distortion(p, dist, d)
            peer = _scipy_rate_distortion(p, dist, d)
            # sanov's value is certified (an upper bound within gap); SLSQP only converges
            # to its own tolerance.
            assert r.rate == pytest.approx(peer, abs=2e-6)
            assert r.rate <= peer + 1e-9


def test_rate_distortion_bits_slope_and_errors():
    ham = 1 - np.eye(2)
    r = sanov.rate_distortion([0.5, 0.5], ham, 0.11, base=2)
    assert r.rate == pytest.approx(1 - h2(0.11), abs=1e-11)
    assert r.slope == pytest.approx(math.log(0.89 / 0.11), rel=1e-6)
    assert sanov.rate_distortion([0.3, 0.7], ham, 0.5).rate == 0.0
    with pytest.raises(sanov.InfeasibleError):
        sanov.rate_distortion([0.3, 0.7], ham, -0.1)
    with pytest.raises(sanov.ShapeError):
        sanov.rate_distortion([0.3, 0.7], np.ones((3, 2)), 0.1)
    with pytest.raises(sanov.ShapeError):
        sanov.rate_distortion([0.3, 0.7], np.ones(4), 0.1)
    with pytest.raises(sanov.DomainError):
        sanov.rate_distortion([0.3, 0.8], ham, 0.1)
    with pytest.raises(sanov.DomainError):
        sanov.rate_distortion([0.3, 0.7], [[0, np.nan], [1, 0]], 0.1)
    with pytest.raises(sanov.ConvergenceError):
        sanov.rate_distortion([0.2, 0.3, 0.5], 1 - np.eye(3), 0.1, max_iter=3)


def test_rate_distortion_against_dit_blahut_arimoto():
    """dit's Blahut-Arimoto at a slope gives an achievable point (I(Q), E d): sanov's R at
    that distortion is at most its rate, and equal up to dit's loose stopping rule."""
    dit_ba = pytest.importorskip("dit.rate_distortion.blahut_arimoto")
    rng = np.random.default_rng(3)
    p = rng.dirichlet(np.ones(4))
    dist = rng.random((4, 4))
    np.random.seed(0)  # dit draws its restarts from the global generator
    for beta in [2.0, 5.0, 10.0]:
        res, _ = dit_ba.blahut_arimoto(p, beta, distortion=lambda p_x, q: dist,
                                       max_iters=20000, restarts=3)
        ours = sanov.rate_distortion(p, dist, res.distortion, base=2)
        assert ours.rate <= res.rate + 1e-9
        assert ours.rate == pytest.approx(res.rate, abs=1e-4)
