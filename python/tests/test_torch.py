"""Tests of sanov.torch: the losses and measures on PyTorch tensors, with autograd.

- The torch path (the one CUDA/MPS tensors take) is forced on CPU with
  ``sanov.torch.force_torch_path()`` and compared with the Rust path, values and gradients, to
  1e-6 (float32) / 1e-12 (float64) on random and edge inputs.
- ``torch.autograd.gradcheck`` (float64) on both paths for every function and option set.
- Peers: ``F.cross_entropy``, ``F.kl_div(log_target=True)``,
  ``F.binary_cross_entropy_with_logits``, ``torch.distributions.kl_divergence``, sanov's own
  NumPy ``fisher_rao_regularizer`` / ``fisher_rao_distance``, and NumPy float64 evaluations of
  the MI bounds from their definitions (issue #20).

The device comes from ``SANOV_TEST_DEVICE`` (default ``cpu``; ``cuda`` on a GPU machine, where
the torch path runs on the device and the reference Rust path on CPU copies).
torch is an optional dependency: without it this file is skipped, unless
``SANOV_REQUIRE_TORCH=1`` (set by scripts/test-python.sh), where its absence is a failure.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys

import numpy as np
import pytest

import sanov

if os.environ.get("SANOV_REQUIRE_TORCH") == "1":
    import torch
else:
    torch = pytest.importorskip("torch", reason="torch is not installed (pip install sanov[torch])")

import torch.nn.functional as F  # noqa: E402

import sanov.torch as st  # noqa: E402

DEV = torch.device(os.environ.get("SANOV_TEST_DEVICE", "cpu"))
TOL = {torch.float32: 1e-6, torch.float64: 1e-12}
DTYPES = [torch.float32, torch.float64]


def close(a, b, dtype, scale=1.0):
    tol = TOL[dtype] * scale
    torch.testing.assert_close(
        a.detach().cpu().to(torch.float64),
        b.detach().cpu().to(torch.float64),
        rtol=tol,
        atol=tol,
        equal_nan=False,
    )


def both_paths(fn, args, grad_idx):
    """(value, grads) on the Rust path (CPU copies) and on the torch path (DEV, forced)."""
    out = []
    for torch_path in (False, True):
        dev = DEV if torch_path else torch.device("cpu")
        xs = [
            a.detach().to(dev).requires_grad_(i in grad_idx) if isinstance(a, torch.Tensor) else a
            for i, a in enumerate(args)
        ]
        with st.force_torch_path(torch_path):
            v = fn(*xs)
            if v.ndim:
                v.backward(torch.linspace(0.5, 1.5, v.numel(), dtype=v.dtype, device=v.device).reshape(v.shape))
            else:
                (v * 1.25).backward()
        out.append((v, [xs[i].grad for i in grad_idx]))
    return out


def logit_scale(x, dtype):
    """float32 tolerance factor for quantities built from log-softmax differences: a float32
    log-probability of logits of magnitude M carries a rounding error of about M ulps."""
    finite = x[torch.isfinite(x)].abs()
    return max(1.0, float(finite.max())) if dtype == torch.float32 else 1.0


def check_paths(fn, args, grad_idx, dtype, scale=1.0):
    (v0, g0), (v1, g1) = both_paths(fn, args, grad_idx)
    assert v0.dtype == v1.dtype == dtype
    close(v0, v1, dtype, scale)
    for a, b in zip(g0, g1):
        assert a is not None and b is not None
        close(a, b, dtype, scale)


@pytest.fixture
def gen():
    return torch.Generator().manual_seed(1234)


def logits_with_edges(gen, b, v, dtype, huge=1e6):
    """Random logits with a -inf entry (row 0) and a row of huge logits (row 1). Measures whose
    gradient involves log-softmax differences (KL, entropy) use huge=100: at 1e6 a float32
    log-probability carries an absolute rounding error of ~0.06 on either path."""
    x = torch.randn(b, v, generator=gen, dtype=torch.float64) * 3
    x[0, 1] = -math.inf  # a class of probability 0
    x[1, :] = x[1, :] * huge
    return x.to(dtype)


# ---------------------------------------------------------------------------------------------
# The import and the paths.


def test_import_sanov_does_not_import_torch():
    code = "import sys, sanov; assert 'torch' not in sys.modules, 'torch imported'; print('ok')"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize(
    "opts",
    [
        {},
        {"label_smoothing": 0.1},
        {"ignore_index": 2},
        {"ignore_index": -100, "label_smoothing": 0.2, "weight": True},
        {"weight": True},
        {"temperature": 2.5, "base": 2},
    ],
    ids=["plain", "smooth", "ignore", "all", "weight", "temp-bits"],
)
def test_cross_entropy_paths_agree(gen, dtype, reduction, opts):
    b, v = 8, 33
    x = logits_with_edges(gen, b, v, dtype)
    t = torch.randint(0, v, (b,), generator=gen)
    t[0] = 3  # the -inf logit is not the target
    opts = dict(opts)
    if "ignore_index" in opts:
        t[2] = opts["ignore_index"]
        t[5] = opts["ignore_index"]
    if opts.pop("weight", False):
        opts["weight"] = (torch.rand(v, generator=gen, dtype=torch.float64) + 0.1).to(dtype)
        if opts.get("label_smoothing"):
            opts["label_smoothing"] = 0.0  # -inf logits with smoothing make +inf (tested below)
    if opts.get("label_smoothing"):
        x[0, 1] = -1e30  # smoothing puts mass on every class: a -inf logit gives +inf
    check_paths(
        lambda x, t: st.softmax_cross_entropy(x, t, reduction=reduction, **opts), [x, t], [0], dtype
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("smoothing", [0.0, 0.3])
def test_cross_entropy_soft_targets_paths_agree(gen, dtype, reduction, smoothing):
    b, v = 6, 17
    x = logits_with_edges(gen, b, v, dtype)
    if smoothing:
        x[0, 1] = -50.0
    t = torch.rand(b, v, generator=gen, dtype=torch.float64)
    t[:, 4] = 0.0
    t[0, 1] = 0.0  # 0 * log 0 = 0 where the logit is -inf
    t = (t / t.sum(1, keepdim=True)).to(dtype)
    w = (torch.rand(v, generator=gen, dtype=torch.float64) + 0.5).to(dtype)
    check_paths(
        lambda x, t: st.softmax_cross_entropy(
            x, t, reduction=reduction, label_smoothing=smoothing, weight=w
        ),
        [x, t],
        [0, 1],
        dtype,
    )


def test_cross_entropy_leading_dimensions(gen):
    x = torch.randn(2, 3, 5, generator=gen, dtype=torch.float64)
    t = torch.randint(0, 5, (2, 3), generator=gen)
    per = st.softmax_cross_entropy(x, t, reduction="none")
    assert per.shape == (2, 3)
    ref = F.cross_entropy(x.reshape(6, 5), t.reshape(6), reduction="none").reshape(2, 3)
    close(per, ref, torch.float64)


def test_cross_entropy_edge_values_on_both_paths():
    for path in (False, True):
        with st.force_torch_path(path):
            x = torch.tensor([[0.0, -math.inf], [1e30, -1e30]], dtype=torch.float64, device=DEV)
            v = st.softmax_cross_entropy(x, torch.tensor([1, 0], device=DEV), reduction="none")
            assert v.tolist() == [math.inf, 0.0]
            # sum over an all-ignored batch is 0
            s = st.softmax_cross_entropy(
                x, torch.tensor([-1, -1], device=DEV), ignore_index=-1, reduction="sum"
            )
            assert s.item() == 0.0


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("direction", ["forward", "reverse"])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_kl_logits_paths_agree(gen, dtype, direction, reduction):
    a = logits_with_edges(gen, 5, 40, dtype, huge=100)
    b = torch.randn(5, 40, generator=gen, dtype=torch.float64).to(dtype)
    if direction == "reverse":
        a[0, 1] = 0.0  # keep the reverse KL finite
    check_paths(
        lambda a, b: st.kl_divergence_logits(
            a, b, direction=direction, reduction=reduction, temperature=1.7, base="bits"
        ),
        [a, b],
        [0, 1],
        dtype,
        logit_scale(a / 1.7, dtype),
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_entropy_logits_paths_agree(gen, dtype, reduction):
    x = logits_with_edges(gen, 7, 25, dtype, huge=100)
    check_paths(
        lambda x: st.entropy_logits(x, reduction=reduction, temperature=0.8),
        [x],
        [0],
        dtype,
        logit_scale(x / 0.8, dtype),
    )


def random_probs(gen, shape, dtype, zeros=True):
    p = torch.rand(*shape, generator=gen, dtype=torch.float64)
    if zeros:
        p[..., 0] = 0.0
    return (p / p.sum(-1, keepdim=True)).to(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("kind", ["entropy", "kl", "js"])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_probability_measures_paths_agree(gen, dtype, kind, reduction):
    p = random_probs(gen, (4, 3, 9), dtype)
    q = random_probs(gen, (4, 3, 9), dtype, zeros=False)
    q[0, 0, 0] = 0.3  # p = 0 < q
    q[0, 0] /= q[0, 0].sum()
    fns = {
        "entropy": (lambda p: st.entropy(p, reduction=reduction, base=2), [p], [0]),
        "kl": (lambda p, q: st.kl_divergence(p, q, reduction=reduction), [p, q], [0, 1]),
        "js": (lambda p, q: st.js_divergence(p, q, reduction=reduction, base=10), [p, q], [0, 1]),
    }
    fn, args, idx = fns[kind]
    check_paths(fn, args, idx, dtype)


def test_probability_measure_conventions():
    p = torch.tensor([[0.5, 0.5, 0.0]], dtype=torch.float64)
    q = torch.tensor([[1.0, 0.0, 0.0]], dtype=torch.float64)
    for path in (False, True):
        with st.force_torch_path(path):
            pp = p.clone().to(DEV).requires_grad_()
            qq = q.clone().to(DEV).requires_grad_()
            kl = st.kl_divergence(pp, qq)
            assert kl.item() == math.inf  # p > 0 = q
            h = st.entropy(pp)
            h.backward()
            # gradient -(log p + 1) where p > 0, 0 (not NaN) where p = 0
            assert pp.grad[0].tolist() == pytest.approx([math.log(2) - 1, math.log(2) - 1, 0.0], abs=1e-15)
            kq = st.kl_divergence(qq, pp)
            assert kq.item() == pytest.approx(math.log(2), abs=1e-15)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_bce_paths_agree(gen, dtype, reduction):
    z = (torch.randn(4, 6, generator=gen, dtype=torch.float64) * 5).to(dtype)
    y = torch.rand(4, 6, generator=gen, dtype=torch.float64).to(dtype)
    check_paths(
        lambda z, y: st.binary_cross_entropy_with_logits(z, y, reduction=reduction, base="bits"),
        [z, y],
        [0, 1],
        dtype,
    )


def test_bce_infinite_logits_on_both_paths():
    z = torch.tensor([math.inf, math.inf, -math.inf, -math.inf, 1e30], dtype=torch.float64)
    y = torch.tensor([1.0, 0.0, 0.0, 1.0, 0.0], dtype=torch.float64)
    for path in (False, True):
        with st.force_torch_path(path):
            v = st.binary_cross_entropy_with_logits(z.to(DEV), y.to(DEV), reduction="none")
            assert v.tolist() == [0.0, math.inf, 0.0, math.inf, 1e30]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_vae_kl_paths_agree(gen, dtype, reduction):
    mu = torch.randn(6, 5, generator=gen, dtype=torch.float64).to(dtype)
    lv = torch.randn(6, 5, generator=gen, dtype=torch.float64).to(dtype)
    check_paths(lambda m, l: st.vae_kl(m, l, reduction=reduction), [mu, lv], [0, 1], dtype)


# ---------------------------------------------------------------------------------------------
# gradcheck (float64), both paths.


def _gc(fn, *inputs):
    for path in (False, True):
        dev = torch.device("cpu") if not path else DEV
        xs = [a.detach().to(dev).requires_grad_(a.requires_grad) for a in inputs]
        with st.force_torch_path(path):
            assert torch.autograd.gradcheck(fn, xs, eps=1e-6, atol=1e-7, rtol=1e-6)


def d64(*shape, gen, scale=1.0, grad=True):
    return (torch.randn(*shape, generator=gen, dtype=torch.float64) * scale).requires_grad_(grad)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize(
    "opts",
    [
        {},
        {"label_smoothing": 0.15},
        {"ignore_index": 1, "weight": True},
        {"temperature": 0.7, "base": 2, "label_smoothing": 0.05, "weight": True},
    ],
)
def test_gradcheck_cross_entropy(gen, reduction, opts):
    opts = dict(opts)
    if opts.pop("weight", False):
        opts["weight"] = torch.rand(6, generator=gen, dtype=torch.float64) + 0.2
    x = d64(4, 6, gen=gen, scale=2)
    t = torch.tensor([0, 1, 5, 2])

    _gc(lambda x: st.softmax_cross_entropy(x, t.to(x.device), reduction=reduction, **opts), x)
    p = torch.rand(4, 6, generator=gen, dtype=torch.float64).requires_grad_()
    opts.pop("ignore_index", None)
    _gc(lambda x, p: st.softmax_cross_entropy(x, p, reduction=reduction, **opts), x, p)


@pytest.mark.parametrize("reduction", ["mean", "none"])
@pytest.mark.parametrize("direction", ["forward", "reverse"])
def test_gradcheck_logit_measures(gen, reduction, direction):
    a, b = d64(3, 5, gen=gen), d64(3, 5, gen=gen)
    kw = {"reduction": reduction}
    _gc(lambda a, b: st.kl_divergence_logits(a, b, direction=direction, temperature=1.3, base=2, **kw), a, b)
    _gc(lambda a, b: st.js_divergence_logits(a, b, temperature=0.9, **kw), a, b)
    _gc(lambda a: st.entropy_logits(a, base=10, **kw), a)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_gradcheck_probability_measures(gen, reduction):
    # Probabilities from a softmax, so that gradcheck's perturbations stay normalised; the
    # full gradients (off the simplex) are checked against their formulas below.
    a, b = d64(3, 6, gen=gen), d64(3, 6, gen=gen)
    kw = {"reduction": reduction}
    _gc(lambda a: st.entropy(torch.softmax(a, -1), **kw), a)
    _gc(lambda a, b: st.kl_divergence(torch.softmax(a, -1), torch.softmax(b, -1), **kw), a, b)
    _gc(lambda a, b: st.js_divergence(torch.softmax(a, -1), torch.softmax(b, -1), base=2, **kw), a, b)


def test_probability_gradients_match_their_formulas(gen):
    p = random_probs(gen, (3, 5), torch.float64, zeros=False)
    q = random_probs(gen, (3, 5), torch.float64, zeros=False)
    for path in (False, True):
        with st.force_torch_path(path):
            pp, qq = p.clone().to(DEV).requires_grad_(), q.clone().to(DEV).requires_grad_()
            st.kl_divergence(pp, qq, reduction="sum").backward()
            close(pp.grad, torch.log(p / q) + 1, torch.float64)
            close(qq.grad, -p / q, torch.float64)
            pp.grad = qq.grad = None
            st.js_divergence(pp, qq, reduction="sum").backward()
            m = (p + q) / 2
            close(pp.grad, 0.5 * torch.log(p / m), torch.float64)
            close(qq.grad, 0.5 * torch.log(q / m), torch.float64)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_gradcheck_bce_vae_gaussians(gen, reduction):
    z, y = d64(3, 4, gen=gen, scale=3), torch.rand(3, 4, generator=gen, dtype=torch.float64).requires_grad_()
    _gc(lambda z, y: st.binary_cross_entropy_with_logits(z, y, reduction=reduction), z, y)
    mu, lv = d64(3, 4, gen=gen), d64(3, 4, gen=gen)
    _gc(lambda m, l: st.vae_kl(m, l, reduction=reduction), mu, lv)
    vp = (torch.rand(3, 4, generator=gen, dtype=torch.float64) + 0.3).requires_grad_()
    vq = (torch.rand(3, 4, generator=gen, dtype=torch.float64) + 0.3).requires_grad_()
    _gc(lambda a, b, c, d: st.gaussian_kl(a, b, c, d, reduction=reduction), mu, vp, lv, vq)
    lp = (torch.randn(2, 3, 3, generator=gen, dtype=torch.float64).tril() + 2 * torch.eye(3)).requires_grad_()
    lq = (torch.randn(2, 3, 3, generator=gen, dtype=torch.float64).tril() + 2 * torch.eye(3)).requires_grad_()
    mp, mq = d64(2, 3, gen=gen), d64(2, 3, gen=gen)
    _gc(lambda a, b, c, d: st.gaussian_kl_cholesky(a, b, c, d, reduction=reduction), mp, lp, mq, lq)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_gradcheck_fisher_rao_and_mi_bounds(gen, reduction):
    mu, sig = d64(5, gen=gen), (torch.rand(5, generator=gen, dtype=torch.float64) + 0.5).requires_grad_()
    mr, sr = torch.randn(5, dtype=torch.float64), torch.rand(5, dtype=torch.float64) + 0.5
    _gc(lambda m, s: st.fisher_rao_regularizer((m, s), (mr, sr), reduction=reduction), mu, sig)
    x = d64(2, 4, gen=gen)
    r = random_probs(gen, (2, 4), torch.float64, zeros=True)
    _gc(lambda x: st.fisher_rao_regularizer(x, r.to(x.device), family="categorical", reduction=reduction), x)
    s = d64(2, 4, 4, gen=gen, scale=2)
    for fn in (st.infonce, st.nwj, st.donsker_varadhan, st.js_mi_lower_bound):
        _gc(lambda s, fn=fn: fn(s, reduction=reduction, base=2), s)


def test_fisher_rao_gradient_at_the_reference_is_zero():
    for path in (False, True):
        with st.force_torch_path(path):
            mu = torch.tensor([0.3], dtype=torch.float64, device=DEV, requires_grad=True)
            sig = torch.tensor([1.2], dtype=torch.float64, device=DEV, requires_grad=True)
            v = st.fisher_rao_regularizer((mu, sig), (0.3, 1.2))
            v.backward()
            assert v.item() == 0.0 and mu.grad.item() == 0.0 and sig.grad.item() == 0.0


# ---------------------------------------------------------------------------------------------
# Peers.


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("opts", [{}, {"label_smoothing": 0.1, "weight": True}, {"ignore_index": 0}])
def test_cross_entropy_matches_torch(gen, dtype, reduction, opts):
    opts = dict(opts)
    x = torch.randn(16, 50, generator=gen, dtype=torch.float64).to(dtype).to(DEV)
    t = torch.randint(0, 50, (16,), generator=gen).to(DEV)
    t[3] = 0
    if opts.pop("weight", False):
        opts["weight"] = (torch.rand(50, generator=gen, dtype=torch.float64) + 0.1).to(dtype).to(DEV)
    xa, xb = x.clone().requires_grad_(), x.clone().requires_grad_()
    ours = st.softmax_cross_entropy(xa, t, reduction=reduction, **opts)
    ref = F.cross_entropy(xb, t, reduction=reduction, **opts)
    close(ours, ref, dtype, 4)
    g = torch.ones_like(ours)
    ours.backward(g)
    ref.backward(g)
    close(xa.grad, xb.grad, dtype, 4)
    # soft targets
    p = torch.softmax(torch.randn(16, 50, generator=gen, dtype=torch.float64), -1).to(dtype).to(DEV)
    opts.pop("ignore_index", None)
    close(st.softmax_cross_entropy(x, p, reduction=reduction, **opts), F.cross_entropy(x, p, reduction=reduction, **opts), dtype, 4)


@pytest.mark.parametrize("dtype", DTYPES)
def test_kl_logits_matches_torch_kl_div(gen, dtype):
    a = torch.randn(8, 30, generator=gen, dtype=torch.float64).to(dtype).to(DEV)
    b = torch.randn(8, 30, generator=gen, dtype=torch.float64).to(dtype).to(DEV)
    ref = F.kl_div(F.log_softmax(b, -1), F.log_softmax(a, -1), log_target=True, reduction="batchmean")
    close(st.kl_divergence_logits(a, b), ref, dtype, 4)
    ref_r = F.kl_div(F.log_softmax(a, -1), F.log_softmax(b, -1), log_target=True, reduction="sum")
    close(st.kl_divergence_logits(a, b, direction="reverse", reduction="sum"), ref_r, dtype, 8)
    # probability tensors: torch.distributions
    pa, pb = torch.softmax(a.double(), -1), torch.softmax(b.double(), -1)
    D = torch.distributions
    ref_c = D.kl_divergence(D.Categorical(probs=pa), D.Categorical(probs=pb))
    close(st.kl_divergence(pa, pb, reduction="none"), ref_c, torch.float64, 4)
    close(st.entropy(pa, reduction="none"), D.Categorical(probs=pa).entropy(), torch.float64, 4)
    close(st.entropy_logits(a.double(), reduction="none"), D.Categorical(logits=a.double()).entropy(), torch.float64, 4)


@pytest.mark.parametrize("dtype", DTYPES)
def test_bce_matches_torch(gen, dtype):
    z = (torch.randn(5, 7, generator=gen, dtype=torch.float64) * 4).to(dtype).to(DEV)
    y = torch.rand(5, 7, generator=gen, dtype=torch.float64).to(dtype).to(DEV)
    for red in ("mean", "sum", "none"):
        za, zb = z.clone().requires_grad_(), z.clone().requires_grad_()
        ours = st.binary_cross_entropy_with_logits(za, y, reduction=red)
        ref = F.binary_cross_entropy_with_logits(zb, y, reduction=red)
        close(ours, ref, dtype, 4)
        ours.sum().backward()
        ref.sum().backward()
        close(za.grad, zb.grad, dtype, 4)


def test_gaussians_match_torch_distributions(gen):
    D = torch.distributions
    mp, mq = torch.randn(4, 3, generator=gen, dtype=torch.float64), torch.randn(4, 3, generator=gen, dtype=torch.float64)
    vp, vq = torch.rand(4, 3, generator=gen, dtype=torch.float64) + 0.2, torch.rand(4, 3, generator=gen, dtype=torch.float64) + 0.2
    ref = D.kl_divergence(D.Normal(mp, vp.sqrt()), D.Normal(mq, vq.sqrt())).sum(-1)
    dev = [t.to(DEV) for t in (mp, vp, mq, vq)]
    close(st.gaussian_kl(*dev, reduction="none"), ref, torch.float64, 8)
    ref_vae = D.kl_divergence(D.Normal(mp, vp.sqrt()), D.Normal(torch.zeros_like(mp), torch.ones_like(mp))).sum(-1)
    close(st.vae_kl(mp.to(DEV), vp.log().to(DEV), reduction="none"), ref_vae, torch.float64, 8)
    a = torch.randn(4, 3, 3, generator=gen, dtype=torch.float64)
    b = torch.randn(4, 3, 3, generator=gen, dtype=torch.float64)
    lp = torch.linalg.cholesky(a @ a.mT + 0.5 * torch.eye(3, dtype=torch.float64))
    lq = torch.linalg.cholesky(b @ b.mT + 0.5 * torch.eye(3, dtype=torch.float64))
    ref_mvn = D.kl_divergence(D.MultivariateNormal(mp, scale_tril=lp), D.MultivariateNormal(mq, scale_tril=lq))
    got = st.gaussian_kl_cholesky(mp.to(DEV), lp.to(DEV), mq.to(DEV), lq.to(DEV), reduction="none")
    close(got, ref_mvn, torch.float64, 100)


def test_fisher_rao_matches_the_numpy_api(gen):
    mu = torch.tensor([0.2, -1.0, 3.0], dtype=torch.float64, requires_grad=True)
    sig = torch.tensor([0.5, 2.0, 1.1], dtype=torch.float64, requires_grad=True)
    ref = [(0.0, 1.0), (-0.5, 1.5), (3.0, 1.1)]
    v = st.fisher_rao_regularizer((mu.to(DEV), sig.to(DEV)), (torch.tensor([r[0] for r in ref], dtype=torch.float64), torch.tensor([r[1] for r in ref], dtype=torch.float64)), reduction="none")
    v.sum().backward()
    mu_, sig_ = mu.detach(), sig.detach()
    for i, (m, s) in enumerate(ref):
        val, grad = sanov.fisher_rao_regularizer("normal", {"loc": float(mu_[i]), "scale": float(sig_[i])}, {"loc": m, "scale": s})
        d = sanov.fisher_rao_distance("normal", {"loc": float(mu_[i]), "scale": float(sig_[i])}, {"loc": m, "scale": s})
        assert v[i].item() == pytest.approx(val, rel=1e-12, abs=1e-15)
        assert v[i].item() == pytest.approx(d * d, rel=1e-12, abs=1e-15)
        assert [mu.grad[i].item(), sig.grad[i].item()] == pytest.approx(list(grad), rel=1e-10, abs=1e-14)
    # categorical: theta = logits; the NumPy gradient is in the probabilities (chain rule)
    x = torch.randn(4, dtype=torch.float64, generator=gen, requires_grad=True)
    r = random_probs(gen, (4,), torch.float64, zeros=False)
    v = st.fisher_rao_regularizer(x.to(DEV), r.to(DEV), family="categorical")
    v.backward()
    p = torch.softmax(x.detach(), -1)
    val, gp = sanov.fisher_rao_regularizer("categorical", {"probs": p.tolist()}, {"probs": r.tolist()})
    assert v.item() == pytest.approx(val, rel=1e-12)
    jac = torch.diag(p) - torch.outer(p, p)
    close(x.grad, jac @ torch.tensor(gp, dtype=torch.float64), torch.float64, 1e3)


def mi_bounds_numpy(s: np.ndarray) -> dict:
    """The four bounds of issue #20 from their definitions, in float64 NumPy (s: N x N)."""
    n = s.shape[0]
    off = ~np.eye(n, dtype=bool)
    diag = np.diag(s)

    def lse(v, axis=None):
        m = np.max(v, axis=axis, keepdims=True)
        return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(v - m), axis=axis))

    def softplus(v):
        return np.maximum(v, 0) + np.log1p(np.exp(-np.abs(v)))

    lme_off = lse(s[off]) - math.log(n * (n - 1))
    with np.errstate(over="ignore"):  # e^{1e3}: the NWJ bound is -inf in float64
        mean_exp = np.exp(lme_off)
    return {
        "infonce": math.log(n) - np.mean(lse(s, axis=1) - diag),
        "nwj": diag.mean() - math.exp(-1) * mean_exp,
        "donsker_varadhan": diag.mean() - lme_off,
        "js_mi_lower_bound": -softplus(-diag).mean() - softplus(s[off]).mean(),
    }


