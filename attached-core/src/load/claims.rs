//! The names the fields of one load read, for conflicts (two fields reading one variable)
//! and unknown names (a variable under a prefix that no field reads).
//!
//! Every load asks this once per field, so it allocates nothing per field: the names and
//! the fields' paths are appended to one `String`, and an open-addressed table of `u32`
//! finds them by hash. A hash match is always confirmed on the names themselves.

use crate::source::{EMPTY, NameHasher, empty_slots, position};
use std::hash::Hasher;
use std::ops::Range;

/// Every name claimed so far, each once, with the path of the field that reads it.
#[derive(Default)]
pub(super) struct Claims {
    /// The names and paths, one after the other.
    text: String,
    entries: Vec<Entry>,
    /// Some name claimed ends in `_FILE`: only then can a `NAME_FILE` be claimed as a name.
    file_form: bool,
    /// Indices into `entries` ([`EMPTY`] is an empty slot), at the hash of the entry's
    /// name; linear probing. Its length is a power of two, at least twice `entries`'.
    slots: Vec<u32>,
}

struct Entry {
    hash: u64,
    name: Range<u32>,
    path: Range<u32>,
}

/// A name's hash: [`NameHasher`], as [`Env`](crate::Env) hashes names.
#[derive(Clone, Copy)]
pub(super) struct Hash(u64);

impl Hash {
    pub(super) fn of(name: &str) -> Self {
        let mut hasher = NameHasher::default();
        hasher.write(name.as_bytes());
        Hash(hasher.finish())
    }
}

impl Claims {
    /// The path of the field that reads `name`, whose hash is `hash`.
    pub(super) fn get(&self, hash: Hash, name: &str) -> Option<&str> {
        self.get_with(hash, name, "")
    }

    /// The path of the field that reads `name` followed by `_FILE`.
    pub(super) fn get_file_form(&self, name: &str) -> Option<&str> {
        if !self.file_form {
            return None;
        }
        // Rare (a field's own name ends in `_FILE`): the text is built to be hashed.
        let mut text = String::with_capacity(name.len() + 5);
        text.push_str(name);
        text.push_str("_FILE");
        self.get_with(Hash::of(&text), name, "_FILE")
    }

    /// The path of the field that reads `name` followed by `suffix`, whose hash is `hash`.
    fn get_with(&self, hash: Hash, name: &str, suffix: &str) -> Option<&str> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash.0 as usize & mask;
        loop {
            let index = self.slots[slot];
            if index == EMPTY {
                return None;
            }
            let entry = &self.entries[index as usize];
            if entry.hash == hash.0 {
                let claimed = self.text(&entry.name);
                if claimed.len() == name.len() + suffix.len()
                    && claimed.starts_with(name)
                    && claimed.ends_with(suffix)
                {
                    return Some(self.text(&entry.path));
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Claims `name` (not claimed yet) for the field `field` of the nested fields
    /// `parents`: its path is theirs and its own, joined by `.`.
    pub(super) fn insert(&mut self, hash: Hash, name: &str, parents: &[&str], field: &str) {
        if self.slots.len() < 2 * (self.entries.len() + 1) {
            self.grow();
        }
        self.file_form |= crate::source::is_file_form(name.as_bytes());
        let name = self.push(name);
        let start = self.text.len();
        for parent in parents {
            self.text.push_str(parent);
            self.text.push('.');
        }
        let path = self.push(field);
        let path = offset(start)..path.end;
        let index = position(self.entries.len());
        self.entries.push(Entry {
            hash: hash.0,
            name,
            path,
        });
        self.place(hash.0, index);
    }

    /// Every name claimed, in the order claimed.
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|entry| self.text(&entry.name))
    }

    fn text(&self, range: &Range<u32>) -> &str {
        &self.text[range.start as usize..range.end as usize]
    }

    fn push(&mut self, text: &str) -> Range<u32> {
        let start = self.text.len();
        self.text.push_str(text);
        offset(start)..offset(self.text.len())
    }

    fn place(&mut self, hash: u64, index: u32) {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        while self.slots[slot] != EMPTY {
            slot = (slot + 1) & mask;
        }
        self.slots[slot] = index;
    }

    fn grow(&mut self) {
        if self.slots.is_empty() {
            // Room for 32 names of about 24 bytes with their paths: most configurations
            // never grow any of the three.
            self.entries.reserve(32);
            self.text.reserve(32 * 24);
        }
        let len = (self.slots.len() * 2).max(64);
        self.slots = empty_slots(len);
        for i in 0..self.entries.len() {
            let hash = self.entries[i].hash;
            self.place(hash, position(i));
        }
    }
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("names shorter than 4 GiB in all")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_and_their_file_forms_by_hash() {
        let mut claims = Claims::default();
        for i in 0..200 {
            let name = format!("APP_FIELD_{i}");
            assert_eq!(claims.get(Hash::of(&name), &name), None);
            claims.insert(Hash::of(&name), &name, &[], &format!("field_{i}"));
        }
        for i in 0..200 {
            let name = format!("APP_FIELD_{i}");
            assert_eq!(
                claims.get(Hash::of(&name), &name),
                Some(format!("field_{i}").as_str())
            );
            let file = format!("{name}_FILE");
            assert_eq!(claims.get(Hash::of(&file), &file), None);
        }
        claims.insert(Hash::of("DB_FILE"), "DB_FILE", &["db"], "file");
        assert_eq!(claims.get_file_form("DB"), Some("db.file"));
        assert_eq!(claims.get(Hash::of("DB"), "DB"), None);
        assert_eq!(claims.names().count(), 201);
    }

    #[test]
    fn a_hash_match_is_confirmed_on_the_name() {
        let mut claims = Claims::default();
        // Two names forced onto one hash: only the name decides.
        claims.insert(Hash(7), "A", &[], "a");
        claims.insert(Hash(7), "B", &[], "b");
        assert_eq!(claims.get(Hash(7), "A"), Some("a"));
        assert_eq!(claims.get(Hash(7), "B"), Some("b"));
        assert_eq!(claims.get(Hash(7), "C"), None);
        assert_eq!(claims.get_with(Hash(7), "A", "_FILE"), None);
    }
}
