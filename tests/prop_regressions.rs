//! Every input that a property test or a fuzz target found to break the library, as a
//! literal, with what went wrong and where it was fixed.

#[path = "support/mod.rs"]
mod support;

use attached::{Attached, Loader, Value, mask};
use std::time::Duration;
use support::{COMPLETE, Config};

/// A source of the complete config with `extra` over it.
fn complete_with<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut source = COMPLETE.to_vec();
    source.extend_from_slice(extra);
    source
}

/// Found by `prop_roundtrip` (review of `duration::scaled`): the fraction was added to the
/// whole part unchecked, so a number just under `u128::MAX` nanoseconds overflowed: a
/// panic in debug builds, and in release a wrapped, tiny duration accepted as valid.
/// Fixed in `duration.rs` with `checked_add`.
#[test]
fn duration_fraction_overflow_is_too_long_not_a_panic() {
    for text in [
        "340282366920938463463374607431768211.999us",
        "340282366920938463463374607431768.9999999ms",
        "5671372782015641057722910123.99999999999m",
        "562636188692027882710606.9999999999999999w",
    ] {
        assert_eq!(
            Duration::parse(text).unwrap_err().reason(),
            "too long a duration",
            "{text}"
        );
    }
}

/// Found by `prop_load::hostile_sources_load_or_report_exactly`: `mask` panicked with
/// "byte index is not a char boundary" on any text with a non-ASCII character right
/// before `=`, as in `café=1`: the start of a `name=value` name was taken one byte after
/// the last character that cannot be in a name, which is inside a multi-byte character.
/// `mask` runs on every shown value, so one such variable crashed `Loader::load`, a
/// config's `Debug`, and `from_source` when the value was invalid. Fixed in `redact.rs`
/// by searching bytes.
#[test]
fn mask_does_not_split_a_character_before_equals() {
    assert_eq!(mask("café=1"), "café=1");
    assert_eq!(mask("Ѩ=x"), "Ѩ=x");
    assert_eq!(mask("ключ token=abc"), "ключ token=***");
    assert_eq!(mask("éAPI_KEY=abc"), "éAPI_KEY=***");
    let source = complete_with(&[("APP_PUBLISHABLE_KEY", "café=1"), ("APP_DATA_DIR", "Ѩ==")]);
    let loaded = Loader::new(source.as_slice()).load::<Config>().unwrap();
    let _ = format!("{:?} {}", loaded.config, loaded.summary());
    let source = complete_with(&[("DATABASE_URL", "localhost é=1")]);
    let report = Config::from_source(source.as_slice()).err().unwrap();
    assert!(report.to_string().contains("é=1"), "{report}");
}

/// Found by `prop_leaks::no_output_shows_a_secret`: an invalid item of a secret list is
/// shown when the item parser repeats its input. The error of a secret field goes through
/// `scrub` (`load.rs`), which removes the field's whole text and its trimmed form from the
/// reason; but a list's reason is `item N: <reason of the item>`, and the item parser saw
/// only the item, so the item's text is not the whole text and stays. Here
/// `APP_SIGNING_KEYS` (secret by its name, read with `with = parse_signing_key`, whose
/// error repeats the item as careless user code does) prints
/// `item 1: qZA-A- does not start with sk_`. Fixed in `load.rs`: every parser is told
/// whether the field is secret, and removes the text it was given (for a list, the item)
/// from the errors of the code it calls.
#[test]

fn a_secret_lists_invalid_item_is_not_shown() {
    let source = complete_with(&[("APP_SIGNING_KEYS", "qZA-A-,sk_qZ-a-0")]);
    let report = Config::from_source(source.as_slice()).err().unwrap();
    let text = report.to_string();
    assert!(text.contains("APP_SIGNING_KEYS"), "{text}");
    assert!(!text.contains("qZA-A-"), "{text}");
}

/// Found by review of `redact::userinfo_passwords` while writing the generators of
/// `prop_leaks`: `'` ends a URL in free text (it is taken for a quote around it), but
/// RFC 3986 allows it unencoded in a password (it is a sub-delim). The URL is then cut
/// before its `@`, no password is found, and the whole password is shown, by the
/// generated `Debug`, the startup summary, and a report, for a connection string read
/// into a plain `String` (the safety net the design promises). Fixed in `redact.rs`: `'`
/// no longer ends a URL; it still ends the value of a `name=value` pair.
#[test]

fn a_url_password_with_a_quote_is_masked() {
    assert_eq!(
        mask("postgres://app:qZab'cd@db/billing"),
        "postgres://app:***@db/billing"
    );
    let source = complete_with(&[("DATABASE_URL", "postgres://app:qZab'cd@db/billing")]);
    let loaded = Loader::new(source.as_slice()).load::<Config>().unwrap();
    let shown = format!("{:?}\n{}", loaded.config, loaded.summary());
    assert!(!shown.contains("cd@db"), "{shown}");
}

/// Found by review of `redact::sensitive_pairs`: libpq's keyword form allows spaces
/// around `=` (`host=db password = hunter2`), and then the name before `=` is empty, so
/// the password is shown. Fixed in `redact.rs`: spaces around `=` are skipped.
#[test]

fn a_keyword_password_with_spaces_around_equals_is_masked() {
    assert_eq!(
        mask("host=db password = qZhunter2 port=5432"),
        "host=db password = *** port=5432"
    );
}

