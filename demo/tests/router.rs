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
    assert_eq!(id.len(), 36);
    let listed: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(listed, serde_json::json!({"VaultList": [], "Marker": null}));
}

/// A signed upload of `body` with the given checksum headers.
fn upload(
    uri: &str,
    body: &str,
    tree_hash: Option<&str>,
    content_hash: Option<&str>,
) -> Request<Body> {
    let mut request = signed("POST", uri, "AKIDEXAMPLE", body);
    let headers = request.headers_mut();
    headers.insert("content-length", body.len().into());
    if let Some(hash) = tree_hash {
        headers.insert("x-amz-sha256-tree-hash", hash.parse().unwrap());
    }
    if let Some(hash) = content_hash {
        headers.insert("x-amz-content-sha256", hash.parse().unwrap());
    }
    request
}

#[tokio::test]
async fn archives_jobs_and_settings_refuse_with_the_tables_errors() {
    use glacier_demo::tree_hash::{sha256, to_hex, tree_hash};
    let app = router(Config {
        job_duration: std::time::Duration::ZERO,
        ..Config::default()
    });
    let (created, _) = send(&app, signed("PUT", "/-/vaults/v", "AKIDEXAMPLE", "")).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let good = to_hex(&tree_hash(b"data"));
    let content = to_hex(&sha256(b"data"));

    let archives = "/-/vaults/v/archives";
    for (request, exception, needle) in [
        (
            upload(archives, "data", None, Some(&content)),
            GlacierException::MissingParameterValueException,
            "Required header missing: x-amz-sha256-tree-hash",
        ),
        (
            upload(archives, "data", Some(&good), None),
            GlacierException::MissingParameterValueException,
            "Required header missing: x-amz-content-sha256",
        ),
        (
            upload(archives, "data", Some("abc"), Some(&content)),
            GlacierException::InvalidParameterValueException,
            "Invalid x-amz-sha256-tree-hash: abc. It must be 64 hexadecimal digits.",
        ),
        (
            upload(archives, "", Some(&good), Some(&content)),
            GlacierException::InvalidParameterValueException,
            "Invalid Content-Length: 0",
        ),
        (
            upload(
                archives,
                "dat4",
                Some(&good),
                Some(&to_hex(&sha256(b"dat4"))),
            ),
            GlacierException::InvalidParameterValueException,
            "Checksum mismatch: expected ",
        ),
        (
            upload(
                "/-/vaults/nope/archives",
                "data",
                Some(&good),
                Some(&content),
            ),
            GlacierException::ResourceNotFoundException,
            "Vault not found for ARN: ",
        ),
        (
            signed("DELETE", "/-/vaults/v/archives/nope", "AKIDEXAMPLE", ""),
            GlacierException::ResourceNotFoundException,
            "Archive not found for ID: nope",
        ),
        (
            signed(
                "POST",
                "/-/vaults/v/jobs",
                "AKIDEXAMPLE",
                r#"{"Type":"archive-retrieval","ArchiveId":"nope"}"#,
            ),
            GlacierException::ResourceNotFoundException,
            "Archive not found for ID: nope",
        ),
        (
            signed(
                "POST",
                "/-/vaults/v/tags?operation=replace",
                "AKIDEXAMPLE",
                "{}",
            ),
            GlacierException::InvalidParameterValueException,
            "The tag operation is not valid: replace",
        ),
        (
            signed(
                "POST",
                "/-/vaults/v/tags?operation=add",
                "AKIDEXAMPLE",
                r#"{"Tags":{"aws:x":"1"}}"#,
            ),
            GlacierException::InvalidParameterValueException,
            "reserved",
        ),
        (
            signed(
                "PUT",
                "/-/vaults/v/access-policy",
                "AKIDEXAMPLE",
                r#"{"Policy":"[1]"}"#,
            ),
            GlacierException::InvalidParameterValueException,
            "it must be a JSON object, not an array",
        ),
        (
            signed(
                "PUT",
                "/-/vaults/v/access-policy",
                "AKIDEXAMPLE",
                r#"{"Policy":5}"#,
            ),
            GlacierException::SerializationException,
            "Policy must be a string, not a number",
        ),
        (
            signed(
                "PUT",
                "/-/policies/data-retrieval",
                "AKIDEXAMPLE",
                r#"{"Policy":{"Rules":[{"Strategy":"BytesPerHour"}]}}"#,
            ),
            GlacierException::MissingParameterValueException,
            "BytesPerHour, for the BytesPerHour strategy",
        ),
        (
            signed(
                "PUT",
                "/-/policies/data-retrieval",
                "AKIDEXAMPLE",
                r#"{"Policy":{"Rules":[{"Strategy":"Fast"}]}}"#,
            ),
            GlacierException::InvalidParameterValueException,
            "the strategy is Fast",
        ),
    ] {
        let error = expect(&app, request, exception).await;
        assert!(error.message().contains(needle), "{}", error.message());
    }

    // A good upload, a job over it, and a bad range of its output.
    let (uploaded, _) = send(&app, upload(archives, "data", Some(&good), Some(&content))).await;
    assert_eq!(uploaded.status(), StatusCode::CREATED);
    assert_eq!(uploaded.headers()["x-amz-sha256-tree-hash"], good.as_str());
    let id = uploaded.headers()["x-amz-archive-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let job_body =
        format!(r#"{{"Type":"archive-retrieval","ArchiveId":"{id}","RetrievalByteRange":"0-1"}}"#);
    let error = expect(
        &app,
        signed("POST", "/-/vaults/v/jobs", "AKIDEXAMPLE", &job_body),
        GlacierException::InvalidParameterValueException,
    )
    .await;
    assert!(
        error.message().contains("within the archive's 4 bytes"),
        "{}",
        error.message()
    );
    let job_body = format!(r#"{{"Type":"archive-retrieval","ArchiveId":"{id}"}}"#);
    let (started, _) = send(
        &app,
        signed("POST", "/-/vaults/v/jobs", "AKIDEXAMPLE", &job_body),
    )
    .await;
    let job = started.headers()["x-amz-job-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let output = format!("/-/vaults/v/jobs/{job}/output");
    let mut ranged = signed("GET", &output, "AKIDEXAMPLE", "");
    ranged
        .headers_mut()
        .insert("range", "bytes=2-9".parse().unwrap());
    expect(
        &app,
        ranged,
        GlacierException::InvalidParameterValueException,
    )
    .await;
    let mut ranged = signed("GET", &output, "AKIDEXAMPLE", "");
    ranged
        .headers_mut()
        .insert("range", "bytes=1-2".parse().unwrap());
    let (response, body) = send(&app, ranged).await;
    assert_eq!(response.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(body, b"at");
    assert_eq!(response.headers()["content-range"], "bytes 1-2/4");
    assert!(!response.headers().contains_key("x-amz-sha256-tree-hash"));
    // A vault with an archive is not deleted.
    expect(
        &app,
        signed("DELETE", "/-/vaults/v", "AKIDEXAMPLE", ""),
        GlacierException::InvalidParameterValueException,
    )
    .await;
}
