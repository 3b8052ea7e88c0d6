//! Support code for sanov's benchmarks: a seeded PRNG, Dirichlet(1) test vectors, the
//! memory-read floor, a median timer and a minimal `.npy` reader.
//!
//! The criterion benches live in `benches/`; the `sanov_timer` binary (in `src/bin/`) times sanov
//! on data written by `python/bench_peers.py`, so SciPy/NumPy and sanov see the same bytes.
//! See `README.md` for how to run both and how the floor is defined.

use rayon::prelude::*;
use sanov::Real;
use std::hint::black_box;
use std::time::Instant;

/// xoshiro256++ (Blackman & Vigna 2019), seeded through SplitMix64: small, fast and good enough
/// for benchmark inputs. Not for cryptography.
#[derive(Debug, Clone)]
pub struct Xoshiro256pp {
    s: [u64; 4],
}

impl Xoshiro256pp {
    /// A generator whose whole state is derived from `seed` with SplitMix64.
    pub fn new(seed: u64) -> Self {
        let mut z = seed;
        let mut next = || {
            z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut x = z;
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            x ^ (x >> 31)
        };
        Self {
            s: [next(), next(), next(), next()],
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let out = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        out
    }

    /// A uniform double in `(0, 1]` (53 random bits; never 0, so `ln` of it is finite).
    pub fn next_f64_open0(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard exponential variate, `−ln U` with `U ∈ (0, 1]`.
    pub fn next_exp(&mut self) -> f64 {
        -self.next_f64_open0().ln()
    }
}

/// A compensated (Neumaier) sum, so that normalised test vectors sum to 1 to the last ulps.
fn compensated_sum(xs: &[f64]) -> f64 {
    let (mut s, mut c) = (0.0_f64, 0.0_f64);
    for &x in xs {
        let t = s + x;
        c += if s.abs() >= x.abs() {
            (s - t) + x
        } else {
            (x - t) + s
        };
        s = t;
    }
    s + c
}

/// A Dirichlet(1, …, 1) sample of length `n` (uniform on the probability simplex): i.i.d.
/// standard exponentials divided by their (compensated) sum. Every entry is `> 0`, and the sum
/// is 1 within a few ulps, far inside sanov's `1e-9` tolerance.
///
/// # Examples
/// ```
/// let p = sanov_bench::dirichlet_ones(1000, 42);
/// assert_eq!(p.len(), 1000);
/// assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// ```
pub fn dirichlet_ones(n: usize, seed: u64) -> Vec<f64> {
    let mut rng = Xoshiro256pp::new(seed);
    let mut p: Vec<f64> = (0..n).map(|_| rng.next_exp()).collect();
    let inv = 1.0 / compensated_sum(&p);
    for x in &mut p {
        *x *= inv;
    }
    p
}

/// `x` rounded to `f32` (its sum stays within ~1e-7 of 1, inside the `f32` tolerance 1e-5).
pub fn to_f32(x: &[f64]) -> Vec<f32> {
    x.iter().map(|&v| v as f32).collect()
}

/// Sum of `x` with 8 independent accumulators, so that it vectorises and is bound by memory
/// bandwidth rather than by the latency of one chain of additions.
#[inline]
fn sum8<T: Real>(x: &[T]) -> f64 {
    let mut acc = [0.0_f64; 8];
    let mut chunks = x.chunks_exact(8);
    for c in &mut chunks {
        for (a, v) in acc.iter_mut().zip(c) {
            *a += v.to_f64();
        }
    }
    let mut s: f64 = acc.iter().sum();
    for v in chunks.remainder() {
        s += v.to_f64();
    }
    s
}

/// Sum of `p_i + q_i` with 8 independent accumulators per input (both streams read together,
/// as a two-input kernel reads them).
#[inline]
fn sum8_pair<T: Real>(p: &[T], q: &[T]) -> f64 {
    let n = p.len().min(q.len());
    let (p, q) = (&p[..n], &q[..n]);
    let (mut ap, mut aq) = ([0.0_f64; 8], [0.0_f64; 8]);
    let n8 = n - n % 8;
    for i in (0..n8).step_by(8) {
        let x: &[T; 8] = p[i..i + 8].try_into().expect("8 elements");
        let y: &[T; 8] = q[i..i + 8].try_into().expect("8 elements");
        for j in 0..8 {
            ap[j] += x[j].to_f64();
            aq[j] += y[j].to_f64();
        }
    }
    let mut s: f64 = ap.iter().sum::<f64>() + aq.iter().sum::<f64>();
    for (x, y) in p[n8..].iter().zip(&q[n8..]) {
        s += x.to_f64() + y.to_f64();
    }
    s
}

/// Length of each of `tasks` contiguous chunks of `n` elements (a multiple of 64).
fn chunk_len(n: usize, tasks: usize) -> usize {
    n.div_ceil(tasks.max(1)).next_multiple_of(64).max(64)
}

/// The **memory-read floor** of a one-input kernel: a plain sum of `x`, split into `tasks`
/// contiguous chunks summed as rayon tasks on the global pool (`tasks <= 1`: on the calling
/// thread), each with 8 accumulators. It reads exactly the bytes a one-pass kernel over `x`
/// reads, with the same splitting overhead as sanov's `Par::rayon(tasks)`, and does the least
/// possible arithmetic on them, so its time bounds such a kernel from below.
///
/// # Examples
/// ```
/// let x = vec![0.5_f64; 1000];
/// assert_eq!(sanov_bench::read_floor(&x, 2), 500.0);
/// ```
pub fn read_floor<T: Real>(x: &[T], tasks: usize) -> f64 {
    if tasks <= 1 {
        return sum8(x);
    }
    let c = chunk_len(x.len(), tasks);
    x.par_chunks(c).map(sum8).sum()
}

/// The memory-read floor of a two-input kernel: `Σ (p_i + q_i)`, split as in [`read_floor`].
/// Only the common prefix of `p` and `q` is read.
///
/// # Examples
/// ```
/// let p = vec![0.5_f64; 1000];
/// assert_eq!(sanov_bench::read_floor_pair(&p, &p, 2), 1000.0);
/// ```
pub fn read_floor_pair<T: Real>(p: &[T], q: &[T], tasks: usize) -> f64 {
    let n = p.len().min(q.len());
    let (p, q) = (&p[..n], &q[..n]);
    if tasks <= 1 {
        return sum8_pair(p, q);
    }
    let c = chunk_len(n, tasks);
    p.par_chunks(c)
        .zip(q.par_chunks(c))
        .map(|(p, q)| sum8_pair(p, q))
        .sum()
}

/// Timing statistics of one operation, in seconds per call.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// Median over the samples of the mean time per call within a sample.
    pub median: f64,
    /// Fastest sample (mean time per call within it).
    pub min: f64,
    /// Calls per sample.
    pub calls: usize,
    /// Number of samples.
    pub samples: usize,
}

/// Times `f` timeit-style: one warm-up call; then, as `timeit.Timer.autorange` does, the number
/// of back-to-back calls per sample is raised through 1, 2, 5, 10, 20, 50, … until one sample
/// lasts at least `min_sample_s` seconds; then `samples` samples of that many calls are taken.
/// The result of every call goes through [`black_box`]; `f` should also pass its inputs through
/// [`black_box`], so that the compiler cannot hoist the work out of the loop.
///
/// # Examples
/// ```
/// let t = sanov_bench::time_median(|| 1.0, 7, 1e-4);
/// assert_eq!(t.samples, 7);
/// assert!(t.min <= t.median);
/// ```
pub fn time_median<R>(mut f: impl FnMut() -> R, samples: usize, min_sample_s: f64) -> Timing {
    let mut sample = |calls: usize| {
        let t = Instant::now();
        for _ in 0..calls {
            black_box(f());
        }
        t.elapsed().as_secs_f64()
    };
    sample(1);
    let mut calls = 1usize;
    'calibrate: for scale in (0..).map(|e| 10usize.pow(e)) {
        for m in [1, 2, 5] {
            calls = m * scale;
            if sample(calls) >= min_sample_s || calls >= 1 << 30 {
                break 'calibrate;
            }
        }
    }
    let samples = samples.max(1);
    let mut per_call: Vec<f64> = (0..samples).map(|_| sample(calls) / calls as f64).collect();
    per_call.sort_by(f64::total_cmp);
    Timing {
        median: median_sorted(&per_call),
        min: per_call[0],
        calls,
        samples,
    }
}

