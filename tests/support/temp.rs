//! A directory of its own under the system's temporary directory, removed on drop: what
//! the tests that write files (`NAME_FILE` targets, `.env` files, sockets) share.
//!
//! Included by path (`#[path = "support/temp.rs"] mod temp;`), as `support/mod.rs` is;
//! built alone, as cargo builds every `tests/*.rs`, it has no tests.
#![allow(dead_code, reason = "each test crate uses some of it")]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A new, empty directory named after the test crate, the process and a counter.
    pub fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!(
            "attached-{}-{}-{n}",
            env!("CARGO_CRATE_NAME"),
            std::process::id()
        );
        let dir = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes `contents` to the file `name` in the directory; its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// The path of `name` in the directory, which need not exist.
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// [`file`](Self::file), the path as text (as a `NAME_FILE` variable holds it).
    pub fn file_text(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        text(&self.file(name, contents))
    }

    /// [`path`](Self::path) as text.
    pub fn path_text(&self, name: &str) -> String {
        text(&self.path(name))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(path: &Path) -> String {
    path.to_str().unwrap().to_owned()
}
