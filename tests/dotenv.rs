//! `.env` files through `DotEnv`: which files are read at all (regular files of at most
//! 1 MiB), what a reference reads (the file's earlier lines, never the process
//! environment), the lines the summary shows, and that no error or warning repeats the text
//! of a line or lets a control character through.
//!
//! Files are written to a directory of this test under the system's temporary directory;
//! nothing here changes the process environment.

#[path = "support/temp.rs"]
mod temp;

use attached::{Attached, DotEnv, Env, Loader, Origin, ProblemKind, Raw, Report, Secret, Source};
use std::time::Duration;
use temp::TempDir;

/// A secret written into files: it must never be shown.
const SECRET: &str = "s3cr3t-Qv8nW";

fn read(text: &str) -> (TempDir, DotEnv) {
    let dir = TempDir::new();
    let path = dir.file(".env", text);
    let dotenv = DotEnv::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    (dir, dotenv)
}

fn text<'a>(source: &'a impl Source, name: &str) -> &'a str {
    match source.get(name).map(|f| f.raw) {
        Some(Raw::Text(text)) => text,
        other => panic!("{name}: {other:?}"),
    }
}

fn warnings(source: &impl Source) -> Vec<String> {
    let mut all = Vec::new();
    source.warnings(&mut |p| all.push(p.to_string()));
    all
}

#[test]
fn a_directory_is_refused() {
    let dir = TempDir::new();
    let e = DotEnv::from_path(&dir.0).unwrap_err();
    assert_eq!(e.reason(), "it is a directory");
    assert!(DotEnv::if_exists(&dir.0).is_err());
}

#[cfg(unix)]
#[test]
fn a_device_is_refused_before_it_is_read() {
    for device in ["/dev/zero", "/dev/urandom", "/dev/null"] {
        if std::fs::metadata(device).is_err() {
            continue;
        }
        let e = DotEnv::from_path(device).unwrap_err();
        assert_eq!(
            e.reason(),
            "not a regular file (a FIFO, socket or device)",
            "{device}"
        );
    }
}

/// Opening a FIFO for reading waits for a writer; the file is refused before it is opened.
#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting() {
    let dir = TempDir::new();
    let fifo = dir.0.join("fifo.env");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo here; skipped");
        return;
    }
    let (send, receive) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || send.send(DotEnv::from_path(&path).map(|_| ())));
    let result = receive
        .recv_timeout(Duration::from_secs(10))
        .expect("reading a FIFO blocked");
    assert_eq!(
        result.unwrap_err().reason(),
        "not a regular file (a FIFO, socket or device)"
    );
}

#[test]
fn the_size_is_capped_at_the_limit_of_name_file() {
    let limit = attached::FILE_LIMIT as usize;
    let dir = TempDir::new();
    // Exactly at the limit: one long comment and an assignment.
    let mut at_limit = format!("A={SECRET}\n#");
    at_limit.push_str(&"x".repeat(limit - at_limit.len()));
    let path = dir.file("at.env", &at_limit);
    assert_eq!(text(&DotEnv::from_path(&path).unwrap(), "A"), SECRET);
    // One byte over.
    at_limit.push('x');
    let path = dir.file("over.env", &at_limit);
    let e = DotEnv::from_path(&path).unwrap_err();
    assert_eq!(e.reason(), "larger than the limit of 1 MiB (1048576 bytes)");
    assert!(!e.to_string().contains(SECRET));
}

#[test]
fn text_that_is_not_utf8_is_refused() {
    let dir = TempDir::new();
    let path = dir.file("bytes.env", b"A=\xff\xfe\n");
    assert_eq!(
        DotEnv::from_path(&path).unwrap_err().reason(),
        "not valid UTF-8 text"
    );
}

