use std::fmt;
use std::str::FromStr;

/// Which side of the exchange an error is blamed on: the `type` of the
/// error table and of the JSON error body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorType {
    /// The request was at fault; retrying it unchanged will fail again.
    Client,
    /// The service was at fault.
    Server,
    /// The service does not say.
    Unknown,
}

impl ErrorType {
    /// Every type, in declaration order.
    pub const ALL: [ErrorType; 3] = [ErrorType::Client, ErrorType::Server, ErrorType::Unknown];

    /// The wire spelling: `Client`, `Server` or `Unknown`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorType::Client => "Client",
            ErrorType::Server => "Server",
            ErrorType::Unknown => "Unknown",
        }
    }

    /// The type a status implies when nothing else says: `Server` for 5xx,
    /// `Client` otherwise.
    #[must_use]
    pub const fn from_status(status: u16) -> ErrorType {
        if status >= 500 {
            ErrorType::Server
        } else {
            ErrorType::Client
        }
    }

    /// The status an error of this type gets when none is known: 400 for
    /// `Client`, 500 otherwise.
    #[must_use]
    pub const fn default_status(self) -> u16 {
        match self {
            ErrorType::Client => 400,
            ErrorType::Server | ErrorType::Unknown => 500,
        }
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an [`ErrorType`] from a string that is not one of
/// `Client`, `Server` or `Unknown`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseErrorTypeError(String);

impl fmt::Display for ParseErrorTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown error type `{}`: expected Client, Server or Unknown",
            self.0.escape_debug()
        )
    }
}

impl std::error::Error for ParseErrorTypeError {}

impl FromStr for ErrorType {
    type Err = ParseErrorTypeError;

    /// The exact wire spellings only, as services send them.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "Client" => Ok(ErrorType::Client),
            "Server" => Ok(ErrorType::Server),
            "Unknown" => Ok(ErrorType::Unknown),
            _ => Err(ParseErrorTypeError(s.to_owned())),
        }
    }
}

#[cfg(feature = "serde")]
impl serde_core::Serialize for ErrorType {
    fn serialize<S: serde_core::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde_core::Deserialize<'de> for ErrorType {
    fn deserialize<D: serde_core::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TypeVisitor;
        impl serde_core::de::Visitor<'_> for TypeVisitor {
            type Value = ErrorType;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("one of \"Client\", \"Server\", \"Unknown\"")
            }
            fn visit_str<E: serde_core::de::Error>(self, v: &str) -> Result<ErrorType, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(TypeVisitor)
    }
}
