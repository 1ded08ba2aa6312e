//! Email tickets in the messenger: whether anyone can chat now (and, when not, by when
//! an emailed question is answered), the "Email us" form with its saved draft, the
//! visitor's tickets, the address a handed-off chat still needs, and the rating of a
//! chat an agent ended. The requests behind them are in `requests`.
//!
//! The server is asked when the messenger opens and whenever the chat receives a system
//! message (a hand-off, the end of the chat). A system message that arrives while the
//! panel is closed (the replay in a messenger preloaded on a host page) only marks the
//! tickets stale until it opens, so preloading costs no requests.

mod browser;
mod draft;
mod requests;

use client::web::uploads::Uploads;
use std::cell::Cell;
use std::rc::Rc;

use client::timeline::Timeline;
use leptos::prelude::*;
use protocol::FieldError;
use protocol::tickets::{SupportStatus, TicketType, WidgetTicket, WidgetTicketInput};

pub use self::browser::{summary as browser_summary, user_agent};
pub use self::draft::{Field, detail_fields, shown_fields, ticket_type};
pub use self::requests::{RATING_KEY, handoff_input_key, handoff_key};
use crate::api::ApiError;
use crate::chat::{Boot, Chat};
use crate::format::Sentence;
use crate::help::{Help, Load, Screen};
use crate::storage;

/// Shown when a form got no answer from the server (a message id).
const NOT_SENT: &str = "form-not-sent";

/// How a form's last submission went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Sending<T> {
    /// Not sent yet.
    #[default]
    Idle,
    /// On its way; the Send button waits for it.
    Busy,
    /// Refused or not delivered; everything typed stays.
    Failed(Problems),
    /// Accepted, with what the server answered.
    Done(T),
}

impl<T> Sending<T> {
    /// Whether a submission is on its way.
    pub fn is_busy(&self) -> bool {
        matches!(self, Self::Busy)
    }

    /// The message for the field named `name` (its wire name), if the last submission
    /// was refused because of it.
    pub fn field_error(&self, name: &str) -> Option<String> {
        match self {
            Self::Failed(problems) => problems.field(name).map(str::to_owned),
            _ => None,
        }
    }

    /// The sentences to show for the whole form: see [`Problems::general`].
    pub fn general_errors(&self, shown: &[&str]) -> Vec<String> {
        match self {
            Self::Failed(problems) => problems.general(shown),
            _ => Vec::new(),
        }
    }

    /// Forgets the message of a field the visitor has edited since.
    fn clear_field(&mut self, name: &str) -> bool {
        match self {
            Self::Failed(problems) if problems.field(name).is_some() => {
                problems.fields.retain(|refused| refused.field != name);
                true
            }
            _ => false,
        }
    }
}

/// Why a submission failed: a sentence for the whole form, and one per refused field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    pub message: Sentence,
    /// By the server's field names (`email`, `details.actual`, …).
    pub fields: Vec<FieldError>,
}

impl Problems {
    /// The message for one field.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|refused| refused.field == name).map(|refused| refused.message.as_str())
    }

    /// What to show for the whole form, given the fields on screen (`shown`, by wire
    /// name): the general message unless some field's message already shows beside it,
    /// then the messages of refused fields that are not on screen.
    pub fn general(&self, shown: &[&str]) -> Vec<String> {
        let (beside, elsewhere): (Vec<&FieldError>, Vec<&FieldError>) =
            self.fields.iter().partition(|refused| shown.contains(&refused.field.as_str()));
        let message = beside.is_empty().then(|| self.message.text());
        message.into_iter().chain(elsewhere.into_iter().map(|refused| refused.message.clone())).collect()
    }
}

impl From<ApiError> for Problems {
    fn from(error: ApiError) -> Self {
        match error {
            ApiError::Limited { .. } => Self { message: Sentence::Message(crate::api::LIMITED), fields: Vec::new() },
            ref outage if outage.is_transient() || outage.is_unauthorized() => {
                Self { message: Sentence::Message(NOT_SENT), fields: Vec::new() }
            }
            ApiError::Status { body, .. } => Self {
                message: Sentence::Server(sentence(&body.message)),
                fields: body
                    .fields
                    .into_iter()
                    .map(|refused| FieldError { field: refused.field, message: sentence(&refused.message) })
                    .collect(),
            },
            _ => Self { message: Sentence::Message(NOT_SENT), fields: Vec::new() },
        }
    }
}

/// A handed-off chat's ticket that needed an address on this page load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handoff {
    pub number: i64,
    /// The address as typed.
    pub email: String,
    /// `Done` holds the address the answer goes to.
    pub state: Sending<String>,
}

/// The rating of a chat an agent ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rating {
    /// 1 to 5, once chosen.
    pub stars: Option<u8>,
    pub comment: String,
    pub state: Sending<()>,
}

