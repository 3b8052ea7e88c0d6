"""Write the small local intersphinx inventories used by docs/conf.py.

The CI machine cannot reach docs.python.org, numpy.org, ... so the upstream objects.inv files
cannot be fetched at build time. This script lists the few external targets the site references,
with their real URLs, and writes one objects.inv per project with sphinx.util.inventory.
Run: python docs/_inventories/generate.py   (the output files are committed).
Add an entry here when a page references a new external object.
"""

from __future__ import annotations

import pathlib
import zlib

HERE = pathlib.Path(__file__).resolve().parent

# project -> [(name, domain:role, relative uri)]; "$" stands for the name, as in objects.inv.
TARGETS: dict[str, list[tuple[str, str, str]]] = {
    "python": [
        ("float", "py:class", "library/functions.html#$"),
        ("int", "py:class", "library/functions.html#$"),
        ("str", "py:class", "library/stdtypes.html#$"),
        ("bool", "py:class", "library/functions.html#$"),
        ("ValueError", "py:exception", "library/exceptions.html#$"),
        ("TypeError", "py:exception", "library/exceptions.html#$"),
    ],
    "numpy": [
        ("numpy.ndarray", "py:class", "reference/generated/$.html#$"),
        ("numpy.random.default_rng", "py:function", "reference/random/generator.html#$"),
    ],
    "scipy": [
        ("scipy.stats.entropy", "py:function", "reference/generated/$.html#$"),
        ("scipy.special.rel_entr", "py:data", "reference/generated/$.html#$"),
        ("scipy.spatial.distance.jensenshannon", "py:function", "reference/generated/$.html#$"),
    ],
    "torch": [
        ("torch.Tensor", "py:class", "tensors.html#$"),
        ("torch.nn.functional.kl_div", "py:function", "generated/$.html#$"),
        ("torch.nn.functional.cross_entropy", "py:function", "generated/$.html#$"),
    ],
    "sklearn": [
        ("sklearn.feature_selection.mutual_info_classif", "py:function", "modules/generated/$.html#$"),
        ("sklearn.metrics.mutual_info_score", "py:function", "modules/generated/$.html#$"),
        ("sklearn.metrics.adjusted_mutual_info_score", "py:function", "modules/generated/$.html#$"),
        ("sklearn.metrics.normalized_mutual_info_score", "py:function", "modules/generated/$.html#$"),
    ],
}


def write(project: str, entries: list[tuple[str, str, str]]) -> None:
    # Inventory format version 2 (what sphinx.util.inventory reads): a 4-line header,
    # then zlib-compressed lines "name domain:role priority uri dispname".
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        "# Version: \n"
        "# The remainder of this file is compressed using zlib.\n"
    ).encode()
    body = "".join(f"{n} {r} 1 {u} -\n" for n, r, u in sorted(entries)).encode()
    (HERE / f"{project}.inv").write_bytes(header + zlib.compress(body, 9))


if __name__ == "__main__":
    for proj, ents in TARGETS.items():
        write(proj, ents)
