//! The error type `#[derive(ErrorTable)]` declares in the deriving crate:
//! a newtype of [`ServiceError`](crate::ServiceError) for its table.
//!
//! It is the deriving crate's own type, so that crate may implement `From`
//! for the errors its handlers meet (`impl From<sqlx::Error> for
//! GlacierError`) and `?` converts them; for `ServiceError<GlacierException>`
//! itself the orphan rule forbids that (E0117). The macros here write its
//! impls, which only forward to `ServiceError`; the framework ones exist
//! where this crate was built with the feature, which generated code cannot
//! test for itself.

/// Implements the error type `$error`, a tuple struct around
/// `ServiceError<$exception>`.
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type {
    ($error:ident, $exception:ty) => {
        // A crate uses the constructors it needs: the rest are no dead code
        // of its own.
        #[allow(dead_code)]
        impl $error {
            /// An error with this message and no request id yet.
            pub fn new(
                exception: $exception,
                message: impl ::core::convert::Into<::std::string::String>,
            ) -> Self {
                $error($crate::ServiceError::new(exception, message))
            }

            /// Sets the request id: see [`ServiceError::with_request_id`]($crate::ServiceError::with_request_id).
            pub fn with_request_id(
                self,
                request_id: impl ::core::convert::Into<::std::string::String>,
            ) -> Self {
                $error(self.0.with_request_id(request_id))
            }

            /// Sets an extra field: see [`ServiceError::with_field`]($crate::ServiceError::with_field).
            pub fn with_field(
                self,
                name: impl ::core::convert::Into<::std::string::String>,
                value: impl ::core::convert::Into<$crate::__private::serde_json::Value>,
            ) -> Self {
                $error(self.0.with_field(name, value))
            }

            /// Sets the error that caused this one, which never leaves the
            /// service: see [`ServiceError::with_source`]($crate::ServiceError::with_source).
            pub fn with_source(
                self,
                source: impl ::core::convert::Into<
                    ::std::boxed::Box<
                        dyn ::std::error::Error
                            + ::core::marker::Send
                            + ::core::marker::Sync
                            + 'static,
                    >,
                >,
            ) -> Self {
                $error(self.0.with_source(source))
            }

            /// Sets a header to send with the error: see [`ServiceError::with_header`]($crate::ServiceError::with_header).
            pub fn with_header(
                self,
                name: impl ::core::convert::Into<::std::string::String>,
                value: impl ::core::convert::Into<::std::string::String>,
            ) -> Self {
                $error(self.0.with_header(name, value))
            }

            /// `Retry-After`: see [`ServiceError::with_retry_after`]($crate::ServiceError::with_retry_after).
            pub fn with_retry_after(self, delay: ::core::time::Duration) -> Self {
                $error(self.0.with_retry_after(delay))
            }

            /// A `WWW-Authenticate` challenge: see [`ServiceError::with_www_authenticate`]($crate::ServiceError::with_www_authenticate).
            pub fn with_www_authenticate(
                self,
                challenge: impl ::core::convert::Into<::std::string::String>,
            ) -> Self {
                $error(self.0.with_www_authenticate(challenge))
            }

            /// `Allow`: see [`ServiceError::with_allow`]($crate::ServiceError::with_allow).
            pub fn with_allow<M: ::core::convert::AsRef<str>>(
                self,
                methods: impl ::core::iter::IntoIterator<Item = M>,
            ) -> Self {
                $error(self.0.with_allow(methods))
            }

            /// `Content-Range` of a 416: see [`ServiceError::with_content_range`]($crate::ServiceError::with_content_range).
            pub fn with_content_range(self, complete_length: u64) -> Self {
                $error(self.0.with_content_range(complete_length))
            }

            /// `ETag`: see [`ServiceError::with_etag`]($crate::ServiceError::with_etag).
            pub fn with_etag(self, etag: impl ::core::convert::AsRef<str>) -> Self {
                $error(self.0.with_etag(etag))
            }

            /// `Last-Modified`: see [`ServiceError::with_last_modified`]($crate::ServiceError::with_last_modified).
            pub fn with_last_modified(self, time: ::std::time::SystemTime) -> Self {
                $error(self.0.with_last_modified(time))
            }

            /// The [`ServiceError`]($crate::ServiceError) inside.
            pub fn into_inner(self) -> $crate::ServiceError<$exception> {
                self.0
            }

            /// The same error as another table's error type, such as a
            /// per-operation subset's widened to the service-wide one
            /// (`#[error_table(full = "...")]` generates the `From` between
            /// their exceptions): see [`ServiceError::convert`]($crate::ServiceError::convert).
            pub fn convert<T>(self) -> T
            where
                T: $crate::__private::TableError,
                T::Exception: ::core::convert::From<$exception>,
            {
                T::from(self.0.convert())
            }

            /// The same error as a subset's error type, or the error back
            /// unchanged when the subset does not have its exception: see
            /// [`ServiceError::try_convert`]($crate::ServiceError::try_convert).
            pub fn try_convert<T>(self) -> ::core::result::Result<T, Self>
            where
                T: $crate::__private::TableError,
                T::Exception: ::core::convert::TryFrom<$exception, Error = $exception>,
            {
                self.0.try_convert().map(T::from).map_err($error)
            }

            /// Parses a JSON error body: see [`ServiceError::from_json`]($crate::ServiceError::from_json).
            pub fn from_json(body: &[u8]) -> ::core::result::Result<Self, $crate::BodyError> {
                $crate::ServiceError::from_json(body).map($error)
            }

            /// Parses an error body in `protocol`: see [`ServiceError::from_body`]($crate::ServiceError::from_body).
            pub fn from_body(
                protocol: &$crate::Protocol,
                body: &[u8],
            ) -> ::core::result::Result<Self, $crate::BodyError> {
                $crate::ServiceError::from_body(protocol, body).map($error)
            }
        }

        #[automatically_derived]
        impl $crate::__private::TableError for $error {
            type Exception = $exception;
        }

        #[automatically_derived]
        impl ::core::ops::Deref for $error {
            type Target = $crate::ServiceError<$exception>;

            /// The [`ServiceError`]($crate::ServiceError) inside, whose
            /// accessors and writers this error shares.
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<$crate::ServiceError<$exception>> for $error {
            fn from(error: $crate::ServiceError<$exception>) -> Self {
                $error(error)
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<$error> for $crate::ServiceError<$exception> {
            fn from(error: $error) -> Self {
                error.0
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Debug for $error {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(&self.0, f)
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for $error {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.0, f)
            }
        }

        #[automatically_derived]
        impl ::std::error::Error for $error {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                ::std::error::Error::source(&self.0)
            }
        }

        #[automatically_derived]
        impl $crate::__private::serde::Serialize for $error {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: $crate::__private::serde::Serializer,
            {
                $crate::__private::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        #[automatically_derived]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $error {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: $crate::__private::serde::Deserializer<'de>,
            {
                $crate::__private::serde::Deserialize::deserialize(deserializer).map($error)
            }
        }

        $crate::__error_type_http!($error, $exception);
        $crate::__error_type_axum!($error, $exception);
        $crate::__error_type_utoipa!($error, $exception);
        $crate::__error_type_reqwest!($error, $exception);
        $crate::__error_type_actix!($error, $exception);
        $crate::__error_type_tonic!($error, $exception);
    };
}

/// With the `http` feature: the HTTP readers and `http::Response::from`.
#[cfg(feature = "http")]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_http {
    ($error:ident, $exception:ty) => {
        #[allow(dead_code)]
        impl $error {
            /// Reads an error response: see [`ServiceError::from_http_parts`]($crate::ServiceError::from_http_parts).
            pub fn from_http_parts(
                status: $crate::__private::http::StatusCode,
                headers: &$crate::__private::http::HeaderMap,
                body: &[u8],
            ) -> ::core::result::Result<Self, $crate::http::HttpError> {
                $crate::ServiceError::from_http_parts(status, headers, body).map($error)
            }

            /// Reads an error response in `protocol`: see [`ServiceError::from_http_parts_in`]($crate::ServiceError::from_http_parts_in).
            pub fn from_http_parts_in(
                protocol: &$crate::Protocol,
                status: $crate::__private::http::StatusCode,
                headers: &$crate::__private::http::HeaderMap,
                body: &[u8],
            ) -> ::core::result::Result<Self, $crate::http::HttpError> {
                $crate::ServiceError::from_http_parts_in(protocol, status, headers, body)
                    .map($error)
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<$error>
            for $crate::__private::http::Response<::std::vec::Vec<u8>>
        {
            /// The response of [`ServiceError`]($crate::ServiceError)'s
            /// `From`, keeping this error in its extensions.
            fn from(error: $error) -> Self {
                $crate::__private::http_response(error.0, $error)
            }
        }
    };
}

/// Without the `http` feature: nothing.
#[cfg(not(feature = "http"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_http {
    ($error:ident, $exception:ty) => {};
}

/// With the `axum` feature: `IntoResponse`.
#[cfg(feature = "axum")]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_axum {
    ($error:ident, $exception:ty) => {
        #[automatically_derived]
        impl $crate::__private::axum_core::response::IntoResponse for $error {
            /// The response of [`ServiceError`]($crate::ServiceError)'s
            /// `IntoResponse`, keeping this error in its extensions.
            fn into_response(self) -> $crate::__private::axum_core::response::Response {
                $crate::__private::axum_response(self.0, $error)
            }
        }
    };
}

/// Without the `axum` feature: nothing.
#[cfg(not(feature = "axum"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_axum {
    ($error:ident, $exception:ty) => {};
}

/// With the `utoipa` feature: `IntoResponses`.
#[cfg(feature = "utoipa")]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_utoipa {
    ($error:ident, $exception:ty) => {
        #[automatically_derived]
        impl $crate::__private::utoipa::IntoResponses for $error {
            /// The responses of [`ServiceError`]($crate::ServiceError)'s
            /// `IntoResponses`: one per status of the table.
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::response::Response,
                >,
            > {
                <$crate::ServiceError<$exception> as $crate::__private::utoipa::IntoResponses>::responses()
            }
        }
    };
}

/// Without the `utoipa` feature: nothing.
#[cfg(not(feature = "utoipa"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_utoipa {
    ($error:ident, $exception:ty) => {};
}

