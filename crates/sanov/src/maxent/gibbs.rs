//! The Gibbs (Boltzmann) distribution.

use crate::error::{Error, Result};
use crate::sum::Neumaier;
use crate::validate::check_temperature;

/// The Gibbs state of a system with given energy levels at temperature `T` (nats, `k_B = 1`).
#[derive(Debug, Clone, PartialEq)]
pub struct GibbsState {
    /// `p_i = e^{−E_i/T} / Z`, in the order of the energies.
    pub probabilities: Vec<f64>,
    /// Helmholtz free energy `F = −T ln Z`.
    pub free_energy: f64,
    /// Internal energy `U = Σ_i p_i E_i`.
    pub internal_energy: f64,
    /// Entropy `S = (U − F)/T = −Σ p_i ln p_i`, in nats.
    pub entropy: f64,
}

/// The Gibbs (Boltzmann) distribution `p = softmax(−E/T)` and its thermodynamic quantities.
///
/// $$ p_i = \frac{e^{-E_i/T}}{Z}, \quad Z = \sum_i e^{-E_i/T}, \quad F = -T\ln Z, \quad
///    U = \sum_i p_i E_i, \quad S = \frac{U - F}{T} = -\sum_i p_i \ln p_i $$
///
/// It is the maximum-entropy distribution with mean energy `U` (multiplier `λ = −1/T`;
/// Jaynes 1957). Units: nats, `k_B = 1`. Computed shifted by the ground-state energy
/// `E_0 = min E` (`Z = e^{−E_0/T} Z'`), so that no exponent overflows for any `T > 0`;
/// `U = E_0 + Σ p_i (E_i − E_0)` and `S = ln Z' + Σ p_i (E_i − E_0)/T` are compensated sums,
/// and `F = E_0 − T ln Z'`, with `ln Z' = ln n₀ + ln(1 + r/n₀)` (`n₀` ground states, `r` the
/// other weights; `ln_1p`, so that a cold system's small `S` keeps its relative accuracy).
///
/// # Errors
/// [`Error::Empty`] for no energies; [`Error::NonFinite`] for NaN or ±∞ energies;
/// [`Error::InvalidParameter`] unless `temperature` is finite and `> 0`.
///
/// # Examples
/// Two levels `0` and `1` at `T = 1`: `p = (1, e^{−1}) / (1 + e^{−1})`.
/// ```
/// use sanov::maxent::gibbs;
/// let g = gibbs(&[0.0, 1.0], 1.0)?;
/// let z = 1.0 + (-1f64).exp();
/// assert!((g.probabilities[0] - 1.0 / z).abs() < 1e-16);
/// assert!((g.free_energy + z.ln()).abs() < 1e-16);
/// assert!((g.free_energy - (g.internal_energy - g.entropy)).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Jaynes (1957); Cover & Thomas (2006), §12.1.
pub fn gibbs(energies: &[f64], temperature: f64) -> Result<GibbsState> {
    check_temperature(temperature)?;
    if energies.is_empty() {
        return Err(Error::Empty { arg: "energies" });
    }
    if let Some((index, &value)) = energies.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(Error::NonFinite {
            arg: "energies",
            index,
            value,
        });
    }
    let e0 = energies.iter().copied().fold(f64::INFINITY, f64::min);
    let w: Vec<f64> = energies
        .iter()
        .map(|e| (-(e - e0) / temperature).exp())
        .collect();
    // Z' = n₀ + r, with n₀ the number of ground states (weight exactly 1) and r the rest:
    // ln Z' = ln n₀ + ln_1p(r/n₀) keeps the relative accuracy of S and F when r ≪ 1 (a cold
    // system), where ln(1 + r) would lose the digits of r to the rounding of 1 + r.
    let mut rest = Neumaier::default();
    let mut n0 = 0usize;
    for &v in &w {
        if v == 1.0 {
            n0 += 1;
        } else {
            rest.add(v);
        }
    }
    let n0 = n0 as f64;
    let z = n0 + rest.total();
    let ln_z = n0.ln() + (rest.total() / n0).ln_1p();
    let probabilities: Vec<f64> = w.iter().map(|v| v / z).collect();
    let mut excess = Neumaier::default();
    for (p, e) in probabilities.iter().zip(energies) {
        excess.add(p * (e - e0));
    }
    let excess = excess.total();
    Ok(GibbsState {
        probabilities,
        free_energy: e0 - temperature * ln_z,
        internal_energy: e0 + excess,
        entropy: ln_z + excess / temperature,
    })
}
