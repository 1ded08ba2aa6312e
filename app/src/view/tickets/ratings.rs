//! Satisfaction ratings of tickets and chats, newest first, with their average.

use client::web::dom::handler;
use leptos::prelude::*;
use protocol::tickets::RatingRow;

use crate::api;
use crate::format;
use crate::l10n::{self, t, t_with};
use crate::state::Page;
use crate::tickets::Tickets;

/// Fetches the ratings when shown and lays them out under their average.
#[component]
pub fn Ratings() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let console = tickets.console();
    let ratings = RwSignal::new(None::<Vec<RatingRow>>);
    let error = RwSignal::new(None::<String>);
    let load = move || console.load_into(ratings, error, api::ratings());
    load();

    let content = move || {
        if let Some(message) = error.get() {
            return view! {
                <p class="form-error" role="alert">{message}</p>
                <button class="button" type="button" on:click=handler(move |_| load())>
                    {t("try-again")}
                </button>
            }
            .into_any();
        }
        match ratings.get() {
            None => view! { <p class="muted">{t("ratings-loading")}</p> }.into_any(),
            Some(rows) if rows.is_empty() => view! { <p class="muted">{t("ratings-none")}</p> }.into_any(),
            Some(rows) => {
                let summary = average(&rows).map(|average| {
                    let count = rows.len();
                    let average = l10n::decimal(average, 1);
                    t_with("ratings-average", &[("average", (&average).into()), ("count", count.into())])
                });
                view! {
                    <p class="rating-average">{summary}</p>
                    <table class="data-table" aria-labelledby="ratings-title">
                        <thead>
                            <tr>
                                <th scope="col">{t("ratings-col-rating")}</th>
                                <th scope="col">{t("ratings-col-comment")}</th>
                                <th scope="col">{t("access-for")}</th>
                                <th scope="col">{t("ratings-col-rated")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows.into_iter().map(rating_row).collect_view()}</tbody>
                    </table>
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="settings-card" aria-labelledby="ratings-title">
            <h3 id="ratings-title">{t("tickets-ratings")}</h3>
            <p class="hint">{t("ratings-hint")}</p>
            {move || content()}
        </section>
    }
}

fn rating_row(row: RatingRow) -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let console = tickets.console();
    let subject = match (row.ticket_number, row.conversation_id) {
        (Some(number), _) => view! {
            <button class="link-button" type="button" on:click=handler(move |_| tickets.open(number))>
                {t_with("ticket-number", &[("number", (&number.to_string()).into())])}
            </button>
        }
        .into_any(),
        (None, Some(id)) => view! {
            <button
                class="link-button"
                type="button"
                on:click=handler(move |_| {
                    console.page.set(Page::Inbox);
                    console.select(id);
                })
            >
                {t_with("chat-number", &[("id", (&id.to_string()).into())])}
            </button>
        }
        .into_any(),
        (None, None) => view! { <span class="muted">{t("unknown")}</span> }.into_any(),
    };
    let comment = match row.comment.filter(|comment| !comment.trim().is_empty()) {
        Some(comment) => comment.into_any(),
        None => view! { <span class="muted">{t("ratings-no-comment")}</span> }.into_any(),
    };
    let at = row.rated_at;
    view! {
        <tr>
            <td class="number">{t_with("ratings-of-five", &[("rating", u32::from(row.rating).into())])}</td>
            <td>{comment}</td>
            <td>{subject}</td>
            <td>
                <time datetime=format::iso(at)>{format::date_time(at)}</time>
            </td>
        </tr>
    }
}

/// The mean rating, or None without ratings.
fn average(rows: &[RatingRow]) -> Option<f64> {
    let total: u32 = rows.iter().map(|row| u32::from(row.rating)).sum();
    (!rows.is_empty()).then(|| f64::from(total) / rows.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(rating: u8) -> RatingRow {
        RatingRow { rating, comment: None, rated_at: 0, ticket_number: Some(1001), conversation_id: None }
    }

    #[test]
    fn the_average_is_the_mean_of_every_rating() {
        assert_eq!(average(&[]), None);
        assert_eq!(average(&[row(5), row(4), row(3)]), Some(4.0));
        assert_eq!(average(&[row(5), row(2)]), Some(3.5));
    }
}
