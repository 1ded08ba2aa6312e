//! Several nodes on one PostgreSQL database: what happens on one node reaches the
//! sessions of the others through LISTEN/NOTIFY.
//!
//! - **Sending** (`notifier`): the hub's transport queues each event as a [`Notice`] of
//!   ids; a task sends what is queued in batches, outside any transaction (a NOTIFY in
//!   the message's transaction takes a global lock at commit), one statement per batch.
//! - **Receiving** (`listener`): a dedicated connection LISTENs, reads what each notice
//!   names from the database and hands it to the hub, which fans it out as if it had
//!   happened here.
//! - **Nothing lost**: envelopes are numbered per node. A gap, or a listener that lost
//!   its connection, makes every session of the node read what it follows again from
//!   the database, which has everything, since events are published after commit.
//! - **Presence**: each node says which agents are online on it when that changes, and
//!   every few seconds; a node not heard from for `REMOTE_PRESENCE_TTL` (killed) no
//!   longer counts.

mod listener;
mod notice;
mod notifier;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::sync::{mpsc, watch};

pub use notice::Notice;

use crate::chat::Hub;
use crate::chat::hub::HubEvent;
use crate::chat::transport::Transport;
use crate::clock::Clock;
use crate::config::ClusterConfig;
use crate::shutdown::Shutdown;
use crate::store::Store;

/// The NOTIFY channel every node listens on.
const CHANNEL: &str = "helpline_events";
/// How often a node repeats which agents are online on it.
const PRESENCE_EVERY: Duration = Duration::from_secs(10);

/// How this node's listener stands, for health checks and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListenerStatus {
    /// Connected and listening now.
    pub listening: bool,
    /// How many times it has connected since the node started.
    pub connections: u64,
}

/// This node in the cluster: its id and its listener's state.
#[derive(Debug, Clone)]
pub struct ClusterHandle {
    pub node: Arc<str>,
    pub status: watch::Receiver<ListenerStatus>,
}

/// The hub's transport when several nodes share the database: queues notices for the
/// notifier, never blocking the publisher.
#[derive(Debug)]
pub struct NotifyTransport {
    notices: mpsc::UnboundedSender<Notice>,
}

impl Transport for NotifyTransport {
    fn publish(&self, event: &HubEvent) {
        if let Some(notice) = Notice::of(event) {
            // Fails only once the notifier stopped, at shutdown.
            let _ = self.notices.send(notice);
        }
    }
}

/// The tasks of a cluster node, made before the hub (which needs the transport) and run
/// once it exists.
pub struct Cluster {
    node: Arc<str>,
    options: PgConnectOptions,
    reconnect: Duration,
    notices: mpsc::UnboundedSender<Notice>,
    queued: mpsc::UnboundedReceiver<Notice>,
    status: watch::Sender<ListenerStatus>,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster").field("node", &self.node).finish_non_exhaustive()
    }
}

impl Cluster {
    /// Prepares a node for the PostgreSQL database at `url`; connects nothing yet.
    pub fn new(url: &str, config: &ClusterConfig) -> anyhow::Result<(Self, Arc<NotifyTransport>, ClusterHandle)> {
        let options = PgConnectOptions::from_str(url).context("database.url")?;
        let node: Arc<str> = uuid::Uuid::new_v4().simple().to_string().into();
        let (notices, queued) = mpsc::unbounded_channel();
        let (status, watched) = watch::channel(ListenerStatus::default());
        let transport = Arc::new(NotifyTransport { notices: notices.clone() });
        let handle = ClusterHandle { node: Arc::clone(&node), status: watched };
        let cluster =
            Self { node, options, reconnect: Duration::from_millis(config.reconnect_ms), notices, queued, status };
        Ok((cluster, transport, handle))
    }

    /// Runs the notifier, the listener and the presence heartbeat until shutdown.
    pub fn spawn(self, store: Store, hub: Hub, clock: Clock, shutdown: Shutdown) {
        let Self { node, options, reconnect, notices, queued, status } = self;
        let sender = PgPoolOptions::new()
            .max_connections(1)
            .connect_lazy_with(options.clone().application_name(&format!("helpline notifier {node}")));
        tokio::spawn(notifier::run(sender, Arc::clone(&node), queued, shutdown.clone()));
        let receiver = listener::Receiver::new(Arc::clone(&node), store, hub.clone(), clock, notices.clone());
        let listen = options.application_name(&format!("helpline listener {node}"));
        tokio::spawn(listener::run(receiver, listen, reconnect, status, shutdown.clone()));
        tokio::spawn(heartbeat(hub, notices, shutdown));
    }
}

/// Repeats this node's agents online, so a node that joins late or missed a change
/// learns them, and forgets nodes that went quiet.
async fn heartbeat(hub: Hub, notices: mpsc::UnboundedSender<Notice>, mut shutdown: Shutdown) {
    let mut every = tokio::time::interval(PRESENCE_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = shutdown.recv() => return,
            _ = every.tick() => {
                hub.expire_remote();
                let _ = notices.send(Notice::Snapshot { a: hub.local_presence() });
            }
        }
    }
}
