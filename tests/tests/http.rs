//! The `http` feature: error responses written as AWS services send them and
//! read back the way botocore and the AWS SDKs read them, one test per rule,
//! plus the seed's example responses taken verbatim from spec/glacier.md.

use errtable::http::{HttpError, X_AMZN_ERROR_TYPE, X_AMZN_REQUEST_ID, X_AMZ_REQUEST_ID};
use errtable::{ErrorTable, ErrorType, Exception, ServiceError};
use http::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, DATE};
use http::{Response, StatusCode};

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

const DOC_ID: &str = "AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg";

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

fn parse(status: u16, pairs: &[(&str, &str)], body: &str) -> Result<GlacierError, HttpError> {
    GlacierError::from_http_parts(
        StatusCode::from_u16(status).unwrap(),
        &headers(pairs),
        body.as_bytes(),
    )
}

/// A response of the seed document: status, headers and body.
struct DocResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

/// The example responses of spec/glacier.md, in order: Example 1 (job),
/// Example 1 (vault), Example 2.
fn doc_responses() -> Vec<DocResponse> {
    let spec = include_str!("../../spec/glacier.md");
    spec.split("```\n")
        .filter(|block| block.starts_with("HTTP/1.1 "))
        .map(|block| {
            let (head, body) = block.split_at(block.find("\n{").unwrap() + 1);
            let mut lines = head.lines();
            let status = lines.next().unwrap()[9..12].parse().unwrap();
            let headers = lines
                .map(|line| {
                    let (name, value) = line.split_once(": ").unwrap();
                    (name.to_owned(), value.trim().to_owned())
                })
                .collect();
            DocResponse {
                status,
                headers,
                body: body.trim_end_matches('\n').to_owned(),
            }
        })
        .collect()
}

impl DocResponse {
    fn parse(&self, extra: &[(&str, &str)]) -> Result<GlacierError, HttpError> {
        let mut pairs: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        pairs.extend_from_slice(extra);
        parse(self.status, &pairs, &self.body)
    }
}

#[test]
fn a_response_carries_status_headers_and_the_compact_body() {
    let err = GlacierError::new(
        GlacierException::ResourceNotFoundException,
        "Vault not found",
    )
    .with_request_id(DOC_ID);
    let response = err.to_http_response();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let h = response.headers();
    assert_eq!(h[CONTENT_TYPE], "application/json");
    assert_eq!(h[X_AMZN_REQUEST_ID], DOC_ID);
    assert_eq!(h[X_AMZN_ERROR_TYPE], "ResourceNotFoundException");
    assert_eq!(
        h[CONTENT_LENGTH],
        response.body().len().to_string().as_str()
    );
    let date = httpdate::parse_http_date(h[DATE].to_str().unwrap()).unwrap();
    let age = std::time::SystemTime::now().duration_since(date).unwrap();
    assert!(age.as_secs() < 60, "{age:?}");
    assert_eq!(response.body(), err.to_json().as_bytes());
    assert_eq!(h.len(), 5, "{h:?}");
}

#[test]
fn every_row_round_trips_over_http() {
    for exception in GlacierException::ALL {
        let sent = GlacierError::new(exception.clone(), format!("why {exception} \"q\" ü"));
        let response = sent.to_http_response();
        assert_eq!(response.status().as_u16(), exception.status());
        let received =
            GlacierError::from_http_parts(response.status(), response.headers(), response.body())
                .unwrap();
        assert_eq!(received.exception(), exception);
        assert_eq!(received.message(), sent.message());
        assert_eq!(
            received.request_id(),
            Some(response.headers()[X_AMZN_REQUEST_ID].to_str().unwrap())
        );
    }
}

#[test]
fn a_missing_or_unsendable_request_id_is_generated() {
    let plain = GlacierError::new(GlacierException::BadRequest, "m");
    let bad = plain.clone().with_request_id("line\r\nInjected: yes");
    for err in [plain, bad] {
        let first = err.to_http_response();
        let second = err.to_http_response();
        let id = first.headers()[X_AMZN_REQUEST_ID].to_str().unwrap();
        assert_eq!(id.len(), 36);
        assert!(id.split('-').count() == 5);
        assert_ne!(id, second.headers()[X_AMZN_REQUEST_ID]);
        assert!(!first.headers().contains_key("injected"));
    }
}

