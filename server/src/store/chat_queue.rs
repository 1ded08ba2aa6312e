//! Who holds each live chat and where it stands: status and assignment changes, each
//! written with its history entry in one transaction, and the queries routing and the
//! queue's timers need.

use anyhow::Context;
use protocol::api::AuthorKind;
use protocol::inbox::{AgentStatus, ConversationChange, ConversationStatus};
use protocol::tickets::Team;
use sqlx::FromRow;

use super::Store;
use super::files::FileMeta;
use super::messages::{DbAuthor, Flag, MessageRow, StoredMessage, insert_row};
use super::sql::Sql;

/// What a change sets. Fields left `None` stay as they are.
#[derive(Debug, Clone, Default)]
pub struct ConversationUpdate {
    /// `Some(None)` unassigns.
    pub assignee: Option<Option<i64>>,
    pub team: Option<Team>,
    /// The new status, with when a snooze ends.
    pub status: Option<(ConversationStatus, Option<i64>)>,
    /// Agents' replies mailed to the visitor, with the mail to queue.
    pub emailed: Option<Emailed>,
    pub guard: Guard,
}

/// Replies mailed to a visitor who was away.
#[derive(Debug, Clone)]
pub struct Emailed {
    /// The replies up to this sequence number went out.
    pub upto_seq: i64,
    pub to: String,
    /// The Message-ID the chat's mail threads under; kept from the first mail.
    pub thread_id: String,
    pub mail: super::NewOutgoing,
}

/// What must still hold when the change is written; otherwise nothing is written (the
/// conversation changed since it was looked at).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Guard {
    #[default]
    Nothing,
    /// Open and unassigned: routing's condition.
    OpenUnassigned,
    /// Open and still assigned to this agent.
    OpenAssignedTo(i64),
    /// Not open: a visitor's message reopens it.
    NotOpen,
    /// Snoozed until this time or earlier.
    SnoozeDue(i64),
    /// No replies were mailed or passed over since this sequence number was read.
    EmailedSeq(i64),
}

/// An agent as routing and the console's agent list see them.
#[derive(Debug, Clone, FromRow)]
pub struct AgentRouting {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub status: String,
    pub capacity: i64,
    pub open_chats: i64,
    pub deactivated_at: Option<i64>,
}

/// A conversation routing or the timers act on.
#[derive(Debug, Clone, FromRow)]
pub struct QueuedConversation {
    pub id: i64,
    pub workspace_id: i64,
    pub team_name: String,
}

impl QueuedConversation {
    pub fn team(&self) -> Team {
        self.team_name.parse().unwrap_or(Team::FirstLine)
    }
}

/// A chat whose visitor has waited long for an answer.
#[derive(Debug, Clone)]
pub struct UnansweredChat {
    pub id: i64,
    pub workspace_id: i64,
    pub visitor_id: i64,
    pub awaiting_since: i64,
    pub preview: String,
    pub visitor_name: Option<String>,
}

/// `(id, workspace_id, visitor_id, awaiting_since, preview, identity, verified_name)`.
type UnansweredRow = (i64, i64, i64, i64, String, String, Option<String>);

impl Store {
    /// Open chats waiting for an answer since `waiting_since` or earlier that nobody was
    /// mailed about during this wait.
    pub async fn unanswered_chats(&self, waiting_since: i64, limit: i64) -> anyhow::Result<Vec<UnansweredChat>> {
        let rows: Vec<UnansweredRow> = sqlx::query_as(
            "SELECT c.id, c.workspace_id, c.visitor_id, c.awaiting_since, c.preview, v.identity, v.verified_name
             FROM conversations c JOIN visitors v ON v.id = c.visitor_id
             WHERE c.status = 'open' AND c.unanswered_alerted_at IS NULL AND c.awaiting_since <= $1
             ORDER BY c.awaiting_since, c.id LIMIT $2",
        )
        .bind(waiting_since)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list unanswered chats")?;
        Ok(rows
            .into_iter()
            .map(|(id, workspace_id, visitor_id, awaiting_since, preview, identity, verified_name)| {
                let claimed: protocol::api::VisitorIdentity = serde_json::from_str(&identity).unwrap_or_default();
                UnansweredChat {
                    id,
                    workspace_id,
                    visitor_id,
                    awaiting_since,
                    preview,
                    visitor_name: verified_name.or(claimed.name),
                }
            })
            .collect())
    }

