//! A ticket's response targets over its life, read back from its history for reports:
//! which were met and which were breached, and when that was decided.
//!
//! The history is replayed through the same rules the desk applies (`rules.rs`) and the
//! same due times it stores (`sla.rs`), from the ticket as it was created: each spell in
//! which the team owed a response ends when the rules say it does (a public reply, or
//! the ticket set pending, resolved or closed), and its due time is the one the ticket
//! showed just before. Due times are counted in the workspace's hours as they are now.

use protocol::tickets::{TicketEventKind, TicketPriority, TicketStatus};

use super::BusinessHours;
use super::rules::{after_entry, can_become, set_status};
use super::sla::due_times;
use crate::store::TicketRecord;

/// An entry of a ticket's history, as far as its response clock cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub kind: TicketEventKind,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub at: i64,
}

/// Which response a target was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// The ticket's first reply.
    FirstResponse,
    /// A reply owed after the customer wrote again or the ticket reopened.
    NextResponse,
}

/// A response target that has been decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetOutcome {
    pub kind: TargetKind,
    pub due_at: i64,
    /// When it was decided: the moment the wait ended for a met target; for a breached
    /// one, its due time, or when the wait began if it began already overdue.
    pub decided_at: i64,
    pub breached: bool,
}

/// The targets of `ticket` decided by `now`, in the order they were decided, from its
/// history in order (`created_at` order, as stored). A target still running and not yet
/// due is left out.
pub fn target_outcomes(
    ticket: &TicketRecord,
    history: &[HistoryEntry],
    hours: &BusinessHours,
    now: i64,
) -> Vec<TargetOutcome> {
    let mut state = as_created(ticket, history);
    let mut outcomes = Vec::new();
    for entry in history {
        let owed = owed(&state, hours);
        let awaiting_before = state.awaiting_since;
        apply(&mut state, entry);
        if awaiting_before.is_some() && state.awaiting_since != awaiting_before {
            outcomes.extend(owed.map(|owed| owed.decide(entry.at)));
        }
    }
    if let Some(owed) = owed(&state, hours).filter(|owed| owed.due_at < now) {
        outcomes.push(owed.decide(now));
    }
    outcomes
}

/// The response the team owes in some state, and by when.
#[derive(Debug, Clone, Copy)]
struct Owed {
    kind: TargetKind,
    since: i64,
    due_at: i64,
}

impl Owed {
    /// The outcome of this target if the wait for it ends at `ended`.
    fn decide(self, ended: i64) -> TargetOutcome {
        let breached = ended > self.due_at;
        let decided_at = if breached { self.due_at.max(self.since) } else { ended };
        TargetOutcome { kind: self.kind, due_at: self.due_at, decided_at, breached }
    }
}

/// What `state` owes: None when nothing, or when the target is not due within the
/// calendar's horizon.
fn owed(state: &TicketRecord, hours: &BusinessHours) -> Option<Owed> {
    let since = state.awaiting_since?;
    let due_at = due_times(state, hours).next_response?;
    let kind = if state.first_responded_at.is_none() { TargetKind::FirstResponse } else { TargetKind::NextResponse };
    Some(Owed { kind, since, due_at })
}

/// The ticket as the desk created it: new, owing its first response since creation, at
/// the priority it had before any change.
fn as_created(ticket: &TicketRecord, history: &[HistoryEntry]) -> TicketRecord {
    let first_priority = history
        .iter()
        .find(|entry| entry.kind == TicketEventKind::PriorityChanged)
        .and_then(|entry| entry.old_value.as_deref()?.parse::<TicketPriority>().ok());
    TicketRecord {
        status: TicketStatus::New,
        priority: first_priority.unwrap_or(ticket.priority),
        awaiting_since: Some(ticket.created_at),
        first_responded_at: None,
        resolved_at: None,
        closed_at: None,
        pending_since: None,
        reminded_at: None,
        ..ticket.clone()
    }
}

