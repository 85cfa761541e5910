//! InitiateJob, DescribeJob, ListJobs and GetJobOutput.
//!
//! An archive retrieval holds the archive it reads (so deleting the
//! archive later does not take the output away, as in Glacier); an
//! inventory retrieval renders the vault's inventory when it is initiated.
//! A job succeeds `--job-seconds` after it was initiated.

use super::{fresh_id, json_response, vault, vault_mut};
use crate::errors;
use crate::extractors::{PathParams, QueryParams, RequestBody};
use crate::job_parameters::{job_parameters, retrieval_range, JobParameters};
use crate::middleware::lock;
use crate::router::Shared;
use crate::store::{Action, Archive, Job, JobOutput, Tier};
use crate::tree_hash;
use crate::GlacierError;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{
    HeaderName, HeaderValue, ACCEPT_RANGES, CONTENT_RANGE, CONTENT_TYPE, LOCATION, RANGE,
};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::SystemTime;

/// The archive a retrieval reads, and the bytes of it, before the job is
/// made.
struct Retrieval {
    archive: Arc<Archive>,
    start: u64,
    end: u64,
    range_tree_hash: Option<String>,
}

/// Finds the archive and checks the range; computes the range's tree hash
/// off the async thread when the range is part of the archive.
async fn plan_retrieval(
    state: &Shared,
    vault_name: &str,
    archive_id: &str,
    byte_range: Option<&str>,
) -> Result<Retrieval, GlacierError> {
    let archive = {
        let store = lock(&state.store)?;
        let vault = vault(state, &store, vault_name)?;
        vault
            .archives
            .get(archive_id)
            .cloned()
            .ok_or_else(|| errors::archive_not_found(archive_id))?
    };
    let size = archive.size();
    let (start, end) = match byte_range {
        None => (0, size - 1),
        Some(range) => retrieval_range(range, size)?,
    };
    let range_tree_hash = if (start, end) == (0, size - 1) {
        Some(archive.tree_hash.clone())
    } else if tree_hash::is_tree_hash_aligned(start, end, size) {
        let held = archive.data.bytes().slice(start as usize..=end as usize);
        let digest = tokio::task::spawn_blocking(move || tree_hash::tree_hash(&held))
            .await
            .map_err(|err| errors::internal(&format_args!("hashing a range: {err}")))?;
        Some(tree_hash::to_hex(&digest))
    } else {
        None
    };
    Ok(Retrieval {
        archive,
        start,
        end,
        range_tree_hash,
    })
}

/// `POST /{account}/vaults/{vault}/jobs`: 202 with the job's id
/// (`x-amz-job-id`) and location.
pub async fn initiate_job(
    State(state): State<Shared>,
    path: PathParams,
    RequestBody(body): RequestBody,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let JobParameters {
        action,
        description,
        sns_topic,
    } = job_parameters(&body)?;
    let retrieval = match &action {
        Action::Retrieval {
            archive_id,
            byte_range,
            select,
            ..
        } => {
            // A select job reads the whole archive.
            let range = if *select { None } else { byte_range.as_deref() };
            Some(plan_retrieval(&state, name, archive_id, range).await?)
        }
        Action::Inventory { .. } => None,
    };

    let now = SystemTime::now();
    let mut store = lock(&state.store)?;
    let vault = vault(&state, &store, name)?;
    let output = match (&action, retrieval) {
        (Action::Inventory { format }, _) => JobOutput::Inventory {
            format: *format,
            body: Bytes::from(vault.inventory(now).render(*format)),
        },
        (Action::Retrieval { select, tier, .. }, Some(retrieval)) => {
            if state.config.deny_retrievals {
                return Err(errors::retrieval_denied());
            }
            let bytes = retrieval.end - retrieval.start + 1;
            if !store.retrieval_allowed(bytes, now) {
                return Err(errors::retrieval_denied());
            }
            if let (Tier::Expedited, Some(capacity)) = (tier, state.config.expedited_capacity) {
                let running = store
                    .vaults
                    .values()
                    .flat_map(|vault| &vault.jobs)
                    .filter(|job| job.holds_expedited_capacity(now))
                    .count();
                if running >= capacity {
                    return Err(errors::expedited_capacity());
                }
            }
            store.record_retrieval(bytes, now);
            if *select {
                JobOutput::Select
            } else {
                JobOutput::Archive {
                    archive: retrieval.archive,
                    start: retrieval.start,
                    end: retrieval.end,
                    range_tree_hash: retrieval.range_tree_hash,
                }
            }
        }
        (Action::Retrieval { .. }, None) => {
            return Err(errors::internal(&"a retrieval without its archive"))
        }
    };
    let id = fresh_id();
    let vault = vault_mut(&state, &mut store, name)?;
    if matches!(action, Action::Inventory { .. }) {
        vault.last_inventory = Some(now);
    }
    vault.jobs.push(Job {
        id: id.clone(),
        action,
        description,
        sns_topic,
        created: now,
        duration: state.config.job_duration,
        output,
    });
    let location = format!("/{}/vaults/{name}/jobs/{id}", state.config.account_id);
    Ok((
        StatusCode::ACCEPTED,
        [
            (LOCATION, location),
            (HeaderName::from_static("x-amz-job-id"), id),
        ],
    )
        .into_response())
}

fn find_job<'a>(jobs: &'a [Job], id: &str) -> Result<&'a Job, GlacierError> {
    jobs.iter()
        .find(|job| job.id == id)
        .ok_or_else(|| errors::job_not_found(id))
}

