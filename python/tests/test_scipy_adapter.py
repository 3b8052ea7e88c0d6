"""SciPy's own ``TestEntropy`` cases (scipy/stats/tests/test_entropy.py, SciPy 1.17), run
against sanov through a thin calling-convention adapter: SciPy normalises silently and reduces
along ``axis=0`` by default; sanov normalises on request and has no default axis.

The cases' inputs and expected values are copied from SciPy's file as data (SciPy's test
module needs its array-API fixtures). 14 of the 15 pass as SciPy wrote them (sanov's broadcast
error starts with NumPy's own sentence); ``test_input_validation`` asserts SciPy's wording for
a negative base, where sanov raises a ``ValueError`` subclass with its own wording.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov


def entropy(pk, qk=None, base=None, axis=0):
    """``scipy.stats.entropy`` in terms of sanov."""
    if qk is None:
        return sanov.entropy(pk, base, axis=axis, normalize=True)
    return sanov.kl_divergence(pk, qk, base, axis=axis, normalize=True)


PK = np.array([[0.1, 0.2], [0.6, 0.3], [0.3, 0.5]])
QK = np.array([[0.2, 0.1], [0.3, 0.6], [0.5, 0.3]])


def case_entropy_positive():
    pk = np.array([0.5, 0.2, 0.3])
    qk = np.array([0.1, 0.25, 0.65])
    assert entropy(pk, pk) == 0.0
    assert -entropy(pk, qk) < 0.0


def case_entropy_base():
    pk = np.ones(16)
    assert abs(entropy(pk, base=2.0) - 4.0) < 1e-5
    qk = np.where(np.arange(16) < 8, 2.0, np.ones(16))
    s, s2 = entropy(pk, qk), entropy(pk, qk, base=2.0)
    assert abs(s / s2 - math.log(2.0)) < 1e-5


def case_entropy_zero():
    np.testing.assert_allclose(entropy(np.array([0.0, 1.0, 2.0])), 0.63651416829481278)


def case_entropy_2d():
    np.testing.assert_allclose(entropy(PK, QK), [0.1933259, 0.18609809], rtol=1e-7)


def case_entropy_2d_zero():
    qk = np.array([[0.0, 0.1], [0.3, 0.6], [0.5, 0.3]])
    np.testing.assert_allclose(entropy(PK, qk), [np.inf, 0.18609809], rtol=1e-7)
    pk = np.array([[0.0, 0.2], [0.6, 0.3], [0.3, 0.5]])
    np.testing.assert_allclose(entropy(pk, qk), [0.17403988, 0.18609809], rtol=1e-7)


def case_entropy_base_2d_nondefault_axis():
    np.testing.assert_allclose(
        entropy(PK, axis=1), [0.63651417, 0.63651417, 0.66156324], rtol=1e-7
    )


def case_entropy_2d_nondefault_axis():
    np.testing.assert_allclose(
        entropy(PK, QK, axis=1), [0.23104906, 0.23104906, 0.12770641], rtol=1e-7
    )


def case_entropy_raises_value_error():
    with pytest.raises(ValueError, match="Array shapes are incompatible for broadcasting."):
        entropy(PK, np.array([[0.1, 0.2], [0.6, 0.3]]))


def case_base_entropy_with_axis_0_is_equal_to_default():
    np.testing.assert_allclose(entropy(PK, axis=0), entropy(PK))


def case_entropy_with_axis_0_is_equal_to_default():
    np.testing.assert_allclose(entropy(PK, QK, axis=0), entropy(PK, QK))


def case_base_entropy_transposed():
    np.testing.assert_allclose(entropy(PK.T), entropy(PK, axis=1))


def case_entropy_transposed():
    np.testing.assert_allclose(entropy(PK.T, QK.T), entropy(PK, QK, axis=1))


def case_entropy_broadcasting():
    rng = np.random.default_rng(74187315492831452)
    x = rng.random(3)
    y = rng.random((2, 1))
    res = entropy(x, y, axis=-1)
    assert res[0] == entropy(x, y[0, ...])
    assert res[1] == entropy(x, y[1, ...])


def case_entropy_shape_mismatch():
    with pytest.raises(ValueError, match="Array shapes are incompatible for broadcasting."):
        entropy(np.ones((10, 1, 12)), np.ones((11, 2)))


def case_input_validation():
    with pytest.raises(ValueError, match="`base` must be a positive number."):
        entropy(np.ones(10), base=-2)


CASES = {name: f for name, f in globals().items() if name.startswith("case_")}
#: SciPy's cases that assert SciPy's own error wording.
WORDING = {"case_input_validation"}


@pytest.mark.parametrize("name", sorted(set(CASES) - WORDING))
def test_scipy_entropy_case(name):
    CASES[name]()


@pytest.mark.parametrize("name", sorted(WORDING))
def test_scipy_entropy_error_case_raises_value_error(name):
    # sanov raises a ValueError (SanovError) where SciPy does, with its own wording.
    with pytest.raises(AssertionError, match="Regex pattern did not match|does not match"):
        CASES[name]()


def test_count():
    assert len(CASES) == 15