#[test]
fn from_keeps_the_error_with_the_request_id_it_sent() {
    let response: Response<Vec<u8>> =
        GlacierError::new(GlacierException::ThrottlingException, "Rate exceeded").into();
    let sent_id = response.headers()[X_AMZN_REQUEST_ID].to_str().unwrap();
    let kept = response.extensions().get::<GlacierError>().unwrap();
    assert_eq!(kept.request_id(), Some(sent_id));
    assert_eq!(kept.exception(), &GlacierException::ThrottlingException);

    let response: Response<Vec<u8>> = GlacierError::new(GlacierException::BadRequest, "m")
        .with_request_id(DOC_ID)
        .into();
    assert_eq!(response.headers()[X_AMZN_REQUEST_ID], DOC_ID);
    assert_eq!(
        response
            .extensions()
            .get::<GlacierError>()
            .unwrap()
            .request_id(),
        Some(DOC_ID)
    );
}

#[test]
fn a_code_that_cannot_be_a_header_travels_in_the_body_only() {
    let err = GlacierError::new(GlacierException::from_code("Ünknown Code"), "m");
    let response = err.to_http_response();
    assert!(!response.headers().contains_key(X_AMZN_ERROR_TYPE));
    let back =
        GlacierError::from_http_parts(response.status(), response.headers(), response.body())
            .unwrap();
    assert_eq!(back.code(), "Ünknown Code");
}

#[test]
fn an_error_is_never_sent_with_a_success_status() {
    for status in [200, 204, 299, 600, 999] {
        let unknown = errtable::UnknownCode::new("Odd")
            .with_error_type(ErrorType::Client)
            .with_status(status);
        let err = GlacierError::new(GlacierException::Unknown(unknown), "m");
        assert_eq!(err.to_http_response().status(), 500, "{status}");
    }
    // A redirect is an error response too (S3's 301, 307), sent as given.
    for status in [301, 302, 307] {
        let unknown = errtable::UnknownCode::new("Moved").with_status(status);
        let err = GlacierError::new(GlacierException::Unknown(unknown), "m");
        assert_eq!(err.to_http_response().status(), status);
    }
}

#[test]
fn the_header_names_the_code_before_the_body() {
    let err = parse(
        400,
        &[(
            "x-amzn-ErrorType",
            "ThrottlingException:http://internal.amazon.com/",
        )],
        r#"{"code":"BadRequest","message":"slow down"}"#,
    )
    .unwrap();
    assert_eq!(err.exception(), &GlacierException::ThrottlingException);
    assert_eq!(err.message(), "slow down");

    let err = parse(
        400,
        &[("X-Amzn-ErrorType", "com.amazon.glacier#BadRequest")],
        "{}",
    )
    .unwrap();
    assert_eq!(err.exception(), &GlacierException::BadRequest);

    // A blank header is no header.
    let err = parse(
        400,
        &[("x-amzn-errortype", " ")],
        r#"{"Code":"BadRequest"}"#,
    )
    .unwrap();
    assert_eq!(err.exception(), &GlacierException::BadRequest);
}

#[test]
fn without_the_header_the_body_names_the_code() {
    for (body, code, message) in [
        (
            r#"{"code":"BadRequest","Code":"X","__type":"Y","message":"a"}"#,
            "BadRequest",
            "a",
        ),
        (
            r#"{"Code":"BadRequest","__type":"Y","Message":"b"}"#,
            "BadRequest",
            "b",
        ),
        (
            r#"{"__type":"aws#BadRequest","errorMessage":"c"}"#,
            "BadRequest",
            "c",
        ),
    ] {
        let err = parse(400, &[], body).unwrap();
        assert_eq!(err.code(), code, "{body}");
        assert_eq!(err.message(), message, "{body}");
    }
}

#[test]
fn request_ids_come_from_either_header() {
    let body = r#"{"code":"BadRequest"}"#;
    let err = parse(
        400,
        &[("x-amzn-RequestId", "a"), ("x-amz-request-id", "b")],
        body,
    )
    .unwrap();
    assert_eq!(err.request_id(), Some("a"));
    let err = parse(400, &[("x-amz-request-id", "b")], body).unwrap();
    assert_eq!(err.request_id(), Some("b"));
    let err = parse(400, &[], body).unwrap();
    assert_eq!(err.request_id(), None);
}

#[test]
fn unknown_codes_keep_the_http_status_and_body_type() {
    let err = parse(
        429,
        &[],
        r#"{"code":"TooManyRequestsException","type":"Client"}"#,
    )
    .unwrap();
    assert!(!err.exception().is_known());
    assert_eq!(err.status(), 429);
    assert_eq!(err.error_type(), ErrorType::Client);
    assert_eq!(err.retry_kind(), errtable::RetryKind::Throttling);

    let err = parse(
        502,
        &[("x-amzn-ErrorType", "BadGateway")],
        "<html>oops</html>",
    )
    .unwrap();
    assert_eq!(err.code(), "BadGateway");
    assert_eq!(err.status(), 502);
    assert_eq!(err.error_type(), ErrorType::Unknown);
    assert_eq!(err.message(), "<html>oops</html>");

    // A known code takes the table's status, whatever the response said.
    let err = parse(500, &[("x-amzn-ErrorType", "BadRequest")], "").unwrap();
    assert_eq!(err.status(), 400);
}

