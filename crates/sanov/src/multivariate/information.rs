//! Information measures of a [`Joint`] distribution (dit's conventions, docs/definitions.md).
//!
//! Variable sets are lists of axis indices. Every quantity is a signed sum of entropies of
//! marginals, `H(X_S)` for subsets `S`, each computed with the compensated entropy kernel.

use super::joint::{check_set, mask_of, sum_out, Joint};
use crate::error::{Error, Result};
use crate::kernels::pass;
use crate::par::Par;
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::contiguous;
use ndarray::{ArrayD, ArrayViewD, Axis};

/// Largest number of variables for measures that visit every subset (2^n marginals).
const MAX_SUBSET_VARIABLES: usize = 24;

/// `H(X_S)` in nats for the subset `S` given as a bit mask (0 for the empty set).
fn h(j: &Joint, mask: u64) -> f64 {
    if mask == 0 {
        return 0.0;
    }
    let full = full_mask(j);
    let entropy = |cells: &[f64]| 0.0 - pass::entropy(cells, Par::Seq).acc;
    if mask == full {
        // Standard layout is guaranteed by the constructors.
        if let Some(cells) = j.probabilities().to_slice() {
            return entropy(cells);
        }
    }
    let m = j.marginal_array(mask);
    entropy(&contiguous(&m.view()))
}

/// `Σ_u p(u) · ln(p(u) · Π_{a ∈ num} p_a(u) / Π_{b ∈ den} p_b(u))` in nats, over the cells `u` of the
/// marginal on the variables `u_mask`, where `p_a(u)` is the marginal on the variables of mask
/// `a` (a subset of `u_mask`; 0 = the empty set, probability 1) at the coordinates of `u`.
///
/// This is how mutual information and conditional entropies are computed: as one sum of
/// log-ratios (a KL divergence), not as a difference of entropies, so a small result is not
/// swamped by the rounding errors of large entropies. Cells with `p(u) = 0` contribute 0 (every
/// marginal containing a positive cell is positive).
fn log_ratio_sum(j: &Joint, u_mask: u64, num: &[u64], den: &[u64]) -> f64 {
    let owned;
    let m = if u_mask == full_mask(j) {
        j.probabilities()
    } else {
        owned = j.marginal_array(u_mask);
        owned.view()
    };
    // Axis k of `m` is the k-th variable of `u_mask`.
    let vars: Vec<usize> = (0..j.ndim()).filter(|&v| u_mask & (1 << v) != 0).collect();
    // Each factor: the marginal of `m` on `mask` (standard layout), with the stride of every
    // axis of `m` into it (0 for axes summed out).
    let factor = |mask: u64| -> (ArrayD<f64>, Vec<usize>) {
        let sub = sum_out(m.view(), |k| mask & (1 << vars[k]) != 0);
        let mut strides = vec![0usize; vars.len()];
        let mut s = 1usize;
        for k in (0..vars.len()).rev() {
            if mask & (1 << vars[k]) != 0 {
                strides[k] = s;
                s *= m.shape()[k];
            }
        }
        (sub.as_standard_layout().into_owned(), strides)
    };
    let nums: Vec<_> = num
        .iter()
        .filter(|&&a| a != 0)
        .map(|&a| factor(a))
        .collect();
    let dens: Vec<_> = den
        .iter()
        .filter(|&&b| b != 0)
        .map(|&b| factor(b))
        .collect();
    // q(u) = Π den / Π (num \ {u}), multiplied in interleaved order so the running product
    // stays near 1; then Σ p ln(p/q) is the KL kernel's pass (SIMD, compensated).
    let mut factors: Vec<(&[f64], &[usize], bool)> = Vec::new();
    for k in 0..nums.len().max(dens.len()) {
        for (list, is_den) in [(&dens, true), (&nums, false)] {
            if let Some((cells, st)) = list.get(k) {
                factors.push((cells.as_slice().unwrap_or(&[]), st.as_slice(), is_den));
            }
        }
    }
    let shape = m.shape();
    let d = shape.len();
    let last = shape[d - 1];
    let mut q = vec![1.0; m.len()];
    // Row by row over the last axis: a factor either runs along it (stride 1) or is constant.
    let mut idx = vec![0usize; d - 1];
    let mut offs = vec![0usize; factors.len()];
    for row in q.chunks_exact_mut(last) {
        for (&(cells, st, is_den), &o) in factors.iter().zip(&offs) {
            match (st[d - 1] != 0, is_den) {
                (true, true) => row
                    .iter_mut()
                    .zip(&cells[o..o + last])
                    .for_each(|(q, &v)| *q *= v),
                (true, false) => row
                    .iter_mut()
                    .zip(&cells[o..o + last])
                    .for_each(|(q, &v)| *q /= v),
                (false, true) => row.iter_mut().for_each(|q| *q *= cells[o]),
                (false, false) => row.iter_mut().for_each(|q| *q /= cells[o]),
            }
        }
        // Advance the multi-index over the outer axes, and every factor's offset with it.
        for k in (0..d - 1).rev() {
            idx[k] += 1;
            if idx[k] < shape[k] {
                for (o, &(_, st, _)) in offs.iter_mut().zip(&factors) {
                    *o += st[k];
                }
                break;
            }
            idx[k] = 0;
            for (o, &(_, st, _)) in offs.iter_mut().zip(&factors) {
                *o -= st[k] * (shape[k] - 1);
            }
        }
    }
    let cells = contiguous(&m.view());
    let r = pass::kl(&cells, &q, Par::Seq);
    if r.inf {
        // Unreachable for a valid joint (a marginal containing a positive cell is positive);
        // kept as the mathematically right answer rather than a panic.
        return f64::INFINITY;
    }
    r.acc
}

