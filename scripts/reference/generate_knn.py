#!/usr/bin/env python3
"""Brute-force O(N^2) reference values for sanov's k-NN estimators (crates/sanov/src/estimators:
ksg.rs, kozachenko_leonenko.rs; crates/sanov/src/neighbors).

Writes crates/sanov/tests/data/knn_reference.txt, read by crates/sanov/tests/estimators_knn.rs.

Every estimator is evaluated here by the definition, with no tree and no search: all N^2
pairwise distances in plain Python floats, computed exactly as docs/definitions.md and the Rust docs define
them (max-norm: max_c |a_c - b_c| folded from 0.0; squared Euclidean: sum_c (a_c - b_c)^2 in
column order from 0.0), so every count and every k-th distance is bit-for-bit the one a correct
fast implementation must find. Ties among neighbours are broken by the smaller row index (this
matters to KSG algorithm 2 only). The digamma sums are then evaluated with mpmath at 30 digits.

- ksg1: KSG algorithm 1 (Kraskov et al. 2004, eq. 8), strict counts within the joint k-th
  max-norm distance: psi(k) + psi(N) - <psi(nx+1) + psi(ny+1)>.
- ksg2: KSG algorithm 2 (eq. 9): psi(k) - 1/k + psi(N) - <psi(nx) + psi(ny)>, counts <= the
  marginal extents of the k nearest joint neighbours.
- kl: Kozachenko-Leonenko, psi(N) - psi(k) + ln V_d + (d/N) sum ln r_i, r_i Euclidean.
- ross: MI between continuous x and labels (Ross 2014, as sklearn's mutual_info_classif):
  psi(N') + <psi(k_i)> - <psi(N_c)> - <psi(m_i)>, m_i counting i itself, labels seen once
  dropped; max-norm (for 1-D x, sklearn's metric).
- cmi: Frenzel-Pompe, psi(k) - <psi(n_xz+1) + psi(n_yz+1) - psi(n_z+1)>.
The flag `std` = 1 means the columns are first standardised as sanov does it: mean and
variance by left-to-right Neumaier sums, (v - mean)/sqrt(var) (population), mirrored here
operation for operation. Samples are written into the table with repr (exact round trip).

Run from the repository root:
    pip install mpmath numpy
    python scripts/reference/generate_knn.py
"""
import math
import pathlib

import mpmath as mp
import numpy as np

mp.mp.dps = 30
OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/sanov/tests/data/knn_reference.txt"


def neumaier(xs):
    s = 0.0
    c = 0.0
    for x in xs:
        t = s + x
        if abs(s) >= abs(x):
            c += (s - t) + x
        else:
            c += (x - t) + s
        s = t
    return s + c


def standardize(cols):
    """Columns (lists of floats) standardised as sanov's Samples::standardize."""
    out = []
    for v in cols:
        n = len(v)
        mean = neumaier(v) / n
        var = neumaier([(a - mean) * (a - mean) for a in v]) / n
        std = math.sqrt(var)
        out.append([(a - mean) / std if std > 0.0 else (a - mean) for a in v])
    return out


def rows_of(a):
    return [list(map(float, r)) for r in a]


def to_cols(rows):
    return [list(c) for c in zip(*rows)]


def to_rows(cols):
    return [list(r) for r in zip(*cols)]


def cheb(a, b):
    acc = 0.0
    for u, v in zip(a, b):
        acc = max(acc, abs(u - v))
    return acc


def eucl2(a, b):
    acc = 0.0
    for u, v in zip(a, b):
        d = u - v
        acc = acc + d * d
    return acc


def psi(m):
    return mp.digamma(mp.mpf(m))


def prepared(parts, std):
    """Side-by-side rows of the parts (list of row lists), standardised if asked; returns the
    joint rows and the column ranges of each part."""
    cols = []
    ranges = []
    for p in parts:
        c = to_cols(p)
        ranges.append(range(len(cols), len(cols) + len(c)))
        cols.extend(c)
    if std:
        cols = standardize(cols)
    return to_rows(cols), ranges


