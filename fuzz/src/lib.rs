//! What the fuzz targets share with the property tests: the configuration under test, the
//! files that `NAME_FILE` variables may name, and the no-leak check. One copy of each, in
//! `tests/support/mod.rs`.

#[path = "../../tests/support/mod.rs"]
mod support;

pub use support::*;