/// With the `reqwest` feature: the readers of a `reqwest::Response`.
#[cfg(feature = "reqwest")]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_reqwest {
    ($error:ident, $exception:ty) => {
        #[allow(dead_code)]
        impl $error {
            /// Reads an error response received with reqwest: see [`ServiceError::from_reqwest`]($crate::ServiceError::from_reqwest).
            pub async fn from_reqwest(
                response: $crate::__private::reqwest::Response,
            ) -> ::core::result::Result<Self, $crate::http::HttpError> {
                $crate::ServiceError::from_reqwest(response)
                    .await
                    .map($error)
            }

            /// Reads an error response received with reqwest in `protocol`: see [`ServiceError::from_reqwest_in`]($crate::ServiceError::from_reqwest_in).
            pub async fn from_reqwest_in(
                protocol: &$crate::Protocol,
                response: $crate::__private::reqwest::Response,
            ) -> ::core::result::Result<Self, $crate::http::HttpError> {
                $crate::ServiceError::from_reqwest_in(protocol, response)
                    .await
                    .map($error)
            }
        }
    };
}

/// Without the `reqwest` feature: nothing.
#[cfg(not(feature = "reqwest"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_reqwest {
    ($error:ident, $exception:ty) => {};
}

/// With the `actix` feature: `ResponseError`.
#[cfg(feature = "actix")]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_actix {
    ($error:ident, $exception:ty) => {
        #[automatically_derived]
        impl $crate::__private::actix_web::ResponseError for $error {
            /// The status of [`ServiceError`]($crate::ServiceError)'s
            /// `ResponseError`.
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::__private::actix_status(&self.0)
            }

            /// The response of [`ServiceError`]($crate::ServiceError)'s
            /// `ResponseError`, keeping this error in its extensions.
            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::__private::actix_response(::core::clone::Clone::clone(&self.0), $error)
            }
        }
    };
}

