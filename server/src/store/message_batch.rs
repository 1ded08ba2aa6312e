//! Group commit: the chat messages of many senders stored in one transaction. Each takes
//! its conversation's next sequence number as it would alone, and comes back with the
//! conversation as it left it, so nothing has to be read again to announce it.
//!
//! Round trips for a batch of `n`: `BEGIN`, one `UPDATE … RETURNING` each, one `INSERT`
//! of all the rows, `COMMIT`; so `n + 3`, and one commit (one fsync) for all of them.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use protocol::api::AuthorKind;

use super::conversations::{ConversationRow, RETURNED_CONVERSATION};
use super::messages::{DbAuthor, Flag, StoredMessage, author_to_db, preview, take_seq_sql};
use super::sql::Sql;
use super::{ConversationRecord, Store};

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

impl Store {
    /// Stores `batch` in one transaction and says what became of each message, in
    /// order. Messages that repeat a stored client id are answered with the stored one,
    /// as a lone append would; an error means nothing of the batch was stored.
    pub async fn append_batch(&self, batch: &[ChatMessage]) -> anyhow::Result<Vec<Batched>> {
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
            match self.write_batch(batch, &pending, &mut outcomes).await? {
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

    /// One attempt at `pending`: on `Committed`, their outcomes are filled in.
    async fn write_batch(
        &self,
        batch: &[ChatMessage],
        pending: &[usize],
        outcomes: &mut [Option<Batched>],
    ) -> anyhow::Result<Attempt> {
        if pending.is_empty() {
            return Ok(Attempt::Committed);
        }
        let mut tx = self.pool().begin().await.context("begin a batch of messages")?;
        let mut taken_seq: Vec<(usize, ConversationRecord)> = Vec::with_capacity(pending.len());
        let mut gone = Vec::new();
        for &index in pending {
            let message = &batch[index];
            let ended = if message.open_only { " AND closed_at IS NULL" } else { "" };
            let sql = format!(
                "{}{ended} RETURNING {RETURNED_CONVERSATION}",
                take_seq_sql(message.author_kind, message.internal)
            );
            let update = sqlx::query_as::<_, ConversationRow>(&sql);
            let update = if message.internal {
                update
            } else {
                update.bind(preview(&message.body, 0)).bind(author_to_db(message.author_kind)).bind(message.created_at)
            };
            let row = update.bind(message.conversation_id).fetch_optional(&mut *tx).await.context("take a seq")?;
            match row {
                Some(row) => taken_seq.push((index, row.try_into()?)),
                None => gone.push(index),
            }
        }
        let mut inserted: Vec<(i64, i64, i64)> = Vec::new();
        if !taken_seq.is_empty() {
            let mut sql = Sql::new(
                "INSERT INTO messages (conversation_id, seq, author_kind, author_id, author_name, body, client_id, \
                 created_at, internal) VALUES ",
            );
            for (position, (index, conversation)) in taken_seq.iter().enumerate() {
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
            inserted = sql.fetch_all(&mut tx).await.context("insert a batch of messages")?;
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
            tx.rollback().await.context("roll back a batch of messages")?;
            return Ok(Attempt::Taken(taken));
        }
        tx.commit().await.context("commit a batch of messages")?;
        for index in gone {
            outcomes[index] = Some(Batched::NoConversation);
        }
        for (index, conversation) in taken_seq {
            let message = &batch[index];
            let id = *ids
                .get(&(conversation.id, conversation.last_seq))
                .context("an inserted message came back without its id")?;
            let stored = StoredMessage {
                id,
                conversation_id: message.conversation_id,
                seq: conversation.last_seq,
                author_kind: DbAuthor(message.author_kind),
                author_id: message.author_id,
                author_name: message.author_name.clone(),
                body: message.body.clone(),
                client_id: message.client_id.clone(),
                created_at: message.created_at,
                internal: Flag(message.internal),
                change: None,
                files: Vec::new(),
            };
            outcomes[index] = Some(Batched::Created { message: stored, conversation });
        }
        Ok(Attempt::Committed)
    }
}