/// Entropy in nats of probability cells (already validated as part of a joint).
fn entropy_nats(cells: ArrayViewD<'_, f64>) -> f64 {
    match cells.as_slice() {
        Some(c) => 0.0 - pass::entropy(c, Par::Seq).acc,
        None => 0.0 - pass::entropy(&cells.iter().copied().collect::<Vec<_>>(), Par::Seq).acc,
    }
}

/// Calls `f(kept, marginal)` once for every subset of the variables `kept` (the axes of `a`),
/// each marginal obtained from its parent by summing out one axis: a depth-first walk that
/// removes axes in increasing position order from `from` on, so every subset is visited once.
fn for_each_subset_marginal(
    a: ArrayViewD<'_, f64>,
    kept: &[usize],
    from: usize,
    f: &mut impl FnMut(&[usize], ArrayViewD<'_, f64>),
) {
    f(kept, a.view());
    for pos in from..kept.len() {
        let child = a.sum_axis(Axis(pos));
        let mut rest = kept.to_vec();
        rest.remove(pos);
        for_each_subset_marginal(child.view(), &rest, pos, f);
    }
}

fn full_mask(j: &Joint) -> u64 {
    if j.ndim() >= 64 {
        u64::MAX
    } else {
        (1u64 << j.ndim()) - 1
    }
}

fn nonempty(arg: &'static str, rvs: &[usize]) -> Result<()> {
    if rvs.is_empty() {
        Err(Error::Empty { arg })
    } else {
        Ok(())
    }
}

fn subset_limit(j: &Joint) -> Result<()> {
    if j.ndim() > MAX_SUBSET_VARIABLES {
        Err(Error::InvalidParameter {
            name: "joint",
            value: j.ndim() as f64,
            expected: "at most 24 variables for measures over all subsets",
        })
    } else {
        Ok(())
    }
}

/// Joint entropy of all the variables.
///
/// $$ H(X_0, \dots, X_k) = -\sum p \log p $$
///
/// # Errors
/// None for a valid [`Joint`]; the `Result` keeps the module's signatures uniform.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::multivariate::{Joint, joint_entropy};
/// use sanov::Base;
/// let j = Joint::new(Array2::from_elem((4, 4), 1.0 / 16.0).into_dyn())?;
/// assert_eq!(joint_entropy(&j, Base::Bits)?, 4.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn joint_entropy(j: &Joint, base: Base) -> Result<f64> {
    Ok(base.from_nats(h(j, full_mask(j))))
}

