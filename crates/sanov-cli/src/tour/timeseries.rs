//! Tour section: transfer entropy and active information storage of binary Markov chains,
//! computed by the plug-in estimators on periodic series whose periods hold every transition
//! with exactly its chain probability, so the estimate over whole periods is the closed form
//! (reference: `scripts/reference/tour_timeseries.py`).

use ndarray::Array2;

use sanov::estimators::DiscreteEstimator;
use sanov::timeseries::{active_information_storage, transfer_entropy, TeParams};
use sanov::Base;

use super::{sec, Line, Section};

/// The flips of the target: period 16, four 1s, placed so that over one period the triples
/// `(x_t, y_{t−1}, x_{t−1})` have exactly the chain's frequencies.
const FLIPS: [i64; 16] = [1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0];
/// Whole periods in each series.
const PERIODS: usize = 64;

/// Tour section: Transfer entropy and information storage.
pub(super) fn timeseries_section() -> sanov::Result<Section> {
    let bits = Base::Bits;
    let plug_in = DiscreteEstimator::PlugIn;
    // y: period 4 (0, 0, 1, 1); x_t = y_{t−1} XOR flip_t: x copies y with flips w.p. 1/4.
    let n = 16 * PERIODS + 1;
    let y4 = |t: usize| i64::from(t % 4 >= 2);
    let y = Array2::from_shape_fn((n, 1), |(t, _)| y4(t));
    let x = Array2::from_shape_fn((n, 1), |(t, _)| y4((t + 3) % 4) ^ FLIPS[t % 16]);
    let te = transfer_entropy(y.view(), x.view(), &TeParams::default(), &plug_in, bits)?;
    // A binary chain of period 12, six 0s then six 1s: a flip in every 6 steps.
    let s = Array2::from_shape_fn((12 * PERIODS + 1, 1), |(t, _)| i64::from(t % 12 >= 6));
    let ais = active_information_storage(s.view(), 1, &plug_in, bits)?;
    Ok(sec(
        "Transfer entropy and information storage (binary Markov chains)",
        vec![
            Line::new(
                "TE(Y→X) = 1 − h(1/4), x copies y with flips w.p. 1/4",
                te,
                "0.1887",
                "bits",
            ),
            Line::new(
                "AIS A_X(1) = 1 − h(1/6), binary chain flipping w.p. 1/6",
                ais,
                "0.3500",
                "bits",
            ),
        ],
    ))
}
