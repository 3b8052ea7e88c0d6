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
mod data;
mod figure;
mod knn;
mod output;
mod parquet;
mod progress;
mod te;
mod tour;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
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
