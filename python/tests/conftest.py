"""Shared fixtures and helpers for the sanov Python tests."""

from __future__ import annotations

import numpy as np
import pytest

SIZES = [2, 3, 10, 257, 10_000, 100_000]


def random_dist(rng: np.random.Generator, n: int, zeros: bool = False) -> np.ndarray:
    """A random probability vector of length n (some exact zeros if asked)."""
    w = rng.random(n)
    if zeros and n > 2:
        w[rng.choice(n, size=max(1, n // 5), replace=False)] = 0.0
        if w.sum() == 0:
            w[0] = 1.0
    return w / w.sum()


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(12345)
