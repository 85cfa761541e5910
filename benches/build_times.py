#!/usr/bin/env python3
"""Regenerates errtable's build-time figures (the "Build time" section of
BENCHMARKS.md) and prints them as Markdown.

    python3 benches/build_times.py [--runs N] [--sizes 16,200,2000,20000]

It builds scratch crates under target/build-times/, outside the workspace:
- `derived`: derives the Glacier table with errtable;
- `handwritten`: the same table written by hand with thiserror and serde's
  derives (enum, status/type/code matches, error body struct);
- `scale`: derives generated tables of each size, timing macro expansion
  with rustc's own `-Z time-passes` (through RUSTC_BOOTSTRAP, on the stable
  toolchain), with the proc macro compiled as cargo's dev profile builds it
  (opt-level 0) and with `[profile.dev.build-override] opt-level = 3`.
Every timing is repeated --runs times and the median reported; ratios are
what to compare across machines.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "build-times"
CARGO = os.environ.get("CARGO", "cargo")


def run(args, cwd, env=None, capture=False):
    full_env = dict(os.environ)
    full_env.pop("CARGO_TARGET_DIR", None)
    full_env.pop("RUSTFLAGS", None)
    full_env.update(env or {})
    result = subprocess.run(
        args, cwd=cwd, env=full_env, text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if result.returncode != 0:
        sys.exit(f"command failed in {cwd}: {' '.join(args)}\n{result.stderr}")
    return result


def timed(args, cwd, env=None):
    start = time.perf_counter()
    run(args, cwd, env)
    return time.perf_counter() - start


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def package(name, deps):
    return (
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\n'
        f"publish = false\n\n[dependencies]\n{deps}\n[workspace]\n"
    )


def glacier_rows():
    """The table as errtable reads it, through the CLI (same parser)."""
    out = run([CARGO, "run", "-q", "-p", "errtable-cli", "--", "convert",
               "spec/glacier.md", "--to", "json"], ROOT, capture=True).stdout
    return json.loads(out)["errors"]


def rust_str(text):
    return json.dumps(text)


def handwritten_lib(rows):
    variants = "\n".join(
        f"    /// {r.get('description', '')}\n"
        f"    #[error({rust_str(r['code'])})]\n"
        f"    #[serde(rename = {rust_str(r['code'])})]\n"
        f"    {r['code']},"
        for r in rows
    )

    def arms(value):
        return "\n".join(f"            Self::{r['code']} => {value(r)}," for r in rows)

    from_code = "\n".join(
        f"            {rust_str(r['code'])} => Self::{r['code']}," for r in rows
    )
    return f"""//! The Glacier table written by hand with thiserror and serde derives.
use serde::{{Deserialize, Serialize}};

/// The exceptions of the Glacier table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error, Serialize, Deserialize)]
pub enum GlacierException {{
{variants}
    /// A code not in the table.
    #[error("{{0}}")]
    #[serde(untagged)]
    Unknown(String),
}}

impl GlacierException {{
    /// The wire code.
    pub fn code(&self) -> &str {{
        match self {{
{arms(lambda r: rust_str(r['code']))}
            Self::Unknown(code) => code,
        }}
    }}

    /// The HTTP status.
    pub fn status(&self) -> u16 {{
        match self {{
{arms(lambda r: str(r['status']))}
            Self::Unknown(_) => 500,
        }}
    }}

    /// Client, Server or Unknown.
    pub fn error_type(&self) -> &'static str {{
        match self {{
{arms(lambda r: rust_str(r['type']))}
            Self::Unknown(_) => "Unknown",
        }}
    }}

    /// The table's description.
    pub fn description(&self) -> &'static str {{
        match self {{
{arms(lambda r: rust_str(r.get('description', '')))}
            Self::Unknown(_) => "",
        }}
    }}

    /// The exception for a code.
    pub fn from_code(code: &str) -> Self {{
        match code {{
{from_code}
            other => Self::Unknown(other.to_owned()),
        }}
    }}
}}

/// The error body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{{code}}: {{message}}")]
pub struct GlacierError {{
    /// The exception.
    pub code: GlacierException,
    /// The message.
    pub message: String,
    /// Client, Server or Unknown.
    #[serde(rename = "type")]
    pub error_type: String,
}}
"""


DERIVED_LIB = """//! The Glacier table derived by errtable.
use errtable::ErrorTable;

/// Marker of the Glacier table.
#[derive(ErrorTable)]
#[error_table(spec = "spec.md")]
pub struct Glacier;

