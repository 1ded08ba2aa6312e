//! The ticket timers: a ticket waiting on its customer gets one reminder after the
//! workspace's `reminder_days`, and is closed with a notice after `close_days`; a
//! resolved ticket nobody reopened within `close_days` is closed quietly (the customer
//! already heard it was resolved).
//! Driven by the server's [`Clock`](crate::clock::Clock), so tests move time instead of
//! waiting for it.

use std::time::Duration;

use protocol::tickets::TicketStatus;

use super::desk::{Desk, queue};
use super::{Change, TicketError, letters};
use crate::shutdown::Shutdown;
use crate::store::Actor;

/// Tickets handled per kind and pass.
const BATCH: i64 = 100;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimerSummary {
    pub reminded: usize,
    /// Pending tickets closed for silence.
    pub closed: usize,
    /// Resolved tickets closed for good.
    pub closed_resolved: usize,
}

impl Desk {
    /// Sends the reminders and closes the tickets that are due now.
    pub async fn run_timers(&self) -> anyhow::Result<TimerSummary> {
        let now = self.clock.now();
        let mut summary = TimerSummary::default();
        // Closing first: a ticket silent for both periods is closed, not reminded.
        for ticket in self.store.tickets_due_closing(now, BATCH).await? {
            let Some(pending_since) = ticket.pending_since else { continue };
            let (_, settings) = self.support(ticket.workspace_id).await?;
            let thread = self.thread(ticket.id).await?;
            let address = self.address_of(&ticket).await?;
            let words = self.words_for(&ticket).await?;
            let result = self
                .writes()
                .change(ticket.id, Actor::System, Change::Status(TicketStatus::Closed), now, |current| {
                    if current.status != TicketStatus::Pending || current.pending_since != Some(pending_since) {
                        return Err(TicketError::Stale);
                    }
                    if current.requester_email.is_empty() {
                        return Ok(None);
                    }
                    let days = settings.close_days;
                    let mail = letters::closed_for_silence(&self.mailer, current, &words, address, days, thread, now);
                    queue(&mail, current).map(Some)
                })
                .await;
            summary.closed += usize::from(took_effect(result, ticket.id, "closing"));
        }
        for ticket in self.store.tickets_resolved_past(now, BATCH).await? {
            let resolved_at = ticket.resolved_at;
            let result = self
                .writes()
                .change(ticket.id, Actor::System, Change::Status(TicketStatus::Closed), now, |current| {
                    if current.status != TicketStatus::Resolved || current.resolved_at != resolved_at {
                        return Err(TicketError::Stale);
                    }
                    Ok(None)
                })
                .await;
            summary.closed_resolved += usize::from(took_effect(result, ticket.id, "closing"));
        }
        for ticket in self.store.tickets_due_reminder(now, BATCH).await? {
            let Some(pending_since) = ticket.pending_since else { continue };
            if ticket.requester_email.is_empty() {
                continue;
            }
            let (_, settings) = self.support(ticket.workspace_id).await?;
            let close_at = pending_since.saturating_add(settings.close_days.saturating_mul(DAY_MS));
            let mail = letters::reminder(
                &self.mailer,
                &ticket,
                &self.words_for(&ticket).await?,
                self.address_of(&ticket).await?,
                close_at,
                self.thread(ticket.id).await?,
                now,
            );
            let result = match queue(&mail, &ticket) {
                Ok(mail) => self.writes().record_reminder(ticket.id, pending_since, mail, now).await,
                Err(error) => Err(error),
            };
            summary.reminded += usize::from(took_effect(result, ticket.id, "reminder"));
        }
        if summary != TimerSummary::default() {
            self.outbox.poke();
        }
        Ok(summary)
    }

    /// Runs the timers every `every` until shutdown. A failed pass is logged and the
    /// next one tries again: the database says what is due.
    pub async fn run_timers_until_stopped(self, every: Duration, mut shutdown: Shutdown) {
        loop {
            if let Err(error) = self.run_timers().await {
                tracing::error!(error = format!("{error:#}"), "ticket timers failed");
            }
            tokio::select! {
                () = shutdown.recv() => break,
                () = tokio::time::sleep(every) => {}
            }
        }
    }
}

/// Whether a timer's step on a ticket took effect. A stale ticket (the customer answered
/// while the pass looked) is skipped; any other failure is logged, so one ticket's
/// trouble never holds up the others.
fn took_effect<T>(result: Result<T, TicketError>, ticket_id: i64, step: &str) -> bool {
    match result {
        Ok(_) => true,
        Err(TicketError::Stale) => false,
        Err(error) => {
            tracing::error!(ticket = ticket_id, error = format!("{error:#}"), "ticket {step} failed");
            false
        }
    }
}
