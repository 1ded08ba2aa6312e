//! The dates a report covers: `from` to `to`, both included, as civil dates in the
//! workspace's time zone, and the instants they span. A day is midnight to midnight on
//! the workspace's clock, so the day the clocks change is 23 or 25 hours long.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use protocol::reports::MAX_REPORT_DAYS;

use crate::language::{say, say_with};

/// A validated range of dates in a time zone.
#[derive(Debug, Clone)]
pub struct Period {
    from: Date,
    to: Date,
    time_zone: TimeZone,
    /// The first instant of `from`, Unix milliseconds.
    start: i64,
    /// The first instant after `to`.
    end: i64,
}

/// A refused query field, with a message for the person who chose the dates, in the
/// request's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub field: &'static str,
    pub message: String,
}

impl Period {
    /// The range from `from` to `to` (`YYYY-MM-DD`, both included) in `time_zone`. Every
    /// field's problem is reported: a missing or malformed date, a range that ends
    /// before it starts or is longer than [`MAX_REPORT_DAYS`].
    pub fn parse(from: Option<&str>, to: Option<&str>, time_zone: TimeZone) -> Result<Period, Vec<Refusal>> {
        let first = parse_date("from", from);
        let last = parse_date("to", to);
        let (from, to) = match (first, last) {
            (Ok(from), Ok(to)) => (from, to),
            (first, last) => return Err([first.err(), last.err()].into_iter().flatten().collect()),
        };
        let refuse = |message: String| Err(vec![Refusal { field: "to", message }]);
        if to < from {
            let (to, from) = (to.to_string(), from.to_string());
            return refuse(say_with("report-backwards", &[("to", (&to).into()), ("from", (&from).into())]));
        }
        let days = i64::from(from.until(to).map(|span| span.get_days()).unwrap_or(i32::MAX)) + 1;
        if days > i64::from(MAX_REPORT_DAYS) {
            return refuse(say_with("report-too-long", &[("max", MAX_REPORT_DAYS.into()), ("days", days.into())]));
        }
        let (Some(start), Some(end)) =
            (start_of(from, &time_zone), to.tomorrow().ok().and_then(|day| start_of(day, &time_zone)))
        else {
            return refuse(say("report-out-of-range"));
        };
        Ok(Period { from, to, time_zone, start, end })
    }

    /// The first instant of the range, Unix milliseconds.
    pub fn start(&self) -> i64 {
        self.start
    }

    /// The first instant after the range.
    pub fn end(&self) -> i64 {
        self.end
    }

    pub fn from(&self) -> Date {
        self.from
    }

    pub fn to(&self) -> Date {
        self.to
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.time_zone
    }

    /// Every date of the range, in order.
    pub fn dates(&self) -> impl Iterator<Item = Date> + '_ {
        std::iter::successors(Some(self.from), |date| date.tomorrow().ok()).take_while(|date| *date <= self.to)
    }

    /// How many dates the range has.
    pub fn day_count(&self) -> usize {
        self.dates().count()
    }

    /// The position in [`Period::dates`] of the date `at` falls on; None outside the
    /// range.
    pub fn day_of(&self, at: i64) -> Option<usize> {
        if !(self.start..self.end).contains(&at) {
            return None;
        }
        let date = self.civil(at)?.date();
        let days = self.from.until(date).ok()?.get_days();
        usize::try_from(days).ok()
    }

    /// The weekday (1 is Monday) and hour of day, on the workspace's clock, of `at`.
    pub fn weekday_hour(&self, at: i64) -> Option<(u8, u8)> {
        let civil = self.civil(at)?;
        let weekday = u8::try_from(civil.weekday().to_monday_one_offset()).ok()?;
        Some((weekday, u8::try_from(civil.hour()).ok()?))
    }

    fn civil(&self, at: i64) -> Option<jiff::civil::DateTime> {
        let at = Timestamp::from_millisecond(at).ok()?;
        Some(self.time_zone.to_datetime(at))
    }
}

