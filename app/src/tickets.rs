//! The tickets section's shared state: the queue with its filters, the agents for the
//! assignee pickers, and the open ticket with the reply being written and its
//! engineering details form. It lives as long as the signed-in console, so a look at
//! the inbox loses nothing typed. Changes to the open ticket are in `actions.rs`.

mod actions;
mod choices;
mod describe;
mod details;
mod filters;

use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::tickets::{AgentRef, TicketDetail, TicketSummary};

use crate::api::{self, ApiError};
use crate::console::Console;
use crate::dom;
use crate::drafts::DraftOf;
use crate::refusal::Refusal;

pub use choices::Choice;
pub use client::web::uploads::{Attached, UploadState, Uploads};
pub use describe::{history_line, who};
pub use details::DetailsForm;
pub use filters::{AssigneeFilter, Filters};

/// Asked before unsaved engineering details are thrown away.
const DISCARD_QUESTION: &str = "ticket-discard-question";

/// Which part of the tickets section is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Queue,
    Ticket,
    Ratings,
}

/// The ticket the ticket view shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Opened {
    Nothing,
    Loading(i64),
    Failed(i64, String),
    /// No ticket with this number in the agent's workspace.
    Missing(i64),
    /// The ticket as the server last returned it.
    Ready(Box<TicketDetail>),
}

impl Opened {
    /// The number of the ticket shown or being loaded.
    pub fn number(&self) -> Option<i64> {
        match self {
            Opened::Nothing => None,
            Opened::Loading(number) | Opened::Failed(number, _) | Opened::Missing(number) => Some(*number),
            Opened::Ready(detail) => Some(detail.ticket.number),
        }
    }
}

/// The server's last refusal per part of the ticket view, shown beside that part.
#[derive(Clone, Copy)]
pub struct Refusals {
    /// Status, priority, type, assignee and team changes.
    pub fields: RwSignal<Option<Refusal>>,
    /// Replies, notes and requests for more information.
    pub composer: RwSignal<Option<Refusal>>,
    pub details: RwSignal<Option<Refusal>>,
}

impl Refusals {
    fn clear(self) {
        self.fields.set(None);
        self.composer.set(None);
        self.details.set(None);
    }
}

/// Everything the tickets views share. `Copy`, like [`Console`]: every field is an
/// arena handle owned by the signed-in shell.
#[derive(Clone, Copy)]
pub struct Tickets {
    console: Console,
    pub section: RwSignal<Section>,
    pub filters: Filters,
    /// The queue in the server's order (soonest due first); `None` until the first
    /// fetch answers.
    pub queue: RwSignal<Option<Vec<TicketSummary>>>,
    pub queue_error: RwSignal<Option<String>>,
    /// The workspace's agents; `None` until fetched (or when that failed).
    pub agents: RwSignal<Option<Vec<AgentRef>>>,
    pub opened: RwSignal<Opened>,
    /// The reply box's text for the open ticket.
    pub reply: RwSignal<String>,
    /// Files attached to that reply.
    pub uploads: Uploads,
    pub details: DetailsForm,
    /// A change to the open ticket is waiting for the server. Invariant: at most one
    /// at a time, so an older answer never replaces a newer one.
    pub busy: RwSignal<bool>,
    /// Bumped on every answer about the open ticket, so its selects show the stored
    /// value again after the server refused a change.
    pub revision: RwSignal<u64>,
    pub refusals: Refusals,
    memory: StoredValue<Memory>,
}

/// Bookkeeping that drives no view.
#[derive(Debug, Default)]
struct Memory {
    /// Bumped per queue fetch so a slow, older answer cannot overwrite a newer one.
    queue_generation: u64,
    /// Bumped per request about the open ticket and whenever another one opens.
    ticket_generation: u64,
    agents_requested: bool,
    /// Set when a ticket is opened, so its thread takes the focus once shown.
    focus_thread: bool,
}

impl Tickets {
    /// Creates the state for the signed-in console.
    pub fn new(console: Console) -> Self {
        Self {
            console,
            section: RwSignal::new(Section::Queue),
            filters: Filters::new(),
            queue: RwSignal::new(None),
            queue_error: RwSignal::new(None),
            agents: RwSignal::new(None),
            opened: RwSignal::new(Opened::Nothing),
            reply: RwSignal::new(String::new()),
            uploads: Uploads::new("/api/v1/uploads"),
            details: DetailsForm::new(),
            busy: RwSignal::new(false),
            revision: RwSignal::new(0),
            refusals: Refusals {
                fields: RwSignal::new(None),
                composer: RwSignal::new(None),
                details: RwSignal::new(None),
            },
            memory: StoredValue::new(Memory::default()),
        }
    }

    /// The console this section belongs to.
    pub fn console(self) -> Console {
        self.console
    }

    /// Fetches the queue with the current filters.
    pub fn refresh_queue(self) {
        let query = self.filters.current_untracked().query_string();
        let Some(generation) = self.memory.try_update_value(|memory| {
            memory.queue_generation += 1;
            memory.queue_generation
        }) else {
            return;
        };
        spawn_local(async move {
            let result = api::tickets(&query).await;
            if self.memory.try_with_value(|memory| memory.queue_generation) != Some(generation) {
                return;
            }
            match result {
                Ok(queue) => {
                    self.queue.set(Some(queue));
                    self.queue_error.set(None);
                }
                Err(error) => self.queue_error.set(Some(self.console.explain(&error))),
            }
        });
    }

