//! One WebSocket connection, visitor or agent: reads frames, stores and acknowledges
//! messages, and forwards hub events, each exactly once and in sequence order.
//!
//! Written over `Sink`/`Stream` so tests can drive it with channels. A malformed frame
//! gets an error frame and the connection stays; only socket errors and shutdown end it.

use std::collections::HashMap;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message as WsMessage};
use futures_util::{Sink, SinkExt, Stream, StreamExt};
use protocol::api::AuthorKind;
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::limits::MAX_FRAME_BYTES;
use protocol::{ErrorBody, ErrorCode};
use tokio::sync::{broadcast, mpsc};
use tokio_stream::StreamMap;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;

use super::hub::{HubEvent, InboxEvent, RoomEvent};
use crate::state::AppState;
use crate::store::{AppendError, Appended, ConversationRecord, NewMessage, StoredMessage};
use crate::wire;

/// Who is on the other end of the socket.
#[derive(Debug, Clone)]
pub enum Principal {
    Visitor { visitor_id: i64, workspace_id: i64 },
    Agent { agent_id: i64, workspace_id: i64, name: String },
}

impl Principal {
    fn workspace_id(&self) -> i64 {
        match self {
            Self::Visitor { workspace_id, .. } | Self::Agent { workspace_id, .. } => *workspace_id,
        }
    }
}

/// Frames queued for the socket before the session waits for the client to read.
const OUTBOX_CAPACITY: usize = 256;
/// Messages read from the database per query when replaying.
const REPLAY_PAGE: i64 = 500;
/// Conversations one agent socket follows at once; the oldest is dropped past this.
const MAX_ROOMS: usize = 32;
/// Longest client id accepted.
const MAX_CLIENT_ID: usize = 128;
/// Longest page URL accepted in a `context` frame.
const MAX_PAGE_URL: usize = 2048;
/// How often the server pings, so dead connections are noticed.
const PING_EVERY: Duration = Duration::from_secs(30);

/// Runs one connection until the client leaves, the socket fails or the server stops.
pub async fn run_session<S>(socket: S, state: AppState, principal: Principal)
where
    S: Sink<WsMessage> + Stream<Item = Result<WsMessage, axum::Error>> + Send + 'static,
{
    let (sink, mut stream) = socket.split();
    let (out, out_rx) = mpsc::channel(OUTBOX_CAPACITY);
    let writer = tokio::spawn(write_loop(sink, out_rx));
    let mut session = Session::new(state.clone(), principal, out);
    if let Err(Closed) = session.run(&mut stream).await {
        tracing::debug!("socket closed while writing");
    }
    drop(session);
    let _ = writer.await;
    state.hub.release();
}

/// The client is gone; stop the session.
#[derive(Debug)]
struct Closed;

type Outcome = Result<(), Closed>;

struct Session {
    state: AppState,
    principal: Principal,
    /// Tells this session's own typing events apart from others'.
    id: u64,
    out: mpsc::Sender<WsMessage>,
    rooms: StreamMap<i64, BroadcastStream<RoomEvent>>,
    /// Highest sequence number sent per followed conversation.
    cursors: HashMap<i64, i64>,
    /// Order in which rooms were joined, oldest first, for `MAX_ROOMS`.
    joined: Vec<i64>,
    /// A visitor subscribed before having a conversation: follow it once created.
    follow_new_conversation: bool,
    /// The last unread count sent to a visitor.
    unread_sent: Option<i64>,
}

