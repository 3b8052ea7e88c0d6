"""Reference values for `crates/sanov/tests/geometry.rs`.

Writes `crates/sanov/tests/data/geometry_fisher.txt` and `geometry_distance.txt`.

Fisher information, I(theta) = E[score score^T], computed from its DEFINITION with mpmath at 40
digits: the scores are written out from the log-densities, and the expectation is `mpmath.quad`
over the support (continuous families, split at the peaks and kinks) or a sum (discrete
families, Poisson and geometric truncated where the remaining mass is below 1e-45). For the
multivariate normal and the 3-component Dirichlet (no cheap k-dimensional quadrature) the
information is the Hessian of the closed-form KL divergence, I(theta) = d^2/dtheta'^2
KL(p_theta || p_theta') at theta' = theta (mpmath finite differences at 60 digits) -- a different
route from the formulas of the Rust code.

Fisher-Rao distances, from formulas other than those the Rust code evaluates:
- categorical / Bernoulli: 2 arccos(sum sqrt(p q)) (Rust evaluates 4 arcsin(|sqrt p - sqrt q|/2));
- normal and Laplace: arccosh forms (Rust: asinh forms);
- Poisson, exponential, geometric: the length integral of sqrt(I(theta)) by `mpmath.quad`;
- multivariate normal with equal means: sqrt(1/2 sum ln^2 lambda_i(S1^-1 S2)) (Skovgaard 1984),
  eigenvalues by mpmath;
- gamma, beta, von Mises: a geodesic shooting solver in mpmath at 20 digits -- Christoffel
  symbols from fourth-order differences of the metric (error ~1e-16), RK4 with 128 and 256
  steps and Richardson extrapolation, Newton (chord) on the initial velocity to 1e-17 (or the
  ~1e-14 noise floor of the differenced metric), length
  sqrt(v0^T G v0) (the constant speed), not the Simpson sum of the Rust solver. Its error is
  ~1e-11 or below, well inside the 1e-8 tolerance of the numeric Rust solver.

Line format: `kind family | p | q | values`, `p`, `q` parameter groups separated by `;`, each a
comma-separated list of floats; `values` comma-separated (a Fisher matrix row-major).
Run: `python scripts/reference/generate_geometry.py [--reuse]` (needs mpmath; ~15 minutes, the
shooting rows dominate; `--reuse` keeps the numeric rows already in the table).
"""

from __future__ import annotations

import os

import mpmath as mp

mp.mp.dps = 40
inf = mp.inf
pi = mp.pi
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "crates", "sanov", "tests", "data")


def fmt(groups):
    return ";".join(",".join(repr(float(v)) for v in g) for g in groups)


def fmtv(vals):
    return ",".join(repr(float(v)) for v in vals)


