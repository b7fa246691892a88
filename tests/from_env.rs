//! `from_env` reads the process environment (never set here: only read). Cargo sets
//! `CARGO_MANIFEST_DIR` and `CARGO_PKG_NAME` for the tests it runs, and `PATH` is set for
//! any process a shell starts.

use attached::Attached;

/// Every name under the prefix: `from_env` keeps only the variables under it.
#[derive(Attached)]
#[attached(prefix = "CARGO_")]
struct Under {
    manifest_dir: String,
    pkg_name: String,
    /// Under the prefix and unset: a default.
    #[attached(default = 7)]
    not_set_by_cargo_anywhere: u8,
}

/// A name outside the prefix, read exactly.
#[derive(Attached)]
#[attached(prefix = "CARGO_")]
struct Exact {
    manifest_dir: String,
    #[attached(env = "PATH")]
    path: String,
}

/// A name outside the prefix, read when the name under it is not set.
#[derive(Attached)]
#[attached(prefix = "CARGO_")]
struct Fallback {
    #[attached(fallback = "PATH")]
    not_set_by_cargo_anywhere: String,
}

/// A nested struct that reads a name outside the prefix, plain and optional.
#[derive(Attached)]
#[attached(prefix = "CARGO_")]
struct Outer {
    #[attached(nested)]
    pkg: Pkg,
}

#[derive(Attached)]
#[attached(prefix = "CARGO_")]
struct OuterOption {
    #[attached(nested)]
    pkg: Option<Pkg>,
}

#[derive(Attached)]
struct Pkg {
    name: String,
    #[attached(env = "PATH")]
    path: String,
}

/// A nested struct under the prefix, with nothing outside it.
#[derive(Attached)]
#[attached(prefix = "CARGO_")]
struct NestedUnder {
    #[attached(nested)]
    pkg: Name,
}

/// A nested struct under an exact prefix of its own.
#[derive(Attached)]
#[attached(prefix = "NOT_CARGO_")]
struct ExactNested {
    #[attached(nested, prefix = "CARGO_PKG_")]
    pkg: Name,
}

#[derive(Attached)]
struct Name {
    name: String,
}

/// What the derive says of each struct: `Some` when it knows, `None` when a struct with
/// nested fields leaves it to a load that reads nothing (tested in the runtime's own unit
/// tests), and the answer `from_env` acts on.
#[test]
fn the_derive_says_which_configs_read_outside_their_prefix() {
    assert_eq!(Under::__READS_OUTSIDE_PREFIX, Some(false));
    assert_eq!(Name::__READS_OUTSIDE_PREFIX, Some(false));
    assert_eq!(Exact::__READS_OUTSIDE_PREFIX, Some(true));
    assert_eq!(Fallback::__READS_OUTSIDE_PREFIX, Some(true));
    assert_eq!(Pkg::__READS_OUTSIDE_PREFIX, Some(true));
    assert_eq!(ExactNested::__READS_OUTSIDE_PREFIX, Some(true));
    assert_eq!(Outer::__READS_OUTSIDE_PREFIX, None);
    assert_eq!(OuterOption::__READS_OUTSIDE_PREFIX, None);
    assert_eq!(NestedUnder::__READS_OUTSIDE_PREFIX, None);
}

#[test]
fn from_env_reads_names_under_the_prefix_and_outside_it() {
    let path = std::env::var("PATH").expect("PATH is set");
    let under = Under::from_env().unwrap();
    assert_eq!(under.manifest_dir, env!("CARGO_MANIFEST_DIR"));
    assert_eq!(under.pkg_name, env!("CARGO_PKG_NAME"));
    assert_eq!(under.not_set_by_cargo_anywhere, 7);
    let exact = Exact::from_env().unwrap();
    assert_eq!(exact.manifest_dir, env!("CARGO_MANIFEST_DIR"));
    assert_eq!(exact.path, path);
    assert_eq!(
        Fallback::from_env().unwrap().not_set_by_cargo_anywhere,
        path
    );
    let outer = Outer::from_env().unwrap();
    assert_eq!(
        (outer.pkg.name.as_str(), outer.pkg.path.as_str()),
        (env!("CARGO_PKG_NAME"), path.as_str())
    );
    let outer = OuterOption::from_env()
        .unwrap()
        .pkg
        .expect("CARGO_PKG_NAME is set");
    assert_eq!(outer.path, path);
    assert_eq!(
        NestedUnder::from_env().unwrap().pkg.name,
        env!("CARGO_PKG_NAME")
    );
    assert_eq!(
        ExactNested::from_env().unwrap().pkg.name,
        env!("CARGO_PKG_NAME")
    );
}

/// A failed load under a prefix still finds the unknown names under it.
#[test]
fn from_env_under_a_prefix_reports_unknown_names_under_it() {
    #[derive(Attached)]
    #[attached(prefix = "CARGO_PKG_")]
    struct Misspelt {
        #[allow(dead_code)]
        nmae: String,
    }
    let report = Misspelt::from_env().expect_err("CARGO_PKG_NMAE is not set");
    let text = report.to_string();
    assert!(
        text.contains("CARGO_PKG_NMAE (field `nmae`): required but not set"),
        "{text}"
    );
    assert!(
        report
            .warnings()
            .iter()
            .any(|w| w.to_string().contains("CARGO_PKG_NAME")),
        "{text}\n{:?}",
        report.warnings()
    );
}
