//! Round trips: every value type's documented forms parse to what the docs say; every
//! value the library prints (`Value::render`, used for defaults in the summary and docs)
//! parses back to the same value; and the value the startup summary shows for a public
//! field parses back to the field's value.

use attached::{Attached, Loader, Value};
use proptest::prelude::*;
use std::fmt::Debug;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::num::{NonZeroI64, NonZeroU8, NonZeroU32};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Value, Debug, Clone, Copy, PartialEq, Eq)]
enum LogFormat {
    Json,
    PlainText,
    #[attached(rename = "logfmt")]
    KeyValue,
}

/// `parse(render(value)) == value`.
fn round_trips<T: Value + PartialEq + Debug>(value: &T) -> Result<(), TestCaseError> {
    let text = value.render();
    let back = T::parse(&text);
    prop_assert_eq!(back.as_ref(), Ok(value), "rendered as {:?}", text);
    Ok(())
}

/// Floats compare by bits: `-0.0` must come back as `-0.0`, `inf` as `inf`.
fn float_round_trips<T: Value + Debug + Copy>(
    value: T,
    bits: fn(T) -> u64,
) -> Result<(), TestCaseError> {
    let text = value.render();
    let back = T::parse(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
    prop_assert_eq!(
        bits(back),
        bits(value),
        "{:?} rendered as {:?}",
        value,
        text
    );
    Ok(())
}

fn duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (any::<u64>(), 0..1_000_000_000u32).prop_map(|(s, n)| Duration::new(s, n)),
        (0..1_000_000u64, 0..1000u32).prop_map(|(s, ms)| Duration::new(s, ms * 1_000_000)),
        (0..10_000u64).prop_map(Duration::from_millis),
        Just(Duration::MAX),
        Just(Duration::ZERO),
    ]
}

