//! The bucket operations: ListBuckets, CreateBucket, HeadBucket,
//! DeleteBucket, ListObjects and ListObjectsV2.

use crate::dates::iso8601;
use crate::errors;
use crate::listing;
use crate::router::{Outcome, QueryParameters, Service};
use crate::store::is_valid_bucket_name;
use crate::xml::{xml_response, XmlDocument};
use axum::body::Body;
use axum::http::header::{HeaderValue, LOCATION};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// The owner every bucket has: the service has one account.
const OWNER_ID: &str = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";
const OWNER_NAME: &str = "s3-service";

/// The most bytes of CreateBucket's body (a `CreateBucketConfiguration`,
/// which this service reads past: it has one region).
const MAX_CONFIGURATION_LEN: usize = 64 << 10;

/// `GET /`: every bucket.
pub fn list_buckets(service: &Service) -> Response {
    let mut xml = XmlDocument::new("ListAllMyBucketsResult");
    xml.open("Owner");
    xml.element("ID", OWNER_ID);
    xml.element("DisplayName", OWNER_NAME);
    xml.close("Owner");
    xml.open("Buckets");
    for (name, bucket) in service.store().buckets() {
        xml.open("Bucket");
        xml.element("Name", name);
        xml.element("CreationDate", &iso8601(bucket.created));
        xml.close("Bucket");
    }
    xml.close("Buckets");
    xml_response(xml.finish())
}

/// `PUT /{bucket}`: InvalidBucketName, BucketAlreadyOwnedByYou, or a new
/// bucket. The body, if any, is read (up to 64 KiB, else
/// MaxMessageLengthExceeded) so that the connection stays usable, and
/// otherwise ignored.
pub async fn create_bucket(service: &Service, bucket: &str, body: Body) -> Outcome {
    if !is_valid_bucket_name(bucket) {
        return Err(errors::invalid_bucket_name(bucket));
    }
    axum::body::to_bytes(body, MAX_CONFIGURATION_LEN)
        .await
        .map_err(|_| errors::max_message_length_exceeded())?;
    service.store().create_bucket(bucket)?;
    let location =
        HeaderValue::from_str(&format!("/{bucket}")).unwrap_or(HeaderValue::from_static("/"));
    Ok(([(LOCATION, location)], StatusCode::OK).into_response())
}

/// `HEAD /{bucket}`: 200, or NoSuchBucket (sent without a body, as to
/// every HEAD).
pub fn head_bucket(service: &Service, bucket: &str) -> Outcome {
    service.store().bucket(bucket)?;
    Ok(StatusCode::OK.into_response())
}

/// `DELETE /{bucket}`: NoSuchBucket, BucketNotEmpty, or 204.
pub fn delete_bucket(service: &Service, bucket: &str) -> Outcome {
    service.store().delete_bucket(bucket)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /{bucket}?list-type=2`: a page of keys, or NoSuchBucket.
pub fn list_objects_v2(service: &Service, bucket: &str, query: &QueryParameters) -> Outcome {
    let store = service.store();
    let objects = &store.bucket(bucket)?.objects;
    let body = listing::list_objects_v2(bucket, objects, query)?;
    Ok(xml_response(body))
}

/// `GET /{bucket}`: a page of keys (v1), or NoSuchBucket.
pub fn list_objects_v1(service: &Service, bucket: &str, query: &QueryParameters) -> Outcome {
    let store = service.store();
    let objects = &store.bucket(bucket)?.objects;
    let body = listing::list_objects_v1(bucket, objects, query)?;
    Ok(xml_response(body))
}
