//! Accepting connections and serving HTTP/1.1 on them with hyper, under a
//! hold: at most `--max-connections` open at once (a semaphore around
//! `accept`: past it, new connections wait in the kernel's listen queue),
//! each closed if it does not send a whole request head within
//! `--header-timeout` (hyper's `header_read_timeout`, which also bounds a
//! keep-alive connection's wait for its next request), or if no byte moves
//! for `--idle-timeout` while a request or response is under way
//! ([`IdleTimeout`]).
//!
//! `axum::serve` has none of these knobs, so the router is served with
//! hyper directly; hyper-util's `GracefulShutdown` finishes open requests
//! on stop.

use crate::config::Config;
use crate::connection_log::{Closed, ConnectionLog};
use crate::idle_timeout::{Activity, IdleTimeout};
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{service_fn, Service as _};
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::Semaphore;

/// The listen queue asked of the kernel (which caps it at
/// `net.core.somaxconn`): where connections wait while the cap is reached,
/// and where a burst of connects waits to be accepted. Tokio's default is
/// 1024.
pub const LISTEN_BACKLOG: u32 = 4096;

/// Listens on `addr` (`HOST:PORT`; the first address it resolves to) with
/// [`LISTEN_BACKLOG`].
pub async fn listen(addr: &str) -> std::io::Result<TcpListener> {
    let addr = tokio::net::lookup_host(addr).await?.next().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the address resolves to nothing",
        )
    })?;
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    // A restart must not wait for the last run's connections to time out.
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// How long to wait before accepting again after `accept` failed: it fails
/// when the process is out of file descriptors, and retrying at once would
/// spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// The hold on connections.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConnectionLimits {
    /// `--header-timeout`.
    pub header_timeout: Duration,
    /// `--idle-timeout`.
    pub idle_timeout: Duration,
    /// `--max-connections`.
    pub max_connections: u32,
}

impl From<&Config> for ConnectionLimits {
    fn from(config: &Config) -> Self {
        ConnectionLimits {
            header_timeout: config.header_timeout,
            idle_timeout: config.idle_timeout,
            max_connections: config.max_connections,
        }
    }
}

impl ConnectionLimits {
    /// The limits as the log states them.
    pub fn describe(&self) -> String {
        format!(
            "cap {}, header timeout {:?}, idle timeout {:?}",
            self.max_connections, self.header_timeout, self.idle_timeout
        )
    }
}

/// Serves `app` on `listener` until `stop` completes, then stops
/// accepting, closes the listener, lets open requests finish and returns
/// once every connection has closed. (The caller bounds that wait.)
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    log: Arc<ConnectionLog>,
    stop: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections as usize));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let service = TowerToHyperService::new(app);
    tokio::pin!(stop);

    loop {
        if slots.available_permits() == 0 {
            log.cap_reached();
        }
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break, // never closed; nothing left to serve with
            },
            () = &mut stop => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(_) => {
                    log.accept_failed();
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        // Responses are written whole; Nagle would only delay their end.
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity::default());
        let io = TokioIo::new(IdleTimeout::new(
            stream,
            limits.idle_timeout,
            activity.clone(),
        ));
        // The time a request spends in the router is not the client's idle
        // time.
        let router = service.clone();
        let serving = activity.clone();
        let counted = service_fn(move |request: Request<Incoming>| {
            let guard = serving.serving();
            let response = router.call(request);
            async move {
                let response = response.await;
                drop(guard);
                response
            }
        });
        let connection = graceful.watch(http.serve_connection(io, counted));
        let log = log.clone();
        log.opened();
        tokio::spawn(async move {
            let result = connection.await;
            drop(slot);
            log.closed(match result {
                Ok(()) => Closed::Normally,
                Err(_) if activity.expired() => Closed::IdleTimeout,
                Err(err) if err.is_timeout() => Closed::HeaderTimeout,
                Err(_) => Closed::Error,
            });
        });
    }
    // No new connections from here: the port is free once the process
    // exits, and connects are refused meanwhile.
    drop(listener);
    graceful.shutdown().await;
}
