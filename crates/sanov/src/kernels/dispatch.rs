//! Runtime dispatch by instruction-set level: the [`Level`]s, their detection, the lane count of
//! every vector, and the [`dispatched!`] macro that compiles a generic body once per level.
//!
//! This is the floor of `kernels/`: it imports nothing. The macro names `vector::Avx512`,
//! `vector::Avx2`, `vector::Portable` and `Level` as the caller has them in scope.

use core::sync::atomic::{AtomicU8, Ordering};

/// Lanes per chunk: one `zmm` register of `f64`, two `ymm`, four `xmm`.
pub(crate) const LANES: usize = 8;

/// An instruction-set level a pass can be compiled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// Baseline code for the compilation target (SSE2 on x86_64), no `unsafe`.
    Portable,
    /// x86_64 AVX2 + FMA.
    Avx2,
    /// x86_64 AVX-512 F/DQ/VL/BW.
    Avx512,
}

/// The detected level, cached: 0 = not yet detected, else `1 + level index`.
static DETECTED: AtomicU8 = AtomicU8::new(0);

impl Level {
    /// Whether this CPU can run code compiled for `self`.
    pub(crate) fn supported(self) -> bool {
        match self {
            Level::Portable => true,
            #[cfg(target_arch = "x86_64")]
            Level::Avx2 => is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma"),
            #[cfg(target_arch = "x86_64")]
            Level::Avx512 => {
                is_x86_feature_detected!("avx512f")
                    && is_x86_feature_detected!("avx512dq")
                    && is_x86_feature_detected!("avx512vl")
                    && is_x86_feature_detected!("avx512bw")
            }
            #[cfg(not(target_arch = "x86_64"))]
            _ => false,
        }
    }

    /// The best level this CPU supports (detected once, then cached).
    pub(crate) fn best() -> Level {
        match DETECTED.load(Ordering::Relaxed) {
            1 => Level::Portable,
            2 => Level::Avx2,
            3 => Level::Avx512,
            _ => {
                let level = [Level::Avx512, Level::Avx2]
                    .into_iter()
                    .find(|l| l.supported())
                    .unwrap_or(Level::Portable);
                DETECTED.store(
                    match level {
                        Level::Portable => 1,
                        Level::Avx2 => 2,
                        Level::Avx512 => 3,
                    },
                    Ordering::Relaxed,
                );
                level
            }
        }
    }

    /// Every level this CPU supports, for tests that force each one.
    #[cfg(test)]
    pub(crate) fn all_supported() -> Vec<Level> {
        [Level::Portable, Level::Avx2, Level::Avx512]
            .into_iter()
            .filter(|l| l.supported())
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// One compiled instance per level.

/// Defines `$name(level, ...)`: the body compiled for each level, run at `level` if the CPU
/// supports it, else at the portable level.
macro_rules! dispatched {
    ($(#[$doc:meta])* fn $name:ident $(<$t:ident: Real>)? ($($arg:ident: $ty:ty),*) $(-> $ret:ty)? = $body:ident) => {
        $(#[$doc])*
        // The `unsafe` of the expansion is this macro's: the calls below run only after the
        // level's features are detected.
        #[allow(unsafe_code)]
        pub(crate) fn $name$(<$t: Real>)?(level: Level, $($arg: $ty),*) $(-> $ret)? {
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
            unsafe fn avx512$(<$t: Real>)?($($arg: $ty),*) $(-> $ret)? {
                $body::<$($t,)? vector::Avx512>($($arg),*)
            }

            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2,fma")]
            unsafe fn avx2$(<$t: Real>)?($($arg: $ty),*) $(-> $ret)? {
                $body::<$($t,)? vector::Avx2>($($arg),*)
            }

            match level {
                #[cfg(target_arch = "x86_64")]
                Level::Avx512 if level.supported() => {
                    // SAFETY: `supported()` checked that the CPU has every feature enabled on
                    // `avx512` (AVX-512 F/DQ/VL/BW, and AVX2 and FMA, which they imply).
                    unsafe { avx512$(::<$t>)?($($arg),*) }
                }
                #[cfg(target_arch = "x86_64")]
                Level::Avx2 if level.supported() => {
                    // SAFETY: `supported()` checked that the CPU has AVX2 and FMA.
                    unsafe { avx2$(::<$t>)?($($arg),*) }
                }
                _ => $body::<$($t,)? vector::Portable>($($arg),*),
            }
        }
    };
}

// For the kernel files (`simd`, `exp`, `softmax`, `vae`, `maxent`), which compile their bodies
// this way.
pub(super) use dispatched;
