use crate::{ErrorType, Exception, RetryKind};
use serde_json::Value;
use std::error::Error;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// An error of a service: an exception of its table, the message that
/// explains this occurrence, the request id it was reported under, and the
/// extra fields some protocols carry (S3's `Resource`, `BucketName`, `Key`
/// and `HostId`, problem details' extension members).
///
/// Its source, the error that caused it ([`with_source`](Self::with_source)),
/// is for the service's own logs: it is never serialized, never written
/// in a response in any protocol, and never compared, so two errors that
/// differ only in their source are equal.
///
/// Serializes to the compact body services send,
/// `{"code":"...","message":"...","type":"Client"}`, and parses the
/// spellings real services use (see [`ServiceError::from_json`]).
#[derive(Clone)]
pub struct ServiceError<E> {
    exception: E,
    message: String,
    request_id: Option<String>,
    guessed_from_status: bool,
    /// The status of the response it was read from, beside the table's.
    received_status: Option<u16>,
    // Fields and a source are rare, so they are boxed and absent until set:
    // parsing a body allocates nothing for them (boxing the whole error
    // cost 180 instructions a parse, 0.95x -> 0.90x of serde_derive,
    // BENCHMARKS.md), and the error stays under the 128 bytes at which
    // clippy's `result_large_err` flags every handler returning it.
    extra: Option<Box<Extra>>,
}

/// What few errors carry: extra fields, headers and a source.
#[derive(Clone, Default)]
pub(crate) struct Extra {
    /// In the order they were set; one value per name.
    pub(crate) fields: Vec<(String, Value)>,
    /// In the order they were set; one value per name, whatever its case.
    pub(crate) headers: Vec<(String, String)>,
    /// Shared, so that the error stays `Clone`.
    source: Option<Arc<dyn Error + Send + Sync + 'static>>,
}

/// Equal when all but the source is: the source never decides whether two
/// errors are the same.
impl<E: PartialEq> PartialEq for ServiceError<E> {
    fn eq(&self, other: &Self) -> bool {
        self.exception == other.exception
            && self.message == other.message
            && self.request_id == other.request_id
            && self.guessed_from_status == other.guessed_from_status
            && same_fields(self.field_slice(), other.field_slice())
            && same_headers(self.header_slice(), other.header_slice())
    }
}

impl<E: Eq> Eq for ServiceError<E> {}

/// Hashes what equality compares.
impl<E: Hash> Hash for ServiceError<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.exception.hash(state);
        self.message.hash(state);
        self.request_id.hash(state);
        self.guessed_from_status.hash(state);
        // In any order, as equality compares them.
        let fields = self.field_slice().iter().map(hash_of);
        state.write_u64(fields.fold(0, u64::wrapping_add));
        let headers = self
            .header_slice()
            .iter()
            .map(|(name, value)| hash_of(&(name.to_ascii_lowercase(), value)));
        state.write_u64(headers.fold(0, u64::wrapping_add));
    }
}

/// Fields hold one value per name: their order is not part of the error
/// (a response read back puts the members from headers last).
fn same_fields(ours: &[(String, Value)], theirs: &[(String, Value)]) -> bool {
    ours.len() == theirs.len() && ours.iter().all(|field| theirs.contains(field))
}

/// Headers hold one value per name, whatever its case.
fn same_headers(ours: &[(String, String)], theirs: &[(String, String)]) -> bool {
    ours.len() == theirs.len()
        && ours.iter().all(|(name, value)| {
            theirs
                .iter()
                .any(|(n, v)| n.eq_ignore_ascii_case(name) && v == value)
        })
}

/// A hash of one part, the same in every process, to be added up.
fn hash_of(part: &impl Hash) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    part.hash(&mut hasher);
    hasher.finish()
}

impl<E: fmt::Debug> fmt::Debug for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("exception", &self.exception)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("fields", &self.field_slice())
            .field("headers", &self.header_slice())
            .field("guessed_from_status", &self.guessed_from_status)
            .field("received_status", &self.received_status)
            .field(
                "source",
                &self.extra.as_ref().and_then(|extra| extra.source.as_ref()),
            )
            .finish()
    }
}

