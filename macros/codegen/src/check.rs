//! Turns raw rows into checked rows. Every cell of every row is checked,
//! whatever else is wrong with the row, so one problem never hides another.

use crate::ctxt::Ctxt;
use crate::naming::variant_name;
use crate::table::{Cell, Problem, RawRow, Row};
use errtable_shared::{ErrorType, GrpcCode, RetryKind};
use std::collections::HashMap;

/// Checks every row of every file (in order) and the table as a whole:
/// variant names must be unique, and no variant may take `reserved`, the
/// name of the variant for unknown codes. Rows with problems are left out,
/// so the valid rest can still be expanded.
///
/// A code may appear several times (in several files, or several tables of
/// one document) as long as its definitions agree: the first row is kept,
/// and what it leaves empty (the description, the retry class, the query
/// code, the reason, the gRPC code) the later ones fill in. Another status
/// or type, or another retry class, query code, reason or gRPC code where
/// both rows give one, is a conflict at the later row with the place of the
/// first: returned beside the rows, since a derive that leaves the code out
/// has no problem with it.
///
/// Reasons (Google's `ErrorInfo.reason`) are unique in a table: a row's
/// `Reason` that another row has (its own, or the one its code gives) is
/// reported at the later of the two, which is left out; see
/// [`unique_reasons`].
pub(crate) fn rows(
    files: &[(&str, Vec<RawRow>)],
    reserved: &str,
    ctxt: &Ctxt,
) -> (Vec<Row>, Vec<Conflict>) {
    let mut rows: Vec<Row> = Vec::new();
    let mut conflicts = Vec::new();
    // The row that took each code and each variant name.
    let mut codes: HashMap<String, usize> = HashMap::new();
    let mut variants: HashMap<String, usize> = HashMap::new();
    for (file, raw_rows) in files {
        for raw in raw_rows {
            let Some(row) = row(file, raw, ctxt) else {
                continue;
            };
            if let Some(&first) = codes.get(&row.code) {
                if let Err(message) = merge(&mut rows[first], &row) {
                    conflicts.push(Conflict {
                        code: row.code.clone(),
                        problem: Problem::at(&row.file, row.pos, message),
                    });
                }
                continue;
            }
            let same_variant = variants.get(&row.variant).map(|&i| &rows[i]);
            if let Some(problem) = clash(same_variant, &row, reserved) {
                ctxt.push(problem);
                continue;
            }
            codes.insert(row.code.clone(), rows.len());
            variants.insert(row.variant.clone(), rows.len());
            rows.push(row);
        }
    }
    (unique_reasons(rows, ctxt), conflicts)
}

/// Two rows of one code that disagree: a problem for a derive that keeps
/// the code.
#[derive(Clone, Debug)]
pub(crate) struct Conflict {
    pub code: String,
    pub problem: Problem,
}

/// Leaves out, and reports, each row whose reason another row before it
/// has, where either of the two gives it in a `Reason` column: AIP-193
/// makes a reason unique in its domain. Two reasons derived from codes may
/// be the same (`ShelfEmpty` and `SHELF_EMPTY`), since tables written before
/// reasons must keep deriving: the first row answers to it.
fn unique_reasons(rows: Vec<Row>, ctxt: &Ctxt) -> Vec<Row> {
    if rows.iter().all(|row| row.reason.is_none()) {
        return rows;
    }
    // The first row kept with each reason, by its index in `kept`.
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut kept: Vec<Row> = Vec::with_capacity(rows.len());
    for row in rows {
        let reason = row.effective_reason().into_owned();
        if let Some(&first) = taken.get(&reason) {
            let first = &kept[first];
            if row.reason.is_some() || first.reason.is_some() {
                ctxt.push(Problem::at(
                    &row.file,
                    row.pos,
                    reason_taken(&row, first, &reason),
                ));
                continue;
            }
        } else {
            taken.insert(reason, kept.len());
        }
        kept.push(row);
    }
    kept
}

/// Why `row` cannot have `reason`, which `first` has.
fn reason_taken(row: &Row, first: &Row, reason: &str) -> String {
    let theirs = if first.reason.is_some() {
        format!("the Reason of `{}`", first.code.escape_debug())
    } else {
        format!(
            "the reason `{}` gets from its code",
            first.code.escape_debug()
        )
    };
    let ours = if row.reason.is_some() {
        format!("reason `{reason}`")
    } else {
        format!(
            "the reason of `{}` (from its code), `{reason}`,",
            row.code.escape_debug()
        )
    };
    format!(
        "{ours} is {theirs} (at {}): reasons are unique in a table (AIP-193); give one of the two rows another `Reason`",
        first.location()
    )
}

