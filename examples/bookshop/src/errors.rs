//! Every error the service sends, in one place: each function builds one
//! [`BookshopError`] (a row of `spec/bookshop.json` and its detail), so
//! this file is the list of what a client can be told.

use crate::{BookshopError, BookshopException};
use errtable::UnknownCode;
use serde_json::json;
use std::fmt::Display;
use std::time::Duration;

/// The realm of the bearer challenge sent with a 401.
pub const REALM: &str = "bookshop";

/// No book has the id (a number, or digits too many for one).
pub fn book_not_found(id: impl Display) -> BookshopError {
    BookshopError::new(
        BookshopException::BookNotFound,
        format!("There is no book {id}."),
    )
}

/// No order has the id.
pub fn order_not_found(id: impl Display) -> BookshopError {
    BookshopError::new(
        BookshopException::OrderNotFound,
        format!("There is no order {id}."),
    )
}

/// Fewer copies in stock than ordered.
pub fn out_of_stock(book: u64, wanted: u64, stock: u64) -> BookshopError {
    BookshopError::new(
        BookshopException::OutOfStock,
        format!("Book {book} has {stock} copies in stock; {wanted} were ordered."),
    )
}

/// One invalid field of a request: its JSON pointer (`/quantity`, or `""`
/// for the whole body, or the path parameter's name) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidField {
    /// Where, as a JSON pointer.
    pub pointer: String,
    /// What is wrong with it.
    pub detail: String,
}

impl InvalidField {
    /// The field at `pointer`, wrong as `detail` says.
    pub fn new(pointer: impl Into<String>, detail: impl Into<String>) -> Self {
        InvalidField {
            pointer: pointer.into(),
            detail: detail.into(),
        }
    }
}

/// ValidationFailed (422) with its `invalid_fields` member.
pub fn validation_failed(fields: &[InvalidField]) -> BookshopError {
    let detail = match fields {
        [one] => format!("{}: {}", pointer_name(&one.pointer), one.detail),
        _ => format!("{} fields of the request are invalid.", fields.len()),
    };
    let list: Vec<_> = fields
        .iter()
        .map(|field| json!({"pointer": field.pointer, "detail": field.detail}))
        .collect();
    BookshopError::new(BookshopException::ValidationFailed, detail)
        .with_field("invalid_fields", list)
}

fn pointer_name(pointer: &str) -> &str {
    match pointer {
        "" => "the body",
        pointer => pointer,
    }
}

/// Unauthorized (401), with the bearer challenge RFC 9110 requires.
pub fn unauthorized(why: &str) -> BookshopError {
    BookshopError::new(BookshopException::Unauthorized, why)
        .with_www_authenticate(format!("Bearer realm=\"{REALM}\""))
}

/// RateLimited (429), with `Retry-After`.
pub fn rate_limited(retry_after: Duration) -> BookshopError {
    BookshopError::new(
        BookshopException::RateLimited,
        "The server's request rate limit is reached; retry after the delay in Retry-After.",
    )
    .with_retry_after(retry_after)
}

/// PaymentRequired (402): orders of more than
/// [`crate::store::MAX_UNPAID_QUANTITY`] copies are paid first.
pub fn payment_required(quantity: u64) -> BookshopError {
    BookshopError::new(
        BookshopException::PaymentRequired,
        format!(
            "An order of {quantity} copies must be paid first (more than {}).",
            crate::store::MAX_UNPAID_QUANTITY
        ),
    )
}

/// Internal (500): `cause` is kept as the error's source, logged by
/// errtable's tracing integration and never sent to the client.
pub fn internal(
    cause: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
) -> BookshopError {
    BookshopError::new(
        BookshopException::Internal,
        "The request failed on our side.",
    )
    .with_source(cause)
}

/// A path no route has: the table has no row for it, so the unknown code
/// `NotFound` with status 404.
pub fn no_such_route(path: &str) -> BookshopError {
    BookshopError::new(
        BookshopException::Unknown(UnknownCode::new("NotFound").with_status(404)),
        format!("No resource is at {path}."),
    )
}

/// A method the path does not support: the unknown code
/// `MethodNotAllowed` with status 405 (axum adds `Allow`).
pub fn method_not_allowed(method: &str, path: &str) -> BookshopError {
    BookshopError::new(
        BookshopException::Unknown(UnknownCode::new("MethodNotAllowed").with_status(405)),
        format!("{path} does not support {method}."),
    )
}
