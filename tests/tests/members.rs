//! Members a JSON spec declares, in every protocol, both ways: each goes
//! where its protocol puts it (a header it is bound to, a body key under
//! its JSON or XML name, its value in its shape's form) and reads back as
//! the same field; and the headers an error carries besides.

use errtable::{ErrorTable, Exception, MemberShape, Protocol};
use http::header::{CONTENT_TYPE, ETAG, LAST_MODIFIED, RETRY_AFTER};
use serde_json::{json, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(ErrorTable)]
#[error_table(spec = "specs/members.json")]
pub struct Members;

use MembersException::{NoSuchThing, NotModified, ThrottlingException, ValidationException};

fn every_protocol() -> [Protocol; 7] {
    [
        Protocol::RestJson,
        Protocol::AwsJson,
        Protocol::RestXml,
        Protocol::RestXmlWrapped,
        Protocol::Query,
        Protocol::Ec2,
        Protocol::problem_json("https://errors.example.com/"),
    ]
}

fn throttled() -> MembersError {
    MembersError::new(ThrottlingException, "Rate exceeded")
        .with_field("retryAfterSeconds", 42)
        .with_field("quotaCode", "L-1234")
}

fn invalid() -> MembersError {
    MembersError::new(ValidationException, "Bad input")
        .with_field("reason", "fieldValidationFailed")
        .with_field(
            "fieldList",
            json!([{"name": "a<b", "line": 3, "seen": 1_700_000_000}, {"name": "c", "line": 7}]),
        )
        .with_field("deadline", 1_700_000_000)
        .with_field("strict", true)
        .with_field("limit", 10)
        .with_field("undeclared", "kept")
}

fn body_text(response: &http::Response<Vec<u8>>) -> String {
    String::from_utf8(response.body().clone()).unwrap()
}

#[test]
fn the_derive_lists_each_rows_members() {
    let members = ThrottlingException.members();
    assert_eq!(members.len(), 2);
    assert_eq!(members[0].name(), "retryAfterSeconds");
    assert_eq!(members[0].shape(), MemberShape::Integer);
    assert_eq!(members[0].header(), Some("Retry-After"));
    assert_eq!(members[0].description(), "The seconds to wait to retry.");
    assert_eq!(members[1].json_name(), Some("QuotaCode"));
    assert_eq!(members[1].xml_name(), Some("Quota"));
    let list = ValidationException.members()[1];
    assert_eq!(list.shape(), MemberShape::Document);
    let nested: Vec<_> = list.members().iter().map(|m| m.name()).collect();
    assert_eq!(nested, ["name", "line", "seen"]);
    assert!(NoSuchThing.members().is_empty());
    assert!(MembersException::from_code("Other").members().is_empty());
}

#[test]
fn every_protocol_reads_back_what_it_writes() {
    for protocol in every_protocol() {
        for sent in [throttled(), invalid()] {
            let sent = sent.with_request_id("req-1");
            let (parts, body) = sent.to_http_response_in(&protocol).into_parts();
            let read =
                MembersError::from_http_parts_in(&protocol, parts.status, &parts.headers, &body)
                    .unwrap_or_else(|err| panic!("{protocol}: {err}"));
            assert_eq!(read.exception(), sent.exception(), "{protocol}");
            let fields: Vec<_> = read.fields().collect();
            let expected: Vec<_> = sent.fields().collect();
            assert_eq!(fields.len(), expected.len(), "{protocol}: {fields:?}");
            for (name, value) in expected {
                // XML holds text: an undeclared field comes back a string.
                assert_eq!(
                    read.field(name),
                    Some(value),
                    "{protocol} {name}: {fields:?}"
                );
            }
            // Problem details carry no request id unless the table names
            // a header for it.
            let read = match read.request_id() {
                None if matches!(protocol, Protocol::ProblemJson { .. }) => {
                    read.with_request_id("req-1")
                }
                _ => read,
            };
            assert_eq!(read, sent, "{protocol}");
        }
    }
}

