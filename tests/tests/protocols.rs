//! One table, every wire protocol: each row of the seed's Glacier table, of
//! S3's 243 and of a query-compatible SQS table written in each protocol
//! and read back exactly, by errtable, by botocore's own parsers (offline,
//! `tests/py/botocore_parse.py`) and, for problem+json, by an RFC 9457
//! implementation nobody here wrote (the `problem_details` crate).

use errtable::http::{
    X_AMZN_ERROR_TYPE, X_AMZN_QUERY_ERROR, X_AMZN_REQUEST_ID, X_AMZ_ID_2, X_AMZ_REQUEST_ID,
};
use errtable::{ErrorTable, ErrorType, Exception, Protocol, ServiceError};
use http::header::CONTENT_TYPE;
use http::{HeaderMap, Response, StatusCode};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/s3.json", protocol = "rest-xml")]
pub struct S3;

#[derive(ErrorTable)]
#[error_table(spec = "specs/sqs.json", protocol = "aws-json")]
pub struct Sqs;

#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier.md",
    exception = "ProblemException",
    error = "ProblemError",
    protocol = "problem-json",
    problem_type = "https://errors.example.com/"
)]
pub struct Problems;

/// Every protocol, the problem+json one with a `type` base.
fn protocols() -> Vec<Protocol> {
    let mut all: Vec<Protocol> = errtable::ProtocolKind::ALL
        .iter()
        .map(|kind| kind.name().parse().unwrap())
        .collect();
    all.push(Protocol::problem_json("https://errors.example.com/"));
    all
}

/// A message that stresses every escaping: JSON's, XML's, and text XML
/// turns into something else if written raw (a carriage return).
const MESSAGE: &str = "Vault \"a<b>&c\" not found: 'ü' 💥\r\nline two\ttab";

/// The error of `exception` with the message, a request id and S3's extra
/// fields.
fn error<E: Exception>(exception: &E) -> ServiceError<E> {
    ServiceError::new(exception.clone(), MESSAGE)
        .with_request_id("4442587FB7D0A2F9")
        .with_field("Resource", "/examplebucket/my photo.jpg")
        .with_field("BucketName", "examplebucket")
        .with_field(
            "HostId",
            "vbOG4UzwTwmAK5w9ubBEPQ1M3TQhVz9Lf9Ilz6Oj9hZUvV2sGi5X6H6w4YlBVVIm",
        )
}

fn check_round_trip<E: Exception>(all: &[E]) {
    for exception in all {
        for protocol in protocols() {
            let sent = error(exception);
            let response = sent.to_http_response_in(&protocol);
            let status = response.status();
            assert_eq!(
                status.as_u16(),
                exception.status(),
                "{protocol} {exception}"
            );
            let (parts, body) = response.into_parts();
            for received in [
                ServiceError::<E>::from_http_parts_in(
                    &protocol,
                    parts.status,
                    &parts.headers,
                    &body,
                ),
                ServiceError::<E>::from_http_parts(parts.status, &parts.headers, &body),
            ] {
                let received = received.unwrap_or_else(|e| panic!("{protocol} {exception}: {e}"));
                let what = format!("{protocol} {exception}");
                assert_eq!(received.exception(), exception, "{what}");
                // Problem details carry no request id unless the table names
                // a header for it (`request_id_header`).
                // Google's carry it in the body, which a 304 lacks.
                let sent_id = match protocol {
                    Protocol::ProblemJson { .. } => None,
                    Protocol::GoogleJson if status == StatusCode::NOT_MODIFIED => None,
                    _ => sent.request_id(),
                };
                assert_eq!(received.request_id(), sent_id, "{what}");
                if status == StatusCode::NOT_MODIFIED {
                    // HTTP forbids a body: the status alone names the row,
                    // unless x-amzn-ErrorType does (rest-json).
                    assert!(body.is_empty(), "{what}");
                    let named = parts.headers.contains_key(X_AMZN_ERROR_TYPE);
                    assert_eq!(received.guessed_from_status(), !named, "{what}");
                    continue;
                }
                assert!(!received.guessed_from_status(), "{what}");
                assert_eq!(received.message(), MESSAGE, "{what}");
                // Google's ErrorInfo carries fields as text under
                // lowerCamelCase keys (a declared member comes back under
                // its name): the same ErrorInfo is what comes back.
                if protocol == Protocol::GoogleJson {
                    assert_eq!(received.error_info(), sent.error_info(), "{what}");
                    continue;
                }
                for (name, value) in sent.fields() {
                    assert_eq!(received.field(name), Some(value), "{what}: {name}");
                }
            }
        }
    }
}

