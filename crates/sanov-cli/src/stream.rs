//! Data larger than memory: the inputs of `sanov entropy`, `sanov mi` and `sanov kl` read in
//! row batches.
//!
//! An input is a CSV/TSV file (read record by record with the `csv` crate), a Parquet file, a
//! directory of Parquet files (every `*.parquet` / `*.pq` in it, in name order: the usual
//! layout of a dataset) or a glob of Parquet files (`data/part-*.parquet`, in name order);
//! several files must share one schema; or a `.npy` array (C order in row batches, Fortran
//! order in one). Each batch is a [`Table`] of at most [`batch_rows`] rows; the callers count
//! discrete columns into mergeable count tables and sample continuous ones (`sanov kl` sums
//! its two inputs batch against batch), so memory grows with the number of distinct values,
//! not of rows.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};

use crate::data::{first_record, Header, ReadSpec};
use crate::npy::NpyBatches;
use crate::parquet::ParquetBatches;
use crate::table::{merge_column, Builder, FieldError, StrBuilder, Table};

/// Rows per batch: 65536, or the environment variable `SANOV_BATCH_ROWS` (a hidden knob for
/// tests, which make small files span many batches).
pub fn batch_rows() -> usize {
    std::env::var("SANOV_BATCH_ROWS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(1 << 16)
}

/// What an input holds.
enum Kind {
    Csv {
        path: PathBuf,
        header: Header,
        delimiter: u8,
    },
    Parquet(Vec<String>),
    /// A `.npy` array.
    Npy(String),
}

/// A data input read in row batches.
pub struct Source {
    /// The input as the user named it (for messages).
    pub shown: String,
    kind: Kind,
    /// The column names.
    pub names: Vec<String>,
    keep_missing: bool,
}

fn is_parquet(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet") || e.eq_ignore_ascii_case("pq"))
}

/// The Parquet files of a directory or a glob pattern, in name order.
fn expand(path: &Path, shown: &str) -> Result<Option<Vec<String>>> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| anyhow!("{shown}: cannot read the directory: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && is_parquet(p))
            .collect();
        files.sort();
        if files.is_empty() {
            bail!("{shown}: the directory holds no .parquet files");
        }
        return Ok(Some(
            files.iter().map(|p| p.display().to_string()).collect(),
        ));
    }
    if path.exists() || !shown.contains(['*', '?', '[']) {
        return Ok(None);
    }
    let paths = glob::glob(shown).map_err(|e| anyhow!("{shown}: not a valid glob pattern: {e}"))?;
    let mut files = Vec::new();
    for p in paths {
        let p = p.map_err(|e| anyhow!("{shown}: {e}"))?;
        if p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("{shown}: no file matches the pattern");
    }
    if let Some(p) = files.iter().find(|p| !is_parquet(p)) {
        bail!(
            "{shown}: matches {}, which is not a .parquet file; a glob must name Parquet files",
            p.display()
        );
    }
    Ok(Some(
        files.iter().map(|p| p.display().to_string()).collect(),
    ))
}

