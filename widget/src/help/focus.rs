//! Where keyboard focus goes when the messenger changes screen: into the new screen's
//! main control, or back to the control that opened the screen just left. Screens mark
//! their main control with `data-autofocus` and the controls that open other screens
//! with a `data-focus-key` unique within the screen.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The `data-focus-key` of the thank-you that replaces the feedback buttons.
pub const FEEDBACK_KEY: &str = "feedback";

/// A pending focus move. It waits for the next frame, when the new screen has
/// rendered, and for as long as its control is not there yet (its data still loading).
#[derive(Default)]
pub struct Focus {
    /// `Some(None)`: the main control; `Some(Some(key))`: the control with that key,
    /// or the main control if it is gone.
    pending: Rc<RefCell<Option<Option<String>>>>,
}

impl Focus {
    /// Moves focus to the control named `key`, or to the screen's main control.
    pub fn request(&self, key: Option<String>) {
        *self.pending.borrow_mut() = Some(key);
        self.settle();
    }

    /// Tries the pending move after the next render (call it when data arrives).
    pub fn settle(&self) {
        let pending = Rc::clone(&self.pending);
        request_animation_frame(move || {
            let target = pending.borrow().clone();
            if let Some(target) = target
                && apply(target.as_deref())
            {
                *pending.borrow_mut() = None;
            }
        });
    }
}

/// The `data-focus-key` of the control that has focus (or contains it).
pub fn focused_key() -> Option<String> {
    let element = document().active_element()?;
    element.closest("[data-focus-key]").ok().flatten()?.get_attribute("data-focus-key")
}

/// Focuses the control; returns whether there was one to focus.
fn apply(key: Option<&str>) -> bool {
    let document = document();
    let element = key
        .and_then(|key| find_key(&document, key))
        .or_else(|| document.query_selector("[data-autofocus]").ok().flatten());
    match element.and_then(|element| element.dyn_into::<HtmlElement>().ok()) {
        Some(element) => element.focus().is_ok(),
        None => false,
    }
}

/// Compares attributes rather than building a selector, so a key needs no escaping.
fn find_key(document: &Document, key: &str) -> Option<Element> {
    let nodes = document.query_selector_all("[data-focus-key]").ok()?;
    (0..nodes.length())
        .filter_map(|index| nodes.item(index)?.dyn_into::<Element>().ok())
        .find(|element| element.get_attribute("data-focus-key").as_deref() == Some(key))
}
