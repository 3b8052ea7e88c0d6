//! The Hessian of `θ′ ↦ KL(p_θ ‖ p_θ′)` at `θ′ = θ` by Richardson-extrapolated central
//! differences: the Fisher–KL curvature check.

use ndarray::{Array1, Array2};

use super::FisherMetric;
use crate::error::{Error, Result};
use crate::families::{
    Bernoulli, Beta, Categorical, Dirichlet, Exponential, Gamma, Geometric, Laplace,
    MultivariateNormal, Normal, Poisson, VonMises,
};

/// Relative step of [`kl_hessian`]: coordinate `i` is moved by `h_i = KL_HESSIAN_STEP · |θ_i|`
/// (`KL_HESSIAN_STEP` itself where `θ_i = 0`), and by `h_i / 2` for the extrapolation.
pub const KL_HESSIAN_STEP: f64 = 1e-3;

/// The Hessian `∂²/∂θ′_i∂θ′_j KL(p_θ ‖ p_θ′)` at `θ′ = θ`, which equals the Fisher information
/// `I(θ)` (Kullback 1959, ch. 2.6; Amari & Nagaoka 2000, §3.2):
///
/// $$ \mathrm{KL}(p_\theta\,\|\,p_{\theta+\delta}) = \tfrac12\,\delta^\top I(\theta)\,\delta
///    + O(\lVert\delta\rVert^3). $$
///
/// `kl(θ′)` must return `KL(p_θ ‖ p_θ′)` in nats for the fixed `θ` (a family's closed form, e.g.
/// `|t| Normal::new(t[0], t[1]).map(|q| p.kl_divergence(&q))`); `theta` are the coordinates.
///
/// # Scheme
/// Central differences with steps `h_i` ([`KL_HESSIAN_STEP`]): the diagonal
/// `D_ii(h) = [f(θ + h_i e_i) − 2f(θ) + f(θ − h_i e_i)] / h_i²` and the off-diagonal
/// `D_ij(h) = [f(+h_i,+h_j) − f(+h_i,−h_j) − f(−h_i,+h_j) + f(−h_i,−h_j)] / (4 h_i h_j)`, each
/// `O(h²)`; one Richardson step `(4 D(h/2) − D(h)) / 3` removes the `h²` term (truncation
/// `O(h⁴)` ≈ `1e-12` relative). Rounding contributes about `ε·|KL terms| / h²` ≈ `1e-10`
/// relative for `O(1)` parameters. The result is symmetric by construction. The `4d² + 2d`
/// evaluations stay within `θ ± h`: `θ` must be at least `1e-3·|θ_i|` inside the domain.
/// The `O(h⁴)` truncation needs a KL that is four times differentiable at `θ′ = θ`; the
/// Laplace KL has a `|δ|³` term in the location, where the error is `O(h)` (≈ 3e-5 relative).
///
/// Rust-only as a function of a closure: Python reaches it by family name,
/// `sanov.kl_hessian(family, params)`, through [`KlCurvature::kl_hessian`].
///
/// # Errors
/// [`Error::Empty`] for no coordinates; [`Error::NonFinite`] (arg `"theta"`) for a non-finite
/// coordinate; any error of `kl` (a step leaving the parameter space); [`Error::NonFinite`]
/// (arg `"kl"`, index = evaluation count) if `kl` returns a non-finite value;
/// [`Error::Cancelled`] when the [`CancelToken`](crate::cancel::CancelToken) of the calling
/// scope is cancelled (checked before every evaluation of `kl`).
///
/// # Examples
/// ```
/// use sanov::families::Normal;
/// use sanov::geometry::{fisher_information, kl_hessian};
/// let p = Normal::new(0.5, 2.0)?;
/// let h = kl_hessian(|t| Ok(p.kl_divergence(&Normal::new(t[0], t[1])?)), &[0.5, 2.0])?;
/// let i = fisher_information(&p); // diag(1/σ², 2/σ²)
/// assert!((h[[0, 0]] - i[[0, 0]]).abs() < 1e-8 && (h[[1, 1]] - i[[1, 1]]).abs() < 1e-8);
/// assert!(h[[0, 1]].abs() < 1e-8);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_hessian<K>(kl: K, theta: &[f64]) -> Result<Array2<f64>>
where
    K: Fn(&[f64]) -> Result<f64>,
{
    let d = theta.len();
    if d == 0 {
        return Err(Error::Empty { arg: "theta" });
    }
    for (index, &value) in theta.iter().enumerate() {
        if !value.is_finite() {
            return Err(Error::NonFinite {
                arg: "theta",
                index,
                value,
            });
        }
    }
    let mut count = 0usize;
    let cancel = crate::cancel::Checker::current();
    let mut f = |delta: &[(usize, f64)]| -> Result<f64> {
        cancel.check()?;
        let mut t = theta.to_vec();
        for &(i, s) in delta {
            t[i] += s;
        }
        let v = kl(&t)?;
        count += 1;
        if !v.is_finite() {
            return Err(Error::NonFinite {
                arg: "kl",
                index: count - 1,
                value: v,
            });
        }
        Ok(v)
    };
    let h0: Vec<f64> = theta
        .iter()
        .map(|&t| {
            if t == 0.0 {
                KL_HESSIAN_STEP
            } else {
                KL_HESSIAN_STEP * t.abs()
            }
        })
        .collect();
    let f0 = f(&[])?;
    let mut out = Array2::zeros((d, d));
    for i in 0..d {
        for j in i..d {
            let mut est = [0.0; 2];
            for (k, scale) in [1.0, 0.5].into_iter().enumerate() {
                let (hi, hj) = (h0[i] * scale, h0[j] * scale);
                est[k] = if i == j {
                    (f(&[(i, hi)])? - 2.0 * f0 + f(&[(i, -hi)])?) / (hi * hi)
                } else {
                    (f(&[(i, hi), (j, hj)])? - f(&[(i, hi), (j, -hj)])? - f(&[(i, -hi), (j, hj)])?
                        + f(&[(i, -hi), (j, -hj)])?)
                        / (4.0 * hi * hj)
                };
            }
            let v = (4.0 * est[1] - est[0]) / 3.0;
            out[[i, j]] = v;
            out[[j, i]] = v;
        }
    }
    Ok(out)
}

