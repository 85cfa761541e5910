//! SQS: AWS JSON 1.0 with the `awsQueryCompatible` trait, `X-Amz-Target:
//! AmazonSQS.<Operation>`; queues and their messages in memory.
//!
//! Emulated: CreateQueue, GetQueueUrl, GetQueueAttributes, SendMessage,
//! ReceiveMessage (a message received is invisible for the queue's
//! `VisibilityTimeout`, 30 s unless set; `WaitTimeSeconds` is not waited)
//! and DeleteMessage. Every other operation of the model is answered with
//! InvalidAction.
//!
//! SQS once spoke the query protocol, and its clients still branch on the
//! query codes: the model's rows carry them (`awsQueryError`), and the
//! runtime sends each in `x-amzn-query-error: <query code>;Sender`, from
//! which boto3 takes the error's code (QueueDoesNotExist arrives as
//! `AWS.SimpleQueueService.NonExistentQueue`).

use crate::json::{self, Input, JsonTable, Output};
use crate::server::Outcome;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use errtable::ErrorTable;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// SQS's table: its model's error shapes (28, 24 with a query code) and
/// the common errors of the JSON services: `SqsException`, `SqsError`, in
/// AWS JSON 1.0 (the model's protocol). `per_operation` adds
/// [`sqs`], a table per operation (`sqs::GetQueueUrlError`: the
/// model's errors for it and the common ones), and [`SqsOperation`], the
/// model's operations.
#[derive(ErrorTable)]
#[error_table(
    spec = "models/sqs-2012-11-05.json",
    common = "common/json.md",
    per_operation
)]
pub struct Sqs;

impl JsonTable for SqsException {
    type Error = SqsError;

    fn validation() -> Self {
        SqsException::ValidationException
    }

    fn serialization() -> Self {
        SqsException::SerializationException
    }
}

/// An input read for SQS.
pub type SqsInput = Input<SqsException>;

/// What `X-Amz-Target` starts with: the service's `targetPrefix` and a dot.
pub const TARGET_PREFIX: &str = "AmazonSQS.";

/// Whether `operation` may send `code`: a row of its table in [`sqs`]
/// (the model's errors for it and the common ones).
pub fn may_return(operation: SqsOperation, code: &str) -> bool {
    operation.codes().contains(&code)
}

/// Serves one request for the operation `name` (what follows
/// [`TARGET_PREFIX`]) whose body is `body`; queue URLs are made with `host`
/// (the request's `Host`), so that clients reach this emulator through
/// them. The one place that turns an operation name into a handler.
pub async fn dispatch(queues: &Queues, host: &str, name: &str, body: Body) -> Response {
    let Ok(operation) = name.parse::<SqsOperation>() else {
        return respond(name, Err(unknown_operation(name)));
    };
    let result = match read_input(body).await {
        Ok(input) => call(queues, host, operation, &input),
        Err(error) => Err(error),
    };
    if let Err(error) = &result {
        // The model and the common table say what an operation can send;
        // the emulator sends nothing else.
        debug_assert!(
            may_return(operation, error.code()),
            "{operation} may not send {}",
            error.code()
        );
    }
    respond(name, result)
}

async fn read_input(body: Body) -> Result<SqsInput, SqsError> {
    match axum::body::to_bytes(body, crate::MAX_BODY).await {
        Ok(bytes) => Input::parse(&bytes),
        Err(_) => Err(json::invalid::<SqsException>(format!(
            "The request body could not be read whole: it is over {} bytes, or the connection \
             failed",
            crate::MAX_BODY
        ))),
    }
}

fn call(
    queues: &Queues,
    host: &str,
    operation: SqsOperation,
    input: &SqsInput,
) -> Result<Output, SqsError> {
    use SqsOperation as Op;
    // Each handler returns its operation's error; the response is written
    // from the service's table, which has every row.
    match operation {
        Op::CreateQueue => queues.create_queue(host, input).map_err(SqsError::from),
        Op::GetQueueUrl => queues.get_queue_url(host, input).map_err(SqsError::from),
        Op::GetQueueAttributes => queues.get_queue_attributes(input).map_err(SqsError::from),
        Op::SendMessage => queues.send_message(input).map_err(SqsError::from),
        Op::ReceiveMessage => queues.receive_message(input).map_err(SqsError::from),
        Op::DeleteMessage => queues.delete_message(input).map_err(SqsError::from),
        other => Err(SqsError::new(
            SqsException::InvalidAction,
            format!("This emulator does not implement SQS's {other}"),
        )),
    }
}