/// `GET /{account}/vaults/{vault}/jobs/{job}`.
pub async fn describe_job(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let (name, id) = (path.vault()?, path.job()?);
    let store = lock(&state.store)?;
    let vault = vault(&state, &store, name)?;
    let job = find_job(&vault.jobs, id)?;
    Ok(json_response(
        StatusCode::OK,
        &job.describe(&vault.arn, SystemTime::now()),
    ))
}

/// `GET /{account}/vaults/{vault}/jobs`: jobs oldest first, filtered by
/// `statuscode` and `completed`; `marker` is the ID of the job to list
/// from, and the returned `Marker` the ID of the next page's first job.
pub async fn list_jobs(
    State(state): State<Shared>,
    path: PathParams,
    query: QueryParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let status = query.get("statuscode");
    if let Some(status) = status {
        if !matches!(status, "InProgress" | "Succeeded" | "Failed") {
            return Err(errors::job_status_invalid(status));
        }
    }
    let completed = match query.get("completed") {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(other) => return Err(errors::completed_invalid(other)),
    };
    let limit = query.limit(50)?;

    let now = SystemTime::now();
    let store = lock(&state.store)?;
    let vault = vault(&state, &store, name)?;
    let matching: Vec<&Job> = vault
        .jobs
        .iter()
        .filter(|job| status.is_none_or(|status| job.status_code(now) == status))
        .filter(|job| completed.is_none_or(|completed| job.completed(now) == completed))
        .collect();
    let start = match query.get("marker") {
        None => 0,
        Some(marker) => matching
            .iter()
            .position(|job| job.id == marker)
            .ok_or_else(|| errors::marker_invalid(marker))?,
    };
    let page = matching.iter().skip(start).take(limit);
    let list: Vec<Value> = page.map(|job| job.describe(&vault.arn, now)).collect();
    let marker = matching
        .get(start + limit)
        .map_or(Value::Null, |job| Value::from(job.id.as_str()));
    Ok(json_response(
        StatusCode::OK,
        &json!({ "JobList": list, "Marker": marker }),
    ))
}

/// `Range: bytes=START-END` or `bytes=START-` within `size` bytes, as
/// inclusive bounds.
fn output_range(header: &HeaderValue, size: u64) -> Result<(u64, u64), GlacierError> {
    let text = String::from_utf8_lossy(header.as_bytes());
    text.strip_prefix("bytes=")
        .and_then(|range| range.split_once('-'))
        .and_then(|(start, end)| {
            let start: u64 = start.parse().ok()?;
            let end: u64 = if end.is_empty() {
                size.checked_sub(1)?
            } else {
                end.parse().ok()?
            };
            (start <= end && end < size).then_some((start, end))
        })
        .ok_or_else(|| errors::output_range_invalid(&text, size))
}

/// `GET /{account}/vaults/{vault}/jobs/{job}/output`: the job's output, or
/// the part a `Range` header asks for (206). An archive's bytes come with
/// their tree hash when they start on a megabyte and end one byte before a
/// megabyte or at the archive's end, as Glacier sends it.
pub async fn get_job_output(
    State(state): State<Shared>,
    path: PathParams,
    headers: HeaderMap,
) -> Result<Response, GlacierError> {
    let (name, id) = (path.vault()?, path.job()?);
    let output = {
        let store = lock(&state.store)?;
        let vault = vault(&state, &store, name)?;
        let job = find_job(&vault.jobs, id)?;
        if !job.completed(SystemTime::now()) {
            return Err(errors::job_not_complete(id));
        }
        job.output.clone()
    };
    let (body, content_type, archive) = match output {
        JobOutput::Select => return Err(errors::select_output_elsewhere(id)),
        JobOutput::Inventory { format, body } => (body, format.content_type(), None),
        JobOutput::Archive {
            archive,
            start,
            end,
            ..
        } => {
            let body = archive.data.bytes().slice(start as usize..=end as usize);
            (body, "application/octet-stream", Some((archive, start)))
        }
    };
    let size = body.len() as u64;
    let (status, start, end) = match headers.get(RANGE) {
        None => (StatusCode::OK, 0, size - 1),
        Some(range) => {
            let (start, end) = output_range(range, size)?;
            (StatusCode::PARTIAL_CONTENT, start, end)
        }
    };
    let part = body.slice(start as usize..=end as usize);

    let mut response = (status, part.clone()).into_response();
    let out = response.headers_mut();
    out.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    out.insert(ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if status == StatusCode::PARTIAL_CONTENT {
        let range = format!("bytes {start}-{end}/{size}");
        if let Ok(value) = HeaderValue::from_str(&range) {
            out.insert(CONTENT_RANGE, value);
        }
    }
    if let Some((archive, offset)) = archive {
        let (first, last) = (offset + start, offset + end);
        let checksum = if (first, last) == (0, archive.size() - 1) {
            Some(archive.tree_hash.clone())
        } else if tree_hash::is_megabyte_aligned(first, last, archive.size()) {
            let digest = tokio::task::spawn_blocking(move || tree_hash::tree_hash(&part))
                .await
                .map_err(|err| errors::internal(&format_args!("hashing output: {err}")))?;
            Some(tree_hash::to_hex(&digest))
        } else {
            None
        };
        let out = response.headers_mut();
        if let Some(value) = checksum.and_then(|hex| HeaderValue::from_str(&hex).ok()) {
            out.insert(HeaderName::from_static("x-amz-sha256-tree-hash"), value);
        }
        // Descriptions are checked as printable ASCII on upload.
        if let Ok(value) = HeaderValue::from_str(&archive.description) {
            out.insert(HeaderName::from_static("x-amz-archive-description"), value);
        }
    }
    Ok(response)
}
