//! RFC 9457 problem details, to the letter: what a problem+json body names
//! (a table's own type, else its `code`, else the foreign type itself), the
//! members kept and sent on unchanged, wrong-typed members ignored, and what
//! errtable writes: the type joined as one path segment, titles, and the
//! RFC's own examples read and sent on.

use errtable::{BodyError, ErrorTable, ErrorType, Exception, Protocol, ServiceError};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::{json, Value};

#[derive(ErrorTable)]
#[error_table(
    spec = "specs/bookshop.json",
    protocol = "problem-json",
    problem_type = "https://bookshop.example/problems"
)]
pub struct Bookshop;

/// The same table with a base that ends in `/`.
#[derive(ErrorTable)]
#[error_table(
    spec = "specs/bookshop.json",
    protocol = "problem-json",
    problem_type = "https://bookshop.example/problems/"
)]
pub struct Slashed;

/// Without a type base: `about:blank`, the status's phrase as title.
#[derive(ErrorTable)]
#[error_table(spec = "specs/bookshop.json", protocol = "problem-json")]
pub struct Blank;

/// A REST-JSON table, whose bodies' `type` is `Client` or `Server`.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

/// A subset of the bookshop's errors: it speaks its full table's
/// problem+json without saying so.
#[derive(ErrorTable)]
#[error_table(
    spec = "specs/bookshop.json",
    only(BookNotFound, Internal),
    full = "BookshopException"
)]
pub struct GetBook;

/// Codes a URI path segment cannot hold as they are.
#[derive(ErrorTable)]
#[error_table(
    spec = "specs/problem-codes.json",
    protocol = "problem-json",
    problem_type = "https://errors.example/p"
)]
pub struct Encoded;

fn body_of(response: &http::Response<Vec<u8>>) -> Value {
    serde_json::from_slice(response.body()).unwrap()
}

fn headers(content_type: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_str(content_type).unwrap());
    headers
}

fn read(status: u16, body: &Value) -> BookshopError {
    BookshopError::from_http_parts(
        StatusCode::from_u16(status).unwrap(),
        &headers("application/problem+json"),
        &serde_json::to_vec(body).unwrap(),
    )
    .unwrap()
}

#[test]
fn the_type_is_the_base_then_the_code_as_one_segment() {
    let error = BookshopError::new(BookshopException::BookNotFound, "No book 42");
    let response = error.to_http_response();
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        body_of(&response),
        json!({
            "type": "https://bookshop.example/problems/BookNotFound",
            "title": "No such book",
            "status": 404,
            "detail": "No book 42",
            "code": "BookNotFound",
        })
    );
    // No `x-amzn-*` header on a plain REST API.
    assert!(response
        .headers()
        .keys()
        .all(|name| !name.as_str().starts_with("x-amz")));
    // A base ending in `/` gets no second one.
    let slashed = SlashedError::new(SlashedException::OutOfStock, "gone").to_http_response();
    assert_eq!(
        body_of(&slashed)["type"],
        "https://bookshop.example/problems/OutOfStock"
    );
    // A code that is not a plain segment is percent-encoded.
    let odd = BookshopError::new(BookshopException::from_code("Ünknown Thing/x"), "m");
    assert_eq!(
        String::from_utf8(odd.to_body(&Protocol::problem_json("https://e.example/p")))
            .unwrap()
            .split('"')
            .nth(3),
        Some("https://e.example/p/%C3%9Cnknown%20Thing%2Fx")
    );
}

#[test]
fn about_blank_takes_the_status_phrase_as_its_title() {
    let response = BlankError::new(BlankException::ValidationFailed, "age must be positive")
        .to_http_response();
    let body = body_of(&response);
    assert_eq!(body["type"], "about:blank");
    assert_eq!(body["title"], "Unprocessable Content");
    assert_eq!(body["code"], "ValidationFailed");
    // And reads back by its `code`.
    let back: BlankError =
        BlankError::from_http_parts(response.status(), response.headers(), response.body())
            .unwrap();
    assert_eq!(back.exception(), &BlankException::ValidationFailed);
}

