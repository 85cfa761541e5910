//! Service models as specs: Glacier's Smithy model derived here, whole, per
//! operation and together with its docs table; the six committed Smithy
//! models read as an independent Python reading reads them; and all six
//! derived in a crate of their own, whole and one enum per operation of
//! every service, whose generated code is run and checked against that
//! reading too.

mod support;

use errtable::{ErrorTable, ErrorType, Exception};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use support::*;

/// Glacier's published Smithy model.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier-2012-06-01.json")]
pub struct GlacierModel;

/// The errors DescribeJob can return, by the model.
#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier-2012-06-01.json",
    operation = "DescribeJob",
    full = "GlacierModelException"
)]
pub struct DescribeJob;

/// The docs table and the model as one table: they disagree on
/// InsufficientCapacityException's status and type, which this table
/// leaves out.
#[derive(ErrorTable)]
#[error_table(
    spec = ["../spec/glacier.md", "../spec/glacier-2012-06-01.json"],
    except(InsufficientCapacityException)
)]
pub struct DocsAndModel;

/// One operation of the docs and the model: the conflicting code is not
/// one of its errors, so it is no problem here; the docs' codes that the
/// model lacks are the service's common errors, which it keeps.
#[derive(ErrorTable)]
#[error_table(
    spec = ["../spec/glacier.md", "../spec/glacier-2012-06-01.json"],
    operation = "DescribeJob"
)]
pub struct DescribeJobDocumented;

/// One operation of the model with the service's common errors, a table
/// of codes the model lacks: every operation can return those.
#[derive(ErrorTable)]
#[error_table(
    spec = ["../spec/glacier-2012-06-01.json", "specs/common.md"],
    operation = "DescribeJob",
    exception = "DescribeJobCommonException",
    error = "DescribeJobCommonError"
)]
pub struct DescribeJobCommon;

/// A `common` table's row is every operation's, even where the model has
/// the code for other operations only.
#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier-2012-06-01.json",
    common = "specs/common-limits.md",
    operation = "DescribeJob",
    exception = "DescribeJobLimitedException",
    error = "DescribeJobLimitedError"
)]
pub struct DescribeJobLimited;

/// The model read as a table spoken in another protocol: the attribute's
/// protocol wins over the model's.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier-2012-06-01.json", protocol = "aws-json")]
pub struct GlacierOverAwsJson;

fn codes<E: Exception>(all: &[E]) -> Vec<&str> {
    all.iter().map(|e| e.code()).collect()
}

#[test]
fn glacier_model_derives() {
    assert_eq!(
        codes(GlacierModelException::ALL),
        [
            "InsufficientCapacityException",
            "InvalidParameterValueException",
            "LimitExceededException",
            "MissingParameterValueException",
            "PolicyEnforcedException",
            "RequestTimeoutException",
            "ResourceNotFoundException",
            "ServiceUnavailableException",
        ]
    );
    use GlacierModelException as G;
    // The model's protocol trait (restJson1) is the table's protocol.
    assert_eq!(
        <G as errtable::__private::Table>::protocol(),
        errtable::Protocol::RestJson
    );
    assert_eq!(G::InsufficientCapacityException.status(), 400);
    assert_eq!(
        G::InsufficientCapacityException.error_type(),
        ErrorType::Client
    );
    assert_eq!(
        <GlacierOverAwsJsonException as errtable::__private::Table>::protocol(),
        errtable::Protocol::AwsJson
    );
    assert_eq!(G::RequestTimeoutException.status(), 408);
    assert_eq!(G::ServiceUnavailableException.status(), 500);
    assert_eq!(
        G::ServiceUnavailableException.error_type(),
        ErrorType::Server
    );
    // The model's HTML documentation, as one line of plain text.
    assert_eq!(
        G::InsufficientCapacityException.description(),
        "Returned if there is insufficient capacity to process this expedited request. \
         This error only applies to expedited retrievals and not to standard or bulk retrievals."
    );
}

#[test]
fn an_operation_derives_its_errors() {
    assert_eq!(
        codes(DescribeJobException::ALL),
        [
            "InvalidParameterValueException",
            "MissingParameterValueException",
            "ResourceNotFoundException",
            "ServiceUnavailableException",
        ]
    );
    let wide: GlacierModelException = DescribeJobException::ResourceNotFoundException.into();
    assert_eq!(wide, GlacierModelException::ResourceNotFoundException);
    let narrow = DescribeJobException::try_from(GlacierModelException::LimitExceededException);
    assert_eq!(
        narrow,
        Err(GlacierModelException::LimitExceededException),
        "DescribeJob cannot return LimitExceededException"
    );
}

