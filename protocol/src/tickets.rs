//! Email tickets: the queue and ticket view agents use, the forms visitors and host
//! backends create tickets with, business-hours settings and satisfaction ratings.

use serde::{Deserialize, Serialize};

use crate::Millis;
use crate::api::Message;

closed_set! {
    /// What kind of request a ticket is.
    pub enum TicketType {
        Question = "question",
        Configuration = "configuration",
        Bug = "bug",
        FeatureRequest = "feature_request",
    }
}

closed_set! {
    /// How urgent a ticket is; sets its response targets. Ordered from least to most
    /// urgent, so `Critical` is the greatest.
    #[derive(PartialOrd, Ord)]
    pub enum TicketPriority {
        Low = "low",
        Medium = "medium",
        High = "high",
        Critical = "critical",
    }
}

closed_set! {
    /// Where a ticket is in its life: new → open → pending (on the customer) → resolved →
    /// closed. A customer's reply reopens a pending or resolved ticket; closed is final.
    pub enum TicketStatus {
        New = "new",
        Open = "open",
        Pending = "pending",
        Resolved = "resolved",
        Closed = "closed",
    }
}

closed_set! {
    /// The team that holds a ticket.
    pub enum Team {
        /// First-line support.
        FirstLine = "first_line",
        /// Escalated to engineering (second line).
        Engineering = "engineering",
    }
}

closed_set! {
    /// How a ticket came in.
    pub enum TicketSource {
        /// Handed off from a live chat.
        Chat = "chat",
        /// The messenger's "Email us" form.
        WidgetForm = "widget_form",
        Email = "email",
        /// Created by a host application's backend with an API key.
        Api = "api",
    }
}

/// Who asked. `email` is empty only for a chat hand-off whose visitor has not given an
/// address yet (`needs_email` on the ticket).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requester {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The host application's id for this user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The host application's id for this user's company or account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
}

/// A row of the console's ticket queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSummary {
    pub id: i64,
    /// Shown as `#1001`; the ticket's address in every URL.
    pub number: i64,
    pub subject: String,
    pub requester: Requester,
    pub ticket_type: TicketType,
    pub priority: TicketPriority,
    pub status: TicketStatus,
    pub team: Team,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub tags: Vec<String>,
    pub source: TicketSource,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// When the first response is (or was) due.
    pub first_response_due_at: Option<Millis>,
    /// When the response owed now is due; None when the team owes nothing (pending,
    /// resolved, closed, or just answered).
    pub next_response_due_at: Option<Millis>,
    /// The owed response is overdue.
    pub breached: bool,
    /// The requester's rating, 1 to 5, once given.
    pub satisfaction: Option<u8>,
    /// Opened by mail that named another ticket of its sender's, from a sender the
    /// receiving mail server did not vouch for (no passing DMARC or aligned SPF), so
    /// it was not added to that ticket. Its thread has a note saying which.
    #[serde(default)]
    pub unverified_sender: bool,
}

/// What engineers need to work on a ticket. Every field is free text; the console lists
/// the ones still missing before escalating.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketDetails {
    /// Who the customer is and whether others are affected.
    pub affected: Option<String>,
    /// What the user was trying to do, or wants to achieve.
    pub expected: Option<String>,
    /// What happened instead.
    pub actual: Option<String>,
    /// What the user tried and did just before.
    pub steps: Option<String>,
    /// Error messages shown.
    pub error_message: Option<String>,
    /// Browser, operating system, page, app version.
    pub environment: Option<String>,
    /// Since when it happens.
    pub since: Option<String>,
    /// Whether and where it was reported before.
    pub reported_before: Option<String>,
    /// Any deadline the customer has.
    pub deadline: Option<String>,
}

/// A detail engineers need, by the name of its `TicketDetails` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetailKey {
    Affected,
    Expected,
    Actual,
    Steps,
    ErrorMessage,
    Environment,
    Since,
    ReportedBefore,
    Deadline,
}

