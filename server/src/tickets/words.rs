//! The language and time zone of what the server writes to a requester or visitor (mail,
//! the pages it links to, system messages in a chat): the locale and IANA time zone the
//! messenger reported with the ticket (kept in its context as `locale` and `time_zone`)
//! or with the chat (kept on the visitor), else the workspace's default language and
//! business-hours time zone.
//! Dates are written the requester's way: `Mittwoch, 30. Dezember 2026, 16:00 Uhr
//! (Europe/Berlin)`.

use i18n::{Arg, Catalog, Domain, Locale};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use protocol::limits::MAX_TIME_ZONE_CHARS;

use super::BusinessHours;
use crate::store::{TicketRecord, VisitorRecord};

/// How mail to one requester speaks.
#[derive(Debug, Clone)]
pub struct Words {
    catalog: &'static Catalog,
    zone: TimeZone,
}

impl Words {
    /// In `locale`, with times in `zone`.
    pub fn new(locale: Locale, zone: TimeZone) -> Words {
        Words { catalog: i18n::shipped(Domain::Mail, locale), zone }
    }

    /// In `locale`, for words that name no moment (times, if any, in UTC).
    pub fn in_language(locale: Locale) -> Words {
        Words::new(locale, TimeZone::UTC)
    }

    /// For mail about `ticket`: the requester's locale and time zone where the ticket
    /// knows them, else the workspace's default language and its hours' time zone.
    pub fn for_ticket(ticket: &TicketRecord, default_locale: Locale, hours: &BusinessHours) -> Words {
        let text = |key: &str| ticket.context.get(key).and_then(serde_json::Value::as_str);
        Words::chosen(text("locale"), text("time_zone"), default_locale, hours)
    }

    /// For words to a chat's visitor: the locale and time zone their messenger last
    /// reported (`locale`, `time_zone`), else the workspace's.
    pub fn for_visitor(visitor: Option<&VisitorRecord>, default_locale: Locale, hours: &BusinessHours) -> Words {
        Words::chosen(
            visitor.and_then(|visitor| visitor.locale.as_deref()),
            visitor.and_then(|visitor| visitor.time_zone.as_deref()),
            default_locale,
            hours,
        )
    }

    /// The locale and zone given where they are ones we know, else the workspace's.
    fn chosen(locale: Option<&str>, zone: Option<&str>, default_locale: Locale, hours: &BusinessHours) -> Words {
        let locale = locale.and_then(Locale::from_tag).unwrap_or(default_locale);
        let zone = zone.and_then(time_zone).unwrap_or_else(|| hours.time_zone().clone());
        Words::new(locale, zone)
    }

    pub fn locale(&self) -> Locale {
        self.catalog.locale()
    }

    /// Message `id` of the mail catalog.
    pub fn text(&self, id: &str) -> String {
        self.catalog.text(id)
    }

    /// Message `id` with its variables.
    pub fn text_with(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.catalog.text_with(id, args)
    }

    /// A moment in the requester's time zone and language; "soon" in that language for
    /// a moment out of range.
    pub fn when(&self, at_ms: i64) -> String {
        let Ok(at) = Timestamp::from_millisecond(at_ms) else {
            return self.text("soon");
        };
        let zoned = at.to_zoned(self.zone.clone());
        let weekday = self.text(&format!("weekday-{}", zoned.weekday().to_monday_one_offset()));
        let month = self.text(&format!("month-{}", zoned.month()));
        let time = zoned.strftime("%H:%M").to_string();
        let zone = self.zone.iana_name().unwrap_or("UTC");
        self.text_with(
            "date-time",
            &[
                ("weekday", weekday.as_str().into()),
                // Digits as they are: a date is not a quantity to group or localise.
                ("day", Arg::Text(&zoned.day().to_string())),
                ("month", month.as_str().into()),
                ("year", Arg::Text(&zoned.year().to_string())),
                ("time", time.as_str().into()),
                ("zone", zone.into()),
            ],
        )
    }
}

/// The time zone an IANA name names, if the bundled database knows it.
pub fn time_zone(name: &str) -> Option<TimeZone> {
    if name.is_empty() || name.len() > MAX_TIME_ZONE_CHARS {
        return None;
    }
    jiff::tz::db().get(name).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> i64 {
        text.parse::<Timestamp>().expect("timestamp").as_millisecond()
    }

    fn zone(name: &str) -> TimeZone {
        time_zone(name).expect("known zone")
    }

    #[test]
    fn a_moment_is_written_in_each_language_in_the_zone_given() {
        let at = ms("2026-12-30T15:00:00Z");
        assert_eq!(
            Words::new(Locale::En, zone("Europe/Berlin")).when(at),
            "Wednesday 30 December 2026, 16:00 (Europe/Berlin)"
        );
        assert_eq!(
            Words::new(Locale::De, zone("America/New_York")).when(at),
            "Mittwoch, 30. Dezember 2026, 10:00 Uhr (America/New_York)"
        );
        assert_eq!(
            Words::new(Locale::Es, zone("Asia/Tokyo")).when(at),
            "jueves, 31 de diciembre de 2026, 00:00 (Asia/Tokyo)"
        );
        let arabic = Words::new(Locale::Ar, zone("Africa/Cairo")).when(at);
        assert!(arabic.contains("الأربعاء") && arabic.contains("ديسمبر") && arabic.contains("17:00"), "{arabic}");
    }

    #[test]
    fn only_names_the_database_knows_are_time_zones() {
        assert!(time_zone("Europe/Berlin").is_some());
        for refused in ["", "Mars/Olympus_Mons", "../../etc/passwd", &"A".repeat(MAX_TIME_ZONE_CHARS + 1)] {
            assert!(time_zone(refused).is_none(), "{refused}");
        }
    }
}
