//! Files attached to a message being written, in either app: each uploads at once with
//! `XMLHttpRequest` (for its progress events), can be cancelled while it uploads,
//! retried when it failed, and removed; the message sends those that are ready. A
//! failed upload never touches the message's text.

use std::collections::HashMap;

use leptos::prelude::*;
use protocol::files::{FileRef, MAX_FILE_BYTES};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{File, ProgressEvent, XmlHttpRequest};

use super::http::Auth;
use super::l10n::{locale, t, t_with};
use crate::rest::ApiError;

/// Where one attached file is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UploadState {
    /// Uploading; the percentage sent so far.
    Sending(u8),
    /// Kept by the server, ready to send with the message.
    Ready(FileRef),
    /// Refused or lost, with what to tell the agent.
    Failed(String),
}

/// One attached file, as the composer lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub key: u64,
    pub name: String,
    pub size: u64,
    pub state: UploadState,
}

/// A request in flight and the file it sends (kept for a retry), with its callbacks,
/// which must live as long as the request.
struct Live {
    file: File,
    request: Option<XmlHttpRequest>,
    _callbacks: Vec<Closure<dyn FnMut(ProgressEvent)>>,
}

/// A message's attachments. `Copy`: arena handles.
#[derive(Clone, Copy)]
pub struct Uploads {
    pub files: RwSignal<Vec<Attached>>,
    live: StoredValue<HashMap<u64, Live>, LocalStorage>,
    next_key: StoredValue<u64>,
    /// `POST /api/v1/uploads` (agents) or `POST /api/v1/widget/uploads` (visitors).
    endpoint: &'static str,
}

impl Uploads {
    /// Attachments uploaded to `endpoint`.
    pub fn new(endpoint: &'static str) -> Self {
        Self {
            files: RwSignal::new(Vec::new()),
            live: StoredValue::new_local(HashMap::new()),
            next_key: StoredValue::new(0),
            endpoint,
        }
    }

    /// Attaches `file` and starts uploading it. A file over the size limit is listed
    /// as failed at once, without sending it.
    pub fn add(self, file: File, auth: Auth<'_>) {
        let key = self.next_key.try_update_value(|next| {
            *next += 1;
            *next
        });
        let Some(key) = key else { return };
        let size = file.size() as u64;
        self.files.update(|files| {
            files.push(Attached { key, name: file.name(), size, state: UploadState::Sending(0) });
        });
        self.live.update_value(|live| {
            live.insert(key, Live { file, request: None, _callbacks: Vec::new() });
        });
        if size > MAX_FILE_BYTES {
            let limit = MAX_FILE_BYTES / (1024 * 1024);
            return self
                .set_state(key, UploadState::Failed(t_with("upload-over-limit", &[("megabytes", limit.into())])));
        }
        self.start(key, auth);
    }

    /// Uploads a failed file again.
    pub fn retry(self, key: u64, auth: Auth<'_>) {
        self.set_state(key, UploadState::Sending(0));
        self.start(key, auth);
    }

    /// Cancels a file's upload, or forgets a sent or failed one.
    pub fn remove(self, key: u64) {
        let live = self.live.try_update_value(|live| live.remove(&key)).flatten();
        if let Some(request) = live.as_ref().and_then(|live| live.request.as_ref()) {
            // Aborting fires `loadend` at once: unhook first, since the callbacks go
            // with `live` below.
            request.set_onloadend(None);
            if let Ok(upload) = request.upload() {
                upload.set_onprogress(None);
            }
            let _ = request.abort();
        }
        drop(live);
        self.files.update(|files| files.retain(|file| file.key != key));
    }

    /// Forgets every file, after the message that sent them.
    pub fn clear(self) {
        let keys: Vec<u64> = self.files.with_untracked(|files| files.iter().map(|file| file.key).collect());
        for key in keys {
            self.remove(key);
        }
    }

    /// The files ready to send.
    pub fn ready(self) -> Vec<FileRef> {
        self.files.with_untracked(|files| {
            files
                .iter()
                .filter_map(|file| match &file.state {
                    UploadState::Ready(file) => Some(file.clone()),
                    _ => None,
                })
                .collect()
        })
    }

