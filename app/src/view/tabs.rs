//! A page's tabs: a heading with a row of buttons, the current one marked
//! `aria-current="page"`. Used by the help center and tickets pages.

use client::web::dom::handler;
use leptos::prelude::*;

/// One tab button. `current` says which tab is shown; `choose` shows `target`.
pub fn tab_button<S>(
    current: impl Fn() -> S + Send + Sync + 'static,
    target: S,
    label: &'static str,
    choose: impl Fn(S) + Send + Sync + 'static,
) -> impl IntoView
where
    S: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <button
            class="button ghost"
            type="button"
            aria-current=move || (current() == target).then_some("page")
            on:click=handler(move |_| choose(target))
        >
            {label}
        </button>
    }
}
