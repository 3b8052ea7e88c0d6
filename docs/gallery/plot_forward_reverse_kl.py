"""
Forward vs reverse KL: mass-covering vs mode-seeking
====================================================

Fit a Gaussian :math:`q` to a bimodal target :math:`p` on a grid, minimising
:math:`D(p\\|q)` (forward: covers both modes) or :math:`D(q\\|p)` (reverse: picks one mode).
"""

import matplotlib.pyplot as plt
import numpy as np

import sanov

x = np.linspace(-6, 6, 601)


def gauss(mu, sigma):
    w = np.exp(-0.5 * ((x - mu) / sigma) ** 2)
    return w / w.sum()


p = 0.5 * gauss(-2.0, 0.6) + 0.5 * gauss(2.0, 0.6)
mus = np.linspace(-3, 3, 61)
sigmas = np.linspace(0.3, 3.0, 28)
fwd = np.array([[sanov.kl_divergence(p, gauss(m, s)) for s in sigmas] for m in mus])
rev = np.array([[sanov.kl_divergence(gauss(m, s), p) for s in sigmas] for m in mus])
i, j = np.unravel_index(fwd.argmin(), fwd.shape)
k, l = np.unravel_index(rev.argmin(), rev.shape)
assert abs(mus[i]) < 0.2 and sigmas[j] > 1.5  # covers both modes
assert abs(abs(mus[k]) - 2.0) < 0.2 and sigmas[l] < 1.0  # sits on one mode

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(x, p, "k", label="target p")
ax.plot(x, gauss(mus[i], sigmas[j]), label="argmin D(p‖q)")
ax.plot(x, gauss(mus[k], sigmas[l]), label="argmin D(q‖p)")
ax.legend()
plt.show()