/// Folds `later` into `first`, two rows of one code: what `first` leaves
/// empty, `later` fills in. The error says how they conflict.
fn merge(first: &mut Row, later: &Row) -> Result<(), String> {
    let (mut here, mut there) = (Vec::new(), Vec::new());
    if first.status != later.status {
        here.push(format!("status {}", later.status));
        there.push(format!("status {}", first.status));
    }
    if first.error_type != later.error_type {
        here.push(format!("type {}", later.error_type));
        there.push(format!("type {}", first.error_type));
    }
    if let (Some(later_retry), Some(first_retry)) = (later.retry, first.retry) {
        if later_retry != first_retry {
            here.push(format!("retry class {later_retry}"));
            there.push(format!("retry class {first_retry}"));
        }
    }
    if let (Some(later_query), Some(first_query)) = (&later.query_code, &first.query_code) {
        if later_query != first_query {
            here.push(format!("query code `{later_query}`"));
            there.push(format!("query code `{first_query}`"));
        }
    }
    if let (Some(later_id), Some(first_id)) = (&later.shape_id, &first.shape_id) {
        if later_id != first_id {
            here.push(format!("shape `{later_id}`"));
            there.push(format!("shape `{first_id}`"));
        }
    }
    if let (Some(later_status), Some(first_status)) = (later.query_status, first.query_status) {
        if later_status != first_status {
            here.push(format!("query status {later_status}"));
            there.push(format!("query status {first_status}"));
        }
    }
    if let (Some(later_reason), Some(first_reason)) = (&later.reason, &first.reason) {
        if later_reason != first_reason {
            here.push(format!("reason `{later_reason}`"));
            there.push(format!("reason `{first_reason}`"));
        }
    }
    if let (Some(later_grpc), Some(first_grpc)) = (later.grpc_code, first.grpc_code) {
        if later_grpc != first_grpc {
            here.push(format!("gRPC code {later_grpc}"));
            there.push(format!("gRPC code {first_grpc}"));
        }
    }
    if !here.is_empty() {
        return Err(format!(
            "conflicting definitions of code `{}`: {} here, {} at {}; make the files agree, or leave the code out with `except({})`",
            later.code,
            crate::text::joined(&here, ", "),
            crate::text::joined(&there, ", "),
            first.location(),
            selector(&later.code),
        ));
    }
    if first.description.is_empty() {
        first.description.clone_from(&later.description);
    }
    first.retry = first.retry.or(later.retry);
    if first.query_code.is_none() {
        first.query_code.clone_from(&later.query_code);
    }
    first.query_status = first.query_status.or(later.query_status);
    if first.shape_id.is_none() {
        first.shape_id.clone_from(&later.shape_id);
    }
    if first.title.is_none() {
        first.title.clone_from(&later.title);
    }
    if first.reason.is_none() {
        first.reason.clone_from(&later.reason);
    }
    first.grpc_code = first.grpc_code.or(later.grpc_code);
    if first.members.is_empty() {
        first.members.clone_from(&later.members);
    }
    Ok(())
}

/// How `except(...)` names a code: bare when it is an identifier.
fn selector(code: &str) -> String {
    if variant_name(code) == code {
        code.to_owned()
    } else {
        format!("{code:?}")
    }
}

