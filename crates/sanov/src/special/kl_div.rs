//! Terms of a KL divergence written as sums of non-negative parts, for arguments close together.

/// `t − ln(1 + t)` for `t > −1`, accurate for small `|t|` (where it is `≈ t²/2`).
///
/// This is the common core of the KL divergences of scale families:
/// `r − 1 − ln r` with `t = r − 1`.
pub(crate) fn r_minus_ln_1p(t: f64) -> f64 {
    if t.abs() < 0.5 {
        // Σ_{k≥2} (−1)^k t^k / k, summed until negligible: no cancellation.
        let mut term = t * t;
        let mut s = 0.0;
        let mut k = 2.0;
        loop {
            let add = term / k;
            s += add;
            if add.abs() <= 1e-17 * s.abs() {
                return s;
            }
            term *= -t;
            k += 1.0;
        }
    }
    t - t.ln_1p()
}

/// `x ln(x/y) − x + y` for `x, y ≥ 0` (SciPy's `scipy.special.kl_div`), with `0 ln(0/y) = 0` and
/// `+∞` for `x > 0 = y`. Never negative: near `y = x` it is `x · (u − ln(1 + u))` with
/// `u = (y − x)/x` by [`r_minus_ln_1p`], so that the `−x + y` part does not cancel against the
/// logarithm. A sum of these over two distributions of equal mass is their KL divergence written
/// as a sum of non-negative terms.
pub(crate) fn kl_div(x: f64, y: f64) -> f64 {
    kl_div_step(x, y, y - x)
}

/// [`kl_div`] with the step `d = y − x` given by the caller, for when `d` is known more exactly
/// than the difference of the rounded `y` and `x` (as `p − q` for the complements `1 − q`, `1 − p`).
pub(crate) fn kl_div_step(x: f64, y: f64, d: f64) -> f64 {
    if x == 0.0 {
        return y;
    }
    if y == 0.0 {
        return f64::INFINITY;
    }
    let u = d / x;
    if u.abs() < 0.25 {
        x * r_minus_ln_1p(u)
    } else {
        let r = x / y;
        let ln_r = if r.is_normal() {
            r.ln()
        } else {
            x.ln() - y.ln()
        };
        x * ln_r + d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_direct_form_away_from_the_diagonal_and_is_never_negative() {
        for &(x, y) in &[
            (0.5_f64, 0.25_f64),
            (0.1, 0.9),
            (1e-300, 1.0),
            (1.0, 1e-300),
            (0.3, 0.3),
        ] {
            let direct = x * (x / y).ln() - x + y;
            assert!(
                (kl_div(x, y) - direct).abs() <= 1e-15 * direct.abs().max(1.0),
                "{x} {y}"
            );
        }
        assert_eq!(kl_div(0.0, 0.5), 0.5);
        assert_eq!(kl_div(0.5, 0.0), f64::INFINITY);
        // One ulp apart: x u²/2 with u = 2^-52 / 0.7, not a rounding error of either sign.
        let (x, y) = (0.7, 0.7 + f64::EPSILON * 0.5);
        let u = (y - x) / x;
        assert!((kl_div(x, y) / (x * u * u / 2.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn series_matches_the_direct_form_where_both_are_accurate() {
        for &r in &[0.2, -0.2, 0.1, -0.249] {
            let direct = r - f64::ln_1p(r);
            assert!((r_minus_ln_1p(r) - direct).abs() <= 1e-14 * direct, "{r}");
        }
    }
}
