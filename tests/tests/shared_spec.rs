//! One spec, several crates: the workspace's service crates derive from the
//! same spec/glacier.md, and the spec-owning crate exports per-operation
//! subsets that convert into the service-wide type.

use errtable::{ErrorType, Exception, UnknownCode};
use glacier_errors::{
    BackendException, CreateVaultException, DescribeJobError, DescribeJobException, GlacierError,
    GlacierException, ListJobsException,
};
use job_service::{JobsError, JobsException};
use vault_service::{VaultStore, VaultsError, VaultsException};

#[test]
fn distinct_types_speak_the_same_wire_format() {
    assert_eq!(VaultsException::ALL.len(), JobsException::ALL.len());
    for (vault, job) in VaultsException::ALL.iter().zip(JobsException::ALL) {
        let sent = VaultsError::new(vault.clone(), format!("from vaults: {vault}"));
        let received = JobsError::from_json(sent.to_json().as_bytes()).unwrap();
        assert_eq!(received.exception(), job);
        assert_eq!(received.code(), sent.code());
        assert_eq!(received.status(), sent.status());
        assert_eq!(received.error_type(), sent.error_type());
        assert_eq!(received.message(), sent.message());
        // And the spec-owning crate's type reads it the same way.
        let owned = GlacierError::from_json(sent.to_json().as_bytes()).unwrap();
        assert_eq!(owned.code(), sent.code());
        assert_eq!(owned.status(), sent.status());
    }
}

#[test]
fn a_service_error_travels_between_crates() {
    let mut store = VaultStore::with_limit(1);
    store.create("a").unwrap();
    let full = store.create("b").unwrap_err();
    assert_eq!(full.exception(), &VaultsException::LimitExceededException);
    let body = full.to_json();
    let seen_by_jobs = JobsError::from_json(body.as_bytes()).unwrap();
    assert_eq!(
        seen_by_jobs.exception(),
        &JobsException::LimitExceededException
    );
    assert!(!seen_by_jobs.retry_kind().is_retryable());

    let bad = job_service::check_status_code("finished").unwrap_err();
    assert_eq!(
        bad.to_json(),
        r#"{"code":"InvalidParameterValueException","message":"The job status code is not valid: finished","type":"Client"}"#
    );
    let widened: JobsError = bad.convert();
    assert_eq!(
        widened.exception(),
        &JobsException::InvalidParameterValueException
    );
}

#[test]
fn subsets_hold_only_their_codes() {
    let codes =
        |all: &[DescribeJobException]| all.iter().map(|e| e.code().to_owned()).collect::<Vec<_>>();
    // The model's errors of the operation and the docs' common ones (codes
    // the model lacks), in spec order.
    assert_eq!(
        codes(DescribeJobException::ALL),
        [
            "AccessDeniedException",
            "BadRequest",
            "ExpiredTokenException",
            "InvalidParameterValueException",
            "InvalidSignatureException",
            "MissingAuthenticationTokenException",
            "MissingParameterValueException",
            "ResourceNotFoundException",
            "SerializationException",
            "ServiceUnavailableException",
            "ThrottlingException",
            "UnrecognizedClientException"
        ],
        "spec order, not attribute order"
    );
    assert_eq!(ListJobsException::ALL.len(), 12);
    assert_eq!(CreateVaultException::ALL.len(), 12);
    assert_eq!(BackendException::ALL.len(), 11);
    assert!(!BackendException::from_code("AccessDeniedException").is_known());
}

#[test]
fn subset_converts_into_the_full_enum_and_back() {
    for sub in DescribeJobException::ALL {
        let full: GlacierException = sub.clone().into();
        assert_eq!(full.code(), sub.code());
        assert_eq!(DescribeJobException::try_from(full).unwrap(), *sub);
    }
    // A full exception the operation cannot return stays with the caller.
    let limited = GlacierException::LimitExceededException;
    assert_eq!(
        DescribeJobException::try_from(limited.clone()),
        Err(limited)
    );
    // A code unknown to the subset but known to the table converts to the
    // table's variant, not to the unknown one.
    let arrived = DescribeJobException::Unknown(
        UnknownCode::new("LimitExceededException").with_error_type(ErrorType::Client),
    );
    assert!(!arrived.is_known());
    assert_eq!(
        GlacierException::from(arrived),
        GlacierException::LimitExceededException
    );
    // A code nobody knows stays unknown on both sides, with its status.
    let novel = DescribeJobException::Unknown(
        UnknownCode::new("BrandNewException")
            .with_error_type(ErrorType::Server)
            .with_status(502),
    );
    let full = GlacierException::from(novel.clone());
    assert_eq!((full.code(), full.status()), ("BrandNewException", 502));
    assert_eq!(DescribeJobException::try_from(full).unwrap(), novel);
}

#[test]
fn service_errors_convert_with_their_message_and_request_id() {
    let op = DescribeJobError::new(DescribeJobException::ResourceNotFoundException, "no job")
        .with_request_id("r-1");
    let wide: GlacierError = op.clone().convert();
    assert_eq!(wide.code(), "ResourceNotFoundException");
    assert_eq!((wide.message(), wide.request_id()), ("no job", Some("r-1")));
    assert_eq!(wide.clone().try_convert::<DescribeJobError>(), Ok(op));
    let other = GlacierError::new(GlacierException::PolicyEnforcedException, "m");
    assert_eq!(other.clone().try_convert::<DescribeJobError>(), Err(other));
}
