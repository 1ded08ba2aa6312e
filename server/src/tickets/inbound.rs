//! Mail coming in: threaded into its ticket, or opening one.
//!
//! Mail to a live chat's signed reply address (`chat/queue/away.rs` sends it to a
//! visitor who left) from the address it went to is the visitor's answer in that chat,
//! and opens no ticket; from anyone else it opens a ticket as new mail does.
//!
//! Threading, first match wins: a signed reply token in a recipient address (a forged or
//! tampered token never matches); In-Reply-To, then References, naming a message of a
//! ticket; a ticket number in the subject, only when the sender is that ticket's
//! requester and the receiving host vouches for the sender (`mail::authentication`).
//! Mail that names its sender's ticket without that proof opens a new ticket flagged as
//! from an unverified sender, with a note saying which ticket it named, since anyone can
//! write a From header. A reply to a closed ticket opens a follow-up. A reply from the
//! requester's address to mail Helpline sent proves that address (see `addresses.rs`).
//! Automatic mail is recorded on its ticket, or opens one when it matches none, and is
//! never acknowledged; bounces are recorded on the ticket whose mail bounced and never
//! open one.
//!
//! Every mail taken in is kept as received beside its entry, with the files it carries
//! listed; its Message-ID opens at most one ticket per workspace even when delivered
//! several times at once (see `store/mail_records.rs`). People a person's mail was
//! written to, other than Helpline's own addresses, follow the ticket; mail from
//! someone other than the requester is credited to its sender.

use std::sync::LazyLock;

use protocol::tickets::{TicketPriority, TicketSource, TicketStatus, TicketType};
use regex::Regex;

use super::desk::{CustomerReply, Desk, Request};
use super::{TicketError, delivery};
use crate::chat::queue::MailedAnswer;
use crate::files::{self, Accepted};
use crate::mail::authentication::from_is_authenticated;
use crate::mail::{InboundError, InboundMail, MailKind, is_email};
use crate::store::{Actor, ConversationRecord, Follower, IncomingFile, Received, Sender, TicketRecord, VerifiedBy};

/// What became of an inbound message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// Added to this ticket's thread.
    Threaded(i64),
    /// Opened this ticket (a follow-up when the matched ticket was closed).
    Created(i64),
    /// Already taken in before (same Message-ID): nothing changed.
    Duplicate(Option<i64>),
    /// A bounce recorded on the ticket whose mail it was.
    BounceRecorded(i64),
    /// An automatic reply recorded on its ticket.
    AutoReplyRecorded(i64),
    /// Automatic mail or a bounce that matches no ticket; logged.
    Ignored,
    /// A visitor's answer, added to this live chat.
    ChatAnswer(i64),
}

/// Why a message could not be taken in. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Unreadable(#[from] InboundError),
    #[error("the message has no sender address")]
    NoSender,
    /// The sender's address is not one mail can be sent back to.
    #[error("the sender address {0:?} cannot receive mail")]
    UnusableSender(String),
    /// New mail whose recipients name no workspace, on a server with several.
    #[error("no workspace receives mail for {0}")]
    NoWorkspace(String),
    /// The sender sent more than `[limits] inbound_per_sender`; nothing was taken in,
    /// and the same message may be delivered again after `retry_after`.
    #[error("too much mail from this sender; try again later")]
    RateLimited { retry_after: std::time::Duration },
    /// Malware scanning is configured and the scanner cannot be reached: nothing was
    /// taken in, and the same message may be delivered again later.
    #[error("files cannot be checked for malware right now; deliver the message again later")]
    ScannerDown(#[source] files::ScanError),
    #[error(transparent)]
    Ticket(#[from] TicketError),
}

impl From<anyhow::Error> for IngestError {
    fn from(error: anyhow::Error) -> Self {
        IngestError::Ticket(TicketError::Database(error))
    }
}

/// `[#1001]` as the acknowledgement writes it, else a bare `#1001`.
static SUBJECT_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[#(\d{1,15})\]").expect("the bracketed subject number pattern is valid"));
static BARE_SUBJECT_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"#(\d{1,15})\b").expect("the subject number pattern is valid"));

/// What threading found for a message.
enum Threading {
    /// The ticket the message belongs to.
    Ticket(Box<TicketRecord>),
    /// The subject names this ticket number of the sender's, but nothing proves the
    /// sender is who the From header says.
    Unverified(i64),
    None,
}

