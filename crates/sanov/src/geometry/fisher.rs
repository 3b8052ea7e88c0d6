//! The Fisher information of each family ([`FisherMetric`] implementations).

use ndarray::{array, Array2};

use super::FisherMetric;
use crate::families::{
    Bernoulli, Beta, Categorical, Dirichlet, Exponential, Gamma, Geometric, Laplace,
    MultivariateNormal, Normal, Poisson, VonMises,
};
use crate::special::{bessel_i1_i0_ratio, trigamma};

/// `p = P(X = 1)`: `I(p) = 1/(p(1−p))` (`+∞` at `p ∈ {0, 1}`).
impl FisherMetric for Bernoulli {
    fn parameterization(&self) -> &'static str {
        "p"
    }
    fn coordinates(&self) -> Vec<f64> {
        vec![self.p()]
    }
    fn fisher_information(&self) -> Array2<f64> {
        let p = self.p();
        array![[1.0 / (p * (1.0 - p))]]
    }
}

/// `first_k_minus_1`: the coordinates `(p_1, …, p_{K−1})` with `p_K = 1 − Σ_{i<K} p_i`;
/// `I = diag(1/p_i) + (1/p_K) 11ᵀ` (`(K−1) × (K−1)`; `0 × 0` for `K = 1`).
impl FisherMetric for Categorical {
    fn parameterization(&self) -> &'static str {
        "first_k_minus_1"
    }
    fn coordinates(&self) -> Vec<f64> {
        let p = self.probs();
        p[..p.len() - 1].to_vec()
    }
    fn fisher_information(&self) -> Array2<f64> {
        let p = self.probs();
        let k = p.len() - 1;
        let last = 1.0 / p[k];
        let mut m = Array2::from_elem((k, k), last);
        for i in 0..k {
            m[[i, i]] += 1.0 / p[i];
        }
        m
    }
}

/// `loc_scale`: `θ = (μ, σ)`, `I = diag(1/σ², 2/σ²)`.
impl FisherMetric for Normal {
    fn parameterization(&self) -> &'static str {
        "loc_scale"
    }
    fn coordinates(&self) -> Vec<f64> {
        vec![self.loc(), self.scale()]
    }
    fn fisher_information(&self) -> Array2<f64> {
        let v = self.scale() * self.scale();
        array![[1.0 / v, 0.0], [0.0, 2.0 / v]]
    }
}

impl Normal {
    /// The Fisher information in the `loc_variance` coordinates `θ = (μ, σ²)`:
    /// `I = diag(1/σ², 1/(2σ⁴))`.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Normal;
    /// let i = Normal::new(0.0, 2.0)?.fisher_information_loc_variance();
    /// assert_eq!((i[[0, 0]], i[[1, 1]], i[[0, 1]]), (0.25, 1.0 / 32.0, 0.0));
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn fisher_information_loc_variance(&self) -> Array2<f64> {
        let v = self.scale() * self.scale();
        array![[1.0 / v, 0.0], [0.0, 0.5 / (v * v)]]
    }
}

/// `rate`: `I(λ) = 1/λ`.
impl FisherMetric for Poisson {
    fn parameterization(&self) -> &'static str {
        "rate"
    }
    fn coordinates(&self) -> Vec<f64> {
        vec![self.rate()]
    }
    fn fisher_information(&self) -> Array2<f64> {
        array![[1.0 / self.rate()]]
    }
}

/// `rate`: `I(λ) = 1/λ²`.
impl FisherMetric for Exponential {
    fn parameterization(&self) -> &'static str {
        "rate"
    }
    fn coordinates(&self) -> Vec<f64> {
        vec![self.rate()]
    }
    fn fisher_information(&self) -> Array2<f64> {
        let r = self.rate();
        array![[1.0 / (r * r)]]
    }
}

/// `shape_rate`: `θ = (a, b)`, `I = [[ψ′(a), −1/b], [−1/b, a/b²]]`.
impl FisherMetric for Gamma {
    fn parameterization(&self) -> &'static str {
        "shape_rate"
    }
    fn coordinates(&self) -> Vec<f64> {
        vec![self.shape(), self.rate()]
    }
    fn fisher_information(&self) -> Array2<f64> {
        let (a, b) = (self.shape(), self.rate());
        array![[trigamma(a), -1.0 / b], [-1.0 / b, a / (b * b)]]
    }
}

/// `alpha_beta`: `θ = (α, β)`,
/// `I = [[ψ′(α) − ψ′(α+β), −ψ′(α+β)], [−ψ′(α+β), ψ′(β) − ψ′(α+β)]]`.
impl FisherMetric for Beta {
    fn parameterization(&self) -> &'static str {
        "alpha_beta"
    }
    fn coordinates(&self) -> Vec<f64> {
        vec![self.alpha(), self.beta()]
    }
    fn fisher_information(&self) -> Array2<f64> {
        let (a, b) = (self.alpha(), self.beta());
        let s = trigamma(a + b);
        array![[trigamma(a) - s, -s], [-s, trigamma(b) - s]]
    }
}

