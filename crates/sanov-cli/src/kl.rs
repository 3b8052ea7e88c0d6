//! `sanov kl P Q`: the KL divergence of two distributions read in lockstep row batches.
//!
//! Each input is one number per line, one row, or one column of a table, in any format that
//! [`Source`] reads (CSV/TSV, Parquet file, directory or glob, `.npy`). P and Q are read batch
//! by batch side by side, so memory is O(batch), not O(n), and one pass accumulates, with
//! compensated (Neumaier) summation,
//!
//! ```text
//! A = Σ p ln(p/q) over p > 0,   P = Σ p,   Q = Σ q,
//! ```
//!
//! with `+∞` when some `p > 0 = q` and `0 · ln 0 = 0`. Without `--normalize` the inputs must be
//! probability vectors (`|P − 1|`, `|Q − 1|` within sanov's tolerance) and `D = A`, the same sum
//! as `sanov::divergences::kl_divergence`. With `--normalize`,
//!
//! ```text
//! D(p/P ‖ q/Q) = A / P − ln(P / Q),
//! ```
//!
//! still one pass. Where `P`, `Q` or `A` overflow (weights near `f64::MAX`) a second pass
//! repeats the sums with each input scaled by a power of two below its largest element, which
//! leaves `D` unchanged.
//!
//! Errors come in the order of the whole-file reader this replaced: with `--normalize`, P's
//! read errors, P's first bad element or zero mass, then Q's; without, P's then Q's read
//! errors, then P's first bad element and sum, Q's, and last unequal lengths (found when one
//! input ends before the other; the longer one is still counted to name both lengths).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Result};
use serde_json::json;

use sanov::sum::Neumaier;
use sanov::{Base, Real};

use crate::cli::Common;
use crate::commands::{parse_base, print, unit};
use crate::data::{Header, ReadSpec};
use crate::output::{num, Report};
use crate::stream::Source;
use crate::table::Table;

/// Runs `sanov kl`.
pub fn run(
    p: &Path,
    q: &Path,
    column: Option<&str>,
    normalise: bool,
    common: &Common,
) -> Result<ExitCode> {
    let base = parse_base(&common.base)?;
    // P's read errors come first; Q's are reported in the order of the whole-file reader.
    let ps = open(p)?;
    let qs = open(q);
    let (sp, sq) = (p.display().to_string(), q.display().to_string());
    let r = divergence((&Ok(ps), &qs), (&sp, &sq), column, normalise, base)?;
    let report = Report {
        meta: vec![
            ("p", json!(sp)),
            ("q", json!(sq)),
            ("kl_divergence", num(r.value)),
            ("unit", json!(unit(base))),
            ("support_size", json!(r.n)),
            (
                "precision",
                json!(if r.single { "float32" } else { "float64" }),
            ),
        ],
        ..Report::default()
    };
    print(&report.render(common.format))?;
    Ok(ExitCode::SUCCESS)
}

fn open(path: &Path) -> Result<Source> {
    Source::open(
        path,
        ReadSpec {
            header: Header::Auto,
            delimiter: None,
            keep_missing: false,
        },
    )
}

/// The outcome of `sanov kl`.
struct Kl {
    /// D(P‖Q) in the requested unit.
    value: f64,
    /// The support size.
    n: u64,
    /// Either input was stored in single precision.
    single: bool,
}

/// How a vector lies in its file.
#[derive(Clone, Copy)]
enum Layout {
    /// Column `j`, read batch by batch.
    Column(usize),
    /// The only row of a table of several columns (read whole: it is one record).
    Row,
}

/// One input as a stream of chunks of numbers.
struct Vector<'a> {
    /// `None` when the input could not be opened (the error is pending).
    src: Option<&'a Source>,
    batches: Box<dyn Iterator<Item = Result<Table>> + 'a>,
    layout: Layout,
    /// A chunk read ahead (the first one: it fixes the precision and the layout), or the
    /// error that opening the input met (reported when the pass reaches it).
    pending: Option<Result<Vec<f64>>>,
    /// The file stores single precision (float32 `.npy` or Parquet column).
    single: bool,
}

