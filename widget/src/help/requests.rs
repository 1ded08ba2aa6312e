//! The help center's requests: the home, search (debounced, latest answer only), a
//! category's articles, an article and its view, feedback, and suggestions for the chat
//! draft. Each turns its answer into state for the views.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use client::web::http;
use client::web::lazy::{NotLoaded, Task};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::wasm_split;
use protocol::ErrorCode;

use super::{Answer, FEEDBACK_KEY, Help, Load, Runtime, Screen};
use crate::api::{self, ApiError};
use crate::format::Sentence;

/// Quiet time after a keystroke in the search box before searching.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(150);
/// Quiet time after a keystroke in the chat composer before looking for suggestions.
const SUGGEST_DEBOUNCE: Duration = Duration::from_millis(300);
/// Chat drafts with fewer words say too little to suggest anything.
const SUGGEST_MIN_WORDS: usize = 3;
/// How many articles "These might help" lists.
const SUGGESTIONS: usize = 3;
/// Only the start of a long draft is sent as a query; the server reads no more anyway.
const SUGGEST_MAX_CHARS: usize = 300;

/// Shown when a help request got no answer (a message id).
pub(super) const UNREACHABLE: &str = "help-unreachable";

impl Help {
    /// The visitor typed in the search box: search after a pause; an empty box goes
    /// back to the help home.
    pub fn search(self, text: String) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        runtime.touched.set(true);
        let ticket = Runtime::next(&runtime.search);
        let empty = text.trim().is_empty();
        self.query.set(text);
        if empty {
            return;
        }
        // Earlier results stay until the new ones arrive, so the list does not flicker.
        if self.results.with_untracked(|results| matches!(results, Load::Failed(_))) {
            self.results.set(Load::Loading);
        }
        set_timeout(move || self.run_search(ticket), SEARCH_DEBOUNCE);
    }

    /// Searches at once (the visitor pressed Enter, or the session just arrived).
    pub fn search_now(self) {
        if let Some(runtime) = self.runtime().filter(|_| self.searching()) {
            self.run_search(Runtime::next(&runtime.search));
        }
    }

    /// Loads the help home again after a failure.
    pub fn retry_home(self) {
        self.home.set(Load::Loading);
        self.load_home();
    }

    /// Loads the data of the screen on top again after a failure.
    pub fn retry_screen(self) {
        match self.navigation.with_untracked(|navigation| navigation.current().cloned()) {
            Some(Screen::Article { slug }) => self.load_article(slug, false),
            Some(Screen::Category { id, .. }) => self.load_category(id),
            Some(Screen::Chat | Screen::Email | Screen::Tickets | Screen::Access) | None => self.search_now(),
        }
    }

    /// Records the answer to "Did this answer your question?".
    pub fn answer(self, article_id: i64, helpful: bool) {
        let (Some(token), Some(runtime)) = (self.chat.token(), self.runtime()) else {
            self.set_answer(article_id, Answer::Failed);
            return;
        };
        self.set_answer(article_id, Answer::Sending(helpful));
        spawn_local(async move {
            let sent = api::send_feedback(&token, article_id, helpful).await.is_ok();
            self.set_answer(article_id, if sent { Answer::Sent(helpful) } else { Answer::Failed });
            if sent {
                // The buttons are gone; the thank-you takes their place, and focus.
                runtime.focus.request(Some(FEEDBACK_KEY.to_owned()));
            }
        });
    }

    pub(super) fn load_home(self) {
        let Some(token) = self.chat.token() else {
            return;
        };
        spawn_local(async move {
            let answer = api::help_home(&token).await;
            self.home.set(loaded(answer, "help-home-unavailable"));
        });
    }

    fn run_search(self, ticket: u64) {
        let Some(runtime) = self.runtime().filter(|runtime| runtime.search.get() == ticket) else {
            return;
        };
        // Without a session yet, the boot effect searches once there is one.
        let Some(token) = self.chat.token() else {
            return;
        };
        let query = self.query.get_untracked();
        spawn_local(async move {
            let answer = api::search(&token, query.trim(), None, false).await;
            if runtime.search.get() == ticket {
                let hits = answer.map(|hits| hits.into_iter().map(Into::into).collect());
                self.results.set(loaded(hits, "help-search-unavailable"));
            }
        });
    }

    pub(super) fn load_category(self, id: i64) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        let ticket = Runtime::next(&runtime.category);
        runtime.category_id.set(Some(id));
        let Some(token) = self.chat.token() else {
            self.category.set(Load::Failed(Sentence::Message(UNREACHABLE)));
            return;
        };
        self.category.set(Load::Loading);
        let pending = api::begin_category_articles(&token, id);
        spawn_local(async move {
            match read_category(self, pending, ticket).await {
                Ok(reading) => reading.await,
                Err(NotLoaded) => self.reader_not_loaded(self.category, |runtime| &runtime.category, ticket),
            }
        });
    }

    /// Shows the article `slug`, fetching it unless it is the one already held; with
    /// `count_view`, tells the server the visitor opened it.
    pub(super) fn load_article(self, slug: String, count_view: bool) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        let ticket = Runtime::next(&runtime.article);
        let held = self.article.with_untracked(|article| match article {
            Load::Ready(article) if article.slug == slug => Some(article.id),
            _ => None,
        });
        if let Some(id) = held {
            if count_view {
                self.record_view(id);
            }
            return;
        }
        *runtime.article_slug.borrow_mut() = Some(slug.clone());
        let Some(token) = self.chat.token() else {
            self.article.set(Load::Failed(Sentence::Message(UNREACHABLE)));
            return;
        };
        self.article.set(Load::Loading);
        let pending = api::begin_article(&token, &slug);
        spawn_local(async move {
            match read_article(self, pending, count_view, ticket).await {
                Ok(reading) => reading.await,
                Err(NotLoaded) => self.reader_not_loaded(self.article, |runtime| &runtime.article, ticket),
            }
        });
    }

    fn record_view(self, article_id: i64) {
        if let Some(token) = self.chat.token() {
            // Analytics only: a lost view is not worth bothering the visitor about.
            spawn_local(async move {
                let _ = api::record_view(&token, article_id).await;
            });
        }
    }

    /// The chat draft changed: look for articles after a pause, or hide the list when
    /// the draft has become too short (or was sent).
    pub(super) fn suggest_for(self, draft: &str, ready: bool) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        let ticket = Runtime::next(&runtime.suggest);
        let Some(query) = suggestion_query(draft) else {
            if self.suggestions.with_untracked(|found| matches!(found, Load::Ready(_))) {
                self.suggestions.set(Load::Loading);
            }
            return;
        };
        if !ready {
            return;
        }
        let weak = Rc::downgrade(&runtime);
        set_timeout(
            move || {
                let current = weak.upgrade().filter(|runtime| runtime.suggest.get() == ticket);
                let (Some(runtime), Some(token)) = (current, self.chat.token()) else {
                    return;
                };
                spawn_local(async move {
                    let answer = api::search(&token, &query, Some(SUGGESTIONS), true).await;
                    // Suggestions are a bonus: on failure the list just stays hidden.
                    if runtime.suggest.get() == ticket
                        && let Ok(hits) = answer
                    {
                        let found = Load::Ready(hits.into_iter().take(SUGGESTIONS).map(Into::into).collect());
                        // Unchanged suggestions are left alone, so the list does not
                        // flicker while the visitor keeps typing.
                        if self.suggestions.with_untracked(|shown| *shown != found) {
                            self.suggestions.set(found);
                        }
                    }
                });
            },
            SUGGEST_DEBOUNCE,
        );
    }

    /// The code that reads an answer into `load` could not be fetched: unless the help
    /// center is gone or a newer request (`current`) took over, the screen says the help
    /// center is unreachable.
    fn reader_not_loaded<T: Send + Sync + 'static>(
        self,
        load: RwSignal<Load<T>>,
        current: impl Fn(&Runtime) -> &Cell<u64>,
        ticket: u64,
    ) {
        if let Some(runtime) = self.runtime()
            && current(&runtime).get() == ticket
        {
            load.set(Load::Failed(Sentence::Message(UNREACHABLE)));
            runtime.focus.settle();
        }
    }

    fn set_answer(self, article_id: i64, answer: Answer) {
        self.answers.update(|answers| match answers.iter_mut().find(|(id, _)| *id == article_id) {
            Some(entry) => entry.1 = answer,
            None => answers.push((article_id, answer)),
        });
    }
}