/// `alpha`: `I = diag(ψ′(α_i)) − ψ′(α₀) 11ᵀ`, `α₀ = Σ α_i`.
impl FisherMetric for Dirichlet {
    fn parameterization(&self) -> &'static str {
        "alpha"
    }
    fn coordinates(&self) -> Vec<f64> {
        self.alpha().to_vec()
    }
    fn fisher_information(&self) -> Array2<f64> {
        let a = self.alpha();
        let s = trigamma(a.iter().sum());
        let mut m = Array2::from_elem((a.len(), a.len()), -s);
        for (i, &ai) in a.iter().enumerate() {
            m[[i, i]] += trigamma(ai);
        }
        m
    }
}

/// `loc_scale`: `θ = (μ, b)`, `I = diag(1/b², 1/b²)` (the score of `μ` is `sign(x − μ)/b`,
/// defined except at one point).
impl FisherMetric for Laplace {
    fn parameterization(&self) -> &'static str {
        "loc_scale"
    }
    fn coordinates(&self) -> Vec<f64> {
        vec![self.loc(), self.scale()]
    }
    fn fisher_information(&self) -> Array2<f64> {
        let v = 1.0 / (self.scale() * self.scale());
        array![[v, 0.0], [0.0, v]]
    }
}

/// `loc_concentration`: `θ = (μ, κ)`, `I = diag(κ A(κ), A′(κ))` with `A = I₁/I₀` and
/// `A′ = 1 − A/κ − A²` (singular at `κ = 0`, where `μ` is not identified).
impl FisherMetric for VonMises {
    fn parameterization(&self) -> &'static str {
        "loc_concentration"
    }
    fn coordinates(&self) -> Vec<f64> {
        vec![self.loc(), self.concentration()]
    }
    fn fisher_information(&self) -> Array2<f64> {
        let k = self.concentration();
        array![
            [k * bessel_i1_i0_ratio(k), 0.0],
            [0.0, bessel_ratio_derivative(k)]
        ]
    }
}

/// `p` (trials): `I(p) = 1/(p²(1−p))` (`+∞` at `p = 1`).
impl FisherMetric for Geometric {
    fn parameterization(&self) -> &'static str {
        "p"
    }
    fn coordinates(&self) -> Vec<f64> {
        vec![self.p()]
    }
    fn fisher_information(&self) -> Array2<f64> {
        let p = self.p();
        array![[1.0 / (p * p * (1.0 - p))]]
    }
}

/// `mean_cov`: `θ = (μ, vech Σ)`, the mean followed by the lower triangle of `Σ` row by row
/// (`Σ₀₀, Σ₁₀, Σ₁₁, Σ₂₀, …`; each off-diagonal entry once, moving `Σ_ij` and `Σ_ji` together).
/// The mean block is `Σ⁻¹`, the covariance block
/// `I_(ij),(kl) = ½ tr(Σ⁻¹ E_ij Σ⁻¹ E_kl)` with `E_ij = ∂Σ/∂Σ_ij`, and the cross block is 0.
impl FisherMetric for MultivariateNormal {
    fn parameterization(&self) -> &'static str {
        "mean_cov"
    }
    fn coordinates(&self) -> Vec<f64> {
        let k = self.dim();
        let cov = self.cov();
        let mut c = self.mean().to_vec();
        for i in 0..k {
            for j in 0..=i {
                c.push(cov[[i, j]]);
            }
        }
        c
    }
    fn fisher_information(&self) -> Array2<f64> {
        let k = self.dim();
        let s = spd_inverse(self.chol());
        let pairs: Vec<(usize, usize)> =
            (0..k).flat_map(|i| (0..=i).map(move |j| (i, j))).collect();
        let n = k + pairs.len();
        let mut m = Array2::<f64>::zeros((n, n));
        for i in 0..k {
            for j in 0..k {
                m[[i, j]] = s[[i, j]];
            }
        }
        // E_ij = e_i e_jᵀ + e_j e_iᵀ (i ≠ j) or e_i e_iᵀ; tr(S e_a e_bᵀ S e_c e_dᵀ) = S_da S_bc.
        let terms = |(i, j): (usize, usize)| -> Vec<(usize, usize)> {
            if i == j {
                vec![(i, i)]
            } else {
                vec![(i, j), (j, i)]
            }
        };
        for (x, &pa) in pairs.iter().enumerate() {
            for (y, &pb) in pairs.iter().enumerate() {
                let mut t = 0.0;
                for &(a, b) in &terms(pa) {
                    for &(c, d) in &terms(pb) {
                        t += s[[d, a]] * s[[b, c]];
                    }
                }
                m[[k + x, k + y]] = 0.5 * t;
            }
        }
        m
    }
}

