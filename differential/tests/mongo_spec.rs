//! The MongoDB drivers' Connection String and URI Options specification tests, run
//! against `MongoUrl`.
//!
//! The JSON files under `tests/mongo-spec/` are the specifications' own, unmodified (see
//! the README there). For each case: an invalid URI must be refused; a valid one must be
//! read with the expected hosts (type, host, port), user name, password and database, and
//! the expected options (names compared without case, as the specification says); a case
//! that expects a warning must produce at least one from `Value::warnings`, and one that
//! expects none must produce none.
//!
//! A case that cannot be checked, or that `MongoUrl` reads otherwise on purpose, is in
//! [`SKIPPED`] with the reason. A listed case that is not found fails the test, so the list
//! stays true.

use std::collections::BTreeMap;
use std::path::Path;

use attached_core::{MongoUrl, Value};
use serde_json::Value as Json;

/// The specifications' test files, all of them: the Connection String specification's,
/// then the URI Options specification's.
const FILES: &[&str] = &[
    "connection-string/invalid-uris.json",
    "connection-string/valid-auth.json",
    "connection-string/valid-db-with-dotted-name.json",
    "connection-string/valid-host_identifiers.json",
    "connection-string/valid-options.json",
    "connection-string/valid-unix_socket-absolute.json",
    "connection-string/valid-unix_socket-relative.json",
    "connection-string/valid-warnings.json",
    "uri-options/auth-options.json",
    "uri-options/client-backpressure-options.json",
    "uri-options/compression-options.json",
    "uri-options/concern-options.json",
    "uri-options/connection-options.json",
    "uri-options/connection-pool-options.json",
    "uri-options/proxy-options.json",
    "uri-options/read-preference-options.json",
    "uri-options/sdam-options.json",
    "uri-options/single-threaded-options.json",
    "uri-options/srv-options.json",
    "uri-options/tls-options.json",
];

/// (file, description) -> why the case is not checked.
const SKIPPED: &[(&str, &str, &str)] = &[(
    "connection-string/valid-auth.json",
    "Username with empty password",
    "`password()` is `None` for an empty password (`alice:@host`), as for no password; the \
     specification tells an empty password from none, and `expose()` still hands `:` to the \
     driver",
)];

/// (file, description) of the valid cases that expect no warning where `MongoUrl` gives
/// one on purpose: the specification reads the string, and the Rust driver, mongodb 3,
/// refuses it (the same cases that driver's own runner of these tests skips: an option it
/// does not implement, `maxPoolSize=0`). Each must give a warning, and every warning must
/// say that the Rust driver refuses the string. A listed case that is not found fails the
/// test, as for [`SKIPPED`].
const RUST_REFUSES: &[(&str, &str)] = &[
    (
        "uri-options/connection-options.json",
        "Valid connection and timeout options are parsed correctly",
    ),
    ("uri-options/connection-options.json", "timeoutMS=0"),
    (
        "uri-options/connection-pool-options.json",
        "maxPoolSize=0 does not error",
    ),
    (
        "uri-options/tls-options.json",
        "tlsAllowInvalidHostnames is parsed correctly",
    ),
    (
        "uri-options/tls-options.json",
        "tlsDisableCertificateRevocationCheck can be set to true",
    ),
    (
        "uri-options/tls-options.json",
        "tlsDisableCertificateRevocationCheck can be set to false",
    ),
    (
        "uri-options/tls-options.json",
        "tlsDisableOCSPEndpointCheck can be set to true",
    ),
    (
        "uri-options/tls-options.json",
        "tlsDisableOCSPEndpointCheck can be set to false",
    ),
    (
        "uri-options/single-threaded-options.json",
        "Valid options specific to single-threaded drivers are parsed correctly",
    ),
];

/// What every warning of a [`RUST_REFUSES`] case says.
const RUST_REFUSES_SAYS: &str = "the Rust driver, mongodb";

fn skip_reason(file: &str, description: &str) -> Option<&'static str> {
    SKIPPED
        .iter()
        .find(|&&(f, d, _)| f == file && d == description)
        .map(|&(_, _, reason)| reason)
}

