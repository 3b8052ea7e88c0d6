//! Every public function of the foundation against reference values computed with mpmath at 50
//! digits by `scripts/reference/generate_discrete.py` (tables in `tests/data/`; see the script's
//! docstring for the file formats and the conventions). Python is not run here.
//!
//! Inputs range from hand cases (zeros, one-hot, subnormals, `p > 0 = q`) through Dirichlet
//! vectors of sizes 2..1000 (committed) to generated vectors of sizes 1e4, 1e5 and 1e6 (rebuilt
//! from their seed by `common::generate`, bit-identical to the script's, which is checked), in
//! f64 and f32. The single-vector kernels (entropy, cross-entropy, KL) are also checked with
//! `Par::rayon(2)`.
//!
//! Run with `-- --nocapture` to see how many reference values each test checked.

mod common;

use common::tol::{TOL_ABS_KNOWN_INACCURATE, TOL_REL, TOL_TINY_ABS};
use common::{check_close_abs, Failures, Row, Tables, Vector};
use ndarray::Array2;
use sanov::losses::{self, Reduction};
use sanov::{channels, divergences, kernels, measures, multivariate, Par, Real};

/// Functions whose rows each test covers.
const ENTROPIES: &[&str] = &["entropy", "renyi_entropy", "tsallis_entropy"];
const CROSS_KL: &[&str] = &["cross_entropy", "kl_divergence"];
const OTHER_DIVERGENCES: &[&str] = &[
    "js_divergence",
    "js_distance",
    "hellinger_distance",
    "total_variation_distance",
    "chi2_divergence",
];
const LOSSES: &[&str] = &[
    "cross_entropy_loss",
    "label_smoothed_cross_entropy",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "perplexity",
];
const SCALARS: &[&str] = &[
    "binary_entropy",
    "surprisal",
    "awgn_capacity",
    "gaussian_mutual_information",
    "gaussian_mutual_information_cov",
];

/// What is known to be wrong with the library on a reference row.
///
/// (A `js_divergence` bug, `-inf` when one mass is below 2^-53 times the other, was found by
/// these tables and fixed in f70f062; its rows — `hand_*_vs_tiny*`, `hand_half_vs_tiny20`,
/// `dir_a0.1_n1000` — are now checked strictly.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Issue {
    /// The value has a small absolute but a large relative error: the main tests check it to
    /// `TOL_ABS_KNOWN_INACCURATE`, the ignored `known_library_issues` to `TOL_REL`.
    Inaccurate,
}

/// Known library issues, by case-name prefix and function (see the report of the test run).
const KNOWN_ISSUES: &[(&str, &[&str], Issue)] = &[
    // KL of nearly equal distributions: each p·ln(p/q) carries the rounding of ln(p/q), and the
    // terms cancel (2.6e-18 comes out as −2.6e-18): absolute error ~1e-17.
    (
        "hand_near_equal_dyadic",
        &["kl_divergence"],
        Issue::Inaccurate,
    ),
    // Hellinger of nearly equal distributions when Σp ≠ 1: the float normalisation p/Σp is one
    // rounding, amplified by the cancellation of p/Σp − q/Σq (relative error 4e-10 at
    // H = 1.4e-10, absolute 6e-20).
    (
        "hand_within_tol_vs_half",
        &["hellinger_distance"],
        Issue::Inaccurate,
    ),
    // Rényi / Tsallis of near-degenerate distributions (tiny results): the float normalisation
    // p/Σp and ln(1 + tiny) lose the tiny part (H_2([1e-20, 1]) = −0, true 2e-20).
    (
        "hand_subnormal2",
        &["renyi_entropy", "tsallis_entropy"],
        Issue::Inaccurate,
    ),
    (
        "hand_tiny2",
        &["renyi_entropy", "tsallis_entropy"],
        Issue::Inaccurate,
    ),
    (
        "hand_tiny20",
        &["renyi_entropy", "tsallis_entropy"],
        Issue::Inaccurate,
    ),
    (
        "hand_skewed2",
        &["renyi_entropy", "tsallis_entropy"],
        Issue::Inaccurate,
    ),
    ("dir_a0.1_n3_f32", &["renyi_entropy"], Issue::Inaccurate),
];