@pytest.mark.parametrize("scale", [1.0, 10.0, 1e3])
def test_mi_bounds_match_their_definitions(gen, scale):
    s = torch.randn(3, 6, 6, generator=gen, dtype=torch.float64) * scale
    s[..., 0, 0] += 5.0
    for name in ("infonce", "nwj", "donsker_varadhan", "js_mi_lower_bound"):
        got = getattr(st, name)(s.to(DEV), reduction="none")
        for k in range(3):
            ref = mi_bounds_numpy(s[k].numpy())[name]
            if not math.isfinite(ref):
                assert got[k].item() == ref
            else:
                assert got[k].item() == pytest.approx(ref, rel=1e-12, abs=1e-12 * scale)
        assert torch.isfinite(got).all() or name == "nwj"


def test_infonce_is_cross_entropy_and_bounded(gen):
    s = torch.randn(16, 16, generator=gen, dtype=torch.float64, device=DEV) * 4
    ref = math.log(16) - F.cross_entropy(s, torch.arange(16, device=DEV))
    close(st.infonce(s), ref, torch.float64)
    assert st.infonce(s).item() <= math.log(16)
    assert st.infonce(torch.full((1, 1), 3.0, dtype=torch.float64, device=DEV)).item() == 0.0
    # base= is a unit conversion of the same value (same path), hence the tight tolerance;
    # against F.cross_entropy (another reduction order) the float64 check above applies.
    assert st.infonce(s, base=2).item() == pytest.approx(st.infonce(s).item() / math.log(2), rel=1e-14)
    close(st.infonce(s, base=2), ref / math.log(2), torch.float64)


