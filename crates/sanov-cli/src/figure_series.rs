//! The series of Figure 1 of the primer *Entropy, concentration, and learning*, built from the
//! public functions of [`sanov::method_of_types`]: for a type `P` over `d` symbols and each `n`,
//! the relative error of `nH(P)` and of Stirling's estimate against the exact `ln(n!/∏k_i!)`
//! ([`multinomial_stirling_comparison`]).
//!
//! This is a paper's figure, not library API: it lives in the CLI (it replaces the deprecated
//! `sanov::method_of_types::figure1_series`, whose numbers it reproduces bit for bit).

use sanov::method_of_types::multinomial_stirling_comparison;
use sanov::{Error, Result};

/// Which type the series is computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// `P` drawn once from Dirichlet(1, …, 1) over `d` symbols: `U_i` from splitmix64 seeded
    /// with `seed` (`(x >> 11)·2⁻⁵³`), `E_i = −ln(1 − U_i)`, `P_i = E_i/ΣE` (Neumaier sum);
    /// each `n` rounds this same `P` to a type by largest remainders (so some counts may be 0
    /// when `n` is near `d`).
    Dirichlet {
        /// Seed of the splitmix64 generator.
        seed: u64,
    },
    /// "P uniform over the positive orthant", read as the type closest to uniform with every
    /// count positive: `k_i = ⌊n/d⌋ + [i < n mod d]` (needs `n ≥ d`).
    UniformOrthant,
}

/// One series of Figure 1: per `n`, the exact value and the relative errors.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// The sequence lengths.
    pub n: Vec<u64>,
    /// `ln(n!/∏k_i!)` of the type used at each `n`.
    pub exact: Vec<f64>,
    /// `(nH − exact)/exact`.
    pub relative_error_nh: Vec<f64>,
    /// `(stirling − exact)/exact`.
    pub relative_error_stirling: Vec<f64>,
}

/// `n = d, 2d, …, 20d`: the sequence lengths of Figure 1 (saturating; a `d` this large is
/// refused by [`series`]).
pub fn default_n_values(d: usize) -> Vec<u64> {
    (1..=20).map(|j| (d as u64).saturating_mul(j)).collect()
}

/// splitmix64 (Steele, Lea & Flood, OOPSLA 2014): the documented stream of the Dirichlet panel.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`: `(x >> 11) · 2^-53`.
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}

/// Dirichlet(1, …, 1) weights: `E_i = −ln(1 − U_i)` (standard exponentials), normalised.
fn dirichlet1(d: usize, seed: u64) -> Vec<f64> {
    let mut rng = SplitMix64(seed);
    let e: Vec<f64> = (0..d).map(|_| -(-rng.next_f64()).ln_1p()).collect();
    let s = sanov::sum::sum(e.iter().copied());
    e.into_iter().map(|v| v / s).collect()
}

/// Rounds `p` to a type of `n` by the largest-remainder (Hamilton) method: `⌊n p_i⌋`, then one
/// more for the `n − Σ⌊n p_i⌋` largest fractional parts (ties: lower index first).
fn largest_remainder(p: &[f64], n: u64) -> Vec<u64> {
    let nf = n as f64;
    let mut k: Vec<u64> = p.iter().map(|&v| (v * nf).floor() as u64).collect();
    let assigned: u64 = k.iter().sum();
    let left = n.saturating_sub(assigned) as usize;
    let mut order: Vec<usize> = (0..p.len()).collect();
    let frac = |i: usize| p[i] * nf - k[i] as f64;
    order.sort_by(|&a, &b| frac(b).total_cmp(&frac(a)).then(a.cmp(&b)));
    for &i in order.iter().take(left) {
        k[i] += 1;
    }
    k
}

