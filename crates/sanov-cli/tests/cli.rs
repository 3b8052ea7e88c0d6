//! Tests of the `sanov` binary: the tour's JSON (every line ✓; the Figure 1 series against the
//! mpmath table crates/sanov/tests/data/types.txt; each line's value against its reference is
//! tests/tour_reference.rs), the figure files, help, completions, version, and the shape of every error (exit code 2, one
//! line, no panic).

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

/// Relative tolerance against exact closed forms and mpmath values.
const EXACT: f64 = 1e-12;

fn sanov() -> Command {
    Command::cargo_bin("sanov").expect("the sanov binary is built")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sanov-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn close(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= rel * want.abs().max(f64::MIN_POSITIVE)
}

#[test]
fn tour_json_matches_the_reference_values() {
    let dir = scratch("tour");
    let out = sanov()
        .current_dir(&dir)
        .args(["tour", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let t: Value = serde_json::from_slice(&out).expect("the tour prints one JSON document");
    assert_eq!(
        t["passed"], t["total"],
        "every line agrees with its textbook value"
    );
    assert!(t["total"].as_u64().unwrap() >= 50);

    // Every line's value is checked against its independent reference in tests/tour_reference.rs
    // (tests/data/tour/*.csv); here, the figure's series.
    // Figure 1 against crates/sanov/tests/data/types.txt (mpmath, D = 50 000, seed 0).
    let f = &t["figure1"];
    assert_eq!(f["d"], 50_000);
    let at = |panel: &str, key: &str, j: usize| f[panel][key][j].as_f64().unwrap();
    for (panel, j, exact, nh, st) in [
        (
            "uniform",
            0,
            4.9099524304985623201e+5,
            0.10182109068942956663,
            8.2548118244969278262e-3,
        ),
        (
            "uniform",
            4,
            2.6179365956189585318e+6,
            0.033235325725312670321,
            3.1789714103483133714e-4,
        ),
        (
            "uniform",
            19,
            1.0698737561620495373e+7,
            0.011313551911395252449,
            1.9471080893114270676e-5,
        ),
        (
            "dirichlet",
            0,
            4.7434931623235071710e+5,
            0.076320002411805665846,
            4.2619573267357710863e-3,
        ),
        (
            "dirichlet",
            4,
            2.5218070101722101754e+6,
            0.029085701519776661943,
            5.6117573152688481984e-4,
        ),
        (
            "dirichlet",
            19,
            1.0285603232239515574e+7,
            0.010403877918312341809,
            6.0816396902929678277e-5,
        ),
    ] {
        assert!(
            close(at(panel, "exact_ln_coefficient", j), exact, EXACT),
            "{panel} {j}"
        );
        assert!(
            close(at(panel, "relative_error_nh", j), nh, 1e-10),
            "{panel} {j}"
        );
        assert!(
            close(at(panel, "relative_error_stirling", j), st, 1e-8),
            "{panel} {j}"
        );
    }
    let svg =
        std::fs::read_to_string(dir.join("figure1.svg")).expect("the tour writes figure1.svg");
    assert!(svg.starts_with("<svg") && svg.contains("n / D") && svg.contains("Stirling"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn tour_text_marks_every_line() {
    let out = sanov()
        .args(["tour", "--no-figure"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("0.0477719") && s.contains("the often printed 0.0268 is wrong"));
    assert!(!s.contains('✗'));
    assert!(s
        .lines()
        .last()
        .unwrap()
        .contains("worked examples agree with the textbook value."));
}

#[test]
fn figure1_png_and_svg() {
    let dir = scratch("fig");
    let png = dir.join("f.png");
    sanov()
        .args(["figure1", "--d", "200", "--out"])
        .arg(&png)
        .assert()
        .success();
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let svg = dir.join("f.svg");
    let out = sanov()
        .args(["figure1", "--d", "200", "--format", "csv", "--out"])
        .arg(&svg)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // Header + 2 panels × 20 values of n.
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 41);
    sanov()
        .args(["figure1", "--out"])
        .arg(dir.join("f.gif"))
        .assert()
        .code(2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn help_for_every_command_has_examples() {
    for cmd in [
        "tour",
        "figure1",
        "entropy",
        "mi",
        "kl",
        "capacity",
        "maxent",
        "completions",
    ] {
        let out = sanov()
            .args([cmd, "--help"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("Examples:"), "{cmd} --help shows examples");
        assert!(
            s.contains(&format!("sanov {cmd}")),
            "{cmd} --help shows its use"
        );
    }
    sanov().arg("--help").assert().success();
}

#[test]
fn version_and_completions() {
    let out = sanov()
        .arg("--version")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap().trim(),
        format!("sanov {}", env!("CARGO_PKG_VERSION"))
    );
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = sanov()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.contains("sanov") && s.contains("tour") && s.contains("capacity"),
            "{shell}"
        );
    }
}

/// Every error path: exit code 2, exactly one line on stderr starting with `error: ` and
/// naming the file (or option), nothing on stdout, no panic or backtrace.
#[test]
fn errors_are_one_line_with_exit_code_2() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/data.in");
    let cases: &[(&[&str], &str)] = &[
        (&["entropy", "missing.csv", "--column", "a"], "missing.csv"),
        (&["entropy", "ok.csv", "--column", "nope"], "'nope'"),
        (&["entropy", "badrow.csv", "--column", "a"], "line 3"),
        (&["entropy", "nan.csv", "--column", "a"], "column 'a'"),
        (&["mi", "inf.csv", "--target", "y"], "column 'y'"),
        (
            &["entropy", "empty_field.csv", "--column", "a"],
            "line 3, column 'a'",
        ),
        (&["entropy", "empty.csv"], "empty.csv"),
        (&["entropy", "floats.npy", "--column", "0"], "[1, 0]"),
        (
            &["mi", "null.parquet", "--target", "y"],
            "row 2, column 'a'",
        ),
        (&["kl", "unnormalised.csv", "p.csv"], "sums to 1.1"),
        (&["kl", "p.csv", "negative.csv"], "negative.csv"),
        (&["capacity", "bad_channel.csv"], "row 2"),
        (
            &["maxent", "--support", "1..6", "--mean", "7"],
            "infeasible",
        ),
        (
            &["entropy", "ok.csv", "--column", "a", "--base", "-3"],
            "--base",
        ),
        (
            &[
                "entropy",
                "ok.csv",
                "--column",
                "c",
                "--estimator",
                "nsb",
                "--alphabet-size",
                "1",
            ],
            "ok.csv",
        ),
        (
            &["mi", "ok.csv", "--target", "y", "--discrete", "zz"],
            "'zz'",
        ),
        (
            &["tour", "--figure-dir", "does/not/exist"],
            "does/not/exist",
        ),
    ];
    for (args, needle) in cases {
        let a = sanov().current_dir(&data).args(*args).assert().code(2);
        let o = a.get_output();
        let err = String::from_utf8(o.stderr.clone()).unwrap();
        assert!(o.stdout.is_empty(), "{args:?}: nothing on stdout");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err} names {needle}");
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{args:?}: {err}"
        );
    }
    // clap's own usage errors also exit with 2.
    sanov().args(["mi", "ok.csv"]).assert().code(2);
}

/// Relative tolerance against scikit-learn's k-NN estimates (same neighbours; the sums differ
/// in order only).
const SKLEARN_KNN: f64 = 1e-10;

/// `sanov mi` on continuous, discrete and mixed columns against scikit-learn's
/// `mutual_info_classif` / `mutual_info_regression` (tests/knn_expected.csv, written by
/// tests/generate_fixtures.py): plug-in, KSG and Ross's estimator.
#[test]
fn mi_matches_scikit_learn() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    let expected = std::fs::read_to_string(root.join("knn_expected.csv")).unwrap();
    let mut checked = 0;
    for target in ["y", "t"] {
        let out = sanov()
            .current_dir(root.join("cmd/data.in"))
            .args(["mi", "knn.csv", "--target", target, "--format", "csv"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let got = String::from_utf8(out).unwrap();
        for line in expected.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            if f[0] != target {
                continue;
            }
            let want: f64 = f[2].parse().unwrap();
            let row = got
                .lines()
                .find(|l| l.split(',').nth(1) == Some(f[1]))
                .unwrap_or_else(|| panic!("{target}: no row for {}", f[1]));
            let v: f64 = row.rsplit(',').next().unwrap().parse().unwrap();
            assert!(
                close(v, want, SKLEARN_KNN),
                "I({}; {target}) = {v}, sklearn {want}",
                f[1]
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 7);
}

/// `sanov entropy --estimator kozachenko-leonenko` against the brute-force formula of docs/definitions.md
/// (ψ(N) − ψ(k) + ln 2 + ⟨ln r_i⟩ in one dimension; tests/knn_expected.csv, NumPy/SciPy).
#[test]
fn differential_entropy_matches_the_formula() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    let expected = std::fs::read_to_string(root.join("knn_expected.csv")).unwrap();
    let want: f64 = expected
        .lines()
        .find(|l| l.starts_with("entropy,c1,"))
        .and_then(|l| l.rsplit(',').next())
        .unwrap()
        .parse()
        .unwrap();
    let out = sanov()
        .current_dir(root.join("cmd/data.in"))
        .args([
            "entropy",
            "knn.csv",
            "--column",
            "c1",
            "--estimator",
            "kozachenko-leonenko",
        ])
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let h = v["differential_entropy"].as_f64().unwrap();
    assert!(close(h, want, EXACT), "{h} vs {want}");
}
