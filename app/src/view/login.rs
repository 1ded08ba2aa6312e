//! The sign-in form shown when no agent is signed in.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::api::Login as Credentials;

use crate::api;
use crate::l10n::{self, t};
use crate::state::Auth;

/// Email and password form; on success the console replaces it.
#[component]
pub fn Login() -> impl IntoView {
    let auth = expect_context::<RwSignal<Auth>>();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let credentials =
            Credentials { email: email.get_untracked().trim().to_owned(), password: password.get_untracked() };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::login(&credentials).await {
                Ok(session) => auth.set(Auth::SignedIn(session)),
                Err(failure) => {
                    error.set(Some(l10n::error_text(&failure)));
                    busy.set(false);
                }
            }
        });
    };

    view! {
        <main class="login">
            <form class="login-card" on:submit=handler(submit)>
                <h1 class="login-title">"Helpline"</h1>
                <p class="login-intro">{t("login-intro")}</p>
                <label class="field-label" for="login-email">{t("login-email")}</label>
                <input
                    id="login-email"
                    class="field"
                    type="email"
                    name="email"
                    autocomplete="username"
                    required
                    prop:value=move || email.get()
                    on:input=handler(move |event| email.set(event_target_value(&event)))
                />
                <label class="field-label" for="login-password">{t("login-password")}</label>
                <input
                    id="login-password"
                    class="field"
                    type="password"
                    name="password"
                    autocomplete="current-password"
                    required
                    prop:value=move || password.get()
                    on:input=handler(move |event| password.set(event_target_value(&event)))
                />
                {move || error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
                <button class="button primary" type="submit" disabled=move || busy.get()>
                    {t("login-submit")}
                </button>
            </form>
        </main>
    }
}
