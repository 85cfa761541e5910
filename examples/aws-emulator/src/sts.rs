//! STS: the AWS query protocol, a form-encoded `Action=<Operation>&...`
//! answered in XML.
//!
//! Emulated: AssumeRole (any role; the credentials it returns are made up
//! and nothing checks them) and GetCallerIdentity. Every other operation of
//! the model is answered with InvalidAction.
//!
//! Errors go as the query protocol sends them: `<ErrorResponse><Error>
//! <Type>Sender</Type><Code>…</Code><Message>…</Message></Error>
//! <RequestId>…</RequestId></ErrorResponse>`, `text/xml`, with the row's
//! query code and status: MalformedPolicyDocumentException goes as
//! `MalformedPolicyDocument`.

use crate::query::{self, escape, Output, Parameters, QueryTable};
use crate::server::Outcome;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use errtable::ErrorTable;
use serde_json::Value;

/// STS's table: its model's error shapes (8, each with a query code) and
/// the common errors of the query services: `StsException`, `StsError`,
/// in the query protocol (the model's). `per_operation` adds
/// [`sts`], a table per operation (`sts::AssumeRoleError`: the
/// model's errors for it and the common ones), and [`StsOperation`], the
/// model's operations.
#[derive(ErrorTable)]
#[error_table(
    spec = "models/sts-2011-06-15.json",
    common = "common/query.md",
    per_operation
)]
pub struct Sts;

impl QueryTable for StsException {
    type Error = StsError;

    fn validation() -> Self {
        StsException::ValidationError
    }
}

/// The parameters of a request to STS.
pub type StsParameters = Parameters<StsException>;

/// STS's API version, which requests send as `Version`.
pub const VERSION: &str = "2011-06-15";

/// The `xmlns` of STS's responses (the model's `xmlNamespace`).
pub const XML_NAMESPACE: &str = "https://sts.amazonaws.com/doc/2011-06-15/";

/// Whether `operation` may send `code`: a row of its table in [`sts`]
/// (the model's errors for it and the common ones).
pub fn may_return(operation: StsOperation, code: &str) -> bool {
    operation.codes().contains(&code)
}

/// Serves one query request, whose URI query is `uri_query` and body
/// `body`, for the request `request_id` (success responses carry it in
/// their XML): the one place that turns an `Action` into a handler.
pub async fn dispatch(request_id: &str, uri_query: Option<&str>, body: Body) -> Response {
    let parameters = match axum::body::to_bytes(body, crate::MAX_BODY).await {
        Ok(bytes) => StsParameters::parse(uri_query, &bytes),
        Err(_) => {
            let error = query::invalid::<StsException>(format!(
                "The request body could not be read whole: it is over {} bytes, or the \
                 connection failed",
                crate::MAX_BODY
            ));
            return respond("-", Err(error));
        }
    };
    let Some(action) = parameters.get("Action") else {
        let error = StsError::new(StsException::MissingAction, "Missing Action");
        return respond("-", Err(error));
    };
    let version = parameters.get("Version").unwrap_or(VERSION);
    let operation = match action.parse::<StsOperation>() {
        Ok(operation) if version == VERSION => operation,
        _ => {
            let error = StsError::new(
                StsException::InvalidAction,
                format!("Could not find operation {action} for version {version}"),
            );
            return respond(action, Err(error));
        }
    };
    let result = call(operation, &parameters, request_id);
    if let Err(error) = &result {
        // The model and the common table say what an operation can send;
        // the emulator sends nothing else.
        debug_assert!(
            may_return(operation, error.code()),
            "{operation} may not send {}",
            error.code()
        );
    }
    respond(action, result)
}

fn call(
    operation: StsOperation,
    parameters: &StsParameters,
    request_id: &str,
) -> Result<Output, StsError> {
    match operation {
        // AssumeRole returns its operation's error; the response is
        // written from the service's table, which has every row.
        StsOperation::AssumeRole => assume_role(parameters, request_id).map_err(StsError::from),
        StsOperation::GetCallerIdentity => Ok(get_caller_identity(request_id)),
        other => Err(StsError::new(
            StsException::InvalidAction,
            format!("This emulator does not implement STS's {other}"),
        )),
    }
}