/// Text in the documented duration form: terms of a number (maybe with a fraction) and a
/// unit, spaces or not between them, units in any spelling and case.
fn duration_text() -> impl Strategy<Value = String> {
    let unit = prop::sample::select(
        &[
            "ns",
            "nsec",
            "us",
            "µs",
            "usec",
            "ms",
            "msec",
            "milliseconds",
            "s",
            "sec",
            "secs",
            "second",
            "seconds",
            "m",
            "min",
            "mins",
            "minute",
            "minutes",
            "h",
            "hr",
            "hrs",
            "hour",
            "hours",
            "d",
            "day",
            "days",
            "w",
            "week",
            "weeks",
            "S",
            "MS",
            "Min",
            "H",
        ][..],
    );
    let term =
        ("[0-9]{1,6}(\\.[0-9]{1,9})?", " ?", unit).prop_map(|(n, sp, u)| format!("{n}{sp}{u}"));
    (prop::collection::vec(term, 1..4), " {0,2}").prop_map(|(terms, sp)| terms.join(&sp))
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(1000)
    })]

    #[test]
    fn integers_render_and_parse_back(
        a in any::<u8>(), b in any::<u16>(), c in any::<u32>(), d in any::<u64>(),
        e in any::<u128>(), f in any::<usize>(), g in any::<i8>(), h in any::<i16>(),
        i in any::<i32>(), j in any::<i64>(), k in any::<i128>(), l in any::<isize>(),
    ) {
        round_trips(&a)?; round_trips(&b)?; round_trips(&c)?; round_trips(&d)?;
        round_trips(&e)?; round_trips(&f)?; round_trips(&g)?; round_trips(&h)?;
        round_trips(&i)?; round_trips(&j)?; round_trips(&k)?; round_trips(&l)?;
        if let Some(n) = NonZeroU8::new(a) { round_trips(&n)?; }
        if let Some(n) = NonZeroU32::new(c) { round_trips(&n)?; }
        if let Some(n) = NonZeroI64::new(j) { round_trips(&n)?; }
    }

    #[test]
    fn floats_render_and_parse_back(a in any::<f64>(), b in any::<f32>()) {
        // NaN is refused by design.
        if !a.is_nan() { float_round_trips(a, f64::to_bits)?; }
        if !b.is_nan() { float_round_trips(b, |x: f32| u64::from(x.to_bits()))?; }
    }

    #[test]
    fn addresses_chars_strings_and_bools_render_and_parse_back(
        ip4 in any::<Ipv4Addr>(), ip6 in any::<Ipv6Addr>(),
        sa4 in any::<SocketAddrV4>(), sa6 in any::<SocketAddrV6>(),
        c in any::<char>(), s in any::<String>(), b in any::<bool>(),
        format in prop::sample::select(&[LogFormat::Json, LogFormat::PlainText, LogFormat::KeyValue][..]),
    ) {
        round_trips(&ip4)?;
        round_trips(&ip6)?;
        round_trips(&IpAddr::V4(ip4))?;
        round_trips(&IpAddr::V6(ip6))?;
        round_trips(&sa4)?;
        // `SocketAddrV6`'s flow info and scope id are not in its text form.
        let sa6 = SocketAddrV6::new(*sa6.ip(), sa6.port(), 0, 0);
        round_trips(&sa6)?;
        round_trips(&SocketAddr::V4(sa4))?;
        round_trips(&SocketAddr::V6(sa6))?;
        round_trips(&c)?;
        round_trips(&s)?;
        round_trips(&PathBuf::from(&s))?;
        round_trips(&b)?;
        round_trips(&format)?;
    }

    #[test]
    fn durations_render_and_parse_back(d in duration()) {
        round_trips(&d)?;
    }

    /// Any text in the documented form parses (or is refused as too long), and what it
    /// reads to prints back to text that reads to the same value.
    #[test]
    fn duration_texts_parse_and_print_back(text in duration_text()) {
        match Duration::parse(&text) {
            Ok(d) => round_trips(&d)?,
            Err(e) => prop_assert_eq!(e.reason(), "too long a duration", "{:?}", text),
        }
    }

    /// Booleans in every documented word, in any case, with spaces around.
    #[test]
    fn booleans_in_any_case(
        word in prop::sample::select(&["true", "1", "yes", "on", "false", "0", "no", "off"][..]),
        upper in prop::collection::vec(any::<bool>(), 5),
        spaces in " {0,2}",
    ) {
        let text: String = word
            .chars()
            .zip(upper.iter().cycle())
            .map(|(c, up)| if *up { c.to_ascii_uppercase() } else { c })
            .collect();
        let want = ["true", "1", "yes", "on"].contains(&word);
        prop_assert_eq!(bool::parse(&format!("{spaces}{text}{spaces}")), Ok(want));
    }

    /// Choices match without regard to case, `-` or `_`.
    #[test]
    fn choices_in_any_spelling(
        (name, want) in prop::sample::select(&[
            ("json", LogFormat::Json), ("plaintext", LogFormat::PlainText),
            ("logfmt", LogFormat::KeyValue),
        ][..]),
        upper in prop::collection::vec(any::<bool>(), 9),
        seps in prop::collection::vec(prop::sample::select(&["", "", "-", "_"][..]), 9),
    ) {
        let text: String = name
            .chars()
            .zip(upper.iter().zip(&seps))
            .map(|(c, (up, sep))| {
                let c = if *up { c.to_ascii_uppercase() } else { c };
                format!("{c}{sep}")
            })
            .collect();
        prop_assert_eq!(LogFormat::parse(&text), Ok(want), "{:?}", text);
    }

    /// The summary shows a public field's value as text that parses back to the value;
    /// free text as the masker shows it (`public` never reveals a credential part).
    #[test]
    fn the_summary_shows_public_values_that_parse_back(values in public_values()) {
        let source: Vec<(String, String)> = values.iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
        let loaded = Loader::new(&source).load::<Public>().map_err(|r| TestCaseError::fail(r.to_string()))?;
        let c = &loaded.config;
        let shown = |name: &str| shown(&loaded.variables, name);
        prop_assert_eq!(u16::parse(&shown("PORT")?), Ok(c.port));
        prop_assert_eq!(i64::parse(&shown("OFFSET")?), Ok(c.offset));
        prop_assert_eq!(f64::parse(&shown("RATIO")?).map(f64::to_bits), Ok(c.ratio.to_bits()));
        prop_assert_eq!(bool::parse(&shown("ENABLED")?), Ok(c.enabled));
        prop_assert_eq!(Duration::parse(&shown("TIMEOUT")?), Ok(c.timeout));
        prop_assert_eq!(SocketAddr::parse(&shown("LISTEN")?), Ok(c.listen));
        prop_assert_eq!(IpAddr::parse(&shown("BIND")?), Ok(c.bind));
        prop_assert_eq!(char::parse(&shown("DELIMITER")?), Ok(c.delimiter));
        prop_assert_eq!(shown("NAME")?, attached::mask(&c.name).into_owned());
        prop_assert_eq!(LogFormat::parse(&shown("LOG_FORMAT")?), Ok(c.log_format));
        let ports: Vec<u16> = shown("PORTS")?
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| u16::parse(p).unwrap())
            .collect();
        prop_assert_eq!(ports, c.ports.clone());
    }
}

/// The text the summary shows for `name`, a public variable.
fn shown(variables: &[attached::Variable], name: &str) -> Result<String, TestCaseError> {
    let v = variables.iter().find(|v| v.name == name).unwrap();
    prop_assert!(!v.secret, "{} is public", name);
    v.shown
        .clone()
        .ok_or_else(|| TestCaseError::fail(format!("{name} not shown")))
}

/// Public fields of every value type, with defaults, for the summary's round trip.
#[derive(Attached)]
struct Public {
    #[attached(public, default = 8080)]
    port: u16,
    #[attached(public, default = -1)]
    offset: i64,
    #[attached(public, default = 0.25)]
    ratio: f64,
    #[attached(public, default = true)]
    enabled: bool,
    #[attached(public, default = Duration::from_millis(1500))]
    timeout: Duration,
    #[attached(public, default = "[::]:8080".parse().unwrap())]
    listen: SocketAddr,
    #[attached(public, default = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    #[attached(public, default = ';')]
    delimiter: char,
    #[attached(public, default = "billing".to_owned())]
    name: String,
    #[attached(public, default = LogFormat::PlainText)]
    log_format: LogFormat,
    #[attached(public, default = vec![80, 443])]
    ports: Vec<u16>,
}

