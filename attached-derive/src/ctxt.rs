//! Collects the mistakes found in one input, so that a user sees all of them in one build.

use proc_macro2::TokenStream;
use quote::ToTokens;
use std::cell::RefCell;
use std::fmt::Display;

/// The mistakes found so far. It must be [`check`](Ctxt::check)ed before it is dropped, so
/// that no error is ever forgotten on the way to code generation.
pub struct Ctxt {
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// A mistake underlined at `tokens`.
    pub fn error_spanned_by<T: ToTokens, M: Display>(&self, tokens: T, message: M) {
        self.syn_error(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// A mistake already made into a `syn::Error`.
    pub fn syn_error(&self, error: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("Ctxt used after check")
            .push(error);
    }

    /// All the mistakes, combined into one error, or `Ok` if there were none.
    pub fn check(self) -> Result<(), syn::Error> {
        let errors = self.errors.borrow_mut().take().expect("Ctxt checked twice");
        let mut errors = errors.into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for rest in errors {
            combined.combine(rest);
        }
        Err(combined)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("attached-derive: mistakes collected but never checked");
        }
    }
}

/// `compile_error!` for every mistake, followed by `fallback` (an impl with a stub body, so
/// that code elsewhere that uses the impl does not add errors of its own).
pub fn with_fallback(error: syn::Error, fallback: TokenStream) -> TokenStream {
    let mut out = error.into_compile_error();
    out.extend(fallback);
    out
}