impl Source {
    /// Opens `path`: a file, a directory of Parquet files or a glob of Parquet files. Reads
    /// the header (CSV), the schemas (Parquet, checked to agree) or the array header (NPY).
    ///
    /// # Errors
    /// No such file, a glob that matches nothing, Parquet files of different schemas, an
    /// empty CSV file, an unreadable array.
    pub fn open(path: &Path, spec: ReadSpec) -> Result<Self> {
        let shown = path.display().to_string();
        let keep_missing = spec.keep_missing;
        if let Some(files) = expand(path, &shown)? {
            let b = ParquetBatches::open(&files, keep_missing, 1)?;
            return Ok(Self {
                shown,
                names: b.names().to_vec(),
                kind: Kind::Parquet(files),
                keep_missing,
            });
        }
        if is_parquet(path) {
            let files = vec![shown.clone()];
            let b = ParquetBatches::open(&files, keep_missing, 1)?;
            return Ok(Self {
                shown,
                names: b.names().to_vec(),
                kind: Kind::Parquet(files),
                keep_missing,
            });
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if ext == "npy" {
            let b = NpyBatches::open(&shown, &[], 1)?;
            return Ok(Self {
                names: b.names(),
                kind: Kind::Npy(shown.clone()),
                shown,
                keep_missing,
            });
        }
        let delimiter = match spec.delimiter {
            Some(d) => d,
            None if ext == "tsv" || ext == "tab" => b'\t',
            None => b',',
        };
        let mut src = Self {
            shown,
            names: Vec::new(),
            kind: Kind::Csv {
                path: path.to_path_buf(),
                header: spec.header,
                delimiter,
            },
            keep_missing,
        };
        let csv = CsvBatches::open(&src, &[], &[])?;
        src.names = csv.names;
        if let Kind::Csv { header, .. } = &mut src.kind {
            *header = if csv.has_header {
                Header::Yes
            } else {
                Header::No
            };
        }
        Ok(src)
    }

    /// The number of rows when the format records it (Parquet metadata, NPY); `None` for
    /// CSV/TSV.
    pub fn total_rows(&self) -> Option<u64> {
        match &self.kind {
            Kind::Csv { .. } => None,
            Kind::Parquet(files) => ParquetBatches::open(files, self.keep_missing, 1)
                .ok()
                .map(|b| b.total_rows()),
            Kind::Npy(path) => NpyBatches::open(path, &[], 1).ok().map(|b| b.rows() as u64),
        }
    }

    /// The size in bytes of a CSV/TSV input (for the bound on its rows); `None` otherwise.
    pub fn csv_bytes(&self) -> Option<u64> {
        match &self.kind {
            Kind::Csv { path, .. } => std::fs::metadata(path).ok().map(|m| m.len()),
            _ => None,
        }
    }

    /// The index of the column called `key`, or at 0-based position `key` when no column has
    /// that name (as [`Table::find`]).
    ///
    /// # Errors
    /// No such column, or an ambiguous name.
    pub fn find(&self, key: &str) -> Result<usize> {
        let t = Table {
            path: self.shown.clone(),
            columns: self
                .names
                .iter()
                .map(|n| crate::table::Column {
                    name: n.clone(),
                    values: crate::table::Values::Int(Vec::new()),
                    missing: Vec::new(),
                    first_missing: String::new(),
                })
                .collect(),
            rows: 0,
            single_precision: false,
            first_line: None,
            row0: 0,
        };
        t.find(key)
    }

    /// The batches, reading only the columns flagged in `needed` (the others come back
    /// empty); CSV columns flagged in `text` are read as text from the first row.
    ///
    /// # Errors
    /// The input cannot be reopened.
    pub fn batches(
        &self,
        needed: &[bool],
        text: &[bool],
    ) -> Result<Box<dyn Iterator<Item = Result<Table>> + '_>> {
        Ok(match &self.kind {
            Kind::Csv { .. } => Box::new(CsvBatches::open(self, needed, text)?),
            Kind::Parquet(files) => Box::new(
                ParquetBatches::open(files, self.keep_missing, batch_rows())?.only(needed.to_vec()),
            ),
            Kind::Npy(path) => Box::new(NpyBatches::open(path, needed, batch_rows())?),
        })
    }
}

/// Batches of a CSV/TSV file, record by record.
struct CsvBatches {
    path: String,
    rdr: csv::Reader<BufReader<File>>,
    names: Vec<String>,
    has_header: bool,
    /// The first data record, when the file has no header row.
    pending: Option<csv::ByteRecord>,
    needed: Vec<bool>,
    text: Vec<bool>,
    keep_missing: bool,
    batch_rows: usize,
    /// Data rows returned so far.
    done: usize,
    /// The line of the first data row.
    first_line: u64,
    finished: bool,
}