impl<'a> Vector<'a> {
    /// Opens the vector of `src`: the column `column`, the only column, or the only row. An
    /// error is kept for the pass, which reports it in its turn.
    fn open(src: &'a Result<Source>, column: Option<&str>) -> Self {
        let opened = match src {
            Ok(s) => Self::try_open(s, column),
            // The message as main prints it (the error itself stays with the caller).
            Err(e) => Err(anyhow!("{e:#}")),
        };
        opened.unwrap_or_else(|e| Self {
            src: None,
            batches: Box::new(std::iter::empty()),
            layout: Layout::Row,
            pending: Some(Err(e)),
            single: false,
        })
    }

    fn try_open(src: &'a Source, column: Option<&str>) -> Result<Self> {
        let ncols = src.names.len();
        let j = match column {
            Some(key) => Some(src.find(key)?),
            None if ncols == 1 => Some(0),
            None => None,
        };
        let mut needed = vec![j.is_none(); ncols];
        if let Some(j) = j {
            needed[j] = true;
        }
        let mut batches = src.batches(&needed, &[])?;
        let first = loop {
            match batches.next() {
                None => bail!("{}: no data rows", src.shown),
                Some(t) => {
                    let t = t?;
                    if t.rows > 0 {
                        break t;
                    }
                }
            }
        };
        let single = first.single_precision;
        let (layout, chunk) = if let Some(j) = j {
            (
                Layout::Column(j),
                first.numbers(&first.columns[j])?.into_owned(),
            )
        } else {
            let mut rows = first.rows;
            for t in batches.by_ref() {
                rows += t?.rows;
            }
            if rows != 1 {
                bail!(
                    "{}: holds {rows} rows and {ncols} columns; pick one with --column",
                    src.shown
                );
            }
            let row = first
                .columns
                .iter()
                .map(|c| Ok(first.numbers(c)?[0]))
                .collect::<Result<Vec<f64>>>()?;
            (Layout::Row, row)
        };
        Ok(Self {
            src: Some(src),
            batches,
            layout,
            pending: Some(Ok(chunk)),
            single,
        })
    }

    /// The next chunk of numbers; `None` at the end.
    fn next_chunk(&mut self) -> Result<Option<Vec<f64>>> {
        if let Some(c) = self.pending.take() {
            return c.map(Some);
        }
        let Layout::Column(j) = self.layout else {
            return Ok(None);
        };
        match self.batches.next() {
            None => Ok(None),
            Some(t) => {
                let t = t?;
                Ok(Some(t.numbers(&t.columns[j])?.into_owned()))
            }
        }
    }
}

/// What one pass saw of one input.
#[derive(Default)]
struct Side {
    /// Elements read.
    n: u64,
    /// Σ x (compensated, of the scaled values).
    sum: Neumaier,
    /// The largest element.
    max: f64,
    /// The first element that is not finite or is negative: (index, value).
    invalid: Option<(u64, f64)>,
    /// A read error, after which the input was not read further.
    err: Option<anyhow::Error>,
    /// The input ended (or failed).
    ended: bool,
}

impl Side {
    #[inline]
    fn see(&mut self, x: f64, scale: f64) {
        if self.invalid.is_none() && !(x.is_finite() && x >= 0.0) {
            self.invalid = Some((self.n, x));
        }
        self.max = self.max.max(x);
        self.sum.add(x * scale);
        self.n += 1;
    }

    /// The next chunk of `v` into `buf` (empty at the end or after a read error).
    fn refill(&mut self, v: &mut Vector<'_>, buf: &mut Vec<f64>, round32: bool) {
        buf.clear();
        while buf.is_empty() && !self.ended {
            match v.next_chunk() {
                Ok(Some(c)) => *buf = c,
                Ok(None) => self.ended = true,
                Err(e) => {
                    self.err = Some(e);
                    self.ended = true;
                }
            }
        }
        if round32 {
            for x in buf.iter_mut() {
                *x = f64::from(*x as f32);
            }
        }
    }
}

