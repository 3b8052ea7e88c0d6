//! sanov's discrete estimators against the committed table `tests/data/estimators.txt`, written
//! by `scripts/reference/generate_estimators.py` (mpmath at 30 digits for the entropy
//! estimators, NSB and conditional entropy; scikit-learn for NMI and AMI, with AMI cross-checked
//! against an exact mpmath evaluation to 1e-10). Also: chunked counting, error variants.

use sanov::estimators::{
    adjusted_mutual_information, chao_shen_entropy, conditional_entropy_from_labels,
    grassberger_entropy, miller_madow_entropy, normalized_mutual_information, nsb_entropy,
    plugin_entropy, AverageMethod, DiscreteEstimator, LabelCounts, NsbOptions,
};
use sanov::iterate::StoppingRule;
use sanov::{Base, Error};

/// Closed-form estimators and conditional entropy: relative to `max(|value|, 1)` — each is a
/// compensated sum of terms rounded once or twice, so its absolute error scales with the
/// (`O(ln N)`) size of the terms, not with a possibly small result.
const TOL_CLOSED_FORM: f64 = 1e-12;
/// NMI and AMI against scikit-learn: scikit-learn evaluates the same formulas in a different
/// order (and AMI's hypergeometric weights as `exp` of sums of `ln Γ` of size `N ln N`), so
/// agreement is to its accuracy, not to the last ulp.
const TOL_SKLEARN: f64 = 1e-10;
/// NSB mean: the quadrature stops at a relative change of `1e-10` of the step-halved
/// trapezoidal rule, which converges geometrically, so the error is far below the stopping
/// change; the log-posterior (size `N ln K`) is exact to ~1e-13 relative.
const TOL_NSB_MEAN: f64 = 1e-9;
/// NSB standard deviation: `sqrt(E[H²] − E[H]²)` loses the digits that `std/mean` lacks.
const TOL_NSB_STD: f64 = 1e-7;

const TABLE: &str = include_str!("data/estimators.txt");

fn ints(s: &str) -> Vec<i64> {
    s.split(',').map(|v| v.parse().expect("an int")).collect()
}

fn close(case: &str, what: &str, got: f64, want: f64, tol: f64) {
    let t = tol * want.abs().max(1.0);
    assert!(
        (got - want).abs() <= t,
        "{case}: {what}: got {got}, want {want} (diff {:e}, tol {t:e})",
        got - want
    );
}

fn method(name: &str) -> AverageMethod {
    match name {
        "min" => AverageMethod::Min,
        "geometric" => AverageMethod::Geometric,
        "arithmetic" => AverageMethod::Arithmetic,
        "max" => AverageMethod::Max,
        _ => panic!("unknown average method {name}"),
    }
}

#[test]
fn estimators_match_reference_table() {
    let (mut case, mut x, mut y) = (String::new(), Vec::new(), Vec::new());
    let mut checked = 0usize;
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f[0] {
            "single" | "pair" => case = f[1].to_string(),
            "x" => x = ints(f[1]),
            "y" => y = ints(f[1]),
            "nsb" => {
                let k: usize = f[1].parse().unwrap();
                let p = NsbOptions {
                    alphabet_size: k,
                    ..Default::default()
                };
                let est = nsb_entropy(&x, &p, Base::Nats).unwrap();
                close(
                    &case,
                    "nsb mean",
                    est.mean,
                    f[2].parse().unwrap(),
                    TOL_NSB_MEAN,
                );
                close(
                    &case,
                    "nsb std",
                    est.std,
                    f[3].parse().unwrap(),
                    TOL_NSB_STD,
                );
                checked += 2;
            }
            "v" => {
                let want: f64 = f[2].parse().unwrap();
                let n = Base::Nats;
                let (got, tol) = match f[1] {
                    "plugin" => (plugin_entropy(&x, n), TOL_CLOSED_FORM),
                    "miller_madow" => (miller_madow_entropy(&x, n), TOL_CLOSED_FORM),
                    "grassberger" => (grassberger_entropy(&x, n), TOL_CLOSED_FORM),
                    "chao_shen" => (chao_shen_entropy(&x, n), TOL_CLOSED_FORM),
                    "conditional_entropy" => {
                        (conditional_entropy_from_labels(&x, &y, n), TOL_CLOSED_FORM)
                    }
                    "conditional_entropy_yx" => {
                        (conditional_entropy_from_labels(&y, &x, n), TOL_CLOSED_FORM)
                    }
                    m if m.starts_with("nmi_") => (
                        normalized_mutual_information(&x, &y, method(&m[4..])),
                        TOL_SKLEARN,
                    ),
                    m if m.starts_with("ami_") => (
                        adjusted_mutual_information(&x, &y, method(&m[4..])),
                        TOL_SKLEARN,
                    ),
                    other => panic!("unknown quantity {other}"),
                };
                close(&case, f[1], got.unwrap(), want, tol);
                checked += 1;
            }
            other => panic!("unknown line kind {other}"),
        }
    }
    assert!(checked >= 100, "only {checked} reference values");
    eprintln!("checked {checked} reference values");
}

/// Deterministic labels (SplitMix64), skewed so that counts vary.
fn labels(n: usize, k: u64, seed: u64) -> Vec<i64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            let u = (z >> 11) as f64 / (1u64 << 53) as f64;
            ((u * u * k as f64) as i64) * 1_000_003 - 17
        })
        .collect()
}