#[test]
fn a_common_row_is_every_operations_even_where_the_model_has_its_code() {
    let limited = DescribeJobLimitedException::lookup("LimitExceededException").unwrap();
    assert_eq!(limited.status(), 400);
    assert_eq!(DescribeJobLimitedException::ALL.len(), 5);
    // The model's description comes first; the common table agrees.
    assert!(limited
        .description()
        .starts_with("Returned if the request results"));
}

#[test]
fn an_operation_keeps_the_common_errors_of_the_tables_beside_its_model() {
    // The model's errors the operation returns, then the common table's,
    // whose codes the model lacks; the model's other errors stay out.
    assert_eq!(
        codes(DescribeJobCommonException::ALL),
        [
            "InvalidParameterValueException",
            "MissingParameterValueException",
            "ResourceNotFoundException",
            "ServiceUnavailableException",
            "AccessDeniedException",
            "ThrottlingException",
            "InternalFailure",
        ]
    );
    let denied = DescribeJobCommonException::AccessDeniedException;
    assert_eq!(denied.status(), 403);
    assert_eq!(denied.error_type(), errtable::ErrorType::Client);
    // Read back as itself, not as an unknown 500.
    let read = DescribeJobCommonError::from_json(br#"{"__type":"AccessDeniedException"}"#).unwrap();
    assert_eq!(read.exception(), &denied);
    assert!(DescribeJobCommonException::lookup("LimitExceededException").is_none());
}

#[test]
fn docs_and_model_compose_and_the_docs_descriptions_win() {
    // The docs' 16 codes, less the one left out; the model adds none.
    assert_eq!(DocsAndModelException::ALL.len(), 15);
    assert!(!DocsAndModelException::from_code("InsufficientCapacityException").is_known());
    assert_eq!(
        DocsAndModelException::ResourceNotFoundException.description(),
        "Returned if the specified resource such as a vault, upload ID, or job ID does not exist."
    );
    // The operation's errors, and the docs' codes the model lacks: the
    // common errors (authentication, throttling) every operation can
    // return. In the docs' order.
    assert_eq!(
        codes(DescribeJobDocumentedException::ALL),
        [
            "AccessDeniedException",
            "BadRequest",
            "ExpiredTokenException",
            "InvalidParameterValueException",
            "InvalidSignatureException",
            "MissingAuthenticationTokenException",
            "MissingParameterValueException",
            "ResourceNotFoundException",
            "SerializationException",
            "ServiceUnavailableException",
            "ThrottlingException",
            "UnrecognizedClientException",
        ]
    );
    assert_eq!(
        DescribeJobDocumentedException::ServiceUnavailableException.description(),
        DocsAndModelException::ServiceUnavailableException.description()
    );
}

#[test]
fn glacier_docs_and_model_conflict_names_both_places() {
    let root = workspace_root();
    let spec = errtable_codegen::load(
        &[
            errtable_codegen::SpecPath::resolve(&root, "spec/glacier.md"),
            errtable_codegen::SpecPath::resolve(&root, "spec/glacier-2012-06-01.json"),
        ],
        "Unknown",
    );
    let problems: Vec<String> = spec.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "spec/glacier-2012-06-01.json:3523:5: conflicting definitions of code \
          `InsufficientCapacityException`: status 400, type Client here, status 503, type Server \
          at spec/glacier.md:11; make the files agree, or leave the code out with \
          `except(InsufficientCapacityException)`"
        ]
    );
    assert_eq!(spec.protocol.map(|kind| kind.name()), Some("rest-json"));
    assert_eq!(spec.operations.len(), 33);
}

