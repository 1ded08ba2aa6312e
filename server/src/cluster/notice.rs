//! What nodes tell each other: ids, never content. A receiving node reads the message,
//! conversation or access from the database, which has it, since events are published
//! only after their commit. Typing and presence are not stored, so they travel whole.

use protocol::api::AuthorKind;
use serde::{Deserialize, Serialize};

use crate::chat::hub::{HubEvent, InboxEvent, RoomEvent};

/// PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; envelopes stay under this.
pub const MAX_PAYLOAD: usize = 7_900;

/// One event, as other nodes need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// Message `s` of conversation `c` is committed.
    #[serde(rename = "m")]
    Message { c: i64, s: i64 },
    #[serde(rename = "t")]
    Typing { c: i64, a: AuthorKind, n: Option<String>, on: bool },
    /// The visitor's read marker of conversation `c` moved.
    #[serde(rename = "r")]
    Read { c: i64 },
    /// Conversation `c` of workspace `w` was created or changed.
    #[serde(rename = "i")]
    Conversation { w: i64, c: i64 },
    /// The support access of user `u` of workspace `w` changed.
    #[serde(rename = "x")]
    Access { w: i64, u: String },
    /// The sender's agents online in workspace `w`.
    #[serde(rename = "p")]
    Presence { w: i64, a: Vec<i64> },
    /// All the sender's agents online, by workspace; it replaces what the sender said
    /// before. Repeated every few seconds, and empty when a node stops.
    #[serde(rename = "s")]
    Snapshot { a: Vec<(i64, Vec<i64>)> },
    /// A node (re)connected: everyone answers with a snapshot.
    #[serde(rename = "h")]
    Hello,
}

impl Notice {
    /// The notice of a hub event, or `None` for events that stay on this node.
    pub fn of(event: &HubEvent) -> Option<Self> {
        Some(match event {
            HubEvent::Room { conversation_id, event } => match event {
                RoomEvent::Message(message) => Self::Message { c: *conversation_id, s: message.seq },
                RoomEvent::Typing { author, name, is_typing, .. } => {
                    Self::Typing { c: *conversation_id, a: *author, n: name.clone(), on: *is_typing }
                }
                RoomEvent::VisitorRead => Self::Read { c: *conversation_id },
                RoomEvent::Resync => return None,
            },
            HubEvent::Inbox { workspace_id, event } => match event {
                InboxEvent::Conversation(record) => Self::Conversation { w: *workspace_id, c: record.id },
                InboxEvent::Resync => return None,
            },
            HubEvent::Access { workspace_id, change } => Self::Access { w: *workspace_id, u: change.user_id.clone() },
            HubEvent::Presence { workspace_id, agents } => Self::Presence { w: *workspace_id, a: agents.to_vec() },
        })
    }
}

/// One NOTIFY payload: the sending node, the envelope's number in that node's sequence
/// (consecutive, so a receiver notices a gap), and its notices in order.
#[derive(Debug, Serialize, Deserialize)]
pub struct Envelope {
    pub n: String,
    pub q: u64,
    pub e: Vec<Notice>,
}

/// Packs notices, in order, into as few payloads under `MAX_PAYLOAD` as fit, numbering
/// them from `*next`. A notice too big for any payload (it cannot happen with the sizes
/// the server allows) is left out and logged.
pub fn pack(node: &str, next: &mut u64, notices: &[Notice]) -> Vec<String> {
    let head_len = serde_json::to_string(&Envelope { n: node.to_owned(), q: u64::MAX, e: Vec::new() })
        .map_or(MAX_PAYLOAD, |empty| empty.len());
    let mut payloads = Vec::new();
    let mut body = String::new();
    for notice in notices {
        let Ok(encoded) = serde_json::to_string(notice) else { continue };
        if head_len + encoded.len() + 1 > MAX_PAYLOAD {
            tracing::error!(len = encoded.len(), "a cluster notice is too big for NOTIFY; left out");
            continue;
        }
        if !body.is_empty() && head_len + body.len() + encoded.len() + 1 > MAX_PAYLOAD {
            payloads.push(seal(node, next, &body));
            body.clear();
        }
        if !body.is_empty() {
            body.push(',');
        }
        body.push_str(&encoded);
    }
    if !body.is_empty() {
        payloads.push(seal(node, next, &body));
    }
    payloads
}

fn seal(node: &str, next: &mut u64, body: &str) -> String {
    let q = *next;
    *next += 1;
    // The node id is ours (letters and digits), so it needs no escaping; the notices are
    // serde's JSON.
    format!(r#"{{"n":"{node}","q":{q},"e":[{body}]}}"#)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_travel_in_order_and_payloads_stay_under_the_limit() {
        let notices: Vec<Notice> = (1..=2_000).map(|s| Notice::Message { c: 42, s }).collect();
        let mut next = 7;
        let payloads = pack("node1", &mut next, &notices);
        assert!(payloads.len() > 1, "2,000 notices need several payloads");
        assert!(payloads.iter().all(|payload| payload.len() <= MAX_PAYLOAD));
        let mut seen = Vec::new();
        for (i, payload) in payloads.iter().enumerate() {
            let envelope: Envelope = serde_json::from_str(payload).expect("envelope");
            assert_eq!(envelope.n, "node1");
            assert_eq!(envelope.q, 7 + i as u64, "envelopes are numbered consecutively");
            seen.extend(envelope.e);
        }
        assert_eq!(seen, notices);
        assert_eq!(next, 7 + payloads.len() as u64);
    }

    #[test]
    fn a_notice_too_big_is_left_out_and_the_rest_still_go() {
        let huge = Notice::Access { w: 1, u: "x".repeat(MAX_PAYLOAD) };
        let notices = [Notice::Read { c: 1 }, huge, Notice::Read { c: 2 }];
        let mut next = 0;
        let payloads = pack("n", &mut next, &notices);
        let envelope: Envelope = serde_json::from_str(&payloads[0]).expect("envelope");
        assert_eq!(envelope.e, [Notice::Read { c: 1 }, Notice::Read { c: 2 }]);
    }

    #[test]
    fn names_with_quotes_survive() {
        let typing = Notice::Typing { c: 3, a: AuthorKind::Agent, n: Some("Ada \"the\" agent".into()), on: true };
        let mut next = 0;
        let payloads = pack("n", &mut next, std::slice::from_ref(&typing));
        let envelope: Envelope = serde_json::from_str(&payloads[0]).expect("envelope");
        assert_eq!(envelope.e, [typing]);
    }
}
