#!/usr/bin/env python3
"""Reference values for sanov's multivariate measures (crates/sanov/src/multivariate).

Writes crates/sanov/tests/data/multivariate.txt, read by crates/sanov/tests/multivariate_reference.rs.

Every value is computed twice: with mpmath at 50 significant digits from the exact marginals of
the float64 joint (the reference written to the table), and with dit (a cross-check: the script
fails if they differ by more than 1e-9 bits). All values are in bits.

Run from the repository root:
    pip install mpmath numpy dit
    python scripts/reference/generate_multivariate.py
"""
import itertools
import pathlib

import dit
import mpmath as mp
import numpy as np

mp.mp.dps = 50
OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/sanov/tests/data/multivariate.txt"
LN2 = mp.log(2)


def mp_entropy_bits(cells):
    total = mp.fsum(cells)
    return -mp.fsum((c / total) * mp.log(c / total) for c in cells if c != 0) / LN2


def marginal(p, axes):
    """Exact (mpmath) marginal cell values of the float array p over the kept axes."""
    keep = sorted(axes)
    acc = {}
    for idx in itertools.product(*[range(n) for n in p.shape]):
        key = tuple(idx[a] for a in keep)
        acc[key] = acc.get(key, mp.mpf(0)) + mp.mpf(float(p[idx]))
    return list(acc.values())


def H(p, axes):
    return mp_entropy_bits(marginal(p, axes)) if axes else mp.mpf(0)


def U(*sets):
    out = set()
    for s in sets:
        out |= set(s)
    return out


def measures(p):
    n = p.ndim
    allv = set(range(n))
    out = []
    out.append(("joint_entropy", [], [], [], H(p, allv)))
    for r in range(1, n + 1):
        for s in itertools.combinations(range(n), r):
            out.append(("marginal_entropy", list(s), [], [], H(p, s)))
    for a in range(n):
        for b in range(n):
            if a != b:
                rest = [c for c in range(n) if c not in (a, b)]
                out.append(("conditional_entropy", [a], [b], [], H(p, U([a], [b])) - H(p, [b])))
                if a < b:
                    out.append(("mutual_information", [a], [b], [], H(p, [a]) + H(p, [b]) - H(p, U([a], [b]))))
                    if rest:
                        z = rest
                        cmi = H(p, U([a], z)) + H(p, U([b], z)) - H(p, U([a], [b], z)) - H(p, z)
                        out.append(("conditional_mutual_information", [a], [b], z, cmi))
    tc = mp.fsum(H(p, [i]) for i in range(n)) - H(p, allv)
    dtc = H(p, allv) - mp.fsum(H(p, allv) - H(p, allv - {i}) for i in range(n))
    coi = mp.fsum((-1) ** (len(s) + 1) * H(p, s)
                  for r in range(1, n + 1) for s in itertools.combinations(range(n), r))
    out.append(("total_correlation", [], [], [], tc))
    out.append(("dual_total_correlation", [], [], [], dtc))
    out.append(("co_information", [], [], [], coi))
    out.append(("interaction_information", [], [], [], (-1) ** n * coi))
    out.append(("o_information", [], [], [], tc - dtc))
    return out


def chains(p):
    n = p.ndim
    rows = []
    order = list(range(n))[::-1]
    terms, prev = [], []
    for o in order:
        terms.append(H(p, U(prev, [o])) - H(p, prev))
        prev = prev + [o]
    rows.append(("chain_rule_entropy", order, [], [], terms))
    if n >= 2:
        x, ys = [0], list(range(1, n))
        terms, c = [], []
        for y in ys:
            terms.append(H(p, U(x, c)) + H(p, U([y], c)) - H(p, U(x, [y], c)) - H(p, c))
            c = c + [y]
        rows.append(("chain_rule_mutual_information", x, ys, [], terms))
    return rows


def dit_value(d, name, a, b, c):
    m = dit.multivariate
    if name == "joint_entropy":
        return dit.shannon.entropy(d)
    if name == "marginal_entropy":
        return m.entropy(d, [[i] for i in a])
    if name == "conditional_entropy":
        return m.entropy(d, [a], b)
    if name == "mutual_information":
        return m.coinformation(d, [a, b])
    if name == "conditional_mutual_information":
        return m.coinformation(d, [a, b], c)
    return {
        "total_correlation": m.total_correlation,
        "dual_total_correlation": m.dual_total_correlation,
        "co_information": m.coinformation,
        "interaction_information": m.interaction_information,
        "o_information": m.o_information,
    }[name](d)


def to_dit(p):
    outcomes, pmf = [], []
    for idx in itertools.product(*[range(k) for k in p.shape]):
        if p[idx] > 0:
            outcomes.append(tuple(idx))
            pmf.append(float(p[idx]))
    return dit.Distribution(outcomes, pmf)


