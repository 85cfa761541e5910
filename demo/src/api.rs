//! The operations on Glacier's URL layout, and what every request passes
//! first: authentication, the rate limit, the API version header.
//!
//! Every error leaves through [`GlacierError`]: handlers and extractors
//! return it, and the outermost middleware turns any other error response
//! (there should be none) into one too.

use crate::auth;
use crate::config::Config;
use crate::docs;
use crate::extract::{check_vault_name, invalid, PathParams, QueryParams, RequestBody};
use crate::faults;
use crate::job_params::{job_parameters, JobParameters};
use crate::store::{Action, Job, Store, Tier, Vault};
use crate::throttle::Throttle;
use crate::{GlacierError, GlacierException};
use axum::extract::{Request, State};
use axum::http::header::{HeaderName, HeaderValue, CONTENT_TYPE, LOCATION};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::Router;
use errtable::http::{generate_request_id, X_AMZN_REQUEST_ID};
use serde_json::{json, Value};
use std::ops::Bound;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime};

/// The only API version of Glacier.
pub const API_VERSION: &str = "2012-06-01";

/// What the handlers share.
#[derive(Debug)]
pub struct AppState {
    pub(crate) config: Config,
    store: Mutex<Store>,
    throttle: Option<Mutex<Throttle>>,
}

pub(crate) type Shared = Arc<AppState>;

/// A poisoned lock means a handler panicked mid-change: the honest answer
/// from then on is the table's 500.
fn lock<T>(mutex: &Mutex<T>) -> Result<MutexGuard<'_, T>, GlacierError> {
    mutex
        .lock()
        .map_err(|_| faults::internal(&"a lock is poisoned by an earlier panic"))
}

impl AppState {
    fn vault_arn(&self, name: &str) -> String {
        format!("{}{name}", self.vault_arn_prefix())
    }

    fn vault_arn_prefix(&self) -> String {
        format!(
            "arn:aws:glacier:{}:{}:vaults/",
            self.config.region, self.config.account_id
        )
    }

    fn vault_not_found(&self, name: &str) -> GlacierError {
        GlacierError::new(
            GlacierException::ResourceNotFoundException,
            format!("Vault not found for ARN: {}", self.vault_arn(name)),
        )
    }
}

/// The service: Glacier's routes, behind the checks every request passes.
pub fn router(config: Config) -> Router {
    let state = Arc::new(AppState {
        throttle: config
            .rate_limit
            .map(|limit| Mutex::new(Throttle::new(limit))),
        store: Mutex::new(Store::default()),
        config,
    });
    let mut routes = Router::new();
    if state.config.fault_routes {
        routes = routes
            .route("/-/faults/panic", get(faults::panic_route))
            .route("/-/faults/io-error", get(faults::io_error_route));
    }
    routes
        .route("/{account}/vaults", get(list_vaults))
        .route(
            "/{account}/vaults/{vault}",
            put(create_vault).get(describe_vault).delete(delete_vault),
        )
        .route(
            "/{account}/vaults/{vault}/jobs",
            get(list_jobs).post(initiate_job),
        )
        .route("/{account}/vaults/{vault}/jobs/{job}", get(describe_job))
        .fallback(no_operation)
        .method_not_allowed_fallback(no_operation)
        .layer(middleware::from_fn_with_state(state.clone(), gate))
        // Inside `finish`, so that a panic's response gets a request id and
        // a line in the access log like any other.
        .layer(middleware::from_fn(faults::catch_panic))
        .layer(middleware::from_fn_with_state(state.clone(), finish))
        .with_state(state)
}

