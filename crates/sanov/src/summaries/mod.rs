//! Mergeable summaries of data too large for one pass or one machine.
//!
//! Each summary is built from one chunk (a partition) of the data, merged with the summaries of
//! the other chunks in any order or tree, and the final measure is computed once on the
//! merged summary:
//!
//! - [`CountTable`]: exact joint counts of several integer-label columns (a sorted, canonical
//!   table). Every discrete measure — entropy estimators, plug-in mutual information,
//!   conditional entropy and conditional mutual information, NMI, AMI — is a function of it,
//!   and a merged table equals the table of the concatenated data field for field, so the
//!   measures are bit-for-bit those of a single pass.
//! - [`CoMoments`]: count, means and co-moment matrix of continuous columns, merged by the
//!   pairwise update of Chan, Golub & LeVeque; the Gaussian mutual information and total
//!   correlation follow from its covariance.
//!
//! Both serialise to a compact, versioned little-endian byte layout ([`CountTable::to_bytes`],
//! [`CoMoments::to_bytes`]; documented in `docs/definitions.md`, *Mergeable summaries*) so that
//! the merge can run under any engine.

mod comoments;
mod table;
mod wire;

pub use comoments::CoMoments;
pub use table::CountTable;
