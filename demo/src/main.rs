//! `glacier-demo [OPTIONS]`: see `--help` and demo/README.md.

use glacier_demo::config::Config;
use glacier_demo::connection_log::ConnectionLog;
use glacier_demo::router::router;
use glacier_demo::server::{self, ConnectionLimits};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use tokio::sync::watch;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    // `--help` and bad options exit here (0 and 2), with clap's messages.
    let config = Config::from_args(std::env::args_os()).unwrap_or_else(|err| err.exit());
    log_server_faults();
    let listener = match server::listen(&config.addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("glacier-demo: cannot listen on {}: {err}", config.addr);
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(err) => {
            eprintln!("glacier-demo: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Handlers first, so that a Ctrl-C right after the line below is caught.
    let stops = match stop_signals() {
        Ok(stops) => stops,
        Err(err) => {
            eprintln!("glacier-demo: cannot watch for Ctrl-C: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Tests and scripts read this line to find the port; keep its shape.
    println!("listening on http://{addr}");
    let limits = ConnectionLimits::from(&config);
    eprintln!(
        "glacier-demo: account {}, region {}, access keys {}; archives in memory up to {} bytes; \
         connections: {}; Ctrl-C stops",
        config.account_id,
        config.region,
        config.access_keys.join(", "),
        config.archive_memory,
        limits.describe(),
    );
    let _ = std::io::stdout().flush();

    let log = Arc::new(ConnectionLog::default());
    log.clone().spawn_reporter(limits.describe());
    let grace = config.grace;
    let mut first = stops.clone();
    let stop = async move {
        let _ = first.wait_for(|&count| count >= 1).await;
        eprintln!("glacier-demo: stopping; open requests have {grace:?} (Ctrl-C again stops now)");
    };
    let serving = server::serve(listener, router(config), limits, log, stop);
    // The graceful wait is bounded: a client that keeps a request open
    // must not keep the process.
    let mut more = stops;
    let deadline = async move {
        let _ = more.wait_for(|&count| count >= 1).await;
        tokio::select! {
            () = tokio::time::sleep(grace) => {}
            _ = more.wait_for(|&count| count >= 2) => {}
        }
    };
    tokio::select! {
        () = serving => {}
        () = deadline => eprintln!("glacier-demo: open requests cut off"),
    }
    eprintln!("glacier-demo: stopped");
    ExitCode::SUCCESS
}

/// Logs errtable's event for each server fault on stderr: the code,
/// status, request id and the cause the client never sees. Client faults
/// are the access log's (`--quiet` turns it off), so errtable logs them
/// below what is shown.
fn log_server_faults() {
    errtable::trace::set_client_fault_level(tracing::Level::DEBUG);
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .without_time()
        .init();
}

/// Counts Ctrl-C (SIGINT) and SIGTERM from now on.
fn stop_signals() -> std::io::Result<watch::Receiver<u32>> {
    let (count, counted) = watch::channel(0);
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        tokio::spawn(async move {
            loop {
                let received = tokio::select! {
                    received = interrupt.recv() => received,
                    received = terminate.recv() => received,
                };
                if received.is_none() {
                    break;
                }
                count.send_modify(|count| *count += 1);
            }
        });
    }
    #[cfg(not(unix))]
    tokio::spawn(async move {
        while tokio::signal::ctrl_c().await.is_ok() {
            count.send_modify(|count| *count += 1);
        }
    });
    Ok(counted)
}