fn known_issue(row: &Row) -> Option<Issue> {
    KNOWN_ISSUES
        .iter()
        .find(|(case, funcs, _)| row.case.starts_with(case) && funcs.contains(&row.func.as_str()))
        .map(|&(_, _, issue)| issue)
}

/// Tolerances of one row: relative and absolute.
#[derive(Debug, Clone, Copy)]
struct Tol {
    rel: f64,
    abs: f64,
}

const STRICT: Tol = Tol {
    rel: TOL_REL,
    abs: TOL_TINY_ABS,
};

fn reduction(row: &Row) -> Reduction {
    match row.param.as_str() {
        "mean" => Reduction::Mean,
        "sum" => Reduction::Sum,
        other => panic!("{}: bad reduction {other}", row.label()),
    }
}

fn record(f: &mut Failures, label: &str, got: sanov::Result<f64>, want: f64, tol: Tol) {
    f.record(match got {
        Ok(v) => check_close_abs(label, v, want, tol.rel, tol.abs),
        Err(e) => Err(format!("{label}: unexpected error {e:?}")),
    });
}

/// Checks one row whose inputs are slices of `T`.
fn check_slices<T: Real>(
    t: &Tables,
    row: &Row,
    p: &[T],
    q: Option<&[T]>,
    f: &mut Failures,
    tol: Tol,
) {
    let record = |f: &mut Failures, label: &str, got, want| record(f, label, got, want, tol);
    let label = row.label();
    let base = row.base();
    let q_or = |name: &str| q.unwrap_or_else(|| panic!("{label}: {name} needs q"));
    if let Some(id) = row.expected.strip_prefix("v:") {
        // Elementwise (`none` reduction): the `*_into` forms.
        let want = t.vector(&row.expected).to_f64();
        let mut out = vec![f64::NAN; p.len()];
        let r = match row.func.as_str() {
            "binary_cross_entropy" => {
                losses::binary_cross_entropy_into(&mut out, p, q_or("pi"), base)
            }
            "binary_cross_entropy_with_logits" => {
                losses::binary_cross_entropy_with_logits_into(&mut out, p, q_or("logits"), base)
            }
            other => panic!("{label}: no elementwise form of {other}"),
        };
        if let Err(e) = r {
            f.record(Err(format!("{label}: unexpected error {e:?}")));
            return;
        }
        assert_eq!(want.len(), out.len(), "{label}: {id} length");
        for (i, (&g, &w)) in out.iter().zip(&want).enumerate() {
            f.record(check_close_abs(
                &format!("{label} [{i}]"),
                g,
                w,
                tol.rel,
                tol.abs,
            ));
        }
        return;
    }
    let want = common::parse_f64(&row.expected);
    match row.func.as_str() {
        "entropy" => {
            record(f, &label, measures::entropy(p, base), want);
            record(
                f,
                &format!("{label} Par::rayon(2)"),
                kernels::entropy(p, base, Par::rayon(2)),
                want,
            );
        }
        "cross_entropy" => {
            let q = q_or("q");
            record(f, &label, measures::cross_entropy(p, q, base), want);
            record(
                f,
                &format!("{label} Par::rayon(2)"),
                kernels::cross_entropy(p, q, base, Par::rayon(2)),
                want,
            );
        }
        "kl_divergence" => {
            let q = q_or("q");
            record(f, &label, divergences::kl_divergence(p, q, base), want);
            record(
                f,
                &format!("{label} Par::rayon(2)"),
                kernels::kl_divergence(p, q, base, Par::rayon(2)),
                want,
            );
        }
        "renyi_entropy" => record(
            f,
            &label,
            measures::renyi_entropy(p, row.param_f64(), base),
            want,
        ),
        "tsallis_entropy" => record(
            f,
            &label,
            measures::tsallis_entropy(p, row.param_f64()),
            want,
        ),
        "js_divergence" => record(
            f,
            &label,
            divergences::js_divergence(p, q_or("q"), base),
            want,
        ),
        "js_distance" => record(
            f,
            &label,
            divergences::js_distance(p, q_or("q"), base),
            want,
        ),
        "hellinger_distance" => record(
            f,
            &label,
            divergences::hellinger_distance(p, q_or("q")),
            want,
        ),
        "total_variation_distance" => record(
            f,
            &label,
            divergences::total_variation_distance(p, q_or("q")),
            want,
        ),
        "chi2_divergence" => record(f, &label, divergences::chi2_divergence(p, q_or("q")), want),
        "cross_entropy_loss" => {
            let target: usize = row.param.parse().expect("target");
            record(f, &label, losses::cross_entropy_loss(p, target, base), want);
        }
        "label_smoothed_cross_entropy" => {
            let (target, eps) = row.param.split_once(';').expect("target;epsilon");
            let target: usize = target.parse().expect("target");
            let eps = common::parse_f64(eps);
            record(
                f,
                &label,
                losses::label_smoothed_cross_entropy(p, target, eps, base),
                want,
            );
        }
        "binary_cross_entropy" => record(
            f,
            &label,
            losses::binary_cross_entropy(p, q_or("pi"), reduction(row), base),
            want,
        ),
        "binary_cross_entropy_with_logits" => record(
            f,
            &label,
            losses::binary_cross_entropy_with_logits(p, q_or("logits"), reduction(row), base),
            want,
        ),
        "perplexity" => record(f, &label, losses::perplexity(p, base), want),
        other => panic!("{label}: unknown function {other}"),
    }
}

