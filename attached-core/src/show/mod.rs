//! What every output of the library may show: the one owner of secrecy.
//!
//! The generated `Debug`, the startup summary and its data ([`Variable::shown`]), every
//! problem and warning of a [`Report`](crate::Report), every docs renderer, public JSON and
//! the service types' `Display` render through this module; none of them decides for
//! itself what is hidden. The decisions, in order:
//!
//! 1. **Whether a field is secret** ([`verdict`]): its type says so (`Secret<T>`, and any
//!    type whose [`Value::SECRET`](crate::Value::SECRET) is true, whichever parser reads
//!    it), or `#[attached(secret)]`, or it sits inside a `nested` field marked `secret`, or
//!    its own part of the variable's name, one of its `fallback` names, or the name of a
//!    `nested` field it sits in looks like a credential ([`is_secret_name`]), unless the
//!    field is marked `public` or `not_secret`. A secret is `***` everywhere. The
//!    struct's `prefix` is not looked at: a struct's `Debug` cannot know under which
//!    prefix it was read, and the two must agree.
//! 2. **How a value that is not secret is shown** ([`value`]): a typed value as its type's
//!    own redacted form ([`Value::redacted`](crate::Value::redacted): the service URL
//!    types hide their passwords and credential parameters), a value of a type only a
//!    `with` function reads as its `Debug` shows it, through the masker
//!    ([`WithView`]: the type may hide part of its text, as a newtype around a `Secret`
//!    does), anything else as its text through the free-text masker ([`mask`]),
//!    which hides URL passwords, credential parameters and private keys. `public` and
//!    `not_secret` never turn this off: they say that the field is not a secret, not that
//!    its credentials may be shown.
//! 3. **What an invalid value's problem may say** ([`invalid`]): never the text of a
//!    secret, of a credential-holding type or of a type only a `with` function reads, in
//!    whole or in part; never text written by a user's `with` or `validate` function when
//!    the value is secret or carries credentials (only which function rejected it), nor
//!    one that repeats part of a text not shown.
//! 4. **Text as text** ([`line`]): control characters escaped in every line-oriented
//!    output, so that an environment cannot forge log lines.
//!
//! Where a value came from (the environment, a `.env` file, a `NAME_FILE` file, a
//! default) does not change how it is shown: a secret is a secret by its field, and
//! credentials inside a value are hidden by its shape, so `Debug`, which cannot know the
//! origin, and the summary, which can, always agree.
//!
//! [`Variable::shown`]: crate::Variable::shown

mod mask;
mod names;

pub(crate) use mask::is_web_scheme;
pub use mask::mask;
pub use names::{is_secret_name, is_sensitive_param};

use crate::load::Field;
use crate::text::{self, any_char, has_control};
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// The replacement for every hidden value.
pub(crate) const MASK: &str = "***";

/// What a field's attributes say of its secrecy.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secrecy {
    /// No attribute: secret if its type is, or its variable's name looks like a credential.
    Auto,
    /// `#[attached(secret)]`.
    Secret,
    /// `#[attached(not_secret)]`: plain configuration, shown in the summary and kept in a
    /// ConfigMap, whatever its name looks like; not handed to a browser.
    NotSecret,
    /// `#[attached(public)]`: not secret, and safe to hand to a browser.
    Public,
}

/// How one variable's value may be shown, decided once for its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Verdict {
    /// Never shown: `***` everywhere.
    pub(crate) secret: bool,
    /// Secret, or may carry credentials inside it (a connection string): deployment docs
    /// take it from a Secret.
    pub(crate) credentials: bool,
    /// Marked `public` and not secret: in public JSON.
    pub(crate) public: bool,
    /// Its type knows where its credentials are (a service URL type): an invalid value is
    /// never echoed, since the type could not find them.
    pub(crate) typed: bool,
    /// Its type is read by a `with` function and is not a `Value` type, and the field is
    /// neither secret nor marked `public` or `not_secret`: the library cannot see whether
    /// the type holds a secret (a newtype around a `Secret` does), so an invalid text is
    /// not echoed (the function's message is kept unless it repeats part of the text), and
    /// deployment docs take it from a Secret. Its value is shown as its `Debug` shows it.
    pub(crate) opaque: bool,
}

/// What is known of a field when deciding how its value may be shown.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Facts<'a> {
    /// From the attributes.
    pub(crate) secrecy: Secrecy,
    /// The field's own part of the variable's name: the field's name in
    /// SCREAMING_SNAKE_CASE, or the exact name given with `env`. The prefix is not looked
    /// at, so a field is judged alike wherever it is nested.
    pub(crate) var: &'a str,
    /// The field's type is a secret (`Secret<T>`, `secrecy::SecretString`, ...).
    pub(crate) secret_type: bool,
    /// The field's type may carry credentials (a service URL type).
    pub(crate) credentials_type: bool,
    /// The field's type is read by a `with` function and is not a `Value` type
    /// ([`WithView`]).
    pub(crate) opaque_type: bool,
    /// The field's `fallback` names, judged as `var` is.
    pub(crate) fallbacks: &'a [&'a str],
    /// Inside a `nested` field marked `secret`.
    pub(crate) inside_secret: bool,
    /// Inside a `nested` field whose own name looks like a credential's
    /// ([`nested_named_secret`]): secret unless marked `public` or `not_secret`.
    pub(crate) inside_secret_name: bool,
}

/// Decides how a field's value may be shown; see the [module](self) for the rules.
pub(crate) fn verdict(facts: Facts<'_>) -> Verdict {
    let plain = matches!(facts.secrecy, Secrecy::Public | Secrecy::NotSecret);
    let secret = facts.secret_type
        || facts.inside_secret
        || match facts.secrecy {
            Secrecy::Secret => true,
            Secrecy::Public | Secrecy::NotSecret => false,
            Secrecy::Auto => {
                facts.inside_secret_name
                    || is_secret_name(facts.var)
                    || facts.fallbacks.iter().any(|name| is_secret_name(name))
            }
        };
    let opaque = facts.opaque_type && !secret && !plain;
    Verdict {
        secret,
        credentials: secret
            || opaque
            || (!plain
                && (facts.credentials_type
                    || names_a_connection(facts.var)
                    || facts.fallbacks.iter().any(|name| names_a_connection(name)))),
        public: facts.secrecy == Secrecy::Public && !secret,
        typed: facts.credentials_type,
        opaque,
    }
}

