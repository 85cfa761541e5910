//! [`IntoResponse`] for [`ServiceError`], so axum handlers can return
//! `Result<T, GlacierError>`. Needs the `axum` feature.
//!
//! ```
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
//! // let app = axum::Router::new().route("/{account}/vaults/{vault}", axum::routing::get(describe_vault));
//! ```

use crate::{Exception, ServiceError};
use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};

impl<E: Exception> IntoResponse for ServiceError<E> {
    /// The response of [`ServiceError::to_http_response`]; the error itself,
    /// with the request id that was sent, stays in the response's
    /// extensions for middleware (logging, rewriting).
    fn into_response(self) -> Response {
        into_response(self, |error| error)
    }
}

/// The response, with the error kept in its extensions as `keep` makes it.
pub(crate) fn into_response<E: Exception, T: Clone + Send + Sync + 'static>(
    error: ServiceError<E>,
    keep: impl FnOnce(ServiceError<E>) -> T,
) -> Response {
    error.into_http_response(keep).map(Body::from)
}
