//! Smithy models in the JSON AST form AWS publishes
//! (`{"smithy": "2.0", "shapes": {...}}`): every shape with the
//! `smithy.api#error` trait is a row, and the service shape gives the
//! protocol and, with its operations, each operation's errors.
//!
//! - code: the shape's name without its namespace; for awsQuery and
//!   ec2Query services the `aws.protocols#awsQueryError` code where there
//!   is one, as those services send it; for awsQueryCompatible services the
//!   name stays the code and the awsQueryError code is the query code;
//! - status: `smithy.api#httpError`, else the awsQueryError
//!   `httpResponseCode`, else 400 for `client` and 500 for `server`;
//! - type: `smithy.api#error`; retry class: `smithy.api#retryable`
//!   (throttling or transient); description: `smithy.api#documentation`,
//!   as plain text;
//! - members: the shape's members but its message and status code, with
//!   their `httpHeader`, `jsonName`, `xmlName` and documentation, and for
//!   documents the members of the structures they hold.

use crate::html;
use crate::json_source::{get, members, Source};
use crate::json_syntax::{Member, Node, Value};
use crate::model::{self, ErrorFacts, Status};
use crate::table::{self, Problem, RawModel, RawTable};
use errtable_shared::{MemberShape, ProtocolKind};
use std::collections::HashMap;

const ERROR: &str = "smithy.api#error";
const HTTP_ERROR: &str = "smithy.api#httpError";
const DOCUMENTATION: &str = "smithy.api#documentation";
const RETRYABLE: &str = "smithy.api#retryable";
const QUERY_ERROR: &str = "aws.protocols#awsQueryError";
const QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
const HTTP_HEADER: &str = "smithy.api#httpHeader";
const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
const JSON_NAME: &str = "smithy.api#jsonName";
const XML_NAME: &str = "smithy.api#xmlName";
const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
/// How many structures deep nested members are followed: AWS's error
/// shapes nest two or three; the bound keeps a pathological model from
/// blowing up the generated code.
const MAX_MEMBER_DEPTH: usize = 8;
/// The trait that makes a trait a protocol, for protocols a model defines.
const PROTOCOL_DEFINITION: &str = "smithy.api#protocolDefinition";

/// The protocol traits errtable knows, and its name for each it speaks.
const PROTOCOL_TRAITS: [(&str, Option<ProtocolKind>); 7] = [
    ("aws.protocols#restJson1", Some(ProtocolKind::RestJson)),
    ("aws.protocols#awsJson1_0", Some(ProtocolKind::AwsJson)),
    ("aws.protocols#awsJson1_1", Some(ProtocolKind::AwsJson11)),
    // Wrapped in `<ErrorResponse>` unless the trait says `noErrorWrapping`
    // (S3): see `Reader::protocol`.
    ("aws.protocols#restXml", Some(ProtocolKind::RestXmlWrapped)),
    ("aws.protocols#awsQuery", Some(ProtocolKind::Query)),
    ("aws.protocols#ec2Query", Some(ProtocolKind::Ec2)),
    ("smithy.protocols#rpcv2Cbor", Some(ProtocolKind::RpcV2Cbor)),
];

/// Traits of the protocol namespaces that are not protocols.
const NOT_PROTOCOLS: [&str; 4] = [
    QUERY_COMPATIBLE,
    QUERY_ERROR,
    "aws.protocols#ec2QueryName",
    "aws.protocols#httpChecksum",
];

/// A shape of the model: its id, where the id stands, and its JSON.
struct Shape<'n, 'a> {
    id: &'n str,
    offset: usize,
    node: &'n Node<'a>,
}

impl<'n, 'a> Shape<'n, 'a> {
    fn kind(&self) -> Option<&'n str> {
        match &get(members(self.node), "type")?.value {
            Value::String(kind) => Some(kind),
            _ => None,
        }
    }

    fn traits(&self) -> &'n [Member<'a>] {
        get(members(self.node), "traits").map_or(&[], members)
    }

    /// The name without its namespace: `com.amazonaws.glacier#DescribeJob`
    /// → `DescribeJob`.
    fn name(&self) -> &'n str {
        self.id.rsplit_once('#').map_or(self.id, |(_, name)| name)
    }
}

struct Reader<'s, 'n, 'a> {
    source: &'s Source<'s>,
    shapes: Vec<Shape<'n, 'a>>,
    by_id: HashMap<&'n str, usize>,
}

