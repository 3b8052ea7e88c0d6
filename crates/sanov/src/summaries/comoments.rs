//! Count, means and co-moments of continuous columns, merged pairwise (Chan et al.).

use ndarray::{Array2, ArrayView2};

use super::wire::{Reader, Writer};
use crate::error::{Error, Result};
use crate::linalg::cholesky_logdet;
use crate::multivariate::gaussian_mutual_information_cov;
use crate::sum::Neumaier;
use crate::units::Base;

/// Magic bytes of the serialised layout.
const MAGIC: [u8; 4] = *b"SNCM";
/// Current layout version.
const VERSION: u8 = 1;

/// The count `n`, the mean vector `x̄` and the co-moment matrix
/// `M = Σ_s (x_s − x̄)(x_s − x̄)ᵀ` of `d` continuous columns: the sufficient statistic of the
/// Gaussian mutual information and total correlation.
///
/// Built per chunk of rows by two compensated passes (means, then centred products), and merged with the
/// pairwise update of Chan, Golub & LeVeque (1979)[^chan]: for chunks `A`, `B` with
/// `δ = x̄_B − x̄_A`,
///
/// $$ n = n_A + n_B,\quad \bar x = \bar x_A + δ\,\frac{n_B}{n},\quad
///    M = M_A + M_B + δ δᵀ \frac{n_A n_B}{n} $$
///
/// which is numerically stable in any merge order (the relative difference from a single pass
/// stays at rounding level, about `1e-15` for well-scaled data). The covariance is `M/(n − 1)`.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::summaries::CoMoments;
/// let x = array![[1.0, 2.0], [2.0, 1.0], [4.0, 5.0], [3.0, 3.0]];
/// let mut m = CoMoments::from_rows(x.slice(ndarray::s![..1, ..]))?;
/// m.merge(&CoMoments::from_rows(x.slice(ndarray::s![1.., ..]))?)?;
/// let whole = CoMoments::from_rows(x.view())?;
/// assert!((m.covariance()?[[0, 1]] - whole.covariance()?[[0, 1]]).abs() < 1e-15);
/// assert_eq!(CoMoments::from_bytes(&m.to_bytes())?, m);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// [^chan]: T. F. Chan, G. H. Golub and R. J. LeVeque, "Updating formulae and a pairwise
///     algorithm for computing sample variances", Stanford CS report STAN-CS-79-773 (1979).
#[derive(Debug, Clone, PartialEq)]
pub struct CoMoments {
    /// Number of columns `d`.
    dim: usize,
    /// Number of rows `n`.
    n: u64,
    /// Column means (zeros while `n = 0`).
    mean: Vec<f64>,
    /// `d × d` co-moment matrix, row-major, symmetric.
    m2: Vec<f64>,
}

impl CoMoments {
    /// The summary of no rows of `dim ≥ 1` columns.
    ///
    /// # Errors
    /// [`Error::Empty`] if `dim` is 0.
    pub fn empty(dim: usize) -> Result<Self> {
        if dim == 0 {
            return Err(Error::Empty { arg: "columns" });
        }
        Ok(Self {
            dim,
            n: 0,
            mean: vec![0.0; dim],
            m2: vec![0.0; dim * dim],
        })
    }

    /// The summary of the rows of an `n × d` array (`n = 0` allowed).
    ///
    /// # Errors
    /// [`Error::Empty`] for zero columns; [`Error::NonFinite`] for a NaN or infinite value
    /// (its row-major index).
    pub fn from_rows(x: ArrayView2<'_, f64>) -> Result<Self> {
        let (n, d) = x.dim();
        let mut s = Self::empty(d)?;
        for (k, &v) in x.iter().enumerate() {
            if !v.is_finite() {
                return Err(Error::NonFinite {
                    arg: "x",
                    index: k,
                    value: v,
                });
            }
        }
        if n == 0 {
            return Ok(s);
        }
        // Compensated sums: the merge's δ = x̄_B − x̄_A is a small difference of means, so the
        // means must be accurate to a few ulps for the merged co-moments to match a single pass.
        let mut sums = vec![Neumaier::default(); d];
        for row in x.rows() {
            for (acc, &v) in sums.iter_mut().zip(row) {
                acc.add(v);
            }
        }
        for (m, acc) in s.mean.iter_mut().zip(sums) {
            *m = acc.total() / n as f64;
        }
        let mut prods = vec![Neumaier::default(); d * d];
        let mut c = vec![0.0; d];
        for row in x.rows() {
            for (cj, (&v, &m)) in c.iter_mut().zip(row.iter().zip(&s.mean)) {
                *cj = v - m;
            }
            for i in 0..d {
                for j in 0..=i {
                    prods[i * d + j].add(c[i] * c[j]);
                }
            }
        }
        for (m, acc) in s.m2.iter_mut().zip(prods) {
            *m = acc.total();
        }
        s.n = n as u64;
        s.symmetrize();
        Ok(s)
    }

