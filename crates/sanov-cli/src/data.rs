//! Reading data files into typed columns: CSV/TSV (parallel, allocation-free per field), NPY.
//!
//! Column types are inferred: a column is `Int` while every field parses as an `i64`, `Float`
//! once a field is a non-integer number, and `Str` (factorised to integer codes) once a field is
//! not a number. Empty fields, NaN and ±inf are errors naming the file, line and column.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;

use crate::progress;

/// The values of one column.
#[derive(Debug, Clone)]
pub enum Values {
    /// Integers.
    Int(Vec<i64>),
    /// Finite floating-point numbers.
    Float(Vec<f64>),
    /// Strings, factorised: `codes[i]` indexes `levels` (in order of first appearance).
    Str {
        /// One code per row.
        codes: Vec<i64>,
        /// The distinct strings.
        levels: Vec<String>,
    },
}

impl Values {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Self::Int(v) => v.len(),
            Self::Float(v) => v.len(),
            Self::Str { codes, .. } => codes.len(),
        }
    }

    /// The column as integer labels: integers as they are, strings by code, floats only when
    /// every value is an integer of magnitude below 2^53.
    pub fn labels(&self) -> Option<Cow<'_, [i64]>> {
        match self {
            Self::Int(v) => Some(Cow::Borrowed(v)),
            Self::Str { codes, .. } => Some(Cow::Borrowed(codes)),
            Self::Float(v) => {
                if v.iter()
                    .all(|x| x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0)
                {
                    Some(Cow::Owned(v.iter().map(|&x| x as i64).collect()))
                } else {
                    None
                }
            }
        }
    }

    /// The column as numbers (`None` for strings).
    pub fn floats(&self) -> Option<Cow<'_, [f64]>> {
        match self {
            Self::Int(v) => Some(Cow::Owned(v.iter().map(|&x| x as f64).collect())),
            Self::Float(v) => Some(Cow::Borrowed(v)),
            Self::Str { .. } => None,
        }
    }
}

/// One named column.
#[derive(Debug, Clone)]
pub struct Column {
    /// The header name (or the 0-based index as text when there is no header).
    pub name: String,
    /// The values.
    pub values: Values,
}

/// A table read from a file.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file, as given (for messages).
    pub path: String,
    /// The columns, in file order.
    pub columns: Vec<Column>,
    /// Number of data rows.
    pub rows: usize,
    /// The numbers were stored in single precision (a float32 `.npy` or Parquet FLOAT).
    pub single_precision: bool,
}

impl Table {
    /// The index of the column called `key`, or at 0-based position `key` when no column has
    /// that name.
    pub fn find(&self, key: &str) -> Result<usize> {
        if let Some(i) = self.columns.iter().position(|c| c.name == key) {
            return Ok(i);
        }
        if let Ok(i) = key.parse::<usize>() {
            if i < self.columns.len() {
                return Ok(i);
            }
        }
        let names: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
        bail!(
            "{}: no column '{key}' (columns: {})",
            self.path,
            abbreviate(&names)
        )
    }
}

fn abbreviate(names: &[&str]) -> String {
    if names.len() <= 12 {
        names.join(", ")
    } else {
        format!("{}, ... ({} in all)", names[..10].join(", "), names.len())
    }
}

/// Whether the first row of a CSV file is a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// It is.
    Yes,
    /// It is not.
    No,
    /// A header when any of its fields is not a number.
    Auto,
}

/// How to read a file.
#[derive(Debug, Clone, Copy)]
pub struct ReadSpec {
    /// Header rule for CSV.
    pub header: Header,
    /// Field delimiter for CSV (`None`: tab for `.tsv`, else comma).
    pub delimiter: Option<u8>,
}

