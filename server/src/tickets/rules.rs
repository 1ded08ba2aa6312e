//! The ticket rules: which status moves are allowed, what each status stamps, what an
//! entry in the thread does to its ticket (a customer's reply reopens, an agent's
//! public reply answers), and how tags are kept. Pure functions over a
//! [`TicketRecord`]; the desk applies them inside its transactions.
//!
//! Status rules: a ticket starts `new` and never goes back to it; from `new`, `open`,
//! `pending` and `resolved` it may move to any of `open`, `pending`, `resolved` and
//! `closed`. `closed` is final: no change moves it, and neither a public reply nor a
//! customer's reply is taken (the caller opens a follow-up ticket instead); notes and
//! changes of priority, type, assignee, team and tags still are, for the record. A
//! customer's reply moves a `pending` or `resolved` ticket back to `open`.

use protocol::tickets::{TicketEventKind, TicketStatus};

use super::TicketError;
use crate::store::TicketRecord;

/// Whether a change may move a ticket from `from` to `to`. Staying put is not a move
/// (a change to the same status is a no-op, checked before this).
pub fn can_become(from: TicketStatus, to: TicketStatus) -> bool {
    match (from, to) {
        (TicketStatus::Closed, _) | (_, TicketStatus::New) => false,
        (from, to) => from != to,
    }
}

/// Moves a ticket to `status` with the timestamps that go with it: resolving stamps
/// `resolved_at`, reopening clears it, closing stamps `closed_at`; pending starts a
/// pending spell (and its reminder clock); only new and open tickets owe a response.
pub fn set_status(ticket: &mut TicketRecord, status: TicketStatus, now: i64) {
    let was = ticket.status;
    ticket.status = status;
    match status {
        TicketStatus::Resolved => ticket.resolved_at = Some(now),
        TicketStatus::Closed => {
            ticket.resolved_at = ticket.resolved_at.or(Some(now));
            ticket.closed_at = Some(now);
        }
        TicketStatus::New | TicketStatus::Open | TicketStatus::Pending => ticket.resolved_at = None,
    }
    match status {
        TicketStatus::Pending => {
            ticket.pending_since = Some(now);
            ticket.reminded_at = None;
            ticket.awaiting_since = None;
        }
        TicketStatus::Resolved | TicketStatus::Closed => {
            ticket.pending_since = None;
            ticket.awaiting_since = None;
        }
        TicketStatus::New | TicketStatus::Open => {
            ticket.pending_since = None;
            // Taking a new ticket keeps its clock; reopening starts a new one.
            if was != TicketStatus::New {
                ticket.awaiting_since = ticket.awaiting_since.or(Some(now));
            }
        }
    }
}

/// What adding an entry of `kind` does to a ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryEffect {
    /// The ticket after the entry and the moves below.
    pub next: TicketRecord,
    /// A customer's reply reopened a pending or resolved ticket.
    pub reopens: bool,
    /// The status the ticket moved to after the entry (and any reopening).
    pub status_after: Option<TicketStatus>,
}

/// Applies an entry of `kind` to `current`, then moves it to `then_status` when the
/// rules allow. An agent's public reply answers: it stamps the first response, the team
/// owes nothing more, and it takes a new ticket (which becomes open). A customer's reply
/// owes a response and reopens a pending or resolved ticket. A closed ticket refuses
/// both with [`TicketError::Closed`].
pub fn after_entry(
    current: &TicketRecord,
    kind: TicketEventKind,
    then_status: Option<TicketStatus>,
    now: i64,
) -> Result<EntryEffect, TicketError> {
    let reaches_customer = matches!(kind, TicketEventKind::PublicReply | TicketEventKind::CustomerReply);
    if current.status == TicketStatus::Closed && reaches_customer {
        return Err(TicketError::Closed);
    }
    let mut next = current.clone();
    if kind == TicketEventKind::PublicReply {
        next.first_responded_at = current.first_responded_at.or(Some(now));
        next.awaiting_since = None;
    }
    let reopens = kind == TicketEventKind::CustomerReply
        && matches!(current.status, TicketStatus::Pending | TicketStatus::Resolved);
    if reopens {
        set_status(&mut next, TicketStatus::Open, now);
    }
    if kind == TicketEventKind::CustomerReply {
        next.awaiting_since = next.awaiting_since.or(Some(now));
    }
    // An agent's first public reply takes a new ticket: it becomes open.
    let taken =
        (kind == TicketEventKind::PublicReply && next.status == TicketStatus::New).then_some(TicketStatus::Open);
    let status_after = then_status.or(taken).filter(|&status| status != next.status && can_become(next.status, status));
    if let Some(status) = status_after {
        set_status(&mut next, status, now);
    }
    Ok(EntryEffect { next, reopens, status_after })
}

