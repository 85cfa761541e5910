use std::fmt;
use std::str::FromStr;

/// The gRPC status code of a failed call: the sixteen codes other than
/// `OK`, with gRPC's numbers. An error is never `OK`, so that code has no
/// variant.
///
/// An exception's code is, in order of precedence, its row's `gRPC Code`
/// column, the table's `grpc(STATUS = "CODE")` option for its HTTP status,
/// else [`GrpcCode::from_http_status`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GrpcCode {
    /// 1: the caller cancelled the operation.
    Cancelled = 1,
    /// 2: an error nothing else describes.
    Unknown = 2,
    /// 3: the request is invalid whatever the system's state.
    InvalidArgument = 3,
    /// 4: the deadline passed before the operation completed.
    DeadlineExceeded = 4,
    /// 5: something requested was not found.
    NotFound = 5,
    /// 6: what the request would create already exists.
    AlreadyExists = 6,
    /// 7: the caller may not do this.
    PermissionDenied = 7,
    /// 8: a quota or rate limit ran out.
    ResourceExhausted = 8,
    /// 9: the system is not in the state the operation needs.
    FailedPrecondition = 9,
    /// 10: aborted, usually by a concurrency conflict.
    Aborted = 10,
    /// 11: past the valid range.
    OutOfRange = 11,
    /// 12: not implemented or not supported.
    Unimplemented = 12,
    /// 13: an internal invariant broke.
    Internal = 13,
    /// 14: the service is unavailable for now; retrying may help.
    Unavailable = 14,
    /// 15: unrecoverable data loss or corruption.
    DataLoss = 15,
    /// 16: the request lacks valid credentials.
    Unauthenticated = 16,
}

impl GrpcCode {
    /// Every code, by number.
    pub const ALL: [GrpcCode; 16] = [
        GrpcCode::Cancelled,
        GrpcCode::Unknown,
        GrpcCode::InvalidArgument,
        GrpcCode::DeadlineExceeded,
        GrpcCode::NotFound,
        GrpcCode::AlreadyExists,
        GrpcCode::PermissionDenied,
        GrpcCode::ResourceExhausted,
        GrpcCode::FailedPrecondition,
        GrpcCode::Aborted,
        GrpcCode::OutOfRange,
        GrpcCode::Unimplemented,
        GrpcCode::Internal,
        GrpcCode::Unavailable,
        GrpcCode::DataLoss,
        GrpcCode::Unauthenticated,
    ];

