//! WebSocket frames. Every frame is one JSON text message with a `type` field.

use serde::{Deserialize, Serialize};

use crate::api::{ConversationSummary, Message};
use crate::{ErrorBody, ErrorCode, FieldError, Millis};

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

tagged_enum! {
    /// What the server sends. Read with `type` first, as the server writes it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum ServerFrame (tag = "type") {
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
        /// Something in a frame was wrong. The connection stays open. The fields are an
        /// [`ErrorBody`]'s (see [`ServerFrame::error`]); `client_id` is set when the
        /// error answers a `send`. They are spelled out rather than flattened, which
        /// serde could only read by buffering the frame.
        Error {
            code: ErrorCode,
            message: String,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            fields: Vec<FieldError>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            retry_after_secs: Option<u64>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            client_id: Option<String>,
        },
    }
}

impl ServerFrame {
    /// The error frame carrying `error`; `client_id` when it answers a `send`.
    pub fn error(error: ErrorBody, client_id: Option<String>) -> Self {
        let ErrorBody { code, message, fields, retry_after_secs } = error;
        Self::Error { code, message, fields, retry_after_secs, client_id }
    }

    /// An error frame's body and client id; `None` for any other frame.
    pub fn into_error(self) -> Option<(ErrorBody, Option<String>)> {
        match self {
            Self::Error { code, message, fields, retry_after_secs, client_id } => {
                Some((ErrorBody { code, message, fields, retry_after_secs }, client_id))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let frame = ServerFrame::error(ErrorBody::new(ErrorCode::EmptyBody, "empty"), None);
        let json = serde_json::to_string(&frame).expect("json");
        assert_eq!(json, r#"{"type":"error","code":"empty_body","message":"empty"}"#);
    }

    /// A system message recording `change`.
    fn message(change: crate::inbox::ConversationChange) -> Message {
        Message {
            id: 9,
            conversation_id: 7,
            seq: 3,
            author: crate::api::AuthorKind::System,
            author_name: "Helpline".into(),
            body: String::new(),
            client_id: "c9".into(),
            created_at: 1_700_000_000_000,
            files: Vec::new(),
            internal: true,
            change: Some(change),
        }
    }

    /// One frame of every kind, with the optional fields set and left out.
    fn every_server_frame() -> Vec<ServerFrame> {
        use crate::access::AccessBrief;
        use crate::api::AuthorKind;
        use crate::inbox::{AssignReason, ConversationChange, ConversationStatus};
        use crate::tickets::Team;

        let summary = ConversationSummary {
            id: 7,
            visitor_id: 5,
            visitor_name: "Visitor 5".into(),
            last_seq: 3,
            preview: "hello".into(),
            last_author: Some(AuthorKind::Visitor),
            created_at: 1,
            updated_at: 2,
            status: ConversationStatus::Open,
            snoozed_until: None,
            assignee_id: Some(4),
            team: Team::Engineering,
            visitor_email: Some("v@example.com".into()),
            awaiting_since: Some(2),
            agent_read_seq: 1,
        };
        let assigned = ConversationChange::Assigned {
            assignee_id: Some(4),
            team: Team::FirstLine,
            by: None,
            reason: AssignReason::Routed,
        };
        let snoozed =
            ConversationChange::Status { status: ConversationStatus::Snoozed, snoozed_until: Some(9), by: Some(4) };
        let emailed = ConversationChange::Emailed { to: "v@example.com".into(), replies: 2 };
        let mut limited = ErrorBody::new(ErrorCode::RateLimited, "slow down");
        limited.retry_after_secs = Some(3);
        limited.fields.push(crate::FieldError { field: "body".into(), message: "too long".into() });
        let access = AccessBrief { grant_id: Some(1), level: None, until: 5, requests: 1 };
        vec![
            ServerFrame::Ack { client_id: "c1".into(), conversation_id: 7, message_id: 9, seq: 3, created_at: 5 },
            ServerFrame::Message { message: message(assigned) },
            ServerFrame::Message { message: message(snoozed) },
            ServerFrame::Message { message: message(emailed) },
            ServerFrame::Synced { conversation_id: Some(7), last_seq: 3 },
            ServerFrame::Synced { conversation_id: None, last_seq: 0 },
            ServerFrame::Typing {
                conversation_id: 7,
                author: AuthorKind::Agent,
                name: Some("Ana".into()),
                is_typing: true,
            },
            ServerFrame::Presence { agents_online: 2 },
            ServerFrame::Unread { conversation_id: 7, count: 1 },
            ServerFrame::Conversation { summary },
            ServerFrame::Access { user_id: "u1".into(), access },
            ServerFrame::error(limited, Some("c2".into())),
            ServerFrame::error(ErrorBody::new(ErrorCode::EmptyBody, "empty"), None),
        ]
    }

    #[test]
    fn every_server_frame_reads_back_as_written() {
        for frame in every_server_frame() {
            let json = serde_json::to_string(&frame).expect("json");
            assert!(json.starts_with(r#"{"type":"#), "{json}");
            assert_eq!(serde_json::from_str::<ServerFrame>(&json).expect(&json), frame);
        }
    }

    #[test]
    fn every_server_frame_and_history_entry_reads_field_by_field_as_in_the_browser() {
        use crate::tagged::ByName;

        for frame in every_server_frame() {
            let value = serde_json::to_value(&frame).expect("json");
            assert_eq!(ServerFrame::deserialize(ByName(value.clone())).expect("read by name"), frame, "{value}");
            if let ServerFrame::Message { message: Message { change: Some(change), .. } } = &frame {
                let value = serde_json::to_value(change).expect("json");
                assert_eq!(
                    &crate::inbox::ConversationChange::deserialize(ByName(value)).expect("read by name"),
                    change
                );
            }
        }
        // Asked for by name, the type comes first wherever the object has it.
        let typed_last = serde_json::json!({ "agents_online": 2, "type": "presence" });
        assert_eq!(
            ServerFrame::deserialize(ByName(typed_last)).expect("read"),
            ServerFrame::Presence { agents_online: 2 }
        );
        let untyped = serde_json::json!({ "agents_online": 2 });
        assert!(ServerFrame::deserialize(ByName(untyped)).is_err());
    }

    #[test]
    fn an_error_frame_is_the_error_body_with_the_client_id() {
        let mut body = ErrorBody::new(ErrorCode::RateLimited, "slow down");
        body.retry_after_secs = Some(2);
        let frame = ServerFrame::error(body.clone(), Some("c1".into()));
        let mut expected = serde_json::to_value(&body).expect("json");
        expected["type"] = "error".into();
        expected["client_id"] = "c1".into();
        assert_eq!(serde_json::to_value(&frame).expect("json"), expected);
        assert_eq!(frame.into_error(), Some((body, Some("c1".into()))));
        assert_eq!(ServerFrame::Presence { agents_online: 1 }.into_error(), None);
    }

    #[test]
    fn a_server_frame_reads_with_fields_it_does_not_know() {
        let frame: ServerFrame =
            serde_json::from_str(r#"{"type":"presence","agents_online":2,"newer":{"a":[1]}}"#).expect("frame");
        assert_eq!(frame, ServerFrame::Presence { agents_online: 2 });
    }

    #[test]
    fn a_server_frame_without_its_type_first_or_known_is_refused() {
        for json in [
            r#"{"agents_online":2,"type":"presence"}"#,
            r#"{"type":"launch","agents_online":2}"#,
            r#"{"type":"presence"}"#,
            r#"{}"#,
            r#"["presence",2]"#,
            r#""presence""#,
        ] {
            assert!(serde_json::from_str::<ServerFrame>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn unknown_frame_type_is_rejected() {
        assert!(serde_json::from_str::<ClientFrame>(r#"{"type":"launch"}"#).is_err());
    }
}
