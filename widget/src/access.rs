//! Support access in the messenger: the verified user's active grant, the agents'
//! requests waiting for an answer, and what support did under their grants; granting,
//! answering and revoking.
//!
//! The state is read when the session is ready and again whenever the socket says the
//! user's access changed (on this device or another, or by expiry), so a revocation
//! anywhere shows within moments. Every read also tells the loader which grant is
//! active, so the launcher shows its indicator on later pages without a click.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::access::{AccessLevel, Grant, GrantInput, MyAccess, RequestAnswer};

use crate::api::{self, ApiError};
use crate::chat::{Boot, Chat};
use crate::help::{Help, Load, Screen};
use crate::host::ToHost;
use crate::tickets::{Problems, Sending};

/// Shown when the state could not be read.
const UNAVAILABLE: &str = "We can't load your support access settings right now.";

/// The messenger's support access. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Access {
    chat: Chat,
    help: Help,
    /// As the server last said.
    pub state: RwSignal<Load<MyAccess>>,
    /// How the last grant, answer or revocation went.
    pub sending: RwSignal<Sending<()>>,
    runtime: StoredValue<Rc<Runtime>, LocalStorage>,
}

#[derive(Default)]
struct Runtime {
    /// The latest read: only its answer is kept.
    latest: Cell<u64>,
    /// The host asked to revoke before the state was known.
    revoke_pending: Cell<bool>,
    /// What the loader was last told, so it is told only of changes.
    told: Cell<Option<(Option<AccessLevel>, protocol::Millis)>>,
}

impl Access {
    /// Reads the state once the session is ready and whenever the socket says it
    /// changed, and revokes when the host asks. Call inside a component.
    pub fn start(chat: Chat, help: Help) -> Self {
        let access = Self {
            chat,
            help,
            state: RwSignal::new(Load::Loading),
            sending: RwSignal::new(Sending::Idle),
            runtime: StoredValue::new_local(Rc::default()),
        };
        Effect::new(move |_| {
            chat.access_changes.track();
            if chat.boot.with(|boot| *boot == Boot::Ready) {
                access.refresh();
            }
        });
        Effect::new(move |previous: Option<u32>| {
            let asked = chat.revoke_requests.get();
            if previous.is_some_and(|previous| previous != asked) {
                access.revoke_on_request();
            }
            asked
        });
        access
    }

    /// The active grant, if any. Tracked.
    pub fn active(self) -> Option<Grant> {
        self.state.with(|state| match state {
            Load::Ready(state) => state.grants.first().cloned(),
            _ => None,
        })
    }

    /// Requests waiting for the user's answer. Tracked.
    pub fn waiting(self) -> usize {
        self.state.with(|state| match state {
            Load::Ready(state) => state.requests.len(),
            _ => 0,
        })
    }

    /// Whether the messenger offers support access: the user is verified, or the host
    /// says who they are (then the screen explains what is missing). Tracked.
    pub fn offered(self) -> bool {
        let verified = self.state.with(|state| matches!(state, Load::Ready(state) if state.verified));
        verified || self.chat.identity.with(|identity| identity.as_ref().is_some_and(|who| who.user_id.is_some()))
    }

    /// Opens the "Support access" screen with the state brought up to date.
    pub fn open(self) {
        self.sending.set(Sending::Idle);
        self.help.open(Screen::Access);
        self.refresh();
    }

    /// Reads the state again.
    pub fn refresh(self) {
        let (Some(runtime), Some(token)) = (self.runtime(), self.chat.token()) else {
            return;
        };
        let ticket = runtime.latest.get().wrapping_add(1);
        runtime.latest.set(ticket);
        spawn_local(async move {
            let answer = api::my_access(&token).await;
            if runtime.latest.get() != ticket {
                return;
            }
            match answer {
                Ok(state) => self.adopt(state),
                // A state already shown stays; only a first read shows the failure.
                Err(_) => {
                    self.state.maybe_update(|state| {
                        let first = !matches!(state, Load::Ready(_));
                        if first {
                            *state = Load::Failed(UNAVAILABLE.to_owned());
                        }
                        first
                    });
                }
            }
        });
    }

    /// Grants `level` for `hours`.
    pub fn grant(self, level: AccessLevel, hours: u32) {
        self.submit(
            move |token| async move { api::grant_access(&token, &GrantInput { level, hours }).await.map(drop) },
        );
    }

    /// Revokes the active grant.
    pub fn revoke(self, grant_id: i64) {
        self.submit(move |token| async move { api::revoke_access(&token, grant_id).await.map(drop) });
    }

    /// Answers an agent's request.
    pub fn answer(self, request_id: i64, approve: bool) {
        self.submit(move |token| async move {
            api::answer_access_request(&token, request_id, &RequestAnswer { approve }).await.map(drop)
        });
    }

    /// Sends one change, then reads the state again (the socket's `access` frame would
    /// too, but the user who pressed the button should not wait for it).
    fn submit<F>(self, change: impl FnOnce(String) -> F + 'static)
    where
        F: Future<Output = Result<(), ApiError>> + 'static,
    {
        let Some(token) = self.chat.token() else {
            self.sending.set(Sending::Failed(Problems::from(ApiError::Network)));
            return;
        };
        if self.sending.with_untracked(Sending::is_busy) {
            return;
        }
        self.sending.set(Sending::Busy);
        spawn_local(async move {
            let result = change(token).await;
            self.sending.set(match result {
                Ok(()) => Sending::Done(()),
                Err(error) => Sending::Failed(error.into()),
            });
            self.refresh();
        });
    }

    /// The host called `Helpline('revokeAccess')`: revoke the active grant now, or as
    /// soon as the state is known.
    fn revoke_on_request(self) {
        match self.state.get_untracked() {
            Load::Ready(state) => {
                if let Some(grant) = state.grants.first() {
                    self.revoke(grant.id);
                }
            }
            _ => {
                if let Some(runtime) = self.runtime() {
                    runtime.revoke_pending.set(true);
                }
            }
        }
    }

    fn adopt(self, state: MyAccess) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        let active = state.grants.first().map(|grant| (Some(grant.level), grant.expires_at)).unwrap_or((None, 0));
        let pending = runtime.revoke_pending.replace(false).then(|| state.grants.first().map(|grant| grant.id));
        self.state.set(Load::Ready(state));
        if runtime.told.get() != Some(active) {
            runtime.told.set(Some(active));
            self.chat.tell_host(&ToHost::Access { level: active.0, until: active.1 });
        }
        if let Some(Some(grant_id)) = pending {
            self.revoke(grant_id);
        }
    }

    fn runtime(self) -> Option<Rc<Runtime>> {
        self.runtime.try_get_value()
    }
}
