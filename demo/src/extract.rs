//! Extractors whose rejections are the table's errors (axum's own would
//! answer in plain text), and the checks of path and query parameters.

use crate::api::Shared;
use crate::config::Config;
use crate::{GlacierError, GlacierException};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, RawPathParams, Request};
use axum::http::header::CONTENT_LENGTH;
use axum::http::request::Parts;

/// The largest request body read; InitiateJob's JSON is a few hundred bytes.
pub const MAX_REQUEST_BODY: usize = 1 << 20;

/// Vaults and jobs list at most this many per page.
pub const MAX_PAGE: usize = 1000;

/// The path's parameters, percent-decoded, with the account checked.
#[derive(Debug, Default)]
pub struct PathParams {
    vault: Option<String>,
    job: Option<String>,
}

impl FromRequestParts<Shared> for PathParams {
    type Rejection = GlacierError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, GlacierError> {
        let raw = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|rejection| {
                GlacierError::new(
                    GlacierException::InvalidParameterValueException,
                    format!("The request path is not valid: {}", rejection.body_text()),
                )
            })?;
        let mut params = PathParams::default();
        for (name, value) in &raw {
            match name {
                "account" => check_account(&state.config, value)?,
                "vault" => params.vault = Some(check_vault_name(value)?.to_owned()),
                "job" => params.job = Some(value.to_owned()),
                _ => {}
            }
        }
        Ok(params)
    }
}

/// `-` means the signer's account; any other id must be it.
fn check_account(config: &Config, account: &str) -> Result<(), GlacierError> {
    if account == "-" || account == config.account_id {
        return Ok(());
    }
    Err(GlacierError::new(
        GlacierException::AccessDeniedException,
        format!(
            "Access denied: the account ID '{account}' in the request URI is not the account of the \
             credentials that signed the request. Use '-' or that account's ID, without hyphens."
        ),
    ))
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
        Err(GlacierError::new(
            GlacierException::InvalidParameterValueException,
            format!(
                "The vault name is not valid: '{name}'. Names are 1 to 255 characters of a-z, A-Z, \
                 0-9, '_' (underscore), '-' (hyphen) and '.' (period)."
            ),
        ))
    }
}

impl PathParams {
    /// The vault of the route; the router only sends routes that have one.
    pub fn vault(&self) -> Result<&str, GlacierError> {
        self.vault
            .as_deref()
            .ok_or_else(|| missing("the vault name"))
    }

    pub fn job(&self) -> Result<&str, GlacierError> {
        self.job.as_deref().ok_or_else(|| missing("the job ID"))
    }
}

pub fn missing(what: &str) -> GlacierError {
    GlacierError::new(
        GlacierException::MissingParameterValueException,
        format!("Required parameter missing: {what}"),
    )
}

pub fn invalid(message: impl Into<String>) -> GlacierError {
    GlacierError::new(GlacierException::InvalidParameterValueException, message)
}

/// The query string's pairs, percent-decoded.
pub struct QueryParams(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = GlacierError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, GlacierError> {
        Query::try_from_uri(&parts.uri)
            .map(|Query(pairs)| QueryParams(pairs))
            .map_err(|rejection| {
                invalid(format!(
                    "The query string is not valid: {}",
                    rejection.body_text()
                ))
            })
    }
}

impl QueryParams {
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
            .ok_or_else(|| {
                invalid(format!(
                    "The limit is not valid: {text}. It must be a whole number from 1 to {MAX_PAGE}."
                ))
            })
    }
}

/// The request body, read within `--body-timeout` and [`MAX_REQUEST_BODY`].
pub struct RequestBody(pub Bytes);

impl FromRequest<Shared> for RequestBody {
    type Rejection = GlacierError;

    async fn from_request(request: Request, state: &Shared) -> Result<Self, GlacierError> {
        let too_large = || {
            GlacierError::new(
                GlacierException::BadRequest,
                format!("The request body is larger than {MAX_REQUEST_BODY} bytes."),
            )
        };
        let declared = request
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|len| len > MAX_REQUEST_BODY as u64) {
            return Err(too_large());
        }
        let read = axum::body::to_bytes(request.into_body(), MAX_REQUEST_BODY);
        match tokio::time::timeout(state.config.body_timeout, read).await {
            Ok(Ok(bytes)) => Ok(RequestBody(bytes)),
            // Only a chunked body can pass the Content-Length check and
            // then be too long; any other failure is the client's going.
            Ok(Err(_)) if declared.is_none() => Err(too_large()),
            // The client's connection failed; what hyper says about it
            // is for the log, not the response.
            Ok(Err(err)) => {
                eprintln!("glacier-demo: request body not read: {err}");
                Err(GlacierError::new(
                    GlacierException::BadRequest,
                    "The request body could not be read.",
                ))
            }
            Err(_) => Err(GlacierError::new(
                GlacierException::RequestTimeoutException,
                format!(
                    "Your request timed out: the body did not arrive within {} seconds.",
                    state.config.body_timeout.as_secs()
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
