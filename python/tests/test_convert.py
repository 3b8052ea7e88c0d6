"""Input conversion: dtypes, containers, memory layouts, base spellings."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov
from conftest import random_dist


def test_containers_and_int_dtypes():
    want = sanov.entropy(np.array([0.25, 0.75]))
    assert sanov.entropy([0.25, 0.75]) == want
    assert sanov.entropy((0.25, 0.75)) == want
    assert sanov.entropy([1, 0]) == 0.0
    for dt in [np.int8, np.int32, np.int64, np.uint8, np.uint64, np.bool_]:
        assert sanov.entropy(np.array([1, 0], dtype=dt)) == 0.0
    assert sanov.entropy(np.array([1, 3], dtype=np.int16), normalize=True) == pytest.approx(
        sanov.entropy([0.25, 0.75])
    )
    for dt in [np.float16, np.longdouble]:
        assert sanov.entropy(np.array([0.25, 0.75], dtype=dt)) == pytest.approx(want)


def test_float32_goes_to_f32_path(rng):
    p = random_dist(rng, 1000).astype(np.float32)
    # The f32 path validates with the f32 tolerance (1e-5) and computes on the f32 values.
    got = sanov.entropy(p)
    p64 = p.astype(np.float64)
    assert got == pytest.approx(-np.sum(p64 * np.log(p64)), rel=1e-12)
    # A float32 vector off by 1e-6 passes (f32 tolerance) where float64 would not.
    q = np.array([0.5, 0.500001], dtype=np.float32)
    sanov.entropy(q)
    with pytest.raises(sanov.DomainError):
        sanov.entropy(q.astype(np.float64))
    # Mixed float32/float64 pairs follow NumPy's promotion: computed (and validated) in
    # float64, so the float32 side must sum to 1 within the float64 tolerance.
    h = np.array([0.5, 0.25, 0.25], dtype=np.float32)
    assert sanov.kl_divergence(h, h.astype(np.float64)) == 0.0
    with pytest.raises(sanov.DomainError):
        sanov.kl_divergence(p, p64)


def test_layouts(rng):
    m = np.stack([random_dist(rng, 50) for _ in range(8)])
    f = np.asfortranarray(m)
    row = m[3]
    want = sanov.entropy(row)
    assert sanov.entropy(f[3]) == want  # strided row of an F-ordered array
    assert sanov.entropy(row[::-1]) == pytest.approx(want, rel=1e-14)  # negative stride
    big = np.zeros(100)
    big[::2] = random_dist(rng, 50)
    assert sanov.entropy(big[::2]) == sanov.entropy(np.ascontiguousarray(big[::2]))
    np.testing.assert_array_equal(sanov.entropy(f, axis=1), sanov.entropy(m, axis=1))
    np.testing.assert_array_equal(sanov.entropy(m.T, axis=0), sanov.entropy(m, axis=1))
    assert sanov.kl_divergence(f[0], m[1]) == sanov.kl_divergence(m[0], m[1])
    # Read-only arrays are fine.
    ro = m[0].copy()
    ro.flags.writeable = False
    assert sanov.entropy(ro) == sanov.entropy(m[0])


@pytest.mark.parametrize(
    ("base", "factor"),
    [
        (None, 1.0),
        ("nats", 1.0),
        (math.e, 1.0),
        (2, math.log(2)),
        (2.0, math.log(2)),
        ("bits", math.log(2)),
        (10, math.log(10)),
        ("hartleys", math.log(10)),
        (3.0, math.log(3)),
        (np.float64(5.0), math.log(5)),
    ],
)
def test_bases(base, factor):
    p = [0.1, 0.2, 0.7]
    assert sanov.entropy(p, base=base) == pytest.approx(sanov.entropy(p) / factor, rel=1e-15)


@pytest.mark.parametrize("base", [1, 0, -2, math.nan, math.inf, "furlongs"])
def test_bad_bases(base):
    with pytest.raises(sanov.DomainError):
        sanov.entropy([0.5, 0.5], base=base)


def test_bad_base_type():
    with pytest.raises(TypeError):
        sanov.entropy([0.5, 0.5], base=[2])


@pytest.mark.parametrize(
    "bad", [["a", "b"], [1 + 0j, 0j], np.array([None, 0.5], dtype=object), None, {"a": 1}]
)
def test_wrong_dtype_is_type_error(bad):
    with pytest.raises(TypeError):
        sanov.entropy(bad)


def test_ragged_is_shape_error():
    with pytest.raises(sanov.ShapeError):
        sanov.entropy([[0.5, 0.5], [1.0]], axis=1)


def test_scalar_outputs_and_array_outputs():
    assert type(sanov.entropy([0.5, 0.5])) is float
    out = sanov.entropy(np.array([[0.5, 0.5]]), axis=1)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.shape == (1,)
    assert type(sanov.binary_entropy(np.float32(0.5))) is float
    assert type(sanov.binary_entropy(np.array(0.5))) is float
