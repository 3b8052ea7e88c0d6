//! The PID measures against dit 2.3 (`scripts/reference/generate_pid.py`: `PID_WB`,
//! `PID_CCS`, `PID_BROJA`) and against the canonical gates' exact values.

use ndarray::{Array3, ArrayView3};
use sanov::iterate::StoppingRule;
use sanov::pid::{pid_broja, pid_ccs, pid_williams_beer, Pid};
use sanov::{Base, Error};

const TABLE: &str = include_str!("data/pid.txt");

/// The agreement targets with dit (bits, absolute): I_min and I_ccs are closed forms
/// (I_ccs after a maximum-entropy fit), BROJA is an optimisation on dit's side.
const TOL_DIT_WB: f64 = 1e-9;
const TOL_DIT_CCS: f64 = 1e-9;
const TOL_DIT_BROJA: f64 = 1e-6;
/// The canonical gates against their exact values: a few ulps of the bits involved (BROJA's
/// value carries its certified gap, at most the default 1e-12 nats).
const TOL_GATE: f64 = 1e-12;

fn broja(p: ArrayView3<'_, f64>) -> Pid {
    let r = pid_broja(p, Base::Bits, &StoppingRule::default()).unwrap();
    assert!(r.diagnostics.certificate <= 1e-12, "gap {}", r.diagnostics.certificate);
    r.pid
}

fn atoms(p: &Pid) -> [f64; 4] {
    [p.redundancy, p.unique_1, p.unique_2, p.synergy]
}

fn check_identities(p: &Pid) {
    let tol = 1e-12;
    assert!((p.redundancy + p.unique_1 - p.mi_1).abs() <= tol);
    assert!((p.redundancy + p.unique_2 - p.mi_2).abs() <= tol);
    assert!((atoms(p).iter().sum::<f64>() - p.mi_12).abs() <= tol);
}

#[test]
fn agrees_with_dit() {
    let mut n = 0;
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split(" | ").collect();
        let dims: Vec<usize> = f[2..5].iter().map(|v| v.parse().unwrap()).collect();
        let p: Vec<f64> = f[5].split(',').map(|v| v.parse().unwrap()).collect();
        let want: Vec<f64> = f[6..10].iter().map(|v| v.parse().unwrap()).collect();
        let p = Array3::from_shape_vec((dims[0], dims[1], dims[2]), p).unwrap();
        let (got, tol) = match f[0] {
            "wb" => (pid_williams_beer(p.view(), Base::Bits).unwrap(), TOL_DIT_WB),
            "ccs" => (pid_ccs(p.view(), Base::Bits).unwrap(), TOL_DIT_CCS),
            "broja" => (broja(p.view()), TOL_DIT_BROJA),
            m => panic!("unknown measure {m}"),
        };
        check_identities(&got);
        for (k, (g, w)) in atoms(&got).iter().zip(&want).enumerate() {
            assert!(
                (g - w).abs() <= tol,
                "{} {} atom {k}: sanov {g:.15} dit {w:.15}",
                f[0],
                f[1]
            );
        }
        n += 1;
    }
    assert!(n >= 60, "{n} rows");
}

fn gate(f: impl Fn(usize, usize) -> usize, ny: usize) -> Array3<f64> {
    let mut p = Array3::zeros((2, 2, ny));
    for a in 0..2 {
        for b in 0..2 {
            p[[a, b, f(a, b)]] += 0.25;
        }
    }
    p
}

fn assert_atoms(p: &Pid, want: [f64; 4], what: &str) {
    for (k, (g, w)) in atoms(p).iter().zip(want).enumerate() {
        assert!((g - w).abs() <= TOL_GATE, "{what} atom {k}: {g:e} vs {w:e}");
    }
    check_identities(p);
}

