//! Codes that are not Rust identifiers keep their exact wire spelling.

use errtable::{ErrorType, Exception, RetryKind};
use errtable_tests::tricky::{Awkward, AwkwardFailure};

#[test]
fn awkward_codes_get_valid_variants_and_exact_codes() {
    let expected = [
        (
            Awkward::QuotaExceededDBSecurityGroup,
            "QuotaExceeded.DBSecurityGroup",
        ),
        (Awkward::NotFound, "Not-Found"),
        (Awkward::Type, "type"),
        (Awkward::_404Thing, "404Thing"),
        (Awkward::Unknown, "Unknown"),
        (Awkward::LimitExceededException, "LimitExceededException"),
        (Awkward::U00DCberfU00FCllt, "Überfüllt"),
    ];
    assert_eq!(Awkward::ALL.len(), expected.len());
    for (variant, code) in expected {
        assert_eq!(variant.code(), code);
        assert_eq!(Awkward::from_code(code), variant);
    }
    assert_eq!(Awkward::_404Thing.error_type(), ErrorType::Unknown);
    assert_eq!(
        Awkward::QuotaExceededDBSecurityGroup.description(),
        "Too many <groups> & [rules]; see `limits` *now*.",
        "JSON descriptions are plain text, kept as written"
    );
}

#[test]
fn renamed_unknown_variant_holds_unlisted_codes() {
    let e = Awkward::from_code("Something");
    assert!(matches!(&e, Awkward::Unlisted(u) if u.code() == "Something"));
    let err = AwkwardFailure::new(Awkward::Type, "m");
    assert_eq!(
        err.to_json(),
        r#"{"code":"type","message":"m","type":"Client"}"#
    );
}

#[test]
fn retryable_column_overrides_the_default() {
    assert_eq!(
        Awkward::LimitExceededException.retry_kind(),
        RetryKind::Throttling
    );
    assert_eq!(
        Awkward::U00DCberfU00FCllt.retry_kind(),
        RetryKind::Transient
    );
    assert_eq!(Awkward::NotFound.retry_kind(), RetryKind::NotRetryable);
}
