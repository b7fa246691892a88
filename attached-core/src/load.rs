//! Loading: the context that the derive's generated code calls once per field, the
//! parsers it composes, and the `Loader` that runs a load and makes its summary.
//!
//! The generated `__load` of a struct is a list of calls such as
//! `cx.required(&FIELD, prefix, value::<u16>())`, one per field, followed by the struct
//! literal. Every rule — names, `NAME_FILE`, empty values, secrecy, what a problem says —
//! lives here, once, as ordinary code.

use crate::attached::Attached;
use crate::describe::{Requirement, Variable};
use crate::report::{Problem, ProblemKind, Report};
use crate::show::{MASK, is_secret_name, mask};
use crate::source::{Env, Found, NameMap, Origin, Raw, Source, io_reason};
use crate::value::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::path::PathBuf;

/// The largest file that `NAME_FILE` may name: 1 MiB. Secrets, keys and certificate
/// bundles are far smaller; a larger file is a wrong path (a log, a disk image), and
/// reading it whole at startup would be a surprise.
pub const FILE_LIMIT: u64 = 1 << 20;

/// How long a shown value may be in a problem before it is cut.
const SHOWN_LIMIT: usize = 200;

/// Whether a field is secret, from its attributes.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secrecy {
    /// No attribute: secret if its type is, or its variable's name looks like a credential.
    Auto,
    /// `#[attached(secret)]`.
    Secret,
    /// `#[attached(public)]`.
    Public,
}

/// What the generated code knows of a field.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The field's name in Rust.
    pub name: &'static str,
    /// The variable's name after the prefix (the field's name in SCREAMING_SNAKE_CASE), or
    /// the exact name given with `env`. For a `nested` field, the segment that goes
    /// before `_` in the children's prefix, or the exact prefix given with `prefix`.
    pub var: &'static str,
    /// `var` is exact: no prefix goes before it.
    pub exact: bool,
    /// The doc comment.
    pub doc: &'static str,
    /// From the attributes.
    pub secrecy: Secrecy,
}

/// Turns the text of a variable into a field's value.
#[doc(hidden)]
pub trait Parser {
    /// The value.
    type Out;
    /// Reads the text. When `secret`, the error must not repeat the text or any part of
    /// it: each parser removes what it was given from the errors of the code it calls.
    fn parse(&self, text: &str, secret: bool) -> Result<Self::Out, String>;
    /// What the text must look like.
    fn expected(&self) -> Cow<'static, str>;
    /// Whether every value is secret, whatever the variable is called.
    fn secret(&self) -> bool {
        false
    }
    /// Whether a value may carry credentials inside it (a connection string).
    fn credentials(&self) -> bool {
        false
    }
    /// The text that parses back to `value`, if the type can print it.
    fn render(&self, value: &Self::Out) -> Option<String>;
}

/// Parses with `T`'s [`Value`] implementation.
#[doc(hidden)]
pub struct ValueParser<T>(PhantomData<fn() -> T>);

/// The parser of a field of type `T`.
#[doc(hidden)]
pub fn value<T: Value>() -> ValueParser<T> {
    ValueParser(PhantomData)
}

impl<T: Value> Parser for ValueParser<T> {
    type Out = T;
    fn parse(&self, text: &str, secret: bool) -> Result<T, String> {
        T::parse(text).map_err(|e| hide(e.reason().to_owned(), text, secret))
    }
    fn expected(&self) -> Cow<'static, str> {
        Cow::Borrowed(T::EXPECTED)
    }
    fn secret(&self) -> bool {
        T::SECRET
    }
    fn credentials(&self) -> bool {
        T::HOLDS_CREDENTIALS
    }
    fn render(&self, value: &T) -> Option<String> {
        Some(value.render())
    }
}

/// Parses with a function given as `#[attached(with = path)]`.
#[doc(hidden)]
pub struct With<T, E> {
    parse: fn(&str) -> Result<T, E>,
    expected: &'static str,
}

/// The parser of a field with `with = parse`; `expected` names the function.
#[doc(hidden)]
pub fn with<T, E: fmt::Display>(
    parse: fn(&str) -> Result<T, E>,
    expected: &'static str,
) -> With<T, E> {
    With { parse, expected }
}

impl<T, E: fmt::Display> Parser for With<T, E> {
    type Out = T;
    fn parse(&self, text: &str, secret: bool) -> Result<T, String> {
        (self.parse)(text).map_err(|e| hide(e.to_string(), text, secret))
    }
    fn expected(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.expected)
    }
    fn render(&self, _: &T) -> Option<String> {
        None
    }
}

