//! Extractors whose rejections are the table's errors (axum's own would
//! answer in plain text), the checks of path and query parameters, and
//! reading request bodies under `--body-timeout`.

use crate::config::Config;
use crate::errors;
use crate::router::Shared;
use crate::GlacierError;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Query, RawPathParams, Request};
use axum::http::header::CONTENT_LENGTH;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use http_body_util::BodyExt;
use std::time::Duration;

/// The largest JSON request body read; InitiateJob's is a few hundred
/// bytes, a vault access policy at most 20 KiB.
pub const MAX_REQUEST_BODY: usize = 1 << 20;

/// Vaults and jobs list at most this many per page.
pub const MAX_PAGE: usize = 1000;

/// The path's parameters, percent-decoded, with the account checked.
#[derive(Debug, Default)]
pub struct PathParams {
    vault: Option<String>,
    job: Option<String>,
    archive: Option<String>,
}

impl FromRequestParts<Shared> for PathParams {
    type Rejection = GlacierError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, GlacierError> {
        let raw = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|rejection| errors::path_invalid(&rejection.body_text()))?;
        let mut params = PathParams::default();
        for (name, value) in &raw {
            match name {
                "account" => check_account(&state.config, value)?,
                "vault" => params.vault = Some(check_vault_name(value)?.to_owned()),
                "job" => params.job = Some(value.to_owned()),
                "archive" => params.archive = Some(value.to_owned()),
                _ => {}
            }
        }
        Ok(params)
    }
}

/// `-` means the signer's account; any other id must be it.
fn check_account(config: &Config, account: &str) -> Result<(), GlacierError> {
    if account == "-" || account == config.account_id {
        Ok(())
    } else {
        Err(errors::access_denied(account))
    }
}

/// Glacier's rule: 1 to 255 of `a-z A-Z 0-9 _ - .`.
pub fn check_vault_name(name: &str) -> Result<&str, GlacierError> {
    let valid = (1..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if valid {
        Ok(name)
    } else {
        Err(errors::vault_name_invalid(name))
    }
}

impl PathParams {
    /// The vault of the route; the router only sends routes that have one.
    pub fn vault(&self) -> Result<&str, GlacierError> {
        self.vault
            .as_deref()
            .ok_or_else(|| errors::parameter_missing("the vault name"))
    }

    /// The job of the route.
    pub fn job(&self) -> Result<&str, GlacierError> {
        self.job
            .as_deref()
            .ok_or_else(|| errors::parameter_missing("the job ID"))
    }

    /// The archive of the route.
    pub fn archive(&self) -> Result<&str, GlacierError> {
        self.archive
            .as_deref()
            .ok_or_else(|| errors::parameter_missing("the archive ID"))
    }
}

/// The query string's pairs, percent-decoded.
pub struct QueryParams(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = GlacierError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, GlacierError> {
        Query::try_from_uri(&parts.uri)
            .map(|Query(pairs)| QueryParams(pairs))
            .map_err(|rejection| errors::query_invalid(&rejection.body_text()))
    }
}

impl QueryParams {
    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// `limit`: a whole number in 1..=MAX_PAGE.
    pub fn limit(&self, default: usize) -> Result<usize, GlacierError> {
        let Some(text) = self.get("limit") else {
            return Ok(default);
        };
        text.parse()
            .ok()
            .filter(|limit| (1..=MAX_PAGE).contains(limit))
            .ok_or_else(|| errors::limit_invalid(text, MAX_PAGE))
    }
}

/// A JSON request body, read within `--body-timeout` and
/// [`MAX_REQUEST_BODY`].
pub struct RequestBody(pub Bytes);

impl FromRequest<Shared> for RequestBody {
    type Rejection = GlacierError;

    async fn from_request(request: Request, state: &Shared) -> Result<Self, GlacierError> {
        let declared = content_length(request.headers());
        if declared.is_some_and(|len| len > MAX_REQUEST_BODY as u64) {
            return Err(errors::body_too_large(MAX_REQUEST_BODY));
        }
        let capacity = declared.unwrap_or(0) as usize;
        let bytes = read_body(
            request.into_body(),
            capacity,
            MAX_REQUEST_BODY,
            state.config.body_timeout,
        )
        .await?;
        Ok(RequestBody(Bytes::from(bytes)))
    }
}

/// The `Content-Length` header, if it is a number.
pub fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse().ok())
}

/// Reads `body` to its end, at most `limit` bytes. Each part must arrive
/// within `stall` of the one before (Glacier's RequestTimeoutException
/// otherwise): a slow upload goes on as long as it moves, a stalled one is
/// answered and its memory given back.
pub async fn read_body(
    mut body: Body,
    capacity: usize,
    limit: usize,
    stall: Duration,
) -> Result<Vec<u8>, GlacierError> {
    let mut bytes = Vec::with_capacity(capacity.min(limit));
    loop {
        let frame = match tokio::time::timeout(stall, body.frame()).await {
            Err(_) => return Err(errors::body_timed_out(stall)),
            Ok(None) => return Ok(bytes),
            // hyper's error (a closed connection, a body shorter than its
            // Content-Length) is about the client's side, not ours.
            Ok(Some(Err(_))) => return Err(errors::body_unreadable()),
            Ok(Some(Ok(frame))) => frame,
        };
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > limit {
                return Err(errors::body_too_large(limit));
            }
            bytes.extend_from_slice(&data);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::channel::Channel;

    #[test]
    fn vault_names_follow_glacier_rules() {
        for good in ["examplevault", "a", "My_Vault-1.2", &"v".repeat(255)] {
            assert!(check_vault_name(good).is_ok(), "{good}");
        }
        for bad in ["", "bad name", "vault/x", "ünï", "a:b", &"v".repeat(256)] {
            let err = check_vault_name(bad).unwrap_err();
            assert_eq!(err.code(), "InvalidParameterValueException", "{bad}");
        }
    }

    #[tokio::test]
    async fn a_body_that_stops_arriving_times_out() {
        let (mut sender, stalled) = Channel::<Bytes>::new(4);
        sender.send_data(Bytes::from_static(b"part")).await.unwrap();
        let err = read_body(Body::new(stalled), 0, 100, Duration::from_millis(50))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "RequestTimeoutException");
        drop(sender);

        // A slow body that keeps moving is read whole: each part resets the wait.
        let (mut sender, slow) = Channel::<Bytes>::new(1);
        let feeder = tokio::spawn(async move {
            for _ in 0..5 {
                tokio::time::sleep(Duration::from_millis(30)).await;
                sender
                    .send_data(Bytes::from_static(b"12345"))
                    .await
                    .unwrap();
            }
        });
        let read = read_body(Body::new(slow), 0, 100, Duration::from_millis(100)).await;
        assert_eq!(read.unwrap(), b"12345".repeat(5));
        feeder.await.unwrap();

        let ok = read_body(Body::from("x".repeat(100)), 0, 100, Duration::from_secs(1)).await;
        assert_eq!(ok.unwrap().len(), 100);
        let long = read_body(Body::from("x".repeat(101)), 0, 100, Duration::from_secs(1)).await;
        assert_eq!(long.unwrap_err().code(), "BadRequest");
    }
}