/// ln(x/y) for x, y > 0, exact in range: ln x − ln y where x/y over- or underflows (as sanov's
/// KL kernel).
#[inline]
fn ln_ratio(x: f64, y: f64) -> f64 {
    let r = x / y;
    if r.is_normal() {
        r.ln()
    } else {
        x.ln() - y.ln()
    }
}

/// One pass over both inputs: the sides, Σ p ln(p/q) over p > 0 (of the scaled values), and
/// whether some p > 0 = q.
fn pass(
    p: &mut Vector<'_>,
    q: &mut Vector<'_>,
    round32: bool,
    (sp, sq): (f64, f64),
) -> (Side, Side, f64, bool) {
    let total = p.src.and_then(Source::total_rows);
    let bar = crate::progress::rows(total, "kl");
    let (mut a, mut b) = (Side::default(), Side::default());
    let (mut bp, mut bq) = (Vec::new(), Vec::new());
    let (mut ip, mut iq) = (0usize, 0usize);
    let mut acc = Neumaier::default();
    let mut inf = false;
    loop {
        if ip == bp.len() {
            a.refill(p, &mut bp, round32);
            ip = 0;
        }
        if iq == bq.len() {
            b.refill(q, &mut bq, round32);
            iq = 0;
        }
        // A read error of P comes first whatever else is wrong: stop at once.
        if a.err.is_some() || (a.ended && b.ended) {
            break;
        }
        if a.ended {
            // P ended first: count (and check) the rest of Q.
            for &y in &bq[iq..] {
                b.see(y, sq);
            }
            iq = bq.len();
            continue;
        }
        if b.ended {
            for &x in &bp[ip..] {
                a.see(x, sp);
            }
            ip = bp.len();
            continue;
        }
        let m = (bp.len() - ip).min(bq.len() - iq);
        for (&x, &y) in bp[ip..ip + m].iter().zip(&bq[iq..iq + m]) {
            a.see(x, sp);
            b.see(y, sq);
            if x > 0.0 {
                if y > 0.0 {
                    let (x, y) = (x * sp, y * sq);
                    acc.add(x * ln_ratio(x, y));
                } else {
                    inf = true;
                }
            }
        }
        ip += m;
        iq += m;
        bar.inc(m as u64);
    }
    bar.finish_and_clear();
    (a, b, acc.total(), inf)
}

/// The error for a bad element, as sanov's validation names it.
fn bad_element(arg: &'static str, (index, value): (u64, f64)) -> sanov::Error {
    let index = usize::try_from(index).unwrap_or(usize::MAX);
    if value.is_finite() {
        sanov::Error::NegativeProbability { arg, index, value }
    } else {
        sanov::Error::NonFinite { arg, index, value }
    }
}

/// A power of two near 1/`m` (`m` > 0 finite): scaling by it is exact and brings the largest
/// element to [1, 4) (to [1, 2) unless `m` ≥ 2^1023). The exponent is kept within ±1022 so
/// that the power itself is a finite normal number (an input of subnormal elements is scaled
/// up by at most 2^1022); any positive scale leaves the divergence unchanged.
fn scale_below(m: f64) -> f64 {
    let e = m.log2().floor().clamp(-1022.0, 1022.0);
    2f64.powi(-(e as i32))
}

