//! [`SearchIndex`]: the in-memory index shared by all handlers, with its single writer and
//! its reader.

use std::sync::{Arc, Mutex, MutexGuard};

use tantivy::collector::TopDocs;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::schema::{self, Fields};
use super::snippet::Highlighter;
use super::synonyms::Thesaurus;
use super::{MAX_LIMIT, Matching, Result, SearchDoc, SearchHit, SearchQuery, query};

/// tantivy splits this between its indexing threads; 50 MB with one thread keeps a
/// rebuild of tens of thousands of articles in a few segments.
const WRITER_MEMORY_BYTES: usize = 50_000_000;
/// Article changes are rare and small; one indexing thread leaves the cores to requests.
const WRITER_THREADS: usize = 1;

/// The help-center search index, held in RAM. Cheap to clone; clones share one index.
///
/// Every change commits and reloads the reader before returning, so the next search sees
/// it. Changes and searches are synchronous and take milliseconds; call them from async
/// code through `tokio::task::spawn_blocking`.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    fields: Fields,
    /// tantivy allows one writer per index. A std mutex: changes are short, synchronous and
    /// never held across an `.await`; searches do not take it.
    writer: Mutex<IndexWriter<TantivyDocument>>,
    /// Reloaded by hand after each commit (`ReloadPolicy::Manual`), under the writer lock.
    reader: IndexReader,
    /// Templates cloned per search: a clone is a boxed tokenizer, not a rebuild.
    plain: TextAnalyzer,
    english: TextAnalyzer,
    /// Analysed once with the analysers above.
    thesaurus: Thesaurus,
}

impl SearchIndex {
    /// Creates an empty index in RAM.
    pub fn new() -> Result<Self> {
        let (schema, fields) = schema::build_schema();
        let index = Index::builder().schema(schema).create_in_ram()?;
        schema::register_analyzers(&index);
        let writer = index.writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY_BYTES)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let (mut plain, mut english) = (schema::plain_analyzer(), schema::english_analyzer());
        let thesaurus = Thesaurus::new(&mut plain, &mut english);
        Ok(SearchIndex {
            inner: Arc::new(Inner { fields, writer: Mutex::new(writer), reader, plain, english, thesaurus }),
        })
    }

    /// Replaces the whole index with `docs`, in one commit: searches see either the old
    /// index or the new one.
    pub fn rebuild(&self, docs: impl IntoIterator<Item = SearchDoc>) -> Result<()> {
        let fields = &self.inner.fields;
        self.change(|writer| {
            writer.delete_query(Box::new(AllQuery))?;
            for doc in docs {
                writer.add_document(schema::to_document(fields, &doc))?;
            }
            Ok(())
        })
    }

    /// Adds an article, or replaces the one with the same id.
    pub fn upsert(&self, doc: &SearchDoc) -> Result<()> {
        let fields = &self.inner.fields;
        self.change(|writer| {
            // A delete only affects documents added before it, so the new one survives.
            writer.delete_term(Term::from_field_i64(fields.id, doc.id));
            writer.add_document(schema::to_document(fields, doc))?;
            Ok(())
        })
    }

    /// Removes an article; removing an id that is not indexed is not an error.
    pub fn remove(&self, id: i64) -> Result<()> {
        let fields = &self.inner.fields;
        self.change(|writer| {
            writer.delete_term(Term::from_field_i64(fields.id, id));
            Ok(())
        })
    }

    /// The number of articles indexed, all workspaces together.
    pub fn len(&self) -> usize {
        usize::try_from(self.inner.reader.searcher().num_docs()).unwrap_or(usize::MAX)
    }

    /// Whether no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The best articles of one workspace for what the visitor typed, best first. Queries
    /// with no words (blank, punctuation) return no hits.
    pub fn search(&self, search: &SearchQuery<'_>) -> Result<Vec<SearchHit>> {
        self.search_with(search, Matching::Search)
    }

    /// Like [`SearchIndex::search`], with the given rule for how many words must match.
    pub fn search_with(&self, search: &SearchQuery<'_>, matching: Matching) -> Result<Vec<SearchHit>> {
        let inner = &*self.inner;
        let limit = search.limit.min(MAX_LIMIT);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let parsed = query::parse(search.text, &mut inner.plain.clone(), &mut inner.english.clone(), &inner.thesaurus);
        let Some(tantivy_query) =
            query::build(&inner.fields, &parsed, search.workspace_id, search.category_id, matching)
        else {
            return Ok(Vec::new());
        };
        let searcher = inner.reader.searcher();
        let top_docs = searcher.search(&tantivy_query, &TopDocs::with_limit(limit).order_by_score())?;

        let mut highlighter = Highlighter::new(&parsed, inner.plain.clone(), inner.english.clone());
        let fields = &inner.fields;
        let mut hits = Vec::with_capacity(top_docs.len());
        for (score, address) in top_docs {
            let document: TantivyDocument = searcher.doc(address)?;
            let text = |field| document.get_first(field).and_then(|value| value.as_str()).unwrap_or_default();
            let english = document.get_first(fields.english).and_then(|value| value.as_bool()).unwrap_or(false);
            let Some(id) = document.get_first(fields.id).and_then(|value| value.as_i64()) else {
                continue;
            };
            hits.push(SearchHit {
                id,
                score,
                title_html: highlighter.title_html(fields.title, text(fields.title), english),
                snippet_html: highlighter.body_html(fields.body, text(fields.body), english),
            });
        }
        Ok(hits)
    }

    /// Applies one change and commits it, then reloads the reader so the next search sees
    /// it. On failure the uncommitted operations are rolled back.
    fn change(&self, apply: impl FnOnce(&mut IndexWriter<TantivyDocument>) -> Result<()>) -> Result<()> {
        let mut writer = self.lock_writer()?;
        let outcome = apply(&mut writer).and_then(|()| {
            writer.commit()?;
            Ok(())
        });
        if let Err(error) = outcome {
            writer.rollback()?;
            return Err(error);
        }
        self.inner.reader.reload()?;
        Ok(())
    }

    /// Locks the writer. A thread that panicked while holding it may have left operations
    /// uncommitted; they are rolled back, since the database is the source of truth and
    /// the caller's change will be retried or rebuilt.
    fn lock_writer(&self) -> Result<MutexGuard<'_, IndexWriter<TantivyDocument>>> {
        match self.inner.writer.lock() {
            Ok(writer) => Ok(writer),
            Err(poisoned) => {
                let mut writer = poisoned.into_inner();
                writer.rollback()?;
                self.inner.writer.clear_poison();
                Ok(writer)
            }
        }
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("SearchIndex").field("len", &self.len()).finish_non_exhaustive()
    }
}
