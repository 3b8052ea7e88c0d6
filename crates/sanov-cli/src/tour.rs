//! `sanov tour`: the worked examples of information theory for machine learning, each computed
//! live by sanov next to its textbook value, ending with Figure 1 of the primer.
//!
//! A textbook value is written as it is quoted ("0.469"); the check passes when the computed
//! value rounds to it: `|computed − textbook| ≤ ½·10^(−decimals)` (with the exponent for
//! values quoted in scientific notation). Values marked as corrections are those
//! docs/definitions.md lists under "Reference values": the common printed values (or claims)
//! are wrong. Every line is also checked against an independent value in
//! `tests/data/tour/*.csv` (`tests/tour_reference.rs`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use ndarray::{array, Array3};
use serde_json::{json, Value};

use sanov::channels::{
    awgn_capacity, binary_erasure, binary_symmetric, channel_capacity, CapacityOptions,
};
use sanov::coding::huffman_code;
use sanov::divergences::{js_divergence, kl_divergence};
use sanov::families::{Bernoulli, Normal, Poisson};
use sanov::geometry::{fisher_information, fisher_rao_distance};
use sanov::losses::cross_entropy_loss;
use sanov::maxent::biased_die;
use sanov::measures::{binary_entropy, entropy, surprisal};
use sanov::multivariate::{
    co_information, conditional_entropy, conditional_mutual_information,
    gaussian_mutual_information, gaussian_mutual_information_cov, joint_entropy, marginal_entropy,
    mutual_information, Joint,
};
use sanov::Base;

mod timeseries;

use crate::cli::{Format, ImageFormat};
use crate::figure;

mod families_continuous;
mod mixtures;
use crate::output::num;

mod seeds;

mod codes;
mod families_discrete;
mod primer;

/// One checked quantity.
#[derive(Debug, Clone)]
pub struct Line {
    /// What is computed.
    pub quantity: String,
    /// sanov's value.
    pub computed: f64,
    /// The textbook value as quoted.
    pub textbook: &'static str,
    /// Its unit.
    pub unit: &'static str,
    /// A remark (e.g. the common misprint).
    pub note: Option<&'static str>,
}

impl Line {
    fn new(
        quantity: impl Into<String>,
        computed: f64,
        textbook: &'static str,
        unit: &'static str,
    ) -> Self {
        Self {
            quantity: quantity.into(),
            computed,
            textbook,
            unit,
            note: None,
        }
    }

    fn note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }

    /// The textbook value and the half-unit in its last quoted digit.
    pub fn reference(&self) -> (f64, f64) {
        let (mantissa, exp) = match self.textbook.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
            None => (self.textbook, 0),
        };
        let decimals = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i32;
        let value = self.textbook.parse::<f64>().unwrap_or(f64::NAN);
        (value, 0.5 * 10f64.powi(exp - decimals) * (1.0 + 1e-9))
    }

    /// Whether the computed value rounds to the textbook value.
    pub fn ok(&self) -> bool {
        let (v, tol) = self.reference();
        (self.computed - v).abs() <= tol
    }
}

/// A section of the tour.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its title.
    pub title: &'static str,
    /// The checked quantities.
    pub lines: Vec<Line>,
    /// Further remarks (a code table, where the figure went).
    pub notes: Vec<String>,
}

fn sec(title: &'static str, lines: Vec<Line>) -> Section {
    Section {
        title,
        lines,
        notes: Vec::new(),
    }
}

fn err(e: sanov::Error) -> anyhow::Error {
    anyhow!("tour: {e}")
}

/// Computes every section except the figure's, one function a section.
fn sections() -> sanov::Result<Vec<Section>> {
    Ok(vec![
        entropy_section()?,
        binary_entropy_section()?,
        losses_section()?,
        kl_section()?,
        joint_section()?,
        chain_rule_section()?,
        gaussian_section()?,
        maxent_section()?,
        capacity_section()?,
        huffman_section()?,
        fisher_section()?,
        timeseries::timeseries_section()?,
        mixtures::mixtures_section()?,
        seeds::seeds_section()?,
        primer::primer_section()?,
        codes::codes_section()?,
        families_continuous::families_continuous_section()?,
        families_discrete::families_discrete_section()?,
    ])
}

