//! The startup summary of a `Loader`: every variable with its redacted value and where it
//! came from, as a table and as data; and the variables under a prefix that no field
//! reads, as warnings or, when strict, as problems.
//!
//! Sources are maps layered over `.env` files written to a temporary directory: nothing
//! here reads or changes the process environment.

// The configs here are loaded for their summaries and warnings; the tests look at the
// variables, not at every field.
#![allow(dead_code)]

#[path = "support/temp.rs"]
mod temp;

use attached::{Attached, DotEnv, Loader, Origin, ProblemKind, Requirement, Secret, Source};
use std::collections::BTreeMap;
use temp::TempDir;

/// A secret given to every load: it must never be shown.
const SECRET: &str = "s3cr3t-Hq2mW";

/// Mail relay.
#[derive(Attached)]
struct Smtp {
    host: String,
    #[attached(default = 587)]
    port: u16,
}

#[derive(Attached)]
#[attached(prefix = "SHOP_")]
struct Shop {
    /// Primary database.
    database_url: String,
    log_format: String,
    api_token: Secret<String>,
    session_secret: String,
    #[attached(default = 8080)]
    port: u16,
    workers: Option<u32>,
    #[attached(public)]
    motd: Option<String>,
    #[attached(nested)]
    smtp: Smtp,
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn summary_shows_every_origin_and_hides_secrets() {
    let dir = TempDir::new();
    let token = dir.file("api_token", format!("{SECRET}-token\n"));
    let env_file = dir.file(
        ".env",
        format!(
            "# the shop\n\
             SHOP_SMTP_HOST=mail.internal\n\
             SHOP_LOG_FORMAT=json\n\
             SHOP_SESSION_SECRET={SECRET}-session\n\
             SHOP_DATABASE_URL=postgres://shop:overridden@db/shop\n"
        ),
    );
    let overrides = map(&[
        (
            "SHOP_DATABASE_URL",
            &format!("postgres://shop:{SECRET}@db:5432/shop"),
        ),
        ("SHOP_API_TOKEN_FILE", token.to_str().unwrap()),
        ("SHOP_MOTD", "line 1\nline 2"),
    ]);
    let source = overrides.over(DotEnv::from_path(&env_file).unwrap());
    let loaded = Loader::new(source).load::<Shop>().unwrap();
    assert_eq!(*loaded.config.api_token.expose(), format!("{SECRET}-token"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);

    // As data.
    let by_name = |name: &str| {
        loaded
            .variables
            .iter()
            .find(|v| v.name == name)
            .unwrap_or_else(|| panic!("{name} is not in the summary"))
    };
    let url = by_name("SHOP_DATABASE_URL");
    assert_eq!(url.origin, Origin::Map);
    assert_eq!(
        url.shown.as_deref(),
        Some("postgres://shop:***@db:5432/shop")
    );
    assert!(!url.secret);
    let format = by_name("SHOP_LOG_FORMAT");
    assert!(
        matches!(&format.origin, Origin::DotEnv { path, line: 3 } if **path == *env_file),
        "{:?}",
        format.origin
    );
    assert_eq!(format.shown.as_deref(), Some("json"));
    let session = by_name("SHOP_SESSION_SECRET");
    assert!(session.secret);
    assert_eq!(session.shown.as_deref(), Some("***"));
    assert!(matches!(session.origin, Origin::DotEnv { line: 4, .. }));
    let token_var = by_name("SHOP_API_TOKEN");
    assert!(token_var.secret);
    assert_eq!(token_var.shown.as_deref(), Some("***"));
    assert_eq!(
        token_var.origin,
        Origin::File {
            variable: "SHOP_API_TOKEN_FILE".into(),
            path: token.clone(),
            via: Box::new(Origin::Map),
        }
    );
    let port = by_name("SHOP_PORT");
    assert_eq!(port.origin, Origin::Default);
    assert_eq!(port.shown.as_deref(), Some("8080"));
    assert_eq!(port.requirement, Requirement::Default(Some("8080".into())));
    let workers = by_name("SHOP_WORKERS");
    assert_eq!(workers.origin, Origin::Unset);
    assert_eq!(workers.shown, None);
    assert_eq!(workers.requirement, Requirement::Optional);
    let smtp_host = by_name("SHOP_SMTP_HOST");
    assert_eq!(smtp_host.field, "smtp.host");
    assert!(matches!(smtp_host.origin, Origin::DotEnv { line: 2, .. }));
    assert!(by_name("SHOP_MOTD").public);

    // As a table.
    let table = loaded.summary().to_string();
    let env_path = env_file.display().to_string();
    let rows: Vec<&str> = table.lines().collect();
    let expected = [
        ["VARIABLE", "VALUE", "ORIGIN"],
        [
            "SHOP_DATABASE_URL",
            "postgres://shop:***@db:5432/shop",
            "source",
        ],
        ["SHOP_LOG_FORMAT", "json", &format!("{env_path}:3")],
        [
            "SHOP_API_TOKEN",
            "***",
            &format!("file {} (from SHOP_API_TOKEN_FILE)", token.display()),
        ],
        ["SHOP_SESSION_SECRET", "***", &format!("{env_path}:4")],
        ["SHOP_PORT", "8080", "default"],
        ["SHOP_WORKERS", "(not set)", ""],
        ["SHOP_MOTD", "line 1\\nline 2", "source"],
        ["SHOP_SMTP_HOST", "mail.internal", &format!("{env_path}:2")],
        ["SHOP_SMTP_PORT", "587", "default"],
    ];
    assert_eq!(rows.len(), expected.len(), "{table}");
    // Every column starts at the same place on every line.
    let value_at = rows[0].find("VALUE").unwrap();
    let origin_at = rows[0].find("ORIGIN").unwrap();
    for (row, cells) in rows.iter().zip(&expected) {
        assert!(row.starts_with(&format!("{} ", cells[0])), "{row}");
        assert_eq!(&row[value_at..value_at + cells[1].len()], cells[1], "{row}");
        if cells[2].is_empty() {
            assert_eq!(row.trim_end(), *row, "trailing spaces: {row:?}");
            assert!(row.len() <= origin_at, "{row}");
        } else {
            assert_eq!(&row[origin_at..], cells[2], "{row}");
        }
    }

    // Nothing shows a secret: neither the token's file, the `.env` value, nor the URL's
    // password.
    let outputs = [
        table,
        format!("{:?}", loaded.summary()),
        format!("{:#?}", loaded.variables),
        format!("{loaded:?}"),
    ];
    for output in &outputs {
        assert!(!output.contains(SECRET), "a secret is shown:\n{output}");
    }
}

#[test]
fn a_default_is_shown_even_when_the_variable_is_set() {
    let loaded = Loader::new(&[
        ("SHOP_DATABASE_URL", "postgres://db/shop"),
        ("SHOP_LOG_FORMAT", "text"),
        ("SHOP_API_TOKEN", SECRET),
        ("SHOP_SESSION_SECRET", SECRET),
        ("SHOP_PORT", "9090"),
        ("SHOP_SMTP_HOST", "mail"),
    ])
    .load::<Shop>()
    .unwrap();
    let port = loaded
        .variables
        .iter()
        .find(|v| v.name == "SHOP_PORT")
        .unwrap();
    assert_eq!(port.origin, Origin::Map);
    assert_eq!(port.shown.as_deref(), Some("9090"));
    assert_eq!(port.requirement, Requirement::Default(Some("8080".into())));
    assert_eq!(Shop::variables()[4].requirement, port.requirement);
}

/// `BILLING_DATABSE_URL` (a typo) set beside the real fields.
#[derive(Attached)]
#[attached(prefix = "BILLING_")]
struct Billing {
    database_url: String,
    stripe_secret_key: Option<Secret<String>>,
    #[attached(default = 8080)]
    port: u16,
    #[attached(nested)]
    smtp: Smtp,
}

const TYPO: &[(&str, &str)] = &[
    ("BILLING_DATABASE_URL", "postgres://db/billing"),
    ("BILLING_DATABSE_URL", "postgres://db/other"),
    ("BILLING_SMTP_HOST", "mail"),
    ("OTHER_DATABSE_URL", "not under the prefix"),
];

#[test]
fn an_unknown_variable_is_a_warning_with_a_suggestion() {
    let loaded = Loader::new(TYPO).load::<Billing>().unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let warning = &loaded.warnings[0];
    assert_eq!(warning.variable(), "BILLING_DATABSE_URL");
    assert_eq!(warning.field(), "");
    assert_eq!(
        warning.kind(),
        &ProblemKind::Unknown {
            suggestion: Some("BILLING_DATABASE_URL".into())
        }
    );
    let text = warning.to_string();
    assert_eq!(
        text,
        "BILLING_DATABSE_URL: set, but no field reads it; did you mean `BILLING_DATABASE_URL`?"
    );
    let summary = loaded.summary().to_string();
    assert!(
        summary.ends_with(&format!("warning: {text}\n")),
        "{summary}"
    );
}

#[test]
fn strict_makes_an_unknown_variable_a_problem() {
    let report = Loader::new(TYPO)
        .strict(true)
        .load::<Billing>()
        .expect_err("strict mode must fail");
    assert_eq!(report.problems().len(), 1, "{report}");
    assert!(report.warnings().is_empty());
    let problem = report.problem("BILLING_DATABSE_URL").unwrap();
    assert!(matches!(
        problem.kind(),
        ProblemKind::Unknown { suggestion: Some(s) } if s == "BILLING_DATABASE_URL"
    ));
    assert!(
        report
            .to_string()
            .contains("did you mean `BILLING_DATABASE_URL`?"),
        "{report}"
    );
    // Without the typo, strict mode loads.
    let clean: Vec<(&str, &str)> = TYPO
        .iter()
        .copied()
        .filter(|(k, _)| *k != "BILLING_DATABSE_URL")
        .collect();
    Loader::new(clean.as_slice())
        .strict(true)
        .load::<Billing>()
        .unwrap();
}

#[test]
fn a_failed_load_carries_the_unknown_variables_as_warnings() {
    let source = [("BILLING_DATABSE_URL", "postgres://db/billing")];
    for report in [
        Billing::from_source(&source).err().unwrap(),
        Loader::new(&source).load::<Billing>().err().unwrap(),
    ] {
        assert!(report.problem("BILLING_DATABASE_URL").is_some(), "{report}");
        assert_eq!(report.warnings().len(), 1, "{report}");
        assert_eq!(report.warnings()[0].variable(), "BILLING_DATABSE_URL");
        assert!(
            report
                .to_string()
                .contains("warnings:\n  - BILLING_DATABSE_URL: set, but no field reads it; did you mean `BILLING_DATABASE_URL`?"),
            "{report}"
        );
    }
}

#[test]
fn file_forms_of_real_fields_are_not_unknown() {
    let dir = TempDir::new();
    let url = dir.file("url", "postgres://db/billing");
    let source = [
        ("BILLING_DATABASE_URL_FILE", url.to_str().unwrap()),
        ("BILLING_SMTP_HOST", "mail"),
        ("BILLING_SMTP_PORT_FILE", ""),
        ("BILLING_STRIPE_SECRET_KEY", ""),
    ];
    let loaded = Loader::new(&source).strict(true).load::<Billing>().unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);

    // A misspelt file form is unknown, and its suggestion is the file form.
    let source = [
        ("BILLING_DATABASE_URL", "postgres://db/billing"),
        ("BILLING_SMTP_HOST", "mail"),
        ("BILLING_DATABASE_URL_FIEL", "/run/secrets/url"),
        ("BILLING_PORT_FLIE", "/run/secrets/port"),
    ];
    let loaded = Loader::new(&source).load::<Billing>().unwrap();
    let warnings: Vec<(&str, &ProblemKind)> = loaded
        .warnings
        .iter()
        .map(|w| (w.variable(), w.kind()))
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "BILLING_DATABASE_URL_FIEL",
                &ProblemKind::Unknown {
                    suggestion: Some("BILLING_DATABASE_URL_FILE".into())
                }
            ),
            (
                "BILLING_PORT_FLIE",
                &ProblemKind::Unknown {
                    suggestion: Some("BILLING_PORT_FILE".into())
                }
            ),
        ]
    );
}

