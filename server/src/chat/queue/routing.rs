//! Routing: a waiting chat goes to the available agent of its team who was given one
//! longest ago (round-robin), as long as they hold fewer open chats than their
//! capacity. Available means connected, `online` and not deactivated.

use protocol::inbox::{AssignReason, ConversationChange};
use protocol::tickets::Team;

use super::ChatQueue;
use crate::store::{ConversationUpdate, Guard};

/// Waiting chats looked at per pass over a workspace's queue.
const QUEUE_PAGE: i64 = 100;

impl ChatQueue {
    /// Gives one chat to the next available agent of its team. Returns whether it was
    /// assigned; a chat nobody can take stays in the queue.
    pub(super) async fn route(&self, conversation_id: i64, workspace_id: i64, team: Team) -> anyhow::Result<bool> {
        if !self.settings.routing {
            return Ok(false);
        }
        // Asked first without the lock: when the team has nobody free, as under a rush
        // of new chats, the chat waits in the queue without queueing behind every other
        // routing. A place that frees meanwhile routes the queue, this chat included.
        let online = self.hub.online_agents(workspace_id);
        if self.store.routing_candidate(workspace_id, team, &online).await?.is_none() {
            return Ok(false);
        }
        let _one_at_a_time = self.routing.lock().await;
        let online = self.hub.online_agents(workspace_id);
        let Some(agent_id) = self.store.routing_candidate(workspace_id, team, &online).await? else {
            return Ok(false);
        };
        let update =
            ConversationUpdate { assignee: Some(Some(agent_id)), guard: Guard::OpenUnassigned, ..Default::default() };
        let change =
            ConversationChange::Assigned { assignee_id: Some(agent_id), team, by: None, reason: AssignReason::Routed };
        let assigned = self.apply(conversation_id, &update, &change).await?.is_some();
        if assigned {
            self.store.mark_routed(agent_id, self.clock.now()).await?;
        }
        Ok(assigned)
    }

    /// Routes the workspace's waiting chats, longest waiting first, while agents can
    /// take them. Called when an agent comes online or has a place free.
    pub async fn route_waiting(&self, workspace_id: i64) -> anyhow::Result<usize> {
        if !self.settings.routing || self.hub.online_agents(workspace_id).is_empty() {
            return Ok(0);
        }
        let mut routed = 0;
        let mut full_teams: Vec<Team> = Vec::new();
        for chat in self.store.queued_conversations(workspace_id, QUEUE_PAGE).await? {
            let team = chat.team();
            if full_teams.contains(&team) {
                continue;
            }
            if self.route(chat.id, workspace_id, team).await? {
                routed += 1;
            } else {
                full_teams.push(team);
            }
        }
        Ok(routed)
    }
}
