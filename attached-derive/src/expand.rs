//! Code generation for `#[derive(Attached)]`: a table of the fields, `Attached::__load` as
//! one call into the runtime per field, and a `Debug` that redacts secrets, as one
//! expression per field.

use crate::ast::{Field, Input};
use crate::attr::Default;
use crate::ctxt::{Ctxt, with_fallback};
use crate::valid;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use std::fmt::Write as _;
use syn::DeriveInput;
use syn::spanned::Spanned;

pub fn derive(node: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let input = Input::from_syn(&cx, node);
    if let Some(input) = &input {
        valid::check(&cx, input);
    }
    match (cx.check(), input) {
        (Ok(()), Some(input)) => expand(&input),
        (Err(error), _) => with_fallback(error, fallback(node)),
        (Ok(()), None) => unreachable!("an input that is not a struct records an error"),
    }
}

/// The impls with stub bodies, emitted beside the errors, so that `Config::from_env()`
/// elsewhere does not add errors of its own.
fn fallback(node: &DeriveInput) -> TokenStream {
    let ident = &node.ident;
    let (impl_generics, ty_generics, where_clause) = node.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::attached::Attached for #ident #ty_generics #where_clause {
            const PREFIX: &'static str = "";
            fn __load(
                _: &mut ::attached::__private::Context<'_>,
                _: &str,
            ) -> ::core::option::Option<Self> {
                ::core::unimplemented!()
            }
        }
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
            fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unimplemented!()
            }
        }
    }
}

/// The generated code, in one anonymous `const` block: a table of the fields'
/// [`Field`](::attached::__private::Field)s, which `__load` and `Debug` refer to by index,
/// and the two impls.
///
/// Every token written here is paid for by the user on every build, and the derive itself
/// runs unoptimized in the dev profile: each path is written once (`__attached`, an alias
/// of the runtime's `__private`), each field's facts once (in the table), and each span is
/// computed once per field. What carries no span of the user's (the table, the patterns,
/// the struct literal) is written as text and lexed by the compiler in one go, which
/// costs a fraction of building it token by token here.
///
/// `__load` reads every field, in order, into one tuple, then matches it: the struct when
/// all of them read, else `None`. A `?` per field would cost the compiler an early return
/// per field, each dropping the fields read so far, and take it about a third longer.
fn expand(input: &Input) -> TokenStream {
    let ident = &input.original.ident;
    let prefix = &input.prefix;
    let count = input.fields.len();
    let mut table = String::new();
    let mut patterns = String::new();
    let mut build = String::new();
    // One stream per field, joined at the end: the compiler joins them in one call.
    let mut reads = Vec::with_capacity(count);
    let mut debug = Vec::with_capacity(count);
    let mut defaults = Vec::new();
    for (index, field) in input.fields.iter().enumerate() {
        let facts = Facts::of(field, index);
        entry(&mut table, field, &facts, prefix);
        // `write!` to a `String` does not fail.
        let _ = write!(patterns, "__Some(__f{index}),");
        let _ = write!(build, "{}: __f{index},", facts.member);
        reads.push(read_field(field, &facts, &mut defaults));
        debug.push(debug_field(field, &facts));
    }
    let reads = TokenStream::from_iter(reads);
    let debug = TokenStream::from_iter(debug);
    // The functions that make the fields' `default = <expr>` values. Associated functions,
    // so that the expression may name `Self`; not closures, which cost the compiler
    // several times more each.
    let defaults = (!defaults.is_empty()).then(|| {
        let defaults = TokenStream::from_iter(defaults);
        quote! {
            impl #ident {
                #defaults
            }
        }
    });
    let table = lex(&table);
    let patterns = lex(&patterns);
    let build = lex(&build);
    // The traits that pick how a field read by a `with` function is shown, imported only
    // where there is one.
    let dispatch = input
        .fields
        .iter()
        .any(|f| f.attrs.with.is_some())
        .then(|| {
            quote! {
                #[allow(unused_imports)]
                use __attached::{ViaDebug as _, ViaValue as _};
            }
        });
    let outside = reads_outside_prefix(input);
    let name = ident.to_string();
    quote! {
        const _: () = {
            use ::attached::__private as __attached;
            use ::core::option::Option::Some as __Some;
            static __FIELDS: [__attached::Field; #count] = [#table];
            #defaults
            #[automatically_derived]
            impl ::attached::Attached for #ident {
                const PREFIX: &'static str = #prefix;
                const __READS_OUTSIDE_PREFIX: ::core::option::Option<bool> = #outside;
                fn __load(
                    __cx: &mut __attached::Context<'_>,
                    __prefix: &str,
                ) -> ::core::option::Option<Self> {
                    match (#reads) {
                        (#patterns) => __Some(Self { #build }),
                        _ => ::core::option::Option::None,
                    }
                }
            }
            #[automatically_derived]
            impl ::core::fmt::Debug for #ident {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #dispatch
                    __attached::debug_struct(__f, #name, &__FIELDS, &[#debug])
                }
            }
        };
    }
}

