//! The exponential and the logit kernels against high-precision references
//! (`scripts/reference/generate_logits.py`, mpmath at 200 bits).

use sanov::{kernels, Par};

const EXP_TABLE: &str = include_str!("data/logits_exp.txt");

/// The vector exponential is within one ulp of the correctly rounded value (the mpmath value,
/// parsed from 30 digits by Rust's correctly rounding parser), in `f64` and in `f32`.
const EXP_MAX_ULPS: u64 = 1;

/// Distance in ulps between two doubles (sign-magnitude ordering); equal infinities are 0.
fn ulps64(a: f64, b: f64) -> u64 {
    fn key(x: f64) -> i64 {
        let i = x.to_bits() as i64;
        if i < 0 {
            i64::MIN - i
        } else {
            i
        }
    }
    key(a).abs_diff(key(b))
}

fn ulps32(a: f32, b: f32) -> u64 {
    fn key(x: f32) -> i64 {
        let i = i64::from(x.to_bits() as i32);
        if i < 0 {
            i64::from(i32::MIN) - i
        } else {
            i
        }
    }
    key(a).abs_diff(key(b))
}

#[test]
fn exp_matches_mpmath_table() {
    let (mut x64, mut want64, mut x32, mut want32) = (vec![], vec![], vec![], vec![]);
    for line in EXP_TABLE.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f[0] {
            "exp64" => {
                x64.push(f[1].parse::<f64>().unwrap());
                want64.push(f[2].parse::<f64>().unwrap());
            }
            "exp32" => {
                x32.push(f[1].parse::<f32>().unwrap());
                want32.push(f[2].parse::<f32>().unwrap());
            }
            k => panic!("unknown row kind {k}"),
        }
    }
    assert!(x64.len() > 4000 && x32.len() > 2000);
    for par in [Par::Seq, Par::rayon(2)] {
        let mut out = vec![0.0; x64.len()];
        kernels::exp_into(&x64, &mut out, par).unwrap();
        for ((&x, &w), &g) in x64.iter().zip(&want64).zip(&out) {
            assert!(
                ulps64(g, w) <= EXP_MAX_ULPS,
                "exp({x:e}) = {g:e}, mpmath {w:e}"
            );
        }
        let mut out = vec![0.0f32; x32.len()];
        kernels::exp_into(&x32, &mut out, par).unwrap();
        for ((&x, &w), &g) in x32.iter().zip(&want32).zip(&out) {
            assert!(
                ulps32(g, w) <= EXP_MAX_ULPS,
                "exp({x:e}) = {g:e}, mpmath {w:e}"
            );
        }
        // In place gives the same bits.
        let mut inplace = x32.clone();
        kernels::exp_in_place(&mut inplace, par);
        assert_eq!(
            inplace.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            out.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
    }
    let mut nan = [0.0];
    kernels::exp_into(&[f64::NAN], &mut nan, Par::Seq).unwrap();
    assert!(nan[0].is_nan());
}
