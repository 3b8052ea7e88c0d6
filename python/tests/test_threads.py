"""The GIL is released during long calls, so Python threads run in parallel.

How much two threads gain in wall time is a speed, measured by bench/python/bench_threads.py,
not asserted here (a timed test fails on a busy shared machine)."""

from __future__ import annotations

import sys
import threading
import time

import numpy as np
import pytest

import sanov

N = 20_000_000


@pytest.fixture(scope="module")
def big():
    p = np.full(N, 1.0 / N)
    sanov.entropy(p)  # warm up (page in the array)
    return p


class _Counter(threading.Thread):
    """A pure-Python thread that counts as fast as it can: it runs only with the GIL."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.n = 0
        self.stop = False

    def run(self) -> None:
        while not self.stop:
            self.n += 1


def test_gil_is_free_during_entropy(big):
    """The counter advances while the main thread is inside one `sanov.entropy` call.

    Had the call held the GIL, the counter could advance by at most one switch interval's
    worth; with the GIL released it runs for (a share of) the whole call. Robust on a loaded
    2-core machine: it compares the counter's rate during the call with its rate alone.
    """
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)
    c = _Counter()
    c.start()
    try:
        time.sleep(0.05)
        n0, t0 = c.n, time.perf_counter()
        time.sleep(0.3)  # sleeping releases the GIL: the counter's own rate
        rate_alone = (c.n - n0) / (time.perf_counter() - t0)
        ratios = []
        for _ in range(3):
            n0, t0 = c.n, time.perf_counter()
            sanov.entropy(big)
            dt = time.perf_counter() - t0
            ratios.append((c.n - n0) / dt / rate_alone)
    finally:
        c.stop = True
        c.join()
        sys.setswitchinterval(old)
    # GIL held: ratio ~ 1e-4 / call time (< 0.01). GIL free: ~0.3–1 even on a busy machine.
    assert max(ratios) > 0.05, ratios


# ---------------------------------------------------------------------------------------------
# `workers=n` runs on at most n threads (issue 16). Per-thread CPU time from /proc (Linux):
# a thread is "busy" if it did at least 5% of the CPU work of the measured calls.

_FAMILIES = r'''
import numpy as np, sanov
rng = np.random.default_rng(0)
p = rng.random(4_000_000); p /= p.sum()
q = rng.random(4_000_000); q /= q.sum()
rows = rng.random((400, 10_000)); rows /= rows.sum(axis=1, keepdims=True)
x4 = rng.standard_normal((20_000, 4)); y4 = x4 + rng.standard_normal((20_000, 4))
lab = rng.integers(0, 3, 20_000)
sup = np.arange(2_000_000, dtype=float)
logits = rng.standard_normal((512, 8192)).astype(np.float32); tgt = rng.integers(0, 8192, 512)
mu = rng.standard_normal((4096, 256)); lv = rng.standard_normal((4096, 256)) * 0.1
lx = rng.integers(0, 100, 4_000_000); ly = (lx + rng.integers(0, 7, 4_000_000)) % 100
hp = rng.random(400_000); hp /= hp.sum()
FAMILIES = {
    "entropy": lambda w: sanov.entropy(p, workers=w),
    "kl": lambda w: sanov.kl_divergence(p, q, workers=w),
    "batched": lambda w: sanov.entropy(rows, axis=1, workers=w),
    "ksg": lambda w: sanov.ksg_mutual_information(x4, y4, workers=w),
    "kl_entropy": lambda w: sanov.kozachenko_leonenko_entropy(x4, workers=w),
    "ross": lambda w: sanov.ksg_mutual_information_discrete(x4, lab, workers=w),
    "maxent": lambda w: sanov.maxent(sup, sup[None, :] / sup[-1], [0.3], workers=w),
    "logits": lambda w: sanov.softmax_cross_entropy(logits, tgt, workers=w),
    "vae": lambda w: sanov.vae_kl(mu, lv, workers=w),
    "mi_labels": lambda w: sanov.mutual_information_from_labels(lx, ly, workers=w),
    "nmi": lambda w: sanov.normalized_mutual_information(lx, ly, workers=w),
    "cond_entropy": lambda w: sanov.conditional_entropy_from_labels(lx, ly, workers=w),
    "joint": lambda w: sanov.joint_from_samples(lx, ly, workers=w),
    "joint3": lambda w: sanov.joint_from_samples(lx, ly, lx % 3, workers=w),
    "huffman": lambda w: sanov.huffman_code(hp, workers=w),
}

import os, time, threading

def _ticks():
    out = {}
    for t in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{t}/stat") as fh:
                s = fh.read()
        except OSError:
            continue
        f = s[s.rindex(")") + 2:].split()
        out[int(t)] = int(f[11]) + int(f[12])
    return out

def busy(f, w, cpu_s=0.5):
    """Threads other than the caller that did >= 5% of the CPU work, the caller's share, and
    the process CPU / wall ratio, over repeated calls worth `cpu_s` of CPU."""
    f(w)  # warm up (pools, page-ins)
    hz = os.sysconf("SC_CLK_TCK")
    me = threading.get_native_id()
    b, c0, t0 = _ticks(), time.process_time(), time.perf_counter()
    while True:
        f(w)
        now = _ticks()
        d = {t: v - b.get(t, 0) for t, v in now.items()}
        total = sum(d.values())
        if total >= cpu_s * hz or time.perf_counter() - t0 > 60:
            break
    ratio = (time.process_time() - c0) / (time.perf_counter() - t0)
    others = sum(1 for t, v in d.items() if t != me and v * 20 >= total)
    return others, d.get(me, 0) / max(total, 1), ratio
'''


def _run_families(env_extra: dict, workers, names=None) -> dict:
    import json
    import os
    import subprocess

    code = _FAMILIES + (
        "import json, sys\n"
        f"names = {names!r} or list(FAMILIES)\n"
        f"print(json.dumps({{k: busy(FAMILIES[k], {workers!r}) for k in names}}))\n"
    )
    env = dict(os.environ)
    env.pop("SANOV_NUM_THREADS", None)
    env.update(env_extra)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=900
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


_linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@_linux
def test_workers_1_runs_on_one_thread():
    """Every family of functions with `workers=` runs on the calling thread only (CPU/wall
    <= 1.1 and no other thread doing >= 5% of the work), even with a big global pool."""
    res = _run_families({"RAYON_NUM_THREADS": "8"}, 1)
    for name, (others, own, ratio) in res.items():
        assert others == 0 and ratio <= 1.1, (name, others, own, ratio)


@_linux
def test_workers_2_runs_on_at_most_two_threads():
    """With an 8-thread global pool, `workers=2` keeps to a pool of two threads (the caller
    waits meanwhile): at most two threads other than the caller share the work."""
    res = _run_families({"RAYON_NUM_THREADS": "8"}, 2)
    for name, (others, own, ratio) in res.items():
        assert others <= 2, (name, others, own, ratio)


@_linux
def test_sanov_num_threads_caps_the_default():
    res = _run_families(
        {"RAYON_NUM_THREADS": "8", "SANOV_NUM_THREADS": "3"}, None, ["entropy", "mi_labels", "ksg"]
    )
    for name, (others, own, ratio) in res.items():
        assert others <= 3, (name, others, own, ratio)


def test_calls_from_python_threads_do_not_deadlock():
    """Many Python threads (a Dask-style executor) calling sanov at once with every kind of
    `workers` all finish, with the sequential values."""
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(1)
    p = rng.random(1_000_000)
    p /= p.sum()
    lx = rng.integers(0, 50, 1_000_000)
    ly = (lx + rng.integers(0, 3, 1_000_000)) % 50
    x = rng.standard_normal((3000, 2))
    want = (sanov.entropy(p, workers=1), sanov.mutual_information_from_labels(lx, ly, workers=1),
            sanov.ksg_mutual_information(x[:, 0], x[:, 1], workers=1))

    def job(i):
        w = [None, 1, 2, 3, 0][i % 5]
        return (sanov.entropy(p, workers=w), sanov.mutual_information_from_labels(lx, ly, workers=w),
                sanov.ksg_mutual_information(x[:, 0], x[:, 1], workers=w))

    with ThreadPoolExecutor(max_workers=8) as ex:
        futures = [ex.submit(job, i) for i in range(40)]
        for f in futures:
            e, mi, ksg = f.result(timeout=300)
            assert e == pytest.approx(want[0], rel=1e-12)
            assert mi == want[1]
            assert ksg == pytest.approx(want[2], rel=1e-12)
