//! Every error the service sends, in one place: each function builds one
//! `S3Error` (a row of `spec/s3.json`, S3's message for it, and the extra
//! elements S3 sends with it), so this file is the list of what a client
//! can be told, and the only one that calls `S3Error::new`.
//!
//! The request id, the host id and `Resource` are not set here: the
//! outermost layer ([`crate::middleware::identify`]) adds them to every
//! error, since they belong to the request rather than to what went wrong.

use crate::{S3Error, S3Exception};
use std::fmt::Display;

/// The longest key S3 accepts, in bytes of UTF-8.
pub const MAX_KEY_LEN: usize = 1024;

/// The most bytes of user metadata (`x-amz-meta-*` names and values) S3
/// accepts on one object.
pub const MAX_METADATA_LEN: usize = 2048;

fn error(exception: S3Exception, message: &str) -> S3Error {
    S3Error::new(exception, message)
}

// Buckets ------------------------------------------------------------------

/// The bucket does not exist.
pub fn no_such_bucket(bucket: &str) -> S3Error {
    error(
        S3Exception::NoSuchBucket,
        "The specified bucket does not exist",
    )
    .with_field("BucketName", bucket)
}

/// CreateBucket of a bucket that exists; there is one owner, so the
/// caller owns it. (S3 answers so in every region but us-east-1, which
/// answers 200 for legacy reasons.)
pub fn bucket_already_owned_by_you(bucket: &str) -> S3Error {
    error(
        S3Exception::BucketAlreadyOwnedByYou,
        "Your previous request to create the named bucket succeeded and you already own it.",
    )
    .with_field("BucketName", bucket)
}

/// DeleteBucket of a bucket that holds objects.
pub fn bucket_not_empty(bucket: &str) -> S3Error {
    error(
        S3Exception::BucketNotEmpty,
        "The bucket you tried to delete is not empty",
    )
    .with_field("BucketName", bucket)
}

/// CreateBucket with a name S3's naming rules refuse.
pub fn invalid_bucket_name(bucket: &str) -> S3Error {
    error(
        S3Exception::InvalidBucketName,
        "The specified bucket is not valid.",
    )
    .with_field("BucketName", bucket)
}

// Objects ------------------------------------------------------------------

/// The key does not exist in the bucket.
pub fn no_such_key(key: &str) -> S3Error {
    error(S3Exception::NoSuchKey, "The specified key does not exist.").with_field("Key", key)
}

/// A key longer than [`MAX_KEY_LEN`] bytes.
pub fn key_too_long(len: usize) -> S3Error {
    error(S3Exception::KeyTooLongError, "Your key is too long")
        .with_field("Size", len.to_string())
        .with_field("MaxSizeAllowed", MAX_KEY_LEN.to_string())
}

/// A PutObject whose Content-Length is over `--max-object-size`.
pub fn entity_too_large(proposed: u64, max: u64) -> S3Error {
    error(
        S3Exception::EntityTooLarge,
        "Your proposed upload exceeds the maximum allowed size",
    )
    .with_field("ProposedSize", proposed.to_string())
    .with_field("MaxSizeAllowed", max.to_string())
}

/// User metadata over [`MAX_METADATA_LEN`] bytes.
pub fn metadata_too_large(len: usize) -> S3Error {
    error(
        S3Exception::MetadataTooLarge,
        "Your metadata headers exceed the maximum allowed metadata size.",
    )
    .with_field("Size", len.to_string())
    .with_field("MaxSizeAllowed", MAX_METADATA_LEN.to_string())
}

/// A PutObject without Content-Length (a chunked upload).
pub fn missing_content_length() -> S3Error {
    error(
        S3Exception::MissingContentLength,
        "You must provide the Content-Length HTTP header.",
    )
}

/// A body that ended before, or went on past, its Content-Length.
pub fn incomplete_body() -> S3Error {
    error(
        S3Exception::IncompleteBody,
        "You did not provide the number of bytes specified by the Content-Length HTTP header",
    )
}

/// A request body over the size an operation without objects reads
/// (CreateBucket's configuration).
pub fn max_message_length_exceeded() -> S3Error {
    error(
        S3Exception::MaxMessageLengthExceeded,
        "Your request was too large.",
    )
}

// Conditional and ranged reads ----------------------------------------------

/// GetObject or HeadObject whose `If-None-Match` or `If-Modified-Since`
/// says the client's copy is current: a 304, sent without a body, so
/// clients see only the status (botocore reports the code `304`).
pub fn not_modified() -> S3Error {
    error(S3Exception::NotModified, "Not Modified")
}

/// `If-Match` or `If-Unmodified-Since` did not hold; `condition` names the
/// header.
pub fn precondition_failed(condition: &str) -> S3Error {
    error(
        S3Exception::PreconditionFailed,
        "At least one of the pre-conditions you specified did not hold",
    )
    .with_field("Condition", condition)
}

/// A `Range` that starts past the object's end.
pub fn invalid_range(requested: &str, object_size: u64) -> S3Error {
    error(
        S3Exception::InvalidRange,
        "The requested range is not satisfiable",
    )
    .with_field("RangeRequested", requested)
    .with_field("ActualObjectSize", object_size.to_string())
}

// Requests the service does not serve ----------------------------------------

/// A method the resource has no operation for: `resource_type` is
/// `SERVICE`, `BUCKET` or `OBJECT`.
pub fn method_not_allowed(method: &str, resource_type: &str) -> S3Error {
    error(
        S3Exception::MethodNotAllowed,
        "The specified method is not allowed against this resource.",
    )
    .with_field("Method", method)
    .with_field("ResourceType", resource_type)
}

/// An S3 operation this service does not have (a sub-resource such as
/// `?versioning`, CopyObject, multipart uploads): `what` names it.
pub fn not_implemented(what: &str) -> S3Error {
    error(
        S3Exception::NotImplemented,
        &format!("This service does not implement {what}."),
    )
}

/// A path whose percent-encoding does not decode to UTF-8, or that names
/// a key without a bucket.
pub fn invalid_uri(uri: &str) -> S3Error {
    error(S3Exception::InvalidURI, "Couldn't parse the specified URI.").with_field("URI", uri)
}

/// A query parameter or header whose value the operation cannot take.
pub fn invalid_argument(message: &str, name: &str, value: &str) -> S3Error {
    error(S3Exception::InvalidArgument, message)
        .with_field("ArgumentName", name)
        .with_field("ArgumentValue", value)
}

// Failures of the service itself ---------------------------------------------

/// The message of every internal failure: the same for all, so that it
/// tells nothing about the failure.
pub const INTERNAL_MESSAGE: &str = "We encountered an internal error. Please try again.";

/// A failure of the service itself (a panic). `detail` goes to the log,
/// never to the client.
pub fn internal(detail: &dyn Display) -> S3Error {
    eprintln!("s3-service: internal error: {detail}");
    error(S3Exception::InternalError, INTERNAL_MESSAGE)
}

/// An error response that did not come from this module: a bug of the
/// service, still answered with a row of the table.
pub fn untabled_status(status: u16) -> S3Error {
    internal(&format_args!(
        "an error response with status {status} and no S3Error"
    ))
}
