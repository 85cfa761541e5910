//! Every error the service sends, in one place: each function builds one
//! `GlacierError` (a row of `spec/glacier.md` and a message), so this file
//! is the list of what a client can be told, and the only one that calls
//! `GlacierError::new`.
//!
//! The messages follow Glacier's where Glacier's are known (`Missing
//! Authentication Token`, `Checksum mismatch: expected ..., computed ...`,
//! `Vault not found for ARN: ...`); the others say what was wrong and what
//! is accepted.

use crate::{GlacierError, GlacierException};
use std::fmt::Display;

fn error(exception: GlacierException, message: impl Into<String>) -> GlacierError {
    GlacierError::new(exception, message)
}

fn invalid(message: impl Into<String>) -> GlacierError {
    error(GlacierException::InvalidParameterValueException, message)
}

fn missing(message: impl Into<String>) -> GlacierError {
    error(GlacierException::MissingParameterValueException, message)
}

fn not_found(message: impl Into<String>) -> GlacierError {
    error(GlacierException::ResourceNotFoundException, message)
}

fn invalid_signature(message: impl Into<String>) -> GlacierError {
    error(GlacierException::InvalidSignatureException, message)
}

// Internal failures --------------------------------------------------------

/// The message of every internal failure: the same for all, so that it
/// tells nothing about the failure.
pub const INTERNAL_MESSAGE: &str = "The service cannot complete the request.";

/// The response to a failure of the service itself (a panic, an I/O
/// error, a poisoned lock). `detail` is the error's source: errtable logs
/// it with the response (its `tracing` feature) and never sends it.
pub fn internal(detail: &dyn Display) -> GlacierError {
    error(
        GlacierException::ServiceUnavailableException,
        INTERNAL_MESSAGE,
    )
    .with_source(detail.to_string())
}

/// An error response that did not come from this module (axum's own, say):
/// a bug of the service, still answered with a row of the table.
pub fn untabled_status(status: u16) -> GlacierError {
    let exception = if status >= 500 {
        GlacierException::ServiceUnavailableException
    } else {
        GlacierException::BadRequest
    };
    error(
        exception,
        format!("The request failed with HTTP status {status}."),
    )
}

// Authentication (in the order they are checked) --------------------------

/// No `Authorization` header.
pub fn missing_authentication_token() -> GlacierError {
    error(
        GlacierException::MissingAuthenticationTokenException,
        "Missing Authentication Token",
    )
}

/// An `Authorization` header that is not printable ASCII.
pub fn authorization_not_ascii() -> GlacierError {
    invalid_signature("The Authorization header is not printable ASCII.")
}

/// An `Authorization` scheme other than AWS4-HMAC-SHA256.
pub fn unsupported_authorization(scheme: &str) -> GlacierError {
    invalid_signature(format!(
        "Unsupported Authorization type '{scheme}': this service accepts AWS4-HMAC-SHA256 only."
    ))
}

/// `missing`: the names of the absent `Credential`, `Signature` and
/// `SignedHeaders` parameters.
pub fn authorization_parameters_missing(missing: &[&str], header: &str) -> GlacierError {
    let each: Vec<String> = missing
        .iter()
        .map(|name| format!("Authorization header requires '{name}' parameter."))
        .collect();
    invalid_signature(format!("{} Authorization={header}", each.join(" ")))
}

/// A `Credential` that is not `KEY/DATE/REGION/SERVICE/aws4_request`.
pub fn malformed_credential(credential: &str) -> GlacierError {
    invalid_signature(format!(
        "Credential should be <access key id>/<date>/<region>/glacier/aws4_request, not '{credential}'."
    ))
}

/// A key given with `--expired-key`.
pub fn expired_token() -> GlacierError {
    error(
        GlacierException::ExpiredTokenException,
        "The security token included in the request is expired",
    )
}

/// A key the demo does not know.
pub fn unrecognized_client() -> GlacierError {
    error(
        GlacierException::UnrecognizedClientException,
        "The security token included in the request is invalid.",
    )
}

/// A credential scoped to another region than `--region`.
pub fn credential_region(region: &str, ours: &str) -> GlacierError {
    invalid_signature(format!(
        "Credential should be scoped to a valid region, not '{region}'. This service is in '{ours}'."
    ))
}

/// A credential scoped to another service than glacier.
pub fn credential_service(service: &str) -> GlacierError {
    invalid_signature(format!(
        "Credential should be scoped to correct service: 'glacier', not '{service}'."
    ))
}

