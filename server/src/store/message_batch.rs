//! Group commit: the chat messages of many senders stored in one transaction. Each takes
//! its conversation's next sequence number as it would alone, and comes back with the
//! conversation as it left it, so nothing has to be read again to announce it.
//!
//! Statements for a batch, whatever its size: `BEGIN`; on PostgreSQL, one `SELECT … FOR
//! UPDATE` that locks the conversations in id order and reads which are open; one
//! `UPDATE … FROM (VALUES …) RETURNING` per kind of sender (visitor, agent, note) for the
//! first message of each conversation, and again for the second of those that have two,
//! and so on; one `INSERT` of all the rows; `COMMIT`. One commit (one fsync) for all.
//!
//! Statements with many rows are cut into pieces of at most 32 rows, and the last one
//! is padded to 1, 2, 4, 8, 16 or 32 rows by repeating a row: a few shapes are prepared
//! once and reused, a batch of up to 32 messages takes one statement of each kind, and
//! SQLite, which looks up each numbered parameter by scanning the list of them, never
//! binds hundreds in one statement.
//!
//! The message writer keeps a connection of its own for its batches
//! ([`BatchConnection`]), outside the pool, and begins and ends their transactions with
//! plain statements. Taken from the pool for each batch, a connection was pinged as it
//! was lent and again as it came back, and sqlx's transaction calls wait for an extra
//! acknowledgement: on SQLite, where every statement is a hand-off to the connection's
//! own thread, that was twice as many hand-offs per batch as statements.
//!
//! On PostgreSQL, a batch of at most one message per conversation from one kind of
//! sender, the usual case, is first tried as a single statement ([`single`]).

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use protocol::api::AuthorKind;
use sqlx::AnyConnection;

use super::conversations::{ConversationRow, RETURNED_CONVERSATION};
use super::messages::{DbAuthor, Flag, StoredMessage, author_to_db, preview, take_seq_set};
use super::sql::Sql;
use super::{Backend, ConversationRecord, Store, is_unique_violation};

mod single;

/// The most rows one statement writes.
const MAX_ROWS: usize = 32;

/// Cuts `items` into consecutive pieces of at most `MAX_ROWS`, one statement each.
fn cut<T>(items: &[T]) -> std::slice::Chunks<'_, T> {
    items.chunks(MAX_ROWS)
}

/// A piece's rows as its statement binds them: padded to a power of two by repeating
/// its last row, so whatever a batch holds, a few shapes of each statement are prepared
/// once and reused, and a batch takes one statement per `MAX_ROWS` rows. A repeated row
/// changes nothing: an `UPDATE … FROM` updates each row once however many times the
/// join gives it, a repeated id locks nothing more, and a repeated message inserts
/// nothing, as it conflicts with itself (`ON CONFLICT DO NOTHING`) and is not returned.
fn padded<T>(piece: &[T]) -> impl Iterator<Item = &T> {
    let repeats = piece.len().next_power_of_two() - piece.len();
    piece.iter().chain(piece.last().into_iter().cycle().take(repeats))
}

/// A chat message without files, to store in a batch.
#[derive(Debug, Clone)]
pub struct ChatMessage {
    pub conversation_id: i64,
    /// Store it only while the conversation has not ended: the sender meant "my open
    /// chat", and an ended one is not that any more.
    pub open_only: bool,
    pub author_kind: AuthorKind,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub body: String,
    pub client_id: String,
    /// A note for agents only.
    pub internal: bool,
    pub created_at: i64,
}

/// What became of one message of a batch.
#[derive(Debug)]
pub enum Batched {
    /// Stored now; the conversation as this message left it.
    Created { message: StoredMessage, conversation: ConversationRecord },
    /// The same sender already stored a message with this client id; this is it.
    Duplicate(StoredMessage),
    /// Another sender used this client id in the conversation.
    ClientIdTaken,
    /// The conversation does not exist, or has ended and the message was `open_only`.
    NoConversation,
}

