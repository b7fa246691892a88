//! No output of the library contains a secret, or any four characters of one in a row, in
//! any case: 2,000 generated configurations, each planting secrets in every class of
//! value the library reads — typed connection URLs (valid and refused), `Secret<T>` (read
//! by its type and by a `with` function), fields secret by attribute and by name, plain
//! strings that carry credentials (URL passwords, `password=` settings, JSON, lone-user
//! tokens, proxy `user:pass@host`), lists of URLs, public and `not_secret` fields with
//! credentials inside, values read from `NAME_FILE` files, a secret given as the path of
//! a `NAME_FILE` by mistake, `with` and `validate` functions whose errors repeat the
//! value (quoted, cut, upper-cased), and names under the prefix that are themselves
//! secrets.
//!
//! Every output is searched: the config's `Debug` (`{:?}`, `{:#?}`), the `Report`
//! (`Display`, `Debug`, each problem's `Debug`), the startup summary (text and data),
//! `Loaded`'s `Debug`, the public JSON, and every docs renderer.
//!
//! The check is meaningful because of how secrets are made: every second character is a
//! Greek letter, which nothing else in a source and no message of the library contains,
//! so any four characters of a secret in a row hold two Greek letters and cannot appear
//! in an output by chance. Percent-encoded forms (in URLs) are searched too.

// The configs are loaded and printed; their fields are not read one by one.
#![allow(dead_code)]

use attached::{AmqpUrl, Attached, DatabaseUrl, Docs, Loader, RedisUrl, Report, Secret};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestCaseError;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A `with` function that refuses what does not start with `tok_`, repeating the value in
/// its error as careless code does: quoted, cut, upper-cased.
fn parse_token(text: &str) -> Result<Secret<String>, String> {
    if text.starts_with("tok_") {
        Ok(Secret::new(text.to_owned()))
    } else {
        let cut: String = text.chars().take(6).collect();
        Err(format!(
            "`{text}` is not a token (starts {cut:?}; {})",
            text.to_uppercase()
        ))
    }
}

/// A `validate` function with the same habit.
#[allow(clippy::ptr_arg)]
fn long_enough(text: &String) -> Result<(), String> {
    if text.chars().count() >= 12 {
        Ok(())
    } else {
        Err(format!("{text:?} is too short: {}", text.to_uppercase()))
    }
}

/// A `with` function for a plain field: its error repeats a value that may carry
/// credentials.
fn parse_endpoint(text: &str) -> Result<String, String> {
    if text.contains("localhost") {
        Err(format!("{text} points at localhost"))
    } else {
        Ok(text.to_owned())
    }
}

/// Nested, under `APP_VAULT_`, marked `secret`: all of it hidden, whatever the names.
#[derive(Attached)]
struct Vault {
    address: String,
    #[attached(default = 8200)]
    port: u16,
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    /// A typed connection URL: its password, never its text, is hidden.
    database: DatabaseUrl,
    cache: Option<RedisUrl>,
    #[attached(separator = " ")]
    brokers: Vec<AmqpUrl>,
    /// Secret by type.
    api_key: Secret<String>,
    /// Secret by type, though read by a function.
    #[attached(with = parse_token)]
    signing: Secret<String>,
    /// Secret by attribute, checked by a function that repeats it.
    #[attached(secret, validate = long_enough)]
    session: String,
    /// Secret by name only.
    db_password: Option<String>,
    /// A connection string in a plain `String`.
    legacy_dsn: Option<String>,
    /// Free text that may carry credentials.
    notes: Option<String>,
    /// Public: shown, but never its credentials.
    #[attached(public)]
    publishable: Option<String>,
    /// Plain configuration whose name looks like a credential.
    #[attached(not_secret)]
    pass_through: Option<String>,
    /// A list of URLs in plain strings.
    mirrors: Option<Vec<String>>,
    /// A plain field read by a function that repeats its value.
    #[attached(with = parse_endpoint)]
    endpoint: Option<String>,
    /// A default that holds a password.
    #[attached(default = "postgres://dev:δ1ε2ζ3η4θ5@localhost/dev".to_owned())]
    dev_url: String,
    #[attached(nested, secret)]
    vault: Vault,
}

/// The fixed secret of `dev_url`'s default, planted at compile time.
const DEFAULT_SECRET: &str = "δ1ε2ζ3η4θ5";

const GREEK: &str = "αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΚΛΜΝΞΠΡΣΤΦΧΨΩ";
const ASCII: &str = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

/// A secret: a Greek letter every second character, the others ASCII letters and digits,
/// 8 to 20 characters, with at least one digit (so that it also looks like a token).
fn secret() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            (
                prop::sample::select(GREEK.chars().collect::<Vec<_>>()),
                prop::sample::select(ASCII.chars().collect::<Vec<_>>()),
            ),
            4..10,
        ),
        0..10u8,
    )
        .prop_map(|(pairs, digit)| {
            let mut s: String = pairs.iter().flat_map(|(g, a)| [*g, *a]).collect();
            s.push(char::from(b'0' + digit));
            s
        })
}

