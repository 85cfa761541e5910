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
//! # The attribute
//! `#[error_table(...)]` takes:
//! - `spec = "path"` or `spec = ["common.md", "service.json"]`: the spec
//!   files, relative to the deriving crate's `Cargo.toml` (the variable
//!   `ERRTABLE_MANIFEST_DIR` overrides that base, for test harnesses such as
//!   trybuild that build code elsewhere);
//! - `exception = "Name"`: the enum's name, default marker + `Exception`;
//! - `error = "Name"`: the [`ServiceError`] alias, default marker + `Error`;
//! - `unknown = "Name"`: the variant for codes not in the table, default
//!   `Unknown`;
//! - `only(Code, ...)` or `except(Code, ...)`: derive for a subset of the
//!   table; codes that are not Rust identifiers are written as strings;
//! - `full = "path::FullException"`: the enum of the whole table, which the
//!   subset converts into (`From`) and out of (`TryFrom`);
//! - `crate = "path::to::errtable"`: where this crate is, when the deriving
//!   crate reaches it through a re-export (default `::errtable`);
//! - `exhaustive`: leave `#[non_exhaustive]` off the enum. By default the
//!   enum is non-exhaustive, so that adding a row to the table is not a
//!   breaking change for crates that match on it;
//! - `protocol = "rest-xml"`: the table's default [`Protocol`], by name
//!   (`rest-json`, the default, `aws-json`, `rest-xml`, `rest-xml-wrapped`,
//!   `query`, `ec2`, `problem-json`), used by `to_http_response` and axum's
//!   `IntoResponse`; the XML ones need the `xml` feature;
//! - `problem_type = "https://errors.example.com/"`: with `problem-json`,
//!   the base that problem details' `type` joins with the code;
//! - `grpc(409 = "ALREADY_EXISTS", 400 = "FAILED_PRECONDITION")`: the gRPC
//!   code of the table's errors with an HTTP status, where a row's `gRPC
//!   Code` column does not name one (see [gRPC codes](#grpc-codes)).
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
//! - `xml`: the XML protocols (`rest-xml`, `query`, `ec2`), read and written
//!   with quick-xml.
//! - `http`: the [`http`] module: [`ServiceError::to_http_response`],
//!   [`ServiceError::from_http_parts`] and request ids, with the headers
//!   each protocol's clients read.
//! - `axum`: `axum_core::response::IntoResponse` for [`ServiceError`], so a
//!   handler returns `Result<T, GlacierError>`; implies `http`.
//! - `actix`: `actix_web::ResponseError` for [`ServiceError`], the same
//!   response in the table's protocol; implies `http`.
//! - `tonic`: the [`tonic`] module: [`ServiceError`] into a
//!   `tonic::Status` and back, with a gRPC code per row
//!   ([`Exception::grpc_code`]); implies `http`.
//!
//! # gRPC codes
//! Each exception has a [`GrpcCode`]: its row's optional `gRPC Code`
//! column (`grpc_code` in JSON specs; `NOT_FOUND` or `NotFound`), else the
//! table's `#[error_table(grpc(409 = "ALREADY_EXISTS"))]` for its HTTP
//! status, else [`GrpcCode::from_http_status`], Google's table.

#[cfg(feature = "actix")]
mod actix;
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
#[cfg(feature = "tonic")]
pub mod tonic;
mod wire_code;
#[cfg(feature = "xml")]
mod xml_read;
#[cfg(feature = "xml")]
mod xml_write;

pub use body_error::{BodyError, TooLarge, XmlError, MAX_BODY_LEN};
pub use errtable_macros::ErrorTable;
pub use errtable_shared::{
    ErrorType, GrpcCode, ParseErrorTypeError, ParseGrpcCodeError, ParseRetryKindError, RetryKind,
};
pub use exception::{ErrorTable, Exception, UnknownCode};
pub use protocol::{ParseProtocolError, Protocol};
pub use service_error::ServiceError;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
