//! From the text a visitor typed to a tantivy query, built programmatically so that quotes,
//! colons, `+`, `-`, parentheses and `*` are plain text, never query syntax.
//!
//! Each key word must match (all of them for one or two words, two thirds for longer
//! queries) in the title, tags or body: exactly (BM25-scored), by its English stem in
//! English articles, with typos, and, for the last word, as a prefix. Key words are the
//! words that are not English function words ("how do I mute a topic" has two: "mute" and
//! "topic"); function words are ignored, except that a last word still being typed ("can"
//! on the way to "cancel") is an optional prefix. Where the thesaurus knows other words for
//! some key words ("avatar": "profile picture"), an article saying those matches that part
//! of the query too. Phrase queries with slop reward articles where the key words stand
//! close together.

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::schema::Fields;
use super::stop_words::is_stop_word;
use super::synonyms::{Synonym, Thesaurus};
use super::{MAX_QUERY_TERMS, Matching};

/// Only the beginning of an absurdly long query is analysed.
const MAX_QUERY_BYTES: usize = 1024;
/// A one-letter last word is matched exactly: as a prefix it would match half the index.
pub(crate) const MIN_PREFIX_CHARS: usize = 2;

const TITLE_BOOST: f32 = 3.0;
const TAGS_BOOST: f32 = 2.0;
const BODY_BOOST: f32 = 1.0;
/// An inflected form (English stem) counts a little less than the word itself.
const STEM_WEIGHT: f32 = 0.8;
/// Prefix and typo matches are constant-scored in tantivy; these keep them below exact
/// BM25 matches, typos lowest.
const PREFIX_WEIGHT: f32 = 0.6;
const FUZZY_WEIGHT: f32 = 0.3;
const PHRASE_BOOST: f32 = 2.0;
/// How many other words may stand between (or swap with) the query's words.
const PHRASE_SLOP: u32 = 2;
/// Another word for what the visitor typed counts a little less than their own words.
const SYNONYM_WEIGHT: f32 = 0.8;
/// The words of a several-word synonym must stand together: one word between them at most
/// ("deactivate your account" says "deactivate account").
const SYNONYM_SLOP: u32 = 1;

/// One word of the query, analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Lowercased, accent-folded, as in the unstemmed fields.
    pub text: String,
    /// Its English stem, as in the English fields.
    pub stem: String,
    /// The last word while it is still being typed: also matched as a prefix.
    pub prefix: bool,
    /// An English function word ("how", "do", "the"): neither required nor scored, unless
    /// the query has nothing else or it is the last word still being typed.
    pub stop: bool,
}

/// A query split into words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ParsedQuery {
    /// Distinct words, in order of first appearance.
    pub words: Vec<Word>,
    /// All words in order (repeats kept), for phrase queries.
    pub sequence: Vec<Word>,
    /// The parts of the key words the thesaurus knows other words for.
    pub synonyms: Vec<Synonym>,
}

impl ParsedQuery {
    /// Whether there is nothing to search for (empty, blank or punctuation only).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether `word` (one of this query's) is a key word: one that is not a stop word, or
    /// any word when the query is made of stop words only ("how do I").
    pub fn is_key(&self, word: &Word) -> bool {
        !word.stop || self.words.iter().all(|word| word.stop)
    }

    /// The distinct key words, in order of first appearance; what articles must match,
    /// and what snippets highlight.
    pub fn key_words(&self) -> impl Iterator<Item = &Word> {
        self.words.iter().filter(|word| self.is_key(word))
    }

    /// The key words in order, repeats kept: what phrases and synonyms are made of.
    fn key_sequence(&self) -> Vec<Word> {
        self.sequence.iter().filter(|word| self.is_key(word)).cloned().collect()
    }
}

