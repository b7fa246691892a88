//! Loading the derived config of `support/mod.rs` from hostile sources: names near the real
//! ones (as they are, as `_FILE`, with one edit, lower-cased, other names under the
//! prefixes), arbitrary text, empty values, very long values, and values and names that
//! are not UTF-8 (a `BTreeMap<OsString, OsString>`). A load never panics, every problem
//! names a variable of the config or of the source, and an oracle written from the
//! documented rules predicts exactly which problems there are, or, when there are none,
//! every field's value and every line of the summary: nothing is lost or invented.

#[path = "support/mod.rs"]
mod support;

use attached::{Attached, Loader, Origin, Problem, ProblemKind, RedisUrl, Requirement, Value};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::{OsStr, OsString};
use std::fmt::Debug;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU16;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;
use support::{COMPLETE, Config, LogFormat, file_path, file_value};

type OsMap = BTreeMap<OsString, OsString>;

fn known() -> &'static [String] {
    static KNOWN: OnceLock<Vec<String>> = OnceLock::new();
    KNOWN.get_or_init(support::variable_names)
}

/// Names near the real ones, and some far from them.
fn name() -> BoxedStrategy<OsString> {
    let real = prop::sample::select(known());
    prop_oneof![
        4 => real.clone().prop_map(OsString::from),
        2 => real.clone().prop_map(|n| format!("{n}_FILE").into()),
        2 => (real.clone(), any::<prop::sample::Index>(), 0..3u8, any::<char>()).prop_map(
            |(n, at, edit, c)| {
                let mut chars: Vec<char> = n.chars().collect();
                let at = at.index(chars.len());
                match edit {
                    0 => chars[at] = c,
                    1 => {
                        chars.remove(at);
                    }
                    _ => chars.insert(at, c),
                }
                chars.into_iter().collect::<String>().into()
            }
        ),
        1 => real.prop_map(|n| n.to_lowercase().into()),
        2 => (
            prop::sample::select(&["APP_", "APP_SMTP_", "BACKUP_SMTP_", "APP", ""][..]),
            "[A-Z_]{0,12}"
        )
            .prop_map(|(prefix, rest)| format!("{prefix}{rest}").into()),
        1 => any::<String>().prop_map(OsString::from),
        1 => prop::collection::vec(any::<u8>(), 1..12).prop_map(OsString::from_vec),
    ]
    .boxed()
}

/// Texts that are valid for some field and invalid for most, and the edge cases of each.
const INTERESTING: &[&str] = &[
    "8080",
    "0",
    "-1",
    "65536",
    " 42 ",
    "18446744073709551616",
    "30s",
    "1m 30s",
    "1.5h",
    "30",
    "340282366920938463463374607431768211.999us",
    "yes",
    "OFF",
    "0.0.0.0:8080",
    "[::1]:80",
    "::1",
    "10.0.0.1",
    "json",
    "Plain_Text",
    "logfmt",
    "low",
    "high",
    "sk_a",
    "sk_a, sk_b,",
    "sk_a,nope",
    ",",
    ";",
    "a;b;",
    "80, 443,",
    "NaN",
    "inf",
    "1e400",
    "x",
    "é",
    "localhost",
    "postgres://app:pw@db/billing",
    "redis://:pw@localhost:6379",
    "host=db password=pw",
    "redis://:pw@cache:6379/0",
    "rediss://u:pw@cache",
    "redis://cache:99999",
    " ",
    "\n",
];

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        2 => Just(String::new()),
        4 => prop::sample::select(INTERESTING).prop_map(str::to_owned),
        2 => "[ -~]{0,40}",
        2 => any::<String>(),
        1 => ("[a-z0-9:/@=;, ]{1,8}", 100..2000usize).prop_map(|(s, n)| s.repeat(n)),
    ]
    .boxed()
}

fn value() -> BoxedStrategy<OsString> {
    prop_oneof![
        8 => text().prop_map(OsString::from),
        1 => prop::collection::vec(any::<u8>(), 1..16).prop_map(OsString::from_vec),
    ]
    .boxed()
}

