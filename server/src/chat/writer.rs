//! The message writer: one task that stores the chat messages of every socket of this
//! node with group commit. Whatever arrived while the last batch was committing goes
//! into the next one, so under load many messages share a transaction and its fsync,
//! and alone a message is written at once. Each sender is answered only after the
//! commit that holds its message, so an ack still means "stored".
//!
//! The writer also announces what a batch stored on the hub, right after its commit
//! and before it answers anyone, so the sessions only acknowledge.

use std::sync::Arc;

use anyhow::{Context, anyhow};
use tokio::sync::{mpsc, oneshot};

use super::Hub;
use super::announce::announce;
use super::hub::Shared;
use crate::store::{BatchConnection, Batched, ChatMessage, ConversationRecord, Store, StoredMessage};

/// The most messages one transaction holds.
pub const MAX_BATCH: usize = 256;

/// How long a batch under load waits to fill.
const LINGER: std::time::Duration = std::time::Duration::from_millis(1);

/// Messages waiting for the writer; a sender past this waits for room (backpressure on
/// its socket, not memory).
const QUEUE: usize = 4 * MAX_BATCH;

/// Sends messages to the writer task. Cheap to clone.
#[derive(Debug, Clone)]
pub struct MessageWriter {
    jobs: mpsc::Sender<Job>,
}

#[derive(Debug)]
struct Job {
    message: ChatMessage,
    answer: oneshot::Sender<anyhow::Result<Written>>,
}

/// What became of one message.
#[derive(Debug)]
pub enum Written {
    /// Stored now, and already announced to the hub; with the conversation as this
    /// message left it.
    Created { message: Arc<Shared<StoredMessage>>, conversation: ConversationRecord },
    /// The same sender already stored a message with this client id; this is it.
    Duplicate(StoredMessage),
    /// Another sender used this client id in the conversation.
    ClientIdTaken,
    /// The conversation does not exist, or has ended and the message was `open_only`.
    NoConversation,
}

impl MessageWriter {
    /// Starts the writer on a thread of its own, with a runtime of its own: its
    /// statements are on every message's path, and on the server's runtime each answer
    /// from the database waited behind thousands of sockets' tasks before the next
    /// statement went out. It ends when the last `MessageWriter` is dropped.
    pub fn spawn(store: Store, hub: Hub) -> anyhow::Result<Self> {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("a runtime for the message writer")?;
        std::thread::Builder::new()
            .name("message-writer".into())
            .spawn(move || runtime.block_on(run(store, hub, queue)))
            .context("a thread for the message writer")?;
        Ok(Self { jobs })
    }

    /// Stores `message` and says what became of it, once its transaction committed
    /// and, if it is new, once it was announced. Dropping the future does not withdraw
    /// the message: it may still be stored, as a message whose ack was lost would be,
    /// and a resend finds it by client id.
    pub async fn append(&self, message: ChatMessage) -> anyhow::Result<Written> {
        let (answer, answered) = oneshot::channel();
        let stopped = || anyhow!("the message writer has stopped");
        self.jobs.send(Job { message, answer }).await.map_err(|_| stopped())?;
        answered.await.map_err(|_| stopped())?
    }
}

async fn run(store: Store, hub: Hub, mut queue: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_BATCH);
    let mut connection = BatchConnection::default();
    while queue.recv_many(&mut jobs, MAX_BATCH).await > 0 {
        if jobs.len() > 1 {
            // Under load (more than one message was already waiting) the batch waits a
            // moment for more: every transaction costs the same few round trips to the
            // database whatever it holds. A message alone is written at once.
            let until = tokio::time::Instant::now() + LINGER;
            while jobs.len() < MAX_BATCH {
                let room = MAX_BATCH - jobs.len();
                match tokio::time::timeout_at(until, queue.recv_many(&mut jobs, room)).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
            }
        }
        let (messages, answers): (Vec<ChatMessage>, Vec<_>) =
            jobs.drain(..).map(|job| (job.message, job.answer)).unzip();
        let started = std::time::Instant::now();
        let stored = store.append_batch_on(&mut connection, &messages).await;
        tracing::debug!(messages = messages.len(), micros = started.elapsed().as_micros(), "batch written");
        match stored {
            Ok(outcomes) => {
                // Committed: the whole batch is announced first, then each sender hears.
                let written: Vec<Written> = outcomes.into_iter().map(|outcome| publish(&hub, outcome)).collect();
                for (answer, outcome) in answers.into_iter().zip(written) {
                    // A sender that went away has its message stored all the same.
                    let _ = answer.send(Ok(outcome));
                }
            }
            Err(error) => {
                tracing::error!(error = format!("{error:#}"), messages = messages.len(), "storing messages failed");
                for answer in answers {
                    let _ = answer.send(Err(anyhow!("storing the message failed: {error:#}")));
                }
            }
        }
    }
}

/// Announces a message the batch stored; others are passed on as they are.
fn publish(hub: &Hub, outcome: Batched) -> Written {
    match outcome {
        Batched::Created { message, conversation } => {
            let message = Shared::new(message);
            announce(hub, Arc::clone(&message), conversation.clone());
            Written::Created { message, conversation }
        }
        Batched::Duplicate(message) => Written::Duplicate(message),
        Batched::ClientIdTaken => Written::ClientIdTaken,
        Batched::NoConversation => Written::NoConversation,
    }
}
