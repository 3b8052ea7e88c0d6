"""sanov.kl_divergence_parametric("beta", ...) at parameters up to 1e300 (issue 17) against the
mpmath table crates/sanov/tests/data/beta_kl_large.txt (700 digits)."""

import pathlib

import pytest

import sanov

TABLE = pathlib.Path(__file__).resolve().parents[2] / "crates/sanov/tests/data/beta_kl_large.txt"
REL_TOL = 1e-12
ABS_TOL = 1e-14


def _cases():
    for line in TABLE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            yield [float(v) for v in line.split()]


@pytest.mark.parametrize("case", list(_cases()))
def test_beta_kl_large(case):
    ap, bp, aq, bq, want = case
    got = sanov.kl_divergence_parametric("beta", {"alpha": ap, "beta": bp}, {"alpha": aq, "beta": bq})
    assert got == pytest.approx(want, rel=REL_TOL, abs=ABS_TOL)
