//! The messenger's tickets: "Email us", the visitor's own tickets, the address for a
//! handed-off chat, whether the team is around, and rating an ended chat.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use protocol::limits::{MAX_LOCALE_CHARS, MAX_TIME_ZONE_CHARS};
use protocol::tickets::{
    RatingInput, RequesterEmail, SupportStatus, TicketPriority, TicketSource, TicketType, WidgetTicket,
    WidgetTicketInput,
};

use super::convert;
use super::validate::{Form, MAX_DETAIL_CHARS, MAX_SUBJECT_CHARS, MAX_TEXT_CHARS};
use crate::error::ApiError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::http::help::visitor;
use crate::limits::ClientIp;
use crate::limits::stored::check_workspace_tickets;
use crate::state::AppState;
use crate::store::{Actor, Uploader};
use crate::tickets::{Request, words};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/widget/support", get(support_status))
        .route("/api/v1/widget/tickets", get(list_my_tickets).post(create_ticket))
        .route("/api/v1/widget/tickets/{number}/email", post(give_email))
        .route("/api/v1/widget/conversation/rating", post(rate_chat))
        .route("/api/v1/widget/email", axum::routing::put(give_reply_address))
}

/// An ended chat may be rated for this long.
const RATING_WINDOW_MS: i64 = 7 * 24 * 60 * 60 * 1000;
/// Tickets the messenger lists at most.
const MY_TICKETS_LIMIT: i64 = 50;
/// Longest comment kept with a rating.
const MAX_COMMENT_CHARS: usize = 2_000;

async fn support_status(State(state): State<AppState>, headers: HeaderMap) -> Result<ApiJson<SupportStatus>, ApiError> {
    let current = visitor(&state, &headers).await?;
    let (open_now, reply_expected_by) = state.desk.availability(current.workspace.id).await?;
    let since = state.clock.now() - RATING_WINDOW_MS;
    let rating_requested = state.store.unrated_ended_conversation(current.visitor.id, since).await?.is_some();
    Ok(ApiJson(SupportStatus {
        agents_online: state.hub.agents_online(current.workspace.id),
        open_now,
        reply_expected_by,
        rating_requested,
    }))
}

