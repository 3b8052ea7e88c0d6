//! Mergeable summaries: merged tables equal single-pass tables (so every measure is bit-for-bit
//! the label-array function's), byte layouts round-trip and reject corruption, and the
//! co-moment merge matches a single pass and closed forms.

use ndarray::{array, s, Array2};
use proptest::prelude::*;
use sanov::estimators::{
    adjusted_mutual_information, conditional_entropy_from_labels, miller_madow_entropy,
    normalized_mutual_information, plugin_entropy, AverageMethod, DiscreteEstimator,
};
use sanov::multivariate::{
    conditional_mutual_information, gaussian_mutual_information, mutual_information_from_labels,
    Joint,
};
use sanov::summaries::{CoMoments, CountTable};
use sanov::{Base, Error};

fn split_merge(cols: &[Vec<i64>], cuts: &[usize]) -> CountTable {
    let n = cols[0].len();
    let mut bounds: Vec<usize> = cuts.iter().map(|&c| c % (n + 1)).collect();
    bounds.push(0);
    bounds.push(n);
    bounds.sort_unstable();
    let mut t = CountTable::empty(cols.len()).unwrap();
    // Merge in reverse chunk order: the result must not depend on the order.
    for w in bounds.windows(2).rev() {
        let parts: Vec<&[i64]> = cols.iter().map(|c| &c[w[0]..w[1]]).collect();
        t.merge(&CountTable::from_columns(&parts).unwrap()).unwrap();
    }
    t
}

proptest! {
    #[test]
    fn merged_table_equals_single_pass_and_measures_match_bitwise(
        rows in prop::collection::vec((0i64..6, -3i64..3, prop_oneof![0i64..4, Just(1i64 << 40)]), 1..200),
        cuts in prop::collection::vec(0usize..200, 0..5),
    ) {
        let x: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let y: Vec<i64> = rows.iter().map(|r| r.1).collect();
        let z: Vec<i64> = rows.iter().map(|r| r.2).collect();
        let cols = vec![x.clone(), y.clone(), z.clone()];
        let whole = CountTable::from_columns(&[&x, &y, &z]).unwrap();
        let merged = split_merge(&cols, &cuts);
        prop_assert_eq!(&merged, &whole);
        prop_assert_eq!(CountTable::from_bytes(&merged.to_bytes()).unwrap(), whole.clone());
        let b = Base::Nats;
        prop_assert_eq!(merged.mutual_information(&[0], &[1], b).unwrap().to_bits(),
            mutual_information_from_labels(&x, &y, b).unwrap().to_bits());
        prop_assert_eq!(merged.mutual_information(&[2], &[0], Base::Bits).unwrap().to_bits(),
            mutual_information_from_labels(&z, &x, Base::Bits).unwrap().to_bits());
        prop_assert_eq!(merged.conditional_entropy(&[0], &[1], b).unwrap().to_bits(),
            conditional_entropy_from_labels(&x, &y, b).unwrap().to_bits());
        prop_assert_eq!(merged.entropy(&[1], &DiscreteEstimator::PlugIn, b).unwrap().to_bits(),
            plugin_entropy(&y, b).unwrap().to_bits());
        prop_assert_eq!(merged.entropy(&[2], &DiscreteEstimator::MillerMadow, b).unwrap().to_bits(),
            miller_madow_entropy(&z, b).unwrap().to_bits());
        for avg in [AverageMethod::Arithmetic, AverageMethod::Max] {
            prop_assert_eq!(merged.normalized_mutual_information(0, 1, avg).unwrap().to_bits(),
                normalized_mutual_information(&x, &y, avg).unwrap().to_bits());
            prop_assert_eq!(merged.adjusted_mutual_information(0, 1, avg).unwrap().to_bits(),
                adjusted_mutual_information(&x, &y, avg).unwrap().to_bits());
        }
        // Multi-column measures against the dense joint distribution (independent code path).
        let (joint, _) = Joint::from_samples(&[&x, &y, &z]).unwrap();
        let cmi = merged.conditional_mutual_information(&[0], &[1], &[2], b).unwrap();
        let want = conditional_mutual_information(&joint, &[0], &[1], &[2], b).unwrap();
        prop_assert!((cmi - want).abs() <= 1e-12 * (1.0 + want.abs()), "{} vs {}", cmi, want);
        let mi_group = merged.mutual_information(&[0, 2], &[1], b).unwrap();
        let h = |c: &[usize]| merged.entropy(c, &DiscreteEstimator::PlugIn, b).unwrap();
        let want = h(&[0, 2]) + h(&[1]) - h(&[0, 1, 2]);
        prop_assert!((mi_group - want).abs() <= 1e-12 * (1.0 + want.abs()));
    }
}

