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
