#!/usr/bin/env python3
"""Import graph of crates/sanov/src: no circle between files, and kernels/ stays a leaf.

Reads every `.rs` file under crates/sanov/src as text, drops comments and `#[cfg(test)]`
modules, and resolves each `crate::...` and `super::...` path (in `use` items and in code) to
the file that defines the module it names. It then checks two rules and exits 1 if either
breaks:

1. the file graph has no cycle (every path a file names counts, `pub use child::x`
   re-exports included; `mod x;` declarations do not);
2. files under kernels/ import nothing outside kernels/ except the ground floor
   (`error`, `real`, `par`, `sum`, `units`, `validate`), with one named exception:
   `kernels/compat.rs`, the deprecated forwarders to `crate::batch`, kept for one release.

Usage: python3 scripts/check-imports.py [--print]   (--print lists every edge)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "crates" / "sanov" / "src"
GROUND = {"error.rs", "real.rs", "par.rs", "sum.rs", "units.rs", "validate.rs"}
KERNEL_EXCEPTIONS = {"kernels/compat.rs"}


def module_path(f: Path) -> list[str]:
    parts = list(f.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] in ("mod", "lib"):
        parts = parts[:-1]
    return parts


def file_of(mod: list[str]) -> Path | None:
    """The file defining the longest prefix of `mod` that is a file module."""
    for n in range(len(mod), -1, -1):
        head = mod[:n]
        if not head:
            return ROOT / "lib.rs"
        for cand in (ROOT.joinpath(*head).with_suffix(".rs"), ROOT.joinpath(*head, "mod.rs")):
            if cand.exists():
                return cand
    return None


def strip(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    text = re.sub(r"//[^\n]*", "", text)
    # drop `#[cfg(test)] mod name { ... }` blocks by brace matching
    out, i = [], 0
    pat = re.compile(r"#\[cfg\(test\)\]\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{")
    while True:
        m = pat.search(text, i)
        if not m:
            out.append(text[i:])
            break
        out.append(text[i : m.start()])
        depth, j = 1, m.end()
        while depth and j < len(text):
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    return "".join(out)


def expand_use(body: str) -> list[str]:
    """`a::{b, c::{d}}` -> [`a::b`, `a::c::d`]."""
    body = body.strip()
    m = re.match(r"^(.*?)\{(.*)\}$", body, flags=re.S)
    if not m:
        return [body]
    prefix, inner = m.group(1), m.group(2)
    parts, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        cur += ch
    parts.append(cur)
    return [p for part in parts if part.strip() for p in expand_use(prefix + part.strip())]


def inline_modules(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every inline `mod name { ... }` block."""
    out = []
    for m in re.finditer(r"\bmod\s+(\w+)\s*\{", text):
        depth, j = 1, m.end()
        while depth and j < len(text):
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        out.append((m.start(), j, m.group(1)))
    return out


def targets(f: Path, text: str) -> set[Path]:
    me = module_path(f)
    blocks = inline_modules(text)

    def here(pos: int) -> list[str]:
        return me + [name for (a, b, name) in blocks if a < pos < b]

    found: list[tuple[int, str]] = []
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        found += [(m.start(), p) for p in expand_use(m.group(1))]
    found += [(m.start(), m.group(1)) for m in re.finditer(r"\b((?:crate|super)(?:::\w+)+)", text)]
    out = set()
    for pos, p in found:
        p = re.sub(r"\s+as\s+\w+$", "", p.strip())
        seg = p.split("::")
        if seg[0] == "crate":
            mod = seg[1:]
        elif seg[0] == "super":
            base = here(pos)
            while seg and seg[0] == "super":
                base = base[:-1]
                seg = seg[1:]
            mod = base + seg
        elif seg[0] == "self":
            mod = here(pos) + seg[1:]
        else:
            continue
        t = file_of([x for x in mod if x not in ("self", "*")])
        if t is not None and t != f:
            out.add(t)
    return out


def main() -> int:
    files = sorted(ROOT.rglob("*.rs"))
    rel = lambda p: str(p.relative_to(ROOT))  # noqa: E731
    ok = True
    # rule 1: cycles among the code's own paths (`mod x;` declarations are not imports)
    mod_decl = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*;", flags=re.M)
    code = {f: targets(f, mod_decl.sub("", strip(f.read_text()))) for f in files}
    if "--print" in sys.argv:
        for f, ts in code.items():
            for t in sorted(ts):
                print(f"{rel(f)} -> {rel(t)}")
    color: dict[Path, int] = {}
    stack: list[Path] = []

    def visit(f: Path) -> None:
        nonlocal ok
        color[f] = 1
        stack.append(f)
        for t in sorted(code[f]):
            if color.get(t) == 1:
                cyc = stack[stack.index(t) :] + [t]
                print("circle: " + " -> ".join(rel(x) for x in cyc))
                ok = False
            elif t in code and t not in color:
                visit(t)
        stack.pop()
        color[f] = 2

    sys.setrecursionlimit(10000)
    for f in files:
        if f not in color:
            visit(f)
    # rule 2: kernels imports nothing above the ground floor
    for f in files:
        r = rel(f)
        if not r.startswith("kernels/") or r in KERNEL_EXCEPTIONS:
            continue
        for t in code[f]:
            rt = rel(t)
            if not rt.startswith("kernels/") and rt not in GROUND and rt != "lib.rs":
                print(f"kernels imports upward: {r} -> {rt}")
                ok = False
    print(f"{len(files)} files, {sum(map(len, code.values()))} import edges: "
          + ("no circle, kernels is a leaf" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