/// The page and browser a ticket was sent from, and what the host application said
/// about its user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketContext {
    pub page_url: Option<String>,
    pub user_agent: Option<String>,
    /// Host-supplied attributes (plan, account id, app version, …), in order.
    pub attributes: Vec<(String, String)>,
}

closed_set! {
    /// What an event of a ticket records.
    pub enum TicketEventKind {
        /// `new_value` is the source.
        Created = "created",
        /// An agent's reply, sent to the requester by email.
        PublicReply = "public_reply",
        /// Seen by agents only.
        InternalNote = "internal_note",
        /// The requester wrote (by email, or in the messenger).
        CustomerReply = "customer_reply",
        StatusChanged = "status_changed",
        PriorityChanged = "priority_changed",
        TypeChanged = "type_changed",
        /// `old_value`/`new_value` are agent names (or absent for unassigned).
        AssigneeChanged = "assignee_changed",
        /// Escalation to engineering (`new_value` = `engineering`) and back.
        TeamChanged = "team_changed",
        TagsChanged = "tags_changed",
        /// An outgoing mail bounced or could not be delivered; `body` says why.
        DeliveryFailed = "delivery_failed",
        /// A reminder went to the requester of a pending ticket.
        ReminderSent = "reminder_sent",
        /// The requester rated the ticket: `new_value` is 1–5, `body` the comment.
        SatisfactionRated = "satisfaction_rated",
        /// An automatic reply (out of office, …) arrived; recorded, never answered.
        AutoReply = "auto_reply",
        /// The engineering details were edited.
        DetailsChanged = "details_changed",
        /// The requester's address was set (a chat hand-off that lacked one).
        RequesterChanged = "requester_changed",
        /// No acknowledgement went out; `body` says why (the address is unverified and had
        /// its share of mail for the day).
        MailWithheld = "mail_withheld",
        /// The requester proved their address is theirs; `new_value` says how (`reply`,
        /// `link`).
        AddressVerified = "address_verified",
        /// An outgoing mail could not be delivered yet and will be tried again: `body` names
        /// the recipient and says why, `old_value` is the attempt that failed.
        DeliveryDeferred = "delivery_deferred",
        /// People copied on a mail now follow the ticket and receive its public replies;
        /// `new_value` lists their addresses, one per line.
        FollowersAdded = "followers_added",
    }
}

closed_set! {
    /// Who wrote an event.
    pub enum EventAuthor {
        Agent = "agent",
        Customer = "customer",
        System = "system",
    }
}

/// One entry of a ticket's thread and history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketEvent {
    pub seq: i64,
    pub kind: TicketEventKind,
    pub author: EventAuthor,
    /// The agent's name, or the requester's name or address; for a customer entry
    /// someone else sent (a follower, a colleague), theirs.
    pub author_name: Option<String>,
    /// The address a customer entry came from when that is not the requester's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_email: Option<String>,
    pub body: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub created_at: Millis,
    /// The entry came in as mail, kept as received: agents can fetch it from
    /// `GET /api/v1/tickets/{number}/events/{seq}/original`.
    #[serde(default)]
    pub has_original: bool,
    /// The files that mail carried; download the original to open them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<MailAttachment>,
}

/// A file a customer's mail carried (an attachment or an inline image). It is in the
/// mail's original; an accepted one is also kept on its own (`file_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailAttachment {
    /// The file name the sender gave, or `attachment-N` without one.
    pub name: String,
    /// The type sniffed from the bytes when kept, else the declared type, lowercase.
    pub content_type: String,
    /// Decoded size in bytes.
    pub size: u64,
    /// The kept file, at `GET /api/v1/files/{id}`: its type is then the one sniffed
    /// from the bytes. None when it was refused, or beyond the files kept per mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<i64>,
    /// Why the file was not kept (a type that is not accepted, too large, …); it is
    /// still in the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// Someone copied on a ticket's mail, who receives its public replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Follower {
    pub email: String,
    pub name: Option<String>,
}