#[test]
fn nested_prefixes_are_checked() {
    let source = [
        ("BILLING_DATABASE_URL", "postgres://db/billing"),
        ("BILLING_SMTP_HOST", "mail"),
        ("BILLING_SMTP_PROT", "2525"),
    ];
    let loaded = Loader::new(&source).load::<Billing>().unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.warnings[0].variable(), "BILLING_SMTP_PROT");
    assert_eq!(
        loaded.warnings[0].kind(),
        &ProblemKind::Unknown {
            suggestion: Some("BILLING_SMTP_PORT".into())
        }
    );

    // A nested struct with a prefix of its own, under a config without one: only the
    // nested prefix is checked.
    #[derive(Attached)]
    struct Service {
        name: String,
        #[attached(nested, prefix = "MAIL_")]
        mail: Smtp,
    }
    let source = [
        ("NAME", "billing"),
        ("NAMES", "unrelated, no prefix at the top"),
        ("MAIL_HOST", "mail"),
        ("MAIL_HOTS", "typo"),
        ("MAIL_QUEUE", "far from every field"),
    ];
    let loaded = Loader::new(&source).load::<Service>().unwrap();
    assert_eq!(loaded.config.name, "billing");
    assert_eq!(loaded.config.mail.host, "mail");
    let kinds: Vec<(&str, &ProblemKind)> = loaded
        .warnings
        .iter()
        .map(|w| (w.variable(), w.kind()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "MAIL_HOTS",
                &ProblemKind::Unknown {
                    suggestion: Some("MAIL_HOST".into())
                }
            ),
            ("MAIL_QUEUE", &ProblemKind::Unknown { suggestion: None }),
        ]
    );
}

