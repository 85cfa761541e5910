//! What generated code names and nothing else should: not a stable API.

use crate::{ErrorType, Exception, UnknownCode};
use serde_core::de::{self, Deserializer, Visitor};
use std::fmt;
use std::marker::PhantomData;

// serde's traits, as generated code names them (`serde_core`: the traits
// without the derive; the workspace manifest says why).
pub use serde_core as serde;
pub use serde_json;

#[cfg(feature = "actix")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum_core;
#[cfg(feature = "http")]
pub use http;
#[cfg(feature = "reqwest")]
pub use reqwest;
#[cfg(feature = "tonic")]
pub use tonic;
#[cfg(feature = "utoipa")]
pub use utoipa;

pub use crate::__error_type as error_type;

/// The hooks generated code implements beside [`Exception`]: finding a
/// code in the table, and the unknown variant.
pub trait Table: Sized {
    /// The table's exception for `code`, or `None` if the table lacks it.
    fn known(code: &str) -> Option<Self>;

    /// Wraps a code the table does not have.
    fn unknown(code: UnknownCode) -> Self;

    /// The code kept for an exception not in the table.
    fn as_unknown(&self) -> Option<&UnknownCode>;

    /// The known exceptions, in spec order.
    fn all() -> &'static [Self];

    /// The protocol the table's errors go on the wire in by default
    /// (`protocol = "..."` in `#[error_table]`).
    #[must_use]
    fn protocol() -> crate::Protocol {
        crate::Protocol::RestJson
    }

    /// The XML namespace of the `<ErrorResponse>` of the query protocol and
    /// wrapped rest-xml (`xml_namespace = "..."`, a model's
    /// `xmlNamespace`).
    #[must_use]
    fn xml_namespace() -> Option<&'static str> {
        None
    }

    /// Where the table's request ids travel (`request_id_header = ...`).
    #[must_use]
    fn request_id_header() -> RequestIdHeader {
        RequestIdHeader::Protocol
    }

    /// The domain of the table's `ErrorInfo` (Google's AIP-193):
    /// `domain = "..."` in `#[error_table]`, else the deriving crate's
    /// name.
    fn domain() -> &'static str;

    /// The row's `Reason` column, for the rows that have one.
    fn row_reason(&self) -> Option<&'static str> {
        None
    }

    /// The table's exception for any code it reads: by its code, else by
    /// a query code (the first row, in spec order, that has it).
    #[inline]
    #[must_use]
    fn find(code: &str) -> Option<Self> {
        Self::known(code).or_else(|| Self::known_query_code(code))
    }

    /// The table's exception whose AWS query code is `code`, for query
    /// codes that are not codes.
    #[must_use]
    fn known_query_code(code: &str) -> Option<Self> {
        let _ = code;
        None
    }

    /// The row's title, problem details' `title` where the table has a
    /// type base.
    fn row_title(&self) -> Option<&'static str> {
        None
    }

    /// The row's shape id in its service model
    /// (`com.amazonaws.cloudwatch#LimitExceededFault`), which Smithy's RPC
    /// v2 CBOR sends as `__type`; `None` for rows of tables.
    fn row_shape_id(&self) -> Option<&'static str> {
        None
    }

    /// The row's AWS query code: [`Exception::query_code`].
    fn row_query_code(&self) -> Option<&'static str> {
        None
    }

    /// The row's AWS query status, where it is not its status.
    fn row_query_status(&self) -> Option<u16> {
        None
    }

    /// The row's `gRPC Code` column, for the rows that have one.
    fn row_grpc_code(&self) -> Option<crate::GrpcCode> {
        None
    }

    /// The members the row declares, for the rows that declare some.
    fn row_members(&self) -> &'static [crate::Member] {
        &[]
    }

    /// The table's `grpc(STATUS = "CODE")` option for an HTTP status.
    #[must_use]
    fn status_grpc_code(status: u16) -> Option<crate::GrpcCode> {
        let _ = status;
        None
    }

    /// A code another table did not know: this table's exception if it
    /// knows the code, else unknown here too, with its type and status.
    #[must_use]
    fn from_unknown(code: UnknownCode) -> Self {
        Self::find(code.code()).unwrap_or_else(|| Self::unknown(code))
    }
}

/// The header a table's request ids travel in: `request_id_header = ...`
/// in `#[error_table]`, else the protocol's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestIdHeader {
    /// The protocol's own: `x-amz-request-id` for rest-xml, none for
    /// problem-json, `x-amzn-RequestId` for the other AWS protocols.
    Protocol,
    /// This header, in every protocol.
    Named(&'static str),
    /// None: request ids travel only in the bodies that carry one.
    Off,
}

/// The error type `#[derive(ErrorTable)]` declares: a newtype of
/// `ServiceError<Self::Exception>`.
pub trait TableError: From<crate::ServiceError<Self::Exception>> {
    /// Its table's exception enum.
    type Exception: Exception;
}

/// `http::Response::from` for the error type `#[derive(ErrorTable)]`
/// declares, which the response's extensions keep.
#[cfg(feature = "http")]
pub fn http_response<E: Exception, T: Clone + Send + Sync + 'static>(
    error: crate::ServiceError<E>,
    keep: impl FnOnce(crate::ServiceError<E>) -> T,
) -> http::Response<Vec<u8>> {
    error.into_http_response(keep)
}