#[test]
fn count_table_layout_is_documented_and_checked() {
    let t = CountTable::from_columns(&[&[2, 1, 2], &[7, 7, 7]]).unwrap();
    let b = t.to_bytes();
    assert_eq!(&b[..5], b"SNCT\x01");
    assert_eq!(b.len(), 25 + 8 * 2 * (2 + 1));
    assert_eq!(t.rows(), 2);
    assert_eq!(t.row(0), &[1, 7]);
    assert_eq!(t.count(1), 2);
    for bad in [
        &b[..b.len() - 1],
        &b[1..],
        &[b.as_slice(), &[0u8]].concat()[..],
    ] {
        assert!(matches!(
            CountTable::from_bytes(bad),
            Err(Error::Malformed { .. })
        ));
    }
    let mut v2 = b.clone();
    v2[4] = 2;
    assert!(matches!(
        CountTable::from_bytes(&v2),
        Err(Error::Malformed { .. })
    ));
    let mut zero = b.clone();
    let last = zero.len() - 8;
    zero[last] = 0;
    assert!(matches!(
        CountTable::from_bytes(&zero),
        Err(Error::Malformed { .. })
    ));
    assert!(matches!(t.merge_check(), Ok(())));
}

trait MergeCheck {
    fn merge_check(&self) -> sanov::Result<()>;
}
impl MergeCheck for CountTable {
    fn merge_check(&self) -> sanov::Result<()> {
        let mut a = self.clone();
        assert!(matches!(
            a.merge(&CountTable::empty(3)?),
            Err(Error::ShapeMismatch { .. })
        ));
        a.merge(&CountTable::empty(2)?)?;
        assert_eq!(&a, self);
        Ok(())
    }
}

#[test]
fn empty_tables_and_bad_columns_are_errors() {
    let e = CountTable::from_columns(&[&[], &[]]).unwrap();
    assert_eq!(e.total(), 0);
    assert!(matches!(
        e.mutual_information(&[0], &[1], Base::Nats),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        CountTable::from_columns(&[]),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        CountTable::from_columns(&[&[1, 2], &[1]]),
        Err(Error::LengthMismatch { .. })
    ));
    let t = CountTable::from_columns(&[&[1, 2], &[1, 1]]).unwrap();
    assert!(matches!(
        t.marginal(&[2]),
        Err(Error::IndexOutOfRange { .. })
    ));
    assert!(matches!(
        t.mutual_information(&[0], &[0], Base::Nats),
        Err(Error::InvalidIndexSet { .. })
    ));
}

#[test]
fn wide_label_ranges_take_the_sorting_path() {
    // Product of distinct counts above the dense limit, and labels spanning i64.
    let n = 3000;
    let x: Vec<i64> = (0..n)
        .map(|i| (i * 7919 % 2999) as i64 * (1 << 40))
        .collect();
    let y: Vec<i64> = (0..n)
        .map(|i| if i % 2 == 0 { i64::MIN } else { i64::MAX })
        .collect();
    let z: Vec<i64> = (0..n).map(|i| (i % 1500) as i64).collect();
    let t = CountTable::from_columns(&[&x, &y, &z]).unwrap();
    let cols = vec![x.clone(), y.clone(), z.clone()];
    assert_eq!(split_merge(&cols, &[17, 2500, 1000]), t);
    assert_eq!(
        t.mutual_information(&[0], &[1], Base::Nats)
            .unwrap()
            .to_bits(),
        mutual_information_from_labels(&x, &y, Base::Nats)
            .unwrap()
            .to_bits()
    );
}

