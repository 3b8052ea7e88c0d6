//! `sanov te`: transfer entropy (or conditional transfer entropy) between columns of a data
//! file, plug-in or KSG, with an optional permutation test (source surrogates).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use ndarray::Array2;
use serde_json::json;

use sanov::estimators::{DiscreteEstimator, KsgOptions, Noise, NsbOptions};
use sanov::significance::{
    ksg_transfer_entropy_test, transfer_entropy_test, PermutationParams, Surrogate,
};
use sanov::timeseries::{
    conditional_transfer_entropy, ksg_conditional_transfer_entropy, ksg_transfer_entropy,
    transfer_entropy, TeParams,
};
use sanov::Par;

use crate::cli::{Common, ReadOpts};
use crate::commands::{parse_base, print, read_spec, unit};
use crate::data::read_table;
use crate::output::{num, Report};
use crate::table::Table;

/// Estimators of `sanov te`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TeEstimator {
    /// Plug-in: exact counts of the embedded integer tuples.
    PlugIn,
    /// Miller–Madow bias correction of each joint entropy.
    MillerMadow,
    /// NSB posterior mean of each joint entropy (--alphabet-size per symbol; default max + 1).
    Nsb,
    /// KSG / Frenzel–Pompe k-nearest-neighbour estimate on the embedded real vectors.
    Ksg,
}

/// Surrogates of `sanov te --permutations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SurrogateKind {
    /// Uniform shuffles of the source (i.i.d. data).
    Shuffle,
    /// Random circular shifts of the source (keeps its autocorrelation).
    Circular,
    /// Blocks of --block-length steps in random order.
    Block,
}

/// The arguments of `sanov te`.
#[derive(Debug, Args)]
pub struct TeArgs {
    /// The data file (.csv, .tsv, .npy, .parquet); rows are time steps.
    pub file: PathBuf,
    /// Source column(s) Y (names or 0-based indices, comma-separated: a multivariate source).
    #[arg(long, short, value_delimiter = ',', required = true)]
    pub source: Vec<String>,
    /// Target column(s) X.
    #[arg(long, short, value_delimiter = ',', required = true)]
    pub target: Vec<String>,
    /// Conditioning column(s) Z: conditional transfer entropy.
    #[arg(long, value_delimiter = ',')]
    pub condition: Vec<String>,
    /// Target history length k.
    #[arg(long, default_value_t = 1)]
    pub k: usize,
    /// Source history length l.
    #[arg(long, default_value_t = 1)]
    pub l: usize,
    /// Source–target delay (1 = Schreiber's transfer entropy).
    #[arg(long, default_value_t = 1)]
    pub delay: usize,
    /// Conditioning history length m.
    #[arg(long, default_value_t = 1)]
    pub m: usize,
    /// The estimator.
    #[arg(long, value_enum, default_value_t = TeEstimator::PlugIn)]
    pub estimator: TeEstimator,
    /// Neighbours of the KSG estimator.
    #[arg(long, default_value_t = 4)]
    pub neighbors: usize,
    /// KSG: add seeded Gaussian jitter of this relative size to break exact duplicates
    /// (scikit-learn uses 1e-10).
    #[arg(long, value_name = "SCALE")]
    pub jitter: Option<f64>,
    /// NSB alphabet size per symbol (0: largest symbol + 1).
    #[arg(long, default_value_t = 0)]
    pub alphabet_size: usize,
    /// Number of surrogates of a permutation test (0: no test).
    #[arg(long, default_value_t = 0)]
    pub permutations: usize,
    /// How surrogates are made.
    #[arg(long, value_enum, default_value_t = SurrogateKind::Circular)]
    pub surrogate: SurrogateKind,
    /// Block length of --surrogate block.
    #[arg(long)]
    pub block_length: Option<usize>,
    /// Seed of the permutation test.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    #[command(flatten)]
    pub read: ReadOpts,
    #[command(flatten)]
    pub common: Common,
}

fn integer_columns(t: &Table, keys: &[String], role: &str) -> Result<Option<Array2<i64>>> {
    if keys.is_empty() {
        return Ok(None);
    }
    let mut cols = Vec::with_capacity(keys.len());
    for key in keys {
        let c = &t.columns[t.find(key)?];
        let Some(v) = c.values.labels() else {
            bail!(
                "{}: {role} column '{}' is not integer-valued; use --estimator ksg for real \
                 series",
                t.path,
                c.name
            );
        };
        cols.push(v.into_owned());
    }
    Ok(Some(Array2::from_shape_fn(
        (t.rows, cols.len()),
        |(i, j)| cols[j][i],
    )))
}

fn real_columns(t: &Table, keys: &[String], role: &str) -> Result<Option<Array2<f64>>> {
    if keys.is_empty() {
        return Ok(None);
    }
    let mut cols = Vec::with_capacity(keys.len());
    for key in keys {
        let c = &t.columns[t.find(key)?];
        let Some(v) = c.values.floats() else {
            bail!("{}: {role} column '{}' is not numeric", t.path, c.name);
        };
        cols.push(v.into_owned());
    }
    Ok(Some(Array2::from_shape_fn(
        (t.rows, cols.len()),
        |(i, j)| cols[j][i],
    )))
}

