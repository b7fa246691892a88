//! `validate` takes a function of `&T` or of what `T` dereferences to: `&str` for a
//! `String`, `&[T]` for a list, as clippy's `ptr_arg` asks.

use attached::{Attached, ProblemKind};

fn not_blank(text: &str) -> Result<(), &'static str> {
    if text.trim().is_empty() {
        Err("must not be blank")
    } else {
        Ok(())
    }
}

fn at_most_three(ports: &[u16]) -> Result<(), String> {
    if ports.len() > 3 {
        Err(format!("{} ports; at most 3", ports.len()))
    } else {
        Ok(())
    }
}

#[derive(Attached)]
struct Config {
    #[attached(validate = not_blank)]
    name: String,
    #[attached(validate = not_blank)]
    title: Option<String>,
    #[attached(validate = at_most_three)]
    ports: Vec<u16>,
}

#[test]
fn functions_of_str_and_slices_check_strings_and_lists() {
    let config = Config::from_source(&[("NAME", "billing"), ("PORTS", "1,2")]).unwrap();
    assert_eq!(
        (config.name.as_str(), config.ports),
        ("billing", vec![1, 2])
    );
    assert_eq!(config.title, None);

    let report =
        Config::from_source(&[("NAME", "  "), ("TITLE", " "), ("PORTS", "1,2,3,4")]).unwrap_err();
    let reason = |variable: &str| match report.problem(variable).map(|p| p.kind()) {
        Some(ProblemKind::Invalid { reason, .. }) => reason.clone(),
        other => panic!("{variable}: {other:?}"),
    };
    assert_eq!(reason("NAME"), "must not be blank");
    assert_eq!(reason("TITLE"), "must not be blank");
    assert_eq!(reason("PORTS"), "4 ports; at most 3");
}
