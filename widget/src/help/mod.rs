//! The help center inside the messenger: which screen the visitor is on (the help home,
//! a category, an article, the chat, or the email form and ticket list that
//! [`crate::tickets`] fills), the data each screen shows, and the requests behind it (in
//! `requests`), made with the chat's visitor token.
//!
//! Search-as-you-type and the suggestions under a chat draft are debounced, and every
//! request that can be overtaken carries a ticket: its answer is shown only if no newer
//! request of its kind was made since, so a slow answer to an old query never replaces
//! the answer to the current one.
//!
//! The widget's size is budgeted and every distinct signal or view type costs code, so
//! all article lists share one type, [`Entry`], and the bookkeeping that needs no
//! reactivity sits in one `Runtime`, as in [`Chat`].

mod focus;
mod navigation;
mod requests;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use protocol::help::{ArticleSummary, HelpHome, SearchResult};

pub use self::focus::FEEDBACK_KEY;
use self::focus::Focus;
use self::navigation::Navigation;
pub use self::navigation::Screen;
use crate::chat::{Boot, Chat};
use crate::format::Sentence;

/// Data on its way, there, or not coming (with a sentence saying why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(Sentence),
}

/// The visitor's answer to "Did this answer your question?" for one article, and how
/// sending it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Sending(bool),
    Sent(bool),
    /// Not recorded; the visitor may answer again.
    Failed,
}

/// An article in a list: a popular article, one of a category, a search hit or a
/// suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub slug: String,
    pub title: String,
    /// The search snippet, if any.
    pub snippet: Option<String>,
    /// Invariant: when true, `title` and `snippet` are a search hit's `title_html` and
    /// `snippet_html`: text the server escaped, whose only markup is `<mark>` around
    /// matched words. Only then may a view insert them as HTML.
    pub marked: bool,
}

impl From<ArticleSummary> for Entry {
    fn from(article: ArticleSummary) -> Self {
        Self { slug: article.slug, title: article.title, snippet: None, marked: false }
    }
}

impl From<SearchResult> for Entry {
    fn from(hit: SearchResult) -> Self {
        Self { slug: hit.slug, title: hit.title_html, snippet: Some(hit.snippet_html), marked: true }
    }
}

/// The help center's state and actions. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Help {
    chat: Chat,
    navigation: RwSignal<Navigation>,
    /// What the messenger shows between its header and its composer: `None` is the help
    /// home. A workspace without published articles shows the chat there instead.
    pub shown: Memo<Option<Screen>>,
    pub home: RwSignal<Load<HelpHome>>,
    /// The search box's text; kept while the visitor reads a result.
    pub query: RwSignal<String>,
    /// Hits for `query` (meaningless while it is empty).
    pub results: RwSignal<Load<Vec<Entry>>>,
    /// The articles of the category on screen.
    pub category: RwSignal<Load<Vec<Entry>>>,
    /// Articles that might answer the chat draft; anything but a non-empty `Ready`
    /// hides the list.
    pub suggestions: RwSignal<Load<Vec<Entry>>>,
    /// The article on screen.
    pub article: RwSignal<Load<protocol::help::Article>>,
    /// Answers given on this page load, by article id.
    pub answers: RwSignal<Vec<(i64, Answer)>>,
    runtime: StoredValue<Rc<Runtime>, LocalStorage>,
}

/// Bookkeeping behind the signals that nothing renders.
#[derive(Default)]
struct Runtime {
    /// The latest ticket of each kind of request that can be overtaken.
    search: Cell<u64>,
    suggest: Cell<u64>,
    article: Cell<u64>,
    category: Cell<u64>,
    /// Which category and article `category` and `article` hold (or are loading).
    category_id: Cell<Option<i64>>,
    article_slug: RefCell<Option<String>>,
    /// Whether the visitor has done anything here yet; until then the messenger may
    /// still move to the chat on its own when it learns there is a conversation.
    touched: Cell<bool>,
    focus: Focus,
}

impl Runtime {
    /// A ticket for a new request of the kind `latest` counts; every earlier ticket of
    /// that kind stops being current.
    fn next(latest: &Cell<u64>) -> u64 {
        latest.set(latest.get().wrapping_add(1));
        latest.get()
    }
}

impl Help {
    /// Creates the state on the help home (or on the chat for a visitor who has a
    /// conversation) and installs the effects that load data once the chat has a
    /// session. Call inside a component.
    pub fn start(chat: Chat) -> Self {
        let pending = chat.outbox.with_untracked(|outbox| !outbox.entries().is_empty());
        let navigation = RwSignal::new(if chat.has_conversation.get_untracked() || pending {
            Navigation::starting_at(Screen::Chat)
        } else {
            Navigation::default()
        });
        let home = RwSignal::new(Load::<HelpHome>::Loading);
        let query = RwSignal::new(String::new());
        let shown = Memo::new(move |_| {
            let current = navigation.with(|navigation| navigation.current().cloned());
            let no_articles = home.with(
                |home| matches!(home, Load::Ready(home) if home.categories.is_empty() && home.popular.is_empty()),
            );
            if current.is_none() && no_articles && query.with(|query| query.trim().is_empty()) {
                Some(Screen::Chat)
            } else {
                current
            }
        });
        let help = Self {
            chat,
            navigation,
            shown,
            home,
            query,
            results: RwSignal::new(Load::Loading),
            category: RwSignal::new(Load::Loading),
            suggestions: RwSignal::new(Load::Loading),
            article: RwSignal::new(Load::Loading),
            answers: RwSignal::new(Vec::new()),
            runtime: StoredValue::new_local(Rc::default()),
        };
        help.install();
        help
    }

