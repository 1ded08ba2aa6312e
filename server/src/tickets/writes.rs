//! The desk's writes: creating a ticket, changing a field, adding an entry to the
//! thread. Each is one [`TicketTx`] that applies the rules (`rules.rs`) to the locked
//! ticket, saves it, writes its events in sequence and queues its mail.

use protocol::tickets::{Team, TicketEventKind, TicketPriority, TicketSource, TicketStatus, TicketType};

use super::followers::add_followers;
use super::rules::{after_entry, can_become, normalize_tags, set_status};
use super::{DeskKey, TicketError};
use crate::store::{
    Actor, EventWrite, Follower, NewOutgoing, NewTicket, Received, RequesterMail, Store, TicketEventRecord,
    TicketRecord, TicketTx, Uploader,
};

/// The desk's writes on its store, each one ticket transaction.
#[derive(Debug, Clone, Copy)]
pub(super) struct Writes<'a> {
    pub store: &'a Store,
}

/// What creating a ticket needs. It starts `new` with its `created` event.
#[derive(Debug, Clone)]
pub struct Opening<'a> {
    pub workspace_id: i64,
    pub subject: &'a str,
    pub requester_email: &'a str,
    pub requester_name: Option<&'a str>,
    pub requester_user_id: Option<&'a str>,
    pub requester_company_id: Option<&'a str>,
    pub ticket_type: TicketType,
    pub priority: TicketPriority,
    pub team: Team,
    pub tags: &'a [String],
    pub source: TicketSource,
    pub conversation_id: Option<i64>,
    pub visitor_id: Option<i64>,
    pub context: &'a serde_json::Value,
    /// Engineering details, a JSON object of texts.
    pub details: &'a serde_json::Value,
    pub first_response_due_at: Option<i64>,
    pub next_response_due_at: Option<i64>,
    /// Who created it, for the `created` event.
    pub created_by: Actor,
    /// What the requester wrote, stored as the ticket's first customer reply in the
    /// creating transaction; with the Message-ID of the mail it came in as.
    pub description: Option<Description<'a>>,
    /// A note for agents from the system, stored after the description in the same
    /// transaction (why mail naming another ticket opened this one).
    pub notice: Option<&'a str>,
    /// People copied on the mail that opened it, who follow it from the start.
    pub followers: &'a [Follower],
}

/// A new ticket's acknowledgement to an unproven address: one of the address's
/// `limit` mails a day, counted in the creating transaction.
#[derive(Debug, Clone, Copy)]
pub struct MailQuota<'a> {
    pub address: &'a str,
    pub limit: u32,
}

/// The requester's first words on a new ticket.
#[derive(Debug, Clone, Copy)]
pub struct Description<'a> {
    pub body: &'a str,
    pub message_id: Option<&'a str>,
    /// The mail it came in as, kept beside it.
    pub received: Option<Received<'a>>,
    /// Uploads sent with it, and whose they are.
    pub attachments: Option<(Uploader, &'a [i64])>,
}

/// A change to one of a ticket's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Status(TicketStatus),
    Priority(TicketPriority),
    Type(TicketType),
    /// None unassigns.
    Assignee(Option<i64>),
    /// Escalation to engineering and back.
    Team(Team),
    /// The whole new set; normalised with [`normalize_tags`].
    Tags(Vec<String>),
}

/// An entry to add to a ticket's thread. Each kind has the only author it can have.
#[derive(Debug, Clone, Copy)]
pub enum NewEvent<'a> {
    PublicReply {
        agent_id: i64,
        body: &'a str,
        message_id: Option<&'a str>,
    },
    InternalNote {
        agent_id: i64,
        body: &'a str,
    },
    /// On a pending or resolved ticket this reopens it; a closed ticket refuses it.
    CustomerReply {
        body: &'a str,
        message_id: Option<&'a str>,
        /// The mail it came in as, kept beside it; None for other ways in.
        received: Option<Received<'a>>,
    },
}

/// A ticket after a change, with the event that recorded it.
#[derive(Debug, Clone)]
pub struct Changed {
    pub ticket: TicketRecord,
    /// None when the change left the ticket as it was.
    pub event: Option<TicketEventRecord>,
}

/// A ticket after an entry was added, with the events written, in order: the entry, then
/// the reopening it caused if any.
#[derive(Debug, Clone)]
pub struct Added {
    pub ticket: TicketRecord,
    pub events: Vec<TicketEventRecord>,
}

