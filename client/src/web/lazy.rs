//! Code fetched when first needed. Both apps split screens and rarely used actions into
//! modules of their own (wasm-split, driven by `cargo xtask dist`). Fetching such a
//! module can fail: a phone loses its network, the server restarts with a new build.
//! Leptos's `#[lazy]` then traps the whole app (`unreachable`), so the apps mark those
//! functions `#[wasm_split(name, wasm_split_path = leptos::wasm_split, fallible)]`
//! instead: each returns `Result<_, NotLoaded>`, and a failed fetch is an `Err` the app
//! shows. The next call fetches again.
//!
//! [`view`] shows a lazily made view, or says the part could not be loaded and offers to
//! try again. A split function cannot be `async`; one whose work waits returns that work
//! as a [`Task`] for the caller to await.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::web::dom::handler;
use crate::web::l10n::t;

/// A module of the app's code could not be fetched (offline, or the server did not
/// answer). Nothing of it ran; calling again fetches again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Self
    }
}

/// The message id that says a part of the app could not be loaded; both apps' catalogs
/// have it.
pub const NOT_LOADED: &str = "part-not-loaded";

/// The work of a lazily loaded function that waits (for a request, a permission…),
/// returned by the function once its module is in.
pub type Task = Pin<Box<dyn Future<Output = ()>>>;

/// A view whose code is fetched first.
type Loading = Pin<Box<dyn Future<Output = Result<AnyView, NotLoaded>> + Send>>;

/// Shows the view `load` makes. Until its module is in, nothing; if fetching it failed,
/// an alert that says so with a "Try again" button, which calls `load` again.
pub fn view<Fut>(load: impl Fn() -> Fut + Send + Sync + 'static) -> AnyView
where
    Fut: Future<Output = Result<AnyView, NotLoaded>> + Send + 'static,
{
    // One boxed body for every call site: only the boxing is generic.
    shown(Box::new(move || Box::pin(load())))
}

fn shown(load: Box<dyn Fn() -> Loading + Send + Sync>) -> AnyView {
    // Counts the visitor's or agent's Try again presses; the view runs again on each.
    let attempts = RwSignal::new(0_u32);
    (move || {
        attempts.track();
        let loading = load();
        Suspend::new(async move {
            match loading.await {
                Ok(view) => view,
                Err(NotLoaded) => failed(attempts),
            }
        })
    })
    .into_any()
}

/// The alert in place of a part that did not arrive. Its button is a `pill` in the
/// messenger's stylesheet and a `button` in the console's, and takes the focus where the
/// messenger moves it to a screen's first control (`data-autofocus`).
fn failed(attempts: RwSignal<u32>) -> AnyView {
    view! {
        <div class="not-loaded" role="alert">
            // The id written out, not `NOT_LOADED`, so the catalogs' test finds it.
            <p>{t("part-not-loaded")}</p>
            <button type="button" class="pill button" data-autofocus on:click=handler(move |_| attempts.update(|count| *count += 1))>
                {t("try-again")}
            </button>
        </div>
    }
    .into_any()
}
