//! Every file Helpline keeps, in one table: uploads that belong to nothing yet, and
//! files attached to a ticket event or a chat message. Attaching is an update inside
//! the transaction that stores the event or message, so a file is never copied and
//! never attached twice.

use anyhow::Context;
use protocol::tickets::MailAttachment;
use sqlx::AnyConnection;

use super::Store;
use super::mail_records::IncomingFile;
use crate::files::{Accepted, BlobRef, BlobStream, MAX_FILES_PER_MAIL, Part, Storage};

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

/// A kept file as stored: what it is, and where its bytes are. The bytes are read
/// with [`Store::open_file`] (a stream) or [`Store::file_bytes`] (whole, for mail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub content_type: String,
    pub size: u64,
    /// The thumbnail's type, for raster images that have one.
    pub thumbnail_type: Option<String>,
    pub blob: BlobRef,
}

/// The columns a [`FileRecord`] is read from, in order.
const RECORD_COLUMNS: &str = "f.id, f.workspace_id, f.name, f.content_type, f.size, f.thumbnail_type, f.blob_key";

type RecordRow = (i64, i64, String, String, i64, Option<String>, Option<String>);

impl FileRecord {
    fn from_row((id, workspace_id, name, content_type, size, thumbnail_type, key): RecordRow) -> Self {
        Self {
            id,
            workspace_id,
            name,
            content_type,
            size: u64::try_from(size).unwrap_or(0),
            thumbnail_type,
            blob: BlobRef { file_id: id, key },
        }
    }
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
    /// Keeps an accepted file held in memory for `uploader` until a message or reply
    /// attaches it. (Uploads that arrive as a stream go through [`Store::begin_upload`].)
    pub async fn create_upload(
        &self,
        workspace_id: i64,
        uploader: Uploader,
        name: &str,
        file: &Accepted,
        now: i64,
    ) -> anyhow::Result<i64> {
        let blob = self.begin_upload(workspace_id, uploader, name, now).await?;
        let stored = async {
            let storage = self.storage();
            storage.write_all(&blob, Part::File, bytes::Bytes::copy_from_slice(&file.data)).await?;
            if let Some(thumbnail) = &file.thumbnail {
                storage.write_all(&blob, Part::Thumbnail, bytes::Bytes::copy_from_slice(&thumbnail.data)).await?;
            }
            let size = u64::try_from(file.data.len()).unwrap_or(u64::MAX);
            let thumbnail_type = file.thumbnail.as_ref().map(|thumbnail| thumbnail.content_type);
            self.finish_upload(blob.file_id, file.content_type, size, thumbnail_type).await
        }
        .await;
        match stored {
            Ok(true) => Ok(blob.file_id),
            Ok(false) => anyhow::bail!("the upload was deleted while it was stored"),
            Err(error) => {
                self.discard_upload(blob.file_id).await;
                Err(error)
            }
        }
    }

    /// Starts an upload whose bytes are still to come: a row nobody can fetch or
    /// attach until [`Store::finish_upload`], and where its blobs go.
    pub async fn begin_upload(
        &self,
        workspace_id: i64,
        uploader: Uploader,
        name: &str,
        now: i64,
    ) -> anyhow::Result<BlobRef> {
        let (agent_id, visitor_id) = uploader.ids();
        let key = self.storage().new_key();
        let file_id = sqlx::query_scalar(
            "INSERT INTO files (workspace_id, name, content_type, size, agent_id, visitor_id, created_at, blob_key, complete)
             VALUES ($1, $2, '', 0, $3, $4, $5, $6, 0) RETURNING id",
        )
        .bind(workspace_id)
        .bind(name)
        .bind(agent_id)
        .bind(visitor_id)
        .bind(now)
        .bind(key.as_deref())
        .fetch_one(self.pool())
        .await
        .context("start an upload")?;
        Ok(BlobRef { file_id, key })
    }

