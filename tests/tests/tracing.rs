//! One `tracing` event per error response (axum, actix-web, tonic,
//! `http::Response::from`), with the code, status, type, request id and
//! cause chain: server faults at ERROR, client faults at a level the
//! service sets.

use axum::routing::get;
use axum::Router;
use axum_core::response::IntoResponse;
use errtable::ErrorTable;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use tower::ServiceExt;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

/// An event as it was emitted: its target, level and fields.
#[derive(Debug, Clone)]
struct Captured {
    target: String,
    level: Level,
    fields: BTreeMap<String, String>,
}

impl Captured {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

/// Keeps every event it sees.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Captured>>>);

impl<S: Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        struct Fields<'a>(&'a mut BTreeMap<String, String>);
        impl Visit for Fields<'_> {
            fn record_str(&mut self, field: &Field, value: &str) {
                self.0.insert(field.name().to_owned(), value.to_owned());
            }
            fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
                self.0.insert(field.name().to_owned(), format!("{value:?}"));
            }
        }
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Captured {
            target: event.metadata().target().to_owned(),
            level: *event.metadata().level(),
            fields,
        });
    }
}

/// The events `f` emits on this thread.
fn capture(f: impl FnOnce()) -> Vec<Captured> {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    tracing::subscriber::with_default(subscriber, f);
    let events = capture.0.lock().unwrap().clone();
    events
}

/// The client-fault level is process-wide: tests that depend on it take
/// turns.
fn level_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn request_id_sent(response: &http::Response<impl Sized>) -> String {
    response.headers()["x-amzn-requestid"]
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_client_fault_is_one_info_event_with_what_was_sent() {
    let _turn = level_lock();
    let mut response = None;
    let events = capture(|| {
        let error = GlacierError::new(
            GlacierException::ResourceNotFoundException,
            "Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/examplevault",
        );
        response = Some(error.into_response());
    });
    let response = response.unwrap();
    assert_eq!(events.len(), 1, "{events:#?}");
    let event = &events[0];
    assert_eq!(event.target, "errtable");
    assert_eq!(event.level, Level::INFO);
    // The message sent is the event's message.
    assert_eq!(
        event.field("message"),
        Some("Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/examplevault")
    );
    assert_eq!(event.field("code"), Some("ResourceNotFoundException"));
    assert_eq!(event.field("status"), Some("404"));
    assert_eq!(event.field("error_type"), Some("Client"));
    // The id generated for the response is the id logged.
    assert_eq!(
        event.field("request_id"),
        Some(request_id_sent(&response).as_str())
    );
    assert!(event.field("cause").is_none(), "{event:#?}");
}

#[test]
fn a_server_fault_is_an_error_event_with_its_cause_chain() {
    let events = capture(|| {
        let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let error = GlacierError::new(GlacierException::ServiceUnavailableException, "Try later.")
            .with_request_id("req-1")
            .with_source(Outer(refused));
        drop(http::Response::from(error));
    });
    assert_eq!(events.len(), 1, "{events:#?}");
    let event = &events[0];
    assert_eq!(event.level, Level::ERROR);
    assert_eq!(event.field("status"), Some("500"));
    assert_eq!(event.field("error_type"), Some("Server"));
    assert_eq!(event.field("request_id"), Some("req-1"));
    assert_eq!(event.field("cause"), Some("storage failed: refused"));
}

#[test]
fn the_client_fault_level_can_be_changed() {
    let _turn = level_lock();
    errtable::trace::set_client_fault_level(Level::DEBUG);
    let events = capture(|| {
        let client = GlacierError::new(GlacierException::LimitExceededException, "m");
        let server = GlacierError::new(GlacierException::ServiceUnavailableException, "m");
        drop(client.into_response());
        drop(server.into_response());
    });
    errtable::trace::set_client_fault_level(Level::INFO);
    let levels: Vec<Level> = events.iter().map(|event| event.level).collect();
    assert_eq!(levels, [Level::DEBUG, Level::ERROR]);
    assert_eq!(errtable::trace::client_fault_level(), Level::INFO);
}

#[test]
fn an_axum_handler_error_logs_once() {
    let _turn = level_lock();
    async fn describe_vault() -> Result<String, GlacierError> {
        let io = std::io::Error::other("vault index unreadable");
        Err(
            GlacierError::new(GlacierException::MissingParameterValueException, "m")
                .with_source(io),
        )
    }
    let app = Router::new().route("/-/vaults/{vault}", get(describe_vault));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut response = None;
    let events = capture(|| {
        let request = http::Request::get("/-/vaults/v1")
            .body(axum::body::Body::empty())
            .unwrap();
        response = Some(runtime.block_on(app.oneshot(request)).unwrap());
    });
    let response = response.unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(
        events[0].field("code"),
        Some("MissingParameterValueException")
    );
    assert_eq!(events[0].field("cause"), Some("vault index unreadable"));
    assert_eq!(
        events[0].field("request_id"),
        Some(request_id_sent(&response).as_str())
    );
}

#[test]
fn an_actix_web_handler_error_logs_once() {
    let _turn = level_lock();
    async fn describe_vault() -> Result<String, GlacierError> {
        Err(
            GlacierError::new(GlacierException::ServiceUnavailableException, "m")
                .with_source(std::io::Error::other("vault index unreadable")),
        )
    }
    let mut status = None;
    let events = capture(|| {
        actix_web::rt::System::new().block_on(async {
            use actix_web::{test, web, App};
            let app =
                test::init_service(App::new().route("/vault", web::get().to(describe_vault))).await;
            let response =
                test::call_service(&app, test::TestRequest::get().uri("/vault").to_request()).await;
            status = Some(response.status().as_u16());
        });
    });
    assert_eq!(status, Some(500));
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].level, Level::ERROR);
    assert_eq!(events[0].field("cause"), Some("vault index unreadable"));
}

