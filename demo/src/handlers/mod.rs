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

/// A fresh id for a job or an archive: 64 hex digits from std's randomly
/// keyed SipHash of a process-wide counter, unique and unguessable from
/// outside the process.
fn fresh_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    static KEYS: OnceLock<std::collections::hash_map::RandomState> = OnceLock::new();
    let keys = KEYS.get_or_init(Default::default);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    (0..4u64)
        .map(|part| {
            let mut hasher = keys.build_hasher();
            hasher.write_u64(count);
            hasher.write_u64(part);
            format!("{:016x}", hasher.finish())
        })
        .collect()
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
