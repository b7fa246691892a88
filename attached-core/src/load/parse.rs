//! The parsers that the derive's generated code composes, one per field: a type's
//! [`Value`], a `with` function, a list of either, and a `validate` check after any of
//! them. A parser reads text and says why it refused it; what a problem may show of that
//! is decided by [`show`](crate::show), not here.

use crate::load::Field;
use crate::show::{Rejection, Shown};
use crate::value::Value;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// Turns the text of a variable into a field's value.
#[doc(hidden)]
pub trait Parser {
    /// The value.
    type Out;
    /// Reads the text.
    fn parse(&self, text: &str) -> Result<Self::Out, Rejection>;
    /// What the text must look like.
    fn expected(&self) -> Cow<'static, str>;
    /// Whether every value is secret, whatever the variable is called.
    fn secret(&self) -> bool {
        false
    }
    /// Whether a value may carry credentials inside it (a connection string).
    fn credentials(&self) -> bool {
        false
    }
    /// Whether the values are of a type that only a `with` function reads, which the
    /// library cannot see into ([`WithView`](crate::show::WithView)).
    fn opaque(&self) -> bool {
        false
    }
    /// The value as outputs show it, when its type has a redacted form of its own; `None`
    /// when only its text can be shown (through the masker).
    fn redacted(&self, value: &Self::Out) -> Option<String>;
    /// The text that parses back to `value`, if the type can print it.
    fn render(&self, value: &Self::Out) -> Option<String>;
    /// The text `value` reads as, which outputs check the text it was read from against
    /// (see `show::value`): [`render`](Parser::render), or a `Value` type's own
    /// rendering where the parser is a `with` function's.
    fn read_as(&self, value: &Self::Out) -> Option<String> {
        self.render(value)
    }
    /// What an operator should know about a valid value (see [`Value::warnings`]).
    fn warnings(&self, value: &Self::Out, warn: &mut dyn FnMut(String)) {
        let _ = (value, warn);
    }
    /// The backing services the value names (see [`Value::endpoints`]): one, or one per
    /// item of a list.
    fn endpoints(&self, value: &Self::Out, each: &mut dyn FnMut(crate::attach::Endpoints)) {
        let _ = (value, each);
    }
}

/// What the load engine asks of a parser beyond parsing (a refused or missing value,
/// recording for the summary and docs). It takes it as `&dyn ParserFacts`, so that it is
/// compiled once, not once per field type as the parser's own generic code is.
pub(crate) trait ParserFacts {
    /// [`Parser::expected`].
    fn expected_text(&self) -> Cow<'static, str>;
    /// [`Parser::secret`].
    fn secret_type(&self) -> bool;
    /// [`Parser::credentials`].
    fn credentials_type(&self) -> bool;
    /// [`Parser::opaque`].
    fn opaque_type(&self) -> bool;
}

impl<P: Parser> ParserFacts for P {
    fn expected_text(&self) -> Cow<'static, str> {
        self.expected()
    }
    fn secret_type(&self) -> bool {
        self.secret()
    }
    fn credentials_type(&self) -> bool {
        self.credentials()
    }
    fn opaque_type(&self) -> bool {
        self.opaque()
    }
}

/// A value that parsed, with its parser, as the load engine sees it (see
/// [`ParserFacts`]): a [`Kept`] value, or a default.
pub(crate) trait ValueFacts {
    /// The parser that read the value.
    fn parser(&self) -> &dyn ParserFacts;
    /// [`Parser::redacted`].
    fn redacted(&self) -> Option<String>;
    /// [`Parser::read_as`].
    fn rendered(&self) -> Option<String>;
    /// [`Parser::warnings`].
    fn warnings(&self, warn: &mut dyn FnMut(String));
    /// [`Parser::endpoints`].
    fn endpoints(&self, each: &mut dyn FnMut(crate::attach::Endpoints));
}

/// A field's parser with the place for the value it reads: what the load engine's usual
/// path, compiled once for every field type, asks of a field (see
/// `Context::read_field`). Only these small methods are compiled per type; the parser
/// is [`ValueFacts::parser`].
pub(crate) trait Slot: ValueFacts {
    /// Parses `text` and keeps the value.
    fn parse(&mut self, text: &str) -> Result<(), Rejection>;
    /// The value kept, with its parser: `None` until `parse` succeeded.
    fn value(&self) -> Option<&dyn ValueFacts>;
}

