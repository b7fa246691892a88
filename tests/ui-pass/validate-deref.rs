//! A `validate` function may take what the value dereferences to, as clippy's `ptr_arg`
//! asks: `&str` for a `String`, `&[T]` for a `Vec<T>`, `&Path` for a `PathBuf`; and
//! `&T` as before.
use attached::Attached;
use std::path::{Path, PathBuf};

fn not_blank(text: &str) -> Result<(), &'static str> {
    if text.trim().is_empty() { Err("must not be blank") } else { Ok(()) }
}

fn not_blank_string(text: &String) -> Result<(), &'static str> {
    not_blank(text)
}

fn some(items: &[u16]) -> Result<(), String> {
    if items.is_empty() { Err("must not be empty".to_owned()) } else { Ok(()) }
}

fn absolute(path: &Path) -> Result<(), &'static str> {
    if path.is_absolute() { Ok(()) } else { Err("must be absolute") }
}

fn positive(n: &u32) -> Result<(), &'static str> {
    if *n > 0 { Ok(()) } else { Err("must be positive") }
}

#[derive(Attached)]
struct Config {
    #[attached(validate = not_blank)]
    name: String,
    #[attached(validate = not_blank_string)]
    title: Option<String>,
    #[attached(validate = some)]
    ports: Vec<u16>,
    #[attached(validate = absolute)]
    root: PathBuf,
    #[attached(validate = positive)]
    replicas: u32,
}

fn main() {
    let _ = Config::from_source(&[("NAME", "x")]);
}
