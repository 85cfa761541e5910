//! The Glacier table (spec/glacier.md, the seed document verbatim) derived
//! and checked against the table and the seed's example responses.

use errtable::{ErrorTable, ErrorType, Exception, RetryKind, ServiceError, UnknownCode};

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

/// The seed's table, transcribed by hand: code, status, type.
const TABLE: [(&str, u16, ErrorType); 16] = [
    ("AccessDeniedException", 403, ErrorType::Client),
    ("BadRequest", 400, ErrorType::Client),
    ("ExpiredTokenException", 403, ErrorType::Client),
    ("InsufficientCapacityException", 503, ErrorType::Server),
    ("InvalidParameterValueException", 400, ErrorType::Client),
    ("InvalidSignatureException", 403, ErrorType::Client),
    ("LimitExceededException", 400, ErrorType::Client),
    (
        "MissingAuthenticationTokenException",
        400,
        ErrorType::Client,
    ),
    ("MissingParameterValueException", 400, ErrorType::Client),
    ("PolicyEnforcedException", 400, ErrorType::Client),
    ("ResourceNotFoundException", 404, ErrorType::Client),
    ("RequestTimeoutException", 408, ErrorType::Client),
    ("SerializationException", 400, ErrorType::Client),
    ("ServiceUnavailableException", 500, ErrorType::Server),
    ("ThrottlingException", 400, ErrorType::Client),
    ("UnrecognizedClientException", 400, ErrorType::Client),
];

#[test]
fn every_row_matches_the_table_in_spec_order() {
    assert_eq!(GlacierException::ALL.len(), 16);
    for (exception, &(code, status, error_type)) in GlacierException::ALL.iter().zip(&TABLE) {
        assert_eq!(exception.code(), code);
        assert_eq!(exception.status(), status, "{code}");
        assert_eq!(exception.error_type(), error_type, "{code}");
        assert!(exception.is_known());
        let round_trip = GlacierException::from_code(code);
        assert_eq!(&round_trip, exception);
        assert_eq!(round_trip.code(), code);
        assert_eq!(code.parse::<GlacierException>().unwrap(), round_trip);
        assert_eq!(exception.to_string(), code);
    }
}

#[test]
fn descriptions_lose_markdown_escapes_and_links() {
    assert_eq!(
        GlacierException::AccessDeniedException.description(),
        "Returned if there was an attempt to access a resource not allowed by an AWS Identity and \
         Access Management (IAM) policy, or the incorrect AWS account ID was used in the request URI. \
         For more information, see Identity and Access Management for Amazon S3 Glacier."
    );
    assert_eq!(
        GlacierException::SerializationException.description(),
        "Returned if the body of the request is invalid. If including a JSON payload, check that it is well-formed."
    );
    assert_eq!(
        GlacierException::BadRequest.description(),
        "Returned if the request cannot be processed."
    );
}

#[test]
fn lookup_is_exact() {
    assert_eq!(
        GlacierException::from_code("ResourceNotFoundException"),
        GlacierException::ResourceNotFoundException
    );
    for miss in [
        "",
        "resourcenotfoundexception",
        "ResourceNotFoundExceptio",
        "ResourceNotFoundExceptionX",
        "ResourceNotFoundExceptioN",
        "BadRequesT",
    ] {
        let unknown = GlacierException::from_code(miss);
        assert_eq!(unknown.code(), miss);
        assert!(!unknown.is_known());
    }
}

#[test]
fn unknown_codes_keep_code_type_and_status() {
    let e = GlacierException::Unknown(
        UnknownCode::new("BrandNewException")
            .with_error_type(ErrorType::Server)
            .with_status(502),
    );
    assert_eq!(e.code(), "BrandNewException");
    assert_eq!(e.error_type(), ErrorType::Server);
    assert_eq!(e.status(), 502);
    assert_eq!(e.description(), "");
    let GlacierException::Unknown(unknown) = &e else {
        panic!("expected the unknown variant, got {e:?}");
    };
    assert_eq!(unknown.code(), "BrandNewException");
    assert_eq!(GlacierException::from_code("X").status(), 500);
    assert_eq!(
        UnknownCode::new("X")
            .with_error_type(ErrorType::Client)
            .status(),
        400
    );
}

/// The first response of the seed's Example 1, body as published.
const EXAMPLE_1_JOB: &str = r#"{
  "code": "ResourceNotFoundException",
  "message": "The job ID was not found: HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVEXAMPLEbadJobID",
  "type": "Client"
  }"#;

/// The second response of Example 1.
const EXAMPLE_1_VAULT: &str = r#"{
  "code": "ResourceNotFoundException",
  "message": "Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/examplevault",
  "type": "Client"
}"#;

