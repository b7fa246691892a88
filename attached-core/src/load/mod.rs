//! The load engine: the context that the derive's generated code calls once per field.
//!
//! The generated `__load` of a struct is a list of calls such as
//! `cx.required(&FIELD, prefix, value::<u16>().parser())`, one per field, followed by the struct
//! literal. The rules of reading — names, `NAME_FILE`, empty values, conflicts, unknown
//! names — live here, once, as ordinary code. What may be shown of a value is not decided
//! here: every problem and every recorded variable asks [`show`](crate::show).

mod claims;
mod file;
mod kubernetes;
mod parse;

pub use file::FILE_LIMIT;
use parse::{Kept, ParserFacts, Slot, ValueFacts};
pub use parse::{Parser, Readable, Validated, list, value, with};

use crate::attach::Service;
use crate::attached::Attached;
use crate::describe::{Requirement, Variable};
use crate::report::{Problem, ProblemKind, Report};
use crate::show::{self, Facts, Secrecy, Verdict};
use crate::source::{Found, Origin, Raw, Source};
use claims::{Claims, Hash};
use std::borrow::Cow;

/// What the generated code knows of a field.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The field's name in Rust.
    pub name: &'static str,
    /// The variable's name after the prefix (the field's name in SCREAMING_SNAKE_CASE), or
    /// the exact name given with `env`. For a `nested` field, the segment that goes
    /// before `_` in the children's prefix, or the exact prefix given with `prefix`.
    pub var: &'static str,
    /// `var` is exact: no prefix goes before it.
    pub exact: bool,
    /// The variable's name under some prefix, that prefix included: `var` under the
    /// struct's own `prefix` (`APP_PORT`), the name a top-level load reads, which then need
    /// not be put together at run time. It always ends with `var`. Unused for an exact or
    /// a `nested` field.
    pub full: &'static str,
    /// `fallback = "NAME"`: exact names read in order when `var` is not set.
    pub fallbacks: &'static [&'static str],
    /// The doc comment.
    pub doc: &'static str,
    /// From the attributes.
    pub secrecy: Secrecy,
    /// Whether the backing service its value names is checked by
    /// [`Loaded::attach`](crate::Loaded::attach); `false` with `#[attached(no_attach)]`.
    pub attach: bool,
    /// `expected = "..."`: what the value looks like, in place of what its parser says.
    pub expected: Option<&'static str>,
    /// For a list (`Vec<T>`), what separates its items (`separator`, `,` by default);
    /// empty for any other field. The `Debug` masks the items together, as the summary
    /// masks the text they were read from.
    pub separator: &'static str,
}

impl Field {
    /// Whether the field reads a name given exactly, not under its struct's prefix: its
    /// own (`env`) or a `fallback`.
    fn names_exactly(&self) -> bool {
        self.exact || !self.fallbacks.is_empty()
    }
}

/// The text of a variable after `NAME`, `NAME_FILE` and the empty rule. Where it came
/// from, for `Empty` and `Text`, is in [`Context::origin`]: an [`Origin`] is most of the
/// size of a [`Found`], and a `Read` carrying one was copied from frame to frame on every
/// field's usual path, where nothing looks at it.
enum Read<'s> {
    Unset,
    /// Set to the empty string (or an empty file), which counts as not set.
    Empty,
    Text(Cow<'s, str>),
    /// A problem was recorded.
    Failed,
}

/// A load that succeeded.
pub(crate) struct Finished<T> {
    pub(crate) value: T,
    pub(crate) warnings: Vec<Problem>,
    /// Empty unless recording.
    pub(crate) variables: Vec<Variable>,
    /// Empty unless recording.
    pub(crate) services: Vec<Service>,
}

/// One field's variable, while it is read.
struct Var<'f> {
    field: &'f Field,
    /// The exact name, prefix included; once read, the name that was set, which may be a
    /// fallback. Borrowed when the name is known whole at compile time (the field's
    /// [`full`](Field::full) or exact name, a fallback), else put together in
    /// [`Context::name_buffer`].
    name: Cow<'static, str>,
    inside_secret: bool,
    inside_secret_name: bool,
}

impl Var<'_> {
    /// Names the variable after the field's fallback `i` (counted from 1; 0 is the field's
    /// own name, which it keeps).
    fn set_fallback(&mut self, i: usize) {
        if let Some(fallback) = i.checked_sub(1).map(|f| self.field.fallbacks[f]) {
            self.name = Cow::Borrowed(fallback);
        }
    }

    /// What the value must look like: the field's `expected`, else its parser's.
    fn expected(&self, parser: &dyn ParserFacts) -> Cow<'static, str> {
        match self.field.expected {
            Some(expected) => Cow::Borrowed(expected),
            None => parser.expected_text(),
        }
    }

    fn verdict(&self, parser: &dyn ParserFacts) -> Verdict {
        // Not generic: the rest of a load's bookkeeping is compiled once, not once per
        // field type.
        show::verdict(Facts {
            secrecy: self.field.secrecy,
            var: self.field.var,
            fallbacks: self.field.fallbacks,
            secret_type: parser.secret_type(),
            credentials_type: parser.credentials_type(),
            opaque_type: parser.opaque_type(),
            inside_secret: self.inside_secret,
            inside_secret_name: self.inside_secret_name,
        })
    }
}