#[test]
fn a_body_names_its_error_in_the_rfcs_order() {
    use BookshopException as B;
    // 1. The table's base and a code: that row, whatever `code` says.
    let error: BookshopError = read(
        404,
        &json!({"type": "https://bookshop.example/problems/OrderNotFound", "code": "BookNotFound"}),
    );

    assert_eq!(error.exception(), &B::OrderNotFound);
    // 2. Else a `code` naming a row.
    let error: BookshopError = read(404, &json!({"type": "about:blank", "code": "BookNotFound"}));
    assert_eq!(error.exception(), &B::BookNotFound);
    // 3. A foreign type ending in one of this table's codes is not that
    //    row: it is unknown, its code the type URI exactly as sent.
    let foreign = "https://other.example/problems/BookNotFound";
    let error: BookshopError = read(404, &json!({"type": foreign, "title": "Gone"}));
    assert!(!error.exception().is_known());
    assert_eq!(error.code(), foreign);
    assert_eq!(error.status(), 404);
    // A type under the base whose last segment is no code is foreign too.
    let error: BookshopError = read(
        404,
        &json!({"type": "https://bookshop.example/problems/Brand/New"}),
    );

    assert_eq!(error.code(), "https://bookshop.example/problems/Brand/New");
    // `about:blank` or no type, no code: just the status.
    for body in [
        json!({"type": "about:blank", "title": "Forbidden"}),
        json!({"detail": "no"}),
    ] {
        let error: BookshopError = read(403, &body);
        assert!(!error.exception().is_known());
        assert_eq!((error.code(), error.status()), ("403", 403));
    }
    // Without a status either, nothing names it.
    assert!(matches!(
        BookshopError::from_body(&Bookshop::protocol(), br#"{"detail":"d"}"#),
        Err(BodyError::NoCode)
    ));
}

/// The body's `status` is advisory (RFC 9457 §3.1.2): the response's own
/// status wins, and the body's counts only where there is no response.
#[test]
fn the_responses_status_wins_over_the_bodys() {
    let foreign = "https://other.example/problems/Busy";
    let error: BookshopError = read(503, &json!({"type": foreign, "status": 400}));
    assert_eq!(error.code(), foreign);
    assert_eq!(error.status(), 503);
    assert_eq!(error.error_type(), ErrorType::Server);
    // Nothing names it but the status: the response's.
    let error: BookshopError = read(502, &json!({"status": 404, "detail": "d"}));
    assert_eq!((error.code(), error.status()), ("502", 502));
    // A body alone: its own status is all there is.
    let error = BookshopError::from_body(
        &Bookshop::protocol(),
        serde_json::to_string(&json!({"type": foreign, "status": 429}))
            .unwrap()
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(error.status(), 429);
    assert_eq!(error.error_type(), ErrorType::Client);
    // A row keeps the table's status whatever either says.
    let error: BookshopError = read(
        500,
        &json!({"type": "https://bookshop.example/problems/OutOfStock", "status": 418}),
    );
    assert_eq!(error.exception(), &BookshopException::OutOfStock);
    assert_eq!(error.status(), 409);
}

#[test]
fn wrong_typed_members_are_ignored() {
    // §3.1: as if absent, and the rest is read.
    let body = json!({
        "type": "https://bookshop.example/problems/OutOfStock",
        "status": "409",
        "title": 7,
        "detail": "Sold out",
        "instance": ["not", "a", "uri"],
        "copies": 0,
    });
    let error: BookshopError = read(409, &body);
    assert_eq!(error.exception(), &BookshopException::OutOfStock);
    assert_eq!(error.message(), "Sold out");
    assert_eq!(error.field("copies"), Some(&json!(0)));
    assert_eq!(error.field("instance"), None);
    let error = BookshopError::from_body(
        &Bookshop::protocol(),
        br#"{"type":"about:blank","code":["BookNotFound"],"status":404}"#,
    )
    .unwrap();
    assert_eq!(error.code(), "404");
}

/// RFC 9457's own examples (sections 3 and 3.1), read and sent on
/// unchanged: type, title, detail, instance and every extension member.
#[test]
fn the_rfcs_examples_are_read_and_sent_on_unchanged() {
    let out_of_credit = json!({
        "type": "https://example.com/probs/out-of-credit",
        "title": "You do not have enough credit.",
        "detail": "Your current balance is 30, but that costs 50.",
        "instance": "/account/12345/msgs/abc",
        "balance": 30,
        "accounts": ["/account/12345", "/account/67890"],
    });
    let validation = json!({
        "type": "https://example.net/validation-error",
        "title": "Your request is not valid.",
        "errors": [
            {"detail": "must be a positive integer", "pointer": "#/age"},
            {"detail": "must be 'green', 'red' or 'blue'", "pointer": "#/profile/color"},
        ],
    });
    for (status, example) in [(403, out_of_credit), (422, validation)] {
        let error: BookshopError = read(status, &example);
        assert_eq!(error.code(), example["type"]);
        assert_eq!(error.received_status(), Some(status));
        let sent = error.to_http_response();
        assert_eq!(sent.status().as_u16(), status);
        let mut want = example.clone();
        want["status"] = json!(status);
        assert_eq!(body_of(&sent), want, "sent on unchanged");
    }
}

#[test]
fn a_problem_labelled_plain_json_is_read_as_one() {
    let body = br#"{"type":"https://bookshop.example/problems/BookNotFound","title":"No such book","status":404}"#;
    let error =
        BookshopError::from_http_parts(StatusCode::NOT_FOUND, &headers("application/json"), body)
            .unwrap();
    assert_eq!(error.exception(), &BookshopException::BookNotFound);
    // A REST-JSON body is not one: its `type` is no URI.
    let error = GlacierError::from_http_parts(
        StatusCode::NOT_FOUND,
        &headers("application/json"),
        br#"{"code":"ResourceNotFoundException","message":"m","type":"Client","status":"x"}"#,
    )
    .unwrap();
    assert_eq!(error.code(), "ResourceNotFoundException");
}

#[test]
fn to_json_and_serde_speak_problem_details_for_a_problem_table() {
    let error = BookshopError::new(BookshopException::RateLimited, "Slow down")
        .with_retry_after(std::time::Duration::from_secs(3));
    let json: Value = serde_json::from_str(&error.to_json()).unwrap();
    assert_eq!(
        json["type"],
        "https://bookshop.example/problems/RateLimited"
    );
    assert_eq!(json["status"], 429);
    assert_eq!(serde_json::to_value(&*error).unwrap(), json);
    let back: ServiceError<BookshopException> = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back.exception(), &BookshopException::RateLimited);
    assert_eq!(
        BookshopError::from_json(error.to_json().as_bytes())
            .unwrap()
            .exception(),
        &BookshopException::RateLimited
    );
}

#[test]
fn a_subset_speaks_its_full_tables_problem_details() {
    let response = GetBookError::new(GetBookException::BookNotFound, "no").to_http_response();
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        body_of(&response)["type"],
        "https://bookshop.example/problems/BookNotFound"
    );
    assert_eq!(body_of(&response)["title"], "No such book");
}