/// InvalidAction for an `X-Amz-Target` that names no SQS operation.
fn unknown_operation(name: &str) -> SqsError {
    SqsError::new(
        SqsException::InvalidAction,
        format!("{TARGET_PREFIX}{name} is not an operation of SQS"),
    )
}

/// The response, with the [`Outcome`] for the log.
fn respond(name: &str, result: Result<Output, SqsError>) -> Response {
    let code = result.as_ref().err().map(|error| error.code().to_owned());
    let mut response = result.into_response();
    response.extensions_mut().insert(Outcome {
        operation: format!("{TARGET_PREFIX}{name}"),
        code,
    });
    response
}

// The store ---------------------------------------------------------------

/// The queue attributes CreateQueue and GetQueueAttributes know, with the
/// defaults of those a queue always has.
const ATTRIBUTES: [(&str, Option<&str>); 15] = [
    ("DelaySeconds", Some("0")),
    ("MaximumMessageSize", Some("262144")),
    ("MessageRetentionPeriod", Some("345600")),
    ("ReceiveMessageWaitTimeSeconds", Some("0")),
    ("VisibilityTimeout", Some("30")),
    ("SqsManagedSseEnabled", Some("true")),
    ("Policy", None),
    ("RedrivePolicy", None),
    ("RedriveAllowPolicy", None),
    ("FifoQueue", None),
    ("ContentBasedDeduplication", None),
    ("KmsMasterKeyId", None),
    ("KmsDataKeyReusePeriodSeconds", None),
    ("DeduplicationScope", None),
    ("FifoThroughputLimit", None),
];

/// The attributes GetQueueAttributes computes.
const COMPUTED: [&str; 6] = [
    "QueueArn",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
];

/// The largest message body, in bytes.
const MAX_MESSAGE: usize = 262_144;

/// SQS's queues, in memory.
#[derive(Debug, Default)]
pub struct Queues(Mutex<BTreeMap<String, Queue>>);

/// A queue: its attributes and messages.
#[derive(Debug)]
struct Queue {
    name: String,
    /// The attributes CreateQueue set.
    attributes: BTreeMap<String, String>,
    /// Seconds since the Unix epoch.
    created: u64,
    messages: Vec<Message>,
    /// The next message's sequence number, in its receipt handles.
    next_sequence: u64,
}

/// A message: its body and, once received, the receipt handle of its last
/// receipt and when it is visible again.
#[derive(Debug)]
struct Message {
    id: String,
    body: String,
    md5: String,
    sequence: u64,
    receipt: Option<String>,
    visible_at: Instant,
}

impl Queue {
    fn arn(&self) -> String {
        format!(
            "arn:aws:sqs:{}:{}:{}",
            crate::REGION,
            crate::ACCOUNT,
            self.name
        )
    }

    /// The attribute `name`: set, computed, or its default.
    fn attribute(&self, name: &str, now: Instant) -> Option<String> {
        if let Some(value) = self.attributes.get(name) {
            return Some(value.clone());
        }
        let count = |visible: bool| {
            self.messages
                .iter()
                .filter(|message| (message.visible_at <= now) == visible)
                .count()
                .to_string()
        };
        match name {
            "QueueArn" => Some(self.arn()),
            "ApproximateNumberOfMessages" => Some(count(true)),
            "ApproximateNumberOfMessagesNotVisible" => Some(count(false)),
            "ApproximateNumberOfMessagesDelayed" => Some("0".to_owned()),
            "CreatedTimestamp" | "LastModifiedTimestamp" => Some(self.created.to_string()),
            _ => ATTRIBUTES
                .iter()
                .find(|(known, _)| *known == name)
                .and_then(|(_, default)| default.map(str::to_owned)),
        }
    }

    fn visibility_timeout(&self) -> u64 {
        self.attribute("VisibilityTimeout", Instant::now())
            .and_then(|value| value.parse().ok())
            .unwrap_or(30)
    }
}

/// A queue's URL for clients of this emulator: the request's host, the
/// account, the name (SQS's own are `https://sqs.<region>.amazonaws.com/
/// <account>/<name>`).
fn queue_url(host: &str, name: &str) -> String {
    format!("http://{host}/{}/{name}", crate::ACCOUNT)
}

/// The queue a URL names: its last path segment, as SQS resolves them.
fn queue_name(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
}

