"""Benchmarks of issue 20: the MI bounds and the PID measures against their peers.

1. InfoNCE value + gradient on an N x N float32 score matrix (default 8192): sanov vs a NumPy
   implementation vs torch CPU (``F.cross_entropy(S, arange(N))`` + backward), torch skipped if it
   is not importable; threads = ``--threads`` (default 2) for all three.
3. Information bottleneck on a 64 x 16 joint, |T| = 8, beta = 5: sanov (one run from one start,
   and the default 16 restarts) vs a NumPy implementation of the same iteration vs dit's
   ``InformationBottleneck`` (an SLSQP optimiser; skipped if it fails).
2. PID on random Dirichlet joints of 4 x 4 x 4 and 8 x 8 x 8: sanov vs dit 2.3 (``PID_WB``,
   ``PID_CCS``, ``PID_BROJA``) in the same run. dit's BROJA takes minutes on 8 x 8 x 8: one call.

Medians and ranges over ``--repeat`` calls. Run:
    python bench/python/bench_mlmeasures.py [--n 8192] [--threads 2] [--repeat 5] [--skip-dit-broja8]
"""

import argparse
import os
import statistics
import time
import warnings


def timeit(f, repeat):
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts), min(ts), max(ts)


def fmt(name, r):
    med, lo, hi = r
    return f"{name:40s} median {med * 1e3:10.2f} ms  range [{lo * 1e3:.2f}, {hi * 1e3:.2f}]"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=8192)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-dit-broja8", action="store_true")
    a = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", str(a.threads))
    import numpy as np
    from scipy.special import logsumexp

    import sanov

    n = a.n
    s = np.random.default_rng(0).normal(0, 3, (n, n)).astype(np.float32)
    res = {}
    res["sanov"] = timeit(lambda: sanov.info_nce(s, grad=True, workers=a.threads), a.repeat)
    print(fmt("InfoNCE+grad sanov", res["sanov"]))

    def numpy_info_nce():
        lse = logsumexp(s, axis=1, keepdims=True)
        val = np.log(n) - np.mean(lse[:, 0] - np.diag(s))
        g = -np.exp(s - lse) / n
        g[np.arange(n), np.arange(n)] += 1.0 / n
        return val, g

    res["numpy"] = timeit(numpy_info_nce, a.repeat)
    print(fmt("InfoNCE+grad NumPy", res["numpy"]))
    try:
        import torch
        import torch.nn.functional as F

        torch.set_num_threads(a.threads)
        st = torch.from_numpy(s)
        tgt = torch.arange(n)

        def torch_info_nce():
            x = st.clone().requires_grad_(True)
            v = np.log(n) - F.cross_entropy(x, tgt)
            v.backward()
            return v.item(), x.grad

        res["torch"] = timeit(torch_info_nce, a.repeat)
        print(fmt("InfoNCE+grad torch CPU", res["torch"]))
    except ImportError:
        print("torch not importable: row skipped")
    for k in ("numpy", "torch"):
        if k in res:
            print(f"ratio {k}/sanov (medians): {res[k][0] / res['sanov'][0]:.2f}x")

    try:
        import dit
        from dit.pid import PID_BROJA, PID_CCS, PID_WB
    except ImportError:
        print("dit not importable: PID rows skipped")
        return
    warnings.simplefilter("ignore")
    bench_ib(a.repeat)
    rng = np.random.default_rng(1)
    for m in (4, 8):
        p = rng.dirichlet(np.ones(m**3)).reshape(m, m, m)
        outs = [(x, y, z) for x in range(m) for y in range(m) for z in range(m)]
        d = dit.Distribution(outs, [float(p[o]) for o in outs])
        for measure, cls in (("williams_beer", PID_WB), ("ccs", PID_CCS), ("broja", PID_BROJA)):
            rs = timeit(lambda: sanov.partial_information(p, measure), a.repeat)
            if measure == "broja" and m == 8 and a.skip_dit_broja8:
                print(fmt(f"PID {measure} {m}^3 sanov", rs) + "  (dit skipped)")
                continue
            rd = timeit(lambda: cls(d, [[0], [1]], [2]), 1 if measure == "broja" else max(1, a.repeat // 2))
            print(fmt(f"PID {measure} {m}^3 sanov", rs))
            print(fmt(f"PID {measure} {m}^3 dit", rd) + f"  ratio {rd[0] / rs[0]:.0f}x")


def bench_ib(repeat):
    import numpy as np

    import sanov

    rng = np.random.default_rng(3)
    p = rng.random((64, 16)) ** 3
    p /= p.sum()
    nt, beta = 8, 5.0
    one = timeit(lambda: sanov.information_bottleneck(p, nt, beta, restarts=1), repeat)
    many = timeit(lambda: sanov.information_bottleneck(p, nt, beta), repeat)
    print(fmt("IB 64x16 sanov (1 start)", one))
    print(fmt("IB 64x16 sanov (16 restarts)", many))

    def numpy_ib():
        px = p.sum(1)
        pyx = p / px[:, None]
        q = np.full((64, nt), 1.0 / nt) + 1e-3 * np.random.default_rng(0).random((64, nt))
        q /= q.sum(1, keepdims=True)
        for _ in range(10_000):
            qt = px @ q
            qyt = (q.T @ p) / qt[:, None]
            with np.errstate(divide="ignore", invalid="ignore"):
                kl = np.sum(np.where(pyx[:, None, :] > 0, pyx[:, None, :] * np.log(pyx[:, None, :] / qyt[None, :, :]), 0.0), axis=2)
                logit = np.log(qt)[None, :] - beta * kl
            logit -= logit.max(1, keepdims=True)
            new = np.exp(logit)
            new /= new.sum(1, keepdims=True)
            done = np.max(np.abs(new - q)) <= 1e-10
            q = new
            if done:
                break
        return q

    rn = timeit(numpy_ib, max(1, repeat // 2))
    print(fmt("IB 64x16 NumPy (1 start)", rn) + f"  ratio {rn[0] / one[0]:.0f}x")
    try:
        import dit
        from dit.rate_distortion.information_bottleneck import InformationBottleneck

        outs = [(x, y) for x in range(64) for y in range(16)]
        d = dit.Distribution(outs, [float(p[o]) for o in outs])

        def dit_ib():
            ib = InformationBottleneck(d, beta=beta, rvs=[[0], [1]], bound=nt)
            ib.optimize()

        rd = timeit(dit_ib, 1)
        print(fmt("IB 64x16 dit InformationBottleneck", rd) + f"  ratio {rd[0] / one[0]:.0f}x (vs 1 start), {rd[0] / many[0]:.0f}x (vs 16)")
    except Exception as e:  # noqa: BLE001 - report and go on
        print(f"dit IB skipped: {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
