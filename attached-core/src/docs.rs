//! Documentation made from a configuration's description: a Markdown table, a
//! `.env.example`, a Kubernetes `env:` block and, from a loaded configuration, its public
//! values as JSON for a browser.
//!
//! Everything here is made from [`Variable`]s, so it lists exactly what the loader reads
//! and hides exactly what the loader hides: neither a secret's value nor its default
//! appears in any of it.

use crate::attached::Attached;
use crate::describe::{Requirement, Variable};
use crate::load::FILE_LIMIT;
use crate::loader::Loaded;
use crate::show;
use crate::text::{any_char, eq_ignore_case};
use std::fmt::Write as _;

/// Documentation of a configuration's variables, in the forms an operator uses: a
/// [Markdown table](Docs::markdown), a [`.env.example`](Docs::env_example) and a
/// [Kubernetes `env:` block](Docs::kubernetes). Each lists the variables in field order,
/// nested ones included, with the fields' doc comments as descriptions.
///
/// ```
/// use attached::{Attached, Docs, Secret};
///
/// #[derive(Attached)]
/// #[attached(prefix = "APP_")]
/// struct Config {
///     /// Port to listen on.
///     #[attached(default = 8080)]
///     port: u16,
///     /// Token of the payments API.
///     api_token: Secret<String>,
/// }
///
/// let docs = Docs::of::<Config>();
/// assert!(docs.markdown().contains(
///     "| `APP_PORT` | an integer from 0 to 65535 | default `8080` | no | Port to listen on. |"
/// ));
/// assert!(docs.env_example().contains("# Port to listen on.\n# default 8080; expected an integer from 0 to 65535\nAPP_PORT=8080\n"));
/// assert!(docs.env_example().contains("# required, secret; expected text\nAPP_API_TOKEN=\n"));
/// assert!(docs.kubernetes("app-secrets", "app-config").contains(
///     "  - name: APP_API_TOKEN\n    valueFrom:\n      secretKeyRef:\n        name: app-secrets\n"
/// ));
/// ```
///
/// Docs of several configurations together, or of some variables only:
///
/// ```
/// # use attached::{Attached, Docs};
/// # #[derive(Attached)] #[attached(prefix = "APP_")] struct Config { port: u16 }
/// # #[derive(Attached)] #[attached(prefix = "WORKER_")] struct Worker { threads: u16 }
/// let docs = Docs::new(Config::variables().into_iter().chain(Worker::variables()));
/// assert_eq!(docs.variables().len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Docs {
    variables: Vec<Variable>,
}

impl Docs {
    /// The docs of `T`, from [`T::variables()`](Attached::variables).
    pub fn of<T: Attached>() -> Self {
        Docs::new(T::variables())
    }

    /// The docs of these variables, in this order.
    pub fn new(variables: impl IntoIterator<Item = Variable>) -> Self {
        Docs {
            variables: variables.into_iter().collect(),
        }
    }

    /// The variables documented.
    pub fn variables(&self) -> &[Variable] {
        &self.variables
    }

