//! Reading flat Parquet files (the `parquet` crate without Arrow; Snappy or no compression),
//! whole or in row batches, from one file or from several files of one schema (a dataset
//! directory or a glob).
//!
//! Boolean and integer columns become `Int`, float and double columns `Float`, byte-array
//! (string) columns `Str`. A null is a missing value and an error naming the row and column;
//! nested (repeated) columns and INT96 timestamps are not supported.

use std::fs::File;

use anyhow::{anyhow, bail, Result};
use parquet::basic::Type as Physical;
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::DataType;
use parquet::file::reader::{FileReader, SerializedFileReader};

use crate::table::{merge_column, Builder, Column, StrBuilder, Table};

/// Reads up to `rows` records of a column chunk: the non-null values and, for optional
/// columns, the definition levels.
fn read_some<T: DataType>(
    r: &mut ColumnReaderImpl<T>,
    rows: usize,
    def: &mut Vec<i16>,
    values: &mut Vec<T::T>,
) -> parquet::errors::Result<()> {
    let mut got = 0;
    while got < rows {
        let (records, _, _) = r.read_records(rows - got, Some(def), None, values)?;
        if records == 0 {
            break;
        }
        got += records;
    }
    Ok(())
}

/// Spreads the non-null `values` over the rows of `def` (definition levels; `max_def` =
/// present), a placeholder `fill` in the null rows, whose row numbers (`row0 +` local) are
/// appended to `missing`. Without definition levels (a required column) `values` is returned.
fn spread<T: Clone>(
    values: Vec<T>,
    def: &[i16],
    max_def: i16,
    fill: &T,
    row0: usize,
    missing: &mut Vec<usize>,
) -> Vec<T> {
    if max_def == 0 || def.iter().all(|&d| d == max_def) {
        return values;
    }
    let mut it = values.into_iter();
    let mut out = Vec::with_capacity(def.len());
    for (i, &d) in def.iter().enumerate() {
        if d == max_def {
            out.push(it.next().unwrap_or_else(|| fill.clone()));
        } else {
            out.push(fill.clone());
            missing.push(row0 + i);
        }
    }
    out
}

/// The value class of a Parquet column, for the schema check of several files.
fn class(t: Physical) -> &'static str {
    match t {
        Physical::BOOLEAN | Physical::INT32 | Physical::INT64 => "integer",
        Physical::FLOAT | Physical::DOUBLE => "float",
        Physical::INT96 => "INT96 timestamp",
        Physical::BYTE_ARRAY | Physical::FIXED_LEN_BYTE_ARRAY => "text",
    }
}

/// One opened Parquet file: its reader, column names (leaves of a struct column are named by
/// their full path, `nested.y`, so that they can never shadow a top-level column `y`) and
/// value classes.
struct Opened {
    path: String,
    reader: SerializedFileReader<File>,
    names: Vec<String>,
    classes: Vec<&'static str>,
}

fn open(path: &str) -> Result<Opened> {
    let file = File::open(path).map_err(|e| anyhow!("{path}: cannot read the file: {e}"))?;
    let reader = SerializedFileReader::new(file)
        .map_err(|e| anyhow!("{path}: not a readable Parquet file: {e}"))?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let ncols = schema.num_columns();
    let names: Vec<String> = (0..ncols)
        .map(|j| schema.column(j).path().string())
        .collect();
    for (j, name) in names.iter().enumerate() {
        if schema.column(j).max_rep_level() > 0 {
            bail!("{path}: column '{name}' is a nested (repeated) column; only flat columns are supported");
        }
    }
    let classes = (0..ncols)
        .map(|j| class(schema.column(j).physical_type()))
        .collect();
    Ok(Opened {
        path: path.to_string(),
        reader,
        names,
        classes,
    })
}

