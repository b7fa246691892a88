//! Loading is safe from several threads at once: each thread with its own source, and all
//! of them from one shared `&'static` source, give equal results; a `Report` and a
//! `Secret` can be sent to and shared with other threads.

#[path = "support/mod.rs"]
mod support;

use attached::{Attached, Loader, Report, Secret};
use std::collections::HashMap;
use std::sync::OnceLock;
use support::{COMPLETE, Config};

const THREADS: usize = 8;
const LOADS: usize = 200;

const _: () = {
    const fn send_sync_static<T: Send + Sync + 'static>() {}
    send_sync_static::<Report>();
    send_sync_static::<Secret<String>>();
    send_sync_static::<attached::Problem>();
};

/// What a load gave, as text: the config's redacted `Debug` and summary, or the report.
fn outcome(source: &HashMap<String, String>) -> String {
    let direct = match Config::from_source(source) {
        Ok(c) => format!("{c:?}"),
        Err(r) => r.to_string(),
    };
    let loaded = match Loader::new(source).load::<Config>() {
        Ok(l) => format!("{:?}\n{}", l.config, l.summary()),
        Err(r) => r.to_string(),
    };
    format!("{direct}\n{loaded}")
}

/// A complete source, with a few problems when `broken`: both paths run in every thread.
fn source(broken: bool) -> HashMap<String, String> {
    let mut map: HashMap<String, String> = COMPLETE
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    map.insert("APP_WORKERS".into(), "16".into());
    map.insert("APP_LISTEN".into(), "[::1]:9090".into());
    map.insert("APP_PORTS".into(), "80, 443".into());
    map.insert("APP_SMTP_PASSWORD".into(), "smtp-secret-1".into());
    map.insert("APP_LOG_FORMAT".into(), "logfmt".into());
    if broken {
        map.insert("APP_WORKERS".into(), "sixteen".into());
        map.insert("APP_SIGNING_KEYS".into(), "nope".into());
        map.remove("APP_SMTP_HOST");
        map.insert("APP_SMTP_HSOT".into(), "mail".into());
    }
    map
}

#[test]
fn each_thread_with_its_own_source_gets_the_same_result() {
    for broken in [false, true] {
        let want = outcome(&source(broken));
        let results: Vec<Vec<String>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..THREADS)
                .map(|_| {
                    s.spawn(move || {
                        let own = source(broken);
                        (0..LOADS).map(|_| outcome(&own)).collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (thread, outcomes) in results.iter().enumerate() {
            assert_eq!(outcomes.len(), LOADS);
            for (i, got) in outcomes.iter().enumerate() {
                assert_eq!(*got, want, "thread {thread}, load {i}");
            }
        }
    }
}

#[test]
fn every_thread_from_one_shared_static_source_gets_the_same_result() {
    static SHARED: OnceLock<HashMap<String, String>> = OnceLock::new();
    static BROKEN: OnceLock<HashMap<String, String>> = OnceLock::new();
    let shared: &'static HashMap<String, String> = SHARED.get_or_init(|| source(false));
    let broken: &'static HashMap<String, String> = BROKEN.get_or_init(|| source(true));
    for source in [shared, broken] {
        let want = outcome(source);
        let handles: Vec<_> = (0..THREADS)
            .map(|_| std::thread::spawn(move || (0..LOADS).map(|_| outcome(source)).collect()))
            .collect();
        for handle in handles {
            let outcomes: Vec<String> = handle.join().unwrap();
            assert!(outcomes.iter().all(|got| *got == want));
        }
    }
}

#[test]
fn a_report_and_a_secret_cross_threads() {
    let report = Config::from_source(&source(true)).err().unwrap();
    let text = report.to_string();
    let sent = std::thread::spawn(move || report.to_string())
        .join()
        .unwrap();
    assert_eq!(sent, text);
    let secret = std::sync::Arc::new(Secret::new(String::from("shared-secret")));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let secret = secret.clone();
            std::thread::spawn(move || secret.expose().len())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), "shared-secret".len());
    }
}
