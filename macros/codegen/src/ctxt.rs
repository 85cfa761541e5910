//! The one place problems are collected, as serde_derive's `Ctxt` does:
//! every step reports into it and goes on, so one run reports every
//! problem at once, and the steps return only what they produced.

use crate::table::{Place, Pos, Problem};
use proc_macro2::Span;
use std::cell::RefCell;

/// Collects the problems of one run.
#[derive(Default)]
#[must_use = "the problems collected must be reported"]
pub(crate) struct Ctxt {
    problems: RefCell<Vec<Problem>>,
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
        self.problems.into_inner()
    }
}
