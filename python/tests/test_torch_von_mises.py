"""sanov.torch.fisher_rao_regularizer(family="von_mises"): values against the mpmath Fisher-Rao
distances of crates/sanov/tests/data/geometry_distance.txt (squared), the gradient near the
reference against the mpmath Fisher metric (2 G delta), and torch.autograd.gradcheck in float64."""

import pathlib

import pytest

torch = pytest.importorskip("torch")
import sanov  # noqa: E402
import sanov.torch as st  # noqa: E402

TABLE = pathlib.Path(__file__).resolve().parents[2] / "crates/sanov/tests/data/geometry_distance.txt"
# The numeric geodesic's stated accuracy (relative).
TOL_NUMERIC = 1e-8
# gradcheck: finite-difference step and tolerances sized to the solver's ~1e-9 relative noise.
GC_EPS = 1e-4
GC_ATOL = 1e-4
GC_RTOL = 1e-3


def _rows():
    out = []
    for line in TABLE.read_text().splitlines():
        if line.startswith("distance von_mises"):
            f = line.split("|")
            a = [float(v) for v in f[1].split(",")]
            b = [float(v) for v in f[2].split(",")]
            out.append((a, b, float(f[3])))
    return out


def test_values_are_squared_mpmath_distances():
    rows = _rows()
    assert len(rows) >= 3
    mu = torch.tensor([a[0] for a, _, _ in rows], dtype=torch.float64)
    k = torch.tensor([a[1] for a, _, _ in rows], dtype=torch.float64)
    mr = torch.tensor([b[0] for _, b, _ in rows], dtype=torch.float64)
    kr = torch.tensor([b[1] for _, b, _ in rows], dtype=torch.float64)
    per = st.fisher_rao_regularizer((mu, k), (mr, kr), family="von_mises", reduction="none")
    for got, (_, _, d) in zip(per.tolist(), rows):
        assert got == pytest.approx(d * d, rel=2 * TOL_NUMERIC)
    total = st.fisher_rao_regularizer((mu, k), (mr, kr), family="von_mises")
    assert total.item() == pytest.approx(sum(d * d for _, _, d in rows), rel=2 * TOL_NUMERIC)
    # The NumPy door gives the same value.
    v, _ = sanov.fisher_rao_regularizer("von_mises", {"loc": mu[0].item(), "concentration": k[0].item()},
                                        {"loc": mr[0].item(), "concentration": kr[0].item()})
    assert v == per[0].item()


def test_gradient_near_reference_is_twice_the_metric():
    # G(1, 2) = diag(1.395549315928016, 0.1642231977212077) (mpmath, geometry_fisher.txt).
    g11, g22 = 1.395549315928016, 0.1642231977212077
    mu = torch.tensor([1.0 + 1e-4], dtype=torch.float64, requires_grad=True)
    k = torch.tensor([2.0 - 2e-4], dtype=torch.float64, requires_grad=True)
    r = st.fisher_rao_regularizer((mu, k), (1.0, 2.0), family="von_mises")
    r.backward()
    assert mu.grad.item() == pytest.approx(2 * g11 * 1e-4, rel=1e-3)
    assert k.grad.item() == pytest.approx(2 * g22 * -2e-4, rel=1e-3)
    z = st.fisher_rao_regularizer((torch.tensor([1.0]), torch.tensor([2.0])), (1.0, 2.0), family="von_mises")
    assert z.item() == 0.0


def test_gradcheck_float64():
    mu = torch.tensor([0.0, 0.5, 3.0], dtype=torch.float64, requires_grad=True)
    k = torch.tensor([2.0, 5.0, 0.7], dtype=torch.float64, requires_grad=True)
    mr = torch.tensor([2.0, -0.5, -3.0], dtype=torch.float64, requires_grad=True)
    kr = torch.tensor([10.0, 5.0, 1.5], dtype=torch.float64, requires_grad=True)
    for reduction in ("sum", "none"):
        assert torch.autograd.gradcheck(
            lambda a, b, c, d: st.fisher_rao_regularizer((a, b), (c, d), family="von_mises", reduction=reduction),
            (mu, k, mr, kr),
            eps=GC_EPS,
            atol=GC_ATOL,
            rtol=GC_RTOL,
        )


def test_bad_input():
    one = torch.tensor([1.0], dtype=torch.float64)
    with pytest.raises(sanov.DomainError):
        st.fisher_rao_regularizer((one, -one), (0.0, 1.0), family="von_mises")
    with pytest.raises(sanov.DomainError):
        st.fisher_rao_regularizer((one * float("nan"), one), (0.0, 1.0), family="von_mises")
    with pytest.raises(TypeError):
        st.fisher_rao_regularizer(one, (0.0, 1.0), family="von_mises")
    with pytest.raises(sanov.ShapeError):
        st.fisher_rao_regularizer((one, torch.ones(2, dtype=torch.float64)), (0.0, 1.0), family="von_mises")
    with pytest.raises(sanov.DomainError):
        st.fisher_rao_regularizer((one, one), (0.0, 1.0), family="gamma")
