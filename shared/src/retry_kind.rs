use std::fmt;
use std::str::FromStr;

/// How a client should treat an error when deciding whether to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryKind {
    /// The client sent too much too fast: retry after backing off.
    Throttling,
    /// A passing fault of the service or the network: retry.
    Transient,
    /// Retrying the same request cannot help.
    NotRetryable,
}

/// Codes that mean "slow down" wherever they appear, as the AWS SDKs list
/// them. `LimitExceededException` is left out on purpose: in Glacier,
/// Lambda and others it reports a quota (too many vaults, tags, functions)
/// that no retry fixes; a table whose `LimitExceededException` does mean a
/// rate limit says so with `Retryable: Throttling`.
const THROTTLING_CODES: [&str; 13] = [
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

const TRANSIENT_CODES: [&str; 2] = ["RequestTimeout", "RequestTimeoutException"];

impl RetryKind {
    /// Every class, in declaration order.
    pub const ALL: [RetryKind; 3] = [
        RetryKind::Throttling,
        RetryKind::Transient,
        RetryKind::NotRetryable,
    ];

    /// The spelling in specs and messages: `Throttling`, `Transient` or
    /// `NotRetryable`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            RetryKind::Throttling => "Throttling",
            RetryKind::Transient => "Transient",
            RetryKind::NotRetryable => "NotRetryable",
        }
    }

    /// The default classification of a code and its HTTP status, used for
    /// every row whose spec leaves the Retryable column empty and for codes
    /// not in the table: well-known throttling codes and status 429 are
    /// throttling; timeouts and statuses 500, 502, 503 and 504 are
    /// transient; everything else is not retryable.
    #[must_use]
    pub fn classify(code: &str, status: u16) -> RetryKind {
        if status == 429 || THROTTLING_CODES.contains(&code) {
            RetryKind::Throttling
        } else if TRANSIENT_CODES.contains(&code) || matches!(status, 500 | 502 | 503 | 504) {
            RetryKind::Transient
        } else {
            RetryKind::NotRetryable
        }
    }

    /// Whether a retry may succeed.
    #[must_use]
    pub fn is_retryable(self) -> bool {
        self != RetryKind::NotRetryable
    }
}

impl fmt::Display for RetryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a [`RetryKind`] from a string that is not one of
/// its spellings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseRetryKindError(String);

impl fmt::Display for ParseRetryKindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown retry class `{}`: expected Throttling, Transient or NotRetryable",
            self.0.escape_debug()
        )
    }
}

impl std::error::Error for ParseRetryKindError {}

impl FromStr for RetryKind {
    type Err = ParseRetryKindError;

    /// The exact spellings of [`RetryKind::as_str`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        for kind in RetryKind::ALL {
            if kind.as_str() == s {
                return Ok(kind);
            }
        }
        Err(ParseRetryKindError(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entry by entry, spelled out here rather than read from the lists, so
    /// that a changed or dropped entry fails.
    #[test]
    fn classifies_the_sdks_codes_and_statuses() {
        for code in [
            "Throttling",
            "ThrottlingException",
            "ThrottledException",
            "RequestThrottledException",
            "TooManyRequestsException",
            "ProvisionedThroughputExceededException",
            "TransactionInProgressException",
            "RequestLimitExceeded",
            "BandwidthLimitExceeded",
            "RequestThrottled",
            "SlowDown",
            "PriorRequestNotComplete",
            "EC2ThrottledException",
        ] {
            assert_eq!(
                RetryKind::classify(code, 400),
                RetryKind::Throttling,
                "{code}"
            );
            assert_eq!(
                RetryKind::classify(code, 503),
                RetryKind::Throttling,
                "{code}"
            );
        }
        for code in ["RequestTimeout", "RequestTimeoutException"] {
            assert_eq!(
                RetryKind::classify(code, 400),
                RetryKind::Transient,
                "{code}"
            );
        }
        // A quota, not a rate: no retry fixes it.
        assert_eq!(
            RetryKind::classify("LimitExceededException", 400),
            RetryKind::NotRetryable
        );
        // Case matters, as in the SDKs.
        assert_eq!(
            RetryKind::classify("throttlingexception", 400),
            RetryKind::NotRetryable
        );
        for (status, kind) in [
            (429, RetryKind::Throttling),
            (500, RetryKind::Transient),
            (502, RetryKind::Transient),
            (503, RetryKind::Transient),
            (504, RetryKind::Transient),
            (400, RetryKind::NotRetryable),
            (404, RetryKind::NotRetryable),
            (501, RetryKind::NotRetryable),
            (505, RetryKind::NotRetryable),
        ] {
            assert_eq!(RetryKind::classify("SomeError", status), kind, "{status}");
        }
        // Throttling before transient: a timeout code sent with 429.
        assert_eq!(
            RetryKind::classify("RequestTimeout", 429),
            RetryKind::Throttling
        );
        assert!(RetryKind::Throttling.is_retryable());
        assert!(RetryKind::Transient.is_retryable());
        assert!(!RetryKind::NotRetryable.is_retryable());
    }

    #[test]
    fn parses_exactly_its_spellings() {
        for kind in RetryKind::ALL {
            assert_eq!(kind.as_str().parse::<RetryKind>(), Ok(kind));
            assert_eq!(kind.to_string(), kind.as_str());
        }
        assert_eq!(
            ["Throttling", "Transient", "NotRetryable"],
            RetryKind::ALL.map(RetryKind::as_str)
        );
        let err = "throttling".parse::<RetryKind>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown retry class `throttling`: expected Throttling, Transient or NotRetryable"
        );
    }
}
