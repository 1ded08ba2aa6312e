//! The message writer: one task that stores the chat messages of every socket of this
//! node with group commit. Whatever arrived while the last batch was committing goes
//! into the next one, so under load many messages share a transaction and its fsync,
//! and alone a message is written at once. Each sender is answered only after the
//! commit that holds its message, so an ack still means "stored".

use anyhow::anyhow;
use tokio::sync::{mpsc, oneshot};

use crate::store::{Batched, ChatMessage, Store};

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
    answer: oneshot::Sender<anyhow::Result<Batched>>,
}

impl MessageWriter {
    /// Starts the writer task; it ends when the last `MessageWriter` is dropped.
    pub fn spawn(store: Store) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(run(store, queue));
        Self { jobs }
    }

    /// Stores `message` and says what became of it, once its transaction committed.
    /// Dropping the future does not withdraw the message: it may still be stored, as
    /// a message whose ack was lost would be, and a resend finds it by client id.
    pub async fn append(&self, message: ChatMessage) -> anyhow::Result<Batched> {
        let (answer, answered) = oneshot::channel();
        let stopped = || anyhow!("the message writer has stopped");
        self.jobs.send(Job { message, answer }).await.map_err(|_| stopped())?;
        answered.await.map_err(|_| stopped())?
    }
}

async fn run(store: Store, mut queue: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_BATCH);
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
        match store.append_batch(&messages).await {
            Ok(outcomes) => {
                for (answer, outcome) in answers.into_iter().zip(outcomes) {
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