/// The state of one load: the source, the problems and warnings so far, and (for the
/// summary and the docs) every variable looked at.
#[doc(hidden)]
pub struct Context<'s> {
    source: &'s dyn Source,
    problems: Vec<Problem>,
    /// What valid values had to say (unknown connection parameters, ...).
    warnings: Vec<Problem>,
    /// Unknown names and value warnings are looked for: when the result is kept in full
    /// (a `Loader`), or when they stop the load (`strict`).
    thorough: bool,
    strict: bool,
    /// Nothing is read: the load only finds out whether some field reads a name outside
    /// the top-level prefix ([`reads_outside_prefix`]).
    probing: bool,
    /// While probing: some field does.
    outside: bool,
    /// The source may hold a name ending in `_FILE`: look for each field's `NAME_FILE`.
    file_forms: bool,
    /// Every variable read — each field's `NAME`, which stands for its `NAME_FILE` too —
    /// with the path of the field that reads it: for conflicts and unknown names.
    claims: Claims,
    /// The plain fields of the top-level struct claimed so far, not yet in `claims` (see
    /// [`Context::claim`]): their variable (after the prefix) and their name.
    plain: Vec<(&'static str, &'static str)>,
    /// The top-level struct's prefix, once a plain field is claimed.
    plain_prefix: String,
    /// Every name read so far is in `claims`: from the first field that is not plain on.
    all_claimed: bool,
    /// The text of the `NAME` of the field being read, lent to its [`Var`] and given back:
    /// one allocation for all the fields of a load, not one each.
    name_buffer: String,
    /// The same for `NAME_FILE`.
    file_buffer: String,
    /// Prefixes under which unknown variables are looked for: every non-empty prefix a
    /// field was read under, the top level's and the nested structs'.
    prefixes: Vec<String>,
    /// The names fields read exactly, with `env` or `fallback`: an unknown name under a
    /// prefix is also compared with them once the prefix is removed.
    exact: Vec<&'static str>,
    /// The address and length of the last prefix looked at: the fields of one struct are
    /// read under the same `&str`, which need not be compared again.
    last_prefix: (usize, usize),
    /// The path of nested fields being read.
    path: Vec<&'static str>,
    /// Inside a nested field marked `secret`.
    secret_depth: usize,
    /// Inside a nested field whose own name looks like a credential's
    /// ([`show::nested_named_secret`]).
    secret_name_depth: usize,
    /// Every variable looked at, for the summary and docs; `None` when only the value is
    /// wanted.
    variables: Option<Vec<Variable>>,
    /// The backing services the values name, when recording.
    services: Vec<Service>,
    /// How many variables were found set so far (`NAME` or `NAME_FILE`, not empty): an
    /// optional nested struct is `None` when none of its own were.
    set: usize,
    /// The problems (by index) that say a variable inside an optional nested struct is
    /// missing: they stand only if some variable of that struct is set.
    optional_missing: Vec<usize>,
    /// How many optional nested structs are being read.
    optional_depth: usize,
    /// Where the text of the last [`Read::Text`] or [`Read::Empty`] came from: taken by
    /// what records it or reports a problem with it, otherwise left for the next read.
    origin: Origin,
}

impl<'s> Context<'s> {
    /// A load from `source` that keeps only the value and the problems.
    pub fn new(source: &'s dyn Source) -> Self {
        Context {
            source,
            problems: Vec::new(),
            warnings: Vec::new(),
            thorough: false,
            strict: false,
            probing: false,
            outside: false,
            file_forms: source.may_hold_file_forms(),
            claims: Claims::default(),
            plain: Vec::new(),
            plain_prefix: String::new(),
            all_claimed: false,
            name_buffer: String::new(),
            file_buffer: String::new(),
            prefixes: Vec::new(),
            exact: Vec::new(),
            last_prefix: (0, 0),
            path: Vec::new(),
            secret_depth: 0,
            secret_name_depth: 0,
            variables: None,
            services: Vec::new(),
            set: 0,
            optional_missing: Vec::new(),
            optional_depth: 0,
            origin: Origin::Unset,
        }
    }

    /// A load that also records a [`Variable`] for every variable looked at, and the
    /// warnings; with `strict`, warnings are problems.
    pub(crate) fn recording(source: &'s dyn Source, strict: bool) -> Self {
        Context {
            thorough: true,
            strict,
            variables: Some(Vec::new()),
            ..Context::new(source)
        }
    }

    /// A load that reads nothing and only finds out whether `T` reads a name outside its
    /// prefix.
    fn probing() -> Self {
        Context {
            probing: true,
            ..Context::new(&NO_SOURCE)
        }
    }

    /// A field that must be set.
    pub fn required<P: Parser>(
        &mut self,
        field: &Field,
        prefix: &str,
        parser: P,
    ) -> Option<P::Out> {
        let mut slot = Kept::new(&parser);
        self.read_field(field, prefix, &mut slot, Requirement::Required);
        slot.out
    }

    /// An `Option<T>` field: `None` when not set.
    pub fn optional<P: Parser>(
        &mut self,
        field: &Field,
        prefix: &str,
        parser: P,
    ) -> Option<Option<P::Out>> {
        let mut slot = Kept::new(&parser);
        let read = self.read_field(field, prefix, &mut slot, Requirement::Optional);
        read.then_some(slot.out)
    }