/// Once found by `prop_roundtrip::the_summary_shows_public_values_that_parse_back`, and
/// then decided the other way: `public` said "show as it is", so a public field holding
/// `token=abc` printed the token in `Debug`, the summary and public JSON. `public` means
/// "not secret, safe to hand to a browser", and a credential inside a value is never safe
/// there: every output now shows a public value as the masker does, `Debug` included.
#[test]
fn a_public_value_hides_its_credentials() {
    let source = complete_with(&[("APP_PUBLISHABLE_KEY", "pk_live?token=abc")]);
    let loaded = Loader::new(source.as_slice()).load::<Config>().unwrap();
    let debug = format!("{:?}", loaded.config);
    assert!(debug.contains("pk_live?token=***"), "{debug}");
    let v = loaded
        .variables
        .iter()
        .find(|v| v.name == "APP_PUBLISHABLE_KEY")
        .unwrap();
    assert_eq!(v.shown.as_deref(), Some("pk_live?token=***"));
    let json = loaded.public_json();
    assert!(
        json.contains("pk_live?token=***") && !json.contains("abc"),
        "{json}"
    );
}

/// Writes `text` to a `.env` file of this test and reads it.
fn dotenv(test: &str, text: &str) -> attached::DotEnv {
    let path = support::files_dir().join(format!("{test}.env"));
    std::fs::write(&path, text).unwrap();
    attached::DotEnv::from_path(&path).unwrap()
}

/// The line of the assignment that set `name`, as the summary shows it.
fn line_of(dotenv: &attached::DotEnv, name: &str) -> usize {
    match attached::Source::get(dotenv, name).unwrap().origin {
        attached::Origin::DotEnv { line, .. } => line,
        other => panic!("{other:?}"),
    }
}

/// Found by the `dotenv` fuzz target, twice (`export = mail`, then `export\x0c A=...` in
/// mutated files): the line of an assignment is looked for by `assignment_line`
/// (`source.rs`), whose idea of `export` differs from the parser's (dotenvy). After
/// `export` and a tab or a form feed (`export\tA=1`), or for a variable named `export`
/// written with spaces around `=` (`export = 1`), the variable is read but its line is 0,
/// so the summary says `.env:0`. Fixed in `source.rs`: `export` may be followed by any
/// white space, and a variable may be called `export`.
#[test]

fn every_assignment_has_its_line() {
    let written = dotenv("export", "A=1\nexport\tB=2\nexport = 3\n");
    assert_eq!(line_of(&written, "A"), 1);
    assert_eq!(line_of(&written, "B"), 2);
    assert_eq!(line_of(&written, "export"), 3);
    // The fuzzer's inputs, as found.
    let found = dotenv(
        "export-found-1",
        "APP_API_KEY=sk_ж-secret-1\nexport DATABASE_UAPP_API_IEY=sAPP_A!PI_KEY=sk_ж-sececret-1\n\
         export = mail\n",
    );
    assert_eq!(line_of(&found, "export"), 3);
    let found = dotenv(
        "export-found-2",
        "APP_API_KE=sk_APPE\x0c\x0c\x0c\x0c\x0c\x0cж-secre\x01\x021\nexport\x0c DATABAres=sk\x0c_\n",
    );
    assert_eq!(line_of(&found, "DATABAres"), 2);
}

/// Found by the `service` fuzz target (`sqlite://u:pwDh:584@2/7xiqlite:/s3://Dhb:`):
/// `DatabaseUrl` reads a `sqlite://` URL as a path, so a user and password written in it
/// (a `DATABASE_URL` moved from Postgres to SQLite by its scheme alone) are taken for part
/// of the file name, and its `Display` and `Debug` show the password; the plain-`String`
/// safety net (`mask`) would have hidden it. Either refusing credentials in a SQLite URL
/// (as `S3Url` does, without repeating them) or masking them would do. Fixed in
/// `service/database.rs`: such a URL is refused, without repeating it.
#[test]

fn a_sqlite_url_does_not_show_a_password() {
    for text in [
        "sqlite://app:qZhunter2@db/billing.db",
        // As found: the fuzzer's first byte (a space) picked `DatabaseUrl`.
        "  sqlite://u:pwDh:584@2/7xiqlite:/s3://Dhb:",
    ] {
        let password = if text.contains("qZ") {
            "qZhunter2"
        } else {
            "pwDh:584"
        };
        match attached::DatabaseUrl::parse(text) {
            Ok(url) => {
                assert!(!url.to_string().contains(password), "{url}");
                assert!(!format!("{url:?}").contains(password), "{url:?}");
            }
            Err(e) => assert!(!e.reason().contains(password), "{e}"),
        }
    }
}

/// Found by `prop_load::hostile_sources_load_or_report_exactly`: a field read by a `with`
/// function into a `Value` type that holds no credentials (`level`, `low` read as `1`) was
/// shown in the summary as the type writes it (`1`), not as the text read, as a field of
/// that type read without `with` is. Fixed in `show::ValueView`: only a type that holds
/// credentials is shown as its own redacted form.
#[test]
fn a_with_field_of_a_plain_value_type_is_shown_as_read() {
    let source = complete_with(&[("APP_LEVEL", "low")]);
    let loaded = Loader::new(source.as_slice()).load::<Config>().unwrap();
    let level = loaded
        .variables
        .iter()
        .find(|v| v.name == "APP_LEVEL")
        .unwrap();
    assert_eq!(level.shown.as_deref(), Some("low"));
}
