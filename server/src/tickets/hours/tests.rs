//! Working-time arithmetic over weekends, holidays, lunch breaks and clock changes, the
//! response-target rules, and the errors settings can produce.
//!
//! Dates used below: 2025-03-06 is a Thursday, 2025-03-07 a Friday, 2025-03-10 a Monday.
//! Berlin's clocks skip from 02:00 to 03:00 on Sunday 2025-03-30 and go back from 03:00
//! to 02:00 on Sunday 2025-10-26.

use super::*;
use protocol::tickets::TicketPriority;

use crate::tickets::default_targets;

type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

const OFFICE: &str = "09:00-17:00";
const WEEKDAYS_ONLY: [&str; 7] = [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, "", ""];

fn hours_in(time_zone: &str, weekly: [&str; 7], holidays: &[&str]) -> Result<BusinessHours, HoursError> {
    BusinessHours::from_settings(&HoursSettings {
        time_zone: time_zone.to_owned(),
        weekly: weekly.map(str::to_owned),
        holidays: holidays.iter().map(|date| date.to_string()).collect(),
    })
}

/// The instant of a civil time such as `2025-03-07T16:00` in the calendar's zone.
fn at(hours: &BusinessHours, text: &str) -> Result<Timestamp, Box<dyn std::error::Error>> {
    let civil: DateTime = text.parse()?;
    Ok(hours.time_zone().to_ambiguous_timestamp(civil).unambiguous()?)
}

/// An instant as civil time in the calendar's zone, like `2025-03-10T16:00:00`.
fn civil(hours: &BusinessHours, instant: Option<Timestamp>) -> String {
    match instant {
        Some(instant) => hours.time_zone().to_datetime(instant).to_string(),
        None => "never".to_owned(),
    }
}

fn working_hours(count: u64) -> Duration {
    Duration::from_secs(count * 3600)
}

#[test]
fn friday_afternoon_plus_eight_working_hours_is_monday_afternoon() -> TestResult {
    let hours = BusinessHours::standard();
    let due = hours.add_working_time(at(&hours, "2025-03-07T16:00")?, working_hours(8));
    // Friday 16:00-17:00 is one hour, Monday 09:00-16:00 the other seven.
    assert_eq!(civil(&hours, due), "2025-03-10T16:00:00");
    Ok(())
}

#[test]
fn a_monday_holiday_moves_the_due_time_to_tuesday() -> TestResult {
    let hours = hours_in("UTC", WEEKDAYS_ONLY, &["2025-03-10"])?;
    let due = hours.add_working_time(at(&hours, "2025-03-07T16:00")?, working_hours(8));
    assert_eq!(civil(&hours, due), "2025-03-11T16:00:00");
    Ok(())
}

#[test]
fn a_ticket_from_saturday_counts_from_monday_opening() -> TestResult {
    let hours = BusinessHours::standard();
    let saturday = at(&hours, "2025-03-08T11:00")?;
    assert_eq!(civil(&hours, hours.add_working_time(saturday, working_hours(1))), "2025-03-10T10:00:00");
    assert_eq!(civil(&hours, hours.add_working_time(saturday, working_hours(8))), "2025-03-10T17:00:00");
    assert_eq!(hours.working_time_between(saturday, at(&hours, "2025-03-10T09:00")?), Duration::ZERO);
    Ok(())
}

#[test]
fn working_time_that_runs_out_at_closing_is_due_at_closing() -> TestResult {
    let hours = BusinessHours::standard();
    let due = hours.add_working_time(at(&hours, "2025-03-07T09:00")?, working_hours(8));
    assert_eq!(civil(&hours, due), "2025-03-07T17:00:00");
    Ok(())
}

#[test]
fn zero_working_time_is_due_at_the_start_even_when_closed() -> TestResult {
    let hours = BusinessHours::standard();
    let saturday = at(&hours, "2025-03-08T11:00")?;
    assert_eq!(hours.add_working_time(saturday, Duration::ZERO), Some(saturday));
    assert_eq!(hours.due_at(saturday, Target::WorkingDays(0)), Some(saturday));
    Ok(())
}

#[test]
fn eight_hours_across_the_spring_forward_weekend_end_at_the_same_wall_clock_time() -> TestResult {
    let hours = hours_in("Europe/Berlin", WEEKDAYS_ONLY, &[])?;
    let friday = at(&hours, "2025-03-28T16:00")?;
    let due = hours.add_working_time(friday, working_hours(8));
    assert_eq!(civil(&hours, due), "2025-03-31T16:00:00");
    // Friday is CET (+01:00), Monday CEST (+02:00).
    assert_eq!(friday.to_string(), "2025-03-28T15:00:00Z");
    assert_eq!(due.map(|due| due.to_string()).as_deref(), Some("2025-03-31T14:00:00Z"));
    Ok(())
}

