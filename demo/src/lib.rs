//! glacier-demo: a small Amazon S3 Glacier-compatible service, in memory,
//! built on axum, whose every error is errtable's `GlacierError`, derived
//! from the seed document `spec/glacier.md`.
//!
//! It serves CreateVault, DescribeVault, ListVaults, DeleteVault,
//! InitiateJob, DescribeJob and ListJobs on Glacier's URL layout
//! (`/{accountId}/vaults/...`), checks requests as Glacier does, and can be
//! made to send fifteen of the table's sixteen errors from real requests;
//! see the README and `glacier-demo --help`.

pub mod api;
pub mod auth;
pub mod config;
pub mod docs;
pub mod extract;
pub mod faults;
pub mod job_params;
pub mod store;
pub mod throttle;
pub mod time;

use errtable::ErrorTable;

/// The seed document's error table.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;
