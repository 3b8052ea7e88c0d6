//! `sanov kl` streams P and Q in lockstep row batches (issue 16, item 4). Batches are made tiny
//! with the hidden `SANOV_BATCH_ROWS` so that small files span many of them. The streamed
//! divergence must agree with `sanov::divergences::kl_divergence` on the whole vectors (after
//! `sanov::validate::normalize` for `--normalize`) to [`TOL_STREAM`] relative, in every input
//! form (one number per line, a CSV/TSV column, a Parquet column over several row groups, a
//! `.npy` array, one row), and errors stay one line with exit code 2 in the order of the
//! whole-file reader.

use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use parquet::data_type::DoubleType;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use sanov::divergences::kl_divergence;
use sanov::validate::normalize;
use sanov::Base;

mod common;

/// Streamed against in-memory KL: the same terms, summed in a different order with
/// compensation; a few ulps of values of order 1.
const TOL_STREAM: f64 = 1e-13;

fn sanov(batch: Option<usize>) -> Command {
    let mut c = Command::cargo_bin("sanov").expect("the sanov binary is built");
    match batch {
        Some(b) => c.env("SANOV_BATCH_ROWS", b.to_string()),
        None => c.env_remove("SANOV_BATCH_ROWS"),
    };
    c
}

fn scratch(name: &str) -> PathBuf {
    common::scratch("klstream", name)
}

