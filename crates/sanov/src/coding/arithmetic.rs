//! An integer arithmetic coder (Witten, Neal & Cleary 1987) with 64-bit state and 48-bit
//! frequencies.

use super::shannon::check_sequence;
use crate::error::{Error, Result};
use crate::validate::check_probability_vector;

/// State width: `low` and `high` are `STATE_BITS`-bit integers (held in `u128`).
const STATE_BITS: u32 = 64;
const HALF: u128 = 1 << (STATE_BITS - 1);
const QUARTER: u128 = 1 << (STATE_BITS - 2);
const TOP: u128 = (1 << STATE_BITS) - 1;
/// Frequencies sum to `2^FREQ_BITS`. The coding interval keeps at least `2^62` units, so the
/// smallest frequency still spans `2^14` of them, and `range · cum < 2^112` fits a `u128`.
const FREQ_BITS: u32 = 48;
const TOTAL: u64 = 1 << FREQ_BITS;
/// The most symbols the coder accepts: with up to `2^24` symbols the rounding of frequencies to
/// integers moves the largest frequency by at most `2^24 < 2^48 / 2^24`.
const MAX_SYMBOLS: usize = 1 << 24;

/// An arithmetic-coded bit string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArithmeticCode {
    /// The bits, most significant first, padded with zeros to whole bytes.
    pub bytes: Vec<u8>,
    /// The number of bits of the code.
    pub bit_len: u64,
}

