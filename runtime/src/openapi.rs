//! `utoipa::IntoResponses` for [`ServiceError`], so an operation's `OpenAPI`
//! document lists every error it can return. Needs the `utoipa` feature
//! (utoipa 5).
//!
//! Each status of the table is one response: its description lists the
//! codes sent with it; its content, in the table's protocol's media type,
//! has the body's schema, with the code as an enum of those codes, and an
//! example body per code, written by this crate's own writers; its headers
//! are the ones the protocol sends (`x-amzn-RequestId` and
//! `x-amzn-ErrorType` for REST-JSON, for example). A per-operation table
//! (`operation = "..."` or `only(...)`) is its own type with its own
//! responses: name that operation's error type in its path.
//!
//! With utoipa's derive, `#[utoipa::path(get, path = "/{account}/vaults/{vault}",
//! responses((status = 200, description = "The vault"), GlacierError))]`; by
//! hand, as here:
//!
//! ```
//! use errtable::ErrorTable;
//! use utoipa::openapi::path::OperationBuilder;
//! use utoipa::openapi::ResponsesBuilder;
//!
//! #[derive(ErrorTable)]
//! #[error_table(spec = "spec/glacier.md")]
//! pub struct Glacier;
//!
//! let describe_vault = OperationBuilder::new()
//!     .operation_id(Some("DescribeVault"))
//!     .responses(ResponsesBuilder::new().responses_from_into_responses::<GlacierError>())
//!     .build();
//! let document = serde_json::to_value(&describe_vault)?;
//! let not_found = &document["responses"]["404"]["content"]["application/json"];
//! assert_eq!(
//!     not_found["schema"]["properties"]["code"]["enum"],
//!     serde_json::json!(["ResourceNotFoundException"])
//! );
//! assert_eq!(
//!     not_found["examples"]["ResourceNotFoundException"]["value"]["code"],
//!     "ResourceNotFoundException"
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

use crate::http::{
    X_AMZN_ERROR_TYPE, X_AMZN_QUERY_ERROR, X_AMZN_REQUEST_ID, X_AMZ_ID_2, X_AMZ_REQUEST_ID,
};
use crate::{ErrorType, Exception, Member, MemberShape, Protocol, ServiceError};
use ::http::header::{HeaderName, CONTENT_LENGTH, CONTENT_TYPE, DATE};
use serde_json::Value;
use std::collections::BTreeMap;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::RefOr;
use utoipa::IntoResponses;

/// The request id of the examples, shaped like the ones sent.
const EXAMPLE_REQUEST_ID: &str = "AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg";

/// The headers documented, as AWS spells them, and what each carries;
/// whether its values are the codes (an enum), not an id.
static HEADERS: [(HeaderName, &str, &str, bool); 5] = [
    (
        X_AMZN_REQUEST_ID,
        "x-amzn-RequestId",
        "The request's id.",
        false,
    ),
    (
        X_AMZ_REQUEST_ID,
        "x-amz-request-id",
        "The request's id.",
        false,
    ),
    (
        X_AMZN_ERROR_TYPE,
        "x-amzn-ErrorType",
        "The error code, which clients read before the body's.",
        true,
    ),
    (
        X_AMZN_QUERY_ERROR,
        "x-amzn-query-error",
        "`Code;Sender` or `Code;Receiver`: the code the AWS query protocol sends, for errors that have one.",
        true,
    ),
    (
        X_AMZ_ID_2,
        "x-amz-id-2",
        "The host id, also the body's `HostId`.",
        false,
    ),
];

impl<E: Exception> IntoResponses for ServiceError<E> {
    /// One response per status of the table, in the table's protocol: see
    /// [`ServiceError::openapi_responses_in`].
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        Self::openapi_responses_in(&E::protocol())
    }
}

