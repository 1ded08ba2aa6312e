//! "These might help": up to three articles matching the chat draft, above the
//! composer. Opening one keeps the draft; Back returns to it.

use leptos::prelude::*;

use super::EntryList;
use crate::help::{Help, Load};
use crate::l10n::t;

/// The suggestions for the chat draft; nothing while there are none.
#[component]
pub fn Suggestions(help: Help) -> impl IntoView {
    move || match help.suggestions.get() {
        Load::Ready(entries) if !entries.is_empty() => Some(view! {
            <section class="suggestions" aria-labelledby="suggestions-heading">
                <h2 class="section-title" id="suggestions-heading">
                    {t("help-suggestions")}
                </h2>
                <EntryList help entries group="suggestion" />
            </section>
        }),
        _ => None,
    }
}
