"""Reference values for `crates/sanov/tests/families_discrete.rs`.

Writes `crates/sanov/tests/data/families_discrete.txt`: entropies and KL divergences of the
binomial, multinomial and negative binomial families and the cross-family KL divergences of
PyTorch's registry, each computed from its DEFINITION with mpmath at 50 digits:
- binomial, negative binomial: the sums `-Σ P ln P` and `Σ P ln(P/Q)`, with `ln P` at the mode
  from `mpmath.loggamma` and the neighbours by the exact ratio recurrence, summed outward until
  the terms fall below 1e-60 of the sum (for the finite binomial sums: over the whole support
  when n ≤ 20000);
- multinomial: for small n and K the sum over every outcome (enumerated); for larger n the
  identity `H = -ln n! - n Σ p_i ln p_i + Σ_i E[ln X_i!]` (X_i binomial) at 50 digits, which
  absorbs its cancellation;
- continuous cross pairs: `mpmath.quad` of `∫ f ln(f/g)` over the support of `f`;
- bernoulli → poisson: the two-term sum.
Cross-checks (asserted, not written): `scipy.stats` entropies of binom/nbinom/multinomial, and
`torch.distributions.kl_divergence` in float64 for the cross pairs.

Line format: `kind family_p [family_q] | p | q | value`, `p`, `q` parameter groups separated by
`;`, each a comma-separated list of floats (repr); `value` is `repr(float(x))` or `inf`.
Run: `python scripts/reference/generate_families_discrete.py` (needs mpmath; scipy and torch
for the cross-checks).
"""

from __future__ import annotations

import itertools
import os
import warnings

import mpmath as mp

mp.mp.dps = 50
TINY = mp.mpf(10) ** -60


def fmt(groups):
    return ";".join(",".join(repr(float(v)) for v in g) for g in groups)


def val(x):
    return "inf" if x == mp.inf else repr(float(x))


# ---- log-pmfs (mpmath) ----
def ln_binom(n, p):
    n, p = mp.mpf(n), mp.mpf(p)

    def f(k):
        if p == 0:
            return mp.mpf(0) if k == 0 else -mp.inf
        if p == 1:
            return mp.mpf(0) if k == n else -mp.inf
        return (mp.loggamma(n + 1) - mp.loggamma(k + 1) - mp.loggamma(n - k + 1)
                + k * mp.log(p) + (n - k) * mp.log(1 - p))

    return f


def ln_nbinom(n, p):
    n, p = mp.mpf(n), mp.mpf(p)

    def f(k):
        if p == 1:
            return mp.mpf(0) if k == 0 else -mp.inf
        return (mp.loggamma(k + n) - mp.loggamma(n) - mp.loggamma(k + 1)
                + n * mp.log(p) + k * mp.log(1 - p))

    return f


def outward(lnp, mode, lo, hi, g):
    """Σ g(k, ln P(k)) over the integers of [lo, hi], outward from the mode, each direction until
    six terms in a row are below 1e-60 of the sum (the terms fall monotonically there)."""
    s = mp.mpf(0)
    for step in (1, -1):
        k = mode if step == 1 else mode - 1
        small = 0
        while lo <= k <= hi:
            lp = lnp(k)
            t = mp.mpf(0) if lp == -mp.inf else g(k, lp)
            s += t
            if k != mode and abs(t) <= TINY * max(abs(s), mp.mpf(10) ** -30):
                small += 1
                if small > 5:
                    break
            else:
                small = 0
            k += step
    return s


def ent_binom(n, p):
    if n == 0 or p in (0, 1):
        return mp.mpf(0)
    lnp = ln_binom(n, p)
    mode = min(int(mp.floor((n + 1) * mp.mpf(p))), n)
    return outward(lnp, mode, 0, n, lambda k, lp: -mp.exp(lp) * lp)


