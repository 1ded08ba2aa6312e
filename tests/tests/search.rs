//! Help-center search through HTTP on both databases: as-you-type with typos, only
//! published articles of the visitor's workspace, and an index that follows the
//! database, including changes made by another process.

use e2e::{AgentClient, Backend, TestApp};
use protocol::help::{Article, SearchResult};
use protocol::limits::CSRF_HEADER;
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use server::articles::import::ImportOptions;
use server::articles::library;

async fn write_article(app: &TestApp, agent: &AgentClient, id: Option<i64>, body: serde_json::Value) -> Article {
    let request = match id {
        Some(id) => agent.http.put(app.url(&format!("/api/v1/articles/{id}"))),
        None => agent.http.post(app.url("/api/v1/articles")),
    };
    let response = request.header(CSRF_HEADER, &agent.session.csrf_token).json(&body).send().await.expect("write");
    assert!(response.status().is_success(), "{}", response.status());
    response.json().await.expect("article")
}

async fn search(app: &TestApp, token: &str, query: &str) -> Vec<SearchResult> {
    let response = reqwest::Client::new()
        .get(app.url("/api/v1/widget/search"))
        .query(&[("q", query)])
        .bearer_auth(token)
        .send()
        .await
        .expect("search");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("results")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn visitors_find_published_articles_as_they_type_even_with_typos(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let refund = write_article(
        &app,
        &agent,
        None,
        json!({ "title": "How do I get a refund?", "body": "Open **Orders** and choose *Refund* within 30 days.", "status": "published" }),
    )
    .await;
    write_article(
        &app,
        &agent,
        None,
        json!({ "title": "Refund policy draft", "body": "Not ready.", "status": "draft" }),
    )
    .await;
    let visitor = app.create_visitor().await;

    for query in ["refu", "get a refnud", "REFUND", "orders refund"] {
        let results = search(&app, &visitor.token, query).await;
        assert_eq!(results.iter().map(|r| r.slug.as_str()).collect::<Vec<_>>(), ["how-do-i-get-a-refund"], "{query}");
    }
    let results = search(&app, &visitor.token, "refund").await;
    assert!(results[0].title_html.contains("<mark>"), "{}", results[0].title_html);

    // Unpublishing takes it out of search at once; publishing brings it back.
    let body =
        json!({ "title": "How do I get a refund?", "body": "Open **Orders** and choose *Refund*.", "status": "draft" });
    write_article(&app, &agent, Some(refund.id), body).await;
    assert!(search(&app, &visitor.token, "refund").await.is_empty());
    let body = json!({ "title": "How do I get a refund?", "body": "Open **Orders** and choose *Refund*.", "status": "published" });
    write_article(&app, &agent, Some(refund.id), body).await;
    assert_eq!(search(&app, &visitor.token, "refund").await.len(), 1);

    // Odd queries are answered, not failed.
    assert!(search(&app, &visitor.token, "   ").await.is_empty());
    let long = "refund ".repeat(2_000);
    assert_eq!(search(&app, &visitor.token, &long).await.len(), 1);
    assert!(search(&app, &visitor.token, "title:refund\" AND (*)").await.len() <= 1);
    let missing = reqwest::Client::new()
        .get(app.url("/api/v1/widget/search"))
        .bearer_auth(&visitor.token)
        .send()
        .await
        .expect("search");
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn search_never_crosses_workspaces_and_follows_outside_changes(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let other = server::operator::add_workspace(&app.state.store, "Other", &[], None).await.expect("workspace");
    let folder = tempfile::tempdir().expect("folder");
    std::fs::write(folder.path().join("payouts.md"), "# Payouts\n\nPayouts arrive every Friday.\n").expect("write");
    let options = ImportOptions::default();

    // An import into the other workspace, as the command line would do it from another
    // process: this node's index learns of it from the database.
    library::import_folder(&app.state.store, &other, folder.path(), &options, |_, _| {}).await.expect("import");
    assert!(app.state.search.sync_if_changed(&app.state.store).await.expect("sync"));
    assert!(!app.state.search.sync_if_changed(&app.state.store).await.expect("sync"), "nothing changed since");
    let visitor = app.create_visitor().await;
    assert!(search(&app, &visitor.token, "payouts").await.is_empty(), "another workspace's article");

    library::import_folder(&app.state.store, &app.workspace, folder.path(), &options, |_, _| {}).await.expect("import");
    assert!(search(&app, &visitor.token, "payouts").await.is_empty(), "not indexed before the sync");
    app.state.search.sync_if_changed(&app.state.store).await.expect("sync");
    let results = search(&app, &visitor.token, "payout").await;
    assert_eq!(results.iter().map(|r| r.slug.as_str()).collect::<Vec<_>>(), ["payouts"]);
    assert!(results[0].snippet_html.contains("<mark>Payouts</mark>"), "{}", results[0].snippet_html);
}

/// A visitor's `GET` of a help path (with its query), as JSON.
async fn visitor_get<T: serde::de::DeserializeOwned>(app: &TestApp, token: &str, path: &str) -> T {
    let response = reqwest::Client::new().get(app.url(path)).bearer_auth(token).send().await.expect("get");
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.expect("json")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn articles_in_the_visitors_language_come_first_in_search_and_categories(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let category = agent
        .http
        .post(app.url("/api/v1/categories"))
        .header(CSRF_HEADER, &agent.session.csrf_token)
        .json(&json!({ "name": "Billing" }))
        .send()
        .await
        .expect("category");
    assert!(category.status().is_success());
    let category: protocol::help::Category = category.json().await.expect("category json");
    for (title, locale) in [
        ("Invoice export", Some("en")),
        ("Invoice export for everyone", None),
        ("Invoice export (Rechnung)", Some("de")),
    ] {
        let body = json!({ "title": title, "body": "Download every invoice as CSV.", "status": "published",
            "category_id": category.id, "locale": locale });
        write_article(&app, &agent, None, body).await;
    }
    let visitor = app.create_visitor().await;
    let slugs = |found: Vec<SearchResult>| found.into_iter().map(|result| result.slug).collect::<Vec<_>>();
    let german = "invoice-export-rechnung";
    let everyone = "invoice-export-for-everyone";
    let english = "invoice-export";

    let found: Vec<SearchResult> = visitor_get(&app, &visitor.token, "/api/v1/widget/search?q=invoice&locale=de").await;
    assert_eq!(slugs(found), [german, everyone, english], "German, then no language, then another");
    let found: Vec<SearchResult> =
        visitor_get(&app, &visitor.token, "/api/v1/widget/search?q=invoice&locale=en-GB").await;
    assert_eq!(slugs(found)[0], english);
    // A language Helpline does not ship, or none, leaves the ranking as it is.
    let unranked: Vec<SearchResult> = visitor_get(&app, &visitor.token, "/api/v1/widget/search?q=invoice").await;
    let french: Vec<SearchResult> =
        visitor_get(&app, &visitor.token, "/api/v1/widget/search?q=invoice&locale=fr").await;
    assert_eq!(slugs(french), slugs(unranked));

    let path = format!("/api/v1/widget/articles?category={}&locale=de", category.id);
    let listed: Vec<protocol::help::ArticleSummary> = visitor_get(&app, &visitor.token, &path).await;
    assert_eq!(listed.iter().map(|article| article.slug.as_str()).collect::<Vec<_>>(), [german, everyone, english]);
    let home: protocol::help::HelpHome = visitor_get(&app, &visitor.token, "/api/v1/widget/help?locale=es").await;
    assert!(home.categories.iter().any(|shown| shown.id == category.id));
}
