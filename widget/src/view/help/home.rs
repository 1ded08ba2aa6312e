//! The help home: the search box, then either the search results or the ways to reach
//! a person (chat, email, the visitor's tickets), support access, the popular articles and the
//! categories to browse.

use client::web::dom::handler;
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use protocol::help::HelpHome;

use super::{ArticleList, EntryList, Problem};
use crate::chat::Chat;
use crate::help::{Help, Load};
use crate::l10n::t;
use crate::tickets::Tickets;
use crate::view::access::AccessEntry;
use crate::view::tickets::ContactOptions;

/// The help home.
#[component]
pub fn Home(chat: Chat, help: Help, tickets: Tickets) -> impl IntoView {
    let searching = Memo::new(move |_| help.searching());
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        help.search_now();
    };
    // Escape empties a search box that has text (as browsers do) instead of closing the
    // messenger; an empty box lets it close.
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Escape" && !help.query.with_untracked(String::is_empty) {
            event.prevent_default();
            help.search(String::new());
        }
    };
    let below = move || {
        if searching.get() {
            view! {
                <section class="section" aria-label=t("help-results-label")>
                    <ArticleList
                        help
                        list=help.results
                        loading="help-searching"
                        empty="help-no-results"
                        retry=Callback::new(move |()| help.search_now())
                    />
                </section>
            }
            .into_any()
        } else {
            view! { <Browse chat help tickets /> }.into_any()
        }
    };
    // The workspace's own greeting, above the search box, where it wrote one.
    let greeting = crate::look::greeting().map(|text| view! { <p class="greeting">{text}</p> });
    view! {
        <div class="screen">
            {greeting}
            <form class="search" role="search" on:submit=handler(on_submit)>
                <input
                    type="search"
                    class="search-field"
                    aria-label=t("help-search-label")
                    placeholder=t("help-search-placeholder")
                    autocomplete="off"
                    data-autofocus
                    prop:value=move || help.query.get()
                    on:input=handler(move |event| help.search(event_target_value(&event)))
                    on:keydown=handler(on_keydown)
                />
            </form>
            {move || below()}
        </div>
    }
}

/// What the home shows while the search box is empty: the ways to reach a person, then
/// the popular articles and the categories.
#[component]
fn Browse(chat: Chat, help: Help, tickets: Tickets) -> impl IntoView {
    let sections = move || match help.home.get() {
        Load::Loading => view! { <p class="hint">{t("help-home-loading")}</p> }.into_any(),
        Load::Failed(reason) => {
            view! { <Problem message=reason.text() retry=Callback::new(move |()| help.retry_home()) /> }.into_any()
        }
        Load::Ready(home) => sections(help, home).into_any(),
    };
    view! {
        <ContactOptions chat help tickets />
        <AccessEntry chat help />
        {move || sections()}
    }
}

/// Popular articles and the categories, each only when there are some.
fn sections(help: Help, home: HelpHome) -> impl IntoView {
    let HelpHome { categories, popular } = home;
    let popular = (!popular.is_empty()).then(|| {
        let entries = popular.into_iter().map(Into::into).collect();
        view! {
            <section class="section" aria-labelledby="popular-heading">
                <h2 class="section-title" id="popular-heading">
                    {t("help-popular")}
                </h2>
                <EntryList help entries group="article" />
            </section>
        }
    });
    let categories = (!categories.is_empty()).then(|| {
        let items = categories.into_iter().map(|category| {
            let (id, name) = (category.id, category.name);
            let description = (!category.description.is_empty())
                .then(|| view! { <span class="link-snippet">{category.description}</span> });
            let open = {
                let name = name.clone();
                move |_| help.open_category(id, name.clone())
            };
            view! {
                <li>
                    <button type="button" class="link" data-focus-key=format!("category:{id}") on:click=handler(open)>
                        <span class="link-title">{name}</span>
                        {description}
                    </button>
                </li>
            }
        });
        view! {
            <section class="section" aria-labelledby="categories-heading">
                <h2 class="section-title" id="categories-heading">
                    {t("help-topics")}
                </h2>
                <ul class="links">{items.collect_view()}</ul>
            </section>
        }
    });
    view! {
        {popular}
        {categories}
    }
}
