//! Messages the visitor wrote that the server has not acknowledged yet, with their
//! delivery state, and the form they are saved in so a reload sends them again.

use crate::storage::SavedMessage;

/// Where a pending message stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// Sent (or waiting for the socket to open); no ack yet.
    Sending,
    /// No ack within the deadline. Shown as failed; sent again on the next (re)connect
    /// or when the visitor presses Retry.
    TimedOut,
    /// The server answered with an error frame, whose message this is. Shown as failed;
    /// only Retry sends it again, because resending by itself would fail the same way.
    Refused(String),
}

/// One unacknowledged message.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub client_id: String,
    pub body: String,
    pub delivery: Delivery,
    /// Grows every time the message goes back to `Sending`, so the deadline of an
    /// earlier attempt cannot fail a later one.
    pub attempt: u32,
}

/// A message to write to the socket again, and the attempt its deadline belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resend {
    pub client_id: String,
    pub body: String,
    pub attempt: u32,
}

/// The unacknowledged messages, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outbox {
    /// Invariant: client ids are unique.
    entries: Vec<Pending>,
}

impl Outbox {
    /// The outbox saved by an earlier page load; every entry is `Sending` again.
    pub fn restore(saved: Vec<SavedMessage>) -> Self {
        let mut outbox = Self::default();
        for SavedMessage { client_id, body } in saved {
            if !client_id.is_empty() && !body.trim().is_empty() && !outbox.contains(&client_id) {
                outbox.push(client_id, body);
            }
        }
        outbox
    }

    /// What to save: everything that will be sent again by itself.
    pub fn saved(&self) -> Vec<SavedMessage> {
        self.entries
            .iter()
            .filter(|entry| !matches!(entry.delivery, Delivery::Refused(_)))
            .map(|entry| SavedMessage { client_id: entry.client_id.clone(), body: entry.body.clone() })
            .collect()
    }

    /// The pending messages, oldest first.
    pub fn entries(&self) -> &[Pending] {
        &self.entries
    }

    /// Whether a message with this client id is pending.
    pub fn contains(&self, client_id: &str) -> bool {
        self.entries.iter().any(|entry| entry.client_id == client_id)
    }

    /// Adds a new message in the `Sending` state, attempt 0.
    pub fn push(&mut self, client_id: String, body: String) {
        self.entries.push(Pending { client_id, body, delivery: Delivery::Sending, attempt: 0 });
    }

    /// Removes and returns the message once the server has it.
    pub fn take(&mut self, client_id: &str) -> Option<Pending> {
        let index = self.entries.iter().position(|entry| entry.client_id == client_id)?;
        Some(self.entries.remove(index))
    }

    /// The visitor pressed Retry: back to `Sending` with a new attempt.
    pub fn retry(&mut self, client_id: &str) -> Option<Resend> {
        self.entries.iter_mut().find(|entry| entry.client_id == client_id).map(start_attempt)
    }

    /// The socket (re)opened: every message that is not refused goes out again.
    pub fn resend_all(&mut self) -> Vec<Resend> {
        self.entries
            .iter_mut()
            .filter(|entry| !matches!(entry.delivery, Delivery::Refused(_)))
            .map(start_attempt)
            .collect()
    }

    /// The deadline of `attempt` passed. Returns whether that made the message fail,
    /// which it does only if that attempt is still the current one and unanswered.
    pub fn expire(&mut self, client_id: &str, attempt: u32) -> bool {
        match self.entries.iter_mut().find(|entry| entry.client_id == client_id) {
            Some(entry) if entry.attempt == attempt && entry.delivery == Delivery::Sending => {
                entry.delivery = Delivery::TimedOut;
                true
            }
            _ => false,
        }
    }

    /// The server asked for a wait before this message is sent again: it stays
    /// `Sending` (it will go out by itself) and the running attempt's deadline no
    /// longer applies. Returns whether it was pending.
    pub fn hold(&mut self, client_id: &str) -> bool {
        match self.entries.iter_mut().find(|entry| entry.client_id == client_id) {
            Some(entry) => {
                start_attempt(entry);
                true
            }
            None => false,
        }
    }

