#!/usr/bin/env python3
"""Time sanov.torch against PyTorch's own CPU kernels, in one run (issue #18, item 6).

Cases (float32, seeded data), each forward and forward + backward:

* softmax cross-entropy [2048, 50257] and [512, 128256] (class targets, mean):
  ``sanov.torch.softmax_cross_entropy`` vs ``F.cross_entropy``; also the bare kernel
  ``sanov.softmax_cross_entropy_grad(..., out=buf)`` (NumPy, no autograd) to give the
  autograd wrapper's overhead (fwd+bwd through ``loss.backward()`` / bare kernel - 1), against
  the kernel writing into a reused buffer and into a new one per call (what autograd must do:
  the gradient it hands out is a new tensor, whose first touch costs page faults);
* VAE KL [4096, 512]: ``sanov.torch.vae_kl`` vs ``-0.5 * (1 + lv - mu**2 - lv.exp()).sum(-1).mean()``;
* KL of logits [2048, 50257] (teacher -> student, gradient to the student):
  ``sanov.torch.kl_divergence_logits(teacher, student)`` vs ``F.kl_div(log_softmax(student),
  log_softmax(teacher), log_target=True, reduction="batchmean")``.

Threads: ``torch.set_num_threads(T)`` and ``workers=T`` for T in ``--threads`` (1,2). Each cell
is the median over ``--repeats`` calls (after one warm-up), with the range (min-max); the
ratio is torch / sanov from the medians of the same run (> 1: sanov faster).

Usage: python bench/python/bench_torch.py [--repeats 5] [--threads 1,2] [--cases ce,vae,kl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path

import torch
import torch.nn.functional as F

import sanov
import sanov.torch as st

REPO = Path(__file__).resolve().parents[2]


def timed(fn, repeats):
    fn()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), min(ts), max(ts)


def fmt(t):
    med, lo, hi = t
    return f"{med * 1e3:.1f} ms ({lo * 1e3:.1f}-{hi * 1e3:.1f})"


def fwd_bwd(loss_fn, leaf):
    def run():
        leaf.grad = None
        loss_fn().backward()

    return run


def ce_case(b, v, threads, repeats):
    g = torch.Generator().manual_seed(18)
    x = torch.randn(b, v, generator=g) * 2
    t = torch.randint(0, v, (b,), generator=g)
    xr = x.clone().requires_grad_()
    rows = []
    with torch.no_grad():
        ours = timed(lambda: st.softmax_cross_entropy(x, t, workers=threads), repeats)
        ref = timed(lambda: F.cross_entropy(x, t), repeats)
    rows.append((f"softmax CE [{b}, {v}] fwd", ref, ours))
    ours = timed(fwd_bwd(lambda: st.softmax_cross_entropy(xr, t, workers=threads), xr), repeats)
    ref = timed(fwd_bwd(lambda: F.cross_entropy(xr, t), xr), repeats)
    rows.append((f"softmax CE [{b}, {v}] fwd+bwd", ref, ours))
    xn, tn = x.numpy(), t.numpy()
    buf = torch.empty_like(x).numpy()
    bare = timed(lambda: sanov.softmax_cross_entropy_grad(xn, tn, out=buf, workers=threads), repeats)
    # A fresh gradient buffer per call, as autograd must hand one out (page faults included).
    fresh = timed(lambda: sanov.softmax_cross_entropy_grad(xn, tn, workers=threads), repeats)
    return rows, (f"[{b}, {v}]", ours, bare, fresh)


def vae_case(threads, repeats):
    g = torch.Generator().manual_seed(19)
    mu = torch.randn(4096, 512, generator=g)
    lv = torch.randn(4096, 512, generator=g) * 0.5

    def ref_fn(m, l):
        return (-0.5 * (1 + l - m * m - l.exp()).sum(-1)).mean()

    rows = []
    with torch.no_grad():
        ours = timed(lambda: st.vae_kl(mu, lv, workers=threads), repeats)
        ref = timed(lambda: ref_fn(mu, lv), repeats)
    rows.append(("VAE KL [4096, 512] fwd", ref, ours))
    m, l = mu.clone().requires_grad_(), lv.clone().requires_grad_()

    def run(fn):
        def go():
            m.grad = l.grad = None
            fn().backward()

        return go

    ours = timed(run(lambda: st.vae_kl(m, l, workers=threads)), repeats)
    ref = timed(run(lambda: ref_fn(m, l)), repeats)
    rows.append(("VAE KL [4096, 512] fwd+bwd", ref, ours))
    return rows


def kl_case(threads, repeats):
    g = torch.Generator().manual_seed(20)
    teacher = torch.randn(2048, 50257, generator=g)
    student = torch.randn(2048, 50257, generator=g)

    def ref_fn(s):
        return F.kl_div(F.log_softmax(s, -1), F.log_softmax(teacher, -1), log_target=True, reduction="batchmean")

    rows = []
    with torch.no_grad():
        ours = timed(lambda: st.kl_divergence_logits(teacher, student, workers=threads), repeats)
        ref = timed(lambda: ref_fn(student), repeats)
    rows.append(("KL logits [2048, 50257] fwd", ref, ours))
    s = student.clone().requires_grad_()
    ours = timed(fwd_bwd(lambda: st.kl_divergence_logits(teacher, s, workers=threads), s), repeats)
    ref = timed(fwd_bwd(lambda: ref_fn(s), s), repeats)
    rows.append(("KL logits [2048, 50257] fwd+bwd", ref, ours))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--cases", default="ce,vae,kl")
    args = ap.parse_args()
    cases = args.cases.split(",")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout.strip()
    print(
        f"# sanov.torch vs torch CPU — {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, "
        f"commit {commit}, torch {torch.__version__}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    print()
    print("| case | threads | torch | sanov.torch | torch / sanov |")
    print("|---|---|---|---|---|")
    overhead = []
    for threads in (int(s) for s in args.threads.split(",")):
        torch.set_num_threads(threads)
        rows = []
        if "ce" in cases:
            for b, v in ((2048, 50257), (512, 128256)):
                r, o = ce_case(b, v, threads, args.repeats)
                rows += r
                overhead.append((threads, *o))
        if "vae" in cases:
            rows += vae_case(threads, args.repeats)
        if "kl" in cases:
            rows += kl_case(threads, args.repeats)
        for name, ref, ours in rows:
            print(f"| {name} | {threads} | {fmt(ref)} | {fmt(ours)} | {ref[0] / ours[0]:.2f}× |", flush=True)
    if overhead:
        print()
        print(
            "| softmax CE fwd+bwd | threads | sanov.torch (autograd) | bare kernel, out= reused "
            "| overhead | bare kernel, new buffer | overhead |"
        )
        print("|---|---|---|---|---|---|---|")
        for threads, shape, ours, bare, fresh in overhead:
            print(
                f"| {shape} | {threads} | {fmt(ours)} | {fmt(bare)} | {100 * (ours[0] / bare[0] - 1):+.1f} % "
                f"| {fmt(fresh)} | {100 * (ours[0] / fresh[0] - 1):+.1f} % |"
            )
    print(f"\nload at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
