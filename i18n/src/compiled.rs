//! Catalogs for the browser. Fluent's runtime costs the messenger about 40 kB brotli
//! (its parser, locale data for every language and number formatting), more than a
//! third of what the whole messenger may weigh. So the server compiles a catalog with
//! Fluent's own parser into the few shapes our messages use (text, variables, and
//! selections by plural category or exact number), and [`Messages::format`] resolves
//! them with the browser's `Intl.PluralRules` and `Intl.NumberFormat` behind
//! [`Plurals`]. A test holds every shipped message to formatting exactly as Fluent's
//! runtime formats it, in every locale and plural form.

use std::collections::BTreeMap;

use fluent_syntax::ast;
use serde::{Deserialize, Serialize};

use crate::Arg;

/// A compiled catalog: message id → pattern, in id order, so the same catalog always
/// compiles to the same JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Messages(pub BTreeMap<String, Vec<Part>>);

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Part {
    /// Text as written.
    #[serde(rename = "t")]
    Text(String),
    /// A variable's value.
    #[serde(rename = "v")]
    Var(String),
    /// The variant a variable selects: an exact number, else its plural category (or,
    /// for text, the same word), else the default variant.
    #[serde(rename = "s")]
    Select { var: String, variants: Vec<Variant>, default: usize },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub key: Key,
    pub pattern: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Key {
    #[serde(rename = "n")]
    Name(String),
    #[serde(rename = "x")]
    Number(f64),
}

/// How the locale counts and writes numbers: the browser's `Intl` in the apps, CLDR's
/// rules in tests.
pub trait Plurals {
    /// The CLDR plural category of `number`: `zero`, `one`, `two`, `few`, `many` or `other`.
    fn category(&self, number: f64) -> String;
    /// `number` as the locale writes it.
    fn number(&self, number: f64) -> String;
}

/// Why a catalog does not compile for the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompileError {
    /// The Fluent source has syntax errors.
    Syntax(usize),
    /// A message uses what the browser's resolver does not do (terms, message
    /// references, functions, attributes, literals in placeables).
    Unsupported(String),
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Syntax(count) => write!(f, "the catalog has {count} Fluent syntax error(s)"),
            Self::Unsupported(id) => write!(f, "message {id} uses Fluent the browser's resolver does not support"),
        }
    }
}

impl std::error::Error for CompileError {}

/// Compiles Fluent `source` (with Fluent's parser) for the browser.
pub fn compile(source: &str) -> Result<Messages, CompileError> {
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| CompileError::Syntax(errors.len()))?;
    let mut messages = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(message) = entry {
            let id = message.id.name;
            let unsupported = || CompileError::Unsupported(id.to_owned());
            if !message.attributes.is_empty() {
                return Err(unsupported());
            }
            let pattern = message.value.as_ref().ok_or_else(unsupported)?;
            messages.insert(id.to_owned(), compile_pattern(pattern).ok_or_else(unsupported)?);
        }
    }
    Ok(Messages(messages))
}

/// A pattern's parts, with neighbouring text joined, so a message without placeables is
/// one text part at most (see [`Messages::text`]).
fn compile_pattern(pattern: &ast::Pattern<&str>) -> Option<Vec<Part>> {
    let mut parts: Vec<Part> = Vec::with_capacity(pattern.elements.len());
    for element in &pattern.elements {
        let part = match element {
            ast::PatternElement::TextElement { value } => Part::Text((*value).to_owned()),
            ast::PatternElement::Placeable { expression } => compile_expression(expression)?,
        };
        match (parts.last_mut(), part) {
            (Some(Part::Text(before)), Part::Text(text)) => before.push_str(&text),
            (_, part) => parts.push(part),
        }
    }
    Some(parts)
}

fn compile_expression(expression: &ast::Expression<&str>) -> Option<Part> {
    match expression {
        ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => Some(Part::Var(id.name.to_owned())),
        ast::Expression::Select { selector: ast::InlineExpression::VariableReference { id }, variants } => {
            let default = variants.iter().position(|variant| variant.default)?;
            let variants = variants
                .iter()
                .map(|variant| {
                    let key = match &variant.key {
                        ast::VariantKey::Identifier { name } => Key::Name((*name).to_owned()),
                        ast::VariantKey::NumberLiteral { value } => Key::Number(value.parse().ok()?),
                    };
                    Some(Variant { key, pattern: compile_pattern(&variant.value)? })
                })
                .collect::<Option<_>>()?;
            Some(Part::Select { var: id.name.to_owned(), variants, default })
        }
        _ => None,
    }
}

impl Messages {
    /// Message `id` when it is plain text, with no variables to fill in: the text as it
    /// stands in the catalog, so a caller may keep a reference instead of a copy.
    pub fn text(&self, id: &str) -> Option<&str> {
        plain_text(self.0.get(id)?)
    }

    /// Message `id` with `args`, as Fluent's runtime would format it: a missing message
    /// shows its id, a missing variable `{$name}`. `isolate` wraps placeables in
    /// Unicode isolation marks, as Fluent does for right-to-left locales.
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)], plurals: &impl Plurals, isolate: bool) -> String {
        match self.0.get(id) {
            Some(pattern) => format_pattern(pattern, args, plurals, isolate),
            None => id.to_owned(),
        }
    }
}

