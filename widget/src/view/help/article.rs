//! One article inside the messenger: its title, its server-rendered body, and the
//! feedback question.

use leptos::html;
use leptos::prelude::*;
use protocol::help::Article;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::Problem;
use super::feedback::Feedback;
use crate::help::{Help, Load};
use crate::l10n::t;

/// The article on screen.
#[component]
pub fn ArticleView(help: Help) -> impl IntoView {
    view! {
        <div class="screen">
            {move || match help.article.get() {
                Load::Loading => view! { <p class="hint">{t("help-article-loading")}</p> }.into_any(),
                Load::Failed(reason) => {
                    view! { <Problem message=reason.text() retry=Callback::new(move |()| help.retry_screen()) /> }.into_any()
                }
                Load::Ready(article) => {
                    let article_id = article.id;
                    view! {
                        <ArticleBody article />
                        <Feedback help article_id />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// The article itself.
#[component]
fn ArticleBody(article: Article) -> impl IntoView {
    let body = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(body) = body.get() {
            open_links_in_new_tabs(&body);
        }
    });
    // Invariant: `html` was rendered from Markdown and sanitised on the server with a
    // strict allow-list (no script, style, iframe, svg, math, form, event handlers or
    // style attributes; only http, https, mailto and relative URLs; see
    // docs/protocol.md). That is what makes inserting it as HTML safe; the messenger
    // never renders article Markdown itself.
    view! {
        <article class="article">
            // Focus lands on the title when the article opens.
            <h2 class="article-title" tabindex="-1" data-autofocus>
                {article.title}
            </h2>
            <div class="article-body" node_ref=body inner_html=article.html></div>
        </article>
    }
}

/// Links in an article open in a new tab: following one must never take the messenger
/// iframe away from the conversation.
fn open_links_in_new_tabs(body: &Element) {
    let Ok(links) = body.query_selector_all("a") else {
        return;
    };
    for link in (0..links.length()).filter_map(|index| links.item(index)?.dyn_into::<Element>().ok()) {
        let _ = link.set_attribute("target", "_blank");
        let _ = link.set_attribute("rel", "noopener noreferrer nofollow");
    }
}
