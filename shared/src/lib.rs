//! What errtable's derive (`errtable-codegen`) and its runtime (`errtable`)
//! must agree on, in one small crate both depend on: the names and wire
//! spellings of [`ErrorType`], [`RetryKind`], [`GrpcCode`] and [`MemberShape`], the default retry
//! classification and gRPC code of an HTTP status, and the hash that finds a code in a big table.
//!
//! Use these through the `errtable` crate, which re-exports them.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod code_hash;
mod error_type;
mod grpc_code;
mod member_shape;
mod retry_kind;

pub use code_hash::{bucket_of, code_hash, slot_of};
pub use error_type::{ErrorType, ParseErrorTypeError};
pub use grpc_code::{GrpcCode, ParseGrpcCodeError};
pub use member_shape::{MemberShape, ParseMemberShapeError};
pub use retry_kind::{ParseRetryKindError, RetryKind};

/// The wire protocols errtable speaks, by the names `protocol = "..."`
/// takes (the runtime's `Protocol`).
pub const PROTOCOL_NAMES: [&str; 7] = [
    "rest-json",
    "aws-json",
    "rest-xml",
    "rest-xml-wrapped",
    "query",
    "ec2",
    "problem-json",
];