impl<E: Exception> ServiceError<E> {
    /// The `OpenAPI` responses of the table's errors in `protocol`, keyed by
    /// status: what `utoipa::IntoResponses` gives in the table's own
    /// protocol, for a service that speaks another. Each has:
    /// - a description listing the status's codes and their descriptions;
    /// - the protocol's media type, with the body's schema (the code an
    ///   enum of the status's codes) and an example per code, the body this
    ///   crate writes for it with its description as the message; none for
    ///   a 304, which has no body, nor for an XML protocol without the `xml`
    ///   feature, which writes none;
    /// - the headers sent besides `Content-Type`, `Content-Length` and
    ///   `Date`: the request id's, the code's where the protocol sends it
    ///   (an enum of the codes), and those the rows' members are bound to;
    /// - a property per member the body carries, under its wire name, with
    ///   its shape's schema.
    ///
    /// Requires the `utoipa` feature.
    #[must_use]
    pub fn openapi_responses_in(protocol: &Protocol) -> BTreeMap<String, RefOr<Response>> {
        let mut by_status: BTreeMap<u16, Vec<ServiceError<E>>> = BTreeMap::new();
        for exception in E::all() {
            let message = match exception.description() {
                "" => exception.code(),
                description => description,
            };
            let error =
                ServiceError::new(exception.clone(), message).with_request_id(EXAMPLE_REQUEST_ID);
            by_status
                .entry(error.wire_status(protocol))
                .or_default()
                .push(error);
        }
        by_status
            .into_iter()
            .map(|(status, errors)| {
                let response = response_of(protocol, status, &errors);
                (status.to_string(), RefOr::T(response))
            })
            .collect()
    }
}