impl<E> ServiceError<E> {
    fn field_slice(&self) -> &[(String, Value)] {
        self.extra.as_ref().map_or(&[], |extra| &extra.fields)
    }

    pub(crate) fn header_slice(&self) -> &[(String, String)] {
        self.extra.as_ref().map_or(&[], |extra| &extra.headers)
    }

    pub(crate) fn extra_mut(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// The same parts under the exception `map` makes of this one.
    fn map_exception<F>(self, map: impl FnOnce(E) -> F) -> ServiceError<F> {
        ServiceError {
            exception: map(self.exception),
            message: self.message,
            request_id: self.request_id,
            guessed_from_status: self.guessed_from_status,
            received_status: self.received_status,
            extra: self.extra,
        }
    }
}

impl<E: Exception> ServiceError<E> {
    /// An error with no request id yet.
    pub fn new(exception: E, message: impl Into<String>) -> Self {
        ServiceError {
            exception,
            message: message.into(),
            request_id: None,
            guessed_from_status: false,
            received_status: None,
            extra: None,
        }
    }

    /// Sets the request id (the `x-amzn-RequestId` header of a response).
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Sets an extra field, replacing one of the same name: a member the
    /// row declares ([`Exception::members`]: `retryAfterSeconds`, S3's
    /// `BucketName`), or any other value, such as an extension member of
    /// problem details.
    ///
    /// A declared member goes where the protocol puts it (see [`Member`]):
    /// a header it is bound to, else the body under its wire name, its
    /// value written as its shape says. Any other field is a member of the
    /// JSON bodies and an element inside `<Error>`, its value in XML a
    /// string, or its JSON text when it is not a string, read back as a
    /// string. A field named like a part the protocol writes itself
    /// (`code`, `message`, `status`... in JSON; `Code`, `Message`, `Type`,
    /// `RequestId` and `RequestID` in every XML form) is not written.
    ///
    /// [`Member`]: crate::Member
    #[must_use]
    pub fn with_field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        let name = name.into();
        let value = value.into();
        let fields = &mut self.extra_mut().fields;
        match fields.iter_mut().find(|(n, _)| *n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
        self
    }

    /// Sets the error that caused this one: a database error, an I/O error,
    /// a failed call to another service. [`Error::source`] returns it, and
    /// the chain goes on from there; `Debug` shows it. It stays on the
    /// service's side: no protocol writes it, serialization leaves it out,
    /// and equality and hashing ignore it. Any error (or a `String`) will
    /// do; it is kept behind an `Arc`, so cloning the error shares it.
    ///
    /// ```
    /// # use errtable::ErrorTable;
    /// # #[derive(ErrorTable)]
    /// # #[error_table(spec = "spec/glacier.md")]
    /// # pub struct Glacier;
    /// use std::error::Error;
    ///
    /// let disk = std::io::Error::other("disk quota exceeded");
    /// let err = GlacierError::new(GlacierException::ServiceUnavailableException, "Try again later.")
    ///     .with_source(disk);
    /// assert_eq!(err.source().unwrap().to_string(), "disk quota exceeded");
    /// assert!(!err.to_json().contains("disk"));
    /// ```
    #[must_use]
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn Error + Send + Sync + 'static>>,
    ) -> Self {
        self.extra_mut().source = Some(Arc::from(source.into()));
        self
    }