    /// Completes an upload whose blobs are written; `false` when its row went
    /// meanwhile (its workspace deleted).
    pub async fn finish_upload(
        &self,
        id: i64,
        content_type: &str,
        size: u64,
        thumbnail_type: Option<&str>,
    ) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE files SET content_type = $1, size = $2, thumbnail_type = $3, complete = 1 WHERE id = $4",
        )
        .bind(content_type)
        .bind(i64::try_from(size).unwrap_or(i64::MAX))
        .bind(thumbnail_type)
        .bind(id)
        .execute(self.pool())
        .await
        .context("complete an upload")?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes an upload that failed, with whatever of its bytes were stored (the
    /// chunks by cascade, an object through the deletion queue). A failure here only
    /// leaves it to the sweep, so it is logged, not returned.
    pub async fn discard_upload(&self, id: i64) {
        let deleted =
            sqlx::query("DELETE FROM files WHERE id = $1 AND complete = 0").bind(id).execute(self.pool()).await;
        if let Err(error) = deleted {
            tracing::warn!(error = %error, file_id = id, "could not delete a failed upload; the sweep will");
        }
    }

    /// The uploader's unattached uploads with these ids, in the order asked; any id
    /// that is not theirs (someone else's, attached meanwhile or swept) is missing.
    pub async fn pending_uploads(&self, uploader: Uploader, ids: &[i64]) -> anyhow::Result<Vec<FileRecord>> {
        let (agent_id, visitor_id) = uploader.ids();
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM files f
             WHERE f.id = $1 AND f.complete = 1 AND f.ticket_id IS NULL AND f.message_id IS NULL
               AND (f.agent_id = $2 OR f.visitor_id = $3)"
        );
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let row: Option<RecordRow> = sqlx::query_as(&sql)
                .bind(id)
                .bind(agent_id)
                .bind(visitor_id)
                .fetch_optional(self.pool())
                .await
                .context("load an upload")?;
            found.extend(row.map(FileRecord::from_row));
        }
        Ok(found)
    }

    /// A file of the workspace, for its agents; another workspace's is not found.
    pub async fn workspace_file(&self, workspace_id: i64, id: i64) -> anyhow::Result<Option<FileRecord>> {
        self.file_where("f.workspace_id = $2", id, workspace_id).await
    }

    /// A file the visitor may see: one they uploaded, or one attached to their chat or
    /// to a ticket of theirs. Anything else is not found.
    pub async fn visitor_file(&self, visitor_id: i64, id: i64) -> anyhow::Result<Option<FileRecord>> {
        self.file_where(
            "(f.visitor_id = $2
              OR f.conversation_id IN (SELECT id FROM conversations WHERE visitor_id = $2)
              OR f.ticket_id IN (SELECT id FROM tickets WHERE visitor_id = $2))",
            id,
            visitor_id,
        )
        .await
    }

    async fn file_where(&self, owned: &str, id: i64, owner: i64) -> anyhow::Result<Option<FileRecord>> {
        let sql = format!("SELECT {RECORD_COLUMNS} FROM files f WHERE f.id = $1 AND f.complete = 1 AND {owned}");
        let row: Option<RecordRow> =
            sqlx::query_as(&sql).bind(id).bind(owner).fetch_optional(self.pool()).await.context("load a file")?;
        Ok(row.map(FileRecord::from_row))
    }

    /// A kept file's bytes (or its thumbnail's), as a stream read from storage.
    pub async fn open_file(&self, file: &FileRecord, part: Part) -> anyhow::Result<BlobStream> {
        self.storage().read(&file.blob, part).await
    }

    /// A kept file's bytes, whole: for a mail that sends it.
    pub async fn file_bytes(&self, file: &FileRecord) -> anyhow::Result<Vec<u8>> {
        self.storage().read_all(&file.blob, Part::File).await
    }

    /// Deletes the objects of deleted files (see `files::storage`); returns how many.
    pub async fn delete_queued_blobs(&self) -> anyhow::Result<u64> {
        self.storage().delete_queued(self.pool()).await
    }

    /// Deletes objects written before `before` that no file names; returns how many.
    pub async fn sweep_orphan_blobs(&self, before: i64) -> anyhow::Result<u64> {
        self.storage().sweep_orphans(self.pool(), before).await
    }

    /// How many database chunks a file has, for tests that check its bytes went.
    pub async fn chunk_count(&self, file_id: i64) -> anyhow::Result<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM file_chunks WHERE file_id = $1")
            .bind(file_id)
            .fetch_one(self.pool())
            .await
            .context("count a file's chunks")
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

/// What uploads are attached to: a ticket event or a chat message.
#[derive(Debug, Clone, Copy)]
enum Place {
    Event { ticket_id: i64, seq: i64 },
    Message { conversation_id: i64, message_id: i64 },
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
    let attached = attach(conn, Place::Event { ticket_id, seq }, uploader, upload_ids)
        .await
        .context("attach an upload")?
        .context("an upload was attached or swept meanwhile")?;
    Ok(attached.into_iter().map(FileMeta::into_attachment).collect())
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
    attach(conn, Place::Message { conversation_id, message_id }, uploader, upload_ids).await
}

/// Attaches each upload to `place` if it is a complete, unattached upload of the
/// uploader's; `None` at the first that is not.
async fn attach(
    conn: &mut AnyConnection,
    place: Place,
    uploader: Uploader,
    upload_ids: &[i64],
) -> Result<Option<Vec<FileMeta>>, sqlx::Error> {
    let (agent_id, visitor_id) = uploader.ids();
    let (columns, first, second) = match place {
        Place::Event { ticket_id, seq } => ("ticket_id = $1, event_seq = $2", ticket_id, seq),
        Place::Message { conversation_id, message_id } => {
            ("conversation_id = $1, message_id = $2", conversation_id, message_id)
        }
    };
    let sql = format!(
        "UPDATE files SET {columns}
         WHERE id = $3 AND complete = 1 AND ticket_id IS NULL AND message_id IS NULL
           AND (agent_id = $4 OR visitor_id = $5)
         RETURNING id, name, content_type, size"
    );
    let mut attached = Vec::with_capacity(upload_ids.len());
    for upload_id in upload_ids {
        let row: Option<(i64, String, String, i64)> = sqlx::query_as(&sql)
            .bind(first)
            .bind(second)
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
    storage: &Storage,
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
                let key = storage.new_key();
                let size = accepted.data.len() as u64;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO files (workspace_id, name, content_type, size, ticket_id, event_seq, created_at,
                                        blob_key, thumbnail_type)
                     SELECT workspace_id, $1, $2, $3, id, $4, $5, $6, $7 FROM tickets WHERE id = $8 RETURNING id",
                )
                .bind(file.name)
                .bind(accepted.content_type)
                .bind(i64::try_from(size).unwrap_or(i64::MAX))
                .bind(seq)
                .bind(now)
                .bind(key.as_deref())
                .bind(accepted.thumbnail.as_ref().map(|thumbnail| thumbnail.content_type))
                .bind(ticket_id)
                .fetch_one(&mut *conn)
                .await
                .context("keep a file")?;
                let blob = BlobRef { file_id: id, key };
                storage.write_in(conn, &blob, Part::File, &accepted.data).await?;
                if let Some(thumbnail) = &accepted.thumbnail {
                    storage.write_in(conn, &blob, Part::Thumbnail, &thumbnail.data).await?;
                }
                MailAttachment {
                    name: file.name.to_owned(),
                    content_type: accepted.content_type.to_owned(),
                    size,
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
