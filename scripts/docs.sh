#!/usr/bin/env bash
# Builds the documentation site (issue #23) into docs/_build/html.
#
#   SANOV_VENV=/path/to/venv scripts/docs.sh
#
# The venv convention is scripts/test-python.sh's (default .venv, reused). The docs requirements
# are installed there; the sanov wheel is installed if `import sanov` fails. The CLI reference is
# generated from target/release/sanov (built here if missing; SANOV_CLI overrides the path).
# Checks: sphinx-build -W --keep-going (every warning fails, including an unresolved internal
# reference, a missing intersphinx target, a failing gallery script, and a public name without an
# API entry: docs/conf.py), then `-b linkcheck` with every external link ignored (no network on
# CI): it checks the internal links and anchors only.
# SANOV_RUSTDOC=1 also builds the Rust API with `cargo doc` (KaTeX header, -D warnings) into
# docs/_build/html/rust.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${SANOV_VENV:-$root/.venv}"
python="${PYTHON:-python3}"
cd "$root"
t0=$(date +%s.%N)

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet "sphinx>=9,<10" "pydata-sphinx-theme>=0.24,<0.25" \
  "numpydoc>=1.8,<2" "sphinx-gallery>=0.22,<0.23" "myst-parser>=5,<6" "matplotlib>=3.8,<4" \
  "scikit-learn>=1.4,<2" "pandas>=2,<3"
if ! "$venv/bin/python" -c "import sanov" 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --no-deps "$root"
fi
if [ -z "${SANOV_CLI:-}" ] && [ ! -x target/release/sanov ]; then
  cargo build --release -p sanov-cli
fi

rm -rf docs/_build docs/api docs/cli.md docs/auto_gallery docs/sg_execution_times.rst
MPLBACKEND=Agg "$venv/bin/python" -m sphinx -W --keep-going -q -b html docs docs/_build/html
MPLBACKEND=Agg "$venv/bin/python" -m sphinx -W --keep-going -q -b linkcheck \
  -D 'linkcheck_ignore=^https?://' -D linkcheck_anchors=1 docs docs/_build/linkcheck

if [ "${SANOV_RUSTDOC:-0}" = 1 ]; then
  RUSTDOCFLAGS="-D warnings --html-in-header $root/crates/sanov/katex-header.html" \
    cargo doc --no-deps -p sanov
  rm -rf docs/_build/html/rust && cp -a target/doc docs/_build/html/rust
fi

awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "docs built in %.1f s: docs/_build/html/index.html\n", b - a }'
