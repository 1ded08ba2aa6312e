//! What visitors do in the help center, through HTTP on both databases: the messenger's
//! help home, article views, "Did this answer your question?", searches that found
//! nothing, and the figures the console shows about them.

use e2e::{AgentClient, Backend, TestApp, Visitor};
use protocol::help::{Article, HelpAnalytics, HelpHome, SearchResult};
use protocol::limits::CSRF_HEADER;
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{Value, json};

async fn agent_post(app: &TestApp, agent: &AgentClient, path: &str, body: Value) -> reqwest::Response {
    agent
        .http
        .post(app.url(path))
        .header(CSRF_HEADER, &agent.session.csrf_token)
        .json(&body)
        .send()
        .await
        .expect("post")
}

async fn write_article(app: &TestApp, agent: &AgentClient, body: Value) -> Article {
    let response = agent_post(app, agent, "/api/v1/articles", body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.expect("article")
}

async fn visitor_post(app: &TestApp, visitor: &Visitor, path: &str, body: Option<Value>) -> StatusCode {
    let request = reqwest::Client::new().post(app.url(path)).bearer_auth(&visitor.token);
    let request = match body {
        Some(body) => request.json(&body),
        None => request,
    };
    request.send().await.expect("post").status()
}

async fn search(app: &TestApp, visitor: &Visitor, query: &[(&str, &str)]) -> Vec<SearchResult> {
    let response = reqwest::Client::new()
        .get(app.url("/api/v1/widget/search"))
        .query(query)
        .bearer_auth(&visitor.token)
        .send()
        .await
        .expect("search");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("results")
}

async fn analytics(app: &TestApp, agent: &AgentClient) -> HelpAnalytics {
    let response = agent.http.get(app.url("/api/v1/help/analytics")).send().await.expect("analytics");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("analytics")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn views_and_answers_reach_the_console_counted_once_per_visitor(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let refund = write_article(
        &app,
        &agent,
        json!({ "title": "Getting a refund", "body": "Open Orders and choose Refund.", "status": "published" }),
    )
    .await;
    let password = write_article(
        &app,
        &agent,
        json!({ "title": "Resetting your password", "body": "Use the link on the sign-in page.", "status": "published" }),
    )
    .await;
    let draft = write_article(&app, &agent, json!({ "title": "Unfinished", "body": "Soon.", "status": "draft" })).await;
    let (first, second) = (app.create_visitor().await, app.create_visitor().await);

    // Reopening an article soon after counts once; another visitor counts again.
    let views = format!("/api/v1/widget/articles/{}/views", refund.id);
    for visitor in [&first, &first, &second] {
        assert_eq!(visitor_post(&app, visitor, &views, None).await, StatusCode::NO_CONTENT);
    }
    // A later answer replaces the visitor's earlier one.
    let feedback = format!("/api/v1/widget/articles/{}/feedback", refund.id);
    for (visitor, helpful) in [(&first, true), (&first, false), (&second, true)] {
        let status = visitor_post(&app, visitor, &feedback, Some(json!({ "helpful": helpful }))).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }

    let figures = analytics(&app, &agent).await;
    let top = &figures.articles[0];
    assert_eq!((top.id, top.views, top.visitors, top.helpful, top.not_helpful), (refund.id, 2, 2, 1, 1));
    let quiet = figures.articles.iter().find(|a| a.id == password.id).expect("every article is listed");
    assert_eq!((quiet.views, quiet.helpful, quiet.not_helpful), (0, 0, 0));
    assert!(figures.articles.iter().any(|a| a.id == draft.id), "drafts are listed for agents");

    // The most viewed article leads the messenger's popular list.
    let home: HelpHome = reqwest::Client::new()
        .get(app.url("/api/v1/widget/help"))
        .bearer_auth(&first.token)
        .send()
        .await
        .expect("home")
        .json()
        .await
        .expect("home");
    let popular: Vec<i64> = home.popular.iter().map(|a| a.id).collect();
    assert_eq!(popular, [refund.id, password.id], "published articles only, most viewed first");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn bad_answers_and_hidden_articles_are_refused_without_touching_the_figures(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let draft = write_article(&app, &agent, json!({ "title": "Unfinished", "body": "Soon.", "status": "draft" })).await;
    let published =
        write_article(&app, &agent, json!({ "title": "Shipping", "body": "We ship daily.", "status": "published" }))
            .await;
    let visitor = app.create_visitor().await;

    let on_draft = format!("/api/v1/widget/articles/{}/feedback", draft.id);
    assert_eq!(visitor_post(&app, &visitor, &on_draft, Some(json!({ "helpful": true }))).await, StatusCode::NOT_FOUND);
    let views_of_draft = format!("/api/v1/widget/articles/{}/views", draft.id);
    assert_eq!(visitor_post(&app, &visitor, &views_of_draft, None).await, StatusCode::NOT_FOUND);
    let missing = "/api/v1/widget/articles/999999/views";
    assert_eq!(visitor_post(&app, &visitor, missing, None).await, StatusCode::NOT_FOUND);
    let feedback = format!("/api/v1/widget/articles/{}/feedback", published.id);
    assert_eq!(
        visitor_post(&app, &visitor, &feedback, Some(json!({ "helpful": "very" }))).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(visitor_post(&app, &visitor, &feedback, None).await, StatusCode::BAD_REQUEST);
    let anonymous = reqwest::Client::new().post(app.url(&feedback)).json(&json!({ "helpful": true })).send().await;
    assert_eq!(anonymous.expect("post").status(), StatusCode::UNAUTHORIZED);

    // A visitor of another workspace cannot see, rate or count this workspace's article.
    let other = app.other_workspace().await;
    let stranger = app.create_visitor_in(&other).await;
    assert_eq!(
        visitor_post(&app, &stranger, &feedback, Some(json!({ "helpful": false }))).await,
        StatusCode::NOT_FOUND
    );

    let figures = analytics(&app, &agent).await;
    assert!(figures.articles.iter().all(|a| a.views == 0 && a.helpful == 0 && a.not_helpful == 0));
    let anonymous = reqwest::Client::new().get(app.url("/api/v1/help/analytics")).send().await.expect("get");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_search_typed_as_you_go_that_finds_nothing_is_recorded_once(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    write_article(&app, &agent, json!({ "title": "Getting a refund", "body": "Open Orders.", "status": "published" }))
        .await;
    let (first, second) = (app.create_visitor().await, app.create_visitor().await);

    for typed in ["ws", "wsd", "wsdl", "wsdl ex", "wsdl export"] {
        assert!(search(&app, &first, &[("q", typed)]).await.is_empty(), "{typed}");
    }
    assert!(search(&app, &second, &[("q", "  WSDL   Export ")]).await.is_empty());
    // Hits, suggestions for a chat message, and blank queries are not misses.
    assert_eq!(search(&app, &first, &[("q", "refund")]).await.len(), 1);
    assert!(search(&app, &first, &[("q", "my order never arrived at all"), ("suggest", "true")]).await.is_empty());
    assert!(search(&app, &first, &[("q", "   ")]).await.is_empty());
    // A new search later by the same visitor is a row of its own.
    assert!(search(&app, &first, &[("q", "gift cards")]).await.is_empty());

    let missed = analytics(&app, &agent).await.missed_searches;
    let listed: Vec<(&str, i64)> = missed.iter().map(|m| (m.query.as_str(), m.visitors)).collect();
    assert_eq!(listed, [("wsdl export", 2), ("gift cards", 1)]);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_chat_message_being_written_finds_suggestions_a_search_would_not(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let reset = write_article(
        &app,
        &agent,
        json!({ "title": "Resetting your password", "body": "Use the link on the sign-in page.", "status": "published" }),
    )
    .await;
    let visitor = app.create_visitor().await;
    let message = "hi there, since yesterday my password reset keeps failing";

    assert!(search(&app, &visitor, &[("q", message)]).await.is_empty(), "most words of a search must match");
    let suggested = search(&app, &visitor, &[("q", message), ("suggest", "true"), ("limit", "3")]).await;
    assert_eq!(suggested.iter().map(|r| r.id).collect::<Vec<_>>(), [reset.id]);
    // One shared word is not enough to suggest an article.
    let unrelated = "hi there, the invoice for my order is wrong";
    assert!(search(&app, &visitor, &[("q", unrelated), ("suggest", "true")]).await.is_empty());
    assert!(analytics(&app, &agent).await.missed_searches.iter().all(|m| m.query != unrelated));
}
