use std::fmt;

/// A wire protocol errtable speaks, by name and without parameters: what
/// the derive's `protocol = "..."` names, what a service model's protocol
/// trait maps to, and what the runtime's `Protocol` is one of (it adds
/// problem details' `type` base). One list, so the derive and the runtime
/// cannot disagree on which protocols exist or how they behave.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProtocolKind {
    /// AWS restJson1: `rest-json`.
    RestJson,
    /// AWS JSON 1.0: `aws-json` (`DynamoDB`, SQS).
    AwsJson,
    /// AWS JSON 1.1: `aws-json-1.1` (SSM, Kinesis), the same bodies under
    /// its own `Content-Type`.
    AwsJson11,
    /// AWS restXml as S3 sends it, unwrapped: `rest-xml`.
    RestXml,
    /// AWS restXml wrapped in `<ErrorResponse>`: `rest-xml-wrapped`.
    RestXmlWrapped,
    /// The AWS query protocol: `query`.
    Query,
    /// The EC2 query protocol: `ec2`.
    Ec2,
    /// RFC 9457 problem details: `problem-json`.
    ProblemJson,
    /// Smithy RPC v2 CBOR: `rpc-v2-cbor` (`CloudWatch`, new AWS services).
    RpcV2Cbor,
    /// Google's HTTP errors (AIP-193): `google-json`,
    /// `{"error":{"code","message","status","details"}}`.
    GoogleJson,
}

impl ProtocolKind {
    /// Every protocol, in the order messages list them.
    pub const ALL: [ProtocolKind; 10] = [
        ProtocolKind::RestJson,
        ProtocolKind::AwsJson,
        ProtocolKind::AwsJson11,
        ProtocolKind::RestXml,
        ProtocolKind::RestXmlWrapped,
        ProtocolKind::Query,
        ProtocolKind::Ec2,
        ProtocolKind::ProblemJson,
        ProtocolKind::RpcV2Cbor,
        ProtocolKind::GoogleJson,
    ];

    /// Its name, as `protocol = "..."` takes it: `rest-json`, `aws-json`,
    /// `aws-json-1.1`, `rest-xml`, `rest-xml-wrapped`, `query`, `ec2`,
    /// `problem-json`, `rpc-v2-cbor` or `google-json`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            ProtocolKind::RestJson => "rest-json",
            ProtocolKind::AwsJson => "aws-json",
            ProtocolKind::AwsJson11 => "aws-json-1.1",
            ProtocolKind::RestXml => "rest-xml",
            ProtocolKind::RestXmlWrapped => "rest-xml-wrapped",
            ProtocolKind::Query => "query",
            ProtocolKind::Ec2 => "ec2",
            ProtocolKind::ProblemJson => "problem-json",
            ProtocolKind::RpcV2Cbor => "rpc-v2-cbor",
            ProtocolKind::GoogleJson => "google-json",
        }
    }

    /// The protocol of this name, if errtable speaks one by it.
    #[must_use]
    #[allow(
        clippy::manual_find,
        reason = "a loop: `find`'s closure compiles std's iterator code into this crate, which every deriving crate builds twice"
    )]
    pub fn from_name(name: &str) -> Option<ProtocolKind> {
        for kind in ProtocolKind::ALL {
            if kind.name() == name {
                return Some(kind);
            }
        }
        None
    }

    /// The names of [`ALL`](Self::ALL), comma-separated, for messages.
    #[must_use]
    pub fn names() -> String {
        let mut names = String::new();
        for kind in ProtocolKind::ALL {
            if !names.is_empty() {
                names.push_str(", ");
            }
            names.push_str(kind.name());
        }
        names
    }

    /// The errtable feature it needs beyond the defaults, if any: `xml`
    /// for the XML protocols, `cbor` for `rpc-v2-cbor`.
    #[must_use]
    pub const fn feature(self) -> Option<&'static str> {
        match self {
            ProtocolKind::RestXml
            | ProtocolKind::RestXmlWrapped
            | ProtocolKind::Query
            | ProtocolKind::Ec2 => Some("xml"),
            ProtocolKind::RpcV2Cbor => Some("cbor"),
            _ => None,
        }
    }

    /// Whether its bodies are XML (these need errtable's `xml` feature).
    #[must_use]
    pub const fn is_xml(self) -> bool {
        matches!(
            self,
            ProtocolKind::RestXml
                | ProtocolKind::RestXmlWrapped
                | ProtocolKind::Query
                | ProtocolKind::Ec2
        )
    }

    /// The `Content-Type` of its error responses.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            ProtocolKind::RestJson => "application/json",
            ProtocolKind::AwsJson => "application/x-amz-json-1.0",
            ProtocolKind::AwsJson11 => "application/x-amz-json-1.1",
            ProtocolKind::RestXml | ProtocolKind::RestXmlWrapped => "application/xml",
            ProtocolKind::Query => "text/xml",
            // As EC2 sends it, and Smithy's ec2Query cases expect.
            ProtocolKind::Ec2 => "text/xml;charset=UTF-8",
            ProtocolKind::ProblemJson => "application/problem+json",
            ProtocolKind::RpcV2Cbor => "application/cbor",
            // As Google's APIs send it.
            ProtocolKind::GoogleJson => "application/json; charset=UTF-8",
        }
    }

    /// Whether it sends a member bound to a header in that header: the
    /// REST protocols and problem details do; `aws-json`, `query` and
    /// `ec2` carry every member in the body.
    #[must_use]
    pub const fn binds_headers(self) -> bool {
        matches!(
            self,
            ProtocolKind::RestJson
                | ProtocolKind::RestXml
                | ProtocolKind::RestXmlWrapped
                | ProtocolKind::ProblemJson
        )
    }

    /// Whether it sends a row's AWS query code (`awsQueryError`) as the
    /// error's code: the query protocols do.
    #[must_use]
    pub const fn sends_query_codes(self) -> bool {
        matches!(self, ProtocolKind::Query | ProtocolKind::Ec2)
    }
}

impl fmt::Display for ProtocolKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        for kind in ProtocolKind::ALL {
            assert_eq!(ProtocolKind::from_name(kind.name()), Some(kind));
            assert_eq!(kind.to_string(), kind.name());
        }
        assert_eq!(ProtocolKind::from_name("rest_json"), None);
        assert_eq!(
            ProtocolKind::names(),
            "rest-json, aws-json, aws-json-1.1, rest-xml, rest-xml-wrapped, query, ec2, problem-json, rpc-v2-cbor, google-json"
        );
    }

    #[test]
    fn only_the_query_protocols_send_query_codes() {
        let sending: Vec<_> = ProtocolKind::ALL
            .into_iter()
            .filter(|kind| kind.sends_query_codes())
            .collect();
        assert_eq!(sending, [ProtocolKind::Query, ProtocolKind::Ec2]);
    }

    #[test]
    fn headers_bind_in_the_rest_protocols_and_problem_details() {
        let binding: Vec<_> = ProtocolKind::ALL
            .into_iter()
            .filter(|kind| kind.binds_headers())
            .collect();
        assert_eq!(
            binding,
            [
                ProtocolKind::RestJson,
                ProtocolKind::RestXml,
                ProtocolKind::RestXmlWrapped,
                ProtocolKind::ProblemJson
            ]
        );
    }
}
