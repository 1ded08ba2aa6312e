//! A labelled one-line text field bound to a signal, shared by the console's forms so
//! each form does not compile its own copy of the same input.

use leptos::prelude::*;

/// A `label` and an `input` for `value`, with an optional hint the input is described by.
#[component]
pub fn TextField(
    /// The input's id; the hint's id is derived from it.
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<&'static str>,
    /// Marks the input invalid, e.g. after the server refused its value.
    #[prop(optional, into)]
    invalid: Signal<bool>,
    /// The input's `type`: "text" unless given.
    #[prop(default = "text")]
    kind: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described_by = hint.map(|_| hint_id.clone());
    view! {
        <label class="field-label" for=id>
            {label}
        </label>
        {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
        <input
            id=id
            class="field"
            type=kind
            aria-describedby=described_by
            aria-invalid=move || invalid.get().then_some("true")
            prop:value=value
            on:input=move |event| value.set(event_target_value(&event))
        />
    }
}
