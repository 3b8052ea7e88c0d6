//! `sanov te`: values against the exact table of scripts/reference/generate_timeseries.py (the
//! same numbers the core tests use), the permutation test, and one-line errors with exit code 2.

use std::fmt::Write as _;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

const TABLE: &str = include_str!("../../sanov/tests/data/timeseries.txt");

/// As `TOL_TS` of crates/sanov/tests/timeseries.rs.
const TOL_TS: f64 = 1e-13;

fn sanov() -> Command {
    Command::cargo_bin("sanov").expect("the sanov binary is built")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sanov-te-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// The first case of the table as a CSV file (x, y, z), and its `te k l delay value` rows.
fn first_case() -> (PathBuf, Vec<(usize, usize, usize, f64)>) {
    let mut cols: Vec<Vec<&str>> = Vec::new();
    let mut rows = Vec::new();
    for line in TABLE.lines().skip_while(|l| !l.starts_with("case")).skip(1) {
        if line.starts_with("case") {
            break;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        match f[0] {
            "x" | "y" | "z" => cols.push(f[1].split(',').collect()),
            "te" => rows.push((
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
                f[4].parse().unwrap(),
            )),
            _ => {}
        }
    }
    let mut csv = String::from("x,y,z\n");
    for ((x, y), z) in cols[0].iter().zip(&cols[1]).zip(&cols[2]) {
        writeln!(csv, "{x},{y},{z}").unwrap();
    }
    let path = scratch("case").join("series.csv");
    std::fs::write(&path, csv).unwrap();
    (path, rows)
}

fn json(args: &[&str]) -> Value {
    let out = sanov()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("JSON output")
}

#[test]
fn plug_in_values_and_permutation_test() {
    let (path, rows) = first_case();
    let file = path.to_str().unwrap();
    assert_eq!(rows.len(), 6);
    for (k, l, delay, want) in rows {
        let (k, l, d) = (k.to_string(), l.to_string(), delay.to_string());
        let v = json(&[
            "te", file, "-s", "y", "-t", "x", "--k", &k, "--l", &l, "--delay", &d, "--format",
            "json",
        ]);
        let got = v["transfer_entropy"][0]["transfer_entropy"]
            .as_f64()
            .unwrap();
        assert!(
            (got - want).abs() < TOL_TS,
            "k={k} l={l} delay={d}: {got} vs {want}"
        );
    }
    let v = json(&[
        "te",
        file,
        "-s",
        "y",
        "-t",
        "x",
        "--permutations",
        "99",
        "--seed",
        "3",
        "--format",
        "json",
    ]);
    let r = &v["transfer_entropy"][0];
    let p = r["p_value"].as_f64().unwrap();
    assert!(p > 0.0 && p <= 1.0 && (p * 100.0 - (p * 100.0).round()).abs() < 1e-9);
    assert!(r["null_std"].as_f64().unwrap() > 0.0);
    let v = json(&[
        "te",
        file,
        "-s",
        "y",
        "-t",
        "x",
        "--condition",
        "z",
        "--estimator",
        "ksg",
        "--jitter",
        "1e-6",
        "--format",
        "json",
    ]);
    assert!(v["transfer_entropy"][0]["transfer_entropy"]
        .as_f64()
        .is_some());
}

#[test]
fn errors_are_one_line_with_exit_code_2() {
    let (path, _) = first_case();
    let file = path.to_str().unwrap();
    for args in [
        vec!["te", file, "-s", "y", "-t", "x", "--k", "0"],
        vec!["te", file, "-s", "y", "-t", "x", "--k", "100"],
        vec!["te", file, "-s", "nope", "-t", "x"],
        vec![
            "te",
            file,
            "-s",
            "y",
            "-t",
            "x",
            "--surrogate",
            "block",
            "--permutations",
            "9",
        ],
        // Binary data have exact duplicates: KSG without jitter is an error.
        vec!["te", file, "-s", "y", "-t", "x", "--estimator", "ksg"],
    ] {
        let out = sanov()
            .args(&args)
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let msg = String::from_utf8(out).unwrap();
        assert_eq!(msg.lines().count(), 1, "{args:?}: {msg}");
        assert!(msg.starts_with("error: "), "{msg}");
    }
    let dir = scratch("bad");
    let neg = dir.join("neg.csv");
    std::fs::write(&neg, "x,y\n0,1\n1,-1\n0,0\n1,1\n").unwrap();
    let out = sanov()
        .args(["te", neg.to_str().unwrap(), "-s", "y", "-t", "x"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(out).unwrap().contains(">= 0"));
    let real = dir.join("real.csv");
    std::fs::write(&real, "x,y\n0.5,1\n1,2\n0,0\n1,1\n").unwrap();
    sanov()
        .args(["te", real.to_str().unwrap(), "-s", "y", "-t", "x"])
        .assert()
        .code(2);
}
