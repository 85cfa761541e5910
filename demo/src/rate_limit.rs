//! Request rates per access key, as AWS throttles: `requests` in a burst,
//! then one every `period / requests` (the generic cell rate algorithm, in
//! whole durations so the arithmetic is exact).

use crate::config::RateLimit;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// When each access key seen may next make a request.
#[derive(Debug)]
pub struct RateLimiter {
    /// Time between two requests at the steady rate.
    interval: Duration,
    /// How far ahead of time a key may run: the burst.
    tolerance: Duration,
    /// Per key, the time its next request is due at the steady rate.
    due: HashMap<String, Instant>,
}

impl RateLimiter {
    /// A burst of `limit.requests`, refilled at `limit.requests` per
    /// `limit.period`.
    pub fn new(limit: RateLimit) -> Self {
        let interval = limit.period / limit.requests.max(1);
        RateLimiter {
            interval,
            tolerance: limit.period.saturating_sub(interval),
            due: HashMap::new(),
        }
    }

    /// Whether `key` may make a request at `now`; counts it if so.
    pub fn allow(&mut self, key: &str, now: Instant) -> bool {
        let due = self.due.get(key).copied().unwrap_or(now).max(now);
        if due - now > self.tolerance {
            return false;
        }
        self.due.insert(key.to_owned(), due + self.interval);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_one_request_per_refill() {
        let mut limiter = RateLimiter::new(RateLimit {
            requests: 2,
            period: Duration::from_secs(60),
        });
        let start = Instant::now();
        assert!(limiter.allow("a", start));
        assert!(limiter.allow("a", start));
        assert!(!limiter.allow("a", start + Duration::from_secs(29)));
        // Keys are independent.
        assert!(limiter.allow("b", start));
        // One token every 30 s; the refused request did not spend one.
        assert!(limiter.allow("a", start + Duration::from_secs(30)));
        assert!(!limiter.allow("a", start + Duration::from_secs(31)));
        // Never more than the burst.
        let later = start + Duration::from_secs(3600);
        assert!(limiter.allow("a", later));
        assert!(limiter.allow("a", later));
        assert!(!limiter.allow("a", later));
    }
}