#[test]
fn s3_model_and_its_docs_list_derive_as_one_table() {
    let dir = scratch_dir("s3-composition");
    smithy_models(&dir);
    std::fs::copy(
        workspace_root().join("tests/specs/s3-errors.md"),
        dir.join("s3-errors.md"),
    )
    .unwrap();
    let spec = errtable_codegen::load(
        &[
            errtable_codegen::SpecPath::resolve(&dir, "s3-errors.md"),
            errtable_codegen::SpecPath::resolve(&dir, "s3-2006-03-01.json"),
        ],
        "Unknown",
    );
    assert!(spec.problems.is_empty(), "{:?}", spec.problems);
    assert_eq!(spec.protocol.map(|kind| kind.name()), Some("rest-xml"));
    let row = |code: &str| spec.rows.iter().find(|r| r.code == code).unwrap();
    // Repeated in three sections and in the model: one row, described as
    // its first section describes it.
    assert_eq!(
        spec.rows
            .iter()
            .filter(|r| r.code == "InvalidRequest")
            .count(),
        1
    );
    assert_eq!(
        row("InvalidRequest").description,
        "The request is not valid; the message says why."
    );
    assert_eq!(row("InvalidRequest").location(), "s3-errors.md:21");
    assert_eq!(
        row("MalformedXML").description,
        "The XML in the request body is not well-formed or does not match the schema."
    );
    // The model's codes the docs lack come after the docs' 20.
    let from_model: Vec<&str> = spec
        .rows
        .iter()
        .filter(|r| r.file == "s3-2006-03-01.json")
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(
        from_model,
        [
            "EncryptionTypeMismatch",
            "InvalidWriteOffset",
            "NotFound",
            "ObjectAlreadyInActiveTierError",
            "ObjectNotInActiveTierError",
            "TooManyParts"
        ]
    );
    assert_eq!(spec.rows.len(), 20 + 6);
}

#[test]
fn smithy_models_read_as_an_independent_reading_reads_them() {
    if !python_has("json") {
        return;
    }
    let dir = scratch_dir("smithy-reading");
    let files: Vec<PathBuf> = smithy_models(&dir).iter().map(|n| dir.join(n)).collect();
    let python = python_reading(&files);
    let mut differences_found = Vec::new();
    let mut operations = 0;
    for file in &files {
        let name = file_name(file);
        let ours = errtable_reading(file);
        operations += ours["operations"].as_object().unwrap().len();
        differences_found.extend(differences(&name, &ours, &python[&name]));
    }
    assert!(
        differences_found.is_empty(),
        "{}",
        differences_found.join("\n")
    );
    assert_eq!(operations, 33 + 98 + 23 + 57 + 9 + 32);
}

