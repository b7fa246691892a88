//! The generated docs: the checked-in `examples/docs.env.example`, and each renderer read
//! back by a parser — the `.env.example` by `DotEnv`, the Kubernetes block and the public
//! JSON by a YAML parser — and searched for secrets.

// The configs here are described and loaded; the tests look at their variables, not at
// every field.
#![allow(dead_code)]

#[path = "../examples/docs/config.rs"]
mod config;

#[path = "support/temp.rs"]
mod temp;

use attached::{Attached, Docs, DotEnv, Loader, Requirement, Secret, Source, Variable};
use temp::TempDir;
use yaml_rust2::{Yaml, YamlLoader};

const ENV_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/docs.env.example");

#[test]
fn env_example_file_is_up_to_date() {
    let rendered = Docs::of::<config::Config>().env_example();
    if std::env::var_os("ATTACHED_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(ENV_EXAMPLE, &rendered).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(ENV_EXAMPLE).unwrap_or_default();
    assert!(
        on_disk == rendered,
        "examples/docs.env.example differs from what `Docs::env_example` renders for \
         examples/docs/config.rs. Rendered:\n\n{rendered}\n\
         To regenerate the file, run: ATTACHED_BLESS=1 cargo test --test docs"
    );
}

/// Defaults that a `.env` file must quote, doc comments with `|`, and every kind of
/// requirement and secrecy.
#[derive(Attached)]
#[attached(prefix = "ODD_")]
struct Odd {
    /// Greeting | shown on the home page.
    /// Second line of the doc.
    #[attached(default = "Hello, world! It's $HOME #1 \"quoted\" \\ back".to_owned())]
    greeting: String,
    #[attached(default = "two\nlines".to_owned())]
    banner: String,
    #[attached(default = "no-quotes_needed.1:2/3@4+5=6%7,8".to_owned())]
    plain: String,
    /// What a shell would run, were the file sourced with it unquoted.
    #[attached(default = "`touch ran-backticks` $(touch ran-dollar) ; touch ran-semicolon".to_owned())]
    shell: String,
    /// A default that holds a password: written commented out, not as `***`.
    #[attached(default = "postgres://dev:devpass@localhost/app".to_owned())]
    dev_database_url: String,
    #[attached(separator = "|", default = vec![1, 2])]
    levels: Vec<u8>,
    #[attached(default)]
    tags: Vec<String>,
    /// A secret with a default: the default is never written.
    #[attached(secret, default = "default-s3cret".to_owned())]
    signing_key: String,
    required_token: Secret<String>,
    /// Optional and public.
    #[attached(public)]
    public_note: Option<String>,
    #[attached(with = parse_mode, default = 1)]
    mode: u8,
    #[attached(nested, secret)]
    vault: Vault,
}

/// Fields of a struct nested as `secret`: all secret, whatever their names.
#[derive(Attached)]
struct Vault {
    address: String,
    #[attached(default = 8200)]
    port: u16,
}

fn parse_mode(text: &str) -> Result<u8, String> {
    text.parse().map_err(|_| "a small number".to_owned())
}

fn variable<'a>(variables: &'a [Variable], name: &str) -> &'a Variable {
    variables
        .iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no variable {name}"))
}

#[test]
fn env_example_reads_back_as_the_defaults() {
    for docs in [Docs::of::<Odd>(), Docs::of::<config::Config>()] {
        let example = docs.env_example();
        let dir = TempDir::new();
        let path = dir.file(".env.example", &example);
        let parsed =
            DotEnv::from_path(&path).unwrap_or_else(|e| panic!("{e}; the file:\n{example}"));
        for v in docs.variables() {
            let found = parsed.get(&v.name).map(|f| f.raw);
            let want = match &v.requirement {
                Requirement::Required => Some(attached::Raw::Text("")),
                // Written only where a shell and a `.env` parser read it alike, and
                // where nothing in it was hidden.
                Requirement::Default(Some(text)) if !v.secret && writable(text) => {
                    Some(attached::Raw::Text(text.as_str()))
                }
                _ => None,
            };
            assert_eq!(found, want, "{}; the file:\n{example}", v.name);
        }
        // Every variable is there, assigned or commented out, with a comment above it.
        for v in docs.variables() {
            let assigned = format!("\n{}=", v.name);
            let commented = format!("\n# {}=", v.name);
            assert!(
                example.contains(&assigned) || example.contains(&commented),
                "{} is missing:\n{example}",
                v.name
            );
        }
    }
}

/// Whether a default can be written as a live line of a `.env.example`.
fn writable(text: &str) -> bool {
    !text.contains(['\'', '\\']) && !text.chars().any(char::is_control) && !text.contains("***")
}

