//! Parsing of `#[attached(...)]` on the struct, its fields, and choice variants. Each key
//! is read once; unknown, repeated and malformed keys are reported at the key.

use crate::ctxt::Ctxt;
use crate::name::did_you_mean;
use proc_macro2::{Span, TokenStream, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr, Token};

/// An attribute value with the span of its key, for errors about the attribute as given.
pub struct Given<T> {
    pub key: Span,
    pub value: T,
}

/// `#[attached(...)]` on the struct.
#[derive(Default)]
pub struct StructAttrs {
    pub prefix: Option<Given<LitStr>>,
}

/// The `default` of a field.
pub enum Default {
    /// `default`: the type's `Default::default()`.
    Trait,
    /// `default = <expr>`, kept as tokens for the compiler to type-check.
    Expr(TokenStream),
}

/// `#[attached(...)]` on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub env: Option<Given<LitStr>>,
    pub default: Option<Given<Default>>,
    pub secret: Option<Given<()>>,
    pub public: Option<Given<()>>,
    pub not_secret: Option<Given<()>>,
    pub no_attach: Option<Given<()>>,
    pub nested: Option<Given<()>>,
    pub prefix: Option<Given<LitStr>>,
    pub separator: Option<Given<LitStr>>,
    pub with: Option<Given<syn::Path>>,
    pub validate: Option<Given<syn::Path>>,
    pub expected: Option<Given<LitStr>>,
    /// `fallback = "NAME"`, which may be given several times: in order.
    pub fallback: Vec<Given<LitStr>>,
}

/// `#[attached(...)]` on a variant of a choice enum.
#[derive(Default)]
pub struct VariantAttrs {
    pub rename: Option<Given<LitStr>>,
}

const STRUCT_KEYS: &[&str] = &["prefix"];
const FIELD_KEYS: &[&str] = &[
    "env",
    "default",
    "secret",
    "public",
    "not_secret",
    "no_attach",
    "nested",
    "prefix",
    "separator",
    "with",
    "validate",
    "expected",
    "fallback",
];
const VARIANT_KEYS: &[&str] = &["rename"];

impl StructAttrs {
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = StructAttrs::default();
        each_key(cx, attrs, Place::Struct, |key, meta| match key {
            "prefix" => set(&mut out.prefix, meta, string),
            _ => unreachable!(),
        });
        out
    }
}

impl FieldAttrs {
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = FieldAttrs::default();
        each_key(cx, attrs, Place::Field, |key, meta| match key {
            "env" => set(&mut out.env, meta, string),
            "default" => set(&mut out.default, meta, default),
            "secret" => set(&mut out.secret, meta, flag),
            "public" => set(&mut out.public, meta, flag),
            "not_secret" => set(&mut out.not_secret, meta, flag),
            "no_attach" => set(&mut out.no_attach, meta, flag),
            "nested" => set(&mut out.nested, meta, flag),
            "prefix" => set(&mut out.prefix, meta, string),
            "separator" => set(&mut out.separator, meta, string),
            "with" => set(&mut out.with, meta, path),
            "validate" => set(&mut out.validate, meta, path),
            "expected" => set(&mut out.expected, meta, string),
            "fallback" => {
                let value = string(meta)?;
                out.fallback.push(Given {
                    key: meta.path.span(),
                    value,
                });
                Ok(())
            }
            _ => unreachable!(),
        });
        out
    }
}

impl VariantAttrs {
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = VariantAttrs::default();
        each_key(cx, attrs, Place::Variant, |key, meta| match key {
            "rename" => set(&mut out.rename, meta, string),
            _ => unreachable!(),
        });
        out
    }
}

/// Reports every key of `#[attached(...)]` on the enum of a `#[derive(Value)]`, which
/// takes none: they would otherwise be ignored without a word.
pub fn reject_choice_attrs(cx: &Ctxt, attrs: &[Attribute]) {
    each_key(cx, attrs, Place::Choice, |_, _| Ok(()));
}

/// Calls `read` for every key of every `#[attached(...)]` in `attrs`, after checking that
/// the key is one of `known`. An error in one key is reported and the next key is read.
fn each_key(
    cx: &Ctxt,
    attrs: &[Attribute],
    place: Place,
    mut read: impl FnMut(&str, &ParseNestedMeta) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("attached")) {
        if attr.meta.require_list().is_err() {
            cx.error_spanned_by(
                attr,
                format!(
                    "expected `#[attached(key = value, ...)]`, with the keys in parentheses, such as `{}`",
                    place.example()
                ),
            );
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            let Some(key) = meta.path.get_ident().map(ToString::to_string) else {
                cx.syn_error(meta.error("expected an attribute key such as `env`"));
                return skip_value(&meta);
            };
            if !place.keys().contains(&key.as_str()) {
                cx.syn_error(meta.error(unknown_key_message(&key, place)));
                return skip_value(&meta);
            }
            if let Err(e) = read(&key, &meta) {
                cx.syn_error(e);
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
}

/// Where an `#[attached(...)]` is written, which decides the keys it takes.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Struct,
    Field,
    Variant,
    /// The enum of a `#[derive(Value)]`, which takes no keys.
    Choice,
}

impl Place {
    fn keys(self) -> &'static [&'static str] {
        match self {
            Place::Struct => STRUCT_KEYS,
            Place::Field => FIELD_KEYS,
            Place::Variant => VARIANT_KEYS,
            Place::Choice => &[],
        }
    }

    fn example(self) -> &'static str {
        match self {
            Place::Struct => "#[attached(prefix = \"APP_\")]",
            Place::Field => "#[attached(env = \"DATABASE_URL\")]",
            Place::Variant | Place::Choice => "#[attached(rename = \"logfmt\")]",
        }
    }

    /// The place a key written here by mistake is likely meant for.
    fn neighbour(self) -> Option<Place> {
        match self {
            Place::Struct => Some(Place::Field),
            Place::Choice => Some(Place::Variant),
            Place::Field | Place::Variant => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Place::Struct => "the struct",
            Place::Field => "a field",
            Place::Variant => "a variant",
            Place::Choice => "the enum",
        }
    }
}