fn check_scalar(t: &Tables, row: &Row, f: &mut Failures, tol: Tol) {
    let label = row.label();
    let base = row.base();
    let want = common::parse_f64(&row.expected);
    let got = match row.func.as_str() {
        "binary_entropy" => measures::binary_entropy(row.param_f64(), base),
        "surprisal" => measures::surprisal(row.param_f64(), base),
        "awgn_capacity" => channels::awgn_capacity(row.param_f64(), base),
        "gaussian_mutual_information" => {
            multivariate::gaussian_mutual_information(row.param_f64(), base)
        }
        "gaussian_mutual_information_cov" => {
            let parts: Vec<&str> = row.param.split(';').collect();
            let n: usize = parts[0].parse().expect("n");
            let idx = |s: &str| -> Vec<usize> {
                s.split(' ').map(|i| i.parse().expect("index")).collect()
            };
            let cov = t.vector(&row.p).to_f64();
            let cov = Array2::from_shape_vec((n, n), cov).expect("n×n covariance");
            multivariate::gaussian_mutual_information_cov(
                cov.view(),
                &idx(parts[1]),
                &idx(parts[2]),
                base,
            )
        }
        other => panic!("{label}: unknown scalar function {other}"),
    };
    record(f, &label, got, want, tol);
}

fn check_row(t: &Tables, row: &Row, f: &mut Failures, tol: Tol) {
    if SCALARS.contains(&row.func.as_str()) {
        check_scalar(t, row, f, tol);
        return;
    }
    let p = t.vector(&row.p);
    let q = (!row.q.is_empty()).then(|| t.vector(&row.q));
    match (&*p, q.as_deref()) {
        (Vector::F64(p), None) => check_slices::<f64>(t, row, p, None, f, tol),
        (Vector::F64(p), Some(Vector::F64(q))) => check_slices(t, row, p, Some(q), f, tol),
        (Vector::F32(p), None) => check_slices::<f32>(t, row, p, None, f, tol),
        (Vector::F32(p), Some(Vector::F32(q))) => check_slices(t, row, p, Some(q), f, tol),
        _ => panic!("{}: p and q have different element types", row.label()),
    }
}