    /// gRPC's name, as its specification and `google.rpc.Code` spell it:
    /// `NOT_FOUND`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            GrpcCode::Cancelled => "CANCELLED",
            GrpcCode::Unknown => "UNKNOWN",
            GrpcCode::InvalidArgument => "INVALID_ARGUMENT",
            GrpcCode::DeadlineExceeded => "DEADLINE_EXCEEDED",
            GrpcCode::NotFound => "NOT_FOUND",
            GrpcCode::AlreadyExists => "ALREADY_EXISTS",
            GrpcCode::PermissionDenied => "PERMISSION_DENIED",
            GrpcCode::ResourceExhausted => "RESOURCE_EXHAUSTED",
            GrpcCode::FailedPrecondition => "FAILED_PRECONDITION",
            GrpcCode::Aborted => "ABORTED",
            GrpcCode::OutOfRange => "OUT_OF_RANGE",
            GrpcCode::Unimplemented => "UNIMPLEMENTED",
            GrpcCode::Internal => "INTERNAL",
            GrpcCode::Unavailable => "UNAVAILABLE",
            GrpcCode::DataLoss => "DATA_LOSS",
            GrpcCode::Unauthenticated => "UNAUTHENTICATED",
        }
    }

    /// The Rust variant's name: `NotFound`, as tonic's `Code` spells it too.
    #[must_use]
    pub const fn variant_name(self) -> &'static str {
        match self {
            GrpcCode::Cancelled => "Cancelled",
            GrpcCode::Unknown => "Unknown",
            GrpcCode::InvalidArgument => "InvalidArgument",
            GrpcCode::DeadlineExceeded => "DeadlineExceeded",
            GrpcCode::NotFound => "NotFound",
            GrpcCode::AlreadyExists => "AlreadyExists",
            GrpcCode::PermissionDenied => "PermissionDenied",
            GrpcCode::ResourceExhausted => "ResourceExhausted",
            GrpcCode::FailedPrecondition => "FailedPrecondition",
            GrpcCode::Aborted => "Aborted",
            GrpcCode::OutOfRange => "OutOfRange",
            GrpcCode::Unimplemented => "Unimplemented",
            GrpcCode::Internal => "Internal",
            GrpcCode::Unavailable => "Unavailable",
            GrpcCode::DataLoss => "DataLoss",
            GrpcCode::Unauthenticated => "Unauthenticated",
        }
    }

    /// gRPC's number for the code, 1 to 16.
    #[must_use]
    pub const fn value(self) -> i32 {
        self as i32
    }

    /// The code with gRPC's number `value`; `None` for 0 (`OK`) and
    /// numbers gRPC does not define.
    #[must_use]
    #[allow(
        clippy::manual_find,
        reason = "a loop: `find`'s closure compiles std's iterator code into this crate, which every deriving crate builds twice"
    )]
    pub fn from_value(value: i32) -> Option<GrpcCode> {
        for code in GrpcCode::ALL {
            if code.value() == value {
                return Some(code);
            }
        }
        None
    }

    /// The code of an error with this HTTP status, after Google's table
    /// (AIP-193 and `google.rpc.Code`):
    ///
    /// | HTTP status | gRPC code |
    /// | --- | --- |
    /// | 400 | `INVALID_ARGUMENT` |
    /// | 401 | `UNAUTHENTICATED` |
    /// | 403 | `PERMISSION_DENIED` |
    /// | 404 | `NOT_FOUND` |
    /// | 409 | `ABORTED` (a conflict; rows that mean "already exists" say `ALREADY_EXISTS`) |
    /// | 429 | `RESOURCE_EXHAUSTED` |
    /// | 499 | `CANCELLED` |
    /// | 500 | `INTERNAL` |
    /// | 501 | `UNIMPLEMENTED` |
    /// | 502, 503 | `UNAVAILABLE` (gRPC's own HTTP mapping: a retry may help) |
    /// | 504 | `DEADLINE_EXCEEDED` |
    /// | other 3xx and 4xx | `FAILED_PRECONDITION` |
    /// | other 5xx | `INTERNAL` |
    /// | anything else | `UNKNOWN` |
    ///
    /// Google's table gives 400 and 409 to several codes; a table picks
    /// another per row (the `gRPC Code` column) or per status
    /// (`#[error_table(grpc(409 = "ALREADY_EXISTS"))]`).
    #[must_use]
    pub const fn from_http_status(status: u16) -> GrpcCode {
        match status {
            400 => GrpcCode::InvalidArgument,
            401 => GrpcCode::Unauthenticated,
            403 => GrpcCode::PermissionDenied,
            404 => GrpcCode::NotFound,
            409 => GrpcCode::Aborted,
            429 => GrpcCode::ResourceExhausted,
            499 => GrpcCode::Cancelled,
            501 => GrpcCode::Unimplemented,
            502 | 503 => GrpcCode::Unavailable,
            504 => GrpcCode::DeadlineExceeded,
            // By class: 500 among them.
            _ => match status / 100 {
                3 | 4 => GrpcCode::FailedPrecondition,
                5 => GrpcCode::Internal,
                _ => GrpcCode::Unknown,
            },
        }
    }

    /// The HTTP status `google.rpc.Code` gives the code: what an error that
    /// arrives over gRPC with a code the table lacks, and no HTTP status of
    /// its own, is taken to have.
    #[must_use]
    pub const fn http_status(self) -> u16 {
        match self {
            GrpcCode::Cancelled => 499,
            GrpcCode::InvalidArgument | GrpcCode::FailedPrecondition | GrpcCode::OutOfRange => 400,
            GrpcCode::DeadlineExceeded => 504,
            GrpcCode::NotFound => 404,
            GrpcCode::AlreadyExists | GrpcCode::Aborted => 409,
            GrpcCode::PermissionDenied => 403,
            GrpcCode::ResourceExhausted => 429,
            GrpcCode::Unimplemented => 501,
            GrpcCode::Unknown | GrpcCode::Internal | GrpcCode::DataLoss => 500,
            GrpcCode::Unavailable => 503,
            GrpcCode::Unauthenticated => 401,
        }
    }
}

impl fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a [`GrpcCode`] from a string that names none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseGrpcCodeError(String);

impl fmt::Display for ParseGrpcCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.escape_debug();
        if self.0.eq_ignore_ascii_case("ok") {
            return write!(f, "`{text}` is the code of a success, not of an error");
        }
        write!(f, "unknown gRPC code `{text}`: expected one of ")?;
        for (i, code) in GrpcCode::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(code.as_str())?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseGrpcCodeError {}

impl FromStr for GrpcCode {
    type Err = ParseGrpcCodeError;

