//! Checked allocation for tables whose size the caller chooses.
//!
//! A size computed from user input (a joint table's shape, a channel's alphabet, a path's
//! number of points) is multiplied out with overflow checks and reserved fallibly, so that a
//! request the machine cannot serve is an [`Error::TooLarge`] naming the argument and the size
//! instead of an abort of the whole process. The cap is the one Rust itself puts on an
//! allocation (`isize::MAX` bytes); below it, whatever the allocator refuses (the machine's
//! memory, an `RLIMIT_AS`) is refused here.

use ndarray::{Array2, ArrayD, IxDyn};

use crate::{Error, Result};

/// The number of elements of a table of shape `dims`, checked: the product must not overflow
/// and `elements · size_of::<T>()` must fit in `isize::MAX` bytes.
///
/// # Errors
/// [`Error::TooLarge`] (`arg`) if it does not.
///
/// Rust-only: a size check for Rust callers; Python gets its result as `MemoryError`.
pub fn elements<T>(arg: &'static str, dims: &[usize]) -> Result<usize> {
    let wide: u128 = dims.iter().fold(1u128, |a, &d| a.saturating_mul(d as u128));
    let limit = (isize::MAX as u128) / (core::mem::size_of::<T>().max(1) as u128);
    if wide > limit {
        return Err(too_large::<T>(arg, wide));
    }
    // `wide <= isize::MAX`, so it fits in usize.
    Ok(wide as usize)
}

fn too_large<T>(arg: &'static str, elements: u128) -> Error {
    Error::TooLarge {
        arg,
        elements,
        bytes: elements.saturating_mul(core::mem::size_of::<T>() as u128),
    }
}

/// An empty vector with room for `n` elements, reserved fallibly.
///
/// # Errors
/// [`Error::TooLarge`] (`arg`) if the allocation fails or exceeds `isize::MAX` bytes.
pub fn vec_with_capacity<T>(arg: &'static str, n: usize) -> Result<Vec<T>> {
    let n = elements::<T>(arg, &[n])?;
    let mut v = Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| too_large::<T>(arg, n as u128))?;
    Ok(v)
}

/// A vector of `n` zeros, allocated fallibly.
///
/// # Errors
/// As [`vec_with_capacity`].
pub fn zeros_vec(arg: &'static str, n: usize) -> Result<Vec<f64>> {
    let mut v = vec_with_capacity(arg, n)?;
    v.resize(n, 0.0);
    Ok(v)
}

/// An array of zeros of shape `dims`, allocated fallibly.
///
/// # Errors
/// [`Error::TooLarge`] (`arg`) if the shape's size overflows or cannot be allocated.
pub fn zeros_dyn(arg: &'static str, dims: &[usize]) -> Result<ArrayD<f64>> {
    let n = elements::<f64>(arg, dims)?;
    let v = zeros_vec(arg, n)?;
    ArrayD::from_shape_vec(IxDyn(dims), v).map_err(|_| too_large::<f64>(arg, n as u128))
}

/// A matrix of zeros with `rows × cols` entries, allocated fallibly.
///
/// # Errors
/// As [`zeros_dyn`].
pub fn zeros2(arg: &'static str, rows: usize, cols: usize) -> Result<Array2<f64>> {
    let n = elements::<f64>(arg, &[rows, cols])?;
    let v = zeros_vec(arg, n)?;
    Array2::from_shape_vec((rows, cols), v).map_err(|_| too_large::<f64>(arg, n as u128))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflowing_and_huge_shapes_are_errors() {
        let e = zeros_dyn("shape", &[1 << 62, 1 << 62]).unwrap_err();
        assert!(
            matches!(e, Error::TooLarge { arg: "shape", elements, .. } if elements == 1 << 124)
        );
        assert!(matches!(
            zeros2("k", usize::MAX, 2),
            Err(Error::TooLarge { .. })
        ));
        assert!(matches!(
            vec_with_capacity::<f64>("d", usize::MAX),
            Err(Error::TooLarge { .. })
        ));
        assert_eq!(zeros_dyn("shape", &[2, 3]).unwrap().shape(), &[2, 3]);
        assert_eq!(elements::<f64>("shape", &[]).unwrap(), 1);
    }

    #[test]
    fn message_names_the_size() {
        let e = zeros_dyn("shape", &[2; 70]).unwrap_err();
        let m = e.to_string();
        assert!(
            m.starts_with("shape needs 1180591620717411303424 elements"),
            "{m}"
        );
    }
}
