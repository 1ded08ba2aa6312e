//! Every file Helpline keeps, in one table: uploads that belong to nothing yet, and
//! files attached to a ticket event or a chat message. Attaching is an update inside
//! the transaction that stores the event or message, so a file is never copied and
//! never attached twice.

use anyhow::Context;
use protocol::tickets::MailAttachment;
use sqlx::AnyConnection;

use super::Store;
use super::mail_records::IncomingFile;
use crate::files::{Accepted, MAX_FILES_PER_MAIL};

/// Who uploaded a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uploader {
    Agent(i64),
    Visitor(i64),
}

impl Uploader {
    fn ids(self) -> (Option<i64>, Option<i64>) {
        match self {
            Self::Agent(id) => (Some(id), None),
            Self::Visitor(id) => (None, Some(id)),
        }
    }
}

/// A kept file with its bytes, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// What a list of files shows of each: no bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMeta {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: u64,
}

impl FileMeta {
    fn from_row((id, name, content_type, size): (i64, String, String, i64)) -> Self {
        Self { id, name, content_type, size: u64::try_from(size).unwrap_or(0) }
    }

    /// The file as a ticket event lists it.
    pub fn into_attachment(self) -> MailAttachment {
        MailAttachment {
            name: self.name,
            content_type: self.content_type,
            size: self.size,
            file_id: Some(self.id),
            refused: None,
        }
    }
}

impl Store {
    /// Keeps an accepted file for `uploader` until a message or reply attaches it.
    pub async fn create_upload(
        &self,
        workspace_id: i64,
        uploader: Uploader,
        name: &str,
        file: &Accepted,
        now: i64,
    ) -> anyhow::Result<i64> {
        let (agent_id, visitor_id) = uploader.ids();
        sqlx::query_scalar(
            "INSERT INTO files (workspace_id, name, content_type, size, data, agent_id, visitor_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(workspace_id)
        .bind(name)
        .bind(file.content_type)
        .bind(i64::try_from(file.data.len()).unwrap_or(i64::MAX))
        .bind(&file.data)
        .bind(agent_id)
        .bind(visitor_id)
        .bind(now)
        .fetch_one(self.pool())
        .await
        .context("keep an upload")
    }

    /// The uploader's unattached uploads with these ids, in the order asked, with
    /// their bytes; any id that is not theirs (someone else's, attached meanwhile or
    /// swept) is missing.
    pub async fn pending_uploads(&self, uploader: Uploader, ids: &[i64]) -> anyhow::Result<Vec<FileRecord>> {
        let (agent_id, visitor_id) = uploader.ids();
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let row: Option<(i64, i64, String, String, Vec<u8>)> = sqlx::query_as(
                "SELECT id, workspace_id, name, content_type, data FROM files
                 WHERE id = $1 AND ticket_id IS NULL AND message_id IS NULL
                   AND (agent_id = $2 OR visitor_id = $3)",
            )
            .bind(id)
            .bind(agent_id)
            .bind(visitor_id)
            .fetch_optional(self.pool())
            .await
            .context("load an upload")?;
            if let Some((id, workspace_id, name, content_type, data)) = row {
                found.push(FileRecord { id, workspace_id, name, content_type, data });
            }
        }
        Ok(found)
    }

    /// A file of the workspace, for its agents; another workspace's is not found.
    pub async fn workspace_file(&self, workspace_id: i64, id: i64) -> anyhow::Result<Option<FileRecord>> {
        self.file_where(
            "SELECT id, workspace_id, name, content_type, data FROM files WHERE id = $1 AND workspace_id = $2",
            id,
            workspace_id,
        )
        .await
    }

    /// A file the visitor may see: one they uploaded, or one attached to their chat or
    /// to a ticket of theirs. Anything else is not found.
    pub async fn visitor_file(&self, visitor_id: i64, id: i64) -> anyhow::Result<Option<FileRecord>> {
        self.file_where(
            "SELECT f.id, f.workspace_id, f.name, f.content_type, f.data FROM files f
             WHERE f.id = $1 AND (
                 f.visitor_id = $2
                 OR f.conversation_id IN (SELECT id FROM conversations WHERE visitor_id = $2)
                 OR f.ticket_id IN (SELECT id FROM tickets WHERE visitor_id = $2))",
            id,
            visitor_id,
        )
        .await
    }

