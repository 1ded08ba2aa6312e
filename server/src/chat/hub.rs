//! The hub: in-memory fan-out of events that are already stored.
//!
//! Invariant: nothing is published before it is committed. Channels are a cache of
//! "what happened since"; a receiver that lags or misses an event resyncs from the
//! database, so a dropped event delays delivery but never loses it.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use axum::extract::ws::Utf8Bytes;
use protocol::access::AccessBrief;
use protocol::api::AuthorKind;
use protocol::frames::ServerFrame;
use tokio::sync::{broadcast, watch};

use super::transport::{LocalOnly, Transport};
use crate::clock::Clock;
use crate::store::{ConversationRecord, StoredMessage};

/// An event's content with its frame, serialised the first time a socket sends it and
/// shared by every other socket that sends it after: one serialisation per event,
/// however many sockets receive it.
#[derive(Debug)]
pub struct Shared<T> {
    value: T,
    frame: OnceLock<Option<Utf8Bytes>>,
}

impl<T> Shared<T> {
    pub fn new(value: T) -> Arc<Self> {
        Arc::new(Self { value, frame: OnceLock::new() })
    }

    /// The frame `make` gives for the content, as JSON; every caller must pass the
    /// same `make`. `None` if it cannot be serialised (logged once).
    pub fn frame(&self, make: impl FnOnce(&T) -> ServerFrame) -> Option<Utf8Bytes> {
        let json = self.frame.get_or_init(|| match serde_json::to_string(&make(&self.value)) {
            Ok(json) => Some(json.into()),
            Err(error) => {
                tracing::error!(%error, "could not serialise a frame");
                None
            }
        });
        json.clone()
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// Events of one conversation.
#[derive(Debug, Clone)]
pub enum RoomEvent {
    /// A committed message.
    Message(Arc<Shared<StoredMessage>>),
    /// Someone started or stopped typing. `session` lets the typist skip its own echo.
    Typing { author: AuthorKind, name: Option<String>, is_typing: bool, session: u64 },
    /// The visitor's read marker moved, so their unread count changed.
    VisitorRead,
    /// Events may have been missed (another node's were not heard for a while): read
    /// the conversation again from the database.
    Resync,
}

/// Events for the agents of one workspace.
#[derive(Debug, Clone)]
pub enum InboxEvent {
    /// A conversation was created or changed.
    Conversation(Arc<Shared<ConversationRecord>>),
    /// Events may have been missed: read the inbox again from the database.
    Resync,
}

/// A host user's support access as it stands after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessChange {
    pub user_id: String,
    pub access: AccessBrief,
}

/// Any hub event, with its address, as transports carry it.
#[derive(Debug, Clone)]
pub enum HubEvent {
    Room {
        conversation_id: i64,
        event: RoomEvent,
    },
    Inbox {
        workspace_id: i64,
        event: InboxEvent,
    },
    /// The support access of a host user changed (a grant, a request, an action).
    Access {
        workspace_id: i64,
        change: Arc<AccessChange>,
    },
    /// The agents of a workspace with a socket open on this node, after one came online
    /// or went offline here. Only other nodes need it: this node counts its own.
    Presence {
        workspace_id: i64,
        agents: Arc<[i64]>,
    },
}

/// Fan-out of committed events to the sessions of this node. Cheap to clone.
#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

struct Inner {
    // std Mutex: every critical section below is a short map operation with no await.
    rooms: Mutex<HashMap<i64, broadcast::Sender<RoomEvent>>>,
    inboxes: Mutex<HashMap<i64, broadcast::Sender<InboxEvent>>>,
    /// Per workspace, the host users whose support access changed: agents and verified
    /// visitors listen, and each visitor keeps only their own user's.
    access: Mutex<HashMap<i64, broadcast::Sender<Arc<AccessChange>>>>,
    presence: Mutex<HashMap<i64, watch::Sender<u32>>>,
    /// Each agent's open sockets on this node, and since when a disconnected agent has
    /// had none.
    agents: Mutex<HashMap<i64, AgentSockets>>,
    /// How many sockets each connected visitor has open on this node; a visitor with
    /// none has no entry (since when is `visitors.last_seen`, written as the last closes).
    visitors: Mutex<HashMap<i64, u32>>,
    /// The agents online on other nodes, as each node last said, by node.
    remote: Mutex<HashMap<String, RemoteNode>>,
    transport: Arc<dyn Transport>,
    clock: Clock,
    /// Agents never seen since the start count as offline from then.
    started_at: i64,
}

#[derive(Debug, Clone, Copy)]
struct AgentSockets {
    workspace_id: i64,
    open: u32,
    /// Set when the last socket closed.
    offline_since: i64,
}

/// What another node last said about its agents.
#[derive(Debug)]
struct RemoteNode {
    heard_at: Instant,
    /// Agents online there, by workspace.
    agents: HashMap<i64, Vec<i64>>,
}

/// How long what another node said about its agents counts without word from it: nodes
/// repeat it every few seconds, so only a node that died goes quiet this long.
pub const REMOTE_PRESENCE_TTL: Duration = Duration::from_secs(30);

/// Events a slow session may fall behind by before it resyncs from the database.
const ROOM_CAPACITY: usize = 64;
const INBOX_CAPACITY: usize = 256;
const ACCESS_CAPACITY: usize = 64;

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").finish_non_exhaustive()
    }
}

