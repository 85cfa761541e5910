//! End to end: the `errtable` binary run as a user runs it, from the
//! workspace root, with its output and exit status checked.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent")
        .to_path_buf()
}

fn errtable(args: &[&str]) -> Run {
    errtable_in(&root(), args)
}

fn errtable_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_errtable"))
        .args(args)
        .current_dir(dir)
        .env_remove("ERRTABLE_MANIFEST_DIR")
        .output()
        .expect("the binary runs");
    let run = Run {
        status: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "errtable {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

/// `errtable` run in `dir` with `input` on its standard input.
fn errtable_with_input(dir: &Path, args: &[&str], input: &str) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_errtable"))
        .args(args)
        .current_dir(dir)
        .env_remove("ERRTABLE_MANIFEST_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The CLI may reject its arguments before it reads standard input, and
    // then the write meets a closed pipe; the exit status tells the rest.
    if let Err(error) = child.stdin.take().unwrap().write_all(input.as_bytes()) {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
    }
    let output = child.wait_with_output().unwrap();
    let run = Run {
        status: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "errtable {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

/// A scratch directory of its own for each test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

// ---- usage -------------------------------------------------------------

#[test]
fn help_lists_every_command_and_the_exit_statuses() {
    let run = errtable(&["--help"]);
    assert_eq!(run.status, 0);
    for needle in [
        "check",
        "expand",
        "diff",
        "convert",
        "Exit status:",
        "0  success",
        "1  check found problems",
        "2  usage error",
    ] {
        assert!(
            run.stdout.contains(needle),
            "no {needle:?} in:\n{}",
            run.stdout
        );
    }
    for command in ["check", "expand", "diff", "convert"] {
        let run = errtable(&[command, "--help"]);
        assert_eq!(run.status, 0, "{command} --help");
        assert!(
            run.stdout.contains("Exit status:"),
            "{command} --help:\n{}",
            run.stdout
        );
    }
    let run = errtable(&["diff", "--help"]);
    for kind in [
        "removed",
        "added",
        "status",
        "type",
        "code",
        "renamed",
        "retry",
        "description",
    ] {
        assert!(
            run.stdout.contains(&format!("  {kind} ")),
            "diff --help lacks {kind}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let run = errtable(&["frobnicate"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("unrecognized subcommand 'frobnicate'"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());

    let run = errtable(&[]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("Usage: errtable <COMMAND>"),
        "{}",
        run.stderr
    );

    let run = errtable(&["check"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("<SPEC>..."), "{}", run.stderr);

    let run = errtable(&["convert", "spec/glacier.md", "--to", "yaml"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("invalid value 'yaml'"),
        "{}",
        run.stderr
    );

    let run = errtable(&["check", "--unknown", "not an ident", "spec/glacier.md"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "errtable: error: --unknown `not an ident` is not a valid Rust identifier\n"
    );

    let run = errtable(&["--version"]);
    assert_eq!(run.status, 0);
    assert!(run.stdout.starts_with("errtable "), "{}", run.stdout);
}

// ---- check -------------------------------------------------------------

#[test]
fn check_accepts_the_glacier_tables() {
    let run = errtable(&["check", "spec/glacier.md", "spec/glacier-model.json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "spec/glacier.md: ok, 16 codes\n\
         spec/glacier-model.json: ok, 9 codes\n\
         checked 2 files: no problems\n"
    );
    assert!(run.stderr.is_empty());
}

#[test]
fn check_reports_every_problem_with_its_position() {
    let run = errtable(&[
        "check",
        "cli/tests/specs/bad.md",
        "cli/tests/specs/bad.json",
    ]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout,
        "cli/tests/specs/bad.md:6:3: conflicting definitions of code `Fine`: status 409 here, status 400 at cli/tests/specs/bad.md:5; make the files agree, or leave the code out with `except(Fine)`\n\
         cli/tests/specs/bad.md:7:35: bad HTTP status `700`: expected a number in 300..=599, like `404` or `404 Not Found`\n\
         cli/tests/specs/bad.md:8:27: unknown type `Sender`: expected Client, Server or Unknown (or leave it empty: 5xx is Server, others Client)\n\
         cli/tests/specs/bad.md:9:44: unknown retry class `Sometimes`: expected Throttling, Transient or NotRetryable (or No; leave it empty for the default)\n\
         cli/tests/specs/bad.md:10:3: code `Has Space` contains ' ', which clients strip or cannot carry in a header\n\
         cli/tests/specs/bad.md: 5 problems (1 valid code)\n\
         cli/tests/specs/bad.json:4:32: bad status `\"400\"`: expected a whole number\n\
         cli/tests/specs/bad.json:5:56: unknown key `colour` (expected code, status, type, title, reason, description, retryable, query_code, query_status, shape_id, grpc_code, members)\n\
         cli/tests/specs/bad.json:6:5: entry has no `code`\n\
         cli/tests/specs/bad.json: 3 problems (1 valid code)\n\
         checked 2 files: 8 problems\n"
    );
    assert!(run.stderr.is_empty());
}

#[test]
fn check_json_output() {
    let run = errtable(&[
        "check",
        "--format",
        "json",
        "spec/glacier.md",
        "cli/tests/specs/bad.md",
        "cli/tests/specs/missing.md",
    ]);
    // An unreadable file outranks problems: status 2.
    assert_eq!(run.status, 2);
    let doc = json(&run.stdout);
    assert_eq!(doc["ok"], false);
    assert_eq!(
        doc["summary"],
        json(r#"{"files": 3, "codes": 17, "problems": 5, "unreadable": 1}"#)
    );
    let files = doc["files"].as_array().unwrap();
    assert_eq!(
        files[0],
        json(r#"{"file": "spec/glacier.md", "status": "ok", "codes": 16, "problems": []}"#)
    );
    assert_eq!(files[1]["status"], "problems");
    assert_eq!(files[1]["codes"], 1);
    assert_eq!(
        files[1]["problems"][0],
        json(
            r#"{"file": "cli/tests/specs/bad.md", "line": 6, "col": 3,
                "message": "conflicting definitions of code `Fine`: status 409 here, status 400 at cli/tests/specs/bad.md:5; make the files agree, or leave the code out with `except(Fine)`",
                "text": "cli/tests/specs/bad.md:6:3: conflicting definitions of code `Fine`: status 409 here, status 400 at cli/tests/specs/bad.md:5; make the files agree, or leave the code out with `except(Fine)`"}"#
        )
    );
    assert_eq!(files[2]["status"], "unreadable");
    assert_eq!(files[2]["problems"][0]["line"], serde_json::Value::Null);
    assert!(files[2]["problems"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("spec file not found (looked for "));
    assert!(
        run.stderr
            .starts_with("errtable: error: cli/tests/specs/missing.md: spec file not found"),
        "{}",
        run.stderr
    );

    let clean = errtable(&["check", "--format", "json", "spec/glacier.md"]);
    assert_eq!(clean.status, 0);
    assert_eq!(json(&clean.stdout)["ok"], true);
}

#[test]
fn check_missing_file_and_directory_exit_2() {
    let run = errtable(&["check", "no/such/spec.md"]);
    assert_eq!(run.status, 2);
    let looked = root().join("no/such/spec.md");
    assert_eq!(
        run.stderr,
        format!(
            "errtable: error: no/such/spec.md: spec file not found (looked for {})\n",
            looked.display()
        )
    );
    assert_eq!(
        run.stdout,
        "no/such/spec.md: unreadable\nchecked 1 file: no problems, 1 unreadable\n"
    );

    let run = errtable(&["check", "spec"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("is a directory, not a spec file"),
        "{}",
        run.stderr
    );
}

/// A problem in an entry's shape does not hide a problem in another's
/// cells, and the rows that are fine are counted as such: one check lists
/// everything to fix.
#[test]
fn check_reports_shape_and_row_problems_together() {
    let dir = scratch("together");
    let mut entries: Vec<String> = (0..132)
        .map(|i| format!("{{\"code\": \"Code{i}\", \"status\": 400}}"))
        .collect();
    entries.insert(
        40,
        "{\"code\": \"NullStatus\", \"status\": null}".to_owned(),
    );
    entries.insert(
        90,
        "{\"code\": \"503 SlowDown\", \"status\": 503}".to_owned(),
    );
    std::fs::write(
        dir.join("s3.json"),
        format!("{{\"errors\": [\n{}\n]}}\n", entries.join(",\n")),
    )
    .unwrap();
    let run = errtable_in(&dir, &["check", "s3.json"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout,
        "s3.json:42:34: bad status `null`: expected a whole number\n\
         s3.json:92:10: code `503 SlowDown` contains ' ', which clients strip or cannot carry in a header\n\
         s3.json: 2 problems (132 valid codes)\n\
         checked 1 file: 2 problems\n"
    );
}

#[test]
fn check_invalid_utf8_is_a_problem_in_the_file() {
    let dir = scratch("utf8");
    std::fs::write(dir.join("latin1.md"), b"| Code |\n| --- |\n| Caf\xe9 |\n").unwrap();
    let run = errtable_in(&dir, &["check", "latin1.md"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout
            .starts_with("latin1.md:3:6: the spec is not valid UTF-8\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_together_finds_codes_the_files_define_differently() {
    let separately = errtable(&["check", "spec/glacier.md", "spec/glacier-model.json"]);
    assert_eq!(separately.status, 0);
    let run = errtable(&[
        "check",
        "--together",
        "spec/glacier.md",
        "spec/glacier-model.json",
    ]);
    assert_eq!(run.status, 1);
    // Every model code but NoLongerSupportedException is also in the docs;
    // only InsufficientCapacityException has another status and type there
    // (the others differ in their descriptions alone, where the first
    // file's wins).
    assert_eq!(
        run.stdout,
        "spec/glacier.md: ok, 16 codes\n\
         spec/glacier-model.json:3:14: conflicting definitions of code `InsufficientCapacityException`: \
         status 400, type Client here, status 503, type Server at spec/glacier.md:11; make the files agree, \
         or leave the code out with `except(InsufficientCapacityException)`\n\
         spec/glacier-model.json: 1 problem (1 valid code)\n\
         checked 2 files: 1 problem\n"
    );
}

#[test]
fn check_unknown_names_the_variant_the_derive_reserves() {
    // tests/specs/tricky.json has a code `Unknown`; its derive renames the
    // unknown-code variant to `Unlisted`.
    let run = errtable(&["check", "tests/specs/tricky.json"]);
    assert_eq!(run.status, 1);
    assert!(run
        .stdout
        .contains("code `Unknown` would become the variant `Unknown`"));
    let run = errtable(&["check", "--unknown", "Unlisted", "tests/specs/tricky.json"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "tests/specs/tricky.json: ok, 7 codes\nchecked 1 file: no problems\n"
    );
}

// ---- expand ------------------------------------------------------------

/// The names of the top-level items of `code`, as `kind name` strings.
/// The items of `code`, including those inside `const _: () = { ... };`
/// blocks (where the derive keeps its private tables and their impls).
fn items(code: &str) -> Vec<String> {
    let file = syn::parse_file(code).unwrap_or_else(|e| panic!("not Rust ({e}):\n{code}"));
    describe(&file.items.iter().collect::<Vec<_>>())
}

fn describe(items: &[&syn::Item]) -> Vec<String> {
    let nested = items.iter().flat_map(|item| match item {
        syn::Item::Const(c) => match &*c.expr {
            syn::Expr::Block(block) => describe(
                &block
                    .block
                    .stmts
                    .iter()
                    .filter_map(|stmt| match stmt {
                        syn::Stmt::Item(item) => Some(item),
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            ),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    });
    let nested: Vec<String> = nested.collect();
    items
        .iter()
        .map(|item| match item {
            syn::Item::Enum(e) => format!("enum {}", e.ident),
            syn::Item::Type(t) => format!("type {}", t.ident),
            syn::Item::Struct(s) => format!("struct {}", s.ident),
            syn::Item::Macro(m) => format!(
                "{}!({})",
                quote::ToTokens::to_token_stream(&m.mac.path)
                    .to_string()
                    .replace(' ', ""),
                m.mac.tokens.to_string().replace(' ', "")
            ),
            syn::Item::Const(c) => format!("const {}", c.ident),
            syn::Item::Impl(i) => {
                let ty = quote::ToTokens::to_token_stream(&i.self_ty).to_string();
                match &i.trait_ {
                    Some((path, _)) => format!(
                        "impl {} for {ty}",
                        quote::ToTokens::to_token_stream(path)
                            .to_string()
                            .replace(' ', "")
                    ),
                    None => format!("impl {ty}"),
                }
            }
            other => quote::ToTokens::to_token_stream(other)
                .to_string()
                .chars()
                .take(40)
                .collect(),
        })
        .chain(nested)
        .collect()
}

#[test]
fn expand_prints_the_derives_code_formatted() {
    let run = errtable(&["expand", "spec/glacier.md"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty());
    assert!(run.stdout.starts_with(
        "// Generated by errtable's #[derive(ErrorTable)] for:\n//\n\
         //     #[derive(ErrorTable)]\n\
         //     #[error_table(spec = \"spec/glacier.md\")]\n\
         //     pub struct Glacier;\n\n"
    ));
    // What the derive's rustdoc (runtime/docs/derive.md) promises it generates; other items may join.
    let found = items(&run.stdout);
    for item in [
        "enum GlacierException",
        "impl GlacierException",
        "impl ::errtable::Exception for GlacierException",
        "impl ::core::fmt::Display for GlacierException",
        "impl ::core::str::FromStr for GlacierException",
        "impl ::errtable::__private::serde::Serialize for GlacierException",
        "impl ::errtable::__private::serde::Deserialize<'de> for GlacierException",
        "struct GlacierError",
        // Its impls forward to `ServiceError`, written by the runtime.
        "::errtable::__private::error_type!(GlacierError,GlacierException)",
        "impl ::errtable::ErrorTable for Glacier",
    ] {
        assert!(found.iter().any(|f| f == item), "no {item:?} in {found:?}");
    }
    let file = syn::parse_file(&run.stdout).unwrap();
    let Some(exception) = file.items.iter().find_map(|item| match item {
        syn::Item::Enum(e) if e.ident == "GlacierException" => Some(e),
        _ => None,
    }) else {
        panic!("no enum GlacierException")
    };
    let variants: Vec<String> = exception
        .variants
        .iter()
        .map(|v| v.ident.to_string())
        .collect();
    assert_eq!(variants.len(), 17);
    assert_eq!(variants[3], "InsufficientCapacityException");
    assert_eq!(variants[16], "Unknown");
    // Formatted: one variant per line with its docs, not one long line.
    assert!(run.stdout.contains(
        "    /// `InsufficientCapacityException` · HTTP 503 · Server error · Transient · spec/glacier.md:11\n    InsufficientCapacityException,\n"
    ));
    assert!(run
        .stdout
        .contains("            Self::InsufficientCapacityException => 503,\n"));
    let spec = root().join("spec/glacier.md");
    assert!(run.stdout.contains(&format!(
        "::core::include_bytes!({:?})",
        spec.display().to_string()
    )));
}

/// The seed's expansion, pinned: what the docs show is what the derive
/// generates (`runtime/docs/glacier-expansion.rs`, included in the
/// runtime's rustdoc). After a deliberate change, rerun with
/// `ERRTABLE_BLESS=1` to rewrite the snapshot, and review its diff.
#[test]
fn the_seed_expansion_matches_its_snapshot() {
    let run = errtable(&["expand", "spec/glacier.md"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    // The rebuild-tracking include names the spec's absolute path, which
    // differs from machine to machine.
    let spec = format!("{:?}", root().join("spec/glacier.md").display().to_string());
    let expansion = run
        .stdout
        .replace(&spec, "\"/path/to/errtable/spec/glacier.md\"");
    let snapshot = root().join("runtime/docs/glacier-expansion.rs");
    if std::env::var_os("ERRTABLE_BLESS").is_some() {
        std::fs::write(&snapshot, &expansion).unwrap();
    }
    let pinned = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert!(
        expansion == pinned,
        "the expansion of spec/glacier.md differs from {}; if the change is deliberate, \
         rerun with ERRTABLE_BLESS=1 and review the diff",
        snapshot.display()
    );
    // The 16 rows read as a table, not as machinery.
    let lines = expansion.lines().count();
    assert!(lines < 350, "{lines} lines");
    // cli/README.md shows the expansion's first lines: they are the
    // snapshot's, up to the `...` that cuts them.
    let readme = std::fs::read_to_string(root().join("cli/README.md")).unwrap();
    let excerpt: Vec<&str> = readme
        .lines()
        .skip_while(|line| *line != "$ errtable expand spec/glacier.md")
        .skip(1)
        .take_while(|line| *line != "...")
        .collect();
    assert!(excerpt.len() > 5, "no expand excerpt in cli/README.md");
    let pinned_start: Vec<&str> = pinned.lines().take(excerpt.len()).collect();
    assert_eq!(
        excerpt, pinned_start,
        "cli/README.md's expand excerpt is stale"
    );
}

#[test]
fn expand_takes_the_attributes_names() {
    let run = errtable(&[
        "expand",
        "tests/specs/tricky.json",
        "--name",
        "Tricky",
        "--exception",
        "Awkward",
        "--error",
        "AwkwardFailure",
        "--unknown",
        "Unlisted",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains(
        "//     #[error_table(spec = \"tests/specs/tricky.json\", exception = \"Awkward\", error = \"AwkwardFailure\", unknown = \"Unlisted\")]\n//     pub struct Tricky;\n"
    ));
    let names = items(&run.stdout);
    assert!(names.contains(&"enum Awkward".to_owned()), "{names:?}");
    assert!(names.contains(&"struct AwkwardFailure".to_owned()));
    assert!(names.contains(&"impl ::errtable::ErrorTable for Tricky".to_owned()));
    assert!(run.stdout.contains("Self::_404Thing => \"404Thing\","));
    assert!(run.stdout.contains("Unlisted(::errtable::UnknownCode),"));

    // The default marker comes from the file name.
    let run = errtable(&["expand", "--unknown", "Unlisted", "spec/glacier-model.json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(items(&run.stdout).contains(&"enum GlacierModelException".to_owned()));

    let run = errtable(&["expand", "spec/glacier.md", "--name", "not-a-name"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "errtable: error: --name `not-a-name` is not a valid Rust identifier\n"
    );
}

#[test]
fn expand_absolute_path() {
    let spec = root().join("spec/glacier.md");
    let run = errtable_in(&std::env::temp_dir(), &["expand", spec.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("#[error_table(spec = \"glacier.md\")]"));
    assert!(items(&run.stdout).contains(&"enum GlacierException".to_owned()));
}

#[test]
fn expand_refuses_a_spec_with_problems() {
    let run = errtable(&["expand", "cli/tests/specs/bad.md"]);
    assert_eq!(run.status, 1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.starts_with(
        "cli/tests/specs/bad.md:6:3: conflicting definitions of code `Fine`: status 409 here, status 400 at cli/tests/specs/bad.md:5; make the files agree, or leave the code out with `except(Fine)`\n"
    ), "{}", run.stderr);
    assert!(run
        .stderr
        .ends_with("errtable: error: cli/tests/specs/bad.md has 5 problems; nothing expanded\n"));

    let run = errtable(&["expand", "missing.md"]);
    assert_eq!(run.status, 2);
    assert!(run
        .stderr
        .starts_with("errtable: error: missing.md: spec file not found"));
}

#[test]
fn expand_into_a_closed_pipe_is_quiet() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_errtable"))
        .args(["expand", "spec/glacier.md"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// The printed code is real: pasted beside its marker in a crate that
/// depends on errtable, it builds and behaves like the derive.
#[test]
fn expanded_code_compiles_and_runs() {
    let run = errtable(&[
        "expand",
        "tests/specs/tricky.json",
        "--exception",
        "Awkward",
        "--unknown",
        "Unlisted",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let dir = scratch("expanded-crate");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"expanded\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nerrtable = {{ path = {:?} }}\n\n[workspace]\n",
            root().join("runtime").display().to_string()
        ),
    )
    .unwrap();
    // Same dependency versions as the workspace, and no registry lookups.
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let main = format!(
        "use errtable::Exception;\n\npub struct Tricky;\n\n{}\n\
         fn main() {{\n    for e in Awkward::ALL {{\n        \
         println!(\"{{}} {{:?}} {{}} {{}} {{:?}}\", e.code(), e, e.status(), e.error_type(), e.retry_kind());\n    }}\n    \
         println!(\"{{:?}}\", Awkward::from_code(\"Other\"));\n}}\n",
        run.stdout
    );
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the expanded code does not build:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "QuotaExceeded.DBSecurityGroup QuotaExceededDBSecurityGroup 400 Client NotRetryable\n\
         Not-Found NotFound 404 Client NotRetryable\n\
         type Type 400 Client NotRetryable\n\
         404Thing _404Thing 404 Unknown NotRetryable\n\
         Unknown Unknown 500 Server Transient\n\
         LimitExceededException LimitExceededException 400 Client Throttling\n\
         Überfüllt U00DCberfU00FCllt 503 Server Transient\n\
         Unlisted(UnknownCode { code: \"Other\", error_type: Unknown, status: 500 })\n"
    );
}

// ---- diff --------------------------------------------------------------

#[test]
fn diff_docs_against_the_service_model() {
    let run = errtable(&["diff", "spec/glacier.md", "spec/glacier-model.json"]);
    assert_eq!(run.status, 1, "breaking changes exit 1:\n{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "spec/glacier.md (16 codes) -> spec/glacier-model.json (9 codes)"
    );
    for line in [
        "BREAKING  status       InsufficientCapacityException: 503 -> 400",
        "BREAKING  type         InsufficientCapacityException: Server -> Client",
        "BREAKING  grpc_code    InsufficientCapacityException: UNAVAILABLE -> INVALID_ARGUMENT",
        "          retry        InsufficientCapacityException: Transient -> NotRetryable",
        "BREAKING  removed      AccessDeniedException (403, Client)",
        "BREAKING  removed      ThrottlingException (400, Client)",
        "          added        NoLongerSupportedException (400, Client)",
        "          description  LimitExceededException",
    ] {
        assert!(lines.contains(&line), "no {line:?} in:\n{}", run.stdout);
    }
    assert_eq!(lines.iter().filter(|l| l.contains("removed ")).count(), 8);
    assert_eq!(
        *lines.last().unwrap(),
        "18 changes: 11 breaking (8 removed, 1 status, 1 type, 1 grpc_code), 7 not breaking (1 added, 1 retry, 5 description)"
    );
}

#[test]
fn diff_json_output() {
    let run = errtable(&[
        "diff",
        "--format",
        "json",
        "spec/glacier.md",
        "spec/glacier-model.json",
    ]);
    assert_eq!(run.status, 1);
    let doc = json(&run.stdout);
    assert_eq!(doc["old"], "spec/glacier.md");
    assert_eq!(doc["new"], "spec/glacier-model.json");
    assert_eq!(doc["breaking"], true);
    assert_eq!(
        doc["summary"],
        json(
            r#"{"changes": 18, "breaking": 11, "by_kind":
                {"added": 1, "description": 5, "grpc_code": 1, "removed": 8, "retry": 1, "status": 1, "type": 1}}"#
        )
    );
    let changes = doc["changes"].as_array().unwrap();
    let about = |code: &str| -> Vec<&serde_json::Value> {
        changes.iter().filter(|c| c["code"] == code).collect()
    };
    let insufficient = about("InsufficientCapacityException");
    assert_eq!(
        *insufficient[0],
        json(
            r#"{"kind": "status", "breaking": true, "code": "InsufficientCapacityException",
                "variant": "InsufficientCapacityException", "old": 503, "new": 400}"#
        )
    );
    assert_eq!(insufficient[1]["kind"], "type");
    assert_eq!(insufficient[1]["old"], "Server");
    assert_eq!(insufficient[1]["new"], "Client");
    assert_eq!(
        *insufficient[2],
        json(
            r#"{"kind": "grpc_code", "breaking": true, "code": "InsufficientCapacityException",
                "variant": "InsufficientCapacityException",
                "old": {"code": "UNAVAILABLE", "source": "default"},
                "new": {"code": "INVALID_ARGUMENT", "source": "default"}}"#
        )
    );
    assert_eq!(
        insufficient[3]["old"],
        json(r#"{"class": "Transient", "source": "default"}"#)
    );
    let added = about("NoLongerSupportedException");
    assert_eq!(added[0]["kind"], "added");
    assert_eq!(added[0]["breaking"], false);
    assert_eq!(added[0]["old"], serde_json::Value::Null);
    assert_eq!(added[0]["new"]["status"], 400);
    assert_eq!(added[0]["new"]["type"], "Client");
    let removed = about("AccessDeniedException");
    assert_eq!(removed[0]["kind"], "removed");
    assert_eq!(removed[0]["old"]["status"], 403);
    assert_eq!(removed[0]["new"], serde_json::Value::Null);
}

#[test]
fn diff_renames_and_type_changes() {
    let run = errtable(&["diff", "cli/tests/specs/v1.md", "cli/tests/specs/v2.md"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout,
        "cli/tests/specs/v1.md (4 codes) -> cli/tests/specs/v2.md (4 codes)\n\
         BREAKING  code         Not-Found -> NotFound (the variant NotFound stays)\n\
         BREAKING  renamed      SlowDown -> TooManyRequests (variant SlowDown -> TooManyRequests; same status, type and description)\n          \
         retry        TooManyRequests: Throttling -> Transient\n\
         BREAKING  type         Blamed: Server -> Client\n\
         4 changes: 3 breaking (1 code, 1 renamed, 1 type), 1 not breaking (1 retry)\n"
    );
    // The same changes as JSON: each kind under its documented name.
    let run = errtable(&[
        "diff",
        "--format",
        "json",
        "cli/tests/specs/v1.md",
        "cli/tests/specs/v2.md",
    ]);
    assert_eq!(run.status, 1);
    let changes = json(&run.stdout)["changes"].clone();
    let kinds: Vec<(&str, &str, bool)> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap(),
                c["code"].as_str().unwrap(),
                c["breaking"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("code", "Not-Found", true),
            ("renamed", "SlowDown", true),
            ("retry", "TooManyRequests", false),
            ("type", "Blamed", true),
        ]
    );
}

/// Only breaking changes: the summary lists no kinds of the others.
#[test]
fn diff_with_only_breaking_changes() {
    let dir = scratch("only-breaking");
    std::fs::write(
        dir.join("old.json"),
        r#"{"errors": [{"code": "A", "status": 400}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("new.json"),
        r#"{"errors": [{"code": "A", "status": 404}]}"#,
    )
    .unwrap();
    let run = errtable_in(&dir, &["diff", "old.json", "new.json"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout
            .ends_with("\n2 changes: 2 breaking (1 status, 1 grpc_code), 0 not breaking\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn diff_without_breaking_changes_exits_0() {
    let run = errtable(&[
        "diff",
        "cli/tests/specs/v1.md",
        "cli/tests/specs/v1-added.md",
    ]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "cli/tests/specs/v1.md (4 codes) -> cli/tests/specs/v1-added.md (5 codes)\n          \
         description  Kept\n                       \
         - Unchanged.\n                       \
         + Unchanged, but described better.\n          \
         added        Brand (409, Client)\n\
         2 changes: 0 breaking, 2 not breaking (1 added, 1 description)\n"
    );

    // A table against itself: nothing.
    let run = errtable(&[
        "diff",
        "cli/tests/specs/pipes.md",
        "cli/tests/specs/pipes.md",
    ]);
    assert_eq!(run.status, 0);
    assert!(run.stdout.ends_with("no changes\n"));
    let json_doc = errtable(&[
        "diff",
        "--format",
        "json",
        "spec/glacier.md",
        "spec/glacier.md",
    ]);
    assert_eq!(json_doc.status, 0);
    assert_eq!(json(&json_doc.stdout)["changes"], json("[]"));
    assert_eq!(json(&json_doc.stdout)["breaking"], false);
    // Changes, none of them breaking: `breaking` is false there too.
    let json_doc = errtable(&[
        "diff",
        "--format",
        "json",
        "cli/tests/specs/v1.md",
        "cli/tests/specs/v1-added.md",
    ]);
    assert_eq!(json_doc.status, 0);
    let report = json(&json_doc.stdout);
    assert_eq!(report["breaking"], false);
    assert_eq!(report["summary"]["changes"], 2);
    assert_eq!(report["summary"]["breaking"], 0);
}

#[test]
fn diff_refuses_specs_with_problems() {
    let run = errtable(&["diff", "spec/glacier.md", "cli/tests/specs/bad.md"]);
    assert_eq!(run.status, 2);
    assert!(run.stdout.is_empty());
    assert!(run
        .stderr
        .contains("cli/tests/specs/bad.md:7:35: bad HTTP status `700`"));
    assert!(run.stderr.ends_with(
        "errtable: error: cli/tests/specs/bad.md has 5 problems; fix them first (`errtable check cli/tests/specs/bad.md` lists them)\n"
    ), "{}", run.stderr);
    let run = errtable(&["diff", "missing.md", "spec/glacier.md"]);
    assert_eq!(run.status, 2);
    assert!(run
        .stderr
        .starts_with("errtable: error: missing.md: spec file not found"));
}

// ---- convert -----------------------------------------------------------

/// `convert` from `from` to `format` into `dir/name`, which must succeed.
fn convert(from: &Path, format: &str, to: &Path) {
    let run = errtable(&[
        "convert",
        from.to_str().unwrap(),
        "--to",
        format,
        "-o",
        to.to_str().unwrap(),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty() && run.stderr.is_empty());
}

#[test]
fn convert_round_trips_keep_every_row() {
    let dir = scratch("round-trips");
    for spec in [
        "spec/glacier.md",
        "cli/tests/specs/pipes.md",
        "spec/glacier-model.json",
        "cli/tests/specs/pipes.json",
        "tests/specs/tricky.json",
    ] {
        let source = root().join(spec);
        let stem = source.file_stem().unwrap().to_str().unwrap();
        let (md, json_file) = (
            dir.join(format!("{stem}.md")),
            dir.join(format!("{stem}.json")),
        );
        // md -> json -> md, or json -> md -> json: twice round, and the
        // second trip must give back the first one's bytes.
        if source.extension().is_some_and(|ext| ext == "md") {
            convert(&source, "json", &json_file);
            convert(&json_file, "markdown", &md);
            let again = dir.join(format!("{stem}-again.json"));
            convert(&md, "json", &again);
            assert_eq!(
                std::fs::read(&json_file).unwrap(),
                std::fs::read(&again).unwrap(),
                "{spec}"
            );
        } else {
            convert(&source, "markdown", &md);
            convert(&md, "json", &json_file);
            let again = dir.join(format!("{stem}-again.md"));
            convert(&json_file, "md", &again);
            assert_eq!(
                std::fs::read(&md).unwrap(),
                std::fs::read(&again).unwrap(),
                "{spec}"
            );
        }
        // And the rows are those of the original, as `diff` sees them.
        for converted in [&md, &json_file] {
            let run = errtable(&["diff", spec, converted.to_str().unwrap()]);
            assert_eq!(
                run.status,
                0,
                "{spec} -> {}:\n{}",
                converted.display(),
                run.stdout
            );
            assert!(run.stdout.ends_with("no changes\n"), "{}", run.stdout);
        }
    }
}

#[test]
fn convert_output_formats() {
    let run = errtable(&["convert", "cli/tests/specs/pipes.md", "--to", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        r#"{
  "errors": [
    {"code": "Pipe|Code", "status": 400, "type": "Client", "description": "A | inside, and a backslash \\ too."},
    {"code": "Back\\slash", "status": 500, "type": "Server", "description": "Ends with a backslash \\", "retryable": "NotRetryable"},
    {"code": "Escaped.Dots", "status": 404, "type": "Client", "description": "Markdown escapes (like the AWS docs), code|span, a link, & emphasis."},
    {"code": "Stars*_", "status": 429, "type": "Client", "description": "<not html> [not a link] `not code` <entity>", "retryable": "Throttling"}
  ]
}
"#
    );
    let run = errtable(&["convert", "cli/tests/specs/pipes.json", "--to", "markdown"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        r"| Code | Description | HTTP Status Code | Type | Retryable |
| --- | --- | --- | --- | --- |
| Pipe\|Code | Pipes \| in \| cells and \\ backslashes \\\| before pipes \\ | 400 Bad Request | Client |  |
| Back\\slash\\ | \`code\` \*em\* \_em\_ \[link\](u) \<b\>html\</b\> \&amp; \~\~strike\~\~ \$math\$ | 500 Internal Server Error | Server |  |
| Plain |  | 418 I'm a teapot | Unknown | Transient |
"
    );
    // The JSON a spec author writes by hand comes out in the same layout.
    let model = std::fs::read_to_string(root().join("spec/glacier-model.json")).unwrap();
    let run = errtable(&["convert", "spec/glacier-model.json", "--to", "json"]);
    assert_eq!(run.stdout, model);
}

#[test]
fn convert_refuses_what_markdown_cannot_hold() {
    let dir = scratch("whitespace");
    std::fs::write(
        dir.join("spaced.json"),
        "{\"errors\": [\n  {\"code\": \"A\", \"status\": 400, \"type\": \"Client\", \"description\": \"two\\nlines\"}\n]}\n",
    )
    .unwrap();
    let run = errtable_in(&dir, &["convert", "spaced.json", "--to", "markdown"]);
    assert_eq!(run.status, 1);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "spaced.json:2:12: the description of `A` has a line break, a tab, or leading, trailing or repeated spaces, which a Markdown table cell cannot keep: \"two\\nlines\"\n\
         errtable: error: spaced.json cannot be written as a Markdown table without changing it\n"
    );
    // JSON to JSON keeps it.
    let run = errtable_in(&dir, &["convert", "spaced.json", "--to", "json"]);
    assert_eq!(run.status, 0);
    assert!(run.stdout.contains(r#""description": "two\nlines""#));
}

#[test]
fn convert_failures() {
    let run = errtable(&["convert", "cli/tests/specs/bad.json", "--to", "markdown"]);
    assert_eq!(run.status, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .starts_with("cli/tests/specs/bad.json:4:32: bad status"),
        "{}",
        run.stderr
    );

    let run = errtable(&["convert", "missing.json", "--to", "markdown"]);
    assert_eq!(run.status, 2);
    assert!(run
        .stderr
        .starts_with("errtable: error: missing.json: spec file not found"));

    let run = errtable(&[
        "convert",
        "spec/glacier.md",
        "--to",
        "json",
        "-o",
        "no/such/dir/out.json",
    ]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .starts_with("errtable: error: cannot write no/such/dir/out.json: "),
        "{}",
        run.stderr
    );

    // A code named `Unknown` is no problem for conversion: only the derive
    // with its default options reserves that name.
    let run = errtable(&["convert", "tests/specs/tricky.json", "--to", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

// ---- service models --------------------------------------------------------

#[test]
fn check_reads_service_models() {
    let run = errtable(&[
        "check",
        "spec/glacier-2012-06-01.json",
        "cli/tests/specs/queue-model.json",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "spec/glacier-2012-06-01.json: ok, 8 codes, 33 operations, protocol rest-json\n\
         cli/tests/specs/queue-model.json: ok, 3 codes, 2 operations, protocol aws-json\n\
         checked 2 files: no problems\n"
    );
    let run = errtable(&[
        "check",
        "--format",
        "json",
        "cli/tests/specs/queue-model.json",
    ]);
    assert_eq!(
        json(&run.stdout)["files"][0],
        json(
            r#"{"file": "cli/tests/specs/queue-model.json", "status": "ok", "codes": 3, "problems": [],
                "operations": 2, "protocol": "aws-json", "notes": []}"#
        )
    );
}

#[test]
fn check_notes_a_model_without_a_protocol_errtable_speaks() {
    let run = errtable(&["check", "tests/ui/specs/models/own_protocol.json"]);
    assert_eq!(run.status, 0, "a note is not a problem: {}", run.stdout);
    assert_eq!(
        run.stdout,
        "tests/ui/specs/models/own_protocol.json:4:5: note: the service `Metrics` speaks no protocol \
         errtable speaks (`example.metrics#binaryRpc`): name one in the attribute with `protocol = \"...\"` \
         (rest-json, aws-json, aws-json-1.1, rest-xml, rest-xml-wrapped, query, ec2, problem-json, rpc-v2-cbor, google-json)\n\
         tests/ui/specs/models/own_protocol.json: ok, 1 code, 0 operations, protocol none errtable speaks\n\
         checked 1 file: no problems\n"
    );
    let run = errtable(&["check", "tests/ui/specs/models/dangling.json"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout.contains(
            "tests/ui/specs/models/dangling.json:18:20: shape `example.vaults#NoSuchVault` is not in this model: the reference points nowhere\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn convert_turns_a_model_into_a_table() {
    let run = errtable(&[
        "convert",
        "cli/tests/specs/queue-model.json",
        "--to",
        "markdown",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "| Code | Description | HTTP Status Code | Type | Retryable | Query Code | Query Status | Shape ID |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- |\n\
         | QueueDoesNotExist | The queue named in QueueUrl does not exist. Check the URL \\& try again. | 400 Bad Request | Client |  | AWS.SimpleQueueService.NonExistentQueue |  | example.queues\\#QueueDoesNotExist |\n\
         | InvalidMessageContents | The message holds characters outside the allowed set (\\<, \\>). | 400 Bad Request | Client |  |  |  | example.queues\\#InvalidMessageContents |\n\
         | RequestThrottled | Too many requests. | 400 Bad Request | Client | Throttling | RequestThrottled | 403 | example.queues\\#RequestThrottled |\n"
    );
    // One operation: its own errors and the service's.
    let run = errtable(&[
        "convert",
        "cli/tests/specs/queue-model.json",
        "--to",
        "json",
        "--operation",
        "DeleteQueue",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = json(&run.stdout);
    let codes: Vec<&str> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["QueueDoesNotExist", "RequestThrottled"]);
    let run = errtable(&[
        "convert",
        "cli/tests/specs/queue-model.json",
        "--to",
        "json",
        "--operation",
        "Purge",
    ]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "errtable: error: --operation: no operation `Purge` in cli/tests/specs/queue-model.json\n"
    );
}

#[test]
fn converted_models_round_trip() {
    let dir = scratch("model-round-trips");
    for spec in [
        "spec/glacier-2012-06-01.json",
        "cli/tests/specs/queue-model.json",
    ] {
        let source = root().join(spec);
        let (md, json_file, again) = (
            dir.join("model.md"),
            dir.join("model.json"),
            dir.join("again.md"),
        );
        convert(&source, "markdown", &md);
        convert(&md, "json", &json_file);
        convert(&json_file, "markdown", &again);
        assert_eq!(
            std::fs::read(&md).unwrap(),
            std::fs::read(&again).unwrap(),
            "{spec}"
        );
        let run = errtable(&["diff", spec, json_file.to_str().unwrap()]);
        assert_eq!(run.status, 0, "{}", run.stdout);
        assert!(run.stdout.ends_with("no changes\n"), "{}", run.stdout);
    }
}

#[test]
fn expand_derives_one_operation() {
    let run = errtable(&[
        "expand",
        "spec/glacier-2012-06-01.json",
        "--operation",
        "DescribeJob",
        "--name",
        "DescribeJob",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains(
        "#[error_table(spec = \"spec/glacier-2012-06-01.json\", operation = \"DescribeJob\")]"
    ));
    assert!(run
        .stdout
        .contains("/// The 4 exceptions of the [`DescribeJob`] error table"));
    let run = errtable(&[
        "expand",
        "spec/glacier-2012-06-01.json",
        "--operation",
        "DescribeJobs",
    ]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with(
            "no operation `DescribeJobs` in spec/glacier-2012-06-01.json; did you mean `DescribeJob`?\n"
        ),
        "{}",
        run.stderr
    );
}

// ---- git revisions and standard input -------------------------------------

/// Runs git in `dir`, which must succeed.
fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "errtable tests")
        .env("GIT_AUTHOR_EMAIL", "tests@example.com")
        .env("GIT_COMMITTER_NAME", "errtable tests")
        .env("GIT_COMMITTER_EMAIL", "tests@example.com")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A repository of its own (CI's clone of this one may be shallow) with
/// two commits of `spec/errors.md`: v1.md, then v2.md.
fn repository(name: &str) -> PathBuf {
    let dir = scratch(name);
    git(&dir, &["init", "--quiet"]);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    for version in ["v1.md", "v2.md"] {
        std::fs::copy(
            root().join("cli/tests/specs").join(version),
            dir.join("spec/errors.md"),
        )
        .unwrap();
        git(&dir, &["add", "spec/errors.md"]);
        git(&dir, &["commit", "--quiet", "-m", version]);
    }
    dir
}

#[test]
fn diff_and_check_read_git_revisions() {
    let dir = repository("git-revisions");
    let from_git = errtable_in(&dir, &["diff", "HEAD~1:spec/errors.md", "spec/errors.md"]);
    let from_files = errtable(&["diff", "cli/tests/specs/v1.md", "cli/tests/specs/v2.md"]);
    assert_eq!(from_git.status, from_files.status);
    assert_eq!(
        from_git.stdout,
        from_files.stdout.replace(
            "cli/tests/specs/v1.md (4 codes) -> cli/tests/specs/v2.md",
            "HEAD~1:spec/errors.md (4 codes) -> spec/errors.md"
        )
    );
    assert!(from_git
        .stdout
        .starts_with("HEAD~1:spec/errors.md (4 codes) -> spec/errors.md"));

    let run = errtable_in(
        &dir,
        &["check", "HEAD~1:spec/errors.md", "HEAD:spec/errors.md"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "HEAD~1:spec/errors.md: ok, 4 codes\nHEAD:spec/errors.md: ok, 4 codes\nchecked 2 files: no problems\n"
    );

    // A problem in an old revision names the revision.
    std::fs::write(
        dir.join("spec/errors.md"),
        "| Code | HTTP Status Code |\n| --- | --- |\n| Broken | 700 |\n",
    )
    .unwrap();
    git(&dir, &["commit", "--quiet", "-am", "broken"]);
    let run = errtable_in(&dir, &["check", "HEAD:spec/errors.md"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout
            .starts_with("HEAD:spec/errors.md:3:12: bad HTTP status `700`"),
        "{}",
        run.stdout
    );

    let run = errtable_in(
        &dir,
        &["diff", "nosuchrev:spec/errors.md", "spec/errors.md"],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .starts_with("errtable: error: cannot read nosuchrev:spec/errors.md from git: fatal:"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_and_diff_read_standard_input() {
    let v1 = std::fs::read_to_string(root().join("cli/tests/specs/v1.md")).unwrap();
    let run = errtable_with_input(&root(), &["check", "-"], &v1);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "-: ok, 4 codes\nchecked 1 file: no problems\n");

    // JSON is recognised by its first character, or named.
    let json_spec = std::fs::read_to_string(root().join("tests/specs/sqs.json")).unwrap();
    let run = errtable_with_input(&root(), &["check", "-"], &json_spec);
    assert_eq!(run.stdout, "-: ok, 3 codes\nchecked 1 file: no problems\n");
    let run = errtable_with_input(
        &root(),
        &["check", "--input-format", "markdown", "-"],
        &json_spec,
    );
    assert_eq!(run.status, 1);
    assert!(
        run.stdout.starts_with("-: no error table found"),
        "{}",
        run.stdout
    );

    let run = errtable_with_input(&root(), &["diff", "-", "cli/tests/specs/v2.md"], &v1);
    let from_files = errtable(&["diff", "cli/tests/specs/v1.md", "cli/tests/specs/v2.md"]);
    assert_eq!(run.status, from_files.status);
    assert_eq!(
        run.stdout,
        from_files.stdout.replace("cli/tests/specs/v1.md", "-")
    );

    let run = errtable_with_input(&root(), &["diff", "-", "-"], &v1);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "errtable: error: standard input (`-`) can be named only once\n"
    );
}
