//! `Joint::from_samples_par`: the same joint and labels, bit for bit, for every thread count
//! and every integer width, as an independent count (sorted distinct labels, a map of tuples,
//! `count / N`), with the errors of `Joint::from_samples`.

use ndarray::IxDyn;
use proptest::prelude::*;
use sanov::multivariate::{Joint, Labels};
use sanov::{Error, Par};
use std::collections::{BTreeSet, HashMap};

/// A small deterministic generator (SplitMix64), so that a proptest case is a seed.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// One column of `n` labels of the given kind: 0 a few labels near a random offset, 1 up to
/// 300 labels with gaps, 2 a range too wide for a direct table (sorted path), 3 the `i64`
/// extremes, 4 labels whose range drifts along the column (task tables grow).
fn column(kind: u8, n: usize, rng: &mut Mix) -> Vec<i64> {
    let offset = (rng.next() % 2001) as i64 - 1000;
    let k = 1 + rng.next() % 300;
    (0..n)
        .map(|i| {
            let r = rng.next();
            match kind {
                0 => offset + (r % 5) as i64,
                1 => offset + 3 * (r % k) as i64,
                2 => (r % 4_000_000_000) as i64 - 2_000_000_000,
                3 => [i64::MIN, i64::MAX, 0][(r % 3) as usize],
                _ => offset + (i / 5000) as i64 + (r % 7) as i64,
            }
        })
        .collect()
}

/// The plug-in joint counted independently: sorted distinct labels per column, a map from
/// label tuples to counts, each cell `count / N`.
fn reference(columns: &[Vec<i64>]) -> (Vec<f64>, Vec<Vec<i64>>) {
    let n = columns[0].len();
    let labels: Vec<Vec<i64>> = columns
        .iter()
        .map(|c| {
            c.iter()
                .copied()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        })
        .collect();
    let mut counts: HashMap<Vec<usize>, u64> = HashMap::new();
    for s in 0..n {
        let idx: Vec<usize> = columns
            .iter()
            .zip(&labels)
            .map(|(c, l)| l.binary_search(&c[s]).unwrap())
            .collect();
        *counts.entry(idx).or_default() += 1;
    }
    let shape: Vec<usize> = labels.iter().map(Vec::len).collect();
    let mut p = ndarray::ArrayD::<f64>::zeros(IxDyn(&shape));
    for (idx, c) in counts {
        p[IxDyn(&idx)] = c as f64 / n as f64;
    }
    (p.iter().copied().collect(), labels)
}

fn cells(j: &Joint) -> Vec<f64> {
    j.probabilities().iter().copied().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Large enough (up to 4.5e5 samples) that several tasks count and merge.
    #[test]
    fn parallel_equals_sequential_and_reference(
        seed in any::<u64>(),
        n in prop_oneof![1usize..50, 200_000usize..450_000],
        kinds in prop::collection::vec(0u8..5, 1..=4),
    ) {
        let mut rng = Mix(seed);
        let cols: Vec<Vec<i64>> = kinds.iter().map(|&k| column(k, n, &mut rng)).collect();
        let shape: usize = cols
            .iter()
            .map(|c| c.iter().collect::<BTreeSet<_>>().len())
            .product();
        prop_assume!(shape <= 1 << 22);
        let refs: Vec<&[i64]> = cols.iter().map(Vec::as_slice).collect();
        let (seq, seq_labels) = Joint::from_samples(&refs).unwrap();
        let (want, want_labels) = reference(&cols);
        prop_assert_eq!(cells(&seq), want);
        prop_assert_eq!(&seq_labels, &want_labels);
        for threads in [2, 3, 8] {
            let (j, l) = Joint::from_samples_par(&refs, Par::rayon(threads)).unwrap();
            prop_assert_eq!(&j, &seq);
            prop_assert_eq!(&l, &seq_labels);
        }
    }
}

