//! The one error type of sanov.
//!
//! Every data-dependent failure is a variant of [`Error`], named after the condition that was
//! violated and carrying the values a caller needs to act on it. Variants that describe a bad
//! argument name it in `arg` (`"p"`, `"q"`, `"logits"`, ...), so that bindings can build messages
//! such as `p[3] = -0.1 is negative`.

/// Everything that can go wrong in sanov, as structured data.
///
/// The enum is `#[non_exhaustive]`: later versions add variants for later modules.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input that must hold at least one element holds none.
    #[error("{arg} is empty")]
    Empty {
        /// The argument's name.
        arg: &'static str,
    },

    /// An element is NaN or ±∞ where a finite number is required.
    #[error("{arg}[{index}] = {} is not finite", compact(*value))]
    NonFinite {
        /// The argument's name.
        arg: &'static str,
        /// Position of the first offending element (row-major for matrices).
        index: usize,
        /// The offending value.
        value: f64,
    },

    /// A probability (or weight) is negative.
    #[error("{arg}[{index}] = {} is negative", compact(*value))]
    NegativeProbability {
        /// The argument's name.
        arg: &'static str,
        /// Position of the first offending element (row-major for matrices).
        index: usize,
        /// The offending value.
        value: f64,
    },

    /// An element lies outside the domain its argument requires (a probability above 1, a
    /// positive log-probability, a label outside [0, 1], ...).
    #[error("{arg}[{index}] = {} is out of range: {expected}", compact(*value))]
    OutOfRange {
        /// The argument's name.
        arg: &'static str,
        /// Position of the first offending element (row-major for matrices).
        index: usize,
        /// The offending value.
        value: f64,
        /// The rule it breaks, e.g. `"must be <= 0"`.
        expected: &'static str,
    },

    /// Weights that must have a positive total (to be normalised) sum to zero.
    #[error("{arg} has zero total mass and cannot be normalised")]
    ZeroMass {
        /// The argument's name.
        arg: &'static str,
    },

    /// A probability vector does not sum to 1 within the tolerance.
    #[error("{arg} sums to {}, not 1 (tolerance {}); normalise it first if it holds counts or weights", compact(*sum), compact(*tolerance))]
    NotNormalized {
        /// The argument's name.
        arg: &'static str,
        /// The computed sum.
        sum: f64,
        /// The allowed absolute deviation of the sum from 1.
        tolerance: f64,
        /// For batched inputs, the offending row; `None` for a single vector.
        row: Option<usize>,
    },

    /// Two inputs that must have the same length do not.
    #[error("{left_arg} has length {left} but {right_arg} has length {right}")]
    LengthMismatch {
        /// Name of the first argument.
        left_arg: &'static str,
        /// Length of the first argument.
        left: usize,
        /// Name of the second argument.
        right_arg: &'static str,
        /// Length of the second argument.
        right: usize,
    },

    /// Arrays whose shapes must agree do not (batched and matrix forms).
    #[error("{arg} has shape {found:?}, expected {expected:?}")]
    ShapeMismatch {
        /// The argument's name.
        arg: &'static str,
        /// The shape that was required.
        expected: Vec<usize>,
        /// The shape that was given.
        found: Vec<usize>,
    },

    /// A scalar parameter lies outside its domain.
    #[error("{name} = {} is invalid: {expected}", compact(*value))]
    InvalidParameter {
        /// The parameter's name (`"alpha"`, `"epsilon"`, `"base"`, ...).
        name: &'static str,
        /// The offending value.
        value: f64,
        /// What the parameter must satisfy, e.g. `"must be > 0 and != 1"`.
        expected: &'static str,
    },

    /// An index (class label, variable index) lies outside its range.
    #[error("{arg} = {index} is out of range for {len} classes")]
    IndexOutOfRange {
        /// The argument's name.
        arg: &'static str,
        /// The offending index.
        index: usize,
        /// The number of valid indices (valid range is `0..len`).
        len: usize,
    },

    /// A matrix that must be symmetric positive definite is not.
    #[error("{arg} is not symmetric positive definite")]
    NotPositiveDefinite {
        /// The argument's name.
        arg: &'static str,
    },

    /// A set of indices is invalid for the operation (duplicates, overlap, out of range).
    #[error("{arg}: {reason}")]
    InvalidIndexSet {
        /// The argument's name.
        arg: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },

    /// An iterative method stopped before meeting its tolerance.
    #[error("did not converge after {iterations} iterations (residual {})", compact(*residual))]
    NotConverged {
        /// Iterations performed.
        iterations: usize,
        /// Residual (or certified gap) of the best iterate.
        residual: f64,
    },

    /// Constraints that no distribution can satisfy.
    #[error("infeasible: {reason}")]
    Infeasible {
        /// Why no solution exists.
        reason: &'static str,
    },

    /// The computation was cancelled through its [`CancelToken`](crate::cancel::CancelToken).
    #[error("cancelled")]
    Cancelled,
    /// Serialised bytes that do not decode to a valid object.
    #[error("malformed {what}: {reason}")]
    Malformed {
        /// What was being read (`"count table"`, ...).
        what: &'static str,
        /// What is wrong with the bytes.
        reason: &'static str,
    },

    /// A k-nearest-neighbour estimator met a point with at least `k` exact duplicates: its
    /// distance to the k-th neighbour is 0 and its log is -∞.
    #[error("{arg} row {row} has at least k exact duplicates, so its distance to the k-th nearest neighbour is 0: remove duplicate rows or add a small jitter")]
    Duplicates {
        /// The argument's name.
        arg: &'static str,
        /// The first such row.
        row: usize,
    },

    /// A table whose size follows from the arguments (a shape, an alphabet size, a number of
    /// points) is larger than can be allocated; see [`crate::alloc`].
    #[error("{arg} needs {elements} elements ({}), more than can be allocated", human_bytes(*bytes))]
    TooLarge {
        /// The argument that sets the size.
        arg: &'static str,
        /// The number of elements asked for (exact, even beyond `usize`).
        elements: u128,
        /// The number of bytes asked for (saturating).
        bytes: u128,
    },
}

