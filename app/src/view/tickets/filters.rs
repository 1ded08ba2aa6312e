//! The queue's filters: a search box, statuses, priority, type, assignee and "Breached
//! only". Every change fetches the queue again; the search waits for typing to pause.

use std::time::Duration;

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use protocol::tickets::TicketStatus;

use crate::l10n::t;
use crate::tickets::{AssigneeFilter, Choice, Tickets};

/// How long typing in the search box must pause before the queue is fetched.
const SEARCH_PAUSE: Duration = Duration::from_millis(300);

/// The filter form above the queue.
#[component]
pub fn QueueFilters() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let filters = tickets.filters;
    let (typed, search) = (filters.search_typed, filters.search);

    let on_search_input = move |event| {
        let text = event_target_value(&event);
        typed.set(text.clone());
        set_timeout(
            move || {
                if typed.try_with_untracked(|current| *current == text) == Some(true) {
                    search.set(text);
                }
            },
            SEARCH_PAUSE,
        );
    };
    // Enter searches at once.
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        search.set(typed.get_untracked());
    };

    let status_boxes = TicketStatus::ALL
        .iter()
        .map(|&status| {
            let id = format!("filter-status-{}", status.value());
            view! {
                <span class="check">
                    <input
                        id=id.clone()
                        type="checkbox"
                        prop:checked=move || filters.statuses.with(|statuses| statuses.contains(&status))
                        on:change=handler(move |event| filters.toggle_status(status, event_target_checked(&event)))
                    />
                    <label for=id>{status.label()}</label>
                </span>
            }
        })
        .collect_view();

    let agent_options = move || {
        tickets
            .agents
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|agent| {
                let filter = AssigneeFilter::Agent(agent.id);
                view! {
                    <option value=filter.value() prop:selected=move || filters.assignee.get() == filter>
                        {agent.name}
                    </option>
                }
            })
            .collect_view()
    };
    let fixed_assignee = |filter: AssigneeFilter, label: &'static str| {
        view! {
            <option value=filter.value() prop:selected=move || filters.assignee.get() == filter>
                {t(label)}
            </option>
        }
    };

    view! {
        <form class="queue-filters" role="search" aria-label=t("filters-label") on:submit=handler(on_submit)>
            <div class="filter search-filter">
                <label class="field-label" for="ticket-search">{t("filters-search")}</label>
                <input
                    id="ticket-search"
                    class="field"
                    type="search"
                    placeholder=t("filters-search-placeholder")
                    prop:value=typed
                    on:input=handler(on_search_input)
                />
            </div>
            <fieldset class="filter status-filter">
                <legend class="field-label">{t("filters-statuses")}</legend>
                {status_boxes}
            </fieldset>
            <div class="filter">
                <label class="field-label" for="filter-priority">{t("field-priority")}</label>
                <ChoiceFilter id="filter-priority" any="filters-any-priority" value=filters.priority />
            </div>
            <div class="filter">
                <label class="field-label" for="filter-type">{t("field-type")}</label>
                <ChoiceFilter id="filter-type" any="filters-any-type" value=filters.ticket_type />
            </div>
            <div class="filter">
                <label class="field-label" for="filter-assignee">{t("assignee")}</label>
                <select
                    id="filter-assignee"
                    class="field"
                    on:change=handler(move |event| filters.assignee.set(AssigneeFilter::from_value(&event_target_value(&event))))
                >
                    {fixed_assignee(AssigneeFilter::Anyone, "filters-anyone")}
                    {fixed_assignee(AssigneeFilter::Me, "filters-me")}
                    {fixed_assignee(AssigneeFilter::Unassigned, "unassigned")}
                    {move || agent_options()}
                </select>
            </div>
            <span class="check filter breached-filter">
                <input
                    id="filter-breached"
                    type="checkbox"
                    prop:checked=filters.breached_only
                    on:change=handler(move |event| filters.breached_only.set(event_target_checked(&event)))
                />
                <label for="filter-breached">{t("filters-breached-only")}</label>
            </span>
        </form>
    }
}

/// A select of every value of a ticket enum, plus "any".
#[component]
fn ChoiceFilter<T>(id: &'static str, any: &'static str, value: RwSignal<Option<T>>) -> impl IntoView
where
    T: Choice,
{
    let options = T::ALL
        .iter()
        .map(|&choice| {
            view! {
                <option value=choice.value() prop:selected=move || value.get() == Some(choice)>
                    {choice.label()}
                </option>
            }
        })
        .collect_view();
    view! {
        <select id=id class="field" on:change=handler(move |event| value.set(T::from_value(&event_target_value(&event))))>
            <option value="" prop:selected=move || value.get().is_none()>
                {t(any)}
            </option>
            {options}
        </select>
    }
}
