//! Bindings of `sanov::multivariate`: Gaussian mutual information.

use ndarray::Ix2;
use numpy::PyUntypedArrayMethods;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use sanov::multivariate::{self, Joint};

use crate::convert::{self, array1, detach, elementwise, float, floats64, fmt_shape};
use crate::error::{shape_error, IntoPy};

/// Mutual information of a bivariate normal with correlation rho: -(1/2) log(1 - rho^2).
///
/// Parameters
/// ----------
/// rho : float or array_like
///     Correlation in [-1, 1] (|rho| = 1 gives +inf); arrays are computed elementwise.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float, or ndarray of the shape of ``rho``
///
/// Raises
/// ------
/// DomainError
///     rho outside [-1, 1] or NaN.
///
/// Examples
/// --------
/// >>> sanov.gaussian_mutual_information(0.6)
/// 0.22314355131420976
#[pyfunction]
#[pyo3(signature = (rho, base=None))]
fn gaussian_mutual_information<'py>(
    rho: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    elementwise(rho, "rho", |x| {
        multivariate::gaussian_mutual_information(x, b)
    })
}

/// Variable indices from a sequence of ints (negative → `DomainError`).
fn indices(obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<Vec<usize>> {
    convert::usizes(obj, arg)
}

/// Mutual information between two groups of jointly Gaussian variables:
/// (1/2) log(det S_XX det S_YY / det S_(X,Y)).
///
/// Parameters
/// ----------
/// cov : array_like
///     The covariance matrix of all variables (square, symmetric, positive definite on the
///     selected variables).
/// x, y : sequence of int
///     Disjoint, non-empty lists of variable indices into ``cov``.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     cov not square, or empty.
/// DomainError
///     Non-finite or asymmetric cov, invalid or overlapping indices, not positive definite.
///
/// Examples
/// --------
/// >>> sanov.gaussian_mutual_information_cov([[1.0, 0.6], [0.6, 1.0]], [0], [1])
/// 0.22314355131420976
#[pyfunction]
#[pyo3(signature = (cov, x, y, base=None))]
fn gaussian_mutual_information_cov<'py>(
    py: Python<'py>,
    cov: &Bound<'py, PyAny>,
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    let c = floats64(cov, "cov")?;
    let shape = c.shape().to_vec();
    let m = c
        .as_array()
        .into_dimensionality::<Ix2>()
        .map_err(|_| shape_error(format!("cov must be 2-D, got shape {}", fmt_shape(&shape))))?;
    let (x, y) = (indices(x, "x")?, indices(y, "y")?);
    let v = detach(py, m.len(), || {
        multivariate::gaussian_mutual_information_cov(m, &x, &y, b)
    })
    .py_err()?;
    Ok(float(py, v))
}

/// A [`Joint`] from an n-d array-like (`normalize=True`: from counts or weights).
fn joint(obj: &Bound<'_, PyAny>, normalize: bool) -> PyResult<Joint> {
    let a = floats64(obj, "joint")?.as_array().to_owned();
    if normalize {
        Joint::from_counts(a)
    } else {
        Joint::new(a)
    }
    .py_err()
}

macro_rules! doc_joint {
    () => {
        "joint : array_like
    The joint distribution as an n-d array, ``joint[i0, ..., ik] = P(X0=i0, ..., Xk=ik)``:
    finite, non-negative, summing to 1. Variables are axis indices."
    };
}

macro_rules! doc_joint_tail {
    () => {
        "normalize : bool, default False
    Treat ``joint`` as counts or weights and normalise it first.

Returns
-------
float, in the unit of ``base``

Raises
------
ShapeError, DomainError
    Invalid distribution; invalid, duplicate or overlapping variable indices."
    };
}

