//! Saved replies at the API boundary, on SQLite and PostgreSQL: admins create, list,
//! change and delete them; agents list them; every refusal (a malformed shortcut, a
//! missing or oversized field, an unknown variable, a taken shortcut, a full
//! workspace, an agent, a missing CSRF header, another workspace) says why and changes
//! nothing.

use std::time::Duration;

use e2e::{ADMIN_EMAIL, AGENT_EMAIL, AgentClient, Backend, TestApp};
use protocol::limits::CSRF_HEADER;
use protocol::replies::{MAX_BODY_CHARS, MAX_SHORTCUT_CHARS, MAX_TITLE_CHARS, SavedReply};
use protocol::{ErrorBody, ErrorCode};
use reqwest::{Method, StatusCode};
use rstest::rstest;
use serde_json::{Value, json};

const COLLECTION: &str = "/api/v1/saved-replies";

/// A request as `agent` makes it from the console, with the CSRF header.
fn request(app: &TestApp, agent: &AgentClient, method: Method, path: &str) -> reqwest::RequestBuilder {
    agent.http.request(method, app.url(path)).header(CSRF_HEADER, &agent.session.csrf_token)
}

async fn create(app: &TestApp, agent: &AgentClient, body: Value) -> reqwest::Response {
    request(app, agent, Method::POST, COLLECTION).json(&body).send().await.expect("create saved reply")
}

/// Creates a reply that must be accepted.
async fn created(app: &TestApp, agent: &AgentClient, shortcut: &str, title: &str, body: &str) -> SavedReply {
    let response = create(app, agent, json!({ "shortcut": shortcut, "title": title, "body": body })).await;
    assert_eq!(response.status(), StatusCode::CREATED, "create /{shortcut}");
    response.json().await.expect("saved reply json")
}

async fn update(app: &TestApp, agent: &AgentClient, id: i64, body: Value) -> reqwest::Response {
    request(app, agent, Method::PUT, &format!("{COLLECTION}/{id}")).json(&body).send().await.expect("update")
}

async fn list(app: &TestApp, agent: &AgentClient) -> Vec<SavedReply> {
    let response = request(app, agent, Method::GET, COLLECTION).send().await.expect("list");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("list json")
}

/// The error body of a refusal, after checking its status and code.
async fn refusal(response: reqwest::Response, status: StatusCode, code: ErrorCode) -> ErrorBody {
    assert_eq!(response.status(), status);
    let body: ErrorBody = response.json().await.expect("error body");
    assert_eq!(body.code, code, "{body:?}");
    body
}

