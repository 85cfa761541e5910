//! Starting the built demo on a free loopback port, and stopping it so that
//! no port stays bound whatever the test does.

#![allow(dead_code)] // Each test file uses its own part.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `glacier-demo`, killed on drop.
pub struct Demo {
    child: Child,
    pub addr: SocketAddr,
    pub url: String,
    log: PathBuf,
}

impl Demo {
    /// Starts the demo with `--addr 127.0.0.1:0` and `args`, and waits (at
    /// most 30 s) for the address it prints once listening.
    pub fn start(name: &str, args: &[&str]) -> Demo {
        let log =
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("glacier-demo-{name}.log"));
        let stderr = File::create(&log).expect("create the demo's log file");
        let mut child = Command::new(env!("CARGO_BIN_EXE_glacier-demo"))
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("start glacier-demo");
        let stdout = child.stdout.take().expect("piped stdout");
        let (lines, first_line) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = lines.send(line);
        });
        // From here on, Drop kills the child whatever happens.
        let mut demo = Demo {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            url: String::new(),
            log,
        };
        let line = first_line
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("glacier-demo printed no address in 30 s\n{}", demo.log()));
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}\n{}", demo.log()));
        demo.addr = url
            .trim_start_matches("http://")
            .parse()
            .unwrap_or_else(|_| panic!("not an address: {url:?}"));
        demo.url = url.to_owned();
        demo
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the demo wrote on stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits at most `limit` for the demo to exit (looks once at least).
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a signal by name (`INT`, `TERM`) with the system's `kill`.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Panics unless `addr` can be bound again: nothing holds the port.
pub fn assert_port_free(addr: SocketAddr) {
    TcpListener::bind(addr).unwrap_or_else(|err| panic!("{addr} is still bound: {err}"));
}

/// The headers that authenticate a raw request as AKIDEXAMPLE (signatures
/// are not verified), each line ending in CRLF.
pub fn signed_headers() -> String {
    let now = glacier_demo::aws_dates::basic(std::time::SystemTime::now());
    format!(
        "x-amz-date: {now}\r\nx-amz-glacier-version: 2012-06-01\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{}/us-west-2/glacier/aws4_request, \
         SignedHeaders=host;x-amz-date, Signature={}\r\n",
        &now[..8],
        "ab".repeat(32)
    )
}

/// The sockets the process `pid` has open (its listener included), from
/// /proc.
pub fn open_sockets(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|entries| {
            entries
                .filter_map(|entry| std::fs::read_link(entry.ok()?.path()).ok())
                .filter(|target| target.to_string_lossy().starts_with("socket:"))
                .count()
        })
        .unwrap_or(0)
}

/// The resident memory of the process `pid`, from /proc.
pub fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