/// A [`Slot`]: a parser, and what it read once it has.
pub(crate) struct Kept<'p, P: Parser> {
    pub(crate) parser: &'p P,
    pub(crate) out: Option<P::Out>,
}

impl<'p, P: Parser> Kept<'p, P> {
    pub(crate) fn new(parser: &'p P) -> Self {
        Kept { parser, out: None }
    }
}

impl<P: Parser> Slot for Kept<'_, P> {
    fn parse(&mut self, text: &str) -> Result<(), Rejection> {
        self.out = Some(self.parser.parse(text)?);
        Ok(())
    }
    fn value(&self) -> Option<&dyn ValueFacts> {
        self.out.as_ref()?;
        Some(self)
    }
}

impl<P: Parser> ValueFacts for Kept<'_, P> {
    fn parser(&self) -> &dyn ParserFacts {
        self.parser
    }
    fn redacted(&self) -> Option<String> {
        self.parser.redacted(self.out.as_ref()?)
    }
    fn rendered(&self) -> Option<String> {
        self.parser.read_as(self.out.as_ref()?)
    }
    fn warnings(&self, warn: &mut dyn FnMut(String)) {
        if let Some(out) = &self.out {
            self.parser.warnings(out, warn);
        }
    }
    fn endpoints(&self, each: &mut dyn FnMut(crate::attach::Endpoints)) {
        if let Some(out) = &self.out {
            self.parser.endpoints(out, each);
        }
    }
}

/// Parses with `T`'s [`Value`] implementation.
#[doc(hidden)]
pub struct ValueParser<T>(PhantomData<fn() -> T>);

/// The type of a field read without `with`, from which the generated code takes the
/// parser and the value its `Debug` shows: `value::<T>().parser()`,
/// `value::<T>().item()` (one item of a list) and `value::<T>().shown(&field, &FIELD)`.
///
/// Method resolution picks what they mean, through `Deref`: for a `T` that implements
/// [`Value`], the methods here; for a configuration struct (`T: Attached`) that lacks
/// `#[attached(nested)]`, [`NotValue`]'s, whose one unmet bound says to add it; for any
/// other type, [`Unsupported`]'s, whose one unmet bound is `T: Value`. Each mistake is
/// one error at the field's type, and a type that cannot be read is not reported a second
/// time for lacking `Debug`.
#[doc(hidden)]
pub struct ValueType<T>(NotValue<T>);

/// See [`ValueType`].
#[doc(hidden)]
pub struct NotValue<T>(Unsupported<T>);

/// See [`ValueType`].
#[doc(hidden)]
pub struct Unsupported<T>(PhantomData<fn() -> T>);

/// The type of a field read as `T`; see [`ValueType`].
#[doc(hidden)]
pub fn value<T>() -> ValueType<T> {
    ValueType(NotValue(Unsupported(PhantomData)))
}

impl<T: Value> ValueType<T> {
    /// Reads the field with `T`'s [`Value`] implementation.
    pub fn parser(&self) -> ValueParser<T> {
        ValueParser(PhantomData)
    }
    /// Reads one item of a list with `T`'s [`Value`] implementation.
    pub fn item(&self) -> ValueParser<T> {
        ValueParser(PhantomData)
    }
    /// [`parser`](Self::parser), for a type written in several tokens: the derive passes
    /// it through [`Readable`], which reports a type that cannot be read at all of them.
    pub fn spanned_parser(&self) -> ValueParser<T> {
        ValueParser(PhantomData)
    }
    /// [`item`](Self::item), for a type written in several tokens; see
    /// [`spanned_parser`](Self::spanned_parser).
    pub fn spanned_item(&self) -> ValueParser<T> {
        ValueParser(PhantomData)
    }
    /// The field as its `Debug` shows it: by `T`'s [`Value`] implementation, `***` when
    /// secret.
    pub fn shown<'a, F: ?Sized>(&self, value: &'a F, field: &Field) -> Shown<'a, F> {
        Shown::new(value, field, false)
    }
}

impl<T> std::ops::Deref for ValueType<T> {
    type Target = NotValue<T>;
    fn deref(&self) -> &NotValue<T> {
        &self.0
    }
}