/// A family whose members can be rebuilt from their Fisher coordinates
/// ([`FisherMetric::coordinates`]) and compared by their closed-form KL divergence: what
/// [`kl_hessian`] needs to check `∂²KL = I(θ)` on a member, by family.
///
/// # Examples
/// ```
/// use sanov::families::Gamma;
/// use sanov::geometry::{FisherMetric, KlCurvature};
/// let g = Gamma::new(2.5, 1.5)?;
/// let h = g.kl_hessian()?;
/// let i = g.fisher_information();
/// assert!(h.iter().zip(i.iter()).all(|(a, b)| (a - b).abs() < 1e-7 * b.abs().max(1.0)));
/// # Ok::<(), sanov::Error>(())
/// ```
pub trait KlCurvature: FisherMetric + Sized {
    /// The member of the same family (and dimension) at the coordinates `theta`, in the
    /// system of [`FisherMetric::parameterization`] (for the categorical `first_k_minus_1`,
    /// `p_K = 1 − Σ θ_i`; for the multivariate normal `mean_cov`, the mean and then the lower
    /// triangle of the covariance row by row, mirrored).
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] (`arg = "theta"`) if `theta` does not have one entry per
    /// coordinate; the family constructor's error for coordinates outside its parameter space.
    fn with_coordinates(&self, theta: &[f64]) -> Result<Self>;

    /// `KL(self ‖ other)` in nats, in closed form.
    ///
    /// # Errors
    /// As the family's `kl_divergence` (members of different dimensions).
    fn kl_to(&self, other: &Self) -> Result<f64>;

    /// The Hessian of `θ′ ↦ KL(self ‖ p_θ′)` at this member's coordinates, by [`kl_hessian`]:
    /// equal to [`FisherMetric::fisher_information`] within the accuracy stated there.
    ///
    /// # Errors
    /// As [`kl_hessian`]: a step `θ ± h` leaving the parameter space (a member within
    /// `1e-3·|θ_i|` of the boundary, e.g. a categorical with `p_i = 0`) is the constructor's
    /// error.
    fn kl_hessian(&self) -> Result<Array2<f64>> {
        kl_hessian(
            |t| self.kl_to(&self.with_coordinates(t)?),
            &self.coordinates(),
        )
    }
}

