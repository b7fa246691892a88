//! Code generation for `#[derive(Attached)]`: `Attached::__load` as one call into the
//! runtime per field, and a `Debug` that redacts secrets.

use crate::ast::{Field, Input};
use crate::attr::Default;
use crate::ctxt::{Ctxt, with_fallback};
use crate::valid;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
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

fn expand(input: &Input) -> TokenStream {
    let ident = &input.original.ident;
    let prefix = input.prefix();
    let locals: Vec<_> = (0..input.fields.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let reads = input.fields.iter().zip(&locals).map(|(field, local)| {
        let read = read_field(field);
        quote!(let #local = #read;)
    });
    let idents = input.fields.iter().map(|f| f.ident);
    let debug_fields = input.fields.iter().map(|field| {
        let name = field.ident.to_string();
        let name = name.strip_prefix("r#").unwrap_or(&name);
        let member = field.ident;
        let secrecy = secrecy(field);
        // The field's own part of the name: the prefix is not looked at, here as in the
        // summary, so that a nested struct's fields are judged alike wherever they are.
        let var = field.var();
        // Spanned at the type, so a field type without `Debug` is reported there.
        let ty = &field.original.ty;
        let shown = if field.is_nested() {
            quote_spanned! {ty.span()=>
                ::attached::__private::Shown::nested(&self.#member, #secrecy)
            }
        } else {
            let secret_type = secret_type(field);
            // A field read by `Value` is shown through its type's `value::<T>()`, which
            // stands in for it when `T` cannot be read: the field then has one error, not
            // a second one for lacking `Debug`.
            let value = if field.attrs.with.is_some() {
                quote!(&self.#member)
            } else {
                let item = field.shape.item();
                quote_spanned! {item.span()=>
                    ::attached::__private::value::<#item>().debug(&self.#member)
                }
            };
            quote_spanned! {ty.span()=>
                {
                    #[allow(unused_imports)]
                    use ::attached::__private::{ViaDebug as _, ViaValue as _};
                    (&::attached::__private::Dispatch(#value)).shown(#secrecy, #var, #secret_type)
                }
            }
        };
        quote_spanned! {ty.span()=>
            __s.field(#name, &#shown);
        }
    });
    let name = ident.to_string();
    quote! {
        #[automatically_derived]
        impl ::attached::Attached for #ident {
            const PREFIX: &'static str = #prefix;
            fn __load(
                __cx: &mut ::attached::__private::Context<'_>,
                __prefix: &str,
            ) -> ::core::option::Option<Self> {
                #(#reads)*
                ::core::option::Option::Some(Self { #(#idents: #locals?,)* })
            }
        }
        #[automatically_derived]
        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut __s = __f.debug_struct(#name);
                #(#debug_fields)*
                __s.finish()
            }
        }
    }
}

fn secrecy(field: &Field) -> TokenStream {
    let variant = if field.attrs.secret.is_some() {
        quote!(Secret)
    } else if field.attrs.public.is_some() {
        quote!(Public)
    } else if field.attrs.not_secret.is_some() {
        quote!(NotSecret)
    } else {
        quote!(Auto)
    };
    quote!(::attached::__private::Secrecy::#variant)
}

/// Whether the item type of a field read by a `with` function is a secret type
/// (`Secret<T>`, ...): such a type need not implement `Value`, so the answer comes from
/// the `SecretType`/`PlainType` pair, which method resolution picks between. A type read
/// by `Value` says so itself (`Value::SECRET`): `false` here.
fn secret_type(field: &Field) -> TokenStream {
    if field.attrs.with.is_none() {
        return quote!(false);
    }
    let item = field.shape.item();
    quote_spanned! {item.span()=>
        {
            #[allow(unused_imports)]
            use ::attached::__private::{PlainType as _, SecretType as _};
            (&::attached::__private::TypeTag::<#item>::new()).is_secret_type()
        }
    }
}

/// The expression that reads one field: an `Option` of its value, `None` when a problem
/// was recorded.
///
/// The call is spanned at what decides the parser (the `validate` or `with` path, else the
/// type), the same place as the parser's own bounds: rustc then reports an unmet bound
/// (`Region: Value`) once, at the user's token, not a second time at the derive.
fn read_field(field: &Field) -> TokenStream {
    let name = field.ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
    let var = field.var();
    let exact = field.exact();
    let doc = &field.doc;
    let secrecy = secrecy(field);
    let attach = field.attrs.no_attach.is_none();
    let expected = match &field.attrs.expected {
        Some(expected) => {
            let text = &expected.value;
            quote!(::core::option::Option::Some(#text))
        }
        None => quote!(::core::option::Option::None),
    };
    let fallbacks = field.attrs.fallback.iter().map(|f| &f.value);
    let meta = quote! {
        &::attached::__private::Field {
            name: #name,
            var: #var,
            exact: #exact,
            fallbacks: &[#(#fallbacks),*],
            doc: #doc,
            secrecy: #secrecy,
            attach: #attach,
            expected: #expected,
        }
    };
    let ty = &field.original.ty;
    if field.is_nested() {
        if field.shape.is_option() {
            let inner = field.shape.item();
            return quote_spanned! {inner.span()=>
                __cx.nested_option::<#inner>(#meta, __prefix)
            };
        }
        return quote_spanned! {ty.span()=>
            __cx.nested::<#ty>(#meta, __prefix)
        };
    }
    let parser = parser(field);
    let span = match (&field.attrs.validate, &field.attrs.with) {
        (Some(validate), _) => validate.value.span(),
        (None, Some(with)) => with.value.span(),
        (None, None) => field.shape.item().span(),
    };
    if field.shape.is_option() {
        quote_spanned!(span=> __cx.optional(#meta, __prefix, #parser))
    } else if let Some(default) = &field.attrs.default {
        // A typed binding, spanned at the default: a default of the wrong type is an error
        // at the user's expression, "expected due to" the field's type.
        let closure = match &default.value {
            // The function itself, not a closure calling it: a closure spanned at the
            // user's type would be linted as the user's redundant closure.
            Default::Trait => quote_spanned! {ty.span()=>
                <#ty as ::core::default::Default>::default
            },
            Default::Expr(expr) => quote_spanned! {expr.span()=>
                || {
                    let __default: #ty = #expr;
                    __default
                }
            },
        };
        quote_spanned!(span=> __cx.or_default(#meta, __prefix, #parser, #closure))
    } else {
        quote_spanned!(span=> __cx.required(#meta, __prefix, #parser))
    }
}

/// The parser of a field: the item type's `Value` or the `with` function, in a list for
/// `Vec`, followed by the `validate` function. The functions are bound to typed locals at
/// their paths, so a wrong signature is an error at the path that shows the expected one.
fn parser(field: &Field) -> TokenStream {
    let item = field.shape.item();
    let mut parser = match &field.attrs.with {
        Some(with) => {
            let path = &with.value;
            let function = quote!(#path).to_string().replace(' ', "");
            let secret_type = secret_type(field);
            quote_spanned! {path.span()=>
                ::attached::__private::with(
                    {
                        let __with: fn(&str) -> ::core::result::Result<#item, _> = #path;
                        __with
                    },
                    #function,
                    #secret_type,
                )
            }
        }
        // `parser` or `item`, picked by method resolution on the type: one error at the
        // type when it cannot be read, saying why.
        None if field.shape.is_list() => quote_spanned! {item.span()=>
            ::attached::__private::value::<#item>().item()
        },
        None => quote_spanned! {item.span()=>
            ::attached::__private::value::<#item>().parser()
        },
    };
    if field.shape.is_list() {
        let separator = field
            .attrs
            .separator
            .as_ref()
            .map_or_else(|| ",".to_owned(), |s| s.value.value());
        parser = quote!(::attached::__private::list(#parser, #separator));
    }
    if let Some(validate) = &field.attrs.validate {
        let path = &validate.value;
        let function = quote!(#path).to_string().replace(' ', "");
        // Spanned at the path: a function of the wrong type is one error there, which
        // says what a `validate` function takes.
        parser = quote_spanned! {path.span()=>
            ::attached::__private::Validated::new(#parser, #path, #function)
        };
    }
    parser
}
