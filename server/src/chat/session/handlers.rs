//! Answers to client frames: subscribe, send, typing, read and context.

use std::sync::Arc;

use protocol::ErrorCode;
use protocol::api::AuthorKind;
use protocol::frames::ServerFrame;
use protocol::limits::{MAX_LOCALE_CHARS, MAX_TIME_ZONE_CHARS};

use super::{
    Failure, MAX_CLIENT_ID, MAX_PAGE_URL, Principal, Session, internal as internal_error, no_conversation, refuse,
};
use crate::chat::announce::announce;
use crate::chat::hub::{HubEvent, RoomEvent, Shared};
use crate::chat::writer::Written;
use crate::identity::IdentityError;
use crate::store::{AppendError, Appended, ChatMessage, ConversationRecord, NewMessage, StoredMessage, VisitorPlace};
use crate::wire;

/// The client id names another sender's message.
fn client_id_taken() -> Failure {
    refuse(ErrorCode::Conflict, "this client_id was already used by someone else")
}

/// The socket's visitor was deleted while it was connected.
fn no_visitor() -> Failure {
    refuse(ErrorCode::Unauthorized, "this visitor no longer exists")
}

/// A message stored and acknowledged, with its conversation when the message is new.
pub(super) struct Sent {
    stored: Arc<Shared<StoredMessage>>,
    conversation: Option<ConversationRecord>,
}

impl Session {
    pub(super) async fn on_subscribe(&mut self, conversation_id: Option<i64>, after_seq: i64) -> Result<(), Failure> {
        match self.resolve(conversation_id).await? {
            Some(conversation) => self.follow(conversation.id, after_seq).await,
            None => {
                self.follow_new_conversation = true;
                Ok(self.send(ServerFrame::Synced { conversation_id: None, last_seq: 0 }).await?)
            }
        }
    }

    /// Checks, stores and acknowledges a message. A failure here is the message's: the
    /// error frame names its client id.
    pub(super) async fn on_send(
        &mut self,
        conversation_id: Option<i64>,
        client_id: &str,
        body: &str,
        files: &[i64],
        internal: bool,
    ) -> Result<Sent, Failure> {
        if internal && matches!(self.principal, Principal::Visitor { .. }) {
            return Err(refuse(ErrorCode::Forbidden, "only agents write notes"));
        }
        if client_id.is_empty() || client_id.len() > MAX_CLIENT_ID || client_id.chars().any(char::is_control) {
            return Err(refuse(ErrorCode::MalformedFrame, "client_id must be 1 to 128 printable characters"));
        }
        let body = body.trim();
        if body.is_empty() && files.is_empty() {
            return Err(refuse(ErrorCode::EmptyBody, "the message is empty"));
        }
        let most = self.state.config.limits.files_per_message;
        if files.len() > most {
            return Err(refuse(ErrorCode::TooLarge, format!("send at most {most} files with one message")));
        }
        let max = self.state.config.chat.max_body_chars;
        if body.chars().count() > max {
            return Err(refuse(ErrorCode::BodyTooLong, format!("the message is longer than {max} characters")));
        }
        let now = self.state.clock.now();
        let (author_kind, author_id, author_name) = match &self.principal {
            Principal::Visitor { visitor_id, .. } => {
                (AuthorKind::Visitor, *visitor_id, wire::visitor_name(*visitor_id))
            }
            Principal::Agent { agent_id, name, .. } => (AuthorKind::Agent, *agent_id, name.clone()),
        };
        let message = ChatMessage {
            conversation_id: 0,
            open_only: false,
            author_kind,
            author_id: Some(author_id),
            author_name,
            body: body.to_owned(),
            client_id: client_id.to_owned(),
            internal,
            created_at: now,
        };
        let (stored, conversation) = if files.is_empty() {
            self.write(conversation_id, message).await?
        } else {
            self.write_with_files(conversation_id, message, files).await?
        };
        // Committed and announced: acknowledge.
        self.send(ServerFrame::Ack {
            client_id: stored.client_id.clone(),
            conversation_id: stored.conversation_id,
            message_id: stored.id,
            seq: stored.seq,
            created_at: stored.created_at,
        })
        .await?;
        Ok(Sent { stored, conversation })
    }

