//! One test per validity rule: the exact error variant and its fields (docs/definitions.md, "Units and
//! general conventions"; `sanov::Error`).

use ndarray::{array, Array2};
use sanov::batch::{self, NanPolicy};
use sanov::divergences::{
    chi2_divergence, hellinger_distance, js_distance, js_divergence, kl_divergence,
    total_variation_distance,
};
use sanov::kernels;
use sanov::losses::{
    binary_cross_entropy, binary_cross_entropy_into, binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_into, cross_entropy_loss, label_smoothed_cross_entropy,
    perplexity, Reduction,
};
use sanov::measures::{
    binary_entropy, cross_entropy, entropy, renyi_entropy, surprisal, tsallis_entropy,
};
use sanov::multivariate::{gaussian_mutual_information, gaussian_mutual_information_cov};
use sanov::special::logsumexp;
use sanov::validate::{check_probability_vector, normalize};
use sanov::{Base, Error, Par};

type PairFn = fn(&[f64], &[f64]) -> sanov::Result<f64>;

/// Every two-argument probability function, with the base fixed.
fn pair_functions() -> Vec<(&'static str, PairFn)> {
    vec![
        ("cross_entropy", |p, q| cross_entropy(p, q, Base::Nats)),
        ("kl_divergence", |p, q| kl_divergence(p, q, Base::Nats)),
        ("js_divergence", |p, q| js_divergence(p, q, Base::Nats)),
        ("js_distance", |p, q| js_distance(p, q, Base::Nats)),
        ("hellinger_distance", |p, q| hellinger_distance(p, q)),
        ("total_variation_distance", |p, q| {
            total_variation_distance(p, q)
        }),
        ("chi2_divergence", |p, q| chi2_divergence(p, q)),
        ("kernels::kl_divergence", |p, q| {
            kernels::kl_divergence(p, q, Base::Nats, Par::rayon(2))
        }),
        ("kernels::cross_entropy", |p, q| {
            kernels::cross_entropy(p, q, Base::Nats, Par::rayon(2))
        }),
    ]
}

type SingleFn = fn(&[f64]) -> sanov::Result<f64>;

/// Every one-argument probability function (argument named `p`).
fn single_functions() -> Vec<(&'static str, SingleFn)> {
    vec![
        ("entropy", |p| entropy(p, Base::Nats)),
        ("kernels::entropy", |p| {
            kernels::entropy(p, Base::Bits, Par::rayon(2))
        }),
        ("renyi_entropy", |p| renyi_entropy(p, 2.0, Base::Nats)),
        ("renyi_entropy(0.5)", |p| renyi_entropy(p, 0.5, Base::Nats)),
        ("tsallis_entropy", |p| tsallis_entropy(p, 2.0)),
        ("check_probability_vector", |p| {
            check_probability_vector("p", p).map(|()| 0.0)
        }),
    ]
}

fn is_nonfinite(e: &sanov::Result<f64>, arg: &str, index: usize, pred: fn(f64) -> bool) -> bool {
    matches!(e, Err(Error::NonFinite { arg: a, index: i, value }) if *a == arg && *i == index && pred(*value))
}

#[test]
fn nan_is_non_finite() {
    for (name, f) in single_functions() {
        let r = f(&[0.5, f64::NAN, 0.5]);
        assert!(is_nonfinite(&r, "p", 1, f64::is_nan), "{name}: {r:?}");
    }
    for (name, f) in pair_functions() {
        let r = f(&[0.5, 0.5], &[f64::NAN, 1.0]);
        assert!(is_nonfinite(&r, "q", 0, f64::is_nan), "{name}: {r:?}");
        let r = f(&[0.5, f64::NAN], &[0.5, 0.5]);
        assert!(is_nonfinite(&r, "p", 1, f64::is_nan), "{name}: {r:?}");
    }
    let r = cross_entropy_loss(&[f64::NAN, 1.0], 1, Base::Nats);
    assert!(is_nonfinite(&r, "probs", 0, f64::is_nan), "{r:?}");
}

