//! The composer: a textarea (Enter sends, Shift+Enter starts a new line), the Send
//! button, a character counter near the limit, and files: the Attach button, pasting
//! and dropping them, and the tray of those attached. The draft lives in [`Chat`], so it
//! survives the composer leaving the screen, and in storage, so it survives reloads.

use client::web::dom::handler;
use client::web::lazy;
use leptos::ev::{ClipboardEvent, DragEvent, KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use super::attachments;
use super::screenshot::{self, Editing};
use crate::chat::Chat;
use crate::format;
use crate::l10n::t;

/// `keyCode` of keystrokes that belong to an IME composition in browsers that do not
/// set `isComposing` on them.
const IME_KEY_CODE: u32 = 229;

/// The message composer. `on_sent` runs after a message was handed to the chat.
#[component]
pub fn Composer(chat: Chat, on_sent: Callback<()>) -> impl IntoView {
    let draft = chat.draft;
    // The server counts the trimmed body; so does the counter.
    let length = Memo::new(move |_| draft.with(|text| text.trim().chars().count()));
    let limit = chat.max_body_chars;
    let uploads = chat.attachments;
    let editing: Editing = RwSignal::new_local(None);
    let sendable = move || {
        let length = length.get();
        let files = uploads.files.with(|files| !files.is_empty());
        (length > 0 || files) && length <= limit.get() && !uploads.sending() && !uploads.failed()
    };
    let counter = move || format::counter(length.get(), limit.get()).map(format::Counter::text);
    let over_limit = move || length.get() > limit.get();

    let submit = move || {
        if !sendable() {
            return;
        }
        if chat.send(&draft.get_untracked()) {
            on_sent.run(());
        }
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        submit();
    };
    let on_input = move |event| {
        chat.draft_changed(&event_target_value(&event));
    };
    let on_pick = move |event: leptos::ev::Event| {
        let Some(input) = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        attachments::attach(chat, uploads, input.files());
        // The same file can be picked again after a removal.
        input.set_value("");
    };
    let on_paste = move |event: ClipboardEvent| {
        // A pasted picture (a screenshot on the clipboard) is attached; pasted text is
        // left to the textarea.
        if attachments::attach(chat, uploads, event.clipboard_data().and_then(|data| data.files())) {
            event.prevent_default();
        }
    };
    let on_drop = move |event: DragEvent| {
        if attachments::attach(chat, uploads, event.data_transfer().and_then(|data| data.files())) {
            event.prevent_default();
        }
    };
    let on_keydown = move |event: KeyboardEvent| {
        let composing = event.is_composing() || event.key_code() == IME_KEY_CODE;
        if event.key() == "Enter" && !event.shift_key() && !composing {
            event.prevent_default();
            submit();
        }
    };

    view! {
        {move || editing.with(Option::is_some).then(|| lazy::view(move || screenshot::editor(chat, uploads, editing)))}
        {move || uploads.any().then(|| lazy::view(move || attachments::tray(chat, uploads)))}
        <form
            class="composer"
            on:submit=handler(on_submit)
            on:drop=handler(on_drop)
            on:dragover=handler(|event: DragEvent| event.prevent_default())
        >
            <button
                type="button"
                class="attach shoot"
                aria-label=t("screenshot-take")
                title=t("screenshot-take")
                on:click=handler(move |_| {
                    let asked = screenshot::ask();
                    screenshot::take(chat, editing, "composer-files", asked)
                })
            >
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
                    <circle cx="12" cy="13" r="3.5" />
                </svg>
            </button>
            <label class="attach" title=t("composer-attach")>
                <input
                    id="composer-files"
                    class="visually-hidden"
                    type="file"
                    multiple
                    aria-label=t("composer-attach")
                    on:change=handler(on_pick)
                />
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5" />
                </svg>
            </label>
            <textarea
                class="field"
                aria-label=t("composer-label")
                aria-describedby="composer-counter"
                placeholder=t("composer-placeholder")
                rows="1"
                // The main control of the chat screen, where focus goes when it opens.
                data-autofocus
                prop:value=move || draft.get()
                on:input=handler(on_input)
                on:keydown=handler(on_keydown)
                on:paste=handler(on_paste)
            ></textarea>
            <button type="submit" class="send" disabled=move || !sendable()>
                {t("composer-send")}
            </button>
            <p class="counter" id="composer-counter" class:over=over_limit>
                {move || counter()}
            </p>
        </form>
    }
}