/// `text` percent-encoded for a URL's userinfo or query: everything but unreserved ASCII.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// How a plain string carries a secret.
#[derive(Clone, Copy, Debug)]
enum Carrier {
    UrlPassword,
    PasswordSetting,
    QuotedSetting,
    Json,
    LoneUserToken,
    Proxy,
}

fn carry(carrier: Carrier, secret: &str) -> String {
    match carrier {
        Carrier::UrlPassword => format!("postgres://app:{secret}@db.internal:5432/app"),
        Carrier::PasswordSetting => format!("host=db user=app password={secret} sslmode=require"),
        Carrier::QuotedSetting => format!("Server=db;User Id=app;Password=\"{secret};x\";"),
        Carrier::Json => format!("{{\"user\": \"app\", \"password\": \"{secret}\"}}"),
        Carrier::LoneUserToken => format!("https://{secret}@o1.ingest.example.io/42"),
        Carrier::Proxy => format!("app:{secret}@proxy.internal:3128"),
    }
}

fn carrier() -> impl Strategy<Value = Carrier> {
    prop::sample::select(
        &[
            Carrier::UrlPassword,
            Carrier::PasswordSetting,
            Carrier::QuotedSetting,
            Carrier::Json,
            Carrier::LoneUserToken,
            Carrier::Proxy,
        ][..],
    )
}

#[derive(Clone, Debug)]
struct Case {
    secrets: Vec<String>,
    valid_url: bool,
    signing_ok: bool,
    session_ok: bool,
    carriers: [Carrier; 5],
    password_from_file: bool,
    file_path_is_secret: bool,
    secret_name: bool,
    endpoint_ok: bool,
    leave_out_api_key: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(secret(), 16),
        (
            prop::bool::weighted(0.8),
            prop::bool::weighted(0.8),
            prop::bool::weighted(0.8),
        ),
        [carrier(), carrier(), carrier(), carrier(), carrier()],
        (any::<bool>(), prop::bool::weighted(0.2), any::<bool>()),
        (prop::bool::weighted(0.8), prop::bool::weighted(0.1)),
    )
        .prop_map(
            |(secrets, (valid_url, signing_ok, session_ok), carriers, f, g)| Case {
                secrets,
                valid_url,
                signing_ok,
                session_ok,
                carriers,
                password_from_file: f.0,
                file_path_is_secret: f.1,
                secret_name: f.2,
                endpoint_ok: g.0,
                leave_out_api_key: g.1,
            },
        )
}

/// A file of this test process holding `text`, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(text: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("attached-prop-secrets-{}-{n}", std::process::id()));
        std::fs::write(&path, format!("{text}\n")).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl Case {
    /// The source, the files it names (kept alive by the caller), and every secret in it.
    fn source(&self) -> (BTreeMap<String, String>, Vec<TempFile>, Vec<String>) {
        let s = &self.secrets;
        let mut planted: Vec<String> = s.clone();
        planted.push(DEFAULT_SECRET.to_owned());
        let mut files = Vec::new();
        let mut m = BTreeMap::new();
        let port = if self.valid_url { "5432" } else { "54x2" };
        m.insert(
            "APP_DATABASE".to_owned(),
            format!(
                "postgres://app:{}@db:{port}/app?sslpassword={}",
                encode(&s[0]),
                encode(&s[1])
            ),
        );
        m.insert(
            "APP_CACHE".to_owned(),
            format!("redis://:{}@cache:6379/0", encode(&s[2])),
        );
        m.insert(
            "APP_BROKERS".to_owned(),
            format!(
                "amqp://u:{}@mq1:5672/vh amqp://u:{}@mq2:5672/vh",
                encode(&s[3]),
                encode(&s[4])
            ),
        );
        if !self.leave_out_api_key {
            m.insert("APP_API_KEY".to_owned(), s[5].clone());
        }
        let signing = if self.signing_ok {
            format!("tok_{}", s[6])
        } else {
            s[6].clone()
        };
        m.insert("APP_SIGNING".to_owned(), signing);
        let session = if self.session_ok {
            format!("{}{}", s[7], s[7])
        } else {
            s[7].chars().take(5).collect()
        };
        m.insert("APP_SESSION".to_owned(), session);
        if self.password_from_file {
            let file = TempFile::new(&s[8]);
            m.insert(
                "APP_DB_PASSWORD_FILE".to_owned(),
                file.0.to_str().unwrap().to_owned(),
            );
            files.push(file);
        } else {
            m.insert("APP_DB_PASSWORD".to_owned(), s[8].clone());
        }
        let [c0, c1, c2, c3, c4] = self.carriers;
        m.insert("APP_LEGACY_DSN".to_owned(), carry(c0, &s[9]));
        m.insert("APP_NOTES".to_owned(), carry(c1, &s[10]));
        m.insert(
            "APP_PUBLISHABLE".to_owned(),
            format!("pk_live {}", carry(c2, &s[11])),
        );
        m.insert("APP_PASS_THROUGH".to_owned(), carry(c3, &s[12]));
        m.insert(
            "APP_MIRRORS".to_owned(),
            format!(
                "https://u:{}@m1.example/repo,https://u:{}@m2.example/repo",
                s[13], s[14]
            ),
        );
        let endpoint = carry(c4, &s[15]);
        let endpoint = if self.endpoint_ok {
            endpoint
        } else {
            format!("{endpoint} localhost")
        };
        m.insert("APP_ENDPOINT".to_owned(), endpoint);
        m.insert(
            "APP_VAULT_ADDRESS".to_owned(),
            "https://vault.internal:8200".to_owned(),
        );
        // A secret set as the path of a `NAME_FILE` by mistake: the file does not exist.
        if self.file_path_is_secret {
            let mistake = format!("{}{}", s[0], s[1]);
            m.insert("APP_VAULT_PORT_FILE".to_owned(), mistake.clone());
            planted.push(mistake);
        }
        // A secret where a name goes: an unknown variable under the prefix.
        if self.secret_name {
            m.insert(format!("APP_{}", s[3]), "1".to_owned());
        }
        (m, files, planted)
    }
}