#[test]
fn positive_infinity_is_non_finite() {
    let want = Error::NonFinite {
        arg: "p",
        index: 2,
        value: f64::INFINITY,
    };
    for (name, f) in single_functions() {
        assert_eq!(f(&[0.5, 0.5, f64::INFINITY]), Err(want.clone()), "{name}");
    }
    for (name, f) in pair_functions() {
        assert_eq!(
            f(&[0.5, 0.5], &[0.5, f64::INFINITY]),
            Err(Error::NonFinite {
                arg: "q",
                index: 1,
                value: f64::INFINITY
            }),
            "{name}"
        );
    }
}

#[test]
fn negative_infinity_is_non_finite() {
    for (name, f) in single_functions() {
        assert_eq!(
            f(&[f64::NEG_INFINITY, 1.0]),
            Err(Error::NonFinite {
                arg: "p",
                index: 0,
                value: f64::NEG_INFINITY
            }),
            "{name}"
        );
    }
}

#[test]
fn negative_probability() {
    for (name, f) in single_functions() {
        assert_eq!(
            f(&[0.5, 0.75, -0.25]),
            Err(Error::NegativeProbability {
                arg: "p",
                index: 2,
                value: -0.25
            }),
            "{name}"
        );
    }
    for (name, f) in pair_functions() {
        assert_eq!(
            f(&[0.5, 0.5], &[1.5, -0.5]),
            Err(Error::NegativeProbability {
                arg: "q",
                index: 1,
                value: -0.5
            }),
            "{name}"
        );
    }
    // The first bad element is named, whatever follows it.
    assert_eq!(
        entropy(&[-1.0, f64::NAN, 2.0], Base::Nats),
        Err(Error::NegativeProbability {
            arg: "p",
            index: 0,
            value: -1.0
        })
    );
    // −0.0 is not negative.
    assert_eq!(entropy(&[-0.0, 1.0], Base::Nats), Ok(0.0));
}

#[test]
fn empty_input() {
    let e: &[f64] = &[];
    for (name, f) in single_functions() {
        assert_eq!(f(e), Err(Error::Empty { arg: "p" }), "{name}");
    }
    for (name, f) in pair_functions() {
        assert_eq!(f(e, &[1.0]), Err(Error::Empty { arg: "p" }), "{name}");
        assert_eq!(f(&[1.0], e), Err(Error::Empty { arg: "q" }), "{name}");
    }
    assert_eq!(
        entropy::<f32>(&[], Base::Nats),
        Err(Error::Empty { arg: "p" })
    );
    assert_eq!(
        cross_entropy_loss(e, 0, Base::Nats),
        Err(Error::Empty { arg: "probs" })
    );
    assert_eq!(
        perplexity(e, Base::Nats),
        Err(Error::Empty { arg: "log_probs" })
    );
    assert_eq!(
        binary_cross_entropy(e, e, Reduction::Mean, Base::Nats),
        Err(Error::Empty { arg: "y" })
    );
    assert_eq!(
        binary_cross_entropy_with_logits(e, e, Reduction::Sum, Base::Nats),
        Err(Error::Empty { arg: "y" })
    );
    assert_eq!(normalize(e), Err(Error::Empty { arg: "weights" }));
    assert_eq!(logsumexp(e), Err(Error::Empty { arg: "x" }));
}

