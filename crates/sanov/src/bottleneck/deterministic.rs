//! The deterministic information bottleneck: iterative hard assignments and exact enumeration.

use super::evaluate::point;
use super::iterative::{IbOptions, IbReport, IbSolution};
use super::{check_beta, check_clusters, Joint, SplitMix64};
use crate::error::{Error, Result};
use crate::units::Base;
use ndarray::{Array2, ArrayView2};

/// The largest `|T|^|X|` the exact solver enumerates.
const MAX_ENUMERATION: f64 = 1e6;

/// The hard encoder of assignment `f` as a flat `[nx][nt]` 0/1 matrix.
fn hard(f: &[usize], nt: usize) -> Vec<f64> {
    let mut q = vec![0.0; f.len() * nt];
    for (x, &t) in f.iter().enumerate() {
        q[x * nt + t] = 1.0;
    }
    q
}

/// One DIB sweep: `f(x) = argmax_t [ln q(t) − β KL(p(y|x) ‖ q(y|t))]` (lowest `t` on ties).
fn sweep(j: &Joint, f: &[usize], nt: usize, beta: f64) -> Vec<usize> {
    let (nx, ny) = (j.nx, j.ny);
    let mut qt = vec![0.0; nt];
    let mut qty = vec![0.0; nt * ny];
    for x in 0..nx {
        qt[f[x]] += j.px[x];
        for y in 0..ny {
            qty[f[x] * ny + y] += j.pxy[x * ny + y];
        }
    }
    (0..nx)
        .map(|x| {
            let mut best = (f[x], f64::NEG_INFINITY);
            for t in 0..nt {
                if qt[t] <= 0.0 {
                    continue;
                }
                let mut d = 0.0;
                if j.px[x] > 0.0 {
                    for y in 0..ny {
                        let p = j.pxy[x * ny + y] / j.px[x];
                        if p > 0.0 {
                            let r = qty[t * ny + y] / qt[t];
                            d += if r > 0.0 {
                                p * (p / r).ln()
                            } else {
                                f64::INFINITY
                            };
                        }
                    }
                }
                let v = qt[t].ln() - beta * d;
                if v > best.1 {
                    best = (t, v);
                }
            }
            best.0
        })
        .collect()
}

/// The deterministic information bottleneck (Strouse & Schwab 2017): the hard assignment
/// `T = f(X)` with at most `n_clusters` values minimising `L_DIB = H(T) − β I(T;Y)`, by the
/// iterative algorithm `f(x) = argmax_t [ln q(t) − β D_KL(p(y|x) ‖ q(y|t))]` from
/// `options.restarts` random assignments (seeded). Each run stops when the assignment repeats
/// (a fixed point, a local optimum); the best restart is returned. For the global optimum of
/// small problems, see [`deterministic_bottleneck_exact`].
///
/// # Errors
/// As [`super::information_bottleneck`]; [`Error::NotConverged`] if no restart reaches a
/// fixed point within `options.rule.max_iterations` sweeps.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{bottleneck::{deterministic_bottleneck, IbOptions}, Base};
/// let p = array![[0.25, 0.0], [0.25, 0.0], [0.0, 0.5]];
/// let s = deterministic_bottleneck(p.view(), 3, 10.0, Base::Bits, &IbOptions::default())?;
/// // Merging the two x with the same p(y|x) costs nothing: H(T) = I(T;Y) = 1 bit.
/// assert!((s.point.h_t - 1.0).abs() < 1e-12 && (s.point.i_ty - 1.0).abs() < 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.information_bottleneck(..., deterministic=True)`.
pub fn deterministic_bottleneck(
    joint: ArrayView2<'_, f64>,
    n_clusters: usize,
    beta: f64,
    base: Base,
    options: &IbOptions,
) -> Result<IbSolution> {
    check_beta(beta)?;
    check_clusters(n_clusters)?;
    options.validate()?;
    let j = Joint::new(joint)?;
    let nt = n_clusters;
    let mut rng = SplitMix64(options.seed);
    let mut report = IbReport {
        iterations: vec![],
        converged: vec![],
        lagrangians: vec![],
        best: 0,
        final_change: 0.0,
    };
    let mut best: Option<(Vec<usize>, f64)> = None;
    for r in 0..options.restarts {
        let mut f: Vec<usize> = (0..j.nx)
            .map(|_| ((rng.next_f64() * nt as f64) as usize).min(nt - 1))
            .collect();
        let mut ok = false;
        let mut it = 0;
        while it < options.rule.max_iterations {
            it += 1;
            let g = sweep(&j, &f, nt, beta);
            if g == f {
                ok = true;
                break;
            }
            f = g;
        }
        let l = point(&j, &hard(&f, nt), nt, beta).lagrangian_dib;
        report.iterations.push(it);
        report.converged.push(ok);
        report.lagrangians.push(base.from_nats(l));
        if ok && best.as_ref().is_none_or(|b| l < b.1) {
            report.best = r;
            best = Some((f, l));
        }
    }
    let Some((f, _)) = best else {
        return Err(Error::NotConverged {
            iterations: options.rule.max_iterations,
            residual: 1.0,
        });
    };
    let q = hard(&f, nt);
    let pt = point(&j, &q, nt, beta);
    Ok(IbSolution {
        encoder: Array2::from_shape_vec((j.nx, nt), q).expect("shape"),
        point: pt.in_base(base),
        report,
    })
}

