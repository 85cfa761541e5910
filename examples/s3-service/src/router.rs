//! Which operation a request names. S3 tells its operations apart by
//! method, path (`/`, `/{bucket}`, `/{bucket}/{key}`, path-style) and
//! query sub-resources (`?list-type=2`, `?versioning`...), which axum's
//! routes do not express, so one handler ([`dispatch`]) decides, behind
//! the layers every request passes (see [`crate::middleware`]).

use crate::config::Config;
use crate::errors;
use crate::middleware;
use crate::store::Store;
use crate::{buckets, objects, S3Error, S3Exception};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::Router;
use percent_encoding::percent_decode_str;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tower_http::catch_panic::CatchPanicLayer;

/// What the handlers share.
#[derive(Debug, Default)]
pub struct Service {
    /// The command line.
    pub config: Config,
    store: Mutex<Store>,
}

/// The service as handlers receive it.
pub type Shared = Arc<Service>;

impl Service {
    /// An empty store run by `config`.
    pub fn new(config: Config) -> Service {
        Service {
            config,
            store: Mutex::default(),
        }
    }

    /// The store, locked; never held across an `.await`. A panic while it
    /// was held cannot have left it half-changed (every change is one map
    /// insert or removal), so a poisoned lock is taken as it is.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The service: [`dispatch`] behind the panic catcher and
/// [`middleware::identify`].
pub fn router(config: Config) -> Router {
    let service = Arc::new(Service::new(config));
    Router::new()
        .fallback(dispatch)
        // Inside `identify`, so that a panic's response gets the request's
        // ids like any other.
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(axum::middleware::from_fn(middleware::identify))
        .layer(errtable::tower::RequestContextLayer::<S3Exception>::new())
        .with_state(service)
}

/// What an operation gives back.
pub type Outcome = Result<Response, S3Error>;

/// What a path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `/`: the account.
    Service,
    /// `/{bucket}` or `/{bucket}/`.
    Bucket(String),
    /// `/{bucket}/{key}`; the key is everything after the bucket's slash,
    /// slashes included (`/b//k` is the key `/k`).
    Object {
        /// The bucket.
        bucket: String,
        /// The key, percent-decoded.
        key: String,
    },
}

impl Target {
    /// The target of a request path, percent-decoded: InvalidURI when a
    /// part does not decode to UTF-8 or a key has no bucket.
    pub fn parse(path: &str) -> Result<Target, S3Error> {
        let decode = |part: &str| {
            percent_decode_str(part)
                .decode_utf8()
                .map(|text| text.into_owned())
                .map_err(|_| errors::invalid_uri(path))
        };
        let rest = path.strip_prefix('/').unwrap_or(path);
        let (bucket, key) = match rest.split_once('/') {
            Some((bucket, key)) => (bucket, key),
            None => (rest, ""),
        };
        match (bucket.is_empty(), key.is_empty()) {
            (true, true) => Ok(Target::Service),
            (true, false) => Err(errors::invalid_uri(path)),
            (false, true) => Ok(Target::Bucket(decode(bucket)?)),
            (false, false) => Ok(Target::Object {
                bucket: decode(bucket)?,
                key: decode(key)?,
            }),
        }
    }

    /// S3's name for the kind of resource, in MethodNotAllowed.
    pub fn resource_type(&self) -> &'static str {
        match self {
            Target::Service => "SERVICE",
            Target::Bucket(_) => "BUCKET",
            Target::Object { .. } => "OBJECT",
        }
    }
}

/// A request's query parameters, decoded, in order. Decoding never fails:
/// bytes that are not UTF-8 become U+FFFD.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryParameters(Vec<(String, String)>);

/// The parameter botocore adds to name the operation
/// (`?x-id=GetObject`): every operation accepts it.
const OPERATION_NAME: &str = "x-id";

impl QueryParameters {
    /// The parameters of `query` (the part of the URI after `?`).
    pub fn parse(query: Option<&str>) -> QueryParameters {
        let pairs = form_urlencoded::parse(query.unwrap_or_default().as_bytes());
        QueryParameters(pairs.into_owned().collect())
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.as_str())
    }

    /// NotImplemented for the first parameter that is not in `known` (nor
    /// `x-id`): a sub-resource or option of an operation this service
    /// does not have, which must not be taken for the plain one
    /// (`PUT /b?versioning` is no CreateBucket).
    pub fn only(&self, known: &[&str]) -> Result<(), S3Error> {
        match self
            .0
            .iter()
            .find(|(name, _)| name != OPERATION_NAME && !known.contains(&name.as_str()))
        {
            Some((name, _)) => Err(errors::not_implemented(&format!(
                "the query parameter `{name}`"
            ))),
            None => Ok(()),
        }
    }
}

const LIST_V2_PARAMETERS: [&str; 8] = [
    "list-type",
    "prefix",
    "delimiter",
    "max-keys",
    "continuation-token",
    "start-after",
    "fetch-owner",
    "encoding-type",
];
const LIST_V1_PARAMETERS: [&str; 5] =
    ["prefix", "delimiter", "marker", "max-keys", "encoding-type"];

