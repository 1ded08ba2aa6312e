//! The tickets section's and the help center's state, created the first time either is
//! needed and then kept as long as the signed-in console, so a look at the inbox loses
//! no reply or article being written.
//!
//! The states are made only by lazily loaded code (the pages, the address opening a
//! ticket or article, a chat's "open ticket" link): the main module holds nothing but
//! the handles. Creating them at sign-in compiled their fetches, their wire types'
//! reading code and their signals into the console's first load, 18 kB of brotli.

use leptos::prelude::*;

use crate::console::Console;
use crate::help::HelpCenter;
use crate::tickets::Tickets;

/// Handles to the sections' state; `Copy`, like [`Console`].
#[derive(Clone, Copy)]
pub struct Sections {
    console: Console,
    /// The signed-in shell's owner: the states belong to it, not to the page that
    /// happened to create them.
    owner: StoredValue<Owner>,
    tickets: RwSignal<Option<Tickets>>,
    help: RwSignal<Option<HelpCenter>>,
}

impl Sections {
    /// Handles for the signed-in shell; call from its component.
    pub fn new(console: Console) -> Self {
        Self {
            console,
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            tickets: RwSignal::new(None),
            help: RwSignal::new(None),
        }
    }

    /// Whether the signed-in console these belong to is gone (signed out).
    pub fn is_gone(self) -> bool {
        self.tickets.is_disposed()
    }

    /// The tickets state, if it has been created (tracked).
    pub fn tickets_if_made(self) -> Option<Tickets> {
        self.tickets.try_get().flatten()
    }

    /// The help center's state, if it has been created (tracked).
    pub fn help_if_made(self) -> Option<HelpCenter> {
        self.help.try_get().flatten()
    }

    /// The tickets state, created the first time. Called only from lazily loaded
    /// modules, so its code stays out of the first load.
    pub fn tickets(self) -> Tickets {
        if let Some(tickets) = self.tickets.get_untracked() {
            return tickets;
        }
        let console = self.console;
        let tickets = self.in_shell(move || Tickets::new(console));
        self.tickets.set(Some(tickets));
        tickets
    }

    /// The help center's state, created the first time; like [`Self::tickets`].
    pub fn help(self) -> HelpCenter {
        if let Some(help) = self.help.get_untracked() {
            return help;
        }
        let console = self.console;
        let help = self.in_shell(move || {
            let help = HelpCenter::new(console);
            help.start();
            help
        });
        self.help.set(Some(help));
        help
    }

    /// Runs `make` with the shell as the reactive owner.
    fn in_shell<T>(self, make: impl FnOnce() -> T) -> T {
        let owner = self.owner.get_value();
        owner.with(make)
    }
}
