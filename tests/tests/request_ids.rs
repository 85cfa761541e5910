//! The header request ids travel in: the protocol's own by default (none
//! for problem details, so a non-AWS API sends no `x-amzn-*` header), any
//! header with `request_id_header = "..."`, or none with
//! `request_id_header = false`; HTTP responses, reading and gRPC metadata
//! alike.

use errtable::{ErrorTable, Protocol};

#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier.md",
    protocol = "problem-json",
    problem_type = "https://errors.example.com/"
)]
pub struct Problems;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", request_id_header = "x-request-id")]
pub struct Named;

#[derive(ErrorTable)]
#[error_table(
    spec = "specs/s3-errors.md",
    protocol = "rest-xml",
    request_id_header = false
)]
pub struct Silent;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Aws;

#[test]
fn problem_details_send_no_aws_header() {
    for exception in ProblemsException::ALL {
        let error = ProblemsError::new(exception.clone(), "m").with_request_id("req-1");
        let response = error.to_http_response();
        let aws: Vec<_> = response
            .headers()
            .keys()
            .filter(|name| name.as_str().starts_with("x-amz"))
            .collect();
        assert!(aws.is_empty(), "{exception}: {aws:?}");
    }
    // Another protocol's error, written for this table, keeps the table's
    // rule: the protocol's header, since the table names none.
    let response = ProblemsError::new(ProblemsException::ThrottlingException, "m")
        .to_http_response_in(&Protocol::RestJson);
    assert!(response.headers().contains_key("x-amzn-requestid"));
}

#[test]
fn a_named_header_carries_the_id_both_ways() {
    let sent = NamedError::new(NamedException::ThrottlingException, "m").with_request_id("req-1");
    for protocol in [
        Protocol::RestJson,
        Protocol::AwsJson,
        Protocol::RestXml,
        Protocol::Query,
        Protocol::problem_json("https://errors.example.com/"),
    ] {
        let response = sent.to_http_response_in(&protocol);
        assert_eq!(response.headers()["x-request-id"], "req-1", "{protocol}");
        assert!(
            !response.headers().contains_key("x-amzn-requestid"),
            "{protocol}"
        );
        assert!(
            !response.headers().contains_key("x-amz-request-id"),
            "{protocol}"
        );
        let (parts, body) = response.into_parts();
        let read =
            NamedError::from_http_parts_in(&protocol, parts.status, &parts.headers, &body).unwrap();
        assert_eq!(read.request_id(), Some("req-1"), "{protocol}");
    }
    // `with_header` cannot forge it.
    let forged = sent
        .clone()
        .with_header("X-Request-Id", "forged")
        .to_http_response();
    assert_eq!(forged.headers()["x-request-id"], "req-1");
    // An error without one gets a fresh id in the same header.
    let fresh = NamedError::new(NamedException::ThrottlingException, "m").to_http_response();
    assert!(!fresh.headers()["x-request-id"].is_empty());
}

#[test]
fn no_header_leaves_the_id_in_the_body() {
    let sent =
        SilentError::new(SilentException::NoSuchKey, "m").with_request_id("4442587FB7D0A2F9");
    let response = sent.to_http_response();
    assert!(!response.headers().contains_key("x-amz-request-id"));
    assert!(!response.headers().contains_key("x-amzn-requestid"));
    let body = String::from_utf8(response.body().clone()).unwrap();
    assert!(
        body.contains("<RequestId>4442587FB7D0A2F9</RequestId>"),
        "{body}"
    );
    let read = SilentError::from_http_parts(response.status(), response.headers(), response.body())
        .unwrap();
    assert_eq!(read.request_id(), Some("4442587FB7D0A2F9"));
}

#[test]
fn the_default_is_the_protocols_header() {
    let sent = AwsError::new(AwsException::ThrottlingException, "m").with_request_id("req-1");
    let headers = |protocol: &Protocol| sent.to_http_response_in(protocol).headers().clone();
    assert_eq!(headers(&Protocol::RestJson)["x-amzn-requestid"], "req-1");
    assert_eq!(headers(&Protocol::RestXml)["x-amz-request-id"], "req-1");
    assert_eq!(headers(&Protocol::Query)["x-amzn-requestid"], "req-1");
    let problem = headers(&Protocol::problem_json("https://e.example/"));
    assert!(!problem.contains_key("x-amzn-requestid"));
}

