//! Error codes as they arrive on the wire.

/// The code inside the decorations services add: `ns#Code` and
/// `Code:http://...` both give `Code`. botocore and the AWS SDKs read them
/// this way: everything from the first `:` goes, then everything up to the
/// last `#`.
pub(crate) fn clean_code(raw: &str) -> &str {
    let code = raw.split(':').next().unwrap_or(raw);
    match code.rfind('#') {
        Some(at) => &code[at + 1..],
        None => code,
    }
}

/// A code as received (header or body), cleaned; `None` when nothing is
/// left.
pub(crate) fn wire_code(raw: &str) -> Option<&str> {
    Some(clean_code(raw)).filter(|code| !code.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_codes_like_the_clients() {
        for (raw, code) in [
            ("ResourceNotFoundException", "ResourceNotFoundException"),
            (
                "com.amazon#ResourceNotFoundException",
                "ResourceNotFoundException",
            ),
            (
                "ThrottlingException:http://internal.amazon.com/",
                "ThrottlingException",
            ),
            ("a#b#C:x:y", "C"),
            ("a:b#c", "a"),
            ("", ""),
            ("#", ""),
        ] {
            assert_eq!(clean_code(raw), code, "{raw}");
        }
        assert_eq!(wire_code("ns#"), None);
        assert_eq!(wire_code("ns#C"), Some("C"));
    }
}
