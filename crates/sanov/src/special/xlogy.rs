/// `x · ln y` with the convention `0 · ln y = 0` for every `y` (including 0), as
/// `scipy.special.xlogy`.
///
/// $$ \operatorname{xlogy}(x, y) = \begin{cases} 0 & x = 0 \\ x \ln y & \text{otherwise} \end{cases} $$
///
/// NaN in either argument gives NaN.
///
/// # Examples
/// ```
/// use sanov::special::xlogy;
/// assert_eq!(xlogy(0.0, 0.0), 0.0);
/// assert_eq!(xlogy(2.0, 1.0), 0.0);
/// assert_eq!(xlogy(1.0, 0.0), f64::NEG_INFINITY);
/// ```
#[inline]
pub fn xlogy(x: f64, y: f64) -> f64 {
    if x == 0.0 && !y.is_nan() {
        0.0
    } else {
        x * y.ln()
    }
}

/// `x · ln x` with `0 · ln 0 = 0`.
///
/// # Examples
/// ```
/// use sanov::special::xlogx;
/// assert_eq!(xlogx(0.0), 0.0);
/// assert_eq!(xlogx(1.0), 0.0);
/// ```
#[inline]
pub fn xlogx(x: f64) -> f64 {
    xlogy(x, x)
}