/// Whether some field reads a name that does not start with the struct's prefix, when that
/// is known here: a field's exact name (`env`, a nested field's exact `prefix`) or a
/// `fallback` says yes; without them, a struct with no nested field says no. Otherwise
/// `None`, found at run time: naming the nested types here would report a nested type that
/// is not `Attached` twice.
fn reads_outside_prefix(input: &Input) -> TokenStream {
    let fields = &input.fields;
    let answer = if fields
        .iter()
        .any(|f| f.exact() || !f.attrs.fallback.is_empty())
    {
        "::core::option::Option::Some(true)"
    } else if fields.iter().any(Field::is_nested) {
        "::core::option::Option::None"
    } else {
        "::core::option::Option::Some(false)"
    };
    lex(answer)
}

/// Code written by the derive as text, every token spanned at the derive: lexed by the
/// compiler when the derive runs in it, else (in a test of the derive) by proc-macro2.
fn lex(code: &str) -> TokenStream {
    let lexed = if proc_macro::is_available() {
        code.parse::<proc_macro::TokenStream>()
            .map(TokenStream::from)
            .ok()
    } else {
        code.parse::<TokenStream>().ok()
    };
    lexed.unwrap_or_else(|| panic!("attached-derive wrote code that does not lex: {code}"))
}

/// What the generated code of one field is made of, each computed once.
struct Facts {
    /// The field's name in Rust, as written (`r#type`).
    member: String,
    /// The index of the field's entry in the table, `__FIELDS`.
    index: Literal,
    /// The span of the field's type.
    ty: Span,
    /// The span of the type one item of its text is read as.
    item: Span,
}

impl Facts {
    fn of(field: &Field, index: usize) -> Self {
        let ty = field.original.ty.span();
        let item = field.shape.item();
        Facts {
            member: field.ident.to_string(),
            index: Literal::usize_unsuffixed(index),
            ty,
            item: if std::ptr::eq(item, &field.original.ty) {
                ty
            } else {
                item.span()
            },
        }
    }
}

/// Writes the field's entry in the table: `field(name, var)`, or `field_in(name, var,
/// full)` for a plain field under a prefix, and the members that its attributes change, if
/// any, over it. Text is written with `{:?}`, which gives a valid
/// Rust string literal for any text.
fn entry(out: &mut String, field: &Field, facts: &Facts, prefix: &str) {
    let name = facts.member.strip_prefix("r#").unwrap_or(&facts.member);
    let mut members = String::new();
    // `write!` to a `String` does not fail.
    if field.exact() {
        members.push_str("exact: true, ");
    }
    if !field.attrs.fallback.is_empty() {
        members.push_str("fallbacks: &[");
        for fallback in &field.attrs.fallback {
            let _ = write!(members, "{:?},", fallback.value.value());
        }
        members.push_str("], ");
    }
    if !field.doc.is_empty() {
        let _ = write!(members, "doc: {:?}, ", field.doc);
    }
    let secrecy = if field.attrs.secret.is_some() {
        Some("Secret")
    } else if field.attrs.public.is_some() {
        Some("Public")
    } else if field.attrs.not_secret.is_some() {
        Some("NotSecret")
    } else {
        None
    };
    if let Some(variant) = secrecy {
        let _ = write!(members, "secrecy: __attached::Secrecy::{variant}, ");
    }
    if field.attrs.no_attach.is_some() {
        members.push_str("attach: false, ");
    }
    if let Some(expected) = &field.attrs.expected {
        let _ = write!(
            members,
            "expected: ::core::option::Option::Some({:?}), ",
            expected.value.value()
        );
    }
    if field.shape.is_list() {
        let _ = write!(members, "separator: {:?}, ", list_separator(field));
    }
    // A plain field's whole name under the struct's prefix, which a top-level load reads
    // as it is.
    let base = if field.exact() || field.is_nested() || prefix.is_empty() {
        format!("__attached::field({name:?}, {:?})", field.var)
    } else {
        let full = format!("{prefix}{}", field.var);
        format!("__attached::field_in({name:?}, {:?}, {full:?})", field.var)
    };
    if members.is_empty() {
        let _ = write!(out, "{base},");
    } else {
        let _ = write!(out, "__attached::Field {{ {members}..{base} }},");
    }
}

