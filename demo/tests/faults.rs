//! Internal failures become a generic ServiceUnavailableException with no
//! internal detail in the response, and the service keeps serving; what a
//! client sends in headers is never reflected unchecked into headers.

use axum::http::{Response, StatusCode};
use errtable::http::{X_AMZN_ERROR_TYPE, X_AMZN_REQUEST_ID};
use glacier_demo::config::Config;
use glacier_demo::errors::INTERNAL_MESSAGE;
use glacier_demo::router::router;
use glacier_demo::{GlacierError, GlacierException};
mod in_process;

use in_process::{send, signed};

fn faulty() -> axum::Router {
    router(Config {
        fault_routes: true,
        quiet: true,
        ..Config::default()
    })
}

/// The response is the table's generic 500 and says nothing else.
fn assert_generic(response: &Response<()>, body: &[u8], secrets: &[&str]) {
    let error = GlacierError::from_http_parts(response.status(), response.headers(), body).unwrap();
    assert_eq!(
        error.exception(),
        &GlacierException::ServiceUnavailableException
    );
    assert_eq!(error.message(), INTERNAL_MESSAGE);
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body, error.to_json().as_bytes());
    assert_eq!(
        response.headers()[X_AMZN_ERROR_TYPE],
        "ServiceUnavailableException"
    );
    assert_eq!(response.headers()[X_AMZN_REQUEST_ID].len(), 36);
    let text = String::from_utf8_lossy(body);
    for secret in secrets {
        assert!(!text.contains(secret), "{secret:?} leaked: {text}");
        for value in response.headers().values() {
            assert!(!String::from_utf8_lossy(value.as_bytes()).contains(secret));
        }
    }
}

#[tokio::test]
async fn a_panicking_handler_gets_the_generic_error_and_the_service_goes_on() {
    let app = faulty();
    for _ in 0..50 {
        let (response, body) =
            send(&app, signed("GET", "/-/faults/panic", "AKIDEXAMPLE", "")).await;
        assert_generic(
            &response,
            &body,
            &[
                "fault injected",
                "secret",
                "/var/lib",
                "panicked",
                "faults.rs",
            ],
        );
    }
    // Nothing was poisoned: the store still answers.
    let (created, _) = send(
        &app,
        signed("PUT", "/-/vaults/after-panics", "AKIDEXAMPLE", ""),
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let (listed, body) = send(&app, signed("GET", "/-/vaults", "AKIDEXAMPLE", "")).await;
    assert_eq!(listed.status(), StatusCode::OK);
    assert!(String::from_utf8_lossy(&body).contains("after-panics"));
}

#[tokio::test]
async fn an_io_error_gets_the_generic_error() {
    let app = faulty();
    let (response, body) = send(&app, signed("GET", "/-/faults/io-error", "AKIDEXAMPLE", "")).await;
    assert_generic(
        &response,
        &body,
        &["nonexistent", "vault-index", "No such file", "os error"],
    );
}

#[tokio::test]
async fn the_fault_routes_exist_only_when_asked_for() {
    let app = router(Config {
        quiet: true,
        ..Config::default()
    });
    for path in ["/-/faults/panic", "/-/faults/io-error"] {
        let (response, body) = send(&app, signed("GET", path, "AKIDEXAMPLE", "")).await;
        let error =
            GlacierError::from_http_parts(response.status(), response.headers(), &body).unwrap();
        assert_eq!(error.exception(), &GlacierException::BadRequest, "{path}");
    }
}

#[tokio::test]
async fn request_headers_are_not_reflected_into_response_headers() {
    let app = faulty();
    let hostile: [(&str, &[u8]); 4] = [
        ("x-amzn-requestid", b"client-chosen-id"),
        ("x-amz-request-id", b"<script>alert(1)</script>"),
        ("x-amzn-errortype", b"InjectedException"),
        ("x-amz-glacier-version", b"\xff\xfe\"}\\ \t-not-a-version"),
    ];
    let mut request = signed("GET", "/-/vaults/missing", "AKIDEXAMPLE", "");
    for (name, value) in hostile {
        request
            .headers_mut()
            .insert(name, axum::http::HeaderValue::from_bytes(value).unwrap());
    }
    let (response, body) = send(&app, request).await;
    // The bad version is the error; its text is in the JSON body, escaped,
    // and the body still parses.
    let error =
        GlacierError::from_http_parts(response.status(), response.headers(), &body).unwrap();
    assert_eq!(
        error.exception(),
        &GlacierException::InvalidParameterValueException
    );
    assert!(
        error.message().contains("not-a-version"),
        "{}",
        error.message()
    );
    let id = response.headers()[X_AMZN_REQUEST_ID].to_str().unwrap();
    assert_eq!(id.len(), 36, "a generated id, not the client's: {id}");
    assert_eq!(
        response.headers()[X_AMZN_ERROR_TYPE],
        "InvalidParameterValueException"
    );
    for value in response.headers().values() {
        let value = String::from_utf8_lossy(value.as_bytes());
        for (_, sent) in hostile {
            assert_ne!(value, String::from_utf8_lossy(sent));
        }
        assert!(!value.contains("script") && !value.contains("Injected"));
    }
    // A long header is refused by the table's check as any other value,
    // and the response stays well-formed.
    let mut request = signed("GET", "/-/vaults", "AKIDEXAMPLE", "");
    request.headers_mut().insert(
        "x-amz-glacier-version",
        "9".repeat(8 * 1024).parse().unwrap(),
    );
    let (response, body) = send(&app, request).await;
    let error =
        GlacierError::from_http_parts(response.status(), response.headers(), &body).unwrap();
    assert_eq!(
        error.exception(),
        &GlacierException::InvalidParameterValueException
    );
    assert_eq!(response.headers()[X_AMZN_REQUEST_ID].len(), 36);
}
