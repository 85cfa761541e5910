//! botocore's service models (`service-2.json`, as botocore ships them
//! gzip-compressed: decompress first): every shape with `"exception": true`
//! is a row, `metadata` gives the protocol, and `operations` each
//! operation's errors. botocore's defaults apply:
//!
//! - code: `error.code`, else the shape name; for awsQueryCompatible
//!   services (SQS, `CloudWatch`) the shape name, with `error.code` as the
//!   query code;
//! - status: `error.httpStatusCode`, else 400;
//! - type: Server when the shape has `"fault": true` or the status is 5xx,
//!   else Client;
//! - retry class: `retryable` (throttling or transient); description:
//!   `documentation`, as plain text;
//! - members: the shape's members but its message and status code, with
//!   their header binding, wire name and documentation, and for documents
//!   the members of the structures they hold.

use crate::html;
use crate::json_source::{get, Source};
use crate::json_syntax::{Member, Node, Value};
use crate::model::{self, ErrorFacts, Status};
use crate::table::{self, Problem, RawModel, RawRow, RawTable};
use errtable_shared::{MemberShape, ProtocolKind};
use std::collections::HashMap;

/// How many structures deep nested members are followed (as for Smithy
/// models).
const MAX_MEMBER_DEPTH: usize = 8;

/// A model's shapes by name.
type Shapes<'n, 'a> = HashMap<&'n str, &'n [Member<'a>]>;

/// botocore's protocol names, and errtable's for each it speaks.
const PROTOCOL_NAMES: [(&str, Option<ProtocolKind>); 6] = [
    ("rest-json", Some(ProtocolKind::RestJson)),
    // JSON 1.1 with `"jsonVersion": "1.1"`: see `protocol`.
    ("json", Some(ProtocolKind::AwsJson)),
    // S3 (serviceId `S3`) unwrapped, as Smithy's `noErrorWrapping`, which
    // botocore models do not carry, says: see `protocol`.
    ("rest-xml", Some(ProtocolKind::RestXmlWrapped)),
    ("query", Some(ProtocolKind::Query)),
    ("ec2", Some(ProtocolKind::Ec2)),
    ("smithy-rpc-v2-cbor", Some(ProtocolKind::RpcV2Cbor)),
];

/// The rows, operations and protocol of a botocore model.
pub(crate) fn read(source: &Source<'_>, top: &[Member<'_>], top_offset: usize) -> RawTable {
    let metadata = get(top, "metadata").and_then(|m| source.object(m, "`metadata`"));
    let metadata = metadata.unwrap_or(&[]);
    let (protocol, no_protocol) = protocol(source, metadata, top_offset);
    // `error.code` is a query code where the query protocols, or
    // query-compatible JSON, send it; other models repeat the name there.
    let query_codes = protocol.is_some_and(ProtocolKind::sends_query_codes)
        || get(metadata, "awsQueryCompatible").is_some();

    let Some(shapes) = get(top, "shapes").and_then(|s| source.object(s, "`shapes`")) else {
        return RawTable::default();
    };
    let shapes_offset = top
        .iter()
        .find(|m| m.key == "shapes")
        .map_or(top_offset, |m| m.key_offset);
    let by_name: Shapes = shapes
        .iter()
        .filter_map(|shape| match &shape.value.value {
            Value::Object(body) => Some((shape.key.as_str(), &body[..])),
            _ => None,
        })
        .collect();
    let mut rows = Vec::new();
    let mut codes: HashMap<&str, String> = HashMap::new();
    for shape in shapes {
        let Some(body) = source.object(&shape.value, "a shape") else {
            continue;
        };
        if !matches!(
            get(body, "exception").map(|e| &e.value),
            Some(Value::Bool(true))
        ) {
            continue;
        }
        let mut row = row(source, shape, body, query_codes);
        let mut path = vec![shape.key.as_str()];
        row.members = Members {
            source,
            shapes: &by_name,
            xml: protocol.is_some_and(ProtocolKind::is_xml),
            json: protocol.is_some_and(|kind| !kind.is_xml()),
        }
        .of(body, &mut path, &mut row.faulty);
        if let Some(code) = &row.code {
            codes.insert(&shape.key, code.text.clone());
        }
        rows.push(row);
    }
    if rows.is_empty() {
        source.problem(
            shapes_offset,
            "this botocore model has no error shapes (no shape has `\"exception\": true`): there is nothing to derive",
        );
    }

    let mut operations = Vec::new();
    let listed = get(top, "operations").and_then(|o| source.object(o, "`operations`"));
    for operation in listed.unwrap_or(&[]) {
        let Some(body) = source.object(&operation.value, "an operation") else {
            continue;
        };
        let mut own = Vec::new();
        if let Some(errors) = get(body, "errors").and_then(|e| source.array(e, "`errors`")) {
            for reference in errors {
                if let Some(code) = error_code(source, shapes, &codes, reference) {
                    own.push(code);
                }
            }
        }
        operations.push(source.operation(&operation.key, operation.key_offset, own, &[]));
    }
    RawTable {
        rows,
        model: Some(RawModel {
            protocol,
            no_protocol,
            xml_namespace: get(metadata, "xmlNamespace")
                .and_then(|node| source.text(node, "`metadata.xmlNamespace`"))
                .map(str::to_owned),
            operations,
        }),
    }
}

