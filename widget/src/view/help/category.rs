//! One category: its name and its published articles.

use leptos::prelude::*;

use super::ArticleList;
use crate::help::Help;

/// The articles of the category on screen.
#[component]
pub fn CategoryView(help: Help, name: String) -> impl IntoView {
    view! {
        <div class="screen">
            // Focus lands on the heading, so screen readers say where the visitor is.
            <h2 class="screen-title" tabindex="-1" data-autofocus>
                {name}
            </h2>
            <ArticleList
                help
                list=help.category
                loading="help-category-loading"
                empty="help-category-empty"
                retry=Callback::new(move |()| help.retry_screen())
            />
        </div>
    }
}