/// Reads a list: the text split at `separator`, each item read by the inner parser.
///
/// Spaces around items are ignored (unless the separator is itself a space), and empty
/// items are skipped, so `a, b,` is the list `a`, `b`.
#[doc(hidden)]
pub struct List<P> {
    inner: P,
    separator: &'static str,
}

/// The parser of a `Vec<T>` field.
#[doc(hidden)]
pub fn list<P: Parser>(inner: P, separator: &'static str) -> List<P> {
    List { inner, separator }
}

impl<P: Parser> Parser for List<P> {
    type Out = Vec<P::Out>;
    fn parse(&self, text: &str, secret: bool) -> Result<Self::Out, String> {
        text.split(self.separator)
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .enumerate()
            .map(|(i, item)| {
                self.inner
                    .parse(item, secret)
                    .map_err(|reason| format!("item {}: {reason}", i + 1))
            })
            .collect()
    }
    fn expected(&self) -> Cow<'static, str> {
        Cow::Owned(format!(
            "a list separated by {:?}, each {}",
            self.separator,
            self.inner.expected()
        ))
    }
    fn secret(&self) -> bool {
        self.inner.secret()
    }
    fn credentials(&self) -> bool {
        self.inner.credentials()
    }
    fn render(&self, value: &Self::Out) -> Option<String> {
        let items: Option<Vec<String>> = value.iter().map(|v| self.inner.render(v)).collect();
        Some(items?.join(self.separator))
    }
}

/// A parser followed by a check given as `#[attached(validate = path)]`.
#[doc(hidden)]
pub struct Validated<P: Parser, E> {
    inner: P,
    check: fn(&P::Out) -> Result<(), E>,
}

impl<P: Parser, E: fmt::Display> Validated<P, E> {
    /// `inner`, then `check` on what it read.
    pub fn new(inner: P, check: fn(&P::Out) -> Result<(), E>) -> Self {
        Validated { inner, check }
    }
}

impl<P: Parser, E: fmt::Display> Parser for Validated<P, E> {
    type Out = P::Out;
    fn parse(&self, text: &str, secret: bool) -> Result<P::Out, String> {
        let value = self.inner.parse(text, secret)?;
        (self.check)(&value).map_err(|e| hide(e.to_string(), text, secret))?;
        Ok(value)
    }
    fn expected(&self) -> Cow<'static, str> {
        self.inner.expected()
    }
    fn secret(&self) -> bool {
        self.inner.secret()
    }
    fn credentials(&self) -> bool {
        self.inner.credentials()
    }
    fn render(&self, value: &P::Out) -> Option<String> {
        self.inner.render(value)
    }
}

/// The text of a variable after `NAME`, `NAME_FILE` and the empty rule.
enum Read<'s> {
    Unset,
    /// Set to the empty string (or an empty file), which counts as not set.
    Empty(Origin),
    Text(Cow<'s, str>, Origin),
    /// A problem was recorded.
    Failed,
}

/// What a field's variable held, after parsing.
enum Outcome<'s, T> {
    /// Set; the value is `None` when it did not parse (a problem was recorded).
    Set {
        value: Option<T>,
        origin: Origin,
        text: Cow<'s, str>,
    },
    /// Not set, or empty where `origin` says.
    NotSet(Origin),
    /// A problem was recorded before parsing.
    Failed,
}

/// The state of one load: the source, the problems so far, and (for the summary and the
/// docs) every variable looked at.
#[doc(hidden)]
pub struct Context<'s> {
    source: &'s dyn Source,
    problems: Vec<Problem>,
    /// Every variable read — each field's `NAME` and `NAME_FILE` — with the path of the
    /// field that reads it: for conflicts and unknown names.
    read: NameMap<Cow<'static, str>>,
    /// Prefixes under which unknown variables are looked for: every non-empty prefix a
    /// field was read under, the top level's and the nested structs'.
    prefixes: Vec<String>,
    /// The path of nested fields being read.
    path: Vec<&'static str>,
    /// Inside a nested field marked `secret`.
    secret_depth: usize,
    /// Whether to record `variables` (for a summary or docs).
    record: bool,
    variables: Vec<Variable>,
}

impl<'s> Context<'s> {
    /// A load from `source`; `record` keeps a [`Variable`] for every variable looked at.
    pub fn new(source: &'s dyn Source, record: bool) -> Self {
        Context {
            source,
            problems: Vec::new(),
            // One entry a field: a config of 64 fields without growing it.
            read: NameMap::with_capacity_and_hasher(64, Default::default()),
            prefixes: Vec::new(),
            path: Vec::new(),
            secret_depth: 0,
            record,
            variables: Vec::new(),
        }
    }

