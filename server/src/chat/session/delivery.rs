//! Delivery of hub events to the client: following conversations, replaying from the
//! database, and the resyncs that make every message arrive once and in order.

use std::sync::Arc;

use protocol::api::AuthorKind;
use protocol::frames::ServerFrame;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;

use protocol::ErrorCode;

use super::{Failure, Outcome, Principal, REPLAY_PAGE, Session, internal, no_conversation, refuse};
use crate::chat::hub::{AccessChange, InboxEvent, RoomEvent, Shared};
use crate::store::StoredMessage;
use crate::wire;

impl Session {
    /// Follows a conversation from `after_seq`: joins its room first, then replays what
    /// is stored, so nothing committed in between is missed and nothing is sent twice.
    /// Past `limits.subscriptions_per_socket` followed conversations a new one is
    /// refused; none already followed is ever dropped.
    pub(super) async fn follow(&mut self, conversation_id: i64, after_seq: i64) -> Result<(), Failure> {
        if !self.rooms.contains_key(&conversation_id) {
            let max = self.state.limits.config.subscriptions_per_socket;
            if self.rooms.len() >= max {
                return Err(refuse(
                    ErrorCode::TooManySubscriptions,
                    format!("this connection already follows {max} conversations; reconnect to follow others"),
                ));
            }
            let receiver = self.state.hub.join_room(conversation_id);
            self.rooms.insert(conversation_id, BroadcastStream::new(receiver));
        }
        let record =
            self.state.store.conversation(conversation_id).await.map_err(internal)?.ok_or_else(no_conversation)?;
        self.cursors.insert(conversation_id, after_seq.clamp(0, record.last_seq));
        self.replay(conversation_id, record.last_seq).await?;
        self.send(ServerFrame::Synced { conversation_id: Some(conversation_id), last_seq: record.last_seq }).await?;
        if matches!(self.principal, Principal::Visitor { .. }) {
            self.unread_sent = None;
            self.refresh_unread(conversation_id).await?;
        }
        Ok(())
    }

    /// Sends every stored message after the cursor up to `upto`, in order.
    async fn replay(&mut self, conversation_id: i64, upto: i64) -> Result<(), Failure> {
        loop {
            let cursor = self.cursors.get(&conversation_id).copied().unwrap_or(0);
            if cursor >= upto {
                return Ok(());
            }
            let page = self
                .state
                .store
                .messages_between(conversation_id, cursor, upto, REPLAY_PAGE)
                .await
                .map_err(internal)?;
            let Some(last) = page.last().map(|message| message.seq) else {
                return Ok(());
            };
            for message in page {
                if self.may_see(&message) {
                    self.send(ServerFrame::Message { message: wire::message(message) }).await?;
                }
            }
            self.cursors.insert(conversation_id, last);
        }
    }

    pub(super) async fn on_room_event(
        &mut self,
        conversation_id: i64,
        event: Result<RoomEvent, BroadcastStreamRecvError>,
    ) -> Outcome {
        let result = match event {
            Err(BroadcastStreamRecvError::Lagged(missed)) => {
                tracing::debug!(conversation_id, missed, "session lagged; resyncing from the database");
                self.resync(conversation_id).await
            }
            Ok(RoomEvent::Message(message)) => self.on_message_event(&message).await,
            Ok(RoomEvent::Typing { author, name, is_typing, session }) => {
                let relevant = session != self.id
                    && match self.principal {
                        Principal::Visitor { .. } => author == AuthorKind::Agent,
                        Principal::Agent { .. } => true,
                    };
                if relevant {
                    self.send(ServerFrame::Typing { conversation_id, author, name, is_typing }).await?;
                }
                Ok(())
            }
            Ok(RoomEvent::Resync) => self.resync(conversation_id).await,
            Ok(RoomEvent::VisitorRead) => match self.principal {
                Principal::Visitor { .. } => self.refresh_unread(conversation_id).await,
                Principal::Agent { .. } => Ok(()),
            },
        };
        self.absorb(result).await
    }

    /// Sends a message this session just stored, ahead of the hub, when the session
    /// follows its conversation and has had everything before it. Its copy from the hub
    /// then finds the cursor past it; a message with a gap before it waits for the hub,
    /// which fills the gap first.
    pub(super) async fn deliver_own(&mut self, shared: &Shared<StoredMessage>) -> Result<(), Failure> {
        let cursor = self.cursors.get(&shared.conversation_id).copied();
        if cursor.is_some_and(|cursor| shared.seq == cursor + 1) {
            self.send_next(shared).await?;
        }
        Ok(())
    }

