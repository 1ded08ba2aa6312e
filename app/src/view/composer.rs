//! The reply box, which also writes notes for the team: Enter sends, Shift+Enter adds a
//! line, a counter shows near the limit, `/shortcut` offers saved replies, and files go
//! with the reply (picked, pasted or dropped). Uploading and the list of attached files
//! are a module of their own (`wasm_split`), fetched with the first file.

use client::web::dom::handler;
use client::web::http::Auth;
use client::web::lazy::{self, NotLoaded};
use client::web::uploads::Uploads;
use leptos::ev::{ClipboardEvent, DragEvent, KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::wasm_split;
use wasm_bindgen::JsCast;
use web_sys::{File, FileList, HtmlInputElement};

use super::reply_picker::{Picker, ReplyBox, reply_picker};
use super::tickets::composer::FileRows;
use crate::chat::MAX_REPLY_CHARS;
use crate::console::Console;
use crate::l10n::t;

/// The counter appears once a reply uses this share of the limit.
const COUNTER_FROM: usize = MAX_REPLY_CHARS * 9 / 10;

/// The reply form for the open conversation. `on_sent` runs after a message is queued.
#[component]
pub fn Composer(on_sent: impl Fn() + Send + Sync + Copy + 'static) -> impl IntoView {
    let console = expect_context::<Console>();
    let reply = console.reply;
    let length = Memo::new(move |_| reply.with(|text| text.trim().chars().count()));
    let files = console.reply_files;
    let sendable = move || {
        let length = length.get();
        let has_files = files.files.with(|files| !files.is_empty());
        (length > 0 || has_files) && length <= MAX_REPLY_CHARS && !files.sending() && !files.failed()
    };
    let attach = move |list: Option<FileList>| {
        let Some(list) = list else { return false };
        let picked: Vec<File> = (0..list.length()).filter_map(|index| list.get(index)).collect();
        if picked.is_empty() {
            return false;
        }
        let token = console.csrf_token();
        spawn_local(async move {
            // The uploader is a module of its own; where it could not be fetched, the
            // files are not attached, and the agent is told so.
            if upload(files, picked, token).await.is_err() {
                console.show_notice(t(lazy::NOT_LOADED).to_owned());
            }
        });
        true
    };
    let on_pick = move |event: leptos::ev::Event| {
        if let Some(input) = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok()) {
            attach(input.files());
            input.set_value("");
        }
    };
    let send = move || {
        if console.send_reply() {
            on_sent();
        }
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        send();
    };
    let picker = Picker::new();
    let on_keydown = move |event: KeyboardEvent| {
        // While an input method is composing, Enter confirms the composition; while the
        // saved-reply list shows, it inserts the highlighted reply.
        if event.key() == "Enter" && !event.shift_key() && !event.is_composing() && !picker.takes_keys() {
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
    let note_mode = console.note_mode;
    let mode_button = move |note: bool, label: &'static str| {
        let label = t(label);
        view! {
            <button
                class="composer-mode"
                type="button"
                aria-pressed=move || if note_mode.get() == note { "true" } else { "false" }
                on:click=handler(move |_| {
                    console.stop_typing();
                    note_mode.set(note);
                })
            >
                {label}
            </button>
        }
    };
    view! {
        <form
            class="composer"
            class:note=move || note_mode.get()
            on:submit=handler(on_submit)
            on:drop=handler(move |event: DragEvent| {
                if attach(event.data_transfer().and_then(|data| data.files())) {
                    event.prevent_default();
                }
            })
            on:dragover=handler(|event: DragEvent| event.prevent_default())
        >
            <FileTray files />
            {reply_picker(ReplyBox::Chat, picker, reply)}
            <textarea
                class="field composer-input"
                aria-label=move || if note_mode.get() { t("composer-note") } else { t("composer-reply") }
                rows="3"
                placeholder=move || {
                    if note_mode.get() { t("composer-note-placeholder") } else { t("composer-reply-placeholder") }
                }
                id=ReplyBox::Chat.element_id()
                prop:value=move || reply.get()
                on:input=handler(move |event| console.reply_changed(event_target_value(&event)))
                on:keydown=handler(on_keydown)
                on:paste=handler(move |event: ClipboardEvent| {
                    if attach(event.clipboard_data().and_then(|data| data.files())) {
                        event.prevent_default();
                    }
                })
            ></textarea>
            <div class="composer-bar">
                // After the box, so the thread's next Tab stop is still the reply box.
                <div class="composer-modes" role="group" aria-label=t("composer-write")>
                    {mode_button(false, "composer-reply")}
                    {mode_button(true, "composer-note")}
                </div>
                <label class="button small" for="chat-files">{t("attach-files")}</label>
                <input id="chat-files" class="visually-hidden" type="file" multiple on:change=handler(on_pick) />
                <span class="composer-hint">{t("composer-hint")}</span>
                {move || counter()}
                <button class="button primary" type="submit" disabled=move || !sendable()>
                    {move || if note_mode.get() { t("composer-add-note") } else { t("composer-send") }}
                </button>
            </div>
        </form>
    }
}

/// Starts uploading files for the reply.
#[wasm_split(upload, wasm_split_path = leptos::wasm_split, fallible)]
fn upload(files: Uploads, picked: Vec<File>, token: String) -> Result<(), NotLoaded> {
    for file in picked {
        files.add(file, Auth::Csrf(&token));
    }
    Ok(())
}

/// The files attached to the reply, each with its progress or state.
#[wasm_split(file_rows, wasm_split_path = leptos::wasm_split, fallible)]
fn file_rows(files: Uploads, console: Console) -> Result<AnyView, NotLoaded> {
    Ok(view! { <FileRows uploads=files retry_auth=Callback::new(move |()| console.csrf_token()) /> }.into_any())
}

/// The files attached to the reply, once there are any.
#[component]
fn FileTray(files: Uploads) -> impl IntoView {
    let console = expect_context::<Console>();
    move || files.any().then(|| lazy::view(move || file_rows(files, console)))
}
