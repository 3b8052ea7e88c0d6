//! DataFrame support: factorisation of object/string columns, the column-wise mutual
//! information of `mutual_info_table` / `sanov.sklearn`, and the mergeable summaries of
//! `sanov.dask` (`CountTable`, `CoMoments`) with their byte layouts.

use std::collections::HashMap;

use ndarray::Ix2;
use numpy::{IntoPyArray, PyArray1, PyArrayMethods, PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyFloat, PyInt, PyList, PyString};
use sanov::estimators::{
    mutual_information_per_column, AverageMethod, DiscreteEstimator, Feature, KsgOptions, Noise,
    NsbOptions,
};
use sanov::summaries;

use crate::convert::{self, detach, floats64, Workers};
use crate::error::{domain_error, IntoPy};

/// Factorises a 1-D NumPy object array (str, bytes, int, bool or float items; None, NaN and
/// pandas.NA are missing) into int64 codes in order of first appearance, -1 for missing.
/// Returns ``(codes, n_levels, first_missing_row or None)``. Equal values get equal codes with
/// Python's equality for numbers (``1 == 1.0 == True``).
#[pyfunction]
#[pyo3(signature = (values, arg="values"))]
fn _factorize_objects<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    arg: &str,
) -> PyResult<(Bound<'py, PyArray1<i64>>, usize, Option<usize>)> {
    let arr = values
        .cast::<PyArray1<Py<PyAny>>>()
        .map_err(|_| PyTypeError::new_err(format!("{arg}: expected a 1-D object array")))?
        .try_readonly()
        .map_err(|_| PyTypeError::new_err(format!("{arg} is being written elsewhere")))?;
    let view = arr.as_array();
    let mut strs: HashMap<String, i64> = HashMap::new();
    let mut bytes: HashMap<Vec<u8>, i64> = HashMap::new();
    let mut ints: HashMap<i64, i64> = HashMap::new();
    let mut floats: HashMap<u64, i64> = HashMap::new();
    let mut next = 0i64;
    let mut first_missing = None;
    let mut codes = Vec::with_capacity(view.len());
    let new_code = |next: &mut i64| {
        let c = *next;
        *next += 1;
        c
    };
    for (row, item) in view.iter().enumerate() {
        let o = item.bind(py);
        let code = if o.is_none() {
            -1
        } else if let Ok(s) = o.cast::<PyString>() {
            let s = s.to_cow()?;
            if let Some(&c) = strs.get(&*s) {
                c
            } else {
                let c = new_code(&mut next);
                strs.insert(s.into_owned(), c);
                c
            }
        } else if let Ok(b) = o.cast::<PyBool>() {
            *ints
                .entry(i64::from(b.is_true()))
                .or_insert_with(|| new_code(&mut next))
        } else if let Ok(i) = o.cast::<PyInt>() {
            let v: i64 = i.extract().map_err(|_| {
                domain_error(format!("{arg}[{row}] = {i} does not fit a 64-bit label"))
            })?;
            *ints.entry(v).or_insert_with(|| new_code(&mut next))
        } else if let Ok(f) = o.cast::<PyFloat>() {
            let v = f.value();
            if v.is_nan() {
                -1
            } else if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
                *ints.entry(v as i64).or_insert_with(|| new_code(&mut next))
            } else {
                *floats
                    .entry(v.to_bits())
                    .or_insert_with(|| new_code(&mut next))
            }
        } else if let Ok(b) = o.cast::<PyBytes>() {
            *bytes
                .entry(b.as_bytes().to_vec())
                .or_insert_with(|| new_code(&mut next))
        } else {
            let name = o.get_type().name()?.to_string();
            if name == "NAType" || name == "NaTType" {
                -1
            } else {
                return Err(PyTypeError::new_err(format!(
                    "{arg}[{row}] is a {name}; labels must be str, bytes, int, bool or float"
                )));
            }
        };
        if code < 0 && first_missing.is_none() {
            first_missing = Some(row);
        }
        codes.push(code);
    }
    Ok((codes.into_pyarray(py), next as usize, first_missing))
}