/// Cumulative integer frequencies (`cum[0] = 0`, `cum[m] = 2^48`): `round(p_i 2^48)`, at least 1
/// for `p_i > 0`, 0 for `p_i = 0`, with the rounding surplus taken from (or given to) the most
/// probable symbol.
fn cumulative(p: &[f64]) -> Result<Vec<u64>> {
    check_probability_vector("p", p)?;
    if p.len() > MAX_SYMBOLS {
        return Err(Error::InvalidParameter {
            name: "len(p)",
            value: p.len() as f64,
            expected: "the arithmetic coder takes at most 2^24 symbols",
        });
    }
    let scale = TOTAL as f64;
    let mut freq: Vec<u64> = p
        .iter()
        .map(|&v| {
            if v > 0.0 {
                ((v * scale).round() as u64).max(1)
            } else {
                0
            }
        })
        .collect();
    let sum: u64 = freq.iter().sum();
    let big = (0..p.len())
        .max_by(|&a, &b| freq[a].cmp(&freq[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    freq[big] = freq[big] + TOTAL - sum;
    let mut cum = Vec::with_capacity(p.len() + 1);
    cum.push(0u64);
    let mut c = 0u64;
    for f in freq {
        c += f;
        cum.push(c);
    }
    Ok(cum)
}

struct BitWriter {
    bytes: Vec<u8>,
    len: u64,
}

impl BitWriter {
    fn push(&mut self, bit: bool) {
        if self.len.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if bit {
            let last = self.bytes.len() - 1;
            self.bytes[last] |= 0x80 >> (self.len % 8);
        }
        self.len += 1;
    }

    fn push_with_pending(&mut self, bit: bool, pending: &mut u64) {
        self.push(bit);
        for _ in 0..*pending {
            self.push(!bit);
        }
        *pending = 0;
    }
}

/// Narrows `[low, high]` to the sub-interval `[cum_lo, cum_hi)` of `2^48`.
#[inline]
fn narrow(low: u128, high: u128, cum_lo: u64, cum_hi: u64) -> (u128, u128) {
    let range = high - low + 1;
    let t = u128::from(TOTAL);
    (
        low + range * u128::from(cum_lo) / t,
        low + range * u128::from(cum_hi) / t - 1,
    )
}

/// Arithmetic-codes `sequence` (symbols indexing `p`) with a binary integer arithmetic coder.
///
/// The model is `p` with probabilities rounded to multiples of `2⁻⁴⁸` (every positive
/// probability stays positive); the coder keeps a 64-bit interval, renormalises by emitting
/// settled bits, and defers undecided bits across the midpoint (the "underflow" or
/// straddle case) as pending bits, as in Witten, Neal & Cleary (1987). The code length is
/// within 2 bits of the ideal `−Σ log₂ p(x_t)` (plus a rounding loss below `10⁻⁴` bit per
/// symbol for probabilities above `2⁻³⁰`). [`arithmetic_decode`] inverts it.
///
/// # Errors
/// [`Error::Empty`] for an empty `sequence` or `p`; [`Error::NonFinite`],
/// [`Error::NegativeProbability`] or [`Error::NotNormalized`] for `p`;
/// [`Error::IndexOutOfRange`] for a symbol `≥ p.len()`; [`Error::OutOfRange`] (`"sequence"`)
/// for a symbol of probability 0 (its ideal length is `+∞`); [`Error::InvalidParameter`] for
/// more than 2²⁴ symbols.
///
/// # Examples
/// ```
/// use sanov::coding::{arithmetic_decode, arithmetic_encode};
/// let p = [0.7, 0.2, 0.1];
/// let x = [0, 0, 1, 0, 2, 0, 0, 1];
/// let code = arithmetic_encode(&x, &p)?;
/// assert_eq!(arithmetic_decode(&code, x.len(), &p)?, x);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// I. H. Witten, R. M. Neal & J. G. Cleary, "Arithmetic coding for data compression", Commun.
/// ACM 30 (1987) 520–540; Cover & Thomas, *Elements of Information Theory*, 2nd ed., §13.3.
pub fn arithmetic_encode(sequence: &[usize], p: &[f64]) -> Result<ArithmeticCode> {
    let cum = cumulative(p)?;
    check_sequence(sequence, p.len())?;
    if let Some(t) = sequence.iter().position(|&x| cum[x] == cum[x + 1]) {
        return Err(Error::OutOfRange {
            arg: "sequence",
            index: t,
            value: sequence[t] as f64,
            expected: "symbol has probability 0 and cannot be coded",
        });
    }
    let mut out = BitWriter {
        bytes: Vec::with_capacity(sequence.len() / 8 + 16),
        len: 0,
    };
    let (mut low, mut high) = (0u128, TOP);
    let mut pending = 0u64;
    for &x in sequence {
        (low, high) = narrow(low, high, cum[x], cum[x + 1]);
        loop {
            if high < HALF {
                out.push_with_pending(false, &mut pending);
            } else if low >= HALF {
                out.push_with_pending(true, &mut pending);
                low -= HALF;
                high -= HALF;
            } else if low >= QUARTER && high < HALF + QUARTER {
                pending += 1;
                low -= QUARTER;
                high -= QUARTER;
            } else {
                break;
            }
            low <<= 1;
            high = (high << 1) | 1;
        }
    }
    // Two more bits select a quarter inside [low, high].
    pending += 1;
    out.push_with_pending(low >= QUARTER, &mut pending);
    Ok(ArithmeticCode {
        bytes: out.bytes,
        bit_len: out.len,
    })
}

/// Decodes `len` symbols from an [`arithmetic_encode`] code under the same `p`.
///
/// # Errors
/// As [`arithmetic_encode`] for `p`; [`Error::Empty`] if `len` is 0; [`Error::TooLarge`] if `len`
/// symbols cannot be allocated.
///
/// # Examples
/// See [`arithmetic_encode`].
///
/// # References
/// Witten, Neal & Cleary (1987).
pub fn arithmetic_decode(code: &ArithmeticCode, len: usize, p: &[f64]) -> Result<Vec<usize>> {
    let cum = cumulative(p)?;
    if len == 0 {
        return Err(Error::Empty { arg: "len" });
    }
    let mut next = 0u64;
    let mut bit = || {
        let b = next < code.bit_len
            && code
                .bytes
                .get((next / 8) as usize)
                .is_some_and(|&byte| byte & (0x80 >> (next % 8)) != 0);
        next += 1;
        u128::from(b)
    };
    let mut value = 0u128;
    for _ in 0..STATE_BITS {
        value = (value << 1) | bit();
    }
    let (mut low, mut high) = (0u128, TOP);
    let t = u128::from(TOTAL);
    let mut out = crate::alloc::vec_with_capacity("length", len)?;
    for _ in 0..len {
        let range = high - low + 1;
        let target = (((value - low + 1) * t - 1) / range) as u64;
        let s = cum.partition_point(|&c| c <= target) - 1;
        out.push(s);
        (low, high) = narrow(low, high, cum[s], cum[s + 1]);
        loop {
            if high < HALF {
            } else if low >= HALF {
                low -= HALF;
                high -= HALF;
                value -= HALF;
            } else if low >= QUARTER && high < HALF + QUARTER {
                low -= QUARTER;
                high -= QUARTER;
                value -= QUARTER;
            } else {
                break;
            }
            low <<= 1;
            high = (high << 1) | 1;
            value = (value << 1) | bit();
        }
    }
    Ok(out)
}

/// The length in bits of the [`arithmetic_encode`] code of `sequence` under `p`.
///
/// $$ -\sum_t \log_2 p(x_t) \;\lesssim\; \ell_{\text{arith}} \;\le\; -\sum_t \log_2 p(x_t) + 2 $$
///
/// (up to the rounding of `p` to multiples of `2⁻⁴⁸`; compare [`super::ideal_code_length`]).
///
/// # Errors
/// As [`arithmetic_encode`].
///
/// # Examples
/// ```
/// use sanov::coding::{arithmetic_code_length, ideal_code_length};
/// let p = [0.5, 0.25, 0.25];
/// let x: Vec<usize> = (0..1000).map(|t| [0, 1, 0, 2][t % 4]).collect();
/// let bits = arithmetic_code_length(&x, &p)? as f64;
/// let ideal = ideal_code_length(&x, &p)?; // 1500 bits
/// assert!(bits >= ideal && bits <= ideal + 2.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Witten, Neal & Cleary (1987); Cover & Thomas, *Elements of Information Theory*, 2nd ed.,
/// §13.3.
pub fn arithmetic_code_length(sequence: &[usize], p: &[f64]) -> Result<u64> {
    Ok(arithmetic_encode(sequence, p)?.bit_len)
}