/// Defines a binding `name(joint, <index lists>, base=None, *, normalize=False)`.
macro_rules! joint_fn {
    ($(#[$doc:meta])* $name:ident ( $($idx:ident),* ) -> $ret:ident) => {
        $(#[$doc])*
        #[pyfunction]
        #[pyo3(signature = (joint, $($idx,)* base=None, *, normalize=false))]
        fn $name<'py>(
            py: Python<'py>,
            joint: &Bound<'py, PyAny>,
            $($idx: &Bound<'py, PyAny>,)*
            base: Option<&Bound<'py, PyAny>>,
            normalize: bool,
        ) -> PyResult<Bound<'py, PyAny>> {
            let b = convert::base(base, "base")?;
            let j = self::joint(joint, normalize)?;
            $(let $idx = indices($idx, stringify!($idx))?;)*
            let v = detach(py, j.probabilities().len(), || {
                multivariate::$name(&j, $(&$idx,)* b)
            })
            .py_err()?;
            Ok(joint_fn!(@ret $ret, py, v))
        }
    };
    (@ret float, $py:ident, $v:ident) => { float($py, $v) };
    (@ret array, $py:ident, $v:ident) => { array1($py, $v) };
}

joint_fn!(
    /// Joint entropy H(X0, ..., Xk) of all variables.
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    joint_entropy() -> float
);
joint_fn!(
    /// Entropy H(X_rvs) of the marginal on the variables ``rvs``.
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    /// rvs : sequence of int
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    marginal_entropy(rvs) -> float
);
joint_fn!(
    /// Conditional entropy H(X_rvs | X_crvs) (dit's convention).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    /// rvs, crvs : sequence of int
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    conditional_entropy(rvs, crvs) -> float
);
joint_fn!(
    /// Mutual information I(X_x; X_y).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    /// x, y : sequence of int
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    mutual_information(x, y) -> float
);
joint_fn!(
    /// Conditional mutual information I(X_x; X_y | X_z).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    /// x, y, z : sequence of int
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    conditional_mutual_information(x, y, z) -> float
);
joint_fn!(
    /// Total correlation sum_i H(X_i) - H(X).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    total_correlation() -> float
);
joint_fn!(
    /// Dual total correlation H(X) - sum_i H(X_i | X_rest).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    dual_total_correlation() -> float
);
joint_fn!(
    /// Co-information sum_{S != {}} (-1)^(|S|+1) H(X_S).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    co_information() -> float
);
joint_fn!(
    /// Interaction information (-1)^n x co-information (Jakulin–Bratko / dit sign).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    interaction_information() -> float
);
joint_fn!(
    /// O-information: total correlation minus dual total correlation.
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    o_information() -> float
);
joint_fn!(
    /// Chain rule of entropy along ``order``: [H(X_o0), H(X_o1 | X_o0), ...] (an array that
    /// sums to the joint entropy of the variables in ``order``).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    /// order : sequence of int
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    chain_rule_entropy(order) -> array
);
joint_fn!(
    /// Chain rule of mutual information: [I(X; Y1), I(X; Y2 | Y1), ...] (an array that sums
    /// to I(X; Y1, Y2, ...)).
    ///
    /// Parameters
    /// ----------
    #[doc = doc_joint!()]
    /// x, ys : sequence of int
    #[doc = doc_base!()]
    #[doc = doc_joint_tail!()]
    chain_rule_mutual_information(x, ys) -> array
);

/// Plug-in mutual information of two label sequences (the empirical joint of the pairs).
///
/// Parameters
/// ----------
/// x, y : sequence of int
///     Labels, the same length.
#[doc = doc_base!()]
/// workers : int, optional
///     Threads for counting: None (default) or 0 every thread of the default pool
///     (``SANOV_NUM_THREADS`` caps it), 1 the calling thread, n at most n threads. The counts
///     are exact, so the value does not depend on ``workers``.
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or mismatched lengths.
#[pyfunction]
#[pyo3(signature = (x, y, base=None, *, workers=None))]
fn mutual_information_from_labels<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<convert::Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    let par = convert::par(workers.map(|w| w.0));
    // Integer arrays of any width are read in place (no int64 copy).
    let (x, y) = (convert::label_array(x, "x")?, convert::label_array(y, "y")?);
    let (xs, ys) = (x.labels(), y.labels());
    let v = detach(py, xs.len(), || {
        multivariate::mutual_information_from_labels_par(xs, ys, b, par)
    })
    .py_err()?;
    Ok(float(py, v))
}

