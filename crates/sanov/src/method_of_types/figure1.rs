//! The experiment of Figure 1 of the primer *Entropy, concentration, and learning*: relative
//! error of `nH` and of Stirling's estimate against the exact log multinomial coefficient.
//!
//! Deprecated since 0.2.0: the figure is built by the CLI (`crates/sanov-cli/src/figure_series.rs`)
//! from [`multinomial_stirling_comparison`]; these items stay for one release.
#![allow(deprecated)] // the deprecated items name each other

use super::multinomial::{multinomial_stirling_comparison, total};
use crate::error::{Error, Result};
use crate::rng::SplitMix64;

/// Which type the series is computed for.
#[deprecated(
    since = "0.2.0",
    note = "Figure 1 is a figure of the primer, not library API: the `sanov figure1` command draws it from the public functions of `method_of_types`; removed in 0.3"
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure1Panel {
    /// `P` drawn once from Dirichlet(1, …, 1) over `d` symbols (deterministically from `seed`,
    /// see [`figure1_series`]), rounded to a type of each `n` by the largest-remainder method.
    Dirichlet {
        /// Seed of the splitmix64 generator.
        seed: u64,
    },
    /// "P uniform over the positive orthant", read as the type closest to uniform with every
    /// count positive: `k_i = ⌊n/d⌋ + [i < n mod d]` (needs `n ≥ d`).
    UniformOrthant,
}

/// One series of Figure 1: per `n`, the exact value and the relative errors.
#[deprecated(
    since = "0.2.0",
    note = "Figure 1 is a figure of the primer, not library API: the `sanov figure1` command draws it from the public functions of `method_of_types`; removed in 0.3"
)]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figure1Series {
    /// The sequence lengths.
    pub n: Vec<u64>,
    /// `ln(n!/∏k_i!)` of the type used at each `n`.
    pub exact: Vec<f64>,
    /// `(nH − exact)/exact`.
    pub relative_error_nh: Vec<f64>,
    /// `(stirling − exact)/exact`.
    pub relative_error_stirling: Vec<f64>,
}

/// `n = d, 2d, …, 20d`: the sequence lengths of Figure 1.
///
/// # Examples
/// ```
/// let n = sanov::method_of_types::figure1_default_n_values(50_000);
/// assert_eq!((n.len(), n[0], n[19]), (20, 50_000, 1_000_000));
/// ```
#[deprecated(
    since = "0.2.0",
    note = "Figure 1 is a figure of the primer, not library API: the `sanov figure1` command draws it from the public functions of `method_of_types`; removed in 0.3"
)]
pub fn figure1_default_n_values(d: usize) -> Vec<u64> {
    // Saturating: a `d` this large is refused by `figure1_series` (it cannot be allocated).
    (1..=20).map(|j| (d as u64).saturating_mul(j)).collect()
}

/// Dirichlet(1, …, 1) weights: `E_i = −ln(1 − U_i)` (standard exponentials), normalised.
fn dirichlet1(d: usize, seed: u64) -> Vec<f64> {
    let mut rng = SplitMix64(seed);
    let e: Vec<f64> = (0..d).map(|_| -(-rng.next_f64()).ln_1p()).collect();
    let s: f64 = crate::sum::sum(e.iter().copied());
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

/// Figure 1 of the primer *Entropy, concentration, and learning*: for each `n`, the relative
/// error of `nH(P)` and of the Stirling estimate `nH + ½ ln(2πn/∏2πk_i)` against the exact
/// `ln(n!/∏k_i!)` (see [`super::multinomial_stirling_comparison`]), for a type `P` over `d`
/// symbols. The primer uses `d = 50 000` and `n` from `d` to `20d`
/// ([`figure1_default_n_values`]).
///
/// For [`Figure1Panel::Dirichlet`], `P` is drawn once: `U_i` from splitmix64 seeded with `seed`
/// (`(x >> 11)·2⁻⁵³`), `E_i = −ln(1 − U_i)`, `P_i = E_i/ΣE`; each `n` rounds this same `P` by
/// largest remainders (so some counts may be 0 when `n` is near `d`). For
/// [`Figure1Panel::UniformOrthant`], see its documentation.
///
/// # Errors
/// [`Error::InvalidParameter`] for `d = 0`, an `n` of 0, or (uniform panel) `n < d`;
/// [`Error::Empty`] for no `n_values`; [`Error::TooLarge`] if vectors of length `d` cannot be
/// allocated.
///
/// # Examples
/// ```
/// use sanov::method_of_types::{figure1_series, Figure1Panel};
/// let s = figure1_series(1000, &[1000, 20_000], Figure1Panel::UniformOrthant)?;
/// assert!(s.relative_error_stirling[1] < s.relative_error_nh[1]);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §11.1.
#[deprecated(
    since = "0.2.0",
    note = "Figure 1 is a figure of the primer, not library API: the `sanov figure1` command draws it from the public functions of `method_of_types`; removed in 0.3"
)]
pub fn figure1_series(d: usize, n_values: &[u64], panel: Figure1Panel) -> Result<Figure1Series> {
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
    drop(crate::alloc::vec_with_capacity::<f64>("d", d)?);
    let p = match panel {
        Figure1Panel::Dirichlet { seed } => Some(dirichlet1(d, seed)),
        Figure1Panel::UniformOrthant => None,
    };
    let mut out = Figure1Series::default();
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
        total(&counts)?;
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
}
