//! Messages: appended with a per-conversation sequence number in the same transaction
//! that stores them, and deduplicated by the sender's client id.

use anyhow::Context;
use protocol::api::AuthorKind;
use sqlx::FromRow;

use super::files::{FileMeta, Uploader, attach_to_message};
use super::{Store, is_unique_violation};

/// A stored message.
#[derive(Debug, Clone, FromRow)]
pub struct StoredMessage {
    pub id: i64,
    pub conversation_id: i64,
    pub seq: i64,
    #[sqlx(try_from = "String")]
    pub author_kind: DbAuthor,
    /// The agent's or visitor's id; none for system messages.
    pub author_id: Option<i64>,
    pub author_name: String,
    pub body: String,
    pub client_id: String,
    pub created_at: i64,
    /// A note between agents or a history entry: never sent to the visitor.
    #[sqlx(try_from = "i64")]
    pub internal: Flag,
    /// For a history entry, what changed, as JSON.
    pub change: Option<String>,
    /// Files attached to it, in the order they were sent.
    #[sqlx(skip)]
    pub files: Vec<FileMeta>,
}

impl StoredMessage {
    /// Whether the visitor may see it.
    pub fn is_public(&self) -> bool {
        !self.internal.0
    }

    /// Whether this author wrote it.
    pub fn is_by(&self, kind: AuthorKind, id: Option<i64>) -> bool {
        self.author_kind.0 == kind && self.author_id == id
    }
}

/// A 0/1 column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flag(pub bool);

impl From<i64> for Flag {
    fn from(value: i64) -> Self {
        Self(value != 0)
    }
}

/// `AuthorKind` as the database spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DbAuthor(pub AuthorKind);

impl TryFrom<String> for DbAuthor {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        author_from_db(&value).map(DbAuthor).ok_or_else(|| format!("unknown author kind {value}"))
    }
}

pub(super) fn author_from_db(value: &str) -> Option<AuthorKind> {
    match value {
        "visitor" => Some(AuthorKind::Visitor),
        "agent" => Some(AuthorKind::Agent),
        "system" => Some(AuthorKind::System),
        _ => None,
    }
}

pub(super) fn author_to_db(kind: AuthorKind) -> &'static str {
    match kind {
        AuthorKind::Visitor => "visitor",
        AuthorKind::Agent => "agent",
        AuthorKind::System => "system",
    }
}

/// A message to append.
#[derive(Debug)]
pub struct NewMessage<'a> {
    pub conversation_id: i64,
    pub author_kind: AuthorKind,
    pub author_id: Option<i64>,
    pub author_name: &'a str,
    pub body: &'a str,
    pub client_id: &'a str,
    /// The author's own uploads to attach, by id.
    pub files: &'a [i64],
    /// A note for agents only (agents' messages only).
    pub internal: bool,
}

impl NewMessage<'_> {
    /// Whose uploads the message may attach: its author's.
    fn uploader(&self) -> Option<Uploader> {
        match (self.author_kind, self.author_id) {
            (AuthorKind::Visitor, Some(id)) => Some(Uploader::Visitor(id)),
            (AuthorKind::Agent, Some(id)) => Some(Uploader::Agent(id)),
            _ => None,
        }
    }
}

/// The outcome of an append.
#[derive(Debug)]
pub enum Appended {
    /// Stored now.
    Created(StoredMessage),
    /// The same sender already stored a message with this client id; this is it.
    Duplicate(StoredMessage),
}

/// Why an append was refused.
#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// Another sender used this client id in the conversation.
    #[error("client id already used by another sender")]
    ClientIdTaken,
    /// A file to attach is not an unattached upload of the author's (someone else's,
    /// attached to another message, or swept); nothing was stored.
    #[error("a file is not an upload of the sender's")]
    FileGone,
    #[error(transparent)]
    Database(#[from] anyhow::Error),
}

const MESSAGE_COLUMNS: &str =
    "id, conversation_id, seq, author_kind, author_id, author_name, body, client_id, created_at, internal, change";

/// How many characters of the newest message the inbox shows.
const PREVIEW_CHARS: usize = 140;

