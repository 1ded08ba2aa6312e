//! The engineering details of the open ticket: what is still missing, the form that
//! fills it in, and escalation to engineering (and back to first line).

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use protocol::tickets::{DetailKey, Team, TicketChanges};

use super::ticket_part;
use crate::dom;
use crate::l10n::{self, t, t_with};
use crate::refusal::field_message;
use crate::tickets::{Choice, Tickets};
use crate::view::field::AreaField;

/// The details card: team, escalation, missing details and the form.
#[component]
pub fn EngineeringDetails() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let (busy, refusal, form) = (tickets.busy, tickets.refusals.details, tickets.details);
    let team = ticket_part(tickets, |detail| detail.ticket.team);
    let missing = ticket_part(tickets, |detail| detail.missing_details.clone());
    let unsaved = Memo::new(move |_| tickets.details_unsaved());

    let escalate = move |_| {
        let missing = missing.get_untracked().unwrap_or_default();
        if dom::confirm(&escalation_question(&missing, unsaved.get_untracked())) {
            tickets.change(TicketChanges { team: Some(Team::Engineering), ..Default::default() });
        }
    };
    let back_to_first_line =
        move |_| tickets.change(TicketChanges { team: Some(Team::FirstLine), ..Default::default() });
    let team_line = move || {
        team.get().map(|team| {
            let button = match team {
                Team::FirstLine => view! {
                    <button class="button" type="button" disabled=busy on:click=handler(escalate)>
                        {t("details-escalate")}
                    </button>
                }
                .into_any(),
                Team::Engineering => view! {
                    <button class="button" type="button" disabled=busy on:click=handler(back_to_first_line)>
                        {t("details-back-to-first-line")}
                    </button>
                }
                .into_any(),
            };
            view! {
                <p>
                    {t("details-team")}
                    " "
                    <strong>{team.label()}</strong>
                </p>
                {button}
            }
        })
    };
    let missing_list = move || {
        let missing = missing.get().unwrap_or_default();
        if missing.is_empty() {
            view! { <p class="muted">{t("details-nothing-missing")}</p> }.into_any()
        } else {
            view! {
                <div class="missing-details">
                    <p id="missing-title">{t("details-still-missing")}</p>
                    <ul aria-labelledby="missing-title">
                        {missing.into_iter().map(|key| view! { <li>{key.label()}</li> }).collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        }
    };

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        tickets.save_details();
    };
    let fields = DetailKey::ALL
        .iter()
        .map(|&key| {
            view! {
                <AreaField
                    id=field_id(key)
                    label=key.label()
                    value=form.field(key)
                    error=field_message(refusal, key.value())
                    rows=2
                />
            }
        })
        .collect_view();

    view! {
        <section class="settings-card ticket-details" aria-labelledby="details-title">
            <h4 id="details-title" class="section-title">{t("details-title")}</h4>
            {move || team_line()}
            {move || missing_list()}
            <form class="details-form" on:submit=handler(on_submit) aria-labelledby="details-title">
                {fields}
                <div class="form-actions">
                    <button class="button" type="submit" disabled=busy>
                        {t("details-save")}
                    </button>
                    {move || unsaved.get().then(|| view! { <span class="unsaved">{t("unsaved-changes")}</span> })}
                </div>
                <div class="form-feedback" aria-live="polite">
                    {move || {
                        refusal.get().map(|refusal| view! { <p class="form-error" role="alert">{refusal.message}</p> })
                    }}
                </div>
            </form>
        </section>
    }
}

/// What the agent is asked before escalating: which details engineers will lack.
fn escalation_question(missing: &[DetailKey], unsaved: bool) -> String {
    let mut parts = vec![if missing.is_empty() {
        t("escalate-nothing-missing").to_owned()
    } else {
        let names: Vec<String> = missing.iter().map(|key| key.label().to_owned()).collect();
        t_with("escalate-missing", &[("details", (&l10n::list(&names)).into())])
    }];
    if unsaved {
        parts.push(t("escalate-unsaved").to_owned());
    }
    parts.push(t("escalate-ask").to_owned());
    parts.join(" ")
}

/// The textarea id of a detail.
fn field_id(key: DetailKey) -> &'static str {
    match key {
        DetailKey::Affected => "detail-affected",
        DetailKey::Expected => "detail-expected",
        DetailKey::Actual => "detail-actual",
        DetailKey::Steps => "detail-steps",
        DetailKey::ErrorMessage => "detail-error-message",
        DetailKey::Environment => "detail-environment",
        DetailKey::Since => "detail-since",
        DetailKey::ReportedBefore => "detail-reported-before",
        DetailKey::Deadline => "detail-deadline",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_escalation_question_names_what_is_missing() {
        // On the host a message is its id (see `client::web::l10n`).
        assert_eq!(escalation_question(&[DetailKey::Actual, DetailKey::Steps], false), "escalate-missing escalate-ask");
        assert_eq!(escalation_question(&[], true), "escalate-nothing-missing escalate-unsaved escalate-ask");
    }
}
