//! The "Support access" screen's state, made when the screen opens (it is a lazy
//! module): the verified user's grant, the agents' requests waiting for an answer, and
//! what support did under their grants, read from the server when the screen opens and
//! whenever the socket says the access changed; and granting, answering and revoking.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::access::{AccessLevel, GrantInput, MyAccess, RequestAnswer};

use crate::api::{self, ApiError};
use crate::chat::Chat;
use crate::format::Sentence;
use crate::help::Load;
use crate::tickets::{Problems, Sending};

/// Shown when the state could not be read (a message id).
const UNAVAILABLE: &str = "access-unavailable";

/// The screen's state. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Access {
    chat: Chat,
    /// As the server last said.
    pub state: RwSignal<Load<MyAccess>>,
    /// How the last grant, answer or revocation went.
    pub sending: RwSignal<Sending<()>>,
    /// The latest read: only its answer is kept.
    latest: StoredValue<Rc<Cell<u64>>, LocalStorage>,
}

impl Access {
    /// Reads the state now and whenever the socket says it changed. Call inside the
    /// screen's component: its effect ends with the screen.
    pub fn start(chat: Chat) -> Self {
        let access = Self {
            chat,
            state: RwSignal::new(Load::Loading),
            sending: RwSignal::new(Sending::Idle),
            latest: StoredValue::new_local(Rc::default()),
        };
        Effect::new(move |_| {
            chat.access.track();
            access.refresh();
        });
        access
    }

    /// Reads the state again.
    pub fn refresh(self) {
        let (Some(latest), Some(token)) = (self.latest.try_get_value(), self.chat.token()) else {
            return;
        };
        let ticket = latest.get().wrapping_add(1);
        latest.set(ticket);
        spawn_local(async move {
            let answer = api::my_access(&token).await;
            if latest.get() != ticket {
                return;
            }
            match answer {
                Ok(state) => self.state.set(Load::Ready(state)),
                // A state already shown stays; only a first read shows the failure.
                Err(_) => {
                    self.state.maybe_update(|state| {
                        let first = !matches!(state, Load::Ready(_));
                        if first {
                            *state = Load::Failed(Sentence::Message(UNAVAILABLE));
                        }
                        first
                    });
                }
            }
        });
    }

    /// Grants `level` for `hours`.
    pub fn grant(self, level: AccessLevel, hours: u32) {
        self.submit(move |token| async move { api::grant_access(&token, &GrantInput { level, hours }).await });
    }

    /// Revokes the active grant.
    pub fn revoke(self, grant_id: i64) {
        self.submit(move |token| async move { api::revoke_access(&token, grant_id).await });
    }

    /// Answers an agent's request.
    pub fn answer(self, request_id: i64, approve: bool) {
        self.submit(move |token| async move {
            api::answer_access_request(&token, request_id, &RequestAnswer { approve }).await
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
}
