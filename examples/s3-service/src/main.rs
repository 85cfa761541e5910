//! `s3-service [--listen HOST:PORT] [--max-object-size SIZE]`: see
//! `--help` and examples/s3-service/README.md.

use s3_service::config::Config;
use s3_service::router::router;
use s3_service::server;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

/// How long open requests may run on after Ctrl-C or SIGTERM.
const GRACE: Duration = Duration::from_secs(5);

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    // `--help` and bad options exit here (0 and 2), with clap's messages.
    let config = Config::from_args(std::env::args_os()).unwrap_or_else(|err| err.exit());
    let listener = match server::listen(&config.listen).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("s3-service: cannot listen on {}: {err}", config.listen);
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(err) => {
            eprintln!("s3-service: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Tests and scripts read this line to find the port; keep its shape.
    println!("listening on http://{addr}");
    let _ = std::io::stdout().flush();
    eprintln!(
        "s3-service: path-style, signatures unchecked, objects in memory up to {} bytes each; \
         Ctrl-C stops",
        config.max_object_size
    );

    let serving = server::serve(listener, router(config), stop_signal());
    // The graceful wait is bounded: a client that keeps a request open
    // must not keep the process.
    let deadline = async {
        stop_signal().await;
        tokio::time::sleep(GRACE).await;
    };
    tokio::select! {
        () = serving => {}
        () = deadline => eprintln!("s3-service: open requests cut off"),
    }
    eprintln!("s3-service: stopped");
    ExitCode::SUCCESS
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM; never, if they cannot be
/// watched (the process is then stopped by a kill).
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) {
            (Ok(mut interrupt), Ok(mut terminate)) => {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
            }
            _ => std::future::pending().await,
        }
    }
    #[cfg(not(unix))]
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