/// Sourced by a shell, the `.env.example` runs nothing: every default that holds a shell
/// character is in single quotes, and what cannot be quoted so is commented out.
#[test]
fn env_example_sourced_by_a_shell_runs_nothing() {
    let example = Docs::of::<Odd>().env_example();
    let dir = TempDir::new();
    let path = dir.file(".env.example", &example);
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            ". '{}' && test \"$ODD_SHELL\" = \"$1\"",
            path.display()
        ))
        .arg("sh")
        .arg("`touch ran-backticks` $(touch ran-dollar) ; touch ran-semicolon")
        .current_dir(&dir.0)
        .status()
        .expect("sh runs");
    assert!(status.success(), "the shell read another value:\n{example}");
    for ran in ["ran-backticks", "ran-dollar", "ran-semicolon"] {
        assert!(
            !dir.0.join(ran).exists(),
            "sourcing ran `touch {ran}`:\n{example}"
        );
    }
}

/// A default that holds a credential is shown masked in the comment and written
/// commented out, with a note, never as a live `***` password.
#[test]
fn env_example_does_not_write_masked_defaults() {
    let example = Docs::of::<Odd>().env_example();
    assert!(!example.contains("devpass"), "{example}");
    assert!(
        example.contains(
            "# default postgres://dev:***@localhost/app; expected text\n\
             # (the default holds credentials, hidden here: write it out in full to set it)\n\
             # ODD_DEV_DATABASE_URL=\n"
        ),
        "{example}"
    );
}

#[test]
fn env_example_comments_describe_each_variable() {
    let example = Docs::of::<Odd>().env_example();
    assert!(
        example.contains(
            "\n# Greeting | shown on the home page.\n# Second line of the doc.\n\
             # default Hello, world! It's $HOME #1 \"quoted\" \\ back; expected text\n\
             # (the default cannot be written so that both a shell and a .env parser read it unchanged)\n\
             # ODD_GREETING=\n"
        ),
        "{example}"
    );
    // A line break in a default stays inside the comment.
    assert!(
        example.contains(
            "\n# default two lines; expected text\n\
             # (the default cannot be written so that both a shell and a .env parser read it unchanged)\n\
             # ODD_BANNER=\n"
        ),
        "{example}"
    );
    assert!(example.contains("\n# required, secret; expected text\nODD_REQUIRED_TOKEN=\n"));
    assert!(example.contains("\n# has a default, secret; expected text\n# ODD_SIGNING_KEY=\n"));
    assert!(example.contains(
        "\n# Optional and public.\n# optional, public; expected text\n# ODD_PUBLIC_NOTE=\n"
    ));
    assert!(
        example.contains(
            "\n# has a default; expected a value accepted by `parse_mode`\n# ODD_MODE=\n"
        )
    );
    assert!(example.contains("\nODD_PLAIN=no-quotes_needed.1:2/3@4+5=6%7,8\n"));
    assert!(example.contains("\nODD_LEVELS='1|2'\n"));
    assert!(example.contains(
        "\n# default: empty; expected a list separated by \",\", each text\nODD_TAGS=\n"
    ));
}

#[test]
fn markdown_has_a_row_per_variable_with_pipes_escaped() {
    let docs = Docs::of::<Odd>();
    let table = docs.markdown();
    let rows: Vec<&str> = table.lines().take_while(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), docs.variables().len() + 2, "{table}");
    assert_eq!(
        rows[0],
        "| Variable | Expected | Required | Secret | Description |"
    );
    assert_eq!(rows[1], "| --- | --- | --- | --- | --- |");
    for row in &rows {
        // Six unescaped `|`: five cells.
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 6, "{row}");
    }
    let expected_rows = [
        "| `ODD_GREETING` | text | default `Hello, world! It's $HOME #1 \"quoted\" \\ back` | no | Greeting \\| shown on the home page. Second line of the doc. |",
        "| `ODD_BANNER` | text | default `two lines` | no |  |",
        "| `ODD_LEVELS` | a list separated by \"\\|\", each an integer from 0 to 255 | default `1\\|2` | no |  |",
        "| `ODD_TAGS` | a list separated by \",\", each text | default: empty | no |  |",
        "| `ODD_SIGNING_KEY` | text | has a default | yes | A secret with a default: the default is never written. |",
        "| `ODD_REQUIRED_TOKEN` | text | required | yes |  |",
        "| `ODD_PUBLIC_NOTE` | text | optional | no, public | Optional and public. |",
        "| `ODD_MODE` | a value accepted by `parse_mode` | has a default | no |  |",
        "| `ODD_VAULT_ADDRESS` | text | required | yes |  |",
        "| `ODD_VAULT_PORT` | an integer from 0 to 65535 | has a default | yes |  |",
    ];
    for row in expected_rows {
        assert!(rows.contains(&row), "missing row {row}\nin:\n{table}");
    }
    assert!(
        table.ends_with("as Docker and Kubernetes mount secrets.\n"),
        "{table}"
    );
}

