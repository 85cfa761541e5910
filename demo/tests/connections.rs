//! The hold on connections, over loopback against the built demo: half-open
//! connections are closed by `--header-timeout` while normal clients are
//! served, `--max-connections` bounds the sockets the demo holds, a client
//! that stops reading is closed by `--idle-timeout`, and none of it is
//! logged per connection. Every run is bounded: fixed connection counts,
//! read timeouts on every socket.
//!
//! `cargo test -p glacier-demo --test connections -- --nocapture` prints
//! the figures.

mod common;

use common::{open_sockets, rss_kib, signed_headers, Demo};
use glacier_demo::tree_hash;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// `--max-connections` when not given.
const DEFAULT_MAX_CONNECTIONS: usize = 4096;

/// A request head that never ends: no blank line after its headers.
const HALF_HEAD: &[u8] =
    b"GET /-/vaults HTTP/1.1\r\nHost: slow\r\nx-amz-glacier-version: 2012-06-01\r\n";

fn half_open(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|err| {
        panic!("connect: {err} (this test needs 2,100 file descriptors: ulimit -n)")
    });
    stream.write_all(HALF_HEAD).expect("send half a head");
    stream
}

/// Sends `head` (and `body`) on a fresh connection and reads the whole
/// response (`Connection: close`); its status, body and how long it took.
fn exchange(addr: SocketAddr, head: &str, body: &[u8]) -> (u16, Vec<u8>, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .expect("read the response");
    let text = String::from_utf8_lossy(&response);
    let status = text
        .get(9..12)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let body_at = text.find("\r\n\r\n").map_or(response.len(), |at| at + 4);
    (status, response[body_at..].to_vec(), started.elapsed())
}

fn request(method: &str, path: &str, extra: &str, body: &[u8]) -> String {
    format!(
        "{method} {path} HTTP/1.1\r\nHost: test\r\n{}{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
        signed_headers(),
        body.len()
    )
}

fn list_vaults(addr: SocketAddr) -> (u16, Duration) {
    let (status, _, took) = exchange(addr, &request("GET", "/-/vaults", "", b""), b"");
    (status, took)
}

/// When the server closed `stream` (end of file or reset), or `None` if it
/// was still open after `limit`.
fn closed_at(stream: &mut TcpStream, limit: Duration) -> Option<Instant> {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Some(Instant::now()),
            Ok(_) => continue, // whatever it says before closing
            Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return None
            }
            Err(_) => return Some(Instant::now()),
        }
    }
}

/// The header timeouts counted in the demo's connection summaries.
fn header_timeouts_logged(log: &str) -> usize {
    log.lines()
        .filter_map(|line| line.split("since the last report: ").nth(1))
        .filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok())
        .sum()
}

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    done()
}

#[test]
fn two_thousand_half_open_connections_are_closed_within_the_header_timeout() {
    half_open_flood(
        "half-open",
        2000,
        Duration::from_secs(3),
        &["--header-timeout", "3", "--max-connections", "4096"],
    );
}

/// The attack against the default flags (`--header-timeout 10`,
/// `--max-connections 4096`): 3,000 half-open connections. About 12 s.
#[test]
#[ignore = "12 s: run by hand for the figures"]
fn three_thousand_half_open_connections_against_the_defaults() {
    half_open_flood("half-open-defaults", 3000, Duration::from_secs(10), &[]);
}