#[test]
fn every_row_of_every_table_round_trips_in_every_protocol() {
    check_round_trip(GlacierException::ALL);
    check_round_trip(S3Exception::ALL);
    check_round_trip(SqsException::ALL);
}

#[test]
fn each_protocol_writes_its_headers() {
    let header = |response: &Response<Vec<u8>>, name| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let glacier = error(&GlacierException::ResourceNotFoundException);
    let rest_json = glacier.to_http_response_in(&Protocol::RestJson);
    assert_eq!(
        header(&rest_json, CONTENT_TYPE).unwrap(),
        "application/json"
    );
    assert_eq!(
        header(&rest_json, X_AMZN_ERROR_TYPE).unwrap(),
        "ResourceNotFoundException"
    );
    assert_eq!(
        header(&rest_json, X_AMZN_REQUEST_ID).unwrap(),
        "4442587FB7D0A2F9"
    );

    let s3 = error(&S3Exception::NoSuchKey);
    let rest_xml = s3.to_http_response();
    assert_eq!(header(&rest_xml, CONTENT_TYPE).unwrap(), "application/xml");
    assert_eq!(
        header(&rest_xml, X_AMZ_REQUEST_ID).unwrap(),
        "4442587FB7D0A2F9"
    );
    assert!(header(&rest_xml, X_AMZ_ID_2)
        .unwrap()
        .starts_with("vbOG4Uz"));
    assert_eq!(header(&rest_xml, X_AMZN_ERROR_TYPE), None);

    let sqs = ServiceError::new(SqsException::QueueDoesNotExist, "gone");
    let aws_json = sqs.to_http_response();
    assert_eq!(
        header(&aws_json, CONTENT_TYPE).unwrap(),
        "application/x-amz-json-1.0"
    );
    assert_eq!(
        header(&aws_json, X_AMZN_QUERY_ERROR).unwrap(),
        "AWS.SimpleQueueService.NonExistentQueue;Sender"
    );
    assert_eq!(
        aws_json.body().as_slice(),
        br#"{"__type":"QueueDoesNotExist","message":"gone"}"#
    );
    let no_query_code = ServiceError::new(SqsException::InvalidAddress, "m").to_http_response();
    assert_eq!(header(&no_query_code, X_AMZN_QUERY_ERROR), None);
}

