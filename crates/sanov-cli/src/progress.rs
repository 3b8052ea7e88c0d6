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
