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
    /// `1e-9` for `f64` (docs/definitions.md), `1e-5` for `f32` (whose unit roundoff is 6e-8,
    /// so an `f32` vector normalised in `f32` is rarely closer than 1e-6).
    const NORMALIZATION_TOLERANCE: f64;

    /// The value as `f64` (exact).
    fn to_f64(self) -> f64;

    /// The `f64` value in this type (exact for `f64`, rounded to nearest for `f32`).
    fn from_f64(x: f64) -> Self;

    /// The slice as what it is, `f64` or `f32`, for kernels that take a faster path for one
    /// type (a safe replacement for a `TypeId` check and a pointer cast, or a `dyn Any`
    /// downcast). An implementation detail of the kernels.
    #[doc(hidden)]
    fn as_typed(x: &[Self]) -> Typed<'_>;

    /// [`Real::as_typed`] for a mutable slice.
    #[doc(hidden)]
    fn as_typed_mut(x: &mut [Self]) -> TypedMut<'_>;
}

/// A slice of a [`Real`] type, by its concrete type ([`Real::as_typed`]).
#[doc(hidden)]
#[derive(Debug)]
pub enum Typed<'a> {
    /// An `f64` slice.
    F64(&'a [f64]),
    /// An `f32` slice.
    F32(&'a [f32]),
}

impl<'a> Typed<'a> {
    /// The `f32` slice, if it is one.
    #[inline(always)]
    pub fn f32(self) -> Option<&'a [f32]> {
        match self {
            Typed::F32(x) => Some(x),
            Typed::F64(_) => None,
        }
    }
}

/// A mutable slice of a [`Real`] type, by its concrete type ([`Real::as_typed_mut`]).
#[doc(hidden)]
#[derive(Debug)]
pub enum TypedMut<'a> {
    /// An `f64` slice.
    F64(&'a mut [f64]),
    /// An `f32` slice.
    F32(&'a mut [f32]),
}

impl Real for f64 {
    const NORMALIZATION_TOLERANCE: f64 = 1e-9;
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
    #[inline(always)]
    fn from_f64(x: f64) -> Self {
        x
    }
    #[inline(always)]
    fn as_typed(x: &[Self]) -> Typed<'_> {
        Typed::F64(x)
    }
    #[inline(always)]
    fn as_typed_mut(x: &mut [Self]) -> TypedMut<'_> {
        TypedMut::F64(x)
    }
}

impl Real for f32 {
    const NORMALIZATION_TOLERANCE: f64 = 1e-5;
    #[inline(always)]
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    #[inline(always)]
    #[allow(clippy::cast_possible_truncation)] // rounding to nearest f32 is the intent
    fn from_f64(x: f64) -> Self {
        x as f32
    }
    #[inline(always)]
    fn as_typed(x: &[Self]) -> Typed<'_> {
        Typed::F32(x)
    }
    #[inline(always)]
    fn as_typed_mut(x: &mut [Self]) -> TypedMut<'_> {
        TypedMut::F32(x)
    }
}

impl<'a> TypedMut<'a> {
    /// The `f32` slice, if it is one.
    #[inline(always)]
    pub fn f32(self) -> Option<&'a mut [f32]> {
        match self {
            TypedMut::F32(x) => Some(x),
            TypedMut::F64(_) => None,
        }
    }
}

/// `e` with `2^e ≤ m < 2^(e+1)` for finite `m > 0` (subnormals included); 0 for `m = 0`.
pub(crate) fn pow2_exponent(m: f64) -> i32 {
    if m == 0.0 || !m.is_finite() {
        return 0;
    }
    let bits = m.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // Subnormal: normalise by 2^64 first.
        let scaled = m * f64::from_bits((1023 + 64) << 52);
        return ((scaled.to_bits() >> 52) & 0x7ff) as i32 - 1023 - 64;
    }
    biased - 1023
}

/// `v · 2^e`, exact unless the result over- or underflows; `|e| ≤ 2100`, applied in steps of
/// at most `2^±1000` so that every factor is a normal number.
pub(crate) fn scale_pow2(mut v: f64, mut e: i32) -> f64 {
    while e != 0 {
        let step = e.clamp(-1000, 1000);
        // Biased exponent of 2^step is in [23, 2023]: a normal number.
        v *= f64::from_bits(((1023 + step) as u64) << 52);
        e -= step;
    }
    v
}
