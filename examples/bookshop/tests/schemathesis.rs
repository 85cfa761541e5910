//! The real server, on a socket, against tools nobody here wrote:
//! openapi-spec-validator (with every example checked against its schema,
//! `tests/scripts/validate_openapi.py`) reads `/openapi.json`, then
//! schemathesis runs every check on every operation it documents and must
//! find nothing. Without python3, openapi-spec-validator or schemathesis
//! it fails and names what to install, unless `ERRTABLE_SKIP_PYTHON=1`
//! says to skip it (then it prints `SKIPPED`).

use bookshop::app::router;
use bookshop::config::Config;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;

/// Whether python3 can import `module`.
fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|output| output.status.success())
}

/// True when every module is importable; else prints `SKIPPED` (or fails
/// when python is required).
fn python_ready(modules: &[&str]) -> bool {
    let missing: Vec<_> = modules.iter().filter(|m| !python_has(m)).collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var("ERRTABLE_SKIP_PYTHON").is_ok_and(|v| v == "1"),
        "python3 cannot import {missing:?}: python3 -m pip install -r tests/requirements.txt \
         (or set ERRTABLE_SKIP_PYTHON=1 to skip this test)"
    );
    println!("SKIPPED: python3 cannot import {missing:?}");
    false
}

/// Serves the service (default options: no rate limit, token `secret`) on
/// a free loopback port, on a thread of its own; its address.
fn serve() -> SocketAddr {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a free port");
            sender
                .send(listener.local_addr().expect("its address"))
                .ok();
            axum::serve(listener, router(&Config::default()))
                .await
                .expect("serving");
        });
    });
    receiver.recv().expect("the server's address")
}

/// `GET path` over HTTP/1.1; the response's body.
fn http_get(addr: SocketAddr, path: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let head_end = response
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a response head");
    assert!(response.starts_with(b"HTTP/1.1 200"), "{response:?}");
    response.split_off(head_end + 4)
}

fn scratch_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bookshop-schemathesis");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

#[test]
fn the_document_passes_openapi_spec_validator() {
    if !python_ready(&["openapi_spec_validator", "jsonschema"]) {
        return;
    }
    let addr = serve();
    let path = scratch_dir().join("openapi.json");
    std::fs::write(&path, http_get(addr, "/openapi.json")).expect("write the document");
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scripts/validate_openapi.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn schemathesis_finds_nothing() {
    if !python_ready(&["schemathesis"]) {
        return;
    }
    let addr = serve();
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis.toml");
    let output = Command::new("python3")
        .args(["-m", "schemathesis.cli", "--no-color", "--config-file"])
        .arg(config)
        .args(["run", &format!("http://{addr}/openapi.json")])
        .args(["--checks", "all", "--max-examples", "20"])
        .args(["--header", "Authorization: Bearer secret"])
        .args(["--generation-database", "none"])
        // schemathesis writes its state under the working directory.
        .current_dir(scratch_dir())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary = stdout
        .lines()
        .rev()
        .find(|line| line.contains(" in ") && line.starts_with('='))
        .unwrap_or("(no summary)");
    println!("schemathesis: {summary}");
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
