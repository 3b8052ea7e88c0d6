#!/usr/bin/env python3
"""sanov.torch on a CUDA GPU (issue #18, item 3): semantics checks, then timings.

1. Runs python/tests/test_torch.py with ``SANOV_TEST_DEVICE=cuda`` (the torch path on the GPU
   against the Rust path on CPU copies, gradcheck, the peers, the error cases, the training
   curve and torch.compile — all on the device), if pytest is importable; its summary line is
   printed. (``pip install pytest`` if it is not.)
2. Times ``sanov.torch.softmax_cross_entropy`` against ``F.cross_entropy`` on [2048, 50257]
   and [512, 128256] float32 (class targets, mean), forward and forward + backward, with CUDA
   events: median and range over ``--repeats`` calls after ``--warmup`` calls. The ratio
   sanov / torch is the goal of the issue (<= 1.1x: it is the same kernels plus sanov's checks,
   which cost one host synchronisation per call).

Dependencies: torch (with CUDA), numpy and sanov; pytest for step 1 only.

Usage (from the repository root):
    python bench/python/bench_torch_cuda.py [--repeats 50] [--warmup 10] [--skip-tests]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

import sanov.torch as st

REPO = Path(__file__).resolve().parents[2]


def run_tests() -> str:
    try:
        import pytest  # noqa: F401
    except ImportError:
        return "pytest not installed: semantics checks skipped (pip install pytest)"
    env = dict(os.environ, SANOV_TEST_DEVICE="cuda", SANOV_REQUIRE_TORCH="1")
    r = subprocess.run(
        [sys.executable, "-m", "pytest", str(REPO / "python/tests/test_torch.py"), "-q", "-p", "no:cacheprovider"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    failures = [ln for ln in lines if ln.startswith("FAILED") or ln.startswith("ERROR")]
    summary = lines[-1] if lines else r.stderr.strip()[-500:]
    return "\n".join([*failures, f"pytest on cuda (exit {r.returncode}): {summary}"])


def cuda_time(fn, repeats: int, warmup: int):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    ts = []
    for _ in range(repeats):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record()
        fn()
        b.record()
        torch.cuda.synchronize()
        ts.append(a.elapsed_time(b))
    return statistics.median(ts), min(ts), max(ts)


def fmt(t) -> str:
    return f"{t[0]:.3f} ms ({t[1]:.3f}-{t[2]:.3f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--skip-tests", action="store_true")
    args = ap.parse_args()
    if not torch.cuda.is_available():
        print("no CUDA device: nothing to do")
        return 1
    dev = torch.device("cuda")
    print(f"# sanov.torch on {torch.cuda.get_device_name(0)}, torch {torch.__version__}, Python {sys.version.split()[0]}")
    if not args.skip_tests:
        print(run_tests())
    print()
    print("| case | F.cross_entropy | sanov.torch.softmax_cross_entropy | sanov / torch |")
    print("|---|---|---|---|")
    g = torch.Generator(device=dev).manual_seed(18)
    for b, v in ((2048, 50257), (512, 128256)):
        x = torch.randn(b, v, generator=g, device=dev) * 2
        t = torch.randint(0, v, (b,), generator=g, device=dev)
        with torch.no_grad():
            ref = cuda_time(lambda: F.cross_entropy(x, t), args.repeats, args.warmup)
            ours = cuda_time(lambda: st.softmax_cross_entropy(x, t), args.repeats, args.warmup)
        print(f"| [{b}, {v}] fwd | {fmt(ref)} | {fmt(ours)} | {ours[0] / ref[0]:.3f}× |", flush=True)
        xr = x.clone().requires_grad_()

        def step(fn):
            def go():
                xr.grad = None
                fn(xr, t).backward()

            return go

        ref = cuda_time(step(F.cross_entropy), args.repeats, args.warmup)
        ours = cuda_time(step(st.softmax_cross_entropy), args.repeats, args.warmup)
        print(f"| [{b}, {v}] fwd+bwd | {fmt(ref)} | {fmt(ours)} | {ours[0] / ref[0]:.3f}× |", flush=True)
        del x, xr
        torch.cuda.empty_cache()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