/// Tour section: Entropy and surprisal.
fn entropy_section() -> sanov::Result<Section> {
    let bits = Base::Bits;
    Ok(sec(
        "Entropy and surprisal",
        vec![
            Line::new("H(fair coin)", entropy(&[0.5, 0.5], bits)?, "1.000", "bits"),
            Line::new(
                "H(biased coin, P(heads) = 0.9)",
                entropy(&[0.9, 0.1], bits)?,
                "0.469",
                "bits",
            ),
            Line::new(
                "surprisal of heads, P = 0.9",
                surprisal(0.9, bits)?,
                "0.152",
                "bits",
            ),
            Line::new(
                "surprisal of tails, P = 0.1",
                surprisal(0.1, bits)?,
                "3.322",
                "bits",
            ),
            Line::new(
                "surprisal of one word of 50 000 (P = 1/50 000)",
                surprisal(1.0 / 50_000.0, bits)?,
                "15.61",
                "bits",
            ),
            Line::new(
                "H(uniform over a 50 000-word vocabulary)",
                entropy(&vec![1.0 / 50_000.0; 50_000], bits)?,
                "15.61",
                "bits",
            ),
        ],
    ))
}

/// Tour section: The binary entropy function.
fn binary_entropy_section() -> sanov::Result<Section> {
    let bits = Base::Bits;
    let mut table = Vec::new();
    for (p, t) in [
        (0.0, "0.000"),
        (0.1, "0.469"),
        (0.2, "0.722"),
        (0.3, "0.881"),
        (0.4, "0.971"),
        (0.5, "1.000"),
    ] {
        table.push(Line::new(
            format!("h({p:.1}) = h({:.1})", 1.0 - p),
            binary_entropy(p, bits)?,
            t,
            "bits",
        ));
    }
    Ok(sec(
        "Binary entropy h(p) = −p log p − (1−p) log(1−p)",
        table,
    ))
}

/// Tour section: Cross-entropy losses of a 3-class classifier: the source's table, with class 1
/// (index 0) the true class, and its misprint "halving the predicted probability doubles the loss".
fn losses_section() -> sanov::Result<Section> {
    let bits = Base::Bits;
    let mut lines = Vec::new();
    for (q, what, t) in [
        ([0.7, 0.2, 0.1], "confident, right", "0.51"),
        ([0.4, 0.4, 0.2], "unsure", "1.32"),
        ([0.1, 0.1, 0.8], "confident, wrong", "3.32"),
        ([0.05, 0.05, 0.9], "very confident, wrong", "4.32"),
        ([1.0, 0.0, 0.0], "certain, right", "0"),
    ] {
        lines.push(Line::new(
            format!("q = ({}, {}, {}), true class 1 ({what})", q[0], q[1], q[2]),
            cross_entropy_loss(&q, 0, bits)?,
            t,
            "bits",
        ));
    }
    let (l, l_half) = (
        cross_entropy_loss(&[0.7, 0.2, 0.1], 0, bits)?,
        cross_entropy_loss(&[0.35, 0.55, 0.1], 0, bits)?,
    );
    lines.push(Line::new(
        "q = (0.35, 0.55, 0.1), true class 1 (q₁ = 0.7 halved)",
        l_half,
        "1.51",
        "bits",
    ));
    lines.push(
        Line::new(
            "halving q₁ adds −log₂(p/2) − (−log₂ p) = 1 bit",
            l_half - l,
            "1.000",
            "bits",
        )
        .note("the often printed \"halving the predicted probability doubles the loss\" is wrong: it adds one bit"),
    );
    Ok(sec(
        "Cross-entropy loss −log q[true class] of a 3-class classifier",
        lines,
    ))
}

