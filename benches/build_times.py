#!/usr/bin/env python3
"""Build-time figures of errtable (the "Build cost", "Rebuilds" and
"Expansion" sections of BENCHMARKS.md), printed as Markdown.

    python3 benches/build_times.py [--runs N] [--parts marginal,rebuild,scale]

It builds scratch crates under target/build-times/, outside the workspace:
- `marginal`: the clean debug build of a typical service crate (serde derive,
  serde_json, thiserror and a handful of types: `service`), side by side with
  the same crate deriving the seed's 16-row table with errtable
  (`service-errtable`), and, as the baseline errtable replaces, with the same
  table written by hand (`service-hand`: an enum, matches, thiserror and
  serde derives). `--features` adds runtime features to the errtable crate
  (`--features axum`), and gives every crate the framework a service with
  that feature already uses (axum-core and http for `axum`), so that only
  errtable's own cost is measured; `--spec json` derives the same table from JSON with
  errtable's default `markdown` feature off; `--models on` turns on the
  `models` feature (service models as specs). Clean builds
  alternate between the crates, so a noisy spell hits both;
- `small`: the smallest service crate (serde derive, serde_json, thiserror,
  two types and a `main` that uses them: `small`) side by side with the
  same crate deriving the seed's table from Markdown with errtable's default
  features (`small-errtable`) and from JSON with `markdown` off
  (`small-json`); then where the added time goes: the units errtable adds to
  a `cargo build --timings` of `small-errtable`, and rustc's passes (`-Z
  time-passes`) for the deriving crate itself;
- `rebuild`: the rebuild after editing only the spec, only a source file,
  and only the derive's attribute;
- `scale`: rustc's own `expand_crate` time (`-Z time-passes`, through
  RUSTC_BOOTSTRAP on the stable toolchain) for tables of 16 (the seed), 200
  and 2,000 rows (real AWS codes, tests/specs/realistic/) and 20,000 rows
  (those 2,000 codes with ten numeric suffixes each), with the proc macro
  built as cargo builds it (opt-level 0) and optimised.
Every timing is repeated --runs times and the median reported; the ratios
are what to compare across machines. A clean build's ratio is the median
of per-round ratios: each build against the bare crate's build of the same
round (the crates alternate), so that the machine's drift between rounds
cancels out.
"""

import argparse
import json
import os
import platform
import re
import resource
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


def cpu_timed(args, cwd, env=None):
    """Wall seconds and CPU seconds (user + system of every process the
    command ran): on a shared machine the CPU time moves less with the
    neighbours' load, and a build on 2 cores is CPU-bound."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(args, cwd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def package(name, deps):
    return (
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\n'
        f"publish = false\n\n[dependencies]\n{deps}\n[workspace]\n"
    )


SERVICE_DEPS = (
    'serde = { version = "1", features = ["derive"] }\n'
    'serde_json = "1"\n'
    'thiserror = "2"\n'
)

# What a small service crate holds before it has an error table: request
# and response types, a store error, a little JSON.
SERVICE_LIB = """//! A small service crate: its types and its store's error.
use serde::{Deserialize, Serialize};

/// A vault.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Vault {
    pub vault_name: String,
    pub vault_arn: String,
    pub creation_date: String,
    pub number_of_archives: u64,
    pub size_in_bytes: u64,
}

/// A job's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusCode {
    InProgress,
    Succeeded,
    Failed,
}

/// A job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Job {
    pub job_id: String,
    pub action: String,
    pub status_code: StatusCode,
    pub vault_arn: String,
    pub completed: bool,
    pub archive_size_in_bytes: Option<u64>,
}

/// The body of a job request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobParameters {
    #[serde(rename = "Type")]
    pub kind: String,
    pub archive_id: Option<String>,
    pub description: Option<String>,
    pub tier: Option<String>,
}

/// A page of vaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListVaultsOutput {
    pub vault_list: Vec<Vault>,
    pub marker: Option<String>,
}