/// Without the `actix` feature: nothing.
#[cfg(not(feature = "actix"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_actix {
    ($error:ident, $exception:ty) => {};
}

/// With the `tonic` feature: `tonic::Status` from the error and back.
#[cfg(feature = "tonic")]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_tonic {
    ($error:ident, $exception:ty) => {
        #[automatically_derived]
        impl ::core::convert::From<$error> for $crate::__private::tonic::Status {
            /// The status of [`ServiceError`]($crate::ServiceError)'s
            /// `From`, keeping this error as its source.
            fn from(error: $error) -> Self {
                $crate::__private::tonic_status(error.0, $error)
            }
        }

        #[automatically_derived]
        impl ::core::convert::TryFrom<$crate::__private::tonic::Status> for $error {
            type Error = $crate::tonic::StatusError;

            /// The error a status carries: see [`errtable::tonic`]($crate::tonic).
            fn try_from(
                status: $crate::__private::tonic::Status,
            ) -> ::core::result::Result<Self, Self::Error> {
                <$crate::ServiceError<$exception> as ::core::convert::TryFrom<_>>::try_from(status)
                    .map($error)
            }
        }
    };
}

/// Without the `tonic` feature: nothing.
#[cfg(not(feature = "tonic"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __error_type_tonic {
    ($error:ident, $exception:ty) => {};
}
