//! When the WebSocket connects again: the decisions behind the browser socket in
//! `web::socket`, kept pure so they are tested without a browser.
//!
//! The rules both apps follow:
//! - every close, whatever its code, is retried after the [`Backoff`] wait;
//! - the backoff starts over only after a connection stayed open for
//!   [`HEALTHY_AFTER_MS`], so a server that accepts and then drops at once (or sends one
//!   frame and drops) is not hammered;
//! - the browser coming back online connects at once and starts the backoff over, since
//!   failures on the old network say nothing about the new one;
//! - the page becoming visible again connects at once, keeping the backoff count;
//! - a wait already running is never doubled by a second close or failure.

use std::time::Duration;

use crate::backoff::Backoff;

/// A connection that stayed open this long was healthy: the next outage starts the
/// backoff from the beginning.
pub const HEALTHY_AFTER_MS: f64 = 10_000.0;

/// Why the browser suggests connecting now rather than after the wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// The `online` event: the network is back.
    Online,
    /// `visibilitychange` to visible: the user is looking at the page again.
    Visible,
}

/// Where the connection stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Phase {
    /// Not started (no credentials yet), or stopped.
    Idle,
    /// A socket is opening.
    Connecting,
    /// The socket is open, since this time (milliseconds).
    Open { since: f64 },
    /// Closed; a retry is scheduled.
    Waiting,
}

/// What a close means for the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closed {
    /// Whether the socket had opened. `false` means the handshake never completed, for
    /// example because the server refused the credentials.
    pub opened: bool,
    /// How long to wait before connecting again.
    pub retry_in: Duration,
}

/// The connection's state and backoff.
#[derive(Debug, Clone)]
pub struct Reconnect {
    phase: Phase,
    backoff: Backoff,
}

impl Default for Reconnect {
    fn default() -> Self {
        Self { phase: Phase::Idle, backoff: Backoff::default() }
    }
}

impl Reconnect {
    /// Where the connection stands.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Asks to connect now (on start, or when the retry timer fires). Returns whether a
    /// socket should be opened: only when none is opening or open.
    pub fn connect(&mut self) -> bool {
        match self.phase {
            Phase::Idle | Phase::Waiting => {
                self.phase = Phase::Connecting;
                true
            }
            Phase::Connecting | Phase::Open { .. } => false,
        }
    }

    /// The socket opened at `now`.
    pub fn opened(&mut self, now: f64) {
        if self.phase == Phase::Connecting {
            self.phase = Phase::Open { since: now };
        }
    }

    /// The socket closed (or could not be created) at `now`; `random` in `[0, 1)` jitters
    /// the wait. `None` when no socket was opening or open, so there is nothing to retry
    /// beyond the wait already running.
    pub fn closed(&mut self, now: f64, random: f64) -> Option<Closed> {
        let opened = match self.phase {
            Phase::Open { since } => {
                if now - since >= HEALTHY_AFTER_MS {
                    self.backoff.reset();
                }
                true
            }
            Phase::Connecting => false,
            Phase::Idle | Phase::Waiting => return None,
        };
        self.phase = Phase::Waiting;
        Some(Closed { opened, retry_in: self.backoff.next_delay(random) })
    }

    /// The browser suggests connecting now. Returns whether to connect at once (the
    /// caller cancels the scheduled retry); only a connection waiting to retry does.
    pub fn woke(&mut self, wake: Wake) -> bool {
        if self.phase != Phase::Waiting {
            return false;
        }
        if wake == Wake::Online {
            self.backoff.reset();
        }
        self.connect()
    }

    /// Stops for good: nothing connects again.
    pub fn stop(&mut self) {
        self.phase = Phase::Idle;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(closed: Option<Closed>) -> u128 {
        closed.expect("a close of a live socket").retry_in.as_millis()
    }

    /// Opens and closes `count` times, each connection lasting `lasting` ms, and returns
    /// the waits (with the longest jitter).
    fn outages(reconnect: &mut Reconnect, count: usize, lasting: f64) -> Vec<u128> {
        let mut now = 0.0;
        (0..count)
            .map(|_| {
                assert!(reconnect.connect());
                reconnect.opened(now);
                now += lasting;
                millis(reconnect.closed(now, 1.0))
            })
            .collect()
    }

    #[test]
    fn a_connection_dropped_at_once_keeps_backing_off() {
        let mut reconnect = Reconnect::default();
        assert_eq!(outages(&mut reconnect, 4, 50.0), [500, 1000, 2000, 4000]);
    }

    #[test]
    fn a_connection_that_stayed_up_ten_seconds_starts_the_backoff_over() {
        let mut reconnect = Reconnect::default();
        outages(&mut reconnect, 3, 50.0);
        assert_eq!(outages(&mut reconnect, 2, HEALTHY_AFTER_MS), [500, 500]);
    }

    #[test]
    fn a_failed_handshake_reports_not_opened_and_backs_off() {
        let mut reconnect = Reconnect::default();
        assert!(reconnect.connect());
        let closed = reconnect.closed(0.0, 1.0).expect("retry");
        assert!(!closed.opened);
        assert_eq!(closed.retry_in.as_millis(), 500);
        assert!(reconnect.connect());
        assert_eq!(millis(reconnect.closed(1.0, 1.0)), 1000);
    }

    #[test]
    fn a_second_close_while_waiting_schedules_nothing_more() {
        let mut reconnect = Reconnect::default();
        assert!(reconnect.connect());
        assert!(reconnect.closed(0.0, 1.0).is_some());
        assert_eq!(reconnect.closed(1.0, 1.0), None);
        assert_eq!(reconnect.phase(), Phase::Waiting);
    }

    #[test]
    fn connect_is_refused_while_a_socket_is_opening_or_open() {
        let mut reconnect = Reconnect::default();
        assert!(reconnect.connect());
        assert!(!reconnect.connect());
        reconnect.opened(5.0);
        assert_eq!(reconnect.phase(), Phase::Open { since: 5.0 });
        assert!(!reconnect.connect());
    }

    #[test]
    fn coming_back_online_connects_at_once_and_starts_the_backoff_over() {
        let mut reconnect = Reconnect::default();
        outages(&mut reconnect, 4, 50.0);
        assert!(reconnect.woke(Wake::Online));
        assert_eq!(reconnect.phase(), Phase::Connecting);
        assert_eq!(millis(reconnect.closed(0.0, 1.0)), 500);
    }

    #[test]
    fn becoming_visible_connects_at_once_but_keeps_the_backoff() {
        let mut reconnect = Reconnect::default();
        outages(&mut reconnect, 2, 50.0);
        assert!(reconnect.woke(Wake::Visible));
        assert_eq!(millis(reconnect.closed(0.0, 1.0)), 2000);
    }

    #[test]
    fn waking_does_nothing_unless_waiting_to_retry() {
        let mut reconnect = Reconnect::default();
        assert!(!reconnect.woke(Wake::Online), "not started");
        assert!(reconnect.connect());
        assert!(!reconnect.woke(Wake::Online), "already connecting");
        reconnect.opened(0.0);
        assert!(!reconnect.woke(Wake::Visible), "already open");
    }

    #[test]
    fn a_stopped_connection_never_connects_by_itself() {
        let mut reconnect = Reconnect::default();
        assert!(reconnect.connect());
        assert!(reconnect.closed(0.0, 1.0).is_some());
        reconnect.stop();
        assert!(!reconnect.woke(Wake::Online));
        assert_eq!(reconnect.closed(1.0, 1.0), None);
    }
}
