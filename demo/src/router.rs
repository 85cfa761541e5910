//! Glacier's URL layout: which handler serves which method and path, and
//! the layers every request passes (see `middleware`).

use crate::archive_memory::ArchiveMemory;
use crate::config::Config;
use crate::fault_routes;
use crate::handlers::{archives, jobs, retrieval_policy, vault_settings, vaults};
use crate::middleware;
use crate::rate_limit::RateLimiter;
use crate::store::Store;
use axum::routing::{delete, get, post, put};
use axum::Router;
use std::sync::{Arc, Mutex};
use tower_http::catch_panic::CatchPanicLayer;

/// The only API version of Glacier.
pub const API_VERSION: &str = "2012-06-01";

/// What the handlers share.
#[derive(Debug)]
pub struct AppState {
    /// The command line.
    pub config: Config,
    /// Everything the account has; handlers never hold it across an
    /// `.await`.
    pub store: Mutex<Store>,
    /// Per-key request rates, under `--rate-limit`.
    pub rate_limiter: Option<Mutex<RateLimiter>>,
    /// The bytes of archives held, under `--archive-memory`.
    pub archive_memory: ArchiveMemory,
}

/// The state as handlers and middleware receive it.
pub type Shared = Arc<AppState>;

impl AppState {
    /// An empty account run by `config`.
    pub fn new(config: Config) -> AppState {
        AppState {
            rate_limiter: config
                .rate_limit
                .map(|limit| Mutex::new(RateLimiter::new(limit))),
            store: Mutex::new(Store::default()),
            archive_memory: ArchiveMemory::new(config.archive_memory),
            config,
        }
    }

    /// `arn:aws:glacier:REGION:ACCOUNT:vaults/NAME`.
    pub fn vault_arn(&self, name: &str) -> String {
        format!("{}{name}", self.vault_arn_prefix())
    }

    /// The ARN of a vault without its name, for ListVaults markers.
    pub fn vault_arn_prefix(&self) -> String {
        format!(
            "arn:aws:glacier:{}:{}:vaults/",
            self.config.region, self.config.account_id
        )
    }
}

/// The service: Glacier's routes, behind the checks every request passes.
pub fn router(config: Config) -> Router {
    let state = Arc::new(AppState::new(config));
    let mut routes = Router::new();
    if state.config.fault_routes {
        routes = routes
            .route("/-/faults/panic", get(fault_routes::panic_route))
            .route("/-/faults/io-error", get(fault_routes::io_error_route));
    }
    routes
        .route("/{account}/vaults", get(vaults::list_vaults))
        .route(
            "/{account}/vaults/{vault}",
            put(vaults::create_vault)
                .get(vaults::describe_vault)
                .delete(vaults::delete_vault),
        )
        .route(
            "/{account}/vaults/{vault}/archives",
            post(archives::upload_archive),
        )
        .route(
            "/{account}/vaults/{vault}/archives/{archive}",
            delete(archives::delete_archive),
        )
        .route(
            "/{account}/vaults/{vault}/jobs",
            get(jobs::list_jobs).post(jobs::initiate_job),
        )
        .route(
            "/{account}/vaults/{vault}/jobs/{job}",
            get(jobs::describe_job),
        )
        .route(
            "/{account}/vaults/{vault}/jobs/{job}/output",
            get(jobs::get_job_output),
        )
        .route(
            "/{account}/vaults/{vault}/access-policy",
            put(vault_settings::set_access_policy)
                .get(vault_settings::get_access_policy)
                .delete(vault_settings::delete_access_policy),
        )
        .route(
            "/{account}/vaults/{vault}/tags",
            get(vault_settings::list_tags).post(vault_settings::add_or_remove_tags),
        )
        .route(
            "/{account}/policies/data-retrieval",
            get(retrieval_policy::get_policy).put(retrieval_policy::set_policy),
        )
        .fallback(middleware::no_operation)
        .method_not_allowed_fallback(middleware::no_operation)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::admit,
        ))
        // Inside `finish`, so that a panic's response gets a request id and
        // a line in the access log like any other.
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::finish,
        ))
        .with_state(state)
}