def fmt_set(s):
    return ",".join(str(i) for i in s) if s else "-"


def fmt(x):
    return repr(float(x))


def emit(lines, name, p):
    lines.append(f"case {name}")
    lines.append("shape " + ",".join(str(k) for k in p.shape))
    lines.append("p " + ",".join(repr(float(v)) for v in p.ravel()))
    d = to_dit(p)
    for (m, a, b, c, v) in measures(p):
        dv = dit_value(d, m, a, b, c)
        assert abs(float(v) - dv) < 1e-9, (name, m, a, b, c, float(v), dv)
        lines.append(f"v {m} {fmt_set(a)} {fmt_set(b)} {fmt_set(c)} {fmt(v)}")
    for (m, a, b, c, terms) in chains(p):
        lines.append(f"l {m} {fmt_set(a)} {fmt_set(b)} {fmt_set(c)} " + ",".join(fmt(t) for t in terms))


def markov_chain(rng, kx, ky, kz):
    px = rng.dirichlet(np.ones(kx))
    w = rng.dirichlet(np.ones(ky), size=kx)
    v = rng.dirichlet(np.ones(kz), size=ky)
    return px, w, v


def main():
    rng = np.random.default_rng(20261123)
    lines = ["# generated by scripts/reference/generate_multivariate.py; values in bits; do not edit"]
    t = np.array([[1/8, 1/16, 1/32, 1/32], [1/16, 1/8, 1/32, 1/32],
                  [1/16, 1/16, 1/16, 1/16], [1/4, 0, 0, 0]])
    emit(lines, "cover_thomas_4x4", t)
    xor = np.zeros((2, 2, 2))
    for x, y in itertools.product(range(2), range(2)):
        xor[x, y, x ^ y] = 0.25
    emit(lines, "xor", xor)
    copy = np.zeros((3, 3))
    for i in range(3):
        copy[i, i] = 1 / 3
    emit(lines, "copy3", copy)
    emit(lines, "independent", np.outer([0.2, 0.8], [0.1, 0.3, 0.6]))
    parity = np.zeros((2, 2, 2, 2))
    for bits in itertools.product(range(2), repeat=3):
        parity[bits + (sum(bits) % 2,)] = 1 / 8
    emit(lines, "parity4", parity)
    # The noisy binary channel: X fair, Y = X flipped with probability 0.1; H(X,Y) = 1.469 bits.
    emit(lines, "noisy_channel", np.array([[0.45, 0.05], [0.05, 0.45]]))
    # Noisy XOR channel: Z = X ⊕ Y flipped with probability 0.1.
    nx = np.zeros((2, 2, 2))
    for x, y in itertools.product(range(2), range(2)):
        z = x ^ y
        nx[x, y, z] += 0.25 * 0.9
        nx[x, y, 1 - z] += 0.25 * 0.1
    emit(lines, "noisy_xor", nx)
    for k in range(4):
        px, w, v = markov_chain(rng, 2 + k, 3, 2 + (k % 3))
        joint = px[:, None, None] * w[:, :, None] * v[None, :, :]
        emit(lines, f"markov_{k}", joint)
        # The data processing check of the same chain.
        pxy = px[:, None] * w
        pxz = pxy @ v
        i_xy = H(pxy, [0]) + H(pxy, [1]) - H(pxy, [0, 1])
        i_xz = H(pxz, [0]) + H(pxz, [1]) - H(pxz, [0, 1])
        lines.append("px " + ",".join(repr(float(a)) for a in px))
        lines.append(f"wxy {w.shape[0]},{w.shape[1]} " + ",".join(repr(float(a)) for a in w.ravel()))
        lines.append(f"wyz {v.shape[0]},{v.shape[1]} " + ",".join(repr(float(a)) for a in v.ravel()))
        lines.append(f"dpi {fmt(i_xy)} {fmt(i_xz)}")
    for k in range(24):
        nvars = 2 + k % 3
        shape = tuple(int(rng.integers(2, 6)) for _ in range(nvars))
        p = rng.dirichlet(np.ones(int(np.prod(shape)))).reshape(shape)
        if k % 4 == 3:  # some zero cells
            p[rng.random(shape) < 0.3] = 0.0
            p = p / p.sum()
        emit(lines, f"random_{k}_{'x'.join(map(str, shape))}", p)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")
    nvals = sum(1 for l in lines if l.startswith("v ")) + sum(
        len(l.split()[-1].split(",")) for l in lines if l.startswith("l ")) + 2 * sum(
        1 for l in lines if l.startswith("dpi "))
    print(f"wrote {OUT} ({nvals} reference values)")


if __name__ == "__main__":
    main()