/// `Σ⁻¹ = L⁻ᵀ L⁻¹` from the lower Cholesky factor `L`, symmetrised.
pub(crate) fn spd_inverse(l: &Array2<f64>) -> Array2<f64> {
    let k = l.nrows();
    let mut inv = Array2::<f64>::zeros((k, k));
    for c in 0..k {
        let mut e = vec![0.0; k];
        e[c] = 1.0;
        let x = crate::linalg::cholesky_solve(l, &e);
        for r in 0..k {
            inv[[r, c]] = x[r];
        }
    }
    // Exactly symmetric (the two triangles differ in the last bits).
    for r in 0..k {
        for c in 0..r {
            let v = 0.5 * (inv[[r, c]] + inv[[c, r]]);
            inv[[r, c]] = v;
            inv[[c, r]] = v;
        }
    }
    inv
}

/// Above this the Hankel (large-argument) sums are used. Higher than the switch of
/// `special::bessel` (20): `A′` needs the sums to ~1e-18 relative, which they reach only above
/// ~30 (at 20 the smallest term is ~1e-17), while the direct form loses ~2κ² ulps (~2e-13 at 30).
const HANKEL_FROM: f64 = 30.0;

/// `A′(κ) = d/dκ (I₁/I₀) = 1 − A/κ − A²` (`½` at `κ = 0`).
///
/// For `κ > 30` the two `≈ 1/κ` terms of `(1 − A)(1 + A) − A/κ` cancel to `≈ 1/(2κ²)`, so the
/// value is assembled from the Hankel sums `I_ν(κ) ∝ Σ_k a_k^{(ν)}` without that cancellation:
/// with `u = 1 − A` and `ε = u − 1/(2κ)` (both from the sums term by term),
/// `A′ = 2ε − u² + u/κ`.
pub(crate) fn bessel_ratio_derivative(k: f64) -> f64 {
    if k == 0.0 {
        return 0.5;
    }
    if k <= HANKEL_FROM {
        let a = bessel_i1_i0_ratio(k);
        return 1.0 - a / k - a * a;
    }
    // Hankel sums (Abramowitz & Stegun 9.7.1): s_ν = Σ_k a_k^{(ν)}, a_0 = 1,
    // a_k = −a_{k−1} (4ν² − (2k−1)²)/(8kκ).
    let (mut a0, mut a1) = (1.0f64, 1.0f64);
    let (mut s0m1, mut rest) = (0.0, 0.0); // s0 − 1 and Σ_{k≥2} (a0_k − a1_k)
    let mut j = 1.0;
    loop {
        let odd = (2.0 * j - 1.0) * (2.0 * j - 1.0);
        let n0 = a0 * odd / (j * 8.0 * k);
        let n1 = -a1 * (4.0 - odd) / (j * 8.0 * k);
        if j > 1.0 && (n0.abs() > a0.abs() || n1.abs() > a1.abs()) {
            break;
        }
        a0 = n0;
        a1 = n1;
        s0m1 += a0;
        if j > 1.0 {
            rest += a0 - a1;
        }
        if j > 1.0 && a0.abs() <= 1e-18 && (a0 - a1).abs() <= 1e-18 * rest.abs() {
            break;
        }
        j += 1.0;
    }
    let s0 = 1.0 + s0m1;
    let half = 0.5 / k;
    let u = (half + rest) / s0; // 1 − A = (s0 − s1)/s0
    let eps = (rest - s0m1 * half) / s0; // u − 1/(2κ)
    2.0 * eps - u * u + u / k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bessel_ratio_derivative_is_continuous_at_the_switch() {
        let below = bessel_ratio_derivative(HANKEL_FROM);
        let above = bessel_ratio_derivative(HANKEL_FROM * (1.0 + 1e-12));
        assert!(
            (below - above).abs() <= 1e-12 * below,
            "{below:e} vs {above:e}"
        );
        // mpmath (40 digits): A′(50) = 2.020626386760374230e-4.
        let a50 = 2.020626386760374230e-4;
        assert!((bessel_ratio_derivative(50.0) - a50).abs() <= 1e-14 * a50);
        // Large κ: A′ ≈ 1/(2κ²) + 1/(4κ³).
        let k = 1e6;
        let want = 0.5 / (k * k) + 0.25 / (k * k * k);
        assert!((bessel_ratio_derivative(k) - want).abs() <= 1e-10 * want);
    }
}
