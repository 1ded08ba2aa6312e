//! Changes to the open ticket: its fields, replies and notes, and its engineering
//! details. One at a time; each answer is the whole ticket, which replaces the one shown.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::tickets::{TicketChanges, TicketDetail, TicketText};

use super::details;
use super::{Opened, Tickets};
use crate::api::{self, ApiError, Post};
use crate::drafts::DraftOf;
use crate::refusal::Refusal;

impl Tickets {
    /// Changes status, priority, type, team or assignee (`PATCH`).
    pub fn change(self, changes: TicketChanges) {
        let csrf_token = self.console.csrf_token();
        self.write(
            self.refusals.fields,
            move |number| async move { api::update_ticket(&csrf_token, number, &changes).await },
            |_| {},
        );
    }

    /// Sends the reply box's text as `post`. The text stays in the box until the
    /// server has it.
    pub fn post(self, post: Post) {
        let body = self.reply.get_untracked();
        if body.trim().is_empty() {
            return;
        }
        let csrf_token = self.console.csrf_token();
        // Files go with replies; a note leaves them attached for the reply.
        let sends_files = post != Post::Note;
        let attachments = if sends_files { self.uploads.ready_ids() } else { Vec::new() };
        let text = TicketText { body: body.clone(), attachments };
        let reply = self.reply;
        let uploads = self.uploads;
        let drafts = self.console.drafts;
        let sent = body.clone();
        self.write(
            self.refusals.composer,
            move |number| async move {
                let result = api::post_to_ticket(&csrf_token, number, post, &text).await;
                // Cleared here rather than in `done`, which is skipped when the agent has
                // opened another ticket meanwhile; text typed since stays.
                if result.is_ok() {
                    drafts.try_update_value(|drafts| drafts.sent(DraftOf::Ticket(number), &sent));
                }
                result
            },
            move |_| {
                // Text typed while it was sending stays for the next reply.
                if reply.with_untracked(|current| *current == body) {
                    reply.set(String::new());
                }
                if sends_files {
                    uploads.clear();
                }
            },
        );
    }

    /// Stores the engineering details form (`PUT …/details`).
    pub fn save_details(self) {
        let sent = self.details.texts_untracked();
        let body = details::details_of(&sent);
        let csrf_token = self.console.csrf_token();
        let form = self.details;
        self.write(
            self.refusals.details,
            move |number| async move { api::update_ticket_details(&csrf_token, number, &body).await },
            move |saved| {
                let stored = details::texts_of(&saved.details);
                form.set(details::settle(form.texts_untracked(), &sent, stored));
            },
        );
    }

    /// Runs one change of the open ticket: `request` gets its number; the answer
    /// replaces the ticket and runs `done`, or its refusal goes to `refusal`.
    fn write<F, R>(self, refusal: RwSignal<Option<Refusal>>, request: F, done: impl FnOnce(&TicketDetail) + 'static)
    where
        F: FnOnce(i64) -> R + 'static,
        R: Future<Output = Result<TicketDetail, ApiError>> + 'static,
    {
        let Some(number) = self.opened.with_untracked(|opened| match opened {
            Opened::Ready(detail) => Some(detail.ticket.number),
            _ => None,
        }) else {
            return;
        };
        if self.busy.get_untracked() {
            return;
        }
        let generation = self.next_generation();
        self.busy.set(true);
        refusal.set(None);
        spawn_local(async move {
            let result = request(number).await;
            // The agent may have opened another ticket (or signed out) meanwhile.
            if !self.is_current(generation) {
                return;
            }
            self.busy.set(false);
            match result {
                Ok(detail) => {
                    done(&detail);
                    self.accept(detail);
                }
                Err(error) => refusal.set(Some(Refusal::of(self.console, &error))),
            }
            self.revision.update(|revision| *revision += 1);
        });
    }
}
