//! What errtable's derive (`errtable-codegen`) and its runtime (`errtable`)
//! must agree on, in one small crate both depend on: the names and wire
//! spellings of [`ErrorType`] and [`RetryKind`], the default retry
//! classification, and the hash that finds a code in a big table.
//!
//! Use these through the `errtable` crate, which re-exports them.

mod code_hash;
mod error_type;
mod retry_kind;

pub use code_hash::{bucket_of, code_hash, slot_of};
pub use error_type::{ErrorType, ParseErrorTypeError};
pub use retry_kind::{ParseRetryKindError, RetryKind};
