//! CreateVault, DescribeVault, DeleteVault, ListVaults.

use super::{json_response, vault};
use crate::errors;
use crate::extractors::{check_vault_name, PathParams, QueryParams};
use crate::middleware::lock;
use crate::router::Shared;
use crate::store::Vault;
use crate::GlacierError;
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::ops::Bound;
use std::time::SystemTime;

/// `PUT /{account}/vaults/{vault}`: 201; creating a vault that exists
/// succeeds, as in Glacier.
pub async fn create_vault(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let mut store = lock(&state.store)?;
    if !store.vaults.contains_key(name) {
        if store.vaults.len() >= state.config.max_vaults {
            return Err(errors::vault_limit(state.config.max_vaults));
        }
        let vault = Vault::new(name, state.vault_arn(name), SystemTime::now());
        store.vaults.insert(name.to_owned(), vault);
    }
    let location = format!("/{}/vaults/{name}", state.config.account_id);
    Ok((StatusCode::CREATED, [(LOCATION, location)]).into_response())
}

/// `GET /{account}/vaults/{vault}`.
pub async fn describe_vault(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let store = lock(&state.store)?;
    let vault = vault(&state, &store, name)?;
    Ok(json_response(StatusCode::OK, &vault.describe()))
}

/// `DELETE /{account}/vaults/{vault}`: 204; only an empty vault, as in
/// Glacier.
pub async fn delete_vault(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let mut store = lock(&state.store)?;
    let vault = vault(&state, &store, name)?;
    if !vault.archives.is_empty() {
        return Err(errors::vault_not_empty(&vault.arn));
    }
    store.vaults.remove(name);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /{account}/vaults`: vaults by name; `marker` is the ARN of the
/// vault to list after, and the returned `Marker` the ARN of the page's
/// last vault.
pub async fn list_vaults(
    State(state): State<Shared>,
    _path: PathParams,
    query: QueryParams,
) -> Result<Response, GlacierError> {
    let limit = query.limit(10)?;
    let prefix = state.vault_arn_prefix();
    let after = match query.get("marker") {
        None => None,
        Some(marker) => Some(
            marker
                .strip_prefix(&prefix)
                .filter(|name| check_vault_name(name).is_ok())
                .ok_or_else(|| errors::marker_invalid(marker))?,
        ),
    };
    let store = lock(&state.store)?;
    let start = after.map_or(Bound::Unbounded, Bound::Excluded);
    let mut rest = store
        .vaults
        .range::<str, _>((start, Bound::Unbounded))
        .map(|(_, vault)| vault);
    let page: Vec<&Vault> = rest.by_ref().take(limit).collect();
    let marker = match (rest.next(), page.last()) {
        (Some(_), Some(last)) => Value::from(last.arn.as_str()),
        _ => Value::Null,
    };
    let list: Vec<Value> = page.iter().map(|vault| vault.describe()).collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({ "VaultList": list, "Marker": marker }),
    ))
}