#[test]
fn wrong_sum_is_not_normalized() {
    let want = |arg, sum, tolerance| {
        Err(Error::NotNormalized {
            arg,
            sum,
            tolerance,
            row: None,
        })
    };
    for (name, f) in single_functions() {
        assert_eq!(f(&[0.5, 0.25]), want("p", 0.75, 1e-9), "{name}");
        assert_eq!(f(&[0.5, 0.75]), want("p", 1.25, 1e-9), "{name}");
    }
    for (name, f) in pair_functions() {
        assert_eq!(
            f(&[0.5, 0.25], &[0.5, 0.5]),
            want("p", 0.75, 1e-9),
            "{name}"
        );
        assert_eq!(
            f(&[0.5, 0.5], &[0.5, 0.25]),
            want("q", 0.75, 1e-9),
            "{name}"
        );
    }
    // f32 vectors have their own tolerance.
    assert_eq!(entropy(&[0.5f32, 0.25], Base::Nats), want("p", 0.75, 1e-5));
    assert!(entropy(&[0.5f32, 0.500_001], Base::Nats).is_ok());
    // Just outside / inside the f64 tolerance.
    assert!(matches!(
        entropy(&[0.5, 0.5 + 2e-9], Base::Nats),
        Err(Error::NotNormalized { arg: "p", .. })
    ));
    assert!(entropy(&[0.5, 0.5 + 5e-10], Base::Nats).is_ok());
    assert_eq!(
        cross_entropy_loss(&[0.5, 0.25], 0, Base::Nats),
        want("probs", 0.75, 1e-9)
    );
    assert_eq!(
        label_smoothed_cross_entropy(&[0.5, 0.25], 0, 0.1, Base::Nats),
        want("probs", 0.75, 1e-9)
    );
}

#[test]
fn mismatched_lengths() {
    for (name, f) in pair_functions() {
        assert_eq!(
            f(&[0.5, 0.5], &[0.25, 0.25, 0.5]),
            Err(Error::LengthMismatch {
                left_arg: "p",
                left: 2,
                right_arg: "q",
                right: 3
            }),
            "{name}"
        );
    }
    assert_eq!(
        binary_cross_entropy(&[1.0, 0.0], &[0.5], Reduction::Mean, Base::Nats),
        Err(Error::LengthMismatch {
            left_arg: "y",
            left: 2,
            right_arg: "pi",
            right: 1
        })
    );
    assert_eq!(
        binary_cross_entropy_with_logits(&[1.0], &[0.5, 0.1], Reduction::Mean, Base::Nats),
        Err(Error::LengthMismatch {
            left_arg: "y",
            left: 1,
            right_arg: "logits",
            right: 2
        })
    );
}

#[test]
fn bad_base() {
    for b in [1.0, 0.0, -2.0, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(
            Base::new(b),
            Err(Error::InvalidParameter {
                name: "base",
                value: b,
                expected: "a finite base > 0 and != 1"
            })
        );
    }
    assert!(matches!(
        Base::new(f64::NAN),
        Err(Error::InvalidParameter { name: "base", value, .. }) if value.is_nan()
    ));
}

#[test]
fn bad_renyi_order() {
    let want = |value| {
        Err(Error::InvalidParameter {
            name: "alpha",
            value,
            expected: "an order alpha >= 0 (+inf allowed)",
        })
    };
    assert_eq!(renyi_entropy(&[0.5, 0.5], -1.0, Base::Nats), want(-1.0));
    assert_eq!(
        renyi_entropy(&[0.5, 0.5], f64::NEG_INFINITY, Base::Nats),
        want(f64::NEG_INFINITY)
    );
    assert!(matches!(
        renyi_entropy(&[0.5, 0.5], f64::NAN, Base::Nats),
        Err(Error::InvalidParameter { name: "alpha", value, .. }) if value.is_nan()
    ));
    // The parameter is checked before the vector.
    assert_eq!(renyi_entropy(&[-0.5], -1.0, Base::Nats), want(-1.0));
    let p = array![[0.5, 0.5]];
    let mut out = [0.0];
    assert_eq!(
        batch::renyi_entropy_into(
            &mut out,
            p.view(),
            -0.5,
            Base::Nats,
            Par::Seq,
            NanPolicy::Raise
        ),
        want(-0.5).map(|_: f64| ())
    );
}