/// The rows, operations and protocol of a Smithy model.
pub(crate) fn read(source: &Source<'_>, top: &[Member<'_>], top_offset: usize) -> RawTable {
    if let Some(version) = get(top, "smithy") {
        match &version.value {
            Value::String(v) if v.starts_with("1.") || v.starts_with("2.") || v == "2" => {}
            _ => source.problem(
                version.offset,
                format!(
                    "unsupported Smithy version `{}`: errtable reads the JSON AST of Smithy 1.0 and 2.0",
                    version.raw
                ),
            ),
        }
    }
    let Some(shapes) = get(top, "shapes").and_then(|s| source.object(s, "`shapes`")) else {
        return RawTable::default();
    };
    let mut reader = Reader {
        source,
        shapes: Vec::with_capacity(shapes.len()),
        by_id: HashMap::with_capacity(shapes.len()),
    };
    for member in shapes {
        if source.object(&member.value, "a shape").is_none() {
            continue;
        }
        reader.by_id.insert(&member.key, reader.shapes.len());
        reader.shapes.push(Shape {
            id: &member.key,
            offset: member.key_offset,
            node: &member.value,
        });
    }
    let shapes_offset = top
        .iter()
        .find(|m| m.key == "shapes")
        .map_or(top_offset, |m| m.key_offset);
    reader.read(top_offset, shapes_offset)
}

