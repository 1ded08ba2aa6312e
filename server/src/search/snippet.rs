//! Highlighted titles and body snippets for the hits a search returns.
//!
//! tantivy's `SnippetGenerator::create` highlights only exact query terms, so prefix, typo
//! and stem matches would go unmarked. Instead, the words of each returned document are
//! checked against the same rules the query used, and the words that match are handed to
//! `SnippetGenerator::new`, which picks the best passage and HTML-escapes it. Match
//! results are cached per distinct word for the whole search.

use std::collections::{BTreeMap, HashMap};

use tantivy::schema::Field;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::query::{ParsedQuery, Word, edit_distance_for, is_prefix_word};

/// The length of a body snippet, in bytes of text before escaping.
const SNIPPET_CHARS: usize = 160;
/// Matches deeper in a very long body are not looked for; the snippet falls back to the
/// beginning. This bounds the work per hit.
const MAX_SCANNED_BODY_BYTES: usize = 8 * 1024;
const MARK_OPEN: &str = "<mark>";
const MARK_CLOSE: &str = "</mark>";
const ELLIPSIS: &str = "…";

/// Highlights the documents of one search.
pub(crate) struct Highlighter<'q> {
    words: Vec<QueryWord<'q>>,
    plain: TextAnalyzer,
    english: TextAnalyzer,
    /// Whether a word of an English document matches the query (stems count).
    english_matches: HashMap<String, bool>,
    /// Whether a word of a document in another locale matches the query.
    other_matches: HashMap<String, bool>,
}

/// A query word with its characters collected once for the edit-distance checks.
struct QueryWord<'q> {
    word: &'q Word,
    chars: Vec<char>,
    distance: usize,
    prefix: bool,
}

impl<'q> Highlighter<'q> {
    /// Prepares highlighting for `query`; the analysers are those of the index. Only key
    /// words and their synonyms are marked: "how do I mute a topic" marks "mute" and
    /// "topic", not every "a". Synonyms are marked where they match exactly or by stem.
    pub fn new(query: &'q ParsedQuery, plain: TextAnalyzer, english: TextAnalyzer) -> Self {
        let typed = query.key_words().map(|word| QueryWord {
            word,
            chars: word.text.chars().collect(),
            distance: usize::from(edit_distance_for(&word.text)),
            prefix: is_prefix_word(word),
        });
        let synonyms = query
            .synonyms
            .iter()
            .flat_map(|synonym| synonym.alternatives.iter().flatten())
            .map(|word| QueryWord { word, chars: word.text.chars().collect(), distance: 0, prefix: false });
        let words = typed.chain(synonyms).collect();
        Highlighter { words, plain, english, english_matches: HashMap::new(), other_matches: HashMap::new() }
    }

    /// The whole title, escaped, with matched words marked.
    pub fn title_html(&mut self, field: Field, title: &str, english: bool) -> String {
        let snippet = self.snippet(field, title, english, title.len());
        let range = snippet.fragment_range();
        let mut html = escape_html(&title[..range.start]);
        html.push_str(&snippet.to_html());
        html.push_str(&escape_html(&title[range.end..]));
        html
    }

    /// A passage of the body around the best matches, escaped, with matched words marked;
    /// the beginning of the body when no word of it matches.
    pub fn body_html(&mut self, field: Field, body: &str, english: bool) -> String {
        let scanned = &body[..floor_char_boundary(body, MAX_SCANNED_BODY_BYTES)];
        let snippet = self.snippet(field, scanned, english, SNIPPET_CHARS);
        if snippet.is_empty() {
            return leading_text_html(body);
        }
        let range = snippet.fragment_range();
        let mut html = String::new();
        if range.start > 0 {
            html.push_str(ELLIPSIS);
        }
        html.push_str(&snippet.to_html());
        if range.end < body.trim_end().len() {
            html.push_str(ELLIPSIS);
        }
        html
    }

    fn snippet(&mut self, field: Field, text: &str, english: bool, max_chars: usize) -> Snippet {
        let terms = self.matched_terms(text, english);
        let generator = SnippetGenerator::new(terms, self.plain.clone(), field, max_chars);
        let mut snippet = generator.snippet(text);
        snippet.set_snippet_prefix_postfix(MARK_OPEN, MARK_CLOSE);
        snippet
    }

    /// The analysed words of `text` that match the query, as `SnippetGenerator` wants them.
    fn matched_terms(&mut self, text: &str, english: bool) -> BTreeMap<String, f32> {
        let mut terms = BTreeMap::new();
        let mut plain = self.plain.clone();
        let mut stream = plain.token_stream(text);
        while let Some(token) = stream.next() {
            if terms.contains_key(&token.text) {
                continue;
            }
            if self.cached_match(&token.text, english) {
                terms.insert(token.text.clone(), 1.0);
            }
        }
        terms
    }