#[test]
fn each_xml_form_is_the_documented_one() {
    let s3 = ServiceError::new(S3Exception::NoSuchKey, "The specified key does not exist.")
        .with_request_id("4442587FB7D0A2F9")
        .with_field("Key", "a & b")
        .with_field("HostId", "host");
    assert_eq!(
        String::from_utf8(s3.to_body(&Protocol::RestXml)).unwrap(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>\
         <Key>a &amp; b</Key><RequestId>4442587FB7D0A2F9</RequestId><HostId>host</HostId></Error>"
    );
    let sts = ServiceError::new(GlacierException::ThrottlingException, "slow").with_request_id("r");
    let query = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <ErrorResponse><Error><Type>Sender</Type><Code>ThrottlingException</Code>\
         <Message>slow</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    assert_eq!(
        String::from_utf8(sts.to_body(&Protocol::Query)).unwrap(),
        query
    );
    assert_eq!(
        String::from_utf8(sts.to_body(&Protocol::RestXmlWrapped)).unwrap(),
        query
    );
    assert_eq!(
        String::from_utf8(sts.to_body(&Protocol::Ec2)).unwrap(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <Response><Errors><Error><Code>ThrottlingException</Code><Message>slow</Message>\
         </Error></Errors><RequestID>r</RequestID></Response>"
    );
    let server = ServiceError::new(GlacierException::ServiceUnavailableException, "down");
    assert!(String::from_utf8(server.to_body(&Protocol::Query))
        .unwrap()
        .contains("<Type>Receiver</Type>"));
}

#[test]
fn problem_details_are_read_by_an_independent_implementation() {
    type Details = problem_details::ProblemDetails<serde_json::Map<String, Value>>;
    for exception in GlacierException::ALL {
        let sent = ProblemError::new(ProblemException::from_code(exception.code()), MESSAGE)
            .with_field("instance", "/vaults/examplevault")
            .with_field("retryAfter", 30)
            .with_field("limits", json!({"vaults": 1000, "tags": [1, 2]}));
        let response = sent.to_http_response();
        assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
        let details: Details = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(
            details.r#type.unwrap().to_string(),
            format!("https://errors.example.com/{}", exception.code())
        );
        assert_eq!(details.status.unwrap().as_u16(), exception.status());
        assert_eq!(details.title.as_deref(), Some(exception.code()));
        assert_eq!(details.detail.as_deref(), Some(MESSAGE));
        assert_eq!(
            details.instance.unwrap().to_string(),
            "/vaults/examplevault"
        );
        assert_eq!(details.extensions["code"], exception.code());
        assert_eq!(details.extensions["retryAfter"], 30);
        assert_eq!(
            details.extensions["limits"],
            json!({"vaults": 1000, "tags": [1, 2]})
        );
        // And errtable reads its own extension members back as JSON values.
        let back =
            ProblemError::from_http_parts(response.status(), response.headers(), response.body())
                .unwrap();
        assert_eq!(back.field("limits"), sent.field("limits"));
        assert_eq!(back.field("retryAfter"), Some(&json!(30)));
    }
}

/// The botocore protocol name of each AWS protocol.
fn botocore_name(protocol: &Protocol) -> Option<&'static str> {
    match protocol {
        Protocol::RestJson => Some("rest-json"),
        Protocol::AwsJson => Some("json"),
        Protocol::RestXml | Protocol::RestXmlWrapped => Some("rest-xml"),
        Protocol::Query => Some("query"),
        Protocol::Ec2 => Some("ec2"),
        _ => None,
    }
}

/// What botocore should read: the code (a query code where the response
/// carries `x-amzn-query-error`, as query-compatible clients do; the status
/// as text for a 304, which has no body, unless `x-amzn-ErrorType` names
/// it), the message, the request id and S3's `Resource`.
struct Expected {
    code: String,
    message: String,
}

fn botocore_cases<E: Exception>(all: &[E]) -> (Vec<Value>, Vec<Expected>) {
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for exception in all {
        for protocol in protocols() {
            let Some(name) = botocore_name(&protocol) else {
                continue;
            };
            let response = error(exception).to_http_response_in(&protocol);
            // A 304 has no body, which botocore's query and ec2 parsers
            // cannot read; those services send none (S3's 304 is rest-xml).
            if response.status() == StatusCode::NOT_MODIFIED && matches!(name, "query" | "ec2") {
                continue;
            }
            let headers: serde_json::Map<String, Value> = response
                .headers()
                .iter()
                .map(|(k, v)| (k.as_str().to_owned(), Value::from(v.to_str().unwrap())))
                .collect();
            let body: String = response.body().iter().map(|&b| char::from(b)).collect();
            cases.push(json!({
                "protocol": name,
                "status": response.status().as_u16(),
                "headers": headers,
                "body": body,
            }));
            let query_error = response
                .headers()
                .get(X_AMZN_QUERY_ERROR)
                .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned());
            let header_code = response.headers().contains_key(X_AMZN_ERROR_TYPE);
            let not_modified = response.status() == StatusCode::NOT_MODIFIED;
            expected.push(if not_modified && !header_code {
                // botocore's XML parsers give the reason phrase, its JSON
                // ones nothing.
                Expected {
                    code: "304".to_owned(),
                    message: if protocol.is_xml() {
                        "Not Modified"
                    } else {
                        ""
                    }
                    .to_owned(),
                }
            } else if not_modified {
                Expected {
                    code: exception.code().to_owned(),
                    message: String::new(),
                }
            } else {
                // The query protocols send the query code, where a row has
                // one; query-compatible JSON sends it in its header.
                let query_code = matches!(name, "query" | "ec2")
                    .then(|| exception.query_code())
                    .flatten();
                Expected {
                    code: query_error
                        .or(query_code.map(str::to_owned))
                        .unwrap_or_else(|| exception.code().to_owned()),
                    message: MESSAGE.to_owned(),
                }
            });
        }
    }
    (cases, expected)
}

