//! Error codes as they arrive on the wire.

/// The code inside the decorations services add: `ns#Code` and
/// `Code:http://...` both give `Code`. botocore and the AWS SDKs read them
/// this way: everything from the first `:` goes, then everything up to the
/// last `#`.
pub(crate) fn clean_code(raw: &str) -> &str {
    // The memchr crate (already serde_json's dependency): std's `find` and
    // `rfind` cost 270 instructions on a 17-byte code, more than the rest of
    // reading the code (benches/instructions.py, parse-rest-json-unknown).
    let bytes = raw.as_bytes();
    // Most codes arrive bare: one scan for either separator says so.
    if memchr::memchr2(b':', b'#', bytes).is_none() {
        return raw;
    }
    let end = memchr::memchr(b':', bytes).unwrap_or(bytes.len());
    let start = memchr::memrchr(b'#', &bytes[..end]).map_or(0, |at| at + 1);
    // Both ends are at ASCII bytes, so on character boundaries.
    raw.get(start..end).unwrap_or(raw)
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
