//! Runtime of [`attached`](https://docs.rs/attached): the traits that `#[derive(Attached)]`
//! implements and calls, the value parsers, [`Secret`], the service URL types, the sources
//! of text values, and the [`Report`] of everything that went wrong in one load.
//!
//! Use it through the `attached` crate, which re-exports all of this together with the
//! derive macros.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod attach;
mod attached;
mod bounded;
mod describe;
mod docs;
mod dotenv;
mod duration;
mod interop;
mod load;
mod loader;
mod report;
mod secret;
mod service;
mod show;
mod source;
mod suggest;
mod summary;
mod text;
mod value;

pub use crate::attach::*;
pub use crate::attached::Attached;
pub use crate::describe::{Requirement, Variable};
pub use crate::docs::Docs;
pub use crate::dotenv::{DotEnv, DotEnvError};
pub use crate::load::FILE_LIMIT;
pub use crate::loader::{Loaded, Loader};
pub use crate::report::{Problem, ProblemKind, Report};
pub use crate::secret::Secret;
pub use crate::service::*;
pub use crate::show::{free_text, is_secret_name, is_sensitive_param, mask};
pub use crate::source::{Env, Found, Layered, Origin, Raw, Source};
pub use crate::summary::Summary;
pub use crate::value::{Value, ValueError};
/// The `url` crate, with the cargo feature `url`: `url::Url` is a field type then, and an
/// [`HttpUrl`] converts to it with `url::Url::try_from(&http_url)` (no other service URL
/// type does).
#[cfg(feature = "url")]
pub use url;
pub use zeroize::Zeroize;

/// Not public API: the items the derive's generated code calls. They may change in any
/// release; the derive and this crate are always released with the same version.
#[doc(hidden)]
pub mod __private {
    pub use crate::load::{Context, Field, Readable, Validated, list, value, with};
    // `Shown`, `ShownText` and `ShownNested` are not all named by generated code, but a
    // missing `Debug` of a field's type is reported through them: here, rustc names them
    // by this path.
    pub use crate::show::{
        DebugView, Dispatch, NoView, PlainType, Secrecy, SecretType, Shown, ShownNested, ShownText,
        TypeTag, ValueView, ViaDebug, ViaValue, WithView, debug_struct,
    };
    pub use crate::value::normalize_choice;

    /// A field's entry in the derive's table: its name and variable, which is also its
    /// whole name (as under an empty prefix), and [`FIELD`] for the rest. A field whose attributes change more is written
    /// `Field { doc: "...", ..field(name, var) }`.
    pub const fn field(name: &'static str, var: &'static str) -> Field {
        Field {
            name,
            var,
            full: var,
            ..FIELD
        }
    }

    /// [`field`], with the variable's whole name under the struct's own prefix.
    pub const fn field_in(name: &'static str, var: &'static str, full: &'static str) -> Field {
        Field {
            name,
            var,
            full,
            ..FIELD
        }
    }

    /// What [`field`] leaves as it is: no attribute given.
    pub const FIELD: Field = Field {
        name: "",
        var: "",
        exact: false,
        full: "",
        fallbacks: &[],
        doc: "",
        secrecy: Secrecy::Auto,
        attach: true,
        expected: None,
        separator: "",
    };
}
