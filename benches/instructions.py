#!/usr/bin/env python3
"""Instructions per operation, counted by callgrind: deterministic for a
given binary and input, whatever else the machine is doing.

    python3 benches/instructions.py [--iterations N] [--inside PATTERN] [OPERATION...]

Builds benches/ops.rs in release, runs each operation once with 1 and once
with N+1 iterations under `valgrind --tool=callgrind`, and reports
(total(N+1) - total(1)) / N, so the setup cost cancels out. Prints a
Markdown table: errtable, the hand-written equivalent, and their ratio
(above 1.00x, errtable runs fewer instructions).
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPS = [
    "lookup16-hit", "lookup16-miss", "lookup200-hit", "lookup200-miss",
    "lookup2000-hit", "lookup2000-miss", "accessors", "serialize",
    "parse-rest-json", "parse-rest-json-unknown", "parse-extra-keys",
    "parse-dunder-type", "parse-dunder-type-capital",
    "problem-json", "rest-xml", "http-response", "uuid", "s3-request-id",
]


def count(binary, op, n, inside=None):
    toggle = [f"--toggle-collect={inside}"] if inside else []
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *toggle, str(binary), op, str(n)],
        capture_output=True, text=True,
    )
    if out.returncode != 0:
        sys.exit(f"{op}: {out.stderr}")
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


def per_operation(binary, op, n, inside=None):
    return (count(binary, op, n + 1, inside) - count(binary, op, 1, inside)) / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=20000)
    parser.add_argument("--inside", metavar="PATTERN",
                        help="count only inside functions matching PATTERN (callgrind's "
                             "--toggle-collect, e.g. '*new_request_id*'), errtable's side only")
    parser.add_argument("ops", nargs="*", help="operations to count (default: all)")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "errtable-benches", "--bin", "ops"],
                   cwd=ROOT, check=True)
    binary = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "ops"
    if args.inside:
        print(f"| operation | errtable, inside `{args.inside}` |")
        print("| --- | ---: |")
        for op in args.ops or OPS:
            ours = per_operation(binary, f"{op}/errtable", args.iterations, args.inside)
            print(f"| {op} | {ours:,.0f} |")
        return
    print("| operation | errtable | hand-written | hand / errtable |")
    print("| --- | ---: | ---: | ---: |")
    for op in args.ops or OPS:
        ours = per_operation(binary, f"{op}/errtable", args.iterations)
        theirs = per_operation(binary, f"{op}/hand", args.iterations)
        print(f"| {op} | {ours:,.0f} | {theirs:,.0f} | {theirs / ours:.2f}x |")


if __name__ == "__main__":
    sys.exit(main())
