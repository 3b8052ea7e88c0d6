//! The in-memory table shared by the readers: columns of integers, floats or factorised
//! strings, and the column builders that turn text fields (CSV) or Parquet pages into them.
//!
//! `data` (CSV, NPY, dispatch) and `parquet` both build on this module and neither imports
//! the other's internals: `data` calls `parquet::read_parquet`, `parquet` uses only `table`.

use std::borrow::Cow;
use std::collections::HashMap;

use anyhow::{bail, Result};

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

    /// The values of the rows not flagged in `drop`; strings re-factorised, so that levels
    /// seen only in dropped rows (the placeholders of missing values) disappear.
    pub fn without_rows(&self, drop: &[bool]) -> Self {
        let keep = |i: &usize| !drop[*i];
        match self {
            Self::Int(v) => Self::Int((0..v.len()).filter(keep).map(|i| v[i]).collect()),
            Self::Float(v) => Self::Float((0..v.len()).filter(keep).map(|i| v[i]).collect()),
            Self::Str { codes, levels } => {
                let mut remap: Vec<Option<i64>> = vec![None; levels.len()];
                let mut new_levels = Vec::new();
                let mut new_codes = Vec::new();
                for i in (0..codes.len()).filter(keep) {
                    let old = codes[i] as usize;
                    let code = *remap[old].get_or_insert_with(|| {
                        new_levels.push(levels[old].clone());
                        new_levels.len() as i64 - 1
                    });
                    new_codes.push(code);
                }
                Self::Str {
                    codes: new_codes,
                    levels: new_levels,
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
    /// The rows (0-based, ascending) whose value is missing (an empty field, `NA`, `NaN`,
    /// `null`, a Parquet null); their entries in `values` are placeholders. Empty unless the
    /// file was read with [`crate::data::ReadSpec::keep_missing`].
    pub missing: Vec<usize>,
    /// What the first missing value was (`empty field`, `'NaN'`, `null`), for messages.
    pub first_missing: String,
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
    /// The line of the first data row (CSV/TSV), for messages; `None` for binary formats.
    pub first_line: Option<u64>,
    /// Rows of the same file before the first row of this table (a batch of a streamed
    /// Parquet file; 0 for a whole file), for messages.
    pub row0: usize,
}

/// What the data commands do with missing values (`--nan-policy`, as SciPy's `nan_policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum NanPolicy {
    /// A missing value in a used column is an error naming its column and first row.
    #[default]
    Raise,
    /// Rows with a missing value in any used column are dropped (pandas' `dropna`).
    Omit,
}

impl Table {
    /// Applies `policy` to the columns `used`: `Raise` fails on the first missing value (the
    /// smallest row, then the leftmost column); `Omit` drops every row with a missing value in
    /// a used column, from all columns, and returns how many were dropped.
    ///
    /// # Errors
    /// `Raise` and a missing value; `Omit` and no row left.
    pub fn apply_nan_policy(&mut self, used: &[usize], policy: NanPolicy) -> Result<usize> {
        let first = used
            .iter()
            .filter_map(|&j| self.columns[j].missing.first().map(|&r| (r, j)))
            .min();
        let Some((row, j)) = first else {
            return Ok(0);
        };
        if policy == NanPolicy::Raise {
            bail!(
                "{}: {}, column '{}': missing value ({}); values must be present (--nan-policy omit drops the rows with a missing value)",
                self.path,
                self.locate(row),
                self.columns[j].name,
                self.columns[j].first_missing
            );
        }
        let mut drop = vec![false; self.rows];
        for &j in used {
            for &r in &self.columns[j].missing {
                drop[r] = true;
            }
        }
        let dropped = drop.iter().filter(|&&d| d).count();
        if dropped == self.rows {
            bail!(
                "{}: every one of the {} rows has a missing value in a used column",
                self.path,
                self.rows
            );
        }
        for c in &mut self.columns {
            c.values = c.values.without_rows(&drop);
            c.missing.clear();
        }
        self.rows -= dropped;
        Ok(dropped)
    }

    /// Where row `i` (0-based) of the data is, for messages: `line N` for text files,
    /// `row N` (1-based) otherwise.
    pub fn locate(&self, i: usize) -> String {
        match self.first_line {
            Some(l) => format!("line {}", l + i as u64),
            None => format!("row {}", self.row0 + i + 1),
        }
    }

    /// Column `c` as numbers, or an error naming the first row that holds text.
    ///
    /// # Errors
    /// The column holds a field that is not a number.
    pub fn numbers(&self, c: &Column) -> Result<Cow<'_, [f64]>> {
        if let Some(v) = c.values.floats() {
            return Ok(Cow::Owned(v.into_owned()));
        }
        if let Values::Str { codes, levels } = &c.values {
            let bad: Vec<bool> = levels
                .iter()
                .map(|l| parse_f64(trim(l.as_bytes())).is_none())
                .collect();
            if let Some(i) = codes.iter().position(|&k| bad[k as usize]) {
                bail!(
                    "{}: {}, column '{}': '{}' is not a number",
                    self.path,
                    self.locate(i),
                    c.name,
                    levels[codes[i] as usize]
                );
            }
        }
        bail!(
            "{}: column '{}' holds text; expected numbers",
            self.path,
            c.name
        )
    }

    /// The index of the column called `key`, or at 0-based position `key` when no column has
    /// that name.
    ///
    /// # Errors
    /// No such column; or several columns with that name (ambiguous: never silently the
    /// first).
    pub fn find(&self, key: &str) -> Result<usize> {
        let same: Vec<usize> = (0..self.columns.len())
            .filter(|&i| self.columns[i].name == key)
            .collect();
        if same.len() > 1 {
            let at: Vec<String> = same.iter().map(ToString::to_string).collect();
            bail!(
                "{}: {} columns are named '{key}' (at 0-based positions {}); the name is ambiguous, rename them",
                self.path,
                same.len(),
                at.join(", ")
            );
        }
        if let Some(&i) = same.first() {
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

/// The spellings of a missing value, as pandas' `read_csv` reads them (its default
/// `na_values`): compared after trimming blanks.
const MISSING: [&[u8]; 18] = [
    b"#N/A",
    b"#N/A N/A",
    b"#NA",
    b"-1.#IND",
    b"-1.#QNAN",
    b"-NaN",
    b"-nan",
    b"1.#IND",
    b"1.#QNAN",
    b"<NA>",
    b"N/A",
    b"NA",
    b"NULL",
    b"NaN",
    b"None",
    b"n/a",
    b"nan",
    b"null",
];

/// Whether a (trimmed) field is a missing value: empty, or one of pandas' NA spellings.
pub(crate) fn is_missing(f: &[u8]) -> bool {
    f.is_empty() || MISSING.contains(&f)
}

/// Why a field was rejected.
pub(crate) enum FieldError {
    /// An empty field or an NA spelling (the text).
    Missing(String),
    NonFinite(String),
}

impl FieldError {
    /// How a missing field is described: `empty field` or its quoted text.
    pub(crate) fn what(text: &str) -> String {
        if text.is_empty() {
            "empty field".into()
        } else {
            format!("'{text}'")
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Missing(s) => {
                format!("missing value ({}); values must be present", Self::what(s))
            }
            Self::NonFinite(s) if s.to_ascii_lowercase().contains("nan") => {
                format!("'{s}' is not a number (NaN); values must be finite numbers")
            }
            Self::NonFinite(s) => format!("'{s}' is infinite; values must be finite numbers"),
        }
    }
}

pub(crate) fn trim(mut f: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b'\r', rest @ ..] = f {
        f = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r'] = f {
        f = rest;
    }
    f
}

/// Parses a decimal integer (optional sign, digits only, no overflow).
pub(crate) fn parse_i64(f: &[u8]) -> Option<i64> {
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
pub(crate) fn parse_f64(f: &[u8]) -> Option<f64> {
    std::str::from_utf8(f).ok()?.parse::<f64>().ok()
}

fn format_f64(x: f64) -> Vec<u8> {
    format!("{x}").into_bytes()
}

impl Builder {
    pub(crate) fn push(&mut self, field: &[u8]) -> std::result::Result<(), FieldError> {
        let f = trim(field);
        if is_missing(f) {
            return Err(FieldError::Missing(String::from_utf8_lossy(f).into_owned()));
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

impl Builder {
    /// A placeholder for a missing value (recorded in [`Column::missing`] by the caller).
    pub(crate) fn push_missing(&mut self) {
        match self {
            Self::Int(v) => v.push(0),
            Self::Float(v) => v.push(0.0),
            Self::Str(s) => s.push(b""),
        }
    }

    /// Number of values so far.
    pub(crate) fn len(&self) -> usize {
        match self {
            Self::Int(v) => v.len(),
            Self::Float(v) => v.len(),
            Self::Str(s) => s.codes.len(),
        }
    }
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