/// D(P‖Q) of the vectors of `ps` and `qs`, in one pass (two where sums overflow).
fn divergence(
    (ps, qs): (&Result<Source>, &Result<Source>),
    shown: (&str, &str),
    column: Option<&str>,
    normalise: bool,
    base: Base,
) -> Result<Kl> {
    let mut p = Vector::open(ps, column);
    let mut q = Vector::open(qs, column);
    // Float32 input (a softmax saved from PyTorch) is compared in float32: both vectors are
    // rounded to f32 and their sums checked to the f32 tolerance. With --normalize the values
    // are used exactly as stored (the normalised vector is never materialised).
    let single = p.single || q.single;
    let round32 = single && !normalise;
    let (a, b, acc, inf) = pass(&mut p, &mut q, round32, (1.0, 1.0));
    let (sp, sq) = shown;
    let at = |path: &str, e: sanov::Error| anyhow!("{path}: {e}");
    let sums = |path: &str, arg: &'static str, side: &Side| -> Result<()> {
        let sum = side.sum.total();
        let tolerance = if single {
            <f32 as Real>::NORMALIZATION_TOLERANCE
        } else {
            <f64 as Real>::NORMALIZATION_TOLERANCE
        };
        if (sum - 1.0).abs() <= tolerance {
            return Ok(());
        }
        let e = sanov::Error::NotNormalized {
            arg,
            sum,
            tolerance,
            row: None,
        };
        bail!("{path}: {e} (--normalize divides by the sum)")
    };
    if let Some(e) = a.err {
        return Err(e);
    }
    if normalise {
        let weights = |side: &Side, path: &str| -> Result<()> {
            if let Some(bad) = side.invalid {
                return Err(at(path, bad_element("weights", bad)));
            }
            if side.sum.total() == 0.0 {
                return Err(at(path, sanov::Error::ZeroMass { arg: "weights" }));
            }
            Ok(())
        };
        weights(&a, sp)?;
        if let Some(e) = b.err {
            return Err(e);
        }
        weights(&b, sq)?;
    } else {
        if let Some(e) = b.err {
            return Err(e);
        }
        for (side, path, arg) in [(&a, sp, "P"), (&b, sq, "Q")] {
            if let Some(bad) = side.invalid {
                return Err(at(path, bad_element(arg, bad)));
            }
            sums(path, arg, side)?;
        }
    }
    if a.n != b.n {
        bail!(
            "{sp} holds {} values but {sq} holds {}; P and Q must have the same support",
            a.n,
            b.n
        );
    }
    let nats = if inf {
        f64::INFINITY
    } else if !normalise {
        acc
    } else {
        let (tp, tq) = (a.sum.total(), b.sum.total());
        if tp.is_finite() && tq.is_finite() && acc.is_finite() {
            acc / tp - ln_ratio(tp, tq)
        } else {
            // Weights so large that a sum overflows: again, each input scaled by a power of
            // two below its largest element (D is unchanged by scaling either input).
            let scales = (scale_below(a.max), scale_below(b.max));
            let mut p = Vector::open(ps, column);
            let mut q = Vector::open(qs, column);
            let (a, b, acc, _) = pass(&mut p, &mut q, false, scales);
            if let Some(e) = a.err.or(b.err) {
                return Err(e);
            }
            let (tp, tq) = (a.sum.total(), b.sum.total());
            acc / tp - ln_ratio(tp, tq)
        }
    };
    Ok(Kl {
        value: base.from_nats(nats),
        n: a.n,
        single,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_exact_powers_of_two() {
        for m in [1.5e308, f64::MAX, 3.0, 1.0, 0.7, 1e-300] {
            let s = scale_below(m);
            assert_eq!(
                s.to_bits() & ((1u64 << 52) - 1),
                0,
                "{m}: {s} is a power of two"
            );
            assert!((1.0..4.0).contains(&(m * s)), "{m} * {s} = {}", m * s);
        }
        assert_eq!(scale_below(3.0), 0.5);
        assert_eq!(scale_below(f64::MAX), 2f64.powi(-1022));
        // Subnormal maxima: scaled up by at most 2^1022, the scale itself finite.
        assert_eq!(scale_below(1e-320), 2f64.powi(1022));
    }

    #[test]
    fn ln_ratio_survives_ratios_out_of_range() {
        assert_eq!(ln_ratio(0.5, 0.25), 2f64.ln());
        let r = ln_ratio(1e-300, 1e300);
        assert!((r - (1e-300f64.ln() - 1e300f64.ln())).abs() <= 1e-12 * r.abs());
        assert!(ln_ratio(f64::MAX, 1e-300).is_finite());
    }
}
