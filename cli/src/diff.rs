//! `errtable diff`: what an edit of a spec changes for clients.
//!
//! Rows are matched by wire code, the one thing clients see. What counts as
//! breaking follows from what a client does with an error response:
//! - a removed code parses as unknown, and Rust code naming its variant
//!   stops compiling;
//! - a changed status reaches every client, proxy and dashboard that
//!   branches on it;
//! - a changed type (Client/Server) is breaking too: servers write it into
//!   every error body, and clients decide blame, alerting and retries on
//!   it, so the same response starts meaning something else;
//! - a new code is not: old clients keep the code and read it as unknown,
//!   and the derived enum is `#[non_exhaustive]`, so code that matches on
//!   it has a catch-all arm already. A table derived with `exhaustive` has
//!   none: `--exhaustive` counts an added code as breaking for those;
//! - a changed query code (the code query-compatible AWS JSON services
//!   send in `x-amzn-query-error`, which their SDK clients match on) is
//!   breaking for the same reason as a changed code;
//! - a changed gRPC code (the row's `gRPC Code`, else the one its status
//!   maps to; a table's `grpc(...)` option is in the attribute, which
//!   `diff` does not see) reaches every gRPC client that branches on it;
//! - a changed reason (Google's `ErrorInfo.reason`: the row's `Reason`,
//!   else the one its code gives) reaches every client that branches on
//!   it, as AIP-193 asks clients to; a reason derived from a code changes
//!   only with the code, which is reported as such, so only a change where
//!   a `Reason` column gives one of the two is listed;
//! - the retry class and the description change how a client reacts or
//!   what a person reads, not whether the response is understood.

use crate::load::{self, plural, NOTHING_RESERVED};
use crate::{DiffArgs, Failure, Format, Outcome};
use errtable_codegen::Row;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Removed,
    Added,
    /// The wire code changed, the variant name did not.
    Code,
    /// A code and its variant gone, another with the same status, type and
    /// description new: most likely one code renamed.
    Renamed,
    Status,
    Type,
    /// The query code set, changed or dropped.
    QueryCode,
    /// The status the query protocols send, set, changed or dropped.
    QueryStatus,
    /// The gRPC code the row maps to.
    GrpcCode,
    /// The reason of the row's Google `ErrorInfo`.
    Reason,
    Retry,
    Description,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Removed => "removed",
            Kind::Added => "added",
            Kind::Code => "code",
            Kind::Renamed => "renamed",
            Kind::Status => "status",
            Kind::Type => "type",
            Kind::QueryCode => "query_code",
            Kind::QueryStatus => "query_status",
            Kind::GrpcCode => "grpc_code",
            Kind::Reason => "reason",
            Kind::Retry => "retry",
            Kind::Description => "description",
        }
    }

    pub fn breaking(self) -> bool {
        match self {
            Kind::Removed
            | Kind::Code
            | Kind::Renamed
            | Kind::Status
            | Kind::Type
            | Kind::QueryCode
            | Kind::QueryStatus
            | Kind::GrpcCode
            | Kind::Reason => true,
            Kind::Added | Kind::Retry | Kind::Description => false,
        }
    }
}

/// One change, as `--format json` prints it (schema in cli/README.md).
#[derive(Debug, Serialize)]
pub struct Change {
    pub kind: Kind,
    pub breaking: bool,
    /// The code concerned: the new code for `added` and for changes to a
    /// renamed code, the old one otherwise.
    pub code: String,
    /// That code's variant name.
    pub variant: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Row(RowView),
    Status(u16),
    Text(String),
    Retry(RetryView),
    Grpc(GrpcView),
    Reason(ReasonView),
}

