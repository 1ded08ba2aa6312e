//! Labelled fields bound to signals, shared by the console's forms so each form does
//! not compile its own copy of the same input: one line, several, or a ticket enum.
//! Labels and hints come in the console's words (`l10n::t`).

use client::web::dom::handler;
use leptos::prelude::*;

use crate::tickets::Choice;

/// A `label` and an `input` for `value`, with an optional hint and the server's message
/// about the field, both of which the input is described by.
#[component]
pub fn TextField(
    /// The input's id; the hint's and the error's ids are derived from it.
    id: &'static str,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(optional, into)] hint: Option<String>,
    /// Marks the input invalid, e.g. after the server refused its value.
    #[prop(optional, into)]
    invalid: Signal<bool>,
    /// What the server said about this field; marks it invalid too.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// The input's `type`: "text" unless given.
    #[prop(default = "text")]
    kind: &'static str,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <label class="field-label" for=id>
            {label}
        </label>
        {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
        <input
            id=id
            class="field"
            type=kind
            aria-describedby=described_by(id, has_hint, error)
            aria-invalid=move || (invalid.get() || error.with(Option::is_some)).then_some("true")
            prop:value=value
            on:input=handler(move |event| value.set(event_target_value(&event)))
        />
        <FieldMessage id=id error />
    }
}

/// A `label` and a `textarea` for `value`, with an optional hint and server message.
#[component]
pub fn AreaField(
    /// The textarea's id; the hint's and the error's ids are derived from it.
    id: &'static str,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(optional, into)] hint: Option<String>,
    /// What the server said about this field; marks it invalid.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <label class="field-label" for=id>
            {label}
        </label>
        {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
        <textarea
            id=id
            class="field"
            rows=rows
            aria-describedby=described_by(id, has_hint, error)
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            prop:value=value
            on:input=handler(move |event| value.set(event_target_value(&event)))
        ></textarea>
        <FieldMessage id=id error />
    }
}

/// The server's message about field `id`, under it, while there is one.
#[component]
pub fn FieldMessage(id: &'static str, error: Signal<Option<String>>) -> impl IntoView {
    move || error.get().map(|message| view! { <p class="field-error" id=format!("{id}-error")>{message}</p> })
}

/// The ids a field is described by: its hint, if it has one, and its error while shown.
pub fn described_by(
    id: &'static str,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A `label` and a `select` of every value of a ticket enum, bound to `value`.
#[component]
pub fn ChoiceField<T: Choice>(
    /// The select's id; the error's id is derived from it.
    id: &'static str,
    #[prop(into)] label: String,
    value: RwSignal<T>,
    /// What the server said about this field.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let options = T::ALL
        .iter()
        .map(|&choice| {
            view! {
                <option value=choice.value() prop:selected=move || value.get() == choice>
                    {choice.label()}
                </option>
            }
        })
        .collect_view();
    view! {
        <label class="field-label" for=id>
            {label}
        </label>
        <select
            id=id
            class="field"
            aria-describedby=described_by(id, false, error)
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            on:change=handler(move |event| {
                if let Some(choice) = T::from_value(&event_target_value(&event)) {
                    value.set(choice);
                }
            })
        >
            {options}
        </select>
        <FieldMessage id=id error />
    }
}
