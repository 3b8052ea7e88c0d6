"""Reference values for `crates/sanov/tests/gaussian_mixtures.rs` (Gaussian mixtures).

Writes `crates/sanov/tests/data/gaussian_mixtures.txt`. Every quantity is computed here from its
definition in mpmath at 50 digits, independently of sanov:

- `entropy` rows: a 1-D mixture (weights | locs | scales) and its differential entropy
  h = -∫ f ln f by `mpmath.quad` (tanh-sinh) over (-inf, ..., inf) cut at every mean and at
  mean ± 8 scales, with the error estimate checked below 1e-30;
- `bounds` rows: a d-dimensional mixture (d | weights | means | covs, row-major) and the
  Kolchinsky–Tracey (2017) estimators H_D = Σ w_i h_i - Σ w_i ln Σ_j w_j exp(-D_ij) with D the
  Bhattacharyya distance (lower) and the KL divergence (upper), from the Gaussian formulas with
  mpmath matrices (inverse, determinant; no Cholesky), every 1-D `entropy` row included;
- `kl` rows: two mixtures f, g (d | weights | means | covs, twice) and the variational
  approximation of Hershey & Olsen (2007)
  D_var = Σ_a π_a ln(Σ_a' π_a' exp(-KL(f_a||f_a')) / Σ_b ω_b exp(-KL(f_a||g_b))),
  and, for d = 1, the true KL(f||g) = ∫ f ln(f/g) by `mpmath.quad` (else `nan`).

Inputs are exact binary floats printed with repr; covariances are exactly symmetric.

Run: `python scripts/reference/generate_gaussian_mixtures.py` (needs mpmath).
"""

from __future__ import annotations

import os
import random

import mpmath as mp

mp.mp.dps = 50
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "crates", "sanov", "tests", "data")
CORE = 8


def mat(d, flat):
    return mp.matrix([[mp.mpf(flat[i * d + j]) for j in range(d)] for i in range(d)])


def components(d, means, covs):
    k = len(means) // d
    out = []
    for i in range(k):
        mu = mp.matrix([mp.mpf(v) for v in means[i * d : (i + 1) * d]])
        cov = mat(d, covs[i * d * d : (i + 1) * d * d])
        out.append((mu, cov))
    return out


def gauss_entropy(d, cov):
    return mp.mpf(d) / 2 * (1 + mp.log(2 * mp.pi)) + mp.log(mp.det(cov)) / 2


def gauss_kl(p, q):
    (mp_, sp), (mq, sq) = p, q
    d = sp.rows
    iq = mp.inverse(sq)
    delta = mq - mp_
    tr = sum((iq * sp)[i, i] for i in range(d))
    maha = (delta.T * iq * delta)[0, 0]
    return (tr + maha - d + mp.log(mp.det(sq)) - mp.log(mp.det(sp))) / 2


def bhattacharyya(p, q):
    (mp_, sp), (mq, sq) = p, q
    s = (sp + sq) / 2
    delta = mq - mp_
    maha = (delta.T * mp.inverse(s) * delta)[0, 0]
    return maha / 8 + mp.log(mp.det(s) / mp.sqrt(mp.det(sp) * mp.det(sq))) / 2


def pairwise(w, comps, dist):
    h = sum(mp.mpf(wi) * gauss_entropy(c[1].rows, c[1]) for wi, c in zip(w, comps))
    t = mp.mpf(0)
    for i, wi in enumerate(w):
        if wi == 0:
            continue
        inner = sum(mp.mpf(wj) * mp.exp(-dist(comps[i], cj)) for wj, cj in zip(w, comps))
        t += mp.mpf(wi) * mp.log(inner)
    return h - t