impl Store {
    /// Stores a message, or returns the one this sender already stored under the same
    /// client id. The sequence number is taken and the message written in one
    /// transaction, so numbers have no gaps and an ack always means "committed".
    pub async fn append_message(&self, message: NewMessage<'_>, now: i64) -> Result<Appended, AppendError> {
        if let Some(existing) = self.message_by_client_id(message.conversation_id, message.client_id).await? {
            return same_sender(existing, &message).map(Appended::Duplicate);
        }
        match self.insert_message(&message, now).await {
            Ok(Some(stored)) => Ok(Appended::Created(stored)),
            Ok(None) => Err(AppendError::FileGone),
            Err(error) if is_unique_violation(&error) => {
                // A resend raced the original; the original won and is the answer.
                let existing = self
                    .message_by_client_id(message.conversation_id, message.client_id)
                    .await?
                    .context("duplicate message disappeared")?;
                same_sender(existing, &message).map(Appended::Duplicate)
            }
            Err(error) => Err(anyhow::Error::new(error).context("append message").into()),
        }
    }

    /// `None` when a file could not be attached; the transaction is then rolled back.
    async fn insert_message(&self, message: &NewMessage<'_>, now: i64) -> Result<Option<StoredMessage>, sqlx::Error> {
        let preview: String = preview(message.body, message.files.len());
        // Writing first takes SQLite's write lock (and PostgreSQL's row lock) before
        // anything is read, so concurrent senders queue instead of failing.
        let mut tx = self.pool().begin().await?;
        let update = format!("{} RETURNING last_seq", take_seq_sql(message.author_kind, message.internal));
        let update = sqlx::query_scalar(&update);
        let update = if message.internal {
            update
        } else {
            update.bind(preview).bind(author_to_db(message.author_kind)).bind(now)
        };
        let seq: i64 = update.bind(message.conversation_id).fetch_one(&mut *tx).await?;
        let row = MessageRow {
            conversation_id: message.conversation_id,
            seq,
            author_kind: message.author_kind,
            author_id: message.author_id,
            author_name: message.author_name,
            body: message.body,
            client_id: message.client_id,
            internal: message.internal,
            change: None,
        };
        let id = insert_row(&mut tx, &row, now).await?;
        let mut files = Vec::new();
        if !message.files.is_empty() {
            let Some(uploader) = message.uploader() else { return Ok(None) };
            match attach_to_message(&mut tx, message.conversation_id, id, uploader, message.files).await? {
                Some(attached) => files = attached,
                // Dropping the transaction rolls the message back.
                None => return Ok(None),
            }
        }
        tx.commit().await?;
        Ok(Some(StoredMessage {
            id,
            conversation_id: message.conversation_id,
            seq,
            author_kind: DbAuthor(message.author_kind),
            author_id: message.author_id,
            author_name: message.author_name.to_owned(),
            body: message.body.to_owned(),
            client_id: message.client_id.to_owned(),
            created_at: now,
            internal: Flag(message.internal),
            change: None,
            files,
        }))
    }

    pub(super) async fn message_by_client_id(
        &self,
        conversation_id: i64,
        client_id: &str,
    ) -> anyhow::Result<Option<StoredMessage>> {
        let found: Option<StoredMessage> = sqlx::query_as(&format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND client_id = $2"
        ))
        .bind(conversation_id)
        .bind(client_id)
        .fetch_optional(self.pool())
        .await
        .context("load message by client id")?;
        let mut found: Vec<StoredMessage> = found.into_iter().collect();
        self.with_files(conversation_id, &mut found).await?;
        Ok(found.pop())
    }

    /// Fills in the files of `messages`, all of one conversation.
    async fn with_files(&self, conversation_id: i64, messages: &mut [StoredMessage]) -> anyhow::Result<()> {
        let (Some(first), Some(last)) = (messages.first(), messages.last()) else { return Ok(()) };
        let (low, high) = (first.id.min(last.id), first.id.max(last.id));
        let rows: Vec<(i64, i64, String, String, i64)> = sqlx::query_as(
            "SELECT message_id, id, name, content_type, size FROM files
             WHERE conversation_id = $1 AND message_id BETWEEN $2 AND $3 ORDER BY message_id, id",
        )
        .bind(conversation_id)
        .bind(low)
        .bind(high)
        .fetch_all(self.pool())
        .await
        .context("load messages' files")?;
        for (message_id, id, name, content_type, size) in rows {
            if let Some(message) = messages.iter_mut().find(|message| message.id == message_id) {
                message.files.push(FileMeta { id, name, content_type, size: u64::try_from(size).unwrap_or(0) });
            }
        }
        Ok(())
    }

    /// Messages with `after < seq <= upto`, in order, at most `limit` of them.
    pub async fn messages_between(
        &self,
        conversation_id: i64,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<StoredMessage>> {
        let mut messages: Vec<StoredMessage> = sqlx::query_as(&format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages
             WHERE conversation_id = $1 AND seq > $2 AND seq <= $3
             ORDER BY seq LIMIT $4"
        ))
        .bind(conversation_id)
        .bind(after)
        .bind(upto)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("load messages")?;
        self.with_files(conversation_id, &mut messages).await?;
        Ok(messages)
    }
}

