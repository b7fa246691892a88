//! `.env` files: reading one safely (a regular file, of bounded size) and parsing it in one
//! pass, with `${NAME}` filled from the file's own earlier lines only.
//!
//! The parser is the crate's own: `dotenvy` fills a reference from the process environment
//! before the file (and there is no way to turn that off), so a `.env` file would read the
//! process environment behind [`Env`](crate::Env)'s back. It follows the format as dotenvy
//! documents it; where the two differ, it is listed on [`DotEnv`].

use crate::report::{Problem, ProblemKind};
use crate::source::{Found, Origin, Raw, Source, io_reason};
use crate::text::prefix_len;
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The largest `.env` file read: 1 MiB, the limit of a `NAME_FILE` file
/// ([`FILE_LIMIT`](crate::FILE_LIMIT)). A service's `.env` is a few kilobytes; a larger file
/// is a wrong path.
const LIMIT: u64 = crate::load::FILE_LIMIT;

/// The most text that references may copy, over the whole file: 8 MiB. Without a bound,
/// a few lines that each reference the one before several times (`B=${A}${A}${A}...`,
/// `C=${B}${B}${B}...`) grow without end from a small file.
const COPY_LIMIT: usize = 8 << 20;

/// The most warnings a file gives; the rest are counted in one more. A file that holds
/// thousands of `$` is a mistake to fix once, not thousands of lines to read.
const WARNING_LIMIT: usize = 100;

/// The variables of a `.env` file, read without touching the process environment.
///
/// Where a name is assigned twice, the last assignment wins, as when a shell sources the
/// file; the startup summary shows the line of the one that took effect.
///
/// Layer it under the environment, so that a variable set for real overrides the file:
///
/// ```no_run
/// use attached::{Attached, DotEnv, Env, Source};
/// # #[derive(Attached)] struct Config { port: u16 }
/// let source = Env::new().over(DotEnv::from_path(".env")?);
/// let config = Config::from_source(&source)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # The file
///
/// A regular file (not a directory, FIFO or device: those are refused before they are
/// opened) of UTF-8 text, at most 1 MiB, the limit of a `NAME_FILE` file
/// ([`FILE_LIMIT`](crate::FILE_LIMIT)). A byte order mark at the start is skipped.
///
/// # The format
///
/// One assignment a line, `NAME=value`, as `dotenvy` reads it:
///
/// - Blank lines and lines starting with `#` are skipped. A line may start with `export `.
/// - A name starts with an ASCII letter or `_` and goes on with letters, digits, `_` and
///   `.`. White space around `=` is ignored.
/// - An unquoted value runs to the end of the line, white space around it trimmed. A space
///   inside it is an error (quote the value); a `#` after a space starts a comment; a `#`
///   straight after `=` too, so `A=#x` is empty, with a warning.
/// - `'single quotes'`: every character as it is, line breaks included.
/// - `"double quotes"`: may span lines; the escapes `\n`, `\\`, `\"`, `\'`, `\$` and `\ `
///   (a space); any other escape is an error. The same escapes work unquoted.
/// - Quoted and unquoted parts next to each other join, as in a shell: `A="a b"'c'd` is
///   `a bcd`.
/// - `${NAME}` and `$NAME`, unquoted or in double quotes, are the value of `NAME` **as set
///   earlier in this file**. The process environment is never consulted: only [`Env`]
///   reads it, and layering (`Env::new().over(dotenv)`) does not fill references either.
///   A reference to a name not set earlier reads as empty, and is a
///   [warning](Source::warnings) naming the line and the variable that holds it. `$` that
///   is not followed by a name is a `$`; write `\$` or single quotes for a literal `$NAME`.
///   References may copy at most 8 MiB of text in all: more is an error, as from a file
///   whose lines each double the one before.
///
/// Where this differs from `dotenvy` 0.15: dotenvy fills references from the process
/// environment first; reads `$A_B` as `${A}_B` (here it is `${A_B}`, as in a shell); drops a
/// `$` not followed by a name (here it stays); reads `${A:-x}` as a reference to a variable
/// named `A:-x` (here it is an error: defaults are not supported); cannot close a double
/// quote straight after a reference (`"$A"` is an error there); refuses `'a\'` (here it is
/// `a\`, as in a shell), blanks at the end of a file with no final line break, and a `'` in
/// a comment after two spaces; drops a `\` at the end of a line (here it is an error) and
/// an escaped space there (here it is kept).
///
/// # Errors and warnings
///
/// An error or warning names the line and character, never the text of the line: it may
/// hold a secret. A warning about `$NAME` gives its place, not the name: an unquoted `$` in
/// a password would otherwise show the rest of it. `${NAME}` is named. A file gives at most
/// 100 warnings, and one more that counts the rest.
///
/// Its `Debug` shows the file and how many variables it holds, never their values.
///
/// [`Env`]: crate::Env
#[derive(Clone)]
pub struct DotEnv {
    path: Arc<Path>,
    /// A name's value and the line of its last assignment. SipHash, not the `Env`'s
    /// faster hash: the names of a file are chosen by whoever writes it, and colliding
    /// names must not make a load slow.
    vars: HashMap<String, (String, usize)>,
    /// The variable each warning is about, and the warning.
    warnings: Vec<(String, String)>,
}

