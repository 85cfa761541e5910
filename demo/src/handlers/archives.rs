//! UploadArchive and DeleteArchive.
//!
//! An upload is checked as Glacier checks it, cheapest first: the vault,
//! the headers (`Content-Length`, `x-amz-sha256-tree-hash`,
//! `x-amz-content-sha256`, `x-amz-archive-description`), room under
//! `--archive-memory` for the declared length, and only then the body,
//! whose two checksums must match the headers.

use super::{fresh_id, vault, vault_mut};
use crate::errors;
use crate::extractors::{content_length, read_body, PathParams};
use crate::job_parameters::is_valid_description;
use crate::middleware::lock;
use crate::router::Shared;
use crate::store::Archive;
use crate::tree_hash::{self, Digest};
use crate::GlacierError;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{HeaderName, LOCATION};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::SystemTime;

const TREE_HASH: &str = "x-amz-sha256-tree-hash";
const CONTENT_SHA256: &str = "x-amz-content-sha256";
const DESCRIPTION: &str = "x-amz-archive-description";

/// What the headers of an upload promise.
struct UploadHeaders {
    size: u64,
    tree_hash: Digest,
    content_sha256: Digest,
    description: String,
}

fn upload_headers(headers: &HeaderMap) -> Result<UploadHeaders, GlacierError> {
    let text = |name: &str| {
        headers
            .get(name)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
    };
    let length = text("content-length").ok_or_else(|| errors::header_missing("Content-Length"))?;
    let size = content_length(headers)
        .filter(|&size| size > 0)
        .ok_or_else(|| errors::content_length_invalid(&length))?;
    let digest = |name: &str| -> Result<Digest, GlacierError> {
        let value = text(name).ok_or_else(|| errors::header_missing(name))?;
        tree_hash::parse_hex(&value).ok_or_else(|| errors::hash_header_invalid(name, &value))
    };
    let description = text(DESCRIPTION).unwrap_or_default();
    if !is_valid_description(&description) {
        return Err(errors::description_invalid("archive description"));
    }
    Ok(UploadHeaders {
        size,
        tree_hash: digest(TREE_HASH)?,
        content_sha256: digest(CONTENT_SHA256)?,
        description,
    })
}

/// `POST /{account}/vaults/{vault}/archives`: 201 with the archive's id
/// (`x-amz-archive-id`), its tree hash and its location.
pub async fn upload_archive(
    State(state): State<Shared>,
    path: PathParams,
    request: Request,
) -> Result<Response, GlacierError> {
    let name = path.vault()?.to_owned();
    {
        let store = lock(&state.store)?;
        vault(&state, &store, &name)?;
    }
    let promised = upload_headers(request.headers())?;
    // Room first, so a refused upload reads nothing and a body that passes
    // can never take more than was counted.
    let reservation = state.archive_memory.reserve(promised.size)?;
    let size = usize::try_from(promised.size)
        .map_err(|_| errors::content_length_invalid(&promised.size.to_string()))?;
    let body: Body = request.into_body();
    let data = read_body(body, size, size, state.config.body_timeout).await?;
    if data.len() as u64 != promised.size {
        // hyper ends a Content-Length body early only on a closed
        // connection, which reads as an error; this is a guard.
        return Err(errors::body_shorter_than_declared(
            data.len() as u64,
            promised.size,
        ));
    }
    // Hashing a large archive takes a while: off the async thread, so
    // other connections are served meanwhile.
    let data = Bytes::from(data);
    let hashed = data.clone();
    let (content_sha256, tree) = tokio::task::spawn_blocking(move || {
        (tree_hash::sha256(&hashed), tree_hash::tree_hash(&hashed))
    })
    .await
    .map_err(|err| errors::internal(&format_args!("hashing an upload: {err}")))?;
    if content_sha256 != promised.content_sha256 {
        return Err(errors::content_hash_mismatch(
            &tree_hash::to_hex(&promised.content_sha256),
            &tree_hash::to_hex(&content_sha256),
        ));
    }
    if tree != promised.tree_hash {
        return Err(errors::tree_hash_mismatch(
            &tree_hash::to_hex(&promised.tree_hash),
            &tree_hash::to_hex(&tree),
        ));
    }

    let id = fresh_id();
    let tree_hex = tree_hash::to_hex(&tree);
    let archive = Archive {
        id: id.clone(),
        description: promised.description,
        created: SystemTime::now(),
        tree_hash: tree_hex.clone(),
        data: reservation.hold(data),
    };
    {
        // The vault may have gone while the body arrived.
        let mut store = lock(&state.store)?;
        vault_mut(&state, &mut store, &name)?
            .archives
            .insert(id.clone(), Arc::new(archive));
    }
    let location = format!("/{}/vaults/{name}/archives/{id}", state.config.account_id);
    Ok((
        StatusCode::CREATED,
        [
            (LOCATION, location),
            (HeaderName::from_static("x-amz-archive-id"), id),
            (HeaderName::from_static(TREE_HASH), tree_hex),
        ],
    )
        .into_response())
}

/// `DELETE /{account}/vaults/{vault}/archives/{archive}`: 204. Jobs that
/// already retrieve the archive keep their output, as in Glacier.
pub async fn delete_archive(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let (name, id) = (path.vault()?, path.archive()?);
    let removed = {
        let mut store = lock(&state.store)?;
        vault_mut(&state, &mut store, name)?
            .archives
            .remove(id)
            .ok_or_else(|| errors::archive_not_found(id))?
    };
    // Dropped outside the lock: freeing a large archive takes a moment.
    drop(removed);
    Ok(StatusCode::NO_CONTENT.into_response())
}
