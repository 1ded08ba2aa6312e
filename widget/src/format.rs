//! Text for display: message times and answer deadlines (from the shared client, which
//! formats them in the visitor's locale and local time) and the composer's character
//! counter.

pub use client::web::time::{clock_time, date_time as full_time, iso as iso_time, reply_by};

/// The counter under the composer: `None` until the draft nears the limit (90%).
pub fn counter(chars: usize, limit: usize) -> Option<String> {
    if chars.saturating_mul(10) < limit.saturating_mul(9) {
        return None;
    }
    Some(if chars > limit {
        let over = chars - limit;
        format!("{over} {} over the limit", plural(over))
    } else {
        let left = limit - chars;
        format!("{left} {} left", plural(left))
    })
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "character" } else { "characters" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_appears_near_the_limit() {
        assert_eq!(counter(10, 100), None);
        assert_eq!(counter(89, 100), None);
        assert_eq!(counter(90, 100).as_deref(), Some("10 characters left"));
        assert_eq!(counter(99, 100).as_deref(), Some("1 character left"));
        assert_eq!(counter(100, 100).as_deref(), Some("0 characters left"));
        assert_eq!(counter(103, 100).as_deref(), Some("3 characters over the limit"));
    }
}
