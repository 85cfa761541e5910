//! Rows may carry the code AWS query protocols send for them, for the AWS
//! JSON services that stay compatible with their query past (SQS).

use errtable::http::{HttpError, X_AMZN_QUERY_ERROR};
use errtable::{ErrorTable, Exception, Protocol};

#[derive(ErrorTable)]
#[error_table(spec = "specs/sqs.json")]
pub struct Sqs;

#[test]
fn rows_keep_their_query_codes() {
    assert_eq!(
        SqsException::QueueDoesNotExist.query_code(),
        Some("AWS.SimpleQueueService.NonExistentQueue")
    );
    assert_eq!(SqsException::OverLimit.query_code(), Some("OverLimit"));
    assert_eq!(SqsException::InvalidAddress.query_code(), None);
    assert_eq!(SqsException::from_code("Other").query_code(), None);
    // A query code names its row, as boto3 reports it for query services.
    assert_eq!(
        SqsException::from_code("AWS.SimpleQueueService.NonExistentQueue"),
        SqsException::QueueDoesNotExist
    );
    assert_eq!(
        SqsException::lookup("AWS.SimpleQueueService.NonExistentQueue"),
        Some(SqsException::QueueDoesNotExist)
    );
}

/// CloudWatch's way with query codes: shapes named `...Fault`, query codes
/// without it, two shapes sharing one, and query statuses.
#[derive(ErrorTable)]
#[error_table(
    spec = "specs/query_table.json",
    protocol = "query",
    xml_namespace = "http://monitoring.amazonaws.com/doc/2010-08-01/"
)]
pub struct Monitoring;

#[test]
fn codes_first_then_query_codes_in_spec_order() {
    use MonitoringException as M;
    // `ResourceNotFound` is a code and the query code of an earlier row:
    // the code wins.
    assert_eq!(M::from_code("ResourceNotFound"), M::ResourceNotFound);
    assert_eq!(
        M::from_code("DashboardNotFoundError"),
        M::DashboardNotFoundError
    );
    assert_eq!(M::from_code("LimitExceeded"), M::LimitExceededFault);
    assert_eq!(M::from_code("LimitExceededFault"), M::LimitExceededFault);
    assert_eq!(M::from_code("Throttling"), M::ThrottledException);
    assert_eq!(
        M::from_code("InternalServiceError"),
        M::InternalServiceFault
    );
    assert!(!M::from_code("Limitexceeded").is_known());
    assert_eq!(M::Plain.query_code(), None);
    assert_eq!(M::Plain.query_status(), 409);
}

#[test]
fn the_query_protocols_send_query_codes_and_statuses() {
    use MonitoringException as M;
    assert_eq!(M::ThrottledException.status(), 400);
    assert_eq!(M::ThrottledException.query_status(), 429);
    let error = MonitoringError::new(M::ThrottledException, "Rate exceeded");
    let response = error.to_http_response();
    assert_eq!(response.status(), 429);
    let body = String::from_utf8(response.body().clone()).unwrap();
    assert!(
        body.contains(r#"<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>"#),
        "{body}"
    );
    // Read back by its query code, keeping the status it arrived with.
    let back =
        MonitoringError::from_http_parts(response.status(), response.headers(), response.body())
            .unwrap();
    assert_eq!(back.exception(), &M::ThrottledException);
    assert_eq!(back.received_status(), Some(429));
    assert_eq!(back.status(), 400);
    // ec2 too; the other protocols send the code and the status.
    let ec2 = String::from_utf8(error.to_body(&Protocol::Ec2)).unwrap();
    assert!(ec2.contains("<Code>Throttling</Code>"), "{ec2}");
    let xml = String::from_utf8(error.to_body(&Protocol::RestXmlWrapped)).unwrap();
    assert!(xml.contains("<Code>ThrottledException</Code>"), "{xml}");
    let response = error.to_http_response_in(&Protocol::AwsJson);
    assert_eq!(response.status(), 400);
    // A row whose query code is its code still says so to query-compatible
    // clients: boto3 reads `Error.Type` from the header.
    let plain = MonitoringError::new(M::ResourceNotFound, "gone");
    let response = plain.to_http_response_in(&Protocol::AwsJson11);
    assert_eq!(
        response.headers()[X_AMZN_QUERY_ERROR],
        "ResourceNotFound;Sender"
    );
    assert_eq!(
        response.headers()["content-type"],
        "application/x-amz-json-1.1"
    );
    let server = MonitoringError::new(M::InternalServiceFault, "");
    let response = server.to_http_response_in(&Protocol::AwsJson);
    assert_eq!(
        response.headers()[X_AMZN_QUERY_ERROR],
        "InternalServiceError;Receiver"
    );
    // An empty message is no member.
    assert_eq!(response.body(), br#"{"__type":"InternalServiceFault"}"#);
    assert!(matches!(
        MonitoringError::from_http_parts(http::StatusCode::OK, response.headers(), response.body()),
        Err(HttpError::NotAnError(_))
    ));
}

#[test]
fn both_formats_write_them_back() {
    let spec = errtable_codegen::json::read("sqs.json", include_str!("../specs/sqs.json"));
    assert!(spec.problems.is_empty(), "{:?}", spec.problems);
    let markdown = errtable_codegen::markdown::write(&spec.rows, |_| None).unwrap();
    assert!(markdown.contains("| Query Code |"), "{markdown}");
    let back = errtable_codegen::markdown::read("sqs.md", &markdown);
    assert_eq!(
        back.rows,
        spec.rows
            .iter()
            .map(|r| errtable_codegen::Row {
                file: "sqs.md".to_owned(),
                pos: back.rows.iter().find(|b| b.code == r.code).unwrap().pos,
                ..r.clone()
            })
            .collect::<Vec<_>>()
    );
    let json = errtable_codegen::json::write(&spec.rows);
    let again = errtable_codegen::json::read("again.json", &json);
    assert_eq!(
        again
            .rows
            .iter()
            .map(|r| r.query_code.clone())
            .collect::<Vec<_>>(),
        spec.rows
            .iter()
            .map(|r| r.query_code.clone())
            .collect::<Vec<_>>()
    );
}