/// A credential scope that does not end in `aws4_request`.
pub fn credential_terminator(terminator: &str) -> GlacierError {
    invalid_signature(format!(
        "Credential should be scoped with a valid terminator: 'aws4_request', not '{terminator}'."
    ))
}

/// A `Signature` that is not 64 hexadecimal digits (signatures are not verified further).
pub fn signature_mismatch() -> GlacierError {
    invalid_signature(
        "The request signature we calculated does not match the signature you provided. \
         Check your AWS Secret Access Key and signing method.",
    )
}

/// Neither `x-amz-date` nor `Date`.
pub fn date_missing() -> GlacierError {
    invalid_signature(
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    )
}

/// A date in neither ISO 8601 basic format nor HTTP format.
pub fn date_malformed(raw: &str) -> GlacierError {
    invalid_signature(format!(
        "Date must be in ISO-8601 'basic format'. Got '{raw}'. See http://en.wikipedia.org/wiki/ISO_8601"
    ))
}

/// A credential scope dated another day than the request.
pub fn scope_date_mismatch(scope_date: &str, sent: &str) -> GlacierError {
    invalid_signature(format!(
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: \
         '{scope_date}' != '{}', from '{sent}'.",
        &sent[..8.min(sent.len())]
    ))
}

/// A request dated more than 15 minutes ago.
pub fn signature_expired(sent: &str, earliest: &str, now: &str) -> GlacierError {
    invalid_signature(format!(
        "Signature expired: {sent} is now earlier than {earliest} ({now} - 15 min.)"
    ))
}

/// A request dated more than 15 minutes ahead.
pub fn signature_not_yet_current(sent: &str, latest: &str, now: &str) -> GlacierError {
    invalid_signature(format!(
        "Signature not yet current: {sent} is still later than {latest} ({now} + 15 min.)"
    ))
}

// What every request passes after authentication ---------------------------

/// A request past `--rate-limit` for its key.
pub fn throttled() -> GlacierError {
    error(GlacierException::ThrottlingException, "Rate exceeded")
}

/// No `x-amz-glacier-version` header.
pub fn version_missing() -> GlacierError {
    missing("Required header missing: x-amz-glacier-version")
}

/// An `x-amz-glacier-version` other than 2012-06-01.
pub fn version_invalid(sent: &str, only: &str) -> GlacierError {
    invalid(format!(
        "Invalid API version: {sent}. The only version is {only}."
    ))
}

/// A method and path the demo does not serve.
pub fn no_operation(method: &str, path: &str) -> GlacierError {
    error(
        GlacierException::BadRequest,
        format!("No operation matches {method} {path}"),
    )
}

/// An account id in the path that is not `-` or the signer's.
pub fn access_denied(account: &str) -> GlacierError {
    error(
        GlacierException::AccessDeniedException,
        format!(
            "Access denied: the account ID '{account}' in the request URI is not the account of the \
             credentials that signed the request. Use '-' or that account's ID, without hyphens."
        ),
    )
}

// Parameters -----------------------------------------------------------------

/// A path parameter that does not decode (bad percent-encoding).
pub fn path_invalid(detail: &str) -> GlacierError {
    invalid(format!("The request path is not valid: {detail}"))
}

/// A query string that does not decode.
pub fn query_invalid(detail: &str) -> GlacierError {
    invalid(format!("The query string is not valid: {detail}"))
}

/// A required parameter of the body or path, named by `what`.
pub fn parameter_missing(what: &str) -> GlacierError {
    missing(format!("Required parameter missing: {what}"))
}

/// A required header, named by `name`.
pub fn header_missing(name: &str) -> GlacierError {
    missing(format!("Required header missing: {name}"))
}

/// A vault name outside Glacier's rule.
pub fn vault_name_invalid(name: &str) -> GlacierError {
    invalid(format!(
        "The vault name is not valid: '{name}'. Names are 1 to 255 characters of a-z, A-Z, \
         0-9, '_' (underscore), '-' (hyphen) and '.' (period)."
    ))
}

/// A `limit` that is not a whole number from 1 to `max`.
pub fn limit_invalid(text: &str, max: usize) -> GlacierError {
    invalid(format!(
        "The limit is not valid: {text}. It must be a whole number from 1 to {max}."
    ))
}