/// An expected option value, as the text of the connection string reads it: strings as
/// they are, booleans and numbers as written, a list of strings (`compressors`) as one
/// comma-separated value, a key-value object (`authMechanismProperties`) as its pairs, and
/// a list of them (`readPreferenceTags`) as one such value per occurrence of the option.
#[derive(Debug, PartialEq)]
enum Expected {
    Text(String),
    List(Vec<String>),
    Pairs(BTreeMap<String, String>),
    PairsList(Vec<BTreeMap<String, String>>),
}

fn pairs_of(map: &serde_json::Map<String, Json>) -> Result<BTreeMap<String, String>, String> {
    map.iter()
        .map(|(k, v)| match v {
            Json::String(s) => Ok((k.clone(), s.clone())),
            other => Err(format!("a non-string property {other}")),
        })
        .collect()
}

fn expected_option(value: &Json) -> Result<Expected, String> {
    match value {
        Json::String(s) => Ok(Expected::Text(s.clone())),
        Json::Bool(b) => Ok(Expected::Text(b.to_string())),
        Json::Number(n) => Ok(Expected::Text(n.to_string())),
        Json::Object(map) => pairs_of(map).map(Expected::Pairs),
        Json::Array(items) if items.iter().all(Json::is_string) => Ok(Expected::List(
            items
                .iter()
                .filter_map(Json::as_str)
                .map(str::to_owned)
                .collect(),
        )),
        Json::Array(items) => items
            .iter()
            .map(|item| match item {
                Json::Object(map) => pairs_of(map),
                other => Err(format!("a list item of unexpected type: {other}")),
            })
            .collect::<Result<_, _>>()
            .map(Expected::PairsList),
        other => Err(format!("an option value of unexpected type: {other}")),
    }
}

/// What `MongoUrl` gives for the option, in the shape of `expected`: `found` holds its
/// values, one per occurrence (not empty).
fn read_as(expected: &Expected, found: &[String]) -> Result<Expected, String> {
    // An option repeated with one value (a warning) reads as that value.
    let single = || match found {
        [first, rest @ ..] if rest.iter().all(|v| v == first) => Ok(first.clone()),
        _ => Err(format!("{} different values, expected one", found.len())),
    };
    Ok(match expected {
        Expected::Text(_) => Expected::Text(single()?),
        Expected::List(_) => Expected::List(single()?.split(',').map(str::to_owned).collect()),
        Expected::Pairs(_) => Expected::Pairs(split_pairs(&single()?)),
        Expected::PairsList(_) => {
            Expected::PairsList(found.iter().map(|v| split_pairs(v)).collect())
        }
    })
}

