//! sanov::coding against `tests/data/coding.txt`, written by
//! `scripts/reference/generate_coding.py` (a heapq Huffman with the same tie-break, exact
//! rational expected lengths, exact Shannon lengths, mpmath ideal code lengths); properties
//! (Kraft, `H ≤ L_Huffman < H + 1`, `L_Shannon < H + 1`, arithmetic coding within 2 bits of
//! the ideal, round trips) and error variants.

use sanov::coding::{
    arithmetic_code_length, arithmetic_decode, arithmetic_encode, huffman_code,
    huffman_code_lengths, huffman_expected_length, ideal_code_length, kraft_inequality_holds,
    kraft_sum, shannon_code_expected_length, shannon_code_lengths,
};
use sanov::measures::entropy;
use sanov::{Base, Error};

/// Expected lengths `Σ p_i l_i` with integer `l_i`: products are exact up to one rounding and
/// the sum is compensated, so the result is within a few ulps of the exact rational.
const TOL_EXPECTED_LENGTH: f64 = 4.0 * f64::EPSILON;
/// Ideal code lengths: a compensated sum of `log2` values, each within an ulp.
const TOL_IDEAL: f64 = 1e-12;
/// Entropy-bound checks: `H` itself is rounded, by a few ulps.
const TOL_BOUND: f64 = 1e-12;

const TABLE: &str = include_str!("data/coding.txt");

struct Case {
    name: &'static str,
    p: Vec<f64>,
    lines: Vec<Vec<&'static str>>,
}

fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split(' ').collect();
        if f[0] == "dist" {
            out.push(Case {
                name: f[1],
                p: f[2].split(',').map(|v| v.parse().unwrap()).collect(),
                lines: Vec::new(),
            });
        } else {
            let c = out.last_mut().expect("dist first");
            assert_eq!(c.name, f[1]);
            c.lines.push(f);
        }
    }
    out
}

fn rel_close(case: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol * want.abs().max(1.0),
        "{case}: got {got}, want {want}"
    );
}

#[test]
fn huffman_matches_reference_exactly() {
    let cs = cases();
    assert!(cs.len() >= 15);
    for c in &cs {
        for f in c.lines.iter().filter(|f| f[0] == "huffman") {
            let want: Vec<String> = f[2]
                .split(',')
                .map(|w| {
                    if w == "-" {
                        String::new()
                    } else {
                        w.to_owned()
                    }
                })
                .collect();
            let code = huffman_code(&c.p).unwrap();
            assert_eq!(code.codewords, want, "{}", c.name);
            let lengths: Vec<u32> = want.iter().map(|w| w.len() as u32).collect();
            assert_eq!(code.lengths, lengths, "{}", c.name);
            assert_eq!(huffman_code_lengths(&c.p).unwrap(), lengths, "{}", c.name);
            let e: f64 = f[3].parse().unwrap();
            rel_close(c.name, code.expected_length, e, TOL_EXPECTED_LENGTH);
            rel_close(
                c.name,
                huffman_expected_length(&c.p).unwrap(),
                e,
                TOL_EXPECTED_LENGTH,
            );
        }
    }
}

#[test]
fn shannon_matches_reference_exactly() {
    for c in &cases() {
        for f in c.lines.iter().filter(|f| f[0] == "shannon") {
            let want: Vec<Option<u32>> = f[2]
                .split(',')
                .map(|v| {
                    if v == "-" {
                        None
                    } else {
                        Some(v.parse().unwrap())
                    }
                })
                .collect();
            assert_eq!(shannon_code_lengths(&c.p).unwrap(), want, "{}", c.name);
            let e: f64 = f[3].parse().unwrap();
            rel_close(
                c.name,
                shannon_code_expected_length(&c.p).unwrap(),
                e,
                TOL_EXPECTED_LENGTH,
            );
        }
    }
}

#[test]
fn ideal_and_arithmetic_lengths() {
    let mut seen = 0;
    for c in &cases() {
        for f in c.lines.iter().filter(|f| f[0] == "ideal") {
            let x: Vec<usize> = f[2].split(',').map(|v| v.parse().unwrap()).collect();
            let want: f64 = f[3].parse().unwrap();
            let got = ideal_code_length(&x, &c.p).unwrap();
            rel_close(c.name, got, want, TOL_IDEAL);
            // The coder: at least the ideal (up to the 2^-48 rounding of p), at most 2 more.
            let code = arithmetic_encode(&x, &c.p).unwrap();
            let bits = code.bit_len as f64;
            assert!(
                bits >= want - 1e-6 * x.len() as f64 && bits <= want + 2.0,
                "{}: {bits} bits vs ideal {want}",
                c.name
            );
            assert_eq!(arithmetic_code_length(&x, &c.p).unwrap(), code.bit_len);
            assert_eq!(
                arithmetic_decode(&code, x.len(), &c.p).unwrap(),
                x,
                "{}",
                c.name
            );
            seen += 1;
        }
    }
    assert!(seen >= 40);
}