#[test]
fn every_protocol_reads_back_its_bodies() {
    // The body alone: what a protocol carries in headers is not in it.
    for protocol in every_protocol() {
        let sent = invalid().with_request_id("req-1");
        let read = MembersError::from_body(&protocol, &sent.to_body(&protocol)).unwrap();
        let binds = protocol.binds_headers();
        assert_eq!(read.field("limit").is_some(), !binds, "{protocol}");
        assert_eq!(
            read.field("fieldList"),
            sent.field("fieldList"),
            "{protocol}"
        );
        assert_eq!(
            read.field("deadline"),
            Some(&json!(1_700_000_000)),
            "{protocol}"
        );
        assert_eq!(read.field("strict"), Some(&json!(true)), "{protocol}");
    }
}

#[test]
fn rest_json_sends_bound_members_in_headers_and_others_under_their_json_names() {
    let response = throttled().to_http_response();
    assert_eq!(response.headers()[RETRY_AFTER], "42");
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["QuotaCode"], "L-1234");
    assert!(body.get("quotaCode").is_none());
    assert!(body.get("retryAfterSeconds").is_none(), "{body}");

    let response = invalid().to_http_response();
    assert_eq!(response.headers()["x-limit"], "10");
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(
        body["fields"],
        json!([{"Name": "a<b", "line": 3, "seen": 1_700_000_000}, {"Name": "c", "line": 7}])
    );
    assert_eq!(body["deadline"], 1_700_000_000);
    assert_eq!(body["strict"], true);
    assert_eq!(body["undeclared"], "kept");
}

#[test]
fn aws_json_query_and_ec2_carry_every_member_in_the_body_under_its_name() {
    let response = throttled().to_http_response_in(&Protocol::AwsJson);
    assert!(!response.headers().contains_key(RETRY_AFTER));
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["retryAfterSeconds"], 42);
    assert_eq!(body["quotaCode"], "L-1234");

    for protocol in [Protocol::Query, Protocol::Ec2] {
        let response = throttled().to_http_response_in(&protocol);
        assert!(!response.headers().contains_key(RETRY_AFTER), "{protocol}");
        let body = body_text(&response);
        assert!(
            body.contains("<retryAfterSeconds>42</retryAfterSeconds>"),
            "{body}"
        );
        assert!(body.contains("<Quota>L-1234</Quota>"), "{body}");
    }
}

#[test]
fn xml_nests_documents_and_writes_timestamps_as_date_times() {
    for protocol in [
        Protocol::RestXml,
        Protocol::RestXmlWrapped,
        Protocol::Query,
        Protocol::Ec2,
    ] {
        let body = body_text(&invalid().to_http_response_in(&protocol));
        assert!(
            body.contains(
                "<FieldList><member><line>3</line><FieldName>a&lt;b</FieldName>\
                 <seen>2023-11-14T22:13:20Z</seen></member>\
                 <member><line>7</line><FieldName>c</FieldName></member></FieldList>"
            ),
            "{protocol}: {body}"
        );
        assert!(
            body.contains("<deadline>2023-11-14T22:13:20Z</deadline>"),
            "{body}"
        );
        assert!(body.contains("<strict>true</strict>"), "{body}");
        assert!(body.contains("<undeclared>kept</undeclared>"), "{body}");
        assert_eq!(
            body.contains("<limit>"),
            !protocol.binds_headers(),
            "{body}"
        );
    }
    let response = throttled().to_http_response_in(&Protocol::RestXml);
    assert_eq!(response.headers()[RETRY_AFTER], "42");
    assert!(!body_text(&response).contains("retryAfterSeconds"));
}

#[test]
fn problem_details_bind_headers_and_keep_member_names() {
    let protocol = Protocol::problem_json("https://errors.example.com/");
    let response = throttled().to_http_response_in(&protocol);
    assert_eq!(response.headers()[RETRY_AFTER], "42");
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["quotaCode"], "L-1234");
    assert!(body.get("retryAfterSeconds").is_none());
}

#[test]
fn json_keeps_every_field_and_reads_back() {
    // `to_json` is the whole error, header-bound members included.
    let sent = throttled();
    let text = sent.to_json();
    assert_eq!(
        text,
        r#"{"code":"ThrottlingException","message":"Rate exceeded","type":"Client","retryAfterSeconds":42,"QuotaCode":"L-1234"}"#
    );
    assert_eq!(serde_json::to_string(&sent).unwrap(), text);
    assert_eq!(MembersError::from_json(text.as_bytes()).unwrap(), sent);
    let sent = invalid();
    assert_eq!(
        MembersError::from_json(sent.to_json().as_bytes()).unwrap(),
        sent
    );
}