/// Entropy of the marginal distribution of the variables `rvs`.
///
/// $$ H(X_{\mathrm{rvs}}) $$
///
/// # Errors
/// [`Error::Empty`] for an empty `rvs`; [`Error::IndexOutOfRange`];
/// [`Error::InvalidIndexSet`] for a repeated index.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::multivariate::{Joint, marginal_entropy};
/// use sanov::Base;
/// let j = Joint::new(array![[0.25, 0.25], [0.5, 0.0]].into_dyn())?;
/// assert_eq!(marginal_entropy(&j, &[0], Base::Bits)?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn marginal_entropy(j: &Joint, rvs: &[usize], base: Base) -> Result<f64> {
    nonempty("rvs", rvs)?;
    check_set("rvs", rvs, j.ndim())?;
    Ok(base.from_nats(h(j, mask_of(rvs))))
}

/// Conditional entropy of `rvs` given `crvs`.
///
/// $$ H(X_{\mathrm{rvs}} \mid X_{\mathrm{crvs}}) = H(X_{\mathrm{rvs} \cup \mathrm{crvs}}) - H(X_{\mathrm{crvs}}) $$
///
/// `crvs` may be empty (no conditioning) and may overlap `rvs` (overlapping variables carry no
/// remaining uncertainty). Non-negative up to rounding.
///
/// # Errors
/// [`Error::Empty`] for an empty `rvs`; [`Error::IndexOutOfRange`];
/// [`Error::InvalidIndexSet`] for an index repeated within a list.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::multivariate::{Joint, conditional_entropy};
/// use sanov::Base;
/// let j = Joint::new(array![[0.5, 0.0], [0.0, 0.5]].into_dyn())?;
/// assert_eq!(conditional_entropy(&j, &[0], &[1], Base::Bits)?, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn conditional_entropy(j: &Joint, rvs: &[usize], crvs: &[usize], base: Base) -> Result<f64> {
    nonempty("rvs", rvs)?;
    check_set("rvs", rvs, j.ndim())?;
    check_set("crvs", crvs, j.ndim())?;
    let (a, c) = (mask_of(rvs), mask_of(crvs));
    // −Σ p(u) ln(p(u)/p(c)): every term ≥ 0, no cancellation.
    Ok(base.from_nats(0.0 - log_ratio_sum(j, a | c, &[], &[c])))
}

/// Mutual information between the variable sets `x` and `y`.
///
/// $$ I(X; Y) = H(X) + H(Y) - H(X, Y) = D\big(p(x, y) \,\|\, p(x)\,p(y)\big) $$
///
/// Sets may overlap (`I(X; X) = H(X)`). Non-negative up to rounding.
///
/// # Errors
/// [`Error::Empty`] for an empty set; [`Error::IndexOutOfRange`];
/// [`Error::InvalidIndexSet`] for an index repeated within a list.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::multivariate::{Joint, mutual_information};
/// use sanov::Base;
/// // The 4×4 table of Cover & Thomas, Example 2.2.1: I(X;Y) = 3/8 bit.
/// let t = array![[1.0 / 8.0, 1.0 / 16.0, 1.0 / 32.0, 1.0 / 32.0],
///                [1.0 / 16.0, 1.0 / 8.0, 1.0 / 32.0, 1.0 / 32.0],
///                [1.0 / 16.0, 1.0 / 16.0, 1.0 / 16.0, 1.0 / 16.0],
///                [1.0 / 4.0, 0.0, 0.0, 0.0]];
/// let j = Joint::new(t.into_dyn())?;
/// assert!((mutual_information(&j, &[0], &[1], Base::Bits)? - 0.375).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn mutual_information(j: &Joint, x: &[usize], y: &[usize], base: Base) -> Result<f64> {
    nonempty("x", x)?;
    nonempty("y", y)?;
    check_set("x", x, j.ndim())?;
    check_set("y", y, j.ndim())?;
    let (a, b) = (mask_of(x), mask_of(y));
    Ok(base.from_nats(log_ratio_sum(j, a | b, &[], &[a, b])))
}

