//! Replies that reach a visitor who left, and their answer coming back.
//!
//! Out: once the visitor (every device of theirs) has had no socket for `[chat]
//! email_away_visitor_after_secs`, and the newest agent reply is `email_batch_secs`
//! old, the agents' public replies they have neither read nor been mailed go out in one
//! email, to the verified address, else the one they gave, else the host's. The mail
//! threads under the chat's first one and its Reply-To is the chat's signed address
//! (`mail::reply_token`). It is queued in the outbox in the transaction that records an
//! `emailed` history entry and moves the chat's `emailed_seq`, so each reply is mailed
//! at most once; the visitor's read marker stops replies they saw. A chat with no
//! address to write to is passed over.
//!
//! In: mail to that address from the address it was sent to becomes the visitor's
//! message in the same chat, as if typed in the messenger: split at the chat's length
//! limit, its files attached as the visitor's uploads (at most the per-message limit on
//! each), deduplicated by its Message-ID, and it reopens and routes the chat as a
//! visitor's message does.

use anyhow::Context;
use i18n::Locale;
use protocol::api::AuthorKind;
use protocol::inbox::ConversationChange;
use sha2::{Digest, Sha256};

use super::ChatQueue;
use super::timers::BATCH;
use crate::chat::announce::publish_message;
use crate::files::Accepted;
use crate::mail::outbox::prepare;
use crate::mail::{Mailbox, OutgoingMail, is_email, message_id};
use crate::store::{
    AppendError, Appended, AwayChat, ConversationRecord, ConversationUpdate, Emailed, Guard, NewMessage, StoredMessage,
    Uploader,
};
use crate::tickets::Mailer;
use crate::tickets::words::Words;

/// Replies older than this are not mailed any more: a visitor back after a day reads
/// them in the messenger.
const HORIZON_MS: i64 = 24 * 60 * 60 * 1000;
/// Most messages (replies, and notes and history between them) one mail is made
/// from; more go in the next.
const MAX_MESSAGES: i64 = 50;

/// A visitor's mailed answer to a chat, as the inbound desk read it.
#[derive(Debug)]
pub struct MailedAnswer<'a> {
    /// What they wrote this time.
    pub text: &'a str,
    /// Names the mail: its Message-ID, else its bytes, so delivering it twice stores
    /// nothing twice.
    pub key: &'a [u8],
    /// The files it carries that were accepted, with their names.
    pub files: Vec<(&'a str, &'a Accepted)>,
    /// Files refused, with why; listed in the message so nothing goes unsaid.
    pub refused: Vec<(&'a str, &'a str)>,
}

impl ChatQueue {
    /// Mails every away visitor the replies due to them. Returns how many mails were queued.
    pub(super) async fn mail_away_visitors(&self, now: i64) -> anyhow::Result<usize> {
        let Some(mail) = &self.mail else { return Ok(0) };
        if mail.away_after_ms <= 0 {
            return Ok(0);
        }
        let quiet_before = now.saturating_sub(mail.batch_ms);
        let since = now.saturating_sub(HORIZON_MS);
        let mut after = (i64::MIN, i64::MIN);
        let mut mailed = 0;
        loop {
            let chats = self.store.chats_with_unseen_replies(since, quiet_before, after, BATCH).await?;
            for chat in &chats {
                if self.mail_replies(chat, now).await? {
                    mailed += 1;
                }
            }
            match chats.last() {
                Some(last) if chats.len() == usize::try_from(BATCH).unwrap_or(usize::MAX) => {
                    after = (last.updated_at, last.id);
                }
                _ => break,
            }
        }
        if mailed > 0 {
            mail.outbox.poke();
        }
        Ok(mailed)
    }

