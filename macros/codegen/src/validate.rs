//! Turns raw rows into checked rows, collecting every problem at once.

use crate::model::{Cell, ErrorKind, Problem, RawRow, Retry, Row};
use crate::naming::variant_name;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use unicode_normalization::UnicodeNormalization;

/// The rows of one spec file as read, with the name that file goes by.
pub struct FileRows<'a> {
    pub file: &'a str,
    pub rows: Vec<RawRow>,
}

/// Checks every row of every file (in order) and the table as a whole:
/// codes and variant names must be unique across all files, and no variant
/// may take `reserved`, the name of the variant for unknown codes.
/// Rows with problems are left out, so the valid rest can still be expanded.
pub fn check(files: &[FileRows<'_>], reserved: &str) -> (Vec<Row>, Vec<Problem>) {
    let mut rows: Vec<Row> = Vec::new();
    let mut problems = Vec::new();
    // Index of the row that took each code and each variant name: a table
    // of 20,000 rows must not cost 20,000² comparisons.
    let mut taken = Taken::default();
    for file in files {
        for raw in &file.rows {
            let mut report = |cell: &Cell, message: String| {
                problems.push(Problem::at(file.file, cell.pos, message));
            };
            let code = check_code(&raw.code).map_err(|m| report(&raw.code, m));
            let status = parse_status(&raw.status.text).map_err(|m| report(&raw.status, m));
            let error_type =
                parse_error_type(&raw.error_type.text).map_err(|m| report(&raw.error_type, m));
            let retry = match &raw.retryable {
                Some(cell) if !cell.text.is_empty() => parse_retry(&cell.text)
                    .map(Some)
                    .map_err(|m| report(cell, m)),
                _ => Ok(None),
            };
            let (Ok(code), Ok(status), Ok(error_type), Ok(retry)) =
                (code, status, error_type, retry)
            else {
                continue;
            };
            let row = Row {
                variant: variant_name(code),
                code: code.to_owned(),
                description: raw
                    .description
                    .as_ref()
                    .map(|d| d.text.clone())
                    .unwrap_or_default(),
                status,
                error_type,
                retry,
                file: file.file.to_owned(),
                pos: raw.code.pos,
            };
            if let Some(problem) = taken.clash(&rows, &row, reserved) {
                problems.push(problem);
                continue;
            }
            taken.codes.insert(row.code.clone(), rows.len());
            taken.variants.insert(row.variant.clone(), rows.len());
            rows.push(row);
        }
    }
    (rows, problems)
}

#[derive(Default)]
struct Taken {
    codes: HashMap<String, usize, BuildHasherDefault<Fnv>>,
    variants: HashMap<String, usize, BuildHasherDefault<Fnv>>,
}

/// FNV-1a for the indexes: the keys are the spec's own codes, so SipHash's
/// resistance to chosen keys buys nothing, and in a macro built at
/// opt-level 0 it costs most of the check.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(crate::lookup::FNV_OFFSET)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = crate::lookup::fnv1a(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Taken {
    /// The problem with a row whose code or variant name is already taken.
    fn clash(&self, rows: &[Row], row: &Row, reserved: &str) -> Option<Problem> {
        clash(
            self.codes.get(&row.code).map(|&i| &rows[i]),
            self.variants.get(&row.variant).map(|&i| &rows[i]),
            row,
            reserved,
        )
    }
}

fn clash(
    same_code: Option<&Row>,
    same_variant: Option<&Row>,
    row: &Row,
    reserved: &str,
) -> Option<Problem> {
    let message = if let Some(first) = same_code {
        format!(
            "duplicate code `{}`: first defined at {}",
            row.code,
            first.location()
        )
    } else if let Some(first) = same_variant {
        let normal_form = if is_nfc(&row.code) && is_nfc(&first.code) {
            ""
        } else {
            " (Rust reads names in Unicode normal form C)"
        };
        format!(
            "codes `{}` and `{}` (at {}) would both become the variant `{}`{normal_form}; rename one of them",
            shown(&row.code),
            shown(&first.code),
            first.location(),
            row.variant
        )
    } else if row.variant == reserved {
        format!(
            "code `{}` would become the variant `{reserved}`, which holds codes not in the table; \
             choose another name for that variant with `unknown = \"...\"`",
            row.code
        )
    } else {
        return None;
    };
    Some(Problem::at(&row.file, row.pos, message))
}

fn is_nfc(code: &str) -> bool {
    code.nfc().eq(code.chars())
}

/// A code as messages show it: as written, unless it is not in normal
/// form C, when its non-ASCII characters are spelled out (`Cafe\u{301}`),
/// since it would look the same as its normal form.
fn shown(code: &str) -> String {
    if is_nfc(code) {
        return code.to_owned();
    }
    code.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                c.escape_unicode().to_string()
            }
        })
        .collect()
}

