//! Text searches, comparisons and scans the whole crate shares, each compiled once.
//!
//! std's versions are generic over the pattern and inlined at every call, each call a copy
//! of a substring search or of a comparison unrolled for long texts; the crate makes these
//! calls in many places (parsers, the masker, docs) on short texts. Behind one
//! out-of-line function each, or one taking a function pointer, they cost one copy to
//! compile.

/// `text` without the whitespace around it, as `str::trim`.
///
/// A value almost never has any: when its first and last bytes are visible ASCII, it is
/// returned as it is, without the call to `str::trim`, which decodes a character at each
/// end to ask whether it is Unicode whitespace. That call was 3% of a load from a map
/// (callgrind of `benches/side-by-side.sh`'s program: one for every number, boolean,
/// service URL and list item). No byte of visible ASCII is whitespace, nor part of a
/// longer character.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Whether `a` and `b` are equal but for ASCII case, as `str::eq_ignore_ascii_case`.
pub(crate) fn eq_ignore_case(a: &str, b: &str) -> bool {
    bytes_eq_ignore_case(a.as_bytes(), b.as_bytes())
}

/// [`eq_ignore_case`] of bytes.
#[inline(never)]
pub(crate) fn bytes_eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// Whether `text` starts with `start` but for ASCII case.
pub(crate) fn starts_with_ignore_case(text: &[u8], start: &[u8]) -> bool {
    text.len() >= start.len() && bytes_eq_ignore_case(&text[..start.len()], start)
}

/// Whether `text` ends with `end` but for ASCII case.
pub(crate) fn ends_with_ignore_case(text: &[u8], end: &[u8]) -> bool {
    text.len() >= end.len() && bytes_eq_ignore_case(&text[text.len() - end.len()..], end)
}

/// Whether `haystack` holds `needle` but for ASCII case.
pub(crate) fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| bytes_eq_ignore_case(w, needle))
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

/// Searches of a text for one ASCII byte, in place of `str`'s methods taking a `char`:
/// those find a candidate with `memchr` and confirm it with a call to `memcmp`, through a
/// copy of the char searcher compiled at each call, and a URL is searched a dozen times
/// on the usual path of a load. An ASCII byte is never part of a longer character, so
/// every index found is a character boundary.
pub(crate) trait AsciiSearch {
    /// Where `byte` first is, as `find(char)`.
    fn find_byte(&self, byte: u8) -> Option<usize>;
    /// Where `byte` last is, as `rfind(char)`.
    fn rfind_byte(&self, byte: u8) -> Option<usize>;
    /// Whether `byte` is there, as `contains(char)`.
    fn has_byte(&self, byte: u8) -> bool {
        self.find_byte(byte).is_some()
    }
    /// The text before the first `byte` and after it, as `split_once(char)`.
    fn split_once_byte(&self, byte: u8) -> Option<(&str, &str)>;
    /// The text before the last `byte` and after it, as `rsplit_once(char)`.
    fn rsplit_once_byte(&self, byte: u8) -> Option<(&str, &str)>;
}

impl AsciiSearch for str {
    fn find_byte(&self, byte: u8) -> Option<usize> {
        debug_assert!(byte.is_ascii());
        self.bytes().position(|b| b == byte)
    }
    fn rfind_byte(&self, byte: u8) -> Option<usize> {
        debug_assert!(byte.is_ascii());
        self.bytes().rposition(|b| b == byte)
    }
    fn split_once_byte(&self, byte: u8) -> Option<(&str, &str)> {
        let i = self.find_byte(byte)?;
        Some((&self[..i], &self[i + 1..]))
    }
    fn rsplit_once_byte(&self, byte: u8) -> Option<(&str, &str)> {
        let i = self.rfind_byte(byte)?;
        Some((&self[..i], &self[i + 1..]))
    }
}

/// The length in bytes of the longest start of `text` whose characters `accept` all
/// accepts (see [`any_char`]).
pub(crate) fn prefix_len(text: &str, accept: fn(char) -> bool) -> usize {
    for (i, c) in text.char_indices() {
        if !accept(c) {
            return i;
        }
    }
    text.len()
}

/// Whether any character of `text` is one that `accept` accepts.
///
/// A loop over a function pointer rather than `chars().any(...)`, which was a copy of the
/// iterator code for each closure.
pub(crate) fn any_char(text: &str, accept: fn(char) -> bool) -> bool {
    for c in text.chars() {
        if accept(c) {
            return true;
        }
    }
    false
}

/// Whether `text` holds a control character (`char::is_control`: U+0000 to U+001F,
/// U+007F to U+009F), found by its UTF-8 bytes rather than by decoding every character:
/// every service URL is checked for them.
pub(crate) fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Eight bytes at a time while none of them can start one: no byte below 0x20, none
    // 0x7F, none 0xC2. From the first word that may, byte by byte.
    let mut start = 0;
    for word in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        if has_less(word, 0x20) || has_zero(word ^ spread(0x7f)) || has_zero(word ^ spread(0xc2)) {
            break;
        }
        start += 8;
    }
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        // U+0080 to U+009F are 0xC2 0x80 to 0xC2 0x9F.
        if b < 0x20 || b == 0x7f || (b == 0xc2 && bytes.get(i + 1).is_some_and(|&n| n < 0xa0)) {
            return true;
        }
    }
    false
}