impl Session {
    fn new(state: AppState, principal: Principal, out: mpsc::Sender<WsMessage>) -> Self {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            state,
            principal,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            out,
            rooms: StreamMap::new(),
            cursors: HashMap::new(),
            joined: Vec::new(),
            follow_new_conversation: false,
            unread_sent: None,
        }
    }

    async fn run<R>(&mut self, stream: &mut R) -> Outcome
    where
        R: Stream<Item = Result<WsMessage, axum::Error>> + Unpin,
    {
        let workspace_id = self.principal.workspace_id();
        let hub = self.state.hub.clone();
        let mut shutdown = self.state.shutdown.clone();
        let mut presence = hub.presence(workspace_id);
        let mut inbox = match self.principal {
            Principal::Agent { .. } => Some(hub.join_inbox(workspace_id)),
            Principal::Visitor { .. } => None,
        };
        let _online = match self.principal {
            Principal::Agent { .. } => Some(hub.agent_online(workspace_id)),
            Principal::Visitor { .. } => None,
        };
        let agents_online = *presence.borrow_and_update();
        self.send(ServerFrame::Presence { agents_online }).await?;
        let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);

        loop {
            tokio::select! {
                biased;
                () = shutdown.recv() => {
                    // Every frame read so far has been handled and acknowledged, because
                    // frames are handled one at a time in this loop.
                    let close = CloseFrame { code: 1001, reason: "server shutting down".into() };
                    let _ = self.out.send(WsMessage::Close(Some(close))).await;
                    return Ok(());
                }
                frame = stream.next() => match frame {
                    Some(Ok(WsMessage::Text(text))) => self.on_text(text.as_str()).await?,
                    Some(Ok(WsMessage::Binary(_))) => {
                        self.error(ErrorCode::MalformedFrame, "frames must be JSON text, not binary", None).await?;
                    }
                    Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_))) => {}
                    Some(Ok(WsMessage::Close(_))) | None => return Ok(()),
                    Some(Err(error)) => {
                        tracing::debug!(%error, "socket read failed");
                        return Ok(());
                    }
                },
                Some((conversation_id, event)) = self.rooms.next() => {
                    self.on_room_event(conversation_id, event).await?;
                }
                event = recv_inbox(&mut inbox) => self.on_inbox_event(event).await?,
                Ok(()) = presence.changed() => {
                    let agents_online = *presence.borrow_and_update();
                    self.send(ServerFrame::Presence { agents_online }).await?;
                }
                _ = ping.tick() => {
                    self.out.send(WsMessage::Ping(Default::default())).await.map_err(|_| Closed)?;
                }
            }
        }
    }

    async fn on_text(&mut self, text: &str) -> Outcome {
        let frame = match parse_frame(text) {
            Ok(frame) => frame,
            Err(error) => return self.send(ServerFrame::Error { error, client_id: None }).await,
        };
        let result = match frame {
            ClientFrame::Subscribe { conversation_id, after_seq } => {
                self.on_subscribe(conversation_id, after_seq).await
            }
            ClientFrame::Send { conversation_id, client_id, body } => {
                match self.on_send(conversation_id, &client_id, &body).await {
                    Err(Failure::Refused(error)) => {
                        return self.send(ServerFrame::Error { error, client_id: Some(client_id) }).await;
                    }
                    other => other,
                }
            }
            ClientFrame::Typing { conversation_id, is_typing } => self.on_typing(conversation_id, is_typing).await,
            ClientFrame::Read { conversation_id, seq } => self.on_read(conversation_id, seq).await,
            ClientFrame::Context { page_url } => self.on_context(&page_url).await,
        };
        match result {
            Ok(()) => Ok(()),
            Err(Failure::Closed) => Err(Closed),
            Err(Failure::Refused(error)) => self.send(ServerFrame::Error { error, client_id: None }).await,
        }
    }

    async fn on_subscribe(&mut self, conversation_id: Option<i64>, after_seq: i64) -> Result<(), Failure> {
        match self.resolve(conversation_id).await? {
            Some(conversation) => self.follow(conversation.id, after_seq).await,
            None => {
                self.follow_new_conversation = true;
                Ok(self.send(ServerFrame::Synced { conversation_id: None, last_seq: 0 }).await?)
            }
        }
    }

    async fn on_send(&mut self, conversation_id: Option<i64>, client_id: &str, body: &str) -> Result<(), Failure> {
        if client_id.is_empty() || client_id.len() > MAX_CLIENT_ID || client_id.chars().any(char::is_control) {
            return Err(refuse(ErrorCode::MalformedFrame, "client_id must be 1 to 128 printable characters"));
        }
        let body = body.trim();
        if body.is_empty() {
            return Err(refuse(ErrorCode::EmptyBody, "the message is empty"));
        }
        let max = self.state.config.chat.max_body_chars;
        if body.chars().count() > max {
            return Err(refuse(ErrorCode::BodyTooLong, format!("the message is longer than {max} characters")));
        }
        let now = self.state.clock.now();
        let conversation = match (&self.principal, conversation_id) {
            (Principal::Visitor { visitor_id, workspace_id }, None) => {
                self.state.store.open_or_create_conversation(*workspace_id, *visitor_id, now).await.map_err(internal)?
            }
            (_, requested) => self.resolve(requested).await?.ok_or_else(no_conversation)?,
        };
        let (author_kind, author_id, author_name) = match &self.principal {
            Principal::Visitor { visitor_id, .. } => {
                (AuthorKind::Visitor, *visitor_id, wire::visitor_name(*visitor_id))
            }
            Principal::Agent { agent_id, name, .. } => (AuthorKind::Agent, *agent_id, name.clone()),
        };
        let message = NewMessage {
            conversation_id: conversation.id,
            author_kind,
            author_id: Some(author_id),
            author_name: &author_name,
            body,
            client_id,
        };
        let (stored, created) = match self.state.store.append_message(message, now).await {
            Ok(Appended::Created(stored)) => (stored, true),
            Ok(Appended::Duplicate(stored)) => (stored, false),
            Err(AppendError::ClientIdTaken) => {
                return Err(refuse(ErrorCode::Conflict, "this client_id was already used by someone else"));
            }
            Err(AppendError::Database(error)) => return Err(internal(error)),
        };
        // Committed: acknowledge, then tell everyone else.
        self.send(ServerFrame::Ack {
            client_id: stored.client_id.clone(),
            conversation_id: stored.conversation_id,
            message_id: stored.id,
            seq: stored.seq,
            created_at: stored.created_at,
        })
        .await?;
        if created {
            self.publish_message(stored).await?;
        }
        if self.follow_new_conversation && !self.cursors.contains_key(&conversation.id) {
            self.follow_new_conversation = false;
            self.follow(conversation.id, 0).await?;
        }
        Ok(())
    }

    async fn publish_message(&self, stored: StoredMessage) -> Result<(), Failure> {
        let conversation_id = stored.conversation_id;
        let hub = &self.state.hub;
        hub.publish(HubEvent::Room { conversation_id, event: RoomEvent::Message(stored.into()) });
        if let Some(record) = self.state.store.conversation(conversation_id).await.map_err(internal)? {
            let workspace_id = record.workspace_id;
            hub.publish(HubEvent::Inbox { workspace_id, event: InboxEvent::Conversation(record.into()) });
        }
        Ok(())
    }

    async fn on_typing(&mut self, conversation_id: Option<i64>, is_typing: bool) -> Result<(), Failure> {
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

    async fn on_read(&mut self, conversation_id: Option<i64>, seq: i64) -> Result<(), Failure> {
        let Some(conversation) = self.resolve(conversation_id).await? else {
            return Err(no_conversation());
        };
        let store = &self.state.store;
        match self.principal {
            Principal::Visitor { .. } => {
                store.mark_read_by_visitor(conversation.id, seq).await.map_err(internal)?;
                let event = RoomEvent::VisitorRead;
                self.state.hub.publish(HubEvent::Room { conversation_id: conversation.id, event });
            }
            Principal::Agent { .. } => store.mark_read_by_agent(conversation.id, seq).await.map_err(internal)?,
        }
        Ok(())
    }

    async fn on_context(&mut self, page_url: &str) -> Result<(), Failure> {
        let Principal::Visitor { visitor_id, .. } = self.principal else {
            return Err(refuse(ErrorCode::Forbidden, "only visitors send context"));
        };
        let valid = page_url.len() <= MAX_PAGE_URL
            && url::Url::parse(page_url).is_ok_and(|url| matches!(url.scheme(), "http" | "https"));
        if !valid {
            return Err(refuse(ErrorCode::BadRequest, "page_url must be an http(s) URL of at most 2048 bytes"));
        }
        let now = self.state.clock.now();
        self.state.store.set_visitor_page(visitor_id, page_url, now).await.map_err(internal)?;
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
                store.open_conversation_of(*visitor_id).await.map_err(internal)
            }
            (Principal::Visitor { visitor_id, .. }, Some(id)) => {
                match store.conversation(id).await.map_err(internal)? {
                    Some(conversation) if conversation.visitor_id == *visitor_id => Ok(Some(conversation)),
                    _ => Err(no_conversation()),
                }
            }
            (Principal::Agent { .. }, None) => {
                Err(refuse(ErrorCode::MalformedFrame, "agents must give a conversation_id"))
            }
            (Principal::Agent { workspace_id, .. }, Some(id)) => {
                match store.conversation(id).await.map_err(internal)? {
                    Some(conversation) if conversation.workspace_id == *workspace_id => Ok(Some(conversation)),
                    _ => Err(no_conversation()),
                }
            }
        }
    }

    /// Follows a conversation from `after_seq`: joins its room first, then replays what
    /// is stored, so nothing committed in between is missed and nothing is sent twice.
    async fn follow(&mut self, conversation_id: i64, after_seq: i64) -> Result<(), Failure> {
        if !self.rooms.contains_key(&conversation_id) {
            let receiver = self.state.hub.join_room(conversation_id);
            self.rooms.insert(conversation_id, BroadcastStream::new(receiver));
            self.joined.push(conversation_id);
            if self.joined.len() > MAX_ROOMS {
                let oldest = self.joined.remove(0);
                self.rooms.remove(&oldest);
                self.cursors.remove(&oldest);
            }
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
                self.send(ServerFrame::Message { message: wire::message(message) }).await?;
            }
            self.cursors.insert(conversation_id, last);
        }
    }

    async fn on_room_event(
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
            Ok(RoomEvent::VisitorRead) => match self.principal {
                Principal::Visitor { .. } => self.refresh_unread(conversation_id).await,
                Principal::Agent { .. } => Ok(()),
            },
        };
        self.absorb(result).await
    }

    async fn on_message_event(&mut self, message: &StoredMessage) -> Result<(), Failure> {
        let conversation_id = message.conversation_id;
        let cursor = self.cursors.get(&conversation_id).copied().unwrap_or(0);
        if message.seq == cursor + 1 {
            self.send(ServerFrame::Message { message: wire::message(message.clone()) }).await?;
            self.cursors.insert(conversation_id, message.seq);
        } else if message.seq > cursor {
            // Something before this message has not reached us yet (another node, or a
            // sender that committed earlier but published later): take it from the
            // database, which has it, since it was committed first.
            self.replay(conversation_id, message.seq).await?;
        }
        if matches!(self.principal, Principal::Visitor { .. }) && message.author_kind.0 == AuthorKind::Agent {
            self.refresh_unread(conversation_id).await?;
        }
        Ok(())
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

    async fn on_inbox_event(&mut self, event: Result<InboxEvent, broadcast::error::RecvError>) -> Outcome {
        let result = match event {
            Ok(InboxEvent::Conversation(record)) => {
                let summary = wire::summary(&record);
                self.send(ServerFrame::Conversation { summary }).await.map_err(Failure::from)
            }
            Err(broadcast::error::RecvError::Lagged(_)) => self.resync_inbox().await,
            Err(broadcast::error::RecvError::Closed) => Ok(()),
        };
        self.absorb(result).await
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

    /// Turns a failure while forwarding an event into an error frame, or the end.
    async fn absorb(&mut self, result: Result<(), Failure>) -> Outcome {
        match result {
            Ok(()) => Ok(()),
            Err(Failure::Closed) => Err(Closed),
            Err(Failure::Refused(error)) => self.send(ServerFrame::Error { error, client_id: None }).await,
        }
    }

    async fn error(&mut self, code: ErrorCode, message: &str, client_id: Option<String>) -> Outcome {
        self.send(ServerFrame::Error { error: ErrorBody::new(code, message), client_id }).await
    }

    async fn send(&self, frame: ServerFrame) -> Outcome {
        let json = match serde_json::to_string(&frame) {
            Ok(json) => json,
            Err(error) => {
                tracing::error!(%error, "could not serialise a frame");
                return Ok(());
            }
        };
        self.out.send(WsMessage::Text(json.into())).await.map_err(|_| Closed)
    }
}

/// Why handling a frame stopped.
enum Failure {
    /// The client gets an error frame; the connection stays.
    Refused(ErrorBody),
    /// The socket is gone.
    Closed,
}

impl From<Closed> for Failure {
    fn from(_: Closed) -> Self {
        Self::Closed
    }
}

fn refuse(code: ErrorCode, message: impl Into<String>) -> Failure {
    Failure::Refused(ErrorBody::new(code, message))
}

fn no_conversation() -> Failure {
    refuse(ErrorCode::NotFound, "no such conversation")
}

fn internal(error: anyhow::Error) -> Failure {
    tracing::error!(error = format!("{error:#}"), "chat session query failed");
    refuse(ErrorCode::Internal, "something went wrong on our side; please retry")
}

async fn recv_inbox(
    inbox: &mut Option<broadcast::Receiver<InboxEvent>>,
) -> Result<InboxEvent, broadcast::error::RecvError> {
    match inbox {
        Some(receiver) => receiver.recv().await,
        None => std::future::pending().await,
    }
}

/// Frame types a client may send; anything else is `unknown_frame`.
const CLIENT_FRAME_TYPES: [&str; 5] = ["subscribe", "send", "typing", "read", "context"];

/// Parses a text frame, telling malformed JSON, unknown types and wrong shapes apart.
fn parse_frame(text: &str) -> Result<ClientFrame, ErrorBody> {
    if text.len() > MAX_FRAME_BYTES {
        return Err(ErrorBody::new(
            ErrorCode::FrameTooLarge,
            format!("frames are limited to {MAX_FRAME_BYTES} bytes; this one was {}", text.len()),
        ));
    }
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| ErrorBody::new(ErrorCode::MalformedFrame, format!("frame is not valid JSON: {e}")))?;
    let Some(kind) = value.get("type").and_then(serde_json::Value::as_str).map(str::to_owned) else {
        return Err(ErrorBody::new(ErrorCode::MalformedFrame, "frame must be a JSON object with a string \"type\""));
    };
    if !CLIENT_FRAME_TYPES.contains(&kind.as_str()) {
        let shown: String = kind.chars().take(40).collect();
        return Err(ErrorBody::new(ErrorCode::UnknownFrame, format!("unknown frame type \"{shown}\"")));
    }
    serde_json::from_value(value)
        .map_err(|e| ErrorBody::new(ErrorCode::MalformedFrame, format!("bad \"{kind}\" frame: {e}")))
}

