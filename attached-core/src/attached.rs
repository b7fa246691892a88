//! The `Attached` trait: a configuration struct that can be read from a source.

use crate::describe::Variable;
use crate::load::Context;
use crate::report::Report;
use crate::source::{Env, Source};

/// A configuration read from environment variables. Derive it:
///
/// ```
/// use attached::{Attached, Secret};
/// use std::time::Duration;
///
/// #[derive(Attached)]
/// #[attached(prefix = "APP_")]
/// struct Config {
///     /// Port to listen on.
///     #[attached(default = 8080)]
///     port: u16,
///     #[attached(default = Duration::from_secs(30))]
///     timeout: Duration,
///     api_token: Secret<String>,
/// }
///
/// let config = Config::from_source(&[("APP_API_TOKEN", "t0ps3cret"), ("APP_TIMEOUT", "1m")])?;
/// assert_eq!(config.port, 8080);
/// assert_eq!(config.timeout, Duration::from_secs(60));
/// assert!(!format!("{config:?}").contains("t0ps3cret"));
/// # Ok::<(), attached::Report>(())
/// ```
///
/// The derive's attributes and the rules for variable names are described on the
/// [`attached`](https://docs.rs/attached) crate page.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read as a nested configuration",
    label = "`{Self}` does not implement `attached::Attached`",
    note = "a `nested` field's type is a struct with `#[derive(attached::Attached)]`"
)]
pub trait Attached: Sized {
    /// The prefix of every variable, from `#[attached(prefix = "...")]`; empty without
    /// one. A struct read as a `nested` field uses the prefix its parent gives it instead.
    const PREFIX: &'static str;

    /// Reads the configuration from the process environment.
    ///
    /// The environment is read once, as a snapshot; see [`Env`]. When the struct has a
    /// prefix and no field reads a name outside it (no `env`, no `fallback`, no nested
    /// field with an exact `prefix`, here or in a nested struct), the snapshot keeps only
    /// the variables under the prefix: the others are let go as they are read, which
    /// matters in a large environment (a Kubernetes pod has several variables for every
    /// service of its namespace).
    ///
    /// Warnings are not kept: a load that succeeds returns the configuration alone, so a
    /// misspelt variable under the prefix, an unknown connection parameter (`sslmdoe`) or
    /// an SMTP password sent in clear goes unseen. To see them, load with
    /// [`Loader::from_env`](crate::Loader::from_env) instead, as shown in
    /// [`from_source`](Attached::from_source).
    fn from_env() -> Result<Self, Report> {
        // std's copy of the environment, declared first so that it is dropped last, after
        // the snapshot and everything the load made. Its list is the largest block of a
        // load; freed last, next to the top of the heap, it has glibc's allocator merge
        // every block the load freed while the whole load's memory is free, and the next
        // load takes its blocks from one free stretch. Freed right after the snapshot was
        // taken, while the kept variables still lived, it left the free memory in pieces:
        // measured with `benches/side-by-side.sh`'s program (`time env`, 30 fields), 8.2
        // µs against 6.7 with 88 variables in the environment, 23.3 against 16.5 with 328,
        // and 5.5 either way with 58 (envy: 9.0, 27.5 and 5.2).
        let mut all = std::env::vars_os();
        let env = if Self::PREFIX.is_empty() || crate::load::reads_outside_prefix::<Self>() {
            Env::whole(&mut all)
        } else {
            Env::under(Self::PREFIX, &mut all)
        };
        Self::from_source(&env)
    }

    /// Reads the configuration from `source`: a map, a list of pairs, a `.env` file, the
    /// environment, or layers of these. Every problem is collected into the `Report`.
    ///
    /// Warnings are not kept: a load that succeeds returns the configuration alone, so a
    /// misspelt variable under the prefix, an unknown connection parameter (`sslmdoe`) or
    /// an SMTP password sent in clear goes unseen. A load that fails keeps the unknown
    /// variables and a `.env` file's warnings in [`Report::warnings`], but not what the
    /// values had to say. A [`Loader`](crate::Loader)
    /// keeps them all, in [`Loaded::warnings`](crate::Loaded::warnings), and prints them
    /// at the end of [`Loaded::summary`](crate::Loaded::summary):
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
    /// let config = Config::from_source(&source)?; // the typo goes unseen
    /// assert_eq!(config.port, 8080);
    ///
    /// // `Loader::from_env()` for the process environment.
    /// let loaded = Loader::new(&source).load::<Config>()?;
    /// assert_eq!(
    ///     loaded.warnings[0].to_string(),
    ///     "APP_PROT: set, but no field reads it; did you mean `APP_PORT`?"
    /// );
    /// let config = loaded.config;
    /// # assert_eq!(config.port, 8080);
    /// # Ok::<(), attached::Report>(())
    /// ```
    fn from_source<S: Source + ?Sized>(source: &S) -> Result<Self, Report> {
        let mut cx = Context::new(&source);
        let config = Self::__load(&mut cx, Self::PREFIX);
        cx.finish(config).map(|finished| finished.value)
    }

    /// Every variable this configuration reads, in field order, nested ones included:
    /// name, expected form, required or default, secret or not, and doc comment. The
    /// generated docs and the startup summary are made from this.
    fn variables() -> Vec<Variable> {
        let none: [(&str, &str); 0] = [];
        let mut cx = Context::recording(&none, false);
        let _ = Self::__load(&mut cx, Self::PREFIX);
        cx.into_variables()
    }

    /// Not public API: whether some field reads a name that does not start with
    /// [`PREFIX`](Attached::PREFIX) (an exact `env` name, a `fallback`, a nested field's
    /// exact `prefix`, in this struct or a nested one), when the derive knows; `None` when
    /// only a load can tell (a struct with nested fields).
    #[doc(hidden)]
    const __READS_OUTSIDE_PREFIX: Option<bool> = None;

    /// Not public API: reads every field under `prefix`, recording problems in `cx`.
    /// `None` when any field failed.
    #[doc(hidden)]
    fn __load(cx: &mut Context<'_>, prefix: &str) -> Option<Self>;
}
