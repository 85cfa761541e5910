//! The object operations: PutObject, GetObject, HeadObject and
//! DeleteObject.

use crate::errors::{self, MAX_KEY_LEN, MAX_METADATA_LEN};
use crate::object_reads::{evaluate, requested_part, Part, Precondition};
use crate::router::{Outcome, Service};
use crate::store::Object;
use crate::S3Error;
use axum::body::{Body, Bytes};
use axum::http::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT_RANGES, CONTENT_ENCODING, CONTENT_LENGTH,
    CONTENT_RANGE, CONTENT_TYPE, ETAG, LAST_MODIFIED, RANGE,
};
use axum::http::StatusCode;
use axum::response::IntoResponse;

/// The prefix of user metadata headers.
const METADATA_PREFIX: &str = "x-amz-meta-";

/// `PUT /{bucket}/{key}`. Everything that can be refused from the headers
/// is refused before the body is read: KeyTooLongError, NoSuchBucket,
/// NotImplemented for aws-chunked uploads, MissingContentLength,
/// EntityTooLarge past `--max-object-size`, MetadataTooLarge. Then the
/// body, exactly Content-Length bytes, else IncompleteBody.
pub async fn put_object(
    service: &Service,
    bucket: &str,
    key: &str,
    headers: &HeaderMap,
    body: Body,
) -> Outcome {
    if key.len() > MAX_KEY_LEN {
        return Err(errors::key_too_long(key.len()));
    }
    service.store().bucket(bucket)?;
    if is_aws_chunked(headers) {
        return Err(errors::not_implemented("aws-chunked (STREAMING-) uploads"));
    }
    let length = content_length(headers)?;
    let max = service.config.max_object_size;
    // The length must also fit this machine's memory addressing.
    let Some(length) = usize::try_from(length).ok().filter(|_| length <= max) else {
        return Err(errors::entity_too_large(length, max));
    };
    let metadata = user_metadata(headers)?;
    let data = read_exactly(body, length).await?;
    let object = Object::new(data, headers.get(CONTENT_TYPE).cloned(), metadata);
    let etag = HeaderValue::from_str(&object.etag);
    service.store().put_object(bucket, key, object)?;
    let mut response = StatusCode::OK.into_response();
    // A quoted hex digest is always a valid header value.
    if let Ok(etag) = etag {
        response.headers_mut().insert(ETAG, etag);
    }
    Ok(response)
}

/// Whether the body is in AWS's chunked signing format, which this
/// service does not decode (botocore uses it only over HTTPS).
fn is_aws_chunked(headers: &HeaderMap) -> bool {
    let payload_hash = headers
        .get("x-amz-content-sha256")
        .map(HeaderValue::as_bytes)
        .unwrap_or_default();
    let encoding = headers
        .get(CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    payload_hash.starts_with(b"STREAMING-") || encoding.contains("aws-chunked")
}

/// The declared Content-Length: MissingContentLength without one (a
/// chunked upload, which S3 refuses too), InvalidArgument when it is not
/// a number.
fn content_length(headers: &HeaderMap) -> Result<u64, S3Error> {
    let value = headers
        .get(CONTENT_LENGTH)
        .ok_or_else(errors::missing_content_length)?;
    let text = value.to_str().unwrap_or_default();
    text.trim().parse::<u64>().map_err(|_| {
        errors::invalid_argument(
            "Content-Length must be a number of bytes",
            "Content-Length",
            text,
        )
    })
}

/// The `x-amz-meta-*` headers: MetadataTooLarge when their names (without
/// the prefix) and values take more than 2 KiB.
fn user_metadata(headers: &HeaderMap) -> Result<Vec<(HeaderName, HeaderValue)>, S3Error> {
    let metadata: Vec<(HeaderName, HeaderValue)> = headers
        .iter()
        .filter(|(name, _)| name.as_str().starts_with(METADATA_PREFIX))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let len: usize = metadata
        .iter()
        .map(|(name, value)| name.as_str().len() - METADATA_PREFIX.len() + value.len())
        .sum();
    if len > MAX_METADATA_LEN {
        return Err(errors::metadata_too_large(len));
    }
    Ok(metadata)
}

/// Exactly `length` bytes of `body`, or IncompleteBody (the body ended
/// early, went on past it, or failed).
async fn read_exactly(body: Body, length: usize) -> Result<Bytes, S3Error> {
    match axum::body::to_bytes(body, length).await {
        Ok(data) if data.len() == length => Ok(data),
        _ => Err(errors::incomplete_body()),
    }
}

/// `GET` or `HEAD /{bucket}/{key}`: NoSuchBucket, NoSuchKey, then the
/// conditional headers (304 NotModified with the object's `ETag` and
/// `Last-Modified`, or 412 PreconditionFailed), then `Range` (206, or 416
/// InvalidRange). HEAD sends the same headers and no body.
pub fn get_object(
    service: &Service,
    bucket: &str,
    key: &str,
    headers: &HeaderMap,
    head: bool,
) -> Outcome {
    // A clone shares the bytes; the lock is released at once.
    let object = service.store().object(bucket, key)?.clone();
    match evaluate(headers, &object.etag, object.last_modified) {
        Precondition::Proceed => {}
        Precondition::NotModified => {
            return Err(errors::not_modified()
                .with_etag(&object.etag)
                .with_last_modified(object.last_modified))
        }
        Precondition::Failed(condition) => return Err(errors::precondition_failed(condition)),
    }

    let mut response_headers = HeaderMap::new();
    if let Ok(etag) = HeaderValue::from_str(&object.etag) {
        response_headers.insert(ETAG, etag);
    }
    if let Ok(date) = HeaderValue::from_str(&httpdate::fmt_http_date(object.last_modified)) {
        response_headers.insert(LAST_MODIFIED, date);
    }
    let size = object.size();
    let (status, data) = match requested_part(headers, size, &object.etag, object.last_modified) {
        Part::Whole => (StatusCode::OK, object.data.clone()),
        Part::Range { first, last } => {
            let content_range = format!("bytes {first}-{last}/{size}");
            if let Ok(value) = HeaderValue::from_str(&content_range) {
                response_headers.insert(CONTENT_RANGE, value);
            }
            // Both are below the size of bytes in memory: no truncation.
            let part = object.data.slice(first as usize..=last as usize);
            (StatusCode::PARTIAL_CONTENT, part)
        }
        Part::Unsatisfiable => {
            let requested = headers
                .get(RANGE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            return Err(errors::invalid_range(requested, size).with_content_range(size));
        }
    };
    response_headers.insert(CONTENT_TYPE, object.content_type.clone());
    response_headers.insert(CONTENT_LENGTH, HeaderValue::from(data.len()));
    response_headers.insert(ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    for (name, value) in &object.metadata {
        response_headers.append(name.clone(), value.clone());
    }
    let body = if head {
        Body::empty()
    } else {
        Body::from(data)
    };
    Ok((status, response_headers, body).into_response())
}

/// `DELETE /{bucket}/{key}`: NoSuchBucket, else 204 whether or not the key
/// was there, as S3 answers.
pub fn delete_object(service: &Service, bucket: &str, key: &str) -> Outcome {
    service.store().delete_object(bucket, key)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
