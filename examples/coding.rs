//! Source coding: Huffman and Shannon code lengths against the entropy bound, the Kraft sum, and
//! an arithmetic code that round-trips.
//!
//! Run with `cargo run -p sanov --example coding`.

use sanov::coding::{
    arithmetic_decode, arithmetic_encode, huffman_code_lengths, huffman_expected_length, kraft_sum,
    shannon_code_expected_length,
};
use sanov::measures::entropy;
use sanov::Base;

fn main() -> sanov::Result<()> {
    let p = [0.5, 0.2, 0.15, 0.1, 0.05];
    let h = entropy(&p, Base::Bits)?;
    let lh = huffman_expected_length(&p)?;
    let ls = shannon_code_expected_length(&p)?;
    println!("H = {h:.4} bits <= Huffman {lh:.4} <= Shannon {ls:.4} < H + 1");
    assert!(h <= lh && lh <= ls && ls < h + 1.0);

    let lengths = huffman_code_lengths(&p)?;
    println!(
        "Huffman lengths {lengths:?}, Kraft sum {}",
        kraft_sum(&lengths)?
    );

    let message = [0, 1, 0, 2, 0, 3, 4, 0, 1, 0];
    let code = arithmetic_encode(&message, &p)?;
    assert_eq!(arithmetic_decode(&code, message.len(), &p)?, message);
    println!("arithmetic code of {} symbols: {code:?}", message.len());
    Ok(())
}
