//! errtable's errors over gRPC: the code each row gets (its `gRPC Code`
//! column, the table's `grpc(...)` option, Google's mapping of its HTTP
//! status), and a round trip through a real tonic server and client on
//! loopback: each error a handler returns reaches the client as a status
//! with that code and Google's details (ErrorInfo, RequestInfo, RetryInfo),
//! and reads back as the same typed error (code, message, type, request
//! id, fields); grpcio and grpcio-status (PyPI) read the same details.
//!
//! The service is written by hand on tonic's own server and client
//! (`tonic::server::Grpc`, `tonic::client::Grpc`) with a codec for UTF-8
//! text, so the test needs neither protoc nor a build script.

mod support;

use bytes::{Buf, BufMut};
use errtable::tonic::StatusError;
use errtable::{ErrorTable, ErrorType, Exception, GrpcCode, ServiceError, UnknownCode};
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::task::{Context, Poll};
use std::time::Duration;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::codegen::{http, BoxFuture, Service, StdError};
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

/// With the column, and the table's option for 409s.
#[derive(ErrorTable)]
#[error_table(spec = "specs/orders-grpc.md", grpc(409 = "FAILED_PRECONDITION"))]
pub struct Orders;

/// The same table without the option.
#[derive(ErrorTable)]
#[error_table(
    spec = "specs/orders-grpc.md",
    exception = "PlainOrdersException",
    error = "PlainOrdersError"
)]
pub struct PlainOrders;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

const MESSAGE: &str = "It failed:\n\"quoted\" <tagged> & 'ü' 100%";

#[test]
fn grpc_codes_follow_the_column_then_the_option_then_the_status() {
    use OrdersException as O;
    let expected = [
        (O::OrderNotFound, GrpcCode::NotFound),
        // The column wins over the option for its status.
        (O::OrderAlreadyExists, GrpcCode::AlreadyExists),
        (O::OrderLocked, GrpcCode::FailedPrecondition),
        (O::ValidationError, GrpcCode::InvalidArgument),
        (O::InsufficientFunds, GrpcCode::FailedPrecondition),
        (O::PaymentRequired, GrpcCode::FailedPrecondition),
        (O::TooManyRequests, GrpcCode::ResourceExhausted),
        (O::AccessDenied, GrpcCode::PermissionDenied),
        (O::InternalFailure, GrpcCode::Internal),
        (O::ServiceUnavailable, GrpcCode::Unavailable),
    ];
    assert_eq!(expected.len(), O::ALL.len());
    for (exception, code) in expected {
        assert_eq!(exception.grpc_code(), code, "{exception}");
    }
    // Codes the table lacks go by the status they came with, the option
    // included.
    let conflict = O::Unknown(UnknownCode::new("Elsewhere").with_status(409));
    assert_eq!(conflict.grpc_code(), GrpcCode::FailedPrecondition);
    let gone = O::Unknown(UnknownCode::new("Elsewhere").with_status(504));
    assert_eq!(gone.grpc_code(), GrpcCode::DeadlineExceeded);

    // Without the option, a 409 is ABORTED; the column still decides.
    assert_eq!(
        PlainOrdersException::OrderLocked.grpc_code(),
        GrpcCode::Aborted
    );
    assert_eq!(
        PlainOrdersException::OrderAlreadyExists.grpc_code(),
        GrpcCode::AlreadyExists
    );
    // A table without the column: the status alone.
    assert_eq!(
        GlacierException::ResourceNotFoundException.grpc_code(),
        GrpcCode::NotFound
    );
    assert_eq!(
        GlacierException::ServiceUnavailableException.grpc_code(),
        GrpcCode::Internal
    );
}

/// Messages as UTF-8 text, so the service needs no protobuf.
#[derive(Clone, Copy, Default)]
struct TextCodec;

impl Codec for TextCodec {
    type Encode = String;
    type Decode = String;
    type Encoder = TextCodec;
    type Decoder = TextCodec;

    fn encoder(&mut self) -> Self::Encoder {
        TextCodec
    }

    fn decoder(&mut self) -> Self::Decoder {
        TextCodec
    }
}

impl Encoder for TextCodec {
    type Item = String;
    type Error = Status;