/// A source: sometimes the complete one to start from, then pairs; a `_FILE` variable is
/// given one of the test's files or a missing path, never a generated path.
fn source() -> impl Strategy<Value = OsMap> {
    (
        any::<bool>(),
        prop::collection::vec((name(), value(), any::<u8>()), 0..16),
    )
        .prop_map(|(complete, pairs)| {
            let mut map: OsMap = if complete {
                COMPLETE.iter().map(|(k, v)| (k.into(), v.into())).collect()
            } else {
                OsMap::new()
            };
            for (name, value, pick) in pairs {
                let value = if is_file_variable(&name) {
                    file_path(pick)
                } else {
                    value
                };
                map.insert(name, value);
            }
            map
        })
}

fn is_file_variable(name: &OsStr) -> bool {
    name.to_str().is_some_and(|n| n.ends_with("_FILE"))
}

/// A list as the documented rules read it: split, spaces around items ignored, empty items
/// skipped.
fn items(text: &str, separator: &str) -> impl Iterator<Item = String> {
    text.split(separator)
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

fn ok<T: Value>(text: &str) -> bool {
    T::parse(text).is_ok()
}

/// Whether `text` is a valid value of the variable `name`.
fn valid(name: &str, text: &str) -> bool {
    let nested = name
        .strip_prefix("APP_SMTP_")
        .or_else(|| name.strip_prefix("BACKUP_SMTP_"));
    if let Some(field) = nested {
        return match field {
            "PORT" => ok::<u16>(text),
            "TIMEOUT" => ok::<Duration>(text),
            _ => true,
        };
    }
    match name {
        "DATABASE_URL" => support::not_localhost(&text.to_owned()).is_ok(),
        "APP_LISTEN" | "APP_ADMIN_LISTEN" => ok::<SocketAddr>(text),
        "APP_REQUEST_TIMEOUT" => ok::<Duration>(text),
        "APP_WORKERS" | "APP_PIN" => ok::<u32>(text),
        "APP_THREADS" => ok::<NonZeroU16>(text),
        "APP_PORTS" => items(text, ",").all(|i| ok::<u16>(&i)),
        "APP_LOG_FORMAT" => ok::<LogFormat>(text),
        "APP_LEVEL" => support::parse_level(text).is_ok(),
        "APP_REPLICAS" => u32::parse(text).is_ok_and(|n| n >= 2),
        "APP_SAMPLE_RATE" => ok::<f64>(text),
        "APP_DEBUG" => ok::<bool>(text),
        "APP_BIND_IP" => ok::<IpAddr>(text),
        "APP_DELIMITER" => ok::<char>(text),
        "APP_ACCOUNT_NUMBER" => ok::<u64>(text),
        "APP_CACHE" => ok::<RedisUrl>(text),
        "APP_SIGNING_KEYS" => items(text, ",").all(|i| support::parse_signing_key(&i).is_ok()),
        _ => true,
    }
}

/// What the oracle expects of one variable.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    /// A problem of this kind with this variable.
    Problem(String, &'static str),
    /// This text, from this origin ("source" or "file").
    Text(String, &'static str),
    /// Not set.
    Unset,
}

fn tag(kind: &ProblemKind) -> &'static str {
    match kind {
        ProblemKind::Missing { .. } => "missing",
        ProblemKind::Empty { .. } => "empty",
        ProblemKind::Invalid { .. } => "invalid",
        ProblemKind::NotUnicode => "not unicode",
        ProblemKind::BothSet { .. } => "both set",
        ProblemKind::File { .. } => "file",
        ProblemKind::Conflict { .. } => "conflict",
        ProblemKind::Unknown { .. } => "unknown",
        ProblemKind::DotEnv { .. } => "dotenv",
        _ => "other",
    }
}

/// The documented rules for one variable: `NAME` and `NAME_FILE`, empty means unset,
/// one trailing newline of a file dropped, an empty file named in the problem.
fn expect(source: &OsMap, name: &str, required: bool) -> Expect {
    let file_name = format!("{name}_FILE");
    let direct = source.get(OsStr::new(name));
    let file = source.get(OsStr::new(&file_name));
    let set = |v: Option<&OsString>| v.filter(|v| !v.is_empty()).cloned();
    let problem = |variable: &str, kind| Expect::Problem(variable.to_owned(), kind);
    let text = |text: &str, origin| {
        if text.is_empty() {
            // An empty file is a problem of the file, which names its path.
            if required && origin == "file" {
                problem(name, "file")
            } else if required {
                problem(name, "empty")
            } else {
                Expect::Unset
            }
        } else if valid(name, text) {
            Expect::Text(text.to_owned(), origin)
        } else {
            problem(name, "invalid")
        }
    };
    match (set(direct), set(file)) {
        (Some(_), Some(_)) => problem(name, "both set"),
        (Some(value), None) => match value.to_str() {
            Some(value) => text(value, "source"),
            None => problem(name, "not unicode"),
        },
        (None, Some(path)) => match path.to_str() {
            Some(path) => match file_value(path) {
                Some(value) => text(value, "file"),
                None => problem(name, "file"),
            },
            None => problem(&file_name, "not unicode"),
        },
        (None, None) if !required => Expect::Unset,
        (None, None) if direct.is_some() || file.is_some() => problem(name, "empty"),
        (None, None) => problem(name, "missing"),
    }
}

/// Names in the source under a prefix of the config that it does not read.
fn expected_unknown(source: &OsMap) -> BTreeSet<(String, &'static str)> {
    let read = |n: &str| {
        known()
            .iter()
            .any(|k| n == k || n.strip_suffix("_FILE") == Some(k.as_str()))
    };
    source
        .keys()
        .filter_map(|n| n.to_str())
        .filter(|n| {
            ["APP_", "APP_SMTP_", "BACKUP_SMTP_"]
                .iter()
                .any(|p| n.starts_with(p))
        })
        .filter(|n| !read(n))
        .map(|n| (shown_unknown(n), "unknown"))
        .collect()
}

/// An unknown name as a warning may show it: as it is when it looks like a variable name
/// (ASCII letters, digits, `_ - .`, no part of 16 or more characters with letters and
/// digits, none of 32 or more); otherwise its prefix and its length only.
fn shown_unknown(name: &str) -> String {
    let prefix = ["APP_", "APP_SMTP_", "BACKUP_SMTP_"]
        .into_iter()
        .find(|p| name.starts_with(p))
        .unwrap();
    let tail = &name[prefix.len()..];
    let token = |part: &str| {
        let n = part.chars().count();
        n >= 32
            || (n >= 16
                && part.chars().any(|c| c.is_ascii_digit())
                && part.chars().any(char::is_alphabetic))
    };
    let plain = tail
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    if plain && !tail.split(['_', '-', '.']).any(token) {
        name.to_owned()
    } else {
        format!(
            "{prefix}… (a name of {} characters, not shown: it does not look like a variable name)",
            name.chars().count()
        )
    }
}

fn problem_set(problems: &[Problem]) -> BTreeSet<(String, &'static str)> {
    problems
        .iter()
        .map(|p| (p.variable().to_owned(), tag(p.kind())))
        .collect()
}

/// Every variable with what the oracle expects of it.
fn oracle(source: &OsMap) -> Vec<(attached::Variable, Expect)> {
    Config::variables()
        .into_iter()
        .map(|v| {
            let e = expect(source, &v.name, v.requirement == Requirement::Required);
            (v, e)
        })
        .collect()
}

fn parsed<T: Value>(text: Option<&str>, default: T) -> T {
    text.map_or(default, |t| T::parse(t).unwrap())
}

fn opt<T: Value>(text: Option<&str>) -> Option<T> {
    text.map(|t| T::parse(t).unwrap())
}

fn same<T: PartialEq + Debug>(field: &str, got: T, want: T) {
    assert_eq!(got, want, "field {field}");
}

/// Every field of a loaded config holds what the oracle read.
fn check_values(config: &Config, texts: &HashMap<String, String>) {
    let t = |name: &str| texts.get(name).map(String::as_str);
    same(
        "database",
        config.database.as_str(),
        t("DATABASE_URL").unwrap(),
    );
    same(
        "listen",
        config.listen,
        parsed(t("APP_LISTEN"), "0.0.0.0:8080".parse().unwrap()),
    );
    same(
        "request_timeout",
        config.request_timeout,
        parsed(t("APP_REQUEST_TIMEOUT"), Duration::from_secs(30)),
    );
    same("workers", config.workers, opt(t("APP_WORKERS")));
    same("threads", config.threads, opt(t("APP_THREADS")));
    same(
        "origins",
        config.origins.clone(),
        items(t("APP_ORIGINS").unwrap(), ";").collect(),
    );
    let ports: Vec<u16> = t("APP_PORTS")
        .map(|p| items(p, ",").map(|i| u16::parse(&i).unwrap()).collect())
        .unwrap_or_default();
    same("ports", config.ports.clone(), ports);
    same(
        "api_key",
        config.api_key.expose().as_str(),
        t("APP_API_KEY").unwrap(),
    );
    same(
        "publishable_key",
        config.publishable_key.as_str(),
        t("APP_PUBLISHABLE_KEY").unwrap(),
    );
    same(
        "log_format",
        config.log_format,
        parsed(t("APP_LOG_FORMAT"), LogFormat::Json),
    );
    let level = t("APP_LEVEL").map_or(1, |l| support::parse_level(l).unwrap());
    same("level", config.level, level);
    same("replicas", config.replicas, parsed(t("APP_REPLICAS"), 4));
    same(
        "sample_rate",
        config.sample_rate.to_bits(),
        parsed(t("APP_SAMPLE_RATE"), 0.5f64).to_bits(),
    );
    same("debug", config.debug, opt(t("APP_DEBUG")));
    same("bind_ip", config.bind_ip, opt(t("APP_BIND_IP")));
    same(
        "delimiter",
        config.delimiter,
        parsed(t("APP_DELIMITER"), ','),
    );
    same(
        "data_dir",
        config.data_dir.clone(),
        opt::<PathBuf>(t("APP_DATA_DIR")),
    );
    same(
        "account_number",
        config.account_number,
        opt(t("APP_ACCOUNT_NUMBER")),
    );
    same(
        "webhook_token",
        config.webhook_token.as_deref(),
        t("APP_WEBHOOK_TOKEN"),
    );
    same(
        "signing_keys",
        config.signing_keys.clone(),
        t("APP_SIGNING_KEYS").map(|k| items(k, ",").collect()),
    );
    same(
        "admin_listen",
        config.admin_listen,
        parsed(t("APP_ADMIN_LISTEN"), "127.0.0.1:9000".parse().unwrap()),
    );
    same(
        "pin",
        config.pin.as_ref().map(|p| *p.expose()),
        opt(t("APP_PIN")),
    );
    for (prefix, smtp) in [
        ("APP_SMTP_", &config.smtp),
        ("BACKUP_SMTP_", &config.backup_smtp),
    ] {
        let t = |field: &str| texts.get(&format!("{prefix}{field}")).map(String::as_str);
        same("smtp.host", smtp.host.as_str(), t("HOST").unwrap());
        same("smtp.port", smtp.port, parsed(t("PORT"), 587));
        same("smtp.username", smtp.username.as_deref(), t("USERNAME"));
        same(
            "smtp.password",
            smtp.password.as_ref().map(|p| p.expose().as_str()),
            t("PASSWORD"),
        );
        same(
            "smtp.timeout",
            smtp.timeout,
            parsed(t("TIMEOUT"), Duration::from_secs(10)),
        );
    }
}

fn origin_tag(origin: &Origin) -> &'static str {
    match origin {
        Origin::Map => "source",
        Origin::File { .. } => "file",
        Origin::Default => "default",
        Origin::Unset => "unset",
        _ => "other",
    }
}