async fn list_my_tickets(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<ApiJson<Vec<WidgetTicket>>, ApiError> {
    let current = visitor(&state, &headers).await?;
    let tickets = state.store.tickets_of_visitor(current.visitor.id, MY_TICKETS_LIMIT).await?;
    Ok(ApiJson(tickets.iter().map(convert::widget_ticket).collect()))
}

async fn create_ticket(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<WidgetTicketInput>,
) -> Result<(StatusCode, ApiJson<WidgetTicket>), ApiError> {
    let current = visitor(&state, &headers).await?;
    let ticket_type = body.ticket_type.unwrap_or(TicketType::Question);
    let mut form = Form::default();
    let email = form.email("email", &body.email);
    let name = form.label("name", body.name.as_deref());
    let subject = form.required("subject", &body.subject, MAX_SUBJECT_CHARS, "missing-subject-short");
    let description = form.required("description", &body.description, MAX_TEXT_CHARS, "missing-need");
    let details = &body.details;
    match ticket_type {
        TicketType::Bug => {
            form.required(
                "details.expected",
                details.expected.as_deref().unwrap_or_default(),
                MAX_DETAIL_CHARS,
                "missing-tried",
            );
            form.required(
                "details.actual",
                details.actual.as_deref().unwrap_or_default(),
                MAX_DETAIL_CHARS,
                "missing-happened",
            );
        }
        TicketType::Configuration => {
            form.required(
                "details.expected",
                details.expected.as_deref().unwrap_or_default(),
                MAX_DETAIL_CHARS,
                "missing-goal",
            );
        }
        TicketType::Question | TicketType::FeatureRequest => {}
    }
    form.details(details);
    let page_url = form.page_url("page_url", body.page_url.as_deref());
    let viewport = form.optional("viewport", body.viewport.as_deref(), MAX_VIEWPORT_CHARS);
    form.page_errors("page_errors", &body.page_errors);
    let locale = form.optional("locale", body.locale.as_deref(), MAX_LOCALE_CHARS).and_then(i18n::Locale::from_tag);
    let time_zone = form
        .optional("time_zone", body.time_zone.as_deref(), MAX_TIME_ZONE_CHARS)
        .filter(|name| words::time_zone(name).is_some());
    form.finish()?;
    let uploader = Uploader::Visitor(current.visitor.id);
    check_attachments(&state, uploader, &body.attachments).await?;
    // Limits after validation, so a form sent back for a missing field costs nothing.
    state.limits.tickets_per_visitor.check(&current.visitor.id)?;
    state.limits.tickets_per_ip.check(&client)?;
    let default_cap = state.config.limits.tickets_per_workspace_per_day;
    check_workspace_tickets(&state.store, current.workspace.id, default_cap, state.clock.now()).await?;

    let user_agent = crate::http::widget::user_agent(&headers);
    let identity = crate::wire::identity_from_db(&current.visitor.identity);
    let mut details = body.details.clone();
    if details.environment.is_none() {
        let seen = Seen { user_agent: user_agent.as_deref(), page_url, viewport, attributes: &identity.attributes };
        details.environment = environment(&seen);
    }
    if !body.page_errors.is_empty() {
        details.error_message = Some(with_page_errors(details.error_message.as_deref(), &body.page_errors));
    }
    let context = serde_json::json!({
        "page_url": page_url,
        "user_agent": user_agent,
        "attributes": identity.attributes,
        "locale": locale.map(i18n::Locale::tag),
        "time_zone": time_zone,
    });
    let details = convert::details_in(&details);
    let ticket = state
        .desk
        .open(Request {
            workspace_id: current.workspace.id,
            subject,
            description: Some(description),
            message_id: None,
            requester_email: email,
            requester_name: name.or(identity.name.as_deref()),
            requester_user_id: identity.user_id.as_deref(),
            requester_company_id: identity.company_id.as_deref(),
            ticket_type,
            priority: TicketPriority::Medium,
            tags: &[],
            source: TicketSource::WidgetForm,
            conversation_id: None,
            visitor_id: Some(current.visitor.id),
            context: &context,
            details: &details,
            created_by: Actor::Customer,
            acknowledge: true,
            notice: None,
            received: None,
            followers: &[],
            attachments: (!body.attachments.is_empty()).then_some((uploader, body.attachments.as_slice())),
        })
        .await?;
    // Replies in a chat the visitor leaves may reach them there too.
    state.store.set_given_email(current.visitor.id, email).await?;
    Ok((StatusCode::CREATED, ApiJson(convert::widget_ticket(&ticket))))
}

/// Refuses more files than one request carries, and any that is not an unattached
/// upload of `uploader`'s.
pub async fn check_attachments(state: &AppState, uploader: Uploader, ids: &[i64]) -> Result<(), ApiError> {
    let most = state.config.limits.files_per_message;
    if ids.len() > most {
        return Err(ApiError::FieldRefused {
            field: "attachments",
            message: crate::language::say_with("files-too-many", &[("max", most.into())]),
        });
    }
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let found = state.store.pending_uploads(uploader, &unique).await?;
    if found.len() != ids.len() {
        return Err(ApiError::FieldRefused { field: "attachments", message: crate::language::say("file-gone") });
    }
    Ok(())
}

/// The longest viewport description kept ("1280×720").
const MAX_VIEWPORT_CHARS: usize = 40;

/// The attributes from `identify` that name the host app's version.
const VERSION_ATTRIBUTES: [&str; 3] = ["app_version", "version", "release"];

/// What the messenger saw of the visitor's environment.
#[derive(Debug, Clone, Copy)]
pub struct Seen<'a> {
    pub user_agent: Option<&'a str>,
    pub page_url: Option<&'a str>,
    pub viewport: Option<&'a str>,
    /// The host's attributes from `identify`, where an app version may be.
    pub attributes: &'a [(String, String)],
}

