//! Where text values come from: the process environment, maps, `.env` files, and layers of
//! these.

use std::collections::{BTreeMap, HashMap};
use std::env::VarsOs;
use std::ffi::OsString;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a value came from, as shown in the startup summary.
///
/// Its `Display` and `Debug` show a `NAME_FILE` path only when it looks like a path (see
/// [`Problem`](crate::Problem)): a file named after a token does not print the token.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Origin {
    /// The process environment.
    Environment,
    /// A `.env` file, at this line (counted from 1).
    DotEnv {
        /// The file, as it was given.
        path: Arc<Path>,
        /// The line of the assignment that took effect.
        line: usize,
    },
    /// A map or list given to `from_source`.
    Map,
    /// The file named by the variable `NAME_FILE`.
    File {
        /// The `NAME_FILE` variable.
        variable: String,
        /// The path it held.
        path: PathBuf,
        /// Where the `NAME_FILE` variable itself came from.
        via: Box<Origin>,
    },
    /// The field's `default`.
    Default,
    /// Not set anywhere; the field is `None`.
    Unset,
}

impl Origin {
    /// No memory of its own to free: every origin but a `.env` file's and a
    /// `NAME_FILE`'s.
    pub(crate) fn owns_nothing(&self) -> bool {
        !matches!(self, Origin::DotEnv { .. } | Origin::File { .. })
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Environment => f.write_str("environment"),
            Origin::DotEnv { path, line } => write!(f, "{}:{line}", path.display()),
            Origin::Map => f.write_str("source"),
            Origin::File { variable, path, .. } => match crate::show::path(path) {
                Some(path) => write!(f, "file {} (from {variable})", path.display()),
                None => write!(f, "a file (from {variable}; its path is not shown)"),
            },
            Origin::Default => f.write_str("default"),
            Origin::Unset => f.write_str("not set"),
        }
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Environment => f.write_str("Environment"),
            Origin::DotEnv { path, line } => f
                .debug_struct("DotEnv")
                .field("path", path)
                .field("line", line)
                .finish(),
            Origin::Map => f.write_str("Map"),
            Origin::File {
                variable,
                path,
                via,
            } => {
                let shown = crate::show::path(path);
                f.debug_struct("File")
                    .field("variable", variable)
                    .field(
                        "path",
                        match &shown {
                            Some(path) => path as &dyn fmt::Debug,
                            None => &NotShown,
                        },
                    )
                    .field("via", via)
                    .finish()
            }
            Origin::Default => f.write_str("Default"),
            Origin::Unset => f.write_str("Unset"),
        }
    }
}

/// In a `Debug`, in place of what is not shown.
struct NotShown;

impl fmt::Debug for NotShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(not shown)")
    }
}

/// The text of a variable as a source holds it. Its `Debug` gives the length of the text,
/// not the text: it may be a secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Raw<'a> {
    /// Valid Unicode text.
    Text(&'a str),
    /// Set, but not valid Unicode (possible in the process environment on Unix).
    NotUnicode,
}

impl fmt::Debug for Raw<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Raw::Text(text) => write!(f, "Text(<{} bytes>)", text.len()),
            Raw::NotUnicode => f.write_str("NotUnicode"),
        }
    }
}

/// A variable found in a source: its text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    /// The text.
    pub raw: Raw<'a>,
    /// Where it came from.
    pub origin: Origin,
}

impl<'a> Found<'a> {
    fn text(text: &'a str, origin: Origin) -> Self {
        Found {
            raw: Raw::Text(text),
            origin,
        }
    }
}

/// Where text values come from.
///
/// Implemented for the process environment ([`Env`]), `.env` files ([`DotEnv`](crate::DotEnv)), layers
/// ([`Layered`]), and for maps and lists of pairs, so that tests never touch the process
/// environment:
///
/// ```
/// use std::collections::{BTreeMap, HashMap};
/// use attached::{Raw, Source};
///
/// let pairs = [("PORT", "8080")];
/// assert_eq!(Source::get(&pairs, "PORT").unwrap().raw, Raw::Text("8080"));
/// let owned = vec![("PORT".to_owned(), "8080".to_owned())];
/// assert_eq!(Source::get(&owned[..], "PORT").unwrap().raw, Raw::Text("8080"));
///
/// let map: HashMap<String, String> = [("PORT".into(), "8080".into())].into();
/// assert!(Source::get(&map, "HOST").is_none());
/// let map: BTreeMap<&str, &str> = pairs.into_iter().collect();
/// assert!(Source::get(&map, "PORT").is_some());
/// ```
pub trait Source {
    /// The variable `name`, if it is set.
    fn get(&self, name: &str) -> Option<Found<'_>>;

