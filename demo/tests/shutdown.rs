//! Ctrl-C stops the demo cleanly and frees its port, even with a client
//! that keeps a request open.

mod common;

use common::{assert_port_free, Demo};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant, SystemTime};

fn connect(demo: &Demo) -> TcpStream {
    let stream = TcpStream::connect(demo.addr).expect("connect to the demo");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("set a read timeout");
    stream
}

#[test]
fn ctrl_c_stops_cleanly_with_an_idle_connection_open() {
    let mut demo = Demo::start("ctrl-c", &[]);
    // A keep-alive connection that has finished a request stays open.
    let mut idle = connect(&demo);
    idle.write_all(b"GET /-/vaults HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("send a request");
    let mut answer = [0u8; 12];
    idle.read_exact(&mut answer).expect("read the status line");
    assert_eq!(&answer, b"HTTP/1.1 400");

    demo.signal("INT");
    let status = demo
        .wait_exit(Duration::from_secs(10))
        .unwrap_or_else(|| panic!("still running 10 s after Ctrl-C\n{}", demo.log()));
    assert!(status.success(), "{status}\n{}", demo.log());
    let log = demo.log();
    assert!(log.contains("glacier-demo: stopped"), "{log}");
    assert!(!log.contains("cut off"), "{log}");
    assert_port_free(demo.addr);
}

/// Opens a request whose body never comes: signed well enough to pass the
/// checks, so InitiateJob waits for the body.
fn stall(demo: &Demo) -> TcpStream {
    let mut stalled = connect(demo);
    let now = glacier_demo::aws_dates::basic(SystemTime::now());
    let head = format!(
        "POST /-/vaults/v/jobs HTTP/1.1\r\nHost: x\r\nx-amz-date: {now}\r\n\
         x-amz-glacier-version: 2012-06-01\r\nContent-Length: 100\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{}/us-west-2/glacier/aws4_request, \
         SignedHeaders=host;x-amz-date, Signature={}\r\n\r\n",
        &now[..8],
        "0".repeat(64)
    );
    stalled
        .write_all(head.as_bytes())
        .expect("send the head of a request");
    std::thread::sleep(Duration::from_millis(200));
    stalled
}

#[test]
fn a_stalled_request_delays_the_stop_by_the_grace_period_only() {
    let mut demo = Demo::start("stalled", &["--grace", "1", "--body-timeout", "60"]);
    let _stalled = stall(&demo);

    let asked = Instant::now();
    demo.signal("TERM");
    let status = demo
        .wait_exit(Duration::from_secs(10))
        .unwrap_or_else(|| panic!("still running 10 s after SIGTERM\n{}", demo.log()));
    let took = asked.elapsed();
    assert!(status.success(), "{status}\n{}", demo.log());
    assert!(
        took >= Duration::from_millis(900),
        "stopped before the grace period: {took:?}"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert!(
        demo.log().contains("open requests cut off"),
        "{}",
        demo.log()
    );
    assert_port_free(demo.addr);
}

#[test]
fn a_second_ctrl_c_stops_at_once() {
    let mut demo = Demo::start("twice", &["--grace", "60", "--body-timeout", "60"]);
    let _stalled = stall(&demo);
    demo.signal("INT");
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        demo.wait_exit(Duration::ZERO).is_none(),
        "stopped on the first Ctrl-C with a request open"
    );
    demo.signal("INT");
    let status = demo
        .wait_exit(Duration::from_secs(10))
        .unwrap_or_else(|| panic!("still running 10 s after two Ctrl-C\n{}", demo.log()));
    assert!(status.success(), "{status}\n{}", demo.log());
    assert!(
        demo.log().contains("open requests cut off"),
        "{}",
        demo.log()
    );
    assert_port_free(demo.addr);
}
