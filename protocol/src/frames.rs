//! WebSocket frames. Every frame is one JSON text message with a `type` field.

use serde::{Deserialize, Serialize};

use crate::api::{ConversationSummary, Message};
use crate::{ErrorBody, Millis};

/// What a client sends. Visitors leave `conversation_id` out: the server uses the
/// visitor's own conversation. Agents must name the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientFrame {
    /// Start (or resume) receiving a conversation's messages after `after_seq`. The server
    /// replays every stored message with a higher sequence number, in order, then sends
    /// `synced` and streams new ones live.
    Subscribe {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        conversation_id: Option<i64>,
        #[serde(default)]
        after_seq: i64,
    },
    /// Post a message. `client_id` is chosen by the client and reused on every resend
    /// until the `ack` arrives; a repeated id is acknowledged again and stored once.
    /// `files` are ids of the sender's own uploads, attached to the message as it is
    /// stored (at most `files::MAX_FILES_PER_MESSAGE`); the body may then be empty.
    Send {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        conversation_id: Option<i64>,
        client_id: String,
        body: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        files: Vec<i64>,
        /// Agents only: a note for the other agents, which the visitor never receives.
        #[serde(default, skip_serializing_if = "crate::is_false")]
        internal: bool,
    },
    /// The sender started or stopped typing.
    Typing {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        conversation_id: Option<i64>,
        is_typing: bool,
    },
    /// Everything up to and including `seq` has been seen.
    Read {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        conversation_id: Option<i64>,
        seq: i64,
    },
    /// Visitor only: the host page the visitor is on, for the agent's context panel, and
    /// who the host application says the visitor is. `locale` (the language the
    /// messenger speaks) and `time_zone` (an IANA name) make the server's words to this
    /// visitor (system messages in the chat, mail when they are away, a handed-off
    /// ticket's mail) theirs.
    Context {
        page_url: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        identity: Option<crate::api::VisitorIdentity>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        locale: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_zone: Option<String>,
    },
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    /// The message with this `client_id` is committed with sequence number `seq`.
    Ack { client_id: String, conversation_id: i64, message_id: i64, seq: i64, created_at: Millis },
    /// A stored message, sent once per subscription, in sequence order.
    Message { message: Message },
    /// The replay after a `subscribe` is complete; `last_seq` is the newest message.
    /// For a visitor without a conversation yet, `conversation_id` is absent and
    /// `last_seq` is 0.
    Synced {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        conversation_id: Option<i64>,
        last_seq: i64,
    },
    /// Someone in the conversation started or stopped typing.
    Typing {
        conversation_id: i64,
        author: crate::api::AuthorKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        is_typing: bool,
    },
    /// How many agents of the workspace are connected right now.
    Presence { agents_online: u32 },
    /// Visitor only: agent messages the visitor has not read yet.
    Unread { conversation_id: i64, count: i64 },
    /// Agent only: a conversation in the workspace was created or changed.
    Conversation { summary: ConversationSummary },
    /// The support access of this host user, sent to a verified visitor's socket when it
    /// opens or is verified, and to the workspace's agents and every socket of that user
    /// whenever it changes: a grant was made, revoked or expired, a request was made or
    /// answered, or the host recorded an action (read the details again).
    Access { user_id: String, access: crate::access::AccessBrief },
    /// Something in a frame was wrong. The connection stays open. `client_id` is set
    /// when the error answers a `send`.
    Error {
        #[serde(flatten)]
        error: ErrorBody,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn send_frame_reads_without_conversation_id() {
        let frame: ClientFrame =
            serde_json::from_str(r#"{"type":"send","client_id":"c1","body":"hi"}"#).expect("frame");
        assert_eq!(
            frame,
            ClientFrame::Send {
                conversation_id: None,
                client_id: "c1".into(),
                body: "hi".into(),
                files: Vec::new(),
                internal: false
            }
        );
    }

    #[test]
    fn error_frame_is_flat() {
        let frame = ServerFrame::Error { error: ErrorBody::new(ErrorCode::EmptyBody, "empty"), client_id: None };
        let json = serde_json::to_string(&frame).expect("json");
        assert_eq!(json, r#"{"type":"error","code":"empty_body","message":"empty"}"#);
    }

    #[test]
    fn unknown_frame_type_is_rejected() {
        assert!(serde_json::from_str::<ClientFrame>(r#"{"type":"launch"}"#).is_err());
    }
}
