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
/// value carries its certified gap, at most 1e-10 nats).
const TOL_GATE_BROJA: f64 = 1e-10;
const TOL_GATE: f64 = 1e-12;

/// The certified gap asked of BROJA in the tests (nats): 1e-12 is at the rounding floor of the
/// barrier's last rounds for some joints.
const BROJA_GAP: f64 = 1e-10;

fn broja(p: ArrayView3<'_, f64>) -> Pid {
    let rule = StoppingRule {
        tolerance: BROJA_GAP,
        ..StoppingRule::default()
    };
    let r = pid_broja(p, Base::Bits, &rule).unwrap();
    assert!(
        r.diagnostics.certificate <= BROJA_GAP,
        "gap {}",
        r.diagnostics.certificate
    );
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
    let (mut n, mut dit_suboptimal) = (0, 0);
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
        let (g, w) = (atoms(&got), &want);
        if f[0] == "broja" && (g[1] - w[1]).abs() > tol && g[1] < w[1] {
            // dit's optimiser stopped above the minimum: sanov's unique information is lower
            // (a feasible Q with a smaller I_Q(Y;X1|X2)) and certified to 1e-12 nats, so dit is
            // the one that is off (dir222_1: dit's R = −1.2e-3 bits, impossible for BROJA; a
            // grid search over the 2-parameter Δ_p agrees with sanov to 1e-7).
            eprintln!(
                "broja {}: dit's U1 {:.3e} above sanov's certified optimum",
                f[1],
                w[1] - g[1]
            );
            dit_suboptimal += 1;
            assert!(
                g.iter().all(|&v| v >= -1e-12),
                "BROJA atoms are non-negative"
            );
            n += 1;
            continue;
        }
        if f[0] == "broja" && KNOWN_DISAGREEMENT.contains(&f[1]) {
            // Open: dit reports a unique information 1.8e-4 bits below sanov's certified
            // optimum on this joint with structural zeros (see the report of issue 20).
            for (g, w) in g.iter().zip(w) {
                assert!((g - w).abs() <= 1e-3);
            }
            n += 1;
            continue;
        }
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
    assert!(n >= 55, "{n} rows");
    assert!(
        dit_suboptimal <= 6,
        "{dit_suboptimal} BROJA rows where dit is suboptimal"
    );
}

/// BROJA rows where dit's value is below sanov's certified minimum by more than
/// `TOL_DIT_BROJA`. For zeros333_0 an independent SLSQP minimisation over the constraint
/// polytope (scripts/reference/check_broja_scipy.py) gives 0.2253925000466976 bits, sanov's
/// value to 1.5e-15, so dit's 0.2252076 lies below the minimum: dit is off there.
const KNOWN_DISAGREEMENT: [&str; 1] = ["zeros333_0"];

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
        (
            "xor",
            &xor,
            [0.0, 0.0, 0.0, 1.0],
            [0.0, 0.0, 0.0, 1.0],
            Some([0.0, 0.0, 0.0, 1.0]),
        ),
        (
            "rdn",
            &rdn,
            [1.0, 0.0, 0.0, 0.0],
            [1.0, 0.0, 0.0, 0.0],
            Some([1.0, 0.0, 0.0, 0.0]),
        ),
        (
            "unq",
            &unq,
            [0.0, 1.0, 0.0, 0.0],
            [0.0, 1.0, 0.0, 0.0],
            Some([0.0, 1.0, 0.0, 0.0]),
        ),
        (
            "copy",
            &copy,
            [1.0, 0.0, 0.0, 1.0],
            [0.0, 1.0, 1.0, 0.0],
            Some([0.0, 1.0, 1.0, 0.0]),
        ),
        (
            "and",
            &and,
            [i_and, 0.0, 0.0, 0.5],
            [i_and, 0.0, 0.0, 0.5],
            None,
        ),
    ] {
        assert_atoms(
            &pid_williams_beer(p.view(), Base::Bits).unwrap(),
            wb,
            &format!("wb {name}"),
        );
        let b = broja(p.view());
        for (g, w) in atoms(&b).iter().zip(br) {
            assert!(
                (g - w).abs() <= TOL_GATE_BROJA,
                "broja {name}: {g:e} vs {w:e}"
            );
        }
        if let Some(cc) = cc {
            assert_atoms(
                &pid_ccs(p.view(), Base::Bits).unwrap(),
                cc,
                &format!("ccs {name}"),
            );
        }
    }
}

#[test]
fn broja_optimum_keeps_the_marginals_and_nats_are_bits_times_ln2() {
    let p = Array3::from_shape_fn((3, 2, 4), |(a, b, y)| {
        (1 + a * 8 + b * 4 + y) as f64 / 300.0
    });
    let rule = StoppingRule {
        tolerance: BROJA_GAP,
        ..StoppingRule::default()
    };
    let r = pid_broja(p.view(), Base::Nats, &rule).unwrap();
    for a in 0..3 {
        for y in 0..4 {
            let want: f64 = (0..2).map(|b| p[[a, b, y]]).sum();
            let got: f64 = (0..2).map(|b| r.q[[a, b, y]]).sum();
            assert!((want - got).abs() <= 1e-14);
        }
    }
    assert!(r.q.iter().all(|&v| v >= 0.0));
    let bits = pid_broja(p.view(), Base::Bits, &rule).unwrap();
    let ln2 = std::f64::consts::LN_2;
    for (n, b) in atoms(&r.pid).iter().zip(atoms(&bits.pid)) {
        assert!((n - b * ln2).abs() <= 1e-14, "{n} {b}");
    }
    // The BROJA atoms are non-negative up to the gap.
    for v in atoms(&r.pid) {
        assert!(v >= -1e-12);
    }
}

#[test]
fn error_paths() {
    type F = fn(ArrayView3<'_, f64>) -> Result<Pid, Error>;
    let mut p = Array3::from_elem((2, 2, 2), 0.125);
    let rule = StoppingRule::default();
    let measures: [F; 3] = [
        |p| pid_williams_beer(p, Base::Nats),
        |p| pid_ccs(p, Base::Nats),
        |p| pid_broja(p, Base::Nats, &StoppingRule::default()).map(|r| r.pid),
    ];
    for m in measures {
        assert!(m(p.view()).is_ok());
        assert_eq!(
            m(Array3::zeros((0, 2, 2)).view()),
            Err(Error::Empty { arg: "joint" })
        );
        p[[1, 0, 1]] = f64::NAN;
        assert!(matches!(
            m(p.view()),
            Err(Error::NonFinite { index: 5, .. })
        ));
        p[[1, 0, 1]] = -0.125;
        assert!(matches!(
            m(p.view()),
            Err(Error::NegativeProbability { index: 5, .. })
        ));
        p[[1, 0, 1]] = 0.5;
        assert!(matches!(m(p.view()), Err(Error::NotNormalized { .. })));
        p[[1, 0, 1]] = 0.125;
    }
    let bad = StoppingRule {
        tolerance: 0.0,
        ..rule
    };
    assert!(matches!(
        pid_broja(p.view(), Base::Nats, &bad),
        Err(Error::InvalidParameter {
            name: "tolerance",
            ..
        })
    ));
    let short = StoppingRule {
        max_iterations: 1,
        tolerance: 1e-15,
    };
    let q = Array3::from_shape_fn((3, 3, 3), |(a, b, y)| {
        (1 + a * 9 + b * 3 + y) as f64 / 378.0
    });
    assert!(matches!(
        pid_broja(q.view(), Base::Nats, &short),
        Err(Error::NotConverged { .. })
    ));
}
