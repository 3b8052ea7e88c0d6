//! The worked examples of docs/definitions.md and of the material it draws on, including the corrected
//! misprints (docs/definitions.md, "Reference values"). Printed values are checked to
//! half a unit in their last printed place; values that are exact (1 bit, log2 of a power of 2)
//! to `TOL_EXACT`; closed forms to `TOL_REL`.

mod common;

use common::tol::{TOL_EXACT, TOL_REL};
use common::{assert_close, assert_printed};
use ndarray::array;
use sanov::channels::awgn_capacity;
use sanov::divergences::{
    chi2_divergence, hellinger_distance, js_distance, js_divergence, kl_divergence,
    total_variation_distance,
};
use sanov::losses::{cross_entropy_loss, label_smoothed_cross_entropy, perplexity};
use sanov::measures::{
    binary_entropy, cross_entropy, entropy, renyi_entropy, surprisal, tsallis_entropy,
};
use sanov::multivariate::{gaussian_mutual_information, gaussian_mutual_information_cov};
use sanov::Base;

#[test]
fn binary_entropy_of_biased_coins() {
    // h(0.1) = 0.469 bits, h(0.3) = 0.881 bits.
    assert_printed("h(0.1)", binary_entropy(0.1, Base::Bits).unwrap(), 0.469, 3);
    assert_printed("h(0.3)", binary_entropy(0.3, Base::Bits).unwrap(), 0.881, 3);
    assert_printed(
        "H([0.1,0.9])",
        entropy(&[0.1, 0.9], Base::Bits).unwrap(),
        0.469,
        3,
    );
    assert_printed(
        "H([0.3,0.7])",
        entropy(&[0.3, 0.7], Base::Bits).unwrap(),
        0.881,
        3,
    );
    // And the closed forms, to full precision.
    let h = |p: f64| -p * p.log2() - (1.0 - p) * (1.0 - p).log2();
    assert_close(
        "h(0.1)",
        binary_entropy(0.1, Base::Bits).unwrap(),
        h(0.1),
        TOL_REL,
    );
    assert_close(
        "h(0.3)",
        binary_entropy(0.3, Base::Bits).unwrap(),
        h(0.3),
        TOL_REL,
    );
}

#[test]
fn fair_coin_is_one_bit() {
    assert_eq!(entropy(&[0.5, 0.5], Base::Bits).unwrap(), 1.0);
    assert_eq!(binary_entropy(0.5, Base::Bits).unwrap(), 1.0);
    assert_close(
        "fair coin in nats",
        entropy(&[0.5, 0.5], Base::Nats).unwrap(),
        std::f64::consts::LN_2,
        TOL_EXACT,
    );
    assert_eq!(surprisal(0.5, Base::Bits).unwrap(), 1.0);
}

#[test]
fn cross_entropy_losses_in_bits() {
    // −log2 of the probability given to the true class: 0.51, 1.32, 3.32, 4.32 bits.
    let cases: [(&[f64], usize, f64, f64); 4] = [
        (&[0.7, 0.2, 0.1], 0, 0.7, 0.51),
        (&[0.4, 0.35, 0.25], 0, 0.4, 1.32),
        (&[0.7, 0.2, 0.1], 2, 0.1, 3.32),
        (&[0.05, 0.9, 0.05], 0, 0.05, 4.32),
    ];
    for (probs, target, q, printed) in cases {
        let l = cross_entropy_loss(probs, target, Base::Bits).unwrap();
        let case = format!("-log2({q})");
        assert_printed(&case, l, printed, 2);
        assert_close(&case, l, -q.log2(), TOL_EXACT);
        // The loss is the cross-entropy against the one-hot target.
        let mut onehot = vec![0.0; probs.len()];
        onehot[target] = 1.0;
        let ce = cross_entropy(&onehot, probs, Base::Bits).unwrap();
        assert_close(&format!("{case} as cross-entropy"), ce, l, TOL_EXACT);
    }
}

#[test]
fn kl_misprint_corrected() {
    let p = [0.4, 0.4, 0.2];
    let q = [0.33, 0.33, 0.34];
    let d = kl_divergence(&p, &q, Base::Nats).unwrap();
    assert_printed("KL([0.4,0.4,0.2]‖[0.33,0.33,0.34])", d, 0.0477719, 7);
    assert!((d - 0.0268).abs() > 0.01, "the misprinted value 0.0268");
    let closed = 0.8 * (0.4f64 / 0.33).ln() + 0.2 * (0.2f64 / 0.34).ln();
    assert_close("KL closed form", d, closed, TOL_REL);
}

