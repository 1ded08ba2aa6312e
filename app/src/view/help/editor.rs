//! The article editor: its fields, the live preview beside them, and save, publish and
//! delete. The fields live in [`HelpCenter`], so errors and page switches lose nothing.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::html::Button;
use leptos::prelude::*;
use protocol::help::ArticleStatus;

use super::article_list::StatusBadge;
use super::preview::LivePreview;
use crate::help::{HelpCenter, Outcome, Section, Subject};
use crate::l10n::t;
use crate::view::field::TextField;
use crate::view::not_found::NotFound;

/// What the editor shows; a memo so saving (which replaces the subject) does not
/// rebuild the form.
#[derive(Debug, Clone, PartialEq)]
enum Pane {
    Loading,
    Failed(i64, String),
    Missing,
    Ready,
}

/// The editor section: a loading note, an error with retry, or the form and preview.
#[component]
pub fn Editor() -> impl IntoView {
    let help = expect_context::<HelpCenter>();
    if help.categories.with_untracked(Option::is_none) {
        help.refresh_categories();
    }
    let subject = help.subject;
    let pane = Memo::new(move |_| {
        subject.with(|subject| match subject {
            Subject::Loading(_) => Pane::Loading,
            Subject::Failed(id, message) => Pane::Failed(*id, message.clone()),
            Subject::Missing(_) => Pane::Missing,
            Subject::New | Subject::Saved(_) => Pane::Ready,
        })
    });
    move || match pane.get() {
        Pane::Loading => view! { <p class="pane-note">{t("article-loading")}</p> }.into_any(),
        Pane::Failed(id, message) => view! {
            <div class="settings-card">
                <p class="form-error" role="alert">{message}</p>
                <div class="form-actions">
                    <button class="button" type="button" on:click=handler(move |_| help.open(id))>
                        {t("try-again")}
                    </button>
                    <button class="button ghost" type="button" on:click=handler(move |_| help.show(Section::Articles))>
                        {t("article-back")}
                    </button>
                </div>
            </div>
        }
        .into_any(),
        Pane::Missing => {
            view! { <NotFound heading="not-found-article" missing="not-found-article-missing" /> }.into_any()
        }
        Pane::Ready => view! { <ArticleForm /> }.into_any(),
    }
}

