//! Shared helpers of the integration tests: tolerances, the deterministic vector generator of
//! `scripts/reference/generate_discrete.py`, the parser of its tables, the parser of the
//! `|`-separated family and geometry tables, and comparisons that name the failing case.
//!
//! Each test binary uses a subset of this module.
#![allow(dead_code)]

pub mod pipe_table;
pub mod tol;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock};

use sanov::Base;

// ---------------------------------------------------------------------------------------------
// The generator (mirrors `generate_discrete.py` operation for operation).

/// splitmix64 (Steele, Lea & Flood 2014), as in the Python script.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator with state `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform double in `[0, 1)`: `(x >> 11) · 2^-53` (both steps exact).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform integer in `0..n` (`n > 0`), by rejection-free multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// Neumaier's compensated sum, left to right, exactly as in the Python script.
pub fn neumaier(xs: &[f64]) -> f64 {
    let mut s = 0.0f64;
    let mut c = 0.0f64;
    for &x in xs {
        let t = s + x;
        if s.abs() >= x.abs() {
            c += (s - t) + x;
        } else {
            c += (x - t) + s;
        }
        s = t;
    }
    s + c
}

/// The generated probability vector `kind`/`seed`/`n` (float64), see the Python docstring.
pub fn generate(kind: &str, seed: u64, n: usize) -> Vec<f64> {
    let mut rng = SplitMix64::new(seed);
    let w: Vec<f64> = (0..n)
        .map(|_| {
            let u = rng.next_f64();
            match kind {
                "u1" => u,
                "u3" => u * u * u,
                "z" => {
                    if u < 0.25 {
                        0.0
                    } else {
                        u
                    }
                }
                "s" => {
                    if u < 0.1 {
                        u * 1e-310
                    } else {
                        u
                    }
                }
                _ => panic!("unknown generated kind {kind:?}"),
            }
        })
        .collect();
    let s = neumaier(&w);
    w.into_iter().map(|v| v / s).collect()
}

/// Left-to-right float64 sum (the sanity value stored in `generated.csv`).
pub fn naive_sum(xs: &[f64]) -> f64 {
    let mut s = 0.0;
    for &x in xs {
        s += x;
    }
    s
}