#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct RowView {
    code: String,
    variant: String,
    status: u16,
    #[serde(rename = "type")]
    error_type: &'static str,
    description: String,
    retry: RetryView,
    query_code: Option<String>,
    query_status: Option<u16>,
    grpc_code: GrpcView,
    reason: ReasonView,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReasonView {
    /// The reason, `BOOK_NOT_FOUND`.
    reason: String,
    /// `spec` when the Reason column sets it, `default` when it is derived
    /// from the code.
    source: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct GrpcView {
    /// gRPC's name for it, `NOT_FOUND`.
    code: &'static str,
    /// `spec` when the gRPC Code column sets it, `default` when it follows
    /// the status.
    source: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RetryView {
    /// `Throttling`, `Transient` or `NotRetryable`, as `retry_kind()` says.
    class: &'static str,
    /// `spec` when the Retryable column sets it, `default` when errtable
    /// classifies the code and status.
    source: &'static str,
}

#[derive(Serialize)]
struct Report<'a> {
    old: &'a str,
    new: &'a str,
    breaking: bool,
    summary: Summary,
    changes: &'a [Change],
}

#[derive(Serialize)]
struct Summary {
    changes: usize,
    breaking: usize,
    by_kind: BTreeMap<&'static str, usize>,
}

pub fn run(args: &DiffArgs) -> Result<Outcome, Failure> {
    // A diff of a spec with problems would silently leave rows out, so
    // problems make the command fail (status 2, keeping 1 for "breaking").
    let inputs = load::inputs(&[args.old.clone(), args.new.clone()], args.input_format)?;
    let old = load::valid_rows(&inputs[0], NOTHING_RESERVED, 2)?;
    let new = load::valid_rows(&inputs[1], NOTHING_RESERVED, 2)?;
    let changes = diff(&old, &new, args.exhaustive);
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let stdout = match args.format {
        Format::Json => {
            let mut by_kind = BTreeMap::new();
            for change in &changes {
                *by_kind.entry(change.kind.label()).or_insert(0) += 1;
            }
            let report = Report {
                old: &args.old,
                new: &args.new,
                breaking: breaking > 0,
                summary: Summary {
                    changes: changes.len(),
                    breaking,
                    by_kind,
                },
                changes: &changes,
            };
            let mut text = serde_json::to_string_pretty(&report)
                .map_err(|err| Failure::usage(format!("internal error: {err}")))?;
            text.push('\n');
            text
        }
        Format::Human => human(args, &old, &new, &changes),
    };
    Ok(Outcome {
        stdout,
        stderr: String::new(),
        status: u8::from(breaking > 0),
    })
}

/// Every change from `old` to `new`, grouped by code in `old`'s order, then
/// the added codes in `new`'s order. For an `exhaustive` enum, an added
/// code is breaking too.
pub fn diff(old: &[Row], new: &[Row], exhaustive: bool) -> Vec<Change> {
    let in_new = |code: &str| new.iter().find(|r| r.code == code);
    let in_old = |code: &str| old.iter().any(|r| r.code == code);
    let removed: Vec<&Row> = old.iter().filter(|r| in_new(&r.code).is_none()).collect();
    let added: Vec<&Row> = new.iter().filter(|r| !in_old(&r.code)).collect();
    let pairs = pair_renames(&removed, &added);
    let mut changes = Vec::new();
    for row in old {
        if let Some(now) = in_new(&row.code) {
            compare(row, now, &mut changes);
        } else if let Some((kind, now)) = pairs
            .iter()
            .find(|(_, was, _)| was.code == row.code)
            .map(|(kind, _, now)| (*kind, *now))
        {
            changes.push(Change {
                kind,
                breaking: kind.breaking(),
                code: row.code.clone(),
                variant: row.variant.clone(),
                old: Some(Value::Row(view(row))),
                new: Some(Value::Row(view(now))),
            });
            compare(row, now, &mut changes);
        } else {
            changes.push(Change {
                kind: Kind::Removed,
                breaking: Kind::Removed.breaking(),
                code: row.code.clone(),
                variant: row.variant.clone(),
                old: Some(Value::Row(view(row))),
                new: None,
            });
        }
    }
    for row in added {
        if pairs.iter().any(|(_, _, now)| now.code == row.code) {
            continue;
        }
        changes.push(Change {
            kind: Kind::Added,
            breaking: exhaustive || Kind::Added.breaking(),
            code: row.code.clone(),
            variant: row.variant.clone(),
            old: None,
            new: Some(Value::Row(view(row))),
        });
    }
    changes
}

/// Pairs a removed code with an added one when the edit most likely renamed
/// it: the same variant name (only the wire spelling changed), or else the
/// one added code with the same status, type and (non-empty) description.
fn pair_renames<'a>(removed: &[&'a Row], added: &[&'a Row]) -> Vec<(Kind, &'a Row, &'a Row)> {
    let mut pairs: Vec<(Kind, &Row, &Row)> = Vec::new();
    let taken = |pairs: &[(Kind, &Row, &Row)], row: &Row| {
        pairs
            .iter()
            .any(|(_, was, now)| was.code == row.code || now.code == row.code)
    };
    for was in removed {
        if let Some(now) = added.iter().find(|now| now.variant == was.variant) {
            pairs.push((Kind::Code, was, now));
        }
    }
    let alike = |a: &Row, b: &Row| {
        !a.description.is_empty()
            && a.description == b.description
            && a.status == b.status
            && a.error_type == b.error_type
    };
    for was in removed {
        if taken(&pairs, was) {
            continue;
        }
        let candidates: Vec<&&Row> = added
            .iter()
            .filter(|now| !taken(&pairs, now) && alike(was, now))
            .collect();
        let rivals = removed
            .iter()
            .filter(|other| {
                !taken(&pairs, other) && candidates.first().is_some_and(|now| alike(other, now))
            })
            .count();
        // Only an unambiguous match is called a rename.
        if let ([now], 1) = (candidates.as_slice(), rivals) {
            pairs.push((Kind::Renamed, was, now));
        }
    }
    pairs
}

