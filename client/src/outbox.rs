//! Messages written but not yet acknowledged by the server, keyed by client id, with
//! their delivery state, and the form they are saved in so a reload sends them again.
//!
//! The rules both apps follow: a message is resent with the same client id (the server
//! stores it once) on every (re)connect until its `ack`, or its own copy, arrives; a
//! message without an ack within the deadline shows as failed but is still resent by
//! itself; a message the server refused is resent only when the user asks, and is not
//! saved; a rate-limited message stays "sending" and goes out again after the wait.

use protocol::Millis;
use protocol::files::FileRef;
use protocol::frames::ClientFrame;
use serde::{Deserialize, Serialize};

/// Where a pending message stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// Sent (or waiting for the socket to open); no ack yet.
    Sending,
    /// No ack within the deadline. Shown as failed; sent again on the next (re)connect
    /// or when the user presses Retry.
    TimedOut,
    /// The server answered with an error frame, whose message this is. Shown as failed;
    /// only Retry sends it again, because resending by itself would fail the same way.
    Refused(String),
}

/// One unacknowledged message.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// Invariant: fixed for the message's whole life, so every resend is stored once.
    pub client_id: String,
    pub body: String,
    /// Files sent with it, uploaded already.
    pub files: Vec<FileRef>,
    /// The conversation it goes to; `None` for the visitor's own conversation.
    pub conversation_id: Option<i64>,
    /// An agent's note for the other agents.
    pub internal: bool,
    /// When it was written, for showing it before the server gives it a time.
    pub created_at: Millis,
    pub delivery: Delivery,
    /// Grows every time the message goes back to `Sending`, so the deadline of an
    /// earlier attempt cannot fail a later one.
    pub attempt: u32,
}

impl Pending {
    /// A new message, `Sending`, attempt 0.
    pub fn new(client_id: String, body: String, conversation_id: Option<i64>, created_at: Millis) -> Self {
        Self {
            client_id,
            body,
            files: Vec::new(),
            conversation_id,
            internal: false,
            created_at,
            delivery: Delivery::Sending,
            attempt: 0,
        }
    }

    /// The message with these files attached.
    pub fn with_files(self, files: Vec<FileRef>) -> Self {
        Self { files, ..self }
    }

    /// The message as a note for the other agents.
    pub fn as_note(self) -> Self {
        Self { internal: true, ..self }
    }

    /// Whether a reconnect sends it again by itself.
    pub fn resends_automatically(&self) -> bool {
        !matches!(self.delivery, Delivery::Refused(_))
    }
}

/// A message to write to the socket, and the attempt its deadline belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resend {
    pub client_id: String,
    pub body: String,
    pub files: Vec<i64>,
    pub conversation_id: Option<i64>,
    pub internal: bool,
    pub attempt: u32,
}

impl Resend {
    /// The `send` frame that carries it.
    pub fn frame(&self) -> ClientFrame {
        ClientFrame::Send {
            conversation_id: self.conversation_id,
            client_id: self.client_id.clone(),
            body: self.body.clone(),
            files: self.files.clone(),
            internal: self.internal,
        }
    }
}

/// An unacknowledged message as saved for the next page load. The messenger's older
/// saves, `{client_id, body}`, still read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMessage {
    pub client_id: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<i64>,
    #[serde(default)]
    pub created_at: Millis,
    #[serde(default, skip_serializing_if = "protocol::is_false")]
    pub internal: bool,
}

/// The unacknowledged messages, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outbox {
    /// Invariant: client ids are unique.
    entries: Vec<Pending>,
}

impl Outbox {
    /// The outbox saved by an earlier page load; every entry is `Sending` again.
    /// Entries without an id or a body, and repeated ids, are dropped.
    pub fn restore(saved: Vec<SavedMessage>) -> Self {
        let mut outbox = Self::default();
        for SavedMessage { client_id, body, files, conversation_id, created_at, internal } in saved {
            let said_something = !body.trim().is_empty() || !files.is_empty();
            if !client_id.is_empty() && said_something && !outbox.contains(&client_id) {
                let pending = Pending::new(client_id, body, conversation_id, created_at).with_files(files);
                outbox.push(Pending { internal, ..pending });
            }
        }
        outbox
    }

