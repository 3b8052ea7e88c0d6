//! Property tests of the multivariate identities on random joint distributions.

use ndarray::{Array2, ArrayD, IxDyn};
use proptest::prelude::*;
use sanov::multivariate::{
    chain_rule_entropy, chain_rule_mutual_information, conditional_entropy,
    conditional_mutual_information, data_processing_check, joint_entropy, marginal_entropy,
    mutual_information, Joint,
};
use sanov::Base;

/// Absolute slack for identities between sums of entropies of at most a few nats.
const TOL_IDENTITY: f64 = 1e-12;

/// A random joint of 2–4 variables with alphabets 2–4; about a fifth of the cells are 0.
fn joint() -> impl Strategy<Value = Joint> {
    prop::collection::vec(2usize..=4, 2..=4).prop_flat_map(|shape| {
        let cells: usize = shape.iter().product();
        prop::collection::vec(prop_oneof![1 => Just(0.0), 4 => 0.001f64..1.0], cells)
            .prop_filter_map("all-zero table", move |w| {
                Joint::from_counts(ArrayD::from_shape_vec(IxDyn(&shape), w).ok()?).ok()
            })
    })
}

fn stochastic(rows: usize, cols: usize) -> impl Strategy<Value = Array2<f64>> {
    prop::collection::vec(0.001f64..1.0, rows * cols).prop_map(move |w| {
        let mut m = Array2::from_shape_vec((rows, cols), w).expect("shape");
        for mut r in m.rows_mut() {
            let s: f64 = r.sum();
            r.mapv_inplace(|v| v / s);
        }
        m
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn chain_rule_of_entropy_sums_to_joint(j in joint()) {
        let order: Vec<usize> = (0..j.ndim()).rev().collect();
        let terms = chain_rule_entropy(&j, &order, Base::Nats).unwrap();
        let total: f64 = terms.iter().sum();
        prop_assert!((total - joint_entropy(&j, Base::Nats).unwrap()).abs() < TOL_IDENTITY);
        // H(X,Y) = H(X) + H(Y|X) for the first two variables.
        let hxy = marginal_entropy(&j, &[0, 1], Base::Nats).unwrap();
        let hx = marginal_entropy(&j, &[0], Base::Nats).unwrap();
        let hy_x = conditional_entropy(&j, &[1], &[0], Base::Nats).unwrap();
        prop_assert!((hxy - hx - hy_x).abs() < TOL_IDENTITY);
        // Conditioning reduces entropy.
        prop_assert!(hy_x <= marginal_entropy(&j, &[1], Base::Nats).unwrap() + TOL_IDENTITY);
    }

    #[test]
    fn mutual_information_identities(j in joint()) {
        let i = mutual_information(&j, &[0], &[1], Base::Nats).unwrap();
        prop_assert!(i >= -TOL_IDENTITY);
        let hx = marginal_entropy(&j, &[0], Base::Nats).unwrap();
        let hx_y = conditional_entropy(&j, &[0], &[1], Base::Nats).unwrap();
        prop_assert!((i - (hx - hx_y)).abs() < TOL_IDENTITY);
        prop_assert!((i - mutual_information(&j, &[1], &[0], Base::Nats).unwrap()).abs() < TOL_IDENTITY);
        let ixx = mutual_information(&j, &[0], &[0], Base::Nats).unwrap();
        prop_assert!((ixx - hx).abs() < TOL_IDENTITY);
    }

    #[test]
    fn chain_rule_of_mutual_information_and_cmi(j in joint()) {
        let ys: Vec<usize> = (1..j.ndim()).collect();
        let terms = chain_rule_mutual_information(&j, &[0], &ys, Base::Nats).unwrap();
        for t in &terms {
            prop_assert!(*t >= -TOL_IDENTITY);
        }
        let total: f64 = terms.iter().sum();
        let whole = mutual_information(&j, &[0], &ys, Base::Nats).unwrap();
        prop_assert!((total - whole).abs() < TOL_IDENTITY);
        if j.ndim() >= 3 {
            let c = conditional_mutual_information(&j, &[0], &[1], &[2], Base::Nats).unwrap();
            prop_assert!(c >= -TOL_IDENTITY);
        }
    }

    #[test]
    fn data_processing_inequality(
        px in prop::collection::vec(0.001f64..1.0, 2..6),
        (w, v) in (2usize..6, 2usize..6).prop_flat_map(|(ny, nz)| (stochastic(5, ny), stochastic(ny, nz))),
    ) {
        let s: f64 = px.iter().sum();
        let px: Vec<f64> = px.iter().map(|v| v / s).collect();
        let w = w.slice(ndarray::s![..px.len(), ..]).to_owned();
        let r = data_processing_check(&px, w.view(), v.view(), Base::Nats).unwrap();
        prop_assert!(r.holds);
        prop_assert!(r.i_xz <= r.i_xy + TOL_IDENTITY);
    }
}