impl Default for Hub {
    fn default() -> Self {
        Self::new(Arc::new(LocalOnly), Clock::default())
    }
}

impl Hub {
    pub fn new(transport: Arc<dyn Transport>, clock: Clock) -> Self {
        Self {
            inner: Arc::new(Inner {
                rooms: Mutex::default(),
                inboxes: Mutex::default(),
                access: Mutex::default(),
                presence: Mutex::default(),
                agents: Mutex::default(),
                visitors: Mutex::default(),
                remote: Mutex::default(),
                transport,
                started_at: clock.now(),
                clock,
            }),
        }
    }

    /// Publishes a committed event to this node and, through the transport, to others.
    pub fn publish(&self, event: HubEvent) {
        self.inner.transport.publish(&event);
        self.deliver(event);
    }

    /// Fans an event out to this node's sessions only. Transports call this with
    /// events from other nodes.
    pub fn deliver(&self, event: HubEvent) {
        match event {
            HubEvent::Room { conversation_id, event } => {
                let mut rooms = lock(&self.inner.rooms);
                if let Some(sender) = rooms.get(&conversation_id)
                    && sender.send(event).is_err()
                {
                    // Nobody listens any more; forget the room.
                    rooms.remove(&conversation_id);
                }
            }
            HubEvent::Inbox { workspace_id, event } => {
                let mut inboxes = lock(&self.inner.inboxes);
                if let Some(sender) = inboxes.get(&workspace_id)
                    && sender.send(event).is_err()
                {
                    inboxes.remove(&workspace_id);
                }
            }
            HubEvent::Access { workspace_id, change } => {
                let mut access = lock(&self.inner.access);
                if let Some(sender) = access.get(&workspace_id)
                    && sender.send(change).is_err()
                {
                    access.remove(&workspace_id);
                }
            }
            // This node's own agents are counted as they come and go.
            HubEvent::Presence { .. } => {}
        }
    }

    /// Whether a session of this node follows the conversation: events of rooms nobody
    /// follows here need not be read from the database.
    pub fn follows_room(&self, conversation_id: i64) -> bool {
        lock(&self.inner.rooms).get(&conversation_id).is_some_and(|sender| sender.receiver_count() > 0)
    }

    /// Whether an agent of the workspace has its inbox open on this node.
    pub fn follows_inbox(&self, workspace_id: i64) -> bool {
        lock(&self.inner.inboxes).get(&workspace_id).is_some_and(|sender| sender.receiver_count() > 0)
    }

    /// Whether a session of this node hears of the workspace's support access changes.
    pub fn follows_access(&self, workspace_id: i64) -> bool {
        lock(&self.inner.access).get(&workspace_id).is_some_and(|sender| sender.receiver_count() > 0)
    }

