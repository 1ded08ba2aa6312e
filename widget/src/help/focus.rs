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
/// A visitor who puts focus somewhere themselves meanwhile (clicking into the composer
/// while the messenger is still opening) keeps it: the move is dropped, so what they
/// type never lands in another field.
#[derive(Default)]
pub struct Focus {
    pending: Rc<RefCell<Option<Move>>>,
}

/// Where focus should go, and where it was when that was asked.
struct Move {
    /// `None`: the main control; `Some(key)`: the control with that key, or the main
    /// control if it is gone.
    key: Option<String>,
    /// The focused element when the move was asked. Focus found on another element
    /// was put there since; focus on the body is not, as that is where it falls when
    /// its element leaves the page.
    focused: Option<Element>,
}

impl Focus {
    /// Moves focus to the control named `key`, or to the screen's main control.
    pub fn request(&self, key: Option<String>) {
        *self.pending.borrow_mut() = Some(Move { key, focused: focused_element() });
        self.settle();
    }

    /// Tries the pending move after the next render (call it when data arrives), and
    /// on each frame after that until its control is there: a lazily loaded screen may
    /// render after its data arrived.
    pub fn settle(&self) {
        retry(Rc::clone(&self.pending), MAX_FRAMES);
    }
}

/// How many frames a focus move waits for its control (about ten seconds at 60 Hz).
const MAX_FRAMES: u32 = 600;

fn retry(pending: Rc<RefCell<Option<Move>>>, frames_left: u32) {
    request_animation_frame(move || {
        let Some(asked) = pending.borrow_mut().take() else {
            return;
        };
        let put_elsewhere = focused_element().is_some_and(|now| asked.focused.as_ref() != Some(&now));
        if put_elsewhere || apply(asked.key.as_deref()) {
            return;
        }
        *pending.borrow_mut() = Some(asked);
        if frames_left > 0 {
            retry(pending, frames_left - 1);
        }
    });
}

/// The element with focus, unless that is the body (nothing in particular).
fn focused_element() -> Option<Element> {
    let document = document();
    let body: Option<Element> = document.body().map(Into::into);
    document.active_element().filter(|element| body.as_ref() != Some(element))
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
