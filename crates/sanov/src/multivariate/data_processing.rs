use super::information::mutual_information;
use super::joint::Joint;
use crate::error::{Error, Result};
use crate::units::Base;
use crate::validate::check_probability_vector;
use ndarray::{Array2, ArrayView2};

/// Rounding slack allowed when checking `I(X; Z) ≤ I(X; Y)`: relative to `max(1, I(X; Y))`.
pub const DPI_TOLERANCE: f64 = 1e-12;

/// The two sides of the data processing inequality for a Markov chain `X → Y → Z`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DataProcessing {
    /// `I(X; Y)`, in the requested base.
    pub i_xy: f64,
    /// `I(X; Z)`, in the requested base.
    pub i_xz: f64,
    /// Whether `I(X; Z) ≤ I(X; Y)` within [`DPI_TOLERANCE`] (always true for a valid chain; a
    /// `false` would reveal a numerical problem).
    pub holds: bool,
}

fn check_channel(arg: &'static str, w: &ArrayView2<'_, f64>, rows: usize) -> Result<()> {
    if w.nrows() != rows || w.ncols() == 0 {
        return Err(Error::ShapeMismatch {
            arg,
            expected: vec![rows, w.ncols().max(1)],
            found: w.shape().to_vec(),
        });
    }
    for (r, row) in w.rows().into_iter().enumerate() {
        let row = row.to_vec();
        check_probability_vector(arg, &row).map_err(|e| e.in_row(r, w.ncols()))?;
    }
    Ok(())
}

/// Checks the data processing inequality on the Markov chain `X → Y → Z` given by the input
/// distribution `px` and the channels `channel_xy[x][y] = P(Y=y | X=x)` and
/// `channel_yz[y][z] = P(Z=z | Y=y)`.
///
/// $$ X \to Y \to Z \implies I(X; Z) \le I(X; Y) $$
///
/// # Errors
/// The errors of [`crate::measures::entropy`] for `px` and for each channel row (with `row`
/// set); [`Error::ShapeMismatch`] unless `channel_xy` has `px.len()` rows and `channel_yz` has
/// one row per column of `channel_xy`.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::multivariate::data_processing_check;
/// use sanov::Base;
/// let bsc = |e: f64| array![[1.0 - e, e], [e, 1.0 - e]];
/// let r = data_processing_check(&[0.5, 0.5], bsc(0.1).view(), bsc(0.2).view(), Base::Bits)?;
/// assert!(r.holds && r.i_xz < r.i_xy);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., Theorem 2.8.1.
pub fn data_processing_check(
    px: &[f64],
    channel_xy: ArrayView2<'_, f64>,
    channel_yz: ArrayView2<'_, f64>,
    base: Base,
) -> Result<DataProcessing> {
    check_probability_vector("px", px)?;
    check_channel("channel_xy", &channel_xy, px.len())?;
    check_channel("channel_yz", &channel_yz, channel_xy.ncols())?;
    let pxy = Array2::from_shape_fn(channel_xy.dim(), |(x, y)| px[x] * channel_xy[[x, y]]);
    let pxz = pxy.dot(&channel_yz);
    let i_xy = mutual_information(&Joint::new(pxy.into_dyn())?, &[0], &[1], base)?;
    let i_xz = mutual_information(&Joint::new(pxz.into_dyn())?, &[0], &[1], base)?;
    Ok(DataProcessing {
        i_xy,
        i_xz,
        holds: i_xz <= i_xy + DPI_TOLERANCE * i_xy.max(1.0),
    })
}
