//! The "Support hours" settings: the time zone, weekly hours and holidays that response
//! targets are counted in, how long pending tickets wait for the customer, and how many
//! "Email us" requests the workspace accepts a day.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::FieldError;
use protocol::tickets::SupportSettings;

use crate::api;
use crate::console::Console;
use crate::l10n::{t, t_with};
use crate::refusal::{Refusal, field_message};
use crate::view::field::{FieldMessage, TextField, described_by};

/// The weekdays, Monday first as `weekly` is: input id, label (a message id) and field
/// name in errors.
const WEEKDAYS: [(&str, &str, &str); 7] = [
    ("support-monday", "weekday-1", "weekly.0"),
    ("support-tuesday", "weekday-2", "weekly.1"),
    ("support-wednesday", "weekday-3", "weekly.2"),
    ("support-thursday", "weekday-4", "weekly.3"),
    ("support-friday", "weekday-5", "weekly.4"),
    ("support-saturday", "weekday-6", "weekly.5"),
    ("support-sunday", "weekday-7", "weekly.6"),
];

/// The form's fields as the admin typed them.
#[derive(Clone, Copy)]
struct Form {
    time_zone: RwSignal<String>,
    weekly: [RwSignal<String>; 7],
    /// One `YYYY-MM-DD` per line.
    holidays: RwSignal<String>,
    reminder_days: RwSignal<String>,
    close_days: RwSignal<String>,
    /// Empty for the server's default.
    tickets_per_day: RwSignal<String>,
    /// The server's default, shown beside the field.
    default_tickets_per_day: RwSignal<u32>,
    /// Empty for none.
    notification_address: RwSignal<String>,
}

impl Form {
    fn fill(self, settings: &SupportSettings) {
        self.time_zone.set(settings.time_zone.clone());
        for (index, day) in self.weekly.iter().enumerate() {
            day.set(settings.weekly.get(index).cloned().unwrap_or_default());
        }
        self.holidays.set(settings.holidays.join("\n"));
        self.reminder_days.set(settings.reminder_days.to_string());
        self.close_days.set(settings.close_days.to_string());
        self.tickets_per_day.set(settings.tickets_per_day.map(|cap| cap.to_string()).unwrap_or_default());
        self.default_tickets_per_day.set(settings.default_tickets_per_day);
        self.notification_address.set(settings.notification_address.clone().unwrap_or_default());
    }

    /// The request body, or the fields that are not whole numbers of days.
    fn settings(self) -> Result<SupportSettings, Vec<FieldError>> {
        let days = |signal: RwSignal<String>, field: &str| {
            signal
                .get_untracked()
                .trim()
                .parse::<u32>()
                .map_err(|_| FieldError { field: field.to_owned(), message: t("support-days-invalid").to_owned() })
        };
        let (reminder_days, close_days) =
            (days(self.reminder_days, "reminder_days"), days(self.close_days, "close_days"));
        let tickets_per_day = match self.tickets_per_day.get_untracked().trim() {
            "" => Ok(None),
            text => text.parse::<u32>().map(Some).map_err(|_| FieldError {
                field: "tickets_per_day".to_owned(),
                message: t("support-requests-invalid").to_owned(),
            }),
        };
        match (reminder_days, close_days, tickets_per_day) {
            (Ok(reminder_days), Ok(close_days), Ok(tickets_per_day)) => Ok(SupportSettings {
                time_zone: self.time_zone.get_untracked().trim().to_owned(),
                weekly: self.weekly.iter().map(|day| day.get_untracked().trim().to_owned()).collect(),
                holidays: lines(&self.holidays.get_untracked()),
                reminder_days,
                close_days,
                tickets_per_day,
                default_tickets_per_day: self.default_tickets_per_day.get_untracked(),
                notification_address: Some(self.notification_address.get_untracked().trim().to_owned())
                    .filter(|address| !address.is_empty()),
            }),
            (reminder_days, close_days, tickets_per_day) => {
                Err([reminder_days.err(), close_days.err(), tickets_per_day.err()].into_iter().flatten().collect())
            }
        }
    }
}

