//! What happens to connections, logged as counts, never one line per
//! connection: a flood of half-open connections must not become a flood of
//! log lines. A notable event (a timeout, a connection error, the cap
//! reached, a failed accept) is reported after [`BATCH`], with whatever
//! else happened meanwhile; at most one summary line per
//! [`SUMMARY_INTERVAL`], and none while nothing notable happens. Connections that simply serve requests and close are
//! not logged here (the access log has their requests).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// The shortest time between two summary lines.
pub const SUMMARY_INTERVAL: Duration = Duration::from_secs(5);

/// How long after a first event the summary waits for the events that
/// usually come with it (a burst of timeouts ends within this).
pub const BATCH: Duration = Duration::from_secs(1);

/// Counters since the last summary, and the connections open now.
#[derive(Debug, Default)]
pub struct ConnectionLog {
    header_timeouts: AtomicU64,
    idle_timeouts: AtomicU64,
    errors: AtomicU64,
    cap_reached: AtomicU64,
    accept_errors: AtomicU64,
    open: AtomicU64,
    notable: Notify,
}

/// How a connection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// Served and closed by either side.
    Normally,
    /// No whole request head within `--header-timeout`.
    HeaderTimeout,
    /// No byte moved within `--idle-timeout`.
    IdleTimeout,
    /// Reset, malformed, cut short.
    Error,
}

impl ConnectionLog {
    /// A connection was accepted.
    pub fn opened(&self) {
        self.open.fetch_add(1, Ordering::Relaxed);
    }

    /// A connection ended.
    pub fn closed(&self, how: Closed) {
        self.open.fetch_sub(1, Ordering::Relaxed);
        let counter = match how {
            Closed::Normally => return,
            Closed::HeaderTimeout => &self.header_timeouts,
            Closed::IdleTimeout => &self.idle_timeouts,
            Closed::Error => &self.errors,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        self.notable.notify_one();
    }

    /// All `--max-connections` are taken: new ones wait in the listen queue.
    pub fn cap_reached(&self) {
        self.cap_reached.fetch_add(1, Ordering::Relaxed);
        self.notable.notify_one();
    }

    /// `accept` failed (out of file descriptors, say).
    pub fn accept_failed(&self) {
        self.accept_errors.fetch_add(1, Ordering::Relaxed);
        self.notable.notify_one();
    }

    /// Connections open now.
    pub fn open(&self) -> u64 {
        self.open.load(Ordering::Relaxed)
    }

    /// The summary of the events since the last one, resetting the
    /// counters; `None` if there were none.
    pub fn take_summary(&self, limits: &str) -> Option<String> {
        let take = |counter: &AtomicU64| counter.swap(0, Ordering::Relaxed);
        let header = take(&self.header_timeouts);
        let idle = take(&self.idle_timeouts);
        let errors = take(&self.errors);
        let cap = take(&self.cap_reached);
        let accept = take(&self.accept_errors);
        if header + idle + errors + cap + accept == 0 {
            return None;
        }
        Some(format!(
            "glacier-demo: connections since the last report: {header} closed without a whole \
             request head in time, {idle} closed idle, {errors} ended on an error, cap reached \
             {cap} times, {accept} accepts failed; {} open now ({limits})",
            self.open()
        ))
    }

    /// Prints summaries on stderr until the process ends: one [`BATCH`]
    /// after something notable happens, then at most one per
    /// [`SUMMARY_INTERVAL`].
    pub fn spawn_reporter(self: Arc<Self>, limits: String) {
        tokio::spawn(async move {
            loop {
                self.notable.notified().await;
                tokio::time::sleep(BATCH).await;
                if let Some(line) = self.take_summary(&limits) {
                    eprintln!("{line}");
                }
                tokio::time::sleep(SUMMARY_INTERVAL - BATCH).await;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_summarised_once_then_reset() {
        let log = ConnectionLog::default();
        for _ in 0..3 {
            log.opened();
        }
        log.closed(Closed::Normally);
        assert_eq!(log.take_summary("limits"), None);
        log.closed(Closed::HeaderTimeout);
        log.cap_reached();
        let line = log.take_summary("cap 16").unwrap();
        assert!(
            line.contains("1 closed without a whole request head in time, 0 closed idle"),
            "{line}"
        );
        assert!(line.contains("cap reached 1 times"), "{line}");
        assert!(line.ends_with("1 open now (cap 16)"), "{line}");
        assert_eq!(log.take_summary("cap 16"), None);
    }
}
