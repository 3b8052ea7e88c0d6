"""Tests of the logit functions: softmax_cross_entropy (+ _grad), log_softmax, softmax,
softmax_entropy, kl_divergence_logits.

References: a float64 NumPy evaluation from the definitions (independent of sanov's kernels),
finite differences for the gradient, and PyTorch's F.cross_entropy / F.kl_div where torch is
installed (those tests are skipped otherwise).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov

try:  # PyTorch is optional: its tests are skipped without it.
    import torch
    import torch.nn.functional as F
except ImportError:  # pragma: no cover - depends on the environment
    torch = None

needs_torch = pytest.mark.skipif(torch is None, reason="torch is not installed")

# float64 logits: sanov's values are a few ulps from the exact ones; NumPy's reference (a
# plain max-shift + log(sum(exp))) is itself off by ~1e-15 relative.
TOL64 = 1e-12
# float32 logits: the documented accuracy of the f32 path (1e-6 relative).
TOL32 = 1e-6


def ref_log_softmax(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    m = x.max(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (x - m) - np.log(np.exp(x - m).sum(axis=1, keepdims=True))


def ref_ce(x, target, eps=0.0, weight=None, ignore_index=None, reduction="mean"):
    """PyTorch's definition, in float64, from log_softmax."""
    ls = ref_log_softmax(x)
    b, v = ls.shape
    w = np.ones(v) if weight is None else np.asarray(weight, np.float64)
    target = np.asarray(target)
    if target.ndim == 2:
        t = (1 - eps) * target.astype(np.float64) + eps / v
        with np.errstate(invalid="ignore"):
            terms = np.where(t * w > 0, -(t * w) * ls, 0.0)
        rows = terms.sum(axis=1)
        den = b
    else:
        rows = np.zeros(b)
        den = 0.0
        for i, c in enumerate(target):
            if ignore_index is not None and c == ignore_index:
                continue
            nll = -w[c] * ls[i, c] if w[c] > 0 else 0.0
            with np.errstate(invalid="ignore"):
                smooth = np.where(w > 0, -w * ls[i], 0.0).sum()
            rows[i] = (1 - eps) * nll + eps / v * smooth if eps > 0 else nll
            den += w[c]
    if reduction == "none":
        return rows
    if reduction == "sum":
        return rows.sum()
    return rows.sum() / den


def close(a, b, rel):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return np.allclose(a, b, rtol=rel, atol=rel * 1e-3, equal_nan=False)


@pytest.fixture
def logits(rng):
    x = rng.standard_normal((6, 37)) * 3
    x[2, 5] = -np.inf
    x[4, :] += 1e4
    return x


CASES = [
    dict(),
    dict(label_smoothing=0.1),
    dict(weight="w"),
    dict(weight="w", label_smoothing=0.25),
    dict(ignore_index=-100),
    dict(ignore_index=-100, label_smoothing=0.2, weight="w"),
]


def materialise(case, rng, v):
    case = dict(case)
    if case.get("weight") == "w":
        w = rng.random(v) + 0.5
        w[3] = 0.0
        case["weight"] = w
    return case


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_cross_entropy_matches_numpy_reference(logits, rng, case, reduction, dtype):
    b, v = logits.shape
    case = materialise(case, rng, v)
    target = rng.integers(0, v, b)
    target[target == 5] = 6  # row 2 has a -inf logit at class 5
    if "ignore_index" in case:
        target[[0, 3]] = -100
    x = logits.astype(dtype)
    got = sanov.softmax_cross_entropy(x, target, reduction=reduction, **case)
    want = ref_ce(x, target, eps=case.get("label_smoothing", 0.0), weight=case.get("weight"),
                  ignore_index=case.get("ignore_index"), reduction=reduction)
    assert close(got, want, TOL64 if dtype == np.float64 else TOL32), (got, want)


@pytest.mark.parametrize("eps", [0.0, 0.3])
def test_soft_targets(logits, rng, eps):
    p = rng.random(logits.shape)
    p /= p.sum(axis=1, keepdims=True)
    x = logits.copy()
    x[2, 5] = 0.0  # soft targets put mass everywhere
    for reduction in ["mean", "sum", "none"]:
        got = sanov.softmax_cross_entropy(x, p, reduction=reduction, label_smoothing=eps)
        want = ref_ce(x, p, eps=eps, reduction=reduction)
        assert close(got, want, TOL64)


def test_gradient_finite_differences(rng):
    x = rng.standard_normal((3, 5))
    target = np.array([1, -1, 4])
    w = rng.random(5) + 0.5
    for kw in [dict(), dict(label_smoothing=0.2, weight=w), dict(reduction="sum")]:
        loss, g = sanov.softmax_cross_entropy_grad(x, target, ignore_index=-1, **kw)
        f = lambda z: sanov.softmax_cross_entropy(z, target, ignore_index=-1, **kw)
        assert loss == pytest.approx(f(x), rel=1e-15)
        h = 1e-6
        for i in range(3):
            for j in range(5):
                xp, xm = x.copy(), x.copy()
                xp[i, j] += h
                xm[i, j] -= h
                assert g[i, j] == pytest.approx((f(xp) - f(xm)) / (2 * h), abs=1e-8)
        assert np.all(g[1] == 0.0)