#[test]
fn bad_tsallis_index() {
    let want = |value| {
        Err(Error::InvalidParameter {
            name: "q",
            value,
            expected: "a finite entropic index q",
        })
    };
    assert_eq!(
        tsallis_entropy(&[0.5, 0.5], f64::INFINITY),
        want(f64::INFINITY)
    );
    assert_eq!(
        tsallis_entropy(&[0.5, 0.5], f64::NEG_INFINITY),
        want(f64::NEG_INFINITY)
    );
    assert!(matches!(
        tsallis_entropy(&[0.5, 0.5], f64::NAN),
        Err(Error::InvalidParameter { name: "q", value, .. }) if value.is_nan()
    ));
    let p = array![[0.5, 0.5]];
    let mut out = [0.0];
    assert_eq!(
        batch::tsallis_entropy_into(
            &mut out,
            p.view(),
            f64::INFINITY,
            Par::Seq,
            NanPolicy::Raise
        ),
        want(f64::INFINITY).map(|_: f64| ())
    );
}

#[test]
fn bad_label_smoothing_epsilon() {
    for eps in [-0.1, 1.5, f64::INFINITY] {
        assert_eq!(
            label_smoothed_cross_entropy(&[0.5, 0.5], 0, eps, Base::Nats),
            Err(Error::InvalidParameter {
                name: "epsilon",
                value: eps,
                expected: "a smoothing mass in [0, 1]"
            })
        );
    }
    assert!(matches!(
        label_smoothed_cross_entropy(&[0.5, 0.5], 0, f64::NAN, Base::Nats),
        Err(Error::InvalidParameter { name: "epsilon", value, .. }) if value.is_nan()
    ));
    // The edges are valid.
    assert!(label_smoothed_cross_entropy(&[0.5, 0.5], 0, 0.0, Base::Nats).is_ok());
    assert!(label_smoothed_cross_entropy(&[0.5, 0.5], 0, 1.0, Base::Nats).is_ok());
}

#[test]
fn target_out_of_range() {
    let want = Err(Error::IndexOutOfRange {
        arg: "target",
        index: 3,
        len: 3,
    });
    assert_eq!(cross_entropy_loss(&[0.2, 0.3, 0.5], 3, Base::Nats), want);
    assert_eq!(
        label_smoothed_cross_entropy(&[0.2, 0.3, 0.5], 3, 0.1, Base::Nats),
        want
    );
    assert_eq!(
        cross_entropy_loss(&[1.0], usize::MAX, Base::Nats),
        Err(Error::IndexOutOfRange {
            arg: "target",
            index: usize::MAX,
            len: 1
        })
    );
}

#[test]
fn labels_outside_unit_interval_in_bce() {
    let want = |arg, index, value| {
        Err(Error::OutOfRange {
            arg,
            index,
            value,
            expected: "must lie in [0, 1]",
        })
    };
    assert_eq!(
        binary_cross_entropy(&[0.0, 1.5], &[0.5, 0.5], Reduction::Mean, Base::Nats),
        want("y", 1, 1.5)
    );
    assert_eq!(
        binary_cross_entropy(&[0.0, -0.5], &[0.5, 0.5], Reduction::Sum, Base::Nats),
        want("y", 1, -0.5)
    );
    assert_eq!(
        binary_cross_entropy(&[0.0, 1.0], &[0.5, 1.25], Reduction::Mean, Base::Nats),
        want("pi", 1, 1.25)
    );
    assert_eq!(
        binary_cross_entropy(&[f64::INFINITY], &[0.5], Reduction::Mean, Base::Nats),
        want("y", 0, f64::INFINITY)
    );
    assert_eq!(
        binary_cross_entropy_with_logits(&[2.0], &[0.5], Reduction::Mean, Base::Nats),
        want("y", 0, 2.0)
    );
    assert!(matches!(
        binary_cross_entropy(&[0.5], &[f64::NAN], Reduction::Mean, Base::Nats),
        Err(Error::NonFinite { arg: "pi", index: 0, value }) if value.is_nan()
    ));
    assert!(matches!(
        binary_cross_entropy_with_logits(&[0.5], &[f64::NAN], Reduction::Mean, Base::Nats),
        Err(Error::NonFinite { arg: "logits", index: 0, value }) if value.is_nan()
    ));
    let mut out = [0.0; 3];
    assert_eq!(
        binary_cross_entropy_into(&mut out, &[1.0, 0.5], &[0.5, 0.5], Base::Nats),
        Err(Error::ShapeMismatch {
            arg: "out",
            expected: vec![2],
            found: vec![3]
        })
    );
    assert_eq!(
        binary_cross_entropy_with_logits_into(&mut out, &[1.0], &[0.5], Base::Nats),
        Err(Error::ShapeMismatch {
            arg: "out",
            expected: vec![1],
            found: vec![3]
        })
    );
}