#[test]
fn grpc_metadata_follows_the_option() {
    let named: tonic::Status = NamedError::new(NamedException::ThrottlingException, "m")
        .with_request_id("req-1")
        .into();
    assert_eq!(named.metadata().get("x-request-id").unwrap(), "req-1");
    assert!(named.metadata().get("x-amzn-requestid").is_none());
    let read = NamedError::try_from(named).unwrap();
    assert_eq!(read.request_id(), Some("req-1"));

    let problems: tonic::Status = ProblemsError::new(ProblemsException::ThrottlingException, "m")
        .with_request_id("req-1")
        .into();
    assert!(problems.metadata().get("x-amzn-requestid").is_none());

    let aws: tonic::Status = AwsError::new(AwsException::ThrottlingException, "m")
        .with_request_id("req-1")
        .into();
    assert_eq!(aws.metadata().get("x-amzn-requestid").unwrap(), "req-1");
}

/// Each protocol's own header, and only it: what botocore and the AWS SDKs
/// read the id from.
#[test]
fn each_protocol_sends_its_own_header_and_no_other() {
    let sent = AwsError::new(AwsException::ThrottlingException, "m").with_request_id("req-1");
    for (protocol, header) in [
        (Protocol::RestJson, Some("x-amzn-requestid")),
        (Protocol::AwsJson, Some("x-amzn-requestid")),
        (Protocol::AwsJson11, Some("x-amzn-requestid")),
        (Protocol::RestXml, Some("x-amz-request-id")),
        (Protocol::RestXmlWrapped, Some("x-amzn-requestid")),
        (Protocol::Query, Some("x-amzn-requestid")),
        (Protocol::Ec2, Some("x-amzn-requestid")),
        (Protocol::RpcV2Cbor, Some("x-amzn-requestid")),
        (Protocol::problem_json("https://e.example/"), None),
        (Protocol::GoogleJson, None),
    ] {
        let response = sent.to_http_response_in(&protocol);
        let ids: Vec<&str> = ["x-amzn-requestid", "x-amz-request-id"]
            .into_iter()
            .filter(|name| response.headers().contains_key(*name))
            .collect();
        assert_eq!(ids, Vec::from_iter(header), "{protocol}");
        if let Some(header) = header {
            assert_eq!(response.headers()[header], "req-1", "{protocol}");
        }
    }
}

/// Where a response carries its id twice, the body (S3's `<RequestId>`)
/// wins, then the table's header, then `x-amzn-RequestId`, then
/// `x-amz-request-id`.
#[test]
fn a_read_id_comes_from_the_body_then_the_tables_header_then_the_others() {
    use http::{HeaderMap, HeaderValue, StatusCode};
    let headers = |pairs: &[(&'static str, &'static str)]| {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    };
    let read = |protocol: &Protocol, pairs: &[(&'static str, &'static str)], body: &[u8]| {
        AwsError::from_http_parts_in(protocol, StatusCode::BAD_REQUEST, &headers(pairs), body)
            .unwrap()
            .request_id()
            .map(str::to_owned)
    };
    let json = br#"{"code":"ThrottlingException","message":"m"}"#;
    let both = [("x-amz-request-id", "amz"), ("x-amzn-requestid", "amzn")];
    assert_eq!(
        read(&Protocol::RestJson, &both, json).as_deref(),
        Some("amzn")
    );
    assert_eq!(
        read(&Protocol::RestJson, &both[..1], json).as_deref(),
        Some("amz")
    );
    assert_eq!(read(&Protocol::RestJson, &[], json), None);
    // S3's own header is its table's header in rest-xml.
    let xml = b"<Error><Code>ThrottlingException</Code><Message>m</Message></Error>";
    assert_eq!(read(&Protocol::RestXml, &both, xml).as_deref(), Some("amz"));
    let with_id = b"<Error><Code>ThrottlingException</Code><RequestId>body</RequestId></Error>";
    assert_eq!(
        read(&Protocol::RestXml, &both, with_id).as_deref(),
        Some("body")
    );
    // A named header comes before the protocols'.
    let named = NamedError::from_http_parts_in(
        &Protocol::RestJson,
        StatusCode::BAD_REQUEST,
        &headers(&[("x-amzn-requestid", "amzn"), ("x-request-id", "named")]),
        json,
    )
    .unwrap();
    assert_eq!(named.request_id(), Some("named"));
    // A table without a header of its own reads the AWS ones in order.
    for protocol in [
        Protocol::problem_json("https://errors.example.com/"),
        Protocol::RestJson,
    ] {
        let problem = ProblemsError::from_http_parts_in(
            &protocol,
            StatusCode::BAD_REQUEST,
            &headers(&both),
            br#"{"code":"ThrottlingException","message":"m"}"#,
        )
        .unwrap();
        assert_eq!(problem.request_id(), Some("amzn"), "{protocol}");
    }
}
