//! Scalar keyword arguments: `base=`, `axis=`, `workers=`, `nan_policy=`, float parameters
//! and integers of any size. Every value out of range is a `SanovError` that names the
//! argument and the value as given, never an `OverflowError`.

use numpy::PyUntypedArrayMethods;
use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyString};
use pyo3::Borrowed;
use sanov::rows::NanPolicy;
use sanov::Base;

use crate::error::{domain_error, shape_error, IntoPy};

/// Parses `base=`: `None`, a unit name (`"nats"`, `"bits"`, `"hartleys"`) or a number.
pub(crate) fn base(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Base> {
    let Some(obj) = obj else {
        return Ok(Base::Nats);
    };
    if obj.is_none() {
        return Ok(Base::Nats);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        return match s.to_ascii_lowercase().as_str() {
            "nats" | "nat" | "e" => Ok(Base::Nats),
            "bits" | "bit" | "shannons" | "shannon" => Ok(Base::Bits),
            "hartleys" | "hartley" | "bans" | "ban" | "dits" | "dit" => Ok(Base::Hartleys),
            _ => Err(domain_error(format!(
                "{name} = {s:?} is invalid: use None, \"nats\", \"bits\", \"hartleys\" or a \
                 number > 0 and != 1"
            ))),
        };
    }
    let b = scalar(obj, name).map_err(|e| {
        if e.is_instance_of::<PyTypeError>(obj.py()) {
            PyTypeError::new_err(format!(
                "{name} must be None, a unit name or a number, got {}",
                obj.get_type()
            ))
        } else {
            e
        }
    })?;
    Base::new(b).py_err()
}

/// A Python number as `f64`: `TypeError` for non-numbers, `DomainError` for ints beyond the
/// float range.
pub(crate) fn scalar(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<f64> {
    obj.extract::<f64>().map_err(|e| {
        if e.is_instance_of::<PyOverflowError>(obj.py()) {
            domain_error(format!("{name} = {obj} is out of the float64 range"))
        } else {
            PyTypeError::new_err(format!(
                "{name} must be a real number, got {}",
                obj.get_type()
            ))
        }
    })
}

/// An integer argument exactly as Python gave it: any size, converted to the type the core
/// wants (with the argument's name) by [`Int::get`] and friends.
#[derive(Clone, Debug)]
pub(crate) enum Int {
    /// A value within 128 bits.
    Small(i128),
    /// A larger value, as Python prints it.
    Huge(String),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Int {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if !obj.is_instance_of::<PyInt>() && !obj.hasattr("__index__")? {
            return Err(PyTypeError::new_err(format!(
                "expected an int, got {}",
                obj.get_type()
            )));
        }
        Ok(match obj.extract::<i128>() {
            Ok(v) => Int::Small(v),
            Err(_) => Int::Huge(obj.str()?.to_string()),
        })
    }
}

impl std::fmt::Display for Int {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Int::Small(v) => write!(f, "{v}"),
            Int::Huge(s) => f.write_str(s),
        }
    }
}

impl Int {
    /// The value as `T`; out of `T`'s range a `DomainError` `"{name} = {value} is invalid:
    /// {rule}"`.
    pub(crate) fn get<T: TryFrom<i128>>(&self, name: &str, rule: &str) -> PyResult<T> {
        match self {
            Int::Small(v) => T::try_from(*v).ok(),
            Int::Huge(_) => None,
        }
        .ok_or_else(|| domain_error(format!("{name} = {self} is invalid: {rule}")))
    }

    /// A count, size or index: an int in `[0, usize::MAX]`.
    pub(crate) fn usize(&self, name: &str) -> PyResult<usize> {
        self.get(name, &format!("must be an int in [0, {}]", usize::MAX))
    }

    /// A seed: an int in `[0, 2**64)`.
    pub(crate) fn u64(&self, name: &str) -> PyResult<u64> {
        self.get(name, "must be an int in [0, 2**64)")
    }