/// QueueDoesNotExist, sent with its query code
/// `AWS.SimpleQueueService.NonExistentQueue`.
fn no_such_queue() -> SqsError {
    SqsError::new(
        SqsException::QueueDoesNotExist,
        "The specified queue does not exist.",
    )
}

/// A queue name as SQS allows them: 1 to 80 of `[A-Za-z0-9_-]`, plus
/// `.fifo` for FIFO queues.
fn check_queue_name(name: &str) -> Result<(), SqsError> {
    let base = name.strip_suffix(".fifo").unwrap_or(name);
    let valid = (1..=80).contains(&name.len())
        && !base.is_empty()
        && base
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if valid {
        Ok(())
    } else {
        Err(SqsError::new(
            SqsException::InvalidParameterValue,
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
        ))
    }
}

/// A receipt handle: `AQEB`, then the message's sequence number and a
/// random nonce, in hex. Anything else is not one.
fn receipt_handle(sequence: u64) -> String {
    format!("AQEB{sequence:016x}{:016x}", crate::ids::random_u64())
}

/// The sequence number of a well-formed receipt handle.
fn receipt_sequence(handle: &str) -> Option<u64> {
    let hex = handle.strip_prefix("AQEB")?;
    if hex.len() != 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(&hex[..16], 16).ok()
}

