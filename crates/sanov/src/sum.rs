//! Compensated summation.
//!
//! [`Neumaier`] is Kahan–Babuška summation (Neumaier 1974): the rounding error of each addition is
//! carried in a second word, so the error of a sum of `n` terms is `O(ε)·Σ|x_i|` independent of
//! `n` (plus `O(nε²)`), where naive summation has `O(nε)·Σ|x_i|`.
//!
//! Reference: A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
//! Summen", ZAMM 54 (1974) 39–51.

/// A compensated running sum.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Neumaier {
    sum: f64,
    c: f64,
}

impl Neumaier {
    /// Adds `x`.
    #[inline(always)]
    pub fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.c += (self.sum - t) + x;
        } else {
            self.c += (x - t) + self.sum;
        }
        self.sum = t;
    }

    /// Adds another compensated sum.
    #[inline]
    pub fn merge(&mut self, other: Neumaier) {
        self.add(other.sum);
        self.add(other.c);
    }

    /// The total. Infinite or NaN partial sums are returned as they are (the compensation term
    /// is meaningless then).
    #[inline]
    pub fn total(self) -> f64 {
        if self.sum.is_finite() {
            self.sum + self.c
        } else {
            self.sum
        }
    }
}

/// Compensated sum of an iterator of `f64`.
pub fn sum(xs: impl IntoIterator<Item = f64>) -> f64 {
    let mut s = Neumaier::default();
    for x in xs {
        s.add(x);
    }
    s.total()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_lost_low_bits() {
        // 1 + 1e-16 * 1e4 = 1 + 1e-12; a naive sum returns exactly 1.0.
        let mut s = Neumaier::default();
        s.add(1.0);
        for _ in 0..10_000 {
            s.add(1e-16);
        }
        assert!((s.total() - (1.0 + 1e-12)).abs() <= f64::EPSILON);
        assert_eq!(sum([1e100, 1.0, -1e100]), 1.0);
    }

    #[test]
    fn infinities_pass_through() {
        assert_eq!(sum([1.0, f64::INFINITY, 2.0]), f64::INFINITY);
    }
}
