//! `Variable`: what the configuration knows of one variable — for docs, before loading —
//! and where its value came from, after loading.

use crate::source::Origin;
use std::borrow::Cow;

/// Whether a variable must be set.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Requirement {
    /// It must be set.
    Required,
    /// It may be left unset; the field is then `None`.
    Optional,
    /// It may be left unset; the field then takes its default. The default's text is
    /// here when the type can print it and the variable is not secret.
    Default(Option<String>),
}

/// One variable of a configuration.
///
/// From [`Attached::variables`](crate::Attached::variables), it describes the variable;
/// from a [`Loaded`](crate::Loaded) summary it also says where the value came from and
/// shows it, redacted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Variable {
    /// The exact name, prefix included.
    pub name: String,
    /// The path of the field that reads it, such as `smtp.port`.
    pub field: String,
    /// What the value must look like, such as `an integer from 0 to 65535`.
    pub expected: Cow<'static, str>,
    /// Whether it must be set.
    pub requirement: Requirement,
    /// Whether the value is hidden in every output.
    pub secret: bool,
    /// Whether the value is secret or may carry credentials inside it: a connection
    /// string (a service URL type, or a variable named `..._URL`, `..._URI`, `..._DSN`,
    /// `..._CONN`, `..._DATABASE`, ...), or a value of a type only a `with` function
    /// reads, which the library cannot see into,
    /// unless the field is marked `public`. Shown with its credentials masked; the
    /// Kubernetes `env:` block takes it from the Secret.
    pub credentials: bool,
    /// Whether the field is marked `#[attached(public)]` (and is not secret): its value
    /// may be handed to a browser, as [`Loaded::public_json`](crate::Loaded::public_json)
    /// does. Never true together with `secret`.
    pub public: bool,
    /// The field's doc comment, lines joined by newlines; empty without one.
    pub doc: &'static str,
    /// Where the value came from: [`Origin::Unset`] when nothing set it (an `Option`
    /// field is then `None`), when only describing, and for every variable of an optional
    /// nested struct that is `None` (its defaults are not used); [`Origin::Default`] when
    /// the default was used; [`Origin::File`] when it was read from the file named by
    /// `NAME_FILE`.
    pub origin: Origin,
    /// The value as it may be shown: `***` for a secret, credentials inside URLs and
    /// `key=value` settings masked (see [`mask`](crate::mask)); the text of the default
    /// when the default was used. `None` when not set. A value read from a `NAME_FILE`
    /// file is shown by its field's rules, as in the config's `Debug`, which cannot know
    /// where a value came from: a field that holds a secret is secret by its type, its
    /// attribute or its name, wherever it is read from.
    pub shown: Option<String>,
}

impl Variable {
    /// The first line of the doc comment: a one-line description.
    pub fn summary(&self) -> &'static str {
        self.doc.lines().next().unwrap_or("").trim()
    }
}