    /// Sends the message right after the cursor (if this session may see it) and moves
    /// the cursor past it.
    async fn send_next(&mut self, shared: &Shared<StoredMessage>) -> Outcome {
        if self.may_see(shared) {
            let frame = shared.frame(|message| ServerFrame::Message { message: wire::message(message.clone()) });
            self.send_json(frame).await?;
        }
        self.cursors.insert(shared.conversation_id, shared.seq);
        Ok(())
    }

    async fn on_message_event(&mut self, shared: &Shared<StoredMessage>) -> Result<(), Failure> {
        let message: &StoredMessage = shared;
        let conversation_id = message.conversation_id;
        let cursor = self.cursors.get(&conversation_id).copied().unwrap_or(0);
        if message.seq == cursor + 1 {
            self.send_next(shared).await?;
        } else if message.seq > cursor {
            // Something before this message has not reached us yet (another node, or a
            // sender that committed earlier but published later): take it from the
            // database, which has it, since it was committed first.
            self.replay(conversation_id, message.seq).await?;
        }
        if matches!(self.principal, Principal::Visitor { .. })
            && message.author_kind.0 == AuthorKind::Agent
            && message.is_public()
        {
            self.refresh_unread(conversation_id).await?;
        }
        Ok(())
    }

    /// Visitors never receive notes or history entries; their cursor still moves past
    /// them, so the next message follows on.
    fn may_see(&self, message: &StoredMessage) -> bool {
        message.is_public() || matches!(self.principal, Principal::Agent { .. })
    }

    async fn resync(&mut self, conversation_id: i64) -> Result<(), Failure> {
        let record = self.state.store.conversation(conversation_id).await.map_err(internal)?;
        if let Some(record) = record {
            self.replay(conversation_id, record.last_seq).await?;
            if matches!(self.principal, Principal::Visitor { .. }) {
                self.refresh_unread(conversation_id).await?;
            }
        }
        Ok(())
    }

    async fn refresh_unread(&mut self, conversation_id: i64) -> Result<(), Failure> {
        let count = self.state.store.unread_by_visitor(conversation_id).await.map_err(internal)?;
        if self.unread_sent != Some(count) {
            self.unread_sent = Some(count);
            self.send(ServerFrame::Unread { conversation_id, count }).await?;
        }
        Ok(())
    }

    pub(super) async fn on_inbox_event(&mut self, event: Result<InboxEvent, broadcast::error::RecvError>) -> Outcome {
        let result = match event {
            Ok(InboxEvent::Conversation(record)) => {
                let frame = record.frame(|record| ServerFrame::Conversation { summary: wire::summary(record) });
                self.send_json(frame).await.map_err(Failure::from)
            }
            Err(broadcast::error::RecvError::Lagged(_)) | Ok(InboxEvent::Resync) => self.resync_inbox().await,
            Err(broadcast::error::RecvError::Closed) => Ok(()),
        };
        self.absorb(result).await
    }

    /// A host user's support access changed: agents hear of every user, a visitor only
    /// of their own. A visitor that missed events reads their own access again; an
    /// agent's console re-reads when it shows a user.
    pub(super) async fn on_access_event(
        &mut self,
        event: Result<Arc<AccessChange>, broadcast::error::RecvError>,
    ) -> Outcome {
        let change = match (event, self.principal.user_id()) {
            (Ok(change), None) if matches!(self.principal, Principal::Agent { .. }) => change,
            (Ok(change), Some(own)) if change.user_id == own => change,
            (Err(broadcast::error::RecvError::Lagged(_)), Some(_)) => {
                let result = self.send_own_access().await;
                return self.absorb(result).await;
            }
            _ => return Ok(()),
        };
        self.send(ServerFrame::Access { user_id: change.user_id.clone(), access: change.access }).await
    }

    /// Sends a verified visitor how their support access stands: when the socket opens,
    /// when it is verified, and after missed changes.
    pub(super) async fn send_own_access(&mut self) -> Result<(), Failure> {
        let Some(user_id) = self.principal.user_id().map(str::to_owned) else {
            return Ok(());
        };
        let now = self.state.clock.now();
        let access = crate::access::brief(&self.state.store, self.principal.workspace_id(), &user_id, now)
            .await
            .map_err(internal)?;
        self.send(ServerFrame::Access { user_id, access }).await?;
        Ok(())
    }

    /// After missing inbox events, resend the most recently active conversations.
    async fn resync_inbox(&mut self) -> Result<(), Failure> {
        let workspace_id = self.principal.workspace_id();
        let recent = self.state.store.list_conversations(workspace_id, 50).await.map_err(internal)?;
        for record in recent.iter().rev() {
            self.send(ServerFrame::Conversation { summary: wire::summary(record) }).await?;
        }
        Ok(())
    }
}