#[test]
fn a_grpc_status_logs_once() {
    let _turn = level_lock();
    let mut status = None;
    let events = capture(|| {
        let error = GlacierError::new(GlacierException::ResourceNotFoundException, "no vault")
            .with_source(std::io::Error::other("not in the index"));
        status = Some(tonic::Status::from(error));
    });
    let status = status.unwrap();
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].level, Level::INFO);
    assert_eq!(events[0].field("status"), Some("404"));
    assert_eq!(events[0].field("cause"), Some("not in the index"));
    assert_eq!(
        events[0].field("request_id"),
        status
            .metadata()
            .get("x-amzn-requestid")
            .and_then(|id| id.to_str().ok())
    );
}

#[test]
fn to_http_response_logs_as_every_transport_does() {
    let _turn = level_lock();
    let error = GlacierError::new(GlacierException::ServiceUnavailableException, "m");
    let mut response = None;
    let events = capture(|| response = Some(error.to_http_response()));
    let response = response.unwrap();
    assert_eq!(events.len(), 1, "{events:#?}");
    let sent = request_id_sent(&response);
    assert_eq!(events[0].field("request_id"), Some(sent.as_str()));
    let kept = response
        .extensions()
        .get::<errtable::ServiceError<GlacierException>>()
        .unwrap();
    assert_eq!(kept.request_id(), Some(sent.as_str()));
    // The same bytes as `http::Response::from`, but for the date and id.
    let from = http::Response::from(error.clone().with_request_id(sent.clone()));
    assert_eq!(from.body(), response.body());
}

#[test]
fn no_event_where_no_response_is_made() {
    let events = capture(|| {
        let error = GlacierError::new(GlacierException::ServiceUnavailableException, "m");
        // Building bodies, as a client or an OpenAPI document does, is not
        // answering a request.
        drop(error.to_body(&errtable::Protocol::RestJson));
        drop(<GlacierError as utoipa::IntoResponses>::responses());
        drop(error.to_string());
    });
    assert!(events.is_empty(), "{events:#?}");
}

