"""Source codes against a pure-Python heapq Huffman, exact Shannon lengths and math.log2."""

from __future__ import annotations

import heapq
import math
from fractions import Fraction

import numpy as np
import pytest

import sanov


def py_huffman(p):
    """Binary Huffman with sanov's tie-break: heap of (weight, id), first popped is '0'."""
    m = len(p)
    if m == 1:
        return [""]
    heap = [(float(w), i) for i, w in enumerate(p)]
    heapq.heapify(heap)
    parent, first, nxt = {}, {}, m
    while len(heap) > 1:
        wa, a = heapq.heappop(heap)
        wb, b = heapq.heappop(heap)
        parent[a] = parent[b] = nxt
        first[a], first[b] = True, False
        heapq.heappush(heap, (wa + wb, nxt))
        nxt += 1
    out = []
    for i in range(m):
        bits, j = [], i
        while j in parent:
            bits.append("0" if first[j] else "1")
            j = parent[j]
        out.append("".join(reversed(bits)))
    return out


@pytest.mark.parametrize("m", [1, 2, 3, 5, 17, 300])
def test_huffman_matches_heapq(rng, m):
    p = rng.dirichlet(np.ones(m))
    if m > 3:
        p[1] = 0.0
        p[3] = p[2]
        p /= p.sum()
    codes, lengths, expected = sanov.huffman_code(p)
    want = py_huffman(p)
    assert codes == want
    assert lengths.dtype == np.int64
    assert lengths.tolist() == [len(c) for c in want]
    exact = float(sum(Fraction(float(a)) * len(c) for a, c in zip(p, want)))
    assert expected == pytest.approx(exact, rel=1e-15, abs=0)
    assert sanov.huffman_expected_length(p) == expected
    assert sanov.kraft_sum(lengths) == 1.0
    h = -sum(a * math.log2(a) for a in p if a > 0)
    assert h <= expected + 1e-12 and expected < h + 1


@pytest.mark.parametrize("workers", [1, 2, 3, None])
def test_huffman_workers_give_the_heapq_code(workers):
    # 40 000 symbols (the parallel path starts at 32 768), with ties and zeros.
    rng = np.random.default_rng(5)
    p = rng.integers(1, 300, size=40_000).astype(float) * 2.0 ** -rng.integers(0, 20, size=40_000)
    p[::101] = 0.0
    p /= p.sum()
    codes, lengths, expected = sanov.huffman_code(p, workers=workers)
    assert codes == py_huffman(p)
    assert lengths.tolist() == [len(c) for c in codes]
    seq = sanov.huffman_code(p, workers=1)
    assert expected == seq[2]
    assert sanov.huffman_code_lengths(p, workers=workers).tolist() == lengths.tolist()


def test_ties():
    codes, lengths, expected = sanov.huffman_code([0.2] * 5)
    assert codes == py_huffman([0.2] * 5) == ["110", "111", "00", "01", "10"]
    assert expected == pytest.approx(2.4, rel=1e-15)


def test_shannon(rng):
    p = rng.dirichlet(np.ones(50))
    want = 0.0
    for a in p:
        f = Fraction(float(a))
        length = 0
        while Fraction(1, 2**length) > f:
            length += 1
        want += float(a) * length
    assert sanov.shannon_code_expected_length(p) == pytest.approx(want, rel=1e-14)
    assert sanov.shannon_code_expected_length([0.5, 0.25, 0.25, 0.0]) == 1.5


def test_kraft():
    assert sanov.kraft_sum([1, 2, 3, 3]) == 1.0
    assert sanov.kraft_sum(np.array([1, 1, 2], dtype=np.int32)) == 1.25
    with pytest.raises(sanov.DomainError):
        sanov.kraft_sum([1, -2])


def test_ideal_and_arithmetic(rng):
    p = rng.dirichlet(np.ones(12))
    x = rng.choice(12, size=20_000, p=p)
    ideal = -math.fsum(math.log2(p[i]) for i in x)
    assert sanov.ideal_code_length(x, p) == pytest.approx(ideal, rel=1e-12)
    bits = sanov.arithmetic_code_length(x, p)
    assert isinstance(bits, int)
    assert ideal - 0.01 <= bits <= ideal + 2
    assert sanov.ideal_code_length([0, 1], [1.0, 0.0]) == math.inf
    with pytest.raises(sanov.DomainError):
        sanov.arithmetic_code_length([0, 1], [1.0, 0.0])
    with pytest.raises(sanov.DomainError):
        sanov.ideal_code_length([0, 5], [0.5, 0.5])
    with pytest.raises(sanov.ShapeError):
        sanov.ideal_code_length(np.array([], dtype=np.int64), [0.5, 0.5])


def test_errors():
    with pytest.raises(sanov.ShapeError):
        sanov.huffman_code([])
    with pytest.raises(sanov.DomainError):
        sanov.huffman_expected_length([0.5, 0.6])
    with pytest.raises(sanov.ShapeError):
        sanov.huffman_code([[0.5, 0.5]])