    /// A field that must be set.
    pub fn required<P: Parser>(
        &mut self,
        field: &Field,
        prefix: &str,
        parser: P,
    ) -> Option<P::Out> {
        let (name, secret, outcome) = self.lookup(field, prefix, &parser);
        let requirement = Requirement::Required;
        match outcome {
            Outcome::Set {
                value,
                origin,
                text,
            } => {
                self.note(
                    field,
                    name,
                    secret,
                    &parser,
                    requirement,
                    origin,
                    Some(&text),
                );
                value
            }
            Outcome::NotSet(origin) => {
                self.missing(field, &name, &parser, &origin);
                self.note(field, name, secret, &parser, requirement, origin, None);
                None
            }
            Outcome::Failed => None,
        }
    }

    /// An `Option<T>` field: `None` when not set.
    pub fn optional<P: Parser>(
        &mut self,
        field: &Field,
        prefix: &str,
        parser: P,
    ) -> Option<Option<P::Out>> {
        let (name, secret, outcome) = self.lookup(field, prefix, &parser);
        let requirement = Requirement::Optional;
        match outcome {
            Outcome::Set {
                value,
                origin,
                text,
            } => {
                self.note(
                    field,
                    name,
                    secret,
                    &parser,
                    requirement,
                    origin,
                    Some(&text),
                );
                value.map(Some)
            }
            Outcome::NotSet(_) => {
                let origin = Origin::Unset;
                self.note(field, name, secret, &parser, requirement, origin, None);
                Some(None)
            }
            Outcome::Failed => None,
        }
    }

    /// A field with a `default`. The default is made when the variable is not set, and,
    /// when recording (for the summary and docs), also to show it.
    pub fn or_default<P: Parser>(
        &mut self,
        field: &Field,
        prefix: &str,
        parser: P,
        default: impl FnOnce() -> P::Out,
    ) -> Option<P::Out> {
        let (name, secret, outcome) = self.lookup(field, prefix, &parser);
        if !self.record {
            return match outcome {
                Outcome::Set { value, .. } => value,
                Outcome::NotSet(_) => Some(default()),
                Outcome::Failed => None,
            };
        }
        let fallback = default();
        let text = parser.render(&fallback);
        // Masked like a shown value: a default connection string may hold a password.
        let requirement = Requirement::Default(if secret {
            None
        } else {
            text.as_deref().map(|t| mask(t).into_owned())
        });
        match outcome {
            Outcome::Set {
                value,
                origin,
                text,
            } => {
                self.note(
                    field,
                    name,
                    secret,
                    &parser,
                    requirement,
                    origin,
                    Some(&text),
                );
                value
            }
            Outcome::NotSet(_) => {
                let origin = Origin::Default;
                self.note(
                    field,
                    name,
                    secret,
                    &parser,
                    requirement,
                    origin,
                    text.as_deref(),
                );
                Some(fallback)
            }
            Outcome::Failed => None,
        }
    }

    /// A `nested` field: the struct `T`, read under the prefix the field gives it.
    pub fn nested<T: Attached>(&mut self, field: &Field, prefix: &str) -> Option<T> {
        let child = if field.exact {
            field.var.to_owned()
        } else {
            format!("{prefix}{}_", field.var)
        };
        let secret = field.secrecy == Secrecy::Secret;
        self.path.push(field.name);
        self.secret_depth += usize::from(secret);
        let value = T::__load(self, &child);
        self.secret_depth -= usize::from(secret);
        self.path.pop();
        value
    }

    /// Ends the load: the value if no field failed, else the report. Variables under a
    /// prefix that no field reads are problems with `strict`, warnings otherwise; they are
    /// looked for when recording, when strict, and when the load failed (a misspelt name
    /// is the usual cause of a missing one).
    pub fn finish<T>(
        mut self,
        value: Option<T>,
        strict: bool,
    ) -> Result<(T, Vec<Problem>), Report> {
        let failed = value.is_none() || !self.problems.is_empty();
        let unknown = if strict || self.record || failed {
            self.unknown()
        } else {
            Vec::new()
        };
        let mut problems = std::mem::take(&mut self.problems);
        let warnings = if strict {
            problems.extend(unknown);
            Vec::new()
        } else {
            unknown
        };
        match value {
            Some(value) if problems.is_empty() => Ok((value, warnings)),
            _ => Err(Report::new(problems, warnings)),
        }
    }

