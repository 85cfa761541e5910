//! The router in process (no socket): every error response it sends is
//! read back by errtable's own HTTP parser as the same error, under the
//! request id on the wire; success responses carry a request id too.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use errtable::http::{X_AMZN_ERROR_TYPE, X_AMZN_REQUEST_ID};
use errtable::Exception;
use glacier_demo::config::Config;
use glacier_demo::router::router;
use glacier_demo::{GlacierError, GlacierException};
mod in_process;

use in_process::{send, signed};

/// Sends `request`, expects `exception`, and reads the response back.
async fn expect(
    app: &axum::Router,
    request: Request<Body>,
    exception: GlacierException,
) -> GlacierError {
    let what = format!("{} {}", request.method(), request.uri());
    let (response, body) = send(app, request).await;
    let error = GlacierError::from_http_parts(response.status(), response.headers(), &body)
        .unwrap_or_else(|err| panic!("{what}: {err}"));
    assert_eq!(error.exception(), &exception, "{what}: {}", error.message());
    assert_eq!(response.status().as_u16(), exception.status(), "{what}");
    assert_eq!(response.headers()[X_AMZN_ERROR_TYPE], exception.to_string());
    assert_eq!(
        error.request_id(),
        Some(response.headers()[X_AMZN_REQUEST_ID].to_str().unwrap())
    );
    assert_eq!(body, error.to_json().as_bytes(), "{what}");
    error
}

