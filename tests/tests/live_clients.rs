//! Real boto3 clients against small servers on loopback, one per protocol:
//! STS (query), EC2 (ec2), DynamoDB (AWS JSON 1.0) and Glacier (REST-JSON);
//! S3's rest-xml is driven the same way by `examples/s3-service`. Each
//! server answers every request with the next row of its table; boto3 must
//! report each row's code, message, status and request id, and raise the
//! exception class its model has for the code.

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

const MESSAGE: &str = "It failed: \"quoted\" <tagged> & 'ü'";

/// Serves `all` in turn, in the table's protocol, and returns the address.
async fn serve<E: Exception>(all: &'static [E]) -> std::net::SocketAddr {
    let next = Arc::new(AtomicUsize::new(0));
    let app = axum::Router::new().fallback(move || {
        let next = next.clone();
        async move {
            let index = next.fetch_add(1, Ordering::SeqCst);
            let error = ServiceError::new(all[index % all.len()].clone(), MESSAGE)
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
        "live_clients.py: {}",
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

trait ProtocolOf {
    fn protocol_of() -> Protocol;
}

impl<T: ErrorTable> ProtocolOf for T {
    fn protocol_of() -> Protocol {
        <T::Exception as errtable::__private::Table>::protocol()
    }
}