#[test]
fn an_opening_that_spans_a_clock_change_counts_the_hours_actually_worked() -> TestResult {
    let all_day = "00:00-24:00";
    let hours = hours_in("Europe/Berlin", [all_day; 7], &[])?;
    let spring_day = hours.working_time_between(at(&hours, "2025-03-30T00:00")?, at(&hours, "2025-03-31T00:00")?);
    assert_eq!(spring_day, working_hours(23));
    let autumn_day = hours.working_time_between(at(&hours, "2025-10-26T00:00")?, at(&hours, "2025-10-27T00:00")?);
    assert_eq!(autumn_day, working_hours(25));
    // A day of working time from Saturday noon ends an hour later on the wall clock.
    let due = hours.add_working_time(at(&hours, "2025-03-29T12:00")?, working_hours(24));
    assert_eq!(civil(&hours, due), "2025-03-30T13:00:00");
    Ok(())
}

#[test]
fn openings_that_end_inside_a_skipped_hour_are_not_counted_twice() -> TestResult {
    // 02:30 does not exist on 2025-03-30 and resolves to 03:30, after 03:00 itself.
    let closed = "";
    let hours =
        hours_in("Europe/Berlin", [closed, closed, closed, closed, closed, closed, "01:00-02:30, 03:00-04:00"], &[])?;
    let worked = hours.working_time_between(at(&hours, "2025-03-30T00:00")?, at(&hours, "2025-03-30T12:00")?);
    // 01:00 CET to 04:00 CEST is two hours of real time.
    assert_eq!(worked, working_hours(2));
    Ok(())
}

#[test]
fn lunch_breaks_are_skipped() -> TestResult {
    let day = "09:00-12:00, 13:00-17:00";
    let hours = hours_in("UTC", [day, day, day, day, day, "", ""], &[])?;
    let morning = at(&hours, "2025-03-10T11:00")?;
    assert_eq!(civil(&hours, hours.add_working_time(morning, working_hours(1))), "2025-03-10T12:00:00");
    assert_eq!(civil(&hours, hours.add_working_time(morning, working_hours(2))), "2025-03-10T14:00:00");
    assert_eq!(hours.working_time_between(morning, at(&hours, "2025-03-10T14:00")?), working_hours(2));
    assert!(!hours.is_open(at(&hours, "2025-03-10T12:30")?));
    assert!(hours.is_open(at(&hours, "2025-03-10T13:00")?));
    Ok(())
}

#[test]
fn is_open_includes_the_opening_minute_and_excludes_the_closing_one() -> TestResult {
    let hours = hours_in("Europe/Berlin", WEEKDAYS_ONLY, &["2025-03-11"])?;
    assert!(!hours.is_open(at(&hours, "2025-03-10T08:59:59")?));
    assert!(hours.is_open(at(&hours, "2025-03-10T09:00")?));
    assert!(hours.is_open(at(&hours, "2025-03-10T16:59:59")?));
    assert!(!hours.is_open(at(&hours, "2025-03-10T17:00")?));
    assert!(!hours.is_open(at(&hours, "2025-03-11T10:00")?), "holiday");
    assert!(!hours.is_open(at(&hours, "2025-03-08T10:00")?), "Saturday");
    Ok(())
}

#[test]
fn spans_may_meet_and_midnight_ends_a_day() -> TestResult {
    let hours = hours_in("UTC", ["09:00-12:00,12:00-17:00", "18:00-24:00", "", "", "", "", ""], &[])?;
    assert!(hours.is_open(at(&hours, "2025-03-10T12:00")?));
    let tuesday_evening = hours.working_time_between(at(&hours, "2025-03-11T00:00")?, at(&hours, "2025-03-12T00:00")?);
    assert_eq!(tuesday_evening, working_hours(6));
    // `00:00` as an end means the same as `24:00`.
    let same = hours_in("UTC", ["09:00-12:00,12:00-17:00", "18:00-00:00", "", "", "", "", ""], &[])?;
    let start = at(&hours, "2025-03-10T10:00")?;
    assert_eq!(same.add_working_time(start, working_hours(9)), hours.add_working_time(start, working_hours(9)));
    Ok(())
}