/// How many typos a word may carry: none under 4 characters, one from 4, two from 8.
pub(crate) fn edit_distance_for(word: &str) -> u8 {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Whether a word is matched as a prefix.
pub(crate) fn is_prefix_word(word: &Word) -> bool {
    word.prefix && word.text.chars().count() >= MIN_PREFIX_CHARS
}

/// Splits the user's text into at most [`MAX_QUERY_TERMS`] words. The last word is a
/// prefix when the text ends with it (the visitor is still typing it). Looks the key words
/// up in the thesaurus.
pub(crate) fn parse(
    text: &str,
    plain: &mut TextAnalyzer,
    english: &mut TextAnalyzer,
    thesaurus: &Thesaurus,
) -> ParsedQuery {
    let truncated = text.len() > MAX_QUERY_BYTES;
    let text = if truncated { &text[..floor_char_boundary(text, MAX_QUERY_BYTES)] } else { text };
    let mut sequence: Vec<Word> = Vec::new();
    let mut last_offset_to = 0;
    let mut more_words = false;
    let mut stream = plain.token_stream(text);
    while let Some(token) = stream.next() {
        if sequence.len() == MAX_QUERY_TERMS {
            more_words = true;
            break;
        }
        last_offset_to = token.offset_to;
        sequence.push(Word {
            stem: stem(english, &token.text),
            text: token.text.clone(),
            prefix: false,
            stop: is_stop_word(&token.text),
        });
    }
    if let Some(last) = sequence.last_mut() {
        last.prefix = !truncated && !more_words && last_offset_to == text.len();
    }
    let mut words: Vec<Word> = Vec::with_capacity(sequence.len());
    for word in &sequence {
        match words.iter_mut().find(|seen| seen.text == word.text) {
            Some(seen) => seen.prefix |= word.prefix,
            None => words.push(word.clone()),
        }
    }
    let mut parsed = ParsedQuery { words, sequence, synonyms: Vec::new() };
    parsed.synonyms = thesaurus.find(&parsed.key_sequence());
    parsed
}

/// Builds the query for one workspace (and optionally one category). Returns `None` when
/// there is nothing to search for.
pub(crate) fn build(
    fields: &Fields,
    parsed: &ParsedQuery,
    workspace_id: i64,
    category_id: Option<i64>,
    matching: Matching,
) -> Option<Box<dyn Query>> {
    if parsed.is_empty() {
        return None;
    }
    // Each part of the query the thesaurus knows counts as one word, matched by what the
    // visitor typed or by any of its synonyms.
    let mut key_clauses: Vec<Box<dyn Query>> =
        parsed.synonyms.iter().map(|synonym| synonym_query(fields, synonym)).collect();
    for word in parsed.key_words() {
        let said_in_synonym =
            parsed.synonyms.iter().any(|synonym| synonym.said.iter().any(|said| said.text == word.text));
        if !said_in_synonym {
            key_clauses.push(word_query(fields, word));
        }
    }
    let required = required_words(key_clauses.len(), matching);
    let key_words = BooleanQuery::union_with_minimum_required_clauses(key_clauses, required);

    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, filter(fields.workspace_id, workspace_id)), (Occur::Must, Box::new(key_words))];
    if let Some(category_id) = category_id {
        clauses.push((Occur::Must, filter(fields.category_id, category_id)));
    }
    // A stop word still being typed may be the start of a key word ("can" on the way to
    // "cancel"), so it is an optional prefix. Other stop words count for nothing: in short
    // fields such as titles even "as" or "how" is rare enough to outweigh the words that
    // matter.
    for word in parsed.words.iter().filter(|word| !parsed.is_key(word) && is_prefix_word(word)) {
        clauses.push((Occur::Should, word_query(fields, word)));
    }
    for phrase in phrase_queries(fields, &parsed.key_sequence()) {
        clauses.push((Occur::Should, phrase));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// How many of `count` distinct key words (a synonym counting as one) an article must
/// match. A search: all of one or two, two thirds (rounded up) of more, so "refund annual
/// plan card" still finds an article that never says "card". A chat message says much
/// that no article does ("hi", "yesterday", "keeps failing"): two of its words, so one
/// shared word never makes a suggestion while the rest of the message may be chatter.
fn required_words(count: usize, matching: Matching) -> usize {
    match matching {
        Matching::Search if count <= 2 => count,
        Matching::Search => (2 * count).div_ceil(3),
        Matching::Message => count.min(2),
    }
}

/// Matches one word anywhere it may appear. Within a field the best way it matches counts
/// (exact, stem, prefix or typo), so an article using the very form typed ("topic") does
/// not get twice the score of one using another form ("topics"); across the title, tags
/// and body the matches add up.
fn word_query(fields: &Fields, word: &Word) -> Box<dyn Query> {
    let distance = edit_distance_for(&word.text);
    let prefix = is_prefix_word(word);
    let plain = |field: Field, boost: f32| {
        let term = Term::from_field_text(field, &word.text);
        let mut ways: Vec<Box<dyn Query>> =
            vec![boosted(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs), boost)];
        if prefix {
            ways.push(boosted(FuzzyTermQuery::new_prefix(term.clone(), 0, true), boost * PREFIX_WEIGHT));
            if distance > 0 {
                ways.push(boosted(FuzzyTermQuery::new_prefix(term, distance, true), boost * FUZZY_WEIGHT));
            }
        } else if distance > 0 {
            ways.push(boosted(FuzzyTermQuery::new(term, distance, true), boost * FUZZY_WEIGHT));
        }
        ways
    };
    let stemmed = |field: Field, boost: f32| {
        let term = Term::from_field_text(field, &word.stem);
        boosted(TermQuery::new(term, IndexRecordOption::WithFreqs), boost * STEM_WEIGHT)
    };
    let mut title = plain(fields.title, TITLE_BOOST);
    title.push(stemmed(fields.title_en, TITLE_BOOST));
    let mut body = plain(fields.body, BODY_BOOST);
    body.push(stemmed(fields.body_en, BODY_BOOST));
    let tags = plain(fields.tags, TAGS_BOOST);
    Box::new(BooleanQuery::union(vec![best_of(title), best_of(tags), best_of(body)]))
}