/// Tour section: KL asymmetry, with the corrected values.
fn kl_section() -> sanov::Result<Section> {
    let nats = Base::Nats;
    let p = [0.4, 0.4, 0.2];
    let q = [0.33, 0.33, 0.34];
    let n01 = Normal::new(0.0, 1.0)?;
    let n02 = Normal::new(0.0, 2.0)?;
    Ok(Section {
        title: "KL divergence is not symmetric (corrected values)",
        lines: vec![
            Line::new(
                "KL(P‖Q), P = [.4,.4,.2], Q = [.33,.33,.34]",
                kl_divergence(&p, &q, nats)?,
                "0.0477719",
                "nats",
            )
            .note("the often printed 0.0268 is wrong"),
            Line::new("KL(Q‖P)", kl_divergence(&q, &p, nats)?, "0.0534482", "nats"),
            Line::new(
                "JSD([.5,.5], [.9,.1])",
                js_divergence(&[0.5, 0.5], &[0.9, 0.1], nats)?,
                "0.101749",
                "nats",
            )
            .note("the often printed 0.278 is wrong"),
            Line::new(
                "KL(N(0,1) ‖ N(0,σ=2))",
                n01.kl_divergence(&n02),
                "0.318147",
                "nats",
            )
            .note("the often printed 0.443 is wrong"),
            Line::new(
                "KL(N(0,σ=2) ‖ N(0,1))",
                n02.kl_divergence(&n01),
                "0.806853",
                "nats",
            )
            .note("the often printed 1.386 is wrong"),
        ],
        notes: vec![
            "The textbook column holds the corrected values of docs/definitions.md (\"Reference values\"); \
             the values often printed in the source material are wrong."
                .into(),
        ],
    })
}

/// Tour section: The 4×4 joint table (Cover & Thomas, Example 2.2.1; rows X, columns Y).
fn joint_section() -> sanov::Result<Section> {
    let bits = Base::Bits;
    let t = Joint::new(
        array![
            [1.0 / 8.0, 1.0 / 16.0, 1.0 / 32.0, 1.0 / 32.0],
            [1.0 / 16.0, 1.0 / 8.0, 1.0 / 32.0, 1.0 / 32.0],
            [1.0 / 16.0, 1.0 / 16.0, 1.0 / 16.0, 1.0 / 16.0],
            [1.0 / 4.0, 0.0, 0.0, 0.0]
        ]
        .into_dyn(),
    )?;
    Ok(sec(
        "A 4×4 joint table (Cover & Thomas, Example 2.2.1)",
        vec![
            Line::new("H(X)", marginal_entropy(&t, &[0], bits)?, "2.000", "bits"),
            Line::new("H(Y)", marginal_entropy(&t, &[1], bits)?, "1.750", "bits"),
            Line::new("H(X,Y) = 27/8", joint_entropy(&t, bits)?, "3.375", "bits"),
            Line::new(
                "H(X|Y) = 13/8",
                conditional_entropy(&t, &[0], &[1], bits)?,
                "1.625",
                "bits",
            ),
            Line::new(
                "H(Y|X) = 11/8",
                conditional_entropy(&t, &[1], &[0], bits)?,
                "1.375",
                "bits",
            ),
            Line::new(
                "I(X;Y) = 3/8",
                mutual_information(&t, &[0], &[1], bits)?,
                "0.375",
                "bits",
            ),
        ],
    ))
}