def sub(row, cols):
    return [row[c] for c in cols]


def knn(rows, i, k, dist):
    d = sorted((dist(rows[i], rows[j]), j) for j in range(len(rows)) if j != i)
    return d[:k]


def ksg(x, y, k, std, alg):
    z, (rx, ry) = prepared([x, y], std)
    n = len(z)
    total = mp.mpf(0)
    for i in range(n):
        nb = knn(z, i, k, cheb)
        eps = nb[-1][0]
        assert eps > 0.0
        for r in (rx, ry):
            qi = sub(z[i], r)
            if alg == 1:
                c = sum(1 for j in range(n) if j != i and cheb(qi, sub(z[j], r)) < eps)
                total += psi(c + 1)
            else:
                e = max(cheb(qi, sub(z[j], r)) for _, j in nb)
                c = sum(1 for j in range(n) if j != i and cheb(qi, sub(z[j], r)) <= e)
                total += psi(c)
    if alg == 1:
        return psi(k) + psi(n) - total / n
    return psi(k) - mp.mpf(1) / k + psi(n) - total / n


def cmi(x, y, zz, k, std):
    j, (rx, ry, rz) = prepared([x, y, zz], std)
    n = len(j)
    spaces = [(list(rx) + list(rz), 1), (list(ry) + list(rz), 1), (list(rz), -1)]
    total = mp.mpf(0)
    for i in range(n):
        eps = knn(j, i, k, cheb)[-1][0]
        assert eps > 0.0
        for cols, sign in spaces:
            qi = sub(j[i], cols)
            c = sum(1 for t in range(n) if t != i and cheb(qi, sub(j[t], cols)) < eps)
            total += sign * psi(c + 1)
    return psi(k) - total / n


def kl(x, k):
    n, d = len(x), len(x[0])
    s = mp.mpf(0)
    for i in range(n):
        r2 = knn(x, i, k, eucl2)[-1][0]
        assert r2 > 0.0
        s += mp.log(mp.mpf(r2)) / 2
    ln_vd = mp.mpf(d) / 2 * mp.log(mp.pi) - mp.loggamma(1 + mp.mpf(d) / 2)
    return psi(n) - psi(k) + ln_vd + d * s / n


def ross(x, labels, k, std):
    rows, _ = prepared([x], std)
    counts = {}
    for lab in labels:
        counts[lab] = counts.get(lab, 0) + 1
    kept = [i for i in range(len(rows)) if counts[labels[i]] >= 2]
    total = mp.mpf(0)
    for i in kept:
        same = [j for j in kept if labels[j] == labels[i]]
        kc = min(k, len(same) - 1)
        d = sorted(cheb(rows[i], rows[j]) for j in same if j != i)[kc - 1]
        assert d > 0.0
        m = sum(1 for j in kept if cheb(rows[i], rows[j]) < d)
        total += psi(kc) - psi(counts[labels[i]]) - psi(m)
    return psi(len(kept)) + total / len(kept)


def fmt_matrix(rows):
    return ",".join(repr(v) for r in rows for v in r)