/// The `env:` block parsed: for each entry, its name, the kind of reference, the
/// referenced object, the key, and whether it is optional.
fn parse_kubernetes(yaml: &str) -> Vec<(String, String, String, String, bool)> {
    let docs = YamlLoader::load_from_str(yaml).unwrap_or_else(|e| panic!("{e}:\n{yaml}"));
    assert_eq!(docs.len(), 1);
    let root = docs[0].as_hash().expect("a mapping");
    assert_eq!(root.len(), 1, "only `env`");
    let env = docs[0]["env"].as_vec().expect("`env` is a list");
    env.iter()
        .map(|entry| {
            let entry_keys: Vec<&str> = entry
                .as_hash()
                .unwrap()
                .keys()
                .map(|k| k.as_str().unwrap())
                .collect();
            assert_eq!(entry_keys, ["name", "valueFrom"]);
            let from = entry["valueFrom"].as_hash().unwrap();
            assert_eq!(from.len(), 1, "one source per variable");
            let (kind, reference) = from.iter().next().unwrap();
            let optional = match &reference["optional"] {
                Yaml::BadValue => false,
                other => other.as_bool().expect("`optional` is a boolean"),
            };
            (
                entry["name"].as_str().unwrap().to_owned(),
                kind.as_str().unwrap().to_owned(),
                reference["name"].as_str().unwrap().to_owned(),
                reference["key"].as_str().unwrap().to_owned(),
                optional,
            )
        })
        .collect()
}

#[test]
fn kubernetes_block_parses_and_takes_secrets_from_the_secret() {
    for docs in [Docs::of::<config::Config>(), Docs::of::<Odd>()] {
        let yaml = docs.kubernetes("billing-secrets", "billing-config");
        let entries = parse_kubernetes(&yaml);
        assert_eq!(entries.len(), docs.variables().len(), "{yaml}");
        for (v, (name, kind, object, key, optional)) in docs.variables().iter().zip(&entries) {
            assert_eq!(*name, v.name);
            assert_eq!(*key, v.name);
            // Secrets, and connection strings that may carry a password, come from the
            // Secret; nothing else does.
            if v.secret || v.credentials {
                assert_eq!(kind, "secretKeyRef", "{name}");
                assert_eq!(object, "billing-secrets", "{name}");
            } else {
                assert_eq!(kind, "configMapKeyRef", "{name}");
                assert_eq!(object, "billing-config", "{name}");
            }
            assert_eq!(*optional, v.requirement != Requirement::Required, "{name}");
        }
        let secrets: Vec<&str> = entries
            .iter()
            .filter(|e| e.1 == "secretKeyRef")
            .map(|e| e.0.as_str())
            .collect();
        let want: Vec<&str> = docs
            .variables()
            .iter()
            .filter(|v| v.secret || v.credentials)
            .map(|v| v.name.as_str())
            .collect();
        assert_eq!(secrets, want);
    }
    let secrets = parse_kubernetes(&Docs::of::<config::Config>().kubernetes("s", "c"))
        .into_iter()
        .filter(|e| e.1 == "secretKeyRef")
        .map(|e| e.0)
        .collect::<Vec<_>>();
    assert_eq!(
        secrets,
        [
            "BILLING_DATABASE_URL",
            "BILLING_REDIS_URL",
            "BILLING_STRIPE_SECRET_KEY",
            // Service URLs may carry credentials, so the Secret: mark the field `public`
            // to keep it in the ConfigMap.
            "BILLING_ALLOWED_ORIGINS",
            "BILLING_SMTP_PASSWORD"
        ]
    );
}

#[test]
fn kubernetes_object_names_are_quoted_when_yaml_needs_it() {
    let docs = Docs::of::<Odd>();
    for (secret, config_map) in [("yes", "123"), ("a: b", "# not a comment"), ("null", "on")] {
        let entries = parse_kubernetes(&docs.kubernetes(secret, config_map));
        for (_, kind, object, _, _) in entries {
            let want = if kind == "secretKeyRef" {
                secret
            } else {
                config_map
            };
            assert_eq!(object, want);
        }
    }
    assert_eq!(Docs::new([]).kubernetes("s", "c"), "env: []\n");
    let empty = YamlLoader::load_from_str("env: []\n").unwrap();
    assert!(empty[0]["env"].as_vec().unwrap().is_empty());
}

