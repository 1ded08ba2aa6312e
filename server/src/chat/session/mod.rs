//! One WebSocket connection, visitor or agent: reads frames, stores and acknowledges
//! messages, and forwards hub events, each exactly once and in sequence order.
//!
//! `handlers.rs` answers client frames, `delivery.rs` forwards hub events, and
//! `parse.rs` reads frames.
//!
//! Written over `Sink`/`Stream` so tests can drive it with channels. A malformed frame
//! gets an error frame and the connection stays, and so does a frame over the socket's
//! budget (`[limits] frames_per_socket`, and `messages_per_socket` for `send`): a
//! `rate_limited` error with `retry_after_secs`. Socket errors (a message over the size
//! limit closes with 1009) and shutdown end it, and so do a peer that stops answering
//! pings (`liveness.rs`) and, for agents, the end of the sign-in the socket was opened
//! with (`sign_in.rs`).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message as WsMessage, Utf8Bytes};
use futures_util::{Sink, SinkExt, Stream, StreamExt};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::{ErrorBody, ErrorCode};
use tokio::sync::{broadcast, mpsc};
use tokio_stream::StreamMap;
use tokio_stream::wrappers::BroadcastStream;

use super::hub::{AccessChange, InboxEvent, RoomEvent};
use crate::error::ApiError;
use crate::limits::Bucket;
use crate::state::AppState;
mod delivery;
mod handlers;
mod liveness;
mod parse;
mod sign_in;

use liveness::Heard;
use parse::parse_frame;
use sign_in::SignIn;

/// Who is on the other end of the socket.
#[derive(Debug, Clone)]
pub enum Principal {
    Visitor {
        visitor_id: i64,
        workspace_id: i64,
        /// The host user the visitor is verified as, whose support access changes the
        /// socket hears about; a `context` frame that verifies them sets it.
        user_id: Option<String>,
    },
    /// `session_hash` names the sign-in the socket was opened with; it closes with it.
    Agent { agent_id: i64, workspace_id: i64, name: String, session_hash: String },
}

impl Principal {
    fn workspace_id(&self) -> i64 {
        match self {
            Self::Visitor { workspace_id, .. } | Self::Agent { workspace_id, .. } => *workspace_id,
        }
    }

    /// The host user a visitor is verified as.
    pub(super) fn user_id(&self) -> Option<&str> {
        match self {
            Self::Visitor { user_id, .. } => user_id.as_deref(),
            Self::Agent { .. } => None,
        }
    }
}

/// Frames queued for the socket before the session waits for the client to read.
const OUTBOX_CAPACITY: usize = 256;
/// Messages read from the database per query when replaying.
const REPLAY_PAGE: i64 = 500;
/// Longest client id accepted.
const MAX_CLIENT_ID: usize = 128;
/// Longest page URL accepted in a `context` frame.
const MAX_PAGE_URL: usize = 2048;
/// The close code for a message over the socket's size limit (RFC 6455: 1009).
const CLOSE_TOO_BIG: u16 = 1009;
/// Pings the peer may leave unanswered (sending nothing else either) before the
/// socket is closed.
const PINGS_UNANSWERED: u32 = 2;
/// How long the writer gets to send what is queued (a close frame) once the session
/// is over; a peer that does not read loses it and the connection.
const WRITER_GRACE: Duration = Duration::from_secs(5);

/// Close code and reason for a peer that stopped answering pings.
const NO_PONG: (u16, &str) = (4008, "no answer to ping");
/// Close code when the agent's sign-in ended; the reason says how.
const SIGNED_OUT: u16 = 4001;

/// Runs one connection until the client leaves, the socket fails, the server stops,
/// the peer stops answering pings, or an agent's sign-in ends.
pub async fn run_session<S>(socket: S, state: AppState, principal: Principal)
where
    S: Sink<WsMessage> + Stream<Item = Result<WsMessage, axum::Error>> + Send + 'static,
{
    let (sink, stream) = socket.split();
    let (out, out_rx) = mpsc::channel(OUTBOX_CAPACITY);
    let mut writer = tokio::spawn(write_loop(sink, out_rx));
    let heard = Heard::new();
    let mut stream = stream.inspect(|read| heard.record(read));
    let ping_every = Duration::from_secs(state.config.chat.ping_secs);
    let sign_in = match &principal {
        Principal::Agent { session_hash, .. } => Some(SignIn::new(state.clone(), session_hash.clone())),
        Principal::Visitor { .. } => None,
    };
    let visitor = match principal {
        Principal::Visitor { visitor_id, .. } => Some((visitor_id, state.hub.visitor_online(visitor_id))),
        Principal::Agent { .. } => None,
    };
    let mut session = Session::new(state.clone(), principal, out.clone());
    // The watches run beside the session rather than inside its loop, so a session
    // stuck writing to a peer that does not read is still ended.
    let close = tokio::select! {
        result = session.run(&mut stream, ping_every) => {
            if let Err(Closed) = result {
                tracing::debug!("socket closed while writing");
            }
            None
        }
        () = heard.silent_for(ping_every * PINGS_UNANSWERED) => {
            tracing::debug!("peer stopped answering pings");
            Some(CloseFrame { code: NO_PONG.0, reason: NO_PONG.1.into() })
        }
        reason = signed_in_until(sign_in, &heard) => {
            tracing::debug!(reason, "agent socket closed with its sign-in");
            Some(CloseFrame { code: SIGNED_OUT, reason: reason.into() })
        }
    };
    drop(session);
    let finish = async {
        if let Some(close) = close {
            let _ = out.send(WsMessage::Close(Some(close))).await;
        }
        drop(out);
        let _ = (&mut writer).await;
    };
    if tokio::time::timeout(WRITER_GRACE, finish).await.is_err() {
        writer.abort();
    }
    if let Some((visitor_id, presence)) = visitor {
        // Since when the visitor has been away, for mailing them replies they miss. It is
        // stored before the hub forgets the socket, so whoever sees the visitor gone also
        // reads when they left, never an older time that would mail them at once.
        if let Err(error) = state.store.touch_visitor(visitor_id, None, state.clock.now()).await {
            tracing::warn!(error = format!("{error:#}"), "could not record when the visitor left");
        }
        drop(presence);
    }
    state.hub.release();
}