    /// The outbox from its saved JSON. Missing or unreadable text counts as empty rather
    /// than an error: a corrupt save must not stop the app from starting.
    pub fn from_json(text: Option<&str>) -> Self {
        Self::restore(text.and_then(crate::json::from_str).unwrap_or_default())
    }

    /// What to save: everything that will be sent again by itself.
    pub fn saved(&self) -> Vec<SavedMessage> {
        self.entries
            .iter()
            .filter(|entry| entry.resends_automatically())
            .map(|entry| SavedMessage {
                client_id: entry.client_id.clone(),
                body: entry.body.clone(),
                files: entry.files.clone(),
                conversation_id: entry.conversation_id,
                created_at: entry.created_at,
                internal: entry.internal,
            })
            .collect()
    }

    /// `saved` as JSON, or `None` when there is nothing to save (the key is removed).
    pub fn saved_json(saved: &[SavedMessage]) -> Option<String> {
        if saved.is_empty() { None } else { crate::json::to_string(saved) }
    }

    /// The pending messages, oldest first.
    pub fn entries(&self) -> &[Pending] {
        &self.entries
    }

    /// Whether a message with this client id is pending.
    pub fn contains(&self, client_id: &str) -> bool {
        self.entries.iter().any(|entry| entry.client_id == client_id)
    }

    /// Adds a new message and returns its first attempt. A client id already pending is
    /// not added twice.
    pub fn push(&mut self, pending: Pending) -> Option<Resend> {
        if pending.client_id.is_empty() || self.contains(&pending.client_id) {
            return None;
        }
        let resend = resend_of(&pending);
        self.entries.push(pending);
        Some(resend)
    }

    /// Removes and returns the message once the server has it (its ack, or its own copy).
    pub fn take(&mut self, client_id: &str) -> Option<Pending> {
        let index = self.entries.iter().position(|entry| entry.client_id == client_id)?;
        Some(self.entries.remove(index))
    }

    /// The user pressed Retry (or a rate limit's wait ended): back to `Sending` with a
    /// new attempt.
    pub fn retry(&mut self, client_id: &str) -> Option<Resend> {
        self.find(client_id).map(start_attempt)
    }

    /// The socket (re)opened: every message that is not refused goes out again.
    pub fn resend_all(&mut self) -> Vec<Resend> {
        self.entries.iter_mut().filter(|entry| entry.resends_automatically()).map(start_attempt).collect()
    }