    /// Calls `each` with the name of every variable this source holds; used to warn of
    /// variables under a prefix that no field reads.
    fn names(&self, each: &mut dyn FnMut(&str));

    /// Whether the source may hold a name ending in `_FILE`. A load asks once, and looks
    /// for no field's `NAME_FILE` when the answer is `false`: half the lookups of a load.
    /// `true` by default, which is always correct; the sources of this crate answer from
    /// their names.
    fn may_hold_file_forms(&self) -> bool {
        true
    }

    /// Calls `each` with every warning the source has about itself, such as a `.env`
    /// line that refers to a variable the file does not set. The loader adds them to its
    /// warnings. None by default.
    fn warnings(&self, each: &mut dyn FnMut(crate::report::Problem)) {
        let _ = each;
    }

    /// This source with `lower` beneath it: a variable set here hides the one in `lower`,
    /// set to the empty string too (as a variable set empty in the environment is not
    /// replaced by a `.env` file's, as dotenvy does not replace it); the load then reads
    /// it as unset ("empty means unset"): the field's default, `None`, or a problem.
    ///
    /// ```no_run
    /// use attached::{DotEnv, Env, Source};
    /// let source = Env::new().over(DotEnv::from_path(".env")?);
    /// # Ok::<(), attached::DotEnvError>(())
    /// ```
    fn over<L: Source>(self, lower: L) -> Layered<Self, L>
    where
        Self: Sized,
    {
        Layered { upper: self, lower }
    }
}

/// A source that may be absent, such as [`DotEnv::if_exists`](crate::DotEnv::if_exists): `None` holds no variable.
impl<S: Source> Source for Option<S> {
    fn get(&self, name: &str) -> Option<Found<'_>> {
        self.as_ref()?.get(name)
    }
    fn names(&self, each: &mut dyn FnMut(&str)) {
        if let Some(source) = self {
            source.names(each);
        }
    }
    fn warnings(&self, each: &mut dyn FnMut(crate::report::Problem)) {
        if let Some(source) = self {
            source.warnings(each);
        }
    }
    fn may_hold_file_forms(&self) -> bool {
        self.as_ref().is_some_and(S::may_hold_file_forms)
    }
}

impl<S: Source + ?Sized> Source for &S {
    fn get(&self, name: &str) -> Option<Found<'_>> {
        (**self).get(name)
    }
    fn names(&self, each: &mut dyn FnMut(&str)) {
        (**self).names(each)
    }
    fn warnings(&self, each: &mut dyn FnMut(crate::report::Problem)) {
        (**self).warnings(each)
    }
    fn may_hold_file_forms(&self) -> bool {
        (**self).may_hold_file_forms()
    }
}