/// Changes between two rows that stand for the same code.
fn compare(was: &Row, now: &Row, changes: &mut Vec<Change>) {
    let mut push = |kind: Kind, old: Option<Value>, new: Option<Value>| {
        changes.push(Change {
            kind,
            breaking: kind.breaking(),
            code: now.code.clone(),
            variant: now.variant.clone(),
            old,
            new,
        });
    };
    if was.status != now.status {
        push(
            Kind::Status,
            Some(Value::Status(was.status)),
            Some(Value::Status(now.status)),
        );
    }
    if was.error_type != now.error_type {
        push(
            Kind::Type,
            Some(Value::Text(was.error_type.to_string())),
            Some(Value::Text(now.error_type.to_string())),
        );
    }
    if was.query_code != now.query_code {
        push(
            Kind::QueryCode,
            was.query_code.clone().map(Value::Text),
            now.query_code.clone().map(Value::Text),
        );
    }
    if was.query_status != now.query_status {
        push(
            Kind::QueryStatus,
            was.query_status.map(Value::Status),
            now.query_status.map(Value::Status),
        );
    }
    let (before, after) = (grpc(was), grpc(now));
    if before.code != after.code {
        push(
            Kind::GrpcCode,
            Some(Value::Grpc(before)),
            Some(Value::Grpc(after)),
        );
    }
    let (before, after) = (reason(was), reason(now));
    // Two derived reasons differ only when the codes do, which is said.
    if before.reason != after.reason && (before.source == "spec" || after.source == "spec") {
        push(
            Kind::Reason,
            Some(Value::Reason(before)),
            Some(Value::Reason(after)),
        );
    }
    let (before, after) = (retry(was), retry(now));
    // Clients see the class, not where it came from.
    if before.class != after.class {
        push(
            Kind::Retry,
            Some(Value::Retry(before)),
            Some(Value::Retry(after)),
        );
    }
    if was.description != now.description {
        push(
            Kind::Description,
            Some(Value::Text(was.description.clone())),
            Some(Value::Text(now.description.clone())),
        );
    }
}

fn view(row: &Row) -> RowView {
    RowView {
        code: row.code.clone(),
        variant: row.variant.clone(),
        status: row.status,
        error_type: row.error_type.as_str(),
        description: row.description.clone(),
        retry: retry(row),
        query_code: row.query_code.clone(),
        query_status: row.query_status,
        grpc_code: grpc(row),
        reason: reason(row),
    }
}

