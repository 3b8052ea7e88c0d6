"""Huffman coding of 1e6 symbols: sanov against a pure-Python heapq Huffman, same run.

p ~ Dirichlet(1) over 1e6 symbols (numpy default_rng(0)). Target: sanov <= 100 ms. Prints the
best of a few repeats and the ratio. Run: python bench/python/bench_coding.py [--m 1000000]
"""

from __future__ import annotations

import argparse
import heapq
import time

import numpy as np

import sanov


def heapq_huffman_lengths(p):
    """Codeword lengths of the binary Huffman code (heap of (weight, id), as sanov)."""
    m = len(p)
    heap = [(w, i) for i, w in enumerate(p.tolist())]
    heapq.heapify(heap)
    parent = [0] * (2 * m - 1)
    nxt = m
    while len(heap) > 1:
        wa, a = heapq.heappop(heap)
        wb, b = heapq.heappop(heap)
        parent[a] = parent[b] = nxt
        heapq.heappush(heap, (wa + wb, nxt))
        nxt += 1
    depth = [0] * (2 * m - 1)
    for j in range(2 * m - 3, -1, -1):
        depth[j] = depth[parent[j]] + 1
    return depth[:m]


def best(f, repeats):
    t = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = f()
        t.append(time.perf_counter() - t0)
    return min(t), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--m", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    p = np.random.default_rng(0).dirichlet(np.ones(a.m))
    t_len, l_sanov = best(lambda: sanov.huffman_expected_length(p), a.repeats)
    t_code, (codes, lengths, _) = best(lambda: sanov.huffman_code(p), a.repeats)
    t_py, l_py = best(lambda: heapq_huffman_lengths(p), 1)
    assert lengths.tolist() == l_py, "sanov and heapq disagree"
    l_py_exp = float(np.dot(p, l_py))
    assert abs(l_py_exp - l_sanov) <= 1e-12 * l_sanov
    print(f"m = {a.m}, L = {l_sanov:.6f} bits/symbol")
    print(f"sanov.huffman_expected_length : {t_len * 1e3:8.1f} ms (target <= 100 ms)")
    print(f"sanov.huffman_code (+ strs)   : {t_code * 1e3:8.1f} ms")
    print(f"heapq Huffman (lengths)       : {t_py * 1e3:8.1f} ms")
    print(f"ratio heapq / sanov (lengths) : {t_py / t_len:8.1f}x")


if __name__ == "__main__":
    main()
