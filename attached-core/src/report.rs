//! `Report`: every problem found in one load, each naming its variable.

use crate::show::Line;
use std::fmt;
use std::path::PathBuf;

/// Everything wrong with the configuration, found in one pass: a person fixes all of it
/// with one restart, not one variable per restart.
///
/// `Display` and `Debug` print the same readable list, one problem a line, each starting
/// with the exact variable name, so `fn main() -> Result<(), attached::Report>` shows
/// something an operator can act on. The list is also there as data:
/// [`problems`](Report::problems).
///
/// A `Report` never contains the text of a secret: a problem with a secret's value says
/// what is wrong with its shape, not what it was.
#[derive(Clone, PartialEq, Eq)]
pub struct Report {
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

/// One thing wrong with one variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    variable: String,
    field: String,
    kind: ProblemKind,
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// Required, and not set.
    Missing {
        /// What the value must look like.
        expected: String,
        /// The first line of the field's doc comment, if it has one.
        description: Option<String>,
    },
    /// Required, and set to the empty string, which counts as not set.
    Empty {
        /// What the value must look like.
        expected: String,
    },
    /// Set, but not a valid value.
    Invalid {
        /// What the value must look like.
        expected: String,
        /// What is wrong with it.
        reason: String,
        /// The text as given, with credentials masked; `None` for a secret.
        shown: Option<String>,
    },
    /// Set, but not valid Unicode.
    NotUnicode,
    /// Both `NAME` and `NAME_FILE` are set.
    BothSet {
        /// The `NAME_FILE` variable.
        file_variable: String,
    },
    /// The file named by `NAME_FILE` could not be used.
    File {
        /// The `NAME_FILE` variable.
        file_variable: String,
        /// The path it held; `None` when it does not look like a path, since it may then
        /// be a secret set in `NAME_FILE` by mistake.
        path: Option<PathBuf>,
        /// Why the file could not be used.
        reason: String,
    },
    /// Two fields read the same variable.
    Conflict {
        /// The other field.
        other_field: String,
    },
    /// A variable under the config's prefix that no field reads.
    Unknown {
        /// A field's variable with a name close to this one.
        suggestion: Option<String>,
    },
    /// A `.env` file that could not be read, or a line of one that deserves a warning.
    DotEnv {
        /// What went wrong.
        reason: String,
    },
    /// Something about a valid value that an operator should know, from its type's
    /// [`Value::warnings`](crate::Value::warnings): an unknown connection parameter,
    /// credentials that would be sent in clear.
    Warning {
        /// What the type said, naming a parameter, never its value.
        message: String,
    },
}

impl Problem {
    /// A problem with `variable`, read by the field at `field` (a path such as `smtp.port`).
    pub fn new(variable: impl Into<String>, field: impl Into<String>, kind: ProblemKind) -> Self {
        Problem {
            variable: variable.into(),
            field: field.into(),
            kind,
        }
    }

    /// The variable's exact name, prefix included.
    pub fn variable(&self) -> &str {
        &self.variable
    }

    /// The path of the field that reads it (`smtp.port`), empty for a variable no field
    /// reads.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong.
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }
}

/// Every text from the environment or from user code is written with its control
/// characters escaped, so a problem keeps to its line.
// Written piece by piece, each untrusted text through `Line`, rather than with one
// `write!` per case: the same text, for less code to compile.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Line(&self.variable).fmt(f)?;
        if !self.field.is_empty() {
            f.write_str(" (field `")?;
            f.write_str(&self.field)?;
            f.write_str("`)")?;
        }
        f.write_str(": ")?;
        match &self.kind {
            ProblemKind::Missing {
                expected,
                description,
            } => {
                f.write_str("required but not set; expected ")?;
                f.write_str(expected)?;
                if let Some(d) = description {
                    f.write_str(" — ")?;
                    Line(d).fmt(f)?;
                }
                Ok(())
            }
            ProblemKind::Empty { expected } => {
                f.write_str(
                    "required but set to the empty string, which counts as not set; expected ",
                )?;
                f.write_str(expected)
            }
            ProblemKind::Invalid {
                expected,
                reason,
                shown,
            } => {
                match shown {
                    Some(text) => write!(f, "invalid value {text:?}: ")?,
                    None => f.write_str("invalid value: ")?,
                }
                Line(reason).fmt(f)?;
                f.write_str("; expected ")?;
                f.write_str(expected)
            }
            ProblemKind::NotUnicode => f.write_str("not valid Unicode text"),
            ProblemKind::BothSet { file_variable } => {
                f.write_str("set together with ")?;
                Line(file_variable).fmt(f)?;
                f.write_str("; set one of them, not both")
            }
            ProblemKind::File {
                file_variable,
                path,
                reason,
            } => {
                match path {
                    Some(path) => {
                        f.write_str("cannot use the file ")?;
                        Line(&path.display().to_string()).fmt(f)?;
                        f.write_str(" named by ")?;
                        Line(file_variable).fmt(f)?;
                        f.write_str(": ")?;
                    }
                    None => {
                        f.write_str("cannot use the file named by ")?;
                        Line(file_variable).fmt(f)?;
                        f.write_str(" (its value is not shown: it does not look like a path): ")?;
                    }
                }
                Line(reason).fmt(f)
            }
            ProblemKind::Conflict { other_field } => {
                f.write_str("also read by the field `")?;
                f.write_str(other_field)?;
                f.write_str("`; give one of them another name with `env` or `prefix`")
            }
            ProblemKind::Unknown { suggestion } => {
                f.write_str("set, but no field reads it")?;
                if let Some(s) = suggestion {
                    f.write_str("; did you mean `")?;
                    f.write_str(s)?;
                    f.write_str("`?")?;
                }
                Ok(())
            }
            ProblemKind::DotEnv { reason } => {
                f.write_str("cannot use this .env file: ")?;
                Line(reason).fmt(f)
            }
            ProblemKind::Warning { message } => Line(message).fmt(f),
        }
    }
}

impl Report {
    /// A report of these problems and warnings.
    pub fn new(problems: Vec<Problem>, warnings: Vec<Problem>) -> Self {
        Report { problems, warnings }
    }

    /// The problems that stopped the load, in the order of the fields.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Variables under the prefix that no field reads. They did not stop the load unless
    /// the loader was [strict](crate::Loader::strict), in which case they are problems.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// The problem with `variable`, if there is one.
    pub fn problem(&self, variable: &str) -> Option<&Problem> {
        self.problems.iter().find(|p| p.variable == variable)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "invalid configuration: {n} problem{}",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        if !self.warnings.is_empty() {
            f.write_str("\nwarnings:")?;
            for w in &self.warnings {
                write!(f, "\n  - {w}")?;
            }
        }
        Ok(())
    }
}

/// The same readable list as `Display`, so that returning a `Report` from `main` prints it.
impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Report {}

impl From<crate::DotEnvError> for Report {
    fn from(e: crate::DotEnvError) -> Self {
        let variable = e.path().display().to_string();
        let reason = e.reason().to_owned();
        Report::new(
            vec![Problem::new(variable, "", ProblemKind::DotEnv { reason })],
            Vec::new(),
        )
    }
}
