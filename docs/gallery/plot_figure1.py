"""
Figure 1 of the primer: nH and Stirling against the exact log multinomial
=========================================================================

The relative error of :math:`nH(\\hat p)` and of the Stirling estimate as approximations of
:math:`\\ln\\binom{n}{n_1,\\dots,n_D}`, against :math:`n/D` (the `sanov figure1` command draws the
primer's version; this is the uniform panel, computed from Python).
"""

import matplotlib.pyplot as plt
import numpy as np

import sanov

D = 10
ratios = np.array([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000])
err_nh, err_st = [], []
for r in ratios:
    counts = np.full(D, int(r), dtype=np.int64)
    exact = sanov.log_multinomial_coefficient(counts)
    err_nh.append(abs(sanov.log_multinomial_coefficient_approx(counts, "nH") - exact) / exact)
    err_st.append(abs(sanov.log_multinomial_coefficient_approx(counts, "stirling") - exact) / exact)
assert err_st[-1] < err_nh[-1]

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.loglog(ratios, err_nh, "o-", label="nH")
ax.loglog(ratios, err_st, "s-", label="Stirling")
ax.set_xlabel("n / D")
ax.set_ylabel("relative error")
ax.legend()
plt.show()