/// Opens `count` half-open connections against a demo started with `args`
/// whose header timeout is `header_timeout`; checks that a normal client is
/// served once they are accepted (or queued, past the cap), that each is
/// closed by the timeout, and that the log has a handful of lines.
fn half_open_flood(name: &str, count: usize, header_timeout: Duration, args: &[&str]) {
    let half_open_count = count;
    // The access log stays on: it must not log these connections either.
    let demo = Demo::start(name, args);
    let cap = match args.iter().position(|&arg| arg == "--max-connections") {
        Some(at) => args[at + 1].parse().unwrap(),
        None => DEFAULT_MAX_CONNECTIONS,
    };
    let baseline = open_sockets(demo.pid());

    let rss_before = rss_kib(demo.pid());
    let started = Instant::now();
    let mut connections: Vec<(Instant, TcpStream)> = (0..half_open_count)
        .map(|_| (Instant::now(), half_open(demo.addr)))
        .collect();
    let opened_in = started.elapsed();
    assert!(opened_in < header_timeout / 2, "opening took {opened_in:?}");

    // Once the demo has accepted all it may, a normal client is served
    // while it holds them; past the cap it waits its turn in the queue.
    let expected_held = half_open_count.min(cap);
    let held = || open_sockets(demo.pid()).saturating_sub(baseline);
    assert!(
        wait_until(header_timeout / 2, || held() >= expected_held),
        "the demo holds {} of {expected_held}",
        held()
    );
    let accepted_in = started.elapsed();
    let rss_holding = rss_kib(demo.pid());
    let (status, served_in) = list_vaults(demo.addr);
    let held = held();
    assert_eq!(status, 200);
    let rounds = half_open_count.div_ceil(cap) as u32;
    let served_within = header_timeout * (rounds - 1) + Duration::from_secs(1);
    assert!(served_in < served_within, "served in {served_in:?}");
    assert!(
        held >= expected_held,
        "the demo held {held} of {expected_held}"
    );
    assert!(held <= cap + 1, "the demo held {held}, cap {cap}");

    // Each is closed by the demo, by the timeout: not before it, and not
    // much after (slack for a loaded two-core machine). Past the cap, a
    // connection's clock starts when it is accepted, once those before it
    // have timed out: `rounds` timeouts at most.
    let slack = Duration::from_secs(2);
    let patience = header_timeout * rounds + slack + slack;
    let lifetimes: Vec<Duration> = std::thread::scope(|scope| {
        let workers: Vec<_> = connections
            .chunks_mut(half_open_count.div_ceil(4))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter_mut()
                        .map(|(opened, stream)| {
                            let closed = closed_at(stream, patience)
                                .expect("still open long after the header timeout");
                            closed - *opened
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap())
            .collect()
    });
    let all_closed_in = started.elapsed();
    let shortest = lifetimes.iter().min().copied().unwrap_or_default();
    let longest = lifetimes.iter().max().copied().unwrap_or_default();
    assert_eq!(lifetimes.len(), half_open_count);
    assert!(
        shortest >= header_timeout - Duration::from_millis(100),
        "closed before the timeout: {shortest:?}"
    );
    assert!(
        longest <= header_timeout * rounds + slack,
        "closed after {longest:?}"
    );
    assert!(
        wait_until(slack, || open_sockets(demo.pid()) <= baseline),
        "the demo still holds {} sockets",
        open_sockets(demo.pid())
    );

    // Counted, not logged one by one: the start line, the client's access
    // log line, one summary per SUMMARY_INTERVAL (5 s) at most.
    let counted = || header_timeouts_logged(&demo.log()) >= half_open_count;
    assert!(
        wait_until(Duration::from_secs(8), counted),
        "{}",
        demo.log()
    );
    let log = demo.log();
    assert_eq!(header_timeouts_logged(&log), half_open_count, "{log}");
    let lines = log.lines().count();
    let most = 3 + all_closed_in.as_secs() as usize / 5;
    assert!(
        lines <= most && log.len() < 1024 * most,
        "{lines} lines:\n{log}"
    );
    println!(
        "{half_open_count} half-open connections opened in {opened_in:.2?}, {held} accepted by \
         {accepted_in:.2?} (cap {cap}); demo RSS {rss_before} KiB before, {rss_holding} KiB \
         holding them; a ListVaults on a new connection meanwhile: 200 in {served_in:.2?}; each \
         closed {shortest:.2?} to {longest:.2?} after it opened (header timeout \
         {header_timeout:?}), all within {all_closed_in:.2?} of the first; demo log: {lines} \
         lines, {} bytes",
        log.len()
    );
}

#[test]
fn the_connection_cap_bounds_the_sockets_held_and_frees_up() {
    const CAP: usize = 50;
    const WAITING: usize = 200;
    let demo = Demo::start(
        "cap",
        &[
            "--header-timeout",
            "1",
            "--max-connections",
            "50",
            "--quiet",
        ],
    );
    let baseline = open_sockets(demo.pid());
    // Past the cap, connects still succeed: the kernel queues them.
    let _waiting: Vec<TcpStream> = (0..WAITING).map(|_| half_open(demo.addr)).collect();
    let pid = demo.pid();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (most, (status, waited)) = std::thread::scope(|scope| {
        let sampler = scope.spawn(|| {
            let mut most = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                most = most.max(open_sockets(pid).saturating_sub(baseline));
                std::thread::sleep(Duration::from_millis(10));
            }
            most
        });
        // Queued behind 200 that each hold a slot for a second, 50 at a time.
        let served = list_vaults(demo.addr);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        (sampler.join().unwrap(), served)
    });
    assert_eq!(status, 200);
    assert!(most <= CAP, "the demo held {most} connections, cap {CAP}");
    assert!(most >= CAP - 5, "the cap was never reached: {most}");
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(12),
        "served after {waited:?}"
    );
    assert!(
        wait_until(Duration::from_secs(4), || demo
            .log()
            .contains("cap reached")),
        "{}",
        demo.log()
    );
    println!(
        "{WAITING} half-open connections against --max-connections {CAP} --header-timeout 1: \
         at most {most} held at once; a ListVaults queued behind them served after {waited:.2?}"
    );
}