#[test]
fn example_1_bodies_parse_and_serialize_compactly() {
    for (body, message) in [
        (
            EXAMPLE_1_JOB,
            "The job ID was not found: HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVEXAMPLEbadJobID",
        ),
        (
            EXAMPLE_1_VAULT,
            "Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/examplevault",
        ),
    ] {
        let err = GlacierError::from_json(body.as_bytes()).unwrap();
        assert_eq!(err.exception(), &GlacierException::ResourceNotFoundException);
        assert_eq!(err.message(), message);
        assert_eq!(err.status(), 404);
        let compact = format!(
            r#"{{"code":"ResourceNotFoundException","message":"{message}","type":"Client"}}"#
        );
        assert_eq!(err.to_json(), compact);
        assert_eq!(serde_json::to_string(&err).unwrap(), compact);
        assert_eq!(err.to_string(), format!("ResourceNotFoundException: {message}"));
    }
}

#[test]
fn example_2_body_is_invalid_json_and_says_so() {
    let body = "{\n  \"code\": \"InvalidParameterValueException\",\n  \"message\": \"The job status code is not valid: finished\",\n  \"type: \"Client\"\n}";
    assert!(GlacierError::from_json(body.as_bytes()).is_err());
}

#[test]
fn unknown_code_round_trips_unchanged() {
    let body = r#"{"code":"BrandNewException","message":"m","type":"Server"}"#;
    let err = GlacierError::from_json(body.as_bytes()).unwrap();
    assert_eq!(err.code(), "BrandNewException");
    assert_eq!(err.error_type(), ErrorType::Server);
    assert_eq!(err.to_json(), body);
    assert_eq!(serde_json::to_string(&err).unwrap(), body);
}