def test_gradient_out_and_in_place_share_the_values(rng):
    x = (rng.standard_normal((4, 1000)) * 4).astype(np.float32)
    t = rng.integers(0, 1000, 4)
    loss, g = sanov.softmax_cross_entropy_grad(x, t, label_smoothing=0.1)
    out = np.empty_like(x)
    loss2, g2 = sanov.softmax_cross_entropy_grad(x, t, label_smoothing=0.1, out=out)
    assert g2 is out and loss2 == loss
    assert np.array_equal(g, out)
    y = x.copy()
    loss3, g3 = sanov.softmax_cross_entropy_grad(y, t, label_smoothing=0.1, in_place=True)
    assert g3 is y and loss3 == pytest.approx(loss, rel=1e-12)
    assert np.allclose(y, g, rtol=1e-6, atol=1e-12)
    assert g.dtype == np.float32
    # Each row of softmax - target sums to 0.
    assert np.allclose(g.astype(np.float64).sum(axis=1), 0.0, atol=1e-7)


def test_float32_is_read_without_a_copy_and_outputs_keep_the_dtype(rng):
    x = rng.standard_normal((3, 8)).astype(np.float32)
    assert sanov.log_softmax(x).dtype == np.float32
    assert sanov.softmax(x).dtype == np.float32
    assert sanov.softmax_entropy(x).dtype == np.float64
    # A read-only float32 array is accepted (it is only read).
    x.setflags(write=False)
    sanov.softmax_cross_entropy(x, [0, 1, 2])


def test_transforms_against_numpy(logits):
    ls = ref_log_softmax(logits)
    assert np.allclose(sanov.log_softmax(logits), ls, rtol=TOL64, atol=1e-12)
    assert np.allclose(sanov.softmax(logits), np.exp(ls), rtol=TOL64, atol=1e-300)
    m = logits.max(axis=1)
    lse = m + np.log(np.exp(logits - m[:, None]).sum(axis=1))
    assert np.allclose(sanov.logsumexp(logits, axis=1), lse, rtol=TOL64)
    p = np.exp(ls)
    with np.errstate(invalid="ignore"):
        h = -np.where(p > 0, p * ls, 0.0).sum(axis=1)
    assert np.allclose(sanov.softmax_entropy(logits), h, rtol=1e-11)
    assert np.allclose(sanov.softmax_entropy(logits, base=2), h / math.log(2), rtol=1e-11)


def test_kl_between_logit_rows(rng):
    p = rng.standard_normal((5, 50)) * 2
    q = rng.standard_normal((5, 50)) * 2
    lp, lq = ref_log_softmax(p), ref_log_softmax(q)
    want = (np.exp(lp) * (lp - lq)).sum(axis=1)
    assert np.allclose(sanov.kl_divergence_logits(p, q), want, rtol=1e-11, atol=1e-14)
    assert np.allclose(sanov.kl_divergence_logits(p, p), 0.0, atol=1e-14)
    q[0, 3] = -np.inf
    assert sanov.kl_divergence_logits(p, q)[0] == np.inf
    # Mixed dtypes are promoted to float64.
    assert sanov.kl_divergence_logits(p.astype(np.float32), p).shape == (5,)


def test_edge_cases():
    assert sanov.softmax_cross_entropy([[1e30, -1e30, 0.0]], [1], reduction="sum") == 2e30
    assert sanov.softmax_cross_entropy([[0.0, -np.inf]], [1]) == np.inf
    assert sanov.softmax_cross_entropy(np.array([[3.0], [-7.0]]), [0, 0], label_smoothing=0.5) == 0.0
    # All ignored: mean is an error (PyTorch: NaN), sum is 0.
    with pytest.raises(sanov.DomainError):
        sanov.softmax_cross_entropy([[0.0, 1.0]], [-100], ignore_index=-100)
    assert sanov.softmax_cross_entropy([[0.0, 1.0]], [-100], ignore_index=-100, reduction="sum") == 0.0