/// An error with a source of its own.
#[derive(Debug)]
struct Outer(std::io::Error);

impl fmt::Display for Outer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("storage failed")
    }
}

impl std::error::Error for Outer {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// Runs `app` on `request` inside the request-context layer, on this
/// thread, capturing the events.
fn through_layer(
    app: Router,
    request: http::Request<axum::body::Body>,
) -> (http::Response<axum::body::Body>, Vec<Captured>) {
    let app = app.layer(errtable::tower::RequestContextLayer::<GlacierException>::new());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut response = None;
    let events = capture(|| {
        response = Some(runtime.block_on(app.oneshot(request)).unwrap());
    });
    (response.unwrap(), events)
}

fn request(uri: &str) -> http::Request<axum::body::Body> {
    http::Request::get(uri)
        .body(axum::body::Body::empty())
        .unwrap()
}

#[test]
fn inside_the_layer_an_error_logs_once_under_the_requests_id() {
    let _turn = level_lock();
    async fn describe_vault(
        axum::Extension(context): axum::Extension<errtable::http::RequestContext>,
    ) -> Result<String, GlacierError> {
        assert!(!context.request_id().is_empty());
        Err(GlacierError::new(
            GlacierException::ResourceNotFoundException,
            "no such vault",
        ))
    }
    let app = Router::new().route("/v", get(describe_vault));
    let mut incoming = request("/v");
    incoming.headers_mut().insert(
        "x-amzn-requestid",
        http::HeaderValue::from_static("incoming-1"),
    );
    let (response, events) = through_layer(app, incoming);
    assert_eq!(response.status(), 404);
    assert_eq!(request_id_sent(&response), "incoming-1");
    let kept = response.extensions().get::<GlacierError>().unwrap();
    assert_eq!(kept.request_id(), Some("incoming-1"));
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].field("request_id"), Some("incoming-1"));
    assert_eq!(events[0].field("code"), Some("ResourceNotFoundException"));
    assert_eq!(events[0].field("status"), Some("404"));
}

#[test]
fn middleware_that_rewrites_an_error_inside_the_layer_logs_once_what_was_sent() {
    let _turn = level_lock();
    async fn broken() -> Result<String, GlacierError> {
        Err(GlacierError::new(
            GlacierException::ServiceUnavailableException,
            "internal detail",
        ))
    }
    // Inside the layer: every 5xx becomes a 503 ThrottlingException... as
    // a service hiding its faults might.
    async fn rewrite(
        request: axum::extract::Request,
        next: axum::middleware::Next,
    ) -> axum::response::Response {
        let response = next.run(request).await;
        if response.status().is_server_error() {
            return GlacierError::new(GlacierException::ThrottlingException, "Try again")
                .into_response();
        }
        response
    }
    let app = Router::new()
        .route("/v", get(broken))
        .layer(axum::middleware::from_fn(rewrite));
    let (response, events) = through_layer(app, request("/v"));
    assert_eq!(response.status(), 400);
    let sent = request_id_sent(&response);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].field("code"), Some("ThrottlingException"));
    assert_eq!(events[0].field("request_id"), Some(sent.as_str()));
    // A UUID, as the layer makes them outside S3.
    assert_eq!(sent.len(), 36, "{sent}");
}