/// Conditional mutual information between `x` and `y` given `z`.
///
/// $$ I(X; Y \mid Z) = H(X, Z) + H(Y, Z) - H(X, Y, Z) - H(Z) $$
///
/// `z` may be empty (then this is [`mutual_information`]). Non-negative up to rounding.
///
/// # Errors
/// [`Error::Empty`] for an empty `x` or `y`; [`Error::IndexOutOfRange`];
/// [`Error::InvalidIndexSet`] for an index repeated within a list.
///
/// # Examples
/// ```
/// use sanov::multivariate::{Joint, conditional_mutual_information, mutual_information};
/// use sanov::Base;
/// let xor = Joint::from_sparse(&[2, 2, 2], &[
///     (vec![0, 0, 0], 0.25), (vec![0, 1, 1], 0.25), (vec![1, 0, 1], 0.25), (vec![1, 1, 0], 0.25),
/// ])?;
/// assert_eq!(mutual_information(&xor, &[0], &[1], Base::Bits)?, 0.0);
/// assert_eq!(conditional_mutual_information(&xor, &[0], &[1], &[2], Base::Bits)?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn conditional_mutual_information(
    j: &Joint,
    x: &[usize],
    y: &[usize],
    z: &[usize],
    base: Base,
) -> Result<f64> {
    nonempty("x", x)?;
    nonempty("y", y)?;
    check_set("x", x, j.ndim())?;
    check_set("y", y, j.ndim())?;
    check_set("z", z, j.ndim())?;
    let (a, b, c) = (mask_of(x), mask_of(y), mask_of(z));
    Ok(base.from_nats(cmi(j, a, b, c)))
}

/// `I(X_a; X_b | X_c)` in nats as `Σ p(u) ln[p(u) p(c) / (p(a∪c) p(b∪c))]`, `u = a∪b∪c`.
fn cmi(j: &Joint, a: u64, b: u64, c: u64) -> f64 {
    let u = a | b | c;
    log_ratio_sum(j, u, &[c], &[a | c, b | c])
}

/// Total correlation (multi-information) of all the variables.
///
/// $$ TC = \sum_i H(X_i) - H(X_0, \dots, X_k) $$
///
/// # Errors
/// None for a valid [`Joint`].
///
/// # Examples
/// ```
/// use sanov::multivariate::{Joint, total_correlation};
/// use sanov::Base;
/// let xor = Joint::from_sparse(&[2, 2, 2], &[
///     (vec![0, 0, 0], 0.25), (vec![0, 1, 1], 0.25), (vec![1, 0, 1], 0.25), (vec![1, 1, 0], 0.25),
/// ])?;
/// assert_eq!(total_correlation(&xor, Base::Bits)?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn total_correlation(j: &Joint, base: Base) -> Result<f64> {
    // KL(p ‖ Π p_i) as one sum of log-ratios.
    let singles: Vec<u64> = (0..j.ndim()).map(|i| 1u64 << i).collect();
    Ok(base.from_nats(log_ratio_sum(j, full_mask(j), &[], &singles)))
}

/// Dual total correlation (binding information) of all the variables.
///
/// $$ DTC = H(X) - \sum_i H(X_i \mid X_{\setminus i}) $$
///
/// # Errors
/// None for a valid [`Joint`].
///
/// # Examples
/// ```
/// use sanov::multivariate::{Joint, dual_total_correlation};
/// use sanov::Base;
/// let xor = Joint::from_sparse(&[2, 2, 2], &[
///     (vec![0, 0, 0], 0.25), (vec![0, 1, 1], 0.25), (vec![1, 0, 1], 0.25), (vec![1, 1, 0], 0.25),
/// ])?;
/// assert_eq!(dual_total_correlation(&xor, Base::Bits)?, 2.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn dual_total_correlation(j: &Joint, base: Base) -> Result<f64> {
    let full = full_mask(j);
    let hx = h(j, full);
    let mut acc = Neumaier::default();
    acc.add(hx);
    for i in 0..j.ndim() {
        // H(X_i | rest) = H(X) − H(rest).
        acc.add(-(hx - h(j, full & !(1 << i))));
    }
    Ok(base.from_nats(acc.total()))
}