/// Checks the data processing inequality on the Markov chain X -> Y -> Z.
///
/// The chain is given by the input distribution ``px`` and the channels
/// ``channel_xy[x][y] = P(Y=y | X=x)`` and ``channel_yz[y][z] = P(Z=z | Y=y)``; the inequality is
/// I(X;Z) <= I(X;Y).
///
/// Parameters
/// ----------
/// px : array_like
///     The distribution of X.
/// channel_xy, channel_yz : array_like
///     Row-stochastic matrices of shapes (len(px), |Y|) and (|Y|, |Z|).
#[doc = doc_base!()]
///
/// Returns
/// -------
/// tuple (i_xy, i_xz, holds)
///     I(X;Y), I(X;Z) in the unit of ``base``, and whether I(X;Z) <= I(X;Y) (within 1e-12).
///     The Python package wraps it in the named tuple ``sanov.DataProcessing``.
///
/// Raises
/// ------
/// ShapeError, DomainError
///     Mismatched shapes; an invalid distribution or channel row.
///
/// Examples
/// --------
/// >>> bsc = lambda e: [[1 - e, e], [e, 1 - e]]
/// >>> r = sanov.data_processing_check([0.5, 0.5], bsc(0.1), bsc(0.2), base=2)
/// >>> r.holds and r.i_xz < r.i_xy
/// True
static DATA_PROCESSING: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();

/// The named tuple `sanov.DataProcessing(i_xy, i_xz, holds)`.
fn data_processing_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    convert::named_tuple(
        py,
        &DATA_PROCESSING,
        "DataProcessing",
        &["i_xy", "i_xz", "holds"],
        "The two sides of the data processing inequality for a Markov chain X -> Y -> Z: \
         I(X;Y) and I(X;Z) in the unit of base, and whether I(X;Z) <= I(X;Y) within 1e-12 \
         (always, for a valid chain).",
    )
}

#[pyfunction]
#[pyo3(signature = (px, channel_xy, channel_yz, base=None))]
fn data_processing_check<'py>(
    px: &Bound<'py, PyAny>,
    channel_xy: &Bound<'py, PyAny>,
    channel_yz: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = px.py();
    let b = convert::base(base, "base")?;
    let px = floats64(px, "px")?;
    if px.ndim() != 1 {
        return Err(convert::not_1d("px", px.shape()));
    }
    let px: Vec<f64> = px.as_array().iter().copied().collect();
    let matrix = |o: &Bound<'py, PyAny>, arg: &str| -> PyResult<ndarray::Array2<f64>> {
        let a = floats64(o, arg)?;
        a.as_array()
            .into_dimensionality::<Ix2>()
            .map(|v| v.to_owned())
            .map_err(|_| {
                shape_error(format!(
                    "{arg} must be a 2-D matrix, got shape {}",
                    fmt_shape(a.shape())
                ))
            })
    };
    let (w, v) = (
        matrix(channel_xy, "channel_xy")?,
        matrix(channel_yz, "channel_yz")?,
    );
    let r = multivariate::data_processing_check(&px, w.view(), v.view(), b).py_err()?;
    data_processing_type(py)?.call1((r.i_xy, r.i_xz, r.holds))
}

/// The plug-in (empirical) joint distribution of integer-labelled sample columns.
///
/// One argument per variable, each a 1-D integer array of the same length (one entry per
/// sample). Each variable's alphabet is its sorted distinct labels. The table is dense
/// (prod K_i cells, at most 2^28); for the mutual information of two high-cardinality label
/// arrays use ``mutual_information_from_labels``, which never builds a K_x x K_y table.
///
/// Parameters
/// ----------
/// *columns : array_like of int
///     Integer arrays of any width (int8 ... uint64) are read in place, without a copy.
/// workers : int, optional
///     Threads for counting: None (default) or 0 every thread of the default pool
///     (``SANOV_NUM_THREADS`` caps it), 1 the calling thread, n at most n threads. The counts
///     are exact, so the result does not depend on ``workers``.
///
/// Returns
/// -------
/// (ndarray, list of ndarray)
///     The joint distribution (one axis per column) and each axis's labels.
///
/// Raises
/// ------
/// ShapeError
///     No columns, empty or unequal columns.
/// DomainError
///     A dense table of more than 2^28 cells; a uint64 label above 2**63 - 1.
/// TypeError
///     Non-integer labels.
///
/// Examples
/// --------
/// >>> joint, labels = sanov.joint_from_samples([0, 0, 1, 1], [5, 7, 7, 7])
/// >>> joint.tolist(), labels[1].tolist()
/// ([[0.25, 0.25], [0.0, 0.5]], [5, 7])
#[pyfunction]
#[pyo3(signature = (*columns, workers=None))]
fn joint_from_samples<'py>(
    py: Python<'py>,
    columns: Vec<Bound<'py, PyAny>>,
    workers: Option<convert::Workers>,
) -> PyResult<(Bound<'py, PyAny>, Vec<Bound<'py, PyAny>>)> {
    let par = convert::par(workers.map(|w| w.0));
    // Integer arrays of any width are read in place (no int64 copy).
    let arrays = columns
        .iter()
        .enumerate()
        .map(|(i, c)| convert::label_array(c, &format!("columns[{i}]")))
        .collect::<PyResult<Vec<_>>>()?;
    let cols: Vec<_> = arrays.iter().map(|a| a.labels()).collect();
    let n: usize = cols.iter().map(sanov::multivariate::Labels::len).sum();
    let (j, labels) = detach(py, n, || Joint::from_samples_par(&cols, par)).py_err()?;
    let p = j.probabilities();
    let table = convert::array_shaped(py, p.shape(), p.iter().copied().collect())?;
    let labels = labels
        .into_iter()
        .map(|l| numpy::PyArray1::from_vec(py, l).into_any())
        .collect();
    Ok((table, labels))
}

