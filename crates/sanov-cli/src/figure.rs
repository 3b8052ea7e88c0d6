//! Figure 1 of the primer *Entropy, concentration, and learning*: the relative error of `nH`
//! and of Stirling's estimate of `ln(n!/∏k_i!)` against `n/D`, for a type drawn from
//! Dirichlet(1) and for the uniform positive-orthant type, drawn with plotters.

use std::path::Path;

use crate::figure_series::{default_n_values, series, Panel, Series};
use anyhow::{anyhow, bail, Context, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

/// DejaVu Sans, subset to Latin, Greek and a few symbols (Bitstream Vera licence, see
/// `assets/DejaVuSans-LICENSE.txt`): text is measured and drawn with it, so the figure looks
/// the same on every machine.
static FONT: &[u8] = include_bytes!("../assets/DejaVuSans-subset.ttf");

/// The two panels' series.
#[derive(Debug, Clone)]
pub struct Figure1 {
    /// Alphabet size `D`.
    pub d: usize,
    /// Seed of the Dirichlet(1) draw.
    pub seed: u64,
    /// `P ~ Dirichlet(1)`.
    pub dirichlet: Series,
    /// `P` uniform over the positive orthant.
    pub uniform: Series,
}

/// The largest alphabet size the command accepts: the series keep a few vectors of `D`
/// floats, so 1e7 is a few hundred MB and some seconds; `--d 1e12` would ask for terabytes.
pub const MAX_D: u64 = 10_000_000;

/// Computes both panels for `n = D, 2D, …, 20D`.
pub fn compute(d: u64, seed: u64) -> Result<Figure1> {
    if !(1..=MAX_D).contains(&d) {
        bail!("--d = {d}: must be between 1 and {MAX_D}");
    }
    let d = usize::try_from(d).map_err(|_| anyhow!("--d = {d}: too large for this machine"))?;
    let n = default_n_values(d);
    let (dirichlet, uniform) = rayon::join(
        || series(d, &n, Panel::Dirichlet { seed }),
        || series(d, &n, Panel::UniformOrthant),
    );
    Ok(Figure1 {
        d,
        seed,
        dirichlet: dirichlet.map_err(|e| anyhow!("figure 1: {e}"))?,
        uniform: uniform.map_err(|e| anyhow!("figure 1: {e}"))?,
    })
}

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 520;

/// Draws the figure to `path`; the format follows the extension (`.svg` or `.png`).
pub fn draw(fig: &Figure1, path: &Path) -> Result<()> {
    // Registering twice is harmless (the second replaces the first).
    plotters::style::register_font("sans-serif", FontStyle::Normal, FONT)
        .map_err(|_| anyhow!("the embedded font is invalid"))?;
    let shown = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !dir.is_dir() {
            bail!("{shown}: the directory {} does not exist", dir.display());
        }
    }
    if ext != "svg" && ext != "png" {
        bail!("{shown}: unknown image format '.{ext}'; use .svg or .png");
    }
    // Create the file first, so that an unwritable path is reported as the OS says it
    // (plotters would report it later as a nested debug dump).
    std::fs::File::create(path).map_err(|e| anyhow!("{shown}: cannot create the file: {e}"))?;
    match ext.as_str() {
        "svg" => {
            let root = SVGBackend::new(path, (WIDTH, HEIGHT)).into_drawing_area();
            plot(fig, &root).with_context(|| format!("{shown}: cannot draw the figure"))?;
            root.present()
                .map_err(|e| anyhow!("{shown}: cannot write the figure: {e}"))?;
        }
        "png" => {
            let root = BitMapBackend::new(path, (WIDTH, HEIGHT)).into_drawing_area();
            plot(fig, &root).with_context(|| format!("{shown}: cannot draw the figure"))?;
            root.present()
                .map_err(|e| anyhow!("{shown}: cannot write the figure: {e}"))?;
        }
        _ => bail!("{shown}: unknown image format '.{ext}'; use .svg or .png"),
    }
    Ok(())
}

fn plot<DB: DrawingBackend>(fig: &Figure1, root: &DrawingArea<DB, Shift>) -> Result<()>
where
    DB::ErrorType: 'static,
{
    let e = |err: DrawingAreaErrorKind<DB::ErrorType>| anyhow!("{err}");
    root.fill(&WHITE).map_err(e)?;
    let title = format!(
        "Figure 1: relative error of nH and of Stirling's estimate of ln(n!/∏kᵢ!), D = {}",
        thousands(fig.d)
    );
    let root = root
        .titled(&title, ("sans-serif", 24).into_font())
        .map_err(e)?;
    let panels = root.split_evenly((1, 2));
    let titles = [
        format!("P ~ Dirichlet(1), rounded to a type (seed {})", fig.seed),
        "P uniform over the positive orthant".to_string(),
    ];
    for ((area, series), title) in panels
        .iter()
        .zip([&fig.dirichlet, &fig.uniform])
        .zip(&titles)
    {
        panel(area, series, fig.d, title)?;
    }
    Ok(())
}

fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Series,
    d: usize,
    title: &str,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    let e = |err: DrawingAreaErrorKind<DB::ErrorType>| anyhow!("{err}");
    let x: Vec<f64> = s.n.iter().map(|&n| n as f64 / d as f64).collect();
    let all = s.relative_error_nh.iter().chain(&s.relative_error_stirling);
    if all.clone().any(|&v| !(v > 0.0)) {
        bail!("a relative error is not positive; the log-scale plot needs positive values");
    }
    let lo = all.clone().copied().fold(f64::INFINITY, f64::min);
    let hi = all.copied().fold(0.0, f64::max);
    let (lo, hi) = (
        10f64.powf(lo.log10().floor()),
        10f64.powf(hi.log10().ceil()),
    );
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(70)
        .build_cartesian_2d(0f64..21f64, (lo..hi).log_scale())
        .map_err(e)?;
    chart
        .configure_mesh()
        .x_desc("n / D")
        .y_desc("relative error (log scale)")
        .x_labels(11)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.0e}"))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 16))
        .draw()
        .map_err(e)?;
    let blue = RGBColor(31, 119, 180);
    let orange = RGBColor(255, 127, 14);
    let pts =
        |ys: &[f64]| -> Vec<(f64, f64)> { x.iter().copied().zip(ys.iter().copied()).collect() };
    for (ys, color, label) in [
        (&s.relative_error_nh, blue, "nH(P)"),
        (
            &s.relative_error_stirling,
            orange,
            "nH(P) + ½ ln(2πn / ∏ 2πkᵢ)  (Stirling)",
        ),
    ] {
        let p = pts(ys);
        chart
            .draw_series(LineSeries::new(p.clone(), color.stroke_width(2)))
            .map_err(e)?
            .label(label)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
        chart
            .draw_series(p.into_iter().map(|q| Circle::new(q, 3, color.filled())))
            .map_err(e)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.4))
        .label_font(("sans-serif", 14))
        .draw()
        .map_err(e)?;
    Ok(())
}

/// `50000` → `50 000`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