/// How one attempt at writing a batch ended.
enum Attempt {
    Committed,
    /// These messages' client ids were already taken: nothing was kept, and the batch
    /// goes again without them.
    Taken(Vec<usize>),
}

/// A connection kept for writing batches, outside the pool (so a pool of one still has
/// its connection), made by the task that uses it, on that task's runtime. Made when
/// first needed. A transaction holds it taken out, so one that did not end cleanly
/// (an error, or its future dropped) takes it along and closes it: it is never used
/// again, and closing it rolls back whatever it held.
#[derive(Default)]
pub struct BatchConnection {
    conn: Option<AnyConnection>,
}

impl std::fmt::Debug for BatchConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchConnection").field("connected", &self.conn.is_some()).finish()
    }
}

impl Store {
    /// Stores `batch` in one transaction and says what became of each message, in
    /// order. Messages that repeat a stored client id are answered with the stored one,
    /// as a lone append would; an error means nothing of the batch was stored.
    pub async fn append_batch(&self, batch: &[ChatMessage]) -> anyhow::Result<Vec<Batched>> {
        self.append_batch_on(&mut BatchConnection::default(), batch).await
    }

    /// [`append_batch`](Self::append_batch) on a connection kept from one batch to the
    /// next.
    pub async fn append_batch_on(
        &self,
        held: &mut BatchConnection,
        batch: &[ChatMessage],
    ) -> anyhow::Result<Vec<Batched>> {
        let mut outcomes: Vec<Option<Batched>> = batch.iter().map(|_| None).collect();
        // The first of each client id in a conversation is written; a repeat within the
        // batch is answered from it afterwards, like one stored before.
        let mut seen = HashSet::new();
        let (mut pending, mut stored_before): (Vec<usize>, Vec<usize>) =
            (0..batch.len()).partition(|&index| seen.insert((batch[index].conversation_id, &batch[index].client_id)));
        // Conversations are locked in id order, so two nodes' batches never wait for
        // each other in a cycle; the sort is stable, so one conversation's messages keep
        // the order they came in.
        pending.sort_by_key(|&index| batch[index].conversation_id);
        loop {
            match self.write_batch(held, batch, &pending, &mut outcomes).await? {
                Attempt::Committed => break,
                Attempt::Taken(taken) => {
                    pending.retain(|index| !taken.contains(index));
                    stored_before.extend(taken);
                }
            }
        }
        for index in stored_before {
            let message = &batch[index];
            let existing = self.message_by_client_id(message.conversation_id, &message.client_id).await?;
            outcomes[index] = Some(match existing {
                Some(existing) if existing.is_by(message.author_kind, message.author_id) => {
                    Batched::Duplicate(existing)
                }
                Some(_) => Batched::ClientIdTaken,
                // Its first in this batch found no conversation.
                None => Batched::NoConversation,
            });
        }
        outcomes.into_iter().map(|outcome| outcome.context("a message of the batch has no outcome")).collect()
    }