/// The reason of the row's `ErrorInfo`: the Reason column, else the one
/// derived from the code.
fn reason(row: &Row) -> ReasonView {
    ReasonView {
        reason: row.effective_reason().into_owned(),
        source: if row.reason.is_some() {
            "spec"
        } else {
            "default"
        },
    }
}

/// The code `grpc_code()` returns, unless the attribute's `grpc(...)`
/// maps the row's status: the gRPC Code column, else the status's code.
fn grpc(row: &Row) -> GrpcView {
    match row.grpc_code {
        Some(code) => GrpcView {
            code: code.as_str(),
            source: "spec",
        },
        None => GrpcView {
            code: errtable::GrpcCode::from_http_status(row.status).as_str(),
            source: "default",
        },
    }
}

/// The class the generated `retry_kind()` returns: the spec's Retryable
/// column, else the runtime's own default classification.
fn retry(row: &Row) -> RetryView {
    let class = row.retry_kind().as_str();
    let source = if row.retry.is_some() {
        "spec"
    } else {
        "default"
    };
    RetryView { class, source }
}

fn human(args: &DiffArgs, old: &[Row], new: &[Row], changes: &[Change]) -> String {
    let mut out = format!(
        "{} ({} code{}) -> {} ({} code{})\n",
        args.old,
        old.len(),
        plural(old.len()),
        args.new,
        new.len(),
        plural(new.len())
    );
    if changes.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    for change in changes {
        let mark = if change.breaking { "BREAKING" } else { "" };
        let what = describe(change);
        out.push_str(&format!("{mark:<8}  {:<11}  {what}\n", change.kind.label()));
    }
    let count = |breaking: bool| -> (usize, String) {
        let mut by_kind: Vec<(Kind, usize)> = Vec::new();
        for change in changes.iter().filter(|c| c.breaking == breaking) {
            match by_kind.iter_mut().find(|(k, _)| *k == change.kind) {
                Some((_, n)) => *n += 1,
                None => by_kind.push((change.kind, 1)),
            }
        }
        by_kind.sort();
        let total = by_kind.iter().map(|(_, n)| n).sum();
        let parts: Vec<String> = by_kind
            .iter()
            .map(|(kind, n)| format!("{n} {}", kind.label()))
            .collect();
        (total, parts.join(", "))
    };
    let (breaking, breaking_kinds) = count(true);
    let (fine, fine_kinds) = count(false);
    let mut summary = format!("{breaking} breaking");
    if breaking > 0 {
        summary.push_str(&format!(" ({breaking_kinds})"));
    }
    summary.push_str(&format!(", {fine} not breaking"));
    if fine > 0 {
        summary.push_str(&format!(" ({fine_kinds})"));
    }
    out.push_str(&format!(
        "{} change{}: {summary}\n",
        changes.len(),
        plural(changes.len())
    ));
    out
}

