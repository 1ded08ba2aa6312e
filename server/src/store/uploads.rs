//! Files an agent uploaded for a reply not sent yet, and the move of those files onto
//! the reply when it is sent.

use anyhow::Context;
use protocol::tickets::MailAttachment;
use sqlx::AnyConnection;

use super::Store;
use crate::files::Accepted;

/// An upload as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub agent_id: i64,
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

impl Store {
    /// Keeps an accepted file for `agent_id` until a reply sends it.
    pub async fn create_upload(
        &self,
        workspace_id: i64,
        agent_id: i64,
        name: &str,
        file: &Accepted,
        now: i64,
    ) -> anyhow::Result<i64> {
        sqlx::query_scalar(
            "INSERT INTO uploads (workspace_id, agent_id, name, content_type, size, data, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(workspace_id)
        .bind(agent_id)
        .bind(name)
        .bind(file.content_type)
        .bind(i64::try_from(file.data.len()).unwrap_or(i64::MAX))
        .bind(&file.data)
        .bind(now)
        .fetch_one(self.pool())
        .await
        .context("keep an upload")
    }

    /// The agent's uploads with these ids, in the order asked; any id that is not
    /// theirs (another agent's, another workspace's, sent or swept) is missing.
    pub async fn agent_uploads(&self, agent_id: i64, ids: &[i64]) -> anyhow::Result<Vec<UploadRecord>> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let row: Option<(i64, i64, i64, String, String, Vec<u8>)> = sqlx::query_as(
                "SELECT id, workspace_id, agent_id, name, content_type, data FROM uploads
                 WHERE id = $1 AND agent_id = $2",
            )
            .bind(id)
            .bind(agent_id)
            .fetch_optional(self.pool())
            .await
            .context("load an upload")?;
            if let Some((id, workspace_id, agent_id, name, content_type, data)) = row {
                found.push(UploadRecord { id, workspace_id, agent_id, name, content_type, data });
            }
        }
        Ok(found)
    }

    /// The bytes of files kept in the workspace (ticket files and unsent uploads), for
    /// its quota.
    pub async fn workspace_file_bytes(&self, workspace_id: i64) -> anyhow::Result<i64> {
        let total: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(COALESCE((SELECT SUM(size) FROM ticket_files WHERE workspace_id = $1), 0)
                 + COALESCE((SELECT SUM(size) FROM uploads WHERE workspace_id = $1), 0) AS BIGINT)",
        )
        .bind(workspace_id)
        .fetch_one(self.pool())
        .await
        .context("sum a workspace's files")?;
        Ok(total.unwrap_or(0))
    }

    /// Deletes uploads created before `before` that no reply sent. Returns how many.
    pub async fn sweep_uploads(&self, before: i64) -> anyhow::Result<u64> {
        let done = sqlx::query("DELETE FROM uploads WHERE created_at < $1")
            .bind(before)
            .execute(self.pool())
            .await
            .context("sweep unsent uploads")?;
        Ok(done.rows_affected())
    }
}

/// Moves uploads onto the ticket's event `seq` inside the caller's transaction, and
/// describes them for the event. An upload already gone (sent by a concurrent reply)
/// fails the whole reply.
pub(super) async fn attach_uploads(
    conn: &mut AnyConnection,
    ticket_id: i64,
    seq: i64,
    upload_ids: &[i64],
    now: i64,
) -> anyhow::Result<Vec<MailAttachment>> {
    let mut described = Vec::with_capacity(upload_ids.len());
    for upload_id in upload_ids {
        let row: Option<(i64, String, String, i64)> = sqlx::query_as(
            "INSERT INTO ticket_files (workspace_id, ticket_id, event_seq, name, content_type, size, data, created_at)
             SELECT workspace_id, $1, $2, name, content_type, size, data, $3 FROM uploads WHERE id = $4
             RETURNING id, name, content_type, size",
        )
        .bind(ticket_id)
        .bind(seq)
        .bind(now)
        .bind(upload_id)
        .fetch_optional(&mut *conn)
        .await
        .context("attach an upload")?;
        let (id, name, content_type, size) = row.context("an upload was sent or swept meanwhile")?;
        sqlx::query("DELETE FROM uploads WHERE id = $1")
            .bind(upload_id)
            .execute(&mut *conn)
            .await
            .context("remove a sent upload")?;
        described.push(MailAttachment {
            name,
            content_type,
            size: u64::try_from(size).unwrap_or(0),
            file_id: Some(id),
            refused: None,
        });
    }
    Ok(described)
}