/// Trims tags, drops empty ones and repeats, and splits any with a line break (the
/// column keeps one tag per line).
pub fn normalize_tags(tags: &[String]) -> Vec<String> {
    let mut normalized: Vec<String> = Vec::new();
    for tag in tags.iter().flat_map(|t| t.lines()).map(str::trim).filter(|t| !t.is_empty()) {
        if !normalized.iter().any(|seen| seen == tag) {
            normalized.push(tag.to_owned());
        }
    }
    normalized
}

#[cfg(test)]
mod tests {
    use protocol::tickets::{Team, TicketPriority, TicketSource, TicketType};

    use super::*;

    fn ticket(status: TicketStatus) -> TicketRecord {
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
            priority: TicketPriority::Medium,
            status,
            team: Team::FirstLine,
            assignee_id: None,
            tags: Vec::new(),
            source: TicketSource::Email,
            conversation_id: None,
            visitor_id: None,
            context: serde_json::json!({}),
            last_seq: 1,
            first_response_due_at: None,
            next_response_due_at: None,
            first_responded_at: None,
            created_at: 10,
            updated_at: 10,
            resolved_at: None,
            closed_at: None,
            details: serde_json::json!({}),
            awaiting_since: Some(10),
            pending_since: None,
            reminded_at: None,
            rating: None,
            rating_comment: None,
            rated_at: None,
        }
    }

    #[test]
    fn closed_is_final_and_nothing_goes_back_to_new() {
        for &to in TicketStatus::ALL {
            assert!(!can_become(TicketStatus::Closed, to), "closed to {to}");
            assert!(!can_become(to, TicketStatus::New), "{to} to new");
        }
        assert!(can_become(TicketStatus::New, TicketStatus::Closed));
        assert!(can_become(TicketStatus::Resolved, TicketStatus::Open));
        assert!(!can_become(TicketStatus::Open, TicketStatus::Open), "staying put is not a move");
    }

    #[test]
    fn a_customer_reply_reopens_a_resolved_ticket_and_owes_a_response_from_now() {
        let mut resolved = ticket(TicketStatus::Open);
        set_status(&mut resolved, TicketStatus::Resolved, 20);
        assert_eq!((resolved.resolved_at, resolved.awaiting_since), (Some(20), None));

        let effect = after_entry(&resolved, TicketEventKind::CustomerReply, None, 30).expect("taken");

        assert!(effect.reopens);
        assert_eq!(effect.status_after, None);
        assert_eq!((effect.next.status, effect.next.resolved_at), (TicketStatus::Open, None));
        assert_eq!(effect.next.awaiting_since, Some(30));
    }

    #[test]
    fn a_public_reply_answers_takes_a_new_ticket_and_keeps_the_first_response_time() {
        let new = ticket(TicketStatus::New);

        let effect = after_entry(&new, TicketEventKind::PublicReply, None, 30).expect("taken");
        assert_eq!(effect.status_after, Some(TicketStatus::Open));
        assert_eq!((effect.next.first_responded_at, effect.next.awaiting_since), (Some(30), None));

        let asked = after_entry(&effect.next, TicketEventKind::PublicReply, Some(TicketStatus::Pending), 40);
        let asked = asked.expect("taken");
        assert_eq!((asked.next.status, asked.next.pending_since), (TicketStatus::Pending, Some(40)));
        assert_eq!(asked.next.first_responded_at, Some(30), "the first response stays the first");
    }

    #[test]
    fn a_closed_ticket_takes_notes_but_no_replies() {
        let closed = ticket(TicketStatus::Closed);
        for kind in [TicketEventKind::PublicReply, TicketEventKind::CustomerReply] {
            assert!(matches!(after_entry(&closed, kind, None, 30), Err(TicketError::Closed)), "{kind}");
        }
        let noted = after_entry(&closed, TicketEventKind::InternalNote, Some(TicketStatus::Open), 30).expect("note");
        assert_eq!((noted.next.status, noted.status_after), (TicketStatus::Closed, None));
    }

    #[test]
    fn tags_are_trimmed_split_and_kept_once() {
        let tags = vec![" billing ".to_owned(), "export\nbilling".to_owned(), String::new()];
        assert_eq!(normalize_tags(&tags), ["billing", "export"]);
    }
}
