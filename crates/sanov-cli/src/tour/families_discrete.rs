//! Tour section: entropies and KL divergences of the binomial and negative binomial families and
//! a cross-family pair of PyTorch's KL registry, each with a closed form in exact arithmetic
//! (reference: `scripts/reference/tour_families_discrete.py`).

use sanov::families::{cross, Bernoulli, Binomial, NegativeBinomial, Poisson};

use super::{sec, Line, Section};

/// Tour section: Binomial-type families.
pub(super) fn families_discrete_section() -> sanov::Result<Section> {
    let ln2 = std::f64::consts::LN_2;
    let h_bin = Binomial::new(2, 0.5)?.entropy() / ln2;
    let kl_bin = Binomial::new(10, 0.5)?.kl_divergence(&Binomial::new(10, 0.25)?)? / ln2;
    let h_nb = NegativeBinomial::new(1.0, 0.5)?.entropy()? / ln2;
    let kl_bp = cross::kl_bernoulli_poisson(&Bernoulli::new(0.5)?, &Poisson::new(1.0)?);
    Ok(sec(
        "Binomial-type families (entropy, KL, a cross pair)",
        vec![
            Line::new(
                "H(Binomial(2, 1/2)) = 3/2, outcomes 1/4, 1/2, 1/4",
                h_bin,
                "1.5",
                "bits",
            ),
            Line::new(
                "KL(Binomial(10, 1/2) ‖ Binomial(10, 1/4)) = 10 − 5 log2 3",
                kl_bin,
                "2.0752",
                "bits",
            ),
            Line::new(
                "H(NegativeBinomial(1, 1/2)) = 2, failures before a fair coin's first head",
                h_nb,
                "2",
                "bits",
            ),
            Line::new(
                "KL(Bernoulli(1/2) ‖ Poisson(1)) = 1 − ln 2",
                kl_bp,
                "0.3069",
                "nats",
            ),
        ],
    ))
}