/// Whether the children of a `nested` field are secret by its name: the field is not
/// marked (a `nested` field cannot be `public` or `not_secret`, its children can) and its
/// segment of their prefix, or its exact `prefix`, looks like a credential's name
/// (`credentials: Creds` reads `APP_CREDENTIALS_STRIPE`, which [`is_secret_name`] calls
/// secret). The generated `Debug` and a load judge alike.
pub(crate) fn nested_named_secret(field: &Field) -> bool {
    field.secrecy == Secrecy::Auto && is_secret_name(field.var.trim_end_matches(['_', '-', '.']))
}

/// Whether a variable's name says it holds a connection string, which may carry a
/// password even when read as a plain `String`: it ends in `URL`, `URI` (or their
/// plurals), `DSN`, `CONN`, `CONNECTION`, `CONNSTR`, `CONNINFO`, `CONNECTION_STRING`,
/// `JDBC`, `ODBC` or `DATABASE`. Errs toward a Secret: a `DATABASE` that holds only a
/// name is taken from one too.
fn names_a_connection(name: &str) -> bool {
    const ENDS: [&str; 13] = [
        "URL",
        "URLS",
        "URI",
        "URIS",
        "DSN",
        "CONN",
        "CONNECTION",
        "CONNSTR",
        "CONNINFO",
        "JDBC",
        "ODBC",
        "DATABASE",
        "CONNECTION_STRING",
    ];
    ENDS.iter()
        .any(|end| text::ends_with_ignore_case(name.as_bytes(), end.as_bytes()))
}

/// A value as every output shows it: `***` when secret; otherwise the value's own
/// redacted form when its type has one (`typed`), and otherwise its text through the
/// free-text masker.
///
/// A value shown as its text is shown as the type reads it instead (its `render`, through
/// the masker, as the generated `Debug` shows it) when the text through the masker would
/// still show part of what the masker hides in the value read: a parser may read the text
/// otherwise than the masker does (a `\\` as a `/`, a quote as part of a value), and every
/// output must hide what the `Debug` hides. (`url::Url`, which reads text so, holds
/// credentials: it is shown by its own redacted form, `typed`.)
pub(crate) fn value(
    verdict: Verdict,
    typed: Option<String>,
    text: &str,
    rendered: impl FnOnce() -> Option<String>,
) -> String {
    if verdict.secret {
        return MASK.to_owned();
    }
    if let Some(typed) = typed {
        return typed;
    }
    let shown = mask(text);
    if let Some(rendered) = rendered() {
        if rendered != text {
            let spans = mask::hidden_spans(&rendered);
            for piece in pieces_at(&rendered, &spans) {
                if repeats_part_of_either(&shown, piece) {
                    return mask::masked(&rendered, &spans).into_owned();
                }
            }
        }
    }
    shown.into_owned()
}

/// A value as outputs show it when its type has a form of its own to show: a type that
/// holds credentials, as its redacted form; `None` for any other, whose text is shown
/// through the masker. For a field read by `Value` and one read by a `with` function
/// into a `Value` type alike.
pub(crate) fn own_form<T: crate::Value>(value: &T) -> Option<String> {
    T::HOLDS_CREDENTIALS.then(|| value.redacted())
}

/// Free text as outputs show it when its type has no redacted form of its own: through
/// the masker. The default of [`Value::redacted`](crate::Value::redacted).
pub fn free_text(text: &str) -> String {
    mask(text).into_owned()
}

/// A URL's text as outputs show it when its type has no redaction of its own
/// (`url::Url`): through the masker, and read percent-decoded when that hides more. The
/// `url` crate writes `"`, a space, `<` and `>` percent-encoded, where the masker looks
/// for them: `?x={"password":"..."}` is kept as `?x={%22password%22:%22...%22}`, which the
/// summary, reading the text as written, hides.
#[cfg(feature = "url")]
pub(crate) fn url_text(text: &str) -> String {
    let masked = mask(text);
    let decoded = names::percent_decoded(Cow::Borrowed(text));
    if let Cow::Owned(decoded) = decoded {
        let masked_decoded = mask(&decoded);
        if masked_decoded.matches(MASK).count() > masked.matches(MASK).count() {
            return masked_decoded.into_owned();
        }
    }
    masked.into_owned()
}

/// Whether a shown value had something hidden in it, so that writing it back as a value
/// (a `.env.example` default) would write `***` in place of a credential.
pub(crate) fn is_masked(shown: &str) -> bool {
    crate::text::contains(shown, MASK)
}

/// Why a text was not accepted, as the parser that refused it said.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The reason.
    pub reason: String,
    /// The user function (`with` or `validate`) that wrote the reason, by its path; `None`
    /// for a type's [`Value::parse`](crate::Value::parse).
    pub by: Option<&'static str>,
}

/// How many characters of an invalid value a problem shows before cutting it.
const SHOWN_LIMIT: usize = 200;

/// What the problem of an invalid value says: the reason, and the text when it may be
/// shown.
///
/// - The text of a secret, of a credential-holding type, of a type only a `with` function
///   reads ([`Verdict::opaque`]), or read from a `NAME_FILE` file (where secrets come
///   from: a wrong path may name one) is never shown, not even in part; other text is
///   shown through the masker and cut after 200 characters.
/// - A reason written by a user's function is not trusted to leave the value out: for a
///   value that is secret or carries credentials, only the function's name is given.
/// - Any other reason about a hidden value that repeats four or more characters of it in
///   a row, in any case, is replaced by a sentence that says so; a service URL type's own
///   reasons, which name parts and parameters but never credentials, are kept.
pub(crate) fn invalid(
    verdict: Verdict,
    text: &str,
    from_file: bool,
    rejection: Rejection,
) -> (String, Option<String>) {
    // A value the library knows to hold something it hides: not even a user's message
    // about it is shown.
    let doubtful = verdict.secret || verdict.typed || from_file || mask(text) != text;
    let hidden = doubtful || verdict.opaque;
    let shown = (!hidden).then(|| shorten(&mask(text)));
    // A service URL type's own reason names parts and parameters (`tls=none`), never
    // credentials: the library's parsers are tested for that. Any other reason about a
    // hidden value is checked for pieces of it, and so is every reason about a secret: a
    // `Secret<T>` holds credentials too, but `T`'s reason is `T`'s own.
    let trusted = verdict.typed && !verdict.secret && rejection.by.is_none();
    let reason = match rejection.by {
        Some(function) if doubtful => format!(
            "rejected by `{function}` (its message is not shown: the value is secret or holds credentials)"
        ),
        _ if hidden && !trusted && repeats_part_of_either(&rejection.reason, text) => {
            "not valid (the reason is not shown: it repeats part of the value)".to_owned()
        }
        // A type's own reason may quote a parameter's value (`sslmode=...`), which is no
        // credential by its name but may hold one by its shape.
        _ if trusted && repeats_masked_part(&rejection.reason, text) => REASON_NOT_SHOWN.to_owned(),
        // Not through the masker: it would read the reason's own prose (`without a
        // password: lettre then logs in ...`) as a credential and cut words out of it.
        _ if trusted => rejection.reason,
        _ => mask(&rejection.reason).into_owned(),
    };
    (reason, shown)
}

