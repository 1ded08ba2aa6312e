//! A report's figures from a workspace's activity: counts per date and per hour of the
//! week, durations in business hours, response targets, ratings and deflection. Pure,
//! so each rule is tested on its own; docs/protocol.md states the same definitions.

use jiff::Timestamp;
use protocol::reports::{
    Channel, DEFLECTION_WINDOW_HOURS, Day, Deflected, Deflection, Durations, Hour, Report, Satisfaction, Sla,
};

use super::period::Period;
use super::stats;
use crate::store::{HelpVisit, ReportActivity, Span};
use crate::tickets::BusinessHours;
use crate::tickets::sla_history::{TargetKind, target_outcomes};

/// How long after a help-center visit a contact counts, in milliseconds.
pub const DEFLECTION_WINDOW_MS: i64 = DEFLECTION_WINDOW_HOURS as i64 * 60 * 60 * 1000;

/// The report of `period` from the activity read for it, as of `now`.
pub fn report(period: &Period, hours: &BusinessHours, activity: &ReportActivity, now: i64) -> Report {
    let mut days: Vec<Day> = period
        .dates()
        .map(|date| Day {
            date: date.to_string(),
            chats: 0,
            tickets: 0,
            resolved_chats: 0,
            resolved_tickets: 0,
            sla_breaches: 0,
        })
        .collect();
    let mut count = |moments: &mut dyn Iterator<Item = i64>, field: fn(&mut Day) -> &mut u32| {
        for at in moments {
            if let Some(day) = period.day_of(at).and_then(|index| days.get_mut(index)) {
                *field(day) += 1;
            }
        }
    };
    count(&mut activity.chats_started.iter().copied(), |day| &mut day.chats);
    count(&mut activity.tickets_created.iter().copied(), |day| &mut day.tickets);
    count(&mut activity.chat_resolutions.iter().map(|span| span.ended_at), |day| &mut day.resolved_chats);
    count(&mut activity.ticket_resolutions.iter().map(|span| span.ended_at), |day| &mut day.resolved_tickets);

    let mut sla = Sla::default();
    for history in &activity.ticket_histories {
        for outcome in target_outcomes(&history.ticket, &history.entries, hours, now) {
            let Some(day) = period.day_of(outcome.decided_at) else { continue };
            let targets = match outcome.kind {
                TargetKind::FirstResponse => &mut sla.first_response,
                TargetKind::NextResponse => &mut sla.next_response,
            };
            if outcome.breached {
                targets.breached += 1;
                if let Some(day) = days.get_mut(day) {
                    day.sla_breaches += 1;
                }
            } else {
                targets.met += 1;
            }
        }
    }

    let chat_ratings = activity.chat_ratings.iter().copied();
    let ticket_ratings = activity.ticket_ratings.iter().copied();
    Report {
        from: period.from().to_string(),
        to: period.to().to_string(),
        time_zone: period.time_zone().iana_name().unwrap_or("UTC").to_owned(),
        generated_at: now,
        chats: Channel {
            created: count_of(activity.chats_started.len()),
            resolved: count_of(activity.chat_resolutions.len()),
            first_response: working_durations(hours, &activity.chat_first_responses),
            resolution: working_durations(hours, &activity.chat_resolutions),
        },
        tickets: Channel {
            created: count_of(activity.tickets_created.len()),
            resolved: count_of(activity.ticket_resolutions.len()),
            first_response: working_durations(hours, &activity.ticket_first_responses),
            resolution: working_durations(hours, &activity.ticket_resolutions),
        },
        sla,
        satisfaction: Satisfaction {
            all: stats::ratings(chat_ratings.clone().chain(ticket_ratings.clone())),
            chats: stats::ratings(chat_ratings),
            tickets: stats::ratings(ticket_ratings),
        },
        deflection: Deflection {
            searches: deflected(&activity.searches, now),
            article_views: deflected(&activity.article_views, now),
        },
        days,
        busiest_hours: busiest_hours(period, &activity.chats_started, &activity.tickets_created),
    }
}

/// The durations of `spans` in working time under `hours`.
fn working_durations(hours: &BusinessHours, spans: &[Span]) -> Durations {
    let millis = spans
        .iter()
        .map(|span| {
            let (Ok(start), Ok(end)) =
                (Timestamp::from_millisecond(span.started_at), Timestamp::from_millisecond(span.ended_at))
            else {
                return 0;
            };
            i64::try_from(hours.working_time_between(start, end).as_millis()).unwrap_or(i64::MAX)
        })
        .collect();
    stats::durations(millis)
}