    /// gRPC's name (`NOT_FOUND`) or the Rust variant's (`NotFound`),
    /// exactly.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        for code in GrpcCode::ALL {
            if code.as_str() == s || code.variant_name() == s {
                return Ok(code);
            }
        }
        Err(ParseGrpcCodeError(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_round_trip() {
        for (i, code) in (1..).zip(GrpcCode::ALL) {
            assert_eq!(code.value(), i);
            assert_eq!(GrpcCode::from_value(code.value()), Some(code));
            assert_eq!(code.as_str().parse(), Ok(code));
            assert_eq!(code.variant_name().parse(), Ok(code));
        }
        assert_eq!(GrpcCode::from_value(0), None);
        assert_eq!(GrpcCode::from_value(17), None);
        assert!("not_found".parse::<GrpcCode>().is_err());
        let ok = "OK".parse::<GrpcCode>().unwrap_err().to_string();
        assert_eq!(ok, "`OK` is the code of a success, not of an error");
        assert_eq!(
            "not_found".parse::<GrpcCode>().unwrap_err().to_string(),
            "unknown gRPC code `not_found`: expected one of CANCELLED, UNKNOWN, \
             INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, \
             RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, \
             INTERNAL, UNAVAILABLE, DATA_LOSS, UNAUTHENTICATED"
        );
    }

    /// google.rpc.Code's comments, entry by entry: a round trip through
    /// `from_http_status` would survive two codes' statuses swapped.
    #[test]
    fn each_code_has_googles_name_number_and_status() {
        let table = [
            (GrpcCode::Cancelled, "CANCELLED", 1, 499),
            (GrpcCode::Unknown, "UNKNOWN", 2, 500),
            (GrpcCode::InvalidArgument, "INVALID_ARGUMENT", 3, 400),
            (GrpcCode::DeadlineExceeded, "DEADLINE_EXCEEDED", 4, 504),
            (GrpcCode::NotFound, "NOT_FOUND", 5, 404),
            (GrpcCode::AlreadyExists, "ALREADY_EXISTS", 6, 409),
            (GrpcCode::PermissionDenied, "PERMISSION_DENIED", 7, 403),
            (GrpcCode::ResourceExhausted, "RESOURCE_EXHAUSTED", 8, 429),
            (GrpcCode::FailedPrecondition, "FAILED_PRECONDITION", 9, 400),
            (GrpcCode::Aborted, "ABORTED", 10, 409),
            (GrpcCode::OutOfRange, "OUT_OF_RANGE", 11, 400),
            (GrpcCode::Unimplemented, "UNIMPLEMENTED", 12, 501),
            (GrpcCode::Internal, "INTERNAL", 13, 500),
            (GrpcCode::Unavailable, "UNAVAILABLE", 14, 503),
            (GrpcCode::DataLoss, "DATA_LOSS", 15, 500),
            (GrpcCode::Unauthenticated, "UNAUTHENTICATED", 16, 401),
        ];
        assert_eq!(table.map(|row| row.0), GrpcCode::ALL);
        for (code, name, value, status) in table {
            assert_eq!(code.as_str(), name);
            assert_eq!(code.to_string(), name);
            assert_eq!(code.value(), value, "{name}");
            assert_eq!(code.http_status(), status, "{name}");
            assert_eq!(format!("{code:?}"), code.variant_name());
        }
    }

    #[test]
    fn http_statuses_map_as_google_does() {
        let table = [
            (400, GrpcCode::InvalidArgument),
            (401, GrpcCode::Unauthenticated),
            (403, GrpcCode::PermissionDenied),
            (404, GrpcCode::NotFound),
            (409, GrpcCode::Aborted),
            (429, GrpcCode::ResourceExhausted),
            (499, GrpcCode::Cancelled),
            (500, GrpcCode::Internal),
            (501, GrpcCode::Unimplemented),
            (502, GrpcCode::Unavailable),
            (503, GrpcCode::Unavailable),
            (504, GrpcCode::DeadlineExceeded),
            (304, GrpcCode::FailedPrecondition),
            (412, GrpcCode::FailedPrecondition),
            (507, GrpcCode::Internal),
            (200, GrpcCode::Unknown),
            (600, GrpcCode::Unknown),
        ];
        for (status, code) in table {
            assert_eq!(GrpcCode::from_http_status(status), code, "{status}");
        }
        // Each code's own status maps back to it, where Google's table
        // gives the status to that code first.
        for code in GrpcCode::ALL {
            let back = GrpcCode::from_http_status(code.http_status());
            assert_eq!(back.http_status(), code.http_status(), "{code}");
        }
    }
}
