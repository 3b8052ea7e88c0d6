//! Bindings of `sanov::coding`: Huffman and Shannon codes, Kraft sums, code lengths.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use sanov::coding;

use crate::convert::{self, detach, Int, Workers};
use crate::error::{domain_error, IntoPy};
use crate::types::nonneg_ints;

fn probability(obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<Vec<f64>> {
    let a = convert::floats64(obj, arg)?;
    Ok(convert::vector(&a, arg)?.into_owned())
}

fn symbols(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    nonneg_ints(obj, "sequence")?
        .into_iter()
        .map(|v| usize::try_from(v).map_err(|_| domain_error("sequence: symbol too large")))
        .collect()
}

/// The binary Huffman code of ``p`` (Huffman 1952).
///
/// Ties are broken by node id (symbols 0..m, merged nodes m, m+1, ... in creation order): the
/// smaller (weight, id) is taken first and becomes the '0' child, as a heapq of (weight, id)
/// pairs does. Zero-probability symbols get codewords too (the longest); a single symbol gets
/// the empty codeword.
///
/// Parameters
/// ----------
/// p : array_like
///     A probability vector (1-D).
/// workers : int, optional
///     Threads for the radix sort of the weights and the codewords, from 32 768 symbols on
///     (None or 0: every thread of the pool; 1: the calling thread). The code is the same.
///
/// Returns
/// -------
/// tuple
///     (codewords: list of str, lengths: int64 ndarray, expected_length: float, bits/symbol).
///
/// Examples
/// --------
/// >>> codes, lengths, expected = sanov.huffman_code([0.5, 0.25, 0.25])
/// >>> " ".join(codes), lengths.tolist(), expected
/// ('0 10 11', [1, 2, 2], 1.5)
#[pyfunction]
#[pyo3(signature = (p, *, workers=None))]
fn huffman_code<'py>(
    py: Python<'py>,
    p: &Bound<'py, PyAny>,
    workers: Option<Workers>,
) -> PyResult<(Vec<String>, Bound<'py, PyAny>, f64)> {
    let p = probability(p, "p")?;
    let par = convert::par(workers.map(|w| w.0));
    let c = detach(py, p.len(), || coding::huffman_code_par(&p, par)).py_err()?;
    let lengths: Vec<i64> = c.lengths.iter().map(|&l| i64::from(l)).collect();
    Ok((
        c.codewords,
        lengths.into_pyarray(py).into_any(),
        c.expected_length,
    ))
}

/// Expected length of the binary Huffman code of ``p``, bits/symbol (H <= L < H + 1).
///
/// Parameters
/// ----------
/// p : array_like
///     A probability vector (1-D).
///
/// Returns
/// -------
/// float
///
/// Examples
/// --------
/// >>> sanov.huffman_expected_length([0.5, 0.25, 0.125, 0.125])
/// 1.75
#[pyfunction]
fn huffman_expected_length(py: Python<'_>, p: &Bound<'_, PyAny>) -> PyResult<f64> {
    let p = probability(p, "p")?;
    detach(py, p.len(), || coding::huffman_expected_length(&p)).py_err()
}

/// Expected length of the Shannon code, sum_i p_i ceil(-log2 p_i), bits/symbol.
///
/// Parameters
/// ----------
/// p : array_like
///     A probability vector (1-D); terms with p_i = 0 are 0.
///
/// Returns
/// -------
/// float
///
/// Examples
/// --------
/// >>> sanov.shannon_code_expected_length([0.5, 0.25, 0.25])
/// 1.5
#[pyfunction]
fn shannon_code_expected_length(py: Python<'_>, p: &Bound<'_, PyAny>) -> PyResult<f64> {
    let p = probability(p, "p")?;
    detach(py, p.len(), || coding::shannon_code_expected_length(&p)).py_err()
}

/// The Kraft sum sum_i 2^(-l_i) of binary codeword lengths (a prefix code exists iff <= 1).
///
/// Parameters
/// ----------
/// lengths : array_like of int
///     Non-negative codeword lengths (1-D).
///
/// Returns
/// -------
/// float
///
/// Examples
/// --------
/// >>> sanov.kraft_sum([1, 2, 3, 3])
/// 1.0
#[pyfunction]
fn kraft_sum(lengths: &Bound<'_, PyAny>) -> PyResult<f64> {
    let l: Vec<u32> = nonneg_ints(lengths, "lengths")?
        .into_iter()
        .map(|v| u32::try_from(v).unwrap_or(u32::MAX))
        .collect();
    coding::kraft_sum(&l).py_err()
}