impl Desk {
    /// Takes in one raw RFC 5322 message.
    pub async fn take_in(&self, raw: &[u8]) -> Result<Taken, IngestError> {
        let mail = InboundMail::parse(raw)?;
        self.limit_sender(&mail).await?;
        if let Some(message_id) = &mail.message_id
            && let Some(ticket) = self.store.ticket_by_message_ids(std::slice::from_ref(message_id)).await?
        {
            return Ok(Taken::Duplicate(Some(ticket.number)));
        }
        if let MailKind::Bounce { original_message_id, failed_recipient, status, permanent } = &mail.kind {
            let Some(original) = original_message_id else {
                tracing::info!("a bounce without the original Message-ID was ignored");
                return Ok(Taken::Ignored);
            };
            let reason = bounce_reason(failed_recipient.as_deref(), status.as_deref(), *permanent);
            return Ok(match delivery::record_bounce(&self.store, original, &reason, self.clock.now()).await? {
                Some(ticket_id) => Taken::BounceRecorded(self.number_of(ticket_id).await?),
                None => {
                    tracing::info!("a bounce for mail no ticket sent was ignored");
                    Taken::Ignored
                }
            });
        }
        if let Some(conversation) = self.chat_answered(&mail).await? {
            return self.take_chat_answer(&conversation, &mail, raw).await;
        }
        let (matched, claimed) = match self.thread_of(&mail).await? {
            Threading::Ticket(ticket) => (Some(*ticket), None),
            Threading::Unverified(number) => (None, Some(number)),
            Threading::None => (None, None),
        };
        let text = body_of(&mail);
        let verdicts = judge(&mail, self.scanner.as_ref()).await?;
        let files = incoming(&mail, &verdicts);
        if mail.kind == MailKind::AutoReply {
            return Ok(match matched {
                Some(ticket) => {
                    let message_id = mail.message_id.as_deref();
                    let received = Some(Received { raw, files: &files, sender: None });
                    match self
                        .writes()
                        .record_auto_reply(ticket.id, &text, message_id, received, self.clock.now())
                        .await
                    {
                        Ok(_) => Taken::AutoReplyRecorded(ticket.number),
                        Err(TicketError::DuplicateMessage) => Taken::Duplicate(Some(ticket.number)),
                        Err(error) => return Err(error.into()),
                    }
                }
                None => match mail.from.as_ref().filter(|from| is_email(&from.address)) {
                    // Mail that matches nothing opens a ticket; being automatic, it is
                    // never acknowledged.
                    Some(sender) => {
                        let workspace_id = self.workspace_for(&mail).await?;
                        let mut context = serde_json::json!({ "automatic": true });
                        let notice = claimed.map(|number| flag_unverified(&mut context, number));
                        let new = NewFromMail { subject: subject_of(&mail), context: &context, acknowledge: false };
                        let source = MailSource { mail: &mail, raw, files: &files, sender };
                        self.open_from_mail(workspace_id, source, new, notice.as_deref()).await?
                    }
                    None => {
                        tracing::info!("automatic mail without a usable sender that matches no ticket was ignored");
                        Taken::Ignored
                    }
                },
            });
        }
        let sender = mail.from.as_ref().ok_or(IngestError::NoSender)?;
        if !is_email(&sender.address) {
            return Err(IngestError::UnusableSender(sender.address.clone()));
        }
        let proven = match &matched {
            Some(ticket) => self.proves_address(ticket, &mail).await?,
            None => false,
        };
        match matched {
            Some(ticket) if ticket.status != TicketStatus::Closed => {
                // Someone other than the requester writing to the ticket (a follower, a
                // colleague with the reply address) is credited, and follows it from now.
                let credited = (!sender.address.trim().eq_ignore_ascii_case(ticket.requester_email.trim()))
                    .then(|| Sender { email: sender.address.trim(), name: sender.name.as_deref() });
                let reply = CustomerReply {
                    body: &text,
                    message_id: mail.message_id.as_deref(),
                    received: Some(Received { raw, files: &files, sender: credited }),
                    followers: self.followers_of(&mail),
                };
                match self.customer_reply(&ticket, reply).await {
                    Ok(_) => {
                        if proven {
                            self.address_proven_by_reply(&ticket).await?;
                        }
                        Ok(Taken::Threaded(ticket.number))
                    }
                    Err(TicketError::DuplicateMessage) => Ok(Taken::Duplicate(Some(ticket.number))),
                    Err(error) => Err(error.into()),
                }
            }
            Some(closed) => {
                if proven {
                    // The follow-up's acknowledgement may then quote what they wrote.
                    let now = self.clock.now();
                    self.store.verify_address(closed.workspace_id, &sender.address, VerifiedBy::Reply, now).await?;
                }
                let subject = format!("Follow-up to #{}: {}", closed.number, closed.subject);
                let context = serde_json::json!({ "follow_up_of": closed.number });
                let new = NewFromMail { subject: &subject, context: &context, acknowledge: true };
                let source = MailSource { mail: &mail, raw, files: &files, sender };
                Ok(self.open_from_mail(closed.workspace_id, source, new, None).await?)
            }
            None => {
                let workspace_id = self.workspace_for(&mail).await?;
                let mut context = serde_json::json!({});
                let notice = claimed.map(|number| flag_unverified(&mut context, number));
                let new = NewFromMail { subject: subject_of(&mail), context: &context, acknowledge: true };
                let source = MailSource { mail: &mail, raw, files: &files, sender };
                Ok(self.open_from_mail(workspace_id, source, new, notice.as_deref()).await?)
            }
        }
    }

