//! The floating-point element types sanov's slice functions accept.

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// An input element type: implemented for `f32` and `f64` only (sealed).
///
/// Every computation accumulates in `f64`, whatever the input type, so an `f32` input gives
/// the `f64` value of the quantity of the `f32` numbers it holds.
pub trait Real:
    sealed::Sealed + Copy + Send + Sync + PartialOrd + core::fmt::Debug + 'static
{
    /// The default absolute tolerance on `|Σ p − 1|` for a probability vector of this type:
    /// `1e-9` for `f64` (SPEC.md's default), `1e-5` for `f32` (whose unit roundoff is 6e-8,
    /// so an `f32` vector normalised in `f32` is rarely closer than 1e-6).
    const NORMALIZATION_TOLERANCE: f64;

    /// The value as `f64` (exact).
    fn to_f64(self) -> f64;
}

impl Real for f64 {
    const NORMALIZATION_TOLERANCE: f64 = 1e-9;
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
}

impl Real for f32 {
    const NORMALIZATION_TOLERANCE: f64 = 1e-5;
    #[inline(always)]
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}
