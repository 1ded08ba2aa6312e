//! Fanning out committed chat messages, and the messages the server itself posts into a
//! chat (a hand-off to a ticket, the end of a chat): stored like any other message, then
//! fanned out the same way, so they reach the visitor and the agents in order and survive
//! reconnects.

use std::sync::Arc;

use anyhow::Context;
use protocol::api::AuthorKind;

use super::Hub;
use super::hub::{HubEvent, InboxEvent, RoomEvent, Shared};
use crate::store::{Appended, ConversationRecord, NewMessage, Store, StoredMessage};

/// The author name system messages carry.
pub const SYSTEM_AUTHOR: &str = "Helpline";

/// Stores `body` as a system message in the conversation, then publishes it. `client_id`
/// makes the post idempotent: posting again with the same id stores nothing new.
pub async fn post_system_message(
    store: &Store,
    hub: &Hub,
    conversation_id: i64,
    client_id: &str,
    body: &str,
    now: i64,
) -> anyhow::Result<StoredMessage> {
    let message = NewMessage {
        conversation_id,
        author_kind: AuthorKind::System,
        author_id: None,
        author_name: SYSTEM_AUTHOR,
        body,
        client_id,
        files: &[],
        internal: false,
    };
    let stored = match store.append_message(message, now).await.map_err(anyhow::Error::new)? {
        Appended::Created(stored) => stored,
        Appended::Duplicate(stored) => return Ok(stored),
    };
    publish_message(store, hub, stored.clone()).await?;
    Ok(stored)
}

/// Fans out a committed message: to its conversation's room, then the conversation's new
/// state to its workspace's inbox, which it returns. Call it only after the message's
/// transaction commits. It reads the conversation again; `announce` does not.
pub async fn publish_message(store: &Store, hub: &Hub, stored: StoredMessage) -> anyhow::Result<ConversationRecord> {
    let record = store.conversation(stored.conversation_id).await?.context("conversation vanished")?;
    announce(hub, Shared::new(stored), record.clone());
    Ok(record)
}

/// Fans out a committed message with the conversation as the message left it (as the
/// message writer returns it): to the room, then to the workspace's inbox.
pub fn announce(hub: &Hub, stored: Arc<Shared<StoredMessage>>, conversation: ConversationRecord) {
    let conversation_id = stored.conversation_id;
    hub.publish(HubEvent::Room { conversation_id, event: RoomEvent::Message(stored) });
    let workspace_id = conversation.workspace_id;
    hub.publish(HubEvent::Inbox { workspace_id, event: InboxEvent::Conversation(Shared::new(conversation)) });
}
