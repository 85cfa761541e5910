//! The operations, and axum's rejections mapped to the table: a path that
//! is not valid UTF-8 or a body that is not JSON is ValidationFailed like
//! any other invalid field, never axum's plain-text answer.

use crate::errors::{self, InvalidField};
use crate::openapi;
use crate::store::{Book, NewOrder, Order, Shared};
use crate::BookshopError;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::header::{AUTHORIZATION, LOCATION};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;
use std::sync::Arc;

/// What the handlers share.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The catalogue and the orders.
    pub store: Arc<Shared>,
    /// The bearer token `POST /orders` requires.
    pub token: Arc<str>,
}

/// What an operation gives back.
pub type Outcome<T> = Result<T, BookshopError>;

/// A path id: a number, or `None` for digits too many for a `u64` (which
/// name nothing); anything else is ValidationFailed at `/{name}`.
fn path_id(
    path: Result<Path<String>, PathRejection>,
    name: &str,
) -> Result<(Option<u64>, String), BookshopError> {
    let pointer = format!("/{name}");
    let Path(text) = path.map_err(|rejection| {
        errors::validation_failed(&[InvalidField::new(&pointer, rejection.body_text())])
    })?;
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        let detail = format!("must be a positive integer, not {text:?}");
        return Err(errors::validation_failed(&[InvalidField::new(
            pointer, detail,
        )]));
    }
    Ok((text.parse().ok(), text))
}

/// `GET /books/{id}`: the book, BookNotFound, or ValidationFailed for an
/// id that is not a number.
pub async fn get_book(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Outcome<Json<Book>> {
    let (id, text) = path_id(path, "id")?;
    let id = id.ok_or_else(|| errors::book_not_found(&text))?;
    Ok(Json(state.store.lock().book(id)?.clone()))
}

/// `GET /orders/{id}`: the order, OrderNotFound, or ValidationFailed for
/// an id that is not a number.
pub async fn get_order(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Outcome<Json<Order>> {
    let (id, text) = path_id(path, "id")?;
    let id = id.ok_or_else(|| errors::order_not_found(&text))?;
    Ok(Json(state.store.lock().order(id)?.clone()))
}

/// `POST /orders`: Unauthorized without the bearer token, ValidationFailed
/// for a body that is not `{"book_id": int, "quantity": int}` with both
/// from 1 to [`MAX_INTEGER`], then BookNotFound, PaymentRequired, OutOfStock, or 201 with
/// the order and its `Location`.
pub async fn create_order(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Outcome<Response> {
    authorize(&headers, &state.token)?;
    let Json(body) = body.map_err(|rejection| {
        errors::validation_failed(&[InvalidField::new("", rejection.body_text())])
    })?;
    let order = read_new_order(&body)?;
    let order = state
        .store
        .lock()
        .place_order(order.book_id, order.quantity)?;
    let location = format!("/orders/{}", order.id);
    Ok((StatusCode::CREATED, [(LOCATION, location)], Json(order)).into_response())
}

/// Unauthorized unless `Authorization` is `Bearer <token>`.
fn authorize(headers: &HeaderMap, token: &str) -> Result<(), BookshopError> {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Err(errors::unauthorized("The request has no bearer token."));
    };
    let given = value
        .to_str()
        .ok()
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, credentials)| credentials.trim());
    match given {
        Some(given) if given == token => Ok(()),
        Some(_) => Err(errors::unauthorized("The bearer token is not valid.")),
        None => Err(errors::unauthorized(
            "The Authorization header is not a bearer token.",
        )),
    }
}

/// The order a body asks for, or ValidationFailed naming every invalid
/// field.
pub fn read_new_order(body: &Value) -> Result<NewOrder, BookshopError> {
    let Some(object) = body.as_object() else {
        return Err(errors::validation_failed(&[InvalidField::new(
            "",
            "must be a JSON object",
        )]));
    };
    let mut invalid = Vec::new();
    let mut field = |name: &str| -> u64 {
        let pointer = format!("/{name}");
        match object.get(name).map(positive_integer) {
            Some(Some(number)) => number,
            Some(None) => {
                invalid.push(InvalidField::new(
                    pointer,
                    "must be an integer from 1 to 9223372036854775807",
                ));
                0
            }
            None => {
                invalid.push(InvalidField::new(pointer, "is required"));
                0
            }
        }
    };
    let book_id = field("book_id");
    let quantity = field("quantity");
    if invalid.is_empty() {
        Ok(NewOrder { book_id, quantity })
    } else {
        Err(errors::validation_failed(&invalid))
    }
}

/// The largest id or quantity: the schema's integers are `int64`.
pub const MAX_INTEGER: u64 = i64::MAX as u64;

/// A JSON integer from 1 to [`MAX_INTEGER`] (`2.0` included, as JSON
/// Schema counts it).
fn positive_integer(value: &Value) -> Option<u64> {
    let number = match value.as_u64() {
        Some(number) => number,
        None => {
            let number = value.as_f64()?;
            if number.fract() != 0.0 || number < 1.0 || number > MAX_INTEGER as f64 {
                return None;
            }
            number as u64
        }
    };
    (1..=MAX_INTEGER).contains(&number).then_some(number)
}

/// `GET /openapi.json`: the OpenAPI 3.1 document.
pub async fn openapi_json() -> Json<Value> {
    Json(openapi::document())
}

/// Any path no route has: the unknown code `NotFound`, 404.
pub async fn not_found(uri: Uri) -> BookshopError {
    errors::no_such_route(uri.path())
}

/// A method a route does not have: the unknown code `MethodNotAllowed`,
/// 405 (axum adds `Allow`).
pub async fn method_not_allowed(method: Method, uri: Uri) -> BookshopError {
    errors::method_not_allowed(method.as_str(), uri.path())
}
