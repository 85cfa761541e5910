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
//! #[error_table(spec = "spec/glacier.md")] // relative to Cargo.toml
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
//! - `markdown` (default): Markdown specs (GitHub-flavoured tables, read by
//!   the derive's own reader). Crates whose tables are JSON specs can turn
//!   it off.
//! - `models`: Smithy JSON AST and botocore `service-2.json` models as
//!   specs (no dependency of its own).
//! - `xml`: the XML protocols (`rest-xml`, `query`, `ec2`), read and written
//!   with quick-xml.
//! - `cbor`: Smithy RPC v2 CBOR (`rpc-v2-cbor`, `CloudWatch` and new AWS
//!   services), read and written with minicbor.
//! - `http`: the [`http`] module: error responses in each protocol and
//!   reading them back, with request ids and the headers each protocol's
//!   clients read.
//! - `axum`: the [`axum`] guide: `IntoResponse` for [`ServiceError`], so a
//!   handler returns `Result<T, GlacierError>`; implies `http`.
//! - `actix`: the [`actix`] guide: `actix_web::ResponseError`, the same
//!   response in the table's protocol; implies `http`.
//! - `tonic`: the [`tonic`] module: [`ServiceError`] into a
//!   `tonic::Status` and back, with a gRPC code per row
//!   ([`Exception::grpc_code`]); implies `http`.
//! - `tracing`: the [`trace`] module: one event per error response, with
//!   the cause chain; implies `http`.
//! - `tower`: the [`tower`] module: the request-context layer, one id per
//!   request on every response and in every error, and (with `tracing`)
//!   the one event per error response; implies `http`.
//! - `utoipa`: the [`openapi`] guide: `utoipa::IntoResponses` for
//!   [`ServiceError`] and the derived error type, so an operation's
//!   `OpenAPI` document lists each status of its table with the body's
//!   schema, an example per code, its members and the headers sent;
//!   implies `http`.
//! - `reqwest`: the [`reqwest`] guide: reading a `reqwest::Response` into
//!   an error, async, within [`MAX_BODY_LEN`]; implies `http`.
//!
//! Each guide is its module's page; with its feature off, the link goes to
//! docs.rs, which documents every feature.
//!
//! # gRPC codes
//! Each exception has a [`GrpcCode`]: its row's optional `gRPC Code`
//! column (`grpc_code` in JSON specs; `NOT_FOUND` or `NotFound`), else the
//! table's `#[error_table(grpc(409 = "ALREADY_EXISTS"))]` for its HTTP
//! status, else [`GrpcCode::from_http_status`], Google's table.
//!
//! # Stability
//! The public API, under semantic versioning, is what this documentation
//! shows: the items of this crate, the [`ErrorTable`](derive@ErrorTable)
//! derive with its attribute options, and what the derive generates for
//! users (the exception enum and the error newtype, with their documented
//! methods and impls). Each feature's API is public when the feature is on.
//! Before 1.0, a breaking change raises the minor version (0.1 to 0.2);
//! CHANGELOG.md lists them. Raising `rust-version` is not a breaking change,
//! and is noted there too.
//!
//! The enum is `#[non_exhaustive]` unless the table opts out
//! (`exhaustive`), so adding a row to a table is not a breaking change for
//! the crates that match on it.
//!
//! Not API: the `__private` module and the `#[doc(hidden)]` macros
//! (`__error_type!` and its per-feature companions, `__require_xml!`,
//! `__require_cbor!`). They
//! are what generated code calls, and they change whenever the generator
//! does, even in a patch release. That is safe because the crates are
//! released together under one version and `errtable` depends on exactly
//! its own release of the derive (`errtable-macros = "=x.y.z"`), so
//! generated code only ever meets the runtime it was written for. The
//! crates behind the derive (`errtable-macros`, `errtable-codegen`,
//! `errtable-shared`) are used through this one; only the derive is their
//! API here.
//!
#![cfg_attr(feature = "http", doc = "[`http`]: crate::http")]
#![cfg_attr(
    not(feature = "http"),
    doc = "[`http`]: https://docs.rs/errtable/latest/errtable/http/index.html"
)]
#![cfg_attr(feature = "axum", doc = "[`axum`]: crate::axum")]
#![cfg_attr(
    not(feature = "axum"),
    doc = "[`axum`]: https://docs.rs/errtable/latest/errtable/axum/index.html"
)]
#![cfg_attr(feature = "actix", doc = "[`actix`]: crate::actix")]
#![cfg_attr(
    not(feature = "actix"),
    doc = "[`actix`]: https://docs.rs/errtable/latest/errtable/actix/index.html"
)]
#![cfg_attr(feature = "tonic", doc = "[`tonic`]: crate::tonic")]
#![cfg_attr(
    not(feature = "tonic"),
    doc = "[`tonic`]: https://docs.rs/errtable/latest/errtable/tonic/index.html"
)]
#![cfg_attr(feature = "tracing", doc = "[`trace`]: crate::trace")]
#![cfg_attr(
    not(feature = "tracing"),
    doc = "[`trace`]: https://docs.rs/errtable/latest/errtable/trace/index.html"
)]
#![cfg_attr(feature = "tower", doc = "[`tower`]: crate::tower")]
#![cfg_attr(
    not(feature = "tower"),
    doc = "[`tower`]: https://docs.rs/errtable/latest/errtable/tower/index.html"
)]
#![cfg_attr(feature = "utoipa", doc = "[`openapi`]: crate::openapi")]
#![cfg_attr(
    not(feature = "utoipa"),
    doc = "[`openapi`]: https://docs.rs/errtable/latest/errtable/openapi/index.html"
)]
#![cfg_attr(feature = "reqwest", doc = "[`reqwest`]: crate::reqwest")]
#![cfg_attr(
    not(feature = "reqwest"),
    doc = "[`reqwest`]: https://docs.rs/errtable/latest/errtable/reqwest/index.html"
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "actix")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
mod body;
mod body_error;
#[cfg(feature = "cbor")]
mod cbor;
#[cfg(feature = "http")]
mod context;
mod error_type;
mod exception;
pub mod google;
mod headers;
#[cfg(feature = "http")]
pub mod http;
mod json_read;
mod json_write;
mod member;
#[cfg(feature = "utoipa")]
pub mod openapi;
mod protocol;
#[cfg(feature = "http")]
mod request_id;
#[cfg(feature = "reqwest")]
pub mod reqwest;
mod service_error;
mod timestamp;
#[cfg(feature = "tonic")]
pub mod tonic;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "tracing")]
pub mod trace;
mod wire_code;
#[cfg(feature = "xml")]
mod xml_read;
#[cfg(feature = "xml")]
mod xml_write;

pub use body_error::{BodyError, CborError, TooLarge, XmlError, MAX_BODY_LEN};
#[doc = include_str!("../docs/derive.md")]
pub use errtable_macros::ErrorTable;
pub use errtable_shared::{
    ErrorType, GrpcCode, MemberShape, ParseErrorTypeError, ParseGrpcCodeError,
    ParseMemberShapeError, ParseRetryKindError, ProtocolKind, RetryKind,
};
pub use exception::{ErrorTable, Exception, UnknownCode, UnknownOperation};
pub use member::Member;
pub use protocol::{ParseProtocolError, Protocol};
pub use service_error::ServiceError;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// The README (this package's crates.io page) compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
