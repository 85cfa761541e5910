use std::fmt;
use std::str::FromStr;

/// The shape of an error's member, as a spec declares it: how its value is
/// carried in a header, a JSON body and an XML body.
///
/// | shape | value | header | JSON | XML |
/// | --- | --- | --- | --- | --- |
/// | `string` | a JSON string | the text | a string | the text |
/// | `integer` | a JSON number | its digits | a number | its digits |
/// | `boolean` | `true`/`false` | `true`/`false` | a boolean | `true`/`false` |
/// | `timestamp` | epoch seconds | an http-date | epoch seconds | an RFC 3339 date-time |
/// | `document` | any JSON value | not carried | the value | nested elements |
///
/// Timestamps follow Smithy's defaults for each place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemberShape {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A point in time, kept as seconds since the Unix epoch.
    Timestamp,
    /// A structure, list or map (or any other JSON value).
    Document,
}

impl MemberShape {
    /// Every shape, in declaration order.
    pub const ALL: [MemberShape; 5] = [
        MemberShape::String,
        MemberShape::Integer,
        MemberShape::Boolean,
        MemberShape::Timestamp,
        MemberShape::Document,
    ];

    /// The spelling in specs: `string`, `integer`, `boolean`, `timestamp`
    /// or `document`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            MemberShape::String => "string",
            MemberShape::Integer => "integer",
            MemberShape::Boolean => "boolean",
            MemberShape::Timestamp => "timestamp",
            MemberShape::Document => "document",
        }
    }
}

impl fmt::Display for MemberShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A spelling that is none of the shapes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseMemberShapeError(String);

impl fmt::Display for ParseMemberShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown member shape `{}`: expected string, integer, boolean, timestamp or document",
            self.0.escape_debug()
        )
    }
}

impl std::error::Error for ParseMemberShapeError {}

impl FromStr for MemberShape {
    type Err = ParseMemberShapeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        for shape in MemberShape::ALL {
            if shape.as_str() == text {
                return Ok(shape);
            }
        }
        Err(ParseMemberShapeError(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for shape in MemberShape::ALL {
            assert_eq!(shape.as_str().parse::<MemberShape>(), Ok(shape));
        }
        assert!("String".parse::<MemberShape>().is_err());
        assert!("list".parse::<MemberShape>().is_err());
    }
}