impl<T: crate::Attached> NotValue<T> {
    /// Not callable: `T` is a configuration struct, read by `#[attached(nested)]`.
    pub fn parser(&self) -> Unreadable<T>
    where
        T: NestedField,
    {
        unreachable!("`NestedField` has no implementations")
    }
    /// Not callable: a list of configuration structs is not read from one variable.
    pub fn item(&self) -> Unreadable<T>
    where
        T: NestedList,
    {
        unreachable!("`NestedList` has no implementations")
    }
    /// Not callable; see [`parser`](NotValue::parser).
    pub fn spanned_parser(&self) -> Unreadable<T>
    where
        T: NestedField,
    {
        unreachable!("`NestedField` has no implementations")
    }
    /// Not callable; see [`item`](NotValue::item).
    pub fn spanned_item(&self) -> Unreadable<T>
    where
        T: NestedList,
    {
        unreachable!("`NestedList` has no implementations")
    }
}

impl<T> std::ops::Deref for NotValue<T> {
    type Target = Unsupported<T>;
    fn deref(&self) -> &Unsupported<T> {
        &self.0
    }
}

impl<T> Unsupported<T> {
    /// Not callable: reached only when `T` does not implement [`Value`].
    pub fn parser(&self) -> Unreadable<T>
    where
        T: Value,
    {
        unreachable!("reached only for a type that does not implement `Value`")
    }
    /// Not callable; see [`parser`](Unsupported::parser).
    pub fn item(&self) -> Unreadable<T>
    where
        T: Value,
    {
        unreachable!("reached only for a type that does not implement `Value`")
    }
    /// Reached only when `T`, written in several tokens, does not implement [`Value`]: a
    /// parser that [`Readable`] refuses, the error at all of the type's tokens. (A method's
    /// own bound is reported at the method's name, one token.)
    pub fn spanned_parser(&self) -> Unreadable<T, Unchecked> {
        Unreadable(PhantomData)
    }
    /// See [`spanned_parser`](Unsupported::spanned_parser).
    pub fn spanned_item(&self) -> Unreadable<T, Unchecked> {
        Unreadable(PhantomData)
    }
    /// A stand-in for a field whose type cannot be read: that is its one error, and its
    /// `Debug` need not be looked for.
    pub fn shown<F: ?Sized>(&self, _: &F, _: &Field) -> &'static Unshown {
        &Unshown
    }
}

/// The parser of a field whose type cannot be read: it reads nothing, so that the field's
/// one error is not followed by others about the parser. `K` says where that error is:
/// [`Reported`] by the method that made it, or still to come, [`Unchecked`], from
/// [`Readable`].
#[doc(hidden)]
pub struct Unreadable<T, K = Reported>(PhantomData<fn() -> (T, K)>);

/// See [`Unreadable`].
#[doc(hidden)]
pub struct Reported;

/// See [`Unreadable`]: the type, written in several tokens, does not implement [`Value`],
/// which [`Readable`] reports.
#[doc(hidden)]
pub struct Unchecked;

impl<T, K> Parser for Unreadable<T, K> {
    type Out = T;
    fn parse(&self, _: &str) -> Result<T, Rejection> {
        unreachable!("an unreadable field does not compile")
    }
    fn expected(&self) -> Cow<'static, str> {
        Cow::Borrowed("")
    }
    fn redacted(&self, _: &T) -> Option<String> {
        None
    }
    fn render(&self, _: &T) -> Option<String> {
        None
    }
}

/// A parser from `value::<T>()`, and the type [`Readable`] requires to implement
/// [`Value`]: `T` for an `Unreadable<T, Unchecked>`, a type that does for the others.
#[doc(hidden)]
pub trait Checks {
    type Type;
}

impl<T> Checks for ValueParser<T> {
    type Type = String;
}

impl<T> Checks for Unreadable<T, Reported> {
    type Type = String;
}

impl<T> Checks for Unreadable<T, Unchecked> {
    type Type = T;
}

/// A parser, if its type can be read: where a field's type written in several tokens
/// (`std::collections::HashMap<String, String>`) is found not to implement [`Value`]. The
/// error is at the expression of the field `parser`, whose first token the derive spans
/// at the type's first and whose last at the type's last: rustc spans an expression from
/// its first token to its last, so all of the type is underlined. A proc macro cannot
/// give one token a span over several on stable Rust, and a method's bound (as
/// [`Unsupported::parser`]'s) is reported at the method's name.
#[doc(hidden)]
pub struct Readable<P: Checks>
where
    P::Type: Value,
{
    pub parser: P,
}

