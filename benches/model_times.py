#!/usr/bin/env python3
"""Expansion and build times of service models as specs (the "Models"
section of BENCHMARKS.md), printed as Markdown.

    python3 benches/model_times.py [--runs N] [--parts largest,operations,botocore]

It builds scratch crates under target/model-times/, outside the workspace,
each depending on errtable by path with its `models` and `xml` features
(the XML protocols of the models that use them):
- `largest`: one derive of each of the largest models: the botocore models
  with the most error shapes and the largest files (installed with the
  botocore Python package, decompressed here), and the largest Smithy
  models of tests/specs/models/;
- `operations`: one derive per operation of a service, every operation,
  beside one derive of the whole service (`full = ...` conversions
  included): Glacier (33 operations, 273 KB model) and S3 (98 operations,
  2.3 MB model, parsed again by each derive);
- `botocore`: one crate deriving every installed botocore model that has
  error shapes (what tests/tests/botocore_models.rs checks);
- `per_operation`: the five largest installed botocore models with error
  shapes, each derived once plainly and once with `per_operation` (a table
  per operation in a module, and the operations' enum).
For each crate: rustc's `expand_crate` time (`-Z time-passes`, through
RUSTC_BOOTSTRAP on the stable toolchain) with the proc macro built as cargo
builds it (opt-level 0) and optimised (opt-level 3), and the whole `cargo
build` of the crate alone (its dependencies already built, non-incremental),
and `cargo check` for the botocore crate. Medians of --runs runs.
"""

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_times import CARGO, ROOT, machine, package, run, write  # noqa: E402

WORK = ROOT / "target" / "model-times"


