//! Reading data files into typed columns: CSV/TSV (parallel, allocation-free per field), NPY
//! (through [`crate::npy`]), Parquet (through [`crate::parquet`]).
//!
//! Column types are inferred: a column is `Int` while every field parses as an `i64`, `Float`
//! once a field is a non-integer number, and `Str` (factorised to integer codes) once a field is
//! not a number. Empty fields, NaN and ±inf are errors naming the file, line and column.

use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;

use crate::progress;
use crate::table::{merge_column, parse_f64, parse_i64, trim, Builder, Column, FieldError, Table};

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
    /// Keep missing values (CSV: empty fields, pandas' NA spellings; Parquet: nulls, NaN) as
    /// placeholders listed in [`Column::missing`], for the caller's `--nan-policy`; `false`:
    /// the first one is an error naming its line and column.
    pub keep_missing: bool,
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
        return crate::parquet::read_parquet(&shown, spec.keep_missing);
    }
    if ext == "npy" {
        // A NaN in a .npy array stays an error naming its element (arrays saved from NumPy
        // have no missing-value convention of their own).
        return crate::npy::read_npy(&shown);
    }
    let bytes = std::fs::read(path).with_context(|| format!("{shown}: cannot read the file"))?;
    let delimiter = match spec.delimiter {
        Some(d) => d,
        None if ext == "tsv" || ext == "tab" => b'\t',
        None => b',',
    };
    read_csv(&shown, &bytes, spec.header, delimiter, spec.keep_missing)
}

// ---------------------------------------------------------------------------------------------
// CSV

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

/// The first record of a CSV/TSV file, whether it is a header (by `header`; `Auto`: when any
/// field is not a number), and the column names (the header's fields, or the 0-based indices
/// as text). Shared by the whole-file reader and the row-batch reader of [`crate::stream`].
///
/// # Errors
/// An unreadable first record; an empty file.
pub(crate) fn first_record<R: std::io::Read>(
    rdr: &mut csv::Reader<R>,
    path: &str,
    header: Header,
) -> Result<(csv::ByteRecord, bool, Vec<String>)> {
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
    let names: Vec<String> = if is_header {
        first
            .iter()
            .map(|f| String::from_utf8_lossy(trim(f)).into_owned())
            .collect()
    } else {
        (0..first.len()).map(|i| i.to_string()).collect()
    };
    Ok((first, is_header, names))
}

fn read_csv(
    path: &str,
    bytes: &[u8],
    header: Header,
    delimiter: u8,
    keep_missing: bool,
) -> Result<Table> {
    // A UTF-8 byte-order mark (spreadsheet exports) is not part of the first name.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The first record: the header, or the first data row.
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(bytes);
    let (first, is_header, names) = first_record(&mut rdr, path, header)?;
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
    let parsed: Vec<Result<Parsed>> = chunks
        .par_iter()
        .zip(starts.par_iter())
        .map(|(chunk, &start)| {
            let r = parse_chunk(path, chunk, start, &names, delimiter, keep_missing);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut parsed_ok = Vec::with_capacity(parsed.len());
    let mut missing: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    let mut first_missing: Vec<Option<String>> = vec![None; names.len()];
    let mut offset = 0;
    for p in parsed {
        let (builders, miss, first) = p?;
        for (all, local) in missing.iter_mut().zip(miss) {
            all.extend(local.into_iter().map(|r| offset + r));
        }
        for (all, f) in first_missing.iter_mut().zip(first) {
            if all.is_none() {
                *all = f;
            }
        }
        offset += builders.first().map_or(0, Builder::len);
        parsed_ok.push(builders);
    }
    let mut columns = merge(names, parsed_ok);
    for ((c, m), f) in columns.iter_mut().zip(missing).zip(first_missing) {
        c.missing = m;
        c.first_missing = f.unwrap_or_default();
    }
    let rows = columns.first().map_or(0, |c| c.values.len());
    Ok(Table {
        path: path.to_string(),
        columns,
        rows,
        single_precision: false,
        first_line: Some(first_line),
        row0: 0,
    })
}

/// A chunk's column builders and, per column, the chunk-local rows of its missing values.
/// The text of the first missing value of each column of the chunk, if any.
type Parsed = (Vec<Builder>, Vec<Vec<usize>>, Vec<Option<String>>);

fn parse_chunk(
    path: &str,
    chunk: &[u8],
    first_line: u64,
    names: &[String],
    delimiter: u8,
    keep_missing: bool,
) -> Result<Parsed> {
    let mut missing: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    let mut first: Vec<Option<String>> = vec![None; names.len()];
    let mut row = 0usize;
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
        for ((((b, f), name), miss), first) in builders
            .iter_mut()
            .zip(rec.iter())
            .zip(names)
            .zip(&mut missing)
            .zip(&mut first)
        {
            match b.push(f) {
                Ok(()) => {}
                Err(FieldError::Missing(text)) if keep_missing => {
                    b.push_missing();
                    miss.push(row);
                    first.get_or_insert_with(|| FieldError::what(&text));
                }
                Err(e) => bail!("{path}: line {line}, column '{name}': {}", e.describe()),
            }
        }
        row += 1;
    }
    Ok((builders, missing, first))
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
            missing: Vec::new(),
            first_missing: String::new(),
        })
        .collect()
}

/// A matrix read from a file (rows of a CSV with or without a header, or a 2-D array).
pub fn read_matrix(path: &Path) -> Result<ndarray::Array2<f64>> {
    let t = read_table(
        path,
        ReadSpec {
            header: Header::Auto,
            delimiter: None,
            keep_missing: false,
        },
    )?;
    let mut m = ndarray::Array2::zeros((t.rows, t.columns.len()));
    for (j, c) in t.columns.iter().enumerate() {
        let v = t.numbers(c)?;
        m.column_mut(j).assign(&ndarray::ArrayView1::from(&v[..]));
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{StrBuilder, Values};

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
            false,
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
            false,
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
