//! Code generation for `#[derive(Value)]`: an enum of unit variants read from a choice of
//! names, matched without regard to case, `-` or `_`.

use crate::attr::{VariantAttrs, reject_choice_attrs};
use crate::ctxt::{Ctxt, with_fallback};
use crate::name::{kebab, normalize};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashMap;
use syn::{Data, DeriveInput, Fields};

pub fn derive(node: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let choices = choices(&cx, node);
    match cx.check() {
        Ok(()) => expand(node, &choices),
        Err(error) => with_fallback(error, fallback(node)),
    }
}

struct Choice<'a> {
    variant: &'a syn::Ident,
    /// The name it is written with.
    name: String,
}

fn choices<'a>(cx: &Ctxt, node: &'a DeriveInput) -> Vec<Choice<'a>> {
    let data = match &node.data {
        Data::Enum(data) => data,
        Data::Struct(data) => {
            cx.error_spanned_by(
                &data.struct_token,
                "`Value` can be derived for an enum of unit variants (a choice such as `LOG_FORMAT=json`); for a struct, implement `attached::Value` by hand or use `#[attached(with = path)]` on the field",
            );
            return Vec::new();
        }
        Data::Union(data) => {
            cx.error_spanned_by(
                &data.union_token,
                "`Value` can be derived for an enum of unit variants, not a union",
            );
            return Vec::new();
        }
    };
    reject_choice_attrs(cx, &node.attrs);
    if !node.generics.params.is_empty() {
        cx.error_spanned_by(
            &node.generics.params,
            "`Value` cannot be derived for a generic enum",
        );
    }
    if data.variants.is_empty() {
        cx.error_spanned_by(&node.ident, "`Value` needs at least one variant to choose");
    }
    let mut choices = Vec::new();
    let mut seen: HashMap<String, (&syn::Ident, String)> = HashMap::new();
    for variant in &data.variants {
        let attrs = VariantAttrs::from_attrs(cx, &variant.attrs);
        if !matches!(variant.fields, Fields::Unit) {
            cx.error_spanned_by(
                &variant.fields,
                format!(
                    "`{}` carries data, but `Value` reads a choice of unit variants; implement `attached::Value` by hand for an enum with data",
                    variant.ident
                ),
            );
            continue;
        }
        let name = match &attrs.rename {
            Some(rename) => {
                let name = rename.value.value();
                if normalize(&name).is_empty() {
                    cx.error_spanned_by(
                        &rename.value,
                        "`rename` needs a name with a letter or digit",
                    );
                }
                name
            }
            None => kebab(&variant.ident.to_string()),
        };
        let key = normalize(&name);
        if key.is_empty() {
            // Reported above; an empty name would also "collide" with any other.
        } else if let Some((first, first_name)) = seen.get(&key) {
            let first_name = if *first_name == name {
                String::new()
            } else {
                format!(" (`{first_name}`)")
            };
            let message = format!(
                "`{}` is written `{name}`, which reads the same as `{first}`{first_name}: case, `-` and `_` are ignored; `rename` one of them",
                variant.ident
            );
            match &attrs.rename {
                Some(rename) => cx.error_spanned_by(&rename.value, message),
                None => cx.error_spanned_by(&variant.ident, message),
            }
        } else {
            seen.insert(key, (&variant.ident, name.clone()));
        }
        choices.push(Choice {
            variant: &variant.ident,
            name,
        });
    }
    choices
}

fn fallback(node: &DeriveInput) -> TokenStream {
    let ident = &node.ident;
    let (impl_generics, ty_generics, where_clause) = node.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::attached::Value for #ident #ty_generics #where_clause {
            const EXPECTED: &'static str = "";
            fn parse(_: &str) -> ::core::result::Result<Self, ::attached::ValueError> {
                ::core::unimplemented!()
            }
            fn render(&self) -> ::std::string::String {
                ::core::unimplemented!()
            }
        }
    }
}

fn expand(node: &DeriveInput, choices: &[Choice]) -> TokenStream {
    let ident = &node.ident;
    let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
    let expected = format!("one of: {}", names.join(", "));
    let reason = format!("not one of the accepted values ({})", names.join(", "));
    let normalized = choices.iter().map(|c| normalize(&c.name));
    let variants: Vec<_> = choices.iter().map(|c| c.variant).collect();
    quote! {
        #[automatically_derived]
        impl ::attached::Value for #ident {
            const EXPECTED: &'static str = #expected;
            fn parse(__text: &str) -> ::core::result::Result<Self, ::attached::ValueError> {
                match ::attached::__private::normalize_choice(__text).as_str() {
                    #(#normalized => ::core::result::Result::Ok(Self::#variants),)*
                    _ => ::core::result::Result::Err(::attached::ValueError::new(#reason)),
                }
            }
            fn render(&self) -> ::std::string::String {
                ::std::string::String::from(match self {
                    #(Self::#variants => #names,)*
                })
            }
        }
    }
}
