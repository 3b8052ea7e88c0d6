"""
Rate–distortion of a binary source
==================================

Blahut's algorithm with its certified bounds (the rate ± the returned gap) against the closed form
:math:`R(D) = h(p) - h(D)` for Hamming distortion.
"""

import matplotlib.pyplot as plt
import numpy as np

import sanov

p = 0.3
source = np.array([1 - p, p])
hamming = np.array([[0.0, 1.0], [1.0, 0.0]])
ds = np.linspace(0.01, 0.29, 15)
res = [sanov.rate_distortion(source, hamming, d, base=2) for d in ds]
rate = np.array([r.rate for r in res])
gap = np.abs([r.gap for r in res])
exact = np.array([sanov.binary_rate_distortion(p, d, base=2) for d in ds])
assert np.all(np.abs(rate - exact) <= gap + 1e-9)

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.plot(ds, exact, "k", label="h(p) − h(D)")
ax.errorbar(ds, rate, yerr=gap, fmt="o", ms=3, label="Blahut ± certified gap")
ax.set_xlabel("distortion D")
ax.set_ylabel("R(D) [bits]")
ax.legend()
plt.show()
