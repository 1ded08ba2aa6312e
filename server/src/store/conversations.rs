//! Conversations: one chat between a visitor and the workspace's agents, with the
//! counters that make sequence numbers and unread badges cheap.

use anyhow::Context;
use protocol::api::{AuthorKind, VisitorIdentity};
use protocol::inbox::ConversationStatus;
use protocol::tickets::Team;
use sqlx::FromRow;

use super::identity::of_same_user;
use super::sql::{Sql, escape_like};
use super::{Backend, Store};

/// A conversation as stored, with what the inbox shows of its visitor.
#[derive(Debug, Clone)]
pub struct ConversationRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub visitor_id: i64,
    /// Highest sequence number handed out; messages are numbered 1..=last_seq.
    pub last_seq: i64,
    pub visitor_read_seq: i64,
    pub agent_read_seq: i64,
    pub preview: String,
    pub last_author: Option<AuthorKind>,
    pub created_at: i64,
    /// When the newest message the visitor can see was written.
    pub updated_at: i64,
    pub status: ConversationStatus,
    pub snoozed_until: Option<i64>,
    pub assignee_id: Option<i64>,
    pub team: Team,
    /// Since when the visitor's newest message waits for an answer.
    pub awaiting_since: Option<i64>,
    /// The visitor's name and email, as the host said or the proof covered.
    pub visitor_name: Option<String>,
    pub visitor_email: Option<String>,
}

#[derive(FromRow)]
pub(super) struct ConversationRow {
    id: i64,
    workspace_id: i64,
    visitor_id: i64,
    last_seq: i64,
    visitor_read_seq: i64,
    agent_read_seq: i64,
    preview: String,
    last_author: Option<String>,
    created_at: i64,
    updated_at: i64,
    status: String,
    snoozed_until: Option<i64>,
    assignee_id: Option<i64>,
    team: String,
    awaiting_since: Option<i64>,
    identity: String,
    verified_name: Option<String>,
    verified_email: Option<String>,
}

impl TryFrom<ConversationRow> for ConversationRecord {
    type Error = anyhow::Error;

    fn try_from(row: ConversationRow) -> anyhow::Result<Self> {
        let claimed: VisitorIdentity = serde_json::from_str(&row.identity).unwrap_or_default();
        Ok(Self {
            id: row.id,
            workspace_id: row.workspace_id,
            visitor_id: row.visitor_id,
            last_seq: row.last_seq,
            visitor_read_seq: row.visitor_read_seq,
            agent_read_seq: row.agent_read_seq,
            preview: row.preview,
            last_author: row.last_author.as_deref().and_then(super::messages::author_from_db),
            created_at: row.created_at,
            updated_at: row.updated_at,
            status: row.status.parse()?,
            snoozed_until: row.snoozed_until,
            assignee_id: row.assignee_id,
            team: row.team.parse()?,
            awaiting_since: row.awaiting_since,
            visitor_name: row.verified_name.or(claimed.name),
            visitor_email: row.verified_email.or(claimed.email),
        })
    }
}

/// The columns a `ConversationRow` reads, from `conversations c JOIN visitors v`.
const CONVERSATION_COLUMNS: &str = "c.id, c.workspace_id, c.visitor_id, c.last_seq, c.visitor_read_seq, \
     c.agent_read_seq, c.preview, c.last_author, c.created_at, c.updated_at, c.status, c.snoozed_until, \
     c.assignee_id, c.team, c.awaiting_since, v.identity, v.verified_name, v.verified_email";

/// The columns of a `ConversationRow` as `UPDATE conversations … RETURNING` gives them:
/// RETURNING cannot join, so the visitor's come from subqueries.
pub(super) const RETURNED_CONVERSATION: &str = "id, workspace_id, visitor_id, last_seq, visitor_read_seq, \
     agent_read_seq, preview, last_author, created_at, updated_at, status, snoozed_until, assignee_id, team, \
     awaiting_since, \
     (SELECT identity FROM visitors WHERE visitors.id = conversations.visitor_id) AS identity, \
     (SELECT verified_name FROM visitors WHERE visitors.id = conversations.visitor_id) AS verified_name, \
     (SELECT verified_email FROM visitors WHERE visitors.id = conversations.visitor_id) AS verified_email";

/// `FROM` for `CONVERSATION_COLUMNS`.
const CONVERSATIONS: &str = "conversations c JOIN visitors v ON v.id = c.visitor_id";

