//! Real boto3 clients against small servers on loopback, one per protocol:
//! STS (query), EC2 (ec2), DynamoDB (AWS JSON 1.0) and Glacier (REST-JSON);
//! S3's rest-xml is driven the same way by `examples/s3-service`. Each
//! server answers every request with the next row of its table; boto3 must
//! report each row's code, message, status and request id, and raise the
//! exception class its model has for the code. Access Analyzer's model
//! (restJson1) checks members: a header-bound `retryAfterSeconds` and a
//! nested document, as botocore parses them into the modelled error.

use axum::response::IntoResponse;
use errtable::{ErrorTable, Exception, Protocol, ServiceError};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(ErrorTable)]
#[error_table(spec = "specs/sts.json", protocol = "query")]
pub struct Sts;

#[derive(ErrorTable)]
#[error_table(spec = "specs/ec2.json", protocol = "ec2")]
pub struct Ec2;

#[derive(ErrorTable)]
#[error_table(spec = "specs/dynamodb.json", protocol = "aws-json")]
pub struct DynamoDb;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

#[derive(ErrorTable)]
#[error_table(spec = "specs/models/accessanalyzer-2019-11-01.json")]
pub struct AccessAnalyzer;

// Tables derived from AWS's Smithy models (tests/specs/live: the models'
// services and error shapes), each in the protocol its model gives.

#[derive(ErrorTable)]
#[error_table(spec = "specs/live/sqs-2012-11-05.json")]
pub struct SqsModel;

#[derive(ErrorTable)]
#[error_table(spec = "specs/live/ssm-2014-11-06.json")]
pub struct SsmModel;

#[derive(ErrorTable)]
#[error_table(spec = "specs/live/sts-2011-06-15.json")]
pub struct StsModel;

#[derive(ErrorTable)]
#[error_table(spec = "specs/live/cloudfront-2020-05-31.json")]
pub struct CloudFrontModel;

#[derive(ErrorTable)]
#[error_table(spec = "specs/live/s3-2006-03-01.json")]
pub struct S3Model;

#[derive(ErrorTable)]
#[error_table(spec = "specs/live/dynamodb-2012-08-10.json")]
pub struct DynamoDbModel;

/// CloudWatch from botocore's own model: CBOR first, as boto3 speaks it,
/// and query-compatible.
#[derive(ErrorTable)]
#[error_table(spec = "specs/live/monitoring-2010-08-01.json")]
pub struct CloudWatchModel;

/// Where a protocol says an error's `Type` (Sender or Receiver).
#[derive(Clone, Copy, PartialEq)]
enum Typed {
    /// In every body (`<Type>` of the query and wrapped XML forms).
    Always,
    /// In `x-amzn-query-error`, beside a query code (query-compatible
    /// JSON and CBOR).
    WithQueryCode,
    Never,
}

const MESSAGE: &str = "It failed: \"quoted\" <tagged> & 'ü'";

/// Serves `all` in turn, in the table's protocol, and returns the address.
async fn serve<E: Exception>(all: &'static [E]) -> std::net::SocketAddr {
    let errors = all
        .iter()
        .map(|e| ServiceError::new(e.clone(), MESSAGE))
        .collect();
    serve_errors(errors).await
}