    /// Takes a token from the sender's bucket, shared through the database by every
    /// node and `mail ingest` process, so a mail loop or a flood from one address stops
    /// at the limit. Mail without a sender is left to the checks that follow.
    async fn limit_sender(&self, mail: &InboundMail) -> Result<(), IngestError> {
        let Some(sender) = &mail.from else {
            return Ok(());
        };
        let key = sender.address.trim().to_lowercase();
        let scope = crate::limits::stored::INBOUND_SENDER;
        match crate::limits::stored::take_token(&self.store, scope, &key, self.inbound_per_sender, self.clock.now())
            .await?
        {
            Some(retry_after) => {
                tracing::info!("inbound mail refused: its sender is over the limit");
                Err(IngestError::RateLimited { retry_after })
            }
            None => Ok(()),
        }
    }

    /// Opens a ticket with the mail as its description, keeping the mail as received
    /// and its copied people as followers. The same Message-ID delivered at the same
    /// moment by another connection is a duplicate: the workspace's unique key on
    /// received mail lets exactly one of them commit, with its acknowledgement.
    async fn open_from_mail(
        &self,
        workspace_id: i64,
        source: MailSource<'_>,
        new: NewFromMail<'_>,
        notice: Option<&str>,
    ) -> Result<Taken, TicketError> {
        let MailSource { mail, raw, files, sender } = source;
        let details = serde_json::json!({});
        let text = body_of(mail);
        // Automatic mail copies whoever its program chose: nobody follows from it.
        let followers = if mail.kind == MailKind::Human { self.followers_of(mail) } else { Vec::new() };
        let NewFromMail { subject, context, acknowledge } = new;
        let opened = self
            .open(Request {
                workspace_id,
                subject,
                description: Some(&text),
                message_id: mail.message_id.as_deref(),
                requester_email: &sender.address,
                requester_name: sender.name.as_deref(),
                requester_user_id: None,
                requester_company_id: None,
                ticket_type: TicketType::Question,
                priority: TicketPriority::Medium,
                tags: &[],
                source: TicketSource::Email,
                conversation_id: None,
                visitor_id: None,
                context,
                details: &details,
                created_by: Actor::Customer,
                acknowledge,
                notice,
                received: Some(Received { raw, files, sender: None }),
                followers: &followers,
                attachments: None,
            })
            .await;
        match opened {
            Ok(ticket) => Ok(Taken::Created(ticket.number)),
            Err(TicketError::DuplicateMessage) => {
                let ids = mail.message_id.iter().cloned().collect::<Vec<_>>();
                let existing = self.store.ticket_by_message_ids(&ids).await?;
                Ok(Taken::Duplicate(existing.map(|ticket| ticket.number)))
            }
            Err(error) => Err(error),
        }
    }

    /// Who a mail makes followers of its ticket: the people it was written to and its
    /// sender, except Helpline's own addresses. `followers.rs` leaves out the requester
    /// and those already following.
    fn followers_of(&self, mail: &InboundMail) -> Vec<Follower> {
        mail.addressees
            .iter()
            .chain(mail.from.as_ref())
            .filter(|mailbox| is_email(&mailbox.address) && !mailbox.address.contains(','))
            .filter(|mailbox| !self.mailer.is_own_address(&mailbox.address))
            .map(|mailbox| Follower::new(&mailbox.address, mailbox.name.as_deref()))
            .collect()
    }

