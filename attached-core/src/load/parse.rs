//! The parsers that the derive's generated code composes, one per field: a type's
//! [`Value`], a `with` function, a list of either, and a `validate` check after any of
//! them. A parser reads text and says why it refused it; what a problem may show of that
//! is decided by [`show`](crate::show), not here.

use crate::show::Rejection;
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
    /// The value as outputs show it, when its type has a redacted form of its own; `None`
    /// when only its text can be shown (through the masker).
    fn redacted(&self, value: &Self::Out) -> Option<String>;
    /// The text that parses back to `value`, if the type can print it.
    fn render(&self, value: &Self::Out) -> Option<String>;
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

/// Parses with `T`'s [`Value`] implementation.
#[doc(hidden)]
pub struct ValueParser<T>(PhantomData<fn() -> T>);

/// The parser of a field of type `T`.
#[doc(hidden)]
pub fn value<T: Value>() -> ValueParser<T> {
    ValueParser(PhantomData)
}

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
        T::HOLDS_CREDENTIALS.then(|| value.redacted())
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
}

/// The parser of a field with `with = parse`: `function` is the path as written, and
/// `secret` whether the field's type is a secret type (`Secret<T>`, ...).
#[doc(hidden)]
pub fn with<T, E: fmt::Display>(
    parse: fn(&str) -> Result<T, E>,
    function: &'static str,
    secret: bool,
) -> With<T, E> {
    With {
        parse,
        function,
        secret,
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
        self.secret
    }
    /// Only the text can be shown: the function's type need not print itself.
    fn redacted(&self, _: &T) -> Option<String> {
        None
    }
    fn render(&self, _: &T) -> Option<String> {
        None
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
        text.split(self.separator)
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .enumerate()
            .map(|(i, item)| {
                self.inner.parse(item).map_err(|r| Rejection {
                    reason: format!("item {}: {}", i + 1, r.reason),
                    by: r.by,
                })
            })
            .collect()
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
    /// Items of a type that holds credentials, each as that type shows it, joined by the
    /// separator; any other list is shown as the text that was read, through the masker.
    fn redacted(&self, value: &Self::Out) -> Option<String> {
        if !self.inner.credentials() {
            return None;
        }
        let items: Option<Vec<String>> = value.iter().map(|v| self.inner.redacted(v)).collect();
        Some(items?.join(self.separator))
    }
    fn render(&self, value: &Self::Out) -> Option<String> {
        let items: Option<Vec<String>> = value.iter().map(|v| self.inner.render(v)).collect();
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

/// A parser followed by a check given as `#[attached(validate = path)]`.
#[doc(hidden)]
pub struct Validated<P: Parser, E> {
    inner: P,
    check: fn(&P::Out) -> Result<(), E>,
    function: &'static str,
}

impl<P: Parser, E: fmt::Display> Validated<P, E> {
    /// `inner`, then `check` (written as `function`) on what it read.
    pub fn new(inner: P, check: fn(&P::Out) -> Result<(), E>, function: &'static str) -> Self {
        Validated {
            inner,
            check,
            function,
        }
    }
}

impl<P: Parser, E: fmt::Display> Parser for Validated<P, E> {
    type Out = P::Out;
    fn parse(&self, text: &str) -> Result<P::Out, Rejection> {
        let value = self.inner.parse(text)?;
        (self.check)(&value).map_err(|e| Rejection {
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
    fn redacted(&self, value: &P::Out) -> Option<String> {
        self.inner.redacted(value)
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
