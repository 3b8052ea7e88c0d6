//! NumPy `.npy` arrays (1-D, or 2-D with rows = samples), read in row batches.
//!
//! The preamble is checked in one linear pass before npyz parses the header (hostile headers
//! are refused at once), then elements are read from a buffered file reader a batch at a time:
//! a C-order array of `n` rows needs memory for one batch, not for `n` rows. A Fortran-order
//! 2-D array (column-major) is read in one batch, as before. Float elements must be finite.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};

use anyhow::{anyhow, bail, Result};
use npyz::{DType, NpyFile, NpyHeader, NpyReader, Order, TypeChar};

use crate::table::{Column, Table, Values};

/// The deepest bracket nesting a plain `.npy` header needs: the dict, the shape tuple, and a
/// little room (a structured dtype's list of tuples), all refused later anyway.
const NPY_MAX_NESTING: usize = 4;

/// Checks the `.npy` preamble in one linear pass before the header is parsed (the parser
/// backtracks exponentially in the bracket nesting: 22 nested `[` took 32 s): the magic
/// string, the version, the header length against the file length, and the nesting depth.
/// `head` holds the file's first bytes, at least through the header where the file has them;
/// `file_len` is the file's length. Returns the offset of the data.
fn npy_preamble(path: &str, head: &[u8], file_len: usize) -> Result<usize> {
    if head.len() < 10 || !head.starts_with(b"\x93NUMPY") {
        bail!("{path}: not a valid .npy file (no \\x93NUMPY magic string)");
    }
    let (len, start) = match head[6] {
        1 => (usize::from(u16::from_le_bytes([head[8], head[9]])), 10),
        2 | 3 if head.len() >= 12 => (
            u32::from_le_bytes([head[8], head[9], head[10], head[11]]) as usize,
            12,
        ),
        v => bail!("{path}: not a valid .npy file (format version {v})"),
    };
    let end = start + len;
    if end > file_len || end > head.len() {
        bail!("{path}: not a valid .npy file (the header claims {len} bytes; the file holds {file_len})");
    }
    let mut depth = 0usize;
    for &b in &head[start..end] {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > NPY_MAX_NESTING {
                    bail!("{path}: not a valid .npy file (brackets nested more than {NPY_MAX_NESTING} deep in the header)");
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    // The element count the shape claims, against the data bytes (each element takes at least
    // one): the parser would otherwise multiply the shape with overflow, and the reader
    // allocate it.
    let header = String::from_utf8_lossy(&head[start..end]);
    if let Some(at) = header.find("'shape'") {
        let rest = &header[at..];
        if let (Some(open), Some(close)) = (rest.find('('), rest.find(')')) {
            let have = (file_len - end) as u128;
            let mut count: Option<u128> = Some(1);
            for dim in rest[open + 1..close.max(open + 1)].split(',') {
                let dim = dim.trim();
                if dim.is_empty() {
                    continue;
                }
                let d: u128 = dim
                    .trim_end_matches('L')
                    .parse()
                    .map_err(|_| anyhow!("{path}: not a valid .npy file (shape entry '{dim}')"))?;
                count = count.and_then(|c| c.checked_mul(d));
            }
            if count.is_none_or(|c| c > have) {
                bail!(
                    "{path}: the header claims shape {} but the file holds only {have} bytes of data",
                    rest[open..=close.max(open)].trim()
                );
            }
        }
    }
    Ok(end)
}

/// The element readers of the supported dtypes.
enum Elements {
    F64(NpyReader<f64, BufReader<File>>),
    F32(NpyReader<f32, BufReader<File>>),
    I64(NpyReader<i64, BufReader<File>>),
    I32(NpyReader<i32, BufReader<File>>),
    I16(NpyReader<i16, BufReader<File>>),
    I8(NpyReader<i8, BufReader<File>>),
    U32(NpyReader<u32, BufReader<File>>),
    U16(NpyReader<u16, BufReader<File>>),
    U8(NpyReader<u8, BufReader<File>>),
    Bool(NpyReader<bool, BufReader<File>>),
}

/// Elements in storage order, as integers or as floats.
enum Flat {
    I(Vec<i64>),
    F(Vec<f64>),
}

impl Elements {
    /// The next `n` elements.
    fn read(&mut self, n: usize) -> std::io::Result<Flat> {
        fn take<T: npyz::Deserialize, U>(
            r: &mut NpyReader<T, BufReader<File>>,
            n: usize,
            f: impl Fn(T) -> U,
        ) -> std::io::Result<Vec<U>> {
            r.by_ref().take(n).map(|x| x.map(&f)).collect()
        }
        Ok(match self {
            Self::F64(r) => Flat::F(take(r, n, |x| x)?),
            Self::F32(r) => Flat::F(take(r, n, f64::from)?),
            Self::I64(r) => Flat::I(take(r, n, |x| x)?),
            Self::I32(r) => Flat::I(take(r, n, i64::from)?),
            Self::I16(r) => Flat::I(take(r, n, i64::from)?),
            Self::I8(r) => Flat::I(take(r, n, i64::from)?),
            Self::U32(r) => Flat::I(take(r, n, i64::from)?),
            Self::U16(r) => Flat::I(take(r, n, i64::from)?),
            Self::U8(r) => Flat::I(take(r, n, i64::from)?),
            Self::Bool(r) => Flat::I(take(r, n, i64::from)?),
        })
    }
}

/// A `.npy` array read in row batches.
pub struct NpyBatches {
    path: String,
    elements: Elements,
    rows: usize,
    cols: usize,
    one_d: bool,
    order: Order,
    single_precision: bool,
    needed: Vec<bool>,
    batch_rows: usize,
    /// Rows returned so far.
    done: usize,
}

impl NpyBatches {
    /// Opens `path` and checks its header (magic string, nesting, shape against the file
    /// size, dtype); reads only the columns flagged in `needed` (all when empty), at most
    /// `batch_rows` rows at a time (all at once for a Fortran-order 2-D array).
    ///
    /// # Errors
    /// No such file; a malformed or hostile header; an array that is not 1-D or 2-D, empty,
    /// structured or of an unsupported dtype.
    pub fn open(path: &str, needed: &[bool], batch_rows: usize) -> Result<Self> {
        let cannot = |e: std::io::Error| anyhow!("{path}: cannot read the file: {e}");
        let mut file = File::open(path).map_err(cannot)?;
        let file_len = usize::try_from(file.metadata().map_err(cannot)?.len())
            .map_err(|_| anyhow!("{path}: the file is too large for this machine"))?;
        // The fixed preamble, then the header it announces (bounded by the file's length).
        let mut head = Vec::with_capacity(64);
        file.by_ref()
            .take(12)
            .read_to_end(&mut head)
            .map_err(cannot)?;
        let announced = match head.get(6) {
            Some(1) if head.len() >= 10 => 10 + usize::from(u16::from_le_bytes([head[8], head[9]])),
            Some(2 | 3) if head.len() >= 12 => {
                12 + u32::from_le_bytes([head[8], head[9], head[10], head[11]]) as usize
            }
            _ => head.len(),
        };
        let want = announced.min(file_len);
        if want > head.len() {
            file.by_ref()
                .take((want - head.len()) as u64)
                .read_to_end(&mut head)
                .map_err(cannot)?;
        }
        let data_start = npy_preamble(path, &head, file_len)?;
        let header = NpyHeader::from_reader(&head[..data_start])
            .map_err(|e| anyhow!("{path}: not a valid .npy file: {e}"))?;
        let shape: Vec<usize> = header.shape().iter().map(|&s| s as usize).collect();
        let order = header.order();
        let DType::Plain(ts) = header.dtype() else {
            bail!(
                "{path}: structured .npy arrays are not supported; save a plain 1-D or 2-D array"
            );
        };
        let (rows, cols) = match shape.as_slice() {
            [n] => (*n, 1),
            [n, m] => (*n, *m),
            _ => {
                bail!(
                    "{path}: array of shape {shape:?}; expected a 1-D or 2-D array (rows = samples)"
                )
            }
        };
        if rows == 0 || cols == 0 {
            bail!("{path}: the array is empty (shape {shape:?})");
        }
        // The header's claimed size against the bytes that follow it, before allocating.
        let have = (file_len - data_start) as u64;
        let need = shape
            .iter()
            .try_fold(ts.size_field(), |a, &s| a.checked_mul(s as u64));
        if need.is_none_or(|n| n > have) {
            bail!(
                "{path}: the header claims shape {shape:?} of {}-byte elements, but the file holds {have} bytes of data",
                ts.size_field()
            );
        }
        file.seek(SeekFrom::Start(data_start as u64))
            .map_err(cannot)?;
        let npy = NpyFile::with_header(header, BufReader::with_capacity(1 << 20, file));
        let dtype = |e: npyz::DTypeError| anyhow!("{path}: cannot read the array: {e}");
        let elements = match (ts.type_char(), ts.size_field()) {
            (TypeChar::Float, 8) => Elements::F64(npy.data().map_err(dtype)?),
            (TypeChar::Float, 4) => Elements::F32(npy.data().map_err(dtype)?),
            (TypeChar::Int, 8) => Elements::I64(npy.data().map_err(dtype)?),
            (TypeChar::Int, 4) => Elements::I32(npy.data().map_err(dtype)?),
            (TypeChar::Int, 2) => Elements::I16(npy.data().map_err(dtype)?),
            (TypeChar::Int, 1) => Elements::I8(npy.data().map_err(dtype)?),
            (TypeChar::Uint, 4) => Elements::U32(npy.data().map_err(dtype)?),
            (TypeChar::Uint, 2) => Elements::U16(npy.data().map_err(dtype)?),
            (TypeChar::Uint, 1) => Elements::U8(npy.data().map_err(dtype)?),
            (TypeChar::Bool, _) => Elements::Bool(npy.data().map_err(dtype)?),
            _ => bail!(
                "{path}: dtype {ts} is not supported (use float64/32, int64/32/16/8, uint32/16/8 or bool)"
            ),
        };
        let batch_rows = if order == Order::Fortran && cols > 1 {
            rows
        } else {
            batch_rows.max(1)
        };
        Ok(Self {
            path: path.to_string(),
            elements,
            rows,
            cols,
            one_d: shape.len() == 1,
            order,
            single_precision: ts.type_char() == TypeChar::Float && ts.size_field() == 4,
            needed: if needed.is_empty() {
                vec![true; cols]
            } else {
                needed.to_vec()
            },
            batch_rows,
            done: 0,
        })
    }

    /// The column names: the 0-based indices as text.
    pub fn names(&self) -> Vec<String> {
        (0..self.cols).map(|j| j.to_string()).collect()
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    fn read_batch(&mut self) -> Result<Table> {
        let path = self.path.as_str();
        let (cols, row0) = (self.cols, self.done);
        let rows = self.batch_rows.min(self.rows - row0);
        let flat = self
            .elements
            .read(rows * cols)
            .map_err(|e| anyhow!("{path}: cannot read the array: {e}"))?;
        // Element (i, j) of the batch (a Fortran-order batch is the whole array).
        let at = |i: usize, j: usize| match self.order {
            Order::C => i * cols + j,
            Order::Fortran => j * rows + i,
        };
        let columns = (0..cols)
            .map(|j| -> Result<Column> {
                let values = match &flat {
                    _ if !self.needed[j] => Values::Int(Vec::new()),
                    Flat::I(v) => Values::Int((0..rows).map(|i| v[at(i, j)]).collect()),
                    Flat::F(v) => {
                        let col: Vec<f64> = (0..rows).map(|i| v[at(i, j)]).collect();
                        if let Some(i) = col.iter().position(|x| !x.is_finite()) {
                            let r = row0 + i;
                            let idx = if self.one_d {
                                format!("[{r}]")
                            } else {
                                format!("[{r}, {j}]")
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
                    missing: Vec::new(),
                    first_missing: String::new(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        self.done += rows;
        Ok(Table {
            path: path.to_string(),
            columns,
            rows,
            single_precision: self.single_precision,
            first_line: None,
            row0,
        })
    }
}

impl Iterator for NpyBatches {
    type Item = Result<Table>;

    fn next(&mut self) -> Option<Result<Table>> {
        if self.done >= self.rows {
            return None;
        }
        let r = self.read_batch();
        if r.is_err() {
            // No batch after an error.
            self.done = self.rows;
        }
        Some(r)
    }
}

/// Reads a whole `.npy` array into a table (one batch of every row).
pub fn read_npy(path: &str) -> Result<Table> {
    let mut b = NpyBatches::open(path, &[], usize::MAX)?;
    b.next()
        .unwrap_or_else(|| Err(anyhow!("{path}: the array is empty")))
}
