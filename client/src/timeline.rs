//! A conversation's committed messages: sorted by seq, each seq once, however often the
//! server replays them. What `subscribe` resumes after is the highest seq held.

use protocol::api::{AuthorKind, Message};

/// Committed messages in seq order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// Invariant: strictly increasing `seq`.
    messages: Vec<Message>,
}

impl Timeline {
    /// Adds a message in seq order. Returns `false`, changing nothing, when a message
    /// with that seq is already here.
    pub fn insert(&mut self, message: Message) -> bool {
        insert(&mut self.messages, message)
    }

    /// The messages, oldest first.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// The highest seq seen, 0 when there is none: what `subscribe` resumes after.
    pub fn last_seq(&self) -> i64 {
        last_seq(&self.messages)
    }

    /// The seq of the newest agent message, if any.
    pub fn last_agent_seq(&self) -> Option<i64> {
        self.last_seq_by(AuthorKind::Agent)
    }

    /// The seq of the newest system message (a hand-off, the end of the chat), if any.
    pub fn last_system_seq(&self) -> Option<i64> {
        self.last_seq_by(AuthorKind::System)
    }

    fn last_seq_by(&self, author: AuthorKind) -> Option<i64> {
        self.messages.iter().rev().find(|message| message.author == author).map(|message| message.seq)
    }
}

/// Inserts a message into a list sorted by seq, keeping it sorted; returns `false`,
/// changing nothing, when that seq is already there.
pub fn insert(messages: &mut Vec<Message>, message: Message) -> bool {
    match messages.binary_search_by_key(&message.seq, |known| known.seq) {
        Ok(_) => false,
        Err(at) => {
            messages.insert(at, message);
            true
        }
    }
}

/// The highest seq in a list sorted by seq, 0 when empty.
pub fn last_seq(messages: &[Message]) -> i64 {
    messages.last().map_or(0, |message| message.seq)
}
#[cfg(test)]
mod tests {
    use super::*;

    fn message(seq: i64, author: AuthorKind) -> Message {
        Message {
            id: seq * 10,
            conversation_id: 1,
            seq,
            author,
            author_name: "Ada".into(),
            body: format!("message {seq}"),
            client_id: format!("c{seq}"),
            created_at: 1_700_000_000_000 + seq,
            files: Vec::new(),
            internal: false,
            change: None,
        }
    }

    #[test]
    fn messages_stay_in_seq_order_whatever_the_arrival_order() {
        let mut timeline = Timeline::default();
        for seq in [3, 1, 2] {
            assert!(timeline.insert(message(seq, AuthorKind::Visitor)));
        }
        let seqs: Vec<i64> = timeline.messages().iter().map(|m| m.seq).collect();
        assert_eq!(seqs, [1, 2, 3]);
        assert_eq!(timeline.last_seq(), 3);
    }

    #[test]
    fn a_replayed_seq_is_ignored() {
        let mut timeline = Timeline::default();
        assert!(timeline.insert(message(1, AuthorKind::Visitor)));
        let mut again = message(1, AuthorKind::Visitor);
        again.body = "changed".into();
        assert!(!timeline.insert(again));
        assert_eq!(timeline.messages().len(), 1);
        assert_eq!(timeline.messages()[0].body, "message 1");
    }

    #[test]
    fn last_agent_seq_skips_visitor_messages() {
        let mut timeline = Timeline::default();
        assert_eq!(timeline.last_agent_seq(), None);
        timeline.insert(message(1, AuthorKind::Agent));
        timeline.insert(message(2, AuthorKind::Visitor));
        assert_eq!(timeline.last_agent_seq(), Some(1));
        assert_eq!(Timeline::default().last_seq(), 0);
    }

    #[test]
    fn last_system_seq_finds_the_newest_system_message() {
        let mut timeline = Timeline::default();
        timeline.insert(message(1, AuthorKind::Agent));
        assert_eq!(timeline.last_system_seq(), None);
        timeline.insert(message(2, AuthorKind::System));
        timeline.insert(message(3, AuthorKind::Visitor));
        assert_eq!(timeline.last_system_seq(), Some(2));
        assert_eq!(timeline.last_agent_seq(), Some(1));
    }
}
