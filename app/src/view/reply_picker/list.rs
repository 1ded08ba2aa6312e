//! The saved-reply list a composer shows (a module of its own, `wasm_split`): it follows
//! the box's text and caret for a `/query`, fetches the workspace's replies, ranks
//! them, takes the keys that move through them, and inserts the one chosen in place of
//! the query.

use client::web::dom::{Listener, handler};
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::replies::SavedReply;
use protocol::template::{self, Values};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlTextAreaElement, KeyboardEvent, MouseEvent};

use super::{Picker, ReplyBox, SavedReplies};
use crate::api;
use crate::console::Console;
use crate::dom;
use crate::l10n::{t, t_with};
use crate::saved_replies::{SHOWN, Trigger, ranked, splice, trigger_at};
use crate::sections::Sections;
use crate::state::Detail;
use crate::tickets::Opened;

/// How long a fetched list serves before the next opening fetches it again, so an
/// admin's changes reach other agents' composers.
const FRESH_FOR_MS: i64 = 60_000;

/// Characters of a body the list previews.
const PREVIEW_CHARS: usize = 80;

impl SavedReplies {
    /// Fetches the list.
    pub fn refresh(self, console: Console) {
        self.fetched_at.set_value(Some(dom::now_ms()));
        spawn_local(async move {
            let result = api::saved_replies().await;
            if self.list.is_disposed() {
                return;
            }
            match result {
                Ok(replies) => {
                    self.list.set(Some(replies));
                    self.error.set(None);
                }
                Err(error) => self.error.set(Some(console.explain(&error))),
            }
        });
    }

    /// Fetches the list unless it was fetched within the last minute.
    fn refresh_if_stale(self, console: Console) {
        let now = dom::now_ms();
        if self.fetched_at.get_value().is_none_or(|at| now - at >= FRESH_FOR_MS) {
            self.refresh(console);
        }
    }

    /// Puts a reply just saved in the list, in place of its older version.
    pub fn saved(self, reply: SavedReply) {
        self.list.update(|list| {
            if let Some(list) = list {
                list.retain(|known| known.id != reply.id);
                list.push(reply);
                list.sort_by(|one, other| one.shortcut.cmp(&other.shortcut));
            }
        });
    }

    /// Takes a reply just deleted out of the list.
    pub fn deleted(self, id: i64) {
        self.list.update(|list| {
            if let Some(list) = list {
                list.retain(|known| known.id != id);
            }
        });
    }
}

/// Where the list is: the `/query` typed, the highlighted option, and the `/` Escape
/// closed the list for. `Copy`: arena handles only.
#[derive(Clone, Copy)]
struct Typing {
    trigger: RwSignal<Option<Trigger>>,
    active: RwSignal<usize>,
    /// Where the `/` was when Escape closed the list: it stays closed for that `/`.
    dismissed: StoredValue<Option<usize>>,
}

impl Typing {
    /// Reads the box's text and caret again. The list opens only in the box the agent
    /// is in, not when another conversation's draft fills it.
    fn follow(self, area: &HtmlTextAreaElement) {
        let element: &Element = area;
        let focused = area.owner_document().and_then(|document| document.active_element());
        let found = if focused.is_some_and(|focused| focused == *element) {
            let caret = area.selection_start().ok().flatten().unwrap_or(0);
            trigger_at(&area.value(), caret)
        } else {
            None
        };
        let start = found.as_ref().map(|found| found.start);
        if start.is_some() && start == self.dismissed.get_value() {
            return self.trigger.set(None);
        }
        self.dismissed.set_value(None);
        let query = |trigger: &Option<Trigger>| trigger.as_ref().map(|trigger| trigger.query.clone());
        if self.trigger.with_untracked(query) != query(&found) {
            self.active.set(0);
        }
        self.trigger.set(found);
    }

    /// Closes the list until another `/` is typed.
    fn dismiss(self) {
        self.dismissed.set_value(self.trigger.with_untracked(|trigger| trigger.as_ref().map(|t| t.start)));
        self.trigger.set(None);
    }
}