impl fmt::Debug for DotEnv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DotEnv")
            .field("path", &self.path)
            .field("variables", &self.vars.len())
            .finish()
    }
}

impl DotEnv {
    /// Reads and parses the file at `path`, if there is one: `None` when no file is
    /// there, as on a server where the environment is set for real; an error when the file
    /// is there but cannot be read or parsed.
    ///
    /// ```no_run
    /// use attached::{Attached, DotEnv, Env, Source};
    /// # #[derive(Attached)] struct Config { port: u16 }
    /// // A developer's `.env` when there is one, under the real environment.
    /// let config = Config::from_source(&Env::new().over(DotEnv::if_exists(".env")?))?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn if_exists(path: impl AsRef<Path>) -> Result<Option<Self>, DotEnvError> {
        match std::fs::metadata(path.as_ref()) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            _ => Self::from_path(path).map(Some),
        }
    }

    /// Reads and parses the file at `path`.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, DotEnvError> {
        let path: Arc<Path> = Arc::from(path.as_ref());
        let error = |reason: String| DotEnvError {
            path: path.to_path_buf(),
            reason,
        };
        let text = read(&path).map_err(error)?;
        let parsed = parse(&text, &shown_path(&path)).map_err(error)?;
        Ok(DotEnv {
            path,
            vars: parsed.vars,
            warnings: parsed.warnings,
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Source for DotEnv {
    fn get(&self, name: &str) -> Option<Found<'_>> {
        self.vars.get(name).map(|(value, line)| Found {
            raw: Raw::Text(value),
            origin: Origin::DotEnv {
                path: self.path.clone(),
                line: *line,
            },
        })
    }
    fn names(&self, each: &mut dyn FnMut(&str)) {
        for name in self.vars.keys() {
            each(name);
        }
    }
    fn may_hold_file_forms(&self) -> bool {
        for name in self.vars.keys() {
            if crate::source::is_file_form(name.as_bytes()) {
                return true;
            }
        }
        false
    }
    /// A reference to a variable not set earlier in the file, and a value that a `#`
    /// made empty; for the assignments that took effect only.
    fn warnings(&self, each: &mut dyn FnMut(Problem)) {
        for (variable, reason) in &self.warnings {
            let reason = reason.clone();
            each(Problem::new(
                variable,
                "",
                ProblemKind::Warning { message: reason },
            ));
        }
    }
}

/// A `.env` file that could not be read or parsed. The message names the file and the
/// line, never the line's text; control characters in the file's name are escaped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DotEnvError {
    path: PathBuf,
    reason: String,
}

impl DotEnvError {
    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What went wrong, without the file's name.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for DotEnvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read {}: {}", shown_path(&self.path), self.reason)
    }
}

impl std::error::Error for DotEnvError {}

