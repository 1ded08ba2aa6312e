//! What the open ticket came with: the requester, the page and browser it was sent
//! from with the host's attributes, its rating, and the chat it was handed off from.

use client::web::dom::handler;
use leptos::prelude::*;
use protocol::api::{AuthorKind, Message};
use protocol::tickets::{Follower, Requester, Satisfaction, TicketContext};

use super::ticket_part;
use crate::format;
use crate::l10n::{t, t_with};
use crate::state::Page;
use crate::tickets::Tickets;

/// The requester, context and rating cards.
#[component]
pub fn TicketContextPanel() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let facts = ticket_part(tickets, |detail| {
        let proof = Proof { address_verified: detail.address_verified, user_id: detail.verified_user_id.clone() };
        let people = (detail.ticket.requester.clone(), detail.followers.clone());
        (people, proof, detail.context.clone(), detail.satisfaction.clone())
    });
    move || {
        facts.get().map(|((requester, followers), proof, context, satisfaction)| {
            view! {
                <RequesterCard requester proof />
                {(!followers.is_empty()).then(|| view! { <FollowersCard followers /> })}
                <ContextCard context />
                {satisfaction.map(|satisfaction| view! { <RatingCard satisfaction /> })}
            }
        })
    }
}

/// What is proven about the requester.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Proof {
    /// The address is proven theirs (a reply, a confirmation link, a verified identity).
    address_verified: bool,
    /// The host user id the ticket's visitor was verified as.
    user_id: Option<String>,
}

/// Who asked: address, name and the host's ids for them, each marked verified or as a
/// claim.
#[component]
fn RequesterCard(requester: Requester, proof: Proof) -> impl IntoView {
    let optional = |value: Option<String>| match value.filter(|value| !value.trim().is_empty()) {
        Some(value) => view! { <dd>{value}</dd> }.into_any(),
        None => view! { <dd class="muted">{t("not-given")}</dd> }.into_any(),
    };
    let email = if requester.email.is_empty() {
        view! { <dd class="muted">{t("not-given-yet")}</dd> }.into_any()
    } else {
        let href = format!("mailto:{}", requester.email);
        let mark = if proof.address_verified {
            view! { <span class="verified-mark">" " {t("fact-verified")}</span> }.into_any()
        } else {
            view! { <span class="claim-mark">" " {t("requester-unconfirmed")}</span> }.into_any()
        };
        view! {
            <dd>
                <a href=href>{requester.email}</a>
                {mark}
            </dd>
        }
        .into_any()
    };
    let user_id = match (requester.user_id, proof.user_id) {
        (Some(claimed), Some(proved)) if claimed == proved => {
            view! { <dd>{proved}<span class="verified-mark">" " {t("fact-verified")}</span></dd> }.into_any()
        }
        (Some(claimed), _) => {
            view! { <dd><span class="claim-mark">{t("fact-claims")} " "</span>{claimed}</dd> }.into_any()
        }
        (None, _) => view! { <dd class="muted">{t("not-given")}</dd> }.into_any(),
    };
    view! {
        <section class="settings-card" aria-labelledby="requester-title">
            <h4 id="requester-title" class="section-title">{t("tickets-col-requester")}</h4>
            <dl class="facts">
                <dt>{t("fact-email")}</dt>
                {email}
                <dt>{t("fact-name")}</dt>
                {optional(requester.name)}
                <dt>{t("requester-user-id")}</dt>
                {user_id}
                <dt>{t("requester-company-id")}</dt>
                {optional(requester.company_id)}
            </dl>
        </section>
    }
}

/// People copied on the ticket's mail, who receive its public replies.
#[component]
fn FollowersCard(followers: Vec<Follower>) -> impl IntoView {
    let rows = followers
        .into_iter()
        .map(|follower| {
            let label = match follower.name {
                Some(name) => format!("{name} <{}>", follower.email),
                None => follower.email,
            };
            view! { <li>{label}</li> }
        })
        .collect_view();
    view! {
        <section class="settings-card" aria-labelledby="followers-title">
            <h4 id="followers-title" class="section-title">{t("followers")}</h4>
            <p class="muted">{t("followers-hint")}</p>
            <ul class="followers">{rows}</ul>
        </section>
    }
}