    fn encode(&mut self, item: String, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        dst.put_slice(item.as_bytes());
        Ok(())
    }
}

impl Decoder for TextCodec {
    type Item = String;
    type Error = Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<String>, Status> {
        let bytes = src.copy_to_bytes(src.remaining());
        String::from_utf8(bytes.to_vec())
            .map(Some)
            .map_err(|err| Status::invalid_argument(err.to_string()))
    }
}

/// The error the service returns for a request naming `case`.
fn orders_error(case: &str) -> Result<OrdersError, Status> {
    if let Some(index) = case.strip_prefix("orders/") {
        let index: usize = index.parse().unwrap();
        return Ok(
            OrdersError::new(OrdersException::ALL[index].clone(), MESSAGE)
                .with_request_id(format!("request-{index}")),
        );
    }
    Ok(match case {
        // A code another table has, that is no header text.
        "unknown" => OrdersError::new(
            OrdersException::Unknown(
                UnknownCode::new("Überfällig")
                    .with_error_type(ErrorType::Client)
                    .with_status(418),
            ),
            MESSAGE,
        )
        .with_request_id("request-unknown"),
        "fields" => OrdersError::new(OrdersException::OrderNotFound, MESSAGE)
            .with_request_id("request-fields")
            .with_field("OrderId", "o-123")
            .with_field("Attempts", 3),
        "retry" => OrdersError::new(OrdersException::TooManyRequests, "Slow down.")
            .with_request_id("request-retry")
            .with_retry_after(Duration::from_secs(30)),
        // No request id, and a cause that must stay on the server.
        "no-id" => OrdersError::new(OrdersException::InternalFailure, "Try again later.")
            .with_source(std::io::Error::other("database password is hunter2")),
        "plain" => return Err(Status::not_found("no such order")),
        other => panic!("unknown case {other}"),
    })
}

/// What the service's one method does: fail as asked, or echo `ok`.
async fn fail(request: tonic::Request<String>) -> Result<tonic::Response<String>, Status> {
    let case = request.into_inner();
    if case == "ok" {
        return Ok(tonic::Response::new("fine".to_owned()));
    }
    if let Some(index) = case.strip_prefix("glacier/") {
        let index: usize = index.parse().unwrap();
        let error = GlacierError::new(GlacierException::ALL[index].clone(), MESSAGE)
            .with_request_id(format!("glacier-{index}"));
        return Err(error.into());
    }
    Err(orders_error(&case)?.into())
}

/// The handler as tonic's unary service.
#[derive(Clone)]
struct Fail;

impl tonic::server::UnaryService<String> for Fail {
    type Response = String;
    type Future = BoxFuture<tonic::Response<String>, Status>;

    fn call(&mut self, request: tonic::Request<String>) -> Self::Future {
        Box::pin(fail(request))
    }
}

/// The service `errtable.test.Orders` with one method, `Fail`, as
/// tonic-build would generate it.
#[derive(Clone)]
struct OrdersService;

impl tonic::server::NamedService for OrdersService {
    const NAME: &'static str = "errtable.test.Orders";
}

impl<B> Service<http::Request<B>> for OrdersService
where
    B: tonic::codegen::Body + Send + 'static,
    B::Error: Into<StdError> + Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Self::Response, Infallible>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        Box::pin(async move {
            if request.uri().path() != "/errtable.test.Orders/Fail" {
                return Ok(Status::unimplemented("no such method").into_http());
            }
            let mut grpc = tonic::server::Grpc::new(TextCodec);
            Ok(grpc.unary(Fail, request).await)
        })
    }
}

/// Serves the service on loopback until the runtime ends.
async fn serve() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(OrdersService)
            .serve_with_incoming(incoming),
    );
    address
}

/// A client of the service at `address`.
struct Client(tonic::client::Grpc<tonic::transport::Channel>);

impl Client {
    async fn connect(address: SocketAddr) -> Client {
        let channel = tonic::transport::Endpoint::from_shared(format!("http://{address}"))
            .unwrap()
            .connect()
            .await
            .unwrap();
        Client(tonic::client::Grpc::new(channel))
    }