#[test]
fn canonical_gates_are_exact() {
    // Exact values in bits: XOR pure synergy; RDN pure redundancy; UNQ (Y = X1) pure unique;
    // COPY (Y = (X1, X2)): 1 bit unique each for BROJA and I_ccs, 1 bit redundancy + 1 bit
    // synergy for I_min (its known flaw); AND: I(X1;Y) = 3/2 − (3/4) log2 3, and for BROJA and
    // I_min R = I(X1;Y), S = 1/2.
    let xor = gate(|a, b| a ^ b, 2);
    let and = gate(|a, b| a & b, 2);
    let copy = gate(|a, b| 2 * a + b, 4);
    let unq = gate(|a, _| a, 2);
    let mut rdn = Array3::zeros((2, 2, 2));
    rdn[[0, 0, 0]] = 0.5;
    rdn[[1, 1, 1]] = 0.5;
    let i_and = 1.5 - 0.75 * 3f64.log2();
    for (name, p, wb, br, cc) in [
        ("xor", &xor, [0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0], Some([0.0, 0.0, 0.0, 1.0])),
        ("rdn", &rdn, [1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0], Some([1.0, 0.0, 0.0, 0.0])),
        ("unq", &unq, [0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], Some([0.0, 1.0, 0.0, 0.0])),
        ("copy", &copy, [1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 0.0], Some([0.0, 1.0, 1.0, 0.0])),
        ("and", &and, [i_and, 0.0, 0.0, 0.5], [i_and, 0.0, 0.0, 0.5], None),
    ] {
        assert_atoms(&pid_williams_beer(p.view(), Base::Bits).unwrap(), wb, &format!("wb {name}"));
        assert_atoms(&broja(p.view()), br, &format!("broja {name}"));
        if let Some(cc) = cc {
            assert_atoms(&pid_ccs(p.view(), Base::Bits).unwrap(), cc, &format!("ccs {name}"));
        }
    }
}

#[test]
fn broja_optimum_keeps_the_marginals_and_nats_are_bits_times_ln2() {
    let p = Array3::from_shape_fn((3, 2, 4), |(a, b, y)| (1 + a * 8 + b * 4 + y) as f64 / 300.0);
    let r = pid_broja(p.view(), Base::Nats, &StoppingRule::default()).unwrap();
    for a in 0..3 {
        for y in 0..4 {
            let want: f64 = (0..2).map(|b| p[[a, b, y]]).sum();
            let got: f64 = (0..2).map(|b| r.q[[a, b, y]]).sum();
            assert!((want - got).abs() <= 1e-15);
        }
    }
    assert!(r.q.iter().all(|&v| v >= 0.0));
    let bits = pid_broja(p.view(), Base::Bits, &StoppingRule::default()).unwrap();
    let ln2 = std::f64::consts::LN_2;
    for (n, b) in atoms(&r.pid).iter().zip(atoms(&bits.pid)) {
        assert!((n - b * ln2).abs() <= 1e-14);
    }
    // The BROJA atoms are non-negative up to the gap.
    for v in atoms(&r.pid) {
        assert!(v >= -1e-12);
    }
}

#[test]
fn error_paths() {
    let mut p = Array3::from_elem((2, 2, 2), 0.125);
    let rule = StoppingRule::default();
    type F = fn(ArrayView3<'_, f64>) -> Result<Pid, Error>;
    let measures: [F; 3] = [
        |p| pid_williams_beer(p, Base::Nats),
        |p| pid_ccs(p, Base::Nats),
        |p| pid_broja(p, Base::Nats, &StoppingRule::default()).map(|r| r.pid),
    ];
    for m in measures {
        assert!(m(p.view()).is_ok());
        assert_eq!(m(Array3::zeros((0, 2, 2)).view()), Err(Error::Empty { arg: "joint" }));
        p[[1, 0, 1]] = f64::NAN;
        assert!(matches!(m(p.view()), Err(Error::NonFinite { index: 5, .. })));
        p[[1, 0, 1]] = -0.125;
        assert!(matches!(m(p.view()), Err(Error::NegativeProbability { index: 5, .. })));
        p[[1, 0, 1]] = 0.5;
        assert!(matches!(m(p.view()), Err(Error::NotNormalized { .. })));
        p[[1, 0, 1]] = 0.125;
    }
    let bad = StoppingRule { tolerance: 0.0, ..rule };
    assert!(matches!(
        pid_broja(p.view(), Base::Nats, &bad),
        Err(Error::InvalidParameter { name: "tolerance", .. })
    ));
    let short = StoppingRule { max_iterations: 1, tolerance: 1e-15 };
    let q = Array3::from_shape_fn((3, 3, 3), |(a, b, y)| (1 + a * 9 + b * 3 + y) as f64 / 378.0);
    assert!(matches!(
        pid_broja(q.view(), Base::Nats, &short),
        Err(Error::NotConverged { .. })
    ));
}
