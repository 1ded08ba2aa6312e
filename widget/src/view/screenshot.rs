//! "Take a screenshot": the host tab captured with the Screen Capture API
//! (`getDisplayMedia` with `preferCurrentTab`; the loader lets the messenger's iframe
//! ask for it), then an editor where the visitor blacks out anything private before the
//! picture is attached as a PNG. Screenshots carry private data, so nothing leaves the
//! browser until the visitor presses "Attach screenshot". Where capture is unavailable
//! (phones, older browsers, a refused permission) the visitor is told so and offered
//! the file picker instead.
//!
//! The browser is asked for the tab in the click itself ([`ask`]), while the click's
//! user activation lasts; capturing the frame and the editor are modules of their own
//! (`wasm_split`), fetched on the first click, which may take longer than that
//! activation on a slow device or network. Where they could not be fetched, the visitor
//! is told, and a tab shared meanwhile is stopped at once.

use client::web::dom::handler;
use client::web::http::Auth;
use client::web::lazy::{self, NotLoaded, Task};
use client::web::uploads::Uploads;
use leptos::ev::PointerEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::wasm_split;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, DisplayMediaStreamConstraints, File, HtmlCanvasElement, HtmlVideoElement, MediaDevices,
    MediaStream, MediaStreamTrack,
};

use crate::chat::Chat;
use crate::l10n::t;

/// A capture being edited: the picture as taken, and the boxes blacked out on it, in
/// the picture's pixels.
#[derive(Clone)]
pub struct Shot {
    taken: HtmlCanvasElement,
    boxes: Vec<[f64; 4]>,
}

/// The screenshot being edited, if any. Local: it holds browser objects.
pub type Editing = RwSignal<Option<Shot>, LocalStorage>;

// Why there is no screenshot, as message ids; each message also offers the file picker.
/// The browser cannot capture the tab.
const UNAVAILABLE: &str = "screenshot-unavailable";
/// The visitor (or the browser's policy) refused to share the tab.
const NOT_ALLOWED: &str = "screenshot-not-allowed";
/// The tab was shared, but no picture of it came.
const NO_FRAME: &str = "screenshot-no-frame";
/// How long the shared tab has to give its first picture.
const FIRST_FRAME_WAIT_MS: i32 = 25_000;

/// Asks the browser to share the tab the visitor is on. Call it in the click handler,
/// before anything awaits: browsers allow the request only during a user activation.
/// `None` where capture is unavailable.
pub fn ask() -> Option<js_sys::Promise> {
    let navigator = window().navigator();
    let devices = js_sys::Reflect::get(&navigator, &JsValue::from_str("mediaDevices")).ok()?;
    let has_capture = !devices.is_undefined()
        && js_sys::Reflect::get(&devices, &JsValue::from_str("getDisplayMedia")).is_ok_and(|f| f.is_function());
    if !has_capture {
        return None;
    }
    let devices: MediaDevices = devices.unchecked_into();
    let constraints = DisplayMediaStreamConstraints::new();
    constraints.set_video_bool(true);
    constraints.set_audio_bool(false);
    // Offers this tab first (Chromium); others ignore it.
    let _ = js_sys::Reflect::set(&constraints, &JsValue::from_str("preferCurrentTab"), &JsValue::TRUE);
    devices.get_display_media_with_constraints(&constraints).ok()
}

/// Takes the capture [`ask`] asked for and opens the editor; where that cannot be done,
/// says why and offers the file picker (`picker_id`).
pub fn take(chat: Chat, editing: Editing, picker_id: &'static str, asked: Option<js_sys::Promise>) {
    let shared = asked.clone();
    spawn_local(async move {
        match capture_and_edit(chat, editing, picker_id, asked).await {
            Ok(capturing) => capturing.await,
            Err(NotLoaded) => {
                chat.show_notice(t(lazy::NOT_LOADED));
                if let Some(shared) = shared
                    && let Ok(stream) = JsFuture::from(shared).await
                {
                    stop(&stream.unchecked_into());
                }
            }
        }
    });
}