    /// A Markdown table (GitHub's flavour) of every variable: its name, the form its value
    /// takes, whether it is required, optional or has a default (shown unless secret),
    /// whether it is secret or public, and the doc comment, followed by a sentence on
    /// `NAME_FILE`. A `|` inside a cell is escaped, and a doc comment of several lines
    /// becomes one line.
    ///
    /// ```
    /// use attached::{Attached, Docs};
    ///
    /// #[derive(Attached)]
    /// struct Config {
    ///     /// Where to listen | both stacks.
    ///     #[attached(default = "[::]:8080".parse().unwrap())]
    ///     listen: std::net::SocketAddr,
    ///     /// Allowed origins.
    ///     #[attached(public)]
    ///     origins: Option<String>,
    /// }
    ///
    /// let table = Docs::of::<Config>().markdown();
    /// let lines: Vec<&str> = table.lines().collect();
    /// assert_eq!(lines[0], "| Variable | Expected | Required | Secret | Description |");
    /// assert_eq!(lines[2], "| `LISTEN` | an IP address and port such as 0.0.0.0:8080 or [::]:8080 | default `[::]:8080` | no | Where to listen \\| both stacks. |");
    /// assert_eq!(lines[3], "| `ORIGINS` | text | optional | no, public | Allowed origins. |");
    /// ```
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| Variable | Expected | Required | Secret | Description |\n\
             | --- | --- | --- | --- | --- |\n",
        );
        for v in &self.variables {
            let cells = [
                code(&v.name),
                v.expected.to_string(),
                requirement(v, code),
                secrecy(v).to_owned(),
                description(v.doc),
            ];
            out.push('|');
            for c in cells {
                out.push(' ');
                out.push_str(&table_cell(&c));
                out.push_str(" |");
            }
            out.push('\n');
        }
        // Writing to a `String` cannot fail.
        let _ = write!(
            out,
            "\nAny variable may instead be given as `NAME_FILE`: the path of a file that holds \
             its value (at most {} MiB; one trailing newline is dropped), as Docker and \
             Kubernetes mount secrets.\n",
            FILE_LIMIT >> 20
        );
        out
    }

    /// A `.env.example`: every variable with its doc comment and a line of `# ` comment on
    /// its form, then its assignment.
    ///
    /// - A required variable is assigned nothing: `NAME=`, to fill in.
    /// - A variable with a default is assigned the default, in single quotes where it
    ///   holds anything but plainly safe characters, so that the file read back — by a
    ///   `.env` parser, or by a shell that `source`s it, which then runs nothing — gives
    ///   the default's text unchanged.
    /// - A default that no quoting writes alike for both (it holds a `'`, a `\` or a line
    ///   break), and a default with credentials in it (shown masked in its comment), are
    ///   commented out with a note: writing them would change the value, or write `***`
    ///   as a password.
    /// - An optional variable, a secret with a default, and a default that the type
    ///   cannot print are commented out: `# NAME=`.
    /// - A secret's value is never written: secrets are left blank.
    ///
    /// ```
    /// use attached::{Attached, Docs, Secret};
    ///
    /// #[derive(Attached)]
    /// #[attached(prefix = "APP_")]
    /// struct Config {
    ///     /// Greeting shown on the home page.
    ///     #[attached(default = "Hello, world".to_owned())]
    ///     greeting: String,
    ///     /// Sentry DSN; errors are not reported without it.
    ///     sentry_dsn: Option<String>,
    ///     api_token: Secret<String>,
    /// }
    ///
    /// let example = Docs::of::<Config>().env_example();
    /// assert!(example.contains(
    ///     "# Greeting shown on the home page.\n# default Hello, world; expected text\nAPP_GREETING='Hello, world'\n"
    /// ));
    /// assert!(example.contains("# optional, secret; expected text\n# APP_SENTRY_DSN=\n"));
    /// assert!(example.contains("\n# required, secret; expected text\nAPP_API_TOKEN=\n"));
    /// ```
    pub fn env_example(&self) -> String {
        let mut out = String::from(
            "# The environment variables of this program. Copy this file to `.env` and fill in\n\
             # the blanks; a variable set to nothing counts as not set. Any variable may\n\
             # instead be given as NAME_FILE, the path of a file that holds its value.\n",
        );
        for v in &self.variables {
            out.push('\n');
            if !v.doc.trim().is_empty() {
                for line in v.doc.trim_end().lines() {
                    out.push_str(comment(line).trim_end());
                    out.push('\n');
                }
            }
            let mut about = requirement(v, str::to_owned);
            if v.secret {
                about.push_str(", secret");
            } else if v.public {
                about.push_str(", public");
            }
            about.push_str("; expected ");
            about.push_str(&v.expected);
            out.push_str(&comment(&about));
            out.push('\n');
            // The value assigned; `None` leaves the assignment commented out.
            let value = match (&v.requirement, shown_default(v)) {
                (Requirement::Required, _) => Some(String::new()),
                (_, Some(default)) if show::is_masked(default) => {
                    out.push_str(
                        "# (the default holds credentials, hidden here: write it out in full to set it)\n",
                    );
                    None
                }
                (_, Some(default)) => {
                    let value = dotenv_value(default);
                    if value.is_none() {
                        out.push_str(
                            "# (the default cannot be written so that both a shell and a .env parser read it unchanged)\n",
                        );
                    }
                    value
                }
                _ => None,
            };
            if value.is_none() {
                out.push_str("# ");
            }
            out.push_str(&v.name);
            out.push('=');
            out.push_str(value.as_deref().unwrap_or(""));
            out.push('\n');
        }
        out
    }

    /// The `env:` block of a Kubernetes container (YAML): every variable taken from a
    /// key of the same name, in the Secret named `secret` when the variable is secret or
    /// may carry credentials (a connection string: see [`Variable::credentials`]), and in
    /// the ConfigMap named `config_map` otherwise. A variable that may be left unset
    /// (optional, or with a default) is marked `optional: true`, so that the pod starts
    /// without the key. Each entry is preceded by its doc comment, on one line.
    ///
    /// ```
    /// use attached::{Attached, Docs, Secret};
    ///
    /// #[derive(Attached)]
    /// #[attached(prefix = "APP_")]
    /// struct Config {
    ///     /// Payments API token.
    ///     api_token: Secret<String>,
    ///     #[attached(default = 8080)]
    ///     port: u16,
    /// }
    ///
    /// let yaml = Docs::of::<Config>().kubernetes("app-secrets", "app-config");
    /// assert_eq!(yaml, "\
    /// env:
    ///   ## Payments API token.
    ///   - name: APP_API_TOKEN
    ///     valueFrom:
    ///       secretKeyRef:
    ///         name: app-secrets
    ///         key: APP_API_TOKEN
    ///   - name: APP_PORT
    ///     valueFrom:
    ///       configMapKeyRef:
    ///         name: app-config
    ///         key: APP_PORT
    ///         optional: true
    /// ");
    /// ```
    pub fn kubernetes(&self, secret: &str, config_map: &str) -> String {
        if self.variables.is_empty() {
            return "env: []\n".to_owned();
        }
        let mut out = String::from("env:\n");
        for v in &self.variables {
            let about = description(v.doc);
            if !about.is_empty() {
                out.push_str("  ");
                out.push_str(&comment(&about));
                out.push('\n');
            }
            let (reference, object) = if v.secret || v.credentials {
                ("secretKeyRef", secret)
            } else {
                ("configMapKeyRef", config_map)
            };
            let name = yaml_scalar(&v.name);
            // Writing to a `String` cannot fail.
            let _ = write!(
                out,
                "  - name: {name}\n    valueFrom:\n      {reference}:\n        name: {}\n        key: {name}\n",
                yaml_scalar(object)
            );
            if v.requirement != Requirement::Required {
                out.push_str("        optional: true\n");
            }
        }
        out
    }
}