/// Uniform numbers in (0, 1] from a seed (splitmix64).
fn uniform(seed: u64) -> impl FnMut() -> f64 {
    let mut r = common::splitmix64(seed);
    move || ((r() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
}

/// A pair of random probability vectors of length `n` (flat Dirichlet); with `zeros`, some
/// entries of P are 0 (and Q is 0 at some of them: 0 · ln 0 = 0).
fn pair(n: usize, seed: u64, zeros: bool) -> (Vec<f64>, Vec<f64>) {
    let mut u = uniform(seed);
    let mut p: Vec<f64> = (0..n).map(|_| -u().ln()).collect();
    let mut q: Vec<f64> = (0..n).map(|_| -u().ln()).collect();
    if zeros && n > 1 {
        for i in (0..n).step_by(3) {
            p[i] = 0.0;
            if i % 2 == 0 {
                q[i] = 0.0;
            }
        }
    }
    (normalize(&p).unwrap(), normalize(&q).unwrap())
}

/// Counts 0..=19 (P) and 1..=20 (Q) for `--normalize`.
fn counts(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut u = uniform(seed);
    let p = (0..n).map(|_| (u() * 20.0).floor()).collect();
    let q = (0..n).map(|_| (u() * 20.0).ceil()).collect();
    (p, q)
}

/// One number per line, as Rust prints it (shortest text that reads back exactly).
fn lines(v: &[f64]) -> String {
    let mut s = String::new();
    for x in v {
        let _ = writeln!(s, "{x:e}");
    }
    s
}

/// A `.npy` file of a 1-D float64 array.
fn npy(path: &Path, v: &[f64]) {
    let header = format!(
        "{{'descr': '<f8', 'fortran_order': False, 'shape': ({},), }}",
        v.len()
    );
    let mut out = common::npy_preamble(&header);
    for x in v {
        out.extend_from_slice(&x.to_le_bytes());
    }
    std::fs::write(path, out).unwrap();
}

/// A Parquet file of two float64 columns `p` and `q`, in row groups of `group` rows.
fn parquet(path: &Path, p: &[f64], q: &[f64], group: usize) {
    let schema = Arc::new(
        parse_message_type("message t { REQUIRED DOUBLE p; REQUIRED DOUBLE q; }").unwrap(),
    );
    let props = Arc::new(WriterProperties::builder().build());
    let mut w = SerializedFileWriter::new(File::create(path).unwrap(), schema, props).unwrap();
    for (pc, qc) in p.chunks(group).zip(q.chunks(group)) {
        let mut rg = w.next_row_group().unwrap();
        for values in [pc, qc] {
            let mut col = rg.next_column().unwrap().unwrap();
            col.typed::<DoubleType>()
                .write_batch(values, None, None)
                .unwrap();
            col.close().unwrap();
        }
        rg.close().unwrap();
    }
    w.close().unwrap();
}

/// The divergence and the support size of a successful `sanov kl` (CSV output, parsed with
/// Rust's correctly rounded parser).
fn kl(dir: &Path, batch: Option<usize>, args: &[&str]) -> (f64, usize) {
    let mut all = vec!["kl"];
    all.extend(args);
    all.extend(["--format", "csv"]);
    let a = sanov(batch).current_dir(dir).args(&all).assert().success();
    let text = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    let mut l = text.lines();
    let head: Vec<&str> = l.next().unwrap().split(',').collect();
    let row: Vec<&str> = l.next().unwrap().split(',').collect();
    let at = |k: &str| row[head.iter().position(|h| *h == k).unwrap()];
    let d = match at("kl_divergence") {
        "inf" => f64::INFINITY,
        s => s.parse().unwrap(),
    };
    (d, at("support_size").parse().unwrap())
}

fn close(got: f64, want: f64, what: &str) {
    if want.is_infinite() {
        assert_eq!(got, want, "{what}");
        return;
    }
    assert!(
        (got - want).abs() <= TOL_STREAM * want.abs().max(f64::MIN_POSITIVE),
        "{what}: streamed {got:e}, in memory {want:e}, relative {:e}",
        (got - want).abs() / want.abs()
    );
}

/// `sanov kl ARGS` at batch size `batch`: exit code 2, one error line naming every needle
/// (see `common::assert_one_line_error`).
fn one_line_error(dir: &Path, batch: usize, args: &[&str], needles: &[&str]) {
    common::assert_one_line_error(
        sanov(Some(batch)).current_dir(dir).arg("kl").args(args),
        &format!("{args:?}, batch {batch}"),
        needles,
    );
}

#[test]
fn streamed_kl_equals_the_in_memory_kl_on_random_vectors() {
    let dir = scratch("random");
    let sizes = [1usize, 2, 5, 37, 200, 1001, 4096];
    for (k, &n) in sizes.iter().enumerate() {
        for zeros in [false, true] {
            let seed = 1000 * k as u64 + u64::from(zeros);
            let (p, q) = pair(n, seed, zeros);
            let want = kl_divergence(&p, &q, Base::Nats).unwrap();
            std::fs::write(dir.join("p.csv"), lines(&p)).unwrap();
            std::fs::write(dir.join("q.csv"), lines(&q)).unwrap();
            // Tables whose column `p` holds P (pq.*) or Q (qp.*); --column picks in both files.
            for (name, a, b) in [("pq", &p, &q), ("qp", &q, &p)] {
                let mut tsv = String::from("p\tq\n");
                for (x, y) in a.iter().zip(b.iter()) {
                    let _ = writeln!(tsv, "{x:e}\t{y:e}");
                }
                std::fs::write(dir.join(format!("{name}.tsv")), tsv).unwrap();
                parquet(&dir.join(format!("{name}.parquet")), a, b, 97);
            }
            npy(&dir.join("p.npy"), &p);
            npy(&dir.join("q.npy"), &q);
            for batch in [1, 7, 1000] {
                let what = format!("n {n}, zeros {zeros}, batch {batch}");
                let runs: [&[&str]; 7] = [
                    &["p.csv", "q.csv"],
                    &["pq.tsv", "qp.tsv", "-c", "p"],
                    &["p.npy", "q.npy"],
                    &["p.csv", "q.npy"],
                    &["pq.parquet", "qp.parquet", "-c", "p"],
                    &["pq.parquet", "q.csv", "-c", "0"],
                    &["p.npy", "qp.tsv", "-c", "0"],
                ];
                for args in runs {
                    let (d, size) = kl(&dir, Some(batch), args);
                    assert_eq!(size, n, "{what} {args:?}");
                    close(d, want, &format!("{what} {args:?}"));
                }
                // D(P‖P) = 0 exactly: every term is p ln 1.
                let (d, _) = kl(&dir, Some(batch), &["pq.tsv", "pq.parquet", "-c", "p"]);
                assert_eq!(d, 0.0, "{what}");
                let (d, _) = kl(&dir, Some(batch), &["p.csv", "q.csv", "--base", "2"]);
                close(d, want / 2f64.ln(), &format!("{what} bits"));
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn streamed_normalize_equals_normalising_first() {
    let dir = scratch("normalize");
    for (k, n) in [3usize, 64, 999, 3000].into_iter().enumerate() {
        let (c, d) = counts(n, 77 + k as u64);
        let cd = |a: &[f64], b: &[f64], name: &str| parquet(&dir.join(name), a, b, 250);
        let want =
            kl_divergence(&normalize(&c).unwrap(), &normalize(&d).unwrap(), Base::Nats).unwrap();
        std::fs::write(dir.join("c.csv"), lines(&c)).unwrap();
        std::fs::write(dir.join("d.csv"), lines(&d)).unwrap();
        cd(&c, &d, "cd.parquet");
        for batch in [1, 7, 1000] {
            let (got, size) = kl(&dir, Some(batch), &["c.csv", "d.csv", "--normalize"]);
            assert_eq!(size, n);
            close(got, want, &format!("n {n}, batch {batch}"));
            let (got, _) = kl(
                &dir,
                Some(batch),
                &["cd.parquet", "d.csv", "-c", "0", "--normalize"],
            );
            close(got, want, &format!("parquet n {n}, batch {batch}"));
        }
    }
    // Weights near f64::MAX: the sums overflow, the scaled second pass does not.
    std::fs::write(dir.join("big_p.csv"), "1e308\n1.5e308\n").unwrap();
    std::fs::write(dir.join("big_q.csv"), "1.7e308\n3e307\n").unwrap();
    let want = kl_divergence(
        &normalize(&[1e308, 1.5e308]).unwrap(),
        &normalize(&[1.7e308, 3e307]).unwrap(),
        Base::Nats,
    )
    .unwrap();
    for batch in [1, 1000] {
        let (got, _) = kl(
            &dir,
            Some(batch),
            &["big_p.csv", "big_q.csv", "--normalize"],
        );
        close(got, want, "overflowing sums");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Files larger than one default batch (65536 rows): the default batch size, no knob.
#[test]
fn files_larger_than_one_batch() {
    let dir = scratch("large");
    let n = 150_001;
    let (p, q) = pair(n, 42, true);
    let want = kl_divergence(&p, &q, Base::Nats).unwrap();
    std::fs::write(dir.join("p.csv"), lines(&p)).unwrap();
    std::fs::write(dir.join("q.csv"), lines(&q)).unwrap();
    parquet(&dir.join("pq.parquet"), &p, &q, 40_000);
    parquet(&dir.join("qp.parquet"), &q, &p, 40_000);
    npy(&dir.join("q.npy"), &q);
    for args in [
        &["p.csv", "q.csv"][..],
        &["pq.parquet", "q.npy", "-c", "0"],
        &["p.csv", "qp.parquet", "-c", "0"],
        &["pq.parquet", "qp.parquet", "-c", "p"],
    ] {
        let (d, size) = kl(&dir, None, args);
        assert_eq!(size, n);
        close(d, want, &format!("{args:?}"));
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn one_row_and_one_column_layouts() {
    let dir = scratch("layouts");
    std::fs::write(dir.join("row_p.csv"), "0.2,0.3,0.5\n").unwrap();
    std::fs::write(dir.join("row_q.csv"), "0.3,0.3,0.4\n").unwrap();
    std::fs::write(dir.join("col_q.csv"), "0.3\n0.3\n0.4\n").unwrap();
    let want = kl_divergence(&[0.2, 0.3, 0.5], &[0.3, 0.3, 0.4], Base::Nats).unwrap();
    for batch in [1, 1000] {
        for q in ["row_q.csv", "col_q.csv"] {
            let (d, size) = kl(&dir, Some(batch), &["row_p.csv", q]);
            assert_eq!(size, 3);
            close(d, want, q);
        }
    }
    // p > 0 = q: +inf; p = 0 = q: 0 · ln 0 = 0.
    std::fs::write(dir.join("zq.csv"), "0.5\n0.5\n0\n").unwrap();
    std::fs::write(dir.join("zp.csv"), "0.5\n0.5\n0\n").unwrap();
    for batch in [1, 2, 1000] {
        assert_eq!(
            kl(&dir, Some(batch), &["col_q.csv", "zq.csv"]).0,
            f64::INFINITY
        );
        assert_eq!(kl(&dir, Some(batch), &["zp.csv", "zq.csv"]).0, 0.0);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn stream_errors_keep_their_wording_and_order() {
    let dir = scratch("errors");
    let (p, q) = pair(500, 9, false);
    std::fs::write(dir.join("p.csv"), lines(&p)).unwrap();
    std::fs::write(dir.join("q.csv"), lines(&q)).unwrap();
    std::fs::write(dir.join("short.csv"), lines(&normalize(&q[..300]).unwrap())).unwrap();
    let mut neg = p.clone();
    neg[321] = -0.25;
    std::fs::write(dir.join("neg.csv"), lines(&neg)).unwrap();
    let mut bad = lines(&q);
    bad.push_str("0.1,0.2\n");
    std::fs::write(dir.join("malformed.csv"), &bad).unwrap();
    let mut text = lines(&q[..400]);
    text.push_str("abc\n");
    std::fs::write(dir.join("text.csv"), &text).unwrap();
    let twice: Vec<f64> = p.iter().map(|x| 2.0 * x).collect();
    std::fs::write(dir.join("twice.csv"), lines(&twice)).unwrap();
    std::fs::write(dir.join("zero.csv"), lines(&vec![0.0; 500])).unwrap();
    std::fs::write(dir.join("table.csv"), "a,b\n0.5,0.5\n0.5,0.5\n").unwrap();
    for batch in [1, 7, 1000] {
        // Unequal lengths, whichever input ends first: both lengths named.
        let both = [
            "p.csv holds 500 values but short.csv holds 300",
            "same support",
        ];
        one_line_error(&dir, batch, &["p.csv", "short.csv"], &both);
        one_line_error(
            &dir,
            batch,
            &["short.csv", "p.csv"],
            &["short.csv holds 300 values but p.csv holds 500"],
        );
        // The first negative element, by its index over all batches.
        one_line_error(
            &dir,
            batch,
            &["neg.csv", "q.csv"],
            &["neg.csv: P[321] = -0.25 is negative"],
        );
        one_line_error(
            &dir,
            batch,
            &["q.csv", "neg.csv"],
            &["neg.csv: Q[321] = -0.25 is negative"],
        );
        one_line_error(
            &dir,
            batch,
            &["neg.csv", "q.csv", "--normalize"],
            &["neg.csv: weights[321] = -0.25 is negative"],
        );
        // A bad element of P comes before unequal lengths (as it did).
        one_line_error(&dir, batch, &["neg.csv", "short.csv"], &["P[321]"]);
        // Sums not 1, with the same tolerance and hint.
        one_line_error(
            &dir,
            batch,
            &["twice.csv", "q.csv"],
            &[
                "twice.csv: P sums to 2",
                "tolerance 1e-9",
                "--normalize divides by the sum",
            ],
        );
        one_line_error(
            &dir,
            batch,
            &["zero.csv", "q.csv", "--normalize"],
            &["zero.csv: weights has zero total mass"],
        );
        // Read errors late in a file: a malformed row, a text value.
        one_line_error(
            &dir,
            batch,
            &["p.csv", "malformed.csv"],
            &["malformed.csv: line 501", "malformed row"],
        );
        one_line_error(
            &dir,
            batch,
            &["text.csv", "p.csv"],
            &["text.csv: line 401", "'abc' is not a number"],
        );
        // A read error of Q comes before P's bad element without --normalize (Q was read first) ...
        one_line_error(
            &dir,
            batch,
            &["neg.csv", "malformed.csv"],
            &["malformed.csv: line 501"],
        );
        // ... and after it with --normalize (P is normalised before Q is read).
        one_line_error(
            &dir,
            batch,
            &["neg.csv", "malformed.csv", "--normalize"],
            &["neg.csv: weights[321]"],
        );
        one_line_error(
            &dir,
            batch,
            &["table.csv", "q.csv"],
            &["table.csv: holds 2 rows and 2 columns; pick one with --column"],
        );
        one_line_error(
            &dir,
            batch,
            &["p.csv", "missing.csv"],
            &["missing.csv: cannot read the file"],
        );
        // Q that cannot be opened: after P's bad element only with --normalize.
        one_line_error(
            &dir,
            batch,
            &["neg.csv", "missing.csv"],
            &["missing.csv: cannot read the file"],
        );
        one_line_error(
            &dir,
            batch,
            &["neg.csv", "missing.csv", "--normalize"],
            &["neg.csv: weights[321]"],
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A `.npy` file of an `n × m` float64 array given row by row, stored in C or Fortran order.
fn npy_2d(path: &Path, rows: &[Vec<f64>], fortran: bool) {
    let (n, m) = (rows.len(), rows[0].len());
    let header = format!(
        "{{'descr': '<f8', 'fortran_order': {}, 'shape': ({n}, {m}), }}",
        if fortran { "True" } else { "False" }
    );
    let mut out = common::npy_preamble(&header);
    let at = |k: usize| {
        if fortran {
            rows[k % n][k / n]
        } else {
            rows[k / m][k % m]
        }
    };
    for k in 0..n * m {
        out.extend_from_slice(&at(k).to_le_bytes());
    }
    std::fs::write(path, out).unwrap();
}

/// `.npy` arrays in row batches: a column of a 2-D array in C order (streamed) and in Fortran
/// order (one batch), a non-finite element named by its index over all batches.
#[test]
fn npy_arrays_in_row_batches() {
    let dir = scratch("npy");
    let n = 700;
    let (p, q) = pair(n, 5, true);
    let (r, s) = pair(n, 6, false);
    // Column 1 of pr.* is P, of qs.* is Q; column 0 is R and S.
    let pr: Vec<Vec<f64>> = (0..n).map(|i| vec![r[i], p[i], 0.5]).collect();
    let qs: Vec<Vec<f64>> = (0..n).map(|i| vec![s[i], q[i], 0.5]).collect();
    for fortran in [false, true] {
        let tag = if fortran { "f" } else { "c" };
        npy_2d(&dir.join(format!("pr_{tag}.npy")), &pr, fortran);
        npy_2d(&dir.join(format!("qs_{tag}.npy")), &qs, fortran);
    }
    let want_pq = kl_divergence(&p, &q, Base::Nats).unwrap();
    let want_rs = kl_divergence(&r, &s, Base::Nats).unwrap();
    let mut nan = q.clone();
    nan[321] = f64::NAN;
    npy(&dir.join("q.npy"), &q);
    npy(&dir.join("nan.npy"), &nan);
    for batch in [1, 7, 1000] {
        for (a, b) in [("c", "c"), ("f", "f"), ("c", "f"), ("f", "c")] {
            let (pf, qf) = (format!("pr_{a}.npy"), format!("qs_{b}.npy"));
            let what = format!("{pf} {qf}, batch {batch}");
            let (d, size) = kl(&dir, Some(batch), &[&pf, &qf, "-c", "1"]);
            assert_eq!(size, n, "{what}");
            close(d, want_pq, &what);
            let (d, _) = kl(&dir, Some(batch), &[&pf, &qf, "-c", "0"]);
            close(d, want_rs, &what);
        }
        one_line_error(
            &dir,
            batch,
            &["q.npy", "nan.npy"],
            &["nan.npy: element [321] is NaN; values must be finite numbers"],
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
