//! Generated code written as Rust source with `$name` holes: the derive's
//! fixed code (the enum, its impls, the error type) is one template, read
//! into tokens when the derive runs.
//!
//! Why not `quote!`: `quote!` turns every token of its template into
//! statements of this crate, which every deriving crate compiles; the
//! derive's templates are about 2,000 tokens, which cost about 0.2 s of CPU
//! in each clean build of a deriving crate (BENCHMARKS.md, "The smallest
//! crate, after the build-cost work"). Source text costs nothing to
//! compile, and `fill` gives its tokens what `quote_spanned!` would: the
//! template's tokens the span given, each hole's tokens their own.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::ToTokens;

/// `source` as tokens spanned at `span`, each `$name` in it replaced by the
/// tokens of `name` in `holes`. A template that does not lex, or names a
/// hole not given, is a bug of the derive: a compile error that says so,
/// never a panic.
pub(crate) fn fill(source: &str, holes: &[(&str, &dyn ToTokens)], span: Span) -> TokenStream {
    let tokens: TokenStream = match source.parse() {
        Ok(tokens) => tokens,
        Err(err) => return bug(&format!("a template does not lex: {err}"), span),
    };
    let mut out = Vec::new();
    match fill_into(tokens, holes, span, &mut out) {
        Ok(()) => out.into_iter().collect(),
        Err(name) => bug(&format!("a template names no hole `${name}`"), span),
    }
}

/// Appends `tokens` to `out`, filled: see [`fill`]. The error is the name
/// of a hole `holes` lacks.
fn fill_into(
    tokens: TokenStream,
    holes: &[(&str, &dyn ToTokens)],
    span: Span,
    out: &mut Vec<TokenTree>,
) -> Result<(), String> {
    let mut tokens = tokens.into_iter().peekable();
    while let Some(mut token) = tokens.next() {
        match &mut token {
            TokenTree::Punct(punct) if punct.as_char() == '$' => {
                if let Some(TokenTree::Ident(name)) = tokens.peek() {
                    let name = name.to_string();
                    let Some((_, value)) = holes.iter().find(|(hole, _)| *hole == name) else {
                        return Err(name);
                    };
                    tokens.next();
                    out.extend(value.to_token_stream());
                    continue;
                }
                punct.set_span(span);
            }
            TokenTree::Group(group) => {
                let mut inner = Vec::new();
                fill_into(group.stream(), holes, span, &mut inner)?;
                let mut filled = Group::new(group.delimiter(), inner.into_iter().collect());
                filled.set_span(span);
                *group = filled;
            }
            TokenTree::Ident(ident) => ident.set_span(span),
            TokenTree::Punct(punct) => punct.set_span(span),
            TokenTree::Literal(literal) => literal.set_span(span),
        }
        out.push(token);
    }
    Ok(())
}

fn bug(message: &str, span: Span) -> TokenStream {
    syn::Error::new(span, format!("errtable's derive has a bug: {message}")).to_compile_error()
}

#[cfg(test)]
mod tests {
    use super::fill;
    use proc_macro2::{Span, TokenStream};
    use quote::quote;

    #[test]
    fn holes_take_their_tokens_and_the_rest_is_the_template() {
        let name = quote!(Glacier);
        let arms = quote!(Self::A => 1, Self::B => 2,);
        let none: Option<TokenStream> = None;
        let filled = fill(
            "impl $name { fn f(&self) -> u8 { match self { $arms } } $none }",
            &[("name", &name), ("arms", &arms), ("none", &none)],
            Span::call_site(),
        );
        let expected = quote! {
            impl Glacier { fn f(&self) -> u8 { match self { Self::A => 1, Self::B => 2, } } }
        };
        assert_eq!(filled.to_string(), expected.to_string());
    }

    #[test]
    fn doc_comments_and_lone_dollars_stay() {
        let filled = fill("/// Docs.\nstruct S; $", &[], Span::call_site());
        assert_eq!(
            filled.to_string(),
            quote!(#[doc = " Docs."] struct S; $).to_string()
        );
    }

    #[test]
    fn a_broken_template_is_a_compile_error_not_a_panic() {
        let unknown = fill("struct $missing;", &[], Span::call_site()).to_string();
        assert!(unknown.contains("compile_error"), "{unknown}");
        assert!(unknown.contains("no hole `$missing`"), "{unknown}");
        let unlexed = fill("struct \"S;", &[], Span::call_site()).to_string();
        assert!(unlexed.contains("does not lex"), "{unlexed}");
    }
}