    /// One attempt at `pending`: on `Committed`, their outcomes are filled in. A kept
    /// connection that fails is replaced and the attempt made once more: it may have
    /// broken while idle (the database restarted). That is safe, because a failed
    /// attempt stored nothing, or (when only the answer to its `COMMIT` was lost) all
    /// of it, which the second attempt then finds by client id.
    async fn write_batch(
        &self,
        held: &mut BatchConnection,
        batch: &[ChatMessage],
        pending: &[usize],
        outcomes: &mut [Option<Batched>],
    ) -> anyhow::Result<Attempt> {
        if pending.is_empty() {
            return Ok(Attempt::Committed);
        }
        let mut again = held.conn.is_some();
        loop {
            let mut conn = match held.conn.take() {
                Some(conn) => conn,
                None => self.connect_for_batches().await?,
            };
            match self.attempt(&mut conn, batch, pending, outcomes).await {
                Ok(attempt) => {
                    held.conn = Some(conn);
                    return Ok(attempt);
                }
                // The failed connection is dropped here, which closes it.
                Err(error) if again => {
                    tracing::warn!(error = format!("{error:#}"), "writing messages failed; again on a new connection");
                    again = false;
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// A connection for the writer's batches. On PostgreSQL its statements are planned
    /// with their values each time: the generic plan PostgreSQL adopts for a prepared
    /// statement after a few runs made the one-statement batch take two to three times
    /// as long in some runs (20-30 messages in about 10 ms instead of 4). The statements
    /// stay prepared, so each is still one round trip.
    async fn connect_for_batches(&self) -> anyhow::Result<AnyConnection> {
        let mut conn = self.connect_one().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SET plan_cache_mode = force_custom_plan")
                .execute(&mut conn)
                .await
                .context("plan the writer's statements with their values")?;
        }
        Ok(conn)
    }

    /// The batch in one statement where it can be ([`single`]), else as a transaction.
    async fn attempt(
        &self,
        conn: &mut AnyConnection,
        batch: &[ChatMessage],
        pending: &[usize],
        outcomes: &mut [Option<Batched>],
    ) -> anyhow::Result<Attempt> {
        let statement = match self.backend() {
            Backend::Postgres => single::statement(batch, pending),
            Backend::Sqlite => None,
        };
        let Some(statement) = statement else {
            return self.transaction(conn, batch, pending, outcomes).await;
        };
        let written = match statement.fetch_all::<single::Written>(&mut *conn).await {
            Ok(written) => written,
            // A client id was taken, and nothing stored: the transaction finds which.
            Err(error) if is_unique_violation(&error) => return self.transaction(conn, batch, pending, outcomes).await,
            Err(error) => return Err(error).context("write a batch of messages"),
        };
        let mut by_conversation = HashMap::with_capacity(written.len());
        for row in written {
            let conversation = ConversationRecord::try_from(row.conversation)?;
            by_conversation.insert(conversation.id, (row.message_id, conversation));
        }
        for &index in pending {
            let message = &batch[index];
            outcomes[index] = Some(match by_conversation.remove(&message.conversation_id) {
                Some((id, conversation)) => {
                    Batched::Created { message: stored(message, id, conversation.last_seq), conversation }
                }
                None => Batched::NoConversation,
            });
        }
        Ok(Attempt::Committed)
    }

    /// `BEGIN`, the batch's statements, and `COMMIT` (or `ROLLBACK`, when client ids
    /// were taken).
    async fn transaction(
        &self,
        tx: &mut AnyConnection,
        batch: &[ChatMessage],
        pending: &[usize],
        outcomes: &mut [Option<Batched>],
    ) -> anyhow::Result<Attempt> {
        sqlx::query("BEGIN").execute(&mut *tx).await.context("begin a batch of messages")?;
        let locked = if self.backend() == Backend::Postgres {
            // Locked in id order, so two nodes' batches never wait for each other in a
            // cycle, whatever order the updates' plans visit the rows in. Whether each
            // is open is read here, under the lock, so the updates need no condition
            // on it: one would let a plan made on a young table scan every open
            // conversation through the open chats' index.
            let mut ids: Vec<i64> = pending.iter().map(|&index| batch[index].conversation_id).collect();
            ids.dedup();
            let mut open = HashMap::with_capacity(ids.len());
            for piece in cut(&ids) {
                let mut sql = Sql::new(
                    "SELECT id, CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END FROM conversations WHERE id IN (",
                );
                let padded: Vec<i64> = padded(piece).copied().collect();
                sql.bind_list(&padded).push(") ORDER BY id FOR UPDATE");
                let rows: Vec<(i64, i64)> = sql.fetch_all(&mut *tx).await.context("lock the conversations")?;
                open.extend(rows.into_iter().map(|(id, is_open)| (id, is_open == 1)));
            }
            Some(open)
        } else {
            None
        };
        let (taken_seq, gone) = take_seqs(&mut *tx, batch, pending, locked.as_ref()).await?;
        let mut inserted: Vec<(i64, i64, i64)> = Vec::new();
        for piece in cut(&taken_seq) {
            let mut sql = Sql::new(
                "INSERT INTO messages (conversation_id, seq, author_kind, author_id, author_name, body, client_id, \
                 created_at, internal) VALUES ",
            );
            for (position, (index, conversation)) in padded(piece).enumerate() {
                let message = &batch[*index];
                sql.push(if position == 0 { "(" } else { ", (" });
                sql.bind(message.conversation_id).push(", ").bind(conversation.last_seq).push(", ");
                sql.bind(author_to_db(message.author_kind)).push(", ").bind(message.author_id).push(", ");
                sql.bind(message.author_name.as_str()).push(", ").bind(message.body.as_str()).push(", ");
                sql.bind(message.client_id.as_str()).push(", ").bind(message.created_at).push(", ");
                sql.bind(i64::from(message.internal)).push(")");
            }
            // A client id already taken inserts nothing (and takes no lock past its own
            // row), so the attempt can tell which and go again without them.
            sql.push(" ON CONFLICT DO NOTHING RETURNING id, conversation_id, seq");
            inserted.extend(sql.fetch_all::<(i64, i64, i64)>(&mut *tx).await.context("insert a batch of messages")?);
        }
        // Message ids by conversation and seq: RETURNING promises no order.
        let ids: HashMap<(i64, i64), i64> =
            inserted.iter().map(|&(id, conversation_id, seq)| ((conversation_id, seq), id)).collect();
        if ids.len() < taken_seq.len() {
            let taken = taken_seq
                .iter()
                .filter(|(_, conversation)| !ids.contains_key(&(conversation.id, conversation.last_seq)))
                .map(|(index, _)| *index)
                .collect();
            // Rolled back: the seqs taken for them would leave gaps.
            sqlx::query("ROLLBACK").execute(&mut *tx).await.context("roll back a batch of messages")?;
            return Ok(Attempt::Taken(taken));
        }
        sqlx::query("COMMIT").execute(&mut *tx).await.context("commit a batch of messages")?;
        for index in gone {
            outcomes[index] = Some(Batched::NoConversation);
        }
        for (index, conversation) in taken_seq {
            let message = &batch[index];
            let id = *ids
                .get(&(conversation.id, conversation.last_seq))
                .context("an inserted message came back without its id")?;
            outcomes[index] =
                Some(Batched::Created { message: stored(message, id, conversation.last_seq), conversation });
        }
        Ok(Attempt::Committed)
    }
}

/// `message` as stored with `id` and `seq`.
fn stored(message: &ChatMessage, id: i64, seq: i64) -> StoredMessage {
    StoredMessage {
        id,
        conversation_id: message.conversation_id,
        seq,
        author_kind: DbAuthor(message.author_kind),
        author_id: message.author_id,
        author_name: message.author_name.clone(),
        body: message.body.clone(),
        client_id: message.client_id.clone(),
        created_at: message.created_at,
        internal: Flag(message.internal),
        change: None,
        files: Vec::new(),
    }
}

/// Takes the next sequence number for each of `pending` (sorted by conversation), and
/// says which found no conversation to write to. A round takes the first message left
/// of each conversation, so one conversation's messages are numbered in the order they
/// came; within a round, one statement for each kind of sender. `locked` holds the
/// conversations already locked and whether each is open (PostgreSQL); without it, the
/// updates check.
async fn take_seqs(
    tx: &mut sqlx::AnyConnection,
    batch: &[ChatMessage],
    pending: &[usize],
    locked: Option<&HashMap<i64, bool>>,
) -> anyhow::Result<(Vec<(usize, ConversationRecord)>, Vec<usize>)> {
    let mut taken = Vec::with_capacity(pending.len());
    let mut gone = Vec::new();
    let mut left = pending.to_vec();
    if let Some(locked) = locked {
        // Missing, or ended for a message meant for an open chat.
        left.retain(|&index| {
            let message = &batch[index];
            let writable = locked.get(&message.conversation_id).is_some_and(|&open| open || !message.open_only);
            if !writable {
                gone.push(index);
            }
            writable
        });
    }
    while !left.is_empty() {
        let mut in_round = HashSet::new();
        let (round, later): (Vec<usize>, Vec<usize>) =
            left.iter().partition(|&&index| in_round.insert(batch[index].conversation_id));
        let kind = |index: usize| {
            let message = &batch[index];
            (message.author_kind, message.internal, message.open_only)
        };
        let mut kinds: Vec<_> = round.iter().map(|&index| kind(index)).collect();
        kinds.sort_by_key(|&(author, internal, open_only)| (author_to_db(author), internal, open_only));
        kinds.dedup();
        for (author, internal, open_only) in kinds {
            let members: Vec<usize> =
                round.iter().copied().filter(|&index| kind(index) == (author, internal, open_only)).collect();
            for piece in cut(&members) {
                let set = take_seq_set(
                    author,
                    internal,
                    "v.given_preview",
                    &format!("'{}'", author_to_db(author)),
                    "v.given_at",
                );
                let mut sql = Sql::new(format!(
                    "UPDATE conversations SET {set} \
                     FROM (SELECT column1 AS given_id, column2 AS given_preview, column3 AS given_at FROM (VALUES "
                ));
                for (position, &index) in padded(piece).enumerate() {
                    let message = &batch[index];
                    sql.push(if position == 0 { "(" } else { ", (" });
                    sql.bind(message.conversation_id).push(", ").bind(preview(&message.body, 0)).push(", ");
                    sql.bind(message.created_at).push(")");
                }
                // The ids again, as a list: PostgreSQL then finds the rows through the
                // primary key however few conversations its statistics expect; joined
                // to the values alone, a plan made on a young table scanned every open
                // conversation.
                let ids: Vec<i64> = padded(piece).map(|&index| batch[index].conversation_id).collect();
                sql.push(") AS rows_given) AS v WHERE conversations.id = v.given_id AND conversations.id IN (");
                sql.bind_list(&ids).push(")");
                if open_only && locked.is_none() {
                    sql.push(" AND conversations.closed_at IS NULL");
                }
                sql.push(&format!(" RETURNING {RETURNED_CONVERSATION}"));
                let rows: Vec<ConversationRow> = sql.fetch_all(&mut *tx).await.context("take seqs")?;
                let mut by_id: HashMap<i64, ConversationRecord> = HashMap::with_capacity(rows.len());
                for row in rows {
                    let conversation = ConversationRecord::try_from(row)?;
                    by_id.insert(conversation.id, conversation);
                }
                for &index in piece {
                    match by_id.remove(&batch[index].conversation_id) {
                        Some(conversation) => taken.push((index, conversation)),
                        None => gone.push(index),
                    }
                }
            }
        }
        left = later;
    }
    Ok((taken, gone))
}

#[cfg(test)]
mod tests {
    use super::{MAX_ROWS, cut, padded};

    #[test]
    fn pieces_cover_every_row_once_in_a_few_shapes() {
        for len in 1..=300 {
            let items: Vec<usize> = (0..len).collect();
            let pieces: Vec<&[usize]> = cut(&items).collect();
            assert_eq!(pieces.len(), len.div_ceil(MAX_ROWS));
            let joined: Vec<usize> = pieces.iter().flat_map(|piece| piece.iter().copied()).collect();
            assert_eq!(joined, items);
            for piece in pieces {
                let rows: Vec<usize> = padded(piece).copied().collect();
                assert!(rows.len().is_power_of_two() && rows.len() <= MAX_ROWS);
                assert_eq!(&rows[..piece.len()], piece);
                assert!(rows[piece.len()..].iter().all(|row| Some(row) == piece.last()));
            }
        }
        let items: Vec<usize> = (0..75).collect();
        let shapes: Vec<usize> = cut(&items).map(|piece| padded(piece).count()).collect();
        assert_eq!(shapes, [32, 32, 16]);
    }
}
