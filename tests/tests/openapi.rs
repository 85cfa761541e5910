//! The `utoipa` feature: OpenAPI documents built with utoipa's own derive,
//! whose operations list every error of their table (a whole table, a
//! per-operation subset, and one table per protocol), checked here and by
//! openapi-spec-validator, with every example checked against its schema
//! (`tests/scripts/validate_openapi.py`).

mod support;

use errtable::{ErrorTable, Exception, Protocol};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::process::Command;
use support::*;
use utoipa::OpenApi;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

/// Glacier's published model, and DescribeJob's errors by it.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier-2012-06-01.json")]
pub struct GlacierModel;

#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier-2012-06-01.json",
    operation = "DescribeJob",
    full = "GlacierModelException"
)]
pub struct DescribeJob;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/s3.json", protocol = "rest-xml")]
pub struct S3;

#[derive(ErrorTable)]
#[error_table(spec = "specs/sqs.json", protocol = "aws-json")]
pub struct Sqs;

#[derive(ErrorTable)]
#[error_table(spec = "specs/sts.json", protocol = "query")]
pub struct Sts;

#[derive(ErrorTable)]
#[error_table(spec = "specs/ec2.json", protocol = "ec2")]
pub struct Ec2;

#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier.md",
    exception = "ProblemException",
    error = "ProblemError",
    protocol = "problem-json",
    problem_type = "https://errors.example.com/"
)]
pub struct Problems;

#[derive(ErrorTable)]
#[error_table(
    spec = "specs/google-reasons.md",
    protocol = "google-json",
    domain = "bookshop.example.com"
)]
pub struct Books;

/// Describes a vault.
#[utoipa::path(
    get,
    path = "/{accountId}/vaults/{vaultName}",
    operation_id = "DescribeVault",
    params(("accountId" = String, Path), ("vaultName" = String, Path)),
    responses((status = 200, description = "The vault's description"), GlacierError)
)]
#[allow(dead_code)]
fn describe_vault() {}

/// Describes a job, which can fail in fewer ways.
#[utoipa::path(
    get,
    path = "/{accountId}/vaults/{vaultName}/jobs/{jobId}",
    operation_id = "DescribeJob",
    params(("accountId" = String, Path), ("vaultName" = String, Path), ("jobId" = String, Path)),
    responses((status = 200, description = "The job's description"), DescribeJobError)
)]
#[allow(dead_code)]
fn describe_job() {}

#[utoipa::path(
    get,
    path = "/s3/{Bucket}/{Key}",
    params(("Bucket" = String, Path), ("Key" = String, Path)),
    responses(S3Error)
)]
#[allow(dead_code)]
fn get_object() {}

#[utoipa::path(post, path = "/sqs", responses(SqsError))]
#[allow(dead_code)]
fn sqs() {}

#[utoipa::path(post, path = "/sts", responses(StsError))]
#[allow(dead_code)]
fn sts() {}

#[utoipa::path(post, path = "/ec2", responses(Ec2Error))]
#[allow(dead_code)]
fn ec2() {}

#[utoipa::path(get, path = "/problems", responses(ProblemError))]
#[allow(dead_code)]
fn problems() {}

#[utoipa::path(get, path = "/books", responses(BooksError))]
#[allow(dead_code)]
fn books() {}

#[derive(OpenApi)]
#[openapi(
    info(title = "errtable OpenAPI test", version = "1.0.0"),
    paths(
        describe_vault,
        describe_job,
        get_object,
        sqs,
        sts,
        ec2,
        problems,
        books
    )
)]
struct Api;

fn document() -> Value {
    serde_json::to_value(Api::openapi()).unwrap()
}

fn responses<'a>(document: &'a Value, path: &str, method: &str) -> &'a Value {
    &document["paths"][path][method]["responses"]
}

fn statuses(responses: &Value) -> Vec<&str> {
    responses
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

/// The table's codes sent with `status`, in table order.
fn codes_with<E: Exception>(status: u16) -> Vec<&'static str> {
    E::all()
        .iter()
        .filter(|e| e.status() == status)
        .map(|e| e.code())
        .collect()
}