    /// The deadline of `attempt` passed. Returns whether that made the message fail,
    /// which it does only if that attempt is still the current one and unanswered.
    pub fn expire(&mut self, client_id: &str, attempt: u32) -> bool {
        match self.find(client_id) {
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
        self.find(client_id).map(start_attempt).is_some()
    }

    /// The server refused the message. Returns whether it was pending.
    pub fn refuse(&mut self, client_id: &str, reason: String) -> bool {
        match self.find(client_id) {
            Some(entry) => {
                entry.delivery = Delivery::Refused(reason);
                true
            }
            None => false,
        }
    }

    fn find(&mut self, client_id: &str) -> Option<&mut Pending> {
        self.entries.iter_mut().find(|entry| entry.client_id == client_id)
    }
}

fn start_attempt(entry: &mut Pending) -> Resend {
    entry.delivery = Delivery::Sending;
    entry.attempt = entry.attempt.wrapping_add(1);
    resend_of(entry)
}

fn resend_of(entry: &Pending) -> Resend {
    Resend {
        client_id: entry.client_id.clone(),
        body: entry.body.clone(),
        files: entry.files.iter().map(|file| file.id).collect(),
        conversation_id: entry.conversation_id,
        internal: entry.internal,
        attempt: entry.attempt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outbox_with(ids: &[&str]) -> Outbox {
        let mut outbox = Outbox::default();
        for id in ids {
            outbox.push(Pending::new((*id).to_owned(), format!("body of {id}"), None, 0));
        }
        outbox
    }

    #[test]
    fn pushing_gives_the_first_attempt_and_refuses_a_repeated_id() {
        let mut outbox = Outbox::default();
        let first = outbox.push(Pending::new("a".into(), "hi".into(), Some(7), 1)).expect("new id");
        assert_eq!(first.attempt, 0);
        assert_eq!(
            first.frame(),
            ClientFrame::Send {
                conversation_id: Some(7),
                client_id: "a".into(),
                body: "hi".into(),
                files: Vec::new(),
                internal: false
            }
        );
        assert_eq!(outbox.push(Pending::new("a".into(), "again".into(), Some(7), 2)), None);
        assert_eq!(outbox.push(Pending::new(String::new(), "no id".into(), None, 2)), None);
        assert_eq!(outbox.entries().len(), 1);
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
    fn a_note_stays_a_note_when_resent_and_across_a_reload() {
        let mut outbox = Outbox::default();
        let first = outbox.push(Pending::new("n".into(), "for agents".into(), Some(3), 1).as_note()).expect("new");
        assert!(matches!(first.frame(), ClientFrame::Send { internal: true, .. }));
        let json = Outbox::saved_json(&outbox.saved()).expect("saved");
        let mut restored = Outbox::from_json(Some(&json));
        let resent = restored.resend_all();
        assert!(matches!(resent[0].frame(), ClientFrame::Send { internal: true, .. }));
    }

    #[test]
    fn refused_messages_are_not_saved() {
        let mut outbox = outbox_with(&["a", "b"]);
        outbox.refuse("a", "no".into());
        let saved = outbox.saved();
        assert_eq!(
            saved,
            [SavedMessage {
                client_id: "b".into(),
                body: "body of b".into(),
                files: Vec::new(),
                conversation_id: None,
                created_at: 0,
                internal: false,
            }]
        );
    }

    #[test]
    fn restoring_skips_duplicates_and_blanks() {
        let saved = |client_id: &str, body: &str| SavedMessage {
            client_id: client_id.into(),
            body: body.into(),
            files: Vec::new(),
            conversation_id: None,
            created_at: 0,
            internal: false,
        };
        let outbox = Outbox::restore(vec![saved("a", "hi"), saved("a", "again"), saved("", "no id"), saved("b", "  ")]);
        assert_eq!(outbox.entries().len(), 1);
        assert_eq!(outbox.entries()[0].body, "hi");
    }

    #[test]
    fn a_saved_outbox_round_trips_with_its_conversation_and_time() {
        let mut outbox = Outbox::default();
        outbox.push(Pending::new("a".into(), "to seven".into(), Some(7), 1_700_000_000_000));
        outbox.expire("a", 0);
        let json = Outbox::saved_json(&outbox.saved()).expect("something to save");
        let restored = Outbox::from_json(Some(&json));
        let entry = &restored.entries()[0];
        assert_eq!((entry.conversation_id, entry.created_at), (Some(7), 1_700_000_000_000));
        assert_eq!(entry.delivery, Delivery::Sending, "a restored message is sent again");
        assert_eq!(Outbox::saved_json(&[]), None, "an empty outbox removes the key");
    }

    #[test]
    fn the_messengers_older_saves_still_restore_and_corrupt_ones_count_as_empty() {
        let restored = Outbox::from_json(Some(r#"[{"client_id":"a","body":"hi"}]"#));
        assert_eq!(restored.entries()[0].conversation_id, None);
        assert_eq!(Outbox::from_json(Some("{not json")), Outbox::default());
        assert_eq!(Outbox::from_json(None), Outbox::default());
    }

    #[test]
    fn a_message_with_only_files_is_sent_saved_and_restored_with_them() {
        let file = FileRef { id: 42, name: "screen.png".into(), content_type: "image/png".into(), size: 10 };
        let mut outbox = Outbox::default();
        let first = outbox.push(Pending::new("f".into(), String::new(), None, 1).with_files(vec![file.clone()]));
        let frame = first.expect("new id").frame();
        assert_eq!(
            frame,
            ClientFrame::Send {
                conversation_id: None,
                client_id: "f".into(),
                body: String::new(),
                files: vec![42],
                internal: false
            }
        );
        let json = Outbox::saved_json(&outbox.saved()).expect("something to save");
        let restored = Outbox::from_json(Some(&json));
        assert_eq!(restored.entries().len(), 1, "a message of files alone is not blank");
        assert_eq!(restored.entries()[0].files, [file]);
        assert_eq!(restored.clone().resend_all()[0].files, [42]);
    }

    #[test]
    fn taking_removes_the_message() {
        let mut outbox = outbox_with(&["a"]);
        assert!(outbox.take("a").is_some());
        assert!(outbox.take("a").is_none());
        assert!(!outbox.refuse("a", "gone".into()));
    }
}
