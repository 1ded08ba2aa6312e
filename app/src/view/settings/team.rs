//! The team card for admins: every agent with their role, capacity for routed chats,
//! teams and whether they may sign in, the invitations waiting, and a form to invite
//! someone by email.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::api::Role;
use protocol::inbox::{AgentAvailability, Invite, NewInviteRequest, UpdateAgent};
use protocol::tickets::Team;

use crate::api;
use crate::console::Console;
use crate::format;
use crate::l10n::{t, t_with};
use crate::refusal::{Refusal, field_message};
use crate::tickets::Choice;
use crate::view::field::TextField;

/// The team card.
#[component]
pub fn TeamCard() -> impl IntoView {
    let console = expect_context::<Console>();
    let invites = RwSignal::new(Vec::<Invite>::new());
    let load_invites = move || {
        spawn_local(async move {
            match api::invites().await {
                Ok(loaded) => {
                    let _ = invites.try_set(loaded);
                }
                Err(error) => console.show_notice(console.explain(&error)),
            }
        });
    };
    load_invites();
    console.load_agents();

    let change = move |id: i64, update: UpdateAgent| {
        let token = console.csrf_token();
        spawn_local(async move {
            match api::update_agent(&token, id, &update).await {
                Ok(()) => console.load_agents(),
                Err(error) => {
                    console.show_notice(console.explain(&error));
                    console.load_agents();
                }
            }
        });
    };

    let rows = move || console.agents.get().into_iter().map(|agent| view! { <AgentRow agent change /> }).collect_view();
    let waiting = move || {
        invites
            .get()
            .into_iter()
            .map(|invite| {
                view! {
                    <li>
                        {invite.name} " <" {invite.email} "> · "
                        {t(match invite.role {
                            Role::Admin => "team-role-admin-word",
                            Role::Agent => "team-role-agent-word",
                        })}
                        " · "
                        {t_with("team-invite-until", &[("at", (&format::date_time(invite.expires_at)).into())])}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="settings-card team" aria-labelledby="team-title">
            <h3 id="team-title">{t("team")}</h3>
            <table class="team-table">
                <thead>
                    <tr>
                        <th scope="col">{t("team-col-agent")}</th>
                        <th scope="col">{t("team-col-role")}</th>
                        <th scope="col">{t("team-col-capacity")}</th>
                        <th scope="col">{t("team-col-teams")}</th>
                        <th scope="col">{t("team-col-access")}</th>
                    </tr>
                </thead>
                <tbody>{move || rows()}</tbody>
            </table>
            <h4>{t("team-invitations")}</h4>
            <ul class="invites">{move || waiting()}</ul>
            <InviteForm on_sent=move || load_invites() />
        </section>
    }
}

/// One agent's row, each control saving at once.
#[component]
fn AgentRow(
    agent: AgentAvailability,
    change: impl Fn(i64, UpdateAgent) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = agent.id;
    let name = agent.name.clone();
    let on_role = move |event: leptos::ev::Event| {
        let role = if event_target_value(&event) == "admin" { Role::Admin } else { Role::Agent };
        change(id, UpdateAgent { role: Some(role), ..UpdateAgent::default() });
    };
    let on_capacity = move |event: leptos::ev::Event| {
        if let Ok(capacity) = event_target_value(&event).trim().parse::<u32>() {
            change(id, UpdateAgent { capacity: Some(capacity), ..UpdateAgent::default() });
        }
    };
    let teams = agent.teams.clone();
    let team_boxes = Team::ALL
        .iter()
        .map(|team| {
            let team = *team;
            let checked = teams.contains(&team);
            let others = teams.clone();
            let label = t_with("team-member-of", &[("name", (&name).into()), ("team", team.label().into())]);
            view! {
                <label class="inline-field">
                    <input
                        type="checkbox"
                        checked=checked
                        aria-label=label
                        on:change=handler(move |event| {
                            let mut chosen: Vec<Team> = others.iter().copied().filter(|t| *t != team).collect();
                            if event_target_checked(&event) {
                                chosen.push(team);
                            }
                            change(id, UpdateAgent { teams: Some(chosen), ..UpdateAgent::default() });
                        })
                    />
                    " " {team.label()}
                </label>
            }
        })
        .collect_view();
    let deactivated = agent.deactivated;
    let toggle_label = if deactivated { t("team-reactivate") } else { t("team-deactivate") };
    let toggle = move |_| {
        if deactivated || crate::dom::confirm(t("team-deactivate-question")) {
            change(id, UpdateAgent { deactivated: Some(!deactivated), ..UpdateAgent::default() });
        }
    };
    let role_label = t_with("team-role-of", &[("name", (&agent.name).into())]);
    let capacity_label = t_with("team-capacity-of", &[("name", (&agent.name).into())]);
    view! {
        <tr class:deactivated=deactivated>
            <th scope="row">
                {agent.name.clone()}
                <span class="muted">" " {agent.email.clone()}</span>
                {agent.online.then_some(view! { <span class="status-badge">{t("team-online")}</span> })}
            </th>
            <td>
                <select class="field small" aria-label=role_label on:change=handler(on_role)>
                    <option value="agent" selected=agent.role == Role::Agent>{t("team-col-agent")}</option>
                    <option value="admin" selected=agent.role == Role::Admin>{t("team-admin")}</option>
                </select>
            </td>
            <td>
                {agent.open_chats} " / "
                <input
                    class="field small capacity"
                    type="number"
                    min="0"
                    max="100"
                    aria-label=capacity_label
                    value=agent.capacity.to_string()
                    on:change=handler(on_capacity)
                />
            </td>
            <td>{team_boxes}</td>
            <td>
                <button class="button small" type="button" on:click=handler(toggle)>{toggle_label}</button>
            </td>
        </tr>
    }
}

/// Email, name and role of someone to invite.
#[component]
fn InviteForm(on_sent: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let console = expect_context::<Console>();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let admin = RwSignal::new(false);
    let refusal = RwSignal::new(None::<Refusal>);
    let sent = RwSignal::new(None::<String>);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let body = NewInviteRequest {
            email: email.get_untracked(),
            name: name.get_untracked(),
            role: if admin.get_untracked() { Role::Admin } else { Role::Agent },
        };
        let token = console.csrf_token();
        refusal.set(None);
        sent.set(None);
        spawn_local(async move {
            match api::invite(&token, &body).await {
                Ok(invite) => {
                    sent.set(Some(t_with("team-invite-sent", &[("email", (&invite.email).into())])));
                    email.set(String::new());
                    name.set(String::new());
                    on_sent();
                }
                Err(error) => refusal.set(Some(Refusal::of(console, &error))),
            }
        });
    };
    view! {
        <form class="invite-form" on:submit=handler(submit) aria-labelledby="invite-title">
            <h4 id="invite-title">{t("team-invite-title")}</h4>
            <TextField id="invite-email" label=t("fact-email") value=email kind="email" error=field_message(refusal, "email") />
            <TextField id="invite-name" label=t("fact-name") value=name error=field_message(refusal, "name") />
            <label class="inline-field">
                <input type="checkbox" prop:checked=move || admin.get() on:change=handler(move |event| admin.set(event_target_checked(&event))) />
                " "
                {t("team-admin")}
            </label>
            <div class="form-actions">
                <button class="button primary" type="submit">{t("team-invite-send")}</button>
                <div class="form-feedback" aria-live="polite">
                    {move || sent.get().map(|text| view! { <p class="form-success">{text}</p> })}
                    {move || refusal.get().map(|refusal| view! { <p class="form-error" role="alert">{refusal.message}</p> })}
                </div>
            </div>
        </form>
    }
}