impl<T> Loaded<T> {
    /// The values of the fields marked `#[attached(public)]`, as a JSON object from
    /// variable name to value, in field order: what a program may hand to a browser, such
    /// as a payment provider's publishable key. Nothing else is in it: not a secret, not
    /// a field without `public`.
    ///
    /// Each value is the variable's text as loaded (or the default's), as a JSON string;
    /// a variable not set is `null`. The text is escaped for JSON and also for an HTML
    /// `<script>` element (`<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes), so it can be
    /// written into a page as it is.
    ///
    /// ```
    /// use attached::{Attached, Loader, Secret};
    ///
    /// #[derive(Attached)]
    /// #[attached(prefix = "APP_")]
    /// struct Config {
    ///     #[attached(public)]
    ///     stripe_publishable_key: String,
    ///     #[attached(public)]
    ///     sentry_dsn: Option<String>,
    ///     stripe_secret_key: Secret<String>,
    ///     #[attached(default = 8080)]
    ///     port: u16,
    /// }
    ///
    /// let source = [
    ///     ("APP_STRIPE_PUBLISHABLE_KEY", "pk_test_\"123\"</script>"),
    ///     ("APP_STRIPE_SECRET_KEY", "sk_test_456"),
    /// ];
    /// let loaded = Loader::new(&source).load::<Config>()?;
    /// assert_eq!(
    ///     loaded.public_json(),
    ///     r#"{"APP_STRIPE_PUBLISHABLE_KEY":"pk_test_\"123\"\u003c/script\u003e","APP_SENTRY_DSN":null}"#
    /// );
    /// # Ok::<(), attached::Report>(())
    /// ```
    pub fn public_json(&self) -> String {
        let mut out = String::from("{");
        for v in self.variables.iter().filter(|v| v.public && !v.secret) {
            if out.len() > 1 {
                out.push(',');
            }
            json_string(&mut out, &v.name);
            out.push(':');
            match &v.shown {
                Some(text) => json_string(&mut out, text),
                None => out.push_str("null"),
            }
        }
        out.push('}');
        out
    }
}

/// The default's text, when it may be shown: the type can print it and it is not secret.
fn shown_default(v: &Variable) -> Option<&str> {
    match &v.requirement {
        Requirement::Default(Some(text)) if !v.secret => Some(text),
        _ => None,
    }
}

/// Whether a variable is required, optional, or has a default, with the default's text
/// (written by `quote`) when it may be shown.
fn requirement(v: &Variable, quote: fn(&str) -> String) -> String {
    match (&v.requirement, shown_default(v)) {
        (Requirement::Required, _) => "required".to_owned(),
        (Requirement::Optional, _) => "optional".to_owned(),
        (_, Some("")) => "default: empty".to_owned(),
        (_, Some(text)) => format!("default {}", quote(text)),
        (_, None) => "has a default".to_owned(),
    }
}

/// The secrecy column of the Markdown table.
fn secrecy(v: &Variable) -> &'static str {
    if v.secret {
        "yes"
    } else if v.public {
        "no, public"
    } else {
        "no"
    }
}

