//! The spellings Google's error model (AIP-193) asks of an `ErrorInfo`:
//! a `reason` in `UPPER_SNAKE_CASE` and `metadata` keys in lowerCamelCase,
//! made from a table's codes and field names by one rule, which the derive
//! (for its compile-time checks) and the runtime (for codes it meets on the
//! wire) share.

/// The longest reason AIP-193 allows.
pub const MAX_REASON_LEN: usize = 63;

/// The longest metadata key AIP-193 allows.
pub const MAX_METADATA_KEY_LEN: usize = 64;

/// What a reason made from a code starts with when the code's words would
/// start it with a digit, or give fewer than three characters.
pub const REASON_PREFIX: &str = "ERROR_";

/// Whether `reason` is one AIP-193 allows: `[A-Z][A-Z0-9_]+[A-Z0-9]`, at
/// most [`MAX_REASON_LEN`] characters.
#[must_use]
pub fn is_valid_reason(reason: &str) -> bool {
    let bytes = reason.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    bytes.len() >= 3
        && bytes.len() <= MAX_REASON_LEN
        && first.is_ascii_uppercase()
        && (last.is_ascii_uppercase() || last.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
}

/// The reason of a code without a `Reason` of its own: its
/// [words](words) in upper case, joined by `_`
/// (`ResourceNotFoundException` gives `RESOURCE_NOT_FOUND_EXCEPTION`,
/// `AWS.SimpleQueueService.NonExistentQueue`
/// `AWS_SIMPLE_QUEUE_SERVICE_NON_EXISTENT_QUEUE`). A result that would
/// start with a digit or be shorter than three characters gets
/// [`REASON_PREFIX`] (`_404Thing` gives `ERROR_404_THING`); a code with
/// no letter or digit gives `ERROR`; the result is cut to
/// [`MAX_REASON_LEN`] characters, without a trailing `_`. Always a
/// [valid reason](is_valid_reason).
#[must_use]
pub fn reason_from_code(code: &str) -> String {
    let mut reason = String::with_capacity(code.len() + 8);
    for word in words(code) {
        if !reason.is_empty() {
            reason.push('_');
        }
        reason.extend(word.chars().map(|c| c.to_ascii_uppercase()));
    }
    if reason.is_empty() {
        return REASON_PREFIX.trim_end_matches('_').to_owned();
    }
    if reason.len() < 3 || reason.starts_with(|c: char| c.is_ascii_digit()) {
        reason.insert_str(0, REASON_PREFIX);
    }
    reason.truncate(MAX_REASON_LEN);
    let kept = reason.trim_end_matches('_').len();
    reason.truncate(kept);
    reason
}

/// The `metadata` key of a field: a name already in lowerCamelCase (a
/// lower-case ASCII letter, then ASCII letters and digits) as it is, else
/// its [words](words), the first in lower case and each other capitalised
/// (`OrderId` gives `orderId`, `retry_after_seconds` `retryAfterSeconds`,
/// `HTTPStatus` `httpStatus`), `field` before a key that would not start
/// with a letter; cut to [`MAX_METADATA_KEY_LEN`] characters. A key is
/// its own key, so a field read from metadata goes back under the key it
/// came with.
#[must_use]
pub fn metadata_key(name: &str) -> String {
    let lower_camel = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.bytes().all(|b| b.is_ascii_alphanumeric());
    if lower_camel {
        let mut key = name.to_owned();
        key.truncate(MAX_METADATA_KEY_LEN);
        return key;
    }
    let mut key = String::with_capacity(name.len());
    for (index, word) in words(name).enumerate() {
        for (at, c) in word.chars().enumerate() {
            if index > 0 && at == 0 {
                key.push(c.to_ascii_uppercase());
            } else {
                key.push(c.to_ascii_lowercase());
            }
        }
    }
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        key.insert_str(0, "field");
    }
    key.truncate(MAX_METADATA_KEY_LEN);
    key
}

/// The words of a code or a name: runs of ASCII letters and digits, split
/// where a lower-case letter or a digit meets an upper-case one
/// (`noSuch`, `S3Error`) and before the last capital of an acronym that a
/// word follows (`HTTPError` is `HTTP`, `Error`). Everything else (`.`,
/// `_`, `-`, spaces, letters beyond ASCII) only separates words.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(split_case)
}

