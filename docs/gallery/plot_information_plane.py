"""
The information plane
=====================

The information-bottleneck curve :math:`I(T;Y)` against :math:`I(X;T)` by β-annealing, on a small
random joint distribution.
"""

import matplotlib.pyplot as plt
import numpy as np

import sanov

rng = np.random.default_rng(0)
joint = rng.dirichlet(np.ones(8 * 4)).reshape(8, 4)
betas = list(0.5 * 1.25 ** np.arange(30))
mi = sanov.kl_divergence(joint.ravel(), np.outer(joint.sum(1), joint.sum(0)).ravel())  # I(X;Y)
curve = sanov.ib_curve(joint, 4, betas, seed=0)
i_xt, i_ty = np.asarray(curve["i_xt"]), np.asarray(curve["i_ty"])
assert np.all(i_ty <= mi + 1e-9)

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.plot(i_xt, i_ty, "o-", ms=3)
ax.axhline(mi, ls="--", c="k", label="I(X;Y)")
ax.set_xlabel("I(X;T) [nats]")
ax.set_ylabel("I(T;Y) [nats]")
ax.legend()
plt.show()
