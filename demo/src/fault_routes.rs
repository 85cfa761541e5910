//! `--fault-routes` (for reliability tests only): two routes that fail on
//! purpose. `GET /-/faults/panic` panics in its handler, `GET
//! /-/faults/io-error` meets an `std::io::Error`. Both must come out as the
//! table's generic ServiceUnavailableException, with the details in the
//! service's log (stderr) and nowhere in the response.

use crate::errors;
use crate::GlacierError;
use axum::response::{IntoResponse, Response};

/// `GET /-/faults/panic`: panics, with internal details in the message.
pub async fn panic_route() -> Response {
    panic!("fault injected: secret state /var/lib/glacier/db.sqlite at offset 4096");
}

/// `GET /-/faults/io-error`: fails on an `std::io::Error` whose text
/// names a private path.
pub async fn io_error_route() -> Result<Response, GlacierError> {
    let path = "/nonexistent/glacier-demo/private/vault-index.db";
    let bytes = std::fs::read(path)
        .map_err(|err| errors::internal(&format_args!("reading {path}: {err}")))?;
    Ok(format!("{} bytes", bytes.len()).into_response())
}