def hershey_olsen(wf, cf, wg, cg):
    s = mp.mpf(0)
    for a, pa in enumerate(wf):
        if pa == 0:
            continue
        num = sum(mp.mpf(pb) * mp.exp(-gauss_kl(cf[a], cb)) for pb, cb in zip(wf, cf))
        den = sum(mp.mpf(ob) * mp.exp(-gauss_kl(cf[a], gb)) for ob, gb in zip(wg, cg))
        s += mp.mpf(pa) * mp.log(num / den)
    return s


def pdf1(w, locs, scales):
    ws = [mp.mpf(v) for v in w]
    ms = [mp.mpf(v) for v in locs]
    ss = [mp.mpf(v) for v in scales]

    def f(x):
        return sum(
            wi * mp.exp(-((x - m) ** 2) / (2 * s * s)) / (s * mp.sqrt(2 * mp.pi))
            for wi, m, s in zip(ws, ms, ss)
        )

    return f


def cuts(w, locs, scales):
    pts = set()
    for wi, m, s in zip(w, locs, scales):
        if wi > 0:
            pts.update([mp.mpf(m) - CORE * mp.mpf(s), mp.mpf(m), mp.mpf(m) + CORE * mp.mpf(s)])
    return [-mp.inf] + sorted(pts) + [mp.inf]


def quad(fun, pts):
    total, err = mp.mpf(0), mp.mpf(0)
    # Split each finite piece further, so that tanh-sinh sees a smooth integrand everywhere.
    for lo, hi in zip(pts[:-1], pts[1:]):
        if mp.isinf(lo) or mp.isinf(hi):
            v, e = mp.quad(fun, [lo, hi], error=True, maxdegree=10)
        else:
            v, e = mp.quad(fun, mp.linspace(lo, hi, 9), error=True, maxdegree=10)
        total += v
        err += e
    assert err < mp.mpf(10) ** -30, (err, pts)
    return total


def entropy_1d(w, locs, scales):
    f = pdf1(w, locs, scales)

    def g(x):
        v = f(x)
        return -v * mp.log(v) if v > 0 else mp.mpf(0)

    return quad(g, cuts(w, locs, scales))


def kl_1d(f_par, g_par):
    f, g = pdf1(*f_par), pdf1(*g_par)

    def h(x):
        v = f(x)
        return v * (mp.log(v) - mp.log(g(x))) if v > 0 else mp.mpf(0)

    wf, lf, sf = f_par
    wg, lg, sg = g_par
    pts = sorted(set(cuts(wf, lf, sf)[1:-1]) | set(cuts(wg, lg, sg)[1:-1]))
    return quad(h, [-mp.inf] + pts + [mp.inf])


def one_d(w, locs, scales):
    """(d, weights, means, covs) of a 1-D mixture; variances are the exact float squares."""
    return 1, w, list(locs), [s * s for s in scales]


def spd(rng, d):
    a = [[rng.uniform(-1, 1) for _ in range(d)] for _ in range(d)]
    s = [[sum(a[i][t] * a[j][t] for t in range(d)) + (0.5 if i == j else 0.0) for j in range(d)] for i in range(d)]
    for i in range(d):
        for j in range(i):
            s[j][i] = s[i][j]
    return [v for row in s for v in row]


def random_mixture(rng, k, d, spread):
    raw = [rng.uniform(0.2, 1.0) for _ in range(k)]
    w = [v / sum(raw) for v in raw]
    means = [rng.uniform(-spread, spread) for _ in range(k * d)]
    covs = [v for _ in range(k) for v in spd(rng, d)]
    return d, w, means, covs


def fmt(xs):
    return ",".join(repr(float(v)) for v in xs)


def num(x):
    return mp.nstr(x, 30) if x is not None else "nan"


