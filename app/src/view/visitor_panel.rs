//! The side panel describing the visitor of the open conversation.

use leptos::prelude::*;
use protocol::api::VisitorContext;

use crate::console::Console;
use crate::format;
use crate::state::Detail;

/// An `aside` with the visitor's name, page, browser and when they were first and last seen.
#[component]
pub fn VisitorPanel() -> impl IntoView {
    let console = expect_context::<Console>();
    let detail = console.detail;
    let visitor = Memo::new(move |_| {
        detail.with(|detail| match detail {
            Detail::Ready(open) => Some(open.visitor.clone()),
            _ => None,
        })
    });
    move || visitor.get().map(|visitor| view! { <VisitorDetails visitor /> })
}

#[component]
fn VisitorDetails(visitor: VisitorContext) -> impl IntoView {
    let identity = visitor.identity.clone();
    let said =
        |label: &'static str, value: Option<String>| value.map(|value| view! { <dt>{label}</dt><dd>{value}</dd> });
    let host_facts = view! {
        {said("Email", identity.email)}
        {said("User id", identity.user_id)}
        {said("Company id", identity.company_id)}
        {identity
            .attributes
            .into_iter()
            .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
            .collect_view()}
    };
    let browser = visitor.user_agent.as_deref().map(|user_agent| {
        view! { <dd title=user_agent.to_owned()>{format::summarize_user_agent(user_agent)}</dd> }.into_any()
    });
    view! {
        <aside class="visitor-panel" aria-label="Visitor">
            <h2 class="pane-title">{visitor.name}</h2>
            <dl class="facts">
                {host_facts}
                <dt>"Page"</dt>
                {page_link(visitor.page_url)}
                <dt>"Browser"</dt>
                {browser.unwrap_or_else(|| view! { <dd class="muted">"Unknown"</dd> }.into_any())}
                <dt>"First seen"</dt>
                <dd>
                    <time datetime=format::iso(visitor.first_seen)>{format::date_time(visitor.first_seen)}</time>
                </dd>
                <dt>"Last seen"</dt>
                <dd>
                    <time datetime=format::iso(visitor.last_seen)>{format::date_time(visitor.last_seen)}</time>
                </dd>
            </dl>
        </aside>
    }
}

/// The visitor's page as a link. The URL comes from the visitor's browser, so only
/// http(s) URLs become links: anything else (say `javascript:`) is shown as text.
fn page_link(page_url: Option<String>) -> AnyView {
    match page_url {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            let href = url.clone();
            view! {
                <dd class="page-url">
                    <a href=href target="_blank" rel="noopener noreferrer">{url}</a>
                </dd>
            }
            .into_any()
        }
        Some(text) if !text.is_empty() => view! { <dd class="page-url">{text}</dd> }.into_any(),
        _ => view! { <dd class="muted">"Unknown"</dd> }.into_any(),
    }
}
