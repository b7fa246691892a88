//! Two fields that read one variable, when only loading can tell: a nested struct's
//! variable that a field of the outer struct also reads, as its name or its `NAME_FILE`,
//! before or after the nested field, and through a fallback. (Within one struct the
//! derive refuses them at compile time: `tests/ui/`.)

#![allow(dead_code, reason = "most structs here exist to fail to load")]

use attached::{Attached, ProblemKind};

#[derive(Attached)]
struct Smtp {
    host: String,
    password: Option<String>,
}

/// The outer field first, the nested one after.
#[derive(Attached)]
#[attached(prefix = "APP_")]
struct OuterFirst {
    smtp_host: String,
    #[attached(nested)]
    smtp: Smtp,
}

/// The nested field first, the outer one after.
#[derive(Attached)]
#[attached(prefix = "APP_")]
struct NestedFirst {
    #[attached(nested)]
    smtp: Smtp,
    port: u16,
    smtp_host: String,
}

/// An outer field reads the `NAME_FILE` of a nested one.
#[derive(Attached)]
#[attached(prefix = "APP_")]
struct FileForm {
    #[attached(nested)]
    smtp: Smtp,
    smtp_password_file: Option<String>,
}

/// A nested field whose fallback is an outer field's variable.
#[derive(Attached)]
struct Db {
    #[attached(fallback = "APP_URL")]
    url: String,
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Fallback {
    url: String,
    #[attached(nested)]
    db: Db,
}

/// No two fields read one variable: many plain fields, then a nested struct.
#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Fine {
    host: String,
    port: u16,
    smtp_port: u16,
    #[attached(nested)]
    smtp: Smtp,
}

/// Each conflict: its variable, the field refused, the field that read the variable first.
fn conflicts(report: &attached::Report) -> Vec<(&str, &str, &str)> {
    report
        .problems()
        .iter()
        .filter_map(|p| match p.kind() {
            ProblemKind::Conflict { other_field } => {
                Some((p.variable(), p.field(), other_field.as_str()))
            }
            _ => None,
        })
        .collect()
}

fn report<T: Attached + std::fmt::Debug>(vars: &[(&str, &str)]) -> attached::Report {
    T::from_source(vars).expect_err("two fields read one variable")
}

#[test]
fn a_nested_variable_read_by_an_outer_field_before_it() {
    let vars = [("APP_SMTP_HOST", "mail.internal")];
    let report = report::<OuterFirst>(&vars);
    assert_eq!(
        conflicts(&report),
        [("APP_SMTP_HOST", "smtp.host", "smtp_host")]
    );
    // The field that conflicts is not read: no second problem for it.
    assert_eq!(report.problems().len(), 1, "{report}");
}

#[test]
fn an_outer_field_reading_a_nested_variable_after_it() {
    let vars = [("APP_SMTP_HOST", "mail.internal"), ("APP_PORT", "25")];
    let report = report::<NestedFirst>(&vars);
    assert_eq!(
        conflicts(&report),
        [("APP_SMTP_HOST", "smtp_host", "smtp.host")]
    );
    assert_eq!(report.problems().len(), 1, "{report}");
}

#[test]
fn an_outer_field_reading_the_file_form_of_a_nested_one() {
    let vars = [("APP_SMTP_HOST", "mail.internal")];
    let report = report::<FileForm>(&vars);
    assert_eq!(
        conflicts(&report),
        [(
            "APP_SMTP_PASSWORD_FILE",
            "smtp_password_file",
            "smtp.password"
        )]
    );
}

#[test]
fn a_nested_fallback_read_by_an_outer_field() {
    let vars = [("APP_URL", "x")];
    let report = report::<Fallback>(&vars);
    assert_eq!(conflicts(&report), [("APP_URL", "db.url", "url")]);
}

#[test]
fn distinct_names_load_and_unknown_ones_are_still_found() {
    let vars = [
        ("APP_HOST", "h"),
        ("APP_PORT", "1"),
        ("APP_SMTP_PORT", "2"),
        ("APP_SMTP_HOST", "m"),
    ];
    let fine = Fine::from_source(&vars[..]).expect("no conflict");
    assert_eq!(fine.smtp.host, "m");
    // A failed load looks for unknown names among every field's, the plain fields' too.
    let vars = [
        ("APP_HOST", "h"),
        ("APP_PORTT", "1"),
        ("APP_SMTP_HOST", "m"),
    ];
    let report = Fine::from_source(&vars[..]).expect_err("APP_PORT is missing");
    let unknown: Vec<_> = report
        .warnings()
        .iter()
        .filter_map(|w| match w.kind() {
            ProblemKind::Unknown { suggestion } => Some((w.variable(), suggestion.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(unknown, [("APP_PORTT", Some("APP_PORT"))]);
}

/// Two nested structs under prefixes of the same length, one after the other.
#[derive(Attached)]
#[attached(prefix = "APP_")]
struct TwoRelays {
    #[attached(nested)]
    smtp: Smtp,
    #[attached(nested)]
    imap: Smtp,
}

#[test]
fn unknown_names_are_looked_for_under_every_nested_prefix() {
    let vars = [("APP_SMTP_HOST", "m"), ("APP_IMAP_HOSTT", "i")];
    let report = TwoRelays::from_source(&vars[..]).expect_err("APP_IMAP_HOST is missing");
    let unknown: Vec<_> = report
        .warnings()
        .iter()
        .filter(|w| matches!(w.kind(), ProblemKind::Unknown { .. }))
        .map(|w| w.variable())
        .collect();
    assert_eq!(unknown, ["APP_IMAP_HOSTT"]);
}
