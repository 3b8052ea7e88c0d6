"""
KSG: bias and spread against the true Gaussian MI
=================================================

For a bivariate normal with correlation :math:`\\rho`, :math:`I = -\\tfrac12\\log(1-\\rho^2)`.
KSG estimates scatter around it; at small :math:`n` some are biased, and near independence
they can be negative.
"""

import matplotlib.pyplot as plt
import numpy as np

import sanov

rho = 0.6
true = -0.5 * np.log(1 - rho**2)
cov = [[1, rho], [rho, 1]]
ns = [50, 100, 200, 400, 800]
rng = np.random.default_rng(1)
est = np.array([[sanov.ksg_mutual_information(*rng.multivariate_normal([0, 0], cov, n).T, k=3)
                 for _ in range(10)] for n in ns])
assert abs(est[-1].mean() - true) < 0.1

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.errorbar(ns, est.mean(axis=1), yerr=est.std(axis=1), fmt="o-", label="KSG (k=3), mean ± sd")
ax.axhline(true, c="k", ls="--", label="true MI")
ax.set_xscale("log")
ax.set_xlabel("sample size n")
ax.set_ylabel("MI [nats]")
ax.legend()
plt.show()
