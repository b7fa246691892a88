//! Loading a derived config from map sources: names, defaults, options, lists, nested
//! structs, `with`, `validate`, choices, the empty rule, and every problem in one report.

use attached::{Attached, ProblemKind, Secret, Value};
use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Value, Debug, PartialEq, Clone, Copy)]
enum LogFormat {
    Json,
    PlainText,
}

fn parse_level(text: &str) -> Result<u8, String> {
    match text {
        "low" => Ok(1),
        "high" => Ok(9),
        _ => Err("use low or high".to_owned()),
    }
}

fn at_least_two(n: &u32) -> Result<(), &'static str> {
    if *n >= 2 {
        Ok(())
    } else {
        Err("must be at least 2")
    }
}

/// Mail relay.
#[derive(Attached)]
struct Smtp {
    /// Relay host.
    host: String,
    #[attached(default = 587)]
    port: u16,
    password: Option<Secret<String>>,
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    /// Where the database is.
    #[attached(env = "DATABASE_URL")]
    database: String,
    #[attached(default = "0.0.0.0:8080".parse().unwrap())]
    listen: SocketAddr,
    #[attached(default = Duration::from_secs(30))]
    request_timeout: Duration,
    workers: Option<u32>,
    #[attached(separator = ";")]
    origins: Vec<String>,
    #[attached(default)]
    tags: Vec<String>,
    api_key: Secret<String>,
    #[attached(public)]
    publishable_key: String,
    #[attached(default = LogFormat::Json)]
    log_format: LogFormat,
    #[attached(with = parse_level, default = 1)]
    level: u8,
    #[attached(validate = at_least_two, default = 4)]
    replicas: u32,
    data_dir: Option<PathBuf>,
    debug: Option<bool>,
    #[attached(nested)]
    smtp: Smtp,
    #[attached(nested, prefix = "BACKUP_SMTP_")]
    backup_smtp: Smtp,
}

const FULL: &[(&str, &str)] = &[
    ("DATABASE_URL", "postgres://app:pw@db/billing"),
    ("APP_ORIGINS", "https://a.example; https://b.example;"),
    ("APP_API_KEY", "key-123"),
    ("APP_PUBLISHABLE_KEY", "pk_test"),
    ("APP_LOG_FORMAT", "plain_text"),
    ("APP_LEVEL", "high"),
    ("APP_WORKERS", "8"),
    ("APP_DEBUG", "yes"),
    ("APP_SMTP_HOST", "mail"),
    ("APP_SMTP_PASSWORD", "smtp-pw"),
    ("BACKUP_SMTP_HOST", "backup"),
    ("BACKUP_SMTP_PORT", "2525"),
];

#[test]
fn reads_every_kind_of_field() {
    let c = Config::from_source(FULL).unwrap();
    assert_eq!(c.database, "postgres://app:pw@db/billing");
    assert_eq!(c.listen, "0.0.0.0:8080".parse().unwrap());
    assert_eq!(c.request_timeout, Duration::from_secs(30));
    assert_eq!(c.workers, Some(8));
    assert_eq!(c.origins, ["https://a.example", "https://b.example"]);
    assert!(c.tags.is_empty());
    assert_eq!(c.api_key.expose(), "key-123");
    assert_eq!(c.publishable_key, "pk_test");
    assert_eq!(c.log_format, LogFormat::PlainText);
    assert_eq!(c.level, 9);
    assert_eq!(c.replicas, 4);
    assert_eq!(c.data_dir, None);
    assert_eq!(c.debug, Some(true));
    assert_eq!(c.smtp.host, "mail");
    assert_eq!(c.smtp.port, 587);
    assert_eq!(c.smtp.password.as_ref().unwrap().expose(), "smtp-pw");
    assert_eq!(c.backup_smtp.host, "backup");
    assert_eq!(c.backup_smtp.port, 2525);
}

#[test]
fn every_source_kind_reads_the_same() {
    let hash: HashMap<String, String> = FULL
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let btree: BTreeMap<&str, &str> = FULL.iter().copied().collect();
    let vec: Vec<(String, String)> = hash.clone().into_iter().collect();
    for c in [
        Config::from_source(&hash).unwrap(),
        Config::from_source(&btree).unwrap(),
        Config::from_source(&vec).unwrap(),
    ] {
        assert_eq!(c.smtp.host, "mail");
        assert_eq!(c.level, 9);
    }
}

