//! Prints the Glacier error table as errtable derives it from
//! spec/glacier.md, then reproduces the two example error responses of the
//! Glacier documentation from the derived types.

use errtable::{ErrorTable, Exception};

/// The Glacier error table.
#[derive(ErrorTable)]
#[error_table(spec = "spec/glacier.md")]
pub struct Glacier;

fn print_response(err: &GlacierError) {
    let body = err.to_json();
    println!("HTTP/1.1 {}", err.status());
    if let Some(id) = err.request_id() {
        println!("x-amzn-RequestId: {id}");
    }
    println!("x-amzn-ErrorType: {}", err.code());
    println!("Content-Type: application/json");
    println!("Content-Length: {}", body.len());
    println!();
    println!("{body}");
    println!();
}

fn main() {
    println!(
        "{:<36} {:>6}  {:<7} {:<13} description",
        "code", "status", "type", "retry"
    );
    for e in GlacierException::ALL {
        println!(
            "{:<36} {:>6}  {:<7} {:<13} {}",
            e.code(),
            e.status(),
            e.error_type(),
            format!("{:?}", e.retry_kind()),
            e.description()
        );
    }
    println!();

    println!("Example 1: Describe Job with a job ID that does not exist");
    print_response(
        &GlacierError::new(
            GlacierException::ResourceNotFoundException,
            "The job ID was not found: HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVEXAMPLEbadJobID",
        )
        .with_request_id("AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg"),
    );
    println!("Example 1, with a vault that does not exist");
    print_response(
        &GlacierError::new(
            GlacierException::ResourceNotFoundException,
            "Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/examplevault",
        )
        .with_request_id("AAABBeC9Zw0rp_5D0L8VfB3FA_WlTupqTKAUehMcPhdgni0"),
    );
    println!("Example 2: List Jobs with an invalid statuscode");
    print_response(
        &GlacierError::new(
            GlacierException::InvalidParameterValueException,
            "The job status code is not valid: finished",
        )
        .with_request_id("AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg"),
    );
}
