//! Rules that span several attributes or fields, one `check_*` function per rule.

use crate::ast::{Field, Input};
use crate::ctxt::Ctxt;
use crate::name::{screaming_snake, variable_name_problem};
use std::collections::HashMap;

pub fn check(cx: &Ctxt, input: &Input) {
    check_generics(cx, input);
    check_prefix(cx, input);
    for field in &input.fields {
        check_secret_and_public(cx, field);
        check_nested(cx, field);
        check_default(cx, field);
        check_separator(cx, field);
        check_env_name(cx, field);
        check_field_prefix(cx, field);
        check_expected(cx, field);
        check_fallback(cx, input, field);
    }
    check_same_variable(cx, input);
    check_fallback_taken(cx, input);
}

/// A generic struct would need its parameters to be readable; not supported.
fn check_generics(cx: &Ctxt, input: &Input) {
    let generics = &input.original.generics;
    if !generics.params.is_empty() {
        cx.error_spanned_by(
            &generics.params,
            "`Attached` does not support generic structs; use concrete field types",
        );
    }
}

fn check_prefix(cx: &Ctxt, input: &Input) {
    let Some(prefix) = &input.attrs.prefix else {
        return;
    };
    check_prefix_text(cx, &prefix.value);
}

fn check_prefix_text(cx: &Ctxt, lit: &syn::LitStr) {
    let text = lit.value();
    if text.is_empty() {
        return;
    }
    if let Some(problem) = variable_name_problem(&text, "the prefix") {
        cx.error_spanned_by(lit, problem);
    } else if !text.ends_with('_') {
        cx.error_spanned_by(
            lit,
            format!("a prefix ends with `_`, so that it reads `{text}_PORT`: write `\"{text}_\"`"),
        );
    }
}

/// `secret`, `public` and `not_secret` are three answers to one question: at most one.
fn check_secret_and_public(cx: &Ctxt, field: &Field) {
    let a = &field.attrs;
    if let (Some(_), Some(public)) = (&a.secret, &a.public) {
        cx.syn_error(syn::Error::new(
            public.key,
            "a field cannot be both `secret` and `public`; keep one",
        ));
    }
    if let (Some(_), Some(not_secret)) = (&a.secret, &a.not_secret) {
        cx.syn_error(syn::Error::new(
            not_secret.key,
            "a field cannot be both `secret` and `not_secret`; keep one",
        ));
    }
    if let (Some(_), Some(not_secret)) = (&a.public, &a.not_secret) {
        cx.syn_error(syn::Error::new(
            not_secret.key,
            "`public` already means not secret (and also safe to hand to a browser); keep one",
        ));
    }
    // A secret type is secret whatever the field says: the key would be silently ignored
    // (the field never in `public_json`, never shown).
    if names_a_secret_type(field.shape.item()) {
        for (key, name) in [(&a.public, "public"), (&a.not_secret, "not_secret")] {
            if let Some(key) = key {
                cx.syn_error(syn::Error::new(
                    key.key,
                    format!(
                        "a `Secret` is never shown, so `{name}` cannot apply to it; remove \
                         `{name}`, or read the value as a plain type"
                    ),
                ));
            }
        }
    }
}

/// Whether a type is written as one of the secret types: `Secret<T>`, or `secrecy`'s
/// `SecretString` and `SecretBox<T>`, by the last segment of its path.
fn names_a_secret_type(ty: &syn::Type) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    path.path.segments.last().is_some_and(|last| {
        matches!(
            last.ident.to_string().as_str(),
            "Secret" | "SecretString" | "SecretBox"
        )
    })
}

