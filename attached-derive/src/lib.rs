//! The derive macros of `attached`. Use them through the `attached` crate:
//! `#[derive(attached::Attached)]` on a configuration struct, `#[derive(attached::Value)]`
//! on an enum of choices.
//!
//! Each derive parses its input into a typed model (`ast`, `attr`), checks the rules that
//! span several attributes (`valid`), and generates code (`expand`, `value`). Mistakes are
//! collected, not returned at the first, so one build shows all of them.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod ctxt;
mod expand;
mod name;
mod valid;
mod value;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Reads a struct of named fields from environment variables. See the `attached` crate.
#[proc_macro_derive(Attached, attributes(attached))]
pub fn derive_attached(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}

/// Reads an enum of unit variants from one variable's text. See the `attached` crate.
#[proc_macro_derive(Value, attributes(attached))]
pub fn derive_value(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    value::derive(&input).into()
}
