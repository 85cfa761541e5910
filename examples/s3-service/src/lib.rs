//! s3-service: a small S3-compatible object store, in memory, on axum,
//! whose every error is errtable's [`S3Error`], derived from S3's
//! documented error table (`spec/s3.json`, 243 codes) and sent in S3's
//! rest-xml form:
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>
//! <Key>a.txt</Key><Resource>/bucket/a.txt</Resource>
//! <RequestId>4442587FB7D0A2F9</RequestId><HostId>…</HostId></Error>
//! ```
//!
//! It serves ListBuckets, CreateBucket, HeadBucket, DeleteBucket,
//! ListObjects (v1 and v2), PutObject, GetObject (conditional and ranged),
//! HeadObject and DeleteObject, path-style (`/{bucket}/{key}`), without
//! checking signatures; see `examples/s3-service/README.md`.
//!
//! | module | holds |
//! | --- | --- |
//! | [`config`] | the command line (clap) |
//! | [`server`] | accepting connections, the header-read timeout, graceful stop |
//! | [`router`] | which operation a method, path and query name |
//! | [`middleware`] | request ids and host ids on every response, errors rendered once with them, panics, the access log |
//! | [`buckets`], [`objects`] | the operations |
//! | [`object_reads`] | conditional requests and ranges |
//! | [`listing`], [`xml`] | listings and their XML |
//! | [`errors`] | every error the service sends |
//! | [`store`] | buckets and objects, in memory |

#![warn(missing_docs)]

pub mod buckets;
pub mod config;
pub mod dates;
pub mod errors;
pub mod listing;
pub mod middleware;
pub mod object_reads;
pub mod objects;
pub mod router;
pub mod server;
pub mod store;
pub mod xml;

use errtable::ErrorTable;

/// S3's error table, sent in S3's rest-xml form: `S3Exception` has a
/// variant per documented code, and `S3Error` is an error of it with a
/// message, a request id and S3's extra elements (`BucketName`, `Key`,
/// `Resource`, `HostId`...).
#[derive(ErrorTable)]
#[error_table(spec = "../../spec/s3.json", protocol = "rest-xml")]
pub struct S3;
