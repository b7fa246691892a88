//! `?` works on a `.env` file's error and on a load's `Report` in one function that
//! returns `Result<_, Report>`, as `main` does; and a `Vec` of `(&str, &str)` pairs built
//! at run time is a source.

use attached::{Attached, DotEnv, ProblemKind, Report, Source};

#[path = "support/temp.rs"]
mod temp;

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    port: u16,
    name: String,
}

/// The shape of a `main` that reads a `.env` file beneath some pairs.
fn load(dotenv: &std::path::Path, pairs: Vec<(&str, &str)>) -> Result<Config, Report> {
    let file = DotEnv::from_path(dotenv)?;
    let config = Config::from_source(&pairs.over(file))?;
    Ok(config)
}

#[test]
fn question_mark_on_a_dotenv_error_and_a_report() {
    let dir = temp::TempDir::new();
    let path = dir.file("ok.env", "APP_PORT=8080\n");
    let config = load(&path, vec![("APP_NAME", "billing")]).unwrap();
    assert_eq!((config.port, config.name.as_str()), (8080, "billing"));

    // The load's own problems.
    let report = load(&path, vec![("APP_PORT", "x")]).err().unwrap();
    assert!(report.problem("APP_PORT").is_some());
    assert!(report.problem("APP_NAME").is_some());

    // The `.env` file's error, through `From<DotEnvError> for Report`.
    let missing = path.with_file_name("missing.env");
    let report = load(&missing, vec![]).err().unwrap();
    assert!(matches!(
        report.problems()[0].kind(),
        ProblemKind::DotEnv { .. }
    ));
}

#[test]
fn a_vec_of_str_pairs_is_a_source() {
    let port = 8080.to_string();
    let pairs: Vec<(&str, &str)> = vec![("APP_PORT", "1"), ("APP_NAME", "x"), ("APP_PORT", &port)];
    let config = Config::from_source(&pairs).unwrap();
    assert_eq!(config.port, 8080, "the last of a repeated name wins");
}