    /// Tells every session of this node to read what it follows again from the
    /// database: events from other nodes may have been missed.
    pub fn resync_all(&self) {
        for sender in lock(&self.inner.rooms).values() {
            let _ = sender.send(RoomEvent::Resync);
        }
        for sender in lock(&self.inner.inboxes).values() {
            let _ = sender.send(InboxEvent::Resync);
        }
    }

    /// Receives the events of one conversation from now on.
    pub fn join_room(&self, conversation_id: i64) -> broadcast::Receiver<RoomEvent> {
        lock(&self.inner.rooms)
            .entry(conversation_id)
            .or_insert_with(|| broadcast::channel(ROOM_CAPACITY).0)
            .subscribe()
    }

    /// Receives the inbox events of one workspace from now on.
    pub fn join_inbox(&self, workspace_id: i64) -> broadcast::Receiver<InboxEvent> {
        lock(&self.inner.inboxes)
            .entry(workspace_id)
            .or_insert_with(|| broadcast::channel(INBOX_CAPACITY).0)
            .subscribe()
    }

    /// Receives, from now on, the host users of one workspace whose support access
    /// changed.
    pub fn join_access(&self, workspace_id: i64) -> broadcast::Receiver<Arc<AccessChange>> {
        lock(&self.inner.access)
            .entry(workspace_id)
            .or_insert_with(|| broadcast::channel(ACCESS_CAPACITY).0)
            .subscribe()
    }

    /// Tells the workspace's agents and the user's own sockets that a user's support
    /// access changed. Call after the change is committed.
    pub fn access_changed(&self, workspace_id: i64, change: AccessChange) {
        self.publish(HubEvent::Access { workspace_id, change: Arc::new(change) });
    }

    /// Drops rooms and inboxes nobody listens to. Sessions call it as they end.
    pub fn release(&self) {
        lock(&self.inner.rooms).retain(|_, sender| sender.receiver_count() > 0);
        lock(&self.inner.inboxes).retain(|_, sender| sender.receiver_count() > 0);
        lock(&self.inner.access).retain(|_, sender| sender.receiver_count() > 0);
    }

    /// Watches how many agents of a workspace are online.
    pub fn presence(&self, workspace_id: i64) -> watch::Receiver<u32> {
        let receiver =
            lock(&self.inner.presence).entry(workspace_id).or_insert_with(|| watch::channel(0).0).subscribe();
        self.inner.recount(workspace_id);
        receiver
    }

    /// Counts an agent's socket as online until the returned guard is dropped.
    pub fn agent_online(&self, workspace_id: i64, agent_id: i64) -> PresenceGuard {
        {
            let mut agents = lock(&self.inner.agents);
            let sockets = agents.entry(agent_id).or_insert(AgentSockets { workspace_id, open: 0, offline_since: 0 });
            sockets.open += 1;
            // The workspace counts agents, not sockets: a second tab changes nothing.
            if sockets.open == 1 {
                self.inner.announce_presence(&agents, workspace_id);
            }
        }
        self.inner.recount(workspace_id);
        PresenceGuard { workspace_id, agent_id, inner: Arc::clone(&self.inner) }
    }

    /// The agents of a workspace with a socket open on this node or, as far as this node
    /// has heard, on another.
    pub fn online_agents(&self, workspace_id: i64) -> Vec<i64> {
        self.inner.online_agents(workspace_id).into_iter().collect()
    }

    /// Workspaces with an agent connected to this node or another.
    pub fn workspaces_with_agents_online(&self) -> Vec<i64> {
        let mut workspaces: BTreeSet<i64> = lock(&self.inner.agents)
            .values()
            .filter(|sockets| sockets.open > 0)
            .map(|sockets| sockets.workspace_id)
            .collect();
        for node in lock(&self.inner.remote).values().filter(|node| node.heard_at.elapsed() < REMOTE_PRESENCE_TTL) {
            workspaces.extend(node.agents.iter().filter(|(_, agents)| !agents.is_empty()).map(|(id, _)| *id));
        }
        workspaces.into_iter().collect()
    }