// A category's articles and an article are asked for at once, and their answers read
// by code fetched meanwhile (`wasm_split`): the wire types' reading code comes with the
// screens that show them, never on a first open, and costs the request no round trip.
// `ticket` is the request's number; a newer request of the same kind wins. Where that
// code could not be fetched, the screen says the help center is unreachable.

/// Reads category `id`'s articles into `help.category`.
#[wasm_split(read_category, wasm_split_path = leptos::wasm_split, fallible)]
fn read_category(help: Help, pending: http::Pending, ticket: u64) -> Result<Task, NotLoaded> {
    Ok(Box::pin(read_category_now(help, pending, ticket)))
}

async fn read_category_now(help: Help, pending: http::Pending, ticket: u64) {
    let answer = api::category_articles(pending).await;
    let Some(runtime) = help.runtime() else {
        return;
    };
    if runtime.category.get() == ticket {
        let articles = answer.map(|articles| articles.into_iter().map(Into::into).collect());
        help.category.set(loaded(articles, "help-category-gone"));
        runtime.focus.settle();
    }
}

/// Reads an article into `help.article`; with `count_view`, then tells the server the
/// visitor opened it.
#[wasm_split(read_article, wasm_split_path = leptos::wasm_split, fallible)]
fn read_article(help: Help, pending: http::Pending, count_view: bool, ticket: u64) -> Result<Task, NotLoaded> {
    Ok(Box::pin(read_article_now(help, pending, count_view, ticket)))
}