#[wasm_split(capture_and_edit, wasm_split_path = leptos::wasm_split, fallible)]
fn capture_and_edit(
    chat: Chat,
    editing: Editing,
    picker_id: &'static str,
    asked: Option<js_sys::Promise>,
) -> Result<Task, NotLoaded> {
    Ok(Box::pin(capture_then_edit(chat, editing, picker_id, asked)))
}

async fn capture_then_edit(chat: Chat, editing: Editing, picker_id: &'static str, asked: Option<js_sys::Promise>) {
    match capture(asked).await {
        Ok(taken) => editing.set(Some(Shot { taken, boxes: Vec::new() })),
        Err(reason) => {
            web_sys::console::warn_1(&format!("Helpline: no screenshot: {reason}").into());
            chat.show_notice(t(reason));
            let picker = document().get_element_by_id(picker_id);
            if let Some(picker) = picker.and_then(|picker| picker.dyn_into::<web_sys::HtmlElement>().ok()) {
                picker.click();
            }
        }
    }
}

/// One frame of the tab the visitor is on, drawn on a canvas; the id of the message
/// saying why not.
async fn capture(asked: Option<js_sys::Promise>) -> Result<HtmlCanvasElement, &'static str> {
    let promise = asked.ok_or(UNAVAILABLE)?;
    let stream: MediaStream = match JsFuture::from(promise).await {
        Ok(stream) => stream.unchecked_into(),
        Err(error) => {
            let name = js_sys::Reflect::get(&error, &JsValue::from_str("name")).ok().and_then(|name| name.as_string());
            web_sys::console::warn_1(&format!("Helpline: tab capture refused: {name:?}").into());
            return Err(match name.as_deref() {
                Some("NotAllowedError") => NOT_ALLOWED,
                _ => UNAVAILABLE,
            });
        }
    };
    // The button that asked pulses until the picture comes (`.capturing`): a tab that
    // is not painting gives a capture no frame.
    let root = document().document_element();
    if let Some(root) = &root {
        let _ = root.class_list().add_1("capturing");
    }
    let frame = draw_first_frame(&stream).await;
    if let Some(root) = &root {
        let _ = root.class_list().remove_1("capturing");
    }
    stop(&stream);
    frame.ok_or(NO_FRAME)
}

/// Ends the sharing of the tab.
fn stop(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        track.unchecked_into::<MediaStreamTrack>().stop();
    }
}