#[test]
fn positive_log_probability_in_perplexity() {
    assert_eq!(
        perplexity(&[-1.0, 0.5], Base::Nats),
        Err(Error::OutOfRange {
            arg: "log_probs",
            index: 1,
            value: 0.5,
            expected: "a log-probability must be <= 0"
        })
    );
    assert_eq!(
        perplexity(&[-1.0, f64::INFINITY], Base::Bits),
        Err(Error::NonFinite {
            arg: "log_probs",
            index: 1,
            value: f64::INFINITY
        })
    );
    assert!(matches!(
        perplexity(&[f64::NAN], Base::Nats),
        Err(Error::NonFinite { arg: "log_probs", index: 0, value }) if value.is_nan()
    ));
    // −∞ is a valid log-probability (of an impossible token).
    assert_eq!(
        perplexity(&[-1.0, f64::NEG_INFINITY], Base::Nats),
        Ok(f64::INFINITY)
    );
}

#[test]
fn scalar_probabilities_out_of_range() {
    for x in [-0.1, 1.1, f64::INFINITY] {
        let want = Err(Error::InvalidParameter {
            name: "p",
            value: x,
            expected: "a probability in [0, 1]",
        });
        assert_eq!(binary_entropy(x, Base::Nats), want);
        assert_eq!(surprisal(x, Base::Nats), want);
    }
    assert!(binary_entropy(f64::NAN, Base::Nats).is_err());
    assert_eq!(
        sanov::channels::awgn_capacity(-1.0, Base::Nats),
        Err(Error::InvalidParameter {
            name: "snr",
            value: -1.0,
            expected: "a linear signal-to-noise ratio >= 0"
        })
    );
    assert!(sanov::channels::awgn_capacity(f64::NAN, Base::Nats).is_err());
    assert_eq!(
        gaussian_mutual_information(1.5, Base::Nats),
        Err(Error::InvalidParameter {
            name: "rho",
            value: 1.5,
            expected: "a correlation in [-1, 1]"
        })
    );
    assert!(gaussian_mutual_information(f64::NAN, Base::Nats).is_err());
}

#[test]
fn covariance_not_square() {
    let cov = Array2::<f64>::zeros((2, 3));
    assert_eq!(
        gaussian_mutual_information_cov(cov.view(), &[0], &[1], Base::Nats),
        Err(Error::ShapeMismatch {
            arg: "cov",
            expected: vec![2, 2],
            found: vec![2, 3]
        })
    );
    let cov = Array2::<f64>::zeros((0, 0));
    assert_eq!(
        gaussian_mutual_information_cov(cov.view(), &[0], &[1], Base::Nats),
        Err(Error::Empty { arg: "cov" })
    );
}

#[test]
fn covariance_not_symmetric() {
    let cov = array![[1.0, 0.5], [0.4, 1.0]];
    assert_eq!(
        gaussian_mutual_information_cov(cov.view(), &[0], &[1], Base::Nats),
        Err(Error::InvalidParameter {
            name: "cov",
            value: 0.4 - 0.5,
            expected: "a symmetric matrix (cov[i,j] == cov[j,i])"
        })
    );
    let cov = array![[1.0, f64::INFINITY], [0.5, 1.0]];
    assert_eq!(
        gaussian_mutual_information_cov(cov.view(), &[0], &[1], Base::Nats),
        Err(Error::NonFinite {
            arg: "cov",
            index: 1,
            value: f64::INFINITY
        })
    );
}