#[test]
fn errors_give_the_place_never_the_text() {
    let dir = TempDir::new();
    for (contents, reason) in [
        (
            format!("A=1\nB={SECRET} and more\n"),
            "line 2, character 15: a space",
        ),
        (
            format!("A=1\n\nB=\"{SECRET}\n"),
            "line 3, character 3: this double quote",
        ),
        (
            format!("B={SECRET}\\q\n"),
            "line 1, character 15: not an escape",
        ),
        (format!("{SECRET}=1\n"), "line 1, character 7: expected `=`"),
    ] {
        let path = dir.file("bad.env", &contents);
        let e = DotEnv::from_path(&path).unwrap_err();
        assert!(e.reason().starts_with(reason), "{e}");
        let report = Report::from(e.clone());
        for shown in [e.to_string(), format!("{e:?}"), report.to_string()] {
            assert!(
                !shown.contains(SECRET) && !shown.contains("Qv8n"),
                "{shown}"
            );
        }
    }
}

/// A file's name is shown with its control characters escaped, so it cannot start a line
/// of its own in a log.
#[test]
fn a_file_name_cannot_forge_a_line() {
    let e = DotEnv::from_path("missing\n[ERROR] forged\r.env").unwrap_err();
    let shown = e.to_string();
    assert_eq!(
        shown,
        "cannot read missing\\n[ERROR] forged\\r.env: no such file"
    );
}

#[test]
fn references_read_the_file_only() {
    let (_dir, dotenv) = read(
        "DB_USER=app\n\
         DB_URL=postgres://${DB_USER}:${DB_PASSWORD}@db/app\n\
         DB_PASSWORD=later\n",
    );
    assert_eq!(text(&dotenv, "DB_URL"), "postgres://app:@db/app");
    let mut problems = Vec::new();
    dotenv.warnings(&mut |p| problems.push(p));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].variable(), "DB_URL");
    let ProblemKind::Warning { message: reason } = problems[0].kind() else {
        panic!("{problems:?}")
    };
    assert_eq!(
        *reason,
        format!(
            "{}, line 2: `${{DB_PASSWORD}}` is not set earlier in this file, so it reads as \
             empty; the process environment is not consulted",
            dotenv.path().display()
        )
    );
}

/// Layered under the environment, a reference still reads the file: the variable the
/// environment sets is not filled in.
#[test]
fn layering_under_the_environment_fills_no_reference() {
    let env = Env::new();
    let mut names = Vec::new();
    env.names(&mut |n| names.push(n.to_owned()));
    let Some(name) = names.into_iter().find(|n| {
        n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && n.starts_with(|c: char| c.is_ascii_alphabetic())
            && matches!(env.get(n).map(|f| f.raw), Some(Raw::Text(t)) if !t.is_empty())
    }) else {
        return;
    };
    let (_dir, dotenv) = read(&format!("ATTACHED_REF=[${{{name}}}]\n"));
    let layered = Env::new().over(dotenv);
    assert_eq!(text(&layered, "ATTACHED_REF"), "[]");
    let warnings = warnings(&layered);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("ATTACHED_REF: "), "{}", warnings[0]);
}

/// A `$` in a secret, unquoted: the rest of the secret reads as a reference. The warning
/// says where, not the name, which is the rest of the secret.
#[test]
fn a_warning_does_not_show_a_secret() {
    let (_dir, dotenv) = read(&format!(
        "API_TOKEN=tok${SECRET}\nPASSWORD=\"x${SECRET}\"\nHASH=#{SECRET}\n"
    ));
    assert_eq!(text(&dotenv, "API_TOKEN"), "tok-Qv8nW");
    let warnings = warnings(&dotenv);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[0].contains("line 1, character 14: a `$` reference"));
    for w in &warnings {
        assert!(!w.contains("s3cr3t") && !w.contains("Qv8n"), "{w}");
        assert!(!w.contains('\n') && !w.contains('\r'), "{w}");
    }
    let mut problems = Vec::new();
    dotenv.warnings(&mut |p| problems.push(p));
    assert!(problems.iter().all(|p| p.field().is_empty()));
    assert!(matches!(problems[2].kind(), ProblemKind::Warning { .. }));
    assert_eq!(problems[2].variable(), "HASH");
    assert!(!format!("{dotenv:?}").contains("s3cr3t"));
}