#[test]
fn timestamps_given_as_text_go_out_in_each_form() {
    let sent = MembersError::new(NotModified, "")
        .with_field("ETag", "\"abc\"")
        .with_field("LastModified", "1994-11-06T08:49:37Z");
    let response = sent.to_http_response();
    assert_eq!(response.status(), 304);
    assert_eq!(
        response.headers()[LAST_MODIFIED],
        "Sun, 06 Nov 1994 08:49:37 GMT"
    );
    assert_eq!(response.headers()[ETAG], "\"abc\"");
    assert!(response.body().is_empty());
    let (parts, body) = response.into_parts();
    let read = MembersError::from_http_parts(parts.status, &parts.headers, &body).unwrap();
    assert_eq!(read.exception(), &NotModified);
    assert_eq!(read.field("LastModified"), Some(&json!(784_111_777)));
    assert_eq!(read.field("ETag"), Some(&json!("\"abc\"")));
    // A header bound to a member is its field, not also a header.
    assert_eq!(read.header("ETag"), None);
}

#[test]
fn nested_members_go_out_in_their_wire_form() {
    // A timestamp given as text inside a document member: epoch seconds in
    // JSON bodies, under the nested members' JSON names in REST-JSON and
    // their own names in AWS JSON; an undeclared key as it came.
    let sent = MembersError::new(ValidationException, "Bad input").with_field(
        "fieldList",
        json!([{"name": "a", "seen": "2023-11-14T22:13:20Z", "extra": "as is"}]),
    );
    let body = |protocol| -> Value {
        serde_json::from_slice(sent.to_http_response_in(&protocol).body()).unwrap()
    };
    assert_eq!(
        body(Protocol::RestJson)["fields"],
        json!([{"Name": "a", "seen": 1_700_000_000, "extra": "as is"}])
    );
    assert_eq!(
        body(Protocol::AwsJson)["fieldList"],
        json!([{"name": "a", "seen": 1_700_000_000, "extra": "as is"}])
    );
}

#[test]
fn helpers_fill_the_member_bound_to_their_header() {
    let error =
        MembersError::new(ThrottlingException, "m").with_retry_after(Duration::from_millis(1500));
    assert_eq!(error.field("retryAfterSeconds"), Some(&json!(2)));
    assert_eq!(error.header("Retry-After"), None);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(2)));
    assert_eq!(error.to_http_response().headers()[RETRY_AFTER], "2");

    let modified = UNIX_EPOCH + Duration::from_secs(784_111_777);
    let error = MembersError::new(NotModified, "")
        .with_etag("abc")
        .with_last_modified(modified);
    assert_eq!(error.field("ETag"), Some(&json!("\"abc\"")));
    assert_eq!(error.field("LastModified"), Some(&json!(784_111_777)));
    let response = error.to_http_response();
    assert_eq!(response.headers()[ETAG], "\"abc\"");
    assert_eq!(
        response.headers()[LAST_MODIFIED],
        "Sun, 06 Nov 1994 08:49:37 GMT"
    );
}

#[test]
fn helpers_set_headers_on_any_error() {
    let error = MembersError::new(NoSuchThing, "m")
        .with_retry_after(Duration::from_secs(30))
        .with_www_authenticate("Bearer realm=\"api\"")
        .with_www_authenticate("Basic realm=\"api\"")
        .with_allow(["GET", "HEAD"])
        .with_content_range(1234)
        .with_etag("W/\"weak\"")
        .with_last_modified(UNIX_EPOCH + Duration::from_secs(784_111_777));
    let expected = [
        ("Retry-After", "30"),
        (
            "WWW-Authenticate",
            "Bearer realm=\"api\", Basic realm=\"api\"",
        ),
        ("Allow", "GET, HEAD"),
        ("Content-Range", "bytes */1234"),
        ("ETag", "W/\"weak\""),
        ("Last-Modified", "Sun, 06 Nov 1994 08:49:37 GMT"),
    ];
    assert_eq!(error.headers().collect::<Vec<_>>(), expected);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    for protocol in every_protocol() {
        let response = error.to_http_response_in(&protocol);
        for (name, value) in expected {
            assert_eq!(response.headers()[name], value, "{protocol} {name}");
        }
        // Read back, the error keeps them.
        let (parts, body) = response.into_parts();
        let read = MembersError::from_http_parts_in(&protocol, parts.status, &parts.headers, &body)
            .unwrap();
        assert_eq!(read.headers().collect::<Vec<_>>(), expected, "{protocol}");
    }
    // With `with_etag` the tag is quoted once.
    assert_eq!(
        MembersError::new(NoSuchThing, "m")
            .with_etag("\"q\"")
            .header("etag"),
        Some("\"q\"")
    );
    assert!(SystemTime::now() > UNIX_EPOCH);
}

