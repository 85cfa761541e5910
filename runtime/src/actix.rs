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

use crate::{Exception, ServiceError};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

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
    StatusCode::from_u16(error.wire_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
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
    response
}