/// The text after the kind: what changed, old -> new.
fn describe(change: &Change) -> String {
    let indent = " ".repeat(8 + 2 + 11 + 2);
    if change.kind == Kind::QueryCode {
        let show = |value: &Option<Value>| match value {
            Some(Value::Text(code)) => code.clone(),
            _ => "(none)".to_owned(),
        };
        return format!(
            "{}: {} -> {}",
            change.code,
            show(&change.old),
            show(&change.new)
        );
    }
    match (&change.old, &change.new) {
        (Some(Value::Row(row)), None) | (None, Some(Value::Row(row))) => {
            format!("{} ({})", row.code, facts(row))
        }
        (Some(Value::Row(was)), Some(Value::Row(now))) => {
            let variants = if was.variant == now.variant {
                format!("the variant {} stays", now.variant)
            } else {
                format!("variant {} -> {}", was.variant, now.variant)
            };
            let why = if change.kind == Kind::Renamed {
                "; same status, type and description"
            } else {
                ""
            };
            format!("{} -> {} ({variants}{why})", was.code, now.code)
        }
        (Some(Value::Status(was)), Some(Value::Status(now))) => {
            format!("{}: {was} -> {now}", change.code)
        }
        (Some(Value::Grpc(was)), Some(Value::Grpc(now))) => {
            let show = |g: &GrpcView| {
                if g.source == "spec" {
                    format!("{} (set by the spec)", g.code)
                } else {
                    g.code.to_owned()
                }
            };
            format!("{}: {} -> {}", change.code, show(was), show(now))
        }
        (Some(Value::Reason(was)), Some(Value::Reason(now))) => {
            let show = |r: &ReasonView| {
                if r.source == "spec" {
                    format!("{} (set by the spec)", r.reason)
                } else {
                    r.reason.clone()
                }
            };
            format!("{}: {} -> {}", change.code, show(was), show(now))
        }
        (Some(Value::Retry(was)), Some(Value::Retry(now))) => {
            let show = |r: &RetryView| {
                if r.source == "spec" {
                    format!("{} (set by the spec)", r.class)
                } else {
                    r.class.to_owned()
                }
            };
            format!("{}: {} -> {}", change.code, show(was), show(now))
        }
        (Some(Value::Text(was)), Some(Value::Text(now))) if change.kind == Kind::Description => {
            let show = |text: &str| {
                if text.is_empty() {
                    "(none)".to_owned()
                } else {
                    text.to_owned()
                }
            };
            format!(
                "{}\n{indent}- {}\n{indent}+ {}",
                change.code,
                show(was),
                show(now)
            )
        }
        (Some(Value::Text(was)), Some(Value::Text(now))) => {
            format!("{}: {was} -> {now}", change.code)
        }
        _ => change.code.clone(),
    }
}

