//! The generated lookup itself, on tables of real AWS error codes
//! (`specs/realistic/`, from botocore's models and EC2's documented codes):
//! every code finds its own row, and no near miss finds any. The 200-row
//! table is looked up with a `match`, the 2,000-row one with the perfect
//! hash; both are checked through the public API, as users reach them.

use errtable::{ErrorTable, ErrorType, Exception};

#[derive(ErrorTable)]
#[error_table(spec = "specs/realistic/aws-200.json")]
pub struct Aws200;

#[derive(ErrorTable)]
#[error_table(spec = "specs/realistic/aws-2000.json")]
pub struct Aws2000;

/// The rows of a spec as written: code, status and type.
fn rows(file: &str) -> Vec<(String, u16, ErrorType)> {
    let path = format!("{}/specs/realistic/{file}", env!("CARGO_MANIFEST_DIR"));
    let spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    spec["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["code"].as_str().unwrap().to_owned(),
                u16::try_from(row["status"].as_u64().unwrap()).unwrap(),
                row["type"].as_str().unwrap().parse().unwrap(),
            )
        })
        .collect()
}

/// Codes one edit away from `code`: the last byte changed, one byte more,
/// one byte less, the case of each letter flipped in turn, and
/// `Exception` and `Fault` swapped.
fn near_misses(code: &str) -> Vec<String> {
    let mut misses = Vec::new();
    let mut last_changed = code.to_owned();
    let last = last_changed.pop().unwrap();
    last_changed.push(if last == 'x' { 'y' } else { 'x' });
    misses.push(last_changed);
    misses.push(format!("{code}s"));
    misses.push(code[..code.len() - 1].to_owned());
    misses.push(code[1..].to_owned());
    for (at, ch) in code.char_indices().filter(|(_, c)| c.is_ascii_alphabetic()) {
        let flipped = if ch.is_ascii_uppercase() {
            ch.to_ascii_lowercase()
        } else {
            ch.to_ascii_uppercase()
        };
        misses.push(format!("{}{flipped}{}", &code[..at], &code[at + 1..]));
    }
    if let Some(stem) = code.strip_suffix("Exception") {
        misses.push(format!("{stem}Fault"));
    }
    if let Some(stem) = code.strip_suffix("Fault") {
        misses.push(format!("{stem}Exception"));
    }
    misses
}

fn check<E: Exception>(all: &[E], file: &str) {
    let rows = rows(file);
    assert_eq!(all.len(), rows.len());
    let codes: std::collections::HashSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let mut misses = 0;
    for ((code, status, error_type), exception) in rows.iter().zip(all) {
        let found = E::from_code(code);
        assert!(found.is_known(), "{code} not found");
        assert_eq!(&found, exception, "{code}");
        assert_eq!(
            (found.code(), found.status(), found.error_type()),
            (code.as_str(), *status, *error_type)
        );
        for miss in near_misses(code) {
            if codes.contains(miss.as_str()) {
                continue; // Another row of the table: found above.
            }
            let got = E::from_code(&miss);
            assert!(!got.is_known(), "{miss:?} (from {code}) found {got:?}");
            assert_eq!(got.code(), miss);
            misses += 1;
        }
    }
    assert!(misses > rows.len() * 20, "{misses} near misses");
}

#[test]
fn every_code_of_200_finds_its_row_and_no_near_miss_does() {
    check(Aws200Exception::ALL, "aws-200.json");
}

#[test]
fn every_code_of_2000_finds_its_row_and_no_near_miss_does() {
    check(Aws2000Exception::ALL, "aws-2000.json");
}

#[test]
fn codes_of_one_table_are_unknown_to_the_other() {
    let only_in_big = rows("aws-2000.json")
        .into_iter()
        .filter(|(code, ..)| !Aws200Exception::from_code(code).is_known())
        .count();
    assert!(only_in_big > 1_800, "{only_in_big}");
    for (code, ..) in rows("aws-200.json") {
        if !rows("aws-2000.json").iter().any(|r| r.0 == code) {
            assert!(!Aws2000Exception::from_code(&code).is_known(), "{code}");
        }
    }
}

#[test]
fn lookup_finds_the_tables_codes_and_nothing_else() {
    use errtable::Exception;
    for exception in Aws200Exception::ALL {
        assert_eq!(
            Aws200Exception::lookup(exception.code()).as_ref(),
            Some(exception)
        );
    }
    assert_eq!(Aws200Exception::lookup("NoSuchCodeAnywhere"), None);
    assert_eq!(Aws200Exception::lookup(""), None);
}
