#!/usr/bin/env python3
"""Builds and tests every publishable crate from its packaged form.

`cargo package` writes the .crate files crates.io would get; this script
unpacks them side by side, outside the repository, into a workspace of
their own whose `[patch.crates-io]` points each crate's registry
dependencies on the others at the unpacked copies, with the repository's
Cargo.lock (so the same versions, and `--locked`). Then, for each crate:
`cargo test --all-features` (unit and integration tests, doctests, and the
examples built) and every example run. A spec, README or test file that a
crate reads from outside its package fails here, as it would for a user.

Also checked: each package carries its licence files and its README, each
file under a `spec/` directory its `<stem>.LICENSE` (third-party specs
travel with their licence), and nothing a build or a test did changed the
unpacked sources (as `cargo package`'s own verification checks).

Packages: every workspace member whose `publish` is unset, and those that
ask for it with `[package.metadata.errtable] test-packaged = true` (the
spec-owning example, which is not published but promises that its package
carries its table).

Usage: python3 .ci/test-packaged.py [--no-test] [--example-timeout SECONDS]
"""

import argparse
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tomllib


def run(args, **kwargs):
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run(args, check=True, **kwargs)


def cargo_json(args, cwd):
    out = subprocess.run(args, check=True, cwd=cwd, stdout=subprocess.PIPE, text=True)
    return json.loads(out.stdout)


def selected(package):
    flags = (package.get("metadata") or {}).get("errtable") or {}
    return package["publish"] is None or flags.get("test-packaged") is True


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def toml_tables(prefix, table, lines):
    """Writes `table` as `[prefix]` plus its nested tables."""
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict)}
    nested = {k: v for k, v in table.items() if isinstance(v, dict)}
    if scalars or not nested:
        lines.append(f"[{prefix}]")
        lines.extend(f"{json.dumps(k)} = {toml_value(v)}" for k, v in scalars.items())
        lines.append("")
    for key, value in nested.items():
        toml_tables(f"{prefix}.{json.dumps(key)}", value, lines)


def profiles_for(root_manifest, used_names):
    """The repository's [profile] sections, keeping per-package overrides
    only for packages in the check workspace (cargo warns about others)."""
    profiles = root_manifest.get("profile", {})
    kept = {}
    for name, profile in profiles.items():
        profile = dict(profile)
        if "package" in profile:
            profile["package"] = {
                spec: value
                for spec, value in profile["package"].items()
                if spec == "*" or spec.split("@")[0] in used_names
            }
            if not profile["package"]:
                del profile["package"]
        kept[name] = profile
    return kept


