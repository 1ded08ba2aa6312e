//! The queue's timers: snoozed chats reopen when their time comes, and the open chats
//! of an assignee who stayed offline past the grace period (or was deactivated) go
//! back to the queue and are routed again, chats waiting too long are mailed about, and
//! replies are mailed to visitors who left. Driven by the server's clock, so tests move
//! time instead of waiting for it.

use std::time::Duration;

use protocol::inbox::{AssignReason, ConversationChange, ConversationStatus};

use super::ChatQueue;
use crate::shutdown::Shutdown;
use crate::store::{ConversationUpdate, Guard};

/// Chats handled per kind and pass.
pub(super) const BATCH: i64 = 100;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueTimers {
    /// Snoozed chats opened again.
    pub woken: usize,
    /// Chats taken from assignees who are offline or deactivated.
    pub released: usize,
    /// Waiting chats given to agents.
    pub routed: usize,
    /// Chats whose long wait was mailed about.
    pub alerted: usize,
    /// Mails of replies to visitors who left.
    pub emailed: usize,
}

impl ChatQueue {
    /// Does what is due now.
    pub async fn run_timers(&self) -> anyhow::Result<QueueTimers> {
        let now = self.clock.now();
        let mut done = QueueTimers::default();
        let mut workspaces = Vec::new();
        for chat in self.store.snoozes_due(now, BATCH).await? {
            let update = ConversationUpdate {
                status: Some((ConversationStatus::Open, None)),
                guard: Guard::SnoozeDue(now),
                ..Default::default()
            };
            let change = ConversationChange::Status { status: ConversationStatus::Open, snoozed_until: None, by: None };
            if self.apply(chat.id, &update, &change).await?.is_some() {
                done.woken += 1;
                workspaces.push(chat.workspace_id);
            }
        }
        for agent_id in self.store.assignees_of_open_chats().await? {
            let deactivated = self.store.agent(agent_id).await?.is_none_or(|agent| agent.deactivated_at.is_some());
            let reason = if deactivated {
                AssignReason::AssigneeDeactivated
            } else {
                match self.hub.offline_since(agent_id) {
                    Some(since) if now.saturating_sub(since) >= self.settings.offline_grace_ms => {
                        AssignReason::AssigneeOffline
                    }
                    _ => continue,
                }
            };
            done.released += self.release(agent_id, reason).await?;
        }
        workspaces.extend(self.hub.workspaces_with_agents_online());
        workspaces.sort_unstable();
        workspaces.dedup();
        for workspace_id in workspaces {
            done.routed += self.route_waiting(workspace_id).await?;
        }
        done.alerted = self.alert_unanswered(now).await?;
        done.emailed = self.mail_away_visitors(now).await?;
        Ok(done)
    }

    /// Runs the timers every `every` until shutdown. A failed pass is logged and the
    /// next one tries again: the database says what is due.
    pub async fn run_timers_until_stopped(self, every: Duration, mut shutdown: Shutdown) {
        loop {
            if let Err(error) = self.run_timers().await {
                tracing::error!(error = format!("{error:#}"), "chat queue timers failed");
            }
            tokio::select! {
                () = shutdown.recv() => break,
                () = tokio::time::sleep(every) => {}
            }
        }
    }
}
