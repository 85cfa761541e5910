//! botocore's service models (`service-2.json`, as botocore ships them
//! gzip-compressed: decompress first): every shape with `"exception": true`
//! is a row, `metadata` gives the protocol, and `operations` each
//! operation's errors. botocore's defaults apply:
//!
//! - code: `error.code`, else the shape name; for awsQueryCompatible
//!   services (SQS, CloudWatch) the shape name, with `error.code` as the
//!   query code;
//! - status: `error.httpStatusCode`, else 400;
//! - type: Server when the shape has `"fault": true` or the status is 5xx,
//!   else Client;
//! - retry class: `retryable` (throttling or transient); description:
//!   `documentation`, as plain text.

use crate::json::Source;
use crate::json_syntax::{Member, Node, Value};
use crate::model::{self, get, ErrorFacts, Status};
use crate::table::{Problem, RawModel, RawRow, RawTable};
use std::collections::HashMap;

/// botocore's protocol names, and errtable's for each it speaks.
const PROTOCOL_NAMES: [(&str, Option<&str>); 6] = [
    ("rest-json", Some("rest-json")),
    ("json", Some("aws-json")),
    ("rest-xml", Some("rest-xml")),
    ("query", Some("query")),
    ("ec2", Some("ec2")),
    // Known, not spoken: AWS's CBOR protocol.
    ("smithy-rpc-v2-cbor", None),
];

/// The rows, operations and protocol of a botocore model.
pub(crate) fn read(source: &Source<'_>, top: &[Member<'_>], top_offset: usize) -> RawTable {
    let metadata = get(top, "metadata").and_then(|m| source.object(m, "`metadata`"));
    let metadata = metadata.unwrap_or(&[]);
    let (protocol, no_protocol) = protocol(source, metadata, top_offset);
    let query_compatible = get(metadata, "awsQueryCompatible").is_some();

    let Some(shapes) = get(top, "shapes").and_then(|s| source.object(s, "`shapes`")) else {
        return RawTable::default();
    };
    let shapes_offset = top
        .iter()
        .find(|m| m.key == "shapes")
        .map_or(top_offset, |m| m.key_offset);
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
        let row = row(source, shape, body, query_compatible);
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
) -> (Option<&'static str>, Option<Problem>) {
    let mut names: Vec<&Node> = Vec::new();
    if let Some(list) = get(metadata, "protocols").and_then(|p| source.array(p, "`protocols`")) {
        names.extend(list);
    }
    names.extend(get(metadata, "protocol"));
    let mut named = Vec::new();
    let mut protocol = None;
    for node in names {
        let Some(name) = source.text(node, "a protocol") else {
            continue;
        };
        match PROTOCOL_NAMES.iter().find(|(n, _)| *n == name) {
            Some((_, spoken)) => {
                protocol = protocol.or(*spoken);
                named.push(name.to_owned());
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
    named.dedup();
    // At the protocol the model names, or where it would name one.
    let at = get(metadata, "protocol").map_or(top_offset, |node| node.offset);
    let problem = Problem::at(
        source.file,
        source.pos(at),
        model::no_protocol_message("this botocore model", &named),
    );
    (None, Some(problem))
}

fn row(
    source: &Source<'_>,
    shape: &Member<'_>,
    body: &[Member<'_>],
    query_compatible: bool,
) -> RawRow {
    let error = get(body, "error").and_then(|e| source.object(e, "`error`"));
    let error = error.unwrap_or(&[]);
    let written = get(error, "code").and_then(|node| {
        source
            .text(node, "`error.code`")
            .map(|code| (code, node.offset))
    });
    let name = (shape.key.clone(), shape.key_offset);
    let (code, query_code) = match written {
        Some((code, offset)) if query_compatible => {
            (name, (code != shape.key).then(|| (code.to_owned(), offset)))
        }
        Some((code, offset)) => ((code.to_owned(), offset), None),
        None => (name, None),
    };
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
        status: match status_node {
            Some(node) => Status::Given(node, "`error.httpStatusCode`"),
            None => Status::Default(400, declared),
        },
        error_type: (if server { "Server" } else { "Client" }, type_offset),
        documentation: get(body, "documentation"),
        retryable: get(body, "retryable"),
        query_code,
    })
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
        spec.problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn botocore_defaults() {
        let spec = json::read("service-2.json", &model(r#""protocol": "query""#, ""));
        assert_eq!(problems(&spec), Vec::<String>::new());
        assert_eq!(spec.protocol, Some("query"));
        assert_eq!(
            rows(&spec),
            [
                "Thing.NotFound 404 Client None None \"No thing.\"",
                "Busy 400 Server Some(Transient) None \"\"",
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
                ("GetThing", vec!["Thing.NotFound", "Busy"]),
                ("ListThings", vec![])
            ]
        );
    }

    #[test]
    fn query_compatible_models_keep_shape_names() {
        let metadata = r#""protocol": "json", "awsQueryCompatible": {}"#;
        let spec = json::read("service-2.json", &model(metadata, ""));
        assert_eq!(spec.protocol, Some("aws-json"));
        assert_eq!(spec.rows[0].code, "NoThing");
        assert_eq!(spec.rows[0].query_code.as_deref(), Some("Thing.NotFound"));
        assert_eq!(spec.operations[0].errors, ["NoThing", "Busy"]);
    }

    #[test]
    fn the_first_protocol_errtable_speaks() {
        let metadata = r#""protocol": "smithy-rpc-v2-cbor", "protocols": ["smithy-rpc-v2-cbor", "json", "query"]"#;
        let spec = json::read("service-2.json", &model(metadata, ""));
        assert_eq!(spec.protocol, Some("aws-json"));
        let metadata = r#""protocol": "smithy-rpc-v2-cbor", "protocols": ["smithy-rpc-v2-cbor"]"#;
        let spec = json::read("service-2.json", &model(metadata, ""));
        assert!(spec.problems.is_empty());
        assert_eq!(
            spec.no_protocol.unwrap().to_string(),
            "service-2.json:3:28: this botocore model speaks no protocol errtable speaks \
             (`smithy-rpc-v2-cbor`): name one in the attribute with `protocol = \"...\"` \
             (rest-json, aws-json, rest-xml, query, ec2)"
        );
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
