//! The tickets' requests: the support status, the visitor's tickets, sending the
//! "Email us" form, giving a handed-off chat an address, and rating an ended chat. Each
//! turns its answer into state for the views and moves focus where the answer shows.

use std::time::Duration;

use client::web::lazy::NotLoaded;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::wasm_split;
use protocol::tickets::{RatingInput, WidgetTicket};

use super::draft::{self, shown_fields};
use super::{Handoff, Problems, Rating, Runtime, Sending, Tickets};
use crate::api;
use crate::chat::is_sendable;
use crate::format::Sentence;
use crate::help::Load;

/// A replay of several system messages in a row asks the server once, after this.
const SYSTEM_SETTLE: Duration = Duration::from_millis(250);

/// Shown when the list of tickets could not be loaded (a message id).
const LIST_UNAVAILABLE: &str = "tickets-unavailable";

impl Tickets {
    /// Asks whether anyone can chat, when an email would be answered, and whether an
    /// ended chat awaits a rating. Only the answer to the latest request is kept.
    pub fn refresh_support(self) {
        let (Some(runtime), Some(token)) = (self.runtime(), self.chat.token()) else {
            return;
        };
        let ticket = Runtime::next(&runtime.support);
        spawn_local(async move {
            // The status only decides what is offered first; without it the messenger
            // offers both ways as usual.
            let Ok(status) = api::support_status(&token).await else {
                return;
            };
            if runtime.support.get() != ticket {
                return;
            }
            // A chat ended again after the visitor rated the last one asks anew.
            if status.rating_requested && ticket > runtime.rated_at.get() {
                self.rating.maybe_update(|rating| {
                    let answered = matches!(rating.state, Sending::Done(()));
                    if answered {
                        *rating = Rating::default();
                    }
                    answered
                });
            }
            self.support.set(Some(status));
        });
    }

    /// Loads the visitor's tickets; a hand-off that needs an address gets its card.
    /// The list's code is a module of its own, fetched with the first list; where it
    /// could not be fetched, an empty list says the tickets are unavailable.
    pub fn refresh_list(self) {
        spawn_local(async move {
            if load_list(self).await.is_err() && !self.list.with_untracked(|list| matches!(list, Load::Ready(_))) {
                self.list.set(Load::Failed(Sentence::Message(LIST_UNAVAILABLE)));
            }
        });
    }

    fn load_list_now(self) {
        let (Some(runtime), Some(token)) = (self.runtime(), self.chat.token()) else {
            self.list.set(Load::Failed(Sentence::Message(LIST_UNAVAILABLE)));
            return;
        };
        let ticket = Runtime::next(&runtime.list);
        // What is listed stays while it is brought up to date, so it does not flicker.
        if self.list.with_untracked(|list| matches!(list, Load::Failed(_))) {
            self.list.set(Load::Loading);
        }
        spawn_local(async move {
            let answer = api::tickets(&token).await;
            if runtime.list.get() != ticket {
                return;
            }
            match answer {
                Ok(tickets) => self.adopt_list(tickets),
                // A list already shown stays; only an empty screen says it failed.
                Err(_) if self.list.with_untracked(|list| matches!(list, Load::Ready(_))) => {}
                Err(_) => self.list.set(Load::Failed(Sentence::Message(LIST_UNAVAILABLE))),
            }
        });
    }

    /// Sends the "Email us" form. On success the draft starts over (keeping who is
    /// asking); on failure everything typed stays and focus goes to the first refused
    /// field.
    pub fn submit(self) {
        if self.sent.with_untracked(Sending::is_busy) {
            return;
        }
        let Some(token) = self.chat.token() else {
            self.sent.set(Sending::Failed(Problems::from(api::ApiError::Network)));
            return;
        };
        let page_url = self.chat.page_url.get_untracked().filter(|url| is_sendable(url));
        let mut body = self.draft.with_untracked(|typed| draft::body(typed, page_url));
        body.attachments = self.attachments.ready_ids();
        body.viewport = self.chat.viewport.get_untracked();
        // The mail about it speaks the visitor's language, with times in their zone.
        body.locale = Some(crate::l10n::locale().tag().to_owned());
        body.time_zone = client::web::time::time_zone();
        if self.send_errors.get_untracked() {
            body.page_errors = self.chat.page_errors.get_untracked();
        }
        self.sent.set(Sending::Busy);
        spawn_local(async move {
            match api::create_ticket(&token, &body).await {
                Ok(ticket) => {
                    self.note_tickets(true);
                    self.list.maybe_update(|list| match list {
                        Load::Ready(tickets) => {
                            tickets.retain(|known| known.number != ticket.number);
                            tickets.insert(0, ticket.clone());
                            true
                        }
                        Load::Loading | Load::Failed(_) => false,
                    });
                    self.draft.update(|typed| *typed = draft::after_sending(typed));
                    self.attachments.clear();
                    self.send_errors.set(false);
                    self.save_draft();
                    self.sent.set(Sending::Done(ticket));
                    self.help.focus(None);
                }
                Err(error) => {
                    let problems = Problems::from(error);
                    let ticket_type = self.draft.with_untracked(draft::ticket_type);
                    let first_refused =
                        shown_fields(ticket_type).find(|field| problems.field(field.wire_name()).is_some());
                    self.sent.set(Sending::Failed(problems));
                    if let Some(field) = first_refused {
                        self.help.focus(Some(field.id().to_owned()));
                    }
                }
            }
        });
    }

