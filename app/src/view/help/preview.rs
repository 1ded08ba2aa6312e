//! The editor's live preview: the body rendered by the server as visitors will see it,
//! refreshed shortly after the agent stops typing.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::help::Preview;

use crate::api;
use crate::help::HelpCenter;
use crate::l10n::t;

/// How long typing must pause before the preview is rendered again.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// Numbers preview requests so an answer never replaces the answer to a later request.
#[derive(Debug, Default)]
struct Tickets {
    /// The newest request's number.
    issued: u64,
    /// The number of the request whose answer is shown.
    shown: u64,
}

impl Tickets {
    fn issue(&mut self) -> u64 {
        self.issued += 1;
        self.issued
    }

    /// Whether nothing newer was asked for since `ticket`.
    fn is_newest(&self, ticket: u64) -> bool {
        ticket == self.issued
    }

    /// Whether the answer to `ticket` may be shown: it is newer than what is shown.
    fn accept(&mut self, ticket: u64) -> bool {
        let newer = ticket > self.shown;
        if newer {
            self.shown = ticket;
        }
        newer
    }
}

/// A region named "Preview" holding the server-sanitised HTML of `markdown`.
#[component]
pub fn LivePreview(markdown: RwSignal<String>) -> impl IntoView {
    let console = expect_context::<HelpCenter>().console();
    let html = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let waiting = RwSignal::new(false);
    let tickets = StoredValue::new(Tickets::default());

    Effect::new(move |previous: Option<()>| {
        let text = markdown.get();
        let Some(ticket) = tickets.try_update_value(Tickets::issue) else {
            return;
        };
        if text.trim().is_empty() {
            tickets.update_value(|tickets| {
                tickets.accept(ticket);
            });
            html.set(String::new());
            error.set(None);
            waiting.set(false);
            return;
        }
        waiting.set(true);
        // The first render (opening an article) need not wait for typing to pause.
        let delay = if previous.is_none() { Duration::ZERO } else { DEBOUNCE };
        set_timeout(
            move || {
                if tickets.try_with_value(|tickets| tickets.is_newest(ticket)) != Some(true) {
                    return;
                }
                let csrf_token = console.csrf_token();
                spawn_local(async move {
                    let result = api::preview_article(&csrf_token, &Preview { markdown: text }).await;
                    if tickets.try_update_value(|tickets| tickets.accept(ticket)) != Some(true) {
                        return;
                    }
                    match result {
                        Ok(rendered) => {
                            html.set(rendered.html);
                            error.set(None);
                        }
                        Err(failure) => error.set(Some(console.explain(&failure))),
                    }
                    waiting.set(!tickets.with_value(|tickets| tickets.is_newest(ticket)));
                });
            },
            delay,
        );
    });

    let empty = move || html.with(String::is_empty) && !waiting.get();
    view! {
        <section class="settings-card preview" aria-labelledby="preview-title" aria-busy=move || waiting.get().to_string()>
            <h3 id="preview-title">{t("preview")}</h3>
            {move || error.get().map(|message| view! { <p class="form-error">{message}</p> })}
            <Show when=empty>
                <p class="muted">{t("preview-hint")}</p>
            </Show>
            // Rendered and sanitised by the server with a strict allow-list; the console
            // never renders article Markdown itself.
            <div class="article-body" inner_html=move || html.get()></div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::Tickets;

    #[test]
    fn an_answer_never_replaces_a_newer_one() {
        let mut tickets = Tickets::default();
        let first = tickets.issue();
        let second = tickets.issue();
        assert!(!tickets.is_newest(first));
        assert!(tickets.accept(second));
        assert!(!tickets.accept(first), "the older answer arrived late");
        let third = tickets.issue();
        assert!(tickets.is_newest(third));
        assert!(tickets.accept(third));
    }
}