#[test]
fn a_304_is_never_logged_and_other_error_responses_are() {
    let _turn = level_lock();
    async fn not_modified() -> Result<String, GlacierError> {
        let moved = errtable::UnknownCode::new("NotModified").with_status(304);
        Err(GlacierError::new(GlacierException::Unknown(moved), "").with_etag("abc"))
    }
    let app = Router::new().route("/v", get(not_modified));
    let (response, events) = through_layer(app, request("/v"));
    assert_eq!(response.status(), 304);
    assert_eq!(response.headers()["etag"], "\"abc\"");
    assert!(events.is_empty(), "{events:#?}");

    // A response errtable did not write: one event with its status, and
    // the request id stamped.
    let (response, events) = through_layer(Router::new(), request("/nowhere"));
    assert_eq!(response.status(), 404);
    let sent = request_id_sent(&response);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].field("status"), Some("404"));
    assert_eq!(events[0].field("request_id"), Some(sent.as_str()));
    assert_eq!(events[0].field("code"), None);
    // Successes are stamped and not logged.
    let app = Router::new().route("/ok", get(|| async { "fine" }));
    let (response, events) = through_layer(app, request("/ok"));
    assert_eq!(response.status(), 200);
    assert!(!request_id_sent(&response).is_empty());
    assert!(events.is_empty(), "{events:#?}");
}

#[test]
fn a_service_that_answers_in_call_is_inside_the_context_too() {
    let _turn = level_lock();
    use tower::Layer;
    // The response is made when the service is called, before its future
    // is polled.
    let service = tower::service_fn(|_request: http::Request<()>| {
        let response = http::Response::from(GlacierError::new(
            GlacierException::ResourceNotFoundException,
            "no such vault",
        ));
        async move { Ok::<_, std::convert::Infallible>(response) }
    });
    let service = errtable::tower::RequestContextLayer::<GlacierException>::new().layer(service);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut response = None;
    let events = capture(|| {
        response = Some(
            runtime
                .block_on(service.oneshot(http::Request::new(())))
                .unwrap(),
        );
    });
    let response = response.unwrap();
    let sent = request_id_sent(&response);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].field("request_id"), Some(sent.as_str()));
    let kept = response.extensions().get::<GlacierError>().unwrap();
    assert_eq!(kept.request_id(), Some(sent.as_str()));
}

#[test]
fn inside_the_actix_middleware_an_error_logs_once_under_the_requests_id() {
    let _turn = level_lock();
    async fn describe_vault() -> Result<String, GlacierError> {
        Err(
            GlacierError::new(GlacierException::ServiceUnavailableException, "m")
                .with_source(std::io::Error::other("vault index unreadable")),
        )
    }
    async fn not_modified() -> Result<String, GlacierError> {
        let moved = errtable::UnknownCode::new("NotModified").with_status(304);
        Err(GlacierError::new(GlacierException::Unknown(moved), ""))
    }
    let mut sent = Vec::new();
    let events = capture(|| {
        actix_web::rt::System::new().block_on(async {
            use actix_web::{test, web, App};
            let app = test::init_service(
                App::new()
                    .wrap(errtable::actix::RequestContextMiddleware::<GlacierException>::new())
                    .route("/vault", web::get().to(describe_vault))
                    .route("/same", web::get().to(not_modified)),
            )
            .await;
            for (uri, id) in [
                ("/vault", Some("incoming-2")),
                ("/same", None),
                ("/nowhere", None),
            ] {
                let mut request = test::TestRequest::get().uri(uri);
                if let Some(id) = id {
                    request = request.insert_header(("x-amzn-requestid", id));
                }
                let response = test::call_service(&app, request.to_request()).await;
                let id = response
                    .headers()
                    .get("x-amzn-requestid")
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_owned();
                let body = test::read_body(response).await;
                sent.push((id, body));
            }
        });
    });
    // The 500 and the unrouted 404 log once each; the 304 does not.
    assert_eq!(events.len(), 2, "{events:#?}");
    assert_eq!(sent[0].0, "incoming-2");
    assert_eq!(events[0].field("request_id"), Some("incoming-2"));
    assert_eq!(events[0].field("cause"), Some("vault index unreadable"));
    let body: serde_json::Value = serde_json::from_slice(&sent[0].1).unwrap();
    assert_eq!(body["code"], "ServiceUnavailableException");
    assert_eq!(events[1].field("status"), Some("404"));
    assert_eq!(events[1].field("request_id"), Some(sent[2].0.as_str()));
    assert_eq!(sent[1].0.len(), 36, "a UUID: {}", sent[1].0);
}
