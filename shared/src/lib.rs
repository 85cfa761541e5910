//! What errtable's derive (`errtable-codegen`) and its runtime (`errtable`)
//! must agree on, in one small crate both depend on: the names and wire
//! spellings of [`ErrorType`], [`RetryKind`], [`GrpcCode`], [`MemberShape`] and [`ProtocolKind`], the default retry
//! classification and gRPC code of an HTTP status, and the hash that finds a code in a big table.
//!
//! Use these through the `errtable` crate, which re-exports them.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod code_hash;
mod error_type;
mod google;
mod grpc_code;
mod member_shape;
mod protocol_kind;
mod reason_phrase;
mod retry_kind;

pub use code_hash::{bucket_of, code_hash, slot_of};
pub use error_type::{ErrorType, ParseErrorTypeError};
pub use google::{
    is_valid_reason, metadata_key, reason_from_code, words, MAX_METADATA_KEY_LEN, MAX_REASON_LEN,
    REASON_PREFIX,
};
pub use grpc_code::{GrpcCode, ParseGrpcCodeError};
pub use member_shape::{MemberShape, ParseMemberShapeError};
pub use protocol_kind::ProtocolKind;
pub use reason_phrase::reason_phrase;
pub use retry_kind::{ParseRetryKindError, RetryKind};

/// The headers the protocols write themselves (lowercase, as HTTP/2 sends
/// them): neither a member nor `with_header` sets one, and a spec that
/// binds a member to one is refused.
pub const PROTOCOL_HEADERS: [&str; 10] = [
    "content-type",
    "content-length",
    "date",
    "transfer-encoding",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-amz-id-2",
    "x-amzn-errortype",
    "x-amzn-query-error",
    "smithy-protocol",
];

/// The members REST-JSON and AWS JSON bodies write or read themselves.
pub const AWS_JSON_PARTS: [&str; 7] = [
    "code",
    "Code",
    "__type",
    "message",
    "Message",
    "errorMessage",
    "type",
];

/// The members of problem details (RFC 9457) errtable writes itself.
pub const PROBLEM_PARTS: [&str; 5] = ["type", "title", "status", "detail", "code"];

/// The names every XML form reads as parts of the error.
pub const XML_PARTS: [&str; 5] = ["Code", "Message", "Type", "RequestId", "RequestID"];

/// Whether some protocol writes a body part named `name` itself, so that a
/// member of that name would never be written.
#[must_use]
pub fn written_by_protocols(name: &str) -> bool {
    AWS_JSON_PARTS.contains(&name) || PROBLEM_PARTS.contains(&name) || XML_PARTS.contains(&name)
}
