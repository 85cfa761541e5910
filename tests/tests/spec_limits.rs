//! The spec catalogue, part 2: inputs too big to commit or impossible to
//! commit (10,000 rows, a 5 MiB description, a non-UTF-8 file written at
//! run time, a directory, pathological Markdown), generated under
//! `CARGO_TARGET_TMPDIR` and read with the plain pipeline functions the
//! derive and the CLI share. Each must give the right rows or a precise
//! problem, in bounded time (the bounds catch hangs and quadratic blowups,
//! not slowness: debug builds on a loaded machine are slow).

use errtable_codegen::Spec;
use errtable_codegen::SpecPath;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A fresh scratch directory for this test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("spec_limits")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `file` into `dir` and loads it as the derive does, timed.
fn load(dir: &Path, file: &str, bytes: &[u8], limit: Duration) -> Spec {
    std::fs::write(dir.join(file), bytes).unwrap();
    let start = Instant::now();
    let loaded = errtable_codegen::load(&[SpecPath::resolve(dir, file)], "Unknown");
    let took = start.elapsed();
    eprintln!("{file}: {} bytes read in {took:?}", bytes.len());
    assert!(took < limit, "{file} took {took:?}");
    loaded
}

const HEADER: &str =
    "| Code | Description | HTTP Status Code | Type |\n| --- | --- | --- | --- |\n";

#[test]
fn ten_thousand_rows_in_each_format() {
    let dir = scratch("rows");
    let mut markdown = String::from(HEADER);
    let mut json = String::from("{\"errors\": [\n");
    for i in 0..10_000 {
        let (status, kind) = if i % 3 == 0 {
            (503, "Server")
        } else {
            (400, "Client")
        };
        markdown.push_str(&format!("| Error{i:05} | Row {i}. | {status} | {kind} |\n"));
        let comma = if i == 9_999 { "" } else { "," };
        json.push_str(&format!(
            "{{\"code\": \"Error{i:05}\", \"status\": {status}, \"type\": \"{kind}\", \"description\": \"Row {i}.\"}}{comma}\n"
        ));
    }
    json.push_str("]}\n");
    for (file, text) in [("rows.md", markdown), ("rows.json", json)] {
        let loaded = load(&dir, file, text.as_bytes(), Duration::from_secs(20));
        assert!(loaded.problems.is_empty(), "{:?}", &loaded.problems[..1]);
        assert_eq!(loaded.rows.len(), 10_000);
        let last = &loaded.rows[9_999];
        assert_eq!(
            (last.code.as_str(), last.status, last.description.as_str()),
            ("Error09999", 503, "Row 9999.")
        );
        assert_eq!(loaded.rows[1].variant, "Error00001");
    }
    // One bad row among 10,000 is found, at its line.
    let mut text = String::from(HEADER);
    for i in 0..10_000 {
        let status = if i == 7_777 { "4000" } else { "400" };
        text.push_str(&format!("| E{i} | d | {status} | Client |\n"));
    }
    let loaded = load(&dir, "one_bad.md", text.as_bytes(), Duration::from_secs(20));
    let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        ["one_bad.md:7780:15: bad HTTP status `4000`: expected a number in 300..=599, like `404` or `404 Not Found`"]
    );
    assert_eq!(loaded.rows.len(), 9_999);
}

#[test]
fn a_five_mib_description_in_each_format() {
    let dir = scratch("big");
    let words = "lorem ipsum dolor sit amet ".repeat(5 * 1024 * 1024 / 27 + 1);
    let description = words.trim_end();
    assert!(description.len() >= 5 * 1024 * 1024);
    let markdown =
        format!("{HEADER}| Big | {description} | 400 | Client |\n| After | d | 404 | Client |\n");
    let json = format!(
        "{{\"errors\": [{{\"code\": \"Big\", \"status\": 400, \"type\": \"Client\", \"description\": \"{description}\"}}]}}"
    );
    for (file, text) in [("big.md", markdown), ("big.json", json)] {
        let loaded = load(&dir, file, text.as_bytes(), Duration::from_secs(30));
        assert!(loaded.problems.is_empty(), "{file}");
        assert_eq!(loaded.rows[0].description, description, "{file}");
    }
}

#[test]
fn files_that_are_not_text_or_not_files() {
    let dir = scratch("files");
    // Invalid UTF-8 on line 3, after 7 characters (one of them two bytes).
    let mut bytes = format!("{HEADER}| Caf\u{e9}X").into_bytes();
    bytes.extend_from_slice(b"\xc3\x28 | 400 | Client |\n");
    let loaded = load(&dir, "latin.md", &bytes, Duration::from_secs(5));
    assert_eq!(
        loaded.problems[0].to_string(),
        "latin.md:3:8: the spec is not valid UTF-8"
    );
    assert!(loaded.rows.is_empty());
    // UTF-16 with its BOM: not UTF-8 from the first byte.
    let utf16: Vec<u8> = "\u{feff}| Code |"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let loaded = load(&dir, "utf16.md", &utf16, Duration::from_secs(5));
    assert_eq!(
        loaded.problems[0].to_string(),
        "utf16.md:1:1: the spec is not valid UTF-8"
    );
    // Binary noise.
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let loaded = load(&dir, "noise.json", &noise, Duration::from_secs(5));
    assert_eq!(loaded.problems.len(), 1);
    assert!(loaded.problems[0].message.contains("not valid UTF-8"));

    std::fs::create_dir_all(dir.join("folder.md")).unwrap();
    let loaded = errtable_codegen::load(&[SpecPath::resolve(&dir, "folder.md")], "Unknown");
    assert_eq!(
        loaded.problems[0].to_string(),
        format!(
            "folder.md: {} is a directory, not a spec file",
            dir.join("folder.md").display()
        )
    );
    let loaded = errtable_codegen::load(&[SpecPath::resolve(&dir, "absent.json")], "Unknown");
    assert!(loaded.problems[0]
        .message
        .starts_with("spec file not found"));
    assert!(loaded.read.is_empty());
}

#[test]
fn pathological_markdown_and_json_end_quickly() {
    let dir = scratch("pathological");
    let n = 50_000;
    let cases: Vec<(&str, String)> = vec![
        ("brackets.md", "[".repeat(n)),
        ("stars.md", "*a".repeat(n)),
        ("backticks.md", "`".repeat(n) + "x"),
        ("quotes.md", ">".repeat(n) + " | Code |"),
        (
            "lists.md",
            (0..2_000)
                .map(|i| format!("{}- x\n", " ".repeat(i)))
                .collect(),
        ),
        ("pipes.md", format!("{HEADER}{}\n", "|".repeat(n))),
        (
            "cells.md",
            format!(
                "| Code | HTTP Status Code | Type |{}\n|-|-|-|{}\n",
                " x |".repeat(n),
                "-|".repeat(n)
            ),
        ),
        ("links.md", "[a](".repeat(n)),
        ("html.md", "<a ".repeat(n)),
        ("entities.md", "&#".repeat(n)),
        ("deep.json", "[".repeat(100_000)),
        ("deep_objects.json", "{\"a\":".repeat(100_000)),
        (
            "long_string.json",
            format!("{{\"errors\": \"{}", "\\u00e9".repeat(n)),
        ),
    ];
    for (file, text) in cases {
        let loaded = load(&dir, file, text.as_bytes(), Duration::from_secs(20));
        assert!(loaded.rows.is_empty(), "{file}");
        assert_eq!(loaded.problems.len(), 1, "{file}: {:?}", loaded.problems);
    }
}
