#!/usr/bin/env python3
"""Reference values for sanov's discrete estimators (crates/sanov/src/estimators).

Writes crates/sanov/tests/data/estimators.txt, read by crates/sanov/tests/estimators.rs.

- Plug-in, Miller-Madow, Grassberger (2003) and Chao-Shen (2003) entropies: exact formulas on
  the counts, mpmath at 30 significant digits.
- NSB (Nemenman, Shafee & Bialek 2002): posterior mean and std by mpmath quadrature over
  t = ln(beta) at 30 digits (the E[H^2 | beta] formula is first checked against direct
  quadrature over a Beta distribution).
- Conditional entropy H(X|Y) plug-in: mpmath. NMI and AMI: scikit-learn
  (normalized_mutual_info_score, adjusted_mutual_info_score) for all four average methods; AMI
  is also recomputed with mpmath (exact expected MI) and must agree with sklearn to 1e-10.
All entropies are in nats. Samples are written into the table.

Run from the repository root:
    pip install mpmath numpy scikit-learn
    python scripts/reference/generate_estimators.py
"""
import pathlib
from collections import Counter

import mpmath as mp
import numpy as np
from sklearn.metrics import adjusted_mutual_info_score, normalized_mutual_info_score

mp.mp.dps = 30
OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/sanov/tests/data/estimators.txt"
METHODS = ["min", "geometric", "arithmetic", "max"]


def plugin(c):
    n = mp.mpf(sum(c))
    return mp.fsum(mp.mpf(k) / n * mp.log(n / k) for k in c)


def miller_madow(c):
    return plugin(c) + mp.mpf(len(c) - 1) / (2 * sum(c))


def grassberger(c):
    n = mp.mpf(sum(c))

    def G(k):
        k = mp.mpf(k)
        s = 1 if int(k) % 2 == 0 else -1
        return mp.digamma(k) + mp.mpf(s) / 2 * (mp.digamma((k + 1) / 2) - mp.digamma(k / 2))

    return mp.log(n) - mp.fsum(k * G(k) for k in c) / n


def chao_shen(c):
    n = sum(c)
    f1 = sum(1 for k in c if k == 1)
    if f1 == n:
        f1 = n - 1
    C = 1 - mp.mpf(f1) / n
    out = []
    for k in c:
        p = C * k / n
        out.append(-p * mp.log(p) / (1 - (1 - p) ** n))
    return mp.fsum(out)


def dirichlet_moments(alphas):
    """E[H] and E[H^2] under Dirichlet(alphas) (Wolpert & Wolf 1995)."""
    A = mp.fsum(alphas)
    m1 = mp.digamma(A + 1) - mp.fsum(a * mp.digamma(a + 1) for a in alphas) / A
    pa2 = mp.digamma(A + 2)
    t2 = mp.psi(1, A + 2)
    u = [mp.digamma(a + 1) - pa2 for a in alphas]
    off = mp.fsum(a * x for a, x in zip(alphas, u)) ** 2 - mp.fsum((a * x) ** 2 for a, x in zip(alphas, u))
    off -= t2 * (A**2 - mp.fsum(a * a for a in alphas))
    diag = mp.fsum(a * (a + 1) * ((mp.digamma(a + 2) - pa2) ** 2 + mp.psi(1, a + 2) - t2) for a in alphas)
    return m1, (off + diag) / (A * (A + 1))


def check_dirichlet_formula():
    a1, a2 = mp.mpf("1.7"), mp.mpf("0.6")
    B = mp.beta(a1, a2)
    dens = lambda p: p ** (a1 - 1) * (1 - p) ** (a2 - 1) / B
    H = lambda p: -p * mp.log(p) - (1 - p) * mp.log(1 - p)
    e1 = mp.quad(lambda p: dens(p) * H(p), [0, 0.5, 1])
    e2 = mp.quad(lambda p: dens(p) * H(p) ** 2, [0, 0.5, 1])
    m1, m2 = dirichlet_moments([a1, a2])
    assert abs(e1 - m1) < mp.mpf("1e-20") and abs(e2 - m2) < mp.mpf("1e-20"), (e1, m1, e2, m2)


