#!/usr/bin/env python3
"""Instructions per operation, counted by callgrind: deterministic for a
given binary and input, whatever else the machine is doing.

    python3 benches/instructions.py [--iterations N]

Builds benches/ops.rs in release, runs each operation once with 1 and once
with N+1 iterations under `valgrind --tool=callgrind`, and reports
(total(N+1) - total(1)) / N: the setup cost cancels out.
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPS = [
    "lookup16-hit", "lookup16-miss", "lookup200-hit", "lookup200-miss",
    "serialize", "parse-known", "parse-unknown", "parse-extra-keys",
]
SUBJECTS = ["errtable", "hand", "strum"]


def count(binary, op, n):
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", str(binary), op, str(n)],
        capture_output=True, text=True,
    )
    if out.returncode != 0:
        return None
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=20000)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "errtable-benches", "--bin", "ops"],
                   cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "ops"
    print(f"Instructions per operation (callgrind, {args.iterations} iterations; "
          "command: `python3 benches/instructions.py`).\n")
    print("| operation | errtable | hand-written | strum | hand / errtable |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for op in OPS:
        per = {}
        for subject in SUBJECTS:
            base = count(binary, f"{op}/{subject}", 1)
            full = count(binary, f"{op}/{subject}", args.iterations + 1)
            per[subject] = None if base is None or full is None else (full - base) / args.iterations
        cells = [f"{per[s]:.0f}" if per[s] is not None else "–" for s in SUBJECTS]
        ratio = per["hand"] / per["errtable"] if per["errtable"] and per["hand"] else None
        print(f"| {op} | {' | '.join(cells)} | {ratio:.2f}x |" if ratio else f"| {op} | {' | '.join(cells)} | – |")


if __name__ == "__main__":
    sys.exit(main())
