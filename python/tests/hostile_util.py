"""Running a snippet of Python in a child process with a memory cap and a time budget.

Used by the hostile-input tests: an abort (SIGABRT from a failed allocation), a panic or a hang
in the child is a failed test, never a dead test runner.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

#: The address-space cap of the child: large enough for NumPy and sanov to import and work on
#: small inputs, small enough that a runaway allocation fails fast instead of swapping.
MEMORY_CAP = 3 << 30

_PRELUDE = """
import resource, sys, json
cap = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
import numpy as np
import sanov
def outcome(call):
    try:
        call()
    except BaseException as e:  # noqa: BLE001
        return {"type": type(e).__name__, "module": type(e).__module__, "msg": str(e)[:2000],
                "sanov": isinstance(e, sanov.SanovError)}
    return {"type": None}
"""


def run_capped(body: str, timeout: float = 60.0, cap: int = MEMORY_CAP) -> subprocess.CompletedProcess:
    """Runs ``body`` (after a prelude that caps memory and imports numpy as np and sanov) in a
    child Python; returns the completed process (stdout, stderr, returncode)."""
    code = _PRELUDE + textwrap.dedent(body)
    env = dict(os.environ, RAYON_NUM_THREADS="2", PYTHONFAULTHANDLER="1")
    return subprocess.run(
        [sys.executable, "-c", code, str(cap)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def outcome_of(expr: str, timeout: float = 60.0, cap: int = MEMORY_CAP) -> dict:
    """The exception ``expr`` raises in a capped child, as a dict (``type`` None if it
    returned); a crash or a hang of the child fails the calling test."""
    proc = run_capped(
        f"print(json.dumps(outcome(lambda: {expr})))",
        timeout=timeout,
        cap=cap,
    )
    assert proc.returncode == 0, (
        f"{expr} killed the interpreter (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])