impl CsvBatches {
    fn open(src: &Source, needed: &[bool], text: &[bool]) -> Result<Self> {
        let Kind::Csv {
            path,
            header,
            delimiter,
        } = &src.kind
        else {
            bail!("{}: not a CSV file", src.shown);
        };
        let shown = &src.shown;
        let file = File::open(path).map_err(|e| anyhow!("{shown}: cannot read the file: {e}"))?;
        let mut buf = BufReader::with_capacity(1 << 20, file);
        // A UTF-8 byte-order mark (spreadsheet exports) is not part of the first name.
        let head = buf
            .fill_buf()
            .map_err(|e| anyhow!("{shown}: cannot read the file: {e}"))?;
        if head.starts_with(b"\xEF\xBB\xBF") {
            buf.consume(3);
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(*delimiter)
            .flexible(true)
            .from_reader(buf);
        let (first, is_header, names) = first_record(&mut rdr, shown, *header)?;
        let ncols = names.len();
        let first_line = if is_header {
            rdr.position().line()
        } else {
            first.position().map_or(1, csv::Position::line)
        };
        let flags = |v: &[bool], default: bool| {
            if v.is_empty() {
                vec![default; ncols]
            } else {
                v.to_vec()
            }
        };
        let mut me = Self {
            path: shown.clone(),
            rdr,
            names,
            has_header: is_header,
            pending: (!is_header).then_some(first),
            needed: flags(needed, true),
            text: flags(text, false),
            keep_missing: src.keep_missing,
            batch_rows: batch_rows(),
            done: 0,
            first_line,
            finished: false,
        };
        // A file of blank lines after the header holds no data.
        if me.pending.is_none() {
            let mut rec = csv::ByteRecord::new();
            match me.rdr.read_byte_record(&mut rec) {
                Ok(true) => {
                    me.first_line = rec.position().map_or(first_line, csv::Position::line);
                    me.pending = Some(rec);
                }
                Ok(false) => bail!("{shown}: no data rows"),
                Err(e) => bail!("{shown}: line {first_line}: malformed CSV: {e}"),
            }
        }
        Ok(me)
    }

    fn read_batch(&mut self) -> Result<Option<Table>> {
        let path = self.path.as_str();
        let ncols = self.names.len();
        let mut builders: Vec<Builder> = (0..ncols)
            .map(|j| {
                if self.text[j] && self.needed[j] {
                    Builder::Str(StrBuilder::default())
                } else {
                    Builder::Int(Vec::new())
                }
            })
            .collect();
        let mut missing: Vec<Vec<usize>> = vec![Vec::new(); ncols];
        let mut first: Vec<Option<String>> = vec![None; ncols];
        let mut rows = 0usize;
        let mut batch_line = None;
        let mut rec = csv::ByteRecord::new();
        while rows < self.batch_rows {
            if let Some(p) = self.pending.take() {
                rec = p;
            } else {
                let got = self.rdr.read_byte_record(&mut rec).map_err(|e| {
                    let line = e.position().map_or(0, csv::Position::line);
                    anyhow!("{path}: line {line}: malformed CSV: {e}")
                })?;
                if !got {
                    self.finished = true;
                    break;
                }
            }
            let line = rec.position().map_or(0, csv::Position::line);
            batch_line.get_or_insert(line);
            if rec.len() != ncols {
                bail!(
                    "{path}: line {line}: malformed row: {} fields, expected {ncols} (as in the first row)",
                    rec.len()
                );
            }
            for (j, f) in rec.iter().enumerate() {
                if !self.needed[j] {
                    continue;
                }
                match builders[j].push(f) {
                    Ok(()) => {}
                    Err(FieldError::Missing(text)) if self.keep_missing => {
                        builders[j].push_missing();
                        missing[j].push(rows);
                        first[j].get_or_insert_with(|| FieldError::what(&text));
                    }
                    Err(e) => bail!(
                        "{path}: line {line}, column '{}': {}",
                        self.names[j],
                        e.describe()
                    ),
                }
            }
            rows += 1;
        }
        if rows == 0 {
            return Ok(None);
        }
        let row0 = self.done;
        self.done += rows;
        let columns = self
            .names
            .iter()
            .zip(builders)
            .zip(missing)
            .zip(first)
            .map(|(((name, b), missing), first)| crate::table::Column {
                name: name.clone(),
                values: merge_column(vec![b]),
                missing,
                first_missing: first.unwrap_or_default(),
            })
            .collect();
        Ok(Some(Table {
            path: path.to_string(),
            columns,
            rows,
            single_precision: false,
            first_line: Some(batch_line.unwrap_or(self.first_line)),
            row0,
        }))
    }
}

impl Iterator for CsvBatches {
    type Item = Result<Table>;

    fn next(&mut self) -> Option<Result<Table>> {
        if self.finished {
            return None;
        }
        match self.read_batch() {
            Ok(Some(t)) => Some(Ok(t)),
            Ok(None) => None,
            Err(e) => {
                self.finished = true;
                Some(Err(e))
            }
        }
    }
}