/// A `marker` that names no vault or job of the listing.
pub fn marker_invalid(marker: &str) -> GlacierError {
    invalid(format!("The marker is not valid: {marker}"))
}

/// A `statuscode` other than InProgress, Succeeded or Failed (the seed's Example 2).
pub fn job_status_invalid(status: &str) -> GlacierError {
    invalid(format!("The job status code is not valid: {status}"))
}

/// A `completed` other than true or false.
pub fn completed_invalid(text: &str) -> GlacierError {
    invalid(format!(
        "The completed value is not valid: {text}. It must be true or false."
    ))
}

/// `what` names the field, `rule` says what it must be.
pub fn description_invalid(what: &str) -> GlacierError {
    invalid(format!(
        "The {what} is not valid: it must be at most 1024 printable ASCII characters."
    ))
}

// Request bodies -------------------------------------------------------------

/// A JSON body over `limit` bytes.
pub fn body_too_large(limit: usize) -> GlacierError {
    error(
        GlacierException::BadRequest,
        format!("The request body is larger than {limit} bytes."),
    )
}

/// A body that ended with an error of the connection.
pub fn body_unreadable() -> GlacierError {
    error(
        GlacierException::BadRequest,
        "The request body could not be read.",
    )
}

/// A body shorter than its `Content-Length`.
pub fn body_shorter_than_declared(received: u64, declared: u64) -> GlacierError {
    error(
        GlacierException::BadRequest,
        format!("The request body ended after {received} of its {declared} bytes."),
    )
}

/// The body stopped arriving for `--body-timeout`.
pub fn body_timed_out(timeout: std::time::Duration) -> GlacierError {
    error(
        GlacierException::RequestTimeoutException,
        format!(
            "Your request timed out: no part of the body arrived for {} seconds.",
            timeout.as_secs_f64()
        ),
    )
}

/// A body that is not JSON.
pub fn json_invalid(detail: &dyn Display) -> GlacierError {
    serialization(format!("The request body is not valid JSON: {detail}"))
}

/// A field or body of the wrong JSON kind: `what` must be `expected`, not
/// `found` ("a string", "an object"...).
pub fn json_kind(what: &str, expected: &str, found: &str) -> GlacierError {
    serialization(format!("{what} must be {expected}, not {found}"))
}

fn serialization(message: String) -> GlacierError {
    error(GlacierException::SerializationException, message)
}

// Vaults ---------------------------------------------------------------------

/// A vault that does not exist (the seed's Example 1, second response).
pub fn vault_not_found(arn: &str) -> GlacierError {
    not_found(format!("Vault not found for ARN: {arn}"))
}

/// A vault past `--max-vaults`.
pub fn vault_limit(max: usize) -> GlacierError {
    error(
        GlacierException::LimitExceededException,
        format!(
            "The maximum number of vaults has been reached for this account in this region: {max}."
        ),
    )
}

/// Glacier refuses to delete a vault that holds archives.
pub fn vault_not_empty(arn: &str) -> GlacierError {
    invalid(format!("Vault not empty or recently written to: {arn}"))
}

/// GetVaultAccessPolicy on a vault without one.
pub fn access_policy_not_found(arn: &str) -> GlacierError {
    not_found(format!("No vault access policy is set for: {arn}"))
}

/// A vault access policy that is not a JSON object of at most 20 KiB.
pub fn access_policy_invalid(detail: &str) -> GlacierError {
    invalid(format!("The vault access policy is not valid: {detail}"))
}

/// AddTagsToVault past 50 tags: the table's "tags limit".
pub fn tag_limit(max: usize) -> GlacierError {
    error(
        GlacierException::LimitExceededException,
        format!("The request would give the vault more than {max} tags."),
    )
}

/// A tag key or value outside Glacier's rules.
pub fn tag_invalid(detail: &str) -> GlacierError {
    invalid(format!("The tag is not valid: {detail}"))
}

/// A tags POST whose `operation` is not add or remove.
pub fn tag_operation_invalid(operation: Option<&str>) -> GlacierError {
    invalid(format!(
        "The tag operation is not valid: {}. It must be add or remove.",
        operation.unwrap_or("none given")
    ))
}

/// A data retrieval policy outside Glacier's rules.
pub fn retrieval_policy_invalid(detail: &str) -> GlacierError {
    invalid(format!("The data retrieval policy is not valid: {detail}"))
}