    async fn file_where(&self, sql: &str, id: i64, owner: i64) -> anyhow::Result<Option<FileRecord>> {
        let row: Option<(i64, i64, String, String, Vec<u8>)> =
            sqlx::query_as(sql).bind(id).bind(owner).fetch_optional(self.pool()).await.context("load a file")?;
        Ok(row.map(|(id, workspace_id, name, content_type, data)| FileRecord {
            id,
            workspace_id,
            name,
            content_type,
            data,
        }))
    }

    /// The bytes of files kept in the workspace, attached or not, for its quota.
    pub async fn workspace_file_bytes(&self, workspace_id: i64) -> anyhow::Result<i64> {
        let total: Option<i64> =
            sqlx::query_scalar("SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM files WHERE workspace_id = $1")
                .bind(workspace_id)
                .fetch_one(self.pool())
                .await
                .context("sum a workspace's files")?;
        Ok(total.unwrap_or(0))
    }

    /// Deletes uploads created before `before` that nothing attached. Returns how many.
    pub async fn sweep_uploads(&self, before: i64) -> anyhow::Result<u64> {
        let done = sqlx::query("DELETE FROM files WHERE created_at < $1 AND ticket_id IS NULL AND message_id IS NULL")
            .bind(before)
            .execute(self.pool())
            .await
            .context("sweep unattached uploads")?;
        Ok(done.rows_affected())
    }

    /// The files on a ticket's events that did not come in as received mail (agents'
    /// replies, "Email us"), by sequence number.
    pub async fn sent_files_of(&self, ticket_id: i64) -> anyhow::Result<Vec<(i64, MailAttachment)>> {
        let rows: Vec<(i64, i64, String, String, i64)> = sqlx::query_as(
            "SELECT f.event_seq, f.id, f.name, f.content_type, f.size FROM files f
             WHERE f.ticket_id = $1 AND NOT EXISTS (
                 SELECT 1 FROM received_mail r WHERE r.ticket_id = f.ticket_id AND r.event_seq = f.event_seq)
             ORDER BY f.event_seq, f.id",
        )
        .bind(ticket_id)
        .fetch_all(self.pool())
        .await
        .context("list sent files")?;
        Ok(rows
            .into_iter()
            .map(|(seq, id, name, content_type, size)| {
                (seq, FileMeta::from_row((id, name, content_type, size)).into_attachment())
            })
            .collect())
    }

    /// The files attached to a conversation's messages, by message id, in upload order.
    pub async fn message_files_of(&self, conversation_id: i64) -> anyhow::Result<Vec<(i64, FileMeta)>> {
        let rows: Vec<(i64, i64, String, String, i64)> = sqlx::query_as(
            "SELECT message_id, id, name, content_type, size FROM files
             WHERE conversation_id = $1 ORDER BY message_id, id",
        )
        .bind(conversation_id)
        .fetch_all(self.pool())
        .await
        .context("list a chat's files")?;
        Ok(rows
            .into_iter()
            .map(|(message_id, id, name, content_type, size)| {
                (message_id, FileMeta::from_row((id, name, content_type, size)))
            })
            .collect())
    }
}

