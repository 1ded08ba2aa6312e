//! The outbox worker: delivers the mail queued in the database's outbox, retrying
//! temporary failures with exponential backoff and recording permanent ones on the
//! ticket, where agents see them.
//!
//! Mail is queued by [`prepare`] and [`store::enqueue_mail`](crate::store::enqueue_mail)
//! in the transaction of the event it belongs to, so a committed reply always goes out
//! and a rolled-back one never does. The worker claims due rows under a lease, sends the
//! stored bytes unchanged, and marks each row by its claim; a worker that outlived its
//! lease cannot overwrite what another did since. Between passes it waits for the poll
//! interval, a poke from [`OutboxHandle`] (fresh mail goes out at once), or shutdown.
//!
//! Delivery is at least once: a worker that dies after the server accepted a message
//! but before the row says `sent` will have it sent again when its lease runs out.
//! Receivers drop the duplicate by its Message-ID.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use lettre::Address;
use lettre::address::Envelope;
use tokio::sync::Notify;

use super::{ComposeError, OutgoingMail, SendError, Transport};
use crate::clock::Clock;
use crate::shutdown::Shutdown;
use crate::store::{NewOutgoing, OutboxRecord, Store};

/// How the worker paces itself.
#[derive(Debug, Clone)]
pub struct OutboxSettings {
    /// The wait after the first temporary failure; it doubles with each further one.
    pub backoff_base: Duration,
    /// The longest wait between two attempts.
    pub backoff_max: Duration,
    /// Attempts before a mail that keeps failing temporarily is given up on.
    pub max_attempts: i64,
    /// How long a claim lasts. Longer than any one send (the SMTP timeout), so a live
    /// worker never loses its rows; a dead worker's rows are retried once it runs out.
    pub lease: Duration,
    /// Mails claimed per pass.
    pub batch: usize,
    /// How often the worker looks for due mail when nobody pokes it.
    pub poll_interval: Duration,
}

impl Default for OutboxSettings {
    fn default() -> Self {
        Self {
            backoff_base: Duration::from_secs(30),
            backoff_max: Duration::from_secs(60 * 60),
            max_attempts: 10,
            lease: Duration::from_secs(5 * 60),
            batch: 20,
            poll_interval: Duration::from_secs(1),
        }
    }
}

/// Wakes the worker so newly queued mail goes out without waiting for the next poll.
/// Cheap to clone; lives in [`AppState`](crate::state::AppState).
#[derive(Debug, Clone, Default)]
pub struct OutboxHandle {
    notify: Arc<Notify>,
}

impl OutboxHandle {
    /// Asks the worker to look at the outbox now. Call it after the queuing transaction
    /// commits. Pokes while the worker is busy are remembered as one.
    pub fn poke(&self) {
        self.notify.notify_one();
    }
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub claimed: usize,
    pub sent: usize,
    /// Failed temporarily and queued again.
    pub retried: usize,
    /// Given up on: a permanent failure, or the last attempt.
    pub failed: usize,
    /// Rows whose claim another worker took over before this one finished.
    pub lost: usize,
}

/// Delivers the outbox. Several may run at once, in one process or on several nodes.
#[derive(Debug, Clone)]
pub struct OutboxWorker {
    pub store: Store,
    pub transport: Transport,
    pub clock: Clock,
    pub settings: OutboxSettings,
}

/// A composed mail ready for [`store::enqueue_mail`](crate::store::enqueue_mail): its
/// bytes, and its envelope from the From and To addresses.
pub fn prepare(
    mail: &OutgoingMail,
    workspace_id: i64,
    ticket_id: Option<i64>,
    event_seq: Option<i64>,
) -> Result<NewOutgoing, ComposeError> {
    let bytes = mail.to_bytes()?;
    // lettre writes headers in ASCII and a text part as 7-bit, quoted-printable or
    // base64 encoded, or 8-bit UTF-8, so the message is always valid UTF-8 text.
    let raw = String::from_utf8(bytes).map_err(|_| ComposeError::Build(lettre::error::Error::NonAsciiChars))?;
    Ok(NewOutgoing {
        workspace_id,
        ticket_id,
        event_seq,
        message_id: mail.message_id.clone(),
        envelope_from: mail.from.address.clone(),
        recipient: mail.to.address.clone(),
        raw,
    })
}

/// The copies of a prepared mail for the people in its Cc: the same bytes and
/// Message-ID, each with its own envelope recipient, so each is delivered and retried on
/// its own.
pub fn prepare_copies(mail: &OutgoingMail, prepared: &NewOutgoing) -> Vec<NewOutgoing> {
    mail.cc.iter().map(|copied| NewOutgoing { recipient: copied.address.clone(), ..prepared.clone() }).collect()
}