    /// A signed index: an int in the int64 range.
    pub(crate) fn i64(&self, name: &str) -> PyResult<i64> {
        self.get(name, "must be an int in [-2**63, 2**63)")
    }
}

/// Every element of a sequence of ints, converted with [`Int::usize`] (named `arg[i]`). Lists
/// and tuples are read element by element (any int size); arrays and other array-likes go
/// through the checked front door (so a broadcast view of 2^33 elements is refused by size,
/// not iterated).
pub(crate) fn usizes(obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<Vec<usize>> {
    use pyo3::types::{PyList, PyTuple};
    if !obj.is_instance_of::<PyList>() && !obj.is_instance_of::<PyTuple>() {
        let a = super::arrays::int64s(obj, arg)?;
        if a.ndim() > 1 {
            return Err(super::arrays::not_1d(arg, a.shape()));
        }
        return a
            .as_array()
            .iter()
            .enumerate()
            .map(|(i, &v)| Int::Small(i128::from(v)).usize(&format!("{arg}[{i}]")))
            .collect();
    }
    obj.try_iter()?
        .enumerate()
        .map(|(i, x)| {
            let x = x?;
            let name = format!("{arg}[{i}]");
            x.extract::<Int>()
                .map_err(|_| {
                    PyTypeError::new_err(format!("{name} must be an int, got {}", x.get_type()))
                })?
                .usize(&name)
        })
        .collect()
}

/// `axis=`: an int; one beyond any machine integer is a `ShapeError`, not an
/// `OverflowError`.
#[derive(Clone, Copy)]
pub(crate) struct Axis(pub isize);

impl<'a, 'py> FromPyObject<'a, 'py> for Axis {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let v: Int = obj.extract().map_err(|_| {
            PyTypeError::new_err(format!("axis must be an int, got {}", obj.get_type()))
        })?;
        v.get("axis", "out of bounds")
            .map(Axis)
            .map_err(|_| shape_error(format!("axis {v} is out of bounds")))
    }
}

/// `workers=`: a non-negative int (negative → `DomainError`, not `OverflowError`).
#[derive(Clone, Copy)]
pub(crate) struct Workers(pub usize);

impl<'a, 'py> FromPyObject<'a, 'py> for Workers {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let v: Int = obj.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "workers must be None or an int, got {}",
                obj.get_type()
            ))
        })?;
        v.get("workers", "must be None or an int >= 0").map(Workers)
    }
}

/// A float parameter (`alpha`, `q`, `epsilon`): `TypeError` for non-numbers, `DomainError`
/// for ints beyond the float range (never `OverflowError`).
#[derive(Clone, Copy)]
pub(crate) struct Float(pub f64);

impl<'a, 'py> FromPyObject<'a, 'py> for Float {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        scalar(&obj, "parameter").map(Float)
    }
}

/// `nan_policy=`: `"raise"`, `"propagate"` or `"omit"` (SciPy's spellings).
#[derive(Clone, Copy)]
pub(crate) struct Nan(pub NanPolicy);

impl Nan {
    /// The default, `"raise"`.
    pub(crate) const RAISE: Nan = Nan(NanPolicy::Raise);
}

impl<'a, 'py> FromPyObject<'a, 'py> for Nan {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        const RULE: &str = "use \"raise\", \"propagate\" or \"omit\"";
        let Ok(s) = obj.cast::<PyString>() else {
            return Err(PyTypeError::new_err(format!(
                "nan_policy must be a str ({RULE}), got {}",
                obj.repr()?
            )));
        };
        match &*s.to_cow()? {
            "raise" => Ok(Nan(NanPolicy::Raise)),
            "propagate" => Ok(Nan(NanPolicy::Propagate)),
            "omit" => Ok(Nan(NanPolicy::Omit)),
            other => Err(domain_error(format!(
                "nan_policy = {other:?} is invalid: {RULE}"
            ))),
        }
    }
}
