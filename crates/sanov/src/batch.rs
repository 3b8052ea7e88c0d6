//! Row-wise batched forms: one distribution per row of a 2-D array, one result per row written
//! into a caller buffer.
//!
//! This driver sits above [`crate::measures`] and [`crate::divergences`] (it calls them once
//! per row), so that [`crate::kernels`] stays a leaf. Until 0.2 it lived at `sanov::kernels`;
//! the old paths remain there as deprecated forwarders for one release.
//!
//! Rust-only as functions: Python reaches each of them through the `axis=` argument of the
//! single-vector function (`sanov.entropy(P, axis=1)` calls [`entropy_into`]).

use crate::divergences;
use crate::error::Result;
use crate::measures;
use crate::par::Par;
use crate::real::Real;
use crate::rows::rows_into;
pub use crate::rows::NanPolicy;
use crate::units::Base;
use ndarray::ArrayView2;

macro_rules! doc_batch {
    ($name:literal, $single:literal) => {
        concat!(
            "Row-wise ",
            $name,
            ": `out[r]` = [`",
            $single,
            "`] of row `r`.\n\n",
            "Rows of `p` (and `q`) are distributions; `out` must have one slot per row. ",
            "Strided rows are copied to a buffer, contiguous rows are read in place.\n\n",
            "# Errors\n",
            "[`crate::Error::ShapeMismatch`] if `out` or `q` do not match `p`; [`crate::Error::Empty`] for zero ",
            "columns; otherwise the errors of [`",
            $single,
            "`], with `index` counted row-major over the whole matrix and `row` set in ",
            "[`crate::Error::NotNormalized`]. A 0-row input writes nothing and succeeds.\n\n",
            "# Examples\n```\nuse ndarray::array;\nuse sanov::{batch, Base, Par, batch::NanPolicy};\n",
            "let p = array![[0.5, 0.5], [0.25, 0.75]];\nlet mut out = [0.0; 2];\n",
            "batch::entropy_into(&mut out, p.view(), Base::Bits, Par::Seq, NanPolicy::Raise)?;\n",
            "assert_eq!(out[0], 1.0);\n# Ok::<(), sanov::Error>(())\n```\n"
        )
    };
}

#[doc = doc_batch!("Shannon entropy", "crate::measures::entropy")]
pub fn entropy_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    base: Base,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    rows_into(out, p, None, par, nan, |p, _| measures::entropy(p, base))
}

#[doc = doc_batch!("Rényi entropy of order `alpha`", "crate::measures::renyi_entropy")]
pub fn renyi_entropy_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    alpha: f64,
    base: Base,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    measures::check_renyi_alpha(alpha)?;
    rows_into(out, p, None, par, nan, |p, _| {
        measures::renyi_entropy(p, alpha, base)
    })
}

#[doc = doc_batch!("Tsallis entropy of index `q`", "crate::measures::tsallis_entropy")]
pub fn tsallis_entropy_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    q: f64,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    measures::check_tsallis_q(q)?;
    rows_into(out, p, None, par, nan, |p, _| {
        measures::tsallis_entropy(p, q)
    })
}