/// Uploads `data` to `vault`; the archive id.
fn upload(addr: SocketAddr, vault: &str, data: &[u8]) -> String {
    let hashes = format!(
        "x-amz-sha256-tree-hash: {}\r\nx-amz-content-sha256: {}\r\n",
        tree_hash::to_hex(&tree_hash::tree_hash(data)),
        tree_hash::to_hex(&tree_hash::sha256(data))
    );
    let path = format!("/-/vaults/{vault}/archives");
    let (status, body, _) = exchange(addr, &request("POST", &path, &hashes, data), data);
    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
    let head = request("GET", &format!("/-/vaults/{vault}"), "", b"");
    let (_, described, _) = exchange(addr, &head, b"");
    let described: serde_json::Value = serde_json::from_slice(&described).unwrap();
    assert_eq!(described["SizeInBytes"], data.len());
    // The id is in the inventory; uploads here are one per vault.
    let head = request(
        "POST",
        &format!("/-/vaults/{vault}/jobs"),
        "",
        b"{\"Type\":\"inventory-retrieval\"}",
    );
    let (status, _, _) = exchange(addr, &head, b"{\"Type\":\"inventory-retrieval\"}");
    assert_eq!(status, 202);
    let head = request("GET", &format!("/-/vaults/{vault}/jobs"), "", b"");
    let (_, jobs, _) = exchange(addr, &head, b"");
    let jobs: serde_json::Value = serde_json::from_slice(&jobs).unwrap();
    let job = jobs["JobList"][0]["JobId"].as_str().unwrap().to_owned();
    let head = request(
        "GET",
        &format!("/-/vaults/{vault}/jobs/{job}/output"),
        "",
        b"",
    );
    let (_, inventory, _) = exchange(addr, &head, b"");
    let inventory: serde_json::Value = serde_json::from_slice(&inventory).unwrap();
    inventory["ArchiveList"][0]["ArchiveId"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_client_that_stops_reading_is_closed_after_the_idle_timeout() {
    let demo = Demo::start(
        "idle",
        &["--idle-timeout", "1", "--job-seconds", "0", "--quiet"],
    );
    let baseline = open_sockets(demo.pid());
    let (status, _, _) = exchange(demo.addr, &request("PUT", "/-/vaults/v", "", b""), b"");
    assert_eq!(status, 201);
    // More than loopback's socket buffers hold, so the demo's writes stall.
    let data: Vec<u8> = (0..48 << 20).map(|i: u32| (i % 251) as u8).collect();
    let archive = upload(demo.addr, "v", &data);
    let job_body = format!("{{\"Type\":\"archive-retrieval\",\"ArchiveId\":\"{archive}\"}}");
    let (status, _, _) = exchange(
        demo.addr,
        &request("POST", "/-/vaults/v/jobs", "", job_body.as_bytes()),
        job_body.as_bytes(),
    );
    assert_eq!(status, 202);
    let head = request("GET", "/-/vaults/v/jobs", "", b"");
    let (_, jobs, _) = exchange(demo.addr, &head, b"");
    let jobs: serde_json::Value = serde_json::from_slice(&jobs).unwrap();
    let job = jobs["JobList"][1]["JobId"].as_str().unwrap().to_owned();

    let mut reader = TcpStream::connect(demo.addr).unwrap();
    let head = request("GET", &format!("/-/vaults/v/jobs/{job}/output"), "", b"");
    reader.write_all(head.as_bytes()).unwrap();
    let asked = Instant::now();
    // The demo holds the connection first (on a busy machine it may not
    // have accepted it yet)...
    assert!(
        wait_until(Duration::from_secs(3), || open_sockets(demo.pid())
            > baseline),
        "the demo never held the reader's connection"
    );
    // ...then, read nothing: the demo fills the buffers, then stalls.
    assert!(
        wait_until(Duration::from_secs(6), || open_sockets(demo.pid())
            <= baseline),
        "the stalled reader's connection is still open"
    );
    let closed_after = asked.elapsed();
    assert!(closed_after >= Duration::from_secs(1), "{closed_after:?}");
    assert!(
        wait_until(Duration::from_secs(3), || demo
            .log()
            .contains("1 closed idle")),
        "{}",
        demo.log()
    );
    // What did arrive is a prefix of the output, cut short.
    let mut received = Vec::new();
    reader
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let _ = reader.read_to_end(&mut received);
    assert!(received.len() < data.len(), "{} bytes", received.len());
    println!(
        "a reader that stopped reading a {} MiB output: closed {closed_after:.2?} after its \
         request (--idle-timeout 1), having received {} bytes",
        data.len() >> 20,
        received.len()
    );
}

#[test]
fn an_upload_refused_by_the_memory_cap_is_answered_before_its_body_is_read() {
    let demo = Demo::start("refused", &["--archive-memory", "1MiB", "--quiet"]);
    let (status, _, _) = exchange(demo.addr, &request("PUT", "/-/vaults/v", "", b""), b"");
    assert_eq!(status, 201);
    let data = vec![7u8; 64 << 20];
    let hashes = format!(
        "x-amz-sha256-tree-hash: {}\r\nx-amz-content-sha256: {}\r\n",
        "0".repeat(64),
        "0".repeat(64)
    );
    let mut stream = TcpStream::connect(demo.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream
        .write_all(request("POST", "/-/vaults/v/archives", &hashes, &data).as_bytes())
        .unwrap();
    let started = Instant::now();
    let mut writer = stream.try_clone().unwrap();
    let sending = std::thread::spawn(move || writer.write_all(&data).is_ok());
    let mut response = Vec::new();
    let read = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    assert!(
        text.starts_with("HTTP/1.1 400"),
        "{read:?}: {:?}",
        &text[..text.len().min(300)]
    );
    assert!(text.contains("LimitExceededException"), "{text}");
    let sent_whole = sending.join().unwrap();
    println!(
        "a 64 MiB upload over --archive-memory 1MiB: 400 LimitExceededException after \
         {:.2?}; the client {} its whole body",
        started.elapsed(),
        if sent_whole {
            "sent"
        } else {
            "was stopped from sending"
        }
    );
}