    /// Since when the agent has had no socket open: `None` while they have one, here or
    /// on another node. An agent not seen since this node started counts from the start.
    pub fn offline_since(&self, agent_id: i64) -> Option<i64> {
        let local = match lock(&self.inner.agents).get(&agent_id) {
            Some(sockets) if sockets.open > 0 => return None,
            Some(sockets) => sockets.offline_since,
            None => self.inner.started_at,
        };
        let elsewhere = lock(&self.inner.remote).values().any(|node| {
            node.heard_at.elapsed() < REMOTE_PRESENCE_TTL
                && node.agents.values().any(|agents| agents.contains(&agent_id))
        });
        (!elsewhere).then_some(local)
    }

    /// This node's agents online, by workspace: what it tells other nodes.
    pub fn local_presence(&self) -> Vec<(i64, Vec<i64>)> {
        let agents = lock(&self.inner.agents);
        let mut by_workspace: HashMap<i64, Vec<i64>> = HashMap::new();
        for (agent_id, sockets) in agents.iter().filter(|(_, sockets)| sockets.open > 0) {
            by_workspace.entry(sockets.workspace_id).or_default().push(*agent_id);
        }
        let mut list: Vec<(i64, Vec<i64>)> = by_workspace.into_iter().collect();
        for (_, agents) in &mut list {
            agents.sort_unstable();
        }
        list.sort_unstable();
        list
    }

    /// Another node's agents online in one workspace, as it just said.
    pub fn remote_presence(&self, node: &str, workspace_id: i64, agents: Vec<i64>) {
        {
            let mut remote = lock(&self.inner.remote);
            let entry = remote
                .entry(node.to_owned())
                .or_insert_with(|| RemoteNode { heard_at: Instant::now(), agents: HashMap::new() });
            entry.heard_at = Instant::now();
            entry.agents.insert(workspace_id, agents);
        }
        self.inner.recount(workspace_id);
    }

    /// Everything another node says about its agents online: it replaces what that node
    /// said before. An empty list is a node that stops.
    pub fn remote_snapshot(&self, node: &str, snapshot: Vec<(i64, Vec<i64>)>) {
        let mut touched: BTreeSet<i64> = snapshot.iter().map(|(workspace_id, _)| *workspace_id).collect();
        {
            let mut remote = lock(&self.inner.remote);
            let agents: HashMap<i64, Vec<i64>> = snapshot.into_iter().collect();
            if let Some(previous) = remote.insert(node.to_owned(), RemoteNode { heard_at: Instant::now(), agents }) {
                touched.extend(previous.agents.keys().copied());
            }
        }
        for workspace_id in touched {
            self.inner.recount(workspace_id);
        }
    }

    /// Forgets nodes not heard from for `REMOTE_PRESENCE_TTL`: their agents go offline.
    pub fn expire_remote(&self) {
        self.expire_remote_after(REMOTE_PRESENCE_TTL);
    }

    fn expire_remote_after(&self, ttl: Duration) {
        let mut touched = BTreeSet::new();
        lock(&self.inner.remote).retain(|_, node| {
            let alive = node.heard_at.elapsed() < ttl;
            if !alive {
                touched.extend(node.agents.keys().copied());
            }
            alive
        });
        for workspace_id in touched {
            self.inner.recount(workspace_id);
        }
    }

    /// Counts a visitor's socket as connected until the returned guard is dropped.
    pub fn visitor_online(&self, visitor_id: i64) -> VisitorPresence {
        *lock(&self.inner.visitors).entry(visitor_id).or_insert(0) += 1;
        VisitorPresence { visitor_id, inner: Arc::clone(&self.inner) }
    }

    /// Whether any of these visitors has a socket open on this node.
    pub fn any_visitor_online(&self, visitor_ids: &[i64]) -> bool {
        let visitors = lock(&self.inner.visitors);
        visitor_ids.iter().any(|id| visitors.contains_key(id))
    }

