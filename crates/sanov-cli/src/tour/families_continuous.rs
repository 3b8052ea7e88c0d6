//! Tour section: continuous families with SciPy names (issue #22, helper `famc`).

use sanov::families::{cross, Cauchy, Gumbel, Laplace, Normal, StudentT};

use super::{sec, Line, Section};

/// The Cauchy entropy `ln 4π` and KL `ln 2` (Chyzak & Nielsen 2019), the Gumbel entropy
/// `γ + 1`, the Normal → Laplace KL `√(2/π) − ½ − ½ ln(π/2)`, and the t KL by quadrature.
pub(super) fn families_continuous_section() -> sanov::Result<Section> {
    let c01 = Cauchy::new(0.0, 1.0)?;
    let t3 = StudentT::new(3.0, 0.0, 1.0)?;
    Ok(sec(
        "Continuous families (SciPy names)",
        vec![
            Line::new(
                "h(cauchy(0, 1)) = ln(4 pi)",
                c01.differential_entropy(),
                "2.531",
                "nats",
            ),
            Line::new(
                "KL(cauchy(0, 1) || cauchy(2, 1)) = ln 2",
                c01.kl_divergence(&Cauchy::new(2.0, 1.0)?),
                "0.693",
                "nats",
            ),
            Line::new(
                "h(gumbel_r(0, 1)) = Euler gamma + 1",
                Gumbel::new(0.0, 1.0)?.differential_entropy(),
                "1.577",
                "nats",
            ),
            Line::new(
                "KL(N(0, 1) || Laplace(0, 1)) = sqrt(2/pi) - 1/2 - ln(pi/2)/2",
                cross::kl_normal_laplace(&Normal::new(0.0, 1.0)?, &Laplace::new(0.0, 1.0)?),
                "0.0721",
                "nats",
            ),
            Line::new(
                "KL(t(3, 0, 1) || t(3, 1, 1)) (quadrature)",
                t3.kl_divergence(&StudentT::new(3.0, 1.0, 1.0)?)?,
                "0.314",
                "nats",
            ),
        ],
    ))
}
