"""
Binary entropy
==============

:math:`h(p) = -p\\log_2 p - (1-p)\\log_2(1-p)`, in bits, with :math:`0\\log 0 = 0`.
"""

import matplotlib.pyplot as plt
import numpy as np

import sanov

p = np.linspace(0.0, 1.0, 201)
h = sanov.binary_entropy(p, base=2)
assert abs(sanov.binary_entropy(0.5, base=2) - 1.0) < 1e-15

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.plot(p, h)
ax.set_xlabel("p")
ax.set_ylabel("h(p) [bits]")
ax.set_title("Binary entropy")
plt.show()