    /// Calls `Fail` with `case`: the status it fails with.
    async fn fail(&mut self, case: &str) -> Result<String, Status> {
        self.0.ready().await.unwrap();
        let path = http::uri::PathAndQuery::from_static("/errtable.test.Orders/Fail");
        self.0
            .unary(tonic::Request::new(case.to_owned()), path, TextCodec)
            .await
            .map(tonic::Response::into_inner)
    }

    async fn status(&mut self, case: &str) -> Status {
        self.fail(case).await.unwrap_err()
    }
}

#[tokio::test]
async fn every_row_round_trips_through_a_real_server() {
    let mut client = Client::connect(serve().await).await;
    assert_eq!(client.fail("ok").await.unwrap(), "fine");
    for (index, exception) in OrdersException::ALL.iter().enumerate() {
        let status = client.status(&format!("orders/{index}")).await;
        assert_eq!(
            i32::from(status.code()),
            exception.grpc_code().value(),
            "{exception}"
        );
        assert_eq!(status.message(), MESSAGE);
        // Google's details, as any gRPC client reads them.
        let details = status.check_error_details().unwrap();
        let info = details.error_info().unwrap();
        assert_eq!(info.reason, exception.reason(), "{exception}");
        assert_eq!(info.domain, "errtable-tests");
        assert_eq!(
            info.metadata,
            HashMap::from([("code".into(), exception.code().into())])
        );
        let request = details.request_info().unwrap();
        assert_eq!(request.request_id, format!("request-{index}"));
        assert!(details.retry_info().is_none());
        let received = OrdersError::try_from(status).unwrap();
        assert_eq!(received.exception(), exception);
        assert_eq!(received.message(), MESSAGE);
        assert_eq!(
            received.request_id(),
            Some(format!("request-{index}").as_str())
        );
        assert_eq!(received, orders_error(&format!("orders/{index}")).unwrap());
    }
    for (index, exception) in GlacierException::ALL.iter().enumerate() {
        let status = client.status(&format!("glacier/{index}")).await;
        assert_eq!(
            i32::from(status.code()),
            GrpcCode::from_http_status(exception.status()).value()
        );
        // The runtime's own error reads it too.
        let received = ServiceError::<GlacierException>::try_from(status).unwrap();
        assert_eq!(received.exception(), exception);
        assert_eq!(received.message(), MESSAGE);
        assert_eq!(
            received.request_id(),
            Some(format!("glacier-{index}").as_str())
        );
    }
}

#[tokio::test]
async fn unknown_codes_fields_and_generated_ids_travel_too() {
    let mut client = Client::connect(serve().await).await;

    // A code the table lacks, that is no header text: the code travels in
    // ErrorInfo's metadata; the status and type come back as its gRPC
    // code's (FAILED_PRECONDITION is 400), not the 418 it was sent with.
    let status = client.status("unknown").await;
    assert_eq!(status.code(), Code::FailedPrecondition);
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "BERF_LLIG");
    assert_eq!(info.metadata["code"], "Überfällig");
    let received = OrdersError::try_from(status).unwrap();
    assert_eq!(received.code(), "Überfällig");
    assert!(!received.exception().is_known());
    assert_eq!(received.status(), 400);
    assert_eq!(received.error_type(), ErrorType::Client);
    assert_eq!(received.message(), MESSAGE);
    assert_eq!(received.request_id(), Some("request-unknown"));
    // Another table of the same domain that lacks the code keeps it too.
    let status = client.status("unknown").await;
    let glacier = GlacierError::try_from(status).unwrap();
    assert_eq!(glacier.code(), "Überfällig");
    assert_eq!(glacier.status(), 400);

    // Fields travel as metadata under lowerCamelCase keys, as text: a
    // field no row declares comes back under its key, as text.
    let status = client.status("fields").await;
    let info = status.get_details_error_info().unwrap();
    assert_eq!(
        info.metadata,
        HashMap::from([
            ("code".into(), "OrderNotFound".into()),
            ("orderId".into(), "o-123".into()),
            ("attempts".into(), "3".into()),
        ])
    );
    let received = OrdersError::try_from(status).unwrap();
    assert_eq!(received.exception(), &OrdersException::OrderNotFound);
    assert_eq!(received.field("orderId"), Some(&serde_json::json!("o-123")));
    assert_eq!(received.field("attempts"), Some(&serde_json::json!("3")));
    assert_eq!(received.fields().count(), 2);

    // A retry delay is RetryInfo, and comes back as the same delay.
    let status = client.status("retry").await;
    assert_eq!(status.code(), Code::ResourceExhausted);
    let delay = status.get_details_retry_info().unwrap().retry_delay;
    assert_eq!(delay, Some(Duration::from_secs(30)));
    let received = OrdersError::try_from(status).unwrap();
    assert_eq!(received, orders_error("retry").unwrap());
    assert_eq!(received.retry_after(), Some(Duration::from_secs(30)));

    // An error without a request id gets one; its cause stays behind.
    let status = client.status("no-id").await;
    assert_eq!(status.code(), Code::Internal);
    let id = status
        .metadata()
        .get("x-amzn-requestid")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(id.split('-').count() == 5, "{id}");
    let sent = status.get_details_request_info().unwrap().request_id;
    assert_eq!(sent, id);
    let everything = format!("{status:?} {:?}", status.metadata().clone().into_headers());
    assert!(!everything.contains("hunter2"), "{everything}");
    let received = OrdersError::try_from(status).unwrap();
    assert_eq!(received.request_id(), Some(id.as_str()));
    assert!(std::error::Error::source(&received).is_none());
}