/// A snapshot of the process environment, taken once by [`Env::new`].
///
/// This is the one place the library reads the process environment. Reading it once, into
/// a map, makes a load cost one pass over the environment however many fields there are,
/// and gives every field the same view even if another thread changes the environment.
/// [`Attached::from_env`](crate::Attached::from_env) keeps only the variables under the
/// configuration's prefix when it reads no other name.
///
/// Its `Debug` shows how many variables it holds, never their values.
#[derive(Clone, Default)]
pub struct Env {
    /// The names, kept as the OS gave them: checking that every value is Unicode would
    /// cost a pass over all the text of the environment (`PATH`, `LS_COLORS`, ...), most
    /// of which no field reads. A value is checked when it is read, a name when `names`
    /// lists it.
    ///
    /// Lists and a small index rather than a `HashMap`: the names and values are moved
    /// once, into the lists, and the index is a few hundred bytes of positions. With the
    /// map, a table of several KiB was freed at the end of every load right after the
    /// snapshot's strings, and glibc's allocator then merged them all back: measured in
    /// `benches/side-by-side.sh`'s program, a load from the environment took 7.8 to 8.0 µs
    /// with the list against 8.3 to 8.7 with the map, and a process's first load 110,800
    /// instructions against 117,800.
    ///
    /// Two lists, not one of pairs, for the same reason: a list of 32 pairs is 1,536 bytes,
    /// over the 1,032 that glibc's per-thread cache takes back. Freed at the end of a load,
    /// it merged with the top of the heap, which made the allocator consolidate every small
    /// block freed before it (the snapshot's strings), and the next load's allocations took
    /// the slow path. Two lists of 768 bytes go back to the cache (see [`empty_slots`] for
    /// the index). Measured together, a load of `benches/side-by-side.sh`'s 30 fields from
    /// an environment of 58 variables: 7.8 µs and 108,700 instructions before, 5.8 µs and
    /// 89,700 after (envy: 5.3 µs, 91,500).
    names: Vec<OsString>,
    /// The values, in the order of `names`.
    values: Vec<OsString>,
    /// Where each name is in `names`, by [`NameHasher`] with linear probing; [`EMPTY`] is
    /// an empty slot. A power of two, at least twice `names.len()`.
    index: Box<[u32]>,
    /// Some name ends in `_FILE`.
    file_forms: bool,
}

impl Env {
    /// Takes the snapshot. Variables whose *names* are not Unicode are never found: no
    /// field can name them. A value that is not Unicode is read as [`Raw::NotUnicode`].
    ///
    /// A name the environment holds twice (only `execve` can make one) reads as
    /// `std::env::var` reads it: the first.
    pub fn new() -> Self {
        Env::whole(&mut std::env::vars_os())
    }

    /// The snapshot of every variable of `all`, the process's environment as
    /// `std::env::vars_os` copied it.
    pub(crate) fn whole(all: &mut VarsOs) -> Self {
        // The environment's size is known (`vars_os` has already read it): the lists and
        // the index are made once.
        let count = all.size_hint().0;
        Env::of(all, count, "")
    }

    /// The snapshot of the variables of `all` whose names start with `prefix`, for a
    /// configuration that reads no other ([`Attached::from_env`](crate::Attached::from_env)).
    /// Every other variable is let go as it is met, not kept to the end of the load:
    /// measured with `benches/side-by-side.sh`'s program, a load of its 30 fields took 7.7
    /// µs against 7.9 with the whole environment kept (58 variables), and 17 µs against 28
    /// in an environment of 330 variables (envy: 5.3 and 28).
    ///
    /// `all` itself, std's list of the environment, is the caller's to drop, after the
    /// load: see `Attached::from_env`.
    pub(crate) fn under(prefix: &str, all: &mut VarsOs) -> Self {
        // Room for as many variables as a configuration usually reads; it grows past that.
        Env::of(all, 32, prefix)
    }

    /// The snapshot of the variables of `all` whose names start with `prefix`, with room
    /// made for `count` of them.
    fn of(all: impl Iterator<Item = (OsString, OsString)>, count: usize, prefix: &str) -> Self {
        let mut env = Env {
            names: Vec::with_capacity(count),
            values: Vec::with_capacity(count),
            index: Box::default(),
            file_forms: false,
        };
        env.reindex(count);
        for (name, value) in all {
            if !has_prefix(name.as_encoded_bytes(), prefix.as_bytes()) {
                continue;
            }
            if env.index.len() < (env.names.len() + 1) * 2 {
                env.reindex(env.names.len() + 1);
            }
            let Err(slot) = env.slot(name.as_encoded_bytes()) else {
                continue;
            };
            env.file_forms |= is_file_form(name.as_encoded_bytes());
            env.index[slot] = position(env.names.len());
            env.names.push(name);
            env.values.push(value);
        }
        env
    }

    /// Makes the index anew, with room for `count` names.
    fn reindex(&mut self, count: usize) {
        self.index = empty_slots((count * 2).next_power_of_two().max(8)).into_boxed_slice();
        for at in 0..self.names.len() {
            if let Err(slot) = self.slot(self.names[at].as_encoded_bytes()) {
                self.index[slot] = position(at);
            }
        }
    }