    /// Adds the rows summarised by `other` (Chan et al.'s pairwise update).
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] for a different number of columns.
    pub fn merge(&mut self, other: &CoMoments) -> Result<()> {
        if other.dim != self.dim {
            return Err(Error::ShapeMismatch {
                arg: "other",
                expected: vec![self.dim],
                found: vec![other.dim],
            });
        }
        if other.n == 0 {
            return Ok(());
        }
        if self.n == 0 {
            *self = other.clone();
            return Ok(());
        }
        let d = self.dim;
        let (na, nb) = (self.n as f64, other.n as f64);
        let n = na + nb;
        let delta: Vec<f64> = other
            .mean
            .iter()
            .zip(&self.mean)
            .map(|(b, a)| b - a)
            .collect();
        let w = na * nb / n;
        for i in 0..d {
            for j in 0..d {
                self.m2[i * d + j] += other.m2[i * d + j] + delta[i] * delta[j] * w;
            }
        }
        for (m, dl) in self.mean.iter_mut().zip(&delta) {
            *m += dl * (nb / n);
        }
        self.n += other.n;
        Ok(())
    }

    /// The number of columns `d`.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The number of rows `n`.
    pub fn count(&self) -> u64 {
        self.n
    }

    /// The column means.
    pub fn mean(&self) -> &[f64] {
        &self.mean
    }

    /// The co-moment matrix `M` (`d × d`).
    pub fn comoments(&self) -> Array2<f64> {
        Array2::from_shape_vec((self.dim, self.dim), self.m2.clone())
            .expect("m2 holds d × d entries")
    }

    /// The sample covariance `M / (n − 1)` (NumPy's `np.cov(x, rowvar=False)`).
    ///
    /// # Errors
    /// [`Error::Empty`] unless `n ≥ 2`.
    pub fn covariance(&self) -> Result<Array2<f64>> {
        if self.n < 2 {
            return Err(Error::Empty { arg: "rows" });
        }
        Ok(self.comoments() / (self.n - 1) as f64)
    }

    /// Gaussian mutual information between the column groups `x` and `y`, from the covariance
    /// (see [`gaussian_mutual_information_cov`]).
    ///
    /// # Errors
    /// Those of [`CoMoments::covariance`] and [`gaussian_mutual_information_cov`].
    pub fn gaussian_mutual_information(&self, x: &[usize], y: &[usize], base: Base) -> Result<f64> {
        gaussian_mutual_information_cov(self.covariance()?.view(), x, y, base)
    }

    /// Gaussian total correlation of the columns `cols` (all columns when empty):
    ///
    /// $$ C(X_1, …, X_m) = \tfrac12 \Big( \sum_i \ln Σ_{ii} − \ln \det Σ \Big) $$
    ///
    /// # Errors
    /// Those of [`CoMoments::covariance`]; [`Error::IndexOutOfRange`] or
    /// [`Error::InvalidIndexSet`] for `cols`; [`Error::NotPositiveDefinite`] if the covariance
    /// of `cols` is singular.
    pub fn gaussian_total_correlation(&self, cols: &[usize], base: Base) -> Result<f64> {
        let cov = self.covariance()?;
        let all: Vec<usize> = if cols.is_empty() {
            (0..self.dim).collect()
        } else {
            cols.to_vec()
        };
        for (i, &c) in all.iter().enumerate() {
            if c >= self.dim {
                return Err(Error::IndexOutOfRange {
                    arg: "cols",
                    index: c,
                    len: self.dim,
                });
            }
            if all[..i].contains(&c) {
                return Err(Error::InvalidIndexSet {
                    arg: "cols",
                    reason: "repeated columns",
                });
            }
        }
        let sub = Array2::from_shape_fn((all.len(), all.len()), |(i, j)| cov[[all[i], all[j]]]);
        let logdet =
            cholesky_logdet(sub.view()).ok_or(Error::NotPositiveDefinite { arg: "cov" })?;
        let diag: f64 = all.iter().map(|&i| cov[[i, i]].ln()).sum();
        Ok(base.from_nats(0.5 * (diag - logdet)))
    }

    /// The serialised summary, layout version 1 (little-endian): `b"SNCM"`, version
    /// `u8 = 1`, `d: u32`, `n: u64`, the `d` means (`f64`), then the upper triangle of `M`
    /// row by row (`d(d + 1)/2` `f64`). `17 + 8d + 4d(d + 1)` bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let d = self.dim;
        let mut w = Writer(Vec::with_capacity(17 + 8 * d + 4 * d * (d + 1)));
        w.0.extend_from_slice(&MAGIC);
        w.u8(VERSION);
        w.u32(d as u32);
        w.u64(self.n);
        for &m in &self.mean {
            w.f64(m);
        }
        for i in 0..d {
            for j in i..d {
                w.f64(self.m2[i * d + j]);
            }
        }
        w.0
    }

    /// Reads a summary written by [`CoMoments::to_bytes`].
    ///
    /// # Errors
    /// [`Error::Malformed`]: wrong magic or version, truncated or trailing bytes, zero
    /// columns, a non-finite value.
    pub fn from_bytes(bytes: &[u8]) -> Result<CoMoments> {
        let mut r = Reader::new(bytes, "co-moment summary", MAGIC, VERSION)?;
        let d = r.u32()? as usize;
        if d == 0 {
            return Err(r.bad("zero columns"));
        }
        let n = r.u64()?;
        let tri = (d as u64) * (d as u64 + 1) / 2;
        r.expect((d as u64).saturating_add(tri), 8)?;
        let mut s = Self::empty(d)?;
        s.n = n;
        for m in &mut s.mean {
            *m = r.f64()?;
        }
        for i in 0..d {
            for j in i..d {
                s.m2[i * d + j] = r.f64()?;
            }
        }
        if s.mean.iter().chain(&s.m2).any(|v| !v.is_finite()) {
            return Err(r.bad("a non-finite value"));
        }
        r.finish()?;
        for i in 0..d {
            for j in 0..i {
                s.m2[i * d + j] = s.m2[j * d + i];
            }
        }
        Ok(s)
    }

    /// Copies the lower triangle onto the upper.
    fn symmetrize(&mut self) {
        let d = self.dim;
        for i in 0..d {
            for j in i + 1..d {
                self.m2[i * d + j] = self.m2[j * d + i];
            }
        }
    }
}