/// Tour section: Chain rule: XOR, and a fair bit through a BSC(0.1).
fn chain_rule_section() -> sanov::Result<Section> {
    let bits = Base::Bits;
    let mut xor = Array3::<f64>::zeros((2, 2, 2));
    for x in 0..2 {
        for y in 0..2 {
            xor[[x, y, x ^ y]] = 0.25;
        }
    }
    let xor = Joint::new(xor.into_dyn())?;
    let noisy = Joint::new(array![[0.45, 0.05], [0.05, 0.45]].into_dyn())?;
    Ok(sec(
        "Chain rule: Z = X xor Y, and a fair bit X through a noisy channel",
        vec![
            Line::new(
                "XOR: I(X;Y)",
                mutual_information(&xor, &[0], &[1], bits)?,
                "0.000",
                "bits",
            ),
            Line::new(
                "XOR: I(X;Y|Z), conditioning creates dependence",
                conditional_mutual_information(&xor, &[0], &[1], &[2], bits)?,
                "1.000",
                "bits",
            ),
            Line::new(
                "XOR: co-information I(X;Y;Z)",
                co_information(&xor, bits)?,
                "-1.000",
                "bits",
            ),
            Line::new(
                "XOR: H(X,Y,Z) = H(X) + H(Y|X) + H(Z|X,Y)",
                joint_entropy(&xor, bits)?,
                "2.000",
                "bits",
            ),
            Line::new(
                "channel (crossover 0.1): H(Y|X) = h(0.1)",
                conditional_entropy(&noisy, &[1], &[0], bits)?,
                "0.469",
                "bits",
            ),
            Line::new(
                "channel: H(X,Y) = H(X) + H(Y|X)",
                joint_entropy(&noisy, bits)?,
                "1.469",
                "bits",
            ),
            Line::new(
                "channel: I(X;Y) = 1 − h(0.1)",
                mutual_information(&noisy, &[0], &[1], bits)?,
                "0.531",
                "bits",
            ),
        ],
    ))
}

/// Tour section: Gaussian MI.
fn gaussian_section() -> sanov::Result<Section> {
    let bits = Base::Bits;
    Ok(sec(
        "Gaussian mutual information −½ log(1 − ρ²)",
        vec![
            Line::new(
                "ρ = 0.9",
                gaussian_mutual_information(0.9, bits)?,
                "1.198",
                "bits",
            ),
            Line::new(
                "ρ = 0.9, from the covariance [[1, .9], [.9, 1]]",
                gaussian_mutual_information_cov(
                    array![[1.0, 0.9], [0.9, 1.0]].view(),
                    &[0],
                    &[1],
                    bits,
                )?,
                "1.198",
                "bits",
            ),
            Line::new(
                "ρ = 0.5",
                gaussian_mutual_information(0.5, bits)?,
                "0.208",
                "bits",
            ),
        ],
    ))
}

