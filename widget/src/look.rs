//! The workspace's look, as the server wrote it in the messenger's document (`<script
//! type="application/json" id="helpline-look">`, `protocol::brand::MessengerLook`): the
//! brand palette the messenger paints with, the launcher's side and label the loader
//! remembers for later pages, the workspace's own greeting and away message in the
//! language the messenger speaks, and its logo. Read with the browser's `JSON.parse`
//! field by field rather than through serde, which would cost the first open more than
//! the whole module.

use js_sys::Reflect;
use leptos::prelude::document;
use wasm_bindgen::{JsCast, JsValue};

use crate::host::ToHost;

/// The palette's fields: the CSS token each sets, and its name in the JSON.
const PALETTE: [(&str, &str); 3] =
    [("--hl-brand", "brand"), ("--hl-on-brand", "on_brand"), ("--hl-brand-strong", "brand_strong")];

thread_local! {
    static LOOK: JsValue = document()
        .get_element_by_id("helpline-look")
        .and_then(|element| element.text_content())
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL);
}

/// A text field of `object`, if it has one.
fn text(object: &JsValue, name: &str) -> Option<String> {
    if !object.is_object() {
        return None;
    }
    Reflect::get(object, &JsValue::from_str(name)).ok()?.as_string().filter(|text| !text.is_empty())
}

/// A text field of the look.
fn field(name: &str) -> Option<String> {
    LOOK.with(|look| text(look, name))
}

/// A colour of the palette.
fn colour(name: &str) -> Option<String> {
    LOOK.with(|look| Reflect::get(look, &JsValue::from_str("palette")).ok().and_then(|palette| text(&palette, name)))
}

/// Paints the document with the workspace's brand: the tokens `style/tokens.css` gives
/// Helpline's blue are set on `<html>` through the CSSOM, which the page's CSP allows.
/// A document without a look keeps the stylesheet's.
pub fn apply() {
    let Some(html) = document().document_element().and_then(|html| html.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    let style = html.style();
    for (token, name) in PALETTE {
        if let Some(value) = colour(name) {
            let _ = style.set_property(token, &value);
        }
    }
    if let (Some(light), Some(dark)) = (colour("link_light"), colour("link_dark")) {
        let _ = style.set_property("--hl-link", &format!("light-dark({light}, {dark})"));
    }
}

/// What the workspace greets visitors with in this language, if it wrote it.
pub fn greeting() -> Option<String> {
    field("greeting")
}

/// What the workspace says while nobody is online, in this language, if it wrote it.
pub fn away_message() -> Option<String> {
    field("away_message")
}

/// Where the workspace's logo is, if it has one.
pub fn logo() -> Option<String> {
    field("logo")
}

/// `ready` for the loader: the language spoken and the launcher's look, which it
/// remembers to draw the launcher on later pages before any request.
pub fn ready() -> ToHost {
    ToHost::Ready {
        locale: crate::l10n::locale().tag(),
        brand: colour("brand").unwrap_or_else(|| protocol::brand::DEFAULT_BRAND.to_owned()),
        on_brand: colour("on_brand").unwrap_or_else(|| "#ffffff".to_owned()),
        position: if field("position").as_deref() == Some("left") { "left" } else { "right" },
        label: field("launcher_label"),
    }
}