impl<'n, 'a> Reader<'_, 'n, 'a> {
    fn shape(&self, id: &str) -> Option<&Shape<'n, 'a>> {
        self.by_id.get(id).map(|&i| &self.shapes[i])
    }

    fn read(&self, top_offset: usize, shapes_offset: usize) -> RawTable {
        let services: Vec<&Shape> = self
            .shapes
            .iter()
            .filter(|s| s.kind() == Some("service"))
            .collect();
        let (protocol, no_protocol) = self.protocol(&services, top_offset);
        // awsQueryError applies where the query protocols speak, or a JSON
        // service stays compatible with them (Smithy's awsQueryError
        // trait); elsewhere (SSM's 135 shapes) it says nothing.
        let query_codes = protocol.is_some_and(ProtocolKind::sends_query_codes)
            || services
                .iter()
                .any(|s| get(s.traits(), QUERY_COMPATIBLE).is_some());

        let mut rows = Vec::new();
        // Each error shape's id and wire code, for the operations.
        let mut codes: HashMap<&str, String> = HashMap::new();
        for shape in &self.shapes {
            let Some(error) = get(shape.traits(), ERROR) else {
                continue;
            };
            let row = self.row(shape, error, query_codes);
            if let Some(code) = &row.code {
                codes.insert(shape.id, code.text.clone());
            }
            rows.push(row);
        }
        if rows.is_empty() {
            self.source.problem(
                shapes_offset,
                format!("this Smithy model has no error shapes (no shape has the `{ERROR}` trait): there is nothing to derive"),
            );
        }
        let mut operations = Vec::new();
        for service in &services {
            let service_errors = self.errors(service, &codes);
            for (id, offset) in self.operations(service) {
                let Some(operation) = self.shape(id) else {
                    continue;
                };
                if operation.kind() != Some("operation") {
                    self.source.problem(
                        offset,
                        format!(
                            "`{id}` is listed as an operation, but it is a shape of type `{}`",
                            operation.kind().unwrap_or("?")
                        ),
                    );
                    continue;
                }
                let own = self.errors(operation, &codes);
                operations.push(self.source.operation(
                    operation.name(),
                    operation.offset,
                    own,
                    &service_errors,
                ));
            }
        }
        RawTable {
            rows,
            model: Some(RawModel {
                protocol,
                no_protocol,
                xml_namespace: services.iter().find_map(|service| {
                    let namespace = get(service.traits(), XML_NAMESPACE)?;
                    let uri = get(members(namespace), "uri")?;
                    self.source
                        .text(uri, "an xmlNamespace `uri`")
                        .map(str::to_owned)
                }),
                operations,
            }),
        }
    }

    /// The first protocol of the services that errtable speaks; without
    /// one, the problem that says so. An unknown trait of the protocol
    /// namespaces is a problem of its own: a typo would otherwise pass as
    /// a model without a protocol.
    fn protocol(
        &self,
        services: &[&Shape],
        top_offset: usize,
    ) -> (Option<ProtocolKind>, Option<Problem>) {
        let mut protocol = None;
        let mut named = Vec::new();
        for service in services {
            for member in service.traits() {
                let id = member.key.as_str();
                if let Some((_, spoken)) = PROTOCOL_TRAITS.iter().find(|(t, _)| *t == id) {
                    let unwrapped = matches!(
                        get(members(&member.value), "noErrorWrapping").map(|n| &n.value),
                        Some(Value::Bool(true))
                    );
                    let spoken = match spoken {
                        Some(ProtocolKind::RestXmlWrapped) if unwrapped => {
                            Some(ProtocolKind::RestXml)
                        }
                        spoken => *spoken,
                    };
                    protocol = protocol.or(spoken);
                    named.push(id.to_owned());
                } else if self
                    .shape(id)
                    .is_some_and(|t| get(t.traits(), PROTOCOL_DEFINITION).is_some())
                {
                    named.push(id.to_owned());
                } else if (id.starts_with("aws.protocols#") || id.starts_with("smithy.protocols#"))
                    && !NOT_PROTOCOLS.contains(&id)
                {
                    self.source.problem(
                        member.key_offset,
                        format!(
                            "unknown protocol trait `{id}`: errtable knows {}",
                            PROTOCOL_TRAITS
                                .iter()
                                .map(|(t, _)| format!("`{t}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
            }
        }
        if protocol.is_some() {
            return (protocol, None);
        }
        let problem = match services.first() {
            Some(service) => Problem::at(
                self.source.file,
                self.source.pos(service.offset),
                model::no_protocol_message(&format!("the service `{}`", service.name()), &named),
            ),
            None => Problem::at(
                self.source.file,
                self.source.pos(top_offset),
                model::no_protocol_message("this Smithy model has no service shape, so it", &[]),
            ),
        };
        (None, Some(problem))
    }

    fn row(
        &self,
        shape: &Shape<'n, 'a>,
        error: &'n Node<'a>,
        query_codes: bool,
    ) -> crate::table::RawRow {
        let source = self.source;
        let traits = shape.traits();
        let server = match &error.value {
            Value::String(fault) if fault == "client" => false,
            Value::String(fault) if fault == "server" => true,
            _ => {
                source.problem(
                    error.offset,
                    format!(
                        "`{ERROR}` must be \"client\" or \"server\", found `{}`",
                        error.raw
                    ),
                );
                false
            }
        };
        let query_error = get(traits, QUERY_ERROR)
            .filter(|_| query_codes)
            .map_or(&[][..], members);
        let query_code = get(query_error, "code").and_then(|node| {
            source
                .text(node, "an awsQueryError `code`")
                .map(|code| (code, node.offset))
        });
        // The shape's name is its code, as smithy-rs and boto3 name it; the
        // awsQueryError code and status are what the query protocols send
        // (Smithy: the trait changes nothing in other protocols, so
        // `QueryCompatibleAwsJson10CustomCodeError` expects 400).
        let code = (shape.name().to_owned(), shape.offset);
        let status = match get(traits, HTTP_ERROR) {
            Some(node) => Status::Given(node, "`smithy.api#httpError`"),
            None => Status::Default(if server { 500 } else { 400 }, error.offset),
        };
        let mut row = source.row(ErrorFacts {
            offset: shape.offset,
            code,
            status,
            error_type: (if server { "Server" } else { "Client" }, error.offset),
            documentation: get(traits, DOCUMENTATION),
            retryable: get(traits, RETRYABLE),
            query_code: query_code.map(|(code, offset)| (code.to_owned(), offset)),
            query_status: get(query_error, "httpResponseCode"),
            shape_id: Some(shape.id),
        });
        row.faulty |= !matches!(&error.value, Value::String(f) if f == "client" || f == "server");
        row.members = self.members(shape, &mut vec![shape.id], &mut row.faulty);
        row
    }

    /// The members of a structure or union, in the model's order; `path`
    /// holds the shapes from the error shape down to this one. The error's
    /// own members (a path of one) leave out its message, its status code
    /// and what the protocols write themselves (Glacier's `code` and
    /// `type`), and only they are bound to headers. A problem is reported
    /// and makes the row `faulty`.
    fn members(
        &self,
        shape: &Shape<'n, 'a>,
        path: &mut Vec<&'n str>,
        faulty: &mut bool,
    ) -> Vec<table::Member> {
        let source = self.source;
        let own = path.len() == 1;
        let Some(list) = get(members(shape.node), "members") else {
            return Vec::new();
        };
        let Some(list) = source.object(list, "`members`") else {
            *faulty = true;
            return Vec::new();
        };
        let mut out = Vec::with_capacity(list.len());
        for member in list {
            let name = member.key.as_str();
            let traits = get(members(&member.value), "traits").map_or(&[][..], members);
            let header = if own {
                get(traits, HTTP_HEADER).and_then(|node| {
                    let text = source.text(node, "`smithy.api#httpHeader`");
                    *faulty |= text.is_none();
                    text
                })
            } else {
                None
            };
            if own
                && (get(traits, HTTP_RESPONSE_CODE).is_some()
                    || model::written_by_protocols(name, header))
            {
                continue;
            }
            let Some((id, offset)) = self.member_target(&member.value) else {
                *faulty = true;
                continue;
            };
            let Some(kind) = self.member_shape(name, id, offset) else {
                *faulty = true;
                continue;
            };
            let mut text = |key: &str, what: &str| {
                get(traits, key).and_then(|node| {
                    let text = source.text(node, what);
                    *faulty |= text.is_none();
                    text.map(str::to_owned)
                })
            };
            let json_name = text(JSON_NAME, "`smithy.api#jsonName`");
            let xml_name = text(XML_NAME, "`smithy.api#xmlName`");
            let description = text(DOCUMENTATION, "documentation")
                .map(|html| html::to_text(&html))
                .unwrap_or_default();
            let nested = if kind == MemberShape::Document {
                self.nested(id, path, faulty)
            } else {
                Vec::new()
            };
            out.push(table::Member {
                name: name.to_owned(),
                shape: kind,
                header: header.map(str::to_owned),
                json_name,
                xml_name,
                description,
                members: nested,
            });
        }
        out
    }

    /// The members of the structure a document member targets, through
    /// lists' `member` and maps' `value`; none for a shape already on the
    /// path (a recursive shape) or beyond the depth bound.
    fn nested(
        &self,
        id: &'n str,
        path: &mut Vec<&'n str>,
        faulty: &mut bool,
    ) -> Vec<table::Member> {
        if path.len() >= MAX_MEMBER_DEPTH || path.contains(&id) {
            return Vec::new();
        }
        let Some(shape) = self.shape(id) else {
            // A prelude shape: nothing nested.
            return Vec::new();
        };
        path.push(id);
        let found = match shape.kind() {
            Some("structure" | "union") => self.members(shape, path, faulty),
            Some(kind @ ("list" | "set" | "map")) => {
                let key = if kind == "map" { "value" } else { "member" };
                match get(members(shape.node), key).map(|r| self.member_target(r)) {
                    Some(Some((target, _))) => self.nested(target, path, faulty),
                    Some(None) => {
                        *faulty = true;
                        Vec::new()
                    }
                    None => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        path.pop();
        found
    }

    /// The target of a member reference: a prelude shape or one of the
    /// model's; a target that is neither is a problem at it.
    fn member_target(&self, reference: &'n Node<'a>) -> Option<(&'n str, usize)> {
        let source = self.source;
        let members = source.object(reference, "a member")?;
        let Some(node) = get(members, "target") else {
            source.problem(reference.offset, "a member needs a `target`");
            return None;
        };
        let id = source.text(node, "`target`")?;
        // Prelude shapes are not in the model; one no member can hold
        // (`smithy.api#Unit`) is reported by `member_shape`.
        if !id.starts_with("smithy.api#") && self.shape(id).is_none() {
            source.problem(
                node.offset,
                format!("shape `{id}` is not in this model: the reference points nowhere"),
            );
            return None;
        }
        Some((id, node.offset))
    }

    /// The member shape of the target `id` of the member `name`; a target
    /// no member can hold (an operation, say) is a problem at it.
    fn member_shape(&self, name: &str, id: &str, offset: usize) -> Option<MemberShape> {
        let kind = match self.shape(id) {
            Some(shape) => shape.kind(),
            None => match prelude_shape(id) {
                Some(found) => return Some(found),
                None => Some(id.strip_prefix("smithy.api#").unwrap_or(id)),
            },
        };
        let found = kind.and_then(|kind| {
            Some(match kind {
                "string" | "enum" | "blob" => MemberShape::String,
                "integer" | "long" | "short" | "byte" | "bigInteger" | "intEnum" => {
                    MemberShape::Integer
                }
                "boolean" => MemberShape::Boolean,
                "timestamp" => MemberShape::Timestamp,
                "structure" | "union" | "list" | "set" | "map" | "document" | "float"
                | "double" | "bigDecimal" => MemberShape::Document,
                _ => return None,
            })
        });
        if found.is_none() {
            self.source.problem(
                offset,
                format!(
                    "member `{name}` targets `{id}`, a shape of type `{}`, which no member can hold",
                    kind.unwrap_or("?")
                ),
            );
        }
        found
    }

    /// The targets of `shape`'s `errors`, as wire codes; a target that is
    /// not an error shape of this model is a problem at the target.
    fn errors(&self, shape: &Shape<'n, 'a>, codes: &HashMap<&str, String>) -> Vec<String> {
        let Some(errors) = get(members(shape.node), "errors") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (id, offset) in self.targets(errors, "`errors`") {
            match codes.get(id) {
                Some(code) => out.push(code.clone()),
                None if self.shape(id).is_some() => self.source.problem(
                    offset,
                    format!("`{id}` is listed as an error, but it is not an error shape (it has no `{ERROR}` trait)"),
                ),
                // Reported by `targets`.
                None => {}
            }
        }
        out
    }

    /// The ids a list of `{"target": "id"}` references names, with their
    /// positions; a reference that points nowhere in this model is a
    /// problem at it.
    fn targets(&self, list: &'n Node<'a>, what: &str) -> Vec<(&'n str, usize)> {
        let Some(items) = self.source.array(list, what) else {
            return Vec::new();
        };
        items.iter().filter_map(|item| self.target(item)).collect()
    }

    fn target(&self, reference: &'n Node<'a>) -> Option<(&'n str, usize)> {
        let source = self.source;
        let members = source.object(reference, "a shape reference")?;
        let Some(node) = get(members, "target") else {
            source.problem(reference.offset, "a shape reference needs a `target`");
            return None;
        };
        let id = source.text(node, "`target`")?;
        if self.shape(id).is_none() {
            source.problem(
                node.offset,
                format!("shape `{id}` is not in this model: the reference points nowhere"),
            );
            return None;
        }
        Some((id, node.offset))
    }

    /// Every operation of a service: its own and its resources', nested
    /// resources included, each once.
    fn operations(&self, service: &Shape<'n, 'a>) -> Vec<(&'n str, usize)> {
        let mut found: Vec<(&'n str, usize)> = Vec::new();
        let mut seen_resources: Vec<&str> = Vec::new();
        let mut pending: Vec<&Shape<'n, 'a>> = vec![service];
        while let Some(shape) = pending.pop() {
            let body = members(shape.node);
            for key in ["create", "put", "read", "update", "delete", "list"] {
                if let Some(id) = get(body, key).and_then(|r| self.target(r)) {
                    found.push(id);
                }
            }
            for key in ["operations", "collectionOperations"] {
                if let Some(list) = get(body, key) {
                    found.extend(self.targets(list, &format!("`{key}`")));
                }
            }
            if let Some(list) = get(body, "resources") {
                for (id, _) in self.targets(list, "`resources`") {
                    if !seen_resources.contains(&id) {
                        seen_resources.push(id);
                        pending.extend(self.shape(id));
                    }
                }
            }
        }
        let mut unique: Vec<(&str, usize)> = Vec::with_capacity(found.len());
        for (id, offset) in found {
            if !unique.iter().any(|(seen, _)| *seen == id) {
                unique.push((id, offset));
            }
        }
        unique
    }
}

/// The member shape of a prelude shape (`smithy.api#Integer`,
/// `smithy.api#PrimitiveLong`). Numbers with a fraction are documents:
/// a member's shapes have no place for them.
fn prelude_shape(id: &str) -> Option<MemberShape> {
    let name = id.strip_prefix("smithy.api#")?;
    let name = name.strip_prefix("Primitive").unwrap_or(name);
    Some(match name {
        "String" | "Blob" => MemberShape::String,
        "Integer" | "Long" | "Short" | "Byte" | "BigInteger" => MemberShape::Integer,
        "Boolean" => MemberShape::Boolean,
        "Timestamp" => MemberShape::Timestamp,
        "Float" | "Double" | "BigDecimal" | "Document" => MemberShape::Document,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::json;
    use errtable_shared::ProtocolKind;

    /// A small Smithy model: `traits` on the service, and shapes.
    fn model(service_traits: &str, shapes: &str) -> String {
        format!(
            r#"{{
  "smithy": "2.0",
  "shapes": {{
    "ex#Service": {{
      "type": "service",
      "operations": [{{"target": "ex#GetThing"}}],
      "resources": [{{"target": "ex#Thing"}}],
      "errors": [{{"target": "ex#Throttled"}}],
      "traits": {{{service_traits}}}
    }},
    "ex#Thing": {{"type": "resource", "read": {{"target": "ex#GetThing"}}, "delete": {{"target": "ex#DeleteThing"}}}},
    "ex#GetThing": {{"type": "operation", "errors": [{{"target": "ex#NoThing"}}]}},
    "ex#DeleteThing": {{"type": "operation", "errors": [{{"target": "ex#NoThing"}}, {{"target": "ex#Broken"}}]}},
    "ex#NoThing": {{
      "type": "structure",
      "traits": {{
        "smithy.api#error": "client",
        "smithy.api#httpError": 404,
        "aws.protocols#awsQueryError": {{"code": "Thing.NotFound", "httpResponseCode": 410}},
        "smithy.api#documentation": "<p>No <code>Thing</code> &amp; no\n   other.</p><p>Sorry.</p>"
      }}
    }},
    "ex#Throttled": {{
      "type": "structure",
      "traits": {{"smithy.api#error": "client", "smithy.api#retryable": {{"throttling": true}},
                  "aws.protocols#awsQueryError": {{"code": "Throttling", "httpResponseCode": 429}}}}
    }},
    "ex#Broken": {{"type": "structure", "traits": {{"smithy.api#error": "server", "smithy.api#retryable": {{}}}}}}{shapes}
  }}
}}"#
        )
    }

    fn rows(spec: &crate::Spec) -> Vec<String> {
        spec.rows
            .iter()
            .map(|r| {
                format!(
                    "{} {} {} {:?} {:?} {:?}",
                    r.code, r.status, r.error_type, r.retry, r.query_code, r.description
                )
            })
            .collect()
    }

    fn problems(spec: &crate::Spec) -> Vec<String> {
        spec.problems
            .iter()
            .map(std::string::ToString::to_string)
            .collect()
    }

    #[test]
    fn rest_json_codes_are_shape_names() {
        let spec = json::read("m.json", &model(r#""aws.protocols#restJson1": {}"#, ""));
        assert_eq!(problems(&spec), Vec::<String>::new());
        assert_eq!(spec.protocol, Some(ProtocolKind::RestJson));
        assert!(spec.no_protocol.is_none());
        assert_eq!(
            rows(&spec),
            [
                "NoThing 404 Client None None \"No Thing & no other. Sorry.\"",
                // awsQueryError changes nothing outside the query protocols
                // and the services compatible with them: a client fault
                // without httpError is a 400.
                "Throttled 400 Client Some(Throttling) None \"\"",
                "Broken 500 Server Some(Transient) None \"\"",
            ]
        );
        let operations: Vec<(&str, Vec<&str>)> = spec
            .operations
            .iter()
            .map(|o| {
                (
                    o.name.as_str(),
                    o.errors.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            operations,
            [
                ("GetThing", vec!["NoThing", "Throttled"]),
                ("DeleteThing", vec!["NoThing", "Broken", "Throttled"]),
            ]
        );
        assert_eq!(spec.rows[0].pos.line, 14);
        assert_eq!(spec.operations[0].pos.line, 12);
    }

    #[test]
    fn query_services_keep_shape_names_with_query_codes_and_statuses() {
        let traits = r#""aws.protocols#awsQuery": {}, "smithy.api#xmlNamespace": {"uri": "https://example.com/doc/"}"#;
        let spec = json::read("m.json", &model(traits, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::Query));
        assert_eq!(
            spec.xml_namespace.as_deref(),
            Some("https://example.com/doc/")
        );
        let codes: Vec<(&str, u16, Option<&str>, Option<u16>)> = spec
            .rows
            .iter()
            .map(|r| {
                (
                    r.code.as_str(),
                    r.status,
                    r.query_code.as_deref(),
                    r.query_status,
                )
            })
            .collect();
        assert_eq!(
            codes,
            [
                ("NoThing", 404, Some("Thing.NotFound"), Some(410)),
                ("Throttled", 400, Some("Throttling"), Some(429)),
                ("Broken", 500, None, None)
            ]
        );
        assert_eq!(spec.operations[0].errors, ["NoThing", "Throttled"]);
    }

    #[test]
    fn rest_xml_wraps_its_errors_unless_the_model_says_not_to() {
        let spec = json::read("m.json", &model(r#""aws.protocols#restXml": {}"#, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::RestXmlWrapped));
        let traits = r#""aws.protocols#restXml": {"noErrorWrapping": true}"#;
        let spec = json::read("m.json", &model(traits, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::RestXml));
    }

    #[test]
    fn query_compatible_services_keep_the_query_code() {
        let traits = r#""aws.protocols#awsJson1_0": {}, "aws.protocols#awsQueryCompatible": {}"#;
        let spec = json::read("m.json", &model(traits, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::AwsJson));
        let codes: Vec<(&str, Option<&str>)> = spec
            .rows
            .iter()
            .map(|r| (r.code.as_str(), r.query_code.as_deref()))
            .collect();
        assert_eq!(
            codes,
            [
                ("NoThing", Some("Thing.NotFound")),
                ("Throttled", Some("Throttling")),
                ("Broken", None)
            ]
        );
    }

    #[test]
    fn the_first_protocol_errtable_speaks_is_the_tables() {
        let traits = r#""smithy.protocols#rpcv2Cbor": {}, "aws.protocols#awsJson1_1": {}"#;
        let spec = json::read("m.json", &model(traits, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::RpcV2Cbor));
        // A protocol the model defines itself is named, not spoken.
        let traits = r#""ex#myProtocol": {}, "aws.protocols#awsJson1_1": {}"#;
        let shapes = r#",
    "ex#myProtocol": {"type": "structure", "traits": {"smithy.api#trait": {}, "smithy.api#protocolDefinition": {}}}"#;
        let spec = json::read("m.json", &model(traits, shapes));
        assert_eq!(spec.protocol, Some(ProtocolKind::AwsJson11));
        let spec = json::read("m.json", &model(r#""ex#myProtocol": {}"#, shapes));
        assert!(spec.problems.is_empty(), "{:?}", spec.problems);
        assert_eq!(spec.protocol, None);
        assert_eq!(
            spec.no_protocol.unwrap().to_string(),
            "m.json:4:5: the service `Service` speaks no protocol errtable speaks \
             (`ex#myProtocol`): name one in the attribute with `protocol = \"...\"` \
             (rest-json, aws-json, aws-json-1.1, rest-xml, rest-xml-wrapped, query, ec2, problem-json, rpc-v2-cbor, google-json)"
        );
        let spec = json::read("m.json", &model("", ""));
        assert!(spec
            .no_protocol
            .unwrap()
            .to_string()
            .contains("the service `Service` names no protocol"));
    }

    #[test]
    fn bad_models_are_problems_at_their_place() {
        let traits = r#""aws.protocols#restJson2": {}, "aws.protocols#restJson1": {}"#;
        let shapes = r#",
    "ex#Bad": {"type": "structure", "traits": {"smithy.api#error": "sender", "smithy.api#httpError": "404"}},
    "ex#Odd": {"type": "operation", "errors": [{"target": "ex#Nowhere"}, {"target": "ex#Thing"}, {"targte": "x"}]}"#;
        let text = model(traits, shapes).replace(
            r#""operations": [{"target": "ex#GetThing"}]"#,
            r#""operations": [{"target": "ex#GetThing"}, {"target": "ex#Odd"}, {"target": "ex#Missing"}, {"target": "ex#Thing"}]"#,
        );
        let spec = json::read("m.json", &text);
        assert_eq!(
            problems(&spec),
            [
                "m.json:6:82: shape `ex#Missing` is not in this model: the reference points nowhere",
                "m.json:6:108: `ex#Thing` is listed as an operation, but it is a shape of type `resource`",
                "m.json:9:18: unknown protocol trait `aws.protocols#restJson2`: errtable knows \
                 `aws.protocols#restJson1`, `aws.protocols#awsJson1_0`, `aws.protocols#awsJson1_1`, \
                 `aws.protocols#restXml`, `aws.protocols#awsQuery`, `aws.protocols#ec2Query`, \
                 `smithy.protocols#rpcv2Cbor`",
                "m.json:29:68: `smithy.api#error` must be \"client\" or \"server\", found `\"sender\"`",
                "m.json:29:102: bad status `\"404\"` in `smithy.api#httpError`: expected a whole number",
                "m.json:30:59: shape `ex#Nowhere` is not in this model: the reference points nowhere",
                "m.json:30:85: `ex#Thing` is listed as an error, but it is not an error shape (it has no `smithy.api#error` trait)",
                "m.json:30:98: a shape reference needs a `target`",
            ]
        );
        // The valid error shapes are still read.
        assert_eq!(spec.rows.len(), 3);
    }

    #[test]
    fn members_with_their_traits_and_nested_members() {
        let shapes = r#",
    "ex#Limited": {"type": "structure", "traits": {"smithy.api#error": "client", "smithy.api#httpError": 429},
      "members": {
        "Message": {"target": "smithy.api#String"},
        "status": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpResponseCode": {}}},
        "code": {"target": "smithy.api#String"},
        "kind": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "x-amzn-ErrorType"}},
        "retryAfter": {"target": "smithy.api#PrimitiveLong",
                       "traits": {"smithy.api#httpHeader": "Retry-After", "smithy.api#documentation": "<p>Seconds &amp; more.</p>"}},
        "at": {"target": "ex#When", "traits": {"smithy.api#jsonName": "AT", "smithy.api#xmlName": "At"}},
        "ok": {"target": "smithy.api#Boolean"},
        "ratio": {"target": "smithy.api#Double"},
        "reason": {"target": "ex#Reason"},
        "fields": {"target": "ex#Fields"},
        "byName": {"target": "ex#FieldMap"}
      }},
    "ex#When": {"type": "timestamp"},
    "ex#Reason": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}},
    "ex#Fields": {"type": "list", "member": {"target": "ex#Field"}},
    "ex#FieldMap": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ex#Field"}},
    "ex#Field": {"type": "structure", "members": {
        "message": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "X-Ignored"}},
        "count": {"target": "ex#Count", "traits": {"smithy.api#jsonName": "n"}},
        "children": {"target": "ex#Fields"}
      }},
    "ex#Count": {"type": "intEnum", "members": {}}"#;
        let spec = json::read("m.json", &model(r#""aws.protocols#restJson1": {}"#, shapes));
        assert_eq!(problems(&spec), Vec::<String>::new());
        let limited = spec.rows.iter().find(|r| r.code == "Limited").unwrap();
        assert_eq!(
            crate::table::member_lines(limited),
            [
                "retryAfter integer Some(\"Retry-After\") None None \"Seconds & more.\"",
                "at timestamp None Some(\"AT\") Some(\"At\") \"\"",
                "ok boolean None None None \"\"",
                "ratio document None None None \"\"",
                "reason string None None None \"\"",
                // A list's elements and a map's values; the recursive
                // `children` is not descended into again.
                "fields document None None None \"\"",
                "  message string None None None \"\"",
                "  count integer None Some(\"n\") None \"\"",
                "  children document None None None \"\"",
                "byName document None None None \"\"",
                "  message string None None None \"\"",
                "  count integer None Some(\"n\") None \"\"",
                "  children document None None None \"\"",
            ]
        );
    }

    #[test]
    fn bad_members_are_problems_at_their_place() {
        let shapes = r#",
    "ex#Bad": {"type": "structure", "traits": {"smithy.api#error": "client"}, "members": {
      "a": {"target": "ex#Nowhere"}, "b": {"target": "ex#GetThing"}, "c": {"targt": "x"},
      "d": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": 1}}, "e": {"target": "smithy.api#Unit"}}}"#;
        let spec = json::read("m.json", &model(r#""aws.protocols#restJson1": {}"#, shapes));
        assert_eq!(
            problems(&spec),
            [
                "m.json:30:23: shape `ex#Nowhere` is not in this model: the reference points nowhere",
                "m.json:30:54: member `b` targets `ex#GetThing`, a shape of type `operation`, which no member can hold",
                "m.json:30:75: a member needs a `target`",
                "m.json:31:78: `smithy.api#jsonName` must be a string, found `1`",
                "m.json:31:99: member `e` targets `smithy.api#Unit`, a shape of type `Unit`, which no member can hold",
            ]
        );
        // The faulty row is left out; the others stay.
        assert_eq!(spec.rows.len(), 3);
    }

    #[test]
    fn members_of_a_published_model() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/models/smithy/accessanalyzer-2019-11-01.json"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} is not there");
            return;
        };
        let spec = json::read("accessanalyzer.json", &text);
        assert_eq!(problems(&spec), Vec::<String>::new());
        let row = |code: &str| spec.rows.iter().find(|r| r.code == code).unwrap();
        assert_eq!(
            crate::table::member_lines(row("ThrottlingException")),
            ["retryAfterSeconds integer Some(\"Retry-After\") None None \"The seconds to wait to retry.\""]
        );
        let validation = crate::table::member_lines(row("ValidationException"));
        let names: Vec<&str> = validation
            .iter()
            .map(|line| line.split(" None").next().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "reason string",
                "fieldList document",
                "  name string",
                "  message string"
            ]
        );
    }

    #[test]
    #[ignore = "a measurement: cargo test -p errtable-codegen --features models --lib member_counts -- --ignored --nocapture"]
    fn member_counts() {
        fn count(members: &[crate::Member]) -> (usize, usize) {
            members.iter().fold((0, 0), |(own, nested), m| {
                let below = count(&m.members);
                (own + 1, nested + below.0 + below.1)
            })
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/models/smithy");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
        {
            let spec = json::read("m.json", &std::fs::read_to_string(path).unwrap());
            let (own, nested) = spec.rows.iter().fold((0, 0), |(a, b), r| {
                let (own, nested) = count(&r.members);
                (a + own, b + nested)
            });
            println!(
                "{}: {} errors, {own} members, {nested} nested, {} problems",
                path.file_name().unwrap().to_string_lossy(),
                spec.rows.len(),
                spec.problems.len()
            );
        }
    }

    #[test]
    fn no_error_shapes_and_not_a_model() {
        let text = r#"{"smithy": "2.0", "shapes": {"ex#S": {"type": "service", "traits": {"aws.protocols#restXml": {}}}}}"#;
        assert_eq!(
            problems(&json::read("m.json", text)),
            ["m.json:1:19: this Smithy model has no error shapes (no shape has the `smithy.api#error` trait): there is nothing to derive"]
        );
        assert_eq!(
            problems(&json::read("m.json", r#"{"smithy": "3.0", "shapes": []}"#)),
            [
                "m.json:1:12: unsupported Smithy version `\"3.0\"`: errtable reads the JSON AST of Smithy 1.0 and 2.0",
                "m.json:1:29: `shapes` must be a JSON object, found `[]`",
            ]
        );
        assert_eq!(
            problems(&json::read("m.json", r#"{"version": "2.0", "shapes": {}}"#)),
            ["m.json:1:1: not an errtable spec nor a service model: expected `errors` (an errtable JSON spec), \
              `smithy` and `shapes` (a Smithy JSON AST model) or `metadata` and `shapes` (a botocore service-2.json model)"]
        );
    }
}
