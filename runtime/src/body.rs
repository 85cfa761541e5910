//! An error body in any protocol: which writer and which reader.

use crate::body_error::BodyError;
#[cfg(feature = "xml")]
use crate::json_read::WireBody;
use crate::json_read::{read_body, read_problem};
use crate::protocol::Protocol;
use crate::{Exception, ServiceError};
use errtable_shared::ProtocolKind;

impl<E: Exception> ServiceError<E> {
    /// The body of this error in `protocol` (see [`Protocol`] for each
    /// shape), with its request id where the body carries one (the XML
    /// protocols, `google-json`). Members bound to headers are left out where the
    /// protocol sends them in headers, as a response does; `to_json` is
    /// the whole error in REST-JSON's shape.
    ///
    pub fn to_body(&self, protocol: &Protocol) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.body_capacity(protocol));
        self.write_body(
            protocol,
            self.request_id(),
            self.wire_status(protocol),
            &mut out,
        );
        out
    }

    /// Room for a body in `protocol` with no escapes: the envelope, the
    /// code as often as the protocol writes it, the message. Growing the
    /// buffer cost a response about 900 instructions (`ops http-response`).
    pub(crate) fn body_capacity(&self, protocol: &Protocol) -> usize {
        let code = self.code().len();
        let base = match protocol {
            Protocol::ProblemJson { type_base } => type_base.as_deref().map_or(0, str::len) + code,
            _ => 0,
        };
        // Fields as text, with their names twice (XML's tags).
        let fields: usize = self
            .fields()
            .map(|(name, value)| 6 + 2 * name.len() + value.as_str().map_or(16, str::len))
            .sum();
        let request_id = self.request_id().map_or(0, str::len);
        160 + 2 * code + base + self.message().len() + fields + request_id
    }

    /// Appends the body in `protocol` to `out`, with `request_id` and
    /// `status` where the body carries them.
    pub(crate) fn write_body(
        &self,
        protocol: &Protocol,
        request_id: Option<&str>,
        status: u16,
        out: &mut Vec<u8>,
    ) {
        match protocol {
            Protocol::RestJson => self.write_rest_json(out, true),
            Protocol::AwsJson | Protocol::AwsJson11 => self.write_aws_json(out),
            #[cfg(feature = "cbor")]
            Protocol::RpcV2Cbor => self.write_cbor(out),
            Protocol::ProblemJson { type_base } => {
                self.write_problem_json(type_base.as_deref(), status, out);
            }
            Protocol::GoogleJson => self.write_google_json(request_id, status, out),
            #[cfg(feature = "xml")]
            xml => self.write_xml(xml, request_id, out),
        }
    }

    /// The status an error is sent with in `protocol`: the table's (in the
    /// query protocols its query status), which is in 300..=599; an unknown
    /// code that arrived with another status is sent as 500, since clients
    /// take a lower one for a success.
    pub(crate) fn wire_status(&self, protocol: &Protocol) -> u16 {
        let status = match protocol.kind() {
            ProtocolKind::Query | ProtocolKind::Ec2 => self.exception().query_status(),
            _ => self.status(),
        };
        match status {
            status @ 300..=599 => status,
            _ => 500,
        }
    }

    /// Reads a body in `protocol`: the JSON protocols as
    /// [`from_json`](Self::from_json) reads them (problem details take the
    /// code from the extension member `code` and the message from
    /// `detail`), the XML ones as their forms put them (with `xml`). The
    /// body's extra members or elements become the error's extra fields;
    /// an XML body's request id becomes the error's. `from_http_parts`
    /// reads bodies with this same reader.
    ///
    /// # Errors
    ///
    /// A body that names no code is [`BodyError::NoCode`]; one whose code
    /// is empty, or that is not a body of the protocol, is
    /// [`BodyError::Invalid`] (or [`BodyError::InvalidXml`],
    /// [`BodyError::InvalidCbor`]).
    pub fn from_body(protocol: &Protocol, body: &[u8]) -> Result<Self, BodyError> {
        match read_in(protocol, body, None)? {
            Read::Error(error) => Ok(error),
            Read::NoCode(_) => Err(BodyError::NoCode),
        }
    }
}

