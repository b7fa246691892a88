//! A whole load of the derived config from arbitrary pairs: names of the config (as they
//! are, as `_FILE`, edited) or arbitrary, values arbitrary text, bytes that are not UTF-8,
//! or empty. No panic; every problem names a variable of the config or the source; no
//! output contains a secret; what loads is what was given.
#![no_main]

use attached::Attached;
use attached_fuzz::{COMPLETE, Config};
use attached_fuzz::{LeakCheck, file_path, load_everything};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::sync::OnceLock;

fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(attached_fuzz::variable_names)
}

fn name(u: &mut Unstructured) -> Result<String> {
    let known = u.choose(names())?;
    Ok(match u.int_in_range(0..=5)? {
        0 | 1 => known.clone(),
        2 => format!("{known}_FILE"),
        3 => {
            // One edit: a character changed, dropped or added.
            let mut chars: Vec<char> = known.chars().collect();
            let at = u.choose_index(chars.len())?;
            match u.int_in_range(0..=2)? {
                0 => chars[at] = u.arbitrary()?,
                1 => {
                    chars.remove(at);
                }
                _ => chars.insert(at, u.arbitrary()?),
            }
            chars.into_iter().collect()
        }
        4 => format!(
            "{}{}",
            u.choose(&["APP_", "APP_SMTP_", "BACKUP_SMTP_", ""])?,
            u.arbitrary::<&str>()?
        ),
        _ => u.arbitrary()?,
    })
}

fn value(u: &mut Unstructured, name: &str) -> Result<OsString> {
    if name.ends_with("_FILE") {
        return Ok(file_path(u.arbitrary()?));
    }
    Ok(match u.int_in_range(0..=4)? {
        0 => OsString::new(),
        1 => OsString::from_vec(u.arbitrary()?),
        _ => OsString::from(u.arbitrary::<String>()?),
    })
}

fn source(data: &[u8]) -> Result<BTreeMap<OsString, OsString>> {
    let mut u = Unstructured::new(data);
    // Half the inputs start from a complete source, so that loads also succeed.
    let mut map: BTreeMap<OsString, OsString> = if u.arbitrary()? {
        COMPLETE.iter().map(|(k, v)| (k.into(), v.into())).collect()
    } else {
        BTreeMap::new()
    };
    while !u.is_empty() {
        let name = name(&mut u)?;
        let value = value(&mut u, &name)?;
        map.insert(name.into(), value);
    }
    Ok(map)
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = source(data) else { return };
    let leaks = LeakCheck::new(&source);
    for (what, output) in load_everything(&source) {
        leaks.assert_clean(what, &output);
    }
    // What loads is what was given.
    if let Ok(config) = Config::from_source(&source) {
        let given = |name: &str| {
            source
                .get(std::ffi::OsStr::new(name))
                .and_then(|v| v.to_str())
        };
        if let Some(url) = given("DATABASE_URL").filter(|v| !v.is_empty()) {
            assert_eq!(config.database, url);
        }
        if let Some(key) = given("APP_API_KEY").filter(|v| !v.is_empty()) {
            assert_eq!(config.api_key.expose(), key);
        }
        if let Some(host) = given("APP_SMTP_HOST").filter(|v| !v.is_empty()) {
            assert_eq!(config.smtp.host, host);
        }
    }
});
