//! The iframe's own localStorage, through the shared client's storage: the visitor token, the composer draft, the outbox,
//! the "Email us" draft, whether the visitor has a conversation or tickets, and which
//! user the host last identified, each under a key that includes the app id
//! (`helpline.<kind>.<app_id>`).
//!
//! Storage may be missing or refuse writes (private modes, partitioned or blocked
//! third-party storage). Then nothing is kept and the messenger still works for this
//! page view, so every function here fails quietly.

use client::outbox::{Outbox, SavedMessage};
use client::web::storage::{self as local, read, remove, write};
use protocol::tickets::WidgetTicketInput;

/// The stored visitor token, if any.
pub fn token(app_id: &str) -> Option<String> {
    read("token", app_id).filter(|token| !token.is_empty())
}

/// Keeps the visitor token for later page loads.
pub fn set_token(app_id: &str, token: &str) {
    write("token", app_id, token);
}

/// Forgets a token the server no longer accepts.
pub fn clear_token(app_id: &str) {
    remove("token", app_id);
}

/// The saved composer draft, or an empty string.
pub fn draft(app_id: &str) -> String {
    read("draft", app_id).unwrap_or_default()
}

/// Saves the composer draft; an empty draft removes the key.
pub fn set_draft(app_id: &str, draft: &str) {
    if draft.is_empty() { remove("draft", app_id) } else { write("draft", app_id, draft) }
}

/// Whether the visitor had a conversation when the messenger last heard from the
/// server: then it opens on the chat rather than the help home.
pub fn has_conversation(app_id: &str) -> bool {
    read("conversation", app_id).is_some()
}

/// Remembers whether the visitor has a conversation; `false` removes the key.
pub fn set_has_conversation(app_id: &str, has_conversation: bool) {
    if has_conversation { write("conversation", app_id, "1") } else { remove("conversation", app_id) }
}

/// The saved outbox, every message `Sending` again. Unreadable contents count as empty
/// rather than an error: a corrupt entry must not stop the messenger from starting.
pub fn outbox(app_id: &str) -> Outbox {
    local::outbox("outbox", app_id)
}

/// Saves the outbox; an empty outbox removes the key.
pub fn set_outbox(app_id: &str, messages: &[SavedMessage]) {
    local::set_outbox("outbox", app_id, messages);
}

/// The "Email us" form as the visitor left it; unreadable contents count as empty.
pub fn ticket_draft(app_id: &str) -> WidgetTicketInput {
    read("ticket", app_id).and_then(|json| client::json::from_str(&json)).unwrap_or_default()
}

/// Saves the "Email us" form; an empty form removes the key.
pub fn set_ticket_draft(app_id: &str, draft: &WidgetTicketInput) {
    if *draft == WidgetTicketInput::default() {
        remove("ticket", app_id);
    } else if let Some(json) = client::json::to_string(draft) {
        write("ticket", app_id, &json);
    }
}

/// Whether the visitor had tickets when the messenger last heard: then the home links
/// to them.
pub fn has_tickets(app_id: &str) -> bool {
    read("tickets", app_id).is_some()
}

/// Remembers whether the visitor has tickets; `false` removes the key.
pub fn set_has_tickets(app_id: &str, has_tickets: bool) {
    if has_tickets { write("tickets", app_id, "1") } else { remove("tickets", app_id) }
}

/// Which user the host last identified in this browser (see `host::user_key`).
pub fn user(app_id: &str) -> Option<String> {
    read("user", app_id)
}

/// Remembers which user the host identified.
pub fn set_user(app_id: &str, key: &str) {
    write("user", app_id, key);
}

/// Forgets everything of this browser's visitor: the token, drafts, outbox, what it had,
/// and the user it was. The next session is a new visitor that knows nothing of it.
pub fn forget_visitor(app_id: &str) {
    for kind in ["token", "draft", "outbox", "ticket", "conversation", "tickets", "user"] {
        remove(kind, app_id);
    }
}
