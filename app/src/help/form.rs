//! The editor's fields: what the agent typed, the signals that hold it, and how it
//! becomes a request body and takes in what the server saved.

use leptos::prelude::*;
use protocol::help::{Article, ArticleInput, ArticleStatus};

/// The editor's fields as the agent typed them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub title: String,
    /// Empty means "derive it from the title", which the server does.
    pub slug: String,
    pub category_id: Option<i64>,
    /// Comma-separated.
    pub tags: String,
    pub locale: String,
    /// Markdown.
    pub body: String,
}

/// The editor's fields, one signal each, so typing in one redraws only what reads it.
#[derive(Clone, Copy)]
pub struct Form {
    pub title: RwSignal<String>,
    pub slug: RwSignal<String>,
    pub category_id: RwSignal<Option<i64>>,
    pub tags: RwSignal<String>,
    pub locale: RwSignal<String>,
    pub body: RwSignal<String>,
}

impl Fields {
    /// The fields of a stored article.
    pub fn of(article: &Article) -> Self {
        Self {
            title: article.title.clone(),
            slug: article.slug.clone(),
            category_id: article.category_id,
            tags: article.tags.join(", "),
            locale: article.locale.clone().unwrap_or_default(),
            body: article.body.clone(),
        }
    }

    /// The request body that saves these fields with `status`. The server trims and
    /// validates; blank optional fields are left out.
    pub fn input(&self, status: ArticleStatus) -> ArticleInput {
        let optional = |text: &str| Some(text.trim().to_owned()).filter(|text| !text.is_empty());
        ArticleInput {
            title: self.title.clone(),
            slug: optional(&self.slug),
            body: self.body.clone(),
            category_id: self.category_id,
            tags: self.tags.split(',').map(str::trim).filter(|tag| !tag.is_empty()).map(str::to_owned).collect(),
            locale: optional(&self.locale),
            status,
        }
    }

    /// The form after a save answered: every field the agent left alone while the save
    /// was out takes the server's value (a derived slug, trimmed tags); a field they
    /// changed meanwhile keeps their newer text.
    pub fn settle(self, sent: &Fields, saved: &Fields) -> Fields {
        fn pick<T: PartialEq + Clone>(current: T, sent: &T, saved: &T) -> T {
            if current == *sent { saved.clone() } else { current }
        }
        Fields {
            title: pick(self.title, &sent.title, &saved.title),
            slug: pick(self.slug, &sent.slug, &saved.slug),
            category_id: pick(self.category_id, &sent.category_id, &saved.category_id),
            tags: pick(self.tags, &sent.tags, &saved.tags),
            locale: pick(self.locale, &sent.locale, &saved.locale),
            body: pick(self.body, &sent.body, &saved.body),
        }
    }
}

impl Form {
    pub(super) fn new() -> Self {
        Self {
            title: RwSignal::new(String::new()),
            slug: RwSignal::new(String::new()),
            category_id: RwSignal::new(None),
            tags: RwSignal::new(String::new()),
            locale: RwSignal::new(String::new()),
            body: RwSignal::new(String::new()),
        }
    }

    /// The current fields, without tracking.
    pub fn fields_untracked(self) -> Fields {
        Fields {
            title: self.title.get_untracked(),
            slug: self.slug.get_untracked(),
            category_id: self.category_id.get_untracked(),
            tags: self.tags.get_untracked(),
            locale: self.locale.get_untracked(),
            body: self.body.get_untracked(),
        }
    }

    /// Replaces the fields; a field whose text does not change is not touched, so the
    /// caret in it stays where it is.
    pub(super) fn set(self, fields: Fields) {
        fn put<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
            if signal.with_untracked(|current| *current != value) {
                signal.set(value);
            }
        }
        put(self.title, fields.title);
        put(self.slug, fields.slug);
        put(self.category_id, fields.category_id);
        put(self.tags, fields.tags);
        put(self.locale, fields.locale);
        put(self.body, fields.body);
    }

    /// Whether any field differs from `fields`; tracks what it reads.
    pub(super) fn differs_from(self, fields: &Fields) -> bool {
        self.title.with(|title| *title != fields.title)
            || self.slug.with(|slug| *slug != fields.slug)
            || self.category_id.get() != fields.category_id
            || self.tags.with(|tags| *tags != fields.tags)
            || self.locale.with(|locale| *locale != fields.locale)
            || self.body.with(|body| *body != fields.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(title: &str, slug: &str, tags: &str) -> Fields {
        Fields { title: title.into(), slug: slug.into(), tags: tags.into(), body: "Body".into(), ..Fields::default() }
    }

    #[test]
    fn blank_optional_fields_are_left_out_and_tags_are_split_on_commas() {
        let typed =
            Fields { locale: "  ".into(), category_id: Some(3), ..fields("Refunds", " ", " refunds, ,billing ,") };
        let input = typed.input(ArticleStatus::Published);
        assert_eq!(input.slug, None);
        assert_eq!(input.locale, None);
        assert_eq!(input.tags, ["refunds", "billing"]);
        assert_eq!(input.category_id, Some(3));
        assert_eq!(input.status, ArticleStatus::Published);
    }

    #[test]
    fn a_save_fills_in_untouched_fields_and_keeps_text_typed_meanwhile() {
        let sent = fields("Refunds", "", "a,b");
        let saved = fields("Refunds", "refunds", "a, b");
        let typed_meanwhile = Fields { body: "Body, longer".into(), ..sent.clone() };
        let settled = typed_meanwhile.settle(&sent, &saved);
        assert_eq!(settled.slug, "refunds");
        assert_eq!(settled.tags, "a, b");
        assert_eq!(settled.body, "Body, longer");
    }
}