#[test]
fn working_time_between_inverts_add_working_time() -> TestResult {
    let lunch = "09:00-12:00, 13:00-17:00";
    let all_day = "00:00-24:00";
    let cases = [
        (BusinessHours::standard(), "2025-03-03T00:00"),
        // Lunch breaks, a short Saturday and holidays, across the spring-forward week.
        (
            hours_in(
                "Europe/Berlin",
                [lunch, lunch, lunch, lunch, lunch, "10:00-14:00", ""],
                &["2025-03-27", "2025-04-01"],
            )?,
            "2025-03-24T00:00",
        ),
        // Open around the clock, across the autumn change, with the awkward Sunday.
        (
            hours_in(
                "Europe/Berlin",
                [all_day, all_day, all_day, all_day, all_day, all_day, "01:00-02:30, 03:00-04:00"],
                &[],
            )?,
            "2025-10-20T00:00",
        ),
    ];
    let amounts = [0, 1, 59 * 60, 3600, 3 * 3600, 7 * 3600 + 59 * 60, 8 * 3600, 8 * 3600 + 60, 24 * 3600, 100 * 3600]
        .map(Duration::from_secs);
    for (hours, first) in &cases {
        let first = at(hours, first)?;
        // Every 37 minutes for two weeks, so starts land on and off the hour, inside and
        // outside openings.
        for step in 0..(14 * 24 * 60 / 37) {
            let start = first.checked_add(SignedDuration::from_mins(37 * step))?;
            for amount in amounts {
                let due = hours.add_working_time(start, amount).ok_or("no due time")?;
                assert_eq!(hours.working_time_between(start, due), amount, "from {start} plus {amount:?}");
                if !amount.is_zero() {
                    let just_before = due.checked_sub(SignedDuration::from_nanos(1))?;
                    assert!(hours.working_time_between(start, just_before) < amount, "{due} is the earliest");
                }
            }
        }
    }
    Ok(())
}

#[test]
fn two_working_days_from_thursday_over_a_friday_holiday_is_tuesday() -> TestResult {
    let hours = hours_in("UTC", WEEKDAYS_ONLY, &["2025-03-07"])?;
    let targets = default_targets(TicketPriority::Low);
    let due = hours.due_at(at(&hours, "2025-03-06T10:00")?, targets.first_response);
    assert_eq!(civil(&hours, due), "2025-03-11T10:00:00");
    Ok(())
}

#[test]
fn working_days_from_outside_hours_count_from_the_next_opening() -> TestResult {
    let hours = BusinessHours::standard();
    let saturday = at(&hours, "2025-03-08T11:00")?;
    assert_eq!(civil(&hours, hours.due_at(saturday, Target::WorkingDays(2))), "2025-03-12T09:00:00");
    let friday_evening = at(&hours, "2025-03-07T18:30")?;
    assert_eq!(civil(&hours, hours.due_at(friday_evening, Target::WorkingDays(1))), "2025-03-11T09:00:00");
    Ok(())
}

#[test]
fn working_days_keep_within_the_due_days_hours() -> TestResult {
    let hours = hours_in("UTC", [OFFICE, OFFICE, OFFICE, OFFICE, "09:00-13:00", "", ""], &[])?;
    let thursday_afternoon = at(&hours, "2025-03-06T15:00")?;
    // Friday closes at 13:00, so that is when Thursday 15:00 plus one working day is due.
    assert_eq!(civil(&hours, hours.due_at(thursday_afternoon, Target::WorkingDays(1))), "2025-03-07T13:00:00");
    assert_eq!(civil(&hours, hours.due_at(thursday_afternoon, Target::WorkingDays(2))), "2025-03-10T15:00:00");
    Ok(())
}

#[test]
fn two_working_days_span_a_long_holiday() -> TestResult {
    // Closed from Christmas Eve to Epiphany.
    let closed: Vec<String> =
        (24..=31).map(|day| format!("2025-12-{day}")).chain((1..=6).map(|day| format!("2026-01-0{day}"))).collect();
    let closed: Vec<&str> = closed.iter().map(String::as_str).collect();
    let hours = hours_in("Europe/Berlin", WEEKDAYS_ONLY, &closed)?;
    let due = hours.due_at(at(&hours, "2025-12-23T15:00")?, Target::WorkingDays(2));
    assert_eq!(civil(&hours, due), "2026-01-08T15:00:00");
    let due = hours.due_at(at(&hours, "2025-12-23T15:00")?, Target::WorkingHours(8));
    assert_eq!(civil(&hours, due), "2026-01-07T15:00:00");
    Ok(())
}

#[test]
fn a_target_beyond_the_horizon_is_never_due() -> TestResult {
    // Open on Mondays only, and every Monday for eleven years is a holiday.
    let first_monday = "2025-03-10".parse::<Date>()?;
    let mondays: Vec<String> = (0..11 * 53_i64)
        .filter_map(|week| first_monday.checked_add((7 * week).days()).ok())
        .map(|date| date.to_string())
        .collect();
    let mondays: Vec<&str> = mondays.iter().map(String::as_str).collect();
    let hours = hours_in("UTC", [OFFICE, "", "", "", "", "", ""], &mondays)?;
    let start = at(&hours, "2025-03-09T12:00")?;
    assert_eq!(hours.add_working_time(start, working_hours(1)), None);
    assert_eq!(hours.due_at(start, Target::WorkingDays(1)), None);
    assert_eq!(hours.due_at(start, Target::WorkingHours(8)), None);
    assert!(!hours.is_open(at(&hours, "2025-03-10T10:00")?));
    Ok(())
}