/// The `UPDATE conversations … WHERE id = $n` that takes the next sequence number for a
/// message (append `RETURNING`). A public message also moves what the inbox shows and
/// the wait for an answer: a visitor's starts (or continues) it, anyone else's ends it.
/// A note changes nothing the visitor or the inbox's order sees.
///
/// Binds a note's conversation id as `$1`; a public message's preview, author kind (as
/// the database spells it), time and conversation id as `$1` to `$4`.
pub(super) fn take_seq_sql(author: AuthorKind, internal: bool) -> String {
    if internal {
        return "UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1".to_owned();
    }
    format!("UPDATE conversations SET {} WHERE id = $4", take_seq_set(author, false, "$1", "$2", "$3"))
}

/// The `SET` list of [`take_seq_sql`], with the message's preview, author kind (as the
/// database spells it) and time as the SQL expressions given.
pub(super) fn take_seq_set(author: AuthorKind, internal: bool, preview: &str, author_db: &str, at: &str) -> String {
    if internal {
        return "last_seq = last_seq + 1".to_owned();
    }
    let awaiting = match author {
        AuthorKind::Visitor => format!("awaiting_since = COALESCE(awaiting_since, {at})"),
        AuthorKind::Agent | AuthorKind::System => "awaiting_since = NULL, unanswered_alerted_at = NULL".to_owned(),
    };
    format!("last_seq = last_seq + 1, preview = {preview}, last_author = {author_db}, updated_at = {at}, {awaiting}")
}

/// A message row to insert, its sequence number taken.
pub(super) struct MessageRow<'a> {
    pub conversation_id: i64,
    pub seq: i64,
    pub author_kind: AuthorKind,
    pub author_id: Option<i64>,
    pub author_name: &'a str,
    pub body: &'a str,
    pub client_id: &'a str,
    pub internal: bool,
    pub change: Option<&'a str>,
}

/// Inserts a message row in the caller's transaction; returns its id.
pub(super) async fn insert_row(
    conn: &mut sqlx::AnyConnection,
    row: &MessageRow<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO messages
             (conversation_id, seq, author_kind, author_id, author_name, body, client_id, created_at, internal, change)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(row.conversation_id)
    .bind(row.seq)
    .bind(author_to_db(row.author_kind))
    .bind(row.author_id)
    .bind(row.author_name)
    .bind(row.body)
    .bind(row.client_id)
    .bind(now)
    .bind(i64::from(row.internal))
    .bind(row.change)
    .fetch_one(conn)
    .await
}

/// What the inbox shows of a message: the start of its body, or what it sent.
pub(super) fn preview(body: &str, files: usize) -> String {
    match (body.is_empty(), files) {
        (false, _) => body.chars().take(PREVIEW_CHARS).collect(),
        (true, 1) => "Sent a file".to_owned(),
        (true, count) => format!("Sent {count} files"),
    }
}

fn same_sender(existing: StoredMessage, message: &NewMessage<'_>) -> Result<StoredMessage, AppendError> {
    if existing.is_by(message.author_kind, message.author_id) { Ok(existing) } else { Err(AppendError::ClientIdTaken) }
}