/// Visits followed by a contact, and those whose window passed without one by `now`.
fn deflected(visits: &[HelpVisit], now: i64) -> Deflected {
    let followed = visits.iter().filter(|visit| visit.followed).count();
    let deflected =
        visits.iter().filter(|visit| !visit.followed && visit.at.saturating_add(DEFLECTION_WINDOW_MS) <= now).count();
    Deflected { total: count_of(visits.len()), followed: count_of(followed), deflected: count_of(deflected) }
}

/// Chats started and tickets created per hour of the week: 168 entries, Monday 00:00
/// first.
fn busiest_hours(period: &Period, chats: &[i64], tickets: &[i64]) -> Vec<Hour> {
    let mut hours: Vec<Hour> = (1..=7_u8)
        .flat_map(|weekday| (0..24_u8).map(move |hour| Hour { weekday, hour, chats: 0, tickets: 0 }))
        .collect();
    let slot = |at: i64| {
        period.day_of(at)?;
        let (weekday, hour) = period.weekday_hour(at)?;
        Some(usize::from(weekday - 1) * 24 + usize::from(hour))
    };
    for index in chats.iter().filter_map(|&at| slot(at)) {
        hours[index].chats += 1;
    }
    for index in tickets.iter().filter_map(|&at| slot(at)) {
        hours[index].tickets += 1;
    }
    hours
}

fn count_of(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use jiff::tz::TimeZone;

    use super::*;
    use crate::tickets::HoursSettings;

    fn ms(text: &str) -> i64 {
        text.parse::<Timestamp>().expect("timestamp").as_millisecond()
    }

    fn week() -> Period {
        Period::parse(Some("2026-03-02"), Some("2026-03-08"), TimeZone::UTC).expect("valid")
    }

    fn hours() -> BusinessHours {
        BusinessHours::from_settings(&HoursSettings::default()).expect("valid")
    }

    #[test]
    fn counts_fall_on_their_dates_and_hours_and_outside_the_range_is_left_out() {
        let activity = ReportActivity {
            chats_started: vec![ms("2026-03-02T09:30:00Z"), ms("2026-03-02T09:45:00Z"), ms("2026-03-09T00:00:00Z")],
            tickets_created: vec![ms("2026-03-08T23:59:00Z")],
            ..ReportActivity::default()
        };

        let report = report(&week(), &hours(), &activity, ms("2026-03-10T00:00:00Z"));

        assert_eq!((report.chats.created, report.tickets.created), (3, 1), "totals are what the store read");
        assert_eq!((report.days[0].chats, report.days[6].tickets), (2, 1));
        assert_eq!(report.days.iter().map(|day| day.chats).sum::<u32>(), 2, "the 9th is not in the range");
        assert_eq!(report.busiest_hours.len(), 168);
        assert_eq!(report.busiest_hours[9], Hour { weekday: 1, hour: 9, chats: 2, tickets: 0 });
        assert_eq!(report.busiest_hours[167], Hour { weekday: 7, hour: 23, chats: 0, tickets: 1 });
    }

    #[test]
    fn durations_count_business_hours_only() {
        // Friday 16:00 to Monday 10:00: one hour on Friday and one on Monday.
        let activity = ReportActivity {
            ticket_first_responses: vec![Span {
                started_at: ms("2026-03-06T16:00:00Z"),
                ended_at: ms("2026-03-09T10:00:00Z"),
            }],
            ..ReportActivity::default()
        };
        let report = report(&week(), &hours(), &activity, ms("2026-03-10T00:00:00Z"));
        assert_eq!(report.tickets.first_response.median_secs, Some(2 * 3600));
    }

    #[test]
    fn a_visit_is_deflected_only_once_its_window_has_passed_without_a_contact() {
        let at = ms("2026-03-02T10:00:00Z");
        let visits = [
            HelpVisit { at, followed: true },
            HelpVisit { at, followed: false },
            HelpVisit { at: at + 1, followed: false },
        ];
        let figures = deflected(&visits, at + DEFLECTION_WINDOW_MS);
        assert_eq!(figures, Deflected { total: 3, followed: 1, deflected: 1 }, "the last one is undecided");
    }
}