/// Row batches of one or several Parquet files read in order (files in the given order, row
/// groups in file order, at most `batch_rows` rows per batch). Each batch is a [`Table`]
/// whose `path` is its file and whose `row0` is the number of rows of that file before it.
pub struct ParquetBatches {
    files: Vec<Opened>,
    needed: Vec<bool>,
    keep_missing: bool,
    batch_rows: usize,
    /// Position: file, next row group, readers of the current row group, rows left in it.
    file: usize,
    group: usize,
    readers: Vec<Option<ColumnReader>>,
    left: usize,
    /// Rows of the current file already returned.
    row0: usize,
}

impl ParquetBatches {
    /// Opens `paths` (at least one), checking that they share one schema: the same column
    /// names in the same order, each of the same value class (integer, float or text).
    ///
    /// # Errors
    /// A file that cannot be read, a nested column, or a schema that differs from the first
    /// file's.
    pub fn open(paths: &[String], keep_missing: bool, batch_rows: usize) -> Result<Self> {
        let files = paths.iter().map(|p| open(p)).collect::<Result<Vec<_>>>()?;
        let Some(first) = files.first() else {
            bail!("no Parquet files to read");
        };
        for f in &files[1..] {
            let differ = |what: String| -> Result<()> {
                bail!(
                    "{}: its schema differs from {}'s: {what}; every file of a dataset must have the same columns",
                    f.path,
                    first.path
                )
            };
            if f.names != first.names {
                let j = f.names.iter().zip(&first.names).position(|(a, b)| a != b);
                match j {
                    Some(j) => differ(format!(
                        "column {j} is '{}' here, '{}' there",
                        f.names[j], first.names[j]
                    ))?,
                    None => differ(format!(
                        "{} columns here, {} there",
                        f.names.len(),
                        first.names.len()
                    ))?,
                }
            }
            if let Some(j) = (0..f.classes.len()).find(|&j| f.classes[j] != first.classes[j]) {
                differ(format!(
                    "column '{}' is {} here, {} there",
                    f.names[j], f.classes[j], first.classes[j]
                ))?;
            }
        }
        let ncols = first.names.len();
        Ok(Self {
            files,
            needed: vec![true; ncols],
            keep_missing,
            batch_rows: batch_rows.max(1),
            file: 0,
            group: 0,
            readers: Vec::new(),
            left: 0,
            row0: 0,
        })
    }

    /// Reads only the columns flagged in `needed`; the others come back empty.
    pub fn only(mut self, needed: Vec<bool>) -> Self {
        self.needed = needed;
        self
    }

    /// The column names (of the first file; all files share them).
    pub fn names(&self) -> &[String] {
        &self.files[0].names
    }

    /// The total number of rows of all files, from their metadata.
    pub fn total_rows(&self) -> u64 {
        self.files
            .iter()
            .map(|f| u64::try_from(f.reader.metadata().file_metadata().num_rows()).unwrap_or(0))
            .sum()
    }

    /// The next batch as column builders, the batch-local rows of each column's missing
    /// values and what the first one was; `None` at the end.
    fn next_parts(&mut self) -> Option<Result<(Table, Vec<Builder>)>> {
        while self.left == 0 {
            let f = self.files.get(self.file)?;
            if self.group >= f.reader.metadata().num_row_groups() {
                self.file += 1;
                self.group = 0;
                self.row0 = 0;
                continue;
            }
            let g = self.group;
            self.group += 1;
            let path = f.path.clone();
            let rg = match f.reader.get_row_group(g) {
                Ok(rg) => rg,
                Err(e) => return Some(Err(anyhow!("{path}: row group {g}: {e}"))),
            };
            self.left = usize::try_from(rg.metadata().num_rows()).unwrap_or(0);
            let mut readers = Vec::with_capacity(self.needed.len());
            for (j, &need) in self.needed.iter().enumerate() {
                if !need {
                    readers.push(None);
                    continue;
                }
                match rg.get_column_reader(j) {
                    Ok(r) => readers.push(Some(r)),
                    Err(e) => {
                        let name = &f.names[j];
                        return Some(Err(anyhow!("{path}: column '{name}': {e}")));
                    }
                }
            }
            self.readers = readers;
        }
        let rows = self.left.min(self.batch_rows);
        self.left -= rows;
        let r = self.read_batch(rows);
        self.row0 += rows;
        Some(r)
    }

