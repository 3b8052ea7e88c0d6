//! Entropy, cross-entropy and KL divergence of two distributions, in nats and bits, and the
//! same for every row of a matrix at once.
//!
//! Run with `cargo run -p sanov --example entropy_and_kl`.

use ndarray::array;
use sanov::batch::{self, NanPolicy};
use sanov::divergences::{js_divergence, kl_divergence};
use sanov::measures::{cross_entropy, entropy};
use sanov::{Base, Par};

fn main() -> sanov::Result<()> {
    let p = [0.4, 0.4, 0.2];
    let q = [0.33, 0.33, 0.34];

    let h = entropy(&p, Base::Bits)?;
    let hpq = cross_entropy(&p, &q, Base::Bits)?;
    let d = kl_divergence(&p, &q, Base::Nats)?;
    println!("H(p)     = {h:.6} bits");
    println!("H(p, q)  = {hpq:.6} bits");
    println!("D(p||q)  = {d:.7} nats");
    println!("JSD(p,q) = {:.7} nats", js_divergence(&p, &q, Base::Nats)?);
    // H(p, q) = H(p) + D(p||q), in one unit.
    let d_bits = kl_divergence(&p, &q, Base::Bits)?;
    assert!((hpq - (h + d_bits)).abs() < 1e-12);

    // One distribution per row: one value per row, written into a caller buffer.
    let rows = array![[0.5, 0.5], [0.25, 0.75], [1.0, 0.0]];
    let mut out = [0.0; 3];
    batch::entropy_into(
        &mut out,
        rows.view(),
        Base::Bits,
        Par::Seq,
        NanPolicy::Raise,
    )?;
    println!("row entropies (bits): {out:?}");
    Ok(())
}