    /// The position of `name` in `names`, or the empty slot of the index where it would go.
    fn slot(&self, name: &[u8]) -> Result<usize, usize> {
        let mask = self.index.len().wrapping_sub(1);
        let mut hasher = NameHasher::default();
        hasher.write(name);
        // Only the low bits are used: truncating on a 32-bit target is fine. `Default`
        // leaves the index empty: no slot, and no name found.
        let mut slot = hasher.finish() as usize & mask;
        loop {
            match *self.index.get(slot).ok_or(slot)? {
                EMPTY => return Err(slot),
                at => {
                    let at = at as usize;
                    if self.names[at].as_encoded_bytes() == name {
                        return Ok(at);
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Env")
            .field("variables", &self.names.len())
            .finish()
    }
}

/// The hash of [`Env`]'s names: FxHash (rustc's), a multiply and a rotate per 8 bytes.
///
/// A load hashes every name in the environment once and every name it reads twice (`NAME`
/// and `NAME_FILE`); with SipHash that was most of the cost of `Env::new`. SipHash's
/// resistance to chosen collisions buys nothing here: whoever chooses the names of a
/// process's environment variables already chooses what it runs.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NameHasher(u64);

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("8 bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            self.add(tail(rest));
        }
    }
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        // The table takes its bucket from the low bits, which the multiply mixes least.
        self.0.rotate_left(26)
    }
}

/// Whether `name` starts with `prefix`. Most names of an environment differ from a
/// configuration's prefix in their first byte, which is compared here, before the call to
/// `memcmp` that `starts_with` makes (4% of a load from the environment under `perf`).
fn has_prefix(name: &[u8], prefix: &[u8]) -> bool {
    match (name.first(), prefix.first()) {
        (_, None) => true,
        (Some(a), Some(b)) if a == b => name.starts_with(prefix),
        _ => false,
    }
}

/// The last 1 to 7 bytes of a name as one word, and their count. Read with two loads at
/// most, not copied into a zeroed word: that copy was a call to `memcpy` of a length known
/// only at run time, and with it hashing was a tenth of a load from the environment
/// (`perf` of `benches/side-by-side.sh`'s program). Overlapping reads make some tails of
/// different bytes equal; a match is always confirmed on the names themselves.
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    let bytes = if n >= 4 {
        let first = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let last = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]);
        u64::from(first) | u64::from(last) << 32
    } else {
        u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16
    };
    bytes ^ (n as u64) << 56
}

/// An empty slot of the open-addressed indexes of [`Env`] and of a load's claimed names.
pub(crate) const EMPTY: u32 = u32::MAX;

/// A table of `len` empty slots.
///
/// Empty is [`EMPTY`], not 0, for the time of a load: the compiler makes `vec![0; len]` a
/// call to `calloc`, which glibc (2.36 here) serves without its per-thread cache, while
/// `free` puts the block into that cache. Once seven tables were freed the cache's bin was
/// full, each later table went to the slow path of `free`, merged with the top of the heap
/// and made the allocator consolidate every small block freed before it; the next load's
/// allocations then took the slow path too.
pub(crate) fn empty_slots(len: usize) -> Vec<u32> {
    vec![EMPTY; len]
}

/// What an index holds for the entry at `at`.
pub(crate) fn position(at: usize) -> u32 {
    u32::try_from(at)
        .ok()
        .filter(|&at| at != EMPTY)
        .expect("fewer than 2^32 - 1 names")
}

impl Source for Env {
    fn get(&self, name: &str) -> Option<Found<'_>> {
        let value = &self.values[self.slot(name.as_bytes()).ok()?];
        Some(Found {
            raw: value.to_str().map_or(Raw::NotUnicode, Raw::Text),
            origin: Origin::Environment,
        })
    }
    fn names(&self, each: &mut dyn FnMut(&str)) {
        self.names.iter().filter_map(|n| n.to_str()).for_each(each);
    }
    fn may_hold_file_forms(&self) -> bool {
        self.file_forms
    }
}

/// Two sources, one over the other; made by [`Source::over`]. Its `Debug` shows neither:
/// a map's `Debug` would show its values.
#[derive(Clone)]
pub struct Layered<U, L> {
    upper: U,
    lower: L,
}

impl<U, L> fmt::Debug for Layered<U, L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Layered").finish_non_exhaustive()
    }
}

