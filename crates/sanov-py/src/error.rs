//! [`sanov::Error`] as Python exceptions.
//!
//! Every exception derives from `SanovError`, itself a `ValueError`, so `except ValueError`
//! keeps working. Messages are the core's `Display` strings, which name the argument and the
//! rule it breaks (`p[3] = -0.1 is negative`).

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use sanov::Error;

create_exception!(
    sanov,
    SanovError,
    PyValueError,
    "Base class of every error sanov raises on bad input (a ValueError)."
);
create_exception!(
    sanov,
    ShapeError,
    SanovError,
    "Wrong length, shape or number of dimensions; empty input."
);
create_exception!(
    sanov,
    DomainError,
    SanovError,
    "A value outside its domain: NaN, negative probability, not normalised, bad parameter, \
     index out of range, matrix not positive definite."
);
create_exception!(
    sanov,
    ConvergenceError,
    SanovError,
    "An iterative method stopped before meeting its tolerance."
);
create_exception!(
    sanov,
    InfeasibleError,
    SanovError,
    "Constraints that no distribution can satisfy."
);

/// The Python exception for a core error.
pub(crate) fn to_py(e: &Error) -> PyErr {
    let msg = e.to_string();
    match e {
        Error::Empty { .. } | Error::LengthMismatch { .. } | Error::ShapeMismatch { .. } => {
            ShapeError::new_err(msg)
        }
        Error::NonFinite { .. }
        | Error::NegativeProbability { .. }
        | Error::OutOfRange { .. }
        | Error::ZeroMass { .. }
        | Error::NotNormalized { .. }
        | Error::InvalidParameter { .. }
        | Error::IndexOutOfRange { .. }
        | Error::NotPositiveDefinite { .. }
        | Error::InvalidIndexSet { .. }
        | Error::Malformed { .. }
        | Error::Duplicates { .. } => DomainError::new_err(msg),
        Error::NotConverged { .. } => ConvergenceError::new_err(msg),
        Error::Infeasible { .. } => InfeasibleError::new_err(msg),
        Error::Cancelled => pyo3::exceptions::PyKeyboardInterrupt::new_err(msg),
        // A size the machine cannot serve: Python's own MemoryError, naming the size.
        Error::TooLarge { .. } => pyo3::exceptions::PyMemoryError::new_err(msg),
        _ => SanovError::new_err(msg),
    }
}

/// `Result<T, sanov::Error>` → `PyResult<T>`.
pub(crate) trait IntoPy<T> {
    /// Maps the error with [`to_py`].
    fn py_err(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for sanov::Result<T> {
    #[inline]
    fn py_err(self) -> PyResult<T> {
        self.map_err(|e| to_py(&e))
    }
}

/// A [`ShapeError`] with a binding-side message.
pub(crate) fn shape_error(msg: impl Into<String>) -> PyErr {
    ShapeError::new_err(msg.into())
}

/// A [`DomainError`] with a binding-side message.
pub(crate) fn domain_error(msg: impl Into<String>) -> PyErr {
    DomainError::new_err(msg.into())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SanovError", py.get_type::<SanovError>())?;
    m.add("ShapeError", py.get_type::<ShapeError>())?;
    m.add("DomainError", py.get_type::<DomainError>())?;
    m.add("ConvergenceError", py.get_type::<ConvergenceError>())?;
    m.add("InfeasibleError", py.get_type::<InfeasibleError>())?;
    Ok(())
}