    /// A field with a `default`. The default is made when the variable is not set, and,
    /// when recording (for the summary and docs), also to show it.
    pub fn or_default<P: Parser>(
        &mut self,
        field: &Field,
        prefix: &str,
        parser: P,
        // A function, not a closure type: the body is compiled once per field type, not
        // once per field.
        default: fn() -> P::Out,
    ) -> Option<P::Out> {
        if self.variables.is_some() {
            return self.or_default_recorded(field, prefix, &parser, default);
        }
        // Not recording, a field with a default reads as an optional one.
        let mut slot = Kept::new(&parser);
        if !self.read_field(field, prefix, &mut slot, Requirement::Optional) {
            return None;
        }
        Some(slot.out.unwrap_or_else(default))
    }

    /// Reads, parses and records one field into `slot`; `false` when a problem was
    /// recorded (not set when required, refused, ...). When it is `true`, the slot holds
    /// the value, or nothing when the field is not required and its variable not set.
    ///
    /// Every field's usual path, compiled once: the generic functions above only make the
    /// slot for their parser's type and take the value out of it. As one copy per field
    /// type, this path made a load's code outgrow the processor's instruction cache
    /// (BENCHMARKS.md, "Run time: the third round").
    fn read_field(
        &mut self,
        field: &Field,
        prefix: &str,
        slot: &mut dyn Slot,
        requirement: Requirement,
    ) -> bool {
        if self.probing {
            self.outside |= field.names_exactly();
            return false;
        }
        let mut var = self.var(field, prefix);
        let read = match self.read(&mut var) {
            Read::Text(text) => self.parse_set(&var, slot, &text, requirement),
            Read::Unset | Read::Empty if requirement != Requirement::Required => {
                self.record(&var, slot.parser(), requirement, Origin::Unset, None);
                true
            }
            Read::Unset => {
                self.missing(&var, slot.parser(), &Origin::Unset);
                self.record(&var, slot.parser(), requirement, Origin::Unset, None);
                false
            }
            Read::Empty => {
                let origin = self.take_origin();
                self.missing(&var, slot.parser(), &origin);
                self.record(&var, slot.parser(), requirement, origin, None);
                false
            }
            Read::Failed => false,
        };
        self.done(var);
        read
    }

    /// [`or_default`](Self::or_default) when recording: the default is also shown.
    #[inline(never)]
    fn or_default_recorded<P: Parser>(
        &mut self,
        field: &Field,
        prefix: &str,
        parser: &P,
        default: fn() -> P::Out,
    ) -> Option<P::Out> {
        let mut var = self.var(field, prefix);
        let read = self.read(&mut var);
        // The default in a slot of its own, to be shown as a value read would be.
        let fallback = Kept {
            parser,
            out: Some(default()),
        };
        let text = fallback.out.as_ref().and_then(|value| parser.render(value));
        let shown_default = text.as_deref().map(|text| shown(&var, &fallback, text));
        // A secret's default is not described, not even as `***`: docs say "has a default".
        let described = shown_default
            .clone()
            .filter(|_| !var.verdict(parser).secret);
        let requirement = Requirement::Default(described);
        let value = match read {
            Read::Text(text) => {
                let mut slot = Kept::new(parser);
                self.parse_set(&var, &mut slot, &text, requirement);
                slot.out
            }
            Read::Unset | Read::Empty => {
                self.services_of(&var, &fallback);
                self.record(&var, parser, requirement, Origin::Default, shown_default);
                fallback.out
            }
            Read::Failed => None,
        };
        self.done(var);
        value
    }

    /// A `nested` field: the struct `T`, read under the prefix the field gives it.
    pub fn nested<T: Attached>(&mut self, field: &Field, prefix: &str) -> Option<T> {
        if self.probing {
            self.outside |= field.exact;
            return T::__load(self, prefix);
        }
        let child = if field.exact {
            field.var.to_owned()
        } else {
            format!("{prefix}{}_", field.var)
        };
        let secret = field.secrecy == Secrecy::Secret;
        let named = show::nested_named_secret(field);
        self.path.push(field.name);
        self.secret_depth += usize::from(secret);
        self.secret_name_depth += usize::from(named);
        let value = T::__load(self, &child);
        // `child` is dropped here: another prefix may come at its address.
        self.last_prefix = (0, 0);
        self.secret_depth -= usize::from(secret);
        self.secret_name_depth -= usize::from(named);
        self.path.pop();
        value
    }

    /// An `Option` of a `nested` struct: `None` when none of its variables is set (empty
    /// counts as not set), the struct when it reads, and otherwise the problems of the
    /// struct, each variable it requires and lacks among them.
    ///
    /// Its variables are read as for a `nested` field; those it requires are described
    /// as optional when it is `None`, since the whole struct may be left out.
    pub fn nested_option<T: Attached>(&mut self, field: &Field, prefix: &str) -> Option<Option<T>> {
        let set_before = self.set;
        let problems_before = self.problems.len();
        let missing_before = self.optional_missing.len();
        let variables_before = self.variables.as_ref().map_or(0, Vec::len);
        let services_before = self.services.len();
        self.optional_depth += 1;
        let value = self.nested::<T>(field, prefix);
        self.optional_depth -= 1;
        let missing = self.optional_missing.split_off(missing_before);
        if self.set > set_before {
            let name = self.path_of(field);
            for index in missing {
                self.explain_partly_set(index, &name);
            }
            return value.map(Some);
        }
        // Nothing set: the struct is left out, and its missing variables are not problems.
        for index in missing.into_iter().rev() {
            self.problems.remove(index);
        }
        self.services.truncate(services_before);
        if let Some(variables) = &mut self.variables {
            for variable in &mut variables[variables_before..] {
                if variable.requirement == Requirement::Required {
                    variable.requirement = Requirement::Optional;
                }
                // The struct is `None`: its defaults are not used, and the summary does not
                // list them as values. The docs still describe them (`requirement`).
                if variable.origin == Origin::Default {
                    variable.origin = Origin::Unset;
                    variable.shown = None;
                }
            }
        }
        // Another problem (two fields reading one variable) still stands.
        (self.problems.len() == problems_before).then_some(None)
    }