impl<U: Source, L: Source> Source for Layered<U, L> {
    fn get(&self, name: &str) -> Option<Found<'_>> {
        self.upper.get(name).or_else(|| self.lower.get(name))
    }
    fn names(&self, each: &mut dyn FnMut(&str)) {
        self.upper.names(each);
        self.lower.names(each);
    }
    fn warnings(&self, each: &mut dyn FnMut(crate::report::Problem)) {
        self.upper.warnings(each);
        self.lower.warnings(each);
    }
    fn may_hold_file_forms(&self) -> bool {
        self.upper.may_hold_file_forms() || self.lower.may_hold_file_forms()
    }
}

macro_rules! text_maps {
    ($($map:ty $(, $gen:ident: $bound:path)?;)*) => {$(
        impl<$($gen: $bound)?> Source for $map {
            #[inline]
            fn get(&self, name: &str) -> Option<Found<'_>> {
                let value: &str = self.get(name)?.as_ref();
                Some(Found::text(value, Origin::Map))
            }
            #[inline]
            fn names(&self, each: &mut dyn FnMut(&str)) {
                self.keys().for_each(|name| each(name));
            }
            #[inline]
            fn may_hold_file_forms(&self) -> bool {
                self.keys().any(|name| {
                    let name: &str = name.as_ref();
                    is_file_form(name.as_bytes())
                })
            }
        }
    )*};
}

text_maps! {
    HashMap<String, String, H>, H: BuildHasher;
    HashMap<&str, &str, H>, H: BuildHasher;
    BTreeMap<String, String>;
    BTreeMap<&str, &str>;
}

macro_rules! os_maps {
    ($($map:ty $(, $gen:ident: $bound:path)?;)*) => {$(
        /// Values that are not Unicode are reported as such; names that are not Unicode
        /// are never looked up.
        impl<$($gen: $bound)?> Source for $map {
            #[inline]
            fn get(&self, name: &str) -> Option<Found<'_>> {
                let value = self.get(std::ffi::OsStr::new(name))?;
                Some(Found {
                    raw: value.to_str().map_or(Raw::NotUnicode, Raw::Text),
                    origin: Origin::Map,
                })
            }
            #[inline]
            fn names(&self, each: &mut dyn FnMut(&str)) {
                self.keys().filter_map(|n| n.to_str()).for_each(|name| each(name));
            }
            #[inline]
            fn may_hold_file_forms(&self) -> bool {
                self.keys().any(|name| is_file_form(name.as_encoded_bytes()))
            }
        }
    )*};
}

os_maps! {
    HashMap<OsString, OsString, H>, H: BuildHasher;
    BTreeMap<OsString, OsString>;
}

/// A list of pairs, `(&str, &str)` or `(String, String)`; when a name appears twice, the
/// last one wins, as in a shell. Arrays and `Vec`s of pairs are read as this slice.
impl<K: AsRef<str>, V: AsRef<str>> Source for [(K, V)] {
    fn get(&self, name: &str) -> Option<Found<'_>> {
        self.iter()
            .rev()
            .find(|(n, _)| n.as_ref() == name)
            .map(|(_, v)| Found::text(v.as_ref(), Origin::Map))
    }
    fn names(&self, each: &mut dyn FnMut(&str)) {
        self.iter().for_each(|(name, _)| each(name.as_ref()));
    }
    fn may_hold_file_forms(&self) -> bool {
        self.iter()
            .any(|(name, _)| is_file_form(name.as_ref().as_bytes()))
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Source for [(K, V); N] {
    fn get(&self, name: &str) -> Option<Found<'_>> {
        Source::get(self.as_slice(), name)
    }
    fn names(&self, each: &mut dyn FnMut(&str)) {
        self.as_slice().names(each)
    }
    fn may_hold_file_forms(&self) -> bool {
        self.as_slice().may_hold_file_forms()
    }
}

/// A list of pairs built at run time, read as a slice.
impl<K: AsRef<str>, V: AsRef<str>> Source for Vec<(K, V)> {
    fn get(&self, name: &str) -> Option<Found<'_>> {
        Source::get(self.as_slice(), name)
    }
    fn names(&self, each: &mut dyn FnMut(&str)) {
        self.as_slice().names(each)
    }
    fn may_hold_file_forms(&self) -> bool {
        self.as_slice().may_hold_file_forms()
    }
}

