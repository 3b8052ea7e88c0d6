#!/usr/bin/env bash
# Builds the sanov wheel from this checkout into a fresh (or reused) virtual environment and
# runs the Python test suite.
#
#   SANOV_VENV=/path/to/venv scripts/test-python.sh [pytest args...]
#
# The venv defaults to .venv in the repository root (gitignored) and is reused if it exists.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${SANOV_VENV:-$root/.venv}"
python="${PYTHON:-python3}"

phase_start=0
start() { phase_start=$(date +%s.%N); echo "==> $1"; }
done_() { awk -v a="$phase_start" -v b="$(date +%s.%N)" -v n="$1" \
  'BEGIN { printf "    %s: %.1f s\n", n, b - a }'; }

start "venv ($venv)"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
done_ "venv"

start "test dependencies"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet numpy scipy pytest hypothesis dit scikit-learn torch \
  pandas polars pyarrow "dask[distributed]"
done_ "dependencies"

start "build and install the wheel (pip install .)"
"$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps "$root"
done_ "wheel"

start "pytest"
cd "$root"
status=0
# torch is installed above: its tests (python/tests/test_torch.py) must run, not skip.
SANOV_REQUIRE_TORCH=1 "$venv/bin/python" -m pytest python/tests -q "$@" || status=$?
done_ "pytest"

start "stubtest (python/sanov/__init__.pyi against the built module)"
[ -x "$venv/bin/stubtest" ] || "$venv/bin/python" -m pip install --quiet "mypy>=1.13,<2"
"$venv/bin/python" -m mypy.stubtest sanov --allowlist python/stubtest-allowlist.txt || status=$?
done_ "stubtest"
exit "$status"
