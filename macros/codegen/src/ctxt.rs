//! The one place problems are collected, as `serde_derive`'s `Ctxt` does:
//! every step reports into it and goes on, so one run reports every
//! problem at once, and the steps return only what they produced.

use crate::table::{Place, Pos, Problem};
use proc_macro2::{Span, TokenStream};
use std::cell::{Cell, RefCell};
use syn::LitStr;

/// Collects the problems of one run.
#[derive(Default)]
#[must_use = "the problems collected must be reported"]
pub(crate) struct Ctxt {
    problems: RefCell<Vec<Problem>>,
    /// Whether the problems were taken: a collector dropped without that
    /// lost them (checked in this crate's tests, never in a user's build).
    taken: Cell<bool>,
}

impl Ctxt {
    pub(crate) fn new() -> Ctxt {
        Ctxt::default()
    }

    /// A problem at a position of a spec file.
    pub(crate) fn at(&self, file: &str, pos: Pos, message: impl Into<String>) {
        self.push(Problem::at(file, pos, message));
    }

    /// A problem with a spec file as a whole.
    #[cfg_attr(feature = "markdown", allow(dead_code))]
    pub(crate) fn in_file(&self, file: &str, message: impl Into<String>) {
        self.push(Problem::in_file(file, message));
    }

    /// A problem in the derive's input, at `span`.
    pub(crate) fn spanned(&self, span: Span, message: impl Into<String>) {
        self.push(Problem {
            place: Place::Attribute(span),
            message: message.into(),
        });
    }

    /// Every error `syn` combined into `error`.
    pub(crate) fn syn_error(&self, error: syn::Error) {
        for error in error {
            self.spanned(error.span(), error.to_string());
        }
    }

    pub(crate) fn push(&self, problem: Problem) {
        self.problems.borrow_mut().push(problem);
    }

    /// The problems, in the order they were reported.
    pub(crate) fn into_problems(self) -> Vec<Problem> {
        self.taken.set(true);
        self.problems.take()
    }

    /// The problems as compile errors: each at the literal that named its
    /// spec file (of `specs`), or at its place in the attribute; `span`
    /// for the rest.
    pub(crate) fn report(self, specs: &[LitStr], span: Span) -> TokenStream {
        let errors = self.into_problems().into_iter().map(|problem| {
            let span = match &problem.place {
                Place::Attribute(span) => *span,
                Place::Spec { file, .. } => specs
                    .iter()
                    .find(|lit| lit.value() == *file)
                    .map_or(span, LitStr::span),
            };
            syn::Error::new(span, problem.to_string())
        });
        let all = errors.reduce(|mut all, e| {
            all.combine(e);
            all
        });
        all.map(|all| all.to_compile_error()).unwrap_or_default()
    }
}

#[cfg(test)]
impl Drop for Ctxt {
    fn drop(&mut self) {
        // A step that collects problems and drops them hides them from the
        // user; the tests run every step.
        if !std::thread::panicking() {
            assert!(
                self.taken.get() || self.problems.borrow().is_empty(),
                "problems were collected and dropped: {:?}",
                self.problems.borrow()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "problems were collected and dropped")]
    fn problems_cannot_be_dropped_unreported() {
        let ctxt = Ctxt::new();
        ctxt.in_file("a.md", "lost");
    }

    #[test]
    fn taken_or_empty_collectors_drop_quietly() {
        let ctxt = Ctxt::new();
        ctxt.in_file("a.md", "kept");
        assert_eq!(ctxt.into_problems().len(), 1);
        drop(Ctxt::new());
    }
}