/// What the store can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no vault named {0}")]
    NoVault(String),
    #[error("vault {0} is not empty")]
    NotEmpty(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// A page of vaults as JSON.
pub fn list_vaults_json(page: &ListVaultsOutput) -> Result<String, StoreError> {
    Ok(serde_json::to_string(page)?)
}

/// Changed by the rebuild timing, as a real (not comment-only) source edit.
pub const EDITED: u32 = 0;
"""

SMALL_MAIN = """//! The smallest service: two types and a main that uses them.
use serde::{Deserialize, Serialize};

/// A vault.
#[derive(Debug, Serialize, Deserialize)]
struct Vault {
    name: String,
    archives: u64,
}

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
enum StoreError {
    #[error("no vault named {0}")]
    NoVault(String),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

fn vault(json: &str) -> Result<Vault, StoreError> {
    let vault: Vault = serde_json::from_str(json)?;
    if vault.name.is_empty() {
        return Err(StoreError::NoVault(vault.name));
    }
    Ok(vault)
}
%TABLE%
fn main() {%USE%
    match vault(r#"{"name":"photos","archives":3}"#) {
        Ok(vault) => println!("{}", serde_json::to_string(&vault).unwrap()),
        Err(err) => eprintln!("{err}"),
    }
}
"""

SMALL_TABLE = """
/// The Glacier error table, derived by errtable.
#[derive(errtable::ErrorTable)]
#[error_table(spec = "%SPEC%")]
pub struct Glacier;
"""

SMALL_USE = """
    let error = GlacierError::new(GlacierException::ResourceNotFoundException, "no vault");
    println!("{}", error.to_json());"""


def setup_small():
    """The smallest service crate, bare and with the seed's table derived
    from Markdown (default features) and from JSON (`markdown` off)."""
    rows = glacier_rows()
    crates = {
        "small": (SERVICE_DEPS, None),
        "small-errtable": (SERVICE_DEPS + errtable_dep([]), "spec.md"),
        "small-json": (SERVICE_DEPS + errtable_dep([], markdown=False), "spec.json"),
    }
    paths = {}
    for name, (deps, spec) in crates.items():
        table = SMALL_TABLE.replace("%SPEC%", spec) if spec else ""
        main = SMALL_MAIN.replace("%TABLE%", table).replace("%USE%", SMALL_USE if spec else "")
        paths[name] = scratch_crate(name, deps, "src/main.rs", main, rows)
    return paths


def unit_times(crate):
    """Each unit's seconds in a clean `cargo build --timings` of `crate`,
    by name and kind (a build script apart from its library)."""
    shutil.rmtree(crate / "target", ignore_errors=True)
    run([CARGO, "build", "-q", "--offline", "--timings"], crate, {"CARGO_INCREMENTAL": "0"})
    page = (crate / "target/cargo-timings/cargo-timing.html").read_text()
    units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", page, re.S).group(1))
    times = {}
    for unit in units:
        if unit["name"] == crate.name:
            key = ("the crate itself", "bin")
        else:
            key = (unit["name"], unit["target"].strip() or "lib")
        times.setdefault(key, []).append(unit["duration"])
    return times


def passes(crate):
    """rustc's passes for the crate itself (`-Z time-passes`), rebuilt alone."""
    (crate / "src/main.rs").touch()
    out = run([CARGO, "rustc", "-q", "--offline", "--", "-Z", "time-passes"], crate,
              {"RUSTC_BOOTSTRAP": "1", "CARGO_INCREMENTAL": "0"}, capture=True).stderr
    wanted = ["expand_crate", "type_check_crate", "MIR_borrow_checking", "codegen_crate",
              "LLVM_passes", "link_crate", "total"]
    found = {}
    for line in out.splitlines():
        match = re.search(r"time:\s+([\d.]+);.*\t(\S+)$", line)
        if match and match.group(2) in wanted:
            found[match.group(2)] = float(match.group(1))
    return [(name, found[name]) for name in wanted if name in found]


def errtable_table(spec):
    return f"""
/// The Glacier error table, derived by errtable.
#[derive(errtable::ErrorTable)]
#[error_table(spec = "{spec}")]
pub struct Glacier;
"""


def rust_str(text):
    return json.dumps(text)


def handwritten_table(rows):
    """The seed's table as a user writes it without errtable."""
    variants = "\n".join(
        f"    /// {r.get('description', '')}\n"
        f"    #[error({rust_str(r['code'])})]\n"
        f"    #[serde(rename = {rust_str(r['code'])})]\n"
        f"    {r['code']},"
        for r in rows
    )

    def arms(value):
        return "\n".join(f"            Self::{r['code']} => {value(r)}," for r in rows)

    from_code = "\n".join(f"            {rust_str(r['code'])} => Self::{r['code']}," for r in rows)
    return f"""
/// The exceptions of the Glacier table, written by hand.
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


def glacier_rows():
    """The seed's table as errtable reads it, through the CLI (same parser)."""
    out = run([CARGO, "run", "-q", "-p", "errtable-cli", "--", "convert",
               "spec/glacier.md", "--to", "json"], ROOT, capture=True).stdout
    return json.loads(out)["errors"]


def errtable_dep(features, markdown=True, models=False):
    """errtable as a path dependency with `features`, its default `markdown`
    feature on or off, and its `models` feature on or off."""
    runtime = ROOT / "runtime"
    features = list(features) + (["models"] if models else [])
    extra = f", features = {json.dumps(features)}" if features else ""
    if not markdown:
        extra += ", default-features = false"
    return f'errtable = {{ path = "{runtime}"{extra} }}\n'


# What a service that turns on a framework feature already depends on: the
# baseline has it too, so the ratio is what errtable adds to that service.
FRAMEWORK_DEPS = {
    "axum": 'axum-core = "0.5"\nhttp = "1"\n',
    "actix": 'actix-web = { version = "4", default-features = false }\n',
    "tonic": 'tonic = { version = "0.14", default-features = false }\n',
    "utoipa": 'utoipa = { version = "6", default-features = false, features = ["macros"] }\n',
    "reqwest": 'reqwest = { version = "0.13", default-features = false }\n',
    "tracing": 'tracing = { version = "0.1", default-features = false, features = ["std"] }\n',
    "http": 'http = "1"\n',
}


def setup(features, spec_format, models=False):
    rows = glacier_rows()
    service_deps = SERVICE_DEPS + "".join(FRAMEWORK_DEPS.get(f, "") for f in features)
    markdown = spec_format == "markdown"
    spec = "spec.md" if markdown else "spec.json"
    crates = {
        "service": (service_deps, SERVICE_LIB),
        "service-errtable": (service_deps + errtable_dep(features, markdown, models),
                             SERVICE_LIB + errtable_table(spec)),
        "service-hand": (service_deps, SERVICE_LIB + handwritten_table(rows)),
    }
    return {name: scratch_crate(name, deps, "src/lib.rs", lib, rows)
            for name, (deps, lib) in crates.items()}


def scratch_crate(name, deps, source_file, source, rows):
    """A crate under WORK with `source` as its `source_file`, the seed's
    table beside it as spec.md and spec.json, its dependencies fetched."""
    crate = WORK / name
    write(crate / "Cargo.toml", package(name, deps))
    write(crate / source_file, source)
    shutil.copy(ROOT / "spec/glacier.md", crate / "spec.md")
    (crate / "spec.json").write_text(json.dumps({"errors": rows}, indent=1))
    # Same versions as this workspace where it has them.
    shutil.copy(ROOT / "Cargo.lock", crate / "Cargo.lock")
    run([CARGO, "fetch", "-q"], crate)
    return crate


def clean_build(crate):
    shutil.rmtree(crate / "target", ignore_errors=True)
    # errtable is a path dependency here, which cargo would build
    # incrementally; from a registry it is not. Non-incremental for all.
    return cpu_timed([CARGO, "build", "-q", "--offline"], crate, {"CARGO_INCREMENTAL": "0"})


def marginal(paths, runs):
    """Per crate: the median wall and CPU seconds of its clean builds, and
    the median of its wall and CPU ratios to the first crate (the bare one)
    built in the same round. Rounds alternate the crates; pairing each
    build with the bare build of its own round keeps the ratios from
    following the machine's speed, which on a shared VM drifts by a third
    between runs (BENCHMARKS.md, "The smallest crate on a second machine")."""
    times = {name: [] for name in paths}
    for _ in range(runs):
        for name, crate in paths.items():
            times[name].append(clean_build(crate))
    bare = times[next(iter(paths))]
    result = {}
    for name, values in times.items():
        wall_ratios = [w / b for (w, _), (b, _) in zip(values, bare)]
        cpu_ratios = [c / b for (_, c), (_, b) in zip(values, bare)]
        result[name] = (
            statistics.median(w for w, _ in values),
            statistics.median(wall_ratios),
            statistics.median(c for _, c in values),
            statistics.median(cpu_ratios),
        )
    return result


def print_marginal(heading, rows, times):
    """The table of `marginal`'s figures, one row per (text, crate)."""
    print(f"| {heading} | wall (s) | ratio | CPU (s) | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for text, name in rows:
        wall, wall_ratio, cpu, cpu_ratio = times[name]
        print(f"| {text} | {wall:.2f} | {wall_ratio:.2f}x | {cpu:.2f} | {cpu_ratio:.2f}x |")
    print()


def rebuilds(crate, runs):
    """Rebuild after an edit of the spec only, of a source file only, and of
    the derive's attribute only (which regenerates as much as a spec edit)."""
    spec, lib = crate / "spec.md", crate / "src/lib.rs"
    run([CARGO, "build", "-q", "--offline"], crate)
    times = {"spec": [], "source": [], "attribute": []}
    original_spec, original_lib = spec.read_text(), lib.read_text()
    for i in range(max(runs, 7)):
        spec.write_text(original_spec.replace("cannot be processed", f"cannot be processed ({i})"))
        times["spec"].append(timed([CARGO, "build", "-q", "--offline"], crate))
        lib.write_text(original_lib.replace("EDITED: u32 = 0", f"EDITED: u32 = {i + 1}"))
        times["source"].append(timed([CARGO, "build", "-q", "--offline"], crate))
        lib.write_text(original_lib.replace(
            'spec = "spec.md"', f'spec = "spec.md", error = "GlacierFailure{i}"'))
        times["attribute"].append(timed([CARGO, "build", "-q", "--offline"], crate))
    spec.write_text(original_spec)
    lib.write_text(original_lib)
    return {name: statistics.median(values) for name, values in times.items()}


def scale_specs(directory):
    """spec_<rows>.<ext> for every size; returns the file names by size."""
    realistic = ROOT / "tests/specs/realistic"
    shutil.copy(ROOT / "spec/glacier.md", directory / "spec_16.md")
    shutil.copy(realistic / "aws-200.json", directory / "spec_200.json")
    shutil.copy(realistic / "aws-2000.json", directory / "spec_2000.json")
    rows = json.loads((realistic / "aws-2000.json").read_text())["errors"]
    big = [dict(row, code=f"{row['code']}{n}") for n in range(10) for row in rows]
    (directory / "spec_20000.json").write_text(json.dumps({"errors": big}))
    return {16: "spec_16.md", 200: "spec_200.json", 2000: "spec_2000.json",
            20000: "spec_20000.json"}


def expansion(crate, files, runs, optimized):
    # Non-incremental: otherwise later runs reuse the first run's type
    # checking and the whole-crate figure means nothing.
    env = {"RUSTC_BOOTSTRAP": "1", "CARGO_INCREMENTAL": "0"}
    if optimized:
        env["CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL"] = "3"
    results = {}
    for rows, file in files.items():
        write(crate / "src/lib.rs",
              f'#[derive(errtable::ErrorTable)]\n#[error_table(spec = "{file}")]\npub struct Scale;\n')
        expand, total = [], []
        for _ in range(runs):
            (crate / "src/lib.rs").touch()
            out = run([CARGO, "rustc", "-q", "--offline", "--", "-Z", "time-passes"],
                      crate, env, capture=True).stderr
            expand.append(float(re.search(r"time:\s+([\d.]+);[^\n]*\texpand_crate", out).group(1)))
            total.append(float(re.findall(r"time:\s+([\d.]+);[^\n]*\ttotal", out)[-1]))
        results[rows] = (statistics.median(expand), statistics.median(total))
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
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--parts", default="marginal,rebuild,scale",
                        help="which measurements to run (comma-separated)")
    parser.add_argument("--features", default="",
                        help="errtable features for the marginal build (comma-separated)")
    parser.add_argument("--spec", default="markdown", choices=["markdown", "json"],
                        help="the seed's table as Markdown (default features) or JSON "
                             "(the `markdown` feature off)")
    parser.add_argument("--models", default="off", choices=["on", "off"],
                        help="errtable's `models` feature (service models as specs, off by default)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    features = [f for f in args.features.split(",") if f]
    command = f"python3 benches/build_times.py --runs {args.runs} --parts {args.parts}"
    if features:
        command += f" --features {args.features}"
    if args.spec != "markdown":
        command += f" --spec {args.spec}"
    if args.models != "off":
        command += f" --models {args.models}"
    print(f"Machine: {machine()}. Medians of {args.runs} runs; command: `{command}`.\n")
    if "small" in parts:
        small = setup_small()
        print_marginal("clean debug build of the smallest service crate", [
            ("without an error table", "small"),
            ("+ the seed's table derived from Markdown (default features)", "small-errtable"),
            ("+ the same table from JSON, `markdown` off", "small-json"),
        ], marginal(small, args.runs))
        bare, derived = unit_times(small["small"]), unit_times(small["small-errtable"])
        # The units only the deriving crate builds (a second memchr: the
        # derive's, for the host), and the crate itself against the bare one.
        added = sorted(
            ((name, kind, seconds) for (name, kind), all_seconds in derived.items()
             for seconds in all_seconds[len(bare.get((name, kind), [])):]),
            key=lambda unit: -unit[2])
        itself = ("the crate itself", "bin")
        added.append(("the crate itself, more than without the table", "bin",
                      derived[itself][0] - bare[itself][0]))
        print("| unit errtable adds (`cargo build --timings`, one clean build) | kind | seconds |")
        print("| --- | --- | ---: |")
        for name, kind, seconds in added:
            print(f"| {name} | {kind} | {seconds:.2f} |")
        print(f"| all of them | | {sum(u[2] for u in added):.2f} |")
        print()
        print("| rustc pass (`-Z time-passes`), the deriving crate | seconds |")
        print("| --- | ---: |")
        for name, seconds in passes(small["small-errtable"]):
            print(f"| {name} | {seconds:.3f} |")
        print()
    if parts & {"marginal", "rebuild"}:
        paths = setup(features, args.spec, models=args.models == "on")
    if "marginal" in parts:
        label = "errtable" + (f" (features: {', '.join(features)})" if features else "")
        label += " from JSON, `markdown` off" if args.spec == "json" else " from Markdown"
        if args.models == "on":
            label += ", `models` on"
        print_marginal("clean debug build of the service crate", [
            ("without an error table", "service"),
            (f"+ the 16-row table derived by {label}", "service-errtable"),
            ("+ the same table by hand (thiserror, serde derives)", "service-hand"),
        ], marginal(paths, args.runs))
    if "rebuild" in parts:
        times = rebuilds(paths["service-errtable"], args.runs)
        source = times["source"]
        print("| rebuild of the deriving crate after editing | seconds | ratio |")
        print("| --- | ---: | ---: |")
        print(f"| only the spec (a description) | {times['spec']:.3f} | {times['spec'] / source:.2f}x |")
        print(f"| only a source file (a constant) | {source:.3f} | 1.00x |")
        print(f"| only the derive's attribute (all generated code changes) | {times['attribute']:.3f} | "
              f"{times['attribute'] / source:.2f}x |")
        print()
    if "scale" in parts:
        crate = WORK / "scale"
        write(crate / "Cargo.toml", package("scale", errtable_dep([])))
        shutil.copy(ROOT / "Cargo.lock", crate / "Cargo.lock")
        files = scale_specs(crate)
        write(crate / "src/lib.rs", "")
        run([CARGO, "build", "-q"], crate, {"CARGO_INCREMENTAL": "0"})
        debug = expansion(crate, files, args.runs, optimized=False)
        run([CARGO, "build", "-q", "--offline"], crate,
            {"CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL": "3", "CARGO_INCREMENTAL": "0"})
        optimized = expansion(crate, files, args.runs, optimized=True)
        print("| rows | expansion, macro at opt-level 0 (s) | per row (µs) | "
              "macro at opt-level 3 (s) | per row (µs) | whole crate (s) |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for rows in files:
            (e0, t0), (e3, _) = debug[rows], optimized[rows]
            print(f"| {rows:,} | {e0:.3f} | {e0 / rows * 1e6:.1f} | {e3:.3f} | "
                  f"{e3 / rows * 1e6:.1f} | {t0:.2f} |")


if __name__ == "__main__":
    main()