    /// Whether there is a screen to go back from (the Back button shows).
    pub fn can_go_back(self) -> bool {
        !self.navigation.with(Navigation::at_home)
    }

    /// Whether the home shows search results rather than what to browse.
    pub fn searching(self) -> bool {
        self.query.with(|query| !query.trim().is_empty())
    }

    /// Opens the chat, unless it is already on screen (perhaps as the home of a
    /// workspace without articles, where a Back button would lead nowhere new).
    pub fn open_chat(self) {
        if self.shown.get_untracked() != Some(Screen::Chat) {
            self.navigate(Screen::Chat);
        }
    }

    /// Opens a category's list of articles.
    pub fn open_category(self, id: i64, name: String) {
        self.navigate(Screen::Category { id, name });
        self.arrive();
    }

    /// Opens an article and records the view.
    pub fn open_article(self, slug: String) {
        self.navigate(Screen::Article { slug: slug.clone() });
        self.load_article(slug, true);
    }

    /// Opens a screen that belongs to another part of the messenger (the email form, the
    /// ticket list); that part loads what the screen shows.
    pub fn open(self, screen: Screen) {
        self.navigate(screen);
    }

    /// Moves focus, after the next render, to the control whose `data-focus-key` is
    /// `key`, or to the screen's main control.
    pub fn focus(self, key: Option<String>) {
        if let Some(runtime) = self.runtime() {
            runtime.focus.request(key);
        }
    }

    /// Returns to the previous screen, giving focus back to the control that left it.
    pub fn back(self) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        runtime.touched.set(true);
        let opener = self.navigation.try_update(Navigation::back).flatten();
        self.arrive();
        runtime.focus.request(opener);
    }

    /// The visitor's answer for an article, if any (tracked).
    pub fn answer_for(self, article_id: i64) -> Option<Answer> {
        self.answers.with(|answers| answers.iter().find(|(id, _)| *id == article_id).map(|(_, answer)| *answer))
    }

    fn runtime(self) -> Option<Rc<Runtime>> {
        self.runtime.try_get_value()
    }

    fn install(self) {
        let chat = self.chat;
        // Load once a session exists, and again for a new one; retry what failed.
        Effect::new(move |_| match chat.boot.get() {
            Boot::Ready => {
                if !self.home.with_untracked(|home| matches!(home, Load::Ready(_))) {
                    self.load_home();
                }
                if !self.results.with_untracked(|results| matches!(results, Load::Ready(_))) {
                    self.search_now();
                }
            }
            Boot::Refused(_) => self.home.set(Load::Failed(Sentence::Message(requests::UNREACHABLE))),
            Boot::Starting | Boot::Unreachable | Boot::Limited => {}
        });
        // A visitor who turns out to have a conversation, before doing anything here,
        // sees it as the messenger always showed it.
        Effect::new(move |_| {
            let untouched = self.runtime().is_some_and(|runtime| !runtime.touched.get());
            if chat.has_conversation.get()
                && untouched
                && self.navigation.with_untracked(Navigation::at_home)
                && self.query.with_untracked(String::is_empty)
            {
                self.navigation.update(|navigation| navigation.open(Screen::Chat, None));
            }
        });
        Effect::new(move |_| chat.log_visible.set(self.shown.get() == Some(Screen::Chat)));
        Effect::new(move |_| {
            let draft = chat.draft.get();
            // Read so the effect runs again once a session exists.
            let ready = chat.boot.with(|boot| *boot == Boot::Ready);
            self.suggest_for(&draft, ready);
        });
        // The panel opened (or Retry was pressed): focus goes to the screen's main
        // control. Not on the first run, which would steal focus from the host page
        // while the messenger preloads.
        Effect::new(move |previous: Option<u32>| {
            let requests = chat.focus_requests.get();
            if let Some(runtime) = self.runtime().filter(|_| previous.is_some()) {
                runtime.focus.request(None);
            }
            requests
        });
    }

    /// Puts a screen on top, remembering which control opened it, and asks for focus
    /// to move into it.
    fn navigate(self, screen: Screen) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        runtime.touched.set(true);
        let opener = focus::focused_key();
        self.navigation.update(|navigation| navigation.open(screen, opener));
        runtime.focus.request(None);
    }

    /// Loads what the screen now on top shows, unless it already holds it.
    fn arrive(self) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        match self.navigation.with_untracked(|navigation| navigation.current().cloned()) {
            Some(Screen::Category { id, .. }) => {
                let held = runtime.category_id.get() == Some(id)
                    && !self.category.with_untracked(|category| matches!(category, Load::Failed(_)));
                if !held {
                    self.load_category(id);
                }
            }
            Some(Screen::Article { slug }) => {
                let held = runtime.article_slug.borrow().as_deref() == Some(slug.as_str())
                    && !self.article.with_untracked(|article| matches!(article, Load::Failed(_)));
                if !held {
                    self.load_article(slug, false);
                }
            }
            Some(Screen::Chat | Screen::Email | Screen::Tickets | Screen::Access) | None => {}
        }
    }
}
