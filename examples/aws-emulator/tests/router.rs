//! The emulator in process (tower's `oneshot`): the exact bytes and
//! headers of its errors in each protocol, and how requests are routed to
//! a service, including those that name none.

use aws_emulator::server::router;
use aws_emulator::Emulator;
use axum::body::Body;
use axum::http::{Request, Response};
use std::sync::Arc;
use tower::ServiceExt;

struct Reply {
    status: u16,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    fn request_id(&self) -> &str {
        let id = self.header("x-amzn-requestid").expect("x-amzn-RequestId");
        assert_eq!(id.len(), 36, "{id}");
        id
    }
}

async fn reply(response: Response<Body>) -> Reply {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// Sends requests to one emulator, in order.
struct Client(axum::Router);

impl Client {
    fn new() -> Client {
        Client(router(Arc::new(Emulator::default())))
    }

    async fn send(&self, request: Request<Body>) -> Reply {
        reply(self.0.clone().oneshot(request).await.unwrap()).await
    }

    /// An AWS JSON request for `target`.
    async fn json(&self, target: &str, body: &str) -> Reply {
        let request = Request::post("/")
            .header("content-type", "application/x-amz-json-1.0")
            .header("x-amz-target", target)
            .header("host", "localhost:4566")
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.send(request).await
    }

    /// A query request with this form body.
    async fn query(&self, form: &str) -> Reply {
        let request = Request::post("/")
            .header(
                "content-type",
                "application/x-www-form-urlencoded; charset=utf-8",
            )
            .body(Body::from(form.to_owned()))
            .unwrap();
        self.send(request).await
    }
}

/// DynamoDB's errors: AWS JSON 1.0, the code in `__type`, and the CRC32 of
/// the body in `x-amz-crc32`; no `x-amzn-query-error` (DynamoDB is not
/// query-compatible).
#[tokio::test]
async fn dynamodb_errors() {
    let client = Client::new();
    let missing = client
        .json(
            "DynamoDB_20120810.DescribeTable",
            r#"{"TableName":"users"}"#,
        )
        .await;
    assert_eq!(missing.status, 400);
    assert_eq!(
        missing.body,
        r#"{"__type":"ResourceNotFoundException","message":"Requested resource not found: Table: users not found"}"#
    );
    assert_eq!(
        missing.header("content-type"),
        Some("application/x-amz-json-1.0")
    );
    assert_eq!(
        missing.header("x-amz-crc32"),
        Some(
            crc32fast::hash(missing.body.as_bytes())
                .to_string()
                .as_str()
        )
    );
    assert_eq!(missing.header("x-amzn-query-error"), None);
    missing.request_id();

    let created = client
        .json(
            "DynamoDB_20120810.CreateTable",
            r#"{"TableName":"users","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
                "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]}"#,
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    assert_eq!(
        created.header("x-amz-crc32"),
        Some(
            crc32fast::hash(created.body.as_bytes())
                .to_string()
                .as_str()
        )
    );
    assert_eq!(
        created.header("content-type"),
        Some("application/x-amz-json-1.0")
    );
    assert_ne!(created.request_id(), missing.request_id());

    for (body, code) in [
        ("{[", "SerializationException"),
        (r#"{"TableName":5}"#, "SerializationException"),
        ("{}", "ValidationException"),
    ] {
        let reply = client.json("DynamoDB_20120810.DescribeTable", body).await;
        assert_eq!(reply.status, 400, "{body}");
        let error: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(error["__type"], code, "{body}");
    }
}

/// SQS's errors: AWS JSON 1.0 with the model's query code in
/// `x-amzn-query-error`, and the model's status (ReceiptHandleIsInvalid is
/// a 404).
#[tokio::test]
async fn sqs_errors() {
    let client = Client::new();
    let missing = client
        .json("AmazonSQS.GetQueueUrl", r#"{"QueueName":"nope"}"#)
        .await;
    assert_eq!(missing.status, 400);
    assert_eq!(
        missing.body,
        r#"{"__type":"QueueDoesNotExist","message":"The specified queue does not exist."}"#
    );
    assert_eq!(
        missing.header("x-amzn-query-error"),
        Some("AWS.SimpleQueueService.NonExistentQueue;Sender")
    );
    assert_eq!(
        missing.header("content-type"),
        Some("application/x-amz-json-1.0")
    );
    missing.request_id();

    let created = client
        .json("AmazonSQS.CreateQueue", r#"{"QueueName":"q"}"#)
        .await;
    assert_eq!(
        created.body,
        r#"{"QueueUrl":"http://localhost:4566/000000000000/q"}"#
    );
    let invalid = client
        .json(
            "AmazonSQS.DeleteMessage",
            r#"{"QueueUrl":"http://localhost:4566/000000000000/q","ReceiptHandle":"x"}"#,
        )
        .await;
    assert_eq!(invalid.status, 404);
    assert_eq!(
        invalid.header("x-amzn-query-error"),
        Some("ReceiptHandleIsInvalid;Sender")
    );

    // The common rows have no query code, so no `x-amzn-query-error`.
    let validation = client.json("AmazonSQS.GetQueueUrl", "{}").await;
    assert_eq!(validation.status, 400);
    assert!(validation
        .body
        .contains(r#""__type":"ValidationException""#));
    assert_eq!(validation.header("x-amzn-query-error"), None);
}

/// STS's errors: the query protocol's `<ErrorResponse>` in STS's
/// namespace, the query code, the request id in the body and the header.
#[tokio::test]
async fn sts_errors() {
    let client = Client::new();
    let malformed = client
        .query(
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr\
             &RoleSessionName=s1&Policy=%7Bnot",
        )
        .await;
    assert_eq!(malformed.status, 400);
    assert_eq!(malformed.header("content-type"), Some("text/xml"));
    let id = malformed.request_id();
    assert_eq!(
        malformed.body,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>\
             <Type>Sender</Type><Code>MalformedPolicyDocument</Code>\
             <Message>The policy is not in the valid JSON format.</Message></Error>\
             <RequestId>{id}</RequestId></ErrorResponse>"
        )
    );

    let no_arn = client
        .query("Action=AssumeRole&Version=2011-06-15&RoleSessionName=s1")
        .await;
    assert_eq!(no_arn.status, 400);
    assert!(
        no_arn.body.contains("<Code>ValidationError</Code>"),
        "{}",
        no_arn.body
    );

    let ok = client
        .query("Action=GetCallerIdentity&Version=2011-06-15")
        .await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.header("content-type"), Some("text/xml"));
    let id = ok.request_id();
    assert!(ok.body.starts_with(
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
    ));
    assert!(ok.body.contains(&format!("<RequestId>{id}</RequestId>")));

    // Query parameters may come in the URI too.
    let get = client
        .send(
            Request::get("/?Action=GetCallerIdentity&Version=2011-06-15")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(get.status, 200, "{}", get.body);
}

/// Requests that name no operation, or one the emulator does not serve:
/// the common errors of their protocol.
#[tokio::test]
async fn unknown_operations() {
    let client = Client::new();
    for target in [
        "Kinesis_20131202.ListStreams",
        "DynamoDB_20120810.NoSuchThing",
        "DynamoDB_20120810.Scan",
        "AmazonSQS.PurgeQueue",
        "AmazonSQS.",
    ] {
        let reply = client.json(target, "{}").await;
        assert_eq!(reply.status, 400, "{target}");
        let error: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(error["__type"], "InvalidAction", "{target}");
        reply.request_id();
    }

    for (form, code) in [
        ("Version=2011-06-15", "MissingAction"),
        ("Action=AssumeRoot&Version=2011-06-15", "InvalidAction"),
        ("Action=NoSuchThing&Version=2011-06-15", "InvalidAction"),
        (
            "Action=GetCallerIdentity&Version=2010-01-01",
            "InvalidAction",
        ),
    ] {
        let reply = client.query(form).await;
        assert_eq!(reply.status, 400, "{form}");
        assert!(
            reply.body.contains(&format!("<Code>{code}</Code>")),
            "{form}: {}",
            reply.body
        );
    }
    let reply = client.query("Action=NoSuchThing&Version=2011-06-15").await;
    assert!(reply.body.contains(
        "<Message>Could not find operation NoSuchThing for version 2011-06-15</Message>"
    ));
}
