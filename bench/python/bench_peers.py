#!/usr/bin/env python3
"""Time sanov against SciPy/NumPy on the same data, in the same run.

For n = 1e6 and 1e7 this draws p, q ~ Dirichlet(1, ..., 1) with NumPy (fixed seed), then times

* ``scipy.stats.entropy(p)`` and the NumPy one-liner ``-np.dot(p, np.log(p))``,
* ``scipy.stats.entropy(p, q)`` and ``scipy.special.rel_entr(p, q).sum()``,
* sanov's entropy and KL divergence, sequential and ``Par::rayon(2)`` (both cores: what the
  Python package's default ``workers=None`` uses on this 2-core machine); every peer row
  appears twice, against each, and a target is judged on each row separately,
* the memory-read floor: a plain 2-thread sum of the same bytes (see bench/README.md),

each as the median over >= 7 repeats (timeit-style: every repeat runs enough calls to last
>= 20 ms and reports the mean per call). It prints the machine, date, git commit and a Markdown
table with the targets of the foundation issue, and writes the table to bench/results/latest.md
(git-ignored).

sanov is timed through ``import sanov`` when that module exists and has ``entropy`` (the Python
package), else through the ``sanov_timer`` binary of the bench crate, which this script builds
with ``cargo build --release -p sanov-bench --bin sanov_timer`` and runs on .npy files holding
exactly the arrays SciPy sees. Parallel timings and the floor always come from the binary.

Usage: python bench/python/bench_peers.py [--repeats 11] [--sizes 1e6,1e7] [--sanov auto]
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path

import numpy as np
import scipy
import scipy.special
import scipy.stats

REPO = Path(__file__).resolve().parents[2]
SEED = 20250101
MIN_SAMPLE_S = 0.02
# Targets of the foundation issue: (operation, peer, n) -> (kind, value).
#   ("faster", x): peer time / sanov time >= x;  ("floor", x): sanov time / floor time <= x.
TARGETS = {
    ("entropy", "scipy.stats.entropy(p)", 10**6): ("faster", 10.0),
    ("entropy", "-np.dot(p, np.log(p))", 10**6): ("faster", 4.0),
    ("KL", "scipy.stats.entropy(p, q)", 10**6): ("faster", 10.0),
    ("entropy", "read floor, rayon(2)", 10**7): ("floor", 2.0),
    ("KL", "read floor, rayon(2)", 10**7): ("floor", 2.0),
}


def time_call(fn, repeats: int) -> float:
    """Median seconds per call of ``fn`` over ``repeats`` timeit repeats."""
    fn()  # warm up
    t0 = timeit.default_timer()
    fn()
    one = max(timeit.default_timer() - t0, 1e-9)
    number = max(1, math.ceil(MIN_SAMPLE_S / one))
    times = timeit.Timer(fn).repeat(repeat=repeats, number=number)
    return statistics.median(times) / number


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": usable}


def git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=REPO, capture_output=True, text=True, check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "crates", "bench"],
            cwd=REPO, capture_output=True, text=True, check=True,
        ).stdout.strip()
        return head + (" (+ uncommitted changes in crates/ or bench/)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def sanov_module():
    """The ``sanov`` Python module if it exists and has ``entropy``, else None."""
    try:
        import sanov  # type: ignore[import-not-found]
    except ImportError:
        return None
    return sanov if hasattr(sanov, "entropy") and hasattr(sanov, "kl_divergence") else None


def build_timer() -> Path:
    """Builds the sanov_timer binary (release) and returns its path."""
    cmd = ["cargo", "build", "--release", "-p", "sanov-bench", "--bin", "sanov_timer"]
    print("$", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=REPO, check=True)
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    target = Path(json.loads(meta.stdout)["target_directory"])
    exe = target / "release" / ("sanov_timer.exe" if os.name == "nt" else "sanov_timer")
    if not exe.exists():
        raise FileNotFoundError(exe)
    return exe


def run_timer(exe: Path, p: np.ndarray, q: np.ndarray, repeats: int, tmp: Path) -> dict:
    """Runs sanov_timer on p, q; returns {(op, par): record}."""
    pf, qf = tmp / "p.npy", tmp / "q.npy"
    np.save(pf, p)
    np.save(qf, q)
    out = subprocess.run(
        [str(exe), "--samples", str(repeats), "--min-sample-s", str(MIN_SAMPLE_S), str(pf), str(qf)],
        capture_output=True, text=True, check=True,
    ).stdout
    recs = {}
    for line in out.splitlines():
        r = json.loads(line)
        if "op" in r:
            if "error" in r:
                raise RuntimeError(f"sanov_timer: {r['op']} {r['par']}: {r['error']}")
            recs[(r["op"], r["par"])] = r
    return recs


def module_parallel_kw(fn) -> str | None:
    """The keyword of a Python sanov function that selects threads, if it has one."""
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return None
    for kw in ("par", "threads", "n_threads", "num_threads", "workers"):
        if kw in params:
            return kw
    return None


def fmt_n(n: int) -> str:
    e = round(math.log10(n)) if n > 0 else 0
    return f"1e{e}" if 10**e == n else str(n)


def fmt_t(s: float | None) -> str:
    if s is None:
        return "—"
    if s >= 1:
        return f"{s:.3f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.3f} ms"
    return f"{s * 1e6:.1f} µs"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=11, help="timeit repeats (>= 7), median reported")
    ap.add_argument("--sizes", default="1e6,1e7", help="comma-separated n (default 1e6,1e7)")
    ap.add_argument("--sanov", choices=("auto", "module", "binary"), default="auto",
                    help="how to time sanov's sequential calls (default: module if importable)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "latest.md")
    args = ap.parse_args()
    if args.repeats < 7:
        ap.error("--repeats must be >= 7")
    sizes = [int(float(s)) for s in args.sizes.split(",")]

    mod = sanov_module() if args.sanov != "binary" else None
    if args.sanov == "module" and mod is None:
        ap.error("--sanov module: `import sanov` failed or has no entropy/kl_divergence")
    exe = build_timer()

    m = machine()
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    commit = git_commit()
    via = (
        f"`import sanov` from {mod.__file__} (sequential) + sanov_timer (parallel, floor)"
        if mod
        else "sanov_timer binary"
    )
    head = [
        f"- machine: {m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable), {platform.system()}",
        f"- date: {now}",
        f"- sanov commit: {commit}",
        f"- Python {platform.python_version()}, NumPy {np.__version__}, SciPy {scipy.__version__}",
        f"- sanov timed via: {via}",
        f"- data: p, q ~ Dirichlet(1) float64, numpy.random.default_rng({SEED}); "
        f"median of {args.repeats} timeit repeats (each >= {MIN_SAMPLE_S * 1e3:.0f} ms)",
    ]
    print("\n".join(head), flush=True)

    rows = []
    checks = []
    warnings = []
    rng = np.random.default_rng(SEED)
    with tempfile.TemporaryDirectory(prefix="sanov-bench-") as tmpd:
        for n in sizes:
            p = rng.dirichlet(np.ones(n))
            q = rng.dirichlet(np.ones(n))
            print(f"n = {fmt_n(n)}: timing ...", file=sys.stderr, flush=True)
            rec = run_timer(exe, p, q, args.repeats, Path(tmpd))

            r = args.repeats
            peers = {
                ("entropy", "scipy.stats.entropy(p)"): lambda: scipy.stats.entropy(p),
                ("entropy", "-np.dot(p, np.log(p))"): lambda: -np.dot(p, np.log(p)),
                ("KL", "scipy.stats.entropy(p, q)"): lambda: scipy.stats.entropy(p, q),
                ("KL", "rel_entr(p, q).sum()"): lambda: scipy.special.rel_entr(p, q).sum(),
            }
            peer_t = {k: time_call(f, r) for k, f in peers.items()}
            peer_v = {k: float(f()) for k, f in peers.items()}

            seq = {"entropy": rec[("entropy", "seq")], "KL": rec[("kl", "seq")]}
            sanov_t = {op: x["median_s"] for op, x in seq.items()}
            sanov_v = {op: x["value"] for op, x in seq.items()}
            if mod is not None:
                # Sequential: one thread (the package's default uses every core).
                seq_kw = {"workers": 1} if module_parallel_kw(mod.entropy) == "workers" else {}
                sanov_t = {
                    "entropy": time_call(lambda: mod.entropy(p, **seq_kw), r),
                    "KL": time_call(lambda: mod.kl_divergence(p, q, **seq_kw), r),
                }
                sanov_v = {"entropy": float(mod.entropy(p)), "KL": float(mod.kl_divergence(p, q))}
                for op, x in seq.items():
                    rows.append((f"{op}: Python call vs Rust kernel", n, "sanov_timer (Rust, seq)",
                                 x["median_s"], "import sanov, workers=1", sanov_t[op],
                                 "overhead", sanov_t[op] / x["median_s"] - 1.0))
                for op, x in seq.items():
                    if sanov_t[op] > 2 * x["median_s"]:
                        warnings.append(
                            f"n={fmt_n(n)} {op}: `import sanov` took {fmt_t(sanov_t[op])}, "
                            f"{sanov_t[op] / x['median_s']:.1f}× sanov_timer's "
                            f"{fmt_t(x['median_s'])}: is the module a debug build?"
                        )
            par_t = {
                "entropy": rec[("entropy", "rayon2")]["median_s"],
                "KL": rec[("kl", "rayon2")]["median_s"],
            }
            par_how = {"entropy": "Par::rayon(2)", "KL": "Par::rayon(2)"}
            if mod is not None:
                for op, fn, a in (("entropy", mod.entropy, (p,)), ("KL", mod.kl_divergence, (p, q))):
                    kw = module_parallel_kw(fn)
                    if kw is not None:
                        val = 2 if kw != "par" else "rayon2"
                        try:
                            par_t[op] = time_call(lambda: fn(*a, **{kw: val}), r)
                            par_how[op] = f"{fn.__name__}({kw}={val!r})"
                        except Exception:  # noqa: BLE001 - keep the binary's timing
                            pass
            floor_t = {"entropy": rec[("read_p", "rayon2")]["median_s"],
                       "KL": rec[("read_pq", "rayon2")]["median_s"]}

            for (op, peer), t in peer_t.items():
                rows.append((op, n, peer, t, "sequential", sanov_t[op], "faster", t / sanov_t[op]))
                # Both cores: what `sanov.entropy(p)` does by default (workers=None) at this size.
                rows.append((op, n, peer, t, par_how[op], par_t[op], "faster", t / par_t[op]))
                pv = peer_v[(op, peer)]
                rel = abs(sanov_v[op] - pv) / max(abs(pv), 1e-300)
                checks.append(
                    f"n={fmt_n(n)} {op}: sanov {sanov_v[op]:.17g} vs {peer} {pv:.17g} "
                    f"(rel. diff {rel:.1e})"
                )
            for op in ("entropy", "KL"):
                rows.append((op, n, "read floor, rayon(2)", floor_t[op], par_how[op], par_t[op],
                             "floor", par_t[op] / floor_t[op]))
                rows.append((op, n, "sanov sequential", sanov_t[op], par_how[op], par_t[op],
                             "faster", sanov_t[op] / par_t[op]))

    lines = [
        "| operation | n | peer | peer time | sanov | sanov time | ratio | target | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    if mod is not None:
        small = [0.2, 0.3, 0.5]
        t_sc = time_call(lambda: scipy.stats.entropy(small), args.repeats)
        t_sa = time_call(lambda: mod.entropy(small), args.repeats)
        t_sa_arr = time_call(lambda: mod.entropy(np.asarray(small)), args.repeats)
        rows.append(("entropy of a 3-element list", 3, "scipy.stats.entropy(list)", t_sc,
                     "sanov.entropy(list)", t_sa, "faster", t_sc / t_sa))
        rows.append(("entropy of a 3-element array", 3, "scipy.stats.entropy(list)", t_sc,
                     "sanov.entropy(array)", t_sa_arr, "faster", t_sc / t_sa_arr))
    for op, n, peer, pt, how, st, kind, ratio in rows:
        target = TARGETS.get((op, peer, n))
        if kind == "overhead":
            cells = [op, fmt_n(n), peer, fmt_t(pt), how, fmt_t(st), f"{ratio * 100:+.1f}%",
                     "≤ +5%", "yes" if ratio <= 0.05 else "**no**"]
            lines.append("| " + " | ".join(cells) + " |")
            continue
        if kind == "faster":
            rtxt = f"{ratio:.2f}× faster" if ratio >= 1 else f"{1 / ratio:.2f}× slower"
        else:
            rtxt = f"{ratio:.2f}× floor"
        if target is None:
            ttxt, met = "—", ""
        elif target[0] == "faster":
            ttxt, met = f"≥ {target[1]:g}× faster", "yes" if ratio >= target[1] else "**no**"
        else:
            ttxt, met = f"≤ {target[1]:g}× floor", "yes" if ratio <= target[1] else "**no**"
        cells = [op, fmt_n(n), peer, fmt_t(pt), how, fmt_t(st), rtxt, ttxt, met]
        lines.append("| " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    print()
    print(table)
    print()
    print("Values (sanov vs peer):")
    for c in checks:
        print("  " + c)
    for w in warnings:
        print("WARNING: " + w)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    values = "\n".join("- " + c for c in checks)
    text = "\n".join(head) + "\n\n" + table + "\n\nValues (sanov vs peer):\n" + values + "\n"
    text += "".join(f"\nWARNING: {w}\n" for w in warnings)
    args.out.write_text(text, encoding="utf-8")
    print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
