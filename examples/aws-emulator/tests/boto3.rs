//! boto3, which nobody here wrote, against the running emulator: each
//! error comes out as AWS sends it, as far as boto3 can tell (its code,
//! status, modeled exception class, request id), and the calls around
//! them succeed. `boto3_client.py` provokes each error and prints what
//! boto3 saw as JSON; this test checks every field.
//!
//! python3 with boto3 must be importable: without it the test fails,
//! unless `ERRTABLE_SKIP_PYTHON=1` is set, when it prints `SKIPPED` and
//! passes.

use serde_json::{json, Value};
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the script may take (it takes about 2 s).
const SCRIPT_DEADLINE: Duration = Duration::from_secs(120);

/// A child process, killed on drop whatever the test does.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Killed {
    /// Waits at most `limit` for the process to exit.
    fn wait_for(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.0.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Whether python3 can import boto3. When it cannot, the test fails,
/// unless `ERRTABLE_SKIP_PYTHON=1` says to skip it.
fn boto3_available() -> bool {
    let probe = Command::new("python3")
        .args(["-c", "import boto3"])
        .output();
    let why = match &probe {
        Ok(output) if output.status.success() => return true,
        Ok(output) => String::from_utf8_lossy(&output.stderr).into_owned(),
        Err(err) => format!("python3 does not run: {err}"),
    };
    let skip = std::env::var("ERRTABLE_SKIP_PYTHON").is_ok_and(|v| v == "1");
    assert!(
        skip,
        "python3 with boto3 is required (python3 -m pip install -r tests/requirements.txt); \
         set ERRTABLE_SKIP_PYTHON=1 to skip this test\n{why}"
    );
    eprintln!("SKIPPED: python3 cannot import boto3 and ERRTABLE_SKIP_PYTHON=1\n{why}");
    false
}

/// Starts the emulator on a free loopback port; returns it, its address
/// and the file its stderr (the access log) goes to.
fn start_emulator() -> (Killed, SocketAddr, PathBuf) {
    let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("aws-emulator-boto3.log");
    let stderr = std::fs::File::create(&log).expect("create the log file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_aws-emulator"))
        .args(["--addr", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("start aws-emulator");
    let stdout = child.stdout.take().expect("piped stdout");
    let emulator = Killed(child);
    let (lines, first_line) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = lines.send(line);
    });
    let line = first_line
        .recv_timeout(Duration::from_secs(30))
        .expect("aws-emulator printed no address in 30 s");
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .and_then(|addr| addr.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    (emulator, addr, log)
}

/// What boto3 must report for each error: the case's name (the script's),
/// then the fields of its report.
fn expected_errors() -> Vec<(&'static str, Value)> {
    // `type`: botocore reads the query protocol's `<Type>` and SQS's
    // `x-amzn-query-error` (`Code;Sender`); DynamoDB sends neither.
    // `modeled`/`is_modeled`: the class the model gives the error, which
    // boto3 must raise; the common errors have none (ClientError).
    let dynamodb = |operation: &str, code: &str, message: &str| {
        json!({"operation": operation, "code": code, "message": message, "type": null,
               "status": 400, "class": code, "modeled": code, "is_modeled": true})
    };
    let validation = |operation: &str, code: &str, member: &str, kind: Value| {
        json!({"operation": operation, "code": code,
               "message": format!("1 validation error detected: Value null at '{member}' failed \
                                   to satisfy constraint: Member must not be null"),
               "type": kind, "status": 400, "class": "ClientError", "modeled": null,
               "is_modeled": null})
    };
    vec![
        (
            "dynamodb.CreateTable.exists",
            dynamodb(
                "CreateTable",
                "ResourceInUseException",
                "Table already exists: users",
            ),
        ),
        (
            "dynamodb.DescribeTable.missing",
            dynamodb(
                "DescribeTable",
                "ResourceNotFoundException",
                "Requested resource not found: Table: missing not found",
            ),
        ),
        (
            "dynamodb.GetItem.missing_table",
            dynamodb(
                "GetItem",
                "ResourceNotFoundException",
                "Requested resource not found",
            ),
        ),
        (
            "dynamodb.DeleteTable.missing",
            dynamodb(
                "DeleteTable",
                "ResourceNotFoundException",
                "Requested resource not found: Table: missing not found",
            ),
        ),
        (
            "dynamodb.PutItem.condition",
            dynamodb(
                "PutItem",
                "ConditionalCheckFailedException",
                "The conditional request failed",
            ),
        ),
        (
            "dynamodb.DescribeTable.no_table_name",
            validation(
                "DescribeTable",
                "ValidationException",
                "tableName",
                Value::Null,
            ),
        ),
        (
            "dynamodb.PutItem.no_item",
            validation("PutItem", "ValidationException", "item", Value::Null),
        ),
        (
            "sqs.GetQueueUrl.missing",
            json!({"operation": "GetQueueUrl", "code": "AWS.SimpleQueueService.NonExistentQueue",
                   "message": "The specified queue does not exist.", "type": "Sender",
                   "status": 400, "class": "QueueDoesNotExist", "modeled": "QueueDoesNotExist",
                   "is_modeled": true}),
        ),
        (
            "sqs.GetQueueAttributes.missing",
            json!({"operation": "GetQueueAttributes",
                   "code": "AWS.SimpleQueueService.NonExistentQueue",
                   "message": "The specified queue does not exist.", "type": "Sender",
                   "status": 400, "class": "QueueDoesNotExist", "modeled": "QueueDoesNotExist",
                   "is_modeled": true}),
        ),
        (
            "sqs.DeleteMessage.bad_handle",
            json!({"operation": "DeleteMessage", "code": "ReceiptHandleIsInvalid",
                   "message": "The input receipt handle \"not-a-receipt-handle\" is not a valid \
                               receipt handle.",
                   "type": "Sender", "status": 404, "class": "ReceiptHandleIsInvalid",
                   "modeled": "ReceiptHandleIsInvalid", "is_modeled": true}),
        ),
        (
            "sqs.GetQueueAttributes.no_queue_url",
            validation(
                "GetQueueAttributes",
                "ValidationException",
                "queueUrl",
                Value::Null,
            ),
        ),
        (
            "sts.AssumeRole.malformed_policy",
            json!({"operation": "AssumeRole", "code": "MalformedPolicyDocument",
                   "message": "The policy is not in the valid JSON format.", "type": "Sender",
                   "status": 400, "class": "MalformedPolicyDocumentException",
                   "modeled": "MalformedPolicyDocumentException", "is_modeled": true}),
        ),
        (
            "sts.AssumeRole.no_role_arn",
            validation("AssumeRole", "ValidationError", "roleArn", json!("Sender")),
        ),
    ]
}

/// A request id as the emulator makes them: a UUID.
fn is_uuid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[test]
fn boto3_sees_every_error_as_aws_sends_it() {
    if !boto3_available() {
        return;
    }
    let (mut emulator, addr, log) = start_emulator();
    let started = Instant::now();
    // Into files, not pipes: a pipe left unread could fill and stall the
    // script.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let out = dir.join("aws-emulator-boto3.json");
    let err = dir.join("aws-emulator-boto3.err");
    let script = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/boto3_client.py"
        ))
        .args(["--endpoint", &format!("http://{addr}")])
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).expect("create the output file"))
        .stderr(std::fs::File::create(&err).expect("create the error file"))
        .spawn()
        .expect("run python3");
    let status = Killed(script).wait_for(SCRIPT_DEADLINE);
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err).unwrap_or_default();
    let access_log = std::fs::read_to_string(&log).unwrap_or_default();
    match status {
        Some(status) if status.success() => {}
        Some(status) => {
            panic!("boto3_client.py failed ({status}):\n{stderr}\n{report}\n--- log\n{access_log}")
        }
        None => panic!("boto3_client.py took over {SCRIPT_DEADLINE:?}\n--- log\n{access_log}"),
    }
    let report: Value = serde_json::from_str(&report)
        .unwrap_or_else(|e| panic!("the script's report is not JSON ({e}):\n{report}"));
    println!(
        "boto3 {} read {} errors in {:.1?}",
        report["boto3"],
        report["cases"].as_array().map_or(0, Vec::len),
        started.elapsed()
    );

    // Every error, each field exactly.
    let cases = report["cases"].as_array().expect("cases");
    let expected = expected_errors();
    let names: Vec<&str> = cases.iter().filter_map(|c| c["name"].as_str()).collect();
    let expected_names: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, expected_names, "the script's cases");
    let mut request_ids = HashSet::new();
    for ((name, fields), case) in expected.iter().zip(cases) {
        for (field, value) in fields.as_object().expect("an object") {
            assert_eq!(&case[field], value, "{name}: `{field}`\n{case:#}");
        }
        // A request id, the same in the header and in what boto3 reports
        // (for STS, the XML body's `<RequestId>`), different for every
        // request.
        let id = case["request_id"].as_str().unwrap_or_default();
        assert!(is_uuid(id), "{name}: request id {id:?}");
        assert_eq!(case["request_id_header"], case["request_id"], "{name}");
        assert!(
            request_ids.insert(id.to_owned()),
            "{name}: request id {id} seen before"
        );
        // The access log has it, with its status.
        let logged = access_log
            .lines()
            .find(|line| line.ends_with(id))
            .unwrap_or_else(|| panic!("{name}: {id} not in the log:\n{access_log}"));
        assert!(
            logged.contains(&format!(" -> {} ", case["status"])),
            "{name}: {logged}"
        );
    }

    // The calls around the errors succeeded, with the outputs boto3 parsed.
    let successes = &report["successes"];
    let queue_url = format!("http://{addr}/000000000000/jobs");
    let expected_successes = json!({
        "dynamodb.CreateTable": "ACTIVE",
        "dynamodb.GetItem": {"pk": {"S": "ada"}, "born": {"N": "1815"}},
        "dynamodb.DescribeTable": 1,
        "dynamodb.ListTables": ["users"],
        "dynamodb.DeleteTable": "DELETING",
        "sqs.CreateQueue": queue_url,
        "sqs.GetQueueUrl": queue_url,
        "sqs.ReceiveMessage": ["hello"],
        "sqs.SendMessage.id_matches": true,
        "sqs.GetQueueAttributes": {
            "ApproximateNumberOfMessages": "0",
            "ApproximateNumberOfMessagesNotVisible": "0",
            "QueueArn": "arn:aws:sqs:us-east-1:000000000000:jobs",
        },
        "sts.GetCallerIdentity": "000000000000",
    });
    for (name, value) in expected_successes.as_object().expect("an object") {
        assert_eq!(&successes[name], value, "{name}");
    }
    let assumed = &successes["sts.AssumeRole"];
    assert_eq!(assumed["access_key_prefix"], "ASIA");
    assert_eq!(assumed["has_secret"], true);
    assert_eq!(assumed["has_token"], true);
    assert_eq!(assumed["expiration_is_a_date"], true);
    assert_eq!(
        assumed["arn"],
        "arn:aws:sts::000000000000:assumed-role/emulated/s1"
    );
    assert!(is_uuid(assumed["request_id"].as_str().unwrap_or_default()));
    assert_eq!(assumed["request_id"], assumed["request_id_header"]);

    // SIGTERM stops the emulator.
    #[cfg(unix)]
    {
        let sent = Command::new("kill")
            .args(["-TERM", &emulator.0.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success());
        let exited = emulator.wait_for(Duration::from_secs(10));
        assert!(
            exited.is_some_and(|status| status.success()),
            "{exited:?}\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
    drop(emulator);
}