def nsb(c, K):
    n = sum(c)
    prof = Counter(c)
    if K > len(c):
        prof[0] = K - len(c)
    K = mp.mpf(K)

    cache = {}

    def logw(t):
        key = ("w", t)
        if key not in cache:
            cache[key] = logw_hp(t)
        return cache[key]

    def logw_hp(t):
        # Extra digits: K psi1(K b + 1) - psi1(b + 1) cancels like 1/b and the log-gammas
        # grow like b ln b (b up to ~e^100 in the tails).
        with mp.workdps(60 + 2 * max(0, int(t / 2.3))):
            b = mp.exp(t)
            dxi = K * mp.psi(1, K * b + 1) - mp.psi(1, b + 1)
            s = t + mp.log(dxi) + mp.loggamma(K * b) - mp.loggamma(n + K * b)
            for k, f in prof.items():
                if k:
                    s += f * (mp.loggamma(k + b) - mp.loggamma(b))
        return +s

    def moments(t):
        key = ("m", t)
        if key not in cache:
            with mp.workdps(60 + max(0, int(t / 2.3))):
                m1, m2 = moments_hp(t)
            cache[key] = (+m1, +m2)
        return cache[key]

    def moments_hp(t):
        b = mp.exp(t)
        alphas, mult = [], []
        for k, f in prof.items():
            alphas.append(k + b)
            mult.append(f)
        A = mp.fsum(a * f for a, f in zip(alphas, mult))
        m1 = mp.digamma(A + 1) - mp.fsum(f * a * mp.digamma(a + 1) for a, f in zip(alphas, mult)) / A
        pa2, t2 = mp.digamma(A + 2), mp.psi(1, A + 2)
        u = [mp.digamma(a + 1) - pa2 for a in alphas]
        s1 = mp.fsum(f * a * x for a, f, x in zip(alphas, mult, u))
        s2 = mp.fsum(f * (a * x) ** 2 for a, f, x in zip(alphas, mult, u))
        sa2 = mp.fsum(f * a * a for a, f in zip(alphas, mult))
        diag = mp.fsum(f * a * (a + 1) * ((mp.digamma(a + 2) - pa2) ** 2 + mp.psi(1, a + 2) - t2)
                       for a, f in zip(alphas, mult))
        return m1, ((s1 * s1 - s2) - t2 * (A * A - sa2) + diag) / (A * (A + 1))

    grid = [mp.mpf(i) / 2 for i in range(-60, 61)]
    vals = [logw(t) for t in grid]
    i = max(range(len(grid)), key=lambda j: vals[j])
    tmax = mp.findroot(lambda t: mp.diff(logw, t), grid[i])
    wmax = logw(tmax)

    def edge(d):
        s = mp.mpf(1) / 8
        while logw(tmax + d * s) - wmax > -60 and s < 100:
            s *= 2
        return tmax + d * s

    a, b = edge(-1), edge(1)
    pts = [a + (b - a) * j / 16 for j in range(17)] + [tmax]
    pts = sorted(set(pts))
    z = mp.quad(lambda t: mp.exp(logw(t) - wmax), pts)
    e1 = mp.quad(lambda t: mp.exp(logw(t) - wmax) * moments(t)[0], pts) / z
    e2 = mp.quad(lambda t: mp.exp(logw(t) - wmax) * moments(t)[1], pts) / z
    return e1, mp.sqrt(e2 - e1 * e1)


def cond_entropy(x, y):
    n = mp.mpf(len(x))
    nxy = Counter(zip(x, y))
    ny = Counter(y)
    return mp.fsum(mp.mpf(c) / n * mp.log(mp.mpf(ny[b]) / c) for (a, b), c in nxy.items())


def ami_mp(x, y, method):
    n = len(x)
    a = list(Counter(x).values())
    b = list(Counter(y).values())
    if len(a) == 1 or len(b) == 1:
        return None
    lf = lambda k: mp.loggamma(k + 1)
    emi = mp.mpf(0)
    for ai in a:
        for bj in b:
            for nij in range(max(1, ai + bj - n), min(ai, bj) + 1):
                g = lf(ai) + lf(bj) + lf(n - ai) + lf(n - bj) - lf(n) - lf(nij) - lf(ai - nij) - lf(bj - nij) - lf(n - ai - bj + nij)
                emi += mp.mpf(nij) / n * mp.log(mp.mpf(n) * nij / (ai * bj)) * mp.exp(g)
    hx, hy = plugin(a), plugin(b)
    mi = hx - cond_entropy(y, x)  # I = H(Y) - H(Y|X)
    mi = plugin(b) - cond_entropy(y, x)
    avg = {"min": min(hx, hy), "geometric": mp.sqrt(hx * hy), "arithmetic": (hx + hy) / 2, "max": max(hx, hy)}[method]
    return (mi - emi) / (avg - emi)


