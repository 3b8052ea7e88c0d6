//! Benchmarks of sanov live in `benches/`.
