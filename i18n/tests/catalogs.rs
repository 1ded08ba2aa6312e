//! Every catalog we ship parses, has exactly the messages English has, with the same
//! variables, and formats without errors; and none could end the `<script>` element
//! the server puts it in.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast;
use i18n::{Domain, Locale, source};

/// Message id → the names of the variables it uses.
fn messages(domain: Domain, locale: Locale) -> BTreeMap<String, BTreeSet<String>> {
    let parsed = fluent_syntax::parser::parse(source(domain, locale))
        .unwrap_or_else(|(_, errors)| panic!("{}/{locale}: {errors:?}", domain.name()));
    let mut found = BTreeMap::new();
    for entry in parsed.body {
        if let ast::Entry::Message(message) = entry {
            let mut variables = BTreeSet::new();
            if let Some(pattern) = &message.value {
                pattern_variables(pattern, &mut variables);
            }
            for attribute in &message.attributes {
                pattern_variables(&attribute.value, &mut variables);
            }
            let id = message.id.name.to_owned();
            assert!(found.insert(id.clone(), variables).is_none(), "{}/{locale}: {id} twice", domain.name());
        }
    }
    found
}

fn pattern_variables(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                pattern_variables(&variant.value, into);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, into),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, into),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, into);
            }
        }
        _ => {}
    }
}

#[test]
fn every_locale_has_the_messages_and_variables_english_has() {
    for domain in Domain::ALL {
        let english = messages(domain, Locale::En);
        assert!(!english.is_empty(), "{} has no English messages", domain.name());
        for locale in Locale::ALL {
            let translated = messages(domain, locale);
            let missing: Vec<_> = english.keys().filter(|id| !translated.contains_key(*id)).collect();
            let extra: Vec<_> = translated.keys().filter(|id| !english.contains_key(*id)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}/{locale}: missing {missing:?}, extra {extra:?}",
                domain.name()
            );
            for (id, variables) in &english {
                assert_eq!(&translated[id], variables, "{}/{locale}: the variables of {id}", domain.name());
            }
        }
    }
}

#[test]
fn every_message_formats_without_errors_for_every_plural_form() {
    for domain in Domain::ALL {
        for locale in Locale::ALL {
            let resource = FluentResource::try_new(source(domain, locale).to_owned()).expect("parses");
            let mut bundle = FluentBundle::new(vec![locale.tag().parse().expect("language tag")]);
            bundle.add_resource(resource).expect("no duplicates");
            for (id, variables) in messages(domain, locale) {
                let message = bundle.get_message(&id).expect("listed");
                let pattern =
                    message.value().unwrap_or_else(|| panic!("{}/{locale}: {id} has no value", domain.name()));
                // Numbers that reach every CLDR plural category of our locales.
                for n in [0, 1, 2, 3, 11, 100, 101] {
                    let mut args = FluentArgs::new();
                    for variable in &variables {
                        args.set(variable.clone(), FluentValue::from(n));
                    }
                    let mut errors = Vec::new();
                    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{}/{locale}: {id} with {n}: {errors:?}", domain.name());
                    assert!(!text.trim().is_empty(), "{}/{locale}: {id} is empty", domain.name());
                }
            }
        }
    }
}

#[test]
fn no_catalog_could_end_the_script_element_that_carries_it() {
    for domain in Domain::ALL {
        for locale in Locale::ALL {
            let text = source(domain, locale).to_ascii_lowercase();
            assert!(!text.contains("</") && !text.contains("<!--"), "{}/{locale} contains markup", domain.name());
        }
    }
}

/// CLDR's plural rules, the ones Fluent's runtime uses, standing in for the browser's
/// `Intl.PluralRules`; numbers written as Fluent writes them.
struct Cldr(intl_pluralrules::PluralRules);

impl i18n::compiled::Plurals for Cldr {
    fn category(&self, number: f64) -> String {
        use intl_pluralrules::PluralCategory::*;
        match self.0.select(number) {
            Ok(ZERO) => "zero",
            Ok(ONE) => "one",
            Ok(TWO) => "two",
            Ok(FEW) => "few",
            Ok(MANY) => "many",
            _ => "other",
        }
        .to_owned()
    }

    fn number(&self, number: f64) -> String {
        number.to_string()
    }
}

#[test]
fn the_browsers_catalogs_format_every_message_exactly_as_fluent_does() {
    for domain in Domain::ALL {
        for locale in Locale::ALL {
            let compiled = i18n::compiled::compile(source(domain, locale)).expect("compiles for the browser");
            let json = i18n::browser_catalog(domain, locale).expect("compiles");
            assert!(!json.contains('<'), "{}/{locale}: the JSON can end its element", domain.name());
            let language: unic_langid::LanguageIdentifier = locale.tag().parse().expect("language tag");
            let rules = intl_pluralrules::PluralRules::create(language, intl_pluralrules::PluralRuleType::CARDINAL)
                .expect("CLDR has rules for every locale we ship");
            let plurals = Cldr(rules);
            let fluent = i18n::Catalog::parse(locale, source(domain, locale).to_owned()).expect("parses");
            let isolate = locale.dir() == i18n::Dir::Rtl;
            for (id, variables) in messages(domain, locale) {
                for n in [0, 1, 2, 3, 5, 11, 100, 101, 1002] {
                    let args: Vec<(&str, i18n::Arg<'_>)> =
                        variables.iter().map(|name| (name.as_str(), i18n::Arg::from(n))).collect();
                    assert_eq!(
                        compiled.format(&id, &args, &plurals, isolate),
                        fluent.text_with(&id, &args),
                        "{}/{locale}: {id} with {n}",
                        domain.name()
                    );
                }
            }
        }
    }
}
