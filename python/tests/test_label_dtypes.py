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


def _joint_reference(*cols):
    """The plug-in joint by numpy: np.unique(return_inverse) per column, the cell index by
    np.ravel_multi_index, counts by np.bincount, each cell count / N."""
    inv, labels = [], []
    for c in cols:
        u, i = np.unique(np.asarray(c, dtype=np.int64), return_inverse=True)
        labels.append(u)
        inv.append(i.ravel())
    shape = tuple(len(u) for u in labels)
    counts = np.bincount(np.ravel_multi_index(inv, shape), minlength=int(np.prod(shape)))
    return counts.reshape(shape) / len(cols[0]), labels


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("workers", [None, 1, 2])
def test_joint_from_samples_every_width(dtype, workers):
    x, y = _data()
    if np.dtype(dtype).kind == "u":
        x = x + 40
    z = (x * 7 + y) % 3
    xd, yd, zd = x.astype(dtype), y.astype(dtype), z.astype(dtype)
    for cols, ref_cols in [((xd, yd), (x, y)), ((xd, y, zd), (x, y, z)), ((zd,), (z,))]:
        want, want_labels = _joint_reference(*ref_cols)
        joint, labels = sanov.joint_from_samples(*cols, workers=workers)
        assert joint.dtype == np.float64 and joint.shape == want.shape
        assert np.array_equal(joint, want)  # same counts, same division: bit for bit
        assert len(labels) == len(want_labels)
        for got, ref in zip(labels, want_labels):
            assert got.dtype == np.int64 and np.array_equal(got, ref)


def test_joint_from_samples_workers_agree_on_large_and_wide_inputs():
    rng = np.random.default_rng(5)
    n = 1_000_000
    x = rng.integers(0, 100, n).astype(np.uint8)
    y = ((x.astype(np.int64) + rng.integers(0, 9, n)) % 100 - 50).astype(np.int16)
    w = rng.integers(-(2**40), 2**40, n) // 2**25 * 2**25  # wide range: the sorted path
    z = rng.integers(0, 3, n).astype(np.int8)
    for cols in [(x, y), (x, y, z), (z, w), (w,)]:
        want, want_labels = _joint_reference(*cols)
        results = [sanov.joint_from_samples(*cols, workers=k) for k in (1, 2, 3, None, 0)]
        for joint, labels in results:
            assert np.array_equal(joint, want)
            assert all(np.array_equal(a, b) for a, b in zip(labels, want_labels))


def test_joint_from_samples_strided_bool_and_errors():
    x, y = _data(10_000)
    xs = np.repeat(x.astype(np.int16), 2)[::2]  # strided view: copied, same result
    j1, _ = sanov.joint_from_samples(xs, y, workers=2)
    j2, _ = sanov.joint_from_samples(x, y, workers=1)
    assert np.array_equal(j1, j2)
    b = x > 0
    jb, lb = sanov.joint_from_samples(b, y)
    assert np.array_equal(jb, sanov.joint_from_samples(b.astype(np.int64), y)[0])
    assert lb[0].tolist() == [0, 1]
    with pytest.raises(sanov.DomainError):
        sanov.joint_from_samples(np.array([2**63, 1], dtype=np.uint64), [0, 1])
    with pytest.raises(TypeError):
        sanov.joint_from_samples(np.array([0.5, 1.0]), [0, 1], workers=2)
    with pytest.raises(sanov.ShapeError):
        sanov.joint_from_samples(np.zeros((2, 2), np.int8), [0, 1])
    with pytest.raises(sanov.ShapeError):
        sanov.joint_from_samples(np.array([], np.int8), np.array([], np.int8), workers=2)
    with pytest.raises(sanov.ShapeError):
        sanov.joint_from_samples(np.array([1, 2], np.int8), np.array([1], np.int32))
    with pytest.raises(sanov.ShapeError):
        sanov.joint_from_samples(workers=2)
    c = np.arange(1024, dtype=np.int16)
    with pytest.raises(sanov.DomainError):  # 2^30 cells
        sanov.joint_from_samples(c, c, c, workers=2)