/// The one handler: the operation that the method, path and query name.
pub async fn dispatch(State(service): State<Shared>, request: Request) -> Response {
    match operation(&service, request).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn operation(service: &Service, request: Request) -> Outcome {
    let (parts, body) = request.into_parts();
    let target = Target::parse(parts.uri.path())?;
    let query = QueryParameters::parse(parts.uri.query());
    let headers = &parts.headers;
    let method = &parts.method;
    match target {
        Target::Service => match *method {
            Method::GET => {
                query.only(&[])?;
                Ok(buckets::list_buckets(service))
            }
            _ => Err(method_not_allowed(method, &Target::Service)),
        },
        Target::Bucket(ref bucket) => match *method {
            Method::GET if query.get("list-type") == Some("2") => {
                query.only(&LIST_V2_PARAMETERS)?;
                buckets::list_objects_v2(service, bucket, &query)
            }
            Method::GET => {
                query.only(&LIST_V1_PARAMETERS)?;
                buckets::list_objects_v1(service, bucket, &query)
            }
            Method::HEAD => {
                query.only(&[])?;
                buckets::head_bucket(service, bucket)
            }
            Method::PUT => {
                query.only(&[])?;
                buckets::create_bucket(service, bucket, body).await
            }
            Method::DELETE => {
                query.only(&[])?;
                buckets::delete_bucket(service, bucket)
            }
            Method::POST => {
                query.only(&[])?;
                Err(errors::not_implemented(
                    "browser-form uploads (POST Object)",
                ))
            }
            _ => Err(method_not_allowed(method, &target)),
        },
        Target::Object {
            ref bucket,
            ref key,
        } => match *method {
            Method::GET | Method::HEAD => {
                query.only(&[])?;
                objects::get_object(service, bucket, key, headers, method == Method::HEAD)
            }
            Method::PUT => {
                query.only(&[])?;
                if headers.contains_key("x-amz-copy-source") {
                    return Err(errors::not_implemented("CopyObject"));
                }
                objects::put_object(service, bucket, key, headers, body).await
            }
            Method::DELETE => {
                query.only(&[])?;
                objects::delete_object(service, bucket, key)
            }
            // POST on an object is a sub-resource (`?uploads`, `?restore`)
            // or nothing.
            Method::POST => {
                query.only(&[])?;
                Err(method_not_allowed(method, &target))
            }
            _ => Err(method_not_allowed(method, &target)),
        },
    }
}

/// MethodNotAllowed, with the `Allow` header RFC 9110 requires on a 405:
/// the methods this service serves on the target.
fn method_not_allowed(method: &Method, target: &Target) -> S3Error {
    let allowed: &[&str] = match target {
        Target::Service => &["GET"],
        Target::Bucket(_) | Target::Object { .. } => &["GET", "HEAD", "PUT", "DELETE"],
    };
    errors::method_not_allowed(method.as_str(), target.resource_type()).with_allow(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(bucket: &str, key: &str) -> Target {
        Target::Object {
            bucket: bucket.to_owned(),
            key: key.to_owned(),
        }
    }

    #[test]
    fn paths() {
        assert_eq!(Target::parse("/"), Ok(Target::Service));
        assert_eq!(Target::parse(""), Ok(Target::Service));
        assert_eq!(Target::parse("/b"), Ok(Target::Bucket("b".into())));
        assert_eq!(Target::parse("/b/"), Ok(Target::Bucket("b".into())));
        assert_eq!(Target::parse("/b/k"), Ok(object("b", "k")));
        assert_eq!(Target::parse("/b/dir/k/"), Ok(object("b", "dir/k/")));
        assert_eq!(Target::parse("/b//k"), Ok(object("b", "/k")));
        assert_eq!(
            Target::parse("/b/a%20b%2Bc%2F%C3%BC+"),
            Ok(object("b", "a b+c/ü+"))
        );
        for bad in ["//k", "/b/%FF", "/%C3/k"] {
            let error = Target::parse(bad).unwrap_err();
            assert_eq!(error.code(), "InvalidURI", "{bad}");
            assert_eq!(error.field("URI").and_then(|v| v.as_str()), Some(bad));
        }
    }

    #[test]
    fn query_parameters() {
        let query = QueryParameters::parse(Some("list-type=2&prefix=a%20b+c&uploads&x-id=X"));
        assert_eq!(query.get("list-type"), Some("2"));
        assert_eq!(query.get("prefix"), Some("a b c"));
        assert_eq!(query.get("uploads"), Some(""));
        assert!(query.only(&["list-type", "prefix", "uploads"]).is_ok());
        let refused = query.only(&["list-type", "prefix"]).unwrap_err();
        assert_eq!(refused.code(), "NotImplemented");
        assert!(
            refused.message().contains("`uploads`"),
            "{}",
            refused.message()
        );

        assert!(QueryParameters::parse(Some("x-id=GetObject"))
            .only(&[])
            .is_ok());
        assert!(QueryParameters::parse(None).only(&[]).is_ok());
        // Not UTF-8: decoded lossily, never refused.
        assert_eq!(
            QueryParameters::parse(Some("p=%FF")).get("p"),
            Some("\u{fffd}")
        );
    }
}