/// Serves `errors` in turn, each with the request id `request-N`.
async fn serve_errors<E: Exception>(errors: Vec<ServiceError<E>>) -> std::net::SocketAddr {
    let errors = Arc::new(errors);
    let next = Arc::new(AtomicUsize::new(0));
    // The request's body is read before the answer, so that the
    // connection stays usable for the client's next call.
    let app = axum::Router::new().fallback(move |_body: axum::body::Bytes| {
        let (next, errors) = (next.clone(), errors.clone());
        async move {
            let index = next.fetch_add(1, Ordering::SeqCst);
            let error = errors[index % errors.len()]
                .clone()
                .with_request_id(format!("request-{index}"));
            error.into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    address
}

/// What boto3 reports for `calls` calls of `service` at `address`.
async fn boto3(service: &str, address: std::net::SocketAddr, calls: usize) -> Vec<Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/py/live_clients.py");
    let output = tokio::process::Command::new("python3")
        .args([
            script,
            service,
            &format!("http://{address}"),
            &calls.to_string(),
        ])
        .output()
        .await
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "live_clients.py {service}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

async fn check<E: Exception>(service: &str, all: &'static [E], modelled: &[&str]) {
    let address = serve(all).await;
    let results = boto3(service, address, all.len()).await;
    for (index, (exception, got)) in all.iter().zip(&results).enumerate() {
        let what = format!("{service} {exception}: {got}");
        assert_eq!(got["code"], exception.code(), "{what}");
        assert_eq!(got["message"], MESSAGE, "{what}");
        assert_eq!(got["status"], exception.status(), "{what}");
        assert_eq!(got["request_id"], format!("request-{index}"), "{what}");
        if modelled.contains(&exception.code()) {
            assert_eq!(got["modelled"], true, "{what}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn boto3_reads_every_protocol_from_a_live_server() {
    assert_eq!(Sts::protocol_of(), Protocol::Query);
    check(
        "sts",
        StsException::ALL,
        &[
            "ExpiredTokenException",
            "MalformedPolicyDocument",
            "IDPRejectedClaim",
            "RegionDisabledException",
        ],
    )
    .await;
    // EC2's model lists no error shapes: codes only.
    check("ec2", Ec2Exception::ALL, &[]).await;
    check(
        "dynamodb",
        DynamoDbException::ALL,
        &[
            "ResourceNotFoundException",
            "ConditionalCheckFailedException",
            "ProvisionedThroughputExceededException",
        ],
    )
    .await;
    check(
        "glacier",
        GlacierException::ALL,
        &[
            "ResourceNotFoundException",
            "InvalidParameterValueException",
            "LimitExceededException",
        ],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn boto3_reads_members_from_headers_and_bodies() {
    use AccessAnalyzerException::{ThrottlingException, ValidationException};
    assert_eq!(AccessAnalyzer::protocol_of(), Protocol::RestJson);
    let errors = vec![
        AccessAnalyzerError::new(ThrottlingException, "Rate exceeded")
            .with_retry_after(std::time::Duration::from_secs(42))
            .into_inner(),
        AccessAnalyzerError::new(ValidationException, "Invalid input")
            .with_field("reason", "fieldValidationFailed")
            .with_field(
                "fieldList",
                serde_json::json!([{"name": "maxResults", "message": "too big"}]),
            )
            .into_inner(),
    ];
    // Sent where the model binds it: in `Retry-After`, not in the body.
    let response = errors[0].to_http_response();
    assert_eq!(response.headers()["retry-after"], "42");
    assert!(!String::from_utf8_lossy(response.body()).contains("retryAfter"));

    let address = serve_errors(errors).await;
    let results = boto3("accessanalyzer", address, 2).await;
    assert_eq!(results[0]["code"], "ThrottlingException", "{results:?}");
    assert_eq!(results[0]["modelled"], true, "{results:?}");
    assert_eq!(
        results[0]["members"]["retryAfterSeconds"], 42,
        "{results:?}"
    );
    assert_eq!(results[1]["code"], "ValidationException", "{results:?}");
    assert_eq!(results[1]["members"]["reason"], "fieldValidationFailed");
    assert_eq!(
        results[1]["members"]["fieldList"],
        serde_json::json!([{"name": "maxResults", "message": "too big"}])
    );
}

/// What the model and Smithy's cases prescribe for boto3's report of each
/// error of a model-derived table: the code (a query code, where the query
/// protocols or query-compatible JSON send one), the modelled class, the
/// status (the query status in the query protocols), the request id, and
/// `Error.Type` where the protocol carries it.
async fn check_model<E: Exception>(service: &str, typed: Typed) {
    let all = <E as errtable::__private::Table>::all();
    let address = serve(all).await;
    let results = boto3(service, address, all.len()).await;
    assert_eq!(results.len(), all.len());
    let query = matches!(
        <E as errtable::__private::Table>::protocol().kind(),
        errtable::ProtocolKind::Query | errtable::ProtocolKind::Ec2
    );
    let mut unmodelled = 0;
    for (index, (exception, got)) in all.iter().zip(&results).enumerate() {
        let what = format!("{service} {exception}: {got}");
        let code = exception.query_code().unwrap_or(exception.code());
        assert_eq!(got["code"], code, "{what}");
        // boto3 raises the class named after the shape, where botocore's
        // model has the shape (its S3 model lacks `NotFound`, HeadObject's
        // bodiless 404; its DynamoDB model `InvalidEndpointException`).
        let modelled = got["classes"]
            .as_array()
            .unwrap()
            .contains(&Value::from(exception.code()));
        // Rows that share a query code (CloudWatch's DashboardNotFoundError
        // and ResourceNotFound) are one code to boto3: either class.
        let sharing: Vec<&str> = all
            .iter()
            .filter(|other| {
                other
                    .query_code()
                    .is_some_and(|q| Some(q) == exception.query_code())
            })
            .map(Exception::code)
            .collect();
        if modelled {
            let class = got["class"].as_str().unwrap_or_default();
            assert!(
                class == exception.code() || sharing.contains(&class),
                "{what}"
            );
        } else {
            unmodelled += 1;
            assert_eq!(got["class"], "ClientError", "{what}");
        }
        assert_eq!(got["message"], MESSAGE, "{what}");
        let status = if query {
            exception.query_status()
        } else {
            exception.status()
        };
        assert_eq!(got["status"], status, "{what}");
        assert_eq!(got["request_id"], format!("request-{index}"), "{what}");
        let sender = match exception.error_type() {
            errtable::ErrorType::Client => "Sender",
            _ => "Receiver",
        };
        let typed = match typed {
            Typed::Always => true,
            Typed::WithQueryCode => exception.query_code().is_some(),
            Typed::Never => false,
        };
        let want = if typed {
            Value::from(sender)
        } else {
            Value::Null
        };
        assert_eq!(got["type"], want, "{what}");
    }
    // The two models are of one service: nearly every shape is boto3's too.
    assert!(
        unmodelled <= 1,
        "{service}: {unmodelled} shapes boto3 lacks"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn boto3_reads_every_model_derived_table_as_the_model_says() {
    // SQS speaks query-compatible JSON to boto3: the query code and type
    // travel in `x-amzn-query-error`.
    check_model::<SqsModelException>("sqs", Typed::WithQueryCode).await;
    // SSM: JSON 1.1, and awsQueryError says nothing there.
    assert_eq!(
        SsmModelException::ParameterNotFound.status(),
        400,
        "real SSM sends 400"
    );
    check_model::<SsmModelException>("ssm", Typed::Never).await;
    check_model::<StsModelException>("sts", Typed::Always).await;
    // CloudFront wraps errors in `<ErrorResponse>` with a `<Type>`.
    check_model::<CloudFrontModelException>("cloudfront", Typed::Always).await;
    // S3 does not.
    check_model::<S3ModelException>("s3", Typed::Never).await;
    check_model::<DynamoDbModelException>("dynamodb", Typed::Never).await;
}

/// boto3 speaks Smithy RPC v2 CBOR to CloudWatch; an errtable server
/// derived from botocore's CloudWatch model answers in it, and boto3
/// reports each error as the model says: the query code
/// (`LimitExceeded` for LimitExceededFault) and `Sender` from
/// `x-amzn-query-error`, the modelled class, the status and request id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn boto3_reads_cloudwatch_errors_in_cbor() {
    let response = CloudWatchModelError::new(CloudWatchModelException::LimitExceededFault, "m")
        .to_http_response();
    assert_eq!(response.headers()["content-type"], "application/cbor");
    assert_eq!(response.headers()["smithy-protocol"], "rpc-v2-cbor");
    assert_eq!(
        CloudWatchModelException::LimitExceededFault.query_code(),
        Some("LimitExceeded")
    );
    check_model::<CloudWatchModelException>("cloudwatch", Typed::WithQueryCode).await;
}

/// boto3 speaks JSON to SQS; its query protocol, which SQS still answers,
/// is checked with botocore's own QueryParser on errtable's responses.
#[test]
fn botocore_reads_sqs_errors_in_the_query_protocol() {
    let cases: Vec<Value> = SqsModelException::ALL
        .iter()
        .map(|exception| {
            let response = SqsModelError::new(exception.clone(), MESSAGE)
                .with_request_id("request-1")
                .to_http_response_in(&Protocol::Query);
            serde_json::json!({
                "protocol": "query",
                "status": response.status().as_u16(),
                "headers": response
                    .headers()
                    .iter()
                    .map(|(k, v)| (k.as_str().to_owned(), Value::from(v.to_str().unwrap())))
                    .collect::<serde_json::Map<_, _>>(),
                "body": response.body().iter().map(|&b| char::from(b)).collect::<String>(),
            })
        })
        .collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/py/botocore_parse.py");
    let mut child = std::process::Command::new("python3")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    std::io::Write::write_all(
        &mut child.stdin.take().unwrap(),
        &serde_json::to_vec(&cases).unwrap(),
    )
    .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "botocore_parse.py failed");
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    for (exception, got) in SqsModelException::ALL.iter().zip(&results) {
        let what = format!("{exception}: {got}");
        let code = exception.query_code().unwrap_or(exception.code());
        assert_eq!(got["code"], code, "{what}");
        assert_eq!(got["message"], MESSAGE, "{what}");
        assert_eq!(got["request_id"], "request-1", "{what}");
        assert_eq!(got["error"]["Type"], "Sender", "{what}");
    }
    // SQS's queue that is not there, by its query code.
    assert_eq!(
        SqsModelException::from_code("AWS.SimpleQueueService.NonExistentQueue"),
        SqsModelException::QueueDoesNotExist
    );
}

trait ProtocolOf {
    fn protocol_of() -> Protocol;
}

impl<T: ErrorTable> ProtocolOf for T {
    fn protocol_of() -> Protocol {
        <T::Exception as errtable::__private::Table>::protocol()
    }
}
