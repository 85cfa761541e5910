//! errtable's errors over gRPC: the code each row gets (its `gRPC Code`
//! column, the table's `grpc(...)` option, Google's mapping of its HTTP
//! status), and a round trip through a real tonic server and client on
//! loopback: each error a handler returns reaches the client as a status
//! with that code and reads back as the same typed error (code, message,
//! type, request id, fields).
//!
//! The service is written by hand on tonic's own server and client
//! (`tonic::server::Grpc`, `tonic::client::Grpc`) with a codec for UTF-8
//! text, so the test needs neither protoc nor a build script.

use bytes::{Buf, BufMut};
use errtable::tonic::StatusError;
use errtable::{ErrorTable, ErrorType, Exception, GrpcCode, ServiceError, UnknownCode};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::task::{Context, Poll};
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::codegen::{http, BoxFuture, Service, StdError};
use tonic::{Code, Status};

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
        assert_eq!(
            status.metadata().get("x-errtable-code").unwrap(),
            exception.code()
        );
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

    // A code that is no header text, with the status and type it has.
    let status = client.status("unknown").await;
    assert_eq!(status.code(), Code::FailedPrecondition);
    assert!(status.metadata().get("x-errtable-code").is_none());
    let received = OrdersError::try_from(status).unwrap();
    assert_eq!(received, orders_error("unknown").unwrap());
    assert_eq!(received.code(), "Überfällig");
    assert_eq!(received.status(), 418);
    assert_eq!(received.error_type(), ErrorType::Client);
    // Another table that lacks the code keeps the same.
    let status = client.status("unknown").await;
    let glacier = GlacierError::try_from(status).unwrap();
    assert_eq!(glacier.code(), "Überfällig");
    assert_eq!(glacier.status(), 418);

    let received = OrdersError::try_from(client.status("fields").await).unwrap();
    assert_eq!(received, orders_error("fields").unwrap());
    assert_eq!(received.field("Attempts"), Some(&serde_json::json!(3)));

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

    // Fields that are not errtable's JSON are an error, not dropped.
    let mut status = Status::from(OrdersError::new(OrdersException::OrderNotFound, "m"));
    status.metadata_mut().insert_bin(
        "x-errtable-fields-bin",
        tonic::metadata::BinaryMetadataValue::from_bytes(b"{not json"),
    );
    assert!(matches!(
        OrdersError::try_from(status),
        Err(StatusError::Malformed { .. })
    ));

    // A code sent by hand with nothing else: the gRPC code's status.
    let mut status = Status::new(Code::NotFound, "gone");
    status
        .metadata_mut()
        .insert("x-errtable-code", "SomethingElse".parse().unwrap());
    let error = OrdersError::try_from(status).unwrap();
    assert_eq!(error.code(), "SomethingElse");
    assert_eq!(error.status(), 404);
    assert_eq!(error.error_type(), ErrorType::Unknown);
}
