//! The "API keys" settings: keys host backends create tickets with. A new key is shown
//! once, right after it is created; the server keeps only its hash.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::tickets::{ApiKey, NewApiKey};

use crate::api;
use crate::console::Console;
use crate::dom;
use crate::format;
use crate::l10n::{t, t_with};
use crate::refusal::{Refusal, field_message};
use crate::view::field::TextField;

/// The keys, a form to create one, and the new key while it can still be copied.
#[component]
pub fn ApiKeys() -> impl IntoView {
    let console = expect_context::<Console>();
    let keys = RwSignal::new(None::<Vec<ApiKey>>);
    let load_error = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<Refusal>);
    let busy = RwSignal::new(false);
    // The key just created, with its secret: shown until the next action.
    let fresh = RwSignal::new(None::<ApiKey>);

    let load = move || console.load_into(keys, load_error, api::api_keys());
    load();

    let create = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let input = NewApiKey { name: name.get_untracked().trim().to_owned() };
        let csrf_token = console.csrf_token();
        busy.set(true);
        refusal.set(None);
        fresh.set(None);
        spawn_local(async move {
            let result = api::create_api_key(&csrf_token, &input).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match result {
                Ok(key) => {
                    keys.update(|keys| keys.get_or_insert_with(Vec::new).push(ApiKey { key: None, ..key.clone() }));
                    name.set(String::new());
                    fresh.set(Some(key));
                }
                Err(error) => refusal.set(Some(Refusal::of(console, &error))),
            }
        });
    };
    let delete = move |key: ApiKey| {
        if busy.get_untracked() || !dom::confirm(&t_with("api-key-delete-question", &[("name", (&key.name).into())])) {
            return;
        }
        let csrf_token = console.csrf_token();
        busy.set(true);
        refusal.set(None);
        fresh.set(None);
        spawn_local(async move {
            let result = api::delete_api_key(&csrf_token, key.id).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match result {
                Ok(()) => keys.update(|keys| {
                    if let Some(keys) = keys {
                        keys.retain(|known| known.id != key.id);
                    }
                }),
                Err(error) => refusal.set(Some(Refusal::of(console, &error))),
            }
        });
    };

    let list = move || {
        if let Some(message) = load_error.get() {
            return view! {
                <p class="form-error" role="alert">{message}</p>
                <button class="button" type="button" on:click=handler(move |_| load())>
                    {t("try-again")}
                </button>
            }
            .into_any();
        }
        match keys.get() {
            None => view! { <p class="muted">{t("api-keys-loading")}</p> }.into_any(),
            Some(keys) if keys.is_empty() => view! { <p class="muted">{t("api-keys-none")}</p> }.into_any(),
            Some(keys) => view! {
                <ul class="key-list">
                    {keys
                        .into_iter()
                        .map(|key| {
                            let created = key.created_at;
                            let label = t_with("api-key-delete-label", &[("name", (&key.name).into())]);
                            let name = key.name.clone();
                            view! {
                                <li>
                                    <span class="key-name">{name}</span>
                                    <time class="muted" datetime=format::iso(created)>
                                        {t_with("api-key-created", &[("at", (&format::date_time(created)).into())])}
                                    </time>
                                    <button
                                        class="button small ghost danger-text"
                                        type="button"
                                        aria-label=label
                                        disabled=busy
                                        on:click=handler(move |_| delete(key.clone()))
                                    >
                                        {t("delete")}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        }
    };
    let fresh_key = move || {
        fresh.get().and_then(|key| key.key.map(|secret| (key.name, secret))).map(|(name, secret)| {
            view! {
                <div class="new-key" role="status">
                    <p>{t_with("api-key-fresh", &[("name", (&name).into())])}</p>
                    <pre class="snippet"><code>{secret}</code></pre>
                </div>
            }
        })
    };

    view! {
        <section class="settings-card" aria-labelledby="api-keys-title">
            <h3 id="api-keys-title">{t("api-keys")}</h3>
            <p class="hint">
                {t("api-keys-hint")}
            </p>
            {move || list()}
            {move || fresh_key()}
            <form class="key-form" on:submit=handler(create)>
                <TextField
                    id="api-key-name"
                    label=t("api-key-name")
                    value=name
                    hint=t("api-key-name-hint")
                    error=field_message(refusal, "name")
                />
                <button class="button" type="submit" disabled=busy>
                    {t("api-key-create")}
                </button>
                <div class="form-feedback" aria-live="polite">
                    {move || {
                        refusal.get().map(|refusal| view! { <p class="form-error" role="alert">{refusal.message}</p> })
                    }}
                </div>
            </form>
        </section>
    }
}
