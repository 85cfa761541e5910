//! The OpenAPI 3.1 document, built with utoipa's derive: each operation's
//! success response, and its errors from errtable's `IntoResponses` for
//! the operation's subset of the table (`GetBookError`...), one response
//! per status, in `application/problem+json`.

use crate::store::{Book, NewOrder, Order};
use crate::{CreateOrderError, GetBookError, GetOpenApiError, GetOrderError};
use serde_json::{json, Value};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// A book by id.
#[utoipa::path(
    get,
    path = "/books/{id}",
    operation_id = "getBook",
    params(("id" = u64, Path, description = "The book's id", minimum = 1)),
    responses((status = 200, description = "The book", body = Book), GetBookError)
)]
#[allow(dead_code)]
fn get_book() {}

/// Orders copies of a book; needs the bearer token.
#[utoipa::path(
    post,
    path = "/orders",
    operation_id = "createOrder",
    request_body(content = NewOrder, content_type = "application/json"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The order", body = Order,
         headers(("Location" = String, description = "The order's URL"))),
        CreateOrderError
    )
)]
#[allow(dead_code)]
fn create_order() {}

/// An order by id.
#[utoipa::path(
    get,
    path = "/orders/{id}",
    operation_id = "getOrder",
    params(("id" = u64, Path, description = "The order's id", minimum = 1)),
    responses((status = 200, description = "The order", body = Order), GetOrderError)
)]
#[allow(dead_code)]
fn get_order() {}

/// This document.
#[utoipa::path(
    get,
    path = "/openapi.json",
    operation_id = "getOpenApi",
    responses((status = 200, description = "The OpenAPI document", body = Object), GetOpenApiError)
)]
#[allow(dead_code)]
fn get_openapi() {}

/// The bearer scheme `POST /orders` requires.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The document's operations, schemas and security scheme.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "bookshop",
        version = "0.1.0",
        description = "A small bookshop whose errors are RFC 9457 problem details from errtable's error table."
    ),
    paths(get_book, create_order, get_order, get_openapi),
    components(schemas(Book, Order, NewOrder)),
    modifiers(&BearerScheme)
)]
pub struct ApiDoc;

/// The document as JSON, as `GET /openapi.json` sends it, with
/// [`corrected`]'s exact `invalid_fields`.
pub fn document() -> Value {
    let mut document = serde_json::to_value(ApiDoc::openapi()).unwrap_or(Value::Null);
    corrected(&mut document);
    link_orders(&mut document);
    document
}

/// The link from an order `POST /orders` made to `GET /orders/{id}`, so
/// that clients (and schemathesis's stateful tests) can follow it.
fn link_orders(document: &mut Value) {
    if let Some(created) = document.pointer_mut("/paths/~1orders/post/responses/201") {
        created["links"] = json!({
            "GetOrder": {
                "operationId": "getOrder",
                "parameters": {"id": "$response.body#/id"},
                "description": "The order just made."
            }
        });
    }
}

/// Describes the `invalid_fields` member exactly: errtable says a
/// document member holds any JSON value (its shape is `document`); this API
/// knows it is a list of `{pointer, detail}` objects.
pub fn corrected(document: &mut Value) {
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    let contents = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|operations| operations.values_mut())
        .filter_map(|operation| operation.get_mut("responses")?.as_object_mut())
        .flat_map(|responses| responses.values_mut())
        .filter_map(|response| response.pointer_mut("/content/application~1problem+json"));
    for content in contents {
        let Some(properties) = content
            .pointer_mut("/schema/properties")
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        if let Some(fields) = properties.get_mut("invalid_fields") {
            let description = fields.get("description").cloned().unwrap_or(Value::Null);
            *fields = json!({
                "type": "array",
                "description": description,
                "items": {
                    "type": "object",
                    "properties": {
                        "pointer": {"type": "string", "description": "The field, as a JSON pointer into the request (`/quantity`), or the path parameter (`/id`)."},
                        "detail": {"type": "string", "description": "What is wrong with it."}
                    },
                    "required": ["pointer", "detail"]
                }
            });
        }
    }
}
