//! Source codes (lengths in bits): binary Huffman codes, Shannon code lengths, the Kraft sum,
//! ideal code lengths and an arithmetic coder.
//!
//! # References
//! T. M. Cover & J. A. Thomas, *Elements of Information Theory*, 2nd ed. (2006), ch. 5
//! (§5.2 Kraft, §5.4 Shannon codes, §5.6 Huffman, §13.3 arithmetic coding);
//! D. A. Huffman, "A method for the construction of minimum-redundancy codes", Proc. IRE 40
//! (1952).

mod arithmetic;
mod huffman;
mod mdl;
mod shannon;

pub use arithmetic::{
    arithmetic_code_length, arithmetic_decode, arithmetic_encode, ArithmeticCode,
};
pub use huffman::{
    huffman_code, huffman_code_lengths, huffman_code_lengths_par, huffman_code_par,
    huffman_expected_length, HuffmanCode,
};
pub use mdl::{
    bits_per_byte, bits_per_character, nml_code_length, nml_parametric_complexity,
    two_part_code_length, NML_MAX_N,
};
pub use shannon::{
    ideal_code_length, kraft_inequality_holds, kraft_sum, shannon_code_expected_length,
    shannon_code_lengths,
};