macro_rules! pair_into {
    ($(#[$m:meta])* $name:ident, $f:path, base) => {
        $(#[$m])*
        pub fn $name<T: Real>(
            out: &mut [f64],
            p: ArrayView2<'_, T>,
            q: ArrayView2<'_, T>,
            base: Base,
            par: Par,
            nan: NanPolicy,
        ) -> Result<()> {
            rows_into(out, p, Some(q), par, nan, |p, q| {
                $f(p, q.unwrap_or_default(), base)
            })
        }
    };
    ($(#[$m:meta])* $name:ident, $f:path) => {
        $(#[$m])*
        pub fn $name<T: Real>(
            out: &mut [f64],
            p: ArrayView2<'_, T>,
            q: ArrayView2<'_, T>,
            par: Par,
            nan: NanPolicy,
        ) -> Result<()> {
            rows_into(out, p, Some(q), par, nan, |p, q| $f(p, q.unwrap_or_default()))
        }
    };
}

pair_into!(
    #[doc = doc_batch!("cross-entropy", "crate::measures::cross_entropy")]
    cross_entropy_into,
    measures::cross_entropy,
    base
);
pair_into!(
    #[doc = doc_batch!("Kullback–Leibler divergence", "crate::divergences::kl_divergence")]
    kl_divergence_into,
    divergences::kl_divergence,
    base
);
pair_into!(
    #[doc = doc_batch!("Jensen–Shannon divergence", "crate::divergences::js_divergence")]
    js_divergence_into,
    divergences::js_divergence,
    base
);
pair_into!(
    #[doc = doc_batch!("Hellinger distance", "crate::divergences::hellinger_distance")]
    hellinger_distance_into,
    divergences::hellinger_distance
);
pair_into!(
    #[doc = doc_batch!("total variation distance", "crate::divergences::total_variation_distance")]
    total_variation_distance_into,
    divergences::total_variation_distance
);
pair_into!(
    #[doc = doc_batch!("Pearson χ² divergence", "crate::divergences::chi2_divergence")]
    chi2_divergence_into,
    divergences::chi2_divergence
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use ndarray::{array, Array2, ShapeBuilder};

    #[test]
    fn rows_match_single_vectors_and_parallel_matches_sequential() {
        let n = 300;
        let cols = 97;
        let mut p = Array2::<f64>::zeros((n, cols));
        for (r, mut row) in p.rows_mut().into_iter().enumerate() {
            for (c, x) in row.iter_mut().enumerate() {
                *x = ((r * 31 + c * 7) % 13) as f64 + 0.5;
            }
            let s: f64 = row.sum();
            row.mapv_inplace(|x| x / s);
        }
        let mut seq = vec![0.0; n];
        let mut par = vec![0.0; n];
        entropy_into(&mut seq, p.view(), Base::Nats, Par::Seq, NanPolicy::Raise).unwrap();
        entropy_into(
            &mut par,
            p.view(),
            Base::Nats,
            Par::rayon(2),
            NanPolicy::Raise,
        )
        .unwrap();
        assert_eq!(seq, par);
        for (r, &h) in seq.iter().enumerate() {
            let row = p.row(r).to_vec();
            assert_eq!(h, measures::entropy(&row, Base::Nats).unwrap());
        }
        // F-ordered (strided rows) input gives the same numbers.
        let mut f = Array2::<f64>::zeros((n, cols).f());
        f.assign(&p);
        let mut fo = vec![0.0; n];
        entropy_into(&mut fo, f.view(), Base::Nats, Par::Seq, NanPolicy::Raise).unwrap();
        assert_eq!(seq, fo);
    }

    #[test]
    fn errors_carry_row_and_flat_index() {
        let p = array![[0.5, 0.5], [0.5, -0.5], [0.2, 0.2]];
        let mut out = [0.0; 3];
        let e = entropy_into(&mut out, p.view(), Base::Nats, Par::Seq, NanPolicy::Raise);
        assert!(matches!(
            e,
            Err(Error::NegativeProbability { index: 3, .. })
        ));
        let p = array![[0.5, 0.5], [0.2, 0.2]];
        let mut out = [0.0; 2];
        let e = entropy_into(&mut out, p.view(), Base::Nats, Par::Seq, NanPolicy::Raise);
        assert!(matches!(e, Err(Error::NotNormalized { row: Some(1), .. })));
        let mut short = [0.0; 1];
        let e = entropy_into(&mut short, p.view(), Base::Nats, Par::Seq, NanPolicy::Raise);
        assert!(matches!(e, Err(Error::ShapeMismatch { arg: "out", .. })));
    }

    #[test]
    fn nan_policy() {
        let p = array![[0.5, 0.5], [f64::NAN, 0.5]];
        let q = array![[0.5, 0.5], [0.5, 0.5]];
        let mut out = [0.0; 2];
        let e = kl_divergence_into(
            &mut out,
            p.view(),
            q.view(),
            Base::Nats,
            Par::Seq,
            NanPolicy::Raise,
        );
        assert!(matches!(e, Err(Error::NonFinite { index: 2, .. })));
        kl_divergence_into(
            &mut out,
            p.view(),
            q.view(),
            Base::Nats,
            Par::Seq,
            NanPolicy::Propagate,
        )
        .unwrap();
        assert_eq!(out[0], 0.0);
        assert!(out[1].is_nan());
    }
}