# ---------------------------------------------------------------------------------------------
# Errors: the same typed errors on both paths, never a panic.


BAD = [
    (lambda: st.softmax_cross_entropy(torch.zeros(2, 3, dtype=torch.int64, device=DEV), torch.tensor([0, 1], device=DEV)), TypeError),
    (lambda: st.softmax_cross_entropy(torch.zeros(2, 3, device=DEV), torch.tensor([0, 1, 2], device=DEV)), sanov.ShapeError),
    (lambda: st.softmax_cross_entropy(torch.zeros(2, 3, device=DEV), torch.tensor([0, 3], device=DEV)), sanov.DomainError),
    (lambda: st.softmax_cross_entropy(torch.zeros(2, 3, device=DEV), torch.tensor([0, -1], device=DEV)), sanov.DomainError),
    (lambda: st.softmax_cross_entropy(torch.tensor([[0.0, math.nan]], device=DEV), torch.tensor([0], device=DEV)), sanov.DomainError),
    (lambda: st.softmax_cross_entropy(torch.tensor([[0.0, math.inf]], device=DEV), torch.tensor([0], device=DEV)), sanov.DomainError),
    (lambda: st.softmax_cross_entropy(torch.tensor([[-math.inf, -math.inf]], device=DEV), torch.tensor([0], device=DEV)), sanov.DomainError),
    (lambda: st.softmax_cross_entropy(torch.zeros(2, 3, device=DEV), torch.tensor([-100, -100], device=DEV), ignore_index=-100), sanov.DomainError),
    (lambda: st.softmax_cross_entropy(torch.zeros(2, 3, device=DEV), torch.tensor([0, 1], device=DEV), label_smoothing=1.5), sanov.DomainError),
    (lambda: st.softmax_cross_entropy(torch.zeros(2, 3, device=DEV), -torch.ones(2, 3, device=DEV)), sanov.DomainError),
    (lambda: st.softmax_cross_entropy(torch.zeros(2, 3, device=DEV), torch.tensor([0, 1], device=DEV), reduction="avg"), sanov.DomainError),
    (lambda: st.softmax_cross_entropy(torch.zeros(2, 3, device=DEV), torch.tensor([0, 1], device=DEV), base=1), sanov.DomainError),
    (lambda: st.softmax_cross_entropy([[0.0]], torch.tensor([0])), TypeError),
    (lambda: st.kl_divergence_logits(torch.zeros(2, 3, device=DEV), torch.zeros(2, 4, device=DEV)), sanov.ShapeError),
    (lambda: st.kl_divergence_logits(torch.zeros(2, 3, device=DEV), torch.tensor([[0.0, 1.0, math.nan]] * 2, device=DEV)), sanov.DomainError),
    (lambda: st.entropy_logits(torch.tensor([[math.inf, 0.0]], device=DEV)), sanov.DomainError),
    (lambda: st.js_divergence_logits(torch.tensor([[math.nan, 0.0]], device=DEV), torch.zeros(1, 2, device=DEV)), sanov.DomainError),
    (lambda: st.entropy(torch.tensor([0.5, 0.6], device=DEV)), sanov.DomainError),
    (lambda: st.kl_divergence(torch.tensor([1.5, -0.5], device=DEV), torch.tensor([0.5, 0.5], device=DEV)), sanov.DomainError),
    (lambda: st.kl_divergence(torch.tensor([0.5, 0.5], device=DEV), torch.tensor([0.2, 0.3, 0.5], device=DEV)), sanov.ShapeError),
    (lambda: st.js_divergence(torch.tensor([math.nan, 1.0], device=DEV), torch.tensor([0.5, 0.5], device=DEV)), sanov.DomainError),
    (lambda: st.binary_cross_entropy_with_logits(torch.tensor([0.0], device=DEV), torch.tensor([1.5], device=DEV)), sanov.DomainError),
    (lambda: st.binary_cross_entropy_with_logits(torch.tensor([math.nan], device=DEV), torch.tensor([1.0], device=DEV)), sanov.DomainError),
    (lambda: st.binary_cross_entropy_with_logits(torch.tensor([0.0, 1.0], device=DEV), torch.tensor([1.0], device=DEV)), sanov.ShapeError),
    (lambda: st.vae_kl(torch.tensor([[math.inf]], device=DEV), torch.zeros(1, 1, device=DEV)), sanov.DomainError),
    (lambda: st.vae_kl(torch.zeros(2, 2, device=DEV), torch.zeros(2, 3, device=DEV)), sanov.ShapeError),
    (lambda: st.gaussian_kl(*[torch.ones(2, device=DEV)] * 3, torch.tensor([1.0, 0.0], device=DEV)), sanov.DomainError),
    (lambda: st.fisher_rao_regularizer((torch.zeros(2, device=DEV), torch.tensor([1.0, -1.0], device=DEV)), (0.0, 1.0)), sanov.DomainError),
    (lambda: st.fisher_rao_regularizer((torch.zeros(3, device=DEV), -torch.ones(3, device=DEV)), (0.0, 1.0), family="von_mises"), sanov.DomainError),
    (lambda: st.fisher_rao_regularizer(torch.zeros(3, device=DEV), torch.ones(3, device=DEV), family="gamma"), sanov.DomainError),
    (lambda: st.infonce(torch.zeros(2, 3, device=DEV)), sanov.ShapeError),
    (lambda: st.nwj(torch.zeros(1, 1, device=DEV)), sanov.DomainError),
    (lambda: st.donsker_varadhan(torch.tensor([[0.0, math.inf], [0.0, 0.0]], device=DEV)), sanov.DomainError),
]


