//! The side panel describing the visitor of the open conversation, and their support
//! access (in `access.rs`, a module of its own fetched with the first visitor shown).

use client::web::lazy::{self, NotLoaded};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use protocol::api::{VerificationMethod, VisitorContext};

use super::access::SupportAccess;
use crate::console::Console;
use crate::format;
use crate::l10n::t;
use crate::state::Detail;

/// An `aside` with the visitor's name, page, browser, when they were first and last
/// seen, and their support access.
#[component]
pub fn VisitorPanel() -> impl IntoView {
    let console = expect_context::<Console>();
    let detail = console.detail;
    let visitor = Memo::new(move |_| {
        detail.with(|detail| match detail {
            Detail::Ready(open) => Some((open.summary.id, open.visitor.clone())),
            _ => None,
        })
    });
    move || visitor.get().map(|(conversation_id, visitor)| view! { <VisitorDetails conversation_id visitor /> })
}

/// The support access section, compiled into a module of its own (`wasm_split`): the
/// inbox shows without it.
#[wasm_split(support_access, wasm_split_path = leptos::wasm_split, fallible)]
fn support_access(conversation_id: i64, user_id: Option<String>) -> Result<AnyView, NotLoaded> {
    Ok(view! { <SupportAccess conversation_id user_id /> }.into_any())
}

#[component]
fn VisitorDetails(conversation_id: i64, visitor: VisitorContext) -> impl IntoView {
    let identity = visitor.identity.clone();
    let verified_user_id = visitor.verified.as_ref().and_then(|proof| proof.user_id.clone());
    let (proved_name, proved_email, proved_user_id) =
        visitor.verified.clone().map(|proof| (proof.name, proof.email, proof.user_id)).unwrap_or_default();
    let claims_anything = identity.email.is_some() || identity.user_id.is_some() || identity.name.is_some();
    let status = match &visitor.verified {
        Some(proof) => {
            let how = match proof.method {
                VerificationMethod::UserHash => t("identity-verified-hash"),
                VerificationMethod::IdentityToken => t("identity-verified-token"),
            };
            Some(view! { <p class="identity-status verified">{how}</p> }.into_any())
        }
        None if claims_anything => {
            Some(view! { <p class="identity-status unverified">{t("identity-unverified")}</p> }.into_any())
        }
        None => None,
    };
    let host_facts = view! {
        {fact("fact-name", identity.name, proved_name)}
        {fact("fact-email", identity.email, proved_email)}
        {fact("fact-user-id", identity.user_id, proved_user_id)}
        {fact("fact-company-id", identity.company_id, None)}
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
        <aside class="visitor-panel" aria-label=t("visitor")>
            <h2 class="pane-title">{visitor.name}</h2>
            {status}
            <dl class="facts">
                {host_facts}
                <dt>{t("fact-page")}</dt>
                {page_link(visitor.page_url)}
                <dt>{t("fact-browser")}</dt>
                {browser.unwrap_or_else(|| view! { <dd class="muted">{t("unknown")}</dd> }.into_any())}
                <dt>{t("fact-first-seen")}</dt>
                <dd>
                    <time datetime=format::iso(visitor.first_seen)>{format::date_time(visitor.first_seen)}</time>
                </dd>
                <dt>{t("fact-last-seen")}</dt>
                <dd>
                    <time datetime=format::iso(visitor.last_seen)>{format::date_time(visitor.last_seen)}</time>
                </dd>
            </dl>
            {lazy::view(move || support_access(conversation_id, verified_user_id.clone()))}
        </aside>
    }
}

/// One fact of the host's identity: the proved value marked verified, else the claim
/// marked as one.
fn fact(label: &'static str, claimed: Option<String>, proved: Option<String>) -> Option<AnyView> {
    let value = match (proved, claimed) {
        (Some(proved), _) => {
            view! { <dd>{proved}<span class="verified-mark">" " {t("fact-verified")}</span></dd> }.into_any()
        }
        (None, Some(claimed)) => {
            view! { <dd><span class="claim-mark">{t("fact-claims")} " "</span>{claimed}</dd> }.into_any()
        }
        (None, None) => return None,
    };
    Some(view! { <dt>{t(label)}</dt>{value} }.into_any())
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
        _ => view! { <dd class="muted">{t("unknown")}</dd> }.into_any(),
    }
}