/// The series of one panel of Figure 1 for alphabet size `d` and the lengths `n_values`.
///
/// # Errors
/// [`Error::InvalidParameter`] for `d = 0`, an `n` of 0, an `n` above `2^53`, or (uniform
/// panel) `n < d`; [`Error::Empty`] for no `n_values`; [`Error::TooLarge`] if vectors of
/// length `d` cannot be allocated.
pub fn series(d: usize, n_values: &[u64], panel: Panel) -> Result<Series> {
    if d == 0 {
        return Err(Error::InvalidParameter {
            name: "d",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    if n_values.is_empty() {
        return Err(Error::Empty { arg: "n_values" });
    }
    // The series holds a few length-`d` vectors: refuse a `d` that cannot be allocated.
    drop(sanov::alloc::vec_with_capacity::<f64>("d", d)?);
    let p = match panel {
        Panel::Dirichlet { seed } => Some(dirichlet1(d, seed)),
        Panel::UniformOrthant => None,
    };
    let mut out = Series::default();
    for &n in n_values {
        if n == 0 {
            return Err(Error::InvalidParameter {
                name: "n",
                value: 0.0,
                expected: "must be >= 1",
            });
        }
        let counts = if let Some(p) = &p {
            largest_remainder(p, n)
        } else {
            if n < d as u64 {
                return Err(Error::InvalidParameter {
                    name: "n",
                    value: n as f64,
                    expected: "must be >= d for the uniform positive-orthant panel",
                });
            }
            let (base, extra) = (n / d as u64, (n % d as u64) as usize);
            (0..d).map(|i| base + u64::from(i < extra)).collect()
        };
        // Checks the total (<= 2^53) and computes the exact value and both approximations.
        let c = multinomial_stirling_comparison(&counts)?;
        out.n.push(n);
        out.exact.push(c.exact);
        out.relative_error_nh.push(c.relative_error_nh);
        out.relative_error_stirling.push(c.relative_error_stirling);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_sums_to_n_and_is_deterministic() {
        let p = dirichlet1(1000, 7);
        for n in [1000u64, 2345, 20_000] {
            assert_eq!(largest_remainder(&p, n).iter().sum::<u64>(), n);
        }
        assert_eq!(dirichlet1(10, 3), dirichlet1(10, 3));
    }

    /// The move out of the core changes no number: bit-identical to the deprecated core series.
    #[test]
    #[allow(deprecated)]
    fn matches_the_deprecated_core_series() {
        use sanov::method_of_types::{figure1_series, Figure1Panel};
        for d in [1usize, 7, 1000] {
            let n = default_n_values(d);
            for (mine, core) in [
                (
                    Panel::Dirichlet { seed: 0 },
                    Figure1Panel::Dirichlet { seed: 0 },
                ),
                (
                    Panel::Dirichlet { seed: 42 },
                    Figure1Panel::Dirichlet { seed: 42 },
                ),
                (Panel::UniformOrthant, Figure1Panel::UniformOrthant),
            ] {
                let a = series(d, &n, mine).unwrap();
                let b = figure1_series(d, &n, core).unwrap();
                assert_eq!(a.n, b.n);
                for (x, y) in [
                    (&a.exact, &b.exact),
                    (&a.relative_error_nh, &b.relative_error_nh),
                    (&a.relative_error_stirling, &b.relative_error_stirling),
                ] {
                    let xb: Vec<u64> = x.iter().map(|v| v.to_bits()).collect();
                    let yb: Vec<u64> = y.iter().map(|v| v.to_bits()).collect();
                    assert_eq!(xb, yb, "d = {d}, {mine:?}");
                }
            }
        }
    }

    #[test]
    fn errors_match_the_core_contract() {
        let u = Panel::UniformOrthant;
        assert!(matches!(
            series(0, &[5], u),
            Err(Error::InvalidParameter { name: "d", .. })
        ));
        assert!(matches!(series(10, &[], u), Err(Error::Empty { .. })));
        assert!(matches!(
            series(10, &[0], u),
            Err(Error::InvalidParameter { name: "n", .. })
        ));
        assert!(matches!(
            series(10, &[5], u),
            Err(Error::InvalidParameter { name: "n", .. })
        ));
        assert!(matches!(
            series(usize::MAX, &[5], u),
            Err(Error::TooLarge { .. })
        ));
    }
}