    /// The extra field `name`, if the error has it.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.field_slice()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value)
    }

    /// The extra fields, in the order they were set.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.field_slice().iter().map(|(n, v)| (n.as_str(), v))
    }

    /// The fields read from a body of `protocol` under their member names,
    /// with their values as the fields keep them ([`crate::Member`]).
    pub(crate) fn read_members(mut self, protocol: &crate::Protocol) -> Self {
        let Some(extra) = self.extra.as_mut().filter(|extra| !extra.fields.is_empty()) else {
            return self;
        };
        let members = self.exception.members();
        if members.is_empty() {
            return self;
        }
        let mut renamed = Vec::with_capacity(extra.fields.len());
        for (name, value) in std::mem::take(&mut extra.fields) {
            let (name, value) = match crate::member::find_wire(members, protocol, &name) {
                Some(member) if protocol.is_xml() => {
                    (member.name().to_owned(), member.read_xml(value, protocol))
                }
                Some(member) => (member.name().to_owned(), member.read_json(value, protocol)),
                None => (name, value),
            };
            // A body that had the member under both names: the last wins.
            renamed.retain(|(n, _): &(String, Value)| *n != name);
            renamed.push((name, value));
        }
        extra.fields = renamed;
        self
    }

    /// The extra fields in the order a body writes them: the members the
    /// row declares, in the model's order (as Smithy's services write
    /// them), then the others in the order they were set.
    pub(crate) fn fields_in_order(&self) -> impl Iterator<Item = (&str, &Value)> {
        // No fields, no members to look up (every body writer asks).
        let members = if self.field_slice().is_empty() {
            &[]
        } else {
            self.exception.members()
        };
        let declared = members
            .iter()
            .filter_map(|member| Some((member.name(), self.field(member.name())?)));
        let others = self
            .fields()
            .filter(move |(name, _)| crate::member::find(members, name).is_none());
        declared.chain(others)
    }

    /// The member its row declares under `name`, if any.
    pub(crate) fn member(&self, name: &str) -> Option<&'static crate::Member> {
        crate::member::find(self.exception.members(), name)
    }

    /// Whether the exception was guessed from the HTTP status of a response
    /// whose body named no code (an empty body, as S3 sends for a 304),
    /// rather than read from it.
    pub fn guessed_from_status(&self) -> bool {
        self.guessed_from_status
    }

    /// The HTTP status of the response this error was read from
    /// (`from_http_parts`), which [`status`](Self::status), the table's,
    /// need not be: a peer may send a known code with another status. `None`
    /// for an error not read from a response. Like the source, it is not
    /// compared or hashed: an error read back equals the one sent.
    pub fn received_status(&self) -> Option<u16> {
        self.received_status
    }

    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn received_with(mut self, status: u16) -> Self {
        self.received_status = Some(status);
        self
    }

    /// The same error with another exception of its table.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn with_exception(self, exception: E) -> Self {
        self.map_exception(|_| exception)
    }

    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn guessed(mut self) -> Self {
        self.guessed_from_status = true;
        self
    }

    /// The exception.
    pub fn exception(&self) -> &E {
        &self.exception
    }

    /// The message of this occurrence.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The request id, if one is known.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The wire code.
    pub fn code(&self) -> &str {
        self.exception.code()
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.exception.status()
    }

    /// Whether the client or the server is at fault.
    pub fn error_type(&self) -> ErrorType {
        self.exception.error_type()
    }

    /// How a client should treat this error when deciding to retry.
    pub fn retry_kind(&self) -> RetryKind {
        self.exception.retry_kind()
    }

    /// The same error under another table's exception type, such as a
    /// per-operation subset's error widened to the service-wide one
    /// (`#[error_table(full = "...")]` generates the `From`).
    pub fn convert<F: Exception + From<E>>(self) -> ServiceError<F> {
        self.map_exception(F::from)
    }

    /// The same error under a subset's exception type.
    ///
    /// # Errors
    ///
    /// The error back, unchanged, when the subset does not have its
    /// exception.
    pub fn try_convert<F: Exception + TryFrom<E, Error = E>>(
        self,
    ) -> Result<ServiceError<F>, Self> {
        let ServiceError {
            exception,
            message,
            request_id,
            guessed_from_status,
            received_status,
            extra,
        } = self;
        match F::try_from(exception) {
            Ok(exception) => Ok(ServiceError {
                exception,
                message,
                request_id,
                guessed_from_status,
                received_status,
                extra,
            }),
            Err(exception) => Err(ServiceError {
                exception,
                message,
                request_id,
                guessed_from_status,
                received_status,
                extra,
            }),
        }
    }

    /// Splits the error into its exception, message and request id (the
    /// extra fields and the source are dropped).
    pub fn into_parts(self) -> (E, String, Option<String>) {
        (self.exception, self.message, self.request_id)
    }
}

impl<E: Exception> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl<E: Exception> Error for ServiceError<E> {
    /// The error set with [`with_source`](ServiceError::with_source).
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        let source = self.extra.as_ref()?.source.as_ref()?;
        Some(&**source)
    }
}
