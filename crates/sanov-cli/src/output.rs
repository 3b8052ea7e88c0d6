//! Printing results: an aligned table, JSON, or CSV.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::cli::Format;

/// A result: key–value facts and a table of rows.
#[derive(Debug, Default)]
pub struct Report {
    /// Facts printed above the table (and as top-level JSON keys).
    pub meta: Vec<(&'static str, Value)>,
    /// The table's column names.
    pub columns: Vec<&'static str>,
    /// The rows, one value per column.
    pub rows: Vec<Vec<Value>>,
    /// The JSON key of the rows.
    pub rows_key: &'static str,
    /// In CSV, repeat the meta facts as leading columns of every row (for reports whose
    /// headline numbers are facts, e.g. the capacity and its certified gap).
    pub meta_in_csv: bool,
}

/// A number as JSON: non-finite values (a KL divergence of `+inf`) become the strings
/// `"inf"`, `"-inf"`, `"nan"`.
pub fn num(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or_else(
        || {
            Value::String(if x.is_nan() {
                "nan".into()
            } else if x > 0.0 {
                "inf".into()
            } else {
                "-inf".into()
            })
        },
        Value::Number,
    )
}

/// A number for people: 6 decimals, or 4 significant digits in scientific notation when small.
pub fn human(x: f64) -> String {
    if x == 0.0 || !x.is_finite() || (1e-3..1e9).contains(&x.abs()) {
        format!("{x:.6}")
    } else {
        format!("{x:.4e}")
    }
}

fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() => n.as_f64().map_or_else(String::new, human),
        Value::Number(n) => n.to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn csv_cell(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

impl Report {
    /// Renders the report in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Json => {
                let mut obj = Map::new();
                for (k, v) in &self.meta {
                    obj.insert((*k).to_string(), v.clone());
                }
                if !self.columns.is_empty() {
                    let rows: Vec<Value> = self
                        .rows
                        .iter()
                        .map(|r| {
                            Value::Object(
                                self.columns
                                    .iter()
                                    .zip(r)
                                    .map(|(c, v)| ((*c).to_string(), v.clone()))
                                    .collect(),
                            )
                        })
                        .collect();
                    obj.insert(self.rows_key.to_string(), Value::Array(rows));
                }
                let mut s = serde_json::to_string_pretty(&Value::Object(obj))
                    .unwrap_or_else(|_| "{}".into());
                s.push('\n');
                s
            }
            Format::Csv => {
                let mut s = String::new();
                if self.columns.is_empty() {
                    let _ = writeln!(
                        s,
                        "{}",
                        self.meta
                            .iter()
                            .map(|(k, _)| *k)
                            .collect::<Vec<_>>()
                            .join(",")
                    );
                    let _ = writeln!(
                        s,
                        "{}",
                        self.meta
                            .iter()
                            .map(|(_, v)| csv_cell(v))
                            .collect::<Vec<_>>()
                            .join(",")
                    );
                    return s;
                }
                let lead: &[(&str, Value)] = if self.meta_in_csv { &self.meta } else { &[] };
                let header: Vec<&str> = lead
                    .iter()
                    .map(|(k, _)| *k)
                    .chain(self.columns.iter().copied())
                    .collect();
                let _ = writeln!(s, "{}", header.join(","));
                for r in &self.rows {
                    let _ = writeln!(
                        s,
                        "{}",
                        lead.iter()
                            .map(|(_, v)| v)
                            .chain(r)
                            .map(csv_cell)
                            .collect::<Vec<_>>()
                            .join(",")
                    );
                }
                s
            }
            Format::Table => {
                let mut s = String::new();
                let kw = self
                    .meta
                    .iter()
                    .map(|(k, _)| k.chars().count())
                    .max()
                    .unwrap_or(0);
                for (k, v) in &self.meta {
                    let _ = writeln!(s, "{k:<kw$}  {}", cell(v));
                }
                if self.columns.is_empty() {
                    return s;
                }
                if !self.meta.is_empty() {
                    s.push('\n');
                }
                let cells: Vec<Vec<String>> = self
                    .rows
                    .iter()
                    .map(|r| r.iter().map(cell).collect())
                    .collect();
                let widths: Vec<usize> = self
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(j, c)| {
                        cells
                            .iter()
                            .map(|r| r[j].chars().count())
                            .chain([c.chars().count()])
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                let numeric: Vec<bool> = (0..self.columns.len())
                    .map(|j| {
                        self.rows.iter().all(|r| r[j].is_number() || r[j].is_null())
                            && self.rows.iter().any(|r| r[j].is_number())
                    })
                    .collect();
                let line = |s: &mut String, items: &[String]| {
                    let parts: Vec<String> = items
                        .iter()
                        .enumerate()
                        .map(|(j, x)| {
                            let pad = widths[j].saturating_sub(x.chars().count());
                            if numeric[j] {
                                format!("{}{x}", " ".repeat(pad))
                            } else {
                                format!("{x}{}", " ".repeat(pad))
                            }
                        })
                        .collect();
                    let _ = writeln!(s, "{}", parts.join("  ").trim_end());
                };
                let header: Vec<String> = self.columns.iter().map(|c| (*c).to_string()).collect();
                line(&mut s, &header);
                for r in &cells {
                    line(&mut s, r);
                }
                s
            }
        }
    }
}