    /// The variables recorded, in the order they were read.
    pub fn into_variables(self) -> Vec<Variable> {
        self.variables
    }

    /// The variable of a field read under `prefix`; notes the prefix for unknown names.
    fn name(&mut self, field: &Field, prefix: &str) -> String {
        if !prefix.is_empty() && !self.prefixes.iter().any(|p| p == prefix) {
            self.prefixes.push(prefix.to_owned());
        }
        if field.exact {
            field.var.to_owned()
        } else {
            let mut name = String::with_capacity(prefix.len() + field.var.len());
            name.push_str(prefix);
            name.push_str(field.var);
            name
        }
    }

    fn path_of(&self, field: &Field) -> String {
        let mut path = String::new();
        for part in self.path.iter().chain(std::iter::once(&field.name)) {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(part);
        }
        path
    }

    fn is_secret<P: Parser>(&self, field: &Field, name: &str, parser: &P) -> bool {
        self.secret_depth > 0
            || parser.secret()
            || match field.secrecy {
                Secrecy::Secret => true,
                Secrecy::Public => false,
                Secrecy::Auto => is_secret_name(name),
            }
    }

    fn problem(&mut self, field: &Field, name: &str, kind: ProblemKind) {
        let path = self.path_of(field);
        self.problems.push(Problem::new(name, path, kind));
    }

    /// Reads and parses a field's variable: its name, whether its value is secret, and
    /// what it held. A value read from a `NAME_FILE` file is secret unless the field is
    /// public: files are how secrets are handed to containers.
    fn lookup<P: Parser>(
        &mut self,
        field: &Field,
        prefix: &str,
        parser: &P,
    ) -> (String, bool, Outcome<'s, P::Out>) {
        let name = self.name(field, prefix);
        // Whether the value is secret matters only for what is shown: a summary, or an
        // error. It is worked out then, not for every field of every load.
        let secret_of = |cx: &Self, origin: &Origin| {
            (matches!(origin, Origin::File { .. }) && field.secrecy != Secrecy::Public)
                || cx.is_secret(field, &name, parser)
        };
        let mut secret = false;
        let outcome = match self.read(field, &name) {
            Read::Text(text, origin) => {
                // Parsed as a secret first: that costs nothing unless it fails, and then
                // the error is made again knowing whether the text may be shown.
                let value = match parser.parse(&text, true) {
                    Ok(value) => Some(value),
                    Err(_) => {
                        secret = secret_of(self, &origin);
                        self.parse(field, &name, secret, &text, parser)
                    }
                };
                if self.record {
                    secret = secret_of(self, &origin);
                }
                Outcome::Set {
                    value,
                    origin,
                    text,
                }
            }
            Read::Unset => Outcome::NotSet(Origin::Unset),
            Read::Empty(origin) => Outcome::NotSet(origin),
            Read::Failed => Outcome::Failed,
        };
        if self.record && !matches!(outcome, Outcome::Set { .. }) {
            secret = secret_of(self, &Origin::Unset);
        }
        (name, secret, outcome)
    }