#[test]
fn the_protocol_then_members_then_with_header_win() {
    let error = throttled()
        .with_header("Retry-After", "999")
        .with_header("Content-Type", "text/plain")
        .with_header("x-amzn-RequestId", "forged")
        .with_header("X-Custom", "yes")
        .with_header("x-custom", "replaced")
        .with_header("Bad Name", "dropped")
        .with_header("X-Bad-Value", "a\r\nInjected: yes")
        .with_request_id("req-1");
    assert_eq!(error.header("X-CUSTOM"), Some("replaced"));
    let response = error.to_http_response();
    let headers = response.headers();
    assert_eq!(headers[RETRY_AFTER], "42");
    assert_eq!(headers[CONTENT_TYPE], "application/json");
    assert_eq!(headers["x-amzn-requestid"], "req-1");
    assert_eq!(headers["x-custom"], "replaced");
    assert!(!headers.contains_key("x-bad-value"));
    assert!(!headers.keys().any(|name| name.as_str().contains(' ')));
    // Where the protocol does not bind the member, `with_header` stands.
    let response = error.to_http_response_in(&Protocol::AwsJson);
    assert_eq!(response.headers()[RETRY_AFTER], "999");
    // The protocols' own headers are never set by hand, even where this
    // protocol leaves them out: no code header in aws-json, no length on a
    // 304.
    let forged = MembersError::new(NotModified, "")
        .with_header("x-amzn-ErrorType", "Forged")
        .with_header("Content-Length", "5")
        .with_header("x-amz-id-2", "forged");
    for protocol in every_protocol() {
        let response = forged.to_http_response_in(&protocol);
        assert_eq!(response.status(), 304);
        let headers = response.headers();
        assert!(!headers.contains_key("content-length"), "{protocol}");
        for name in ["x-amzn-errortype", "x-amz-id-2"] {
            let value = headers.get(name).map(|v| v.to_str().unwrap());
            assert!(
                !value.is_some_and(|v| v.eq_ignore_ascii_case("forged")),
                "{protocol}: {name}"
            );
        }
    }
}

#[test]
fn headers_take_part_in_equality() {
    let plain = MembersError::new(NoSuchThing, "m");
    assert_ne!(plain.clone().with_header("Allow", "GET"), plain);
    assert_eq!(
        plain.clone().with_header("Allow", "GET"),
        plain.with_header("allow", "GET")
    );
}

#[test]
fn values_not_of_the_members_shape_stay_as_they_came() {
    // A header whose text is not an integer is not a number, and is not
    // lost: the field is not set, and nothing else is guessed.
    let (mut parts, body) = throttled().to_http_response().into_parts();
    parts
        .headers
        .insert(RETRY_AFTER, http::HeaderValue::from_static("soon"));
    let read = MembersError::from_http_parts(parts.status, &parts.headers, &body).unwrap();
    assert_eq!(read.field("retryAfterSeconds"), None);
    assert_eq!(read.field("quotaCode"), Some(&json!("L-1234")));
    // XML text that is not of its shape stays text.
    let body = b"<Error><Code>ValidationException</Code><Message>m</Message><strict>maybe</strict><deadline>later</deadline></Error>";
    let read = MembersError::from_body(&Protocol::RestXml, body).unwrap();
    assert_eq!(read.field("strict"), Some(&json!("maybe")));
    assert_eq!(read.field("deadline"), Some(&json!("later")));
}

