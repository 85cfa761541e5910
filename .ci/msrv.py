#!/usr/bin/env python3
"""Keeps the declared `rust-version` of the publishable crates honest.

Only one toolchain is installed where CI runs, so the MSRV is never built;
instead it is checked two ways:
- here: no locked dependency reachable from a publishable crate (with all
  its features, through normal and build dependencies, on any platform)
  declares a newer `rust-version` than the crate does, using
  `cargo metadata --locked`;
- clippy's `incompatible_msrv` (std APIs newer than `rust-version`): this
  script fails if anything allows it or overrides the MSRV clippy reads.

cargo metadata's resolve unifies features across the whole workspace (a
dev-dependency of the demo turns on features a user of the runtime never
gets), so which packages a crate really builds, with all its features, comes
from `cargo tree -p CRATE --all-features -e normal,build --target all`;
their rust-versions from cargo metadata.

Usage: python3 .ci/msrv.py
"""

import collections
import json
import pathlib
import re
import subprocess
import sys


def version(text):
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def show(v):
    return ".".join(str(p) for p in v[:2]) if v[2] == 0 else ".".join(map(str, v))


def allowed_anywhere(repo):
    """Places that would switch `incompatible_msrv` off or give clippy an
    MSRV other than Cargo.toml's."""
    found = []
    files = subprocess.run(
        ["git", "ls-files", "*.rs", "*.toml"], cwd=repo, check=True,
        stdout=subprocess.PIPE, text=True,
    ).stdout.split()
    allow = re.compile(r"(allow|expect)\s*\([^)]*incompatible_msrv|incompatible_msrv\s*=\s*\"?(allow|expect)")
    for name in files:
        path = repo / name
        if not path.is_file():
            continue
        text = path.read_text(errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if allow.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
        if path.name in ("clippy.toml", ".clippy.toml") and re.search(r"^\s*msrv\s*=", text, re.M):
            found.append(f"{name}: sets msrv (clippy must read rust-version from Cargo.toml)")
    return found


def builds_of(repo, name):
    """(name, version) of every package `name` builds with all its
    features, on any target, as cargo resolves its features alone."""
    tree = subprocess.run(
        ["cargo", "tree", "--locked", "-p", name, "--all-features", "-e", "normal,build",
         "--target", "all", "--prefix", "none", "--format", "{p}"],
        cwd=repo, check=True, stdout=subprocess.PIPE, text=True,
    ).stdout
    built = set()
    for line in tree.splitlines():
        words = line.split()
        if len(words) >= 2 and words[1].startswith("v"):
            built.add((words[0], words[1][1:]))
    return built


def main():
    repo = pathlib.Path(__file__).resolve().parent.parent
    metadata = json.loads(subprocess.run(
        ["cargo", "metadata", "--locked", "--format-version", "1", "--all-features"],
        cwd=repo, check=True, stdout=subprocess.PIPE, text=True,
    ).stdout)
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    members = metadata["workspace_members"]
    publishable = [packages[m] for m in members if packages[m]["publish"] is None]

    failures = []
    needed_overall = (0, 0, 0)
    for crate in publishable:
        declared = crate.get("rust_version")
        if not declared:
            failures.append(f"{crate['name']}: publishable but declares no rust-version")
            continue
        declared = version(declared)
        built = builds_of(repo, crate["name"])
        # Breadth first through what the crate builds, keeping each
        # package's parent for the report.
        parent = {crate["id"]: None}
        queue = collections.deque([crate["id"]])
        while queue:
            current = queue.popleft()
            for dep in nodes[current]["deps"]:
                kinds = {k["kind"] for k in dep["dep_kinds"]}
                target = packages[dep["pkg"]]
                if (
                    not kinds & {None, "build"}
                    or dep["pkg"] in parent
                    or (target["name"], target["version"]) not in built
                ):
                    continue
                parent[dep["pkg"]] = current
                queue.append(dep["pkg"])
        too_new = []
        needed = (0, 0, 0)
        for pkg_id in list(parent)[1:]:
            wanted = packages[pkg_id].get("rust_version")
            if wanted and version(wanted) > declared:
                chain, step = [], pkg_id
                while step is not None:
                    chain.append(f"{packages[step]['name']} {packages[step]['version']}")
                    step = parent[step]
                too_new.append((version(wanted), " <- ".join(chain)))
            if wanted:
                needed = max(needed, version(wanted))
        needed_overall = max(needed_overall, needed)
        print(f"{crate['name']}: rust-version {show(declared)}, "
              f"{len(parent) - 1} dependencies, the most demanding needs {show(needed)}")
        for wanted, chain in sorted(too_new, reverse=True):
            failures.append(f"{crate['name']} declares {show(declared)}, but {chain} needs {show(wanted)}")

    for place in allowed_anywhere(repo):
        failures.append(f"incompatible_msrv must stay on: {place}")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        print(f"raise the workspace's rust-version to at least {show(needed_overall)}, "
              "or lock older dependencies", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
