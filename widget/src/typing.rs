//! When to tell the server the visitor is typing: one `typing {is_typing: true}` at most
//! every 3 s while the box has text, one `typing {is_typing: false}` when it empties or
//! the message is sent. The agent's indicator expires after 6 s without a refresh, so
//! refreshing every 3 s keeps it steady.

/// How often "still typing" is repeated, in milliseconds.
const REFRESH_MS: f64 = 3_000.0;

/// Remembers when "typing" was last sent.
#[derive(Debug, Default)]
pub struct TypingThrottle {
    /// When `is_typing: true` was last sent (ms since the epoch); `None` once the
    /// other side has been told the visitor stopped.
    started_at: Option<f64>,
}

impl TypingThrottle {
    /// The draft changed at `now`. Returns the `is_typing` value to send, if any.
    pub fn on_input(&mut self, has_text: bool, now: f64) -> Option<bool> {
        if !has_text {
            return self.stop();
        }
        match self.started_at {
            // A clock that went backwards counts as "long enough ago".
            Some(at) if now >= at && now - at < REFRESH_MS => None,
            _ => {
                self.started_at = Some(now);
                Some(true)
            }
        }
    }

    /// The visitor sent the message or cleared the box: `Some(false)` if the other side
    /// still thinks they are typing.
    pub fn stop(&mut self) -> Option<bool> {
        self.started_at.take().map(|_| false)
    }

    /// The connection dropped; the server forgot, so the next keystroke starts afresh.
    pub fn forget(&mut self) {
        self.started_at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_is_sent_at_most_every_three_seconds() {
        let mut throttle = TypingThrottle::default();
        assert_eq!(throttle.on_input(true, 0.0), Some(true));
        assert_eq!(throttle.on_input(true, 1_000.0), None);
        assert_eq!(throttle.on_input(true, 2_999.0), None);
        assert_eq!(throttle.on_input(true, 3_000.0), Some(true));
    }

    #[test]
    fn emptying_the_box_stops_once() {
        let mut throttle = TypingThrottle::default();
        assert_eq!(throttle.on_input(false, 0.0), None);
        throttle.on_input(true, 0.0);
        assert_eq!(throttle.on_input(false, 10.0), Some(false));
        assert_eq!(throttle.on_input(false, 20.0), None);
        assert_eq!(throttle.stop(), None);
    }

    #[test]
    fn after_a_reconnect_the_next_keystroke_is_sent() {
        let mut throttle = TypingThrottle::default();
        throttle.on_input(true, 0.0);
        throttle.forget();
        assert_eq!(throttle.on_input(true, 10.0), Some(true));
    }
}
