//! Real builds by cargo of scratch crates outside this workspace: editing a
//! spec rebuilds every crate that derives from it on the next build, with no
//! other change; a shared spec works the same from the workspace root, with
//! `-p` and from a member's directory; a crate in another repository uses
//! the spec-owning crate without a copy of the spec, and derives tables of
//! its own through that crate's re-export of errtable (`crate = "..."`).

use std::path::{Path, PathBuf};
use std::process::Command;

const SPEC_V1: &str = "| Code | Description | HTTP Status Code | Type |\n\
                       | --- | --- | --- | --- |\n\
                       | FirstException | The first. | 400 Bad Request | Client |\n";

const MAIN: &str = r#"use errtable::{ErrorTable, Exception};

#[derive(ErrorTable)]
#[error_table(spec = "errors.md")]
pub struct Scratch;

fn main() {
    for e in ScratchException::ALL {
        println!("{} {} {}", e.code(), e.status(), e.error_type());
    }
}
"#;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Runs the scratch crate with `cargo run`, as a user would after an edit.
fn run(dir: &Path) -> String {
    cargo(dir, &["run", "--quiet"])
}

/// Runs cargo in `dir` with a target dir of its own, outside this build's.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        .env_remove("ERRTABLE_MANIFEST_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "scratch build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

#[test]
fn editing_the_spec_regenerates_the_enum() {
    let dir = scratch_dir("regenerate-scratch");
    write_package(&dir, "scratch", "errtable", "runtime", true);
    std::fs::write(dir.join("src/main.rs"), MAIN).unwrap();
    std::fs::write(dir.join("errors.md"), SPEC_V1).unwrap();

    assert_eq!(run(&dir), "FirstException 400 Client\n");

    // Only the spec changes: a new row and a changed status.
    let v2 = SPEC_V1.replace("400 Bad Request", "409 Conflict")
        + "| SecondException | The second. | 503 Service Unavailable | Server |\n";
    std::fs::write(dir.join("errors.md"), v2).unwrap();
    assert_eq!(
        run(&dir),
        "FirstException 409 Client\nSecondException 503 Server\n"
    );
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    // A leftover from an earlier run would hide a missing rebuild.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Same dependency versions as this workspace, and no registry lookups.
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

/// Writes `dir/Cargo.toml` for a binary package `name` depending on the
/// workspace package `dep` at `dep_path`; `standalone` makes it its own
/// workspace.
fn write_package(dir: &Path, name: &str, dep: &str, dep_path: &str, standalone: bool) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let dep_dir = workspace_root().join(dep_path).display().to_string();
    let workspace = if standalone { "\n[workspace]\n" } else { "" };
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\n{dep} = {{ path = {dep_dir:?} }}\n{workspace}"
        ),
    )
    .unwrap();
}

#[test]
fn editing_a_shared_spec_rebuilds_every_member() {
    let root = scratch_dir("shared-spec-scratch");
    std::fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"svc-a\", \"svc-b\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("spec")).unwrap();
    std::fs::write(root.join("spec/errors.md"), SPEC_V1).unwrap();
    for member in ["svc-a", "svc-b"] {
        write_package(&root.join(member), member, "errtable", "runtime", false);
        let main = MAIN.replace("\"errors.md\"", "\"../spec/errors.md\"");
        std::fs::write(root.join(member).join("src/main.rs"), main).unwrap();
    }
    let v1 = "FirstException 400 Client\n";
    // The path is relative to each member's Cargo.toml, wherever cargo runs.
    cargo(&root, &["build", "--quiet", "--workspace"]);
    assert_eq!(cargo(&root, &["run", "--quiet", "-p", "svc-a"]), v1);
    assert_eq!(run(&root.join("svc-b")), v1);

    let v2 = SPEC_V1.to_owned() + "| SecondException | The second. | 404 Not Found | Client |\n";
    std::fs::write(root.join("spec/errors.md"), v2).unwrap();
    let both = "FirstException 400 Client\nSecondException 404 Client\n";
    assert_eq!(cargo(&root, &["run", "--quiet", "-p", "svc-a"]), both);
    assert_eq!(run(&root.join("svc-b")), both);
}

#[test]
fn another_repository_depends_on_the_spec_crate_not_on_a_copy() {
    let dir = scratch_dir("other-repository-scratch");
    write_package(
        &dir,
        "consumer",
        "glacier-errors",
        "examples/glacier-errors",
        true,
    );
    std::fs::write(
        dir.join("src/main.rs"),
        r#"use glacier_errors::errtable::Exception;
use glacier_errors::{DescribeJobError, DescribeJobException, GlacierError};

// A table of its own, derived through the spec crate's re-export alone:
// this crate does not depend on errtable.
#[derive(glacier_errors::errtable::ErrorTable)]
#[error_table(spec = "errors.md", crate = "glacier_errors::errtable")]
pub struct Consumer;

fn main() {
    let op = DescribeJobError::new(DescribeJobException::ResourceNotFoundException, "no job");
    let wide: GlacierError = op.convert();
    println!("{} {} {}", wide.to_json(), wide.status(), wide.exception().is_known());
    for e in ConsumerException::ALL {
        println!("{} {} {}", e.code(), e.status(), e.error_type());
    }
}
"#,
    )
    .unwrap();
    std::fs::write(dir.join("errors.md"), SPEC_V1).unwrap();
    assert!(!dir.join("spec").exists());
    assert_eq!(
        run(&dir),
        "{\"code\":\"ResourceNotFoundException\",\"message\":\"no job\",\"type\":\"Client\"} 404 true\n\
         FirstException 400 Client\n"
    );
}
