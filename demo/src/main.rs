//! `glacier-demo [OPTIONS]`: see `--help`.

use glacier_demo::api::router;
use glacier_demo::config::{Command, Config, USAGE};
use std::io::Write;
use std::process::ExitCode;
use tokio::net::TcpListener;
use tokio::sync::watch;

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
    eprintln!(
        "glacier-demo: account {}, region {}, access keys {}; Ctrl-C stops",
        config.account_id,
        config.region,
        config.access_keys.join(", ")
    );
    let _ = std::io::stdout().flush();

    let grace = config.grace;
    let mut first = stops.clone();
    let server = axum::serve(listener, router(config)).with_graceful_shutdown(async move {
        let _ = first.wait_for(|&count| count >= 1).await;
        eprintln!("glacier-demo: stopping; open requests have {grace:?} (Ctrl-C again stops now)");
    });
    // The graceful wait is bounded: a client that keeps a request open
    // must not keep the port.
    let mut more = stops;
    let deadline = async move {
        let _ = more.wait_for(|&count| count >= 1).await;
        tokio::select! {
            () = tokio::time::sleep(grace) => {}
            _ = more.wait_for(|&count| count >= 2) => {}
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
