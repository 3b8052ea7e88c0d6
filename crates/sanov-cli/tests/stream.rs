//! Data larger than memory (issue 16, item 4): `sanov mi` and `sanov entropy` read CSV/TSV and
//! Parquet (a file, a directory, a glob) in row batches. Batches are made tiny with the hidden
//! `SANOV_BATCH_ROWS` so that small files span many of them; the streamed discrete results
//! must equal, bit for bit, `sanov::multivariate::mutual_information_from_labels` and
//! `LabelCounts::from_labels(..).entropy(..)` on the whole columns, and a one-batch read. The
//! Parquet fixtures come from tests/generate_stream_fixtures.py.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sanov::estimators::{DiscreteEstimator, LabelCounts};
use sanov::multivariate::mutual_information_from_labels;
use sanov::Base;
use serde_json::Value;

mod common;

fn sanov(batch: usize) -> Command {
    let mut c = Command::cargo_bin("sanov").expect("the sanov binary is built");
    c.env("SANOV_BATCH_ROWS", batch.to_string());
    c
}

fn scratch(name: &str) -> PathBuf {
    common::scratch("stream", name)
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/stream")
}

/// The JSON report of a successful run in `dir` (stderr returned too).
fn run(dir: &Path, batch: usize, args: &[&str]) -> (Value, String) {
    let a = sanov(batch).current_dir(dir).args(args).assert().success();
    let o = a.get_output();
    let v = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    (v, String::from_utf8(o.stderr.clone()).unwrap())
}

/// `column → mutual_information` of a `sanov mi` report.
fn ranking(v: &Value) -> Vec<(String, f64)> {
    let mut r: Vec<(String, f64)> = v["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["column"].as_str().unwrap().to_string(),
                row["mutual_information"].as_f64().unwrap(),
            )
        })
        .collect();
    r.sort_by(|a, b| a.0.cmp(&b.0));
    r
}

/// Runs `args` (with `--format csv` appended) and returns the values of the CSV column
/// `field` by row, parsed with Rust's correctly rounded parser (serde_json's default float
/// parser may be one ulp off).
fn csv_column(
    dir: &Path,
    batch: usize,
    args: &[&str],
    key: &str,
    field: &str,
) -> Vec<(String, f64)> {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--format", "csv"]);
    let a = sanov(batch).current_dir(dir).args(&all).assert().success();
    let text = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let (k, f) = (
        head.iter().position(|h| *h == key).unwrap(),
        head.iter().position(|h| *h == field).unwrap(),
    );
    lines
        .map(|l| {
            let v: Vec<&str> = l.split(',').collect();
            (v[k].to_string(), v[f].parse::<f64>().unwrap())
        })
        .collect()
}

