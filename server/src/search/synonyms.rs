//! A small thesaurus of everyday help-center vocabulary: the words visitors use for a
//! thing and the words articles use for it ("avatar" and "profile picture", "get paid" and
//! "payout", "e-mail" and "email").
//!
//! Every group holds interchangeable expressions of one to three words. When the key words
//! of a query say one of them (compared by English stem, so "logging in" says "log in"),
//! articles that say another match that part of the query too, exactly and a little below
//! the visitor's own words: no typos or prefixes, so the expansion stays a handful of term
//! and phrase lookups.
//!
//! The list is generic on purpose: no product's own names for its features, so a help
//! center in any domain can use it as it is.

use std::collections::HashMap;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::query::Word;

/// Groups of interchangeable expressions, written as the plain analyser leaves them:
/// lowercase ASCII words separated by one space, none of them a stop word. Words whose
/// English stem is shared by unrelated words are left out ("settings" stems to "set", so
/// "set up" would find "preferences"; "bill" is also the stem of "billing"), and so are
/// ambiguous words ("pm" is also a time of day; "block" a user is also a code block).
const GROUPS: &[&[&str]] = &[
    // Accounts and signing in.
    &["log in", "login", "sign in", "signin"],
    &["log out", "logout", "sign out", "signout"],
    &["sign up", "signup", "register"],
    &["username", "user name"],
    &["email", "e mail"],
    &["2fa", "two factor", "mfa", "multi factor"],
    &["sso", "single sign on"],
    &["avatar", "profile picture", "profile photo"],
    &["delete account", "deactivate account", "close account"],
    &["forgot password", "reset password", "lost password"],
    &["admin", "administrator"],
    &["turn off", "switch off", "disable"],
    &["turn on", "switch on", "enable"],
    &["ban", "suspend"],
    &["organization", "organisation", "workspace"],
    &["teammate", "team member", "colleague", "coworker"],
    &["language", "locale"],
    &["timezone", "time zone"],
    // Messages, notifications and display.
    &["dm", "direct message", "private message"],
    &["notification", "alert"],
    &["mute", "silence"],
    &["leave", "unsubscribe"],
    &["attach", "upload"],
    &["emoji", "emoticon", "smiley"],
    &["star", "bookmark", "favorite", "favourite"],
    &["dark mode", "dark theme", "night mode"],
    &["shortcut", "hotkey"],
    &["video call", "video chat", "video meeting"],
    &["big", "large"],
    &["bigger", "larger"],
    &["text size", "font size"],
    &["export", "backup"],
    // Billing and payments.
    &["price", "cost"],
    &["fee", "charge", "commission"],
    &["coupon", "discount", "promo code", "voucher"],
    &["invoice", "receipt"],
    &["payout", "withdrawal", "get paid"],
    &["tax", "vat", "gst"],
    &["credit card", "payment method"],
    // Developers.
    &["api key", "access token", "api token"],
    &["sandbox", "test mode", "test environment"],
    &["sdk", "client library"],
    &["docs", "documentation"],
    &["vulnerability", "security issue", "security bug"],
];

/// The longest expression, in words.
const MAX_EXPRESSION_WORDS: usize = 3;

/// The thesaurus analysed once, as the index's words: built with the index, shared by all
/// searches.
pub(crate) struct Thesaurus {
    /// Per group, its expressions, each as analysed words.
    groups: Vec<Vec<Vec<Word>>>,
    /// The expressions (group, position in group) by the stem of their first word.
    by_first_stem: HashMap<String, Vec<(usize, usize)>>,
}

/// Part of a query that the thesaurus knows other words for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Synonym {
    /// The query's words that said it, in order.
    pub said: Vec<Word>,
    /// The other expressions of its group, each as analysed words.
    pub alternatives: Vec<Vec<Word>>,
}

impl Thesaurus {
    /// Analyses the list with the index's analysers.
    pub fn new(plain: &mut TextAnalyzer, english: &mut TextAnalyzer) -> Self {
        let mut groups = Vec::with_capacity(GROUPS.len());
        let mut by_first_stem: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (group_at, group) in GROUPS.iter().enumerate() {
            let expressions: Vec<Vec<Word>> = group.iter().map(|text| analyse(text, plain, english)).collect();
            for (expression_at, expression) in expressions.iter().enumerate() {
                if let Some(first) = expression.first() {
                    by_first_stem.entry(first.stem.clone()).or_default().push((group_at, expression_at));
                }
            }
            groups.push(expressions);
        }
        Thesaurus { groups, by_first_stem }
    }

