//! Support access in words, for the visitor panel: levels, durations and who acted, and
//! whether an `access` frame concerns the open chat's visitor. Pure, so native tests
//! cover it; `view/access.rs` draws the section.

use protocol::access::{AccessLevel, ActorKind, GRANT_HOURS};

/// How many of the newest actions recorded under the visitor's grants the panel lists.
pub const ACTIONS_SHOWN: usize = 5;

/// A level as an agent reads it.
pub fn level_words(level: AccessLevel) -> &'static str {
    match level {
        AccessLevel::View => "View only",
        AccessLevel::Act => "Act on their behalf",
    }
}

/// A grant's duration in hours as a person says it: "1 hour", "24 hours", "7 days".
pub fn duration_words(hours: u32) -> String {
    match hours {
        1 => "1 hour".to_owned(),
        _ if hours >= 48 && hours.is_multiple_of(24) => format!("{} days", hours / 24),
        _ => format!("{hours} hours"),
    }
}

/// The durations an agent may ask for, with their words, shortest first.
pub fn durations() -> impl Iterator<Item = (u32, String)> {
    GRANT_HOURS.into_iter().map(|hours| (hours, duration_words(hours)))
}

/// Who an audit entry's actor is, in a word or two.
pub fn actor_kind_words(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Agent => "agent",
        ActorKind::User => "user",
        ActorKind::Host => "host app",
        ActorKind::System => "Helpline",
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
    fn every_grant_duration_reads_in_plain_words() {
        let words: Vec<String> = durations().map(|(_, words)| words).collect();
        assert_eq!(words, ["1 hour", "24 hours", "7 days"]);
        assert_eq!(duration_words(2), "2 hours");
    }

    #[test]
    fn levels_say_what_support_may_do() {
        assert_eq!(level_words(AccessLevel::View), "View only");
        assert_eq!(level_words(AccessLevel::Act), "Act on their behalf");
    }

    #[test]
    fn frames_about_other_users_are_ignored_when_the_visitor_is_known() {
        assert!(concerns(Some("user-42"), "user-42"));
        assert!(!concerns(Some("user-42"), "user-7"));
        assert!(concerns(None, "user-7"));
    }
}
