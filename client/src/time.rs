//! Wire times, the parts that need no browser: ages (5 minutes ago), due times (due in
//! 3 hours), each in the unit a page puts into words, the messenger's "We'll reply by …" choice, which locale a page's dates
//! are written in, and the range a JavaScript `Date` accepts. The locale's own formatting
//! is in `web::time`.

use protocol::Millis;

/// The largest distance from the epoch a JavaScript `Date` accepts; beyond it date
/// methods such as `toISOString` throw. Both apps format nothing outside it.
pub const MAX_DATE_MS: Millis = 8_640_000_000_000_000;

const MINUTE: Millis = 60_000;
const HOUR: Millis = 60 * MINUTE;
const DAY: Millis = 24 * HOUR;

/// Further ahead than this, a deadline names its date rather than its weekday.
pub const WEEKDAY_HORIZON: Millis = 6 * DAY;

/// Whether `at` is a time a JavaScript `Date` can hold.
pub fn in_date_range(at: Millis) -> bool {
    at.checked_abs().is_some_and(|distance| distance <= MAX_DATE_MS)
}

/// How long ago something happened, in the unit that reads best; a page puts it into
/// words in its own language ("5 min ago", "vor 5 Min.").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// Under a minute (or a little in the future: clocks disagree).
    JustNow,
    Minutes(i64),
    Hours(i64),
    Yesterday,
    Days(i64),
}

/// The age of an elapsed time, or `None` when a calendar date reads better (a month or
/// more).
pub fn age(elapsed: Millis) -> Option<Age> {
    // Clocks disagree a little between server and browser; a small negative age is "now".
    Some(match elapsed {
        elapsed if elapsed < MINUTE => Age::JustNow,
        elapsed if elapsed < HOUR => Age::Minutes(elapsed / MINUTE),
        elapsed if elapsed < DAY => Age::Hours(elapsed / HOUR),
        elapsed if elapsed < 30 * DAY => match elapsed / DAY {
            1 => Age::Yesterday,
            days => Age::Days(days),
        },
        _ => return None,
    })
}

/// A length of time in its largest sensible unit, rounded down but never "0 min".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Minutes(i64),
    Hours(i64),
    Days(i64),
}

/// When a response is due relative to `now`: time left ("due in 3 h"), or how late it
/// is ("overdue by 2 h").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    In(Span),
    Overdue(Span),
}

/// When a response due at `due_at` is due, seen at `now`.
pub fn due(due_at: Millis, now: Millis) -> Due {
    let left = due_at.saturating_sub(now);
    if left >= 0 { Due::In(span(left)) } else { Due::Overdue(span(left.saturating_neg())) }
}

/// How "We'll reply by …" names a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyBy {
    /// Already past (or not a date): promise nothing that cannot be kept.
    AsSoonAsPossible,
    /// Within six days: weekday and time, "Mon 10:00".
    Weekday,
    /// Further ahead: date and time, "14 Mar, 10:00".
    Date,
}

impl ReplyBy {
    /// How to name the deadline `at`, seen at `now`.
    pub fn of(at: Millis, now: Millis) -> Self {
        if at <= now || !in_date_range(at) {
            ReplyBy::AsSoonAsPossible
        } else if at.saturating_sub(now) > WEEKDAY_HORIZON {
            ReplyBy::Date
        } else {
            ReplyBy::Weekday
        }
    }
}

/// The locale to write a page's dates in, given the language the page declares (its
/// `<html lang>`, if any) and the browser's preferred locale: the browser's own when it
/// is of the same language, so its regional habits stay (a page in `en` read in an
/// `en-GB` browser writes British dates), otherwise the page's, so the dates speak the
/// page's language (a messenger in `de` writes German dates in any browser).
pub fn date_locale(declared: Option<&str>, browser: &str) -> String {
    fn language(tag: &str) -> &str {
        tag.split(['-', '_']).next().unwrap_or_default()
    }
    match declared.map(str::trim).filter(|declared| !declared.is_empty()) {
        Some(declared) if !language(declared).eq_ignore_ascii_case(language(browser)) => declared.to_owned(),
        _ => browser.to_owned(),
    }
}

fn span(ms: Millis) -> Span {
    match ms {
        ms if ms < HOUR => Span::Minutes((ms / MINUTE).max(1)),
        ms if ms < 2 * DAY => Span::Hours(ms / HOUR),
        ms => Span::Days(ms / DAY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_times_are_time_left_or_overdue_in_their_largest_unit() {
        assert_eq!(due(3 * HOUR + 20 * MINUTE, 0), Due::In(Span::Hours(3)));
        assert_eq!(due(0, 2 * HOUR + MINUTE), Due::Overdue(Span::Hours(2)));
        assert_eq!(due(10_000, 0), Due::In(Span::Minutes(1)));
        assert_eq!(due(45 * MINUTE, 0), Due::In(Span::Minutes(45)));
        assert_eq!(due(30 * HOUR, 0), Due::In(Span::Hours(30)));
        assert_eq!(due(0, 3 * DAY + HOUR), Due::Overdue(Span::Days(3)));
        assert_eq!(due(Millis::MIN, Millis::MAX), Due::Overdue(Span::Days(Millis::MAX / DAY)));
    }

    #[test]
    fn ages_are_counted_in_the_unit_that_reads_best() {
        assert_eq!(age(-5_000), Some(Age::JustNow));
        assert_eq!(age(5 * MINUTE), Some(Age::Minutes(5)));
        assert_eq!(age(3 * HOUR), Some(Age::Hours(3)));
        assert_eq!(age(DAY + HOUR), Some(Age::Yesterday));
        assert_eq!(age(4 * DAY), Some(Age::Days(4)));
        assert_eq!(age(40 * DAY), None);
    }

    #[test]
    fn dates_speak_the_page_language_in_the_browser_variant_of_it() {
        assert_eq!(date_locale(Some("de"), "de-AT"), "de-AT");
        assert_eq!(date_locale(Some("en"), "en-GB"), "en-GB");
        assert_eq!(date_locale(Some("DE"), "de"), "de");
        assert_eq!(date_locale(Some("de"), "en-US"), "de");
        assert_eq!(date_locale(Some("ar"), "default"), "ar");
        assert_eq!(date_locale(None, "es-MX"), "es-MX");
        assert_eq!(date_locale(Some(" "), "es-MX"), "es-MX");
    }

    #[test]
    fn only_times_a_javascript_date_holds_are_in_range() {
        assert!(in_date_range(0));
        assert!(in_date_range(MAX_DATE_MS));
        assert!(in_date_range(-MAX_DATE_MS));
        assert!(!in_date_range(MAX_DATE_MS + 1));
        assert!(!in_date_range(Millis::MIN));
    }

    #[test]
    fn a_reply_deadline_names_a_weekday_a_date_or_nothing() {
        let now = 1_700_000_000_000;
        assert_eq!(ReplyBy::of(now, now), ReplyBy::AsSoonAsPossible);
        assert_eq!(ReplyBy::of(now - HOUR, now), ReplyBy::AsSoonAsPossible);
        assert_eq!(ReplyBy::of(now + HOUR, now), ReplyBy::Weekday);
        assert_eq!(ReplyBy::of(now + WEEKDAY_HORIZON, now), ReplyBy::Weekday);
        assert_eq!(ReplyBy::of(now + WEEKDAY_HORIZON + 1, now), ReplyBy::Date);
        assert_eq!(ReplyBy::of(Millis::MAX, now), ReplyBy::AsSoonAsPossible, "no date to name");
    }
}
