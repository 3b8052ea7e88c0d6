//! A small seeded generator for the library's own reproducible draws (the Dirichlet type of
//! Figure 1, the noise of the k-NN estimators): splitmix64 (Steele, Lea & Flood, "Fast splittable
//! pseudorandom number generators", OOPSLA 2014). Not exported: callers name a seed, the stream
//! is part of their documented behaviour.

/// splitmix64: a 64-bit state advanced by a Weyl sequence and mixed.
pub(crate) struct SplitMix64(pub(crate) u64);

impl SplitMix64 {
    /// The stream of chunk `index` under `seed`: one generator per fixed-size piece of work, so
    /// that the draws do not depend on how many threads share the pieces.
    pub(crate) fn stream(seed: u64, index: u64) -> Self {
        let mut g = Self(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        g.next_u64();
        g
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`: `(x >> 11) · 2^-53`.
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Two independent standard normal draws (Box–Muller on `1 − u₁ ∈ (0, 1]`).
    pub(crate) fn normal_pair(&mut self) -> (f64, f64) {
        let u1 = 1.0 - self.next_f64();
        let u2 = self.next_f64();
        let r = (-2.0 * u1.ln()).sqrt();
        let t = core::f64::consts::TAU * u2;
        (r * t.cos(), r * t.sin())
    }
}
