//! What a ticket keeps of its mail besides the thread: the original of each mail taken
//! in ("Show original"), and the followers, people copied on a mail who receive the
//! ticket's public replies.

use anyhow::Context;
use protocol::tickets::MailAttachment;
use sqlx::AnyConnection;

use super::Store;
use super::tickets::TicketRecord;

use crate::files::{Accepted, MAX_FILES_PER_MESSAGE};

/// A file of a mail taken in, with Helpline's verdict on it.
#[derive(Debug, Clone, Copy)]
pub struct IncomingFile<'a> {
    pub name: &'a str,
    /// The type the mail declared.
    pub declared_type: &'a str,
    /// Its size as received.
    pub size: u64,
    /// The file as kept, or why it is not.
    pub verdict: Result<&'a Accepted, &'a str>,
}

/// A file kept from a mail, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFile {
    pub id: i64,
    pub workspace_id: i64,
    pub ticket_id: i64,
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// A ticket follows at most this many addresses; a mail copying more adds the first
/// ones and its `followers_added` event says how many were left out.
pub const MAX_FOLLOWERS: usize = 20;

/// An address that receives a ticket's public replies besides the requester.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follower {
    /// Lowercase.
    pub email: String,
    pub name: Option<String>,
}

impl Follower {
    /// A follower with its address lowercased and trimmed.
    pub fn new(email: &str, name: Option<&str>) -> Self {
        let name = name.map(str::trim).filter(|name| !name.is_empty()).map(str::to_owned);
        Self { email: email.trim().to_lowercase(), name }
    }
}

/// Followers a mail added to a ticket, and how many it could not add (over
/// [`MAX_FOLLOWERS`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct FollowersAdded {
    pub added: Vec<Follower>,
    pub left_out: usize,
}

impl FollowersAdded {
    /// The `followers_added` event's body: who, and who was left out.
    pub(super) fn describe(&self) -> (String, String) {
        let addresses: Vec<&str> = self.added.iter().map(|follower| follower.email.as_str()).collect();
        let mut body = format!("Copied on the mail, now following: {}.", addresses.join(", "));
        if self.left_out > 0 {
            body.push_str(&format!(
                " {} more copied addresses were not added: a ticket has at most {MAX_FOLLOWERS} followers.",
                self.left_out
            ));
        }
        (body, addresses.join("\n"))
    }
}

/// Adds `candidates` to the ticket's followers inside the caller's transaction, leaving
/// out the requester, those already following, and any over [`MAX_FOLLOWERS`].
pub(super) async fn add_followers(
    conn: &mut AnyConnection,
    ticket: &TicketRecord,
    candidates: &[Follower],
    now: i64,
) -> anyhow::Result<FollowersAdded> {
    let mut result = FollowersAdded::default();
    if candidates.is_empty() {
        return Ok(result);
    }
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ticket_followers WHERE ticket_id = $1")
        .bind(ticket.id)
        .fetch_one(&mut *conn)
        .await
        .context("count followers")?;
    let mut room = MAX_FOLLOWERS.saturating_sub(usize::try_from(existing).unwrap_or(usize::MAX));
    let requester = ticket.requester_email.trim().to_lowercase();
    for candidate in candidates {
        if candidate.email == requester || result.added.iter().any(|added| added.email == candidate.email) {
            continue;
        }
        if room == 0 {
            result.left_out += 1;
            continue;
        }
        let inserted: Option<String> = sqlx::query_scalar(
            "INSERT INTO ticket_followers (ticket_id, email, name, added_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (ticket_id, email) DO NOTHING RETURNING email",
        )
        .bind(ticket.id)
        .bind(&candidate.email)
        .bind(&candidate.name)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await
        .context("add follower")?;
        if inserted.is_some() {
            room -= 1;
            result.added.push(candidate.clone());
        }
    }
    Ok(result)
}