/// `IntoResponse` for the error type `#[derive(ErrorTable)]` declares.
#[cfg(feature = "axum")]
pub fn axum_response<E: Exception, T: Clone + Send + Sync + 'static>(
    error: crate::ServiceError<E>,
    keep: impl FnOnce(crate::ServiceError<E>) -> T,
) -> axum_core::response::Response {
    crate::axum::into_response(error, keep)
}

/// `ResponseError::error_response` for the error type
/// `#[derive(ErrorTable)]` declares, which the response's extensions keep.
#[cfg(feature = "actix")]
pub fn actix_response<E: Exception, T: Clone + Send + Sync + 'static>(
    error: crate::ServiceError<E>,
    keep: impl FnOnce(crate::ServiceError<E>) -> T,
) -> actix_web::HttpResponse {
    crate::actix::error_response(error, keep)
}

/// `ResponseError::status_code` for the error type `#[derive(ErrorTable)]`
/// declares.
#[cfg(feature = "actix")]
pub fn actix_status<E: Exception>(error: &crate::ServiceError<E>) -> actix_web::http::StatusCode {
    crate::actix::status_code(error)
}

/// `tonic::Status::from` for the error type `#[derive(ErrorTable)]`
/// declares, which the status keeps as its source.
#[cfg(feature = "tonic")]
pub fn tonic_status<E: Exception, T: std::error::Error + Send + Sync + 'static>(
    error: crate::ServiceError<E>,
    keep: impl FnOnce(crate::ServiceError<E>) -> T,
) -> tonic::Status {
    crate::tonic::into_status(error, keep)
}

/// The exception for a code received from a peer, with the type and status
/// it came with. Known codes take the table's type and status; unknown
/// codes keep what arrived.
#[must_use]
pub fn from_wire<E: Exception>(code: &str, error_type: ErrorType, status: Option<u16>) -> E {
    E::find(code).unwrap_or_else(|| E::unknown(UnknownCode::received(code, error_type, status)))
}

/// The index of a big table: a perfect hash over its codes, built by the
/// derive (`errtable-codegen`'s `perfect_hash`), read here. Both hash with
/// `errtable_shared`, so they cannot disagree.
///
/// A `match` on the code string is what tables below the derive's
/// threshold get: rustc compiles it to comparisons whose count grows with
/// the table, while this costs one hash of the code, two table reads and
/// one comparison whatever the size (BENCHMARKS.md, "Lookup").
pub struct CodeIndex {
    /// Per bucket, the seed of its codes' slots.
    pub seeds: &'static [u32],
    /// Per slot, the row there plus one; 0 for an empty slot.
    pub slots: &'static [u32],
    /// Per row, its code, as phf keeps its keys: comparing with an array
    /// element is a plain load, where asking the exception for its code
    /// jumps through a table as long as the table (a hit on 2,000 rows:
    /// 59 ns instead of 82, `ops lookup2000-hit/errtable` in benches/).
    pub codes: &'static [&'static str],
}

impl CodeIndex {
    /// The table's exception for `code`, if it has one.
    #[must_use]
    pub fn find<E: Exception>(&self, code: &str) -> Option<E> {
        let hash = errtable_shared::code_hash(code.as_bytes());
        let seed = self
            .seeds
            .get(errtable_shared::bucket_of(hash, self.seeds.len()))?;
        let slot = self
            .slots
            .get(errtable_shared::slot_of(hash, *seed, self.slots.len()))?;
        let row = usize::try_from(slot.checked_sub(1)?).ok()?;
        // The slot holds the only row the code can be; the code itself
        // says whether it is that row.
        if *self.codes.get(row)? != code {
            return None;
        }
        E::all().get(row).cloned()
    }
}

/// Deserializes an exception from its code string.
pub fn deserialize_exception<'de, E: Exception, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    struct CodeVisitor<E>(PhantomData<E>);
    impl<E: Exception> Visitor<'_> for CodeVisitor<E> {
        type Value = E;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error code string")
        }
        fn visit_str<Err: de::Error>(self, code: &str) -> Result<E, Err> {
            Ok(E::from_code(code))
        }
    }
    deserializer.deserialize_str(CodeVisitor(PhantomData))
}

/// Stands where a table's default protocol is XML: without the `xml`
/// feature, a compile error that says so.
#[cfg(feature = "xml")]
#[macro_export]
#[doc(hidden)]
macro_rules! __require_xml {
    ($protocol:literal) => {};
}

/// Stands where a table's default protocol is XML: without the `xml`
/// feature, a compile error that says so.
#[cfg(not(feature = "xml"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __require_xml {
    ($protocol:literal) => {
        ::core::compile_error!(::core::concat!(
            "protocol = \"",
            $protocol,
            "\" needs errtable's `xml` feature: errtable = { version = \"...\", features = [\"xml\"] }"
        ));
    };
}

pub use crate::__require_xml as require_xml;

/// Stands where a table's default protocol is CBOR: nothing with the
/// `cbor` feature.
#[cfg(feature = "cbor")]
#[macro_export]
#[doc(hidden)]
macro_rules! __require_cbor {
    ($protocol:literal) => {};
}

/// Stands where a table's default protocol is CBOR: without the `cbor`
/// feature, a compile error that says so.
#[cfg(not(feature = "cbor"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __require_cbor {
    ($protocol:literal) => {
        ::core::compile_error!(::core::concat!(
            "protocol = \"",
            $protocol,
            "\" needs errtable's `cbor` feature: errtable = { version = \"...\", features = [\"cbor\"] }"
        ));
    };
}

pub use crate::__require_cbor as require_cbor;