/// `${NAME}` inside the value of a variable whose name says it holds a secret, or a
/// reference whose name looks like a token or is not written as variables' names are: the
/// name is not repeated, it may be part of the secret written without `\$`. Elsewhere the
/// name is given, to help fix the file.
#[test]
fn a_braced_reference_in_a_secret_is_not_named() {
    let (_dir, dotenv) = read(
        "APP_DB_PASSWORD=\"Tr0ub4dor${S3CRETxyz9q}&3\"\n\
         APP_NOTE=a${QV8NW2KLP0XS7MZR4}b\n\
         APP_DATABASE_URL=\"postgres://app:Tr0ub${S3CRETxyz9q}@db/app\"\n\
         APP_URL=postgres://app:${DB_PASS}@db/app\n",
    );
    let warnings = warnings(&dotenv);
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    for w in &warnings[..3] {
        assert!(
            w.contains("a `${...}` reference (its name is not repeated"),
            "{w}"
        );
        assert!(!w.contains("S3CRET") && !w.contains("QV8N"), "{w}");
    }
    assert!(
        warnings[3].contains("`${DB_PASS}` is not set earlier"),
        "{}",
        warnings[3]
    );
}

// Loaded for its summary; the test looks at the variables, not at every field.
#[allow(dead_code)]
#[derive(Attached)]
#[attached(prefix = "APP_")]
struct App {
    name: String,
    port: u16,
    api_token: Secret<String>,
}

#[test]
fn the_summary_shows_the_line_of_the_last_assignment() {
    let (_dir, dotenv) = read(&format!(
        "# app\n\
         APP_PORT=1\n\
         APP_NAME=\"a\n\
         multi-line\n\
         name\"\n\
         export APP_PORT = 8080\n\
         APP_API_TOKEN='{SECRET}'\n\
         APP_TOKEN_COPY=$APP_API_TOKEN\n"
    ));
    let loaded = Loader::new(&dotenv).load::<App>().unwrap();
    let line = |name: &str| match &loaded
        .variables
        .iter()
        .find(|v| v.name == name)
        .unwrap()
        .origin
    {
        Origin::DotEnv { line, .. } => *line,
        other => panic!("{other:?}"),
    };
    assert_eq!(line("APP_NAME"), 3);
    assert_eq!(line("APP_PORT"), 6);
    assert_eq!(line("APP_API_TOKEN"), 7);
    assert_eq!(loaded.config.port, 8080);
    let summary = loaded.summary().to_string();
    assert!(summary.contains(".env:6"), "{summary}");
    assert!(!summary.contains(SECRET), "{summary}");
    for w in &loaded.warnings {
        assert!(!w.to_string().contains(SECRET), "{w}");
    }
}

/// The loader reports a file's warnings with its own: in `Loaded::warnings` and at the end
/// of the summary, and in the `Report` when the load fails.
#[test]
fn the_loader_reports_the_files_warnings() {
    #[derive(attached::Attached)]
    #[allow(dead_code)]
    struct Config {
        #[attached(env = "DB_URL")]
        db: String,
        #[attached(env = "DB_PORT")]
        port: u16,
    }
    let (_dir, dotenv) = read("DB_URL=postgres://app:${DB_PASSWORD}@db/app\nDB_PORT=5432\n");
    let loaded = attached::Loader::new(&dotenv).load::<Config>().unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert_eq!(loaded.warnings[0].variable(), "DB_URL");
    let summary = loaded.summary().to_string();
    assert!(
        summary.contains("warning: DB_URL: ") && summary.contains("`${DB_PASSWORD}` is not set"),
        "{summary}"
    );
    let (_dir, broken) = read("DB_URL=postgres://app:${DB_PASSWORD}@db/app\nDB_PORT=x\n");
    let report = Config::from_source(&broken).unwrap_err();
    assert_eq!(report.warnings().len(), 1, "{report}");
}
