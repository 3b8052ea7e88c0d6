//! Tour section: what sanov computes for the primer but the tour did not show yet (issue #22
//! item 8): the data processing inequality, label smoothing, binary cross-entropy, perplexity,
//! the VAE KL term, the Gibbs distribution at several temperatures, the natural gradient,
//! Sanov's bound next to the exact probability of a type class, an I-projection, the
//! multivariate Gaussian KL, differential entropies (negative for `U(0, a)`, `a < 1`), and
//! MaxEnt recovering the Gaussian on a fine grid. Every line is checked against
//! `tests/data/tour/primer.csv` (`scripts/reference/tour_primer.py`, mpmath / exact rationals).

use ndarray::{array, Array2};

use sanov::families::{Exponential, MultivariateNormal, Normal, Uniform};
use sanov::geometry::natural_gradient;
use sanov::losses::{
    binary_cross_entropy, label_smoothed_cross_entropy, perplexity, vae::vae_kl, Reduction,
};
use sanov::maxent::{gibbs, maxent_moments, MaxEntOptions};
use sanov::method_of_types::sanov_type_bounds;
use sanov::multivariate::data_processing_check;
use sanov::{Base, Par};

use super::{sec, Line, Section};

/// The binary symmetric channel with crossover `e`.
fn bsc(e: f64) -> Array2<f64> {
    array![[1.0 - e, e], [e, 1.0 - e]]
}