    /// What follows a message's ack: the sender's own copy, routing a visitor's chat,
    /// and following a chat the message began. The message is stored and acknowledged
    /// whatever happens here, so a failure is reported as the socket's, not the
    /// message's.
    pub(super) async fn after_send(&mut self, sent: Sent) -> Result<(), Failure> {
        let Sent { stored, conversation } = sent;
        let conversation_id = stored.conversation_id;
        if let Some(conversation) = conversation {
            // The sender's own socket gets its message right behind the ack, often in
            // the same write; its copy from the hub then finds the cursor past it.
            self.deliver_own(&stored).await?;
            if stored.author_kind.0 == AuthorKind::Visitor {
                // The message is stored and acknowledged whatever happens here; a chat
                // routing misses now waits in the queue for the next pass.
                if let Err(error) = self.state.queue.visitor_wrote(&conversation).await {
                    tracing::error!(error = format!("{error:#}"), "reopening or routing a chat failed");
                }
            }
        }
        if self.follow_new_conversation && !self.cursors.contains_key(&conversation_id) {
            self.follow_new_conversation = false;
            self.follow(conversation_id, 0).await?;
        }
        Ok(())
    }

    /// Stores a message without files through the message writer (group commit), which
    /// announces it. The conversation comes back when the message is new.
    async fn write(
        &mut self,
        conversation_id: Option<i64>,
        mut message: ChatMessage,
    ) -> Result<(Arc<Shared<StoredMessage>>, Option<ConversationRecord>), Failure> {
        (message.conversation_id, message.open_only) = self.target(conversation_id, message.created_at).await?;
        let mut outcome = self.state.writer.append(message.clone()).await.map_err(internal_error)?;
        if matches!(outcome, Written::NoConversation) && message.open_only {
            // The chat this socket wrote to has ended since: the visitor's open chat is
            // another one now (a new one, if they have none). Once: a chat that ends
            // again this quickly is answered as gone.
            self.own_chat = None;
            (message.conversation_id, message.open_only) = self.target(None, message.created_at).await?;
            outcome = self.state.writer.append(message).await.map_err(internal_error)?;
        }
        match outcome {
            Written::Created { message, conversation } => Ok((message, Some(conversation))),
            Written::Duplicate(message) => Ok((Shared::new(message), None)),
            Written::ClientIdTaken => Err(client_id_taken()),
            Written::NoConversation => {
                self.own_chat = None;
                self.writable.clear();
                Err(no_conversation())
            }
        }
    }

    /// Stores a message with files, alone: attaching them may fail, and that rolls back
    /// only this message. Announces it, as the writer does, when it is new.
    async fn write_with_files(
        &mut self,
        conversation_id: Option<i64>,
        message: ChatMessage,
        files: &[i64],
    ) -> Result<(Arc<Shared<StoredMessage>>, Option<ConversationRecord>), Failure> {
        let (target, _) = self.target(conversation_id, message.created_at).await?;
        let new = NewMessage {
            conversation_id: target,
            author_kind: message.author_kind,
            author_id: message.author_id,
            author_name: &message.author_name,
            body: &message.body,
            client_id: &message.client_id,
            files,
            internal: message.internal,
        };
        let store = &self.state.store;
        match store.append_message(new, message.created_at).await {
            Ok(Appended::Created(stored)) => {
                let conversation = store.conversation(target).await.map_err(internal_error)?;
                let conversation = conversation.ok_or_else(no_conversation)?;
                let stored = Shared::new(stored);
                announce(&self.state.hub, Arc::clone(&stored), conversation.clone());
                Ok((stored, Some(conversation)))
            }
            Ok(Appended::Duplicate(stored)) => Ok((Shared::new(stored), None)),
            Err(AppendError::ClientIdTaken) => Err(client_id_taken()),
            Err(AppendError::FileGone) => {
                Err(refuse(ErrorCode::NotFound, "a file is no longer there: attach it again"))
            }
            Err(AppendError::Database(error)) => Err(internal_error(error)),
        }
    }

