//! The parts of the output that grow with the table (a variant, an array
//! element, a match arm per row), written as Rust source and lexed once.
//!
//! Cargo builds proc macros at opt-level 0 by default, where building tokens
//! one by one with `quote!` costs far more than formatting text (formatting
//! runs in the precompiled, optimised standard library) and letting rustc's
//! lexer read it: for 20,000 rows, most of the derive's time. The fixed parts
//! of the output stay in `quote!`.

extern crate proc_macro;

use proc_macro2::TokenStream;
use quote::quote;
use std::fmt::{self, Display};

/// The tokens of `write(source, item)` for every item, lexed as one stream.
pub fn each<T>(
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut String, T) -> fmt::Result,
) -> TokenStream {
    let mut source = String::new();
    for item in items {
        // Writing into a `String` cannot fail.
        let _ = write(&mut source, item);
    }
    lex(&source)
}

/// `source` as tokens. Everything written here is made of validated
/// identifiers, numbers and escaped literals, so lexing cannot fail; if it
/// ever did, the user gets a compile error to report rather than a panic.
fn lex(source: &str) -> TokenStream {
    // Inside the compiler, its lexer directly: proc_macro2's `parse` would
    // first check the text with its own lexer, built at opt-level 0 too.
    let lexed = if proc_macro::is_available() {
        source
            .parse::<proc_macro::TokenStream>()
            .map(TokenStream::from)
            .map_err(|err| err.to_string())
    } else {
        source.parse::<TokenStream>().map_err(|err| err.to_string())
    };
    lexed.unwrap_or_else(|err| {
        let message = format!(
            "errtable generated code that does not lex ({err}); please report this with the spec"
        );
        quote!(::core::compile_error!(#message);)
    })
}

/// A string literal: `Debug` for `str` writes Rust's own escapes.
pub struct Str<'a>(pub &'a str);

impl Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

/// `#[doc = "..."]` for one line of rustdoc.
pub struct Doc<'a>(pub &'a str);

impl Display for Doc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#[doc = {}]", Str(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;

    #[test]
    fn literals_round_trip_through_the_lexer() {
        for text in [
            "plain",
            "quote \" and backslash \\",
            "tab\tnew\nline\r",
            "nul \0 and bell \u{7}",
            "accent e\u{301} and 💥",
            "",
        ] {
            let tokens = each([text], |s, t| write!(s, "{}", Str(t)));
            let literal: syn::LitStr = syn::parse2(tokens).unwrap();
            assert_eq!(literal.value(), text);
        }
    }

    #[test]
    fn one_stream_for_all_items() {
        let tokens = each(0..3, |s, i| write!(s, "V{i},"));
        assert_eq!(tokens.to_string(), "V0 , V1 , V2 ,");
    }

    #[test]
    fn a_lexing_failure_is_a_compile_error() {
        let tokens = each(["\"open"], |s, t| s.write_str(t));
        assert!(tokens.to_string().contains("compile_error"));
    }
}
