//! `#[attached(expected = "...")]` says in words what a field's value looks like, in
//! place of the text of its type or `with` function: in problems and in the description
//! of its variable.

// The config is loaded for its problems; its fields are not read.
#![allow(dead_code)]

use attached::{Attached, ProblemKind};

/// One `key=value` label; a `Vec` field reads a list of them.
fn parse_label(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .ok_or_else(|| "a label has no `=`".to_owned())
}

#[derive(Attached)]
struct Config {
    #[attached(
        with = parse_label,
        expected = "a comma-separated list of key=value labels"
    )]
    labels: Vec<(String, String)>,
    #[attached(expected = "a port for the metrics endpoint")]
    metrics_port: u16,
    #[attached(with = parse_label)]
    tags: Option<Vec<(String, String)>>,
}

fn expected(kind: &ProblemKind) -> &str {
    match kind {
        ProblemKind::Invalid { expected, .. }
        | ProblemKind::Missing { expected, .. }
        | ProblemKind::Empty { expected } => expected,
        other => panic!("{other:?}"),
    }
}

#[test]
fn problems_say_what_the_field_expects() {
    let report = Config::from_source(&[("LABELS", "team"), ("METRICS_PORT", ""), ("TAGS", "x")])
        .unwrap_err();
    let labels = report.problem("LABELS").unwrap();
    assert_eq!(
        expected(labels.kind()),
        "a comma-separated list of key=value labels"
    );
    assert!(labels.to_string().ends_with(
        "item 1: a label has no `=`; expected a comma-separated list of key=value labels"
    ));
    let port = report.problem("METRICS_PORT").unwrap();
    assert_eq!(expected(port.kind()), "a port for the metrics endpoint");
    // Without `expected`, a `with` function's field says which function reads it.
    let tags = report.problem("TAGS").unwrap();
    assert_eq!(
        expected(tags.kind()),
        "a list separated by \",\", each a value accepted by `parse_label`"
    );
}

#[test]
fn variables_describe_what_the_field_expects() {
    let variables = Config::variables();
    assert_eq!(
        variables[0].expected,
        "a comma-separated list of key=value labels"
    );
    assert_eq!(variables[1].expected, "a port for the metrics endpoint");
}