/// FNV-1a-style hash of the bits of `xs` (the second sanity value of `generated.csv`).
pub fn fnv(xs: &[f64]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &x in xs {
        h ^= x.to_bits();
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

// ---------------------------------------------------------------------------------------------
// Tables.

/// Path of a file under `tests/data`.
pub fn data_path(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// An input vector of either element type.
#[derive(Debug, Clone)]
pub enum Vector {
    /// float64 values.
    F64(Vec<f64>),
    /// float32 values.
    F32(Vec<f32>),
}

impl Vector {
    /// The values widened to f64 (exact).
    pub fn to_f64(&self) -> Vec<f64> {
        match self {
            Self::F64(v) => v.clone(),
            Self::F32(v) => v.iter().map(|&x| f64::from(x)).collect(),
        }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Self::F64(v) => v.len(),
            Self::F32(v) => v.len(),
        }
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The f64 values, or a panic naming `case` for an f32 vector.
    pub fn f64s(&self, case: &str) -> &[f64] {
        match self {
            Self::F64(v) => v,
            Self::F32(_) => panic!("{case}: expected an f64 vector"),
        }
    }
}

/// One row of `reference.csv`.
#[derive(Debug, Clone)]
pub struct Row {
    /// Line number in the file (1-based), for messages.
    pub line: usize,
    /// Case name.
    pub case: String,
    /// Function name.
    pub func: String,
    /// First vector spec (may be empty).
    pub p: String,
    /// Second vector spec (may be empty).
    pub q: String,
    /// Function-specific parameter(s).
    pub param: String,
    /// `e`, `2`, `10`, another base, or `-`.
    pub base: String,
    /// `repr` of the reference, `inf`, or `v:<id>`.
    pub expected: String,
}

impl Row {
    /// A label for failure messages.
    pub fn label(&self) -> String {
        format!(
            "reference.csv:{} case={} func={} p={} q={} param={} base={}",
            self.line, self.case, self.func, self.p, self.q, self.param, self.base
        )
    }

    /// The base of the row.
    pub fn base(&self) -> Base {
        parse_base(&self.base)
    }

    /// The parameter as a float.
    pub fn param_f64(&self) -> f64 {
        parse_f64(&self.param)
    }
}

/// Parses a float as written by Python's `repr` (or `inf`/`-inf`).
pub fn parse_f64(s: &str) -> f64 {
    s.trim()
        .parse::<f64>()
        .unwrap_or_else(|e| panic!("bad float {s:?}: {e}"))
}

/// `e` → nats, `2` → bits, `10` → hartleys, `-` → nats (unused), else `Base::new`.
pub fn parse_base(s: &str) -> Base {
    match s {
        "e" | "-" => Base::Nats,
        "2" => Base::Bits,
        "10" => Base::Hartleys,
        other => Base::new(parse_f64(other)).expect("valid base in table"),
    }
}

/// The reference tables written by `scripts/reference/generate_discrete.py`.
pub struct Tables {
    /// Committed vectors by id.
    pub vectors: HashMap<String, Arc<Vector>>,
    /// Rows of `reference.csv`.
    pub rows: Vec<Row>,
    /// `spec → (naive_sum, fnv)` from `generated.csv`.
    pub generated: HashMap<String, (f64, u64)>,
    cache: Mutex<HashMap<String, Arc<Vector>>>,
}

fn read(name: &str) -> String {
    let path = data_path(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

impl Tables {
    /// The tables, parsed once per test binary.
    pub fn get() -> &'static Tables {
        static T: OnceLock<Tables> = OnceLock::new();
        T.get_or_init(Self::load)
    }

    fn load() -> Self {
        let mut vectors = HashMap::new();
        for (line, l) in content_lines(&read("vectors.txt")) {
            let mut it = l.split(' ');
            let id = it.next().expect("id").to_string();
            let dtype = it.next().expect("dtype");
            let n: usize = it.next().expect("n").parse().expect("n");
            let vals: Vec<f64> = it.map(parse_f64).collect();
            assert_eq!(vals.len(), n, "vectors.txt:{line}: {id} length");
            let v = match dtype {
                "f64" => Vector::F64(vals),
                "f32" => Vector::F32(
                    vals.iter()
                        .map(|&x| {
                            let y = x as f32;
                            assert!(
                                f64::from(y) == x || x.is_nan(),
                                "vectors.txt:{line}: {id}: {x} is not an f32"
                            );
                            y
                        })
                        .collect(),
                ),
                d => panic!("vectors.txt:{line}: bad dtype {d}"),
            };
            vectors.insert(id, Arc::new(v));
        }
        let mut rows = Vec::new();
        let text = read("reference.csv");
        let mut header = true;
        for (line, l) in content_lines(&text) {
            if header {
                assert_eq!(l, "case,func,p,q,param,base,expected");
                header = false;
                continue;
            }
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 7, "reference.csv:{line}: {l}");
            rows.push(Row {
                line,
                case: f[0].into(),
                func: f[1].into(),
                p: f[2].into(),
                q: f[3].into(),
                param: f[4].into(),
                base: f[5].into(),
                expected: f[6].into(),
            });
        }
        let mut generated = HashMap::new();
        let text = read("generated.csv");
        let mut header = true;
        for (line, l) in content_lines(&text) {
            if header {
                assert_eq!(l, "spec,naive_sum,fnv");
                header = false;
                continue;
            }
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 3, "generated.csv:{line}: {l}");
            generated.insert(
                f[0].to_string(),
                (parse_f64(f[1]), f[2].parse::<u64>().expect("fnv")),
            );
        }
        Self {
            vectors,
            rows,
            generated,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Resolves a vector spec: `v:<id>` or `g:<kind>:<seed>:<n>:<dtype>`.
    ///
    /// A generated vector is checked against `generated.csv` (same naive sum and hash as the
    /// Python side) the first time it is built.
    pub fn vector(&self, spec: &str) -> Arc<Vector> {
        if let Some(id) = spec.strip_prefix("v:") {
            return self
                .vectors
                .get(id)
                .unwrap_or_else(|| panic!("unknown vector {id}"))
                .clone();
        }
        let Some(g) = spec.strip_prefix("g:") else {
            panic!("bad vector spec {spec:?}");
        };
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(v) = cache.get(spec) {
            return v.clone();
        }
        let parts: Vec<&str> = g.split(':').collect();
        assert_eq!(parts.len(), 4, "bad generated spec {spec}");
        let seed: u64 = parts[1].parse().expect("seed");
        let n: usize = parts[2].parse().expect("n");
        let p = generate(parts[0], seed, n);
        let v = match parts[3] {
            "f64" => Vector::F64(p),
            "f32" => Vector::F32(p.iter().map(|&x| x as f32).collect()),
            d => panic!("bad dtype {d}"),
        };
        let wide = v.to_f64();
        let (sum, hash) = self
            .generated
            .get(spec)
            .unwrap_or_else(|| panic!("{spec} missing from generated.csv"));
        assert_eq!(
            naive_sum(&wide).to_bits(),
            sum.to_bits(),
            "{spec}: the Rust generator's sum differs from the Python one"
        );
        assert_eq!(
            fnv(&wide),
            *hash,
            "{spec}: the Rust generator's floats differ from the Python ones"
        );
        let v = Arc::new(v);
        cache.insert(spec.to_string(), v.clone());
        v
    }
}

// ---------------------------------------------------------------------------------------------
// Comparisons.

/// Whether `got` matches `want` to relative tolerance `rel`: infinities must match exactly,
/// NaN matches only NaN, and differences below [`tol::TOL_TINY_ABS`] always pass.
pub fn close(got: f64, want: f64, rel: f64) -> bool {
    close_abs(got, want, rel, tol::TOL_TINY_ABS)
}

/// As [`close`], with the absolute floor `abs` instead of [`tol::TOL_TINY_ABS`].
pub fn close_abs(got: f64, want: f64, rel: f64, abs: f64) -> bool {
    if want.is_nan() || got.is_nan() {
        return want.is_nan() && got.is_nan();
    }
    if want.is_infinite() || got.is_infinite() {
        return got == want;
    }
    let d = (got - want).abs();
    d <= rel * want.abs() || d <= abs
}

/// `Ok` if [`close`], else a message naming `case` with both values and the relative error.
pub fn check_close(case: &str, got: f64, want: f64, rel: f64) -> Result<(), String> {
    check_close_abs(case, got, want, rel, tol::TOL_TINY_ABS)
}

/// `Ok` if [`close_abs`], else a message naming `case` with both values and the relative error.
pub fn check_close_abs(case: &str, got: f64, want: f64, rel: f64, abs: f64) -> Result<(), String> {
    if close_abs(got, want, rel, abs) {
        Ok(())
    } else {
        let mut m = format!("{case}: got {got:e}, want {want:e}");
        if want != 0.0 && want.is_finite() && got.is_finite() {
            let _ = write!(
                m,
                " (relative error {:.3e}, tolerance {rel:e})",
                ((got - want) / want).abs()
            );
        } else {
            let _ = write!(m, " (tolerance {rel:e})");
        }
        Err(m)
    }
}

/// Panics with the case name unless [`close`].
#[track_caller]
pub fn assert_close(case: &str, got: f64, want: f64, rel: f64) {
    if let Err(m) = check_close(case, got, want, rel) {
        panic!("{m}");
    }
}

/// Panics unless `got` rounds to the value printed with `decimals` decimals.
#[track_caller]
pub fn assert_printed(case: &str, got: f64, printed: f64, decimals: i32) {
    let t = tol::tol_printed(decimals);
    assert!(
        (got - printed).abs() <= t,
        "{case}: got {got}, printed value {printed} (±{t:e})"
    );
}

/// Collects failures so that a test reports every failing case, not only the first.
#[derive(Debug, Default)]
pub struct Failures {
    /// Messages.
    pub messages: Vec<String>,
    /// Number of comparisons made.
    pub checked: usize,
}

impl Failures {
    /// Records the outcome of one comparison.
    pub fn record(&mut self, r: Result<(), String>) {
        self.checked += 1;
        if let Err(m) = r {
            self.messages.push(m);
        }
    }

    /// Panics listing every failure, if any.
    #[track_caller]
    pub fn finish(self, what: &str) {
        eprintln!("{what}: {} reference values checked", self.checked);
        assert!(
            self.messages.is_empty(),
            "{what}: {} of {} checks failed:\n{}",
            self.messages.len(),
            self.checked,
            self.messages.join("\n")
        );
    }
}