/// Builds a crate that derives each of the six models whole and one enum
/// per operation of every service (252 derives), runs it, and checks what
/// the generated code says against the Python reading: every code, status,
/// type, query code and description, and every operation's codes.
#[test]
fn smithy_models_derive_whole_and_per_operation() {
    let dir = scratch_dir("smithy-models-crate");
    write_package(&dir, "smithy-models");
    let models = dir.join("models");
    std::fs::create_dir_all(&models).unwrap();
    let names = smithy_models(&models);
    let mut lib = String::from(
        "//! Every Smithy model, whole and per operation.\n\
         use errtable::Exception;\n\n\
         /// Prints `E`'s protocol, then each exception: code, status, type, query code, query status, description.\n\
         pub fn dump<E: Exception + errtable::__private::Table + 'static>(label: &str) {\n\
         \x20   println!(\"table {label} {}\", <E as errtable::__private::Table>::protocol().name());\n\
         \x20   for e in <E as errtable::__private::Table>::all() {\n\
         \x20       println!(\"{}\\t{}\\t{}\\t{}\\t{}\\t{}\", e.code(), e.status(), e.error_type(),\n\
         \x20           e.query_code().unwrap_or(\"-\"), e.query_status(), e.description());\n\
         \x20   }\n\
         }\n\n",
    );
    let mut main = String::from("fn main() {\n");
    let mut derives = 0;
    for name in &names {
        let module = ident(name.trim_end_matches(".json")).to_lowercase();
        let reading = errtable_reading(&models.join(name));
        lib += &format!(
            "pub mod {module} {{\n    use errtable::ErrorTable;\n\n    \
             #[derive(ErrorTable)]\n    #[error_table(spec = \"models/{name}\")]\n    pub struct Service;\n"
        );
        main += &format!(
            "    smithy_models::dump::<smithy_models::{module}::ServiceException>(\"{name}\");\n"
        );
        derives += 1;
        for operation in reading["operations"].as_object().unwrap().keys() {
            let marker = format!("Op{}", ident(operation));
            lib += &format!(
                "\n    #[derive(ErrorTable)]\n    #[error_table(spec = \"models/{name}\", operation = \"{operation}\", full = \"ServiceException\")]\n    pub struct {marker};\n"
            );
            main += &format!(
                "    smithy_models::dump::<smithy_models::{module}::{marker}Exception>(\"{name} {operation}\");\n"
            );
            derives += 1;
        }
        lib += "}\n\n";
    }
    main += "}\n";
    assert_eq!(derives, 6 + 252);
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    let output = cargo(&dir, &["run", "--quiet"], Duration::from_secs(240));

    if !python_has("json") {
        return;
    }
    let files: Vec<PathBuf> = names.iter().map(|n| models.join(n)).collect();
    let python = python_reading(&files);
    let mut expected = String::new();
    for name in &names {
        let reading = &python[name];
        let line = |e: &Value| {
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}\n",
                e["code"].as_str().unwrap(),
                e["status"],
                e["type"].as_str().unwrap(),
                e["query_code"].as_str().unwrap_or("-"),
                // The query protocols' status, else the status.
                e["query_status"]
                    .as_u64()
                    .unwrap_or(e["status"].as_u64().unwrap()),
                e["description"].as_str().unwrap()
            )
        };
        let errors = reading["errors"].as_array().unwrap();
        // The model's own protocol becomes the table's.
        let protocol = reading["protocol"].as_str().unwrap();
        expected += &format!("table {name} {protocol}\n");
        for error in errors {
            expected += &line(error);
        }
        // The operations in the order the crate lists them (by name).
        let operations = reading["operations"].as_object().unwrap();
        let mut sorted: Vec<(&String, &Value)> = operations.iter().collect();
        sorted.sort_by_key(|(op, _)| *op);
        for (operation, op_codes) in sorted {
            expected += &format!("table {name} {operation} {protocol}\n");
            // In the table's order: the model's order of error shapes.
            for error in errors
                .iter()
                .filter(|e| op_codes.as_array().unwrap().contains(&e["code"]))
            {
                expected += &line(error);
            }
        }
    }
    if output != expected {
        let diff: Vec<String> = output
            .lines()
            .zip(expected.lines())
            .filter(|(a, b)| a != b)
            .take(10)
            .map(|(a, b)| format!("generated: {a}\nexpected:  {b}"))
            .collect();
        panic!(
            "the generated code differs from the Python reading ({} lines vs {}):\n{}",
            output.lines().count(),
            expected.lines().count(),
            diff.join("\n")
        );
    }
}

/// A table whose protocol needs a feature the crate does not turn on is a
/// compile error that names the feature: a CBOR-first model (CloudWatch's
/// kind) without `cbor`, and `protocol = "rest-xml"` without `xml`. Never a
/// silent fallback to another protocol, nor an empty body.
#[test]
fn a_protocol_without_its_feature_is_a_compile_error_naming_it() {
    let dir = scratch_dir("feature-errors");
    write_package(&dir, "feature-errors");
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        manifest.replace(
            r#"features = ["models", "xml", "cbor"]"#,
            r#"features = ["models"]"#,
        ),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("models")).unwrap();
    std::fs::copy(
        workspace_root().join("tests/ui/specs/models/cbor_only.json"),
        dir.join("models/cbor_only.json"),
    )
    .unwrap();
    std::fs::copy(
        workspace_root().join("spec/glacier.md"),
        dir.join("models/glacier.md"),
    )
    .unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "use errtable::ErrorTable;\n\n\
         #[derive(ErrorTable)]\n#[error_table(spec = \"models/cbor_only.json\")]\npub struct Metrics;\n\n\
         #[derive(ErrorTable)]\n#[error_table(spec = \"models/glacier.md\", protocol = \"rest-xml\")]\npub struct Vaults;\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet"])
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        .env_remove("ERRTABLE_MANIFEST_DIR")
        .output()
        .expect("cargo runs");
    assert!(
        !output.status.success(),
        "the crate built without its features"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    for message in [
        "protocol = \"rpc-v2-cbor\" needs errtable's `cbor` feature",
        "protocol = \"rest-xml\" needs errtable's `xml` feature",
    ] {
        assert!(stderr.contains(message), "no `{message}` in:\n{stderr}");
    }
}
