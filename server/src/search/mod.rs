//! Help-center search: an in-memory tantivy index of articles, queried as the visitor types.
//!
//! The database is the source of truth. The index is a cache of it, built with
//! [`SearchIndex::rebuild`] at start-up and kept current with [`SearchIndex::upsert`] and
//! [`SearchIndex::remove`] after every article change is committed. Nothing here touches
//! the database; callers convert their rows to [`SearchDoc`].
//!
//! - `schema.rs` — fields, analysers per locale, and `SearchDoc` to tantivy document.
//! - `query.rs` — the user's text to words (prefix, typo distance, stem) to a tantivy query,
//!   built programmatically: user input never reaches tantivy's query parser.
//! - `stop_words.rs` — the English function words a query does not require ("how do I").
//! - `synonyms.rs` — the thesaurus: everyday words for the same thing ("avatar", "profile
//!   picture"), so an article matches the visitor's word for it as well as its own.
//! - `snippet.rs` — highlighted, HTML-escaped titles and body snippets for the hits returned.
//! - `index.rs` — [`SearchIndex`], the shared handle: one writer behind a mutex, one reader
//!   reloaded after every commit.
//!
//! Analysis per locale: every document is indexed into the `title`, `body` and `tags`
//! fields with a non-stemming analyser (split on non-alphanumerics, lowercase, fold
//! accents). Documents whose locale is English or unset are also indexed into `title_en`
//! and `body_en` with the English stemmer. A query searches both sets, so "configuring"
//! finds an English article about "configuration", while articles in other locales stay
//! searchable by their exact words, prefixes and typos without being mangled by an
//! English stemmer. Prefix and typo matching run on the unstemmed fields, where the words
//! are whole.
//!
//! Query words are English-aware whatever the article's locale: English function words
//! are dropped ("how do I mute a topic" needs "mute" and "topic" only) and the thesaurus
//! adds other words for a few everyday ones. Both are short, generic lists, not tuned to
//! any one help center; `tests/tests/relevance.rs` measures their effect on two real ones.
//!
//! Invariant: a search only ever returns documents of the query's workspace.
//! Invariant: `title_html` and `snippet_html` are HTML-escaped text plus `<mark>` tags only.

mod index;
mod query;
mod schema;
mod snippet;
mod stop_words;
mod synonyms;
#[cfg(test)]
mod tests;

pub use index::SearchIndex;

/// The most hits one search returns, whatever the caller asks for.
pub const MAX_LIMIT: usize = 50;

/// The most words of a query that are searched; later words are ignored.
pub const MAX_QUERY_TERMS: usize = 12;

/// An article as the search index sees it, converted from a database row by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// The article's id; the index holds at most one document per id.
    pub id: i64,
    /// The tenant; a search never returns another workspace's articles.
    pub workspace_id: i64,
    /// The article's category, if any, for the category filter.
    pub category_id: Option<i64>,
    /// A BCP 47 tag such as `en`, `en-US` or `fr`. English and `None` are stemmed with the
    /// English stemmer; other locales are matched by their unstemmed words.
    pub locale: Option<String>,
    /// The article title, plain text.
    pub title: String,
    /// The article body as plain text (the caller strips markup first).
    pub body: String,
    /// Tags, each matched like a word of the title.
    pub tags: Vec<String>,
}

/// One search, as typed by a visitor or an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchQuery<'a> {
    /// Only articles of this workspace are searched.
    pub workspace_id: i64,
    /// Free text; the last word is matched as a prefix unless followed by a space or
    /// punctuation. Query-syntax characters have no meaning.
    pub text: &'a str,
    /// When set, only articles of this category are returned.
    pub category_id: Option<i64>,
    /// The most hits wanted; capped at [`MAX_LIMIT`]. Zero returns nothing.
    pub limit: usize,
}

/// How many of a query's words an article must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Matching {
    /// Words typed into a search box: most of them must match.
    #[default]
    Search,
    /// A chat message being written, searched for suggestions: it says much that no
    /// article does, so two of its words matching is enough.
    Message,
}

/// One article found, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// The article's id, to load it from the database.
    pub id: i64,
    /// Relevance (BM25 plus boosts); only meaningful relative to the other hits.
    pub score: f32,
    /// The whole title, HTML-escaped, with matched words wrapped in `<mark>`.
    pub title_html: String,
    /// A short passage of the body around the matched words, HTML-escaped, with matched
    /// words wrapped in `<mark>`; the beginning of the body when only the title matched.
    pub snippet_html: String,
}

/// What can go wrong in the search index. User input never causes an error: a query
/// that cannot match returns no hits.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy failed to index, commit, reload or read; the index stays as it was before
    /// the failed change.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// The result type of this module.
pub type Result<T, E = SearchError> = std::result::Result<T, E>;
