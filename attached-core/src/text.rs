//! Text searches and comparisons the whole crate shares, each compiled once.
//!
//! std's versions are generic over the pattern and inlined at every call, each call a copy
//! of a substring search or of a comparison unrolled for long texts; the crate makes these
//! calls in many places (parsers, the masker, docs) on short texts. Behind one
//! out-of-line function each, they cost one copy to compile.

/// Whether `a` and `b` are equal but for ASCII case, as `str::eq_ignore_ascii_case`.
pub(crate) fn eq_ignore_case(a: &str, b: &str) -> bool {
    bytes_eq_ignore_case(a.as_bytes(), b.as_bytes())
}

/// [`eq_ignore_case`] of bytes.
#[inline(never)]
pub(crate) fn bytes_eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// Where `needle` first starts in `text`, as `text.find(needle)`.
#[inline(never)]
pub(crate) fn find(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
}

/// Whether `text` holds `needle`, as `text.contains(needle)`.
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    find(text, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_std() {
        let words = [
            "", "a", "A", "ab", "aB", "abc", "on", "ON", "On", "off", "é", "É", "://", "x://y",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    eq_ignore_case(a, b),
                    a.eq_ignore_ascii_case(b),
                    "{a:?} {b:?}"
                );
                assert_eq!(find(a, b), a.find(b), "{a:?} {b:?}");
                assert_eq!(contains(a, b), a.contains(b), "{a:?} {b:?}");
            }
        }
    }
}
