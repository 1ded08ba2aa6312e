//! The one status line: "Reconnecting…" while the live connection is down, plus short notices.

use leptos::prelude::*;

use crate::console::Console;
use crate::l10n::t;
use crate::state::Link;

/// A polite live region that is always in the page, so screen readers announce changes,
/// and collapses to nothing while there is nothing to say.
#[component]
pub fn StatusBanner() -> impl IntoView {
    let console = expect_context::<Console>();
    let (link, notice) = (console.link, console.notice);
    let reconnecting = move || link.get() == Link::Reconnecting;
    view! {
        <div class="status-banner" class:shown=move || reconnecting() || notice.with(Option::is_some) role="status">
            {move || reconnecting().then(|| view! { <span class="status-reconnecting">{t("status-reconnecting")}</span> })}
            {move || notice.get().map(|text| view! { <span class="status-notice">{text}</span> })}
        </div>
    }
}
