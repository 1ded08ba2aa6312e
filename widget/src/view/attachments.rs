//! Files in the conversation: how they come in (the picker, pasting, dropping), the
//! tray of files attached to the message being written (each with its progress,
//! Cancel, Retry and Remove), and the files a message carries (pictures shown, other
//! files downloaded on a click). Files are fetched with the visitor's token, so they
//! are never at a URL anyone else could open.
//!
//! Only the picker's button is in the first load: uploading, the tray and showing a
//! message's files are modules of their own (`wasm_split`), fetched with the first file;
//! where one could not be fetched, the visitor is told (`client::web::lazy`).

use std::time::Duration;

use client::web::dom::handler;
use client::web::http::{Auth, fetch_object_url};
use client::web::lazy::{self, NotLoaded};
use client::web::uploads::{Attached, UploadState, Uploads};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::wasm_split;
use protocol::files::FileRef;
use wasm_bindgen::JsCast;
use web_sys::{File, FileList};

use crate::chat::Chat;
use crate::format::file_size;
use crate::l10n::{t, t_with};

/// Attaches the files of a picker, a paste or a drop to `uploads` (the chat message's
/// or the "Email us" form's). Returns whether there were any.
pub fn attach(chat: Chat, uploads: Uploads, list: Option<FileList>) -> bool {
    let Some(list) = list else { return false };
    let files: Vec<File> = (0..list.length()).filter_map(|index| list.get(index)).collect();
    if files.is_empty() {
        return false;
    }
    spawn_local(async move {
        // The uploader is a module of its own; where it could not be fetched, the files
        // are not attached, and the visitor is told so.
        if upload(chat, uploads, files).await.is_err() {
            chat.show_notice(t(lazy::NOT_LOADED));
        }
    });
    true
}

/// Starts uploading `files`.
#[wasm_split(upload, wasm_split_path = leptos::wasm_split, fallible)]
fn upload(chat: Chat, uploads: Uploads, files: Vec<File>) -> Result<(), NotLoaded> {
    let Some(token) = chat.token() else { return Ok(()) };
    for file in files {
        uploads.add(file, Auth::Bearer(&token));
    }
    Ok(())
}

/// The files in `uploads`, attached to the message or form being written.
#[wasm_split(tray, wasm_split_path = leptos::wasm_split, fallible)]
pub fn tray(chat: Chat, uploads: Uploads) -> Result<AnyView, NotLoaded> {
    let row = move |file: Attached| {
        let key = file.key;
        let remove = move |_| uploads.remove(key);
        let (status, action) = match file.state {
            UploadState::Sending(percent) => (
                view! { <progress max="100" value=percent.to_string() aria-label=t_with("attachment-uploading", &[("name", (&file.name).into())])></progress> }
                    .into_any(),
                view! { <button type="button" class="text-action" on:click=handler(remove)>{t("attachment-cancel")}</button> }.into_any(),
            ),
            UploadState::Ready(_) => (
                view! { <span class="meta">{file_size(file.size)}</span> }.into_any(),
                view! { <button type="button" class="text-action" on:click=handler(remove)>{t("attachment-remove")}</button> }.into_any(),
            ),
            UploadState::Failed(reason) => (
                view! { <span class="error" role="alert">{reason}</span> }.into_any(),
                view! {
                    <button
                        type="button"
                        class="text-action"
                        on:click=handler(move |_| {
                            if let Some(token) = chat.token() {
                                uploads.retry(key, Auth::Bearer(&token));
                            }
                        })
                    >
                        {t("attachment-retry")}
                    </button>
                    <button type="button" class="text-action" on:click=handler(remove)>{t("attachment-remove")}</button>
                }
                .into_any(),
            ),
        };
        view! {
            <li class="attachment">
                <span class="name">{file.name}</span>
                {status}
                {action}
            </li>
        }
    };
    Ok(view! {
        <ul class="attachments" aria-label=t("attachments-label")>
            <For each=move || uploads.files.get() key=|file| (file.key, file.state.clone()) children=row />
        </ul>
    }
    .into_any())
}

/// The files a message carries.
#[wasm_split(message_files, wasm_split_path = leptos::wasm_split, fallible)]
pub fn message_files(chat: Chat, files: Vec<FileRef>) -> Result<AnyView, NotLoaded> {
    Ok(view! {
        <ul class="message-files">
            {files.into_iter().map(|file| view! { <li><FileItem chat file /></li> }).collect_view()}
        </ul>
    }
    .into_any())
}

/// One file of a message: a picture shown small (opening in full on a click), or a
/// button that downloads the file.
#[component]
fn FileItem(chat: Chat, file: FileRef) -> impl IntoView {
    let path = format!("/api/v1/widget/files/{}", file.id);
    let label = t_with("attachment-file", &[("name", (&file.name).into()), ("size", (&file_size(file.size)).into())]);
    if !file.is_image() {
        let name = file.name.clone();
        let download = move |_| {
            let (path, name) = (path.clone(), name.clone());
            spawn_local(async move {
                let Some(token) = chat.token() else { return };
                if let Ok(url) = fetch_object_url(&path, Auth::Bearer(&token)).await {
                    save(&url, &name);
                    // The download has started; the URL is not needed once it is read.
                    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), Duration::from_secs(60));
                }
            });
        };
        return view! { <button type="button" class="file" on:click=handler(download)>{label}</button> }.into_any();
    }
    let source = RwSignal::new(None::<String>);
    spawn_local(async move {
        let Some(token) = chat.token() else { return };
        if let Ok(url) = fetch_object_url(&path, Auth::Bearer(&token)).await {
            if source.is_disposed() {
                let _ = web_sys::Url::revoke_object_url(&url);
            } else {
                source.set(Some(url));
            }
        }
    });
    on_cleanup(move || {
        if let Some(url) = source.try_get_untracked().flatten() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    view! {
        <a class="picture" href=move || source.get() target="_blank" rel="noopener" title=label.clone()>
            <img src=move || source.get() alt=file.name.clone() loading="lazy" />
        </a>
    }
    .into_any()
}

/// Saves the file behind `url` under `name` through a temporary download link.
fn save(url: &str, name: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let Some(link) = document.create_element("a").ok().and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let _ = link.set_attribute("href", url);
    let _ = link.set_attribute("download", name);
    link.click();
}
