//! `--idle-timeout`: a connection on which no byte has moved either way
//! for that long, while hyper waits on the client, fails with `TimedOut`,
//! and hyper closes it. This covers what the header-read timeout does not:
//! a client that stops reading a large response, or stops mid-body after
//! its handler answered.
//!
//! Time spent in a handler does not count: the client is not idle while
//! the service hashes its upload. [`Activity::serving`] marks that time.
//!
//! The timer is reset lazily: progress only records the time, and when the
//! timer fires early it is re-armed for the real deadline, so a busy
//! transfer does not touch the timer wheel on every read.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// What the connection's I/O and its service share.
#[derive(Debug, Default)]
pub struct Activity {
    /// Requests of this connection inside the service now.
    serving: AtomicUsize,
    /// Set when the timeout closed the connection, for the connection log.
    expired: AtomicBool,
}

/// Counts a request as inside the service until dropped.
#[derive(Debug)]
pub struct Serving(Arc<Activity>);

impl Activity {
    /// Marks a request as being served until the guard is dropped.
    pub fn serving(self: &Arc<Self>) -> Serving {
        self.serving.fetch_add(1, Ordering::AcqRel);
        Serving(self.clone())
    }

    /// Whether the idle timeout closed the connection.
    pub fn expired(&self) -> bool {
        self.expired.load(Ordering::Acquire)
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        self.0.serving.fetch_sub(1, Ordering::AcqRel);
    }
}

/// An I/O object that fails once idle for `idle`.
#[derive(Debug)]
pub struct IdleTimeout<T> {
    inner: T,
    idle: Duration,
    last_progress: Instant,
    timer: Pin<Box<Sleep>>,
    activity: Arc<Activity>,
}

impl<T> IdleTimeout<T> {
    /// Wraps `inner`; `activity` is shared with the connection's service.
    pub fn new(inner: T, idle: Duration, activity: Arc<Activity>) -> Self {
        let now = Instant::now();
        IdleTimeout {
            inner,
            idle,
            last_progress: now,
            timer: Box::pin(tokio::time::sleep_until(now + idle)),
            activity,
        }
    }

    fn progress(&mut self) {
        self.last_progress = Instant::now();
    }

    /// Called when the inner object is not ready: `Pending` (with the timer
    /// armed to wake us), or the timeout error.
    fn poll_idle<R>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        loop {
            if self.timer.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            if self.activity.serving.load(Ordering::Acquire) > 0 {
                // The service has the request: the wait is ours, not the
                // client's. Count from now.
                self.progress();
            }
            let deadline = self.last_progress + self.idle;
            if Instant::now() >= deadline {
                self.activity.expired.store(true, Ordering::Release);
                return Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "no byte moved for the idle timeout",
                )));
            }
            self.timer.as_mut().reset(deadline);
        }
    }

    /// What a write of the inner object gave: bytes written are progress,
    /// not being ready is waiting.
    fn after_write(
        &mut self,
        cx: &mut Context<'_>,
        written: Poll<io::Result<usize>>,
    ) -> Poll<io::Result<usize>> {
        match written {
            Poll::Ready(Ok(written)) => {
                if written > 0 {
                    self.progress();
                }
                Poll::Ready(Ok(written))
            }
            Poll::Ready(Err(err)) => Poll::Ready(Err(err)),
            Poll::Pending => self.poll_idle(cx),
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for IdleTimeout<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.progress();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(err)) => Poll::Ready(Err(err)),
            Poll::Pending => this.poll_idle(cx),
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for IdleTimeout<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.after_write(cx, written)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.after_write(cx, written)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_flush(cx) {
            Poll::Pending => this.poll_idle(cx),
            ready => ready,
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_shutdown(cx) {
            Poll::Pending => this.poll_idle(cx),
            ready => ready,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test(start_paused = true)]
    async fn a_silent_peer_times_out_and_a_talking_one_does_not() {
        let (ours, mut theirs) = tokio::io::duplex(64);
        let activity = Arc::new(Activity::default());
        let mut io = IdleTimeout::new(ours, Duration::from_secs(10), activity.clone());
        let mut byte = [0u8; 1];
        // Bytes every 6 s keep it open past the 10 s.
        for _ in 0..3 {
            tokio::time::sleep(Duration::from_secs(6)).await;
            theirs.write_all(b"x").await.unwrap();
            io.read_exact(&mut byte).await.unwrap();
        }
        assert!(!activity.expired());
        // While a request is in the service, silence does not count.
        let serving = activity.serving();
        let waited = tokio::time::timeout(Duration::from_secs(25), io.read_exact(&mut byte)).await;
        assert!(waited.is_err(), "timed out while serving");
        drop(serving);
        let started = Instant::now();
        let err = io.read_exact(&mut byte).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(
            started.elapsed() <= Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
        assert!(activity.expired());
    }

    #[tokio::test(start_paused = true)]
    async fn a_peer_that_does_not_read_times_out_the_writer() {
        let (ours, _theirs) = tokio::io::duplex(16);
        let activity = Arc::new(Activity::default());
        let mut io = IdleTimeout::new(ours, Duration::from_secs(5), activity.clone());
        let started = Instant::now();
        let err = io.write_all(&[0; 1024]).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), Duration::from_secs(5));
        assert!(activity.expired());
    }
}