#[tokio::test]
async fn statuses_without_an_errtable_code_are_not_guessed() {
    let mut client = Client::connect(serve().await).await;
    // The service's own plain status.
    let status = client.status("plain").await;
    match OrdersError::try_from(status) {
        Err(StatusError::NoCode(status)) => {
            assert_eq!(status.code(), Code::NotFound);
            assert_eq!(status.message(), "no such order");
        }
        other => panic!("{other:?}"),
    }
    // tonic's own: a method the server lacks.
    let path = http::uri::PathAndQuery::from_static("/errtable.test.Orders/Missing");
    client.0.ready().await.unwrap();
    let status = client
        .0
        .unary::<String, String, _>(tonic::Request::new(String::new()), path, TextCodec)
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::Unimplemented);
    assert!(matches!(
        OrdersError::try_from(status),
        Err(StatusError::NoCode(_))
    ));

    // And a connection nobody answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = listener.local_addr().unwrap();
    drop(listener);
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{closed}"))
        .unwrap()
        .connect_lazy();
    let mut nobody = Client(tonic::client::Grpc::new(channel));
    let status = nobody.fail("ok").await.unwrap_err();
    assert_eq!(status.code(), Code::Unavailable);
    let error = OrdersError::try_from(status).unwrap_err();
    assert_eq!(error.status().map(Status::code), Some(Code::Unavailable));
}

#[test]
fn a_status_is_made_once_and_read_strictly() {
    // The server keeps the error it sent as the status's source.
    let sent = OrdersError::new(OrdersException::OrderLocked, "locked");
    let status = Status::from(sent.clone());
    let source = std::error::Error::source(&status).unwrap();
    let kept = source.downcast_ref::<OrdersError>().unwrap();
    assert_eq!(kept.exception(), sent.exception());
    assert_eq!(
        kept.request_id(),
        status
            .metadata()
            .get("x-amzn-requestid")
            .unwrap()
            .to_str()
            .ok()
    );

    assert!(matches!(
        OrdersError::try_from(Status::ok("")),
        Err(StatusError::NotAnError)
    ));

    // Details that are not a `google.rpc.Status` are an error, not dropped.
    let status = Status::with_details(Code::NotFound, "m", bytes::Bytes::from_static(b"\xff\xff"));
    assert!(matches!(
        OrdersError::try_from(status),
        Err(StatusError::Malformed { .. })
    ));
}

/// A status with `info` as its only detail, as a peer builds it.
fn status_with(code: Code, info: ErrorDetails) -> Status {
    Status::with_error_details(code, "by hand", info)
}