/// Attaches the uploader's uploads to the ticket's event `seq` inside the caller's
/// transaction, and describes them for the event. An upload already attached (by a
/// concurrent reply) or swept fails the whole write.
pub(super) async fn attach_to_event(
    conn: &mut AnyConnection,
    ticket_id: i64,
    seq: i64,
    uploader: Uploader,
    upload_ids: &[i64],
) -> anyhow::Result<Vec<MailAttachment>> {
    let (agent_id, visitor_id) = uploader.ids();
    let mut described = Vec::with_capacity(upload_ids.len());
    for upload_id in upload_ids {
        let row: Option<(i64, String, String, i64)> = sqlx::query_as(
            "UPDATE files SET ticket_id = $1, event_seq = $2
             WHERE id = $3 AND ticket_id IS NULL AND message_id IS NULL AND (agent_id = $4 OR visitor_id = $5)
             RETURNING id, name, content_type, size",
        )
        .bind(ticket_id)
        .bind(seq)
        .bind(upload_id)
        .bind(agent_id)
        .bind(visitor_id)
        .fetch_optional(&mut *conn)
        .await
        .context("attach an upload")?;
        let row = row.context("an upload was attached or swept meanwhile")?;
        described.push(FileMeta::from_row(row).into_attachment());
    }
    Ok(described)
}

/// Attaches the uploader's uploads to a chat message inside the caller's transaction.
/// Returns `None`, attaching nothing the caller keeps, when any of them is not an
/// unattached upload of theirs: the caller rolls back.
pub(super) async fn attach_to_message(
    conn: &mut AnyConnection,
    conversation_id: i64,
    message_id: i64,
    uploader: Uploader,
    upload_ids: &[i64],
) -> Result<Option<Vec<FileMeta>>, sqlx::Error> {
    let (agent_id, visitor_id) = uploader.ids();
    let mut attached = Vec::with_capacity(upload_ids.len());
    for upload_id in upload_ids {
        let row: Option<(i64, String, String, i64)> = sqlx::query_as(
            "UPDATE files SET conversation_id = $1, message_id = $2
             WHERE id = $3 AND ticket_id IS NULL AND message_id IS NULL AND (agent_id = $4 OR visitor_id = $5)
             RETURNING id, name, content_type, size",
        )
        .bind(conversation_id)
        .bind(message_id)
        .bind(upload_id)
        .bind(agent_id)
        .bind(visitor_id)
        .fetch_optional(&mut *conn)
        .await?;
        match row {
            Some(row) => attached.push(FileMeta::from_row(row)),
            None => return Ok(None),
        }
    }
    Ok(Some(attached))
}

/// Stores the accepted files of a mail beside event `seq`, inside the caller's
/// transaction, and describes every file for the event: kept ones with their id and
/// sniffed type, the others with why not. Past [`MAX_FILES_PER_MAIL`] kept files,
/// the rest stay in the original only.
pub(super) async fn keep_mail_files(
    conn: &mut AnyConnection,
    ticket_id: i64,
    seq: i64,
    files: &[IncomingFile<'_>],
    now: i64,
) -> anyhow::Result<Vec<MailAttachment>> {
    let mut described = Vec::with_capacity(files.len());
    let mut kept = 0;
    for file in files {
        let verdict = match file.verdict {
            Ok(_) if kept >= MAX_FILES_PER_MAIL => Err("more files than are kept from one message"),
            other => other,
        };
        described.push(match verdict {
            Ok(accepted) => {
                kept += 1;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO files (workspace_id, name, content_type, size, data, ticket_id, event_seq, created_at)
                     SELECT workspace_id, $1, $2, $3, $4, id, $5, $6 FROM tickets WHERE id = $7 RETURNING id",
                )
                .bind(file.name)
                .bind(accepted.content_type)
                .bind(i64::try_from(accepted.data.len()).unwrap_or(i64::MAX))
                .bind(&accepted.data)
                .bind(seq)
                .bind(now)
                .bind(ticket_id)
                .fetch_one(&mut *conn)
                .await
                .context("keep a file")?;
                MailAttachment {
                    name: file.name.to_owned(),
                    content_type: accepted.content_type.to_owned(),
                    size: accepted.data.len() as u64,
                    file_id: Some(id),
                    refused: None,
                }
            }
            Err(reason) => MailAttachment {
                name: file.name.to_owned(),
                content_type: file.declared_type.to_owned(),
                size: file.size,
                file_id: None,
                refused: Some(reason.to_owned()),
            },
        });
    }
    Ok(described)
}