/// The support-hours card: loads the settings, and sends them back on "Update support hours".
#[component]
pub fn SupportHours() -> impl IntoView {
    let console = expect_context::<Console>();
    let form = Form {
        time_zone: RwSignal::new(String::new()),
        weekly: std::array::from_fn(|_| RwSignal::new(String::new())),
        holidays: RwSignal::new(String::new()),
        reminder_days: RwSignal::new(String::new()),
        close_days: RwSignal::new(String::new()),
        tickets_per_day: RwSignal::new(String::new()),
        default_tickets_per_day: RwSignal::new(0),
        notification_address: RwSignal::new(String::new()),
    };
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<Refusal>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    // The holidays as last sent, so an error about `holidays.N` can name the date.
    let sent_holidays = StoredValue::new(Vec::<String>::new());

    let load = move || {
        load_error.set(None);
        spawn_local(async move {
            let result = api::support_settings().await;
            if loaded.is_disposed() {
                return;
            }
            match result {
                Ok(settings) => {
                    form.fill(&settings);
                    loaded.set(true);
                }
                Err(error) => load_error.set(Some(console.explain(&error))),
            }
        });
    };
    load();

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        done.set(false);
        let settings = match form.settings() {
            Ok(settings) => settings,
            Err(fields) => {
                let message = t("check-fields").to_owned();
                refusal.set(Some(Refusal { message, fields }));
                return;
            }
        };
        sent_holidays.set_value(settings.holidays.clone());
        let csrf_token = console.csrf_token();
        busy.set(true);
        refusal.set(None);
        spawn_local(async move {
            let result = api::update_support_settings(&csrf_token, &settings).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match result {
                Ok(stored) => {
                    form.fill(&stored.unwrap_or(settings));
                    done.set(true);
                }
                Err(error) => refusal.set(Some(Refusal::of(console, &error))),
            }
        });
    };

    let holidays_error = Signal::derive(move || {
        refusal.with(|refusal| {
            let refusal = refusal.as_ref()?;
            sent_holidays.with_value(|sent| holiday_messages(&refusal.fields, sent))
        })
    });
    let weekdays = WEEKDAYS
        .iter()
        .zip(form.weekly)
        .map(|(&(id, label, field), value)| {
            view! {
                <div class="weekday">
                    <TextField id label=t(label) value error=field_message(refusal, field) />
                </div>
            }
        })
        .collect_view();

    view! {
        <form class="settings-card support-hours" on:submit=handler(submit) aria-labelledby="support-hours-title">
            <h3 id="support-hours-title">{t("support-title")}</h3>
            <p class="hint">
                {t("support-hint")}
            </p>
            {move || {
                load_error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="form-error" role="alert">{message}</p>
                            <button class="button" type="button" on:click=handler(move |_| load())>
                                {t("try-again")}
                            </button>
                        }
                    })
            }}
            <TextField
                id="support-time-zone"
                label=t("support-time-zone")
                value=form.time_zone
                hint=t("support-time-zone-hint")
                error=field_message(refusal, "time_zone")
            />
            <fieldset class="weekly-hours" aria-describedby="weekly-hint">
                <legend class="field-label">{t("support-weekly")}</legend>
                <p class="hint" id="weekly-hint">{t("support-weekly-hint")}</p>
                <div class="weekdays">{weekdays}</div>
                <FieldMessage id="support-weekly" error=field_message(refusal, "weekly") />
            </fieldset>
            <label class="field-label" for="support-holidays">{t("support-holidays")}</label>
            <p class="hint" id="support-holidays-hint">{t("support-holidays-hint")}</p>
            <textarea
                id="support-holidays"
                class="field"
                rows="4"
                spellcheck="false"
                aria-describedby=described_by("support-holidays", true, holidays_error)
                aria-invalid=move || holidays_error.with(Option::is_some).then_some("true")
                prop:value=form.holidays
                on:input=handler(move |event| form.holidays.set(event_target_value(&event)))
            ></textarea>
            <FieldMessage id="support-holidays" error=holidays_error />
            <div class="field-pair">
                <div>
                    <TextField
                        id="support-reminder-days"
                        label=t("support-reminder")
                        value=form.reminder_days
                        kind="number"
                        hint=t("support-reminder-hint")
                        error=field_message(refusal, "reminder_days")
                    />
                </div>
                <div>
                    <TextField
                        id="support-close-days"
                        label=t("support-close")
                        value=form.close_days
                        kind="number"
                        hint=t("support-close-hint")
                        error=field_message(refusal, "close_days")
                    />
                </div>
            </div>
            <TextField
                id="support-tickets-per-day"
                label=t("support-requests")
                value=form.tickets_per_day
                kind="number"
                hint=t("support-requests-hint")
                error=field_message(refusal, "tickets_per_day")
            />
            <p class="hint">
                {move || match form.default_tickets_per_day.get() {
                    0 => t("support-default-unlimited").to_owned(),
                    cap => t_with("support-default", &[("count", cap.into())]),
                }}
            </p>
            <TextField
                id="support-notification-address"
                label=t("support-notify")
                value=form.notification_address
                kind="email"
                hint=t("support-notify-hint")
                error=field_message(refusal, "notification_address")
            />
            <div class="form-actions">
                <button class="button primary" type="submit" disabled=move || busy.get() || !loaded.get()>
                    {t("support-update")}
                </button>
                <div class="form-feedback" aria-live="polite">
                    {move || done.get().then(|| view! { <p class="form-success">{t("support-updated")}</p> })}
                    {move || {
                        refusal.get().map(|refusal| view! { <p class="form-error" role="alert">{refusal.message}</p> })
                    }}
                </div>
            </div>
        </form>
    }
}

/// Non-blank lines, trimmed.
fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
}

/// The messages about `holidays` and `holidays.N`, each naming the date it is about.
fn holiday_messages(fields: &[FieldError], sent: &[String]) -> Option<String> {
    let messages: Vec<String> = fields
        .iter()
        .filter_map(|error| {
            if error.field == "holidays" {
                return Some(error.message.clone());
            }
            let index: usize = error.field.strip_prefix("holidays.")?.parse().ok()?;
            Some(match sent.get(index) {
                Some(date) => format!("{date}: {}", error.message),
                None => error.message.clone(),
            })
        })
        .collect();
    (!messages.is_empty()).then(|| messages.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(field: &str, message: &str) -> FieldError {
        FieldError { field: field.into(), message: message.into() }
    }

    #[test]
    fn holiday_errors_name_the_refused_date() {
        let sent = vec!["2026-12-25".to_owned(), "2026-13-01".to_owned()];
        let fields = [error("time_zone", "unknown"), error("holidays.1", "not a date")];
        assert_eq!(holiday_messages(&fields, &sent).as_deref(), Some("2026-13-01: not a date"));
        assert_eq!(holiday_messages(&fields[..1], &sent), None);
    }

    #[test]
    fn holidays_are_read_one_per_line_ignoring_blanks() {
        assert_eq!(lines(" 2026-12-25 \n\n2026-12-26\r\n"), ["2026-12-25", "2026-12-26"]);
    }
}
