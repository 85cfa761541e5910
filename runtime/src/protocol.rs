//! The wire protocols an error can be written in and read from.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// How an error goes on the wire: the body's shape, its content type and
/// the headers clients read. A table has a default (`protocol = "..."` in
/// `#[error_table]`, else [`RestJson`](Protocol::RestJson)); any error can be
/// written in any protocol, since services that share a table need not
/// speak the same one.
///
/// | protocol | body | headers |
/// | --- | --- | --- |
/// | `rest-json` | `{"code":"…","message":"…","type":"Client"}` | `x-amzn-RequestId`, `x-amzn-ErrorType` |
/// | `aws-json` | `{"__type":"…","message":"…"}` | `x-amzn-RequestId`, `x-amzn-query-error` for rows with a query code |
/// | `rest-xml` | `<Error><Code/><Message/>…<RequestId/><HostId/></Error>` (S3) | `x-amz-request-id`, `x-amz-id-2` |
/// | `rest-xml-wrapped` | `<ErrorResponse><Error><Type/><Code/><Message/>…</Error><RequestId/></ErrorResponse>` (CloudFront, Route 53) | `x-amzn-RequestId` |
/// | `query` | the same `<ErrorResponse>`, `text/xml` (STS, IAM, SNS) | `x-amzn-RequestId` |
/// | `ec2` | `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>` | |
/// | `problem-json` | RFC 9457: `type`, `title`, `status`, `detail`, the code in `code`, extension members | `x-amzn-RequestId` |
///
/// The XML protocols exist only with errtable's `xml` feature: without it
/// they cannot be named (and `"rest-xml".parse()` says which feature it
/// needs), so no error is ever written as an empty XML body.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// AWS restJson1 (Glacier, Lambda, API Gateway): the seed's body.
    RestJson,
    /// AWS JSON 1.0 and 1.1 (DynamoDB, SQS, Kinesis).
    AwsJson,
    /// AWS restXml as S3 and every S3-compatible store send it.
    #[cfg(feature = "xml")]
    RestXml,
    /// AWS restXml as its other services (CloudFront, Route 53) send it.
    #[cfg(feature = "xml")]
    RestXmlWrapped,
    /// The AWS query protocol (STS, IAM, SNS).
    #[cfg(feature = "xml")]
    Query,
    /// The EC2 query protocol.
    #[cfg(feature = "xml")]
    Ec2,
    /// RFC 9457 problem details, `application/problem+json`.
    ProblemJson {
        /// The URI the code is appended to for the `type` member
        /// (`https://errors.example.com/` gives
        /// `https://errors.example.com/NoSuchKey`); without one, `type` is
        /// `about:blank` and the code travels in `code` only.
        type_base: Option<Cow<'static, str>>,
    },
}

/// REST-JSON, as a constant reference: no temporary to build and drop on
/// the hot path of `from_json`.
pub(crate) const REST_JSON: &Protocol = &Protocol::RestJson;

impl Protocol {
    /// Every protocol by its name, as `protocol = "..."` takes it.
    pub const NAMES: [&'static str; 7] = errtable_shared::PROTOCOL_NAMES;

    /// Problem details whose `type` is `type_base` joined with the code.
    pub const fn problem_json(type_base: &'static str) -> Protocol {
        Protocol::ProblemJson {
            type_base: Some(Cow::Borrowed(type_base)),
        }
    }

    /// The protocol's name: `rest-json`, `aws-json`, `rest-xml`,
    /// `rest-xml-wrapped`, `query`, `ec2` or `problem-json`.
    pub fn name(&self) -> &'static str {
        match self {
            Protocol::RestJson => "rest-json",
            Protocol::AwsJson => "aws-json",
            #[cfg(feature = "xml")]
            Protocol::RestXml => "rest-xml",
            #[cfg(feature = "xml")]
            Protocol::RestXmlWrapped => "rest-xml-wrapped",
            #[cfg(feature = "xml")]
            Protocol::Query => "query",
            #[cfg(feature = "xml")]
            Protocol::Ec2 => "ec2",
            Protocol::ProblemJson { .. } => "problem-json",
        }
    }