/// Texts for the fields of `Public`: printed from arbitrary values, written in other
/// valid forms (spaces around, other spellings), or left unset for the default.
fn public_values() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    // Any `String`, credential-looking ones too: a public value is shown as it is.
    let name = prop_oneof![
        any::<String>(),
        any::<String>().prop_map(|s| format!("{s}?token={s}")),
    ];
    let optional = |s: BoxedStrategy<String>| prop::option::of(s).boxed();
    (
        (
            optional(any::<u16>().prop_map(|v| format!(" {v} ")).boxed()),
            optional(any::<i64>().prop_map(|v| v.render()).boxed()),
            optional(
                any::<f64>()
                    .prop_filter("NaN", |f| !f.is_nan())
                    .prop_map(|v| v.render())
                    .boxed(),
            ),
            optional(
                prop::sample::select(&["YES", "off", "1", "False"][..])
                    .prop_map(str::to_owned)
                    .boxed(),
            ),
            optional(prop_oneof![duration().prop_map(|d| d.render()), duration_text()].boxed()),
            optional(any::<SocketAddr>().prop_map(|a| a.render()).boxed()),
        ),
        (
            optional(any::<IpAddr>().prop_map(|a| a.render()).boxed()),
            optional(any::<char>().prop_map(|c| c.render()).boxed()),
            optional(name.boxed()),
            optional(
                prop::sample::select(&["JSON", "plain_text", "Log-Fmt"][..])
                    .prop_map(str::to_owned)
                    .boxed(),
            ),
            optional(
                prop::collection::vec(any::<u16>(), 0..4)
                    .prop_map(|v| v.iter().map(u16::to_string).collect::<Vec<_>>().join(" , "))
                    .boxed(),
            ),
        ),
    )
        .prop_map(|((a, b, c, d, e, f), (g, h, i, j, k))| {
            let names = [
                "PORT",
                "OFFSET",
                "RATIO",
                "ENABLED",
                "TIMEOUT",
                "LISTEN",
                "BIND",
                "DELIMITER",
                "NAME",
                "LOG_FORMAT",
                "PORTS",
            ];
            names
                .into_iter()
                .zip([a, b, c, d, e, f, g, h, i, j, k])
                .filter_map(|(n, v)| Some((n, v?)))
                // A duration text may be too long; it is left to the default then.
                .filter(|(n, v)| *n != "TIMEOUT" || Duration::parse(v).is_ok())
                .filter(|(_, v)| !v.is_empty())
                .collect()
        })
}

/// The documented forms of every type, as the rustdoc and the design write them.
#[test]
fn documented_forms_parse() {
    fn ok<T: Value + PartialEq + Debug>(text: &str, want: T) {
        assert_eq!(T::parse(text), Ok(want), "{text:?}");
    }
    for (text, want) in [
        ("30s", 30),
        ("1m 30s", 90),
        ("1m30s", 90),
        ("2h", 7200),
        ("1.5h", 5400),
        (" 2 days ", 172_800),
        ("1w", 604_800),
    ] {
        ok(text, Duration::from_secs(want));
    }
    ok("250ms", Duration::from_millis(250));
    ok("10 us", Duration::from_micros(10));
    ok("10µs", Duration::from_micros(10));
    assert!(Duration::parse("30").is_err(), "a bare number is refused");
    for t in ["true", "TRUE", "1", "yes", "On", " true "] {
        ok(t, true);
    }
    for t in ["false", "False", "0", "NO", "off"] {
        ok(t, false);
    }
    ok("8080", 8080u16);
    ok(" -5 ", -5i32);
    ok("0.5", 0.5f64);
    ok("10", 10f64);
    ok("1e-3", 1e-3f64);
    ok(
        "0.0.0.0:8080",
        "0.0.0.0:8080".parse::<SocketAddr>().unwrap(),
    );
    ok("[::]:8080", "[::]:8080".parse::<SocketAddr>().unwrap());
    ok("10.0.0.1", IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)));
    ok("::1", IpAddr::V6(Ipv6Addr::LOCALHOST));
    ok("x", 'x');
    ok(" a b ", String::from(" a b "));
    ok("/tmp/x y", PathBuf::from("/tmp/x y"));
    ok("json", LogFormat::Json);
    ok("JSON", LogFormat::Json);
    ok("plain-text", LogFormat::PlainText);
    ok("plain_text", LogFormat::PlainText);
    ok("PlainText", LogFormat::PlainText);
    ok("logfmt", LogFormat::KeyValue);
    assert_eq!(LogFormat::EXPECTED, "one of: json, plain-text, logfmt");
    assert_eq!(LogFormat::KeyValue.render(), "logfmt");
    assert_eq!(Duration::from_secs(90).render(), "1m 30s");
}