/// Every four-character piece of each secret, and every piece of its percent-encoded form
/// that holds a `%` (a piece of only the ASCII characters around an encoded letter, such
/// as `8035` in `%CF%8035`, could be a number anywhere, a process id in a path), lowercase.
fn pieces(secrets: &[String]) -> HashSet<Vec<char>> {
    let mut out = HashSet::new();
    let lower = |text: &str| text.to_lowercase().chars().collect::<Vec<char>>();
    for secret in secrets {
        out.extend(lower(secret).windows(4).map(<[char]>::to_vec));
        out.extend(
            lower(&encode(secret))
                .windows(4)
                .filter(|w| w.contains(&'%'))
                .map(<[char]>::to_vec),
        );
    }
    out
}

/// The first piece of a secret in `output`, if any.
fn leak(output: &str, pieces: &HashSet<Vec<char>>) -> Option<String> {
    let chars: Vec<char> = output.to_lowercase().chars().collect();
    chars
        .windows(4)
        .find(|w| pieces.contains(*w))
        .map(|w| w.iter().collect())
}

fn report_outputs(report: &Report, out: &mut Vec<(&'static str, String)>) {
    out.push(("Report Display", report.to_string()));
    out.push(("Report Debug", format!("{report:?}")));
    out.push(("problems Debug", format!("{:?}", report.problems())));
    out.push(("warnings Debug", format!("{:?}", report.warnings())));
}

/// Every output of every way to load `source`.
fn outputs(source: &BTreeMap<String, String>) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    match Config::from_source(source) {
        Ok(c) => {
            out.push(("config {:?}", format!("{c:?}")));
            out.push(("config {:#?}", format!("{c:#?}")));
        }
        Err(r) => report_outputs(&r, &mut out),
    }
    for strict in [false, true] {
        match Loader::new(source).strict(strict).load::<Config>() {
            Ok(loaded) => {
                out.push(("summary", loaded.summary().to_string()));
                out.push(("Summary Debug", format!("{:?}", loaded.summary())));
                out.push(("Loaded {:#?}", format!("{loaded:#?}")));
                out.push(("public JSON", loaded.public_json()));
                let docs = Docs::new(loaded.variables.clone());
                out.push(("markdown", docs.markdown()));
                out.push((".env.example", docs.env_example()));
                out.push(("kubernetes", docs.kubernetes("s", "c")));
            }
            Err(r) => report_outputs(&r, &mut out),
        }
    }
    let docs = Docs::of::<Config>();
    out.push(("described markdown", docs.markdown()));
    out.push(("described .env.example", docs.env_example()));
    out.push(("described kubernetes", docs.kubernetes("s", "c")));
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(2000)
    })]

    /// No output shows a secret or any four characters of one.
    #[test]
    fn no_output_shows_any_piece_of_a_secret(case in case()) {
        let (source, _files, planted) = case.source();
        let pieces = pieces(&planted);
        for (what, output) in outputs(&source) {
            if let Some(piece) = leak(&output, &pieces) {
                return Err(TestCaseError::fail(format!(
                    "{what} shows {piece:?} of a secret:\n{output}"
                )));
            }
        }
    }
}

/// The generator plants what it means to: loads succeed and fail, so that both the
/// value outputs and the reports are searched.
#[test]
fn cases_reach_both_outputs() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut loaded, mut failed) = (0, 0);
    for _ in 0..200 {
        let case = case().new_tree(&mut runner).unwrap().current();
        let (source, _files, _) = case.source();
        match Config::from_source(&source) {
            Ok(_) => loaded += 1,
            Err(_) => failed += 1,
        }
    }
    assert!(
        loaded >= 10 && failed >= 10,
        "{loaded} loaded, {failed} failed"
    );
}

/// The check finds a piece of a secret in any case and in its encoded form.
#[test]
fn the_check_finds_pieces() {
    let secrets = vec!["αaβbγcδd1".to_owned()];
    let pieces = pieces(&secrets);
    assert!(leak("x ΒBΓC y", &pieces).is_some());
    assert!(leak("user:%CE%B1a@", &pieces).is_some());
    assert!(leak("nothing here", &pieces).is_none());
    assert!(leak("αa", &pieces).is_none());
}
