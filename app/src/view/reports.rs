//! The Reports page, for admins: a range of dates, the support figures for it, charts
//! drawn as SVG here (no chart library), and the same figures as a CSV download.

mod charts;
mod figures;

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::reports::Report;

use crate::api;
use crate::console::Console;
use crate::l10n::{t, t_with};
use crate::refusal::{Refusal, field_message};
use crate::reports::{self, Day};
use crate::view::field::TextField;
use charts::{HoursChart, RatingsChart, VolumeChart};
use figures::Figures;

/// The date form, and the report it last loaded.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let console = expect_context::<Console>();
    let today = today();
    let (first, last) = reports::last_days(today, 30);
    let from = RwSignal::new(first);
    let to = RwSignal::new(last);
    let report = RwSignal::new(None::<Report>);
    let refusal = RwSignal::new(None::<Refusal>);
    let loading = RwSignal::new(false);
    // The query of the newest request: an older answer arriving late is not shown.
    let wanted = StoredValue::new(String::new());

    let load = move || {
        let query = reports::query(&from.get_untracked(), &to.get_untracked());
        wanted.set_value(query.clone());
        loading.set(true);
        spawn_local(async move {
            let result = api::report(&query).await;
            if report.is_disposed() || wanted.get_value() != query {
                return;
            }
            match result {
                Ok(loaded) => {
                    refusal.set(None);
                    report.set(Some(loaded));
                }
                Err(error) => refusal.set(Some(Refusal::of(console, &error))),
            }
            loading.set(false);
        });
    };
    load();

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        load();
    };
    let preset = move |(first, last): (String, String)| {
        from.set(first);
        to.set(last);
        load();
    };
    let form_error = move || {
        refusal.get().filter(|refusal| refusal.fields.is_empty()).map(|refusal| {
            view! { <p class="form-error" role="alert">{refusal.message}</p> }
        })
    };

    view! {
        <main id="main-content" class="reports" tabindex="-1">
            <h2 class="pane-title">{t("nav-reports")}</h2>
            <form class="settings-card report-range" aria-label=t("report-dates") on:submit=handler(submit)>
                <div class="report-range-fields">
                    <div class="report-range-field">
                        <TextField id="report-from" label=t("field-from") value=from kind="date" error=field_message(refusal, "from") />
                    </div>
                    <div class="report-range-field">
                        <TextField id="report-to" label=t("field-to") value=to kind="date" error=field_message(refusal, "to") />
                    </div>
                    <button class="button" type="submit" disabled=move || loading.get()>
                        {t("report-show")}
                    </button>
                </div>
                <div class="form-actions">
                    <button class="button ghost small" type="button" on:click=handler(move |_| preset(reports::last_days(today, 7)))>
                        {t("report-last-7")}
                    </button>
                    <button class="button ghost small" type="button" on:click=handler(move |_| preset(reports::last_days(today, 30)))>
                        {t("report-last-30")}
                    </button>
                    <button
                        class="button ghost small"
                        type="button"
                        on:click=handler(move |_| preset((today.month_start().iso(), today.iso())))
                    >
                        {t("report-this-month")}
                    </button>
                </div>
                {move || form_error()}
            </form>
            {move || match report.get() {
                Some(report) => view! { <ReportBody report /> }.into_any(),
                None if loading.get() => view! { <p class="pane-note">{t("report-loading")}</p> }.into_any(),
                None => ().into_any(),
            }}
        </main>
    }
}

/// One loaded report: what it covers, its figures and charts, and its CSV.
#[component]
fn ReportBody(report: Report) -> impl IntoView {
    let csv = format!("/api/v1/reports.csv?{}", reports::query(&report.from, &report.to));
    let covers = t_with(
        "report-covers",
        &[("from", (&report.from).into()), ("to", (&report.to).into()), ("zone", (&report.time_zone).into())],
    );
    view! {
        <div class="report-head">
            <p class="hint">{covers}</p>
            <a class="button ghost small" href=csv download="">
                {t("report-csv")}
            </a>
        </div>
        <Figures report=report.clone() />
        <VolumeChart days=report.days />
        <div class="report-columns">
            <HoursChart hours=report.busiest_hours />
            <RatingsChart ratings=report.satisfaction.all />
        </div>
    }
}

/// Today's date on the browser's clock.
fn today() -> Day {
    let now = js_sys::Date::new_0();
    Day { year: i32::try_from(now.get_full_year()).unwrap_or(1970), month: now.get_month() + 1, day: now.get_date() }
}
