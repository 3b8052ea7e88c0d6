//! Minimum description length: the NML parametric complexity of the multinomial, NML and
//! two-part code lengths, and bits per byte / per character of a language model.

use crate::error::{Error, Result};
use crate::special::ln_gamma;
use crate::sum::Neumaier;
use crate::units::Base;

/// Largest sample size accepted by [`nml_parametric_complexity`] (the `C(2, n)` sum costs `O(n)`).
pub const NML_MAX_N: u64 = 100_000_000;

fn check_n(n: u64) -> Result<()> {
    if n > NML_MAX_N {
        return Err(Error::InvalidParameter {
            name: "n",
            value: n as f64,
            expected: "must be <= 1e8",
        });
    }
    Ok(())
}

/// `ln C(2, n)` by a log-sum-exp of the terms `binom(n, h) (h/n)^h ((n−h)/n)^(n−h)`.
fn ln_c2(n: u64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let nf = n as f64;
    let lg_n = ln_gamma(nf + 1.0);
    let ln_n = nf.ln();
    let xlogx = |x: f64| if x == 0.0 { 0.0 } else { x * (x.ln() - ln_n) };
    let log_term = |h: u64| {
        let (a, b) = (h as f64, (n - h) as f64);
        lg_n - ln_gamma(a + 1.0) - ln_gamma(b + 1.0) + xlogx(a) + xlogx(b)
    };
    // The terms are largest at h = 0 and h = n (value 1): scale by exp(0).
    let mut s = Neumaier::default();
    for h in 0..=n {
        s.add(log_term(h).exp());
    }
    s.total().ln()
}