/// What a warning about a valid value may say: any warning, unless the field is secret
/// and the warning repeats four or more characters of its text in a row (as written or
/// percent-decoded), as a service URL type's warning naming a parameter would (an unknown
/// parameter may be a credential pasted in the wrong place). Then a sentence says that a
/// warning was not shown.
pub(crate) fn warning(verdict: Verdict, text: &str, message: String) -> String {
    if verdict.secret && repeats_part_of_either(&message, text) {
        "a warning about the value is not shown: it repeats part of the secret value".to_owned()
    } else {
        message
    }
}

/// A service URL type's warnings about its valid `text`, shown as `shown` (its redacted
/// form), each handed to `warn`, or a sentence in its place when what it quotes repeats
/// part of what `shown` hides ([`repeats_hidden_part`]); what their
/// [`Value::warnings`](crate::Value::warnings) give. A warning names a parameter and quotes only values the type knows, and an
/// unknown value may hold a credential by its shape, which the redacted form hides.
///
/// `messages` are the type's own warnings; the redacted form (`shown`) and what it hides
/// are worked out once, and only when there is a warning.
pub(crate) fn typed_warnings(
    text: &str,
    shown: &dyn Fn() -> String,
    messages: Vec<String>,
    warn: &mut dyn FnMut(String),
) {
    if messages.is_empty() {
        return;
    }
    let shown = shown();
    let pieces = hidden_pieces(text, &shown);
    for message in messages {
        warn(if repeats_hidden_part(&message, &pieces, &shown) {
            "a warning about the value is not shown: it repeats part of a credential in the \
             value"
                .to_owned()
        } else {
            message
        });
    }
}

/// A service URL type's error, or one with a sentence in place of its reason when that
/// repeats part of what the masker hides in the text ([`repeats_hidden_part`]); what
/// their [`Value::parse`](crate::Value::parse) and `FromStr` give.
pub(crate) fn typed_error(error: crate::ValueError, text: &str) -> crate::ValueError {
    if repeats_masked_part(error.reason(), text) {
        crate::ValueError::new(REASON_NOT_SHOWN)
    } else {
        error
    }
}

/// What a typed value's problem says in place of a reason that repeats part of a
/// credential in the value ([`repeats_hidden_part`]).
pub(crate) const REASON_NOT_SHOWN: &str =
    "not valid (the reason is not shown: it repeats part of a credential in the value)";

/// [`repeats_hidden_part`] of what the masker hides in `text`, as written or
/// percent-decoded: for the reason of a value that did not parse, which has no redacted
/// form.
fn repeats_masked_part(message: &str, text: &str) -> bool {
    let masked = |text: &str| {
        let spans = mask::hidden_spans(text);
        repeats_hidden_part(
            message,
            &pieces_at(text, &spans),
            &mask::masked(text, &spans),
        )
    };
    masked(text)
        || matches!(names::percent_decoded(Cow::Borrowed(text)), Cow::Owned(decoded) if masked(&decoded))
}

/// The pieces of `text` that `shown`, the text with pieces replaced by `***`, hides: each
/// run of `shown` between two `***` found in `text` in turn, and what lies between. When
/// `shown` is not such a form of `text` (a run is not found), what the masker hides.
fn hidden_pieces<'t>(text: &'t str, shown: &str) -> Vec<&'t str> {
    let mut pieces = Vec::new();
    let mut runs = shown.split(MASK);
    let mut at = match runs.next() {
        Some(first) if text.starts_with(first) => first.len(),
        _ => return pieces_at(text, &mask::hidden_spans(text)),
    };
    let mut runs = runs.peekable();
    while let Some(run) = runs.next() {
        // The last run ends the text; the others are found after the piece.
        let found = if runs.peek().is_none() {
            text.len()
                .checked_sub(run.len())
                .filter(|&end| end >= at && text[end..] == *run)
        } else {
            text.get(at + 1..)
                .and_then(|rest| rest.find(run))
                .map(|i| at + 1 + i)
        };
        let Some(start) = found else {
            return pieces_at(text, &mask::hidden_spans(text));
        };
        pieces.push(&text[at..start]);
        at = start + run.len();
    }
    pieces
}

/// The pieces of `text` at `spans` (what the masker hides in it: [`mask::hidden_spans`]).
fn pieces_at<'t>(text: &'t str, spans: &[(usize, usize)]) -> Vec<&'t str> {
    let mut pieces = Vec::with_capacity(spans.len());
    for &(start, end) in spans {
        pieces.push(&text[start..end]);
    }
    pieces
}

/// Whether what `message` quotes repeats one of `pieces`, the hidden pieces of `text`,
/// as written or percent-decoded: eight of its characters in a row, or the whole of a
/// shorter piece as a word of its own. A service URL type's reasons and warnings name
/// parameters and quote only the values they know (`sslmode=prefer`), and a value they
/// do not know may hold a credential by its shape (`sslmode=prefer%20password=...`),
/// hidden in every other output.
///
/// What a message quotes is what it writes between backticks, as every reason of the
/// library does; a message without any is looked at whole. Its own prose is not looked
/// at, nor are runs shorter than eight: the check must not take a reason's words ("the
/// host", "password") for a piece of what is hidden, which may hold them
/// (`h:5432?user=app&password=a@b` reads as a user and a password to the masker).
///
/// Nor is a quote that `visible`, the text as it is shown, holds too (as written or
/// percent-decoded): it says nothing the shown text does not (`sslmode=prefer` about
/// `postgres://u:prefer@h/db?sslmode=prefer`, whose password is the same word).
fn repeats_hidden_part(message: &str, pieces: &[&str], visible: &str) -> bool {
    const RUN: usize = 8;
    let visible_decoded = names::percent_decoded(Cow::Borrowed(visible));
    // The quotes: every second piece between backticks, or the whole message.
    let mut quoted = Vec::new();
    let backticks = message.contains('`');
    for (i, part) in message.split('`').enumerate() {
        let quote = if backticks { i % 2 == 1 } else { true };
        if quote && !(visible.contains(part) || visible_decoded.contains(part)) {
            quoted.push(part);
        }
    }
    for piece in pieces {
        let piece = piece.trim();
        let long = piece.chars().count() >= RUN;
        for quoted in &quoted {
            let repeats = if long {
                repeats_run_of_either(quoted, piece, RUN)
            } else {
                !piece.is_empty() && has_word(quoted, piece)
            };
            if repeats {
                return true;
            }
        }
    }
    false
}

