//! The help center's articles at the API boundary, on both databases: agents manage
//! them, visitors read only what is published in their workspace, bodies render inert,
//! and folders import idempotently and export back.

use e2e::{AgentClient, Backend, TestApp};
use protocol::help::{Article, ArticleStatus, ArticleSummary, Category};
use protocol::limits::CSRF_HEADER;
use protocol::{ErrorBody, ErrorCode};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use server::articles::import::ImportOptions;
use server::articles::library;

async fn post(app: &TestApp, agent: &AgentClient, path: &str, body: serde_json::Value) -> reqwest::Response {
    agent
        .http
        .post(app.url(path))
        .header(CSRF_HEADER, &agent.session.csrf_token)
        .json(&body)
        .send()
        .await
        .expect("post")
}

async fn visitor_get(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    reqwest::Client::new().get(app.url(path)).bearer_auth(token).send().await.expect("get")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn agents_manage_articles_and_visitors_see_only_published_ones(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let category: Category =
        post(&app, &agent, "/api/v1/categories", json!({ "name": "Billing" })).await.json().await.expect("category");
    let duplicate = post(&app, &agent, "/api/v1/categories", json!({ "name": "Billing" })).await;
    assert_eq!(duplicate.status(), StatusCode::CONFLICT);

    let created = post(
        &app,
        &agent,
        "/api/v1/articles",
        json!({ "title": "How do I get a refund?", "body": "Open **Orders** and choose *Refund*.", "category_id": category.id,
                "tags": ["refunds", " refunds ", "billing"], "status": "draft" }),
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Article = created.json().await.expect("article");
    assert_eq!(created.slug, "how-do-i-get-a-refund");
    assert_eq!(created.tags, ["refunds", "billing"]);
    assert!(created.html.contains("<strong>Orders</strong>"), "{}", created.html);

    let visitor = app.create_visitor().await;
    let hidden = visitor_get(&app, &visitor.token, "/api/v1/widget/articles/how-do-i-get-a-refund").await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND, "drafts are not public");
    let listed: Vec<ArticleSummary> =
        visitor_get(&app, &visitor.token, "/api/v1/widget/articles").await.json().await.expect("list");
    assert!(listed.is_empty());

    let published = agent
        .http
        .put(app.url(&format!("/api/v1/articles/{}", created.id)))
        .header(CSRF_HEADER, &agent.session.csrf_token)
        .json(&json!({ "title": "How do I get a refund?", "body": "Open **Orders** and choose *Refund*.",
                       "category_id": category.id, "status": "published" }))
        .send()
        .await
        .expect("put");
    assert_eq!(published.status(), StatusCode::OK);
    let public: Article = visitor_get(&app, &visitor.token, "/api/v1/widget/articles/how-do-i-get-a-refund")
        .await
        .json()
        .await
        .expect("article");
    assert_eq!(public.status, ArticleStatus::Published);
    assert!(public.body.is_empty(), "visitors get rendered HTML, not the Markdown source");
    let in_category: Vec<ArticleSummary> =
        visitor_get(&app, &visitor.token, &format!("/api/v1/widget/articles?category={}", category.id))
            .await
            .json()
            .await
            .expect("list");
    assert_eq!(in_category.len(), 1);
    let categories: Vec<Category> =
        visitor_get(&app, &visitor.token, "/api/v1/widget/categories").await.json().await.expect("categories");
    assert_eq!(categories.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Billing"]);

    // Bad input gets a clear error and changes nothing.
    for (body, needle) in [
        (json!({ "title": " ", "body": "x", "status": "draft" }), "title"),
        (json!({ "title": "T", "slug": "Not A Slug", "body": "x", "status": "draft" }), "slug"),
        (json!({ "title": "T", "body": "x", "category_id": 999_999, "status": "draft" }), "category"),
        (json!({ "title": "T", "body": "x", "locale": "en US!", "status": "draft" }), "locale"),
    ] {
        let response = post(&app, &agent, "/api/v1/articles", body).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let error: ErrorBody = response.json().await.expect("error");
        assert!(error.message.contains(needle), "{}", error.message);
    }
    let clash = post(
        &app,
        &agent,
        "/api/v1/articles",
        json!({ "title": "How do I get a refund?", "body": "x", "status": "draft" }),
    )
    .await;
    assert_eq!(clash.status(), StatusCode::CONFLICT);
    let all: Vec<ArticleSummary> =
        agent.http.get(app.url("/api/v1/articles")).send().await.expect("list").json().await.expect("json");
    assert_eq!(all.len(), 1);

    // Without the CSRF token nothing is written; deleting works with it.
    let forged = agent.http.delete(app.url(&format!("/api/v1/articles/{}", created.id))).send().await.expect("delete");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let deleted = agent
        .http
        .delete(app.url(&format!("/api/v1/articles/{}", created.id)))
        .header(CSRF_HEADER, &agent.session.csrf_token)
        .send()
        .await
        .expect("delete");
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let gone = visitor_get(&app, &visitor.token, "/api/v1/widget/articles/how-do-i-get-a-refund").await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn articles_of_another_workspace_stay_out_of_reach(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.other_workspace().await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let article: Article =
        post(&app, &agent, "/api/v1/articles", json!({ "title": "Secret", "body": "x", "status": "published" }))
            .await
            .json()
            .await
            .expect("article");
    let eve = app.login(e2e::OTHER_EMAIL).await;
    let response = eve.http.get(app.url(&format!("/api/v1/articles/{}", article.id))).send().await.expect("get");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let edit = eve
        .http
        .put(app.url(&format!("/api/v1/articles/{}", article.id)))
        .header(CSRF_HEADER, &eve.session.csrf_token)
        .json(&json!({ "title": "Mine now", "body": "y", "status": "published" }))
        .send()
        .await
        .expect("put");
    assert_eq!(edit.status(), StatusCode::NOT_FOUND);
    let unchanged: Article = agent
        .http
        .get(app.url(&format!("/api/v1/articles/{}", article.id)))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(unchanged.title, "Secret");
    let unauthenticated = reqwest::get(app.url("/api/v1/widget/articles")).await.expect("get");
    assert_eq!(unauthenticated.status(), StatusCode::UNAUTHORIZED);
    let error: ErrorBody = unauthenticated.json().await.expect("error");
    assert_eq!(error.code, ErrorCode::Unauthorized);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_import_is_idempotent_and_an_export_imports_back_unchanged(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let folder = tempfile::tempdir().expect("folder");
    std::fs::create_dir_all(folder.path().join("billing")).expect("mkdir");
    std::fs::write(
        folder.path().join("billing/refunds.md"),
        "---\ntitle: Refunds\ntags: [money]\n---\n\nAsk for a refund within 30 days.\n",
    )
    .expect("write");
    std::fs::write(folder.path().join("welcome.md"), "# Welcome\n\nStart here.\n").expect("write");
    let options = ImportOptions { category_from_folders: true };
    let store = &app.state.store;

    let first =
        library::import_folder(store, &app.workspace, folder.path(), &options, |_, _| {}).await.expect("import");
    assert_eq!((first.created.len(), first.updated.len(), first.unchanged), (2, 0, 0));
    let again =
        library::import_folder(store, &app.workspace, folder.path(), &options, |_, _| {}).await.expect("import");
    assert_eq!((again.created.len(), again.updated.len(), again.unchanged), (0, 0, 2));
    std::fs::write(folder.path().join("welcome.md"), "# Welcome\n\nStart here, then invite your team.\n")
        .expect("write");
    let changed =
        library::import_folder(store, &app.workspace, folder.path(), &options, |_, _| {}).await.expect("import");
    assert_eq!((changed.created.len(), changed.updated.len(), changed.unchanged), (0, 1, 1));
    let articles = store.list_articles(app.workspace.id, true).await.expect("list");
    assert_eq!(articles.len(), 2, "no duplicates");
    let categories = store.list_categories(app.workspace.id).await.expect("categories");
    assert_eq!(categories.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["billing"]);

    let out = tempfile::tempdir().expect("folder");
    assert_eq!(library::export_folder(store, &app.workspace, out.path()).await.expect("export"), 2);
    let refunds = store.list_articles(app.workspace.id, true).await.expect("list");
    let refunds = refunds.iter().find(|a| a.title == "Refunds").expect("refunds article");
    let exported = std::fs::read_to_string(out.path().join(format!("{}.md", refunds.slug))).expect("read");
    assert!(
        exported.starts_with("---\n") && exported.contains("title: Refunds") && exported.contains("category: billing"),
        "{exported}"
    );
    let back = library::import_folder(
        store,
        &app.workspace,
        out.path(),
        &ImportOptions { category_from_folders: false },
        |_, _| {},
    )
    .await
    .expect("import");
    assert_eq!((back.created.len(), back.updated.len(), back.unchanged), (0, 0, 2), "{back:?}");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn the_demo_ships_its_own_help_center_once_and_keeps_edits_across_restarts(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let store = &app.state.store;
    let (demo, _) = server::operator::prepare_demo(store, &[]).await.expect("demo");
    let articles = store.list_articles(demo.id, true).await.expect("articles");
    assert!(articles.len() >= 12, "{} demo articles", articles.len());
    assert!(articles.iter().all(|a| a.category_id.is_some() && !a.body.trim().is_empty()));
    let categories = store.list_categories(demo.id).await.expect("categories");
    assert!(categories.len() >= 3, "{categories:?}");

    // An agent edits a demo article; the next start of the demo leaves it alone.
    let mut edited = articles[0].fields();
    edited.title = "Edited by the team".to_owned();
    store.update_article(articles[0].id, &edited, "<p>Edited</p>", 1).await.expect("edit");
    server::operator::prepare_demo(store, &[]).await.expect("demo again");
    let again = store.list_articles(demo.id, true).await.expect("articles");
    assert_eq!(again.len(), articles.len());
    assert!(again.iter().any(|a| a.title == "Edited by the team"));
}

/// An article body of about `chars` characters that a real help center could have:
/// sections with headings, paragraphs, nested lists, tables and code.
fn large_article(chars: usize) -> String {
    let mut body = String::new();
    let mut section = 0;
    while body.len() < chars {
        section += 1;
        body.push_str(&format!(
            "## Section {section}\n\nSome **bold** advice with a [link](/help/{section}) and `code`.\n\n"
        ));
        body.push_str("- one\n  - two\n    - three\n      > a quoted tip\n\n");
        body.push_str("| Plan | Price |\n|------|-------|\n| Basic | 10 |\n| Pro | 20 |\n\n");
        body.push_str("```\nhelpline serve --demo\n```\n\n");
    }
    body
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_pathologically_nested_article_is_refused_on_save_and_preview_while_a_large_one_renders(
    #[case] backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let saved: Article = post(
        &app,
        &agent,
        "/api/v1/articles",
        json!({ "title": "Kept", "body": "Kept *as is*.", "status": "published" }),
    )
    .await
    .json()
    .await
    .expect("article");

    for deep in [format!("{} deep", ">".repeat(15_000)), format!("{}deep", "<div>".repeat(15_000))] {
        let created =
            post(&app, &agent, "/api/v1/articles", json!({ "title": "Deep", "body": deep, "status": "draft" })).await;
        assert_eq!(created.status(), StatusCode::BAD_REQUEST);
        let error: ErrorBody = created.json().await.expect("error");
        assert_eq!(error.code, ErrorCode::BadRequest);
        assert_eq!(error.fields.len(), 1, "{error:?}");
        assert_eq!(error.fields[0].field, "body");
        assert!(error.message.contains("100 levels"), "{}", error.message);

        let edited = agent
            .http
            .put(app.url(&format!("/api/v1/articles/{}", saved.id)))
            .header(CSRF_HEADER, &agent.session.csrf_token)
            .json(&json!({ "title": "Kept", "body": deep, "status": "published" }))
            .send()
            .await
            .expect("put");
        assert_eq!(edited.status(), StatusCode::BAD_REQUEST);

        let preview = post(&app, &agent, "/api/v1/articles/preview", json!({ "markdown": deep })).await;
        assert_eq!(preview.status(), StatusCode::BAD_REQUEST);
        let error: ErrorBody = preview.json().await.expect("error");
        assert_eq!(error.fields[0].field, "markdown");
        assert!(error.message.contains("nests"), "{}", error.message);
    }
    let all: Vec<ArticleSummary> =
        agent.http.get(app.url("/api/v1/articles")).send().await.expect("list").json().await.expect("json");
    assert_eq!(all.len(), 1, "nothing refused was stored");
    let kept: Article = agent
        .http
        .get(app.url(&format!("/api/v1/articles/{}", saved.id)))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!((kept.body.as_str(), kept.html.trim()), ("Kept *as is*.", "<p>Kept <em>as is</em>.</p>"));

    let large = large_article(150_000);
    let created =
        post(&app, &agent, "/api/v1/articles", json!({ "title": "Large", "body": large, "status": "published" })).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Article = created.json().await.expect("article");
    let sections = large.matches("## Section").count();
    assert!(created.html.contains(&format!("<h2>Section {sections}</h2>")), "rendered to the end");
    assert_eq!(created.html.matches("<table>").count(), sections);
    let preview: protocol::help::Rendered =
        post(&app, &agent, "/api/v1/articles/preview", json!({ "markdown": large }))
            .await
            .json()
            .await
            .expect("preview");
    assert_eq!(preview.html, created.html);
}

/// Runs one statement with one id on the test database, below the API.
async fn execute(app: &TestApp, backend: Backend, sql: &str, id: i64) {
    use sqlx::Connection;
    match backend {
        Backend::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(app.database_url()).await.expect("connect");
            sqlx::query(sql).bind(id).execute(&mut conn).await.expect("execute");
        }
        Backend::Postgres | Backend::TwoNodes => {
            let mut conn = sqlx::PgConnection::connect(app.database_url()).await.expect("connect");
            sqlx::query(sql).bind(id).execute(&mut conn).await.expect("execute");
        }
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_article_is_rendered_when_saved_and_views_read_the_stored_html(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let created: Article =
        post(&app, &agent, "/api/v1/articles", json!({ "title": "Stored", "body": "**Once**", "status": "published" }))
            .await
            .json()
            .await
            .expect("article");
    let store = &app.state.store;
    assert_eq!(store.article_html(created.id).await.expect("html").as_deref(), Some(created.html.as_str()));

    // What is stored is what visitors get: a view does not render the body again.
    let record = store.article(created.id).await.expect("load").expect("article");
    store.update_article(created.id, &record.fields(), "<p>stored</p>", record.updated_at).await.expect("store");
    let visitor = app.create_visitor().await;
    let seen: Article =
        visitor_get(&app, &visitor.token, "/api/v1/widget/articles/stored").await.json().await.expect("article");
    assert_eq!(seen.html, "<p>stored</p>");

    // A row saved before HTML was stored gets it on its first view, once.
    execute(&app, backend, "UPDATE articles SET html = NULL WHERE id = $1", created.id).await;
    assert_eq!(store.article_html(created.id).await.expect("html"), None);
    let seen: Article =
        visitor_get(&app, &visitor.token, "/api/v1/widget/articles/stored").await.json().await.expect("article");
    assert_eq!(seen.html.trim(), "<p><strong>Once</strong></p>");
    assert_eq!(store.article_html(created.id).await.expect("html").as_deref(), Some(seen.html.as_str()));

    // An older row too deeply nested to render shows a notice instead, stored as well.
    let deep = record.fields();
    let deep = server::store::ArticleFields { body: format!("{} x", ">".repeat(15_000)), ..deep };
    store.update_article(created.id, &deep, "", record.updated_at).await.expect("store");
    execute(&app, backend, "UPDATE articles SET html = NULL WHERE id = $1", created.id).await;
    let seen: Article =
        visitor_get(&app, &visitor.token, "/api/v1/widget/articles/stored").await.json().await.expect("article");
    assert!(seen.html.contains("cannot be shown"), "{}", seen.html);
    assert_eq!(store.article_html(created.id).await.expect("html").as_deref(), Some(seen.html.as_str()));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_import_skips_a_pathologically_nested_page_with_the_reason_and_stores_html_for_the_rest(
    #[case] backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let folder = tempfile::tempdir().expect("folder");
    std::fs::write(folder.path().join("fine.md"), "# Fine\n\nAll **good**.\n").expect("write");
    std::fs::write(folder.path().join("deep.md"), format!("# Deep\n\n{} x\n", ">".repeat(15_000))).expect("write");
    let store = &app.state.store;
    let summary = library::import_folder(
        store,
        &app.workspace,
        folder.path(),
        &ImportOptions { category_from_folders: false },
        |_, _| {},
    )
    .await
    .expect("import");
    assert_eq!(summary.created, ["fine"]);
    assert_eq!(summary.skipped.len(), 1, "{summary:?}");
    let (path, reason) = &summary.skipped[0];
    assert!(path.ends_with("deep.md") && reason.contains("100 levels"), "{path:?}: {reason}");
    let fine = store.article_by_slug(app.workspace.id, "fine").await.expect("load").expect("imported");
    let html = store.article_html(fine.id).await.expect("html").expect("stored on import");
    assert!(html.contains("<strong>good</strong>"), "{html}");
}
