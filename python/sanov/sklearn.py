"""scikit-learn drop-ins backed by sanov's Rust estimators (scikit-learn is imported here,
never by ``import sanov``).

- :func:`mutual_info_classif`, :func:`mutual_info_regression`: scikit-learn's signatures and
  semantics — ``check_X_y``, ``discrete_features``, standardisation of continuous columns
  (``scale(with_mean=False)``), the 1e-10 jitter drawn from ``check_random_state(random_state)``
  in scikit-learn's order (so the same ``random_state`` gives the same perturbed data), the
  plug-in / KSG / Ross estimators, negative estimates replaced by 0. The columns run on
  ``n_jobs`` threads (``None`` and ``-1``: every thread; results do not depend on it).
  Usable as ``SelectKBest(score_func=sanov.sklearn.mutual_info_classif)``.
- :class:`MutualInfoSelector`: keeps the ``k`` best features (or those with MI >= ``threshold``).
"""

from __future__ import annotations

import os
import warnings
from numbers import Integral, Real
from typing import Any, Optional

import numpy as np
from scipy.sparse import issparse  # type: ignore[import-untyped, unused-ignore]
from sklearn.base import BaseEstimator  # type: ignore[import-untyped, unused-ignore]
from sklearn.feature_selection import SelectorMixin  # type: ignore[import-untyped, unused-ignore]
from sklearn.preprocessing import scale  # type: ignore[import-untyped, unused-ignore]
from sklearn.utils import check_random_state  # type: ignore[import-untyped, unused-ignore]
from sklearn.utils.multiclass import (  # type: ignore[import-untyped, unused-ignore]
    check_classification_targets,
    type_of_target,
)
from sklearn.utils.validation import (  # type: ignore[import-untyped, unused-ignore]
    check_array,
    check_is_fitted,
    check_X_y,
    validate_data,
)

from . import _sanov  # type: ignore[attr-defined]

__all__ = ["mutual_info_classif", "mutual_info_regression", "MutualInfoSelector"]


def _workers(n_jobs: Optional[int]) -> Optional[int]:
    if n_jobs is None or n_jobs == -1:
        return None
    if n_jobs < 0:
        return max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    return int(n_jobs)


def _labels(v: np.ndarray) -> np.ndarray:
    """Integer labels with the same equality classes as the values of ``v``."""
    if v.dtype.kind in "iub":
        return np.ascontiguousarray(v, dtype=np.int64)
    if v.dtype.kind == "f" and np.all(v == np.trunc(v)) and np.all(np.abs(v) < 2.0**53):
        return v.astype(np.int64)
    return np.unique(v, return_inverse=True)[1].astype(np.int64).ravel()


def _estimate_mi(X: Any, y: Any, *, discrete_features: Any = "auto", discrete_target: bool = False,
                 n_neighbors: int = 3, copy: bool = True, random_state: Any = None,
                 n_jobs: Optional[int] = None) -> np.ndarray:
    # scikit-learn's _estimate_mi, step for step (same validation, masks and random draws).
    X, y = check_X_y(X, y, accept_sparse="csc", y_numeric=not discrete_target)
    n_samples, n_features = X.shape
    if isinstance(discrete_features, (str, bool)):
        if isinstance(discrete_features, str):
            if discrete_features == "auto":
                discrete_features = issparse(X)
            else:
                raise ValueError("Invalid string value for discrete_features.")
        discrete_mask = np.empty(n_features, dtype=bool)
        discrete_mask.fill(discrete_features)
    else:
        discrete_features = check_array(discrete_features, ensure_2d=False)
        if discrete_features.dtype != "bool":
            discrete_mask = np.zeros(n_features, dtype=bool)
            discrete_mask[discrete_features] = True
        else:
            discrete_mask = discrete_features
    continuous_mask = ~discrete_mask
    if np.any(continuous_mask) and issparse(X):
        raise ValueError("Sparse matrix `X` can't have continuous features.")
    rng = check_random_state(random_state)
    if np.any(continuous_mask):
        X = X.astype(np.float64, copy=copy)
        X[:, continuous_mask] = scale(X[:, continuous_mask], with_mean=False, copy=False)
        means = np.maximum(1, np.mean(np.abs(X[:, continuous_mask]), axis=0))
        X[:, continuous_mask] += (
            1e-10 * means * rng.standard_normal(size=(n_samples, np.sum(continuous_mask)))
        )
    if not discrete_target:
        y = scale(y, with_mean=False)
        y += 1e-10 * np.maximum(1, np.mean(np.abs(y))) * rng.standard_normal(size=n_samples)
    target = _labels(np.asarray(y)) if discrete_target else np.ascontiguousarray(y, np.float64)
    if issparse(X):
        X = X.toarray()
    # The columns are extracted (and discrete ones turned into labels) in Rust, in one pass.
    mi = _sanov._mutual_information_matrix(
        np.asarray(X, dtype=np.float64), [bool(d) for d in discrete_mask], target, n_neighbors,
        clip_negative=True, workers=_workers(n_jobs))
    # scikit-learn's mutual_info_score clips at 0 too.
    return np.maximum(mi, 0.0)


