//! Every `Value` parser, the type picked by the first byte: no panic, no error that repeats
//! the text (it may be a secret), and every value read prints back to text that reads to
//! the same value.
#![no_main]

use attached::{Secret, Value};
use attached_fuzz::LogFormat;
use libfuzzer_sys::fuzz_target;
use std::fmt::Debug;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::num::{
    NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI128, NonZeroIsize, NonZeroU8,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU128, NonZeroUsize,
};
use std::path::PathBuf;
use std::time::Duration;

/// Parses `text` as `T`; checks the error and the round trip with `same`.
fn check<T: Value + Debug>(text: &str, same: fn(&T, &T) -> bool) {
    match T::parse(text) {
        Ok(value) => {
            let rendered = value.render();
            let again = T::parse(&rendered).unwrap_or_else(|e| {
                panic!("{value:?} renders as {rendered:?}, which does not parse: {e}")
            });
            assert!(
                same(&value, &again),
                "{text:?} -> {value:?} -> {rendered:?} -> {again:?}"
            );
        }
        Err(e) => no_echo(text, e.reason()),
    }
}

/// An error does not repeat the text, when the text could not be in it by chance.
fn no_echo(text: &str, reason: &str) {
    let text = text.trim();
    if text.chars().count() >= 6 && text.chars().any(|c| c.is_alphanumeric() && !c.is_ascii()) {
        assert!(
            !reason.contains(text),
            "the error repeats the text: {reason}"
        );
    }
}

fn eq<T: PartialEq>(a: &T, b: &T) -> bool {
    a == b
}

fn check_eq<T: Value + Debug + PartialEq>(text: &str) {
    check::<T>(text, eq);
}

fn check_secret(text: &str) {
    match <Secret<String> as Value>::parse(text) {
        Ok(s) => {
            assert_eq!(s.expose(), text);
            assert_eq!(
                format!("{s:?} {s} {s:#?} {}", s.render()),
                "*** *** *** ***"
            );
        }
        Err(e) => no_echo(text, e.reason()),
    }
    match <Secret<u64> as Value>::parse(text) {
        Ok(s) => {
            assert_eq!(Ok(*s.expose()), u64::parse(text));
            assert_eq!(format!("{s:?} {s}"), "*** ***");
        }
        Err(e) => {
            assert_eq!(Err(e.clone()), u64::parse(text).map(|_| ()));
            no_echo(text, e.reason());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();
    match pick % 40 {
        0 => check_eq::<bool>(text),
        1 => check_eq::<char>(text),
        2 => check_eq::<u8>(text),
        3 => check_eq::<u16>(text),
        4 => check_eq::<u32>(text),
        5 => check_eq::<u64>(text),
        6 => check_eq::<u128>(text),
        7 => check_eq::<usize>(text),
        8 => check_eq::<i8>(text),
        9 => check_eq::<i16>(text),
        10 => check_eq::<i32>(text),
        11 => check_eq::<i64>(text),
        12 => check_eq::<i128>(text),
        13 => check_eq::<isize>(text),
        14 => check_eq::<NonZeroU8>(text),
        15 => check_eq::<NonZeroU16>(text),
        16 => check_eq::<NonZeroU32>(text),
        17 => check_eq::<NonZeroU64>(text),
        18 => check_eq::<NonZeroU128>(text),
        19 => check_eq::<NonZeroUsize>(text),
        20 => check_eq::<NonZeroI8>(text),
        21 => check_eq::<NonZeroI16>(text),
        22 => check_eq::<NonZeroI32>(text),
        23 => check_eq::<NonZeroI64>(text),
        24 => check_eq::<NonZeroI128>(text),
        25 => check_eq::<NonZeroIsize>(text),
        26 => check::<f32>(text, |a, b| a.to_bits() == b.to_bits()),
        27 => check::<f64>(text, |a, b| a.to_bits() == b.to_bits()),
        28 => check_eq::<IpAddr>(text),
        29 => check_eq::<Ipv4Addr>(text),
        30 => check_eq::<Ipv6Addr>(text),
        31 => check_eq::<SocketAddr>(text),
        32 => check_eq::<SocketAddrV4>(text),
        33 => check_eq::<SocketAddrV6>(text),
        34 => check_eq::<Duration>(text),
        35 => check_eq::<String>(text),
        36 => check_eq::<PathBuf>(text),
        37 => check_eq::<LogFormat>(text),
        38 => check_secret(text),
        _ => {
            // A list of durations, as a `Vec<Duration>` field reads it.
            for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                check_eq::<Duration>(item);
            }
        }
    }
});