fn check_code(cell: &Cell) -> Result<&str, String> {
    let code = cell.text.as_str();
    if code.is_empty() {
        return Err("empty code".to_owned());
    }
    // Clients cut codes at `:` and `#` (`ns#Code:url`), and a code travels in
    // the `x-amzn-ErrorType` header: such a code could never round-trip.
    if let Some(bad) = code
        .chars()
        .find(|&c| c == ':' || c == '#' || c.is_whitespace() || c.is_control())
    {
        let named = if bad.is_ascii() {
            format!("{bad:?}")
        } else {
            format!("{bad:?} (U+{:04X})", u32::from(bad))
        };
        return Err(format!(
            "code `{}` contains {named}, which clients strip or cannot carry in a header",
            code.escape_debug(),
        ));
    }
    Ok(code)
}

/// `404`, `404 Not Found`: a number in 100..=599, optionally followed by the
/// reason phrase.
pub fn parse_status(text: &str) -> Result<u16, String> {
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, rest) = text.split_at(digits_end);
    let status = if digits.is_empty() || !(rest.is_empty() || rest.starts_with(' ')) {
        None
    } else {
        digits
            .parse::<u16>()
            .ok()
            .filter(|s| (100..=599).contains(s))
    };
    status.ok_or_else(|| {
        if text.is_empty() {
            "missing HTTP status code".to_owned()
        } else {
            format!(
                "bad HTTP status `{}`: expected a number in 100..=599, like `404 Not Found`",
                text.escape_debug()
            )
        }
    })
}

pub fn parse_error_type(text: &str) -> Result<ErrorKind, String> {
    match text.to_ascii_lowercase().as_str() {
        "client" => Ok(ErrorKind::Client),
        "server" => Ok(ErrorKind::Server),
        "unknown" => Ok(ErrorKind::Unknown),
        "" => Err("missing type: expected Client, Server or Unknown".to_owned()),
        _ => Err(format!(
            "unknown type `{}`: expected Client, Server or Unknown",
            text.escape_debug()
        )),
    }
}

pub fn parse_retry(text: &str) -> Result<Retry, String> {
    match text.to_ascii_lowercase().as_str() {
        "throttling" => Ok(Retry::Throttling),
        "transient" => Ok(Retry::Transient),
        "no" | "never" => Ok(Retry::NotRetryable),
        _ => Err(format!(
            "unknown retry class `{}`: expected Throttling, Transient or No (or leave it empty for the default)",
            text.escape_debug()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;

    fn cell(text: &str, line: usize) -> Cell {
        Cell {
            text: text.to_owned(),
            pos: Pos { line, col: 3 },
        }
    }

    fn raw(code: &str, status: &str, ty: &str, line: usize) -> RawRow {
        RawRow {
            pos: Pos { line, col: 1 },
            code: cell(code, line),
            status: cell(status, line),
            error_type: cell(ty, line),
            description: None,
            retryable: None,
        }
    }

    #[test]
    fn statuses() {
        assert_eq!(parse_status("403 Forbidden"), Ok(403));
        assert_eq!(parse_status("599"), Ok(599));
        assert!(parse_status("600").is_err());
        assert!(parse_status("99").is_err());
        assert!(parse_status("abc").is_err());
        assert!(parse_status("40x").is_err());
        assert!(parse_status("99999999999999999999").is_err());
        assert!(parse_status("").is_err());
    }

    #[test]
    fn reports_all_problems_and_keeps_valid_rows() {
        let files = [FileRows {
            file: "t.md",
            rows: vec![
                raw("A", "400", "Client", 3),
                raw("A", "400", "Client", 4),
                raw("", "700", "Nope", 5),
                raw("a", "400", "client", 6),
                raw("Unknown", "500", "Server", 7),
            ],
        }];
        let (rows, problems) = check(&files, "Unknown");
        assert_eq!(rows.len(), 1);
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            text,
            [
                "t.md:4:3: duplicate code `A`: first defined at t.md:3",
                "t.md:5:3: empty code",
                "t.md:5:3: bad HTTP status `700`: expected a number in 100..=599, like `404 Not Found`",
                "t.md:5:3: unknown type `Nope`: expected Client, Server or Unknown",
                "t.md:6:3: codes `a` and `A` (at t.md:3) would both become the variant `A`; rename one of them",
                "t.md:7:3: code `Unknown` would become the variant `Unknown`, which holds codes not in the table; choose another name for that variant with `unknown = \"...\"`",
            ]
        );
    }
}
