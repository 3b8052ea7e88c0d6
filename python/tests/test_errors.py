"""Error classes, messages, and that no PanicException ever escapes."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

import sanov


def test_hierarchy():
    assert issubclass(sanov.SanovError, ValueError)
    for e in [sanov.ShapeError, sanov.DomainError, sanov.ConvergenceError, sanov.InfeasibleError]:
        assert issubclass(e, sanov.SanovError)
    assert sanov.SanovError.__module__ == "sanov"


@pytest.mark.parametrize(
    ("args", "exc", "msg"),
    [
        (([0.5, -0.1, 0.6],), sanov.DomainError, r"p\[1\] = -0.1 is negative"),
        (([0.5, math.nan],), sanov.DomainError, r"p\[1\] = NaN is not finite"),
        (([0.5, math.inf],), sanov.DomainError, "not finite"),
        (([0.5, 0.4],), sanov.DomainError, "sums to 0.9"),
        (([],), sanov.ShapeError, "p is empty"),
        (([[0.5, 0.5]],), sanov.ShapeError, "must be 1-D"),
        ((np.zeros((2, 2, 2)),), sanov.ShapeError, "must be 1-D"),
        ((0.5,), sanov.ShapeError, "must be 1-D"),
    ],
)
def test_entropy_errors(args, exc, msg):
    with pytest.raises(exc, match=msg):
        sanov.entropy(*args)


def test_pair_errors():
    with pytest.raises(sanov.ShapeError, match="p has length 2 but q has length 3"):
        sanov.kl_divergence([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(sanov.DomainError, match=r"q\[0\]"):
        sanov.kl_divergence([0.5, 0.5], [-0.5, 1.5])
    with pytest.raises(sanov.ShapeError, match="q is empty"):
        sanov.js_divergence([1.0], [])
    with pytest.raises(sanov.DomainError, match="alpha"):
        sanov.renyi_entropy([0.5, 0.5], -1)
    with pytest.raises(sanov.DomainError, match="target = 3 is out of range"):
        sanov.cross_entropy_loss([0.5, 0.5], 3)
    with pytest.raises(sanov.DomainError, match="target = -1"):
        sanov.cross_entropy_loss([0.5, 0.5], -1)
    with pytest.raises(TypeError):
        sanov.cross_entropy_loss([0.5, 0.5], 1.5)
    with pytest.raises(sanov.DomainError, match="not symmetric positive definite|positive"):
        sanov.gaussian_mutual_information_cov([[1.0, 2.0], [2.0, 1.0]], [0], [1])


def test_except_value_error_still_works():
    try:
        sanov.entropy([2.0])
    except ValueError as e:
        assert "sums to 2" in str(e)
    else:  # pragma: no cover
        pytest.fail("no error")


BAD_VALUES = [
    [],
    [math.nan],
    [-1.0, 2.0],
    [math.inf],
    [-math.inf, 1.0],
    [1e308, 1e308],
    [0.0, 0.0],
    [[0.5, 0.5]],
    [[]],
    np.zeros((0, 3)),
    np.zeros((3, 0)),
    np.zeros((2, 2, 2)),
    "x",
    ["1", "2"],
    [1j],
    None,
    object(),
    [None],
    [[1.0], [1.0, 2.0]],
    np.array([1.0, 2.0])[::-1],
    2.0,
    -0.5,
    math.nan,
    10**400,
    np.float32(math.nan),
    np.array([0.5, 0.5], dtype=np.float32)[None],
]
BAD_PARAMS = [-1.0, 0.0, 0.5, 1.0, 2.0, math.nan, math.inf, -math.inf, 1e308, "a", None, -1, 10**30, -(10**40), 10**400, [1.0]]


def _call_all(a, b, k):
    """Calls every public function with bad inputs; returns the exceptions seen."""
    calls = [
        lambda: sanov.entropy(a),
        lambda: sanov.entropy(a, axis=1),
        lambda: sanov.entropy(a, axis=k),
        lambda: sanov.entropy(a, base=k),
        lambda: sanov.entropy(a, normalize=True, axis=0),
        lambda: sanov.entropy(a, nan_policy="propagate", axis=1, workers=2),
        lambda: sanov.entropy(a, workers=k),
        lambda: sanov.kl_divergence(a, b, axis=k, workers=k),
        lambda: sanov.cross_entropy(a, b),
        lambda: sanov.cross_entropy(a, b, axis=1, normalize=True),
        lambda: sanov.renyi_entropy(a, k),
        lambda: sanov.renyi_entropy(a, k, axis=0),
        lambda: sanov.tsallis_entropy(a, k),
        lambda: sanov.tsallis_entropy(a, k, axis=1),
        lambda: sanov.binary_entropy(a),
        lambda: sanov.binary_entropy(k),
        lambda: sanov.surprisal(a, base=k),
        lambda: sanov.kl_divergence(a, b),
        lambda: sanov.kl_divergence(a, b, axis=1, nan_policy="propagate"),
        lambda: sanov.js_divergence(a, b, axis=0),
        lambda: sanov.js_distance(a, b),
        lambda: sanov.js_distance(a, b, axis=1, nan_policy="propagate"),
        lambda: sanov.hellinger_distance(a, b, axis=1),
        lambda: sanov.total_variation_distance(a, b),
        lambda: sanov.chi2_divergence(a, b, axis=-1),
        lambda: sanov.cross_entropy_loss(a, k),
        lambda: sanov.cross_entropy_loss(a, b, axis=1),
        lambda: sanov.label_smoothed_cross_entropy(a, 0, k),
        lambda: sanov.label_smoothed_cross_entropy(a, b, 0.1, axis=1),
        lambda: sanov.binary_cross_entropy(a, b),
        lambda: sanov.binary_cross_entropy(a, b, reduction=k),
        lambda: sanov.binary_cross_entropy(a, a, reduction="none"),
        lambda: sanov.binary_cross_entropy_with_logits(a, b, reduction="none"),
        lambda: sanov.perplexity(a),
        lambda: sanov.perplexity(a, log_base=k),
        lambda: sanov.awgn_capacity(a),
        lambda: sanov.awgn_capacity(k, base=k),
        lambda: sanov.gaussian_mutual_information(a),
        lambda: sanov.gaussian_mutual_information(k),
        lambda: sanov.gaussian_mutual_information_cov(a, [0], [1]),
        lambda: sanov.gaussian_mutual_information_cov(a, a, b),
        lambda: sanov.gaussian_mutual_information_cov([[1.0, 0.0], [0.0, 1.0]], [k], [0]),
        lambda: sanov.xlogy(a, b),
        lambda: sanov.xlogx(a),
        lambda: sanov.logsumexp(a),
        lambda: sanov.logsumexp(a, axis=k),
        lambda: sanov.check_probability_vector(a),
        lambda: sanov.normalize(a),
        lambda: sanov.normalize(a, axis=k),
    ]
    for call in calls:
        try:
            call()
        except (sanov.SanovError, TypeError):
            pass
        except BaseException as e:  # noqa: BLE001
            raise AssertionError(f"{type(e).__module__}.{type(e).__name__}: {e!r}") from e


def test_no_panic_escapes():
    for a, b in itertools.product(BAD_VALUES, BAD_VALUES[:12]):
        _call_all(a, b, 1)
    for k in BAD_PARAMS:
        for a in BAD_VALUES[:8] + [[0.5, 0.5], [[0.5, 0.5], [1.0, 0.0]]]:
            _call_all(a, [0.5, 0.5], k)


def test_huge_ints_are_not_overflow_errors():
    # An int target beyond any class index is a DomainError naming it (issue #17 item 4).
    with pytest.raises(sanov.DomainError, match="target = 10{30}|target = 1000000000000000000000000000000"):
        sanov.cross_entropy_loss([0.5, 0.5], 10**30)
    with pytest.raises(sanov.ShapeError):
        sanov.entropy([[0.5, 0.5]], axis=10**30)
    with pytest.raises(sanov.DomainError):
        sanov.entropy([0.5, 0.5], workers=-1)
    with pytest.raises(TypeError):
        sanov.entropy([0.5, 0.5], axis=1.0)
