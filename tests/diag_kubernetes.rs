//! Kubernetes service links: the variables Kubernetes sets for a service whose name is
//! the prefix's are not unknown variables, and a field that reads one by accident is told
//! where its value came from.

// The configs are loaded for their problems and warnings; their fields are not read.
#![allow(dead_code)]

use attached::{Attached, Loader, ProblemKind};

#[derive(Attached)]
#[attached(prefix = "ORDERS_")]
struct Config {
    #[attached(default = 8080)]
    port: u16,
    database_url: String,
}

/// What Kubernetes sets for a service named `orders` with one port, 80.
const LINKS: [(&str, &str); 8] = [
    ("ORDERS_SERVICE_HOST", "10.0.0.1"),
    ("ORDERS_SERVICE_PORT", "80"),
    ("ORDERS_SERVICE_PORT_HTTP", "80"),
    ("ORDERS_PORT_80_TCP", "tcp://10.0.0.1:80"),
    ("ORDERS_PORT_80_TCP_PROTO", "tcp"),
    ("ORDERS_PORT_80_TCP_PORT", "80"),
    ("ORDERS_PORT_80_TCP_ADDR", "10.0.0.1"),
    ("ORDERS_DB_PORT", "tcp://10.0.0.2:5432"),
];

#[test]
fn service_links_are_not_unknown_variables() {
    let mut source = LINKS.to_vec();
    source.push(("ORDERS_DATABASE_URL", "postgres://db/orders"));
    source.push(("ORDERS_PROT", "1"));
    let loaded = Loader::new(&source).load::<Config>().unwrap();
    let unknown: Vec<&str> = loaded.warnings.iter().map(|w| w.variable()).collect();
    assert_eq!(unknown, ["ORDERS_PROT"], "only the misspelt name");
    // A name of the same form but with a value Kubernetes would not give is still unknown.
    let source = [
        ("ORDERS_DATABASE_URL", "postgres://db/orders"),
        ("ORDERS_SERVICE_HOST", "orders.local"),
    ];
    let loaded = Loader::new(&source).load::<Config>().unwrap();
    assert_eq!(loaded.warnings.len(), 1);
}

#[test]
fn a_field_that_reads_a_link_is_told_why() {
    let source = [
        ("ORDERS_PORT", "tcp://10.0.0.1:80"),
        ("ORDERS_DATABASE_URL", "postgres://db/orders"),
    ];
    let report = Config::from_source(&source).unwrap_err();
    let problem = report.problem("ORDERS_PORT").unwrap();
    assert_eq!(
        problem.to_string(),
        "ORDERS_PORT (field `port`): invalid value \"tcp://10.0.0.1:80\": not a whole number; this looks like a variable that Kubernetes sets for the service `orders`: set `enableServiceLinks: false` in the pod spec, or choose another prefix; expected an integer from 0 to 65535"
    );
    assert!(matches!(problem.kind(), ProblemKind::Invalid { .. }));
}

#[test]
fn other_invalid_values_have_no_hint() {
    let source = [
        ("ORDERS_PORT", "eighty"),
        ("ORDERS_DATABASE_URL", "postgres://db/orders"),
    ];
    let report = Config::from_source(&source).unwrap_err();
    assert!(!report.to_string().contains("Kubernetes"));
}
