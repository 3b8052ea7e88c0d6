"""
Ranking features by mutual information
======================================

:func:`sanov.mutual_info_table` on scikit-learn's wine data set (shipped with scikit-learn, no
download): KSG mutual information of each continuous column with the class.
"""

import matplotlib.pyplot as plt
from sklearn.datasets import load_wine

import sanov

df = load_wine(as_frame=True).frame
table = sanov.mutual_info_table(df, "target", random_state=0)
print(table)

fig, ax = plt.subplots(figsize=(6, 4))
ax.barh(table["column"][::-1], table["mi"][::-1])
ax.set_xlabel("mutual information with the class [nats]")
fig.tight_layout()
plt.show()
