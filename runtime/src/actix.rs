//! [`ResponseError`] for [`ServiceError`], so actix-web handlers can return
//! `Result<T, GlacierError>`. Needs the `actix` feature.
//!
//! The response is [`ServiceError::to_http_response`]'s, byte for byte: the
//! table's status and protocol, its body and headers, a request id
//! (generated when the error has none). actix-web writes `Content-Length`
//! from the body itself. The error, with the request id that was sent, stays
//! in the response's extensions for middleware, as with axum; actix-web
//! also keeps it as the response's [`error`](actix_web::HttpResponse::error).
//!
//! ```
//! use actix_web::{test, web, App};
//! use errtable::ErrorTable;
//!
//! #[derive(ErrorTable)]
//! #[error_table(spec = "spec/glacier.md")]
//! pub struct Glacier;
//!
//! async fn describe_vault() -> Result<String, GlacierError> {
//!     Err(GlacierError::new(
//!         GlacierException::ResourceNotFoundException,
//!         "Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/examplevault",
//!     ))
//! }
//!
//! # actix_web::rt::System::new().block_on(async {
//! let app = test::init_service(
//!     App::new().route("/{account}/vaults/{vault}", web::get().to(describe_vault)),
//! )
//! .await;
//! let request = test::TestRequest::get().uri("/-/vaults/examplevault").to_request();
//! let response = test::call_service(&app, request).await;
//! assert_eq!(response.status(), 404);
//! assert_eq!(response.headers().get("x-amzn-errortype").unwrap(), "ResourceNotFoundException");
//! # });
//! ```

use crate::http::RequestContext;
use crate::{Exception, ServiceError};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpMessage, HttpResponse, ResponseError};
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

impl<E: Exception> ResponseError for ServiceError<E> {
    /// The status the response is sent with: the table's, or 500 for an
    /// unknown code that arrived with a status below 300.
    fn status_code(&self) -> StatusCode {
        status_code(self)
    }

    /// The response of [`ServiceError::to_http_response`]; the error itself,
    /// with the request id that was sent, stays in the response's
    /// extensions.
    fn error_response(&self) -> HttpResponse {
        error_response(self.clone(), |error| error)
    }
}