/// Checks every row whose function is in `funcs`; rows with a known issue
/// ([`Issue::Inaccurate`]) are held to [`TOL_ABS_KNOWN_INACCURATE`] only.
fn check_family(funcs: &[&str], what: &str) {
    let t = Tables::get();
    let mut f = Failures::default();
    let mut rows = 0;
    for row in t.rows.iter().filter(|r| funcs.contains(&r.func.as_str())) {
        let tol = match known_issue(row) {
            None => STRICT,
            Some(Issue::Inaccurate) => Tol {
                rel: TOL_REL,
                abs: TOL_ABS_KNOWN_INACCURATE,
            },
        };
        rows += 1;
        check_row(t, row, &mut f, tol);
    }
    assert!(rows > 0, "{what}: no rows");
    f.finish(&format!(
        "{what} ({rows} rows of scripts/reference/generate_discrete.py)"
    ));
}

#[test]
fn entropies_match_mpmath() {
    check_family(ENTROPIES, "entropy, renyi_entropy, tsallis_entropy");
}

#[test]
fn cross_entropy_and_kl_match_mpmath() {
    check_family(CROSS_KL, "cross_entropy, kl_divergence");
}

#[test]
fn other_divergences_match_mpmath() {
    check_family(OTHER_DIVERGENCES, "js, hellinger, tv, chi2");
}

#[test]
fn losses_match_mpmath() {
    check_family(LOSSES, "losses");
}

#[test]
fn scalar_functions_match_mpmath() {
    check_family(SCALARS, "scalar functions");
}

/// The rows of `KNOWN_ISSUES`, held to the strict tolerance: fails until the library is fixed.
#[test]
#[ignore = "library inaccuracies: tiny results with large relative error (see KNOWN_ISSUES)"]
fn known_library_issues() {
    let t = Tables::get();
    let mut f = Failures::default();
    let mut rows = 0;
    for row in t.rows.iter().filter(|r| known_issue(r).is_some()) {
        rows += 1;
        check_row(t, row, &mut f, STRICT);
    }
    f.finish(&format!("known library issues ({rows} rows)"));
}

/// Every row belongs to one of the families above; sizes 2..1e6 and both element types are
/// covered; prints the total number of reference values in the tables.
#[test]
fn tables_cover_every_function_and_size() {
    let t = Tables::get();
    let families = [ENTROPIES, CROSS_KL, OTHER_DIVERGENCES, LOSSES, SCALARS];
    let mut values = 0usize;
    let mut sizes = std::collections::BTreeSet::new();
    let mut f32_funcs = std::collections::BTreeSet::new();
    for row in &t.rows {
        assert!(
            families.iter().any(|fam| fam.contains(&row.func.as_str())),
            "{}: function not checked by any test",
            row.label()
        );
        values += match row.expected.strip_prefix("v:") {
            Some(_) => t.vector(&row.expected).len(),
            None => 1,
        };
        if !row.p.is_empty() && !SCALARS.contains(&row.func.as_str()) {
            let p = t.vector(&row.p);
            sizes.insert(p.len());
            if matches!(*p, Vector::F32(_)) {
                f32_funcs.insert(row.func.clone());
            }
        }
    }
    for n in [2, 3, 10, 100, 1000, 10_000, 100_000, 1_000_000] {
        assert!(sizes.contains(&n), "no vector of size {n}");
    }
    for func in ["entropy", "kl_divergence", "cross_entropy"] {
        assert!(f32_funcs.contains(func), "no f32 rows for {func}");
    }
    let every = families.concat();
    for func in every {
        assert!(
            t.rows.iter().any(|r| r.func == func),
            "no reference rows for {func}"
        );
    }
    eprintln!(
        "reference tables: {} rows, {values} reference values, {} committed vectors, {} \
         generated vectors, sizes {:?}",
        t.rows.len(),
        t.vectors.len(),
        t.generated.len(),
        sizes
    );
}