    /// The conversation a `send` goes to, and whether only while it is open (a visitor
    /// who named none means their open chat, created if they have none). Remembered, so
    /// the next message to it needs no database read: a conversation's visitor and
    /// workspace never change, and an open chat that ends is noticed as the message
    /// writer refuses it.
    async fn target(&mut self, conversation_id: Option<i64>, now: i64) -> Result<(i64, bool), Failure> {
        match (&self.principal, conversation_id) {
            (Principal::Visitor { visitor_id, workspace_id, .. }, None) => {
                if let Some(id) = self.own_chat {
                    return Ok((id, true));
                }
                let conversation = self
                    .state
                    .store
                    .open_or_create_conversation(*workspace_id, *visitor_id, now)
                    .await
                    .map_err(internal_error)?;
                self.own_chat = Some(conversation.id);
                Ok((conversation.id, true))
            }
            (_, Some(id)) if self.writable.contains(&id) => Ok((id, false)),
            (_, requested) => {
                let conversation = self.resolve(requested).await?.ok_or_else(no_conversation)?;
                if self.writable.len() < self.state.limits.config.subscriptions_per_socket {
                    self.writable.insert(conversation.id);
                }
                Ok((conversation.id, false))
            }
        }
    }

    pub(super) async fn on_typing(&mut self, conversation_id: Option<i64>, is_typing: bool) -> Result<(), Failure> {
        // Typing before the first message has nobody to tell: the conversation does
        // not exist yet, and agents see it when the message arrives.
        let Some(conversation) = self.resolve(conversation_id).await? else {
            return Ok(());
        };
        let (author, name) = match &self.principal {
            Principal::Visitor { .. } => (AuthorKind::Visitor, None),
            Principal::Agent { name, .. } => (AuthorKind::Agent, Some(name.clone())),
        };
        let event = RoomEvent::Typing { author, name, is_typing, session: self.id };
        self.state.hub.publish(HubEvent::Room { conversation_id: conversation.id, event });
        Ok(())
    }

    pub(super) async fn on_read(&mut self, conversation_id: Option<i64>, seq: i64) -> Result<(), Failure> {
        let Some(conversation) = self.resolve(conversation_id).await? else {
            return Err(no_conversation());
        };
        let store = &self.state.store;
        match self.principal {
            Principal::Visitor { .. } => {
                store.mark_read_by_visitor(conversation.id, seq).await.map_err(internal_error)?;
                let event = RoomEvent::VisitorRead;
                self.state.hub.publish(HubEvent::Room { conversation_id: conversation.id, event });
            }
            Principal::Agent { .. } => store.mark_read_by_agent(conversation.id, seq).await.map_err(internal_error)?,
        }
        Ok(())
    }

