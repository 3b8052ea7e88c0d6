//! Every line of `sanov tour --format json` against an independent reference value.
//!
//! The references are the CSV files `tests/data/tour/*.csv` (header `quantity,value,tolerance`,
//! CSV quoting, tolerance absolute), each written by a committed script
//! `scripts/reference/tour_<name>.py` from mpmath or exact rationals, never from sanov. The test
//! reads every CSV present, so a new tour section only adds its own CSV. It checks that
//!
//! - (a) every line's computed value is within the tolerance of its reference value;
//! - (b) every line has a reference (all missing quantities are listed at once);
//! - (c) no reference is stale (its quantity is printed by the tour);
//! - (d) every line agrees with its quoted textbook value (✓), and quantities are unique.

use std::collections::BTreeMap;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

/// One reference row: value, absolute tolerance, and the CSV it came from.
struct Reference {
    value: f64,
    tolerance: f64,
    file: String,
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/tour")
}

/// Every reference of every `tests/data/tour/*.csv`, keyed by quantity; duplicates and
/// malformed rows are collected into `problems`.
fn references(problems: &mut Vec<String>) -> BTreeMap<String, Reference> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("tests/data/tour exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no CSV in tests/data/tour");
    let mut refs = BTreeMap::new();
    for path in files {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut rdr = csv::Reader::from_path(&path).expect("a readable CSV");
        let header: Vec<String> = rdr
            .headers()
            .expect("a header row")
            .iter()
            .map(str::to_owned)
            .collect();
        if header != ["quantity", "value", "tolerance"] {
            problems.push(format!(
                "{file}: header {header:?} is not quantity,value,tolerance"
            ));
            continue;
        }
        for (i, row) in rdr.records().enumerate() {
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    problems.push(format!("{file} row {}: {e}", i + 2));
                    continue;
                }
            };
            let parse = |k: usize| row[k].trim().parse::<f64>();
            let (Ok(value), Ok(tolerance)) = (parse(1), parse(2)) else {
                problems.push(format!("{file} row {}: unparsable number", i + 2));
                continue;
            };
            if !(value.is_finite() && tolerance.is_finite() && tolerance > 0.0) {
                problems.push(format!(
                    "{file} row {}: value {value} / tolerance {tolerance} must be finite, tolerance > 0",
                    i + 2
                ));
                continue;
            }
            let quantity = row[0].to_owned();
            if let Some(prev) = refs.insert(
                quantity.clone(),
                Reference {
                    value,
                    tolerance,
                    file: file.clone(),
                },
            ) {
                problems.push(format!(
                    "quantity {quantity:?} is in both {} and {file}",
                    prev.file
                ));
            }
        }
    }
    refs
}

/// `(quantity, computed, ok)` of every line of the tour, in order.
fn tour_lines() -> Vec<(String, Value, bool)> {
    let out = Command::cargo_bin("sanov")
        .expect("the sanov binary is built")
        .args(["tour", "--format", "json", "--no-figure"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let t: Value = serde_json::from_slice(&out).expect("the tour prints one JSON document");
    let sections = t["sections"].as_array().expect("sections");
    let lines: Vec<(String, Value, bool)> = sections
        .iter()
        .flat_map(|s| s["lines"].as_array().expect("lines"))
        .map(|l| {
            (
                l["quantity"].as_str().expect("quantity").to_owned(),
                l["computed"].clone(),
                l["ok"].as_bool().expect("ok"),
            )
        })
        .collect();
    assert_eq!(t["total"].as_u64(), Some(lines.len() as u64));
    lines
}

#[test]
fn every_tour_line_matches_its_independent_reference() {
    let mut problems = Vec::new();
    let refs = references(&mut problems);
    let lines = tour_lines();

    let mut seen = BTreeMap::new();
    for (q, _, _) in &lines {
        *seen.entry(q.as_str()).or_insert(0usize) += 1;
    }
    for (q, n) in &seen {
        if *n > 1 {
            problems.push(format!("quantity {q:?} is printed {n} times"));
        }
    }

    let mut missing = Vec::new();
    for (q, computed, ok) in &lines {
        if !ok {
            problems.push(format!("{q:?} is not ✓ against its quoted textbook value"));
        }
        let Some(r) = refs.get(q) else {
            missing.push(q.as_str());
            continue;
        };
        match computed.as_f64() {
            Some(c) if (c - r.value).abs() <= r.tolerance => {}
            _ => problems.push(format!(
                "{q:?}: computed {computed} vs {} ± {:e} ({})",
                r.value, r.tolerance, r.file
            )),
        }
    }
    if !missing.is_empty() {
        problems.push(format!(
            "{} tour lines have no reference in tests/data/tour/*.csv:\n    {}",
            missing.len(),
            missing.join("\n    ")
        ));
    }
    let stale: Vec<String> = refs
        .iter()
        .filter(|(q, _)| !seen.contains_key(q.as_str()))
        .map(|(q, r)| format!("{q:?} ({})", r.file))
        .collect();
    if !stale.is_empty() {
        problems.push(format!(
            "{} references name no tour line (stale):\n    {}",
            stale.len(),
            stale.join("\n    ")
        ));
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