    /// [`Self::word_matches`], computed once per distinct word of the search's hits.
    fn cached_match(&mut self, word: &str, english: bool) -> bool {
        let cache = if english { &self.english_matches } else { &self.other_matches };
        if let Some(&matched) = cache.get(word) {
            return matched;
        }
        let matched = self.word_matches(word, english);
        let cache = if english { &mut self.english_matches } else { &mut self.other_matches };
        cache.insert(word.to_owned(), matched);
        matched
    }

    /// The rules of `query::word_query`: exact, prefix, typo, and stem in English documents.
    fn word_matches(&mut self, candidate: &str, english: bool) -> bool {
        let candidate_chars: Vec<char> = candidate.chars().collect();
        let fuzzy = self.words.iter().any(|query| {
            if query.word.text == candidate {
                return true;
            }
            if query.prefix {
                // Even the closest prefix is at least the missing characters away.
                candidate_chars.len() + query.distance >= query.chars.len()
                    && prefix_distance(&query.chars, &candidate_chars) <= query.distance
            } else {
                query.distance > 0
                    && candidate_chars.len().abs_diff(query.chars.len()) <= query.distance
                    && edit_distance(&query.chars, &candidate_chars) <= query.distance
            }
        });
        if fuzzy || !english {
            return fuzzy;
        }
        // English stemming rewrites endings only, so a word whose first letter differs from
        // every query stem's cannot share a stem; this skips most stemmer runs.
        let first = candidate.chars().next();
        if !self.words.iter().any(|query| query.word.stem.chars().next() == first) {
            return false;
        }
        let mut stream = self.english.token_stream(candidate);
        let Some(token) = stream.next() else {
            return false;
        };
        self.words.iter().any(|query| query.word.stem == token.text)
    }
}

/// Escapes text for an HTML element or a quoted attribute.
pub(crate) fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#x27;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// The beginning of the body, cut at a space when possible, escaped.
fn leading_text_html(body: &str) -> String {
    let body = body.trim();
    if body.len() <= SNIPPET_CHARS {
        return escape_html(body);
    }
    let cut = floor_char_boundary(body, SNIPPET_CHARS);
    let cut = body[..cut].rfind(char::is_whitespace).unwrap_or(cut);
    let mut html = escape_html(body[..cut].trim_end());
    html.push_str(ELLIPSIS);
    html
}

/// Edit distance between `query` and the closest prefix of `candidate`: how `FuzzyTermQuery::
/// new_prefix` decides.
fn prefix_distance(query: &[char], candidate: &[char]) -> usize {
    let rows = osa_rows(query, candidate);
    rows.into_iter().min().unwrap_or(usize::MAX)
}

/// Edit distance between `query` and `candidate`, a transposition counting as one edit,
/// as `FuzzyTermQuery::new(.., true)` counts.
fn edit_distance(query: &[char], candidate: &[char]) -> usize {
    let rows = osa_rows(query, candidate);
    rows.last().copied().unwrap_or(usize::MAX)
}

/// Optimal string alignment distances between all of `query` and each prefix of
/// `candidate` (index `j` is the distance to `candidate[..j]`).
fn osa_rows(query: &[char], candidate: &[char]) -> Vec<usize> {
    let width = candidate.len() + 1;
    let mut before_previous: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for i in 1..=query.len() {
        current[0] = i;
        for j in 1..width {
            let substitution = usize::from(query[i - 1] != candidate[j - 1]);
            let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + substitution);
            if i > 1 && j > 1 && query[i - 1] == candidate[j - 2] && query[i - 2] == candidate[j - 1] {
                best = best.min(before_previous[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous
}

/// The largest char boundary at or below `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    (0..=index.min(text.len())).rev().find(|&at| text.is_char_boundary(at)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn a_transposition_is_one_edit() {
        assert_eq!(edit_distance(&chars("refnud"), &chars("refund")), 1);
        assert_eq!(edit_distance(&chars("pasword"), &chars("password")), 1);
        assert_eq!(edit_distance(&chars("invce"), &chars("invoice")), 2);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
    }

    #[test]
    fn prefix_distance_measures_against_the_closest_prefix() {
        assert_eq!(prefix_distance(&chars("refu"), &chars("refund")), 0);
        assert_eq!(prefix_distance(&chars("refnu"), &chars("refund")), 1);
        assert_eq!(prefix_distance(&chars("xyz"), &chars("refund")), 3);
    }

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape_html(r#"<a href="x" onclick='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn leading_text_is_cut_at_a_space() {
        let body = "word ".repeat(100);
        let html = leading_text_html(&body);
        assert!(html.ends_with("word…"), "{html}");
        assert!(html.len() <= SNIPPET_CHARS + ELLIPSIS.len());
    }
}