/// `GET /api/v1/tickets/{number}` response: the ticket with everything attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketDetail {
    pub ticket: TicketSummary,
    pub context: TicketContext,
    pub details: TicketDetails,
    /// What engineers need that the ticket does not say yet; empty when complete.
    pub missing_details: Vec<DetailKey>,
    /// Thread and history, in order.
    pub events: Vec<TicketEvent>,
    /// The chat the ticket was handed off from, in full.
    pub transcript: Vec<Message>,
    /// The chat's conversation id, when handed off from one.
    pub conversation_id: Option<i64>,
    pub satisfaction: Option<Satisfaction>,
    /// The requester still has to give an address before mail can go out.
    pub needs_email: bool,
    /// The requester's address is proven theirs (they replied to Helpline mail, followed
    /// a confirmation link, or a verified identity or the host's backend vouched for it).
    /// Until it is, mail to it carries nothing the requester typed.
    #[serde(default)]
    pub address_verified: bool,
    /// The host user id the ticket's visitor was verified as, if any. A `requester.user_id`
    /// without it is only a claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_user_id: Option<String>,
    /// People copied on the ticket's mail, who receive its public replies.
    #[serde(default)]
    pub followers: Vec<Follower>,
}

/// A rating given by a requester or a chat visitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Satisfaction {
    /// 1 (bad) to 5 (great).
    pub rating: u8,
    pub comment: Option<String>,
    pub rated_at: Millis,
}

/// `PATCH /api/v1/tickets/{number}` body: the fields to change; absent ones stay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketChanges {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<TicketStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<TicketPriority>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_type: Option<TicketType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<Team>,
    /// `Some(None)` (JSON `null`) unassigns; absent leaves the assignee.
    #[serde(deserialize_with = "some_option", skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<Option<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// `POST /api/v1/tickets/{number}/replies`, `…/notes` and `…/request-info` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketText {
    pub body: String,
    /// Files to send with a reply, by the ids `POST /api/v1/uploads` gave (at most 5);
    /// a note takes none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<i64>,
}

/// `POST /api/v1/uploads` and `POST /api/v1/widget/uploads` answer: a file kept until a
/// message, reply or request sends it.
pub type Upload = crate::files::FileRef;

/// `POST /api/v1/conversations/{id}/ticket` body: an agent hands a chat off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalateChat {
    pub subject: String,
    pub ticket_type: TicketType,
    pub priority: TicketPriority,
    /// The visitor's address, when the agent knows it; otherwise the messenger asks.
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

/// Query of `GET /api/v1/tickets`: every field narrows the queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketQuery {
    /// Comma-separated statuses, e.g. `new,open`.
    pub status: Option<String>,
    pub priority: Option<TicketPriority>,
    pub ticket_type: Option<TicketType>,
    /// `me`, `unassigned`, or an agent id.
    pub assignee: Option<String>,
    /// Only tickets whose owed response is overdue.
    pub breached: Option<bool>,
    /// A number (`1001` or `#1001`), or part of the subject or requester's address.
    pub q: Option<String>,
}

/// `POST /api/v1/widget/tickets` body: the messenger's "Email us" form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WidgetTicketInput {
    pub email: String,
    pub name: Option<String>,
    pub subject: String,
    pub description: String,
    pub ticket_type: Option<TicketType>,
    /// For a bug: expected (what they were trying to do), actual, error_message and
    /// since; for configuration: expected (what they want to achieve).
    pub details: TicketDetails,
    /// The host page, filled in by the messenger and shown before sending.
    pub page_url: Option<String>,
    /// Files to send with the request, by the ids `POST /api/v1/widget/uploads` gave
    /// (at most `files::MAX_FILES_PER_MESSAGE`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<i64>,
    /// The host page's viewport as the loader saw it ("1280×720").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub viewport: Option<String>,
    /// The host page's recent uncaught errors, sent only when the visitor agreed (at
    /// most [`MAX_PAGE_ERRORS`], each at most [`MAX_PAGE_ERROR_CHARS`] characters).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub page_errors: Vec<String>,
    /// The language the messenger speaks (`de`), for the mail about the ticket; one
    /// Helpline does not ship, or none, means the workspace's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The visitor's IANA time zone (`Europe/Berlin`, at most 64 characters), for the
    /// times in that mail; one the server does not know, or none, means the workspace's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