/// Every line of the summary: the origin the oracle expects, and the text shown (masked,
/// or `***` for a secret).
fn check_summary(variables: &[attached::Variable], oracle: &[(attached::Variable, Expect)]) {
    assert_eq!(variables.len(), oracle.len());
    for (got, (described, expect)) in variables.iter().zip(oracle) {
        assert_eq!(got.name, described.name);
        // Where a value came from does not make it secret: its field does.
        assert_eq!(got.secret, described.secret, "{}", got.name);
        let default = matches!(described.requirement, Requirement::Default(_));
        match expect {
            Expect::Text(text, origin) => {
                assert_eq!(origin_tag(&got.origin), *origin, "{}", got.name);
                // A secret is hidden; a typed URL shown as its own redacted form; anything
                // else, public or not, as read, with credentials masked.
                let want = if got.secret {
                    "***".to_owned()
                } else if got.name == "APP_CACHE" {
                    attached::RedisUrl::parse(text).unwrap().to_string()
                } else {
                    attached::mask(text).into_owned()
                };
                assert_eq!(got.shown.as_deref(), Some(want.as_str()), "{}", got.name);
            }
            Expect::Unset if default => {
                assert_eq!(got.origin, Origin::Default, "{}", got.name)
            }
            Expect::Unset => {
                assert_eq!(got.origin, Origin::Unset, "{}", got.name);
                assert_eq!(got.shown, None, "{}", got.name);
            }
            Expect::Problem(..) => unreachable!("a load with a problem has no summary"),
        }
    }
}

