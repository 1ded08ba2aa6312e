//! The report's figures as cards: chats, tickets, response targets, satisfaction and
//! the help center's deflection. Definitions are in docs/protocol.md.

use leptos::prelude::*;
use protocol::reports::{Channel, Deflected, Durations, Report, Targets};

use crate::reports::duration;

/// Every card of a report.
#[component]
pub fn Figures(report: Report) -> impl IntoView {
    let Report { chats, tickets, sla, satisfaction, deflection, .. } = report;
    let all = satisfaction.all;
    let average = |average: Option<f64>| average.map_or_else(|| "–".to_owned(), |average| format!("{average:.2} / 5"));
    let csat = all.satisfied_percent().map_or_else(|| "–".to_owned(), |share| format!("{share}%"));
    view! {
        <div class="report-grid">
            {channel_card("report-chats", "Chats", "Started", chats)}
            {channel_card("report-tickets", "Tickets", "Created", tickets)}
            <Card id="report-sla" title="Ticket SLA">
                {figure("First responses on time", targets(sla.first_response))}
                {figure("Next responses on time", targets(sla.next_response))}
                {figure("Breaches", (sla.first_response.breached + sla.next_response.breached).to_string())}
            </Card>
            <Card id="report-csat" title="Satisfaction">
                {figure("CSAT (rated 4 or 5)", csat)}
                {figure("Average rating", average(all.average))}
                {figure("Ratings", all.count.to_string())}
                {figure("Chats / tickets", format!("{} / {}", average(satisfaction.chats.average), average(satisfaction.tickets.average)))}
            </Card>
            <Card id="report-deflection" title="Help center deflection">
                {figure("Searches without a chat or ticket", deflected(deflection.searches))}
                {figure("Article views without a chat or ticket", deflected(deflection.article_views))}
            </Card>
        </div>
    }
}

/// A titled card of figures.
#[component]
fn Card(id: &'static str, title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="settings-card report-card" aria-labelledby=id>
            <h3 id=id>{title}</h3>
            <dl class="report-figures">{children()}</dl>
        </section>
    }
}

fn channel_card(id: &'static str, title: &'static str, started: &'static str, channel: Channel) -> impl IntoView {
    view! {
        <Card id title>
            {figure(started, channel.created.to_string())}
            {figure("Resolved", channel.resolved.to_string())}
            {figure("First response, median", median(channel.first_response))}
            {figure("First response, 90th percentile", p90(channel.first_response))}
            {figure("Resolution, median", median(channel.resolution))}
            {figure("Resolution, 90th percentile", p90(channel.resolution))}
        </Card>
    }
}

/// One figure: its name and its value.
fn figure(name: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="report-figure">
            <dt>{name}</dt>
            <dd>{value}</dd>
        </div>
    }
}

fn median(durations: Durations) -> String {
    durations
        .median_secs
        .map_or_else(|| "–".to_owned(), |secs| format!("{} ({} measured)", duration(secs), durations.count))
}

fn p90(durations: Durations) -> String {
    durations.p90_secs.map_or_else(|| "–".to_owned(), duration)
}

/// "75% (3 of 4)".
fn targets(targets: Targets) -> String {
    let decided = targets.met + targets.breached;
    targets.met_percent().map_or_else(|| "–".to_owned(), |share| format!("{share}% ({} of {decided})", targets.met))
}

/// "67% (2 of 3 decided)".
fn deflected(visits: Deflected) -> String {
    let decided = visits.deflected + visits.followed;
    match visits.deflected_percent() {
        Some(share) => format!("{share}% ({} of {decided}; {} in all)", visits.deflected, visits.total),
        None if visits.total > 0 => format!("{} too recent to tell", visits.total),
        None => "–".to_owned(),
    }
}