/// One field's value in the `Debug`, as a `&dyn Debug`, spanned at the field's type, so
/// that a type without `Debug` is reported there.
fn debug_field(field: &Field, facts: &Facts) -> TokenStream {
    let member = field.ident;
    let index = &facts.index;
    if field.is_nested() {
        return quote_spanned! {facts.ty=>
            &__attached::Shown::nested(&self.#member, &__FIELDS[#index]),
        };
    }
    if field.attrs.with.is_none() {
        // Shown through its type's `value::<T>()`, which stands in for the field when `T`
        // cannot be read: the field then has one error, not a second one for lacking
        // `Debug`.
        let item = field.shape.item();
        return quote_spanned! {facts.ty=>
            &__attached::value::<#item>().shown(&self.#member, &__FIELDS[#index]),
        };
    }
    // A type read by a `with` function need not implement `Value`: method resolution
    // picks between its `Value`-based form and its `Debug` through the masker.
    let secret_type = secret_type(field, facts);
    quote_spanned! {facts.ty=>
        &(&__attached::Dispatch(&self.#member)).shown(&__FIELDS[#index], #secret_type),
    }
}

/// Whether the item type of a field read by a `with` function is a secret type
/// (`Secret<T>`, ...): such a type need not implement `Value`, so the answer comes from
/// the `SecretType`/`PlainType` pair, which method resolution picks between. A type read
/// by `Value` says so itself (`Value::SECRET`): `false` here.
fn secret_type(field: &Field, facts: &Facts) -> TokenStream {
    if field.attrs.with.is_none() {
        return quote!(false);
    }
    let item = field.shape.item();
    quote_spanned! {facts.item=>
        {
            #[allow(unused_imports)]
            use __attached::{PlainType as _, SecretType as _};
            (&__attached::TypeTag::<#item>::new()).is_secret_type()
        }
    }
}

/// The expression that reads one field, followed by a comma: an `Option` of its value,
/// `None` when a problem was recorded.
///
/// The call is spanned at what decides the parser (the `validate` or `with` path, else the
/// type), the same place as the parser's own bounds: rustc then reports an unmet bound
/// (`Region: Value`) once, at the user's token, not a second time at the derive.
///
/// A `default = <expr>` adds its function to `defaults`.
fn read_field(field: &Field, facts: &Facts, defaults: &mut Vec<TokenStream>) -> TokenStream {
    let index = &facts.index;
    let ty = &field.original.ty;
    if field.is_nested() {
        if field.shape.is_option() {
            let inner = field.shape.item();
            return quote_spanned! {facts.item=>
                __cx.nested_option::<#inner>(&__FIELDS[#index], __prefix),
            };
        }
        return quote_spanned! {facts.ty=>
            __cx.nested::<#ty>(&__FIELDS[#index], __prefix),
        };
    }
    let span = match (&field.attrs.validate, &field.attrs.with) {
        (Some(validate), _) => validate.value.span(),
        (None, Some(with)) => with.value.span(),
        (None, None) => facts.item,
    };
    let method = if field.shape.is_option() {
        "optional"
    } else if field.attrs.default.is_some() {
        "or_default"
    } else {
        "required"
    };
    let method = Ident::new(method, span);
    // A typed binding, spanned at the default: a default of the wrong type is an error at
    // the user's expression, "expected due to" the field's type.
    let default = match field.attrs.default.as_ref().map(|d| &d.value) {
        _ if field.shape.is_option() => None,
        None => None,
        // The function itself, not a closure calling it: a closure spanned at the user's
        // type would be linted as the user's redundant closure.
        Some(Default::Trait) => Some(quote_spanned! {facts.ty=>
            , <#ty as ::core::default::Default>::default
        }),
        Some(Default::Expr(expr)) => {
            let function = Ident::new(
                &format!("__attached_default_{}", facts.index),
                Span::call_site(),
            );
            let span = expr.span();
            // Only the binding at the user's expression: the function itself is the
            // derive's, not linted as the user's code.
            let body = quote_spanned! {span=>
                let __default: #ty = #expr;
                __default
            };
            defaults.push(quote!(fn #function() -> #ty { #body }));
            Some(quote_spanned!(span=> , Self::#function))
        }
    };
    let item = field.shape.item();
    if field.attrs.validate.is_none() && field.attrs.with.is_none() && !field.shape.is_list() {
        // The most common field, its parser written in place: the same tokens as
        // `parser` gives, all spanned at the type.
        let parser = readable(item, span, "parser");
        return quote_spanned! {span=>
            __cx.#method(&__FIELDS[#index], __prefix, #parser #default),
        };
    }
    let parser = parser(field, facts);
    quote_spanned! {span=>
        __cx.#method(&__FIELDS[#index], __prefix, #parser #default),
    }
}

/// `__attached::value::<item>().method()`: the parser of `item` by its `Value`, or the
/// error that it has none.
///
/// A type written in one token is underlined whole by the error of `method`'s own bound,
/// spanned at it. A type written in several (`std::collections::HashMap<String, String>`,
/// `Rc<str>`) is checked through `__attached::Readable`, whose error is at the expression
/// of its field: that expression's first token is spanned at the type's first and its
/// last at the type's last, and rustc spans an expression from its first token to its
/// last, so the whole type is underlined. A token's own span covers one token. This costs
/// `cargo check` more per field, so one-token types, most fields, go without it.
fn readable(item: &syn::Type, span: Span, method: &str) -> TokenStream {
    if one_token(item) {
        let method = Ident::new(method, span);
        return quote_spanned!(span=> __attached::value::<#item>().#method());
    }
    let mut tokens = quote::ToTokens::to_token_stream(item).into_iter();
    let first = tokens.next().map_or(span, |t| t.span());
    let last = tokens.last().map_or(first, |t| t.span());
    // The method at the type's first token, as the rest of the call: a bound of its own
    // (a configuration struct without `nested`) is reported there.
    let method = Ident::new(&format!("spanned_{method}"), span);
    let start = quote_spanned!(first=> __attached::value::<#item>().#method);
    let end = quote_spanned!(last=> ());
    quote_spanned!(span=> __attached::Readable { parser: #start #end }.parser)
}

/// Whether `ty` is written in one token (`String`, `u16`), without building its tokens.
fn one_token(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(syn::TypePath { qself: None, path }) => {
            path.leading_colon.is_none()
                && path.segments.len() == 1
                && path.segments[0].arguments.is_none()
        }
        _ => false,
    }
}

/// The parser of a field: the item type's `Value` or the `with` function, in a list for
/// `Vec`, followed by the `validate` function. The functions are bound to typed locals at
/// their paths, so a wrong signature is an error at the path that shows the expected one.
fn parser(field: &Field, facts: &Facts) -> TokenStream {
    let item = field.shape.item();
    let mut parser = match &field.attrs.with {
        Some(with) => {
            let path = &with.value;
            let function = quote!(#path).to_string().replace(' ', "");
            let secret_type = secret_type(field, facts);
            // What the load needs of the type, which need not implement `Value`; see
            // `WithView`.
            let view = quote_spanned! {facts.item=>
                {
                    #[allow(unused_imports)]
                    use __attached::{DebugView as _, NoView as _, ValueView as _};
                    (&&&__attached::TypeTag::<#item>::new()).with_view()
                }
            };
            quote_spanned! {path.span()=>
                __attached::with(
                    {
                        let __with: fn(&str) -> ::core::result::Result<#item, _> = #path;
                        __with
                    },
                    #function,
                    #secret_type,
                    #view,
                )
            }
        }
        // `parser` or `item`, picked by method resolution on the type: one error at the
        // type when it cannot be read, saying why.
        None if field.shape.is_list() => readable(item, facts.item, "item"),
        None => readable(item, facts.item, "parser"),
    };
    if field.shape.is_list() {
        let separator = list_separator(field);
        parser = quote!(__attached::list(#parser, #separator));
    }
    if let Some(validate) = &field.attrs.validate {
        let path = &validate.value;
        let function = quote!(#path).to_string().replace(' ', "");
        // Spanned at the path: a function of the wrong type is one error there, which
        // says what a `validate` function takes.
        parser = quote_spanned! {path.span()=>
            __attached::Validated::new(#parser, #path, #function)
        };
    }
    parser
}

/// What separates a list field's items: `separator`, `,` by default.
fn list_separator(field: &Field) -> String {
    field
        .attrs
        .separator
        .as_ref()
        .map_or_else(|| ",".to_owned(), |s| s.value.value())
}