    /// Looks the variable up as `NAME` and `NAME_FILE`, applying the empty rule.
    fn read(&mut self, field: &Field, name: &str) -> Read<'s> {
        let mut file_name = String::with_capacity(name.len() + 5);
        file_name.push_str(name);
        file_name.push_str("_FILE");
        if !self.claim(field, name, &file_name) {
            return Read::Failed;
        }
        let source: &'s dyn Source = self.source;
        let direct = source.get(name);
        let file = source.get(&file_name);
        let is_set =
            |found: &Option<Found<'s>>| found.as_ref().is_some_and(|f| f.raw != Raw::Text(""));
        // Both set, or one of them empty, which counts as not set.
        let (direct, file) = match (is_set(&direct), is_set(&file)) {
            (false, false) => {
                return match direct.or(file) {
                    Some(found) => Read::Empty(found.origin),
                    None => Read::Unset,
                };
            }
            (true, false) => (direct, None),
            (false, true) => (None, file),
            (true, true) => (direct, file),
        };
        match (direct, file) {
            (Some(_), Some(_)) => {
                self.problem(
                    field,
                    name,
                    ProblemKind::BothSet {
                        file_variable: file_name,
                    },
                );
                Read::Failed
            }
            (Some(found), None) => match found.raw {
                Raw::Text(text) => Read::Text(Cow::Borrowed(text), found.origin),
                Raw::NotUnicode => {
                    self.problem(field, name, ProblemKind::NotUnicode);
                    Read::Failed
                }
            },
            (None, Some(found)) => match found.raw {
                Raw::Text(path) => {
                    self.read_file(field, name, file_name, PathBuf::from(path), found.origin)
                }
                Raw::NotUnicode => {
                    self.problem(field, &file_name, ProblemKind::NotUnicode);
                    Read::Failed
                }
            },
            (None, None) => Read::Unset,
        }
    }

    /// Notes that `field` reads `name` and `file_name` (its `NAME_FILE`); `false`, with a
    /// problem recorded, when another field already reads either, as its `NAME` or its
    /// `NAME_FILE`. Only `NAME`s are kept: one entry a field.
    fn claim(&mut self, field: &Field, name: &str, file_name: &str) -> bool {
        let taken = |variable: &str| {
            self.read.get(variable).or_else(|| {
                let base = variable.strip_suffix("_FILE")?;
                self.read.get(base)
            })
        };
        let conflict = match taken(name) {
            Some(other) => Some((name, other.to_string())),
            None => self
                .read
                .get(file_name)
                .map(|other| (file_name, other.to_string())),
        };
        if let Some((variable, other_field)) = conflict {
            self.problem(field, variable, ProblemKind::Conflict { other_field });
            return false;
        }
        // A top-level field's path is its name: no string to build.
        let path = if self.path.is_empty() {
            Cow::Borrowed(field.name)
        } else {
            Cow::Owned(self.path_of(field))
        };
        self.read.insert(name.to_owned(), path);
        true
    }

    /// Whether a field reads `variable`, as its `NAME` or its `NAME_FILE`.
    fn is_read(&self, variable: &str) -> bool {
        self.read.contains_key(variable)
            || variable
                .strip_suffix("_FILE")
                .is_some_and(|base| self.read.contains_key(base))
    }

    /// The contents of the file named by `NAME_FILE`, less one trailing newline.
    fn read_file(
        &mut self,
        field: &Field,
        name: &str,
        file_variable: String,
        path: PathBuf,
        via: Origin,
    ) -> Read<'s> {
        match read_secret_file(&path) {
            Ok(text) => {
                let origin = Origin::File {
                    variable: file_variable,
                    path,
                    via: Box::new(via),
                };
                if text.is_empty() {
                    Read::Empty(origin)
                } else {
                    Read::Text(Cow::Owned(text), origin)
                }
            }
            Err(reason) => {
                self.problem(
                    field,
                    name,
                    ProblemKind::File {
                        file_variable,
                        path,
                        reason,
                    },
                );
                Read::Failed
            }
        }
    }

    fn parse<P: Parser>(
        &mut self,
        field: &Field,
        name: &str,
        secret: bool,
        text: &str,
        parser: &P,
    ) -> Option<P::Out> {
        match parser.parse(text, secret) {
            Ok(value) => Some(value),
            Err(reason) => {
                let (reason, shown) = if secret {
                    (scrub(reason, text), None)
                } else {
                    (reason, Some(shorten(&mask(text))))
                };
                let expected = parser.expected().into_owned();
                self.problem(
                    field,
                    name,
                    ProblemKind::Invalid {
                        expected,
                        reason,
                        shown,
                    },
                );
                None
            }
        }
    }

    /// Records that a required variable is not set, or empty where `origin` says.
    fn missing<P: Parser>(&mut self, field: &Field, name: &str, parser: &P, origin: &Origin) {
        let expected = parser.expected().into_owned();
        let kind = match origin {
            Origin::Unset => {
                let description = field
                    .doc
                    .lines()
                    .next()
                    .map(str::trim)
                    .filter(|d| !d.is_empty());
                ProblemKind::Missing {
                    expected,
                    description: description.map(str::to_owned),
                }
            }
            Origin::File { variable, path, .. } => ProblemKind::File {
                file_variable: variable.clone(),
                path: path.clone(),
                reason: format!("the file is empty, which counts as not set; expected {expected}"),
            },
            _ => ProblemKind::Empty { expected },
        };
        self.problem(field, name, kind);
    }

    /// Records a variable for the summary and docs.
    #[allow(clippy::too_many_arguments)]
    fn note<P: Parser>(
        &mut self,
        field: &Field,
        name: String,
        secret: bool,
        parser: &P,
        requirement: Requirement,
        origin: Origin,
        text: Option<&str>,
    ) {
        if !self.record {
            return;
        }
        // `public` is the program's word that the value may be handed out as it is.
        let shown = text.map(|t| {
            if secret {
                MASK.to_owned()
            } else if field.secrecy == Secrecy::Public {
                t.to_owned()
            } else {
                mask(t).into_owned()
            }
        });
        let field_path = self.path_of(field);
        let credentials = secret
            || (field.secrecy != Secrecy::Public
                && (parser.credentials() || names_a_connection(&name)));
        self.variables.push(Variable {
            name,
            field: field_path,
            expected: parser.expected(),
            requirement,
            secret,
            credentials,
            public: field.secrecy == Secrecy::Public && !secret,
            doc: field.doc,
            origin,
            shown,
        });
    }

    /// Variables under a prefix that no field reads, each with the closest name a field
    /// does read when one is close. Only names: the values are never looked at.
    fn unknown(&self) -> Vec<Problem> {
        if self.prefixes.is_empty() {
            return Vec::new();
        }
        // A name may be in several layers of a source: each is reported once.
        let mut found: BTreeMap<String, Option<String>> = BTreeMap::new();
        self.source.names(&mut |name| {
            if self.prefixes.iter().any(|p| name.starts_with(p.as_str()))
                && !self.is_read(name)
                && !found.contains_key(name)
            {
                found.insert(name.to_owned(), self.closest(name));
            }
        });
        found
            .into_iter()
            .map(|(name, suggestion)| Problem::new(name, "", ProblemKind::Unknown { suggestion }))
            .collect()
    }

    /// The variable read by a field whose name is closest to `unknown`, if it is close: a
    /// few letters off, in proportion to its length. Between two as close, a field's
    /// `NAME` goes before a `NAME_FILE`.
    fn closest(&self, unknown: &str) -> Option<String> {
        let known: Vec<String> = self
            .read
            .keys()
            .flat_map(|name| [name.clone(), format!("{name}_FILE")])
            .collect();
        crate::suggest::closest(unknown, known.iter().map(String::as_str)).map(str::to_owned)
    }
}

