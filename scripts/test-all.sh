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

printf '\nAll checks passed in %ds.\n' "$((SECONDS - start))"