#[test]
fn js_misprint_corrected() {
    let d = js_divergence(&[0.5, 0.5], &[0.9, 0.1], Base::Nats).unwrap();
    assert_printed("JSD([0.5,0.5],[0.9,0.1])", d, 0.101749, 6);
    assert!((d - 0.278).abs() > 0.1, "the misprinted value 0.278");
    // SciPy's jensenshannon is the square root.
    let s = js_distance(&[0.5, 0.5], &[0.9, 0.1], Base::Nats).unwrap();
    assert_close("js_distance = sqrt(JSD)", s, d.sqrt(), TOL_EXACT);
    let m = [0.7, 0.3];
    let kl = |a: [f64; 2]| a[0] * (a[0] / m[0]).ln() + a[1] * (a[1] / m[1]).ln();
    assert_close(
        "JSD closed form",
        d,
        0.5 * kl([0.5, 0.5]) + 0.5 * kl([0.9, 0.1]),
        TOL_REL,
    );
}

#[test]
fn uniform_over_fifty_thousand_words() {
    let n = 50_000;
    let p = vec![1.0 / n as f64; n];
    let want = (n as f64).log2();
    assert_printed("log2(50000)", want, 15.61, 2);
    assert_close(
        "H(uniform 50000)",
        entropy(&p, Base::Bits).unwrap(),
        want,
        TOL_REL,
    );
    // Every Rényi entropy of a uniform distribution is log n.
    for alpha in [0.0, 0.5, 1.0, 2.0, f64::INFINITY] {
        assert_close(
            &format!("H_{alpha}(uniform 50000)"),
            renyi_entropy(&p, alpha, Base::Bits).unwrap(),
            want,
            TOL_REL,
        );
    }
    // Perplexity of a uniform guess is the number of words.
    let lp = vec![(1.0 / n as f64).ln(); 100];
    assert_close(
        "perplexity(uniform 50000)",
        perplexity(&lp, Base::Nats).unwrap(),
        n as f64,
        TOL_REL,
    );
}

#[test]
fn awgn_capacity_examples() {
    // C = ½ log2(1 + SNR): SNR 3 → 1 bit, SNR 15 → 2 bits, SNR 1 (0 dB) → ½ bit.
    assert_close(
        "C(3)",
        awgn_capacity(3.0, Base::Bits).unwrap(),
        1.0,
        TOL_EXACT,
    );
    assert_close(
        "C(15)",
        awgn_capacity(15.0, Base::Bits).unwrap(),
        2.0,
        TOL_EXACT,
    );
    assert_close(
        "C(1)",
        awgn_capacity(1.0, Base::Bits).unwrap(),
        0.5,
        TOL_EXACT,
    );
    // 10 dB: ½ log2 11 = 1.7297 bits.
    assert_printed(
        "C(10 dB)",
        awgn_capacity(10.0, Base::Bits).unwrap(),
        1.7297,
        4,
    );
    assert_eq!(awgn_capacity(0.0, Base::Bits).unwrap(), 0.0);
    assert_eq!(
        awgn_capacity(f64::INFINITY, Base::Bits).unwrap(),
        f64::INFINITY
    );
    // Low SNR: C ≈ SNR/2 nats (ln1p keeps it exact).
    assert_close(
        "C(1e-20)",
        awgn_capacity(1e-20, Base::Nats).unwrap(),
        5e-21,
        TOL_EXACT,
    );
}

