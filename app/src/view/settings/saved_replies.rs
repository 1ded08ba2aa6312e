//! The "Saved replies" settings: the workspace's replies, and a form to add one or to
//! change one, with the server's refusals beside each field. Changes go into the list
//! the composers offer at once.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::replies::{SavedReply, SavedReplyInput};

use crate::api;
use crate::console::Console;
use crate::dom;
use crate::l10n::{t, t_with};
use crate::refusal::{Refusal, field_message};
use crate::view::field::{AreaField, TextField};
use crate::view::reply_picker::SavedReplies;

/// The variables a reply may use, for the hint under the body field (Fluent's own
/// braces keep them out of the catalog's text).
const VARIABLES: &str = "{{visitor.name}}, {{visitor.first_name}}, {{visitor.email}}, {{agent.name}}, \
     {{agent.first_name}}, {{ticket.number}}, {{ticket.subject}}";

/// How a fallback is written, for the same hint.
const FALLBACK: &str = "{{visitor.first_name|there}}";

/// The list with "Edit" and "Delete" on each reply, and the form.
#[component]
pub fn SavedRepliesSettings() -> impl IntoView {
    let console = expect_context::<Console>();
    let saved = expect_context::<SavedReplies>();
    let shortcut = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    // The reply being changed; `None` while the form adds one.
    let editing = RwSignal::new(None::<i64>);
    let refusal = RwSignal::new(None::<Refusal>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    saved.refresh(console);

    let clear = move || {
        editing.set(None);
        shortcut.set(String::new());
        title.set(String::new());
        body.set(String::new());
        refusal.set(None);
    };
    let edit = move |reply: SavedReply| {
        editing.set(Some(reply.id));
        shortcut.set(reply.shortcut);
        title.set(reply.title);
        body.set(reply.body);
        refusal.set(None);
        done.set(None);
        dom::focus_by_id("saved-reply-shortcut");
    };
    let save = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let input = SavedReplyInput {
            shortcut: shortcut.get_untracked(),
            title: title.get_untracked(),
            body: body.get_untracked(),
        };
        let id = editing.get_untracked();
        let csrf_token = console.csrf_token();
        busy.set(true);
        refusal.set(None);
        done.set(None);
        spawn_local(async move {
            let result = match id {
                Some(id) => api::update_saved_reply(&csrf_token, id, &input).await,
                None => api::create_saved_reply(&csrf_token, &input).await,
            };
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match result {
                Ok(reply) => {
                    done.set(Some(t_with("reply-saved", &[("shortcut", (&reply.shortcut).into())])));
                    saved.saved(reply);
                    clear();
                }
                // What was typed stays, for the agent to correct.
                Err(error) => refusal.set(Some(Refusal::of(console, &error))),
            }
        });
    };
    let delete = move |reply: SavedReply| {
        if busy.get_untracked()
            || !dom::confirm(&t_with("reply-delete-question", &[("shortcut", (&reply.shortcut).into())]))
        {
            return;
        }
        let csrf_token = console.csrf_token();
        busy.set(true);
        refusal.set(None);
        done.set(None);
        spawn_local(async move {
            let result = api::delete_saved_reply(&csrf_token, reply.id).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match result {
                Ok(()) => {
                    saved.deleted(reply.id);
                    if editing.get_untracked() == Some(reply.id) {
                        clear();
                    }
                    done.set(Some(t_with("reply-deleted", &[("shortcut", (&reply.shortcut).into())])));
                }
                Err(error) => refusal.set(Some(Refusal::of(console, &error))),
            }
        });
    };

    let row = move |reply: SavedReply| {
        let (for_edit, for_delete) = (reply.clone(), reply.clone());
        view! {
            <li>
                <code>{format!("/{}", reply.shortcut)}</code>
                <span class="key-name">{reply.title.clone()}</span>
                <button
                    class="button small ghost"
                    type="button"
                    aria-label=t_with("reply-edit-label", &[("shortcut", (&reply.shortcut).into())])
                    disabled=busy
                    on:click=handler(move |_| edit(for_edit.clone()))
                >
                    {t("edit")}
                </button>
                <button
                    class="button small ghost danger-text"
                    type="button"
                    aria-label=t_with("reply-delete-label", &[("shortcut", (&reply.shortcut).into())])
                    disabled=busy
                    on:click=handler(move |_| delete(for_delete.clone()))
                >
                    {t("delete")}
                </button>
            </li>
        }
    };
    let list = move || {
        if saved.list.with(Option::is_none)
            && let Some(message) = saved.error.get()
        {
            return view! {
                <p class="form-error" role="alert">{message}</p>
                <button class="button" type="button" on:click=handler(move |_| saved.refresh(console))>
                    {t("try-again")}
                </button>
            }
            .into_any();
        }
        match saved.list.get() {
            None => view! { <p class="muted">{t("replies-loading")}</p> }.into_any(),
            Some(replies) if replies.is_empty() => view! { <p class="muted">{t("replies-none")}</p> }.into_any(),
            Some(replies) => view! {
                <ul class="key-list" aria-label=t("replies-label")>
                    {replies.into_iter().map(row).collect_view()}
                </ul>
            }
            .into_any(),
        }
    };

    view! {
        <section class="settings-card" aria-labelledby="saved-replies-title">
            <h3 id="saved-replies-title">{t("replies-label")}</h3>
            <p class="hint">
                {t("replies-hint")}
            </p>
            {move || list()}
            <form class="saved-reply-form" aria-labelledby="saved-reply-form-title" on:submit=handler(save)>
                <h4 id="saved-reply-form-title">
                    {move || if editing.get().is_some() { t("reply-change") } else { t("reply-new") }}
                </h4>
                <TextField
                    id="saved-reply-shortcut"
                    label=t("reply-shortcut")
                    value=shortcut
                    hint=t("reply-shortcut-hint")
                    error=field_message(refusal, "shortcut")
                />
                <TextField id="saved-reply-title" label=t("field-title") value=title error=field_message(refusal, "title") />
                <AreaField
                    id="saved-reply-body"
                    label=t("reply-text")
                    value=body
                    hint=t_with("reply-text-hint", &[("variables", VARIABLES.into()), ("fallback", FALLBACK.into())])
                    rows=5
                    error=field_message(refusal, "body")
                />
                <div class="form-actions">
                    <button class="button primary" type="submit" disabled=busy>
                        {move || if editing.get().is_some() { t("article-save-changes") } else { t("reply-add") }}
                    </button>
                    {move || {
                        editing
                            .get()
                            .is_some()
                            .then(|| {
                                view! {
                                    <button class="button" type="button" on:click=handler(move |_| clear())>
                                        {t("cancel")}
                                    </button>
                                }
                            })
                    }}
                    <div class="form-feedback" aria-live="polite">
                        {move || {
                            refusal
                                .get()
                                .map(|refusal| view! { <p class="form-error" role="alert">{refusal.message}</p> }.into_any())
                                .or_else(|| done.get().map(|line| view! { <p class="form-success">{line}</p> }.into_any()))
                        }}
                    </div>
                </div>
            </form>
        </section>
    }
}
