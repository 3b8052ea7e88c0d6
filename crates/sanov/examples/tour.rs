//! The worked examples of information theory for machine learning, computed live next to their
//! textbook values. Run with `cargo run --release -p sanov --example tour`.
//!
//! (The `sanov tour` command of the CLI will grow out of this.)

use ndarray::array;
use sanov::channels::awgn_capacity;
use sanov::divergences::{js_divergence, kl_divergence};
use sanov::families::Normal;
use sanov::losses::cross_entropy_loss;
use sanov::measures::{binary_entropy, entropy, surprisal};
use sanov::multivariate::{
    conditional_entropy, gaussian_mutual_information, gaussian_mutual_information_cov,
    joint_entropy, mutual_information, Joint,
};
use sanov::{Base, Result};

struct Row {
    quantity: &'static str,
    computed: f64,
    textbook: f64,
    unit: &'static str,
    /// Number of decimals the textbook value is quoted to.
    digits: i32,
}

impl Row {
    fn ok(&self) -> bool {
        (self.computed - self.textbook).abs() <= 0.5 * 10f64.powi(-self.digits) * 1.000_001
    }
}

fn main() -> Result<()> {
    let bits = Base::Bits;
    let nats = Base::Nats;
    let q3 = [0.7, 0.2, 0.1];
    // Cover & Thomas, Example 2.2.1: a 4×4 joint table (rows X, columns Y).
    let table = Joint::new(
        array![
            [1.0 / 8.0, 1.0 / 16.0, 1.0 / 32.0, 1.0 / 32.0],
            [1.0 / 16.0, 1.0 / 8.0, 1.0 / 32.0, 1.0 / 32.0],
            [1.0 / 16.0, 1.0 / 16.0, 1.0 / 16.0, 1.0 / 16.0],
            [1.0 / 4.0, 0.0, 0.0, 0.0]
        ]
        .into_dyn(),
    )?;
    // A fair bit through a binary symmetric channel with crossover 0.1.
    let noisy = Joint::new(array![[0.45, 0.05], [0.05, 0.45]].into_dyn())?;
    let n01 = Normal::new(0.0, 1.0)?;
    let n02 = Normal::new(0.0, 2.0)?;
    let rows = [
        Row {
            quantity: "H(fair coin)",
            computed: entropy(&[0.5, 0.5], bits)?,
            textbook: 1.0,
            unit: "bits",
            digits: 3,
        },
        Row {
            quantity: "h(0.1), a biased coin",
            computed: binary_entropy(0.1, bits)?,
            textbook: 0.469,
            unit: "bits",
            digits: 3,
        },
        Row {
            quantity: "h(0.3)",
            computed: binary_entropy(0.3, bits)?,
            textbook: 0.881,
            unit: "bits",
            digits: 3,
        },
        Row {
            quantity: "surprisal of 1/50000 (one word of 50 000)",
            computed: surprisal(1.0 / 50_000.0, bits)?,
            textbook: 15.61,
            unit: "bits",
            digits: 2,
        },
        Row {
            quantity: "H(uniform over 50 000 words)",
            computed: entropy(&vec![1.0 / 50_000.0; 50_000], bits)?,
            textbook: 15.61,
            unit: "bits",
            digits: 2,
        },
        Row {
            quantity: "CE loss, q=[.7,.2,.1], target 0",
            computed: cross_entropy_loss(&q3, 0, bits)?,
            textbook: 0.51,
            unit: "bits",
            digits: 2,
        },
        Row {
            quantity: "CE loss, q=[.4,.3,.3], target 0",
            computed: cross_entropy_loss(&[0.4, 0.3, 0.3], 0, bits)?,
            textbook: 1.32,
            unit: "bits",
            digits: 2,
        },
        Row {
            quantity: "CE loss, q=[.7,.2,.1], target 2",
            computed: cross_entropy_loss(&q3, 2, bits)?,
            textbook: 3.32,
            unit: "bits",
            digits: 2,
        },
        Row {
            quantity: "CE loss, q=[.9,.05,.05], target 1",
            computed: cross_entropy_loss(&[0.9, 0.05, 0.05], 1, bits)?,
            textbook: 4.32,
            unit: "bits",
            digits: 2,
        },
        Row {
            quantity: "KL([.4,.4,.2] || [.33,.33,.34]) (often misprinted 0.0268)",
            computed: kl_divergence(&[0.4, 0.4, 0.2], &[0.33, 0.33, 0.34], nats)?,
            textbook: 0.0477719,
            unit: "nats",
            digits: 7,
        },
        Row {
            quantity: "JSD([.5,.5], [.9,.1]) (often misprinted 0.278)",
            computed: js_divergence(&[0.5, 0.5], &[0.9, 0.1], nats)?,
            textbook: 0.101749,
            unit: "nats",
            digits: 6,
        },
        Row {
            quantity: "4×4 table: I(X;Y)",
            computed: mutual_information(&table, &[0], &[1], bits)?,
            textbook: 0.375,
            unit: "bits",
            digits: 3,
        },
        Row {
            quantity: "4×4 table: H(X|Y)",
            computed: conditional_entropy(&table, &[0], &[1], bits)?,
            textbook: 1.625,
            unit: "bits",
            digits: 3,
        },
        Row {
            quantity: "noisy channel: H(X,Y) = H(X) + H(Y|X)",
            computed: joint_entropy(&noisy, bits)?,
            textbook: 1.469,
            unit: "bits",
            digits: 3,
        },
        Row {
            quantity: "KL(N(0,1) || N(0,σ=2)) (often misprinted 0.443)",
            computed: n01.kl_divergence(&n02),
            textbook: 0.318147,
            unit: "nats",
            digits: 6,
        },
        Row {
            quantity: "KL(N(0,σ=2) || N(0,1)) (often misprinted 1.386)",
            computed: n02.kl_divergence(&n01),
            textbook: 0.806853,
            unit: "nats",
            digits: 6,
        },
        Row {
            quantity: "AWGN capacity at SNR = 3",
            computed: awgn_capacity(3.0, bits)?,
            textbook: 1.0,
            unit: "bits/use",
            digits: 3,
        },
        Row {
            quantity: "Gaussian MI, rho = 0.9",
            computed: gaussian_mutual_information(0.9, bits)?,
            textbook: 1.198,
            unit: "bits",
            digits: 3,
        },
        Row {
            quantity: "Gaussian MI from a covariance, rho = 0.9",
            computed: gaussian_mutual_information_cov(
                array![[1.0, 0.9], [0.9, 1.0]].view(),
                &[0],
                &[1],
                bits,
            )?,
            textbook: 1.198,
            unit: "bits",
            digits: 3,
        },
    ];
    println!(
        "{:<62} {:>14} {:>12}  {:<9}",
        "quantity", "computed", "textbook", "unit"
    );
    let mut failed = 0;
    for r in &rows {
        let mark = if r.ok() { "✓" } else { "✗" };
        failed += usize::from(!r.ok());
        println!(
            "{:<62} {:>14.9} {:>12} {:<9} {mark}",
            r.quantity,
            r.computed,
            format!("{:.*}", r.digits as usize, r.textbook),
            r.unit
        );
    }
    println!(
        "\n{} of {} worked examples agree with the textbook value.",
        rows.len() - failed,
        rows.len()
    );
    if failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}
