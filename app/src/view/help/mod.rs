//! The help center page: articles and categories, the article editor, and insights.

mod article_list;
mod categories;
mod editor;
mod insights;
mod preview;

use leptos::prelude::*;

use crate::help::{HelpCenter, Section};
use crate::l10n::t;
use article_list::ArticleList;
use editor::Editor;
use insights::Insights;

/// The "Help center" page: a heading, the Articles and Insights tabs, and the section shown.
#[component]
pub fn HelpCenterPage() -> impl IntoView {
    let help = expect_context::<HelpCenter>();
    let section = help.section;
    // The editor belongs to the Articles tab.
    let tab = move |target: Section, label: &'static str| {
        let current = move || match section.get() {
            Section::Editor => Section::Articles,
            shown => shown,
        };
        super::tabs::tab_button(current, target, t(label), move |chosen| help.show(chosen))
    };
    view! {
        <main id="main-content" class="help" tabindex="-1">
            <div class="help-head">
                <h2 class="pane-title">{t("nav-help-center")}</h2>
                <div class="tabs" role="group" aria-label=t("help-sections")>
                    {tab(Section::Articles, "help-articles")}
                    {tab(Section::Insights, "help-insights")}
                </div>
            </div>
            {move || match section.get() {
                Section::Articles => view! { <ArticleList /> }.into_any(),
                Section::Editor => view! { <Editor /> }.into_any(),
                Section::Insights => view! { <Insights /> }.into_any(),
            }}
        </main>
    }
}
