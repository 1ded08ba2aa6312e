//! The categories panel: the workspace's categories in order, and a form to add one.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::help::CategoryInput;

use crate::api;
use crate::help::HelpCenter;
use crate::l10n::t;
use crate::view::field::TextField;

/// Lists the categories and adds new ones; what was typed stays when the server refuses.
#[component]
pub fn Categories() -> impl IntoView {
    let help = expect_context::<HelpCenter>();
    let console = help.console();
    let (categories, categories_error) = (help.categories, help.categories_error);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let add = move |event: SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let Ok(position_number) = parse_position(&position.get_untracked()) else {
            error.set(Some(t("category-order-invalid").to_owned()));
            return;
        };
        let input = CategoryInput {
            name: name.get_untracked(),
            description: description.get_untracked(),
            position: position_number,
        };
        let csrf_token = console.csrf_token();
        saving.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::create_category(&csrf_token, &input).await;
            if saving.is_disposed() {
                return;
            }
            saving.set(false);
            match result {
                Ok(category) => {
                    help.category_added(category);
                    name.set(String::new());
                    description.set(String::new());
                    position.set(String::new());
                }
                Err(failure) => error.set(Some(console.explain(&failure))),
            }
        });
    };

    let list = move || {
        if let Some(message) = categories_error.get() {
            return view! { <p class="form-error" role="alert">{message}</p> }.into_any();
        }
        match categories.get() {
            None => view! { <p class="muted">{t("categories-loading")}</p> }.into_any(),
            Some(categories) if categories.is_empty() => {
                view! { <p class="muted">{t("categories-none")}</p> }.into_any()
            }
            Some(categories) => view! {
                <ul class="category-list">
                    {categories
                        .into_iter()
                        .map(|category| {
                            let description = (!category.description.is_empty())
                                .then(|| view! { <span class="muted">{category.description}</span> });
                            view! {
                                <li>
                                    <span>{category.name}</span>
                                    {description}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        }
    };

    view! {
        <section class="settings-card help-categories" aria-labelledby="categories-title">
            <h3 id="categories-title">{t("categories")}</h3>
            {move || list()}
            <form class="category-form" on:submit=handler(add) aria-labelledby="add-category-title">
                <h4 id="add-category-title">{t("category-add-title")}</h4>
                <TextField id="category-name" label=t("category-name") value=name />
                <TextField id="category-description" label=t("category-description") value=description />
                <TextField
                    id="category-position"
                    label=t("category-order")
                    value=position
                    hint=t("category-order-hint")
                    kind="number"
                />
                {move || error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
                <button class="button" type="submit" disabled=saving>
                    {t("category-add")}
                </button>
            </form>
        </section>
    }
}

/// The order field as a number; empty means 0.
fn parse_position(text: &str) -> Result<i64, std::num::ParseIntError> {
    let text = text.trim();
    if text.is_empty() { Ok(0) } else { text.parse() }
}

#[cfg(test)]
mod tests {
    use super::parse_position;

    #[test]
    fn an_empty_order_is_zero_and_others_must_be_whole_numbers() {
        assert_eq!(parse_position(" "), Ok(0));
        assert_eq!(parse_position(" -3 "), Ok(-3));
        assert!(parse_position("1.5").is_err());
    }
}
