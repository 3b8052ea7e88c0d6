//! The `sanov` command line.
//!
//! - `sanov tour`: the worked examples of information theory for ML, each computed live next to
//!   its textbook value, ending with Figure 1 of the primer drawn to `figure1.svg`.
//! - `sanov figure1`: Figure 1 alone, as SVG or PNG.
//! - `sanov entropy | mi | kl | capacity | maxent`: the same quantities on a user's own data
//!   (CSV, TSV, NPY, Parquet).
//!
//! Every failure on user input is one line on stderr (`error: FILE: line N, column 'c': …`)
//! and exit code 2; `sanov tour` exits with 1 if a worked example disagrees with its
//! textbook value.

mod cli;
mod commands;
mod counts;
mod data;
mod figure;
mod figure_series;
mod kl;
mod knn;
mod npy;
mod output;
mod parquet;
mod progress;
mod scan;
mod stream;
mod table;
mod te;
mod tour;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;

/// Help and version go to stdout as clap renders them (exit 0); every other argument error is
/// ONE line on stderr, exit code 2: clap's message with its usage and "For more information"
/// lines dropped and the rest (the message, possible values, tips) joined.
fn clap_error(e: &clap::Error) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let text = e.render().to_string();
    eprintln!("error: {}", one_line(&text));
    ExitCode::from(2)
}

/// clap's multi-line error text as one line.
fn one_line(text: &str) -> String {
    let parts: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .map(|l| l.strip_prefix("error:").map_or(l, str::trim))
        .collect();
    parts
        .join("; ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return clap_error(&e),
    };
    match commands::run(args) {
        Ok(code) => code,
        Err(e) => {
            // One line, no backtrace: the context chain joined by ": ".
            let msg = format!("{e:#}").replace(['\n', '\r'], " ");
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}