    /// The ids of the files ready to send.
    pub fn ready_ids(self) -> Vec<i64> {
        self.ready().into_iter().map(|file| file.id).collect()
    }

    /// Whether any file is attached. Tracked.
    pub fn any(self) -> bool {
        self.files.with(|files| !files.is_empty())
    }

    /// Whether a file failed (the message waits until it is retried or removed). Tracked.
    pub fn failed(self) -> bool {
        self.files.with(|files| files.iter().any(|file| matches!(file.state, UploadState::Failed(_))))
    }

    /// Whether a file is still uploading (the message waits for it). Tracked.
    pub fn sending(self) -> bool {
        self.files.with(|files| files.iter().any(|file| matches!(file.state, UploadState::Sending(_))))
    }

    fn set_state(self, key: u64, state: UploadState) {
        if self.files.is_disposed() {
            return;
        }
        self.files.update(|files| {
            if let Some(file) = files.iter_mut().find(|file| file.key == key) {
                file.state = state;
            }
        });
    }

    /// Sends the file `key` to the endpoint.
    fn start(self, key: u64, auth: Auth<'_>) {
        let Some(file) = self.live.try_with_value(|live| live.get(&key).map(|live| live.file.clone())).flatten() else {
            return;
        };
        let request = match XmlHttpRequest::new() {
            Ok(request) => request,
            Err(_) => return self.set_state(key, UploadState::Failed(t("upload-unsupported").to_owned())),
        };
        let url = format!("{}?name={}", self.endpoint, String::from(js_sys::encode_uri_component(&file.name())));
        let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                let percent = (event.loaded() / event.total() * 100.0).clamp(0.0, 99.0) as u8;
                self.set_state(key, UploadState::Sending(percent));
            }
        });
        let answer = request.clone();
        let finished = Closure::<dyn FnMut(ProgressEvent)>::new(move |_: ProgressEvent| {
            let status = answer.status().unwrap_or(0);
            let text = answer.response_text().ok().flatten().unwrap_or_default();
            let state = match status {
                201 => match crate::json::from_str::<FileRef>(&text) {
                    Some(upload) => UploadState::Ready(upload),
                    None => UploadState::Failed(t("upload-not-understood").to_owned()),
                },
                0 => UploadState::Failed(t("upload-not-reached").to_owned()),
                status => UploadState::Failed(refusal_message(status, &text)),
            };
            self.set_state(key, state);
        });
        let opened = request
            .open("POST", &url)
            .and_then(|()| request.set_request_header("accept-language", locale().tag()))
            .and_then(|()| match auth {
                Auth::None => Ok(()),
                Auth::Bearer(token) => request.set_request_header("authorization", &format!("Bearer {token}")),
                Auth::Csrf(token) => request.set_request_header(protocol::limits::CSRF_HEADER, token),
            })
            .and_then(|()| request.upload())
            .map(|upload| upload.set_onprogress(Some(progress.as_ref().unchecked_ref())))
            .and_then(|()| {
                request.set_onloadend(Some(finished.as_ref().unchecked_ref()));
                request.send_with_opt_blob(Some(&file))
            });
        if opened.is_err() {
            return self.set_state(key, UploadState::Failed(t("upload-not-started").to_owned()));
        }
        self.live.update_value(|live| {
            if let Some(entry) = live.get_mut(&key) {
                entry.request = Some(request);
                entry._callbacks = vec![progress, finished];
            }
        });
    }
}

/// What to tell the person about a refused upload: the server's sentence (in the page's
/// language, which the upload asked for), else the page's own.
fn refusal_message(status: u16, text: &str) -> String {
    match ApiError::from_response(status, None, text) {
        ApiError::Status { body, .. } => body.message,
        ApiError::Limited { retry_after_secs } => t_with("upload-too-many", &[("seconds", retry_after_secs.into())]),
        ApiError::Network | ApiError::Unexpected => t("upload-failed").to_owned(),
    }
}