/// One run of ASCII letters and digits, split at its case changes.
fn split_case(run: &str) -> impl Iterator<Item = &str> {
    let bytes = run.as_bytes();
    let mut start = 0;
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            at += 1;
            let Some(&next) = bytes.get(at) else { break };
            let here = bytes[at - 1];
            let lower_then_upper =
                (here.is_ascii_lowercase() || here.is_ascii_digit()) && next.is_ascii_uppercase();
            let acronym_ends = here.is_ascii_uppercase()
                && next.is_ascii_uppercase()
                && bytes.get(at + 1).is_some_and(u8::is_ascii_lowercase);
            if lower_then_upper || acronym_ends {
                let word = &run[start..at];
                start = at;
                return Some(word);
            }
        }
        (start < bytes.len()).then(|| {
            let word = &run[start..];
            start = bytes.len();
            word
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_upper_snake_reasons() {
        for (code, reason) in [
            ("ResourceNotFoundException", "RESOURCE_NOT_FOUND_EXCEPTION"),
            ("NoSuchKey", "NO_SUCH_KEY"),
            ("BOOK_NOT_FOUND", "BOOK_NOT_FOUND"),
            (
                "AWS.SimpleQueueService.NonExistentQueue",
                "AWS_SIMPLE_QUEUE_SERVICE_NON_EXISTENT_QUEUE",
            ),
            ("_404Thing", "ERROR_404_THING"),
            ("404", "ERROR_404"),
            ("HTTPError", "HTTP_ERROR"),
            ("S3Error", "S3_ERROR"),
            ("Ec2InstanceLimit", "EC2_INSTANCE_LIMIT"),
            ("Sender", "SENDER"),
            ("A", "ERROR_A"),
            ("ok", "ERROR_OK"),
            ("Überfällig", "BERF_LLIG"),
            ("a--b", "A_B"),
            ("...", "ERROR"),
            ("", "ERROR"),
        ] {
            assert_eq!(reason_from_code(code), reason, "{code}");
            assert!(is_valid_reason(reason), "{reason}");
        }
    }

    #[test]
    fn long_reasons_are_cut_without_a_trailing_underscore() {
        let code = format!("{}Tail", "Ab".repeat(40));
        let reason = reason_from_code(&code);
        // `AB_` 21 times is 63 characters, less its last `_`.
        assert_eq!(reason, "AB_".repeat(21).trim_end_matches('_'));
        assert!(is_valid_reason(&reason));
        // The cut lands just after a word: no `_` is left at the end.
        let code = format!("{}Bb", "A".repeat(62));
        let reason = reason_from_code(&code);
        assert_eq!(reason, "A".repeat(62));
    }

    #[test]
    fn reasons_are_checked_as_aip_193_says() {
        for valid in ["ABC", "A_1", "RESOURCE_NOT_FOUND", &"A".repeat(63)] {
            assert!(is_valid_reason(valid), "{valid}");
        }
        for invalid in [
            "",
            "AB",
            "abc",
            "1AB",
            "_AB",
            "AB_",
            "A-B",
            "A B",
            "ÄBC",
            &"A".repeat(64),
        ] {
            assert!(!is_valid_reason(invalid), "{invalid}");
        }
    }

    #[test]
    fn names_become_lower_camel_keys() {
        for (name, key) in [
            ("OrderId", "orderId"),
            ("retryAfterSeconds", "retryAfterSeconds"),
            ("retry_after_seconds", "retryAfterSeconds"),
            ("HTTPStatus", "httpStatus"),
            ("x-amz-bucket-region", "xAmzBucketRegion"),
            ("Bucket", "bucket"),
            ("2fa", "field2fa"),
            ("", "field"),
        ] {
            assert_eq!(metadata_key(name), key, "{name}");
        }
        assert_eq!(metadata_key(&"a".repeat(80)).len(), MAX_METADATA_KEY_LEN);
        assert_eq!(metadata_key(&"A".repeat(80)).len(), MAX_METADATA_KEY_LEN);
        // Keys are their own keys: found by fuzzing, `vaultN~aMe` gave
        // `vaultNAMe`, which gave `vaultNaMe`.
        for name in ["vaultN~aMe", "vaultNAMe", "orderID", "x_y-Z", "ÄB c"] {
            let key = metadata_key(name);
            assert_eq!(metadata_key(&key), key, "{name}");
        }
    }
}