/// The response for the errors sent with `status`.
fn response_of<E: Exception>(
    protocol: &Protocol,
    status: u16,
    errors: &[ServiceError<E>],
) -> Response {
    let description = errors
        .iter()
        .map(|error| match error.exception().description() {
            "" => format!("- `{}`", error.code()),
            description => format!("- `{}`: {description}", error.code()),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut response = ResponseBuilder::new().description(description);
    let sent: Vec<_> = errors
        .iter()
        .map(|error| error.example_response(protocol))
        .collect();

    // The headers as the responses carry them; the code headers list the
    // values sent.
    let mut headers: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for header in sent.iter().flat_map(http::Response::headers) {
        let (name, value) = header;
        if [CONTENT_TYPE, CONTENT_LENGTH, DATE].contains(name) {
            continue;
        }
        let values = headers.entry(name.as_str()).or_default();
        if let Ok(value) = value.to_str() {
            if !values.contains(&value) {
                values.push(value);
            }
        }
    }
    // The members bound to headers, which the examples (errors without
    // fields) do not send.
    for member in members_of(errors) {
        if let Some(name) = member.header_in(protocol) {
            let header = HeaderBuilder::new()
                .schema(Some(member_schema(member, true)))
                .description(Some(member_description(member)))
                .build();
            response = response.header(name, header);
        }
    }
    for (name, values) in headers {
        let known = HEADERS.iter().find(|(known, ..)| known.as_str() == name);
        let mut schema = ObjectBuilder::new().schema_type(Type::String);
        if let Some((_, _, _, true)) = known {
            schema = schema.enum_values(Some(values));
        }
        let header = HeaderBuilder::new()
            .schema(Some(schema))
            .description(known.map(|(_, _, description, _)| *description))
            .build();
        let spelled = known.map_or(name, |(_, spelled, ..)| spelled);
        response = response.header(spelled, header);
    }

    let examples: Vec<_> = errors
        .iter()
        .zip(&sent)
        .filter(|(_, sent)| !sent.body().is_empty())
        .map(|(error, sent)| {
            let example = ExampleBuilder::new()
                .summary(error.code())
                .value(Some(example_value(protocol, sent.body())))
                .build();
            (error.code().to_owned(), example)
        })
        .collect();
    if !examples.is_empty() {
        let content = ContentBuilder::new()
            .schema(Some(body_schema(protocol, status, errors)))
            .examples_from_iter(examples)
            .build();
        response = response.content(protocol.content_type(), content);
    }
    response.build()
}

/// The members the rows of `errors` declare, each name once.
fn members_of<E: Exception>(errors: &[ServiceError<E>]) -> Vec<&'static Member> {
    let mut members: Vec<&'static Member> = Vec::new();
    for member in errors.iter().flat_map(|error| error.exception().members()) {
        if !members.iter().any(|m| m.name() == member.name()) {
            members.push(member);
        }
    }
    members
}

fn member_description(member: &Member) -> String {
    match member.description() {
        "" => format!("The `{}` member.", member.name()),
        description => description.to_owned(),
    }
}

/// A member's schema, as a header or as the body of `text` (XML) or JSON
/// carries it (see [`Member`]).
fn member_schema(member: &Member, text: bool) -> ObjectBuilder {
    let schema = match member.shape() {
        MemberShape::String => string(),
        MemberShape::Integer => ObjectBuilder::new().schema_type(Type::Integer),
        MemberShape::Boolean => ObjectBuilder::new().schema_type(Type::Boolean),
        MemberShape::Timestamp if text => string().format(Some(
            utoipa::openapi::SchemaFormat::Custom("date-time or http-date".to_owned()),
        )),
        MemberShape::Timestamp => ObjectBuilder::new()
            .schema_type(Type::Number)
            .description(Some("Seconds since the Unix epoch.")),
        // Any JSON value: a structure, list or map (`ObjectBuilder::new()`
        // alone says `type: object`).
        MemberShape::Document => ObjectBuilder::new().schema_type(SchemaType::AnyValue),
    };
    schema.description(Some(member_description(member)))
}

/// `object` with a property per member of `errors` that the body of
/// `protocol` carries, under its wire name.
fn with_members<E: Exception>(
    mut object: ObjectBuilder,
    protocol: &Protocol,
    errors: &[ServiceError<E>],
) -> ObjectBuilder {
    for member in members_of(errors) {
        if member.header_in(protocol).is_none() {
            let schema = member_schema(member, protocol.is_xml());
            object = object.property(member.wire_name(protocol), schema);
        }
    }
    object
}

/// A body as an example's value: JSON as itself, XML as its text.
fn example_value(protocol: &Protocol, body: &[u8]) -> Value {
    if !protocol.is_xml() {
        if let Ok(json) = serde_json::from_slice(body) {
            return json;
        }
    }
    Value::String(String::from_utf8_lossy(body).into_owned())
}

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

/// A string that is one of `values`.
fn one_of<I: IntoIterator<Item = S>, S: Into<Value>>(values: I) -> ObjectBuilder {
    string().enum_values(Some(values))
}

/// The values of `values` in order, once each.
fn distinct<T: PartialEq>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for value in values {
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

/// A string that is one of the codes of `errors`.
fn codes_of<E: Exception>(errors: &[ServiceError<E>]) -> ObjectBuilder {
    one_of(errors.iter().map(|error| error.code().to_owned()))
}

/// The message's schema.
fn message_schema() -> ObjectBuilder {
    // Not required: an empty message is no member.
    string().description(Some("What went wrong, for this request."))
}

/// The schema of the bodies of `errors`, all sent with `status`, in
/// `protocol`, as the writers in `json_write` and `xml_write` shape them.
/// Extra fields (`with_field`) are members or elements beside these.
fn body_schema<E: Exception>(
    protocol: &Protocol,
    status: u16,
    errors: &[ServiceError<E>],
) -> ObjectBuilder {
    let codes = || codes_of(errors);
    let types = || distinct(errors.iter().map(ServiceError::error_type));
    let object = ObjectBuilder::new;
    match protocol {
        Protocol::RestJson => with_members(object(), protocol, errors)
            .property("code", codes())
            .property("message", message_schema())
            .property("type", one_of(types().into_iter().map(ErrorType::as_str)))
            .required("code")
            .required("type"),
        Protocol::AwsJson | Protocol::AwsJson11 => dunder_type_schema(protocol, errors),
        // CBOR's map has JSON 1.0's members (OpenAPI describes the data,
        // whatever its encoding).
        #[cfg(feature = "cbor")]
        Protocol::RpcV2Cbor => dunder_type_schema(protocol, errors),
        Protocol::ProblemJson { type_base } => {
            let problem_type = match type_base {
                Some(base) => one_of(
                    errors
                        .iter()
                        .map(|error| crate::json_write::problem_type(base, error.code())),
                ),
                None => one_of(["about:blank"]),
            };
            with_members(object(), protocol, errors)
                .property("type", problem_type)
                .property(
                    "title",
                    one_of(distinct(errors.iter().map(|error| {
                        error.problem_title(type_base.as_deref(), status).to_owned()
                    }))),
                )
                .property(
                    "status",
                    ObjectBuilder::new()
                        .schema_type(Type::Integer)
                        .enum_values(Some([status])),
                )
                .property("detail", message_schema())
                .property("code", codes())
                .required("type")
                .required("title")
                .required("status")
                .required("code")
        }
        Protocol::GoogleJson => google_schema(status, errors),
        #[cfg(feature = "xml")]
        xml => xml_body_schema(xml, errors),
    }
}

/// The schema of `google-json` bodies: `error`, with the HTTP status in
/// `code`, the gRPC code's name in `status` and the details, the first an
/// `ErrorInfo` with the rows' reasons and the table's domain.
fn google_schema<E: Exception>(status: u16, errors: &[ServiceError<E>]) -> ObjectBuilder {
    use utoipa::openapi::schema::{AdditionalProperties, ArrayBuilder};
    let reasons = distinct(errors.iter().map(|error| error.exception().reason()));
    let grpc_codes = distinct(errors.iter().map(|e| e.exception().grpc_code().as_str()));
    let detail = ObjectBuilder::new()
        .description(Some(
            "A `google.rpc` detail: `ErrorInfo` (first), `RequestInfo`, `RetryInfo`.",
        ))
        .property("@type", string())
        .property(
            "reason",
            one_of(reasons.into_iter().map(std::borrow::Cow::into_owned)),
        )
        .property("domain", one_of([E::domain()]))
        .property(
            "metadata",
            ObjectBuilder::new()
                .additional_properties(Some(AdditionalProperties::RefOr(string().build().into()))),
        )
        .property("requestId", string())
        .property("retryDelay", string())
        .required("@type");
    let error = ObjectBuilder::new()
        .property(
            "code",
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .enum_values(Some([status])),
        )
        .property("message", string())
        .property("status", one_of(grpc_codes))
        .property("details", ArrayBuilder::new().items(detail))
        .required("code")
        .required("message")
        .required("status")
        .required("details");
    ObjectBuilder::new()
        .property("error", error)
        .required("error")
}

/// The schema of a body that names its error in `__type`: AWS JSON's, and
/// RPC v2 CBOR's map.
fn dunder_type_schema<E: Exception>(
    protocol: &Protocol,
    errors: &[ServiceError<E>],
) -> ObjectBuilder {
    with_members(ObjectBuilder::new(), protocol, errors)
        .property("__type", codes_of(errors))
        .property("message", message_schema())
        .required("__type")
}

/// The schema of the XML bodies of `errors` in `protocol`.
#[cfg(feature = "xml")]
fn xml_body_schema<E: Exception>(protocol: &Protocol, errors: &[ServiceError<E>]) -> ObjectBuilder {
    use utoipa::openapi::schema::ArrayBuilder;
    use utoipa::openapi::xml::XmlBuilder;
    let codes = || codes_of(errors);
    let request_id = || string().description(Some("The request's id."));
    let types = || distinct(errors.iter().map(ServiceError::error_type));
    let object = ObjectBuilder::new;
    let xml = |name: &'static str| Some(XmlBuilder::new().name(Some(name)).build());
    match protocol {
        Protocol::RestXml => with_members(object(), protocol, errors)
            .xml(xml("Error"))
            .property("Code", codes())
            .property("Message", message_schema())
            .property("RequestId", request_id())
            .property(
                "HostId",
                string().description(Some("The host id, when the error has one.")),
            )
            .required("Code"),
        Protocol::Ec2 => {
            let error = with_members(object(), protocol, errors)
                .xml(xml("Error"))
                .property("Code", codes())
                .property("Message", message_schema())
                .required("Code");
            object()
                .xml(xml("Response"))
                .property(
                    "Errors",
                    ArrayBuilder::new()
                        .items(error)
                        .xml(Some(XmlBuilder::new().wrapped(Some(true)).build())),
                )
                .property("RequestID", request_id())
                .required("Errors")
        }
        Protocol::RestXmlWrapped | Protocol::Query => {
            let senders = types().into_iter().map(|error_type| match error_type {
                ErrorType::Client => "Sender",
                ErrorType::Server | ErrorType::Unknown => "Receiver",
            });
            let error = with_members(object(), protocol, errors)
                .property("Type", one_of(distinct(senders)))
                .property("Code", codes())
                .property("Message", message_schema())
                .required("Type")
                .required("Code");
            object()
                .xml(xml("ErrorResponse"))
                .property("Error", error)
                .property("RequestId", request_id())
                .required("Error")
        }
        // The JSON protocols, whose schemas `body_schema` makes.
        _ => object(),
    }
}
