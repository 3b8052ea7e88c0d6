"""
The MaxEnt biased die
=====================

Jaynes' die: the maximum-entropy distribution on :math:`\\{1,\\dots,6\\}` with a given mean,
:math:`p_i \\propto e^{\\lambda i}`, as the mean varies.
"""

import matplotlib.pyplot as plt
import numpy as np

import sanov

means = [1.5, 2.5, 3.5, 4.5, 5.5]
faces = np.arange(1, 7)
fig, ax = plt.subplots(figsize=(6, 3.5))
for m in means:
    d = sanov.biased_die(m).distribution
    assert abs(d @ faces - m) < 1e-9
    ax.plot(faces, d, "o-", label=f"mean {m}")
ax.set_xlabel("face")
ax.set_ylabel("probability")
ax.legend()
plt.show()
