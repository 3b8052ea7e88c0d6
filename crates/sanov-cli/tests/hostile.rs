//! The command-line reproducers of issue 17: huge or overflowing arguments are typed errors,
//! every argument error is one line on stderr with exit code 2, no Rust debug text, scale-free
//! k-NN numbers, ambiguous or nested column names refused or spelled out, hostile `.npy`
//! headers refused quickly, and the CSV output of `capacity` / `maxent` carries the headline
//! numbers.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;

mod common;

fn sanov() -> Command {
    Command::cargo_bin("sanov").expect("the sanov binary is built")
}

fn scratch(name: &str) -> PathBuf {
    common::scratch("hostile", name)
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/data.in")
}

/// Runs `args` in `dir`: exit code 2, one error line naming `needle` (see
/// `common::assert_one_line_error`).
fn one_line_error(dir: &Path, args: &[&str], needle: &str) {
    common::assert_one_line_error(
        sanov().current_dir(dir).args(args),
        &format!("{args:?}"),
        &[needle],
    );
}

#[test]
fn argument_errors_are_one_line_with_exit_code_2() {
    let dir = fixtures();
    let cases: &[(&[&str], &str)] = &[
        (&["figure1", "--d", "1000000000000"], "--d"),
        (&["figure1", "--d", "18446744073709551615"], "--d"),
        (
            &["entropy", "ok.csv", "--column", "a", "--format", "bogus"],
            "bogus",
        ),
        (&["capacity", "bsc.csv", "--tolerance", "-1"], "tolerance"),
        (
            &[
                "entropy",
                "ok.csv",
                "--column",
                "c",
                "--alphabet-size",
                "99999999999999999999",
            ],
            "--alphabet-size",
        ),
        (&["completions", "tcsh"], "tcsh"),
        (
            &["figure1", "--out", "/proc/x.png", "--d", "100"],
            "/proc/x.png",
        ),
    ];
    for (args, needle) in cases {
        one_line_error(&dir, args, needle);
    }
}

#[test]
fn help_and_version_still_exit_0() {
    sanov().arg("--help").assert().code(0);
    sanov().arg("--version").assert().code(0);
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// splitmix64 normals (Box–Muller), printed with full precision.
fn normals(n: usize, seed: u64) -> Vec<f64> {
    let mut r = common::splitmix64(seed);
    let mut u = move || (r() >> 11) as f64 / 9_007_199_254_740_992.0;
    (0..n)
        .map(|_| {
            let (a, b) = (1.0 - u(), u());
            (-2.0 * a.ln()).sqrt() * (core::f64::consts::TAU * b).cos()
        })
        .collect()
}

fn stdout_json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let o = sanov().current_dir(dir).args(args).assert().success();
    serde_json::from_slice(&o.get_output().stdout).unwrap()
}

/// `sanov mi` standardises without overflow: x = 1e200·y and x = y give the same MI.
#[test]
fn mi_is_scale_invariant() {
    let dir = scratch("mi-scale");
    let y = normals(1500, 5);
    let mut scaled = String::from("x,y\n");
    let mut plain = String::from("x,y\n");
    for v in &y {
        let _ = writeln!(scaled, "{:e},{v:e}", v * 1e200);
        let _ = writeln!(plain, "{v:e},{v:e}");
    }
    write(&dir, "scaled.csv", &scaled);
    write(&dir, "plain.csv", &plain);
    let mi = |f: &str| {
        stdout_json(&dir, &["mi", f, "--target", "y", "--format", "json"])["ranking"][0]
            ["mutual_information"]
            .as_f64()
            .unwrap()
    };
    let (a, b) = (mi("scaled.csv"), mi("plain.csv"));
    assert!(a > 5.0, "MI of x = 1e200 y: {a}");
    assert!((a - b).abs() <= 1e-9, "{a} vs {b}");
}

/// Kozachenko–Leonenko at 1e200: finite, equal to the unscaled estimate plus ln 1e200.
#[test]
fn kozachenko_leonenko_is_finite_at_any_scale() {
    let dir = scratch("kl-scale");
    let x = normals(600, 9);
    let mut big = String::from("x\n");
    let mut plain = String::from("x\n");
    for v in &x {
        let _ = writeln!(big, "{:e}", v * 1e200);
        let _ = writeln!(plain, "{v:e}");
    }
    write(&dir, "big.csv", &big);
    write(&dir, "plain.csv", &plain);
    let h = |f: &str| {
        stdout_json(
            &dir,
            &[
                "entropy",
                f,
                "-c",
                "x",
                "--estimator",
                "kozachenko-leonenko",
                "--format",
                "json",
            ],
        )["differential_entropy"]
            .as_f64()
            .expect("a finite number, not \"nan\"")
    };
    let (a, b) = (h("big.csv"), h("plain.csv"));
    assert!(
        (a - (b + 1e200f64.ln())).abs() <= 1e-9 * a.abs(),
        "{a} vs {b}"
    );
}

#[test]
fn data_errors_name_line_column_and_rule() {
    let dir = scratch("data-errors");
    write(&dir, "text.csv", "p\n0.5\n0.25\nabc\n0.25\n");
    write(&dir, "dup.csv", "a,a,y\n1,2,1\n2,1,2\n1,2,1\n2,2,2\n");
    let mut once = String::new();
    for i in 0..50 {
        let _ = writeln!(once, "{},{i}", f64::from(i) * 0.37);
    }
    write(&dir, "once.csv", &format!("x,y\n{once}"));
    one_line_error(
        &dir,
        &["kl", "text.csv", "text.csv"],
        "line 4, column 'p': 'abc'",
    );
    one_line_error(&dir, &["mi", "dup.csv", "--target", "a"], "ambiguous");
    one_line_error(&dir, &["entropy", "dup.csv", "--column", "a"], "ambiguous");
    one_line_error(
        &dir,
        &[
            "mi",
            "once.csv",
            "--target",
            "y",
            "--continuous",
            "x",
            "--discrete",
            "y",
        ],
        "label occurs at least twice",
    );
}

