//! Rows may carry the code AWS query protocols send for them, for the AWS
//! JSON services that stay compatible with their query past (SQS).

use errtable::__private::Table;
use errtable::{ErrorTable, Exception};

#[derive(ErrorTable)]
#[error_table(spec = "specs/sqs.json")]
pub struct Sqs;

#[test]
fn rows_keep_their_query_codes() {
    assert_eq!(
        SqsException::QueueDoesNotExist.query_code(),
        Some("AWS.SimpleQueueService.NonExistentQueue")
    );
    assert_eq!(SqsException::OverLimit.query_code(), Some("OverLimit"));
    assert_eq!(SqsException::InvalidAddress.query_code(), None);
    assert_eq!(SqsException::from_code("Other").query_code(), None);
    // The query code is not a second spelling of the code.
    assert!(!SqsException::from_code("AWS.SimpleQueueService.NonExistentQueue").is_known());
}

#[test]
fn both_formats_write_them_back() {
    let spec = errtable_codegen::json::read("sqs.json", include_str!("../specs/sqs.json"));
    assert!(spec.problems.is_empty(), "{:?}", spec.problems);
    let markdown = errtable_codegen::markdown::write(&spec.rows, |_| None).unwrap();
    assert!(markdown.contains("| Query Code |"), "{markdown}");
    let back = errtable_codegen::markdown::read("sqs.md", &markdown);
    assert_eq!(
        back.rows,
        spec.rows
            .iter()
            .map(|r| errtable_codegen::Row {
                file: "sqs.md".to_owned(),
                pos: back.rows.iter().find(|b| b.code == r.code).unwrap().pos,
                ..r.clone()
            })
            .collect::<Vec<_>>()
    );
    let json = errtable_codegen::json::write(&spec.rows);
    let again = errtable_codegen::json::read("again.json", &json);
    assert_eq!(
        again
            .rows
            .iter()
            .map(|r| r.query_code.clone())
            .collect::<Vec<_>>(),
        spec.rows
            .iter()
            .map(|r| r.query_code.clone())
            .collect::<Vec<_>>()
    );
}
