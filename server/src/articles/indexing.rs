//! Keeping the search index in step with the database, which is the only source of
//! truth: a full rebuild at start-up, a refresh of one article after each change made
//! here, and a cheap fingerprint check that catches changes made by other processes
//! (the import command, other server nodes) and rebuilds.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use protocol::help::ArticleStatus;

use super::render::to_plain_text;
use crate::search::{SearchDoc, SearchIndex};
use crate::shutdown::Shutdown;
use crate::store::{ArticleRecord, ArticlesFingerprint, Store};

/// The search index and what it was last built from. Cheap to clone.
#[derive(Clone)]
pub struct ArticleIndex {
    pub index: SearchIndex,
    // std Mutex: held only to read or replace a small value, never across an await.
    seen: Arc<Mutex<Option<ArticlesFingerprint>>>,
}

impl std::fmt::Debug for ArticleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticleIndex").field("documents", &self.index.len()).finish()
    }
}

impl ArticleIndex {
    pub fn new() -> anyhow::Result<Self> {
        Ok(Self { index: SearchIndex::new().context("create search index")?, seen: Arc::default() })
    }

    /// Rebuilds the whole index from the published articles in the database.
    pub async fn rebuild(&self, store: &Store) -> anyhow::Result<usize> {
        let fingerprint = store.articles_fingerprint().await?;
        let docs: Vec<SearchDoc> = store.all_published_articles().await?.iter().map(search_doc).collect();
        let count = docs.len();
        let index = self.index.clone();
        tokio::task::spawn_blocking(move || index.rebuild(docs)).await.context("join rebuild")??;
        self.remember(fingerprint);
        Ok(count)
    }

    /// Re-reads one article from the database and indexes it, or removes it when it is
    /// gone or no longer published.
    pub async fn refresh(&self, store: &Store, article_id: i64) -> anyhow::Result<()> {
        let fingerprint = store.articles_fingerprint().await?;
        let article = store.article(article_id).await?;
        let index = self.index.clone();
        tokio::task::spawn_blocking(move || match article.filter(|a| a.status == ArticleStatus::Published) {
            Some(article) => index.upsert(&search_doc(&article)),
            None => index.remove(article_id),
        })
        .await
        .context("join refresh")??;
        self.remember(fingerprint);
        Ok(())
    }

    /// Rebuilds when the published articles changed since the index last saw them.
    /// Returns whether it rebuilt.
    pub async fn sync_if_changed(&self, store: &Store) -> anyhow::Result<bool> {
        let fingerprint = store.articles_fingerprint().await?;
        let seen = *self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if seen == Some(fingerprint) {
            return Ok(false);
        }
        self.rebuild(store).await?;
        Ok(true)
    }

    /// Checks for outside changes every `every` until shutdown.
    pub async fn keep_in_sync(self, store: Store, every: Duration, mut shutdown: Shutdown) {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                () = shutdown.recv() => return,
                _ = ticks.tick() => {
                    if let Err(error) = self.sync_if_changed(&store).await {
                        tracing::warn!(error = format!("{error:#}"), "search index sync failed; will retry");
                    }
                }
            }
        }
    }

    fn remember(&self, fingerprint: ArticlesFingerprint) {
        *self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(fingerprint);
    }
}

fn search_doc(article: &ArticleRecord) -> SearchDoc {
    SearchDoc {
        id: article.id,
        workspace_id: article.workspace_id,
        category_id: article.category_id,
        locale: article.locale.clone(),
        title: article.title.clone(),
        body: to_plain_text(&article.body),
        tags: article.tags.clone(),
    }
}
