//! GetDataRetrievalPolicy and SetDataRetrievalPolicy: the account's one
//! rule, `FreeTier` (Glacier's default), `None` or `BytesPerHour`. Under
//! `BytesPerHour`, an archive retrieval that would bring the bytes of the
//! retrievals initiated in the last hour past the limit is refused with
//! PolicyEnforcedException (see `Store::retrieval_allowed`).

use super::json_response;
use crate::errors;
use crate::extractors::{PathParams, RequestBody};
use crate::json_body::{self, array_field, kind, object_field, string_field};
use crate::middleware::lock;
use crate::router::Shared;
use crate::store::RetrievalPolicy;
use crate::GlacierError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// `GET /{account}/policies/data-retrieval`: `{"Policy": {"Rules": [...]}}`.
pub async fn get_policy(
    State(state): State<Shared>,
    _path: PathParams,
) -> Result<Response, GlacierError> {
    let policy = lock(&state.store)?.retrieval_policy;
    Ok(json_response(StatusCode::OK, &policy.describe()))
}

/// `PUT /{account}/policies/data-retrieval` with `{"Policy": {"Rules":
/// [{"Strategy": ..., "BytesPerHour": ...}]}}`: 204.
pub async fn set_policy(
    State(state): State<Shared>,
    _path: PathParams,
    RequestBody(body): RequestBody,
) -> Result<Response, GlacierError> {
    let object = json_body::object(&body)?;
    let policy = match object_field(&object, "Policy")? {
        // botocore sends no body when the caller gives no policy; Glacier
        // then sets the default.
        None => RetrievalPolicy::default(),
        Some(policy) => parse_rules(
            array_field(policy, "Rules")?
                .ok_or_else(|| errors::parameter_missing("Policy.Rules"))?,
        )?,
    };
    lock(&state.store)?.retrieval_policy = policy;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn parse_rules(rules: &[Value]) -> Result<RetrievalPolicy, GlacierError> {
    let [rule] = rules else {
        return Err(errors::retrieval_policy_invalid(&format!(
            "it has {} rules; Glacier takes exactly one",
            rules.len()
        )));
    };
    let Value::Object(rule) = rule else {
        return Err(errors::json_kind("A rule", "an object", kind(rule)));
    };
    let strategy = string_field(rule, "Strategy")?
        .ok_or_else(|| errors::parameter_missing("Policy.Rules[0].Strategy"))?;
    let bytes_per_hour = match rule.get("BytesPerHour") {
        None | Some(Value::Null) => None,
        Some(Value::Number(number)) => {
            Some(number.as_u64().filter(|&n| n > 0).ok_or_else(|| {
                errors::retrieval_policy_invalid(&format!(
                    "BytesPerHour is {number}; it must be a whole number of 1 or more"
                ))
            })?)
        }
        Some(other) => return Err(errors::json_kind("BytesPerHour", "a number", kind(other))),
    };
    match (strategy, bytes_per_hour) {
        ("BytesPerHour", Some(bytes)) => Ok(RetrievalPolicy::BytesPerHour(bytes)),
        ("BytesPerHour", None) => Err(errors::parameter_missing(
            "Policy.Rules[0].BytesPerHour, for the BytesPerHour strategy",
        )),
        ("FreeTier" | "None", Some(_)) => Err(errors::retrieval_policy_invalid(
            "BytesPerHour is only for the BytesPerHour strategy",
        )),
        ("FreeTier", None) => Ok(RetrievalPolicy::FreeTier),
        ("None", None) => Ok(RetrievalPolicy::None),
        (other, _) => Err(errors::retrieval_policy_invalid(&format!(
            "the strategy is {other}; it must be BytesPerHour, FreeTier or None"
        ))),
    }
}
