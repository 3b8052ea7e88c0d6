//! The statistics behind the ready-made tests and intervals: a conditional mutual information
//! `I(A; B | C)` (the mutual information without `C`) of paired observations — discrete ids or
//! real rows — evaluated with the rows of `A` reordered (permutation tests) or with the same
//! rows of every variable drawn (bootstrap).

use ndarray::{Array2, Axis};

use crate::error::{Error, Result};
use crate::estimators::{
    ksg_conditional_mutual_information, ksg_mutual_information, DiscreteEstimator, KsgOptions,
};
use crate::timeseries::symbols::{cmi, Ids};
use crate::units::Base;

/// The ids `s[rows[i]]`.
fn pick(s: &Ids, rows: &[usize]) -> Ids {
    Ids {
        seq: rows.iter().map(|&i| s.seq[i]).collect(),
        card: s.card,
        width: s.width,
    }
}

/// `I(A; B | C)` of discrete ids under a [`DiscreteEstimator`].
pub(crate) struct DiscreteCmi {
    pub a: Ids,
    pub b: Ids,
    pub c: Option<Ids>,
    pub estimator: DiscreteEstimator,
    pub alphabet: u64,
    pub base: Base,
}

impl DiscreteCmi {
    pub fn len(&self) -> usize {
        self.a.seq.len()
    }

    /// The statistic with `a`'s rows in `order_a` and the rows of `b`, `c` in `rest` (as they
    /// are when `None`).
    pub fn eval(&self, order_a: &[usize], rest: Option<&[usize]>) -> Result<f64> {
        let a = pick(&self.a, order_a);
        let nats = match rest {
            None => cmi(&a, &self.b, self.c.as_ref(), &self.estimator, self.alphabet)?,
            Some(r) => {
                let c = self.c.as_ref().map(|c| pick(c, r));
                cmi(
                    &a,
                    &pick(&self.b, r),
                    c.as_ref(),
                    &self.estimator,
                    self.alphabet,
                )?
            }
        };
        Ok(self.base.from_nats(nats))
    }

    /// The positions of each stratum of `c` (ascending), indexed by id.
    pub fn strata(&self) -> Vec<Vec<usize>> {
        let Some(c) = &self.c else {
            return vec![(0..self.len()).collect()];
        };
        let mut s = vec![Vec::new(); usize::try_from(c.card).unwrap_or(usize::MAX)];
        for (t, &id) in c.seq.iter().enumerate() {
            s[id as usize].push(t);
        }
        s
    }

    /// A permutation within the strata of `c` from a permutation `order` of all rows: the
    /// members of each stratum, in the order in which `order` lists them, placed at that
    /// stratum's positions. A uniform `order` gives a uniform within-stratum permutation; the
    /// identity gives the identity.
    pub fn within(&self, strata: &[Vec<usize>], order: &[usize]) -> Vec<usize> {
        let Some(c) = &self.c else {
            return order.to_vec();
        };
        let mut next = vec![0usize; strata.len()];
        let mut out = vec![0usize; order.len()];
        for &i in order {
            let s = c.seq[i] as usize;
            out[strata[s][next[s]]] = i;
            next[s] += 1;
        }
        out
    }
}

/// `I(A; B | C)` of real rows by the KSG / Frenzel–Pompe estimator.
pub(crate) struct KsgCmi {
    pub a: Array2<f64>,
    pub b: Array2<f64>,
    pub c: Option<Array2<f64>>,
    pub options: KsgOptions,
}

impl KsgCmi {
    pub fn len(&self) -> usize {
        self.a.nrows()
    }

    /// As [`DiscreteCmi::eval`].
    pub fn eval(&self, order_a: &[usize], rest: Option<&[usize]>) -> Result<f64> {
        let a = self.a.select(Axis(0), order_a);
        let (b, c) = match rest {
            None => (self.b.clone(), self.c.clone()),
            Some(r) => (
                self.b.select(Axis(0), r),
                self.c.as_ref().map(|c| c.select(Axis(0), r)),
            ),
        };
        match c {
            Some(c) => {
                ksg_conditional_mutual_information(a.view(), b.view(), c.view(), &self.options)
            }
            None => ksg_mutual_information(a.view(), b.view(), &self.options),
        }
    }
}

/// `Err(InvalidParameter)` unless the surrogate is an i.i.d. shuffle.
pub(crate) fn shuffle_only(s: super::Surrogate) -> Result<()> {
    if s == super::Surrogate::Shuffle {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "surrogate",
            value: f64::NAN,
            expected: "i.i.d. data: only Surrogate::Shuffle applies",
        })
    }
}
