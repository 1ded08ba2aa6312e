//! The desk: what happens to tickets, whoever asks for it (an agent in the console, the
//! messenger, a host backend, inbound mail, the timers). Each operation writes the
//! ticket, its history event and any mail in one transaction, then brings the due times
//! up to date and wakes the mail outbox.

use std::sync::Arc;

use anyhow::Context;

use super::addresses::{AckFacts, Acknowledge};
use super::letters::{self, Address, Mailer, Thread};
use super::sla::{self, DueTimes};
use super::{BusinessHours, Priority};
use crate::clock::Clock;
use crate::mail::outbox::{prepare, prepare_copies};
use crate::mail::{Mailbox, OutboxHandle, OutgoingFile};
use crate::store::{
    Actor, AddOptions, Added, Change, Changed, Description, FileRecord, Follower, MailQuota, NewEvent, NewOutgoing,
    NewTicket, Received, Recorded, Source, Status, Store, SupportSettingsRecord, Team, TicketError, TicketRecord,
    TicketType, Uploader,
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
    pub priority: Priority,
    pub tags: &'a [String],
    pub source: Source,
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
    /// The workspace's business hours and process settings.
    pub async fn support(&self, workspace_id: i64) -> Result<(BusinessHours, SupportSettingsRecord), TicketError> {
        let settings = self.store.support_settings(workspace_id).await?.ok_or(TicketError::NoWorkspace)?;
        let hours = BusinessHours::from_settings(&settings.hours).context("stored business hours are invalid")?;
        Ok((hours, settings))
    }

    /// Opens a ticket with its first customer words, and acknowledges it by email when
    /// asked to and the requester's address is known.
    pub async fn open(&self, request: Request<'_>) -> Result<TicketRecord, TicketError> {
        let now = self.clock.now();
        let (hours, _) = self.support(request.workspace_id).await?;
        let workspace = self.store.workspace(request.workspace_id).await?.ok_or(TicketError::NoWorkspace)?;
        let first_due = sla::first_response_due(&hours, request.priority, now);
        let new = NewTicket {
            workspace_id: request.workspace_id,
            subject: request.subject,
            requester_email: request.requester_email,
            requester_name: request.requester_name,
            requester_user_id: request.requester_user_id,
            requester_company_id: request.requester_company_id,
            ticket_type: request.ticket_type,
            priority: request.priority,
            team: Team::FirstLine,
            assignee_id: None,
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
            let forgeable = request.source == Source::Email;
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
            .store
            .create_ticket_with_mail(new, now, quota, |ticket, within_quota| {
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
                let expected = ticket.first_response_due_at.map(|due| sla::describe(&hours, due));
                let facts = AckFacts { description, expected: expected.as_deref(), answering };
                let mail = self.acknowledgement_mail(plan, ticket, &workspace.name, facts, now);
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
        let (hours, _) = self.support(ticket.workspace_id).await?;
        let workspace = self.store.workspace(ticket.workspace_id).await?.ok_or(TicketError::NoWorkspace)?;
        let plan = self.acknowledgement_for(ticket.workspace_id, email, false).await?;
        let recorded = self
            .store
            .set_requester_email(ticket.id, Actor::Customer, email, now, |ticket| {
                let expected = ticket.next_response_due_at.map(|due| sla::describe(&hours, due));
                let facts = AckFacts { expected: expected.as_deref(), ..AckFacts::default() };
                Ok(Some(self.acknowledgement_mail(plan, ticket, &workspace.name, facts, now)?))
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
        let mut letter = letters::reply(&self.mailer, ticket, address, agent_name, body, thread, now);
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
            then_status: then_pending.then_some(Status::Pending),
            ..AddOptions::default()
        };
        let added = self.store.add_ticket_event_with(ticket.id, event, options, now).await?;
        self.outbox.poke();
        let ticket = self.refresh_due(&added.ticket).await?;
        Ok(Added { ticket, ..added })
    }

    /// An internal note: recorded, never mailed.
    pub async fn note(&self, ticket: &TicketRecord, agent_id: i64, body: &str) -> Result<Added, TicketError> {
        self.store.add_ticket_event(ticket.id, NewEvent::InternalNote { agent_id, body }, self.clock.now()).await
    }

    /// The requester, or someone writing to the ticket's reply address, wrote (by
    /// email); people copied on the mail become followers. Reopens a pending or resolved ticket, and owes
    /// them a response.
    pub async fn customer_reply(&self, ticket: &TicketRecord, reply: CustomerReply<'_>) -> Result<Added, TicketError> {
        let CustomerReply { body, message_id, received, followers } = reply;
        let event = NewEvent::CustomerReply { body, message_id, received };
        let options = AddOptions { followers, ..AddOptions::default() };
        let added = self.store.add_ticket_event_with(ticket.id, event, options, self.clock.now()).await?;
        let ticket = self.refresh_due(&added.ticket).await?;
        Ok(Added { ticket, ..added })
    }

    /// Changes a field. Resolving sends the satisfaction request.
    pub async fn change(&self, ticket: &TicketRecord, actor: Actor, change: Change) -> Result<Changed, TicketError> {
        let now = self.clock.now();
        let resolving = change == Change::Status(Status::Resolved) && !ticket.requester_email.is_empty();
        let thread = if resolving { self.thread(ticket.id).await? } else { Thread::default() };
        let address = if resolving { self.address_of(ticket).await? } else { Address::Unverified };
        let changed = self
            .store
            .change_ticket_with_mail(ticket.id, actor, change, now, |current| {
                if !resolving {
                    return Ok(None);
                }
                let mail = letters::satisfaction_request(&self.mailer, current, address, thread, now);
                Ok(Some(queue(&mail, current)?))
            })
            .await?;
        if resolving {
            self.outbox.poke();
        }
        let ticket = self.refresh_due(&changed.ticket).await?;
        Ok(Changed { ticket, ..changed })
    }

    /// Brings a ticket's due times in line with its state and its workspace's hours.
    pub async fn refresh_due(&self, ticket: &TicketRecord) -> Result<TicketRecord, TicketError> {
        let (hours, _) = self.support(ticket.workspace_id).await?;
        self.store
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
        Ok((open, sla::first_response_due(&hours, Priority::Medium, now)))
    }
}

/// A composed letter as an outbox row for `ticket`.
pub(super) fn queue(mail: &crate::mail::OutgoingMail, ticket: &TicketRecord) -> Result<NewOutgoing, TicketError> {
    let prepared = prepare(mail, ticket.workspace_id, Some(ticket.id), None)
        .with_context(|| format!("compose mail for ticket {}", ticket.id))?;
    Ok(prepared)
}