/// `v` as a short decimal: integers below 1e16 as integers (`2`, not `2.0`), everything else
/// in Rust's shortest round-trip form, which switches to an exponent for large and small
/// magnitudes (`1e308`, not 309 digits; `1e-300`).
pub(crate) fn compact(v: f64) -> String {
    if v.is_finite() && v == v.trunc() && v.abs() < 1e16 {
        format!("{v}")
    } else {
        format!("{v:?}")
    }
}

/// `bytes` in the largest binary unit that keeps it >= 1 (`8.0 TiB`).
fn human_bytes(bytes: u128) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    #[allow(clippy::cast_precision_loss)]
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{bytes} bytes")
    } else if v >= 1e6 {
        format!("{v:.3e} {}", UNITS[u])
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

impl Error {
    /// Re-expresses an error raised on row `r` of a matrix with `cols` columns: element indices
    /// become row-major indices into the matrix and `NotNormalized` names the row.
    pub(crate) fn in_row(self, r: usize, cols: usize) -> Error {
        match self {
            Error::NonFinite { arg, index, value } => Error::NonFinite {
                arg,
                index: r * cols + index,
                value,
            },
            Error::NegativeProbability { arg, index, value } => Error::NegativeProbability {
                arg,
                index: r * cols + index,
                value,
            },
            Error::OutOfRange {
                arg,
                index,
                value,
                expected,
            } => Error::OutOfRange {
                arg,
                index: r * cols + index,
                value,
                expected,
            },
            Error::NotNormalized {
                arg,
                sum,
                tolerance,
                ..
            } => Error::NotNormalized {
                arg,
                sum,
                tolerance,
                row: Some(r),
            },
            other => other,
        }
    }
}

/// `Result` with sanov's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_argument_and_rule() {
        let e = Error::NegativeProbability {
            arg: "p",
            index: 3,
            value: -0.1,
        };
        assert_eq!(e.to_string(), "p[3] = -0.1 is negative");
        let e = Error::LengthMismatch {
            left_arg: "p",
            left: 2,
            right_arg: "q",
            right: 3,
        };
        assert_eq!(e.to_string(), "p has length 2 but q has length 3");
    }
}
