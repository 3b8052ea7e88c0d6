//! Units of information: the base of the logarithm.
//!
//! sanov computes in nats (natural logarithm) and converts at the end: a quantity of `x` nats is
//! `x / ln b` in base `b`. Quantities without a unit (Tsallis entropy, Hellinger and total
//! variation distances, χ², probabilities) ignore the base.

use crate::error::{Error, Result};

/// The base of the logarithm in which an information quantity is reported.
///
/// | variant | base | unit |
/// |---|---|---|
/// | [`Base::Nats`] | e | nat |
/// | [`Base::Bits`] | 2 | bit (shannon) |
/// | [`Base::Hartleys`] | 10 | hartley (ban, dit) |
/// | [`Base::Other`] | any b > 0, b ≠ 1 | — |
///
/// # Examples
/// ```
/// use sanov::Base;
/// let b = Base::new(2.0)?;
/// assert_eq!(b, Base::Bits);
/// assert!((Base::Bits.from_nats(std::f64::consts::LN_2) - 1.0).abs() < 1e-15);
/// assert!(Base::new(1.0).is_err());
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Base {
    /// Natural logarithm: nats. The default.
    #[default]
    Nats,
    /// Base 2: bits.
    Bits,
    /// Base 10: hartleys.
    Hartleys,
    /// Any other valid base; build it with [`Base::new`].
    Other(CustomBase),
}

/// A validated logarithm base other than e, 2 and 10 (finite, > 0, ≠ 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomBase(f64);

impl CustomBase {
    /// The base itself.
    pub fn value(self) -> f64 {
        self.0
    }
}

impl Base {
    /// The base `b` as a [`Base`]: `e`, `2` and `10` map to the named variants.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] unless `b` is finite, `b > 0` and `b != 1`.
    pub fn new(b: f64) -> Result<Self> {
        if !(b.is_finite() && b > 0.0 && b != 1.0) {
            return Err(Error::InvalidParameter {
                name: "base",
                value: b,
                expected: "a finite base > 0 and != 1",
            });
        }
        Ok(if b == 2.0 {
            Self::Bits
        } else if b == 10.0 {
            Self::Hartleys
        } else if b == core::f64::consts::E {
            Self::Nats
        } else {
            Self::Other(CustomBase(b))
        })
    }

    /// The base as a number.
    pub fn value(self) -> f64 {
        match self {
            Self::Nats => core::f64::consts::E,
            Self::Bits => 2.0,
            Self::Hartleys => 10.0,
            Self::Other(b) => b.0,
        }
    }

    /// `ln b`: the number of nats in one unit of this base.
    pub fn ln(self) -> f64 {
        match self {
            Self::Nats => 1.0,
            Self::Bits => core::f64::consts::LN_2,
            Self::Hartleys => core::f64::consts::LN_10,
            Self::Other(b) => b.0.ln(),
        }
    }

    /// Converts a quantity in nats to this base: `x / ln b`.
    ///
    /// Exact for [`Base::Nats`]; one correctly rounded division otherwise.
    #[inline]
    pub fn from_nats(self, x: f64) -> f64 {
        match self {
            Self::Nats => x,
            _ => x / self.ln(),
        }
    }

    /// Converts a quantity in this base to nats: `x · ln b`.
    #[inline]
    pub fn to_nats(self, x: f64) -> f64 {
        match self {
            Self::Nats => x,
            _ => x * self.ln(),
        }
    }

    /// The logarithm of `x` in this base.
    #[inline]
    pub fn log(self, x: f64) -> f64 {
        match self {
            Self::Nats => x.ln(),
            Self::Bits => x.log2(),
            Self::Hartleys => x.log10(),
            Self::Other(b) => x.ln() / b.0.ln(),
        }
    }

    /// Converts a quantity from base `self` to base `other`.
    #[inline]
    pub fn convert(self, x: f64, other: Base) -> f64 {
        other.from_nats(self.to_nats(x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_bases() {
        assert_eq!(Base::new(2.0).unwrap(), Base::Bits);
        assert_eq!(Base::new(10.0).unwrap(), Base::Hartleys);
        assert_eq!(Base::new(core::f64::consts::E).unwrap(), Base::Nats);
        assert!(matches!(Base::new(3.0).unwrap(), Base::Other(_)));
    }

    #[test]
    fn invalid_bases() {
        for b in [1.0, 0.0, -2.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                Base::new(b),
                Err(Error::InvalidParameter { name: "base", .. })
            ));
        }
    }

    #[test]
    fn conversions_round_trip() {
        let b = Base::new(3.0).unwrap();
        let x = 1.2345;
        assert!((b.to_nats(b.from_nats(x)) - x).abs() < 1e-15);
        assert!((Base::Bits.convert(1.0, Base::Nats) - core::f64::consts::LN_2).abs() < 1e-16);
        assert_eq!(Base::Hartleys.log(1000.0), 3.0);
    }
}
