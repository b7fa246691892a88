//! `NAME_FILE`: a variable's value read from the file it names, as Docker and Kubernetes
//! mount secrets. Files are written to a temporary directory of each test's own; the
//! variables come from map sources.

#[path = "support/temp.rs"]
mod temp;

use attached::{Attached, FILE_LIMIT, Loader, Origin, ProblemKind, Report, Secret};
use std::path::Path;
use temp::TempDir;

/// The text written into every file: it must never be shown by an error.
const SECRET: &str = "s3cr3t-Zq8vX";

/// Mail relay.
#[derive(Attached)]
struct Smtp {
    host: Option<String>,
    password: Option<Secret<String>>,
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    /// Database password.
    db_password: String,
    api_token: Option<Secret<String>>,
    #[attached(default = 8080)]
    port: u16,
    motd: Option<String>,
    #[attached(nested)]
    smtp: Smtp,
}

fn load(source: &[(&str, &str)]) -> Result<Config, Report> {
    Config::from_source(source)
}

/// The report's one problem, after checking that nothing in the report shows `SECRET`.
fn only_problem(report: &Report) -> &attached::Problem {
    assert_hides_secret(report);
    assert_eq!(report.problems().len(), 1, "{report}");
    &report.problems()[0]
}

fn assert_hides_secret(report: &Report) {
    let outputs = [
        report.to_string(),
        format!("{report:?}"),
        format!("{report:#?}"),
        format!("{:?}", report.problems()),
    ];
    for output in outputs {
        assert!(!output.contains(SECRET), "the secret is shown:\n{output}");
    }
}

#[test]
fn reads_the_value_from_the_file() {
    let dir = TempDir::new();
    let path = dir.file_text("db_password", SECRET);
    let config = load(&[("APP_DB_PASSWORD_FILE", &path)]).unwrap();
    assert_eq!(config.db_password, SECRET);
}

#[test]
fn drops_one_trailing_newline_only() {
    let dir = TempDir::new();
    for (contents, want) in [
        ("pw\n", "pw"),
        ("pw\r\n", "pw"),
        ("pw\n\n", "pw\n"),
        ("pw\r\n\r\n", "pw\r\n"),
        ("pw", "pw"),
        ("  pw  \n", "  pw  "),
        ("line 1\nline 2\n", "line 1\nline 2"),
    ] {
        let path = dir.file_text("db_password", contents);
        let config = load(&[("APP_DB_PASSWORD_FILE", &path)]).unwrap();
        assert_eq!(config.db_password, want, "{contents:?}");
    }
}

#[test]
fn name_and_name_file_both_set_is_a_problem() {
    let dir = TempDir::new();
    let path = dir.file_text("db_password", SECRET);
    let report = load(&[("APP_DB_PASSWORD", SECRET), ("APP_DB_PASSWORD_FILE", &path)])
        .err()
        .unwrap();
    let problem = only_problem(&report);
    assert_eq!(problem.variable(), "APP_DB_PASSWORD");
    assert_eq!(problem.field(), "db_password");
    assert!(matches!(
        problem.kind(),
        ProblemKind::BothSet { file_variable } if file_variable == "APP_DB_PASSWORD_FILE"
    ));
    assert_eq!(
        problem.to_string(),
        "APP_DB_PASSWORD (field `db_password`): set together with APP_DB_PASSWORD_FILE; set one of them, not both"
    );
}

/// The problem of a file that cannot be used: the variable, its `_FILE` form and the path
/// named, the reason given, and nothing of what the file holds.
fn assert_file_problem(source: &[(&str, &str)], path: &str, reason: &str) {
    let report = load(source).expect_err("the load must fail");
    let problem = only_problem(&report);
    assert_eq!(problem.variable(), "APP_DB_PASSWORD");
    match problem.kind() {
        ProblemKind::File {
            file_variable,
            path: p,
            reason: r,
        } => {
            assert_eq!(file_variable, "APP_DB_PASSWORD_FILE");
            assert_eq!(p.as_deref(), Some(Path::new(path)));
            assert!(r.contains(reason), "{r}");
        }
        other => panic!("not a file problem: {other:?}"),
    }
    let text = report.to_string();
    for part in ["APP_DB_PASSWORD", "APP_DB_PASSWORD_FILE", path, reason] {
        assert!(text.contains(part), "{part} is not in:\n{text}");
    }
}