/// Runs every check of one source; whether it loaded.
fn check_source(source: &OsMap) -> bool {
    let oracle = oracle(source);
    let problems: BTreeSet<(String, &'static str)> = oracle
        .iter()
        .filter_map(|(_, e)| match e {
            Expect::Problem(v, kind) => Some((v.clone(), *kind)),
            _ => None,
        })
        .collect();
    let unknown = expected_unknown(source);
    let texts: HashMap<String, String> = oracle
        .iter()
        .filter_map(|(v, e)| match e {
            Expect::Text(t, _) => Some((v.name.clone(), t.clone())),
            _ => None,
        })
        .collect();

    match Config::from_source(source) {
        Ok(config) => {
            assert!(problems.is_empty(), "loaded, but expected {problems:?}");
            check_values(&config, &texts);
            let _ = format!("{config:?}{config:#?}");
        }
        Err(report) => {
            support::check_names(&report, source);
            assert_eq!(problem_set(report.problems()), problems, "{report}");
            // A failed load also names the unknown variables: a misspelt name is the usual
            // cause of a missing one.
            assert_eq!(problem_set(report.warnings()), unknown, "{report}");
            let _ = format!("{report}{report:?}");
        }
    }

    match Loader::new(source).load::<Config>() {
        Ok(loaded) => {
            assert!(problems.is_empty());
            assert_eq!(problem_set(&loaded.warnings), unknown);
            check_values(&loaded.config, &texts);
            check_summary(&loaded.variables, &oracle);
            let _ = format!("{}{loaded:?}", loaded.summary());
        }
        Err(report) => {
            support::check_names(&report, source);
            assert_eq!(problem_set(report.problems()), problems, "{report}");
            assert_eq!(problem_set(report.warnings()), unknown, "{report}");
        }
    }

    let strict = Loader::new(source).strict(true).load::<Config>();
    let all: BTreeSet<_> = problems.union(&unknown).cloned().collect();
    match strict {
        Ok(_) => assert!(all.is_empty(), "strict load passed, expected {all:?}"),
        Err(report) => {
            support::check_names(&report, source);
            assert_eq!(problem_set(report.problems()), all, "{report}");
        }
    }
    problems.is_empty()
}

fn config() -> ProptestConfig {
    // Failures are kept as literals in `tests/prop_regressions.rs`, not in files beside
    // the tests.
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(1000)
    }
}

