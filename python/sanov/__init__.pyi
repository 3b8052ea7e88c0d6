"""Type stubs of sanov (the functions live in the native module sanov._sanov)."""

from typing import Any, Literal, NamedTuple, Optional, Sequence, Union, final, overload

import numpy as np
import numpy.typing as npt

__version__: str
DEFAULT_TOLERANCE: float

class SanovError(ValueError): ...
class ShapeError(SanovError): ...
class DomainError(SanovError): ...
class ConvergenceError(SanovError): ...
class InfeasibleError(SanovError): ...

_BaseName = Literal[
    "nats", "nat", "e", "bits", "bit", "shannons", "shannon", "hartleys", "hartley", "bans", "ban",
    "dits", "dit",
]
_Base = Union[None, float, _BaseName]
_NanPolicy = Literal["raise", "propagate", "omit"]
# DataFrame support (sanov._frames): columns, Series, Arrow arrays; missing values raise or drop.
_Col = Any
_Omit = Literal["raise", "omit"]
_Arr = npt.ArrayLike
_F64 = npt.NDArray[np.float64]
_Scalar = Union[float, int, np.floating, np.integer]

@overload
def entropy(p: _Arr, base: _Base = ..., *, axis: None = ..., keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> float: ...
@overload
def entropy(p: _Arr, base: _Base = ..., *, axis: int, keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def cross_entropy(p: _Arr, q: _Arr, base: _Base = ..., *, axis: None = ..., keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> float: ...
@overload
def cross_entropy(p: _Arr, q: _Arr, base: _Base = ..., *, axis: int, keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def renyi_entropy(p: _Arr, alpha: float, base: _Base = ..., *, axis: None = ..., keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> float: ...
@overload
def renyi_entropy(p: _Arr, alpha: float, base: _Base = ..., *, axis: int, keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def tsallis_entropy(p: _Arr, q: float, *, axis: None = ..., keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> float: ...
@overload
def tsallis_entropy(p: _Arr, q: float, *, axis: int, keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def binary_entropy(p: _Scalar, base: _Base = ...) -> float: ...
@overload
def binary_entropy(p: _Arr, base: _Base = ...) -> Union[float, _F64]: ...
@overload
def surprisal(p: _Scalar, base: _Base = ...) -> float: ...
@overload
def surprisal(p: _Arr, base: _Base = ...) -> Union[float, _F64]: ...

@overload
def kl_divergence(p: _Arr, q: _Arr, base: _Base = ..., *, axis: None = ..., keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> float: ...
@overload
def kl_divergence(p: _Arr, q: _Arr, base: _Base = ..., *, axis: int, keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def js_divergence(p: _Arr, q: _Arr, base: _Base = ..., *, axis: None = ..., keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> float: ...
@overload
def js_divergence(p: _Arr, q: _Arr, base: _Base = ..., *, axis: int, keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def js_distance(p: _Arr, q: _Arr, base: _Base = ..., *, axis: None = ..., keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> float: ...
@overload
def js_distance(p: _Arr, q: _Arr, base: _Base = ..., *, axis: int, keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def hellinger_distance(p: _Arr, q: _Arr, *, axis: None = ..., keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> float: ...
@overload
def hellinger_distance(p: _Arr, q: _Arr, *, axis: int, keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def total_variation_distance(p: _Arr, q: _Arr, *, axis: None = ..., keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> float: ...
@overload
def total_variation_distance(p: _Arr, q: _Arr, *, axis: int, keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def chi2_divergence(p: _Arr, q: _Arr, *, axis: None = ..., keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> float: ...
@overload
def chi2_divergence(p: _Arr, q: _Arr, *, axis: int, keepdims: bool = ..., normalize: bool = ..., nan_policy: _NanPolicy = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...

@overload
def cross_entropy_loss(probs: _Arr, target: int, base: _Base = ..., *, axis: None = ...) -> float: ...
@overload
def cross_entropy_loss(probs: _Arr, target: Sequence[int] | npt.NDArray[np.integer], base: _Base = ..., *, axis: int) -> _F64: ...
@overload
def label_smoothed_cross_entropy(probs: _Arr, target: int, epsilon: Optional[float] = ..., base: _Base = ..., *, label_smoothing: Optional[float] = ..., axis: None = ...) -> float: ...
@overload
def label_smoothed_cross_entropy(probs: _Arr, target: Sequence[int] | npt.NDArray[np.integer], epsilon: Optional[float] = ..., base: _Base = ..., *, label_smoothing: Optional[float] = ..., axis: int) -> _F64: ...
@overload
def binary_cross_entropy(y: _Arr, pi: _Arr, base: _Base = ..., *, reduction: Literal["mean", "sum"] = ...) -> float: ...
@overload
def binary_cross_entropy(y: _Arr, pi: _Arr, base: _Base = ..., *, reduction: Literal["none"]) -> Union[float, _F64]: ...
@overload
def binary_cross_entropy_with_logits(y: _Arr, logits: _Arr, base: _Base = ..., *, reduction: Literal["mean", "sum"] = ...) -> float: ...
@overload
def binary_cross_entropy_with_logits(y: _Arr, logits: _Arr, base: _Base = ..., *, reduction: Literal["none"]) -> Union[float, _F64]: ...
def perplexity(log_probs: _Arr, log_base: _Base = ...) -> float: ...

@overload
def awgn_capacity(snr: _Scalar, base: _Base = ...) -> float: ...
@overload
def awgn_capacity(snr: _Arr, base: _Base = ...) -> Union[float, _F64]: ...
@overload
def gaussian_mutual_information(rho: _Scalar, base: _Base = ...) -> float: ...
@overload
def gaussian_mutual_information(rho: _Arr, base: _Base = ...) -> Union[float, _F64]: ...
def gaussian_mutual_information_cov(cov: _Arr, x: Sequence[int] | npt.NDArray[np.integer], y: Sequence[int] | npt.NDArray[np.integer], base: _Base = ...) -> float: ...

def joint_entropy(joint: _Arr, base: _Base = ..., *, normalize: bool = ...) -> float: ...
def marginal_entropy(joint: _Arr, rvs: Sequence[int], base: _Base = ..., *, normalize: bool = ...) -> float: ...
def conditional_entropy(joint: _Arr, rvs: Sequence[int], crvs: Sequence[int], base: _Base = ..., *, normalize: bool = ...) -> float: ...
def mutual_information(joint: _Arr, x: Sequence[int], y: Sequence[int], base: _Base = ..., *, normalize: bool = ...) -> float: ...
def conditional_mutual_information(joint: _Arr, x: Sequence[int], y: Sequence[int], z: Sequence[int], base: _Base = ..., *, normalize: bool = ...) -> float: ...
def total_correlation(joint: _Arr, base: _Base = ..., *, normalize: bool = ...) -> float: ...
def dual_total_correlation(joint: _Arr, base: _Base = ..., *, normalize: bool = ...) -> float: ...
def co_information(joint: _Arr, base: _Base = ..., *, normalize: bool = ...) -> float: ...
def interaction_information(joint: _Arr, base: _Base = ..., *, normalize: bool = ...) -> float: ...
def o_information(joint: _Arr, base: _Base = ..., *, normalize: bool = ...) -> float: ...
def chain_rule_entropy(joint: _Arr, order: Sequence[int], base: _Base = ..., *, normalize: bool = ...) -> _F64: ...
def chain_rule_mutual_information(joint: _Arr, x: Sequence[int], ys: Sequence[int], base: _Base = ..., *, normalize: bool = ...) -> _F64: ...
class DataProcessing(NamedTuple):
    i_xy: float
    i_xz: float
    holds: bool

def data_processing_check(px: _Arr, channel_xy: _Arr, channel_yz: _Arr, base: _Base = ...) -> DataProcessing: ...
def mutual_information_from_labels(x: _Col, y: _Col, base: _Base = ..., *, workers: Optional[int] = ..., nan_policy: _Omit = ...) -> float: ...

@overload
def xlogy(x: _Scalar, y: _Scalar) -> float: ...
@overload
def xlogy(x: _Arr, y: _Arr) -> Union[float, _F64]: ...
@overload
def xlogx(x: _Scalar) -> float: ...
@overload
def xlogx(x: _Arr) -> Union[float, _F64]: ...
@overload
def logsumexp(x: _Arr, *, axis: None = ...) -> float: ...
@overload
def logsumexp(x: _Arr, *, axis: int) -> _F64: ...

def check_probability_vector(p: _Arr) -> None: ...
def normalize(weights: _Arr, *, axis: Optional[int] = ...) -> _F64: ...

__all__: list[str]

# --- parametric families and special functions -------------------------------------------------
def differential_entropy(family: str, params: Optional[dict[str, object]] = ..., base: _Base = ..., **kwargs: object) -> float: ...
def entropy_parametric(family: str, params: Optional[dict[str, object]] = ..., base: _Base = ..., **kwargs: object) -> float: ...
def kl_divergence_parametric(family: str, p: dict[str, object], q: dict[str, object], base: _Base = ..., *, q_family: Optional[str] = ...) -> float: ...
# kl_divergence_parametric(p_family, p, q, q_family=...) is the door of sanov::families::cross:
# kl_normal_gumbel, kl_gumbel_normal, kl_normal_laplace, kl_laplace_normal, kl_uniform_gumbel,
# kl_exponential_gumbel, kl_gamma_gumbel, kl_pareto_exponential, kl_pareto_gamma,
# kl_pareto_normal, kl_uniform_pareto and the +inf pairs (issue #22).
# Also through q_family (torch's KL registry, issue #22): kl_bernoulli_poisson, kl_beta_exponential,
# kl_beta_gamma, kl_beta_normal, kl_exponential_normal, kl_gamma_normal, kl_uniform_beta, and the
# +inf pairs kl_exponential_beta, kl_exponential_uniform, kl_gamma_beta, kl_gamma_uniform,
# kl_laplace_beta, kl_laplace_exponential, kl_laplace_gamma, kl_laplace_uniform, kl_normal_beta,
# kl_normal_exponential, kl_normal_gamma, kl_poisson_bernoulli, kl_poisson_binomial.
@overload
def ln_gamma(x: _Scalar) -> float: ...
@overload
def ln_gamma(x: _Arr) -> Union[float, _F64]: ...
@overload
def digamma(x: _Scalar) -> float: ...
@overload
def digamma(x: _Arr) -> Union[float, _F64]: ...
@overload
def trigamma(x: _Scalar) -> float: ...
@overload
def trigamma(x: _Arr) -> Union[float, _F64]: ...
@overload
def ln_bessel_i0(x: _Scalar) -> float: ...
@overload
def ln_bessel_i0(x: _Arr) -> Union[float, _F64]: ...
@overload
def bessel_i1_i0_ratio(x: _Scalar) -> float: ...
@overload
def bessel_i1_i0_ratio(x: _Arr) -> Union[float, _F64]: ...
@overload
def ln_beta(a: _Scalar, b: _Scalar) -> float: ...
@overload
def ln_beta(a: _Arr, b: _Arr) -> Union[float, _F64]: ...
def joint_from_samples(*columns: _Col, workers: Optional[int] = ..., nan_policy: _Omit = ...) -> tuple[_F64, list[npt.NDArray[np.int64]]]: ...
def joint_from_sparse(shape: Sequence[int], outcomes: Sequence[Sequence[int]], probs: Sequence[float]) -> _F64: ...

# --- estimators (sanov::estimators): entropy estimators from integer labels, NMI, AMI ---
def plugin_entropy(samples: _Col, base: _Base = ..., *, nan_policy: _Omit = ...) -> float: ...
def miller_madow_entropy(samples: _Col, base: _Base = ..., *, nan_policy: _Omit = ...) -> float: ...
def grassberger_entropy(samples: _Col, base: _Base = ..., *, nan_policy: _Omit = ...) -> float: ...
def chao_shen_entropy(samples: _Col, base: _Base = ..., *, nan_policy: _Omit = ...) -> float: ...
def nsb_entropy(
    samples: _Col, alphabet_size: int, base: _Base = ..., *, nan_policy: _Omit = ...
) -> tuple[float, float]: ...
def normalized_mutual_information(x: _Col, y: _Col, average_method: Literal["min", "geometric", "arithmetic", "max"] = ..., *, workers: Optional[int] = ..., nan_policy: _Omit = ...) -> float: ...
def adjusted_mutual_information(x: _Col, y: _Col, average_method: Literal["min", "geometric", "arithmetic", "max"] = ..., *, workers: Optional[int] = ..., nan_policy: _Omit = ...) -> float: ...
def conditional_entropy_from_labels(
    x: _Col, y: _Col, base: _Base = ..., *, workers: Optional[int] = ..., nan_policy: _Omit = ...
) -> float: ...

# --- estimators: k-NN estimators for continuous samples (rows = samples) ---
def ksg_mutual_information(
    x: _Col,
    y: _Col,
    k: int = ...,
    *,
    algorithm: Literal[1, 2] = ...,
    standardize: bool = ...,
    clip_negative: bool = ...,
    jitter: Optional[float] = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
    nan_policy: _Omit = ...,
) -> float: ...
def ksg_conditional_mutual_information(
    x: _Col,
    y: _Col,
    z: _Col,
    k: int = ...,
    *,
    standardize: bool = ...,
    clip_negative: bool = ...,
    jitter: Optional[float] = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
    nan_policy: _Omit = ...,
) -> float: ...
def ksg_mutual_information_discrete(
    x: _Col,
    labels: _Col,
    k: int = ...,
    *,
    standardize: bool = ...,
    clip_negative: bool = ...,
    jitter: Optional[float] = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
    nan_policy: _Omit = ...,
) -> float: ...
def kozachenko_leonenko_entropy(
    x: _Col, k: int = ..., base: _Base = ..., *, workers: Optional[int] = ..., nan_policy: _Omit = ...
) -> float: ...

# --- channels: discrete channel capacity (Blahut-Arimoto), named channels, rate-distortion ---
class CapacityResult(NamedTuple):
    capacity: float
    input_distribution: _F64
    gap: float
    iterations: int

def channel_capacity(
    channel: _Arr,
    base: _Base = ...,
    *,
    tol: float = ...,
    max_iter: int = ...,
    accelerate: bool = ...,
) -> CapacityResult: ...
def binary_symmetric_channel(p: float) -> _F64: ...
def binary_erasure_channel(e: float) -> _F64: ...
def z_channel(p: float) -> _F64: ...
def symmetric_channel(k: int, p: float) -> _F64: ...
def typewriter_channel(k: int) -> _F64: ...
def binary_rate_distortion(p: float, d: float, base: _Base = ...) -> float: ...

class RateDistortionResult(NamedTuple):
    rate: float
    distortion: float
    test_channel: _F64
    output_distribution: _F64
    slope: float
    gap: float
    iterations: int

def rate_distortion(
    source: _Arr,
    distortion: _Arr,
    d: float,
    base: _Base = ...,
    *,
    tol: float = ...,
    max_iter: int = ...,
) -> RateDistortionResult: ...

# --- method of types (sanov::method_of_types), nats ---
def log_multinomial_coefficient(counts: _Arr) -> float: ...
def log_multinomial_probability(counts: _Arr, q: _Arr) -> float: ...
def sanov_type_bounds(counts: _Arr, q: _Arr) -> tuple[float, float, float]: ...
def log_multinomial_coefficient_approx(
    counts: _Arr, method: Literal["nH", "stirling"] = ...
) -> float: ...
def figure1_series(
    d: int = ...,
    n_values: Optional[_Arr] = ...,
    panel: Literal["dirichlet", "uniform"] = ...,
    seed: int = ...,
) -> dict[str, npt.NDArray[np.generic]]: ...
def multinomial_stirling_comparison(counts: _Arr) -> dict[str, float]: ...
def type_classes(n: int, alphabet_size: int) -> tuple[npt.NDArray[np.int64], _F64]: ...

# --- coding (sanov::coding): source codes, bits ---
def huffman_code(p: _Arr, *, workers: Optional[int] = ...) -> tuple[list[str], npt.NDArray[np.int64], float]: ...
def huffman_expected_length(p: _Arr) -> float: ...
def shannon_code_expected_length(p: _Arr) -> float: ...
def kraft_sum(lengths: _Arr) -> float: ...
def ideal_code_length(sequence: _Arr, p: _Arr) -> float: ...
def arithmetic_code_length(sequence: _Arr, p: _Arr) -> int: ...
# --- MDL (sanov::coding::mdl): NML complexity, NML / two-part code lengths, bits per byte ---
def nml_parametric_complexity(k: int, n: int, base: _Base = ...) -> float: ...
def nml_code_length(counts: _Arr, base: _Base = ...) -> float: ...
def two_part_code_length(neg_log_likelihood: _Scalar, k: int, n: int, base: _Base = ...) -> float: ...
def bits_per_byte(total_nats: _Scalar, n_bytes: int) -> float: ...
def bits_per_character(total_nats: _Scalar, n_chars: int) -> float: ...
# --- bounds (issue #22 item 6) and the GAN value at the optimal discriminator ---
def fano_error_lower_bound(conditional_entropy: _Scalar, alphabet_size: int, base: _Base = ...) -> float: ...
def kl_inverse(p_hat: _Scalar, c: _Scalar) -> float: ...
def pac_bayes_kl_bound(empirical_risk: _Scalar, kl_qp: _Scalar, n: int, delta: _Scalar) -> float: ...
def kelly_growth_rate(p: _Arr, b: _Arr, odds: _Arr, base: _Base = ...) -> tuple[float, float]: ...
def gan_optimal_value(p: _Arr, q: _Arr, base: _Base = ...) -> float: ...
def huffman_code_lengths(p: _Arr, *, workers: Optional[int] = ...) -> npt.NDArray[np.int64]: ...
def shannon_code_lengths(p: _Arr) -> list[Optional[int]]: ...
def kraft_inequality_holds(lengths: _Arr) -> bool: ...
def arithmetic_encode(sequence: _Arr, p: _Arr) -> tuple[bytes, int]: ...
def arithmetic_decode(code: bytes, bit_length: int, length: int, p: _Arr) -> npt.NDArray[np.int64]: ...

# --- maxent (sanov::maxent): maximum entropy / I-projection, biased die, Gibbs ---
class MaxEntResult(NamedTuple):
    distribution: _F64
    multipliers: _F64
    value: float
    iterations: int
    certificate: float
    termination: str

class GibbsState(NamedTuple):
    probabilities: _F64
    free_energy: float
    internal_energy: float
    entropy: float

def maxent(
    support: _Arr,
    features: _Arr,
    targets: Union[_Scalar, _Arr],
    prior: Optional[_Arr] = ...,
    *,
    tol: float = ...,
    max_iter: int = ...,
    workers: Optional[int] = ...,
) -> MaxEntResult: ...
def biased_die(mean: _Scalar) -> MaxEntResult: ...
def maxent_moments(
    x: _Arr,
    moments: _Arr,
    prior: Optional[_Arr] = ...,
    *,
    tol: float = ...,
    max_iter: int = ...,
    workers: Optional[int] = ...,
) -> MaxEntResult: ...
def gibbs(energies: _Arr, temperature: float = ...) -> GibbsState: ...

# --- logits (sanov::losses, logit matrices [B, V]): softmax cross-entropy and its gradient ---
_Reduction = Literal["mean", "sum", "none"]

def softmax_cross_entropy(
    logits: _Arr,
    target: _Arr,
    *,
    reduction: _Reduction = ...,
    ignore_index: Optional[int] = ...,
    label_smoothing: float = ...,
    weight: Optional[_Arr] = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> Union[float, _F64]: ...
def softmax_cross_entropy_grad(
    logits: _Arr,
    target: _Arr,
    *,
    reduction: Literal["mean", "sum"] = ...,
    ignore_index: Optional[int] = ...,
    label_smoothing: float = ...,
    weight: Optional[_Arr] = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
    out: Optional[npt.NDArray[np.floating]] = ...,
    in_place: bool = ...,
) -> tuple[float, npt.NDArray[np.floating]]: ...
def log_softmax(logits: _Arr, *, temperature: float = ..., workers: Optional[int] = ...) -> npt.NDArray[np.floating]: ...
def softmax(logits: _Arr, *, temperature: float = ..., workers: Optional[int] = ...) -> npt.NDArray[np.floating]: ...
def softmax_entropy(logits: _Arr, base: _Base = ..., *, workers: Optional[int] = ...) -> _F64: ...
def kl_divergence_logits(
    p_logits: _Arr, q_logits: _Arr, base: _Base = ..., *, workers: Optional[int] = ...
) -> _F64: ...

# --- geometry (sanov::geometry) and the VAE KL term (sanov::families::vae) ---
def fisher_information(family: str, params: Optional[dict[str, object]] = ..., parameterization: Optional[str] = ..., **kwargs: object) -> _F64: ...
def fisher_rao_distance(family: str, p: dict[str, object], q: dict[str, object]) -> float: ...
def fisher_rao_geodesic(family: Literal["normal", "categorical"], p: dict[str, object], q: dict[str, object], n_points: int = ...) -> _F64: ...
def natural_gradient(family: str, params: dict[str, object], grad: _Arr) -> _F64: ...
def fisher_rao_regularizer(family: Literal["normal", "categorical", "von_mises"], theta: dict[str, object], reference: dict[str, object]) -> tuple[float, _F64]: ...
def cramer_rao_bound(family: str, params: Optional[dict[str, object]] = ..., n: int = ..., **kwargs: object) -> _F64: ...
def kl_hessian(family: str, params: Optional[dict[str, object]] = ..., **kwargs: object) -> _F64: ...
@overload
def diag_gaussian_kl(mu1: _Arr, log_var1: _Arr, mu2: _Arr, log_var2: _Arr, reduction: Literal["mean", "sum"] = ..., workers: Optional[int] = ...) -> float: ...
@overload
def diag_gaussian_kl(mu1: _Arr, log_var1: _Arr, mu2: _Arr, log_var2: _Arr, reduction: Literal["none"], workers: Optional[int] = ...) -> _F64: ...
@overload
def vae_kl(mu: _Arr, log_var: _Arr, reduction: Literal["mean", "sum"] = ..., workers: Optional[int] = ...) -> float: ...
@overload
def vae_kl(mu: _Arr, log_var: _Arr, reduction: Literal["none"], workers: Optional[int] = ...) -> _F64: ...
class MixtureEntropyBounds(NamedTuple):
    lower: float
    upper: float

class MonteCarloKl(NamedTuple):
    estimate: float
    std_error: float

_Gmm = Union[tuple[_Arr, _Arr, _Arr], list[_Arr]]
def gmm_entropy(weights: _Arr, locs: _Arr, scales: _Arr, base: _Base = ...) -> float: ...
def gmm_entropy_bounds(weights: _Arr, means: _Arr, covs: _Arr, base: _Base = ...) -> MixtureEntropyBounds: ...
def gmm_kl_monte_carlo(p: _Gmm, q: _Gmm, n_samples: int = ..., seed: int = ..., base: _Base = ..., workers: Optional[int] = ...) -> MonteCarloKl: ...
def gmm_kl_variational(p: _Gmm, q: _Gmm, base: _Base = ...) -> float: ...
def vae_kl_with_grad(
    mu: _Arr,
    log_var: _Arr,
    reduction: Literal["mean", "sum"] = ...,
    workers: Optional[int] = ...,
    *,
    out: Optional[tuple[npt.NDArray[np.floating], npt.NDArray[np.floating]]] = ...,
) -> tuple[float, npt.NDArray[np.floating], npt.NDArray[np.floating]]: ...

# --- time series, significance, sample divergences, spacing entropy (issue 21) ---
_TeEstimator = Literal["plug-in", "miller-madow", "grassberger", "chao-shen", "nsb", "ksg"]
def transfer_entropy(
    source: _Arr,
    target: _Arr,
    k: int = ...,
    l: int = ...,
    delay: int = ...,
    *,
    condition: Optional[_Arr] = ...,
    m: int = ...,
    estimator: _TeEstimator = ...,
    n_neighbors: int = ...,
    alphabet_size: int = ...,
    jitter: Optional[float] = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> float: ...
def active_information_storage(
    x: _Arr,
    k: int = ...,
    *,
    estimator: _TeEstimator = ...,
    n_neighbors: int = ...,
    alphabet_size: int = ...,
    jitter: Optional[float] = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> float: ...
def block_entropy(x: _Arr, block: int, *, estimator: _TeEstimator = ..., alphabet_size: int = ..., base: _Base = ...) -> float: ...
def entropy_rate(x: _Arr, block: int, *, estimator: _TeEstimator = ..., alphabet_size: int = ..., base: _Base = ...) -> float: ...
def lempel_ziv_complexity(x: _Arr) -> tuple[int, float]: ...
def permutation_entropy(x: _Arr, order: int = ..., delay: int = ..., *, normalize: bool = ..., base: _Base = ...) -> float: ...
def transfer_entropy_test(
    source: _Arr,
    target: _Arr,
    k: int = ...,
    l: int = ...,
    delay: int = ...,
    *,
    condition: Optional[_Arr] = ...,
    m: int = ...,
    estimator: _TeEstimator = ...,
    n_neighbors: int = ...,
    alphabet_size: int = ...,
    jitter: Optional[float] = ...,
    n_permutations: int = ...,
    seed: int = ...,
    surrogate: Literal["shuffle", "circular", "block"] = ...,
    block_length: Optional[int] = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> dict[str, object]: ...
def mutual_information_test(
    x: _Arr,
    y: _Arr,
    *,
    estimator: Literal["plug-in", "ksg"] = ...,
    n_neighbors: int = ...,
    jitter: Optional[float] = ...,
    n_permutations: int = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> dict[str, object]: ...
def mutual_information_bootstrap(
    x: _Arr,
    y: _Arr,
    *,
    estimator: Literal["plug-in", "ksg"] = ...,
    n_neighbors: int = ...,
    jitter: Optional[float] = ...,
    n_resamples: int = ...,
    confidence: float = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> dict[str, object]: ...
_DiscreteOrKsg = Literal["plug-in", "miller-madow", "grassberger", "chao-shen", "nsb", "ksg"]
def conditional_mutual_information_test(
    x: _Arr,
    y: _Arr,
    z: _Arr,
    *,
    estimator: _DiscreteOrKsg = ...,
    n_neighbors: int = ...,
    alphabet_size: int = ...,
    jitter: Optional[float] = ...,
    n_permutations: int = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> dict[str, object]: ...
def conditional_mutual_information_bootstrap(
    x: _Arr,
    y: _Arr,
    z: _Arr,
    *,
    estimator: _DiscreteOrKsg = ...,
    n_neighbors: int = ...,
    alphabet_size: int = ...,
    jitter: Optional[float] = ...,
    n_resamples: int = ...,
    confidence: float = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> dict[str, object]: ...
def active_information_storage_test(
    x: _Arr,
    k: int = ...,
    *,
    estimator: _TeEstimator = ...,
    n_neighbors: int = ...,
    alphabet_size: int = ...,
    jitter: Optional[float] = ...,
    n_permutations: int = ...,
    seed: int = ...,
    surrogate: Literal["shuffle", "circular", "block"] = ...,
    block_length: Optional[int] = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> dict[str, object]: ...
def active_information_storage_bootstrap(
    x: _Arr,
    k: int = ...,
    *,
    estimator: _TeEstimator = ...,
    n_neighbors: int = ...,
    alphabet_size: int = ...,
    jitter: Optional[float] = ...,
    n_resamples: int = ...,
    confidence: float = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> dict[str, object]: ...
def transfer_entropy_bootstrap(
    source: _Arr,
    target: _Arr,
    k: int = ...,
    l: int = ...,
    delay: int = ...,
    *,
    condition: Optional[_Arr] = ...,
    m: int = ...,
    estimator: _TeEstimator = ...,
    n_neighbors: int = ...,
    alphabet_size: int = ...,
    jitter: Optional[float] = ...,
    n_resamples: int = ...,
    confidence: float = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> dict[str, object]: ...
def entropy_bootstrap(
    samples: _Col,
    *,
    estimator: Literal["plug-in", "miller-madow", "grassberger", "chao-shen", "nsb"] = ...,
    alphabet_size: int = ...,
    n_resamples: int = ...,
    confidence: float = ...,
    seed: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> dict[str, object]: ...
def knn_kl_divergence(x: _Arr, y: _Arr, k: int = ..., *, base: _Base = ..., workers: Optional[int] = ...) -> float: ...
def knn_renyi_divergence(x: _Arr, y: _Arr, alpha: float, k: int = ..., *, base: _Base = ..., workers: Optional[int] = ...) -> float: ...
def spacing_entropy(
    x: _Arr,
    *,
    method: Literal["auto", "vasicek", "van es", "ebrahimi", "correa"] = ...,
    window_length: Optional[int] = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
) -> float: ...
# --- variational MI bounds (sanov::bounds) ---
@overload
def info_nce(scores: _Arr, *, grad: Literal[False] = ..., base: _Base = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def info_nce(scores: _Arr, *, grad: Literal[True], base: _Base = ..., workers: Optional[int] = ...) -> tuple[Union[float, _F64], npt.NDArray[np.floating]]: ...
@overload
def nwj(scores: _Arr, *, grad: Literal[False] = ..., base: _Base = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def nwj(scores: _Arr, *, grad: Literal[True], base: _Base = ..., workers: Optional[int] = ...) -> tuple[Union[float, _F64], npt.NDArray[np.floating]]: ...
@overload
def donsker_varadhan(scores: _Arr, *, grad: Literal[False] = ..., base: _Base = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def donsker_varadhan(scores: _Arr, *, grad: Literal[True], base: _Base = ..., workers: Optional[int] = ...) -> tuple[Union[float, _F64], npt.NDArray[np.floating]]: ...
@overload
def jensen_shannon_bound(scores: _Arr, *, grad: Literal[False] = ..., base: _Base = ..., workers: Optional[int] = ...) -> Union[float, _F64]: ...
@overload
def jensen_shannon_bound(scores: _Arr, *, grad: Literal[True], base: _Base = ..., workers: Optional[int] = ...) -> tuple[Union[float, _F64], npt.NDArray[np.floating]]: ...

# --- partial information decomposition (sanov::pid) ---
def partial_information(
    joint: _Arr,
    measure: Literal["williams_beer", "broja", "ccs"],
    *,
    base: _Base = ...,
    tolerance: float = ...,
    max_iterations: int = ...,
) -> dict[str, object]: ...

# --- information bottleneck (sanov::bottleneck) ---
def ib_evaluate(joint: _Arr, encoder: _Arr, beta: float, *, base: _Base = ...) -> dict[str, float]: ...
def information_bottleneck(
    joint: _Arr,
    n_clusters: int,
    beta: float,
    *,
    deterministic: bool = ...,
    exact: bool = ...,
    restarts: int = ...,
    seed: int = ...,
    tolerance: float = ...,
    max_iterations: int = ...,
    base: _Base = ...,
) -> dict[str, object]: ...
def ib_curve(
    joint: _Arr,
    n_clusters: int,
    betas: Sequence[float],
    *,
    seed: int = ...,
    tolerance: float = ...,
    max_iterations: int = ...,
    base: _Base = ...,
) -> dict[str, object]: ...
# --- DataFrames and mergeable summaries (python/sanov/_mitable.py, crates/sanov-py/src/frames.rs) ---
def mutual_info_table(
    df: Any,
    target: str,
    *,
    discrete: Optional[Sequence[str]] = ...,
    continuous: Optional[Sequence[str]] = ...,
    k: int = ...,
    base: _Base = ...,
    workers: Optional[int] = ...,
    random_state: int = ...,
    nan_policy: _Omit = ...,
) -> Any: ...
@final
class CountTable:
    def __new__(cls, columns: Sequence[_Arr]) -> CountTable: ...
    @staticmethod
    def empty(arity: int) -> CountTable: ...
    def merge(self, other: CountTable) -> CountTable: ...
    @property
    def arity(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def distinct(self) -> int: ...
    def label_counts(self, col: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64]]: ...
    def entropy(self, cols: Union[int, Sequence[int]], estimator: Literal["plugin", "miller_madow", "grassberger", "chao_shen", "nsb"] = ..., base: _Base = ..., alphabet_size: Optional[int] = ...) -> float: ...
    def mutual_information(self, x: Union[int, Sequence[int]], y: Union[int, Sequence[int]], base: _Base = ...) -> float: ...
    def conditional_entropy(self, x: Union[int, Sequence[int]], y: Union[int, Sequence[int]], base: _Base = ...) -> float: ...
    def conditional_mutual_information(self, x: Union[int, Sequence[int]], y: Union[int, Sequence[int]], z: Union[int, Sequence[int]], base: _Base = ...) -> float: ...
    def normalized_mutual_information(self, x: int, y: int, average_method: Literal["min", "geometric", "arithmetic", "max"] = ...) -> float: ...
    def adjusted_mutual_information(self, x: int, y: int, average_method: Literal["min", "geometric", "arithmetic", "max"] = ...) -> float: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> CountTable: ...
@final
class CoMoments:
    def __new__(cls, x: _Arr) -> CoMoments: ...
    @staticmethod
    def empty(dim: int) -> CoMoments: ...
    def merge(self, other: CoMoments) -> CoMoments: ...
    @property
    def count(self) -> int: ...
    @property
    def mean(self) -> _F64: ...
    def covariance(self) -> _F64: ...
    def gaussian_mutual_information(self, x: Union[int, Sequence[int]], y: Union[int, Sequence[int]], base: _Base = ...) -> float: ...
    def gaussian_total_correlation(self, cols: Optional[Union[int, Sequence[int]]] = ..., base: _Base = ...) -> float: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> CoMoments: ...

# --- seeds of issue #22 items 2-4 (sanov::losses::elbo, vae_loss, divergences::kl_chain_rule,
# families::entropy_affine, entropic_clt) ---
class Elbo(NamedTuple):
    elbo: float
    log_px: float
    kl: float
    residual: Optional[float]
    identity_holds: bool

class VaeLoss(NamedTuple):
    total: float
    reconstruction: float
    kl: float

class KlChainRule(NamedTuple):
    joint: float
    marginal: float
    conditional: float
    total: float

def elbo(prior: _Arr, likelihood: _Arr, x: int, q: _Arr) -> Elbo: ...
def vae_loss(recon: _Arr, target: _Arr, mu: _Arr, log_var: _Arr, beta: float = ..., likelihood: Literal["bernoulli", "gaussian"] = ...) -> VaeLoss: ...
def kl_chain_rule(p_xy: _Arr, q_xy: _Arr, base: _Base = ...) -> KlChainRule: ...
def entropy_affine(h_x: _Scalar, a: _Arr, base: _Base = ...) -> float: ...
def entropic_clt(n: int, base: _Base = ...) -> float: ...