/// A deterministic pseudo-random matrix (splitmix64 → uniform) with correlated columns.
fn data(n: usize, d: usize, seed: u64) -> Array2<f64> {
    let mut s = seed;
    let mut next = || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut a = Array2::from_shape_fn((n, d), |_| next() - 0.5);
    for r in 0..n {
        for c in 1..d {
            a[[r, c]] += 0.8 * a[[r, c - 1]] + 1e3;
        }
    }
    a
}

#[test]
fn comoment_merge_matches_single_pass() {
    let x = data(1000, 4, 7);
    let whole = CoMoments::from_rows(x.view()).unwrap();
    let mut m = CoMoments::empty(4).unwrap();
    for (a, b) in [(700, 1000), (0, 0), (0, 3), (3, 700)] {
        m.merge(&CoMoments::from_rows(x.slice(s![a..b, ..])).unwrap())
            .unwrap();
    }
    assert_eq!(m.count(), 1000);
    let (cw, cm) = (whole.covariance().unwrap(), m.covariance().unwrap());
    for (a, b) in cw.iter().zip(cm.iter()) {
        assert!((a - b).abs() <= 1e-13 * a.abs().max(1e-3), "{a} vs {b}");
    }
    for g in [&[0usize][..], &[0, 1]] {
        let a = whole
            .gaussian_mutual_information(g, &[2, 3], Base::Nats)
            .unwrap();
        let b = m
            .gaussian_mutual_information(g, &[2, 3], Base::Nats)
            .unwrap();
        assert!((a - b).abs() <= 1e-12 * a, "{a} vs {b}");
    }
    let back = CoMoments::from_bytes(&m.to_bytes()).unwrap();
    assert_eq!(back, m);
    assert_eq!(m.to_bytes().len(), 17 + 8 * 4 + 4 * 4 * 5);
    assert!(matches!(
        CoMoments::from_bytes(&m.to_bytes()[..20]),
        Err(Error::Malformed { .. })
    ));
    let mut bad = CoMoments::from_rows(x.view()).unwrap();
    assert!(matches!(
        bad.merge(&CoMoments::empty(3).unwrap()),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        CoMoments::from_rows(array![[1.0, f64::NAN]].view()),
        Err(Error::NonFinite { index: 1, .. })
    ));
}

#[test]
fn gaussian_measures_match_closed_forms() {
    // Rows whose sample covariance is exactly [[1, ρ], [ρ, 1]] · c: the four points
    // (±1, ±1) weighted to give correlation ρ = 0.5: (1,1),(−1,−1) three times each, (1,−1),
    // (−1,1) once each → Σxy / Σx² = (6 − 2)/8 = 0.5.
    let mut rows = Vec::new();
    for (p, k) in [
        ((1.0, 1.0), 3),
        ((-1.0, -1.0), 3),
        ((1.0, -1.0), 1),
        ((-1.0, 1.0), 1),
    ] {
        for _ in 0..k {
            rows.push([p.0, p.1]);
        }
    }
    let x = Array2::from_shape_fn((rows.len(), 2), |(i, j)| rows[i][j]);
    let m = CoMoments::from_rows(x.view()).unwrap();
    let want = gaussian_mutual_information(0.5, Base::Bits).unwrap(); // −½ log₂(1 − ρ²)
    let tc = m.gaussian_total_correlation(&[], Base::Bits).unwrap();
    let mi = m
        .gaussian_mutual_information(&[0], &[1], Base::Bits)
        .unwrap();
    assert!(
        (tc - want).abs() < 1e-15 && (mi - want).abs() < 1e-15,
        "{tc} {mi} {want}"
    );
    assert!(matches!(
        CoMoments::empty(2).unwrap().covariance(),
        Err(Error::Empty { .. })
    ));
}
