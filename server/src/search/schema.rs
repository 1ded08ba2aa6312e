//! The index schema: the fields, the analysers each one uses, and how a [`SearchDoc`]
//! becomes a tantivy document (which fields it is indexed into depends on its locale).

use tantivy::schema::{Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{Index, TantivyDocument};

use super::SearchDoc;

/// Splits on non-alphanumerics, lowercases and folds accents; no stemming.
pub(crate) const PLAIN_ANALYZER: &str = "helpline_plain";
/// Like [`PLAIN_ANALYZER`], then the English (Snowball) stemmer.
pub(crate) const ENGLISH_ANALYZER: &str = "helpline_en";

/// Longer tokens (base64 blobs, URLs without separators) are dropped, as tantivy's default
/// analyser does; they are never useful search terms.
const MAX_TOKEN_BYTES: usize = 40;

/// The fields of the index, resolved once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// Indexed so `upsert` and `remove` can delete by id; stored to report hits.
    pub id: Field,
    pub workspace_id: Field,
    /// Absent when the article has no category.
    pub category_id: Field,
    /// Stored only: whether the English fields were filled, for highlighting stems.
    pub english: Field,
    /// Plain analyser, every locale; stored for highlighting.
    pub title: Field,
    /// Plain analyser, every locale; stored for snippets.
    pub body: Field,
    /// Plain analyser, every locale.
    pub tags: Field,
    /// English analyser, only documents whose locale is English or unset.
    pub title_en: Field,
    /// English analyser, only documents whose locale is English or unset.
    pub body_en: Field,
}

/// Builds the schema and returns it with its fields.
pub(crate) fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let plain_stored = text_options(PLAIN_ANALYZER).set_stored();
    let fields = Fields {
        id: builder.add_i64_field("id", INDEXED | STORED),
        workspace_id: builder.add_i64_field("workspace_id", INDEXED),
        category_id: builder.add_i64_field("category_id", INDEXED),
        english: builder.add_bool_field("english", STORED),
        title: builder.add_text_field("title", plain_stored.clone()),
        body: builder.add_text_field("body", plain_stored),
        tags: builder.add_text_field("tags", text_options(PLAIN_ANALYZER)),
        title_en: builder.add_text_field("title_en", text_options(ENGLISH_ANALYZER)),
        body_en: builder.add_text_field("body_en", text_options(ENGLISH_ANALYZER)),
    };
    (builder.build(), fields)
}

/// Registers this module's analysers on the index, under the names the schema uses.
pub(crate) fn register_analyzers(index: &Index) {
    index.tokenizers().register(PLAIN_ANALYZER, plain_analyzer());
    index.tokenizers().register(ENGLISH_ANALYZER, english_analyzer());
}

/// The analyser of the unstemmed fields, also used to split queries into words.
pub(crate) fn plain_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyser of the English fields; also stems query words.
pub(crate) fn english_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        // The stemmer expects lowercase input, hence last.
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Whether a locale gets the English stemmer: unset, empty, or primary subtag `en`
/// (`en`, `en-US`, `en_GB`, `EN`).
pub(crate) fn is_english(locale: Option<&str>) -> bool {
    let Some(locale) = locale.map(str::trim).filter(|locale| !locale.is_empty()) else {
        return true;
    };
    let primary = locale.split(['-', '_']).next().unwrap_or_default();
    primary.eq_ignore_ascii_case("en")
}

/// Converts an article into the document indexed for it.
pub(crate) fn to_document(fields: &Fields, doc: &SearchDoc) -> TantivyDocument {
    let english = is_english(doc.locale.as_deref());
    let mut document = TantivyDocument::default();
    document.add_i64(fields.id, doc.id);
    document.add_i64(fields.workspace_id, doc.workspace_id);
    if let Some(category_id) = doc.category_id {
        document.add_i64(fields.category_id, category_id);
    }
    document.add_bool(fields.english, english);
    document.add_text(fields.title, &doc.title);
    document.add_text(fields.body, &doc.body);
    for tag in &doc.tags {
        document.add_text(fields.tags, tag);
    }
    if english {
        document.add_text(fields.title_en, &doc.title);
        document.add_text(fields.body_en, &doc.body);
    }
    document
}

/// Positions are indexed so phrase queries can reward words that appear close together.
fn text_options(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_unset_locales_are_stemmed_and_others_are_not() {
        for locale in [None, Some(""), Some("en"), Some("en-US"), Some("en_GB"), Some("EN")] {
            assert!(is_english(locale), "{locale:?}");
        }
        for locale in [Some("fr"), Some("de-DE"), Some("eng"), Some("pt_BR")] {
            assert!(!is_english(locale), "{locale:?}");
        }
    }
}
