"""The reproducers of issue #17 (hostile input), Python side: one test each.

Allocation-size cases run in a child process with a memory cap (``hostile_util``), so that a
regression aborts the child, not the test runner.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov
from hostile_util import outcome_of

# --- 1. aborts and panics -------------------------------------------------------------------

MVN = "{'mean': np.zeros(1000), 'cov': np.eye(1000)}"

TOO_LARGE = [
    # (expression, the argument the message must name)
    ("sanov.joint_from_sparse([2]*40, [[0]*40], [1.0])", "shape"),
    ("sanov.joint_from_sparse([2]*29, [[0]*29], [1.0])", "shape"),
    ("sanov.joint_from_sparse([2**62, 2**62], [[0, 0]], [1.0])", "shape"),
    ("sanov.fisher_information('mvn', mean=np.zeros(1000), cov=np.eye(1000))", "cov"),
    (f"sanov.fisher_rao_distance('mvn', {MVN}, {MVN})", "cov"),
    (f"sanov.cramer_rao_bound('mvn', {MVN}, n=3)", "cov"),
    (f"sanov.kl_hessian('mvn', {MVN})", "cov"),
    (
        "sanov.fisher_rao_geodesic('normal', {'loc': 0, 'scale': 1}, {'loc': 1, 'scale': 2}, "
        "n_points=10**12)",
        "n_points",
    ),
    (
        "sanov.fisher_rao_geodesic('categorical', {'probs': [0.5, 0.5]}, {'probs': [0.2, 0.8]}, "
        "n_points=10**12)",
        "n_points",
    ),
    ("sanov.figure1_series(d=10**12)", "d"),
    ("sanov.figure1_series(d=2**64 - 1)", "d"),
    ("sanov.typewriter_channel(10**12)", "k"),
    ("sanov.symmetric_channel(10**12, 0.1)", "k"),
    ("sanov.entropy(np.broadcast_to(2.0**-33, (2**33,)))", "broadcast"),
    ("sanov.xlogy(np.ones((10**6, 1)), np.ones(10**7))", "x"),
]


@pytest.mark.parametrize(("expr", "arg"), TOO_LARGE)
def test_sizes_are_checked_before_allocating(expr, arg):
    o = outcome_of(expr)
    assert o["type"] == "MemoryError", o
    assert arg in o["msg"], o
    # The size is in the message (a number of elements or bytes).
    assert any(ch.isdigit() for ch in o["msg"]), o


ARR33 = "np.full((1,) * 33, 1.0)"

THIRTY_THREE = [
    f"sanov.entropy({ARR33})",
    f"sanov.entropy({ARR33}, axis=0)",
    f"sanov.kl_divergence({ARR33}, {ARR33}, axis=0)",
    f"sanov.renyi_entropy({ARR33}, 2.0)",
    f"sanov.joint_entropy({ARR33})",
    f"sanov.xlogy({ARR33}, 1.0)",
    f"sanov.xlogx({ARR33})",
    f"sanov.softmax({ARR33})",
    f"sanov.ksg_mutual_information({ARR33}, {ARR33})",
    f"sanov.plugin_entropy(np.zeros((1,) * 33, dtype=np.int64))",
    f"sanov.normalize({ARR33}, axis=0)",
    "sanov.entropy(np.zeros((1,) * 40).tolist())",
]


@pytest.mark.parametrize("expr", THIRTY_THREE)
def test_more_than_32_dimensions_is_a_shape_error(expr):
    o = outcome_of(expr)
    assert o["type"] == "ShapeError", o
    assert "dimensions" in o["msg"], o


def test_zero_stride_views_small_enough_are_read():
    p = np.broadcast_to(0.25, (4,))
    assert sanov.entropy(p) == pytest.approx(math.log(4), rel=1e-15)
    m = np.broadcast_to(np.array([0.5, 0.5]), (3, 2))
    np.testing.assert_allclose(sanov.entropy(m, axis=1), [math.log(2)] * 3, rtol=1e-15)


# --- 4. wrong error types and misleading messages -------------------------------------------

rng = np.random.default_rng(5)
X = rng.normal(size=(50, 1))
Y = X + rng.normal(size=(50, 1))
S = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 1] * 5)
X1 = X

OUT_OF_RANGE = [
    (lambda: sanov.ksg_mutual_information(X, Y, k=2**64), "k = 18446744073709551616"),
    (lambda: sanov.ksg_mutual_information(X, Y, k=-1), "k = -1"),
    (lambda: sanov.kozachenko_leonenko_entropy(X, k=-1), "k = -1"),
    (lambda: sanov.ksg_mutual_information(X, Y, seed=-1, jitter=1e-9), "seed = -1"),
    (lambda: sanov.ksg_mutual_information(X, Y, seed=2**64), "seed = 18446744073709551616"),
    (lambda: sanov.ksg_mutual_information(X, Y, algorithm=2**70), "algorithm = "),
    (lambda: sanov.channel_capacity(np.eye(2), max_iter=-1), "max_iter = -1"),
    (lambda: sanov.rate_distortion([0.5, 0.5], 1 - np.eye(2), 0.1, max_iter=-1), "max_iter = -1"),
    (lambda: sanov.maxent([1.0, 2.0], [1.0, 2.0], 1.5, max_iter=-1), "max_iter = -1"),
    (lambda: sanov.nsb_entropy([0, 1, 1], alphabet_size=-1), "alphabet_size = -1"),
    (
        lambda: sanov.fisher_rao_geodesic(
            "normal", {"loc": 0, "scale": 1}, {"loc": 1, "scale": 1}, n_points=-1
        ),
        "n_points = -1",
    ),
    (lambda: sanov.symmetric_channel(-1, 0.1), "k = -1"),
    (lambda: sanov.typewriter_channel(-3), "k = -3"),
    (lambda: sanov.figure1_series(d=-1), "d = -1"),
    (lambda: sanov.figure1_series(d=10, seed=-1), "seed = -1"),
    (
        lambda: sanov.softmax_cross_entropy(np.zeros((2, 3)), [0, 1], ignore_index=2**70),
        "ignore_index = 1180591620717411303424",
    ),
    (lambda: sanov.joint_from_sparse([-1, 2], [[0, 0]], [1.0]), "shape[0] = -1"),
    (lambda: sanov.joint_from_sparse([2, 2], [[0, 2**70]], [1.0]), "outcomes[0][1] = "),
    (lambda: sanov.mutual_information(np.full((2, 2), 0.25), [2**70], [1]), "x[0] = "),
    (lambda: sanov.entropy([0.5, 0.5], workers=-1), "workers = -1"),
    (lambda: sanov.entropy([0.5, 0.5], workers=2**70), "workers = "),
    (lambda: sanov.cross_entropy_loss([0.5, 0.5], 10**30), "target = 1000000000000000000000000000000"),
    # Time-series and sample-estimator sizes: a negative int used to become 0 silently.
    (lambda: sanov.transfer_entropy(S, S, k=-1), "k = -1"),
    (lambda: sanov.transfer_entropy(S, S, delay=-2), "delay = -2"),
    (lambda: sanov.transfer_entropy(S, S, l=2**70), "l = 1180591620717411303424"),
    (lambda: sanov.transfer_entropy(S, S, m=-1), "m = -1"),
    (lambda: sanov.transfer_entropy(S, S, alphabet_size=-1, estimator="nsb"), "alphabet_size = -1"),
    (lambda: sanov.transfer_entropy(X1, X1, estimator="ksg", n_neighbors=-3), "n_neighbors = -3"),
    (lambda: sanov.transfer_entropy_test(S, S, n_permutations=-5), "n_permutations = -5"),
    (
        lambda: sanov.transfer_entropy_test(S, S, surrogate="block", block_length=-1),
        "block_length = -1",
    ),
    (lambda: sanov.active_information_storage(S, k=-1), "k = -1"),
    (lambda: sanov.block_entropy(S, -1), "block = -1"),
    (lambda: sanov.entropy_rate(S, 2**64), "block = 18446744073709551616"),
    (lambda: sanov.permutation_entropy(X1[:, 0], -2), "order = -2"),
    (lambda: sanov.permutation_entropy(X1[:, 0], 3, delay=-1), "delay = -1"),
    (lambda: sanov.spacing_entropy(X1[:, 0], window_length=-1), "window_length = -1"),
    (lambda: sanov.knn_kl_divergence(X1, X1, k=-1), "k = -1"),
    (lambda: sanov.knn_renyi_divergence(X1, X1, 2.0, k=-1), "k = -1"),
    (lambda: sanov.mutual_information_test(S, S, n_permutations=-1), "n_permutations = -1"),
    (lambda: sanov.mutual_information_bootstrap(S, S, n_resamples=-1), "n_resamples = -1"),
    (
        lambda: sanov.mutual_information_test(X1, X1, estimator="ksg", n_neighbors=-1),
        "n_neighbors = -1",
    ),
]


@pytest.mark.parametrize(("call", "msg"), OUT_OF_RANGE)
def test_out_of_range_ints_name_the_argument(call, msg):
    with pytest.raises(sanov.DomainError) as e:
        call()
    assert msg in str(e.value)


EMPTY = [
    lambda: sanov.plugin_entropy([]),
    lambda: sanov.miller_madow_entropy([]),
    lambda: sanov.grassberger_entropy([]),
    lambda: sanov.chao_shen_entropy([]),
    lambda: sanov.nsb_entropy([], 3),
    lambda: sanov.mutual_information_from_labels([], []),
    lambda: sanov.conditional_entropy_from_labels([], []),
    lambda: sanov.normalized_mutual_information([], []),
    lambda: sanov.adjusted_mutual_information([], []),
    lambda: sanov.joint_from_samples([], []),
    lambda: sanov.entropy([]),
    lambda: sanov.log_multinomial_coefficient([]),
]


@pytest.mark.parametrize("call", EMPTY)
def test_empty_lists_are_shape_errors(call):
    with pytest.raises(sanov.ShapeError, match="empty"):
        call()


def test_messages_name_python_arguments_not_rust_items():
    x = np.repeat(np.arange(10.0), 5).reshape(-1, 1)
    with pytest.raises(sanov.DomainError) as e:
        sanov.ksg_mutual_information(x, x)
    m = str(e.value)
    assert "Noise::" not in m and "jitter" in m and "duplicates" in m
    assert "= 0 " not in m  # no made-up value
    with pytest.raises(sanov.ShapeError) as e:
        sanov.joint_from_samples([1, 2, 3], [1, 2])
    assert "[i]" not in str(e.value) and "3" in str(e.value) and "2" in str(e.value)


def test_axis_is_suggested_only_where_it_exists():
    with pytest.raises(sanov.ShapeError, match="axis="):
        sanov.entropy([[0.5, 0.5]])
    for call in [
        lambda: sanov.plugin_entropy([[1, 2]]),
        lambda: sanov.huffman_code([[0.5, 0.5]]),
        lambda: sanov.log_multinomial_coefficient([[1, 2]]),
        lambda: sanov.check_probability_vector([[0.5, 0.5]]),
    ]:
        with pytest.raises(sanov.ShapeError) as e:
            call()
        assert "axis" not in str(e.value), str(e.value)


def test_floats_are_printed_compactly():
    with pytest.raises(sanov.DomainError) as e:
        sanov.renyi_entropy([0.5, 0.5], -1e308)
    assert "1e308" in str(e.value) and len(str(e.value)) < 200
    with pytest.raises(sanov.DomainError) as e:
        sanov.entropy([1e308, 0.5])
    assert "1e308" in str(e.value) and len(str(e.value)) < 300


def test_read_only_and_aliasing_out_buffers():
    logits = np.zeros((2, 3))
    out = np.zeros((2, 3))
    out.flags.writeable = False
    with pytest.raises(TypeError, match="not writable"):
        sanov.softmax_cross_entropy_grad(logits, [0, 1], out=out)
    ro = np.zeros((2, 3))
    ro.flags.writeable = False
    with pytest.raises(TypeError, match="not writable"):
        sanov.softmax_cross_entropy_grad(ro, [0, 1], in_place=True)
    # The gradient buffer aliasing a target of the same call.
    probs = np.full((2, 3), 1 / 3)
    with pytest.raises(TypeError, match="alias"):
        sanov.softmax_cross_entropy_grad(probs, probs, in_place=True)


def test_nan_policy_none_names_the_argument():
    with pytest.raises(TypeError, match="nan_policy"):
        sanov.entropy([0.5, 0.5], nan_policy=None)
    with pytest.raises(sanov.DomainError, match="nan_policy"):
        sanov.kl_divergence([0.5, 0.5], [0.5, 0.5], nan_policy="ignore")


# --- 3. silent wrong numbers (binding side) -------------------------------------------------


def test_masked_arrays_are_refused():
    m = np.ma.masked_array([0.5, 0.5, 7.0], mask=[False, False, True])
    for call in [
        lambda: sanov.entropy(m),
        lambda: sanov.kl_divergence(m, m),
        lambda: sanov.plugin_entropy(np.ma.masked_array([1, 2], mask=[0, 1])),
        lambda: sanov.xlogx(m),
    ]:
        with pytest.raises(TypeError, match="masked"):
            call()
    # What the message suggests works.
    assert sanov.entropy(m.compressed()) == pytest.approx(math.log(2))


def test_uint64_beyond_int64_is_not_reinterpreted():
    big = np.array([2**64 - 1, 1], dtype=np.uint64)
    with pytest.raises(sanov.DomainError, match="18446744073709551615"):
        sanov.log_multinomial_coefficient(big)
    with pytest.raises(sanov.DomainError, match="18446744073709551615"):
        sanov.softmax_cross_entropy(np.zeros((2, 3)), big)
    with pytest.raises(sanov.DomainError, match="18446744073709551615"):
        sanov.plugin_entropy(big)
    # uint64 within range still works.
    assert sanov.log_multinomial_coefficient(np.array([1, 1], dtype=np.uint64)) == pytest.approx(
        math.log(2)
    )


def test_grad_in_place_with_out_is_refused():
    logits = np.zeros((2, 3))
    with pytest.raises(TypeError, match="not both"):
        sanov.softmax_cross_entropy_grad(logits, [0, 1], in_place=True, out=np.zeros((2, 3)))


# --- 5. array semantics as SciPy users expect ------------------------------------------------


def test_strided_and_reversed_integer_targets_are_copied():
    z = np.random.default_rng(0).normal(size=(4, 5))
    t = np.array([0, 9, 1, 9, 2, 9, 3, 9])
    want = sanov.softmax_cross_entropy(z, np.ascontiguousarray(t[::2]))
    assert sanov.softmax_cross_entropy(z, t[::2]) == want
    r = np.array([3, 2, 1, 0])
    assert sanov.softmax_cross_entropy(z, r[::-1]) == sanov.softmax_cross_entropy(z, [0, 1, 2, 3])
    loss, g = sanov.softmax_cross_entropy_grad(z, t[::2])
    assert loss == want and g.shape == z.shape


def test_float16_is_checked_at_float16_precision():
    p = (np.arange(1, 8) / 28).astype(np.float16)
    assert abs(float(p.astype(np.float64).sum()) - 1) > 1e-5  # off at float32 precision
    got = sanov.entropy(p)
    q = p.astype(np.float64) / p.astype(np.float64).sum()
    assert got == pytest.approx(-(q * np.log(q)).sum(), rel=1e-14)
    assert sanov.kl_divergence(p, p) == 0.0
    with pytest.raises(sanov.DomainError, match="float16"):
        sanov.entropy(np.array([0.5, 0.6], dtype=np.float16))


def test_n_dimensional_axis_and_keepdims():
    rng = np.random.default_rng(1)
    p = rng.random((3, 4, 5))
    p /= p.sum(axis=1, keepdims=True)
    want = np.array([[sanov.entropy(p[i, :, j]) for j in range(5)] for i in range(3)])
    np.testing.assert_allclose(sanov.entropy(p, axis=1), want, rtol=1e-14)
    np.testing.assert_allclose(sanov.entropy(p, axis=-2), want, rtol=1e-14)
    assert sanov.entropy(p, axis=1, keepdims=True).shape == (3, 1, 5)
    q = rng.random((3, 4, 5))
    q /= q.sum(axis=1, keepdims=True)
    kl = sanov.kl_divergence(p, q, axis=1)
    np.testing.assert_allclose(
        kl, [[sanov.kl_divergence(p[i, :, j], q[i, :, j]) for j in range(5)] for i in range(3)]
    )
    # Last axis, F-ordered input, keepdims on 2-D.
    m = np.asfortranarray(p[:, :, 0].T)
    np.testing.assert_allclose(sanov.entropy(m, axis=0), sanov.entropy(p[:, :, 0], axis=1))
    assert sanov.entropy(p[:, :, 0], axis=1, keepdims=True).shape == (3, 1)
    with pytest.raises(sanov.ShapeError, match="axis 3 is out of bounds"):
        sanov.entropy(p, axis=3)


def test_p_and_q_broadcast_as_numpy_does():
    rng = np.random.default_rng(74187315492831452)
    x = rng.random(3)
    y = rng.random((2, 1))
    res = sanov.kl_divergence(x, y, axis=-1, normalize=True)
    assert res.shape == (2,)
    for i in range(2):
        assert res[i] == sanov.kl_divergence(x, np.repeat(y[i], 3), normalize=True)
    p = rng.random((4, 1, 6))
    q = rng.random((5, 6))
    out = sanov.js_divergence(p, q, axis=-1, normalize=True)
    assert out.shape == (4, 5)
    with pytest.raises(sanov.ShapeError, match="broadcast"):
        sanov.kl_divergence(np.ones((10, 1, 12)), np.ones((11, 2)), axis=0, normalize=True)


def test_nan_policy_omit():
    p = np.array([0.5, np.nan, 0.5])
    assert sanov.entropy(p, nan_policy="omit") == pytest.approx(math.log(2))
    q = np.array([0.25, 0.5, np.nan])
    # Paired: positions with NaN in either are dropped from both.
    assert sanov.kl_divergence(p, q, nan_policy="omit", normalize=True) == pytest.approx(
        sanov.kl_divergence([1.0], [1.0])
    )
    m = np.array([[0.5, np.nan, 0.5], [0.2, 0.3, 0.5], [np.nan, np.nan, np.nan]])
    out = sanov.entropy(m, axis=1, nan_policy="omit")
    assert out[0] == pytest.approx(math.log(2))
    assert out[1] == sanov.entropy(m[1])
    assert math.isnan(out[2])
    # With normalize=True the omitted entries are left out of the sum too.
    w = np.array([1.0, np.nan, 3.0])
    assert sanov.entropy(w, normalize=True, nan_policy="omit") == pytest.approx(
        sanov.entropy([0.25, 0.75])
    )


# --- E (#18 item 5): any array-like, DLPack -----------------------------------------------


class _DLPackOnly:
    """An object that offers only the DLPack protocol (as JAX or CuPy arrays do)."""

    def __init__(self, a, device=(1, 0)):
        self._a = a
        self._device = device

    def __dlpack__(self, **kwargs):
        return self._a.__dlpack__(**kwargs)

    def __dlpack_device__(self):
        return self._device


class _ArrayOnly:
    def __init__(self, a):
        self._a = a

    def __array__(self, dtype=None, copy=None):
        return self._a


def test_dlpack_and_array_protocol_objects():
    p = np.array([0.25, 0.25, 0.5])
    want = sanov.entropy(p)
    assert sanov.entropy(_DLPackOnly(p)) == want
    assert sanov.entropy(np.from_dlpack(_DLPackOnly(p))) == want
    assert sanov.kl_divergence(_DLPackOnly(p), _ArrayOnly(p)) == 0.0
    assert sanov.entropy(_ArrayOnly(p.astype(np.float32))) == pytest.approx(want, rel=1e-6)
    assert sanov.plugin_entropy(_DLPackOnly(np.array([1, 2, 2]))) == sanov.plugin_entropy([1, 2, 2])


def test_non_cpu_device_points_to_sanov_torch():
    p = np.array([0.5, 0.5])
    with pytest.raises(TypeError, match="sanov.torch") as e:
        sanov.entropy(_DLPackOnly(p, device=(2, 0)))
    assert "cuda:0" in str(e.value)
    with pytest.raises(TypeError, match="sanov.torch"):
        sanov.softmax(_DLPackOnly(np.zeros((2, 2)), device=(2, 1)))


def test_pandas_series():
    pd = pytest.importorskip("pandas")
    s = pd.Series([0.25, 0.75])
    assert sanov.entropy(s) == sanov.entropy([0.25, 0.75])


def test_torch_tensors():
    torch = pytest.importorskip("torch")
    t = torch.tensor([0.25, 0.75], dtype=torch.float64)
    assert sanov.entropy(t) == sanov.entropy([0.25, 0.75])
    assert sanov.entropy(t.float()) == pytest.approx(sanov.entropy([0.25, 0.75]), rel=1e-6)
    if torch.cuda.is_available():
        with pytest.raises(TypeError, match="sanov.torch"):
            sanov.entropy(t.cuda())


def test_ints_beyond_float_range_name_the_float_argument():
    with pytest.raises(sanov.DomainError, match=r"p = 100000000000\.\.\.\(401-digit int\)"):
        sanov.binary_symmetric_channel(10**400)
    with pytest.raises(sanov.DomainError, match="label_smoothing = "):
        sanov.softmax_cross_entropy(np.zeros((2, 3)), [0, 1], label_smoothing=-(10**400))