/// Co-information of all the variables (the inclusion–exclusion form).
///
/// $$ \mathrm{coI}(X_0; \dots; X_k) = \sum_{\emptyset \ne S} (-1)^{|S|+1} H(X_S) $$
///
/// For two variables this is `I(X0; X1)`; for three, `I(X0; X1) − I(X0; X1 | X2)`, negative
/// for synergy (XOR: −1 bit).
///
/// # Errors
/// [`Error::InvalidParameter`] for more than 24 variables (2^n marginals).
///
/// # Examples
/// ```
/// use sanov::multivariate::{Joint, co_information};
/// use sanov::Base;
/// let xor = Joint::from_sparse(&[2, 2, 2], &[
///     (vec![0, 0, 0], 0.25), (vec![0, 1, 1], 0.25), (vec![1, 0, 1], 0.25), (vec![1, 1, 0], 0.25),
/// ])?;
/// assert_eq!(co_information(&xor, Base::Bits)?, -1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn co_information(j: &Joint, base: Base) -> Result<f64> {
    subset_limit(j)?;
    let mut acc = Neumaier::default();
    let vars: Vec<usize> = (0..j.ndim()).collect();
    for_each_subset_marginal(j.probabilities(), &vars, 0, &mut |kept, cells| {
        if !kept.is_empty() {
            let sign = if kept.len().is_multiple_of(2) {
                -1.0
            } else {
                1.0
            };
            acc.add(sign * entropy_nats(cells));
        }
    });
    Ok(base.from_nats(acc.total()))
}

/// Interaction information: `(−1)^n` times the [`co_information`] of the `n` variables
/// (the sign convention of Jakulin & Bratko and of dit).
///
/// $$ II = (-1)^n \, \mathrm{coI} $$
///
/// For three variables `II = I(X0; X1 | X2) − I(X0; X1)`: positive for synergy (XOR: +1 bit).
///
/// # Errors
/// As [`co_information`].
///
/// # Examples
/// ```
/// use sanov::multivariate::{Joint, interaction_information};
/// use sanov::Base;
/// let xor = Joint::from_sparse(&[2, 2, 2], &[
///     (vec![0, 0, 0], 0.25), (vec![0, 1, 1], 0.25), (vec![1, 0, 1], 0.25), (vec![1, 1, 0], 0.25),
/// ])?;
/// assert_eq!(interaction_information(&xor, Base::Bits)?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// A. Jakulin and I. Bratko, "Quantifying and visualizing attribute interactions", 2003.
pub fn interaction_information(j: &Joint, base: Base) -> Result<f64> {
    let c = co_information(j, base)?;
    Ok(if j.ndim().is_multiple_of(2) { c } else { -c })
}

/// O-information: total correlation minus dual total correlation; positive when redundancy
/// dominates, negative when synergy does.
///
/// $$ \Omega = TC - DTC $$
///
/// # Errors
/// None for a valid [`Joint`].
///
/// # Examples
/// ```
/// use sanov::multivariate::{Joint, o_information};
/// use sanov::Base;
/// let xor = Joint::from_sparse(&[2, 2, 2], &[
///     (vec![0, 0, 0], 0.25), (vec![0, 1, 1], 0.25), (vec![1, 0, 1], 0.25), (vec![1, 1, 0], 0.25),
/// ])?;
/// assert_eq!(o_information(&xor, Base::Bits)?, -1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// F. Rosas, P. Mediano, M. Gastpar, H. Jensen, "Quantifying high-order interdependencies via
/// multivariate extensions of the mutual information", Phys. Rev. E 100 (2019).
pub fn o_information(j: &Joint, base: Base) -> Result<f64> {
    Ok(total_correlation(j, base)? - dual_total_correlation(j, base)?)
}