/// The tickets' state and actions. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Tickets {
    chat: Chat,
    help: Help,
    /// What the server last said about who can answer; `None` until it has.
    pub support: RwSignal<Option<SupportStatus>>,
    /// Whether the visitor has tickets, as last known (remembered across page loads):
    /// the home then links to them.
    pub has_tickets: RwSignal<bool>,
    /// The visitor's tickets, newest first.
    pub list: RwSignal<Load<Vec<WidgetTicket>>>,
    /// The "Email us" form as typed; saved on every change, so it survives closing the
    /// messenger and reloads. Read back from storage by [`Self::restore_draft`] when
    /// first needed.
    pub draft: RwSignal<WidgetTicketInput>,
    /// The form's last submission.
    pub sent: RwSignal<Sending<WidgetTicket>>,
    /// Files attached to the form (screenshots, logs).
    pub attachments: Uploads,
    /// Whether the visitor agreed to send the host page's recent errors.
    pub send_errors: RwSignal<bool>,
    /// Tickets that asked for an address on this page load, oldest first. They stay
    /// after the address is given, to say where the answer goes.
    pub handoffs: RwSignal<Vec<Handoff>>,
    /// The rating of the chat an agent ended, while one is asked for or just given.
    pub rating: RwSignal<Rating>,
    runtime: StoredValue<Rc<Runtime>, LocalStorage>,
}

/// Bookkeeping behind the signals that nothing renders.
#[derive(Default)]
struct Runtime {
    app_id: String,
    /// The latest ticket of each kind of request that can be overtaken.
    support: Cell<u64>,
    list: Cell<u64>,
    system: Cell<u64>,
    /// A system message arrived while the panel was closed.
    stale: Cell<bool>,
    /// The saved "Email us" form has been read back.
    draft_restored: Cell<bool>,
    /// The support request that was current when the rating was recorded: only an
    /// answer to a later one can ask for a new rating.
    rated_at: Cell<u64>,
}

impl Runtime {
    /// A ticket for a new request of the kind `latest` counts.
    fn next(latest: &Cell<u64>) -> u64 {
        latest.set(latest.get().wrapping_add(1));
        latest.get()
    }
}

impl Tickets {
    /// Restores the draft and installs the effects that ask the server when the
    /// messenger opens or a system message arrives. Call inside a component.
    pub fn start(chat: Chat, help: Help) -> Self {
        let app_id = chat.app_id().unwrap_or_default();
        let tickets = Self {
            chat,
            help,
            support: RwSignal::new(None),
            has_tickets: RwSignal::new(storage::has_tickets(&app_id)),
            list: RwSignal::new(Load::Loading),
            draft: RwSignal::new(WidgetTicketInput::default()),
            sent: RwSignal::new(Sending::Idle),
            attachments: Uploads::new("/api/v1/widget/uploads"),
            send_errors: RwSignal::new(false),
            handoffs: RwSignal::new(Vec::new()),
            rating: RwSignal::new(Rating::default()),
            runtime: StoredValue::new_local(Rc::new(Runtime { app_id, ..Runtime::default() })),
        };
        tickets.install();
        tickets
    }

    /// Whether nobody can chat now: no agent online, or outside business hours. Live
    /// presence from the socket wins over the last support status. Tracked.
    pub fn away(self) -> bool {
        let support = self.support.with(|status| status.as_ref().map(|status| (status.agents_online, status.open_now)));
        match (self.chat.agents_online.get(), support) {
            (_, Some((_, false))) => true,
            (Some(online), _) | (None, Some((online, true))) => online == 0,
            (None, None) => false,
        }
    }

    /// When an answer to an email sent now is due, if the server said. Tracked.
    pub fn reply_expected_by(self) -> Option<protocol::Millis> {
        self.support.with(|status| status.as_ref().and_then(|status| status.reply_expected_by))
    }

    /// Whether the chat shows the rating card: asked for, or just answered. Tracked.
    pub fn rating_shown(self) -> bool {
        let requested = self.support.with(|status| status.as_ref().is_some_and(|status| status.rating_requested));
        requested || self.rating.with(|rating| matches!(rating.state, Sending::Done(())))
    }

    /// Opens the "Email us" form: the draft as left, or a fresh one after a ticket was
    /// sent.
    pub fn open_form(self) {
        if self.sent.with_untracked(|sent| matches!(sent, Sending::Done(_))) {
            self.sent.set(Sending::Idle);
        }
        self.help.open(Screen::Email);
    }

    /// Opens the list of the visitor's tickets and brings it up to date.
    pub fn open_list(self) {
        self.help.open(Screen::Tickets);
        self.refresh_list();
    }

    /// The visitor typed in a field of the form.
    pub fn edit(self, field: Field, text: String) {
        self.draft.update(|draft| field.write(draft, text));
        self.sent.maybe_update(|sent| sent.clear_field(field.wire_name()));
        self.save_draft();
    }

