//! The chat queue: who holds each live chat and where it stands.
//!
//! Every change (assignment, transfer, status) is written with an internal history
//! entry in one transaction, then published like a message: the entry to the
//! conversation's agents, the new state to the workspace's inbox. `routing.rs` gives
//! waiting chats to available agents; `timers.rs` wakes snoozed chats and returns the
//! chats of assignees who stayed offline; `alerts.rs` mails about chats waiting too long;
//! `away.rs` mails replies to visitors who left and takes their mailed answers in.

mod alerts;
mod away;
mod routing;
mod timers;

use std::sync::Arc;

use protocol::inbox::{AssignReason, ConversationChange, ConversationStatus};
use protocol::tickets::Team;

pub use alerts::QueueMail;
pub use away::MailedAnswer;
pub use timers::QueueTimers;

use super::Hub;
use super::announce::publish_message;
use crate::clock::Clock;
use crate::store::{ConversationRecord, ConversationUpdate, Guard, Store};

/// Routing and timing settings, from `[chat]`.
#[derive(Debug, Clone, Copy)]
pub struct QueueSettings {
    pub routing: bool,
    pub offline_grace_ms: i64,
    /// `[chat] max_body_chars`: a mailed answer longer than this is split.
    pub max_body_chars: usize,
    /// `[limits] files_per_message`: a mailed answer's files are spread over messages.
    pub files_per_message: usize,
}

/// Changes the ownership and state of chats. Cheap to clone.
#[derive(Clone)]
pub struct ChatQueue {
    store: Store,
    hub: Hub,
    clock: Clock,
    settings: QueueSettings,
    /// Routing decisions are taken one at a time on a node, so two chats routed at once
    /// cannot both take an agent's last free place.
    routing: Arc<tokio::sync::Mutex<()>>,
    /// Mail about chats waiting too long and to visitors who left; none in a queue
    /// built without a mailer.
    mail: Option<QueueMail>,
}

impl std::fmt::Debug for ChatQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatQueue").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl ChatQueue {
    pub fn new(store: Store, hub: Hub, clock: Clock, settings: QueueSettings) -> Self {
        Self { store, hub, clock, settings, routing: Arc::default(), mail: None }
    }

    /// The queue, mailing agents about chats waiting too long and visitors who left.
    pub fn with_mail(self, mail: QueueMail) -> Self {
        Self { mail: Some(mail), ..self }
    }

    /// Writes a change with its history entry, then publishes both. `None` when the
    /// guard no longer held and nothing changed.
    async fn apply(
        &self,
        conversation_id: i64,
        update: &ConversationUpdate,
        change: &ConversationChange,
    ) -> anyhow::Result<Option<ConversationRecord>> {
        let now = self.clock.now();
        match self.store.change_conversation(conversation_id, update, change, now).await? {
            Some(entry) => Ok(Some(publish_message(&self.store, &self.hub, entry).await?)),
            None => Ok(None),
        }
    }

    /// An agent gives the chat to `assignee` (or to nobody) in `team`. Assigning it to
    /// its current holder and team changes nothing and records nothing.
    pub async fn assign(
        &self,
        conversation: &ConversationRecord,
        by: i64,
        assignee: Option<i64>,
        team: Team,
    ) -> anyhow::Result<ConversationRecord> {
        if conversation.assignee_id == assignee && conversation.team == team {
            return Ok(conversation.clone());
        }
        let update = ConversationUpdate { assignee: Some(assignee), team: Some(team), ..Default::default() };
        let change =
            ConversationChange::Assigned { assignee_id: assignee, team, by: Some(by), reason: AssignReason::Manual };
        let changed = self.apply(conversation.id, &update, &change).await?.unwrap_or_else(|| conversation.clone());
        // A chat left in a queue, or a previous holder's freed place, may route now.
        self.route_waiting(conversation.workspace_id).await?;
        Ok(self.store.conversation(conversation.id).await?.unwrap_or(changed))
    }

    /// An agent opens, snoozes or resolves the chat.
    pub async fn set_status(
        &self,
        conversation: &ConversationRecord,
        by: i64,
        status: ConversationStatus,
        snoozed_until: Option<i64>,
    ) -> anyhow::Result<ConversationRecord> {
        if conversation.status == status && conversation.snoozed_until == snoozed_until {
            return Ok(conversation.clone());
        }
        let update = ConversationUpdate { status: Some((status, snoozed_until)), ..Default::default() };
        let change = ConversationChange::Status { status, snoozed_until, by: Some(by) };
        let changed = self.apply(conversation.id, &update, &change).await?.unwrap_or_else(|| conversation.clone());
        if status != ConversationStatus::Open {
            // The holder has a place free again.
            self.route_waiting(conversation.workspace_id).await?;
        }
        Ok(changed)
    }

    /// After a visitor's message (`conversation` as the message left it): a snoozed or
    /// resolved chat opens again, and a chat nobody holds is routed when it starts to
    /// wait. One already waiting is routed by the queue's own passes, as agents come
    /// online or have a place free, and not again with each message its visitor adds.
    pub async fn visitor_wrote(&self, conversation: &ConversationRecord) -> anyhow::Result<()> {
        let mut conversation = conversation.clone();
        let waiting_before = conversation.awaiting_since.is_some_and(|since| since < conversation.updated_at);
        let mut reopened = false;
        if conversation.status != ConversationStatus::Open {
            let update = ConversationUpdate {
                status: Some((ConversationStatus::Open, None)),
                guard: Guard::NotOpen,
                ..Default::default()
            };
            let change = ConversationChange::Status { status: ConversationStatus::Open, snoozed_until: None, by: None };
            if let Some(changed) = self.apply(conversation.id, &update, &change).await? {
                conversation = changed;
                reopened = true;
            }
        }
        let starts_waiting = reopened || !waiting_before;
        if starts_waiting && conversation.assignee_id.is_none() && conversation.status == ConversationStatus::Open {
            self.route(conversation.id, conversation.workspace_id, conversation.team).await?;
        }
        Ok(())
    }

    /// Takes an agent's open chats back to their teams' queues, and routes them.
    pub async fn release(&self, agent_id: i64, reason: AssignReason) -> anyhow::Result<usize> {
        let mut released = 0;
        let mut workspaces = Vec::new();
        for chat in self.store.open_chats_of(agent_id, timers::BATCH).await? {
            let team = chat.team();
            let update = ConversationUpdate {
                assignee: Some(None),
                guard: Guard::OpenAssignedTo(agent_id),
                ..Default::default()
            };
            let change = ConversationChange::Assigned { assignee_id: None, team, by: None, reason };
            if self.apply(chat.id, &update, &change).await?.is_some() {
                released += 1;
                if !workspaces.contains(&chat.workspace_id) {
                    workspaces.push(chat.workspace_id);
                }
            }
        }
        for workspace_id in workspaces {
            self.route_waiting(workspace_id).await?;
        }
        Ok(released)
    }
}
