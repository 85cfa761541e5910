//! glacier-demo: a small Amazon S3 Glacier-compatible service, in memory,
//! built on axum and hyper, whose every error is errtable's `GlacierError`,
//! derived from the seed document `spec/glacier.md`.
//!
//! It serves vaults, archives (UploadArchive, DeleteArchive), jobs
//! (InitiateJob, DescribeJob, ListJobs, GetJobOutput), vault access
//! policies and tags, and the data retrieval policy, on Glacier's URL
//! layout (`/{accountId}/vaults/...`); see `demo/README.md`.
//!
//! Where things are:
//!
//! | module | holds |
//! | --- | --- |
//! | [`config`] | the command line (clap) |
//! | [`server`] | accepting connections: the cap, the header-read and idle timeouts, graceful stop |
//! | [`router`] | which handler serves which path, and the layers around them |
//! | [`middleware`] | authentication, rate limit, version check, request ids, access log, panics |
//! | [`handlers`] | the operations, by resource |
//! | [`errors`] | every error the service sends |
//! | [`store`] | vaults, archives, jobs, policies, in memory |

pub mod archive_memory;
pub mod auth;
pub mod aws_dates;
pub mod config;
pub mod connection_log;
pub mod documented_examples;
pub mod errors;
pub mod extractors;
pub mod fault_routes;
pub mod handlers;
pub mod idle_timeout;
pub mod inventory;
pub mod job_parameters;
pub mod json_body;
pub mod middleware;
pub mod rate_limit;
pub mod router;
pub mod server;
pub mod store;
pub mod tree_hash;

use errtable::ErrorTable;

/// The seed document's error table.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;