/// The checked row, if every cell is valid; each invalid cell is reported.
fn row(file: &str, raw: &RawRow, ctxt: &Ctxt) -> Option<Row> {
    let checked = |cell: &Option<Cell>, parse: &dyn Fn(&str) -> Result<(), String>| {
        if let Some(cell) = cell {
            if let Err(message) = parse(&cell.text) {
                ctxt.at(file, cell.pos, message);
            }
        }
    };
    checked(&raw.code, &|text| check_code(text).map(drop));
    checked(&raw.status, &|text| parse_status(text).map(drop));
    checked(&raw.error_type, &|text| parse_error_type(text).map(drop));
    checked(&raw.retryable, &|text| parse_retry(text).map(drop));
    checked(&raw.query_code, &|text| check_query_code(text).map(drop));
    checked(&raw.query_status, &|text| {
        parse_query_status(text).map(drop)
    });
    checked(&raw.grpc_code, &|text| parse_grpc_code(text).map(drop));
    checked(&raw.reason, &|text| {
        let code = raw.code.as_ref().map_or("", |cell| cell.text.as_str());
        check_reason(text, code).map(drop)
    });
    if let Some(code) = &raw.code {
        checked(&raw.shape_id, &|text| {
            check_shape_id(text, &code.text).map(drop)
        });
    }

    let code = check_code(&raw.code.as_ref()?.text).ok()?;
    let status = parse_status(&raw.status.as_ref()?.text).ok()?;
    let error_type = match &raw.error_type {
        Some(cell) => parse_error_type(&cell.text).ok()?,
        None => None,
    };
    let retry = match &raw.retryable {
        Some(cell) => parse_retry(&cell.text).ok()?,
        None => None,
    };
    let query_code = match &raw.query_code {
        Some(cell) => check_query_code(&cell.text).ok()?,
        None => None,
    };
    let query_status = match &raw.query_status {
        Some(cell) => parse_query_status(&cell.text).ok()?,
        None => None,
    };
    let title = raw
        .title
        .as_ref()
        .map(|cell| crate::text::collapse_whitespace(&cell.text))
        .filter(|title| !title.is_empty());
    let shape_id = match &raw.shape_id {
        Some(cell) => check_shape_id(&cell.text, code).ok()?,
        None => None,
    };
    let grpc_code = match &raw.grpc_code {
        Some(cell) => parse_grpc_code(&cell.text).ok()?,
        None => None,
    };
    let reason = match &raw.reason {
        Some(cell) => check_reason(&cell.text, code).ok()?,
        None => None,
    };
    if raw.faulty {
        return None;
    }
    Some(Row {
        variant: variant_name(code),
        code: code.to_owned(),
        description: raw
            .description
            .as_ref()
            .map(|d| d.text.clone())
            .unwrap_or_default(),
        status,
        error_type: error_type.unwrap_or(ErrorType::from_status(status)),
        retry,
        query_code: query_code.map(str::to_owned),
        // The status itself says nothing more.
        query_status: query_status.filter(|&query_status| query_status != status),
        shape_id: shape_id.map(str::to_owned),
        title,
        reason: reason.map(str::to_owned),
        grpc_code,
        members: raw.members.clone(),
        file: file.to_owned(),
        pos: raw.code.as_ref().map_or(raw.pos, |cell| cell.pos),
    })
}

/// The problem with a row whose variant name is already taken.
fn clash(same_variant: Option<&Row>, row: &Row, reserved: &str) -> Option<Problem> {
    let message = if let Some(first) = same_variant {
        format!(
            "codes `{}` and `{}` (at {}) would both become the variant `{}`; rename one of them",
            row.code.escape_debug(),
            first.code.escape_debug(),
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

fn check_code(code: &str) -> Result<&str, String> {
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

/// An empty cell: the query protocol sends the code itself. A query code
/// travels in a header, so it obeys the rules of codes.
fn check_query_code(text: &str) -> Result<Option<&str>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    check_code(text)
        .map(Some)
        .map_err(|message| format!("query {message}"))
}

/// An empty cell: no shape id. Otherwise `namespace#Code`, the row's code
/// after the `#` (a Smithy shape id, as RPC v2 CBOR sends it).
fn check_shape_id<'t>(text: &'t str, code: &str) -> Result<Option<&'t str>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let namespace = text
        .strip_suffix(code)
        .and_then(|rest| rest.strip_suffix('#'))
        .filter(|ns| {
            !ns.is_empty()
                && ns.split('.').all(|part| {
                    part.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                        && crate::text::every(part, |b| b.is_ascii_alphanumeric() || b == b'_')
                })
        });
    match namespace {
        Some(_) => Ok(Some(text)),
        None => Err(format!(
            "shape id `{}` is not `namespace#{code}`: a Smithy namespace, `#`, then the code",
            text.escape_debug()
        )),
    }
}

/// An empty cell: the reason derived from `code`. Otherwise a reason as
/// AIP-193 has them; the message of one that is not offers it cleaned up.
fn check_reason<'t>(text: &'t str, code: &str) -> Result<Option<&'t str>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    if errtable_shared::is_valid_reason(text) {
        return Ok(Some(text));
    }
    let cleaned = errtable_shared::reason_from_code(text);
    let derived = errtable_shared::reason_from_code(code);
    let instead = if cleaned == derived {
        format!("write `{cleaned}`, or leave the cell empty: the code gives that reason")
    } else {
        format!(
            "write `{cleaned}`, say, or leave the cell empty for the reason the code gives, `{derived}`"
        )
    };
    Err(format!(
        "reason `{}` is not one AIP-193 allows: `[A-Z][A-Z0-9_]+[A-Z0-9]` (upper-case letters, digits and `_`, from a letter to a letter or digit), at most {} characters; {instead}",
        text.escape_debug(),
        errtable_shared::MAX_REASON_LEN,
    ))
}

