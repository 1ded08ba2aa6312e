//! The console's data model and the pure rules for merging what the server sends into it.

use client::outbox::{Delivery, Outbox};
pub use client::timeline::{insert as insert_message, last_seq};
use protocol::api::{AgentSession, AuthorKind, ConversationSummary, Message, VisitorContext};
use protocol::files::FileRef;
use protocol::inbox::ConversationChange;

/// What the console knows about who is signed in.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    /// Asking the server who is signed in.
    Checking,
    /// The server could not be reached while checking; the check is retried.
    Unreachable,
    SignedOut,
    SignedIn(AgentSession),
}

/// Which main view a signed-in agent sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Inbox,
    Tickets,
    HelpCenter,
    /// Admins only.
    Reports,
    /// The workspace's audit log; admins only.
    Audit,
    Settings,
    /// The address names nothing the agent can see.
    NotFound,
}

/// The state of the live WebSocket connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The first connection attempt since sign-in is under way.
    Connecting,
    Open,
    /// The connection dropped (or never came up) and is being retried.
    Reconnecting,
}

/// The part of a conversation's detail that is not its message list.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenConversation {
    pub summary: ConversationSummary,
    pub visitor: VisitorContext,
}

/// Loading state of the selected conversation's detail.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Loading,
    Ready(Box<OpenConversation>),
    Failed(String),
    /// No such conversation in the agent's workspace.
    Missing,
}

/// Delivery state of one row in the message log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineStatus {
    Sent,
    Sending,
    /// Carries the text shown beside the message.
    Failed(String),
}

impl LineStatus {
    /// The value of the row's `data-status` attribute.
    pub fn as_attr(&self) -> &'static str {
        match self {
            LineStatus::Sent => "sent",
            LineStatus::Sending => "sending",
            LineStatus::Failed(_) => "failed",
        }
    }
}

/// One row of the message log: a stored message or a pending one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Unique among the rows and changes whenever the row must be redrawn.
    pub key: String,
    pub author: AuthorKind,
    pub author_name: String,
    pub body: String,
    pub files: Vec<FileRef>,
    pub created_at: i64,
    pub client_id: String,
    pub status: LineStatus,
    /// A note for the team, or a history entry.
    pub internal: bool,
    pub change: Option<ConversationChange>,
}

/// Text shown beside a message that got no acknowledgement in time (a message id).
pub const NOT_DELIVERED: &str = "message-not-delivered";

/// Builds the log rows for one conversation: stored messages in seq order, then the
/// pending ones in the order they were written.
pub fn lines(messages: &[Message], outbox: &Outbox, conversation_id: i64, my_name: &str) -> Vec<Line> {
    let stored = messages.iter().map(|message| Line {
        key: format!("m{}", message.seq),
        author: message.author,
        author_name: message.author_name.clone(),
        body: message.body.clone(),
        files: message.files.clone(),
        created_at: message.created_at,
        client_id: message.client_id.clone(),
        status: LineStatus::Sent,
        internal: message.internal,
        change: message.change.clone(),
    });
    let pending = outbox.entries().iter().filter(|pending| pending.conversation_id == Some(conversation_id));
    let pending = pending.map(|pending| {
        let status = match &pending.delivery {
            Delivery::Sending => LineStatus::Sending,
            Delivery::TimedOut => LineStatus::Failed(crate::l10n::t(NOT_DELIVERED).to_owned()),
            Delivery::Refused(reason) => LineStatus::Failed(reason.clone()),
        };
        Line {
            key: format!("p{}:{}", pending.client_id, status.as_attr()),
            author: AuthorKind::Agent,
            author_name: my_name.to_owned(),
            body: pending.body.clone(),
            files: pending.files.clone(),
            created_at: pending.created_at,
            client_id: pending.client_id.clone(),
            status,
            internal: pending.internal,
            change: None,
        }
    });
    stored.chain(pending).collect()
}

