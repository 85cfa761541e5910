//! What the two service-model readers share (`smithy`: Smithy JSON AST
//! models, `botocore`: botocore's `service-2.json`): the raw row of an
//! error shape, which goes through the same checks as a table's rows, an
//! operation's errors, which members errtable's protocols write
//! themselves, and the message for a model that speaks no protocol
//! errtable speaks. Both read the JSON through `json_source`.

use crate::html;
use crate::json_source::{short, Source};
use crate::json_syntax::{Node, Value};
use crate::table::{Cell, Operation, RawRow};
use errtable_shared::ProtocolKind;

/// Where the HTTP status of an error shape comes from.
pub(crate) enum Status<'n, 'a> {
    /// A value the model gives (`smithy.api#httpError`, `httpStatusCode`).
    Given(&'n Node<'a>, &'static str),
    /// The model's default, standing where the shape declares its error.
    Default(u16, usize),
}

/// Everything a model says about one error shape.
pub(crate) struct ErrorFacts<'n, 'a> {
    /// Where the shape's name stands: the row's position.
    pub(crate) offset: usize,
    /// The wire code and where it is written.
    pub(crate) code: (String, usize),
    pub(crate) status: Status<'n, 'a>,
    /// Client or Server, and where the model says so.
    pub(crate) error_type: (&'static str, usize),
    /// HTML documentation.
    pub(crate) documentation: Option<&'n Node<'a>>,
    /// A retryable trait: `{}` or `{"throttling": bool}`.
    pub(crate) retryable: Option<&'n Node<'a>>,
    /// The awsQueryError code: what the query protocols send, and
    /// query-compatible services in `x-amzn-query-error`.
    pub(crate) query_code: Option<(String, usize)>,
    /// The awsQueryError `httpResponseCode`: the status the query
    /// protocols send.
    pub(crate) query_status: Option<&'n Node<'a>>,
    /// The shape id, for Smithy models (botocore's have no namespaces).
    pub(crate) shape_id: Option<&'n str>,
}

impl Source<'_> {
    /// The raw row of an error shape; every fact of the wrong JSON kind is
    /// a problem at its position, and makes the row faulty.
    pub(crate) fn row(&self, facts: ErrorFacts<'_, '_>) -> RawRow {
        let mut faulty = false;
        let status = match facts.status {
            Status::Given(node, what) => self.status_in(node, what),
            Status::Default(status, offset) => Some(self.cell(status.to_string(), offset)),
        };
        faulty |= status.is_none();
        let query_status = facts.query_status.and_then(|node| {
            let status = self.status_in(node, "the awsQueryError `httpResponseCode`");
            faulty |= status.is_none();
            status
        });
        let description = facts.documentation.and_then(|node| {
            let text = self.text(node, "documentation");
            faulty |= text.is_none();
            text.map(|html| self.cell(html::to_text(html), node.offset))
        });
        let retryable = facts.retryable.and_then(|node| {
            let kind = self.retry_kind(node);
            faulty |= kind.is_none();
            kind.map(|kind| self.cell(kind, node.offset))
        });
        RawRow {
            pos: self.pos(facts.offset),
            code: Some(self.cell(facts.code.0, facts.code.1)),
            status,
            error_type: Some(self.cell(facts.error_type.0, facts.error_type.1)),
            description,
            retryable,
            query_code: facts
                .query_code
                .map(|(code, offset)| self.cell(code, offset)),
            query_status,
            shape_id: facts.shape_id.map(|id| self.cell(id, facts.offset)),
            // Models have no titles: the code (or the status phrase) is.
            title: None,
            // Nor reasons: the code's own is derived.
            reason: None,
            // Service models have no gRPC trait: the status decides.
            grpc_code: None,
            members: Vec::new(),
            faulty,
        }
    }

    /// A status the model gives in `what`, as a cell; a problem unless it
    /// is a whole number.
    fn status_in(&self, node: &Node<'_>, what: &str) -> Option<Cell> {
        match &node.value {
            Value::Number(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => {
                Some(self.cell(*digits, node.offset))
            }
            _ => {
                self.problem(
                    node.offset,
                    format!(
                        "bad status `{}` in {what}: expected a whole number",
                        short(node.raw)
                    ),
                );
                None
            }
        }
    }

    /// `{}` is transient, `{"throttling": true}` throttling.
    fn retry_kind(&self, node: &Node<'_>) -> Option<&'static str> {
        let members = self.object(node, "a retryable trait")?;
        let mut kind = Some("Transient");
        for member in members {
            match (member.key.as_str(), &member.value.value) {
                ("throttling", Value::Bool(true)) => kind = kind.map(|_| "Throttling"),
                ("throttling", Value::Bool(false)) => {}
                ("throttling", _) => {
                    self.problem(
                        member.value.offset,
                        format!(
                            "`throttling` must be true or false, found `{}`",
                            short(member.value.raw)
                        ),
                    );
                    kind = None;
                }
                // Other keys say nothing errtable uses.
                _ => {}
            }
        }
        kind
    }

    /// An operation with its own errors and then the service's, each once.
    pub(crate) fn operation(
        &self,
        name: &str,
        offset: usize,
        own: Vec<String>,
        service: &[String],
    ) -> Operation {
        let mut errors: Vec<String> = Vec::with_capacity(own.len() + service.len());
        for code in own.into_iter().chain(service.iter().cloned()) {
            if !errors.contains(&code) {
                errors.push(code);
            }
        }
        Operation {
            name: name.to_owned(),
            errors,
            file: self.file.to_owned(),
            pos: self.pos(offset),
        }
    }
}

/// Whether errtable's protocols write the error member `name`, which
/// `header` binds to a header, themselves (its message, a body part they
/// write, or a header they write): such a member is left out of the row.
pub(crate) fn written_by_protocols(name: &str, header: Option<&str>) -> bool {
    name.eq_ignore_ascii_case("message")
        || errtable_shared::written_by_protocols(name)
        || header.is_some_and(|header| {
            errtable_shared::PROTOCOL_HEADERS
                .iter()
                .any(|h| h.eq_ignore_ascii_case(header))
        })
}

/// How a model that names no protocol errtable speaks is told: `spoken`
/// lists what it does name.
pub(crate) fn no_protocol_message(what: &str, spoken: &[String]) -> String {
    let names = if spoken.is_empty() {
        "names no protocol errtable knows".to_owned()
    } else {
        format!(
            "speaks no protocol errtable speaks ({})",
            spoken
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    format!(
        "{what} {names}: name one in the attribute with `protocol = \"...\"` ({})",
        ProtocolKind::names()
    )
}
