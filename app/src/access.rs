//! Support access in words, for the visitor panel: levels, durations and who acted, and
//! whether an `access` frame concerns the open chat's visitor. Pure, so native tests
//! cover it; `view/access.rs` draws the section.

use protocol::access::{AccessLevel, ActorKind, GRANT_HOURS};

use crate::l10n::{t, t_with};

/// How many of the newest actions recorded under the visitor's grants the panel lists.
pub const ACTIONS_SHOWN: usize = 5;

/// A level as an agent reads it.
pub fn level_words(level: AccessLevel) -> String {
    t(match level {
        AccessLevel::View => "access-level-view",
        AccessLevel::Act => "access-level-act",
    })
    .to_owned()
}

/// How a person counts a grant's duration in hours: in days when it is two days or
/// more of whole days (7 days), else in hours (1 hour, 24 hours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duration {
    Hours(u32),
    Days(u32),
}

impl Duration {
    pub fn of(hours: u32) -> Self {
        if hours >= 48 && hours.is_multiple_of(24) { Self::Days(hours / 24) } else { Self::Hours(hours) }
    }
}

/// A grant's duration in hours as a person says it: "1 hour", "24 hours", "7 days".
pub fn duration_words(hours: u32) -> String {
    match Duration::of(hours) {
        Duration::Hours(count) => t_with("duration-hours", &[("count", count.into())]),
        Duration::Days(count) => t_with("duration-days", &[("count", count.into())]),
    }
}

/// The durations an agent may ask for, with their words, shortest first.
pub fn durations() -> impl Iterator<Item = (u32, String)> {
    GRANT_HOURS.into_iter().map(|hours| (hours, duration_words(hours)))
}

/// Who an audit entry's actor is, in a word or two.
pub fn actor_kind_words(kind: ActorKind) -> String {
    match kind {
        ActorKind::Agent => t("actor-agent").to_owned(),
        ActorKind::User => t("actor-user").to_owned(),
        ActorKind::Host => t("actor-host").to_owned(),
        ActorKind::System => "Helpline".to_owned(),
    }
}

/// Whether an `access` frame about `changed` may change what the panel shows for a
/// visitor proved as `visitor_user_id`. A proof without a user id (say, of an email
/// only) cannot be matched, so every frame counts for it.
pub fn concerns(visitor_user_id: Option<&str>, changed: &str) -> bool {
    visitor_user_id.is_none_or(|user_id| user_id == changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grant_durations_are_counted_in_hours_or_whole_days() {
        let counted: Vec<Duration> = GRANT_HOURS.into_iter().map(Duration::of).collect();
        assert_eq!(counted, [Duration::Hours(1), Duration::Hours(24), Duration::Days(7)]);
        assert_eq!(Duration::of(2), Duration::Hours(2));
        assert_eq!(Duration::of(36), Duration::Hours(36));
        assert_eq!(Duration::of(48), Duration::Days(2));
    }

    #[test]
    fn frames_about_other_users_are_ignored_when_the_visitor_is_known() {
        assert!(concerns(Some("user-42"), "user-42"));
        assert!(!concerns(Some("user-42"), "user-7"));
        assert!(concerns(None, "user-7"));
    }
}
