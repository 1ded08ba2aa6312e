//! The Helpline agent console: a Leptos client-side app served at `/console`.
//!
//! `App` decides between the login form and the signed-in [`view::Shell`]; the shell
//! owns a [`console::Console`], the shared state every signed-in view reads, and
//! [`sections::Sections`], which creates on first use a
//! [`help::HelpCenter`], the help-center pages' state, and [`tickets::Tickets`], the
//! ticket queue's and ticket view's state.

mod access;
mod alerts;
mod api;
mod audit;
mod chat;
mod console;
mod dom;
mod drafts;
mod format;
mod help;
mod inbox;
mod l10n;
mod navigation;
mod refusal;
mod reports;
mod route;
mod saved_replies;
mod sections;
mod state;
mod tickets;
mod view;

use client::backoff::Backoff;
use client::web::dom::pause;
use client::web::lazy::{self, NotLoaded};
use client::web::random;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::wasm_split;
use wasm_bindgen::prelude::*;

use crate::state::Auth;

/// Entry point called by the generated JavaScript module once the wasm is loaded.
#[wasm_bindgen(start)]
pub fn start() {
    // The readable panic message costs the formatting machinery (tens of kB), so only
    // debug builds carry it; a release panic still shows in the browser console as the
    // `unreachable` trap that aborts the module.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The whole console: asks who is signed in, then shows the login form or the console.
#[component]
pub fn App() -> impl IntoView {
    let auth = RwSignal::new(Auth::Checking);
    provide_context(auth);
    spawn_local(check_session(auth));

    // A memo, so repeating the same state (say, two requests both finding the session
    // gone) does not rebuild the page and wipe what the agent typed.
    let current = Memo::new(move |_| auth.get());
    move || match current.get() {
        Auth::Checking => view! { <p class="splash">{l10n::t("loading")}</p> }.into_any(),
        Auth::Unreachable => view! { <p class="splash" role="alert">{l10n::t("unreachable-retrying")}</p> }.into_any(),
        Auth::SignedOut => lazy::view(login_page),
        Auth::SignedIn(session) => view! { <view::Shell session /> }.into_any(),
    }
}

/// The sign-in form, in a module of its own (`wasm_split`): an agent who is signed in,
/// the usual case, never fetches it.
#[wasm_split(login_page, wasm_split_path = leptos::wasm_split, fallible)]
fn login_page() -> Result<AnyView, NotLoaded> {
    Ok(view! { <view::Login /> }.into_any())
}

/// Asks the server for the current session, retrying with the shared backoff while it
/// is unreachable or asks for a wait (429), as the messenger does.
async fn check_session(auth: RwSignal<Auth>) {
    let mut backoff = Backoff::default();
    loop {
        let error = match api::me().await {
            Ok(session) => return auth.set(Auth::SignedIn(session)),
            Err(error) => error,
        };
        match error.retry_delay(backoff.next_delay(random::unit())) {
            Some(delay) => {
                auth.set(Auth::Unreachable);
                pause(delay).await;
            }
            None => return auth.set(Auth::SignedOut),
        }
    }
}