/// The options matching the `/query`, best first; "Loading…" until the replies arrive;
/// nothing when none matches, so typing a path such as `/usr` is not in the way.
#[component]
pub fn ReplyList(reply_box: ReplyBox, picker: Picker, text: RwSignal<String>) -> impl IntoView {
    let console = expect_context::<Console>();
    let sections = expect_context::<Sections>();
    let saved = expect_context::<SavedReplies>();
    let typing = Typing { trigger: RwSignal::new(None), active: RwSignal::new(0), dismissed: StoredValue::new(None) };
    let (trigger, active) = (typing.trigger, typing.active);
    let open = Memo::new(move |_| trigger.with(Option::is_some));
    let matches = Memo::new(move |_| {
        let query = trigger.with(|trigger| trigger.as_ref().map(|t| t.query.clone()).unwrap_or_default());
        saved.list.with(|list| {
            list.as_ref().map(|list| ranked(list, &query, SHOWN).into_iter().cloned().collect::<Vec<SavedReply>>())
        })
    });
    // Nothing to list when the first fetch failed: the keys go back to the box.
    let failed = move || saved.list.with(Option::is_none) && saved.error.with(Option::is_some);
    // How many replies are listed; `None` while they load.
    let listed =
        Memo::new(move |_| if failed() { Some(0) } else { matches.with(|found| found.as_ref().map(Vec::len)) });
    let id = reply_box.element_id();
    let list_id = format!("{id}-list");
    let option_id = move |index: usize| format!("{id}-option-{index}");

    // Each opening fetches the replies if they are a minute old.
    Effect::new(move |_| {
        if open.get() {
            saved.refresh_if_stale(console);
        }
    });
    // The box's text changes as the agent types, and when another conversation or
    // ticket opens.
    Effect::new(move |_| {
        text.track();
        if let Some(area) = element(reply_box) {
            typing.follow(&area);
        }
    });
    // While the list shows (or loads), its keys are not the box's; the box points at
    // the list and its highlighted option.
    let list_for_aria = list_id.clone();
    Effect::new(move |_| {
        let count = listed.get();
        if count.is_some_and(|count| active.get_untracked() >= count) {
            active.set(0);
        }
        let showing = open.get() && count != Some(0);
        picker.keys.set_value(showing);
        let Some(area) = element(reply_box) else { return };
        let pointing = showing && count.is_some_and(|count| count > 0);
        let highlighted = option_id(active.get());
        for (name, value) in [("aria-controls", list_for_aria.as_str()), ("aria-activedescendant", &highlighted)] {
            let _ = if pointing { area.set_attribute(name, value) } else { area.remove_attribute(name) };
        }
    });

    let choose = move |index: usize| {
        let reply = matches.with_untracked(|found| found.as_ref().and_then(|found| found.get(index).cloned()));
        if let Some(reply) = reply {
            let body = template::expand(&reply.body, &values(reply_box, console, sections));
            insert(typing, reply_box, &body, console, sections);
        }
    };
    let on_key = move |event: &KeyboardEvent| {
        let count = listed.get_untracked();
        if !open.get_untracked() || event.is_composing() || count == Some(0) {
            return;
        }
        let plain = !(event.shift_key() || event.ctrl_key() || event.alt_key() || event.meta_key());
        let shown = count.unwrap_or(0);
        match event.key().as_str() {
            "Escape" => typing.dismiss(),
            // While the replies load, Enter waits rather than sending a half-typed shortcut.
            "Enter" if plain && count.is_none() => {}
            "ArrowDown" if shown > 0 => active.update(|active| *active = (*active + 1) % shown),
            "ArrowUp" if shown > 0 => active.update(|active| *active = (*active + shown - 1) % shown),
            "Enter" | "Tab" if plain && shown > 0 => choose(active.get_untracked().min(shown - 1)),
            _ => return,
        }
        event.prevent_default();
    };
    // Attached once the list is mounted, when the box is sure to be in the document.
    let listeners = StoredValue::new_local(Vec::new());
    Effect::new(move |_| listeners.set_value(listen(typing, reply_box, on_key)));
    on_cleanup(move || {
        listeners.try_update_value(Vec::clear);
        picker.keys.try_update_value(|keys| *keys = false);
        if let Some(area) = element(reply_box) {
            let _ = area.remove_attribute("aria-controls");
            let _ = area.remove_attribute("aria-activedescendant");
        }
    });

    let option = move |(index, reply): (usize, SavedReply)| {
        view! {
            <li
                id=option_id(index)
                class="reply-option"
                role="option"
                aria-selected=move || (active.get() == index).to_string()
                on:mousedown=handler(|event: MouseEvent| event.prevent_default())
                on:mousemove=handler(move |_| active.set(index))
                on:click=handler(move |_| choose(index))
            >
                <span class="reply-shortcut">{format!("/{}", reply.shortcut)}</span>
                " "
                <span class="reply-title">{reply.title}</span>
                <span class="reply-preview">{preview(&reply.body)}</span>
            </li>
        }
    };
    move || {
        if !open.get() {
            return ().into_any();
        }
        if failed() {
            let message = saved.error.get().unwrap_or_default();
            return view! {
                <p class="reply-picker form-error" role="alert">
                    {t_with("replies-load-failed", &[("error", (&message).into())])}
                </p>
            }
            .into_any();
        }
        match matches.get() {
            None => view! { <p class="reply-picker muted" role="status">{t("replies-loading")}</p> }.into_any(),
            Some(found) if found.is_empty() => ().into_any(),
            Some(found) => view! {
                <ul class="reply-picker" id=list_id.clone() role="listbox" aria-label=t("replies-label")>
                    {found.into_iter().enumerate().map(option).collect_view()}
                </ul>
            }
            .into_any(),
        }
    }
}