/// Whether `word` is in `text` with no letter or digit right before or after it.
fn has_word(text: &str, word: &str) -> bool {
    let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(word).any(|(at, _)| {
        !alphanumeric(text[..at].chars().next_back())
            && !alphanumeric(text[at + word.len()..].chars().next())
    })
}

/// Four or more characters of the text in a row ([`repeats_run_of`]), as written or percent-decoded, in the reason as written
/// or percent-decoded: a URL's reasons and warnings name its parts decoded (`%48%78...` as
/// `Hx...`), and a user's function may write the text encoded.
fn repeats_part_of_either(reason: &str, text: &str) -> bool {
    repeats_run_of_either(reason, text, 4)
}

/// [`repeats_run_of`] the text as written or percent-decoded, in the reason as written or
/// percent-decoded.
fn repeats_run_of_either(reason: &str, text: &str, run: usize) -> bool {
    let decoded = |text| names::percent_decoded(Cow::Borrowed(text));
    repeats_run_of(reason, text, run)
        || matches!(decoded(text), Cow::Owned(text) if repeats_run_of(reason, &text, run))
        || matches!(decoded(reason), Cow::Owned(reason) if repeats_run_of(&reason, text, run))
}

/// Whether `reason` holds `run` characters of `secret` in a row, ignoring case, or the
/// whole of a shorter secret. Linear in both: every window of the secret goes into a set
/// once.
fn repeats_run_of(reason: &str, secret: &str, run: usize) -> bool {
    let secret = secret.to_lowercase();
    let reason = reason.to_lowercase();
    let secret_windows = windows_of(&secret, run);
    if secret_windows.is_empty() {
        return !secret.trim().is_empty() && crate::text::contains(&reason, secret.trim());
    }
    // A set of `&str`, the type `.env` notes use too, so that its code is compiled once.
    let mut windows = HashSet::with_capacity(secret_windows.len());
    for window in secret_windows {
        windows.insert(window);
    }
    for window in windows_of(&reason, run) {
        if windows.contains(window) {
            return true;
        }
    }
    false
}

/// Every run of `run` characters of `text`, in order; none if it has fewer.
fn windows_of(text: &str, run: usize) -> Vec<&str> {
    // Where each character starts, and the end.
    let mut bounds = Vec::with_capacity(text.len() + 1);
    for (i, _) in text.char_indices() {
        bounds.push(i);
    }
    bounds.push(text.len());
    let mut windows = Vec::with_capacity(bounds.len().saturating_sub(run));
    for i in 0..bounds.len().saturating_sub(run) {
        windows.push(&text[bounds[i]..bounds[i + run]]);
    }
    windows
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN_LIMIT {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(SHOWN_LIMIT).collect();
    cut.push('…');
    cut
}

/// The path that a `NAME_FILE` variable held, when a problem may show it: only when it
/// looks like a path (it starts with `/`, `./`, `../` or `~/`, or a drive letter such as
/// `C:\`, and has no white space, `=` or control character). Anything else may be a
/// secret set in `NAME_FILE` by mistake, and is not repeated.
pub(crate) fn path(path: &Path) -> Option<&Path> {
    let text = path.to_str()?;
    let drive = match text.as_bytes() {
        [letter, b':', b'\\', ..] => letter.is_ascii_alphabetic(),
        _ => false,
    };
    let mut rooted = drive;
    for start in ["/", "./", "../", "~/"] {
        rooted |= text.starts_with(start);
    }
    let clean = !any_char(text, |c| c.is_whitespace() || c.is_control() || c == '=');
    let mut tokens = false;
    for part in text.split(['/', '\\', '-', '_', '.']) {
        tokens |= looks_like_token(part);
    }
    (rooted && clean && !tokens).then_some(path)
}

/// The name of a variable that no field reads, as a warning shows it. Such a name comes
/// from the environment, not from the program: it is shown when it looks like a variable
/// name (ASCII letters, digits and `_ - .`, no part that looks like a token); otherwise
/// only its prefix and its length are, since it may be a value set where a name goes.
pub(crate) fn unknown_name(name: &str, prefix: &str) -> String {
    let tail = name.strip_prefix(prefix).unwrap_or(name);
    let plain = !any_char(tail, |c| {
        !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    });
    let mut tokens = false;
    for part in tail.split(['_', '-', '.']) {
        tokens |= looks_like_token(part);
    }
    if plain && !tokens {
        name.to_owned()
    } else {
        format!(
            "{prefix}… (a name of {} characters, not shown: it does not look like a variable name)",
            name.chars().count()
        )
    }
}

/// Whether a piece of a URL written where a user name goes looks like a token rather than
/// a name: 16 or more characters with letters and digits both (a Sentry key, a webhook
/// or API token), or 32 or more of any kind. Errs toward hiding: a user name that long
/// and that mixed is rare.
pub(crate) fn looks_like_token(text: &str) -> bool {
    let n = text.chars().count();
    n >= 32
        || (n >= 16
            && any_char(text, |c| c.is_ascii_digit())
            && any_char(text, char::is_alphabetic))
}

/// Whether a segment of a web URL's path, as written, holds a token: decoded, it is made of
/// the characters of tokens (letters, digits, `-`, `_`, `:`, `~`) and
///
/// - has 20 or more of them, capitals and small letters both, and a digit or 24 or more in
///   all: a webhook's token in Slack's `/services/T…/B…/<token>`, a bot's in Telegram's
///   `/bot<id>:<token>/`, Discord's;
/// - or is 32 hexadecimal digits or more, `-` aside: a key, a Teams webhook's GUIDs (and a
///   commit's hash, a tenant's ID: hidden as well).
///
/// Words in one case (`opentelemetry-collector-releases`, a bucket), a date and time
/// (`2024-01-15T10:00:00Z`) and a file's name (`app.5f3c9a1b.js`: it holds a `.`) are not.
/// The service URL types and the free-text masker both hide such a segment, in `http` and
/// `https` URLs only, so that a URL reads alike typed or not.
pub(crate) fn is_token_segment(segment: &str) -> bool {
    let decoded = names::percent_decoded(Cow::Borrowed(segment));
    let token_bytes = decoded
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'~'));
    if !token_bytes {
        return false;
    }
    let length = decoded.len();
    let upper = decoded.bytes().any(|b| b.is_ascii_uppercase());
    let lower = decoded.bytes().any(|b| b.is_ascii_lowercase());
    let digit = decoded.bytes().any(|b| b.is_ascii_digit());
    let hex = decoded.bytes().filter(u8::is_ascii_hexdigit).count();
    let only_hex = decoded.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    (length >= 20 && upper && lower && (digit || length >= 24)) || (only_hex && hex >= 32)
}

