//! Bounded, seeded property test of the spec readers as plain functions
//! (the same ones the derive and the CLI call): every spec file in the
//! repository, damaged at random, is read and checked without a panic or
//! a hang; every row that passes makes a valid Rust identifier; and the
//! JSON parser accepts exactly what serde_json accepts. cargo-fuzz runs
//! the same properties unbounded (`fuzz/`, see RELIABILITY.md).

use errtable_codegen::Problem;
use std::path::Path;
use std::time::{Duration, Instant};

use errtable_tests::rng::Rng;

/// Every spec file of the repository: the seed, the test specs, the
/// catalogue (good and bad), with their names.
fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("../spec"),
        root.join("specs"),
        root.join("specs/catalogue"),
        root.join("ui/specs"),
        root.join("ui/specs/catalogue"),
        root.join("../cli/tests/specs"),
    ];
    let mut files = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if let Ok(text) = std::fs::read_to_string(&path) {
                files.push((
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    text,
                ));
            }
        }
    }
    files
}

/// Pieces that matter to the readers: table syntax, escapes, entities,
/// code spans, line endings, JSON punctuation and escapes.
const PIECES: [&str; 24] = [
    "|", "\\|", "`", "\\", "&#124;", "&amp;", "\r\n", "\n", "\t", "\u{feff}", "<br>", "[", "](",
    "| --- |", "\"", "\\u", "\\ud800", "{", "}", "[", "]", ",", ":", "\u{301}",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut out = text.to_owned();
    for _ in 0..1 + rng.below(3) {
        let mut at = rng.below(out.len() + 1);
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(4) {
            0 => {
                let mut end = (at + rng.below(12)).min(out.len());
                while !out.is_char_boundary(end) {
                    end -= 1;
                }
                out.replace_range(at..end, "");
            }
            1 => {
                let mut end = (at + rng.below(40)).min(out.len());
                while !out.is_char_boundary(end) {
                    end -= 1;
                }
                let copy = out[at..end].to_owned();
                out.insert_str(at, &copy);
            }
            _ => out.insert_str(at, PIECES[rng.below(PIECES.len())]),
        }
    }
    out
}

/// Reads `text` as the derive would, and checks what came out.
fn read_and_check(name: &str, text: &str) -> Result<usize, Vec<Problem>> {
    let start = Instant::now();
    let spec = errtable_codegen::read(name, text);
    for row in &spec.rows {
        // Panics unless the name is a valid identifier.
        let _ = proc_macro2::Ident::new(&row.variant, proc_macro2::Span::call_site());
        assert!(!row.code.is_empty() && (300..=599).contains(&row.status));
    }
    let result = if spec.problems.is_empty() {
        Ok(spec.rows.len())
    } else {
        Err(spec.problems)
    };
    if let Err(problems) = &result {
        for problem in problems {
            assert_eq!(problem.file(), Some(name));
            if let Some(pos) = problem.pos() {
                assert!(pos.line >= 1 && pos.col >= 1, "{problem}");
                assert!(pos.line <= text.lines().count().max(1) + 1, "{problem}");
            }
        }
    }
    let took = start.elapsed();
    assert!(took < Duration::from_secs(5), "{name} took {took:?}");
    result
}

#[test]
fn damaged_specs_never_panic_or_hang() {
    let corpus = corpus();
    assert!(corpus.len() >= 60, "{}", corpus.len());
    let mut rng = Rng(4);
    let (mut read, mut refused) = (0, 0);
    for round in 0..10_000 {
        let (name, text) = &corpus[round % corpus.len()];
        let damaged = mutate(&mut rng, text);
        match read_and_check(name, &damaged) {
            Ok(_) => read += 1,
            Err(_) => refused += 1,
        }
    }
    assert!(
        read > 100 && refused > 300,
        "{read} read, {refused} refused"
    );
}

/// A random JSON-ish document from JSON's tokens.
fn json_ish(rng: &mut Rng) -> String {
    const TOKENS: [&str; 22] = [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"a\"",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\q\"",
        "0",
        "-1.5e3",
        "01",
        "1.",
        "true",
        "nul",
        "null",
        " ",
        "\"",
        "\\",
        "1e999",
    ];
    (0..rng.below(12))
        .map(|_| TOKENS[rng.below(TOKENS.len())])
        .collect()
}

#[test]
fn the_json_parser_accepts_what_serde_json_accepts() {
    let mut rng = Rng(5);
    let (mut valid, mut invalid) = (0, 0);
    for _ in 0..30_000 {
        let text = json_ish(&mut rng);
        let ours = parses(&text);
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(_) => {
                valid += 1;
                assert!(ours, "{text:?}");
            }
            // Out of f64's range: serde_json refuses, the spec reader keeps
            // the digits as written (a status is checked for its range).
            Err(err) if err.to_string().contains("number out of range") => {}
            Err(err) => {
                invalid += 1;
                assert!(!ours, "{text:?}: serde_json says {err}");
            }
        }
    }
    assert!(
        valid > 500 && invalid > 1_000,
        "{valid} valid, {invalid} invalid"
    );
}

/// Whether the JSON spec reader takes `text` for JSON (whatever it then
/// finds wrong with it as a spec).
fn parses(text: &str) -> bool {
    !errtable_codegen::json::read("t.json", text)
        .problems
        .iter()
        .any(|p| p.message.starts_with("invalid JSON"))
}
