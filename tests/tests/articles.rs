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
    store.update_article(articles[0].id, &edited, 1).await.expect("edit");
    server::operator::prepare_demo(store, &[]).await.expect("demo again");
    let again = store.list_articles(demo.id, true).await.expect("articles");
    assert_eq!(again.len(), articles.len());
    assert!(again.iter().any(|a| a.title == "Edited by the team"));
}