/// Every example of `responses` in `protocol`: each is the body errtable
/// writes for its code, reads back as that code, and sits under the status
/// the table gives the code. The number of examples.
fn examples_read_back<E: Exception>(responses: &Value, protocol: &Protocol) -> usize {
    let media = protocol.content_type();
    let mut seen = 0;
    for (status, response) in responses.as_object().unwrap() {
        let Some(examples) = response["content"][media]["examples"].as_object() else {
            continue;
        };
        for (code, example) in examples {
            let exception = E::from_code(code);
            assert!(exception.is_known(), "{code}");
            assert_eq!(exception.status().to_string(), *status, "{code}");
            assert_eq!(example["summary"], code.as_str());
            let body = match &example["value"] {
                Value::String(xml) => xml.clone().into_bytes(),
                json => serde_json::to_vec(json).unwrap(),
            };
            let read = errtable::ServiceError::<E>::from_body(protocol, &body)
                .unwrap_or_else(|err| panic!("{code}: {err}"));
            assert_eq!(read.exception(), &exception);
            let message = match exception.description() {
                "" => code.as_str(),
                description => description,
            };
            assert_eq!(read.message(), message);
            seen += 1;
        }
    }
    seen
}

#[test]
fn an_operation_lists_each_status_of_its_table() {
    let document = document();
    let vault = responses(&document, "/{accountId}/vaults/{vaultName}", "get");
    assert_eq!(
        statuses(vault),
        ["200", "400", "403", "404", "408", "500", "503"]
    );
    assert_eq!(vault["200"]["description"], "The vault's description");

    let not_found = &vault["404"];
    assert_eq!(
        not_found["description"],
        "- `ResourceNotFoundException`: Returned if the specified resource such as a vault, \
         upload ID, or job ID does not exist."
    );
    let content = &not_found["content"]["application/json"];
    assert_eq!(
        content["schema"],
        json!({
            "type": "object",
            "properties": {
                "code": {"type": "string", "enum": ["ResourceNotFoundException"]},
                "message": {"type": "string", "description": "What went wrong, for this request."},
                "type": {"type": "string", "enum": ["Client"]},
            },
            "required": ["code", "type"],
        })
    );
    // The example is exactly the body the service sends for the code.
    let sent = GlacierError::new(
        GlacierException::ResourceNotFoundException,
        GlacierException::ResourceNotFoundException.description(),
    )
    .to_http_response();
    assert_eq!(
        content["examples"]["ResourceNotFoundException"]["value"],
        serde_json::from_slice::<Value>(sent.body()).unwrap()
    );
    // The headers the protocol sends, the code's as the status's codes.
    assert_eq!(
        not_found["headers"],
        json!({
            "x-amzn-ErrorType": {
                "schema": {"type": "string", "enum": ["ResourceNotFoundException"]},
                "description": "The error code, which clients read before the body's.",
            },
            "x-amzn-RequestId": {
                "schema": {"type": "string"},
                "description": "The request's id.",
            },
        })
    );

    // A status several codes share: each is in the enum and has an example.
    let bad_request = &vault["400"]["content"]["application/json"];
    let expected = codes_with::<GlacierException>(400);
    assert_eq!(expected.len(), 9);
    assert_eq!(
        bad_request["schema"]["properties"]["code"]["enum"],
        json!(expected)
    );
    let examples: Vec<&str> = bad_request["examples"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        examples.iter().collect::<BTreeSet<_>>(),
        expected.iter().collect::<BTreeSet<_>>()
    );
    assert_eq!(
        vault["500"]["content"]["application/json"]["schema"]["properties"]["type"]["enum"],
        json!(["Server"])
    );
    let seen = examples_read_back::<GlacierException>(vault, &Protocol::RestJson);
    assert_eq!(seen, GlacierException::ALL.len());
}

