//! The composer: a textarea (Enter sends, Shift+Enter starts a new line), the Send
//! button, and a character counter near the limit. The draft lives in [`Chat`], so it
//! survives the composer leaving the screen, and in storage, so it survives reloads.

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;

use crate::chat::Chat;
use crate::format;

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
    let sendable = move || {
        let length = length.get();
        length > 0 && length <= limit.get()
    };
    let counter = move || format::counter(length.get(), limit.get());
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
    let on_keydown = move |event: KeyboardEvent| {
        let composing = event.is_composing() || event.key_code() == IME_KEY_CODE;
        if event.key() == "Enter" && !event.shift_key() && !composing {
            event.prevent_default();
            submit();
        }
    };

    view! {
        <form class="composer" on:submit=on_submit>
            <textarea
                class="field"
                aria-label="Message"
                aria-describedby="composer-counter"
                placeholder="Write a message…"
                rows="1"
                // The main control of the chat screen, where focus goes when it opens.
                data-autofocus
                prop:value=move || draft.get()
                on:input=on_input
                on:keydown=on_keydown
            ></textarea>
            <button type="submit" class="send" disabled=move || !sendable()>
                "Send"
            </button>
            <p class="counter" id="composer-counter" class:over=over_limit>
                {counter}
            </p>
        </form>
    }
}