fn md5_hex(text: &str) -> String {
    use md5::Digest;
    md5::Md5::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The attributes of a CreateQueue: each known, with a value SQS takes.
fn create_attributes(
    given: Option<&Map<String, Value>>,
) -> Result<BTreeMap<String, String>, SqsError> {
    let mut attributes = BTreeMap::new();
    for (name, value) in given.into_iter().flatten() {
        if !ATTRIBUTES.iter().any(|(known, _)| known == name) {
            return Err(SqsError::new(
                SqsException::InvalidAttributeName,
                format!("Unknown Attribute {name}."),
            ));
        }
        let Some(value) = value.as_str() else {
            return Err(SqsError::new(
                SqsException::SerializationException,
                format!("Attribute {name} must be a string"),
            ));
        };
        let numeric_limit = match name.as_str() {
            "VisibilityTimeout" => Some(43_200),
            "DelaySeconds" => Some(900),
            "ReceiveMessageWaitTimeSeconds" => Some(20),
            _ => None,
        };
        if let Some(limit) = numeric_limit {
            if !value.parse::<u64>().is_ok_and(|n| n <= limit) {
                return Err(SqsError::new(
                    SqsException::InvalidAttributeValue,
                    format!("Invalid value for the parameter {name}."),
                ));
            }
        }
        attributes.insert(name.clone(), value.to_owned());
    }
    Ok(attributes)
}

impl Queues {
    /// The queues, locked; never held across an `.await`. A panic while it
    /// was held cannot have left it half-changed, so a poisoned lock is
    /// taken as it is.
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Queue>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// CreateQueue: the queue's URL, whether it was there (with the same
    /// attributes) or not; QueueNameExists if it was, with others.
    pub fn create_queue(
        &self,
        host: &str,
        input: &SqsInput,
    ) -> Result<Output, sqs::CreateQueueError> {
        let name = input.string("QueueName")?;
        check_queue_name(name)?;
        let attributes = create_attributes(input.optional_object("Attributes")?)?;
        let mut queues = self.lock();
        if let Some(queue) = queues.get(name) {
            let differs = attributes
                .iter()
                .find(|(key, value)| queue.attributes.get(*key) != Some(*value));
            if let Some((key, _)) = differs {
                return Err(sqs::CreateQueueError::new(
                    sqs::CreateQueueException::QueueNameExists,
                    format!(
                        "A queue already exists with the same name and a different value for \
                         attribute {key}"
                    ),
                ));
            }
        } else {
            queues.insert(
                name.to_owned(),
                Queue {
                    name: name.to_owned(),
                    attributes,
                    created: crate::ids::now_epoch_seconds() as u64,
                    messages: Vec::new(),
                    next_sequence: 0,
                },
            );
        }
        Ok(Output(json!({ "QueueUrl": queue_url(host, name) })))
    }

    /// GetQueueUrl: QueueDoesNotExist if there is no such queue.
    pub fn get_queue_url(
        &self,
        host: &str,
        input: &SqsInput,
    ) -> Result<Output, sqs::GetQueueUrlError> {
        let name = input.string("QueueName")?;
        if !self.lock().contains_key(name) {
            return Err(no_such_queue().into());
        }
        Ok(Output(json!({ "QueueUrl": queue_url(host, name) })))
    }

    /// GetQueueAttributes: the attributes named (`All` for every one);
    /// QueueDoesNotExist if there is no such queue.
    pub fn get_queue_attributes(
        &self,
        input: &SqsInput,
    ) -> Result<Output, sqs::GetQueueAttributesError> {
        let url = input.string("QueueUrl")?;
        let names = input.optional_list("AttributeNames")?.unwrap_or_default();
        let queues = self.lock();
        let queue = queues.get(queue_name(url)).ok_or_else(no_such_queue)?;
        let now = Instant::now();
        let mut wanted: Vec<&str> = Vec::new();
        for name in names {
            match name.as_str() {
                Some("All") => {
                    wanted.extend(ATTRIBUTES.iter().map(|(name, _)| *name));
                    wanted.extend(COMPUTED);
                }
                Some(name)
                    if ATTRIBUTES.iter().any(|(known, _)| *known == name)
                        || COMPUTED.contains(&name) =>
                {
                    wanted.push(name)
                }
                Some(name) => {
                    return Err(sqs::GetQueueAttributesError::new(
                        sqs::GetQueueAttributesException::InvalidAttributeName,
                        format!("Unknown Attribute {name}."),
                    ))
                }
                None => {
                    return Err(sqs::GetQueueAttributesError::new(
                        sqs::GetQueueAttributesException::SerializationException,
                        "AttributeNames must be a list of strings",
                    ))
                }
            }
        }
        let attributes: Map<String, Value> = wanted
            .into_iter()
            .filter_map(|name| Some((name.to_owned(), Value::String(queue.attribute(name, now)?))))
            .collect();
        if attributes.is_empty() {
            return Ok(Output::empty());
        }
        Ok(Output(json!({ "Attributes": attributes })))
    }

    /// SendMessage: the message's id and the MD5 of its body (which
    /// clients check); QueueDoesNotExist if there is no such queue.
    pub fn send_message(&self, input: &SqsInput) -> Result<Output, sqs::SendMessageError> {
        let url = input.string("QueueUrl")?;
        let body = input.string("MessageBody")?;
        if body.is_empty() {
            return Err(sqs::SendMessageError::new(
                sqs::SendMessageException::MissingParameter,
                "The request must contain the parameter MessageBody.",
            ));
        }
        if body.len() > MAX_MESSAGE {
            return Err(sqs::SendMessageError::new(
                sqs::SendMessageException::InvalidParameterValue,
                format!(
                    "One or more parameters are invalid. Reason: Message must be shorter than \
                     {MAX_MESSAGE} bytes."
                ),
            ));
        }
        let mut queues = self.lock();
        let queue = queues.get_mut(queue_name(url)).ok_or_else(no_such_queue)?;
        let message = Message {
            id: crate::ids::uuid(),
            body: body.to_owned(),
            md5: md5_hex(body),
            sequence: queue.next_sequence,
            receipt: None,
            visible_at: Instant::now(),
        };
        queue.next_sequence += 1;
        let output = json!({"MD5OfMessageBody": message.md5, "MessageId": message.id});
        queue.messages.push(message);
        Ok(Output(output))
    }

    /// ReceiveMessage: up to `MaxNumberOfMessages` (1 to 10, default 1)
    /// visible messages, each invisible for the visibility timeout from now
    /// on under a new receipt handle; none, without waiting, when none is
    /// visible. QueueDoesNotExist if there is no such queue.
    pub fn receive_message(&self, input: &SqsInput) -> Result<Output, sqs::ReceiveMessageError> {
        let url = input.string("QueueUrl")?;
        let max = input.optional_integer("MaxNumberOfMessages")?.unwrap_or(1);
        if !(1..=10).contains(&max) {
            return Err(sqs::ReceiveMessageError::new(
                sqs::ReceiveMessageException::InvalidParameterValue,
                format!(
                    "Value {max} for parameter MaxNumberOfMessages is invalid. Reason: Must be \
                     between 1 and 10, if provided."
                ),
            ));
        }
        let timeout = input.optional_integer("VisibilityTimeout")?;
        if timeout.is_some_and(|t| !(0..=43_200).contains(&t)) {
            return Err(sqs::ReceiveMessageError::new(
                sqs::ReceiveMessageException::InvalidParameterValue,
                format!(
                    "Value {} for parameter VisibilityTimeout is invalid. Reason: Must be \
                     between 0 and 43200, if provided.",
                    timeout.unwrap_or_default()
                ),
            ));
        }
        let mut queues = self.lock();
        let queue = queues.get_mut(queue_name(url)).ok_or_else(no_such_queue)?;
        let timeout = timeout.map_or_else(|| queue.visibility_timeout(), |t| t as u64);
        let now = Instant::now();
        let mut received = Vec::new();
        for message in queue
            .messages
            .iter_mut()
            .filter(|message| message.visible_at <= now)
            .take(max as usize)
        {
            let handle = receipt_handle(message.sequence);
            message.receipt = Some(handle.clone());
            message.visible_at = now + Duration::from_secs(timeout);
            received.push(json!({
                "MessageId": message.id,
                "ReceiptHandle": handle,
                "MD5OfBody": message.md5,
                "Body": message.body,
            }));
        }
        if received.is_empty() {
            return Ok(Output::empty());
        }
        Ok(Output(json!({ "Messages": received })))
    }

    /// DeleteMessage: deletes the message received under the handle;
    /// ReceiptHandleIsInvalid for a handle this emulator never gave. A
    /// handle it gave whose message is gone, or was received again since,
    /// deletes nothing and succeeds, as SQS's do.
    pub fn delete_message(&self, input: &SqsInput) -> Result<Output, sqs::DeleteMessageError> {
        let url = input.string("QueueUrl")?;
        let handle = input.string("ReceiptHandle")?;
        let mut queues = self.lock();
        let queue = queues.get_mut(queue_name(url)).ok_or_else(no_such_queue)?;
        if receipt_sequence(handle).is_none() {
            return Err(sqs::DeleteMessageError::new(
                sqs::DeleteMessageException::ReceiptHandleIsInvalid,
                format!("The input receipt handle \"{handle}\" is not a valid receipt handle."),
            ));
        }
        queue
            .messages
            .retain(|message| message.receipt.as_deref() != Some(handle));
        Ok(Output::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use errtable::Exception;

    const HOST: &str = "localhost:4566";

    fn input(value: Value) -> SqsInput {
        Input::from_value(value)
    }

    #[test]
    fn the_operations_are_the_models() {
        let names: Vec<&str> = SqsOperation::ALL.iter().map(|o| o.name()).collect();
        assert_eq!(names, crate::model_operations("models/sqs-2012-11-05.json"));
    }

    /// GetQueueUrl's table is the model's five errors for it and the
    /// common ones; `?` on a service error turns a row of it into that
    /// row, and a row it lacks into its unknown, which keeps the code,
    /// status and query code, sends the same bytes, and is the row again
    /// back in the service's table.
    #[test]
    fn a_service_error_an_operation_lacks_becomes_its_unknown() {
        let mut codes = SqsOperation::GetQueueUrl.codes().to_vec();
        codes.sort_unstable();
        let mut expected = vec![
            "InvalidAddress",
            "InvalidSecurity",
            "QueueDoesNotExist",
            "RequestThrottled",
            "UnsupportedOperation",
        ];
        expected.extend(crate::common::CommonException::ALL.iter().map(|e| e.code()));
        expected.sort_unstable();
        assert_eq!(codes, expected);

        /// A GetQueueUrl handler calling a helper that returns the
        /// service's error.
        fn get_queue_url(helper: Result<(), SqsError>) -> Result<Output, sqs::GetQueueUrlError> {
            helper?;
            Ok(Output::empty())
        }

        let missing = get_queue_url(Err(no_such_queue())).unwrap_err();
        assert_eq!(
            missing.exception(),
            &sqs::GetQueueUrlException::QueueDoesNotExist
        );

        for (row, status, query_code) in [
            (
                SqsException::ReceiptHandleIsInvalid,
                404,
                "ReceiptHandleIsInvalid",
            ),
            (SqsException::QueueNameExists, 400, "QueueAlreadyExists"),
        ] {
            assert!(!may_return(SqsOperation::GetQueueUrl, row.code()));
            let sent = SqsError::new(row.clone(), "m").with_request_id("r-1");
            let expected = sent.to_http_response();
            let error = get_queue_url(Err(sent)).unwrap_err();
            assert!(!error.exception().is_known());
            assert_eq!(error.code(), row.code());
            assert_eq!(error.status(), status);
            assert_eq!(error.exception().query_code(), Some(query_code));
            assert_eq!(error.message(), "m");
            let response = error.to_http_response();
            assert_eq!(response.status(), expected.status());
            assert_eq!(response.headers(), expected.headers());
            assert_eq!(response.body(), expected.body());

            let back = SqsError::from(error);
            assert_eq!(back.exception(), &row);
        }
    }

    #[test]
    fn query_codes_come_from_the_model() {
        let missing = SqsException::QueueDoesNotExist;
        assert_eq!(
            missing.query_code(),
            Some("AWS.SimpleQueueService.NonExistentQueue")
        );
        assert_eq!(missing.status(), 400);
        let handle = SqsException::ReceiptHandleIsInvalid;
        assert_eq!(handle.query_code(), Some("ReceiptHandleIsInvalid"));
        assert_eq!(handle.status(), 404);
        assert_eq!(
            SqsException::QueueNameExists.query_code(),
            Some("QueueAlreadyExists")
        );
        // The common rows have none: no `x-amzn-query-error` for them.
        assert_eq!(SqsException::ValidationException.query_code(), None);

        let response = no_such_queue().to_http_response();
        assert_eq!(response.status(), 400);
        assert_eq!(
            response.headers()["x-amzn-query-error"],
            "AWS.SimpleQueueService.NonExistentQueue;Sender"
        );
        assert!(may_return(SqsOperation::GetQueueUrl, "QueueDoesNotExist"));
        assert!(may_return(
            SqsOperation::DeleteMessage,
            "ReceiptHandleIsInvalid"
        ));
        assert!(!may_return(
            SqsOperation::GetQueueUrl,
            "ReceiptHandleIsInvalid"
        ));
    }

    #[test]
    fn queue_names_and_urls() {
        assert_eq!(queue_name("http://h:1/000000000000/jobs"), "jobs");
        assert_eq!(queue_name("http://h/000000000000/jobs/?x=1"), "jobs");
        assert_eq!(queue_name("jobs"), "jobs");
        assert_eq!(
            queue_url(HOST, "jobs"),
            "http://localhost:4566/000000000000/jobs"
        );
        assert!(check_queue_name("jobs-1_a").is_ok());
        assert!(check_queue_name("jobs.fifo").is_ok());
        for bad in ["", ".fifo", "a b", &"x".repeat(81)] {
            let error = check_queue_name(bad).unwrap_err();
            assert_eq!(error.code(), "InvalidParameterValue", "{bad:?}");
        }
    }

    #[test]
    fn queues() {
        let queues = Queues::default();
        let created = queues
            .create_queue(
                HOST,
                &input(json!({"QueueName": "jobs", "Attributes": {"VisibilityTimeout": "5"}})),
            )
            .unwrap();
        let url = created.0["QueueUrl"].as_str().unwrap().to_owned();
        // The same attributes: the same queue.
        queues
            .create_queue(
                HOST,
                &input(json!({"QueueName": "jobs", "Attributes": {"VisibilityTimeout": "5"}})),
            )
            .unwrap();
        let exists = queues
            .create_queue(
                HOST,
                &input(json!({"QueueName": "jobs", "Attributes": {"VisibilityTimeout": "6"}})),
            )
            .unwrap_err();
        assert_eq!(
            exists.exception(),
            &sqs::CreateQueueException::QueueNameExists
        );
        for (attributes, code) in [
            (json!({"Colour": "red"}), "InvalidAttributeName"),
            (json!({"VisibilityTimeout": "x"}), "InvalidAttributeValue"),
            (json!({"DelaySeconds": "901"}), "InvalidAttributeValue"),
        ] {
            let error = queues
                .create_queue(
                    HOST,
                    &input(json!({"QueueName": "q", "Attributes": attributes})),
                )
                .unwrap_err();
            assert_eq!(error.code(), code);
        }

        let got = queues
            .get_queue_url(HOST, &input(json!({"QueueName": "jobs"})))
            .unwrap();
        assert_eq!(got.0["QueueUrl"], url.as_str());
        let missing = queues
            .get_queue_url(HOST, &input(json!({"QueueName": "nope"})))
            .unwrap_err();
        assert_eq!(
            missing.exception(),
            &sqs::GetQueueUrlException::QueueDoesNotExist
        );
        assert_eq!(missing.message(), "The specified queue does not exist.");

        let attributes = queues
            .get_queue_attributes(&input(json!({"QueueUrl": url, "AttributeNames": ["All"]})))
            .unwrap();
        assert_eq!(attributes.0["Attributes"]["VisibilityTimeout"], "5");
        assert_eq!(
            attributes.0["Attributes"]["ApproximateNumberOfMessages"],
            "0"
        );
        assert_eq!(
            attributes.0["Attributes"]["QueueArn"],
            "arn:aws:sqs:us-east-1:000000000000:jobs"
        );
        let none = queues
            .get_queue_attributes(&input(json!({"QueueUrl": url})))
            .unwrap();
        assert_eq!(none, Output::empty());
        let unknown = queues
            .get_queue_attributes(&input(
                json!({"QueueUrl": url, "AttributeNames": ["Colour"]}),
            ))
            .unwrap_err();
        assert_eq!(
            unknown.exception(),
            &sqs::GetQueueAttributesException::InvalidAttributeName
        );
        let missing = queues
            .get_queue_attributes(&input(json!({"QueueUrl": "http://h/000000000000/nope"})))
            .unwrap_err();
        assert_eq!(
            missing.exception(),
            &sqs::GetQueueAttributesException::QueueDoesNotExist
        );
    }

    #[test]
    fn messages() {
        let queues = Queues::default();
        let url = queues
            .create_queue(HOST, &input(json!({"QueueName": "jobs"})))
            .unwrap()
            .0["QueueUrl"]
            .as_str()
            .unwrap()
            .to_owned();
        let sent = queues
            .send_message(&input(json!({"QueueUrl": url, "MessageBody": "hello"})))
            .unwrap();
        assert_eq!(
            sent.0["MD5OfMessageBody"],
            "5d41402abc4b2a76b9719d911017c592"
        );

        let received = queues
            .receive_message(&input(json!({"QueueUrl": url, "MaxNumberOfMessages": 10})))
            .unwrap();
        let messages = received.0["Messages"].as_array().unwrap();
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0]["Body"], "hello");
        assert_eq!(messages[0]["MessageId"], sent.0["MessageId"]);
        let handle = messages[0]["ReceiptHandle"].as_str().unwrap().to_owned();
        assert!(receipt_sequence(&handle).is_some(), "{handle}");

        // Invisible now.
        let again = queues
            .receive_message(&input(json!({"QueueUrl": url})))
            .unwrap();
        assert_eq!(again, Output::empty());

        let invalid = queues
            .delete_message(&input(
                json!({"QueueUrl": url, "ReceiptHandle": "not-a-handle"}),
            ))
            .unwrap_err();
        assert_eq!(
            invalid.exception(),
            &sqs::DeleteMessageException::ReceiptHandleIsInvalid
        );
        assert_eq!(
            invalid.message(),
            "The input receipt handle \"not-a-handle\" is not a valid receipt handle."
        );
        queues
            .delete_message(&input(json!({"QueueUrl": url, "ReceiptHandle": handle})))
            .unwrap();
        // Gone: deleting it again deletes nothing and succeeds.
        queues
            .delete_message(&input(json!({"QueueUrl": url, "ReceiptHandle": handle})))
            .unwrap();
        assert!(queues.lock()["jobs"].messages.is_empty());

        for (request, code) in [
            (
                json!({"QueueUrl": url, "MaxNumberOfMessages": 11}),
                "InvalidParameterValue",
            ),
            (
                json!({"QueueUrl": url, "VisibilityTimeout": -1}),
                "InvalidParameterValue",
            ),
            (json!({"MaxNumberOfMessages": 1}), "ValidationException"),
            (json!({"QueueUrl": "http://h/0/nope"}), "QueueDoesNotExist"),
        ] {
            let error = queues.receive_message(&input(request)).unwrap_err();
            assert_eq!(error.code(), code);
        }
        for (request, code) in [
            (
                json!({"QueueUrl": url, "MessageBody": ""}),
                "MissingParameter",
            ),
            (json!({"QueueUrl": url}), "ValidationException"),
            (
                json!({"QueueUrl": url, "MessageBody": "x".repeat(MAX_MESSAGE + 1)}),
                "InvalidParameterValue",
            ),
            (
                json!({"QueueUrl": "http://h/0/nope", "MessageBody": "x"}),
                "QueueDoesNotExist",
            ),
        ] {
            let error = queues.send_message(&input(request)).unwrap_err();
            assert_eq!(error.code(), code);
        }
    }
}