/// `nested` reads a whole struct: keys about one variable do not apply to it.
fn check_nested(cx: &Ctxt, field: &Field) {
    let a = &field.attrs;
    if a.nested.is_none() {
        if let Some(prefix) = &a.prefix {
            cx.syn_error(syn::Error::new(
                prefix.key,
                "`prefix` on a field applies only with `nested`; for one variable's exact name use `env = \"NAME\"`",
            ));
        }
        return;
    }
    let not_with_nested = [
        (
            a.env.as_ref().map(|g| g.key),
            "env",
            "use `prefix = \"...\"` to name the nested variables' prefix",
        ),
        (
            a.default.as_ref().map(|g| g.key),
            "default",
            "give defaults to the nested struct's fields",
        ),
        (
            a.public.as_ref().map(|g| g.key),
            "public",
            "mark the nested struct's fields `public` instead",
        ),
        (
            a.not_secret.as_ref().map(|g| g.key),
            "not_secret",
            "mark the nested struct's fields `not_secret` instead",
        ),
        (
            a.no_attach.as_ref().map(|g| g.key),
            "no_attach",
            "mark the nested struct's fields `no_attach` instead",
        ),
        (
            a.separator.as_ref().map(|g| g.key),
            "separator",
            "a nested struct is not a list",
        ),
        (
            a.with.as_ref().map(|g| g.key),
            "with",
            "a nested struct is read field by field",
        ),
        (
            a.validate.as_ref().map(|g| g.key),
            "validate",
            "validate the nested struct's fields instead",
        ),
        (
            a.expected.as_ref().map(|g| g.key),
            "expected",
            "describe the nested struct's fields instead",
        ),
        (
            a.fallback.first().map(|g| g.key),
            "fallback",
            "give fallbacks to the nested struct's fields",
        ),
    ];
    for (span, key, advice) in not_with_nested {
        if let Some(span) = span {
            cx.syn_error(syn::Error::new(
                span,
                format!("`{key}` cannot be used with `nested`: {advice}"),
            ));
        }
    }
    if field.shape.is_list() {
        cx.error_spanned_by(
            &field.original.ty,
            "a `nested` field's type is a struct that derives `Attached`, or an `Option` of one; a list of them cannot be read",
        );
    }
}

fn check_default(cx: &Ctxt, field: &Field) {
    if let Some(default) = &field.attrs.default {
        if field.shape.is_option() {
            cx.syn_error(syn::Error::new(
                default.key,
                "`default` cannot be used on an `Option` field, which is `None` when not set; remove `default`, or make the field's type not an `Option`",
            ));
        }
    }
}

fn check_separator(cx: &Ctxt, field: &Field) {
    if let Some(separator) = &field.attrs.separator {
        if !field.shape.is_list() {
            cx.syn_error(syn::Error::new(
                separator.key,
                "`separator` only applies to `Vec<T>` fields",
            ));
        } else if separator.value.value().is_empty() {
            cx.error_spanned_by(&separator.value, "`separator` must not be empty");
        }
    }
}

fn check_env_name(cx: &Ctxt, field: &Field) {
    if let Some(env) = &field.attrs.env {
        if env.value.value().is_empty() {
            cx.error_spanned_by(
                &env.value,
                format!(
                    "the variable name must not be empty; remove `env` to use the name from the field, `{}`",
                    screaming_snake(&field.ident.to_string())
                ),
            );
        } else if let Some(problem) = variable_name_problem(&env.value.value(), "the variable name")
        {
            cx.error_spanned_by(&env.value, problem);
        } else if env.value.value().ends_with("_FILE") {
            cx.error_spanned_by(
                &env.value,
                "a variable name ending in `_FILE` is taken by the file form of another variable; name the variable itself, and its `_FILE` form is read automatically",
            );
        }
    }
}

fn check_field_prefix(cx: &Ctxt, field: &Field) {
    if let (Some(prefix), Some(_)) = (&field.attrs.prefix, &field.attrs.nested) {
        check_prefix_text(cx, &prefix.value);
    }
}

fn check_expected(cx: &Ctxt, field: &Field) {
    if let Some(expected) = &field.attrs.expected {
        if expected.value.value().trim().is_empty() {
            cx.error_spanned_by(
                &expected.value,
                "`expected` must not be empty: it says what the value looks like, as in `expected = \"a comma-separated list of key=value labels\"`",
            );
        }
    }
}

