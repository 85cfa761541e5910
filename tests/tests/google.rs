//! Google's error model (AIP-193) over HTTP: `google-json` bodies as
//! Google's APIs send them, each row's ErrorInfo (its `Reason` column, else
//! the reason derived from its code; the table's domain; the code and
//! fields as metadata), RequestInfo and RetryInfo, read back exactly; the
//! bodies Google's own APIs send, read; malformed ones refused; and every
//! detail parsed by googleapis-common-protos (PyPI) into its `google.rpc`
//! message.

mod support;

use errtable::google::ErrorInfo;
use errtable::{BodyError, ErrorTable, ErrorType, Exception, Protocol};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

#[derive(ErrorTable)]
#[error_table(
    spec = "specs/google-reasons.md",
    protocol = "google-json",
    domain = "bookshop.example.com"
)]
pub struct Books;

/// The same table without a domain: the crate's name is its domain.
#[derive(ErrorTable)]
#[error_table(
    spec = "specs/google-reasons.md",
    exception = "PlainBooksException",
    error = "PlainBooksError"
)]
pub struct PlainBooks;

/// A REST-JSON table, which still reads Google's bodies.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

#[test]
fn reasons_come_from_the_column_else_from_the_code() {
    use BooksException as B;
    let expected = [
        (B::BookNotFound, "BOOK_NOT_FOUND"),
        (B::InvalidIsbn, "ISBN_INVALID"),
        (B::ShelfFull, "SHELF_FULL"),
        (B::ALL[3].clone(), "BOOKSHOP_SHELF_LOCKED"),
        (B::RateLimited, "RATE_LIMITED"),
        (B::InternalError, "INTERNAL_ERROR"),
    ];
    assert_eq!(expected.len(), B::ALL.len());
    for (exception, reason) in expected {
        assert_eq!(exception.reason(), reason, "{exception}");
    }
    assert_eq!(B::ALL[3].code(), "Bookshop.Shelf.Locked");
    // Codes the table lacks get the same rule.
    let unknown = B::from_code("AWS.SimpleQueueService.NonExistentQueue");
    assert_eq!(
        unknown.reason(),
        "AWS_SIMPLE_QUEUE_SERVICE_NON_EXISTENT_QUEUE"
    );
    assert_eq!(B::from_code("_404Thing").reason(), "ERROR_404_THING");
    // A table without the column.
    assert_eq!(
        GlacierException::ResourceNotFoundException.reason(),
        "RESOURCE_NOT_FOUND_EXCEPTION"
    );
}

#[test]
fn the_domain_is_the_option_else_the_crate_name() {
    let info = BooksError::new(BooksException::ShelfFull, "full").error_info();
    assert_eq!(info.domain, "bookshop.example.com");
    let info = PlainBooksError::new(PlainBooksException::ShelfFull, "full").error_info();
    assert_eq!(info.domain, "errtable-tests");
    assert_eq!(
        info,
        ErrorInfo {
            reason: "SHELF_FULL".into(),
            domain: "errtable-tests".into(),
            metadata: vec![("code".into(), "ShelfFull".into())],
        }
    );
}

#[test]
fn each_metadata_key_is_sent_once() {
    // A field named `code`, and two fields of one key: the code, and the
    // first field of each key, as AIP-193's map holds each key once.
    let error = BooksError::new(BooksException::ShelfFull, "full")
        .with_field("code", "not the code")
        .with_field("ShelfId", "first")
        .with_field("shelf_id", "second");
    assert_eq!(
        error.error_info().metadata,
        [
            ("code".to_owned(), "ShelfFull".to_owned()),
            ("shelfId".to_owned(), "first".to_owned()),
        ]
    );
    let body: Value = serde_json::from_slice(&error.to_body(&Protocol::GoogleJson)).unwrap();
    assert_eq!(
        body["error"]["details"][0]["metadata"],
        json!({"code": "ShelfFull", "shelfId": "first"})
    );
}