#[test]
fn openapi_lists_each_rows_members_and_headers() {
    type Error = errtable::ServiceError<MembersException>;
    let document =
        |protocol: &Protocol| serde_json::to_value(Error::openapi_responses_in(protocol)).unwrap();
    let rest_json = document(&Protocol::RestJson);
    let throttled = &rest_json["429"];
    assert_eq!(
        throttled["headers"]["Retry-After"]["schema"]["type"],
        "integer"
    );
    assert_eq!(
        throttled["headers"]["Retry-After"]["description"],
        "The seconds to wait to retry."
    );
    let body = &throttled["content"]["application/json"]["schema"]["properties"];
    assert_eq!(body["QuotaCode"]["type"], "string");
    assert!(body.get("retryAfterSeconds").is_none(), "{body}");
    let validation = &rest_json["400"]["content"]["application/json"]["schema"]["properties"];
    assert_eq!(validation["deadline"]["type"], "number");
    assert_eq!(validation["strict"]["type"], "boolean");
    assert!(validation["fields"].is_object(), "{validation}");
    assert_eq!(
        rest_json["400"]["headers"]["x-limit"]["schema"]["type"],
        "integer"
    );
    let not_modified = &rest_json["304"]["headers"];
    assert_eq!(not_modified["Last-Modified"]["schema"]["type"], "string");
    assert_eq!(not_modified["ETag"]["schema"]["type"], "string");

    let aws_json = document(&Protocol::AwsJson);
    assert!(aws_json["429"]["headers"].get("Retry-After").is_none());
    let body = &aws_json["429"]["content"]["application/x-amz-json-1.0"]["schema"]["properties"];
    assert_eq!(body["retryAfterSeconds"]["type"], "integer");
    assert_eq!(body["quotaCode"]["type"], "string");

    let query = document(&Protocol::Query);
    let error = &query["400"]["content"]["text/xml"]["schema"]["properties"]["Error"]["properties"];
    assert_eq!(error["deadline"]["type"], "string");
    assert!(error["FieldList"].is_object(), "{error}");
}

#[test]
fn nested_values_of_undeclared_fields_round_trip_in_xml() {
    // Found by the xml_body fuzz target: S3's HostId, written apart after
    // the request id, holding nested elements.
    let nested = json!({"a": ["1", "2"], "b": {"c": ""}});
    for field in ["HostId", "Other"] {
        let sent = MembersError::new(NoSuchThing, "m").with_field(field, nested.clone());
        for protocol in [Protocol::RestXml, Protocol::Query, Protocol::Ec2] {
            let read = MembersError::from_body(&protocol, &sent.to_body(&protocol)).unwrap();
            assert_eq!(read.field(field), Some(&nested), "{protocol} {field}");
        }
    }
}

#[derive(ErrorTable)]
#[error_table(spec = "specs/members.json", protocol = "aws-json")]
pub struct MembersAwsJson;

#[derive(ErrorTable)]
#[error_table(spec = "specs/members.json", protocol = "query")]
pub struct MembersQuery;

/// A response read without naming its protocol is read in the table's own
/// (aws-json, query), which carries every member in the body: a header the
/// REST protocols bind the member to is not read instead.
#[test]
fn tables_that_bind_no_headers_read_members_from_the_body_in_any_response() {
    let aws_json = MembersAwsJsonError::new(MembersAwsJsonException::ThrottlingException, "slow")
        .with_field("retryAfterSeconds", 42);
    let (mut parts, body) = aws_json.to_http_response().into_parts();
    parts.headers.insert(RETRY_AFTER, "99".parse().unwrap());
    let read = MembersAwsJsonError::from_http_parts(parts.status, &parts.headers, &body).unwrap();
    assert_eq!(read.field("retryAfterSeconds"), Some(&json!(42)));

    let query = MembersQueryError::new(MembersQueryException::ThrottlingException, "slow")
        .with_field("retryAfterSeconds", 42);
    let (mut parts, body) = query.to_http_response().into_parts();
    parts.headers.insert(RETRY_AFTER, "99".parse().unwrap());
    let read = MembersQueryError::from_http_parts(parts.status, &parts.headers, &body).unwrap();
    assert_eq!(read.field("retryAfterSeconds"), Some(&json!(42)));
}
