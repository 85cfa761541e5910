//! Buckets and objects, in memory: one map of buckets, each a sorted map
//! of keys (sorted as S3 lists them, by UTF-8 bytes).

use crate::errors;
use crate::S3Error;
use axum::body::Bytes;
use axum::http::{HeaderName, HeaderValue};
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Everything the service holds.
#[derive(Debug, Default)]
pub struct Store {
    buckets: BTreeMap<String, Bucket>,
}

/// A bucket and its objects.
#[derive(Debug)]
pub struct Bucket {
    /// When CreateBucket made it, to the second.
    pub created: SystemTime,
    /// Its objects by key.
    pub objects: BTreeMap<String, Object>,
}

/// An object: its bytes and what PutObject was told about them.
#[derive(Clone, Debug)]
pub struct Object {
    /// The bytes (shared, so a read copies none).
    pub data: Bytes,
    /// The entity tag, quoted as it goes in headers and listings: the hex
    /// MD5 of the bytes, as S3 gives single-part uploads.
    pub etag: String,
    /// When it was written, to the second: HTTP dates carry seconds, so a
    /// client's `If-Modified-Since` of the `Last-Modified` it was sent
    /// compares equal.
    pub last_modified: SystemTime,
    /// `Content-Type` of the upload, else S3's default.
    pub content_type: HeaderValue,
    /// The `x-amz-meta-*` headers of the upload, sent back on reads.
    pub metadata: Vec<(HeaderName, HeaderValue)>,
}

/// S3's `Content-Type` for objects uploaded without one.
pub const DEFAULT_CONTENT_TYPE: &str = "binary/octet-stream";

impl Object {
    /// An object of `data` written now.
    pub fn new(
        data: Bytes,
        content_type: Option<HeaderValue>,
        metadata: Vec<(HeaderName, HeaderValue)>,
    ) -> Object {
        use md5::Digest;
        let digest = md5::Md5::digest(&data);
        let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
        Object {
            data,
            etag: format!("\"{hex}\""),
            last_modified: now_to_the_second(),
            content_type: content_type
                .unwrap_or_else(|| HeaderValue::from_static(DEFAULT_CONTENT_TYPE)),
            metadata,
        }
    }

    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        self.data.len() as u64
    }
}

/// The time now, without its fraction of a second.
pub fn now_to_the_second() -> SystemTime {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    UNIX_EPOCH + Duration::from_secs(since.as_secs())
}

impl Store {
    /// The buckets, by name.
    pub fn buckets(&self) -> impl Iterator<Item = (&str, &Bucket)> {
        self.buckets
            .iter()
            .map(|(name, bucket)| (name.as_str(), bucket))
    }

    /// The bucket `name`, or NoSuchBucket.
    pub fn bucket(&self, name: &str) -> Result<&Bucket, S3Error> {
        self.buckets
            .get(name)
            .ok_or_else(|| errors::no_such_bucket(name))
    }

    /// Makes an empty bucket `name` (a valid name), or
    /// BucketAlreadyOwnedByYou.
    pub fn create_bucket(&mut self, name: &str) -> Result<(), S3Error> {
        if self.buckets.contains_key(name) {
            return Err(errors::bucket_already_owned_by_you(name));
        }
        let bucket = Bucket {
            created: now_to_the_second(),
            objects: BTreeMap::new(),
        };
        self.buckets.insert(name.to_owned(), bucket);
        Ok(())
    }

    /// Removes the empty bucket `name`: NoSuchBucket, or BucketNotEmpty.
    pub fn delete_bucket(&mut self, name: &str) -> Result<(), S3Error> {
        if !self.bucket(name)?.objects.is_empty() {
            return Err(errors::bucket_not_empty(name));
        }
        self.buckets.remove(name);
        Ok(())
    }