/// Resolves when an agent's sign-in ends; never for visitors.
async fn signed_in_until(sign_in: Option<SignIn>, heard: &Heard) -> &'static str {
    match sign_in {
        Some(sign_in) => sign_in.ended(heard).await,
        None => std::future::pending().await,
    }
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
    /// A visitor subscribed before having a conversation: follow it once created.
    follow_new_conversation: bool,
    /// The open chat a visitor's `send` without a conversation id went to last.
    own_chat: Option<i64>,
    /// Conversations this principal was found allowed to write to.
    writable: HashSet<i64>,
    /// The last unread count sent to a visitor.
    unread_sent: Option<i64>,
    /// Every frame the client sends takes a token.
    frames: Bucket,
    /// Every `send` takes a token too, as each stores a message.
    messages: Bucket,
}

impl Session {
    fn new(state: AppState, principal: Principal, out: mpsc::Sender<WsMessage>) -> Self {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            principal,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            out,
            rooms: StreamMap::new(),
            cursors: HashMap::new(),
            follow_new_conversation: false,
            own_chat: None,
            writable: HashSet::new(),
            unread_sent: None,
            frames: Bucket::new(state.config.limits.frames_per_socket, &state.clock),
            messages: Bucket::new(state.config.limits.messages_per_socket, &state.clock),
            state,
        }
    }

    async fn run<R>(&mut self, stream: &mut R, ping_every: Duration) -> Outcome
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
        // Agents hear about every user's support access, a verified visitor about their
        // own; anonymous visitors about none (they join once a `context` verifies them).
        let mut access = match &self.principal {
            Principal::Agent { .. } | Principal::Visitor { user_id: Some(_), .. } => {
                Some(hub.join_access(workspace_id))
            }
            Principal::Visitor { user_id: None, .. } => None,
        };
        let _online = match self.principal {
            Principal::Agent { agent_id, .. } => {
                let online = hub.agent_online(workspace_id, agent_id);
                // Chats waiting in the queue may go to the agent who just came online.
                let queue = self.state.queue.clone();
                tokio::spawn(async move {
                    if let Err(error) = queue.route_waiting(workspace_id).await {
                        tracing::error!(error = format!("{error:#}"), "routing waiting chats failed");
                    }
                });
                Some(online)
            }
            Principal::Visitor { .. } => None,
        };
        let agents_online = *presence.borrow_and_update();
        self.send(ServerFrame::Presence { agents_online }).await?;
        let own_access = self.send_own_access().await;
        self.absorb(own_access).await?;
        let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + ping_every, ping_every);

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
                    Some(Ok(WsMessage::Text(text))) => self.on_text(text.as_str(), &mut access).await?,
                    Some(Ok(WsMessage::Binary(_))) => {
                        if let Some(wait) = self.frames.wait_time() {
                            self.send(rate_limited(wait, None)).await?;
                        } else {
                            self.error(ErrorCode::MalformedFrame, "frames must be JSON text, not binary", None).await?;
                        }
                    }
                    Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_))) => {}
                    Some(Ok(WsMessage::Close(_))) | None => return Ok(()),
                    Some(Err(error)) if parse::is_too_big(&error) => {
                        let close = CloseFrame { code: CLOSE_TOO_BIG, reason: "message too big".into() };
                        let _ = self.out.send(WsMessage::Close(Some(close))).await;
                        return Ok(());
                    }
                    Some(Err(error)) => {
                        tracing::debug!(%error, "socket read failed");
                        return Ok(());
                    }
                },
                Some((conversation_id, event)) = self.rooms.next() => {
                    self.on_room_event(conversation_id, event).await?;
                }
                event = recv_inbox(&mut inbox) => self.on_inbox_event(event).await?,
                event = recv_access(&mut access) => self.on_access_event(event).await?,
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

    async fn on_text(&mut self, text: &str, access: &mut Option<broadcast::Receiver<Arc<AccessChange>>>) -> Outcome {
        let parsed = parse_frame(text);
        // Parsed first only so a refused `send` can name its client id; nothing of it
        // runs over the budget.
        let client_id = match &parsed {
            Ok(ClientFrame::Send { client_id, .. }) => Some(client_id.clone()),
            _ => None,
        };
        let wait = self.frames.wait_time().or_else(|| client_id.as_ref().and_then(|_| self.messages.wait_time()));
        if let Some(wait) = wait {
            return self.send(rate_limited(wait, client_id)).await;
        }
        let frame = match parsed {
            Ok(frame) => frame,
            Err(error) => return self.send(ServerFrame::error(error, None)).await,
        };
        let result = match frame {
            ClientFrame::Subscribe { conversation_id, after_seq } => {
                self.on_subscribe(conversation_id, after_seq).await
            }
            ClientFrame::Send { conversation_id, client_id, body, files, internal } => {
                match self.on_send(conversation_id, &client_id, &body, &files, internal).await {
                    Ok(sent) => self.after_send(sent).await,
                    Err(Failure::Refused(error)) => {
                        return self.send(ServerFrame::error(error, Some(client_id))).await;
                    }
                    Err(Failure::Closed) => Err(Failure::Closed),
                }
            }
            ClientFrame::Typing { conversation_id, is_typing } => self.on_typing(conversation_id, is_typing).await,
            ClientFrame::Read { conversation_id, seq } => self.on_read(conversation_id, seq).await,
            ClientFrame::Context { page_url, identity, locale, time_zone } => {
                let speech = (locale.as_deref(), time_zone.as_deref());
                let verified = self.on_context(&page_url, identity.as_ref(), speech).await;
                if matches!(verified, Ok(())) && access.is_none() && self.principal.user_id().is_some() {
                    *access = Some(self.state.hub.join_access(self.principal.workspace_id()));
                }
                verified
            }
        };
        match result {
            Ok(()) => Ok(()),
            Err(Failure::Closed) => Err(Closed),
            Err(Failure::Refused(error)) => self.send(ServerFrame::error(error, None)).await,
        }
    }

    /// Turns a failure while forwarding an event into an error frame, or the end.
    async fn absorb(&mut self, result: Result<(), Failure>) -> Outcome {
        match result {
            Ok(()) => Ok(()),
            Err(Failure::Closed) => Err(Closed),
            Err(Failure::Refused(error)) => self.send(ServerFrame::error(error, None)).await,
        }
    }

    async fn error(&mut self, code: ErrorCode, message: &str, client_id: Option<String>) -> Outcome {
        self.send(ServerFrame::error(ErrorBody::new(code, message), client_id)).await
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

    /// Sends a frame already serialised (an event's, shared by every socket); nothing
    /// when it could not be.
    async fn send_json(&self, json: Option<Utf8Bytes>) -> Outcome {
        match json {
            Some(json) => self.out.send(WsMessage::Text(json)).await.map_err(|_| Closed),
            None => Ok(()),
        }
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

/// The error frame for a frame over the socket's budget.
fn rate_limited(retry_after: Duration, client_id: Option<String>) -> ServerFrame {
    let message = match client_id {
        Some(_) => "you are sending messages too quickly; please wait a moment",
        None => "too many frames; please slow down",
    };
    ServerFrame::error(ApiError::RateLimited { message, retry_after }.body(), client_id)
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

async fn recv_access(
    access: &mut Option<broadcast::Receiver<Arc<AccessChange>>>,
) -> Result<Arc<AccessChange>, broadcast::error::RecvError> {
    match access {
        Some(receiver) => receiver.recv().await,
        None => std::future::pending().await,
    }
}

async fn recv_inbox(
    inbox: &mut Option<broadcast::Receiver<InboxEvent>>,
) -> Result<InboxEvent, broadcast::error::RecvError> {
    match inbox {
        Some(receiver) => receiver.recv().await,
        None => std::future::pending().await,
    }
}

async fn write_loop<S>(mut sink: S, mut frames: mpsc::Receiver<WsMessage>)
where
    S: Sink<WsMessage> + Unpin,
{
    // Every frame queued so far goes out with one flush: one write for many frames when
    // the socket is busy.
    'writing: while let Some(first) = frames.recv().await {
        let mut next = Some(first);
        while let Some(frame) = next {
            let closing = matches!(frame, WsMessage::Close(_));
            if sink.feed(frame).await.is_err() || closing {
                let _ = sink.flush().await;
                break 'writing;
            }
            next = frames.try_recv().ok();
        }
        if sink.flush().await.is_err() {
            break;
        }
    }
    let _ = sink.close().await;
}