/// Tour section: MaxEnt: the biased die.
fn maxent_section() -> sanov::Result<Section> {
    let die = biased_die(4.8)?;
    let mean: f64 = die
        .distribution
        .iter()
        .zip(1..=6)
        .map(|(p, x)| p * f64::from(x))
        .sum();
    let mut s = sec(
        "Maximum entropy: a die with mean 4.8 (p_x ∝ e^(λx))",
        vec![
            Line::new("λ", die.multipliers[0], "0.51418006369", ""),
            Line::new("E[X] of the solution", mean, "4.800000000", ""),
        ],
    );
    s.notes.push(format!(
        "p = [{}]",
        die.distribution
            .iter()
            .map(|p| format!("{p:.4}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    Ok(s)
}

/// Tour section: Channel capacity.
fn capacity_section() -> sanov::Result<Section> {
    let bits = Base::Bits;
    let cap = |w: ndarray::Array2<f64>| -> sanov::Result<f64> {
        let params = CapacityOptions {
            base: bits,
            ..CapacityOptions::default()
        };
        Ok(channel_capacity(w.view(), &params)?.capacity)
    };
    Ok(sec(
        "Channel capacity (Blahut–Arimoto, certified) and AWGN capacity",
        vec![
            Line::new(
                "BSC, crossover 0.1: 1 − h(0.1)",
                cap(binary_symmetric(0.1)?)?,
                "0.531",
                "bits/use",
            ),
            Line::new(
                "BSC, crossover 0.11: 1 − h(0.11)",
                cap(binary_symmetric(0.11)?)?,
                "0.500",
                "bits/use",
            ),
            Line::new(
                "BEC, erasure 0.25: 1 − 0.25",
                cap(binary_erasure(0.25)?)?,
                "0.750",
                "bits/use",
            ),
            Line::new(
                "AWGN, SNR = 3: ½ log(1 + 3)",
                awgn_capacity(3.0, bits)?,
                "1.000",
                "bits/use",
            ),
            Line::new(
                "AWGN, SNR = 15",
                awgn_capacity(15.0, bits)?,
                "2.000",
                "bits/use",
            ),
        ],
    ))
}

/// Tour section: A Huffman code (Cover & Thomas, Example 5.6.1).
fn huffman_section() -> sanov::Result<Section> {
    let bits = Base::Bits;
    let probs = [0.25, 0.25, 0.2, 0.15, 0.15];
    let code = huffman_code(&probs)?;
    let mut s = sec(
        "Huffman code for P = [.25, .25, .2, .15, .15] (Cover & Thomas, Example 5.6.1)",
        vec![
            Line::new(
                "expected length L",
                code.expected_length,
                "2.30",
                "bits/symbol",
            ),
            Line::new(
                "entropy H(P) ≤ L < H(P) + 1",
                entropy(&probs, bits)?,
                "2.2855",
                "bits",
            ),
        ],
    );
    s.notes.push(format!(
        "codewords: {}",
        probs
            .iter()
            .zip(&code.codewords)
            .map(|(p, c)| format!("{p} → {c}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    Ok(s)
}

/// Fisher information and Fisher–Rao distances by `sanov::geometry`, against the closed forms
/// of docs/definitions.md ("Information geometry").
fn fisher_section() -> sanov::Result<Section> {
    let b03 = Bernoulli::new(0.3)?;
    let n2 = fisher_information(&Normal::new(0.0, 2.0)?);
    Ok(Section {
        title: "Fisher information and Fisher–Rao distance",
        lines: vec![
            Line::new(
                "Bernoulli(0.3): I(p) = 1/(p(1−p))",
                fisher_information(&b03)[[0, 0]],
                "4.7619",
                "",
            ),
            Line::new("Normal(0, σ=2): I_μμ = 1/σ²", n2[[0, 0]], "0.2500", ""),
            Line::new("Normal(0, σ=2): I_σσ = 2/σ²", n2[[1, 1]], "0.5000", ""),
            Line::new(
                "d_FR(Bernoulli(0.5), Bernoulli(0.9))",
                fisher_rao_distance(&Bernoulli::new(0.5)?, &Bernoulli::new(0.9)?)?,
                "0.9273",
                "",
            ),
            Line::new(
                "d_FR(N(0,1), N(1,1)) = √2 ln 2",
                fisher_rao_distance(&Normal::new(0.0, 1.0)?, &Normal::new(1.0, 1.0)?)?,
                "0.9803",
                "",
            ),
            Line::new(
                "d_FR(Poisson(1), Poisson(4)) = 2|√1 − √4|",
                fisher_rao_distance(&Poisson::new(1.0)?, &Poisson::new(4.0)?)?,
                "2.0000",
                "",
            ),
        ],
        notes: Vec::new(),
    })
}

/// The method-of-types section: the relative errors at n = D and n = 20D against the mpmath
/// values of `crates/sanov/tests/data/types.txt` (D = 50 000, seed 0).
fn types_section(fig: &figure::Figure1) -> Section {
    let at = |s: &crate::figure_series::Series, j: usize| {
        (s.relative_error_nh[j], s.relative_error_stirling[j])
    };
    let (u1, u20) = (at(&fig.uniform, 0), at(&fig.uniform, 19));
    let (d1, d20) = (at(&fig.dirichlet, 0), at(&fig.dirichlet, 19));
    let mut lines = vec![
        Line::new(
            "uniform P, n = D: relative error of nH",
            u1.0,
            "0.1018211",
            "",
        ),
        Line::new(
            "uniform P, n = D: relative error of Stirling",
            u1.1,
            "8.254812e-3",
            "",
        ),
        Line::new(
            "uniform P, n = 20D: relative error of nH",
            u20.0,
            "0.01131355",
            "",
        ),
        Line::new(
            "uniform P, n = 20D: relative error of Stirling",
            u20.1,
            "1.947108e-5",
            "",
        ),
    ];
    if fig.d == 50_000 && fig.seed == 0 {
        lines.extend([
            Line::new(
                "Dirichlet(1) P, n = D: relative error of nH",
                d1.0,
                "0.07632000",
                "",
            ),
            Line::new(
                "Dirichlet(1) P, n = D: relative error of Stirling",
                d1.1,
                "4.261957e-3",
                "",
            ),
            Line::new(
                "Dirichlet(1) P, n = 20D: relative error of nH",
                d20.0,
                "0.01040388",
                "",
            ),
            Line::new(
                "Dirichlet(1) P, n = 20D: relative error of Stirling",
                d20.1,
                "6.081640e-5",
                "",
            ),
        ]);
    }
    let better = fig
        .uniform
        .relative_error_stirling
        .iter()
        .zip(&fig.uniform.relative_error_nh)
        .chain(
            fig.dirichlet
                .relative_error_stirling
                .iter()
                .zip(&fig.dirichlet.relative_error_nh),
        )
        .all(|(s, n)| s.abs() < n.abs());
    Section {
        title:
            "Method of types: ln(n!/∏kᵢ!) ≈ nH(P), and Stirling's correction (Figure 1, D = 50 000)",
        lines,
        notes: vec![format!(
            "Stirling's estimate beats nH at every n/D = 1..20 in both panels: {}",
            if better { "✓" } else { "✗" }
        )],
    }
}

/// The tour's result.
pub struct Tour {
    sections: Vec<Section>,
    figure: figure::Figure1,
    figure_path: Option<PathBuf>,
}

impl Tour {
    fn lines(&self) -> impl Iterator<Item = &Line> {
        self.sections.iter().flat_map(|s| &s.lines)
    }

    /// Whether every line agrees with its textbook value.
    pub fn all_ok(&self) -> bool {
        self.lines().all(Line::ok)
            && !self
                .sections
                .iter()
                .flat_map(|s| &s.notes)
                .any(|n| n.ends_with('✗'))
    }
}

/// Runs the tour; draws the figure into `dir` unless `draw` is false.
pub fn run(dir: &Path, image: ImageFormat, draw: bool) -> Result<Tour> {
    let mut sections = sections().map_err(err)?;
    let fig = figure::compute(50_000, 0)?;
    let mut types = types_section(&fig);
    let figure_path = if draw {
        let name = match image {
            ImageFormat::Svg => "figure1.svg",
            ImageFormat::Png => "figure1.png",
        };
        let path = dir.join(name);
        figure::draw(&fig, &path)?;
        types
            .notes
            .push(format!("Figure 1 written to {}", path.display()));
        Some(path)
    } else {
        None
    };
    sections.push(types);
    Ok(Tour {
        sections,
        figure: fig,
        figure_path,
    })
}

fn show(x: f64) -> String {
    if x != 0.0 && x.abs() < 1e-3 {
        format!("{x:.6e}")
    } else {
        format!("{x:.9}")
    }
}

/// Renders the tour.
pub fn render(t: &Tour, format: Format) -> String {
    match format {
        Format::Json => {
            let mut v = to_json(t).to_string();
            if let Ok(pretty) = serde_json::to_string_pretty(&to_json(t)) {
                v = pretty;
            }
            v.push('\n');
            v
        }
        Format::Csv => {
            let mut s = String::from("section,quantity,computed,textbook,unit,ok\n");
            for sec in &t.sections {
                for l in &sec.lines {
                    let _ = writeln!(
                        s,
                        "\"{}\",\"{}\",{},{},{},{}",
                        sec.title.replace('"', "\"\""),
                        l.quantity.replace('"', "\"\""),
                        l.computed,
                        l.textbook,
                        l.unit,
                        l.ok()
                    );
                }
            }
            s
        }
        Format::Table => {
            let mut s = String::new();
            let _ = writeln!(
                s,
                "sanov {} tour: the worked examples of information theory for ML,\n\
                 each computed live by sanov next to its textbook value.\n",
                env!("CARGO_PKG_VERSION")
            );
            let qw = t
                .lines()
                .map(|l| l.quantity.chars().count())
                .max()
                .unwrap_or(8)
                .max(8);
            for (i, sec) in t.sections.iter().enumerate() {
                let _ = writeln!(s, "{}. {}", i + 1, sec.title);
                let _ = writeln!(
                    s,
                    "   {:<qw$}  {:>16}  {:>13}  unit",
                    "quantity", "computed", "textbook"
                );
                for l in &sec.lines {
                    let mark = if l.ok() { "✓" } else { "✗" };
                    let pad = qw - l.quantity.chars().count();
                    let _ = write!(
                        s,
                        "   {}{}  {:>16}  {:>13}  {:<11} {mark}",
                        l.quantity,
                        " ".repeat(pad),
                        show(l.computed),
                        l.textbook,
                        l.unit
                    );
                    if let Some(n) = l.note {
                        let _ = write!(s, "  ({n})");
                    }
                    s.push('\n');
                }
                for n in &sec.notes {
                    let _ = writeln!(s, "   {n}");
                }
                s.push('\n');
            }
            let total = t.lines().count();
            let passed = t.lines().filter(|l| l.ok()).count();
            let _ = writeln!(
                s,
                "{passed} of {total} worked examples agree with the textbook value{}",
                if passed == total {
                    "."
                } else {
                    "; the ✗ lines do not."
                }
            );
            s
        }
    }
}

fn to_json(t: &Tour) -> Value {
    let sections: Vec<Value> = t
        .sections
        .iter()
        .map(|s| {
            json!({
                "title": s.title,
                "lines": s.lines.iter().map(|l| {
                    let (v, tol) = l.reference();
                    json!({
                        "quantity": l.quantity,
                        "computed": num(l.computed),
                        "textbook": num(v),
                        "textbook_quoted": l.textbook,
                        "tolerance": tol,
                        "unit": l.unit,
                        "ok": l.ok(),
                        "note": l.note,
                    })
                }).collect::<Vec<_>>(),
                "notes": s.notes,
            })
        })
        .collect();
    let series = |s: &crate::figure_series::Series| {
        json!({
            "exact_ln_coefficient": s.exact.iter().map(|&x| num(x)).collect::<Vec<_>>(),
            "relative_error_nh": s.relative_error_nh.iter().map(|&x| num(x)).collect::<Vec<_>>(),
            "relative_error_stirling": s.relative_error_stirling.iter().map(|&x| num(x)).collect::<Vec<_>>(),
        })
    };
    let d = t.figure.d as f64;
    json!({
        "sanov_version": env!("CARGO_PKG_VERSION"),
        "sections": sections,
        "passed": t.lines().filter(|l| l.ok()).count(),
        "total": t.lines().count(),
        "figure1": {
            "path": t.figure_path.as_ref().map(|p| p.display().to_string()),
            "d": t.figure.d,
            "seed": t.figure.seed,
            "n_over_d": t.figure.uniform.n.iter().map(|&n| n as f64 / d).collect::<Vec<_>>(),
            "dirichlet": series(&t.figure.dirichlet),
            "uniform": series(&t.figure.uniform),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_set_the_tolerance() {
        let l = Line::new("x", 0.4689, "0.469", "bits");
        assert_eq!(l.reference().0, 0.469);
        assert!((l.reference().1 - 5e-4).abs() < 1e-12);
        assert!(l.ok());
        let s = Line::new("x", 8.2548e-3, "8.254812e-3", "");
        assert!((s.reference().1 - 5e-10).abs() < 1e-18);
        assert!(!Line::new("x", 0.47, "0.469", "").ok());
    }
}
