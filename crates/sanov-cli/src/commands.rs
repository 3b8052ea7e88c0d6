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
use sanov::divergences::kl_divergence;
use sanov::estimators::{kozachenko_leonenko_entropy, DiscreteEstimator, LabelCounts, NsbOptions};
use sanov::iterate::StoppingRule;
use sanov::maxent::{maxent_moments, MaxEntOptions};
use sanov::multivariate::mutual_information_from_labels;
use sanov::validate::{check_probability_vector, normalize};
use sanov::{Base, Par};

use crate::cli::{Cli, Command, Common, Estimator, ReadOpts};
use crate::data::{read_matrix, read_table, read_vector, Header, ReadSpec};
use crate::output::{num, Report};
use crate::table::{NanPolicy, Table, Values};
use crate::{figure, progress, tour};

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
            read,
            common,
        } => entropy_cmd(
            &file,
            column.as_deref(),
            estimator,
            (alphabet_size, k),
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
            read,
            common,
        } => mi_cmd(
            &file,
            &target,
            &discrete,
            &continuous,
            k,
            timings,
            &read,
            &common,
        ),
        Command::Kl {
            p,
            q,
            column,
            normalize,
            common,
        } => kl_cmd(&p, &q, column.as_deref(), normalize, &common),
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

fn pick_column(t: &Table, column: Option<&str>) -> Result<usize> {
    match column {
        Some(c) => t.find(c),
        None if t.columns.len() == 1 => Ok(0),
        None => bail!(
            "{}: holds {} columns; name one with --column",
            t.path,
            t.columns.len()
        ),
    }
}

