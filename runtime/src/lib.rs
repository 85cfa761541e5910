//! Typed Rust errors from a service's error table.
//!
//! A service's documentation often lists its errors as a table: a code, a
//! description, an HTTP status and a type. errtable makes that table the
//! single source of truth: `#[derive(ErrorTable)]` reads the spec file at
//! compile time and generates an exception enum with its status and type
//! mappings and serde impls; this crate holds what every table shares.
//!
//! ```
//! use errtable::{ErrorTable, ErrorType, Exception, ServiceError};
//!
//! #[derive(ErrorTable)]
//! #[error_table(spec = "../spec/glacier.md")] // relative to Cargo.toml
//! pub struct Glacier;
//!
//! let err = GlacierError::new(
//!     GlacierException::ResourceNotFoundException,
//!     "Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/examplevault",
//! );
//! assert_eq!(err.status(), 404);
//! assert_eq!(err.error_type(), ErrorType::Client);
//! assert_eq!(
//!     err.to_json(),
//!     r#"{"code":"ResourceNotFoundException","message":"Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/examplevault","type":"Client"}"#
//! );
//! let parsed = GlacierError::from_json(br#"{"code":"BrandNewException","message":"m","type":"Server"}"#)?;
//! assert_eq!(parsed.code(), "BrandNewException");
//! assert!(!parsed.exception().is_known());
//! # Ok::<(), errtable::BodyError>(())
//! ```
//!
//! [`ErrorTable`] (the derive) documents what it generates and the
//! `#[error_table(...)]` options.
//!
//! # Protocols
//! A table is protocol-free; each error can be written in any [`Protocol`]
//! (`to_body`, `to_http_response_in`) and read from any
//! ([`ServiceError::from_body`], `from_http_parts`, which also tells the
//! protocol from the `Content-Type` and the body). Extra fields
//! ([`ServiceError::with_field`]: S3's `Resource`, `BucketName`, `Key`,
//! `HostId`; problem details' extension members) travel with the error in
//! each protocol's form.
//!
//! # Features
//! - `markdown` (default): Markdown specs (pulldown-cmark, built with the
//!   derive). Crates whose tables are JSON specs can turn it off.
//! - `models`: Smithy JSON AST and botocore `service-2.json` models as
//!   specs (no dependency of its own).
//! - `xml`: the XML protocols (`rest-xml`, `query`, `ec2`), read and written
//!   with quick-xml.
//! - `http`: the [`http`] module: [`ServiceError::to_http_response`],
//!   [`ServiceError::from_http_parts`] and request ids, with the headers
//!   each protocol's clients read.
//! - `axum`: `axum_core::response::IntoResponse` for [`ServiceError`], so a
//!   handler returns `Result<T, GlacierError>`; implies `http`.
//! - `tracing`: one event per error response, with the cause chain (the
//!   `trace` module); implies `http`.

#[cfg(feature = "axum")]
mod axum;
mod body;
mod body_error;
mod error_type;
mod exception;
#[cfg(feature = "http")]
pub mod http;
mod json_read;
mod json_write;
mod protocol;
mod service_error;
#[cfg(feature = "tracing")]
pub mod trace;
mod wire_code;
#[cfg(feature = "xml")]
mod xml_read;
#[cfg(feature = "xml")]
mod xml_write;

pub use body_error::{BodyError, TooLarge, XmlError, MAX_BODY_LEN};
#[doc = include_str!("../docs/derive.md")]
pub use errtable_macros::ErrorTable;
pub use errtable_shared::{ErrorType, ParseErrorTypeError, ParseRetryKindError, RetryKind};
pub use exception::{ErrorTable, Exception, UnknownCode};
pub use protocol::{ParseProtocolError, Protocol};
pub use service_error::ServiceError;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
