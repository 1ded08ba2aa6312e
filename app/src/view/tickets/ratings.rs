//! Satisfaction ratings of tickets and chats, newest first, with their average.

use leptos::prelude::*;
use protocol::tickets::RatingRow;

use crate::api;
use crate::format;
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
                <button class="button" type="button" on:click=move |_| load()>
                    "Try again"
                </button>
            }
            .into_any();
        }
        match ratings.get() {
            None => view! { <p class="muted">"Loading ratings…"</p> }.into_any(),
            Some(rows) if rows.is_empty() => view! { <p class="muted">"No ratings yet."</p> }.into_any(),
            Some(rows) => {
                let summary = average(&rows).map(|average| {
                    let count = rows.len();
                    format!(
                        "Average {average:.1} out of 5, from {count} {}",
                        if count == 1 { "rating" } else { "ratings" }
                    )
                });
                view! {
                    <p class="rating-average">{summary}</p>
                    <table class="data-table" aria-labelledby="ratings-title">
                        <thead>
                            <tr>
                                <th scope="col">"Rating"</th>
                                <th scope="col">"Comment"</th>
                                <th scope="col">"For"</th>
                                <th scope="col">"Rated"</th>
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
            <h3 id="ratings-title">"Ratings"</h3>
            <p class="hint">"The newest ratings requesters and chat visitors gave, 1 (bad) to 5 (great)."</p>
            {content}
        </section>
    }
}

fn rating_row(row: RatingRow) -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let console = tickets.console();
    let subject = match (row.ticket_number, row.conversation_id) {
        (Some(number), _) => view! {
            <button class="link-button" type="button" on:click=move |_| tickets.open(number)>
                {format!("Ticket #{number}")}
            </button>
        }
        .into_any(),
        (None, Some(id)) => view! {
            <button
                class="link-button"
                type="button"
                on:click=move |_| {
                    console.page.set(Page::Inbox);
                    console.select(id);
                }
            >
                {format!("Chat {id}")}
            </button>
        }
        .into_any(),
        (None, None) => view! { <span class="muted">"Unknown"</span> }.into_any(),
    };
    let comment = match row.comment.filter(|comment| !comment.trim().is_empty()) {
        Some(comment) => comment.into_any(),
        None => view! { <span class="muted">"No comment"</span> }.into_any(),
    };
    let at = row.rated_at;
    view! {
        <tr>
            <td class="number">{format!("{} / 5", row.rating)}</td>
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
