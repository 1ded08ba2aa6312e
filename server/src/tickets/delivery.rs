//! What becomes of a ticket's mail, on the ticket: a delivery the outbox will try again
//! (`delivery_deferred`), one it gave up on or that bounced (`delivery_failed`). The
//! outbox worker, which runs without a desk, records its outcomes here, in the
//! transaction that updates the outbox row.

use protocol::tickets::TicketEventKind;

use super::writes::append;
use super::{DeskKey, TicketError};
use crate::store::{Actor, EventWrite, OutboxRecord, Store, TicketTx};

/// Puts a claimed mail back in the queue, due at `next_attempt_at`, with the error of
/// the attempt that failed, and in the same transaction appends a `delivery_deferred`
/// event to its ticket, if it has one, so agents see each failed attempt: the reason is
/// the body, the attempt's number the old value, the mail's Message-ID the new one.
/// False when the claim was lost, in which case nothing is written.
pub async fn mark_retry(
    store: &Store,
    claim: &OutboxRecord,
    next_attempt_at: i64,
    error: &str,
    now: i64,
) -> anyhow::Result<bool> {
    let mut tx = store.begin_ticket_tx(DeskKey::new()).await?;
    let Some(ticket_id) = tx.requeue_mail(claim, next_attempt_at, error).await? else {
        return Ok(false);
    };
    if let Some(ticket_id) = ticket_id {
        let reason = format!("{}: {error}", claim.recipient);
        let number = claim.attempts.to_string();
        let write = EventWrite {
            body: Some(&reason),
            old_value: Some(&number),
            new_value: Some(&claim.message_id),
            ..EventWrite::new(TicketEventKind::DeliveryDeferred)
        };
        match append_to(&mut tx, ticket_id, &write, now).await {
            // Deleted since the row was read: there is no one left to tell.
            Ok(()) | Err(TicketError::NotFound) => {}
            Err(other) => return Err(anyhow::Error::new(other).context("record deferred delivery")),
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Gives up on a claimed mail and, in the same transaction, appends a
/// `delivery_failed` event with `error` to its ticket, if it still has one. False when
/// the claim was lost, in which case nothing is written.
pub async fn mark_failed(store: &Store, claim: &OutboxRecord, error: &str, now: i64) -> anyhow::Result<bool> {
    let mut tx = store.begin_ticket_tx(DeskKey::new()).await?;
    let Some(ticket_id) = tx.fail_mail(claim, error).await? else {
        return Ok(false);
    };
    if let Some(ticket_id) = ticket_id {
        let reason = format!("{}: {error}", claim.recipient);
        match append_to(&mut tx, ticket_id, &failed(&reason, &claim.message_id), now).await {
            // Deleted since the row was read: there is no one left to tell.
            Ok(()) | Err(TicketError::NotFound) => {}
            Err(other) => return Err(anyhow::Error::new(other).context("record delivery failure")),
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Records a bounce of the outgoing mail `message_id` on its ticket, the way the outbox
/// records a failed delivery. None when no ticket sent that mail.
pub(super) async fn record_bounce(
    store: &Store,
    message_id: &str,
    reason: &str,
    now: i64,
) -> anyhow::Result<Option<i64>> {
    let Some(ticket_id) = store.ticket_of_sent_mail(message_id).await? else {
        return Ok(None);
    };
    let mut tx = store.begin_ticket_tx(DeskKey::new()).await?;
    match append_to(&mut tx, ticket_id, &failed(reason, message_id), now).await {
        Ok(()) => {}
        Err(TicketError::NotFound) => return Ok(None),
        Err(other) => return Err(anyhow::Error::new(other).context("record bounce")),
    }
    tx.commit().await?;
    Ok(Some(ticket_id))
}

/// A `delivery_failed` event: `reason` is the body, and the failed mail's Message-ID
/// goes in `new_value`, because the reply event on the ticket already holds it in
/// `message_id`, which is unique per ticket.
fn failed<'a>(reason: &'a str, message_id: &'a str) -> EventWrite<'a> {
    EventWrite { body: Some(reason), new_value: Some(message_id), ..EventWrite::new(TicketEventKind::DeliveryFailed) }
}

/// Appends a system event to a ticket, locking it first.
async fn append_to(tx: &mut TicketTx, ticket_id: i64, write: &EventWrite<'_>, now: i64) -> Result<(), TicketError> {
    let current = tx.lock(ticket_id).await?;
    append(tx, &current, Actor::System, write, now).await.map(|_| ())
}
