//! The request being served: its id, set by the request-context layer
//! (`errtable::tower`, `errtable::actix`) for the time it polls the
//! service inside it, so that an error that becomes a response there,
//! raised through `?` or by middleware, is sent under the request's id and
//! logged once, by the layer.

use crate::http::{header_value, request_id_header, X_AMZ_ID_2};
use crate::request_id::{new_host_id, new_request_id};
use crate::Exception;
use ::http::{HeaderMap, HeaderName, HeaderValue};
use std::cell::RefCell;
use std::sync::Arc;

/// The context of one request: its id and, for S3-shaped services, its
/// host id (`x-amz-id-2`). The request-context layer puts it in each
/// request's extensions (axum: `Extension<RequestContext>`; actix-web:
/// `req.extensions().get::<RequestContext>()`) and stamps every response
/// of the request with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestContext(Arc<Ids>);

#[derive(Debug, PartialEq, Eq)]
struct Ids {
    request_id: String,
    host_id: Option<String>,
}

thread_local! {
    /// The context of the request whose service this thread is polling.
    static CURRENT: RefCell<Option<RequestContext>> = const { RefCell::new(None) };
}

impl RequestContext {
    /// A context with these ids.
    pub fn new(request_id: impl Into<String>, host_id: Option<String>) -> Self {
        RequestContext(Arc::new(Ids {
            request_id: request_id.into(),
            host_id,
        }))
    }

    /// The context of a request to a service of `E`'s table: its id from
    /// the table's request-id header, when the request has a usable one
    /// (printable ASCII, at most 256 bytes), else a new one in the
    /// protocol's shape: S3's 16 uppercase hex digits with a host id for
    /// `rest-xml`, a UUID elsewhere.
    #[must_use]
    pub fn for_request<E: Exception>(headers: &HeaderMap) -> Self {
        Self::from_headers::<E>(|name| headers.get(name)?.to_str().ok())
    }

    /// [`for_request`](Self::for_request) with the request's headers as a
    /// lookup by (lowercase) name, for frameworks on another `http`.
    pub(crate) fn from_headers<'h, E: Exception>(header: impl Fn(&str) -> Option<&'h str>) -> Self {
        let protocol = E::protocol();
        let s3 = protocol.is_s3();
        let usable = |name: &str| header(name).filter(|text| header_value(text).is_some());
        let incoming = request_id_header::<E>(&protocol).and_then(|name| usable(name.as_str()));
        let request_id = match incoming {
            Some(id) => id.to_owned(),
            None => new_request_id(&protocol),
        };
        let host_id =
            s3.then(|| usable(X_AMZ_ID_2.as_str()).map_or_else(new_host_id, str::to_owned));
        RequestContext::new(request_id, host_id)
    }

    /// The headers every response of the request carries: its id in the
    /// table's request-id header, and its host id in `x-amz-id-2` for
    /// S3-shaped services.
    #[cfg_attr(not(any(feature = "tower", feature = "actix")), allow(dead_code))]
    pub(crate) fn stamps<E: Exception>(&self) -> impl Iterator<Item = (HeaderName, HeaderValue)> {
        // No list is built: this runs for every response of every request.
        let id = request_id_header::<E>(&E::protocol()).zip(header_value(self.request_id()));
        let host_id = self
            .host_id()
            .and_then(header_value)
            .map(|id| (X_AMZ_ID_2, id));
        id.into_iter().chain(host_id)
    }

    /// Emits the one event of the request's response, sent with `status`:
    /// `event`, the one errtable's transport left in the response, or one
    /// with only the status for a response errtable did not write; none
    /// below 400.
    #[cfg(feature = "tracing")]
    #[cfg_attr(not(any(feature = "tower", feature = "actix")), allow(dead_code))]
    pub(crate) fn log(&self, status: u16, event: Option<crate::trace::Event>) {
        if status < 400 {
            return;
        }
        match event {
            Some(event) => event.with_request_id(self.request_id()).emit(),
            None => crate::trace::Event::plain(status, self.request_id()).emit(),
        }
    }

    /// The request's id.
    #[must_use]
    pub fn request_id(&self) -> &str {
        &self.0.request_id
    }

    /// The host id S3-shaped services send in `x-amz-id-2`.
    #[must_use]
    pub fn host_id(&self) -> Option<&str> {
        self.0.host_id.as_deref()
    }

    /// The context of the request being served on this thread, inside the
    /// request-context layer; `None` elsewhere.
    #[must_use]
    pub fn current() -> Option<RequestContext> {
        CURRENT.with(|current| current.borrow().clone())
    }

    /// Runs `f` as this request's code: [`current`](Self::current) is this
    /// context meanwhile, and whatever it was before afterwards.
    #[cfg_attr(not(any(feature = "tower", feature = "actix")), allow(dead_code))]
    pub(crate) fn enter<R>(&self, f: impl FnOnce() -> R) -> R {
        struct Restore(Option<RequestContext>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                CURRENT.with(|current| *current.borrow_mut() = previous);
            }
        }
        let previous = CURRENT.with(|current| current.borrow_mut().replace(self.clone()));
        // Restored on the way out, even if `f` panics.
        let _restore = Restore(previous);
        f()
    }
}