/// `path` as text on one line: control characters escaped, so that a file's name cannot
/// start a line of its own in a log.
fn shown_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.display().to_string().chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// The text of the file at `path`: a regular file, checked before it is opened (opening a
/// FIFO waits for a writer; a device such as `/dev/zero` never ends), of at most
/// [`LIMIT`] bytes of UTF-8.
fn read(path: &Path) -> Result<String, String> {
    let kind = |meta: &std::fs::Metadata| {
        if meta.is_file() {
            Ok(())
        } else if meta.is_dir() {
            Err("it is a directory".to_owned())
        } else {
            Err("not a regular file (a FIFO, socket or device)".to_owned())
        }
    };
    let too_large = || {
        format!(
            "larger than the limit of {} MiB ({LIMIT} bytes)",
            LIMIT >> 20
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    kind(&meta)?;
    if meta.len() > LIMIT {
        return Err(too_large());
    }
    let mut file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    // Checked again on what was opened, in case the path changed in between.
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    kind(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len().min(LIMIT) as usize + 1);
    crate::bounded::read_past(&mut file, LIMIT, &mut bytes).map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > LIMIT {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|_| "not valid UTF-8 text".to_owned())
}

/// What a file holds: each name's value and line, and the warnings of the assignments
/// that took effect.
#[derive(Default)]
pub(crate) struct Parsed {
    pub(crate) vars: HashMap<String, (String, usize)>,
    /// The variable each warning is about, and the warning.
    pub(crate) warnings: Vec<(String, String)>,
}

/// Parses the text of a `.env` file, in one pass. `file` names it in warnings.
pub(crate) fn parse(text: &str, file: &str) -> Result<Parsed, String> {
    let mut parser = Parser {
        text: text.strip_prefix('\u{feff}').unwrap_or(text),
        pos: 0,
        line: 1,
        line_start: 0,
        copied: 0,
        vars: HashMap::new(),
        warnings: Vec::new(),
        notes: Notes::default(),
    };
    parser.lines()?;
    let Parser {
        text,
        vars,
        warnings,
        ..
    } = parser;
    // The notes of an assignment that a later one replaced no longer apply.
    let mut written = Vec::new();
    let mut left_out = 0;
    for noted in warnings {
        if vars
            .get(noted.variable)
            .is_some_and(|(_, l)| *l == noted.line)
        {
            if written.len() >= WARNING_LIMIT {
                left_out += noted.count();
                continue;
            }
            for warning in noted.write(text, file) {
                written.push((noted.variable.to_owned(), warning));
            }
        }
    }
    if left_out > 0 {
        let warning = format!("{file}: {left_out} more warnings like these are not listed");
        written.push((file.to_owned(), warning));
    }
    Ok(Parsed {
        vars,
        warnings: written,
    })
}

/// The notes of one assignment.
struct Noted<'t> {
    variable: &'t str,
    /// The line of the assignment.
    line: usize,
    notes: Notes<'t>,
}

impl Noted<'_> {
    fn count(&self) -> usize {
        let notes = &self.notes;
        usize::from(notes.comment.is_some())
            + usize::from(!notes.braced.is_empty())
            + usize::from(notes.bare > 0)
    }

    /// The warnings, as the file `file` of text `text` has them.
    fn write(&self, text: &str, file: &str) -> Vec<String> {
        let not_consulted = "the process environment is not consulted";
        let notes = &self.notes;
        let mut out = Vec::new();
        if let Some(at) = notes.comment {
            out.push(format!(
                "{file}, line {at}: the value starts with `#`, which begins a comment, so it \
                 reads as empty; quote the value to keep the `#`"
            ));
        }
        if !notes.braced.is_empty() {
            // Each name once, in the order first met, as `${NAME}`; none when the variable's
            // name says it holds a secret, or a name is not written as variables' names are
            // (capitals, digits and `_`) or looks like a token: then `${...}` may be part of
            // a secret (a password inside a URL) written without a `\$`.
            let secret = crate::show::is_secret_name(self.variable)
                || notes.braced.iter().any(|name| {
                    crate::show::looks_like_token(name)
                        || name
                            .bytes()
                            .any(|b| !(b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'))
                });
            let mut seen = HashSet::new();
            let mut names = String::new();
            for name in &notes.braced {
                if seen.insert(*name) && !secret {
                    let separator = if seen.len() == 1 { "" } else { ", " };
                    let _ = write!(names, "{separator}`${{{name}}}`");
                }
            }
            let (verb, pronoun) = if seen.len() == 1 {
                ("is", "it reads")
            } else {
                ("are", "they read")
            };
            if secret {
                names = if seen.len() == 1 {
                    "a `${...}` reference (its name is not repeated: it may be part of a \
                     secret; write `\\$` for a `$`)"
                        .to_owned()
                } else {
                    format!(
                        "{} `${{...}}` references (their names are not repeated: they may be \
                         part of a secret; write `\\$` for a `$`)",
                        seen.len()
                    )
                };
            }
            out.push(format!(
                "{file}, line {}: {} {verb} not set earlier in this file, so {pronoun} as \
                 empty; {not_consulted}",
                notes.braced_line, names,
            ));
        }
        if let Some(at) = notes.bare_at {
            let place = place(text, at);
            // The name is not shown: `$NAME` may be a `$` in a password, and the name the
            // rest of it.
            let what = if notes.bare == 1 {
                "a `$` reference to a variable not set earlier in this file reads as empty"
                    .to_owned()
            } else {
                format!(
                    "{} `$` references to variables not set earlier in this file read as empty \
                     (this is the first)",
                    notes.bare
                )
            };
            out.push(format!(
                "{file}, {place}: {what}; the name is not repeated, as it may be part of a \
                 secret (write `\\$` for a `$`, `${{NAME}}` for a reference); {not_consulted}"
            ));
        }
        out
    }
}

struct Parser<'t> {
    text: &'t str,
    pos: usize,
    /// The line of `pos`, from 1, and where it starts.
    line: usize,
    line_start: usize,
    /// The bytes references have copied so far.
    copied: usize,
    vars: HashMap<String, (String, usize)>,
    /// The notes of each assignment that has any.
    warnings: Vec<Noted<'t>>,
    /// What to warn of in the value being read.
    notes: Notes<'t>,
}

/// What to warn of in one value: a `#` that made it empty, references to variables not set
/// before it.
#[derive(Default)]
struct Notes<'t> {
    /// The line of a `#` straight after `=`.
    comment: Option<usize>,
    /// `${NAME}`: the names, and the line of the first.
    braced: Vec<&'t str>,
    braced_line: usize,
    /// `$NAME`: how many, and where the first is.
    bare: usize,
    bare_at: Option<Mark>,
}

