//! The audit log page's pure rules: the actions its filter offers, the query and CSV
//! addresses for a filter, dates read from the date inputs, and an entry's change in
//! one line. Native tests cover them; `view/audit.rs` draws the page.

use client::rest::encode_component;
use protocol::Millis;

use crate::reports::Day;

/// Entries one page of `GET /api/v1/audit` holds: a full page means there may be more.
pub const PAGE: usize = 200;

/// The action filter's choices: a label (a message id) and the `action` sent, an exact
/// action or a prefix ending in `.`; the empty one is every action.
pub const ACTIONS: [(&str, &str); 10] = [
    ("inbox-view-all", ""),
    ("access-title", "access."),
    ("audit-access-requested", "access.requested"),
    ("audit-access-declined", "access.declined"),
    ("audit-access-granted", "access.granted"),
    ("audit-access-revoked", "access.revoked"),
    ("audit-access-expired", "access.expired"),
    ("audit-access-action", "access.action"),
    ("audit-workspace", "workspace."),
    ("audit-agents", "agent."),
];

/// What the log is narrowed to; empty fields narrow nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub action: String,
    pub user_id: String,
    /// From this time on, inclusive.
    pub from: Option<Millis>,
    /// Before this time.
    pub to: Option<Millis>,
}

impl AuditFilter {
    /// The query of `GET /api/v1/audit` for this filter, after entry `before` when
    /// loading the next page; every value percent-encoded.
    pub fn query(&self, before: Option<i64>) -> String {
        let mut pairs = Vec::new();
        let action = self.action.trim();
        if !action.is_empty() {
            pairs.push(format!("action={}", encode_component(action)));
        }
        let user_id = self.user_id.trim();
        if !user_id.is_empty() {
            pairs.push(format!("user_id={}", encode_component(user_id)));
        }
        let numbers = [("from", self.from), ("to", self.to), ("before", before)];
        pairs.extend(numbers.into_iter().filter_map(|(name, value)| value.map(|value| format!("{name}={value}"))));
        pairs.join("&")
    }

    /// `/api/v1/audit.csv` with the same filter: the whole filtered log, not one page.
    pub fn csv_address(&self) -> String {
        let query = self.query(None);
        if query.is_empty() { "/api/v1/audit.csv".to_owned() } else { format!("/api/v1/audit.csv?{query}") }
    }
}

/// A date input's `YYYY-MM-DD`; `None` when empty or not a date.
pub fn parse_day(text: &str) -> Option<Day> {
    let text = text.trim();
    if !text.bytes().all(|byte| byte.is_ascii_digit() || byte == b'-') {
        return None;
    }
    let mut parts = text.splitn(3, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let date = Day { year: year.parse().ok()?, month: month.parse().ok()?, day: day.parse().ok()? };
    // A day that does not exist (say 02-30) comes back as another one.
    (date.minus(0) == date && (1..=12).contains(&date.month) && date.day >= 1).then_some(date)
}

/// The day after `day`: a `to` date includes its whole day, so the query's end is the
/// next midnight.
pub fn next_day(day: Day) -> Day {
    day.minus(-1)
}

/// What an entry changed, "before → after", with a dash for a missing side; `None`
/// when it records neither.
pub fn change(before: Option<&str>, after: Option<&str>) -> Option<String> {
    if before.is_none() && after.is_none() {
        return None;
    }
    Some(format!("{} {} {}", before.unwrap_or("—"), crate::l10n::forward_arrow(), after.unwrap_or("—")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_filter_asks_for_everything() {
        let filter = AuditFilter::default();
        assert_eq!(filter.query(None), "");
        assert_eq!(filter.csv_address(), "/api/v1/audit.csv");
    }

    #[test]
    fn the_query_carries_every_field_set_and_the_page() {
        let filter = AuditFilter {
            action: "access.".into(),
            user_id: " user 42&x ".into(),
            from: Some(1_764_900_000_000),
            to: Some(1_764_986_400_000),
        };
        assert_eq!(
            filter.query(Some(31)),
            "action=access.&user_id=user%2042%26x&from=1764900000000&to=1764986400000&before=31"
        );
        assert_eq!(
            filter.csv_address(),
            "/api/v1/audit.csv?action=access.&user_id=user%2042%26x&from=1764900000000&to=1764986400000"
        );
    }

    #[test]
    fn every_action_choice_is_a_recorded_action_or_a_prefix_of_one() {
        // The actions docs/protocol.md lists for the audit log.
        let recorded = [
            "access.requested",
            "access.declined",
            "access.granted",
            "access.revoked",
            "access.expired",
            "access.action",
            "workspace.origins",
            "agent.role",
        ];
        for (label, action) in ACTIONS {
            let matches = |recorded: &&str| match action.strip_suffix('.') {
                Some(_) => recorded.starts_with(action),
                None => *recorded == action,
            };
            assert!(action.is_empty() || recorded.iter().any(matches), "{label}");
        }
    }

    #[test]
    fn dates_are_read_only_when_they_exist() {
        assert_eq!(parse_day("2026-03-02"), Some(Day { year: 2026, month: 3, day: 2 }));
        assert_eq!(parse_day("2028-02-29"), Some(Day { year: 2028, month: 2, day: 29 }));
        for text in [
            "",
            "+2026-03-02",
            "2026-3-2",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "20260302",
            "2026-03-02x",
        ] {
            assert_eq!(parse_day(text), None, "{text}");
        }
    }

    #[test]
    fn a_to_date_ends_at_the_next_midnight() {
        assert_eq!(next_day(Day { year: 2026, month: 12, day: 31 }), Day { year: 2027, month: 1, day: 1 });
    }

    #[test]
    fn changes_read_before_then_after() {
        assert_eq!(change(Some("1 Old Street"), Some("2 New Road")).as_deref(), Some("1 Old Street → 2 New Road"));
        assert_eq!(change(None, Some("on")).as_deref(), Some("— → on"));
        assert_eq!(change(None, None), None);
    }
}