/// A name read exactly (`env`, `fallback`) is outside the prefix: an unknown name under
/// the prefix is also compared with it once the prefix is removed.
#[test]
fn a_typo_of_an_exact_name_under_the_prefix_is_suggested() {
    #[derive(Attached)]
    #[attached(prefix = "BILLING_")]
    struct Exact {
        #[attached(env = "DATABASE_URL")]
        database: String,
        #[attached(fallback = "REDIS_URL")]
        cache: Option<String>,
        #[attached(default = 8080)]
        port: u16,
    }
    let source = [
        ("DATABASE_URL", "postgres://db/billing"),
        ("BILLING_DATABSE_URL", "a typo of the exact name"),
        (
            "BILLING_DATABASE_URL",
            "the prefix before a name read without it",
        ),
        ("BILLING_REDIS_ULR", "a typo of the fallback"),
        ("BILLING_PROT", "a typo of a name under the prefix"),
        ("BILLING_QUEUE", "far from every field"),
        ("BILLING_DATABSE_URL=1", "a name that is not shown"),
    ];
    let loaded = Loader::new(&source).load::<Exact>().unwrap();
    let kinds: Vec<(&str, Option<&str>)> = loaded
        .warnings
        .iter()
        .map(|w| match w.kind() {
            ProblemKind::Unknown { suggestion } => (w.variable(), suggestion.as_deref()),
            other => panic!("{other:?}"),
        })
        .collect();
    let hidden =
        "BILLING_… (a name of 21 characters, not shown: it does not look like a variable name)";
    assert_eq!(
        kinds,
        [
            ("BILLING_DATABASE_URL", Some("DATABASE_URL")),
            ("BILLING_DATABSE_URL", Some("DATABASE_URL")),
            ("BILLING_PROT", Some("BILLING_PORT")),
            ("BILLING_QUEUE", None),
            ("BILLING_REDIS_ULR", Some("REDIS_URL")),
            (hidden, Some("DATABASE_URL")),
        ]
    );
    let summary = loaded.summary().to_string();
    assert!(
        summary.contains(
            "warning: BILLING_DATABSE_URL: set, but no field reads it; did you mean `DATABASE_URL`?"
        ),
        "{summary}"
    );
    assert!(!summary.contains("URL=1"), "{summary}");
}