    /// Marks the chat's current wait as mailed about and queues `mails`, in one
    /// transaction. False (and nothing queued) when the wait ended or was already
    /// mailed about.
    pub async fn record_unanswered_alert(
        &self,
        conversation_id: i64,
        awaiting_since: i64,
        mails: &[super::NewOutgoing],
        now: i64,
    ) -> anyhow::Result<bool> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let marked = sqlx::query(
            "UPDATE conversations SET unanswered_alerted_at = $1
             WHERE id = $2 AND awaiting_since = $3 AND unanswered_alerted_at IS NULL",
        )
        .bind(now)
        .bind(conversation_id)
        .bind(awaiting_since)
        .execute(&mut *tx)
        .await
        .context("mark unanswered alert")?
        .rows_affected()
            == 1;
        if !marked {
            return Ok(false);
        }
        for mail in mails {
            super::enqueue_mail(&mut tx, mail, now).await?;
        }
        tx.commit().await.context("commit unanswered alert")?;
        Ok(true)
    }

    /// Applies a change and records it as an internal history entry, in one
    /// transaction. `None` when the guard no longer holds: nothing was written.
    pub async fn change_conversation(
        &self,
        conversation_id: i64,
        update: &ConversationUpdate,
        change: &ConversationChange,
        now: i64,
    ) -> anyhow::Result<Option<StoredMessage>> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let mut sql = Sql::new("UPDATE conversations SET last_seq = last_seq + 1");
        if let Some(assignee) = update.assignee {
            sql.push(", assignee_id = ").bind(assignee);
        }
        if let Some(team) = update.team {
            sql.push(", team = ").bind(team.as_str());
        }
        if let Some((status, snoozed_until)) = update.status {
            sql.push(", status = ").bind(status.as_str());
            sql.push(", snoozed_until = ").bind(snoozed_until);
            if status == ConversationStatus::Resolved {
                sql.push(", resolved_at = ").bind(now);
            }
        }
        if let Some(emailed) = &update.emailed {
            sql.push(", emailed_seq = ").bind(emailed.upto_seq);
            sql.push(", emailed_to = ").bind(emailed.to.as_str());
            sql.push(", mail_thread_id = COALESCE(mail_thread_id, ").bind(emailed.thread_id.as_str()).push(")");
        }
        sql.push(" WHERE id = ").bind(conversation_id);
        match update.guard {
            Guard::Nothing => {}
            Guard::OpenUnassigned => {
                sql.push(" AND status = 'open' AND assignee_id IS NULL");
            }
            Guard::OpenAssignedTo(agent_id) => {
                sql.push(" AND status = 'open' AND assignee_id = ").bind(agent_id);
            }
            Guard::NotOpen => {
                sql.push(" AND status <> 'open'");
            }
            Guard::SnoozeDue(at) => {
                sql.push(" AND status = 'snoozed' AND snoozed_until <= ").bind(at);
            }
            Guard::EmailedSeq(seq) => {
                sql.push(" AND emailed_seq = ").bind(seq);
            }
        }
        sql.push(" RETURNING last_seq");
        let seq: Option<i64> = sql.fetch_optional_scalar(&mut tx).await.context("change conversation")?;
        let Some(seq) = seq else {
            return Ok(None);
        };
        let change_json = serde_json::to_string(change).context("change as JSON")?;
        let client_id = format!("change-{conversation_id}-{seq}");
        let row = MessageRow {
            conversation_id,
            seq,
            author_kind: AuthorKind::System,
            author_id: None,
            author_name: crate::chat::announce::SYSTEM_AUTHOR,
            body: "",
            client_id: &client_id,
            internal: true,
            change: Some(&change_json),
        };
        let id = insert_row(&mut tx, &row, now).await.context("record change")?;
        if let Some(emailed) = &update.emailed {
            super::enqueue_mail(&mut tx, &emailed.mail, now).await?;
        }
        tx.commit().await.context("commit change")?;
        Ok(Some(StoredMessage {
            id,
            conversation_id,
            seq,
            author_kind: DbAuthor(AuthorKind::System),
            author_id: None,
            author_name: crate::chat::announce::SYSTEM_AUTHOR.to_owned(),
            body: String::new(),
            client_id,
            created_at: now,
            internal: Flag(true),
            change: Some(change_json),
            files: Vec::<FileMeta>::new(),
        }))
    }

    /// The next agent routing gives a chat of `team` to: among `online` agents of the
    /// workspace who are available, active, in the team and below their capacity, the
    /// one routed to longest ago.
    pub async fn routing_candidate(
        &self,
        workspace_id: i64,
        team: Team,
        online: &[i64],
    ) -> anyhow::Result<Option<i64>> {
        if online.is_empty() {
            return Ok(None);
        }
        let mut sql = Sql::new("SELECT a.id FROM agents a JOIN agent_teams t ON t.agent_id = a.id AND t.team = ");
        sql.bind(team.as_str());
        sql.push(" WHERE a.workspace_id = ").bind(workspace_id);
        sql.push(" AND a.deactivated_at IS NULL AND a.status = 'online' AND a.id IN (").bind_list(online);
        sql.push(
            ") AND a.capacity > (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status = 'open')
             ORDER BY COALESCE(a.last_routed_at, 0), a.id LIMIT 1",
        );
        let mut conn = self.pool().acquire().await.context("connect")?;
        sql.fetch_optional_scalar(&mut conn).await.context("find routing candidate")
    }

    /// Remembers that routing just gave the agent a chat.
    pub async fn mark_routed(&self, agent_id: i64, now: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE agents SET last_routed_at = $1 WHERE id = $2")
            .bind(now)
            .bind(agent_id)
            .execute(self.pool())
            .await
            .context("mark routed")?;
        Ok(())
    }

    /// Open, unassigned chats of the workspace waiting for an answer, longest waiting
    /// first.
    pub async fn queued_conversations(&self, workspace_id: i64, limit: i64) -> anyhow::Result<Vec<QueuedConversation>> {
        sqlx::query_as(
            "SELECT id, workspace_id, team AS team_name FROM conversations
             WHERE workspace_id = $1 AND status = 'open' AND assignee_id IS NULL AND awaiting_since IS NOT NULL
             ORDER BY awaiting_since, id LIMIT $2",
        )
        .bind(workspace_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list queued conversations")
    }

    /// Agents who hold open chats.
    pub async fn assignees_of_open_chats(&self) -> anyhow::Result<Vec<i64>> {
        sqlx::query_scalar(
            "SELECT DISTINCT assignee_id FROM conversations WHERE status = 'open' AND assignee_id IS NOT NULL",
        )
        .fetch_all(self.pool())
        .await
        .context("list assignees")
    }

    /// The open chats an agent holds.
    pub async fn open_chats_of(&self, agent_id: i64, limit: i64) -> anyhow::Result<Vec<QueuedConversation>> {
        sqlx::query_as(
            "SELECT id, workspace_id, team AS team_name FROM conversations
             WHERE assignee_id = $1 AND status = 'open' ORDER BY id LIMIT $2",
        )
        .bind(agent_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list an agent's chats")
    }

    /// Snoozed chats whose time has come.
    pub async fn snoozes_due(&self, now: i64, limit: i64) -> anyhow::Result<Vec<QueuedConversation>> {
        sqlx::query_as(
            "SELECT id, workspace_id, team AS team_name FROM conversations
             WHERE status = 'snoozed' AND snoozed_until <= $1 ORDER BY snoozed_until, id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list due snoozes")
    }

    /// Every agent of the workspace with what routing knows of them, by name.
    pub async fn agents_routing(&self, workspace_id: i64) -> anyhow::Result<Vec<(AgentRouting, Vec<Team>)>> {
        let agents: Vec<AgentRouting> = sqlx::query_as(
            "SELECT a.id, a.name, a.email, a.role, a.status, a.capacity, a.deactivated_at,
                    (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status = 'open') AS open_chats
             FROM agents a WHERE a.workspace_id = $1 ORDER BY a.name, a.id",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await
        .context("list agents for routing")?;
        let memberships: Vec<(i64, String)> = sqlx::query_as(
            "SELECT t.agent_id, t.team FROM agent_teams t JOIN agents a ON a.id = t.agent_id
             WHERE a.workspace_id = $1 ORDER BY t.agent_id, t.team",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await
        .context("list team memberships")?;
        Ok(agents
            .into_iter()
            .map(|agent| {
                let teams = memberships
                    .iter()
                    .filter(|(agent_id, _)| *agent_id == agent.id)
                    .filter_map(|(_, team)| team.parse().ok())
                    .collect();
                (agent, teams)
            })
            .collect())
    }

    /// Sets an agent's availability.
    pub async fn set_agent_status(&self, agent_id: i64, status: AgentStatus) -> anyhow::Result<()> {
        sqlx::query("UPDATE agents SET status = $1 WHERE id = $2")
            .bind(status.as_str())
            .bind(agent_id)
            .execute(self.pool())
            .await
            .context("set agent status")?;
        Ok(())
    }

    /// Sets what routing needs of an agent; `None` leaves a field as it is.
    pub async fn set_agent_routing(
        &self,
        agent_id: i64,
        capacity: Option<u32>,
        teams: Option<&[Team]>,
    ) -> anyhow::Result<()> {
        let mut tx = self.pool().begin().await.context("begin")?;
        if let Some(capacity) = capacity {
            sqlx::query("UPDATE agents SET capacity = $1 WHERE id = $2")
                .bind(i64::from(capacity))
                .bind(agent_id)
                .execute(&mut *tx)
                .await
                .context("set capacity")?;
        }
        if let Some(teams) = teams {
            sqlx::query("DELETE FROM agent_teams WHERE agent_id = $1")
                .bind(agent_id)
                .execute(&mut *tx)
                .await
                .context("clear teams")?;
            for team in teams {
                sqlx::query("INSERT INTO agent_teams (agent_id, team) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(agent_id)
                    .bind(team.as_str())
                    .execute(&mut *tx)
                    .await
                    .context("add team")?;
            }
        }
        tx.commit().await.context("commit agent routing")?;
        Ok(())
    }
}
