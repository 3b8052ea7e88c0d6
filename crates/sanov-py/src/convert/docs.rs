//! Docstring fragments shared by the bindings (NumPy docstring style).

macro_rules! doc_base {
    () => {
        "base : None, float or str, optional
    Logarithm base of the result: None or \"nats\" (e, the default), 2 or \"bits\",
    10 or \"hartleys\", or any number b > 0, b != 1."
    };
}

macro_rules! doc_dist {
    ($arg:literal) => {
        concat!(
            $arg,
            " : array_like
    A probability vector (1-D): finite, non-negative, summing to 1 within 1e-9 (float64)
    or 1e-5 (float32). With ``axis``, a 2-D array holding one distribution per row
    (``axis=1``) or per column (``axis=0``). float32 arrays are computed without upcasting;
    other real dtypes (int, bool, lists) are converted to float64. A float32 input paired
    with a float64 one is promoted to float64 (as NumPy does) and validated as such."
        )
    };
}

macro_rules! doc_batch {
    () => {
        "axis : int, optional
    None (the default): the input must be 1-D and the result is a float. For N-d input,
    the axis along which each distribution lies (negative counts from the end): a 2-D
    input with axis=1 gives one value per row, axis=0 one per column. The result has the
    input's shape without that axis. Two inputs are broadcast against each other as NumPy
    does. An N-d input without ``axis`` raises ShapeError.
keepdims : bool, default False
    With ``axis``: keep the reduced axis as a dimension of length 1.
normalize : bool, default False
    Divide by the sum first (the explicit opt-in for counts or weights; SciPy normalises
    silently, sanov does not). Rejects negative, non-finite and all-zero weights.
nan_policy : {\"raise\", \"propagate\", \"omit\"}, default \"raise\"
    \"propagate\": a distribution holding NaN gives NaN (other violations still raise).
    \"omit\": NaN entries are dropped (from both sides of a pair, as SciPy does); the rest
    must still be a distribution (or pass normalize=True); an all-NaN one gives NaN.
workers : int, optional
    Threads of the kernel. None (the default) or 0: the default thread count, every core
    (rayon's global pool) unless the environment variable SANOV_NUM_THREADS (then
    RAYON_NUM_THREADS) caps it, for inputs large enough to gain from it (at least 32 768
    elements per task; smaller inputs run on the calling thread); 1 always runs on the
    calling thread; n runs on at most n threads (a pool of n threads, kept for reuse). The
    summation order, and so the last bits of a sum, depends on the split. The GIL is released
    for large inputs either way."
    };
}

macro_rules! doc_errors {
    () => {
        "Raises
------
ShapeError
    Empty input, mismatched lengths or shapes, wrong number of dimensions.
DomainError
    NaN or infinite entries, negative entries, a sum other than 1, an invalid parameter.
TypeError
    A non-real dtype (strings, complex, object)."
    };
}