#[test]
fn bodies_in_the_spellings_real_services_use() {
    let cases = [
        (
            r#"{"type":"Client","message":"m","code":"BadRequest"}"#,
            "BadRequest",
            "m",
        ),
        (r#"{"Code":"BadRequest","Message":"m"}"#, "BadRequest", "m"),
        (
            r#"{"__type":"com.amazon.glacier#ThrottlingException","message":"slow"}"#,
            "ThrottlingException",
            "slow",
        ),
        (
            r#"{"__type":"ThrottlingException:http://internal.amazon.com/coral/","Message":"slow"}"#,
            "ThrottlingException",
            "slow",
        ),
        (
            r#"{"code":"BadRequest","Code":"Ignored","extra":{"a":[1,2]}}"#,
            "BadRequest",
            "",
        ),
        (
            r#"{"errorMessage":"e","__type":"X#BadRequest"}"#,
            "BadRequest",
            "e",
        ),
    ];
    for (body, code, message) in cases {
        let err =
            GlacierError::from_json(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(err.code(), code, "{body}");
        assert_eq!(err.message(), message, "{body}");
        // Decorated or not, a code of the table is its row, with the
        // table's status and type.
        let (_, status, error_type) = TABLE.iter().find(|row| row.0 == code).unwrap();
        assert!(err.exception().is_known(), "{body}");
        assert_eq!(
            err.exception(),
            &GlacierException::from_code(code),
            "{body}"
        );
        assert_eq!(
            (err.status(), err.error_type()),
            (*status, *error_type),
            "{body}"
        );
    }
    // Over HTTP too, whatever status the response has.
    let error = GlacierError::from_http_parts(
        http::StatusCode::SERVICE_UNAVAILABLE,
        &http::HeaderMap::new(),
        br#"{"__type":"com.amazonaws.glacier#ResourceNotFoundException:http://x/","message":"m"}"#,
    )
    .unwrap();
    assert_eq!(
        error.exception(),
        &GlacierException::ResourceNotFoundException
    );
    assert_eq!(
        (error.status(), error.error_type()),
        (404, ErrorType::Client)
    );
}

#[test]
fn bad_bodies_are_errors() {
    for body in [
        "",
        "null",
        "[]",
        r#"{"message":"no code"}"#,
        r#"{"code":""}"#,
        r#"{"code":"A","code":"B"}"#,
        r#"{"code":1}"#,
        r#"{"code":"A","type":"Sideways"}"#,
        r#"{"code":"A""#,
    ] {
        assert!(GlacierError::from_json(body.as_bytes()).is_err(), "{body}");
    }
    let huge = vec![b' '; errtable::MAX_BODY_LEN + 1];
    assert!(matches!(
        GlacierError::from_json(&huge),
        Err(errtable::BodyError::TooLarge(_))
    ));
}

#[test]
fn exception_serde_is_the_code_string() {
    let json = serde_json::to_string(&GlacierException::ThrottlingException).unwrap();
    assert_eq!(json, r#""ThrottlingException""#);
    let back: GlacierException = serde_json::from_str(&json).unwrap();
    assert_eq!(back, GlacierException::ThrottlingException);
    let unknown: GlacierException = serde_json::from_str(r#""Nope""#).unwrap();
    assert_eq!(unknown.code(), "Nope");
    assert!(serde_json::from_str::<GlacierException>("3").is_err());
}

#[test]
fn error_type_serde_uses_the_exact_strings() {
    for t in [ErrorType::Client, ErrorType::Server, ErrorType::Unknown] {
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, format!("\"{t}\""));
        assert_eq!(serde_json::from_str::<ErrorType>(&json).unwrap(), t);
    }
    assert!(serde_json::from_str::<ErrorType>("\"client\"").is_err());
}

#[test]
fn service_error_accessors() {
    let err: ServiceError<GlacierException> =
        GlacierError::new(GlacierException::ThrottlingException, "slow down")
            .with_request_id("req-1")
            .into();
    assert_eq!(err.request_id(), Some("req-1"));
    assert_eq!(err.code(), "ThrottlingException");
    assert_eq!(err.status(), 400);
    let boxed: Box<dyn std::error::Error> = Box::new(err.clone());
    assert_eq!(boxed.to_string(), "ThrottlingException: slow down");
    let (exception, message, request_id) = err.into_parts();
    assert_eq!(exception, GlacierException::ThrottlingException);
    assert_eq!(message, "slow down");
    assert_eq!(request_id.as_deref(), Some("req-1"));
}

#[test]
fn retry_classification_follows_the_spec() {
    use GlacierException as G;
    assert_eq!(G::ThrottlingException.retry_kind(), RetryKind::Throttling);
    assert_eq!(
        G::LimitExceededException.retry_kind(),
        RetryKind::NotRetryable
    );
    assert_eq!(
        G::ServiceUnavailableException.retry_kind(),
        RetryKind::Transient
    );
    assert_eq!(
        G::InsufficientCapacityException.retry_kind(),
        RetryKind::Transient
    );
    assert_eq!(
        G::RequestTimeoutException.retry_kind(),
        RetryKind::Transient
    );
    assert_eq!(
        G::ResourceNotFoundException.retry_kind(),
        RetryKind::NotRetryable
    );
    assert_eq!(
        G::Unknown(UnknownCode::new("SlowDown").with_status(503)).retry_kind(),
        RetryKind::Throttling
    );
}

#[test]
fn marker_names_its_exception_type() {
    fn exception_of<T: ErrorTable>(code: &str) -> T::Exception {
        <T::Exception as Exception>::from_code(code)
    }
    assert_eq!(
        exception_of::<Glacier>("BadRequest"),
        GlacierException::BadRequest
    );
}

#[test]
fn debug_eq_and_hash_agree_with_the_variants() {
    use std::collections::HashSet;
    assert_eq!(format!("{:?}", GlacierException::BadRequest), "BadRequest");
    assert_eq!(
        format!("{:?}", GlacierException::from_code("Nope")),
        r#"Unknown(UnknownCode { code: "Nope", error_type: Unknown, status: 500 })"#
    );
    let all: HashSet<GlacierException> = GlacierException::ALL.iter().cloned().collect();
    assert_eq!(all.len(), 16);
    assert!(all.contains(&GlacierException::from_code("ThrottlingException")));
    assert!(!all.contains(&GlacierException::from_code("Nope")));
    assert_ne!(
        GlacierException::BadRequest,
        GlacierException::ThrottlingException
    );
    assert_eq!(
        GlacierException::from_code("Nope"),
        GlacierException::from_code("Nope")
    );
    assert_ne!(
        GlacierException::from_code("Nope"),
        GlacierException::from_code("Other")
    );
    // A known code is never equal to an unknown one, even of the same text.
    let spoofed = GlacierException::Unknown(UnknownCode::new("BadRequest"));
    assert_ne!(spoofed, GlacierException::BadRequest);
}

/// What a refused body was expected to be, in the reader's own words:
/// serde puts them in its messages, from any format.
#[test]
fn refusals_say_what_was_expected() {
    use serde::de::value::{Error, MapDeserializer};
    use serde::Deserialize;
    let text = |body: &str| {
        GlacierError::from_json(body.as_bytes())
            .unwrap_err()
            .to_string()
    };
    assert!(
        text("[]").contains("expected an error body with a code"),
        "{}",
        text("[]")
    );
    assert!(
        text(r#"{"code":1}"#).contains("expected a string"),
        "{}",
        text(r#"{"code":1}"#)
    );
    // A format whose keys need not be strings.
    let numbered = MapDeserializer::<_, Error>::new([(1u8, "x")].into_iter());
    let err = GlacierError::deserialize(numbered).unwrap_err().to_string();
    assert!(err.contains("expected a key of an error body"), "{err}");
}
