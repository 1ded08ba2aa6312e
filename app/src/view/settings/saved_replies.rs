//! The "Saved replies" settings: the workspace's replies, and a form to add one or to
//! change one, with the server's refusals beside each field. Changes go into the list
//! the composers offer at once.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::replies::{SavedReply, SavedReplyInput};

use crate::api;
use crate::console::Console;
use crate::dom;
use crate::refusal::{Refusal, field_message};
use crate::view::field::{AreaField, TextField};
use crate::view::reply_picker::SavedReplies;

/// What the variables are and how a fallback is written, under the body field.
const BODY_HINT: &str = "Variables: {{visitor.name}}, {{visitor.first_name}}, {{visitor.email}}, {{agent.name}}, \
     {{agent.first_name}}, {{ticket.number}}, {{ticket.subject}}. In a ticket the visitor is the requester. \
     {{visitor.first_name|there}} writes \"there\" when the name is not known.";

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
                    done.set(Some(format!("Saved /{}", reply.shortcut)));
                    saved.saved(reply);
                    clear();
                }
                // What was typed stays, for the agent to correct.
                Err(error) => refusal.set(Some(Refusal::of(console, &error))),
            }
        });
    };
    let delete = move |reply: SavedReply| {
        if busy.get_untracked() || !dom::confirm(&format!("Delete the saved reply /{}?", reply.shortcut)) {
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
                    done.set(Some(format!("Deleted /{}", reply.shortcut)));
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
                    aria-label=format!("Edit /{}", reply.shortcut)
                    disabled=busy
                    on:click=move |_| edit(for_edit.clone())
                >
                    "Edit"
                </button>
                <button
                    class="button small ghost danger-text"
                    type="button"
                    aria-label=format!("Delete /{}", reply.shortcut)
                    disabled=busy
                    on:click=move |_| delete(for_delete.clone())
                >
                    "Delete"
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
                <button class="button" type="button" on:click=move |_| saved.refresh(console)>
                    "Try again"
                </button>
            }
            .into_any();
        }
        match saved.list.get() {
            None => view! { <p class="muted">"Loading saved replies…"</p> }.into_any(),
            Some(replies) if replies.is_empty() => view! { <p class="muted">"No saved replies yet."</p> }.into_any(),
            Some(replies) => view! {
                <ul class="key-list" aria-label="Saved replies">
                    {replies.into_iter().map(row).collect_view()}
                </ul>
            }
            .into_any(),
        }
    };

    view! {
        <section class="settings-card" aria-labelledby="saved-replies-title">
            <h3 id="saved-replies-title">"Saved replies"</h3>
            <p class="hint">
                "Answers agents insert into a chat or ticket reply by typing / and the shortcut, e.g. /refund."
            </p>
            {list}
            <form class="saved-reply-form" aria-labelledby="saved-reply-form-title" on:submit=save>
                <h4 id="saved-reply-form-title">
                    {move || if editing.get().is_some() { "Change saved reply" } else { "New saved reply" }}
                </h4>
                <TextField
                    id="saved-reply-shortcut"
                    label="Shortcut"
                    value=shortcut
                    hint="Typed after /: lowercase letters, digits, - and _."
                    error=field_message(refusal, "shortcut")
                />
                <TextField id="saved-reply-title" label="Title" value=title error=field_message(refusal, "title") />
                <AreaField
                    id="saved-reply-body"
                    label="Reply text"
                    value=body
                    hint=BODY_HINT
                    rows=5
                    error=field_message(refusal, "body")
                />
                <div class="form-actions">
                    <button class="button primary" type="submit" disabled=busy>
                        {move || if editing.get().is_some() { "Save changes" } else { "Add saved reply" }}
                    </button>
                    {move || {
                        editing
                            .get()
                            .is_some()
                            .then(|| {
                                view! {
                                    <button class="button" type="button" on:click=move |_| clear()>
                                        "Cancel"
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
