//! A table composed of several spec files: a common table shared by all
//! services plus a service's own, in Markdown and JSON.

use errtable::{ErrorTable, ErrorType, Exception, RetryKind};

/// The orders service: the common errors plus its own.
#[derive(ErrorTable)]
#[error_table(spec = ["specs/common.md", "specs/orders.json"])]
pub struct Orders;

#[test]
fn rows_of_all_files_in_order() {
    let codes: Vec<&str> = OrdersException::ALL.iter().map(|e| e.code()).collect();
    assert_eq!(
        codes,
        [
            "AccessDeniedException",
            "ThrottlingException",
            "InternalFailure",
            "OrderNotFound",
            "OrderLocked"
        ]
    );
    assert_eq!(
        OrdersException::InternalFailure.error_type(),
        ErrorType::Server
    );
    assert_eq!(OrdersException::OrderNotFound.status(), 404);
    assert_eq!(
        OrdersException::ThrottlingException.retry_kind(),
        RetryKind::Throttling
    );
    assert_eq!(
        OrdersException::OrderLocked.retry_kind(),
        RetryKind::Transient
    );
}