    /// Mails one chat's unseen replies if its visitor is away and reachable.
    async fn mail_replies(&self, chat: &AwayChat, now: i64) -> anyhow::Result<bool> {
        let Some(mail) = &self.mail else { return Ok(false) };
        if now.saturating_sub(chat.last_seen) < mail.away_after_ms {
            return Ok(false);
        }
        let devices = match chat.verified_user_id {
            Some(_) => self.store.visitors_of_same_person(chat.visitor_id).await?,
            None => vec![chat.visitor_id],
        };
        if self.hub.any_visitor_online(&devices) {
            // Still here: the messenger and the launcher's badge show the replies.
            return Ok(false);
        }
        let Some(to) = chat.email.as_deref().map(str::trim).filter(|to| is_email(to)) else {
            self.store.pass_over_replies(chat.id, chat.emailed_seq, chat.last_seq).await?;
            return Ok(false);
        };
        let after = chat.emailed_seq.max(chat.visitor_read_seq);
        // Messages beyond the first MAX_MESSAGES wait for the next pass.
        let messages = self.store.messages_between(chat.id, after, chat.last_seq, MAX_MESSAGES).await?;
        let upto = match messages.last() {
            Some(last) if messages.len() >= usize::try_from(MAX_MESSAGES).unwrap_or(usize::MAX) => last.seq,
            _ => chat.last_seq,
        };
        let replies: Vec<StoredMessage> = messages
            .into_iter()
            .filter(|message| message.author_kind.0 == AuthorKind::Agent && message.is_public())
            .collect();
        if replies.is_empty() {
            self.store.pass_over_replies(chat.id, chat.emailed_seq, upto).await?;
            return Ok(false);
        }
        // The mail speaks the visitor's language.
        let default_locale = self.store.appearance(chat.workspace_id).await?.default_locale;
        let locale = chat.locale.as_deref().and_then(Locale::from_tag).unwrap_or(default_locale);
        let words = Words::in_language(locale);
        let letter = letter(&mail.mailer, &words, chat, to, &replies, upto, now);
        let prepared = match prepare(&letter, chat.workspace_id, None, None) {
            Ok(prepared) => prepared,
            Err(error) => {
                tracing::error!(%error, chat = chat.id, "could not compose the replies for an away visitor");
                self.store.pass_over_replies(chat.id, chat.emailed_seq, upto).await?;
                return Ok(false);
            }
        };
        let thread_id = chat.mail_thread_id.clone().unwrap_or_else(|| letter.message_id.clone());
        let update = ConversationUpdate {
            emailed: Some(Emailed { upto_seq: upto, to: to.to_owned(), thread_id, mail: prepared }),
            guard: Guard::EmailedSeq(chat.emailed_seq),
            ..Default::default()
        };
        let change = ConversationChange::Emailed {
            to: to.to_owned(),
            replies: u32::try_from(replies.len()).unwrap_or(u32::MAX),
        };
        Ok(self.apply(chat.id, &update, &change).await?.is_some())
    }

    /// Stores a visitor's mailed answer in their chat, then publishes it and lets the
    /// queue react as to any visitor message. Returns the messages stored, none when the
    /// same mail was taken in before.
    pub async fn take_mailed_answer(
        &self,
        conversation: &ConversationRecord,
        answer: MailedAnswer<'_>,
    ) -> anyhow::Result<Vec<StoredMessage>> {
        let key = Sha256::digest(answer.key);
        let key = data_encoding::HEXLOWER.encode(&key[..16]);
        let name =
            conversation.visitor_name.clone().unwrap_or_else(|| crate::wire::visitor_name(conversation.visitor_id));
        let mut text = answer.text.trim().to_owned();
        for (file, reason) in &answer.refused {
            text.push_str(&format!("\n\n(The email's file {file} was not added: {reason}.)"));
        }
        let chunks = split_chars(&text, self.settings.max_body_chars.max(1));
        let per_message = self.settings.files_per_message.max(1);
        let file_groups: Vec<_> = answer.files.chunks(per_message).collect();
        let now = self.clock.now();
        let mut stored = Vec::new();
        for index in 0..chunks.len().max(file_groups.len()) {
            let client_id = format!("mail-{key}-{index}");
            let body = chunks.get(index).map_or("", String::as_str);
            let mut uploads = Vec::new();
            for (file_name, file) in file_groups.get(index).copied().unwrap_or_default() {
                let uploader = Uploader::Visitor(conversation.visitor_id);
                uploads
                    .push(self.store.create_upload(conversation.workspace_id, uploader, file_name, file, now).await?);
            }
            let message = NewMessage {
                conversation_id: conversation.id,
                author_kind: AuthorKind::Visitor,
                author_id: Some(conversation.visitor_id),
                author_name: &name,
                body,
                client_id: &client_id,
                files: &uploads,
                internal: false,
            };
            match self.store.append_message(message, now).await {
                Ok(Appended::Created(message)) => stored.push(message),
                // Taken in before; its uploads made now are swept as never attached.
                Ok(Appended::Duplicate(_)) | Err(AppendError::ClientIdTaken) => {}
                Err(AppendError::FileGone) => anyhow::bail!("a file of the mailed answer vanished while it was stored"),
                Err(AppendError::Database(error)) => return Err(error),
            }
        }
        let mut record = None;
        for message in &stored {
            record = Some(publish_message(&self.store, &self.hub, message.clone()).await?);
        }
        if let Some(record) = record {
            self.visitor_wrote(&record).await.context("queue the chat after a mailed answer")?;
        }
        Ok(stored)
    }
}