/// A query parameter's name as a service type's warning or error may give it: a short
/// name of letters, digits and `_ - . [ ]` that does not look like a token; `None` for
/// anything else (decoded, a name can hold `=` and a value pasted after it, or be a
/// credential written where a name goes).
pub(crate) fn param_name(name: &str) -> Option<&str> {
    let plain = (1..=40).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'[' | b']'));
    (plain && !looks_like_token(name)).then_some(name)
}

/// Text for a line-oriented output (the summary, a problem, a warning): control
/// characters escaped (`\n`, `\u{1b}`), so that nothing in it can start a new line or
/// move the cursor.
pub(crate) fn line(text: &str) -> Cow<'_, str> {
    if !has_control(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`line`] as a `Display`: the escaped text written straight to the formatter, with no
/// string built and dropped.
pub(crate) struct Line<'a>(pub(crate) &'a str);

impl fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !has_control(self.0) {
            return f.write_str(self.0);
        }
        for c in self.0.chars() {
            if c.is_control() {
                fmt::Display::fmt(&c.escape_debug(), f)?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

/// A field's value in the generated `Debug`, shown by the same rules as everywhere else.
///
/// A field whose type is read by [`Value`](crate::Value) (alone, or in an `Option` or a
/// `Vec`) shows, when not secret, the value's own `Debug` when nothing in it is hidden,
/// its type's `Debug` when the type redacts itself (the service URL types), and otherwise
/// the shown text (`"postgres://app:***@db"`), exactly as the summary does: [`Shown`].
/// Any other type shows its `Debug` through the masker: [`ShownText`].
///
/// For a field read without `with`, whose type is read by `Value` (or the field does not
/// compile), the derive writes `value::<T>().shown(&self.field, &FIELDS[i])`, a `Shown`.
/// For a field read by a `with` function, whose type need not implement `Value`, it
/// writes `(&Dispatch(&self.field)).shown(&FIELDS[i], secret_type)`, and method
/// resolution picks between the two ([`ViaValue`], else [`ViaDebug`]).
#[doc(hidden)]
pub struct Dispatch<'a, T: ?Sized>(pub &'a T);

/// The generated `Debug` of a struct: each field under its name in the derive's table,
/// with its value as [`Shown`] (or [`ShownText`], [`ShownNested`]) shows it. One call
/// per struct, so that the generated code has one expression per field.
#[doc(hidden)]
pub fn debug_struct(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    fields: &[Field],
    values: &[&dyn fmt::Debug],
) -> fmt::Result {
    let mut out = f.debug_struct(name);
    for (field, value) in fields.iter().zip(values) {
        out.field(field.name, value);
    }
    out.finish()
}

/// The field's value, `***` when secret.
#[doc(hidden)]
pub struct Shown<'a, T: ?Sized> {
    value: &'a T,
    secret: bool,
    /// A list's separator ([`Field::separator`]); empty for other fields.
    separator: &'static str,
}

/// Whether a field is secret, from what the generated `Debug` knows of it: its entry in
/// the derive's table, and whether its type is a secret type.
fn debug_secret(field: &Field, secret_type: bool) -> bool {
    verdict(Facts {
        secrecy: field.secrecy,
        var: field.var,
        fallbacks: field.fallbacks,
        secret_type,
        credentials_type: false,
        opaque_type: false,
        inside_secret: false,
        inside_secret_name: NAMED_SECRET_DEPTH.with(Cell::get) > 0,
    })
    .secret
}

thread_local! {
    /// How many `nested` fields whose names look like a credential's ([`nested_named_secret`])
    /// the `Debug` being written is inside: a nested struct's own `Debug` is written by its
    /// parent's, on the same thread, and cannot be told otherwise.
    static NAMED_SECRET_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Counts one level of [`NAMED_SECRET_DEPTH`] while it lives, even if a `Debug` panics.
struct NamedSecretLevel;

impl NamedSecretLevel {
    fn enter() -> Self {
        NAMED_SECRET_DEPTH.with(|depth| depth.set(depth.get() + 1));
        NamedSecretLevel
    }
}

impl Drop for NamedSecretLevel {
    fn drop(&mut self) {
        NAMED_SECRET_DEPTH.with(|depth| depth.set(depth.get() - 1));
    }
}

/// How a field of a type read by [`Value`](crate::Value) is shown; see [`Dispatch`].
#[doc(hidden)]
pub trait ViaValue<'a, T: ?Sized> {
    /// The field as `Debug` shows it.
    fn shown(&self, field: &Field, secret_type: bool) -> Shown<'a, T>;
}

impl<'a, T: ShowDebug + ?Sized> ViaValue<'a, T> for Dispatch<'a, T> {
    fn shown(&self, field: &Field, secret_type: bool) -> Shown<'a, T> {
        Shown::new(self.0, field, secret_type)
    }
}

/// How a field of any other type is shown; see [`Dispatch`].
#[doc(hidden)]
pub trait ViaDebug<'a, T: ?Sized> {
    /// The field as `Debug` shows it.
    fn shown(&self, field: &Field, secret_type: bool) -> ShownText<'a, T>;
}

impl<'a, T: ?Sized> ViaDebug<'a, T> for &Dispatch<'a, T> {
    fn shown(&self, field: &Field, secret_type: bool) -> ShownText<'a, T> {
        ShownText(Shown::new(self.0, field, secret_type))
    }
}

impl<'a, T: ?Sized> Shown<'a, T> {
    /// A field's value, `***` when the field is secret.
    pub(crate) fn new(value: &'a T, field: &Field, secret_type: bool) -> Self {
        Shown {
            value,
            secret: debug_secret(field, secret_type),
            separator: field.separator,
        }
    }