/// An empty cell: the query protocols send the status. Otherwise a status,
/// as the status column takes it.
fn parse_query_status(text: &str) -> Result<Option<u16>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    parse_status(text)
        .map(Some)
        .map_err(|message| format!("query {message}"))
}

/// An empty cell: the code the HTTP status maps to. Otherwise gRPC's name
/// (`NOT_FOUND`) or tonic's (`NotFound`); never `OK`, which is no error.
pub(crate) fn parse_grpc_code(text: &str) -> Result<Option<GrpcCode>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|err: errtable_shared::ParseGrpcCodeError| err.to_string())
}

/// `404`, `404 Not Found`: a number in 300..=599, optionally followed by
/// the reason phrase. Statuses below 300 report success or progress, not an
/// error: clients would not read the response as one.
fn parse_status(text: &str) -> Result<u16, String> {
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, rest) = text.split_at(digits_end);
    if text.is_empty() {
        return Err("missing HTTP status code".to_owned());
    }
    let status = if digits.is_empty() || !(rest.is_empty() || rest.starts_with(' ')) {
        None
    } else {
        digits
            .parse::<u16>()
            .ok()
            .filter(|s| (100..=599).contains(s))
    };
    match status {
        Some(status @ 300..) => Ok(status),
        Some(status) => Err(format!(
            "HTTP status {status} is not an error status: an error row needs one in 300..=599"
        )),
        None => Err(format!(
            "bad HTTP status `{}`: expected a number in 300..=599, like `404` or `404 Not Found`",
            text.escape_debug()
        )),
    }
}

/// An empty cell leaves the type to the status.
fn parse_error_type(text: &str) -> Result<Option<ErrorType>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    ErrorType::ALL
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(text))
        .map(Some)
        .ok_or_else(|| {
            format!(
                "unknown type `{}`: expected Client, Server or Unknown (or leave it empty: 5xx is Server, others Client)",
                text.escape_debug()
            )
        })
}

