//! "Did this answer your question?" under an article, then a thank-you; after a "No",
//! the way into the chat.

use client::web::dom::handler;
use leptos::prelude::*;

use crate::help::{Answer, FEEDBACK_KEY, Help};
use crate::l10n::t;

/// The feedback question for one article.
#[component]
pub fn Feedback(help: Help, article_id: i64) -> impl IntoView {
    let answer = move || help.answer_for(article_id);
    let ask = move |failed: bool, sending: bool| {
        let failure = failed.then(|| view! { <p class="error">{t("help-feedback-failed")}</p> });
        view! {
            <p class="feedback-question" id="feedback-question">
                {t("help-feedback-question")}
            </p>
            <div class="feedback-buttons" role="group" aria-labelledby="feedback-question">
                <button type="button" class="pill" disabled=sending on:click=handler(move |_| help.answer(article_id, true))>
                    {t("help-feedback-yes")}
                </button>
                <button type="button" class="pill" disabled=sending on:click=handler(move |_| help.answer(article_id, false))>
                    {t("help-feedback-no")}
                </button>
            </div>
            {failure}
        }
    };
    view! {
        <section class="feedback" aria-label=t("help-feedback-label")>
            {move || match answer() {
                Some(Answer::Sent(true)) => {
                    view! {
                        <p class="feedback-thanks" tabindex="-1" data-focus-key=FEEDBACK_KEY>
                            {t("help-feedback-thanks")}
                        </p>
                    }
                        .into_any()
                }
                Some(Answer::Sent(false)) => {
                    view! {
                        <p class="feedback-thanks" tabindex="-1" data-focus-key=FEEDBACK_KEY>
                            {t("help-feedback-sorry")}
                        </p>
                        <button type="button" class="chat-entry" data-focus-key="chat" on:click=handler(move |_| help.open_chat())>
                            {t("contact-chat")}
                        </button>
                    }
                        .into_any()
                }
                Some(Answer::Sending(_)) => ask(false, true).into_any(),
                Some(Answer::Failed) => ask(true, false).into_any(),
                None => ask(false, false).into_any(),
            }}
        </section>
    }
}
