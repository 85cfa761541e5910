//! boto3, a client nobody here wrote, against four running demos: see
//! boto3_client.py for what is checked. boto3 must be importable: the test
//! fails without it (`.ci/run` installs it).

mod common;

use common::{assert_port_free, Demo};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the Python child if the test ends early.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn boto3_reads_every_error_the_demo_sends() {
    let probe = Command::new("python3")
        .args(["-c", "import boto3"])
        .output()
        .expect("python3 must be on PATH");
    assert!(
        probe.status.success(),
        "boto3 is required: python3 -m pip install boto3\n{}",
        String::from_utf8_lossy(&probe.stderr)
    );

    let main = Demo::start(
        "main",
        &[
            "--max-vaults",
            "3",
            "--expedited-capacity",
            "1",
            "--body-timeout",
            "1",
            "--expired-key",
            "AKIDEXPIRED",
        ],
    );
    let docs = Demo::start("docs", &["--docs-examples", "--deny-retrievals"]);
    let throttle = Demo::start("throttle", &["--rate-limit", "2/60s"]);
    let archives = Demo::start(
        "archives",
        &["--job-seconds", "1", "--archive-memory", "8MiB"],
    );

    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = std::env::temp_dir().join(format!("glacier-demo-boto3-{}.out", std::process::id()));
    let output = std::fs::File::create(&out).expect("create the output file");
    let script = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/boto3_client.py"
        ))
        .args(["--spec", &format!("{root}/spec/glacier.md")])
        .args([
            "--main",
            &main.url,
            "--docs",
            &docs.url,
            "--throttle",
            &throttle.url,
            "--archives",
            &archives.url,
        ])
        .stdin(Stdio::null())
        .stdout(output.try_clone().expect("clone the output file"))
        .stderr(output)
        .spawn()
        .expect("run python3");
    let mut script = Killed(script);

    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(status) = script.0.try_wait().expect("wait for python3") {
            break Some(status);
        }
        if Instant::now() > deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    let _ = std::fs::remove_file(&out);
    let logs = format!(
        "--- main\n{}--- docs\n{}--- throttle\n{}--- archives\n{}",
        main.log(),
        docs.log(),
        throttle.log(),
        archives.log()
    );
    match status {
        Some(status) if status.success() => println!("{report}"),
        Some(status) => panic!("boto3_client.py failed ({status}):\n{report}\n{logs}"),
        None => panic!("boto3_client.py took over 180 s:\n{report}\n{logs}"),
    }
    assert!(report.contains("15 of 16 table rows triggered"), "{report}");

    let addrs = [main.addr, docs.addr, throttle.addr, archives.addr];
    drop((main, docs, throttle, archives));
    for addr in addrs {
        assert_port_free(addr);
    }
}
