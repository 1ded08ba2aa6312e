//! What a ticket keeps of its mail besides the thread: the original of each mail taken
//! in ("Show original"), and the followers, people copied on a mail who receive the
//! ticket's public replies.

use anyhow::Context;
use protocol::tickets::MailAttachment;
use sqlx::AnyConnection;

use super::Store;

use crate::files::Accepted;

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

/// Adds `follower` to the ticket inside the caller's transaction. False when they
/// already follow it.
pub(super) async fn insert_follower(
    conn: &mut AnyConnection,
    ticket_id: i64,
    follower: &Follower,
    now: i64,
) -> anyhow::Result<bool> {
    let inserted: Option<String> = sqlx::query_scalar(
        "INSERT INTO ticket_followers (ticket_id, email, name, added_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (ticket_id, email) DO NOTHING RETURNING email",
    )
    .bind(ticket_id)
    .bind(&follower.email)
    .bind(&follower.name)
    .bind(now)
    .fetch_optional(conn)
    .await
    .context("add follower")?;
    Ok(inserted.is_some())
}

/// How many addresses follow the ticket, in the caller's transaction.
pub(super) async fn count_followers(conn: &mut AnyConnection, ticket_id: i64) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM ticket_followers WHERE ticket_id = $1")
        .bind(ticket_id)
        .fetch_one(conn)
        .await
        .context("count followers")
}

impl Store {
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