def binom_from_mode(n, p, g):
    """Σ g(k, ln P(k)) for X ~ Binomial(n, p) (0 < p < 1): ln P at the mode from
    `mpmath.loggamma`, the neighbours by the exact ratio recurrence, each direction until a
    term falls below 1e-60 of the sum (the terms fall monotonically there)."""
    n, p = mp.mpf(n), mp.mpf(p)
    q = 1 - p
    mode = mp.floor((n + 1) * p)
    if mode > n:
        mode = n
    l0 = mp.loggamma(n + 1) - mp.loggamma(mode + 1) - mp.loggamma(n - mode + 1) + mode * mp.log(p) + (n - mode) * mp.log(q)
    s = g(mode, l0)
    for step in (1, -1):
        lp, k = l0, mode
        while True:
            if step == 1:
                if k >= n:
                    break
                lp += mp.log((n - k) * p / ((k + 1) * q))
                k += 1
            else:
                if k <= 0:
                    break
                lp += mp.log(k * q / ((n - k + 1) * p))
                k -= 1
            t = g(k, lp)
            s += t
            if t < TINY * s:
                break
    return s


def ent_binom_fast(n, p):
    """Binomial entropy for large n: ln P by the exact ratio recurrence from the mode."""
    return binom_from_mode(n, p, lambda k, lp: -mp.exp(lp) * lp)


def ent_nbinom(n, p):
    if p == 1:
        return mp.mpf(0)
    lnp = ln_nbinom(n, p)
    n_, p_ = mp.mpf(n), mp.mpf(p)
    mode = int(mp.floor((n_ - 1) * (1 - p_) / p_)) if n_ > 1 else 0
    return outward(lnp, mode, 0, 10**12, lambda k, lp: -mp.exp(lp) * lp)


def kl_series(lnp, lnq, mode, lo, hi):
    def g(k, lp):
        lq = lnq(k)
        if lq == -mp.inf:
            return mp.inf
        return mp.exp(lp) * (lp - lq)

    return outward(lnp, mode, lo, hi, g)


def kl_binom(n1, p1, n2, p2):
    if n1 == 0 or p1 == 0:
        return -ln_binom(n2, p2)(0)
    if p1 == 1:
        return mp.inf if n1 > n2 else -ln_binom(n2, p2)(n1)
    if n1 > n2:
        return mp.inf
    mode = min(int(mp.floor((n1 + 1) * mp.mpf(p1))), n1)
    return kl_series(ln_binom(n1, p1), ln_binom(n2, p2), mode, 0, n1)


def kl_nbinom(n1, p1, n2, p2):
    if p1 == 1:
        return -ln_nbinom(n2, p2)(0)
    if p2 == 1:
        return mp.inf
    n_, p_ = mp.mpf(n1), mp.mpf(p1)
    mode = int(mp.floor((n_ - 1) * (1 - p_) / p_)) if n_ > 1 else 0
    return kl_series(ln_nbinom(n1, p1), ln_nbinom(n2, p2), mode, 0, 10**12)


def ent_multinomial_enum(n, ps):
    ps = [mp.mpf(v) for v in ps]
    K = len(ps)
    h = mp.mpf(0)
    for x in itertools.product(range(n + 1), repeat=K - 1):
        if sum(x) > n:
            continue
        xs = list(x) + [n - sum(x)]
        lp = mp.loggamma(n + 1)
        ok = True
        for xi, pi in zip(xs, ps):
            if pi == 0 and xi > 0:
                ok = False
                break
            lp += -mp.loggamma(xi + 1) + (xi * mp.log(pi) if xi > 0 else 0)
        if ok:
            h -= mp.exp(lp) * lp
    return h


def e_ln_fact_binom(n, p):
    """E[ln X!] for X ~ Binomial(n, p), by the ratio recurrence from the mode."""
    if p == 0:
        return mp.mpf(0)
    return binom_from_mode(n, p, lambda k, lp: mp.exp(lp) * mp.loggamma(k + 1))


