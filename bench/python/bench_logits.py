#!/usr/bin/env python3
"""Time sanov's softmax cross-entropy against PyTorch and NumPy on the same logits, in one run.

Shapes (float32 logits, int64 class targets, seeded NumPy data): [2048, 50257] (GPT-2
vocabulary) and [512, 128256] (Llama-3 vocabulary). For each shape it times, as medians over
``--repeats`` runs after one warm-up:

* forward (mean loss): ``torch.nn.functional.cross_entropy`` with ``torch.set_num_threads(T)``;
  a chunked NumPy implementation (rows in blocks of 64: max, ``exp(x - m).sum()``, ``log``,
  gather); ``sanov.softmax_cross_entropy(..., workers=T)``;
* forward + backward: torch (``loss.backward()`` on a leaf tensor, the gradient buffer
  allocated by autograd as in training); NumPy chunked (softmax, minus one-hot, / B);
  ``sanov.softmax_cross_entropy_grad(..., out=buf)`` into a preallocated buffer, and
  ``in_place=True`` over a copy of the logits (the copy is timed separately as ``refill``
  and subtracted);
* the machine's memory-read floor: a ``T``-way plain sum of the logits' bytes, from the
  ``logits_timer`` binary of the bench crate (built with ``cargo build --release -p
  sanov-bench --bin logits_timer``), which also times the Rust calls without Python.

It prints the machine, date, git commit and a Markdown table with times, the ratios
peer / sanov and the bandwidth (bytes the kernel must move / time, against the read floor).

Usage: python bench/python/bench_logits.py [--repeats 5] [--threads 2] [--shapes 2048x50257,512x128256]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

import sanov

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # torch is optional
    torch = None

REPO = Path(__file__).resolve().parents[2]
SEED = 20250109


def median_time(fn, repeats: int) -> float:
    fn()  # warm-up
    ts = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def numpy_forward(x: np.ndarray, t: np.ndarray, chunk: int = 64) -> float:
    total = 0.0
    for i in range(0, x.shape[0], chunk):
        xb = x[i : i + chunk]
        m = xb.max(axis=1)
        s = np.exp(xb - m[:, None]).sum(axis=1, dtype=np.float64)
        total += float((m + np.log(s) - xb[np.arange(xb.shape[0]), t[i : i + chunk]]).sum())
    return total / x.shape[0]


def numpy_forward_backward(x: np.ndarray, t: np.ndarray, g: np.ndarray, chunk: int = 64) -> float:
    total = 0.0
    b = x.shape[0]
    for i in range(0, b, chunk):
        xb = x[i : i + chunk]
        m = xb.max(axis=1)
        e = np.exp(xb - m[:, None])
        s = e.sum(axis=1, dtype=np.float64)
        rows = np.arange(xb.shape[0])
        total += float((m + np.log(s) - xb[rows, t[i : i + chunk]]).sum())
        gb = g[i : i + chunk]
        np.multiply(e, (1.0 / (s * b)).astype(np.float32)[:, None], out=gb)
        gb[rows, t[i : i + chunk]] -= np.float32(1.0 / b)
    return total / b


def rust_timer(npy: Path, targets: Path, threads: int, repeats: int) -> dict:
    subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", "sanov-bench", "--bin", "logits_timer"],
        cwd=REPO,
        check=True,
    )
    exe = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")) / "release" / "logits_timer"
    out = subprocess.run(
        [str(exe), "--samples", str(repeats), "--tasks", str(threads), str(npy), str(targets)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {d["op"]: d for d in map(json.loads, out.splitlines())}


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--shapes", default="2048x50257,512x128256")
    ap.add_argument("--no-rust", action="store_true", help="skip the logits_timer binary")
    args = ap.parse_args()
    T = args.threads
    if torch is not None:
        torch.set_num_threads(T)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cpus; "
          f"date {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {git_commit()}; "
          f"threads {T}; numpy {np.__version__}; torch {torch.__version__ if torch else 'not installed'}")
    rows = []
    rng = np.random.default_rng(SEED)
    for shape in args.shapes.split(","):
        b, v = map(int, shape.split("x"))
        x = rng.standard_normal((b, v), dtype=np.float32) * np.float32(2.0)
        t = rng.integers(0, v, b).astype(np.int64)
        nbytes = x.nbytes
        res = {}
        ref = numpy_forward(x.astype(np.float64), t)
        res["sanov fwd"] = median_time(lambda: sanov.softmax_cross_entropy(x, t, workers=T), args.repeats)
        got = sanov.softmax_cross_entropy(x, t, workers=T)
        assert abs(got - ref) <= 1e-6 * abs(ref), (got, ref)
        g = np.empty_like(x)
        res["sanov fwd+bwd"] = median_time(lambda: sanov.softmax_cross_entropy_grad(x, t, workers=T, out=g), args.repeats)
        work = np.empty_like(x)

        def inplace():
            np.copyto(work, x)
            sanov.softmax_cross_entropy_grad(work, t, workers=T, in_place=True)

        res["refill"] = median_time(lambda: np.copyto(work, x), args.repeats)
        res["sanov fwd+bwd in place"] = median_time(inplace, args.repeats) - res["refill"]
        res["numpy fwd"] = median_time(lambda: numpy_forward(x, t), args.repeats)
        gn = np.empty_like(x)
        res["numpy fwd+bwd"] = median_time(lambda: numpy_forward_backward(x, t, gn), args.repeats)
        assert np.allclose(gn, g, rtol=1e-4, atol=1e-9)
        if torch is not None:
            xt, tt = torch.from_numpy(x), torch.from_numpy(t)
            res["torch fwd"] = median_time(lambda: F.cross_entropy(xt, tt), args.repeats)
            assert abs(F.cross_entropy(xt, tt).item() - ref) <= 1e-4 * abs(ref)

            def torch_fb():
                xl = xt.detach().requires_grad_(True)
                F.cross_entropy(xl, tt).backward()
                return xl.grad

            res["torch fwd+bwd"] = median_time(torch_fb, args.repeats)
        rust = {}
        if not args.no_rust:
            with tempfile.TemporaryDirectory() as d:
                npy, tg = Path(d) / "x.npy", Path(d) / "t.i64"
                np.save(npy, x)
                t.tofile(tg)
                rust = rust_timer(npy, tg, T, args.repeats)
        floor = rust.get("read_floor", {}).get("median_s")
        rows.append((shape, nbytes, res, rust, floor))

    print()
    print("| shape | operation | implementation | median | peer / sanov | GB/s (bytes moved) | read floor GB/s |")
    print("|---|---|---|---|---|---|---|")
    for shape, nbytes, res, rust, floor in rows:
        fgb = f"{nbytes / floor / 1e9:.1f}" if floor else "-"
        for op, moved in (("fwd", nbytes), ("fwd+bwd", 2 * nbytes)):
            s = res[f"sanov {op}"]
            impls = [(f"sanov {op}", s)]
            if op == "fwd+bwd":
                impls.append(("sanov fwd+bwd in place", res["sanov fwd+bwd in place"]))
            impls += [(k, res[k]) for k in (f"torch {op}", f"numpy {op}") if k in res]
            rk = {"fwd": "forward", "fwd+bwd": "forward_backward"}[op]
            if rk in rust:
                impls.append((f"sanov {op} (Rust, no Python)", rust[rk]["median_s"]))
            for name, tm in impls:
                ratio = "-" if name.startswith("sanov") else f"{tm / s:.2f}x"
                gbs = f"{moved / tm / 1e9:.1f}" if name.startswith("sanov") else "-"
                print(f"| {shape} | {op} | {name} | {tm * 1e3:.1f} ms | {ratio} | {gbs} | {fgb} |")
    print("\n(bytes moved: the logits once for fwd; logits read + gradient written for fwd+bwd. "
          "The in-place time excludes the refill copy of the logits, timed separately.)")


if __name__ == "__main__":
    main()
