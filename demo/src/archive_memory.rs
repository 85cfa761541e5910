//! `--archive-memory`: the bytes of archives the service holds, all vaults
//! together, never pass the cap.
//!
//! An upload reserves its declared `Content-Length` before a byte of its
//! body is read, so concurrent uploads cannot overshoot together, and a
//! refused upload costs nothing. The reservation then travels with the
//! bytes ([`HeldBytes`]) and is given back when the last holder drops them:
//! an archive deleted while a retrieval job still holds it stays counted,
//! because it is still in memory.

use crate::errors;
use crate::GlacierError;
use axum::body::Bytes;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The shared meter: a cap and the bytes in use.
#[derive(Clone, Debug)]
pub struct ArchiveMemory {
    meter: Arc<Meter>,
}

#[derive(Debug)]
struct Meter {
    cap: u64,
    used: AtomicU64,
}

/// Bytes counted against the cap until dropped.
#[derive(Debug)]
pub struct Reservation {
    memory: ArchiveMemory,
    bytes: u64,
}

/// An archive's bytes, with the reservation that counts them.
#[derive(Debug)]
pub struct HeldBytes {
    data: Bytes,
    _reservation: Reservation,
}

impl ArchiveMemory {
    /// A meter with nothing in use.
    pub fn new(cap: u64) -> Self {
        ArchiveMemory {
            meter: Arc::new(Meter {
                cap,
                used: AtomicU64::new(0),
            }),
        }
    }

    /// Counts `bytes` more, or refuses with the table's
    /// LimitExceededException if that would pass the cap.
    pub fn reserve(&self, bytes: u64) -> Result<Reservation, GlacierError> {
        let cap = self.meter.cap;
        self.meter
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(bytes).filter(|&total| total <= cap)
            })
            .map_err(|used| errors::archive_memory_full(bytes, used, cap))?;
        Ok(Reservation {
            memory: self.clone(),
            bytes,
        })
    }

    /// The bytes counted now.
    pub fn in_use(&self) -> u64 {
        self.meter.used.load(Ordering::Acquire)
    }

    /// The cap.
    pub fn cap(&self) -> u64 {
        self.meter.cap
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        self.memory
            .meter
            .used
            .fetch_sub(self.bytes, Ordering::AcqRel);
    }
}

impl Reservation {
    /// Puts `data` under this reservation; a reservation larger than the
    /// data gives the rest back now.
    pub fn hold(mut self, data: Bytes) -> HeldBytes {
        let len = data.len() as u64;
        if len < self.bytes {
            let extra = self.bytes - len;
            self.memory.meter.used.fetch_sub(extra, Ordering::AcqRel);
            self.bytes = len;
        }
        HeldBytes {
            data,
            _reservation: self,
        }
    }
}

impl HeldBytes {
    /// The bytes (a cheap handle: `Bytes` is reference-counted).
    pub fn bytes(&self) -> &Bytes {
        &self.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reservations_stop_at_the_cap_and_come_back_on_drop() {
        let memory = ArchiveMemory::new(100);
        let first = memory.reserve(60).unwrap();
        let refused = memory.reserve(41).unwrap_err();
        assert_eq!(refused.code(), "LimitExceededException");
        assert!(
            refused.message().contains("60 of its 100 bytes"),
            "{}",
            refused.message()
        );
        let second = memory.reserve(40).unwrap();
        assert_eq!(memory.in_use(), 100);
        drop(first);
        assert_eq!(memory.in_use(), 40);
        // Held bytes give back what they do not use, the rest on drop.
        let held = second.hold(Bytes::from_static(b"0123456789"));
        assert_eq!(memory.in_use(), 10);
        assert_eq!(held.bytes().len(), 10);
        drop(held);
        assert_eq!(memory.in_use(), 0);
        assert!(memory.reserve(u64::MAX).is_err());
        assert_eq!(memory.in_use(), 0);
    }
}