/// What a body said.
pub(crate) enum Read<E> {
    Error(ServiceError<E>),
    /// A body read without a code in it, which `from_http_parts` keeps
    /// when a header or the status names the error.
    NoCode(#[cfg_attr(not(feature = "http"), allow(dead_code))] Uncoded),
}

/// What a body that names no code says: its message, its other members
/// and its request id.
#[derive(Default)]
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub(crate) struct Uncoded {
    message: String,
    fields: Vec<(String, serde_json::Value)>,
    request_id: Option<String>,
}

#[cfg_attr(not(feature = "http"), allow(dead_code))]
impl Uncoded {
    /// The error of `exception` this body describes, read in `protocol`.
    pub(crate) fn into_error<E: Exception>(
        self,
        exception: E,
        protocol: &Protocol,
    ) -> ServiceError<E> {
        let error = ServiceError::new(exception, self.message);
        let error = crate::json_read::with_fields(error, self.fields, protocol);
        match self.request_id {
            Some(id) => error.with_request_id(id),
            None => error,
        }
    }
}

/// The one body reader: what a body says in `protocol`, with a received
/// status kept for codes the table lacks.
pub(crate) fn read_in<E: Exception>(
    protocol: &Protocol,
    body: &[u8],
    status: Option<u16>,
) -> Result<Read<E>, BodyError> {
    let (wire, request_id) = match protocol {
        Protocol::RestJson | Protocol::AwsJson | Protocol::AwsJson11 => {
            (read_body(body)?, None::<String>)
        }
        #[cfg(feature = "cbor")]
        Protocol::RpcV2Cbor => (crate::cbor::read_cbor(body)?, None),
        Protocol::ProblemJson { type_base } => {
            let problem = read_problem(body)?;
            let detail = problem.detail.clone();
            return Ok(match problem.into_error(status, type_base.as_deref()) {
                Some(error) => Read::Error(error),
                None => Read::NoCode(Uncoded {
                    message: detail.unwrap_or_default(),
                    ..Uncoded::default()
                }),
            });
        }
        Protocol::GoogleJson => {
            let mut google = crate::google::read_google(body)?;
            // Without an ErrorInfo, nothing in the body is a code.
            return Ok(match google.error_info.take() {
                Some(info) => Read::Error(google.into_error(info, status)),
                None => Read::NoCode(Uncoded {
                    message: google.message,
                    fields: match google.other_details {
                        kept if kept.is_empty() => Vec::new(),
                        kept => vec![(crate::google::DETAILS_FIELD.to_owned(), kept.into())],
                    },
                    request_id: google.request_id,
                }),
            });
        }
        #[cfg(feature = "xml")]
        _ => {
            let read = crate::xml_read::read_xml(body)?;
            let request_id = read.request_id.clone();
            (WireBody::from(read), request_id)
        }
    };
    if wire.code.is_none() {
        return Ok(Read::NoCode(Uncoded {
            message: wire.message.unwrap_or_default(),
            fields: wire.fields,
            request_id,
        }));
    }
    let error = wire.into_error::<E, serde_json::Error>(status, protocol)?;
    Ok(Read::Error(match request_id {
        Some(id) => error.with_request_id(id),
        None => error,
    }))
}

#[cfg(feature = "xml")]
impl From<crate::xml_read::XmlBody> for WireBody<'static> {
    /// What an XML body says, as the JSON bodies say it.
    fn from(read: crate::xml_read::XmlBody) -> Self {
        WireBody {
            code: read.code.map(std::borrow::Cow::Owned),
            message: read.message,
            error_type: read.error_type,
            fields: read.fields,
        }
    }
}