#[test]
fn gaussian_mutual_information_examples() {
    for rho in [0.0, 0.3, -0.5, 0.6, 0.9, 0.99] {
        let want = -0.5 * (1.0f64 - rho * rho).ln();
        assert_close(
            &format!("I(rho = {rho})"),
            gaussian_mutual_information(rho, Base::Nats).unwrap(),
            want,
            TOL_REL,
        );
        let cov = array![[1.0, rho], [rho, 1.0]];
        assert_close(
            &format!("I_cov(rho = {rho})"),
            gaussian_mutual_information_cov(cov.view(), &[0], &[1], Base::Nats).unwrap(),
            want,
            TOL_REL,
        );
    }
    // ρ = 0.6: −½ ln 0.64 = 0.2231 nats; ρ² = 3/4: 1 bit.
    assert_printed(
        "I(0.6)",
        gaussian_mutual_information(0.6, Base::Nats).unwrap(),
        0.2231,
        4,
    );
    assert_close(
        "I(sqrt(3)/2) in bits",
        gaussian_mutual_information(0.75f64.sqrt(), Base::Bits).unwrap(),
        1.0,
        1e-15,
    );
    assert_eq!(
        gaussian_mutual_information(1.0, Base::Nats).unwrap(),
        f64::INFINITY
    );
    // Scale does not matter: covariance [[4, 1.2], [1.2, 9]] has ρ = 1.2 / 6 = 0.2.
    let cov = array![[4.0, 1.2], [1.2, 9.0]];
    assert_close(
        "I_cov scaled",
        gaussian_mutual_information_cov(cov.view(), &[0], &[1], Base::Nats).unwrap(),
        -0.5 * (1.0f64 - 0.04).ln(),
        TOL_REL,
    );
}

#[test]
fn doc_examples_of_the_crate() {
    // lib.rs: H([0.4, 0.4, 0.2]) = 1.5219 bits.
    assert_close(
        "H([0.4,0.4,0.2])",
        entropy(&[0.4, 0.4, 0.2], Base::Bits).unwrap(),
        1.5219280948873621,
        TOL_REL,
    );
    // Rényi of [1/2, 1/4, 1/4]: H_0 = log2 3, H_2 = log2(8/3), H_∞ = 1 bit.
    let p = [0.5, 0.25, 0.25];
    assert_close(
        "H_0",
        renyi_entropy(&p, 0.0, Base::Bits).unwrap(),
        3f64.log2(),
        TOL_EXACT,
    );
    assert_close(
        "H_2",
        renyi_entropy(&p, 2.0, Base::Bits).unwrap(),
        (8.0f64 / 3.0).log2(),
        TOL_EXACT,
    );
    assert_eq!(renyi_entropy(&p, f64::INFINITY, Base::Bits).unwrap(), 1.0);
    assert_close(
        "H_1 = H",
        renyi_entropy(&p, 1.0, Base::Bits).unwrap(),
        1.5,
        TOL_EXACT,
    );
    // Tsallis q = 2 is the Gini–Simpson index; q = 1 is Shannon in nats.
    assert_eq!(tsallis_entropy(&[0.5, 0.5], 2.0).unwrap(), 0.5);
    assert_close(
        "S_1 = H",
        tsallis_entropy(&p, 1.0).unwrap(),
        1.5 * std::f64::consts::LN_2,
        TOL_EXACT,
    );
    assert_close(
        "chi2",
        chi2_divergence(&[0.5, 0.5], &[0.25, 0.75]).unwrap(),
        1.0 / 3.0,
        TOL_EXACT,
    );
    assert_eq!(
        total_variation_distance(&[0.5, 0.5], &[0.75, 0.25]).unwrap(),
        0.25
    );
    assert_eq!(hellinger_distance(&[1.0, 0.0], &[0.0, 1.0]).unwrap(), 1.0);
    assert_eq!(
        js_distance(&[1.0, 0.0], &[0.0, 1.0], Base::Bits).unwrap(),
        1.0
    );
    assert_eq!(
        cross_entropy(&[0.5, 0.5], &[1.0, 0.0], Base::Bits).unwrap(),
        f64::INFINITY
    );
    assert_eq!(surprisal(0.0, Base::Nats).unwrap(), f64::INFINITY);
    // Label smoothing (PyTorch's convention: ε/K on every class, the target included).
    let q: [f64; 3] = [0.7, 0.2, 0.1];
    let t = [0.9 + 0.1 / 3.0, 0.1 / 3.0, 0.1 / 3.0];
    let want: f64 = -t.iter().zip(q).map(|(t, q)| t * q.ln()).sum::<f64>();
    assert_close(
        "label smoothing",
        label_smoothed_cross_entropy(&q, 0, 0.1, Base::Nats).unwrap(),
        want,
        TOL_REL,
    );
    assert_eq!(perplexity(&[-2.0, -2.0], Base::Bits).unwrap(), 4.0);
}
