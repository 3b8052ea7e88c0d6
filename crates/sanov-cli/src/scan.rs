//! One pass over a streamed input: the `--nan-policy` applied batch by batch and every
//! column's labels kept consistent across batches (see [`crate::counts::Labeler`]).

use std::borrow::Cow;

use anyhow::{bail, Result};

use crate::counts::{Labeler, Seen, Step};
use crate::stream::Source;
use crate::table::{NanPolicy, Table};

/// What a finished pass saw.
pub struct Scanned {
    /// Rows kept (after `--nan-policy omit`).
    pub kept: u64,
    /// Rows dropped for a missing value.
    pub dropped: u64,
    /// What each labelled column held.
    pub seen: Vec<Seen>,
}

/// The labels of a batch, per column (`None`: not asked for, or not integer labels).
pub type Labels<'a> = Vec<Option<Cow<'a, [i64]>>>;

/// Streams `src`, reading the columns flagged in `needed`: applies `nan` to the columns `used`
/// in each batch, labels the columns flagged in `labelled`, and calls `each` with the batch
/// (rows with a missing value dropped) and its labels. Returns `None` when a CSV column read
/// as numbers turned out to hold text: `text` then flags it and the caller starts over.
///
/// # Errors
/// Those of reading; `--nan-policy raise` and a missing value; no rows left; those of `each`.
pub fn scan(
    src: &Source,
    needed: &[bool],
    used: &[usize],
    nan: NanPolicy,
    text: &mut [bool],
    labelled: &[bool],
    mut each: impl FnMut(&Table, &Labels<'_>) -> Result<()>,
) -> Result<Option<Scanned>> {
    let mut labelers: Vec<Labeler> = labelled.iter().map(|_| Labeler::new()).collect();
    let (mut kept, mut dropped, mut rows) = (0u64, 0u64, 0u64);
    let bar = crate::progress::rows(src.total_rows(), "reading");
    for batch in src.batches(needed, text)? {
        let mut batch = batch?;
        rows += batch.rows as u64;
        bar.inc(batch.rows as u64);
        if used.iter().any(|&j| !batch.columns[j].missing.is_empty()) {
            if nan == NanPolicy::Omit {
                let mut drop = vec![false; batch.rows];
                for &j in used {
                    for &r in &batch.columns[j].missing {
                        drop[r] = true;
                    }
                }
                if drop.iter().all(|&d| d) {
                    dropped += batch.rows as u64;
                    continue;
                }
            }
            dropped += batch.apply_nan_policy(used, nan)? as u64;
        }
        kept += batch.rows as u64;
        let mut labels: Labels<'_> = Vec::with_capacity(labelled.len());
        for (j, (&want, l)) in labelled.iter().zip(&mut labelers).enumerate() {
            if !want {
                labels.push(None);
                continue;
            }
            match l.labels(&batch.columns[j].values) {
                Step::Labels(v) => labels.push(Some(v)),
                Step::NotLabels => labels.push(None),
                Step::Restart => {
                    bar.finish_and_clear();
                    text[j] = true;
                    return Ok(None);
                }
            }
        }
        each(&batch, &labels)?;
    }
    bar.finish_and_clear();
    if kept == 0 {
        if rows == 0 {
            bail!("{}: no data rows", src.shown);
        }
        bail!(
            "{}: every one of the {rows} rows has a missing value in a used column",
            src.shown
        );
    }
    Ok(Some(Scanned {
        kept,
        dropped,
        seen: labelers.iter().map(|l| l.seen).collect(),
    }))
}
