//! The help center's shared state and actions: the article and category lists, and the
//! article the editor works on. It lives as long as the signed-in console, so switching
//! to the inbox and back keeps whatever the agent typed.

mod form;

use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::help::{Article, ArticleStatus, ArticleSummary, Category};
use wasm_bindgen::JsCast;

use crate::api;
use crate::console::Console;
use crate::dom::{self, Listener};

pub use form::{Fields, Form};

/// Asked before unsaved changes are thrown away.
const DISCARD_QUESTION: &str = "article-discard-question";

/// Which part of the help center is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Articles,
    Editor,
    Insights,
}

/// The article the editor works on.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// An article that has not been saved yet.
    New,
    Loading(i64),
    Failed(i64, String),
    /// No article with this id in the agent's workspace.
    Missing(i64),
    /// The article as the server last returned it.
    Saved(Box<Article>),
}

impl Subject {
    /// The id of the stored article the editor works on; `None` for a new one.
    pub fn id(&self) -> Option<i64> {
        match self {
            Subject::New => None,
            Subject::Loading(id) | Subject::Failed(id, _) | Subject::Missing(id) => Some(*id),
            Subject::Saved(article) => Some(article.id),
        }
    }
}

/// The answer to the editor's last action, shown beside its buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It worked; the message id of what to say.
    Done(&'static str),
    /// The server refused. `taken_slug` is the slug another article already uses, so the
    /// slug field is marked while it still holds that value.
    Refused { message: String, taken_slug: Option<String> },
}

/// Everything the help-center views share. `Copy`, like [`Console`]: every field is an
/// arena handle owned by the signed-in shell.
#[derive(Clone, Copy)]
pub struct HelpCenter {
    console: Console,
    pub section: RwSignal<Section>,
    /// Every article of the workspace, drafts included; `None` until the first fetch answers.
    pub articles: RwSignal<Option<Vec<ArticleSummary>>>,
    pub articles_error: RwSignal<Option<String>>,
    /// Invariant: sorted by position, then name.
    pub categories: RwSignal<Option<Vec<Category>>>,
    pub categories_error: RwSignal<Option<String>>,
    pub subject: RwSignal<Subject>,
    pub form: Form,
    /// The fields as last loaded or saved; the form differs from them while there are
    /// unsaved changes.
    baseline: RwSignal<Fields>,
    /// Whether the form differs from what the server has.
    pub unsaved: Memo<bool>,
    /// A save or delete is waiting for the server.
    pub busy: RwSignal<bool>,
    pub outcome: RwSignal<Option<Outcome>>,
    /// Bumped whenever the editor starts on another article, so answers meant for the
    /// previous one are dropped; and per list fetch, so an older answer cannot win.
    generations: StoredValue<Generations>,
    listeners: StoredValue<Vec<Listener>, LocalStorage>,
}

#[derive(Debug, Default)]
struct Generations {
    editor: u64,
    articles: u64,
}

impl HelpCenter {
    /// Creates the state for the signed-in console; call [`HelpCenter::start`] next.
    pub fn new(console: Console) -> Self {
        let form = Form::new();
        let baseline = RwSignal::new(Fields::default());
        Self {
            console,
            section: RwSignal::new(Section::Articles),
            articles: RwSignal::new(None),
            articles_error: RwSignal::new(None),
            categories: RwSignal::new(None),
            categories_error: RwSignal::new(None),
            subject: RwSignal::new(Subject::New),
            form,
            baseline,
            unsaved: Memo::new(move |_| baseline.with(|fields| form.differs_from(fields))),
            busy: RwSignal::new(false),
            outcome: RwSignal::new(None),
            generations: StoredValue::new(Generations::default()),
            listeners: StoredValue::new_local(Vec::new()),
        }
    }