#[test]
fn a_body_is_googles_shape_byte_for_byte() {
    let error = BooksError::new(BooksException::RateLimited, "Slow down, \"please\".")
        .with_request_id("req-1")
        .with_field("ShelfId", "s-9")
        .with_field("limit", 100)
        .with_field("tags", json!(["a", "b"]))
        .with_retry_after(Duration::from_secs(30));
    let body = error.to_body(&Protocol::GoogleJson);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        concat!(
            r#"{"error":{"code":429,"message":"Slow down, \"please\".","status":"RESOURCE_EXHAUSTED","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMITED","domain":"bookshop.example.com","#,
            r#""metadata":{"code":"RateLimited","shelfId":"s-9","limit":"100","tags":"[\"a\",\"b\"]"}},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-1"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"}]}}"#
        )
    );
    // The table's own JSON is the same body.
    assert_eq!(
        error.to_json().as_bytes(),
        error.to_body(&Protocol::GoogleJson)
    );

    // An HTTP response: the row's status, Google's content type, the body,
    // the request id in RequestInfo and in no header of its own.
    let response = error.to_http_response();
    assert_eq!(response.status(), 429);
    assert_eq!(
        response.headers()["content-type"],
        "application/json; charset=UTF-8"
    );
    assert!(!response.headers().contains_key("x-amzn-requestid"));
    assert_eq!(response.headers()["retry-after"], "30");
    let read = BooksError::from_http_parts(response.status(), response.headers(), response.body())
        .unwrap();
    assert_eq!(read.exception(), &BooksException::RateLimited);
    assert_eq!(read.request_id(), Some("req-1"));
    assert_eq!(read.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(read.field("shelfId"), Some(&json!("s-9")));
    assert_eq!(read.field("limit"), Some(&json!("100")));
}

#[test]
fn every_row_round_trips() {
    for exception in BooksException::ALL {
        let sent = BooksError::new(exception.clone(), format!("{exception} happened: ü 💥"))
            .with_request_id("r-1");
        let body = sent.to_body(&Protocol::GoogleJson);
        let json: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["error"]["code"], exception.status(), "{exception}");
        assert_eq!(
            json["error"]["status"],
            exception.grpc_code().as_str(),
            "{exception}"
        );
        assert_eq!(json["error"]["details"][0]["reason"], *exception.reason());
        let read = BooksError::from_body(&Protocol::GoogleJson, &body).unwrap();
        assert_eq!(read, sent, "{exception}");
        assert_eq!(BooksError::from_json(&body).unwrap(), sent);
        // serde reads and writes the same body.
        assert_eq!(serde_json::to_value(&sent).unwrap(), json);
        let parsed: BooksError = serde_json::from_value(json).unwrap();
        assert_eq!(parsed, sent);
    }
}

#[test]
fn reasons_name_rows_without_a_code_within_the_domain() {
    let body = |reason: &str, domain: &str, metadata: Value| {
        json!({"error": {"code": 400, "message": "m", "status": "INVALID_ARGUMENT", "details": [
            {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason, "domain": domain, "metadata": metadata}
        ]}})
        .to_string()
    };
    let read =
        |body: String| BooksError::from_body(&Protocol::GoogleJson, body.as_bytes()).unwrap();

    // An explicit reason names its row, and so does a derived one.
    let error = read(body("ISBN_INVALID", "bookshop.example.com", json!({})));
    assert_eq!(error.exception(), &BooksException::InvalidIsbn);
    let error = read(body("SHELF_FULL", "bookshop.example.com", json!({})));
    assert_eq!(error.exception(), &BooksException::ShelfFull);
    assert_eq!(error.status(), 409);
    // `code` wins over the reason.
    let error = read(body(
        "SHELF_FULL",
        "bookshop.example.com",
        json!({"code": "BookNotFound"}),
    ));
    assert_eq!(error.exception(), &BooksException::BookNotFound);

    // Another domain: unknown, by its reason, even where a row has it;
    // its `code` is only a field.
    let error = read(body(
        "SHELF_FULL",
        "elsewhere.example.com",
        json!({"code": "ShelfFull"}),
    ));
    assert!(!error.exception().is_known());
    assert_eq!(error.code(), "SHELF_FULL");
    assert_eq!(error.status(), 400);
    assert_eq!(error.error_type(), ErrorType::Client);
    assert_eq!(error.field("code"), Some(&json!("ShelfFull")));
}

/// A body as Google's APIs send it (AIP-193's example), with a detail
/// errtable has no type for.
const GOOGLE_QUOTA: &str = r#"{
  "error": {
    "code": 429,
    "message": "Quota exceeded for quota metric 'Queries' of service 'pubsub.googleapis.com'.",
    "status": "RESOURCE_EXHAUSTED",
    "details": [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "RATE_LIMIT_EXCEEDED",
        "domain": "googleapis.com",
        "metadata": {
          "service": "pubsub.googleapis.com",
          "quota_limit_value": "2000"
        }
      },
      {
        "@type": "type.googleapis.com/google.rpc.Help",
        "links": [{"description": "Request a higher quota limit.", "url": "https://cloud.google.com/docs/quotas"}]
      }
    ]
  }
}"#;