    /// Adds to a missing variable's problem why it is required: the optional struct at
    /// `path` is partly set.
    fn explain_partly_set(&mut self, index: usize, path: &str) {
        let problem = &self.problems[index];
        let ProblemKind::Missing {
            expected,
            description,
        } = problem.kind()
        else {
            return;
        };
        let why = format!(
            "required because `{path}` is partly set: set all of its required variables, or none"
        );
        let description = match description {
            Some(d) => format!("{}; {why}", d.trim_end_matches('.')),
            None => why,
        };
        let kind = ProblemKind::Missing {
            expected: expected.clone(),
            description: Some(description),
        };
        self.problems[index] = Problem::new(problem.variable(), problem.field(), kind);
    }

    /// Ends the load: the value and the warnings if no field failed, else the report.
    /// Variables under a prefix that no field reads are warnings, or problems with
    /// `strict`; they are looked for when the load is thorough, and when it failed (a
    /// misspelt name is the usual cause of a missing one). So are the warnings of the
    /// source itself and of the values.
    pub(crate) fn finish<T>(mut self, value: Option<T>) -> Result<Finished<T>, Report> {
        let failed = value.is_none() || !self.problems.is_empty();
        let mut warnings = std::mem::take(&mut self.warnings);
        if self.thorough || failed {
            self.claim_plain();
            self.source.warnings(&mut |w| warnings.push(w));
            warnings.extend(self.unknown());
        }
        let mut problems = std::mem::take(&mut self.problems);
        if self.strict {
            problems.append(&mut warnings);
        }
        match value {
            Some(value) if problems.is_empty() => Ok(Finished {
                value,
                warnings,
                variables: self.variables.unwrap_or_default(),
                services: self.services,
            }),
            _ => Err(Report::new(problems, warnings)),
        }
    }

    /// Ends a load that only describes: the variables recorded.
    pub(crate) fn into_variables(self) -> Vec<Variable> {
        self.variables.unwrap_or_default()
    }