    /// Agents online in a workspace right now, on any node.
    pub fn agents_online(&self, workspace_id: i64) -> u32 {
        u32::try_from(self.inner.online_agents(workspace_id).len()).unwrap_or(u32::MAX)
    }
}

impl Inner {
    fn online_agents(&self, workspace_id: i64) -> BTreeSet<i64> {
        let mut online: BTreeSet<i64> = lock(&self.agents)
            .iter()
            .filter(|(_, sockets)| sockets.workspace_id == workspace_id && sockets.open > 0)
            .map(|(id, _)| *id)
            .collect();
        for node in lock(&self.remote).values().filter(|node| node.heard_at.elapsed() < REMOTE_PRESENCE_TTL) {
            online.extend(node.agents.get(&workspace_id).into_iter().flatten().copied());
        }
        online
    }

    /// Sets the workspace's presence watch to the agents online now. Recounts run one at
    /// a time, each from the current state, so the last one leaves the right number.
    fn recount(&self, workspace_id: i64) {
        let presence = lock(&self.presence);
        if let Some(sender) = presence.get(&workspace_id) {
            let count = u32::try_from(self.online_agents(workspace_id).len()).unwrap_or(u32::MAX);
            sender.send_if_modified(|current| std::mem::replace(current, count) != count);
        }
    }

    /// Tells other nodes which agents of the workspace are online here. Called with the
    /// agents locked, so announcements leave in the order of the changes.
    fn announce_presence(&self, agents: &HashMap<i64, AgentSockets>, workspace_id: i64) {
        let mut online: Vec<i64> = agents
            .iter()
            .filter(|(_, sockets)| sockets.workspace_id == workspace_id && sockets.open > 0)
            .map(|(id, _)| *id)
            .collect();
        online.sort_unstable();
        self.transport.publish(&HubEvent::Presence { workspace_id, agents: online.into() });
    }
}

/// Keeps one visitor's socket counted as connected.
pub struct VisitorPresence {
    visitor_id: i64,
    inner: Arc<Inner>,
}

impl std::fmt::Debug for VisitorPresence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VisitorPresence").field("visitor_id", &self.visitor_id).finish_non_exhaustive()
    }
}

impl Drop for VisitorPresence {
    fn drop(&mut self) {
        let mut visitors = lock(&self.inner.visitors);
        if let Some(open) = visitors.get_mut(&self.visitor_id) {
            *open = open.saturating_sub(1);
            if *open == 0 {
                visitors.remove(&self.visitor_id);
            }
        }
    }
}

/// Keeps one agent's socket counted as online.
pub struct PresenceGuard {
    workspace_id: i64,
    agent_id: i64,
    inner: Arc<Inner>,
}

impl std::fmt::Debug for PresenceGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PresenceGuard").field("agent_id", &self.agent_id).finish_non_exhaustive()
    }
}