def botocore_data():
    out = subprocess.run(
        [sys.executable, "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    return Path(out) / "data"


def botocore_models():
    """(file name, uncompressed text, error shapes) of every installed model."""
    models = []
    for gz in sorted(botocore_data().glob("*/*/service-2.json.gz")):
        text = gzip.decompress(gz.read_bytes())
        model = json.loads(text)
        errors = sum(1 for s in model["shapes"].values() if s.get("exception"))
        name = f"{gz.parent.parent.name}-{gz.parent.name}.json"
        models.append((name, text, errors))
    return models


def smithy_models():
    out = []
    for gz in sorted((ROOT / "tests/specs/models").glob("*.json.gz")):
        text = gzip.decompress(gz.read_bytes())
        model = json.loads(text)
        errors = sum(1 for s in model["shapes"].values() if "smithy.api#error" in s.get("traits", {}))
        out.append((gz.name[:-3], text, errors))
    return out


def ident(name):
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def crate(name, specs, lib):
    """A scratch crate with `specs` ({file name: bytes}) under models/."""
    path = WORK / name
    shutil.rmtree(path / "models", ignore_errors=True)
    write(path / "Cargo.toml", package(
        name, f'errtable = {{ path = "{ROOT / "runtime"}", features = ["models", "xml"] }}\n'))
    shutil.copy(ROOT / "Cargo.lock", path / "Cargo.lock")
    (path / "models").mkdir(parents=True, exist_ok=True)
    for file, text in specs.items():
        (path / "models" / file).write_bytes(text)
    write(path / "src/lib.rs", lib)
    return path


# One target directory for every crate here: dependencies build once per
# setting. Non-incremental, as a dependency from a registry builds.
ENV = {"CARGO_INCREMENTAL": "0", "CARGO_TARGET_DIR": str(WORK / "target")}
OPTIMIZED = {"CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL": "3"}


def time_passes(path, runs, env):
    """Median expand_crate seconds and median whole-crate rustc seconds."""
    env = dict(env, RUSTC_BOOTSTRAP="1")
    run([CARGO, "build", "-q"], path, env)
    expand, total = [], []
    for _ in range(runs):
        (path / "src/lib.rs").touch()
        out = run([CARGO, "rustc", "-q", "--offline", "--", "-Z", "time-passes"],
                  path, env, capture=True).stderr
        expand.append(float(re.search(r"time:\s+([\d.]+);[^\n]*\texpand_crate", out).group(1)))
        total.append(float(re.findall(r"time:\s+([\d.]+);[^\n]*\ttotal", out)[-1]))
    return statistics.median(expand), statistics.median(total)


def wall(path, runs, command):
    """Median wall seconds of `cargo <command>` of the crate alone."""
    run([CARGO, command, "-q"], path, ENV)
    times = []
    for _ in range(runs):
        (path / "src/lib.rs").touch()
        start = time.perf_counter()
        run([CARGO, command, "-q", "--offline"], path, ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(crates, runs):
    """A table row per (label, path, command): the macro as cargo builds it
    first for every crate, then optimised, so that the macro and its
    dependencies build once per setting."""
    plain = {label: time_passes(path, runs, ENV) for label, path, _ in crates}
    walls = {label: wall(path, runs, command) for label, path, command in crates}
    optimized = {label: time_passes(path, runs, dict(ENV, **OPTIMIZED))[0]
                 for label, path, _ in crates}
    command = crates[0][2]
    print("| crate | expansion, macro at opt-level 0 (s) | expansion, macro at opt-level 3 (s) "
          f"| rustc, whole crate (s) | `cargo {command}` of the crate (s) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, _, _ in crates:
        (e0, total), e3 = plain[label], optimized[label]
        print(f"| {label} | {e0:.2f} | {e3:.2f} | {total:.2f} | {walls[label]:.2f} |")
    print()


def derive(name, marker="Model", extra=""):
    return (f'#[derive(errtable::ErrorTable)]\n#[error_table(spec = "models/{name}"{extra})]\n'
            f"pub struct {marker};\n")


def largest(runs):
    boto = [m for m in botocore_models() if m[2] > 0]
    by_errors = sorted(boto, key=lambda m: -m[2])[:3]
    by_size = sorted(boto, key=lambda m: -len(m[1]))[:2]
    chosen = [("botocore", m) for m in dict.fromkeys(by_errors + by_size)]
    chosen += [("Smithy", m) for m in sorted(smithy_models(), key=lambda m: -len(m[1]))[:2]]
    crates = []
    for kind, (name, text, errors) in chosen:
        path = crate(f"largest-{name[:-5]}", {name: text}, derive(name))
        label = f"{kind} `{name}`: {errors} error shapes, {len(text) / 1e6:.2f} MB"
        crates.append((label, path, "build"))
    measure(crates, runs)


def operations(runs):
    models = {m[0]: m for m in smithy_models()}
    crates = []
    for name in ["glacier-2012-06-01.json", "s3-2006-03-01.json"]:
        _, text, _ = models[name]
        shapes = json.loads(text)["shapes"]
        ops = sorted(s.split("#")[1] for s, shape in shapes.items() if shape["type"] == "operation")
        lib = derive(name, "Service")
        for op in ops:
            lib += "\n" + derive(name, f"Op{ident(op)}",
                                 f', operation = "{op}", full = "ServiceException"')
        path = crate(f"operations-{name[:-5]}", {name: text}, lib)
        label = (f"`{name}` whole and each of its {len(ops)} operations "
                 f"({len(ops) + 1} derives of a {len(text) / 1e6:.2f} MB model)")
        crates.append((label, path, "build"))
    measure(crates, runs)


def per_operation(runs):
    boto = [m for m in botocore_models() if m[2] > 0]
    crates = []
    for name, text, errors in sorted(boto, key=lambda m: -len(m[1]))[:5]:
        operations = len(json.loads(text)["operations"])
        for extra, how in [("", "one derive"), (", per_operation", "`per_operation`")]:
            path = crate(f"per-operation-{name[:-5]}{extra and '-per'}", {name: text},
                         derive(name, "Service", extra))
            label = (f"`{name}` ({len(text) / 1e6:.2f} MB, {errors} error shapes, "
                     f"{operations} operations), {how}")
            crates.append((label, path, "build"))
    measure(crates, runs)


def every_botocore(runs):
    boto = [m for m in botocore_models() if m[2] > 0]
    lib = "\n".join(derive(name, ident(name[:-5])) for name, _, _ in boto)
    path = crate("botocore", {name: text for name, text, _ in boto}, lib)
    size = sum(len(t) for _, t, _ in boto) / 1e6
    errors = sum(e for _, _, e in boto)
    label = (f"every botocore model with error shapes: {len(boto)} derives, "
             f"{errors:,} error shapes, {size:.0f} MB of JSON")
    measure([(label, path, "check")], runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--parts", default="largest,operations,botocore")
    args = parser.parse_args()
    parts = args.parts.split(",")
    print(f"Machine: {machine()}. Medians of {args.runs} runs; command: "
          f"`python3 benches/model_times.py --runs {args.runs} --parts {args.parts}`.\n")
    if "largest" in parts:
        largest(args.runs)
    if "operations" in parts:
        operations(args.runs)
    if "botocore" in parts:
        every_botocore(args.runs)
    if "per_operation" in parts:
        per_operation(args.runs)


if __name__ == "__main__":
    main()