/// A dense joint distribution from a sparse list of outcomes and their probabilities.
///
/// Outcomes not listed have probability 0; repeated outcomes add up. The result must be a
/// distribution (sum 1 within 1e-9).
///
/// Parameters
/// ----------
/// shape : sequence of int
///     The alphabet size of each variable.
/// outcomes : sequence of sequence of int
///     One index tuple per entry, ``len(shape)`` indices each.
/// probs : array_like
///     The probability of each outcome.
///
/// Returns
/// -------
/// ndarray of the given shape
///
/// Raises
/// ------
/// ShapeError
///     An outcome of the wrong length; ``outcomes`` and ``probs`` of different lengths.
/// DomainError
///     An index outside its alphabet; an invalid distribution.
///
/// Examples
/// --------
/// >>> xor = sanov.joint_from_sparse([2, 2, 2], [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)], [0.25] * 4)
/// >>> sanov.co_information(xor, base=2)
/// -1.0
#[pyfunction]
fn joint_from_sparse<'py>(
    py: Python<'py>,
    shape: &Bound<'py, PyAny>,
    outcomes: &Bound<'py, PyAny>,
    probs: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let shape = convert::usizes(shape, "shape")?;
    let outcomes: Vec<Vec<usize>> = outcomes
        .try_iter()
        .map_err(|_| PyTypeError::new_err("outcomes must be a sequence of sequences of ints"))?
        .enumerate()
        .map(|(i, o)| convert::usizes(&o?, &format!("outcomes[{i}]")))
        .collect::<PyResult<_>>()?;
    let probs: Vec<f64> = convert::floats64(probs, "probs")?
        .as_array()
        .iter()
        .copied()
        .collect();
    if outcomes.len() != probs.len() {
        return Err(shape_error(format!(
            "outcomes has length {} but probs has length {}",
            outcomes.len(),
            probs.len()
        )));
    }
    let entries: Vec<(Vec<usize>, f64)> = outcomes.into_iter().zip(probs).collect();
    let j = Joint::from_sparse(&shape, &entries).py_err()?;
    let p = j.probabilities();
    convert::array_shaped(py, p.shape(), p.iter().copied().collect())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(joint_from_samples, m)?)?;
    m.add_function(wrap_pyfunction!(joint_from_sparse, m)?)?;
    m.add_function(wrap_pyfunction!(data_processing_check, m)?)?;
    m.add("DataProcessing", data_processing_type(m.py())?)?;
    m.add_function(wrap_pyfunction!(gaussian_mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(gaussian_mutual_information_cov, m)?)?;
    m.add_function(wrap_pyfunction!(joint_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(marginal_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(conditional_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(conditional_mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(total_correlation, m)?)?;
    m.add_function(wrap_pyfunction!(dual_total_correlation, m)?)?;
    m.add_function(wrap_pyfunction!(co_information, m)?)?;
    m.add_function(wrap_pyfunction!(interaction_information, m)?)?;
    m.add_function(wrap_pyfunction!(o_information, m)?)?;
    m.add_function(wrap_pyfunction!(chain_rule_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(chain_rule_mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(mutual_information_from_labels, m)?)?;
    Ok(())
}
