//! An agent socket lives only as long as the sign-in it was opened with: it closes when
//! the session is signed out here (at once) or has ended anywhere, by sign-out on
//! another node, a password reset, deactivation, its lifetime or its idle limit (at
//! the next look at the database, every few seconds).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::broadcast;

use super::liveness::Heard;
use crate::state::AppState;

/// How often an agent socket looks its session up. Sessions ended in another process
/// close their sockets within this (plus a query).
pub(super) const CHECK_EVERY: Duration = Duration::from_secs(3);

/// Why an agent socket was closed.
pub(super) const SIGNED_OUT: &str = "signed out";
pub(super) const EXPIRED: &str = "session expired";

/// Watches one agent socket's session.
pub(super) struct SignIn {
    state: AppState,
    session_hash: String,
    signouts: broadcast::Receiver<Arc<str>>,
}

impl SignIn {
    pub(super) fn new(state: AppState, session_hash: String) -> Self {
        let signouts = state.signouts.subscribe();
        Self { state, session_hash, signouts }
    }

    /// Resolves with the reason once the session is over. Frames the agent sent
    /// (`heard`) count as use of the session, extending its idle limit.
    pub(super) async fn ended(mut self, heard: &Heard) -> &'static str {
        let mut check = tokio::time::interval_at(tokio::time::Instant::now() + CHECK_EVERY, CHECK_EVERY);
        check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut texts_seen = heard.texts();
        let mut announced = true;
        loop {
            tokio::select! {
                signout = self.signouts.recv(), if announced => match signout {
                    Ok(hash) if *hash == *self.session_hash => return SIGNED_OUT,
                    Ok(_) => continue,
                    // Missed announcements may include ours: look now.
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => {
                        announced = false;
                        continue;
                    }
                },
                _ = check.tick() => {}
            }
            let texts = heard.texts();
            match self.over(texts != texts_seen).await {
                Ok(Some(reason)) => return reason,
                Ok(None) => texts_seen = texts,
                // A database hiccup signs nobody out; the next look decides.
                Err(error) => tracing::warn!(error = format!("{error:#}"), "could not check an agent's session"),
            }
        }
    }

    /// Why the session is over, or `None` while it is live (then recording use).
    async fn over(&self, used: bool) -> anyhow::Result<Option<&'static str>> {
        let state = &self.state;
        let now = state.clock.now();
        let Some(session) = state.store.session(&self.session_hash).await? else {
            return Ok(Some(SIGNED_OUT));
        };
        if !session.is_live(now, state.config.auth.session_idle_ms()) {
            return Ok(Some(EXPIRED));
        }
        if used && session.activity_is_stale(now) {
            state.store.touch_session(&self.session_hash, now).await?;
        }
        Ok(None)
    }
}