/// Arrays, slices and `Vec`s of pairs, of `&str` or of `String`: each reads the same, the
/// last of a repeated name wins, and a name ending in `_FILE` is read as a file form.
#[test]
fn pairs_in_every_form() {
    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    struct Pairs {
        n: u32,
        host: Option<String>,
    }
    fn read<S: attached::Source + ?Sized>(source: &S) -> (u32, Option<String>) {
        let config = Pairs::from_source(source).unwrap();
        (config.n, config.host)
    }
    assert_eq!(read(&[("APP_N".to_string(), "8".to_string())]), (8, None));
    let want = (8, Some("h".to_owned()));
    let borrowed = [("APP_N", "1"), ("APP_HOST", "h"), ("APP_N", "8")];
    let owned = borrowed.map(|(name, value)| (name.to_owned(), value.to_owned()));
    assert_eq!(read(&borrowed), want);
    assert_eq!(read(&borrowed[..]), want);
    assert_eq!(read(&borrowed.to_vec()), want);
    assert_eq!(read(&owned), want);
    assert_eq!(read(&owned[..]), want);
    assert_eq!(read(&owned.to_vec()), want);

    let missing = std::env::temp_dir().join(format!("attached-no-such-{}", std::process::id()));
    let file_form = [
        ("APP_N".to_owned(), "8".to_owned()),
        (
            "APP_HOST_FILE".to_owned(),
            missing.to_str().unwrap().to_owned(),
        ),
    ];
    let report = Pairs::from_source(&file_form[..]).unwrap_err();
    let problem = report.problem("APP_HOST").unwrap().to_string();
    assert!(problem.contains("named by APP_HOST_FILE"), "{problem}");
}

#[test]
fn two_missing_and_one_invalid_in_one_report() {
    let source = [
        ("APP_ORIGINS", "https://a.example"),
        ("APP_PUBLISHABLE_KEY", "pk"),
        ("APP_WORKERS", "eight"),
        ("APP_SMTP_HOST", "mail"),
        ("BACKUP_SMTP_HOST", "backup"),
    ];
    let report = Config::from_source(&source).expect_err("must fail");
    let names: Vec<&str> = report.problems().iter().map(|p| p.variable()).collect();
    assert_eq!(names, ["DATABASE_URL", "APP_WORKERS", "APP_API_KEY"]);
    assert!(matches!(
        report.problem("DATABASE_URL").unwrap().kind(),
        ProblemKind::Missing { description: Some(d), .. } if d == "Where the database is."
    ));
    assert!(matches!(
        report.problem("APP_WORKERS").unwrap().kind(),
        ProblemKind::Invalid { shown: Some(s), .. } if s == "eight"
    ));
    assert!(matches!(
        report.problem("APP_API_KEY").unwrap().kind(),
        ProblemKind::Missing { .. }
    ));
    let text = report.to_string();
    assert!(
        text.starts_with("invalid configuration: 3 problems"),
        "{text}"
    );
    assert!(
        text.contains("APP_WORKERS (field `workers`): invalid value \"eight\": not a whole number"),
        "{text}"
    );
    assert_eq!(format!("{report:?}"), text);
}

#[test]
fn nested_problems_name_the_nested_variable_and_field_path() {
    let mut source: Vec<(&str, &str)> = FULL.to_vec();
    source.retain(|(k, _)| *k != "APP_SMTP_HOST");
    source.push(("BACKUP_SMTP_PORT", "99999"));
    let report = Config::from_source(source.as_slice()).err().unwrap();
    let p = report.problem("APP_SMTP_HOST").unwrap();
    assert_eq!(p.field(), "smtp.host");
    let text = report.to_string();
    assert!(
        text.contains("required but not set; expected text — Relay host."),
        "{text}"
    );
    assert!(
        text.contains(
            "BACKUP_SMTP_PORT (field `backup_smtp.port`): invalid value \"99999\": out of range"
        ),
        "{text}"
    );
}

/// A negative number for an unsigned field is refused as negative, not as "not a whole
/// number".
#[test]
fn a_negative_number_for_an_unsigned_field() {
    let mut source: Vec<(&str, &str)> = FULL.to_vec();
    source.push(("BACKUP_SMTP_PORT", "-1"));
    let report = Config::from_source(&source).err().unwrap();
    assert!(
        report.to_string().contains(
            "BACKUP_SMTP_PORT (field `backup_smtp.port`): invalid value \"-1\": \
             a negative number (must be from 0 to 65535)"
        ),
        "{report}"
    );
    // `-0` is zero.
    source.push(("BACKUP_SMTP_PORT", "-0"));
    assert_eq!(Config::from_source(&source).unwrap().backup_smtp.port, 0);
}

#[test]
fn empty_means_unset() {
    let mut source: Vec<(&str, &str)> = FULL.to_vec();
    source.push(("APP_WORKERS", ""));
    source.push(("APP_LEVEL", ""));
    source.push(("APP_API_KEY", ""));
    let report = Config::from_source(source.as_slice()).err().unwrap();
    assert_eq!(report.problems().len(), 1, "{report}");
    assert!(matches!(
        report.problem("APP_API_KEY").unwrap().kind(),
        ProblemKind::Empty { .. }
    ));
    source.pop();
    let c = Config::from_source(source.as_slice()).unwrap();
    assert_eq!(c.workers, None);
    assert_eq!(c.level, 1);
}

#[test]
fn with_and_validate_errors_are_problems() {
    let mut source: Vec<(&str, &str)> = FULL.to_vec();
    source.push(("APP_LEVEL", "medium"));
    source.push(("APP_REPLICAS", "1"));
    source.push(("APP_LOG_FORMAT", "xml"));
    let report = Config::from_source(source.as_slice()).err().unwrap();
    let text = report.to_string();
    assert!(text.contains("APP_LEVEL (field `level`): invalid value \"medium\": use low or high; expected a value accepted by `parse_level`"), "{text}");
    assert!(
        text.contains("APP_REPLICAS (field `replicas`): invalid value \"1\": must be at least 2"),
        "{text}"
    );
    assert!(text.contains("APP_LOG_FORMAT (field `log_format`): invalid value \"xml\": not one of the accepted values (json, plain-text)"), "{text}");
}

