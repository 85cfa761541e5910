//! Every botocore model installed on the machine (`service-2.json.gz`, as
//! the botocore Python package ships them, decompressed into this test's
//! temporary directory and never committed): each one with error shapes is
//! read as an independent Python reading reads it, and all of them derive
//! in one crate, which `cargo check` compiles. The models without error
//! shapes get the message that says so.
//!
//! Without botocore (`python3 -c "import botocore"` fails) the tests fail
//! and name what to install, unless `ERRTABLE_SKIP_PYTHON=1` skips them.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use support::*;

/// Every installed model, decompressed into `dir` as `<service>-<version>.json`.
fn botocore_models(dir: &Path) -> Vec<PathBuf> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))",
        ])
        .output()
        .expect("python3 runs");
    assert!(output.status.success());
    let data = PathBuf::from(String::from_utf8(output.stdout).unwrap().trim());
    let mut models = Vec::new();
    for service in std::fs::read_dir(&data).unwrap() {
        let service = service.unwrap().path();
        let Ok(versions) = std::fs::read_dir(&service) else {
            continue;
        };
        for version in versions {
            let version = version.unwrap().path();
            let gz = version.join("service-2.json.gz");
            if !gz.is_file() {
                continue;
            }
            let name = format!("{}-{}.json", file_name(&service), file_name(&version));
            std::fs::write(dir.join(&name), gunzip(&gz)).unwrap();
            models.push(dir.join(name));
        }
    }
    models.sort();
    assert!(models.len() > 100, "only {} botocore models", models.len());
    models
}

/// errtable's reading of each model with error shapes, after checking
/// that each of the others has exactly one problem: the message that it
/// has none.
fn with_error_shapes(models: &[PathBuf]) -> Vec<(PathBuf, errtable_codegen::Spec)> {
    let mut kept = Vec::new();
    for model in models {
        let spec = load(model);
        let problems: Vec<String> = spec.problems.iter().map(ToString::to_string).collect();
        if spec.rows.is_empty() {
            assert_eq!(problems.len(), 1, "{}: {problems:?}", model.display());
            assert!(
                problems[0].ends_with(
                    "this botocore model has no error shapes (no shape has `\"exception\": true`): there is nothing to derive"
                ),
                "{}",
                problems[0]
            );
        } else {
            kept.push((model.clone(), spec));
        }
    }
    kept
}

#[test]
fn every_botocore_model_reads_as_an_independent_reading_reads_it() {
    if !python_has("botocore") {
        return;
    }
    let dir = scratch_dir("botocore-reading");
    let models = botocore_models(&dir);
    let python = python_reading(&models);
    let with_errors = with_error_shapes(&models);
    let mut found = Vec::new();
    let mut rows = 0;
    for model in &models {
        let name = file_name(model);
        let theirs = &python[&name];
        let Some((_, spec)) = with_errors.iter().find(|(m, _)| m == model) else {
            assert_eq!(theirs["errors"].as_array().map(Vec::len), Some(0), "{name}");
            continue;
        };
        let ours = reading(spec);
        rows += spec.rows.len();
        found.extend(differences(&name, &ours, theirs));
    }
    assert!(
        found.is_empty(),
        "{} differences:\n{}",
        found.len(),
        found.join("\n")
    );
    eprintln!(
        "{} botocore models, {} with error shapes, {rows} error shapes: as Python reads them",
        models.len(),
        with_errors.len()
    );
}

#[test]
fn every_botocore_model_with_error_shapes_derives() {
    if !python_has("botocore") {
        return;
    }
    let dir = scratch_dir("botocore-crate");
    write_package(&dir, "botocore-models");
    let models_dir = dir.join("models");
    std::fs::create_dir_all(&models_dir).unwrap();
    let models = with_error_shapes(&botocore_models(&models_dir));
    let mut lib = String::from("//! One table per botocore model.\nuse errtable::ErrorTable;\n");
    for (model, _) in &models {
        let name = file_name(model);
        let marker = ident(name.trim_end_matches(".json"));
        lib += &format!(
            "\n#[derive(ErrorTable)]\n#[error_table(spec = \"models/{name}\")]\npub struct {marker};\n"
        );
    }
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    cargo(&dir, &["check", "--quiet"], Duration::from_secs(240));
}
