//! Every validity rule of the multivariate module, one test each, asserting the exact variant.

use ndarray::{array, ArrayD, IxDyn};
use sanov::multivariate::{
    chain_rule_mutual_information, co_information, conditional_entropy, data_processing_check,
    marginal_entropy, mutual_information, mutual_information_from_labels, Joint,
};
use sanov::{Base, Error};

fn j2() -> Joint {
    Joint::new(array![[0.1, 0.2], [0.3, 0.4]].into_dyn()).unwrap()
}

#[test]
fn joint_rejects_nan_negative_unnormalised_empty() {
    let e = Joint::new(array![[0.5, f64::NAN], [0.25, 0.25]].into_dyn());
    assert!(matches!(
        e,
        Err(Error::NonFinite {
            arg: "joint",
            index: 1,
            ..
        })
    ));
    let e = Joint::new(array![[0.5, -0.1], [0.3, 0.3]].into_dyn());
    assert!(matches!(
        e,
        Err(Error::NegativeProbability {
            arg: "joint",
            index: 1,
            ..
        })
    ));
    let e = Joint::new(array![[0.5, 0.1], [0.3, 0.3]].into_dyn());
    assert!(matches!(e, Err(Error::NotNormalized { arg: "joint", .. })));
    let e = Joint::new(ArrayD::<f64>::zeros(IxDyn(&[0, 2])));
    assert_eq!(e, Err(Error::Empty { arg: "joint" }));
    let e = Joint::from_counts(ArrayD::<f64>::zeros(IxDyn(&[2, 2])));
    assert_eq!(e, Err(Error::ZeroMass { arg: "counts" }));
}

#[test]
fn sparse_construction_checks_outcomes() {
    let e = Joint::from_sparse(&[2, 2], &[(vec![0, 2], 1.0)]);
    assert!(matches!(
        e,
        Err(Error::IndexOutOfRange {
            arg: "outcome",
            index: 2,
            len: 2
        })
    ));
    let e = Joint::from_sparse(&[2, 2], &[(vec![0], 1.0)]);
    assert!(matches!(
        e,
        Err(Error::ShapeMismatch { arg: "outcome", .. })
    ));
}

#[test]
fn samples_must_have_equal_lengths() {
    // Issue #17: the lengths are listed (was a `columns[i]` placeholder in the message).
    let e = Joint::from_samples(&[&[0, 1], &[0]]);
    assert_eq!(
        e.err(),
        Some(Error::ShapeMismatch {
            arg: "columns (their lengths)",
            expected: vec![2, 2],
            found: vec![2, 1],
        })
    );
    assert!(matches!(Joint::from_samples(&[]), Err(Error::Empty { .. })));
    let e = mutual_information_from_labels(&[], &[], Base::Nats);
    assert_eq!(e, Err(Error::Empty { arg: "x" }));
    let e = mutual_information_from_labels(&[1, 2], &[1], Base::Nats);
    assert!(matches!(e, Err(Error::LengthMismatch { .. })));
}

#[test]
fn variable_sets_out_of_range_repeated_or_empty() {
    let j = j2();
    let e = marginal_entropy(&j, &[2], Base::Nats);
    assert_eq!(
        e,
        Err(Error::IndexOutOfRange {
            arg: "rvs",
            index: 2,
            len: 2
        })
    );
    let e = marginal_entropy(&j, &[0, 0], Base::Nats);
    assert!(matches!(e, Err(Error::InvalidIndexSet { arg: "rvs", .. })));
    let e = mutual_information(&j, &[], &[1], Base::Nats);
    assert_eq!(e, Err(Error::Empty { arg: "x" }));
    let e = conditional_entropy(&j, &[0], &[5], Base::Nats);
    assert!(matches!(e, Err(Error::IndexOutOfRange { arg: "crvs", .. })));
    // The chain rule of MI needs x and ys disjoint.
    let e = chain_rule_mutual_information(&j, &[0], &[0, 1], Base::Nats);
    assert!(matches!(e, Err(Error::InvalidIndexSet { arg: "ys", .. })));
    let e = j.condition(0, 2);
    assert!(matches!(
        e,
        Err(Error::IndexOutOfRange { arg: "value", .. })
    ));
    let zero_row = Joint::new(array![[0.0, 0.0], [0.5, 0.5]].into_dyn()).unwrap();
    assert_eq!(
        zero_row.condition(0, 0),
        Err(Error::ZeroMass { arg: "joint" })
    );
}

#[test]
fn too_many_variables_for_subset_measures() {
    let big = Joint::new(ArrayD::from_elem(IxDyn(&[1; 25]), 1.0)).unwrap();
    assert!(matches!(
        co_information(&big, Base::Nats),
        Err(Error::InvalidParameter { .. })
    ));
}

#[test]
fn dpi_checks_channels() {
    let w = array![[0.9, 0.1], [0.2, 0.7]];
    let v = array![[1.0, 0.0], [0.0, 1.0]];
    let e = data_processing_check(&[0.5, 0.5], w.view(), v.view(), Base::Nats);
    assert!(matches!(
        e,
        Err(Error::NotNormalized {
            arg: "channel_xy",
            row: Some(1),
            ..
        })
    ));
    let w3 = array![[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]];
    let e = data_processing_check(&[0.5, 0.5], w3.view(), v.view(), Base::Nats);
    assert!(matches!(
        e,
        Err(Error::ShapeMismatch {
            arg: "channel_xy",
            ..
        })
    ));
}