/// An empty cell leaves the class to [`RetryKind::classify`]. `No` and
/// `Never` read as `NotRetryable`, as tables tend to write it.
fn parse_retry(text: &str) -> Result<Option<RetryKind>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    if ["no", "never"]
        .iter()
        .any(|no| no.eq_ignore_ascii_case(text))
    {
        return Ok(Some(RetryKind::NotRetryable));
    }
    RetryKind::ALL
        .into_iter()
        .find(|kind| kind.as_str().eq_ignore_ascii_case(text))
        .map(Some)
        .ok_or_else(|| {
            format!(
                "unknown retry class `{}`: expected Throttling, Transient or NotRetryable (or No; leave it empty for the default)",
                text.escape_debug()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Pos;

    #[allow(
        clippy::unnecessary_wraps,
        reason = "a raw row's cells are optional; the cells made here are present"
    )]
    fn cell(text: &str, line: usize) -> Option<Cell> {
        Some(Cell {
            text: text.to_owned(),
            pos: Pos { line, col: 3 },
        })
    }

    /// The problems collected, as the derive reports them.
    fn texts(ctxt: Ctxt) -> Vec<String> {
        ctxt.into_problems()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn raw(code: &str, status: &str, ty: &str, line: usize) -> RawRow {
        RawRow {
            pos: Pos { line, col: 1 },
            code: cell(code, line),
            status: cell(status, line),
            error_type: cell(ty, line),
            description: None,
            retryable: None,
            query_code: None,
            query_status: None,
            shape_id: None,
            title: None,
            reason: None,
            grpc_code: None,
            members: Vec::new(),
            faulty: false,
        }
    }

    /// Two files that define one code must agree on each fact both give;
    /// where they agree, or only one gives it, the code is kept once.
    #[test]
    fn files_must_agree_on_each_fact() {
        let with = |field: &str, text: &str, line: usize| {
            let mut row = raw("A", "400", "Client", line);
            let value = cell(text, line);
            match field {
                "query code" => row.query_code = value,
                "shape" => row.shape_id = value,
                "query status" => row.query_status = value,
                _ => unreachable!("{field}"),
            }
            row
        };
        for (field, first, second) in [
            ("query code", "Throttling", "Busy"),
            ("shape", "com.example#A", "org.example#A"),
            ("query status", "403", "409"),
        ] {
            let files = [
                ("a.md", vec![with(field, first, 3)]),
                ("b.md", vec![with(field, second, 5)]),
            ];
            let (kept, conflicts) = rows(&files, "Unknown", &Ctxt::new());
            assert_eq!(kept.len(), 1, "{field}");
            let conflicts: Vec<String> = conflicts.iter().map(|c| c.problem.to_string()).collect();
            assert_eq!(conflicts.len(), 1, "{field}");
            assert!(
                conflicts[0].starts_with("b.md:5:3: conflicting definitions of code `A`: "),
                "{field}: {}",
                conflicts[0]
            );
            assert!(conflicts[0].contains(field), "{}", conflicts[0]);
            let agreeing = [
                ("a.md", vec![with(field, first, 3)]),
                ("b.md", vec![with(field, first, 5)]),
            ];
            let (kept, conflicts) = rows(&agreeing, "Unknown", &Ctxt::new());
            assert_eq!((kept.len(), conflicts.len()), (1, 0), "{field}");
        }
    }

    /// A title is kept, collapsed; an empty one is none.
    #[test]
    fn titles() {
        let mut spaced = raw("A", "400", "Client", 3);
        spaced.title = cell("  No   such book ", 3);
        let mut blank = raw("B", "400", "Client", 4);
        blank.title = cell(" ", 4);
        let files = [("t.md", vec![spaced, blank])];
        let (kept, _) = rows(&files, "Unknown", &Ctxt::new());
        let titles: Vec<Option<&str>> = kept.iter().map(|r| r.title.as_deref()).collect();
        assert_eq!(titles, [Some("No such book"), None]);
    }

    #[test]
    fn codes_clients_would_cut_are_refused() {
        for code in ["a:b", "ns#Code", "a b", "a\tb", "a\u{1}b", "a\u{a0}b"] {
            assert!(check_code(code).is_err(), "{code:?}");
        }
        for code in [
            "NoSuchKey",
            "AWS.SimpleQueueService.NonExistentQueue",
            "Books/NotFound",
            "Café",
        ] {
            assert_eq!(check_code(code), Ok(code));
        }
    }

    /// A shape id is a Smithy namespace, `#`, then the row's own code.
    #[test]
    fn shape_ids() {
        assert_eq!(check_shape_id("", "A"), Ok(None));
        for good in ["com.example#A", "_ns.a_b9#A", "x#A"] {
            assert_eq!(check_shape_id(good, "A"), Ok(Some(good)), "{good}");
        }
        for bad in [
            "#A",
            "com.example#B",
            "com.example.A",
            "1com#A",
            "com..x#A",
            "com-x#A",
            "com.9x#A",
            "com.x-y#A",
            "A",
        ] {
            let err = check_shape_id(bad, "A").unwrap_err();
            assert!(err.contains("is not `namespace#A`"), "{bad}: {err}");
        }
    }

    #[test]
    fn statuses() {
        assert_eq!(parse_status("403 Forbidden"), Ok(403));
        assert_eq!(parse_status("599"), Ok(599));
        assert_eq!(parse_status("301"), Ok(301));
        assert!(parse_status("200")
            .unwrap_err()
            .contains("not an error status"));
        assert!(parse_status("600").is_err());
        assert!(parse_status("99").is_err());
        assert!(parse_status("abc").is_err());
        assert!(parse_status("40x").is_err());
        assert!(parse_status("404x").is_err());
        assert!(parse_status("404Not Found").is_err());
        assert!(parse_status("99999999999999999999").is_err());
        assert!(parse_status("").is_err());
    }

    #[test]
    fn a_missing_type_follows_the_status() {
        let ctxt = Ctxt::new();
        let files = [(
            "t.md",
            vec![
                raw("A", "503", "", 3),
                raw("B", "404", "", 4),
                raw("C", "503", "Client", 5),
            ],
        )];
        let (rows, _) = rows(&files, "Unknown", &ctxt);
        assert!(ctxt.into_problems().is_empty());
        let types: Vec<ErrorType> = rows.iter().map(|r| r.error_type).collect();
        assert_eq!(
            types,
            [ErrorType::Server, ErrorType::Client, ErrorType::Client]
        );
    }

    #[test]
    fn reports_all_problems_and_keeps_valid_rows() {
        let mut faulty = raw("503 SlowDown", "400", "Client", 8);
        faulty.status = None;
        faulty.faulty = true;
        let files = [(
            "t.md",
            vec![
                raw("A", "400", "Client", 3),
                raw("A", "409", "Client", 4),
                raw("", "700", "Nope", 5),
                raw("a", "400", "client", 6),
                raw("Unknown", "500", "Server", 7),
                faulty,
            ],
        )];
        let ctxt = Ctxt::new();
        let (rows, conflicts) = rows(&files, "Unknown", &ctxt);
        assert_eq!(rows.len(), 1);
        let conflicts: Vec<String> = conflicts.iter().map(|c| c.problem.to_string()).collect();
        assert_eq!(
            conflicts,
            ["t.md:4:3: conflicting definitions of code `A`: status 409 here, status 400 at t.md:3; make the files agree, or leave the code out with `except(A)`"]
        );
        let text = texts(ctxt);
        assert_eq!(
            text,
            [
                "t.md:5:3: empty code",
                "t.md:5:3: bad HTTP status `700`: expected a number in 300..=599, like `404` or `404 Not Found`",
                "t.md:5:3: unknown type `Nope`: expected Client, Server or Unknown (or leave it empty: 5xx is Server, others Client)",
                "t.md:6:3: codes `a` and `A` (at t.md:3) would both become the variant `A`; rename one of them",
                "t.md:7:3: code `Unknown` would become the variant `Unknown`, which holds codes not in the table; choose another name for that variant with `unknown = \"...\"`",
                "t.md:8:3: code `503 SlowDown` contains ' ', which clients strip or cannot carry in a header",
            ]
        );
    }

    /// The reserved name is the table's `unknown` variant, whatever it is
    /// called, and a code reaches it through its variant name.
    #[test]
    fn only_the_tables_unknown_variant_is_reserved() {
        let files = [(
            "t.md",
            vec![
                raw("unknown", "500", "Server", 3),
                raw("Other", "400", "Client", 4),
            ],
        )];
        let ctxt = Ctxt::new();
        let (kept, _) = rows(&files, "Unknown", &ctxt);
        let codes: Vec<&str> = kept.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["Other"]);
        let text = texts(ctxt);
        assert_eq!(
            text,
            ["t.md:3:3: code `unknown` would become the variant `Unknown`, which holds codes not in the table; choose another name for that variant with `unknown = \"...\"`"]
        );
        let ctxt = Ctxt::new();
        let (kept, _) = rows(&files, "Other", &ctxt);
        let codes: Vec<&str> = kept.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["unknown"]);
        let text = texts(ctxt);
        assert_eq!(text.len(), 1);
        assert!(text[0].starts_with("t.md:4:3: code `Other` would become the variant `Other`"));
    }

    fn described(code: &str, status: &str, ty: &str, description: &str, line: usize) -> RawRow {
        RawRow {
            description: cell(description, line),
            ..raw(code, status, ty, line)
        }
    }

    #[test]
    fn agreeing_duplicates_are_one_row_and_the_first_description_wins() {
        let mut retry = raw("B", "503", "", 4);
        retry.retryable = cell("Throttling", 4);
        let files = [
            (
                "docs.md",
                vec![
                    described("A", "400", "Client", "From the docs.", 3),
                    raw("B", "503", "Server", 4),
                    raw("A", "400", "Client", 5),
                ],
            ),
            (
                "model.json",
                vec![
                    described("A", "400 Bad Request", "", "From the model.", 7),
                    described("B", "503", "", "Filled in.", 8),
                    retry,
                ],
            ),
        ];
        let ctxt = Ctxt::new();
        let (rows, _) = rows(&files, "Unknown", &ctxt);
        assert!(ctxt.into_problems().is_empty());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].description, "From the docs.");
        assert_eq!(rows[0].location(), "docs.md:3");
        // What the first leaves empty, later rows fill in.
        assert_eq!(rows[1].description, "Filled in.");
        assert_eq!(rows[1].retry, Some(RetryKind::Throttling));
    }

    #[test]
    fn conflicts_name_both_places_unless_the_code_is_left_out() {
        let mut throttling = raw("C", "400", "Client", 3);
        throttling.retryable = cell("Throttling", 3);
        let mut transient = raw("C", "400", "Client", 9);
        transient.retryable = cell("Transient", 9);
        let files = [
            (
                "glacier.md",
                vec![
                    raw("InsufficientCapacityException", "503", "Server", 2),
                    throttling,
                ],
            ),
            (
                "glacier.json",
                vec![
                    raw("InsufficientCapacityException", "400", "Client", 8),
                    transient,
                    raw("D.e", "400", "", 10),
                    raw("D.e", "401", "", 11),
                ],
            ),
        ];
        let ctxt = Ctxt::new();
        let (kept, conflicts) = rows(&files, "Unknown", &ctxt);
        for conflict in conflicts {
            ctxt.push(conflict.problem);
        }
        assert_eq!(kept.len(), 3, "the first definitions are kept");
        let text = texts(ctxt);
        assert_eq!(
            text,
            [
                "glacier.json:8:3: conflicting definitions of code `InsufficientCapacityException`: status 400, type Client here, status 503, type Server at glacier.md:2; make the files agree, or leave the code out with `except(InsufficientCapacityException)`",
                "glacier.json:9:3: conflicting definitions of code `C`: retry class Transient here, retry class Throttling at glacier.md:3; make the files agree, or leave the code out with `except(C)`",
                "glacier.json:11:3: conflicting definitions of code `D.e`: status 401 here, status 400 at glacier.json:10; make the files agree, or leave the code out with `except(\"D.e\")`",
            ]
        );
        // Each conflict names its code, for a derive that leaves it out.
        let (_, conflicts) = rows(&files, "Unknown", &Ctxt::new());
        let codes: Vec<&str> = conflicts.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["InsufficientCapacityException", "C", "D.e"]);
    }

    fn with_reason(code: &str, status: &str, reason: &str, line: usize) -> RawRow {
        RawRow {
            reason: cell(reason, line),
            ..raw(code, status, "", line)
        }
    }

    fn messages(ctxt: Ctxt) -> Vec<String> {
        ctxt.into_problems()
            .iter()
            .map(std::string::ToString::to_string)
            .collect()
    }

    #[test]
    fn reasons_are_read_and_an_empty_cell_derives_one() {
        let files = [(
            "t.md",
            vec![
                with_reason("BookNotFound", "404", "BOOK_NOT_FOUND", 3),
                with_reason("InvalidIsbn", "400", "ISBN_INVALID", 4),
                with_reason("ShelfFull", "409", "", 5),
                raw("RateLimited", "429", "", 6),
            ],
        )];
        let ctxt = Ctxt::new();
        let (rows, _) = rows(&files, "Unknown", &ctxt);
        assert!(ctxt.into_problems().is_empty());
        let reasons: Vec<_> = rows.iter().map(|r| r.reason.as_deref()).collect();
        assert_eq!(
            reasons,
            [Some("BOOK_NOT_FOUND"), Some("ISBN_INVALID"), None, None]
        );
        let effective: Vec<_> = rows.iter().map(Row::effective_reason).collect();
        assert_eq!(
            effective,
            [
                "BOOK_NOT_FOUND",
                "ISBN_INVALID",
                "SHELF_FULL",
                "RATE_LIMITED"
            ]
        );
    }

    #[test]
    fn an_invalid_reason_states_the_rule_and_offers_a_clean_one() {
        assert_eq!(check_reason("", "A"), Ok(None));
        assert_eq!(check_reason("ABC_1", "A"), Ok(Some("ABC_1")));
        let long = "A".repeat(64);
        let files = [(
            "t.md",
            vec![
                with_reason("BookNotFound", "404", "book-not-found", 3),
                with_reason("InvalidIsbn", "400", "Isbn invalid", 4),
                with_reason("Long", "400", &long, 5),
                with_reason("Ok", "400", "OK", 6),
                with_reason("Fine", "400", "FINE", 7),
            ],
        )];
        let ctxt = Ctxt::new();
        let (rows, _) = rows(&files, "Unknown", &ctxt);
        // A row with a bad reason is left out, as with any bad cell.
        assert_eq!(rows.len(), 1);
        let rule = "is not one AIP-193 allows: `[A-Z][A-Z0-9_]+[A-Z0-9]` (upper-case letters, digits and `_`, from a letter to a letter or digit), at most 63 characters;";
        assert_eq!(
            messages(ctxt),
            [
                format!("t.md:3:3: reason `book-not-found` {rule} write `BOOK_NOT_FOUND`, or leave the cell empty: the code gives that reason"),
                format!("t.md:4:3: reason `Isbn invalid` {rule} write `ISBN_INVALID`, say, or leave the cell empty for the reason the code gives, `INVALID_ISBN`"),
                format!("t.md:5:3: reason `{long}` {rule} write `{}`, say, or leave the cell empty for the reason the code gives, `LONG`", "A".repeat(63)),
                format!("t.md:6:3: reason `OK` {rule} write `ERROR_OK`, or leave the cell empty: the code gives that reason"),
            ]
        );
    }

    #[test]
    fn a_given_reason_another_row_has_is_an_error_at_the_later_row() {
        let files = [
            (
                "a.md",
                vec![
                    with_reason("BookNotFound", "404", "NOT_FOUND", 3),
                    with_reason("ShelfNotFound", "404", "NOT_FOUND", 4),
                    raw("ShelfFull", "409", "", 5),
                    with_reason("Full", "409", "SHELF_FULL", 6),
                    with_reason("Gone", "410", "RATE_LIMITED", 7),
                    raw("RateLimited", "429", "", 8),
                ],
            ),
            (
                "b.md",
                vec![
                    // Derived reasons may meet, as in tables written before
                    // reasons.
                    raw("ShelfEmpty", "404", "", 3),
                    raw("SHELF_EMPTY", "404", "", 4),
                    raw("NOT.FOUND", "404", "", 5),
                ],
            ),
        ];
        let ctxt = Ctxt::new();
        let (rows, _) = rows(&files, "Unknown", &ctxt);
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "BookNotFound",
                "ShelfFull",
                "Gone",
                "ShelfEmpty",
                "SHELF_EMPTY",
            ]
        );
        assert_eq!(
            messages(ctxt),
            [
                "a.md:4:3: reason `NOT_FOUND` is the Reason of `BookNotFound` (at a.md:3): reasons are unique in a table (AIP-193); give one of the two rows another `Reason`",
                "a.md:6:3: reason `SHELF_FULL` is the reason `ShelfFull` gets from its code (at a.md:5): reasons are unique in a table (AIP-193); give one of the two rows another `Reason`",
                "a.md:8:3: the reason of `RateLimited` (from its code), `RATE_LIMITED`, is the Reason of `Gone` (at a.md:7): reasons are unique in a table (AIP-193); give one of the two rows another `Reason`",
                "b.md:5:3: the reason of `NOT.FOUND` (from its code), `NOT_FOUND`, is the Reason of `BookNotFound` (at a.md:3): reasons are unique in a table (AIP-193); give one of the two rows another `Reason`",
            ]
        );
    }

    #[test]
    fn rows_of_one_code_fill_in_or_conflict_on_the_reason() {
        let files = [
            (
                "a.md",
                vec![raw("A", "400", "", 3), with_reason("B", "400", "BEE", 4)],
            ),
            (
                "b.json",
                vec![
                    with_reason("A", "400", "AYE", 3),
                    with_reason("B", "400", "BEE_TWO", 4),
                ],
            ),
        ];
        let ctxt = Ctxt::new();
        let (rows, conflicts) = rows(&files, "Unknown", &ctxt);
        assert_eq!(rows[0].reason.as_deref(), Some("AYE"));
        assert!(messages(ctxt).is_empty());
        let conflicts: Vec<String> = conflicts.iter().map(|c| c.problem.to_string()).collect();
        assert_eq!(
            conflicts,
            ["b.json:4:3: conflicting definitions of code `B`: reason `BEE_TWO` here, reason `BEE` at a.md:4; make the files agree, or leave the code out with `except(B)`"]
        );
    }
}
