#!/usr/bin/env python3
"""Time sanov's batched VAE KL term against the NumPy expression, on the same data, in one run.

On mu, log_var ~ N(0, 1) of shape [4096, 512] (float32 and float64, fixed seed) it times

* NumPy: ``-0.5 * np.sum(1 + lv - mu**2 - np.exp(lv))`` (the total KL),
* NumPy with gradients: the total and ``mu``, ``0.5 * (np.exp(lv) - 1)`` (new arrays, and
  into preallocated ones with ``out=``),
* sanov: ``vae_kl(mu, lv, reduction="sum", workers=1)`` and ``vae_kl_with_grad(...,
  reduction="sum", workers=1)`` (one thread, like NumPy; new gradient arrays, and
  ``out=(gmu, glv)``), and ``workers=None`` (rayon's pool),

each as the median over ``--repeats`` repeats (every repeat runs enough calls to last >= 20 ms and
reports the mean per call). Prints the machine, date, commit and a Markdown table with the
ratio NumPy time / sanov time; the target of the families issue is >= 2x on float32 (one thread).

Needs ``import sanov`` (build it with maturin into a venv). Usage:
python bench/python/bench_vae.py [--repeats 11] [--shape 4096,512]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import timeit

import numpy as np

import sanov

MIN_SAMPLE_S = 0.02


def median_time(f, repeats):
    t = timeit.Timer(f)
    n, _ = t.autorange()
    n = max(n, 1)
    while t.timeit(n) < MIN_SAMPLE_S:
        n *= 2
    return statistics.median(t.timeit(n) / n for _ in range(repeats))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=11)
    ap.add_argument("--shape", default="4096,512")
    args = ap.parse_args()
    b, d = (int(v) for v in args.shape.split(","))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cpus; "
          f"date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit}; numpy {np.__version__}")
    rng = np.random.default_rng(20250101)
    rows = []
    for dtype in (np.float32, np.float64):
        mu = rng.standard_normal((b, d)).astype(dtype)
        lv = rng.standard_normal((b, d)).astype(dtype)
        np_value = lambda: -0.5 * np.sum(1 + lv - mu**2 - np.exp(lv))

        def np_grad():
            e = np.exp(lv)
            return -0.5 * np.sum(1 + lv - mu**2 - e), mu.copy(), 0.5 * (e - 1)

        e_buf, gmu_np, glv_np = np.empty_like(lv), np.empty_like(mu), np.empty_like(lv)

        def np_grad_out():
            np.exp(lv, out=e_buf)
            total = -0.5 * np.sum(1 + lv - mu**2 - e_buf)
            np.copyto(gmu_np, mu)
            np.subtract(e_buf, 1, out=glv_np)
            np.multiply(glv_np, 0.5, out=glv_np)
            return total

        gmu_o, glv_o = np.empty_like(mu), np.empty_like(lv)

        # Same value (NumPy's float32 sum is pairwise in float32).
        want = float(np_value())
        got = sanov.vae_kl(mu, lv, reduction="sum", workers=1)
        assert abs(got - want) <= 1e-4 * abs(want), (got, want)
        t_np = median_time(np_value, args.repeats)
        t_npg = median_time(np_grad, args.repeats)
        t_s = median_time(lambda: sanov.vae_kl(mu, lv, reduction="sum", workers=1), args.repeats)
        t_sg = median_time(lambda: sanov.vae_kl_with_grad(mu, lv, reduction="sum", workers=1), args.repeats)
        t_npgo = median_time(np_grad_out, args.repeats)
        t_sgo = median_time(
            lambda: sanov.vae_kl_with_grad(mu, lv, reduction="sum", workers=1, out=(gmu_o, glv_o)), args.repeats
        )
        t_sp = median_time(lambda: sanov.vae_kl(mu, lv, reduction="sum"), args.repeats)
        name = np.dtype(dtype).name
        rows.append((f"KL value, {name}", t_np, t_s, t_sp))
        rows.append((f"KL + gradients, {name}", t_npg, t_sg, None))
        rows.append((f"KL + gradients into out=, {name}", t_npgo, t_sgo, None))
    print(f"\n[{b}, {d}], medians of {args.repeats} repeats\n")
    print("| operation | NumPy (ms) | sanov 1 thread (ms) | ratio | sanov pool (ms) |")
    print("|---|---|---|---|---|")
    for name, tn, ts, tp in rows:
        pool = f"{tp * 1e3:.3f}" if tp is not None else "-"
        print(f"| {name} | {tn * 1e3:.3f} | {ts * 1e3:.3f} | {tn / ts:.2f}x | {pool} |")


if __name__ == "__main__":
    main()