#[test]
fn merged_chunks_give_bit_identical_estimates() {
    let x = labels(100_000, 5_000, 7);
    let whole = LabelCounts::from_labels(&x);
    let mut merged = LabelCounts::new();
    for chunk in x.chunks(7_919) {
        merged.merge(&LabelCounts::from_labels(chunk));
    }
    let mut updated = LabelCounts::new();
    for chunk in x.rchunks(10_007) {
        updated.update(chunk);
    }
    assert_eq!(merged, whole);
    assert_eq!(updated, whole);
    let nsb = NsbOptions {
        alphabet_size: 6_000,
        ..Default::default()
    };
    for est in [
        DiscreteEstimator::PlugIn,
        DiscreteEstimator::MillerMadow,
        DiscreteEstimator::Grassberger,
        DiscreteEstimator::ChaoShen,
        DiscreteEstimator::Nsb(nsb),
    ] {
        let a = whole.entropy(&est, Base::Bits).unwrap();
        let b = merged.entropy(&est, Base::Bits).unwrap();
        assert_eq!(a.to_bits(), b.to_bits(), "{est:?}");
    }
    let (a, b) = (
        whole.nsb_entropy(&nsb, Base::Nats).unwrap(),
        merged.nsb_entropy(&nsb, Base::Nats).unwrap(),
    );
    assert_eq!(a.std.to_bits(), b.std.to_bits());
}

#[test]
fn large_alphabets_count_without_dense_tables() {
    // 1e6 distinct labels spread over the whole i64 range (sorted path).
    let x: Vec<i64> = (0..1_000_000i64)
        .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15u64 as i64))
        .collect();
    let h = plugin_entropy(&x, Base::Nats).unwrap();
    close("distinct", "plugin", h, (1e6f64).ln(), 1e-15);
    assert_eq!(LabelCounts::from_labels(&x).distinct(), 1_000_000);
}

#[test]
fn error_variants() {
    let n = Base::Nats;
    let empty: [i64; 0] = [];
    for r in [
        plugin_entropy(&empty, n),
        miller_madow_entropy(&empty, n),
        grassberger_entropy(&empty, n),
        chao_shen_entropy(&empty, n),
        LabelCounts::new().entropy(&DiscreteEstimator::PlugIn, n),
    ] {
        assert_eq!(r, Err(Error::Empty { arg: "samples" }));
    }
    let p = NsbOptions {
        alphabet_size: 3,
        ..Default::default()
    };
    assert_eq!(
        nsb_entropy(&empty, &p, n),
        Err(Error::Empty { arg: "samples" })
    );
    for k in [0, 1, 2] {
        let p = NsbOptions {
            alphabet_size: k,
            ..Default::default()
        };
        assert!(matches!(
            nsb_entropy(&[1, 2, 3], &p, n),
            Err(Error::InvalidParameter {
                name: "alphabet_size",
                ..
            })
        ));
    }
    let bad_tol = NsbOptions {
        alphabet_size: 4,
        stopping: StoppingRule {
            tolerance: 0.0,
            ..NsbOptions::default().stopping
        },
        ..Default::default()
    };
    assert!(matches!(
        nsb_entropy(&[1, 2], &bad_tol, n),
        Err(Error::InvalidParameter {
            name: "tolerance",
            ..
        })
    ));
    let starved = NsbOptions {
        alphabet_size: 50,
        stopping: StoppingRule {
            max_iterations: 3,
            tolerance: 1e-300,
        },
        ..Default::default()
    };
    assert!(matches!(
        nsb_entropy(&labels(200, 40, 1), &starved, n),
        Err(Error::NotConverged { iterations: 3, .. })
    ));
    // The deprecated fields (0.2.0) are still honoured when set off their defaults.
    #[allow(deprecated)]
    {
        let bad_tol = NsbOptions {
            alphabet_size: 4,
            tolerance: 0.0,
            ..Default::default()
        };
        assert!(matches!(
            nsb_entropy(&[1, 2], &bad_tol, n),
            Err(Error::InvalidParameter {
                name: "tolerance",
                ..
            })
        ));
        let starved = NsbOptions {
            alphabet_size: 50,
            tolerance: 1e-300,
            max_refinements: 3,
            ..Default::default()
        };
        assert!(matches!(
            nsb_entropy(&labels(200, 40, 1), &starved, n),
            Err(Error::NotConverged { iterations: 3, .. })
        ));
        let k = NsbOptions {
            alphabet_size: 50,
            ..Default::default()
        };
        let old = NsbOptions {
            tolerance: 1e-6,
            max_refinements: 9,
            ..k
        };
        let new = NsbOptions {
            stopping: StoppingRule {
                max_iterations: 9,
                tolerance: 1e-6,
            },
            ..k
        };
        let x = labels(200, 40, 1);
        assert_eq!(nsb_entropy(&x, &old, n), nsb_entropy(&x, &new, n));
    }
    let m = AverageMethod::Arithmetic;
    assert_eq!(
        conditional_entropy_from_labels(&empty, &empty, n),
        Err(Error::Empty { arg: "x" })
    );
    assert_eq!(
        normalized_mutual_information(&empty, &empty, m),
        Err(Error::Empty { arg: "x" })
    );
    assert_eq!(
        adjusted_mutual_information(&empty, &empty, m),
        Err(Error::Empty { arg: "x" })
    );
    let mismatch = Err(Error::LengthMismatch {
        left_arg: "x",
        left: 2,
        right_arg: "y",
        right: 3,
    });
    assert_eq!(
        conditional_entropy_from_labels(&[1, 2], &[1, 2, 3], n),
        mismatch
    );
    assert_eq!(
        normalized_mutual_information(&[1, 2], &[1, 2, 3], m),
        mismatch
    );
    assert_eq!(
        adjusted_mutual_information(&[1, 2], &[1, 2, 3], m),
        mismatch
    );
}