/// Stores the accepted files of a mail beside event `seq`, inside the caller's
/// transaction, and describes every file for the event: kept ones with their id and
/// sniffed type, the others with why not. Past [`MAX_FILES_PER_MESSAGE`] kept files,
/// the rest stay in the original only.
pub(super) async fn keep_files(
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
            Ok(_) if kept >= MAX_FILES_PER_MESSAGE => Err("more files than are kept from one message"),
            other => other,
        };
        described.push(match verdict {
            Ok(accepted) => {
                kept += 1;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO ticket_files (workspace_id, ticket_id, event_seq, name, content_type, size, data,
                         created_at)
                     SELECT workspace_id, id, $1, $2, $3, $4, $5, $6 FROM tickets WHERE id = $7 RETURNING id",
                )
                .bind(seq)
                .bind(file.name)
                .bind(accepted.content_type)
                .bind(i64::try_from(accepted.data.len()).unwrap_or(i64::MAX))
                .bind(&accepted.data)
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

impl Store {
    /// A kept file of the workspace; another workspace's is not found.
    pub async fn ticket_file(&self, workspace_id: i64, id: i64) -> anyhow::Result<Option<TicketFile>> {
        let row: Option<(i64, i64, i64, String, String, Vec<u8>)> = sqlx::query_as(
            "SELECT id, workspace_id, ticket_id, name, content_type, data FROM ticket_files
             WHERE id = $1 AND workspace_id = $2",
        )
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(self.pool())
        .await
        .context("load a file")?;
        Ok(row.map(|(id, workspace_id, ticket_id, name, content_type, data)| TicketFile {
            id,
            workspace_id,
            ticket_id,
            name,
            content_type,
            data,
        }))
    }

    /// The files on a ticket's events that did not come in as received mail (an
    /// agent's reply), by sequence number.
    pub async fn sent_files_of(&self, ticket_id: i64) -> anyhow::Result<Vec<(i64, MailAttachment)>> {
        let rows: Vec<(i64, i64, String, String, i64)> = sqlx::query_as(
            "SELECT f.event_seq, f.id, f.name, f.content_type, f.size FROM ticket_files f
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
                let size = u64::try_from(size).unwrap_or(0);
                (seq, MailAttachment { name, content_type, size, file_id: Some(id), refused: None })
            })
            .collect())
    }

    /// A ticket's followers, in the order they were added.
    pub async fn ticket_followers(&self, ticket_id: i64) -> anyhow::Result<Vec<Follower>> {
        let rows: Vec<(String, Option<String>)> =
            sqlx::query_as("SELECT email, name FROM ticket_followers WHERE ticket_id = $1 ORDER BY added_at, email")
                .bind(ticket_id)
                .fetch_all(self.pool())
                .await
                .context("load followers")?;
        Ok(rows.into_iter().map(|(email, name)| Follower { email, name }).collect())
    }

    /// Whether `email` follows the ticket.
    pub async fn is_follower(&self, ticket_id: i64, email: &str) -> anyhow::Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM ticket_followers WHERE ticket_id = $1 AND email = $2")
                .bind(ticket_id)
                .bind(email.trim().to_lowercase())
                .fetch_optional(self.pool())
                .await
                .context("find follower")?;
        Ok(found.is_some())
    }

    /// The events of a ticket that came in as mail kept as received, by sequence
    /// number, with the files each carried.
    pub async fn received_mail_of(&self, ticket_id: i64) -> anyhow::Result<Vec<(i64, Vec<MailAttachment>)>> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT event_seq, attachments FROM received_mail WHERE ticket_id = $1 ORDER BY event_seq")
                .bind(ticket_id)
                .fetch_all(self.pool())
                .await
                .context("list received mail")?;
        rows.into_iter()
            .map(|(seq, attachments)| Ok((seq, serde_json::from_str(&attachments).context("read attachment list")?)))
            .collect()
    }

    /// The mail event `seq` of a ticket came in as, byte for byte.
    pub async fn received_mail(&self, ticket_id: i64, seq: i64) -> anyhow::Result<Option<Vec<u8>>> {
        sqlx::query_scalar("SELECT raw FROM received_mail WHERE ticket_id = $1 AND event_seq = $2")
            .bind(ticket_id)
            .bind(seq)
            .fetch_optional(self.pool())
            .await
            .context("load received mail")
    }
}
