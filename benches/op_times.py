#!/usr/bin/env python3
"""Wall time of run-time operations, errtable against the hand-written
equivalent: the fastest of several interleaved runs of benches/ops.rs, so a
noisy spell on a shared machine hits both sides.

    python3 benches/op_times.py [--runs N] [--iterations N] [OPERATION ...]

Builds benches/ops.rs in release and prints a Markdown table of seconds per
run of OPERATION (default: the body shapes, `parse-*`, and `serialize`) and
the ratio (above 1.00x, errtable is faster).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [
    "parse-rest-json", "parse-rest-json-unknown", "parse-extra-keys",
    "parse-dunder-type", "parse-dunder-type-capital", "serialize",
]


def seconds(binary, op, n):
    start = time.perf_counter()
    subprocess.run([str(binary), op, str(n)], check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--iterations", type=int, default=2_000_000)
    parser.add_argument("operations", nargs="*", default=DEFAULT)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "errtable-benches", "--bin", "ops"],
                   cwd=ROOT, check=True)
    binary = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "ops"
    best = {}
    for _ in range(args.runs):
        for op in args.operations:
            for side in ("errtable", "hand"):
                t = seconds(binary, f"{op}/{side}", args.iterations)
                best[op, side] = min(best.get((op, side), t), t)
    print(f"| operation ({args.iterations:,} times) | errtable (s) | hand-written (s) | hand / errtable |")
    print("| --- | ---: | ---: | ---: |")
    for op in args.operations:
        ours, theirs = best[op, "errtable"], best[op, "hand"]
        print(f"| {op} | {ours:.2f} | {theirs:.2f} | {theirs / ours:.2f}x |")


if __name__ == "__main__":
    sys.exit(main())