/// The most page errors a request carries: the loader keeps the last 20.
pub const MAX_PAGE_ERRORS: usize = 20;

/// The longest page error kept, in characters.
pub const MAX_PAGE_ERROR_CHARS: usize = 2_000;

/// A visitor's own ticket, as the messenger lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetTicket {
    pub number: i64,
    pub subject: String,
    pub status: TicketStatus,
    /// Where answers go; empty while `needs_email`.
    pub email: String,
    pub needs_email: bool,
    /// When the team's next answer is due, if it owes one.
    pub response_due_at: Option<Millis>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// `POST /api/v1/widget/tickets/{number}/email` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequesterEmail {
    pub email: String,
}

/// `POST /api/v1/widget/conversation/rating` body, and the rating page's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingInput {
    /// 1 to 5.
    pub rating: u8,
    #[serde(default)]
    pub comment: Option<String>,
}

/// `GET /api/v1/widget/support`: whether to offer live chat or email first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportStatus {
    pub agents_online: u32,
    /// Inside the workspace's business hours now.
    pub open_now: bool,
    /// When the team's first answer to a ticket sent now would be due, per priority
    /// `medium`.
    pub reply_expected_by: Option<Millis>,
    /// The visitor's current chat was ended by an agent and awaits a rating.
    pub rating_requested: bool,
}

/// `POST /api/v1/backend/tickets` body: a host application's backend creates a ticket
/// for one of its users (`Authorization: Bearer <api key>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackendTicketInput {
    pub subject: String,
    pub description: String,
    pub requester: Requester,
    #[serde(default)]
    pub ticket_type: Option<TicketType>,
    #[serde(default)]
    pub priority: Option<TicketPriority>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub details: TicketDetails,
    #[serde(default)]
    pub context: TicketContext,
}

/// `GET` and `PUT /api/v1/workspace/support`: business hours and the pending-ticket
/// process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportSettings {
    /// IANA name, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// Monday first, seven entries: `""` closed, `"09:00-17:00"`, or
    /// `"09:00-12:00, 13:00-17:00"`.
    pub weekly: Vec<String>,
    /// `YYYY-MM-DD` dates closed all day.
    pub holidays: Vec<String>,
    /// Days a pending ticket waits for the customer before one reminder.
    pub reminder_days: u32,
    /// Days a pending ticket waits before it is closed.
    pub close_days: u32,
    /// "Email us" tickets the workspace accepts per day (rolling 24 hours); `null` keeps
    /// the server's default. Beyond it the messenger's form answers `rate_limited`.
    #[serde(default)]
    pub tickets_per_day: Option<u32>,
    /// The server's default for `tickets_per_day` (0: no cap), for display; ignored in
    /// a `PUT`.
    #[serde(default)]
    pub default_tickets_per_day: u32,
    /// Where a live chat left unanswered too long is mailed when no agent is online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_address: Option<String>,
}

/// `POST /api/v1/workspace/api-keys` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiKey {
    pub name: String,
}

/// An API key for host backends. `key` is present only in the response that creates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKey {
    pub id: i64,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub created_at: Millis,
}

/// An agent of the workspace, for the assignee picker (`GET /api/v1/agents`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentRef {
    pub id: i64,
    pub name: String,
}

/// A rating in the console's list (`GET /api/v1/ratings`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingRow {
    pub rating: u8,
    pub comment: Option<String>,
    pub rated_at: Millis,
    /// The rated ticket, or None for a chat rating.
    pub ticket_number: Option<i64>,
    pub conversation_id: Option<i64>,
}

/// `POST /api/v1/mail/inbound` response: what became of a raw message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboundResult {
    pub outcome: InboundOutcome,
    pub ticket_number: Option<i64>,
    /// The live chat a `chat_answer` went into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<i64>,
}