/// The message for a key `place` does not take: a near miss, a key that belongs elsewhere,
/// or the keys it does take.
fn unknown_key_message(key: &str, place: Place) -> String {
    let known = place.keys();
    if let Some(near) = did_you_mean(key, known) {
        return format!("unknown attribute `{key}`; did you mean `{near}`?");
    }
    if let Some(other) = place.neighbour().filter(|n| n.keys().contains(&key)) {
        return format!("`{key}` goes on {}, not on {}", other.name(), place.name());
    }
    if known.is_empty() {
        return format!(
            "unknown attribute `{key}`; {} takes no `#[attached(...)]` keys",
            place.name()
        );
    }
    format!(
        "unknown attribute `{key}`; expected one of `{}`",
        known.join("`, `")
    )
}

/// Consumes the rest of a key that could not be used (`= value`, `(...)`, or tokens left
/// after a value that did not parse), so the next key can be read.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    expression_tokens(meta.input).map(drop)
}

/// Stores a key's value, or reports that the key was given before.
fn set<T>(
    slot: &mut Option<Given<T>>,
    meta: &ParseNestedMeta,
    parse: fn(&ParseNestedMeta) -> syn::Result<T>,
) -> syn::Result<()> {
    if slot.is_some() {
        return Err(meta.error(format!("`{}` is given twice; keep one", key_name(meta))));
    }
    let value = parse(meta)?;
    *slot = Some(Given {
        key: meta.path.span(),
        value,
    });
    Ok(())
}

fn key_name(meta: &ParseNestedMeta) -> String {
    meta.path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn expect_equals(meta: &ParseNestedMeta, example: &str) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.input.parse::<Token![=]>()?;
        Ok(())
    } else {
        Err(meta.error(format!("`{}` needs a value: `{example}`", key_name(meta))))
    }
}

fn string(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    let key = key_name(meta);
    let example = match key.as_str() {
        "separator" => format!("{key} = \",\""),
        "rename" => format!("{key} = \"name\""),
        "expected" => format!("{key} = \"a comma-separated list of key=value labels\""),
        _ => format!("{key} = \"NAME\""),
    };
    expect_equals(meta, &example)?;
    meta.input.parse::<LitStr>().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("`{key}` takes a string literal: `{example}`"),
        )
    })
}

fn path(meta: &ParseNestedMeta) -> syn::Result<syn::Path> {
    let key = key_name(meta);
    expect_equals(meta, &format!("{key} = path::to::function"))?;
    meta.input.parse::<syn::Path>().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("`{key}` takes the path of a function: `{key} = path::to::function`"),
        )
    })
}

fn flag(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!(
            "`{}` takes no value: write `#[attached({})]`",
            key_name(meta),
            key_name(meta)
        )));
    }
    Ok(())
}

fn default(meta: &ParseNestedMeta) -> syn::Result<Default> {
    if !meta.input.peek(Token![=]) {
        if meta.input.peek(syn::token::Paren) {
            return Err(meta.error("expected `default` or `default = <expression>`"));
        }
        return Ok(Default::Trait);
    }
    meta.input.parse::<Token![=]>()?;
    let tokens = expression_tokens(meta.input)?;
    if tokens.is_empty() {
        return Err(meta.error("expected an expression after `default =`"));
    }
    Ok(Default::Expr(tokens))
}

/// The tokens of an expression up to the next `,` that separates attribute keys. Commas
/// inside brackets are inside a token tree already; commas inside the generic arguments of
/// a path (`HashMap::<K, V>::new()`) are kept by following `::<` ... `>`.
fn expression_tokens(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    let mut angle_depth = 0usize;
    let mut after_colons = false;
    while !input.is_empty() {
        if angle_depth == 0 && input.peek(Token![,]) {
            break;
        }
        let tree: TokenTree = input.parse()?;
        if let TokenTree::Punct(p) = &tree {
            match p.as_char() {
                '<' if after_colons || angle_depth > 0 => angle_depth += 1,
                '>' if angle_depth > 0 => angle_depth -= 1,
                _ => {}
            }
            after_colons = p.as_char() == ':';
        } else {
            after_colons = false;
        }
        tokens.extend(std::iter::once(tree));
    }
    Ok(tokens)
}
