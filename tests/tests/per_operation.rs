//! `per_operation`: one derive gives the service's table, a table per
//! operation of its model (its errors, the service's and the common ones)
//! converting both ways, and an enum of the operations; every table speaks
//! as the service's does.

use errtable::{ErrorTable, ErrorType, Exception, Protocol, UnknownCode, UnknownOperation};

/// Glacier's model and the errors every service returns.
#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier-2012-06-01.json",
    common = "specs/common.md",
    per_operation
)]
pub struct GlacierService;

/// Renamed module, the service-level names renamed, table-level options
/// given, and a subset that applies to every operation's table.
#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier-2012-06-01.json",
    common = "specs/common.md",
    per_operation,
    module = "vault_ops",
    exception = "VaultException",
    error = "VaultError",
    protocol = "aws-json",
    domain = "vaults.example.com",
    request_id_header = "x-request-id",
    except(ThrottlingException)
)]
#[allow(dead_code)] // only its derived types are used
pub(crate) struct Vaults;

/// A private marker: its operations' tables are visible where it is.
#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier-2012-06-01.json",
    per_operation,
    module = "private_ops"
)]
#[allow(dead_code)] // only its derived types are used
struct Private;

/// A table with AWS query codes, for a row another table lacks.
#[derive(ErrorTable)]
#[error_table(spec = "specs/sqs.json", protocol = "aws-json")]
pub struct Sqs;

fn codes<E: Exception>(all: &[E]) -> Vec<&str> {
    all.iter().map(|e| e.code()).collect()
}

#[test]
fn a_private_markers_tables_are_visible_beside_it() {
    let error = private_ops::DescribeJobError::new(
        private_ops::DescribeJobException::ResourceNotFoundException,
        "gone",
    );
    assert_eq!(PrivateError::from(error).status(), 404);
}

#[test]
fn the_service_table_has_the_model_and_the_common_rows() {
    assert_eq!(GlacierServiceException::ALL.len(), 8 + 3);
    assert!(GlacierServiceException::lookup("AccessDeniedException").is_some());
}

#[test]
fn each_operation_has_its_errors_and_the_common_ones() {
    use glacier_service::DescribeJobException as D;
    assert_eq!(
        codes(D::ALL),
        [
            "InvalidParameterValueException",
            "MissingParameterValueException",
            "ResourceNotFoundException",
            "ServiceUnavailableException",
            "AccessDeniedException",
            "ThrottlingException",
            "InternalFailure",
        ]
    );
    assert_eq!(D::AccessDeniedException.status(), 403);
    // `except` applies to every operation's table too.
    assert!(vault_ops::DescribeJobException::lookup("ThrottlingException").is_none());
    assert!(VaultException::lookup("ThrottlingException").is_none());
}

#[test]
fn the_operations_enum_names_each_operation_and_its_codes() {
    assert_eq!(GlacierServiceOperation::ALL.len(), 33);
    let describe: GlacierServiceOperation = "DescribeJob".parse().unwrap();
    assert_eq!(describe, GlacierServiceOperation::DescribeJob);
    assert_eq!(describe.name(), "DescribeJob");
    assert_eq!(describe.to_string(), "DescribeJob");
    assert_eq!(
        describe.codes(),
        codes(glacier_service::DescribeJobException::ALL).as_slice()
    );
    assert_eq!(
        "DescribeJobs".parse::<GlacierServiceOperation>(),
        Err(UnknownOperation("DescribeJobs".into()))
    );
    for operation in GlacierServiceOperation::ALL {
        assert_eq!(
            operation.name().parse::<GlacierServiceOperation>(),
            Ok(*operation)
        );
        assert!(operation.codes().contains(&"AccessDeniedException"));
    }
}

/// A handler of one operation that uses `?` on the service's errors.
fn describe_job(vault: &str) -> Result<(), glacier_service::DescribeJobError> {
    let found: Result<(), GlacierServiceError> = match vault {
        "limited" => Err(GlacierServiceError::new(
            GlacierServiceException::LimitExceededException,
            "too many jobs",
        )
        .with_request_id("r-1")
        .with_field("Limit", 10)),
        "missing" => Err(GlacierServiceError::new(
            GlacierServiceException::ResourceNotFoundException,
            "no vault",
        )),
        _ => Ok(()),
    };
    found?;
    Ok(())
}

#[test]
fn service_errors_convert_into_every_operations_and_back() {
    // A row of the operation's table becomes that row.
    let missing = describe_job("missing").unwrap_err();
    assert_eq!(
        missing.exception(),
        &glacier_service::DescribeJobException::ResourceNotFoundException
    );
    // A row the operation lacks becomes its unknown, keeping the code,
    // type, status, message, request id and fields.
    let limited = describe_job("limited").unwrap_err();
    assert!(!limited.exception().is_known());
    assert_eq!(limited.code(), "LimitExceededException");
    assert_eq!(limited.status(), 400);
    assert_eq!(limited.error_type(), ErrorType::Client);
    assert_eq!(limited.message(), "too many jobs");
    assert_eq!(limited.request_id(), Some("r-1"));
    assert_eq!(limited.field("Limit"), Some(&serde_json::json!(10)));
    let body = limited.to_body(&Protocol::RestJson);
    let widened = GlacierServiceError::from(limited);
    // Back in the service's table it is the row again, and sends the same.
    assert_eq!(
        widened.exception(),
        &GlacierServiceException::LimitExceededException
    );
    assert_eq!(widened.to_body(&Protocol::RestJson), body);
}

#[test]
fn a_row_another_table_lacks_keeps_its_query_code_and_members() {
    let queue = UnknownCode::of(&SqsException::QueueDoesNotExist);
    let foreign = GlacierServiceException::Unknown(queue);
    assert_eq!(foreign.code(), "QueueDoesNotExist");
    assert_eq!(
        foreign.query_code(),
        Some("AWS.SimpleQueueService.NonExistentQueue")
    );
    assert_eq!(foreign.status(), 400);
    let error = GlacierServiceError::new(foreign, "no queue");
    let response = error.to_http_response_in(&Protocol::AwsJson);
    assert_eq!(
        response.headers()["x-amzn-query-error"],
        "AWS.SimpleQueueService.NonExistentQueue;Sender"
    );
}

#[test]
fn operations_tables_speak_as_the_services() {
    use errtable::__private::Table;
    assert_eq!(
        vault_ops::DescribeJobException::protocol(),
        Protocol::AwsJson
    );
    assert_eq!(
        vault_ops::DescribeJobException::domain(),
        "vaults.example.com"
    );
    let error = vault_ops::DescribeJobError::new(
        vault_ops::DescribeJobException::ResourceNotFoundException,
        "gone",
    )
    .with_request_id("r-2");
    let response = error.to_http_response();
    assert_eq!(response.headers()["x-request-id"], "r-2");
    assert_eq!(
        response.headers()["content-type"],
        "application/x-amz-json-1.0"
    );
    // Without options, the service's own defaults: its model's protocol,
    // the crate's name as domain.
    assert_eq!(
        glacier_service::ListJobsException::protocol(),
        GlacierServiceException::protocol()
    );
    assert_eq!(
        glacier_service::ListJobsException::domain(),
        "errtable-tests"
    );
}
