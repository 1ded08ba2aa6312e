//! Business hours as plain strings, the shape they take in the database and the console.

use std::collections::BTreeSet;

use jiff::civil::{Date, Time, Weekday};

use super::{BusinessHours, HoursError, WEEKDAYS, time_zone_named};

/// Business hours as a workspace's settings spell them: plain strings the database can
/// store and the console can edit as they are. [`BusinessHours::from_settings`] validates
/// them; this type carries no guarantees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursSettings {
    /// An IANA time zone name such as `Europe/Berlin` or `UTC`.
    pub time_zone: String,
    /// Opening hours per weekday, Monday first: `""` for closed, `"09:00-17:00"`, or
    /// several spans separated by commas, `"09:00-12:00, 13:00-17:00"`. Times are 24-hour
    /// `HH:MM`; `24:00` (or `00:00`) ends a span at midnight.
    pub weekly: [String; 7],
    /// Dates the workspace is closed all day, as `YYYY-MM-DD` in its time zone.
    pub holidays: Vec<String>,
}

impl Default for HoursSettings {
    /// Monday to Friday, 09:00 to 17:00 UTC, no holidays, like [`BusinessHours::standard`].
    fn default() -> HoursSettings {
        let office = "09:00-17:00".to_owned();
        HoursSettings {
            time_zone: "UTC".to_owned(),
            weekly: std::array::from_fn(|day| if day < 5 { office.clone() } else { String::new() }),
            holidays: Vec::new(),
        }
    }
}

impl BusinessHours {
    /// Business hours from settings as stored, looking the zone up in the bundled IANA
    /// database. Every problem is reported with the weekday or text it concerns.
    pub fn from_settings(settings: &HoursSettings) -> Result<BusinessHours, HoursError> {
        let time_zone = time_zone_named(settings.time_zone.trim())?;
        let mut weekly: [Vec<(Time, Time)>; 7] = Default::default();
        for ((weekday, text), day) in WEEKDAYS.into_iter().zip(&settings.weekly).zip(&mut weekly) {
            *day = parse_day(weekday, text)?;
        }
        let holidays =
            settings.holidays.iter().map(|text| parse_holiday(text)).collect::<Result<BTreeSet<Date>, HoursError>>()?;
        BusinessHours::new(time_zone, weekly, holidays)
    }
}

/// `"09:00-12:00, 13:00-17:00"` to its spans; an empty or blank text is a closed day.
/// Spans are only parsed here; `BusinessHours::new` checks their order and overlaps.
fn parse_day(weekday: Weekday, text: &str) -> Result<Vec<(Time, Time)>, HoursError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let malformed = || HoursError::MalformedOpening { weekday, text: text.to_owned() };
    let mut openings = Vec::new();
    for span in text.split(',') {
        let (start, end) = span.split_once('-').ok_or_else(malformed)?;
        let start = match parse_clock(start.trim()).ok_or_else(malformed)? {
            (24, _) => return Err(HoursError::InvalidTime { weekday, text: start.trim().to_owned() }),
            clock => to_time(weekday, start, clock)?,
        };
        let end = match parse_clock(end.trim()).ok_or_else(malformed)? {
            // Midnight at the end of the day, which `BusinessHours::new` reads from 00:00.
            (24, 0) => Time::midnight(),
            clock => to_time(weekday, end, clock)?,
        };
        openings.push((start, end));
    }
    Ok(openings)
}

/// `"9:30"` or `"09:30"` to `(9, 30)`, without checking the range; `None` if it is not
/// one or two digits, a colon and two digits.
fn parse_clock(text: &str) -> Option<(u8, u8)> {
    let (hours, minutes) = text.split_once(':')?;
    let digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        (lengths.contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_digit()))
            .then(|| part.parse::<u8>().ok())
            .flatten()
    };
    Some((digits(hours, 1..=2)?, digits(minutes, 2..=2)?))
}

/// An in-range `(hours, minutes)` as a civil time; `text` is what the error shows.
fn to_time(weekday: Weekday, text: &str, (hours, minutes): (u8, u8)) -> Result<Time, HoursError> {
    let invalid = || HoursError::InvalidTime { weekday, text: text.trim().to_owned() };
    if hours > 23 || minutes > 59 {
        return Err(invalid());
    }
    Time::new(hours as i8, minutes as i8, 0, 0).map_err(|_| invalid())
}

/// `"2025-12-25"` to a date. Only the plain form is accepted: a holiday is a whole day,
/// so a text with a time or a zone in it is a mistake worth reporting.
fn parse_holiday(text: &str) -> Result<Date, HoursError> {
    let trimmed = text.trim();
    let malformed = || HoursError::MalformedHoliday { text: text.to_owned() };
    let plain = trimmed.len() == 10
        && trimmed.bytes().enumerate().all(|(at, byte)| match at {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    if !plain {
        return Err(malformed());
    }
    trimmed.parse::<Date>().map_err(|_| malformed())
}