/// The best-scoring of several ways one word matches one field.
fn best_of(ways: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(DisjunctionMaxQuery::new(ways))
}

/// What the visitor typed for one synonym (all of its words), or any of the synonym's
/// alternatives exactly: a word anywhere, several words together.
fn synonym_query(fields: &Fields, synonym: &Synonym) -> Box<dyn Query> {
    let said: Vec<Box<dyn Query>> = synonym.said.iter().map(|word| word_query(fields, word)).collect();
    let mut alternatives: Vec<Box<dyn Query>> = vec![Box::new(BooleanQuery::intersection(said))];
    for words in &synonym.alternatives {
        alternatives.push(match &words[..] {
            [word] => exact_word_query(fields, word, SYNONYM_WEIGHT),
            words => exact_phrase_query(fields, words, SYNONYM_WEIGHT),
        });
    }
    Box::new(BooleanQuery::union(alternatives))
}

/// One word exactly (or by its stem in English articles), without typos or prefixes; the
/// better of the two per field, as in [`word_query`].
fn exact_word_query(fields: &Fields, word: &Word, weight: f32) -> Box<dyn Query> {
    let term = |field: Field, text: &str, boost: f32| {
        boosted(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs), boost * weight)
    };
    Box::new(BooleanQuery::union(vec![
        best_of(vec![
            term(fields.title, &word.text, TITLE_BOOST),
            term(fields.title_en, &word.stem, TITLE_BOOST * STEM_WEIGHT),
        ]),
        term(fields.tags, &word.text, TAGS_BOOST),
        best_of(vec![
            term(fields.body, &word.text, BODY_BOOST),
            term(fields.body_en, &word.stem, BODY_BOOST * STEM_WEIGHT),
        ]),
    ]))
}

/// Two or more words standing together, in the title, tags or body, unstemmed or stemmed
/// (the better of the two per field, as in [`word_query`]). A phrase scores the sum of its
/// words' BM25 weights; dividing by its length makes it count as one word, like the single
/// word it stands in for.
fn exact_phrase_query(fields: &Fields, words: &[Word], weight: f32) -> Box<dyn Query> {
    let weight = weight / words.len() as f32;
    let texts = || words.iter().map(|word| word.text.as_str());
    let stems = || words.iter().map(|word| word.stem.as_str());
    Box::new(BooleanQuery::union(vec![
        best_of(vec![
            phrase(fields.title, texts(), SYNONYM_SLOP, TITLE_BOOST * weight),
            phrase(fields.title_en, stems(), SYNONYM_SLOP, TITLE_BOOST * weight * STEM_WEIGHT),
        ]),
        phrase(fields.tags, texts(), SYNONYM_SLOP, TAGS_BOOST * weight),
        best_of(vec![
            phrase(fields.body, texts(), SYNONYM_SLOP, BODY_BOOST * weight),
            phrase(fields.body_en, stems(), SYNONYM_SLOP, BODY_BOOST * weight * STEM_WEIGHT),
        ]),
    ]))
}

/// Optional clauses rewarding the key words close together, in title and body, unstemmed
/// and stemmed. While the last word is still being typed it cannot be part of a phrase yet, so
/// the phrase of the words before it is used as well.
fn phrase_queries(fields: &Fields, sequence: &[Word]) -> Vec<Box<dyn Query>> {
    let mut phrases = Vec::new();
    let mut variants = vec![sequence];
    if sequence.last().is_some_and(is_prefix_word) {
        variants.push(&sequence[..sequence.len() - 1]);
    }
    for words in variants.into_iter().filter(|words| words.len() >= 2) {
        for (field, boost) in [(fields.title, TITLE_BOOST), (fields.body, BODY_BOOST)] {
            phrases.push(phrase(field, words.iter().map(|word| word.text.as_str()), PHRASE_SLOP, boost * PHRASE_BOOST));
        }
        for (field, boost) in [(fields.title_en, TITLE_BOOST), (fields.body_en, BODY_BOOST)] {
            let stems = words.iter().map(|word| word.stem.as_str());
            phrases.push(phrase(field, stems, PHRASE_SLOP, boost * STEM_WEIGHT * PHRASE_BOOST));
        }
    }
    phrases
}