/// `403, Client` plus what a reader needs beyond the code.
fn facts(row: &RowView) -> String {
    let mut facts = format!("{}, {}", row.status, row.error_type);
    if row.variant != row.code {
        facts.push_str(&format!(", variant {}", row.variant));
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use errtable::{ErrorType, RetryKind};
    use errtable_codegen::{variant_name, Pos};

    fn row(code: &str, status: u16, error_type: ErrorType, description: &str) -> Row {
        Row {
            code: code.to_owned(),
            variant: variant_name(code),
            description: description.to_owned(),
            status,
            error_type,
            retry: None,
            query_code: None,
            query_status: None,
            shape_id: None,
            title: None,
            reason: None,
            grpc_code: None,
            members: Vec::new(),
            file: "t.md".to_owned(),
            pos: Pos { line: 1, col: 1 },
        }
    }

    fn kinds(changes: &[Change]) -> Vec<(Kind, &str, bool)> {
        changes
            .iter()
            .map(|c| (c.kind, c.code.as_str(), c.breaking))
            .collect()
    }

    use ErrorType::{Client, Server};

    #[test]
    fn same_table_no_changes() {
        let rows = [row("A", 400, Client, "a"), row("B", 500, Server, "b")];
        assert!(diff(&rows, &rows, false).is_empty());
        // Order is not a client-visible change.
        let reversed = [rows[1].clone(), rows[0].clone()];
        assert!(diff(&rows, &reversed, false).is_empty());
    }

    #[test]
    fn a_query_code_set_changed_or_dropped_is_breaking() {
        let mut was = [
            row("Gone", 400, Client, "g"),
            row("Moved", 400, Client, "m"),
            row("New", 400, Client, "n"),
        ];
        was[0].query_code = Some("AWS.Gone".to_owned());
        was[1].query_code = Some("AWS.Old".to_owned());
        let mut now = was.clone();
        now[0].query_code = None;
        now[1].query_code = Some("AWS.New".to_owned());
        now[2].query_code = Some("AWS.Set".to_owned());
        let changes = diff(&was, &now, false);
        assert_eq!(
            kinds(&changes),
            [
                (Kind::QueryCode, "Gone", true),
                (Kind::QueryCode, "Moved", true),
                (Kind::QueryCode, "New", true),
            ]
        );
        assert_eq!(describe(&changes[0]), "Gone: AWS.Gone -> (none)");
        assert_eq!(describe(&changes[1]), "Moved: AWS.Old -> AWS.New");
        assert_eq!(describe(&changes[2]), "New: (none) -> AWS.Set");
        assert_eq!(changes[0].new, None);
    }

    #[test]
    fn a_grpc_code_change_is_breaking_whether_set_or_from_the_status() {
        let was = [
            row("Taken", 409, Client, "t"),
            row("Gone", 404, Client, "g"),
        ];
        let mut now = was.clone();
        now[0].grpc_code = Some(errtable::GrpcCode::AlreadyExists);
        now[1].status = 410;
        let changes = diff(&was, &now, false);
        assert_eq!(
            kinds(&changes),
            [
                (Kind::GrpcCode, "Taken", true),
                (Kind::Status, "Gone", true),
                (Kind::GrpcCode, "Gone", true),
            ]
        );
        assert_eq!(
            describe(&changes[0]),
            "Taken: ABORTED -> ALREADY_EXISTS (set by the spec)"
        );
        assert_eq!(
            describe(&changes[2]),
            "Gone: NOT_FOUND -> FAILED_PRECONDITION"
        );
        // The same code, now written in the column: nothing a client sees.
        let mut spelled = was.clone();
        spelled[1].grpc_code = Some(errtable::GrpcCode::NotFound);
        assert!(diff(&was, &spelled, false).is_empty());
    }

    #[test]
    fn a_reason_change_is_breaking_where_the_spec_gives_one() {
        let was = [
            row("BookNotFound", 404, Client, "b"),
            row("InvalidIsbn", 400, Client, "i"),
            row("ShelfFull", 409, Client, "s"),
        ];
        let mut now = was.clone();
        now[0].reason = Some("BOOK_NOT_FOUND".to_owned());
        now[1].reason = Some("ISBN_INVALID".to_owned());
        let changes = diff(&was, &now, false);
        // The derived reason, now written in the column: nothing changed.
        assert_eq!(kinds(&changes), [(Kind::Reason, "InvalidIsbn", true)]);
        assert_eq!(
            describe(&changes[0]),
            "InvalidIsbn: INVALID_ISBN -> ISBN_INVALID (set by the spec)"
        );
        let back = diff(&now, &was, false);
        assert_eq!(
            describe(&back[0]),
            "InvalidIsbn: ISBN_INVALID (set by the spec) -> INVALID_ISBN"
        );
        // A renamed code takes its derived reason along: the rename says it.
        let mut renamed = was.clone();
        renamed[2] = row("ShelfIsFull", 409, Client, "s");
        assert_eq!(
            kinds(&diff(&was, &renamed, false)),
            [(Kind::Renamed, "ShelfFull", true)]
        );
    }

    /// An added code already paired (its variant is a removed code's) is no
    /// rename target for another removed code that looks like it.
    #[test]
    fn an_added_code_pairs_once() {
        let old = [
            row("Not-Found", 400, Client, "missing"),
            row("Gone", 404, Client, "gone"),
        ];
        let new = [row("NotFound", 404, Client, "gone")];
        let changes = diff(&old, &new, false);
        assert!(
            !changes.iter().any(|c| c.kind == Kind::Renamed),
            "{:?}",
            kinds(&changes)
        );
        assert!(changes.iter().any(|c| c.kind == Kind::Code));
        assert!(changes
            .iter()
            .any(|c| c.kind == Kind::Removed && c.code == "Gone"));
    }

    /// A rename pairs the removed code that looks like the added one, not
    /// the first removed code, and other removed codes that look nothing
    /// like it are no rivals.
    #[test]
    fn a_rename_pairs_the_code_that_looks_alike() {
        let old = [
            row("Different", 400, Client, "a"),
            row("Gone", 404, Client, "gone"),
        ];
        let new = [row("Vanished", 404, Client, "gone")];
        assert_eq!(
            kinds(&diff(&old, &new, false)),
            [
                (Kind::Removed, "Different", true),
                (Kind::Renamed, "Gone", true)
            ]
        );
    }

    #[test]
    fn status_type_retry_description() {
        let old = [row("Busy", 503, Server, "Try later.")];
        let new = [row("Busy", 400, Client, "Try later!")];
        let changes = diff(&old, &new, false);
        assert_eq!(
            kinds(&changes),
            [
                (Kind::Status, "Busy", true),
                (Kind::Type, "Busy", true),
                (Kind::GrpcCode, "Busy", true),
                (Kind::Retry, "Busy", false),
                (Kind::Description, "Busy", false),
            ]
        );
        assert_eq!(changes[0].old, Some(Value::Status(503)));
        assert_eq!(
            changes[3].new,
            Some(Value::Retry(RetryView {
                class: "NotRetryable",
                source: "default"
            }))
        );
    }

    #[test]
    fn retry_counts_the_class_not_where_it_comes_from() {
        let old = [row("Slow", 503, Server, "")];
        let mut same = old.clone();
        same[0].retry = Some(RetryKind::Transient);
        assert!(
            diff(&old, &same, false).is_empty(),
            "explicit Transient = default Transient"
        );
        let mut throttled = old.clone();
        throttled[0].retry = Some(RetryKind::Throttling);
        let changes = diff(&old, &throttled, false);
        assert_eq!(kinds(&changes), [(Kind::Retry, "Slow", false)]);
        assert_eq!(
            changes[0].new,
            Some(Value::Retry(RetryView {
                class: "Throttling",
                source: "spec"
            }))
        );
    }

    #[test]
    fn added_and_removed() {
        let old = [row("A", 400, Client, "a"), row("Gone", 404, Client, "g")];
        let new = [row("A", 400, Client, "a"), row("New", 409, Client, "n")];
        assert_eq!(
            kinds(&diff(&old, &new, false)),
            [(Kind::Removed, "Gone", true), (Kind::Added, "New", false)]
        );
    }

    #[test]
    fn wire_code_changed_variant_kept() {
        let old = [row("Not-Found", 404, Client, "x")];
        let new = [row("NotFound", 404, Client, "y")];
        let changes = diff(&old, &new, false);
        assert_eq!(
            kinds(&changes),
            [
                (Kind::Code, "Not-Found", true),
                (Kind::Description, "NotFound", false)
            ]
        );
        assert_eq!(changes[0].variant, "NotFound");
    }

    #[test]
    fn probable_rename_needs_an_unambiguous_match() {
        let old = [row("ThrottlingException", 400, Client, "Slow down.")];
        let new = [row("Throttled", 400, Client, "Slow down.")];
        // The SDKs' list knows `ThrottlingException`, not `Throttled`: the
        // rename also loses the default throttling class.
        assert_eq!(
            kinds(&diff(&old, &new, false)),
            [
                (Kind::Renamed, "ThrottlingException", true),
                (Kind::Retry, "Throttled", false)
            ]
        );
        // Two candidates: no guess, plain removed and added.
        let new2 = [
            row("Throttled", 400, Client, "Slow down."),
            row("TooFast", 400, Client, "Slow down."),
        ];
        assert_eq!(
            kinds(&diff(&old, &new2, false)),
            [
                (Kind::Removed, "ThrottlingException", true),
                (Kind::Added, "Throttled", false),
                (Kind::Added, "TooFast", false)
            ]
        );
        // An empty description says nothing about identity.
        let old3 = [row("A1", 400, Client, "")];
        let new3 = [row("B1", 400, Client, "")];
        assert_eq!(
            kinds(&diff(&old3, &new3, false)),
            [(Kind::Removed, "A1", true), (Kind::Added, "B1", false)]
        );
    }

    #[test]
    fn an_added_code_breaks_an_exhaustive_enum() {
        let old = [row("A", 400, Client, "a")];
        let new = [row("A", 400, Client, "a"), row("B", 400, Client, "b")];
        assert_eq!(kinds(&diff(&old, &new, false)), [(Kind::Added, "B", false)]);
        assert_eq!(kinds(&diff(&old, &new, true)), [(Kind::Added, "B", true)]);
    }
}
