//! `#[attached(fallback = "NAME")]`: names read in order when the field's own variable is
//! not set. The first one set wins; the summary names the variable that was used; no
//! fallback is an unknown variable.

#[path = "support/temp.rs"]
mod temp;

use attached::{Attached, Loader, Origin, ProblemKind, Requirement};
use std::path::Path;
use temp::TempDir;

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    /// Primary database.
    #[attached(env = "APP_DATABASE_URL", fallback = "DATABASE_URL")]
    database: String,
    /// Port to listen on.
    #[attached(fallback = "PORT", fallback = "HTTP_PORT")]
    port: u16,
    #[attached(default = 4, fallback = "WORKERS")]
    workers: u32,
}

#[test]
fn the_first_name_set_is_used() {
    let source = [
        ("DATABASE_URL", "postgres://db/fallback"),
        ("HTTP_PORT", "81"),
        ("WORKERS", "8"),
    ];
    let loaded = Loader::new(&source).load::<Config>().unwrap();
    assert_eq!(loaded.config.database, "postgres://db/fallback");
    assert_eq!(loaded.config.port, 81);
    assert_eq!(loaded.config.workers, 8);
    let names: Vec<&str> = loaded.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["DATABASE_URL", "HTTP_PORT", "WORKERS"]);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn the_field_s_own_variable_wins_over_its_fallbacks() {
    let source = [
        ("APP_DATABASE_URL", "postgres://db/own"),
        ("DATABASE_URL", "postgres://db/fallback"),
        ("APP_PORT", "80"),
        ("PORT", "81"),
        ("HTTP_PORT", "82"),
    ];
    let loaded = Loader::new(&source).strict(true).load::<Config>().unwrap();
    assert_eq!(loaded.config.database, "postgres://db/own");
    assert_eq!(loaded.config.port, 80);
    assert_eq!(loaded.config.workers, 4);
    let names: Vec<&str> = loaded.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["APP_DATABASE_URL", "APP_PORT", "APP_WORKERS"]);
}

#[test]
fn empty_counts_as_not_set_and_the_next_name_is_read() {
    let source = [("APP_PORT", ""), ("PORT", "81"), ("APP_DATABASE_URL", "x")];
    let config = Config::from_source(&source).unwrap();
    assert_eq!(config.port, 81);
}

#[test]
fn problems_name_the_variable_that_was_read() {
    let report = Config::from_source(&[("PORT", "eighty"), ("DATABASE_URL_FILE", "")]).unwrap_err();
    assert!(matches!(
        report.problem("PORT").unwrap().kind(),
        ProblemKind::Invalid { .. }
    ));
    // Empty counts as not set: the empty one is named when nothing else is set.
    assert!(matches!(
        report.problem("DATABASE_URL").unwrap().kind(),
        ProblemKind::Empty { .. }
    ));
    // Not set anywhere: the problem names the field's own variable, and its fallbacks.
    let report = Config::from_source(&[("APP_PORT", "1")]).unwrap_err();
    assert_eq!(
        report.problem("APP_DATABASE_URL").unwrap().to_string(),
        "APP_DATABASE_URL (field `database`): required but not set; expected text — Primary database; its fallback DATABASE_URL is not set either"
    );
    let report = Config::from_source(&[("APP_DATABASE_URL", "x")]).unwrap_err();
    assert_eq!(
        report.problem("APP_PORT").unwrap().to_string(),
        "APP_PORT (field `port`): required but not set; expected an integer from 0 to 65535 — Port to listen on; its fallbacks PORT, HTTP_PORT are not set either"
    );
}

#[test]
fn fallbacks_are_described_as_the_field_s_variable() {
    let variables = Config::variables();
    assert_eq!(variables[0].name, "APP_DATABASE_URL");
    assert_eq!(variables[0].requirement, Requirement::Required);
}

/// When every name is empty, the first empty one is the problem, with where it was set
/// empty: an empty file is a problem of the file, even when a later fallback is empty too.
#[test]
fn the_first_empty_name_is_the_problem_with_its_origin() {
    let dir = TempDir::new();
    let empty = dir.file_text("empty", "");
    let source = [
        ("APP_DATABASE_URL", "x"),
        ("PORT_FILE", empty.as_str()),
        ("HTTP_PORT", ""),
    ];
    let report = Config::from_source(&source).unwrap_err();
    assert_eq!(report.problems().len(), 1, "{report}");
    match report.problem("PORT").unwrap().kind() {
        ProblemKind::File {
            file_variable,
            path,
            reason,
        } => {
            assert_eq!(file_variable, "PORT_FILE");
            assert_eq!(path.as_deref(), Some(Path::new(&empty)));
            assert!(reason.contains("empty"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // The field's own name empty first: it is named, and the later file is not read into
    // the problem.
    let source = [
        ("APP_DATABASE_URL", "x"),
        ("APP_PORT", ""),
        ("PORT_FILE", empty.as_str()),
    ];
    let report = Config::from_source(&source).unwrap_err();
    assert!(matches!(
        report.problem("APP_PORT").unwrap().kind(),
        ProblemKind::Empty { .. }
    ));
}

/// A value read through a fallback's `NAME_FILE` is recorded with the file as its origin.
#[test]
fn a_fallback_read_from_a_file_keeps_the_file_as_its_origin() {
    let dir = TempDir::new();
    let port = dir.file_text("port", "8081\n");
    let source = [
        ("APP_DATABASE_URL", "x"),
        ("APP_PORT", ""),
        ("PORT_FILE", port.as_str()),
    ];
    let loaded = Loader::new(&source).load::<Config>().unwrap();
    assert_eq!(loaded.config.port, 8081);
    let variable = &loaded.variables[1];
    assert_eq!(variable.name, "PORT");
    match &variable.origin {
        Origin::File {
            variable,
            path,
            via,
        } => {
            assert_eq!(variable, "PORT_FILE");
            assert_eq!(path, Path::new(&port));
            assert_eq!(**via, Origin::Map);
        }
        other => panic!("{other:?}"),
    }
}