/// Inserts or replaces a conversation in the inbox, keeping newest-updated first.
///
/// An older copy of a summary never replaces a newer one, so a stale frame cannot
/// roll a row back: every change to a conversation (a message, a note, an assignment)
/// takes the next sequence number.
pub fn upsert_summary(inbox: &mut Vec<ConversationSummary>, summary: ConversationSummary) {
    if let Some(index) = inbox.iter().position(|known| known.id == summary.id) {
        if inbox[index].last_seq > summary.last_seq {
            return;
        }
        inbox.remove(index);
    }
    let position = inbox.partition_point(|known| known.updated_at >= summary.updated_at);
    inbox.insert(position, summary);
}

/// Combines a freshly fetched inbox with the rows already shown: the fetched list is the
/// truth about which conversations exist, but a row updated live after the fetch started
/// keeps its newer data.
pub fn merge_inbox(current: &[ConversationSummary], fetched: Vec<ConversationSummary>) -> Vec<ConversationSummary> {
    let mut merged = Vec::with_capacity(fetched.len());
    for summary in fetched {
        let newer = current.iter().find(|known| known.id == summary.id && known.last_seq > summary.last_seq);
        upsert_summary(&mut merged, newer.cloned().unwrap_or(summary));
    }
    merged
}

#[cfg(test)]
mod tests {
    use client::outbox::Pending;

    use super::*;

    fn message(seq: i64) -> Message {
        Message {
            id: seq * 10,
            conversation_id: 1,
            seq,
            author: AuthorKind::Visitor,
            author_name: "Visitor".into(),
            body: format!("m{seq}"),
            client_id: format!("c{seq}"),
            created_at: seq,
            files: Vec::new(),
            internal: false,
            change: None,
        }
    }

    fn summary(id: i64, updated_at: i64) -> ConversationSummary {
        ConversationSummary {
            id,
            visitor_id: id,
            visitor_name: format!("v{id}"),
            // Newer updates carry higher sequence numbers.
            last_seq: updated_at,
            preview: String::new(),
            last_author: None,
            created_at: 0,
            updated_at,
            status: protocol::inbox::ConversationStatus::Open,
            snoozed_until: None,
            assignee_id: None,
            team: protocol::tickets::Team::FirstLine,
            visitor_email: None,
            awaiting_since: None,
            agent_read_seq: 0,
        }
    }

    #[test]
    fn inbox_is_newest_first_and_ignores_stale_updates() {
        let mut inbox = Vec::new();
        upsert_summary(&mut inbox, summary(1, 10));
        upsert_summary(&mut inbox, summary(2, 20));
        upsert_summary(&mut inbox, summary(1, 30));
        upsert_summary(&mut inbox, summary(2, 5));
        let ids: Vec<i64> = inbox.iter().map(|s| s.id).collect();
        assert_eq!(ids, [1, 2]);
        assert_eq!(inbox[1].updated_at, 20);
    }

    #[test]
    fn merged_inbox_keeps_live_rows_newer_than_the_fetch() {
        let current = vec![summary(1, 50), summary(3, 1)];
        let merged = merge_inbox(&current, vec![summary(1, 40), summary(2, 45)]);
        let rows: Vec<(i64, i64)> = merged.iter().map(|s| (s.id, s.updated_at)).collect();
        assert_eq!(rows, [(1, 50), (2, 45)]);
    }

    #[test]
    fn pending_rows_follow_stored_ones_with_their_status() {
        let mut outbox = Outbox::default();
        outbox.push(Pending::new("a".into(), "hi".into(), Some(1), 9));
        outbox.push(Pending::new("b".into(), "elsewhere".into(), Some(2), 9));
        outbox.refuse("a", "Too long".into());
        let rows = lines(&[message(1)], &outbox, 1, "Ann");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].status, LineStatus::Sent);
        assert_eq!(rows[1].status, LineStatus::Failed("Too long".into()));
        assert_eq!(rows[1].author_name, "Ann");
    }
}