def outer_expect(pdf, score, pts):
    """E[s s^T] by quadrature: pdf(x), score(x) -> list."""
    n = len(score(mp.mpf(pts[1]) if pts[1] not in (inf, -inf) else mp.mpf(0)))
    m = [[None] * n for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            v = mp.quad(lambda x: pdf(x) * score(x)[i] * score(x)[j], pts)
            m[i][j] = m[j][i] = v
    return [m[i][j] for i in range(n) for j in range(n)]


def outer_sum(pmf_score_iter, n):
    m = [[mp.mpf(0)] * n for _ in range(n)]
    for p, s in pmf_score_iter:
        for i in range(n):
            for j in range(n):
                m[i][j] += p * s[i] * s[j]
    return [m[i][j] for i in range(n) for j in range(n)]


EDGE = [mp.mpf("1e-30"), mp.mpf("1e-20"), mp.mpf("1e-10"), mp.mpf("1e-5"), mp.mpf("1e-2")]


def fisher_rows():
    rows = []
    # normal loc_scale and loc_variance
    for mu, s in [(0, 1), (1.5, 0.3), (-2, 5)]:
        mu, s = mp.mpf(mu), mp.mpf(s)
        pdf = lambda x: mp.npdf(x, mu, s)
        pts = [-inf, mu - 5 * s, mu, mu + 5 * s, inf]
        sc = lambda x: [(x - mu) / s**2, -1 / s + (x - mu) ** 2 / s**3]
        rows.append(("fisher normal loc_scale", [[mu, s]], outer_expect(pdf, sc, pts)))
        v = s * s
        sc = lambda x: [(x - mu) / v, -1 / (2 * v) + (x - mu) ** 2 / (2 * v * v)]
        rows.append(("fisher normal loc_variance", [[mu, s]], outer_expect(pdf, sc, pts)))
    for lam in [0.5, 2, 30]:
        lam = mp.mpf(lam)
        pdf = lambda x: lam * mp.exp(-lam * x)
        sc = lambda x: [1 / lam - x]
        rows.append(("fisher exponential rate", [[lam]], outer_expect(pdf, sc, [0, 1 / lam, 10 / lam, inf])))
    for a, b in [(2, 1), (0.5, 3), (7, 0.4)]:
        a, b = mp.mpf(a), mp.mpf(b)
        pdf = lambda x: b**a * x ** (a - 1) * mp.exp(-b * x) / mp.gamma(a)
        sc = lambda x: [mp.log(b) + mp.log(x) - mp.digamma(a), a / b - x]
        rows.append(("fisher gamma shape_rate", [[a, b]], outer_expect(pdf, sc, [0] + EDGE + [a / b, inf])))
    for al, be in [(2, 3), (0.5, 0.7), (10, 1.5)]:
        al, be = mp.mpf(al), mp.mpf(be)
        lb = mp.log(mp.beta(al, be))
        dg = mp.digamma(al + be)

        def half(x, y):  # x in (0, 1/2], y = 1 - x computed exactly by the caller
            p = mp.exp((al - 1) * mp.log(x) + (be - 1) * mp.log(y) - lb)
            return p, [mp.log(x) - mp.digamma(al) + dg, mp.log(y) - mp.digamma(be) + dg]

        m = []
        for i in range(2):
            for j in range(2):
                f1 = lambda x: (lambda r: r[0] * r[1][i] * r[1][j])(half(x, 1 - x))
                f2 = lambda y: (lambda r: r[0] * r[1][i] * r[1][j])(half(1 - y, y))
                pts = [0] + EDGE + [mp.mpf(1) / 2]
                m.append(mp.quad(f1, pts) + mp.quad(f2, pts))
        rows.append(("fisher beta alpha_beta", [[al, be]], m))
    for mu, b in [(0, 1), (1, 0.5)]:
        mu, b = mp.mpf(mu), mp.mpf(b)
        pdf = lambda x: mp.exp(-abs(x - mu) / b) / (2 * b)
        sc = lambda x: [mp.sign(x - mu) / b, -1 / b + abs(x - mu) / b**2]
        rows.append(("fisher laplace loc_scale", [[mu, b]], outer_expect(pdf, sc, [-inf, mu - 5 * b, mu, mu + 5 * b, inf])))
    for mu, k in [(0, 0.5), (1, 2), (-0.5, 10), (0, 50)]:
        mu, k = mp.mpf(mu), mp.mpf(k)
        i0 = mp.besseli(0, k)
        A = mp.besseli(1, k) / i0
        pdf = lambda x: mp.exp(k * mp.cos(x - mu)) / (2 * pi * i0)
        sc = lambda x: [k * mp.sin(x - mu), mp.cos(x - mu) - A]
        rows.append(("fisher von_mises loc_concentration", [[mu, k]], outer_expect(pdf, sc, [mu - pi, mu, mu + pi])))
    for p in [0.3, 0.01, 0.999]:
        p = mp.mpf(p)
        it = [(1 - p, [-1 / (1 - p)]), (p, [1 / p])]
        rows.append(("fisher bernoulli p", [[p]], outer_sum(it, 1)))
    for probs in [[0.2, 0.5, 0.3], [0.1, 0.2, 0.3, 0.4], [0.5, 0.5]]:
        ps = [mp.mpf(v) for v in probs]
        k = len(ps) - 1
        it = []
        for i in range(len(ps)):
            s = [mp.mpf(0)] * k
            if i < k:
                s[i] = 1 / ps[i]
            else:
                s = [-1 / ps[k]] * k
            it.append((ps[i], s))
        rows.append(("fisher categorical first_k_minus_1", [probs], outer_sum(it, k)))
    for lam in [0.3, 4.5, 40]:
        lam = mp.mpf(lam)

        def pois():
            kk = 0
            while True:
                p = mp.exp(kk * mp.log(lam) - lam - mp.loggamma(kk + 1))
                yield p, [kk / lam - 1]
                if kk > lam and p < mp.mpf("1e-45"):
                    return
                kk += 1

        rows.append(("fisher poisson rate", [[lam]], outer_sum(pois(), 1)))
    for p in [0.2, 0.9, 0.5]:
        p = mp.mpf(p)

        def geo():
            kk = 1
            while True:
                pr = (1 - p) ** (kk - 1) * p
                yield pr, [1 / p - (kk - 1) / (1 - p)]
                if pr < mp.mpf("1e-45"):
                    return
                kk += 1

        rows.append(("fisher geometric p", [[p]], outer_sum(geo(), 1)))
    # Hessian of closed-form KL (60 digits).
    with mp.workdps(60):
        for alpha in [[1.5, 2.0, 3.0], [0.5, 0.5, 4.0]]:
            al = [mp.mpf(v) for v in alpha]

            def kl(beta):
                a0 = sum(al)
                lb = lambda a: sum(mp.loggamma(v) for v in a) - mp.loggamma(sum(a))
                return lb(beta) - lb(al) + sum((a - b) * (mp.digamma(a) - mp.digamma(a0)) for a, b in zip(al, beta))

            rows.append(("fisher dirichlet alpha", [alpha], hessian(kl, al)))
        for mean, cov in [([0.5, -1.0], [[2.0, 0.3], [0.3, 1.0]]), ([0.0, 0.0, 1.0], [[1.0, 0.2, 0.0], [0.2, 2.0, -0.5], [0.0, -0.5, 1.5]])]:
            k = len(mean)
            mu0 = mp.matrix([mp.mpf(v) for v in mean])
            s0 = mp.matrix([[mp.mpf(v) for v in r] for r in cov])
            theta = list(mu0) + [s0[i, j] for i in range(k) for j in range(i + 1)]

            def kl(th):
                mu1 = mp.matrix(th[:k])
                s1 = mp.matrix(k, k)
                idx = k
                for i in range(k):
                    for j in range(i + 1):
                        s1[i, j] = s1[j, i] = th[idx]
                        idx += 1
                inv = mp.inverse(s1)
                d = mu1 - mu0
                return (mp.fsum((inv * s0)[i, i] for i in range(k)) + (d.T * inv * d)[0] - k + mp.log(mp.det(s1) / mp.det(s0))) / 2

            rows.append(("fisher mvn mean_cov", [mean, [v for r in cov for v in r]], hessian(kl, theta)))
    return rows


def hessian(f, x):
    n = len(x)
    h = mp.mpf("1e-15")
    out = []
    for i in range(n):
        for j in range(n):
            def e(si, sj):
                y = list(x)
                y[i] += si * h
                y[j] += sj * h
                return f(y)
            out.append((e(1, 1) - e(1, -1) - e(-1, 1) + e(-1, -1)) / (4 * h * h))
    return out


# ----------------------------------------------------------------------------------------------
# Distances.

REUSE = {}


def shoot(metric, x0, x1, dps=20):
    """Geodesic distance by shooting (see module docstring)."""
    with mp.workdps(dps):
        n = len(x0)
        x0 = [mp.mpf(v) for v in x0]
        x1 = [mp.mpf(v) for v in x1]
        h = mp.mpf("1e-4")

        def accel(x, v):
            G = metric(x)
            dG = []
            for k in range(n):
                def at(s):
                    y = list(x)
                    y[k] += s * h
                    return metric(y)
                a, b, c, d = at(2), at(1), at(-1), at(-2)
                dG.append((d - a + 8 * (b - c)) / (12 * h))
            vv = mp.matrix(v)
            rhs = mp.matrix(n, 1)
            for k in range(n):
                dgv = dG[k] * vv
                for r in range(n):
                    rhs[r] += v[k] * dgv[r]
                rhs[k] -= (vv.T * dgv)[0] / 2
            a = mp.lu_solve(G, rhs)
            return [-a[i] for i in range(n)]

        def integrate(v0, N):
            x, v = list(x0), list(v0)
            hh = mp.mpf(1) / N
            for _ in range(N):
                k1x, k1v = v, accel(x, v)
                x2 = [x[i] + hh / 2 * k1x[i] for i in range(n)]
                v2 = [v[i] + hh / 2 * k1v[i] for i in range(n)]
                k2x, k2v = v2, accel(x2, v2)
                x3 = [x[i] + hh / 2 * k2x[i] for i in range(n)]
                v3 = [v[i] + hh / 2 * k2v[i] for i in range(n)]
                k3x, k3v = v3, accel(x3, v3)
                x4 = [x[i] + hh * k3x[i] for i in range(n)]
                v4 = [v[i] + hh * k3v[i] for i in range(n)]
                k4x, k4v = v4, accel(x4, v4)
                x = [x[i] + hh / 6 * (k1x[i] + 2 * k2x[i] + 2 * k3x[i] + k4x[i]) for i in range(n)]
                v = [v[i] + hh / 6 * (k1v[i] + 2 * k2v[i] + 2 * k3v[i] + k4v[i]) for i in range(n)]
            return x

        target = list(x1)

        def residual(v, N):
            return [a - b for a, b in zip(integrate(v, N), target)]

        def jacobian(v, r, N):
            J = mp.matrix(n, n)
            for c in range(n):
                w = list(v)
                e = mp.mpf("1e-10")
                w[c] += e
                rc = residual(w, N)
                for q in range(n):
                    J[q, c] = (rc[q] - r[q]) / e
            return J

        def norm(r):
            return max(abs(t) for t in r)

        def safe_residual(v, N):
            try:
                return residual(v, N)
            except (ZeroDivisionError, ValueError):
                return None

        def solve(v, N, J=None):
            """Damped Newton (fresh Jacobian each step unless J is given: chord iterations)."""
            chord = J is not None
            r = residual(v, N)
            for _ in range(60):
                if norm(r) < mp.mpf("1e-17"):
                    return v, J
                if not chord:
                    J = jacobian(v, r, N)
                dv = mp.lu_solve(J, mp.matrix(r))
                t = mp.mpf(1)
                while True:
                    cand = [v[i] - t * dv[i] for i in range(n)]
                    rc = safe_residual(cand, N)
                    if rc is not None and norm(rc) < norm(r):
                        v, r = cand, rc
                        break
                    t /= 2
                    if t < mp.mpf("1e-6"):
                        if norm(r) < mp.mpf("1e-14"):
                            return v, J  # the noise floor of the differenced metric
                        raise RuntimeError("shooting stalled")
            raise RuntimeError("shooting did not converge")

        # Coarse solve from the straight line, with continuation of the target in K stages
        # when Newton fails from the straight line.
        for K in (1, 4, 16):
            try:
                v = [(b - a) / K for a, b in zip(x0, x1)]
                for st in range(1, K + 1):
                    target[:] = [a + mp.mpf(st) / K * (b - a) for a, b in zip(x0, x1)]
                    v, _ = solve(v, 16)
                    if st < K:
                        v = [w * (st + 1) / st for w in v]
                break
            except (RuntimeError, ZeroDivisionError):
                continue
        else:
            raise RuntimeError("no continuation succeeded")
        target[:] = list(x1)
        v, J = solve(v, 32)  # Jacobian at 32 steps, reused (chord iterations) below
        lengths = []
        for N in (128, 256):
            v, _ = solve(v, N, J)
            G = metric(x0)
            vv = mp.matrix(v)
            lengths.append(mp.sqrt((vv.T * G * vv)[0]))
        return lengths[1] + (lengths[1] - lengths[0]) / 15  # RK4: error ~ h^4


def gamma_metric(u):
    a, b = mp.exp(u[0]), mp.exp(u[1])
    g = mp.matrix([[mp.psi(1, a), -1 / b], [-1 / b, a / b**2]])
    d = [a, b]
    return mp.matrix([[g[i, j] * d[i] * d[j] for j in range(2)] for i in range(2)])


def beta_metric(u):
    a, b = mp.exp(u[0]), mp.exp(u[1])
    s = mp.psi(1, a + b)
    g = mp.matrix([[mp.psi(1, a) - s, -s], [-s, mp.psi(1, b) - s]])
    d = [a, b]
    return mp.matrix([[g[i, j] * d[i] * d[j] for j in range(2)] for i in range(2)])


def vm_metric(eta):
    r = mp.sqrt(eta[0] ** 2 + eta[1] ** 2)
    A = mp.besseli(1, r) / mp.besseli(0, r)
    Ad = 1 - A / r - A * A
    c, s = eta[0] / r, eta[1] / r
    aor = A / r
    m = Ad - aor
    return mp.matrix([[aor + m * c * c, m * c * s], [m * c * s, aor + m * s * s]])


def distance_rows():
    # Probability vectors whose float entries sum to 1 exactly (the two forms of the distance
    # differ by O(|sum - 1|) off the simplex, which is not what is tested here).
    for p, q in [([0.2, 0.5, 0.3], [0.3, 0.3, 0.4]), ([1.0, 0.0], [0.0, 1.0]), ([0.25] * 4, [0.1, 0.2, 0.3, 0.4]), ([0.5, 0.5], [0.5 + 2.0**-30, 0.5 - 2.0**-30]), ([0.0, 0.3, 0.7], [0.6, 0.4, 0.0])]:
        bc = mp.fsum(mp.sqrt(mp.mpf(a) * mp.mpf(b)) for a, b in zip(p, q))
        yield (("distance categorical", [p], [q], 2 * mp.acos(bc)))
    for p, q in [(0.3, 0.6), (0.0, 1.0), (0.5, 0.5 + 1e-10), (0.999, 0.001)]:
        a, b = mp.mpf(p), mp.mpf(q)
        yield (("distance bernoulli", [[p]], [[q]], 2 * mp.acos(mp.sqrt(a * b) + mp.sqrt((1 - a) * (1 - b)))))
    for (m1, s1), (m2, s2) in [((0, 1), (3, 0.5)), ((0, 1), (0, 2)), ((-1, 2), (1, 2)), ((0, 1), (1e-8, 1)), ((5, 0.01), (-5, 100))]:
        m1, s1, m2, s2 = map(mp.mpf, (m1, s1, m2, s2))
        d = mp.sqrt(2) * mp.acosh(1 + ((m1 - m2) ** 2 / 2 + (s1 - s2) ** 2) / (2 * s1 * s2))
        yield (("distance normal", [[m1, s1]], [[m2, s2]], d))
    for (m1, s1), (m2, s2) in [((0, 1), (3, 0.5)), ((1, 2), (1, 0.1))]:
        m1, s1, m2, s2 = map(mp.mpf, (m1, s1, m2, s2))
        yield (("distance laplace", [[m1, s1]], [[m2, s2]], mp.acosh(1 + ((m1 - m2) ** 2 + (s1 - s2) ** 2) / (2 * s1 * s2))))
    for a, b in [(1, 4), (0.3, 50), (10, 10.001)]:
        yield (("distance poisson", [[a]], [[b]], abs(mp.quad(lambda t: 1 / mp.sqrt(t), [a, b]))))
    for a, b in [(1, 4), (0.3, 50), (2, 2.0000001)]:
        yield (("distance exponential", [[a]], [[b]], abs(mp.quad(lambda t: 1 / t, [a, b]))))
    for a, b in [(0.2, 0.7), (0.5, 1.0), (0.01, 0.02), (0.3, 0.3000001)]:
        yield (("distance geometric", [[a]], [[b]], abs(mp.quad(lambda t: 1 / (t * mp.sqrt(1 - t)), [a, b]))))
    # mvn, equal means: sqrt(1/2 sum ln^2 eig(S1^-1 S2)).
    for mean, s1, s2 in [([0.3, -0.2], [[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.5], [0.5, 1.0]]), ([1.0, 2.0], [[2.0, -0.3], [-0.3, 0.5]], [[0.7, 0.1], [0.1, 3.0]])]:
        A = mp.inverse(mp.matrix(s1)) * mp.matrix(s2)
        ev = mp.eig(A, left=False, right=False)
        d = mp.sqrt(mp.fsum(mp.log(mp.re(e)) ** 2 for e in ev) / 2)
        yield (("distance mvn", [mean, [v for r in s1 for v in r]], [mean, [v for r in s2 for v in r]], d))
    # Numeric references.
    for (a1, b1), (a2, b2) in [((2, 1), (5, 3)), ((0.5, 2), (3, 0.5)), ((1, 1), (1.2, 1.1))]:
        key = ("distance gamma", fmt([[a1, b1]]), fmt([[a2, b2]]))
        d = mp.mpf(REUSE[key]) if key in REUSE else shoot(gamma_metric, [mp.log(a1), mp.log(b1)], [mp.log(a2), mp.log(b2)])
        yield (("distance gamma", [[a1, b1]], [[a2, b2]], d))
    for (a1, b1), (a2, b2) in [((2, 1), (0.5, 3)), ((5, 5), (2, 8))]:
        key = ("distance beta", fmt([[a1, b1]]), fmt([[a2, b2]]))
        d = mp.mpf(REUSE[key]) if key in REUSE else shoot(beta_metric, [mp.log(a1), mp.log(b1)], [mp.log(a2), mp.log(b2)])
        yield (("distance beta", [[a1, b1]], [[a2, b2]], d))
    for (m1, k1), (m2, k2) in [((0, 2), (2, 10)), ((0, 1), (1, 0.5)), ((0.5, 5), (-0.5, 5))]:
        e1 = [k1 * mp.cos(m1), k1 * mp.sin(m1)]
        e2 = [k2 * mp.cos(m2), k2 * mp.sin(m2)]
        key = ("distance von_mises", fmt([[m1, k1]]), fmt([[m2, k2]]))
        d = mp.mpf(REUSE[key]) if key in REUSE else shoot(vm_metric, e1, e2)
        yield (("distance von_mises", [[m1, k1]], [[m2, k2]], d))


def main():
    import sys

    # `--reuse`: keep the numeric rows (gamma, beta, von Mises) already in the table, computing
    # only the missing ones (the shooting takes minutes per row).
    reuse = {}
    path = os.path.join(DATA, "geometry_distance.txt")
    if "--reuse" in sys.argv and os.path.exists(path):
        for line in open(path):
            if line.startswith("distance"):
                f = line.split("|")
                reuse[(f[0].strip(), f[1].strip(), f[2].strip())] = f[3].strip()
    global REUSE
    REUSE = reuse
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, "geometry_fisher.txt"), "w") as f:
        f.write("# generated by scripts/reference/generate_geometry.py (mpmath, 40 digits); do not edit\n")
        for kind, p, vals in fisher_rows():
            f.write(f"{kind} | {fmt(p)} | | {fmtv(vals)}\n")
    with open(os.path.join(DATA, "geometry_distance.txt"), "w") as f:
        f.write("# generated by scripts/reference/generate_geometry.py (mpmath); do not edit\n")
        for kind, p, q, v in distance_rows():
            f.write(f"{kind} | {fmt(p)} | {fmt(q)} | {fmtv([v])}\n")
            f.flush()
            print(kind, fmt(p), fmt(q), float(v), flush=True)



if __name__ == "__main__":
    main()