#[test]
fn an_unknown_variables_value_is_never_shown() {
    let source = [
        ("BILLING_DATABASE_URL", "postgres://db/billing"),
        ("BILLING_SMTP_HOST", "mail"),
        ("BILLING_STRIPE_SECRET_KEYY", SECRET),
    ];
    let loaded = Loader::new(&source).load::<Billing>().unwrap();
    assert_eq!(loaded.warnings[0].variable(), "BILLING_STRIPE_SECRET_KEYY");
    let report = Loader::new(&source)
        .strict(true)
        .load::<Billing>()
        .err()
        .unwrap();
    let outputs = [
        loaded.summary().to_string(),
        format!("{:?}", loaded.summary()),
        format!("{:?}", loaded.warnings),
        report.to_string(),
        format!("{report:?}"),
    ];
    for output in &outputs {
        assert!(output.contains("BILLING_STRIPE_SECRET_KEYY"), "{output}");
        assert!(!output.contains(SECRET), "the value is shown:\n{output}");
    }
}

#[test]
fn long_values_are_cut_and_an_empty_one_is_quoted() {
    #[derive(Attached)]
    struct Texts {
        #[attached(default)]
        empty: Vec<String>,
        long: String,
    }
    let long = "x".repeat(200);
    let loaded = Loader::new(&[("LONG", long.as_str())])
        .load::<Texts>()
        .unwrap();
    let table = loaded.summary().to_string();
    let lines: Vec<&str> = table.lines().collect();
    let value_at = lines[0].find("VALUE").unwrap();
    assert_eq!(&lines[1][value_at..value_at + 3], "\"\" ", "{table}");
    assert!(
        lines[2].contains(&format!("{}… ", "x".repeat(80))),
        "{table}"
    );
    assert!(!table.contains(&"x".repeat(81)), "{table}");
    assert_eq!(loaded.variables[1].shown.as_deref(), Some(long.as_str()));
}