/// The chain rule of entropy in the given order.
///
/// $$ [H(X_{o_0}),\ H(X_{o_1} \mid X_{o_0}),\ \dots,\ H(X_{o_m} \mid X_{o_0}, \dots, X_{o_{m-1}})] $$
///
/// The terms sum to `H(X_{o_0}, …, X_{o_m})` (the joint entropy when `order` lists every
/// variable).
///
/// # Errors
/// [`Error::Empty`]; [`Error::IndexOutOfRange`]; [`Error::InvalidIndexSet`] for a repeat.
///
/// # Examples
/// ```
/// use sanov::multivariate::{Joint, chain_rule_entropy};
/// use sanov::Base;
/// let xor = Joint::from_sparse(&[2, 2, 2], &[
///     (vec![0, 0, 0], 0.25), (vec![0, 1, 1], 0.25), (vec![1, 0, 1], 0.25), (vec![1, 1, 0], 0.25),
/// ])?;
/// assert_eq!(chain_rule_entropy(&xor, &[0, 1, 2], Base::Bits)?, vec![1.0, 1.0, 0.0]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn chain_rule_entropy(j: &Joint, order: &[usize], base: Base) -> Result<Vec<f64>> {
    nonempty("order", order)?;
    check_set("order", order, j.ndim())?;
    let mut prefix = 0u64;
    let mut out = Vec::with_capacity(order.len());
    for &o in order {
        let next = prefix | (1 << o);
        out.push(base.from_nats(0.0 - log_ratio_sum(j, next, &[], &[prefix])));
        prefix = next;
    }
    Ok(out)
}

/// The chain rule of mutual information: the information about `x` that each of the variables
/// `ys` adds, in order.
///
/// $$ [I(X; Y_1),\ I(X; Y_2 \mid Y_1),\ \dots,\ I(X; Y_m \mid Y_1, \dots, Y_{m-1})] $$
///
/// The terms sum to `I(X; Y_1, …, Y_m)`.
///
/// # Errors
/// [`Error::Empty`] for an empty `x` or `ys`; [`Error::IndexOutOfRange`];
/// [`Error::InvalidIndexSet`] for a repeat, or if `ys` shares a variable with `x`.
///
/// # Examples
/// ```
/// use sanov::multivariate::{Joint, chain_rule_mutual_information};
/// use sanov::Base;
/// let xor = Joint::from_sparse(&[2, 2, 2], &[
///     (vec![0, 0, 0], 0.25), (vec![0, 1, 1], 0.25), (vec![1, 0, 1], 0.25), (vec![1, 1, 0], 0.25),
/// ])?;
/// // Z = X ⊕ Y: X alone says nothing about Z, Y then says everything.
/// assert_eq!(chain_rule_mutual_information(&xor, &[2], &[0, 1], Base::Bits)?, vec![0.0, 1.0]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn chain_rule_mutual_information(
    j: &Joint,
    x: &[usize],
    ys: &[usize],
    base: Base,
) -> Result<Vec<f64>> {
    nonempty("x", x)?;
    nonempty("ys", ys)?;
    check_set("x", x, j.ndim())?;
    check_set("ys", ys, j.ndim())?;
    if ys.iter().any(|y| x.contains(y)) {
        return Err(Error::InvalidIndexSet {
            arg: "ys",
            reason: "shares a variable with x; the sets must be disjoint",
        });
    }
    let a = mask_of(x);
    let mut c = 0u64;
    let mut out = Vec::with_capacity(ys.len());
    for &y in ys {
        let b = 1u64 << y;
        out.push(base.from_nats(cmi(j, a, b, c)));
        c |= b;
    }
    Ok(out)
}