#[test]
fn a_missing_file_is_a_problem() {
    let dir = TempDir::new();
    let path = dir.path_text("no-such-file");
    assert_file_problem(&[("APP_DB_PASSWORD_FILE", &path)], &path, "no such file");
}

#[test]
fn a_directory_is_a_problem() {
    let dir = TempDir::new();
    let path = dir.path_text("");
    assert_file_problem(&[("APP_DB_PASSWORD_FILE", &path)], &path, "directory");
}

#[test]
fn a_file_over_the_limit_is_a_problem() {
    let dir = TempDir::new();
    let mut contents = SECRET.repeat((FILE_LIMIT as usize) / SECRET.len() + 1);
    contents.truncate(FILE_LIMIT as usize + 1);
    let path = dir.file_text("big", &contents);
    assert_file_problem(
        &[("APP_DB_PASSWORD_FILE", &path)],
        &path,
        "larger than the limit of 1 MiB",
    );
}

#[test]
fn a_file_at_the_limit_is_read() {
    let dir = TempDir::new();
    let path = dir.file_text("exact", "x".repeat(FILE_LIMIT as usize));
    let config = load(&[("APP_DB_PASSWORD_FILE", &path)]).unwrap();
    assert_eq!(config.db_password.len() as u64, FILE_LIMIT);
}

#[test]
fn a_file_that_is_not_utf8_is_a_problem() {
    let dir = TempDir::new();
    let mut contents = SECRET.as_bytes().to_vec();
    contents.extend([0xff, 0xfe, b'\n']);
    let path = dir.file_text("binary", contents);
    assert_file_problem(&[("APP_DB_PASSWORD_FILE", &path)], &path, "not valid UTF-8");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_a_problem() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new();
    let path = dir.file_text("locked", SECRET);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root, which reads any file: nothing to check.
        return;
    }
    assert_file_problem(
        &[("APP_DB_PASSWORD_FILE", &path)],
        &path,
        "permission denied",
    );
}

#[test]
fn an_empty_file_counts_as_not_set() {
    let dir = TempDir::new();
    let empty = dir.file_text("empty", "\n");
    let report = load(&[("APP_DB_PASSWORD_FILE", &empty)]).err().unwrap();
    let problem = only_problem(&report);
    assert!(
        matches!(problem.kind(), ProblemKind::File { reason, .. } if reason.contains("empty")),
        "{problem}"
    );
    let password = dir.file_text("password", SECRET);
    let config = load(&[
        ("APP_DB_PASSWORD_FILE", &password),
        ("APP_MOTD_FILE", &empty),
        ("APP_PORT_FILE", &empty),
    ])
    .unwrap();
    assert_eq!(config.motd, None);
    assert_eq!(config.port, 8080);
}

#[test]
fn an_empty_name_beside_a_file_reads_the_file() {
    let dir = TempDir::new();
    let path = dir.file_text("db_password", format!("{SECRET}\n"));
    let config = load(&[("APP_DB_PASSWORD", ""), ("APP_DB_PASSWORD_FILE", &path)]).unwrap();
    assert_eq!(config.db_password, SECRET);
    // An empty `NAME_FILE` beside a set `NAME` is not set either.
    let config = load(&[("APP_DB_PASSWORD", "direct"), ("APP_DB_PASSWORD_FILE", "")]).unwrap();
    assert_eq!(config.db_password, "direct");
}