#[test]
fn a_per_operation_table_lists_only_its_errors() {
    let document = document();
    let job = responses(
        &document,
        "/{accountId}/vaults/{vaultName}/jobs/{jobId}",
        "get",
    );
    assert_eq!(statuses(job), ["200", "400", "404", "500"]);
    assert_eq!(
        job["400"]["content"]["application/json"]["schema"]["properties"]["code"]["enum"],
        json!([
            "InvalidParameterValueException",
            "MissingParameterValueException"
        ])
    );
    // The whole model has more 400s (LimitExceededException, ...).
    assert!(codes_with::<GlacierModelException>(400).len() > 2);
    assert_eq!(
        examples_read_back::<DescribeJobException>(job, &Protocol::RestJson),
        DescribeJobException::ALL.len()
    );
}

#[test]
fn every_protocol_documents_its_own_body_and_headers() {
    let document = document();

    // S3: XML bodies with the request id in them; a 304 has no body.
    let s3 = responses(&document, "/s3/{Bucket}/{Key}", "get");
    assert!(s3["304"]["content"].is_null());
    assert!(s3["304"]["description"]
        .as_str()
        .unwrap()
        .contains("`NotModified`"));
    let no_such_key = &s3["404"]["content"]["application/xml"];
    assert_eq!(no_such_key["schema"]["xml"]["name"], "Error");
    let example = no_such_key["examples"]["NoSuchKey"]["value"]
        .as_str()
        .unwrap();
    assert!(example.starts_with("<?xml"), "{example}");
    assert!(example.contains("<Code>NoSuchKey</Code>"), "{example}");
    assert!(example.contains("<RequestId>AAAB"), "{example}");
    assert!(s3["404"]["headers"]["x-amz-request-id"].is_object());
    assert!(s3["404"]["headers"]["x-amzn-ErrorType"].is_null());
    let s3_examples = examples_read_back::<S3Exception>(s3, &Protocol::RestXml);
    // Every row but the 304.
    assert_eq!(s3_examples, S3Exception::ALL.len() - 1);

    // SQS over AWS JSON: `__type`, and the query code header for rows
    // that have one.
    let sqs = responses(&document, "/sqs", "post");
    let queue = &sqs["400"];
    assert_eq!(
        queue["content"]["application/x-amz-json-1.0"]["schema"]["required"],
        json!(["__type"])
    );
    assert_eq!(
        queue["headers"]["x-amzn-query-error"]["schema"]["enum"],
        json!(["AWS.SimpleQueueService.NonExistentQueue;Sender"])
    );
    assert!(sqs["404"]["headers"]["x-amzn-query-error"].is_null());
    assert_eq!(
        examples_read_back::<SqsException>(sqs, &Protocol::AwsJson),
        SqsException::ALL.len()
    );

    // Query and EC2: their XML forms.
    let sts = responses(&document, "/sts", "post");
    assert_eq!(
        sts["400"]["content"]["text/xml"]["schema"]["xml"]["name"],
        "ErrorResponse"
    );
    assert_eq!(
        examples_read_back::<StsException>(sts, &Protocol::Query),
        StsException::ALL.len()
    );
    let ec2 = responses(&document, "/ec2", "post");
    assert_eq!(
        ec2["400"]["content"]["text/xml;charset=UTF-8"]["schema"]["properties"]["Errors"]["items"]
            ["xml"]["name"],
        "Error"
    );
    assert_eq!(
        examples_read_back::<Ec2Exception>(ec2, &Protocol::Ec2),
        Ec2Exception::ALL.len()
    );

    // Problem details, with the table's `type` base.
    let problems = responses(&document, "/problems", "get");
    let not_found = &problems["404"]["content"]["application/problem+json"];
    assert_eq!(
        not_found["schema"]["properties"]["type"]["enum"],
        json!(["https://errors.example.com/ResourceNotFoundException"])
    );
    assert_eq!(
        not_found["examples"]["ResourceNotFoundException"]["value"]["status"],
        404
    );
    let problem_protocol = Protocol::problem_json("https://errors.example.com/");
    assert_eq!(
        examples_read_back::<ProblemException>(problems, &problem_protocol),
        ProblemException::ALL.len()
    );

    // Google's: the status's gRPC codes, the rows' reasons, the domain.
    let books = responses(&document, "/books", "get");
    let conflict = &books["409"]["content"]["application/json; charset=UTF-8"]["schema"];
    let error = &conflict["properties"]["error"];
    assert_eq!(conflict["required"], json!(["error"]));
    assert_eq!(error["properties"]["code"]["enum"], json!([409]));
    assert_eq!(
        error["properties"]["status"]["enum"],
        json!(["FAILED_PRECONDITION", "ABORTED"])
    );
    let detail = &error["properties"]["details"]["items"]["properties"];
    assert_eq!(
        detail["reason"]["enum"],
        json!(["SHELF_FULL", "BOOKSHOP_SHELF_LOCKED"])
    );
    assert_eq!(detail["domain"]["enum"], json!(["bookshop.example.com"]));
    assert_eq!(
        examples_read_back::<BooksException>(books, &Protocol::GoogleJson),
        BooksException::ALL.len()
    );
}

