//! The Glacier error table, owned by one small crate.
//!
//! Services in other repositories depend on this crate and use its types;
//! none of them copies the spec, so all speak the same errors. The table
//! lives inside this package (`spec/glacier.md`), so the crate also works
//! when published or used as a git dependency.
//!
//! Besides the service-wide [`GlacierException`], it exports one subset per
//! operation, as the AWS SDKs do: each converts into the service-wide type
//! (`From`) and back (`TryFrom`).

pub use errtable;
use errtable::ErrorTable;

/// Every error of the Glacier service.
#[derive(ErrorTable)]
#[error_table(spec = "spec/glacier.md")]
pub struct Glacier;

/// The errors DescribeJob returns.
#[derive(ErrorTable)]
#[error_table(
    spec = "spec/glacier.md",
    only(
        ResourceNotFoundException,
        InvalidParameterValueException,
        MissingParameterValueException,
        ServiceUnavailableException
    ),
    full = "GlacierException"
)]
pub struct DescribeJob;

/// The errors ListJobs returns.
#[derive(ErrorTable)]
#[error_table(
    spec = "spec/glacier.md",
    only(
        ResourceNotFoundException,
        InvalidParameterValueException,
        MissingParameterValueException,
        ServiceUnavailableException
    ),
    full = "GlacierException"
)]
pub struct ListJobs;

/// The errors CreateVault returns.
#[derive(ErrorTable)]
#[error_table(
    spec = "spec/glacier.md",
    only(
        InvalidParameterValueException,
        MissingParameterValueException,
        ServiceUnavailableException,
        LimitExceededException
    ),
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
