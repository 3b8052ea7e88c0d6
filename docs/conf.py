"""Sphinx configuration of the sanov documentation site (issue #23).

The API pages are generated here, at build time, from ``sanov.__all__``, ``sanov.torch``,
``sanov.sklearn`` and ``sanov.dask``: a name added to ``__all__`` appears without editing any
page, and the build fails if a public name has no entry.

Intersphinx reads small local inventories (``docs/_inventories/*.inv``) written by the
committed script ``docs/_inventories/generate.py``: the CI machine has no network except
PyPI/crates.io, so the upstream ``objects.inv`` files cannot be fetched.
"""

from __future__ import annotations

import importlib
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent

project = "sanov"
author = "the sanov developers"
copyright = "the sanov developers"

extensions = [
    "myst_parser",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx_gallery.gen_gallery",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "_inventories"]

html_theme = "pydata_sphinx_theme"
html_static_path = ["_static"]
html_theme_options = {"navigation_with_keys": False}

numpydoc_show_class_members = False
numpydoc_validation_checks: set[str] = set()
autodoc_default_options = {"members": True, "undoc-members": True}

# Local inventories, see the module docstring and docs/_inventories/generate.py.
_INV = HERE / "_inventories"
intersphinx_mapping = {
    name: (url, str(_INV / f"{name}.inv"))
    for name, url in {
        "python": "https://docs.python.org/3/",
        "numpy": "https://numpy.org/doc/stable/",
        "scipy": "https://docs.scipy.org/doc/scipy/",
        "torch": "https://docs.pytorch.org/docs/stable/",
        "sklearn": "https://scikit-learn.org/stable/",
    }.items()
}

sphinx_gallery_conf = {
    "examples_dirs": "gallery",
    "gallery_dirs": "auto_gallery",
    "filename_pattern": r"/plot_",
    "download_all_examples": False,
    "remove_config_comments": True,
}


# --------------------------------------------------------------------------- generated pages
def _public(modname: str) -> list[str]:
    mod = importlib.import_module(modname)
    names = getattr(mod, "__all__", None)
    if names is None:
        names = [n for n in dir(mod) if not n.startswith("_")
                 and getattr(getattr(mod, n), "__module__", "").startswith("sanov")]
    return sorted(names)


def _write_api() -> None:
    out = HERE / "api"
    out.mkdir(exist_ok=True)
    modules = ["sanov", "sanov.torch", "sanov.sklearn", "sanov.dask"]
    index = ["# API reference", "",
             "Generated at build time from `sanov.__all__` and the submodules' public names.", "",
             "```{toctree}", ":maxdepth: 1", ""]
    documented: dict[str, set[str]] = {}
    for modname in modules:
        names = _public(modname)
        mod = importlib.import_module(modname)
        lines = [modname, "=" * len(modname), "", f".. module:: {modname}", ""]
        for n in names:
            obj = getattr(mod, n)
            kind = "autoclass" if isinstance(obj, type) else "autofunction"
            if kind == "autofunction" and not callable(obj):
                kind = "autodata"
            lines += [f".. {kind}:: {modname}.{n}", ""]
        documented[modname] = set(names)
        (out / f"{modname}.rst").write_text("\n".join(lines))
        index.append(modname)
    index += ["```", ""]
    (out / "index.md").write_text("\n".join(index))


def _write_cli() -> None:
    exe = os.environ.get("SANOV_CLI", str(ROOT / "target" / "release" / "sanov"))
    if not pathlib.Path(exe).exists():
        raise RuntimeError(f"CLI reference: {exe} not found (build it: cargo build --release -p sanov-cli)")

    def help_of(args: list[str]) -> str:
        return subprocess.run([exe, *args, "--help"], check=True, capture_output=True, text=True).stdout

    top = help_of([])
    subs: list[str] = []
    in_cmds = False
    for line in top.splitlines():
        if line.strip().lower().startswith("commands:"):
            in_cmds = True
            continue
        if in_cmds:
            if not line.startswith("  "):
                in_cmds = False
                continue
            word = line.split()[0]
            if word != "help":
                subs.append(word)
    parts = ["# CLI reference", "",
             "Generated at build time from `sanov --help` and each subcommand's `--help`.", "",
             "## sanov", "", "```text", top.rstrip(), "```", ""]
    for s in subs:
        parts += [f"## sanov {s}", "", "```text", help_of([s]).rstrip(), "```", ""]
    (HERE / "cli.md").write_text("\n".join(parts))


_write_api()
_write_cli()


def _escape_bars(app, what, name, obj, options, lines):  # noqa: ARG001
    """The compiled module's docstrings write |x| for absolute values and set sizes, which
    reStructuredText would read as substitution references; escape the bars (not in doctest
    lines, which are rendered literally)."""
    for i, line in enumerate(lines):
        s = line.lstrip()
        if "|" in line and not s.startswith((">>>", "...")):
            lines[i] = line.replace("|", "\\|")


def _check_api(app, env):  # noqa: ARG001
    """Fail the build if a public name has no documented Python object (e.g. autodoc could not
    import it, or the generator skipped it)."""
    objects = env.get_domain("py").objects
    missing = [f"{m}.{n}" for m in ["sanov", "sanov.torch", "sanov.sklearn", "sanov.dask"]
               for n in _public(m) if f"{m}.{n}" not in objects]
    if missing:
        raise RuntimeError(f"public names without an API entry: {missing}")


def setup(app):
    app.connect("autodoc-process-docstring", _escape_bars, priority=400)
    app.connect("env-check-consistency", _check_api)