def ent_multinomial_identity(n, ps):
    ps = [mp.mpf(v) for v in ps]
    h = -mp.loggamma(n + 1) - n * sum(pi * mp.log(pi) for pi in ps if pi > 0)
    return h + sum(e_ln_fact_binom(n, pi) for pi in ps if 0 < pi < 1)


# ---- continuous log-densities ----
def ln_normal(mu, s):
    mu, s = mp.mpf(mu), mp.mpf(s)
    return lambda x: -((x - mu) ** 2) / (2 * s * s) - mp.log(s) - mp.log(2 * mp.pi) / 2


def ln_expon(lam):
    lam = mp.mpf(lam)
    return lambda x: mp.log(lam) - lam * x


def ln_gamma_pdf(a, b):
    a, b = mp.mpf(a), mp.mpf(b)
    return lambda x: a * mp.log(b) + (a - 1) * mp.log(x) - b * x - mp.loggamma(a)


def ln_beta_pdf(a, b):
    a, b = mp.mpf(a), mp.mpf(b)
    return lambda x: (a - 1) * mp.log(x) + (b - 1) * mp.log(1 - x) - mp.log(mp.beta(a, b))


def kl_quad(lf, lg, pts):
    return mp.quad(lambda x: mp.exp(lf(x)) * (lf(x) - lg(x)), pts)