/// Authentication, the rate limit and the version header, in AWS's order.
async fn gate(State(state): State<Shared>, request: Request, next: Next) -> Response {
    match admit(&state, &request) {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

fn admit(state: &AppState, request: &Request) -> Result<(), GlacierError> {
    let headers = request.headers();
    let check_dates = !state.config.docs_examples;
    let key = auth::authenticate(headers, &state.config, SystemTime::now(), check_dates)?;
    if let Some(throttle) = &state.throttle {
        if !lock(throttle)?.allow(&key, Instant::now()) {
            return Err(GlacierError::new(
                GlacierException::ThrottlingException,
                "Rate exceeded",
            ));
        }
    }
    match headers.get("x-amz-glacier-version") {
        None => Err(GlacierError::new(
            GlacierException::MissingParameterValueException,
            "Required header missing: x-amz-glacier-version",
        )),
        Some(version) if version != API_VERSION => Err(GlacierError::new(
            GlacierException::InvalidParameterValueException,
            format!(
                "Invalid API version: {}. The only version is {API_VERSION}.",
                String::from_utf8_lossy(version.as_bytes())
            ),
        )),
        Some(_) => Ok(()),
    }
}

/// The outermost layer: the documented layouts in `--docs-examples` mode,
/// a request id on every response, the access log.
async fn finish(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let uri = request.uri().clone();
    let mut response = next.run(request).await;

    let status = response.status();
    if status.as_u16() >= 400 && response.extensions().get::<GlacierError>().is_none() {
        // Every error must be one of the table's; an error response without
        // one would be a bug in this service.
        let exception = if status.is_server_error() {
            GlacierException::ServiceUnavailableException
        } else {
            GlacierException::BadRequest
        };
        let message = format!("The request failed with HTTP status {status}.");
        response = GlacierError::new(exception, message).into_response();
    }
    if state.config.docs_examples {
        response = docs::rewrite(response);
    }
    if !response.headers().contains_key(X_AMZN_REQUEST_ID) {
        if let Ok(id) = HeaderValue::from_str(&generate_request_id()) {
            response.headers_mut().insert(X_AMZN_REQUEST_ID, id);
        }
    }
    if !state.config.quiet {
        let code = response
            .extensions()
            .get::<GlacierError>()
            .map_or("-", |error| error.code());
        let id = response
            .headers()
            .get(X_AMZN_REQUEST_ID)
            .and_then(|id| id.to_str().ok())
            .unwrap_or("-");
        eprintln!(
            "{method} {uri} -> {} {code} {id}",
            response.status().as_u16()
        );
    }
    response
}

async fn no_operation(method: Method, uri: Uri) -> GlacierError {
    GlacierError::new(
        GlacierException::BadRequest,
        format!("No operation matches {method} {}", uri.path()),
    )
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    (
        status,
        [(CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

async fn create_vault(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let mut store = lock(&state.store)?;
    // Creating a vault that exists succeeds, as in Glacier.
    if !store.vaults.contains_key(name) {
        if store.vaults.len() >= state.config.max_vaults {
            return Err(GlacierError::new(
                GlacierException::LimitExceededException,
                format!(
                    "The maximum number of vaults has been reached for this account in this region: {}.",
                    state.config.max_vaults
                ),
            ));
        }
        let vault = Vault {
            name: name.to_owned(),
            arn: state.vault_arn(name),
            created: SystemTime::now(),
            jobs: Vec::new(),
        };
        store.vaults.insert(name.to_owned(), vault);
    }
    let location = format!("/{}/vaults/{name}", state.config.account_id);
    Ok((StatusCode::CREATED, [(LOCATION, location)]).into_response())
}

async fn describe_vault(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let store = lock(&state.store)?;
    let vault = store
        .vaults
        .get(name)
        .ok_or_else(|| state.vault_not_found(name))?;
    Ok(json_response(StatusCode::OK, &vault.describe()))
}

async fn delete_vault(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let mut store = lock(&state.store)?;
    store
        .vaults
        .remove(name)
        .ok_or_else(|| state.vault_not_found(name))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Vaults by name; `marker` is the ARN of the vault to list after, and
/// the returned `Marker` the ARN of the page's last vault.
async fn list_vaults(
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
                .ok_or_else(|| invalid(format!("The marker is not valid: {marker}")))?,
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

async fn initiate_job(
    State(state): State<Shared>,
    path: PathParams,
    RequestBody(body): RequestBody,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let now = SystemTime::now();
    let JobParameters {
        action,
        description,
        sns_topic,
    } = job_parameters(&body)?;

    let mut store = lock(&state.store)?;
    if !store.vaults.contains_key(name) {
        return Err(state.vault_not_found(name));
    }
    if let Action::Retrieval { tier, .. } = &action {
        if state.config.deny_retrievals {
            return Err(GlacierError::new(
                GlacierException::PolicyEnforcedException,
                "InitiateJob request denied by current data retrieval policy.",
            ));
        }
        if let (Tier::Expedited, Some(capacity)) = (tier, state.config.expedited_capacity) {
            let running = store
                .vaults
                .values()
                .flat_map(|vault| &vault.jobs)
                .filter(|job| job.holds_expedited_capacity(now))
                .count();
            if running >= capacity {
                return Err(GlacierError::new(
                    GlacierException::InsufficientCapacityException,
                    "There is insufficient capacity to process this expedited request. \
                     Try again later, or use the Standard or Bulk tier.",
                ));
            }
        }
    }
    // Two generated ids: unique and unguessable, 86 url-safe characters.
    let id = format!(
        "{}{}",
        &generate_request_id()[4..],
        &generate_request_id()[4..]
    );
    let vault = store
        .vaults
        .get_mut(name)
        .ok_or_else(|| state.vault_not_found(name))?;
    vault.jobs.push(Job {
        id: id.clone(),
        action,
        description,
        sns_topic,
        created: now,
        duration: state.config.job_duration,
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

async fn describe_job(
    State(state): State<Shared>,
    path: PathParams,
) -> Result<Response, GlacierError> {
    let (name, id) = (path.vault()?, path.job()?);
    let store = lock(&state.store)?;
    let vault = store
        .vaults
        .get(name)
        .ok_or_else(|| state.vault_not_found(name))?;
    let job = vault.jobs.iter().find(|job| job.id == id).ok_or_else(|| {
        GlacierError::new(
            GlacierException::ResourceNotFoundException,
            format!("The job ID was not found: {id}"),
        )
    })?;
    Ok(json_response(
        StatusCode::OK,
        &job.describe(&vault.arn, SystemTime::now()),
    ))
}

/// Jobs oldest first, filtered by `statuscode` and `completed`; `marker`
/// is the ID of the job to list from, and the returned `Marker` the ID of
/// the next page's first job.
async fn list_jobs(
    State(state): State<Shared>,
    path: PathParams,
    query: QueryParams,
) -> Result<Response, GlacierError> {
    let name = path.vault()?;
    let status = query.get("statuscode");
    if let Some(status) = status {
        if !matches!(status, "InProgress" | "Succeeded" | "Failed") {
            return Err(invalid(format!(
                "The job status code is not valid: {status}"
            )));
        }
    }
    let completed = match query.get("completed") {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(other) => {
            return Err(invalid(format!(
                "The completed value is not valid: {other}. It must be true or false."
            )))
        }
    };
    let limit = query.limit(50)?;

    let now = SystemTime::now();
    let store = lock(&state.store)?;
    let vault = store
        .vaults
        .get(name)
        .ok_or_else(|| state.vault_not_found(name))?;
    let matching: Vec<&Job> = vault
        .jobs
        .iter()
        .filter(|job| status.map_or(true, |status| job.status_code(now) == status))
        .filter(|job| completed.map_or(true, |completed| job.completed(now) == completed))
        .collect();
    let start = match query.get("marker") {
        None => 0,
        Some(marker) => matching
            .iter()
            .position(|job| job.id == marker)
            .ok_or_else(|| invalid(format!("The marker is not valid: {marker}")))?,
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
