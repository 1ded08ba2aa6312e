//! Agents' replies a visitor missed: the chats whose newest public message is an
//! agent's, not yet read by the visitor nor mailed to them, with what deciding and
//! writing the mail needs. The mail itself is recorded with the chat's history entry by
//! [`Store::change_conversation`] (its `emailed` part).

use anyhow::Context;
use protocol::api::VisitorIdentity;

use super::Store;
use super::identity::SAME_USER_VISITORS;

/// A chat with agents' replies its visitor has neither read nor been mailed.
#[derive(Debug, Clone)]
pub struct AwayChat {
    pub id: i64,
    pub workspace_id: i64,
    pub visitor_id: i64,
    pub last_seq: i64,
    /// Replies up to this sequence number were mailed (or passed over).
    pub emailed_seq: i64,
    pub visitor_read_seq: i64,
    /// When the newest public message, an agent's, was written.
    pub updated_at: i64,
    /// When any visitor of the same person was last connected.
    pub last_seen: i64,
    /// The host user the visitor is verified as, whose other devices count as theirs.
    pub verified_user_id: Option<String>,
    /// Where replies go: the verified address, else the one the visitor gave, else the
    /// one the host application said.
    pub email: Option<String>,
    pub visitor_name: Option<String>,
    /// The Message-ID of the chat's first mail, which later ones thread under.
    pub mail_thread_id: Option<String>,
    /// The language the visitor's messenger last reported, if any.
    pub locale: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AwayRow {
    id: i64,
    workspace_id: i64,
    visitor_id: i64,
    last_seq: i64,
    emailed_seq: i64,
    visitor_read_seq: i64,
    updated_at: i64,
    last_seen: i64,
    verified_user_id: Option<String>,
    verified_email: Option<String>,
    given_email: Option<String>,
    identity: String,
    verified_name: Option<String>,
    mail_thread_id: Option<String>,
    locale: Option<String>,
}

impl From<AwayRow> for AwayChat {
    fn from(row: AwayRow) -> Self {
        let claimed: VisitorIdentity = serde_json::from_str(&row.identity).unwrap_or_default();
        Self {
            id: row.id,
            workspace_id: row.workspace_id,
            visitor_id: row.visitor_id,
            last_seq: row.last_seq,
            emailed_seq: row.emailed_seq,
            visitor_read_seq: row.visitor_read_seq,
            updated_at: row.updated_at,
            last_seen: row.last_seen,
            verified_user_id: row.verified_user_id,
            email: row.verified_email.or(row.given_email).or(claimed.email),
            visitor_name: row.verified_name.or(claimed.name),
            mail_thread_id: row.mail_thread_id,
            locale: row.locale,
        }
    }
}

impl Store {
    /// Chats whose newest public message is an agent's, written in `(since, quiet_before]`,
    /// with replies the visitor has neither read nor been mailed; after the `(updated_at,
    /// id)` cursor, oldest first.
    pub async fn chats_with_unseen_replies(
        &self,
        since: i64,
        quiet_before: i64,
        after: (i64, i64),
        limit: i64,
    ) -> anyhow::Result<Vec<AwayChat>> {
        let rows: Vec<AwayRow> = sqlx::query_as(
            "SELECT c.id, c.workspace_id, c.visitor_id, c.last_seq, c.emailed_seq, c.visitor_read_seq, c.updated_at,
                    (SELECT MAX(o.last_seen) FROM visitors o
                      WHERE o.id = v.id OR (o.workspace_id = v.workspace_id AND o.verified_user_id = v.verified_user_id))
                      AS last_seen,
                    v.verified_user_id, v.verified_email, v.given_email, v.identity, v.verified_name, c.mail_thread_id,
                    v.locale
             FROM conversations c JOIN visitors v ON v.id = c.visitor_id
             WHERE c.last_author = 'agent' AND c.updated_at > $1 AND c.updated_at <= $2
               AND c.last_seq > c.emailed_seq AND c.last_seq > c.visitor_read_seq
               AND (c.updated_at > $3 OR (c.updated_at = $3 AND c.id > $4))
             ORDER BY c.updated_at, c.id LIMIT $5",
        )
        .bind(since)
        .bind(quiet_before)
        .bind(after.0)
        .bind(after.1)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list chats with unseen replies")?;
        Ok(rows.into_iter().map(AwayChat::from).collect())
    }

    /// The visitor and every visitor verified as the same user: one person's devices.
    pub async fn visitors_of_same_person(&self, visitor_id: i64) -> anyhow::Result<Vec<i64>> {
        sqlx::query_scalar(SAME_USER_VISITORS)
            .bind(visitor_id)
            .fetch_all(self.pool())
            .await
            .context("list the person's visitors")
    }

    /// Marks replies up to `upto` as dealt with without mail (nobody to mail them to),
    /// unless the chat moved on since `emailed_seq` was read.
    pub async fn pass_over_replies(&self, conversation_id: i64, emailed_seq: i64, upto: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE conversations SET emailed_seq = $1 WHERE id = $2 AND emailed_seq = $3")
            .bind(upto)
            .bind(conversation_id)
            .bind(emailed_seq)
            .execute(self.pool())
            .await
            .context("pass over replies")?;
        Ok(())
    }

    /// Remembers an address the visitor gave for replies.
    pub async fn set_given_email(&self, visitor_id: i64, email: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE visitors SET given_email = $1 WHERE id = $2")
            .bind(email)
            .bind(visitor_id)
            .execute(self.pool())
            .await
            .context("remember the visitor's address")?;
        Ok(())
    }

    /// Where a chat's replies were last mailed, if they were.
    pub async fn chat_emailed_to(&self, conversation_id: i64) -> anyhow::Result<Option<String>> {
        let to: Option<Option<String>> = sqlx::query_scalar("SELECT emailed_to FROM conversations WHERE id = $1")
            .bind(conversation_id)
            .fetch_optional(self.pool())
            .await
            .context("load where replies were mailed")?;
        Ok(to.flatten())
    }
}
