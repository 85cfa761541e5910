//! The operations on Glacier's URL layout, and what every request passes
//! first: authentication, the rate limit, the API version header.
//!
//! Every error leaves through [`GlacierError`]: handlers and extractors
//! return it, and the outermost middleware turns any other error response
//! (there should be none) into one too.

use crate::auth;
use crate::config::Config;
use crate::docs;
use crate::store::{Action, Job, Store, Tier, Vault};
use crate::throttle::Throttle;
use crate::{GlacierError, GlacierException};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, RawPathParams, Request, State};
use axum::http::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, LOCATION};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::Router;
use errtable::http::{generate_request_id, X_AMZN_REQUEST_ID};
use serde_json::{json, Map, Value};
use std::ops::Bound;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime};

/// The only API version of Glacier.
pub const API_VERSION: &str = "2012-06-01";

/// The largest request body read; InitiateJob's JSON is a few hundred bytes.
pub const MAX_REQUEST_BODY: usize = 1 << 20;

/// Vaults and jobs list at most this many per page.
const MAX_PAGE: usize = 1000;

/// What the handlers share.
#[derive(Debug)]
pub struct AppState {
    config: Config,
    store: Mutex<Store>,
    throttle: Option<Mutex<Throttle>>,
}

type Shared = Arc<AppState>;

/// A poisoned lock means a handler panicked mid-change: the honest answer
/// from then on is the table's 500.
fn lock<T>(mutex: &Mutex<T>) -> Result<MutexGuard<'_, T>, GlacierError> {
    mutex.lock().map_err(|_| {
        GlacierError::new(
            GlacierException::ServiceUnavailableException,
            "The service cannot complete the request.",
        )
    })
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
    Router::new()
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

/// The path's parameters, percent-decoded, with the account checked.
#[derive(Debug, Default)]
struct PathParams {
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
fn check_vault_name(name: &str) -> Result<&str, GlacierError> {
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
    fn vault(&self) -> Result<&str, GlacierError> {
        self.vault
            .as_deref()
            .ok_or_else(|| missing("the vault name"))
    }

    fn job(&self) -> Result<&str, GlacierError> {
        self.job.as_deref().ok_or_else(|| missing("the job ID"))
    }
}

fn missing(what: &str) -> GlacierError {
    GlacierError::new(
        GlacierException::MissingParameterValueException,
        format!("Required parameter missing: {what}"),
    )
}

fn invalid(message: impl Into<String>) -> GlacierError {
    GlacierError::new(GlacierException::InvalidParameterValueException, message)
}

/// The query string's pairs, percent-decoded.
struct QueryParams(Vec<(String, String)>);

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
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// `limit`: a whole number in 1..=MAX_PAGE.
    fn limit(&self, default: usize) -> Result<usize, GlacierError> {
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
struct RequestBody(Bytes);

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
            Ok(Err(err)) => Err(GlacierError::new(
                GlacierException::BadRequest,
                format!("The request body could not be read: {err}"),
            )),
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
    let (action, description, sns_topic) = job_parameters(&body)?;

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

/// The JSON kind of a value, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn serialization(message: String) -> GlacierError {
    GlacierError::new(GlacierException::SerializationException, message)
}

fn string_field<'a>(
    object: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a str>, GlacierError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(serialization(format!(
            "{key} must be a string, not {}",
            kind(other)
        ))),
    }
}

fn object_field<'a>(
    object: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a Map<String, Value>>, GlacierError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(inner)) => Ok(Some(inner)),
        Some(other) => Err(serialization(format!(
            "{key} must be an object, not {}",
            kind(other)
        ))),
    }
}

/// InitiateJob's body (`JobParameters`), checked as Glacier checks it:
/// well-formed first (SerializationException), then complete
/// (MissingParameterValueException), then valid (InvalidParameterValueException).
fn job_parameters(body: &[u8]) -> Result<(Action, Option<String>, Option<String>), GlacierError> {
    // No body is no parameters, which the Type check reports.
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Map::new())
    } else {
        serde_json::from_slice(body)
            .map_err(|err| serialization(format!("The request body is not valid JSON: {err}")))?
    };
    let Value::Object(object) = &value else {
        return Err(serialization(format!(
            "The request body must be a JSON object, not {}",
            kind(&value)
        )));
    };
    let job_type = string_field(object, "Type")?;
    let archive_id = string_field(object, "ArchiveId")?;
    let tier = string_field(object, "Tier")?;
    let format = string_field(object, "Format")?;
    let description = string_field(object, "Description")?;
    let sns_topic = string_field(object, "SNSTopic")?;
    let byte_range = string_field(object, "RetrievalByteRange")?;
    let select_parameters = object_field(object, "SelectParameters")?;
    let output_location = object_field(object, "OutputLocation")?;
    object_field(object, "InventoryRetrievalParameters")?;

    let job_type = job_type
        .ok_or_else(|| missing("Type (archive-retrieval, inventory-retrieval or select)"))?;
    let select = match job_type {
        "archive-retrieval" => false,
        "select" => true,
        "inventory-retrieval" => {
            let format = format.unwrap_or("JSON");
            if format != "JSON" && format != "CSV" {
                return Err(invalid(format!(
                    "The inventory format is not valid: {format}. It must be CSV or JSON."
                )));
            }
            let action = Action::Inventory {
                format: format.to_owned(),
            };
            return Ok((action, checked_description(description)?, sns_topic.map(str::to_owned)));
        }
        other => {
            return Err(invalid(format!(
                "The job type is not valid: {other}. It must be archive-retrieval, inventory-retrieval or select."
            )))
        }
    };
    let archive_id =
        archive_id.ok_or_else(|| missing(&format!("ArchiveId, for a {job_type} job")))?;
    if select {
        select_parameters.ok_or_else(|| missing("SelectParameters, for a select job"))?;
        output_location.ok_or_else(|| missing("OutputLocation, for a select job"))?;
    }
    let tier = match tier {
        None => Tier::Standard,
        Some(text) => Tier::parse(text).ok_or_else(|| {
            invalid(format!(
                "The tier is not valid: {text}. It must be Expedited, Standard or Bulk."
            ))
        })?,
    };
    if let Some(range) = byte_range {
        check_byte_range(range)?;
    }
    let action = Action::Retrieval {
        select,
        archive_id: archive_id.to_owned(),
        tier,
        byte_range: byte_range.map(str::to_owned),
    };
    Ok((
        action,
        checked_description(description)?,
        sns_topic.map(str::to_owned),
    ))
}