    pub(super) async fn on_context(
        &mut self,
        page_url: &str,
        identity: Option<&protocol::api::VisitorIdentity>,
        speech: (Option<&str>, Option<&str>),
    ) -> Result<(), Failure> {
        let Principal::Visitor { visitor_id, .. } = self.principal else {
            return Err(refuse(ErrorCode::Forbidden, "only visitors send context"));
        };
        let valid = page_url.len() <= MAX_PAGE_URL
            && url::Url::parse(page_url).is_ok_and(|url| matches!(url.scheme(), "http" | "https"));
        if !valid {
            return Err(refuse(ErrorCode::BadRequest, "page_url must be an http(s) URL of at most 2048 bytes"));
        }
        let (locale, time_zone) = speech;
        if locale.is_some_and(|locale| locale.chars().count() > MAX_LOCALE_CHARS) {
            return Err(refuse(ErrorCode::BadRequest, "locale must be a language tag of at most 35 characters"));
        }
        if time_zone.is_some_and(|zone| zone.chars().count() > MAX_TIME_ZONE_CHARS) {
            return Err(refuse(ErrorCode::BadRequest, "time_zone must be an IANA time zone of at most 64 characters"));
        }
        // A language we do not ship or a zone we do not know keeps the workspace's.
        let locale = locale.and_then(i18n::Locale::from_tag).map(i18n::Locale::tag);
        let time_zone = time_zone.filter(|zone| crate::tickets::words::time_zone(zone).is_some());
        let now = self.state.clock.now();
        if let Some(identity) = identity {
            let visitor = self.state.store.visitor(visitor_id).await.map_err(internal_error)?.ok_or_else(no_visitor)?;
            crate::identity::identify(&self.state.store, &visitor, identity, now).await.map_err(
                |error| match error {
                    IdentityError::Invalid(message) => refuse(ErrorCode::BadRequest, message),
                    IdentityError::NotVerified(message) => refuse(ErrorCode::IdentityNotVerified, message),
                    IdentityError::Internal(error) => internal_error(error),
                },
            )?;
            // A visitor proved to be a host user hears about that user's support access.
            let verified = self.state.store.visitor(visitor_id).await.map_err(internal_error)?;
            let verified = verified.and_then(|visitor| visitor.verified_user_id);
            let newly = match &mut self.principal {
                Principal::Visitor { user_id, .. } if *user_id != verified => {
                    user_id.clone_from(&verified);
                    // Which chats are the visitor's own follows the user they are.
                    self.own_chat = None;
                    self.writable.clear();
                    verified
                }
                _ => None,
            };
            // Verified now: the messenger learns how the user's support access stands.
            if newly.is_some() {
                self.send_own_access().await?;
            }
            // A visitor proved to be a user who already has an open chat elsewhere
            // continues it here, if this socket was waiting for a first conversation.
            if self.follow_new_conversation && self.cursors.is_empty() {
                let open = self.state.store.open_conversation_of(visitor_id).await.map_err(internal_error)?;
                if let Some(conversation) = open {
                    self.follow_new_conversation = false;
                    self.follow(conversation.id, 0).await?;
                }
            }
        }
        let place = VisitorPlace { page_url, locale, time_zone };
        self.state.store.set_visitor_context(visitor_id, place, now).await.map_err(internal_error)?;
        Ok(())
    }

    /// The conversation a frame names, if this principal may use it. A visitor may
    /// leave the id out to mean their open conversation (which may not exist yet).
    /// Conversations of other visitors or workspaces are reported as not found, so
    /// their existence does not leak.
    async fn resolve(&self, conversation_id: Option<i64>) -> Result<Option<ConversationRecord>, Failure> {
        let store = &self.state.store;
        match (&self.principal, conversation_id) {
            (Principal::Visitor { visitor_id, .. }, None) => {
                store.open_conversation_of(*visitor_id).await.map_err(internal_error)
            }
            (Principal::Visitor { visitor_id, .. }, Some(id)) => {
                match store.conversation(id).await.map_err(internal_error)? {
                    // A visitor's own conversation, or one of the same verified user's.
                    Some(conversation)
                        if store
                            .same_verified_user(*visitor_id, conversation.visitor_id)
                            .await
                            .map_err(internal_error)? =>
                    {
                        Ok(Some(conversation))
                    }
                    _ => Err(no_conversation()),
                }
            }
            (Principal::Agent { .. }, None) => {
                Err(refuse(ErrorCode::MalformedFrame, "agents must give a conversation_id"))
            }
            (Principal::Agent { workspace_id, .. }, Some(id)) => {
                match store.conversation(id).await.map_err(internal_error)? {
                    Some(conversation) if conversation.workspace_id == *workspace_id => Ok(Some(conversation)),
                    _ => Err(no_conversation()),
                }
            }
        }
    }
}
