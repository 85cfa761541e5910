//! `glacier-demo [OPTIONS]`: see `--help`.

use glacier_demo::api::router;
use glacier_demo::config::{Command, Config, USAGE};
use std::io::Write;
use std::process::ExitCode;
use tokio::net::TcpListener;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(Command::Run(config)) => *config,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("glacier-demo: {message}");
            return ExitCode::from(2);
        }
    };
    let listener = match TcpListener::bind(&config.addr).await {
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
    // Tests and scripts read this line to find the port; keep its shape.
    println!("listening on http://{addr}");
    eprintln!(
        "glacier-demo: account {}, region {}, access keys {}; Ctrl-C stops",
        config.account_id,
        config.region,
        config.access_keys.join(", ")
    );
    let _ = std::io::stdout().flush();

    let grace = config.grace;
    let server = axum::serve(listener, router(config)).with_graceful_shutdown(async move {
        stop_requested().await;
        eprintln!("glacier-demo: stopping; open requests have {grace:?} (Ctrl-C again stops now)");
    });
    // The graceful wait is bounded: a client that keeps a request open
    // must not keep the port.
    let deadline = async {
        stop_requested().await;
        tokio::select! {
            () = tokio::time::sleep(grace) => {}
            () = stop_requested() => {}
        }
    };
    tokio::select! {
        result = server => {
            if let Err(err) = result {
                eprintln!("glacier-demo: {err}");
                return ExitCode::FAILURE;
            }
        }
        () = deadline => eprintln!("glacier-demo: open requests cut off"),
    }
    eprintln!("glacier-demo: stopped");
    ExitCode::SUCCESS
}

/// Ctrl-C (SIGINT) or SIGTERM.
async fn stop_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
