//! Help-center insights: how each article is read and rated, and what visitors searched
//! for without finding anything, so admins know what to write next.

use client::web::dom::handler;
use leptos::prelude::*;
use protocol::help::{ArticleStats, HelpAnalytics, MissedSearch};

use super::article_list::StatusBadge;
use crate::api;
use crate::format;
use crate::help::HelpCenter;
use crate::l10n::{t, t_with};

/// Fetches the analytics when shown and lays them out as two tables.
#[component]
pub fn Insights() -> impl IntoView {
    let help = expect_context::<HelpCenter>();
    let console = help.console();
    let analytics = RwSignal::new(None::<HelpAnalytics>);
    let error = RwSignal::new(None::<String>);
    let load = move || console.load_into(analytics, error, api::help_analytics());
    load();

    move || {
        if let Some(message) = error.get() {
            return view! {
                <div class="settings-card">
                    <p class="form-error" role="alert">{message}</p>
                    <button class="button" type="button" on:click=handler(move |_| load())>
                        {t("try-again")}
                    </button>
                </div>
            }
            .into_any();
        }
        match analytics.get() {
            None => view! { <p class="pane-note">{t("insights-loading")}</p> }.into_any(),
            Some(analytics) => view! {
                <ArticleTable articles=analytics.articles />
                <MissedSearches searches=analytics.missed_searches />
            }
            .into_any(),
        }
    }
}

/// Views, visitors and answers to "Did this answer your question?" per article.
#[component]
fn ArticleTable(articles: Vec<ArticleStats>) -> impl IntoView {
    let help = expect_context::<HelpCenter>();
    let body = if articles.is_empty() {
        view! { <p class="muted">{t("insights-no-articles")}</p> }.into_any()
    } else {
        let rows = articles
            .into_iter()
            .map(|article| {
                let id = article.id;
                let share = helpfulness(article.helpful, article.not_helpful).map_or_else(
                    || view! { <span class="muted">{t("insights-no-answers")}</span> }.into_any(),
                    |share| t_with("percent", &[("share", share.into())]).into_any(),
                );
                view! {
                    <tr>
                        <th scope="row">
                            <button class="link-button" type="button" on:click=handler(move |_| help.open(id))>
                                {article.title}
                            </button>
                        </th>
                        <td>
                            <StatusBadge status=article.status />
                        </td>
                        <td class="number">{article.views}</td>
                        <td class="number">{article.visitors}</td>
                        <td class="number">{article.helpful}</td>
                        <td class="number">{article.not_helpful}</td>
                        <td class="number">{share}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data-table" aria-labelledby="insights-articles-title">
                <thead>
                    <tr>
                        <th scope="col">{t("insights-col-article")}</th>
                        <th scope="col">{t("inbox-status")}</th>
                        <th scope="col" class="number">{t("insights-col-views")}</th>
                        <th scope="col" class="number">{t("insights-col-visitors")}</th>
                        <th scope="col" class="number">{t("insights-col-helpful")}</th>
                        <th scope="col" class="number">{t("insights-col-not-helpful")}</th>
                        <th scope="col" class="number">{t("insights-col-helpfulness")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="settings-card" aria-labelledby="insights-articles-title">
            <h3 id="insights-articles-title">{t("help-articles")}</h3>
            <p class="hint">{t("insights-articles-hint")}</p>
            {body}
        </section>
    }
}

/// Searches that found nothing, most frequent first.
#[component]
fn MissedSearches(searches: Vec<MissedSearch>) -> impl IntoView {
    let now = expect_context::<HelpCenter>().console().now;
    let body = if searches.is_empty() {
        view! { <p class="muted">{t("insights-no-missed")}</p> }.into_any()
    } else {
        let rows = searches
            .into_iter()
            .map(|search| {
                let at = search.last_searched_at;
                view! {
                    <tr>
                        <th scope="row">{search.query}</th>
                        <td class="number">{search.visitors}</td>
                        <td>
                            <time datetime=format::iso(at) title=format::date_time(at)>
                                {move || format::relative_time(at, now.get())}
                            </time>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data-table" aria-labelledby="missed-title">
                <thead>
                    <tr>
                        <th scope="col">{t("insights-col-search")}</th>
                        <th scope="col" class="number">{t("insights-col-visitors")}</th>
                        <th scope="col">{t("insights-col-last-searched")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="settings-card" aria-labelledby="missed-title">
            <h3 id="missed-title">{t("insights-missed")}</h3>
            <p class="hint">{t("insights-missed-hint")}</p>
            {body}
        </section>
    }
}

/// The share of helpful answers as a whole percentage, rounded; None without answers.
fn helpfulness(helpful: i64, not_helpful: i64) -> Option<i64> {
    let total = helpful.max(0) + not_helpful.max(0);
    (total > 0).then(|| (helpful.max(0) * 100 + total / 2) / total)
}

#[cfg(test)]
mod tests {
    use super::helpfulness;

    #[test]
    fn helpfulness_is_the_rounded_share_of_yes_answers() {
        assert_eq!(helpfulness(0, 0), None);
        assert_eq!(helpfulness(3, 0), Some(100));
        assert_eq!(helpfulness(2, 1), Some(67));
        assert_eq!(helpfulness(1, 2), Some(33));
        assert_eq!(helpfulness(0, 4), Some(0));
    }
}
