//! The page's localStorage, each value under `helpline.<kind>.<scope>` (the scope is the
//! messenger's app id, or the console's agent id).
//!
//! Storage may be missing or refuse writes (private modes, partitioned or blocked
//! third-party storage). Then nothing is kept and the app still works for this page
//! view, so every function here fails quietly.

use web_sys::Storage;

use crate::outbox::{Outbox, SavedMessage};

/// The stored value, if any.
pub fn read(kind: &str, scope: &str) -> Option<String> {
    local()?.get_item(&key(kind, scope)).ok().flatten()
}

/// Stores a value. A full or blocked storage loses it; the in-memory state still holds it.
pub fn write(kind: &str, scope: &str, value: &str) {
    if let Some(storage) = local() {
        let _ = storage.set_item(&key(kind, scope), value);
    }
}

/// Removes a value.
pub fn remove(kind: &str, scope: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(&key(kind, scope));
    }
}

/// The outbox saved under `kind`; unreadable contents count as empty.
pub fn outbox(kind: &str, scope: &str) -> Outbox {
    Outbox::from_json(read(kind, scope).as_deref())
}

/// Saves the outbox; an empty one removes the key.
pub fn set_outbox(kind: &str, scope: &str, saved: &[SavedMessage]) {
    match Outbox::saved_json(saved) {
        Some(json) => write(kind, scope, &json),
        None => remove(kind, scope),
    }
}

fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn key(kind: &str, scope: &str) -> String {
    format!("helpline.{kind}.{scope}")
}