/// A place in the text. Made as the parser goes; turned into a line and a character only
/// for a message, since counting the characters from the start of the line at every mark
/// would make a long line quadratic.
#[derive(Clone, Copy)]
struct Mark {
    pos: usize,
    line: usize,
    line_start: usize,
}

/// "line 3, character 7", of `at` in `text`.
fn place(text: &str, at: Mark) -> String {
    let column = text[at.line_start..at.pos].chars().count() + 1;
    format!("line {}, character {column}", at.line)
}

/// White space within a line.
fn is_blank(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

fn starts_name(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

/// The length of the name at the start of `text`: letters, digits, `_`, and `.` when
/// `dots`.
fn name_len(text: &str, dots: bool) -> usize {
    if dots {
        prefix_len(text, |c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    } else {
        prefix_len(text, |c| c.is_ascii_alphanumeric() || c == '_')
    }
}

impl<'t> Parser<'t> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    /// Moves past the character at `pos`, counting lines.
    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
            if c == '\n' {
                self.line += 1;
                self.line_start = self.pos;
            }
        }
    }

    /// Moves past the next `n` bytes, counting lines.
    fn advance(&mut self, n: usize) {
        let passed = &self.text[self.pos..self.pos + n];
        if let Some(last) = passed.rfind('\n') {
            self.line += passed.matches('\n').count();
            self.line_start = self.pos + last + 1;
        }
        self.pos += n;
    }

    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.bump();
        }
    }

    fn skip_to_line_end(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.find('\n').unwrap_or(rest.len());
    }

    fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            line: self.line,
            line_start: self.line_start,
        }
    }

    fn error(&self, at: Mark, what: &str) -> String {
        format!("{}: {what}", place(self.text, at))
    }

    fn lines(&mut self) -> Result<(), String> {
        loop {
            self.skip_blanks();
            match self.peek() {
                None => return Ok(()),
                Some('\n') => self.bump(),
                Some('#') => self.skip_to_line_end(),
                Some(_) => self.assignment()?,
            }
        }
    }

    fn name(&mut self) -> Result<&'t str, String> {
        if !self.peek().is_some_and(starts_name) {
            return Err(self.error(self.mark(), "a name must start with a letter or `_`"));
        }
        let text = self.text;
        let start = self.pos;
        self.pos += name_len(&text[start..], true);
        Ok(&text[start..self.pos])
    }

    fn assignment(&mut self) -> Result<(), String> {
        let line = self.line;
        let mut name = self.name()?;
        self.skip_blanks();
        // `export` is a prefix, or a variable's name.
        if name == "export" && self.peek() != Some('=') {
            name = self.name()?;
            self.skip_blanks();
        }
        if self.peek() != Some('=') {
            return Err(self.error(self.mark(), "expected `=` after the name"));
        }
        self.bump();
        let equals = self.pos;
        self.skip_blanks();
        // `A=#x` is empty, as dotenvy reads it, but likely meant as `#x`; `A= # x` is not.
        if self.peek() == Some('#') && self.pos == equals {
            self.notes.comment = Some(self.line);
        }
        let value = self.value()?;
        let notes = std::mem::take(&mut self.notes);
        self.keep(name, line, notes);
        self.vars.insert(name.to_owned(), (value, line));
        Ok(())
    }

    /// Keeps the notes of an assignment, if there are any, to be written out once the file
    /// is read: only those of assignments that took effect, and only so many, are.
    fn keep(&mut self, variable: &'t str, line: usize, notes: Notes<'t>) {
        if notes.comment.is_none() && notes.braced.is_empty() && notes.bare == 0 {
            return;
        }
        self.warnings.push(Noted {
            variable,
            line,
            notes,
        });
    }

    /// A value, up to the end of its last line (a comment included).
    fn value(&mut self) -> Result<String, String> {
        let mut out = String::new();
        if self.peek() == Some('#') {
            self.skip_to_line_end();
            return Ok(out);
        }
        loop {
            match self.peek() {
                None | Some('\n') => return Ok(out),
                Some('\'') => self.single_quoted(&mut out)?,
                Some('"') => self.double_quoted(&mut out)?,
                Some('\\') => self.escape(&mut out)?,
                Some('$') => self.reference(&mut out)?,
                Some(c) if is_blank(c) => {
                    let start = self.pos;
                    let mut spaced = false;
                    while let Some(c) = self.peek().filter(|&c| is_blank(c)) {
                        spaced |= c == ' ' || c == '\t';
                        self.bump();
                    }
                    match self.peek() {
                        // Trailing white space is not part of the value.
                        None | Some('\n') => return Ok(out),
                        Some('#') if spaced => {
                            self.skip_to_line_end();
                            return Ok(out);
                        }
                        _ if spaced => {
                            let space = self.text[start..].find([' ', '\t']).unwrap_or(0);
                            let at = Mark {
                                pos: start + space,
                                ..self.mark()
                            };
                            return Err(self.error(
                                at,
                                "a space inside an unquoted value; put the value in quotes",
                            ));
                        }
                        // Other white space (a form feed, a no-break space) inside a value
                        // is kept.
                        _ => out.push_str(&self.text[start..self.pos]),
                    }
                }
                Some(_) => {
                    // Up to the next character that means something, in one step.
                    let rest = &self.text[self.pos..];
                    let n = prefix_len(rest, |c| {
                        !(matches!(c, '\'' | '"' | '\\' | '$') || c.is_whitespace())
                    });
                    out.push_str(&rest[..n]);
                    self.pos += n;
                }
            }
        }
    }

    fn single_quoted(&mut self, out: &mut String) -> Result<(), String> {
        let open = self.mark();
        self.bump();
        let rest = &self.text[self.pos..];
        let Some(n) = rest.find('\'') else {
            return Err(self.error(open, "this single quote is never closed"));
        };
        out.push_str(&rest[..n]);
        self.advance(n + 1);
        Ok(())
    }

    fn double_quoted(&mut self, out: &mut String) -> Result<(), String> {
        let open = self.mark();
        self.bump();
        loop {
            match self.peek() {
                None => return Err(self.error(open, "this double quote is never closed")),
                Some('"') => {
                    self.bump();
                    return Ok(());
                }
                Some('\\') => self.escape(out)?,
                Some('$') => self.reference(out)?,
                Some(_) => {
                    let rest = &self.text[self.pos..];
                    let n = rest.find(['"', '\\', '$']).unwrap_or(rest.len());
                    out.push_str(&rest[..n]);
                    self.advance(n);
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), String> {
        let at = self.mark();
        self.bump();
        match self.peek() {
            Some(c @ ('\\' | '\'' | '"' | '$' | ' ')) => out.push(c),
            Some('n') => out.push('\n'),
            _ => {
                return Err(self.error(
                    at,
                    "not an escape; those are `\\n`, `\\\\`, `\\\"`, `\\'`, `\\$` and `\\ ` \
                     (a space)",
                ));
            }
        }
        self.bump();
        Ok(())
    }

    /// `${NAME}` or `$NAME`, filled from the variables set earlier in the file; a `$`
    /// not followed by a name is itself.
    fn reference(&mut self, out: &mut String) -> Result<(), String> {
        let at = self.mark();
        self.bump();
        let text = self.text;
        let rest = &text[self.pos..];
        let braced = rest.starts_with('{');
        let name = if braced {
            let inner = &rest[1..];
            let n = name_len(inner, true);
            if !inner.starts_with(starts_name) || !inner[n..].starts_with('}') {
                return Err(self.error(
                    at,
                    "`${` must be followed by a name and `}`; defaults such as \
                     `${NAME:-default}` are not supported",
                ));
            }
            self.pos += n + 2;
            &inner[..n]
        } else if rest.starts_with(starts_name) {
            let n = name_len(rest, false);
            self.pos += n;
            &rest[..n]
        } else {
            out.push('$');
            return Ok(());
        };
        match self.vars.get(name) {
            Some((value, _)) => {
                self.copied += value.len();
                if self.copied > COPY_LIMIT {
                    return Err(self.error(
                        at,
                        &format!(
                            "references copy more than {} MiB of values in all",
                            COPY_LIMIT >> 20
                        ),
                    ));
                }
                out.push_str(value);
            }
            None if braced => {
                if self.notes.braced.is_empty() {
                    self.notes.braced_line = at.line;
                }
                self.notes.braced.push(name);
            }
            None => {
                self.notes.bare += 1;
                self.notes.bare_at.get_or_insert(at);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(text: &str) -> Vec<(String, String)> {
        let mut vars: Vec<_> = parse(text, ".env")
            .unwrap_or_else(|e| panic!("{e}: {text:?}"))
            .vars
            .into_iter()
            .map(|(name, (value, _))| (name, value))
            .collect();
        vars.sort();
        vars
    }

    fn one(text: &str) -> String {
        let all = vars(text);
        assert_eq!(all.len(), 1, "{text:?}");
        all[0].1.clone()
    }

    fn lines(text: &str) -> Vec<(String, usize)> {
        let mut lines: Vec<_> = parse(text, ".env")
            .unwrap()
            .vars
            .into_iter()
            .map(|(name, (_, line))| (name, line))
            .collect();
        lines.sort();
        lines
    }

    fn warnings(text: &str) -> Vec<String> {
        parse(text, ".env")
            .unwrap()
            .warnings
            .into_iter()
            .map(|(name, w)| format!("{name}: {w}"))
            .collect()
    }

    fn error(text: &str) -> String {
        match parse(text, ".env") {
            Ok(parsed) => panic!("{text:?} parsed: {:?}", parsed.vars.keys()),
            Err(e) => e,
        }
    }

    #[test]
    fn values() {
        for (text, value) in [
            ("A=1", "1"),
            ("A = 1  ", "1"),
            ("  A=1\t# comment", "1"),
            ("A=a#b", "a#b"),
            ("A=", ""),
            ("A=   ", ""),
            ("A= # only a comment", ""),
            ("A='a b $B \\n \"'", "a b $B \\n \""),
            ("A='a\\'", "a\\"),
            ("A=\"a b\"", "a b"),
            ("A=\"a\\nb \\\" \\\\ \\$B \\' \\ \"", "a\nb \" \\ $B '  "),
            ("A=\"a\nb\"", "a\nb"),
            ("A='a\r\nb'\r\n", "a\r\nb"),
            ("A=s\\ ix", "s ix"),
            ("A=\"a b\"'c'd", "a bcd"),
            ("A=\"a\" # comment", "a"),
            ("A=\"a\"#b", "a#b"),
            ("A=5$", "5$"),
            ("A=a$-b$1", "a$-b$1"),
            ("A=\"$\"", "$"),
            ("A=x\u{c}y", "x\u{c}y"),
            ("A=x\u{a0}", "x"),
            ("A=\u{fffd}ж", "\u{fffd}ж"),
            ("\u{feff}A=1", "1"),
            ("export A=1", "1"),
            ("export\tA=1", "1"),
        ] {
            assert_eq!(one(text), value, "{text:?}");
        }
        assert_eq!(
            vars("export=1\nexport = 2")[0],
            ("export".into(), "2".into())
        );
        assert_eq!(vars("a.b_C9=1")[0].0, "a.b_C9");
    }

    #[test]
    fn references_are_to_earlier_lines_of_the_file() {
        let text = "A=1\nB=${A}-$A-\"$A\"-'$A'-\\$A\nC=$B_x.y\nA=2\nD=${A}${C}\n";
        assert_eq!(
            vars(text),
            [
                ("A".into(), "2".into()),
                ("B".into(), "1-1-1-$A-$A".into()),
                ("C".into(), ".y".into()),
                ("D".into(), "2.y".into()),
            ]
        );
        // A variable is not set while its own value is read; a later line is not earlier.
        assert_eq!(vars("A=${A}x\nB=${C}\nC=1")[0].1, "x");
        assert_eq!(vars("A.B=1\nC=${A.B}")[1].1, "1");
    }

    #[test]
    fn the_process_environment_is_not_consulted() {
        // Whatever the process has, a reference reads the file only.
        let Some((name, _)) = std::env::vars().find(|(n, v)| {
            !v.is_empty() && n.starts_with(starts_name) && name_len(n, false) == n.len()
        }) else {
            return;
        };
        let text = format!("A=${{{name}}}\nB=${name}\n");
        assert_eq!(
            vars(&text),
            [("A".into(), "".into()), ("B".into(), "".into())]
        );
        let warnings = warnings(&text);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains(&format!("`${{{name}}}` is not set earlier")));
    }

    #[test]
    fn unset_references_are_warnings() {
        let secret = "hunter2ZZ";
        let text = format!(
            "# db\nDB_URL=postgres://u:${{DB_PASSWORD}}@db/${{DB_PASSWORD}}${{X}}\n\
             P=\"pa${secret}\"\nQ=#x\nR=${{GONE}}\nR=1\nS= # empty\n"
        );
        let warnings = warnings(&text);
        assert_eq!(
            warnings[0],
            "DB_URL: .env, line 2: `${DB_PASSWORD}`, `${X}` are not set earlier in this file, \
             so they read as empty; the process environment is not consulted"
        );
        assert!(
            warnings[1].starts_with("P: .env, line 3, character 6: a `$` reference"),
            "{}",
            warnings[1]
        );
        assert!(warnings[2].starts_with("Q: .env, line 4: the value starts with `#`"));
        // The assignment that replaced `R=${GONE}` has nothing to warn of.
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        for w in &warnings {
            assert!(!w.contains("hunter") && !w.contains("ZZ"), "{w}");
        }
        assert_eq!(vars(&text)[1].1, "pa");
    }

    #[test]
    fn lines_are_those_of_the_last_assignment() {
        let text = "# c\nA=1\n export B = 2\nA=3\r\nAB=\"x\n\ny\"\nC='\n'\nD=\\$\n\nexport=4\nB=5";
        assert_eq!(
            lines(text),
            [
                ("A".into(), 4),
                ("AB".into(), 5),
                ("B".into(), 13),
                ("C".into(), 8),
                ("D".into(), 10),
                ("export".into(), 12),
            ]
        );
    }

    #[test]
    fn errors_give_the_place_and_never_the_text() {
        let secret = "sk_live_HUNTER2";
        for (text, reason) in [
            (
                format!("A={secret} x"),
                "line 1, character 18: a space inside an unquoted value",
            ),
            (
                format!("\n\nA=\"{secret}"),
                "line 3, character 3: this double quote is never closed",
            ),
            (
                format!("A='{secret}\n\n"),
                "line 1, character 3: this single quote is never closed",
            ),
            (
                format!("A=\"{secret}\n\\q\""),
                "line 2, character 1: not an escape",
            ),
            (
                format!("A={secret}\\"),
                "line 1, character 18: not an escape",
            ),
            (
                format!("A=${{{secret}:-x}}"),
                "line 1, character 3: `${` must be followed",
            ),
            (
                format!("A=${{{secret}"),
                "line 1, character 3: `${` must be followed",
            ),
            (
                format!("{secret} A=1"),
                "line 1, character 17: expected `=`",
            ),
            (
                format!("A=1\n {secret}"),
                "line 2, character 17: expected `=`",
            ),
            (
                format!("ж{secret}=1"),
                "line 1, character 1: a name must start",
            ),
            (
                format!("export {secret}"),
                "line 1, character 23: expected `=`",
            ),
            (
                "export".to_owned(),
                "line 1, character 7: a name must start",
            ),
        ] {
            let e = error(&text);
            assert!(e.starts_with(reason), "{text:?}: {e}");
            assert!(!e.contains("HUNTER"), "{e}");
        }
    }

    #[test]
    fn warnings_are_so_many_at_most() {
        let text: String = (0..150).map(|i| format!("A{i}=${{B{i}}}\n")).collect();
        let warnings = warnings(&text);
        assert_eq!(warnings.len(), WARNING_LIMIT + 1);
        assert_eq!(
            warnings[WARNING_LIMIT],
            ".env: .env: 50 more warnings like these are not listed"
        );
    }

    #[test]
    fn references_cannot_grow_a_file_without_end() {
        let mut text = format!("A0={}\n", "x".repeat(1000));
        for i in 1..5 {
            text.push_str(&format!("A{i}={}\n", format!("${{A{}}}", i - 1).repeat(10)));
        }
        let e = error(&text);
        assert!(e.contains("references copy more than 8 MiB"), "{e}");
    }

    /// dotenvy's reading of the same files, for the cases where the two agree: the format
    /// as it was before the parser was the crate's own.
    #[test]
    fn reads_as_dotenvy_does() {
        let corpus = [
            "A=1\nB=2\n",
            "A=1\r\nB=2\r\n",
            "# comment\n\n  \nA=1\n",
            "A = 1\n",
            "A=  1  \n",
            "A=1 # comment\n",
            "A=1\t# comment\n",
            "A=1#not a comment\n",
            "A=\n",
            "A=   \n",
            "A= # comment\n",
            "A=#comment\n",
            "export A=1\n",
            "export   A=1\n",
            "export\tA=1\n",
            "export=1\n",
            "export = 1\n",
            "A.B=1\n",
            "_A=1\n",
            "A='single quoted'\n",
            "A='a $B \\n \"x\" # c'\n",
            "A=\"double quoted\"\n",
            "A=\"a\\nb\"\n",
            "A=\"a \\\" \\\\ \\$ \\' \\  b\"\n",
            "A=\"multi\nline\nvalue\"\nB=2\n",
            "A='multi\nline'\nB=2\n",
            "A=\"a\"'b'c\n",
            "A=s\\ ix\n",
            "A=\"a\" # comment\n",
            "A=\"a\"#b\n",
            "A=1\nB=${A}\n",
            "A=1\nB=x${A}y\n",
            "A=1\nB=\"${A} and ${A}\"\n",
            "A=1\nB='${A}'\n",
            "A=1\nB=\\$A\n",
            "A=1\nB=\"\\${A}\"\n",
            "A=1\nB=$A\n",
            "A=1\nB=$A/x\n",
            "A=1\nB=\"$A x\"\n",
            "B=${ATTACHED_NOT_SET_X}\n",
            "A=1\nA=2\nB=${A}\n",
            "B=${A}\nA=1\n",
            "A=x\u{c}y\n",
            "A=\u{a0}x\u{a0}\n",
            "A=ж\n",
            "A=1",
            "A=\"1\"",
            // Errors in both.
            "A=a b\n",
            "A='a\n",
            "A=\"a\n",
            "A=\"\\q\"\n",
            "A=\\q\n",
            "1A=1\n",
            "A 1\n",
            "A\n",
            "export A\n",
            "=1\n",
            "A=${B\n",
        ];
        // dotenvy reads a reference from the process environment first.
        let set = ["A", "B", "ATTACHED_NOT_SET_X"]
            .iter()
            .any(|name| std::env::var_os(name).is_some());
        for text in corpus {
            if set && text.contains('$') {
                continue;
            }
            let mine = parse(text, ".env").map(|p| {
                let mut v: Vec<_> = p.vars.into_iter().map(|(n, (v, _))| (n, v)).collect();
                v.sort();
                v
            });
            let theirs: Result<Vec<_>, _> = dotenvy::from_read_iter(text.as_bytes()).collect();
            let theirs = theirs.map(|pairs| {
                let mut map = std::collections::BTreeMap::new();
                map.extend(pairs);
                map.into_iter().collect::<Vec<_>>()
            });
            match (&mine, &theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
                (Err(_), Err(_)) => {}
                _ => panic!(
                    "{text:?}: {mine:?} but dotenvy {:?}",
                    theirs.map_err(|e| e.to_string())
                ),
            }
        }
    }
}