fn records(rows: Vec<ConversationRow>) -> anyhow::Result<Vec<ConversationRecord>> {
    rows.into_iter().map(ConversationRecord::try_from).collect()
}

/// Which conversations an inbox page lists.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter<'a> {
    pub status: Option<ConversationStatus>,
    /// `Some(None)`: unassigned only; `Some(Some(id))`: that agent's only.
    pub assignee: Option<Option<i64>>,
    pub team: Option<Team>,
    /// Matched, case-insensitively, against the visitor's name and email and the
    /// messages' text (notes included: only agents search).
    pub search: Option<&'a str>,
    /// The page after this row: `(updated_at, id)` of the last row of the page before.
    pub before: Option<(i64, i64)>,
}

impl Store {
    pub async fn conversation(&self, id: i64) -> anyhow::Result<Option<ConversationRecord>> {
        let row: Option<ConversationRow> =
            sqlx::query_as(&format!("SELECT {CONVERSATION_COLUMNS} FROM {CONVERSATIONS} WHERE c.id = $1"))
                .bind(id)
                .fetch_optional(self.pool())
                .await
                .context("load conversation")?;
        row.map(TryInto::try_into).transpose()
    }

    /// The visitor's open conversation, if they have one. A visitor verified as a user
    /// continues that user's most recent open conversation, wherever it started.
    pub async fn open_conversation_of(&self, visitor_id: i64) -> anyhow::Result<Option<ConversationRecord>> {
        let row: Option<ConversationRow> = sqlx::query_as(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM {CONVERSATIONS}
             WHERE {} AND c.closed_at IS NULL
             ORDER BY c.updated_at DESC, c.id DESC LIMIT 1",
            of_same_user(self.backend(), "c.visitor_id")
        ))
        .bind(visitor_id)
        .fetch_optional(self.pool())
        .await
        .context("load open conversation")?;
        row.map(TryInto::try_into).transpose()
    }

    /// The visitor's open conversation, created when there is none. Safe against two
    /// tabs racing: the partial unique index lets only one insert win.
    pub async fn open_or_create_conversation(
        &self,
        workspace_id: i64,
        visitor_id: i64,
        now: i64,
    ) -> anyhow::Result<ConversationRecord> {
        if let Some(existing) = self.open_conversation_of(visitor_id).await? {
            return Ok(existing);
        }
        sqlx::query(
            "INSERT INTO conversations (workspace_id, visitor_id, created_at, updated_at)
             VALUES ($1, $2, $3, $3)
             ON CONFLICT (visitor_id) WHERE closed_at IS NULL DO NOTHING",
        )
        .bind(workspace_id)
        .bind(visitor_id)
        .bind(now)
        .execute(self.pool())
        .await
        .context("create conversation")?;
        self.open_conversation_of(visitor_id).await?.context("conversation vanished right after creation")
    }

    /// The workspace's conversations that have messages, most recently active first.
    pub async fn list_conversations(&self, workspace_id: i64, limit: i64) -> anyhow::Result<Vec<ConversationRecord>> {
        self.inbox_page(workspace_id, &InboxFilter::default(), limit).await
    }

    /// One page of the inbox: the conversations with messages that pass `filter`, most
    /// recently active first.
    pub async fn inbox_page(
        &self,
        workspace_id: i64,
        filter: &InboxFilter<'_>,
        limit: i64,
    ) -> anyhow::Result<Vec<ConversationRecord>> {
        let mut sql = Sql::new(format!("SELECT {CONVERSATION_COLUMNS} FROM {CONVERSATIONS} WHERE c.workspace_id = "));
        sql.bind(workspace_id).push(" AND c.last_seq > 0");
        if let Some(status) = filter.status {
            sql.push(" AND c.status = ").bind(status.as_str());
        }
        match filter.assignee {
            Some(Some(agent_id)) => {
                sql.push(" AND c.assignee_id = ").bind(agent_id);
            }
            Some(None) => {
                sql.push(" AND c.assignee_id IS NULL");
            }
            None => {}
        }
        if let Some(team) = filter.team {
            sql.push(" AND c.team = ").bind(team.as_str());
        }
        if let Some(search) = filter.search {
            self.push_search(&mut sql, search);
        }
        if let Some((updated_at, id)) = filter.before {
            sql.push(" AND (c.updated_at < ").bind(updated_at);
            sql.push(" OR (c.updated_at = ").bind(updated_at).push(" AND c.id < ").bind(id).push("))");
        }
        sql.push(" ORDER BY c.updated_at DESC, c.id DESC LIMIT ").bind(limit);
        let mut conn = self.pool().acquire().await.context("connect")?;
        let rows: Vec<ConversationRow> = sql.fetch_all(&mut conn).await.context("list conversations")?;
        records(rows)
    }

    /// Narrows an inbox query to conversations whose visitor's name, email or identity,
    /// or any message's text, contains `search`, ignoring case. Three characters or
    /// more go through the trigram indexes (migration 0019); shorter ones scan.
    fn push_search(&self, sql: &mut Sql, search: &str) {
        sql.plan_each_run();
        let pattern = format!("%{}%", escape_like(&search.to_lowercase()));
        if search.chars().count() < 3 {
            sql.push(" AND (LOWER(v.identity) LIKE ").bind(pattern.as_str()).push(r" ESCAPE '\'");
            sql.push(" OR LOWER(COALESCE(v.verified_email, '')) LIKE ").bind(pattern.as_str()).push(r" ESCAPE '\'");
            sql.push(" OR LOWER(COALESCE(v.verified_name, '')) LIKE ").bind(pattern.as_str()).push(r" ESCAPE '\'");
            sql.push(" OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND LOWER(m.body) LIKE ")
                .bind(pattern)
                .push(r" ESCAPE '\'))");
            return;
        }
        // One `IN` of a union, not an `OR` of two: the database then starts from the few
        // matches instead of testing every conversation in the inbox's order.
        sql.push(" AND c.id IN (");
        match self.backend() {
            Backend::Sqlite => {
                // An FTS5 phrase: the trigram tokenizer matches it as a substring.
                let phrase = format!("\"{}\"", search.replace('"', "\"\""));
                sql.push(
                    "SELECT conversation_id FROM messages WHERE id IN \
                     (SELECT rowid FROM message_search WHERE message_search MATCH ",
                )
                .bind(phrase.as_str());
                sql.push(
                    ") UNION SELECT id FROM conversations WHERE visitor_id IN \
                     (SELECT rowid FROM visitor_search WHERE visitor_search MATCH ",
                )
                .bind(phrase)
                .push("))");
            }
            Backend::Postgres => {
                sql.push("SELECT conversation_id FROM messages WHERE body ILIKE ")
                    .bind(pattern.as_str())
                    .push(r" ESCAPE '\'");
                // The expression of the visitors' trigram index (migration 0019).
                sql.push(
                    " UNION SELECT id FROM conversations WHERE visitor_id IN (SELECT id FROM visitors WHERE \
                     identity || ' ' || COALESCE(verified_email, '') || ' ' || COALESCE(verified_name, '') ILIKE ",
                )
                .bind(pattern)
                .push(r" ESCAPE '\'))");
            }
        }
    }

    /// Moves the visitor's read marker forward (never back, never past the last message).
    pub async fn mark_read_by_visitor(&self, conversation_id: i64, seq: i64) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE conversations
             SET visitor_read_seq = CASE WHEN $1 > last_seq THEN last_seq ELSE $2 END
             WHERE id = $3 AND visitor_read_seq < $4",
        )
        .bind(seq)
        .bind(seq)
        .bind(conversation_id)
        .bind(seq)
        .execute(self.pool())
        .await
        .context("mark read by visitor")?;
        Ok(())
    }

    /// Moves the agents' shared read marker forward.
    pub async fn mark_read_by_agent(&self, conversation_id: i64, seq: i64) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE conversations
             SET agent_read_seq = CASE WHEN $1 > last_seq THEN last_seq ELSE $2 END
             WHERE id = $3 AND agent_read_seq < $4",
        )
        .bind(seq)
        .bind(seq)
        .bind(conversation_id)
        .bind(seq)
        .execute(self.pool())
        .await
        .context("mark read by agent")?;
        Ok(())
    }

    /// Agent messages after the visitor's read marker.
    pub async fn unread_by_visitor(&self, conversation_id: i64) -> anyhow::Result<i64> {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
             WHERE m.conversation_id = $1 AND m.author_kind = 'agent' AND m.internal = 0
               AND m.seq > c.visitor_read_seq",
        )
        .bind(conversation_id)
        .fetch_one(self.pool())
        .await
        .context("count unread")
    }
}