/// The refused fields and their messages.
fn fields(body: &ErrorBody) -> Vec<(&str, &str)> {
    body.fields.iter().map(|field| (field.field.as_str(), field.message.as_str())).collect()
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn admins_create_change_and_delete_saved_replies_and_every_agent_lists_them(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;

    // A leading `/` and surrounding spaces are dropped; the body keeps its lines.
    let refund = created(
        &app,
        &admin,
        " /refund ",
        " Refund policy ",
        "Hi {{visitor.first_name|there}},\n\nYour refund is on its way.\n{{agent.name}}\n",
    )
    .await;
    assert_eq!(refund.shortcut, "refund");
    assert_eq!(refund.title, "Refund policy");
    assert_eq!(refund.body, "Hi {{visitor.first_name|there}},\n\nYour refund is on its way.\n{{agent.name}}");
    assert_eq!(refund.created_by, Some(admin.session.agent.id));
    assert_eq!(refund.created_at, refund.updated_at);
    let hello = created(&app, &admin, "hello", "Greeting", "Hello {{visitor.name}}!").await;

    // Every agent of the workspace lists them, by shortcut.
    let listed = list(&app, &agent).await;
    assert_eq!(listed, [hello.clone(), refund.clone()]);
    let one = request(&app, &agent, Method::GET, &format!("{COLLECTION}/{}", refund.id)).send().await.expect("get");
    assert_eq!(one.status(), StatusCode::OK);
    assert_eq!(one.json::<SavedReply>().await.expect("json"), refund);

    // A change replaces all three fields and moves `updated_at`.
    app.state.clock.advance(Duration::from_secs(60));
    let changed = update(
        &app,
        &admin,
        refund.id,
        json!({ "shortcut": "refund-30", "title": "Refund within 30 days", "body": "Ticket #{{ticket.number}}: refunded." }),
    )
    .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: SavedReply = changed.json().await.expect("json");
    assert_eq!((changed.id, changed.shortcut.as_str()), (refund.id, "refund-30"));
    assert_eq!(changed.body, "Ticket #{{ticket.number}}: refunded.");
    assert_eq!(changed.created_at, refund.created_at);
    assert!(changed.updated_at >= refund.updated_at + 60_000, "{changed:?}");
    assert_eq!(list(&app, &agent).await, [hello.clone(), changed.clone()]);

    let deleted = request(&app, &admin, Method::DELETE, &format!("{COLLECTION}/{}", refund.id)).send().await;
    assert_eq!(deleted.expect("delete").status(), StatusCode::NO_CONTENT);
    assert_eq!(list(&app, &agent).await, [hello]);
    for method in [Method::GET, Method::DELETE] {
        let gone = request(&app, &admin, method, &format!("{COLLECTION}/{}", refund.id)).send().await.expect("send");
        refusal(gone, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    }
    let gone = update(&app, &admin, refund.id, json!({ "shortcut": "x", "title": "x", "body": "x" })).await;
    refusal(gone, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn each_bad_field_is_refused_beside_that_field_and_nothing_is_saved(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;

    let long_shortcut = "x".repeat(MAX_SHORTCUT_CHARS + 1);
    let long_title = "t".repeat(MAX_TITLE_CHARS + 1);
    let long_body = "b".repeat(MAX_BODY_CHARS + 1);
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!({ "shortcut": "Refund", "title": "T", "body": "B" }), "shortcut", "lowercase letters"),
        (json!({ "shortcut": "re fund", "title": "T", "body": "B" }), "shortcut", "lowercase letters"),
        (json!({ "shortcut": "remboursé", "title": "T", "body": "B" }), "shortcut", "lowercase letters"),
        (json!({ "shortcut": " / ", "title": "T", "body": "B" }), "shortcut", "give a shortcut"),
        (json!({ "shortcut": long_shortcut, "title": "T", "body": "B" }), "shortcut", "32 characters"),
        (json!({ "shortcut": "ok", "title": "  ", "body": "B" }), "title", "give the reply a title"),
        (json!({ "shortcut": "ok", "title": long_title, "body": "B" }), "title", "100 characters"),
        (json!({ "shortcut": "ok", "title": "Two\nlines", "body": "B" }), "title", "one line"),
        (json!({ "shortcut": "ok", "title": "T", "body": " \n\t " }), "body", "write the text"),
        (json!({ "shortcut": "ok", "title": "T", "body": long_body }), "body", "10000 characters"),
        (
            json!({ "shortcut": "ok", "title": "T", "body": "Hi {{customer.name}}" }),
            "body",
            "{{customer.name}} is not a variable; use {{visitor.name}}",
        ),
        (json!({ "shortcut": "ok", "title": "T", "body": "Hi {{visitor.name" }), "body", "close every {{"),
    ];
    for (input, field, says) in &cases {
        let body =
            refusal(create(&app, &admin, input.clone()).await, StatusCode::BAD_REQUEST, ErrorCode::BadRequest).await;
        let refused = fields(&body);
        assert_eq!(refused.len(), 1, "{input}: {refused:?}");
        assert_eq!(refused[0].0, *field, "{input}");
        assert!(refused[0].1.contains(says), "{input}: {:?} should say {says:?}", refused[0].1);
    }

    // Every refused field is reported at once.
    let all = create(&app, &admin, json!({ "shortcut": "", "title": "", "body": "{{nope}}" })).await;
    let body = refusal(all, StatusCode::BAD_REQUEST, ErrorCode::BadRequest).await;
    let names: Vec<&str> = fields(&body).into_iter().map(|(field, _)| field).collect();
    assert_eq!(names, ["shortcut", "title", "body"]);
    // A body missing a field entirely is refused too.
    let partial = create(&app, &admin, json!({ "shortcut": "ok", "title": "T" })).await;
    refusal(partial, StatusCode::BAD_REQUEST, ErrorCode::BadRequest).await;

    // A change is checked the same way, and a refused one leaves the reply as it was.
    let kept = created(&app, &admin, "kept", "Kept", "Unchanged {{agent.first_name}}").await;
    for (input, field, _) in &cases {
        let response = update(&app, &admin, kept.id, input.clone()).await;
        let body = refusal(response, StatusCode::BAD_REQUEST, ErrorCode::BadRequest).await;
        assert_eq!(fields(&body)[0].0, *field, "{input}");
    }
    assert_eq!(list(&app, &admin).await, [kept]);

    // The largest body and title allowed, with every variable, are accepted.
    let variables: String = protocol::template::Variable::ALL.iter().map(|variable| variable.placeholder()).collect();
    let body = format!("{variables}{}", "b".repeat(MAX_BODY_CHARS - variables.chars().count()));
    let title = "t".repeat(MAX_TITLE_CHARS);
    let shortcut = "x".repeat(MAX_SHORTCUT_CHARS);
    let largest = created(&app, &admin, &shortcut, &title, &body).await;
    assert_eq!(largest.body.chars().count(), MAX_BODY_CHARS);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_shortcut_already_in_use_is_a_conflict_that_names_it(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let refund = created(&app, &admin, "refund", "Refund", "Refunded.").await;
    let thanks = created(&app, &admin, "thanks", "Thanks", "Thank you!").await;

    let again = create(&app, &admin, json!({ "shortcut": "/refund", "title": "Other", "body": "Other" })).await;
    let body = refusal(again, StatusCode::CONFLICT, ErrorCode::Conflict).await;
    assert_eq!(body.message, "another saved reply already uses the shortcut /refund");
    let renamed = update(&app, &admin, thanks.id, json!({ "shortcut": "refund", "title": "T", "body": "B" })).await;
    refusal(renamed, StatusCode::CONFLICT, ErrorCode::Conflict).await;
    assert_eq!(list(&app, &admin).await, [refund.clone(), thanks]);

    // Keeping its own shortcut is no conflict.
    let same =
        update(&app, &admin, refund.id, json!({ "shortcut": "refund", "title": "Refunds", "body": "Done." })).await;
    assert_eq!(same.status(), StatusCode::OK);

    // Another workspace may use the same shortcut.
    app.other_workspace().await;
    let eve = app.login(e2e::OTHER_EMAIL).await;
    created(&app, &eve, "refund", "Eve's refund", "Eve refunds.").await;
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_workspace_keeps_at_most_its_limit_of_saved_replies_even_when_created_at_once(#[case] backend: Backend) {
    const LIMIT: u32 = 5;
    let app = TestApp::spawn_with(backend, |config| config.limits.saved_replies_per_workspace = LIMIT).await;
    let admin = app.login(ADMIN_EMAIL).await;

    // Twelve creations at once: exactly the limit gets through.
    let attempts = (0..12).map(|n| {
        let (app, admin) = (&app, &admin);
        async move { create(app, admin, json!({ "shortcut": format!("r{n}"), "title": "T", "body": "B" })).await }
    });
    let responses = futures_util::future::join_all(attempts).await;
    let mut accepted = 0;
    for response in responses {
        if response.status() == StatusCode::CREATED {
            accepted += 1;
        } else {
            let body = refusal(response, StatusCode::CONFLICT, ErrorCode::Conflict).await;
            assert!(body.message.contains("5 saved replies, as many as it may keep"), "{}", body.message);
        }
    }
    assert_eq!(accepted, LIMIT);
    let kept = list(&app, &admin).await;
    assert_eq!(kept.len(), LIMIT as usize);

    // Deleting one makes room for one.
    let deleted = request(&app, &admin, Method::DELETE, &format!("{COLLECTION}/{}", kept[0].id)).send().await;
    assert_eq!(deleted.expect("delete").status(), StatusCode::NO_CONTENT);
    created(&app, &admin, "room", "Room", "There was room.").await;
    let full = create(&app, &admin, json!({ "shortcut": "more", "title": "T", "body": "B" })).await;
    refusal(full, StatusCode::CONFLICT, ErrorCode::Conflict).await;

    // Another workspace counts its own.
    app.other_workspace().await;
    let eve = app.login(e2e::OTHER_EMAIL).await;
    created(&app, &eve, "first", "First", "Eve's first.").await;
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn agents_use_saved_replies_but_only_admins_manage_them(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    let refund = created(&app, &admin, "refund", "Refund", "Refunded.").await;

    let input = json!({ "shortcut": "mine", "title": "Mine", "body": "Mine." });
    let attempts = [
        request(&app, &agent, Method::POST, COLLECTION).json(&input),
        request(&app, &agent, Method::PUT, &format!("{COLLECTION}/{}", refund.id)).json(&input),
        request(&app, &agent, Method::DELETE, &format!("{COLLECTION}/{}", refund.id)),
    ];
    for attempt in attempts {
        let body = refusal(attempt.send().await.expect("send"), StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
        assert!(body.message.starts_with("only admins can"), "{}", body.message);
    }
    assert_eq!(list(&app, &agent).await, [refund]);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn another_workspace_neither_sees_nor_touches_a_saved_reply(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let refund = created(&app, &admin, "refund", "Refund", "Refunded.").await;
    app.other_workspace().await;
    let eve = app.login(e2e::OTHER_EMAIL).await;

    assert!(list(&app, &eve).await.is_empty());
    let path = format!("{COLLECTION}/{}", refund.id);
    let input = json!({ "shortcut": "stolen", "title": "Stolen", "body": "Stolen." });
    for attempt in [
        request(&app, &eve, Method::GET, &path),
        request(&app, &eve, Method::PUT, &path).json(&input),
        request(&app, &eve, Method::DELETE, &path),
    ] {
        let body = refusal(attempt.send().await.expect("send"), StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
        assert_eq!(body.message, "saved reply not found");
    }
    assert_eq!(list(&app, &admin).await, [refund]);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn changes_need_the_csrf_header_and_every_call_a_session(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let refund = created(&app, &admin, "refund", "Refund", "Refunded.").await;
    let path = format!("{COLLECTION}/{}", refund.id);
    let input = json!({ "shortcut": "forged", "title": "Forged", "body": "Forged." });

    // The session cookie alone, as a forged cross-site form would send it.
    for attempt in [
        admin.http.post(app.url(COLLECTION)).json(&input),
        admin.http.put(app.url(&path)).json(&input),
        admin.http.delete(app.url(&path)),
        admin.http.put(app.url(&path)).header(CSRF_HEADER, "not-the-token").json(&input),
    ] {
        refusal(attempt.send().await.expect("send"), StatusCode::FORBIDDEN, ErrorCode::CsrfFailed).await;
    }
    // No session at all.
    let anonymous = reqwest::Client::new();
    for attempt in [anonymous.get(app.url(COLLECTION)), anonymous.get(app.url(&path))] {
        refusal(attempt.send().await.expect("send"), StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized).await;
    }
    assert_eq!(list(&app, &admin).await, [refund]);
}
