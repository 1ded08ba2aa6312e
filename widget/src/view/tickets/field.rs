//! One labelled input with its error beside it, shared by the email form, a hand-off's
//! card and the rating's comment.

use client::web::dom::handler;
use leptos::either::Either;
use leptos::prelude::*;

/// What kind of text an input takes, which sets its element and what the browser may
/// fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of free text.
    Line,
    /// An email address.
    Email,
    /// A person's name.
    Name,
    /// Several lines.
    Lines,
}

/// A `<label>` and its input. The error, when there is one, is shown under the input and
/// read with it (`aria-describedby`), and the input is marked invalid. `id` is also the
/// input's `data-focus-key`, so focus can be sent to it after a refusal.
#[component]
pub fn FormField(
    id: String,
    label: String,
    kind: Kind,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let invalid = move || error.with(Option::is_some).then_some("true");
    let described_by = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    let input = move |event| on_input.run(event_target_value(&event));
    let control = if kind == Kind::Lines {
        Either::Left(view! {
            <textarea
                id=id.clone()
                class="field"
                rows="3"
                data-focus-key=id.clone()
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=handler(input)
            ></textarea>
        })
    } else {
        let (input_type, autocomplete) = match kind {
            Kind::Email => ("email", "email"),
            Kind::Name => ("text", "name"),
            Kind::Line | Kind::Lines => ("text", "off"),
        };
        Either::Right(view! {
            <input
                id=id.clone()
                class="field"
                type=input_type
                autocomplete=autocomplete
                data-focus-key=id.clone()
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=handler(input)
            />
        })
    };
    view! {
        <div class="form-field">
            <label class="form-label" for=id>
                {label}
            </label>
            {control}
            {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone()>{message}</p> })}
        </div>
    }
}
