//! Integer label columns of any width, read in place.

/// A borrowed column of integer labels of any integer width, read where it lies (no copy).
///
/// The label-counting functions ([`mutual_information_from_labels_par`],
/// [`LabelCounts::from_labels_par`], [`Joint::from_samples_par`], …) take
/// `impl Into<Labels>`: a slice, array or `Vec` of `i8`, `i16`, `i32`, `i64`, `u8`, `u16`,
/// `u32` or `u64`. Narrow labels are read at their own width (an `i8` column is one eighth of
/// the memory traffic of the same labels as `i64`) and widened to `i64` a cache-sized block at
/// a time. A label is its value as an `i64`; a `u64` label above `i64::MAX` is read as
/// `value − 2^64`, a one-to-one relabelling that leaves every estimate unchanged.
///
/// [`mutual_information_from_labels_par`]: crate::multivariate::mutual_information_from_labels_par
/// [`LabelCounts::from_labels_par`]: crate::estimators::LabelCounts::from_labels_par
/// [`Joint::from_samples_par`]: crate::multivariate::Joint::from_samples_par
///
/// # Examples
/// ```
/// use sanov::multivariate::{mutual_information_from_labels_par, Labels};
/// use sanov::{Base, Par};
/// let x: Vec<u8> = vec![0, 0, 1, 1];
/// let y: Vec<i32> = vec![-5, -5, 7, 7];
/// assert_eq!(Labels::from(&x).len(), 4);
/// assert_eq!(mutual_information_from_labels_par(&x, &y, Base::Bits, Par::Seq)?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Labels<'a> {
    /// `int8` labels.
    I8(&'a [i8]),
    /// `int16` labels.
    I16(&'a [i16]),
    /// `int32` labels.
    I32(&'a [i32]),
    /// `int64` labels.
    I64(&'a [i64]),
    /// `uint8` labels.
    U8(&'a [u8]),
    /// `uint16` labels.
    U16(&'a [u16]),
    /// `uint32` labels.
    U32(&'a [u32]),
    /// `uint64` labels (above `i64::MAX`: read as `value − 2^64`).
    U64(&'a [u64]),
}

/// Applies `$body` to the slice inside a [`Labels`], whatever its element type.
macro_rules! each {
    ($l:expr, $s:ident => $body:expr) => {
        match $l {
            Labels::I8($s) => $body,
            Labels::I16($s) => $body,
            Labels::I32($s) => $body,
            Labels::I64($s) => $body,
            Labels::U8($s) => $body,
            Labels::U16($s) => $body,
            Labels::U32($s) => $body,
            Labels::U64($s) => $body,
        }
    };
}

impl<'a> Labels<'a> {
    /// The number of labels.
    pub fn len(&self) -> usize {
        each!(self, s => s.len())
    }

    /// Whether there are no labels.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The labels as `i64` (borrowed when they are `i64`, widened into a new vector otherwise).
    pub fn to_i64(&self) -> std::borrow::Cow<'a, [i64]> {
        if let Labels::I64(s) = *self {
            return std::borrow::Cow::Borrowed(s);
        }
        let mut v = vec![0i64; self.len()];
        self.widen(0, &mut v);
        std::borrow::Cow::Owned(v)
    }

    /// Writes the labels `start .. start + out.len()` into `out` as `i64`.
    #[allow(clippy::cast_possible_wrap, clippy::unnecessary_cast)] // u64 > i64::MAX: relabelled
    pub(crate) fn widen(&self, start: usize, out: &mut [i64]) {
        let end = start + out.len();
        each!(*self, s => {
            for (o, &v) in out.iter_mut().zip(&s[start..end]) {
                *o = v as i64;
            }
        });
    }

    /// The labels `start .. start + buf.len()` as an `i64` slice: borrowed for `i64` labels,
    /// widened into `buf` otherwise.
    pub(crate) fn block<'b>(&self, start: usize, buf: &'b mut [i64]) -> &'b [i64]
    where
        'a: 'b,
    {
        if let Labels::I64(s) = *self {
            return &s[start..start + buf.len()];
        }
        self.widen(start, buf);
        buf
    }
}

/// Conversions from slices, arrays and vectors of each integer type.
macro_rules! from_impls {
    ($($t:ty => $v:ident),*) => {$(
        impl<'a> From<&'a [$t]> for Labels<'a> {
            fn from(s: &'a [$t]) -> Self {
                Labels::$v(s)
            }
        }
        impl<'a> From<&'a Vec<$t>> for Labels<'a> {
            fn from(s: &'a Vec<$t>) -> Self {
                Labels::$v(s)
            }
        }
        impl<'a, const N: usize> From<&'a [$t; N]> for Labels<'a> {
            fn from(s: &'a [$t; N]) -> Self {
                Labels::$v(s)
            }
        }
        impl<'a> From<&'a std::borrow::Cow<'a, [$t]>> for Labels<'a> {
            fn from(s: &'a std::borrow::Cow<'a, [$t]>) -> Self {
                Labels::$v(s)
            }
        }
    )*};
}

from_impls!(i8 => I8, i16 => I16, i32 => I32, i64 => I64, u8 => U8, u16 => U16, u32 => U32, u64 => U64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widen_and_block() {
        let x: Vec<u64> = vec![1, u64::MAX, 3];
        let l = Labels::from(&x);
        let mut buf = [0i64; 2];
        assert_eq!(l.block(1, &mut buf), &[-1, 3]);
        let y = [-3i8, 4];
        assert_eq!(Labels::from(&y).to_i64().as_ref(), &[-3, 4]);
    }
}
