//! Serving HTTP/1.1 with hyper: `axum::serve` has no header-read timeout,
//! without which a client that never finishes its request head holds a
//! connection for ever. hyper-util's `GracefulShutdown` lets open requests
//! finish on stop.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long a client has to send a whole request head; also how long a
/// kept-alive connection waits for its next request.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// How long to wait before accepting again after `accept` failed: it fails
/// when the process is out of file descriptors, and retrying at once would
/// spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// Listens on `addr` (`HOST:PORT`, the first address it resolves to).
pub async fn listen(addr: &str) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}

/// Serves `app` on `listener` until `stop` completes, then stops
/// accepting, closes the listener and returns once every open request has
/// finished. (The caller bounds that wait.)
pub async fn serve(listener: TcpListener, app: Router, stop: impl Future<Output = ()>) {
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    let service = TowerToHyperService::new(app);
    tokio::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(err) => {
                    eprintln!("s3-service: accept failed: {err}");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        // Responses are written whole; Nagle would only delay their end.
        let _ = stream.set_nodelay(true);
        let connection =
            graceful.watch(http.serve_connection(TokioIo::new(stream), service.clone()));
        tokio::spawn(async move {
            // A client that goes away mid-request is no failure of ours.
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