    /// The variable of a field read under `prefix`; notes the prefix for unknown names.
    #[inline]
    fn var<'f>(&mut self, field: &'f Field, prefix: &str) -> Var<'f> {
        let this = (prefix.as_ptr() as usize, prefix.len());
        if this != self.last_prefix {
            self.last_prefix = this;
            if !prefix.is_empty() && !self.prefixes.iter().any(|p| p == prefix) {
                self.prefixes.push(prefix.to_owned());
            }
        }
        let name = if field.exact {
            Cow::Borrowed(field.var)
        } else if field.full.len() == prefix.len() + field.var.len()
            && field.full.starts_with(prefix)
        {
            // `full` is the struct's own prefix and `var`: read under that prefix, it is
            // the name.
            Cow::Borrowed(field.full)
        } else {
            let mut name = std::mem::take(&mut self.name_buffer);
            name.clear();
            // Room for the longest name of most configurations, and `_FILE`: grown once.
            name.reserve(64.max(prefix.len() + field.var.len()));
            name.push_str(prefix);
            name.push_str(field.var);
            Cow::Owned(name)
        };
        Var {
            field,
            name,
            inside_secret: self.secret_depth > 0,
            inside_secret_name: self.secret_name_depth > 0,
        }
    }

    /// Ends the reading of a field: its name's buffer goes back for the next.
    fn done(&mut self, var: Var<'_>) {
        if let Cow::Owned(name) = var.name {
            self.name_buffer = name;
        }
    }

    fn path_of(&self, field: &Field) -> String {
        let mut path = String::new();
        for part in self.path.iter().chain(std::iter::once(&field.name)) {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(part);
        }
        path
    }

    fn problem(&mut self, var: &Var<'_>, variable: &str, kind: ProblemKind) {
        let path = self.path_of(var.field);
        self.problems.push(Problem::new(variable, path, kind));
    }

    /// Parses the text of a variable that was set into `slot`, and records it when
    /// recording; `false` when the text was refused (a problem is recorded). A refusal is
    /// recorded as a problem saying what [`show::invalid`] allows; warnings about a valid
    /// value are kept when the load is thorough.
    #[inline]
    fn parse_set(
        &mut self,
        var: &Var<'_>,
        slot: &mut dyn Slot,
        text: &str,
        requirement: Requirement,
    ) -> bool {
        let parsed = match slot.parse(text) {
            Ok(()) => {
                if self.variables.is_some() || self.thorough {
                    if let Some(value) = slot.value() {
                        self.parsed(var, value, text);
                    }
                }
                true
            }
            Err(rejection) => {
                self.rejected(var, slot.parser(), text, rejection);
                false
            }
        };
        if self.variables.is_some() {
            let origin = self.take_origin();
            self.record_read(var, slot, requirement, origin, text);
        }
        parsed
    }

    /// What a valid value adds when recording (its services) or when the load is thorough
    /// (its warnings).
    #[inline(never)]
    fn parsed(&mut self, var: &Var<'_>, value: &dyn ValueFacts, text: &str) {
        self.services_of(var, value);
        if self.thorough {
            let mut messages = Vec::new();
            value.warnings(&mut |message| messages.push(message));
            if !messages.is_empty() {
                let verdict = var.verdict(value.parser());
                for message in &mut messages {
                    *message = show::warning(verdict, text, std::mem::take(message));
                }
            }
            self.value_warnings(var, messages);
        }
    }

    /// Records a refused value. Whether it came from a file is read in
    /// [`Context::origin`], which stays there for the record of the variable.
    #[cold]
    #[inline(never)]
    fn rejected(
        &mut self,
        var: &Var<'_>,
        parser: &dyn ParserFacts,
        text: &str,
        rejection: show::Rejection,
    ) {
        let verdict = var.verdict(parser);
        let expected = var.expected(parser);
        let from_file = matches!(self.origin, Origin::File { .. });
        self.invalid(var, verdict, expected, text, from_file, rejection);
    }

    /// Keeps where the text just read came from, in place of the last one. Most origins
    /// (the environment, a map) own nothing: they are let go without the call that
    /// drops an `Origin`, which a field's usual path would otherwise make once a field.
    #[inline]
    fn set_origin(&mut self, origin: Origin) {
        let last = std::mem::replace(&mut self.origin, origin);
        if last.owns_nothing() {
            std::mem::forget(last);
        }
    }

    /// The origin of the last text read, leaving [`Origin::Unset`] in its place.
    fn take_origin(&mut self) -> Origin {
        std::mem::replace(&mut self.origin, Origin::Unset)
    }

    /// Records what a valid value had to say, as warnings naming its variable.
    fn value_warnings(&mut self, var: &Var<'_>, messages: Vec<String>) {
        if messages.is_empty() {
            return;
        }
        let path = self.path_of(var.field);
        for message in messages {
            self.warnings.push(Problem::new(
                var.name.clone(),
                path.clone(),
                ProblemKind::Warning { message },
            ));
        }
    }

    /// Records a value that did not parse, saying what [`show::invalid`] allows.
    fn invalid(
        &mut self,
        var: &Var<'_>,
        verdict: Verdict,
        expected: Cow<'static, str>,
        text: &str,
        from_file: bool,
        rejection: show::Rejection,
    ) {
        let (reason, shown) = show::invalid(verdict, text, from_file, rejection);
        let reason = match kubernetes::hint(&var.name, text) {
            Some(hint) => format!("{reason}; {hint}"),
            None => reason,
        };
        let kind = ProblemKind::Invalid {
            expected: expected.into_owned(),
            reason,
            shown,
        };
        self.problem(var, &var.name, kind);
    }

    /// Looks the variable up as `NAME` and `NAME_FILE`, applying the empty rule, then each
    /// of the field's fallbacks in order while none is set. `var.name` becomes the name
    /// that was set (or empty, when one was), for the problem and the summary; it stays
    /// the field's own name when none was.
    #[inline]
    fn read(&mut self, var: &mut Var<'_>) -> Read<'s> {
        let fallbacks = var.field.fallbacks;
        if !self.claim(var, &var.name) {
            return Read::Failed;
        }
        for fallback in fallbacks {
            if !self.claim(var, fallback) {
                return Read::Failed;
            }
        }
        if var.field.names_exactly() {
            self.note_exact(var.field);
        }
        if fallbacks.is_empty() {
            // Most fields: one name, and nothing to choose between.
            self.read_name(var, &var.name)
        } else {
            self.read_fallbacks(var)
        }
    }

    /// [`Context::read`] of a field with fallbacks: its own name (0), then its fallbacks
    /// (1, 2, ...), through one call of `read_name`, inlined here: its `Read` does not go
    /// through memory.
    #[inline(never)]
    fn read_fallbacks(&mut self, var: &mut Var<'_>) -> Read<'s> {
        let fallbacks = var.field.fallbacks;
        let mut empty = None;
        for i in 0..=fallbacks.len() {
            let name = if i == 0 { &var.name } else { fallbacks[i - 1] };
            match self.read_name(var, name) {
                Read::Unset => {}
                Read::Empty => {
                    let origin = self.take_origin();
                    empty.get_or_insert((i, origin));
                }
                read => {
                    var.set_fallback(i);
                    return read;
                }
            }
        }
        match empty {
            Some((i, origin)) => {
                var.set_fallback(i);
                self.origin = origin;
                Read::Empty
            }
            None => Read::Unset,
        }
    }

    /// Looks up one name as `NAME` and `NAME_FILE`, applying the empty rule.
    #[inline(always)]
    fn read_name(&mut self, var: &Var<'_>, name: &str) -> Read<'s> {
        let source: &'s dyn Source = self.source;
        let direct = source.get(name);
        let file = if self.file_forms {
            let mut file_name = std::mem::take(&mut self.file_buffer);
            file_name.clear();
            file_name.reserve(64.max(name.len() + 5));
            file_name.push_str(name);
            file_name.push_str("_FILE");
            let file = source.get(&file_name);
            self.file_buffer = file_name;
            file
        } else {
            None
        };
        let is_set =
            |found: &Option<Found<'s>>| found.as_ref().is_some_and(|f| f.raw != Raw::Text(""));
        let set = (is_set(&direct), is_set(&file));
        if set.0 || set.1 {
            self.set += 1;
        }
        match set {
            // Neither set, or one of them empty, which counts as not set.
            (false, false) => match direct.or(file) {
                Some(found) => {
                    self.set_origin(found.origin);
                    Read::Empty
                }
                None => Read::Unset,
            },
            (true, true) => {
                let kind = ProblemKind::BothSet {
                    file_variable: file_form(name),
                };
                self.problem(var, name, kind);
                Read::Failed
            }
            (true, false) => match direct {
                Some(Found {
                    raw: Raw::Text(text),
                    origin,
                }) => {
                    self.set_origin(origin);
                    Read::Text(Cow::Borrowed(text))
                }
                _ => {
                    self.problem(var, name, ProblemKind::NotUnicode);
                    Read::Failed
                }
            },
            (false, true) => match file {
                Some(Found {
                    raw: Raw::Text(path),
                    origin: via,
                }) => self.read_file(var, name, file_form(name), path, via),
                _ => {
                    self.problem(var, &file_form(name), ProblemKind::NotUnicode);
                    Read::Failed
                }
            },
        }
    }

    /// Notes that the field reads `name` (its own, or a fallback) and its `NAME_FILE`;
    /// `false`, with a problem recorded, when another field already reads either, as its
    /// `NAME` or its `NAME_FILE`. Only `NAME`s are kept: one entry a name.
    ///
    /// A plain field of the top-level struct (not nested, no exact name, no fallbacks) is
    /// only noted: the derive has checked that no two fields of one struct read the same
    /// variable or one the other's `NAME_FILE`, and all of them are read under the same
    /// prefix here, so they cannot conflict with each other. They are claimed in full when
    /// the first other field comes, which might conflict with one of them, and before
    /// unknown names are looked for: a flat configuration claims nothing, which is most of
    /// what this costs.
    #[inline]
    fn claim(&mut self, var: &Var<'_>, name: &str) -> bool {
        let field = var.field;
        if self.all_claimed || !self.path.is_empty() || field.names_exactly() {
            return self.claim_in_full(var, name);
        }
        if self.plain.is_empty() {
            self.note_plain_prefix(var);
        }
        self.plain.push((field.var, field.name));
        true
    }

    /// Keeps the prefix of the first plain field, which every plain field is read under.
    #[cold]
    #[inline(never)]
    fn note_plain_prefix(&mut self, var: &Var<'_>) {
        self.plain.reserve(32);
        let prefix = &var.name[..var.name.len() - var.field.var.len()];
        self.plain_prefix.push_str(prefix);
    }

    /// [`Context::claim`] of a field that is not plain, or of any field once one was not:
    /// the plain fields noted so far are claimed first.
    #[inline(never)]
    fn claim_in_full(&mut self, var: &Var<'_>, name: &str) -> bool {
        if !self.all_claimed {
            self.claim_plain();
        }
        let hash = Hash::of(name);
        let claims = &self.claims;
        let conflict = match claims.get(hash, name).or_else(|| {
            let base = name.strip_suffix("_FILE")?;
            claims.get(Hash::of(base), base)
        }) {
            Some(other) => Some((name.to_owned(), other.to_owned())),
            None => claims
                .get_file_form(name)
                .map(|other| (file_form(name), other.to_owned())),
        };
        if let Some((variable, other_field)) = conflict {
            self.problem(var, &variable, ProblemKind::Conflict { other_field });
            return false;
        }
        self.claims.insert(hash, name, &self.path, var.field.name);
        true
    }

    /// Notes the names `field` reads exactly, for unknown names.
    #[inline(never)]
    fn note_exact(&mut self, field: &Field) {
        if field.exact {
            self.exact.push(field.var);
        }
        self.exact.extend_from_slice(field.fallbacks);
    }

    /// Claims the plain fields noted by [`Context::claim`]; from now on every field is
    /// claimed as it is read.
    fn claim_plain(&mut self) {
        self.all_claimed = true;
        // Once a load at most: a buffer of its own.
        let mut name = String::new();
        for (var, field) in std::mem::take(&mut self.plain) {
            name.clear();
            name.push_str(&self.plain_prefix);
            name.push_str(var);
            self.claims.insert(Hash::of(&name), &name, &[], field);
        }
    }

    /// Whether a field reads `variable`, as its `NAME` or its `NAME_FILE`.
    fn is_read(&self, variable: &str) -> bool {
        let read = |name: &str| self.claims.get(Hash::of(name), name).is_some();
        read(variable) || variable.strip_suffix("_FILE").is_some_and(read)
    }

    /// The contents of the file named by `NAME_FILE`, less one trailing newline.
    fn read_file(
        &mut self,
        var: &Var<'_>,
        name: &str,
        file_variable: String,
        path: &str,
        via: Origin,
    ) -> Read<'s> {
        let path = std::path::PathBuf::from(path);
        match file::read(&path) {
            Ok(text) => {
                self.origin = Origin::File {
                    variable: file_variable,
                    path,
                    via: Box::new(via),
                };
                if text.is_empty() {
                    Read::Empty
                } else {
                    Read::Text(Cow::Owned(text))
                }
            }
            Err(reason) => {
                let kind = ProblemKind::File {
                    file_variable,
                    path: show::path(&path).map(ToOwned::to_owned),
                    reason,
                };
                self.problem(var, name, kind);
                Read::Failed
            }
        }
    }

    /// Records that a required variable is not set, or empty where `origin` says.
    #[cold]
    #[inline(never)]
    fn missing(&mut self, var: &Var<'_>, parser: &dyn ParserFacts, origin: &Origin) {
        let expected = var.expected(parser).into_owned();
        self.missing_text(var, expected, origin);
    }

    fn missing_text(&mut self, var: &Var<'_>, expected: String, origin: &Origin) {
        let kind = match origin {
            Origin::Unset => {
                let description = var
                    .field
                    .doc
                    .lines()
                    .next()
                    .map(str::trim)
                    .filter(|d| !d.is_empty());
                let fallbacks = match var.field.fallbacks {
                    [] => None,
                    [one] => Some(format!("its fallback {one} is not set either")),
                    several => Some(format!(
                        "its fallbacks {} are not set either",
                        several.join(", ")
                    )),
                };
                let description = match (description, fallbacks) {
                    (Some(d), Some(f)) => Some(format!("{}; {f}", d.trim_end_matches('.'))),
                    (d, f) => f.or(d.map(str::to_owned)),
                };
                ProblemKind::Missing {
                    expected,
                    description,
                }
            }
            Origin::File { variable, path, .. } => ProblemKind::File {
                file_variable: variable.clone(),
                path: show::path(path).map(ToOwned::to_owned),
                reason: format!("the file is empty, which counts as not set; expected {expected}"),
            },
            _ => ProblemKind::Empty { expected },
        };
        if self.optional_depth > 0 {
            self.optional_missing.push(self.problems.len());
        }
        self.problem(var, &var.name, kind);
    }

    /// Notes the backing services a value names, when recording and the field is not
    /// `no_attach`: one for a value, one per item of a list (`field[0]`, `field[1]`, ...).
    fn services_of(&mut self, var: &Var<'_>, value: &dyn ValueFacts) {
        if self.variables.is_none() || !var.field.attach {
            return;
        }
        let mut found = Vec::new();
        value.endpoints(&mut |endpoints| found.push(endpoints));
        self.push_services(var, value.parser(), found);
    }

    /// The services of `var`'s value; a secret value's hosts print as `***`
    /// ([`Host::is_hidden`](crate::Host::is_hidden)): they are part of it.
    fn push_services(
        &mut self,
        var: &Var<'_>,
        parser: &dyn ParserFacts,
        found: Vec<crate::attach::Endpoints>,
    ) {
        let path = self.path_of(var.field);
        let several = found.len() > 1;
        let secret = var.verdict(parser).secret;
        for (i, mut endpoints) in found.into_iter().enumerate() {
            if let (true, crate::attach::Endpoints::Hosts(hosts)) = (secret, &mut endpoints) {
                for host in hosts {
                    host.hide();
                }
            }
            let field = if several {
                format!("{path}[{i}]")
            } else {
                path.clone()
            };
            self.services
                .push(Service::new(var.name.clone(), field, endpoints));
        }
    }

    /// Records a variable read from `text` for the summary and docs, shown as [`shown`]
    /// says: its value when it parsed, else nothing. Called only when recording.
    #[inline(never)]
    fn record_read(
        &mut self,
        var: &Var<'_>,
        slot: &dyn Slot,
        requirement: Requirement,
        origin: Origin,
        text: &str,
    ) {
        let shown = slot.value().map(|value| shown(var, value, text));
        self.record(var, slot.parser(), requirement, origin, shown);
    }

    /// Records a variable for the summary and docs, when recording, shown as `shown`. Out
    /// of line, and not generic: it is called on the paths of a field that are not its
    /// usual one (not set, empty, a default) and when recording.
    #[inline(never)]
    fn record(
        &mut self,
        var: &Var<'_>,
        parser: &dyn ParserFacts,
        requirement: Requirement,
        origin: Origin,
        shown: Option<String>,
    ) {
        if self.variables.is_none() {
            return;
        }
        let verdict = var.verdict(parser);
        let expected = var.expected(parser);
        self.push_variable(var, verdict, expected, requirement, origin, shown);
    }

    fn push_variable(
        &mut self,
        var: &Var<'_>,
        verdict: Verdict,
        expected: Cow<'static, str>,
        requirement: Requirement,
        origin: Origin,
        shown: Option<String>,
    ) {
        let variable = Variable {
            name: var.name.to_string(),
            field: self.path_of(var.field),
            expected,
            requirement,
            secret: verdict.secret,
            credentials: verdict.credentials,
            public: verdict.public,
            doc: var.field.doc,
            origin,
            shown,
        };
        if let Some(variables) = &mut self.variables {
            variables.push(variable);
        }
    }

    /// Variables under a prefix that no field reads, each with the closest name a field
    /// does read when one is close. Only names: the values are never looked at, and a
    /// name is shown only as [`show::unknown_name`] allows.
    fn unknown(&self) -> Vec<Problem> {
        if self.prefixes.is_empty() {
            return Vec::new();
        }
        // A name may be in several layers of a source: each is reported once, in the
        // order of the names shown. A sorted `Vec`: the list is short, and a map would be
        // one more copy of a std collection in every build.
        let mut found: Vec<(String, Option<String>)> = Vec::new();
        self.source.names(&mut |name| {
            let Some(prefix) = self.prefixes.iter().find(|p| name.starts_with(p.as_str())) else {
                return;
            };
            if !self.is_read(name) && !self.is_service_link(name) {
                let shown = show::unknown_name(name, prefix);
                if let Err(at) = found.binary_search_by(|(known, _)| known.as_str().cmp(&shown)) {
                    found.insert(at, (shown, self.closest(name, prefix)));
                }
            }
        });
        found
            .into_iter()
            .map(|(name, suggestion)| Problem::new(name, "", ProblemKind::Unknown { suggestion }))
            .collect()
    }

    /// Whether `name` is a variable that Kubernetes sets for a service (see
    /// [`kubernetes`]): its value is looked at for its form, never shown.
    fn is_service_link(&self, name: &str) -> bool {
        match self.source.get(name) {
            Some(Found {
                raw: Raw::Text(text),
                ..
            }) => kubernetes::service(name, text).is_some(),
            _ => false,
        }
    }

    /// The variable read by a field whose name is closest to `unknown`, if it is close.
    /// `unknown` is compared whole with every name read, and without `prefix` with the
    /// names read exactly: `BILLING_DATABSE_URL` is the prefix and a typo of
    /// `DATABASE_URL`, read with `env`. Between two as close, the whole name's answer wins.
    fn closest(&self, unknown: &str, prefix: &str) -> Option<String> {
        use crate::suggest::closest_with_distance;
        let known = with_file_forms(self.claims.names());
        let whole = closest_with_distance(unknown, known.iter().map(String::as_str));
        let exact = with_file_forms(self.exact.iter().copied());
        let tail = unknown
            .strip_prefix(prefix)
            .and_then(|tail| closest_with_distance(tail, exact.iter().map(String::as_str)));
        let (_, name) = match (whole, tail) {
            (Some(whole), Some(tail)) if tail.0 < whole.0 => tail,
            (whole, tail) => whole.or(tail)?,
        };
        Some(name.to_owned())
    }
}

/// A source that holds nothing, for a load that reads nothing.
static NO_SOURCE: [(&str, &str); 0] = [];

/// Whether some field of `T` reads a name that does not start with `T`'s prefix: an exact
/// `env` name, a `fallback`, a nested field's exact `prefix`, in `T` or a struct nested in
/// it. Found by running its load with nothing read (a few instructions a field), so that
/// the derive need not name the nested types a second time.
pub(crate) fn reads_outside_prefix<T: Attached>() -> bool {
    if let Some(known) = T::__READS_OUTSIDE_PREFIX {
        return known;
    }
    let mut cx = Context::probing();
    let _ = T::__load(&mut cx, T::PREFIX);
    cx.outside
}

/// Each of `names`, then its `NAME_FILE` form: what an unknown name may be a typo of.
fn with_file_forms<'n>(names: impl Iterator<Item = &'n str>) -> Vec<String> {
    // A loop, not `flat_map`: its adapter is compiled once per iterator type, and large.
    let mut all = Vec::new();
    for name in names {
        all.push(name.to_owned());
        all.push(file_form(name));
    }
    all
}

