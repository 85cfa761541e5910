//! One router for the three services, and serving it.
//!
//! AWS gives each service its own endpoint; here one port serves them all,
//! and the request says which service it is for:
//!
//! - `X-Amz-Target: DynamoDB_20120810.<Op>`: DynamoDB (AWS JSON 1.0);
//! - `X-Amz-Target: AmazonSQS.<Op>`: SQS (AWS JSON 1.0);
//! - any other `X-Amz-Target`: InvalidAction, from the JSON services'
//!   common table;
//! - no `X-Amz-Target`: STS (the query protocol), whose `Action` is in
//!   the form-encoded body or the URI's query.
//!
//! What every request passes, outermost first: errtable's
//! `RequestContextLayer` (a request id for the request: a UUID in
//! `x-amzn-RequestId` on every response, and in every error made inside
//! it), then [`log`] (one line per request on stderr).

use crate::common::{self, CommonException};
use crate::{dynamodb, sqs, sts, Emulator};
use axum::extract::{Request, State};
use axum::http::header::HOST;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use errtable::http::RequestContext;
use errtable::tower::RequestContextLayer;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;

/// The header AWS JSON requests name their operation in.
pub const X_AMZ_TARGET: &str = "x-amz-target";

/// What a service put in a response's extensions for the log: the
/// operation the request named and the error's code, if it was one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// `DynamoDB_20120810.GetItem`, `AmazonSQS.GetQueueUrl`,
    /// `Action=AssumeRole`.
    pub operation: String,
    /// The error's code (the row's, not its query code), if the response
    /// is an error.
    pub code: Option<String>,
}

/// The emulator's router: every path and method, routed by header and
/// body to a service.
pub fn router(emulator: Arc<Emulator>) -> Router {
    Router::new()
        .fallback(route)
        .layer(axum::middleware::from_fn(log))
        // Every table here sends a UUID in `x-amzn-RequestId`; the common
        // table's is the one the layer is set up for.
        .layer(RequestContextLayer::<CommonException>::new())
        .with_state(emulator)
}

/// The one handler: the service the request is for.
async fn route(State(emulator): State<Arc<Emulator>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let target = parts.headers.get(X_AMZ_TARGET).map(|value| {
        // A target that is not ASCII names nothing served here.
        value.to_str().unwrap_or_default()
    });
    match target {
        Some(target) => {
            if let Some(operation) = target.strip_prefix(dynamodb::TARGET_PREFIX) {
                dynamodb::dispatch(&emulator.dynamodb, operation, body).await
            } else if let Some(operation) = target.strip_prefix(sqs::TARGET_PREFIX) {
                let host = parts
                    .headers
                    .get(HOST)
                    .and_then(|host| host.to_str().ok())
                    .or_else(|| parts.uri.authority().map(|a| a.as_str()))
                    .unwrap_or("localhost");
                sqs::dispatch(&emulator.sqs, host, operation, body).await
            } else {
                let error = common::unknown_target(target);
                let code = Some(error.code().to_owned());
                let mut response = error.into_response();
                response.extensions_mut().insert(Outcome {
                    operation: target.to_owned(),
                    code,
                });
                response
            }
        }
        None => {
            let request_id = parts
                .extensions
                .get::<RequestContext>()
                .map_or_else(String::new, |context| context.request_id().to_owned());
            sts::dispatch(&request_id, parts.uri.query(), body).await
        }
    }
}

/// One line per request on stderr: method, operation, status, error code,
/// request id (`POST DynamoDB_20120810.GetItem -> 400
/// ResourceNotFoundException 1b4f…`).
pub async fn log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let request_id = request
        .extensions()
        .get::<RequestContext>()
        .map_or_else(|| "-".to_owned(), |context| context.request_id().to_owned());
    let response = next.run(request).await;
    let outcome = response.extensions().get::<Outcome>();
    eprintln!(
        "{method} {} -> {} {} {request_id}",
        outcome.map_or("-", |o| o.operation.as_str()),
        response.status().as_u16(),
        outcome.and_then(|o| o.code.as_deref()).unwrap_or("-"),
    );
    response
}

/// Serves `app` on `listener` until `stop` completes, then lets open
/// requests finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(stop)
        .await
}
