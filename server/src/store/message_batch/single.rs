//! A batch in one statement, on PostgreSQL. Most batches hold at most one message per
//! conversation, all from one kind of sender (a burst of visitors). PostgreSQL can then
//! lock, number and insert them in one statement of data-modifying `WITH` queries, and
//! a single statement needs no `BEGIN` or `COMMIT`: it is atomic on its own. One round
//! trip to the database instead of at least five.
//!
//! The insert has no `ON CONFLICT`: a client id already taken fails the whole statement
//! with a unique violation, which stores nothing. The caller then writes the batch as a
//! transaction ([`super`]), which finds out which messages were taken. PostgreSQL logs
//! that violation as an error, which `docs/deploy.md` tells operators to expect.

use std::collections::HashSet;

use sqlx::FromRow;

use super::super::conversations::{ConversationRow, RETURNED_CONVERSATION};
use super::super::messages::{author_to_db, preview, take_seq_set};
use super::super::sql::Sql;
use super::{ChatMessage, padded};

/// The most messages one statement writes: each takes nine parameters.
const MAX_ROWS: usize = 256;

/// What the statement returns for each message it stored: the conversation as the
/// message left it, and the message's id.
#[derive(FromRow)]
pub(super) struct Written {
    #[sqlx(flatten)]
    pub conversation: ConversationRow,
    pub message_id: i64,
}

/// The statement that writes `pending` (sorted by conversation), when one can: at most
/// one message per conversation, all of one kind of sender, and not too many.
///
/// It returns a row for each message stored; a message without one found no
/// conversation to write to (missing, or ended when the message was meant for an open
/// chat).
pub(super) fn statement(batch: &[ChatMessage], pending: &[usize]) -> Option<Sql> {
    let kind = |message: &ChatMessage| (message.author_kind, message.internal, message.open_only);
    let first = &batch[*pending.first()?];
    let mut conversations = HashSet::with_capacity(pending.len());
    let fits = pending.len() <= MAX_ROWS
        && pending.iter().all(|&index| kind(&batch[index]) == kind(first))
        && pending.iter().all(|&index| conversations.insert(batch[index].conversation_id));
    if !fits {
        return None;
    }
    let (author_kind, internal, open_only) = kind(first);
    let author = author_to_db(author_kind);
    // Padded like the transaction's statements, so a few shapes are prepared; the
    // repeated rows are dropped by `DISTINCT`.
    let rows: Vec<&ChatMessage> = padded(pending).map(|&index| &batch[index]).collect();
    let ids: Vec<i64> = rows.iter().map(|message| message.conversation_id).collect();

    let mut sql = Sql::new(
        "WITH given AS (SELECT DISTINCT column1 AS given_id, column2 AS given_preview, column3 AS given_at, \
         column4 AS given_author_id, column5 AS given_author_name, column6 AS given_body, \
         column7 AS given_client_id FROM (VALUES ",
    );
    for (position, message) in rows.iter().enumerate() {
        sql.push(if position == 0 { "(" } else { ", (" });
        sql.bind(message.conversation_id).push(", ").bind(preview(&message.body, 0)).push(", ");
        sql.bind(message.created_at).push(", ").bind(message.author_id).push(", ");
        sql.bind(message.author_name.as_str()).push(", ").bind(message.body.as_str()).push(", ");
        sql.bind(message.client_id.as_str()).push(")");
    }
    // Locked in id order, as the transaction does, so batches never wait for each
    // other in a cycle; whether each is open is read under the lock.
    sql.push(
        ") AS rows_given), \
         locked AS (SELECT id AS locked_id, closed_at IS NULL AS is_open FROM conversations WHERE id IN (",
    );
    sql.bind_list(&ids).push(") ORDER BY id FOR UPDATE), ");
    let set = take_seq_set(author_kind, internal, "v.given_preview", &format!("'{author}'"), "v.given_at");
    sql.push(&format!(
        "updated AS (UPDATE conversations SET {set} FROM given AS v, locked \
         WHERE conversations.id = v.given_id AND locked.locked_id = v.given_id"
    ));
    if open_only {
        sql.push(" AND locked.is_open");
    }
    // The ids again, as a list: PostgreSQL then finds the rows through the primary key
    // however few conversations its statistics expect.
    sql.push(" AND conversations.id IN (");
    sql.bind_list(&ids).push(&format!(") RETURNING {RETURNED_CONVERSATION}), "));
    sql.push(&format!(
        "inserted AS (INSERT INTO messages (conversation_id, seq, author_kind, author_id, author_name, body, \
         client_id, created_at, internal) \
         SELECT v.given_id, u.last_seq, '{author}', v.given_author_id, v.given_author_name, v.given_body, \
         v.given_client_id, v.given_at, {internal} FROM given AS v JOIN updated AS u ON u.id = v.given_id \
         RETURNING id, conversation_id) \
         SELECT u.*, i.id AS message_id FROM updated AS u JOIN inserted AS i ON i.conversation_id = u.id",
        internal = i64::from(internal),
    ));
    Some(sql)
}