fn entropy_cmd(
    file: &Path,
    column: Option<&str>,
    estimator: Estimator,
    (alphabet_size, k): (Option<usize>, usize),
    read: &ReadOpts,
    common: &Common,
) -> Result<ExitCode> {
    let base = parse_base(&common.base)?;
    let mut t = read_table(file, read_spec(read)?)?;
    let j = pick_column(&t, column)?;
    let dropped = t.apply_nan_policy(&[j], read.nan_policy)?;
    let t = t;
    let col = &t.columns[j];
    if estimator == Estimator::KozachenkoLeonenko {
        let x = numeric(&t.path, col)?;
        let view = ndarray::ArrayView2::from_shape((x.len(), 1), &x[..])
            .map_err(|e| anyhow!("{}: column '{}': {e}", t.path, col.name))?;
        let h = kozachenko_leonenko_entropy(view, k, base, Par::rayon(0))
            .map_err(|e| anyhow!("{}: column '{}': {e}", t.path, col.name))?;
        if !h.is_finite() {
            bail!(
                "{}: column '{}': the Kozachenko-Leonenko estimate is {h}, not a finite number",
                t.path,
                col.name
            );
        }
        let mut report = Report {
            meta: vec![
                ("file", json!(t.path)),
                ("column", json!(col.name)),
                ("estimator", json!("kozachenko-leonenko")),
                ("k", json!(k)),
                ("differential_entropy", num(h)),
                ("unit", json!(unit(base))),
                ("samples", json!(x.len())),
            ],
            ..Report::default()
        };
        if read.nan_policy == NanPolicy::Omit {
            report.meta.push(("rows_dropped_missing", json!(dropped)));
        }
        print(&report.render(common.format))?;
        return Ok(ExitCode::SUCCESS);
    }
    let labels = col.values.labels().ok_or_else(|| {
        anyhow!(
            "{}: column '{}' holds non-integer numbers; the discrete estimators need integers or strings (--estimator kozachenko-leonenko for a continuous column)",
            t.path,
            col.name
        )
    })?;
    let counts = LabelCounts::from_labels(&labels);
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
        .map_err(|e| anyhow!("{}: column '{}': {e}", t.path, col.name))?;
    let name = match estimator {
        Estimator::PlugIn => "plug-in",
        Estimator::MillerMadow => "miller-madow",
        Estimator::Grassberger => "grassberger",
        Estimator::ChaoShen => "chao-shen",
        Estimator::Nsb => "nsb",
        Estimator::KozachenkoLeonenko => unreachable!("handled above"),
    };
    let mut report = Report {
        meta: vec![
            ("file", json!(t.path)),
            ("column", json!(col.name)),
            ("estimator", json!(name)),
            ("entropy", num(h)),
            ("unit", json!(unit(base))),
            ("samples", json!(counts.total())),
            ("distinct", json!(counts.distinct())),
        ],
        ..Report::default()
    };
    if read.nan_policy == NanPolicy::Omit {
        report.meta.push(("rows_dropped_missing", json!(dropped)));
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

/// The documented rule: strings are discrete; integer-valued columns with at most
/// `max(20, ⌊√N⌋)` distinct values are discrete; everything else is continuous.
fn classify(v: &Values) -> (Kind, Option<usize>) {
    let cap = 20usize.max((v.len() as f64).sqrt() as usize);
    match v {
        Values::Str { levels, .. } => (Kind::Discrete, Some(levels.len())),
        _ => match v.labels() {
            Some(l) => match distinct_up_to(&l, cap) {
                Some(d) => (Kind::Discrete, Some(d)),
                None => (Kind::Continuous, None),
            },
            None => (Kind::Continuous, None),
        },
    }
}

/// The number of distinct labels, or `None` once it exceeds `cap`. Labels within a range of
/// 2^22 are counted in a bitmap; others in a hash set that stops at `cap + 1`.
fn distinct_up_to(l: &[i64], cap: usize) -> Option<usize> {
    let (lo, hi) = l
        .iter()
        .fold((i64::MAX, i64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    if l.is_empty() {
        return Some(0);
    }
    if let Some(span) = hi.checked_sub(lo).filter(|&s| s < 1 << 22) {
        let mut seen = vec![false; span as usize + 1];
        let mut d = 0usize;
        for &x in l {
            let s = &mut seen[(x - lo) as usize];
            d += usize::from(!*s);
            *s = true;
        }
        return (d <= cap).then_some(d);
    }
    let mut seen = std::collections::HashSet::with_capacity(cap + 1);
    for &x in l {
        seen.insert(x);
        if seen.len() > cap {
            return None;
        }
    }
    Some(seen.len())
}

#[allow(clippy::too_many_arguments)]
fn mi_cmd(
    file: &Path,
    target: &str,
    discrete: &[String],
    continuous: &[String],
    k: usize,
    timings: bool,
    read: &ReadOpts,
    common: &Common,
) -> Result<ExitCode> {
    let base = parse_base(&common.base)?;
    let t0 = Instant::now();
    let mut t = read_table(file, read_spec(read)?)?;
    let t_read = t0.elapsed();
    let y_idx = t.find(target)?;
    let all: Vec<usize> = (0..t.columns.len()).collect();
    let dropped = t.apply_nan_policy(&all, read.nan_policy)?;
    let t = t;
    let mut kinds: Vec<(Kind, Option<usize>)> =
        t.columns.par_iter().map(|c| classify(&c.values)).collect();
    for (list, kind) in [(discrete, Kind::Discrete), (continuous, Kind::Continuous)] {
        for name in list {
            let j = t.find(name)?;
            if kind == Kind::Discrete && t.columns[j].values.labels().is_none() {
                bail!(
                    "{}: column '{}' holds non-integer numbers and cannot be --discrete",
                    t.path,
                    t.columns[j].name
                );
            }
            if kind == Kind::Continuous && t.columns[j].values.floats().is_none() {
                bail!(
                    "{}: column '{}' holds text and cannot be --continuous",
                    t.path,
                    t.columns[j].name
                );
            }
            kinds[j] = (
                kind,
                if kind == Kind::Discrete {
                    classify_count(&t.columns[j].values)
                } else {
                    None
                },
            );
        }
    }
    if t.columns.len() < 2 {
        bail!("{}: only the target column; nothing to rank", t.path);
    }
    let y = &t.columns[y_idx];
    let y_kind = kinds[y_idx].0;
    let y_labels: Option<Cow<'_, [i64]>> = if y_kind == Kind::Discrete {
        y.values.labels()
    } else {
        None
    };
    let others: Vec<usize> = (0..t.columns.len()).filter(|&j| j != y_idx).collect();
    let any_knn =
        others.iter().any(|&j| kinds[j].0 == Kind::Continuous) || y_kind == Kind::Continuous;
    let long = t.rows * others.len() > 20_000_000 || (any_knn && t.rows > 20_000);
    let bar = progress::bar(others.len() as u64, long, "columns");
    let t1 = Instant::now();
    let results: Vec<Result<(usize, f64, &'static str)>> = others
        .par_iter()
        .map(|&j| {
            let c = &t.columns[j];
            let ctx = |e: sanov::Error| anyhow!("{}: column '{}': {e}", t.path, c.name);
            let numeric = |col| numeric(&t.path, col);
            let r = match (kinds[j].0, y_kind) {
                (Kind::Discrete, Kind::Discrete) => {
                    let x = c.values.labels().ok_or_else(|| {
                        anyhow!("{}: column '{}' is not discrete", t.path, c.name)
                    })?;
                    let yl = y_labels.as_deref().unwrap_or(&[]);
                    (
                        j,
                        mutual_information_from_labels(&x, yl, base).map_err(ctx)?,
                        "plug-in",
                    )
                }
                (Kind::Continuous, Kind::Continuous) => {
                    let x = numeric(c)?;
                    let yv = numeric(y)?;
                    (
                        j,
                        crate::knn::continuous(&x, &yv, k, base).map_err(ctx)?,
                        "ksg",
                    )
                }
                (Kind::Continuous, Kind::Discrete) => {
                    let x = numeric(c)?;
                    let yl = y_labels.as_deref().unwrap_or(&[]);
                    (j, crate::knn::mixed(&x, yl, k, base).map_err(ctx)?, "ross")
                }
                (Kind::Discrete, Kind::Continuous) => {
                    let x = c.values.labels().ok_or_else(|| {
                        anyhow!("{}: column '{}' is not discrete", t.path, c.name)
                    })?;
                    let yv = numeric(y)?;
                    (j, crate::knn::mixed(&yv, &x, k, base).map_err(ctx)?, "ross")
                }
            };
            bar.inc(1);
            Ok(r)
        })
        .collect();
    bar.finish_and_clear();
    let t_mi = t1.elapsed();
    let mut rows: Vec<(usize, f64, &'static str)> = results.into_iter().collect::<Result<_>>()?;
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut report = Report {
        meta: vec![
            ("file", json!(t.path)),
            ("target", json!(y.name)),
            ("target_type", json!(kind_name(y_kind))),
            ("rows", json!(t.rows)),
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
                    json!(t.columns[j].name),
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
    if read.nan_policy == NanPolicy::Omit {
        report.meta.push(("rows_dropped_missing", json!(dropped)));
    }
    print(&report.render(common.format))?;
    if timings {
        let total = t0.elapsed().as_secs_f64();
        eprintln!(
            "timings: read+parse {:.3} s ({:.0} %), mutual information {:.3} s, total {:.3} s",
            t_read.as_secs_f64(),
            100.0 * t_read.as_secs_f64() / total,
            t_mi.as_secs_f64(),
            total
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

/// Distinct values of a column that has labels.
fn classify_count(v: &Values) -> Option<usize> {
    v.labels().and_then(|l| distinct_up_to(&l, usize::MAX))
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Discrete => "discrete",
        Kind::Continuous => "continuous",
    }
}

// ---------------------------------------------------------------------------------------------

/// A distribution read from `path`, normalised on request; `true` when stored in float32.
fn distribution(path: &Path, column: Option<&str>, normalise: bool) -> Result<(Vec<f64>, bool)> {
    let shown = path.display();
    let (v, single) = read_vector(path, column)?;
    let v = if normalise {
        normalize(&v).map_err(|e| anyhow!("{shown}: {e}"))?
    } else {
        v
    };
    Ok((v, single))
}

/// Validates `v` as a probability vector in the given precision (float32 sums are checked to
/// sanov's f32 tolerance, 1e-5).
fn check(path: &Path, arg: &'static str, v: &[f64], single: bool) -> Result<()> {
    let r = if single {
        let w: Vec<f32> = v.iter().map(|&x| x as f32).collect();
        check_probability_vector(arg, &w)
    } else {
        check_probability_vector(arg, v)
    };
    r.map_err(|e| match e {
        sanov::Error::NotNormalized { .. } => {
            anyhow!("{}: {e} (--normalize divides by the sum)", path.display())
        }
        e => anyhow!("{}: {e}", path.display()),
    })
}

fn kl_cmd(
    p: &Path,
    q: &Path,
    column: Option<&str>,
    normalise: bool,
    common: &Common,
) -> Result<ExitCode> {
    let base = parse_base(&common.base)?;
    let (pv, p32) = distribution(p, column, normalise)?;
    let (qv, q32) = distribution(q, column, normalise)?;
    // Float32 input (a softmax saved from PyTorch) is compared in float32: both vectors are
    // then checked and summed as f32, whose normalisation tolerance fits their precision.
    let single = p32 || q32;
    check(p, "P", &pv, single)?;
    check(q, "Q", &qv, single)?;
    if pv.len() != qv.len() {
        bail!(
            "{} holds {} values but {} holds {}; P and Q must have the same support",
            p.display(),
            pv.len(),
            q.display(),
            qv.len()
        );
    }
    let d = if single {
        let f = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
        kl_divergence(&f(&pv), &f(&qv), base)
    } else {
        kl_divergence(&pv, &qv, base)
    }
    .map_err(|e| anyhow!("{e}"))?;
    let report = Report {
        meta: vec![
            ("p", json!(p.display().to_string())),
            ("q", json!(q.display().to_string())),
            ("kl_divergence", num(d)),
            ("unit", json!(unit(base))),
            ("support_size", json!(pv.len())),
            (
                "precision",
                json!(if single { "float32" } else { "float64" }),
            ),
        ],
        ..Report::default()
    };
    print(&report.render(common.format))?;
    Ok(ExitCode::SUCCESS)
}

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
