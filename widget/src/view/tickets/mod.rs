//! The email tickets' components: the contact options on the home, the "Email us" and
//! "Your tickets" screens, and the cards the chat shows under its log (an address for a
//! handed-off chat, the rating of an ended one). They read [`Tickets`]' signals and call
//! its actions.

mod contact;
mod field;
mod form;
mod handoff;
mod list;
mod rating;

use client::web::lazy::{self, NotLoaded};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

pub use self::contact::ContactOptions;
pub use self::form::TicketForm;
use self::handoff::HandoffCard;
pub use self::list::TicketList;
use self::rating::RatingCard;
use crate::l10n::t;
use crate::tickets::Tickets;

/// The cards under the conversation log; nothing while there are none.
#[component]
pub fn ChatCards(tickets: Tickets) -> impl IntoView {
    let numbers =
        move || tickets.handoffs.with(|handoffs| handoffs.iter().map(|handoff| handoff.number).collect::<Vec<_>>());
    let any = move || tickets.handoffs.with(|handoffs| !handoffs.is_empty()) || tickets.rating_shown();
    view! {
        <Show when=any>
            <section class="cards" aria-label=t("chat-cards-label")>
                <For each=numbers key=|number| *number let:number>
                    {lazy::view(move || handoff_card(tickets, number))}
                </For>
                <Show when=move || tickets.rating_shown()>
                    {lazy::view(move || rating_card(tickets))}
                </Show>
            </section>
        </Show>
    }
}

// The cards come only after a hand-off or at the end of a chat, so they are modules of
// their own (`wasm_split`), fetched when first shown.

/// The address card of a chat handed off as ticket `number`.
#[wasm_split(handoff_card, wasm_split_path = leptos::wasm_split, fallible)]
fn handoff_card(tickets: Tickets, number: i64) -> Result<AnyView, NotLoaded> {
    Ok(view! { <HandoffCard tickets number /> }.into_any())
}

/// The rating card of an ended chat.
#[wasm_split(rating_card, wasm_split_path = leptos::wasm_split, fallible)]
fn rating_card(tickets: Tickets) -> Result<AnyView, NotLoaded> {
    Ok(view! { <RatingCard tickets /> }.into_any())
}

/// Messages about a whole form, read out as they appear. The live region is always in
/// the document, so a change is announced.
#[component]
pub(in crate::view) fn Errors(#[prop(into)] messages: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <div class="form-errors" role="alert">
            {move || messages.get().into_iter().map(|message| view! { <p class="error">{message}</p> }).collect_view()}
        </div>
    }
}