/// The NML parametric complexity of the `k`-category multinomial at sample size `n`, as
/// `log C(k, n)` in `base`.
///
/// $$ C(k, n) = \sum_{x^n} P_{\hat\theta(x^n)}(x^n)
///   = \sum_{h_1+\dots+h_k=n} \binom{n}{h_1,\dots,h_k} \prod_j \left(\frac{h_j}{n}\right)^{h_j} $$
///
/// computed by the linear-time recurrence of Kontkanen & Myllymäki (2007):
/// `C(1, n) = 1`, `C(2, n) = Σ_h binom(n, h) (h/n)^h ((n−h)/n)^(n−h)` and
/// `C(k+2, n) = C(k+1, n) + (n/k) C(k, n)`. For numerical soundness at large `n` and `k`
/// the recurrence runs on the ratios `r_k = C(k, n)/C(k−1, n)`, `r_{k+2} = 1 + (n/k)/r_{k+1}`
/// (all terms positive, no overflow), and `ln C(2, n)` is a compensated sum of terms each
/// computed in the log domain (`0⁰ = 1`). `C(k, 0) = 1` (one empty sequence).
///
/// Range and accuracy: `n ≤` [`NML_MAX_N`] (`O(n + k)` time); the absolute error of
/// `ln C` grows like `n ln n · ε` through `ln Γ` (about `1e-9` at `n = 1e6`) and is below
/// `1e-12` for `n ≤ 1000`.
///
/// # Errors
/// [`Error::InvalidParameter`] for `k = 0` or `n > NML_MAX_N`.
///
/// # Examples
/// ```
/// use sanov::coding::nml_parametric_complexity;
/// use sanov::Base;
/// // C(2, 2) = 1 + 2·(1/2)(1/2) + 1 = 5/2.
/// let c = nml_parametric_complexity(2, 2, Base::Nats)?.exp();
/// assert!((c - 2.5).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// P. Kontkanen & P. Myllymäki, "A linear-time algorithm for computing the multinomial
/// stochastic complexity", Information Processing Letters 103 (2007) 227–233;
/// J. Rissanen, "Fisher information and stochastic complexity", IEEE Trans. IT 42 (1996).
pub fn nml_parametric_complexity(k: usize, n: u64, base: Base) -> Result<f64> {
    if k == 0 {
        return Err(Error::InvalidParameter {
            name: "k",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    check_n(n)?;
    if k == 1 || n == 0 {
        return Ok(0.0);
    }
    let ln_c2 = ln_c2(n);
    let mut ln_c = Neumaier::default();
    ln_c.add(ln_c2);
    // r = C(j, n)/C(j−1, n), starting with r_2 = C(2, n)/C(1, n).
    let mut r = ln_c2.exp();
    let nf = n as f64;
    for j in 1..=(k - 2) {
        // r_{j+2} = 1 + (n/j) / r_{j+1}
        r = 1.0 + (nf / j as f64) / r;
        ln_c.add(r.ln());
    }
    Ok(base.from_nats(ln_c.total()))
}

/// The NML (normalised maximum likelihood) code length of a sample with category counts
/// `counts`, in `base`.
///
/// $$ L_{\mathrm{NML}}(x^n) = -\log P_{\hat\theta(x^n)}(x^n) + \log C(k, n)
///   = -\sum_j h_j \log\frac{h_j}{n} + \log C(k, n) $$
///
/// with `k = counts.len()`, `n = Σ h_j` and `0 log 0 = 0`.
///
/// # Errors
/// [`Error::Empty`] for no categories; otherwise as [`nml_parametric_complexity`].
///
/// # Examples
/// ```
/// use sanov::coding::nml_code_length;
/// use sanov::Base;
/// // x = (0, 1): −log₂(1/2 · 1/2) = 2 bits, plus log₂ C(2, 2) = log₂ 2.5.
/// let l = nml_code_length(&[1, 1], Base::Bits)?;
/// assert!((l - (2.0 + 2.5f64.log2())).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// J. Rissanen (1996); Kontkanen & Myllymäki (2007); P. D. Grünwald, *The Minimum Description
/// Length Principle* (2007), ch. 7.
pub fn nml_code_length(counts: &[u64], base: Base) -> Result<f64> {
    if counts.is_empty() {
        return Err(Error::Empty { arg: "counts" });
    }
    let n: u64 = counts
        .iter()
        .try_fold(0u64, |a, &c| a.checked_add(c))
        .ok_or(Error::InvalidParameter {
            name: "n",
            value: f64::INFINITY,
            expected: "must be <= 1e8",
        })?;
    let ln_c = nml_parametric_complexity(counts.len(), n, Base::Nats)?;
    let mut s = Neumaier::default();
    if n > 0 {
        let nf = n as f64;
        for &h in counts.iter().filter(|&&h| h > 0) {
            let hf = h as f64;
            s.add(-hf * (hf / nf).ln());
        }
    }
    s.add(ln_c);
    Ok(base.from_nats(s.total()))
}

/// The two-part (Rissanen 1978) code length of a model with `k` free parameters fitted to
/// `n` observations, in `base`.
///
/// $$ L_{2p} = -\ln P_{\hat\theta}(x^n) + \frac{k}{2}\ln n $$
///
/// `neg_log_likelihood` is the data code length `−ln P_θ̂(x^n)` **in nats**; the parameter
/// cost `(k/2) ln n` is the asymptotic cost of encoding each parameter to precision `1/√n`.
/// The result is converted to `base`.
///
/// # Errors
/// [`Error::InvalidParameter`] for a negative or non-finite `neg_log_likelihood` or `n = 0`.
///
/// # Examples
/// ```
/// use sanov::coding::two_part_code_length;
/// use sanov::Base;
/// let l = two_part_code_length(10.0, 2, 100, Base::Nats)?;
/// assert!((l - (10.0 + 100f64.ln())).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// J. Rissanen, "Modeling by shortest data description", Automatica 14 (1978) 465–471;
/// Grünwald (2007), §5.
pub fn two_part_code_length(neg_log_likelihood: f64, k: usize, n: u64, base: Base) -> Result<f64> {
    if !neg_log_likelihood.is_finite() || neg_log_likelihood < 0.0 {
        return Err(Error::InvalidParameter {
            name: "neg_log_likelihood",
            value: neg_log_likelihood,
            expected: "must be finite and >= 0",
        });
    }
    if n == 0 {
        return Err(Error::InvalidParameter {
            name: "n",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    let nats = neg_log_likelihood + 0.5 * k as f64 * (n as f64).ln();
    Ok(base.from_nats(nats))
}

fn per_unit_bits(total_nats: f64, count: u64, name: &'static str) -> Result<f64> {
    if !total_nats.is_finite() || total_nats < 0.0 {
        return Err(Error::InvalidParameter {
            name: "total_nats",
            value: total_nats,
            expected: "must be finite and >= 0",
        });
    }
    if count == 0 {
        return Err(Error::InvalidParameter {
            name,
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    Ok(total_nats / (core::f64::consts::LN_2 * count as f64))
}

/// Bits per byte of a language model: its total negative log-likelihood over a text,
/// `total_nats`, divided by `ln 2 · n_bytes` (the text's UTF-8 length).
///
/// $$ \mathrm{bpb} = \frac{\text{total\_nats}}{\ln 2 \cdot n_{\text{bytes}}} $$
///
/// # Errors
/// [`Error::InvalidParameter`] for negative or non-finite `total_nats` or `n_bytes = 0`.
///
/// # Examples
/// ```
/// use sanov::coding::bits_per_byte;
/// let bpb = bits_per_byte(2.0f64.ln() * 8.0, 4)?;
/// assert!((bpb - 2.0).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// L. Gao et al., "The Pile" (2020), §4 (bits per UTF-8 byte).
pub fn bits_per_byte(total_nats: f64, n_bytes: u64) -> Result<f64> {
    per_unit_bits(total_nats, n_bytes, "n_bytes")
}

/// Bits per character: `total_nats / (ln 2 · n_chars)`, as [`bits_per_byte`] with the number
/// of characters (Unicode scalar values) in place of bytes.
///
/// # Errors
/// [`Error::InvalidParameter`] for negative or non-finite `total_nats` or `n_chars = 0`.
///
/// # Examples
/// ```
/// use sanov::coding::bits_per_character;
/// assert!((bits_per_character(2.0f64.ln() * 3.0, 3)? - 1.0).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// A. Graves, "Generating sequences with recurrent neural networks" (2013), §3 (bits per
/// character).
pub fn bits_per_character(total_nats: f64, n_chars: u64) -> Result<f64> {
    per_unit_bits(total_nats, n_chars, "n_chars")
}
