//! The router and its layers (see [`crate::middleware`] for their order).

use crate::config::Config;
use crate::handlers::{self, AppState};
use crate::middleware::{self, RateLimiter};
use crate::store::Shared;
use crate::BookshopException;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;

/// The routes, without state or layers: [`layered`] adds them.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/books/{id}", get(handlers::get_book))
        .route("/orders", post(handlers::create_order))
        .route("/orders/{id}", get(handlers::get_order))
        .route("/openapi.json", get(handlers::openapi_json))
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
}

/// The service run by `config`.
pub fn router(config: &Config) -> Router {
    layered(routes(), config)
}

/// `routes` with the service's state and every layer: what [`router`]
/// serves, open to tests that add a route (one that panics, say).
pub fn layered(routes: Router<AppState>, config: &Config) -> Router {
    let state = AppState {
        store: Arc::new(Shared::default()),
        token: Arc::from(config.token.as_str()),
    };
    let limiter = config.rate_limit.map(|n| Arc::new(RateLimiter::new(n)));
    routes
        .layer(axum::middleware::from_fn(middleware::problems_only))
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(axum::middleware::from_fn_with_state(
            limiter,
            middleware::rate_limit,
        ))
        .layer(errtable::tower::RequestContextLayer::<BookshopException>::new())
        .with_state(state)
}