#[test]
fn public_json_holds_the_public_values_only() {
    let source = [
        ("ODD_REQUIRED_TOKEN", "t0ken-s3cret"),
        (
            "ODD_PUBLIC_NOTE",
            "say \"hi\" \\ </script><b>&amp;</b>\n\u{2028}é",
        ),
        ("ODD_VAULT_ADDRESS", "https://vault:8200"),
    ];
    let loaded = Loader::new(&source).load::<Odd>().unwrap();
    let json = loaded.public_json();
    for raw in ["<", ">", "&", "\n", "\u{2028}"] {
        assert!(!json.contains(raw), "{raw:?} is not escaped: {json}");
    }
    // YAML 1.2 reads JSON.
    let parsed = YamlLoader::load_from_str(&json).unwrap();
    let object = parsed[0].as_hash().expect("an object");
    assert_eq!(object.len(), 1, "{json}");
    assert_eq!(
        parsed[0]["ODD_PUBLIC_NOTE"].as_str(),
        Some("say \"hi\" \\ </script><b>&amp;</b>\n\u{2028}é")
    );

    let demo = [
        ("BILLING_DATABASE_URL", "postgres://billing:pw@db/billing"),
        ("BILLING_STRIPE_SECRET_KEY", "sk_test_1"),
        ("BILLING_STRIPE_PUBLISHABLE_KEY", "pk_test_1"),
        ("BILLING_SMTP_HOST", "mail"),
    ];
    let loaded = Loader::new(&demo).load::<config::Config>().unwrap();
    assert_eq!(
        loaded.public_json(),
        r#"{"BILLING_STRIPE_PUBLISHABLE_KEY":"pk_test_1","BILLING_BROWSER_SENTRY_DSN":null}"#
    );
}

/// Secrets given to a load of `Odd`: set values, and a secret default.
const SECRETS: [&str; 4] = [
    "t0ken-s3cret",
    "vault-s3cret-host",
    "sig-s3cret-key",
    "default-s3cret",
];

fn loaded_odd() -> attached::Loaded<Odd> {
    let source = [
        ("ODD_REQUIRED_TOKEN", SECRETS[0]),
        ("ODD_VAULT_ADDRESS", SECRETS[1]),
        ("ODD_PUBLIC_NOTE", "public"),
    ];
    Loader::new(&source).load::<Odd>().unwrap()
}

/// Docs of the loaded variables too: a renderer given values must not print them.
fn both_docs() -> [Docs; 2] {
    let loaded = loaded_odd();
    [Docs::of::<Odd>(), Docs::new(loaded.variables)]
}

fn assert_no_secret(output: &str) {
    for secret in SECRETS {
        assert!(!output.contains(secret), "{secret} is shown:\n{output}");
    }
}

#[test]
fn markdown_never_shows_a_secret() {
    for docs in both_docs() {
        assert_no_secret(&docs.markdown());
    }
}

#[test]
fn env_example_never_shows_a_secret() {
    for docs in both_docs() {
        assert_no_secret(&docs.env_example());
    }
}

#[test]
fn kubernetes_never_shows_a_secret() {
    for docs in both_docs() {
        assert_no_secret(&docs.kubernetes("s", "c"));
    }
}

#[test]
fn public_json_never_shows_a_secret() {
    let loaded = loaded_odd();
    assert_no_secret(&loaded.public_json());
    let with_signing_key = Loader::new(&[
        ("ODD_REQUIRED_TOKEN", SECRETS[0]),
        ("ODD_VAULT_ADDRESS", SECRETS[1]),
        ("ODD_SIGNING_KEY", SECRETS[2]),
    ])
    .load::<Odd>()
    .unwrap();
    assert_no_secret(&with_signing_key.public_json());
    assert_eq!(
        with_signing_key.public_json(),
        r#"{"ODD_PUBLIC_NOTE":null}"#
    );
}

#[test]
fn docs_of_loaded_variables_show_secrets_as_secret() {
    let loaded = loaded_odd();
    let vault = variable(&loaded.variables, "ODD_VAULT_ADDRESS");
    assert!(vault.secret && !vault.public);
    assert_eq!(vault.shown.as_deref(), Some("***"));
    let signing = variable(&loaded.variables, "ODD_SIGNING_KEY");
    assert_eq!(signing.requirement, Requirement::Default(None));
    assert_eq!(signing.shown.as_deref(), Some("***"));
    assert_no_secret(&loaded.summary().to_string());
    assert_no_secret(&format!("{:?}", loaded.variables));
}