    fn read_batch(&mut self, rows: usize) -> Result<(Table, Vec<Builder>)> {
        let f = &self.files[self.file];
        let path = f.path.as_str();
        let schema = f.reader.metadata().file_metadata().schema_descr_ptr();
        let row0 = self.row0;
        let keep_missing = self.keep_missing;
        let mut builders = Vec::with_capacity(f.names.len());
        let mut columns = Vec::with_capacity(f.names.len());
        let mut single_precision = false;
        for (j, name) in f.names.iter().enumerate() {
            let mut missing = Vec::new();
            let mut first_missing = String::new();
            let Some(reader) = self.readers[j].as_mut() else {
                builders.push(Builder::Int(Vec::new()));
                columns.push(Column {
                    name: name.clone(),
                    values: crate::table::Values::Int(Vec::new()),
                    missing,
                    first_missing,
                });
                continue;
            };
            let bad = |e: parquet::errors::ParquetError| anyhow!("{path}: column '{name}': {e}");
            let max_def = schema.column(j).max_def_level();
            let mut def = Vec::new();
            let b = match reader {
                ColumnReader::BoolColumnReader(r) => {
                    let mut v = Vec::new();
                    read_some(r, rows, &mut def, &mut v).map_err(bad)?;
                    Builder::Int(v.into_iter().map(i64::from).collect())
                }
                ColumnReader::Int32ColumnReader(r) => {
                    let mut v = Vec::new();
                    read_some(r, rows, &mut def, &mut v).map_err(bad)?;
                    Builder::Int(v.into_iter().map(i64::from).collect())
                }
                ColumnReader::Int64ColumnReader(r) => {
                    let mut v = Vec::new();
                    read_some(r, rows, &mut def, &mut v).map_err(bad)?;
                    Builder::Int(v)
                }
                ColumnReader::FloatColumnReader(r) => {
                    single_precision = true;
                    let mut v = Vec::new();
                    read_some(r, rows, &mut def, &mut v).map_err(bad)?;
                    Builder::Float(v.into_iter().map(f64::from).collect())
                }
                ColumnReader::DoubleColumnReader(r) => {
                    let mut v = Vec::new();
                    read_some(r, rows, &mut def, &mut v).map_err(bad)?;
                    Builder::Float(v)
                }
                ColumnReader::ByteArrayColumnReader(r) => {
                    let mut v = Vec::new();
                    read_some(r, rows, &mut def, &mut v).map_err(bad)?;
                    let mut s = StrBuilder::default();
                    for x in &v {
                        s.push(x.data());
                    }
                    Builder::Str(s)
                }
                ColumnReader::FixedLenByteArrayColumnReader(r) => {
                    let mut v = Vec::new();
                    read_some(r, rows, &mut def, &mut v).map_err(bad)?;
                    let mut s = StrBuilder::default();
                    for x in &v {
                        s.push(x.data());
                    }
                    Builder::Str(s)
                }
                ColumnReader::Int96ColumnReader(_) => {
                    bail!("{path}: column '{name}' is an INT96 timestamp; not supported")
                }
            };
            let b = if keep_missing {
                let m = &mut missing;
                match b {
                    Builder::Int(v) => {
                        let v = spread(v, &def, max_def, &0, 0, m);
                        if !m.is_empty() {
                            first_missing = "null".into();
                        }
                        Builder::Int(v)
                    }
                    Builder::Float(v) => {
                        let mut v = spread(v, &def, max_def, &0.0, 0, m);
                        for (i, x) in v.iter_mut().enumerate() {
                            if x.is_nan() {
                                *x = 0.0;
                                m.push(i);
                            }
                        }
                        m.sort_unstable();
                        if !m.is_empty() {
                            let null_first = max_def > 0
                                && def.iter().position(|&d| d < max_def) == m.first().copied();
                            first_missing = if null_first { "null" } else { "NaN" }.into();
                        }
                        Builder::Float(v)
                    }
                    Builder::Str(s) => {
                        if max_def > 0 && def.iter().any(|&d| d < max_def) {
                            bail!("{path}: column '{name}': nulls in a text column are not supported with --nan-policy omit");
                        }
                        Builder::Str(s)
                    }
                }
            } else {
                b
            };
            if max_def > 0 && !keep_missing {
                if let Some(i) = def.iter().position(|&d| d < max_def) {
                    bail!(
                        "{path}: row {}, column '{name}': missing value (null); values must be present",
                        row0 + i + 1
                    );
                }
            }
            if let Builder::Float(v) = &b {
                if let Some(i) = v.iter().position(|x| !x.is_finite()) {
                    bail!(
                        "{path}: row {}, column '{name}': {} is not finite; values must be finite numbers",
                        row0 + i + 1,
                        v[i]
                    );
                }
            }
            if b.len() != rows {
                bail!(
                    "{path}: column '{name}': {} values where the row group promises {rows}",
                    b.len()
                );
            }
            builders.push(b);
            columns.push(Column {
                name: name.clone(),
                values: crate::table::Values::Int(Vec::new()),
                missing,
                first_missing,
            });
        }
        Ok((
            Table {
                path: path.to_string(),
                columns,
                rows,
                single_precision,
                first_line: None,
                row0,
            },
            builders,
        ))
    }
}

