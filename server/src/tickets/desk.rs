//! The desk: what happens to tickets, whoever asks for it (an agent in the console, the
//! messenger, a host backend, inbound mail, the timers). Each operation writes the
//! ticket, its history event and any mail in one transaction, then brings the due times
//! up to date and wakes the mail outbox.

use std::sync::Arc;

use anyhow::Context;
use protocol::tickets::{Team, TicketPriority, TicketSource, TicketStatus, TicketType};

use super::addresses::{AckFacts, Acknowledge};
use super::letters::{self, Address, Mailer, Thread};
use super::process::Recorded;
use super::sla::{self, DueTimes};
use super::words::Words;
use super::writes::{AddOptions, Added, Change, Changed, Description, MailQuota, NewEvent, Opening, Writes};
use super::{BusinessHours, TicketError};
use crate::clock::Clock;
use crate::mail::outbox::{prepare, prepare_copies};
use crate::mail::{Mailbox, OutboxHandle, OutgoingFile};
use crate::store::{
    Actor, FileRecord, Follower, NewOutgoing, Received, Store, SupportSettingsRecord, TicketRecord, Uploader,
};

/// The ticket service. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Desk {
    pub store: Store,
    pub clock: Clock,
    pub outbox: OutboxHandle,
    pub mailer: Arc<Mailer>,
    /// Inbound mail one sender address may send (`[limits] inbound_per_sender`).
    pub inbound_per_sender: crate::limits::Rate,
    /// Acknowledgements one unproven address may get per day
    /// (`limits.unverified_mail_per_address_per_day`); see `addresses.rs`.
    pub unverified_mail_per_day: u32,
    /// The malware scanner files in mail go through, when `[files] clamd` is set.
    pub scanner: Option<crate::files::Scanner>,
    /// Live chats, which take a visitor's mailed answer to replies they missed.
    pub chats: crate::chat::ChatQueue,
}

/// A new ticket, from any way in.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub workspace_id: i64,
    pub subject: &'a str,
    /// What the requester wrote; becomes the first customer reply.
    pub description: Option<&'a str>,
    /// The Message-ID of the mail the description came in as.
    pub message_id: Option<&'a str>,
    /// Empty when a chat hand-off does not know it yet.
    pub requester_email: &'a str,
    pub requester_name: Option<&'a str>,
    pub requester_user_id: Option<&'a str>,
    pub requester_company_id: Option<&'a str>,
    pub ticket_type: TicketType,
    pub priority: TicketPriority,
    pub tags: &'a [String],
    pub source: TicketSource,
    pub conversation_id: Option<i64>,
    pub visitor_id: Option<i64>,
    pub context: &'a serde_json::Value,
    pub details: &'a serde_json::Value,
    pub created_by: Actor,
    /// Whether to send an acknowledgement; false for automatic mail.
    pub acknowledge: bool,
    /// A system note for agents, recorded in the thread with the ticket.
    pub notice: Option<&'a str>,
    /// The mail the description came in as, kept beside it.
    pub received: Option<Received<'a>>,
    /// People copied on that mail, who follow the ticket.
    pub followers: &'a [Follower],
    /// Uploads sent with the description ("Email us" files), and whose they are.
    pub attachments: Option<(Uploader, &'a [i64])>,
}

/// What a customer's mail adds to a ticket.
#[derive(Debug, Clone)]
pub struct CustomerReply<'a> {
    pub body: &'a str,
    pub message_id: Option<&'a str>,
    /// The mail as received, and who sent it when not the requester.
    pub received: Option<Received<'a>>,
    /// People copied on it.
    pub followers: Vec<Follower>,
}

