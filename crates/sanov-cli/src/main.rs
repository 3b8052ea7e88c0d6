//! The `sanov` command line. Filled by the command-line issue.

fn main() {
    println!("sanov {}", env!("CARGO_PKG_VERSION"));
}