/// Tour section: the primer's quantities that the other sections do not show.
pub(super) fn primer_section() -> sanov::Result<Section> {
    let (bits, nats) = (Base::Bits, "nats");
    let mut lines = Vec::new();

    // Data processing: X uniform, X → Y by BSC(0.1), Y → Z by BSC(0.2): Z sees X by BSC(0.26).
    let d = data_processing_check(&[0.5, 0.5], bsc(0.1).view(), bsc(0.2).view(), bits)?;
    lines.extend([
        Line::new(
            "DPI, X → Y → Z through BSC(0.1) then BSC(0.2): I(X;Y) = 1 − h(0.1)",
            d.i_xy,
            "0.531",
            "bits",
        ),
        Line::new(
            "DPI: I(X;Z) = 1 − h(0.26), Z sees X through BSC(0.26)",
            d.i_xz,
            "0.1733",
            "bits",
        ),
        Line::new(
            "DPI: I(X;Y) − I(X;Z) ≥ 0",
            d.i_xy - d.i_xz,
            "0.3578",
            "bits",
        ),
    ]);

    // Losses.
    lines.push(Line::new(
        "label-smoothed CE, q = (0.7, 0.2, 0.1), class 1, ε = 0.1",
        label_smoothed_cross_entropy(&[0.7, 0.2, 0.1], 0, 0.1, bits)?,
        "0.6684",
        "bits",
    ));
    lines.push(Line::new(
        "BCE, y = (1, 0, 1, 0), π = (0.9, 0.2, 0.6, 0.4), mean",
        binary_cross_entropy(
            &[1.0, 0.0, 1.0, 0.0],
            &[0.9, 0.2, 0.6, 0.4],
            Reduction::Mean,
            bits,
        )?,
        "0.4870",
        "bits",
    ));
    lines.push(Line::new(
        "perplexity of a uniform model over V = 50 000 words = V",
        perplexity(&vec![(1.0f64 / 50_000.0).ln(); 1000], Base::Nats)?,
        "50000",
        "",
    ));
    lines.push(Line::new(
        "perplexity of log₂ q(x_t) = (−1, −1, −2, −2) = 2^1.5",
        perplexity(&[-1.0, -1.0, -2.0, -2.0], bits)?,
        "2.828",
        "",
    ));
    let kl = vae_kl(
        array![[0.5f64, -1.0]].view(),
        array![[0.5f64.ln(), 2f64.ln()]].view(),
        Par::Seq,
    )?;
    lines.push(Line::new(
        "VAE KL(N(μ, σ²) ‖ N(0, I)), μ = (0.5, −1), σ² = (0.5, 2)",
        kl.per_row[0],
        "0.875",
        nats,
    ));

    // The Gibbs distribution cools onto its ground state and heats towards uniform.
    for (t, temp, quoted) in [
        (0.5, "0.5", "0.8668"),
        (1.0, "1", "0.6652"),
        (2.0, "2", "0.5065"),
        (10.0, "10", "0.3672"),
    ] {
        lines.push(Line::new(
            format!("Gibbs, E = (0, 1, 2), T = {temp}: p(ground state)"),
            gibbs(&[0.0, 1.0, 2.0], t)?.probabilities[0],
            quoted,
            "",
        ));
    }

    // Natural gradient: I(μ, σ) = diag(1/σ², 2/σ²) rescales g by (σ², σ²/2).
    let g = natural_gradient(&Normal::new(0.0, 2.0)?, &[1.0, 1.0])?;
    lines.push(Line::new(
        "natural gradient I⁻¹g, N(0, σ=2), g = (1, 1): μ component σ²",
        g[0],
        "4.000",
        "",
    ));
    lines.push(Line::new(
        "natural gradient I⁻¹g, N(0, σ=2), g = (1, 1): σ component σ²/2",
        g[1],
        "2.000",
        "",
    ));

    // Sanov's bounds on a type class (Cover & Thomas, Theorem 11.1.4).
    let s = sanov_type_bounds(&[30, 10], &[0.5, 0.5])?;
    lines.extend([
        Line::new(
            "type class of P = (3/4, 1/4), n = 40, fair coin: ln Qⁿ(T(P))",
            s.log_probability,
            "-7.168",
            nats,
        ),
        Line::new("Sanov upper bound −nD(P‖Q)", s.upper, "-5.232", nats),
        Line::new(
            "Sanov lower bound −nD(P‖Q) − |X| ln(n + 1)",
            s.lower,
            "-12.660",
            nats,
        ),
    ]);

    // I-projection of a prior onto a mean constraint.
    let opts = MaxEntOptions::default();
    let ip = maxent_moments(&[0.0, 1.0, 2.0], &[1.2], Some(&[0.5, 0.25, 0.25]), &opts)?;
    lines.push(Line::new(
        "I-projection of q = (1/2, 1/4, 1/4) on {0, 1, 2} onto E[X] = 1.2: λ",
        ip.multipliers[0],
        "0.6214",
        "",
    ));
    lines.push(Line::new(
        "I-projection: D(p*‖q) = min over E[X] = 1.2 of D(p‖q)",
        ip.value,
        "0.1404",
        nats,
    ));

    // Multivariate Gaussian KL.
    let p = MultivariateNormal::new(
        array![0.0, 0.0].view(),
        array![[1.0, 0.0], [0.0, 1.0]].view(),
    )?;
    let q = MultivariateNormal::new(
        array![1.0, 0.0].view(),
        array![[2.0, 0.5], [0.5, 1.0]].view(),
    )?;
    lines.push(Line::new(
        "KL(N(0, I₂) ‖ N((1, 0), [[2, .5], [.5, 1]]))",
        p.kl_divergence(&q)?,
        "0.4227",
        nats,
    ));

    // Differential entropies: a density may exceed 1, so h can be negative.
    lines.extend([
        Line::new(
            "h(U(0, 1)) = ln 1",
            Uniform::new(0.0, 1.0)?.differential_entropy(),
            "0.000",
            nats,
        ),
        Line::new(
            "h(U(0, 1/2)) = ln(1/2) < 0",
            Uniform::new(0.0, 0.5)?.differential_entropy(),
            "-0.693",
            nats,
        ),
        Line::new(
            "h(N(0, 1)) = ½ ln(2πe)",
            Normal::new(0.0, 1.0)?.differential_entropy(),
            "1.419",
            nats,
        ),
        Line::new(
            "h(Exp(1)) = 1 − ln λ",
            Exponential::new(1.0)?.differential_entropy(),
            "1.000",
            nats,
        ),
    ]);

    // MaxEnt with a mean and a variance on a fine grid is the discretised Gaussian.
    let step = 0.01;
    let grid: Vec<f64> = (-1000..=1000).map(|i| f64::from(i) * step).collect();
    let m = maxent_moments(&grid, &[0.0, 1.0], None, &opts)?;
    lines.push(Line::new(
        "MaxEnt on a grid of step 0.01, E[X] = 0, E[X²] = 1: λ₂ = −1/(2σ²)",
        m.multipliers[1],
        "-0.5000",
        "",
    ));
    lines.push(Line::new(
        "MaxEnt on the grid: H(p) + ln 0.01 = h(N(0, 1))",
        m.value + step.ln(),
        "1.4189",
        nats,
    ));

    Ok(sec(
        "Primer: data processing, losses, Gibbs, natural gradient, Sanov, I-projection, differential entropy",
        lines,
    ))
}
