//! When a ticket's responses are due: its priority's targets counted in its workspace's
//! business hours, from when the owed response started to be owed.

use jiff::Timestamp;

use protocol::tickets::TicketPriority;

use super::{BusinessHours, Target, default_targets};
use crate::store::TicketRecord;

/// A ticket's due times, Unix milliseconds: the first response, and the response owed
/// now (None when the team owes nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueTimes {
    pub first_response: Option<i64>,
    pub next_response: Option<i64>,
}

/// The due times `ticket` has under `hours`. The first response is due by the first
/// target from creation; once answered, a later customer message owes a response by the
/// next target from that message.
pub fn due_times(ticket: &TicketRecord, hours: &BusinessHours) -> DueTimes {
    let targets = default_targets(ticket.priority);
    let first_response = due(hours, ticket.created_at, targets.first_response);
    let next_response = ticket.awaiting_since.and_then(|since| {
        if ticket.first_responded_at.is_none() { first_response } else { due(hours, since, targets.next_response) }
    });
    DueTimes { first_response, next_response }
}

/// When a first response to a `priority` ticket created at `now` would be due.
pub fn first_response_due(hours: &BusinessHours, priority: TicketPriority, now: i64) -> Option<i64> {
    due(hours, now, default_targets(priority).first_response)
}

fn due(hours: &BusinessHours, start_ms: i64, target: Target) -> Option<i64> {
    let start = Timestamp::from_millisecond(start_ms).ok()?;
    hours.due_at(start, target).map(|at| at.as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::HoursSettings;

    fn berlin() -> BusinessHours {
        let settings = HoursSettings {
            time_zone: "Europe/Berlin".into(),
            holidays: vec!["2026-12-25".into()],
            ..HoursSettings::default()
        };
        BusinessHours::from_settings(&settings).expect("valid hours")
    }

    fn ms(text: &str) -> i64 {
        text.parse::<Timestamp>().expect("timestamp").as_millisecond()
    }

    #[test]
    fn a_friday_afternoon_medium_ticket_is_due_after_the_weekend_and_the_holiday() {
        // Thursday 24 December 2026, 16:00 in Berlin; Friday the 25th is a holiday, then
        // the weekend. 24 working hours: 1 h on Thursday, then Monday (8 h), Tuesday
        // (8 h) and 7 h of Wednesday.
        let hours = berlin();
        let created = ms("2026-12-24T15:00:00Z");

        let due = first_response_due(&hours, TicketPriority::Medium, created).expect("due");

        assert_eq!(due, ms("2026-12-30T15:00:00Z"), "Wednesday 30 December, 16:00 in Berlin");
    }

    #[test]
    fn a_critical_ticket_from_saturday_is_due_at_monday_closing() {
        let hours = berlin();

        let due = first_response_due(&hours, TicketPriority::Critical, ms("2026-11-28T10:00:00Z")).expect("due");

        assert_eq!(due, ms("2026-11-30T16:00:00Z"), "8 working hours: all of Monday, 09:00 to 17:00 CET");
    }
}