async fn write_loop<S>(mut sink: S, mut frames: mpsc::Receiver<WsMessage>)
where
    S: Sink<WsMessage> + Unpin,
{
    while let Some(frame) = frames.recv().await {
        let closing = matches!(frame, WsMessage::Close(_));
        if sink.send(frame).await.is_err() || closing {
            break;
        }
    }
    let _ = sink.close().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_classified() {
        assert_eq!(parse_frame("{nope").map_err(|e| e.code), Err(ErrorCode::MalformedFrame));
        assert_eq!(parse_frame("[1,2]").map_err(|e| e.code), Err(ErrorCode::MalformedFrame));
        assert_eq!(parse_frame(r#"{"type":"fly"}"#).map_err(|e| e.code), Err(ErrorCode::UnknownFrame));
        assert_eq!(parse_frame(r#"{"type":"send"}"#).map_err(|e| e.code), Err(ErrorCode::MalformedFrame));
        let big = format!(r#"{{"type":"send","client_id":"a","body":"{}"}}"#, "x".repeat(MAX_FRAME_BYTES));
        assert_eq!(parse_frame(&big).map_err(|e| e.code), Err(ErrorCode::FrameTooLarge));
        assert!(parse_frame(r#"{"type":"subscribe","after_seq":3}"#).is_ok());
    }

    #[test]
    fn deeply_nested_json_is_an_error_not_a_crash() {
        let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse_frame(&nested[..MAX_FRAME_BYTES]).map_err(|e| e.code), Err(ErrorCode::MalformedFrame));
    }
}