impl Drop for PresenceGuard {
    fn drop(&mut self) {
        {
            let mut agents = lock(&self.inner.agents);
            let Some(sockets) = agents.get_mut(&self.agent_id) else {
                return;
            };
            sockets.open = sockets.open.saturating_sub(1);
            if sockets.open > 0 {
                return;
            }
            sockets.offline_since = self.inner.clock.now();
            self.inner.announce_presence(&agents, self.workspace_id);
        }
        self.inner.recount(self.workspace_id);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding one of these locks cannot leave a map half-updated, so a
    // poisoned lock is still safe to use.
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_serialised_once_however_many_sockets_send_it() {
        let shared = Shared::new(3_u32);
        let mut made = 0;
        let mut frames = Vec::new();
        for _ in 0..4 {
            frames.push(shared.frame(|agents_online| {
                made += 1;
                ServerFrame::Presence { agents_online: *agents_online }
            }));
        }
        assert_eq!(made, 1, "serialised for the first socket only");
        let expected = serde_json::to_string(&ServerFrame::Presence { agents_online: 3 }).expect("json");
        assert!(frames.iter().all(|frame| frame.as_ref().map(Utf8Bytes::as_str) == Some(expected.as_str())));
    }

    #[test]
    fn a_visitor_is_online_while_any_of_their_sockets_is_open() {
        let hub = Hub::default();
        let first = hub.visitor_online(7);
        let second = hub.visitor_online(7);
        assert!(hub.any_visitor_online(&[3, 7]));
        drop(first);
        assert!(hub.any_visitor_online(&[7]), "one socket is still open");
        drop(second);
        assert!(!hub.any_visitor_online(&[7]));
        assert!(lock(&hub.inner.visitors).is_empty(), "nothing is kept for visitors who left");
    }

    #[tokio::test]
    async fn room_events_reach_only_that_room() {
        let hub = Hub::default();
        let mut first = hub.join_room(1);
        let mut second = hub.join_room(2);
        hub.publish(HubEvent::Room { conversation_id: 1, event: RoomEvent::VisitorRead });
        assert!(matches!(first.recv().await, Ok(RoomEvent::VisitorRead)));
        assert!(matches!(second.try_recv(), Err(broadcast::error::TryRecvError::Empty)));
    }

    #[tokio::test]
    async fn presence_counts_guards() {
        let hub = Hub::default();
        let mut watch = hub.presence(7);
        let first = hub.agent_online(7, 1);
        let second = hub.agent_online(7, 2);
        let second_tab = hub.agent_online(7, 2);
        assert_eq!(hub.agents_online(7), 2, "agents are counted, not sockets");
        assert_eq!(hub.online_agents(7), [1, 2]);
        drop(first);
        assert_eq!(*watch.borrow_and_update(), 1);
        assert!(hub.offline_since(1).is_some());
        drop(second);
        assert_eq!(hub.agents_online(7), 1, "agent 2 still has a tab open");
        assert_eq!(hub.offline_since(2), None);
        drop(second_tab);
        assert_eq!(hub.agents_online(7), 0);
        assert!(hub.online_agents(7).is_empty());
    }

    #[tokio::test]
    async fn agents_online_on_other_nodes_count_once_until_their_node_stops() {
        let hub = Hub::default();
        let mut watch = hub.presence(7);
        let local = hub.agent_online(7, 1);
        hub.remote_presence("b", 7, vec![1, 2]);
        hub.remote_presence("c", 8, vec![3]);
        assert_eq!(hub.online_agents(7), [1, 2], "agent 1, online on two nodes, counts once");
        assert_eq!(*watch.borrow_and_update(), 2);
        assert_eq!(hub.offline_since(2), None);
        assert_eq!(hub.workspaces_with_agents_online(), [7, 8]);
        hub.remote_snapshot("b", Vec::new());
        assert_eq!(hub.online_agents(7), [1], "a stopping node's agents go offline");
        assert_eq!(*watch.borrow_and_update(), 1);
        assert!(hub.offline_since(2).is_some());
        drop(local);
        assert_eq!(*watch.borrow_and_update(), 0);
        assert_eq!(hub.workspaces_with_agents_online(), [8]);
    }

    #[tokio::test]
    async fn a_node_gone_quiet_stops_counting_and_watchers_are_told() {
        let hub = Hub::default();
        let mut watch = hub.presence(7);
        hub.remote_presence("killed", 7, vec![4]);
        assert_eq!(*watch.borrow_and_update(), 1);
        hub.expire_remote();
        assert_eq!(hub.online_agents(7), [4], "heard from just now");
        hub.expire_remote_after(Duration::ZERO);
        assert!(hub.online_agents(7).is_empty());
        assert!(watch.has_changed().expect("watch"), "sessions are told");
        assert_eq!(*watch.borrow_and_update(), 0);
    }

    #[tokio::test]
    async fn released_rooms_are_forgotten() {
        let hub = Hub::default();
        let receiver = hub.join_room(3);
        drop(receiver);
        hub.release();
        assert!(lock(&hub.inner.rooms).is_empty());
    }
}