/// `NAME_FILE`, the variable that names a file holding `NAME`'s value.
fn file_form(name: &str) -> String {
    let mut file_name = String::with_capacity(name.len() + 5);
    file_name.push_str(name);
    file_name.push_str("_FILE");
    file_name
}

/// A value read from `text` as outputs show it ([`show::value`]). Only for a value that
/// parsed: of one that did not, only its problem speaks.
fn shown(var: &Var<'_>, value: &dyn ValueFacts, text: &str) -> String {
    let verdict = var.verdict(value.parser());
    let typed = if verdict.secret {
        None
    } else {
        value.redacted()
    };
    show::value(verdict, typed, text, || value.rendered())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__private::field;

    /// Structs implemented by hand, as the derive would, without its constant: the probe
    /// decides for all of them.
    macro_rules! config {
        ($name:ident, $entry:expr) => {
            struct $name;
            impl Attached for $name {
                const PREFIX: &'static str = "APP_";
                fn __load(cx: &mut Context<'_>, prefix: &str) -> Option<Self> {
                    static ENTRY: Field = $entry;
                    cx.required(&ENTRY, prefix, value::<String>().parser())
                        .map(|_| $name)
                }
            }
        };
        ($name:ident, nested $child:ident, $entry:expr) => {
            struct $name;
            impl Attached for $name {
                const PREFIX: &'static str = "APP_";
                fn __load(cx: &mut Context<'_>, prefix: &str) -> Option<Self> {
                    static ENTRY: Field = $entry;
                    cx.nested::<$child>(&ENTRY, prefix).map(|_| $name)
                }
            }
        };
    }

    config!(Plain, field("host", "HOST"));
    config!(
        Exact,
        Field {
            exact: true,
            ..field("url", "DATABASE_URL")
        }
    );
    config!(
        Fallback,
        Field {
            fallbacks: &["DATABASE_URL"],
            ..field("url", "URL")
        }
    );
    config!(Outer, nested Plain, field("db", "DB"));
    config!(OuterOfExact, nested Exact, field("db", "DB"));
    config!(ExactPrefix, nested Plain, Field { exact: true, ..field("db", "PG_") });

    #[test]
    fn the_probe_finds_names_outside_the_prefix() {
        assert!(!reads_outside_prefix::<Plain>());
        assert!(!reads_outside_prefix::<Outer>());
        assert!(reads_outside_prefix::<Exact>());
        assert!(reads_outside_prefix::<Fallback>());
        assert!(reads_outside_prefix::<OuterOfExact>());
        assert!(reads_outside_prefix::<ExactPrefix>());
    }
}
