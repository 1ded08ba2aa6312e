//! The Reports page's pure rules: the ranges its quick choices pick, the query and CSV
//! addresses, durations written for people, and the scales its charts are drawn on.
//! Native tests cover them; `view/reports/` draws the page.

use crate::l10n::{t, t_with};

/// A civil date, as the date inputs and the report API write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
}

impl Day {
    /// The date `days` before this one.
    pub fn minus(self, days: i64) -> Day {
        from_day_number(day_number(self) - days)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The first day of this date's month.
    pub fn month_start(self) -> Day {
        Day { day: 1, ..self }
    }
}

/// The `days` days ending with `today`, both ends included, as `(from, to)`.
pub fn last_days(today: Day, days: i64) -> (String, String) {
    (today.minus(days - 1).iso(), today.iso())
}

/// `from=…&to=…` for the report endpoints, each value percent-encoded.
pub fn query(from: &str, to: &str) -> String {
    format!("from={}&to={}", client::rest::encode_component(from), client::rest::encode_component(to))
}

/// A duration in seconds the way a support lead reads it: "45 s", "12 min",
/// "3 h 05 min", and whole hours from 100 hours on.
pub fn duration(secs: u64) -> String {
    match Elapsed::of(secs) {
        Elapsed::Seconds(count) => t_with("elapsed-seconds", &[("count", count.into())]),
        Elapsed::Minutes(count) => t_with("elapsed-minutes", &[("count", count.into())]),
        Elapsed::HoursMinutes(hours, minutes) => {
            t_with("elapsed-hours-minutes", &[("hours", hours.into()), ("minutes", (&format!("{minutes:02}")).into())])
        }
        Elapsed::Hours(count) => t_with("elapsed-hours", &[("count", count.into())]),
    }
}

/// A duration in the largest sensible units, rounded to the nearest of the smallest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elapsed {
    Seconds(u64),
    Minutes(u64),
    HoursMinutes(u64, u64),
    Hours(u64),
}

impl Elapsed {
    pub fn of(secs: u64) -> Self {
        let minutes = (secs + 30) / 60;
        match secs {
            0..60 => Self::Seconds(secs),
            _ if minutes < 60 => Self::Minutes(minutes),
            _ if minutes < 100 * 60 => Self::HoursMinutes(minutes / 60, minutes % 60),
            _ => Self::Hours((secs + 1800) / 3600),
        }
    }
}

/// The top of a chart's scale for a largest value of `max`: 1, 2 or 5 times a power of
/// ten, at least `max` and at least 1, so the gridlines fall on round numbers.
pub fn scale_top(max: u32) -> u32 {
    let mut step = 1_u32;
    loop {
        for factor in [1, 2, 5] {
            let top = step.saturating_mul(factor);
            if top >= max || top == u32::MAX {
                return top;
            }
        }
        step = step.saturating_mul(10);
    }
}

/// The weekdays' numbers, Monday (ISO 1) first.
pub const WEEKDAYS: [u8; 7] = [1, 2, 3, 4, 5, 6, 7];

/// A weekday's name ("Monday"), by its ISO number.
pub fn weekday_name(weekday: u8) -> &'static str {
    t(&format!("weekday-{weekday}"))
}

/// A weekday's short name ("Mon"), by its ISO number.
pub fn weekday_short(weekday: u8) -> &'static str {
    t(&format!("weekday-short-{weekday}"))
}

/// "Monday 09:00–10:00".
pub fn hour_label(weekday: u8, hour: u8) -> String {
    let (from, to) = hour_span(hour);
    t_with("hour-range", &[("day", weekday_name(weekday).into()), ("from", (&from).into()), ("to", (&to).into())])
}

/// The clock times an hour of the day starts and ends at: "09:00" and "10:00".
fn hour_span(hour: u8) -> (String, String) {
    (format!("{hour:02}:00"), format!("{:02}:00", hour + 1))
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn day_number(date: Day) -> i64 {
    let year = i64::from(date.year) - i64::from(date.month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(date.month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(date.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day number (Howard Hinnant's `civil_from_days`).
fn from_day_number(days: i64) -> Day {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Day {
        year: i32::try_from(year).unwrap_or(i32::MAX),
        month: u32::try_from(month).unwrap_or(1),
        day: u32::try_from(day).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> Day {
        Day { year, month, day }
    }

    #[test]
    fn ranges_count_back_over_months_years_and_leap_days() {
        assert_eq!(last_days(date(2026, 3, 8), 7), ("2026-03-02".into(), "2026-03-08".into()));
        assert_eq!(last_days(date(2026, 3, 1), 2), ("2026-02-28".into(), "2026-03-01".into()));
        assert_eq!(last_days(date(2028, 3, 1), 2), ("2028-02-29".into(), "2028-03-01".into()));
        assert_eq!(last_days(date(2026, 1, 3), 30), ("2025-12-05".into(), "2026-01-03".into()));
        assert_eq!(date(2026, 3, 18).month_start().iso(), "2026-03-01");
    }

    #[test]
    fn the_query_encodes_what_was_typed() {
        assert_eq!(query("2026-03-02", "2026-03-08"), "from=2026-03-02&to=2026-03-08");
        assert_eq!(query("a&b=c", ""), "from=a%26b%3Dc&to=");
    }

    #[test]
    fn durations_are_counted_in_the_largest_sensible_units() {
        assert_eq!(Elapsed::of(45), Elapsed::Seconds(45));
        assert_eq!(Elapsed::of(60), Elapsed::Minutes(1));
        assert_eq!(Elapsed::of(30 * 60 + 29), Elapsed::Minutes(30));
        assert_eq!(Elapsed::of(3 * 3600 + 5 * 60), Elapsed::HoursMinutes(3, 5));
        assert_eq!(Elapsed::of(59 * 60 + 45), Elapsed::HoursMinutes(1, 0));
        assert_eq!(Elapsed::of(150 * 3600 + 1200), Elapsed::Hours(150));
    }

    #[test]
    fn scales_end_on_round_numbers() {
        let tops: Vec<u32> = [0, 1, 2, 3, 6, 10, 11, 48, 120].into_iter().map(scale_top).collect();
        assert_eq!(tops, [1, 1, 2, 5, 10, 10, 20, 50, 200]);
    }

    #[test]
    fn hours_span_from_their_start_to_the_next_hour() {
        assert_eq!(hour_span(9), ("09:00".to_owned(), "10:00".to_owned()));
        assert_eq!(hour_span(23), ("23:00".to_owned(), "24:00".to_owned()));
    }
}