/// Ideal code length of a sequence, -sum_t log2 p(x_t), in bits (inf if some p(x_t) = 0).
///
/// Parameters
/// ----------
/// sequence : array_like of int
///     Symbols, each in 0..len(p).
/// p : array_like
///     A probability vector (1-D).
///
/// Returns
/// -------
/// float
///
/// Examples
/// --------
/// >>> sanov.ideal_code_length([0, 1, 1], [0.5, 0.25, 0.25])
/// 5.0
#[pyfunction]
fn ideal_code_length(
    py: Python<'_>,
    sequence: &Bound<'_, PyAny>,
    p: &Bound<'_, PyAny>,
) -> PyResult<f64> {
    let x = symbols(sequence)?;
    let p = probability(p, "p")?;
    detach(py, x.len(), || coding::ideal_code_length(&x, &p)).py_err()
}

/// Length in bits of the arithmetic code of ``sequence`` under ``p`` (an integer coder with
/// 64-bit state, Witten, Neal & Cleary 1987): within 2 bits of ``ideal_code_length``.
///
/// Parameters
/// ----------
/// sequence : array_like of int
///     Symbols, each in 0..len(p), none of probability 0.
/// p : array_like
///     A probability vector (1-D), at most 2^24 symbols.
///
/// Returns
/// -------
/// int
///
/// Examples
/// --------
/// >>> sanov.arithmetic_code_length([0, 1, 1], [0.5, 0.25, 0.25])  # ideal: 5 bits
/// 7
#[pyfunction]
fn arithmetic_code_length(
    py: Python<'_>,
    sequence: &Bound<'_, PyAny>,
    p: &Bound<'_, PyAny>,
) -> PyResult<u64> {
    let x = symbols(sequence)?;
    let p = probability(p, "p")?;
    detach(py, x.len(), || coding::arithmetic_code_length(&x, &p)).py_err()
}

/// Codeword lengths (a non-negative int list) from an int array-like.
fn code_lengths(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
    nonneg_ints(obj, "lengths")?
        .into_iter()
        .map(|v| u32::try_from(v).map_err(|_| domain_error("lengths: a length above 2^32 - 1")))
        .collect()
}

/// Codeword lengths of the binary Huffman code of ``p`` (the lengths of :func:`huffman_code`).
///
/// Parameters
/// ----------
/// p : array_like
///     A probability vector (1-D).
/// workers : int, optional
///     Threads for the radix sort of the weights and the codewords, from 32 768 symbols on
///     (None or 0: every thread of the pool; 1: the calling thread). The code is the same.
///
/// Returns
/// -------
/// ndarray of int64
///
/// Examples
/// --------
/// >>> sanov.huffman_code_lengths([0.5, 0.25, 0.25]).tolist()
/// [1, 2, 2]
#[pyfunction]
#[pyo3(signature = (p, *, workers=None))]
fn huffman_code_lengths<'py>(
    py: Python<'py>,
    p: &Bound<'py, PyAny>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let p = probability(p, "p")?;
    let par = convert::par(workers.map(|w| w.0));
    let l = detach(py, p.len(), || coding::huffman_code_lengths_par(&p, par)).py_err()?;
    let l: Vec<i64> = l.into_iter().map(i64::from).collect();
    Ok(l.into_pyarray(py).into_any())
}

/// Shannon code lengths ceil(-log2 p_i) in bits; None for a symbol of probability 0 (no
/// codeword).
///
/// Parameters
/// ----------
/// p : array_like
///     A probability vector (1-D).
///
/// Returns
/// -------
/// list of int or None
///
/// Examples
/// --------
/// >>> sanov.shannon_code_lengths([0.5, 0.3, 0.2, 0.0])
/// [1, 2, 3, None]
#[pyfunction]
fn shannon_code_lengths(py: Python<'_>, p: &Bound<'_, PyAny>) -> PyResult<Vec<Option<u32>>> {
    let p = probability(p, "p")?;
    detach(py, p.len(), || coding::shannon_code_lengths(&p)).py_err()
}