def main() -> None:
    rng = random.Random(2017)
    raw = [rng.uniform(0.1, 1.0) for _ in range(5)]
    entropy_cases = [
        ([1.0], [0.0], [1.0]),
        ([0.5, 0.5], [-1.0, 1.0], [1.0, 1.0]),
        ([0.3, 0.7], [0.0, 0.0], [1.0, 3.0]),
        ([0.2, 0.5, 0.3], [-3.0, 0.5, 4.0], [0.5, 1.0, 2.0]),
        ([0.5, 0.5], [0.0, 1.0], [0.05, 0.1]),
        ([0.6, 0.4], [100.0, -200.0], [30.0, 50.0]),
        ([0.5, 0.5], [-50.0, 50.0], [1.0, 1.0]),
        ([0.0, 1.0], [5.0, 0.0], [1.0, 2.0]),
        ([0.5, 0.5], [0.0, 0.0], [0.01, 100.0]),
        ([v / sum(raw) for v in raw], [rng.uniform(-5, 5) for _ in range(5)], [rng.uniform(0.3, 3) for _ in range(5)]),
    ]
    lines = ["# generated by scripts/reference/generate_gaussian_mixtures.py; do not edit"]
    lines.append("# entropy | weights | locs | scales | h")
    lines.append("# bounds | d | weights | means | covs | lower | upper")
    lines.append("# kl | d | wf | means_f | covs_f | wg | means_g | covs_g | hershey_olsen | kl_quad")
    bound_cases = []
    for w, locs, scales in entropy_cases:
        h = entropy_1d(w, locs, scales)
        lines.append(f"entropy | {fmt(w)} | {fmt(locs)} | {fmt(scales)} | {num(h)}")
        bound_cases.append(one_d(w, locs, scales))
    for k, d, spread in [(1, 2, 1.0), (2, 2, 1.0), (3, 2, 3.0), (2, 3, 0.5), (4, 3, 2.0), (3, 5, 1.5)]:
        bound_cases.append(random_mixture(rng, k, d, spread))
    same = spd(rng, 2)
    bound_cases.append((2, [0.25, 0.75], [0.0, 0.0, 1.0, -0.5], same + same))
    for d, w, means, covs in bound_cases:
        comps = components(d, means, covs)
        lo = pairwise(w, comps, bhattacharyya)
        hi = pairwise(w, comps, gauss_kl)
        assert lo <= hi
        lines.append(f"bounds | {d} | {fmt(w)} | {fmt(means)} | {fmt(covs)} | {num(lo)} | {num(hi)}")
    kl_1d_cases = [
        (([0.5, 0.5], [-1.0, 1.0], [1.0, 1.0]), ([1.0], [0.0], [2.0])),
        (([0.3, 0.7], [0.0, 2.0], [1.0, 0.5]), ([0.6, 0.4], [0.5, 1.5], [1.5, 1.0])),
        (([1.0], [0.0], [1.0]), ([1.0], [1.0], [2.0])),
        (([0.2, 0.5, 0.3], [-3.0, 0.5, 4.0], [0.5, 1.0, 2.0]), ([0.2, 0.5, 0.3], [-3.0, 0.5, 4.0], [0.5, 1.0, 2.0])),
        (([0.2, 0.5, 0.3], [-3.0, 0.5, 4.0], [0.5, 1.0, 2.0]), ([0.5, 0.5], [-1.0, 2.0], [2.0, 2.5])),
    ]
    kl_cases = [(one_d(*f), one_d(*g), kl_1d(f, g)) for f, g in kl_1d_cases]
    for d, (kf, kg) in [(2, (2, 3)), (3, (3, 2)), (4, (1, 1))]:
        kl_cases.append((random_mixture(rng, kf, d, 1.5), random_mixture(rng, kg, d, 1.5), None))
    for (d, wf, mf, cf), (_, wg, mg, cg), truth in kl_cases:
        var = hershey_olsen(wf, components(d, mf, cf), wg, components(d, mg, cg))
        lines.append(
            f"kl | {d} | {fmt(wf)} | {fmt(mf)} | {fmt(cf)} | {fmt(wg)} | {fmt(mg)} | {fmt(cg)} | {num(var)} | {num(truth)}"
        )
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "gaussian_mixtures.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
