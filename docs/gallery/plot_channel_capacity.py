"""
Capacity of the BSC and the BEC
===============================

Blahut–Arimoto capacity against the closed forms :math:`1 - h(p)` (BSC) and :math:`1 - e` (BEC).
"""

import matplotlib.pyplot as plt
import numpy as np

import sanov

params = np.linspace(0.0, 1.0, 21)
bsc = [sanov.channel_capacity(sanov.binary_symmetric_channel(p), base=2).capacity for p in params]
bec = [sanov.channel_capacity(sanov.binary_erasure_channel(e), base=2).capacity for e in params]
assert np.allclose(bsc, 1 - sanov.binary_entropy(params, base=2), atol=1e-6)
assert np.allclose(bec, 1 - params, atol=1e-6)

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.plot(params, bsc, "o-", label="BSC(p)")
ax.plot(params, bec, "s-", label="BEC(e)")
ax.set_xlabel("crossover p / erasure e")
ax.set_ylabel("capacity [bits/use]")
ax.legend()
plt.show()