#[tokio::test]
async fn each_error_reads_back_as_itself() {
    let app = router(Config {
        max_vaults: 1,
        ..Config::default()
    });
    let ok = |method: &str, uri: &str| signed(method, uri, "AKIDEXAMPLE", "");
    let (created, _) = send(&app, ok("PUT", "/-/vaults/v1")).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(created.headers()["location"], "/012345678901/vaults/v1");
    assert!(created.headers().contains_key(X_AMZN_REQUEST_ID));

    let unsigned = Request::get("/-/vaults").body(Body::empty()).unwrap();
    expect(
        &app,
        unsigned,
        GlacierException::MissingAuthenticationTokenException,
    )
    .await;
    // Authentication comes before routing: an unknown path is not revealed.
    let unsigned = Request::get("/nowhere").body(Body::empty()).unwrap();
    expect(
        &app,
        unsigned,
        GlacierException::MissingAuthenticationTokenException,
    )
    .await;
    expect(
        &app,
        signed("GET", "/-/vaults", "AKIDNOPE", ""),
        GlacierException::UnrecognizedClientException,
    )
    .await;
    let mut unversioned = ok("GET", "/-/vaults");
    unversioned.headers_mut().remove("x-amz-glacier-version");
    expect(
        &app,
        unversioned,
        GlacierException::MissingParameterValueException,
    )
    .await;
    let mut wrong_version = ok("GET", "/-/vaults");
    wrong_version
        .headers_mut()
        .insert("x-amz-glacier-version", "2011-01-01".parse().unwrap());
    expect(
        &app,
        wrong_version,
        GlacierException::InvalidParameterValueException,
    )
    .await;

    for (method, uri, body, exception) in [
        (
            "GET",
            "/999999999999/vaults",
            "",
            GlacierException::AccessDeniedException,
        ),
        (
            "GET",
            "/0123-4567-8901/vaults/v1",
            "",
            GlacierException::AccessDeniedException,
        ),
        (
            "GET",
            "/012345678901/vaults/v1/jobs/nope",
            "",
            GlacierException::ResourceNotFoundException,
        ),
        (
            "GET",
            "/-/vaults/missing",
            "",
            GlacierException::ResourceNotFoundException,
        ),
        (
            "DELETE",
            "/-/vaults/missing",
            "",
            GlacierException::ResourceNotFoundException,
        ),
        (
            "GET",
            "/-/vaults/missing/jobs",
            "",
            GlacierException::ResourceNotFoundException,
        ),
        (
            "PUT",
            "/-/vaults/v2",
            "",
            GlacierException::LimitExceededException,
        ),
        (
            "PUT",
            "/-/vaults/bad%20name",
            "",
            GlacierException::InvalidParameterValueException,
        ),
        (
            "PUT",
            "/-/vaults/%FF",
            "",
            GlacierException::InvalidParameterValueException,
        ),
        (
            "GET",
            "/-/vaults/v1/jobs?statuscode=finished",
            "",
            GlacierException::InvalidParameterValueException,
        ),
        (
            "GET",
            "/-/vaults/v1/jobs?completed=maybe",
            "",
            GlacierException::InvalidParameterValueException,
        ),
        (
            "GET",
            "/-/vaults/v1/jobs?marker=nope",
            "",
            GlacierException::InvalidParameterValueException,
        ),
        (
            "GET",
            "/-/vaults?limit=1001",
            "",
            GlacierException::InvalidParameterValueException,
        ),
        (
            "GET",
            "/-/vaults?marker=arn:aws:glacier:eu-west-1:1:vaults/v1",
            "",
            GlacierException::InvalidParameterValueException,
        ),
        (
            "POST",
            "/-/vaults/v1/jobs",
            "{",
            GlacierException::SerializationException,
        ),
        (
            "POST",
            "/-/vaults/v1/jobs",
            "",
            GlacierException::MissingParameterValueException,
        ),
        (
            "POST",
            "/-/vaults/missing/jobs",
            r#"{"Type":"inventory-retrieval"}"#,
            GlacierException::ResourceNotFoundException,
        ),
        ("PATCH", "/-/vaults/v1", "", GlacierException::BadRequest),
        (
            "GET",
            "/-/vaults/v1/lock-policy",
            "",
            GlacierException::BadRequest,
        ),
        ("GET", "/", "", GlacierException::BadRequest),
    ] {
        expect(&app, signed(method, uri, "AKIDEXAMPLE", body), exception).await;
    }

    let error = expect(
        &app,
        ok("GET", "/-/vaults/v1/jobs?statuscode=finished"),
        GlacierException::InvalidParameterValueException,
    )
    .await;
    assert_eq!(
        error.message(),
        "The job status code is not valid: finished"
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_before_it_is_read() {
    let app = router(Config::default());
    let (created, _) = send(&app, signed("PUT", "/-/vaults/v", "AKIDEXAMPLE", "")).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let mut request = signed("POST", "/-/vaults/v/jobs", "AKIDEXAMPLE", "");
    request
        .headers_mut()
        .insert("content-length", "2000000".parse().unwrap());
    expect(&app, request, GlacierException::BadRequest).await;
    // A chunked body (no Content-Length) that runs past the limit.
    let huge = format!(
        "{{\"Description\":\"{}\"}}",
        "x".repeat(glacier_demo::extractors::MAX_REQUEST_BODY)
    );
    let request = signed("POST", "/-/vaults/v/jobs", "AKIDEXAMPLE", &huge);
    let error = expect(&app, request, GlacierException::BadRequest).await;
    assert!(
        error.message().contains("larger than"),
        "{}",
        error.message()
    );
}

#[tokio::test]
async fn docs_mode_sends_the_documented_layout_that_only_the_header_would_rescue() {
    let app = router(Config {
        docs_examples: true,
        ..Config::default()
    });
    send(
        &app,
        signed("PUT", "/-/vaults/examplevault", "AKIDEXAMPLE", ""),
    )
    .await;
    let (response, body) = send(
        &app,
        signed(
            "GET",
            "/-/vaults/examplevault/jobs?statuscode=finished",
            "AKIDEXAMPLE",
            "",
        ),
    )
    .await;
    assert_eq!(response.status(), 400);
    assert!(!response.headers().contains_key(X_AMZN_ERROR_TYPE));
    assert!(serde_json::from_slice::<serde_json::Value>(&body).is_err());
    // As documented, nothing names the error...
    assert!(GlacierError::from_http_parts(response.status(), response.headers(), &body).is_err());
    // ...which is what the header errtable normally sends is for.
    let mut headers = response.headers().clone();
    headers.insert(
        X_AMZN_ERROR_TYPE,
        "InvalidParameterValueException".parse().unwrap(),
    );
    let error = GlacierError::from_http_parts(response.status(), &headers, &body).unwrap();
    assert_eq!(
        error.exception(),
        &GlacierException::InvalidParameterValueException
    );
    assert_eq!(error.message().as_bytes(), &body[..]);
}

#[tokio::test]
async fn successes_carry_request_ids_and_json() {
    let app = router(Config::default());
    let (response, body) = send(&app, signed("GET", "/-/vaults", "AKIDEXAMPLE", "")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let id = response.headers()[X_AMZN_REQUEST_ID].to_str().unwrap();
    assert_eq!(id.len(), 47);
    let listed: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(listed, serde_json::json!({"VaultList": [], "Marker": null}));
}