/// The wait before attempt `attempts + 1`, after `attempts` (at least 1) have failed:
/// `base * 2^(attempts - 1)`, at most `max`.
pub fn backoff(settings: &OutboxSettings, attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 32)).unwrap_or(32);
    settings.backoff_base.saturating_mul(2u32.saturating_pow(doublings)).min(settings.backoff_max)
}

impl OutboxWorker {
    /// Claims the mail due now, sends it and records each outcome.
    pub async fn run_once(&self) -> anyhow::Result<RunSummary> {
        let lease_ms = millis(self.settings.lease);
        let claimed = self.store.claim_due_mail(self.clock.now(), lease_ms, self.settings.batch).await?;
        let mut summary = RunSummary { claimed: claimed.len(), ..RunSummary::default() };
        for mail in &claimed {
            let outcome = self.send(mail).await;
            let now = self.clock.now();
            let kept = match outcome {
                Ok(()) => {
                    summary.sent += 1;
                    self.store.mark_mail_sent(mail, now).await?
                }
                Err(SendError::Temporary(error)) if mail.attempts < self.settings.max_attempts => {
                    summary.retried += 1;
                    let next = now.saturating_add(millis(backoff(&self.settings, mail.attempts)));
                    tracing::info!(id = mail.id, attempts = mail.attempts, %error, "mail delivery will be retried");
                    crate::tickets::delivery::mark_retry(&self.store, mail, next, &error, now).await?
                }
                Err(SendError::Temporary(error) | SendError::Permanent(error)) => {
                    summary.failed += 1;
                    tracing::warn!(id = mail.id, attempts = mail.attempts, %error, "mail delivery failed");
                    crate::tickets::delivery::mark_failed(&self.store, mail, &error, now).await?
                }
            };
            if !kept {
                summary.lost += 1;
                tracing::warn!(id = mail.id, "lost the claim on a mail while sending it");
            }
        }
        Ok(summary)
    }

    /// Runs passes until shutdown: after each, it waits for the poll interval or a poke,
    /// unless the pass was full and more mail may be due. Errors are logged and the
    /// worker carries on; the database is the queue, so nothing is lost.
    pub async fn run(self, handle: OutboxHandle, mut shutdown: Shutdown) {
        loop {
            if shutdown.is_triggered() {
                break;
            }
            let more = match self.run_once().await {
                Ok(summary) => summary.claimed == self.settings.batch,
                Err(error) => {
                    tracing::error!(error = format!("{error:#}"), "mail outbox pass failed");
                    false
                }
            };
            if more {
                continue;
            }
            tokio::select! {
                () = shutdown.recv() => break,
                () = handle.notify.notified() => {}
                () = tokio::time::sleep(self.settings.poll_interval) => {}
            }
        }
    }

    async fn send(&self, mail: &OutboxRecord) -> Result<(), SendError> {
        let envelope = envelope(mail).map_err(|error| SendError::Permanent(format!("{error:#}")))?;
        self.transport.send_raw(&envelope, &mail.message_id, mail.raw.as_bytes()).await
    }
}

fn envelope(mail: &OutboxRecord) -> anyhow::Result<Envelope> {
    let from: Address = mail.envelope_from.parse().context("the envelope sender is not an email address")?;
    let to: Address = mail.recipient.parse().context("the recipient is not an email address")?;
    Envelope::new(Some(from), vec![to]).context("build the envelope")
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_until_the_cap() {
        let settings = OutboxSettings::default();
        let waits: Vec<u64> = (1..=9).map(|attempts| backoff(&settings, attempts).as_secs()).collect();

        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }

    #[test]
    fn backoff_stays_capped_for_absurd_attempt_counts() {
        let settings = OutboxSettings::default();

        assert_eq!(backoff(&settings, 64), Duration::from_secs(3600));
        assert_eq!(backoff(&settings, i64::MAX), Duration::from_secs(3600));
        assert_eq!(backoff(&settings, 0), Duration::from_secs(30), "a first attempt waits the base");
    }

    #[test]
    fn prepared_mail_keeps_the_composed_bytes_and_the_envelope() {
        let mail = OutgoingMail {
            cc: Vec::new(),
            attachments: Vec::new(),
            from: super::super::Mailbox::new("Acme Support", "support@acme.example"),
            to: super::super::Mailbox::new("Jane", "jane@customer.example"),
            reply_to: None,
            subject: "Réponse".into(),
            text: "Grüße\n".into(),
            message_id: "<m1@acme.example>".into(),
            in_reply_to: None,
            references: vec![],
            automatic: false,
            date: 1_700_000_000_000,
        };

        let prepared = prepare(&mail, 7, Some(3), Some(2)).expect("prepared");

        assert_eq!(prepared.raw.as_bytes(), mail.to_bytes().expect("bytes"));
        assert_eq!(prepared.envelope_from, "support@acme.example");
        assert_eq!(prepared.recipient, "jane@customer.example");
        assert_eq!((prepared.workspace_id, prepared.ticket_id, prepared.event_seq), (7, Some(3), Some(2)));
    }
}