@pytest.mark.parametrize("torch_path", [False, True])
@pytest.mark.parametrize("case", range(len(BAD)))
def test_bad_input_raises_typed_errors(case, torch_path):
    fn, exc = BAD[case]
    with st.force_torch_path(torch_path), pytest.raises(exc):
        fn()


# ---------------------------------------------------------------------------------------------
# In a training loop.


def make_classifier(seed):
    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(20, 32), torch.nn.Tanh(), torch.nn.Linear(32, 10)).to(DEV)


def train(loss_fn, steps=200, seed=0):
    g = torch.Generator().manual_seed(7)
    x = torch.randn(256, 20, generator=g).to(DEV)
    y = torch.randint(0, 10, (256,), generator=g).to(DEV)
    model = make_classifier(seed)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    curve = []
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        curve.append(loss.item())
    return np.array(curve)


def test_training_curve_matches_f_cross_entropy():
    ours = train(lambda z, y: st.softmax_cross_entropy(z, y))
    ref = train(F.cross_entropy)
    assert ours[-1] < 0.7 * ours[0]  # it trains
    assert np.max(np.abs(ours - ref)) <= 1e-5


def test_torch_compile_runs():
    model = make_classifier(1)
    x = torch.randn(64, 20, device=DEV)
    y = torch.randint(0, 10, (64,), device=DEV)

    def step(x, y):
        return st.softmax_cross_entropy(model(x), y, label_smoothing=0.1)

    compiled = torch.compile(step)
    loss = compiled(x, y)
    loss.backward()
    ref = F.cross_entropy(model(x), y, label_smoothing=0.1)
    assert loss.item() == pytest.approx(ref.item(), rel=1e-5)
    assert all(p.grad is not None for p in model.parameters())


def test_workers_and_noncontiguous_inputs(gen):
    x = torch.randn(40, 64, generator=gen, dtype=torch.float64).t()  # non-contiguous
    t = torch.randint(0, 40, (64,), generator=gen)
    a = st.softmax_cross_entropy(x, t, workers=1)
    b = st.softmax_cross_entropy(x.contiguous(), t, workers=2)
    assert a.item() == pytest.approx(b.item(), rel=1e-14)
    assert a.item() == pytest.approx(F.cross_entropy(x, t).item(), rel=1e-12)