    /// The object `key` of `bucket`: NoSuchBucket, or NoSuchKey.
    pub fn object(&self, bucket: &str, key: &str) -> Result<&Object, S3Error> {
        self.bucket(bucket)?
            .objects
            .get(key)
            .ok_or_else(|| errors::no_such_key(key))
    }

    /// Stores `object` as `key` in `bucket`, replacing any object there.
    pub fn put_object(&mut self, bucket: &str, key: &str, object: Object) -> Result<(), S3Error> {
        let objects = &mut self
            .buckets
            .get_mut(bucket)
            .ok_or_else(|| errors::no_such_bucket(bucket))?
            .objects;
        objects.insert(key.to_owned(), object);
        Ok(())
    }

    /// Removes `key` from `bucket` if it is there (S3 answers a delete of
    /// a missing key with success too); NoSuchBucket.
    pub fn delete_object(&mut self, bucket: &str, key: &str) -> Result<(), S3Error> {
        self.buckets
            .get_mut(bucket)
            .ok_or_else(|| errors::no_such_bucket(bucket))?
            .objects
            .remove(key);
        Ok(())
    }
}

/// Whether S3 accepts `name` for a new general purpose bucket: 3 to 63
/// lowercase letters, digits, `.` and `-`, starting and ending with a
/// letter or digit, no `..`, not shaped like an IPv4 address, and none of
/// the prefixes and suffixes S3 reserves.
pub fn is_valid_bucket_name(name: &str) -> bool {
    const RESERVED_PREFIXES: [&str; 3] = ["xn--", "sthree-", "amzn-s3-demo-"];
    const RESERVED_SUFFIXES: [&str; 5] = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];
    let bytes = name.as_bytes();
    let edge =
        |byte: Option<&u8>| byte.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (3..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && edge(bytes.first())
        && edge(bytes.last())
        && !name.contains("..")
        && name.parse::<std::net::Ipv4Addr>().is_err()
        && !RESERVED_PREFIXES.iter().any(|p| name.starts_with(p))
        && !RESERVED_SUFFIXES.iter().any(|s| name.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::S3Exception;

    #[test]
    fn bucket_names() {
        for good in ["abc", "my-bucket.2", "a".repeat(63).as_str(), "1bucket"] {
            assert!(is_valid_bucket_name(good), "{good}");
        }
        for bad in [
            "ab",
            &"a".repeat(64),
            "Upper",
            "under_score",
            "-start",
            "end-",
            ".start",
            "two..dots",
            "192.168.5.4",
            "xn--punycode",
            "name-s3alias",
            "space name",
            "ünï",
            "",
        ] {
            assert!(!is_valid_bucket_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_store_answers_with_the_table() {
        let mut store = Store::default();
        assert_eq!(
            store.bucket("b").unwrap_err().exception(),
            &S3Exception::NoSuchBucket
        );
        store.create_bucket("b").unwrap();
        assert_eq!(
            store.create_bucket("b").unwrap_err().exception(),
            &S3Exception::BucketAlreadyOwnedByYou
        );
        let missing = store.object("b", "k").unwrap_err();
        assert_eq!(missing.exception(), &S3Exception::NoSuchKey);
        assert_eq!(missing.field("Key").and_then(|v| v.as_str()), Some("k"));

        let object = Object::new(Bytes::from_static(b"hello"), None, Vec::new());
        // MD5("hello"), as S3 would give it.
        assert_eq!(object.etag, "\"5d41402abc4b2a76b9719d911017c592\"");
        store.put_object("b", "k", object).unwrap();
        assert_eq!(
            store.delete_bucket("b").unwrap_err().exception(),
            &S3Exception::BucketNotEmpty
        );
        store.delete_object("b", "k").unwrap();
        store.delete_object("b", "k").unwrap();
        store.delete_bucket("b").unwrap();
        assert_eq!(
            store.delete_object("b", "k").unwrap_err().exception(),
            &S3Exception::NoSuchBucket
        );
    }
}