    /// The ticket a message belongs to, by token, then headers, then subject number.
    async fn thread_of(&self, mail: &InboundMail) -> Result<Threading, IngestError> {
        for recipient in &mail.recipients {
            if let Some(target) = self.mailer.reply.parse(recipient) {
                let ticket = self.store.ticket(target.ticket_id).await?;
                if let Some(ticket) = ticket.filter(|ticket| ticket.workspace_id == target.workspace_id) {
                    return Ok(Threading::Ticket(Box::new(ticket)));
                }
            }
        }
        let mut ids = mail.in_reply_to.clone();
        ids.extend(mail.references.iter().rev().cloned());
        if let Some(ticket) = self.store.ticket_by_message_ids(&ids).await? {
            return Ok(Threading::Ticket(Box::new(ticket)));
        }
        let (Some(sender), Some(number)) = (mail.from.as_ref(), subject_number(&mail.subject)) else {
            return Ok(Threading::None);
        };
        let Ok(workspace_id) = self.workspace_for(mail).await else {
            return Ok(Threading::None);
        };
        let ticket = self.store.ticket_by_number(workspace_id, number).await?;
        let Some(ticket) = ticket.filter(|ticket| ticket.requester_email.eq_ignore_ascii_case(sender.address.trim()))
        else {
            return Ok(Threading::None);
        };
        let vouched = self.mailer.trusted_authserv_id.as_deref().is_some_and(|authserv_id| {
            from_is_authenticated(&mail.authentication_results, authserv_id, &sender.address)
        });
        Ok(if vouched { Threading::Ticket(Box::new(ticket)) } else { Threading::Unverified(ticket.number) })
    }

    /// The live chat a mail answers: one whose signed reply address it was sent to, from
    /// the address that chat's replies were mailed to.
    async fn chat_answered(&self, mail: &InboundMail) -> Result<Option<ConversationRecord>, IngestError> {
        let Some(sender) = &mail.from else { return Ok(None) };
        for recipient in &mail.recipients {
            let Some(target) = self.mailer.reply.parse_chat(recipient) else { continue };
            let Some(conversation) = self.store.conversation(target.conversation_id).await? else { continue };
            if conversation.workspace_id != target.workspace_id {
                continue;
            }
            let mailed_to = self.store.chat_emailed_to(conversation.id).await?;
            if mailed_to.is_some_and(|to| to.trim().eq_ignore_ascii_case(sender.address.trim())) {
                return Ok(Some(conversation));
            }
        }
        Ok(None)
    }

    /// Adds a visitor's mailed answer to their chat. Automatic mail (an out-of-office
    /// reply) is not a visitor's word and is only logged.
    async fn take_chat_answer(
        &self,
        conversation: &ConversationRecord,
        mail: &InboundMail,
        raw: &[u8],
    ) -> Result<Taken, IngestError> {
        if mail.kind != MailKind::Human {
            tracing::info!(chat = conversation.id, "automatic mail to a chat's reply address was ignored");
            return Ok(Taken::Ignored);
        }
        let verdicts = judge(mail, self.scanner.as_ref()).await?;
        let mut files = Vec::new();
        let mut refused = Vec::new();
        for (file, verdict) in mail.files.iter().zip(&verdicts) {
            match verdict {
                Ok(accepted) => files.push((file.name.as_str(), accepted)),
                Err(reason) => refused.push((file.name.as_str(), reason.as_str())),
            }
        }
        let text = body_of(mail);
        let key = mail.message_id.as_deref().map_or(raw, str::as_bytes);
        let answer = MailedAnswer { text: &text, key, files, refused };
        let stored = self.chats.take_mailed_answer(conversation, answer).await?;
        Ok(if stored.is_empty() { Taken::Duplicate(None) } else { Taken::ChatAnswer(conversation.id) })
    }

    /// The workspace new mail is for: the one whose app id a recipient is plus-addressed
    /// with (`support+APP_ID@…`), a chat's reply address names, or the only workspace
    /// there is.
    async fn workspace_for(&self, mail: &InboundMail) -> Result<i64, IngestError> {
        if let Some(target) = mail.recipients.iter().find_map(|recipient| self.mailer.reply.parse_chat(recipient)) {
            return Ok(target.workspace_id);
        }
        for recipient in &mail.recipients {
            let local = recipient.split('@').next().unwrap_or_default();
            if let Some((_, tag)) = local.split_once('+')
                && let Some(workspace) = self.store.workspace_by_app_id(tag).await?
            {
                return Ok(workspace.id);
            }
        }
        match self.store.list_workspaces().await?.as_slice() {
            [only] => Ok(only.id),
            _ => Err(IngestError::NoWorkspace(mail.recipients.join(", "))),
        }
    }

    async fn number_of(&self, ticket_id: i64) -> Result<i64, TicketError> {
        Ok(self.store.ticket(ticket_id).await?.ok_or(TicketError::NotFound)?.number)
    }
}

/// The mail a ticket is opened from: parsed, as received, and its sender.
#[derive(Clone, Copy)]
struct MailSource<'a> {
    mail: &'a InboundMail,
    raw: &'a [u8],
    files: &'a [IncomingFile<'a>],
    sender: &'a crate::mail::Mailbox,
}