    /// Fetches the agents for the assignee pickers, once per sign-in unless it failed.
    pub fn load_agents(self) {
        let first = self.memory.try_update_value(|memory| !std::mem::replace(&mut memory.agents_requested, true));
        if first != Some(true) {
            return;
        }
        spawn_local(async move {
            let result = api::agents().await;
            if self.agents.is_disposed() {
                return;
            }
            match result {
                Ok(agents) => self.agents.set(Some(agents)),
                // The pickers still offer "me" and "unassigned"; the next visit retries.
                Err(error) => {
                    self.console.explain(&error);
                    self.memory.update_value(|memory| memory.agents_requested = false);
                }
            }
        });
    }

    /// Opens ticket `number` in the ticket view and loads it; its thread takes the
    /// focus once shown. Opening the ticket that is already open keeps what was typed
    /// and just fetches it again.
    pub fn open(self, number: i64) {
        let current = self.opened.with_untracked(|opened| opened.number());
        if current == Some(number) && self.opened.with_untracked(|opened| matches!(opened, Opened::Ready(_))) {
            self.memory.update_value(|memory| memory.focus_thread = true);
            self.section.set(Section::Ticket);
            self.reload();
            return;
        }
        if !self.may_leave_ticket() {
            return;
        }
        self.begin(number);
        self.opened.set(Opened::Loading(number));
        self.section.set(Section::Ticket);
        self.reload();
    }

    /// Fetches the open ticket again; skipped while a change is out, whose answer
    /// brings the ticket anyway.
    pub fn reload(self) {
        let Some(number) = self.opened.with_untracked(|opened| opened.number()) else {
            return;
        };
        if self.busy.get_untracked() {
            return;
        }
        let generation = self.next_generation();
        spawn_local(async move {
            let result = api::ticket(number).await;
            if !self.is_current(generation) {
                return;
            }
            match result {
                Ok(detail) => self.accept(detail),
                // A failed refresh of a ticket on screen keeps it there.
                Err(error) if self.opened.with_untracked(|opened| matches!(opened, Opened::Ready(_))) => {
                    self.console.explain(&error);
                }
                // The same answer whether the ticket never existed or belongs to another
                // workspace, so an address reveals nothing.
                Err(ApiError::Status { status: 404, .. }) => self.opened.set(Opened::Missing(number)),
                Err(error) => self.opened.set(Opened::Failed(number, self.console.explain(&error))),
            }
        });
    }

    /// Whether the engineering details differ from the stored ones.
    pub fn details_unsaved(self) -> bool {
        self.opened.with(|opened| match opened {
            Opened::Ready(detail) => self.details.differs_from(&detail.details),
            _ => false,
        })
    }

    /// Shows a fetched or changed ticket. The details form is filled in the first
    /// time the ticket arrives; later its typed text is left alone.
    fn accept(self, detail: TicketDetail) {
        let first = self.opened.with_untracked(|opened| !matches!(opened, Opened::Ready(_)));
        if first {
            self.details.set(details::texts_of(&detail.details));
        }
        self.upsert_row(&detail.ticket);
        self.opened.maybe_update(|opened| {
            let changed = !matches!(opened, Opened::Ready(current) if **current == detail);
            if changed {
                *opened = Opened::Ready(Box::new(detail));
            }
            changed
        });
    }

    /// Replaces the queue's row for `summary`'s ticket, if it is listed.
    fn upsert_row(self, summary: &TicketSummary) {
        self.queue.maybe_update(|queue| {
            let row = queue.as_mut().and_then(|queue| queue.iter_mut().find(|row| row.number == summary.number));
            match row {
                Some(row) if row != summary => {
                    *row = summary.clone();
                    true
                }
                _ => false,
            }
        });
    }

    /// Whether it is fine to leave the open ticket: no unsaved details, or the agent
    /// says to discard them.
    fn may_leave_ticket(self) -> bool {
        !self.details_unsaved_untracked() || dom::confirm(crate::l10n::t(DISCARD_QUESTION))
    }

    fn details_unsaved_untracked(self) -> bool {
        untrack(|| self.details_unsaved())
    }

    /// Starts on another ticket: restores its reply draft and drops answers meant for
    /// the previous one. Drafts are stored as they are typed, so nothing is lost.
    fn begin(self, number: i64) {
        let draft = self.console.drafts.try_with_value(|drafts| drafts.load(DraftOf::Ticket(number)));
        self.memory.update_value(|memory| {
            memory.ticket_generation += 1;
            memory.focus_thread = true;
        });
        self.reply.set(draft.unwrap_or_default());
        // Files were attached to the other ticket's reply.
        self.uploads.clear();
        self.details.set(Default::default());
        self.busy.set(false);
        self.refusals.clear();
    }

    /// Records new reply text for the open ticket and keeps it as its draft.
    pub fn reply_changed(self, text: String) {
        if let Some(number) = self.opened.with_untracked(|opened| opened.number()) {
            self.console.drafts.update_value(|drafts| drafts.save(DraftOf::Ticket(number), &text));
        }
        self.reply.set(text);
    }

    /// Whether the open ticket's thread should take the focus; true once per opening.
    pub fn take_thread_focus(self) -> bool {
        self.memory.try_update_value(|memory| std::mem::take(&mut memory.focus_thread)).unwrap_or(false)
    }

    /// Takes a number for a request about the open ticket; only the newest one's
    /// answer is shown.
    fn next_generation(self) -> u64 {
        self.memory
            .try_update_value(|memory| {
                memory.ticket_generation += 1;
                memory.ticket_generation
            })
            .unwrap_or_default()
    }

    /// Whether the request numbered `generation` is still the newest, and the console
    /// is still there.
    fn is_current(self, generation: u64) -> bool {
        self.memory.try_with_value(|memory| memory.ticket_generation) == Some(generation)
    }
}
