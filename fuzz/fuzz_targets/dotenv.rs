//! `.env` files through the library: arbitrary bytes written to a file of this process,
//! read with `DotEnv::from_path`, then loaded. No panic; an error names the line but never
//! repeats its text; every variable read has the line it came from; no output of a load
//! contains a secret.
#![no_main]

use attached::{DotEnv, Origin, Source};
use attached_fuzz::{LeakCheck, file_path, load_everything};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::sync::OnceLock;

fn path() -> &'static std::path::Path {
    static PATH: OnceLock<std::path::PathBuf> = OnceLock::new();
    PATH.get_or_init(|| attached_fuzz::files_dir().join("fuzz.env"))
}

/// The shapes of a `DotEnvError` reason: none of them has room for the line's text.
fn is_known_reason(reason: &str) -> bool {
    // `line N, character M: ` and one of the parser's fixed sentences, never the line.
    const PARSE: [&str; 8] = [
        "a name must start",
        "expected `=`",
        "a space inside an unquoted value",
        "this single quote is never closed",
        "this double quote is never closed",
        "not an escape",
        "`${` must be followed",
        "references copy more than 8 MiB",
    ];
    let parse = reason.split_once(": ").is_some_and(|(place, what)| {
        place.split(", ").all(|part| {
            let (word, n) = part.split_once(' ').unwrap_or((part, ""));
            matches!(word, "line" | "character") && n.parse::<usize>().is_ok()
        }) && PARSE.iter().any(|p| what.starts_with(p))
    });
    parse
        || reason == "not valid UTF-8 text"
        || reason == "it is a directory"
        || reason == "not a regular file (a FIFO, socket or device)"
        || reason.starts_with("larger than the limit of 1 MiB")
}

fuzz_target!(|data: &[u8]| {
    std::fs::write(path(), data).unwrap();
    let dotenv = match DotEnv::from_path(path()) {
        Ok(dotenv) => dotenv,
        Err(e) => {
            assert!(is_known_reason(e.reason()), "unexpected reason: {e}");
            return;
        }
    };
    // The same variables as a map, for the leak check; each with its line. A `NAME_FILE`
    // is given one of the fuzzer's files instead, by a layer over the file: the fuzzer
    // never chooses a path that is read.
    let mut map = BTreeMap::new();
    let mut files = BTreeMap::new();
    let mut names = Vec::new();
    dotenv.names(&mut |n| names.push(n.to_owned()));
    for name in names {
        let found = dotenv.get(&name).expect("a name it lists is there");
        let attached::Raw::Text(text) = found.raw else {
            panic!("a .env value is text")
        };
        match found.origin {
            Origin::DotEnv { line, .. } => assert!(line >= 1, "{name} has no line"),
            other => panic!("origin {other:?}"),
        }
        let value = if name.ends_with("_FILE") {
            let path = file_path(text.len() as u8);
            files.insert(OsString::from(&name), path.clone());
            path
        } else {
            OsString::from(text)
        };
        map.insert(OsString::from(&name), value);
    }
    let leaks = LeakCheck::new(&map);
    for (what, output) in load_everything(&files.over(&dotenv)) {
        leaks.assert_clean(what, &output);
    }
});