#[test]
fn error_info_names_the_row_within_the_domain_only() {
    let info = |reason: &str, domain: &str, metadata: &[(&str, &str)]| {
        let metadata: HashMap<String, String> = metadata
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        ErrorDetails::with_error_info(reason, domain, metadata)
    };
    // `code` names the row, whatever the reason says.
    let status = status_with(
        Code::NotFound,
        info("ANYTHING", "errtable-tests", &[("code", "OrderLocked")]),
    );
    let error = OrdersError::try_from(status).unwrap();
    assert_eq!(error.exception(), &OrdersException::OrderLocked);
    assert_eq!(error.status(), 409);
    assert_eq!(error.message(), "by hand");

    // Without `code`, the reason names the row.
    let status = status_with(
        Code::NotFound,
        info("ORDER_NOT_FOUND", "errtable-tests", &[("orderId", "o-1")]),
    );
    let error = OrdersError::try_from(status).unwrap();
    assert_eq!(error.exception(), &OrdersException::OrderNotFound);
    assert_eq!(error.field("orderId"), Some(&serde_json::json!("o-1")));

    // A reason of the domain that no row has: unknown, by its reason,
    // with the gRPC code's status and type.
    let status = status_with(Code::NotFound, info("GONE_FOR_GOOD", "errtable-tests", &[]));
    let error = OrdersError::try_from(status).unwrap();
    assert_eq!(error.code(), "GONE_FOR_GOOD");
    assert!(!error.exception().is_known());
    assert_eq!(error.status(), 404);
    assert_eq!(error.error_type(), ErrorType::Client);

    // Another domain's reasons and codes are not the table's, even when
    // they are spelled alike.
    let status = status_with(
        Code::Internal,
        info(
            "ORDER_NOT_FOUND",
            "elsewhere.example.com",
            &[("code", "OrderNotFound")],
        ),
    );
    let error = OrdersError::try_from(status).unwrap();
    assert!(!error.exception().is_known());
    assert_eq!(error.code(), "ORDER_NOT_FOUND");
    assert_eq!(error.status(), 500);
    assert_eq!(error.error_type(), ErrorType::Server);
    assert_eq!(
        error.field("code"),
        Some(&serde_json::json!("OrderNotFound"))
    );
}

/// grpcio and grpcio-status (PyPI), Google's own Python gRPC stack, call
/// the server and read each error's ErrorInfo, RequestInfo and RetryInfo
/// from `grpc-status-details-bin`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grpcio_status_reads_the_details() {
    if !support::python_has("grpc_status") {
        return;
    }
    let address = serve().await;
    let mut cases: Vec<String> = (0..OrdersException::ALL.len())
        .map(|index| format!("orders/{index}"))
        .collect();
    cases.extend(["fields", "retry", "unknown", "plain"].map(String::from));
    let input = cases.clone();
    let results = tokio::task::spawn_blocking(move || {
        let args = [address.to_string(), "/errtable.test.Orders/Fail".to_owned()];
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        support::python_json("grpc_status_client.py", &args, &input)
    })
    .await
    .unwrap();
    assert_eq!(results.len(), cases.len());
    for (case, got) in cases.iter().zip(&results) {
        if case == "plain" {
            // tonic's own status, without details.
            assert_eq!(got["code"], Code::NotFound as i32, "{got}");
            assert_eq!(got["status"], serde_json::Value::Null, "{got}");
            continue;
        }
        let sent = orders_error(case).unwrap();
        let code = sent.exception().grpc_code().value();
        assert_eq!(got["code"], code, "{case}: {got}");
        assert_eq!(got["statusCode"], code, "{case}: {got}");
        assert_eq!(got["message"], sent.message(), "{case}: {got}");
        assert_eq!(got["statusMessage"], sent.message(), "{case}: {got}");
        let details = &got["details"];
        let info = sent.error_info();
        let metadata: serde_json::Map<String, serde_json::Value> = info
            .metadata
            .into_iter()
            .map(|(k, v)| (k, v.into()))
            .collect();
        assert_eq!(
            details["errorInfo"],
            serde_json::json!({"reason": info.reason, "domain": "errtable-tests", "metadata": metadata}),
            "{case}"
        );
        assert_eq!(
            details["requestInfo"],
            serde_json::json!({"requestId": sent.request_id().unwrap()}),
            "{case}"
        );
        let retry = match case.as_str() {
            "retry" => serde_json::json!({"retryDelay": "30s"}),
            _ => serde_json::Value::Null,
        };
        assert_eq!(details["retryInfo"], retry, "{case}");
        assert_eq!(details["other"], serde_json::json!([]), "{case}");
    }
}