/// A key-value option value split as the specification says: pairs at `,`, each key up to
/// the first `:`.
fn split_pairs(value: &str) -> BTreeMap<String, String> {
    value
        .split(',')
        .filter_map(|piece| piece.split_once(':'))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// Checks one case; `Err` says what differs. Never prints a password read by `MongoUrl`.
/// With `rust_refuses` (a [`RUST_REFUSES`] case), a case that expects no warning must
/// give warnings that the Rust driver refuses it, and only those.
fn check(case: &Json, rust_refuses: bool) -> Result<(), String> {
    let uri = case["uri"].as_str().ok_or("no uri")?;
    let valid = case["valid"].as_bool().ok_or("no valid")?;
    let parsed = MongoUrl::parse(uri);
    if !valid {
        return match parsed {
            Ok(_) => Err("accepted an invalid URI".to_owned()),
            Err(_) => Ok(()),
        };
    }
    let url = parsed.map_err(|e| format!("refused a valid URI: {e}"))?;

    let mut warnings = Vec::new();
    url.warnings(&mut |w| warnings.push(w));
    if rust_refuses && !warnings.iter().all(|w| w.contains(RUST_REFUSES_SAYS)) {
        return Err(format!(
            "expected only warnings that the Rust driver refuses it: {warnings:?}"
        ));
    }
    let warned = if rust_refuses {
        Some(true)
    } else {
        case["warning"].as_bool()
    };
    match warned {
        Some(true) if warnings.is_empty() => return Err("no warning".to_owned()),
        Some(false) if !warnings.is_empty() => {
            return Err(format!("unexpected warnings: {warnings:?}"));
        }
        _ => {}
    }

    if let Some(hosts) = case["hosts"].as_array() {
        if hosts.len() != url.hosts().len() {
            return Err(format!(
                "{} hosts, expected {}",
                url.hosts().len(),
                hosts.len()
            ));
        }
        for (expected, host) in hosts.iter().zip(url.hosts()) {
            let name = expected["host"].as_str().ok_or("no host")?;
            if host.name() != name {
                return Err(format!("host {:?}, expected {name:?}", host.name()));
            }
            if let Some(port) = expected["port"].as_u64() {
                if u64::from(host.port()) != port {
                    return Err(format!("port {}, expected {port}", host.port()));
                }
            }
            let unix = match expected["type"].as_str() {
                Some("unix") => Some(true),
                Some("ipv4" | "ip_literal" | "hostname") => Some(false),
                Some(other) => return Err(format!("unknown host type {other}")),
                None => None,
            };
            if unix.is_some_and(|unix| unix != host.is_socket()) {
                return Err(format!(
                    "host {name:?}: is_socket() is {}",
                    host.is_socket()
                ));
            }
        }
    }

    if let Some(auth) = case["auth"].as_object() {
        let user = url.user().map(|u| u.into_owned());
        let password = url.password().map(|p| p.expose().clone());
        let database = url.database().map(|d| d.into_owned());
        let expected = |key: &str| auth.get(key).and_then(Json::as_str).map(str::to_owned);
        if user != expected("username") {
            return Err(format!(
                "user {user:?}, expected {:?}",
                expected("username")
            ));
        }
        if password != expected("password") {
            // The expected password is the specification's, public; the one read is not shown.
            return Err(format!(
                "the password differs from the expected {:?}",
                expected("password")
            ));
        }
        if database != expected("db") {
            return Err(format!(
                "database {database:?}, expected {:?}",
                expected("db")
            ));
        }
    }

    if let Some(options) = case["options"].as_object() {
        for (name, value) in options {
            let found: Vec<_> = url
                .query()
                .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.into_owned())
                .collect();
            if found.is_empty() {
                return Err(format!("option {name} missing"));
            }
            let expected = expected_option(value)?;
            let read = read_as(&expected, &found).map_err(|e| format!("option {name}: {e}"))?;
            if read != expected {
                return Err(format!("option {name} is {found:?}, expected {value}"));
            }
        }
    }
    Ok(())
}

#[test]
fn mongodb_connection_string_specification() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mongo-spec");
    let mut failures = Vec::new();
    let mut listed_seen = Vec::new();
    let mut counts = Vec::new();
    for file in FILES {
        let text = std::fs::read_to_string(dir.join(file)).expect(file);
        let json: Json = serde_json::from_str(&text).expect(file);
        let cases = json["tests"].as_array().expect("a tests array");
        let (mut passed, mut skipped) = (0, 0);
        for case in cases {
            let description = case["description"].as_str().expect("a description");
            if skip_reason(file, description).is_some() {
                listed_seen.push((*file, description.to_owned()));
                skipped += 1;
                continue;
            }
            let rust_refuses = RUST_REFUSES.contains(&(*file, description));
            if rust_refuses {
                listed_seen.push((*file, description.to_owned()));
            }
            match check(case, rust_refuses) {
                Ok(()) => passed += 1,
                Err(why) => failures.push(format!("{file}: {description}: {why}")),
            }
        }
        counts.push((*file, passed, skipped));
    }
    for (file, description) in RUST_REFUSES {
        assert!(
            listed_seen.contains(&(*file, (*description).to_owned())),
            "a case the Rust driver refuses is not in the files: {file}: {description}"
        );
    }
    for (file, description, _) in SKIPPED {
        assert!(
            listed_seen.contains(&(*file, (*description).to_owned())),
            "a skipped case is not in the files: {file}: {description}"
        );
    }
    let (mut passed, mut skipped) = (0, 0);
    for (file, p, s) in &counts {
        println!("{file}: {p} passed, {s} skipped");
        passed += p;
        skipped += s;
    }
    println!("MongoDB connection string specification: {passed} passed, {skipped} skipped");
    assert!(
        failures.is_empty(),
        "{} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
