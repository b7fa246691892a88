//! The `startup` example's configuration, read from `examples/startup.env` alone: it loads,
//! and none of the file's secrets shows in the config's `Debug` or the summary.

#[path = "../examples/startup/config.rs"]
#[allow(dead_code)]
mod config;

use attached::{DotEnv, Loader};

const ENV_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/startup.env");

/// The secrets of the demo file: values of secret-looking variables, and URL passwords.
fn secrets_in_env_file() -> Vec<String> {
    let text = std::fs::read_to_string(ENV_FILE).unwrap();
    let mut secrets = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        if attached::is_secret_name(name) && !name.ends_with("PUBLISHABLE_KEY") {
            secrets.push(value.to_owned());
        }
        if let Some(rest) = value.split_once("://").map(|(_, r)| r) {
            if let Some((userinfo, _)) = rest.rsplit_once('@') {
                if let Some((_, password)) = userinfo.split_once(':') {
                    secrets.push(password.to_owned());
                }
            }
        }
    }
    secrets
}

#[test]
fn demo_environment_loads_and_hides_its_secrets() {
    let secrets = secrets_in_env_file();
    assert!(secrets.len() >= 5, "{secrets:?}");
    let source = DotEnv::from_path(ENV_FILE).unwrap();
    let loaded = Loader::new(source).load::<config::Config>().unwrap();
    let outputs = [
        format!("{:#?}", loaded.config),
        format!("{:?}", loaded.config),
        loaded.summary().to_string(),
    ];
    for output in &outputs {
        for secret in &secrets {
            assert!(
                !output.contains(secret.as_str()),
                "{secret} shown:\n{output}"
            );
        }
    }
    assert!(outputs[2].contains("BILLING_LISTEN"), "{}", outputs[2]);
    assert!(outputs[2].contains("default"), "{}", outputs[2]);
    assert!(outputs[2].contains("startup.env:"), "{}", outputs[2]);
}

#[test]
fn broken_overrides_are_all_reported_with_their_variables() {
    use attached::Source;
    let overrides = [
        ("BILLING_LISTEN", "nonsense"),
        ("BILLING_REQUEST_TIMEOUT", "abc"),
    ];
    let source = overrides.over(DotEnv::from_path(ENV_FILE).unwrap());
    let report = Loader::new(source)
        .load::<config::Config>()
        .expect_err("broken environment");
    let names: Vec<&str> = report.problems().iter().map(|p| p.variable()).collect();
    assert_eq!(names, ["BILLING_LISTEN", "BILLING_REQUEST_TIMEOUT"]);
    let text = report.to_string();
    assert!(
        text.contains("BILLING_LISTEN (field `listen`): invalid value \"nonsense\""),
        "{text}"
    );
    assert!(
        text.contains("BILLING_REQUEST_TIMEOUT (field `request_timeout`): invalid value \"abc\""),
        "{text}"
    );
}