/// splitmix64, for the long-sequence test below.
fn splitmix(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / 9_007_199_254_740_992.0
}

#[test]
fn arithmetic_long_sequences_within_two_bits() {
    let mut s = 42u64;
    for m in [2usize, 7, 256] {
        let w: Vec<f64> = (0..m).map(|_| splitmix(&mut s).powi(3) + 1e-4).collect();
        let total: f64 = w.iter().sum();
        let p: Vec<f64> = w.iter().map(|v| v / total).collect();
        let cdf: Vec<f64> = p
            .iter()
            .scan(0.0, |a, v| {
                *a += v;
                Some(*a)
            })
            .collect();
        let x: Vec<usize> = (0..200_000)
            .map(|_| {
                let u = splitmix(&mut s);
                cdf.partition_point(|&c| c <= u).min(m - 1)
            })
            .collect();
        let ideal = ideal_code_length(&x, &p).unwrap();
        let code = arithmetic_encode(&x, &p).unwrap();
        let bits = code.bit_len as f64;
        assert!(
            bits >= ideal - 0.01 && bits <= ideal + 2.0,
            "m={m}: {bits} vs {ideal}"
        );
        assert_eq!(arithmetic_decode(&code, x.len(), &p).unwrap(), x);
    }
}

#[test]
fn code_properties() {
    for c in &cases() {
        let h = entropy(&c.p, Base::Bits).unwrap();
        let code = huffman_code(&c.p).unwrap();
        assert!(kraft_inequality_holds(&code.lengths).unwrap());
        // Zero-probability symbols take part, so the Huffman code is complete.
        assert_eq!(kraft_sum(&code.lengths).unwrap(), 1.0, "{}", c.name);
        let l = code.expected_length;
        assert!(h <= l + TOL_BOUND && l < h + 1.0, "{}: H {h} L {l}", c.name);
        let sh: Vec<u32> = shannon_code_lengths(&c.p)
            .unwrap()
            .into_iter()
            .flatten()
            .collect();
        assert!(kraft_inequality_holds(&sh).unwrap());
        assert!(kraft_sum(&sh).unwrap() <= 1.0);
        let ls = shannon_code_expected_length(&c.p).unwrap();
        assert!(
            h <= ls + TOL_BOUND && ls < h + 1.0 && l <= ls + TOL_BOUND,
            "{}",
            c.name
        );
    }
}

#[test]
fn error_variants() {
    assert_eq!(huffman_code(&[]), Err(Error::Empty { arg: "p" }));
    assert!(matches!(
        huffman_expected_length(&[0.5, 0.6]),
        Err(Error::NotNormalized { arg: "p", .. })
    ));
    assert!(matches!(
        shannon_code_expected_length(&[1.5, -0.5]),
        Err(Error::NegativeProbability {
            arg: "p",
            index: 1,
            ..
        })
    ));
    assert!(matches!(
        huffman_code(&[f64::NAN, 1.0]),
        Err(Error::NonFinite { arg: "p", .. })
    ));
    assert_eq!(kraft_sum(&[]), Err(Error::Empty { arg: "lengths" }));
    assert_eq!(
        kraft_inequality_holds(&[]),
        Err(Error::Empty { arg: "lengths" })
    );
    assert_eq!(
        ideal_code_length(&[], &[1.0]),
        Err(Error::Empty { arg: "sequence" })
    );
    assert_eq!(
        ideal_code_length(&[0, 2], &[0.5, 0.5]),
        Err(Error::IndexOutOfRange {
            arg: "sequence",
            index: 2,
            len: 2
        })
    );
    assert_eq!(
        ideal_code_length(&[0, 1], &[1.0, 0.0]).unwrap(),
        f64::INFINITY
    );
    assert!(matches!(
        arithmetic_code_length(&[0, 1], &[1.0, 0.0]),
        Err(Error::OutOfRange {
            arg: "sequence",
            index: 1,
            ..
        })
    ));
    assert_eq!(
        arithmetic_code_length(&[3], &[0.5, 0.5]),
        Err(Error::IndexOutOfRange {
            arg: "sequence",
            index: 3,
            len: 2
        })
    );
    let code = arithmetic_encode(&[0], &[0.5, 0.5]).unwrap();
    assert_eq!(
        arithmetic_decode(&code, 0, &[0.5, 0.5]),
        Err(Error::Empty { arg: "len" })
    );
}