/// Whether a name ends in `_FILE`.
pub(crate) fn is_file_form(name: &[u8]) -> bool {
    name.ends_with(b"_FILE")
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::InvalidData => "not valid UTF-8 text".to_owned(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_hide_lower_values() {
        let upper = [("A", "1")];
        let lower = [("A", "2"), ("B", "3")];
        let both = upper.over(lower);
        assert_eq!(both.get("A").unwrap().raw, Raw::Text("1"));
        assert_eq!(both.get("B").unwrap().raw, Raw::Text("3"));
        assert!(both.get("C").is_none());
        assert_eq!(both.get("A").unwrap().origin, Origin::Map);
    }

    fn pairs(names: &[String]) -> Vec<(OsString, OsString)> {
        names
            .iter()
            .map(|n| (n.into(), format!("value of {n}").into()))
            .collect()
    }

    #[test]
    fn env_index_finds_every_name_and_no_other() {
        let names: Vec<String> = (0..1000).map(|i| format!("VAR_{i}")).collect();
        let mut all = pairs(&names).into_iter();
        // An iterator that tells nothing of its size: the index grows as names come.
        for env in [
            Env::of(pairs(&names).into_iter(), names.len(), ""),
            Env::of(std::iter::from_fn(|| all.next()), 0, ""),
        ] {
            for name in &names {
                let expected = format!("value of {name}");
                assert_eq!(env.get(name).unwrap().raw, Raw::Text(&expected));
                assert!(env.get(&format!("{name}_FILE")).is_none());
                assert!(env.get(&name[1..]).is_none());
            }
            let mut listed = Vec::new();
            env.names(&mut |n| listed.push(n.to_owned()));
            assert_eq!(listed, names);
            assert!(!env.may_hold_file_forms());
        }
    }

    #[test]
    fn env_tells_apart_names_whose_last_bytes_hash_alike() {
        // The last bytes of a name are read with overlapping loads: the same letter
        // repeated (only the length differs), and names of each length that differ in one
        // byte, wherever it is.
        let mut names: Vec<String> = (1..=24).map(|n| "A".repeat(n)).collect();
        for n in 1..=24 {
            for at in 0..n {
                let mut name = vec![b'A'; n];
                name[at] = b'B';
                names.push(String::from_utf8(name).unwrap());
            }
        }
        let env = Env::of(pairs(&names).into_iter(), 0, "");
        for name in &names {
            let expected = format!("value of {name}");
            assert_eq!(env.get(name).unwrap().raw, Raw::Text(&expected));
        }
        assert!(env.get(&"A".repeat(25)).is_none() && env.get("C").is_none());
    }

    #[test]
    fn env_reads_a_name_set_twice_as_std_does() {
        let env = Env::of(
            [("A", "first"), ("B_FILE", "/b"), ("A", "second")]
                .into_iter()
                .map(|(n, v)| (n.into(), v.into())),
            3,
            "",
        );
        assert_eq!(env.get("A").unwrap().raw, Raw::Text("first"));
        let mut listed = Vec::new();
        env.names(&mut |n| listed.push(n.to_owned()));
        assert_eq!(listed, ["A", "B_FILE"]);
        assert!(env.may_hold_file_forms());
        assert_eq!(format!("{env:?}"), "Env { variables: 2 }");
    }

    #[test]
    fn env_of_a_prefix_keeps_only_its_names() {
        let env = Env::of(
            [
                ("APP_A", "1"),
                ("OTHER_FILE", "/b"),
                ("APP", "2"),
                ("APP_B", "3"),
            ]
            .into_iter()
            .map(|(n, v)| (n.into(), v.into())),
            0,
            "APP_",
        );
        let mut listed = Vec::new();
        env.names(&mut |n| listed.push(n.to_owned()));
        assert_eq!(listed, ["APP_A", "APP_B"]);
        assert!(env.get("OTHER_FILE").is_none() && env.get("APP").is_none());
        // Only a name kept can be a `NAME_FILE` a field reads.
        assert!(!env.may_hold_file_forms());
    }

    #[test]
    fn an_empty_env_finds_nothing() {
        for env in [Env::default(), Env::of(std::iter::empty(), 0, "")] {
            assert!(env.get("PATH").is_none());
            assert!(env.get("").is_none());
            env.names(&mut |n| panic!("listed {n}"));
        }
    }

    #[test]
    fn env_holds_every_variable_of_the_process() {
        let env = Env::new();
        let mut count = 0;
        for (name, value) in std::env::vars_os() {
            let Some(name) = name.to_str() else { continue };
            count += 1;
            let expected = value.to_str().map_or(Raw::NotUnicode, Raw::Text);
            assert_eq!(env.get(name).map(|f| f.raw), Some(expected), "{name}");
            assert!(env.get(&format!("{name}_NOT_SET_ANYWHERE")).is_none());
        }
        let mut names = 0;
        env.names(&mut |_| names += 1);
        assert_eq!(names, count);
    }

    #[test]
    fn env_under_a_prefix_holds_the_variables_under_it_and_no_other() {
        // A prefix the process's environment has (it is never empty under a test runner),
        // short enough to be shared by several names, and one it has not.
        let first = std::env::vars_os()
            .find_map(|(name, _)| name.into_string().ok())
            .expect("a process environment with a variable");
        let prefix = &first[..first.len().min(2)];
        let env = Env::under(prefix, &mut std::env::vars_os());
        let mut under = 0;
        for (name, value) in std::env::vars_os() {
            let Some(name) = name.to_str() else { continue };
            let found = env.get(name).map(|f| f.raw);
            if name.starts_with(prefix) {
                under += 1;
                let expected = value.to_str().map_or(Raw::NotUnicode, Raw::Text);
                assert_eq!(found, Some(expected), "{name}");
            } else {
                assert_eq!(found, None, "{name} is not under {prefix}");
            }
        }
        let mut names = 0;
        env.names(&mut |name| {
            assert!(name.starts_with(prefix), "{name}");
            names += 1;
        });
        assert!(under > 0);
        assert_eq!(names, under);
        let none = Env::under(
            "\u{0}no variable starts with this",
            &mut std::env::vars_os(),
        );
        none.names(&mut |name| panic!("listed {name}"));
    }

    #[test]
    fn last_pair_wins() {
        let pairs = [("A", "1"), ("A", "2")];
        assert_eq!(Source::get(&pairs, "A").unwrap().raw, Raw::Text("2"));
        let pairs: Vec<(&str, &str)> = pairs.to_vec();
        assert_eq!(Source::get(&pairs, "A").unwrap().raw, Raw::Text("2"));
        let mut names = Vec::new();
        pairs.names(&mut |n| names.push(n.to_owned()));
        assert_eq!(names, ["A", "A"]);
    }

    /// Every form of a list of pairs, of `&str` or of `String`, reads as the slice of
    /// `(&str, &str)` reads.
    #[test]
    fn pairs_of_strings_read_as_pairs_of_str() {
        fn check<S: Source + ?Sized>(source: &S, file_forms: bool) {
            assert_eq!(source.get("A").unwrap().raw, Raw::Text("2"));
            assert_eq!(source.get("A").unwrap().origin, Origin::Map);
            assert!(source.get("C").is_none());
            let mut names = Vec::new();
            source.names(&mut |n| names.push(n.to_owned()));
            assert_eq!(names.len(), 3);
            assert_eq!(source.may_hold_file_forms(), file_forms);
        }
        for last in ["B", "B_FILE"] {
            let file_forms = last == "B_FILE";
            let borrowed = [("A", "1"), ("A", "2"), (last, "3")];
            let owned = borrowed.map(|(n, v)| (n.to_owned(), v.to_owned()));
            check(&borrowed, file_forms);
            check(&borrowed[..], file_forms);
            check(&borrowed.to_vec(), file_forms);
            check(&owned, file_forms);
            check(&owned[..], file_forms);
            check(&owned.to_vec(), file_forms);
        }
    }

    #[cfg(unix)]
    #[test]
    fn os_maps_report_non_unicode() {
        use std::os::unix::ffi::OsStringExt;
        let mut map = BTreeMap::new();
        map.insert(OsString::from("A"), OsString::from_vec(vec![0xff, 0xfe]));
        assert_eq!(Source::get(&map, "A").unwrap().raw, Raw::NotUnicode);
    }
}
