//! Every article of the workspace, drafts included, with its status, category and age,
//! beside the categories.

use client::web::dom::handler;
use leptos::prelude::*;
use protocol::help::{ArticleStatus, ArticleSummary};

use super::categories::Categories;
use crate::format;
use crate::help::HelpCenter;
use crate::l10n::t;
use crate::route::{HelpView, Route};
use crate::view::link::in_place;

/// The articles table with its "New article" button, and the categories panel.
#[component]
pub fn ArticleList() -> impl IntoView {
    let help = expect_context::<HelpCenter>();
    help.refresh_articles();
    help.refresh_categories();
    let (articles, articles_error) = (help.articles, help.articles_error);
    // One closure for every state: the table is small, so redrawing it whole on a
    // refresh costs less than the code keyed updates would add to the download.
    let content = move || {
        if let Some(message) = articles_error.get() {
            return view! { <p class="form-error" role="alert">{message}</p> }.into_any();
        }
        match articles.get() {
            None => view! { <p class="muted">{t("articles-loading")}</p> }.into_any(),
            Some(articles) if articles.is_empty() => view! { <p class="muted">{t("articles-none")}</p> }.into_any(),
            Some(articles) => view! {
                <table class="data-table" aria-labelledby="articles-title">
                    <thead>
                        <tr>
                            <th scope="col">{t("field-title")}</th>
                            <th scope="col">{t("inbox-status")}</th>
                            <th scope="col">{t("field-category")}</th>
                            <th scope="col">{t("articles-col-updated")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {articles.into_iter().map(|article| view! { <ArticleRow article /> }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        }
    };
    view! {
        <div class="help-columns">
            <section class="settings-card help-articles" aria-labelledby="articles-title">
                <div class="card-head">
                    <h3 id="articles-title">{t("help-articles")}</h3>
                    <button class="button primary" type="button" on:click=handler(move |_| help.new_article())>
                        {t("article-new")}
                    </button>
                </div>
                {move || content()}
            </section>
            <Categories />
        </div>
    }
}

/// One article: its title opens the editor.
#[component]
fn ArticleRow(article: ArticleSummary) -> impl IntoView {
    let help = expect_context::<HelpCenter>();
    let now = help.console().now;
    let (id, updated_at, category_id) = (article.id, article.updated_at, article.category_id);
    let category = move || match category_id {
        Some(id) => help.category_name(id).unwrap_or_default().into_any(),
        None => view! { <span class="muted">{t("none")}</span> }.into_any(),
    };
    view! {
        <tr>
            <th scope="row">
                <a
                    class="link-button"
                    href=Route::Help(HelpView::Article(id)).path()
                    on:click=handler(in_place(move || help.open(id)))
                >
                    {article.title}
                </a>
                <span class="slug">{format!("/{}", article.slug)}</span>
            </th>
            <td>
                <StatusBadge status=article.status />
            </td>
            <td>{move || category()}</td>
            <td>
                <time datetime=format::iso(updated_at) title=format::date_time(updated_at)>
                    {move || format::relative_time(updated_at, now.get())}
                </time>
            </td>
        </tr>
    }
}

/// "Draft" or "Published", as a small badge.
#[component]
pub fn StatusBadge(status: ArticleStatus) -> impl IntoView {
    let (class, text) = match status {
        ArticleStatus::Draft => ("badge draft", "article-draft"),
        ArticleStatus::Published => ("badge published", "article-published"),
    };
    view! { <span class=class>{t(text)}</span> }
}