/// What the `Debug` of a field whose type cannot be read shows; it never runs, since such
/// a field does not compile.
#[doc(hidden)]
pub struct Unshown;

impl fmt::Debug for Unshown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("_")
    }
}

/// The bound that a configuration struct used as a field without `#[attached(nested)]`
/// does not meet; no type implements it.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a configuration struct: add `#[attached(nested)]` to this field to read it",
    label = "`{Self}` derives `Attached`, so its fields are read from variables of their own",
    note = "with `#[attached(nested)]`, the fields of `{Self}` are read under this field's prefix, such as `APP_SMTP_HOST` for a field `smtp` of a struct with the prefix `APP_`"
)]
pub trait NestedField {}

/// The bound that a list of configuration structs does not meet; no type implements it.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a configuration struct: a list of them cannot be read from one variable",
    label = "`{Self}` derives `Attached`, so its fields are read from variables of their own",
    note = "read one with `#[attached(nested)]` on a field of type `{Self}` or `Option<{Self}>`"
)]
pub trait NestedList {}

impl<T: Value> Parser for ValueParser<T> {
    type Out = T;
    fn parse(&self, text: &str) -> Result<T, Rejection> {
        T::parse(text).map_err(|e| Rejection {
            reason: e.reason().to_owned(),
            by: None,
        })
    }
    fn expected(&self) -> Cow<'static, str> {
        Cow::Borrowed(T::EXPECTED)
    }
    fn secret(&self) -> bool {
        T::SECRET
    }
    fn credentials(&self) -> bool {
        T::HOLDS_CREDENTIALS
    }
    /// A type that holds credentials shows its own redacted form; any other is shown as
    /// the text that was read, through the masker.
    fn redacted(&self, value: &T) -> Option<String> {
        crate::show::own_form(value)
    }
    fn render(&self, value: &T) -> Option<String> {
        Some(value.render())
    }
    fn warnings(&self, value: &T, warn: &mut dyn FnMut(String)) {
        value.warnings(warn);
    }
    fn endpoints(&self, value: &T, each: &mut dyn FnMut(crate::attach::Endpoints)) {
        if let Some(endpoints) = value.endpoints() {
            each(endpoints);
        }
    }
}

/// Parses with a function given as `#[attached(with = path)]`.
#[doc(hidden)]
pub struct With<T, E> {
    parse: fn(&str) -> Result<T, E>,
    function: &'static str,
    secret: bool,
    view: crate::show::WithView<T>,
}

/// The parser of a field with `with = parse`: `function` is the path as written, `secret`
/// whether the field's type is a secret type (`Secret<T>`, ...), and `view` what the load
/// needs of the type ([`WithView`](crate::show::WithView)).
#[doc(hidden)]
pub fn with<T, E: fmt::Display>(
    parse: fn(&str) -> Result<T, E>,
    function: &'static str,
    secret: bool,
    view: crate::show::WithView<T>,
) -> With<T, E> {
    With {
        parse,
        function,
        secret,
        view,
    }
}

impl<T, E: fmt::Display> Parser for With<T, E> {
    type Out = T;
    fn parse(&self, text: &str) -> Result<T, Rejection> {
        (self.parse)(text).map_err(|e| Rejection {
            reason: e.to_string(),
            by: Some(self.function),
        })
    }
    fn expected(&self) -> Cow<'static, str> {
        Cow::Owned(format!("a value accepted by `{}`", self.function))
    }
    fn secret(&self) -> bool {
        self.secret || self.view.secret
    }
    fn opaque(&self) -> bool {
        self.view.opaque
    }
    fn credentials(&self) -> bool {
        self.view.credentials
    }
    /// The value as the generated `Debug` shows it, not the text it was read from: the
    /// two agree even when the type hides part of the text (a newtype around a `Secret`,
    /// a service URL type's redaction).
    fn redacted(&self, value: &T) -> Option<String> {
        (self.view.show)(value)
    }
    /// `None`: what a `with` function reads is not known to read back, so a default is
    /// shown as `(default)`.
    fn render(&self, _: &T) -> Option<String> {
        None
    }
    /// A `Value` type's `render`, which outputs check the text against.
    fn read_as(&self, value: &T) -> Option<String> {
        (self.view.render)(value)
    }
    fn warnings(&self, value: &T, warn: &mut dyn FnMut(String)) {
        (self.view.warnings)(value, warn);
    }
    fn endpoints(&self, value: &T, each: &mut dyn FnMut(crate::attach::Endpoints)) {
        if let Some(endpoints) = (self.view.endpoints)(value) {
            each(endpoints);
        }
    }
}

