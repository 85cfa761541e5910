//! aws-emulator: DynamoDB, SQS and STS in memory, on one port, whose every
//! error is a row of an errtable table derived from the service's Smithy
//! model (`models/`, trimmed) and AWS's common errors (`common/`), and goes
//! on the wire as AWS sends it:
//!
//! | service | protocol | request | table |
//! | --- | --- | --- | --- |
//! | DynamoDB | awsJson1_0 | `X-Amz-Target: DynamoDB_20120810.<Op>` | [`dynamodb::DynamoDbError`]: the model + `common/json.md` |
//! | SQS | awsJson1_0, query-compatible | `X-Amz-Target: AmazonSQS.<Op>` | [`sqs::SqsError`]: the model + `common/json.md`; `x-amzn-query-error` carries the legacy query code |
//! | STS | awsQuery | form-encoded `Action=<Op>&...` | [`sts::StsError`]: the model + `common/query.md`, XML |
//!
//! Each service's table is one derive, `#[error_table(spec = <model>,
//! common = "common/json.md", per_operation)]` (`common/query.md` for STS),
//! which also generates a table per operation of the model
//! ([`dynamodb::dynamo_db`], [`sqs::sqs`], [`sts::sts`]: the operation's
//! model errors and the common ones) and the enum of the operations
//! ([`dynamodb::DynamoDbOperation`], ...). Each service module has one
//! place that turns an operation name into a handler
//! ([`dynamodb::dispatch`], [`sqs::dispatch`], [`sts::dispatch`]), by the
//! enum's `FromStr`; each handler returns its operation's error
//! (`Result<Output, dynamo_db::GetItemError>`), using `?` on the service's
//! errors, and `dispatch` sends it from the service's table, checking (in
//! debug builds) that its code is one of the operation's `codes()`.
//!
//! | module | holds |
//! | --- | --- |
//! | [`server`] | the router: which service a request is for; the request-context layer; the access log |
//! | [`dynamodb`], [`sqs`], [`sts`] | the services: their tables, operations and state |
//! | [`json`], [`query`] | reading a request's input and writing a success, per protocol |
//! | [`common`] | the table of requests for no service the emulator serves |
//! | [`ids`] | request-independent ids, ARNs and times |

#![warn(missing_docs)]

pub mod common;
pub mod dynamodb;
pub mod ids;
pub mod json;
pub mod query;
pub mod server;
pub mod sqs;
pub mod sts;

/// The account every resource belongs to: the emulator checks no
/// credentials, so there is one.
pub const ACCOUNT: &str = "000000000000";

/// The region in every ARN.
pub const REGION: &str = "us-east-1";

/// The largest request body read, in bytes: above DynamoDB's largest
/// request (16 MiB for BatchWriteItem is not emulated; an item is at most
/// 400 KB) and SQS's largest message (256 KiB).
pub const MAX_BODY: usize = 1 << 20;

/// What every service's state is kept in: the three services' in-memory
/// state, shared by the handlers.
#[derive(Debug, Default)]
pub struct Emulator {
    /// DynamoDB's tables and items.
    pub dynamodb: dynamodb::Tables,
    /// SQS's queues and messages.
    pub sqs: sqs::Queues,
}

/// The operations of a Smithy model (`models/*.json`), by name, in its
/// order: what each service's operation enum lists.
#[cfg(test)]
pub(crate) fn model_operations(model: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(model);
    let text = std::fs::read_to_string(&path).unwrap();
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let shapes = model["shapes"].as_object().unwrap();
    let service = shapes
        .values()
        .find(|shape| shape["type"] == "service")
        .unwrap();
    service["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|target| {
            let id = target["target"].as_str().unwrap();
            id.rsplit_once('#').unwrap().1.to_owned()
        })
        .collect()
}