    /// A `nested` field: `***` when marked `secret`, else the nested struct's own `Debug`,
    /// which shows each of its fields by these rules.
    pub fn nested(value: &'a T, field: &Field) -> ShownNested<'a, T> {
        ShownNested {
            shown: Shown {
                value,
                secret: field.secrecy == Secrecy::Secret,
                separator: "",
            },
            named_secret: nested_named_secret(field),
        }
    }
}

/// How a value of a type read by [`Value`](crate::Value) prints in the generated `Debug`
/// when its field is not secret.
#[doc(hidden)]
pub trait ShowDebug {
    /// Writes the value, its credentials hidden.
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// The value as one text, as outputs show it, for a list to join its items; `None`
    /// for a secret, which no list joins, and for what is not one value (an `Option`, a
    /// list).
    fn shown_text(&self) -> Option<String> {
        None
    }

    /// Writes the value read as a list whose items `separator` separated: when the
    /// items, joined again, hold a credential that none of them holds alone (`Bearer`,
    /// then the token; a URL cut at a `,` in its password), the joined text through the
    /// masker, split again; otherwise as [`show`](Self::show) writes it.
    fn show_list(&self, f: &mut fmt::Formatter<'_>, separator: &str) -> fmt::Result {
        let _ = separator;
        self.show(f)
    }
}

impl<T: crate::Value + fmt::Debug> ShowDebug for T {
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if T::SECRET {
            return f.write_str(MASK);
        }
        let shown = self.redacted();
        if T::HOLDS_CREDENTIALS {
            // As the service URL types' own `Debug` writes itself, and never through the
            // type's `Debug`, which need not hide what `redacted` hides (`url::Url`'s
            // shows its password).
            f.debug_tuple(short_type_name::<T>()).field(&shown).finish()
        } else if shown == self.render() {
            fmt::Debug::fmt(self, f)
        } else {
            fmt::Debug::fmt(&shown, f)
        }
    }

    fn shown_text(&self) -> Option<String> {
        (!T::SECRET).then(|| self.redacted())
    }
}

impl<T: ShowDebug> ShowDebug for Option<T> {
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Some(value) => f.debug_tuple("Some").field(&Item(value)).finish(),
            None => f.write_str("None"),
        }
    }

    fn show_list(&self, f: &mut fmt::Formatter<'_>, separator: &str) -> fmt::Result {
        match self {
            Some(value) => f
                .debug_tuple("Some")
                .field(&ListItem(value, separator))
                .finish(),
            None => f.write_str("None"),
        }
    }
}

impl<T: ShowDebug> ShowDebug for Vec<T> {
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter().map(Item)).finish()
    }

    fn show_list(&self, f: &mut fmt::Formatter<'_>, separator: &str) -> fmt::Result {
        let mut joined = String::new();
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                joined.push_str(separator);
            }
            match item.shown_text() {
                Some(text) => joined.push_str(&text),
                None => return self.show(f),
            }
        }
        match mask(&joined) {
            Cow::Owned(masked) if !separator.is_empty() => {
                f.debug_list().entries(masked.split(separator)).finish()
            }
            _ => self.show(f),
        }
    }
}

/// The name of `T` without its path or generic arguments (`Url` for `url::Url`).
fn short_type_name<T: ?Sized>() -> &'static str {
    let name = std::any::type_name::<T>();
    let name = name.split('<').next().unwrap_or(name);
    name.rsplit("::").next().unwrap_or(name)
}

/// A list inside an `Option`, shown by [`ShowDebug::show_list`].
struct ListItem<'a, T>(&'a T, &'a str);

impl<T: ShowDebug> fmt::Debug for ListItem<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.show_list(f, self.1)
    }
}

/// One value inside an `Option` or a `Vec`, shown by [`ShowDebug`].
struct Item<'a, T>(&'a T);

impl<T: ShowDebug> fmt::Debug for Item<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.show(f)
    }
}

// `fmt::Debug` first, though `ShowDebug` implies it: a field of a `Value` type that lacks
// `Debug` is then reported as that, at the field's type, and not as a missing `ShowDebug`.
impl<T: fmt::Debug + ShowDebug + ?Sized> fmt::Debug for Shown<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secret {
            f.write_str(MASK)
        } else {
            self.value.show_list(f, self.separator)
        }
    }
}

/// A field of a type that is not read by `Value`: `***` when secret, else its `Debug`
/// through the masker.
#[doc(hidden)]
pub struct ShownText<'a, T: ?Sized>(Shown<'a, T>);

impl<T: fmt::Debug + ?Sized> fmt::Debug for ShownText<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.secret {
            return f.write_str(MASK);
        }
        let text = if f.alternate() {
            format!("{:#?}", self.0.value)
        } else {
            format!("{:?}", self.0.value)
        };
        f.write_str(&mask::mask_debug(&text))
    }
}

/// A `nested` field; see [`Shown::nested`].
#[doc(hidden)]
pub struct ShownNested<'a, T: ?Sized> {
    shown: Shown<'a, T>,
    /// Its children are secret by its name, unless marked otherwise.
    named_secret: bool,
}

impl<T: fmt::Debug + ?Sized> fmt::Debug for ShownNested<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.shown.secret {
            f.write_str(MASK)
        } else if self.named_secret {
            let _level = NamedSecretLevel::enter();
            self.shown.value.fmt(f)
        } else {
            self.shown.value.fmt(f)
        }
    }
}

/// Whether a type is a secret whatever reads it, for fields read by a `with` function,
/// whose type need not implement `Value`: the derive asks
/// `(&TypeTag::<T>::new()).is_secret_type()`, which finds [`SecretType`] for the secret
/// types and falls back to [`PlainType`] for every other.
#[doc(hidden)]
pub struct TypeTag<T: ?Sized>(std::marker::PhantomData<fn() -> Box<T>>);

impl<T: ?Sized> TypeTag<T> {
    /// The tag of `T`.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        TypeTag(std::marker::PhantomData)
    }
}

/// Found for a secret type (see [`TypeTag`]).
#[doc(hidden)]
pub trait SecretType {
    /// `true`.
    fn is_secret_type(&self) -> bool {
        true
    }
}

/// Found for every other type (see [`TypeTag`]).
#[doc(hidden)]
pub trait PlainType {
    /// `false`.
    fn is_secret_type(&self) -> bool {
        false
    }
}