/// Reads a list: the text split at `separator`, each item read by the inner parser.
///
/// Spaces around items are ignored (unless the separator is itself a space), and empty
/// items are skipped, so `a, b,` is the list `a`, `b`.
#[doc(hidden)]
pub struct List<P> {
    inner: P,
    separator: &'static str,
}

/// The parser of a `Vec<T>` field.
#[doc(hidden)]
pub fn list<P: Parser>(inner: P, separator: &'static str) -> List<P> {
    List { inner, separator }
}

impl<P: Parser> Parser for List<P> {
    type Out = Vec<P::Out>;
    fn parse(&self, text: &str) -> Result<Self::Out, Rejection> {
        let mut items = Vec::new();
        let mut rest = Some(text);
        while let Some(text) = rest {
            let (item, after) = split_once(text, self.separator);
            rest = after;
            let item = crate::text::trim(item);
            if item.is_empty() {
                continue;
            }
            match self.inner.parse(item) {
                Ok(value) => items.push(value),
                Err(r) => {
                    return Err(Rejection {
                        reason: format!("item {}: {}", items.len() + 1, r.reason),
                        by: r.by,
                    });
                }
            }
        }
        Ok(items)
    }
    fn expected(&self) -> Cow<'static, str> {
        Cow::Owned(format!(
            "a list separated by {:?}, each {}",
            self.separator,
            self.inner.expected()
        ))
    }
    fn secret(&self) -> bool {
        self.inner.secret()
    }
    fn credentials(&self) -> bool {
        self.inner.credentials()
    }
    fn opaque(&self) -> bool {
        self.inner.opaque()
    }
    /// Items of a type that holds credentials, each as that type shows it, joined by the
    /// separator; any other list is shown as the text that was read, through the masker.
    fn redacted(&self, value: &Self::Out) -> Option<String> {
        if !self.inner.credentials() && !self.inner.opaque() {
            return None;
        }
        let items: Option<Vec<String>> = value.iter().map(|v| self.inner.redacted(v)).collect();
        Some(items?.join(self.separator))
    }
    fn render(&self, value: &Self::Out) -> Option<String> {
        let items: Option<Vec<String>> = value.iter().map(|v| self.inner.render(v)).collect();
        Some(items?.join(self.separator))
    }
    fn read_as(&self, value: &Self::Out) -> Option<String> {
        let items: Option<Vec<String>> = value.iter().map(|v| self.inner.read_as(v)).collect();
        Some(items?.join(self.separator))
    }
    fn warnings(&self, value: &Self::Out, warn: &mut dyn FnMut(String)) {
        for (i, item) in value.iter().enumerate() {
            self.inner
                .warnings(item, &mut |w| warn(format!("item {}: {w}", i + 1)));
        }
    }
    fn endpoints(&self, value: &Self::Out, each: &mut dyn FnMut(crate::attach::Endpoints)) {
        for item in value {
            self.inner.endpoints(item, each);
        }
    }
}

/// `text` up to the first `separator`, and what follows it if there is one. A separator
/// of one byte (`,`, `;`, `:` and most others) is looked for byte by byte, which costs a
/// fraction of `str::split`'s search for a pattern of text.
fn split_once<'t>(text: &'t str, separator: &str) -> (&'t str, Option<&'t str>) {
    let at = match separator.as_bytes() {
        [byte] => text.bytes().position(|b| b == *byte),
        // The derive refuses an empty separator; here it would never advance.
        [] => None,
        _ => crate::text::find(text, separator),
    };
    match at {
        // The separator is whole characters, so `at` and `at + len` are boundaries.
        Some(at) => (&text[..at], Some(&text[at + separator.len()..])),
        None => (text, None),
    }
}

