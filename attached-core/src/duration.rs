//! Durations in the form people write them: `30s`, `1m 30s`, `1m30s`, `250ms`, `1.5h`.

use crate::text::{AsciiSearch, eq_ignore_case, prefix_len};
use crate::value::ValueError;
use std::time::Duration;

const UNITS: &[(&[&str], u128)] = &[
    (&["ns", "nsec", "nanosecond", "nanoseconds"], 1),
    (&["us", "µs", "usec", "microsecond", "microseconds"], 1_000),
    (&["ms", "msec", "millisecond", "milliseconds"], 1_000_000),
    (&["s", "sec", "secs", "second", "seconds"], 1_000_000_000),
    (&["m", "min", "mins", "minute", "minutes"], 60_000_000_000),
    (&["h", "hr", "hrs", "hour", "hours"], 3_600_000_000_000),
    (&["d", "day", "days"], 86_400_000_000_000),
    (&["w", "week", "weeks"], 604_800_000_000_000),
];

/// Reads a sum of `<number><unit>` terms, spaces allowed between and inside terms.
/// A bare number is refused: `30` could mean seconds or milliseconds, and guessing wrong
/// is a silent bug.
pub(crate) fn parse(text: &str) -> Result<Duration, ValueError> {
    let mut rest = crate::text::trim(text);
    if rest.is_empty() {
        return Err(ValueError::new("no duration given"));
    }
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let digits = prefix_len(rest, |c| c.is_ascii_digit() || c == '.');
        let number = &rest[..digits];
        if number.is_empty() {
            return Err(ValueError::new("a number must come before each unit"));
        }
        rest = rest[digits..].trim_start();
        let unit_len = prefix_len(rest, char::is_alphabetic);
        let unit = &rest[..unit_len];
        rest = rest[unit_len..].trim_start();
        if unit.is_empty() {
            return Err(ValueError::new(
                "a unit is required after each number (ns, us, ms, s, m, h, d, w), as in 30s",
            ));
        }
        let Some(scale) = scale_of(unit) else {
            return Err(ValueError::new(
                "unknown unit; use ns, us, ms, s, m, h, d or w",
            ));
        };
        total = total
            .checked_add(scaled(number, scale)?)
            .ok_or_else(too_long)?;
    }
    let secs = u64::try_from(total / 1_000_000_000).map_err(|_| too_long())?;
    Ok(Duration::new(secs, (total % 1_000_000_000) as u32))
}

/// The nanoseconds in one `unit`, any of its names in any case.
fn scale_of(unit: &str) -> Option<u128> {
    for &(names, scale) in UNITS {
        for name in names {
            if eq_ignore_case(name, unit) {
                return Some(scale);
            }
        }
    }
    None
}

fn too_long() -> ValueError {
    ValueError::new("too long a duration")
}

/// `number` times `scale` nanoseconds, exactly, for a decimal number such as `1.5`.
fn scaled(number: &str, scale: u128) -> Result<u128, ValueError> {
    let (whole, frac) = number.split_once_byte(b'.').unwrap_or((number, ""));
    if whole.is_empty() && frac.is_empty() || frac.has_byte(b'.') {
        return Err(ValueError::new("not a number"));
    }
    let whole: u128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| too_long())?
    };
    let mut nanos = whole.checked_mul(scale).ok_or_else(too_long)?;
    let mut place = scale;
    for digit in frac.bytes() {
        place /= 10;
        nanos = nanos
            .checked_add(u128::from(digit - b'0') * place)
            .ok_or_else(too_long)?;
    }
    Ok(nanos)
}

/// The shortest exact form in whole units: `1h 30m`, `250ms`, `0s`.
pub(crate) fn render(d: Duration) -> String {
    let mut nanos = d.as_nanos();
    if nanos == 0 {
        return "0s".to_owned();
    }
    let mut out = String::new();
    for &(names, scale) in UNITS.iter().rev() {
        // Weeks read oddly in configuration; stop at days.
        if scale > 86_400_000_000_000 {
            continue;
        }
        if nanos >= scale {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&(nanos / scale).to_string());
            out.push_str(names[0]);
            nanos %= scale;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_forms() {
        assert_eq!(parse("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse("1m 30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse("1.5h"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse(" 2 days "), Ok(Duration::from_secs(172_800)));
        assert_eq!(parse("10 us"), Ok(Duration::from_micros(10)));
        assert_eq!(parse("0s"), Ok(Duration::ZERO));
    }

    #[test]
    fn refusals() {
        assert!(
            parse("30")
                .unwrap_err()
                .reason()
                .contains("unit is required")
        );
        assert!(parse("abc").is_err());
        assert!(
            parse("5 parsecs")
                .unwrap_err()
                .reason()
                .contains("unknown unit")
        );
        assert!(parse("").is_err());
        assert!(parse("1..5s").is_err());
        assert!(parse("99999999999999999999999w").is_err());
        assert!(parse("-1s").is_err());
    }

    #[test]
    fn render_round_trips() {
        for d in [
            Duration::ZERO,
            Duration::from_nanos(1),
            Duration::from_millis(90_250),
            Duration::from_secs(86_400 * 9 + 1),
            Duration::MAX,
        ] {
            assert_eq!(parse(&render(d)), Ok(d), "{}", render(d));
        }
        assert_eq!(render(Duration::from_secs(90)), "1m 30s");
    }
}