fn botocore_parse(cases: &[Value]) -> Vec<Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/py/botocore_parse.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs (botocore is installed with boto3)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&serde_json::to_vec(cases).unwrap())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "botocore_parse.py failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn botocore_reads_every_row_in_every_aws_protocol() {
    let (mut cases, mut expected) = botocore_cases(GlacierException::ALL);
    for (c, e) in [
        botocore_cases(S3Exception::ALL),
        botocore_cases(SqsException::ALL),
    ] {
        cases.extend(c);
        expected.extend(e);
    }
    let results = botocore_parse(&cases);
    assert_eq!(results.len(), cases.len());
    let mut checked = 0;
    for ((case, got), want) in cases.iter().zip(&results).zip(&expected) {
        let what = format!("{} {}", case["protocol"], case["body"]);
        assert!(got.get("failed").is_none(), "{what}: {got}");
        assert_eq!(got["code"], want.code.as_str(), "{what}: {got}");
        // botocore keeps a carriage return of JSON, and XML's parser turns
        // the `&#13;` errtable writes back into one.
        assert_eq!(got["message"], want.message.as_str(), "{what}: {got}");
        let xml = case["protocol"] != "rest-json" && case["protocol"] != "json";
        // An XML error without a body has its request id in a header that
        // botocore reads for S3 only.
        if !(xml && case["body"] == "") || case["headers"].get("x-amz-request-id").is_some() {
            assert_eq!(got["request_id"], "4442587FB7D0A2F9", "{what}: {got}");
        }
        if xml && case["body"] != "" {
            assert_eq!(
                got["error"]["Resource"], "/examplebucket/my photo.jpg",
                "{what}: {got}"
            );
        }
        if case["protocol"] == "rest-xml"
            && case["body"].as_str().unwrap().contains("<Error><Code>")
        {
            assert!(
                got["host_id"].as_str().unwrap().starts_with("vbOG4Uz"),
                "{got}"
            );
        }
        checked += 1;
    }
    // 16 + 243 + 3 rows, in rest-json, json, two rest-xml forms, query and
    // ec2, but for S3's 304 in query and ec2.
    assert_eq!(checked, (16 + 243 + 3) * 6 - 2);
}

#[test]
fn redirects_and_not_modified_go_out_with_their_status() {
    for (exception, status) in [
        (S3Exception::PermanentRedirect, 301),
        (S3Exception::NotModified, 304),
        (S3Exception::TemporaryRedirect, 307),
    ] {
        let response = ServiceError::new(exception, "m").to_http_response();
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(response.body().is_empty(), status == 304);
    }
}

/// A subset of S3's table whose only 404 row is NoSuchKey.
#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/s3.json",
    protocol = "rest-xml",
    only(NoSuchKey, AccessDenied)
)]
pub struct GetObject;

#[test]
fn a_body_that_names_a_code_is_never_relabelled_from_the_status() {
    // A subset whose only 404 row is NoSuchKey reads a NoSuchBucket body as
    // the unknown code it is, not as NoSuchKey.
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code>\
                <Message>The specified bucket does not exist</Message>\
                <BucketName>b</BucketName><RequestId>r</RequestId></Error>";
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, "application/xml".parse().unwrap());
    let read =
        GetObjectError::from_http_parts(StatusCode::NOT_FOUND, &headers, body.as_bytes()).unwrap();
    assert_eq!(read.code(), "NoSuchBucket");
    assert!(!read.exception().is_known());
    assert!(!read.guessed_from_status());
    assert_eq!(read.message(), "The specified bucket does not exist");
    assert_eq!(read.field("BucketName"), Some(&json!("b")));
    assert_eq!(read.request_id(), Some("r"));
    // An empty 404 names no code: there the status decides, and says so.
    let guessed =
        GetObjectError::from_http_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), b"").unwrap();
    assert_eq!(guessed.exception(), &GetObjectException::NoSuchKey);
    assert!(guessed.guessed_from_status());
}

#[test]
fn tables_without_a_type_column_take_it_from_the_status() {
    assert_eq!(S3Exception::NoSuchKey.error_type(), ErrorType::Client);
    assert_eq!(S3Exception::SlowDown.error_type(), ErrorType::Server);
    assert_eq!(S3Exception::InternalError.error_type(), ErrorType::Server);
}
