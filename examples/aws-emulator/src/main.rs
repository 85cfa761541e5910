//! `aws-emulator [--addr HOST:PORT]`: DynamoDB, SQS and STS in memory on
//! one port; see `--help` and examples/aws-emulator/README.md.

use aws_emulator::server::{router, serve};
use aws_emulator::Emulator;
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "aws-emulator",
    version,
    about = "DynamoDB, SQS and STS in memory on one port, for boto3 and the AWS SDKs; \
             credentials and signatures are not checked"
)]
struct Config {
    /// Where to listen, HOST:PORT; port 0 takes a free one (the address is
    /// printed on stdout).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:4566")]
    addr: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    // `--help` and bad options exit here (0 and 2), with clap's messages.
    let config = Config::parse();
    let listener = match tokio::net::TcpListener::bind(&config.addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("aws-emulator: cannot listen on {}: {err}", config.addr);
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(err) => {
            eprintln!("aws-emulator: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Tests and scripts read this line to find the port; keep its shape.
    println!("listening on http://{addr}");
    let _ = std::io::stdout().flush();
    eprintln!("aws-emulator: DynamoDB, SQS and STS in memory, credentials unchecked; Ctrl-C stops");
    let app = router(Arc::new(Emulator::default()));
    if let Err(err) = serve(listener, app, stop_signal()).await {
        eprintln!("aws-emulator: {err}");
        return ExitCode::FAILURE;
    }
    eprintln!("aws-emulator: stopped");
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