/// Median of a sorted, non-empty slice (mean of the middle two for even lengths).
fn median_sorted(x: &[f64]) -> f64 {
    let m = x.len() / 2;
    if x.len() % 2 == 1 {
        x[m]
    } else {
        0.5 * (x[m - 1] + x[m])
    }
}

/// A one-dimensional array read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Array {
    /// `float64` data.
    F64(Vec<f64>),
    /// `float32` data.
    F32(Vec<f32>),
}

impl Array {
    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Self::F64(v) => v.len(),
            Self::F32(v) => v.len(),
        }
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The NumPy name of the element type.
    pub fn dtype(&self) -> &'static str {
        match self {
            Self::F64(_) => "float64",
            Self::F32(_) => "float32",
        }
    }
}

/// Parses a `.npy` file (format versions 1–3) holding a C-order or one-dimensional array of
/// little-endian `float64` (`<f8`) or `float32` (`<f4`); any shape is read flat. Bytes that do
/// not start with the `.npy` magic string are read as raw little-endian `float64`.
///
/// # Errors
/// A message if the header is malformed, the dtype or order is unsupported, or the data length
/// does not match the header (or, for raw data, is not a multiple of 8).
///
/// # Examples
/// ```
/// let raw: Vec<u8> = [0.25_f64, 0.75].iter().flat_map(|x| x.to_le_bytes()).collect();
/// assert_eq!(sanov_bench::parse_npy(&raw)?, sanov_bench::Array::F64(vec![0.25, 0.75]));
/// # Ok::<(), String>(())
/// ```
pub fn parse_npy(bytes: &[u8]) -> Result<Array, String> {
    const MAGIC: &[u8] = b"\x93NUMPY";
    if !bytes.starts_with(MAGIC) {
        return decode_f64(bytes).map(Array::F64);
    }
    let major = *bytes.get(6).ok_or("truncated .npy header")?;
    let (hlen, start) = match major {
        1 => {
            let b = bytes.get(8..10).ok_or("truncated .npy header")?;
            (u16::from_le_bytes([b[0], b[1]]) as usize, 10)
        }
        2 | 3 => {
            let b = bytes.get(8..12).ok_or("truncated .npy header")?;
            (u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize, 12)
        }
        v => return Err(format!("unsupported .npy version {v}")),
    };
    let header = bytes
        .get(start..start + hlen)
        .ok_or("truncated .npy header")?;
    let header = std::str::from_utf8(header).map_err(|_| "non-UTF-8 .npy header")?;
    let descr = dict_value(header, "descr").ok_or("no 'descr' in .npy header")?;
    let fortran = dict_value(header, "fortran_order").ok_or("no 'fortran_order' in header")?;
    let shape = dict_value(header, "shape").ok_or("no 'shape' in .npy header")?;
    let dims = shape
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|d| d.parse::<usize>().map_err(|_| format!("bad shape {shape}")))
        .collect::<Result<Vec<_>, _>>()?;
    let n = dims
        .iter()
        .try_fold(1usize, |n, &d| n.checked_mul(d))
        .ok_or("shape overflows")?;
    if fortran.starts_with("True") && dims.len() > 1 {
        return Err("Fortran-order arrays are not supported".into());
    }
    let data = &bytes[start + hlen..];
    let descr = descr.trim_matches(|c| c == '\'' || c == '"');
    let arr = match descr {
        "<f8" | "f8" => Array::F64(decode_f64(data)?),
        "<f4" | "f4" => Array::F32(decode_f32(data)?),
        d => return Err(format!("unsupported dtype {d} (want <f8 or <f4)")),
    };
    if arr.len() != n {
        return Err(format!("header says {n} elements, data has {}", arr.len()));
    }
    Ok(arr)
}