#[test]
fn covariance_not_positive_definite() {
    for cov in [
        array![[1.0, 2.0], [2.0, 1.0]],
        array![[1.0, 1.0], [1.0, 1.0]],
        array![[-1.0, 0.0], [0.0, 1.0]],
    ] {
        assert_eq!(
            gaussian_mutual_information_cov(cov.view(), &[0], &[1], Base::Nats),
            Err(Error::NotPositiveDefinite { arg: "cov" }),
            "{cov:?}"
        );
    }
}

#[test]
fn covariance_index_sets() {
    let cov = array![[1.0, 0.3, 0.1], [0.3, 1.0, 0.2], [0.1, 0.2, 1.0]];
    let mi =
        |x: &[usize], y: &[usize]| gaussian_mutual_information_cov(cov.view(), x, y, Base::Nats);
    assert_eq!(
        mi(&[0], &[0, 1]),
        Err(Error::InvalidIndexSet {
            arg: "y",
            reason: "shares an index with x; the sets must be disjoint"
        })
    );
    assert_eq!(
        mi(&[0, 0], &[1]),
        Err(Error::InvalidIndexSet {
            arg: "x",
            reason: "repeats an index"
        })
    );
    assert_eq!(
        mi(&[0], &[2, 1, 2]),
        Err(Error::InvalidIndexSet {
            arg: "y",
            reason: "repeats an index"
        })
    );
    assert_eq!(
        mi(&[5], &[1]),
        Err(Error::IndexOutOfRange {
            arg: "x",
            index: 5,
            len: 3
        })
    );
    assert_eq!(mi(&[], &[1]), Err(Error::Empty { arg: "x" }));
    assert_eq!(mi(&[0], &[]), Err(Error::Empty { arg: "y" }));
}

#[test]
fn batched_shape_mismatches() {
    let p = array![[0.5, 0.5], [0.25, 0.75]];
    let q3 = array![[0.5, 0.5], [0.25, 0.75], [1.0, 0.0]];
    let mut out = [0.0; 2];
    let mut short = [0.0; 1];
    assert_eq!(
        batch::entropy_into(&mut short, p.view(), Base::Nats, Par::Seq, NanPolicy::Raise),
        Err(Error::ShapeMismatch {
            arg: "out",
            expected: vec![2],
            found: vec![1]
        })
    );
    assert_eq!(
        batch::kl_divergence_into(
            &mut out,
            p.view(),
            q3.view(),
            Base::Nats,
            Par::Seq,
            NanPolicy::Raise
        ),
        Err(Error::ShapeMismatch {
            arg: "q",
            expected: vec![2, 2],
            found: vec![3, 2]
        })
    );
    // A strided (transposed) q of the right shape is fine.
    let sym = array![[0.25, 0.75], [0.75, 0.25]];
    assert_eq!(
        batch::hellinger_distance_into(
            &mut out,
            sym.view(),
            sym.t(),
            Par::rayon(2),
            NanPolicy::Raise
        ),
        Ok(())
    );
    let empty_cols = Array2::<f64>::zeros((2, 0));
    assert_eq!(
        batch::entropy_into(
            &mut out,
            empty_cols.view(),
            Base::Nats,
            Par::Seq,
            NanPolicy::Raise
        ),
        Err(Error::Empty { arg: "p" })
    );
    // Zero rows: nothing to do.
    let no_rows = Array2::<f64>::zeros((0, 3));
    assert_eq!(
        batch::entropy_into(
            &mut [],
            no_rows.view(),
            Base::Nats,
            Par::Seq,
            NanPolicy::Raise
        ),
        Ok(())
    );
}

