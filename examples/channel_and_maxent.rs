//! Two solvers: the capacity of a binary symmetric channel (Blahut–Arimoto, against its closed
//! form `ln 2 − h(p)`), and the maximum-entropy die with mean 4.8.
//!
//! Run with `cargo run -p sanov --example channel_and_maxent`.

use sanov::channels::{binary_symmetric, channel_capacity, CapacityOptions};
use sanov::maxent::biased_die;
use sanov::measures::binary_entropy;
use sanov::Base;

fn main() -> sanov::Result<()> {
    let flip = 0.11;
    let w = binary_symmetric(flip)?;
    let params = CapacityOptions {
        base: Base::Bits,
        ..CapacityOptions::default()
    };
    let c = channel_capacity(w.view(), &params)?;
    let closed = 1.0 - binary_entropy(flip, Base::Bits)?;
    println!(
        "BSC({flip}) capacity: {:.9} bits (closed form {closed:.9})",
        c.capacity
    );
    assert!((c.capacity - closed).abs() < 1e-8);

    let die = biased_die(4.8)?;
    println!(
        "MaxEnt die with E[X] = 4.8: lambda = {:.15}",
        die.multipliers[0]
    );
    for (face, p) in (1..=6).zip(&die.distribution) {
        println!("  P({face}) = {p:.6}");
    }
    Ok(())
}