#[test]
fn another_protocol_on_request() {
    // A service that sends the Glacier table's errors as problem details.
    let responses =
        errtable::ServiceError::<GlacierException>::openapi_responses_in(&Protocol::ProblemJson {
            type_base: None,
        });
    let value = serde_json::to_value(&responses).unwrap();
    assert_eq!(
        value["404"]["content"]["application/problem+json"]["schema"]["properties"]["type"]["enum"],
        json!(["about:blank"])
    );
}

/// Runs the validator script on `document`; its counts, or its complaints.
fn validate(document: &Value, name: &str) -> Result<Value, String> {
    let dir = scratch_dir(name);
    let path = dir.join("openapi.json");
    std::fs::write(&path, serde_json::to_vec_pretty(document).unwrap()).unwrap();
    let output = Command::new("python3")
        .arg(workspace_root().join("tests/scripts/validate_openapi.py"))
        .arg(&path)
        .output()
        .expect("python3 runs");
    if output.status.success() {
        Ok(serde_json::from_slice(&output.stdout).expect("the script's counts"))
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

#[test]
fn the_document_passes_openapi_spec_validator() {
    if !python_has("openapi_spec_validator") {
        return;
    }
    let document = document();
    let counts = validate(&document, "openapi-valid").unwrap_or_else(|err| panic!("{err}"));
    let examples = GlacierException::ALL.len()
        + DescribeJobException::ALL.len()
        + (S3Exception::ALL.len() - 1)
        + SqsException::ALL.len()
        + StsException::ALL.len()
        + Ec2Exception::ALL.len()
        + ProblemException::ALL.len()
        + BooksException::ALL.len();
    let xml = (S3Exception::ALL.len() - 1) + StsException::ALL.len() + Ec2Exception::ALL.len();
    assert_eq!(counts["json_examples"], examples - xml);
    assert_eq!(counts["xml_examples"], xml);

    // The checks can fail: a response without its description is not
    // OpenAPI, and an example that leaves its schema's enum is caught, in
    // JSON and in XML.
    let mut broken = document.clone();
    let vault = "/{accountId}/vaults/{vaultName}";
    broken["paths"][vault]["get"]["responses"]["404"]
        .as_object_mut()
        .unwrap()
        .remove("description");
    assert!(validate(&broken, "openapi-no-description").is_err());

    let mut wrong_code = document.clone();
    wrong_code["paths"][vault]["get"]["responses"]["404"]["content"]["application/json"]
        ["examples"]["ResourceNotFoundException"]["value"]["code"] = json!("NoSuchVault");
    let err = validate(&wrong_code, "openapi-wrong-code").unwrap_err();
    assert!(err.contains("'NoSuchVault' is not one of"), "{err}");

    let mut wrong_xml = document;
    let example = &mut wrong_xml["paths"]["/s3/{Bucket}/{Key}"]["get"]["responses"]["404"]
        ["content"]["application/xml"]["examples"]["NoSuchKey"]["value"];
    *example = json!(example
        .as_str()
        .unwrap()
        .replace("<Code>NoSuchKey</Code>", "<Code>NoSuchThing</Code>"));
    let err = validate(&wrong_xml, "openapi-wrong-xml").unwrap_err();
    assert!(err.contains("'NoSuchThing' is not one of"), "{err}");
}