/// `byte` in each of the eight bytes of a word.
const fn spread(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// Whether a byte of `word` is zero.
const fn has_zero(word: u64) -> bool {
    has_less(word, 1)
}

/// Whether a byte of `word` is below `n`, for `n` up to 128 (exact: a borrow can only set
/// the high bit of a byte above one that is below `n`).
const fn has_less(word: u64, n: u8) -> bool {
    word.wrapping_sub(spread(n)) & !word & spread(0x80) != 0
}

/// "one of `a`, `b` or `c`", for a message: the words a value may be.
pub(crate) fn one_of(words: &[&str]) -> String {
    let mut text = String::from("one of ");
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            text.push_str(if i + 1 == words.len() { " or " } else { ", " });
        }
        text.push('`');
        text.push_str(word);
        text.push('`');
    }
    text
}

/// Whether `bytes[i..]` is `%` and two hex digits: an escape as URLs write them.
pub(crate) fn is_percent_escape(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i..i + 3), Some([b'%', a, b]) if a.is_ascii_hexdigit() && b.is_ascii_hexdigit())
}

/// `raw` with each `%` and two hex digits replaced by the byte they stand for, as the
/// drivers' `percent_decode` reads it: a `%` that starts no escape stays (and an escape
/// is two hex digits and nothing else: `%+1` is a `%`, then `+1`). Borrowed when `raw`
/// has no `%`. The one percent-decoder of the crate: the service URL types' and the
/// masker's names.
pub(crate) fn percent_decode(raw: &str) -> std::borrow::Cow<'_, [u8]> {
    if !raw.has_byte(b'%') {
        return std::borrow::Cow::Borrowed(raw.as_bytes());
    }
    let hex = |digit: u8| match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => digit - b'A' + 10,
    };
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if is_percent_escape(bytes, i) {
            out.push(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_agrees_with_std() {
        let texts = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "8080",
            " 8080 ",
            "\u{a0}80\u{a0}",
            "\u{3000}x",
            "x\u{2028}",
            "é",
            " é ",
            "日本",
            "a b",
            "\u{85}",
            "~!",
            "\r\n",
            "\u{b}1\u{c}",
        ];
        for text in texts {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn ascii_searches_agree_with_std() {
        let texts = [
            "",
            ":",
            "a:b",
            "::",
            "user:pa@ss@host:5432/db",
            "é:ü@€",
            "@",
            "a@",
            "@a",
            "日本:語",
        ];
        for text in texts {
            for byte in [b':', b'@', b'/', b'x', b'%'] {
                let c = char::from(byte);
                assert_eq!(text.find_byte(byte), text.find(c), "{text} {c}");
                assert_eq!(text.rfind_byte(byte), text.rfind(c), "{text} {c}");
                assert_eq!(text.has_byte(byte), text.contains(c), "{text} {c}");
                assert_eq!(text.split_once_byte(byte), text.split_once(c), "{text} {c}");
                assert_eq!(
                    text.rsplit_once_byte(byte),
                    text.rsplit_once(c),
                    "{text} {c}"
                );
            }
        }
    }

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

    #[test]
    fn control_characters_are_found_by_their_bytes() {
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .step_by(7)
            .chain(['\u{9f}', '\u{a0}', '\u{80}', '\u{7f}'])
        {
            let text = format!("ab{c}é");
            assert_eq!(has_control(&text), c.is_control(), "{c:?}");
        }
        assert!(!has_control("postgres://u:pä@h/d"));
    }

    /// Each of the bytes that may start a control character, and a look-alike that does
    /// not (0xC2 0xA0, a no-break space), at every position of texts longer than a word
    /// and across the words' edges.
    #[test]
    fn control_characters_are_found_at_every_position() {
        for c in [
            '\0', '\n', '\u{1f}', '\u{7f}', '\u{80}', '\u{9f}', '\u{a0}', 'x', 'é',
        ] {
            for len in 0..40 {
                for at in 0..=len {
                    let mut text = "a".repeat(len);
                    text.insert(at, c);
                    assert_eq!(has_control(&text), c.is_control(), "{c:?} at {at} of {len}");
                }
            }
        }
        for byte in 0..=u8::MAX {
            for n in 0..=128u8 {
                let word = u64::from_le_bytes([b'a', b'b', byte, b'c', 0xff, b'd', b'e', b'f']);
                let expected = [b'a', b'b', byte, b'c', 0xff, b'd', b'e', b'f']
                    .iter()
                    .any(|&b| b < n);
                assert_eq!(has_less(word, n), expected, "{byte} < {n}");
            }
            let word = u64::from_le_bytes([0xff, byte, 1, 0x80, 0x7f, 2, 3, 4]);
            assert_eq!(has_zero(word), byte == 0, "{byte}");
        }
    }
}
