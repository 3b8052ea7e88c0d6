//! Snapshot tests of the `sanov` binary (trycmd): data commands and every error path.

#[test]
fn cli_snapshots() {
    trycmd::TestCases::new().case("tests/cmd/*.trycmd");
}
