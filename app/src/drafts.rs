//! Unsent replies, kept in `localStorage` per agent and per conversation or ticket, so
//! a reload or a look elsewhere loses nothing typed and one conversation's draft never
//! shows in another. Where storage is refused (private modes, full quota) drafts are
//! kept in memory for the console's life instead.

use std::collections::HashMap;

/// Whose reply a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftOf {
    Conversation(i64),
    Ticket(i64),
}

/// The drafts of one signed-in agent.
#[derive(Debug)]
pub struct Drafts {
    /// `helpline.console.{agent_id}.draft.`: agent ids are unique across workspaces,
    /// so the agent names the workspace too.
    prefix: String,
    /// Drafts storage refused, by storage key.
    fallback: HashMap<String, String>,
}

impl Drafts {
    /// The drafts of agent `agent_id`.
    pub fn of_agent(agent_id: i64) -> Self {
        Self { prefix: format!("helpline.console.{agent_id}.draft."), fallback: HashMap::new() }
    }

    /// The draft of `of`, empty when there is none.
    pub fn load(&self, of: DraftOf) -> String {
        let key = self.key(of);
        if let Some(text) = self.fallback.get(&key) {
            return text.clone();
        }
        storage().and_then(|storage| storage.get_item(&key).ok().flatten()).unwrap_or_default()
    }

    /// Keeps `text` as the draft of `of`; blank text removes the draft.
    pub fn save(&mut self, of: DraftOf, text: &str) {
        let key = self.key(of);
        if text.trim().is_empty() {
            self.fallback.remove(&key);
            if let Some(storage) = storage() {
                let _ = storage.remove_item(&key);
            }
            return;
        }
        let stored = storage().is_some_and(|storage| storage.set_item(&key, text).is_ok());
        if stored {
            self.fallback.remove(&key);
        } else {
            self.fallback.insert(key, text.to_owned());
        }
    }

    /// Removes the draft of `of` if it is still `sent`: text typed after sending stays.
    pub fn sent(&mut self, of: DraftOf, sent: &str) {
        if self.load(of) == sent {
            self.save(of, "");
        }
    }

    fn key(&self, of: DraftOf) -> String {
        storage_key(&self.prefix, of)
    }
}

/// The storage key of a draft.
fn storage_key(prefix: &str, of: DraftOf) -> String {
    match of {
        DraftOf::Conversation(id) => format!("{prefix}conversation.{id}"),
        DraftOf::Ticket(number) => format!("{prefix}ticket.{number}"),
    }
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Native builds (the unit tests) have no browser, so no storage: the fallback holds.
#[cfg(not(target_arch = "wasm32"))]
fn storage() -> Option<web_sys::Storage> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_agents_conversations_and_tickets_apart() {
        let ann = Drafts::of_agent(1);
        let bob = Drafts::of_agent(12);
        let keys = [
            ann.key(DraftOf::Conversation(2)),
            ann.key(DraftOf::Ticket(2)),
            ann.key(DraftOf::Conversation(21)),
            bob.key(DraftOf::Conversation(2)),
        ];
        for (index, key) in keys.iter().enumerate() {
            assert!(keys.iter().skip(index + 1).all(|other| other != key), "{key} is used twice");
        }
        assert_eq!(keys[0], "helpline.console.1.draft.conversation.2");
    }

    #[test]
    fn without_storage_drafts_stay_in_memory_until_cleared() {
        let mut drafts = Drafts::of_agent(1);
        drafts.save(DraftOf::Ticket(1001), "Half a reply");
        assert_eq!(drafts.load(DraftOf::Ticket(1001)), "Half a reply");
        assert_eq!(drafts.load(DraftOf::Conversation(1001)), "");
        drafts.sent(DraftOf::Ticket(1001), "Something else");
        assert_eq!(drafts.load(DraftOf::Ticket(1001)), "Half a reply");
        drafts.sent(DraftOf::Ticket(1001), "Half a reply");
        assert_eq!(drafts.load(DraftOf::Ticket(1001)), "");
    }
}
