//! sanov's multivariate measures against the committed table
//! `tests/data/multivariate.txt`, written by `scripts/reference/generate_multivariate.py`
//! (mpmath at 50 digits from exact marginals, cross-checked against dit to 1e-9).

use ndarray::{Array2, ArrayD, IxDyn};
use sanov::multivariate::{
    chain_rule_entropy, chain_rule_mutual_information, co_information, conditional_entropy,
    conditional_mutual_information, data_processing_check, dual_total_correlation,
    interaction_information, joint_entropy, marginal_entropy, mutual_information, o_information,
    total_correlation, Joint,
};
use sanov::Base;

/// Relative tolerance, relative to the larger of the value and the case's joint entropy (every
/// quantity is a signed sum of marginal entropies of that size, so its absolute rounding error
/// scales with them, not with the result).
const TOL_MULTIVARIATE: f64 = 1e-12;

const TABLE: &str = include_str!("data/multivariate.txt");

fn floats(s: &str) -> Vec<f64> {
    s.split(',').map(|v| v.parse().expect("a float")).collect()
}

fn set(s: &str) -> Vec<usize> {
    if s == "-" {
        Vec::new()
    } else {
        s.split(',').map(|v| v.parse().expect("an index")).collect()
    }
}

fn matrix(dims: &str, vals: &str) -> Array2<f64> {
    let d: Vec<usize> = set(dims);
    Array2::from_shape_vec((d[0], d[1]), floats(vals)).expect("matrix shape")
}

fn close(case: &str, what: &str, got: f64, want: f64, scale: f64) {
    let tol = TOL_MULTIVARIATE * want.abs().max(scale).max(1.0);
    assert!(
        (got - want).abs() <= tol,
        "{case}: {what}: got {got}, want {want} (diff {:e}, tol {tol:e})",
        got - want
    );
}

#[test]
fn multivariate_measures_match_reference_table() {
    let b = Base::Bits;
    let mut joint: Option<Joint> = None;
    let mut shape = Vec::new();
    let mut case = String::new();
    let mut scale = 1.0;
    let mut px = Vec::new();
    let mut wxy = Array2::zeros((0, 0));
    let mut wyz = Array2::zeros((0, 0));
    let mut checked = 0usize;
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split(' ').collect();
        match f[0] {
            "case" => case = f[1].to_string(),
            "shape" => shape = set(f[1]),
            "p" => {
                let p = ArrayD::from_shape_vec(IxDyn(&shape), floats(f[1])).expect("shape");
                let j = Joint::new(p).expect("valid joint");
                scale = joint_entropy(&j, b).expect("entropy");
                joint = Some(j);
            }
            "px" => px = floats(f[1]),
            "wxy" => wxy = matrix(f[1], f[2]),
            "wyz" => wyz = matrix(f[1], f[2]),
            "dpi" => {
                let r = data_processing_check(&px, wxy.view(), wyz.view(), b).expect("dpi");
                close(&case, "I(X;Y)", r.i_xy, f[1].parse().expect("f64"), 1.0);
                close(&case, "I(X;Z)", r.i_xz, f[2].parse().expect("f64"), 1.0);
                assert!(r.holds, "{case}: DPI must hold");
                checked += 2;
            }
            "v" | "l" => {
                let j = joint.as_ref().expect("a joint before values");
                let (a, bb, c) = (set(f[2]), set(f[3]), set(f[4]));
                let got: Vec<f64> = match f[1] {
                    "joint_entropy" => vec![joint_entropy(j, b).expect("ok")],
                    "marginal_entropy" => vec![marginal_entropy(j, &a, b).expect("ok")],
                    "conditional_entropy" => vec![conditional_entropy(j, &a, &bb, b).expect("ok")],
                    "mutual_information" => vec![mutual_information(j, &a, &bb, b).expect("ok")],
                    "conditional_mutual_information" => {
                        vec![conditional_mutual_information(j, &a, &bb, &c, b).expect("ok")]
                    }
                    "total_correlation" => vec![total_correlation(j, b).expect("ok")],
                    "dual_total_correlation" => vec![dual_total_correlation(j, b).expect("ok")],
                    "co_information" => vec![co_information(j, b).expect("ok")],
                    "interaction_information" => vec![interaction_information(j, b).expect("ok")],
                    "o_information" => vec![o_information(j, b).expect("ok")],
                    "chain_rule_entropy" => chain_rule_entropy(j, &a, b).expect("ok"),
                    "chain_rule_mutual_information" => {
                        chain_rule_mutual_information(j, &a, &bb, b).expect("ok")
                    }
                    other => panic!("unknown measure {other}"),
                };
                let want = floats(f[5]);
                assert_eq!(got.len(), want.len(), "{case}: {}", f[1]);
                for (g, w) in got.iter().zip(&want) {
                    close(&case, line, *g, *w, scale);
                    checked += 1;
                }
            }
            other => panic!("unknown line type {other}"),
        }
    }
    eprintln!("multivariate: {checked} reference values checked");
    assert!(checked > 1000);
}

/// Exact rational values are matched to a few ulps: each entropy is accumulated in nats and
/// converted to bits, two roundings of ≤ ½ ulp each, plus the sum's.
const TOL_EXACT: f64 = 4.0 * f64::EPSILON;

fn exact(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= TOL_EXACT * want.abs(),
        "got {got}, want {want}"
    );
}

/// The seeds' 4×4 table (Cover & Thomas, Example 2.2.1) against its exact rational values.
#[test]
fn cover_thomas_table_exact() {
    let t = ndarray::array![
        [1.0 / 8.0, 1.0 / 16.0, 1.0 / 32.0, 1.0 / 32.0],
        [1.0 / 16.0, 1.0 / 8.0, 1.0 / 32.0, 1.0 / 32.0],
        [1.0 / 16.0, 1.0 / 16.0, 1.0 / 16.0, 1.0 / 16.0],
        [1.0 / 4.0, 0.0, 0.0, 0.0]
    ];
    let j = Joint::new(t.into_dyn()).unwrap();
    let b = Base::Bits;
    exact(marginal_entropy(&j, &[0], b).unwrap(), 2.0);
    exact(marginal_entropy(&j, &[1], b).unwrap(), 7.0 / 4.0);
    exact(joint_entropy(&j, b).unwrap(), 27.0 / 8.0);
    exact(mutual_information(&j, &[0], &[1], b).unwrap(), 3.0 / 8.0);
    exact(conditional_entropy(&j, &[0], &[1], b).unwrap(), 13.0 / 8.0);
    exact(conditional_entropy(&j, &[1], &[0], b).unwrap(), 11.0 / 8.0);
}

/// The noisy binary channel: X fair, Y = X flipped with probability 0.1.
#[test]
fn noisy_channel_joint_entropy_is_1_469_bits() {
    let j = Joint::new(ndarray::array![[0.45, 0.05], [0.05, 0.45]].into_dyn()).unwrap();
    let h = joint_entropy(&j, Base::Bits).unwrap();
    assert!((h - 1.469).abs() < 5e-4, "{h}");
    let h_exact = 1.0 + sanov::measures::binary_entropy(0.1, Base::Bits).unwrap();
    assert!((h - h_exact).abs() < 1e-15);
}
