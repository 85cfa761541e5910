//! The request-context layer: one id per request, on every response and
//! in every error, and one log event per error response. Needs the `tower`
//! feature (and `tracing` for the events).
//!
//! [`RequestContextLayer`] wraps a tower service: an axum `Router`, a
//! tonic server, anything built on `tower::Service`. For each request it:
//! - takes the request's id from the table's request-id header (see
//!   `request_id_header` in the derive's options), or makes one in the
//!   protocol's shape: S3's 16 uppercase hex digits and an `x-amz-id-2`
//!   host id for `rest-xml`, a UUID elsewhere;
//! - puts a [`RequestContext`] with it in the request's extensions, for
//!   handlers (`Extension<RequestContext>` in axum);
//! - sends every errtable error that becomes a response inside it under
//!   that id, in the header and in the body where the protocol carries
//!   one, whether the handler returned it, `?` converted it, or middleware
//!   inside the layer made it;
//! - stamps every response of the request with the id (and the host id);
//! - with `tracing`, emits exactly one event per error response (status
//!   400 and up), once the response leaves the layer, after every rewrite
//!   inside it: the transports (axum's `IntoResponse`,
//!   `http::Response::from`, actix-web) do not log inside the layer. A
//!   response errtable did not write (a framework's rejection) gets an
//!   event with its status. 1xx to 3xx responses, a 304 among them, are
//!   never logged.
//!
//! Without the layer, the transports log as the `trace` module says.
//!
//! ```
//! use axum::body::Body;
//! use axum::{routing::get, Extension, Router};
//! use errtable::http::RequestContext;
//! use errtable::tower::RequestContextLayer;
//! use errtable::ErrorTable;
//! use tower::ServiceExt;
//!
//! #[derive(ErrorTable)]
//! #[error_table(spec = "spec/glacier.md")]
//! pub struct Glacier;
//!
//! async fn describe_vault(
//!     Extension(context): Extension<RequestContext>,
//! ) -> Result<String, GlacierError> {
//!     tracing::info!(request_id = context.request_id(), "DescribeVault");
//!     // Sent under the request's id without saying so.
//!     Err(GlacierError::new(GlacierException::ResourceNotFoundException, "no such vault"))
//! }
//!
//! let app = Router::new()
//!     .route("/{account}/vaults/{vault}", get(describe_vault))
//!     .layer(RequestContextLayer::<GlacierException>::new());
//!
//! let request = http::Request::get("/-/vaults/examplevault")
//!     .header("x-amzn-requestid", "c0ffee00-0000-4000-8000-000000000001")
//!     .body(Body::empty())?;
//! let runtime = tokio::runtime::Builder::new_current_thread().build()?;
//! let response = runtime.block_on(app.oneshot(request))?;
//! assert_eq!(response.status(), 404);
//! assert_eq!(response.headers()["x-amzn-requestid"], "c0ffee00-0000-4000-8000-000000000001");
//! let error = response.extensions().get::<GlacierError>().unwrap();
//! assert_eq!(error.request_id(), Some("c0ffee00-0000-4000-8000-000000000001"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::http::RequestContext;
use crate::Exception;
use ::http::{Request, Response};
use pin_project_lite::pin_project;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use tower_layer::Layer;
use tower_service::Service;

/// The request-context layer for the services of `E`'s table: see the
/// [module](self).
pub struct RequestContextLayer<E> {
    table: PhantomData<fn() -> E>,
}

impl<E: Exception> RequestContextLayer<E> {
    /// The layer for `E`'s table (`RequestContextLayer::<GlacierException>::new()`).
    #[must_use]
    pub fn new() -> Self {
        RequestContextLayer { table: PhantomData }
    }
}

impl<E: Exception> Default for RequestContextLayer<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> Clone for RequestContextLayer<E> {
    fn clone(&self) -> Self {
        RequestContextLayer { table: PhantomData }
    }
}

impl<E> std::fmt::Debug for RequestContextLayer<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RequestContextLayer")
    }
}

impl<E: Exception, S> Layer<S> for RequestContextLayer<E> {
    type Service = RequestContextService<S, E>;

    fn layer(&self, inner: S) -> Self::Service {
        RequestContextService {
            inner,
            table: PhantomData,
        }
    }
}

/// A service inside the [`RequestContextLayer`].
pub struct RequestContextService<S, E> {
    inner: S,
    table: PhantomData<fn() -> E>,
}

impl<S: Clone, E> Clone for RequestContextService<S, E> {
    fn clone(&self) -> Self {
        RequestContextService {
            inner: self.inner.clone(),
            table: PhantomData,
        }
    }
}

impl<S: std::fmt::Debug, E> std::fmt::Debug for RequestContextService<S, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("RequestContextService")
            .field(&self.inner)
            .finish()
    }
}

impl<S, E, RequestBody, ResponseBody> Service<Request<RequestBody>> for RequestContextService<S, E>
where
    S: Service<Request<RequestBody>, Response = Response<ResponseBody>>,
    E: Exception,
{
    type Response = Response<ResponseBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, E>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<RequestBody>) -> Self::Future {
        let context = RequestContext::for_request::<E>(request.headers());
        request.extensions_mut().insert(context.clone());
        // Some services do their work in `call`: it runs in the context too.
        let inner = context.enter(|| self.inner.call(request));
        ResponseFuture {
            inner,
            context,
            table: PhantomData,
        }
    }
}

pin_project! {
    /// The response of a service inside the [`RequestContextLayer`].
    pub struct ResponseFuture<F, E> {
        #[pin]
        inner: F,
        context: RequestContext,
        table: PhantomData<fn() -> E>,
    }
}

impl<F, E, ResponseBody, Error> Future for ResponseFuture<F, E>
where
    F: Future<Output = Result<Response<ResponseBody>, Error>>,
    E: Exception,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let context = this.context;
        let inner = this.inner;
        let mut response = ready!(context.enter(|| inner.poll(cx)))?;
        stamp::<E, ResponseBody>(&mut response, context);
        Poll::Ready(Ok(response))
    }
}

/// Stamps a response of the request of `context` with its ids, and emits
/// the event of an error response.
fn stamp<E: Exception, B>(response: &mut Response<B>, context: &RequestContext) {
    for (name, value) in context.stamps::<E>() {
        response.headers_mut().insert(name, value);
    }
    #[cfg(feature = "tracing")]
    {
        let event = response.extensions_mut().remove::<crate::trace::Event>();
        context.log(response.status().as_u16(), event);
    }
}
