//! Telling the agent a visitor is waiting for them, wherever they are in the console and
//! whether or not its tab is visible: a count in the tab's title, a desktop
//! notification (once the agent allowed them) and an optional sound, for a new chat or
//! a new visitor message in a chat that is theirs or nobody's.
//!
//! The agent's status decides: `online` gets all three, `away` no sound, and
//! `do_not_disturb` only the count.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::api::{AuthorKind, ConversationSummary};
use protocol::inbox::{AgentStatus, ConversationStatus};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

use crate::api;
use crate::console::Console;
use crate::state::Page;

/// The console's own title, which the count goes in front of (a message id).
const TITLE: &str = "console-title";
/// Where the agent's sound choice is kept in `localStorage`, scoped by agent id.
const SOUND_KEY: &str = "alert-sound";

/// What the console alerts about, and how.
#[derive(Clone, Copy)]
pub struct Alerts {
    /// Chats waiting for the agent, by id, with when the visitor last wrote.
    waiting: RwSignal<BTreeMap<i64, i64>>,
    pub status: RwSignal<AgentStatus>,
    pub sound: RwSignal<bool>,
    /// Whether the browser lets the console show notifications.
    pub permission: RwSignal<NotificationPermission>,
    /// The agent id the sound choice is stored under.
    scope: StoredValue<String>,
}

/// Whether a chat waits for the agent `me`: open, theirs or nobody's, and the visitor's
/// newest message not yet read by an agent.
pub fn waits_for(summary: &ConversationSummary, me: i64) -> bool {
    summary.status == ConversationStatus::Open
        && summary.assignee_id.is_none_or(|assignee| assignee == me)
        && summary.last_author == Some(AuthorKind::Visitor)
        && summary.agent_read_seq < summary.last_seq
}

impl Alerts {
    pub fn new(scope: String) -> Self {
        let sound = client::web::storage::read(SOUND_KEY, &scope).is_none_or(|value| value != "off");
        Self {
            waiting: RwSignal::new(BTreeMap::new()),
            status: RwSignal::new(AgentStatus::Online),
            sound: RwSignal::new(sound),
            permission: RwSignal::new(Notification::permission()),
            scope: StoredValue::new(scope),
        }
    }

    /// Keeps the tab's title counting the chats that wait, and learns the agent's own
    /// status.
    pub fn start(self, console: Console) {
        let status = self.status;
        Effect::new(move |_| {
            if let Some(me) = console
                .agents
                .with(|agents| agents.iter().find(|agent| agent.id == console.my_id()).map(|agent| agent.status))
            {
                status.set(me);
            }
        });
        Effect::new(move |_| {
            let count = self.waiting.with(BTreeMap::len);
            let title = crate::l10n::t(TITLE);
            let title = if count == 0 { title.to_owned() } else { format!("({count}) {title}") };
            if let Some(document) = web_sys::window().and_then(|window| window.document()) {
                document.set_title(&title);
            }
        });
        // The chats already waiting when the console opens count, without a notification.
        let me = console.my_id();
        spawn_local(async move {
            if let Ok(rows) = api::conversations("status=open&limit=200").await {
                let _ = self.waiting.try_update(|waiting| {
                    for row in rows.iter().filter(|row| waits_for(row, me)) {
                        waiting.entry(row.id).or_insert(row.updated_at);
                    }
                });
            }
        });
    }

    /// A chat changed: counted, or no longer, and announced if a visitor just wrote in
    /// it and the agent is not already reading it. Other changes (an assignment, a
    /// note) leave `updated_at` alone, so they announce nothing.
    pub fn summary_changed(self, console: Console, summary: &ConversationSummary, reading: bool) {
        let me = console.my_id();
        if !waits_for(summary, me) || reading {
            self.waiting.update(|waiting| {
                waiting.remove(&summary.id);
            });
            return;
        }
        let known = self.waiting.with_untracked(|waiting| waiting.get(&summary.id).copied());
        if known.is_some_and(|written| written >= summary.updated_at) {
            return;
        }
        self.waiting.update(|waiting| {
            waiting.insert(summary.id, summary.updated_at);
        });
        self.announce(console, summary);
    }

    fn announce(self, console: Console, summary: &ConversationSummary) {
        let (notify, sound) = signals(self.status.get_untracked(), self.sound.get_untracked());
        if notify && self.permission.get_untracked() == NotificationPermission::Granted {
            // A chat's first message is written as the chat is created.
            let heading = crate::l10n::t(if summary.created_at == summary.updated_at {
                "alert-new-chat"
            } else {
                "alert-new-message"
            });
            let options = NotificationOptions::new();
            options.set_body(&format!("{}: {}", summary.visitor_name, summary.preview));
            options.set_tag(&format!("helpline-chat-{}", summary.id));
            if let Ok(notification) = Notification::new_with_options(heading, &options) {
                let id = summary.id;
                let open = Closure::<dyn FnMut()>::new(move || {
                    if let Some(window) = web_sys::window() {
                        let _ = window.focus();
                    }
                    console.page.set(Page::Inbox);
                    console.select(id);
                });
                notification.set_onclick(Some(open.as_ref().unchecked_ref()));
                open.forget();
            }
        }
        if sound {
            chime();
        }
    }