async fn read_article_now(help: Help, pending: http::Pending, count_view: bool, ticket: u64) {
    let answer = api::article(pending).await;
    let Some(runtime) = help.runtime() else {
        return;
    };
    if runtime.article.get() != ticket {
        return;
    }
    let id = answer.as_ref().ok().map(|article| article.id);
    help.article.set(loaded(answer, "help-article-gone"));
    runtime.focus.settle();
    if let Some(id) = id.filter(|_| count_view) {
        help.record_view(id);
    }
}

/// What to search for while the visitor writes `draft`: `None` for fewer than three
/// words; at most the first [`SUGGEST_MAX_CHARS`] characters.
fn suggestion_query(draft: &str) -> Option<String> {
    let words = draft.split_whitespace().count();
    (words >= SUGGEST_MIN_WORDS).then(|| draft.trim().chars().take(SUGGEST_MAX_CHARS).collect())
}

/// An answer as a screen shows it; the message `not_found` when the server no longer
/// has what was asked for.
fn loaded<T>(answer: Result<T, ApiError>, not_found: &'static str) -> Load<T> {
    match answer {
        Ok(value) => Load::Ready(value),
        Err(error) if error.code() == Some(ErrorCode::NotFound) => Load::Failed(Sentence::Message(not_found)),
        Err(ApiError::Limited { .. }) => Load::Failed(Sentence::Message(crate::api::LIMITED)),
        Err(error) if error.is_transient() || error.is_unauthorized() => Load::Failed(Sentence::Message(UNREACHABLE)),
        Err(ApiError::Status { body, .. }) => Load::Failed(Sentence::Server(body.message)),
        Err(_) => Load::Failed(Sentence::Message(UNREACHABLE)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_wait_for_three_words() {
        assert_eq!(suggestion_query(""), None);
        assert_eq!(suggestion_query("reset my"), None);
        assert_eq!(suggestion_query("  reset   my\n"), None);
        assert_eq!(suggestion_query(" reset my password ").as_deref(), Some("reset my password"));
    }

    #[test]
    fn long_drafts_are_cut_to_their_start() {
        let draft = "word ".repeat(200);
        let query = suggestion_query(&draft).expect("enough words");
        assert_eq!(query.chars().count(), SUGGEST_MAX_CHARS);
        assert!(draft.starts_with(&query));
    }

    #[test]
    fn a_missing_article_reads_as_gone_and_an_outage_as_unreachable() {
        let gone = Err(ApiError::Status {
            status: 404,
            body: protocol::ErrorBody::new(ErrorCode::NotFound, "article not found"),
        });
        assert_eq!(loaded::<()>(gone, "gone"), Load::Failed(Sentence::Message("gone")));
        assert_eq!(loaded::<()>(Err(ApiError::Network), "gone"), Load::Failed(Sentence::Message(UNREACHABLE)));
        assert_eq!(loaded(Ok(1), "gone"), Load::Ready(1));
        let refused =
            Err(ApiError::Status { status: 403, body: protocol::ErrorBody::new(ErrorCode::Forbidden, "Not for you.") });
        assert_eq!(loaded::<()>(refused, "gone"), Load::Failed(Sentence::Server("Not for you.".to_owned())));
    }

    #[test]
    fn a_search_over_the_limit_asks_the_visitor_to_wait() {
        let limited = Err(ApiError::Limited { retry_after_secs: 3 });
        assert_eq!(loaded::<()>(limited, "gone"), Load::Failed(Sentence::Message(crate::api::LIMITED)));
    }
}