def tree_digest(directory):
    digest = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            digest[str(path.relative_to(directory))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def check_contents(package, unpacked, problems):
    files = {str(p.relative_to(unpacked)) for p in unpacked.rglob("*") if p.is_file()}
    name = package["name"]
    licence = package.get("license") or ""
    for needed, word in [("LICENSE-MIT", "MIT"), ("LICENSE-APACHE", "Apache-2.0")]:
        if word in licence and needed not in files:
            problems.append(f"{name}: licence {licence!r} but no {needed} in the package")
    if not licence:
        problems.append(f"{name}: no `license` in the manifest")
    readme = package.get("readme")
    if readme and os.path.basename(readme) not in {os.path.basename(f) for f in files}:
        problems.append(f"{name}: readme {readme!r} is not in the package")
    for f in sorted(files):
        path = pathlib.PurePosixPath(f)
        if "spec" in path.parts[:-1] and path.suffix != ".LICENSE":
            licence_file = str(path.with_name(path.stem + ".LICENSE"))
            if licence_file not in files:
                problems.append(f"{name}: {f} ships without {licence_file}")


def lock_packages(lock_path):
    with open(lock_path, "rb") as f:
        lock = tomllib.load(f)
    return {(p["name"], p["version"], p.get("source")) for p in lock.get("package", [])}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-test", action="store_true", help="package and check contents only")
    parser.add_argument("--example-timeout", type=float, default=120.0)
    options = parser.parse_args()

    repo = pathlib.Path(__file__).resolve().parent.parent
    metadata = cargo_json(
        ["cargo", "metadata", "--locked", "--no-deps", "--format-version", "1"], repo
    )
    members = set(metadata["workspace_members"])
    packages = [p for p in metadata["packages"] if p["id"] in members and selected(p)]
    if not packages:
        sys.exit("no publishable package found")
    target = pathlib.Path(metadata["target_directory"])
    print("packages:", ", ".join(p["name"] for p in packages), flush=True)

    # --allow-dirty: check the tree as it is (CI's checkout is clean anyway);
    # --no-verify: the build and tests below do more than cargo's verify.
    package_args = ["cargo", "package", "--locked", "--allow-dirty", "--no-verify"]
    for p in packages:
        package_args += ["-p", p["name"]]
    run(package_args, cwd=repo)

    check = target / "package-check"
    shutil.rmtree(check, ignore_errors=True)
    check.mkdir(parents=True)
    problems = []
    dirs = {}
    for p in packages:
        stem = f"{p['name']}-{p['version']}"
        with tarfile.open(target / "package" / f"{stem}.crate") as archive:
            archive.extractall(check, filter="data")
        # The archive's entries carry fixed, old times, and the target
        # directory is shared: without fresh times cargo would take the
        # unpacked crates for unchanged and reuse a previous run's builds.
        for path in (check / stem).rglob("*"):
            os.utime(path, follow_symlinks=False)
        dirs[p["name"]] = check / stem
        check_contents(p, check / stem, problems)
    if problems:
        sys.exit("package contents:\n  " + "\n  ".join(problems))
    print("contents: licences, READMEs and spec licences present", flush=True)
    if options.no_test:
        return

    with open(repo / "Cargo.toml", "rb") as f:
        root_manifest = tomllib.load(f)

    def write_workspace(used_names):
        lines = [
            "# Generated by .ci/test-packaged.py: the packaged crates, unpacked.",
            "[workspace]",
            'resolver = "2"',
            "members = " + toml_value(sorted(d.name for d in dirs.values())),
            "",
            "[patch.crates-io]",
        ]
        lines += [f"{name} = {{ path = {json.dumps(d.name)} }}" for name, d in sorted(dirs.items())]
        lines.append("")
        for name, profile in profiles_for(root_manifest, used_names).items():
            toml_tables(f"profile.{name}", profile, lines)
        (check / "Cargo.toml").write_text("\n".join(lines))

    # Start from the repository's lock: cargo drops what these crates do not
    # use and must not pick a version the repository did not test.
    shutil.copy(repo / "Cargo.lock", check / "Cargo.lock")
    write_workspace(used_names=set())
    unpacked = cargo_json(["cargo", "metadata", "--format-version", "1"], check)
    tested = lock_packages(repo / "Cargo.lock")
    now = lock_packages(check / "Cargo.lock")
    changed = sorted(now - tested)
    if changed:
        sys.exit(
            "the packaged crates resolve to versions the repository's Cargo.lock does not have:\n  "
            + "\n  ".join(f"{n} {v}" for n, v, _ in changed)
        )
    write_workspace(used_names={name for name, _, _ in now})

    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(target)  # registry dependencies built once
    env.pop("ERRTABLE_MANIFEST_DIR", None)
    before = {name: tree_digest(d) for name, d in dirs.items()}
    manifest = ["--manifest-path", str(check / "Cargo.toml")]
    for p in packages:
        name = p["name"]
        print(f"== {name}, from its package", flush=True)
        run(["cargo", "test", "--locked", *manifest, "-p", name, "--all-features"], cwd=check, env=env)
        as_packaged = next(
            u for u in unpacked["packages"]
            if u["id"] in unpacked["workspace_members"] and u["name"] == name
        )
        examples = [t["name"] for t in as_packaged["targets"] if "example" in t["kind"]]
        for example in examples:
            # Run where a user would: in the crate's own directory.
            try:
                run(
                    ["cargo", "run", "--locked", "-q", *manifest, "-p", name, "--all-features",
                     "--example", example],
                    cwd=dirs[name], env=env, timeout=options.example_timeout,
                    stdout=subprocess.DEVNULL,
                )
            except subprocess.TimeoutExpired:
                sys.exit(f"{name}: example {example} still running after {options.example_timeout} s")
    for name, d in dirs.items():
        after = tree_digest(d)
        if after != before[name]:
            diff = sorted(set(after.items()) ^ set(before[name].items()))
            sys.exit(f"{name}: building or testing changed its sources: {diff}")
    print("packaged crates: every one built and tested from its package", flush=True)


if __name__ == "__main__":
    main()
