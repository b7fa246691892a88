//! The `Loader`, which runs a load with options, and what it gives back: the
//! configuration with a record of every variable and the warnings.

use crate::attach::{Attach, AttachReport, Service};
use crate::attached::Attached;
use crate::describe::Variable;
use crate::load::Context;
use crate::report::{Problem, Report};
use crate::source::{Env, Source};
use crate::summary::Summary;
use std::fmt;

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
/// - The file must be a regular file of UTF-8 text of at most [`FILE_LIMIT`](crate::FILE_LIMIT) bytes
///   (1 MiB). A missing, unreadable or oversized file, a directory, or bytes that are not
///   UTF-8 are a problem that names the variable, `NAME_FILE` and the path, and never
///   anything the file holds.
/// - An empty file counts as not set, like an empty variable.
/// - A value read from a file is shown by the same rules as any other (see "What is
///   hidden, where" on the `attached` crate's page): the file is a way to hand a value
///   over, not a kind of value. A secret is secret by its type, attribute or name,
///   and credentials inside a value (a URL's password, a private key) are hidden by
///   their shape, so `Debug`, which cannot know where a value came from, and the summary
///   agree.
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
/// field does read ("did you mean `APP_PORT`?"), or, once the prefix is removed, the
/// closest name a field reads exactly with `env` or `fallback` (`APP_DATABSE_URL`: "did
/// you mean `DATABASE_URL`?"): by default as a warning, in
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
    #[must_use]
    pub fn from_env() -> Self {
        Loader::new(Env::new())
    }
}

impl<S: Source> Loader<S> {
    /// A loader of `source`.
    #[must_use]
    pub fn new(source: S) -> Self {
        Loader {
            source,
            strict: false,
        }
    }

    /// With `true`, a variable under the config's prefix that no field reads is a problem
    /// that stops the load; by default it is a warning.
    #[must_use = "`strict` returns the loader with the option set"]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Reads `T`, with a record of every variable and the warnings.
    pub fn load<T: Attached>(&self) -> Result<Loaded<T>, Report> {
        let mut cx = Context::recording(&self.source, self.strict);
        let config = T::__load(&mut cx, T::PREFIX);
        let finished = cx.finish(config)?;
        Ok(Loaded {
            config: finished.value,
            variables: finished.variables,
            warnings: finished.warnings,
            services: finished.services,
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
    /// Variables under the prefix that no field reads, and what the source and the
    /// values had to say.
    pub warnings: Vec<Problem>,
    /// The backing services the values name.
    services: Vec<Service>,
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
    #[must_use]
    pub fn summary(&self) -> Summary<'_> {
        Summary {
            variables: &self.variables,
            warnings: &self.warnings,
            services: None,
        }
    }

    /// Every backing service the configuration names, in field order: each value of a
    /// service URL type (alone, in an `Option`, each item of a `Vec`, in nested structs,
    /// and a default when it was used), with its variable and field. A field marked
    /// `#[attached(no_attach)]` is left out: a list of browser origins, say, which names
    /// hosts the program never connects to.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// Checks that every backing service is reachable, as [`Attach::check`] does with
    /// [`services`](Loaded::services): resolve, connect, close; no byte sent, no
    /// credential used; all in parallel under the deadline of `attach`. With
    /// [`wait(true)`](Attach::wait), waits for services that are not up yet.
    ///
    /// ```no_run
    /// use attached::{Attach, Attached, DatabaseUrl, Loader, RedisUrl};
    /// use std::time::Duration;
    ///
    /// #[derive(Attached)]
    /// #[attached(prefix = "APP_")]
    /// struct Config {
    ///     database: DatabaseUrl,
    ///     cache: Option<RedisUrl>,
    /// }
    ///
    /// let loaded = Loader::from_env().load::<Config>()?;
    /// let report = loaded.attach(&Attach::new().deadline(Duration::from_secs(30)).wait(true));
    /// print!("{}", loaded.summary().with_services(&report));
    /// if !report.is_ok() {
    ///     std::process::exit(1);
    /// }
    /// # Ok::<(), attached::Report>(())
    /// ```
    pub fn attach(&self, attach: &Attach<'_>) -> AttachReport {
        attach.check(&self.services)
    }
}