#[test]
fn googles_own_bodies_are_read_and_their_other_details_kept() {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    // A REST-JSON table tells Google's body by its shape.
    let error = GlacierError::from_http_parts(
        StatusCode::TOO_MANY_REQUESTS,
        &headers,
        GOOGLE_QUOTA.as_bytes(),
    )
    .unwrap();
    assert_eq!(error.code(), "RATE_LIMIT_EXCEEDED");
    assert_eq!(error.status(), 429);
    assert_eq!(error.error_type(), ErrorType::Client);
    assert!(error.message().starts_with("Quota exceeded"));
    assert_eq!(
        error.field("service"),
        Some(&json!("pubsub.googleapis.com"))
    );
    assert_eq!(error.field("quota_limit_value"), Some(&json!("2000")));
    let help = &error.field("details").unwrap()[0];
    assert_eq!(help["@type"], "type.googleapis.com/google.rpc.Help");

    // Sent on in google-json, the Help detail goes with it.
    let body: Value = serde_json::from_slice(&error.to_body(&Protocol::GoogleJson)).unwrap();
    let details = body["error"]["details"].as_array().unwrap();
    assert_eq!(details[0]["reason"], "RATE_LIMIT_EXCEEDED");
    assert_eq!(details.last().unwrap(), help);
    assert!(details[0]["metadata"].get("details").is_none());
}

#[test]
fn bodies_without_error_info_name_no_code() {
    let body = br#"{"error":{"code":404,"message":"Not found.","status":"NOT_FOUND"}}"#;
    assert!(matches!(
        BooksError::from_body(&Protocol::GoogleJson, body),
        Err(BodyError::NoCode)
    ));
    // Over HTTP, the only row with the status names it, marked as a guess.
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    let error = BooksError::from_http_parts(StatusCode::NOT_FOUND, &headers, body).unwrap();
    assert_eq!(error.exception(), &BooksException::BookNotFound);
    assert!(error.guessed_from_status());
    assert_eq!(error.message(), "Not found.");
}

#[test]
fn malformed_bodies_are_refused() {
    for body in [
        "[]",
        r#"{"code":404}"#,
        r#"{"error":"oops"}"#,
        r#"{"error":{"code":"404"}}"#,
        r#"{"error":{"code":70000}}"#,
        r#"{"error":{"message":7}}"#,
        r#"{"error":{"details":{}}}"#,
        r#"{"error":{"details":["x"]}}"#,
        r#"{"error":{"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"A_B","metadata":{"n":1}}]}}"#,
        r#"{"error":{"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":5}]}}"#,
        r#"{"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"soon"}]}}"#,
        r#"{"error":{} "#,
    ] {
        assert!(
            matches!(
                BooksError::from_body(&Protocol::GoogleJson, body.as_bytes()),
                Err(BodyError::Invalid(_))
            ),
            "{body}"
        );
    }
}

/// googleapis-common-protos (PyPI) parses every detail of every row's
/// body with `json_format.ParseDict` into its `google.rpc` message, and
/// `google.rpc.Code` gives `status` the row's gRPC code.
#[test]
fn googleapis_common_protos_parse_every_detail() {
    if !support::python_has("google.rpc.error_details_pb2") {
        return;
    }
    let errors: Vec<BooksError> = BooksException::ALL
        .iter()
        .enumerate()
        .map(|(index, exception)| {
            let error = BooksError::new(exception.clone(), format!("{exception}: \"ü\""))
                .with_request_id(format!("req-{index}"))
                .with_field("shelfId", "s-1")
                .with_field("count", index);
            match index % 2 {
                0 => error.with_retry_after(Duration::from_millis(1500 * index as u64 + 1)),
                _ => error,
            }
        })
        .collect();
    let bodies: Vec<Value> = errors
        .iter()
        .map(|error| serde_json::from_slice(&error.to_body(&Protocol::GoogleJson)).unwrap())
        .collect();
    let parsed = support::python_json("google_json_parse.py", &[], &bodies);
    assert_eq!(parsed.len(), errors.len());
    for ((error, body), got) in errors.iter().zip(&bodies).zip(&parsed) {
        let exception = error.exception();
        assert_eq!(
            got["grpcCode"],
            exception.grpc_code().value(),
            "{exception}: {got}"
        );
        // protobuf writes back exactly what errtable wrote.
        assert_eq!(got["details"], body["error"]["details"], "{exception}");
        let kinds = got["details"].as_array().unwrap().len();
        assert_eq!(kinds, if error.retry_after().is_some() { 3 } else { 2 });
    }
}
