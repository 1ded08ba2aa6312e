//! Wire times as text, the parts that need no browser: ages ("5 min ago"), due times
//! ("due in 3 h"), the messenger's "We'll reply by …" choice, which locale a page's dates
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

/// The age text for an elapsed time, e.g. "5 min ago", or `None` when a calendar date
/// reads better (a month or more).
pub fn age(elapsed: Millis) -> Option<String> {
    // Clocks disagree a little between server and browser; a small negative age is "now".
    Some(match elapsed {
        elapsed if elapsed < MINUTE => "just now".to_owned(),
        elapsed if elapsed < HOUR => format!("{} min ago", elapsed / MINUTE),
        elapsed if elapsed < DAY => format!("{} h ago", elapsed / HOUR),
        elapsed if elapsed < 30 * DAY => {
            let days = elapsed / DAY;
            if days == 1 { "yesterday".to_owned() } else { format!("{days} days ago") }
        }
        _ => return None,
    })
}

/// When a response is due relative to `now`: "due in 3 h", "overdue by 2 h".
pub fn due(due_at: Millis, now: Millis) -> String {
    let left = due_at.saturating_sub(now);
    if left >= 0 { format!("due in {}", span(left)) } else { format!("overdue by {}", span(left.saturating_neg())) }
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

/// A length of time in its largest sensible unit, rounded down but never "0 min".
fn span(ms: Millis) -> String {
    match ms {
        ms if ms < HOUR => format!("{} min", (ms / MINUTE).max(1)),
        ms if ms < 2 * DAY => format!("{} h", ms / HOUR),
        ms => format!("{} days", ms / DAY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_times_read_as_time_left_or_overdue() {
        assert_eq!(due(3 * HOUR + 20 * MINUTE, 0), "due in 3 h");
        assert_eq!(due(0, 2 * HOUR + MINUTE), "overdue by 2 h");
        assert_eq!(due(10_000, 0), "due in 1 min");
        assert_eq!(due(45 * MINUTE, 0), "due in 45 min");
        assert_eq!(due(30 * HOUR, 0), "due in 30 h");
        assert_eq!(due(0, 3 * DAY + HOUR), "overdue by 3 days");
        assert_eq!(due(Millis::MIN, Millis::MAX), format!("overdue by {} days", Millis::MAX / DAY));
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age(-5_000).as_deref(), Some("just now"));
        assert_eq!(age(5 * MINUTE).as_deref(), Some("5 min ago"));
        assert_eq!(age(3 * HOUR).as_deref(), Some("3 h ago"));
        assert_eq!(age(DAY + HOUR).as_deref(), Some("yesterday"));
        assert_eq!(age(4 * DAY).as_deref(), Some("4 days ago"));
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
