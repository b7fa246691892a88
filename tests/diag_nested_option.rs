//! `#[attached(nested)]` on an `Option<Struct>`: `None` when none of its variables is
//! set, the struct when it reads, and a problem for each required variable it lacks when
//! it is partly set.

// Some fields are there to be read, and are not looked at.
#![allow(dead_code)]

use attached::{Attached, Loader, ProblemKind, Requirement, Secret};

/// Mail relay.
#[derive(Attached)]
struct Smtp {
    /// Relay host.
    host: String,
    #[attached(default = 587)]
    port: u16,
    user: String,
    password: Option<Secret<String>>,
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    name: String,
    #[attached(nested)]
    smtp: Option<Smtp>,
}

#[test]
fn none_when_none_of_its_variables_is_set() {
    let loaded = Loader::new(&[("APP_NAME", "billing"), ("APP_SMTP_HOST", "")])
        .strict(true)
        .load::<Config>()
        .unwrap();
    assert!(loaded.config.smtp.is_none());
    assert!(format!("{:?}", loaded.config).contains("smtp: None"));
}

#[test]
fn the_struct_when_its_required_variables_are_set() {
    let source = [
        ("APP_NAME", "billing"),
        ("APP_SMTP_HOST", "mail"),
        ("APP_SMTP_USER", "app"),
        ("APP_SMTP_PASSWORD", "hunter2"),
    ];
    let config = Config::from_source(&source).unwrap();
    let smtp = config.smtp.as_ref().unwrap();
    assert_eq!(
        (smtp.host.as_str(), smtp.port, smtp.user.as_str()),
        ("mail", 587, "app")
    );
    let debug = format!("{config:?}");
    assert!(
        debug.contains("Some(Smtp {") && !debug.contains("hunter2"),
        "{debug}"
    );
}

#[test]
fn partly_set_names_the_missing_ones() {
    let report =
        Config::from_source(&[("APP_NAME", "billing"), ("APP_SMTP_PORT", "25")]).unwrap_err();
    let missing: Vec<&str> = report.problems().iter().map(|p| p.variable()).collect();
    assert_eq!(missing, ["APP_SMTP_HOST", "APP_SMTP_USER"]);
    assert_eq!(
        report.problems()[0].to_string(),
        "APP_SMTP_HOST (field `smtp.host`): required but not set; expected text — Relay host; required because `smtp` is partly set: set all of its required variables, or none"
    );
    assert!(matches!(
        report.problems()[1].kind(),
        ProblemKind::Missing { description: Some(d), .. } if d.starts_with("required because `smtp` is partly set")
    ));
}

#[test]
fn an_invalid_value_is_a_problem_even_alone() {
    let report =
        Config::from_source(&[("APP_NAME", "billing"), ("APP_SMTP_PORT", "x")]).unwrap_err();
    let variables: Vec<&str> = report.problems().iter().map(|p| p.variable()).collect();
    assert_eq!(
        variables,
        ["APP_SMTP_HOST", "APP_SMTP_PORT", "APP_SMTP_USER"]
    );
}

#[test]
fn other_problems_are_not_hidden_when_it_is_not_set() {
    let report = Config::from_source(&[("APP_SMTP_HOST", "")]).unwrap_err();
    let variables: Vec<&str> = report.problems().iter().map(|p| p.variable()).collect();
    assert_eq!(variables, ["APP_NAME"]);
}

#[test]
fn its_required_variables_are_described_as_optional() {
    let variables = Config::variables();
    let smtp_host = variables
        .iter()
        .find(|v| v.name == "APP_SMTP_HOST")
        .unwrap();
    assert_eq!(smtp_host.requirement, Requirement::Optional);
    assert_eq!(smtp_host.field, "smtp.host");
    let port = variables
        .iter()
        .find(|v| v.name == "APP_SMTP_PORT")
        .unwrap();
    assert!(matches!(port.requirement, Requirement::Default(_)));
}

/// A struct that is `None` uses none of its defaults: the summary lists its variables as
/// not set, not with the default values they would have had.
#[test]
fn its_defaults_are_not_listed_as_values_when_it_is_none() {
    let loaded = Loader::new(&[("APP_NAME", "billing")])
        .load::<Config>()
        .unwrap();
    assert!(loaded.config.smtp.is_none());
    let summary = loaded.summary().to_string();
    let port = summary
        .lines()
        .find(|line| line.starts_with("APP_SMTP_PORT"))
        .unwrap_or_else(|| panic!("{summary}"));
    assert!(
        port.contains("(not set)") && !port.contains("587"),
        "{port}"
    );
    // When the struct is read, its default is used and listed.
    let loaded = Loader::new(&[
        ("APP_NAME", "billing"),
        ("APP_SMTP_HOST", "mail"),
        ("APP_SMTP_USER", "app"),
    ])
    .load::<Config>()
    .unwrap();
    let summary = loaded.summary().to_string();
    let port = summary
        .lines()
        .find(|line| line.starts_with("APP_SMTP_PORT"))
        .unwrap_or_else(|| panic!("{summary}"));
    assert!(port.contains("587") && port.contains("default"), "{port}");
}
