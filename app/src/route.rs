//! The console's addresses: every page and every conversation, ticket and article has a
//! path under `/console`, parsed into a [`Route`] and formatted back. Pure, so native
//! tests cover it; `navigation.rs` ties it to the browser's history.

/// Where the console's paths start.
pub const BASE: &str = "/console";

/// One place in the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `/console` and `/console/inbox`, or `/console/inbox/{id}` with a conversation open.
    Inbox(Option<i64>),
    Tickets(TicketsView),
    Help(HelpView),
    /// `/console/reports`.
    Reports,
    /// `/console/audit`: the workspace's audit log, for admins.
    Audit,
    /// `/console/settings`.
    Settings,
    /// A path the console does not know, or an id that is not a positive number.
    NotFound,
}

/// What the tickets page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketsView {
    /// `/console/tickets`.
    Queue,
    /// `/console/tickets/{number}`.
    Ticket(i64),
    /// `/console/tickets/ratings`.
    Ratings,
}

/// What the help-center page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpView {
    /// `/console/help` and `/console/help/articles`.
    Articles,
    /// `/console/help/articles/{id}`: the editor on a stored article.
    Article(i64),
    /// `/console/help/articles/new`: the editor on an article not saved yet.
    NewArticle,
    /// `/console/help/insights`.
    Insights,
}

impl Route {
    /// Reads a URL path (without query or fragment). One trailing slash is allowed.
    pub fn parse(path: &str) -> Route {
        let Some(rest) = path.strip_prefix(BASE) else {
            return Route::NotFound;
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.is_empty() {
            return Route::Inbox(None);
        }
        let Some(rest) = rest.strip_prefix('/') else {
            // `/consoleX` is not ours.
            return Route::NotFound;
        };
        let segments: Vec<&str> = rest.split('/').collect();
        match segments.as_slice() {
            ["inbox"] => Route::Inbox(None),
            ["inbox", id] => id_of(id).map_or(Route::NotFound, |id| Route::Inbox(Some(id))),
            ["tickets"] => Route::Tickets(TicketsView::Queue),
            ["tickets", "ratings"] => Route::Tickets(TicketsView::Ratings),
            ["tickets", number] => id_of(number).map_or(Route::NotFound, |n| Route::Tickets(TicketsView::Ticket(n))),
            ["help"] | ["help", "articles"] => Route::Help(HelpView::Articles),
            ["help", "insights"] => Route::Help(HelpView::Insights),
            ["help", "articles", "new"] => Route::Help(HelpView::NewArticle),
            ["help", "articles", id] => id_of(id).map_or(Route::NotFound, |id| Route::Help(HelpView::Article(id))),
            ["reports"] => Route::Reports,
            ["audit"] => Route::Audit,
            ["settings"] => Route::Settings,
            _ => Route::NotFound,
        }
    }

    /// The canonical path of this place; `None` for [`Route::NotFound`], which keeps
    /// whatever path led there.
    pub fn path(self) -> Option<String> {
        let path = match self {
            Route::Inbox(None) => format!("{BASE}/inbox"),
            Route::Inbox(Some(id)) => format!("{BASE}/inbox/{id}"),
            Route::Tickets(TicketsView::Queue) => format!("{BASE}/tickets"),
            Route::Tickets(TicketsView::Ticket(number)) => format!("{BASE}/tickets/{number}"),
            Route::Tickets(TicketsView::Ratings) => format!("{BASE}/tickets/ratings"),
            Route::Help(HelpView::Articles) => format!("{BASE}/help"),
            Route::Help(HelpView::Article(id)) => format!("{BASE}/help/articles/{id}"),
            Route::Help(HelpView::NewArticle) => format!("{BASE}/help/articles/new"),
            Route::Help(HelpView::Insights) => format!("{BASE}/help/insights"),
            Route::Reports => format!("{BASE}/reports"),
            Route::Audit => format!("{BASE}/audit"),
            Route::Settings => format!("{BASE}/settings"),
            Route::NotFound => return None,
        };
        Some(path)
    }

    /// Whether moving from `previous` to `self` should replace the history entry rather
    /// than add one: a new article that was just saved gets its id, and is still the
    /// same page.
    pub fn refines(self, previous: Route) -> bool {
        matches!((previous, self), (Route::Help(HelpView::NewArticle), Route::Help(HelpView::Article(_))))
    }
}

/// A conversation id, ticket number or article id: a positive decimal number written
/// the way [`Route::path`] writes it (no sign, no leading zeros), so every place has
/// one address.
fn id_of(segment: &str) -> Option<i64> {
    let canonical =
        !segment.is_empty() && segment.bytes().all(|byte| byte.is_ascii_digit()) && !segment.starts_with('0');
    if !canonical {
        return None;
    }
    segment.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_parses_back_from_its_path() {
        let places = [
            Route::Inbox(None),
            Route::Inbox(Some(7)),
            Route::Tickets(TicketsView::Queue),
            Route::Tickets(TicketsView::Ticket(1001)),
            Route::Tickets(TicketsView::Ratings),
            Route::Help(HelpView::Articles),
            Route::Help(HelpView::Article(3)),
            Route::Help(HelpView::NewArticle),
            Route::Help(HelpView::Insights),
            Route::Reports,
            Route::Audit,
            Route::Settings,
            Route::Inbox(Some(i64::MAX)),
        ];
        for place in places {
            let path = place.path().expect("a known place has a path");
            assert_eq!(Route::parse(&path), place, "{path}");
        }
        assert_eq!(Route::NotFound.path(), None);
    }

    #[test]
    fn short_forms_and_one_trailing_slash_are_understood() {
        assert_eq!(Route::parse("/console"), Route::Inbox(None));
        assert_eq!(Route::parse("/console/"), Route::Inbox(None));
        assert_eq!(Route::parse("/console/inbox/"), Route::Inbox(None));
        assert_eq!(Route::parse("/console/tickets/1001/"), Route::Tickets(TicketsView::Ticket(1001)));
        assert_eq!(Route::parse("/console/help/articles"), Route::Help(HelpView::Articles));
        assert_eq!(Route::parse("/console/audit/"), Route::Audit);
    }

    #[test]
    fn unknown_and_malformed_paths_are_not_found() {
        for path in [
            "/",
            "/consoles",
            "/console//inbox",
            "/console/inbox//",
            "/console/anything/deep",
            "/console/inbox/abc",
            "/console/inbox/0",
            "/console/inbox/-4",
            "/console/inbox/+4",
            "/console/inbox/007",
            "/console/inbox/1e3",
            "/console/inbox/99999999999999999999",
            "/console/inbox/5/extra",
            "/console/tickets/ratings/2",
            "/console/help/articles/x",
            "/console/help/articles/new/1",
            "/console/settings/origins",
            "/console/reports/2026",
            "/console/audit/1",
            "/console/Audit",
            "/console/Inbox",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn saving_a_new_article_replaces_its_history_entry() {
        let new = Route::Help(HelpView::NewArticle);
        let saved = Route::Help(HelpView::Article(9));
        assert!(saved.refines(new));
        assert!(!new.refines(saved));
        assert!(!Route::Inbox(Some(1)).refines(Route::Inbox(None)));
    }
}
