//! The hub: in-memory fan-out of events that are already stored.
//!
//! Invariant: nothing is published before it is committed. Channels are a cache of
//! "what happened since"; a receiver that lags or misses an event resyncs from the
//! database, so a dropped event delays delivery but never loses it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use protocol::access::AccessBrief;
use protocol::api::AuthorKind;
use tokio::sync::{broadcast, watch};

use super::transport::{LocalOnly, Transport};
use crate::clock::Clock;
use crate::store::{ConversationRecord, StoredMessage};

/// Events of one conversation.
#[derive(Debug, Clone)]
pub enum RoomEvent {
    /// A committed message.
    Message(Arc<StoredMessage>),
    /// Someone started or stopped typing. `session` lets the typist skip its own echo.
    Typing { author: AuthorKind, name: Option<String>, is_typing: bool, session: u64 },
    /// The visitor's read marker moved, so their unread count changed.
    VisitorRead,
}

/// Events for the agents of one workspace.
#[derive(Debug, Clone)]
pub enum InboxEvent {
    /// A conversation was created or changed.
    Conversation(Arc<ConversationRecord>),
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
        lock(&self.inner.presence).entry(workspace_id).or_insert_with(|| watch::channel(0).0).subscribe()
    }

    /// Counts an agent's socket as online until the returned guard is dropped.
    pub fn agent_online(&self, workspace_id: i64, agent_id: i64) -> PresenceGuard {
        let sender = lock(&self.inner.presence).entry(workspace_id).or_insert_with(|| watch::channel(0).0).clone();
        let first = {
            let mut agents = lock(&self.inner.agents);
            let sockets = agents.entry(agent_id).or_insert(AgentSockets { workspace_id, open: 0, offline_since: 0 });
            sockets.open += 1;
            sockets.open == 1
        };
        // The workspace counts agents, not sockets: a second tab changes nothing.
        if first {
            sender.send_modify(|count| *count += 1);
        }
        PresenceGuard { sender, agent_id, inner: Arc::clone(&self.inner) }
    }

    /// The agents of a workspace with a socket open on this node.
    pub fn online_agents(&self, workspace_id: i64) -> Vec<i64> {
        let agents = lock(&self.inner.agents);
        let mut online: Vec<i64> = agents
            .iter()
            .filter(|(_, sockets)| sockets.workspace_id == workspace_id && sockets.open > 0)
            .map(|(id, _)| *id)
            .collect();
        online.sort_unstable();
        online
    }

    /// Workspaces with an agent connected to this node.
    pub fn workspaces_with_agents_online(&self) -> Vec<i64> {
        let agents = lock(&self.inner.agents);
        let mut workspaces: Vec<i64> =
            agents.values().filter(|sockets| sockets.open > 0).map(|sockets| sockets.workspace_id).collect();
        workspaces.sort_unstable();
        workspaces.dedup();
        workspaces
    }

    /// Since when the agent has had no socket open: `None` while they have one. An agent
    /// not seen since this node started counts from the start.
    pub fn offline_since(&self, agent_id: i64) -> Option<i64> {
        match lock(&self.inner.agents).get(&agent_id) {
            Some(sockets) if sockets.open > 0 => None,
            Some(sockets) => Some(sockets.offline_since),
            None => Some(self.inner.started_at),
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

    /// Agents online in a workspace right now.
    pub fn agents_online(&self, workspace_id: i64) -> u32 {
        lock(&self.inner.presence).get(&workspace_id).map_or(0, |sender| *sender.borrow())
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
    sender: watch::Sender<u32>,
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
        let last = {
            let mut agents = lock(&self.inner.agents);
            match agents.get_mut(&self.agent_id) {
                Some(sockets) => {
                    sockets.open = sockets.open.saturating_sub(1);
                    if sockets.open == 0 {
                        sockets.offline_since = self.inner.clock.now();
                    }
                    sockets.open == 0
                }
                None => false,
            }
        };
        if last {
            self.sender.send_modify(|count| *count = count.saturating_sub(1));
        }
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
    async fn released_rooms_are_forgotten() {
        let hub = Hub::default();
        let receiver = hub.join_room(3);
        drop(receiver);
        hub.release();
        assert!(lock(&hub.inner.rooms).is_empty());
    }
}