/// A date written exactly `YYYY-MM-DD`, as the query field `from` or `to`; each has
/// its own refusals, which name it as the first or the last day.
fn parse_date(field: &'static str, text: Option<&str>) -> Result<Date, Refusal> {
    let refuse = |message: String| Refusal { field, message };
    let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
        return Err(refuse(say(&format!("report-{field}-missing"))));
    };
    let plain = text.len() == 10
        && text.bytes().enumerate().all(|(at, byte)| match at {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    let date = plain.then(|| text.parse::<Date>().ok()).flatten();
    date.ok_or_else(|| {
        let quoted = format!("{text:?}");
        refuse(say_with(&format!("report-{field}-unreadable"), &[("text", (&quoted).into())]))
    })
}

/// The first instant of `date` in `time_zone`, Unix milliseconds. Where midnight is
/// skipped by a clock change, the day starts when the clocks resume.
fn start_of(date: Date, time_zone: &TimeZone) -> Option<i64> {
    let zoned = date.to_zoned(time_zone.clone()).ok()?.start_of_day().ok()?;
    Some(zoned.timestamp().as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> TimeZone {
        TimeZone::get("Europe/Berlin").expect("zone")
    }

    fn ms(text: &str) -> i64 {
        text.parse::<Timestamp>().expect("timestamp").as_millisecond()
    }

    #[test]
    fn a_range_spans_whole_days_on_the_workspace_clock() {
        let period = Period::parse(Some("2026-03-28"), Some("2026-03-30"), berlin()).expect("valid");
        assert_eq!(period.start(), ms("2026-03-27T23:00:00Z"), "midnight in Berlin, UTC+1");
        assert_eq!(period.end(), ms("2026-03-30T22:00:00Z"), "after the clocks went forward, UTC+2");
        assert_eq!(period.day_count(), 3);
        assert_eq!(period.day_of(ms("2026-03-27T22:59:59Z")), None);
        assert_eq!(period.day_of(ms("2026-03-27T23:00:00Z")), Some(0));
        assert_eq!(period.day_of(ms("2026-03-29T21:59:00Z")), Some(1), "Sunday 23:59 in Berlin");
        assert_eq!(period.day_of(ms("2026-03-29T22:00:00Z")), Some(2));
        assert_eq!(period.day_of(period.end()), None);
        assert_eq!(period.weekday_hour(ms("2026-03-30T07:30:00Z")), Some((1, 9)), "Monday 09:30");
    }

    #[test]
    fn one_day_and_a_leap_year_are_allowed_and_longer_is_refused() {
        assert_eq!(
            Period::parse(Some("2026-03-02"), Some("2026-03-02"), TimeZone::UTC).expect("one day").day_count(),
            1
        );
        assert_eq!(
            Period::parse(Some("2028-01-01"), Some("2028-12-31"), TimeZone::UTC).expect("366 days").day_count(),
            366
        );
        let refused = Period::parse(Some("2027-01-01"), Some("2028-01-02"), TimeZone::UTC).expect_err("367 days");
        assert_eq!(refused[0].field, "to");
        assert!(refused[0].message.contains("at most 366 days"), "{}", refused[0].message);
    }

    #[test]
    fn every_bad_field_is_named() {
        let refused = Period::parse(None, Some("31/03/2026"), TimeZone::UTC).expect_err("both bad");
        let fields: Vec<&str> = refused.iter().map(|refusal| refusal.field).collect();
        assert_eq!(fields, ["from", "to"]);
        assert!(refused[1].message.contains("2026-03-31"), "shows the form: {}", refused[1].message);
        for bad in ["2026-02-30", "2026-3-01", "2026-03-01T10:00", "+02026-03-01", " "] {
            assert!(Period::parse(Some(bad), Some("2026-03-31"), TimeZone::UTC).is_err(), "{bad:?}");
        }
        let backwards = Period::parse(Some("2026-03-31"), Some("2026-03-01"), TimeZone::UTC).expect_err("backwards");
        assert_eq!((backwards[0].field, backwards.len()), ("to", 1));
        assert!(backwards[0].message.contains("before the first"), "{}", backwards[0].message);
    }
}
