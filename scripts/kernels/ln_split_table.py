"""Tables and polynomial of the AVX-512 `ln_split` (crates/sanov/src/kernels/ln.rs).

Tang's 16-subinterval reduction, as for `ln_from_table`: `x = 2^k * m`, `m` in
[0.765625, 1.53125), subinterval `idx = ((bits(m) + 2^47) >> 48) mod 16`, `r = m * invc - 1`.
Here `ln c` is one double, LOGC1[idx]: for each subinterval, `invc` is searched among
doubles within 2^30 units in the last place of 2 / (lo + hi) (a relative shift below 2^-22,
which widens the range of r by less than 1e-7) for the one whose `-ln(invc)` is closest to a
double (as ARM optimized-routines does for its log tables), so that the rounding of `ln c` is
about 2^-66 relative instead of up to 2^-53. The candidates are pseudo-random offsets from a
fixed seed: consecutive doubles would not do, since near a simple fraction `c` the rounding
errors of their logarithms repeat with a short period. Subinterval 0 keeps invc = 1, ln c = 0 (x near 1: relative error).

P approximates (log1p(r) - r) / r^2 on the range of r, degree 7 (Chebyshev fit, mpmath).
Prints the Rust constants. Run: python3 scripts/kernels/ln_split_table.py  (needs mpmath)
"""
import random
import struct

from mpmath import mp, mpf, log, log1p, chebyfit

mp.prec = 200


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def dbl(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


TRIES = 20000  # candidates per subinterval
rng = random.Random(20261123)
rmin = rmax = mpf(0)
invc, logc, err = [0.0] * 16, [0.0] * 16, [0.0] * 16
for j in range(16):
    s = bits(0.765625) + j * 2**48  # first pattern of the subinterval
    lo, hi = mpf(dbl(s)), mpf(dbl(s + 2**48))
    idx = ((s + 2**47) >> 48) & 15
    if lo <= 1 < hi:
        best, best_c = 1.0, mpf(0)
        best_e = mpf(0)
    else:
        centre = bits(float(2 / (lo + hi)))
        best, best_e, best_c = None, None, None
        for _ in range(TRIES):
            ic = dbl(centre + rng.randint(-(2**30), 2**30))
            c_ln = -log(mpf(ic))
            e = abs(mpf(float(c_ln)) - c_ln) / abs(c_ln)
            if best_e is None or e < best_e:
                best, best_e, best_c = ic, e, c_ln
    invc[idx], logc[idx], err[idx] = best, float(best_c), float(best_e)
    rmin = min(rmin, lo * mpf(best) - 1)
    rmax = max(rmax, hi * mpf(best) - 1)

g = lambda r: (log1p(r) - r) / r**2 if r != 0 else mpf(-1) / 2
poly, perr = chebyfit(g, [rmin, rmax], 8, error=True)  # 8 coefficients: degree 7
print(f"// r in [{float(rmin):.6e}, {float(rmax):.6e}]; fit error {float(perr):.3e}")
print(f"// worst relative rounding of ln c: {max(err):.3e}")
print("const INVC1: [f64; 16] = [" + ", ".join(repr(x) for x in invc) + "];")
print("const LOGC1: [f64; 16] = [" + ", ".join(repr(x) for x in logc) + "];")
print("const P1: [f64; 8] = [" + ", ".join(repr(float(x)) for x in poly[::-1]) + "];")
