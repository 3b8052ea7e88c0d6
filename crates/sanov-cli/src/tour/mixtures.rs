//! Tour section: the KL divergence between diagonal Gaussians and Gaussian mixtures (issue #22,
//! helper `mixtures`).

use ndarray::array;
use sanov::families::{diag_gaussian_kl, GaussianMixture};
use sanov::Par;

use super::{sec, Line, Section};

/// `KL(N((1, 0), diag(1, 2)) ‖ N((0, 1), diag(4, 1)))`, whose closed form is `3/4 + ½ ln 2`;
/// the entropy of two far-apart equal components, `ln 2 + ½ ln(2πe)` (the mixture's entropy is
/// the weights' entropy plus the components' when they do not overlap), by quadrature; the
/// Kolchinsky–Tracey bounds of one component, which are its entropy; and the Hershey–Olsen
/// approximation of one component each, which is their KL, `ln 2 − 3/8`.
pub(super) fn mixtures_section() -> sanov::Result<Section> {
    let mu1 = array![[1.0f64, 0.0]];
    let lv1 = array![[0.0f64, 2f64.ln()]];
    let mu2 = array![[0.0f64, 1.0]];
    let lv2 = array![[4f64.ln(), 0.0]];
    let kl = diag_gaussian_kl(mu1.view(), lv1.view(), mu2.view(), lv2.view(), Par::Seq)?;
    let far = GaussianMixture::univariate(&[0.5, 0.5], &[-50.0, 50.0], &[1.0, 1.0])?;
    let one = GaussianMixture::univariate(&[1.0], &[0.0], &[1.0])?;
    let wide = GaussianMixture::univariate(&[1.0], &[0.0], &[2.0])?;
    let bounds = one.entropy_bounds()?;
    Ok(sec(
        "Diagonal Gaussians and Gaussian mixtures",
        vec![
            Line::new(
                "KL(N((1,0), diag(1,2)) || N((0,1), diag(4,1))) = 3/4 + ln(2)/2",
                kl.per_row[0],
                "1.097",
                "nats",
            ),
            Line::new(
                "h(N(-50,1)/2 + N(50,1)/2) by quadrature = ln 2 + ln(2 pi e)/2",
                far.differential_entropy()?,
                "2.112",
                "nats",
            ),
            Line::new(
                "Kolchinsky-Tracey lower bound of one N(0,1) = ln(2 pi e)/2",
                bounds.lower,
                "1.419",
                "nats",
            ),
            Line::new(
                "Kolchinsky-Tracey upper bound of one N(0,1) = ln(2 pi e)/2",
                bounds.upper,
                "1.419",
                "nats",
            ),
            Line::new(
                "Hershey-Olsen KL(N(0,1) || N(0,4)) = ln 2 - 3/8",
                one.kl_divergence_variational(&wide)?,
                "0.318",
                "nats",
            ),
        ],
    ))
}