impl<T: zeroize::Zeroize> SecretType for TypeTag<crate::Secret<T>> {}
impl<T: ?Sized> PlainType for &TypeTag<T> {}

/// What the load needs of the type of a field read by a `with` function, which need not
/// implement `Value`: the derive writes `(&&&TypeTag::<T>::new()).with_view()`, and
/// method resolution picks the first that applies.
///
/// - [`ValueView`], a type read by `Value` (with `Debug`): shown, warned about and
///   attached as a field of that type read without `with` is (a service URL type holds
///   credentials, says what its drivers do, and names its hosts).
/// - [`DebugView`], any other type with `Debug`: shown as its `Debug` shows it, through the
///   masker, so that the summary agrees with the generated `Debug` (a newtype around a
///   `Secret` shows `Key(***)`, not the text it was read from); and opaque: the library
///   cannot see whether it holds a secret ([`Verdict::opaque`]).
/// - [`NoView`], a type without `Debug`, whose struct does not compile: its one error is
///   the `Debug` one.
#[doc(hidden)]
pub struct WithView<T> {
    /// [`Value::SECRET`](crate::Value::SECRET): secret in every output, as when its
    /// `Value` reads it.
    pub(crate) secret: bool,
    /// Not a `Value` type.
    pub(crate) opaque: bool,
    /// [`Value::HOLDS_CREDENTIALS`](crate::Value::HOLDS_CREDENTIALS).
    pub(crate) credentials: bool,
    /// The value as outputs show it when its type has a form of its own to show (a
    /// credential-holding type's redacted form, another type's `Debug`); `None` when its
    /// text is shown, through the masker, as for a field of a `Value` type read without
    /// `with`, and for a secret type.
    pub(crate) show: fn(&T) -> Option<String>,
    /// [`Value::render`](crate::Value::render): what outputs check the text against
    /// ([`value`]); `None` for a type that is not a `Value` type.
    pub(crate) render: fn(&T) -> Option<String>,
    /// [`Value::warnings`](crate::Value::warnings).
    pub(crate) warnings: fn(&T, &mut dyn FnMut(String)),
    /// [`Value::endpoints`](crate::Value::endpoints).
    pub(crate) endpoints: fn(&T) -> Option<crate::attach::Endpoints>,
}

/// See [`WithView`].
#[doc(hidden)]
pub trait ValueView<T> {
    /// The type's view.
    fn with_view(&self) -> WithView<T>;
}

/// See [`WithView`].
#[doc(hidden)]
pub trait DebugView<T> {
    /// The type's view.
    fn with_view(&self) -> WithView<T>;
}

/// See [`WithView`].
#[doc(hidden)]
pub trait NoView<T> {
    /// The type's view.
    fn with_view(&self) -> WithView<T>;
}

impl<T: crate::Value + fmt::Debug> ValueView<T> for &&TypeTag<T> {
    fn with_view(&self) -> WithView<T> {
        WithView {
            secret: T::SECRET,
            opaque: false,
            credentials: T::HOLDS_CREDENTIALS,
            show: own_form::<T>,
            render: |value| Some(value.render()),
            warnings: |value, warn| value.warnings(warn),
            endpoints: |value| value.endpoints(),
        }
    }
}

impl<T: fmt::Debug> DebugView<T> for &TypeTag<T> {
    fn with_view(&self) -> WithView<T> {
        WithView {
            secret: false,
            opaque: true,
            credentials: false,
            show: |value| Some(mask::mask_debug(&format!("{value:?}")).into_owned()),
            render: |_| None,
            warnings: |_, _| {},
            endpoints: |_| None,
        }
    }
}