/// A parser followed by a check given as `#[attached(validate = path)]`.
///
/// The check is a function of a reference to the value, or of what the value dereferences
/// to: `&String` or `&str` for a `String`, `&Vec<T>` or `&[T]` for a list, `&PathBuf` or
/// `&Path` for a `PathBuf` (clippy's `ptr_arg` asks for the second). `M` says which of the
/// two ([`ByRef`] or [`ByDeref`]); the compiler infers it from the function's type.
#[doc(hidden)]
pub struct Validated<P, F, M> {
    inner: P,
    check: F,
    function: &'static str,
    by: PhantomData<fn() -> M>,
}

impl<P: Parser, F, M> Validated<P, F, M> {
    /// `inner`, then `check` (written as `function`) on what it read.
    pub fn new(inner: P, check: F, function: &'static str) -> Self
    where
        F: Check<P::Out, M>,
    {
        Validated {
            inner,
            check,
            function,
            by: PhantomData,
        }
    }
}

/// A `validate` function of `&T`.
#[doc(hidden)]
pub struct ByRef;

/// A `validate` function of what `T` dereferences to (`&str` for a `String`).
#[doc(hidden)]
pub struct ByDeref;

/// A `validate` function for a value of type `A`; see [`Validated`].
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`validate` cannot check a `{A}` with `{Self}`",
    label = "expected a function of `&{A}` that returns `Result<(), E>`",
    note = "a `validate` function takes `&{A}` (or what it dereferences to: `&str` for a `String`, `&[T]` for a `Vec<T>`) and returns `Result<(), E>`, where `E: Display` says what is wrong"
)]
pub trait Check<A, M> {
    /// The function's error.
    type Error: fmt::Display;
    /// Calls the function.
    fn check(&self, value: &A) -> Result<(), Self::Error>;
}

impl<A, F, E: fmt::Display> Check<A, ByRef> for F
where
    F: Fn(&A) -> Result<(), E>,
{
    type Error = E;
    fn check(&self, value: &A) -> Result<(), E> {
        self(value)
    }
}

impl<A: std::ops::Deref, F, E: fmt::Display> Check<A, ByDeref> for F
where
    F: Fn(&A::Target) -> Result<(), E>,
{
    type Error = E;
    fn check(&self, value: &A) -> Result<(), E> {
        self(value)
    }
}

impl<P: Parser, F: Check<P::Out, M>, M> Parser for Validated<P, F, M> {
    type Out = P::Out;
    fn parse(&self, text: &str) -> Result<P::Out, Rejection> {
        let value = self.inner.parse(text)?;
        self.check.check(&value).map_err(|e| Rejection {
            reason: e.to_string(),
            by: Some(self.function),
        })?;
        Ok(value)
    }
    fn expected(&self) -> Cow<'static, str> {
        self.inner.expected()
    }
    fn secret(&self) -> bool {
        self.inner.secret()
    }
    fn credentials(&self) -> bool {
        self.inner.credentials()
    }
    fn opaque(&self) -> bool {
        self.inner.opaque()
    }
    fn redacted(&self, value: &P::Out) -> Option<String> {
        self.inner.redacted(value)
    }
    fn read_as(&self, value: &P::Out) -> Option<String> {
        self.inner.read_as(value)
    }
    fn render(&self, value: &P::Out) -> Option<String> {
        self.inner.render(value)
    }
    fn warnings(&self, value: &P::Out, warn: &mut dyn FnMut(String)) {
        self.inner.warnings(value, warn);
    }
    fn endpoints(&self, value: &P::Out, each: &mut dyn FnMut(crate::attach::Endpoints)) {
        self.inner.endpoints(value, each);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_at_separators_of_one_byte_and_of_several() {
        let numbers = || list(value::<u16>().item(), ",");
        assert_eq!(numbers().parse(" 1, 2,,3 ,").unwrap(), [1, 2, 3]);
        assert_eq!(numbers().parse("").unwrap(), Vec::<u16>::new());
        let words = |separator| list(value::<String>().item(), separator);
        assert_eq!(
            words(" | ").parse("a | b|c | d").unwrap(),
            ["a", "b|c", "d"]
        );
        assert_eq!(words("→").parse("x→y→").unwrap(), ["x", "y"]);
        assert_eq!(words("é").parse("aébé").unwrap(), ["a", "b"]);
        let error = numbers().parse("1,x").unwrap_err();
        assert!(error.reason.starts_with("item 2: "), "{}", error.reason);
    }
}