// Archives -------------------------------------------------------------------

/// An archive that does not exist in the vault.
pub fn archive_not_found(id: &str) -> GlacierError {
    not_found(format!("Archive not found for ID: {id}"))
}

/// An upload whose `Content-Length` is not a number of 1 or more.
pub fn content_length_invalid(text: &str) -> GlacierError {
    invalid(format!(
        "Invalid Content-Length: {text}. An archive is 1 byte or more."
    ))
}

/// `header` is malformed: not 64 hexadecimal digits.
pub fn hash_header_invalid(header: &str, value: &str) -> GlacierError {
    invalid(format!(
        "Invalid {header}: {value}. It must be 64 hexadecimal digits."
    ))
}

/// The `x-amz-sha256-tree-hash` sent is not the tree hash of the body;
/// Glacier's words.
pub fn tree_hash_mismatch(sent: &str, computed: &str) -> GlacierError {
    invalid(format!(
        "Checksum mismatch: expected {sent}, computed {computed}"
    ))
}

/// The `x-amz-content-sha256` sent is not the SHA-256 of the body.
pub fn content_hash_mismatch(sent: &str, computed: &str) -> GlacierError {
    invalid(format!(
        "x-amz-content-sha256 mismatch: expected {sent}, computed {computed}"
    ))
}

/// Storing `size` more bytes would pass `--archive-memory`.
pub fn archive_memory_full(size: u64, in_use: u64, cap: u64) -> GlacierError {
    error(
        GlacierException::LimitExceededException,
        format!(
            "The archive of {size} bytes does not fit: this service keeps archives in memory, \
             {in_use} of its {cap} bytes are in use."
        ),
    )
}

// Jobs -----------------------------------------------------------------------

/// A job that does not exist (the seed's Example 1).
pub fn job_not_found(id: &str) -> GlacierError {
    not_found(format!("The job ID was not found: {id}"))
}

/// A job `Type` other than archive-retrieval, inventory-retrieval or select.
pub fn job_type_invalid(job_type: &str) -> GlacierError {
    invalid(format!(
        "The job type is not valid: {job_type}. It must be archive-retrieval, inventory-retrieval or select."
    ))
}

/// An inventory `Format` other than CSV or JSON.
pub fn inventory_format_invalid(format: &str) -> GlacierError {
    invalid(format!(
        "The inventory format is not valid: {format}. It must be CSV or JSON."
    ))
}

/// A `Tier` other than Expedited, Standard or Bulk.
pub fn tier_invalid(tier: &str) -> GlacierError {
    invalid(format!(
        "The tier is not valid: {tier}. It must be Expedited, Standard or Bulk."
    ))
}

/// A `RetrievalByteRange` that is not megabyte-aligned within the archive.
pub fn retrieval_range_invalid(range: &str, size: u64) -> GlacierError {
    invalid(format!(
        "The retrieval byte range is not valid: {range}. It must be StartByte-EndByte within the \
         archive's {size} bytes, starting on a megabyte and ending one byte before a megabyte or \
         at the archive's end."
    ))
}

/// A retrieval under `--deny-retrievals`, or past a `BytesPerHour` data retrieval policy.
pub fn retrieval_denied() -> GlacierError {
    error(
        GlacierException::PolicyEnforcedException,
        "InitiateJob request denied by current data retrieval policy.",
    )
}

/// An expedited retrieval past `--expedited-capacity` running at once.
pub fn expedited_capacity() -> GlacierError {
    error(
        GlacierException::InsufficientCapacityException,
        "There is insufficient capacity to process this expedited request. \
         Try again later, or use the Standard or Bulk tier.",
    )
}

/// GetJobOutput before the job has succeeded.
pub fn job_not_complete(id: &str) -> GlacierError {
    invalid(format!(
        "The job is not currently available for download: {id}"
    ))
}

/// GetJobOutput of a select job, whose output goes to S3.
pub fn select_output_elsewhere(id: &str) -> GlacierError {
    invalid(format!(
        "The job's output is not available here: {id} is a select job, whose output goes to \
         its OutputLocation."
    ))
}

/// A GetJobOutput `Range` that is not `bytes=START-END` within the output.
pub fn output_range_invalid(range: &str, size: u64) -> GlacierError {
    invalid(format!(
        "The range is not valid: {range}. It must be bytes=StartByte-EndByte within the \
         output's {size} bytes."
    ))
}
