//! The saved-reply list both composers share, the chat's and the ticket's. Typing `/`
//! and a few letters (`saved_replies::trigger_at`) opens it above the box; arrow keys
//! move through it, Enter or Tab inserts the highlighted reply, Escape closes it, and a
//! click inserts one. The chosen reply replaces the `/shortcut` with its body, its
//! variables filled in with what the composer knows.
//!
//! The box keeps its textbox role (it holds several lines) and gets a combobox input's
//! properties: `aria-autocomplete`, `aria-controls` naming the listbox while it shows,
//! `aria-activedescendant` naming the highlighted option. The focus stays in the box.
//!
//! Only what a composer needs before an agent first types `/` is here, so the console's
//! first load stays small: the list, its keys and listeners, the fetch and the
//! insertion are a module of their own (`wasm_split`, in `list.rs`), fetched when the
//! box first holds a `/`.

mod list;

use client::web::lazy::{self, NotLoaded};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use protocol::replies::SavedReply;

/// The workspace's saved replies as last fetched: one copy for the console, which the
/// settings page keeps current after its own changes.
#[derive(Clone, Copy)]
pub struct SavedReplies {
    /// By shortcut; `None` until first fetched.
    pub list: RwSignal<Option<Vec<SavedReply>>>,
    /// Why the last fetch failed.
    pub error: RwSignal<Option<String>>,
    /// When the last fetch started (the console's clock), so opening the list again
    /// and again does not fetch each time.
    fetched_at: StoredValue<Option<i64>>,
}

impl SavedReplies {
    pub fn new() -> Self {
        Self { list: RwSignal::new(None), error: RwSignal::new(None), fetched_at: StoredValue::new(None) }
    }
}

/// The composer a list belongs to: the list reads and writes that composer's text and
/// fills variables in with what it shows (the open chat's visitor, the open ticket).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyBox {
    Chat,
    Ticket,
}

impl ReplyBox {
    /// The id of the box's `textarea`; the list's and its options' ids start with it.
    pub fn element_id(self) -> &'static str {
        match self {
            ReplyBox::Chat => "chat-reply",
            ReplyBox::Ticket => "ticket-reply",
        }
    }
}

/// What a composer shares with its list: whether the list is showing, when the keys
/// that move through it (Enter among them) are the list's and not the box's.
#[derive(Clone, Copy)]
pub struct Picker {
    keys: StoredValue<bool>,
}

impl Picker {
    pub fn new() -> Self {
        Self { keys: StoredValue::new(false) }
    }

    /// Whether the list handles the keys pressed in the box right now; the box's own
    /// key handling (Enter sends) should then do nothing.
    pub fn takes_keys(self) -> bool {
        self.keys.get_value()
    }
}

/// The list above a composer's box, whose text is `text`. A function rather than a
/// component: it takes no props builder into the console's first load.
pub fn reply_picker(reply_box: ReplyBox, picker: Picker, text: RwSignal<String>) -> impl IntoView {
    // The list's module comes while the box holds a `/`.
    let wanted = Memo::new(move |_| text.with(|text| text.contains('/')));
    move || wanted.get().then(|| lazy::view(move || reply_list(reply_box, picker, text)))
}

/// The list itself, with its keys, the fetch and the insertion (`wasm_split`).
#[wasm_split(reply_list, wasm_split_path = leptos::wasm_split, fallible)]
fn reply_list(reply_box: ReplyBox, picker: Picker, text: RwSignal<String>) -> Result<AnyView, NotLoaded> {
    Ok(view! { <list::ReplyList reply_box picker text /> }.into_any())
}
