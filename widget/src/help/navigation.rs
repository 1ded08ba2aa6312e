//! Where the visitor is in the messenger: the help home at the root, and a stack of
//! screens opened from it, so "Back" returns to exactly where they came from. Each
//! screen also remembers which control opened the next one, so focus can go back to it.

/// A screen above the help home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// The conversation log and the composer.
    Chat,
    /// The articles of one category.
    Category { id: i64, name: String },
    /// One article.
    Article { slug: String },
    /// The "Email us" form, then its confirmation.
    Email,
    /// The visitor's tickets.
    Tickets,
    /// Support access: grant, answer requests, revoke, and what support did.
    Access,
}

/// The stack of screens. Empty means the help home (with its search box, which keeps
/// its query while the visitor reads a result).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Navigation {
    stack: Vec<Visit>,
    /// The control on the help home that opened the first screen.
    home_opener: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Visit {
    screen: Screen,
    /// The control on this screen that opened the next one, as its `data-focus-key`.
    opener: Option<String>,
}

impl Navigation {
    /// Starts on `screen` rather than on the help home.
    pub fn starting_at(screen: Screen) -> Self {
        Self { stack: vec![Visit { screen, opener: None }], home_opener: None }
    }

    /// The screen on top; `None` is the help home.
    pub fn current(&self) -> Option<&Screen> {
        self.stack.last().map(|visit| &visit.screen)
    }

    /// Whether the visitor is on the help home.
    pub fn at_home(&self) -> bool {
        self.stack.is_empty()
    }

    /// Opens `screen` from the control named `opener` on the current screen. The chat
    /// is never stacked twice: opening it again goes back to where it already is, so
    /// Back cannot loop between an article and the chat.
    pub fn open(&mut self, screen: Screen, opener: Option<String>) {
        if self.current() == Some(&screen) {
            return;
        }
        if screen == Screen::Chat
            && let Some(position) = self.stack.iter().position(|visit| visit.screen == Screen::Chat)
        {
            self.stack.truncate(position + 1);
            return;
        }
        match self.stack.last_mut() {
            Some(visit) => visit.opener = opener,
            None => self.home_opener = opener,
        }
        self.stack.push(Visit { screen, opener: None });
    }

    /// Goes back one screen. Returns the control that had opened the one just left, to
    /// give focus back to; `None` when there was nowhere to go back to or no control is
    /// known.
    pub fn back(&mut self) -> Option<String> {
        self.stack.pop()?;
        match self.stack.last_mut() {
            Some(visit) => visit.opener.take(),
            None => self.home_opener.take(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str) -> Screen {
        Screen::Article { slug: slug.to_owned() }
    }

    #[test]
    fn back_returns_through_every_screen_to_home_with_the_openers() {
        let mut navigation = Navigation::default();
        assert!(navigation.at_home());
        navigation.open(Screen::Category { id: 1, name: "Billing".into() }, Some("category:1".into()));
        navigation.open(article("refunds"), Some("article:refunds".into()));
        assert_eq!(navigation.current(), Some(&article("refunds")));
        assert_eq!(navigation.back().as_deref(), Some("article:refunds"));
        assert_eq!(navigation.current(), Some(&Screen::Category { id: 1, name: "Billing".into() }));
        assert_eq!(navigation.back().as_deref(), Some("category:1"));
        assert!(navigation.at_home());
        assert_eq!(navigation.back(), None);
        assert!(navigation.at_home());
    }

    #[test]
    fn an_article_opened_from_the_chat_goes_back_to_the_chat() {
        let mut navigation = Navigation::starting_at(Screen::Chat);
        navigation.open(article("password"), Some("article:password".into()));
        assert_eq!(navigation.back().as_deref(), Some("article:password"));
        assert_eq!(navigation.current(), Some(&Screen::Chat));
        assert_eq!(navigation.back(), None);
        assert!(navigation.at_home());
    }

    #[test]
    fn the_chat_is_never_stacked_twice() {
        let mut navigation = Navigation::default();
        navigation.open(Screen::Chat, None);
        navigation.open(article("a"), None);
        navigation.open(Screen::Chat, Some("chat".into()));
        assert_eq!(navigation.current(), Some(&Screen::Chat));
        navigation.back();
        assert!(navigation.at_home());
    }

    #[test]
    fn opening_the_current_screen_again_changes_nothing() {
        let mut navigation = Navigation::default();
        navigation.open(article("a"), Some("article:a".into()));
        navigation.open(article("a"), Some("other".into()));
        assert_eq!(navigation.back().as_deref(), Some("article:a"));
        assert!(navigation.at_home());
    }
}