    /// The server refused the message. Returns whether it was pending.
    pub fn refuse(&mut self, client_id: &str, reason: String) -> bool {
        match self.entries.iter_mut().find(|entry| entry.client_id == client_id) {
            Some(entry) => {
                entry.delivery = Delivery::Refused(reason);
                true
            }
            None => false,
        }
    }
}

fn start_attempt(entry: &mut Pending) -> Resend {
    entry.delivery = Delivery::Sending;
    entry.attempt = entry.attempt.wrapping_add(1);
    Resend { client_id: entry.client_id.clone(), body: entry.body.clone(), attempt: entry.attempt }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outbox_with(ids: &[&str]) -> Outbox {
        let mut outbox = Outbox::default();
        for id in ids {
            outbox.push((*id).to_owned(), format!("body of {id}"));
        }
        outbox
    }

    #[test]
    fn an_old_deadline_does_not_fail_a_newer_attempt() {
        let mut outbox = outbox_with(&["a"]);
        let resend = outbox.retry("a").expect("pending");
        assert_eq!(resend.attempt, 1);
        assert!(!outbox.expire("a", 0));
        assert_eq!(outbox.entries()[0].delivery, Delivery::Sending);
        assert!(outbox.expire("a", 1));
        assert_eq!(outbox.entries()[0].delivery, Delivery::TimedOut);
    }

    #[test]
    fn reconnecting_resends_timed_out_messages_but_not_refused_ones() {
        let mut outbox = outbox_with(&["a", "b", "c"]);
        outbox.expire("a", 0);
        outbox.refuse("b", "too long".into());
        let resent: Vec<String> = outbox.resend_all().into_iter().map(|resend| resend.client_id).collect();
        assert_eq!(resent, ["a", "c"]);
        assert_eq!(outbox.entries()[0].delivery, Delivery::Sending);
        assert_eq!(outbox.entries()[1].delivery, Delivery::Refused("too long".into()));
    }

    #[test]
    fn a_message_held_for_a_rate_limit_is_kept_and_not_failed_by_its_old_deadline() {
        let mut outbox = outbox_with(&["a"]);
        assert!(outbox.hold("a"));
        assert!(!outbox.expire("a", 0), "the deadline of the refused attempt is void");
        assert_eq!(outbox.entries()[0].delivery, Delivery::Sending);
        assert_eq!(outbox.saved().len(), 1, "kept across a reload");
        let resent = outbox.retry("a").expect("still pending");
        assert_eq!((resent.client_id.as_str(), resent.attempt), ("a", 2));
        assert!(!outbox.hold("gone"));
    }

    #[test]
    fn refused_messages_are_not_saved() {
        let mut outbox = outbox_with(&["a", "b"]);
        outbox.refuse("a", "no".into());
        let saved = outbox.saved();
        assert_eq!(saved, [SavedMessage { client_id: "b".into(), body: "body of b".into() }]);
    }

    #[test]
    fn restoring_skips_duplicates_and_blanks() {
        let saved = vec![
            SavedMessage { client_id: "a".into(), body: "hi".into() },
            SavedMessage { client_id: "a".into(), body: "again".into() },
            SavedMessage { client_id: "".into(), body: "no id".into() },
            SavedMessage { client_id: "b".into(), body: "  ".into() },
        ];
        let outbox = Outbox::restore(saved);
        assert_eq!(outbox.entries().len(), 1);
        assert_eq!(outbox.entries()[0].body, "hi");
    }

    #[test]
    fn taking_removes_the_message() {
        let mut outbox = outbox_with(&["a"]);
        assert!(outbox.take("a").is_some());
        assert!(outbox.take("a").is_none());
        assert!(!outbox.refuse("a", "gone".into()));
    }
}