fn busy(arg: &str) -> PyErr {
    PyTypeError::new_err(format!("{arg} is being written elsewhere"))
}

/// A feature column: int64 arrays are discrete labels, float64 arrays continuous values.
enum Column<'py> {
    Labels(PyReadonlyArray1<'py, i64>),
    Values(PyReadonlyArray1<'py, f64>),
}

impl Column<'_> {
    fn extract<'py>(obj: &Bound<'py, PyAny>, arg: &str) -> PyResult<Column<'py>> {
        if let Ok(a) = obj.cast::<PyArray1<i64>>() {
            return Ok(Column::Labels(a.try_readonly().map_err(|_| busy(arg))?));
        }
        if let Ok(a) = obj.cast::<PyArray1<f64>>() {
            return Ok(Column::Values(a.try_readonly().map_err(|_| busy(arg))?));
        }
        Err(PyTypeError::new_err(format!(
            "{arg} must be a 1-D int64 (discrete) or float64 (continuous) array"
        )))
    }

    fn feature(&self) -> PyResult<Feature<'_>> {
        let contiguous = || PyTypeError::new_err("columns must be C-contiguous");
        Ok(match self {
            Column::Labels(a) => Feature::Discrete(a.as_slice().map_err(|_| contiguous())?),
            Column::Values(a) => Feature::Continuous(a.as_slice().map_err(|_| contiguous())?),
        })
    }

    fn len(&self) -> usize {
        match self {
            Column::Labels(a) => a.len(),
            Column::Values(a) => a.len(),
        }
    }
}

/// ``I(feature; target)`` for every feature (see ``sanov.estimators``'s
/// ``mutual_information_per_column``): int64 columns are discrete, float64 continuous; plug-in
/// for discrete pairs, KSG (algorithm 1) for continuous pairs, Ross for mixed pairs. Columns
/// run in parallel over ``workers`` threads.
#[pyfunction]
#[pyo3(signature = (features, target, k=3, *, standardize=false, clip_negative=false, jitter=None, seed=0, base=None, workers=None))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
fn _mutual_information_per_column<'py>(
    py: Python<'py>,
    features: &Bound<'py, PyList>,
    target: &Bound<'py, PyAny>,
    k: usize,
    standardize: bool,
    clip_negative: bool,
    jitter: Option<f64>,
    seed: u64,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let options = KsgOptions {
        k,
        standardize,
        clip_negative,
        noise: jitter.map_or(Noise::None, |scale| Noise::Jitter { scale, seed }),
        base: convert::base(base, "base")?,
        par: convert::par(workers.map(|w| w.0)),
        ..KsgOptions::default()
    };
    let cols = features
        .iter()
        .enumerate()
        .map(|(j, f)| Column::extract(&f, &format!("features[{j}]")))
        .collect::<PyResult<Vec<_>>>()?;
    let y = Column::extract(target, "target")?;
    let feats = cols
        .iter()
        .map(Column::feature)
        .collect::<PyResult<Vec<_>>>()?;
    let yf = y.feature()?;
    let v = detach(py, y.len() * feats.len().max(1), || {
        mutual_information_per_column(&feats, yf, &options)
    })
    .py_err()?;
    Ok(v.into_pyarray(py))
}

/// `(labels, counts)` arrays of one column.
type LabelCountArrays<'py> = (Bound<'py, PyArray1<i64>>, Bound<'py, PyArray1<u64>>);

/// Largest magnitude below which every integer-valued `f64` is exact.
const EXACT_INT: f64 = 9_007_199_254_740_992.0;

/// The columns of an `n × d` matrix: discrete columns as labels (the values themselves when
/// all are integers below 2^53 in magnitude, otherwise the index of the value among the sorted
/// distinct values, as `np.unique(..., return_inverse=True)`), continuous columns as values.
/// The columns are split over `threads` threads; each gathers its columns block by block of
/// rows (a block stays in cache while its columns are read), so `X` is read once per thread.
fn matrix_columns(
    x: ndarray::ArrayView2<'_, f64>,
    discrete: &[bool],
    threads: usize,
) -> Vec<Owned> {
    let d = x.ncols();
    let idx: Vec<usize> = (0..d).collect();
    let per = d.div_ceil(threads.clamp(1, d.max(1))).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = idx
            .chunks(per)
            .map(|js| s.spawn(move || gather(x, js, discrete)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("column extraction does not panic"))
            .collect()
    })
}

