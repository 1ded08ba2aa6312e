//! Hears the other nodes: a dedicated connection LISTENs, and each notice becomes a hub
//! event read from the database. When the connection drops, it connects again and
//! every session of this node reads what it follows again.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use tokio::sync::{mpsc, watch};

use super::notice::{Envelope, Notice};
use super::{CHANNEL, ListenerStatus};
use crate::chat::Hub;
use crate::chat::hub::{AccessChange, HubEvent, InboxEvent, REMOTE_PRESENCE_TTL, RoomEvent, Shared};
use crate::clock::Clock;
use crate::shutdown::Shutdown;
use crate::store::Store;

/// The longest wait between attempts to connect.
const MAX_RECONNECT: Duration = Duration::from_secs(30);

/// Turns other nodes' notices into this node's hub events.
pub(super) struct Receiver {
    node: Arc<str>,
    store: Store,
    hub: Hub,
    clock: Clock,
    /// To answer a `Hello` with this node's presence.
    notices: mpsc::UnboundedSender<Notice>,
    /// The last envelope number heard from each node, and when.
    heard: HashMap<String, (u64, Instant)>,
}

impl Receiver {
    pub(super) fn new(
        node: Arc<str>,
        store: Store,
        hub: Hub,
        clock: Clock,
        notices: mpsc::UnboundedSender<Notice>,
    ) -> Self {
        Self { node, store, hub, clock, notices, heard: HashMap::new() }
    }

    async fn receive(&mut self, payload: &str) {
        let envelope: Envelope = match serde_json::from_str(payload) {
            Ok(envelope) => envelope,
            Err(error) => {
                tracing::warn!(%error, "a cluster notice could not be read; reading everything again");
                self.hub.resync_all();
                return;
            }
        };
        if *envelope.n == *self.node {
            return;
        }
        let now = Instant::now();
        if let Some((last, _)) = self.heard.insert(envelope.n.clone(), (envelope.q, now))
            && envelope.q != last + 1
        {
            tracing::warn!(
                node = envelope.n,
                missed = envelope.q.saturating_sub(last + 1),
                "missed notices; reading everything again"
            );
            self.hub.resync_all();
        }
        if self.heard.len() > 64 {
            self.heard.retain(|_, (_, at)| now.duration_since(*at) < REMOTE_PRESENCE_TTL);
        }
        for notice in envelope.e {
            self.apply(&envelope.n, notice).await;
        }
    }

    async fn apply(&self, node: &str, notice: Notice) {
        let hub = &self.hub;
        match notice {
            Notice::Message { c, s } if hub.follows_room(c) => {
                let event = match self.store.messages_between(c, s - 1, s, 1).await {
                    Ok(mut messages) => match messages.pop() {
                        Some(message) => RoomEvent::Message(Shared::new(message)),
                        None => return,
                    },
                    Err(error) => {
                        tracing::warn!(error = format!("{error:#}"), "reading another node's message failed");
                        RoomEvent::Resync
                    }
                };
                hub.deliver(HubEvent::Room { conversation_id: c, event });
            }
            Notice::Typing { c, a, n, on } => {
                // Session 0 is none of this node's, so no session skips it as its own echo.
                let event = RoomEvent::Typing { author: a, name: n, is_typing: on, session: 0 };
                hub.deliver(HubEvent::Room { conversation_id: c, event });
            }
            Notice::Read { c } => hub.deliver(HubEvent::Room { conversation_id: c, event: RoomEvent::VisitorRead }),
            Notice::Conversation { w, c } if hub.follows_inbox(w) => {
                let event = match self.store.conversation(c).await {
                    Ok(Some(record)) => InboxEvent::Conversation(Shared::new(record)),
                    Ok(None) => return,
                    Err(error) => {
                        tracing::warn!(error = format!("{error:#}"), "reading another node's conversation failed");
                        InboxEvent::Resync
                    }
                };
                hub.deliver(HubEvent::Inbox { workspace_id: w, event });
            }
            Notice::Access { w, u } if hub.follows_access(w) => {
                match crate::access::brief(&self.store, w, &u, self.clock.now()).await {
                    Ok(access) => {
                        let change = Arc::new(AccessChange { user_id: u, access });
                        hub.deliver(HubEvent::Access { workspace_id: w, change });
                    }
                    Err(error) => tracing::warn!(error = format!("{error:#}"), "reading a user's access failed"),
                }
            }
            Notice::Presence { w, a } => hub.remote_presence(node, w, a),
            Notice::Snapshot { a } => hub.remote_snapshot(node, a),
            Notice::Hello => {
                let _ = self.notices.send(Notice::Snapshot { a: hub.local_presence() });
            }
            // Nobody here follows what the notice is about.
            Notice::Message { .. } | Notice::Conversation { .. } | Notice::Access { .. } => {}
        }
    }
}

/// Listens until shutdown, connecting again (after `reconnect`, doubling up to 30 s
/// while it fails) whenever the connection is lost.
pub(super) async fn run(
    mut receiver: Receiver,
    options: PgConnectOptions,
    reconnect: Duration,
    status: watch::Sender<ListenerStatus>,
    mut shutdown: Shutdown,
) {
    let mut wait = reconnect;
    loop {
        let listener = tokio::select! {
            () = shutdown.recv() => return,
            listener = connect(&options) => listener,
        };
        match listener {
            Ok(mut listener) => {
                wait = reconnect;
                let connections = status.borrow().connections + 1;
                status.send_replace(ListenerStatus { listening: true, connections });
                // Others answer with their agents online; and whatever happened while
                // this node was not listening is read again.
                let _ = receiver.notices.send(Notice::Hello);
                if connections > 1 {
                    tracing::info!("listening to other nodes again; reading everything again");
                    receiver.hub.resync_all();
                }
                loop {
                    let notification = tokio::select! {
                        () = shutdown.recv() => return,
                        notification = listener.try_recv() => notification,
                    };
                    match notification {
                        Ok(Some(notification)) => receiver.receive(notification.payload()).await,
                        Ok(None) => break,
                        Err(error) => {
                            tracing::warn!(%error, "the connection listening to other nodes failed");
                            break;
                        }
                    }
                }
                status.send_modify(|status| status.listening = false);
            }
            Err(error) => tracing::warn!(%error, "cannot listen to other nodes"),
        }
        tokio::select! {
            () = shutdown.recv() => return,
            () = tokio::time::sleep(wait) => {}
        }
        wait = (wait * 2).min(MAX_RECONNECT);
    }
}

async fn connect(options: &PgConnectOptions) -> sqlx::Result<PgListener> {
    let pool = PgPoolOptions::new().max_connections(1).connect_lazy_with(options.clone());
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