#[test]
fn an_invalid_body_is_kept_as_the_message_when_the_code_is_known_otherwise() {
    let broken = "{\"code\": \"X\", \"type: \"Client\"}";
    let err = parse(400, &[("x-amzn-ErrorType", "BadRequest")], broken).unwrap();
    assert_eq!(err.exception(), &GlacierException::BadRequest);
    assert_eq!(err.message(), broken);

    // A body that cannot be read may name a code: nothing is guessed from
    // the status, even one only one row has.
    assert!(matches!(
        parse(404, &[], broken),
        Err(HttpError::Unidentified { .. })
    ));
    // An empty body names none: the status decides when one row has it,
    // and the error says it was guessed.
    let err = parse(408, &[], "").unwrap();
    assert_eq!(err.exception(), &GlacierException::RequestTimeoutException);
    assert_eq!(err.message(), "");
    assert!(err.guessed_from_status());
    assert!(!parse(400, &[("x-amzn-ErrorType", "BadRequest")], "")
        .unwrap()
        .guessed_from_status());
    for status in [400, 403, 418, 502] {
        match parse(status, &[], broken) {
            Err(HttpError::Unidentified { status: got, .. }) => assert_eq!(got, status),
            other => panic!("{status}: {other:?}"),
        }
    }

    // Bytes that are not UTF-8 are kept lossily.
    let err = GlacierError::from_http_parts(
        StatusCode::BAD_REQUEST,
        &headers(&[("x-amzn-ErrorType", "BadRequest")]),
        b"\xff\xfebad",
    )
    .unwrap();
    assert_eq!(err.message(), "\u{fffd}\u{fffd}bad");
}

