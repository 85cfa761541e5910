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
/// that no retry fixes; a table whose LimitExceededException does mean a
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
        RetryKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| ParseRetryKindError(s.to_owned()))
    }
}
