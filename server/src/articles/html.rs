//! An article's HTML as visitors and agents receive it: rendered once when the
//! article is saved and stored beside its Markdown, so a view only reads it. Rows saved
//! before HTML was stored get theirs on first view, rendered and stored once.

use super::render::{self, RenderError, TOO_DEEP_NOTICE};
use crate::store::{ArticleRecord, Store};

/// The stored HTML of `article`, rendering and storing it first when it has none.
/// A stored body too deeply nested to render is shown as a notice instead, stored as
/// well, so it costs nothing on later views.
pub async fn article_html(store: &Store, article: &ArticleRecord) -> Result<String, RenderError> {
    if let Some(html) = store.article_html(article.id).await? {
        return Ok(html);
    }
    let html = match render::render(article.body.clone()).await {
        Ok(html) => html,
        Err(RenderError::TooDeep) => TOO_DEEP_NOTICE.to_owned(),
        Err(error) => return Err(error),
    };
    store.fill_article_html(article.id, &html).await?;
    Ok(html)
}