/// A phrase query over at least two words (the caller guarantees it; tantivy asserts it).
fn phrase<'a>(field: Field, words: impl Iterator<Item = &'a str>, slop: u32, boost: f32) -> Box<dyn Query> {
    let terms = words.enumerate().map(|(offset, word)| (offset, Term::from_field_text(field, word))).collect();
    boosted(PhraseQuery::new_with_offset_and_slop(terms, slop), boost)
}

/// Restricts to documents whose `field` holds `value`, without affecting the score.
fn filter(field: Field, value: i64) -> Box<dyn Query> {
    let term = TermQuery::new(Term::from_field_i64(field, value), IndexRecordOption::Basic);
    Box::new(ConstScoreQuery::new(Box::new(term), 0.0))
}

fn boosted(query: impl Query, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(Box::new(query), boost))
}

/// The English stem of one already-analysed word.
fn stem(english: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = english.token_stream(word);
    match stream.next() {
        Some(token) => token.text.clone(),
        None => word.to_owned(),
    }
}

/// The largest char boundary at or below `index` (`str::floor_char_boundary` is unstable).
fn floor_char_boundary(text: &str, index: usize) -> usize {
    (0..=index.min(text.len())).rev().find(|&at| text.is_char_boundary(at)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::super::schema::{english_analyzer, plain_analyzer};
    use super::*;

    fn parse_text(text: &str) -> ParsedQuery {
        let (mut plain, mut english) = (plain_analyzer(), english_analyzer());
        let thesaurus = Thesaurus::new(&mut plain, &mut english);
        parse(text, &mut plain, &mut english, &thesaurus)
    }

    #[test]
    fn typo_budget_grows_with_word_length() {
        assert_eq!(edit_distance_for("tax"), 0);
        assert_eq!(edit_distance_for("plan"), 1);
        assert_eq!(edit_distance_for("invoice"), 1);
        assert_eq!(edit_distance_for("password"), 2);
        assert_eq!(edit_distance_for("éééé"), 1, "counted in characters, not bytes");
    }

    #[test]
    fn only_a_last_word_the_text_ends_with_is_a_prefix() {
        let typing = parse_text("Get REFU");
        let prefixes: Vec<bool> = typing.words.iter().map(|word| word.prefix).collect();
        assert_eq!(prefixes, [false, true]);
        assert_eq!(typing.words[1].text, "refu");

        assert!(!parse_text("get refund ").words[1].prefix);
        assert!(!parse_text("get refund?").words[1].prefix);
    }

    #[test]
    fn words_are_lowercased_folded_stemmed_and_deduplicated() {
        let parsed = parse_text("Café refunds, refunds: café");
        let texts: Vec<&str> = parsed.words.iter().map(|word| word.text.as_str()).collect();
        assert_eq!(texts, ["cafe", "refunds"]);
        assert_eq!(parsed.words[1].stem, "refund");
        assert_eq!(parsed.sequence.len(), 4);
        assert!(parsed.words[0].prefix, "the repeated last word keeps its prefix flag");
    }

    #[test]
    fn syntax_characters_are_separators_not_operators() {
        let parsed = parse_text(r#"+"refund" -(title:policy) AND x* ~2"#);
        let texts: Vec<&str> = parsed.words.iter().map(|word| word.text.as_str()).collect();
        assert_eq!(texts, ["refund", "title", "policy", "and", "x", "2"]);
    }

    #[test]
    fn long_queries_are_cut_to_the_term_limit_without_a_prefix() {
        let text = "refund ".repeat(10) + &"extra ".repeat(490) + "last";
        let parsed = parse_text(&text);
        assert_eq!(parsed.sequence.len(), MAX_QUERY_TERMS);
        assert!(parsed.sequence.iter().all(|word| !word.prefix));

        let multibyte = "é".repeat(10_000);
        assert!(parse_text(&multibyte).is_empty(), "one over-long token is dropped");
    }

    #[test]
    fn most_words_are_required_in_long_queries() {
        assert_eq!(required_words(1, Matching::Search), 1);
        assert_eq!(required_words(2, Matching::Search), 2);
        assert_eq!(required_words(3, Matching::Search), 2);
        assert_eq!(required_words(6, Matching::Search), 4);
        assert_eq!(required_words(12, Matching::Search), 8);
    }

    #[test]
    fn a_chat_message_needs_two_of_its_words_never_just_one_of_several() {
        assert_eq!(required_words(1, Matching::Message), 1);
        assert_eq!(required_words(3, Matching::Message), 2);
        assert_eq!(required_words(12, Matching::Message), 2);
    }
}