    /// Gives the address typed in a hand-off's card.
    pub fn give_email(self, number: i64) {
        let typed = self.handoffs.with_untracked(|handoffs| {
            let handoff = handoffs.iter().find(|handoff| handoff.number == number)?;
            (!handoff.state.is_busy()).then(|| handoff.email.clone())
        });
        let Some(email) = typed else {
            return;
        };
        let Some(token) = self.chat.token() else {
            self.set_handoff(number, Sending::Failed(Problems::from(api::ApiError::Network)));
            return;
        };
        self.set_handoff(number, Sending::Busy);
        spawn_local(async move {
            match api::give_email(&token, number, email.trim()).await {
                Ok(ticket) => {
                    self.set_handoff(number, Sending::Done(ticket.email.clone()));
                    self.replace_listed(ticket);
                    self.help.focus(Some(handoff_key(number)));
                }
                Err(error) => {
                    self.set_handoff(number, Sending::Failed(Problems::from(error)));
                    self.help.focus(Some(handoff_input_key(number)));
                }
            }
        });
    }

    /// Sends the chosen rating and comment.
    pub fn rate(self) {
        let Some((stars, comment)) = self.rating.with_untracked(|rating| {
            let comment = Some(rating.comment.trim().to_owned()).filter(|comment| !comment.is_empty());
            rating.stars.filter(|_| !rating.state.is_busy()).map(|stars| (stars, comment))
        }) else {
            return;
        };
        let (Some(runtime), Some(token)) = (self.runtime(), self.chat.token()) else {
            self.rating.update(|rating| rating.state = Sending::Failed(Problems::from(api::ApiError::Network)));
            return;
        };
        self.rating.update(|rating| rating.state = Sending::Busy);
        spawn_local(async move {
            let answer = api::rate_chat(&token, &RatingInput { rating: stars, comment }).await;
            let state = match answer {
                Ok(()) => {
                    runtime.rated_at.set(runtime.support.get());
                    Sending::Done(())
                }
                Err(error) => Sending::Failed(Problems::from(error)),
            };
            let done = matches!(state, Sending::Done(()));
            self.rating.update(|rating| rating.state = state);
            if done {
                self.help.focus(Some(RATING_KEY.to_owned()));
            }
        });
    }

    /// A system message arrived: ask again now if the visitor can see the chat,
    /// otherwise when the messenger opens.
    pub(super) fn on_system_message(self) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        if !self.chat.panel_open.get_untracked() {
            runtime.stale.set(true);
            return;
        }
        let ticket = Runtime::next(&runtime.system);
        let weak = std::rc::Rc::downgrade(&runtime);
        set_timeout(
            move || {
                if weak.upgrade().is_some_and(|runtime| runtime.system.get() == ticket) {
                    self.refresh_support();
                    self.refresh_list();
                }
            },
            SYSTEM_SETTLE,
        );
    }

    /// The hand-off of ticket `number`, if it has a card.
    pub fn handoff(self, number: i64) -> Option<Handoff> {
        self.handoffs.with(|handoffs| handoffs.iter().find(|handoff| handoff.number == number).cloned())
    }

    /// Takes in a fresh list: remembers whether there are tickets, gives each ticket
    /// that needs an address a card, and marks cards whose address was given elsewhere
    /// (another tab) as done.
    fn adopt_list(self, tickets: Vec<WidgetTicket>) {
        self.restore_draft();
        self.note_tickets(!tickets.is_empty());
        let typed_email = self.draft.with_untracked(|typed| typed.email.trim().to_owned());
        self.handoffs.maybe_update(|handoffs| {
            let mut changed = false;
            for ticket in tickets.iter().rev() {
                match handoffs.iter_mut().find(|handoff| handoff.number == ticket.number) {
                    Some(handoff)
                        if !ticket.needs_email && matches!(handoff.state, Sending::Idle | Sending::Failed(_)) =>
                    {
                        handoff.state = Sending::Done(ticket.email.clone());
                        changed = true;
                    }
                    None if ticket.needs_email => {
                        let (number, email) = (ticket.number, typed_email.clone());
                        handoffs.push(Handoff { number, email, state: Sending::Idle });
                        changed = true;
                    }
                    Some(_) | None => {}
                }
            }
            changed
        });
        self.list.set(Load::Ready(tickets));
    }

    fn replace_listed(self, ticket: WidgetTicket) {
        self.list.maybe_update(|list| match list {
            Load::Ready(tickets) => match tickets.iter_mut().find(|known| known.number == ticket.number) {
                Some(known) => {
                    *known = ticket;
                    true
                }
                None => false,
            },
            Load::Loading | Load::Failed(_) => false,
        });
    }

    fn set_handoff(self, number: i64, state: Sending<String>) {
        self.handoffs.update(|handoffs| {
            if let Some(handoff) = handoffs.iter_mut().find(|handoff| handoff.number == number) {
                handoff.state = state;
            }
        });
    }
}

/// The `data-focus-key` of the rating's thank-you.
pub const RATING_KEY: &str = "rating";

/// The `data-focus-key` of a hand-off card's "We'll answer at" line.
pub fn handoff_key(number: i64) -> String {
    format!("handoff-{number}")
}

/// The id and `data-focus-key` of a hand-off card's address field.
pub fn handoff_input_key(number: i64) -> String {
    format!("handoff-email-{number}")
}

/// The visitor's tickets fetched and taken in (a module of its own, `wasm_split`): the
/// list, its reading code and the hand-offs it finds are needed once the visitor asks
/// for their tickets or a system message arrives, never on a first open.
#[wasm_split(load_list, wasm_split_path = leptos::wasm_split, fallible)]
fn load_list(tickets: Tickets) -> Result<(), NotLoaded> {
    tickets.load_list_now();
    Ok(())
}