#[test]
fn working_hour_targets_are_working_time() -> TestResult {
    let hours = hours_in("Europe/Berlin", WEEKDAYS_ONLY, &[])?;
    let start = at(&hours, "2025-03-06T10:30")?;
    for priority in [TicketPriority::Critical, TicketPriority::High, TicketPriority::Medium] {
        let Target::WorkingHours(count) = default_targets(priority).first_response else {
            panic!("{priority:?} is counted in working hours");
        };
        assert_eq!(
            hours.due_at(start, Target::WorkingHours(count)),
            hours.add_working_time(start, working_hours(u64::from(count)))
        );
    }
    assert_eq!(civil(&hours, hours.due_at(start, Target::WorkingHours(12))), "2025-03-07T14:30:00");
    assert_eq!(civil(&hours, hours.due_at(start, Target::WorkingHours(24))), "2025-03-11T10:30:00");
    Ok(())
}

#[test]
fn default_targets_follow_the_support_policy() {
    let expected = [
        (TicketPriority::Critical, Target::WorkingHours(8)),
        (TicketPriority::High, Target::WorkingHours(12)),
        (TicketPriority::Medium, Target::WorkingHours(24)),
        (TicketPriority::Low, Target::WorkingDays(2)),
    ];
    for (priority, target) in expected {
        let targets = default_targets(priority);
        assert_eq!(targets.first_response, target, "{priority:?}");
        assert_eq!(targets.next_response, target, "{priority:?}");
    }
}

#[test]
fn default_settings_are_the_standard_hours() -> TestResult {
    let from_settings = BusinessHours::from_settings(&HoursSettings::default())?;
    let standard = BusinessHours::standard();
    let start = at(&standard, "2025-03-07T16:00")?;
    for amount in [1, 8, 30].map(working_hours) {
        assert_eq!(from_settings.add_working_time(start, amount), standard.add_working_time(start, amount));
    }
    assert_eq!(from_settings.weekly, standard.weekly);
    assert_eq!(from_settings.time_zone().iana_name(), Some("UTC"));
    Ok(())
}

#[test]
fn bad_settings_are_refused_with_the_reason() {
    let error = |time_zone: &str, monday: &str, holidays: &[&str]| {
        hours_in(time_zone, [monday, OFFICE, "", "", "", "", ""], holidays).err()
    };
    assert!(
        matches!(error("Mars/Olympus", OFFICE, &[]), Some(HoursError::UnknownTimeZone { name }) if name == "Mars/Olympus")
    );
    assert!(
        matches!(error("UTC", "17:00-09:00", &[]), Some(HoursError::Inverted { weekday: Weekday::Monday, opening }) if opening == "17:00-09:00")
    );
    assert!(matches!(error("UTC", "09:00-09:00", &[]), Some(HoursError::Inverted { .. })));
    assert!(matches!(
        error("UTC", "09:00-12:00, 11:00-17:00", &[]),
        Some(HoursError::Overlapping { weekday: Weekday::Monday, first, second }) if first == "09:00-12:00" && second == "11:00-17:00"
    ));
    assert!(matches!(error("UTC", "25:00-26:00", &[]), Some(HoursError::InvalidTime { text, .. }) if text == "25:00"));
    assert!(matches!(error("UTC", "09:60-17:00", &[]), Some(HoursError::InvalidTime { .. })));
    assert!(matches!(error("UTC", "24:00-24:00", &[]), Some(HoursError::InvalidTime { .. })));
    assert!(matches!(error("UTC", "9am-5pm", &[]), Some(HoursError::MalformedOpening { .. })));
    assert!(matches!(error("UTC", "09:00", &[]), Some(HoursError::MalformedOpening { .. })));
    assert!(matches!(error("UTC", "09:00-17:00,", &[]), Some(HoursError::MalformedOpening { .. })));
    assert!(matches!(error("UTC", OFFICE, &["25/12/2025"]), Some(HoursError::MalformedHoliday { .. })));
    assert!(matches!(error("UTC", OFFICE, &["2025-02-30"]), Some(HoursError::MalformedHoliday { .. })));
    assert!(matches!(error("UTC", OFFICE, &["2025-12-25T00:00"]), Some(HoursError::MalformedHoliday { .. })));
    assert_eq!(hours_in("UTC", [""; 7], &[]).err(), Some(HoursError::NoOpeningHours));
}

#[test]
fn error_messages_name_the_day_and_the_text() {
    let error = hours_in("UTC", ["09:00-12:00, 11:00-17:00", "", "", "", "", "", ""], &[]).err();
    assert_eq!(
        error.map(|error| error.to_string()).as_deref(),
        Some("Monday: opening hours 09:00-12:00 and 11:00-17:00 overlap")
    );
}
