//! Rust names for wire codes. The wire code is never changed; only the
//! variant that stands for it is made a valid, lint-clean identifier.

use unicode_normalization::UnicodeNormalization;

/// The variant name for `code`: letters and digits (Unicode identifier
/// characters) kept, every other character a word break whose next letter
/// is upper-cased.
///
/// `QuotaExceeded.DBSecurityGroup` → `QuotaExceededDBSecurityGroup`,
/// `Not-Found` → `NotFound`, `type` → `Type`, `404` → `_404`.
pub fn variant_name(code: &str) -> String {
    let mut name = String::with_capacity(code.len());
    let mut word_start = true;
    for ch in code.chars() {
        if ch != '_' && unicode_ident::is_xid_continue(ch) {
            if word_start {
                name.extend(ch.to_uppercase());
            } else {
                name.push(ch);
            }
            word_start = false;
        } else {
            word_start = true;
        }
    }
    if name.is_empty() {
        // Nothing usable in a name (symbols only): spell the code points so
        // the name stays unique and stable.
        for ch in code.chars() {
            name.push_str(&format!("U{:04X}", ch as u32));
        }
    }
    if !name.is_ascii() {
        // rustc reads identifiers in Unicode normal form C: `Café` written
        // with a combining accent is the same name as with `é`, so two
        // codes differing only that way must clash here, not in rustc.
        name = name.nfc().collect();
    }
    if !name.starts_with(unicode_ident::is_xid_start) {
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
        assert_eq!(variant_name("Überfüllt"), "Überfüllt");
        assert_eq!(variant_name("日本"), "日本");
        assert_eq!(variant_name("💥"), "U1F4A5");
        assert_eq!(variant_name("_"), "U005F");
        // Written with a combining accent, normalised as rustc does.
        assert_eq!(variant_name("Cafe\u{301}"), "Café");
        assert_eq!(variant_name("\u{301}x"), "_\u{301}x");
    }
}