/// The exact deterministic information bottleneck: every map `f: X → T` (`|T|^|X| ≤ 10⁶`)
/// is evaluated and one minimising `L_DIB = H(T) − β I(T;Y)` returned (the first in
/// lexicographic order of `(f(0), f(1), …)` among ties). The report has one "restart" whose
/// iteration count is the number of maps enumerated.
///
/// # Errors
/// As [`deterministic_bottleneck`]; [`Error::InvalidParameter`] (`n_clusters`) when
/// `|T|^|X| > 10⁶`.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{bottleneck::deterministic_bottleneck_exact, Base};
/// let p = array![[0.25, 0.0], [0.25, 0.0], [0.0, 0.5]];
/// let s = deterministic_bottleneck_exact(p.view(), 2, 10.0, Base::Bits)?;
/// assert!((s.point.lagrangian_dib - (1.0 - 10.0)).abs() < 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.information_bottleneck(..., deterministic=True, exact=True)`.
pub fn deterministic_bottleneck_exact(
    joint: ArrayView2<'_, f64>,
    n_clusters: usize,
    beta: f64,
    base: Base,
) -> Result<IbSolution> {
    check_beta(beta)?;
    check_clusters(n_clusters)?;
    let j = Joint::new(joint)?;
    let nt = n_clusters;
    let total = (nt as f64).powi(i32::try_from(j.nx).unwrap_or(i32::MAX));
    if total > MAX_ENUMERATION {
        return Err(Error::InvalidParameter {
            name: "n_clusters",
            value: nt as f64,
            expected: "n_clusters ** |X| <= 1e6 for the exact solver",
        });
    }
    let (nx, ny) = (j.nx, j.ny);
    let mut f = vec![0usize; nx];
    let mut best = (f.clone(), f64::INFINITY);
    let mut count = 0;
    let mut qt = vec![0.0; nt];
    let mut qty = vec![0.0; nt * ny];
    loop {
        count += 1;
        qt.fill(0.0);
        qty.fill(0.0);
        for x in 0..nx {
            qt[f[x]] += j.px[x];
            for y in 0..ny {
                qty[f[x] * ny + y] += j.pxy[x * ny + y];
            }
        }
        let mut l = 0.0;
        for t in 0..nt {
            if qt[t] > 0.0 {
                l -= qt[t] * qt[t].ln();
                for y in 0..ny {
                    let v = qty[t * ny + y];
                    if v > 0.0 {
                        l -= beta * v * (v / (qt[t] * j.py[y])).ln();
                    }
                }
            }
        }
        if l < best.1 {
            best = (f.clone(), l);
        }
        // Next map (odometer).
        let mut k = 0;
        while k < nx {
            f[k] += 1;
            if f[k] < nt {
                break;
            }
            f[k] = 0;
            k += 1;
        }
        if k == nx {
            break;
        }
    }
    let q = hard(&best.0, nt);
    let pt = point(&j, &q, nt, beta);
    Ok(IbSolution {
        encoder: Array2::from_shape_vec((nx, nt), q).expect("shape"),
        point: pt.in_base(base),
        report: IbReport {
            iterations: vec![count],
            converged: vec![true],
            lagrangians: vec![base.from_nats(pt.lagrangian_dib)],
            best: 0,
            final_change: 0.0,
        },
    })
}
