//! The reply box: Enter sends, Shift+Enter adds a line, a counter shows near the limit.

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;

use crate::chat::MAX_REPLY_CHARS;
use crate::console::Console;

/// The counter appears once a reply uses this share of the limit.
const COUNTER_FROM: usize = MAX_REPLY_CHARS * 9 / 10;

/// The reply form for the open conversation. `on_sent` runs after a message is queued.
#[component]
pub fn Composer(on_sent: impl Fn() + Send + Sync + Copy + 'static) -> impl IntoView {
    let console = expect_context::<Console>();
    let reply = console.reply;
    let length = Memo::new(move |_| reply.with(|text| text.trim().chars().count()));
    let sendable = move || (1..=MAX_REPLY_CHARS).contains(&length.get());
    let send = move || {
        if console.send_reply() {
            on_sent();
        }
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        send();
    };
    let on_keydown = move |event: KeyboardEvent| {
        // While an input method is composing, Enter confirms the composition.
        if event.key() == "Enter" && !event.shift_key() && !event.is_composing() {
            event.prevent_default();
            send();
        }
    };
    let counter = move || {
        let used = length.get();
        (used >= COUNTER_FROM).then(|| {
            view! {
                <span class="counter" class:over={used > MAX_REPLY_CHARS}>
                    {format!("{used} / {MAX_REPLY_CHARS}")}
                </span>
            }
        })
    };
    view! {
        <form class="composer" on:submit=on_submit>
            <textarea
                class="field composer-input"
                aria-label="Reply"
                rows="3"
                placeholder="Write a reply…"
                prop:value=move || reply.get()
                on:input=move |event| console.reply_changed(event_target_value(&event))
                on:keydown=on_keydown
            ></textarea>
            <div class="composer-bar">
                <span class="composer-hint">"Enter to send, Shift+Enter for a new line"</span>
                {counter}
                <button class="button primary" type="submit" disabled=move || !sendable()>
                    "Send"
                </button>
            </div>
        </form>
    }
}