/// Each `fallback` is a valid variable name, not the field's own variable, not given twice.
fn check_fallback(cx: &Ctxt, input: &Input, field: &Field) {
    if field.attrs.fallback.is_empty() {
        return;
    }
    let own = own_variable(input, field);
    let mut seen: Vec<String> = Vec::new();
    for fallback in &field.attrs.fallback {
        let name = fallback.value.value();
        if let Some(problem) = variable_name_problem(&name, "the fallback variable name") {
            cx.error_spanned_by(&fallback.value, problem);
        } else if name.ends_with("_FILE") {
            cx.error_spanned_by(
                &fallback.value,
                "a fallback ending in `_FILE` is the file form of another variable; name the variable itself, and its `_FILE` form is read automatically",
            );
        } else if name == own {
            cx.error_spanned_by(
                &fallback.value,
                format!("`{name}` is this field's own variable; a fallback names another one"),
            );
        } else if seen.contains(&name) {
            cx.error_spanned_by(
                &fallback.value,
                format!("the fallback `{name}` is given twice; keep one"),
            );
        }
        seen.push(name);
    }
}

/// The exact name of a field's own variable, prefix included.
fn own_variable(input: &Input, field: &Field) -> String {
    if field.exact() {
        field.var.clone()
    } else {
        format!("{}{}", input.prefix, field.var)
    }
}

/// A fallback that another field reads, as its own variable or as a fallback.
fn check_fallback_taken(cx: &Ctxt, input: &Input) {
    let fields: Vec<&Field> = input.fields.iter().filter(|f| !f.is_nested()).collect();
    for (i, field) in fields.iter().enumerate() {
        for fallback in &field.attrs.fallback {
            let name = fallback.value.value();
            let other = fields.iter().enumerate().find(|(j, other)| {
                *j != i
                    && (own_variable(input, other) == name
                        || (*j < i && other.attrs.fallback.iter().any(|f| f.value.value() == name)))
            });
            if let Some((_, other)) = other {
                cx.error_spanned_by(
                    &fallback.value,
                    format!(
                        "`{}` falls back to `{name}`, which `{}` also reads; a variable is read by one field",
                        field.ident, other.ident
                    ),
                );
            }
        }
    }
}

/// Two fields of one struct that read the same variable, or one that reads the `_FILE`
/// form of another's. Nested fields' variables are checked when loading.
fn check_same_variable(cx: &Ctxt, input: &Input) {
    let mut seen: HashMap<String, &Field> = HashMap::new();
    for field in input.fields.iter().filter(|f| !f.is_nested()) {
        let name = own_variable(input, field);
        if let Some(first) = seen.get(name.as_str()) {
            report_same(
                cx,
                field,
                format!(
                    "`{}` reads `{name}`, as `{}` does",
                    field.ident, first.ident
                ),
            );
        } else if let Some(base) = name.strip_suffix("_FILE") {
            if let Some(first) = seen.get(base) {
                report_same(cx, field, file_form(field, &name, first));
            }
        }
        let file = format!("{name}_FILE");
        if let Some(first) = seen.get(file.as_str()) {
            report_same(cx, first, file_form(first, &file, field));
        }
        seen.entry(name).or_insert(field);
    }
}

/// `field` reads `name`, the `NAME_FILE` form of `other`'s variable.
fn file_form(field: &Field, name: &str, other: &Field) -> String {
    format!(
        "`{}` reads `{name}`, the variable that gives `{}` from a file",
        field.ident, other.ident
    )
}

/// Underlines the field's `env` if it has one, else its name.
fn report_same(cx: &Ctxt, field: &Field, what: String) {
    let at: &dyn quote::ToTokens = match &field.attrs.env {
        Some(env) => &env.value,
        None => field.ident,
    };
    cx.error_spanned_by(
        at,
        format!("{what}; give one of them another name with `env = \"...\"`"),
    );
}