/// Every source gives exactly the problems the documented rules predict, or the values;
/// both happen often enough to matter.
#[test]
fn hostile_sources_load_or_report_exactly() {
    let loaded = std::cell::Cell::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let result = runner.run(&source(), |source| {
        if check_source(&source) {
            loaded.set(loaded.get() + 1);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let loaded = loaded.get();
    println!("{loaded} of 1000 sources loaded, the others gave a report");
    assert!((50..950).contains(&loaded), "{loaded} of 1000 loaded");
}

proptest! {
    #![proptest_config(config())]

    /// A source of text reads the same from every kind of map and list.
    #[test]
    fn every_kind_of_map_reads_the_same(
        pairs in prop::collection::vec(("[A-Z_]{1,8}|APP_[A-Z_]{1,10}", text()), 0..12),
        complete in any::<bool>(),
    ) {
        let mut list: Vec<(String, String)> = Vec::new();
        if complete {
            list.extend(COMPLETE.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        }
        list.extend(pairs.into_iter().filter(|(k, _)| !k.ends_with("_FILE")));
        // Maps keep the last of two pairs with one name, as a list does.
        let btree: BTreeMap<String, String> = list.iter().cloned().collect();
        let hash: HashMap<String, String> = list.iter().cloned().collect();
        let os: OsMap = list.iter().map(|(k, v)| (k.into(), v.into())).collect();
        let strs: Vec<(&str, &str)> = list.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let outcome = |r: Result<Config, attached::Report>| match r {
            Ok(c) => format!("{c:?}"),
            Err(r) => r.to_string(),
        };
        let want = outcome(Config::from_source(&btree));
        prop_assert_eq!(&outcome(Config::from_source(&hash)), &want);
        prop_assert_eq!(&outcome(Config::from_source(&os)), &want);
        prop_assert_eq!(&outcome(Config::from_source(&list)), &want);
        prop_assert_eq!(&outcome(Config::from_source(strs.as_slice())), &want);
    }
}

#[test]
fn complete_source_loads_and_the_secrets_are_the_expected_ones() {
    let config = Config::from_source(COMPLETE).unwrap();
    assert_eq!(config.api_key.expose(), "key-123");
    let secret: Vec<String> = Config::variables()
        .into_iter()
        .filter(|v| v.secret)
        .map(|v| v.name)
        .collect();
    assert_eq!(secret, support::SECRET_VARIABLES);
}

/// The oracle itself against a few hand-written cases, so that a wrong oracle cannot make
/// the properties pass or fail for the wrong reason.
#[test]
fn the_oracle_agrees_with_hand_written_cases() {
    let mut source: OsMap = COMPLETE.iter().map(|(k, v)| (k.into(), v.into())).collect();
    source.insert("APP_WORKERS".into(), "eight".into());
    source.insert("APP_PIN".into(), "".into());
    source.insert("APP_SMTP_HOST_FILE".into(), file_path(2)); // empty file
    source.insert("APP_SMTP_HOST".into(), "".into());
    source.insert("APP_API_KEY_FILE".into(), file_path(0));
    source.insert("APP_LEVL".into(), "high".into());
    source.insert("APP_PORTS".into(), OsString::from_vec(vec![0xff]));
    let oracle = oracle(&source);
    let get = |n: &str| &oracle.iter().find(|(v, _)| v.name == n).unwrap().1;
    assert_eq!(
        *get("APP_WORKERS"),
        Expect::Problem("APP_WORKERS".into(), "invalid")
    );
    assert_eq!(*get("APP_PIN"), Expect::Unset);
    assert_eq!(
        *get("APP_SMTP_HOST"),
        Expect::Problem("APP_SMTP_HOST".into(), "file")
    );
    assert_eq!(
        *get("APP_API_KEY"),
        Expect::Problem("APP_API_KEY".into(), "both set")
    );
    assert_eq!(
        *get("APP_PORTS"),
        Expect::Problem("APP_PORTS".into(), "not unicode")
    );
    assert_eq!(
        expected_unknown(&source),
        BTreeSet::from([("APP_LEVL".to_owned(), "unknown")])
    );
    check_source(&source);
}
