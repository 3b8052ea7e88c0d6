"""
Sanov's bound vs the exact probability of a type class
======================================================

For i.i.d. draws from :math:`q`, the type class of :math:`\\hat p` has probability between
:math:`(n+1)^{-|\\mathcal X|} e^{-nD(\\hat p\\|q)}` and :math:`e^{-nD(\\hat p\\|q)}`.
"""

import matplotlib.pyplot as plt
import numpy as np

import sanov

q = np.array([0.5, 0.3, 0.2])
phat = np.array([0.2, 0.3, 0.5])
ns = np.arange(10, 201, 10)
lower, exact, upper = np.array([sanov.sanov_type_bounds(np.round(phat * n).astype(np.int64), q) for n in ns]).T / ns
assert np.all(lower <= exact) and np.all(exact <= upper)

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.plot(ns, exact, "k", label="(1/n) ln P(type class), exact")
ax.plot(ns, upper, "--", label="upper: −D(p̂‖q)")
ax.plot(ns, lower, ":", label="lower: −D − |X| ln(n+1)/n")
ax.set_xlabel("n")
ax.set_ylabel("nats per symbol")
ax.legend()
plt.show()