@pytest.mark.parametrize(
    "args, kwargs, exc",
    [
        (([[0.0, np.nan]], [0]), {}, sanov.DomainError),
        (([[0.0, np.inf]], [0]), {}, sanov.DomainError),
        (([[-np.inf, -np.inf]], [0]), {}, sanov.DomainError),
        (([[0.0, 1.0]], [2]), {}, sanov.DomainError),
        (([[0.0, 1.0]], [-3]), {}, sanov.DomainError),
        (([[0.0, 1.0]], [0, 1]), {}, sanov.ShapeError),
        (([0.0, 1.0], [0]), {}, sanov.ShapeError),
        (([[0.0, 1.0]], [0]), {"label_smoothing": 1.5}, sanov.DomainError),
        (([[0.0, 1.0]], [0]), {"weight": [1.0, -1.0]}, sanov.DomainError),
        (([[0.0, 1.0]], [0]), {"weight": [1.0]}, sanov.ShapeError),
        (([[0.0, 1.0]], [0]), {"reduction": "avg"}, sanov.DomainError),
        (([[0.0, 1.0]], [[0.5, -0.5]]), {}, sanov.DomainError),
        (([[0.0, 1.0]], ["a"]), {}, TypeError),
    ],
)
def test_errors(args, kwargs, exc):
    with pytest.raises(exc):
        sanov.softmax_cross_entropy(*args, **kwargs)


def test_grad_errors():
    with pytest.raises(sanov.DomainError):
        sanov.softmax_cross_entropy_grad([[0.0, 1.0]], [0], reduction="none")
    with pytest.raises(TypeError):
        sanov.softmax_cross_entropy_grad([[0.0, 1.0]], [0], in_place=True)
    with pytest.raises(TypeError):
        sanov.softmax_cross_entropy_grad(np.zeros((1, 2)), [0], out=np.zeros((1, 2), np.float32))


def test_workers_do_not_change_the_result(rng):
    x = rng.standard_normal((64, 3000)).astype(np.float32)
    t = rng.integers(0, 3000, 64)
    a = sanov.softmax_cross_entropy(x, t, workers=1)
    b = sanov.softmax_cross_entropy(x, t, workers=2)
    assert a == pytest.approx(b, rel=1e-14)


# --- PyTorch -------------------------------------------------------------------------------


@needs_torch
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_cross_entropy_matches_torch(logits, rng, case, reduction):
    b, v = logits.shape
    case = materialise(case, rng, v)
    x = logits.copy()
    x[2, 5] = 0.0  # torch's smoothing term gives nan at -inf logits with weight 0
    target = rng.integers(0, v, b)
    if "ignore_index" in case:
        target[[0, 3]] = -100
    kw = dict(reduction=reduction, label_smoothing=case.get("label_smoothing", 0.0))
    if "ignore_index" in case:
        kw["ignore_index"] = case["ignore_index"]
    if "weight" in case:
        kw["weight"] = torch.tensor(case["weight"])
    want = F.cross_entropy(torch.tensor(x), torch.tensor(target), **kw).numpy()
    got = sanov.softmax_cross_entropy(x, target, reduction=reduction, **case)
    assert close(got, want, 1e-12)


@needs_torch
def test_gradient_matches_torch(rng):
    x = rng.standard_normal((8, 100)).astype(np.float32) * 3
    t = rng.integers(0, 100, 8)
    t[1] = -100
    w = (rng.random(100) + 0.5).astype(np.float32)
    xt = torch.tensor(x, requires_grad=True)
    lt = F.cross_entropy(xt, torch.tensor(t), weight=torch.tensor(w), label_smoothing=0.1, ignore_index=-100)
    lt.backward()
    loss, g = sanov.softmax_cross_entropy_grad(x, t, weight=w, label_smoothing=0.1, ignore_index=-100)
    assert loss == pytest.approx(lt.item(), rel=1e-5)
    assert np.allclose(g, xt.grad.numpy(), rtol=1e-4, atol=1e-7)


@needs_torch
def test_soft_targets_and_kl_match_torch(rng):
    x = rng.standard_normal((6, 40))
    p = rng.random((6, 40))
    p /= p.sum(axis=1, keepdims=True)
    want = F.cross_entropy(torch.tensor(x), torch.tensor(p), label_smoothing=0.2).item()
    assert sanov.softmax_cross_entropy(x, p, label_smoothing=0.2) == pytest.approx(want, rel=1e-12)
    q = rng.standard_normal((6, 40))
    lp = torch.log_softmax(torch.tensor(x), dim=1)
    lq = torch.log_softmax(torch.tensor(q), dim=1)
    kl = F.kl_div(lq, lp, log_target=True, reduction="none").sum(1).numpy()
    assert np.allclose(sanov.kl_divergence_logits(x, q), kl, rtol=1e-11, atol=1e-14)
    assert np.allclose(sanov.log_softmax(x), lp.numpy(), rtol=1e-12, atol=1e-13)


@needs_torch
def test_all_ignored_differs_from_torch_as_documented():
    x = torch.zeros((2, 3))
    t = torch.tensor([-100, -100])
    assert math.isnan(F.cross_entropy(x, t).item())  # PyTorch: NaN
    with pytest.raises(sanov.DomainError):  # sanov: a typed error
        sanov.softmax_cross_entropy(x.numpy(), t.numpy(), ignore_index=-100)