/// Whether a variable's name says it holds a connection string, which may carry a
/// password even when read as a plain `String`: `..._URL`, `..._URI`, `..._DSN`.
fn names_a_connection(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["URL", "URI", "DSN", "CONNECTION_STRING"]
        .iter()
        .any(|end| upper.ends_with(end))
}

/// Reads a `NAME_FILE` file: a regular file of at most [`FILE_LIMIT`] bytes of UTF-8.
fn read_secret_file(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("it is a directory".to_owned());
    }
    let mut bytes = Vec::new();
    file.take(FILE_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > FILE_LIMIT {
        return Err(format!(
            "larger than the limit of {} MiB ({FILE_LIMIT} bytes)",
            FILE_LIMIT >> 20
        ));
    }
    let mut text = String::from_utf8(bytes).map_err(|_| "not valid UTF-8 text".to_owned())?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}

/// `reason`, without `text` when it is a secret.
fn hide(reason: String, text: &str, secret: bool) -> String {
    if secret { scrub(reason, text) } else { reason }
}

/// Removes the text of a secret from an error message written by user code.
fn scrub(reason: String, secret: &str) -> String {
    let mut reason = reason;
    for part in [secret, secret.trim()] {
        if !part.is_empty() && reason.contains(part) {
            reason = reason.replace(part, MASK);
        }
    }
    reason
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN_LIMIT {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(SHOWN_LIMIT).collect();
    cut.push('…');
    cut
}

/// A field's value in the generated `Debug`: `***` when secret, otherwise its own `Debug`
/// with credentials inside URLs and `key=value` settings masked (unless `public`).
#[doc(hidden)]
pub struct Shown<'a, T: ?Sized> {
    value: &'a T,
    secret: bool,
    public: bool,
}

impl<'a, T: ?Sized> Shown<'a, T> {
    /// `var` is the field's variable name after the prefix (or its exact name).
    pub fn new(value: &'a T, secrecy: Secrecy, var: &str) -> Self {
        Shown {
            value,
            secret: match secrecy {
                Secrecy::Secret => true,
                Secrecy::Public => false,
                Secrecy::Auto => is_secret_name(var),
            },
            public: secrecy == Secrecy::Public,
        }
    }
}

impl<T: fmt::Debug + ?Sized> fmt::Debug for Shown<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secret {
            return f.write_str(MASK);
        }
        if self.public {
            return self.value.fmt(f);
        }
        let text = if f.alternate() {
            format!("{:#?}", self.value)
        } else {
            format!("{:?}", self.value)
        };
        f.write_str(&mask(&text))
    }
}

