//! The wire protocols an error can be written in and read from.

use errtable_shared::ProtocolKind;
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
/// | `aws-json` | `{"__type":"…","message":"…"}`, `application/x-amz-json-1.0` | `x-amzn-RequestId`, `x-amzn-query-error` for rows with a query code |
/// | `aws-json-1.1` | the same, `application/x-amz-json-1.1` | the same |
/// | `rest-xml` | `<Error><Code/><Message/>…<RequestId/><HostId/></Error>` (S3) | `x-amz-request-id`, `x-amz-id-2` |
/// | `rest-xml-wrapped` | `<ErrorResponse><Error><Type/><Code/><Message/>…</Error><RequestId/></ErrorResponse>` (`CloudFront`, Route 53) | `x-amzn-RequestId` |
/// | `query` | the same `<ErrorResponse>`, `text/xml`, with the query code (STS, IAM, SNS) | `x-amzn-RequestId` |
/// | `ec2` | `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`, `text/xml;charset=UTF-8`, with the query code | `x-amzn-RequestId` |
/// | `rpc-v2-cbor` | a CBOR map: `__type` (a model's shape id, else the code), `message`, the members; `application/cbor` | `smithy-protocol: rpc-v2-cbor`, `x-amzn-RequestId`, `x-amzn-query-error` for rows with a query code |
/// | `problem-json` | RFC 9457: `type`, `title`, `status`, `detail`, the code in `code`, extension members | none of its own (`request_id_header` names one) |
/// | `google-json` | Google's (AIP-193): `{"error":{"code":404,"message":"…","status":"NOT_FOUND","details":[…]}}`, the details an `ErrorInfo`, a `RequestInfo` with the request id, a `RetryInfo` ([`google`](crate::google)) | none of its own |
///
/// An empty message is no member of an AWS body. The `query` and `ec2`
/// protocols send a row's query code and query status
/// ([`Exception::query_code`](crate::Exception::query_code),
/// [`Exception::query_status`](crate::Exception::query_status)), the
/// others its code and status; `query` and `rest-xml-wrapped` put the
/// table's XML namespace (`xml_namespace`, a model's `xmlNamespace`) on
/// `<ErrorResponse>`.
///
/// Its [`kind`](Protocol::kind) is the protocol without parameters, the
/// one list of protocols the derive and the runtime share.
///
/// The XML protocols exist only with errtable's `xml` feature, and
/// `rpc-v2-cbor` only with `cbor`: without it they cannot be named (and
/// `"rest-xml".parse()` says which feature it needs), so no error is ever
/// written as an empty body.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// AWS restJson1 (Glacier, Lambda, API Gateway): the seed's body.
    RestJson,
    /// AWS JSON 1.0 (`DynamoDB`, SQS).
    AwsJson,
    /// AWS JSON 1.1 (SSM, Kinesis): JSON 1.0's bodies under its own
    /// `Content-Type`.
    AwsJson11,
    /// AWS restXml as S3 and every S3-compatible store send it.
    #[cfg(feature = "xml")]
    RestXml,
    /// AWS restXml as its other services (`CloudFront`, Route 53) send it.
    #[cfg(feature = "xml")]
    RestXmlWrapped,
    /// The AWS query protocol (STS, IAM, SNS).
    #[cfg(feature = "xml")]
    Query,
    /// The EC2 query protocol.
    #[cfg(feature = "xml")]
    Ec2,
    /// Smithy RPC v2 CBOR (`CloudWatch`, new AWS services): a CBOR map with
    /// `__type` and the members, `application/cbor`, `smithy-protocol:
    /// rpc-v2-cbor`.
    #[cfg(feature = "cbor")]
    RpcV2Cbor,
    /// RFC 9457 problem details, `application/problem+json`.
    ProblemJson {
        /// The URI the code is appended to for the `type` member
        /// (`https://errors.example.com/` gives
        /// `https://errors.example.com/NoSuchKey`); without one, `type` is
        /// `about:blank` and the code travels in `code` only.
        type_base: Option<Cow<'static, str>>,
    },
    /// Google's HTTP errors (AIP-193), `{"error":{…}}` with an `ErrorInfo`
    /// among its details ([`google`](crate::google)).
    GoogleJson,
}

/// REST-JSON, as a constant reference: no temporary to build and drop on
/// the hot path of `from_json`.
pub(crate) const REST_JSON: &Protocol = &Protocol::RestJson;

impl Protocol {
    /// Problem details whose `type` is `type_base` joined with the code.
    #[must_use]
    pub const fn problem_json(type_base: &'static str) -> Protocol {
        Protocol::ProblemJson {
            type_base: Some(Cow::Borrowed(type_base)),
        }
    }