/// `theta` if it has `n` entries, else [`Error::LengthMismatch`].
fn coords(theta: &[f64], n: usize) -> Result<&[f64]> {
    if theta.len() == n {
        Ok(theta)
    } else {
        Err(Error::LengthMismatch {
            left_arg: "theta",
            left: theta.len(),
            right_arg: "coordinates",
            right: n,
        })
    }
}

/// `KlCurvature` for a family with `kl_divergence -> f64` and a constructor of its
/// coordinates.
macro_rules! kl_curvature {
    ($t:ty, $n:literal, |$c:ident| $build:expr) => {
        impl KlCurvature for $t {
            fn with_coordinates(&self, theta: &[f64]) -> Result<Self> {
                let $c = coords(theta, $n)?;
                $build
            }
            fn kl_to(&self, other: &Self) -> Result<f64> {
                Ok(self.kl_divergence(other))
            }
        }
    };
}

kl_curvature!(Bernoulli, 1, |c| Bernoulli::new(c[0]));
kl_curvature!(Normal, 2, |c| Normal::new(c[0], c[1]));
kl_curvature!(Poisson, 1, |c| Poisson::new(c[0]));
kl_curvature!(Exponential, 1, |c| Exponential::new(c[0]));
kl_curvature!(Gamma, 2, |c| Gamma::new(c[0], c[1]));
kl_curvature!(Beta, 2, |c| Beta::new(c[0], c[1]));
kl_curvature!(Laplace, 2, |c| Laplace::new(c[0], c[1]));
kl_curvature!(VonMises, 2, |c| VonMises::new(c[0], c[1]));
kl_curvature!(Geometric, 1, |c| Geometric::new(c[0]));

impl KlCurvature for Categorical {
    fn with_coordinates(&self, theta: &[f64]) -> Result<Self> {
        let c = coords(theta, self.probs().len() - 1)?;
        let mut p = c.to_vec();
        p.push(1.0 - c.iter().sum::<f64>());
        Categorical::new(&p)
    }
    fn kl_to(&self, other: &Self) -> Result<f64> {
        self.kl_divergence(other)
    }
}

impl KlCurvature for Dirichlet {
    fn with_coordinates(&self, theta: &[f64]) -> Result<Self> {
        Dirichlet::new(coords(theta, self.alpha().len())?)
    }
    fn kl_to(&self, other: &Self) -> Result<f64> {
        self.kl_divergence(other)
    }
}

