//! Helpers shared by the integration tests (each test crate uses a part of them).
#![allow(dead_code)]

/// A splitmix64 stream (Steele, Lea and Flood 2014) from `seed`.
pub fn splitmix64(seed: u64) -> impl FnMut() -> u64 {
    let mut s = seed;
    move || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The preamble of a version 1.0 `.npy` file with the header dict `header` (padded with
/// spaces and a newline to a multiple of 64 bytes, as NumPy writes it); the data follow.
pub fn npy_preamble(header: &str) -> Vec<u8> {
    let mut h = header.as_bytes().to_vec();
    while !(10 + h.len() + 1).is_multiple_of(64) {
        h.push(b' ');
    }
    h.push(b'\n');
    let mut out = b"\x93NUMPY\x01\x00".to_vec();
    out.extend_from_slice(&u16::try_from(h.len()).unwrap().to_le_bytes());
    out.extend_from_slice(&h);
    out
}

/// A fresh scratch folder `sanov-<test>-<pid>-<name>` under the system's temp dir.
pub fn scratch(test: &str, name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("sanov-{test}-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Runs `cmd` (labelled `what` in messages) and checks the command-line error contract: exit
/// code 2, nothing on stdout, ONE line on stderr starting with `error: ` that contains every
/// needle, and no panic or Rust debug text.
pub fn assert_one_line_error(cmd: &mut assert_cmd::Command, what: &str, needles: &[&str]) {
    let a = cmd.assert().code(2);
    let o = a.get_output();
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(o.stdout.is_empty(), "{what}: nothing on stdout");
    assert_eq!(err.lines().count(), 1, "{what}: one line: {err}");
    assert!(err.starts_with("error: "), "{what}: {err}");
    for n in needles {
        assert!(err.contains(n), "{what}: {err:?} names {n:?}");
    }
    for debug in ["panicked", "backtrace", "Os {", "IoError(", "ImageError("] {
        assert!(!err.contains(debug), "{what}: debug text in {err}");
    }
}