    /// The `Content-Type` of its error responses.
    pub fn content_type(&self) -> &'static str {
        match self {
            Protocol::RestJson => "application/json",
            Protocol::AwsJson => "application/x-amz-json-1.0",
            #[cfg(feature = "xml")]
            Protocol::RestXml | Protocol::RestXmlWrapped => "application/xml",
            #[cfg(feature = "xml")]
            Protocol::Query | Protocol::Ec2 => "text/xml",
            Protocol::ProblemJson { .. } => "application/problem+json",
        }
    }

    /// Whether it sends a member bound to a header in that header: the
    /// REST protocols and problem details do; `aws-json`, `query` and
    /// `ec2` carry every member in the body.
    pub fn binds_headers(&self) -> bool {
        match self {
            Protocol::RestJson | Protocol::ProblemJson { .. } => true,
            Protocol::AwsJson => false,
            #[cfg(feature = "xml")]
            Protocol::RestXml | Protocol::RestXmlWrapped => true,
            #[cfg(feature = "xml")]
            Protocol::Query | Protocol::Ec2 => false,
        }
    }

    /// Whether its bodies are XML.
    pub fn is_xml(&self) -> bool {
        match self {
            Protocol::RestJson | Protocol::AwsJson | Protocol::ProblemJson { .. } => false,
            #[cfg(feature = "xml")]
            Protocol::RestXml | Protocol::RestXmlWrapped | Protocol::Query | Protocol::Ec2 => true,
        }
    }

    /// Whether it is S3's rest-xml, whose request ids and host ids have
    /// shapes of their own.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn is_s3(&self) -> bool {
        #[cfg(feature = "xml")]
        return *self == Protocol::RestXml;
        #[cfg(not(feature = "xml"))]
        return false;
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is none of [`Protocol::NAMES`], or an XML protocol's
/// without the `xml` feature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProtocolError(String);

impl fmt::Display for ParseProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if Protocol::NAMES.contains(&self.0.as_str()) {
            return write!(f, "protocol `{}` needs errtable's `xml` feature", self.0);
        }
        write!(
            f,
            "unknown protocol `{}`: expected one of {}",
            self.0.escape_debug(),
            Protocol::NAMES.join(", ")
        )
    }
}

impl std::error::Error for ParseProtocolError {}

impl FromStr for Protocol {
    type Err = ParseProtocolError;

    /// A protocol by its name; `problem-json` without a `type` base.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Ok(match name {
            "rest-json" => Protocol::RestJson,
            "aws-json" => Protocol::AwsJson,
            #[cfg(feature = "xml")]
            "rest-xml" => Protocol::RestXml,
            #[cfg(feature = "xml")]
            "rest-xml-wrapped" => Protocol::RestXmlWrapped,
            #[cfg(feature = "xml")]
            "query" => Protocol::Query,
            #[cfg(feature = "xml")]
            "ec2" => Protocol::Ec2,
            "problem-json" => Protocol::ProblemJson { type_base: None },
            _ => return Err(ParseProtocolError(name.to_owned())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(feature = "xml"))]
    #[test]
    fn xml_protocols_name_their_feature() {
        let error = "rest-xml".parse::<Protocol>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "protocol `rest-xml` needs errtable's `xml` feature"
        );
        assert!("rest-json".parse::<Protocol>().is_ok());
    }

    #[cfg(feature = "xml")]
    #[test]
    fn names_round_trip() {
        for name in Protocol::NAMES {
            let protocol: Protocol = name.parse().unwrap();
            assert_eq!(protocol.name(), name);
            assert_eq!(protocol.to_string(), name);
        }
        assert!("rest_json".parse::<Protocol>().is_err());
    }
}