/// Listens to the box: coming back to it, a click or a caret key moves the caret;
/// Escape, arrows, Enter and Tab may be the list's; leaving the box closes the list. The box keeps
/// `aria-autocomplete` while the list's module is there.
fn listen(typing: Typing, reply_box: ReplyBox, on_key: impl Fn(&KeyboardEvent) + 'static) -> Vec<Listener> {
    let Some(area) = element(reply_box) else {
        return Vec::new();
    };
    let _ = area.set_attribute("aria-autocomplete", "list");
    let follow = move |_: Event| {
        if let Some(area) = element(reply_box) {
            typing.follow(&area);
        }
    };
    let caret_moved = move |event: Event| {
        let key = event.dyn_ref::<KeyboardEvent>().map(KeyboardEvent::key);
        if matches!(key.as_deref(), Some("ArrowLeft" | "ArrowRight" | "Home" | "End")) {
            follow(event);
        }
    };
    let key = move |event: Event| {
        if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
            on_key(event);
        }
    };
    let close = move |_: Event| typing.trigger.set(None);
    [
        Listener::new(&area, "focus", follow),
        Listener::new(&area, "click", follow),
        Listener::new(&area, "keyup", caret_moved),
        Listener::new(&area, "keydown", key),
        Listener::new(&area, "blur", close),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Replaces the `/query` in the box with `body`, puts the caret after it, and tells the
/// composer, as typing would; then closes the list. Nothing is replaced if the text
/// moved under it.
fn insert(typing: Typing, reply_box: ReplyBox, body: &str, console: Console, sections: Sections) {
    let area = element(reply_box);
    let trigger = typing.trigger.get_untracked();
    if let (Some(area), Some(trigger)) = (area, trigger)
        && let Some((text, caret)) = splice(&area.value(), &trigger, body)
    {
        // Set here first, so the caret can follow; the composer's signal then holds
        // the same text, and writing it back leaves the caret where it is.
        area.set_value(&text);
        let _ = area.set_selection_range(caret, caret);
        match reply_box {
            ReplyBox::Chat => console.reply_changed(text),
            ReplyBox::Ticket => sections.tickets().reply_changed(text),
        }
    }
    typing.trigger.set(None);
}

/// The box's `textarea`.
fn element(reply_box: ReplyBox) -> Option<HtmlTextAreaElement> {
    let document = web_sys::window()?.document()?;
    document.get_element_by_id(reply_box.element_id())?.dyn_into().ok()
}

/// What variables are filled in with: in a chat, the name and address the visitor's
/// identity gives (proved ones first); in a ticket, the requester's, and the ticket's
/// number and subject; and the agent's name.
fn values(reply_box: ReplyBox, console: Console, sections: Sections) -> Values {
    let agent_name = Some(console.agent_name());
    match reply_box {
        ReplyBox::Chat => console.detail.with_untracked(|detail| match detail {
            Detail::Ready(open) => {
                let (identity, verified) = (&open.visitor.identity, open.visitor.verified.as_ref());
                Values {
                    visitor_name: verified.and_then(|proved| proved.name.clone()).or_else(|| identity.name.clone()),
                    visitor_email: verified.and_then(|proved| proved.email.clone()).or_else(|| identity.email.clone()),
                    agent_name,
                    ..Values::default()
                }
            }
            _ => Values { agent_name, ..Values::default() },
        }),
        ReplyBox::Ticket => sections.tickets().opened.with_untracked(|opened| match opened {
            Opened::Ready(detail) => {
                let ticket = &detail.ticket;
                Values {
                    visitor_name: ticket.requester.name.clone(),
                    visitor_email: Some(ticket.requester.email.clone()),
                    agent_name,
                    ticket_number: Some(ticket.number),
                    ticket_subject: Some(ticket.subject.clone()),
                }
            }
            _ => Values { agent_name, ..Values::default() },
        }),
    }
}

/// The start of a body on one line, for the list.
fn preview(body: &str) -> String {
    let line = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > PREVIEW_CHARS {
        let cut: String = line.chars().take(PREVIEW_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        line
    }
}