def main():
    rng = np.random.default_rng(20261123)
    lines = ["# generated by scripts/reference/generate_knn.py (brute force O(N^2), mpmath 30 digits); nats; do not edit"]

    def case(name, x=None, y=None, z=None, labels=None):
        lines.append(f"case {name}")
        for tag, a in (("x", x), ("y", y), ("z", z)):
            if a is not None:
                lines.append(f"{tag} {len(a[0])} {fmt_matrix(a)}")
        if labels is not None:
            lines.append("labels " + ",".join(str(v) for v in labels))

    def value(tag, k, std, v):
        lines.append(f"{tag} {k} {int(std)} {mp.nstr(v, 20)}")

    # 1. Correlated Gaussian pair, rho = 0.6, 1-D x and y.
    n = 200
    g = rng.standard_normal((n, 2))
    x = rows_of(g[:, :1])
    y = rows_of(0.6 * g[:, :1] + 0.8 * g[:, 1:])
    case("gauss_rho06_n200", x, y)
    for k in (1, 3, 5):
        for std in (False, True):
            value("ksg1", k, std, ksg(x, y, k, std, 1))
            value("ksg2", k, std, ksg(x, y, k, std, 2))
    value("kl", 3, False, kl(x, 3))

    # 2. Multi-dimensional x (2-D) and y (3-D), nonlinear dependence.
    n = 150
    u = rng.uniform(-1, 1, (n, 2))
    x = rows_of(u)
    y = rows_of(np.column_stack([u[:, 0] ** 2, np.sin(3 * u[:, 1]), u[:, 0] * u[:, 1]])
                + 0.1 * rng.standard_normal((n, 3)))
    case("x2d_y3d_n150", x, y)
    for k in (3, 4):
        for std in (False, True):
            value("ksg1", k, std, ksg(x, y, k, std, 1))
            value("ksg2", k, std, ksg(x, y, k, std, 2))

    # 3. A 10 x 10 integer grid: every distance ties (strict counts and the index tie rule).
    x = [[float(i % 10)] for i in range(100)]
    y = [[float(i // 10)] for i in range(100)]
    case("grid_ties_n100", x, y)
    for k in (1, 3, 4):
        for std in (False, True):
            value("ksg1", k, std, ksg(x, y, k, std, 1))
            value("ksg2", k, std, ksg(x, y, k, std, 2))

    # 4. Kozachenko-Leonenko in 1, 2, 3 and 5 dimensions.
    for d, nn in ((1, 250), (2, 250), (3, 300), (5, 200)):
        x = rows_of(rng.standard_normal((nn, d)) * np.linspace(0.5, 2.0, d))
        case(f"kl_gauss_d{d}_n{nn}", x)
        for k in (1, 3, 10):
            value("kl", k, False, kl(x, k))
    x = [[float(i % 7), float(i // 7)] for i in range(49)]
    case("kl_grid_d2_n49", x)
    for k in (1, 4):
        value("kl", k, False, kl(x, k))

    # 5. Continuous x and labels (Ross): three classes, one small (3 samples), one label seen
    # once (dropped).
    n = 200
    labels = [int(v) for v in rng.integers(0, 2, n)]
    labels[5] = 7
    labels[10] = labels[20] = labels[30] = 3
    x1 = [[float(rng.normal(loc=1.5 * lab, scale=1.0))] for lab in labels]
    case("ross_1d_n200", x1, labels=labels)
    for k in (1, 3, 5):
        for std in (False, True):
            value("ross", k, std, ross(x1, labels, k, std))
    x2 = [[x1[i][0], float(rng.standard_normal()) + 0.5 * labels[i]] for i in range(n)]
    case("ross_2d_n200", x2, labels=labels)
    for k in (3,):
        for std in (False, True):
            value("ross", k, std, ross(x2, labels, k, std))

    # 6. Conditional MI: x and y both driven by z (I(X;Y|Z) small), and a direct x-y link.
    n = 150
    zz = rng.standard_normal((n, 1))
    xa = zz + 0.5 * rng.standard_normal((n, 1))
    ya = zz + 0.5 * rng.standard_normal((n, 1))
    case("cmi_chain_n150", rows_of(xa), rows_of(ya), rows_of(zz))
    for k in (3, 5):
        for std in (False, True):
            value("cmi", k, std, cmi(rows_of(xa), rows_of(ya), rows_of(zz), k, std))
    x2 = np.column_stack([xa[:, 0], rng.standard_normal(n)])
    y2 = xa + 0.3 * rng.standard_normal((n, 1))
    case("cmi_direct_x2d_n150", rows_of(x2), rows_of(y2), rows_of(zz))
    for k in (3,):
        for std in (False, True):
            value("cmi", k, std, cmi(rows_of(x2), rows_of(y2), rows_of(zz), k, std))

    OUT.write_text("\n".join(lines) + "\n")
    nvalues = sum(1 for l in lines if l.split(" ", 1)[0] in ("ksg1", "ksg2", "kl", "ross", "cmi"))
    print(f"wrote {OUT} ({nvalues} values)")


if __name__ == "__main__":
    main()