def fmt(v):
    return mp.nstr(v, 20, strip_zeros=False) if isinstance(v, mp.mpf) else repr(float(v))


def main():
    check_dirichlet_formula()
    rng = np.random.default_rng(20240808)
    single = []  # (name, samples, K for NSB or None)
    single.append(("uniform_k5_n20", rng.integers(0, 5, 20), 5))
    zipf_p = 1.0 / np.arange(1, 11)
    single.append(("zipf_k10_n100", rng.choice(10, 100, p=zipf_p / zipf_p.sum()), 10))
    single.append(("dirichlet_k50_n1000", rng.choice(50, 1000, p=rng.dirichlet(np.full(50, 0.5))), 50))
    single.append(("undersampled_k1000_n50", rng.integers(0, 1000, 50), 1000))
    single.append(("all_singletons_n30", np.arange(30) * 7919 - 10**12, 100))
    single.append(("one_label_n10", np.full(10, -4), 3))
    big_p = rng.dirichlet(np.full(200, 0.3))
    single.append(("skewed_k200_n5000", rng.choice(200, 5000, p=big_p) * 1000003 - 7, 300))
    pairs = []
    x = rng.integers(0, 5, 200)
    pairs.append(("corr_5x7_n200", x, (x + rng.integers(0, 3, 200)) % 7))
    x = rng.integers(0, 20, 1000)
    pairs.append(("corr_20x15_n1000", x, np.where(rng.random(1000) < 0.6, x % 15, rng.integers(0, 15, 1000))))
    pairs.append(("sparse_30x40_n60", rng.integers(0, 30, 60), rng.integers(0, 40, 60)))
    pairs.append(("indep_3x4_n500", rng.integers(0, 3, 500), rng.integers(0, 4, 500) * -9))
    pairs.append(("one_class_x_n8", np.zeros(8, dtype=np.int64), np.arange(8) % 3))
    pairs.append(("both_one_class_n5", np.full(5, 2), np.full(5, 9)))

    lines = ["# generated by scripts/reference/generate_estimators.py; entropies in nats; do not edit"]
    count = 0
    for name, s, K in single:
        s = [int(v) for v in s]
        c = list(Counter(s).values())
        lines.append(f"single {name}")
        lines.append("x " + ",".join(map(str, s)))
        for est, f in [("plugin", plugin), ("miller_madow", miller_madow), ("grassberger", grassberger), ("chao_shen", chao_shen)]:
            lines.append(f"v {est} {fmt(f(c))}")
            count += 1
        if len(c) > 1:
            m, sd = nsb(c, K)
            lines.append(f"nsb {K} {fmt(m)} {fmt(sd)}")
            count += 2
    for name, x, y in pairs:
        x = [int(v) for v in x]
        y = [int(v) for v in y]
        lines.append(f"pair {name}")
        lines.append("x " + ",".join(map(str, x)))
        lines.append("y " + ",".join(map(str, y)))
        lines.append(f"v conditional_entropy {fmt(cond_entropy(x, y))}")
        lines.append(f"v conditional_entropy_yx {fmt(cond_entropy(y, x))}")
        count += 2
        for meth in METHODS:
            nmi = normalized_mutual_info_score(x, y, average_method=meth)
            ami = adjusted_mutual_info_score(x, y, average_method=meth)
            exact = ami_mp(x, y, meth)
            if exact is not None:
                assert abs(exact - ami) < 1e-10, (name, meth, exact, ami)
            lines.append(f"v nmi_{meth} {fmt(nmi)}")
            lines.append(f"v ami_{meth} {fmt(ami)}")
            count += 2
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {count} reference values to {OUT}")


if __name__ == "__main__":
    main()