/// What became of an inbound message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InboundOutcome {
    /// Added to an existing ticket's thread.
    Threaded,
    /// Opened a new ticket (acknowledged unless it was automatic).
    Created,
    /// This Message-ID was already taken in; nothing changed.
    Duplicate,
    /// A delivery-status notification, recorded on the ticket whose mail bounced.
    BounceRecorded,
    /// An automatic reply recorded on its ticket, never answered.
    AutoReplyRecorded,
    /// Automatic mail or a bounce that matches no ticket: kept in the log only.
    Ignored,
    /// A visitor's answer to replies mailed from a live chat, added to that chat.
    ChatAnswer,
}

/// Deserialises a present field, `null` included, as `Some(..)`; with `#[serde(default)]`
/// an absent field stays `None`.
fn some_option<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_tell_an_absent_assignee_from_a_null_one() {
        let absent: TicketChanges = serde_json::from_str(r#"{"priority":"high"}"#).expect("json");
        let null: TicketChanges = serde_json::from_str(r#"{"assignee_id":null}"#).expect("json");
        let set: TicketChanges = serde_json::from_str(r#"{"assignee_id":7}"#).expect("json");

        assert_eq!(absent.assignee_id, None);
        assert_eq!(absent.priority, Some(TicketPriority::High));
        assert_eq!(null.assignee_id, Some(None));
        assert_eq!(set.assignee_id, Some(Some(7)));
        let only_status = TicketChanges { status: Some(TicketStatus::Open), ..TicketChanges::default() };
        assert_eq!(serde_json::to_string(&only_status).expect("json"), r#"{"status":"open"}"#);
    }

    #[test]
    fn enums_use_snake_case_on_the_wire() {
        assert_eq!(serde_json::to_string(&TicketType::FeatureRequest).expect("json"), r#""feature_request""#);
        assert_eq!(serde_json::to_string(&Team::FirstLine).expect("json"), r#""first_line""#);
        assert_eq!(serde_json::to_string(&DetailKey::ErrorMessage).expect("json"), r#""error_message""#);
    }

    /// Each closed set's values serialise to their one name, are read back from it, and
    /// an unknown name is refused alike by serde and `FromStr`.
    fn spelled_once<T>(all: &[T], names: &[&str], as_str: fn(&T) -> &'static str)
    where
        T: Serialize + serde::de::DeserializeOwned + std::str::FromStr + PartialEq + std::fmt::Debug,
    {
        assert_eq!(all.len(), names.len());
        for (value, name) in all.iter().zip(names) {
            assert_eq!(as_str(value), *name);
            assert_eq!(serde_json::to_value(value).expect("json"), serde_json::Value::String((*name).to_owned()));
            assert_eq!(
                serde_json::from_value::<T>(serde_json::Value::String((*name).to_owned())).ok().as_ref(),
                Some(value)
            );
            assert_eq!(name.parse::<T>().ok().as_ref(), Some(value));
        }
        assert!(serde_json::from_str::<T>(r#""no_such_value""#).is_err());
        assert!("no_such_value".parse::<T>().is_err());
    }

    #[test]
    fn ticket_enums_have_one_spelling_for_wire_and_database() {
        spelled_once(TicketType::ALL, TicketType::NAMES, |v| v.as_str());
        spelled_once(TicketPriority::ALL, TicketPriority::NAMES, |v| v.as_str());
        spelled_once(TicketStatus::ALL, TicketStatus::NAMES, |v| v.as_str());
        spelled_once(Team::ALL, Team::NAMES, |v| v.as_str());
        spelled_once(TicketSource::ALL, TicketSource::NAMES, |v| v.as_str());
        spelled_once(TicketEventKind::ALL, TicketEventKind::NAMES, |v| v.as_str());
        spelled_once(EventAuthor::ALL, EventAuthor::NAMES, |v| v.as_str());
        assert_eq!(TicketEventKind::FollowersAdded.as_str(), "followers_added");
        assert!(TicketPriority::Critical > TicketPriority::Low);
        let error = "urgent".parse::<TicketPriority>().expect_err("unknown");
        assert_eq!(error.to_string(), r#"unknown TicketPriority "urgent""#);
    }
}