#[test]
fn list_items_are_checked_one_by_one() {
    #[derive(Attached)]
    struct Ports {
        ports: Vec<u16>,
    }
    let ok = Ports::from_source(&[("PORTS", "80, 443,8080")]).unwrap();
    assert_eq!(ok.ports, [80, 443, 8080]);
    let report = Ports::from_source(&[("PORTS", "80,x")]).err().unwrap();
    assert!(
        report.to_string().contains("item 2: not a whole number"),
        "{report}"
    );
}

#[test]
fn describes_every_variable() {
    let vars = Config::variables();
    let names: Vec<&str> = vars.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "DATABASE_URL",
            "APP_LISTEN",
            "APP_REQUEST_TIMEOUT",
            "APP_WORKERS",
            "APP_ORIGINS",
            "APP_TAGS",
            "APP_API_KEY",
            "APP_PUBLISHABLE_KEY",
            "APP_LOG_FORMAT",
            "APP_LEVEL",
            "APP_REPLICAS",
            "APP_DATA_DIR",
            "APP_DEBUG",
            "APP_SMTP_HOST",
            "APP_SMTP_PORT",
            "APP_SMTP_PASSWORD",
            "BACKUP_SMTP_HOST",
            "BACKUP_SMTP_PORT",
            "BACKUP_SMTP_PASSWORD",
        ]
    );
    let timeout = &vars[2];
    assert_eq!(
        timeout.requirement,
        attached::Requirement::Default(Some("30s".into()))
    );
    assert!(vars[6].secret && !vars[7].secret && vars[15].secret);
    assert_eq!(vars[0].summary(), "Where the database is.");
}

/// A load looks for no `NAME_FILE` in a source that holds no name ending in `_FILE`, and
/// for every one in a source that does (here the lower layer of two).
#[test]
fn name_file_is_looked_for_only_where_there_can_be_one() {
    use attached::{Found, Source};
    use std::cell::RefCell;

    /// Counts the names looked up in a map.
    struct Counting<'a>(Vec<(&'a str, &'a str)>, RefCell<Vec<String>>);
    impl Source for Counting<'_> {
        fn get(&self, name: &str) -> Option<Found<'_>> {
            self.1.borrow_mut().push(name.to_owned());
            Source::get(self.0.as_slice(), name)
        }
        fn names(&self, each: &mut dyn FnMut(&str)) {
            self.0.names(each)
        }
        fn may_hold_file_forms(&self) -> bool {
            self.0.may_hold_file_forms()
        }
    }

    #[derive(attached::Attached)]
    #[attached(prefix = "APP_")]
    #[allow(dead_code)]
    struct Config {
        port: u16,
        host: String,
    }
    let plain = Counting(
        vec![("APP_PORT", "1"), ("APP_HOST", "h")],
        RefCell::default(),
    );
    Config::from_source(&plain).unwrap();
    assert_eq!(*plain.1.borrow(), ["APP_PORT", "APP_HOST"]);

    let dir = std::env::temp_dir().join(format!("attached-file-forms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("host");
    std::fs::write(&path, "from-a-file\n").unwrap();
    let upper = [("APP_PORT", "1")];
    let lower = vec![(
        "APP_HOST_FILE".to_owned(),
        path.to_str().unwrap().to_owned(),
    )];
    let config = Config::from_source(&upper.over(lower));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(config.unwrap().host, "from-a-file");
}

/// A struct's variables carry its own prefix when it is loaded on its own, and the prefix
/// its parent gives it when nested: the whole names the derive writes for the first case
/// (`AB_HOST`) are not read in the second, even under a prefix of the same length.
#[derive(Attached)]
#[attached(prefix = "AB_")]
struct Prefixed {
    host: String,
}

#[derive(Attached)]
#[attached(prefix = "CD_")]
struct HoldsPrefixed {
    #[attached(nested, prefix = "XY_")]
    exact: Prefixed,
    #[attached(nested)]
    under: Prefixed,
}

#[test]
fn a_nested_struct_reads_the_prefix_it_is_given_not_its_own() {
    let source = [
        ("AB_HOST", "own"),
        ("XY_HOST", "exact"),
        ("CD_UNDER_HOST", "under"),
    ];
    assert_eq!(Prefixed::from_source(&source).unwrap().host, "own");
    let c = HoldsPrefixed::from_source(&source).unwrap();
    assert_eq!(c.exact.host, "exact");
    assert_eq!(c.under.host, "under");
    let report = HoldsPrefixed::from_source(&[("AB_HOST", "own")]).unwrap_err();
    let missing: Vec<&str> = report.problems().iter().map(|p| p.variable()).collect();
    assert_eq!(missing, ["XY_HOST", "CD_UNDER_HOST"]);
}