/// Columns `js` of `x` (see [`matrix_columns`]).
fn gather(x: ndarray::ArrayView2<'_, f64>, js: &[usize], discrete: &[bool]) -> Vec<Owned> {
    const BLOCK: usize = 2048;
    let n = x.nrows();
    let mut out: Vec<Owned> = js
        .iter()
        .map(|&j| {
            if discrete[j] {
                Owned::Labels(vec![0; n])
            } else {
                Owned::Values(vec![0.0; n])
            }
        })
        .collect();
    let mut integral = vec![true; js.len()];
    for start in (0..n).step_by(BLOCK) {
        let end = (start + BLOCK).min(n);
        let rows = x.slice(ndarray::s![start..end, ..]);
        for ((o, &j), ok) in out.iter_mut().zip(js).zip(&mut integral) {
            let col = rows.column(j);
            match o {
                Owned::Labels(l) => {
                    for (slot, &v) in l[start..end].iter_mut().zip(col) {
                        *ok &= v.fract() == 0.0 && v.abs() < EXACT_INT;
                        *slot = v as i64;
                    }
                }
                Owned::Values(c) => {
                    for (slot, &v) in c[start..end].iter_mut().zip(col) {
                        *slot = v;
                    }
                }
            }
        }
    }
    for ((o, &j), ok) in out.iter_mut().zip(js).zip(integral) {
        if let (Owned::Labels(l), false) = (&mut *o, ok) {
            let col = x.column(j);
            let mut levels: Vec<f64> = col.to_vec();
            levels.sort_unstable_by(f64::total_cmp);
            levels.dedup_by(|a, b| a == b);
            for (slot, v) in l.iter_mut().zip(col) {
                *slot = levels.partition_point(|u| u < v) as i64;
            }
        }
    }
    out
}

/// An owned feature column.
enum Owned {
    Labels(Vec<i64>),
    Values(Vec<f64>),
}

impl Owned {
    fn feature(&self) -> Feature<'_> {
        match self {
            Owned::Labels(v) => Feature::Discrete(v),
            Owned::Values(v) => Feature::Continuous(v),
        }
    }
}

/// ``I(x[:, j]; target)`` for every column of a 2-D float matrix (``discrete[j]``: the column
/// holds labels), as ``_mutual_information_per_column``; the columns are extracted in one
/// pass over the matrix with the GIL released.
#[pyfunction]
#[pyo3(signature = (x, discrete, target, k=3, *, clip_negative=false, base=None, workers=None))]
#[allow(clippy::too_many_arguments)]
fn _mutual_information_matrix<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    discrete: Vec<bool>,
    target: &Bound<'py, PyAny>,
    k: usize,
    clip_negative: bool,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let options = KsgOptions {
        k,
        clip_negative,
        base: convert::base(base, "base")?,
        par: convert::par(workers.map(|w| w.0)),
        ..KsgOptions::default()
    };
    let a = floats64(x, "X")?;
    let v = a
        .as_array()
        .into_dimensionality::<Ix2>()
        .map_err(|_| crate::error::shape_error("X must be 2-D"))?;
    if discrete.len() != v.ncols() {
        return Err(crate::error::shape_error(format!(
            "discrete has {} entries for {} columns",
            discrete.len(),
            v.ncols()
        )));
    }
    let y = Column::extract(target, "target")?;
    let yf = y.feature()?;
    let out = detach(py, v.len().max(1 << 20), || {
        let cols = matrix_columns(v, &discrete, options.par.degree());
        let feats: Vec<Feature<'_>> = cols.iter().map(Owned::feature).collect();
        mutual_information_per_column(&feats, yf, &options)
    })
    .py_err()?;
    Ok(out.into_pyarray(py))
}

