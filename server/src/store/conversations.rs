//! Conversations: one chat between a visitor and the workspace's agents, with the
//! counters that make sequence numbers and unread badges cheap.

use anyhow::Context;
use protocol::api::AuthorKind;
use sqlx::FromRow;

use super::Store;
use super::identity::SAME_USER_VISITORS;

/// A conversation as stored.
#[derive(Debug, Clone)]
pub struct ConversationRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub visitor_id: i64,
    /// Highest sequence number handed out; messages are numbered 1..=last_seq.
    pub last_seq: i64,
    pub visitor_read_seq: i64,
    pub preview: String,
    pub last_author: Option<AuthorKind>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(FromRow)]
struct ConversationRow {
    id: i64,
    workspace_id: i64,
    visitor_id: i64,
    last_seq: i64,
    visitor_read_seq: i64,
    preview: String,
    last_author: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl From<ConversationRow> for ConversationRecord {
    fn from(row: ConversationRow) -> Self {
        Self {
            id: row.id,
            workspace_id: row.workspace_id,
            visitor_id: row.visitor_id,
            last_seq: row.last_seq,
            visitor_read_seq: row.visitor_read_seq,
            preview: row.preview,
            last_author: row.last_author.as_deref().and_then(super::messages::author_from_db),
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

const CONVERSATION_COLUMNS: &str =
    "id, workspace_id, visitor_id, last_seq, visitor_read_seq, preview, last_author, created_at, updated_at";

impl Store {
    pub async fn conversation(&self, id: i64) -> anyhow::Result<Option<ConversationRecord>> {
        let row: Option<ConversationRow> =
            sqlx::query_as(&format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = $1"))
                .bind(id)
                .fetch_optional(self.pool())
                .await
                .context("load conversation")?;
        Ok(row.map(Into::into))
    }

    /// The visitor's open conversation, if they have one. A visitor verified as a user
    /// continues that user's most recent open conversation, wherever it started.
    pub async fn open_conversation_of(&self, visitor_id: i64) -> anyhow::Result<Option<ConversationRecord>> {
        let row: Option<ConversationRow> = sqlx::query_as(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations
             WHERE visitor_id IN ({SAME_USER_VISITORS}) AND closed_at IS NULL
             ORDER BY updated_at DESC, id DESC LIMIT 1"
        ))
        .bind(visitor_id)
        .fetch_optional(self.pool())
        .await
        .context("load open conversation")?;
        Ok(row.map(Into::into))
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
        let rows: Vec<ConversationRow> = sqlx::query_as(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations
             WHERE workspace_id = $1 AND last_seq > 0
             ORDER BY updated_at DESC, id DESC LIMIT $2"
        ))
        .bind(workspace_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list conversations")?;
        Ok(rows.into_iter().map(Into::into).collect())
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
             WHERE m.conversation_id = $1 AND m.author_kind = 'agent' AND m.seq > c.visitor_read_seq",
        )
        .bind(conversation_id)
        .fetch_one(self.pool())
        .await
        .context("count unread")
    }
}