/// Runs `sanov te`.
pub fn run(a: &TeArgs) -> Result<ExitCode> {
    let base = parse_base(&a.common.base)?;
    let t = read_table(&a.file, read_spec(&a.read)?)?;
    let params = TeParams {
        k: a.k,
        l: a.l,
        delay: a.delay,
        m: a.m,
    };
    let surrogate = match (a.surrogate, a.block_length) {
        (SurrogateKind::Shuffle, None) => Surrogate::Shuffle,
        (SurrogateKind::Circular, None) => Surrogate::CircularShift,
        (SurrogateKind::Block, Some(length)) => Surrogate::Block { length },
        (SurrogateKind::Block, None) => bail!("--surrogate block needs --block-length"),
        (_, Some(_)) => bail!("--block-length is only used with --surrogate block"),
    };
    let perm = PermutationParams {
        n_permutations: a.permutations,
        seed: a.seed,
        surrogate,
        par: Par::rayon(0),
    };
    let ctx = |e: sanov::Error| anyhow::anyhow!("{}: {e}", t.path);
    let (te, test) = if a.estimator == TeEstimator::Ksg {
        let y = real_columns(&t, &a.source, "source")?.context("no source column")?;
        let x = real_columns(&t, &a.target, "target")?.context("no target column")?;
        let z = real_columns(&t, &a.condition, "condition")?;
        let o = KsgOptions {
            k: a.neighbors,
            noise: a.jitter.map_or(Noise::None, |scale| Noise::Jitter {
                scale,
                seed: a.seed,
            }),
            base,
            par: Par::rayon(0),
            ..KsgOptions::default()
        };
        let te = match &z {
            Some(z) => ksg_conditional_transfer_entropy(y.view(), x.view(), z.view(), &params, &o),
            None => ksg_transfer_entropy(y.view(), x.view(), &params, &o),
        }
        .map_err(ctx)?;
        let test = if a.permutations > 0 {
            let o1 = KsgOptions { par: Par::Seq, ..o };
            let zv = z.as_ref().map(|z| z.view());
            Some(
                ksg_transfer_entropy_test(y.view(), x.view(), zv, &params, &o1, &perm)
                    .map_err(ctx)?,
            )
        } else {
            None
        };
        (te, test)
    } else {
        let e = match a.estimator {
            TeEstimator::MillerMadow => DiscreteEstimator::MillerMadow,
            TeEstimator::Nsb => DiscreteEstimator::Nsb(NsbOptions {
                alphabet_size: a.alphabet_size,
                ..NsbOptions::default()
            }),
            _ => DiscreteEstimator::PlugIn,
        };
        let y = integer_columns(&t, &a.source, "source")?.context("no source column")?;
        let x = integer_columns(&t, &a.target, "target")?.context("no target column")?;
        let z = integer_columns(&t, &a.condition, "condition")?;
        let te = match &z {
            Some(z) => {
                conditional_transfer_entropy(y.view(), x.view(), z.view(), &params, &e, base)
            }
            None => transfer_entropy(y.view(), x.view(), &params, &e, base),
        }
        .map_err(ctx)?;
        let test = if a.permutations > 0 {
            let zv = z.as_ref().map(|z| z.view());
            Some(
                transfer_entropy_test(y.view(), x.view(), zv, &params, &e, base, &perm)
                    .map_err(ctx)?,
            )
        } else {
            None
        };
        (te, test)
    };
    let estimator = match a.estimator {
        TeEstimator::PlugIn => "plug-in",
        TeEstimator::MillerMadow => "miller-madow",
        TeEstimator::Nsb => "nsb",
        TeEstimator::Ksg => "ksg",
    };
    let mut columns = vec!["source", "target", "transfer_entropy"];
    let mut row = vec![
        json!(a.source.join(",")),
        json!(a.target.join(",")),
        num(te),
    ];
    if let Some(test) = &test {
        columns.extend(["p_value", "null_mean", "null_std", "bias_corrected"]);
        row.extend([
            num(test.p_value),
            num(test.null_mean),
            num(test.null_std),
            num(test.bias_corrected()),
        ]);
    }
    let mut meta = vec![
        ("file", json!(t.path)),
        ("rows", json!(t.rows)),
        ("estimator", json!(estimator)),
        ("k", json!(a.k)),
        ("l", json!(a.l)),
        ("delay", json!(a.delay)),
        ("unit", json!(unit(base))),
    ];
    if !a.condition.is_empty() {
        meta.push(("condition", json!(a.condition.join(","))));
        meta.push(("m", json!(a.m)));
    }
    if a.estimator == TeEstimator::Ksg {
        meta.push(("neighbors", json!(a.neighbors)));
    }
    if a.permutations > 0 {
        meta.push(("permutations", json!(a.permutations)));
        meta.push(("seed", json!(a.seed)));
    }
    let report = Report {
        meta,
        columns,
        rows: vec![row],
        rows_key: "transfer_entropy",
        meta_in_csv: false,
    };
    print(&report.render(a.common.format))?;
    Ok(ExitCode::SUCCESS)
}