/// Runs loads with options: a source, strict checking of unknown variables, and a record
/// of where every value came from, for the startup summary.
///
/// ```
/// use attached::{Attached, Loader};
///
/// #[derive(Attached)]
/// #[attached(prefix = "APP_")]
/// struct Config {
///     #[attached(default = 8080)]
///     port: u16,
/// }
///
/// let source = [("APP_PROT", "9090")];
/// let loaded = Loader::new(&source).load::<Config>()?;
/// assert_eq!(loaded.config.port, 8080);
/// assert_eq!(loaded.warnings[0].variable(), "APP_PROT");
/// println!("{}", loaded.summary());
///
/// let strict = Loader::new(&source).strict(true).load::<Config>();
/// assert!(strict.is_err());
/// # Ok::<(), attached::Report>(())
/// ```
///
/// # `NAME_FILE`
///
/// Every variable may instead be given as `NAME_FILE`: the path of a file whose contents,
/// less one trailing newline (`\n` or `\r\n`), are the value. This is how Docker and
/// Kubernetes hand secrets to a container, as files under `/run/secrets/`. It holds for
/// every load, `from_env` and `from_source` included.
///
/// - `NAME` and `NAME_FILE` both set is a problem. An empty one counts as not set, so
///   `NAME=` beside `NAME_FILE=/run/secrets/name` reads the file.
/// - The file must be a regular file of UTF-8 text of at most [`FILE_LIMIT`] bytes
///   (1 MiB). A missing, unreadable or oversized file, a directory, or bytes that are not
///   UTF-8 are a problem that names the variable, `NAME_FILE` and the path, and never
///   anything the file holds.
/// - An empty file counts as not set, like an empty variable.
/// - A value read from a file is treated as a secret (`***` in the summary, never
///   repeated by a problem) unless its field is `#[attached(public)]`.
///
/// ```
/// use attached::{Attached, Loader, Secret};
///
/// #[derive(Attached)]
/// #[attached(prefix = "APP_")]
/// struct Config {
///     api_token: Secret<String>,
/// }
///
/// let path = std::env::temp_dir().join(format!("attached-doc-token-{}", std::process::id()));
/// std::fs::write(&path, "t0ps3cret\n")?;
/// let source = [("APP_API_TOKEN_FILE", path.to_str().unwrap())];
/// let loaded = Loader::new(&source).load::<Config>();
/// std::fs::remove_file(&path)?;
///
/// let loaded = loaded?;
/// assert_eq!(loaded.config.api_token.expose(), "t0ps3cret");
/// let summary = loaded.summary().to_string();
/// assert!(summary.contains("(from APP_API_TOKEN_FILE)"));
/// assert!(!summary.contains("t0ps3cret"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Unknown variables
///
/// A variable that starts with the config's prefix, or with a nested struct's, but that
/// no field reads is most often a misspelt name. It is reported with the closest name a
/// field does read ("did you mean `APP_PORT`?"): by default as a warning, in
/// [`Loaded::warnings`], at the end of the [summary](Loaded::summary), and in
/// [`Report::warnings`] when the load fails for another reason; with
/// [`strict(true)`](Loader::strict), as a problem that stops the load. A field's
/// `NAME_FILE` form is not unknown. Only names are looked at, never values. A config
/// without a prefix has no such check at its top level.
///
/// Its `Debug` shows the options, not the source: a map's `Debug` would show its values.
#[derive(Clone)]
pub struct Loader<S> {
    source: S,
    strict: bool,
}

impl<S> fmt::Debug for Loader<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Loader")
            .field("strict", &self.strict)
            .finish_non_exhaustive()
    }
}

impl Loader<Env> {
    /// A loader of the process environment.
    pub fn from_env() -> Self {
        Loader::new(Env::new())
    }
}

impl<S: Source> Loader<S> {
    /// A loader of `source`.
    pub fn new(source: S) -> Self {
        Loader {
            source,
            strict: false,
        }
    }

    /// With `true`, a variable under the config's prefix that no field reads is a problem
    /// that stops the load; by default it is a warning.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Reads `T`, with a record of every variable and the warnings.
    pub fn load<T: Attached>(&self) -> Result<Loaded<T>, Report> {
        let mut cx = Context::new(&self.source, true);
        let config = T::__load(&mut cx, T::PREFIX);
        let variables = std::mem::take(&mut cx.variables);
        let (config, warnings) = cx.finish(config, self.strict)?;
        Ok(Loaded {
            config,
            variables,
            warnings,
        })
    }
}