/// The response, with the [`Outcome`] for the log.
fn respond(action: &str, result: Result<Output, StsError>) -> Response {
    let code = result.as_ref().err().map(|error| error.code().to_owned());
    let mut response = result.into_response();
    response.extensions_mut().insert(Outcome {
        operation: format!("Action={action}"),
        code,
    });
    response
}

/// The role name of a role ARN (`arn:aws:iam::123456789012:role/path/name`
/// gives `name`), or `None` when it is no role ARN.
fn role_name(arn: &str) -> Option<&str> {
    let rest = arn.strip_prefix("arn:")?;
    let mut parts = rest.splitn(5, ':');
    let (partition, service, _region, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let name = resource.strip_prefix("role/")?.rsplit('/').next()?;
    let valid = !partition.is_empty()
        && service == "iam"
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && !name.is_empty();
    valid.then_some(name)
}

/// AssumeRole: made-up credentials for the role, valid for
/// `DurationSeconds` (900 to 43200, default 3600);
/// MalformedPolicyDocumentException for a `Policy` that is not a JSON
/// object, ValidationError for a missing or bad parameter.
fn assume_role(
    parameters: &StsParameters,
    request_id: &str,
) -> Result<Output, sts::AssumeRoleError> {
    let arn = parameters.required("RoleArn")?;
    let session = parameters.required("RoleSessionName")?;
    let role =
        role_name(arn).ok_or_else(|| query::invalid::<StsException>("Request ARN is invalid"))?;
    let session_ok = (2..=64).contains(&session.len())
        && session
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c));
    if !session_ok {
        return Err(query::invalid::<StsException>(format!(
            "1 validation error detected: Value '{session}' at 'roleSessionName' failed to \
             satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
        ))
        .into());
    }
    let duration = match parameters.get("DurationSeconds") {
        None => 3600,
        Some(text) => match text.parse::<u64>() {
            Ok(seconds) if (900..=43_200).contains(&seconds) => seconds,
            _ => {
                return Err(query::invalid::<StsException>(format!(
                    "1 validation error detected: Value '{text}' at 'durationSeconds' failed to \
                     satisfy constraint: Member must have value between 900 and 43200"
                ))
                .into())
            }
        },
    };
    if let Some(policy) = parameters.get("Policy") {
        let parsed: Result<Value, _> = serde_json::from_str(policy);
        if !matches!(parsed, Ok(Value::Object(_))) {
            return Err(sts::AssumeRoleError::new(
                sts::AssumeRoleException::MalformedPolicyDocumentException,
                "The policy is not in the valid JSON format.",
            ));
        }
    }
    let expires = crate::ids::now_epoch_seconds() as u64 + duration;
    let role_id = format!(
        "AROA{}",
        crate::ids::random_string(crate::ids::UPPER_ALNUM, 17)
    );
    let result = format!(
        "<Credentials><AccessKeyId>ASIA{}</AccessKeyId><SecretAccessKey>{}</SecretAccessKey>\
         <SessionToken>{}</SessionToken><Expiration>{}</Expiration></Credentials>\
         <AssumedRoleUser><AssumedRoleId>{}:{}</AssumedRoleId>\
         <Arn>arn:aws:sts::{}:assumed-role/{}/{}</Arn></AssumedRoleUser>",
        crate::ids::random_string(crate::ids::UPPER_ALNUM, 16),
        crate::ids::random_string(crate::ids::BASE64, 40),
        crate::ids::random_string(crate::ids::BASE64, 120),
        crate::ids::rfc3339(expires),
        role_id,
        escape(session),
        crate::ACCOUNT,
        escape(role),
        escape(session),
    );
    Ok(Output::new(
        "AssumeRole",
        XML_NAMESPACE,
        &result,
        request_id,
    ))
}

