//! The operations, one module per kind of resource. Each handler checks
//! its parameters, then takes the store's lock for as short a time as it
//! can (never across an `.await`), and returns `Result<Response,
//! GlacierError>`: every error it sends comes from `crate::errors`.

pub mod archives;
pub mod jobs;
pub mod retrieval_policy;
pub mod vault_settings;
pub mod vaults;

use crate::errors;
use crate::router::AppState;
use crate::store::{Store, Vault};
use crate::GlacierError;
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use errtable::http::generate_request_id;
use serde_json::Value;

/// A JSON body with its content type.
fn json_response(status: StatusCode, value: &Value) -> Response {
    (
        status,
        [(CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// A fresh id for a job or an archive: two generated request ids without
/// their `AAAB` prefix, 86 url-safe characters, unique and unguessable.
fn fresh_id() -> String {
    let part = || {
        let id = generate_request_id();
        id.strip_prefix("AAAB")
            .map_or_else(|| id.clone(), str::to_owned)
    };
    format!("{}{}", part(), part())
}

fn vault<'a>(state: &AppState, store: &'a Store, name: &str) -> Result<&'a Vault, GlacierError> {
    store
        .vaults
        .get(name)
        .ok_or_else(|| errors::vault_not_found(&state.vault_arn(name)))
}

fn vault_mut<'a>(
    state: &AppState,
    store: &'a mut Store,
    name: &str,
) -> Result<&'a mut Vault, GlacierError> {
    store
        .vaults
        .get_mut(name)
        .ok_or_else(|| errors::vault_not_found(&state.vault_arn(name)))
}
