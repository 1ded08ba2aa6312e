//! The report's charts, drawn as SVG by hand: chats and tickets per day, the busiest
//! hours of the week as a heat grid, and ratings by score. Each is an image with a
//! title and a description that states what it shows, and its numbers as a table.

use leptos::prelude::*;
use protocol::reports::{Day, Hour, Ratings};

use crate::l10n::{self, t, t_with};
use crate::reports::{WEEKDAYS, hour_label, scale_top, weekday_short};

/// Chats started and tickets created per day, as pairs of bars on a round scale.
#[component]
pub fn VolumeChart(days: Vec<Day>) -> impl IntoView {
    const WIDTH: f64 = 720.0;
    const HEIGHT: f64 = 220.0;
    const LEFT: f64 = 36.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 28.0;
    let plot_width = WIDTH - LEFT - 8.0;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let count = days.len().max(1);
    let top = scale_top(days.iter().map(|day| day.chats.max(day.tickets)).max().unwrap_or(0));
    let slot = plot_width / count as f64;
    let bar = (slot * 0.38).max(0.5);
    let y = move |value: u32| TOP + plot_height * (1.0 - f64::from(value) / f64::from(top));
    let label_every = count.div_ceil(7);

    let total = |field: fn(&Day) -> u32| days.iter().map(field).sum::<u32>();
    let busiest = days.iter().max_by_key(|day| (day.chats + day.tickets, std::cmp::Reverse(day.date.clone())));
    let description = match busiest.filter(|day| day.chats + day.tickets > 0) {
        Some(day) => t_with(
            "volume-description",
            &[
                ("chats", total(|day| day.chats).into()),
                ("tickets", total(|day| day.tickets).into()),
                ("days", days.len().into()),
                ("date", (&day.date).into()),
                ("day_chats", day.chats.into()),
                ("day_tickets", day.tickets.into()),
            ],
        ),
        None => t_with("volume-description-empty", &[("days", days.len().into())]),
    };
    let mut gridlines = vec![0, top];
    if top >= 2 {
        gridlines.insert(1, top / 2);
    }
    let grid = gridlines
        .into_iter()
        .map(|value| {
            let at = px(y(value));
            view! {
                <g class="chart-grid">
                    <line x1=px(LEFT) x2=px(WIDTH - 8.0) y1=at.clone() y2=at.clone() />
                    <text x=px(LEFT - 6.0) y=at text-anchor="end" dominant-baseline="middle">
                        {value.to_string()}
                    </text>
                </g>
            }
        })
        .collect_view();
    let bars = days
        .iter()
        .enumerate()
        .map(|(index, day)| {
            let start = LEFT + slot * index as f64 + (slot - 2.0 * bar) / 2.0;
            let label = (index % label_every == 0).then(|| {
                view! {
                    <text class="chart-axis" x=px(start + bar) y=px(HEIGHT - 8.0) text-anchor="middle">
                        {day.date.get(5..).unwrap_or_default().to_owned()}
                    </text>
                }
            });
            let chats = t_with("volume-bar-chats", &[("date", (&day.date).into()), ("count", day.chats.into())]);
            let tickets = t_with("volume-bar-tickets", &[("date", (&day.date).into()), ("count", day.tickets.into())]);
            view! {
                <g>
                    <rect class="bar-chats" x=px(start) y=px(y(day.chats)) width=px(bar) height=px(TOP + plot_height - y(day.chats))>
                        <title>{chats}</title>
                    </rect>
                    <rect class="bar-tickets" x=px(start + bar) y=px(y(day.tickets)) width=px(bar) height=px(TOP + plot_height - y(day.tickets))>
                        <title>{tickets}</title>
                    </rect>
                    {label}
                </g>
            }
        })
        .collect_view();
    let rows = days
        .iter()
        .map(|day| {
            view! {
                <tr>
                    <th scope="row">{day.date.clone()}</th>
                    <td class="number">{day.chats}</td>
                    <td class="number">{day.tickets}</td>
                    <td class="number">{day.resolved_chats}</td>
                    <td class="number">{day.resolved_tickets}</td>
                    <td class="number">{day.sla_breaches}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <figure class="settings-card report-chart" aria-labelledby="volume-caption">
            <figcaption id="volume-caption">
                <h3>{t("volume")}</h3>
            </figcaption>
            <svg class="chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="volume-title" aria-describedby="volume-desc">
                <title id="volume-title">{t("volume-title")}</title>
                <desc id="volume-desc">{description}</desc>
                {grid}
                {bars}
            </svg>
            <ul class="chart-legend">
                <li>
                    <span class="swatch bar-chats"></span>
                    {t("chats-started")}
                </li>
                <li>
                    <span class="swatch bar-tickets"></span>
                    {t("tickets-created")}
                </li>
            </ul>
            <details class="chart-table">
                <summary>{t("volume-table")}</summary>
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t("volume-col-date")}</th>
                            <th scope="col" class="number">{t("chats-started")}</th>
                            <th scope="col" class="number">{t("tickets-created")}</th>
                            <th scope="col" class="number">{t("volume-col-chats-resolved")}</th>
                            <th scope="col" class="number">{t("volume-col-tickets-resolved")}</th>
                            <th scope="col" class="number">{t("volume-col-breaches")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}

/// Chats and tickets arriving per hour of the week, a darker cell for more.
#[component]
pub fn HoursChart(hours: Vec<Hour>) -> impl IntoView {
    const CELL: f64 = 24.0;
    const ROW: f64 = 20.0;
    const LEFT: f64 = 40.0;
    const TOP: f64 = 18.0;
    let width = LEFT + CELL * 24.0;
    let height = TOP + ROW * 7.0;
    let total = |hour: &Hour| hour.chats + hour.tickets;
    let max = hours.iter().map(total).max().unwrap_or(0);
    let busiest = hours
        .iter()
        .filter(|hour| total(hour) > 0)
        .max_by_key(|hour| (total(hour), std::cmp::Reverse((hour.weekday, hour.hour))));
    let description = match busiest {
        Some(hour) => t_with(
            "hours-description",
            &[
                ("hour", (&hour_label(hour.weekday, hour.hour)).into()),
                ("chats", hour.chats.into()),
                ("tickets", hour.tickets.into()),
            ],
        ),
        None => t("hours-description-empty").to_owned(),
    };
    let weekday_labels = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(row, weekday)| {
            view! {
                <text class="chart-axis" x="0" y=px(TOP + ROW * row as f64 + ROW / 2.0) dominant-baseline="middle">
                    {weekday_short(*weekday)}
                </text>
            }
        })
        .collect_view();
    let hour_labels = (0..24_u32)
        .step_by(3)
        .map(|hour| {
            view! {
                <text class="chart-axis" x=px(LEFT + CELL * f64::from(hour)) y="12">
                    {format!("{hour:02}")}
                </text>
            }
        })
        .collect_view();
    let cells = hours
        .iter()
        .map(|hour| {
            let count = total(hour);
            let shade = if count == 0 { 0.0 } else { 0.2 + 0.8 * f64::from(count) / f64::from(max.max(1)) };
            let label = t_with(
                "hours-cell",
                &[
                    ("hour", (&hour_label(hour.weekday, hour.hour)).into()),
                    ("chats", hour.chats.into()),
                    ("tickets", hour.tickets.into()),
                ],
            );
            view! {
                <rect
                    class=if count == 0 { "heat-cell empty" } else { "heat-cell" }
                    x=px(LEFT + CELL * f64::from(hour.hour))
                    y=px(TOP + ROW * f64::from(hour.weekday.saturating_sub(1)))
                    width=px(CELL - 2.0)
                    height=px(ROW - 2.0)
                    rx="3"
                    fill-opacity=format!("{shade:.2}")
                >
                    <title>{label}</title>
                </rect>
            }
        })
        .collect_view();
    let mut listed: Vec<Hour> = hours.iter().copied().filter(|hour| total(hour) > 0).collect();
    listed.sort_by_key(|hour| (std::cmp::Reverse(total(hour)), hour.weekday, hour.hour));
    let rows = listed
        .into_iter()
        .map(|hour| {
            view! {
                <tr>
                    <th scope="row">{hour_label(hour.weekday, hour.hour)}</th>
                    <td class="number">{hour.chats}</td>
                    <td class="number">{hour.tickets}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <figure class="settings-card report-chart" aria-labelledby="hours-caption">
            <figcaption id="hours-caption">
                <h3>{t("hours")}</h3>
            </figcaption>
            <svg class="chart" viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby="hours-title" aria-describedby="hours-desc">
                <title id="hours-title">{t("hours-title")}</title>
                <desc id="hours-desc">{description}</desc>
                {weekday_labels}
                {hour_labels}
                {cells}
            </svg>
            <details class="chart-table">
                <summary>{t("hours-table")}</summary>
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t("hours-col-hour")}</th>
                            <th scope="col" class="number">{t("chats-started")}</th>
                            <th scope="col" class="number">{t("tickets-created")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}

/// How many ratings of each score, 5 at the top.
#[component]
pub fn RatingsChart(ratings: Ratings) -> impl IntoView {
    const LEFT: f64 = 28.0;
    const BAR: f64 = 260.0;
    const ROW: f64 = 26.0;
    let width = LEFT + BAR + 40.0;
    let height = ROW * 5.0;
    let top = scale_top(ratings.distribution.iter().copied().max().unwrap_or(0));
    let description = match ratings.average {
        Some(average) => {
            let scores: Vec<String> = (1..=5_u32)
                .rev()
                .map(|score| {
                    t_with(
                        "ratings-rated-score",
                        &[("count", ratings.distribution[score as usize - 1].into()), ("score", score.into())],
                    )
                })
                .collect();
            t_with(
                "ratings-description",
                &[
                    ("count", ratings.count.into()),
                    ("average", (&l10n::decimal(average, 2)).into()),
                    ("scores", (&l10n::list(&scores)).into()),
                ],
            )
        }
        None => t("ratings-description-empty").to_owned(),
    };
    let bars = (1..=5_usize)
        .rev()
        .enumerate()
        .map(|(row, score)| {
            let count = ratings.distribution[score - 1];
            let length = BAR * f64::from(count) / f64::from(top);
            let y = ROW * row as f64;
            view! {
                <g>
                    <text class="chart-axis" x="0" y=px(y + ROW / 2.0) dominant-baseline="middle">
                        {format!("{score} ★")}
                    </text>
                    <rect class="bar-rating" x=px(LEFT) y=px(y + 4.0) width=px(length) height=px(ROW - 8.0) rx="3">
                        <title>{t_with("ratings-bar", &[("score", score.into()), ("count", count.into())])}</title>
                    </rect>
                    <text class="chart-axis" x=px(LEFT + length + 6.0) y=px(y + ROW / 2.0) dominant-baseline="middle">
                        {count.to_string()}
                    </text>
                </g>
            }
        })
        .collect_view();
    let rows = (1..=5_usize)
        .rev()
        .map(|score| {
            view! {
                <tr>
                    <th scope="row">{score}</th>
                    <td class="number">{ratings.distribution[score - 1]}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <figure class="settings-card report-chart" aria-labelledby="ratings-caption">
            <figcaption id="ratings-caption">
                <h3>{t("tickets-ratings")}</h3>
            </figcaption>
            <svg class="chart" viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby="ratings-chart-title" aria-describedby="ratings-desc">
                <title id="ratings-chart-title">{t("ratings-chart-title")}</title>
                <desc id="ratings-desc">{description}</desc>
                {bars}
            </svg>
            <details class="chart-table">
                <summary>{t("ratings-table")}</summary>
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t("ratings-col-score")}</th>
                            <th scope="col" class="number">{t("tickets-ratings")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}

/// A coordinate for an SVG attribute, to a tenth of a unit.
fn px(value: f64) -> String {
    format!("{value:.1}")
}