/// Changed by the rebuild timing, as a real (not comment-only) source edit.
pub const EDITED: u32 = 0;
"""


def setup(rows):
    runtime = ROOT / "runtime"
    derived = WORK / "derived"
    write(derived / "Cargo.toml", package("derived", f'errtable = {{ path = "{runtime}" }}\n'))
    write(derived / "src/lib.rs", DERIVED_LIB)
    shutil.copy(ROOT / "spec/glacier.md", derived / "spec.md")
    shutil.copy(ROOT / "Cargo.lock", derived / "Cargo.lock")

    hand = WORK / "handwritten"
    write(hand / "Cargo.toml", package(
        "handwritten",
        'thiserror = "2"\nserde = { version = "1", features = ["derive"] }\nserde_json = "1"\n'))
    write(hand / "src/lib.rs", handwritten_lib(rows))

    scale = WORK / "scale"
    write(scale / "Cargo.toml", package("scale", f'errtable = {{ path = "{runtime}" }}\n'))
    write(scale / "src/lib.rs", DERIVED_LIB)
    shutil.copy(ROOT / "spec/glacier.md", scale / "spec.md")
    shutil.copy(ROOT / "Cargo.lock", scale / "Cargo.lock")
    for crate in (derived, hand, scale):
        run([CARGO, "fetch", "-q"], crate)
    return derived, hand, scale


def clean_build(crate):
    shutil.rmtree(crate / "target", ignore_errors=True)
    return timed([CARGO, "build", "-q", "--offline"], crate)


def median(values):
    return statistics.median(values)


def clean_builds(derived, hand, runs):
    times = {"derived": [], "handwritten": []}
    for _ in range(runs):
        times["derived"].append(clean_build(derived))
        times["handwritten"].append(clean_build(hand))
    return times


def rebuilds(derived, runs):
    """Rebuild after an edit of the spec only, and of a source file only."""
    spec = derived / "spec.md"
    lib = derived / "src/lib.rs"
    run([CARGO, "build", "-q", "--offline"], derived)
    times = {"spec": [], "source": [], "derive input": []}
    original_spec, original_lib = spec.read_text(), lib.read_text()
    # Rebuilds are short: more runs for a stable median.
    for i in range(max(runs, 7)):
        spec.write_text(original_spec.replace("cannot be processed", f"cannot be processed ({i})"))
        times["spec"].append(timed([CARGO, "build", "-q", "--offline"], derived))
        lib.write_text(original_lib.replace("EDITED: u32 = 0", f"EDITED: u32 = {i + 1}"))
        times["source"].append(timed([CARGO, "build", "-q", "--offline"], derived))
        # A source edit that regenerates as much as a spec edit does.
        lib.write_text(original_lib.replace(
            'spec = "spec.md"', f'spec = "spec.md", error = "GlacierFailure{i}"'))
        times["derive input"].append(timed([CARGO, "build", "-q", "--offline"], derived))
    spec.write_text(original_spec)
    lib.write_text(original_lib)
    return times


def expansion(scale, sizes, runs, optimized):
    # Non-incremental: otherwise later runs reuse the first run's type
    # checking and the whole-crate figure means nothing.
    env = {"RUSTC_BOOTSTRAP": "1", "CARGO_INCREMENTAL": "0"}
    if optimized:
        env["CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL"] = "3"
    gen = ROOT / "target" / "debug" / "gen-spec"
    results = {}
    for rows in sizes:
        spec_text = run([str(gen), str(rows)], ROOT, capture=True).stdout
        (scale / "spec.md").write_text(spec_text)
        expand, total = [], []
        for _ in range(runs):
            # Only the scale crate is rebuilt; the macro is already built.
            (scale / "src/lib.rs").touch()
            out = run([CARGO, "rustc", "-q", "--offline", "--", "-Z", "time-passes"],
                      scale, env, capture=True).stderr
            expand.append(float(re.search(r"time:\s+([\d.]+);[^\n]*\texpand_crate", out).group(1)))
            total.append(float(re.findall(r"time:\s+([\d.]+);[^\n]*\ttotal", out)[-1]))
        results[rows] = (median(expand), median(total))
    return results


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rustc = run(["rustc", "--version"], ROOT, capture=True).stdout.strip()
    return f"{platform.machine()}, {os.cpu_count()} cores, {cpu}; {rustc}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="16,200,2000,20000")
    parser.add_argument("--parts", default="clean,rebuild,scale",
                        help="which measurements to run (comma-separated)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    run([CARGO, "build", "-q", "-p", "errtable-benches", "--bin", "gen-spec"], ROOT)
    derived, hand, scale = setup(glacier_rows())

    parts = set(args.parts.split(","))
    print(f"Machine: {machine()}. Medians of {args.runs} runs; command: "
          f"`python3 benches/build_times.py --runs {args.runs} --sizes {args.sizes} --parts {args.parts}`.\n")
    if "clean" in parts:
        clean = clean_builds(derived, hand, args.runs)
        d, h = median(clean["derived"]), median(clean["handwritten"])
        print("| clean debug build | seconds | ratio |")
        print("| --- | ---: | ---: |")
        print(f"| errtable derive (Glacier, 16 rows) | {d:.2f} | {d / h:.2f}x |")
        print(f"| hand-written, thiserror + serde derives | {h:.2f} | 1.00x |")
        print()
    if "rebuild" in parts:
        rebuild = rebuilds(derived, args.runs)
        s, c, g = (median(rebuild[k]) for k in ("spec", "source", "derive input"))
        print("| rebuild of the deriving crate after editing | seconds | ratio |")
        print("| --- | ---: | ---: |")
        print(f"| only the spec (a description) | {s:.3f} | {s / c:.2f}x |")
        print(f"| only a source file (a constant) | {c:.3f} | 1.00x |")
        print(f"| only a source file (the derive's attribute: all code regenerated) | {g:.3f} | {g / c:.2f}x |")
        print()
    if "scale" in parts:
        run([CARGO, "build", "-q", "--offline"], scale, {"CARGO_INCREMENTAL": "0"})
        debug = expansion(scale, sizes, args.runs, optimized=False)
        run([CARGO, "build", "-q", "--offline"], scale,
            {"CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL": "3", "CARGO_INCREMENTAL": "0"})
        optimized = expansion(scale, sizes, args.runs, optimized=True)
        print("| rows | expansion, macro at opt-level 0 (s) | per row (µs) | expansion, build-override opt-level 3 (s) | per row (µs) | whole crate, opt-level 0 macro (s) |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for rows in sizes:
            (e0, t0), (e3, _) = debug[rows], optimized[rows]
            print(f"| {rows} | {e0:.3f} | {e0 / rows * 1e6:.1f} | {e3:.3f} | {e3 / rows * 1e6:.1f} | {t0:.2f} |")


if __name__ == "__main__":
    main()
