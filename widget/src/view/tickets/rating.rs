//! "How was this chat?": five buttons, an optional comment once one is chosen, then a
//! thank-you.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::Errors;
use super::field::{FormField, Kind};
use crate::l10n::{t, t_with};
use crate::tickets::{RATING_KEY, Sending, Tickets};

/// The rating card of a chat an agent ended.
#[component]
pub fn RatingCard(tickets: Tickets) -> impl IntoView {
    let rated = Memo::new(move |_| tickets.rating.with(|rating| matches!(rating.state, Sending::Done(()))));
    let chosen = Memo::new(move |_| tickets.rating.with(|rating| rating.stars));
    let any_chosen = Memo::new(move |_| chosen.get().is_some());
    let state = move || tickets.rating.with(|rating| rating.state.clone());
    let stars = move || {
        (1..=5u8)
            .map(|stars| {
                view! {
                    <button
                        type="button"
                        class="star"
                        aria-label=t_with("rating-stars", &[("stars", u32::from(stars).into())])
                        aria-pressed=move || if chosen.get() == Some(stars) { "true" } else { "false" }
                        on:click=handler(move |_| tickets.choose_stars(stars))
                    >
                        {stars.to_string()}
                    </button>
                }
            })
            .collect_view()
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        tickets.rate();
    };
    // The comment and the button appear once a rating is chosen.
    let comment = move || {
        any_chosen.get().then(|| {
            view! {
                <form class="rating-form" on:submit=handler(on_submit)>
                    <FormField
                        id="rating-comment".to_owned()
                        label=t("rating-comment")
                        kind=Kind::Lines
                        value=Signal::derive(move || tickets.rating.with(|rating| rating.comment.clone()))
                        on_input=Callback::new(move |text| tickets.edit_comment(text))
                        error=Signal::derive(move || state().field_error("comment"))
                    />
                    <Errors messages=Signal::derive(move || state().general_errors(&["comment"])) />
                    <button type="submit" class="send" disabled=move || state().is_busy()>
                        {t("rating-send")}
                    </button>
                </form>
            }
        })
    };
    move || {
        if rated.get() {
            view! {
                <p class="card card-title" tabindex="-1" data-focus-key=RATING_KEY>
                    {t("rating-thanks")}
                </p>
            }
            .into_any()
        } else {
            view! {
                <section class="card" aria-labelledby="rating-title">
                    <p class="card-title" id="rating-title">
                        {t("rating-question")}
                    </p>
                    <div class="stars" role="group" aria-labelledby="rating-title">
                        {stars()}
                    </div>
                    {move || comment()}
                </section>
            }
            .into_any()
        }
    }
}