/// The page and browser the ticket came from, and the host's attributes.
#[component]
fn ContextCard(context: TicketContext) -> impl IntoView {
    let page = match context.page_url {
        // Only http(s) URLs become links: the page comes from the visitor's browser.
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
    };
    let browser = match context.user_agent {
        Some(user_agent) if !user_agent.is_empty() => {
            view! { <dd title=user_agent.clone()>{format::summarize_user_agent(&user_agent)}</dd> }.into_any()
        }
        _ => view! { <dd class="muted">{t("unknown")}</dd> }.into_any(),
    };
    let attributes = context
        .attributes
        .into_iter()
        .map(|(name, value)| {
            view! {
                <dt>{name}</dt>
                <dd>{value}</dd>
            }
        })
        .collect_view();
    view! {
        <section class="settings-card" aria-labelledby="context-title">
            <h4 id="context-title" class="section-title">{t("context")}</h4>
            <dl class="facts">
                <dt>{t("fact-page")}</dt>
                {page}
                <dt>{t("fact-browser")}</dt>
                {browser}
                {attributes}
            </dl>
        </section>
    }
}

/// The requester's rating, with their comment.
#[component]
fn RatingCard(satisfaction: Satisfaction) -> impl IntoView {
    let rating = satisfaction.rating.min(5);
    let stars = format!("{}{}", "★".repeat(usize::from(rating)), "☆".repeat(usize::from(5 - rating)));
    let at = satisfaction.rated_at;
    let comment = satisfaction.comment.filter(|comment| !comment.trim().is_empty());
    view! {
        <section class="settings-card" aria-labelledby="rating-title">
            <h4 id="rating-title" class="section-title">{t("satisfaction")}</h4>
            <p>
                <span class="stars" aria-hidden="true">{stars}</span>
                " "
                {t_with("rating-out-of-five", &[("rating", u32::from(rating).into())])}
            </p>
            {comment.map(|comment| view! { <blockquote class="rating-comment">{comment}</blockquote> })}
            <p class="muted">
                <time datetime=format::iso(at)>{format::date_time(at)}</time>
            </p>
        </section>
    }
}

/// The chat the ticket was handed off from: open at first, and folds away.
#[component]
pub fn TranscriptPanel() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let console = tickets.console();
    let chat = ticket_part(tickets, |detail| (detail.conversation_id, detail.transcript.clone()));
    move || {
        let (conversation_id, transcript) = chat.get()?;
        if transcript.is_empty() && conversation_id.is_none() {
            return None;
        }
        let open_chat = conversation_id.map(|id| {
            view! {
                <button
                    class="button small"
                    type="button"
                    on:click=handler(move |_| {
                        console.page.set(Page::Inbox);
                        console.select(id);
                    })
                >
                    {t("open-chat")}
                </button>
            }
        });
        let count = transcript.len();
        let summary = t_with("transcript-summary", &[("count", count.into())]);
        Some(view! {
            <details class="settings-card transcript" open=true>
                <summary>{summary}</summary>
                <ol class="transcript-lines">{transcript.into_iter().map(transcript_line).collect_view()}</ol>
                {open_chat}
            </details>
        })
    }
}

/// One chat message of the transcript.
fn transcript_line(message: Message) -> impl IntoView {
    let from = match message.author {
        AuthorKind::Visitor => "from-visitor",
        AuthorKind::Agent => "from-agent",
        AuthorKind::System => "from-system",
    };
    view! {
        <li class=format!("transcript-line {from}")>
            <span class="event-author">{message.author_name}</span>
            " "
            <time class="event-time" datetime=format::iso(message.created_at)>
                {format::clock_time(message.created_at)}
            </time>
            <p class="event-body">{message.body}</p>
        </li>
    }
}
