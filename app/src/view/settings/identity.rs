//! The "Identity verification" settings: the secret host applications sign their users'
//! identities with, its rotation, and whether unverified identities are refused.

use client::web::dom::handler;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::api::{IdentitySettings, UpdateIdentitySettings};

use crate::api::{self, ApiError};
use crate::console::Console;
use crate::dom;
use crate::l10n::t;

/// The secret (hidden until asked for), the rotate action and the requirement switch.
#[component]
pub fn IdentityVerification() -> impl IntoView {
    let console = expect_context::<Console>();
    let settings = RwSignal::new(None::<IdentitySettings>);
    let load_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let revealed = RwSignal::new(false);

    let load = move || console.load_into(settings, load_error, api::identity_settings());
    load();

    // Runs one change and shows its outcome; the settings come back with every answer.
    let apply =
        move |change: std::pin::Pin<Box<dyn std::future::Future<Output = Result<IdentitySettings, ApiError>>>>| {
            busy.set(true);
            failure.set(None);
            spawn_local(async move {
                let result = change.await;
                if busy.is_disposed() {
                    return;
                }
                busy.set(false);
                match result {
                    Ok(saved) => settings.set(Some(saved)),
                    Err(error) => failure.set(Some(console.explain(&error))),
                }
            });
        };
    let rotate = move |_| {
        if busy.get_untracked()
            || !dom::confirm(
                "Rotate the identity secret? Hashes and tokens made with the current one stop working at once, \
                 until your servers use the new one.",
            )
        {
            return;
        }
        let csrf_token = console.csrf_token();
        revealed.set(true);
        apply(Box::pin(async move { api::rotate_identity_secret(&csrf_token).await }));
    };
    let toggle = move |required: bool| {
        if busy.get_untracked() {
            return;
        }
        let csrf_token = console.csrf_token();
        let body = UpdateIdentitySettings { require_verified: required };
        apply(Box::pin(async move { api::update_identity_settings(&csrf_token, &body).await }));
    };

    let body = move || {
        if let Some(message) = load_error.get() {
            return view! {
                <p class="form-error" role="alert">{message}</p>
                <button class="button" type="button" on:click=handler(move |_| load())>
                    {t("try-again")}
                </button>
            }
            .into_any();
        }
        let Some(current) = settings.get() else {
            return view! { <p class="muted">{t("loading")}</p> }.into_any();
        };
        let secret = current.secret.clone();
        view! {
            <div class="identity-secret">
                {move || {
                    if revealed.get() {
                        view! { <pre class="snippet"><code>{secret.clone()}</code></pre> }.into_any()
                    } else {
                        view! {
                            <button class="button small" type="button" on:click=handler(move |_| revealed.set(true))>
                                {t("identity-show-secret")}
                            </button>
                        }
                        .into_any()
                    }
                }}
                <button class="button small ghost danger-text" type="button" disabled=busy on:click=handler(rotate)>
                    {t("identity-rotate-secret")}
                </button>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=current.require_verified
                    disabled=busy
                    on:change=handler(move |event| toggle(event_target_checked(&event)))
                />
                " "
                {t("identity-require")}
            </label>
        }
        .into_any()
    };

    view! {
        <section class="settings-card" aria-labelledby="identity-title">
            <h3 id="identity-title">{t("identity-title")}</h3>
            <p class="hint">
                "Your server signs who is signed in with this secret: user_hash is the hex HMAC-SHA256 of the user id, \
                 or identity_token an HS256 JWT with exp. Keep it on your server; anyone who has it can claim to be any user."
            </p>
            {move || body()}
            <div class="form-feedback" aria-live="polite">
                {move || failure.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            </div>
        </section>
    }
}