#[test]
fn batched_errors_name_row_and_flat_index() {
    // 12000 × 3 = 36000 elements: enough for `Par::rayon(2)` to split the rows in two tasks.
    let (rows, cols) = (12_000, 3);
    let mut p = Array2::<f64>::from_elem((rows, cols), 1.0 / 4.0);
    p.column_mut(2).fill(0.5);
    let q = p.clone();
    let mut out = vec![0.0; rows];
    for par in [Par::Seq, Par::rayon(2)] {
        // Negative in row 7, column 1.
        let mut bad = p.clone();
        bad[[7, 1]] = -0.25;
        bad[[7, 2]] = 1.0;
        assert_eq!(
            batch::entropy_into(&mut out, bad.view(), Base::Nats, par, NanPolicy::Raise),
            Err(Error::NegativeProbability {
                arg: "p",
                index: 7 * cols + 1,
                value: -0.25
            })
        );
        // NaN in q, row 12: raise names it, propagate writes NaN for that row only.
        let mut badq = q.clone();
        badq[[12, 0]] = f64::NAN;
        let r = batch::kl_divergence_into(
            &mut out,
            p.view(),
            badq.view(),
            Base::Nats,
            par,
            NanPolicy::Raise,
        );
        assert!(
            matches!(r, Err(Error::NonFinite { arg: "q", index, value }) if index == 12 * cols && value.is_nan()),
            "{r:?}"
        );
        batch::kl_divergence_into(
            &mut out,
            p.view(),
            badq.view(),
            Base::Nats,
            par,
            NanPolicy::Propagate,
        )
        .unwrap();
        assert!(out[12].is_nan());
        assert!(out.iter().enumerate().all(|(r, v)| r == 12 || *v == 0.0));
        // Propagate does not excuse other violations: +inf is still an error.
        let mut inf = p.clone();
        inf[[3, 2]] = f64::INFINITY;
        assert_eq!(
            batch::js_divergence_into(
                &mut out,
                inf.view(),
                q.view(),
                Base::Nats,
                par,
                NanPolicy::Propagate
            ),
            Err(Error::NonFinite {
                arg: "p",
                index: 3 * cols + 2,
                value: f64::INFINITY
            })
        );
        // Row 20 does not sum to 1: the error carries the row.
        let mut unnorm = p.clone();
        unnorm[[20, 2]] = 0.25;
        assert_eq!(
            batch::chi2_divergence_into(&mut out, p.view(), unnorm.view(), par, NanPolicy::Raise),
            Err(Error::NotNormalized {
                arg: "q",
                sum: 0.75,
                tolerance: 1e-9,
                row: Some(20)
            })
        );
        // With several bad rows the lowest one is reported, sequential or not.
        let mut two = p.clone();
        two[[5, 0]] = 0.5;
        two[[11_000, 0]] = -1.0;
        assert_eq!(
            batch::total_variation_distance_into(
                &mut out,
                two.view(),
                q.view(),
                par,
                NanPolicy::Raise
            ),
            Err(Error::NotNormalized {
                arg: "p",
                sum: 1.25,
                tolerance: 1e-9,
                row: Some(5)
            })
        );
        // A bad row in the second half alone.
        let mut late = p.clone();
        late[[11_999, 1]] = f64::NEG_INFINITY;
        assert_eq!(
            batch::renyi_entropy_into(
                &mut out,
                late.view(),
                2.0,
                Base::Bits,
                par,
                NanPolicy::Raise
            ),
            Err(Error::NonFinite {
                arg: "p",
                index: 11_999 * cols + 1,
                value: f64::NEG_INFINITY
            })
        );
    }
}

#[test]
fn normalize_rejects_zero_mass_and_bad_weights() {
    assert_eq!(
        normalize(&[0.0, 0.0]),
        Err(Error::ZeroMass { arg: "weights" })
    );
    assert_eq!(
        normalize(&[1.0, -1.0]),
        Err(Error::NegativeProbability {
            arg: "weights",
            index: 1,
            value: -1.0
        })
    );
    assert!(matches!(
        logsumexp(&[0.0, f64::NAN]),
        Err(Error::NonFinite { arg: "x", index: 1, value }) if value.is_nan()
    ));
}