/// What else adding an entry does, in the same transaction.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    /// Mail to queue for the entry (a public reply's email).
    pub mail: Option<NewOutgoing>,
    /// Copies of that mail for its other recipients (the ticket's followers).
    pub copies: Vec<NewOutgoing>,
    /// Uploads the entry sends, and who uploaded them, attached to it as ticket files.
    pub uploads: Option<(Uploader, Vec<i64>)>,
    /// The status to move the ticket to after the entry, when the rules allow it.
    pub then_status: Option<TicketStatus>,
    /// People copied on the entry's mail, who follow the ticket from now on; those who
    /// already do, and the requester, are left out, and the rest recorded in a
    /// `followers_added` event.
    pub followers: Vec<Follower>,
}

impl Writes<'_> {
    /// Creates a ticket and queues the mail `compose` makes of it (an acknowledgement) in
    /// the same transaction, which takes the workspace's next number. The `created` event
    /// keeps the mail's Message-ID, so replies to it thread to the ticket. A withheld mail
    /// is recorded as a `mail_withheld` event after the first ones.
    pub(super) async fn create(
        self,
        ticket: Opening<'_>,
        now: i64,
        quota: Option<MailQuota<'_>>,
        compose: impl FnOnce(&TicketRecord, bool) -> anyhow::Result<Option<RequesterMail>>,
    ) -> Result<TicketRecord, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let number = tx.take_number(ticket.workspace_id).await?;
        if let Actor::Agent(agent_id) = ticket.created_by {
            tx.check_agent(agent_id, ticket.workspace_id).await?;
        }
        let tags = normalize_tags(ticket.tags);
        let columns = NewTicket {
            workspace_id: ticket.workspace_id,
            subject: ticket.subject,
            requester_email: ticket.requester_email,
            requester_name: ticket.requester_name,
            requester_user_id: ticket.requester_user_id,
            requester_company_id: ticket.requester_company_id,
            ticket_type: ticket.ticket_type,
            priority: ticket.priority,
            status: TicketStatus::New,
            team: ticket.team,
            assignee_id: None,
            tags: &tags,
            source: ticket.source,
            conversation_id: ticket.conversation_id,
            visitor_id: ticket.visitor_id,
            context: ticket.context,
            details: ticket.details,
            first_response_due_at: ticket.first_response_due_at,
            next_response_due_at: ticket.next_response_due_at,
            // A new ticket owes its first response from the moment it exists.
            awaiting_since: Some(now),
        };
        let last_seq = 1 + i64::from(ticket.description.is_some()) + i64::from(ticket.notice.is_some());
        let mut record = tx.insert_ticket(number, &columns, last_seq, now).await?;
        // Counted here, so a transaction that rolls back (a duplicate of the same mail)
        // gives the count back.
        let within_quota = match quota {
            Some(MailQuota { address, limit }) => tx.take_unverified_mail(address, now, limit).await?,
            None => true,
        };
        let (mail, withheld) = match compose(&record, within_quota)? {
            Some(RequesterMail::Send(mail)) => (Some(mail), None),
            Some(RequesterMail::Withhold(reason)) => (None, Some(reason)),
            None => (None, None),
        };
        let created = EventWrite {
            new_value: Some(ticket.source.as_str()),
            message_id: mail.as_ref().map(|mail| mail.message_id.as_str()),
            ..EventWrite::new(TicketEventKind::Created)
        };
        tx.insert_event(record.id, 1, ticket.created_by, &created, now).await?;
        if let Some(description) = ticket.description {
            let write = EventWrite {
                body: Some(description.body),
                message_id: description.message_id,
                received: description.received,
                ..EventWrite::new(TicketEventKind::CustomerReply)
            };
            tx.insert_event(record.id, 2, Actor::Customer, &write, now).await?;
            if let Some((uploader, ids)) = description.attachments {
                tx.attach_uploads(record.id, 2, uploader, ids).await?;
            }
        }
        if let Some(notice) = ticket.notice {
            let write = EventWrite { body: Some(notice), ..EventWrite::new(TicketEventKind::InternalNote) };
            let seq = 2 + i64::from(ticket.description.is_some());
            tx.insert_event(record.id, seq, Actor::System, &write, now).await?;
        }
        if let Some(mail) = mail {
            tx.enqueue_mail(&NewOutgoing { ticket_id: Some(record.id), event_seq: Some(1), ..mail }, now).await?;
        }
        let following = add_followers(&mut tx, &record, ticket.followers, now).await?;
        if !following.added.is_empty() {
            record = tx.save(&record, 1, now).await?;
            let (body, addresses) = following.describe();
            let write = EventWrite {
                body: Some(&body),
                new_value: Some(&addresses),
                ..EventWrite::new(TicketEventKind::FollowersAdded)
            };
            tx.insert_event(record.id, record.last_seq, Actor::System, &write, now).await?;
        }
        if let Some(reason) = withheld {
            record = tx.save(&record, 1, now).await?;
            let write = EventWrite { body: Some(&reason), ..EventWrite::new(TicketEventKind::MailWithheld) };
            tx.insert_event(record.id, record.last_seq, Actor::System, &write, now).await?;
        }
        tx.commit().await?;
        Ok(record)
    }

    /// Changes one field, records the change in the ticket's history and queues the mail
    /// `compose` makes (a satisfaction request, a closing notice) in one transaction, with
    /// its Message-ID on the change's event. `compose` sees the ticket as it was before the
    /// change and may refuse it (for example with [`TicketError::Stale`]), which rolls
    /// everything back. A change to the value the ticket already has records nothing, and
    /// `compose` is not called for it.
    pub(super) async fn change(
        self,
        ticket_id: i64,
        actor: Actor,
        change: Change,
        now: i64,
        compose: impl FnOnce(&TicketRecord) -> Result<Option<NewOutgoing>, TicketError>,
    ) -> Result<Changed, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let current = tx.lock(ticket_id).await?;
        let mut next = current.clone();
        let new_assignee = match change {
            Change::Assignee(assignee_id) => assignee_id,
            _ => None,
        };
        let text = |value: &str| Some(value.to_owned());
        let (kind, old_value, new_value) = match change {
            Change::Status(status) => {
                if status != current.status && !can_become(current.status, status) {
                    return Err(TicketError::Transition { from: current.status, to: status });
                }
                set_status(&mut next, status, now);
                (TicketEventKind::StatusChanged, text(current.status.as_str()), text(status.as_str()))
            }
            Change::Priority(priority) => {
                next.priority = priority;
                (TicketEventKind::PriorityChanged, text(current.priority.as_str()), text(priority.as_str()))
            }
            Change::Type(ticket_type) => {
                next.ticket_type = ticket_type;
                (TicketEventKind::TypeChanged, text(current.ticket_type.as_str()), text(ticket_type.as_str()))
            }
            Change::Assignee(assignee_id) => {
                next.assignee_id = assignee_id;
                (
                    TicketEventKind::AssigneeChanged,
                    current.assignee_id.map(|id| id.to_string()),
                    assignee_id.map(|id| id.to_string()),
                )
            }
            Change::Team(team) => {
                next.team = team;
                (TicketEventKind::TeamChanged, text(current.team.as_str()), text(team.as_str()))
            }
            Change::Tags(tags) => {
                next.tags = normalize_tags(&tags);
                (TicketEventKind::TagsChanged, Some(current.tags.join("\n")), Some(next.tags.join("\n")))
            }
        };
        if old_value == new_value {
            // Nothing to write; dropping the transaction rolls it back.
            return Ok(Changed { ticket: current, event: None });
        }
        if let Actor::Agent(agent_id) = actor {
            tx.check_agent(agent_id, current.workspace_id).await?;
        }
        if let Some(agent_id) = new_assignee {
            tx.check_agent(agent_id, current.workspace_id).await?;
        }
        let mail = compose(&current)?;
        let ticket = tx.save(&next, 1, now).await?;
        let write = EventWrite {
            old_value: old_value.as_deref(),
            new_value: new_value.as_deref(),
            message_id: mail.as_ref().map(|mail| mail.message_id.as_str()),
            ..EventWrite::new(kind)
        };
        let event = tx.insert_event(ticket_id, ticket.last_seq, actor, &write, now).await?;
        if let Some(mail) = mail {
            let mail = NewOutgoing { ticket_id: Some(ticket_id), event_seq: Some(ticket.last_seq), ..mail };
            tx.enqueue_mail(&mail, now).await?;
        }
        tx.commit().await?;
        Ok(Changed { ticket, event: Some(event) })
    }

    /// Adds a reply or note to the thread with the next sequence number, applying what the
    /// entry does to the ticket ([`after_entry`]) and recording any reopening and status
    /// move in the history; in the same transaction it queues `options.mail` (the entry's
    /// Message-ID must be the mail's), attaches the uploads and adds the followers. Due
    /// times are the caller's to refresh.
    pub(super) async fn add_entry(
        self,
        ticket_id: i64,
        event: NewEvent<'_>,
        options: AddOptions,
        now: i64,
    ) -> Result<Added, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let current = tx.lock(ticket_id).await?;
        let (actor, write) = match event {
            NewEvent::PublicReply { agent_id, body, message_id } => (
                Actor::Agent(agent_id),
                EventWrite { body: Some(body), message_id, ..EventWrite::new(TicketEventKind::PublicReply) },
            ),
            NewEvent::InternalNote { agent_id, body } => (
                Actor::Agent(agent_id),
                EventWrite { body: Some(body), ..EventWrite::new(TicketEventKind::InternalNote) },
            ),
            NewEvent::CustomerReply { body, message_id, received } => (
                Actor::Customer,
                EventWrite {
                    body: Some(body),
                    message_id,
                    received,
                    ..EventWrite::new(TicketEventKind::CustomerReply)
                },
            ),
        };
        let effect = after_entry(&current, write.kind, options.then_status, now)?;
        if let Actor::Agent(agent_id) = actor {
            tx.check_agent(agent_id, current.workspace_id).await?;
        }
        let following = add_followers(&mut tx, &current, &options.followers, now).await?;
        let count = 1
            + i64::from(effect.reopens)
            + i64::from(effect.status_after.is_some())
            + i64::from(!following.added.is_empty());
        let ticket = tx.save(&effect.next, count, now).await?;
        let first_seq = current.last_seq + 1;
        let mut events = vec![tx.insert_event(ticket_id, first_seq, actor, &write, now).await?];
        let mut status_before = current.status;
        if effect.reopens {
            let reopening = EventWrite {
                old_value: Some(current.status.as_str()),
                new_value: Some(TicketStatus::Open.as_str()),
                ..EventWrite::new(TicketEventKind::StatusChanged)
            };
            events.push(tx.insert_event(ticket_id, first_seq + 1, Actor::Customer, &reopening, now).await?);
            status_before = TicketStatus::Open;
        }
        if let Some(status) = effect.status_after {
            let moved = EventWrite {
                old_value: Some(status_before.as_str()),
                new_value: Some(status.as_str()),
                ..EventWrite::new(TicketEventKind::StatusChanged)
            };
            let seq = next_seq(first_seq, &events);
            events.push(tx.insert_event(ticket_id, seq, actor, &moved, now).await?);
        }
        if !following.added.is_empty() {
            let (body, addresses) = following.describe();
            let write = EventWrite {
                body: Some(&body),
                new_value: Some(&addresses),
                ..EventWrite::new(TicketEventKind::FollowersAdded)
            };
            let seq = next_seq(first_seq, &events);
            events.push(tx.insert_event(ticket_id, seq, Actor::System, &write, now).await?);
        }
        if let Some((uploader, ids)) = &options.uploads {
            tx.attach_uploads(ticket_id, first_seq, *uploader, ids).await?;
        }
        for mail in options.mail.into_iter().chain(options.copies) {
            let mail = NewOutgoing { ticket_id: Some(ticket_id), event_seq: Some(first_seq), ..mail };
            tx.enqueue_mail(&mail, now).await?;
        }
        tx.commit().await?;
        Ok(Added { ticket, events })
    }
}

/// The sequence number after the events already written from `first_seq`.
fn next_seq(first_seq: i64, written: &[TicketEventRecord]) -> i64 {
    first_seq + i64::try_from(written.len()).unwrap_or(i64::MAX)
}

/// Writes one system or customer event on a locked ticket, handing out its number.
pub(super) async fn append(
    tx: &mut TicketTx,
    ticket: &TicketRecord,
    actor: Actor,
    write: &EventWrite<'_>,
    now: i64,
) -> Result<(TicketRecord, TicketEventRecord), TicketError> {
    let saved = tx.save(ticket, 1, now).await?;
    let event = tx.insert_event(saved.id, saved.last_seq, actor, write, now).await?;
    Ok((saved, event))
}
