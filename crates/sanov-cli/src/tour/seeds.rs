//! Tour section of the seeds (issue #22 items 2–4): the ELBO identity, Cramér–Rao bounds, the
//! KL Hessian equal to the Fisher information, the KL chain rule, h(AX + b) and the entropic
//! CLT. Every line is checked against `tests/data/tour/seeds.csv`
//! (`scripts/reference/tour_seeds.py`, mpmath / exact rationals).

use ndarray::array;

use sanov::divergences::kl_chain_rule;
use sanov::families::{entropic_clt, entropy_affine, Bernoulli, MultivariateNormal, Normal};
use sanov::geometry::{cramer_rao_bound, kl_hessian};
use sanov::losses::elbo;
use sanov::Base;

use super::{sec, Line, Section};

/// Tour section: the seeds' ELBO, estimation theory and differential-entropy rules.
pub(super) fn seeds_section() -> sanov::Result<Section> {
    let nats = "nats";
    let mut lines = Vec::new();

    // ELBO on p(z) = (1/2, 1/4, 1/4), p(x=1|z) = (1/2, 1/4, 1), q = (1/2, 1/2, 0).
    let px_z = array![[0.5, 0.5], [0.75, 0.25], [0.0, 1.0]];
    let e = elbo(&[0.5, 0.25, 0.25], px_z.view(), 1, &[0.5, 0.5, 0.0])?;
    lines.push(Line::new(
        "ELBO = −2 ln 2 (discrete seed example)",
        e.elbo,
        "-1.386",
        nats,
    ));
    lines.push(Line::new(
        "KL(q(z|x) ‖ p(z|x)) = ln(9/4)",
        e.kl,
        "0.811",
        nats,
    ));
    lines.push(Line::new(
        "ELBO + KL = ln p(x) = ln(9/16)",
        e.elbo + e.kl,
        "-0.575",
        nats,
    ));

    // Cramér–Rao
    let b = cramer_rao_bound(&Bernoulli::new(0.3)?, 10)?;
    lines.push(Line::new(
        "CRB Bernoulli(0.3), n = 10: p(1−p)/n",
        b[[0, 0]],
        "0.021",
        "",
    ));
    let b = cramer_rao_bound(&Normal::new(1.0, 2.0)?, 4)?;
    lines.push(Line::new(
        "CRB N(1, 2²), n = 4: σ²/n for μ",
        b[[0, 0]],
        "1.000",
        "",
    ));
    lines.push(Line::new(
        "CRB N(1, 2²), n = 4: σ²/(2n) for σ",
        b[[1, 1]],
        "0.500",
        "",
    ));

    // KL Hessian = Fisher, N(0, 2²) in (μ, σ): diag(1/4, 1/2)
    let p = Normal::new(0.0, 2.0)?;
    let h = kl_hessian(
        |t| Ok(p.kl_divergence(&Normal::new(t[0], t[1])?)),
        &[0.0, 2.0],
    )?;
    lines.push(Line::new(
        "KL Hessian N(0, 2²) μμ = I_μμ = 1/σ²",
        h[[0, 0]],
        "0.250",
        "",
    ));
    lines.push(Line::new(
        "KL Hessian N(0, 2²) σσ = I_σσ = 2/σ²",
        h[[1, 1]],
        "0.500",
        "",
    ));

    // KL chain rule
    let pj = array![[0.25, 0.25], [0.5, 0.0]];
    let qj = array![[0.25, 0.5], [0.125, 0.125]];
    let c = kl_chain_rule(pj.view(), qj.view(), Base::Nats)?;
    lines.push(Line::new(
        "KL chain rule: D(p(x) ‖ q(x)) = ½ ln(4/3)",
        c.marginal,
        "0.1438",
        nats,
    ));
    lines.push(Line::new(
        "KL chain rule: D(p(y|x) ‖ q(y|x) | p(x))",
        c.conditional,
        "0.3760",
        nats,
    ));
    lines.push(Line::new(
        "KL chain rule: D(p(x,y) ‖ q(x,y))",
        c.joint,
        "0.5199",
        nats,
    ));

    // h(AX + b), X ~ N(0, I₂), det A = 4
    let x = MultivariateNormal::new(
        array![0.0, 0.0].view(),
        array![[1.0, 0.0], [0.0, 1.0]].view(),
    )?;
    let a = array![[1.0, 2.0], [-0.5, 3.0]];
    lines.push(Line::new(
        "h(AX + b) = ln(2πe) + ln 4, X ~ N(0, I₂)",
        entropy_affine(x.differential_entropy(), a.view())?,
        "4.2242",
        nats,
    ));

    // the entropic CLT
    for (n, t) in [
        (1, "1.2425"),
        (2, "1.3959"),
        (3, "1.4124"),
        (5, "1.4173"),
        (10, "1.4186"),
    ] {
        lines.push(Line::new(
            format!("entropic CLT: h(Z_{n}), sum of {n} U(0,1) standardised"),
            entropic_clt(n)?,
            t,
            nats,
        ));
    }
    lines.push(Line::new(
        "entropic CLT limit ½ ln(2πe)",
        0.5 * (2.0 * std::f64::consts::PI * std::f64::consts::E).ln(),
        "1.4189",
        nats,
    ));

    Ok(sec(
        "Seeds: ELBO, Cramér–Rao, KL curvature and chain rule, entropic CLT",
        lines,
    ))
}