def main():
    out = ["# generated by scripts/reference/generate_families_discrete.py (mpmath, 50 digits); do not edit"]
    checks = []  # (kind, fam_p, fam_q, p, q, value) for the scipy/torch cross-checks

    # Binomial entropy.
    for n, p in [(1, 0.3), (2, 0.5), (10, 0.3), (10, 0.999), (20, 1e-3), (100, 0.5), (1000, 0.01),
                 (7, 1e-12), (5000, 0.25), (100000, 0.5), (10**7, 0.2)]:
        v = ent_binom(n, p) if n <= 20000 else ent_binom_fast(n, p)
        out.append(f"entropy binomial | {fmt([(n, p)])} | | {val(v)}")
        checks.append(("entropy", "binomial", None, (n, p), None, v))
    # The asymptotic regime (σ² ≥ 1e8).
    for n, p in [(4 * 10**8, 0.5), (10**9, 0.2)]:
        v = ent_binom_fast(n, p)
        out.append(f"entropy binomial | {fmt([(n, p)])} | | {val(v)}")
    # Binomial KL.
    for (n1, p1), (n2, p2) in [((10, 0.3), (10, 0.5)), ((10, 0.5), (10, 0.3)), ((100, 0.01), (100, 0.02)),
                               ((10, 0.3), (20, 0.3)), ((10, 0.3), (12, 0.4)), ((5, 0.9), (50, 0.1)),
                               ((1, 0.5), (3, 0.5)), ((1000, 0.5), (1500, 0.3)), ((0, 0.5), (7, 0.2)),
                               ((6, 1.0), (9, 0.6)), ((10, 0.0), (4, 0.3)), ((4000, 0.3), (4001, 0.3))]:
        v = kl_binom(n1, p1, n2, p2)
        out.append(f"kl binomial binomial | {fmt([(n1, p1)])} | {fmt([(n2, p2)])} | {val(v)}")
        checks.append(("kl", "binomial", "binomial", (n1, p1), (n2, p2), v))

    # Negative binomial entropy and KL.
    for n, p in [(1, 0.3), (2, 0.5), (0.5, 0.2), (5.5, 0.7), (10, 0.1), (0.01, 0.5), (100, 0.9),
                 (3, 0.01), (1000, 0.5), (0.3, 0.999)]:
        v = ent_nbinom(n, p)
        out.append(f"entropy negative_binomial | {fmt([(n, p)])} | | {val(v)}")
        checks.append(("entropy", "negative_binomial", None, (n, p), None, v))
    for (n1, p1), (n2, p2) in [((2, 0.5), (2, 0.3)), ((5.5, 0.7), (5.5, 0.2)), ((2, 0.5), (3, 0.5)),
                               ((3, 0.5), (2, 0.4)), ((0.5, 0.2), (1.5, 0.3)), ((10, 0.1), (12, 0.12)),
                               ((1, 1.0), (2, 0.5)), ((4, 0.6), (0.7, 0.8))]:
        v = kl_nbinom(n1, p1, n2, p2)
        out.append(f"kl negative_binomial negative_binomial | {fmt([(n1, p1)])} | {fmt([(n2, p2)])} | {val(v)}")

    # Multinomial entropy: enumerated, then by the identity.
    for n, ps in [(1, (0.2, 0.3, 0.5)), (2, (1 / 3, 1 / 3, 1 / 3)), (5, (0.1, 0.2, 0.3, 0.4)),
                  (12, (0.25, 0.25, 0.5)), (8, (0.7, 0.0, 0.3)), (10, (0.01, 0.01, 0.98)),
                  (6, (0.5, 0.5))]:
        v = ent_multinomial_enum(n, ps)
        out.append(f"entropy multinomial | {fmt([(n,), ps])} | | {val(v)}")
        checks.append(("entropy", "multinomial", None, (n, ps), None, v))
    # Dyadic probabilities (their sum is exactly 1, so both sides see the same distribution).
    for n, ps in [(1000, (0.25, 0.25, 0.5)), (100000, (0.125, 0.125, 0.25, 0.5)),
                  (10**7, (2.0**-10, 9 * 2.0**-10, 1 - 10 * 2.0**-10)), (5 * 10**8, (0.25, 0.375, 0.375))]:
        v = ent_multinomial_identity(n, ps)
        out.append(f"entropy multinomial | {fmt([(n,), ps])} | | {val(v)}")
        if n <= 10**5:
            checks.append(("entropy", "multinomial", None, (n, ps), None, v))

    # Cross pairs.
    def cross(fp, fq, p, q, v):
        out.append(f"kl {fp} {fq} | {fmt([p])} | {fmt([q])} | {val(v)}")
        checks.append(("kl", fp, fq, p, q, v))

    for p, lam in [(0.3, 2.0), (0.0, 0.5), (1.0, 0.1), (0.5, 1.0)]:
        P, L = mp.mpf(p), mp.mpf(lam)
        v = mp.mpf(0)
        if P < 1:
            v += (1 - P) * (mp.log(1 - P) + L)
        if P > 0:
            v += P * (mp.log(P) - mp.log(L) + L)
        cross("bernoulli", "poisson", (p,), (lam,), v)
    for lam, (mu, s) in [(1.0, (0.0, 1.0)), (2.5, (1.0, 0.5)), (0.1, (10.0, 3.0))]:
        cross("exponential", "normal", (lam,), (mu, s), kl_quad(ln_expon(lam), ln_normal(mu, s), [0, 1 / mp.mpf(lam), mp.inf]))
    for (a, b), (mu, s) in [((2.0, 1.0), (0.0, 1.0)), ((0.5, 2.0), (1.0, 0.5)), ((30.0, 3.0), (10.0, 2.0))]:
        m = mp.mpf(a) / b
        cross("gamma", "normal", (a, b), (mu, s), kl_quad(ln_gamma_pdf(a, b), ln_normal(mu, s), [0, m, m + 10 * mp.sqrt(a) / b, mp.inf]))
    betas = [(2.0, 3.0), (0.5, 0.5), (10.0, 1.5)]
    for (al, be) in betas:
        for (mu, s) in [(0.0, 1.0), (0.5, 0.1)]:
            cross("beta", "normal", (al, be), (mu, s), kl_quad(ln_beta_pdf(al, be), ln_normal(mu, s), [0, 0.5, 1]))
        for lam in [1.0, 3.5]:
            cross("beta", "exponential", (al, be), (lam,), kl_quad(ln_beta_pdf(al, be), ln_expon(lam), [0, 0.5, 1]))
        for (a, b) in [(2.0, 1.0), (0.5, 4.0)]:
            cross("beta", "gamma", (al, be), (a, b), kl_quad(ln_beta_pdf(al, be), ln_gamma_pdf(a, b), [0, 0.5, 1]))
    for (lo, hi) in [(0.0, 1.0), (0.2, 0.7), (0.5, 0.5000001), (0.9, 1.0)]:
        for (al, be) in [(2.0, 3.0), (0.5, 0.5), (1.0, 1.0)]:
            w = mp.mpf(hi) - lo
            lb = ln_beta_pdf(al, be)
            v = mp.quad(lambda x: (1 / w) * (-mp.log(w) - lb(x)), [lo, hi])
            cross("uniform", "beta", (lo, hi), (al, be), v)
    for (lo, hi) in [(0.0, 2.0), (0.5, 3.0), (100.0, 100.5)]:
        for (a, b) in [(2.0, 1.0), (0.5, 0.3), (1.0, 1.5)]:
            w = mp.mpf(hi) - lo
            lg = ln_gamma_pdf(a, b)
            v = mp.quad(lambda x: (1 / w) * (-mp.log(w) - lg(x)), [lo, hi])
            cross("uniform", "gamma", (lo, hi), (a, b), v)

    cross_check(checks)
    path = os.path.join(os.path.dirname(__file__), "..", "..", "crates", "sanov", "tests", "data", "families_discrete.txt")
    with open(path, "w") as fh:
        fh.write("\n".join(out) + "\n")
    print(f"wrote {len(out) - 1} values to {path}")


