//! Editing a spec rebuilds the crate that derives from it on the next
//! `cargo build`, with no other change: a real scratch crate, built by cargo.

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
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet"])
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
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("regenerate-scratch");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let runtime = workspace_root().join("runtime");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"scratch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nerrtable = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    // Same dependency versions as the workspace, and no registry lookups.
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
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