/// Reads a table, choosing the format by the file extension (`.npy`; `.parquet`; anything
/// else is read as CSV/TSV).
pub fn read_table(path: &Path, spec: ReadSpec) -> Result<Table> {
    let shown = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext == "parquet" || ext == "pq" {
        let file =
            std::fs::File::open(path).with_context(|| format!("{shown}: cannot read the file"))?;
        return crate::parquet::read_parquet(&shown, file);
    }
    let bytes = std::fs::read(path).with_context(|| format!("{shown}: cannot read the file"))?;
    if ext == "npy" {
        return read_npy(&shown, &bytes);
    }
    let delimiter = match spec.delimiter {
        Some(d) => d,
        None if ext == "tsv" || ext == "tab" => b'\t',
        None => b',',
    };
    read_csv(&shown, &bytes, spec.header, delimiter)
}

// ---------------------------------------------------------------------------------------------
// CSV

/// A column being built from text fields.
pub(crate) enum Builder {
    Int(Vec<i64>),
    Float(Vec<f64>),
    Str(StrBuilder),
}

#[derive(Default)]
pub(crate) struct StrBuilder {
    codes: Vec<u32>,
    map: HashMap<Vec<u8>, u32>,
    levels: Vec<Vec<u8>>,
}

impl StrBuilder {
    pub(crate) fn push(&mut self, f: &[u8]) {
        let code = if let Some(&c) = self.map.get(f) {
            c
        } else {
            let c = self.levels.len() as u32;
            self.map.insert(f.to_vec(), c);
            self.levels.push(f.to_vec());
            c
        };
        self.codes.push(code);
    }
}

/// Why a field was rejected.
enum FieldError {
    Missing,
    NonFinite(String),
}

impl FieldError {
    fn describe(&self) -> String {
        match self {
            Self::Missing => "missing value (empty field); values must be present".into(),
            Self::NonFinite(s) if s.to_ascii_lowercase().contains("nan") => {
                format!("'{s}' is not a number (NaN); values must be finite numbers")
            }
            Self::NonFinite(s) => format!("'{s}' is infinite; values must be finite numbers"),
        }
    }
}

fn trim(mut f: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b'\r', rest @ ..] = f {
        f = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r'] = f {
        f = rest;
    }
    f
}

/// Parses a decimal integer (optional sign, digits only, no overflow).
fn parse_i64(f: &[u8]) -> Option<i64> {
    let (neg, digits) = match f {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, f),
    };
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    let mut v: i64 = 0;
    for &b in digits {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v.checked_mul(10)?.checked_sub(i64::from(d))?;
    }
    if neg {
        Some(v)
    } else {
        v.checked_neg()
    }
}

/// Parses a number (`Err(())` for text that is not one).
fn parse_f64(f: &[u8]) -> Option<f64> {
    std::str::from_utf8(f).ok()?.parse::<f64>().ok()
}

fn format_f64(x: f64) -> Vec<u8> {
    format!("{x}").into_bytes()
}

impl Builder {
    fn push(&mut self, field: &[u8]) -> std::result::Result<(), FieldError> {
        let f = trim(field);
        if f.is_empty() {
            return Err(FieldError::Missing);
        }
        let nonfinite = || FieldError::NonFinite(String::from_utf8_lossy(f).into_owned());
        match self {
            Self::Int(v) => {
                if let Some(x) = parse_i64(f) {
                    v.push(x);
                } else if let Some(x) = parse_f64(f) {
                    if !x.is_finite() {
                        return Err(nonfinite());
                    }
                    let mut w: Vec<f64> = v.iter().map(|&i| i as f64).collect();
                    w.push(x);
                    *self = Self::Float(w);
                } else {
                    let mut s = StrBuilder::default();
                    for &i in v.iter() {
                        s.push(i.to_string().as_bytes());
                    }
                    s.push(f);
                    *self = Self::Str(s);
                }
            }
            Self::Float(v) => {
                if let Some(x) = parse_f64(f) {
                    if !x.is_finite() {
                        return Err(nonfinite());
                    }
                    v.push(x);
                } else {
                    let mut s = StrBuilder::default();
                    for &x in v.iter() {
                        s.push(&format_f64(x));
                    }
                    s.push(f);
                    *self = Self::Str(s);
                }
            }
            Self::Str(s) => s.push(f),
        }
        Ok(())
    }
}

