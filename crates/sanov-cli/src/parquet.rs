//! Reading flat Parquet files (the `parquet` crate without Arrow; Snappy or no compression).
//!
//! Boolean and integer columns become `Int`, float and double columns `Float`, byte-array
//! (string) columns `Str`. A null is a missing value and an error naming the row and column;
//! nested (repeated) columns and INT96 timestamps are not supported.

use std::fs::File;

use anyhow::{anyhow, bail, Result};
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::DataType;
use parquet::file::reader::{FileReader, SerializedFileReader};

use crate::table::{merge_column, Builder, Column, StrBuilder, Table};

/// Reads every record of one column chunk: the non-null values and, for optional columns,
/// the definition levels.
fn read_all<T: DataType>(
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

/// Reads a Parquet file into a table.
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

/// Reads a Parquet file into a table; with `keep_missing`, nulls and NaN become placeholders
/// listed in [`Column::missing`], else the first one is an error.
pub fn read_parquet(path: &str, file: File, keep_missing: bool) -> Result<Table> {
    let reader = SerializedFileReader::new(file)
        .map_err(|e| anyhow!("{path}: not a readable Parquet file: {e}"))?;
    let meta = reader.metadata();
    let schema = meta.file_metadata().schema_descr();
    let ncols = schema.num_columns();
    // Leaves of a struct column are named by their full path (`nested.y`), so that they can
    // never shadow a top-level column `y`.
    let names: Vec<String> = (0..ncols)
        .map(|j| schema.column(j).path().string())
        .collect();
    for (j, name) in names.iter().enumerate() {
        if schema.column(j).max_rep_level() > 0 {
            bail!("{path}: column '{name}' is a nested (repeated) column; only flat columns are supported");
        }
    }
    let mut parts: Vec<Vec<Builder>> = (0..ncols).map(|_| Vec::new()).collect();
    let mut missing: Vec<Vec<usize>> = vec![Vec::new(); ncols];
    // Per column: `null` or `NaN`, whichever came first.
    let mut first_missing: Vec<String> = vec![String::new(); ncols];
    let mut row0 = 0usize;
    let mut single_precision = false;
    for g in 0..meta.num_row_groups() {
        let rg = reader
            .get_row_group(g)
            .map_err(|e| anyhow!("{path}: row group {g}: {e}"))?;
        let rows = usize::try_from(rg.metadata().num_rows()).unwrap_or(0);
        for (j, name) in names.iter().enumerate() {
            let bad = |e: parquet::errors::ParquetError| anyhow!("{path}: column '{name}': {e}");
            let max_def = schema.column(j).max_def_level();
            let mut def = Vec::new();
            let col = rg.get_column_reader(j).map_err(bad)?;
            let b = match col {
                ColumnReader::BoolColumnReader(mut r) => {
                    let mut v = Vec::new();
                    read_all(&mut r, rows, &mut def, &mut v).map_err(bad)?;
                    Builder::Int(v.into_iter().map(i64::from).collect())
                }
                ColumnReader::Int32ColumnReader(mut r) => {
                    let mut v = Vec::new();
                    read_all(&mut r, rows, &mut def, &mut v).map_err(bad)?;
                    Builder::Int(v.into_iter().map(i64::from).collect())
                }
                ColumnReader::Int64ColumnReader(mut r) => {
                    let mut v = Vec::new();
                    read_all(&mut r, rows, &mut def, &mut v).map_err(bad)?;
                    Builder::Int(v)
                }
                ColumnReader::FloatColumnReader(mut r) => {
                    single_precision = true;
                    let mut v = Vec::new();
                    read_all(&mut r, rows, &mut def, &mut v).map_err(bad)?;
                    Builder::Float(v.into_iter().map(f64::from).collect())
                }
                ColumnReader::DoubleColumnReader(mut r) => {
                    let mut v = Vec::new();
                    read_all(&mut r, rows, &mut def, &mut v).map_err(bad)?;
                    Builder::Float(v)
                }
                ColumnReader::ByteArrayColumnReader(mut r) => {
                    let mut v = Vec::new();
                    read_all(&mut r, rows, &mut def, &mut v).map_err(bad)?;
                    let mut s = StrBuilder::default();
                    for x in &v {
                        s.push(x.data());
                    }
                    Builder::Str(s)
                }
                ColumnReader::FixedLenByteArrayColumnReader(mut r) => {
                    let mut v = Vec::new();
                    read_all(&mut r, rows, &mut def, &mut v).map_err(bad)?;
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
                let seen = missing[j].len();
                let m = &mut missing[j];
                match b {
                    Builder::Int(v) => {
                        let v = spread(v, &def, max_def, &0, row0, m);
                        if seen == 0 && !m.is_empty() {
                            first_missing[j] = "null".into();
                        }
                        Builder::Int(v)
                    }
                    Builder::Float(v) => {
                        let mut v = spread(v, &def, max_def, &0.0, row0, m);
                        for (i, x) in v.iter_mut().enumerate() {
                            if x.is_nan() {
                                *x = 0.0;
                                m.push(row0 + i);
                            }
                        }
                        m.sort_unstable();
                        if seen == 0 && !m.is_empty() {
                            let null_first = max_def > 0
                                && def.iter().position(|&d| d < max_def).map(|i| row0 + i)
                                    == m.first().copied();
                            first_missing[j] = if null_first { "null" } else { "NaN" }.into();
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
            parts[j].push(b);
        }
        row0 += rows;
    }
    if row0 == 0 {
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
        rows: row0,
        single_precision,
        first_line: None,
    })
}