#[test]
fn a_valid_body_without_a_code_needs_the_header_or_a_telling_status() {
    let body = r#"{"message":"gone"}"#;
    let err = parse(404, &[], body).unwrap();
    assert_eq!(
        err.exception(),
        &GlacierException::ResourceNotFoundException
    );
    assert_eq!(err.message(), "gone");
    let err = parse(400, &[("x-amzn-ErrorType", "BadRequest")], body).unwrap();
    assert_eq!(err.message(), "gone");
    let err = parse(403, &[], body).unwrap_err();
    assert!(err.to_string().contains("names no error code"), "{err}");
    assert_eq!(err.status(), Some(StatusCode::FORBIDDEN));
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn successes_and_huge_bodies_are_refused() {
    for status in [100, 200, 204, 299] {
        assert!(matches!(
            parse(
                status,
                &[("x-amzn-ErrorType", "BadRequest")],
                r#"{"code":"BadRequest"}"#
            ),
            Err(HttpError::NotAnError(_))
        ));
    }
    // From 300 on, a response is read as an error (S3 answers 304 so).
    for status in [300, 304] {
        let error = parse(status, &[], r#"{"code":"BadRequest"}"#).unwrap();
        assert_eq!(error.code(), "BadRequest");
    }
    let huge = vec![b' '; errtable::MAX_BODY_LEN + 1];
    assert!(matches!(
        GlacierError::from_http_parts(
            StatusCode::BAD_REQUEST,
            &headers(&[("x-amzn-ErrorType", "BadRequest")]),
            &huge
        ),
        Err(HttpError::TooLarge(err)) if err.body_len() == huge.len()
    ));
}

#[test]
fn arbitrary_responses_never_panic_and_never_invent_a_code() {
    // A small xorshift generator: reproducible, no dependency.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces: [&[u8]; 12] = [
        b"{",
        b"}",
        b"\"code\"",
        b":",
        b"\"BadRequest\"",
        b",",
        b"\"message\"",
        b"\"m\"",
        b"\xff",
        b"[",
        b"null",
        b"\"__type\"",
    ];
    for _ in 0..20_000 {
        let mut body = Vec::new();
        for _ in 0..next() % 12 {
            body.extend_from_slice(pieces[(next() % 12) as usize]);
        }
        let status =
            StatusCode::from_u16([200, 400, 403, 404, 500, 503][(next() % 6) as usize]).unwrap();
        match GlacierError::from_http_parts(status, &HeaderMap::new(), &body) {
            Ok(err) => {
                let named = String::from_utf8_lossy(&body).contains(err.code());
                let only_row = GlacierException::ALL
                    .iter()
                    .filter(|e| e.status() == status)
                    .count()
                    == 1;
                assert!(
                    named || only_row,
                    "{status} {:?} -> {err:?}",
                    String::from_utf8_lossy(&body)
                );
            }
            Err(HttpError::NotAnError(got)) => assert_eq!(got, 200),
            // Unreadable bodies are never guessed from the status.
            Err(HttpError::Unidentified { status: got, .. }) => assert_eq!(got, status),
            Err(other) => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_seed_examples_as_documented() {
    let docs = doc_responses();
    assert_eq!(docs.len(), 3);
    let job_message = "The job ID was not found: HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVEXAMPLEbadJobID";
    let vault_message =
        "Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/examplevault";

    for (doc, message, id) in [
        (&docs[0], job_message, DOC_ID),
        (
            &docs[1],
            vault_message,
            "AAABBeC9Zw0rp_5D0L8VfB3FA_WlTupqTKAUehMcPhdgni0",
        ),
    ] {
        let err = doc.parse(&[]).unwrap();
        assert_eq!(
            err.exception(),
            &GlacierException::ResourceNotFoundException
        );
        assert_eq!(err.message(), message);
        assert_eq!(err.request_id(), Some(id));
    }

    // Example 2's body is not JSON (`"type: "Client"`) and 400 fits nine
    // rows: as documented, nothing names the error...
    let example_2 = &docs[2];
    assert_eq!(example_2.status, 400);
    assert!(serde_json::from_str::<serde_json::Value>(&example_2.body).is_err());
    assert!(matches!(
        example_2.parse(&[]),
        Err(HttpError::Unidentified { .. })
    ));
    // ... while the header errtable sends names it, and the raw body is
    // kept as the message.
    let err = example_2
        .parse(&[("x-amzn-ErrorType", "InvalidParameterValueException")])
        .unwrap();
    assert_eq!(
        err.exception(),
        &GlacierException::InvalidParameterValueException
    );
    assert_eq!(err.message(), example_2.body);
    assert_eq!(err.request_id(), Some(DOC_ID));

    // What errtable sends for the same error is valid JSON.
    let sent = GlacierError::new(
        GlacierException::InvalidParameterValueException,
        "The job status code is not valid: finished",
    )
    .with_request_id(DOC_ID)
    .to_http_response();
    let body: serde_json::Value = serde_json::from_slice(sent.body()).unwrap();
    assert_eq!(body["type"], "Client");
    assert_eq!(sent.headers()[X_AMZN_REQUEST_ID], DOC_ID);
}

#[test]
fn services_that_send_x_amz_request_id_only() {
    let response = Response::builder()
        .status(404)
        .header(X_AMZ_REQUEST_ID, "S3STYLEID")
        .body(br#"{"Code":"ResourceNotFoundException","Message":"m"}"#.to_vec())
        .unwrap();
    let err: ServiceError<GlacierException> =
        ServiceError::from_http_parts(response.status(), response.headers(), response.body())
            .unwrap();
    assert_eq!(err.request_id(), Some("S3STYLEID"));
    assert_eq!(err.message(), "m");
}

/// Which reader a response gets: problem details labelled plain JSON are
/// read as problem details even by an AWS table.
#[test]
fn a_problem_labelled_json_is_read_as_problem_details() {
    let foreign = "https://other.example/problems/Busy";
    let body = format!(r#"{{"type":"{foreign}","title":"Busy","status":503}}"#);
    let error = parse(503, &[("content-type", "application/json")], &body).unwrap();
    assert_eq!(error.code(), foreign);
    assert_eq!(error.status(), 503);
    // A `title` without a `status` is enough.
    let body = format!(r#"{{"type":"{foreign}","title":"Busy"}}"#);
    let error = parse(503, &[("content-type", "application/json")], &body).unwrap();
    assert_eq!(error.code(), foreign);
    // A `type` that is no URI is REST-JSON's `Client`, whatever else the
    // body has: its code and message are REST-JSON's.
    let body = r#"{"code":"ResourceNotFoundException","message":"gone","type":"Client","title":"Not Found","status":404}"#;
    let error = parse(404, &[("content-type", "application/json")], body).unwrap();
    assert_eq!(error.code(), "ResourceNotFoundException");
    assert_eq!(error.message(), "gone");
}

/// `Response::from(error)` is `to_http_response`, keeping the error.
#[test]
fn an_error_converts_into_its_response() {
    let error = GlacierError::new(GlacierException::ResourceNotFoundException, "gone")
        .with_request_id("req-1");
    let expected = error.to_http_response();
    let response: Response<Vec<u8>> = ServiceError::from(error.clone()).into();
    assert_eq!(response.status(), expected.status());
    assert_eq!(response.body(), expected.body());
    assert_eq!(response.headers()["x-amzn-requestid"], "req-1");
    let kept = response
        .extensions()
        .get::<ServiceError<GlacierException>>()
        .unwrap();
    assert_eq!(kept.code(), "ResourceNotFoundException");
}
