//! `bookshop [--addr HOST:PORT] [--rate-limit N] [--token T]`: see
//! `--help` and examples/bookshop/README.md.

use bookshop::app::router;
use bookshop::config::Config;
use std::io::Write;
use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    // `--help` and bad options exit here (0 and 2), with clap's messages.
    let config = Config::from_args(std::env::args_os()).unwrap_or_else(|err| err.exit());
    // errtable's request-context layer logs one event per error response,
    // with its cause chain (a 500's cause is logged, never sent).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .init();
    let listener = match tokio::net::TcpListener::bind(&config.addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("bookshop: cannot listen on {}: {err}", config.addr);
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(err) => {
            eprintln!("bookshop: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Tests read this line to find the port; keep its shape.
    println!("listening on http://{addr}");
    let _ = std::io::stdout().flush();
    match axum::serve(listener, router(&config)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("bookshop: {err}");
            ExitCode::FAILURE
        }
    }
}