def cross_check(checks):
    """scipy.stats entropies and torch KL (float64) agree with the mpmath values."""
    try:
        import numpy as np
        from scipy import stats
    except ImportError:
        print("scipy not available: cross-check skipped")
        return
    try:
        import torch
        from torch import distributions as D
    except ImportError:
        torch = None
    worst = {}
    for kind, fp, fq, p, q, v in checks:
        got = None
        if kind == "entropy" and fp == "binomial":
            got = stats.binom(*p).entropy()
        elif kind == "entropy" and fp == "negative_binomial":
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                try:
                    got = stats.nbinom(*p).entropy()
                except RuntimeWarning:
                    # scipy's expect() stops early on long tails (e.g. n = 3, p = 0.01).
                    print(f"cross-check: scipy nbinom{p}.entropy() did not converge; skipped")
                    continue
        elif kind == "entropy" and fp == "multinomial":
            got = stats.multinomial(p[0], np.array(p[1])).entropy()
        elif kind == "kl" and torch is not None:
            t = lambda x: torch.tensor(float(x), dtype=torch.float64)  # noqa: E731
            mk = {
                "bernoulli": lambda a: D.Bernoulli(probs=t(a[0])),
                "poisson": lambda a: D.Poisson(t(a[0])),
                "exponential": lambda a: D.Exponential(t(a[0])),
                "normal": lambda a: D.Normal(t(a[0]), t(a[1])),
                "gamma": lambda a: D.Gamma(t(a[0]), t(a[1])),
                "beta": lambda a: D.Beta(t(a[0]), t(a[1])),
                "uniform": lambda a: D.Uniform(t(a[0]), t(a[1])),
                "binomial": lambda a: D.Binomial(int(a[0]), probs=t(a[1])),
            }
            if fp == "binomial" and not (p[0] >= q[0]):
                continue  # torch raises NotImplementedError for n_p < n_q
            try:
                got = float(D.kl_divergence(mk[fp](p), mk[fq](q)))
            except NotImplementedError:
                continue
        if got is None or not np.isfinite(float(v)) or not np.isfinite(got):
            continue
        err = abs(got - float(v)) / max(abs(float(v)), 1e-300)
        key = (kind, fp, fq)
        worst[key] = max(worst.get(key, 0.0), err)
        assert err < 1e-6 or abs(got - float(v)) < 1e-9, (kind, fp, fq, p, q, float(v), got)
    for key, err in sorted(worst.items(), key=str):
        print(f"cross-check {key}: worst relative difference {err:.2e}")


if __name__ == "__main__":
    main()