/// The mail carrying replies to an away visitor, in their language.
fn letter(
    mailer: &Mailer,
    words: &Words,
    chat: &AwayChat,
    to: &str,
    replies: &[StoredMessage],
    upto: i64,
    now: i64,
) -> OutgoingMail {
    let fallback = words.text("signature-fallback");
    let team = mailer.from.name.as_deref().map(str::trim).filter(|name| !name.is_empty()).unwrap_or(&fallback);
    let count = u32::try_from(replies.len()).unwrap_or(u32::MAX);
    let mut text = words.text_with("away-intro", &[("count", count.into()), ("team", team.into())]);
    text.push('\n');
    for reply in replies {
        text.push('\n');
        text.push_str(&words.text_with("away-wrote", &[("name", reply.author_name.as_str().into())]));
        text.push_str(&format!("\n{}\n", reply.body.trim()));
        for file in &reply.files {
            text.push_str(&words.text_with("away-attached", &[("file", file.name.as_str().into())]));
            text.push('\n');
        }
    }
    text.push('\n');
    text.push_str(&words.text("away-answer"));
    text.push('\n');
    let subject = words.text_with("away-subject", &[("team", team.into())]);
    let (subject, in_reply_to, references) = match &chat.mail_thread_id {
        Some(thread) => (format!("Re: {subject}"), Some(thread.clone()), vec![thread.clone()]),
        None => (subject, None, Vec::new()),
    };
    OutgoingMail {
        from: mailer.from.clone(),
        to: Mailbox::new(chat.visitor_name.as_deref().unwrap_or_default(), to),
        cc: Vec::new(),
        reply_to: Some(mailer.reply.chat_address_for(chat.workspace_id, chat.id)),
        subject,
        text,
        message_id: message_id(&mailer.domain, &format!("chat-{}-replies-{upto}", chat.id)),
        in_reply_to,
        references,
        automatic: false,
        attachments: Vec::new(),
        date: now,
    }
}

/// `text` in pieces of at most `max` characters, cut at a line or word break where
/// one is near; one empty piece for empty text.
fn split_chars(text: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.chars().count() > max {
        let cut = rest.char_indices().nth(max).map_or(rest.len(), |(at, _)| at);
        let window = &rest[..cut];
        let floor = window.char_indices().nth(max / 2).map_or(0, |(at, _)| at);
        let at =
            window[floor..].rfind('\n').or_else(|| window[floor..].rfind(' ')).map_or(cut, |found| floor + found + 1);
        pieces.push(rest[..at].trim_end().to_owned());
        rest = &rest[at..];
    }
    pieces.push(rest.to_owned());
    pieces
}

#[cfg(test)]
mod tests {
    use super::split_chars;

    #[test]
    fn long_text_splits_at_breaks_within_the_limit() {
        assert_eq!(split_chars("", 10), vec![String::new()]);
        assert_eq!(split_chars("short", 10), vec!["short".to_owned()]);
        let pieces = split_chars("one two three four five six", 10);
        assert!(pieces.iter().all(|piece| piece.chars().count() <= 10), "{pieces:?}");
        assert_eq!(pieces.join(" "), "one two three four five six");
        let unbroken = "ä".repeat(25);
        let pieces = split_chars(&unbroken, 10);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces.concat(), unbroken, "nothing is lost when there is no break");
    }
}