/// A doc comment on one line: its lines, trimmed, joined by spaces.
fn description(doc: &str) -> String {
    let mut description = String::with_capacity(doc.len());
    for line in doc.lines() {
        let line = line.trim();
        if !line.is_empty() {
            if !description.is_empty() {
                description.push(' ');
            }
            description.push_str(line);
        }
    }
    description
}

/// `text` as a Markdown code span, with a fence longer than any run of backticks in it.
fn code(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    let mut span = String::with_capacity(text.len() + 2 * (longest + 2));
    for _ in 0..=longest {
        span.push('`');
    }
    span.push_str(pad);
    span.push_str(text);
    span.push_str(pad);
    for _ in 0..=longest {
        span.push('`');
    }
    span
}

/// A table cell's text: on one line, with `|` escaped (also inside code spans, as GitHub
/// requires).
fn table_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A `# ` comment line of `text`, whose control characters (line breaks among them)
/// become spaces so that nothing of it escapes the comment.
fn comment(text: &str) -> String {
    let mut out = String::from("# ");
    out.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
    out
}

/// `text` as the value of a `.env` assignment that reads back unchanged both in a `.env`
/// parser and in a shell that `source`s the file, and runs nothing there: bare when every
/// character is plainly safe, else in single quotes (nothing inside is interpreted by
/// either). `None` when the text holds a `'`, a `\` or a control character, which no
/// quoting writes alike for both.
fn dotenv_value(text: &str) -> Option<String> {
    let plain = !any_char(text, |c| {
        !(c.is_ascii_alphanumeric() || "_-.,:/@+=%".contains(c))
    });
    if plain {
        return Some(text.to_owned());
    }
    if any_char(text, |c| c == '\'' || c == '\\' || c.is_control()) {
        return None;
    }
    Some(format!("'{text}'"))
}

/// `text` as a YAML scalar: plain when it cannot be read as anything but this string —
/// letters, digits, `_`, `-` and `.`, starting with a letter or `_`, and not one of the
/// words YAML 1.1 reads as a boolean or null — and otherwise in double quotes, escaped
/// as JSON (a JSON string is a YAML double-quoted scalar).
fn yaml_scalar(text: &str) -> String {
    const WORDS: [&str; 11] = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "nil", "~",
    ];
    let mut word = false;
    for w in &WORDS {
        word |= eq_ignore_case(w, text);
    }
    let plain = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && !any_char(text, |c| {
            !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        })
        && !word;
    if plain {
        return text.to_owned();
    }
    let mut out = String::new();
    json_string(&mut out, text);
    out
}

/// Appends `c` as a JSON `\\u` escape (`c` is in the Basic Multilingual Plane).
fn unicode_escape(out: &mut String, c: char) {
    // Writing to a `String` cannot fail.
    let _ = write!(out, "\\u{:04x}", u32::from(c));
}

/// Appends `text` as a JSON string, with `<`, `>`, `&`, U+2028 and U+2029 escaped too so
/// that it is safe inside an HTML `<script>` element.
fn json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => unicode_escape(out, c),
            c if u32::from(c) < 0x20 => unicode_escape(out, c),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_outfence_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a``"), "``` `a`` ```");
    }

    #[test]
    fn dotenv_values_are_quoted_when_needed() {
        let cases = [
            ("0.0.0.0:8080", "0.0.0.0:8080"),
            (
                "https://a.example,https://b.example",
                "https://a.example,https://b.example",
            ),
            ("", ""),
            ("a b", "'a b'"),
            ("#x", "'#x'"),
            ("$HOME", "'$HOME'"),
            ("`id` $(id)", "'`id` $(id)'"),
        ];
        for (text, want) in cases {
            assert_eq!(dotenv_value(text).as_deref(), Some(want), "{text:?}");
        }
        for text in ["it's", "a\\b", "l1\nl2"] {
            assert_eq!(dotenv_value(text), None, "{text:?}");
        }
    }

    #[test]
    fn yaml_scalars_are_quoted_when_needed() {
        assert_eq!(yaml_scalar("APP_PORT"), "APP_PORT");
        assert_eq!(yaml_scalar("billing-secrets.v2"), "billing-secrets.v2");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("NULL"), "\"NULL\"");
        assert_eq!(yaml_scalar("123"), "\"123\"");
        assert_eq!(yaml_scalar(""), "\"\"");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
    }

    #[test]
    fn json_strings_are_escaped() {
        let mut out = String::new();
        json_string(&mut out, "a\"b\\c\nd\u{1}</script>&\u{2028}é");
        assert_eq!(out, r#""a\"b\\c\nd\u0001\u003c/script\u003e\u0026\u2028é""#);
    }
}