    /// Which protocol it is, without its parameters: what the derive's
    /// `protocol = "..."` names.
    #[must_use]
    pub const fn kind(&self) -> ProtocolKind {
        match self {
            Protocol::RestJson => ProtocolKind::RestJson,
            Protocol::AwsJson => ProtocolKind::AwsJson,
            Protocol::AwsJson11 => ProtocolKind::AwsJson11,
            #[cfg(feature = "xml")]
            Protocol::RestXml => ProtocolKind::RestXml,
            #[cfg(feature = "xml")]
            Protocol::RestXmlWrapped => ProtocolKind::RestXmlWrapped,
            #[cfg(feature = "xml")]
            Protocol::Query => ProtocolKind::Query,
            #[cfg(feature = "xml")]
            Protocol::Ec2 => ProtocolKind::Ec2,
            Protocol::ProblemJson { .. } => ProtocolKind::ProblemJson,
            Protocol::GoogleJson => ProtocolKind::GoogleJson,
            #[cfg(feature = "cbor")]
            Protocol::RpcV2Cbor => ProtocolKind::RpcV2Cbor,
        }
    }

    /// The protocol's name: `rest-json`, `aws-json`, `aws-json-1.1`, `rest-xml`,
    /// `rest-xml-wrapped`, `query`, `ec2`, `problem-json`, `rpc-v2-cbor` or
    /// `google-json`.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The `Content-Type` of its error responses.
    #[must_use]
    pub const fn content_type(&self) -> &'static str {
        self.kind().content_type()
    }

    /// Whether it sends a member bound to a header in that header: the
    /// REST protocols and problem details do; `aws-json`, `query` and
    /// `ec2` carry every member in the body.
    #[must_use]
    pub const fn binds_headers(&self) -> bool {
        self.kind().binds_headers()
    }

    /// Whether its bodies are XML.
    #[must_use]
    pub const fn is_xml(&self) -> bool {
        self.kind().is_xml()
    }

    /// Whether it is S3's rest-xml, whose request ids and host ids have
    /// shapes of their own.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) const fn is_s3(&self) -> bool {
        matches!(self.kind(), ProtocolKind::RestXml)
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is no [`ProtocolKind`]'s, or an XML protocol's without the
/// `xml` feature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProtocolError(String);

impl fmt::Display for ParseProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(feature) = ProtocolKind::from_name(&self.0).and_then(ProtocolKind::feature) {
            return write!(
                f,
                "protocol `{}` needs errtable's `{feature}` feature",
                self.0
            );
        }
        write!(
            f,
            "unknown protocol `{}`: expected one of {}",
            self.0.escape_debug(),
            ProtocolKind::names()
        )
    }
}

impl std::error::Error for ParseProtocolError {}

impl FromStr for Protocol {
    type Err = ParseProtocolError;

    /// A protocol by its name; `problem-json` without a `type` base.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let unknown = || ParseProtocolError(name.to_owned());
        Ok(match ProtocolKind::from_name(name).ok_or_else(unknown)? {
            ProtocolKind::RestJson => Protocol::RestJson,
            ProtocolKind::AwsJson => Protocol::AwsJson,
            ProtocolKind::AwsJson11 => Protocol::AwsJson11,
            #[cfg(feature = "xml")]
            ProtocolKind::RestXml => Protocol::RestXml,
            #[cfg(feature = "xml")]
            ProtocolKind::RestXmlWrapped => Protocol::RestXmlWrapped,
            #[cfg(feature = "xml")]
            ProtocolKind::Query => Protocol::Query,
            #[cfg(feature = "xml")]
            ProtocolKind::Ec2 => Protocol::Ec2,
            ProtocolKind::ProblemJson => Protocol::ProblemJson { type_base: None },
            ProtocolKind::GoogleJson => Protocol::GoogleJson,
            #[cfg(feature = "cbor")]
            ProtocolKind::RpcV2Cbor => Protocol::RpcV2Cbor,
            _ => return Err(unknown()),
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
        for kind in ProtocolKind::ALL {
            let protocol: Protocol = kind.name().parse().unwrap();
            assert_eq!(protocol.kind(), kind);
            assert_eq!(protocol.to_string(), kind.name());
        }
        let error = "rest_json".parse::<Protocol>().unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "unknown protocol `rest_json`: expected one of {}",
                ProtocolKind::names()
            )
        );
        assert!(ProtocolKind::names().starts_with("rest-json, aws-json, "));
    }
}