/// How a ticket opened from mail starts.
struct NewFromMail<'a> {
    subject: &'a str,
    context: &'a serde_json::Value,
    acknowledge: bool,
}

/// Marks a new ticket's context as opened by mail from an unverified sender that named
/// ticket `claimed`, and returns the note that tells agents so.
fn flag_unverified(context: &mut serde_json::Value, claimed: i64) -> String {
    if let Some(object) = context.as_object_mut() {
        object.insert("unverified_sender".to_owned(), serde_json::Value::Bool(true));
        object.insert("claimed_ticket".to_owned(), serde_json::Value::from(claimed));
    }
    format!(
        "Unverified sender: this mail names ticket #{claimed} and comes from its requester's address, but the \
         receiving mail server did not confirm the sender (no passing DMARC or aligned SPF result), so it was not \
         added to #{claimed}. Check that it is really from the requester before merging anything."
    )
}

/// Helpline's verdict on each file of a mail: kept (type sniffed, metadata removed,
/// scanned when a scanner is configured) or refused, and why.
async fn judge(
    mail: &InboundMail,
    scanner: Option<&files::Scanner>,
) -> Result<Vec<Result<Accepted, String>>, IngestError> {
    let mut verdicts = Vec::with_capacity(mail.files.len());
    for file in &mail.files {
        let mut verdict = files::accept(file.data.as_slice()).map_err(|refusal| refusal.to_string());
        if let (Ok(accepted), Some(scanner)) = (&verdict, scanner) {
            match scanner.scan_bytes(&accepted.data).await {
                Ok(files::Verdict::Clean) => {}
                Ok(files::Verdict::Infected(signature)) => {
                    verdict = Err(format!("the file contains malware ({signature}) and was refused"));
                }
                Err(error) => return Err(IngestError::ScannerDown(error)),
            }
        }
        verdicts.push(verdict);
    }
    Ok(verdicts)
}

/// The files of a mail with their verdicts, as the store takes them.
fn incoming<'a>(mail: &'a InboundMail, verdicts: &'a [Result<Accepted, String>]) -> Vec<IncomingFile<'a>> {
    mail.files
        .iter()
        .zip(verdicts)
        .map(|(file, verdict)| IncomingFile {
            name: &file.name,
            declared_type: &file.declared_type,
            size: file.data.len() as u64,
            verdict: verdict.as_ref().map_err(String::as_str),
        })
        .collect()
}

/// A new ticket's subject: the mail's, or a placeholder.
fn subject_of(mail: &InboundMail) -> &str {
    let subject = mail.subject.trim();
    if subject.is_empty() { "(no subject)" } else { subject }
}

/// The words a message adds to its ticket: what the author wrote this time, or the whole
/// text when that is all quotes.
fn body_of(mail: &InboundMail) -> String {
    let new_text = mail.new_text.trim();
    let text = if new_text.is_empty() { mail.text.trim() } else { new_text };
    if text.is_empty() { "(no text)".to_owned() } else { text.to_owned() }
}

/// `1001` from `Re: [#1001] Printer on fire`.
fn subject_number(subject: &str) -> Option<i64> {
    let found = SUBJECT_NUMBER.captures(subject).or_else(|| BARE_SUBJECT_NUMBER.captures(subject))?;
    found.get(1)?.as_str().parse().ok()
}

fn bounce_reason(recipient: Option<&str>, status: Option<&str>, permanent: bool) -> String {
    let what = if permanent { "could not be delivered" } else { "is delayed" };
    let to = recipient.map(|address| format!(" to {address}")).unwrap_or_default();
    let status = status.map(|code| format!(" (status {code})")).unwrap_or_default();
    format!("The mail{to} {what}{status}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_number_is_found_behind_reply_prefixes() {
        assert_eq!(subject_number("Re: [#1001] Printer on fire"), Some(1001));
        assert_eq!(subject_number("AW: Ticket #42 again"), Some(42));
        assert_eq!(subject_number("No number here, 1001"), None);
        assert_eq!(subject_number("Re: Order #5567 [#1001]"), Some(1001), "our own bracketed form wins");
        assert_eq!(subject_number("#99999999999999999999"), None, "too long to be a ticket number");
    }

    #[test]
    fn a_bounce_reason_says_what_failed() {
        assert_eq!(
            bounce_reason(Some("jane@example.com"), Some("5.1.1"), true),
            "The mail to jane@example.com could not be delivered (status 5.1.1)."
        );
        assert_eq!(bounce_reason(None, None, false), "The mail is delayed.");
    }
}