    /// The agent opened the chat: it no longer counts.
    pub fn read(self, conversation_id: i64) {
        self.waiting.update(|waiting| {
            waiting.remove(&conversation_id);
        });
    }

    /// Sets the agent's status on the server, then here.
    pub fn set_status(self, console: Console, status: AgentStatus) {
        let token = console.csrf_token();
        spawn_local(async move {
            match api::set_my_status(&token, status).await {
                Ok(()) => {
                    let _ = self.status.try_set(status);
                }
                Err(error) => console.show_notice(console.explain(&error)),
            }
        });
    }

    /// Asks the browser for permission to show notifications; only from a click.
    pub fn ask_permission(self) {
        let Ok(promise) = Notification::request_permission() else { return };
        let permission = self.permission;
        spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            let _ = permission.try_set(Notification::permission());
        });
    }

    /// Turns the sound on or off, remembered on this browser.
    pub fn set_sound(self, on: bool) {
        self.sound.set(on);
        self.scope.with_value(|scope| client::web::storage::write(SOUND_KEY, scope, if on { "on" } else { "off" }));
    }
}

/// A short two-note chime through Web Audio; silent where the browser allows no sound.
fn chime() {
    let Ok(context) = web_sys::AudioContext::new() else { return };
    let now = context.current_time();
    for (index, frequency) in [880.0_f32, 1320.0].into_iter().enumerate() {
        let (Ok(oscillator), Ok(gain)) = (context.create_oscillator(), context.create_gain()) else { return };
        oscillator.frequency().set_value(frequency);
        let start = now + 0.15 * index as f64;
        let _ = gain.gain().set_value_at_time(0.2, start);
        let _ = gain.gain().exponential_ramp_to_value_at_time(0.001, start + 0.3);
        if oscillator.connect_with_audio_node(&gain).is_err()
            || gain.connect_with_audio_node(&context.destination()).is_err()
        {
            return;
        }
        let _ = oscillator.start_with_when(start);
        let _ = oscillator.stop_with_when(start + 0.3);
    }
}

/// Beyond the title count, what a waiting chat raises for an agent of `status` who
/// turned the sound `sound_on`: (a desktop notification, the chime). Away is silent; do
/// not disturb raises only the count.
fn signals(status: AgentStatus, sound_on: bool) -> (bool, bool) {
    match status {
        AgentStatus::Online => (true, sound_on),
        AgentStatus::Away => (true, false),
        AgentStatus::DoNotDisturb => (false, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn away_mutes_the_sound_and_do_not_disturb_leaves_only_the_count() {
        assert_eq!(signals(AgentStatus::Online, true), (true, true));
        assert_eq!(signals(AgentStatus::Online, false), (true, false), "sound off");
        assert_eq!(signals(AgentStatus::Away, true), (true, false));
        assert_eq!(signals(AgentStatus::DoNotDisturb, true), (false, false));
    }
    use protocol::tickets::Team;

    fn summary(assignee_id: Option<i64>, last_author: AuthorKind, read: i64) -> ConversationSummary {
        ConversationSummary {
            id: 1,
            visitor_id: 1,
            visitor_name: "Visitor 1".into(),
            last_seq: 4,
            preview: "hello".into(),
            last_author: Some(last_author),
            created_at: 0,
            updated_at: 0,
            status: ConversationStatus::Open,
            snoozed_until: None,
            assignee_id,
            team: Team::FirstLine,
            visitor_email: None,
            awaiting_since: Some(0),
            agent_read_seq: read,
        }
    }

    #[test]
    fn a_chat_waits_for_its_assignee_or_anyone_when_unassigned() {
        assert!(waits_for(&summary(Some(7), AuthorKind::Visitor, 3), 7));
        assert!(waits_for(&summary(None, AuthorKind::Visitor, 3), 7));
        assert!(!waits_for(&summary(Some(8), AuthorKind::Visitor, 3), 7), "someone else's");
        assert!(!waits_for(&summary(None, AuthorKind::Agent, 3), 7), "answered");
        assert!(!waits_for(&summary(None, AuthorKind::Visitor, 4), 7), "read");
        let resolved =
            ConversationSummary { status: ConversationStatus::Resolved, ..summary(None, AuthorKind::Visitor, 3) };
        assert!(!waits_for(&resolved, 7));
    }
}