    /// Asks the browser to warn before the tab closes or reloads with unsaved changes.
    pub fn start(self) {
        let warn = Listener::on_window("beforeunload", move |event| {
            if self.has_unsaved() {
                event.prevent_default();
                // Older browsers show the dialog only when `returnValue` is set.
                if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                    event.set_return_value(crate::l10n::t(DISCARD_QUESTION));
                }
            }
        });
        self.listeners.update_value(|listeners| listeners.extend(warn));
    }

    /// Whether the editor holds changes the server does not have.
    pub fn has_unsaved(self) -> bool {
        self.section.try_get_untracked() == Some(Section::Editor) && self.unsaved.try_get_untracked() == Some(true)
    }

    /// Whether it is fine to throw the editor's changes away: there are none, or the
    /// agent says so.
    pub fn may_discard(self) -> bool {
        !self.has_unsaved() || dom::confirm(crate::l10n::t(DISCARD_QUESTION))
    }

    /// Switches section. Leaving the editor asks before discarding unsaved changes and
    /// closes the article.
    pub fn show(self, section: Section) {
        let current = self.section.get_untracked();
        if current == section {
            return;
        }
        if current == Section::Editor {
            if !self.may_discard() {
                return;
            }
            self.reset_editor();
        }
        self.section.set(section);
    }

    /// Opens the editor on a new, empty article.
    pub fn new_article(self) {
        if self.section.get_untracked() == Section::Editor && !self.may_discard() {
            return;
        }
        self.reset_editor();
        self.section.set(Section::Editor);
    }

    /// Opens the editor on a stored article, loading its Markdown.
    pub fn open(self, id: i64) {
        if self.section.get_untracked() == Section::Editor && !self.may_discard() {
            return;
        }
        let generation = self.reset_editor();
        self.subject.set(Subject::Loading(id));
        self.section.set(Section::Editor);
        spawn_local(async move {
            let result = api::article(id).await;
            if !self.is_editing(generation) {
                return;
            }
            match result {
                Ok(article) => {
                    let fields = Fields::of(&article);
                    self.form.set(fields.clone());
                    self.baseline.set(fields);
                    self.subject.set(Subject::Saved(Box::new(article)));
                }
                Err(api::ApiError::Status { status: 404, .. }) => self.subject.set(Subject::Missing(id)),
                Err(error) => self.subject.set(Subject::Failed(id, self.console.explain(&error))),
            }
        });
    }

    /// Saves the form with `status` (creating the article if it is new); `done` is what
    /// to say when it worked (a message id). What the agent typed stays in the form whatever the answer.
    pub fn save(self, status: ArticleStatus, done: &'static str) {
        let id = match &*self.subject.read_untracked() {
            Subject::New => None,
            Subject::Saved(article) => Some(article.id),
            Subject::Loading(_) | Subject::Failed(..) | Subject::Missing(_) => return,
        };
        if self.busy.get_untracked() {
            return;
        }
        let generation = self.generations.with_value(|generations| generations.editor);
        let sent = self.form.fields_untracked();
        let input = sent.input(status);
        let csrf_token = self.console.csrf_token();
        self.busy.set(true);
        self.outcome.set(None);
        spawn_local(async move {
            let result = match id {
                None => api::create_article(&csrf_token, &input).await,
                Some(id) => api::update_article(&csrf_token, id, &input).await,
            };
            // The agent may have discarded this article (or signed out) meanwhile.
            if !self.is_editing(generation) {
                return;
            }
            self.busy.set(false);
            match result {
                Ok(article) => {
                    let saved = Fields::of(&article);
                    self.form.set(self.form.fields_untracked().settle(&sent, &saved));
                    self.baseline.set(saved);
                    self.subject.set(Subject::Saved(Box::new(article)));
                    self.outcome.set(Some(Outcome::Done(done)));
                }
                Err(error) => {
                    let taken = matches!(error, api::ApiError::Status { status: 409, .. });
                    let message = self.console.explain(&error);
                    let taken_slug = taken.then_some(sent.slug);
                    self.outcome.set(Some(Outcome::Refused { message, taken_slug }));
                }
            }
        });
    }

    /// Deletes the open article and goes back to the list.
    pub fn delete(self) {
        let Subject::Saved(article) = self.subject.get_untracked() else {
            return;
        };
        if self.busy.get_untracked() {
            return;
        }
        let generation = self.generations.with_value(|generations| generations.editor);
        let csrf_token = self.console.csrf_token();
        self.busy.set(true);
        self.outcome.set(None);
        spawn_local(async move {
            let result = api::delete_article(&csrf_token, article.id).await;
            if !self.is_editing(generation) {
                return;
            }
            self.busy.set(false);
            match result {
                Ok(()) => {
                    self.reset_editor();
                    self.section.set(Section::Articles);
                    self.console
                        .show_notice(crate::l10n::t_with("article-deleted", &[("title", (&article.title).into())]));
                }
                Err(error) => {
                    let message = self.console.explain(&error);
                    self.outcome.set(Some(Outcome::Refused { message, taken_slug: None }));
                }
            }
        });
    }

    /// Fetches the article list again.
    pub fn refresh_articles(self) {
        let Some(generation) = self.generations.try_update_value(|generations| {
            generations.articles += 1;
            generations.articles
        }) else {
            return;
        };
        spawn_local(async move {
            let result = api::articles().await;
            if self.generations.try_with_value(|generations| generations.articles) != Some(generation) {
                return;
            }
            match result {
                Ok(articles) => {
                    self.articles.set(Some(articles));
                    self.articles_error.set(None);
                }
                Err(error) => self.articles_error.set(Some(self.console.explain(&error))),
            }
        });
    }

    /// Fetches the categories again.
    pub fn refresh_categories(self) {
        spawn_local(async move {
            let result = api::categories().await;
            if self.categories.is_disposed() {
                return;
            }
            match result {
                Ok(mut categories) => {
                    sort_categories(&mut categories);
                    self.categories.set(Some(categories));
                    self.categories_error.set(None);
                }
                Err(error) => self.categories_error.set(Some(self.console.explain(&error))),
            }
        });
    }

    /// Adds a category the server just created to the list.
    pub fn category_added(self, category: Category) {
        self.categories.update(|categories| {
            let categories = categories.get_or_insert_with(Vec::new);
            categories.retain(|known| known.id != category.id);
            categories.push(category);
            sort_categories(categories);
        });
    }

    /// The name of category `id`, once the categories are loaded; tracks them.
    pub fn category_name(self, id: i64) -> Option<String> {
        self.categories.with(|categories| {
            categories.as_ref()?.iter().find(|category| category.id == id).map(|category| category.name.clone())
        })
    }

    /// The console this help center belongs to.
    pub fn console(self) -> Console {
        self.console
    }

    /// Empties the editor for another article; returns the new editor generation.
    fn reset_editor(self) -> u64 {
        let generation = self
            .generations
            .try_update_value(|generations| {
                generations.editor += 1;
                generations.editor
            })
            .unwrap_or_default();
        self.form.set(Fields::default());
        self.baseline.set(Fields::default());
        self.subject.set(Subject::New);
        self.busy.set(false);
        self.outcome.set(None);
        generation
    }

    /// Whether the editor still works on what generation `generation` started, and the
    /// console is still there.
    fn is_editing(self, generation: u64) -> bool {
        self.generations.try_with_value(|generations| generations.editor) == Some(generation)
    }
}

/// Orders categories as the help center lists them.
fn sort_categories(categories: &mut [Category]) {
    categories.sort_by(|a, b| (a.position, &a.name).cmp(&(b.position, &b.name)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_sort_by_position_then_name() {
        let category =
            |id, name: &str, position| Category { id, name: name.into(), description: String::new(), position };
        let mut categories = vec![category(1, "Billing", 2), category(2, "Account", 2), category(3, "Start", 0)];
        sort_categories(&mut categories);
        let ids: Vec<i64> = categories.iter().map(|c| c.id).collect();
        assert_eq!(ids, [3, 2, 1]);
    }
}
