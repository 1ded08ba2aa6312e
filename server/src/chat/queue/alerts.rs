//! Mail about chats waiting too long: once the visitor's newest message has waited
//! `[chat] unanswered_alert_secs` for an answer, the agents online are mailed, or the
//! workspace's notification address when nobody is. One mail per wait: an answer ends
//! the wait, and the next message starts a new one.

use std::sync::Arc;

use i18n::Locale;

use crate::mail::outbox::prepare;
use crate::mail::{Mailbox, OutboxHandle, OutgoingMail, message_id};
use crate::store::UnansweredChat;
use crate::tickets::Mailer;
use crate::tickets::words::Words;

use super::ChatQueue;
use super::timers::BATCH;

/// The queue's mail: alerts to agents, and replies to visitors who left (`away.rs`).
#[derive(Clone)]
pub struct QueueMail {
    pub mailer: Arc<Mailer>,
    pub outbox: OutboxHandle,
    /// How long a wait runs before agents are mailed; 0 mails nobody.
    pub unanswered_after_ms: i64,
    /// How long a visitor must have been away before replies are mailed; 0 never.
    pub away_after_ms: i64,
    /// How old the newest reply must be before the replies go out together.
    pub batch_ms: i64,
}

impl ChatQueue {
    /// Mails about every chat whose wait has run long and was not mailed about yet.
    /// Returns how many chats were mailed about.
    pub(super) async fn alert_unanswered(&self, now: i64) -> anyhow::Result<usize> {
        let Some(alerts) = &self.mail else { return Ok(0) };
        if alerts.unanswered_after_ms <= 0 {
            return Ok(0);
        }
        let mut alerted = 0;
        for chat in self.store.unanswered_chats(now.saturating_sub(alerts.unanswered_after_ms), BATCH).await? {
            // Each agent in the language their console speaks; the notification address
            // and agents whose console has not said in the workspace's.
            let default_locale = self.store.appearance(chat.workspace_id).await?.default_locale;
            let mut recipients = Vec::new();
            for agent_id in self.hub.online_agents(chat.workspace_id) {
                if let Some(agent) = self.store.agent(agent_id).await?.filter(|agent| agent.deactivated_at.is_none()) {
                    let locale = agent.locale.as_deref().and_then(Locale::from_tag).unwrap_or(default_locale);
                    recipients.push((Mailbox::new(&agent.name, &agent.email), locale));
                }
            }
            if recipients.is_empty() {
                let settings = self.store.support_settings(chat.workspace_id).await?;
                if let Some(address) = settings.and_then(|settings| settings.notification_address) {
                    recipients.push((Mailbox::new("", &address), default_locale));
                }
            }
            let mut mails = Vec::new();
            for (recipient, locale) in recipients {
                let letter = letter(&alerts.mailer, &Words::in_language(locale), &chat, recipient, now);
                match prepare(&letter, chat.workspace_id, None, None) {
                    Ok(mail) => mails.push(mail),
                    Err(error) => tracing::error!(%error, chat = chat.id, "could not compose an unanswered-chat alert"),
                }
            }
            // Recorded even with nobody to mail, so the chat is not looked at again
            // until its next wait.
            if self.store.record_unanswered_alert(chat.id, chat.awaiting_since, &mails, now).await? && !mails.is_empty()
            {
                alerted += 1;
            }
        }
        if alerted > 0 {
            alerts.outbox.poke();
        }
        Ok(alerted)
    }
}

/// The alert about one chat, to one agent (or the notification address).
fn letter(mailer: &Mailer, words: &Words, chat: &UnansweredChat, to: Mailbox, now: i64) -> OutgoingMail {
    let minutes = now.saturating_sub(chat.awaiting_since) / 60_000;
    let who = chat.visitor_name.clone().unwrap_or_else(|| crate::wire::visitor_name(chat.visitor_id));
    let link = format!("{}/console/inbox/{}", mailer.public_url, chat.id);
    let text = format!(
        "{}\n\n{}\n\n{}\n",
        words.text_with("alert-waited", &[("who", who.as_str().into()), ("minutes", minutes.into())]),
        words.text_with("alert-last", &[("preview", chat.preview.as_str().into())]),
        words.text_with("alert-answer", &[("link", link.as_str().into())]),
    );
    OutgoingMail {
        from: mailer.from.clone(),
        to,
        cc: Vec::new(),
        reply_to: None,
        subject: words.text_with("alert-subject", &[("who", who.as_str().into())]),
        text,
        message_id: message_id(&mailer.domain, &format!("chat-{}-waiting-{}", chat.id, uuid::Uuid::new_v4().simple())),
        in_reply_to: None,
        references: Vec::new(),
        automatic: true,
        attachments: Vec::new(),
        date: now,
    }
}
