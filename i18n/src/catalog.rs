//! One domain's messages in one locale, formatted with Project Fluent.

use std::borrow::Cow;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::{Dir, Locale};

/// A catalog that can be shared between threads (the server formats mail on any of
/// them; the messenger keeps one for the page).
pub struct Catalog {
    locale: Locale,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").field("locale", &self.locale).finish_non_exhaustive()
    }
}

/// Why a catalog's source was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogError {
    /// The Fluent source has syntax errors (as many as the parser found).
    Syntax(usize),
    /// A message id appears twice.
    Duplicate,
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Syntax(count) => write!(f, "the catalog has {count} Fluent syntax error(s)"),
            Self::Duplicate => f.write_str("the catalog defines a message twice"),
        }
    }
}

impl std::error::Error for CatalogError {}

/// A value for a message's variable: text, or a number (which also picks plural forms).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Self::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Self::Text(text)
    }
}

macro_rules! number_arg {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Arg<'_> {
            fn from(number: $ty) -> Self {
                Self::Number(number as f64)
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize, f64);

impl Catalog {
    /// Parses `source`, Fluent text for `locale`.
    pub fn parse(locale: Locale, source: String) -> Result<Self, CatalogError> {
        let resource = FluentResource::try_new(source).map_err(|(_, errors)| CatalogError::Syntax(errors.len()))?;
        let language = locale.tag().parse().map_err(|_| CatalogError::Syntax(1))?;
        let mut bundle = FluentBundle::new_concurrent(vec![language]);
        // Isolation marks keep a left-to-right name or number from reordering the
        // text around it; only right-to-left text needs them, and they would only be
        // noise in the rest.
        bundle.set_use_isolating(locale.dir() == Dir::Rtl);
        bundle.add_resource(resource).map_err(|_| CatalogError::Duplicate)?;
        Ok(Self { locale, bundle })
    }

    /// The locale the catalog is in.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// A catalog without messages: every text shows its id.
    pub fn empty(locale: Locale) -> Self {
        let language = locale.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![language]);
        bundle.set_use_isolating(locale.dir() == Dir::Rtl);
        Self { locale, bundle }
    }

    /// Message `id` without variables. A missing message shows its id, which a test
    /// of the catalogs makes sure never ships.
    pub fn text(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// Message `id` with its variables.
    pub fn text_with(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match *value {
                Arg::Text(text) => FluentValue::String(Cow::Borrowed(text)),
                Arg::Number(number) => FluentValue::from(number),
            };
            fluent.set(*name, value);
        }
        self.format(id, Some(&fluent))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|message| message.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        self.bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(locale: Locale, source: &str) -> Catalog {
        Catalog::parse(locale, source.to_owned()).expect("valid Fluent")
    }

    #[test]
    fn plurals_follow_the_locale() {
        let source = "unread = { $count ->\n    [zero] none\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}\n";
        let arabic = catalog(Locale::Ar, source);
        let english = catalog(Locale::En, source);
        let forms = |catalog: &Catalog, n: i64| catalog.text_with("unread", &[("count", n.into())]);
        assert_eq!([0, 1, 2, 3, 11, 100].map(|n| forms(&arabic, n)), ["none", "one", "two", "few", "many", "other"]);
        assert_eq!([0, 1, 2, 3].map(|n| forms(&english, n)), ["other", "one", "other", "other"]);
    }

    #[test]
    fn right_to_left_text_isolates_its_variables() {
        let source = "hello = Hi { $name }!\n";
        assert_eq!(catalog(Locale::En, source).text_with("hello", &[("name", "Ada".into())]), "Hi Ada!");
        assert_eq!(
            catalog(Locale::Ar, source).text_with("hello", &[("name", "Ada".into())]),
            "Hi \u{2068}Ada\u{2069}!"
        );
    }

    #[test]
    fn a_missing_message_shows_its_id_and_bad_sources_are_refused() {
        assert_eq!(catalog(Locale::De, "a = b\n").text("nope"), "nope");
        assert_eq!(
            Catalog::parse(Locale::En, "a = {\n".to_owned()).expect_err("a syntax error"),
            CatalogError::Syntax(1)
        );
        assert_eq!(
            Catalog::parse(Locale::En, "a = b\na = c\n".to_owned()).expect_err("a duplicate"),
            CatalogError::Duplicate
        );
    }
}
