//! Reports: a workspace's support figures over a range of dates, for the people who run
//! its support (`GET /api/v1/reports`, and the same figures as CSV).
//!
//! Durations are counted in the workspace's business hours, and dates are civil dates
//! in its time zone; docs/protocol.md defines every figure.

use serde::{Deserialize, Serialize};

use crate::Millis;

/// The longest range a report covers, in days, `from` and `to` included: a leap year.
pub const MAX_REPORT_DAYS: u32 = 366;

/// How long after a help-center search or article view a chat message or a ticket from
/// the same visitor counts as the visitor asking anyway.
pub const DEFLECTION_WINDOW_HOURS: u32 = 24;

/// The figures of one range of dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The first date covered, `YYYY-MM-DD`.
    pub from: String,
    /// The last date covered, included.
    pub to: String,
    /// The IANA zone the dates and hours are read in: the workspace's.
    pub time_zone: String,
    /// When the figures were computed. Response targets not yet due and help-center
    /// visits less than [`DEFLECTION_WINDOW_HOURS`] old are undecided at this moment.
    pub generated_at: Millis,
    pub chats: Channel,
    pub tickets: Channel,
    /// Ticket response targets decided in the range.
    pub sla: Sla,
    pub satisfaction: Satisfaction,
    pub deflection: Deflection,
    /// One entry per date, `from` to `to`, in order.
    pub days: Vec<Day>,
    /// When requests arrive: 168 entries, Monday 00:00–01:00 first, then by hour and
    /// weekday up to Sunday 23:00–24:00.
    pub busiest_hours: Vec<Hour>,
}

/// The figures of live chats or of tickets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    /// Chats started, or tickets created, in the range.
    pub created: u32,
    /// Chats or tickets whose latest resolution falls in the range and which are still
    /// resolved (closed, for tickets).
    pub resolved: u32,
    /// First responses given in the range: from the visitor's first message (a chat) or
    /// the ticket's creation to the first reply the customer saw.
    pub first_response: Durations,
    /// The same resolutions as `resolved`: from the start to the latest resolution.
    pub resolution: Durations,
}

/// A set of durations, counted in business hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Durations {
    pub count: u32,
    /// The middle duration (the mean of the two middle ones when `count` is even),
    /// in whole seconds; None when `count` is 0.
    pub median_secs: Option<u64>,
    /// The 90th percentile by nearest rank: the smallest duration that at least 90% of
    /// them do not exceed, in whole seconds; None when `count` is 0.
    pub p90_secs: Option<u64>,
}

/// Ticket response targets (the SLA) met and missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sla {
    /// The first reply to a ticket.
    pub first_response: Targets,
    /// Replies owed after the customer wrote again or the ticket was reopened.
    pub next_response: Targets,
}

/// Response targets decided in the range: met when the reply came (or the ticket
/// stopped waiting) by the due time, breached when the due time passed first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Targets {
    pub met: u32,
    pub breached: u32,
}

/// Customer satisfaction: the ratings given in the range.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Satisfaction {
    /// Chats and tickets together.
    pub all: Ratings,
    pub chats: Ratings,
    pub tickets: Ratings,
}

/// Ratings from 1 (poor) to 5 (great).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Ratings {
    pub count: u32,
    /// The mean rating, rounded to two decimals; None without ratings.
    pub average: Option<f64>,
    /// How many ratings of 1, 2, 3, 4 and 5, in that order.
    pub distribution: [u32; 5],
}

/// Whether the help center answered visitors: its searches and article views in the
/// range, and how many were followed by a chat message or a ticket from the same
/// visitor within [`DEFLECTION_WINDOW_HOURS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Deflection {
    pub searches: Deflected,
    pub article_views: Deflected,
}

/// Help-center visits of one kind. `total - followed - deflected` are less than
/// [`DEFLECTION_WINDOW_HOURS`] old and not followed yet: undecided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Deflected {
    pub total: u32,
    /// Followed by a chat message or a ticket from the visitor within the window.
    pub followed: u32,
    /// The window passed without one: the help center answered.
    pub deflected: u32,
}

/// One date's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Chats started.
    pub chats: u32,
    /// Tickets created.
    pub tickets: u32,
    pub resolved_chats: u32,
    pub resolved_tickets: u32,
    /// Ticket response targets breached: whose due time passed that day unanswered.
    pub sla_breaches: u32,
}

/// Requests that arrived in one hour of the week, over the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hour {
    /// 1 is Monday, 7 is Sunday (ISO 8601).
    pub weekday: u8,
    /// 0 to 23: the hour starting then.
    pub hour: u8,
    /// Chats started.
    pub chats: u32,
    /// Tickets created.
    pub tickets: u32,
}

impl Durations {
    /// No durations.
    pub const NONE: Durations = Durations { count: 0, median_secs: None, p90_secs: None };
}

impl Targets {
    /// The share of decided targets that were met, as a whole percentage rounded to the
    /// nearest; None when none was decided.
    pub fn met_percent(&self) -> Option<u32> {
        percent(self.met, self.met + self.breached)
    }
}

impl Ratings {
    /// The share of ratings of 4 or 5 (the usual CSAT score), as a whole percentage
    /// rounded to the nearest; None without ratings.
    pub fn satisfied_percent(&self) -> Option<u32> {
        percent(self.distribution[3] + self.distribution[4], self.count)
    }
}

impl Deflected {
    /// The share of decided visits that were not followed by a contact, as a whole
    /// percentage rounded to the nearest; None when none is decided yet.
    pub fn deflected_percent(&self) -> Option<u32> {
        percent(self.deflected, self.deflected + self.followed)
    }
}

/// `part` of `whole` as a whole percentage, rounded half up; None when `whole` is 0.
pub fn percent(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| {
        let (part, whole) = (u64::from(part), u64::from(whole));
        u32::try_from((part * 200 + whole) / (whole * 2)).unwrap_or(u32::MAX)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_and_need_a_whole() {
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 8), Some(13), "12.5 rounds up");
        assert_eq!(percent(5, 5), Some(100));
    }

    #[test]
    fn shares_read_the_right_counts() {
        let ratings = Ratings { count: 4, average: Some(3.5), distribution: [1, 0, 1, 1, 1] };
        assert_eq!(ratings.satisfied_percent(), Some(50));
        assert_eq!(Targets { met: 3, breached: 1 }.met_percent(), Some(75));
        let visits = Deflected { total: 10, followed: 2, deflected: 6 };
        assert_eq!(visits.deflected_percent(), Some(75), "the 2 undecided visits are left out");
    }
}