async fn draw_first_frame(stream: &MediaStream) -> Option<HtmlCanvasElement> {
    let video: HtmlVideoElement = document().create_element("video").ok()?.dyn_into().ok()?;
    video.set_muted(true);
    video.set_src_object(Some(stream));
    // The first picture comes when the tab paints; a tab that never does must not leave
    // the visitor waiting, so playing races a deadline.
    let deadline = js_sys::Promise::new(&mut |_resolve, reject| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&reject, FIRST_FRAME_WAIT_MS);
    });
    let play: JsValue = video.play().ok()?.into();
    let playing = js_sys::Promise::race(&js_sys::Array::of2(&play, &deadline));
    if JsFuture::from(playing).await.is_err() {
        web_sys::console::warn_1(&"Helpline: the shared tab gave no picture in time".into());
        return None;
    }
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(video.video_width());
    canvas.set_height(video.video_height());
    context(&canvas)?.draw_image_with_html_video_element(&video, 0.0, 0.0).ok()?;
    Some(canvas)
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// The editor: the capture, with the boxes blacked out so far and the one being
/// dragged; Undo, Cancel, and Attach.
#[wasm_split(editor, wasm_split_path = leptos::wasm_split, fallible)]
pub fn editor(chat: Chat, uploads: Uploads, editing: Editing) -> Result<AnyView, NotLoaded> {
    let canvas = NodeRef::<html::Canvas>::new();
    // Where a drag started, in the picture's pixels.
    let dragging = StoredValue::new(None::<(f64, f64)>);
    let redraw = move |extra: Option<[f64; 4]>| {
        let (Some(target), Some(shot)) = (canvas.get_untracked(), editing.get_untracked()) else { return };
        paint(&target, &shot, extra);
    };
    Effect::new(move |_| {
        if canvas.get().is_some() {
            redraw(None);
        }
    });
    let at = move |event: &PointerEvent| -> Option<(f64, f64)> {
        let target = canvas.get_untracked()?;
        let scale = f64::from(target.width()) / f64::from(target.client_width().max(1));
        Some((f64::from(event.offset_x()) * scale, f64::from(event.offset_y()) * scale))
    };
    let on_down = move |event: PointerEvent| {
        if let (Some(point), Some(target)) = (at(&event), canvas.get_untracked()) {
            let _ = target.set_pointer_capture(event.pointer_id());
            dragging.set_value(Some(point));
        }
    };
    let on_move = move |event: PointerEvent| {
        if let (Some(start), Some(point)) = (dragging.get_value(), at(&event)) {
            redraw(Some(span(start, point)));
        }
    };
    let on_up = move |event: PointerEvent| {
        if let (Some(start), Some(point)) = (dragging.get_value(), at(&event)) {
            let drawn = span(start, point);
            if drawn[2] >= 2.0 && drawn[3] >= 2.0 {
                editing.update(|shot| {
                    if let Some(shot) = shot {
                        shot.boxes.push(drawn);
                    }
                });
            }
            redraw(None);
        }
        dragging.set_value(None);
    };
    let undo = move |_| {
        editing.update(|shot| {
            if let Some(shot) = shot {
                shot.boxes.pop();
            }
        });
        redraw(None);
    };
    let attach = move |_| {
        let Some(target) = canvas.get_untracked() else { return };
        let Some(token) = chat.token() else { return };
        let done = Closure::once_into_js(move |blob: JsValue| {
            if let Some(file) = blob.dyn_ref::<web_sys::Blob>().and_then(png_file) {
                uploads.add(file, Auth::Bearer(&token));
            }
        });
        let _ = target.to_blob(done.unchecked_ref());
        editing.set(None);
    };
    let no_boxes = move || editing.with(|shot| shot.as_ref().is_none_or(|shot| shot.boxes.is_empty()));
    Ok(view! {
        <section class="shot" role="dialog" aria-modal="true" aria-labelledby="shot-title">
            <h2 class="screen-title" id="shot-title" tabindex="-1" data-autofocus>
                {t("screenshot-title")}
            </h2>
            <p class="hint">{t("screenshot-hint")}</p>
            <div class="shot-frame">
                <canvas
                    class="shot-canvas"
                    node_ref=canvas
                    aria-label=t("screenshot-canvas-label")
                    on:pointerdown=handler(on_down)
                    on:pointermove=handler(on_move)
                    on:pointerup=handler(on_up)
                ></canvas>
            </div>
            <div class="shot-actions">
                <button type="button" class="text-action" disabled=no_boxes on:click=handler(undo)>
                    {t("screenshot-undo")}
                </button>
                <button type="button" class="text-action" on:click=handler(move |_| editing.set(None))>
                    {t("screenshot-cancel")}
                </button>
                <button type="button" class="send" on:click=handler(attach)>
                    {t("screenshot-attach")}
                </button>
            </div>
        </section>
    }
    .into_any())
}

/// The box between two corners, as x, y, width, height.
fn span((x0, y0): (f64, f64), (x1, y1): (f64, f64)) -> [f64; 4] {
    [x0.min(x1), y0.min(y1), (x1 - x0).abs(), (y1 - y0).abs()]
}

/// Draws the capture with its boxes (and `extra`, the one being dragged) on `target`.
fn paint(target: &HtmlCanvasElement, shot: &Shot, extra: Option<[f64; 4]>) {
    target.set_width(shot.taken.width());
    target.set_height(shot.taken.height());
    let Some(context) = context(target) else { return };
    let _ = context.draw_image_with_html_canvas_element(&shot.taken, 0.0, 0.0);
    context.set_fill_style_str("#000");
    for [x, y, width, height] in shot.boxes.iter().copied().chain(extra) {
        context.fill_rect(x, y, width, height);
    }
}

/// The PNG as a file named like a screenshot.
fn png_file(blob: &web_sys::Blob) -> Option<File> {
    let parts = js_sys::Array::of1(blob);
    let options = web_sys::FilePropertyBag::new();
    options.set_type("image/png");
    File::new_with_blob_sequence_and_options(&parts, "screenshot.png", &options).ok()
}
