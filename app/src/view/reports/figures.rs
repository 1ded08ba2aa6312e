//! The report's figures as cards: chats, tickets, response targets, satisfaction and
//! the help center's deflection. Definitions are in docs/protocol.md.

use leptos::prelude::*;
use protocol::reports::{Channel, Deflected, Durations, Report, Targets};

use crate::l10n::{self, t, t_with};
use crate::reports::duration;

/// Every card of a report.
#[component]
pub fn Figures(report: Report) -> impl IntoView {
    let Report { chats, tickets, sla, satisfaction, deflection, .. } = report;
    let all = satisfaction.all;
    let average = |average: Option<f64>| {
        average.map_or_else(
            || "–".to_owned(),
            |average| t_with("report-average", &[("average", (&l10n::decimal(average, 2)).into())]),
        )
    };
    let csat =
        all.satisfied_percent().map_or_else(|| "–".to_owned(), |share| t_with("percent", &[("share", share.into())]));
    view! {
        <div class="report-grid">
            {channel_card("report-chats", "report-chats", "report-started", chats)}
            {channel_card("report-tickets", "nav-tickets", "report-created", tickets)}
            <Card id="report-sla" title="report-sla">
                {figure("report-first-on-time", targets(sla.first_response))}
                {figure("report-next-on-time", targets(sla.next_response))}
                {figure("report-breaches", (sla.first_response.breached + sla.next_response.breached).to_string())}
            </Card>
            <Card id="report-csat" title="satisfaction">
                {figure("report-csat", csat)}
                {figure("report-average-rating", average(all.average))}
                {figure("tickets-ratings", all.count.to_string())}
                {figure("report-chats-tickets", format!("{} / {}", average(satisfaction.chats.average), average(satisfaction.tickets.average)))}
            </Card>
            <Card id="report-deflection" title="report-deflection">
                {figure("report-deflected-searches", deflected(deflection.searches))}
                {figure("report-deflected-views", deflected(deflection.article_views))}
            </Card>
        </div>
    }
}

/// A titled card of figures; `title` is a message id.
#[component]
fn Card(id: &'static str, title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="settings-card report-card" aria-labelledby=id>
            <h3 id=id>{t(title)}</h3>
            <dl class="report-figures">{children()}</dl>
        </section>
    }
}

fn channel_card(id: &'static str, title: &'static str, started: &'static str, channel: Channel) -> impl IntoView {
    view! {
        <Card id title>
            {figure(started, channel.created.to_string())}
            {figure("report-resolved", channel.resolved.to_string())}
            {figure("report-first-median", median(channel.first_response))}
            {figure("report-first-p90", p90(channel.first_response))}
            {figure("report-resolution-median", median(channel.resolution))}
            {figure("report-resolution-p90", p90(channel.resolution))}
        </Card>
    }
}

/// One figure: its name (a message id) and its value.
fn figure(name: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="report-figure">
            <dt>{t(name)}</dt>
            <dd>{value}</dd>
        </div>
    }
}

fn median(durations: Durations) -> String {
    durations.median_secs.map_or_else(
        || "–".to_owned(),
        |secs| t_with("report-measured", &[("duration", (&duration(secs)).into()), ("count", durations.count.into())]),
    )
}

fn p90(durations: Durations) -> String {
    durations.p90_secs.map_or_else(|| "–".to_owned(), duration)
}

/// "75% (3 of 4)".
fn targets(targets: Targets) -> String {
    let decided = targets.met + targets.breached;
    targets.met_percent().map_or_else(
        || "–".to_owned(),
        |share| {
            t_with(
                "report-share-of",
                &[("share", share.into()), ("part", targets.met.into()), ("whole", decided.into())],
            )
        },
    )
}

/// "67% (2 of 3 decided)".
fn deflected(visits: Deflected) -> String {
    let decided = visits.deflected + visits.followed;
    match visits.deflected_percent() {
        Some(share) => t_with(
            "report-deflected",
            &[
                ("share", share.into()),
                ("part", visits.deflected.into()),
                ("whole", decided.into()),
                ("total", visits.total.into()),
            ],
        ),
        None if visits.total > 0 => t_with("report-too-recent", &[("count", visits.total.into())]),
        None => "–".to_owned(),
    }
}