/// The status [`error_response`] sends.
pub(crate) fn status_code<E: Exception>(error: &ServiceError<E>) -> StatusCode {
    StatusCode::from_u16(error.wire_status(&E::protocol()))
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The one place an actix-web error response is made: the runtime's HTTP
/// response, carried over to actix-web's types (its `http` is 0.2), with
/// the error kept in its extensions as `keep` makes it.
pub(crate) fn error_response<E: Exception, T: Clone + Send + Sync + 'static>(
    error: ServiceError<E>,
    keep: impl FnOnce(ServiceError<E>) -> T,
) -> HttpResponse {
    let (mut parts, body) = error.into_http_response(keep).into_parts();
    let status =
        StatusCode::from_u16(parts.status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut builder = HttpResponse::build(status);
    for (name, value) in &parts.headers {
        // Both sides hold valid header names and values; the conversion
        // fails for none of them.
        let name = HeaderName::from_bytes(name.as_str().as_bytes());
        let value = HeaderValue::from_bytes(value.as_bytes());
        if let (Ok(name), Ok(value)) = (name, value) {
            builder.append_header((name, value));
        }
    }
    let mut response = builder.body(body);
    if let Some(kept) = parts.extensions.remove::<T>() {
        response.extensions_mut().insert(kept);
    }
    // Inside the request-context middleware, the event it emits.
    #[cfg(feature = "tracing")]
    if let Some(event) = parts.extensions.remove::<crate::trace::Event>() {
        response.extensions_mut().insert(event);
    }
    response
}

/// The request-context middleware for actix-web, for the services of `E`'s
/// table: what `errtable::tower`'s layer does for tower services (see its
/// guide). `App::new().wrap(RequestContextMiddleware::<GlacierException>::new())`;
/// handlers find the [`RequestContext`] in the request's extensions.
///
/// ```
/// use actix_web::{test, web, App, HttpMessage, HttpRequest};
/// use errtable::actix::RequestContextMiddleware;
/// use errtable::http::RequestContext;
/// use errtable::ErrorTable;
///
/// #[derive(ErrorTable)]
/// #[error_table(spec = "spec/glacier.md")]
/// pub struct Glacier;
///
/// async fn describe_vault(request: HttpRequest) -> Result<String, GlacierError> {
///     let context = request.extensions().get::<RequestContext>().cloned().unwrap();
///     assert!(!context.request_id().is_empty());
///     Err(GlacierError::new(GlacierException::ResourceNotFoundException, "no such vault"))
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(
///     App::new()
///         .wrap(RequestContextMiddleware::<GlacierException>::new())
///         .route("/{account}/vaults/{vault}", web::get().to(describe_vault)),
/// )
/// .await;
/// let request = test::TestRequest::get()
///     .uri("/-/vaults/examplevault")
///     .insert_header(("x-amzn-requestid", "c0ffee00-0000-4000-8000-000000000001"))
///     .to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status(), 404);
/// assert_eq!(
///     response.headers().get("x-amzn-requestid").unwrap(),
///     "c0ffee00-0000-4000-8000-000000000001"
/// );
/// # });
/// ```
pub struct RequestContextMiddleware<E> {
    table: PhantomData<fn() -> E>,
}

impl<E: Exception> RequestContextMiddleware<E> {
    /// The middleware for `E`'s table.
    #[must_use]
    pub fn new() -> Self {
        RequestContextMiddleware { table: PhantomData }
    }
}

impl<E: Exception> Default for RequestContextMiddleware<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> std::fmt::Debug for RequestContextMiddleware<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RequestContextMiddleware")
    }
}

impl<S, B, E> Transform<S, ServiceRequest> for RequestContextMiddleware<E>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    E: Exception,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Transform = RequestContextService<S, E>;
    type InitError = ();
    type Future = std::future::Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        std::future::ready(Ok(RequestContextService {
            service,
            table: PhantomData,
        }))
    }
}

/// A service inside the [`RequestContextMiddleware`].
pub struct RequestContextService<S, E> {
    service: S,
    table: PhantomData<fn() -> E>,
}

impl<S, B, E> Service<ServiceRequest> for RequestContextService<S, E>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    E: Exception,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = ResponseFuture<S::Future, E>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let context =
            RequestContext::from_headers::<E>(|name| request.headers().get(name)?.to_str().ok());
        request.extensions_mut().insert(context.clone());
        let inner = context.enter(|| self.service.call(request));
        ResponseFuture {
            inner,
            context,
            table: PhantomData,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response of a service inside the [`RequestContextMiddleware`].
    pub struct ResponseFuture<F, E> {
        #[pin]
        inner: F,
        context: RequestContext,
        table: PhantomData<fn() -> E>,
    }
}

impl<F, B, E> std::future::Future for ResponseFuture<F, E>
where
    F: std::future::Future<Output = Result<ServiceResponse<B>, actix_web::Error>>,
    E: Exception,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let context = this.context;
        let inner = this.inner;
        let mut response = ready!(context.enter(|| inner.poll(cx)))?;
        for (name, value) in context.stamps::<E>() {
            let name = HeaderName::from_bytes(name.as_str().as_bytes());
            let value = HeaderValue::from_bytes(value.as_bytes());
            if let (Ok(name), Ok(value)) = (name, value) {
                response.headers_mut().insert(name, value);
            }
        }
        #[cfg(feature = "tracing")]
        {
            let status = response.status().as_u16();
            let event = response
                .response_mut()
                .extensions_mut()
                .remove::<crate::trace::Event>();
            context.log(status, event);
        }
        Poll::Ready(Ok(response))
    }
}
