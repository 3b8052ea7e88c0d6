//! The commands: argument checks, calls into sanov, reports.

use std::borrow::Cow;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};
use clap::CommandFactory;
use rayon::prelude::*;
use serde_json::{json, Value};

use sanov::channels::{channel_capacity, CapacityOptions};
use sanov::estimators::{kozachenko_leonenko_entropy, DiscreteEstimator, NsbOptions};
use sanov::iterate::StoppingRule;
use sanov::maxent::{maxent_moments, MaxEntOptions};
use sanov::{Base, Par};

use crate::cli::{Cli, Command, Common, Estimator, ReadOpts, SampleOpts};
use crate::counts::{Counter, Reservoir, Seen};
use crate::data::{read_matrix, Header, ReadSpec};
use crate::output::{num, Report};
use crate::scan::{scan, Scanned};
use crate::stream::Source;
use crate::table::{NanPolicy, Values};
use crate::{figure, tour};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Tour {
            format,
            figure_dir,
            figure_format,
            no_figure,
        } => {
            if !no_figure && !figure_dir.is_dir() {
                bail!("{}: not a directory", figure_dir.display());
            }
            let t = tour::run(&figure_dir, figure_format, !no_figure)?;
            print(&tour::render(&t, format))?;
            Ok(if t.all_ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Figure1 {
            out,
            d,
            seed,
            format,
        } => {
            let fig = figure::compute(d, seed)?;
            figure::draw(&fig, &out)?;
            match format {
                Some(f) => print(&figure1_report(&fig, &out).render(f))?,
                None => eprintln!("Figure 1 written to {}", out.display()),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Entropy {
            file,
            column,
            estimator,
            alphabet_size,
            k,
            sample,
            read,
            common,
        } => entropy_cmd(
            &file,
            column.as_deref(),
            estimator,
            (alphabet_size, k),
            &sample,
            &read,
            &common,
        ),
        Command::Mi {
            file,
            target,
            discrete,
            continuous,
            k,
            timings,
            sample,
            read,
            common,
        } => mi_cmd(
            &file,
            &target,
            &discrete,
            &continuous,
            k,
            timings,
            &sample,
            &read,
            &common,
        ),
        Command::Kl {
            p,
            q,
            column,
            normalize,
            common,
        } => crate::kl::run(&p, &q, column.as_deref(), normalize, &common),
        Command::Capacity {
            channel,
            tolerance,
            common,
        } => capacity_cmd(&channel, tolerance, &common),
        Command::Maxent {
            support,
            mean,
            second_moment,
            common,
        } => maxent_cmd(&support, mean, second_moment, &common),
        Command::Te(args) => crate::te::run(&args),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            let mut out = std::io::stdout();
            clap_complete::generate(shell, &mut cmd, "sanov", &mut out);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes to stdout; a closed pipe (`sanov tour | head`) is not an error.
pub(crate) fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("cannot write to stdout"),
    }
}

/// Parses `--base`.
pub(crate) fn parse_base(s: &str) -> Result<Base> {
    let b = match s.trim().to_ascii_lowercase().as_str() {
        "e" | "nats" | "nat" | "ln" => return Ok(Base::Nats),
        "2" | "bits" | "bit" | "shannons" => return Ok(Base::Bits),
        "10" | "hartleys" | "hartley" | "bans" | "dits" => return Ok(Base::Hartleys),
        other => other.parse::<f64>().map_err(|_| {
            anyhow!("--base {s}: not a number or unit name (e, nats, 2, bits, 10, hartleys)")
        })?,
    };
    Base::new(b).map_err(|e| anyhow!("--base: {e}"))
}

pub(crate) fn unit(base: Base) -> String {
    match base {
        Base::Nats => "nats".into(),
        Base::Bits => "bits".into(),
        Base::Hartleys => "hartleys".into(),
        Base::Other(b) => format!("log{} units", b.value()),
    }
}

pub(crate) fn read_spec(read: &ReadOpts) -> Result<ReadSpec> {
    let delimiter = match read.delimiter {
        None => None,
        Some(c) if c.is_ascii() => Some(c as u8),
        Some(c) => bail!("--delimiter '{c}': must be one ASCII character"),
    };
    Ok(ReadSpec {
        header: if read.no_header {
            Header::No
        } else {
            Header::Yes
        },
        delimiter,
        keep_missing: true,
    })
}

fn figure1_report(fig: &figure::Figure1, out: &Path) -> Report {
    let mut rows = Vec::new();
    for (name, s) in [("dirichlet", &fig.dirichlet), ("uniform", &fig.uniform)] {
        for j in 0..s.n.len() {
            rows.push(vec![
                json!(name),
                json!(s.n[j]),
                num(s.n[j] as f64 / fig.d as f64),
                num(s.exact[j]),
                num(s.relative_error_nh[j]),
                num(s.relative_error_stirling[j]),
            ]);
        }
    }
    Report {
        meta: vec![
            ("figure", json!(out.display().to_string())),
            ("d", json!(fig.d)),
            ("seed", json!(fig.seed)),
        ],
        columns: vec![
            "panel",
            "n",
            "n_over_d",
            "exact_ln_coefficient",
            "relative_error_nh",
            "relative_error_stirling",
        ],
        rows,
        rows_key: "series",
        meta_in_csv: false,
    }
}

// ---------------------------------------------------------------------------------------------

/// The SampleOpts as (capacity, seed).
fn sampling(s: &SampleOpts) -> (usize, u64) {
    (usize::try_from(s.max_samples).unwrap_or(usize::MAX), s.seed)
}

/// The one-line notice of a k-NN estimate on a sample.
fn sample_notice(kept: usize, of: u64, seed: u64, what: &str) {
    eprintln!(
        "sanov: sampled {kept} of {of} rows (seed {seed}) for the {what} (--max-samples, --seed)"
    );
}

fn entropy_cmd(
    file: &Path,
    column: Option<&str>,
    estimator: Estimator,
    (alphabet_size, k): (Option<usize>, usize),
    sample: &SampleOpts,
    read: &ReadOpts,
    common: &Common,
) -> Result<ExitCode> {
    let base = parse_base(&common.base)?;
    let src = Source::open(file, read_spec(read)?)?;
    let j = match column {
        Some(c) => src.find(c)?,
        None if src.names.len() == 1 => 0,
        None => bail!(
            "{}: holds {} columns; name one with --column",
            src.shown,
            src.names.len()
        ),
    };
    let ncols = src.names.len();
    let name = src.names[j].clone();
    let mut needed = vec![false; ncols];
    needed[j] = true;
    let mut text = vec![false; ncols];
    if estimator == Estimator::KozachenkoLeonenko {
        let (cap, seed) = sampling(sample);
        let mut res = Reservoir::new(cap, seed, 1, 0);
        let scanned = scan(
            &src,
            &needed,
            &[j],
            read.nan_policy,
            &mut text,
            &vec![false; ncols],
            |t, _| {
                let c = &t.columns[j];
                let x = numeric(&t.path, c)?;
                res.offer(&[&x], &[]);
                Ok(())
            },
        )?
        .ok_or_else(|| anyhow!("{}: internal: restart without labels", src.shown))?;
        let x = &res.floats[0];
        if res.sampled() {
            sample_notice(x.len(), res.seen(), seed, "Kozachenko-Leonenko estimator");
        }
        let view = ndarray::ArrayView2::from_shape((x.len(), 1), &x[..])
            .map_err(|e| anyhow!("{}: column '{name}': {e}", src.shown))?;
        let h = kozachenko_leonenko_entropy(view, k, base, Par::rayon(0))
            .map_err(|e| anyhow!("{}: column '{name}': {e}", src.shown))?;
        if !h.is_finite() {
            bail!(
                "{}: column '{name}': the Kozachenko-Leonenko estimate is {h}, not a finite number",
                src.shown
            );
        }
        let mut report = Report {
            meta: vec![
                ("file", json!(src.shown)),
                ("column", json!(name)),
                ("estimator", json!("kozachenko-leonenko")),
                ("k", json!(k)),
                ("differential_entropy", num(h)),
                ("unit", json!(unit(base))),
                ("samples", json!(x.len())),
            ],
            ..Report::default()
        };
        if res.sampled() {
            report.meta.push(("rows", json!(scanned.kept)));
            report.meta.push(("seed", json!(seed)));
        }
        if read.nan_policy == NanPolicy::Omit {
            report
                .meta
                .push(("rows_dropped_missing", json!(scanned.dropped)));
        }
        print(&report.render(common.format))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut labelled = vec![false; ncols];
    labelled[j] = true;
    let (counter, scanned) = loop {
        let mut counter = Counter::new(false);
        let r = scan(
            &src,
            &needed,
            &[j],
            read.nan_policy,
            &mut text,
            &labelled,
            |_, labels| {
                let l = labels[j].as_deref().ok_or_else(|| {
                    anyhow!(
                        "{}: column '{name}' holds non-integer numbers; the discrete estimators need integers or strings (--estimator kozachenko-leonenko for a continuous column)",
                        src.shown
                    )
                })?;
                counter.add(l, &[]);
                Ok(())
            },
        )?;
        if let Some(scanned) = r {
            break (counter, scanned);
        }
    };
    let counts = counter
        .table()?
        .label_counts(0)
        .map_err(|e| anyhow!("{e}"))?;
    let est = match estimator {
        Estimator::PlugIn => DiscreteEstimator::PlugIn,
        Estimator::MillerMadow => DiscreteEstimator::MillerMadow,
        Estimator::Grassberger => DiscreteEstimator::Grassberger,
        Estimator::ChaoShen => DiscreteEstimator::ChaoShen,
        Estimator::Nsb => DiscreteEstimator::Nsb(NsbOptions {
            alphabet_size: alphabet_size.unwrap_or(counts.distinct()),
            ..NsbOptions::default()
        }),
        Estimator::KozachenkoLeonenko => unreachable!("handled above"),
    };
    let h = counts
        .entropy(&est, base)
        .map_err(|e| anyhow!("{}: column '{name}': {e}", src.shown))?;
    let est_name = match estimator {
        Estimator::PlugIn => "plug-in",
        Estimator::MillerMadow => "miller-madow",
        Estimator::Grassberger => "grassberger",
        Estimator::ChaoShen => "chao-shen",
        Estimator::Nsb => "nsb",
        Estimator::KozachenkoLeonenko => unreachable!("handled above"),
    };
    let mut report = Report {
        meta: vec![
            ("file", json!(src.shown)),
            ("column", json!(name)),
            ("estimator", json!(est_name)),
            ("entropy", num(h)),
            ("unit", json!(unit(base))),
            ("samples", json!(counts.total())),
            ("distinct", json!(counts.distinct())),
        ],
        ..Report::default()
    };
    if read.nan_policy == NanPolicy::Omit {
        report
            .meta
            .push(("rows_dropped_missing", json!(scanned.dropped)));
    }
    print(&report.render(common.format))?;
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------

/// How a column enters `sanov mi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Discrete,
    Continuous,
}

/// The documented rule's cap on distinct values: `max(20, ⌊√N⌋)`.
fn cap(rows: u64) -> usize {
    20usize.max((rows as f64).sqrt() as usize)
}

/// An upper bound on the rows of `src` kept by the `--nan-policy`: the row count of a Parquet
/// or NPY input; for CSV/TSV, `(bytes + 1) / (2 · columns)`, since a complete row holds at
/// least one byte per field, a delimiter between fields and a line end.
fn row_bound(src: &Source) -> u64 {
    src.total_rows().unwrap_or_else(|| {
        let bytes = src.csv_bytes().unwrap_or(u64::MAX - 1);
        (bytes + 1) / (2 * src.names.len().max(1) as u64)
    })
}

/// Exact counts of pass 1 of `sanov mi`: per column, its labels (while it may be discrete) and
/// its labels jointly with the target's (while both may be).
struct Pass1 {
    singles: Vec<Option<Counter>>,
    pairs: Vec<Option<Counter>>,
    scanned: Scanned,
}

/// Pass 1 of `sanov mi`: counts every column that may be discrete, and classifies.
fn mi_pass1(
    src: &Source,
    y: usize,
    force: &[Option<Kind>],
    nan: NanPolicy,
    text: &mut [bool],
) -> Result<Pass1> {
    let ncols = src.names.len();
    let all: Vec<usize> = (0..ncols).collect();
    // Above this many distinct values a numeric column is continuous whatever N turns out.
    let bound = cap(row_bound(src));
    loop {
        let mut singles: Vec<Option<Counter>> = (0..ncols)
            .map(|j| (force[j] != Some(Kind::Continuous)).then(|| Counter::new(false)))
            .collect();
        let mut pairs: Vec<Option<Counter>> = (0..ncols)
            .map(|j| {
                (j != y && singles[j].is_some() && singles[y].is_some()).then(|| Counter::new(true))
            })
            .collect();
        let r = scan(
            src,
            &vec![true; ncols],
            &all,
            nan,
            text,
            &vec![true; ncols],
            |t, labels| {
                for j in 0..ncols {
                    if labels[j].is_none() {
                        if force[j] == Some(Kind::Discrete) {
                            bail!(
                                "{}: column '{}' holds non-integer numbers and cannot be --discrete",
                                src.shown,
                                src.names[j]
                            );
                        }
                        singles[j] = None;
                        pairs[j] = None;
                    }
                }
                if singles[y].is_none() {
                    for p in &mut pairs {
                        *p = None;
                    }
                }
                let ly = labels[y].as_deref();
                singles
                    .par_iter_mut()
                    .zip(pairs.par_iter_mut())
                    .zip(labels.par_iter())
                    .for_each(|((s, p), l)| {
                        if let Some(l) = l.as_deref() {
                            if let Some(s) = s {
                                s.add(l, &[]);
                            }
                            if let (Some(p), Some(ly)) = (p, ly) {
                                p.add(l, ly);
                            }
                        }
                    });
                for j in 0..ncols {
                    let is_text = matches!(t.columns[j].values, Values::Str { .. });
                    if !is_text
                        && force[j] != Some(Kind::Discrete)
                        && singles[j].as_ref().is_some_and(|s| s.distinct() > bound)
                    {
                        singles[j] = None;
                        pairs[j] = None;
                    }
                }
                if singles[y].is_none() {
                    for p in &mut pairs {
                        *p = None;
                    }
                }
                Ok(())
            },
        )?;
        if let Some(scanned) = r {
            return Ok(Pass1 {
                singles,
                pairs,
                scanned,
            });
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn mi_cmd(
    file: &Path,
    target: &str,
    discrete: &[String],
    continuous: &[String],
    k: usize,
    timings: bool,
    sample: &SampleOpts,
    read: &ReadOpts,
    common: &Common,
) -> Result<ExitCode> {
    let base = parse_base(&common.base)?;
    let t0 = Instant::now();
    let src = Source::open(file, read_spec(read)?)?;
    let ncols = src.names.len();
    let y_idx = src.find(target)?;
    let mut force: Vec<Option<Kind>> = vec![None; ncols];
    for (list, kind) in [(discrete, Kind::Discrete), (continuous, Kind::Continuous)] {
        for name in list {
            force[src.find(name)?] = Some(kind);
        }
    }
    if ncols < 2 {
        bail!("{}: only the target column; nothing to rank", src.shown);
    }
    let mut text = vec![false; ncols];
    let p1 = mi_pass1(&src, y_idx, &force, read.nan_policy, &mut text)?;
    let n = p1.scanned.kept;
    let cap_n = cap(n);
    let mut kinds: Vec<(Kind, Option<usize>)> = Vec::with_capacity(ncols);
    for (j, &forced) in force.iter().enumerate() {
        let seen = p1.scanned.seen[j];
        let d = p1.singles[j].as_ref().map(Counter::distinct);
        kinds.push(match forced {
            Some(Kind::Discrete) => (Kind::Discrete, d),
            Some(Kind::Continuous) => {
                if seen == Seen::Text {
                    bail!(
                        "{}: column '{}' holds text and cannot be --continuous",
                        src.shown,
                        src.names[j]
                    );
                }
                (Kind::Continuous, None)
            }
            None if seen == Seen::Text => (Kind::Discrete, d),
            None => match d {
                Some(d) if d <= cap_n => (Kind::Discrete, Some(d)),
                _ => (Kind::Continuous, None),
            },
        });
    }
    let y_kind = kinds[y_idx].0;
    let others: Vec<usize> = (0..ncols).filter(|&j| j != y_idx).collect();
    let t_read = t0.elapsed();
    let t1 = Instant::now();
    // Pass 2, for the k-NN estimators: a reservoir sample of the continuous columns and of
    // the discrete columns they meet.
    let any_knn =
        y_kind == Kind::Continuous || others.iter().any(|&j| kinds[j].0 == Kind::Continuous);
    let fcols: Vec<usize> = (0..ncols)
        .filter(|&j| kinds[j].0 == Kind::Continuous)
        .collect();
    let lcols: Vec<usize> = if y_kind == Kind::Continuous {
        others
            .iter()
            .copied()
            .filter(|&j| kinds[j].0 == Kind::Discrete)
            .collect()
    } else {
        vec![y_idx]
    };
    let (capacity, seed) = sampling(sample);
    let mut res = Reservoir::new(capacity, seed, fcols.len(), lcols.len());
    if any_knn {
        let mut labelled = vec![false; ncols];
        for &j in &lcols {
            labelled[j] = true;
        }
        let all: Vec<usize> = (0..ncols).collect();
        scan(
            &src,
            &vec![true; ncols],
            &all,
            read.nan_policy,
            &mut text,
            &labelled,
            |t, labels| {
                let f = fcols
                    .iter()
                    .map(|&j| numeric(&t.path, &t.columns[j]))
                    .collect::<Result<Vec<_>>>()?;
                let l: Vec<&[i64]> = lcols
                    .iter()
                    .map(|&j| labels[j].as_deref().unwrap_or(&[]))
                    .collect();
                let f: Vec<&[f64]> = f.iter().map(|v| &v[..]).collect();
                res.offer(&f, &l);
                Ok(())
            },
        )?
        .ok_or_else(|| anyhow!("{}: the column types changed between passes", src.shown))?;
        if res.sampled() {
            sample_notice(
                res.floats.first().map_or(0, Vec::len),
                res.seen(),
                seed,
                "k-NN estimators",
            );
        }
    }
    let floats_of = |j: usize| {
        fcols
            .iter()
            .position(|&c| c == j)
            .map(|i| &res.floats[i][..])
    };
    let labels_of = |j: usize| {
        lcols
            .iter()
            .position(|&c| c == j)
            .map(|i| &res.labels[i][..])
    };
    let missing = |j: usize| {
        anyhow!(
            "{}: column '{}': internal: not sampled",
            src.shown,
            src.names[j]
        )
    };
    let results: Vec<Result<(usize, f64, &'static str)>> = others
        .par_iter()
        .map(|&j| {
            let ctx = |e: sanov::Error| anyhow!("{}: column '{}': {e}", src.shown, src.names[j]);
            Ok(match (kinds[j].0, y_kind) {
                (Kind::Discrete, Kind::Discrete) => {
                    let t = p1.pairs[j].as_ref().ok_or_else(|| missing(j))?.table()?;
                    (
                        j,
                        t.mutual_information(&[0], &[1], base).map_err(ctx)?,
                        "plug-in",
                    )
                }
                (Kind::Continuous, Kind::Continuous) => {
                    let x = floats_of(j).ok_or_else(|| missing(j))?;
                    let yv = floats_of(y_idx).ok_or_else(|| missing(y_idx))?;
                    (
                        j,
                        crate::knn::continuous(x, yv, k, base).map_err(ctx)?,
                        "ksg",
                    )
                }
                (Kind::Continuous, Kind::Discrete) => {
                    let x = floats_of(j).ok_or_else(|| missing(j))?;
                    let yl = labels_of(y_idx).ok_or_else(|| missing(y_idx))?;
                    (j, crate::knn::mixed(x, yl, k, base).map_err(ctx)?, "ross")
                }
                (Kind::Discrete, Kind::Continuous) => {
                    let x = labels_of(j).ok_or_else(|| missing(j))?;
                    let yv = floats_of(y_idx).ok_or_else(|| missing(y_idx))?;
                    (j, crate::knn::mixed(yv, x, k, base).map_err(ctx)?, "ross")
                }
            })
        })
        .collect();
    let t_mi = t1.elapsed();
    let mut rows: Vec<(usize, f64, &'static str)> = results.into_iter().collect::<Result<_>>()?;
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut report = Report {
        meta: vec![
            ("file", json!(src.shown)),
            ("target", json!(src.names[y_idx])),
            ("target_type", json!(kind_name(y_kind))),
            ("rows", json!(n)),
            ("unit", json!(unit(base))),
        ],
        columns: vec![
            "rank",
            "column",
            "type",
            "distinct",
            "method",
            "mutual_information",
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(|(r, &(j, mi, method))| {
                vec![
                    json!(r + 1),
                    json!(src.names[j]),
                    json!(kind_name(kinds[j].0)),
                    kinds[j].1.map_or(Value::Null, |d| json!(d)),
                    json!(method),
                    num(mi),
                ]
            })
            .collect(),
        rows_key: "ranking",
        meta_in_csv: false,
    };
    if res.sampled() {
        report
            .meta
            .push(("knn_samples", json!(res.floats.first().map_or(0, Vec::len))));
        report.meta.push(("seed", json!(seed)));
    }
    if read.nan_policy == NanPolicy::Omit {
        report
            .meta
            .push(("rows_dropped_missing", json!(p1.scanned.dropped)));
    }
    print(&report.render(common.format))?;
    if timings {
        let total = t0.elapsed().as_secs_f64();
        eprintln!(
            "timings: read+parse {:.3} s ({:.0} %), mutual information {:.3} s, total {:.3} s, {:.0} rows/s",
            t_read.as_secs_f64(),
            100.0 * t_read.as_secs_f64() / total,
            t_mi.as_secs_f64(),
            total,
            n as f64 / total
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn numeric<'a>(path: &str, col: &'a crate::table::Column) -> Result<Cow<'a, [f64]>> {
    col.values.floats().ok_or_else(|| {
        anyhow!(
            "{path}: column '{}' holds text; it cannot be continuous",
            col.name
        )
    })
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Discrete => "discrete",
        Kind::Continuous => "continuous",
    }
}

// ---------------------------------------------------------------------------------------------

fn capacity_cmd(channel: &Path, tolerance: f64, common: &Common) -> Result<ExitCode> {
    let base = parse_base(&common.base)?;
    let w = read_matrix(channel)?;
    let params = CapacityOptions {
        rule: StoppingRule {
            tolerance,
            ..StoppingRule::default()
        },
        base,
        ..CapacityOptions::default()
    };
    let shown = channel.display();
    let r = channel_capacity(w.view(), &params).map_err(|e| match e {
        sanov::Error::NotNormalized { sum, row: Some(r), .. } => anyhow!(
            "{shown}: row {} (input {r}) sums to {sum}, not 1: each row must be the distribution P(Y | X = x)",
            r + 1
        ),
        e => anyhow!("{shown}: {e}"),
    })?;
    let report = Report {
        meta: vec![
            ("channel", json!(shown.to_string())),
            ("inputs", json!(w.nrows())),
            ("outputs", json!(w.ncols())),
            ("capacity", num(r.capacity)),
            ("unit", json!(format!("{}/use", unit(base)))),
            ("certified_gap_nats", num(r.gap)),
            ("iterations", json!(r.diagnostics.iterations)),
        ],
        columns: vec!["input", "p"],
        rows: r
            .input_distribution
            .iter()
            .enumerate()
            .map(|(i, &p)| vec![json!(i), num(p)])
            .collect(),
        rows_key: "input_distribution",
        meta_in_csv: true,
    };
    print(&report.render(common.format))?;
    Ok(ExitCode::SUCCESS)
}

/// `a..b` (integers, inclusive) or a comma-separated list of numbers.
fn parse_support(s: &str) -> Result<Vec<f64>> {
    let bad = || anyhow!("--support {s}: expected an integer range a..b or a list like 1,2,3.5");
    if let Some((a, b)) = s.split_once("..") {
        let a: i64 = a.trim().parse().map_err(|_| bad())?;
        let b: i64 = b
            .trim()
            .trim_start_matches('=')
            .parse()
            .map_err(|_| bad())?;
        if b < a {
            bail!("--support {s}: the range is empty (b < a)");
        }
        if b - a > 100_000_000 {
            bail!("--support {s}: more than 1e8 points");
        }
        return Ok((a..=b).map(|x| x as f64).collect());
    }
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| bad())?;
    if let Some(x) = v.iter().find(|x| !x.is_finite()) {
        bail!("--support: {x} is not finite");
    }
    Ok(v)
}

fn maxent_cmd(support: &str, mean: f64, second: Option<f64>, common: &Common) -> Result<ExitCode> {
    let base = parse_base(&common.base)?;
    let x = parse_support(support)?;
    let mut moments = vec![mean];
    moments.extend(second);
    for (name, m) in ["--mean", "--second-moment"].iter().zip(&moments) {
        if !m.is_finite() {
            bail!("{name} {m}: must be finite");
        }
    }
    let r = maxent_moments(&x, &moments, None, &MaxEntOptions::default())
        .map_err(|e| anyhow!("maxent: {e}"))?;
    let mut meta = vec![("support_size", json!(x.len())), ("mean", num(mean))];
    if let Some(s) = second {
        meta.push(("second_moment", num(s)));
    }
    meta.push(("lambda_1", num(r.multipliers[0])));
    if let Some(l2) = r.multipliers.get(1) {
        meta.push(("lambda_2", num(*l2)));
    }
    meta.push(("entropy", num(base.from_nats(r.value))));
    meta.push(("unit", json!(unit(base))));
    meta.push(("residual", num(r.diagnostics.certificate)));
    let report = Report {
        meta,
        columns: vec!["x", "p"],
        rows: x
            .iter()
            .zip(&r.distribution)
            .map(|(&xi, &p)| {
                let x = if xi.fract() == 0.0 && xi.abs() < 1e15 {
                    json!(xi as i64)
                } else {
                    num(xi)
                };
                vec![x, num(p)]
            })
            .collect(),
        rows_key: "distribution",
        meta_in_csv: true,
    };
    print(&report.render(common.format))?;
    Ok(ExitCode::SUCCESS)
}