impl KlCurvature for MultivariateNormal {
    fn with_coordinates(&self, theta: &[f64]) -> Result<Self> {
        let k = self.dim();
        let c = coords(theta, k + k * (k + 1) / 2)?;
        let mean = Array1::from(c[..k].to_vec());
        let mut cov = Array2::zeros((k, k));
        let lower = (0..k).flat_map(|i| (0..=i).map(move |j| (i, j)));
        for ((i, j), &v) in lower.zip(&c[k..]) {
            cov[[i, j]] = v;
            cov[[j, i]] = v;
        }
        MultivariateNormal::new(mean.view(), cov.view())
    }
    fn kl_to(&self, other: &Self) -> Result<f64> {
        self.kl_divergence(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::families::{Bernoulli, Beta, Exponential, Gamma, Laplace, Normal, Poisson};
    use crate::geometry::FisherMetric;

    /// Relative agreement of the extrapolated Hessian with the closed-form Fisher matrix
    /// (observed: about 1e-9 or better).
    const FISHER_KL_TOL: f64 = 1e-7;

    fn agree(h: &Array2<f64>, i: &Array2<f64>) {
        let scale = i.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        for (a, b) in h.iter().zip(i.iter()) {
            assert!((a - b).abs() <= FISHER_KL_TOL * scale, "{h} vs {i}");
        }
    }

    #[test]
    fn hessian_equals_fisher() {
        let p = Bernoulli::new(0.3).unwrap();
        let h = kl_hessian(|t| Ok(p.kl_divergence(&Bernoulli::new(t[0])?)), &[0.3]).unwrap();
        agree(&h, &p.fisher_information());

        let p = Normal::new(-1.0, 0.7).unwrap();
        let h = kl_hessian(
            |t| Ok(p.kl_divergence(&Normal::new(t[0], t[1])?)),
            &p.coordinates(),
        )
        .unwrap();
        agree(&h, &p.fisher_information());

        let p = Poisson::new(4.0).unwrap();
        let h = kl_hessian(|t| Ok(p.kl_divergence(&Poisson::new(t[0])?)), &[4.0]).unwrap();
        agree(&h, &p.fisher_information());

        let p = Exponential::new(0.5).unwrap();
        let h = kl_hessian(
            |t| Ok(p.kl_divergence(&Exponential::new(t[0])?)),
            &p.coordinates(),
        )
        .unwrap();
        agree(&h, &p.fisher_information());

        let p = Gamma::new(2.5, 1.5).unwrap();
        let h = kl_hessian(
            |t| Ok(p.kl_divergence(&Gamma::new(t[0], t[1])?)),
            &p.coordinates(),
        )
        .unwrap();
        agree(&h, &p.fisher_information());

        let p = Beta::new(2.0, 3.0).unwrap();
        let h = kl_hessian(
            |t| Ok(p.kl_divergence(&Beta::new(t[0], t[1])?)),
            &p.coordinates(),
        )
        .unwrap();
        agree(&h, &p.fisher_information());

        // Laplace: KL has a |δ|³ term in the location (C² but not C³), so the extrapolation
        // only reaches O(h): the Hessian is correct to about 3e-5 relative there.
        let p = Laplace::new(0.0, 1.5).unwrap();
        let h = kl_hessian(
            |t| Ok(p.kl_divergence(&Laplace::new(t[0], t[1])?)),
            &p.coordinates(),
        )
        .unwrap();
        let i = p.fisher_information();
        assert!((h[[0, 0]] - i[[0, 0]]).abs() < 1e-4 * i[[0, 0]]);
        assert!((h[[1, 1]] - i[[1, 1]]).abs() < FISHER_KL_TOL * i[[1, 1]]);
    }

    #[test]
    fn kl_curvature_of_every_family() {
        use crate::families::{Categorical, Dirichlet, Geometric, MultivariateNormal, VonMises};
        agree(
            &Categorical::new(&[0.2, 0.3, 0.5])
                .unwrap()
                .kl_hessian()
                .unwrap(),
            &Categorical::new(&[0.2, 0.3, 0.5])
                .unwrap()
                .fisher_information(),
        );
        let d = Dirichlet::new(&[1.5, 2.0, 3.0]).unwrap();
        agree(&d.kl_hessian().unwrap(), &d.fisher_information());
        let g = Geometric::new(0.3).unwrap();
        agree(&g.kl_hessian().unwrap(), &g.fisher_information());
        let v = VonMises::new(0.5, 2.0).unwrap();
        agree(&v.kl_hessian().unwrap(), &v.fisher_information());
        let cov = ndarray::array![[2.0, 0.3], [0.3, 1.0]];
        let m = MultivariateNormal::new(ndarray::array![0.5, -1.0].view(), cov.view()).unwrap();
        agree(&m.kl_hessian().unwrap(), &m.fisher_information());
        let b = Beta::new(2.0, 3.0).unwrap();
        assert_eq!(
            b.kl_hessian().unwrap(),
            kl_hessian(
                |t| Ok(b.kl_divergence(&Beta::new(t[0], t[1])?)),
                &[2.0, 3.0]
            )
            .unwrap()
        );
        // wrong number of coordinates; a member on the boundary
        assert!(matches!(
            b.with_coordinates(&[1.0]),
            Err(Error::LengthMismatch {
                left_arg: "theta",
                ..
            })
        ));
        assert!(Categorical::new(&[0.0, 1.0]).unwrap().kl_hessian().is_err());
    }

    #[test]
    fn errors() {
        assert!(matches!(
            kl_hessian(|_| Ok(0.0), &[]),
            Err(Error::Empty { arg: "theta" })
        ));
        assert!(matches!(
            kl_hessian(|_| Ok(0.0), &[f64::NAN]),
            Err(Error::NonFinite { arg: "theta", .. })
        ));
        assert!(matches!(
            kl_hessian(|_| Ok(f64::INFINITY), &[1.0]),
            Err(Error::NonFinite { arg: "kl", .. })
        ));
        // a step leaving the parameter space: the family's own error
        let p = Bernoulli::new(1e-4).unwrap();
        assert!(kl_hessian(|t| Ok(p.kl_divergence(&Bernoulli::new(t[0])?)), &[-1e-9]).is_err());
    }
}