/// GetCallerIdentity: the account's root, since no credentials are checked.
fn get_caller_identity(request_id: &str) -> Output {
    let account = crate::ACCOUNT;
    let result = format!(
        "<Arn>arn:aws:iam::{account}:root</Arn><UserId>{account}</UserId>\
         <Account>{account}</Account>"
    );
    Output::new("GetCallerIdentity", XML_NAMESPACE, &result, request_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use errtable::Exception;

    const ROLE: &str = "arn:aws:iam::123456789012:role/demo";

    fn parameters(form: &str) -> StsParameters {
        Parameters::parse(None, form.as_bytes())
    }

    #[test]
    fn the_operations_are_the_models() {
        let names: Vec<&str> = StsOperation::ALL.iter().map(|o| o.name()).collect();
        assert_eq!(names, crate::model_operations("models/sts-2011-06-15.json"));
    }

    #[test]
    fn query_codes_come_from_the_model() {
        let malformed = StsException::MalformedPolicyDocumentException;
        assert_eq!(malformed.query_code(), Some("MalformedPolicyDocument"));
        assert_eq!(malformed.status(), 400);
        assert!(may_return(
            StsOperation::AssumeRole,
            "MalformedPolicyDocumentException"
        ));
        assert!(may_return(StsOperation::AssumeRole, "ValidationError"));
        // GetCallerIdentity's table is the common rows alone: the model
        // lists no error for it.
        assert!(!may_return(
            StsOperation::GetCallerIdentity,
            "MalformedPolicyDocumentException"
        ));
        assert_eq!(
            sts::GetCallerIdentityException::ALL.len(),
            StsException::ALL.len() - 8
        );

        let response = StsError::new(malformed, "m").to_http_response();
        let body = String::from_utf8(response.body().clone()).unwrap();
        assert!(
            body.contains("<Code>MalformedPolicyDocument</Code>"),
            "{body}"
        );
        assert!(
            body.contains(&format!("xmlns=\"{XML_NAMESPACE}\"")),
            "{body}"
        );
    }

    #[test]
    fn roles() {
        assert_eq!(role_name(ROLE), Some("demo"));
        assert_eq!(
            role_name("arn:aws:iam::123456789012:role/a/b/deep"),
            Some("deep")
        );
        for bad in [
            "",
            "demo",
            "arn:aws:iam::12:role/x",
            "arn:aws:s3:::b",
            "arn:aws:iam::123456789012:user/u",
        ] {
            assert_eq!(role_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn assume_role_checks_its_parameters() {
        let ok = assume_role(
            &parameters(&format!("RoleArn={ROLE}&RoleSessionName=s1&Policy=%7B%7D")),
            "rid",
        )
        .unwrap();
        let xml = ok.as_str();
        assert!(xml.starts_with(
            "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        ));
        assert!(
            xml.contains("<Arn>arn:aws:sts::000000000000:assumed-role/demo/s1</Arn>"),
            "{xml}"
        );
        assert!(xml.contains("<RequestId>rid</RequestId>"));

        for (form, code) in [
            (
                format!("RoleArn={ROLE}&RoleSessionName=s1&Policy=%7Bnot"),
                "MalformedPolicyDocumentException",
            ),
            (
                format!("RoleArn={ROLE}&RoleSessionName=s1&Policy=%5B%5D"),
                "MalformedPolicyDocumentException",
            ),
            ("RoleSessionName=s1".to_owned(), "ValidationError"),
            (format!("RoleArn={ROLE}"), "ValidationError"),
            (
                "RoleArn=nope&RoleSessionName=s1".to_owned(),
                "ValidationError",
            ),
            (
                format!("RoleArn={ROLE}&RoleSessionName=a%20b"),
                "ValidationError",
            ),
            (
                format!("RoleArn={ROLE}&RoleSessionName=s1&DurationSeconds=60"),
                "ValidationError",
            ),
        ] {
            let error = assume_role(&parameters(&form), "rid").unwrap_err();
            assert_eq!(error.code(), code, "{form}");
        }
        let missing = assume_role(&parameters("RoleSessionName=s1"), "rid").unwrap_err();
        assert_eq!(
            missing.message(),
            "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: \
             Member must not be null"
        );
    }
}
