"""Integer labels of every width are read in place and give exactly the int64 results."""

import numpy as np
import pytest
from sklearn.metrics import (
    adjusted_mutual_info_score,
    mutual_info_score,
    normalized_mutual_info_score,
)

import sanov

DTYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]


def _data(n=300_000, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.integers(-40, 60, n)
    y = (x + rng.integers(0, 7, n)) % 50
    return x, y


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("workers", [1, 2])
def test_every_width_equals_int64(dtype, workers):
    x, y = _data()
    if np.dtype(dtype).kind == "u":
        x = x + 40  # non-negative for unsigned types
    xd, yd = x.astype(dtype), y.astype(dtype)
    assert np.array_equal(xd.astype(np.int64), x)
    want = sanov.mutual_information_from_labels(x, y, workers=1)
    assert sanov.mutual_information_from_labels(xd, yd, workers=workers) == want
    assert sanov.mutual_information_from_labels(xd, y, workers=workers) == want
    assert want == pytest.approx(mutual_info_score(x, y), rel=1e-12, abs=1e-15)
    ce = sanov.conditional_entropy_from_labels(x, y, workers=1)
    assert sanov.conditional_entropy_from_labels(xd, yd, workers=workers) == ce
    nmi = sanov.normalized_mutual_information(x, y, workers=1)
    assert sanov.normalized_mutual_information(xd, yd, workers=workers) == nmi
    assert nmi == pytest.approx(normalized_mutual_info_score(x, y), rel=1e-12)
    ami = sanov.adjusted_mutual_information(xd, yd, workers=workers)
    assert ami == sanov.adjusted_mutual_information(x, y, workers=1)
    assert ami == pytest.approx(adjusted_mutual_info_score(x, y), rel=1e-9)


def test_counts_equal_bincount_sequential_and_parallel():
    x, y = _data(1_000_000)
    xs = (x + 40).astype(np.uint8)
    ys = y.astype(np.int16)
    a = sanov.mutual_information_from_labels(xs, ys, workers=1)
    b = sanov.mutual_information_from_labels(xs, ys, workers=2)
    assert a == b
    # Independent reference: the joint counts from numpy.bincount.
    k = 50
    joint = np.bincount(xs.astype(np.int64) * k + ys, minlength=100 * k).reshape(100, k)
    n = joint.sum()
    px, py = joint.sum(1), joint.sum(0)
    nz = joint > 0
    ref = float(np.sum(joint[nz] / n * np.log(n * joint[nz] / np.outer(px, py)[nz])))
    assert a == pytest.approx(ref, rel=1e-12)


def test_strided_bool_and_errors_as_before():
    x, y = _data(10_000)
    xs = np.repeat(x.astype(np.int16), 2)[::2]  # strided view: copied, same result
    assert sanov.mutual_information_from_labels(xs, y) == sanov.mutual_information_from_labels(x, y)
    b = (x > 0)
    assert sanov.mutual_information_from_labels(b, y) == sanov.mutual_information_from_labels(
        b.astype(np.int64), y
    )
    big = np.array([2**63, 1], dtype=np.uint64)
    with pytest.raises(sanov.DomainError):
        sanov.mutual_information_from_labels(big, [0, 1])
    with pytest.raises(TypeError):
        sanov.mutual_information_from_labels(np.array([0.5, 1.0]), [0, 1])
    with pytest.raises(sanov.ShapeError):
        sanov.mutual_information_from_labels(np.zeros((2, 2), np.int8), [0, 1])
    with pytest.raises(sanov.ShapeError):
        sanov.mutual_information_from_labels(np.array([], np.int8), np.array([], np.int8))
    with pytest.raises(sanov.ShapeError):
        sanov.mutual_information_from_labels(np.array([1, 2], np.int8), np.array([1], np.int32))