/// Every integer width holding the same values gives the same joint, sequential and parallel,
/// and columns of different widths mix.
#[test]
fn every_integer_width_equals_i64() {
    let n = 500_000usize;
    let x: Vec<i64> = (0..n).map(|i| ((i * 7919) % 100) as i64).collect();
    let y: Vec<i64> = (0..n)
        .map(|i| ((i * 104_729 + i / 3) % 90) as i64 - 40)
        .collect();
    let z: Vec<i64> = (0..n).map(|i| (i % 3) as i64).collect();
    let (want, want_labels) = Joint::from_samples(&[&x, &y, &z]).unwrap();
    let (want2, want2_labels) = Joint::from_samples(&[&x, &y]).unwrap();
    macro_rules! check {
        ($t:ty) => {{
            let xt: Vec<$t> = x.iter().map(|&v| v as $t).collect();
            let zt: Vec<$t> = z.iter().map(|&v| v as $t).collect();
            for par in [Par::Seq, Par::rayon(2), Par::rayon(4)] {
                let cols = [Labels::from(&xt), Labels::from(&y), Labels::from(&zt)];
                let (j, l) = Joint::from_samples_par(&cols, par).unwrap();
                assert_eq!((&j, &l), (&want, &want_labels), "{}", stringify!($t));
                let (j, l) = Joint::from_samples_par(&cols[..2], par).unwrap();
                assert_eq!((&j, &l), (&want2, &want2_labels), "{}", stringify!($t));
            }
        }};
    }
    check!(i8);
    check!(i16);
    check!(i32);
    check!(i64);
    check!(u8);
    check!(u16);
    check!(u32);
    check!(u64);
    // u64 above i64::MAX reads as value − 2^64 (the documented relabelling).
    let big: Vec<u64> = vec![u64::MAX, 1, u64::MAX];
    let (_, l) = Joint::from_samples_par(&[&big], Par::rayon(2)).unwrap();
    assert_eq!(l, vec![vec![-1, 1]]);
}

/// Alphabets beyond the one-pass range table (3000 × 3000 labels, 9e6 cells), three columns
/// and a wide range, each sequential and parallel.
#[test]
fn large_tables_and_wide_ranges_are_exact() {
    let n = 2_000_000usize;
    let x: Vec<i64> = (0..n).map(|i| ((i * 7919) % 3000) as i64).collect();
    let y: Vec<i32> = (0..n)
        .map(|i| ((i * 104_729 + i / 3) % 3000) as i32)
        .collect();
    let w: Vec<i64> = (0..n)
        .map(|i| ((i as i64).wrapping_mul(2_654_435_761) % 40_000_003) * 1000)
        .collect();
    let s: Vec<i8> = (0..n).map(|i| (i % 4) as i8 - 2).collect();
    let cases: [Vec<Labels<'_>>; 3] = [
        vec![Labels::from(&x), Labels::from(&y)],
        vec![Labels::from(&s), Labels::from(&w)],
        vec![Labels::from(&s), Labels::from(&x), Labels::from(&s)],
    ];
    for cols in &cases {
        let (seq, seq_l) = Joint::from_samples_par(cols, Par::Seq).unwrap();
        let total: f64 = seq.probabilities().sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
        for threads in [2, 5] {
            let (j, l) = Joint::from_samples_par(cols, Par::rayon(threads)).unwrap();
            assert_eq!(j, seq);
            assert_eq!(l, seq_l);
        }
    }
    let (j, l) = Joint::from_samples_par(&cases[0], Par::rayon(2)).unwrap();
    assert_eq!(j.shape()[0], 3000);
    assert_eq!(l[0], (0..3000).collect::<Vec<i64>>());
    assert!(
        j.shape()[0] * j.shape()[1] > 1 << 22,
        "beyond the one-pass table"
    );
}

/// The errors of `from_samples`, in the same order, for every `par`.
#[test]
fn errors_as_from_samples() {
    let none: [&[i64]; 0] = [];
    for par in [Par::Seq, Par::rayon(2)] {
        assert_eq!(
            Joint::from_samples_par(&none, par).err(),
            Some(Error::Empty { arg: "columns" })
        );
        let empty: [&[u8]; 2] = [&[], &[]];
        assert_eq!(
            Joint::from_samples_par(&empty, par).err(),
            Some(Error::Empty { arg: "columns" })
        );
        let a = [0u8, 1];
        let b = [0i32];
        assert_eq!(
            Joint::from_samples_par(&[Labels::from(&a), Labels::from(&b)], par).err(),
            Some(Error::ShapeMismatch {
                arg: "columns (their lengths)",
                expected: vec![2, 2],
                found: vec![2, 1],
            })
        );
        // 2^10 labels in each of three columns: 2^30 cells > 2^28.
        let c: Vec<i16> = (0..1024).collect();
        let e = Joint::from_samples_par(&[&c, &c, &c], par);
        assert!(
            matches!(
                e,
                Err(Error::InvalidParameter {
                    name: "columns",
                    ..
                })
            ),
            "{e:?}"
        );
        // Two wide columns of 2^15 distinct labels each: 2^30 cells.
        let d: Vec<i64> = (0..1 << 15).map(|i| i * 1_000_000_007).collect();
        let e = Joint::from_samples_par(&[&d, &d], par);
        assert!(
            matches!(
                e,
                Err(Error::InvalidParameter {
                    name: "columns",
                    ..
                })
            ),
            "{e:?}"
        );
    }
}
