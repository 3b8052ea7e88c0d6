//! The embedding parameters of the transfer-entropy family.

use crate::error::Result;

use super::symbols::positive;

/// History lengths and source delay of transfer entropy, conditional transfer entropy and
/// active information storage.
///
/// `TeParams::default()` is `k = l = m = delay = 1` (Schreiber's transfer entropy with one
/// step of history).
///
/// # Examples
/// ```
/// use sanov::timeseries::TeParams;
/// let p = TeParams { k: 2, ..Default::default() };
/// assert_eq!(p.t0(), 2);
/// assert_eq!(TeParams { l: 3, delay: 2, ..Default::default() }.t0(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeParams {
    /// Target history length `k ≥ 1`: `X_{t−k..t−1}`.
    pub k: usize,
    /// Source history length `l ≥ 1`: `Y_{t−delay−l+1..t−delay}`.
    pub l: usize,
    /// Source–target delay `≥ 1` (1 is Schreiber's transfer entropy).
    pub delay: usize,
    /// Conditioning history length `m ≥ 1` of conditional transfer entropy: `Z_{t−m..t−1}`.
    pub m: usize,
}

impl Default for TeParams {
    fn default() -> Self {
        Self {
            k: 1,
            l: 1,
            delay: 1,
            m: 1,
        }
    }
}

impl TeParams {
    /// The first time step of the sums of transfer entropy, `t0 = max(k, delay + l − 1)`.
    pub fn t0(&self) -> usize {
        self.k.max(self.delay + self.l - 1)
    }

    /// The first time step of conditional transfer entropy, `max(k, delay + l − 1, m)`.
    pub fn t0_conditional(&self) -> usize {
        self.t0().max(self.m)
    }

    pub(crate) fn check(&self, conditional: bool) -> Result<()> {
        positive("k", self.k)?;
        positive("l", self.l)?;
        positive("delay", self.delay)?;
        if conditional {
            positive("m", self.m)?;
        }
        Ok(())
    }
}
