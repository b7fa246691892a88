//! The typed model of a `#[derive(Attached)]` input: the struct and its fields, each
//! keeping the syn node it came from, so errors can point at it.

use crate::attr::{FieldAttrs, StructAttrs};
use crate::ctxt::Ctxt;
use crate::name::screaming_snake;
use syn::{Attribute, Data, DeriveInput, Fields, GenericArgument, PathArguments, Type};

pub struct Input<'a> {
    pub original: &'a DeriveInput,
    pub attrs: StructAttrs,
    pub fields: Vec<Field<'a>>,
    /// The struct's `prefix`, or empty.
    pub prefix: String,
}

pub struct Field<'a> {
    pub original: &'a syn::Field,
    pub ident: &'a syn::Ident,
    pub attrs: FieldAttrs,
    pub shape: Shape<'a>,
    pub doc: String,
    /// The variable's name after the prefix, or the exact name given with `env`. For a
    /// nested field: the segment of its children's prefix, or the exact `prefix`.
    pub var: String,
}

/// How a field's type reads its variable, from the type as written.
pub enum Shape<'a> {
    /// `T`: required, unless it has a default.
    Plain(&'a Type),
    /// `Option<T>`: `None` when not set.
    Option(&'a Type),
    /// `Vec<T>`: a separated list.
    Vec(&'a Type),
    /// `Option<Vec<T>>`: an optional list.
    OptionVec(&'a Type),
}

impl<'a> Shape<'a> {
    fn of(ty: &'a Type) -> Self {
        if let Some(inner) = generic_argument(ty, "Option") {
            match generic_argument(inner, "Vec") {
                Some(item) => Shape::OptionVec(item),
                None => Shape::Option(inner),
            }
        } else if let Some(item) = generic_argument(ty, "Vec") {
            Shape::Vec(item)
        } else {
            Shape::Plain(ty)
        }
    }

    /// The type one item of the text is read as.
    pub fn item(&self) -> &'a Type {
        match *self {
            Shape::Plain(t) | Shape::Option(t) | Shape::Vec(t) | Shape::OptionVec(t) => t,
        }
    }

    pub fn is_list(&self) -> bool {
        matches!(self, Shape::Vec(_) | Shape::OptionVec(_))
    }

    pub fn is_option(&self) -> bool {
        matches!(self, Shape::Option(_) | Shape::OptionVec(_))
    }
}

/// `T` if `ty` is `Name<T>` (by the last segment of its path: `Option`, `std::option::Option`).
fn generic_argument<'a>(ty: &'a Type, name: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    if args.args.len() != 1 {
        return None;
    }
    match args.args.first()? {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

impl<'a> Input<'a> {
    /// The model of a struct of named fields; `None` (with the mistake recorded) for any
    /// other kind of item.
    pub fn from_syn(cx: &Ctxt, node: &'a DeriveInput) -> Option<Self> {
        let attrs = StructAttrs::from_attrs(cx, &node.attrs);
        let fields = match &node.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => {
                    named.named.iter().map(|f| Field::from_syn(cx, f)).collect()
                }
                Fields::Unnamed(_) => {
                    cx.error_spanned_by(
                        &data.fields,
                        "`Attached` needs named fields: each field's name gives its variable's name",
                    );
                    return None;
                }
                Fields::Unit => {
                    cx.error_spanned_by(
                        &node.ident,
                        "`Attached` needs a struct with named fields; this one has no fields to read",
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                cx.error_spanned_by(
                    &data.enum_token,
                    "`Attached` reads a struct of named fields, not an enum; for a choice such as `LOG_FORMAT=json`, derive `attached::Value` on the enum and use it as a field's type",
                );
                return None;
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    &data.union_token,
                    "`Attached` reads a struct of named fields, not a union",
                );
                return None;
            }
        };
        let prefix = attrs
            .prefix
            .as_ref()
            .map(|p| p.value.value())
            .unwrap_or_default();
        Some(Input {
            original: node,
            attrs,
            fields,
            prefix,
        })
    }
}

impl<'a> Field<'a> {
    fn from_syn(cx: &Ctxt, node: &'a syn::Field) -> Self {
        let ident = node.ident.as_ref().expect("named field");
        let attrs = FieldAttrs::from_attrs(cx, &node.attrs);
        let var = if let Some(env) = &attrs.env {
            env.value.value()
        } else if let Some(prefix) = &attrs.prefix {
            prefix.value.value()
        } else {
            screaming_snake(&ident.to_string())
        };
        Field {
            original: node,
            ident,
            attrs,
            shape: Shape::of(&node.ty),
            doc: doc_comment(&node.attrs),
            var,
        }
    }

    /// Whether [`var`](Field::var) is exact, not under the struct's prefix.
    pub fn exact(&self) -> bool {
        self.attrs.env.is_some() || (self.attrs.nested.is_some() && self.attrs.prefix.is_some())
    }

    pub fn is_nested(&self) -> bool {
        self.attrs.nested.is_some()
    }
}

/// The doc comment, one leading space taken off each line, lines joined by `\n`.
fn doc_comment(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            {
                let text = s.value();
                for line in text.lines() {
                    lines.push(line.strip_prefix(' ').unwrap_or(line).trim_end().to_owned());
                }
            }
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    lines.join("\n")
}