/// The first protocol of `metadata.protocols` (botocore's order of
/// preference) that errtable speaks, else `metadata.protocol`'s.
fn protocol(
    source: &Source<'_>,
    metadata: &[Member<'_>],
    top_offset: usize,
) -> (Option<ProtocolKind>, Option<Problem>) {
    let mut names: Vec<&Node> = Vec::new();
    if let Some(list) = get(metadata, "protocols").and_then(|p| source.array(p, "`protocols`")) {
        names.extend(list);
    }
    names.extend(get(metadata, "protocol"));
    let mut unspoken = Vec::new();
    let mut protocol = None;
    for node in names {
        let Some(name) = source.text(node, "a protocol") else {
            continue;
        };
        match PROTOCOL_NAMES.iter().find(|(n, _)| *n == name) {
            Some((_, spoken)) => {
                let text = |key| get(metadata, key).map(|node| &node.value);
                let spoken = match spoken {
                    Some(ProtocolKind::AwsJson)
                        if text("jsonVersion") == Some(&Value::String("1.1".into())) =>
                    {
                        Some(ProtocolKind::AwsJson11)
                    }
                    Some(ProtocolKind::RestXmlWrapped)
                        if text("serviceId") == Some(&Value::String("S3".into())) =>
                    {
                        Some(ProtocolKind::RestXml)
                    }
                    spoken => *spoken,
                };
                protocol = protocol.or(spoken);
                unspoken.push(name.to_owned());
            }
            None => source.problem(
                node.offset,
                format!(
                    "unknown protocol `{name}`: errtable knows {}",
                    PROTOCOL_NAMES
                        .iter()
                        .map(|(n, _)| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
        }
    }
    if protocol.is_some() {
        return (protocol, None);
    }
    unspoken.dedup();
    // At the protocol the model names, or where it would name one.
    let at = get(metadata, "protocol").map_or(top_offset, |node| node.offset);
    let problem = Problem::at(
        source.file,
        source.pos(at),
        model::no_protocol_message("this botocore model", &unspoken),
    );
    (None, Some(problem))
}

fn row(source: &Source<'_>, shape: &Member<'_>, body: &[Member<'_>], query_codes: bool) -> RawRow {
    let error = get(body, "error").and_then(|e| source.object(e, "`error`"));
    let error = error.unwrap_or(&[]);
    let written = get(error, "code").and_then(|node| {
        source
            .text(node, "`error.code`")
            .map(|code| (code, node.offset))
    });
    // The shape's name is the code, as boto3 names the exception;
    // `error.code` is what the query protocols (and query-compatible JSON,
    // in `x-amzn-query-error`) send.
    let code = (shape.key.clone(), shape.key_offset);
    let query_code = written
        .filter(|_| query_codes)
        .map(|(code, offset)| (code.to_owned(), offset));
    // Where the shape says it is an error: the place of defaults.
    let declared = get(body, "exception").map_or(shape.key_offset, |e| e.offset);
    let status_node = get(error, "httpStatusCode");
    let status_value = status_node.and_then(|node| match &node.value {
        Value::Number(digits) => digits.parse::<u16>().ok(),
        _ => None,
    });
    let fault = get(body, "fault");
    let server = matches!(fault.map(|f| &f.value), Some(Value::Bool(true)))
        || status_value.is_some_and(|s| s >= 500);
    let type_offset = match (fault, status_node) {
        (Some(node), _) | (None, Some(node)) => node.offset,
        (None, None) => declared,
    };
    source.row(ErrorFacts {
        offset: shape.key_offset,
        code,
        // botocore has one status, `httpStatusCode`, whichever Smithy
        // trait it came from (`httpError`, or for query services
        // `awsQueryError.httpResponseCode`): it is the table's status, in
        // every protocol.
        status: match status_node {
            Some(node) => Status::Given(node, "`error.httpStatusCode`"),
            None if server => Status::Default(500, declared),
            None => Status::Default(400, declared),
        },
        error_type: (if server { "Server" } else { "Client" }, type_offset),
        documentation: get(body, "documentation"),
        retryable: get(body, "retryable"),
        query_code,
        query_status: None,
        shape_id: None,
    })
}

/// Reads the members of error shapes.
struct Members<'s, 'n, 'a> {
    source: &'s Source<'s>,
    shapes: &'s Shapes<'n, 'a>,
    /// Whether `locationName` is the member's XML element name (rest-xml,
    /// query and ec2 responses are XML) or its JSON key (rest-json and
    /// json): botocore's parsers look body members up by
    /// `serialization.get('name', member_name)` in both, and its
    /// serializers write them so. A model of neither (CBOR) gives none.
    xml: bool,
    json: bool,
}

impl<'n, 'a> Members<'_, 'n, 'a> {
    /// The members of a structure `body`, in the model's order; `path`
    /// holds the shapes from the error shape down to this one. The error's
    /// own members (a path of one) leave out its message, its status code
    /// (`"location": "statusCode"`), header maps (`"location": "headers"`,
    /// no one header to bind) and what the protocols write themselves
    /// (`Code`, `RequestId`, an `x-amzn-ErrorType` header), and only they
    /// are bound to headers: botocore reads `"location": "header"` members
    /// from the header `locationName` (else the member's name), and every
    /// other member from the body. A problem is reported and makes the row
    /// `faulty`.
    fn of(
        &self,
        body: &'n [Member<'a>],
        path: &mut Vec<&'n str>,
        faulty: &mut bool,
    ) -> Vec<table::Member> {
        let source = self.source;
        let own = path.len() == 1;
        let Some(list) = get(body, "members") else {
            return Vec::new();
        };
        let Some(list) = source.object(list, "`members`") else {
            *faulty = true;
            return Vec::new();
        };
        let mut out = Vec::with_capacity(list.len());
        for member in list {
            let name = member.key.as_str();
            let Some(reference) = source.object(&member.value, "a member") else {
                *faulty = true;
                continue;
            };
            let mut text = |key: &str, what: &str| {
                get(reference, key).and_then(|node| {
                    let text = source.text(node, what);
                    *faulty |= text.is_none();
                    text
                })
            };
            let location = text("location", "`location`");
            let location_name = text("locationName", "`locationName`");
            let documentation = text("documentation", "documentation");
            let header = match location {
                Some("header") if own => Some(location_name.unwrap_or(name)),
                _ => None,
            };
            if own
                && (location.is_some_and(|l| l != "header")
                    || model::written_by_protocols(name, header))
            {
                continue;
            }
            let Some((target, shape)) = self.target(name, reference, member.value.offset) else {
                *faulty = true;
                continue;
            };
            // The body's name for it, where it differs from the member's.
            let wire = location_name.filter(|n| header.is_none() && *n != name);
            // `jsonvalue` headers hold JSON as base64 text, and `xmlFlattened`
            // lists leave out their wrapping element: neither has a place in
            // a member, which keeps the header's text and the list's items.
            out.push(table::Member {
                name: name.to_owned(),
                shape,
                header: header.map(str::to_owned),
                json_name: wire.filter(|_| self.json).map(str::to_owned),
                xml_name: wire.filter(|_| self.xml).map(str::to_owned),
                description: documentation.map(html::to_text).unwrap_or_default(),
                members: if shape == MemberShape::Document {
                    self.nested(target, path, faulty)
                } else {
                    Vec::new()
                },
            });
        }
        out
    }

    /// The shape `{"shape": "Name"}` names and the member shape it gives;
    /// a reference that points nowhere, or at a shape no member can hold,
    /// is a problem.
    fn target(
        &self,
        name: &str,
        reference: &'n [Member<'a>],
        offset: usize,
    ) -> Option<(&'n str, MemberShape)> {
        let source = self.source;
        let Some(node) = get(reference, "shape") else {
            source.problem(offset, "a member needs a `shape`");
            return None;
        };
        let id = source.text(node, "`shape`")?;
        let Some(body) = self.shapes.get(id) else {
            source.problem(
                node.offset,
                format!("shape `{id}` is not in this model: the reference points nowhere"),
            );
            return None;
        };
        let kind = get(body, "type").and_then(|t| match &t.value {
            Value::String(kind) => Some(kind.as_str()),
            _ => None,
        });
        let shape = match kind {
            Some("string" | "blob") => MemberShape::String,
            Some("integer" | "long" | "short" | "byte") => MemberShape::Integer,
            Some("boolean") => MemberShape::Boolean,
            Some("timestamp") => MemberShape::Timestamp,
            // Numbers with a fraction have no member shape of their own.
            Some("structure" | "list" | "map" | "double" | "float") => MemberShape::Document,
            _ => {
                source.problem(
                    node.offset,
                    format!(
                        "member `{name}` is of shape `{id}`, of type `{}`, which no member can hold",
                        kind.unwrap_or("?")
                    ),
                );
                return None;
            }
        };
        Some((id, shape))
    }

    /// The members of the structure a document member holds, through
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
        let Some(&body) = self.shapes.get(id) else {
            return Vec::new();
        };
        path.push(id);
        let kind = get(body, "type").map(|t| &t.value);
        let found = match kind {
            Some(Value::String(kind)) if kind == "structure" => self.of(body, path, faulty),
            Some(Value::String(kind)) if kind == "list" || kind == "map" => {
                let key = if kind == "map" { "value" } else { "member" };
                let inner = get(body, key).and_then(|node| match &node.value {
                    Value::Object(reference) => Some((reference, node.offset)),
                    _ => None,
                });
                match inner.map(|(reference, offset)| self.target(key, reference, offset)) {
                    Some(Some((target, MemberShape::Document))) => {
                        self.nested(target, path, faulty)
                    }
                    Some(None) => {
                        *faulty = true;
                        Vec::new()
                    }
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        path.pop();
        found
    }
}

/// The code of the error shape `{"shape": "Name"}` refers to; a reference
/// that points nowhere, or at a shape that is not an error, is a problem.
fn error_code(
    source: &Source<'_>,
    shapes: &[Member<'_>],
    codes: &HashMap<&str, String>,
    reference: &Node<'_>,
) -> Option<String> {
    let body = source.object(reference, "an error reference")?;
    let Some(node) = get(body, "shape") else {
        source.problem(reference.offset, "an error reference needs a `shape`");
        return None;
    };
    let name = source.text(node, "`shape`")?;
    if let Some(code) = codes.get(name) {
        return Some(code.clone());
    }
    if shapes.iter().any(|s| s.key == name) {
        source.problem(
            node.offset,
            format!("`{name}` is listed as an error, but it is not an error shape (it lacks `\"exception\": true`)"),
        );
    } else {
        source.problem(
            node.offset,
            format!("shape `{name}` is not in this model: the reference points nowhere"),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::json;
    use errtable_shared::ProtocolKind;

    fn model(metadata: &str, extra: &str) -> String {
        format!(
            r#"{{
  "version": "2.0",
  "metadata": {{{metadata}}},
  "operations": {{
    "GetThing": {{"name": "GetThing", "errors": [{{"shape": "NoThing"}}, {{"shape": "Busy"}}]}},
    "ListThings": {{"name": "ListThings"}}
  }},
  "shapes": {{
    "NoThing": {{"type": "structure", "members": {{}}, "error": {{"code": "Thing.NotFound", "httpStatusCode": 404, "senderFault": true}},
                "exception": true, "documentation": "<p>No thing.</p>"}},
    "Busy": {{"type": "structure", "members": {{}}, "exception": true, "fault": true, "retryable": {{"throttling": false}}}},
    "Gone": {{"type": "structure", "members": {{}}, "error": {{"httpStatusCode": 503}}, "exception": true,
             "retryable": {{"throttling": true}}}},
    "Thing": {{"type": "structure", "members": {{}}}}{extra}
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
    fn botocore_defaults() {
        let spec = json::read("service-2.json", &model(r#""protocol": "query""#, ""));
        assert_eq!(problems(&spec), Vec::<String>::new());
        assert_eq!(spec.protocol, Some(ProtocolKind::Query));
        // The shape's name is the code, `error.code` the query code; a
        // fault with no status is a 500.
        assert_eq!(
            rows(&spec),
            [
                "NoThing 404 Client None Some(\"Thing.NotFound\") \"No thing.\"",
                "Busy 500 Server Some(Transient) None \"\"",
                "Gone 503 Server Some(Throttling) None \"\"",
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
                ("GetThing", vec!["NoThing", "Busy"]),
                ("ListThings", vec![])
            ]
        );
    }

    #[test]
    fn query_compatible_models_keep_shape_names() {
        let metadata = r#""protocol": "json", "awsQueryCompatible": {}"#;
        let spec = json::read("service-2.json", &model(metadata, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::AwsJson));
        assert_eq!(spec.rows[0].code, "NoThing");
        assert_eq!(spec.rows[0].query_code.as_deref(), Some("Thing.NotFound"));
        assert_eq!(spec.operations[0].errors, ["NoThing", "Busy"]);
    }

    #[test]
    fn the_first_protocol_errtable_speaks() {
        // CloudWatch's: CBOR first, as boto3 speaks it.
        let metadata = r#""protocol": "smithy-rpc-v2-cbor", "protocols": ["smithy-rpc-v2-cbor", "json", "query"]"#;
        let spec = json::read("service-2.json", &model(metadata, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::RpcV2Cbor));
        let metadata = r#""protocol": "json", "protocols": ["awsJson2", "json"]"#;
        let spec = json::read("service-2.json", &model(metadata, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::AwsJson));
        let metadata = r#""protocol": "json", "jsonVersion": "1.1""#;
        let spec = json::read("service-2.json", &model(metadata, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::AwsJson11));
        // rest-xml wraps its errors, but for S3.
        let metadata = r#""protocol": "rest-xml", "serviceId": "CloudFront""#;
        let spec = json::read("service-2.json", &model(metadata, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::RestXmlWrapped));
        let metadata = r#""protocol": "rest-xml", "serviceId": "S3", "xmlNamespace": "http://s3.amazonaws.com/doc/2006-03-01/""#;
        let spec = json::read("service-2.json", &model(metadata, ""));
        assert_eq!(spec.protocol, Some(ProtocolKind::RestXml));
        assert_eq!(
            spec.xml_namespace.as_deref(),
            Some("http://s3.amazonaws.com/doc/2006-03-01/")
        );
        let metadata = r#""serviceId": "Nothing""#;
        let spec = json::read("service-2.json", &model(metadata, ""));
        assert!(spec.problems.is_empty());
        assert!(spec
            .no_protocol
            .unwrap()
            .to_string()
            .contains("names no protocol errtable knows"));
    }

    const MEMBERS: &str = r#",
    "Limited": {"type": "structure", "exception": true, "error": {"httpStatusCode": 429}, "members": {
      "message": {"shape": "String"}, "Code": {"shape": "String"}, "RequestId": {"shape": "String"},
      "status": {"shape": "Integer", "location": "statusCode"},
      "kind": {"shape": "String", "location": "header", "locationName": "x-amzn-ErrorType"},
      "extra": {"shape": "Tags", "location": "headers", "locationName": "x-meta-"},
      "retryAfterSeconds": {"shape": "Integer", "location": "header", "locationName": "Retry-After",
                            "documentation": "<p>Seconds to wait.</p>"},
      "Region": {"shape": "String", "location": "header"},
      "resourceId": {"shape": "String", "locationName": "ResourceId"},
      "when": {"shape": "Time"}, "ok": {"shape": "Flag"}, "size": {"shape": "Long"}, "ratio": {"shape": "Ratio"},
      "fields": {"shape": "Fields"}, "tags": {"shape": "Tags"}}},
    "String": {"type": "string"}, "Integer": {"type": "integer"}, "Long": {"type": "long"},
    "Time": {"type": "timestamp"}, "Flag": {"type": "boolean"}, "Ratio": {"type": "double"},
    "Fields": {"type": "list", "member": {"shape": "Field"}},
    "Tags": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
    "Field": {"type": "structure", "members": {
      "name": {"shape": "String", "locationName": "Name"}, "message": {"shape": "String"},
      "children": {"shape": "Fields"}}}"#;

    #[test]
    fn members_with_their_bindings_and_nested_members() {
        let spec = json::read(
            "service-2.json",
            &model(r#""protocol": "rest-json""#, MEMBERS),
        );
        assert_eq!(problems(&spec), Vec::<String>::new());
        let limited = spec.rows.iter().find(|r| r.code == "Limited").unwrap();
        assert_eq!(
            crate::table::member_lines(limited),
            [
                "retryAfterSeconds integer Some(\"Retry-After\") None None \"Seconds to wait.\"",
                "Region string Some(\"Region\") None None \"\"",
                "resourceId string None Some(\"ResourceId\") None \"\"",
                "when timestamp None None None \"\"",
                "ok boolean None None None \"\"",
                "size integer None None None \"\"",
                "ratio document None None None \"\"",
                // A list's elements, whose recursive `children` is not
                // descended into again; a map of strings has no members.
                "fields document None None None \"\"",
                "  name string None Some(\"Name\") None \"\"",
                "  message string None None None \"\"",
                "  children document None None None \"\"",
                "tags document None None None \"\"",
            ]
        );
        // XML protocols name elements with `locationName`.
        let spec = json::read(
            "service-2.json",
            &model(r#""protocol": "rest-xml""#, MEMBERS),
        );
        let limited = spec.rows.iter().find(|r| r.code == "Limited").unwrap();
        let resource = &limited.members[2];
        assert_eq!(
            (resource.json_name.as_deref(), resource.xml_name.as_deref()),
            (None, Some("ResourceId"))
        );
    }

    #[test]
    fn bad_members_are_problems_at_their_place() {
        let extra = r#",
    "Bad": {"type": "structure", "exception": true, "members": {"a": {"shape": "Nowhere"}, "b": {"shap": "x"},
      "c": {"shape": "Op"}, "d": {"shape": "S", "documentation": 1}}},
    "Op": {"type": "operation"}, "S": {"type": "string"}"#;
        let spec = json::read("service-2.json", &model(r#""protocol": "json""#, extra));
        assert_eq!(
            problems(&spec),
            [
                "service-2.json:15:80: shape `Nowhere` is not in this model: the reference points nowhere",
                "service-2.json:15:97: a member needs a `shape`",
                "service-2.json:16:22: member `c` is of shape `Op`, of type `operation`, which no member can hold",
                "service-2.json:16:66: documentation must be a string, found `1`",
            ]
        );
        assert_eq!(spec.rows.len(), 3, "the faulty row is left out");
    }

    #[test]
    fn bad_models_are_problems_at_their_place() {
        let extra = r#",
    "Odd": {"type": "structure", "exception": true, "error": {"httpStatusCode": 200, "code": 7}, "documentation": 1}"#;
        let text = model(r#""protocol": "rest-jsn""#, extra).replace(
            r#"{"shape": "Busy"}"#,
            r#"{"shape": "Thing"}, {"shape": "Nowhere"}, {"shap": "Busy"}"#,
        );
        let spec = json::read("service-2.json", &text);
        assert_eq!(
            problems(&spec),
            [
                "service-2.json:3:28: unknown protocol `rest-jsn`: errtable knows `rest-json`, `json`, \
                 `rest-xml`, `query`, `ec2`, `smithy-rpc-v2-cbor`",
                "service-2.json:5:81: `Thing` is listed as an error, but it is not an error shape (it lacks `\"exception\": true`)",
                "service-2.json:5:101: shape `Nowhere` is not in this model: the reference points nowhere",
                "service-2.json:5:113: an error reference needs a `shape`",
                "service-2.json:15:81: HTTP status 200 is not an error status: an error row needs one in 300..=599",
                "service-2.json:15:94: `error.code` must be a string, found `7`",
                "service-2.json:15:115: documentation must be a string, found `1`",
            ]
        );
        assert_eq!(spec.rows.len(), 3, "the other shapes are still read");
    }
}