trait ProtocolOf {
    fn protocol() -> Protocol;
}

impl<T: ErrorTable> ProtocolOf for T {
    fn protocol() -> Protocol {
        <T::Exception as errtable::__private::Table>::protocol()
    }
}

/// A code is one percent-encoded path segment of the type: written so,
/// and read back by decoding exactly that segment; a `/` in the type is
/// a segment boundary, never part of a code.
#[test]
fn codes_travel_as_one_percent_encoded_segment() {
    for (code, segment) in [
        ("Books/NotFound", "Books%2FNotFound"),
        ("Überfüllt", "%C3%9Cberf%C3%BCllt"),
        ("Plain", "Plain"),
    ] {
        let exception = EncodedException::from_code(code);
        assert!(exception.is_known());
        let response = EncodedError::new(exception.clone(), "m").to_http_response();
        let body = body_of(&response);
        assert_eq!(body["type"], format!("https://errors.example/p/{segment}"));
        // Read by its type alone (no `code` member).
        let only_type = json!({"type": body["type"], "detail": "m"});
        let read = EncodedError::from_http_parts(
            response.status(),
            &headers("application/problem+json"),
            &serde_json::to_vec(&only_type).unwrap(),
        )
        .unwrap();
        assert_eq!(read.exception(), &exception);
    }
    // Two segments are no code of the table, even where they spell one.
    let two = "https://errors.example/p/Books/NotFound";
    let read = EncodedError::from_http_parts(
        StatusCode::NOT_FOUND,
        &headers("application/problem+json"),
        &serde_json::to_vec(&json!({"type": two})).unwrap(),
    )
    .unwrap();
    assert!(!read.exception().is_known());
    assert_eq!(read.code(), two);
    // A broken escape names no row either.
    for bad in ["Pla%6", "Pla%zzn", "%FF"] {
        let uri = format!("https://errors.example/p/{bad}");
        let read = EncodedError::from_http_parts(
            StatusCode::BAD_REQUEST,
            &headers("application/problem+json"),
            &serde_json::to_vec(&json!({"type": uri})).unwrap(),
        )
        .unwrap();
        assert_eq!(read.code(), uri);
    }
}

/// A body that is no problem details object says what it was expected to
/// be, and a member given twice is refused by name.
#[test]
fn refusals_say_what_was_wrong() {
    let refused = |body: &[u8]| {
        BookshopError::from_body(&Bookshop::protocol(), body)
            .unwrap_err()
            .to_string()
    };
    let text = refused(b"[1]");
    assert!(text.contains("expected a JSON object"), "{text}");
    let text = refused(br#"{"type":"about:blank","status":400,"status":401}"#);
    assert!(text.contains("member `status` appears twice"), "{text}");
}
