//! Tour section: the KL divergence between diagonal Gaussians (issue #22, helper `mixtures`).

use ndarray::array;
use sanov::families::diag_gaussian_kl;
use sanov::Par;

use super::{sec, Line, Section};

/// `KL(N((1, 0), diag(1, 2)) ‖ N((0, 1), diag(4, 1)))`, whose closed form is `3/4 + ½ ln 2`.
pub(super) fn mixtures_section() -> sanov::Result<Section> {
    let mu1 = array![[1.0f64, 0.0]];
    let lv1 = array![[0.0f64, 2f64.ln()]];
    let mu2 = array![[0.0f64, 1.0]];
    let lv2 = array![[4f64.ln(), 0.0]];
    let kl = diag_gaussian_kl(mu1.view(), lv1.view(), mu2.view(), lv2.view(), Par::Seq)?;
    Ok(sec(
        "Diagonal Gaussians",
        vec![Line::new(
            "KL(N((1,0), diag(1,2)) || N((0,1), diag(4,1))) = 3/4 + ln(2)/2",
            kl.per_row[0],
            "1.097",
            "nats",
        )],
    ))
}