/// The raw text of the value of `key` in a `.npy` header dict (up to the next top-level comma).
fn dict_value<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    let i = header
        .find(&format!("'{key}'"))
        .or_else(|| header.find(&format!("\"{key}\"")))?;
    let rest = &header[i + key.len() + 2..];
    let rest = rest[rest.find(':')? + 1..].trim_start();
    let end = if rest.starts_with('(') {
        rest.find(')')? + 1
    } else {
        rest.find([',', '}'])?
    };
    Some(rest[..end].trim())
}

fn decode_f64(data: &[u8]) -> Result<Vec<f64>, String> {
    if !data.len().is_multiple_of(8) {
        return Err(format!("{} data bytes is not a multiple of 8", data.len()));
    }
    Ok(data
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
        .collect())
}

fn decode_f32(data: &[u8]) -> Result<Vec<f32>, String> {
    if !data.len().is_multiple_of(4) {
        return Err(format!("{} data bytes is not a multiple of 4", data.len()));
    }
    Ok(data
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes")))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(descr: &str, shape: &str, data: &[u8]) -> Vec<u8> {
        let mut h = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
        while (10 + h.len() + 1) % 64 != 0 {
            h.push(' ');
        }
        h.push('\n');
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend_from_slice(&(h.len() as u16).to_le_bytes());
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(data);
        out
    }

    #[test]
    fn prng_is_deterministic_and_in_range() {
        let mut a = Xoshiro256pp::new(7);
        let mut b = Xoshiro256pp::new(7);
        for _ in 0..1000 {
            let (x, y) = (a.next_f64_open0(), b.next_f64_open0());
            assert_eq!(x, y);
            assert!(x > 0.0 && x <= 1.0);
        }
        assert_ne!(
            Xoshiro256pp::new(1).next_u64(),
            Xoshiro256pp::new(2).next_u64()
        );
    }

    #[test]
    fn exponential_mean_is_one() {
        let mut r = Xoshiro256pp::new(3);
        let m = (0..200_000).map(|_| r.next_exp()).sum::<f64>() / 200_000.0;
        assert!((m - 1.0).abs() < 0.01, "{m}");
    }

    #[test]
    fn dirichlet_is_normalised_and_valid_for_sanov() {
        let p = dirichlet_ones(100_003, 1);
        assert!(p.iter().all(|&x| x > 0.0));
        assert!((compensated_sum(&p) - 1.0).abs() < 1e-14);
        let h = sanov::measures::entropy(&p, sanov::Base::Nats).unwrap();
        // E[H] of Dirichlet(1) is ψ(n+1) − ψ(2) ≈ ln n − 0.4228.
        assert!((h - ((100_003f64).ln() - 0.4228)).abs() < 0.01, "{h}");
        assert!(sanov::measures::entropy(&to_f32(&p), sanov::Base::Nats).is_ok());
    }

    #[test]
    fn floors_sum_correctly() {
        let x: Vec<f64> = (0..10_001).map(f64::from).collect();
        let want = 10_000.0 * 10_001.0 / 2.0;
        assert_eq!(read_floor(&x, 1), want);
        assert_eq!(read_floor(&x, 2), want);
        assert_eq!(read_floor(&x, 3), want);
        assert_eq!(read_floor_pair(&x, &x, 2), 2.0 * want);
        assert_eq!(read_floor_pair(&x, &x, 1), 2.0 * want);
        assert_eq!(read_floor(&to_f32(&x[..100]), 2), 4950.0);
    }

    #[test]
    fn npy_roundtrip() {
        let v = [0.125_f64, 0.375, 0.5];
        let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
        assert_eq!(
            parse_npy(&npy("<f8", "(3,)", &bytes)).unwrap(),
            Array::F64(v.to_vec())
        );
        let b32: Vec<u8> = v.iter().flat_map(|&x| (x as f32).to_le_bytes()).collect();
        assert_eq!(
            parse_npy(&npy("<f4", "(3,)", &b32)).unwrap(),
            Array::F32(vec![0.125, 0.375, 0.5])
        );
        assert!(parse_npy(&npy("<f8", "(4,)", &bytes)).is_err());
        assert!(parse_npy(&npy("<i8", "(3,)", &bytes)).is_err());
        assert!(parse_npy(&bytes[..7]).is_err());
    }
}
