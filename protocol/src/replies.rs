//! Saved replies: the bodies of `/api/v1/saved-replies`, and the limits and shortcut
//! rule the server enforces and the console's composers follow. What a body may say
//! (`{{visitor.name}}` and the rest) is [`crate::template`].

use serde::{Deserialize, Serialize};

use crate::Millis;

/// Longest shortcut, in characters.
pub const MAX_SHORTCUT_CHARS: usize = 32;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;

/// Longest body, in characters: a chat message's default limit, so a saved reply
/// without variables always fits in a chat and in a ticket reply.
pub const MAX_BODY_CHARS: usize = crate::limits::DEFAULT_MAX_BODY_CHARS;

/// A workspace's saved reply, as `GET /api/v1/saved-replies` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedReply {
    pub id: i64,
    /// What agents type after `/` to insert it: lowercase letters, digits, `-`, `_`.
    /// Unique in the workspace.
    pub shortcut: String,
    pub title: String,
    /// The text inserted, with `{{variables}}` filled in where it is inserted.
    pub body: String,
    /// The agent who created it; `None` once that agent is deleted.
    pub created_by: Option<i64>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// `POST /api/v1/saved-replies` and `PUT /api/v1/saved-replies/{id}` body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedReplyInput {
    /// With or without its leading `/`.
    pub shortcut: String,
    pub title: String,
    pub body: String,
}

/// Whether `c` may appear in a shortcut.
pub fn is_shortcut_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
}

/// What is wrong with a shortcut; the server words it for the admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortcutProblem {
    Missing,
    /// Over [`MAX_SHORTCUT_CHARS`].
    TooLong,
    /// A character [`is_shortcut_char`] refuses.
    Characters,
}

/// What is wrong with `shortcut` (given without its `/`); `None` when it is a valid
/// shortcut.
pub fn shortcut_problem(shortcut: &str) -> Option<ShortcutProblem> {
    if shortcut.is_empty() {
        Some(ShortcutProblem::Missing)
    } else if shortcut.chars().count() > MAX_SHORTCUT_CHARS {
        Some(ShortcutProblem::TooLong)
    } else if !shortcut.chars().all(is_shortcut_char) {
        Some(ShortcutProblem::Characters)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_short_lowercase_words() {
        for good in ["refund", "refund-policy", "faq_2", "a", &"x".repeat(MAX_SHORTCUT_CHARS)] {
            assert_eq!(shortcut_problem(good), None, "{good}");
        }
        for bad in ["", "Refund", "re fund", "/refund", "rëfund", "refund!", &"x".repeat(MAX_SHORTCUT_CHARS + 1)] {
            assert!(shortcut_problem(bad).is_some(), "{bad}");
        }
    }
}
