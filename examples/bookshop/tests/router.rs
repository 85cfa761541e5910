//! The service in process (tower's `oneshot`, no sockets): every row of
//! the table and every route, as problem+json bodies and headers; axum's
//! own rejections, unknown routes and methods as problems too; a panic's
//! cause logged, never sent.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::routing;
use axum::Router;
use bookshop::app::{layered, router, routes};
use bookshop::config::Config;
use bookshop::BookshopError;
use serde_json::{json, Value};
use std::error::Error;
use tower::ServiceExt;

const BASE: &str = "https://bookshop.example/problems";
const TOKEN: &str = "Bearer secret";

/// A response, its body whole.
struct Sent {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    error: Option<BookshopError>,
}

impl Sent {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

async fn send(app: &Router, method: &str, uri: &str, headers: &[(&str, &str)], body: &str) -> Sent {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Body::from(body.to_owned()))
        .expect("a valid request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    let error = response.extensions().get::<BookshopError>().cloned();
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .expect("the body");
    let sent = Sent {
        status: parts.status,
        headers: parts.headers,
        body,
        error,
    };
    // No response of a plain REST API carries AWS's headers.
    assert!(
        sent.headers
            .keys()
            .all(|name| !name.as_str().starts_with("x-amz")),
        "{:?}",
        sent.headers
    );
    sent
}

async fn get(app: &Router, uri: &str) -> Sent {
    send(app, "GET", uri, &[], "").await
}

async fn order(app: &Router, body: &str) -> Sent {
    let headers = [
        ("authorization", TOKEN),
        ("content-type", "application/json"),
    ];
    send(app, "POST", "/orders", &headers, body).await
}

/// Checks a problem+json response of `code` with `status` and `title`;
/// its body.
fn problem(sent: &Sent, status: u16, code: &str, title: &str) -> Value {
    assert_eq!(sent.status.as_u16(), status, "{:?}", sent.body);
    assert_eq!(sent.headers["content-type"], "application/problem+json");
    let body = sent.json();
    assert_eq!(body["type"], format!("{BASE}/{code}"));
    assert_eq!(body["title"], title);
    assert_eq!(body["status"], status);
    assert_eq!(body["code"], code);
    let detail = body["detail"].as_str().expect("a detail");
    assert!(!detail.is_empty());
    body
}

fn app() -> Router {
    router(&Config::default())
}

#[tokio::test]
async fn books() {
    let app = app();
    let sent = get(&app, "/books/1").await;
    assert_eq!(sent.status, 200);
    assert_eq!(sent.headers["content-type"], "application/json");
    assert_eq!(sent.json()["title"], "The Rust Programming Language");

    let body = problem(
        &get(&app, "/books/42").await,
        404,
        "BookNotFound",
        "No such book",
    );
    assert_eq!(body["detail"], "There is no book 42.");
    // Digits too many for an id name no book.
    problem(
        &get(&app, "/books/99999999999999999999999").await,
        404,
        "BookNotFound",
        "No such book",
    );

    let body = problem(
        &get(&app, "/books/abc").await,
        422,
        "ValidationFailed",
        "Your request is not valid",
    );
    assert_eq!(body["invalid_fields"][0]["pointer"], "/id");
    assert!(body["invalid_fields"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("positive integer"));
    // A path that is not UTF-8 once decoded: axum's rejection, mapped.
    let body = problem(
        &get(&app, "/books/%FF").await,
        422,
        "ValidationFailed",
        "Your request is not valid",
    );
    assert_eq!(body["invalid_fields"][0]["pointer"], "/id");
}

#[tokio::test]
async fn orders_need_the_bearer_token() {
    let app = app();
    let no_token = send(
        &app,
        "POST",
        "/orders",
        &[],
        r#"{"book_id":1,"quantity":1}"#,
    )
    .await;
    problem(&no_token, 401, "Unauthorized", "Not signed in");
    assert_eq!(
        no_token.headers["www-authenticate"],
        r#"Bearer realm="bookshop""#
    );
    let wrong = send(
        &app,
        "POST",
        "/orders",
        &[("authorization", "Bearer nope")],
        r#"{"book_id":1,"quantity":1}"#,
    )
    .await;
    problem(&wrong, 401, "Unauthorized", "Not signed in");
    assert_eq!(
        wrong.headers["www-authenticate"],
        r#"Bearer realm="bookshop""#
    );
    let basic = send(
        &app,
        "POST",
        "/orders",
        &[("authorization", "Basic c2VjcmV0")],
        "",
    )
    .await;
    problem(&basic, 401, "Unauthorized", "Not signed in");
}

#[tokio::test]
async fn invalid_orders() {
    let app = app();
    let title = "Your request is not valid";
    // Malformed JSON: axum's JSON rejection, mapped.
    let body = problem(&order(&app, "{").await, 422, "ValidationFailed", title);
    assert_eq!(body["invalid_fields"][0]["pointer"], "");
    // No JSON content type: the same.
    let plain = send(&app, "POST", "/orders", &[("authorization", TOKEN)], "{}").await;
    let body = problem(&plain, 422, "ValidationFailed", title);
    assert_eq!(body["invalid_fields"][0]["pointer"], "");

    let body = problem(
        &order(&app, r#"{"book_id":1,"quantity":0}"#).await,
        422,
        "ValidationFailed",
        title,
    );
    assert_eq!(
        body["invalid_fields"],
        json!([{"pointer": "/quantity", "detail": "must be an integer from 1 to 9223372036854775807"}])
    );
    let body = problem(
        &order(&app, r#"{"quantity":"two"}"#).await,
        422,
        "ValidationFailed",
        title,
    );
    let pointers: Vec<_> = body["invalid_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|field| field["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/book_id", "/quantity"]);
    problem(&order(&app, "[1]").await, 422, "ValidationFailed", title);
}

#[tokio::test]
async fn ordering() {
    let app = app();
    problem(
        &order(&app, r#"{"book_id":9,"quantity":1}"#).await,
        404,
        "BookNotFound",
        "No such book",
    );
    problem(
        &order(&app, r#"{"book_id":2,"quantity":1}"#).await,
        409,
        "OutOfStock",
        "Out of stock",
    );
    problem(
        &order(&app, r#"{"book_id":3,"quantity":101}"#).await,
        402,
        "PaymentRequired",
        "Payment required",
    );

    // A whole number written with a fraction is an integer to JSON Schema,
    // and must be read exactly: serde_json's default float parsing can be
    // one unit in the last place off, which made this 1902124038063284.75
    // (schemathesis found it).
    problem(
        &order(&app, r#"{"book_id":3,"quantity":1902124038063285.0}"#).await,
        402,
        "PaymentRequired",
        "Payment required",
    );

    let created = order(&app, r#"{"book_id":1,"quantity":7}"#).await;
    assert_eq!(created.status, 201);
    assert_eq!(created.headers["location"], "/orders/1");
    assert_eq!(
        created.json(),
        json!({"id": 1, "book_id": 1, "quantity": 7})
    );
    // The stock is taken.
    assert_eq!(get(&app, "/books/1").await.json()["stock"], 0);
    problem(
        &order(&app, r#"{"book_id":1,"quantity":1}"#).await,
        409,
        "OutOfStock",
        "Out of stock",
    );

    let fetched = get(&app, "/orders/1").await;
    assert_eq!(fetched.status, 200);
    assert_eq!(fetched.json(), created.json());
    problem(
        &get(&app, "/orders/2").await,
        404,
        "OrderNotFound",
        "No such order",
    );
    let body = problem(
        &get(&app, "/orders/x").await,
        422,
        "ValidationFailed",
        "Your request is not valid",
    );
    assert_eq!(body["invalid_fields"][0]["pointer"], "/id");
}

#[tokio::test]
async fn rate_limited() {
    let config = Config {
        rate_limit: Some(2),
        ..Config::default()
    };
    let app = router(&config);
    assert_eq!(get(&app, "/books/1").await.status, 200);
    assert_eq!(get(&app, "/books/1").await.status, 200);
    let limited = get(&app, "/books/1").await;
    problem(&limited, 429, "RateLimited", "Too many requests");
    assert_eq!(limited.headers["retry-after"], "1");
}

#[tokio::test]
async fn a_panic_is_internal_and_its_cause_stays_here() {
    let routes = routes().route(
        "/panic",
        routing::get(|| async {
            if true {
                panic!("the database password is hunter2");
            }
            "unreachable"
        }),
    );
    let app = layered(routes, &Config::default());
    let sent = get(&app, "/panic").await;
    problem(&sent, 500, "Internal", "Something went wrong");
    let text = String::from_utf8_lossy(&sent.body);
    assert!(!text.contains("hunter2"), "{text}");
    // The cause is the error's source, for the log.
    let error = sent.error.expect("the error in the extensions");
    let source = error.source().expect("a source").to_string();
    assert!(source.contains("hunter2"), "{source}");
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems() {
    let app = app();
    let missing = get(&app, "/nowhere").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.headers["content-type"], "application/problem+json");
    let body = missing.json();
    assert_eq!(body["code"], "NotFound");
    assert_eq!(body["type"], format!("{BASE}/NotFound"));
    assert_eq!(body["status"], 404);

    let wrong_method = send(&app, "DELETE", "/books/1", &[], "").await;
    assert_eq!(wrong_method.status, 405);
    assert_eq!(
        wrong_method.headers["content-type"],
        "application/problem+json"
    );
    assert_eq!(wrong_method.headers["allow"], "GET,HEAD");
    assert_eq!(wrong_method.json()["code"], "MethodNotAllowed");
    let get_orders = get(&app, "/orders").await;
    assert_eq!(get_orders.status, 405);
    assert_eq!(get_orders.headers["allow"], "POST");
    assert_eq!(get_orders.json()["status"], 405);
}

#[tokio::test]
async fn the_openapi_document() {
    let app = app();
    let sent = get(&app, "/openapi.json").await;
    assert_eq!(sent.status, 200);
    let document = sent.json();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"],
        json!({"type": "http", "scheme": "bearer"})
    );
    let create = &document["paths"]["/orders"]["post"];
    assert_eq!(create["security"], json!([{"bearer": []}]));
    let statuses: Vec<_> = create["responses"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        statuses,
        ["201", "401", "402", "404", "409", "422", "429", "500"]
    );
    let problem = &create["responses"]["422"]["content"]["application/problem+json"];
    assert_eq!(
        problem["schema"]["properties"]["invalid_fields"]["type"],
        "array"
    );
    assert_eq!(
        problem["schema"]["properties"]["title"]["enum"],
        json!(["Your request is not valid"])
    );
    let get_book = &document["paths"]["/books/{id}"]["get"];
    assert_eq!(get_book["parameters"][0]["in"], "path");
    assert_eq!(get_book["parameters"][0]["schema"]["type"], "integer");
}