/// Whether a binary prefix code with these codeword lengths exists: sum_i 2^-l_i <= 1,
/// decided exactly (in integers, not by the rounded :func:`kraft_sum`).
///
/// Parameters
/// ----------
/// lengths : array_like of int
///     Non-negative codeword lengths (1-D, not empty).
///
/// Returns
/// -------
/// bool
///
/// Examples
/// --------
/// >>> sanov.kraft_inequality_holds([1, 2, 3, 3]), sanov.kraft_inequality_holds([1, 1, 2])
/// (True, False)
#[pyfunction]
fn kraft_inequality_holds(lengths: &Bound<'_, PyAny>) -> PyResult<bool> {
    let l = code_lengths(lengths)?;
    coding::kraft_inequality_holds(&l).py_err()
}

/// Arithmetic code of ``sequence`` under the i.i.d. model ``p`` (at most 2 bits above the
/// ideal code length -sum_t log2 p(x_t)).
///
/// Parameters
/// ----------
/// sequence : array_like of int
///     Symbols in 0..len(p) (1-D, not empty); every symbol must have p > 0.
/// p : array_like
///     A probability vector (1-D).
///
/// Returns
/// -------
/// tuple
///     (code: bytes, most significant bit first, padded with zeros; bit_length: int).
///
/// Examples
/// --------
/// >>> code, bits = sanov.arithmetic_encode([0, 0, 1, 0], [0.75, 0.25])
/// >>> sanov.arithmetic_decode(code, bits, 4, [0.75, 0.25]).tolist()
/// [0, 0, 1, 0]
#[pyfunction]
fn arithmetic_encode<'py>(
    py: Python<'py>,
    sequence: &Bound<'py, PyAny>,
    p: &Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyBytes>, u64)> {
    let x = symbols(sequence)?;
    let p = probability(p, "p")?;
    let c = detach(py, x.len(), || coding::arithmetic_encode(&x, &p)).py_err()?;
    Ok((PyBytes::new(py, &c.bytes), c.bit_len))
}

/// Decodes ``length`` symbols from an arithmetic code made by :func:`arithmetic_encode` with
/// the same model ``p``.
///
/// Parameters
/// ----------
/// code : bytes
///     The code bytes.
/// bit_length : int
///     The number of bits of the code (at most 8 * len(code)).
/// length : int
///     The number of symbols to decode (>= 1).
/// p : array_like
///     The probability vector used to encode.
///
/// Returns
/// -------
/// ndarray of int64
///
/// Examples
/// --------
/// >>> code, bits = sanov.arithmetic_encode([2, 0, 1], [0.5, 0.25, 0.25])
/// >>> sanov.arithmetic_decode(code, bits, 3, [0.5, 0.25, 0.25]).tolist()
/// [2, 0, 1]
#[pyfunction]
fn arithmetic_decode<'py>(
    py: Python<'py>,
    code: &[u8],
    bit_length: Int,
    length: Int,
    p: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let bit_length = bit_length.u64("bit_length")?;
    let length = length.usize("length")?;
    let p = probability(p, "p")?;
    let c = coding::ArithmeticCode {
        bytes: code.to_vec(),
        bit_len: bit_length,
    };
    let x = detach(py, length, || coding::arithmetic_decode(&c, length, &p)).py_err()?;
    let x: Vec<i64> = x.into_iter().map(|v| v as i64).collect();
    Ok(x.into_pyarray(py).into_any())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(huffman_code, m)?)?;
    m.add_function(wrap_pyfunction!(huffman_expected_length, m)?)?;
    m.add_function(wrap_pyfunction!(shannon_code_expected_length, m)?)?;
    m.add_function(wrap_pyfunction!(kraft_sum, m)?)?;
    m.add_function(wrap_pyfunction!(ideal_code_length, m)?)?;
    m.add_function(wrap_pyfunction!(arithmetic_code_length, m)?)?;
    m.add_function(wrap_pyfunction!(huffman_code_lengths, m)?)?;
    m.add_function(wrap_pyfunction!(shannon_code_lengths, m)?)?;
    m.add_function(wrap_pyfunction!(kraft_inequality_holds, m)?)?;
    m.add_function(wrap_pyfunction!(arithmetic_encode, m)?)?;
    m.add_function(wrap_pyfunction!(arithmetic_decode, m)?)?;
    Ok(())
}