/// A struct column's leaves are named by their full path and never shadow the target.
#[test]
fn parquet_struct_leaves_are_named_by_path() {
    let v = stdout_json(
        &fixtures(),
        &["mi", "nested.parquet", "--target", "y", "--format", "json"],
    );
    let ranking = v["ranking"].as_array().unwrap();
    let names: Vec<&str> = ranking
        .iter()
        .map(|r| r["column"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a", "nested.x", "nested.y"]);
    let top = ranking[0]["mutual_information"].as_f64().unwrap();
    assert!((top - 2f64.ln()).abs() < 1e-12, "I(a; y) = ln 2, got {top}");
}

fn npy(header: &str) -> Vec<u8> {
    common::npy_preamble(header)
}

/// A 128-byte file claiming 2^64 elements, and a header nested 22 deep: refused at once.
#[test]
fn hostile_npy_headers_are_refused_quickly() {
    let dir = scratch("npy");
    std::fs::write(
        dir.join("huge.npy"),
        npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"),
    )
    .unwrap();
    let nested = format!(
        "{{'descr': '<f8', 'fortran_order': False, 'shape': {}}}",
        "[".repeat(22)
    );
    std::fs::write(dir.join("nested.npy"), npy(&nested)).unwrap();
    let mut truncated = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000,), }");
    truncated.extend_from_slice(&[0u8; 80]);
    std::fs::write(dir.join("truncated.npy"), truncated).unwrap();
    let start = Instant::now();
    one_line_error(&dir, &["entropy", "huge.npy", "-c", "0"], "4294967296");
    one_line_error(&dir, &["entropy", "nested.npy", "-c", "0"], "nested");
    one_line_error(&dir, &["entropy", "truncated.npy", "-c", "0"], "80 bytes");
    // Not a timing test of speed: a guard against the exponential parse (32 s at depth 22).
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn csv_output_of_capacity_and_maxent_carries_the_headline_numbers() {
    let dir = fixtures();
    let o = sanov()
        .current_dir(&dir)
        .args(["capacity", "bsc.csv", "--format", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(o.get_output().stdout.clone()).unwrap();
    let header = text.lines().next().unwrap();
    for key in ["capacity", "certified_gap_nats", "iterations", "input", "p"] {
        assert!(header.split(',').any(|h| h == key), "{key} in {header}");
    }
    let o = sanov()
        .args([
            "maxent",
            "--support",
            "1..6",
            "--mean",
            "4.8",
            "--format",
            "csv",
        ])
        .assert()
        .success();
    let text = String::from_utf8(o.get_output().stdout.clone()).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for key in ["lambda_1", "entropy", "residual", "x", "p"] {
        assert!(header.contains(&key), "{key} in {header:?}");
    }
    assert_eq!(lines.count(), 6, "one row per support point");
}

/// Issue 19 item 5: missing values (empty fields, pandas' NA spellings, NaN, Parquet nulls)
/// are an error naming column and first row by default; `--nan-policy omit` drops the rows
/// with a missing value in any used column.
#[test]
fn nan_policy_raise_and_omit() {
    let dir = scratch("nan-policy");
    write(
        &dir,
        "miss.csv",
        "a,b,y\n1,x,0\nNA,y,1\n3,,0\n4,x,1\nnull,y,0\n6,x,1\n",
    );
    one_line_error(
        &dir,
        &["mi", "miss.csv", "--target", "y"],
        "line 3, column 'a'",
    );
    one_line_error(
        &dir,
        &["entropy", "miss.csv", "-c", "b"],
        "line 4, column 'b'",
    );
    // Rows 2, 3 and 5 have a missing value: a = 1, 4, 6 and y = 0, 1, 1 remain, so
    // I(a; y) = H(y) = ln 3 − (2/3) ln 2.
    let v = stdout_json(
        &dir,
        &[
            "mi",
            "miss.csv",
            "--target",
            "y",
            "--nan-policy",
            "omit",
            "--format",
            "json",
        ],
    );
    assert_eq!(v["rows"], 3);
    assert_eq!(v["rows_dropped_missing"], 3);
    let mi = v["ranking"][0]["mutual_information"].as_f64().unwrap();
    let want = 3f64.ln() - 2.0 / 3.0 * 2f64.ln();
    assert!((mi - want).abs() < 1e-12, "{mi} vs {want}");
    // entropy uses one column: only its own missing rows are dropped (b: row 3).
    let v = stdout_json(
        &dir,
        &[
            "entropy",
            "miss.csv",
            "-c",
            "b",
            "--nan-policy",
            "omit",
            "--format",
            "json",
        ],
    );
    assert_eq!(v["samples"], 5);
    assert_eq!(v["distinct"], 2);
    // Parquet: a null (row 2) is reported by row; omit drops it.
    one_line_error(
        &fixtures(),
        &["mi", "null.parquet", "--target", "y"],
        "row 2, column 'a'",
    );
    let v = stdout_json(
        &fixtures(),
        &[
            "mi",
            "null.parquet",
            "--target",
            "y",
            "--nan-policy",
            "omit",
            "--format",
            "json",
        ],
    );
    assert_eq!(v["rows"], 2);
}