/// A list of column indices from an int or a sequence of ints.
fn indices(obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<Vec<usize>> {
    if let Ok(i) = obj.extract::<usize>() {
        return Ok(vec![i]);
    }
    obj.extract::<Vec<usize>>().map_err(|_| {
        PyTypeError::new_err(format!("{arg} must be a column index or a list of them"))
    })
}

fn average_method(s: &str) -> PyResult<AverageMethod> {
    match s {
        "min" => Ok(AverageMethod::Min),
        "geometric" => Ok(AverageMethod::Geometric),
        "arithmetic" => Ok(AverageMethod::Arithmetic),
        "max" => Ok(AverageMethod::Max),
        _ => Err(domain_error(format!(
            "average_method must be 'min', 'geometric', 'arithmetic' or 'max', got {s:?}"
        ))),
    }
}

/// Exact joint counts of integer-label columns: a mergeable summary (``sanov.summaries``'s
/// ``CountTable``). ``CountTable(columns)`` counts the rows of equal-length int arrays;
/// ``a.merge(b)`` is the table of both row sets; measures evaluated on a merged table are
/// bit-for-bit those of one table over all rows. ``to_bytes()`` / ``CountTable.from_bytes``:
/// the versioned layout of docs/definitions.md (also used by pickle).
#[pyclass(module = "sanov._sanov", frozen, eq)]
#[derive(Clone, PartialEq)]
struct CountTable(summaries::CountTable);

#[pymethods]
impl CountTable {
    #[new]
    fn new(py: Python<'_>, columns: Vec<Bound<'_, PyAny>>) -> PyResult<Self> {
        let arrays = columns
            .iter()
            .enumerate()
            .map(|(j, c)| convert::labels(c, &format!("columns[{j}]")))
            .collect::<PyResult<Vec<_>>>()?;
        let owned: Vec<Vec<i64>> = arrays.iter().map(|a| a.as_array().to_vec()).collect();
        let slices: Vec<&[i64]> = owned.iter().map(Vec::as_slice).collect();
        let n = slices.first().map_or(0, |s| s.len());
        detach(py, n, || summaries::CountTable::from_columns(&slices))
            .py_err()
            .map(Self)
    }

    /// The table of no rows of ``arity`` columns.
    #[staticmethod]
    fn empty(arity: usize) -> PyResult<Self> {
        summaries::CountTable::empty(arity).py_err().map(Self)
    }

    /// The table of both row sets (neither operand changes).
    fn merge(&self, other: &CountTable) -> PyResult<Self> {
        let mut t = self.0.clone();
        t.merge(&other.0).py_err()?;
        Ok(Self(t))
    }

    /// Number of columns.
    #[getter]
    fn arity(&self) -> usize {
        self.0.arity()
    }

    /// Number of rows counted.
    #[getter]
    fn total(&self) -> u64 {
        self.0.total()
    }

    /// Number of distinct rows.
    #[getter]
    fn distinct(&self) -> usize {
        self.0.rows()
    }

    /// ``(labels, counts)`` of one column, labels increasing.
    fn label_counts<'py>(&self, py: Python<'py>, col: usize) -> PyResult<LabelCountArrays<'py>> {
        let t = self.0.label_counts(col).py_err()?;
        Ok((
            t.labels().to_vec().into_pyarray(py),
            t.counts().to_vec().into_pyarray(py),
        ))
    }

    /// The entropy estimate of the column(s) ``cols``: estimator "plugin", "miller_madow",
    /// "grassberger", "chao_shen" or "nsb" (NSB needs ``alphabet_size``; its posterior mean).
    #[pyo3(signature = (cols, estimator="plugin", base=None, alphabet_size=None))]
    fn entropy(
        &self,
        cols: &Bound<'_, PyAny>,
        estimator: &str,
        base: Option<&Bound<'_, PyAny>>,
        alphabet_size: Option<usize>,
    ) -> PyResult<f64> {
        let e = match (estimator, alphabet_size) {
            ("plugin", _) => DiscreteEstimator::PlugIn,
            ("miller_madow", _) => DiscreteEstimator::MillerMadow,
            ("grassberger", _) => DiscreteEstimator::Grassberger,
            ("chao_shen", _) => DiscreteEstimator::ChaoShen,
            ("nsb", Some(k)) => DiscreteEstimator::Nsb(NsbOptions {
                alphabet_size: k,
                ..NsbOptions::default()
            }),
            ("nsb", None) => return Err(domain_error("estimator 'nsb' needs alphabet_size")),
            _ => {
                return Err(domain_error(format!(
                    "estimator must be 'plugin', 'miller_madow', 'grassberger', 'chao_shen' \
                     or 'nsb', got {estimator:?}"
                )))
            }
        };
        self.0
            .entropy(&indices(cols, "cols")?, &e, convert::base(base, "base")?)
            .py_err()
    }

    /// Plug-in ``I(X; Y)`` of the column groups ``x`` and ``y``.
    #[pyo3(signature = (x, y, base=None))]
    fn mutual_information(
        &self,
        x: &Bound<'_, PyAny>,
        y: &Bound<'_, PyAny>,
        base: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<f64> {
        self.0
            .mutual_information(
                &indices(x, "x")?,
                &indices(y, "y")?,
                convert::base(base, "base")?,
            )
            .py_err()
    }

    /// Plug-in ``H(X | Y)`` of the column groups ``x`` given ``y``.
    #[pyo3(signature = (x, y, base=None))]
    fn conditional_entropy(
        &self,
        x: &Bound<'_, PyAny>,
        y: &Bound<'_, PyAny>,
        base: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<f64> {
        self.0
            .conditional_entropy(
                &indices(x, "x")?,
                &indices(y, "y")?,
                convert::base(base, "base")?,
            )
            .py_err()
    }

    /// Plug-in ``I(X; Y | Z)`` of three disjoint column groups.
    #[pyo3(signature = (x, y, z, base=None))]
    fn conditional_mutual_information(
        &self,
        x: &Bound<'_, PyAny>,
        y: &Bound<'_, PyAny>,
        z: &Bound<'_, PyAny>,
        base: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<f64> {
        self.0
            .conditional_mutual_information(
                &indices(x, "x")?,
                &indices(y, "y")?,
                &indices(z, "z")?,
                convert::base(base, "base")?,
            )
            .py_err()
    }

    /// NMI of columns ``x`` and ``y`` (scikit-learn's ``normalized_mutual_info_score``).
    #[pyo3(signature = (x, y, average_method="arithmetic"))]
    fn normalized_mutual_information(
        &self,
        x: usize,
        y: usize,
        average_method: &str,
    ) -> PyResult<f64> {
        self.0
            .normalized_mutual_information(x, y, self::average_method(average_method)?)
            .py_err()
    }

    /// AMI of columns ``x`` and ``y`` (scikit-learn's ``adjusted_mutual_info_score``).
    #[pyo3(signature = (x, y, average_method="arithmetic"))]
    fn adjusted_mutual_information(
        &self,
        x: usize,
        y: usize,
        average_method: &str,
    ) -> PyResult<f64> {
        self.0
            .adjusted_mutual_information(x, y, self::average_method(average_method)?)
            .py_err()
    }

    /// The serialised table (layout ``SNCT`` version 1, docs/definitions.md).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.to_bytes())
    }

    /// Reads ``to_bytes()`` output (DomainError if malformed).
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<Self> {
        summaries::CountTable::from_bytes(data).py_err().map(Self)
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let f = py
            .import("sanov._sanov")?
            .getattr("_count_table_from_bytes")?;
        Ok((f, (self.to_bytes(py),)))
    }

    fn __repr__(&self) -> String {
        format!(
            "CountTable(arity={}, total={}, distinct={})",
            self.0.arity(),
            self.0.total(),
            self.0.rows()
        )
    }
}

/// Count, means and co-moment matrix of continuous columns, merged by Chan et al.'s pairwise
/// update: the mergeable summary of the Gaussian measures (``sanov.summaries``'s
/// ``CoMoments``). ``CoMoments(x)`` summarises the rows of a 2-D float array.
#[pyclass(module = "sanov._sanov", frozen, eq)]
#[derive(Clone, PartialEq)]
struct CoMoments(summaries::CoMoments);

#[pymethods]
impl CoMoments {
    #[new]
    fn new(py: Python<'_>, x: &Bound<'_, PyAny>) -> PyResult<Self> {
        let a = floats64(x, "x")?;
        let v = a.as_array();
        let v = v
            .into_dimensionality::<Ix2>()
            .map_err(|_| crate::error::shape_error("x must be 2-D (rows = samples)"))?;
        detach(py, v.len(), || summaries::CoMoments::from_rows(v))
            .py_err()
            .map(Self)
    }

    /// The summary of no rows of ``dim`` columns.
    #[staticmethod]
    fn empty(dim: usize) -> PyResult<Self> {
        summaries::CoMoments::empty(dim).py_err().map(Self)
    }

    /// The summary of both row sets (neither operand changes).
    fn merge(&self, other: &CoMoments) -> PyResult<Self> {
        let mut t = self.0.clone();
        t.merge(&other.0).py_err()?;
        Ok(Self(t))
    }

    /// Number of rows.
    #[getter]
    fn count(&self) -> u64 {
        self.0.count()
    }

    /// Column means.
    #[getter]
    fn mean<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        self.0.mean().to_vec().into_pyarray(py)
    }

    /// Sample covariance ``M / (n - 1)``.
    fn covariance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, numpy::PyArray2<f64>>> {
        Ok(self.0.covariance().py_err()?.into_pyarray(py))
    }

    /// Gaussian ``I(X; Y)`` of the column groups ``x``, ``y``.
    #[pyo3(signature = (x, y, base=None))]
    fn gaussian_mutual_information(
        &self,
        x: &Bound<'_, PyAny>,
        y: &Bound<'_, PyAny>,
        base: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<f64> {
        self.0
            .gaussian_mutual_information(
                &indices(x, "x")?,
                &indices(y, "y")?,
                convert::base(base, "base")?,
            )
            .py_err()
    }

    /// Gaussian total correlation of ``cols`` (None: every column).
    #[pyo3(signature = (cols=None, base=None))]
    fn gaussian_total_correlation(
        &self,
        cols: Option<&Bound<'_, PyAny>>,
        base: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<f64> {
        let c = match cols {
            Some(c) => indices(c, "cols")?,
            None => Vec::new(),
        };
        self.0
            .gaussian_total_correlation(&c, convert::base(base, "base")?)
            .py_err()
    }

    /// The serialised summary (layout ``SNCM`` version 1, docs/definitions.md).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.to_bytes())
    }

    /// Reads ``to_bytes()`` output (DomainError if malformed).
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<Self> {
        summaries::CoMoments::from_bytes(data).py_err().map(Self)
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let f = py
            .import("sanov._sanov")?
            .getattr("_comoments_from_bytes")?;
        Ok((f, (self.to_bytes(py),)))
    }

    fn __repr__(&self) -> String {
        format!("CoMoments(dim={}, count={})", self.0.dim(), self.0.count())
    }
}

/// Unpickling helper: ``CountTable.from_bytes``.
#[pyfunction]
fn _count_table_from_bytes(data: &[u8]) -> PyResult<CountTable> {
    CountTable::from_bytes(data)
}

/// Unpickling helper: ``CoMoments.from_bytes``.
#[pyfunction]
fn _comoments_from_bytes(data: &[u8]) -> PyResult<CoMoments> {
    CoMoments::from_bytes(data)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_factorize_objects, m)?)?;
    m.add_function(wrap_pyfunction!(_mutual_information_per_column, m)?)?;
    m.add_function(wrap_pyfunction!(_mutual_information_matrix, m)?)?;
    m.add_function(wrap_pyfunction!(_count_table_from_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(_comoments_from_bytes, m)?)?;
    m.add_class::<CountTable>()?;
    m.add_class::<CoMoments>()?;
    Ok(())
}
