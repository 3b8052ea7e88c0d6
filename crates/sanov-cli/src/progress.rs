//! Progress bars (indicatif) on stderr, drawn only for work expected to take over a second and
//! only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar of `len` steps labelled `what`; hidden unless `long` (the work is expected to take
/// more than about a second) and stderr is a terminal.
pub fn bar(len: u64, long: bool, what: &str) -> ProgressBar {
    if !long {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} {elapsed}") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what.to_string());
    pb
}

/// A bar of rows read, labelled `what`: rows done, rows/s and the percentage when `total` is
/// known (Parquet metadata, NPY), a counter of rows and rows/s otherwise (CSV/TSV). Hidden
/// unless stderr is a terminal.
pub fn rows(total: Option<u64>, what: &str) -> ProgressBar {
    use std::io::IsTerminal as _;
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (pb, template) = match total {
        Some(n) => (
            ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
            "{msg:>9} [{bar:30}] {percent:>3}% {human_pos}/{human_len} rows, {per_sec} {elapsed}",
        ),
        None => (
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            "{msg:>9} {spinner} {human_pos} rows, {per_sec} {elapsed}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what.to_string());
    pb
}