def mutual_info_regression(X: Any, y: Any, *, discrete_features: Any = "auto",
                           n_neighbors: int = 3, copy: bool = True, random_state: Any = None,
                           n_jobs: Optional[int] = None) -> np.ndarray:
    """Mutual information between each feature and a continuous target, in nats:
    ``sklearn.feature_selection.mutual_info_regression`` computed by sanov (same signature,
    validation, standardisation and jitter; KSG for continuous features, Ross's estimator for
    discrete ones). ``n_jobs`` threads (None: all)."""
    _check_k(n_neighbors)
    return _estimate_mi(X, y, discrete_features=discrete_features, discrete_target=False,
                        n_neighbors=n_neighbors, copy=copy, random_state=random_state,
                        n_jobs=n_jobs)


def mutual_info_classif(X: Any, y: Any, *, discrete_features: Any = "auto", n_neighbors: int = 3,
                        copy: bool = True, random_state: Any = None,
                        n_jobs: Optional[int] = None) -> np.ndarray:
    """Mutual information between each feature and a discrete target, in nats:
    ``sklearn.feature_selection.mutual_info_classif`` computed by sanov (same signature,
    validation, standardisation and jitter; Ross's estimator for continuous features, plug-in
    for discrete ones). ``n_jobs`` threads (None: all)."""
    _check_k(n_neighbors)
    check_classification_targets(y)
    return _estimate_mi(X, y, discrete_features=discrete_features, discrete_target=True,
                        n_neighbors=n_neighbors, copy=copy, random_state=random_state,
                        n_jobs=n_jobs)


def _check_k(n_neighbors: Any) -> None:
    if not isinstance(n_neighbors, Integral) or isinstance(n_neighbors, bool) or n_neighbors < 1:
        raise ValueError(f"n_neighbors must be an int >= 1, got {n_neighbors!r}")


class MutualInfoSelector(SelectorMixin, BaseEstimator):
    """Keeps the features with the highest mutual information with the target.

    Parameters
    ----------
    k : int or "all", default 10
        Number of features kept (all of them if fewer); ignored when ``threshold`` is set.
    threshold : float, optional
        Keep every feature whose MI (nats) is at least this.
    task : {"auto", "classification", "regression"}, default "auto"
        "auto": classification when ``type_of_target(y)`` is binary or multiclass.
    discrete_features, n_neighbors, random_state, n_jobs
        As :func:`mutual_info_classif`.

    Attributes
    ----------
    scores_ : ndarray of shape (n_features,)
        The MI of each feature.
    n_features_in_, feature_names_in_
        As every scikit-learn estimator.
    """

    def __init__(self, k: Any = 10, *, threshold: Optional[float] = None, task: str = "auto",
                 discrete_features: Any = "auto", n_neighbors: int = 3,
                 random_state: Any = None, n_jobs: Optional[int] = None) -> None:
        self.k = k
        self.threshold = threshold
        self.task = task
        self.discrete_features = discrete_features
        self.n_neighbors = n_neighbors
        self.random_state = random_state
        self.n_jobs = n_jobs

    def fit(self, X: Any, y: Any) -> "MutualInfoSelector":
        X, y = validate_data(self, X, y, accept_sparse="csc", ensure_min_samples=2,
                             y_numeric=False, dtype=np.float64)
        if self.task not in ("auto", "classification", "regression"):
            raise ValueError(f"task must be 'auto', 'classification' or 'regression', "
                             f"got {self.task!r}")
        if not (self.k == "all" or (isinstance(self.k, Integral) and int(self.k) >= 0)):
            raise ValueError(f"k must be a non-negative int or 'all', got {self.k!r}")
        if self.threshold is not None and not isinstance(self.threshold, Real):
            raise ValueError(f"threshold must be a number, got {self.threshold!r}")
        task = self.task
        if task == "auto":
            task = ("classification" if type_of_target(y) in ("binary", "multiclass")
                    else "regression")
        f = mutual_info_classif if task == "classification" else mutual_info_regression
        self.scores_ = f(X, y, discrete_features=self.discrete_features,
                         n_neighbors=self.n_neighbors, random_state=self.random_state,
                         n_jobs=self.n_jobs)
        if self.k != "all" and self.threshold is None and int(self.k) > X.shape[1]:
            warnings.warn(f"k={self.k} is greater than n_features={X.shape[1]}; all features "
                          "are kept", UserWarning)
        return self

    def _get_support_mask(self) -> np.ndarray:
        check_is_fitted(self)
        s = self.scores_
        if self.threshold is not None:
            return s >= self.threshold
        if self.k == "all" or int(self.k) >= s.size:
            return np.ones(s.size, dtype=bool)
        mask = np.zeros(s.size, dtype=bool)
        if int(self.k) > 0:
            # Stable: ties keep the earlier feature, as SelectKBest.
            mask[np.argsort(-s, kind="mergesort")[: int(self.k)]] = True
        return mask

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        tags.input_tags.sparse = True
        return tags
