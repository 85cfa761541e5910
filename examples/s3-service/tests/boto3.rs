//! boto3's s3 client, which nobody here wrote, against the running
//! service: see boto3_client.py for what it checks (NoSuchBucket,
//! NoSuchKey, EntityTooLarge, the 304 of a conditional GET and the rest).
//! python3 with boto3 must be importable: the test fails without it.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The cap the service runs with, and the script is told.
const MAX_OBJECT_SIZE: &str = "1024";

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

/// Starts the service on a free loopback port; returns it, its address
/// and the file its stderr (the access log) goes to.
fn start_service() -> (Killed, SocketAddr, PathBuf) {
    let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("s3-service-boto3.log");
    let stderr = std::fs::File::create(&log).expect("create the log file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_s3-service"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--max-object-size",
            MAX_OBJECT_SIZE,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("start s3-service");
    let stdout = child.stdout.take().expect("piped stdout");
    let service = Killed(child);
    let (lines, first_line) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = lines.send(line);
    });
    let line = first_line
        .recv_timeout(Duration::from_secs(30))
        .expect("s3-service printed no address in 30 s");
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .and_then(|addr| addr.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    (service, addr, log)
}

#[test]
fn boto3_reads_every_error_the_service_sends() {
    let probe = Command::new("python3")
        .args(["-c", "import boto3"])
        .output()
        .expect("python3 must be on PATH");
    assert!(
        probe.status.success(),
        "boto3 is required: python3 -m pip install boto3\n{}",
        String::from_utf8_lossy(&probe.stderr)
    );

    let (mut service, addr, log) = start_service();
    let started = Instant::now();
    // Into a file, not a pipe: a pipe left unread could fill and stall the
    // script.
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("s3-service-boto3.out");
    let output = std::fs::File::create(&out).expect("create the output file");
    let script = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/boto3_client.py"
        ))
        .args(["--endpoint", &format!("http://{addr}")])
        .args(["--max-object-size", MAX_OBJECT_SIZE])
        .stdin(Stdio::null())
        .stdout(output.try_clone().expect("clone the output file"))
        .stderr(output)
        .spawn()
        .expect("run python3");
    let status = Killed(script).wait_for(SCRIPT_DEADLINE);
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    let access_log = std::fs::read_to_string(&log).unwrap_or_default();
    match status {
        Some(status) if status.success() => {
            println!("{report}(in {:.1?})", started.elapsed())
        }
        Some(status) => {
            panic!("boto3_client.py failed ({status}):\n{report}\n--- log\n{access_log}")
        }
        None => panic!("boto3_client.py took over {SCRIPT_DEADLINE:?}\n--- log\n{access_log}"),
    }
    assert!(report.contains("checks passed"), "{report}");
    // Every error the script provoked is in the log under its code.
    for code in [
        "NoSuchBucket",
        "NoSuchKey",
        "EntityTooLarge",
        "NotModified",
        "BucketNotEmpty",
        "BucketAlreadyOwnedByYou",
        "InvalidBucketName",
        "PreconditionFailed",
        "InvalidRange",
        "MethodNotAllowed",
        "NotImplemented",
    ] {
        assert!(
            access_log.contains(&format!(" {code} ")),
            "{code} not logged:\n{access_log}"
        );
    }

    // SIGTERM stops the service, within its grace time.
    #[cfg(unix)]
    {
        let sent = Command::new("kill")
            .args(["-TERM", &service.0.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success());
        let exited = service.wait_for(Duration::from_secs(10));
        assert!(
            exited.is_some_and(|status| status.success()),
            "{exited:?}\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
    drop(service);
    std::net::TcpListener::bind(addr).expect("the port is free again");
}