/// 2000 rows: y ∈ 0..5; t text with 9 levels (labels by first appearance); b integers in
/// -7..8; f integral floats (written `3.0`) in 0..4; w wide integers (2^40 apart, 11
/// values); m integers in the first 1500 rows and text after them (a column whose type
/// changes after many batches); x continuous.
struct Generated {
    csv: String,
    y: Vec<i64>,
    cols: Vec<(&'static str, Vec<i64>)>,
}

fn generate() -> Generated {
    let mut r = common::splitmix64(42);
    let n = 2000;
    let mut csv = String::from("y,t,b,f,w,m,x\n");
    let (mut y, mut t, mut b, mut f, mut w, mut m) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let mut t_codes: Vec<String> = Vec::new();
    let mut m_codes: Vec<String> = Vec::new();
    let code = |codes: &mut Vec<String>, s: &str| -> i64 {
        if let Some(i) = codes.iter().position(|c| c == s) {
            i as i64
        } else {
            codes.push(s.to_string());
            codes.len() as i64 - 1
        }
    };
    for i in 0..n {
        let yi = (r() % 5) as i64;
        let ti = format!("lvl{}", (yi as u64 + r() % 5) % 9);
        let bi = (r() % 15) as i64 - 7 + if yi == 0 { 3 } else { 0 };
        let bi = bi.clamp(-7, 7);
        let fi = ((yi as u64 + r() % 2) % 4) as i64;
        let wi = ((r() % 11) as i64) << 40;
        let mi = (yi + (r() % 3) as i64) % 6;
        let mtext = if i < 1500 {
            mi.to_string()
        } else {
            format!("k{mi}")
        };
        let xi = yi as f64 + ((r() >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 3.0;
        writeln!(csv, "{yi},{ti},{bi},{fi}.0,{wi},{mtext},{xi:.17e}").unwrap();
        y.push(yi);
        t.push(code(&mut t_codes, &ti));
        b.push(bi);
        f.push(fi);
        w.push(wi);
        m.push(code(&mut m_codes, &mtext));
    }
    Generated {
        csv,
        y,
        cols: vec![("t", t), ("b", b), ("f", f), ("w", w), ("m", m)],
    }
}

#[test]
fn streamed_discrete_mi_and_entropy_equal_the_whole_data_exactly() {
    let g = generate();
    let dir = scratch("csv");
    std::fs::write(dir.join("g.csv"), &g.csv).unwrap();
    std::fs::write(dir.join("g.tsv"), g.csv.replace(',', "\t")).unwrap();
    let args = ["mi", "g.csv", "--target", "y", "--format", "json"];
    let (whole, _) = run(&dir, 1 << 20, &args);
    for batch in [1, 7, 64, 333] {
        let (v, err) = run(&dir, batch, &args);
        assert_eq!(v, whole, "batch {batch}");
        assert!(err.is_empty(), "no notice: {err}");
        let (tsv, _) = run(
            &dir,
            batch,
            &["mi", "g.tsv", "--target", "y", "--format", "json"],
        );
        assert_eq!(ranking(&tsv), ranking(&whole), "tsv, batch {batch}");
    }
    let got = csv_column(&dir, 5, &args[..4], "column", "mutual_information");
    for (name, labels) in &g.cols {
        let want = mutual_information_from_labels(labels, &g.y, Base::Nats).unwrap();
        let (_, mi) = got.iter().find(|(c, _)| c == name).unwrap();
        assert_eq!(mi.to_bits(), want.to_bits(), "I({name}; y)");
        for (est, flag) in [
            (DiscreteEstimator::PlugIn, "plug-in"),
            (DiscreteEstimator::MillerMadow, "miller-madow"),
            (DiscreteEstimator::ChaoShen, "chao-shen"),
        ] {
            let want = LabelCounts::from_labels(labels)
                .entropy(&est, Base::Bits)
                .unwrap();
            for batch in [3, 1 << 20] {
                let h = csv_column(
                    &dir,
                    batch,
                    &[
                        "entropy",
                        "g.csv",
                        "-c",
                        name,
                        "--estimator",
                        flag,
                        "--base",
                        "2",
                    ],
                    "column",
                    "entropy",
                )[0]
                .1;
                assert_eq!(
                    h.to_bits(),
                    want.to_bits(),
                    "H({name}) {flag} batch {batch}"
                );
            }
        }
    }
    // The k-NN columns with N ≤ --max-samples: every row, in order, whatever the batches.
    let (x, _) = run(
        &dir,
        1 << 20,
        &["mi", "g.csv", "-t", "x", "--format", "json"],
    );
    let (x7, err) = run(&dir, 7, &["mi", "g.csv", "-t", "x", "--format", "json"]);
    assert_eq!(x, x7);
    assert!(err.is_empty());
}

#[test]
fn parquet_directory_glob_and_file_agree_at_any_batch_size() {
    let dir = fixtures();
    let whole_args = ["mi", "whole.parquet", "--target", "y", "--format", "json"];
    let (whole, _) = run(&dir, 1 << 20, &whole_args);
    let strip = |mut v: Value| {
        v.as_object_mut().unwrap().remove("file");
        v
    };
    for input in [
        "whole.parquet",
        "dataset",
        "dataset/",
        "dataset/part-*.parquet",
    ] {
        for batch in [1, 7, 40, 1 << 20] {
            let (v, _) = run(
                &dir,
                batch,
                &["mi", input, "--target", "y", "--format", "json"],
            );
            assert_eq!(
                strip(v.clone()),
                strip(whole.clone()),
                "{input}, batch {batch}"
            );
            assert_eq!(v["rows"], 300);
            let (e, _) = run(
                &dir,
                batch,
                &[
                    "entropy",
                    input,
                    "--column",
                    "a",
                    "--estimator",
                    "grassberger",
                    "--format",
                    "json",
                ],
            );
            let (e0, _) = run(
                &dir,
                1 << 20,
                &[
                    "entropy",
                    "whole.parquet",
                    "--column",
                    "a",
                    "--estimator",
                    "grassberger",
                    "--format",
                    "json",
                ],
            );
            assert_eq!(strip(e), strip(e0), "{input}, batch {batch}");
        }
    }
}

#[test]
fn the_reservoir_is_seeded_and_announced() {
    let dir = fixtures();
    let args = |seed: &'static str| {
        [
            "mi",
            "dataset",
            "-t",
            "y",
            "--max-samples",
            "120",
            "--seed",
            seed,
            "--format",
            "json",
        ]
    };
    let (a, err) = run(&dir, 1 << 20, &args("5"));
    // The sample does not depend on the batches.
    let (b, err_b) = run(&dir, 7, &args("5"));
    assert_eq!(a, b);
    assert_eq!(err, err_b);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        err.trim_end(),
        "sanov: sampled 120 of 300 rows (seed 5) for the k-NN estimators (--max-samples, --seed)"
    );
    assert_eq!(a["knn_samples"], 120);
    assert_eq!(a["seed"], 5);
    let (c, _) = run(&dir, 1 << 20, &args("6"));
    let ross = |v: &Value| ranking(v).into_iter().find(|(c, _)| c == "x").unwrap().1;
    assert_ne!(ross(&a), ross(&c), "another seed, another sample");
    // Plug-in columns are exact whatever the sample.
    let plug = |v: &Value| ranking(v).into_iter().find(|(c, _)| c == "a").unwrap().1;
    let (full, err_full) = run(
        &dir,
        1 << 20,
        &["mi", "dataset", "-t", "y", "--format", "json"],
    );
    assert!(err_full.is_empty());
    assert_eq!(plug(&a).to_bits(), plug(&full).to_bits());
    // Kozachenko–Leonenko on a sample.
    let (h, err) = run(
        &dir,
        3,
        &[
            "entropy",
            "dataset",
            "-c",
            "x",
            "--estimator",
            "kozachenko-leonenko",
            "--max-samples",
            "50",
            "--format",
            "json",
        ],
    );
    assert_eq!(h["samples"], 50);
    assert_eq!(h["rows"], 300);
    assert!(err.starts_with("sanov: sampled 50 of 300 rows (seed 0) for the Kozachenko-Leonenko"));
}

/// Exit code 2, one error line naming `needle` (see `common::assert_one_line_error`).
fn one_line_error(dir: &Path, args: &[&str], needle: &str) {
    common::assert_one_line_error(
        sanov(7).current_dir(dir).args(args),
        &format!("{args:?}"),
        &[needle],
    );
}

#[test]
fn stream_errors_are_one_line_with_exit_code_2() {
    let dir = fixtures();
    let empty = scratch("empty");
    one_line_error(
        &dir,
        &["mi", "nothing/*.parquet", "-t", "y"],
        "no file matches",
    );
    one_line_error(
        &dir,
        &["entropy", "data*/none-*.parquet", "-c", "y"],
        "no file matches",
    );
    one_line_error(&empty, &["mi", ".", "-t", "y"], "holds no .parquet files");
    one_line_error(
        &dir,
        &["mi", "mismatch_type", "-t", "y"],
        "column 'y' is float here, integer there",
    );
    one_line_error(
        &dir,
        &["mi", "mismatch_name/*.parquet", "-t", "y"],
        "schema differs",
    );
    one_line_error(&dir, &["mi", "dataset", "-t", "nope"], "no column 'nope'");
    one_line_error(
        &dir,
        &["entropy", "dataset", "-c", "nope"],
        "no column 'nope'",
    );
    one_line_error(
        &dir,
        &["mi", "dataset", "-t", "y", "--discrete", "x"],
        "cannot be --discrete",
    );
    one_line_error(
        &dir,
        &["mi", "dataset", "-t", "y", "--continuous", "a"],
        "cannot be --continuous",
    );
    one_line_error(
        &dir,
        &["entropy", "dataset", "-c", "x"],
        "non-integer numbers",
    );
    one_line_error(
        &dir,
        &["mi", "dataset", "-t", "y", "--max-samples", "0"],
        "--max-samples",
    );
    // A missing value in a late batch names its line.
    let mut csv = String::from("a,y\n");
    for i in 0..50 {
        writeln!(csv, "{},{}", i % 3, i % 2).unwrap();
    }
    csv.push_str("NA,1\n");
    std::fs::write(empty.join("late.csv"), &csv).unwrap();
    one_line_error(
        &empty,
        &["mi", "late.csv", "-t", "y"],
        "line 52, column 'a'",
    );
    let (v, _) = run(
        &empty,
        4,
        &[
            "mi",
            "late.csv",
            "-t",
            "y",
            "--nan-policy",
            "omit",
            "--format",
            "json",
        ],
    );
    assert_eq!(v["rows"], 50);
    assert_eq!(v["rows_dropped_missing"], 1);
}