/// A loaded configuration with what was learned while loading it.
///
/// The startup summary is there as text, [`summary`](Loaded::summary), and as data,
/// [`variables`](Loaded::variables), for a program that logs it as structured fields:
///
/// ```
/// use attached::{Attached, Loader, Origin};
///
/// #[derive(Attached)]
/// #[attached(prefix = "APP_")]
/// struct Config {
///     database_url: String,
///     #[attached(default = 8080)]
///     port: u16,
///     workers: Option<u32>,
/// }
///
/// let source = [("APP_DATABASE_URL", "postgres://app:hunter2@db/app")];
/// let loaded = Loader::new(&source).load::<Config>()?;
/// for v in &loaded.variables {
///     // With `tracing`: tracing::info!(variable = %v.name, value = v.shown.as_deref(),
///     //                                origin = %v.origin, secret = v.secret, "config");
///     println!("{} = {:?} from {}", v.name, v.shown, v.origin);
/// }
/// let url = &loaded.variables[0];
/// assert_eq!(url.shown.as_deref(), Some("postgres://app:***@db/app"));
/// assert_eq!(url.origin, Origin::Map);
/// assert_eq!(loaded.variables[1].origin, Origin::Default);
/// assert_eq!(loaded.variables[2].origin, Origin::Unset);
/// # Ok::<(), attached::Report>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Loaded<T> {
    /// The configuration.
    pub config: T,
    /// Every variable, in field order: its value shown redacted, and where it came from.
    pub variables: Vec<Variable>,
    /// Variables under the prefix that no field reads.
    pub warnings: Vec<Problem>,
}

impl<T> Loaded<T> {
    /// The startup summary: a table of every variable with its redacted value and origin,
    /// then the warnings. Print it with `{}`:
    ///
    /// ```text
    /// VARIABLE             VALUE                       ORIGIN
    /// APP_DATABASE_URL     postgres://app:***@db/app   environment
    /// APP_API_TOKEN        ***                         file /run/secrets/token (from APP_API_TOKEN_FILE)
    /// APP_LOG_FORMAT       json                        .env:3
    /// APP_PORT             8080                        default
    /// APP_WORKERS          (not set)
    /// warning: APP_PROT: set, but no field reads it; did you mean `APP_PORT`?
    /// ```
    pub fn summary(&self) -> Summary<'_> {
        Summary {
            variables: &self.variables,
            warnings: &self.warnings,
        }
    }
}

/// The startup summary, printed as an aligned table; see [`Loaded::summary`].
///
/// Values are shown as [`Variable::shown`] holds them (secrets as `***`, credentials in
/// URLs masked), with control characters escaped so that each variable keeps to one line,
/// and cut after 80 characters.
#[derive(Clone, Copy, Debug)]
pub struct Summary<'a> {
    /// The variables, as data.
    pub variables: &'a [Variable],
    /// The warnings.
    pub warnings: &'a [Problem],
}

/// How many characters of a value the summary shows.
const SUMMARY_VALUE_LIMIT: usize = 80;

/// A value as the summary's table shows it.
fn summary_cell(variable: &Variable) -> String {
    let Some(shown) = &variable.shown else {
        return match variable.origin {
            // A default whose type cannot print it.
            Origin::Default => "(default)".to_owned(),
            _ => "(not set)".to_owned(),
        };
    };
    if shown.is_empty() {
        return "\"\"".to_owned();
    }
    let mut cell = String::with_capacity(shown.len());
    for (i, c) in shown.chars().enumerate() {
        if i == SUMMARY_VALUE_LIMIT {
            cell.push('…');
            break;
        }
        if c.is_control() {
            cell.extend(c.escape_debug());
        } else {
            cell.push(c);
        }
    }
    cell
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: Vec<[String; 3]> = self
            .variables
            .iter()
            .map(|v| {
                let origin = match v.origin {
                    Origin::Unset => String::new(),
                    _ => v.origin.to_string(),
                };
                [v.name.clone(), summary_cell(v), origin]
            })
            .collect();
        let header = ["VARIABLE", "VALUE", "ORIGIN"].map(str::to_owned);
        let mut widths = [0; 3];
        for row in std::iter::once(&header).chain(&rows) {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for row in std::iter::once(&header).chain(&rows) {
            let line = format!(
                "{:w0$}  {:w1$}  {}",
                row[0],
                row[1],
                row[2],
                w0 = widths[0],
                w1 = widths[1]
            );
            writeln!(f, "{}", line.trim_end())?;
        }
        for w in self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        Ok(())
    }
}
