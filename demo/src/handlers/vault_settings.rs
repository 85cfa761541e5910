//! A vault's access policy (Set/Get/DeleteVaultAccessPolicy) and tags
//! (AddTagsToVault, RemoveTagsFromVault, ListTagsForVault).
//!
//! The policy is kept as sent, once it is a JSON object of at most 20 KiB
//! (Glacier's limit). The demo stores and returns it but does not evaluate
//! it: it has no IAM principals to evaluate it against.

use super::{json_response, vault, vault_mut};
use crate::errors;
use crate::extractors::{PathParams, QueryParams, RequestBody};
use crate::json_body::{self, array_field, kind, object_field, string_field};
use crate::middleware::lock;
use crate::router::Shared;
use crate::GlacierError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Glacier's limit on a vault access policy document.
pub const MAX_POLICY_BYTES: usize = 20 * 1024;

/// Glacier's limit on tags per vault.
pub const MAX_TAGS: usize = 50;

/// `PUT /{account}/vaults/{vault}/access-policy` with `{"Policy": "..."}`: 204.
pub async fn set_access_policy(
    State(state): State<Shared>,
    path: PathParams,
    RequestBody(body): RequestBody,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let object = json_body::object(&body)?;
    let policy =
        string_field(&object, "Policy")?.ok_or_else(|| errors::parameter_missing("Policy"))?;
    if policy.len() > MAX_POLICY_BYTES {
        return Err(errors::access_policy_invalid(&format!(
            "it is {} bytes; the limit is {MAX_POLICY_BYTES}",
            policy.len()
        )));
    }
    match serde_json::from_str::<Value>(policy) {
        Ok(Value::Object(_)) => {}
        Ok(other) => {
            return Err(errors::access_policy_invalid(&format!(
                "it must be a JSON object, not {}",
                kind(&other)
            )))
        }
        Err(err) => return Err(errors::access_policy_invalid(&err.to_string())),
    }
    let mut store = lock(&state.store)?;
    vault_mut(&state, &mut store, name)?.access_policy = Some(policy.to_owned());
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /{account}/vaults/{vault}/access-policy`: `{"Policy": "..."}`.
pub async fn get_access_policy(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let store = lock(&state.store)?;
    let vault = vault(&state, &store, name)?;
    let policy = vault
        .access_policy
        .as_deref()
        .ok_or_else(|| errors::access_policy_not_found(&vault.arn))?;
    Ok(json_response(StatusCode::OK, &json!({ "Policy": policy })))
}

/// `DELETE /{account}/vaults/{vault}/access-policy`: 204, set or not.
pub async fn delete_access_policy(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let mut store = lock(&state.store)?;
    vault_mut(&state, &mut store, name)?.access_policy = None;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /{account}/vaults/{vault}/tags`: `{"Tags": {...}}`.
pub async fn list_tags(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let store = lock(&state.store)?;
    let vault = vault(&state, &store, name)?;
    Ok(json_response(
        StatusCode::OK,
        &json!({ "Tags": vault.tags }),
    ))
}

/// `POST /{account}/vaults/{vault}/tags?operation=add` with `{"Tags":
/// {...}}`, or `?operation=remove` with `{"TagKeys": [...]}`: 204.
pub async fn add_or_remove_tags(
    State(state): State<Shared>,
    path: PathParams,
    query: QueryParams,
    RequestBody(body): RequestBody,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let object = json_body::object(&body)?;
    match query.get("operation") {
        Some("add") => {
            let tags =
                object_field(&object, "Tags")?.ok_or_else(|| errors::parameter_missing("Tags"))?;
            let mut checked = BTreeMap::new();
            for (key, value) in tags {
                let Value::String(value) = value else {
                    return Err(errors::json_kind(
                        &format!("The value of tag {key}"),
                        "a string",
                        kind(value),
                    ));
                };
                check_tag(key, Some(value))?;
                checked.insert(key.clone(), value.clone());
            }
            let mut store = lock(&state.store)?;
            let vault = vault_mut(&state, &mut store, name)?;
            let added = checked
                .keys()
                .filter(|key| !vault.tags.contains_key(*key))
                .count();
            if vault.tags.len() + added > MAX_TAGS {
                return Err(errors::tag_limit(MAX_TAGS));
            }
            vault.tags.extend(checked);
        }
        Some("remove") => {
            let keys = array_field(&object, "TagKeys")?
                .ok_or_else(|| errors::parameter_missing("TagKeys"))?;
            let mut names = Vec::with_capacity(keys.len());
            for key in keys {
                let Value::String(key) = key else {
                    return Err(errors::json_kind("A tag key", "a string", kind(key)));
                };
                check_tag(key, None)?;
                names.push(key);
            }
            let mut store = lock(&state.store)?;
            let vault = vault_mut(&state, &mut store, name)?;
            for key in names {
                vault.tags.remove(key);
            }
        }
        other => return Err(errors::tag_operation_invalid(other)),
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Glacier's rules: a key of 1 to 128 characters not starting with
/// `aws:`, a value of at most 256.
fn check_tag(key: &str, value: Option<&str>) -> Result<(), GlacierError> {
    let length = key.chars().count();
    if !(1..=128).contains(&length) {
        return Err(errors::tag_invalid(&format!(
            "the key has {length} characters; it must have 1 to 128"
        )));
    }
    if key.starts_with("aws:") {
        return Err(errors::tag_invalid(&format!(
            "the key {key} starts with aws:, which is reserved"
        )));
    }
    if let Some(value) = value {
        let length = value.chars().count();
        if length > 256 {
            return Err(errors::tag_invalid(&format!(
                "the value of {key} has {length} characters; the limit is 256"
            )));
        }
    }
    Ok(())
}