    /// The expressions of the list that `key_words` (a query's key words, in order) say,
    /// longest first where they overlap, each once.
    pub fn find(&self, key_words: &[Word]) -> Vec<Synonym> {
        let mut found: Vec<Synonym> = Vec::new();
        let mut at = 0;
        while at < key_words.len() {
            let longest = self
                .by_first_stem
                .get(&key_words[at].stem)
                .into_iter()
                .flatten()
                .map(|&(group, expression)| (group, expression, &self.groups[group][expression]))
                .filter(|(_, _, words)| says(&key_words[at..], words))
                .max_by_key(|(_, _, words)| words.len());
            let Some((group, expression, words)) = longest else {
                at += 1;
                continue;
            };
            let said = key_words[at..at + words.len()].to_vec();
            at += words.len();
            if found.iter().any(|synonym| same_words(&synonym.said, &said)) {
                continue;
            }
            let alternatives = self.groups[group]
                .iter()
                .enumerate()
                .filter(|&(other, _)| other != expression)
                .map(|(_, words)| words.clone())
                .collect();
            found.push(Synonym { said, alternatives });
        }
        found
    }
}

impl std::fmt::Debug for Thesaurus {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Thesaurus").field("groups", &self.groups.len()).finish()
    }
}

/// Whether `query` starts with the words of `expression`, compared by stem.
fn says(query: &[Word], expression: &[Word]) -> bool {
    expression.len() <= query.len().min(MAX_EXPRESSION_WORDS)
        && query.iter().zip(expression).all(|(word, wanted)| word.stem == wanted.stem)
}

fn same_words(left: &[Word], right: &[Word]) -> bool {
    left.len() == right.len() && left.iter().zip(right).all(|(left, right)| left.text == right.text)
}

/// One expression of the list as the index's words: unstemmed text and English stem.
fn analyse(text: &str, plain: &mut TextAnalyzer, english: &mut TextAnalyzer) -> Vec<Word> {
    let mut words = Vec::new();
    let mut stream = plain.token_stream(text);
    while let Some(token) = stream.next() {
        let mut stemmed = english.token_stream(&token.text);
        let stem = stemmed.next().map_or_else(|| token.text.clone(), |stemmed| stemmed.text.clone());
        words.push(Word { text: token.text.clone(), stem, prefix: false, stop: false });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::super::schema::{english_analyzer, plain_analyzer};
    use super::super::stop_words::is_stop_word;
    use super::*;

    fn thesaurus() -> Thesaurus {
        Thesaurus::new(&mut plain_analyzer(), &mut english_analyzer())
    }

    fn words(text: &str) -> Vec<Word> {
        analyse(text, &mut plain_analyzer(), &mut english_analyzer())
    }

    fn texts(words: &[Word]) -> String {
        words.iter().map(|word| word.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_expression_is_written_as_the_analyser_leaves_it_and_without_stop_words() {
        for group in GROUPS {
            assert!(group.len() >= 2, "{group:?}");
            for expression in *group {
                let analysed = words(expression);
                assert_eq!(texts(&analysed), *expression);
                assert!((1..=MAX_EXPRESSION_WORDS).contains(&analysed.len()), "{expression}");
                assert!(analysed.iter().all(|word| !is_stop_word(&word.text)), "{expression}");
            }
        }
    }

    #[test]
    fn no_expression_is_in_two_groups() {
        let mut seen = std::collections::BTreeSet::new();
        for expression in GROUPS.iter().flat_map(|group| group.iter()) {
            let stems: Vec<String> = words(expression).into_iter().map(|word| word.stem).collect();
            assert!(seen.insert(stems), "{expression} is listed twice");
        }
    }

    #[test]
    fn other_forms_of_an_expression_find_its_group() {
        let found = thesaurus().find(&words("logging in"));
        assert_eq!(found.len(), 1);
        assert_eq!(texts(&found[0].said), "logging in");
        let alternatives: Vec<String> = found[0].alternatives.iter().map(|words| texts(words)).collect();
        assert_eq!(alternatives, ["login", "sign in", "signin"]);
    }

    #[test]
    fn the_longest_expression_wins_and_each_is_found_once() {
        let found = thesaurus().find(&words("delete account email delete account"));
        let said: Vec<String> = found.iter().map(|synonym| texts(&synonym.said)).collect();
        assert_eq!(said, ["delete account", "email"]);
        assert!(thesaurus().find(&words("invoices due")).iter().any(|synonym| texts(&synonym.said) == "invoices"));
        assert!(thesaurus().find(&words("account delete")).is_empty(), "word order matters");
    }
}