impl Desk {
    /// The desk's writes, each one ticket transaction on its store.
    pub(super) fn writes(&self) -> Writes<'_> {
        Writes { store: &self.store }
    }

    /// The workspace's business hours and process settings.
    pub async fn support(&self, workspace_id: i64) -> Result<(BusinessHours, SupportSettingsRecord), TicketError> {
        let settings = self.store.support_settings(workspace_id).await?.ok_or(TicketError::NoWorkspace)?;
        let hours = BusinessHours::from_settings(&settings.hours).context("stored business hours are invalid")?;
        Ok((hours, settings))
    }

    /// The language a workspace's mail falls back to: its messenger's default.
    pub async fn default_locale(&self, workspace_id: i64) -> Result<i18n::Locale, TicketError> {
        Ok(self.store.appearance(workspace_id).await?.default_locale)
    }

    /// How mail about `ticket` speaks: the requester's language and time zone where the
    /// ticket knows them, else the workspace's (see `words.rs`).
    pub async fn words_for(&self, ticket: &TicketRecord) -> Result<Words, TicketError> {
        let (hours, _) = self.support(ticket.workspace_id).await?;
        Ok(Words::for_ticket(ticket, self.default_locale(ticket.workspace_id).await?, &hours))
    }

    /// Opens a ticket with its first customer words, and acknowledges it by email when
    /// asked to and the requester's address is known.
    pub async fn open(&self, request: Request<'_>) -> Result<TicketRecord, TicketError> {
        let now = self.clock.now();
        let (hours, _) = self.support(request.workspace_id).await?;
        let default_locale = self.default_locale(request.workspace_id).await?;
        let workspace = self.store.workspace(request.workspace_id).await?.ok_or(TicketError::NoWorkspace)?;
        let first_due = sla::first_response_due(&hours, request.priority, now);
        let new = Opening {
            workspace_id: request.workspace_id,
            subject: request.subject,
            requester_email: request.requester_email,
            requester_name: request.requester_name,
            requester_user_id: request.requester_user_id,
            requester_company_id: request.requester_company_id,
            ticket_type: request.ticket_type,
            priority: request.priority,
            team: Team::FirstLine,
            tags: request.tags,
            source: request.source,
            conversation_id: request.conversation_id,
            visitor_id: request.visitor_id,
            context: request.context,
            details: request.details,
            first_response_due_at: first_due,
            next_response_due_at: first_due,
            created_by: request.created_by,
            description: request.description.map(|body| Description {
                body,
                message_id: request.message_id,
                received: request.received,
                attachments: request.attachments,
            }),
            notice: request.notice,
            followers: request.followers,
        };
        let plan = if request.acknowledge && !request.requester_email.is_empty() {
            // A mail's `From` is not authenticated: its ticket gets the neutral text.
            let forgeable = request.source == TicketSource::Email;
            Some(self.acknowledgement_plan(request.workspace_id, request.requester_email, forgeable).await?)
        } else {
            None
        };
        // A neutral acknowledgement counts against the address's daily share, in the
        // creating transaction: a duplicate delivery that rolls back costs nothing.
        let quota = (plan == Some(Acknowledge::Neutral))
            .then_some(MailQuota { address: request.requester_email, limit: self.unverified_mail_per_day });
        let description = request.description;
        let answering = request.message_id;
        let ticket = self
            .writes()
            .create(new, now, quota, |ticket, within_quota| {
                let plan = match plan {
                    None => return Ok(None),
                    Some(Acknowledge::Neutral) if !within_quota => {
                        tracing::info!(
                            ticket = ticket.id,
                            "acknowledgement withheld: unverified address over its daily mail"
                        );
                        Acknowledge::Withhold
                    }
                    Some(plan) => plan,
                };
                let words = Words::for_ticket(ticket, default_locale, &hours);
                let facts = AckFacts { description, expected: ticket.first_response_due_at, answering };
                let mail = self.acknowledgement_mail(plan, ticket, &words, &workspace.name, facts, now);
                // An address mail cannot be built for must not cost the customer their
                // ticket: it is kept, unacknowledged, for an agent to see.
                match mail {
                    Ok(mail) => Ok(Some(mail)),
                    Err(error) => {
                        tracing::warn!(ticket = ticket.id, error = %error, "ticket not acknowledged");
                        Ok(None)
                    }
                }
            })
            .await?;
        self.outbox.poke();
        Ok(ticket)
    }

    /// Sets the requester's address of a ticket that lacked one (a chat hand-off) and
    /// sends the acknowledgement it could not send before.
    pub async fn set_requester_email(&self, ticket: &TicketRecord, email: &str) -> Result<Recorded, TicketError> {
        let now = self.clock.now();
        let words = self.words_for(ticket).await?;
        let workspace = self.store.workspace(ticket.workspace_id).await?.ok_or(TicketError::NoWorkspace)?;
        let plan = self.acknowledgement_for(ticket.workspace_id, email, false).await?;
        let recorded = self
            .writes()
            .set_requester_email(ticket.id, Actor::Customer, email, now, |ticket| {
                let facts = AckFacts { expected: ticket.next_response_due_at, ..AckFacts::default() };
                Ok(Some(self.acknowledgement_mail(plan, ticket, &words, &workspace.name, facts, now)?))
            })
            .await?;
        self.outbox.poke();
        Ok(recorded)
    }

    /// An agent's public reply, emailed to the requester; with `then_pending` it asks for
    /// more information and sets the ticket pending.
    pub async fn reply(
        &self,
        ticket: &TicketRecord,
        agent_id: i64,
        agent_name: &str,
        body: &str,
        then_pending: bool,
        uploads: Vec<FileRecord>,
    ) -> Result<Added, TicketError> {
        if ticket.requester_email.is_empty() {
            // A reply nobody can receive would count as answered and be lost.
            return Err(TicketError::NoAddress);
        }
        let now = self.clock.now();
        let thread = self.thread(ticket.id).await?;
        let address = self.address_of(ticket).await?;
        let words = self.words_for(ticket).await?;
        let mut letter = letters::reply(&self.mailer, ticket, &words, address, agent_name, body, thread, now);
        letter.cc = self
            .store
            .ticket_followers(ticket.id)
            .await?
            .into_iter()
            .map(|follower| Mailbox::new(follower.name.as_deref().unwrap_or(""), &follower.email))
            .collect();
        let upload_ids: Vec<i64> = uploads.iter().map(|upload| upload.id).collect();
        let mut attachments = Vec::with_capacity(uploads.len());
        for upload in uploads {
            let data = self.store.file_bytes(&upload).await?;
            attachments.push(OutgoingFile { name: upload.name, content_type: upload.content_type, data });
        }
        letter.attachments = attachments;
        let mail = queue(&letter, ticket)?;
        let copies = prepare_copies(&letter, &mail);
        let message_id = Some(mail.message_id.clone());
        let event = NewEvent::PublicReply { agent_id, body, message_id: message_id.as_deref() };
        let options = AddOptions {
            mail: Some(mail),
            copies,
            uploads: Some((Uploader::Agent(agent_id), upload_ids)),
            then_status: then_pending.then_some(TicketStatus::Pending),
            ..AddOptions::default()
        };
        let added = self.writes().add_entry(ticket.id, event, options, now).await?;
        self.outbox.poke();
        let ticket = self.refresh_due(&added.ticket).await?;
        Ok(Added { ticket, ..added })
    }

    /// An internal note: recorded, never mailed.
    pub async fn note(&self, ticket: &TicketRecord, agent_id: i64, body: &str) -> Result<Added, TicketError> {
        let note = NewEvent::InternalNote { agent_id, body };
        self.writes().add_entry(ticket.id, note, AddOptions::default(), self.clock.now()).await
    }

    /// The requester, or someone writing to the ticket's reply address, wrote (by
    /// email); people copied on the mail become followers. Reopens a pending or resolved ticket, and owes
    /// them a response.
    pub async fn customer_reply(&self, ticket: &TicketRecord, reply: CustomerReply<'_>) -> Result<Added, TicketError> {
        let CustomerReply { body, message_id, received, followers } = reply;
        let event = NewEvent::CustomerReply { body, message_id, received };
        let options = AddOptions { followers, ..AddOptions::default() };
        let added = self.writes().add_entry(ticket.id, event, options, self.clock.now()).await?;
        let ticket = self.refresh_due(&added.ticket).await?;
        Ok(Added { ticket, ..added })
    }

    /// Changes a field. Resolving sends the satisfaction request.
    pub async fn change(&self, ticket: &TicketRecord, actor: Actor, change: Change) -> Result<Changed, TicketError> {
        let now = self.clock.now();
        let resolving = change == Change::Status(TicketStatus::Resolved) && !ticket.requester_email.is_empty();
        let thread = if resolving { self.thread(ticket.id).await? } else { Thread::default() };
        let address = if resolving { self.address_of(ticket).await? } else { Address::Unverified };
        let words = self.words_for(ticket).await?;
        let changed = self
            .writes()
            .change(ticket.id, actor, change, now, |current| {
                if !resolving {
                    return Ok(None);
                }
                let mail = letters::satisfaction_request(&self.mailer, current, &words, address, thread, now);
                Ok(Some(queue(&mail, current)?))
            })
            .await?;
        if resolving {
            self.outbox.poke();
        }
        let ticket = self.refresh_due(&changed.ticket).await?;
        Ok(Changed { ticket, ..changed })
    }

    /// Replaces a ticket's engineering details (a JSON object of texts), recording the
    /// change; the same details again record nothing.
    pub async fn set_details(
        &self,
        ticket: &TicketRecord,
        actor: Actor,
        details: &serde_json::Value,
    ) -> Result<Recorded, TicketError> {
        self.writes().set_details(ticket.id, actor, details, self.clock.now()).await
    }

    /// Records the requester's rating, 1 to 5, with their comment; rating again replaces
    /// both.
    pub async fn rate(
        &self,
        ticket: &TicketRecord,
        rating: u8,
        comment: Option<&str>,
    ) -> Result<Recorded, TicketError> {
        self.writes().rate(ticket.id, i64::from(rating), comment, self.clock.now()).await
    }

    /// Deletes a ticket with its thread and history. Its number is not handed out again.
    pub async fn delete(&self, ticket: &TicketRecord) -> Result<bool, TicketError> {
        self.writes().delete(ticket.id).await
    }

    /// Brings a ticket's due times in line with its state and its workspace's hours.
    pub async fn refresh_due(&self, ticket: &TicketRecord) -> Result<TicketRecord, TicketError> {
        let (hours, _) = self.support(ticket.workspace_id).await?;
        self.writes()
            .refresh_due_times(ticket.id, |ticket| {
                let DueTimes { first_response, next_response } = sla::due_times(ticket, &hours);
                (first_response, next_response)
            })
            .await
    }

    /// The ticket's mail so far, for threading a new letter.
    pub async fn thread(&self, ticket_id: i64) -> anyhow::Result<Thread> {
        Ok(Thread { message_ids: self.store.ticket_message_ids(ticket_id).await? })
    }

    /// Whether a workspace is open now and when a medium ticket sent now would be
    /// answered.
    pub async fn availability(&self, workspace_id: i64) -> Result<(bool, Option<i64>), TicketError> {
        let (hours, _) = self.support(workspace_id).await?;
        let now = self.clock.now();
        let open = jiff::Timestamp::from_millisecond(now).map(|at| hours.is_open(at)).unwrap_or(false);
        Ok((open, sla::first_response_due(&hours, TicketPriority::Medium, now)))
    }
}

/// A composed letter as an outbox row for `ticket`.
pub(super) fn queue(mail: &crate::mail::OutgoingMail, ticket: &TicketRecord) -> Result<NewOutgoing, TicketError> {
    let prepared = prepare(mail, ticket.workspace_id, Some(ticket.id), None)
        .with_context(|| format!("compose mail for ticket {}", ticket.id))?;
    Ok(prepared)
}