/// A message's pattern when it is plain text, with no variables to fill in.
pub fn plain_text(pattern: &[Part]) -> Option<&str> {
    match pattern {
        [] => Some(""),
        [Part::Text(text)] => Some(text),
        _ => None,
    }
}

/// One message's pattern with `args`, as [`Messages::format`] formats it; for a reader
/// that keeps the patterns it has read rather than a whole [`Messages`].
pub fn format_pattern(pattern: &[Part], args: &[(&str, Arg<'_>)], plurals: &impl Plurals, isolate: bool) -> String {
    let mut out = String::new();
    write_pattern(&mut out, pattern, args, plurals, isolate);
    out
}

fn write_pattern(out: &mut String, pattern: &[Part], args: &[(&str, Arg<'_>)], plurals: &impl Plurals, isolate: bool) {
    // Fluent isolates placeables only among other elements (a variant's pattern decides
    // for its own).
    let here = isolate && pattern.len() > 1;
    for part in pattern {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Var(name) => {
                if here {
                    out.push('\u{2068}');
                }
                match arg(args, name) {
                    Some(Arg::Text(text)) => out.push_str(text),
                    Some(Arg::Number(number)) => out.push_str(&plurals.number(number)),
                    None => {
                        out.push_str("{$");
                        out.push_str(name);
                        out.push('}');
                    }
                }
                if here {
                    out.push('\u{2069}');
                }
            }
            Part::Select { var, variants, default } => {
                let chosen = choose(variants, arg(args, var), plurals).unwrap_or(*default);
                if here {
                    out.push('\u{2068}');
                }
                if let Some(variant) = variants.get(chosen) {
                    write_pattern(out, &variant.pattern, args, plurals, isolate);
                }
                if here {
                    out.push('\u{2069}');
                }
            }
        }
    }
}

fn arg<'a>(args: &[(&str, Arg<'a>)], name: &str) -> Option<Arg<'a>> {
    args.iter().find(|(given, _)| *given == name).map(|(_, value)| *value)
}

fn choose(variants: &[Variant], value: Option<Arg<'_>>, plurals: &impl Plurals) -> Option<usize> {
    match value? {
        Arg::Number(number) => {
            variants.iter().position(|variant| matches!(variant.key, Key::Number(key) if key == number)).or_else(|| {
                let category = plurals.category(number);
                variants.iter().position(|variant| matches!(&variant.key, Key::Name(name) if *name == category))
            })
        }
        Arg::Text(text) => variants.iter().position(|variant| matches!(&variant.key, Key::Name(name) if name == text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct English;

    impl Plurals for English {
        fn category(&self, number: f64) -> String {
            if number == 1.0 { "one" } else { "other" }.to_owned()
        }
        fn number(&self, number: f64) -> String {
            number.to_string()
        }
    }

    #[test]
    fn exact_numbers_come_before_plural_categories_and_the_default_catches_the_rest() {
        let messages = compile(
            "items = { $count ->\n    [0] nothing\n    [one] one item\n   *[other] { $count } items\n}\n\
             kind = { $kind ->\n    [bug] a bug\n   *[other] something\n}\n",
        )
        .expect("compiles");
        let items = |n: i64| messages.format("items", &[("count", n.into())], &English, false);
        assert_eq!([items(0), items(1), items(7)], ["nothing", "one item", "7 items"]);
        assert_eq!(messages.format("items", &[], &English, false), "{$count} items");
        assert_eq!(messages.format("kind", &[("kind", "bug".into())], &English, false), "a bug");
        assert_eq!(messages.format("kind", &[("kind", "idea".into())], &English, false), "something");
        assert_eq!(messages.format("missing", &[], &English, false), "missing");
    }

    #[test]
    fn what_the_resolver_cannot_do_is_refused_at_compile_time() {
        for source in ["a = { -term }\n", "a = { b }\nb = c\n", "a = { NUMBER($n) }\n", "a = b\n    .title = c\n"] {
            assert_eq!(compile(source), Err(CompileError::Unsupported("a".to_owned())), "{source}");
        }
        assert_eq!(compile("a = {\n"), Err(CompileError::Syntax(1)));
    }

    #[test]
    fn plain_messages_are_one_text_that_can_be_borrowed() {
        let messages = compile("a = one\n    two\nb = { $n } left\n").expect("compiles");
        assert_eq!(messages.text("a"), Some("one\ntwo"));
        assert_eq!(messages.text("a").map(str::to_owned), Some(messages.format("a", &[], &English, false)));
        assert_eq!(messages.text("b"), None, "it has a variable");
        assert_eq!(messages.text("missing"), None);
    }

    #[test]
    fn a_compiled_catalog_survives_json() {
        let messages = compile("a = x { $n ->\n    [1] one\n   *[other] { $n }\n} y\n").expect("compiles");
        let json = serde_json::to_string(&messages).expect("serialises");
        assert_eq!(serde_json::from_str::<Messages>(&json).expect("parses"), messages);
    }
}