/// A value's warnings (here a `DatabaseUrl`'s scheme that one driver refuses) are warnings
/// of the load, naming the variable and the field, and end the summary.
#[test]
fn a_values_warnings_are_the_loads_warnings() {
    #[derive(Attached)]
    #[attached(prefix = "SHOP_")]
    struct Db {
        database: attached::DatabaseUrl,
    }
    let source = [("SHOP_DATABASE", "mariadb://shop:s3cr3t-Hq2mW@db/shop")];
    let loaded = Loader::new(&source).load::<Db>().unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let warning = &loaded.warnings[0];
    assert_eq!(warning.variable(), "SHOP_DATABASE");
    assert_eq!(warning.field(), "database");
    let ProblemKind::Warning { message } = warning.kind() else {
        panic!("{warning:?}");
    };
    assert!(
        message.contains("mysql_async refuses it") && message.contains("`mysql://`"),
        "{message}"
    );
    let summary = loaded.summary().to_string();
    assert!(
        summary.ends_with(&format!(
            "warning: SHOP_DATABASE (field `database`): {message}\n"
        )),
        "{summary}"
    );
    for output in [summary, format!("{:?}", loaded.warnings)] {
        assert!(!output.contains(SECRET), "{output}");
    }
    // `mysql://` is read by both drivers: no warning.
    let source = [("SHOP_DATABASE", "mysql://shop:s3cr3t-Hq2mW@db/shop")];
    let loaded = Loader::new(&source).load::<Db>().unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

/// A `.env` file that is not there is no source at all; one that is there is read.
#[test]
fn an_optional_dotenv_file() {
    use attached::{DotEnv, Source};
    let missing = std::env::temp_dir().join(format!("attached-no-such-{}.env", std::process::id()));
    assert!(DotEnv::if_exists(&missing).unwrap().is_none());
    let none = DotEnv::if_exists(&missing).unwrap();
    let map = [("A", "1")];
    assert!(map.over(none).get("B").is_none());

    let present =
        std::env::temp_dir().join(format!("attached-optional-{}.env", std::process::id()));
    std::fs::write(&present, "B=2\n").unwrap();
    let some = DotEnv::if_exists(&present).unwrap();
    std::fs::remove_file(&present).unwrap();
    let layered = map.over(some);
    assert!(matches!(
        layered.get("B").unwrap().raw,
        attached::Raw::Text("2")
    ));
    assert!(matches!(
        layered.get("A").unwrap().raw,
        attached::Raw::Text("1")
    ));
}