/// Splits `body` into about `parts` pieces at line ends.
fn split_lines(body: &[u8], parts: usize) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(parts);
    let mut start = 0;
    for i in 1..parts {
        let target = (body.len() * i / parts).max(start);
        if target >= body.len() {
            break;
        }
        let Some(nl) = memchr::memchr(b'\n', &body[target..]) else {
            break;
        };
        let end = target + nl + 1;
        out.push(&body[start..end]);
        start = end;
    }
    out.push(&body[start..]);
    out
}

fn is_number(f: &[u8]) -> bool {
    let f = trim(f);
    parse_i64(f).is_some() || parse_f64(f).is_some()
}

fn read_csv(path: &str, bytes: &[u8], header: Header, delimiter: u8) -> Result<Table> {
    // A UTF-8 byte-order mark (spreadsheet exports) is not part of the first name.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The first record: the header, or the first data row.
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(bytes);
    let mut first = csv::ByteRecord::new();
    let got = rdr
        .read_byte_record(&mut first)
        .map_err(|e| anyhow!("{path}: line 1: {e}"))?;
    if !got {
        bail!("{path}: the file is empty (no header and no rows)");
    }
    let is_header = match header {
        Header::Yes => true,
        Header::No => false,
        Header::Auto => !first.iter().all(is_number),
    };
    let ncols = first.len();
    let names: Vec<String> = if is_header {
        first
            .iter()
            .map(|f| String::from_utf8_lossy(trim(f)).into_owned())
            .collect()
    } else {
        (0..ncols).map(|i| i.to_string()).collect()
    };
    let (body_start, first_line) = if is_header {
        let pos = rdr.position();
        (pos.byte() as usize, pos.line())
    } else {
        (first.position().map_or(0, |p| p.byte() as usize), 1)
    };
    let body = &bytes[body_start.min(bytes.len())..];
    if body.iter().all(u8::is_ascii_whitespace) {
        bail!("{path}: no data rows");
    }

    // Quoted fields may hold line breaks: only unquoted files are split for parallel parsing.
    let quoted = memchr::memchr(b'"', body).is_some();
    let parts = if quoted || body.len() < (1 << 20) {
        1
    } else {
        (rayon::current_num_threads() * 8)
            .min(body.len() >> 20)
            .max(1)
    };
    let chunks = split_lines(body, parts);
    let line_counts: Vec<u64> = chunks
        .par_iter()
        .map(|c| memchr::memchr_iter(b'\n', c).count() as u64)
        .collect();
    let mut starts = Vec::with_capacity(chunks.len());
    let mut line = first_line;
    for n in &line_counts {
        starts.push(line);
        line += n;
    }
    let bar = progress::bar(chunks.len() as u64, body.len() > (64 << 20), "reading");
    let parsed: Vec<Result<Vec<Builder>>> = chunks
        .par_iter()
        .zip(starts.par_iter())
        .map(|(chunk, &start)| {
            let r = parse_chunk(path, chunk, start, &names, delimiter);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut parsed_ok = Vec::with_capacity(parsed.len());
    for p in parsed {
        parsed_ok.push(p?);
    }
    let columns = merge(names, parsed_ok);
    let rows = columns.first().map_or(0, |c| c.values.len());
    Ok(Table {
        path: path.to_string(),
        columns,
        rows,
        single_precision: false,
    })
}

fn parse_chunk(
    path: &str,
    chunk: &[u8],
    first_line: u64,
    names: &[String],
    delimiter: u8,
) -> Result<Vec<Builder>> {
    let ncols = names.len();
    let lines = memchr::memchr_iter(b'\n', chunk).count() + 1;
    let mut builders: Vec<Builder> = (0..ncols)
        .map(|_| Builder::Int(Vec::with_capacity(lines)))
        .collect();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(chunk);
    let mut rec = csv::ByteRecord::new();
    loop {
        let got = rdr.read_byte_record(&mut rec).map_err(|e| {
            let line = e
                .position()
                .map_or(first_line, |p| first_line + p.line() - 1);
            anyhow!("{path}: line {line}: malformed CSV: {e}")
        })?;
        if !got {
            break;
        }
        let line = rec
            .position()
            .map_or(first_line, |p| first_line + p.line() - 1);
        if rec.len() != ncols {
            bail!(
                "{path}: line {line}: malformed row: {} fields, expected {ncols} (as in the first row)",
                rec.len()
            );
        }
        for ((b, f), name) in builders.iter_mut().zip(rec.iter()).zip(names) {
            b.push(f)
                .map_err(|e| anyhow!("{path}: line {line}, column '{name}': {}", e.describe()))?;
        }
    }
    Ok(builders)
}

/// Concatenates the chunks' columns, unifying their types (Int < Float < Str).
fn merge(names: Vec<String>, parsed: Vec<Vec<Builder>>) -> Vec<Column> {
    let ncols = names.len();
    let mut per_col: Vec<Vec<Builder>> = (0..ncols).map(|_| Vec::new()).collect();
    for chunk in parsed {
        for (j, b) in chunk.into_iter().enumerate() {
            per_col[j].push(b);
        }
    }
    names
        .into_iter()
        .zip(per_col)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(name, parts)| Column {
            name,
            values: merge_column(parts),
        })
        .collect()
}

pub(crate) fn merge_column(parts: Vec<Builder>) -> Values {
    let any_str = parts.iter().any(|b| matches!(b, Builder::Str(_)));
    let any_float = parts.iter().any(|b| matches!(b, Builder::Float(_)));
    let total: usize = parts
        .iter()
        .map(|b| match b {
            Builder::Int(v) => v.len(),
            Builder::Float(v) => v.len(),
            Builder::Str(s) => s.codes.len(),
        })
        .sum();
    if any_str {
        let mut map: HashMap<Vec<u8>, i64> = HashMap::new();
        let mut levels: Vec<String> = Vec::new();
        let mut codes: Vec<i64> = Vec::new();
        let mut intern = |s: &[u8], map: &mut HashMap<Vec<u8>, i64>| -> i64 {
            if let Some(&c) = map.get(s) {
                c
            } else {
                let c = levels.len() as i64;
                map.insert(s.to_vec(), c);
                levels.push(String::from_utf8_lossy(s).into_owned());
                c
            }
        };
        for b in parts {
            match b {
                Builder::Int(v) => {
                    for i in v {
                        codes.push(intern(i.to_string().as_bytes(), &mut map));
                    }
                }
                Builder::Float(v) => {
                    for x in v {
                        codes.push(intern(&format_f64(x), &mut map));
                    }
                }
                Builder::Str(s) => {
                    let remap: Vec<i64> = s.levels.iter().map(|l| intern(l, &mut map)).collect();
                    codes.extend(s.codes.iter().map(|&c| remap[c as usize]));
                }
            }
        }
        Values::Str { codes, levels }
    } else if any_float {
        let mut out = Vec::with_capacity(total);
        for b in parts {
            match b {
                Builder::Int(v) => out.extend(v.into_iter().map(|i| i as f64)),
                Builder::Float(v) => out.extend(v),
                Builder::Str(_) => unreachable!("no string parts here"),
            }
        }
        Values::Float(out)
    } else {
        let mut out = Vec::with_capacity(total);
        for b in parts {
            if let Builder::Int(v) = b {
                out.extend(v);
            }
        }
        Values::Int(out)
    }
}

// ---------------------------------------------------------------------------------------------
// NPY

fn read_npy(path: &str, bytes: &[u8]) -> Result<Table> {
    use npyz::{DType, Order, TypeChar};
    enum Flat {
        I(Vec<i64>),
        F(Vec<f64>),
    }
    let npy =
        npyz::NpyFile::new(bytes).map_err(|e| anyhow!("{path}: not a valid .npy file: {e}"))?;
    let shape: Vec<usize> = npy.shape().iter().map(|&s| s as usize).collect();
    let order = npy.order();
    let DType::Plain(ts) = npy.dtype() else {
        bail!("{path}: structured .npy arrays are not supported; save a plain 1-D or 2-D array");
    };
    let (rows, cols) = match shape.as_slice() {
        [n] => (*n, 1),
        [n, m] => (*n, *m),
        _ => {
            bail!("{path}: array of shape {shape:?}; expected a 1-D or 2-D array (rows = samples)")
        }
    };
    if rows == 0 || cols == 0 {
        bail!("{path}: the array is empty (shape {shape:?})");
    }
    let bad = |e: std::io::Error| anyhow!("{path}: cannot read the array: {e}");
    let single_precision = ts.type_char() == TypeChar::Float && ts.size_field() == 4;
    let flat = match (ts.type_char(), ts.size_field()) {
        (TypeChar::Float, 8) => Flat::F(npy.into_vec::<f64>().map_err(bad)?),
        (TypeChar::Float, 4) => Flat::F(
            npy.into_vec::<f32>()
                .map_err(bad)?
                .into_iter()
                .map(f64::from)
                .collect(),
        ),
        (TypeChar::Int, 8) => Flat::I(npy.into_vec::<i64>().map_err(bad)?),
        (TypeChar::Int, 4) => Flat::I(conv(npy.into_vec::<i32>().map_err(bad)?)),
        (TypeChar::Int, 2) => Flat::I(conv(npy.into_vec::<i16>().map_err(bad)?)),
        (TypeChar::Int, 1) => Flat::I(conv(npy.into_vec::<i8>().map_err(bad)?)),
        (TypeChar::Uint, 4) => Flat::I(conv(npy.into_vec::<u32>().map_err(bad)?)),
        (TypeChar::Uint, 2) => Flat::I(conv(npy.into_vec::<u16>().map_err(bad)?)),
        (TypeChar::Uint, 1) => Flat::I(conv(npy.into_vec::<u8>().map_err(bad)?)),
        (TypeChar::Bool, _) => Flat::I(
            npy.into_vec::<bool>()
                .map_err(bad)?
                .into_iter()
                .map(i64::from)
                .collect(),
        ),
        _ => bail!(
            "{path}: dtype {ts} is not supported (use float64/32, int64/32/16/8, uint32/16/8 or bool)"
        ),
    };
    // Element (i, j) of the flat data.
    let at = |i: usize, j: usize| match order {
        Order::C => i * cols + j,
        Order::Fortran => j * rows + i,
    };
    let columns = (0..cols)
        .map(|j| -> Result<Column> {
            let values = match &flat {
                Flat::I(v) => Values::Int((0..rows).map(|i| v[at(i, j)]).collect()),
                Flat::F(v) => {
                    let col: Vec<f64> = (0..rows).map(|i| v[at(i, j)]).collect();
                    if let Some(i) = col.iter().position(|x| !x.is_finite()) {
                        let idx = if shape.len() == 1 {
                            format!("[{i}]")
                        } else {
                            format!("[{i}, {j}]")
                        };
                        bail!(
                            "{path}: element {idx} is {}; values must be finite numbers",
                            col[i]
                        );
                    }
                    Values::Float(col)
                }
            };
            Ok(Column {
                name: j.to_string(),
                values,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Table {
        path: path.to_string(),
        columns,
        rows,
        single_precision,
    })
}

fn conv<T: Into<i64>>(v: Vec<T>) -> Vec<i64> {
    v.into_iter().map(Into::into).collect()
}

/// A probability vector (or weights) read from a file: a 1-D array, a single column, a single
/// row, or the column `column` of a table; `true` when the file stored single precision.
pub fn read_vector(path: &Path, column: Option<&str>) -> Result<(Vec<f64>, bool)> {
    let t = read_table(
        path,
        ReadSpec {
            header: Header::Auto,
            delimiter: None,
        },
    )?;
    let numbers = |c: &Column| -> Result<Vec<f64>> {
        c.values.floats().map(Cow::into_owned).ok_or_else(|| {
            anyhow!(
                "{}: column '{}' holds text; expected numbers",
                t.path,
                c.name
            )
        })
    };
    let single = t.single_precision;
    if let Some(key) = column {
        let j = t.find(key)?;
        return Ok((numbers(&t.columns[j])?, single));
    }
    if t.columns.len() == 1 {
        return Ok((numbers(&t.columns[0])?, single));
    }
    if t.rows == 1 {
        let row = t
            .columns
            .iter()
            .map(|c| Ok(numbers(c)?[0]))
            .collect::<Result<Vec<f64>>>()?;
        return Ok((row, single));
    }
    bail!(
        "{}: holds {} rows and {} columns; pick one with --column",
        t.path,
        t.rows,
        t.columns.len()
    )
}

/// A matrix read from a file (rows of a CSV with or without a header, or a 2-D array).
pub fn read_matrix(path: &Path) -> Result<ndarray::Array2<f64>> {
    let t = read_table(
        path,
        ReadSpec {
            header: Header::Auto,
            delimiter: None,
        },
    )?;
    let mut m = ndarray::Array2::zeros((t.rows, t.columns.len()));
    for (j, c) in t.columns.iter().enumerate() {
        let v = c.values.floats().ok_or_else(|| {
            anyhow!(
                "{}: column '{}' holds text; expected numbers",
                t.path,
                c.name
            )
        })?;
        m.column_mut(j).assign(&ndarray::ArrayView1::from(&v[..]));
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_parse_exactly() {
        assert_eq!(parse_i64(b"-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_i64(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_i64(b"9223372036854775808"), None);
        assert_eq!(parse_i64(b"+12"), Some(12));
        assert_eq!(parse_i64(b"1.0"), None);
        assert_eq!(parse_i64(b"-"), None);
    }

    #[test]
    fn split_keeps_every_byte_and_ends_on_lines() {
        let body = b"1,2\n3,4\n5,6\n7,8\n9,10\n";
        for parts in 1..8 {
            let c = split_lines(body, parts);
            assert_eq!(c.concat(), body.to_vec());
            for piece in &c[..c.len() - 1] {
                assert_eq!(piece.last(), Some(&b'\n'));
            }
        }
    }

    #[test]
    fn byte_order_mark_and_crlf_are_not_data() {
        let t = read_csv(
            "t.csv",
            b"\xEF\xBB\xBFa,b\r\n1,2\r\n3,4\r\n",
            Header::Yes,
            b',',
        )
        .unwrap();
        assert_eq!(t.columns[0].name, "a");
        assert!(matches!(&t.columns[1].values, Values::Int(v) if v == &[2, 4]));
    }

    #[test]
    fn types_widen_and_chunks_merge() {
        let t = read_csv(
            "t.csv",
            b"a,b,c\n1,x,1\n2,y,2.5\n3,x,4\n",
            Header::Yes,
            b',',
        )
        .unwrap();
        assert!(matches!(&t.columns[0].values, Values::Int(v) if v == &[1, 2, 3]));
        assert!(matches!(&t.columns[1].values, Values::Str { codes, .. } if codes == &[0, 1, 0]));
        assert!(matches!(&t.columns[2].values, Values::Float(v) if v == &[1.0, 2.5, 4.0]));
        let parts = vec![
            vec![Builder::Int(vec![1, 2])],
            vec![Builder::Str({
                let mut s = StrBuilder::default();
                s.push(b"a");
                s.push(b"1");
                s
            })],
        ];
        let m = merge(vec!["x".into()], parts);
        assert!(
            matches!(&m[0].values, Values::Str { codes, levels } if codes == &[0, 1, 2, 0] && levels == &["1", "2", "a"])
        );
    }
}