#[test]
fn secret_looking_names_and_secret_fields_read_files_and_stay_hidden() {
    let dir = TempDir::new();
    let password = dir.file_text("db_password", SECRET);
    let token = dir.file_text("api_token", "t0k3n-from-file\n");
    let source = [
        ("APP_DB_PASSWORD_FILE", password.as_str()),
        ("APP_API_TOKEN_FILE", token.as_str()),
    ];
    let loaded = Loader::new(&source).load::<Config>().unwrap();
    assert_eq!(loaded.config.db_password, SECRET);
    assert_eq!(
        loaded.config.api_token.as_ref().unwrap().expose(),
        "t0k3n-from-file"
    );
    for name in ["APP_DB_PASSWORD", "APP_API_TOKEN"] {
        let v = loaded.variables.iter().find(|v| v.name == name).unwrap();
        assert!(v.secret, "{name}");
        assert_eq!(v.shown.as_deref(), Some("***"), "{name}");
        assert!(
            matches!(&v.origin, Origin::File { variable, via, .. }
                if *variable == format!("{name}_FILE") && **via == Origin::Map),
            "{:?}",
            v.origin
        );
    }
    let outputs = [
        loaded.summary().to_string(),
        format!("{:?}", loaded.summary()),
        format!("{:?}", loaded.config),
        format!("{loaded:?}"),
    ];
    for output in outputs {
        assert!(!output.contains(SECRET), "{output}");
        assert!(!output.contains("t0k3n-from-file"), "{output}");
    }
}

#[test]
fn a_nested_fields_variable_reads_its_file() {
    let dir = TempDir::new();
    let path = dir.file_text("smtp_password", format!("{SECRET}\n"));
    let source = [
        ("APP_DB_PASSWORD", "pw"),
        ("APP_SMTP_HOST", "mail"),
        ("APP_SMTP_PASSWORD_FILE", path.as_str()),
    ];
    let config = load(&source).unwrap();
    assert_eq!(config.smtp.host.as_deref(), Some("mail"));
    assert_eq!(config.smtp.password.unwrap().expose(), SECRET);

    let missing = dir.path_text("missing");
    let report = load(&[
        ("APP_DB_PASSWORD", "pw"),
        ("APP_SMTP_PASSWORD_FILE", &missing),
    ])
    .err()
    .unwrap();
    let problem = only_problem(&report);
    assert_eq!(problem.variable(), "APP_SMTP_PASSWORD");
    assert_eq!(problem.field(), "smtp.password");
}

#[test]
fn an_invalid_value_from_a_file_is_not_repeated() {
    let dir = TempDir::new();
    let path = dir.file_text("port", SECRET);
    let report = load(&[("APP_DB_PASSWORD", "pw"), ("APP_PORT_FILE", &path)])
        .err()
        .unwrap();
    let problem = only_problem(&report);
    assert_eq!(problem.variable(), "APP_PORT");
    assert!(
        matches!(problem.kind(), ProblemKind::Invalid { shown: None, .. }),
        "{problem:?}"
    );
}

#[test]
fn a_public_value_from_a_file_is_shown() {
    #[derive(Attached)]
    struct Keys {
        #[attached(public)]
        publishable_key: String,
    }
    let dir = TempDir::new();
    let path = dir.file_text("pk", "pk_test_123\n");
    let loaded = Loader::new(&[("PUBLISHABLE_KEY_FILE", path.as_str())])
        .load::<Keys>()
        .unwrap();
    assert_eq!(loaded.config.publishable_key, "pk_test_123");
    assert_eq!(loaded.variables[0].shown.as_deref(), Some("pk_test_123"));
    assert_eq!(loaded.public_json(), r#"{"PUBLISHABLE_KEY":"pk_test_123"}"#);
}

#[test]
fn every_file_problem_is_reported_at_once() {
    let dir = TempDir::new();
    let missing = dir.path_text("missing");
    let directory = dir.path_text("");
    let password = dir.file_text("password", SECRET);
    let source = [
        ("APP_DB_PASSWORD", SECRET),
        ("APP_DB_PASSWORD_FILE", password.as_str()),
        ("APP_API_TOKEN_FILE", missing.as_str()),
        ("APP_SMTP_PASSWORD_FILE", directory.as_str()),
    ];
    let report = load(&source).err().unwrap();
    assert_hides_secret(&report);
    let names: Vec<&str> = report.problems().iter().map(|p| p.variable()).collect();
    assert_eq!(
        names,
        ["APP_DB_PASSWORD", "APP_API_TOKEN", "APP_SMTP_PASSWORD"]
    );
}
