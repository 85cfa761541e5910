//! The Glacier error table, owned by one small crate.
//!
//! Services in other repositories depend on this crate and use its types;
//! none of them copies the spec, so all speak the same errors. The table
//! lives inside this package (`spec/glacier.md`), so the crate also works
//! when published or used as a git dependency.
//!
//! Besides the service-wide [`GlacierException`], it exports one subset per
//! operation, as the AWS SDKs do: each converts into the service-wide type
//! (`From`) and back (`TryFrom`). Which errors an operation returns comes
//! from Glacier's published service model (`spec/glacier-2012-06-01.json`,
//! `operation = "..."`), with the docs' common errors the model lacks
//! (authentication, throttling), which every operation can return; their
//! statuses, types and descriptions from the docs table, named first. The
//! two disagree on InsufficientCapacityException, which none of these
//! operations returns.

pub use errtable;
use errtable::ErrorTable;

/// Every error of the Glacier service.
#[derive(ErrorTable)]
#[error_table(spec = "spec/glacier.md")]
pub struct Glacier;

/// The errors DescribeJob returns, by the service model.
#[derive(ErrorTable)]
#[error_table(
    spec = ["spec/glacier.md", "spec/glacier-2012-06-01.json"],
    operation = "DescribeJob",
    full = "GlacierException"
)]
pub struct DescribeJob;

/// The errors ListJobs returns, by the service model.
#[derive(ErrorTable)]
#[error_table(
    spec = ["spec/glacier.md", "spec/glacier-2012-06-01.json"],
    operation = "ListJobs",
    full = "GlacierException"
)]
pub struct ListJobs;

/// The errors CreateVault returns, by the service model.
#[derive(ErrorTable)]
#[error_table(
    spec = ["spec/glacier.md", "spec/glacier-2012-06-01.json"],
    operation = "CreateVault",
    full = "GlacierException"
)]
pub struct CreateVault;

/// Every error but the authentication ones, which a gateway answers before
/// a request reaches the service.
#[derive(ErrorTable)]
#[error_table(
    spec = "spec/glacier.md",
    except(
        AccessDeniedException,
        ExpiredTokenException,
        InvalidSignatureException,
        MissingAuthenticationTokenException,
        UnrecognizedClientException
    ),
    exception = "BackendException",
    error = "BackendError",
    full = "GlacierException"
)]
pub struct Backend;
