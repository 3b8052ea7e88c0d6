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