/// The environment engineers read: browser and operating system, page, viewport and
/// the host app's version, as far as the messenger saw them.
pub fn environment(seen: &Seen<'_>) -> Option<String> {
    let version = seen
        .attributes
        .iter()
        .find(|(name, _)| VERSION_ATTRIBUTES.contains(&name.to_ascii_lowercase().as_str()))
        .map(|(_, value)| value.as_str());
    let lines: Vec<String> =
        [("Browser", seen.user_agent), ("Page", seen.page_url), ("Viewport", seen.viewport), ("App version", version)]
            .into_iter()
            .filter_map(|(label, value)| value.map(|value| format!("{label}: {value}")))
            .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The error message detail with the page's captured errors after what the visitor
/// typed, cut to the detail's length.
fn with_page_errors(typed: Option<&str>, errors: &[String]) -> String {
    let mut text = typed.map(|typed| format!("{typed}\n\n")).unwrap_or_default();
    text.push_str("Errors the page showed (captured by Helpline, sent with the visitor's consent):");
    for error in errors {
        text.push_str("\n- ");
        text.push_str(error.trim());
    }
    text.chars().take(MAX_DETAIL_CHARS).collect()
}

async fn give_email(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(number): ApiPath<i64>,
    ApiJson(body): ApiJson<RequesterEmail>,
) -> Result<ApiJson<WidgetTicket>, ApiError> {
    let current = visitor(&state, &headers).await?;
    let mut form = Form::default();
    let email = form.email("email", &body.email);
    form.finish()?;
    let ticket =
        state.store.ticket_by_number(current.workspace.id, number).await?.ok_or(ApiError::NotFound("ticket"))?;
    // The visitor's own ticket, or one of the same verified user's from another browser.
    let Some(owner) = ticket.visitor_id else {
        return Err(ApiError::NotFound("ticket"));
    };
    if !state.store.same_verified_user(current.visitor.id, owner).await? {
        return Err(ApiError::NotFound("ticket"));
    }
    if !ticket.requester_email.is_empty() {
        let number = number.to_string();
        return Err(ApiError::Conflict(crate::language::say_with(
            "ticket-has-address",
            &[("number", (&number).into())],
        )));
    }
    let recorded = state.desk.set_requester_email(&ticket, email).await?;
    state.store.set_given_email(current.visitor.id, email).await?;
    Ok(ApiJson(convert::widget_ticket(&recorded.ticket)))
}

/// `PUT /api/v1/widget/email`: where agents' replies go when the visitor has left the
/// chat. A verified address, when the visitor has one, still comes first.
async fn give_reply_address(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<RequesterEmail>,
) -> Result<StatusCode, ApiError> {
    let current = visitor(&state, &headers).await?;
    let mut form = Form::default();
    let email = form.email("email", &body.email);
    form.finish()?;
    state.store.set_given_email(current.visitor.id, email).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn rate_chat(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<RatingInput>,
) -> Result<StatusCode, ApiError> {
    let current = visitor(&state, &headers).await?;
    let comment = check_rating(&body)?;
    let since = state.clock.now() - RATING_WINDOW_MS;
    let conversation_id = state
        .store
        .last_ended_conversation(current.visitor.id, since)
        .await?
        .ok_or(ApiError::NotFound("ended chat"))?;
    state
        .store
        .rate_conversation(conversation_id, current.workspace.id, i64::from(body.rating), comment, state.clock.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The rating's comment, trimmed, after checking the rating is 1 to 5.
pub fn check_rating(input: &RatingInput) -> Result<Option<&str>, ApiError> {
    let mut form = Form::default();
    if !(1..=5).contains(&input.rating) {
        form.refuse("rating", "rating-range");
    }
    let comment = form.optional("comment", input.comment.as_deref(), MAX_COMMENT_CHARS);
    form.finish()?;
    Ok(comment)
}
