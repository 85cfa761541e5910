//! Reading a `reqwest::Response` into a [`ServiceError`], async. Needs the
//! `reqwest` feature.
//!
//! [`ServiceError::from_reqwest`] reads the status and headers, then the
//! body chunk by chunk, and gives up with [`HttpError::TooLarge`] as soon
//! as it passes [`MAX_BODY_LEN`](crate::MAX_BODY_LEN) (or at once, when
//! `Content-Length` says it will), so a peer cannot make a client buffer
//! without bound; then it reads the error as
//! [`from_http_parts`](ServiceError::from_http_parts) does, with the same
//! error type. With reqwest's decompression on (its `gzip` feature and
//! the like), the limit counts the decompressed bytes.
//!
//! ```no_run
//! use errtable::ErrorTable;
//!
//! #[derive(ErrorTable)]
//! #[error_table(spec = "spec/glacier.md")]
//! pub struct Glacier;
//!
//! /// DescribeVault: the vault's description, or the service's error.
//! async fn describe_vault(
//!     client: &reqwest::Client,
//!     url: &str,
//! ) -> Result<String, Box<dyn std::error::Error>> {
//!     let response = client.get(url).send().await?;
//!     if !response.status().is_success() {
//!         let error = GlacierError::from_reqwest(response).await?;
//!         if error.exception() == &GlacierException::ResourceNotFoundException {
//!             eprintln!("no such vault (request {:?})", error.request_id());
//!         }
//!         return Err(error.into());
//!     }
//!     Ok(response.text().await?)
//! }
//! ```

use crate::http::HttpError;
use crate::{Exception, Protocol, ServiceError, TooLarge};
use ::http::{HeaderMap, StatusCode};

impl<E: Exception> ServiceError<E> {
    /// Reads an error response received with reqwest, in the protocol its
    /// `Content-Type` or body tells: see
    /// [`from_http_parts`](Self::from_http_parts).
    ///
    /// # Errors
    ///
    /// A status below 300 is [`HttpError::NotAnError`], before any of the
    /// body is read. A body over [`MAX_BODY_LEN`](crate::MAX_BODY_LEN) is
    /// [`HttpError::TooLarge`]: at once when `Content-Length` announces
    /// it, else as soon as the chunks received pass it, with nothing more
    /// read (the response is dropped, which closes its connection). A
    /// connection that fails before the body ends is
    /// [`HttpError::Receive`], with reqwest's error as its source.
    pub async fn from_reqwest(response: reqwest::Response) -> Result<Self, HttpError> {
        let (status, headers, body) = receive(response).await?;
        Self::from_http_parts(status, &headers, &body)
    }

    /// Reads an error response received with reqwest in `protocol`: see
    /// [`from_reqwest`](Self::from_reqwest) and
    /// [`from_http_parts_in`](Self::from_http_parts_in).
    ///
    /// # Errors
    ///
    /// Those of [`from_reqwest`](Self::from_reqwest).
    pub async fn from_reqwest_in(
        protocol: &Protocol,
        response: reqwest::Response,
    ) -> Result<Self, HttpError> {
        let (status, headers, body) = receive(response).await?;
        Self::from_http_parts_in(protocol, status, &headers, &body)
    }
}

/// The status, headers and body of an error response, the body within
/// [`MAX_BODY_LEN`](crate::MAX_BODY_LEN).
async fn receive(
    mut response: reqwest::Response,
) -> Result<(StatusCode, HeaderMap, Vec<u8>), HttpError> {
    let status = response.status();
    if status.as_u16() < 300 {
        return Err(HttpError::NotAnError(status));
    }
    let announced = response.content_length().unwrap_or(0);
    TooLarge::check(usize::try_from(announced).unwrap_or(usize::MAX))
        .map_err(HttpError::TooLarge)?;
    let headers = std::mem::take(response.headers_mut());
    // An error body is small: the announced length, else a little.
    let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(0).max(512));
    loop {
        let chunk = response.chunk().await.map_err(|err| HttpError::Receive {
            status,
            source: Box::new(err),
        })?;
        let Some(chunk) = chunk else { break };
        // Checked before the chunk is kept: past the limit nothing more is
        // buffered.
        TooLarge::check(body.len().saturating_add(chunk.len())).map_err(HttpError::TooLarge)?;
        body.extend_from_slice(&chunk);
    }
    Ok((status, headers, body))
}
