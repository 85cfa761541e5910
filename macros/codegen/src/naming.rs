//! Rust names for wire codes. The wire code is never changed; only the
//! variant that stands for it is made a valid, lint-clean identifier.

use std::fmt::Write;

/// The variant name for `code`, in ASCII: letters and digits kept, every
/// other ASCII character a word break whose next letter is upper-cased, and
/// each character beyond ASCII spelled as its code point (`U00E9`).
///
/// `QuotaExceeded.DBSecurityGroup` → `QuotaExceededDBSecurityGroup`,
/// `Not-Found` → `NotFound`, `type` → `Type`, `404` → `_404`,
/// `Café` → `CafU00E9`.
///
/// ASCII names need no Unicode tables to stay distinct: rustc reads
/// identifiers in normal form C, so two spellings of `Café` kept as written
/// would be one name to it, and telling them apart took a normalisation
/// crate that every build of a deriving crate compiled. Non-ASCII codes are
/// rare; they keep their exact spelling on the wire.
#[must_use]
pub fn variant_name(code: &str) -> String {
    let mut name = String::with_capacity(code.len());
    let mut word_start = true;
    for ch in code.chars() {
        if ch.is_ascii_alphanumeric() {
            name.push(if word_start {
                ch.to_ascii_uppercase()
            } else {
                ch
            });
            word_start = false;
        } else if ch.is_ascii() {
            word_start = true;
        } else {
            let _ = write!(name, "U{:04X}", u32::from(ch));
            word_start = false;
        }
    }
    if name.is_empty() {
        // ASCII symbols only: spell them so the name stays unique and stable.
        for ch in code.chars() {
            let _ = write!(name, "U{:04X}", u32::from(ch));
        }
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if name == "Self" {
        // The one keyword that upper-casing can produce.
        name.push_str("Code");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::variant_name;

    #[test]
    fn names() {
        assert_eq!(
            variant_name("ResourceNotFoundException"),
            "ResourceNotFoundException"
        );
        assert_eq!(
            variant_name("QuotaExceeded.DBSecurityGroup"),
            "QuotaExceededDBSecurityGroup"
        );
        assert_eq!(variant_name("Not-Found"), "NotFound");
        assert_eq!(variant_name("type"), "Type");
        assert_eq!(variant_name("self"), "SelfCode");
        assert_eq!(variant_name("404NotFound"), "_404NotFound");
        assert_eq!(variant_name("throttling_exception"), "ThrottlingException");
        assert_eq!(variant_name("Überfüllt"), "U00DCberfU00FCllt");
        assert_eq!(variant_name("日本"), "U65E5U672C");
        assert_eq!(variant_name("💥"), "U1F4A5");
        assert_eq!(variant_name("_"), "U005F");
        // Two spellings of one word that rustc would read as one name.
        assert_eq!(variant_name("Café"), "CafU00E9");
        assert_eq!(variant_name("Cafe\u{301}"), "CafeU0301");
        assert_eq!(variant_name("Zero\u{200b}Width"), "ZeroU200BWidth");
    }
}