/// At most 1024 printable ASCII characters, as Glacier requires.
fn checked_description(description: Option<&str>) -> Result<Option<String>, GlacierError> {
    match description {
        Some(text) if text.len() > 1024 || !text.bytes().all(|b| (b' '..=b'~').contains(&b)) => Err(invalid(
            "The job description is not valid: it must be at most 1024 printable ASCII characters.",
        )),
        other => Ok(other.map(str::to_owned)),
    }
}

/// `StartByte-EndByte`, megabyte-aligned: the demo keeps no archives, so it
/// cannot allow the unaligned end that Glacier accepts at an archive's end.
fn check_byte_range(range: &str) -> Result<(), GlacierError> {
    const MIB: u64 = 1 << 20;
    let bounds = range
        .split_once('-')
        .and_then(|(start, end)| Some((start.parse::<u64>().ok()?, end.parse::<u64>().ok()?)));
    match bounds {
        Some((start, end)) if start <= end && start % MIB == 0 && end % MIB == MIB - 1 => Ok(()),
        _ => Err(invalid(format!(
            "The retrieval byte range is not valid: {range}. It must be StartByte-EndByte, \
             megabyte-aligned (0-1048575, 1048576-4194303, ...)."
        ))),
    }
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

    #[test]
    fn byte_ranges_must_be_megabyte_aligned() {
        for good in ["0-1048575", "1048576-4194303"] {
            assert!(check_byte_range(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "0-100",
            "1-1048575",
            "2097152-1048575",
            "a-b",
            "0",
            "-1-5",
        ] {
            assert!(check_byte_range(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn job_parameters_are_checked_in_glacier_order() {
        let code = |body: &str| {
            job_parameters(body.as_bytes())
                .unwrap_err()
                .code()
                .to_owned()
        };
        assert_eq!(code("{"), "SerializationException");
        assert_eq!(code("[]"), "SerializationException");
        assert_eq!(code(r#"{"Type":5}"#), "SerializationException");
        assert_eq!(
            code(r#"{"Type":"select","SelectParameters":[]}"#),
            "SerializationException"
        );
        assert_eq!(code(""), "MissingParameterValueException");
        assert_eq!(
            code(r#"{"Type":"archive-retrieval"}"#),
            "MissingParameterValueException"
        );
        assert_eq!(
            code(r#"{"Type":"select","ArchiveId":"a"}"#),
            "MissingParameterValueException"
        );
        assert_eq!(
            code(r#"{"Type":"restore"}"#),
            "InvalidParameterValueException"
        );
        assert_eq!(
            code(r#"{"Type":"archive-retrieval","ArchiveId":"a","Tier":"Fast"}"#),
            "InvalidParameterValueException"
        );
        assert_eq!(
            code(r#"{"Type":"inventory-retrieval","Format":"XML"}"#),
            "InvalidParameterValueException"
        );
        assert_eq!(
            code(r#"{"Type":"inventory-retrieval","Description":"tab\t"}"#),
            "InvalidParameterValueException"
        );

        let (action, description, topic) = job_parameters(
            br#"{"Type":"archive-retrieval","ArchiveId":"a","Tier":"Expedited","Description":"d","SNSTopic":"t","Unknown":1}"#,
        )
        .unwrap();
        assert_eq!(
            action,
            Action::Retrieval {
                select: false,
                archive_id: "a".into(),
                tier: Tier::Expedited,
                byte_range: None
            }
        );
        assert_eq!(
            (description.as_deref(), topic.as_deref()),
            (Some("d"), Some("t"))
        );
        let (action, ..) = job_parameters(br#"{"Type":"inventory-retrieval"}"#).unwrap();
        assert_eq!(
            action,
            Action::Inventory {
                format: "JSON".into()
            }
        );
    }
}
