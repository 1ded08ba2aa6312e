//! Which conversations the inbox shows: the agent's choice of view, status and search,
//! as the query the server filters by and as the rule live updates are held to.

use protocol::api::ConversationSummary;
use protocol::inbox::{ConversationStatus, InboxView};
use protocol::tickets::Team;

/// Rows fetched per page.
pub const PAGE: usize = 50;

/// The inbox's filter. The default is what an agent starts the day with: their own open
/// chats and the queue are one click away; all open chats show first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxFilter {
    pub view: InboxView,
    /// With `InboxView::Team`.
    pub team: Team,
    pub status: ConversationStatus,
    pub search: String,
}

impl Default for InboxFilter {
    fn default() -> Self {
        Self { view: InboxView::All, team: Team::FirstLine, status: ConversationStatus::Open, search: String::new() }
    }
}

impl InboxFilter {
    /// The query string of `GET /api/v1/conversations` for the page after `before`
    /// (the last row shown), or the first page.
    pub fn query(&self, before: Option<&ConversationSummary>) -> String {
        let mut query = format!("view={}&status={}&limit={PAGE}", self.view.as_str(), self.status.as_str());
        if self.view == InboxView::Team {
            query.push_str("&team=");
            query.push_str(self.team.as_str());
        }
        let search = self.search.trim();
        if !search.is_empty() {
            query.push_str("&q=");
            query.push_str(&client::rest::encode_component(search));
        }
        if let Some(last) = before {
            query.push_str(&format!("&before={}:{}", last.updated_at, last.id));
        }
        query
    }

    /// Whether a row changed live belongs in the list as filtered. A search is the
    /// server's to answer, so while one is on only rows already listed are updated.
    pub fn admits(&self, summary: &ConversationSummary, me: i64, listed: bool) -> bool {
        let view = match self.view {
            InboxView::Mine => summary.assignee_id == Some(me),
            InboxView::Unassigned => summary.assignee_id.is_none(),
            InboxView::All => true,
            InboxView::Team => summary.team == self.team,
        };
        view && summary.status == self.status && (self.search.trim().is_empty() || listed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(assignee_id: Option<i64>, status: ConversationStatus) -> ConversationSummary {
        ConversationSummary {
            id: 4,
            visitor_id: 1,
            visitor_name: "Visitor 1".into(),
            last_seq: 1,
            preview: String::new(),
            last_author: None,
            created_at: 0,
            updated_at: 17,
            status,
            snoozed_until: None,
            assignee_id,
            team: Team::FirstLine,
            visitor_email: None,
            awaiting_since: None,
            agent_read_seq: 0,
        }
    }

    #[test]
    fn the_query_names_view_status_team_search_and_cursor() {
        let filter = InboxFilter {
            view: InboxView::Team,
            team: Team::Engineering,
            status: ConversationStatus::Snoozed,
            search: " 50% off ".into(),
        };
        let last = summary(None, ConversationStatus::Open);
        assert_eq!(
            filter.query(Some(&last)),
            "view=team&status=snoozed&limit=50&team=engineering&q=50%25%20off&before=17:4"
        );
    }

    #[test]
    fn live_rows_are_held_to_the_filter() {
        let mine = InboxFilter { view: InboxView::Mine, ..InboxFilter::default() };
        assert!(mine.admits(&summary(Some(3), ConversationStatus::Open), 3, false));
        assert!(!mine.admits(&summary(Some(2), ConversationStatus::Open), 3, true));
        assert!(!mine.admits(&summary(Some(3), ConversationStatus::Resolved), 3, true));
        let searching = InboxFilter { search: "refund".into(), ..InboxFilter::default() };
        assert!(!searching.admits(&summary(None, ConversationStatus::Open), 3, false), "new rows wait for the server");
        assert!(searching.admits(&summary(None, ConversationStatus::Open), 3, true));
    }
}