/// Applies one history entry the way the desk did when it happened.
fn apply(state: &mut TicketRecord, entry: &HistoryEntry) {
    let new_value = entry.new_value.as_deref().unwrap_or_default();
    match entry.kind {
        kind @ (TicketEventKind::PublicReply | TicketEventKind::CustomerReply) => {
            // A closed ticket refuses both; the history then has nothing to replay.
            if let Ok(effect) = after_entry(state, kind, None, entry.at) {
                *state = effect.next;
            }
        }
        TicketEventKind::StatusChanged => {
            // A move the entry before already made (a reply taking a new ticket, a
            // customer's reply reopening) is written down too; it is not a second move.
            if let Ok(status) = new_value.parse::<TicketStatus>()
                && can_become(state.status, status)
            {
                set_status(state, status, entry.at);
            }
        }
        TicketEventKind::PriorityChanged => {
            if let Ok(priority) = new_value.parse::<TicketPriority>() {
                state.priority = priority;
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use protocol::tickets::{Team, TicketSource, TicketType};

    use super::*;
    use crate::tickets::HoursSettings;

    /// Monday to Friday, 09:00 to 17:00 UTC.
    fn hours() -> BusinessHours {
        BusinessHours::from_settings(&HoursSettings::default()).expect("valid hours")
    }

    fn ms(text: &str) -> i64 {
        text.parse::<jiff::Timestamp>().expect("timestamp").as_millisecond()
    }

    /// A critical ticket (8 working hours a response) created on Monday 2 March 2026 at
    /// 09:00 UTC, as it is now: the replay only reads its creation and priority.
    fn ticket(priority: TicketPriority) -> TicketRecord {
        TicketRecord {
            id: 1,
            workspace_id: 1,
            number: 1001,
            subject: "Export fails".into(),
            requester_email: "ada@example.com".into(),
            requester_name: None,
            requester_user_id: None,
            requester_company_id: None,
            ticket_type: TicketType::Question,
            priority,
            status: TicketStatus::Closed,
            team: Team::FirstLine,
            assignee_id: None,
            tags: Vec::new(),
            source: TicketSource::Email,
            conversation_id: None,
            visitor_id: None,
            context: serde_json::json!({}),
            last_seq: 9,
            first_response_due_at: None,
            next_response_due_at: None,
            first_responded_at: Some(1),
            created_at: ms("2026-03-02T09:00:00Z"),
            updated_at: 1,
            resolved_at: Some(1),
            closed_at: Some(1),
            details: serde_json::json!({}),
            awaiting_since: None,
            pending_since: None,
            reminded_at: None,
            rating: None,
            rating_comment: None,
            rated_at: None,
        }
    }

    fn entry(kind: TicketEventKind, new_value: Option<&str>, at: &str) -> HistoryEntry {
        HistoryEntry { kind, old_value: None, new_value: new_value.map(str::to_owned), at: ms(at) }
    }

    #[test]
    fn a_reply_in_time_meets_the_first_target_and_an_unanswered_follow_up_breaches_at_its_due_time() {
        let history = [
            entry(TicketEventKind::Created, Some("email"), "2026-03-02T09:00:00Z"),
            entry(TicketEventKind::CustomerReply, None, "2026-03-02T09:00:00Z"),
            entry(TicketEventKind::PublicReply, None, "2026-03-02T12:00:00Z"),
            entry(TicketEventKind::StatusChanged, Some("open"), "2026-03-02T12:00:00Z"),
            // Tuesday 10:00; 8 working hours later is Wednesday 10:00.
            entry(TicketEventKind::CustomerReply, None, "2026-03-03T10:00:00Z"),
        ];

        let outcomes =
            target_outcomes(&ticket(TicketPriority::Critical), &history, &hours(), ms("2026-03-05T00:00:00Z"));

        assert_eq!(
            outcomes,
            [
                TargetOutcome {
                    kind: TargetKind::FirstResponse,
                    due_at: ms("2026-03-02T17:00:00Z"),
                    decided_at: ms("2026-03-02T12:00:00Z"),
                    breached: false,
                },
                TargetOutcome {
                    kind: TargetKind::NextResponse,
                    due_at: ms("2026-03-04T10:00:00Z"),
                    decided_at: ms("2026-03-04T10:00:00Z"),
                    breached: true,
                },
            ]
        );
    }

    #[test]
    fn a_target_not_yet_due_is_undecided_and_a_late_reply_breaches_at_the_due_time() {
        let history = [entry(TicketEventKind::CustomerReply, None, "2026-03-02T09:00:00Z")];
        let early = ms("2026-03-02T16:59:00Z");
        assert!(target_outcomes(&ticket(TicketPriority::Critical), &history, &hours(), early).is_empty());

        let late = [history[0].clone(), entry(TicketEventKind::PublicReply, None, "2026-03-03T09:30:00Z")];
        let outcomes = target_outcomes(&ticket(TicketPriority::Critical), &late, &hours(), early);
        assert_eq!(outcomes.len(), 1);
        assert!(outcomes[0].breached);
        assert_eq!(outcomes[0].decided_at, ms("2026-03-02T17:00:00Z"), "decided when it fell due");
    }

    #[test]
    fn resolving_in_time_meets_the_target_and_reopening_owes_a_next_response() {
        let history = [
            entry(TicketEventKind::PublicReply, None, "2026-03-02T10:00:00Z"),
            entry(TicketEventKind::StatusChanged, Some("open"), "2026-03-02T10:00:00Z"),
            entry(TicketEventKind::StatusChanged, Some("resolved"), "2026-03-02T11:00:00Z"),
            // Reopened on Thursday 09:00 by the customer: due Thursday 17:00.
            entry(TicketEventKind::CustomerReply, None, "2026-03-05T09:00:00Z"),
            entry(TicketEventKind::StatusChanged, Some("open"), "2026-03-05T09:00:00Z"),
            entry(TicketEventKind::StatusChanged, Some("resolved"), "2026-03-05T16:00:00Z"),
        ];

        let outcomes =
            target_outcomes(&ticket(TicketPriority::Critical), &history, &hours(), ms("2026-03-09T00:00:00Z"));

        let summary: Vec<(TargetKind, bool, i64)> =
            outcomes.iter().map(|outcome| (outcome.kind, outcome.breached, outcome.decided_at)).collect();
        assert_eq!(
            summary,
            [
                (TargetKind::FirstResponse, false, ms("2026-03-02T10:00:00Z")),
                (TargetKind::NextResponse, false, ms("2026-03-05T16:00:00Z")),
            ]
        );
    }

    #[test]
    fn a_priority_change_moves_the_due_time_from_the_priority_the_ticket_was_created_with() {
        // Created low (2 working days: Wednesday 09:00), raised to critical at 10:00
        // (8 working hours from creation: Monday 17:00), answered at 18:00.
        let history = [
            HistoryEntry {
                kind: TicketEventKind::PriorityChanged,
                old_value: Some("low".into()),
                new_value: Some("critical".into()),
                at: ms("2026-03-02T10:00:00Z"),
            },
            entry(TicketEventKind::PublicReply, None, "2026-03-02T18:00:00Z"),
        ];

        let outcomes =
            target_outcomes(&ticket(TicketPriority::Critical), &history, &hours(), ms("2026-03-09T00:00:00Z"));

        assert_eq!(outcomes.len(), 1);
        assert_eq!((outcomes[0].due_at, outcomes[0].breached), (ms("2026-03-02T17:00:00Z"), true));
        let untouched =
            target_outcomes(&ticket(TicketPriority::Low), &history[1..], &hours(), ms("2026-03-09T00:00:00Z"));
        assert_eq!((untouched[0].due_at, untouched[0].breached), (ms("2026-03-04T09:00:00Z"), false));
    }
}
