//! Conversions from stored records to the `protocol` types that cross the wire. Store
//! records never derive `Serialize`; this is the one place they become wire types.

use protocol::api::{ConversationSummary, Message, VisitorContext};
use protocol::files::FileRef;

use crate::store::{ConversationRecord, FileMeta, StoredMessage, VisitorRecord};

/// How visitors are named until they tell us their name.
pub fn visitor_name(visitor_id: i64) -> String {
    format!("Visitor {visitor_id}")
}

pub fn message(message: StoredMessage) -> Message {
    Message {
        id: message.id,
        conversation_id: message.conversation_id,
        seq: message.seq,
        author: message.author_kind.0,
        author_name: message.author_name,
        body: message.body,
        client_id: message.client_id,
        created_at: message.created_at,
        files: message.files.into_iter().map(file).collect(),
        internal: message.internal.0,
        change: message.change.as_deref().and_then(|change| serde_json::from_str(change).ok()),
    }
}

pub fn file(file: FileMeta) -> FileRef {
    FileRef { id: file.id, name: file.name, content_type: file.content_type, size: file.size }
}

pub fn summary(record: &ConversationRecord) -> ConversationSummary {
    ConversationSummary {
        id: record.id,
        visitor_id: record.visitor_id,
        visitor_name: record.visitor_name.clone().unwrap_or_else(|| visitor_name(record.visitor_id)),
        last_seq: record.last_seq,
        preview: record.preview.clone(),
        last_author: record.last_author,
        created_at: record.created_at,
        updated_at: record.updated_at,
        status: record.status,
        snoozed_until: record.snoozed_until,
        assignee_id: record.assignee_id,
        team: record.team,
        visitor_email: record.visitor_email.clone(),
        awaiting_since: record.awaiting_since,
        agent_read_seq: record.agent_read_seq,
    }
}

pub fn visitor(record: VisitorRecord) -> VisitorContext {
    let identity = identity_from_db(&record.identity);
    let verified = verified_identity(&record);
    VisitorContext {
        id: record.id,
        name: identity.name.clone().unwrap_or_else(|| visitor_name(record.id)),
        identity,
        verified,
        page_url: record.page_url,
        user_agent: record.user_agent,
        first_seen: record.first_seen,
        last_seen: record.last_seen,
    }
}

pub fn agent(record: &crate::store::AgentRecord) -> protocol::api::Agent {
    protocol::api::Agent { id: record.id, name: record.name.clone(), email: record.email.clone(), role: record.role }
}

pub fn workspace(
    record: crate::store::WorkspaceRecord,
    appearance: &crate::store::Appearance,
) -> protocol::api::Workspace {
    protocol::api::Workspace {
        id: record.id,
        name: record.name,
        app_id: record.app_id,
        allowed_origins: record.allowed_origins,
        launcher_look: protocol::brand::launcher_look(appearance.brand, appearance.position),
    }
}

pub fn appearance(appearance: crate::store::Appearance) -> protocol::api::Appearance {
    protocol::api::Appearance {
        default_locale: appearance.default_locale.tag().to_owned(),
        theme: appearance.theme,
        brand_color: appearance.brand.hex(),
        launcher_position: appearance.position,
        texts: appearance
            .texts
            .into_iter()
            .map(|texts| protocol::api::LocaleTexts {
                locale: texts.locale.tag().to_owned(),
                launcher_label: texts.launcher_label,
                greeting: texts.greeting,
                away_message: texts.away_message,
            })
            .collect(),
        logo: None,
    }
}

pub fn category(record: crate::store::CategoryRecord) -> protocol::help::Category {
    protocol::help::Category {
        id: record.id,
        name: record.name,
        description: record.description,
        position: record.position,
    }
}

pub fn article_summary(record: &crate::store::ArticleRecord) -> protocol::help::ArticleSummary {
    protocol::help::ArticleSummary {
        id: record.id,
        slug: record.slug.clone(),
        title: record.title.clone(),
        category_id: record.category_id,
        status: record.status,
        updated_at: record.updated_at,
    }
}

/// The article with its stored, sanitised HTML. Visitors get the HTML only.
pub fn article(record: crate::store::ArticleRecord, html: String, with_markdown: bool) -> protocol::help::Article {
    protocol::help::Article {
        id: record.id,
        slug: record.slug,
        title: record.title,
        category_id: record.category_id,
        tags: record.tags,
        locale: record.locale,
        status: record.status,
        body: if with_markdown { record.body } else { String::new() },
        html,
        created_at: record.created_at,
        updated_at: record.updated_at,
    }
}

pub fn article_stats(record: crate::store::ArticleStatsRecord) -> protocol::help::ArticleStats {
    protocol::help::ArticleStats {
        id: record.id,
        slug: record.slug,
        title: record.title,
        status: record.status,
        views: record.views,
        visitors: record.visitors,
        helpful: record.helpful,
        not_helpful: record.not_helpful,
    }
}

pub fn missed_search(record: crate::store::MissedSearchRecord) -> protocol::help::MissedSearch {
    protocol::help::MissedSearch {
        query: record.query,
        visitors: record.visitors,
        last_searched_at: record.last_searched_at,
    }
}

pub fn saved_reply(record: crate::store::SavedReplyRecord) -> protocol::replies::SavedReply {
    protocol::replies::SavedReply {
        id: record.id,
        shortcut: record.shortcut,
        title: record.title,
        body: record.body,
        created_by: record.created_by,
        created_at: record.created_at,
        updated_at: record.updated_at,
    }
}

/// What the visitor's identity proved, if anything.
pub fn verified_identity(record: &VisitorRecord) -> Option<protocol::api::VerifiedIdentity> {
    let method = record.verified_by.as_deref()?.parse().ok()?;
    Some(protocol::api::VerifiedIdentity {
        user_id: record.verified_user_id.clone(),
        email: record.verified_email.clone(),
        name: record.verified_name.clone(),
        method,
        verified_at: record.verified_at.unwrap_or_default(),
    })
}

/// A stored identity; `{}` (or anything unreadable) is an empty one.
pub fn identity_from_db(identity: &str) -> protocol::api::VisitorIdentity {
    serde_json::from_str(identity).unwrap_or_default()
}
