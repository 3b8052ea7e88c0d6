//! Tour section of issue #22 items 5–7: minimum description length (NML complexity by the
//! Kontkanen–Myllymäki recurrence, NML and two-part code lengths, bits per byte / character),
//! Fano's inequality, the kl-inverse and the PAC-Bayes-kl bound, Kelly betting (Cover & Thomas
//! §6.1), the GAN value at the optimal discriminator, and the free energy of the Gibbs
//! distribution. Every line is checked against `tests/data/tour/codes.csv`
//! (`scripts/reference/tour_codes.py`: exact sums over count vectors, mpmath roots).

use sanov::bounds::{fano_error_lower_bound, kelly_growth_rate, kl_inverse, pac_bayes_kl_bound};
use sanov::coding::{
    bits_per_byte, bits_per_character, nml_code_length, nml_parametric_complexity,
    two_part_code_length,
};
use sanov::divergences::gan_optimal_value;
use sanov::maxent::gibbs;
use sanov::Base;

use super::{sec, Line, Section};

/// Tour section: codes, bounds, betting, GANs and free energy.
pub(super) fn codes_section() -> sanov::Result<Section> {
    let bits = Base::Bits;
    let mut lines = Vec::new();

    // MDL: counts (7, 3) of a binary sample, n = 10.
    let nll_nats = -(7.0 * 0.7f64.ln() + 3.0 * 0.3f64.ln());
    lines.extend([
        Line::new(
            "NML complexity log₂ C(2, 10) of the Bernoulli model, n = 10",
            nml_parametric_complexity(2, 10, bits)?,
            "2.2204",
            "bits",
        ),
        Line::new(
            "NML complexity log₂ C(3, 20)",
            nml_parametric_complexity(3, 20, bits)?,
            "4.7166",
            "bits",
        ),
        Line::new(
            "NML code length of counts (7, 3)",
            nml_code_length(&[7, 3], bits)?,
            "11.0333",
            "bits",
        ),
        Line::new(
            "two-part code length of counts (7, 3): −log₂ P + ½ log₂ 10",
            two_part_code_length(nll_nats, 1, 10, bits)?,
            "10.4739",
            "bits",
        ),
        Line::new(
            "bits per byte, 700 nats over 4 000 bytes",
            bits_per_byte(700.0, 4000)?,
            "0.2525",
            "bits/byte",
        ),
        Line::new(
            "bits per character, 700 nats over 3 500 characters",
            bits_per_character(700.0, 3500)?,
            "0.2885",
            "bits/char",
        ),
    ]);

    // Fano, kl-inverse, PAC-Bayes-kl.
    lines.extend([
        Line::new(
            "Fano: least Pe with h(Pe) + Pe log₂ 3 ≥ H(X|Y) = 1 bit, |X| = 4",
            fano_error_lower_bound(1.0, 4, bits)?,
            "0.1893",
            "",
        ),
        Line::new(
            "kl⁻¹(0.1, 0.05): largest q with kl(0.1‖q) ≤ 0.05",
            kl_inverse(0.1, 0.05)?,
            "0.2201",
            "",
        ),
        Line::new(
            "PAC-Bayes-kl bound, R̂ = 0.1, KL(Q‖P) = 5, n = 1000, δ = 0.05",
            pac_bayes_kl_bound(0.1, 5.0, 1000, 0.05)?,
            "0.1531",
            "",
        ),
    ]);

    // Kelly (Cover & Thomas §6.1): uniform odds m-for-1 give W* = log m − H(p), at b = p.
    let p = [0.5, 0.25, 0.25];
    let (w, w_star) = kelly_growth_rate(&p, &[0.25, 0.5, 0.25], &[3.0; 3], bits)?;
    lines.extend([
        Line::new(
            "Kelly W* = log₂ 3 − H(p), p = (1/2, 1/4, 1/4), odds 3-for-1",
            w_star,
            "0.0850",
            "bits/race",
        ),
        Line::new(
            "Kelly W(b, p), b = (1/4, 1/2, 1/4): W* − D(p‖b)",
            w,
            "-0.1650",
            "bits/race",
        ),
    ]);

    // GAN value at the optimal discriminator: 2·JSD − ln 4.
    lines.extend([
        Line::new(
            "GAN value at D*: 2·JSD([.5,.5], [.9,.1]) − ln 4",
            gan_optimal_value(&[0.5, 0.5], &[0.9, 0.1], Base::Nats)?,
            "-1.1828",
            "nats",
        ),
        Line::new(
            "GAN value at D*, p = q: −ln 4",
            gan_optimal_value(&[0.5, 0.5], &[0.5, 0.5], Base::Nats)?,
            "-1.3863",
            "nats",
        ),
    ]);

    // Free energy, internal energy and entropy of the Gibbs distribution (k_B = 1).
    let g = gibbs(&[0.0, 1.0, 2.0], 1.0)?;
    lines.extend([
        Line::new(
            "Gibbs, E = (0, 1, 2), T = 1: free energy F = −T ln Z",
            g.free_energy,
            "-0.4076",
            "",
        ),
        Line::new(
            "Gibbs, E = (0, 1, 2), T = 1: internal energy U = Σ p E",
            g.internal_energy,
            "0.4248",
            "",
        ),
        Line::new(
            "Gibbs, E = (0, 1, 2), T = 1: entropy S = (U − F)/T",
            g.entropy,
            "0.8324",
            "nats",
        ),
        Line::new(
            "Gibbs, E = (0, 1, 2), T = 1: U − T·S = F",
            g.internal_energy - g.entropy,
            "-0.4076",
            "",
        ),
    ]);

    Ok(sec(
        "Codes and bounds: MDL, Fano, PAC-Bayes-kl, Kelly, GAN value, free energy",
        lines,
    ))
}
