//! The composer: a textarea (Enter sends, Shift+Enter starts a new line), the Send
//! button, and a character counter near the limit. The draft survives reloads.

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::html;
use leptos::prelude::*;

use crate::chat::Chat;
use crate::format;

/// `keyCode` of keystrokes that belong to an IME composition in browsers that do not
/// set `isComposing` on them.
const IME_KEY_CODE: u32 = 229;

/// The message composer.
#[component]
pub fn Composer(chat: Chat) -> impl IntoView {
    let draft = RwSignal::new(chat.saved_draft());
    let field = NodeRef::<html::Textarea>::new();
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
            draft.set(String::new());
        }
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        submit();
    };
    let on_input = move |event| {
        let text = event_target_value(&event);
        chat.draft_changed(&text);
        draft.set(text);
    };
    let on_keydown = move |event: KeyboardEvent| {
        let composing = event.is_composing() || event.key_code() == IME_KEY_CODE;
        if event.key() == "Enter" && !event.shift_key() && !composing {
            event.prevent_default();
            submit();
        }
    };

    // Focus the box when the panel opens or after Retry; not on the first run, which
    // would steal focus from the host page while the messenger preloads.
    Effect::new(move |previous: Option<u32>| {
        let requests = chat.focus_requests.get();
        if previous.is_some()
            && let Some(element) = field.get_untracked()
        {
            let _ = element.focus();
        }
        requests
    });

    view! {
        <form class="composer" on:submit=on_submit>
            <textarea
                class="field"
                aria-label="Message"
                aria-describedby="composer-counter"
                placeholder="Write a message…"
                rows="1"
                node_ref=field
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