    /// The visitor chose a type of request.
    pub fn choose_type(self, ticket_type: TicketType) {
        self.draft.update(|draft| draft.ticket_type = Some(ticket_type));
        self.save_draft();
    }

    /// The visitor typed in the address field of a hand-off's card.
    pub fn edit_handoff(self, number: i64, email: String) {
        self.handoffs.update(|handoffs| {
            if let Some(handoff) = handoffs.iter_mut().find(|handoff| handoff.number == number) {
                handoff.email = email;
                handoff.state.clear_field("email");
            }
        });
    }

    /// The visitor chose how many of five the chat was worth.
    pub fn choose_stars(self, stars: u8) {
        self.rating.update(|rating| rating.stars = Some(stars.clamp(1, 5)));
    }

    /// The visitor typed in the rating's comment.
    pub fn edit_comment(self, comment: String) {
        self.rating.update(|rating| rating.comment = comment);
    }

    /// Reads the saved "Email us" form back, once. Called by the code that needs it
    /// (the form, the ticket list), which loads with them rather than on a first open.
    pub fn restore_draft(self) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        if !runtime.draft_restored.replace(true) {
            self.draft.set(storage::ticket_draft(&runtime.app_id));
        }
    }

    fn runtime(self) -> Option<Rc<Runtime>> {
        self.runtime.try_get_value()
    }

    fn save_draft(self) {
        if let Some(runtime) = self.runtime() {
            self.draft.with_untracked(|draft| storage::set_ticket_draft(&runtime.app_id, draft));
        }
    }

    fn note_tickets(self, has_tickets: bool) {
        if self.has_tickets.get_untracked() == has_tickets {
            return;
        }
        self.has_tickets.set(has_tickets);
        if let Some(runtime) = self.runtime() {
            storage::set_has_tickets(&runtime.app_id, has_tickets);
        }
    }

    fn install(self) {
        let chat = self.chat;
        // The messenger opened (or it is open and a session just arrived).
        Effect::new(move |was_open: Option<bool>| {
            let open = chat.panel_open.get() && chat.boot.with(|boot| *boot == Boot::Ready);
            if open && was_open != Some(true) {
                self.refresh_support();
                if self.runtime().is_some_and(|runtime| runtime.stale.replace(false)) {
                    self.refresh_list();
                }
            }
            open
        });
        // A system message arrived: a hand-off may want an address, an ended chat a
        // rating. A replay of many of them asks once.
        let last_system = Memo::new(move |_| chat.timeline.with(Timeline::last_system_seq));
        Effect::new(move |_| {
            if last_system.get().is_some() {
                self.on_system_message();
            }
        });
    }
}

/// A server phrase as a sentence: capital first letter.
fn sentence(text: &str) -> String {
    let mut chars = text.trim().chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use protocol::{ErrorBody, ErrorCode};

    use super::*;

    fn refused(fields: &[(&str, &str)]) -> Problems {
        let mut body = ErrorBody::new(ErrorCode::BadRequest, "please check the highlighted fields");
        body.fields = fields
            .iter()
            .map(|(field, message)| FieldError { field: (*field).to_owned(), message: (*message).to_owned() })
            .collect();
        Problems::from(ApiError::Status { status: 400, body })
    }

    #[test]
    fn field_messages_show_beside_their_fields_and_the_rest_above_send() {
        let problems = refused(&[("email", "enter an email address"), ("page_url", "that page is too long")]);
        assert_eq!(problems.field("email"), Some("Enter an email address"));
        assert_eq!(problems.general(&["email", "subject"]), ["That page is too long"]);
        assert_eq!(
            problems.general(&["subject"]),
            ["Please check the highlighted fields", "Enter an email address", "That page is too long"]
        );
    }

    #[test]
    fn a_refusal_without_fields_and_an_outage_say_so_for_the_whole_form() {
        assert_eq!(refused(&[]).general(&["email"]), ["Please check the highlighted fields"]);
        assert_eq!(Problems::from(ApiError::Network).message, Sentence::Message(NOT_SENT));
        assert!(Problems::from(ApiError::Network).fields.is_empty());
    }

    #[test]
    fn a_form_over_a_limit_asks_the_visitor_to_wait() {
        let problems = Problems::from(ApiError::Limited { retry_after_secs: 30 });
        assert_eq!(problems.message, Sentence::Message(crate::api::LIMITED));
    }

    #[test]
    fn editing_a_field_forgets_only_its_message() {
        let mut sent: Sending<()> = Sending::Failed(refused(&[("email", "bad"), ("subject", "missing")]));
        assert!(sent.clear_field("email"));
        assert!(!sent.clear_field("email"));
        assert_eq!(sent.field_error("email"), None);
        assert_eq!(sent.field_error("subject").as_deref(), Some("Missing"));
    }
}
