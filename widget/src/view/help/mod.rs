//! The help center's screens: the home with its search, a category's articles, an
//! article with its feedback question, and the suggestions above the chat composer.
//! Like the chat's components, they read [`Help`]'s signals and call its actions;
//! [`Problem`] also serves the tickets' screens.

mod article;
mod category;
mod feedback;
mod home;
mod suggestions;

use client::web::dom::handler;
use leptos::either::Either;
use leptos::prelude::*;

pub use self::article::ArticleView;
pub use self::category::CategoryView;
pub use self::home::Home;
pub use self::suggestions::Suggestions;
use crate::help::{Entry, Help, Load};
use crate::l10n::{t, t_with};

/// Articles as buttons that open them. `group` prefixes each button's focus key, so
/// the same article can be listed twice on one screen.
#[component]
fn EntryList(help: Help, entries: Vec<Entry>, group: &'static str, #[prop(optional)] snippets: bool) -> impl IntoView {
    let items = entries.into_iter().map(|entry| {
        let Entry { slug, title, snippet, marked } = entry;
        // Invariant: only a search hit's title and snippet are inserted as HTML: the
        // server escaped them and added nothing but `<mark>` (see `Entry::marked`).
        // Titles of listed articles are plain text and go in as text.
        let title = if marked {
            Either::Left(view! { <span class="link-title" inner_html=title></span> })
        } else {
            Either::Right(view! { <span class="link-title">{title}</span> })
        };
        let snippet = snippet
            .filter(|_| marked && snippets)
            .map(|snippet| view! { <span class="link-snippet" inner_html=snippet></span> });
        view! {
            <li>
                <button
                    type="button"
                    class="link"
                    data-focus-key=format!("{group}:{slug}")
                    on:click=handler(move |_| help.open_article(slug.clone()))
                >
                    {title}
                    {snippet}
                </button>
            </li>
        }
    });
    view! { <ul class="links">{items.collect_view()}</ul> }
}

/// A list of articles as it loads: one line saying how loading went (a live region, so
/// screen readers hear the count without the list being read out on every keystroke),
/// Try again after a failure, then the articles with their snippets. `loading` and
/// `empty` are message ids.
#[component]
fn ArticleList(
    help: Help,
    list: RwSignal<Load<Vec<Entry>>>,
    loading: &'static str,
    empty: &'static str,
    retry: Callback<()>,
) -> impl IntoView {
    let summary = move || {
        list.with(|list| match list {
            Load::Loading => t(loading),
            Load::Failed(reason) => reason.text(),
            Load::Ready(found) if found.is_empty() => t(empty),
            Load::Ready(found) => t_with("help-article-count", &[("count", found.len().into())]),
        })
    };
    let quiet = move || list.with(|list| matches!(list, Load::Ready(found) if !found.is_empty()));
    let retry = move || {
        list.with(|list| matches!(list, Load::Failed(_))).then(|| {
            view! {
                <button type="button" class="pill" data-autofocus on:click=handler(move |_| retry.run(()))>
                    {t("try-again")}
                </button>
            }
        })
    };
    let entries = move || match list.get() {
        Load::Ready(entries) => Some(view! { <EntryList help entries group="article" snippets=true /> }),
        Load::Loading | Load::Failed(_) => None,
    };
    view! {
        <p class="hint" class:offscreen=quiet aria-live="polite">
            {move || summary()}
        </p>
        {move || retry()}
        {move || entries()}
    }
}

/// A plain sentence saying what went wrong, and a way to try again.
#[component]
pub(in crate::view) fn Problem(message: String, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="problem">
            <p>{message}</p>
            <button type="button" class="pill" data-autofocus on:click=handler(move |_| retry.run(()))>
                {t("try-again")}
            </button>
        </div>
    }
}
