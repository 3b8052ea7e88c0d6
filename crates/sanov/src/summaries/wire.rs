//! Little-endian byte encoding shared by the summaries' serialisations.

use crate::error::{Error, Result};

/// Appends little-endian fields to a byte buffer.
pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
}

/// Reads little-endian fields, failing with [`Error::Malformed`] past the end.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader of `buf`, which must start with `magic` and the layout `version`.
    pub fn new(buf: &'a [u8], what: &'static str, magic: [u8; 4], version: u8) -> Result<Self> {
        let mut r = Self { buf, what };
        if r.take(4)? != magic.as_slice() {
            return Err(r.bad("wrong magic bytes"));
        }
        if r.u8()? != version {
            return Err(r.bad("unsupported layout version"));
        }
        Ok(r)
    }

    pub fn bad(&self, reason: &'static str) -> Error {
        Error::Malformed {
            what: self.what,
            reason,
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.buf.len() < n {
            return Err(self.bad("truncated"));
        }
        let (head, tail) = self.buf.split_at(n);
        self.buf = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub fn i64(&mut self) -> Result<i64> {
        Ok(i64::from_le_bytes(self.array()?))
    }
    pub fn f64(&mut self) -> Result<f64> {
        Ok(f64::from_le_bytes(self.array()?))
    }

    /// Checks that `n` items of `size` bytes remain (before allocating for them).
    pub fn expect(&self, n: u64, size: u64) -> Result<usize> {
        n.checked_mul(size)
            .filter(|&b| b <= self.buf.len() as u64)
            .map(|_| n as usize)
            .ok_or_else(|| self.bad("truncated"))
    }

    /// Fails unless every byte was read.
    pub fn finish(self) -> Result<()> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            Err(self.bad("trailing bytes"))
        }
    }
}