impl<T> NoView<T> for TypeTag<T> {
    fn with_view(&self) -> WithView<T> {
        WithView {
            secret: false,
            opaque: true,
            credentials: false,
            show: |_| None,
            render: |_| None,
            warnings: |_, _| {},
            endpoints: |_| None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(var: &str) -> Facts<'_> {
        Facts {
            secrecy: Secrecy::Auto,
            var,
            secret_type: false,
            credentials_type: false,
            opaque_type: false,
            fallbacks: &[],
            inside_secret: false,
            inside_secret_name: false,
        }
    }

    #[test]
    fn public_and_not_secret_override_the_name_not_the_type() {
        let name = facts("API_TOKEN");
        assert!(verdict(name).secret);
        for secrecy in [Secrecy::Public, Secrecy::NotSecret] {
            assert!(!verdict(Facts { secrecy, ..name }).secret);
            let typed = Facts {
                secrecy,
                secret_type: true,
                ..name
            };
            assert!(verdict(typed).secret);
        }
        assert!(
            verdict(Facts {
                secrecy: Secrecy::Public,
                ..name
            })
            .public
        );
        assert!(
            !verdict(Facts {
                secrecy: Secrecy::NotSecret,
                ..name
            })
            .public
        );
    }

    #[test]
    fn a_warning_about_a_secret_is_replaced_only_when_it_repeats_part_of_it() {
        let secret = verdict(Facts {
            secret_type: true,
            ..facts("DB")
        });
        let plain = verdict(facts("DB"));
        let text = "postgres://db/app?Hx7s3cRETq";
        let naming = "unknown parameter `Hx7s3cRETq`".to_owned();
        let other = "the pool is small".to_owned();
        assert!(warning(secret, text, naming.clone()).contains("not shown"));
        assert_eq!(warning(secret, text, other.clone()), other);
        assert_eq!(warning(plain, text, naming.clone()), naming);
    }

    #[test]
    fn invalid_values_of_credential_types_are_never_echoed() {
        let url = Facts {
            credentials_type: true,
            opaque_type: false,
            ..facts("DATABASE")
        };
        let rejection = Rejection {
            reason: "bad port".into(),
            by: None,
        };
        let (reason, shown) = invalid(verdict(url), "postgres://u:pw@h:x/db", false, rejection);
        assert_eq!((reason.as_str(), shown), ("bad port", None));
        // Its own reason may name a parameter written in the text.
        let rejection = Rejection {
            reason: "`tls=none`: lettre refuses it".into(),
            by: None,
        };
        let (reason, _) = invalid(verdict(url), "smtp://h?tls=none", false, rejection);
        assert_eq!(reason, "`tls=none`: lettre refuses it");
        // Not when it quotes a value holding what the masker hides, as written or
        // percent-decoded; a short password only as a word of its own.
        for (text, quoted) in [
            (
                "postgres://h/db?mode=a%20password=S3cr3tPw9x",
                "`mode=a password=S3cr3tPw9x`",
            ),
            ("postgres://h/db?mode=a&password=S3cr3tPw9x", "`S3cr3tPw9x`"),
            ("postgres://u:S3cr%40tPw9x@h/db?x", "`x` after `S3cr@tPw`"),
            (
                "postgres://u:S3cr%40tPw9x@h/db?x",
                "quoted without backticks S3cr@tPw",
            ),
            ("postgres://u:pw@h/db?mode=x", "`mode=pw`"),
        ] {
            let rejection = Rejection {
                reason: format!("{quoted}: refused"),
                by: None,
            };
            let (reason, _) = invalid(verdict(url), text, false, rejection);
            assert_eq!(reason, REASON_NOT_SHOWN, "{text}");
            let error = typed_error(crate::ValueError::new(format!("{quoted}: refused")), text);
            assert_eq!(error.reason(), REASON_NOT_SHOWN, "{text}");
            let mut warning = String::new();
            let message = format!("{quoted}: unread");
            let shown = || mask(text).into_owned();
            typed_warnings(text, &shown, vec![message], &mut |w| warning = w);
            assert!(warning.contains("not shown"), "{text}: {warning}");
        }
        for (text, reason) in [
            (
                "postgres://u:pw@h/db?sslmode=x",
                "`sslmode`: expected one of ...",
            ),
            (
                "postgres://u:xy@h/db?x=1",
                "`x`: parameter unknown, did you mean ...",
            ),
            // Prose is not a quote, whatever the password holds.
            (
                "postgres://u:the%20host%20password@h/db?x",
                "`x`: the host, the password",
            ),
            // Nor is a quote of what the text shows anyway, a password alike or not.
            (
                "postgres://u:prefer@h/db?sslmode=prefer&ssl=true",
                "`ssl=true` after `sslmode=prefer` means ...",
            ),
            (
                "postgres://u:verify-full-2024@h/db?sslmode=verify-full",
                "`sslmode=verify-full`: tokio-postgres refuses it",
            ),
        ] {
            let error = typed_error(crate::ValueError::new(reason), text);
            assert_eq!(error.reason(), reason, "{text}");
        }
    }

    #[test]
    fn names_of_connection_strings_hold_credentials() {
        for name in [
            "DATABASE_URL",
            "REPLICA_URLS",
            "MONGO_URIS",
            "CONN",
            "DB_CONNECTION",
            "PG_CONNINFO",
            "SQLSERVER_CONNECTION_STRING",
            "JDBC",
            "DATABASE",
        ] {
            let verdict = verdict(facts(name));
            assert!(verdict.credentials && !verdict.secret, "{name}");
        }
        for name in ["HOST", "LOG_LEVEL", "DATABASE_NAME", "CONNECT_TIMEOUT"] {
            assert!(!verdict(facts(name)).credentials, "{name}");
        }
    }

    #[test]
    fn a_reason_about_a_secret_that_repeats_it_is_not_shown() {
        // `Secret<T>` holds credentials, as a service URL type does, but its reason is
        // `T`'s, which may repeat the text.
        let secret = Facts {
            secret_type: true,
            credentials_type: true,
            opaque_type: false,
            ..facts("HEX")
        };
        let rejection = Rejection {
            reason: "not hex: Hunter2xZ".into(),
            by: None,
        };
        let (reason, shown) = invalid(verdict(secret), "Hunter2xZ", false, rejection);
        assert_eq!(shown, None);
        assert_eq!(
            reason,
            "not valid (the reason is not shown: it repeats part of the value)"
        );
        let rejection = Rejection {
            reason: "not a whole number".into(),
            by: None,
        };
        let (reason, _) = invalid(verdict(secret), "Hunter2xZ", false, rejection);
        assert_eq!(reason, "not a whole number");
    }

    #[test]
    fn user_text_about_a_secret_is_replaced_by_the_function() {
        let rejection = Rejection {
            reason: "HUNTER2 is too short".into(),
            by: Some("check_len"),
        };
        let (reason, shown) = invalid(verdict(facts("DB_PASSWORD")), "hunter2", false, rejection);
        assert!(reason.contains("`check_len`") && !reason.to_lowercase().contains("hunt"));
        assert_eq!(shown, None);
    }

    #[test]
    fn reasons_repeating_a_secret_are_not_shown() {
        assert!(repeats_run_of("bad: XYZW!", "abcxyzw", 4));
        assert!(repeats_part_of_either(
            "wrong prefix in %73%6B%5F%74",
            "sk_test_1"
        ));
        assert!(repeats_part_of_either(
            "unknown parameter `Hx7s`",
            "a?%48%78%37%73=1"
        ));
        assert!(!repeats_part_of_either(
            "unknown parameter",
            "a?%48%78%37%73=1"
        ));
        assert!(!repeats_run_of("not a number", "abcxyzw", 4));
        assert!(repeats_run_of("got ab", "ab", 4));
        assert!(repeats_run_of("é-ÀBÇD", "xxàbçd", 4));
        assert!(!repeats_run_of("àbç", "àbçd", 4));
        assert_eq!(windows_of("aéb", 4), Vec::<&str>::new());
        assert_eq!(windows_of("aébcd", 4), ["aébc", "ébcd"]);
    }

    #[test]
    fn paths_that_may_be_secrets_are_not_shown() {
        assert!(path(Path::new("/run/secrets/db")).is_some());
        assert!(path(Path::new("./secrets/db")).is_some());
        assert!(path(Path::new("hunter2")).is_none());
        assert!(path(Path::new("/a b")).is_none());
        assert!(path(Path::new("/ghp_16C7e42F292c6912E7710c838347Ae178B4a")).is_none());
    }

    #[test]
    fn unknown_names() {
        assert_eq!(unknown_name("APP_PROT", "APP_"), "APP_PROT");
        assert!(unknown_name("APP_x=hunter2", "APP_").starts_with("APP_… (a name of 13"));
        assert!(!unknown_name("APP_sk_live_4eC39HqLyjWDarjtT1zdp7dc", "APP_").contains("4eC3"));
    }

    #[test]
    fn lines_escape_control_characters() {
        assert_eq!(line("a\nb\u{1b}[2J"), "a\\nb\\u{1b}[2J");
        assert_eq!(line("plain"), "plain");
        assert_eq!(Line("a\nb\u{1b}[2J").to_string(), line("a\nb\u{1b}[2J"));
        assert_eq!(Line("plain").to_string(), "plain");
    }
}
