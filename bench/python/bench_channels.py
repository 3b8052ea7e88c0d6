"""Channel capacity: sanov vs a NumPy Blahut-Arimoto vs dit, on a random 256x256 channel.

Rows Dirichlet(0.3), seed 0; every solver stops at a 1e-9 nats gap (upper minus lower bound),
except dit, which uses its own stopping rule (successive values). Prints a markdown table.

    python bench/python/bench_channels.py
"""
import time

import numpy as np

import sanov

TOL = 1e-9


def numpy_ba(w, tol=TOL, max_iter=100_000):
    """Plain Blahut-Arimoto with the upper/lower bound stopping rule."""
    m = w.shape[0]
    wlogw = np.where(w > 0, w * np.log(np.where(w > 0, w, 1.0)), 0.0).sum(axis=1)
    p = np.full(m, 1.0 / m)
    for it in range(1, max_iter + 1):
        q = p @ w
        d = wlogw - w @ np.log(q)
        lower, upper = p @ d, d.max()
        if upper - lower <= tol:
            return lower, it
        p = p * np.exp(d - d.max())
        p /= p.sum()
    raise RuntimeError("numpy BA did not converge")


def best(f, repeat=3):
    ts, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        ts.append(time.perf_counter() - t)
    return min(ts), out


def main():
    rng = np.random.default_rng(0)
    w = rng.dirichlet(np.full(256, 0.3), size=256)
    rows = []
    t, r = best(lambda: sanov.channel_capacity(w, tol=TOL))
    rows.append(("sanov (SQUAREM)", t, r.iterations, r.capacity))
    t_s = t
    t, r = best(lambda: sanov.channel_capacity(w, tol=TOL, accelerate=False, max_iter=100_000))
    rows.append(("sanov (plain BA)", t, r.iterations, r.capacity))
    t, (c, it) = best(lambda: numpy_ba(w), repeat=1)
    rows.append(("NumPy BA", t, it, c))
    try:
        from dit.algorithms.channelcapacity import channel_capacity as dit_cc

        t, c = best(lambda: dit_cc(w), repeat=1)
        c = c[0] if isinstance(c, tuple) else c
        rows.append(("dit", t, "-", c * np.log(2)))
    except ImportError:
        pass
    print("| solver | time (ms) | ratio to sanov | iterations | capacity (nats) |")
    print("|---|---:|---:|---:|---:|")
    for name, t, it, c in rows:
        print(f"| {name} | {t * 1e3:.1f} | {t / t_s:.1f} | {it} | {c:.12f} |")


if __name__ == "__main__":
    main()