impl Iterator for ParquetBatches {
    type Item = Result<Table>;

    fn next(&mut self) -> Option<Result<Table>> {
        Some(self.next_parts()?.map(|(mut t, builders)| {
            for (c, b) in t.columns.iter_mut().zip(builders) {
                c.values = merge_column(vec![b]);
            }
            t
        }))
    }
}

/// Reads a Parquet file into a table; with `keep_missing`, nulls and NaN become placeholders
/// listed in [`Column::missing`], else the first one is an error.
pub fn read_parquet(path: &str, keep_missing: bool) -> Result<Table> {
    let mut batches = ParquetBatches::open(&[path.to_string()], keep_missing, usize::MAX)?;
    let ncols = batches.names().len();
    let names = batches.names().to_vec();
    let mut parts: Vec<Vec<Builder>> = (0..ncols).map(|_| Vec::new()).collect();
    let mut missing: Vec<Vec<usize>> = vec![Vec::new(); ncols];
    // Per column: `null` or `NaN`, whichever came first.
    let mut first_missing: Vec<String> = vec![String::new(); ncols];
    let mut rows = 0usize;
    let mut single_precision = false;
    while let Some(batch) = batches.next_parts() {
        let (t, builders) = batch?;
        single_precision |= t.single_precision;
        for (j, (c, b)) in t.columns.into_iter().zip(builders).enumerate() {
            if first_missing[j].is_empty() {
                first_missing[j] = c.first_missing;
            }
            missing[j].extend(c.missing.into_iter().map(|i| rows + i));
            parts[j].push(b);
        }
        rows += t.rows;
    }
    if rows == 0 {
        bail!("{path}: no data rows");
    }
    let columns = names
        .into_iter()
        .zip(parts)
        .zip(missing)
        .zip(first_missing)
        .map(|(((name, p), missing), first_missing)| Column {
            name,
            values: merge_column(p),
            missing,
            first_missing,
        })
        .collect();
    Ok(Table {
        path: path.to_string(),
        columns,
        rows,
        single_precision,
        first_line: None,
        row0: 0,
    })
}