/// The form and its preview.
#[component]
fn ArticleForm() -> impl IntoView {
    let help = expect_context::<HelpCenter>();
    let (form, subject, busy, outcome) = (help.form, help.subject, help.busy, help.outcome);
    // The stored article's title and status, or None while it is new.
    let stored = Memo::new(move |_| {
        subject.with(|subject| match subject {
            Subject::Saved(article) => Some((article.title.clone(), article.status)),
            _ => None,
        })
    });
    let status = move || stored.with(|stored| stored.as_ref().map(|(_, status)| *status));
    let published = move || status() == Some(ArticleStatus::Published);
    let heading = move || {
        stored.with(|stored| stored.as_ref().map_or_else(|| t("article-new").to_owned(), |(title, _)| title.clone()))
    };
    let slug_taken = move || {
        outcome.with(|outcome| match outcome {
            Some(Outcome::Refused { taken_slug: Some(taken), .. }) => form.slug.with(|slug| slug == taken),
            _ => false,
        })
    };

    // Enter in a field, or the first button: save, keeping the status it has.
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if published() {
            help.save(ArticleStatus::Published, "saved");
        } else {
            help.save(ArticleStatus::Draft, "article-draft-saved");
        }
    };
    let toggle_status = move |_| {
        if published() {
            help.save(ArticleStatus::Draft, "article-unpublished");
        } else {
            help.save(ArticleStatus::Published, "article-published");
        }
    };

    let category_options = move || {
        help.categories
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|category| {
                let id = category.id;
                view! {
                    <option value=id.to_string() prop:selected=move || form.category_id.get() == Some(id)>
                        {category.name}
                    </option>
                }
            })
            .collect_view()
    };
    let feedback = move || {
        outcome.get().map(|outcome| match outcome {
            Outcome::Done(text) => view! { <p class="form-success">{t(text)}</p> }.into_any(),
            Outcome::Refused { message, .. } => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
        })
    };

    view! {
        <div class="editor-head">
            <button class="button ghost" type="button" on:click=handler(move |_| help.show(Section::Articles))>
                {t("article-back")}
            </button>
            <h3 class="editor-title" id="editor-title">{move || heading()}</h3>
            {move || status().map(|status| view! { <StatusBadge status /> })}
            {move || help.unsaved.get().then(|| view! { <span class="unsaved">{t("unsaved-changes")}</span> })}
        </div>
        <div class="editor">
            <form class="settings-card editor-form" on:submit=handler(on_submit) aria-labelledby="editor-title">
                <TextField id="article-title" label=t("field-title") value=form.title />
                <TextField
                    id="article-slug"
                    label=t("article-slug")
                    value=form.slug
                    hint=t("article-slug-hint")
                    invalid=Signal::derive(slug_taken)
                />
                <div class="field-pair">
                    <div>
                        <label class="field-label" for="article-category">{t("field-category")}</label>
                        <select
                            id="article-category"
                            class="field"
                            on:change=handler(move |event| form.category_id.set(event_target_value(&event).parse().ok()))
                        >
                            <option value="" prop:selected=move || form.category_id.get().is_none()>
                                {t("article-no-category")}
                            </option>
                            {move || category_options()}
                        </select>
                    </div>
                    <div>
                        <TextField id="article-locale" label=t("article-locale") value=form.locale />
                    </div>
                </div>
                <TextField id="article-tags" label=t("field-tags") value=form.tags hint=t("article-tags-hint") />
                <label class="field-label" for="article-body">{t("article-body")}</label>
                <p class="hint" id="article-body-hint">{t("article-body-hint")}</p>
                <textarea
                    id="article-body"
                    class="field editor-body"
                    rows="16"
                    aria-describedby="article-body-hint"
                    prop:value=form.body
                    on:input=handler(move |event| form.body.set(event_target_value(&event)))
                ></textarea>
                <div class="form-actions">
                    <button class="button" type="submit" disabled=busy>
                        {move || if published() { t("article-save-changes") } else { t("article-save-draft") }}
                    </button>
                    <button class="button primary" type="button" disabled=busy on:click=handler(toggle_status)>
                        {move || if published() { t("article-unpublish") } else { t("article-publish") }}
                    </button>
                    <span class="top-bar-spacer"></span>
                    {move || stored.with(Option::is_some).then(|| view! { <DeleteButton /> })}
                </div>
                <div class="form-feedback" aria-live="polite">
                    {move || feedback()}
                </div>
            </form>
            <LivePreview markdown=form.body />
        </div>
    }
}

/// "Delete", then a confirmation step before anything is deleted.
#[component]
fn DeleteButton() -> impl IntoView {
    let help = expect_context::<HelpCenter>();
    let confirming = RwSignal::new(false);
    let cancel = NodeRef::<Button>::new();
    // Focus follows the question, so keyboard users land on the safe answer.
    Effect::new(move |_| {
        if let Some(cancel) = cancel.get() {
            let _ = cancel.focus();
        }
    });
    move || {
        if confirming.get() {
            view! {
                <div class="confirm" role="group" aria-label=t("article-confirm-deletion")>
                    <span>{t("article-delete-question")}</span>
                    <button class="button danger" type="button" disabled=help.busy on:click=handler(move |_| help.delete())>
                        {t("article-delete")}
                    </button>
                    <button class="button" type="button" node_ref=cancel on:click=handler(move |_| confirming.set(false))>
                        {t("cancel")}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button class="button ghost danger-text" type="button" on:click=handler(move |_| confirming.set(true))>
                    {t("delete")}
                </button>
            }
            .into_any()
        }
    }
}
