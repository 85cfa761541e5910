//! bookshop: a plain REST API on axum, documented with utoipa, whose every
//! error is errtable's [`BookshopError`], derived from a small error table
//! (`spec/bookshop.json`) and sent as RFC 9457 problem details:
//!
//! ```json
//! {"type": "https://bookshop.example/problems/BookNotFound",
//!  "title": "No such book", "status": 404,
//!  "detail": "There is no book 42.", "code": "BookNotFound"}
//! ```
//!
//! It is the way to use errtable without AWS: no `x-amzn-*` header, no
//! AWS protocol, just `application/problem+json`. See
//! `examples/bookshop/README.md`.
//!
//! | module | holds |
//! | --- | --- |
//! | [`config`] | the command line (clap) |
//! | [`app`] | the router and its layers |
//! | [`handlers`] | the operations, and axum's rejections mapped to the table |
//! | [`middleware`] | the rate limit, panics, and problem+json for every error |
//! | [`errors`] | every error the service sends |
//! | [`store`] | the catalogue and the orders, in memory |
//! | [`openapi`] | the OpenAPI 3.1 document |

#![warn(missing_docs)]

pub mod app;
pub mod config;
pub mod errors;
pub mod handlers;
pub mod middleware;
pub mod openapi;
pub mod store;

use errtable::ErrorTable;

/// The bookshop's error table, sent as problem details: `BookshopException`
/// has a variant per row, and `BookshopError` is an error of it with a
/// detail (the message) and members (`invalid_fields`).
#[derive(ErrorTable)]
#[error_table(
    spec = "spec/bookshop.json",
    protocol = "problem-json",
    problem_type = "https://bookshop.example/problems"
)]
pub struct Bookshop;

/// The errors `GET /books/{id}` can send (for its OpenAPI responses).
#[derive(ErrorTable)]
#[error_table(
    spec = "spec/bookshop.json",
    only(BookNotFound, ValidationFailed, RateLimited, Internal),
    full = "BookshopException"
)]
pub struct GetBook;

/// The errors `POST /orders` can send (for its OpenAPI responses).
#[derive(ErrorTable)]
#[error_table(
    spec = "spec/bookshop.json",
    only(
        Unauthorized,
        PaymentRequired,
        BookNotFound,
        OutOfStock,
        ValidationFailed,
        RateLimited,
        Internal
    ),
    full = "BookshopException"
)]
pub struct CreateOrder;

/// The errors `GET /orders/{id}` can send (for its OpenAPI responses).
#[derive(ErrorTable)]
#[error_table(
    spec = "spec/bookshop.json",
    only(OrderNotFound, ValidationFailed, RateLimited, Internal),
    full = "BookshopException"
)]
pub struct GetOrder;

/// The errors `GET /openapi.json` can send (for its OpenAPI responses).
#[derive(ErrorTable)]
#[error_table(
    spec = "spec/bookshop.json",
    only(RateLimited, Internal),
    full = "BookshopException"
)]
pub struct GetOpenApi;
